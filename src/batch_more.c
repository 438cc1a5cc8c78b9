/* batch_more.c: --entities, --stories and --timeline, and the columns --list appends (entities, story). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "corpus.h"
#include "entity.h"
#include "story.h"
#include "timeline.h"
#include "util.h"

void
batch_list_more(struct buf *b, struct corpus *c, size_t i,
    enum batch_format f)
{
	const struct entity_index *ix = entity_index(c);
	const struct story_index *si = story_index(c);
	size_t j;

	buf_adds(b, f == FORMAT_TSV ? "\t" : ",\"entities\":[");
	for (j = ix->off[i]; j < ix->off[i + 1]; j++) {
		if (j > ix->off[i])
			buf_addc(b, ',');
		if (f == FORMAT_TSV)
			batch_tsv(b, ix->v[ix->ents[j]].id);
		else
			batch_json(b, ix->v[ix->ents[j]].id);
	}
	if (f == FORMAT_TSV)
		buf_addf(b, "\t%s", si->v[si->of[i]].id);
	else
		buf_addf(b, "],\"story\":\"%s\"", si->v[si->of[i]].id);
}

/* Orders entity rows (pointers into one array): curated before found,
 * then most articles first, then by id. */
static int
cmp_entity(const void *x, const void *y)
{
	const struct entity *a = *(const struct entity *const *)x;
	const struct entity *b = *(const struct entity *const *)y;

	if ((a->kind == ENTITY_FOUND) != (b->kind == ENTITY_FOUND))
		return a->kind == ENTITY_FOUND ? 1 : -1;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->id, b->id);
}

/* Counts, per entity, the articles KEEP selects into N. */
static void
count_entities(const struct entity_index *ix, const unsigned char *keep,
    struct entity *n)
{
	size_t i, j;

	for (j = 0; j < ix->n; j++) {
		n[j] = ix->v[j];
		n[j].count = 0;
	}
	for (i = 0; i < ix->narticles; i++)
		if (keep == NULL || keep[i])
			for (j = ix->off[i]; j < ix->off[i + 1]; j++)
				n[ix->ents[j]].count++;
}

int
batch_entities(FILE *fp, struct corpus *c, const unsigned char *keep,
    enum batch_format f)
{
	const struct entity_index *ix = entity_index(c);
	struct entity *n = xcalloc(ix->n ? ix->n : 1, sizeof *n);
	const struct entity **order = xmalloc((ix->n ? ix->n : 1) *
	    sizeof *order);
	size_t j, k = 0, shown = 0;
	struct buf b;

	count_entities(ix, keep, n);
	for (j = 0; j < ix->n; j++)
		if (n[j].count > 0)
			order[k++] = &n[j];
	qsort(order, k, sizeof *order, cmp_entity);
	buf_init(&b);
	buf_adds(&b, f == FORMAT_TSV ? "entity\tlabel\tkind\tarticles\n" : "[");
	for (j = 0; j < k; j++) {
		const struct entity *e = order[j];

		if (f == FORMAT_TSV) {
			batch_tsv(&b, e->id);
			buf_addc(&b, '\t');
			batch_tsv(&b, e->label);
			buf_addf(&b, "\t%s\t%u\n", entity_kind_name(e->kind),
			    e->count);
			continue;
		}
		buf_adds(&b, shown++ ? ",\n {\"entity\":" : "\n {\"entity\":");
		batch_json(&b, e->id);
		buf_adds(&b, ",\"label\":");
		batch_json(&b, e->label);
		buf_addf(&b, ",\"kind\":\"%s\",\"articles\":%u}",
		    entity_kind_name(e->kind), e->count);
	}
	if (f == FORMAT_JSON)
		buf_adds(&b, "\n]\n");
	free(n);
	free(order);
	return batch_flush(fp, &b);
}

/* One --stories row or object: story S with NSEL selected articles. */
static void
story_row(struct buf *b, struct corpus *c, const struct story *s,
    enum batch_format f, int first)
{
	const char *title = c->v[s->head].title;

