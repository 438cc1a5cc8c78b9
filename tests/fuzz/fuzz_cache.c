/* fuzz_cache.c: libFuzzer harness for the index cache reader: the input
 * is a cache file; its checksum is fixed up first (as a hostile
 * neighbour can), so every mutation reaches the field checks. Then every
 * reader function runs on it, and what it hands out is checked against
 * the contract: theme indexes inside the theme table, clean text. The
 * lazy open of a warm start too: its snapshot within the file's bounds,
 * its text clean once cache_verify passes it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "article.h"
#include "cache.h"
#include "decode.h"
#include "discover.h"
#include "lexicon.h"
#include "util.h"
#include "fuzz.h"

/* The seeds' corpus root (tests/fuzz/seeds/README): snapshots match it. */
#define SEED_ROOT "/tmp/tread-fuzz-seed/articles"

static char dir[64], path[96];
static uint64_t lexhash;
static size_t nlex;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct lexicon *lex;
	char err[512];

	(void)argc;
	(void)argv;
	fuzz_scratch("cache", "index", dir, path, sizeof path);
	if ((lex = lexicon_load(SRCDATADIR "/themes.ini", NULL, err,
	    sizeof err)) == NULL)
		abort();
	lexhash = lexicon_hash(lex);
	nlex = lexicon_count(lex);
	lexicon_free(lex);
	return 0;
}

/* Aborts unless S is text the output sanitiser leaves as it is. */
static void
clean(const char *s)
{
	struct buf b;
	size_t n = strlen(s);

	buf_init(&b);
	decode_sanitize(&b, s, n, 0);
	if (b.len != n || memcmp(b.s, s, n) != 0)
		abort();
	buf_free(&b);
}

/* Looks up snapshot article A again by path, size and time. */
static void
lookup(struct cache *c, const struct article *a)
{
	struct article q;
	struct phrase *p;
	uint32_t e;
	size_t k, np;

	memset(&q, 0, sizeof q);
	q.path = a->path;
	q.size = a->size;
	q.mtime = a->mtime;
	if (cache_lookup(c, &q, 0, &e) == CACHE_MISS)
		return;
	clean(q.title);
	clean(q.source);
	for (k = 0; k < q.nhits; k++)
		if (q.hits[k].theme >= nlex)
			abort();	/* a lookup gives lexicon themes only */
	np = cache_phrases(c, e, &p);
	for (k = 0; k < np; k++) {
		clean(p[k].text);
		clean(p[k].label);
	}
	q.path = NULL;
	article_free(&q);
}

/* The snapshot's articles, in mode DISCOVER; their text checked clean
 * when TEXT (a lazy open leaves that to cache_verify). */
static void
snapshot(struct cache *c, int discover, int text)
{
	char *root = SEED_ROOT;
	const struct theme_hit *h;
	struct discovered *d = NULL;
	const uint32_t *order;
	struct article a;
	size_t n, k, j, nd = 0;

	if ((n = cache_snapshot(c, &root, 1, discover, &order)) == 0)
		return;
	if (discover)
		cache_snap_discovered(c, &d, &nd);
	for (k = 0; k < n; k++) {
		cache_snap_article(c, order[k], &a, &h);
		if (text) {
			clean(a.title);
			clean(a.source);
		} else if (strlen(a.title) + strlen(a.source) +
		    strlen(a.path) == SIZE_MAX)
			abort();	/* read to their NULs: inside the file */
		for (j = 0; j < a.nhits; j++)
			if (h[j].theme >= nlex + nd)
				abort();
		cache_snap_same(c, order[k], a.path, a.size, a.mtime);
		lookup(c, &a);
	}
	for (j = 0; j < nd; j++)
		for (k = 0; k < d[j].narticles; k++)
			if (d[j].articles[k] >= n)
				abort();
	if (d != NULL)
		discover_themes_free(d, nd);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct discovered *d;
	struct cache *c;
	char *copy = fuzz_copy(data, size);
	size_t nd;

	cache_reseal(copy, size);
	fuzz_write(path, copy, size);
	free(copy);
	c = cache_open(path, lexhash, nlex);
	snapshot(c, 1, 1);
	snapshot(c, 0, 1);
	if (cache_discovered(c, 1, &d, &nd))
		discover_themes_free(d, nd);
	cache_close(c);
	/* a warm start's lazy open: bounds now, the rest when verified */
	c = cache_open_lazy(path, lexhash, nlex);
	snapshot(c, 1, 0);
	snapshot(c, 0, 0);
	if (cache_verify(c)) {
		snapshot(c, 1, 1);
		snapshot(c, 0, 1);
	}
	cache_close(c);
	return 0;
}
