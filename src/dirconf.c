/* dirconf.c: a directory's own settings for the files in it. For each
 * key, the nearest .tread.ini up from a file's directory that sets it
 * (to a value tread knows) wins; "auto" there stops the search. */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "date.h"
#include "dirconf.h"
#include "ini.h"
#include "util.h"

#define DIRCONF		".tread.ini"
#define HAVE_ENC	1u	/* struct dirconf keys decided */
#define HAVE_ORDER	2u
#define HAVE_ALL	3u

/* The settings of one directory. */
struct dirconf {
	char		 encoding[64];	/* "": detect */
	int		 order;		/* DATE_ORDER_* */
	unsigned	 have;		/* HAVE_* */
};

/* The directory part of PATH ("." for a bare name), malloc'd. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *d;

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	d = xmalloc((size_t)(slash - path) + 1);
	memcpy(d, path, (size_t)(slash - path));
	d[slash - path] = '\0';
	return d;
}

/* Is V an encoding name iconv knows (UTF-8 included)? */
static int
encoding_known(const char *v)
{
	iconv_t cd;

	if (strcasecmp(v, "UTF-8") == 0 || strcasecmp(v, "UTF8") == 0)
		return 1;
	if ((cd = iconv_open("UTF-8", v)) == (iconv_t)-1)
		return 0;
	iconv_close(cd);
	return 1;
}

/* Takes the keys of INI that C has not decided yet. A value tread does
 * not know (an encoding iconv lacks, an order other than auto, dmy,
 * mdy) leaves its key to the directories above. */
static void
dirconf_take(struct ini *ini, struct dirconf *c)
{
	const char *v;
	int o;

	v = ini_get(ini, "decode:encoding", NULL);
	if (!(c->have & HAVE_ENC) && v != NULL && strlen(v) <
	    sizeof c->encoding && (strcasecmp(v, "auto") == 0 ||
	    encoding_known(v))) {
		snprintf(c->encoding, sizeof c->encoding, "%s",
		    strcasecmp(v, "auto") == 0 ? "" : v);
		c->have |= HAVE_ENC;
	}
	v = ini_get(ini, "date:order", NULL);
	if (!(c->have & HAVE_ORDER) && v != NULL &&
	    (o = date_order_parse(v)) >= 0) {
		c->order = o;
		c->have |= HAVE_ORDER;
	}
}

/* Reads DIR/.tread.ini, if there is one, into C. */
static void
dirconf_read(const char *dir, struct dirconf *c)
{
	struct buf p;
	struct stat st;
	struct ini *ini;
	char err[256];

	buf_init(&p);
	buf_addf(&p, "%s/%s", dir, DIRCONF);
	if (stat(p.s, &st) == 0 && S_ISREG(st.st_mode) &&
	    (ini = ini_open(p.s, err, sizeof err)) != NULL) {
		dirconf_take(ini, c);
		ini_close(ini);
	}
	buf_free(&p);
}

/* The settings for the files of DIR: its .tread.ini, then its parent's,
 * up to the root (or, for a relative DIR, to "."). One directory is kept
 * per thread, in fixed buffers (nothing to free when a loader thread
 * ends): files come directory by directory. */
static const struct dirconf *
dirconf_dir(const char *dir)
{
	/* Global, one per thread: the last directory's answer. */
	static _Thread_local char last_dir[1024];
	static _Thread_local struct dirconf last;
	char *d, *up;

	if (last_dir[0] != '\0' && strcmp(last_dir, dir) == 0)
		return &last;
	memset(&last, 0, sizeof last);
	last.order = DATE_ORDER_AUTO;
	d = xstrdup(dir);
	for (;;) {
		dirconf_read(d, &last);
		up = dir_of(d);
		if (last.have == HAVE_ALL || strcmp(up, d) == 0 ||
		    strcmp(d, ".") == 0) {
			free(up);
			break;
		}
		free(d);
		d = up;
	}
	free(d);
	if (strlen(dir) < sizeof last_dir)
		strcpy(last_dir, dir);
	else
		last_dir[0] = '\0';
	return &last;
}

/* The settings for the file PATH. */
static const struct dirconf *
dirconf_for(const char *path)
{
	char *dir = dir_of(path);
	const struct dirconf *c = dirconf_dir(dir);

	free(dir);
	return c;
}

const char *
dirconf_encoding(const char *path)
{
	const struct dirconf *c = dirconf_for(path);

	return c->encoding[0] != '\0' ? c->encoding : NULL;
}

int
dirconf_date_order(const char *path)
{
	return dirconf_for(path)->order;
}
