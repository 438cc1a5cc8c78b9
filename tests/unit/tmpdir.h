/* tmpdir.h: a test's private temp directory: made under $TMPDIR (or
 * /tmp) at the start, paths inside it, removed at the end when every
 * check passed (kept for a look when one failed). After tap.h. */
#ifndef TREAD_TMPDIR_H
#define TREAD_TMPDIR_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char tmp_dir[256];

/* Makes the directory TMPDIR/NAME.XXXXXX; 0, or -1 (said on stderr). */
static inline int
tmpdir_make(const char *name)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(tmp_dir, sizeof tmp_dir, "%s/%s.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp", name);
	if (mkdtemp(tmp_dir) == NULL) {
		perror("mkdtemp");
		return -1;
	}
	return 0;
}

/* The path of NAME inside the directory (eight rotating buffers, so
 * that a call can take several). */
static inline const char *
tpath(const char *name)
{
	static char p[8][512];
	static int i;

	i = (i + 1) % 8;
	snprintf(p[i], sizeof p[i], "%s/%s", tmp_dir, name);
	return p[i];
}

/* Removes the directory unless a check failed. */
static inline void
tmpdir_remove(void)
{
	char cmd[400];

	if (tap_fail != 0)
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp_dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmp_dir);
}

#endif