	if (f == FORMAT_TSV) {
		buf_addf(b, "%s\t%s\t%s\t%zu\t", s->id, s->date, s->langs,
		    s->narticles);
		batch_tsv(b, title);
		buf_addc(b, '\n');
		return;
	}
	buf_addf(b, "%s{\"story\":\"%s\",\"date\":\"%s\",\"langs\":[",
	    first ? "\n " : ",\n ", s->id, s->date);
	for (const char *p = s->langs; *p; ) {
		size_t w = strcspn(p, ",");

		buf_addf(b, "%s\"%.*s\"", p == s->langs ? "" : ",", (int)w, p);
		p += w + (p[w] == ',');
	}
	buf_addf(b, "],\"articles\":[");
	for (size_t j = 0; j < s->narticles; j++)
		buf_addf(b, "%s%u", j ? "," : "", s->articles[j] + 1);
	buf_adds(b, "],\"title\":");
	batch_json(b, title);
	buf_addc(b, '}');
}

int
batch_stories(FILE *fp, struct corpus *c, const unsigned char *keep,
    enum batch_format f)
{
	const struct story_index *si = story_index(c);
	size_t s, j, shown = 0;
	struct buf b;

	buf_init(&b);
	buf_adds(&b, f == FORMAT_TSV ? "story\tdate\tlangs\tarticles\ttitle\n" :
	    "[");
	for (s = 0; s < si->n; s++) {
		for (j = 0; keep != NULL && j < si->v[s].narticles; j++)
			if (keep[si->v[s].articles[j]])
				break;
		if (keep != NULL && j == si->v[s].narticles)
			continue;
		story_row(&b, c, &si->v[s], f, shown++ == 0);
	}
	if (f == FORMAT_JSON)
		buf_adds(&b, "\n]\n");
	return batch_flush(fp, &b);
}

/* Has article I theme *(unsigned *)ARG? */
static int
pick_theme(const struct corpus *c, size_t i, void *arg)
{
	return corpus_has_theme(c, i, *(unsigned *)arg);
}

/* Appends the --timeline rows of one column of counts N (theme ID). */
static void
timeline_rows(struct buf *b, const struct timeline_span *sp,
    const uint32_t *n, const char *id, enum batch_format f, size_t *shown)
{
	char label[16];
	size_t p;

	for (p = 0; p < sp->n; p++) {
		if (n[p] == 0)
			continue;
		timeline_label(sp->first + (int32_t)p, sp->by, label,
		    sizeof label);
		if (f == FORMAT_TSV) {
			buf_addf(b, "%s\t", label);
			batch_tsv(b, id);
			buf_addf(b, "\t%u\n", n[p]);
			continue;
		}
		buf_addf(b, "%s{\"period\":\"%s\",\"theme\":",
		    (*shown)++ ? ",\n " : "\n ", label);
		batch_json(b, id);
		buf_addf(b, ",\"articles\":%u}", n[p]);
	}
}

int
batch_timeline(FILE *fp, struct corpus *c, const unsigned char *keep, int by,
    enum batch_format f)
{
	struct timeline_span sp;
	uint32_t *n;
	size_t shown = 0;
	unsigned t;
	struct buf b;

	timeline_span(c, (enum timeline_by)by, &sp);
	n = xcalloc(sp.n ? sp.n : 1, sizeof *n);
	buf_init(&b);
	buf_adds(&b, f == FORMAT_TSV ? "period\ttheme\tarticles\n" : "[");
	/* "*": all the selected articles, then each theme */
	timeline_count(c, &sp, keep, NULL, NULL, n);
	timeline_rows(&b, &sp, n, "*", f, &shown);
	for (t = 0; t < c->nthemes; t++) {
		timeline_count(c, &sp, keep, pick_theme, &t, n);
		timeline_rows(&b, &sp, n, c->themes[t].id, f, &shown);
	}
	if (f == FORMAT_JSON)
		buf_adds(&b, "\n]\n");
	free(n);
	return batch_flush(fp, &b);
}
