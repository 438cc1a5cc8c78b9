/* t_listmodel.c: the list model without a terminal: the theme panel, the
 * language and the typed query are one filter (query_eval's), the sort
 * orders, the counts, a reload keeping the selection; the People &
 * places selection as entity terms of the same filter. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boiler.h"
#include "corpus.h"
#include "entity.h"
#include "lang.h"
#include "lexicon.h"
#include "listmodel.h"
#include "paths.h"
#include "query.h"
#include "sample.h"
#include "util.h"
#include "tap.h"

static struct corpus C;

/* The rows query_eval gives for Q in corpus order, as a string of ids. */
static char *
by_query(struct corpus *c, const char *q)
{
	unsigned char *keep = xcalloc(c->n + 1, 1);
	struct query *qq = query_parse(q, c, NULL, 0);
	struct buf b;
	size_t i;

	buf_init(&b);
	buf_adds(&b, "");
	query_eval(qq, c, keep);
	for (i = 0; i < c->n; i++)
		if (keep[i])
			buf_addf(&b, "%zu ", i);
	query_free(qq);
	free(keep);
	return b.s;
}

/* The model's rows (date order, not reversed) as the same string. */
static char *
by_model(const struct listmodel *m)
{
	struct buf b;
	size_t r;

	buf_init(&b);
	buf_adds(&b, "");
	for (r = 0; r < m->nrows; r++)
		buf_addf(&b, "%zu ", m->rows[r]);
	return b.s;
}

/* MODEL and QUERY must select the same articles. */
static void
same(struct listmodel *m, const char *q, const char *name)
{
	char *a, *b;

	listmodel_filter(m);
	a = by_model(m);
	b = by_query(m->c, q);
	is_str(a, b, name);
	free(a);
	free(b);
}

/* Each theme of the panel alone is theme:ID; its count is the same. */
static void
test_themes_one(void)
{
	struct listmodel m;
	char q[256];
	size_t t;
	uint32_t *all = xcalloc(C.nthemes + 1, sizeof *all);

	listmodel_init(&m, &C);
	listmodel_filter(&m);
	is_int(m.nrows, C.n, "nothing selected: every article");
	memcpy(all, m.tcount, C.nthemes * sizeof *all);
	ok(C.nthemes > 2, "the sample has themes (%zu)", C.nthemes);
	for (t = 0; t < C.nthemes; t++) {
		memset(m.tsel, 0, C.nthemes);
		m.tsel[t] = 1;
		snprintf(q, sizeof q, "theme:%s", C.themes[t].id);
		same(&m, q, q);
		if (m.nrows != all[t])
			ok(0, "count of %s: %u, rows %zu", q, all[t], m.nrows);
	}
	ok(1, "every theme's count is the rows it selects");
	listmodel_free(&m);
	free(all);
}

/* Two themes: all of is theme:a theme:b, any of is theme:a,b; with the
 * language and a typed query on top; a bad query is left out. */
static void
test_combined(void)
{
	struct listmodel m;
	char q[512];
	const char *a = C.themes[0].id, *b = C.themes[1].id;
	size_t k;

	listmodel_init(&m, &C);
	m.tsel[0] = m.tsel[1] = 1;
	snprintf(q, sizeof q, "theme:%s theme:%s", a, b);
	same(&m, q, "all of two themes");
	m.all_of = 0;
	snprintf(q, sizeof q, "theme:%s,%s", a, b);
	same(&m, q, "any of two themes");
	ok(m.nlangs >= 2, "languages collected (%zu)", m.nlangs);
	for (k = 1; k < m.nlangs; k++)
		ok(strcmp(m.langs[k - 1], m.langs[k]) < 0, "languages sorted");
	m.lang = 0;
	snprintf(q, sizeof q, "theme:%s,%s lang:%s", a, b, m.langs[0]);
	same(&m, q, "any of two themes and a language");
	snprintf(m.query, sizeof m.query, "kazakhstan");
	snprintf(q, sizeof q, "theme:%s,%s lang:%s kazakhstan", a, b,
	    m.langs[0]);
	same(&m, q, "themes, language and a typed word");
	is_str(m.qerr, "", "no error");
	snprintf(m.query, sizeof m.query, "nosuchfield:x");
	snprintf(q, sizeof q, "theme:%s,%s lang:%s", a, b, m.langs[0]);
	same(&m, q, "a bad typed query is left out");
	ok(m.qerr[0] != '\0', "and reported: %s", m.qerr);
	listmodel_free(&m);
}

