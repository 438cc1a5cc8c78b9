/* batch.c: --list, --themes and --show: the scriptable face of the engine.
 * Every byte from an article goes through decode_sanitize on its way out. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unistr.h>

#include "batch.h"
#include "corpus.h"
#include "decode.h"
#include "lexicon.h"
#include "listmodel.h"
#include "match.h"
#include "text.h"
#include "util.h"
#include "wrap.h"

/* Appends S as a TSV field: sanitised, so one line whatever S holds (a
 * tab or newline, as in a file name, is U+FFFD like every control). */
static void
tsv_field(struct buf *b, const char *s)
{
	size_t start = 0, i, n = strlen(s);

	for (i = 0; i <= n; i++) {
		if (i < n && s[i] != '\t' && s[i] != '\n')
			continue;
		decode_sanitize(b, s + start, i - start, 0);
		if (i < n)
			buf_add_uc(b, 0xFFFD);
		start = i + 1;
	}
}

/* Appends S as a JSON string: every control escaped (\u001b, \u202e: a
 * file name comes back exact, and nothing reaches a terminal raw), a
 * byte that is not UTF-8 as U+FFFD, which JSON cannot otherwise hold. */
static void
json_str(struct buf *b, const char *s)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0, n = strlen(s);
	ucs4_t u;
	int l;

	buf_addc(b, '"');
	while (i < n) {
		l = u8_mbtouc(&u, p + i, n - i);
		if (u == '"' || u == '\\')
			buf_addf(b, "\\%c", (char)u);
		else if (u == '\n')
			buf_adds(b, "\\n");
		else if (u == '\t')
			buf_adds(b, "\\t");
		else if (decode_uc_is_control(u))
			buf_addf(b, "\\u%04x", (unsigned)u);
		else if (u == 0xFFFD)
			buf_add_uc(b, 0xFFFD);	/* broken UTF-8 too */
		else
			buf_add(b, s + i, (size_t)l);
		i += (size_t)l;
	}
	buf_addc(b, '"');
}

/* Article A's next lexicon theme hit from *H on (hits are strongest
 * first; discovered themes are left out), its theme in *T; moves *H past
 * it. NULL when there is none left. */
static const struct theme_hit *
next_lexicon_hit(const struct corpus *c, const struct article *a, size_t *h,
    const struct ctheme **t)
{
	for (; *h < a->nhits; (*h)++) {
		*t = &c->themes[a->hits[*h].theme];
		if ((*t)->kind == THEME_LEXICON)
			return &a->hits[(*h)++];
	}
	return NULL;
}

/* The lexicon themes of article A, strongest first, comma-separated;
 * as JSON strings when JSON (ids are plain, but stay safe). */
