/* windex.c: the word index: per-thread builders spill sorted runs while
 * articles load; one merge with the previous index writes a file of
 * sorted words and delta-coded posting lists, which queries mmap. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "article.h"
#include "cache.h"
#include "engine_id.h"
#include "hash.h"
#include "store.h"
#include "text.h"
#include "util.h"
#include "windex.h"

#define WX_MAGIC	"TREADWX6"	/* 6: the engine field */
#define WX_ORDER	0x0102030405060708ULL	/* rejects foreign byte order */
#define RUN_POSTINGS	(1u << 19)	/* (word, article) pairs a thread
					   holds before spilling a run */
#define RUN_BYTES	(4u << 20)	/* ...or bytes of distinct words */
#define NONE		UINT32_MAX
#define PAIR_MARK	'\x01'	/* in no word: pair keys sort apart */

/*
 * The file: this header, the records (each a word's bytes, then its
 * article ids as varints: the first, then gaps), the document keys
 * (uint64, one per indexed article), their absolute paths (each ended by
 * a NUL, in the same order: files of other roots are kept, as the cache
 * keeps them), and the vocabulary: NWORDS + 1 entries sorted by word
 * bytes, the last one a sentinel whose OFF ends the records.
 */
/* The checksum of the code that makes the words (engine_id.h): a word
 * index another build wrote is rebuilt, not read. */
static uint64_t
engine_hash(void)
{
	return hash_bytes(HASH_INIT, ENGINE_ID, strlen(ENGINE_ID));
}

struct whead {
	char		 magic[8];
	uint64_t	 order;
	uint64_t	 engine;	/* engine_hash(): words of this build's tokens */
	uint64_t	 ndocs, nwords;
	uint64_t	 docs_off, vocab_off, size;
	uint64_t	 paths_off, paths_len;
	uint64_t	 sum;		/* file_sum of the file, this zero */
};
struct wentry {
	uint64_t	 off;		/* of the record */
	uint32_t	 slen;		/* word bytes at the start of it */
	uint32_t	 df;		/* articles */
};

struct windex {
	unsigned char	*map;
	size_t		 size;
	int		 fd;		/* for checking the sum: see wx_sound */
	char		*path;		/* removed when found corrupt */
	pthread_t	 prep;		/* windex_prepare's thread... */
	int		 preparing;	/* ...running, */
	atomic_int	 stop;		/* ...to give up (windex_close) */
	int		 sound;		/* 1 checked, -1 corrupt, 0 not yet */
	const uint64_t	*docs;
	const char	*paths;		/* NUL-ended, one per doc */
	size_t		 paths_len;
	const struct wentry *ent;
	size_t		 ndocs, nwords;
	/* bound to a corpus: */
	const struct article *bv;
	size_t		 bn;
	int		 bound;		/* 1 bound, -1 corrupt */
	uint32_t	*art;		/* doc -> article index, or NONE */
	uint64_t	*covered;
};

/* A word of one thread's run: its bytes in the arena. */
struct wword {
	uint32_t	 soff, slen;	/* a word pair: the two words' indexes,
					   made a key at spilling */
	uint32_t	 last;		/* article id + 1 last added */
	uint32_t	 count;		/* pairs (at spilling) */
	uint32_t	 pair;
};

/* A remembered token: its folded form (a fold cache's pointer) and the
 * run's word it is. */
#define WCACHE	4096	/* entries; a power of two */
struct wcached {
	const char	*norm;
	uint32_t	 nlen;
	uint32_t	 w;
};

/* One loader thread's builder: the words and (word, id) pairs it has
 * seen since it last spilled. */
struct wthread {
	struct wthread	*next;
	char		*arena;
	size_t		 alen, acap;
	struct wword	*words;
	size_t		 nwords, wcap;
	struct hash	 slot;		/* hash -> word + 1 */
	uint32_t	*pairs;		/* word, id, word, id... */
	size_t		 npairs, pcap;
	struct token	*tok;
	size_t		 tokcap;
	struct buf	 pair;		/* a word pair's key */
	/* the run's words of recent tokens, by their folded form's
	 * address (most tokens are a few common words: no hashing of
	 * their bytes), for the fold cache numbered wc_fc */
	struct wcached	 wc[WCACHE];
	uint64_t	 wc_fc;
};

struct windex_build {
	char		*path;
	struct windex	*old;
	struct hash	 oldslot;	/* key hash -> old doc + 1 */
	uint32_t	*olddoc;	/* walk id -> old doc, or NONE */
	unsigned char	*fresh;		/* walk id was added this run */
	size_t		 n;
	uint64_t	 gen;
	pthread_mutex_t	 lock;
	struct wthread	*threads;
	FILE		**runs;
	size_t		 nruns;
	char		**roots;	/* absolute, no trailing '/' */
	size_t		 nroots;
	int		 failed;
	int		 err;		/* errno of a run that failed to write */
};

/* Globals: each thread finds its builder here; GEN tells a new build's
 * (the loader calls windex_build_add from its threads with the build,
 * not with a thread's part of it). */
static _Thread_local struct wthread *tl_thread;
static _Thread_local uint64_t tl_gen;
static atomic_uint_fast64_t build_gen;

/* Appends V as a varint to F; returns the bytes written. */
static size_t
put_varint(FILE *f, uint64_t v)
{
	size_t n = 1;

	for (; v >= 0x80; n++) {
		putc_unlocked((int)(v & 0x7f) | 0x80, f);
		v >>= 7;
	}
	putc_unlocked((int)v, f);
	return n;
}

/* Reads a varint from F into *V; 0, or -1 at the end or on junk. */
static int
get_varint(FILE *f, uint64_t *v)
{
	int c, shift = 0;

	*v = 0;
	do {
		if ((c = getc_unlocked(f)) == EOF || shift > 63)
			return -1;
		*v |= (uint64_t)(c & 0x7f) << shift;
		shift += 7;
	} while (c & 0x80);
	return 0;
}

/* Decodes a varint at *P (before END); -1 when it runs past END. */
static int
mem_varint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	int shift = 0;

	*v = 0;
	while (*p < end && shift <= 63) {
		*v |= (uint64_t)(**p & 0x7f) << shift;
		if (!(*(*p)++ & 0x80))
			return 0;
		shift += 7;
	}
	return -1;
}

/* The absolute form of PATH in OUT (OUTLEN bytes, NUL-ended): its
 * store_key, cut when too long. Its length. */