/* The number of entity ID in C's index (the test fails without it). */
static uint32_t
ent(const char *id)
{
	long e = entity_find(entity_index(&C), id);

	ok(e >= 0, "entity %s in the sample", id);
	return e >= 0 ? (uint32_t)e : 0;
}

/* The People & places selection is a filter of the model, as the themes:
 * one entity is entity:ID; two are all of or any of as the themes; with
 * a theme and a typed query on top; described as entity: terms; a bad
 * typed query leaves it in; a reload drops it. */
static void
test_entities(void)
{
	struct listmodel m;
	uint32_t e[2];
	char q[512];
	struct buf b;

	listmodel_init(&m, &C);
	e[0] = ent("wang-yi");
	listmodel_set_entities(&m, e, 1);
	same(&m, "entity:wang-yi", "one entity");
	ok(m.nrows > 0 && m.nrows < C.n, "it narrows the list (%zu)", m.nrows);
	e[0] = ent("xi-jinping");
	e[1] = ent("beijing");
	listmodel_set_entities(&m, e, 2);
	same(&m, "entity:xi-jinping entity:beijing", "all of two entities");
	buf_init(&b);
	buf_adds(&b, "");
	listmodel_describe(&m, &b);
	is_str(b.s, "entity:xi-jinping entity:beijing", "described all of");
	m.all_of = 0;
	same(&m, "entity:xi-jinping,beijing", "any of two entities");
	b.len = 0;
	m.tsel[0] = 1;
	snprintf(m.query, sizeof m.query, "china");
	listmodel_describe(&m, &b);
	snprintf(q, sizeof q, "theme:%s entity:xi-jinping,beijing china",
	    C.themes[0].id);
	is_str(b.s, q, "described with a theme and a typed word");
	same(&m, q, "entities, a theme and a typed word");
	snprintf(m.query, sizeof m.query, "nosuchfield:x");
	snprintf(q, sizeof q, "theme:%s entity:xi-jinping,beijing",
	    C.themes[0].id);
	same(&m, q, "a bad typed query leaves the entities in");
	listmodel_reset(&m, &C, NULL, 0);
	is_int(m.nents, 0, "a reload drops the entities");
	listmodel_set_entities(&m, e, 2);
	listmodel_set_entities(&m, NULL, 0);
	same(&m, "", "none selected again");
	buf_free(&b);
	listmodel_free(&m);
}

/* The description is the filter in the query language. */
static void
test_describe(void)
{
	struct listmodel m;
	struct buf b;
	char want[512];

	listmodel_init(&m, &C);
	buf_init(&b);
	buf_adds(&b, "");
	listmodel_describe(&m, &b);
	is_str(b.s, "", "no filter: empty");
	m.tsel[0] = m.tsel[2] = 1;
	m.all_of = 0;
	m.lang = 0;
	snprintf(m.query, sizeof m.query, "energy");
	b.len = 0;
	listmodel_describe(&m, &b);
	snprintf(want, sizeof want, "theme:%s,%s lang:%s energy",
	    C.themes[0].id, C.themes[2].id, m.langs[0]);
	is_str(b.s, want, "themes, language, query");
	buf_free(&b);
	listmodel_free(&m);
}

