/* util.h: allocation that never returns NULL, growable buffers, file
 * reading; warn.h for the warnings. */
#ifndef TREAD_UTIL_H
#define TREAD_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistr.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);

/* A growable, always NUL-terminated byte buffer. */
struct buf {
	char	*s;
	size_t	 len;
	size_t	 cap;
};
void	 buf_init(struct buf *);
void	 buf_add(struct buf *, const char *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, char);
void	 buf_add_uc(struct buf *, ucs4_t);
void	 buf_addf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_reserve(struct buf *, size_t);
char	*buf_steal(struct buf *, size_t *);	/* hand over s, reset */
void	 buf_free(struct buf *);

#include "warn.h"		/* warn_at, defined in warn.c */

/* Reads a whole regular file (at most MAX bytes, 0 = no limit); -1 with
 * errno (EINVAL for a FIFO, device or socket: never opened blocking,
 * never read; EISDIR for a directory).
 * file_read_stat also gives the file's status (fstat of the file read),
 * when ST is not NULL, so that a caller needs no stat(2) of its own. */
struct stat;
int	 file_read(const char *path, size_t max, char **out, size_t *len);
int	 file_read_stat(const char *path, size_t max, char **out, size_t *len,
	    struct stat *st);
/* strerror for file_read's errno: "not a regular file" for EINVAL. */
const char *file_errstr(int err);

/*
 * The path "-" is standard input: file_stdin_load reads all of it (at
 * most MAX bytes) once, before the loader threads start; from then on
 * file_read_stat of "-" gives a copy, as of a regular file whose
 * status file_stdin_stat gives (NULL before the load).
 */
int	 file_stdin_load(size_t max);
int	 file_is_stdin(const char *path);
const struct stat *file_stdin_stat(void);

/*
 * The character at S (N > 0 bytes left) into *UC, returning its length:
 * u8_mbtouc's answer (U+FFFD for an invalid sequence), with the one-,
 * two- and three-byte forms decoded inline, as the hot loops need.
 */
static inline int
utf8_get(ucs4_t *uc, const uint8_t *s, size_t n)
{
	if (s[0] < 0x80) {
		*uc = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] < 0xe0 && n >= 2 && (s[1] & 0xc0) == 0x80) {
		*uc = (ucs4_t)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
		return 2;
	}
	if ((s[0] & 0xf0) == 0xe0 && n >= 3 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80 && (s[0] != 0xe0 || s[1] >= 0xa0) &&
	    (s[0] != 0xed || s[1] < 0xa0)) {
		*uc = (ucs4_t)(s[0] & 0x0f) << 12 | (ucs4_t)(s[1] & 0x3f) << 6 |
		    (s[2] & 0x3f);
		return 3;
	}
	return u8_mbtouc(uc, s, n);
}

/* 64-bit FNV-1a, for cache keys and lexicon hashes. */
/* Seconds on the monotonic clock (for rates and timers, not dates). */
double	 util_now(void);

/* Gives the heap's free pages back to the system (glibc keeps what the
 * big steps of a load free, and the next step's peak came on top). */
void	 util_heap_trim(void);

/* The bits set in both A and B (NW words each; B NULL: in A): the
 * CPU's popcnt instruction where it has one (a theme count at a million
 * articles is 15,625 words). */
size_t	 util_popcount_and(const uint64_t *a, const uint64_t *b, size_t nw);

/* Serves blocks from 256 KB up with mappings of their own, given back
 * when freed. glibc's threshold otherwise rises to the largest block
 * freed (up to 32 MB): after the loader's first big free, the cache
 * image, the word index's runs and the story build's arrays came from
 * the heap and stayed resident after their free (30 MB at 100,000
 * articles). Called once, first thing. */
void	 util_heap_setup(void);

uint64_t hash_bytes(uint64_t h, const void *, size_t);
#define HASH_INIT 0xcbf29ce484222325ULL

#endif
