/* keys-mdoc.c: prints the key table of keys.def as mdoc (for tread(1)) or text. */
#include <stdio.h>
#include <string.h>

#include "keys.h"

/* The table as plain text, grouped like the help screen. */
static void
print_text(FILE *fp)
{
	int a, g;

	for (g = 0; g < KEYS_NGROUPS; g++) {
		fprintf(fp, "%s\n", keys_group_title(g));
		for (a = 1; a < ACT_COUNT; a++)
			if (keys_group((enum action)a) == g)
				fprintf(fp, "  %-18s %-16s %s\n",
				    keys_names((enum action)a),
				    keys_name((enum action)a),
				    keys_help((enum action)a));
		fputc('\n', fp);
	}
}

int
main(int argc, char **argv)
{
	keys_init();
	if (argc > 1 && strcmp(argv[1], "--text") == 0)
		print_text(stdout);
	else if (argc > 1) {
		fputs("usage: keys-mdoc [--text]\n", stderr);
		return 2;
	} else
		keys_print_mdoc(stdout);
	keys_free();
	return 0;
}