static size_t
abs_path(char *out, size_t outlen, const char *path)
{
	size_t len;
	char *k = store_key(out, outlen, NULL, path, &len);

	if (k != out) {
		len = len < outlen ? len : outlen - 1;
		memcpy(out, k, len);
		out[len] = '\0';
		free(k);
	}
	return len;
}

/* The key of an article's file: its absolute path, size and mtime, so
 * that an index written from another directory still applies. */
static uint64_t
doc_key(const char *path, uint64_t size, int64_t mtime)
{
	char abs[8192];
	uint64_t h;

	h = store_sum(STORE_SUM_INIT, abs, abs_path(abs, sizeof abs, path));

	h = store_sum(h, &size, sizeof size);
	return store_sum(h, &mtime, sizeof mtime);
}

/* Word I of X: its bytes and length (entries are checked by wx_sound
 * before any use). */
static void
wx_word(const struct windex *x, size_t i, const unsigned char **s,
    size_t *len)
{
	const struct wentry *e = &x->ent[i];

	*s = x->map + e->off;
	*len = e->slen;
}

/* Are X's vocabulary entries sound: records in order, inside the file,
 * each long enough for its word? */
static int
wx_check(const struct windex *x)
{
	uint64_t docs_off = (const unsigned char *)x->docs - x->map;
	size_t i;

	if (x->ent[0].off < sizeof(struct whead) ||
	    x->ent[x->nwords].off > docs_off)
		return 0;
	for (i = 0; i < x->nwords; i++)
		if (x->ent[i + 1].off < x->ent[i].off ||
		    x->ent[i + 1].off - x->ent[i].off < x->ent[i].slen)
			return 0;
	return 1;
}

/* The sum of the file at FD (SIZE bytes), its header's sum as zero; read
 * with pread, not through the map, so that checking costs no memory.
 * *ERR is 1 on a read error, 2 when STOP (if not NULL) was set. */
static uint64_t
file_sum(int fd, size_t size, int *err, atomic_int *stop)
{
	unsigned char b[1 << 16];
	struct whead h;
	uint64_t sum = STORE_SUM_INIT;
	size_t off = 0, k;
	ssize_t r;

	*err = 0;
	for (off = 0; off < size; off += k) {
		if (stop != NULL && atomic_load(stop)) {
			*err = 2;
			return 0;
		}
		k = size - off < sizeof b ? size - off : sizeof b;
		if ((r = pread(fd, b, k, (off_t)off)) != (ssize_t)k) {
			*err = 1;
			return 0;
		}
		if (off == 0) {
			memcpy(&h, b, sizeof h);
			h.sum = 0;
			memcpy(b, &h, sizeof h);
		}
		sum = store_sum(sum, b, k);
	}
	return sum;
}

int
windex_reseal(unsigned char *data, size_t len)
{
	unsigned char b[1 << 16];
	struct whead h;
	uint64_t sum = STORE_SUM_INIT;
	size_t off, k;

	if (len < sizeof h)
		return -1;
	memcpy(&h, data, sizeof h);
	h.sum = 0;
	for (off = 0; off < len; off += k) {	/* as file_sum cuts it */
		k = len - off < sizeof b ? len - off : sizeof b;
		memcpy(b, data + off, k);
		if (off == 0)
			memcpy(b, &h, sizeof h);
		sum = store_sum(sum, b, k);
	}
	h.sum = sum;
	memcpy(data, &h, sizeof h);
	return 0;
}

/* Removes X's file (when it is still the one at its path), so that the
 * next load, finding none, builds the index again. */
