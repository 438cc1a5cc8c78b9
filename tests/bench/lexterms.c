/* lexterms.c: prints every term of the theme lexicon, one per line, for
 * the grep reference of the benchmark. Usage: lexterms [THEMES.INI]. */
#include <limits.h>
#include <stdio.h>

#include "lexicon.h"
#include "paths.h"

/* Prints one term on its own line (terms never hold a newline). */
static void
put_term(const char *term, void *arg)
{
	fprintf(arg, "%s\n", term);
}

int
main(int argc, char **argv)
{
	char path[PATH_MAX], err[1024];
	struct lexicon *lex;

	if (argc > 1)
		snprintf(path, sizeof path, "%s", argv[1]);
	else
		snprintf(path, sizeof path, "%s/themes.ini", paths_datadir());
	if ((lex = lexicon_load(path, NULL, err, sizeof err)) == NULL) {
		fprintf(stderr, "lexterms: %s\n", err);
		return 1;
	}
	lexicon_terms(lex, put_term, stdout);
	lexicon_free(lex);
	return fflush(stdout) == 0 ? 0 : 1;
}
