/* state.c: read marks and reading positions, saved atomically and merged
 * with what other tread processes wrote meanwhile.
 *
 * The file is line-based text:
 *	tread-state 1
 *	r<TAB>POS<TAB>KEY	("r" read, "-" unread; KEY escaped)
 *	...
 *	end COUNT HASH		(store_sum of every byte before this line;
 *				 FNV-1a in files of older treads)
 * A file without a valid end line is torn or corrupt: the lines that
 * parse are kept, the file is renamed aside (PATH.corrupt-TIME) with a
 * warning the UI shows, and the next save writes what was kept. A file
 * that cannot be read is never overwritten. Saving goes through the
 * atomic writer (store.h) under an flock on PATH.lock, taken with a
 * timeout, so a kill at any moment leaves the old or the new file.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "article.h"
#include "decode.h"
#include "hash.h"
#include "paths.h"
#include "state.h"
#include "store.h"
#include "util.h"

#define STATE_MAGIC	"tread-state 1"
#define STATE_MAGIC_PFX	"tread-state "
#define STATE_MAX	(512u << 20)	/* refuse absurd files */
#define LOCK_WAIT_MS	30000		/* then give up saving, warned */

/* Which fields this process changed, to replay them over the file. */
#define CH_READ	0x1
#define CH_POS	0x2

struct entry {
	char		*key;
	uint64_t	 hash;
	long		 pos;
	unsigned char	 read;
	unsigned char	 changed;	/* CH_* */
	char		*canon;	/* alias table: the key, NULL if the same */
};

/* The entries in the order they came (a file's order, then new keys),
 * found through the hash table (hash.h). */
struct table {
	struct entry	*v;
	size_t		 n;
	size_t		 cap;	/* of v */
	struct hash	 h;
};

struct state {
	char		*path;
	struct table	 t;
	int		 dirty;	/* changed since the last save */
	int		 nosave;	/* the file could not be read: keep it */
	long		 lock_wait;	/* ms state_save waits for the lock */
	char		*warning;	/* for the UI (state_warning) */
	struct table	*alias;	/* article path -> key, a realpath memo */
};

/* What state_read found. */
enum sread { SREAD_OK, SREAD_UNREADABLE, SREAD_CORRUPT };

/* A fresh table with room for about N keys. */
static void
table_init(struct table *t, size_t n)
{
	t->cap = n > 32 ? n : 32;
	t->v = xcalloc(t->cap, sizeof *t->v);
	t->n = 0;
	hash_init(&t->h, t->cap);
}

/* Frees every key and the entries. */
static void
table_free(struct table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->v[i].key);
		free(t->v[i].canon);
	}
	free(t->v);
	hash_free(&t->h);
	memset(t, 0, sizeof *t);
}

/* The hash of entry I of table CTX (hash_grow). */
static uint64_t
table_key(const void *ctx, uint32_t i)
{
	return ((const struct table *)ctx)->v[i].hash;
}

/* The slot holding KEY's entry number + 1, or the empty slot where it
 * would go. */
static uint32_t *
table_slot(const struct table *t, const char *key, uint64_t h)
{
	uint32_t *s;
	size_t pos;

	for (s = hash_first(&t->h, h, &pos); *s != 0; s = hash_next(&t->h, &pos))
		if (t->v[*s - 1].hash == h && strcmp(t->v[*s - 1].key, key) == 0)
			break;
	return s;
}

/* The entry for KEY, created (unread, position 0) when missing. KEY is
 * copied unless OWNED, in which case the table takes it or frees it.
 * The pointer lasts until the next table_get. */
static struct entry *
table_get(struct table *t, char *key, int owned)
{
	uint64_t h = hash_bytes(HASH_INIT, key, strlen(key));
	uint32_t *s = table_slot(t, key, h);
	struct entry *e;

	if (*s != 0) {
		if (owned)
			free(key);
		return &t->v[*s - 1];
	}
	if (hash_full(&t->h)) {
		hash_grow(&t->h, table_key, t);
		s = table_slot(t, key, h);
	}
	if (t->n == t->cap)
		t->v = xreallocarray(t->v, t->cap *= 2, sizeof *t->v);
	e = &t->v[t->n];
	memset(e, 0, sizeof *e);
	e->key = owned ? key : xstrdup(key);
	e->hash = h;
	*s = (uint32_t)++t->n;
	hash_placed(&t->h);
	return e;
}

