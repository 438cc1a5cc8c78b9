/* store.h: what every file tread keeps needs: one checksum, one atomic
 * writer (never through a symbolic link, only in the user's own
 * directory), one reader that opens nothing but a regular file, and one
 * path key. The index cache, the word index and the state file use it. */
#ifndef TREAD_STORE_H
#define TREAD_STORE_H

#include <stddef.h>
#include <stdint.h>

struct stat;

/* The start value of store_sum. */
#define STORE_SUM_INIT 0xcbf29ce484222325ULL

/* Adds the bytes P[0..N) to checksum H: four lanes of 8-byte words, so
 * tens of megabytes sum in milliseconds. Damage detection, not a MAC:
 * whoever can write a file can fix its sum up, so readers still check
 * every field. Summing in pieces gives another sum than summing at
 * once: a writer and its reader must cut the bytes the same way. */
uint64_t store_sum(uint64_t h, const void *p, size_t n);

/* store_sum of bytes that come in pieces (a file read back in chunks):
 * begin with H, add the pieces in order, end: the sum store_sum gives
 * of all of them at once. */
struct store_summer {
	uint64_t	 l[4];
	unsigned char	 tail[32];
	size_t		 ntail;
};
void	 store_sum_begin(struct store_summer *, uint64_t h);
void	 store_sum_add(struct store_summer *, const void *p, size_t n);
uint64_t store_sum_end(const struct store_summer *);

/* Creates the directory part of PATH (mode 0700, parents too) and checks
 * that the directory is the user's own and writable by nobody else. 0,
 * or -1 with a warning naming the directory ("WHAT: ..." as context). */
int	 store_dir(const char *path, const char *what);

/* Why the existing directory DIR is not safe to take files from (not the
 * user's own, writable by others...), or NULL (also when it is missing). */
const char *store_dir_unsafe(const char *dir);

/* A file being written: a temp file beside PATH, renamed over it by
 * store_commit. */
struct store_file {
	int	 fd;
	char	*tmp;
	char	*path;
	const char *what;
};

/* Starts writing PATH (WHAT names the file in warnings: "index cache").
 * The temp file PATH.PID.XXXXXX is made with O_EXCL and O_NOFOLLOW in
 * the checked directory. 0, or -1 (warned). */
int	 store_begin(struct store_file *, const char *path, const char *what);
/* Writes N bytes; 0, or -1 with errno (EFBIG, ENOSPC...). */
int	 store_write(struct store_file *, const void *p, size_t n);
/* Syncs, closes and renames the temp file over PATH (a symbolic link at
 * PATH is replaced, never followed), then syncs the directory. 0, or -1
 * (warned, temp file removed). */
int	 store_commit(struct store_file *);
/* Gives up: closes and removes the temp file. */
void	 store_abort(struct store_file *);

/* Removes the temp files that a killed tread left beside PATH: those
 * named PATH.PID.XXXXXX whose process is gone, and PATH.XXXXXX ones (an
 * older tread's naming) more than an hour old. */
void	 store_clean(const char *path);

/* Opens PATH for reading without blocking and without following a
 * symbolic link at its last component; only a regular file. The fd
 * (blocking again), ST filled, or -1 with errno (ELOOP for a link,
 * EINVAL for a FIFO, device, socket or directory). */
int	 store_open_read(const char *path, struct stat *st);

/* The key of FILE: CWD (may be NULL: the process's) prefixed when FILE is
 * relative, leading "./" (and a lone ".") dropped, not resolved. Written to DST (CAP
 * bytes) when it fits, else malloc'd: the caller frees a result other
 * than DST. *LEN (if not NULL) is its length. */
char	*store_key(char *dst, size_t cap, const char *cwd, const char *file,
	    size_t *len);

/* The process's working directory, read once (tread never changes it);
 * NULL when unknown. Thread-safe. */
const char *store_cwd(void);

#endif
