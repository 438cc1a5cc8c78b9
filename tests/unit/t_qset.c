/* t_qset.c: the incremental filter (query_eval_set through the list
 * model) against query_eval, article by article: random theme toggles,
 * languages, dates and typed queries grown and erased a keystroke at a
 * time, on a generated corpus with and without its word index. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

#define NART	240	/* generated articles */
#define STEPS	700	/* filter changes per corpus */

static char **pool;	/* words of the sample articles, in their order */
static size_t npool;

/* A pseudo-random number below N (the same run every time). */
static size_t
rnd(size_t n)
{
	static unsigned long long x = 88172645463325252ULL;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return n > 0 ? (size_t)(x % n) : 0;
}

/* Splits the sample corpus's titles and bodies into POOL. */
static void
pool_fill(const struct corpus *s)
{
	size_t i, k;
	const char *t, *p;

	for (i = 0; i < s->n; i++)
		for (k = 0; k < 2; k++) {
			t = k == 0 ? s->v[i].title : s->v[i].body;
			while (t != NULL && *t != '\0') {
				while (*t == ' ' || *t == '\n' || *t == '\t')
					t++;
				for (p = t; *p != '\0' && *p != ' ' &&
				    *p != '\n' && *p != '\t'; p++)
					;
				if (p > t) {
					pool = xreallocarray(pool, npool + 1,
					    sizeof *pool);
					pool[npool++] = xstrndup(t, (size_t)(p - t));
				}
				t = p;
			}
		}
}

/* Appends a run of N pool words from a random place to B. */
static void
run_add(struct buf *b, size_t n)
{
	size_t at = rnd(npool), k;

	for (k = 0; k < n; k++)
		buf_addf(b, "%s%s", k > 0 ? " " : "", pool[(at + k) % npool]);
}

/* Writes NART articles of pool runs under DIR, some dated, one in three
 * from a second source directory. */
static void
corpus_write(const char *dir)
{
	char path[600];
	struct buf b;
	size_t i, k;
	FILE *fp;

	for (i = 0; i < NART; i++) {
		if (snprintf(path, sizeof path, "%s/a%03zu.txt", dir, i) >=
		    (int)sizeof path)
			return;	/* a temp dir this long is not made here */
		buf_init(&b);
		run_add(&b, 3 + rnd(5));
		if (i % 4 != 0)
			buf_addf(&b, "\n\n%02zu.%02zu.%zu", 1 + rnd(28),
			    1 + rnd(12), 2019 + rnd(6));
		for (k = 0; k < 2 + rnd(4); k++) {
			buf_adds(&b, "\n\n");
			run_add(&b, 5 + rnd(25));
		}
		buf_addc(&b, '\n');
		if ((fp = fopen(path, "wb")) != NULL) {
			fwrite(b.s, 1, b.len, fp);
			fclose(fp);
		}
		buf_free(&b);
	}
}

/* A random term: a word, a prefix, a phrase of two or three words,
 * theme:, lang:, date:, after:, before:, source: or a bad one; some
 * negated. */
static void
term_add(struct buf *b, const struct listmodel *m)
{
	const char *w = pool[rnd(npool)];
	size_t k = rnd(12);

	if (b->len > 0)
		buf_addc(b, ' ');
	if (rnd(5) == 0)
		buf_addc(b, '-');
	if (k < 3)
		buf_adds(b, w);
	else if (k == 3)
		buf_addf(b, "%.3s*", w);
	else if (k == 4 || k == 5) {
		buf_addc(b, '"');
		run_add(b, k == 4 ? 2 : 3);
		buf_addc(b, '"');
	} else if (k == 6)
		buf_addf(b, "theme:%s", m->c->themes[rnd(m->c->nthemes)].id);
	else if (k == 7 && m->nlangs > 0)
		buf_addf(b, "lang:%s", m->langs[rnd(m->nlangs)]);
	else if (k == 8)
		buf_addf(b, "date:%zu", 2019 + rnd(6));
	else if (k == 9)
		buf_addf(b, "%s:%zu-%02zu", rnd(2) ? "after" : "before",
		    2019 + rnd(6), 1 + rnd(12));
	else if (k == 10)
		buf_addf(b, "source:%s", rnd(2) ? "src" : "other");
	else
		buf_adds(b, "nosuch:field");
}

