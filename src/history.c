/* history.c: the query history, kept across runs.
 *
 * The file is text, one entry a line, oldest first:
 *	tread-history 1
 *	theme:energy lang:pl
 *	...
 * It is read back as hostile input: a line that is too long, not UTF-8
 * or holds a control character is dropped, only the last HISTORY_MAX
 * entries are kept and at most HISTORY_FILE_MAX bytes are read. A file
 * without the header is not a history: it is read as empty and replaced
 * on the next save. One that cannot be read (a link, a FIFO, no
 * permission) is never overwritten. Saving merges the entries another
 * tread added meanwhile and goes through the atomic writer (store.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unistr.h>

#include "history.h"
#include "store.h"
#include "util.h"

#define HISTORY_MAGIC	"tread-history 1"
#define HISTORY_FILE_MAX (1u << 20)

struct history {
	char	*path;		/* NULL: in memory only */
	char	*v[HISTORY_MAX];
	size_t	 n;
	char	*added[HISTORY_MAX];	/* added by this process, in order */
	size_t	 nadded;
	int	 nosave;	/* the file could not be read: leave it */
};

/* Is S (N bytes) an entry we keep: 1 to HISTORY_LINE bytes of UTF-8 with
 * no C0, DEL or C1 control character? */
static int
entry_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > HISTORY_LINE ||
	    u8_check((const uint8_t *)s, n) != NULL)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f || (c == 0xc2 && i + 1 < n &&
		    (unsigned char)s[i + 1] < 0xa0))
			return 0;
	}
	return 1;
}

/* Removes entry I, keeping the order. */
static void
drop(struct history *h, size_t i)
{
	free(h->v[i]);
	memmove(h->v + i, h->v + i + 1, (h->n - i - 1) * sizeof *h->v);
	h->n--;
}

/* Appends S (N bytes, checked) at the end: an equal entry moves there;
 * the oldest goes when full. */
static void
push(struct history *h, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		if (strlen(h->v[i]) == n && memcmp(h->v[i], s, n) == 0) {
			drop(h, i);
			break;
		}
	if (h->n == HISTORY_MAX)
		drop(h, 0);
	h->v[h->n++] = xstrndup(s, n);
}

/* Empties the entries (not those added). */
static void
clear(struct history *h)
{
	while (h->n > 0)
		free(h->v[--h->n]);
}

void
history_parse(struct history *h, const char *buf, size_t len)
{
	size_t off[HISTORY_MAX], ln[HISTORY_MAX], k = 0, i, p, e, m;

	clear(h);
	m = strlen(HISTORY_MAGIC);
	if (len < m + 1 || memcmp(buf, HISTORY_MAGIC, m) != 0 ||
	    buf[m] != '\n')
		return;
	/* one pass keeps the last HISTORY_MAX sound lines in a ring */
	for (p = m + 1; p < len; p = e + 1) {
		const char *nl = memchr(buf + p, '\n', len - p);

		e = nl != NULL ? (size_t)(nl - buf) : len;
		if (!entry_ok(buf + p, e - p))
			continue;
		off[k % HISTORY_MAX] = p;
		ln[k % HISTORY_MAX] = e - p;
		k++;
	}
	i = k > HISTORY_MAX ? k - HISTORY_MAX : 0;
	for (; i < k; i++)
		push(h, buf + off[i % HISTORY_MAX], ln[i % HISTORY_MAX]);
}

/* Reads the file into H; -1 when it exists but cannot be read. */
static int
history_read(struct history *h)
{
	struct stat st;
	struct buf b;
	ssize_t n = 0;
	int fd;

	if ((fd = store_open_read(h->path, &st)) == -1)
		return errno == ENOENT ? 0 : -1;
	buf_init(&b);
	buf_reserve(&b, HISTORY_FILE_MAX + 1);
	while (b.len < HISTORY_FILE_MAX && ((n = read(fd, b.s + b.len,
	    HISTORY_FILE_MAX - b.len)) > 0 || (n == -1 && errno == EINTR)))
		if (n > 0)
			b.len += (size_t)n;
	close(fd);
	if (n == -1) {
		buf_free(&b);
		return -1;
	}
	history_parse(h, b.s, b.len);
	buf_free(&b);
	return 0;
}

struct history *
history_open(const char *path)
{
	struct history *h = xcalloc(1, sizeof *h);

	if (path != NULL) {
		h->path = xstrdup(path);
		h->nosave = history_read(h) == -1;
	}
	return h;
}

void
history_free(struct history *h)
{
	if (h == NULL)
		return;
	clear(h);
	while (h->nadded > 0)
		free(h->added[--h->nadded]);
	free(h->path);
	free(h);
}

void
history_add(struct history *h, const char *line)
{
	size_t n = strlen(line);

	if (!entry_ok(line, n))
		return;
	push(h, line, n);
	if (h->nadded == HISTORY_MAX) {
		free(h->added[0]);
		memmove(h->added, h->added + 1, (HISTORY_MAX - 1) *
		    sizeof *h->added);
		h->nadded--;
	}
	h->added[h->nadded++] = xstrdup(line);
}

size_t
history_n(const struct history *h)
{
	return h->n;
}

const char *
history_get(const struct history *h, size_t i)
{
	return i < h->n ? h->v[i] : NULL;
}

int
history_save(struct history *h)
{
	struct store_file f;
	struct buf b;
	size_t i;
	int rc;

	if (h->path == NULL || h->nosave)
		return h->path == NULL ? 0 : -1;
	/* what another tread saved meanwhile, then ours over it */
	if (history_read(h) == -1)
		return -1;
	for (i = 0; i < h->nadded; i++)
		push(h, h->added[i], strlen(h->added[i]));
	buf_init(&b);
	buf_adds(&b, HISTORY_MAGIC "\n");
	for (i = 0; i < h->n; i++) {
		buf_adds(&b, h->v[i]);
		buf_addc(&b, '\n');
	}
	if (store_begin(&f, h->path, "query history") == -1) {
		buf_free(&b);
		return -1;
	}
	if (store_write(&f, b.s, b.len) == -1) {
		warn_at(h->path, "cannot write the query history: %s",
		    strerror(errno));
		store_abort(&f);
		rc = -1;
	} else
		rc = store_commit(&f);
	buf_free(&b);
	return rc;
}
