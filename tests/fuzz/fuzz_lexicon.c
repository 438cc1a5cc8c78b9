/* fuzz_lexicon.c: libFuzzer harness for the lexicon parser: the input is
 * written to a file and loaded as a themes.ini, alone and as a user
 * lexicon over the default one. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lexicon.h"
#include "util.h"

static char path[64];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int fd;

	warn_quiet = 1;
	strcpy(path, "/tmp/fuzz_lexicon.XXXXXX");
	if ((fd = mkstemp(path)) == -1)
		abort();
	close(fd);
	return 0;
}

/* Walks what a loaded lexicon offers, so every accessor runs. */
static void
walk(const struct lexicon *lex)
{
	size_t i;

	for (i = 0; i < lexicon_count(lex); i++)
		if (lexicon_id(lex, i) == NULL || lexicon_label(lex, i) == NULL)
			abort();
	lexicon_hash(lex);
	lexicon_covers(lex, "china kazakhstan", 16);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lexicon *lex;
	char err[512];
	FILE *fp;

	if ((fp = fopen(path, "wb")) == NULL)
		abort();
	fwrite(data, 1, size, fp);
	fclose(fp);
	err[0] = '\0';
	if ((lex = lexicon_load(path, NULL, err, sizeof err)) != NULL) {
		walk(lex);
		lexicon_free(lex);
	} else if (err[0] == '\0')
		abort();	/* a failure must say why */
	lex = lexicon_load(SRCDATADIR "/themes.ini", path, err, sizeof err);
	if (lex != NULL) {
		walk(lex);
		lexicon_free(lex);
	}
	return 0;
}