/* The entry for KEY, or NULL. */
static const struct entry *
table_find(const struct table *t, const char *key)
{
	uint32_t *s;

	s = table_slot(t, key, hash_bytes(HASH_INIT, key, strlen(key)));
	return *s != 0 ? &t->v[*s - 1] : NULL;
}

/* The key an article path is stored under: absolute and without
 * symbolic links when the file exists, so "a.txt", "./a.txt" and
 * "/dir/a.txt" share their marks. Malloc'd; NULL for no usable key. */
static char *
state_key(const char *path)
{
	char real[PATH_MAX], cwd[PATH_MAX];
	struct buf b;

	if (path == NULL || *path == '\0')
		return NULL;
	if (realpath(path, real) != NULL)
		return xstrdup(real);
	if (path[0] == '/' || getcwd(cwd, sizeof cwd) == NULL)
		return xstrdup(path);
	buf_init(&b);
	buf_adds(&b, cwd);
	buf_addc(&b, '/');
	buf_adds(&b, path);
	return buf_steal(&b, NULL);
}

/* state_key, remembered: realpath costs a system call per path component
 * and the reader asks for the same paths at every redraw. (tread never
 * changes its directory, so relative paths keep their meaning.) The key
 * lives until state_free; NULL for no usable key. */
static const char *
state_canon(const struct state *s, const char *path)
{
	const struct entry *e;
	struct entry *ne;
	char *key;

	if (path == NULL || *path == '\0')
		return NULL;
	if ((e = table_find(s->alias, path)) != NULL)
		return e->canon != NULL ? e->canon : e->key;
	key = state_key(path);
	ne = table_get(s->alias, (char *)path, 0);
	if (strcmp(key, path) == 0) {
		free(key);
		return ne->key;
	}
	return ne->canon = key;
}

/* Appends KEY with backslash, controls and DEL as \xHH, so a key never
 * breaks the line and field structure. */
static void
key_escape(struct buf *b, const char *key)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p;

	for (p = (const unsigned char *)key; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f || *p == '\\') {
			buf_adds(b, "\\x");
			buf_addc(b, hex[*p >> 4]);
			buf_addc(b, hex[*p & 0xf]);
		} else
			buf_addc(b, (char)*p);
	}
}

/* Value of hex digit C, or -1. */
static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Undoes key_escape on S[0..len): a malloc'd key, or NULL when the
 * escaping is malformed or the key empty. */
static char *
key_unescape(const char *s, size_t len)
{
	struct buf b;
	size_t i;
	int hi, lo;

	buf_init(&b);
	for (i = 0; i < len; i++) {
		if (s[i] != '\\') {
			buf_addc(&b, s[i]);
			continue;
		}
		if (i + 3 >= len)
			break;
		if (s[i + 1] != 'x' || (hi = hexval(s[i + 2])) < 0 ||
		    (lo = hexval(s[i + 3])) < 0 || (hi == 0 && lo == 0))
			break;
		buf_addc(&b, (char)(hi << 4 | lo));
		i += 3;
	}
	if (i < len || b.len == 0 || memchr(s, '\0', len) != NULL) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b, NULL);
}

/* Parses one "r<TAB>POS<TAB>KEY" line into T; 0, or -1 when malformed. */
static int
parse_line(struct table *t, const char *s, size_t len)
{
	const char *tab1, *tab2;
	struct entry *e;
	char *key, *end;
	long pos;

	if (len < 5 || (s[0] != 'r' && s[0] != '-') || s[1] != '\t')
		return -1;
	tab1 = s + 1;
	if ((tab2 = memchr(tab1 + 1, '\t', len - 2)) == NULL ||
	    tab2 == tab1 + 1 || tab2 - tab1 > 20)
		return -1;
	errno = 0;
	pos = strtol(tab1 + 1, &end, 10);
	if (end != tab2 || errno != 0 || pos < 0 || tab1[1] == '-' ||
	    tab1[1] == '+' || tab1[1] == ' ')
		return -1;
	key = key_unescape(tab2 + 1, len - (size_t)(tab2 + 1 - s));
	if (key == NULL)
		return -1;
	e = table_get(t, key, 1);
	e->read = s[0] == 'r';
	e->pos = pos;
	return 0;
}

