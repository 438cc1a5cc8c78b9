/* state_writer.c: a tiny state client for tests/state-kill.sh and
 * tests/state-two.sh (built by make check, not a test of its own).
 *   state_writer write FILE PREFIX N   marks PREFIX/k read, position k+1,
 *                                      saving after each, N more keys
 *   state_writer check FILE PREFIX...  prints how many consecutive keys
 *                                      each PREFIX has; exit 1 when the
 *                                      file holds anything else */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state.h"

/* How many keys PREFIX/0, PREFIX/1 ... S has, with the right values. */
static long
run_length(const struct state *s, const char *prefix)
{
	char key[1024];
	long k;

	for (k = 0;; k++) {
		snprintf(key, sizeof key, "%s/%06ld", prefix, k);
		if (!state_is_read(s, key) || state_pos(s, key) != k + 1)
			return k;
	}
}

/* Adds N keys after the ones already there, saving after each. */
static int
run_write(const char *file, const char *prefix, long n)
{
	struct state *s = state_open(file);
	char key[1024];
	long k, start = run_length(s, prefix);

	for (k = start; k < start + n; k++) {
		snprintf(key, sizeof key, "%s/%06ld", prefix, k);
		state_set_read(s, key, 1);
		state_set_pos(s, key, k + 1);
		if (state_save(s) == -1)
			return 1;
	}
	state_free(s);
	return 0;
}

/* Prints each prefix's run; fails if the file has keys outside them. */
static int
run_check(const char *file, char **prefixes, int n)
{
	struct state *s = state_open(file);
	long total = 0, k;
	int i;

	for (i = 0; i < n; i++) {
		k = run_length(s, prefixes[i]);
		printf("%s%ld", i ? " " : "", k);
		total += k;
	}
	putchar('\n');
	k = (long)state_count(s);
	state_free(s);
	if (k != total) {
		fprintf(stderr, "tread: %s: %ld keys, %ld in runs\n", file, k, total);
		return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "write") == 0)
		return run_write(argv[2], argv[3], atol(argv[4]));
	if (argc >= 4 && strcmp(argv[1], "check") == 0)
		return run_check(argv[2], argv + 3, argc - 3);
	fputs("usage: state_writer write FILE PREFIX N | check FILE PREFIX...\n",
	    stderr);
	return 2;
}
