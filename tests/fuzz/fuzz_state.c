/* fuzz_state.c: libFuzzer harness for the state file parser: the input
 * is a state file; it is loaded, changed and saved to a scratch dir. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "state.h"
#include "util.h"
#include "fuzz.h"

static char dir[64], file[96];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_scratch("state", "state", dir, file, sizeof file);
	return 0;
}

/* Removes the corrupt files set aside (one per corrupt input). */
static void
clean_aside(void)
{
	char p[300];
	struct dirent *de;
	DIR *d = opendir(dir);

	while (d != NULL && (de = readdir(d)) != NULL)
		if (strncmp(de->d_name, "state.corrupt-", 14) == 0) {
			snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
			unlink(p);
		}
	if (d != NULL)
		closedir(d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct state *s;

	fuzz_write(file, data, size);
	s = state_open(file);
	state_set_read(s, "/fuzz/a", 1);
	state_set_pos(s, "/fuzz/b", 3);
	if (state_save(s) != 0)
		abort();
	state_free(s);
	s = state_open(file);
	if (!state_is_read(s, "/fuzz/a") || state_pos(s, "/fuzz/b") != 3)
		abort();	/* the saved file must load back */
	if (state_warning(s) != NULL)
		abort();	/* and cleanly */
	state_free(s);
	clean_aside();
	return 0;
}
