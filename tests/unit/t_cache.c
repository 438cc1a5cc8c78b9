/* t_cache.c: the index cache: round trip, stale entries, lexicon change,
 * corrupt and truncated files, odd paths, entries outside the roots, the
 * lazy open of a warm start. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "article.h"
#include "cache.h"
#include "discover.h"
#include "util.h"
#include "tap.h"

#define LEX	0x1234abcdULL
#define NART	3

static char dir[] = "/tmp/t_cache.XXXXXX";
static char cpath[256];

/* Creates file NAME in the test directory with TEXT; its path. */
static char *
mkfile(const char *name, const char *text)
{
	struct buf b;
	FILE *fp;

	buf_init(&b);
	buf_addf(&b, "%s/%s", dir, name);
	fp = fopen(b.s, "w");
	fputs(text, fp);
	fclose(fp);
	return buf_steal(&b, NULL);
}

/* Fills A as the loader would for file PATH: metadata and two hits. */
static void
mkarticle(struct article *a, char *path, const char *title, int k)
{
	struct stat st;

	memset(a, 0, sizeof *a);
	stat(path, &st);
	a->path = path;
	a->size = (uint64_t)st.st_size;
	a->mtime = (int64_t)st.st_mtime;
	a->title = xstrdup(title);
	a->source = xstrdup(k % 2 ? "Xinhua" : "");
	snprintf(a->date, sizeof a->date, "2024-07-0%d", k + 1);
	snprintf(a->lang, sizeof a->lang, "%s", k % 2 ? "ru" : "kk");
	a->decode_flags = (unsigned)k;
	a->nhits = 3;
	a->hits = xcalloc(3, sizeof *a->hits);
	a->hits[0].theme = (uint16_t)k;
	a->hits[0].score = 2.5f;
	a->hits[1].theme = 7;
	a->hits[1].score = 1.0f;
	a->hits[2].theme = 40;	/* a discovered theme: not cached */
	a->hits[2].score = 0.5f;
}

static struct article v[NART];
static char ok[NART] = { 1, 1, 1 }, have[NART] = { 1, 0, 1 };
static struct phrase ph[2] = {
	{ "belt road", "Belt and Road", 3.0f },
	{ "\xd0\xb3\xd0\xb0\xd0\xb7", "\xd0\x93\xd0\xb0\xd0\xb7", 1.5f },
};
static struct phrase *phr[NART] = { ph, NULL, ph };
static size_t nphr[NART] = { 2, 0, 1 };
static struct loadrec rec[NART];

/* The load records of the test articles, those with OKV[k] set loaded;
 * their phrases are borrowed (never own_phr). */
static struct loadrec *
recs(const char *okv)
{
	int k;

	for (k = 0; k < NART; k++) {
		memset(&rec[k], 0, sizeof rec[k]);
		rec[k].a = v[k];
		rec[k].phr = phr[k];
		rec[k].nphr = (uint32_t)nphr[k];
		rec[k].have_phr = (unsigned char)have[k];
		rec[k].ok = (unsigned char)okv[k];
	}
	return rec;
}

/* Saves the test articles under root ROOT with lexicon hash LH. */
static int
save(uint64_t lh, char *root)
{
	struct cache *c = cache_open(cpath, lh, 10);
	struct cache_batch b = { .rec = recs(ok), .n = NART, .nlex = 10, .roots = &root,
	    .nroots = 1 };
	int rc;

	rc = cache_save(c, &b);
	cache_close(c);
	return rc;
}

/* Looks up a copy of article K's key in a cache opened with LH. */
static int
lookup(uint64_t lh, int k, int want, struct article *out, size_t *np,
    char *firstphr, size_t fpl)
{
	struct cache *c = cache_open(cpath, lh, 10);
	struct phrase *p = NULL;
	uint32_t e;
	int r;

	memset(out, 0, sizeof *out);
	out->path = v[k].path;
	out->size = v[k].size;
	out->mtime = v[k].mtime;
	*np = 0;
	if ((r = cache_lookup(c, out, want, &e)) != 0)
		*np = cache_phrases(c, e, &p);
	if (firstphr != NULL)
		snprintf(firstphr, fpl, "%s|%s", p && *np ? p->text : "",
		    p && *np ? p->label : "");
	cache_close(c);
	return r;
}

/* Looks up every test article in C as A[k] (metadata only), its entry
 * in E[k] when E is not NULL. */
