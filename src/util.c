/* util.c: allocation that never returns NULL, growable buffers, warnings. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "decode.h"
#include "util.h"

int warn_quiet;

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

void
vwarn_at(const char *where, const char *fmt, va_list ap)
{
	struct buf b, out;

	if (warn_quiet)
		return;
	buf_init(&b);
	buf_init(&out);
	buf_adds(&b, "tread: ");
	if (where != NULL) {
		buf_adds(&b, where);
		buf_adds(&b, ": ");
	}
	{
		va_list aq;
		int n;

		va_copy(aq, ap);
		n = vsnprintf(NULL, 0, fmt, aq);
		va_end(aq);
		if (n > 0) {
			buf_reserve(&b, (size_t)n);
			vsnprintf(b.s + b.len, (size_t)n + 1, fmt, ap);
			b.len += (size_t)n;
		}
	}
	decode_sanitize(&out, b.s, b.len, 0);
	buf_addc(&out, '\n');
	fwrite(out.s, 1, out.len, stderr);
	fflush(stderr);
	buf_free(&b);
	buf_free(&out);
}

void
warn_at(const char *where, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn_at(where, fmt, ap);
	va_end(ap);
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

int
file_read_stat(const char *path, size_t max, char **out, size_t *len,
    struct stat *stp)
{
	struct stat st;
	struct buf b;
	ssize_t n;
	int fd, saved;

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
