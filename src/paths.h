/* paths.h: where data, config, state and cache live. */
#ifndef TREAD_PATHS_H
#define TREAD_PATHS_H

/* The data directory: $TREAD_DATADIR, the build tree's data/ when
 * running from a build tree, else the installed $(pkgdatadir). */
const char *paths_datadir(void);

/* The system-wide $(sysconfdir)/tread/NAME, or $TREAD_SYSCONFDIR/NAME
 * (for tests and staged installs): malloc'd. */
char	*paths_sysconfig(const char *name);

/* The home directory: $HOME when absolute, else the password database's
 * entry for the user; NULL when there is none. */
const char *paths_home(void);

/* (The three below exit 1 with a message when they need a home directory
 * and there is none.) */
/* $XDG_CONFIG_HOME/tread/NAME (or ~/.config/tread/NAME): malloc'd; NULL
 * (warned once) when that directory is not the user's own or others can
 * write to it. */
char	*paths_config(const char *name);
/* $XDG_STATE_HOME/tread/NAME (~/.local/state/tread): malloc'd. */
char	*paths_state(const char *name);
/* $XDG_CACHE_HOME/tread/NAME (~/.cache/tread): malloc'd. */
char	*paths_cache(const char *name);

/* mkdir -p for the directory part of PATH; 0 or -1. */
int	 paths_mkdirs(const char *path);

/* Does PATH exist as a regular file? (NULL: no.) */
int	 paths_is_file(const char *path);

#endif
