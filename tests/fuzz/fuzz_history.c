/* fuzz_history.c: libFuzzer harness for the query history's parser: the
 * input is a history file; what parses must be sound entries, within the
 * bound, and come back the same from a saved file. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "history.h"
#include "util.h"
#include "fuzz.h"

static char dir[64], file[96];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_scratch("history", "history", dir, file, sizeof file);
	return 0;
}

/* Every entry: not empty, within HISTORY_LINE, no newline or control. */
static void
check(const struct history *h)
{
	size_t i, k, n;
	const char *s;

	if (history_n(h) > HISTORY_MAX)
		abort();
	for (i = 0; i < history_n(h); i++) {
		s = history_get(h, i);
		n = strlen(s);
		if (n == 0 || n > HISTORY_LINE)
			abort();
		for (k = 0; k < n; k++)
			if ((unsigned char)s[k] < 0x20 || s[k] == 0x7f)
				abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct history *h = history_open(NULL), *back;
	size_t i, n;

	history_parse(h, (const char *)data, size);
	check(h);
	n = history_n(h);
	history_free(h);
	/* the same bytes as a file, saved with one entry more, read back */
	fuzz_write(file, data, size);
	h = history_open(file);
	if (history_n(h) != n)
		abort();
	history_add(h, "fuzz:entry");
	if (history_save(h) != 0)
		abort();
	back = history_open(file);
	check(back);
	if (history_n(back) != history_n(h) || strcmp(history_get(back,
	    history_n(back) - 1), "fuzz:entry") != 0)
		abort();
	for (i = 0; i < history_n(h); i++)
		if (strcmp(history_get(h, i), history_get(back, i)) != 0)
			abort();
	history_free(back);
	history_free(h);
	return 0;
}