/* Do rows of articles A and then B follow M's sort order (the date
 * order is the corpus's; the others strcoll's, then the corpus's)? */
static int
in_order(const struct listmodel *m, size_t a, size_t b)
{
	int r = m->sort == SORT_TITLE ? strcoll(m->c->v[a].title,
	    m->c->v[b].title) : 0;

	if (m->reverse)
		return r != 0 ? r > 0 : a > b;
	return r != 0 ? r < 0 : a < b;
}

/* Do the model's rows, counts and widest row say what query_eval says
 * of the filter as described? */
static int
agrees(struct listmodel *m)
{
	struct listmodel d = *m;
	unsigned char *keep = xcalloc(m->c->n + 1, 1);
	uint32_t *cnt = xcalloc(m->c->nthemes + 1, sizeof *cnt);
	struct query *q;
	struct buf b;
	size_t i, r = 0;
	int good = 1, most = 0;

	if (m->qerr[0] != '\0')	/* left out, as the status line says */
		d.query[0] = '\0';
	buf_init(&b);
	buf_adds(&b, "");
	listmodel_describe(&d, &b);
	q = query_parse(b.s, m->c, NULL, 0);
	good = q != NULL;
	query_eval(q, m->c, keep);
	for (i = 0; i < m->c->n; i++)
		if (keep[i]) {
			r++;
			if (m->c->v[i].nhits > most)
				most = m->c->v[i].nhits;
		}
	good = good && r == m->nrows;
	for (i = 0; good && i < m->nrows; i++)
		good = keep[m->rows[i]] && (i == 0 ||
		    in_order(m, m->rows[i - 1], m->rows[i]));
	listmodel_count(m->c, keep, cnt);
	good = good && most == m->maxhits &&
	    memcmp(cnt, m->tcount, m->c->nthemes * sizeof *cnt) == 0 &&
	    memcmp(keep, m->keep, m->c->n) == 0;
	if (!good)
		printf("# differs: %s (rows %zu/%zu, widest %d/%d, counts %d, keep %d)\n", b.s, r, m->nrows, most, m->maxhits, memcmp(cnt, m->tcount, m->c->nthemes * sizeof *cnt) == 0, memcmp(keep, m->keep, m->c->n) == 0);
	query_free(q);
	buf_free(&b);
	free(keep);
	free(cnt);
	return good;
}

/* One random change of the filter: a theme toggled, all of / any of, the
 * language, or a typed query: a new one typed a key at a time (each
 * prefix filtered, as the live query line does), or erased a few keys. */
static size_t
step(struct listmodel *m, int *bad)
{
	struct buf b;
	size_t k = rnd(8), len, n = 0, i;

	if (k < 3)
		m->tsel[rnd(m->c->nthemes)] ^= 1;
	else if (k == 3)
		m->all_of = !m->all_of;
	else if (k == 4)
		m->lang = (int)rnd(m->nlangs + 1) - 1;
	else if (k == 5 || k == 6) {
		buf_init(&b);
		buf_adds(&b, k == 5 ? "" : m->query);
		term_add(&b, m);
		for (i = strlen(m->query); i <= b.len && i < 300; i++) {
			snprintf(m->query, sizeof m->query, "%.*s", (int)i, b.s);
			listmodel_filter(m);
			*bad += !agrees(m);
			n++;
		}
		buf_free(&b);
		return n;
	} else {
		len = strlen(m->query);
		for (i = 0; i < 1 + rnd(6) && len > 0; i++) {
			m->query[--len] = '\0';
			listmodel_filter(m);
			*bad += !agrees(m);
			n++;
		}
		return n;
	}
	listmodel_filter(m);
	*bad += !agrees(m);
	return 1;
}