/* Checks the end line "end COUNT HASH" against what precedes it: the
 * sum of today's files, or the FNV-1a of older treads' ones. */
static int
check_end(const char *body, size_t bodylen, const char *end, size_t endlen,
    size_t count)
{
	char want[64];
	int n;

	n = snprintf(want, sizeof want, "end %zu %016llx", count,
	    (unsigned long long)store_sum(STORE_SUM_INIT, body, bodylen));
	if ((size_t)n == endlen && memcmp(want, end, endlen) == 0)
		return 0;
	n = snprintf(want, sizeof want, "end %zu %016llx", count,
	    (unsigned long long)hash_bytes(HASH_INIT, body, bodylen));
	return (size_t)n == endlen && memcmp(want, end, endlen) == 0 ? 0 : -1;
}

/* Parses the lines of DATA[0..len) after the header into T, skipping
 * the malformed ones (counted in *BAD), up to the end line if any. *LAST
 * is the start of the end line, or NULL when there is none. */
static size_t
parse_lines(struct table *t, const char *data, size_t len, size_t *bad,
    const char **last)
{
	const char *p = data, *end = data + len, *nl;
	size_t count = 0;

	*bad = 0;
	*last = NULL;
	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL) {
			(*bad)++;	/* a torn last line */
			break;
		}
		if (nl - p >= 4 && strncmp(p, "end ", 4) == 0 && nl + 1 == end) {
			*last = p;
			break;
		}
		if (parse_line(t, p, (size_t)(nl - p)) == -1)
			(*bad)++;
		else
			count++;
	}
	return count;
}

/* Parses the whole file DATA into T. Returns NULL, or the reason it is
 * not a valid state file (T then holds the lines that parsed). */
static const char *
state_parse(struct table *t, const char *data, size_t len)
{
	const char *last;
	size_t count, bad, hlen = strlen(STATE_MAGIC);

	if (len == 0)
		return "empty file";
	if (len < hlen + 1 || memcmp(data, STATE_MAGIC_PFX,
	    strlen(STATE_MAGIC_PFX)) != 0)
		return "not a tread state file";
	if (memcmp(data, STATE_MAGIC "\n", hlen + 1) != 0)
		return "unsupported version";
	count = parse_lines(t, data + hlen + 1, len - hlen - 1, &bad, &last);
	if (last == NULL)
		return "truncated (no end line)";
	if (bad > 0)
		return "malformed line";
	if (check_end(data, (size_t)(last - data), last,
	    (size_t)(data + len - 1 - last), count) == -1)
		return "checksum mismatch";
	return NULL;
}

/* Marks every entry of T as a change of this process, so that a save
 * writes what was salvaged from a corrupt file. */
static void
table_claim(struct table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		t->v[i].changed = CH_READ | CH_POS;
}

/* Reads the file at PATH (a regular file, not a link) into *DATA. */
static int
read_file(const char *path, char **data, size_t *len)
{
	struct stat st;
	struct buf b;
	ssize_t n;
	int fd;

	if ((fd = store_open_read(path, &st)) == -1)
		return -1;
	buf_init(&b);
	buf_reserve(&b, st.st_size > 0 && st.st_size <= STATE_MAX ?
	    (size_t)st.st_size + 1 : 65536);
	do {
		if (b.cap - b.len < 2)
			buf_reserve(&b, 65536);
		n = read(fd, b.s + b.len, b.cap - b.len - 1);
		if (n > 0)
			b.len += (size_t)n;
	} while ((n > 0 || (n == -1 && errno == EINTR)) && b.len <= STATE_MAX);
	close(fd);
	if (n == -1) {
		buf_free(&b);
		return -1;
	}
	*data = buf_steal(&b, len);
	return 0;
}