static void
lookup_all(struct cache *c, struct article *a, uint32_t *e)
{
	int k;

	for (k = 0; k < NART; k++) {
		memset(&a[k], 0, sizeof a[k]);
		a[k].path = v[k].path;
		a[k].size = v[k].size;
		a[k].mtime = v[k].mtime;
		cache_lookup(c, &a[k], 0, e != NULL ? &e[k] : NULL);
	}
}

/* Frees the fields a hit filled in (not the path, which is borrowed). */
static void
unfill(struct article *a)
{
	a->path = NULL;
	article_free(a);
}

/* Runs F with stderr sent to a file; returns what was written there. */
static char *
capture_stderr(void (*f)(void))
{
	char tmp[300], *s = NULL;
	size_t n;
	int fd, saved;

	snprintf(tmp, sizeof tmp, "%s/stderr", dir);
	fflush(stderr);
	saved = dup(2);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, 2);
	close(fd);
	f();
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	if (file_read(tmp, 0, &s, &n) == -1)
		s = xstrdup("");
	return s;
}

static int corrupt_hit;
static void
open_corrupt(void)
{
	struct article a;
	size_t np;

	corrupt_hit = lookup(LEX, 0, 0, &a, &np, NULL, 0);
	unfill(&a);
}

static void
test_round_trip(void)
{
	struct article a;
	char fp[128];
	size_t np;

	is_int(save(LEX, dir), 0, "save");
	is_int(lookup(LEX, 0, 1, &a, &np, fp, sizeof fp), 2,
	    "hit with phrases");
	is_str(a.title, "Title zero", "title");
	is_str(a.source, "", "empty source");
	is_str(a.date, "2024-07-01", "date");
	is_str(a.lang, "kk", "lang");
	is_int(a.nhits, 2, "discovered hit left out");
	ok(a.nhits == 2 && a.hits[0].theme == 0 && a.hits[0].score == 2.5f &&
	    a.hits[1].theme == 7, "hits and scores, strongest first");
	is_int(np, 2, "two phrases");
	is_str(fp, "belt road|Belt and Road", "phrase text and label");
	unfill(&a);
	is_int(lookup(LEX, 1, 0, &a, &np, NULL, 0), 1, "hit, never mined");
	is_str(a.source, "Xinhua", "source");
	is_int(a.decode_flags, 1, "decode flags");
	unfill(&a);
	is_int(lookup(LEX, 1, 1, &a, &np, NULL, 0), 0,
	    "phrases wanted but never mined: miss");
	is_int(lookup(LEX, 2, 1, &a, &np, fp, sizeof fp), 2, "odd path: hit");
	is_str(a.title, "T\xc3\xaftre \xe4\xb8\xad\xe5\x9b\xbd", "UTF-8 title");
	is_str(fp, "belt road|Belt and Road", "phrases are shared");
	unfill(&a);
}

static void
test_stale(void)
{
	struct article a;
	size_t np;

	v[0].size++;
	is_int(lookup(LEX, 0, 0, &a, &np, NULL, 0), 0, "size changed: miss");
	v[0].size--;
	v[0].mtime--;
	is_int(lookup(LEX, 0, 0, &a, &np, NULL, 0), 0, "mtime changed: miss");
	v[0].mtime++;
	is_int(lookup(LEX + 1, 0, 0, &a, &np, NULL, 0), 0,
	    "lexicon changed: miss");
	is_int(lookup(LEX, 0, 0, &a, &np, NULL, 0), 2, "unchanged: hit");
	unfill(&a);
}

/* A save where every article was a hit leaves the file alone. */
static void
test_no_rewrite(void)
{
	struct cache_batch b = { .rec = recs(ok), .n = NART, .nlex = 10 };
	struct article a[NART];
	struct stat s1, s2;
	struct cache *c;
	int k;

	stat(cpath, &s1);
	c = cache_open(cpath, LEX, 10);
	lookup_all(c, a, NULL);
	cache_save(c, &b);
	cache_close(c);
	stat(cpath, &s2);
	ok(s1.st_ino == s2.st_ino, "unchanged cache not rewritten");
	for (k = 0; k < NART; k++)
		unfill(&a[k]);
}

/* Entries of files outside the roots survive a save; those under them
 * that were not seen (deleted files) are dropped. */
