/* complete.h: the words the shell completions offer (completions/). */
#ifndef TREAD_COMPLETE_H
#define TREAD_COMPLETE_H

#include <getopt.h>
#include <stdio.h>

struct lexicon;

/*
 * Prints one word a line for the shell completions: WHAT is "options"
 * (the long options of OPTS but the hidden ones, "--name" or "--name="
 * when it takes a value), "actions" (the key actions of tread.ini [keys]),
 * "themes" (the theme ids of LEX) or "fields" (the query field names).
 * Returns the exit status: 0, or 2 for an unknown WHAT (warned).
 */
int	 complete_print(FILE *, const char *what, const struct option *opts,
	    const struct lexicon *lex);

#endif
