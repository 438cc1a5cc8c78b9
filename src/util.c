/* util.c: allocation that never returns NULL, growable buffers, file
 * reading (warnings are warn.c's: they need the sanitiser of decode.c,
 * which needs these buffers). */
#include <errno.h>
#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

/* Out of memory is not something tread can work around: say so and go. */
static void
oom(void)
{
	static const char msg[] = "tread: out of memory\n";

	if (write(2, msg, sizeof msg - 1) < 0) {
		/* nothing more to do */
	}
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		oom();
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
buf_init(struct buf *b)
{
	b->s = NULL;
	b->len = b->cap = 0;
}

/* Makes room for N more bytes plus the terminating NUL. */
void
buf_reserve(struct buf *b, size_t n)
{
	size_t need;

	if (n > SIZE_MAX - b->len - 1)
		oom();
	need = b->len + n + 1;
	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap = b->cap > SIZE_MAX / 2 ? need : b->cap * 2;
	b->s = xrealloc(b->s, b->cap);
	b->s[b->len] = '\0';	/* a fresh buffer reads as "" */
}

void
buf_add(struct buf *b, const char *s, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

/* Appends code point U as UTF-8 (nothing for one that has none). */
void
buf_add_uc(struct buf *b, ucs4_t u)
{
	uint8_t tmp[6];
	int n = u8_uctomb(tmp, u, sizeof tmp);

	if (n > 0)
		buf_add(b, (const char *)tmp, (size_t)n);
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *
buf_steal(struct buf *b, size_t *len)
{
	char *s;

	if (b->s == NULL)
		buf_reserve(b, 0);
	s = b->s;
	if (len != NULL)
		*len = b->len;
	buf_init(b);
	return s;
}

void
buf_free(struct buf *b)
{
	free(b->s);
	buf_init(b);
}

int
file_read(const char *path, size_t max, char **out, size_t *len)
{
	return file_read_stat(path, max, out, len, NULL);
}

/* Reads open file FD into B (at most MAX bytes, 0 = no limit), sized
 * for HINT bytes first: one read for a file that stays as fstat saw
 * it, and one more to see its end. */
static ssize_t
fd_read(int fd, struct buf *b, size_t max, size_t hint)
{
	ssize_t n;

	buf_reserve(b, hint < 65536 ? hint + 1 : 65536);
	for (;;) {
		if (b->cap - b->len - 1 == 0)
			buf_reserve(b, 65536);
		n = read(fd, b->s + b->len, b->cap - b->len - 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return n;
		b->len += (size_t)n;
		if (max != 0 && b->len >= max)
			return n;
	}
}

/* Global: standard input as read by file_stdin_load, what the path "-"
 * names (it can be read only once per process). */
static struct {
	char		*s;
	size_t		 len;
	struct stat	 st;
	int		 loaded;
} stdin_data;

int
file_stdin_load(size_t max)
{
	struct buf b;
	int saved;

	if (stdin_data.loaded)
		return 0;
	buf_init(&b);
	if (fd_read(STDIN_FILENO, &b, max, 65536) == -1) {
		saved = errno;
		buf_free(&b);
		errno = saved;
		return -1;
	}
	if (max != 0 && b.len > max)
		b.len = max;
	b.s[b.len] = '\0';
	/* a regular file of its own as far as the loader can tell */
	stdin_data.st.st_mode = S_IFREG | 0400;
	stdin_data.st.st_size = (off_t)b.len;
	stdin_data.st.st_mtime = time(NULL);
	stdin_data.s = buf_steal(&b, &stdin_data.len);
	stdin_data.loaded = 1;
	return 0;
}

int
file_is_stdin(const char *path)
{
	return stdin_data.loaded && strcmp(path, "-") == 0;
}

const struct stat *
file_stdin_stat(void)
{
	return stdin_data.loaded ? &stdin_data.st : NULL;
}

/* A copy of standard input (file_stdin_load), as file_read_stat gives. */
static int
stdin_copy(size_t max, char **out, size_t *len, struct stat *stp)
{
	size_t n = max != 0 && stdin_data.len > max ? max : stdin_data.len;

	*out = xstrndup(stdin_data.s, n);	/* memcpy: NULs and all */
	*len = n;
	if (stp != NULL)
		*stp = stdin_data.st;
	return 0;
}

int
file_read_stat(const char *path, size_t max, char **out, size_t *len,
    struct stat *stp)
{
	struct stat st;
	struct buf b;
	ssize_t n;
	int fd, saved;

	if (file_is_stdin(path))
		return stdin_copy(max, out, len, stp);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return -1;
	if (fstat(fd, &st) == -1)
		saved = errno;
	else if (S_ISREG(st.st_mode))
		saved = 0;
	else	/* a FIFO, device or socket is never read: it could block */
		saved = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
	if (saved != 0) {
		close(fd);
		errno = saved;
		return -1;
	}
	buf_init(&b);
	n = fd_read(fd, &b, max, S_ISREG(st.st_mode) && st.st_size > 0 ?
	    (size_t)st.st_size : 65536);
	saved = errno;
	close(fd);
	if (n == -1) {
		buf_free(&b);
		errno = saved;
		return -1;
	}
	if (max != 0 && b.len > max)
		b.len = max;
	b.s[b.len] = '\0';
	*out = buf_steal(&b, len);
	if (stp != NULL)
		*stp = st;
	return 0;
}

const char *
file_errstr(int err)
{
	return err == EINVAL ? "not a regular file" : strerror(err);
}

uint64_t
hash_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;

	while (n--) {
		h ^= *s++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* The monotonic clock, in seconds. */
double
util_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void
util_heap_trim(void)
{
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}

void
util_heap_setup(void)
{
#ifdef __GLIBC__
	mallopt(M_MMAP_THRESHOLD, 256 << 10);
#endif
}

/* util_popcount_and in plain C (the compiler's popcount). */
static size_t
popcount_and_c(const uint64_t *a, const uint64_t *b, size_t nw)
{
	size_t w, n = 0;

	for (w = 0; w < nw; w++)
		n += (size_t)__builtin_popcountll(b != NULL ? a[w] & b[w] : a[w]);
	return n;
}

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
/* The same, compiled for CPUs with popcnt: one instruction a word
 * instead of a libgcc call; chosen at run time (util_popcount_and). */
__attribute__((target("popcnt"))) static size_t
popcount_and_hw(const uint64_t *a, const uint64_t *b, size_t nw)
{
	size_t w, n = 0;

	for (w = 0; w < nw; w++)
		n += (size_t)__builtin_popcountll(b != NULL ? a[w] & b[w] : a[w]);
	return n;
}
#endif

size_t
util_popcount_and(const uint64_t *a, const uint64_t *b, size_t nw)
{
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
	static int hw = -1;

	if (hw < 0)
		hw = __builtin_cpu_supports("popcnt") != 0;
	if (hw)
		return popcount_and_hw(a, b, nw);
#endif
	return popcount_and_c(a, b, nw);
}
