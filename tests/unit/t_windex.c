/* t_windex.c: the word index gives exactly what scanning the text gives,
 * on a generated corpus: words, prefixes, phrases, negations, metadata
 * mixes, title-only words, folding, CJK; after files change, are added
 * or removed; with a stale or corrupt index file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "boiler.h"
#include "cache.h"
#include "corpus.h"
#include "lang.h"
#include "lexicon.h"
#include "paths.h"
#include "query.h"
#include "text.h"
#include "util.h"
#include "windex.h"
#include "tap.h"
#include "sample.h"

#define NART	240

static char dir[] = "/tmp/t_windex.XXXXXX";
static uint64_t seed = 88172645463325252ULL;

/* The words articles are made of: folding, scripts, hyphens, CJK. */
static const char *vocab[] = {
	"energy", "Energie", "ENERGIE", "énergie", "Łódź", "Lodz", "lodz",
	"Xi", "Jinping", "China-Kazakhstan", "e-commerce", "中国", "哈萨克斯坦",
	"能源", "合作", "partnership", "strategic", "Strategic", "Kooperation",
	"café", "CAFE", "naïve", "2024", "Xi'an", "Ελλάδα", "Москва",
	"pipeline", "pipelines", "pipe", "the", "and", "of", "Kazakhstan",
	"Astana", "SCO", "workshop", "Luban", "ﬁnance", "Straße", "STRASSE",
	"İstanbul", "日本語", "한국어", "x", "energetic", "energ",
};
/* Words only ever in titles. */
static const char *title_only[] = { "zebra", "Zürich", "頭條" };

/* A pseudo-random number below N (xorshift: the same corpus each run). */
static size_t
rnd(size_t n)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (size_t)(seed % n);
}

/* Writes TEXT to DIR/NAME (directories made). */
static void
put(const char *name, const char *text)
{
	free(sample_put(dir, name, text));
}

/* Appends N random words to B, separated by spaces or punctuation. */
static void
words(struct buf *b, size_t n)
{
	static const char *sep[] = { " ", " ", " ", ", ", ". ", " - ", " (" };
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_adds(b, sep[rnd(sizeof sep / sizeof *sep)]);
		buf_adds(b, vocab[rnd(sizeof vocab / sizeof *vocab)]);
	}
}

/* Writes article NAME: a title, a date, two or three paragraphs;
 * VARIANT changes the text (and its length). */
static void
article(const char *name, int variant)
{
	struct buf b;
	int p;

	buf_init(&b);
	if (rnd(3) == 0)
		buf_addf(&b, "%s ", title_only[rnd(3)]);
	words(&b, 3 + rnd(5));
	buf_addf(&b, "\n\n2024-%02zu-%02zu\n\n", 1 + rnd(12), 1 + rnd(28));
	for (p = 0; p < 2 + (int)rnd(2) + variant; p++) {
		words(&b, 10 + rnd(40));
		buf_adds(&b, ".\n\n");
	}
	put(name, b.s);
	buf_free(&b);
}

/* Writes NART articles, a few hundred of them in subdirectories. */
static void
corpus_write(void)
{
	char name[64];
	int i;

	for (i = 0; i < NART; i++) {
		snprintf(name, sizeof name, "a/%d/%03d.txt", i % 7, i);
		article(name, 0);
	}
}

/* Does QUERY select the same articles of C with the index as by
 * scanning? Says which differ when not. */
static int
same(struct corpus *c, const char *query)
{
	unsigned char *k1 = xcalloc(c->n + 1, 1), *k2 = xcalloc(c->n + 1, 1);
	struct windex *x = c->words;
	struct query *q = query_parse(query, c, NULL, 0);
	size_t i, n1, n2;
	int rc = 1;

	if (q == NULL) {
		free(k1);
		free(k2);
		return 1;	/* a bad query: nothing to compare */
	}
	n1 = query_eval(q, c, k1);
	c->words = NULL;
	n2 = query_eval(q, c, k2);
	c->words = x;
	if (n1 != n2 || memcmp(k1, k2, c->n) != 0) {
		for (i = 0; i < c->n && k1[i] == k2[i]; i++)
			;
		printf("# %s: %zu indexed, %zu scanned; first differs: %s\n",
		    query, n1, n2, i < c->n ? c->v[i].path : "?");
		rc = 0;
	}
	query_free(q);
	free(k1);
	free(k2);
	return rc;
}