/* Reads PATH into T: SREAD_OK when loaded or missing; SREAD_UNREADABLE
 * (T empty) or SREAD_CORRUPT (T holds the lines that parsed), with the
 * reason in WHY. */
static enum sread
state_read(struct table *t, const char *path, char *why, size_t whylen)
{
	const char *bad;
	char *data;
	size_t len;

	if (read_file(path, &data, &len) == -1) {
		if (errno == ENOENT)
			return SREAD_OK;
		snprintf(why, whylen, "%s", errno == ELOOP ?
		    "a symbolic link" : errno == EINVAL ?
		    "not a regular file" : strerror(errno));
		return SREAD_UNREADABLE;
	}
	bad = len > STATE_MAX ? "too large" : state_parse(t, data, len);
	free(data);
	if (bad == NULL)
		return SREAD_OK;
	snprintf(why, whylen, "%s", bad);
	return SREAD_CORRUPT;
}

/* Moves the corrupt file at PATH aside, to PATH.corrupt-YYYYmmddHHMMSS
 * (".N" added when taken), kept for the user and never replacing an
 * earlier one: link(2) refuses an existing name. The new name
 * (malloc'd), or NULL. */
static char *
state_set_aside(const char *path)
{
	char stamp[32];
	struct tm tm;
	struct buf b;
	time_t now = time(NULL);
	int i;

	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d%H%M%S", &tm);
	buf_init(&b);
	for (i = 0; i < 1000; i++) {
		b.len = 0;
		buf_addf(&b, "%s.corrupt-%s", path, stamp);
		if (i > 0)
			buf_addf(&b, ".%d", i);
		if (link(path, b.s) == 0) {
			unlink(path);
			return buf_steal(&b, NULL);
		}
		if (errno == EEXIST)
			continue;
		/* no hard links here (some file systems): rename to a free name */
		if (access(b.s, F_OK) == -1 && errno == ENOENT &&
		    rename(path, b.s) == 0)
			return buf_steal(&b, NULL);
		break;
	}
	buf_free(&b);
	return NULL;
}

/* After a read of S->path that was not clean: the file set aside (when
 * corrupt) and the warning, on stderr and for the UI. */
static void
state_trouble(struct state *s, enum sread r, const char *why)
{
	char msg[1024];
	char *aside = NULL;
	size_t kept = s->t.n;
	struct buf w;

	if (r == SREAD_CORRUPT && (aside = state_set_aside(s->path)) != NULL) {
		table_claim(&s->t);
		s->dirty = kept > 0;
		snprintf(msg, sizeof msg, "corrupt state file (%s): %zu marks "
		    "kept, the file moved to %s", why, kept, aside);
	} else {
		s->nosave = 1;
		snprintf(msg, sizeof msg, "cannot read the state file (%s): "
		    "marks will not be saved", why);
	}
	warn_at(s->path, "%s", msg);
	buf_init(&w);
	decode_sanitize(&w, s->path, strlen(s->path), 0);
	buf_adds(&w, ": ");
	decode_sanitize(&w, msg, strlen(msg), 0);
	free(s->warning);
	s->warning = buf_steal(&w, NULL);
	free(aside);
}

/* Loads PATH (see state.h): never fails; what cannot be read is kept. */
/* Loads PATH (see state.h): never fails, corrupt means empty. */
struct state *
state_open(const char *path)
{
	struct state *s = xcalloc(1, sizeof *s);

	char why[256];
	enum sread r;

	s->path = path != NULL ? xstrdup(path) : paths_state("state");
	s->lock_wait = LOCK_WAIT_MS;
	table_init(&s->t, 0);
	s->alias = xcalloc(1, sizeof *s->alias);
	table_init(s->alias, 0);
	store_clean(s->path);
	if ((r = state_read(&s->t, s->path, why, sizeof why)) != SREAD_OK)
		state_trouble(s, r, why);
	return s;
}

/* Frees S; unsaved changes are lost. */
void
state_free(struct state *s)
{
	if (s == NULL)
		return;
	table_free(&s->t);
	table_free(s->alias);
	free(s->alias);
	free(s->path);
	free(s->warning);
	free(s);
}