static void
test_roots(void)
{
	struct cache_batch b = { .rec = recs(ok), .n = NART, .nlex = 10 };
	char *root = xstrdup("/nonexistent/elsewhere"), ok0[NART] = { 0 };
	struct article a;
	struct cache *c;
	size_t np;

	b.rec = recs(ok0);
	b.roots = &root;
	b.nroots = 1;
	c = cache_open(cpath, LEX, 10);
	cache_save(c, &b);
	cache_close(c);
	is_int(lookup(LEX, 1, 0, &a, &np, NULL, 0), 1,
	    "entry outside the roots kept");
	unfill(&a);
	free(root);
	root = dir;
	b.roots = &root;
	c = cache_open(cpath, LEX, 10);
	cache_save(c, &b);
	cache_close(c);
	is_int(lookup(LEX, 1, 0, &a, &np, NULL, 0), 0,
	    "entry under a root, not seen: dropped");
	is_int(save(LEX, dir), 0, "saved again");
}

/* Damages the cache file: BYTE flipped at OFF, or cut to LEN. */
static void
damage(long off, long len)
{
	char *s;
	size_t n;
	FILE *fp;

	file_read(cpath, 0, &s, &n);
	if (off >= 0 && (size_t)off < n)
		s[off] ^= 0x5a;
	if (len >= 0 && (size_t)len < n)
		n = (size_t)len;
	fp = fopen(cpath, "w");
	fwrite(s, 1, n, fp);
	fclose(fp);
	free(s);
}

static void
test_corrupt(void)
{
	struct stat st;
	char *err;

	damage(200, -1);
	err = capture_stderr(open_corrupt);
	ok(strstr(err, "index cache corrupt, rebuilt") != NULL &&
	    strstr(err, cpath) != NULL, "flipped byte: warned (%s)", err);
	is_int(corrupt_hit, 0, "flipped byte: miss");
	free(err);
	is_int(save(LEX, dir), 0, "rebuilt");
	stat(cpath, &st);
	damage(-1, (long)st.st_size - 7);
	err = capture_stderr(open_corrupt);
	is_str(err, "", "warned once per run only");
	is_int(corrupt_hit, 0, "truncated: miss");
	free(err);
	damage(-1, 3);
	open_corrupt();
	is_int(corrupt_hit, 0, "cut to 3 bytes: miss");
	is_int(save(LEX, dir), 0, "rebuilt again");
	open_corrupt();
	is_int(corrupt_hit, 2, "hit after the rebuild");
}

/* The discovered themes come back only for the very articles they were
 * chosen from, all hits. */
static void
test_discovered(void)
{
	uint32_t arts[2] = { 0, 2 }, e[NART];
	struct discovered d = { "d:dry-port", "dry port", arts, 2 }, *out;
	struct cache_batch b = { .rec = recs(ok), .n = NART, .nlex = 10, .disc = &d, .ndisc = 1,
	    .have_disc = 1 };
	struct article a[NART];
	struct cache *c;
	size_t nd;
	int k, r;

	c = cache_open(cpath, LEX, 10);
	is_int(cache_save(c, &b), 0, "saved with a discovered theme");
	cache_close(c);
	c = cache_open(cpath, LEX, 10);
	lookup_all(c, a, e);
	ok(e[0] == 0 && e[1] == 1 && e[2] == 2, "entries in saved order");
	r = cache_discovered(c, NART, &out, &nd);
	ok(r == 1 && nd == 1 && strcmp(out[0].id, "d:dry-port") == 0 &&
	    strcmp(out[0].label, "dry port") == 0 && out[0].narticles == 2 &&
	    out[0].articles[1] == 2, "discovered theme reused");
	if (r == 1)
		discover_themes_free(out, nd);
	is_int(cache_discovered(c, NART - 1, &out, &nd), 0,
	    "another number of articles: not reused");
	cache_close(c);
	c = cache_open(cpath, LEX, 10);
	unfill(&a[0]);
	a[0].path = v[0].path;
	a[0].size = v[0].size;
	a[0].mtime = v[0].mtime;
	cache_lookup(c, &a[0], 0, NULL);
	is_int(cache_discovered(c, NART, &out, &nd), 0,
	    "not every article a hit: not reused");
	cache_close(c);
	for (k = 0; k < NART; k++)
		unfill(&a[k]);
}

/* Saves the test articles with article 0 replaced by W, as a snapshot
 * (ORDER) when SNAP, with discovered theme D when not NULL; then opens
 * the file: the number of the three articles that hit. */
