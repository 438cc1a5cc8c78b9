/* fuzz_query.c: libFuzzer harness for the query language: query_parse
 * and query_eval on the sample corpus. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "boiler.h"
#include "corpus.h"
#include "discover.h"
#include "lang.h"
#include "lexicon.h"
#include "query.h"
#include "util.h"

static struct corpus corpus;
static unsigned char *keep;

/* Loads the five sample articles once. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *paths[] = { SRCDATADIR "/articles" };
	struct lexicon *lex;
	char err[512];

	warn_quiet = 1;
	boiler_load(SRCDATADIR "/boilerplate.txt");
	lang_init(SRCDATADIR);
	discover_init(SRCDATADIR);
	lex = lexicon_load(SRCDATADIR "/themes.ini", NULL, err, sizeof err);
	if (lex == NULL)
		abort();
	corpus_load(&corpus, paths, 1, lex, CORPUS_NOCACHE | CORPUS_RESIDENT);
	keep = xcalloc(corpus.n + 1, 1);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *q = xstrndup((const char *)data, size), err[512];
	const char *const *w;
	struct query *qy;
	size_t n;

	err[0] = '\0';
	if ((qy = query_parse(q, &corpus, err, sizeof err)) == NULL) {
		if (err[0] == '\0')
			abort();	/* a refusal must say why */
	} else {
		n = query_eval(qy, &corpus, keep);
		if (n > corpus.n)
			abort();
		for (w = query_words(qy); *w != NULL; w++)
			strlen(*w);
		query_free(qy);
	}
	free(q);
	return 0;
}