static void
themes_list(struct buf *b, const struct corpus *c, const struct article *a,
    int json)
{
	const struct ctheme *t;
	size_t h = 0;
	int first = 1;

	while (next_lexicon_hit(c, a, &h, &t) != NULL) {
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

/* The JSON scores of article A's lexicon themes: "id":score, strongest
 * first (as the themes list). */
static void
scores_json(struct buf *b, const struct corpus *c, const struct article *a)
{
	const struct theme_hit *hit;
	const struct ctheme *t;
	size_t h = 0;
	int first = 1;

	buf_adds(b, ",\"scores\":{");
	while ((hit = next_lexicon_hit(c, a, &h, &t)) != NULL) {
		if (!first)
			buf_addc(b, ',');
		json_str(b, t->id);
		buf_addf(b, ":%g", (double)hit->score);
		first = 0;
	}
	buf_addc(b, '}');
}

/* The JSON evidence of article I: each span that counted, with its
 * theme, byte offset and length in the cleaned body, and its text. */
static void
evidence_json(struct buf *b, struct corpus *c, size_t i)
{
	const struct article *a = &c->v[i];
	struct match_result r = { 0 };
	struct fold_cache *fc;
	const char *body;
	size_t len, k;
	char *text;

	buf_adds(b, ",\"evidence\":[");
	if (c->lex != NULL && (body = corpus_body(c, i, &len)) != NULL) {
		fc = fold_cache_new();
		match_article(c->lex, fc, a->lang, a->title, body, len, 1, &r);
		fold_cache_free(fc);
		for (k = 0; k < r.nspans; k++) {
			const struct span *sp = &r.spans[k];
			if (sp->off + (size_t)sp->len > len)
				continue;
			buf_adds(b, k ? ",{\"theme\":" : "{\"theme\":");
			json_str(b, lexicon_id(c->lex, sp->theme));
			buf_addf(b, ",\"off\":%u,\"len\":%u,\"text\":",
			    sp->off, sp->len);
			text = xstrndup(body + sp->off, sp->len);
			json_str(b, text);
			free(text);
			buf_addc(b, '}');
		}
		match_result_free(&r);
	}
	buf_addc(b, ']');
}

/* One --list row (TSV) or object (JSON); EVIDENCE adds the spans. */
static void
list_row(struct buf *b, struct corpus *c, size_t i, enum batch_format f,
    int evidence)
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
	scores_json(b, c, a);
	if (evidence)
		evidence_json(b, c, i);
	batch_list_more(b, c, i, f);
	buf_addc(b, '}');
}

int
batch_list(FILE *fp, struct corpus *c, const unsigned char *keep,
    enum batch_format f, int evidence)
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
		list_row(&b, c, i, f, evidence);
		shown++;
		if (b.len > 1 << 16 && fwrite(b.s, 1, b.len, fp) == b.len)
			b.len = 0;
	}
	if (f == FORMAT_JSON)
		buf_adds(&b, "\n]\n");
	return flush(fp, &b);
}

int
batch_themes(FILE *fp, struct corpus *c, const unsigned char *keep,
    enum batch_format f)
{
	uint32_t *n = xcalloc(c->nthemes, sizeof *n);
	struct buf b;
	size_t t;

