/* entity_cache.c: one file, ~/.cache/tread/entities: the last corpus's entity index, read back as hostile input. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus.h"
#include "entity.h"
#include "entity_cache.h"
#include "store.h"
#include "util.h"

#define MAGIC		"TRDENT01"
#define FILE_MAX	(512u << 20)	/* bigger is not ours */

/* The fixed head of the file; the payload follows, summed. */
struct head {
	char		magic[8];
	uint64_t	key;
	uint64_t	narticles;
	uint64_t	nentities;	/* rows: curated + found */
	uint64_t	ncurated;
	uint64_t	nents;		/* entries of ents and mentions */
	uint64_t	nnums;
	uint64_t	strbytes;	/* found names: id NUL label NUL ... */
	uint64_t	sum;		/* store_sum of the payload */
};

uint64_t
entity_cache_key(const struct corpus *c, uint64_t gaz)
{
	uint64_t h = hash_bytes(HASH_INIT, &gaz, sizeof gaz);
	size_t i;

	h = hash_bytes(h, &c->n, sizeof c->n);
	for (i = 0; i < c->n; i++) {
		h = hash_bytes(h, c->v[i].path, strlen(c->v[i].path) + 1);
		h = hash_bytes(h, &c->v[i].size, sizeof c->v[i].size);
		h = hash_bytes(h, &c->v[i].mtime, sizeof c->v[i].mtime);
	}
	return h;
}

/* Bytes of the payload of head H (0 when the counts overflow). */
static uint64_t
payload_size(const struct head *h)
{
	uint64_t n = h->narticles;

	if (n > FILE_MAX || h->nents > FILE_MAX || h->nnums > FILE_MAX ||
	    h->strbytes > FILE_MAX)
		return 0;
	return (n + 1) * 4 + h->nents * 4 + h->nents + (n + 1) * 4 +
	    h->nnums * 4 + h->strbytes;
}

/* Reads the whole of PATH (a regular file at most FILE_MAX bytes). */
static char *
slurp(const char *path, size_t *len)
{
	struct stat st;
	char *p;
	size_t got = 0;
	ssize_t r;
	int fd;

	if ((fd = store_open_read(path, &st)) == -1)
		return NULL;
	if (st.st_size < (off_t)sizeof(struct head) || st.st_size > FILE_MAX) {
		close(fd);
		return NULL;
	}
	p = xmalloc((size_t)st.st_size);
	while (got < (size_t)st.st_size && (r = read(fd, p + got,
	    (size_t)st.st_size - got)) > 0)
		got += (size_t)r;
	close(fd);
	if (got != (size_t)st.st_size) {
		free(p);
		return NULL;
	}
	*len = got;
	return p;
}

/* Is the u32 array A[0..N] a valid offset table ending at END? */
static int
offsets_ok(const uint32_t *a, size_t n, uint64_t end)
{
	size_t i;

	if (a[0] != 0 || a[n] != end)
		return 0;
	for (i = 0; i < n; i++)
		if (a[i] > a[i + 1])
			return 0;
	return 1;
}

/* Splits the found names' strings S[0..LEN) into NEED id/label strings;
 * -1 unless there are exactly that many, each non-empty. */
static int
split_strings(const char *s, size_t len, size_t need, char ***out)
{
	size_t k = 0, at = 0, l;
	char **v = xcalloc(need ? need : 1, sizeof *v);

	while (at < len && k < need) {
		l = strnlen(s + at, len - at);
		if (l == 0 || at + l == len)
			break;
		v[k++] = xstrndup(s + at, l);
		at += l + 1;
	}
	if (k != need || at != len) {
		while (k > 0)
			free(v[--k]);
		free(v);
		return -1;
	}
	*out = v;
	return 0;
}

/* Copies N bytes from *P into a fresh array, moving *P on. */
static void *
take(const char **p, size_t n)
{
	void *a = xmalloc(n ? n : 1);

	memcpy(a, *p, n);
	*p += n;
	return a;
}

/* Checks the arrays of IX against the head's counts. */
static int
arrays_ok(const struct entity_index *ix, const struct head *h)
{
	size_t j;

	if (!offsets_ok(ix->off, h->narticles, h->nents) ||
	    !offsets_ok(ix->noff, h->narticles, h->nnums))
		return 0;
	for (j = 0; j < h->nents; j++)
		if (ix->ents[j] >= h->nentities)
			return 0;
	return 1;
}

int
entity_cache_read(const char *path, uint64_t key, size_t narticles,
    struct entity_index *ix, char ***strs, size_t *nstrs)
{
	struct head h;
	struct entity_index t = *ix;
	const char *p;
	char *buf;
	size_t len;

	if ((buf = slurp(path, &len)) == NULL)
		return -1;
	memcpy(&h, buf, sizeof h);
	p = buf + sizeof h;
	if (memcmp(h.magic, MAGIC, 8) != 0 || h.key != key ||
	    h.narticles != narticles || h.ncurated != ix->ncurated ||
	    h.nentities < h.ncurated || h.nentities - h.ncurated > FILE_MAX ||
	    payload_size(&h) == 0 || len - sizeof h != payload_size(&h) ||
	    store_sum(STORE_SUM_INIT, p, len - sizeof h) != h.sum) {
		free(buf);
		return -1;
	}
	t.off = take(&p, (narticles + 1) * 4);
	t.ents = take(&p, h.nents * 4);
	t.mentions = take(&p, h.nents);
	t.noff = take(&p, (narticles + 1) * 4);
	t.nums = take(&p, h.nnums * 4);
	if (!arrays_ok(&t, &h) || split_strings(p, h.strbytes,
	    (h.nentities - h.ncurated) * 2, strs) == -1) {
		free(t.off), free(t.ents), free(t.mentions);
		free(t.noff), free(t.nums), free(buf);
		return -1;
	}
	*nstrs = (h.nentities - h.ncurated) * 2;
	t.narticles = narticles;
	*ix = t;
	free(buf);
	return 0;
}

void
entity_cache_write(const char *path, uint64_t key,
    const struct entity_index *ix)
{
	size_t n = ix->narticles, j;
	struct store_file f;
	struct head h = { MAGIC, key, n, ix->n, ix->ncurated,
	    ix->off[n], ix->noff[n], 0, 0 };
	struct buf b;

	buf_init(&b);
	buf_add(&b, (const char *)ix->off, (n + 1) * 4);
	buf_add(&b, (const char *)ix->ents, ix->off[n] * 4);
	buf_add(&b, (const char *)ix->mentions, ix->off[n]);
	buf_add(&b, (const char *)ix->noff, (n + 1) * 4);
	buf_add(&b, (const char *)ix->nums, ix->noff[n] * 4);
	for (j = ix->ncurated; j < ix->n; j++) {
		buf_add(&b, ix->v[j].id, strlen(ix->v[j].id) + 1);
		buf_add(&b, ix->v[j].label, strlen(ix->v[j].label) + 1);
	}
	h.strbytes = b.len - ((n + 1) * 8 + ix->off[n] * 5 +
	    (uint64_t)ix->noff[n] * 4);
	h.sum = store_sum(STORE_SUM_INIT, b.s, b.len);
	if (store_dir(path, "entity cache") == 0 &&
	    store_begin(&f, path, "entity cache") == 0) {
		if (store_write(&f, &h, sizeof h) == -1 ||
		    store_write(&f, b.s, b.len) == -1) {
			warn_at(path, "entity cache: %s", strerror(errno));
			store_abort(&f);
		} else
			store_commit(&f);
	}
	buf_free(&b);
}