static int
hostile_hits(const struct article *w, int snap, const struct discovered *d)
{
	struct article a[NART];
	uint32_t order[NART] = { 2, 0, 1 };
	char *root = dir;
	struct cache_batch b = { .rec = recs(ok), .n = NART, .nlex = 10,
	    .roots = &root, .nroots = 1, .order = snap ? order : NULL,
	    .disc = d, .ndisc = d != NULL, .have_disc = d != NULL };
	const uint32_t *o;
	struct cache *c;
	int k, hits = 0;

	for (k = 1; snap && k < NART; k++)
		b.rec[k].a.nhits = 2;	/* a snapshot keeps them all: no 40 */
	b.rec[0].a = *w;
	unlink(cpath);
	c = cache_open(cpath, LEX, 10);
	cache_save(c, &b);
	cache_close(c);
	c = cache_open(cpath, LEX, 10);
	lookup_all(c, a, NULL);
	for (k = 0; k < NART; k++) {
		hits += a[k].title != NULL;
		unfill(&a[k]);
	}
	hits += snap && cache_snapshot(c, &root, 1, d != NULL, &o) != 0;
	cache_close(c);
	return hits;
}

/* The number of phrases the cache file gives for article K. */
static size_t
phrases_of(int k)
{
	struct cache *c = cache_open(cpath, LEX, 10);
	struct article a;
	struct phrase *p;
	uint32_t e;
	size_t n = (size_t)-1;

	memset(&a, 0, sizeof a);
	a.path = v[k].path;
	a.size = v[k].size;
	a.mtime = v[k].mtime;
	if (cache_lookup(c, &a, 0, &e) != CACHE_MISS)
		n = cache_phrases(c, e, &p);
	unfill(&a);
	cache_close(c);
	return n;
}

/* A cache written by a hostile neighbour, its checksum right: control
 * bytes in its text, a date or language out of form, theme indexes
 * outside the theme table. The whole file is refused. */
static void
test_hostile(void)
{
	static const char *bad_text[] = {
		"Evil \x1b]0;pwned\x07", "C1 \xc2\x9b" "31m", "bidi \xe2\x80\xae",
		"broken \xff UTF-8", "tab\there",
	};
	struct phrase evil[2] = { { "\x1b[2J", "label", 1.0f },
	    { "ok", "ok", 1.0f } };
	struct theme_hit far[1] = { { 60000, 1.0f } };
	uint32_t arts[2] = { 0, 77 };
	struct discovered d = { "d:ok", "ok", arts, 1 };
	struct article w;
	size_t i;

	w = v[0];
	w.nhits = 2;
	is_int(hostile_hits(&w, 1, NULL), NART + 1, "the unchanged file hits");
	for (i = 0; i < sizeof bad_text / sizeof *bad_text; i++) {
		w = v[0];
		w.title = (char *)bad_text[i];
		ok(hostile_hits(&w, 0, NULL) == 0, "title %zu: refused", i);
		w = v[0];
		w.source = (char *)bad_text[i];
		ok(hostile_hits(&w, 0, NULL) == 0, "source %zu: refused", i);
	}
	w = v[0];
	snprintf(w.date, sizeof w.date, "\x1b[31m");
	is_int(hostile_hits(&w, 0, NULL), 0, "escape in the date: refused");
	w = v[0];
	snprintf(w.date, sizeof w.date, "2024-07-1\t");
	is_int(hostile_hits(&w, 0, NULL), 0, "tab in the date: refused");
	w = v[0];
	snprintf(w.lang, sizeof w.lang, "e\x07");
	is_int(hostile_hits(&w, 0, NULL), 0, "BEL in the language: refused");
	w = v[0];
	w.hits = far;
	w.nhits = 1;
	is_int(hostile_hits(&w, 1, NULL), 0, "theme 60000 of 10: refused");
	far[0].theme = 10;	/* a discovered theme's index, with none */
	is_int(hostile_hits(&w, 1, NULL), 0, "theme 10 with no discovered: refused");
	far[0].theme = 9;
	far[0].score = 0.0f / 0.0f;
	is_int(hostile_hits(&w, 1, NULL), 0, "a NaN score: refused");
	far[0].score = -1.0f / 0.0f;
	is_int(hostile_hits(&w, 1, NULL), 0, "an infinite score: refused");
	far[0].score = 3.0e38f;
	is_int(hostile_hits(&w, 1, NULL), NART + 1, "a big finite score: kept");
	phr[0] = evil;
	is_int(hostile_hits(&v[0], 0, NULL), NART, "escape in a phrase: entries kept");
	ok(phrases_of(0) == 0 && phrases_of(2) == 1,
	    "but that entry's phrases are not handed out, the others' are");
	phr[0] = ph;
	is_int(hostile_hits(&v[0], 0, &d), NART, "a sound discovered theme: kept");
	d.narticles = 2;
	is_int(hostile_hits(&v[0], 0, &d), 0, "its article 77 of 3: refused");
	d.narticles = 1;
	d.id = "d:tab\tid";
	is_int(hostile_hits(&v[0], 0, &d), 0, "a tab in its id: refused");
	d.id = "d:ok";
	d.label = "\x1b[5m";
	is_int(hostile_hits(&v[0], 0, &d), 0, "an escape in its label: refused");
	unlink(cpath);
}

