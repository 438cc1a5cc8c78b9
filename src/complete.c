/* complete.c: the words the shell completions offer, from the tables the
 * program itself uses, so that the completions cannot go stale. */
#include <string.h>

#include "complete.h"
#include "keys.h"
#include "lexicon.h"
#include "query.h"
#include "util.h"

/* Options that are for the build and the completions, not for users. */
static int
hidden(const char *name)
{
	return strcmp(name, "keys-mdoc") == 0 || strcmp(name, "complete") == 0;
}

/* The long options, "=" after those that take a value. */
static void
print_options(FILE *fp, const struct option *opts)
{
	const struct option *o;

	for (o = opts; o->name != NULL; o++)
		if (!hidden(o->name))
			fprintf(fp, "--%s%s\n", o->name,
			    o->has_arg == required_argument ? "=" : "");
}

/* The key actions by name, in the table's order. */
static void
print_actions(FILE *fp)
{
	int a;

	keys_init();
	for (a = ACT_NONE + 1; a < ACT_COUNT; a++)
		fprintf(fp, "%s\n", keys_name((enum action)a));
	keys_free();
}

int
complete_print(FILE *fp, const char *what, const struct option *opts,
    const struct lexicon *lex)
{
	const char *f;
	size_t i;

	if (strcmp(what, "options") == 0)
		print_options(fp, opts);
	else if (strcmp(what, "actions") == 0)
		print_actions(fp);
	else if (strcmp(what, "themes") == 0)
		for (i = 0; i < lexicon_count(lex); i++)
			fprintf(fp, "%s\n", lexicon_id(lex, i));
	else if (strcmp(what, "fields") == 0)
		for (i = 0; (f = query_field(i)) != NULL; i++)
			fprintf(fp, "%s:\n", f);
	else {
		warn_at("--complete", "expected options, actions, themes or "
		    "fields: %s", what);
		return 2;
	}
	return fflush(fp) == 0 && !ferror(fp) ? 0 : 1;
}