/* The number of C's articles the index covers. */
static size_t
covered(struct corpus *c)
{
	const uint64_t *set;
	size_t i, n = 0;

	if (c->words == NULL || windex_bind(c->words, c->v, c->n) == -1)
		return 0;
	set = windex_covered(c->words);
	for (i = 0; i < c->n; i++)
		n += set[i / 64] >> (i % 64) & 1;
	return n;
}

/* Appends queries made from C's own text: phrases of 2 to 4 words at
 * random places of bodies (some with a '*'), prefixes of words. */
static size_t
text_queries(struct corpus *c, char **out, size_t max)
{
	size_t n = 0, i, len, off, k;
	const char *body;
	struct buf b;

	while (n < max) {
		i = rnd(c->n);
		if ((body = corpus_body(c, i, &len)) == NULL || len < 40)
			continue;
		off = rnd(len - 30);
		while (off > 0 && body[off - 1] != ' ')
			off--;
		for (k = off; k < len && k - off < 25 && body[k] != '\n'; k++)
			if (body[k] == '"')
				break;
		buf_init(&b);
		buf_addf(&b, "%s\"%.*s%s\"", rnd(5) == 0 ? "-" : "",
		    (int)(k - off), body + off, rnd(3) == 0 ? "*" : "");
		out[n++] = buf_steal(&b, NULL);
	}
	return n;
}

/* Compares the index with scanning for fixed and generated queries. */
static void
compare(struct corpus *c, const char *what)
{
	static const char *fixed[] = {
		"energy", "energie", "ENERGIE", "energ*", "e*", "x", "x*",
		"lodz", "ŁÓDŹ", "\"xi jinping\"", "\"Xi Jinping\" -energy",
		"china-kazakhstan", "\"china kazakhstan\"", "kazakh*",
		"e-commerce", "commerce", "xi'an", "\"an\"", "中国", "哈萨克斯坦",
		"国", "\"中国 能源\"", "能*", "cafe", "naive", "finance",
		"strasse", "straße", "istanbul", "i̇stanbul", "ελλαδα", "москва",
		"zebra", "zurich", "頭條", "-zebra", "zebra energy", "-the",
		"-the -and", "theme:energy energy", "lang:en pipeline",
		"after:2024-06 pipe*", "-pipe* -energy", "\"strategic partner*\"",
		"\"the and\"", "\"pipe pipelines\"", "nothere", "nothere*",
		"-nothere", "\"energy nothere\"", "2024", "202*", "日本語",
		"한국어", "\"of the\" \"and of\"", "date:2024-03 -\"xi jinping\"",
	};
	char *gen[120];
	size_t i, ng, bad = 0;

	for (i = 0; i < sizeof fixed / sizeof *fixed; i++)
		bad += !same(c, fixed[i]);
	ng = text_queries(c, gen, 60);
	for (i = 0; i < sizeof vocab / sizeof *vocab && ng < 120; i++) {
		struct buf b;

		buf_init(&b);
		buf_addf(&b, "%s%.*s*", rnd(4) == 0 ? "-" : "",
		    (int)(1 + rnd(strlen(vocab[i]))), vocab[i]);
		gen[ng++] = buf_steal(&b, NULL);
	}
	for (i = 0; i < ng; i++) {
		bad += !same(c, gen[i]);
		free(gen[i]);
	}
	printf("# %s: %zu queries compared\n", what,
	    sizeof fixed / sizeof *fixed + ng);
	is_int(bad, 0, what);
}

/* Changes, removes and adds a few files (new lengths: the keys change
 * even within the same second). */
