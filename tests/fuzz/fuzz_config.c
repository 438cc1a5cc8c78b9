/* fuzz_config.c: libFuzzer harness for tread.ini, key bindings included:
 * the input is loaded over the defaults and its [keys] bound as the
 * reader does; a failure must say why, FILE:LINE first. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "keys.h"
#include "util.h"

static char path[64];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int fd;

	(void)argc;
	(void)argv;
	warn_quiet = 1;
	strcpy(path, "/tmp/fuzz_config.XXXXXX");
	if ((fd = mkstemp(path)) == -1)
		abort();
	close(fd);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	char err[1024];
	size_t k;
	FILE *fp;

	if ((fp = fopen(path, "wb")) == NULL)
		abort();
	fwrite(data, 1, size, fp);
	fclose(fp);
	config_defaults(&cfg);
	keys_init();
	err[0] = '\0';
	if (config_load(&cfg, path, err, sizeof err) == -1) {
		if (strncmp(err, path, strlen(path)) != 0)
			abort();	/* a failure names the file */
	} else
		for (k = 0; k < cfg.nkeys; k++) {
			err[0] = '\0';
			if (keys_bind(cfg.keys[k].action, cfg.keys[k].keys, err,
			    sizeof err) == -1 && err[0] == '\0')
				abort();	/* a refusal says why */
		}
	keys_free();
	config_free(&cfg);
	return 0;
}