	listmodel_count(c, keep, n);
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

/* Colours (SGR 31..36) for the themes of segments G, in the order they
 * first appear, so that the first six differ: malloc'd, by lexicon index. */
static unsigned char *
theme_colours(const struct corpus *c, const struct segment *g, size_t ng)
{
	size_t nth = lexicon_count(c->lex), k, next = 0;
	unsigned char *col = xcalloc(nth + 1, 1);
	uint8_t j;

	for (k = 0; k < ng; k++)
		for (j = 0; j < g[k].ntheme; j++)
			if (g[k].theme[j] < nth && col[g[k].theme[j]] == 0)
				col[g[k].theme[j]] = (unsigned char)(31 +
				    next++ % 6);
	return col;
}

/* Appends the theme ids of segment G, comma-separated. */
static void
seg_ids(struct buf *b, const struct corpus *c, const struct segment *g)
{
	uint8_t k;

	for (k = 0; k < g->ntheme; k++) {
		if (k > 0)
			buf_addc(b, ',');
		buf_adds(b, lexicon_id(c->lex, g->theme[k]));
	}
}

/* Sanitises S[0..N) into B, line by line (the newlines stay). */
static void
sanitize_lines(struct buf *b, const char *s, size_t n)
{
	const char *nl;

	while (n > 0 && (nl = memchr(s, '\n', n)) != NULL) {
		decode_sanitize(b, s, (size_t)(nl - s), 0);
		buf_addc(b, '\n');
		n -= (size_t)(nl - s) + 1;
		s = nl + 1;
	}
	decode_sanitize(b, s, n, 0);
}

/*
 * BODY with each evidence segment written "[[words|theme,theme]]",
 * sanitised, into B: the markers are part of the text that is wrapped,
 * so no line grows past the width.
 */
static void
mark_brackets(struct buf *b, const struct corpus *c, const char *body,
    size_t len, const struct segment *g, size_t ng)
{
	size_t pos = 0, k;

	for (k = 0; k < ng; k++) {
		if (g[k].off < pos || g[k].off + g[k].len > len)
			continue;
		sanitize_lines(b, body + pos, g[k].off - pos);
		buf_adds(b, "[[");
		sanitize_lines(b, body + g[k].off, g[k].len);
		buf_addc(b, '|');
		seg_ids(b, c, &g[k]);
		buf_adds(b, "]]");
		pos = g[k].off + g[k].len;
	}
	sanitize_lines(b, body + pos, len - pos);
}

/* Writes one wrapped line of BODY with the segments G coloured (SGR
 * sequences take no columns). *K is the first segment that may still
 * matter; it advances as lines go by. */
static void
show_line_sgr(struct buf *b, const char *body, const struct wrap_line *l,
    const struct segment *g, size_t ng, const unsigned char *col, size_t *k)
{
	size_t pos = l->off, end = l->off + l->len, s, e, j;

	while (*k < ng && g[*k].off + g[*k].len <= pos)
		(*k)++;
	for (j = *k; j < ng && g[j].off < end; j++) {
		s = g[j].off > pos ? g[j].off : pos;
		e = g[j].off + g[j].len < end ? g[j].off + g[j].len : end;
		decode_sanitize(b, body + pos, s - pos, 0);
		buf_adds(b, g[j].ntheme > 1 ? "\033[7m\033[4m" : "\033[7m");
		buf_addf(b, "\033[%dm", col[g[j].theme[0]]);	/* 4: several */
		decode_sanitize(b, body + s, e - s, 0);
		buf_adds(b, "\033[0m");
		pos = e;
	}
	decode_sanitize(b, body + pos, end - pos, 0);
	buf_addc(b, '\n');
}

/* The colours of the themes with evidence, one legend line wrapped to
 * WIDTH (on a terminal). */
static void
show_legend(struct buf *b, const struct corpus *c, const struct segment *g,
    size_t ng, const unsigned char *col, int width)
{
	unsigned char *seen = xcalloc(lexicon_count(c->lex) + 1, 1);
	size_t k, cols = 9;
	uint8_t j;

	buf_adds(b, "Evidence:");
	for (k = 0; k < ng; k++)
		for (j = 0; j < g[k].ntheme; j++) {
			uint16_t th = g[k].theme[j];
			const char *id = lexicon_id(c->lex, th);
			if (seen[th]++)
				continue;
			if (cols + 1 + strlen(id) > (size_t)width) {
				buf_addc(b, '\n');
				cols = 0;
			} else
				buf_addc(b, ' '), cols++;
			buf_addf(b, "\033[7m\033[%dm%s\033[0m", col[th], id);
			cols += strlen(id);
		}
	buf_adds(b, "\n\n");
	free(seen);
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
	buf_adds(&h, a->date[0] ? a->date : ARTICLE_NO_DATE);
	buf_addf(&h, " | %s | %s | %s", a->lang[0] ? a->lang : ARTICLE_NO_LANG,
	    a->source[0] ? a->source : ARTICLE_NO_SOURCE, a->path);
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

/* The body of --show, wrapped to WIDTH, evidence marked as HIGHLIGHT
 * says (0 none, 1 brackets, 2 colours). */
static void
show_body(struct buf *b, const struct corpus *c, const char *body,
    size_t len, int width, int highlight, const struct match_result *r)
{
	struct wrap_line *lines;
	struct segment *g;
	struct buf m;
	size_t n, l, k = 0, ng = match_segments(r, &g);
	unsigned char *col = highlight == 2 ? theme_colours(c, g, ng) : NULL;

	if (highlight == 2 && ng > 0)
		show_legend(b, c, g, ng, col, width);
	buf_init(&m);
	if (highlight == 2)
		buf_add(&m, body, len);
	else
		mark_brackets(&m, c, body, len, g, highlight ? ng : 0);
	n = wrap_text(m.s != NULL ? m.s : "", m.len, width, &lines);
	for (l = 0; l < n; l++) {
		if (highlight == 2) {
			show_line_sgr(b, m.s, &lines[l], g, ng, col, &k);
			continue;
		}
		buf_add(b, m.s + lines[l].off, lines[l].len);	/* sanitised */
		buf_addc(b, '\n');
	}
	free(lines);
	free(g);
	free(col);
	buf_free(&m);
}

int
batch_show(FILE *fp, struct corpus *c, size_t i, int width, int highlight)
{
	const struct article *a = &c->v[i];
	struct match_result r = { 0 };
	struct fold_cache *fc;
	const char *body;
	size_t len;
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
	show_body(&b, c, body, len, width, highlight, &r);
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
