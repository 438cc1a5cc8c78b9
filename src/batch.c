/* batch.c: --list, --themes and --show: the scriptable face of the engine.
 * Every byte from an article goes through decode_sanitize on its way out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "corpus.h"
#include "decode.h"
#include "lexicon.h"
#include "match.h"
#include "text.h"
#include "util.h"
#include "wrap.h"

/* Appends S as a TSV field: sanitised, tabs and newlines as spaces. */
static void
tsv_field(struct buf *b, const char *s)
{
	size_t start = b->len, i;

	decode_sanitize(b, s, strlen(s), 0);
	for (i = start; i < b->len; i++)
		if (b->s[i] == '\t' || b->s[i] == '\n')
			b->s[i] = ' ';
}

/* Appends S as a JSON string (sanitised first, then escaped). */
static void
json_str(struct buf *b, const char *s)
{
	struct buf t;
	size_t i;

	buf_init(&t);
	decode_sanitize(&t, s, strlen(s), 1);
	buf_addc(b, '"');
	for (i = 0; i < t.len; i++) {
		unsigned char c = (unsigned char)t.s[i];

		if (c == '"' || c == '\\')
			buf_addf(b, "\\%c", c);
		else if (c == '\n')
			buf_adds(b, "\\n");
		else if (c < 0x20)
			buf_addf(b, "\\u%04x", c);
		else
			buf_addc(b, (char)c);
	}
	buf_addc(b, '"');
	buf_free(&t);
}

/* The lexicon themes of article A, strongest first, comma-separated;
 * as JSON strings when JSON (ids are plain, but stay safe). */
static void
themes_list(struct buf *b, const struct corpus *c, const struct article *a,
    int json)
{
	size_t h;
	int first = 1;

	for (h = 0; h < a->nhits; h++) {
		const struct ctheme *t = &c->themes[a->hits[h].theme];

		if (t->kind != THEME_LEXICON)
			continue;
		if (!first)
			buf_addc(b, ',');
		if (json)
			json_str(b, t->id);
		else
			buf_adds(b, t->id);
		first = 0;
	}
}


static int
flush(FILE *fp, struct buf *b)
{
	int rc = 0;

	if (b->len && fwrite(b->s, 1, b->len, fp) != b->len)
		rc = -1;
	buf_free(b);
	return fflush(fp) == EOF ? -1 : rc;
}

/* One --list row (TSV) or object (JSON). */
static void
list_row(struct buf *b, struct corpus *c, size_t i, enum batch_format f)
{
	const struct article *a = &c->v[i];

	if (f == FORMAT_TSV) {
		buf_addf(b, "%zu\t", i + 1);
		tsv_field(b, a->path);
		buf_addf(b, "\t%s\t%s\t", a->date, a->lang);
		tsv_field(b, a->source);
		buf_addc(b, '\t');
		tsv_field(b, a->title);
		buf_addc(b, '\t');
		themes_list(b, c, a, 0);
		batch_list_more(b, c, i, f);
		buf_addc(b, '\n');
		return;
	}
	buf_addf(b, "{\"id\":%zu,\"path\":", i + 1);
	json_str(b, a->path);
	buf_addf(b, ",\"date\":\"%s\",\"lang\":\"%s\",\"source\":",
	    a->date, a->lang);
	json_str(b, a->source);
	buf_adds(b, ",\"title\":");
	json_str(b, a->title);
	buf_adds(b, ",\"themes\":[");
	themes_list(b, c, a, 1);
	buf_addc(b, ']');
	batch_list_more(b, c, i, f);
	buf_addc(b, '}');
}

int
batch_list(FILE *fp, struct corpus *c, const unsigned char *keep,
    enum batch_format f)
{
	struct buf b;
	size_t i, shown = 0;

	buf_init(&b);
	if (f == FORMAT_TSV)
		buf_adds(&b, "id\tpath\tdate\tlang\tsource\ttitle\tthemes"
		    "\tentities\tstory\n");
	else
		buf_addc(&b, '[');
	for (i = 0; i < c->n; i++) {
		if (keep != NULL && !keep[i])
			continue;
		/* JSON commas depend on rows shown, not on ids */
		if (f == FORMAT_JSON)
			buf_adds(&b, shown ? ",\n " : "\n ");
		list_row(&b, c, i, f);
		shown++;
		if (b.len > 1 << 16 && fwrite(b.s, 1, b.len, fp) == b.len)
			b.len = 0;
	}
	if (f == FORMAT_JSON)
		buf_adds(&b, "\n]\n");
	return flush(fp, &b);
}

/* Counts, per theme, the articles KEEP selects. */
static void
count_themes(const struct corpus *c, const unsigned char *keep,
    uint32_t *n)
{
	size_t i, h;

	memset(n, 0, c->nthemes * sizeof *n);
	for (i = 0; i < c->n; i++) {
		if (keep != NULL && !keep[i])
			continue;
		for (h = 0; h < c->v[i].nhits; h++)
			n[c->v[i].hits[h].theme]++;
	}
}

int
batch_themes(FILE *fp, struct corpus *c, const unsigned char *keep,
    enum batch_format f)
{
	uint32_t *n = xcalloc(c->nthemes, sizeof *n);
	struct buf b;
	size_t t;