/* Sorting: by title in strcoll order, reversed exactly. */
static void
test_sort(void)
{
	struct listmodel m;
	size_t r, n;
	size_t *fwd;
	int sorted = 1, rev = 1;

	listmodel_init(&m, &C);
	m.sort = SORT_TITLE;
	listmodel_filter(&m);
	n = m.nrows;
	for (r = 1; r < n; r++)
		sorted &= strcoll(C.v[m.rows[r - 1]].title,
		    C.v[m.rows[r]].title) <= 0;
	ok(sorted && n == C.n, "by title");
	fwd = xcalloc(n + 1, sizeof *fwd);
	memcpy(fwd, m.rows, n * sizeof *fwd);
	m.reverse = 1;
	listmodel_filter(&m);
	for (r = 0; r < n; r++)
		rev &= m.rows[r] == fwd[n - 1 - r];
	ok(rev, "reversed");
	m.sort = SORT_DATE;
	m.reverse = 0;
	listmodel_filter(&m);
	for (r = 0; r < n; r++)
		rev &= m.rows[r] == r;
	ok(rev, "by date: the corpus's order");
	is_int(listmodel_row_of(&m, 3), 3, "row_of");
	free(fwd);
	listmodel_free(&m);
}

/* A reload keeps the selected themes (by id) and the language. */
static void
test_reset(void)
{
	struct listmodel m;
	char **ids, *lang;
	size_t n;

	listmodel_init(&m, &C);
	m.tsel[1] = 1;
	m.lang = 1;
	lang = xstrdup(m.langs[1]);
	ids = listmodel_selected_ids(&m, &n);
	is_int(n, 1, "one id saved");
	listmodel_reset(&m, &C, ids, n);
	ok(m.tsel[1] && !m.tsel[0], "the theme is selected again");
	ok(m.lang >= 0 && strcmp(m.langs[m.lang], lang) == 0,
	    "the language is kept by its code");
	free(ids[0]);
	free(ids);
	free(lang);
	listmodel_free(&m);
}

/* A corpus without bitsets (built by hand): the same answers. */
static void
test_no_sets(void)
{
	static struct ctheme th[] = { { "a", "A", THEME_LEXICON, 0 },
	    { "b", "B", THEME_LEXICON, 0 } };
	struct corpus h;
	struct listmodel m;
	uint32_t n[2];
	size_t i;

	memset(&h, 0, sizeof h);
	h.n = 3;
	h.v = xcalloc(h.n, sizeof *h.v);
	h.themes = th;
	h.nthemes = 2;
	for (i = 0; i < h.n; i++) {
		h.v[i].path = h.v[i].title = h.v[i].source = (char *)"x";
		h.v[i].body = (char *)"";
		snprintf(h.v[i].lang, sizeof h.v[i].lang, "en");
		h.v[i].hits = xcalloc(2, sizeof *h.v[i].hits);
		h.v[i].nhits = (int)(i % 2) + 1;	/* a; a b; a */
		h.v[i].hits[1].theme = 1;
	}
	listmodel_count(&h, NULL, n);
	ok(n[0] == 3 && n[1] == 1, "counts from hits: %u %u", n[0], n[1]);
	listmodel_init(&m, &h);
	m.tsel[1] = 1;
	same(&m, "theme:b", "no bitsets: theme:b");
	is_int(m.nrows, 1, "no bitsets: one article");
	listmodel_free(&m);
	for (i = 0; i < h.n; i++)
		free(h.v[i].hits);
	free(h.v);
}

/* listmodel_count against a count article by article, on a corpus of
 * 133 copies of the sample (kept sets of every length and shape: the
 * bytes are packed eight at a time, then the rest one by one). */
