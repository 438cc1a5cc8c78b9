/* export.h: an article out of tread: saved to a file, piped to a command,
 * shown in the pager, its file opened in the editor. No curses: the UI
 * gives the terminal up around export_run and export_edit. */
#ifndef TREAD_EXPORT_H
#define TREAD_EXPORT_H

#include <stddef.h>

struct corpus;

/* The cleaned article I as `tread --show I --width WIDTH` prints it,
 * malloc'd, its length in *LEN; NULL when its file cannot be read. */
char	*export_text(struct corpus *, size_t i, int width, size_t *len);

/* Does PATH name something that exists (a save would replace it)? */
int	 export_exists(const char *path);
/* Why a save to PATH is refused (no name, a directory, a device, a
 * FIFO), or NULL: a file or a symbolic link there would be replaced. */
const char *export_refused(const char *path);

/* Writes article I (export_text) to PATH: a temp file beside it, renamed
 * over it once complete, so PATH is never left half-written. 0, or -1
 * with the reason in ERR. */
int	 export_save(struct corpus *, size_t i, int width, const char *path,
	    char *err, size_t errlen);

/* Runs CMD with $SHELL -c (default /bin/sh), article I on its standard
 * input, the terminal its own; waits for it. The exit status (128 + the
 * signal when killed), or -1 with the reason in ERR. */
int	 export_run(struct corpus *, size_t i, int width, const char *cmd,
	    char *err, size_t errlen);

/* Opens article I's file in $VISUAL, else $EDITOR, else vi (through
 * $SHELL, the path given as "$1", never spliced into the command line).
 * The exit status, or -1 with the reason in ERR. */
int	 export_edit(struct corpus *, size_t i, char *err, size_t errlen);

/* Completes the file name being typed, PREFIX: OUT gets PREFIX extended
 * as far as the names of its directory that begin so agree ("/" after a
 * lone directory); LIST those names, space-separated (at most about a
 * line of them). Names beginning with a dot only for a PREFIX that
 * does. Returns how many names begin so. */
struct buf;
size_t	 export_complete(const char *prefix, struct buf *out,
	    struct buf *list);

/* The pager to show an article with: $PAGER, else "less". */
const char *export_pager(void);

/* After a command: prints PROMPT and waits for one key on the terminal
 * (standard input), read unbuffered and unechoed. */
void	 export_wait_key(const char *prompt);

#endif