/* Every byte of a full cache file (snapshot, phrases, a discovered
 * theme) changed in turn, the checksum fixed up: every reader function
 * runs on it without a fault (the sanitizers check that). */
/* Saves the test articles as a snapshot with article 0 replaced by W;
 * then the snapshot's size in a lazy open (*VERIFIED: cache_verify)
 * and in a full one (*FULL). */
static size_t
lazy_snap(const struct article *w, int *verified, size_t *full)
{
	uint32_t order[NART] = { 2, 0, 1 };
	char *root = dir;
	struct cache_batch b = { .rec = recs(ok), .n = NART, .nlex = 10,
	    .roots = &root, .nroots = 1, .order = order };
	const uint32_t *o;
	struct cache *c;
	size_t n, k;

	for (k = 1; k < NART; k++)
		b.rec[k].a.nhits = 2;
	b.rec[0].a = *w;
	unlink(cpath);
	c = cache_open(cpath, LEX, 10);
	cache_save(c, &b);
	cache_close(c);
	c = cache_open(cpath, LEX, 10);
	*full = cache_snapshot(c, &root, 1, 0, &o);
	cache_close(c);
	c = cache_open_lazy(cpath, LEX, 10);
	n = cache_snapshot(c, &root, 1, 0, &o);
	*verified = cache_verify(c);
	cache_close(c);
	return n;
}

/* cache_open_lazy: the snapshot at once, bounds and forms checked; the
 * checksum and the text left to cache_verify; nothing but the snapshot
 * served. */
static void
test_lazy(void)
{
	struct theme_hit far[1] = { { 60000, 1.0f } };
	uint32_t order[NART] = { 2, 0, 1 };
	char *root = dir;
	struct cache_batch b = { .rec = recs(ok), .n = NART, .nlex = 10,
	    .roots = &root, .nroots = 1, .order = order };
	const struct theme_hit *h;
	const uint32_t *o, *of;
	struct article w, a, fa;
	struct phrase *p;
	struct cache *c, *f;
	size_t full, n, k, same = 0;
	uint32_t e;
	int verified;

	w = v[0];
	w.nhits = 2;
	n = lazy_snap(&w, &verified, &full);
	ok(n == NART && full == NART && verified,
	    "a sound file: the same snapshot, verified");
	c = cache_open_lazy(cpath, LEX, 10);
	f = cache_open(cpath, LEX, 10);
	cache_snapshot(c, &root, 1, 0, &o);
	cache_snapshot(f, &root, 1, 0, &of);
	for (k = 0; k < NART; k++) {
		cache_snap_article(c, o[k], &a, &h);
		cache_snap_article(f, of[k], &fa, &h);
		same += strcmp(a.path, fa.path) == 0 &&
		    strcmp(a.title, fa.title) == 0 && a.plain == fa.plain &&
		    strcmp(a.date, fa.date) == 0 && a.nhits == fa.nhits;
	}
	is_int((long)same, NART, "each article as the full open gives it");
	cache_let_go(c);	/* the pages go; the text is read again */
	for (k = 0, same = 0; k < NART; k++) {
		cache_snap_article(c, o[k], &a, &h);
		cache_snap_article(f, of[k], &fa, &h);
		same += strcmp(a.title, fa.title) == 0;
	}
	ok(same == NART && cache_verify(c),
	    "after cache_let_go: the same text, still verified");
	memset(&a, 0, sizeof a);
	a.path = v[0].path;
	a.size = v[0].size;
	a.mtime = v[0].mtime;
	is_int(cache_lookup(c, &a, 0, &e), CACHE_MISS, "lazy: lookups miss");
	is_int((long)cache_phrases(c, 0, &p), 0, "lazy: no phrases");
	for (k = 1; k < NART; k++)
		b.rec[k].a.nhits = 2;
	b.rec[0].a = w;
	is_int(cache_save(c, &b), -1, "lazy: nothing saved");
	ok(cache_lazy(c) && !cache_lazy(f), "cache_lazy tells them apart");
	cache_close(c);
	cache_close(f);
	w = v[0];
	w.nhits = 2;
	w.title = "Evil \x1b]0;pwned\x07";
	n = lazy_snap(&w, &verified, &full);
	ok(n == NART && !verified && full == 0,
	    "an escape in a title: shown at once, refused by cache_verify");
	w = v[0];
	w.nhits = 1;
	w.hits = far;
	n = lazy_snap(&w, &verified, &full);
	ok(n == 0 && !verified && full == 0,
	    "a theme out of the table: no snapshot even lazily");
	w = v[0];
	w.nhits = 2;
	snprintf(w.date, sizeof w.date, "\x1b[31m");
	n = lazy_snap(&w, &verified, &full);
	ok(n == NART && !verified && full == 0,
	    "an escape in a date: shown at once, refused by cache_verify");
	unlink(cpath);
}

