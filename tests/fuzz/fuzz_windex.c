/* fuzz_windex.c: libFuzzer harness for the word index reader: the input
 * is a word index file; its checksum is fixed up first (as a hostile
 * neighbour can), so every mutation reaches the checks behind it. It is
 * opened, bound to a few articles and queried (every word, by the empty
 * prefix); one input in 16 is also merged by a build, which reads the
 * old index's records and paths. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "article.h"
#include "cache.h"
#include "text.h"
#include "util.h"
#include "windex.h"
#include "fuzz.h"

#define NART	4

static char dir[64], path[96];
static struct article v[NART];
static struct loadrec rec[NART];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static char paths[NART][128];
	int i;

	(void)argc;
	(void)argv;
	fuzz_scratch("windex", "words", dir, path, sizeof path);
	for (i = 0; i < NART; i++) {
		snprintf(paths[i], sizeof paths[i],
		    "/tmp/tread-fuzz-seed/articles/%03d.txt", i);
		v[i].path = paths[i];
		v[i].size = (uint64_t)(1000 + i);
		v[i].mtime = 1700000000 + i;
		rec[i].a = v[i];
		rec[i].ok = 1;
		rec[i].statted = 1;
	}
	return 0;
}

/* Queries X: every word (the empty prefix), a few words and prefixes. */
static void
query(const struct windex *x)
{
	static const char *w[] = { "", "china", "ka", "kazakhstan", "\x01" };
	uint64_t set[(NART + 63) / 64 + 1];
	size_t i;

	for (i = 0; i < sizeof w / sizeof *w; i++) {
		memset(set, 0, sizeof set);
		windex_or(x, w[i], strlen(w[i]), 1, set);
		windex_or(x, w[i], strlen(w[i]), 0, set);
		if (set[0] >> NART)
			abort();	/* a bit past the bound articles */
	}
}

/* A build over the index at PATH: reads it as the old one and merges. */
static void
merge(void)
{
	char *root = "/tmp/tread-fuzz-seed";
	struct fold_cache *fc = fold_cache_new();
	struct windex_build *b;
	struct windex *x;

	b = windex_build_new(path, NART, &root, 1);
	windex_build_known(b, 0, v[0].path, v[0].size, v[0].mtime);
	windex_build_add(b, 1, fc, "Title", "china kazakhstan border",
	    23, NULL, 0);
	x = windex_build_finish(b, rec, NART);
	windex_close(x);
	fold_cache_free(fc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *copy = fuzz_copy(data, size);
	struct windex *x;

	windex_reseal(copy, size);
	fuzz_write(path, copy, size);
	free(copy);
	if ((x = windex_open(path)) != NULL) {
		if (windex_bind(x, v, NART) == 0 && windex_covered(x)[0] >> NART)
			abort();
		query(x);
		windex_close(x);
	}
	if (size > 0 && (data[0] & 15) == 0)
		merge();
	return 0;
}
