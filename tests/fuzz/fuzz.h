/* fuzz.h: what the harnesses that read a file share: a scratch directory
 * made once, and each input written there as the file to read. */
#ifndef TREAD_FUZZ_H
#define TREAD_FUZZ_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

/* Makes the scratch directory /tmp/fuzz_NAME.XXXXXX into DIR (64 bytes)
 * and puts the path of its FILE into PATH (SIZE bytes); warnings off.
 * For LLVMFuzzerInitialize. */
static inline void
fuzz_scratch(const char *name, const char *file, char *dir, char *path,
    size_t size)
{
	warn_quiet = 1;
	snprintf(dir, 64, "/tmp/fuzz_%s.XXXXXX", name);
	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(path, size, "%s/%s", dir, file);
}

/* Writes DATA[0..SIZE) as a new file at PATH: unlinked first, so that it
 * is never a file a reader still has mapped. */
static inline void
fuzz_write(const char *path, const void *data, size_t size)
{
	FILE *fp;

	unlink(path);
	if ((fp = fopen(path, "wb")) == NULL)
		abort();
	if (size > 0 && fwrite(data, 1, size, fp) != size)
		abort();
	fclose(fp);
}

/* A malloc'd copy of DATA[0..SIZE), for a checksum fix-up before
 * fuzz_write (as a hostile neighbour can fix it up): every mutation then
 * reaches the checks behind the checksum. */
static inline void *
fuzz_copy(const void *data, size_t size)
{
	void *copy = xmalloc(size + 1);

	memcpy(copy, data, size);
	return copy;
}

#endif