void
state_set_lock_wait(struct state *s, long ms)
{
	s->lock_wait = ms;
}

const char *
state_warning(const struct state *s)
{
	return s != NULL ? s->warning : NULL;
}

/* The entry for article path KEY, or NULL. */
static const struct entry *
state_find(const struct state *s, const char *path)
{
	const char *key;

	if (s == NULL || (key = state_canon(s, path)) == NULL)
		return NULL;
	return table_find(&s->t, key);
}

/* Is the article at path KEY marked read? */
int
state_is_read(const struct state *s, const char *key)
{
	const struct entry *e = state_find(s, key);

	return e != NULL && e->read;
}

/* The reading position saved for KEY, 0 when none. */
long
state_pos(const struct state *s, const char *key)
{
	const struct entry *e = state_find(s, key);

	return e != NULL ? e->pos : 0;
}

/* Marks KEY read or unread, remembered as this process's change. */
void
state_set_read(struct state *s, const char *key, int read)
{
	struct entry *e;
	const char *k;

	if (s == NULL || (k = state_canon(s, key)) == NULL)
		return;
	e = table_get(&s->t, (char *)k, 0);
	e->read = read != 0;
	e->changed |= CH_READ;
	s->dirty = 1;
}

/* Sets KEY's reading position (negative is 0), as a change of ours. */
void
state_set_pos(struct state *s, const char *key, long pos)
{
	struct entry *e;
	const char *k;

	if (s == NULL || (k = state_canon(s, key)) == NULL)
		return;
	e = table_get(&s->t, (char *)k, 0);
	e->pos = pos > 0 ? pos : 0;
	e->changed |= CH_POS;
	s->dirty = 1;
}

/* A directory of state_read_set: the walked name (with its '/') and
 * its real path's key prefix (the real path and a '/'), or no prefix
 * when realpath failed. */
struct sdir {
	const char	*name;
	size_t		 nlen;
	uint64_t	 hash;		/* of NAME */
	char		*pre;		/* malloc'd, or NULL */
	size_t		 plen;
	uint64_t	 phash;		/* hash_bytes state of PRE */
};

/* The directories state_read_set met, found through a hash table. */
struct sdirs {
	struct sdir	*v;
	size_t		 n, cap;
	struct hash	 h;
};

/* The hash of directory I of table CTX (hash_grow). */
static uint64_t
sdir_key(const void *ctx, uint32_t i)
{
	return ((const struct sdirs *)ctx)->v[i].hash;
}

/* Fills D's key prefix: realpath of its name, and a '/'. */
static void
sdir_resolve(struct sdir *d)
{
	char real[PATH_MAX], *dir = xstrndup(d->name, d->nlen);

	if (d->nlen > 1)
		dir[d->nlen - 1] = '\0';	/* "a/b/" -> "a/b"; "/" stays */
	if (realpath(dir, real) != NULL) {
		d->plen = strlen(real);
		d->pre = xmalloc(d->plen + 2);
		memcpy(d->pre, real, d->plen);
		if (d->plen == 0 || real[d->plen - 1] != '/')
			d->pre[d->plen++] = '/';
		d->pre[d->plen] = '\0';
		d->phash = hash_bytes(HASH_INIT, d->pre, d->plen);
	}
	free(dir);
}

/* A quick hash of directory NAME[0..NLEN): its length and its last and
 * first eight bytes (the table compares the whole name anyway; a million
 * articles in a few thousand directories hash these for every one). */
static uint64_t
sdir_hash(const char *name, size_t nlen)
{
	uint64_t a = 0, b = 0, h;

	memcpy(&a, name, nlen < 8 ? nlen : 8);
	if (nlen > 8)
		memcpy(&b, name + nlen - 8, 8);
	/* mixed down as well as up: names differ in their last bytes, the
	 * high ones of B, and the table's slot is taken from the low bits */
	h = a * 0x9e3779b97f4a7c15ULL ^ b ^ nlen;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ h >> 33;
}