static void
corpus_change(void)
{
	char name[128];
	int i;

	for (i = 0; i < 10; i++) {
		snprintf(name, sizeof name, "a/%d/%03d.txt", i % 7, i * 7);
		article(name, 2);
	}
	for (i = 0; i < 5; i++) {
		snprintf(name, sizeof name, "%s/a/%d/%03d.txt", dir, (i * 11 + 3) %
		    7, i * 11 + 3);
		unlink(name);
	}
	for (i = 0; i < 5; i++) {
		snprintf(name, sizeof name, "b/new%d.txt", i);
		article(name, 1);
	}
}

/* Loads the corpus under DIR with LEX and FLAGS. */
static void
load(struct corpus *c, const struct lexicon *lex, int flags)
{
	char *root = xstrdup(dir);

	warn_quiet = 1;
	corpus_load(c, &root, 1, lex, flags | CORPUS_NODISCOVER);
	free(root);
}

/* The inode of PATH (0 when missing): tells a rewritten file. */
static ino_t
inode(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? st.st_ino : 0;
}

/* Loading one directory keeps the other files' words: the next full
 * load finds every article indexed and rewrites nothing. */
static void
test_roots(const struct lexicon *lex, const char *wpath)
{
	char sub[128];
	struct corpus c;
	char *root;
	ino_t before;

	snprintf(sub, sizeof sub, "%s/a/3", dir);
	root = sub;
	before = inode(wpath);
	corpus_load(&c, &root, 1, lex, CORPUS_NODISCOVER);
	ok(inode(wpath) == before, "one directory: index not rewritten");
	corpus_free(&c);
	article("a/3/003.txt", 3);	/* a change under the root */
	corpus_load(&c, &root, 1, lex, CORPUS_NODISCOVER);
	is_int(covered(&c), c.n, "one directory, a file changed: covered");
	compare(&c, "one directory");
	corpus_free(&c);
	before = inode(wpath);
	load(&c, lex, 0);
	is_int(covered(&c), c.n, "then all: every article covered");
	ok(inode(wpath) == before, "and the index kept the others");
	compare(&c, "all after one directory");
	corpus_free(&c);
}

/* A load that takes its articles from the cache's snapshot (nothing
 * changed; or trusted, nothing stat'ed, as the UI starts) reads no text,
 * and still answers word queries from the index. One directory: the
 * whole corpus has files that do not load, and then there is no
 * snapshot (every load walks). */
static void
test_snapshot(const struct lexicon *lex)
{
	char sub[128], *root = sub;
	struct corpus c;

	snprintf(sub, sizeof sub, "%s/a/1", dir);
	corpus_load(&c, &root, 1, lex, CORPUS_NODISCOVER);
	corpus_free(&c);
	corpus_load(&c, &root, 1, lex, CORPUS_NODISCOVER);
	is_int(covered(&c), c.n, "snapshot load: every article covered");
	compare(&c, "snapshot load");
	corpus_free(&c);
	corpus_load(&c, &root, 1, lex, CORPUS_NODISCOVER | CORPUS_TRUST);
	ok(corpus_trusted(&c), "trusted load from the snapshot");
	is_int(covered(&c), c.n, "trusted load: every article covered");
	compare(&c, "trusted load");
	corpus_free(&c);
}

/* Overwrites a few bytes inside the records of the file at PATH. */
static void
scribble(const char *path)
{
	FILE *fp;

	if ((fp = fopen(path, "r+")) != NULL) {
		fseek(fp, 200, SEEK_SET);
		fputs("garbage garbage garbage garbage garbage", fp);
		fclose(fp);
	}
}

