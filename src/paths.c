/* paths.c: where data, config, state and cache live (XDG base dirs). */
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"
#include "store.h"
#include "util.h"

int
paths_is_file(const char *path)
{
	struct stat st;

	return path != NULL && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Does DIR/NAME exist as a regular file? */
static int
has_file(const char *dir, const char *name)
{
	char path[PATH_MAX];

	return snprintf(path, sizeof path, "%s/%s", dir, name) <
	    (int)sizeof path && paths_is_file(path);
}

/* If build tree TOP (PATH_MAX bytes) has data directory SUB, makes TOP
 * TOP/SUB and returns 1. */
static int
data_at(char *top, const char *sub)
{
	char ini[64];
	size_t n = strlen(top);

	snprintf(ini, sizeof ini, "%s/themes.ini", sub);
	if (!has_file(top, ini) || n + 1 + strlen(sub) >= PATH_MAX)
		return 0;
	top[n] = '/';
	strcpy(top + n + 1, sub);
	return 1;
}

/*
 * The data directory of the build tree this program runs from (src/tread,
 * or a test two levels down), or NULL when it is not in one: the top of a
 * build tree has config.status, and data/ (srcdata/, a link to the source
 * tree's, in a VPATH build). Found from /proc/self/exe, not from a path
 * compiled in, so that two builds in two places give the same binary.
 */
static const char *
builddir_data(void)
{
	static char dir[PATH_MAX];	/* global: found once */
	char *slash;
	ssize_t n;
	int up;

	n = readlink("/proc/self/exe", dir, sizeof dir - 1);
	if (n <= 0)
		return NULL;
	dir[n] = '\0';
	for (up = 0; up < 3 && (slash = strrchr(dir, '/')) != NULL; up++) {
		*slash = '\0';	/* the program's directory, then up */
		if (up > 0 && has_file(dir, "config.status") &&
		    (data_at(dir, "data") || data_at(dir, "srcdata")))
			return dir;
	}
	return NULL;
}

const char *
paths_datadir(void)
{
	static const char *dir;	/* global: found once */
	const char *env;

	if (dir != NULL)
		return dir;
	if ((env = getenv("TREAD_DATADIR")) != NULL && *env != '\0')
		dir = env;
	else if ((dir = builddir_data()) == NULL)
		dir = PKGDATADIR;
	return dir;
}

const char *
paths_home(void)
{
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (home != NULL && home[0] == '/')
		return home;
	/* Never /tmp or the cwd: another user could make the directories
	 * there first. The password database names the real home. */
	if ((pw = getpwuid(getuid())) != NULL && pw->pw_dir != NULL &&
	    pw->pw_dir[0] == '/')
		return pw->pw_dir;
	return NULL;
}

/* $VAR/tread/NAME, or HOME/FALLBACK/tread/NAME; exits when there is no
 * home directory to put it in. */
static char *
xdg_path(const char *var, const char *fallback, const char *name)
{
	const char *base = getenv(var), *home;
	struct buf b;

	buf_init(&b);
	if (base != NULL && base[0] == '/')
		buf_adds(&b, base);
	else {
		if ((home = paths_home()) == NULL) {
			err_at(NULL, "HOME is not set and the password database "
			    "has no home directory for user %ld: set HOME or %s",
			    (long)getuid(), var);
			exit(1);
		}
		buf_adds(&b, home);
		buf_addc(&b, '/');
		buf_adds(&b, fallback);
	}
	buf_adds(&b, "/tread/");
	buf_adds(&b, name);
	return buf_steal(&b, NULL);
}

char *
paths_sysconfig(const char *name)
{
	const char *env = getenv("TREAD_SYSCONFDIR");
	struct buf b;

	buf_init(&b);
	if (env != NULL && *env != '\0')
		buf_adds(&b, env);
	else
		buf_adds(&b, SYSCONFDIR "/tread");
	buf_addc(&b, '/');
	buf_adds(&b, name);
	return buf_steal(&b, NULL);
}

char *
paths_config(const char *name)
{
	static int told;	/* global: one warning per process */
	char *path = xdg_path("XDG_CONFIG_HOME", ".config", name);
	char *dir = xstrndup(path, (size_t)(strrchr(path, '/') - path));
	const char *why = store_dir_unsafe(dir);

	if (why != NULL) {	/* another user's settings could trap us */
		if (!told++)
			warn_at(dir, "%s: its configuration is not read", why);
		free(path);
		path = NULL;
	}
	free(dir);
	return path;
}

char *
paths_state(const char *name)
{
	return xdg_path("XDG_STATE_HOME", ".local/state", name);
}

char *
paths_cache(const char *name)
{
	return xdg_path("XDG_CACHE_HOME", ".cache", name);
}

int
paths_mkdirs(const char *path)
{
	char *p = xstrdup(path), *s;

	for (s = p + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(p, 0700) == -1 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	free(p);
	return 0;
}