static void
test_count_many(const struct lexicon *lex)
{
	char dir[] = "/tmp/t_listmodel.XXXXXX", src[4200], dst[4200], *root;
	unsigned char *keep;
	uint32_t got[512], want[512];
	struct corpus big;
	size_t i, t, n, wrong = 0, runs = 0;
	char *text;
	size_t len;

	if (mkdtemp(dir) == NULL) {
		ok(0, "temp dir");
		return;
	}
	for (i = 0; i < 133; i++) {
		snprintf(src, sizeof src, "%s", C.v[i % C.n].path);
		snprintf(dst, sizeof dst, "%s/a%03zu.txt", dir, i);
		if (file_read(src, 0, &text, &len) == 0) {
			FILE *fp = fopen(dst, "wb");

			fwrite(text, 1, len, fp);
			fclose(fp);
			free(text);
		}
	}
	root = dir;
	corpus_load(&big, &root, 1, lex, CORPUS_NOCACHE | CORPUS_NODISCOVER);
	keep = xcalloc(big.n + 1, 1);
	for (n = 0; n <= big.n && big.nthemes <= 512; n += n < 20 ? 1 : 9) {
		for (i = 0; i < big.n; i++)	/* N kept, in a pattern */
			keep[i] = i < n && (i * 7 + n) % 3 != 0;
		listmodel_count(&big, keep, got);
		memset(want, 0, sizeof want);
		for (i = 0; i < big.n; i++)
			for (t = 0; keep[i] && t < big.nthemes; t++)
				want[t] += corpus_has_theme(&big, i, (unsigned)t) != 0;
		wrong += memcmp(got, want, big.nthemes * sizeof *got) != 0;
		runs++;
	}
	listmodel_count(&big, NULL, got);
	for (t = 0; t < big.nthemes; t++)
		wrong += got[t] != big.themes[t].count;
	ok(big.n == 133 && wrong == 0, "%zu kept sets of %zu articles: the "
	    "counts article by article", runs, big.n);
	free(keep);
	corpus_free(&big);
	for (i = 0; i < 133; i++) {
		snprintf(dst, sizeof dst, "%s/a%03zu.txt", dir, i);
		unlink(dst);
	}
	rmdir(dir);
}

/* The languages of many articles: each once, sorted, many distinct
 * codes (a hostile cache's), bytes after a field's NUL not part of it. */
static void
test_many_langs(void)
{
	static struct ctheme th[] = { { "a", "A", THEME_LEXICON, 0 } };
	struct corpus h;
	struct listmodel m;
	size_t i, k, sorted = 1;

	memset(&h, 0, sizeof h);
	h.n = 5000;
	h.v = xcalloc(h.n, sizeof *h.v);
	h.themes = th;
	h.nthemes = 1;
	for (i = 0; i < h.n; i++) {
		h.v[i].path = h.v[i].title = h.v[i].source = (char *)"x";
		if (i % 7 == 0)
			continue;	/* no language */
		h.v[i].lang[0] = (char)('a' + i % 26);
		h.v[i].lang[1] = (char)('a' + i / 26 % 26);
		h.v[i].lang[2] = i % 3 ? (char)('a' + i % 5) : '\0';
		h.v[i].lang[3] = '\0';
		if (i % 3 == 0)
			h.v[i].lang[3] = 'z' - 25;	/* after the NUL */
	}
	listmodel_init(&m, &h);
	for (k = 1; k < m.nlangs; k++)
		sorted &= strcmp(m.langs[k - 1], m.langs[k]) < 0;
	ok(sorted && m.nlangs > 500, "%zu languages, each once, sorted",
	    m.nlangs);
	for (k = 0; k < m.nlangs && strcmp(m.langs[k], "ba") != 0; k++)
		;
	ok(k < m.nlangs && strlen(m.langs[k]) == 2,
	    "a two-letter code whose field has a byte after its NUL");
	listmodel_free(&m);
	free(h.v);
}

int
main(void)
{
	char path[4096], err[1024];
	char *root;
	struct lexicon *lex;

	if ((lex = sample_engine(err, sizeof err)) == NULL) {
		ok(0, "set-up: %s", err);
		return tap_done();
	}
	snprintf(path, sizeof path, "%s/articles", paths_datadir());
	root = path;
	corpus_load(&C, &root, 1, lex, CORPUS_NOCACHE | CORPUS_NODISCOVER);
	ok(C.n >= 5, "the sample corpus (%zu articles)", C.n);
	ok(corpus_theme_set(&C, 0) != NULL, "with per-theme bitsets");
	test_themes_one();
	test_combined();
	test_describe();
	test_entities();
	test_sort();
	test_reset();
	test_many_langs();
	test_count_many(lex);
	test_no_sets();
	corpus_free(&C);
	lexicon_free(lex);
	entity_free();
	return tap_done();
}