/* A stale index (written before files changed) and a corrupt one. */
static void
test_stale(const struct lexicon *lex, const char *wpath)
{
	struct corpus c;

	load(&c, lex, CORPUS_NOCACHE);
	ok(c.words == NULL, "--no-cache: no index");
	c.words = windex_open(wpath);
	ok(c.words != NULL, "the saved index opens");
	corpus_change();
	corpus_free(&c);
	load(&c, lex, CORPUS_NOCACHE);
	c.words = windex_open(wpath);
	ok(covered(&c) > 0 && covered(&c) < c.n,
	    "changed files are not covered");
	compare(&c, "stale index");
	corpus_free(&c);
	scribble(wpath);
	load(&c, lex, 0);
	compare(&c, "after a corrupt index");
	ok(covered(&c) < c.n, "a corrupt index is not merged");
	corpus_free(&c);
	load(&c, lex, 0);
	is_int(covered(&c), c.n, "and built again on the next load");
	corpus_free(&c);
	truncate(wpath, 100);
	load(&c, lex, 0);
	is_int(covered(&c), c.n, "a truncated index is rebuilt");
	corpus_free(&c);
	scribble(wpath);
	load(&c, lex, 0);
	compare(&c, "a corrupt index, files unchanged");
	ok(!paths_is_file(wpath), "it is removed, to be built again");
	corpus_free(&c);
}

/* Runs every reader of a word index on the file image S (LEN bytes)
 * written to WPATH, its checksum fixed up; with MERGE, a load that
 * merges it too. */
static void
read_image(const char *wpath, char *s, size_t len, struct corpus *c,
    const struct lexicon *lex, char *root, int merge)
{
	static const char *q[] = { "alpha", "al", "zebra", "" };
	uint64_t set[4];
	struct windex *x;
	struct corpus m;
	FILE *fp;
	int i;

	windex_reseal((unsigned char *)s, len);
	unlink(wpath);	/* a new file, as tread writes: never one mapped */
	fp = fopen(wpath, "wb");
	fwrite(s, 1, len, fp);
	fclose(fp);
	if ((x = windex_open(wpath)) != NULL) {
		windex_bind(x, c->v, c->n);
		for (i = 0; i < 4; i++) {
			memset(set, 0, sizeof set);
			windex_or(x, q[i], strlen(q[i]), i % 2, set);
		}
		windex_close(x);
	}
	if (merge) {	/* the merge reads the old index's records */
		corpus_load(&m, &root, 1, lex, CORPUS_NODISCOVER);
		corpus_free(&m);
	}
}

/* Every byte of a small index changed in turn, the checksum fixed up:
 * opening, binding, queries and the merge of the next load run without
 * a fault (the sanitizers check that). */
static void
test_every_byte(const struct lexicon *lex)
{
	char sdir[256], wpath[300], *root = sdir, *good, *s;
	struct corpus c;
	size_t len, i;

	snprintf(sdir, sizeof sdir, "%s/small", dir);
	free(sample_put(sdir, "one.txt", "Alpha beta\n\nalpha gamma delta.\n"));
	free(sample_put(sdir, "two.txt", "Zebra\n\nalpine zebra crossing.\n"));
	snprintf(wpath, sizeof wpath, "%s/scache", dir);
	setenv("XDG_CACHE_HOME", wpath, 1);
	snprintf(wpath, sizeof wpath, "%s/scache/tread/words", dir);
	corpus_load(&c, &root, 1, lex, CORPUS_NODISCOVER);
	if (file_read(wpath, 0, &good, &len) == -1) {
		ok(0, "small index written");
		corpus_free(&c);
		return;
	}
	s = xmalloc(len);
	for (i = 0; i < len; i++) {
		memcpy(s, good, len);
		s[i] ^= (char)0xff;
		read_image(wpath, s, len, &c, lex, root, i % 4 == 0);
		memcpy(s, good, len);
		s[i] ^= 0x01;
		read_image(wpath, s, len, &c, lex, root, 0);
		memcpy(s, good, len);
		s[i] = 0;	/* counts of 0: an empty table (fuzz_windex) */
		read_image(wpath, s, len, &c, lex, root, 0);
	}
	ok(1, "%zu changed index files read", 3 * len);
	free(s);
	free(good);
	corpus_free(&c);
}

/* The builder remembers the words of tokens by their folded form's
 * address: a later fold cache on the same thread, which may reuse the
 * memory of one freed, must not be given that one's words ("gamma" where
 * "alpha" was). */