static void
wx_remove(const struct windex *x)
{
	struct stat a, b;

	if (fstat(x->fd, &a) == 0 && stat(x->path, &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
		unlink(x->path);
}

/* Is X whole: its sum right, its vocabulary in order? Checked once, on
 * first use, as that reads the whole file. */
static int
wx_sound(struct windex *x)
{
	struct whead h;
	uint64_t sum;
	int err;

	if (x->sound == 0) {
		memcpy(&h, x->map, sizeof h);
		sum = file_sum(x->fd, x->size, &err, &x->stop);
		if (err == 2)
			return 0;	/* closing: neither sound nor not */
		x->sound = sum == h.sum && !err && wx_check(x) ? 1 : -1;
		if (x->sound < 0)
			wx_remove(x);
	}
	return x->sound > 0;
}

/* Checks the header of the file mapped at X->map; 1 when it is sound. */
static int
wx_head(struct windex *x)
{
	struct whead h;

	if (x->size < sizeof h)
		return 0;
	memcpy(&h, x->map, sizeof h);
	if (memcmp(h.magic, WX_MAGIC, 8) != 0 || h.order != WX_ORDER ||
	    h.engine != engine_hash() ||
	    h.size != x->size || h.docs_off % 8 || h.vocab_off % 8 ||
	    h.ndocs > UINT32_MAX || h.nwords > UINT32_MAX ||
	    h.docs_off > x->size || (x->size - h.docs_off) / 8 < h.ndocs ||
	    h.vocab_off > x->size || (x->size - h.vocab_off) /
	    sizeof(struct wentry) < h.nwords + 1 || h.paths_off > x->size ||
	    x->size - h.paths_off < h.paths_len ||
	    (h.paths_len > 0 && x->map[h.paths_off + h.paths_len - 1] != 0))
		return 0;
	x->ndocs = (size_t)h.ndocs;
	x->nwords = (size_t)h.nwords;
	x->docs = (const uint64_t *)(x->map + h.docs_off);
	x->paths = (const char *)x->map + h.paths_off;
	x->paths_len = (size_t)h.paths_len;
	x->ent = (const struct wentry *)(x->map + h.vocab_off);
	return 1;
}

struct windex *
windex_open(const char *path)
{
	struct windex *x;
	struct stat st;
	void *map;
	int fd;

	store_clean(path);
	if ((fd = store_open_read(path, &st)) == -1)
		return NULL;
	if (st.st_size < (off_t)sizeof(struct whead) ||
	    (map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd,
	    0)) == MAP_FAILED) {
		close(fd);
		return NULL;
	}
	x = xcalloc(1, sizeof *x);
	atomic_init(&x->stop, 0);
	x->fd = fd;
	x->path = xstrdup(path);
	x->map = map;
	x->size = (size_t)st.st_size;
	if (!wx_head(x)) {
		windex_close(x);
		return NULL;
	}
	return x;
}

void
windex_close(struct windex *x)
{
	if (x == NULL)
		return;
	if (x->preparing) {
		atomic_store(&x->stop, 1);	/* a batch run need not wait */
		pthread_join(x->prep, NULL);
	}
	munmap(x->map, x->size);
	close(x->fd);
	free(x->path);
	free(x->art);
	free(x->covered);
	free(x);
}

/* The key of X's doc I, for hash_grow. */
static uint64_t
doc_hash(const void *x, uint32_t i)
{
	return ((const struct windex *)x)->docs[i];
}

/* A hash table of X's document keys into T. */
static void
docs_table(const struct windex *x, struct hash *t)
{
	uint32_t *s;
	size_t d, pos;

	hash_init(t, x->ndocs);
	for (d = 0; d < x->ndocs; d++) {
		if (hash_full(t))
			hash_grow(t, doc_hash, x);
		for (s = hash_first(t, x->docs[d], &pos); *s != 0;
		    s = hash_next(t, &pos))
			;
		*s = (uint32_t)d + 1;
		hash_placed(t);
	}
}

/* The doc of X with key K in table T, or NONE. */
static uint32_t
docs_find(const struct windex *x, const struct hash *t, uint64_t k)
{
	const uint32_t *s;
	size_t pos;

	if (t->cap == 0)
		return NONE;	/* no docs (a file may say so): no table */
	for (s = hash_first(t, k, &pos); *s != 0; s = hash_next(t, &pos))
		if (x->docs[*s - 1] == k)
			return *s - 1;
	return NONE;
}

/* Binds X to V[0..N): see windex_bind. */
static int
bind_now(struct windex *x, const struct article *v, size_t n)
{
	struct hash t;
	uint32_t d;
	size_t k;

	free(x->art);
	free(x->covered);
	x->bv = v;
	x->bn = n;
	x->art = xmalloc((x->ndocs + 1) * sizeof *x->art);
	memset(x->art, 0xff, (x->ndocs + 1) * sizeof *x->art);
	x->covered = xcalloc((n + 63) / 64 + 1, sizeof *x->covered);
	if (!wx_sound(x)) {
		x->bound = x->sound < 0 ? -1 : 0;
		return -1;
	}
	docs_table(x, &t);
	for (k = 0; k < n; k++) {
		if (k % 4096 == 0 && atomic_load(&x->stop))
			break;	/* closing: bound stays 0 */
		d = docs_find(x, &t, doc_key(v[k].path, v[k].size,
		    v[k].mtime));
		if (d != NONE && x->art[d] == NONE) {
			x->art[d] = (uint32_t)k;
			x->covered[k / 64] |= (uint64_t)1 << (k % 64);
		}
	}
	hash_free(&t);
	if (k < n)
		return -1;
	x->bound = 1;
	return 0;
}

/* windex_prepare's thread. */
static void *
prep_thread(void *arg)
{
	struct windex *x = arg;

	bind_now(x, x->bv, x->bn);
	return NULL;
}

void
windex_prepare(struct windex *x, const struct article *v, size_t n)
{
	if (x->preparing || x->bound != 0)
		return;
	x->bv = v;
	x->bn = n;
	x->preparing = pthread_create(&x->prep, NULL, prep_thread, x) == 0;
}

int
windex_bind(struct windex *x, const struct article *v, size_t n)
{
	if (x->preparing) {
		pthread_join(x->prep, NULL);
		x->preparing = 0;
	}
	if (x->bound != 0 && x->bv == v && x->bn == n)
		return x->bound > 0 ? 0 : -1;
	return bind_now(x, v, n);
}

const uint64_t *
windex_covered(const struct windex *x)
{
	return x->covered;
}

/* Compares word I of X with S[0..LEN) as bytes (a shorter word first). */
static int
wx_cmp(const struct windex *x, size_t i, const char *s, size_t len)
{
	const unsigned char *w;
	size_t wlen;
	int c;

	wx_word(x, i, &w, &wlen);
	c = memcmp(w, s, wlen < len ? wlen : len);
	if (c != 0)
		return c;
	return wlen < len ? -1 : wlen > len;
}

/* The first vocabulary entry not below S[0..LEN). */
static size_t
wx_lower(const struct windex *x, const char *s, size_t len)
{
	size_t lo = 0, hi = x->nwords, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (wx_cmp(x, mid, s, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Sets in SET the bound articles of word I's posting list. */
static void
wx_postings(const struct windex *x, size_t i, uint64_t *set)
{
	const unsigned char *p = x->map + x->ent[i].off + x->ent[i].slen,
	    *end = x->map + x->ent[i + 1].off;
	uint64_t d = 0, gap;
	int first = 1;

	while (p < end && mem_varint(&p, end, &gap) == 0) {
		d = first ? gap : d + gap;
		first = 0;
		if (d >= x->ndocs)
			return;		/* corrupt: stop, never read past */
		if (x->art[d] != NONE)
			set[x->art[d] / 64] |= (uint64_t)1 << (x->art[d] % 64);
	}
}

void
windex_or(const struct windex *x, const char *w, size_t len, int prefix,
    uint64_t *set)
{
	const unsigned char *s;
	size_t i, slen;

	if (x->bound <= 0)
		return;
	for (i = wx_lower(x, w, len); i < x->nwords; i++) {
		wx_word(x, i, &s, &slen);
		if (prefix ? slen < len || memcmp(s, w, len) != 0 :
		    slen != len || memcmp(s, w, len) != 0)
			break;
		wx_postings(x, i, set);
		if (!prefix)
			break;
	}
}

void
windex_pair_key(struct buf *b, const char *w1, size_t len1, const char *w2,
    size_t len2)
{
	b->len = 0;
	buf_addc(b, PAIR_MARK);
	buf_add(b, w1, len1);
	buf_addc(b, PAIR_MARK);
	buf_add(b, w2, len2);
}

/* --- building */

struct windex_build *
windex_build_new(const char *path, size_t n, char *const *roots,
    size_t nroots)
{
	struct windex_build *b = xcalloc(1, sizeof *b);
	char abs[8192];
	size_t i, len;

	b->roots = xcalloc(nroots + 1, sizeof *b->roots);
	for (i = 0; i < nroots; i++) {
		len = abs_path(abs, sizeof abs, roots[i]);
		while (len > 0 && abs[len - 1] == '/')
			abs[--len] = '\0';
		b->roots[b->nroots++] = xstrdup(abs);
	}

	b->path = xstrdup(path);
	b->n = n;
	b->olddoc = xmalloc((n + 1) * sizeof *b->olddoc);
	memset(b->olddoc, 0xff, (n + 1) * sizeof *b->olddoc);
	b->fresh = xcalloc(n + 1, 1);
	b->gen = atomic_fetch_add(&build_gen, 1) + 1;
	pthread_mutex_init(&b->lock, NULL);
	if ((b->old = windex_open(path)) != NULL && b->old->ndocs == 0) {
		windex_close(b->old);
		b->old = NULL;
	}
	if (b->old != NULL)
		docs_table(b->old, &b->oldslot);
	return b;
}

int
windex_build_known(struct windex_build *b, size_t id, const char *path,
    uint64_t size, int64_t mtime)
{
	if (b->old == NULL || id >= b->n)
		return 0;
	b->olddoc[id] = docs_find(b->old, &b->oldslot,
	    doc_key(path, size, mtime));
	return b->olddoc[id] != NONE;
}

/* The calling thread's builder for B, made on its first call. */
static struct wthread *
thread_get(struct windex_build *b)
{
	struct wthread *t;

	if (tl_gen == b->gen)
		return tl_thread;
	t = xcalloc(1, sizeof *t);
	hash_init(&t->slot, 2048);
	pthread_mutex_lock(&b->lock);
	t->next = b->threads;
	b->threads = t;
	pthread_mutex_unlock(&b->lock);
	tl_thread = t;
	tl_gen = b->gen;
	return t;
}

/* The hash of word pair A, B (word indexes): no bytes to read. */
static uint64_t
pair_hash(uint32_t a, uint32_t b)
{
	uint64_t k = ((uint64_t)a << 32 | b) * 0x9e3779b97f4a7c15ULL;

	return k ^ k >> 29;
}

/* The hash of T's word W. */
static uint64_t
word_hash(const struct wthread *t, const struct wword *w)
{
	return w->pair ? pair_hash(w->soff, w->slen) :
	    hash_bytes(HASH_INIT, t->arena + w->soff, w->slen);
}

/* The hash of word I of thread T, for hash_grow. */
static uint64_t
word_key(const void *t, uint32_t i)
{
	const struct wthread *w = t;

	return word_hash(w, &w->words[i]);
}

/* Appends a word to T (SOFF, SLEN, PAIR as in struct wword) in the empty
 * table slot S; returns its index. */
static uint32_t
word_new(struct wthread *t, size_t soff, size_t slen, int pair, uint32_t *s)
{
	if (t->nwords == t->wcap)
		t->words = xreallocarray(t->words, t->wcap = t->wcap ?
		    t->wcap * 2 : 1024, sizeof *t->words);
	t->words[t->nwords] = (struct wword){ (uint32_t)soff,
	    (uint32_t)slen, 0, 0, (uint32_t)pair };
	*s = (uint32_t)t->nwords + 1;
	hash_placed(&t->slot);
	return (uint32_t)t->nwords++;
}

/* Adds word W[0..LEN) of T's run; returns its index. */
static uint32_t
thread_word(struct wthread *t, const char *w, size_t len)
{
	uint64_t h = hash_bytes(HASH_INIT, w, len);
	struct wword *ww;
	uint32_t *s;
	size_t pos;

	if (hash_full(&t->slot))
		hash_grow(&t->slot, word_key, t);
	for (s = hash_first(&t->slot, h, &pos); *s != 0;
	    s = hash_next(&t->slot, &pos)) {
		ww = &t->words[*s - 1];
		if (!ww->pair && ww->slen == len &&
		    memcmp(t->arena + ww->soff, w, len) == 0)
			return *s - 1;
	}
	if (t->alen + len > t->acap)
		t->arena = xrealloc(t->arena, t->acap = (t->acap + len) * 2);
	memcpy(t->arena + t->alen, w, len);
	t->alen += len;
	return word_new(t, t->alen - len, len, 0, s);
}

/* Adds the pair of T's words A then B; returns its index. */
static uint32_t
thread_word_pair(struct wthread *t, uint32_t a, uint32_t b)
{
	struct wword *ww;
	uint32_t *s;
	size_t pos;

	if (hash_full(&t->slot))
		hash_grow(&t->slot, word_key, t);
	for (s = hash_first(&t->slot, pair_hash(a, b), &pos); *s != 0;
	    s = hash_next(&t->slot, &pos)) {
		ww = &t->words[*s - 1];
		if (ww->pair && ww->soff == a && ww->slen == b)
			return *s - 1;
	}
	return word_new(t, a, b, 1, s);
}

/* Turns T's word pairs into their keys (windex_pair_key) in the arena,
 * so that they sort and spill as words. */
static void
thread_pair_keys(struct wthread *t)
{
	struct wword *w, *a, *b;
	size_t i, len;

	for (i = 0; i < t->nwords; i++) {
		if (!(w = &t->words[i])->pair)
			continue;
		a = &t->words[w->soff];
		b = &t->words[w->slen];
		len = a->slen + b->slen + 2;
		if (t->alen + len > t->acap)
			t->arena = xrealloc(t->arena, t->acap = (t->acap +
			    len) * 2);
		windex_pair_key(&t->pair, t->arena + a->soff, a->slen,
		    t->arena + b->soff, b->slen);
		memcpy(t->arena + t->alen, t->pair.s, len);
		w->soff = (uint32_t)t->alen;
		w->slen = (uint32_t)len;
		w->pair = 0;
		t->alen += len;
	}
}

/* Records that article ID has word W of T's run (once). */
static void
thread_pair(struct wthread *t, uint32_t id, uint32_t w)
{
	if (t->words[w].last == id + 1)
		return;
	t->words[w].last = id + 1;
	/* doubling up to a run's RUN_POSTINGS, then by an eighth: the
	 * article that passes it would double 4 MB to 8 MB per thread */
	if (t->npairs == t->pcap)
		t->pairs = xreallocarray(t->pairs, t->pcap = t->pcap == 0 ?
		    65536 : t->pcap < RUN_POSTINGS ? t->pcap * 2 : t->pcap +
		    t->pcap / 8, 2 * sizeof *t->pairs);
	t->pairs[2 * t->npairs] = w;
	t->pairs[2 * t->npairs + 1] = id;
	t->npairs++;
}

/* The run's word of token K (thread_word), remembered by address. */
static uint32_t
thread_token_word(struct wthread *t, const struct token *k)
{
	uintptr_t a = (uintptr_t)k->norm;
	struct wcached *c = &t->wc[(a >> 3 ^ a >> 15) & (WCACHE - 1)];

	if (c->norm != k->norm || c->nlen != k->nlen) {
		c->norm = k->norm;
		c->nlen = k->nlen;
		c->w = thread_word(t, k->norm, k->nlen);
	}
	return c->w;
}

/* Records that article ID has the words of TOK[0..N) and each pair of
 * adjacent words (windex_pair_key), which answers two-word phrases. */
static void
thread_tokens(struct wthread *t, uint32_t id, const struct token *tok,
    size_t n)
{
	uint32_t w, prev = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		w = thread_token_word(t, &tok[i]);
		thread_pair(t, id, w);
		if (i > 0)
			thread_pair(t, id, thread_word_pair(t, prev, w));
		prev = w;
	}
}

/* A temporary file next to PATH, already unlinked; NULL on failure. */
static FILE *
temp_file(const char *path)
{
	struct store_file sf;
	FILE *f = NULL;

	if (store_begin(&sf, path, "word index") == 0) {
		unlink(sf.tmp);
		if ((f = fdopen(sf.fd, "w+b")) != NULL)
			sf.fd = -1;
		store_abort(&sf);
	}
	return f;
}

/* A word to sort: its bytes and its index (qsort needs no context). */
struct wkey {
	const char	*s;
	uint32_t	 len, i;
};

/* Orders words by bytes, a shorter one first (qsort). */
static int
cmp_wkey(const void *pa, const void *pb)
{
	const struct wkey *a = pa, *b = pb;
	int c = memcmp(a->s, b->s, a->len < b->len ? a->len : b->len);

	return c != 0 ? c : (a->len > b->len) - (a->len < b->len);
}

/* The indexes of T's words in byte order. */
static uint32_t *
words_sorted(const struct wthread *t)
{
	struct wkey *k = xcalloc(t->nwords + 1, sizeof *k);
	uint32_t *order = xcalloc(t->nwords + 1, sizeof *order);
	size_t i;

	for (i = 0; i < t->nwords; i++)
		k[i] = (struct wkey){ t->arena + t->words[i].soff,
		    t->words[i].slen, (uint32_t)i };
	qsort(k, t->nwords, sizeof *k, cmp_wkey);
	for (i = 0; i < t->nwords; i++)
		order[i] = k[i].i;
	free(k);
	return order;
}

/* Writes T's run to F: the word count, then per word in byte order its
 * length, bytes, id count and ids (first, then gaps). */
static void
run_write(struct wthread *t, FILE *f, const uint32_t *order)
{
	uint32_t *start = xcalloc(t->nwords + 1, sizeof *start), *ids;
	size_t i, k, pos = 0;

	for (i = 0; i < t->npairs; i++)
		t->words[t->pairs[2 * i]].count++;
	for (i = 0; i < t->nwords; i++) {
		start[order[i]] = (uint32_t)pos;
		pos += t->words[order[i]].count;
	}
	ids = xmalloc((t->npairs + 1) * sizeof *ids);
	for (i = 0; i < t->npairs; i++)	/* stable: ids stay increasing */
		ids[start[t->pairs[2 * i]]++] = t->pairs[2 * i + 1];
	put_varint(f, t->nwords);
	for (i = 0, pos = 0; i < t->nwords; i++) {
		const struct wword *w = &t->words[order[i]];

		put_varint(f, w->slen);
		fwrite(t->arena + w->soff, 1, w->slen, f);
		put_varint(f, w->count);
		for (k = 0; k < w->count; k++, pos++)
			put_varint(f, k ? ids[pos] - ids[pos - 1] : ids[pos]);
	}
	free(ids);
	free(start);
}

/* Spills T's words and pairs to a new run file of B and empties T. */
static void
thread_spill(struct windex_build *b, struct wthread *t)
{
	uint32_t *order;
	FILE *f;

	if (t->npairs == 0)
		return;
	thread_pair_keys(t);
	order = words_sorted(t);	/* each thread sorts its own */
	pthread_mutex_lock(&b->lock);
	if ((f = temp_file(b->path)) == NULL)
		b->failed = 1;
	else {
		b->runs = xreallocarray(b->runs, b->nruns + 1, sizeof *b->runs);
		b->runs[b->nruns++] = f;
	}
	pthread_mutex_unlock(&b->lock);
	if (f != NULL) {
		run_write(t, f, order);
		if (fflush(f) != 0 || ferror(f)) {	/* EFBIG, ENOSPC */
			pthread_mutex_lock(&b->lock);
			b->err = errno;
			pthread_mutex_unlock(&b->lock);
		}
	}
	free(order);
	t->nwords = t->alen = t->npairs = 0;
	hash_clear(&t->slot);
	memset(t->wc, 0, sizeof t->wc);	/* their words are gone */
}

void
windex_build_add(struct windex_build *b, size_t id, struct fold_cache *fc,
    const char *title, const char *body, size_t len,
    const struct token *tok, size_t ntok)
{
	struct wthread *t = thread_get(b);
	size_t n;

	if (id >= b->n)
		return;
	b->fresh[id] = 1;
	if (t->wc_fc != fold_cache_id(fc)) {	/* other addresses */
		memset(t->wc, 0, sizeof t->wc);
		t->wc_fc = fold_cache_id(fc);
	}
	n = text_tokens(title, strlen(title), fc, &t->tok, &t->tokcap);
	thread_tokens(t, (uint32_t)id, t->tok, n);
	if (tok == NULL) {
		ntok = text_tokens(body, len, fc, &t->tok, &t->tokcap);
		tok = t->tok;
	}
	thread_tokens(t, (uint32_t)id, tok, ntok);
	if (t->npairs >= RUN_POSTINGS || t->alen >= RUN_BYTES)
		thread_spill(b, t);
}

/* Frees T's tables (its words are in run files), T itself kept on the
 * builder's list. */
static void
thread_release(struct wthread *t)
{
	free(t->arena);
	free(t->words);
	free(t->pairs);
	free(t->tok);
	t->arena = NULL;
	t->words = NULL;
	t->pairs = NULL;
	t->tok = NULL;
	t->alen = t->acap = t->nwords = t->wcap = t->npairs = t->pcap = 0;
	t->tokcap = 0;
	hash_free(&t->slot);
	buf_free(&t->pair);
	buf_init(&t->pair);
}

void
windex_build_done(struct windex_build *b)
{
	if (b == NULL || tl_gen != b->gen)
		return;	/* it added no words */
	thread_spill(b, tl_thread);
	/* let its tables go now: the merge may run beside the selection of
	 * the discovered themes and the cache's writing, and must not add
	 * them to that peak */
	thread_release(tl_thread);
	tl_thread = NULL;
	tl_gen = 0;	/* another add would start a builder anew */
}

/* --- merging the runs and the previous index into the new file */

/* A sorted source of words and ids: a run file, or the old index. */
struct cursor {
	FILE		*f;		/* NULL: the old index */
	const struct windex *x;
	const uint32_t	*map;		/* its ids -> new docs, or NONE */
	size_t		 nmap;
	uint64_t	 left;		/* words after this one */
	size_t		 i;		/* old index: entry */
	const char	*w;		/* the current word */
	size_t		 wlen;
	char		*buf;		/* run: the word's bytes */
	size_t		 bufcap;
	uint64_t	 count;		/* run: ids of the word */
	int		 done;
};

/* What the merge carries: the cursors, the ids of the word at hand. */
struct merge {
	struct cursor	*c;
	size_t		 nc;
	uint32_t	*ids;
	size_t		 nids, idcap;
	uint64_t	*bits;		/* scratch bitset over the new docs */
	size_t		 ndocs;
	uint64_t	 off;		/* bytes of the file written */
	uint64_t	 nwords;
	int		 failed;
};

/* Moves run cursor C to its next word; 0, or -1 (the run is bad). */
static int
cur_next_run(struct cursor *c)
{
	uint64_t len;

	if (c->left == 0) {
		c->done = 1;
		return 0;
	}
	c->left--;
	if (get_varint(c->f, &len) == -1 || len > UINT32_MAX)
		return -1;
	if (len + 1 > c->bufcap)
		c->buf = xrealloc(c->buf, c->bufcap = len + 64);
	if (fread(c->buf, 1, len, c->f) != len ||
	    get_varint(c->f, &c->count) == -1)
		return -1;
	c->w = c->buf;
	c->wlen = (size_t)len;
	return 0;
}

/* Moves cursor C to its next word (the first, at the start). */
static int
cur_next(struct cursor *c)
{
	const unsigned char *s;

	if (c->f != NULL)
		return cur_next_run(c);
	if (++c->i >= c->x->nwords) {
		c->done = 1;
		return 0;
	}
	wx_word(c->x, c->i, &s, &c->wlen);
	c->w = (const char *)s;
	return 0;
}

/* Adds id ID of cursor C, mapped to its new doc, to M's list. */
static void
merge_id(struct merge *m, const struct cursor *c, uint64_t id)
{
	if (id >= c->nmap || c->map[id] == NONE)
		return;
	if (m->nids == m->idcap)
		m->ids = xreallocarray(m->ids, m->idcap = m->idcap ?
		    m->idcap * 2 : 1024, sizeof *m->ids);
	m->ids[m->nids++] = c->map[id];
}

/* Reads the ids of C's current word into M's list. */
static int
cur_ids(struct merge *m, struct cursor *c)
{
	const unsigned char *p, *end;
	uint64_t d = 0, gap, k;

	if (c->f != NULL) {
		for (k = 0; k < c->count; k++) {
			if (get_varint(c->f, &gap) == -1)
				return -1;
			merge_id(m, c, d = k ? d + gap : gap);
		}
		return 0;
	}
	p = c->x->map + c->x->ent[c->i].off + c->x->ent[c->i].slen;
	end = c->x->map + c->x->ent[c->i + 1].off;
	for (k = 0; p < end; k++) {
		if (mem_varint(&p, end, &gap) == -1)
			return -1;
		merge_id(m, c, d = k ? d + gap : gap);
	}
	return 0;
}

/* Orders ids (qsort). */
static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* Sorts M's ids: they come in increasing runs, one per source; a long
 * list goes through a bitset, which costs no comparisons. */
static void
merge_sort_ids(struct merge *m)
{
	size_t i, k, n = 0;
	uint64_t w;

	for (i = 1; i < m->nids && m->ids[i - 1] <= m->ids[i]; i++)
		;
	if (i >= m->nids)
		return;
	if (m->nids < m->ndocs / 64 + 16) {
		qsort(m->ids, m->nids, sizeof *m->ids, cmp_u32);
		return;
	}
	for (i = 0; i < m->nids; i++)
		m->bits[m->ids[i] / 64] |= (uint64_t)1 << (m->ids[i] % 64);
	for (k = 0; k < (m->ndocs + 63) / 64; k++)
		for (w = m->bits[k], m->bits[k] = 0; w != 0; w &= w - 1)
			m->ids[n++] = (uint32_t)(k * 64 +
			    (size_t)__builtin_ctzll(w));
	m->nids = n;
}

/* Writes word W[0..LEN) with M's ids as a record to OUT and its entry to
 * ENTS; nothing when no id is left. */
static void
merge_emit(struct merge *m, const char *w, size_t len, FILE *out,
    FILE *ents)
{
	struct wentry e = { m->off, (uint32_t)len, 0 };
	size_t i;

	if (m->nids == 0)
		return;
	merge_sort_ids(m);
	m->off += fwrite(w, 1, len, out);
	for (i = 0; i < m->nids; i++) {
		if (i > 0 && m->ids[i] == m->ids[i - 1])
			continue;
		m->off += put_varint(out, i ? m->ids[i] - m->ids[i - 1] :
		    m->ids[i]);
		e.df++;
	}
	fwrite(&e, sizeof e, 1, ents);
	m->nwords++;
}

/* Compares the current words of cursors A and B as bytes. */
static int
cur_cmp(const struct cursor *a, const char *w, size_t len)
{
	int c = memcmp(a->w, w, a->wlen < len ? a->wlen : len);

	return c != 0 ? c : (a->wlen > len) - (a->wlen < len);
}

/* Merges every cursor of M, word by word in byte order, into OUT. */
static void
merge_all(struct merge *m, FILE *out, FILE *ents)
{
	struct buf w;
	struct cursor *min;
	size_t i;

	buf_init(&w);
	buf_reserve(&w, 64);	/* w.s is never NULL, even for "" */
	for (;;) {
		for (min = NULL, i = 0; i < m->nc; i++)
			if (!m->c[i].done && (min == NULL ||
			    cur_cmp(&m->c[i], min->w, min->wlen) < 0))
				min = &m->c[i];
		if (min == NULL)
			break;
		w.len = 0;
		buf_add(&w, min->w, min->wlen);
		m->nids = 0;
		for (i = 0; i < m->nc; i++) {
			struct cursor *c = &m->c[i];

			if (c->done || cur_cmp(c, w.s, w.len) != 0)
				continue;
			if (cur_ids(m, c) == -1 || cur_next(c) == -1) {
				m->failed = 1;
				c->done = 1;
			}
		}
		merge_emit(m, w.s, w.len, out, ents);
	}
	buf_free(&w);
}

/* Points cursor C at run F (ids are walk ids, MAP[0..N)); 0 or -1. */
static int
cur_run(struct cursor *c, FILE *f, const uint32_t *map, size_t n)
{
	memset(c, 0, sizeof *c);
	c->f = f;
	c->map = map;
	c->nmap = n;
	if (fflush(f) != 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    get_varint(f, &c->left) == -1)
		return -1;
	return cur_next(c);
}

/* Points cursor C at the old index X (ids mapped by MAP). */
static void
cur_old(struct cursor *c, const struct windex *x, const uint32_t *map)
{
	memset(c, 0, sizeof *c);
	c->x = x;
	c->map = map;
	c->nmap = x->ndocs;
	c->i = (size_t)-1;
	cur_next(c);
}

/* Copies the rest of IN to OUT; 0, or -1 on a read or write error. */
static int
copy_file(FILE *in, FILE *out)
{
	char b[65536];
	size_t k;

	if (fflush(in) != 0 || fseek(in, 0, SEEK_SET) != 0)
		return -1;
	while ((k = fread(b, 1, sizeof b, in)) > 0)
		if (fwrite(b, 1, k, out) != k)
			return -1;
	return ferror(in) ? -1 : 0;
}

/* The docs of the index being written. */
struct newdocs {
	uint32_t	*newdoc;	/* walk id -> doc, or NONE */
	uint32_t	*oldmap;	/* old doc -> doc, or NONE */
	unsigned char	*seen;		/* old doc: its file was loaded */
	uint64_t	*keys;		/* per doc (when FILL) */
	size_t		 n;
	int		 fill;		/* not only count: the keys too */
	const struct windex_build *b;	/* for the paths: write_paths */
	const struct loadrec *rec;
};

/* Writes the absolute paths of D's docs to OUT, in their order: the
 * loaded files by walk id, then those kept from the old index (made as
 * written, not held: they are megabytes). Returns their bytes. */
static uint64_t
write_paths(const struct newdocs *D, FILE *out)
{
	const struct windex *x = D->b->old;
	const char *p;
	char abs[8192];
	uint64_t bytes = 0;
	size_t i, len;

	for (i = 0; i < D->b->n; i++)
		if (D->newdoc[i] != NONE) {
			len = abs_path(abs, sizeof abs, D->rec[i].a.path);
			bytes += fwrite(abs, 1, len + 1, out);
		}
	p = x != NULL ? x->paths : NULL;
	for (i = 0; x != NULL && i < x->ndocs &&
	    p < x->paths + x->paths_len; i++, p += len + 1) {
		len = strlen(p);
		if (!D->seen[i] && D->oldmap[i] != NONE)
			bytes += fwrite(p, 1, len + 1, out);
	}
	return bytes;
}

/* Writes the keys and paths of the new docs D, the vocabulary (from
 * ENTS) and, at the start, the header, after the records M wrote to OUT.
 * 0 or -1. */
static int
write_tail(struct merge *m, FILE *out, FILE *ents, const struct newdocs *D)
{
	static const char pad[8];
	struct whead h;
	struct wentry end = { 0, 0, 0 };
	int err;

	memset(&h, 0, sizeof h);
	memcpy(h.magic, WX_MAGIC, 8);
	h.order = WX_ORDER;
	h.engine = engine_hash();
	h.ndocs = D->n;
	h.nwords = m->nwords;
	end.off = m->off;
	h.docs_off = (m->off + 7) / 8 * 8;
	fwrite(pad, 1, (size_t)(h.docs_off - m->off), out);
	fwrite(D->keys, sizeof *D->keys, D->n, out);
	h.paths_off = h.docs_off + 8 * (uint64_t)D->n;
	h.paths_len = write_paths(D, out);
	h.vocab_off = (h.paths_off + h.paths_len + 7) / 8 * 8;
	fwrite(pad, 1, (size_t)(h.vocab_off - h.paths_off - h.paths_len), out);
	if (copy_file(ents, out) == -1)
		return -1;
	fwrite(&end, sizeof end, 1, out);
	h.size = h.vocab_off + (h.nwords + 1) * sizeof end;
	if (fseek(out, 0, SEEK_SET) != 0 || fwrite(&h, sizeof h, 1, out) != 1 ||
	    fflush(out) != 0)
		return -1;
	h.sum = file_sum(fileno(out), (size_t)h.size, &err, NULL);
	if (err || fseek(out, 0, SEEK_SET) != 0 ||
	    fwrite(&h, sizeof h, 1, out) != 1 || fflush(out) != 0 ||
	    fsync(fileno(out)) != 0)
		return -1;
	return 0;
}

/* Writes the index of B's runs and old index to B->path through a
 * temporary file, renamed over it once complete. 0 or -1 (warned). */
static int
write_index(struct windex_build *b, struct merge *m, const struct newdocs *D)
{
	struct store_file sf;
	FILE *out = NULL, *ents = temp_file(b->path);
	static const struct whead zero;
	int fd, rc = -1;

	if (ents == NULL || store_begin(&sf, b->path, "word index") == -1) {
		if (ents != NULL)
			fclose(ents);
		return -1;
	}
	if ((fd = dup(sf.fd)) != -1 && (out = fdopen(fd, "wb")) == NULL)
		close(fd);
	if (out != NULL) {
		m->off = fwrite(&zero, 1, sizeof zero, out);
		merge_all(m, out, ents);
		rc = m->failed || write_tail(m, out, ents, D) == -1 ||
		    ferror(out) ? -1 : 0;
		if (fclose(out) != 0)
			rc = -1;
	}
	if (rc == -1) {
		warn_at(b->path, "word index not written: %s", strerror(errno));
		store_abort(&sf);
	} else
		rc = store_commit(&sf);
	fclose(ents);
	return rc;
}

/* Adds doc KEY to D; returns its number. */
static uint32_t
doc_add(struct newdocs *D, uint64_t key)
{
	if (D->fill)
		D->keys[D->n] = key;
	return (uint32_t)D->n++;
}

/* Numbers the new docs: the loaded files the index will cover (read this
 * run, or unchanged in the old index), in walk order. */
static void
number_docs(struct windex_build *b, const struct loadrec *rec,
    struct newdocs *D)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		D->newdoc[i] = NONE;
		if (b->olddoc[i] != NONE)
			D->seen[b->olddoc[i]] = 1;
		if (!rec[i].ok || (!b->fresh[i] && b->olddoc[i] == NONE))
			continue;
		D->newdoc[i] = doc_add(D, D->fill ? doc_key(rec[i].a.path,
		    rec[i].a.size, rec[i].a.mtime) : 0);
		if (!b->fresh[i])
			D->oldmap[b->olddoc[i]] = D->newdoc[i];
	}
}

/* Keeps the old docs of files not loaded and not under a root (another
 * corpus's, as the cache keeps them), after the loaded ones. */
static void
keep_others(struct windex_build *b, struct newdocs *D)
{
	const struct windex *x = b->old;
	const char *p = x->paths, *end = x->paths + x->paths_len;
	size_t d, len, nseen = 0;

	for (d = 0; d < x->ndocs; d++)
		nseen += D->seen[d];
	if (nseen == x->ndocs)
		return;		/* the usual warm load: no paths read */
	for (d = 0; d < x->ndocs && p < end; d++, p += len + 1) {
		len = strlen(p);
		if (!D->seen[d] && !cache_under_roots(p, b->roots, b->nroots))
			D->oldmap[d] = doc_add(D, x->docs[d]);
	}
}

/* Forgets B's old index, found corrupt: the articles taken from the
 * cache go uncovered (the next load reads them: wx_remove). */
static void
old_drop(struct windex_build *b)
{
	windex_close(b->old);
	b->old = NULL;
	memset(b->olddoc, 0xff, (b->n + 1) * sizeof *b->olddoc);
}

/* Is the new index the same as the old one: nothing read this run, and
 * every old doc kept? */
static int
unchanged(const struct windex_build *b, const struct newdocs *D)
{
	size_t i;

	if (b->old == NULL || D->n != b->old->ndocs)
		return 0;
	for (i = 0; i < b->n; i++)
		if (b->fresh[i])
			return 0;
	for (i = 0; i < b->old->ndocs; i++)
		if (D->oldmap[i] == NONE)
			return 0;
	return 1;
}

/* Merges B's runs and old index into the new file; the index to use. */
static struct windex *
build_write(struct windex_build *b, const struct newdocs *D)
{
	struct merge m;
	size_t i;
	int rc;

	memset(&m, 0, sizeof m);
	m.c = xcalloc(b->nruns + 1, sizeof *m.c);
	m.ndocs = D->n;
	m.bits = xcalloc((D->n + 63) / 64 + 1, sizeof *m.bits);
	for (i = 0; i < b->nruns; i++)
		if (ferror(b->runs[i]) || cur_run(&m.c[m.nc++], b->runs[i],
		    D->newdoc, b->n) == -1)
			m.failed = 1;
	if (m.failed)	/* optional: queries scan the text meanwhile */
		warn_at(b->path, "word index not written: %s",
		    strerror(b->err != 0 ? b->err : EIO));
	if (b->old != NULL)
		cur_old(&m.c[m.nc++], b->old, D->oldmap);
	rc = m.failed ? -1 : write_index(b, &m, D);
	for (i = 0; i < m.nc; i++)
		free(m.c[i].buf);
	free(m.c);
	free(m.ids);
	free(m.bits);
	return rc == 0 ? windex_open(b->path) : NULL;
}

/* Frees what D holds. */
static void
docs_free(struct newdocs *D)
{
	free(D->newdoc);
	free(D->oldmap);
	free(D->seen);
	free(D->keys);
	memset(D, 0, sizeof *D);
}

/* Numbers the docs of B's new index into D (REC: see finish); with
 * FILL their keys and paths too, else only how many. */
static void
docs_plan(struct windex_build *b, const struct loadrec *rec,
    struct newdocs *D, int fill)
{
	size_t nold = b->old != NULL ? b->old->ndocs : 0;

	docs_free(D);
	D->fill = fill;
	D->b = b;
	D->rec = rec;
	if (fill)
		D->keys = xcalloc(b->n + nold + 1, sizeof *D->keys);
	D->newdoc = xcalloc(b->n + 1, sizeof *D->newdoc);
	D->oldmap = xmalloc((nold + 1) * sizeof *D->oldmap);
	memset(D->oldmap, 0xff, (nold + 1) * sizeof *D->oldmap);
	D->seen = xcalloc(nold + 1, 1);
	number_docs(b, rec, D);
	if (b->old != NULL)
		keep_others(b, D);
}

struct windex *
windex_build_finish(struct windex_build *b, const struct loadrec *rec,
    size_t n)
{
	struct newdocs D;
	struct windex *x = NULL;
	struct wthread *t;

	for (t = b->threads; t != NULL; t = t->next)
		thread_spill(b, t);
	memset(&D, 0, sizeof D);
	if (n == b->n && !b->failed)
		docs_plan(b, rec, &D, 0);
	if (n != b->n || b->failed || unchanged(b, &D)) {
		x = b->old;	/* still right where it applies (bind) */
		b->old = NULL;
	} else {
		if (b->old != NULL && !wx_sound(b->old))
			old_drop(b);
		docs_plan(b, rec, &D, 1);
		x = build_write(b, &D);
	}
	docs_free(&D);
	windex_build_free(b);
	return x;
}

void
windex_build_free(struct windex_build *b)
{
	struct wthread *t;
	size_t i;

	if (b == NULL)
		return;
	while ((t = b->threads) != NULL) {
		b->threads = t->next;
		free(t->arena);
		free(t->words);
		hash_free(&t->slot);
		free(t->pairs);
		free(t->tok);
		buf_free(&t->pair);
		free(t);
	}
	for (i = 0; i < b->nruns; i++)
		fclose(b->runs[i]);
	free(b->runs);
	windex_close(b->old);
	hash_free(&b->oldslot);
	free(b->olddoc);
	free(b->fresh);
	free(b->path);
	for (i = 0; i < b->nroots; i++)
		free(b->roots[i]);
	free(b->roots);
	pthread_mutex_destroy(&b->lock);
	free(b);
}