/* The directory NAME[0..NLEN) (NLEN with its '/'), resolved on its first
 * use; the pointer lasts until the next call. */
static const struct sdir *
sdir_get(struct sdirs *t, const char *name, size_t nlen)
{
	uint64_t h = sdir_hash(name, nlen);
	uint32_t *s;
	size_t pos;

	if (hash_full(&t->h))	/* before the probe: the table may be empty */
		hash_grow(&t->h, sdir_key, t);
	for (s = hash_first(&t->h, h, &pos); *s != 0; s = hash_next(&t->h, &pos))
		if (t->v[*s - 1].hash == h && t->v[*s - 1].nlen == nlen &&
		    memcmp(t->v[*s - 1].name, name, nlen) == 0)
			return &t->v[*s - 1];
	if (t->n == t->cap)
		t->v = xreallocarray(t->v, t->cap = t->cap ? 2 * t->cap : 16,
		    sizeof *t->v);
	t->v[t->n] = (struct sdir){ .name = name, .nlen = nlen, .hash = h };
	sdir_resolve(&t->v[t->n]);
	*s = (uint32_t)++t->n;
	hash_placed(&t->h);
	return &t->v[t->n - 1];
}

/* Is the key D's prefix and BASE marked read in T? */
static int
sdir_read(const struct table *t, const struct sdir *d, const char *base)
{
	size_t blen = strlen(base), pos;
	uint64_t h = hash_bytes(d->phash, base, blen);
	const struct entry *e;
	uint32_t *s;

	for (s = hash_first(&t->h, h, &pos); *s != 0; s = hash_next(&t->h, &pos)) {
		e = &t->v[*s - 1];
		if (e->hash == h && strncmp(e->key, d->pre, d->plen) == 0 &&
		    strcmp(e->key + d->plen, base) == 0)
			return e->read;
	}
	return 0;
}

/* Does T hold a read mark? */
static int
table_any_read(const struct table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->v[i].read)
			return 1;
	return 0;
}

/* Is article A read, its directory resolved once for all in DIRS? */
static int
article_read(const struct state *s, struct sdirs *dirs,
    const struct article *a)
{
	const char *slash = a->plain ? strrchr(a->path, '/') : NULL;
	const struct sdir *d;

	if (slash == NULL || slash[1] == '\0')
		return state_is_read(s, a->path);
	d = sdir_get(dirs, a->path, (size_t)(slash + 1 - a->path));
	if (d->pre == NULL)
		return state_is_read(s, a->path);
	return sdir_read(&s->t, d, slash + 1);
}

void
state_read_set(const struct state *s, const struct article *v, size_t n,
    uint64_t *bits)
{
	struct sdirs dirs;
	size_t i;

	memset(bits, 0, (n + 63) / 64 * sizeof *bits);
	if (s == NULL || !table_any_read(&s->t))
		return;
	memset(&dirs, 0, sizeof dirs);
	hash_init(&dirs.h, 0);
	for (i = 0; i < n; i++)
		if (article_read(s, &dirs, &v[i]))
			bits[i / 64] |= (uint64_t)1 << (i % 64);
	for (i = 0; i < dirs.n; i++)
		free(dirs.v[i].pre);
	free(dirs.v);
	hash_free(&dirs.h);
}

/* Keys with a mark or a position: what a save would write. */
size_t
state_count(const struct state *s)
{
	size_t i, n = 0;

	for (i = 0; s != NULL && i < s->t.n; i++)
		if (s->t.v[i].read || s->t.v[i].pos)
			n++;
	return n;
}

/* Replays the changes this process made (in FROM) over the re-read file
 * (in TO): per key and per field, so both processes' marks survive. */
static void
state_merge(struct table *to, const struct table *from)
{
	const struct entry *f;
	struct entry *e;
	size_t i;

	for (i = 0; i < from->n; i++) {
		f = &from->v[i];
		if (f->changed == 0)
			continue;
		e = table_get(to, f->key, 0);
		if (f->changed & CH_READ)
			e->read = f->read;
		if (f->changed & CH_POS)
			e->pos = f->pos;
	}
}