static void
test_fold_caches(void)
{
	static const char *const body[2] = { "alpha beta alpha",
	    "gamma delta gamma" };
	char sdir[256], wpath[300], *root = sdir, *p[2];
	struct loadrec rec[2];
	struct article v[2];
	struct windex_build *b;
	struct fold_cache *fc;
	struct windex *x;
	struct stat st;
	uint64_t set;
	size_t i;

	snprintf(sdir, sizeof sdir, "%s/fcs", dir);
	snprintf(wpath, sizeof wpath, "%s/fcs-words", dir);
	p[0] = sample_put(sdir, "a.txt", body[0]);
	p[1] = sample_put(sdir, "b.txt", body[1]);
	memset(rec, 0, sizeof rec);
	memset(v, 0, sizeof v);
	b = windex_build_new(wpath, 2, &root, 1);
	for (i = 0; i < 2; i++) {
		if (stat(p[i], &st) == -1)
			break;
		v[i].path = rec[i].a.path = p[i];
		v[i].size = rec[i].a.size = (uint64_t)st.st_size;
		v[i].mtime = rec[i].a.mtime = (int64_t)st.st_mtime;
		rec[i].ok = 1;
		fc = fold_cache_new();	/* one per article, freed at once */
		windex_build_add(b, i, fc, "t", body[i], strlen(body[i]), NULL,
		    0);
		fold_cache_free(fc);
	}
	x = windex_build_finish(b, rec, 2);
	ok(x != NULL && windex_bind(x, v, 2) == 0, "index of two fold caches");
	if (x != NULL) {
		set = 0;
		windex_or(x, "gamma", 5, 0, &set);
		ok(set == 2, "gamma: the second article only (%llx)",
		    (unsigned long long)set);
		set = 0;
		windex_or(x, "alpha", 5, 0, &set);
		ok(set == 1, "alpha: the first article only (%llx)",
		    (unsigned long long)set);
	}
	windex_close(x);
	free(p[0]);
	free(p[1]);
}

int
main(void)
{
	char path[4096], err[1024], wpath[4200];
	struct corpus c;
	struct lexicon *lex;
	struct stat st1, st2;
	int rc;

	if (mkdtemp(dir) == NULL)
		return 99;
	snprintf(path, sizeof path, "%s/boilerplate.txt", paths_datadir());
	boiler_load(path);
	lang_init(paths_datadir());
	snprintf(path, sizeof path, "%s/themes.ini", paths_datadir());
	if ((lex = lexicon_load(path, NULL, err, sizeof err)) == NULL) {
		ok(1, "# SKIP no lexicon: %s", err);
		return tap_done();
	}
	snprintf(wpath, sizeof wpath, "%s/cache", dir);
	setenv("XDG_CACHE_HOME", wpath, 1);
	snprintf(wpath, sizeof wpath, "%s/cache/tread/words", dir);
	corpus_write();
	load(&c, lex, 0);
	is_int(c.n, NART, "corpus loaded");
	is_int(covered(&c), c.n, "the index covers every article");
	compare(&c, "cold");
	corpus_free(&c);
	stat(wpath, &st1);
	load(&c, lex, 0);
	stat(wpath, &st2);
	ok(st1.st_ino == st2.st_ino, "warm: index not rewritten");
	is_int(covered(&c), c.n, "warm: the index covers every article");
	compare(&c, "warm");
	corpus_free(&c);
	corpus_change();
	load(&c, lex, 0);
	is_int(covered(&c), c.n, "changed files: the index is merged");
	compare(&c, "changed");
	corpus_free(&c);
	test_roots(lex, wpath);
	test_snapshot(lex);
	test_stale(lex, wpath);
	test_every_byte(lex);
	test_fold_caches();
	lexicon_free(lex);
	rc = tap_done();
	snprintf(path, sizeof path, "rm -rf '%s'", dir);
	if (system(path) != 0)
		rc = 1;
	return rc;
}
