/* reseal.c: a helper of tests/cache.sh, not a test: fixes up the
 * checksum of an index cache or word index file after a test edited it,
 * as a hostile neighbour could. Usage: reseal FILE */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "util.h"
#include "windex.h"

int
main(int argc, char **argv)
{
	char *data;
	size_t len;
	FILE *fp;
	int rc;

	if (argc != 2 || file_read(argv[1], 0, &data, &len) == -1) {
		fprintf(stderr, "usage: reseal FILE (a readable cache or index)\n");
		return 2;
	}
	if (len >= 8 && memcmp(data, "TREADIX\n", 8) == 0)
		rc = cache_reseal(data, len);
	else if (len >= 7 && memcmp(data, "TREADWX", 7) == 0)
		rc = windex_reseal((unsigned char *)data, len);
	else
		rc = -1;
	if (rc == -1 || (fp = fopen(argv[1], "wb")) == NULL ||
	    fwrite(data, 1, len, fp) != len || fclose(fp) != 0) {
		fprintf(stderr, "reseal: %s: not resealed\n", argv[1]);
		return 1;
	}
	free(data);
	return 0;
}