	count_themes(c, keep, n);
	buf_init(&b);
	buf_adds(&b, f == FORMAT_TSV ? "theme\tlabel\tkind\tarticles\n" : "[");
	for (t = 0; t < c->nthemes; t++) {
		const char *kind = c->themes[t].kind == THEME_LEXICON ?
		    "lexicon" : "discovered";

		if (f == FORMAT_TSV) {
			tsv_field(&b, c->themes[t].id);
			buf_addc(&b, '\t');
			tsv_field(&b, c->themes[t].label);
			buf_addf(&b, "\t%s\t%u\n", kind, n[t]);
			continue;
		}
		buf_adds(&b, t ? ",\n {\"theme\":" : "\n {\"theme\":");
		json_str(&b, c->themes[t].id);
		buf_adds(&b, ",\"label\":");
		json_str(&b, c->themes[t].label);
		buf_addf(&b, ",\"kind\":\"%s\",\"articles\":%u}", kind, n[t]);
	}
	if (f == FORMAT_JSON)
		buf_adds(&b, "\n]\n");
	free(n);
	return flush(fp, &b);
}

/* Writes one wrapped line of BODY, with evidence SPANS marked. *SP is
 * the first span that may still matter; it advances as lines go by. */
static void
show_line(struct buf *b, const char *body, const struct wrap_line *l,
    const struct span *sp, size_t nsp, size_t *k, const char *const mark[2])
{
	size_t pos = l->off, end = l->off + l->len, s, e;

	while (*k < nsp && sp[*k].off + sp[*k].len <= pos)
		(*k)++;
	for (size_t j = *k; j < nsp && sp[j].off < end; j++) {
		s = sp[j].off > pos ? sp[j].off : pos;
		e = sp[j].off + sp[j].len < end ? sp[j].off + sp[j].len : end;
		if (s < pos)
			continue;	/* overlaps one already marked */
		decode_sanitize(b, body + pos, s - pos, 0);
		buf_adds(b, mark[0]);
		decode_sanitize(b, body + s, e - s, 0);
		buf_adds(b, mark[1]);
		pos = e;
	}
	decode_sanitize(b, body + pos, end - pos, 0);
	buf_addc(b, '\n');
}

/* Appends S wrapped to WIDTH columns, each line sanitised. */
static void
show_wrapped(struct buf *b, const char *s, int width)
{
	struct wrap_line *lines;
	size_t n, l;

	n = wrap_text(s, strlen(s), width, &lines);
	for (l = 0; l < n; l++) {
		decode_sanitize(b, s + lines[l].off, lines[l].len, 0);
		buf_addc(b, '\n');
	}
	free(lines);
}

/* Title, a metadata line (date, language, source, path) and the themes,
 * each wrapped to WIDTH like the body. */
static void
show_head(struct buf *b, const struct corpus *c, const struct article *a,
    int width)
{
	struct buf h;

	buf_init(&h);
	show_wrapped(b, a->title, width);
	buf_adds(&h, a->date[0] ? a->date : "(no date)");
	buf_addf(&h, " | %s | %s | %s", a->lang[0] ? a->lang : "??",
	    a->source[0] ? a->source : "(no source)", a->path);
	show_wrapped(b, h.s, width);
	h.len = 0;
	themes_list(&h, c, a, 0);
	if (h.len) {
		struct buf t;

		buf_init(&t);
		buf_adds(&t, "Themes:");
		for (char *id = strtok(h.s, ","); id; id = strtok(NULL, ",")) {
			buf_addc(&t, ' ');
			buf_adds(&t, id);	/* space after commas: wraps */
			buf_addc(&t, ',');
		}
		t.s[--t.len] = '\0';
		show_wrapped(b, t.s, width);
		buf_free(&t);
	}
	buf_free(&h);
	buf_addc(b, '\n');
}

int
batch_show(FILE *fp, struct corpus *c, size_t i, int width, int highlight)
{
	static const char *const brackets[2] = { "[[", "]]" };
	static const char *const sgr[2] = { "\033[7m", "\033[27m" };
	const struct article *a = &c->v[i];
	struct match_result r = { 0 };
	struct wrap_line *lines;
	struct fold_cache *fc;
	const char *body;
	size_t len, n, l, k = 0;
	struct buf b;

	if ((body = corpus_body(c, i, &len)) == NULL)
		return -1;
	if (highlight && c->lex != NULL) {
		fc = fold_cache_new();
		match_article(c->lex, fc, a->lang, a->title, body, len, 1, &r);
		fold_cache_free(fc);
	}
	buf_init(&b);
	show_head(&b, c, a, width);
	n = wrap_text(body, len, width, &lines);
	for (l = 0; l < n; l++)
		show_line(&b, body, &lines[l], r.spans, r.nspans, &k,
		    highlight == 2 ? sgr : brackets);
	free(lines);
	match_result_free(&r);
	return flush(fp, &b);
}

/* For batch_more.c: a TSV field, a JSON string, the final write. */
void
batch_tsv(struct buf *b, const char *s)
{
	tsv_field(b, s);
}

void
batch_json(struct buf *b, const char *s)
{
	json_str(b, s);
}

int
batch_flush(FILE *fp, struct buf *b)
{
	return flush(fp, b);
}