static volatile size_t sink;	/* what snap_walk read, kept */

/* The snapshot of C read as a warm start reads it: every article's
 * strings walked (a sanitizer sees a read outside the file). */
static size_t
snap_walk(struct cache *c)
{
	char *root = dir;
	const struct theme_hit *h;
	const uint32_t *o;
	struct article sa;
	size_t n = cache_snapshot(c, &root, 1, 1, &o), k;
	struct discovered *out;
	size_t nd;

	for (k = 0; k < n; k++) {
		cache_snap_article(c, o[k], &sa, &h);
		sink += strlen(sa.path) + strlen(sa.title) + strlen(sa.source);
		sink += sa.nhits > 0 ? h[sa.nhits - 1].theme : 0;
	}
	if (cache_snap_discovered(c, &out, &nd))
		discover_themes_free(out, nd);
	return n;
}

/* Each byte of the good file GOOD (LEN bytes, S scratch) changed, its
 * checksum fixed up when RESEAL: a lazy open hands out a snapshot only
 * within the file's bounds, and cache_verify accepts a file only when
 * cache_open takes it too, with the same snapshot. */
static void
every_byte_lazy(const char *good, char *s, size_t len, int reseal)
{
	static const unsigned char masks[] = { 0x01, 0x80, 0xff };
	size_t i, m, nl, nf, wrong = 0, lazy_kept = 0, verified = 0;
	struct cache *c, *f;
	FILE *fp;

	for (i = 0; i < len; i++)
		for (m = 0; m < sizeof masks; m++) {
			memcpy(s, good, len);
			s[i] ^= (char)masks[m];
			if (reseal)
				cache_reseal(s, len);
			fp = fopen(cpath, "wb");
			fwrite(s, 1, len, fp);
			fclose(fp);
			c = cache_open_lazy(cpath, LEX, 10);
			f = cache_open(cpath, LEX, 10);
			nl = snap_walk(c);
			nf = snap_walk(f);
			lazy_kept += nl > 0;
			if (cache_verify(c)) {
				verified++;
				wrong += nl != nf;
			}
			cache_close(c);
			cache_close(f);
		}
	ok(wrong == 0, "%s: lazy snapshots %zu, verified %zu, each as "
	    "cache_open reads it (%zu not)", reseal ? "resealed" :
	    "checksum left", lazy_kept, verified, wrong);
}

