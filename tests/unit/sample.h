/* sample.h: a sample article of data/articles read the way the corpus
 * reads it (file_read, then decode_text), for tests of one engine stage;
 * a lexicon of the source tree; and test corpora written file by file. */
#ifndef TREAD_SAMPLE_H
#define TREAD_SAMPLE_H

#include <stdio.h>
#include <stdlib.h>

#include "boiler.h"
#include "decode.h"
#include "entity.h"
#include "lang.h"
#include "lexicon.h"
#include "paths.h"
#include "util.h"

/* The clean text of DIR/articles/NAME (malloc'd), or NULL. */
static inline char *
sample_text(const char *dir, const char *name, size_t *tlen)
{
	char path[1024], *raw, *text;
	size_t len;

	snprintf(path, sizeof path, "%s/articles/%s", dir, name);
	if (file_read(path, 0, &raw, &len) != 0)
		return NULL;
	text = decode_text(raw, len, tlen, NULL);
	free(raw);
	return text;
}

/* The lexicon DIR/REL (a path in the source tree); a failure bails out
 * of the test (TAP), as no check can run without it. */
static inline struct lexicon *
sample_lexicon(const char *dir, const char *rel)
{
	char path[2048], err[512];
	struct lexicon *lex;

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	if ((lex = lexicon_load(path, NULL, err, sizeof err)) == NULL) {
		printf("Bail out! %s\n", err);
		exit(1);
	}
	return lex;
}

/* The engine's data loaded as the program loads it (boilerplate,
 * language profiles, gazetteer) and the default lexicon, for tests that
 * load a whole corpus; NULL with ERR set when any of it fails. */
static inline struct lexicon *
sample_engine(char *err, size_t errlen)
{
	char path[1024];

	snprintf(path, sizeof path, "%s/boilerplate.txt", paths_datadir());
	boiler_load(path);
	lang_init(paths_datadir());
	if (entity_init(paths_datadir(), NULL, err, errlen) == -1)
		return NULL;
	snprintf(path, sizeof path, "%s/themes.ini", paths_datadir());
	return lexicon_load(path, NULL, err, errlen);
}

/* Writes TEXT to DIR/NAME (directories made); returns the path
 * (malloc'd). */
static inline char *
sample_put(const char *dir, const char *name, const char *text)
{
	struct buf b;
	FILE *fp;

	buf_init(&b);
	buf_addf(&b, "%s/%s", dir, name);
	paths_mkdirs(b.s);
	if ((fp = fopen(b.s, "w")) != NULL) {
		fputs(text, fp);
		fclose(fp);
	}
	return buf_steal(&b, NULL);
}

#endif