/* The file's bytes for T: header, one line per key worth keeping, end. */
static void
state_format(struct buf *b, const struct table *t)
{
	const struct entry *e;
	size_t i, count = 0;

	buf_adds(b, STATE_MAGIC "\n");
	for (i = 0; i < t->n; i++) {
		e = &t->v[i];
		if (!e->read && e->pos == 0)
			continue;
		buf_addf(b, "%c\t%ld\t", e->read ? 'r' : '-', e->pos);
		key_escape(b, e->key);
		buf_addc(b, '\n');
		count++;
	}
	buf_addf(b, "end %zu %016llx\n", count,
	    (unsigned long long)store_sum(STORE_SUM_INIT, b->s, b->len));
}

/* Writes B over PATH through the atomic writer. 0 or -1 (warned). */
static int
state_replace(const char *path, const struct buf *b)
{
	struct store_file f;

	if (store_begin(&f, path, "state") == -1)
		return -1;
	if (store_write(&f, b->s, b->len) == -1) {
		warn_at(path, "cannot save state: %s", strerror(errno));
		store_abort(&f);
		return -1;
	}
	return store_commit(&f);
}

/* The identity of the state file now: another tread's save replaces it
 * (a new inode), so a change means the lock's holders make progress. */
static ino_t
state_ino(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? st.st_ino : 0;
}

/* Takes the exclusive lock on PATH.lock, waiting at most WAIT ms during
 * which no other tread saved (another tread saving takes milliseconds, a
 * slow disk's fsync some seconds, and replaces the file; one holding the
 * lock without saving is stuck, or hostile). The fd, or -1 (warned). */
static int
state_lock(const char *path, long wait)
{
	struct timespec nap = { 0, 20 * 1000000L };
	struct buf lk;
	long waited;
	int fd;
	ino_t seen = state_ino(path), now;

	buf_init(&lk);
	buf_addf(&lk, "%s.lock", path);
	fd = open(lk.s, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW |
	    O_NONBLOCK, 0600);
	if (fd == -1)
		warn_at(lk.s, "cannot lock state: %s", strerror(errno));
	for (waited = 0; fd != -1 && flock(fd, LOCK_EX | LOCK_NB) == -1;
	    waited += 20) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			warn_at(lk.s, "%s: state not saved", strerror(errno));
			close(fd);
			fd = -1;
		} else if (waited >= wait) {
			warn_at(lk.s, "locked by another process for %ld s: "
			    "state not saved", (wait + 999) / 1000);
			close(fd);
			fd = -1;
		}
		if (fd == -1)
			break;
		nanosleep(&nap, NULL);
		if ((now = state_ino(path)) != seen) {
			seen = now;	/* someone saved: not stuck */
			waited = 0;
		}
	}
	buf_free(&lk);
	return fd;
}

/* Under the lock: re-read, replay our changes, replace the file. The
 * merged result becomes S, so marks of other processes show up too. */
int
state_save(struct state *s)
{
	struct table now;
	struct buf b;
	int fd, rc;
	char why[256];
	enum sread r;

	if (s == NULL)
		return -1;
	if (!s->dirty)
		return 0;	/* nothing of ours to add */
	if (s->nosave) {
		warn_at(s->path, "state not saved: the file could not be read");
		return -1;
	}
	if (store_dir(s->path, "state") == -1 ||
	    (fd = state_lock(s->path, s->lock_wait)) == -1)
		return -1;
	table_init(&now, s->t.n);
	if ((r = state_read(&now, s->path, why, sizeof why)) != SREAD_OK &&
	    (r == SREAD_UNREADABLE || state_set_aside(s->path) == NULL)) {
		warn_at(s->path, "state not saved: the file became unreadable "
		    "(%s)", why);
		table_free(&now);
		close(fd);
		return -1;
	}
	state_merge(&now, &s->t);
	buf_init(&b);
	state_format(&b, &now);
	rc = state_replace(s->path, &b);
	buf_free(&b);
	close(fd);
	if (rc == 0) {
		table_free(&s->t);
		s->t = now;
		s->dirty = 0;
	} else
		table_free(&now);
	return rc;
}