static void
test_every_byte(void)
{
	static const unsigned char masks[] = { 0x01, 0x80, 0xff };
	uint32_t arts[2] = { 0, 2 }, order[NART] = { 1, 2, 0 }, e[NART];
	struct discovered dd = { "d:dry-port", "dry port", arts, 2 }, *out;
	char *root = dir, *good, *s;
	struct cache_batch b = { .rec = recs(ok), .n = NART, .nlex = 10,
	    .roots = &root, .nroots = 1, .order = order, .disc = &dd,
	    .ndisc = 1, .have_disc = 1 };
	const struct theme_hit *h;
	const uint32_t *o;
	struct article a[NART], sa;
	struct phrase *p;
	size_t len, i, m, n, k, nd, kept = 0, runs = 0;
	struct cache *c;
	FILE *fp;

	for (k = 0; k < NART; k++) {
		b.rec[k].a.nhits = 2;
		b.rec[k].a.hits[1].theme = 10;	/* the discovered one */
	}
	unlink(cpath);
	c = cache_open(cpath, LEX, 10);
	cache_save(c, &b);
	cache_close(c);
	for (k = 0; k < NART; k++)
		v[k].hits[1].theme = 7;
	if (file_read(cpath, 0, &good, &len) == -1) {
		ok(0, "cache file written");
		return;
	}
	s = xmalloc(len);
	for (i = 0; i < len; i++)
		for (m = 0; m < sizeof masks; m++) {
			memcpy(s, good, len);
			s[i] ^= (char)masks[m];
			cache_reseal(s, len);
			fp = fopen(cpath, "wb");
			fwrite(s, 1, len, fp);
			fclose(fp);
			c = cache_open(cpath, LEX, 10);
			lookup_all(c, a, e);
			for (k = 0; k < NART; k++) {
				if (a[k].title != NULL)
					cache_phrases(c, e[k], &p);
				unfill(&a[k]);
			}
			if (cache_discovered(c, NART, &out, &nd))
				discover_themes_free(out, nd);
			n = cache_snapshot(c, &root, 1, 1, &o);
			kept += n > 0;
			for (k = 0; k < n; k++)
				cache_snap_article(c, o[k], &sa, &h);
			if (cache_snap_discovered(c, &out, &nd))
				discover_themes_free(out, nd);
			cache_close(c);
			runs++;
		}
	ok(runs == len * sizeof masks, "%zu changed files read, %zu snapshots "
	    "still used", runs, kept);
	every_byte_lazy(good, s, len, 1);
	every_byte_lazy(good, s, len, 0);
	free(s);
	free(good);
	unlink(cpath);
}

static void
test_key(void)
{
	char *k = cache_key("/a/b.txt"), cwd[4096], want[4200];

	is_str(k, "/a/b.txt", "absolute key kept");
	free(k);
	k = cache_key("./x/y.txt");
	snprintf(want, sizeof want, "%s/x/y.txt", getcwd(cwd, sizeof cwd));
	is_str(k, want, "relative key gets the cwd");
	free(k);
}

/* The root filter the cache and the word index share. */
static void
test_under_roots(void)
{
	char *r1[] = { "/news/", "/other" }, *slash[] = { "/" };

	ok(cache_under_roots("/news/a.txt", r1, 2), "under a root with '/'");
	ok(cache_under_roots("/other", r1, 2), "the root itself");
	ok(cache_under_roots("/other/x/y", r1, 2), "deep under a root");
	ok(!cache_under_roots("/newsroom/a.txt", r1, 2),
	    "a longer name is not under the root");
	ok(!cache_under_roots("/elsewhere/a", r1, 2), "under no root");
	ok(!cache_under_roots("/news/a", r1, 0), "no roots: under none");
	ok(cache_under_roots("/any/file", slash, 1), "'/' holds every key");
}

int
main(void)
{
	int k;

	if (mkdtemp(dir) == NULL)
		return 99;
	snprintf(cpath, sizeof cpath, "%s/cache/tread/index", dir);
	mkarticle(&v[0], mkfile("a.txt", "alpha\n"), "Title zero", 0);
	mkarticle(&v[1], mkfile("b c.txt", "beta beta\n"), "Title one", 1);
	mkarticle(&v[2], mkfile("odd\tname \xe2\x80\xae\n.txt", "gamma\n"),
	    "T\xc3\xaftre \xe4\xb8\xad\xe5\x9b\xbd", 2);
	test_round_trip();
	test_stale();
	test_no_rewrite();
	test_roots();
	test_corrupt();
	test_discovered();
	warn_quiet = 1;
	test_hostile();
	test_lazy();
	test_every_byte();
	warn_quiet = 0;
	test_key();
	test_under_roots();
	for (k = 0; k < NART; k++) {
		unlink(v[k].path);
		article_free(&v[k]);
	}
	unlink(cpath);
	{
		char p[300];

		snprintf(p, sizeof p, "%s/stderr", dir);
		unlink(p);
		snprintf(p, sizeof p, "%s/cache/tread", dir);
		rmdir(p);
		snprintf(p, sizeof p, "%s/cache", dir);
		rmdir(p);
	}
	rmdir(dir);
	return tap_done();
}