/* The first three words of each title as a phrase (a long phrase: the
 * index gives candidates, which are read), alone and negated: each
 * finds its article at least, as query_eval does. */
static void
phrases(struct corpus *c, const char *name)
{
	struct listmodel m;
	const char *t, *p;
	size_t i, k, found = 0;
	int bad = 0;

	listmodel_init(&m, c);
	for (i = 0; i < c->n; i += 7) {
		t = c->v[i].title;
		for (p = t, k = 0; *p != '\0' && k < 3; p++)
			k += *p == ' ';
		snprintf(m.query, sizeof m.query, "%s\"%.*s\"", i % 2 ? "-" :
		    "", (int)(p - t - (k == 3)), t);
		listmodel_filter(&m);
		bad += !agrees(&m);
		found += i % 2 ? m.nrows < c->n : m.nrows > 0;
	}
	ok(bad == 0 && found == (c->n + 6) / 7, "%s: three-word phrases "
	    "from the titles, as query_eval's (%zu found)", name, found);
	listmodel_free(&m);
}

/* STEPS random changes on corpus C, in date order and, for a part, in
 * title order reversed. */
static void
walk(struct corpus *c, const char *name)
{
	struct listmodel m;
	size_t s, n = 0, shown = 0;
	int bad = 0;

	listmodel_init(&m, c);
	for (s = 0; s < STEPS; s++) {
		if (s == STEPS / 2) {
			m.sort = SORT_TITLE;
			m.reverse = 1;
		}
		n += step(&m, &bad);
		shown += m.nrows > 0 && m.nrows < c->n;
	}
	ok(bad == 0, "%s: %zu filters, as query_eval's", name, n);
	ok(shown > STEPS / 10, "%s: the filters narrow (%zu of %d)", name,
	    shown, STEPS);
	listmodel_free(&m);
}

int
main(void)
{
	char path[4096], err[1024], dir[] = "/tmp/t_qset.XXXXXX", sub[600];
	char cache[700], *root;
	struct corpus s, c;
	struct lexicon *lex;
	size_t i;

	if ((lex = sample_engine(err, sizeof err)) == NULL ||
	    mkdtemp(dir) == NULL) {
		ok(0, "set-up: %s", err);
		return tap_done();
	}
	snprintf(path, sizeof path, "%s/articles", paths_datadir());
	root = path;
	corpus_load(&s, &root, 1, lex, CORPUS_NOCACHE | CORPUS_NODISCOVER);
	pool_fill(&s);
	ok(npool > 200, "a pool of words (%zu)", npool);
	snprintf(sub, sizeof sub, "%s/src", dir);
	mkdir(sub, 0700);
	corpus_write(sub);
	snprintf(cache, sizeof cache, "%s/cache", dir);
	setenv("XDG_CACHE_HOME", cache, 1);
	root = sub;
	corpus_load(&c, &root, 1, lex, CORPUS_NODISCOVER);
	ok(c.n == NART && c.words != NULL, "generated corpus, word index");
	walk(&c, "with the word index");
	phrases(&c, "with the word index");
	corpus_free(&c);
	corpus_load(&c, &root, 1, lex, CORPUS_NOCACHE | CORPUS_NODISCOVER);
	ok(c.n == NART && c.words == NULL, "again, no word index");
	walk(&c, "without an index");
	phrases(&c, "without an index");
	corpus_free(&c);
	corpus_free(&s);
	for (i = 0; i < npool; i++)
		free(pool[i]);
	free(pool);
	snprintf(path, sizeof path, "rm -rf '%s'", dir);
	if (system(path) != 0)
		printf("# could not remove %s\n", dir);
	lexicon_free(lex);
	entity_free();
	return tap_done();
}
