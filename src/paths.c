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
#include "util.h"

int
paths_is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Is the running binary the one in this build tree (not installed)? */
static int
running_from_builddir(void)
{
	char exe[PATH_MAX], built[PATH_MAX];
	ssize_t n;

	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return 0;
	exe[n] = '\0';
	if (realpath(BUILDDIR "/src/tread", built) != NULL &&
	    strcmp(exe, built) == 0)
		return 1;
	/* Unit tests live in the build tree too. */
	if (realpath(BUILDDIR, built) != NULL &&
	    strncmp(exe, built, strlen(built)) == 0 &&
	    strstr(exe + strlen(built), "/tests/") != NULL)
		return 1;
	return 0;
}

const char *
paths_datadir(void)
{
	static const char *dir;
	const char *env;

	if (dir != NULL)
		return dir;
	if ((env = getenv("TREAD_DATADIR")) != NULL && *env != '\0')
		dir = env;
	else if (running_from_builddir() &&
	    paths_is_file(SRCDATADIR "/themes.ini"))
		dir = SRCDATADIR;
	else
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
			warn_at(NULL, "HOME is not set and the password database "
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
paths_config(const char *name)
{
	return xdg_path("XDG_CONFIG_HOME", ".config", name);
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
