/* cache.c: the persistent index cache. One file, read in one go: a
 * header, fixed-size entry records, the theme hits, the key phrases, the
 * discovered themes, the snapshot of the last load (display order and
 * paths) and one arena of interned strings. Checked by a checksum; never trusted
 * further than its bounds. Written atomically, straight into the temp
 * file (counted, then written: no image of it in memory). */
#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "article.h"
#include "cache.h"
#include "decode.h"
#include "discover.h"
#include "hash.h"
#include "store.h"
#include "util.h"

#define CACHE_MAGIC	"TREADIX\n"
#define CACHE_VERSION	4u	/* 4: store_sum */
#define CACHE_MAX	(1u << 30)	/* bigger files are not ours */
#define PHR_MAX		255u		/* phrases per entry */
#define ENT_PHRASES	0x1		/* the entry's phrases were mined */
#define ENT_PLAIN	0x2		/* walked as a regular file (a->plain);
					   older files never say so */

/* The file header; every count is checked against the file size. */
struct cache_head {
	char		magic[8];
	uint32_t	version;
	uint32_t	abi;		/* record sizes: another build's */
	uint64_t	lexhash;
	uint64_t	nent;
	uint64_t	nhits;
	uint64_t	nphr;
	uint64_t	ndisc;		/* discovered themes */
	uint64_t	ndart;		/* their article indexes */
	uint64_t	disc_n;		/* articles they were chosen from */
	uint64_t	nstr;		/* bytes of the string arena */
	uint64_t	nlex;		/* hits below: lexicon themes */
	uint64_t	nsnap;		/* snapshot: articles (entries 0..) */
	uint64_t	snapsig;	/* snapshot: hash of cwd, roots, mode */
	uint64_t	sum;		/* checksum of the sections after it */
};

/* A discovered theme saved with the entries it was chosen from. */
struct cache_disc {
	uint32_t	id, label;	/* strings */
	uint32_t	art0, nart;	/* article indexes, in dart */
};

#define NSECT	8	/* ent, hits, phr, disc, dart, order, spath, str */

/* A key phrase: strings are offsets into the arena. */
struct cache_phr {
	uint32_t	text, label;
	float		score;
};

/* One article's record. Strings are offsets into the arena. */
struct cache_ent {
	uint64_t	size;
	int64_t		mtime;
	uint64_t	keyhash;
	uint32_t	key, title, source;
	uint32_t	hit0, phr0;	/* first hit / phrase */
	uint32_t	decode_flags;
	uint16_t	nhits;
	uint8_t		nphr;
	uint8_t		flags;		/* ENT_* */
	char		date[11];
	char		lang[4];
	char		pad[5];
};

#define CACHE_ABI ((uint32_t)(sizeof(struct cache_ent) << 16 | \
	sizeof(struct cache_phr) << 8 | sizeof(struct theme_hit)))

struct cache {
	char		*path;
	char		*cwd;		/* for the keys of relative paths */
	uint64_t	 lexhash;
	size_t		 nlex;		/* the lexicon's themes */
	uint32_t	 snap_top;	/* snapshot: highest theme hit + 1 */
	char		*data;		/* the file, mapped; NULL when empty */
	size_t		 maplen;
	struct cache_head head;
	struct cache_ent *ent;
	struct theme_hit *hits;
	struct cache_phr *phr;
	struct phrase	*pcache;	/* phr as struct phrase, on demand */
	struct cache_disc *disc;
	uint32_t	*dart;
	const uint32_t	*order;		/* snapshot: entries in display order */
	const uint32_t	*spath;		/* snapshot: entry's path as walked */
	const char	*str;
	struct hash	 slot;		/* key hash -> entry index + 1 */
	unsigned char	*used;		/* looked up (hit or stale) */
	atomic_size_t	 nfound;	/* hits */
	int		 valid;		/* the file on disk is current */
	int		 lazy;		/* cache_open_lazy: checksum and text
					   unchecked, snapshot only */
};

/* The checksum of the N sections P[i] (LEN[i] bytes). */
static uint64_t
sections_sum(const char *const *p, const size_t *len, int n)
{
	uint64_t h = STORE_SUM_INIT;
	int i;

	for (i = 0; i < n; i++)
		h = store_sum(h, p[i], len[i]);
	return h;
}

/* The hash of a key, as stored in the entries. */
static uint64_t
key_hash(const char *key)
{
	return hash_bytes(HASH_INIT, key, strlen(key));
}

/* The key of FILE (store_key) in DST when it fits, else malloc'd. */
static char *
key_make(char *dst, size_t cap, const char *cwd, const char *file)
{
	return store_key(dst, cap, cwd, file, NULL);
}

char *
cache_key(const char *file)
{
	return store_key(NULL, 0, NULL, file, NULL);
}

/* Are E's strings and hits inside the parsed file's arrays? (Its
 * phrases are checked by whoever reads them.) */
static int
ent_bounds(const struct cache_head *h, const struct cache_ent *e)
{
	return e->key < h->nstr && e->title < h->nstr &&
	    e->source < h->nstr && (uint64_t)e->hit0 + e->nhits <= h->nhits;
}

/* The bounds both opens check: the string section's end, the snapshot's
 * size, the discovered themes' strings and articles, the snapshot's
 * order and paths. */
static int
cache_check_common(const struct cache *c)
{
	const struct cache_head *h = &c->head;
	size_t i;

	if (h->nstr == 0 || c->str[h->nstr - 1] != '\0' || h->nsnap > h->nent)
		return 0;
	for (i = 0; i < h->ndisc; i++)
		if (c->disc[i].id >= h->nstr || c->disc[i].label >= h->nstr ||
		    (uint64_t)c->disc[i].art0 + c->disc[i].nart > h->ndart)
			return 0;
	for (i = 0; i < h->nsnap; i++)
		if (c->order[i] >= h->nsnap || c->spath[i] >= h->nstr)
			return 0;
	return 1;
}

/* Is every offset of the parsed file inside its arrays? */
static int
cache_check(const struct cache *c)
{
	const struct cache_head *h = &c->head;
	size_t i;

	if (!cache_check_common(c))
		return 0;
	for (i = 0; i < h->nent; i++)
		if (!ent_bounds(h, &c->ent[i]) ||
		    (uint64_t)c->ent[i].phr0 + c->ent[i].nphr > h->nphr)
			return 0;
	for (i = 0; i < h->nphr; i++)
		if (c->phr[i].text >= h->nstr || c->phr[i].label >= h->nstr)
			return 0;
	return 1;
}

/* Is S text that may reach a terminal, TSV or JSON as it is: valid
 * UTF-8 that the output sanitiser would leave unchanged (no C0, DEL, C1,
 * bidi or invisible controls)? */
static int
str_clean(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p >= 0x20 && *p < 0x7f)
		p++;	/* ASCII, the usual case: no second pass */
	return *p == '\0' || decode_is_clean((const char *)p,
	    strlen((const char *)p));
}

/* Is the id of a discovered theme ("d:" and a slug) sound? It is
 * printed unquoted in TSV. */
static int
disc_id_ok(const char *s)
{
	if (strncmp(s, "d:", 2) != 0 || s[2] == '\0' || !str_clean(s))
		return 0;
	return strpbrk(s, " ,\t") == NULL;
}

/* Is DATE "" or YYYY-MM-DD, and LANG "" or two or three lowercase
 * letters (both NUL-ended in their fields)? They go to TSV and JSON as
 * they are. */
static int
meta_ok(const char *date, const char *lang)
{
	static const char form[] = "dddd-dd-dd";
	int i;

	if (date[0] != '\0') {
		for (i = 0; i < 10; i++)
			if (form[i] == 'd' ? date[i] < '0' || date[i] > '9' :
			    date[i] != '-')
				return 0;
		if (date[10] != '\0')
			return 0;
	}
	for (i = 0; i < 4 && lang[i] >= 'a' && lang[i] <= 'z'; i++)
		;
	return i < 4 && lang[i] == '\0' && i != 1;
}

/* Are the values of entry E sound: (when TEXT) text clean, date and
 * language in form; hit themes in the theme table (the lexicon's, then
 * the discovered), scores finite? Raises *TOP above its hits' themes. */
static int
ent_ok(const struct cache *c, const struct cache_ent *e, int text,
    uint32_t *top)
{
	const struct cache_head *h = &c->head;
	const struct theme_hit *t;
	size_t k;

	if (text && (!str_clean(c->str + e->title) ||
	    !str_clean(c->str + e->source) || !meta_ok(e->date, e->lang)))
		return 0;
	for (k = 0, t = c->hits + e->hit0; k < e->nhits; k++, t++) {
		if (t->theme >= h->nlex + h->ndisc || !isfinite(t->score))
			return 0;
		if (t->theme >= *top)
			*top = t->theme + 1u;
	}
	return 1;
}

/* ent_ok for every entry; *TOP gets the snapshot's highest theme + 1. */
static int
cache_check_ents(const struct cache *c, uint32_t *top)
{
	uint32_t other = 0;
	size_t i;

	for (i = 0; i < c->head.nent; i++)
		if (!ent_ok(c, &c->ent[i], 1, i < c->head.nsnap ? top : &other))
			return 0;
	return 1;
}

/* Are the discovered themes sound (ids, labels, article indexes) and is
 * the display order each snapshot entry once? */
static int
cache_check_disc(const struct cache *c)
{
	const struct cache_head *h = &c->head;
	unsigned char *seen;
	size_t i;
	int good = h->nlex == c->nlex && h->ndisc <= UINT16_MAX - h->nlex &&
	    h->disc_n <= h->nent;

	for (i = 0; good && i < h->ndisc; i++)
		good = disc_id_ok(c->str + c->disc[i].id) &&
		    str_clean(c->str + c->disc[i].label);
	for (i = 0; good && i < h->ndart; i++)
		good = c->dart[i] < h->disc_n;
	seen = xcalloc(h->nsnap + 1, 1);
	for (i = 0; good && i < h->nsnap; i++)
		good = !seen[c->order[i]]++;
	free(seen);
	return good;
}

/* Are the values the offsets point at sound, whatever the checksum says
 * (anyone who can write the file can fix it up)? *TOP as
 * cache_check_ents. */
static int
cache_check_values(const struct cache *c, uint32_t *top)
{
	/* phrases: cache_phrases */
	return cache_check_disc(c) && cache_check_ents(c, top);
}

/*
 * What a lazy open checks: the bounds of the header's sections, the
 * discovered themes, and of each snapshot entry (the entries a trusted
 * warm start hands out) its offsets and hits, so that nothing read later
 * leaves the file or names a theme out of the table. The checksum, the
 * text, dates and languages (fixed fields, cut at their size; the screen
 * shows text through its sanitiser) and the other entries are
 * cache_verify's.
 */
static int
cache_check_snap(struct cache *c)
{
	size_t i;

	if (!cache_check_common(c) || !cache_check_disc(c))
		return 0;
	for (i = 0; i < c->head.nsnap; i++)
		if (!ent_bounds(&c->head, &c->ent[i]) ||
		    !ent_ok(c, &c->ent[i], 0, &c->snap_top))
			return 0;
	return 1;
}

/* The byte sizes of the sections of head H. */
static void
section_sizes(const struct cache_head *h, size_t len[NSECT])
{
	len[0] = h->nent * sizeof(struct cache_ent);
	len[1] = h->nhits * sizeof(struct theme_hit);
	len[2] = h->nphr * sizeof(struct cache_phr);
	len[3] = h->ndisc * sizeof(struct cache_disc);
	len[4] = h->ndart * sizeof(uint32_t);
	len[5] = h->nsnap * sizeof(uint32_t);
	len[6] = h->nsnap * sizeof(uint32_t);
	len[7] = h->nstr;
}

/* Splits the file read into C->data (LEN bytes) into its arrays; 0 when
 * it is damaged, 1 when good, -1 when good but for another lexicon. */
static int
cache_parse(struct cache *c, size_t len)
{
	struct cache_head *h = &c->head;
	size_t slen[NSECT], need = sizeof *h;
	const char *sp[NSECT];
	int i;

	if (len < sizeof *h)
		return 0;
	memcpy(h, c->data, sizeof *h);
	if (memcmp(h->magic, CACHE_MAGIC, 8) != 0)
		return 0;
	if (h->version != CACHE_VERSION || h->abi != CACHE_ABI)
		return -1;	/* another build: silently rebuilt */
	if (h->nent > CACHE_MAX || h->nhits > CACHE_MAX ||
	    h->nphr > CACHE_MAX || h->nstr > CACHE_MAX ||
	    h->ndisc > CACHE_MAX || h->ndart > CACHE_MAX ||
	    h->nsnap > CACHE_MAX)
		return 0;
	section_sizes(h, slen);
	for (i = 0; i < NSECT; i++) {
		sp[i] = c->data + need;
		need += slen[i];
	}
	if (need != len || (!c->lazy && sections_sum(sp, slen, NSECT) !=
	    h->sum))
		return 0;
	c->ent = (struct cache_ent *)sp[0];
	c->hits = (struct theme_hit *)sp[1];
	c->phr = (struct cache_phr *)sp[2];
	c->disc = (struct cache_disc *)sp[3];
	c->dart = (uint32_t *)sp[4];
	c->order = (const uint32_t *)sp[5];
	c->spath = (const uint32_t *)sp[6];
	c->str = sp[7];
	if (c->lazy)
		return h->lexhash != c->lexhash ? -1 : cache_check_snap(c);
	if (!cache_check(c))
		return 0;
	if (h->lexhash != c->lexhash)
		return -1;
	return cache_check_values(c, &c->snap_top);
}

/* Lets the pages of the mapping at P (LEN bytes) go from memory: they
 * are the file's, read again if touched (the mapping is read-only, so
 * nothing of ours is lost), and a check that reads every page must not
 * keep the whole file resident beside the reader's own memory. */
static void
map_drop(const struct cache *c, const char *p, size_t len)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t from = (size_t)(p - c->data) / page * page;
	size_t to = (size_t)(p - c->data) + len;

	if (to > c->maplen)
		to = c->maplen;
	if (to > from)
		madvise(c->data + from, to - from, MADV_DONTNEED);
}

/* The sections a snapshot's corpus no longer reads once built (bit i:
 * section i): all but the hits and the strings, which its articles point
 * into (a query reads every title: to fault them in again would cost
 * more than the search). */
#define SECT_LET_GO	(1u << 0 | 1u << 2 | 1u << 3 | 1u << 4 | 1u << 5 | \
	1u << 6)

/* The sections of C's file: pointers in SP, sizes in LEN. */
static void
sections_of(const struct cache *c, const char *sp[NSECT], size_t len[NSECT])
{
	size_t need = sizeof c->head;
	int i;

	section_sizes(&c->head, len);
	for (i = 0; i < NSECT; i++) {
		sp[i] = c->data + need;
		need += len[i];
	}
}

void
cache_let_go(const struct cache *c)
{
	size_t slen[NSECT];
	const char *sp[NSECT];
	int i;

	if (c == NULL || c->data == NULL)
		return;
	sections_of(c, sp, slen);
	for (i = 0; i < NSECT; i++)
		if (SECT_LET_GO >> i & 1)
			map_drop(c, sp[i], slen[i]);
}

int
cache_verify(const struct cache *c)
{
	const struct cache_head *h = &c->head;
	size_t slen[NSECT];
	const char *sp[NSECT];
	struct store_summer sum;
	uint64_t s = STORE_SUM_INIT;
	uint32_t top = 0;
	size_t k, step;
	int i, good;

	if (!c->valid)
		return 0;
	if (!c->lazy)
		return 1;	/* checked whole by cache_open */
	sections_of(c, sp, slen);
	for (i = 0; i < NSECT; i++) {	/* sections_sum, 16 MB at a time */
		store_sum_begin(&sum, s);
		for (k = 0; k < slen[i]; k += step) {
			step = slen[i] - k < (16u << 20) ? slen[i] - k : 16u << 20;
			store_sum_add(&sum, sp[i] + k, step);
			if (SECT_LET_GO >> i & 1)
				map_drop(c, sp[i] + k, step);
		}
		s = store_sum_end(&sum);
	}
	good = s == h->sum && cache_check(c) && cache_check_values(c, &top) &&
	    top == c->snap_top;
	cache_let_go(c);
	return good;
}

int
cache_reseal(char *data, size_t len)
{
	struct cache_head h;
	size_t slen[NSECT], need = sizeof h;
	const char *sp[NSECT];
	int i;

	if (len < sizeof h)
		return -1;
	memcpy(&h, data, sizeof h);
	if (h.nent > CACHE_MAX || h.nhits > CACHE_MAX || h.nphr > CACHE_MAX ||
	    h.nstr > CACHE_MAX || h.ndisc > CACHE_MAX || h.ndart > CACHE_MAX ||
	    h.nsnap > CACHE_MAX)
		return -1;
	section_sizes(&h, slen);
	for (i = 0; i < NSECT; i++) {
		sp[i] = data + need;
		need += slen[i];
	}
	if (need != len)
		return -1;
	h.sum = sections_sum(sp, slen, NSECT);
	memcpy(data, &h, sizeof h);
	return 0;
}

/* Builds the key hash table of the entries. */
static void
cache_index(struct cache *c)
{
	uint32_t *s;
	size_t i, pos;

	hash_init(&c->slot, c->head.nent + 1);	/* never grows */
	for (i = 0; i < c->head.nent; i++) {
		for (s = hash_first(&c->slot, c->ent[i].keyhash, &pos);
		    *s != 0; s = hash_next(&c->slot, &pos))
			;
		*s = (uint32_t)i + 1;
		hash_placed(&c->slot);
	}
	c->used = xcalloc(c->head.nent + 1, 1);
}

/* Forgets the file's content: an empty cache. */
static void
cache_empty(struct cache *c)
{
	if (c->data != NULL)
		munmap(c->data, c->maplen);
	c->data = NULL;
	c->maplen = 0;
	memset(&c->head, 0, sizeof c->head);
	c->ent = NULL;
	c->hits = NULL;
	c->phr = NULL;
	c->order = c->spath = NULL;
	c->str = NULL;
}

/* Maps the file at PATH read-only; NULL with errno when it cannot be
 * opened, NULL with errno 0 when it is empty. The file is only ever
 * replaced by rename, never rewritten in place, so the mapping stays
 * valid; mapping instead of reading saves a copy of every page. */
static char *
cache_map(const char *path, size_t *len)
{
	struct stat st;
	void *p;
	int fd;

	*len = 0;
	if ((fd = store_open_read(path, &st)) == -1)
		return NULL;
	if (st.st_size <= 0 || (uint64_t)st.st_size > 4 * (uint64_t)CACHE_MAX) {
		close(fd);
		errno = 0;
		return NULL;
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return NULL;
	*len = (size_t)st.st_size;
	return p;
}

/* cache_open, or with LAZY cache_open_lazy. */
static struct cache *
cache_open_mode(const char *path, uint64_t lexhash, size_t nlex, int lazy)
{
	static int warned;	/* global: one warning per process */
	struct cache *c = xcalloc(1, sizeof *c);
	size_t len;
	int r;

	c->path = xstrdup(path);
	c->cwd = getcwd(NULL, 0);
	c->lexhash = lexhash;
	c->nlex = nlex;
	c->lazy = lazy;
	atomic_init(&c->nfound, 0);
	store_clean(path);
	if (store_dir(path, "index cache") == -1)
		c->data = NULL;		/* another's directory: not read */
	else if ((c->data = cache_map(path, &len)) == NULL && errno != 0) {
		if (errno == ELOOP || errno == EINVAL)
			warn_at(path, "index cache not read: %s", errno == ELOOP ?
			    "a symbolic link" : "not a regular file");
		else if (errno != ENOENT && errno != ENOTDIR)
			warn_at(path, "%s", strerror(errno));
	} else if ((c->maplen = len, r = cache_parse(c, len)) != 1) {
		if (r == 0 && !warned++)
			warn_at(path, "index cache corrupt, rebuilt");
		cache_empty(c);
	} else {
		c->valid = 1;
		if (!lazy)
			c->pcache = xcalloc(c->head.nphr + 1, sizeof *c->pcache);
	}
	if (!lazy)
		cache_index(c);
	return c;
}

struct cache *
cache_open(const char *path, uint64_t lexhash, size_t nlex)
{
	return cache_open_mode(path, lexhash, nlex, 0);
}

struct cache *
cache_open_lazy(const char *path, uint64_t lexhash, size_t nlex)
{
	return cache_open_mode(path, lexhash, nlex, 1);
}

int
cache_lazy(const struct cache *c)
{
	return c != NULL && c->lazy;
}

/* The entry of KEY (hash H), or -1. */
static long
cache_find(const struct cache *c, const char *key, uint64_t h)
{
	const uint32_t *s;
	size_t pos;

	for (s = hash_first(&c->slot, h, &pos); *s != 0;
	    s = hash_next(&c->slot, &pos)) {
		const struct cache_ent *e = &c->ent[*s - 1];

		if (e->keyhash == h && strcmp(c->str + e->key, key) == 0)
			return (long)*s - 1;
	}
	return -1;
}

/* Copies the lexicon hits of E to A (a snapshot's entries have their
 * discovered ones too). */
static void
cache_lexhits(const struct cache *c, const struct cache_ent *e,
    struct article *a)
{
	const struct theme_hit *h = c->hits + e->hit0;
	size_t i;

	a->nhits = 0;
	a->hits = NULL;
	if (e->nhits > 0)
		a->hits = xreallocarray(NULL, e->nhits, sizeof *a->hits);
	for (i = 0; i < e->nhits; i++)
		if (h[i].theme < c->head.nlex)
			a->hits[a->nhits++] = h[i];
}

enum cache_hit
cache_lookup(struct cache *c, struct article *a, int want_phr,
    uint32_t *entry)
{
	const struct cache_ent *e;
	char kb[1024], *key;
	long i;

	if (c == NULL || c->head.nent == 0 || c->lazy)
		return CACHE_MISS;
	key = key_make(kb, sizeof kb, c->cwd, a->path);
	i = cache_find(c, key, key_hash(key));
	if (key != kb)
		free(key);
	if (i < 0)
		return CACHE_MISS;
	c->used[i] = 1;		/* distinct paths: distinct bytes */
	e = &c->ent[i];
	if (e->size != a->size || e->mtime != a->mtime ||
	    (want_phr && !(e->flags & ENT_PHRASES)))
		return CACHE_MISS;
	a->title = xstrdup(c->str + e->title);
	a->source = xstrdup(c->str + e->source);
	memcpy(a->date, e->date, sizeof a->date);
	a->date[sizeof a->date - 1] = '\0';
	memcpy(a->lang, e->lang, sizeof a->lang);
	a->lang[sizeof a->lang - 1] = '\0';
	a->decode_flags = e->decode_flags;
	cache_lexhits(c, e, a);
	atomic_fetch_add(&c->nfound, 1);
	if (entry != NULL)
		*entry = (uint32_t)i;
	return e->flags & ENT_PHRASES ? CACHE_HIT_PHRASES : CACHE_HIT;
}

size_t
cache_phrases(struct cache *c, uint32_t entry, struct phrase **out)
{
	const struct cache_ent *e;
	const struct cache_phr *q;
	struct phrase *p;
	size_t k;

	*out = NULL;
	if (entry >= c->head.nent || c->lazy)
		return 0;
	e = &c->ent[entry];
	for (k = 0; k < e->nphr; k++) {	/* checked here, when wanted */
		q = &c->phr[e->phr0 + k];
		if (!str_clean(c->str + q->text) || !str_clean(c->str +
		    q->label) || !isfinite(q->score))
			return 0;	/* a hostile entry: no phrases */
	}
	for (k = 0; k < e->nphr; k++) {
		q = &c->phr[e->phr0 + k];
		p = &c->pcache[e->phr0 + k];
		p->text = (char *)c->str + q->text;
		p->label = (char *)c->str + q->label;
		p->score = q->score;
	}
	if (e->nphr > 0)
		*out = c->pcache + e->phr0;
	return e->nphr;
}

/* Copies the discovered themes of C to *OUT (malloc'd), *NDISC. */
static void
discovered_copy(const struct cache *c, struct discovered **out,
    size_t *ndisc)
{
	const struct cache_disc *cd;
	struct discovered *d;
	size_t j;

	d = xcalloc(c->head.ndisc + 1, sizeof *d);
	for (j = 0; j < c->head.ndisc; j++) {
		cd = &c->disc[j];
		d[j].id = xstrdup(c->str + cd->id);
		d[j].label = xstrdup(c->str + cd->label);
		d[j].narticles = cd->nart;
		d[j].articles = xreallocarray(NULL, cd->nart + 1,
		    sizeof *d[j].articles);
		memcpy(d[j].articles, c->dart + cd->art0,
		    cd->nart * sizeof *d[j].articles);
	}
	*out = d;
	*ndisc = c->head.ndisc;
}

int
cache_discovered(struct cache *c, size_t n, struct discovered **out,
    size_t *ndisc)
{
	*out = NULL;
	*ndisc = 0;
	if (!c->valid || n == 0 || c->head.disc_n != n ||
	    atomic_load(&c->nfound) != n)
		return 0;
	discovered_copy(c, out, ndisc);
	return 1;
}

int
cache_snap_discovered(const struct cache *c, struct discovered **out,
    size_t *ndisc)
{
	*out = NULL;
	*ndisc = 0;
	if (!c->valid || c->head.nsnap == 0 || c->head.disc_n != c->head.nsnap)
		return 0;
	discovered_copy(c, out, ndisc);
	return 1;
}

/* The snapshot's signature: the mode, the roots as given (their order
 * too: it is the walk's) and, when one is relative, the cwd. Never 0,
 * which means "none". */
static uint64_t
snap_sig(const struct cache *c, char *const *roots, size_t n, int discover)
{
	const char *cwd = c->cwd != NULL ? c->cwd : "";
	uint64_t h = hash_bytes(HASH_INIT, discover ? "d" : "-", 2);
	size_t i;

	for (i = 0; i < n; i++) {
		h = hash_bytes(h, roots[i], strlen(roots[i]) + 1);
		if (roots[i][0] != '/')
			h = hash_bytes(h, cwd, strlen(cwd) + 1);
	}
	return h | 1;
}

size_t
cache_snapshot(const struct cache *c, char *const *roots, size_t nroots,
    int discover, const uint32_t **order)
{
	*order = NULL;
	if (c == NULL || !c->valid || c->head.nsnap == 0 ||
	    c->head.snapsig != snap_sig(c, roots, nroots, discover))
		return 0;
	/* Its hits name discovered themes only when they come with it. */
	if (c->snap_top > c->nlex + (discover && c->head.disc_n ==
	    c->head.nsnap ? c->head.ndisc : 0))
		return 0;
	*order = c->order;
	return (size_t)c->head.nsnap;
}

int
cache_snap_same(const struct cache *c, size_t i, const char *path,
    uint64_t size, int64_t mtime)
{
	const struct cache_ent *e;

	if (i >= c->head.nsnap)
		return 0;
	e = &c->ent[i];
	return e->size == size && e->mtime == mtime &&
	    strcmp(c->str + c->spath[i], path) == 0;
}

void
cache_snap_article(const struct cache *c, uint32_t entry, struct article *a,
    const struct theme_hit **hits)
{
	const struct cache_ent *e = &c->ent[entry];

	memset(a, 0, sizeof *a);
	a->path = (char *)c->str + c->spath[entry];
	a->size = e->size;
	a->mtime = e->mtime;
	a->title = (char *)c->str + e->title;
	a->source = (char *)c->str + e->source;
	memcpy(a->date, e->date, sizeof a->date);
	a->date[sizeof a->date - 1] = '\0';
	memcpy(a->lang, e->lang, sizeof a->lang);
	a->lang[sizeof a->lang - 1] = '\0';
	a->decode_flags = e->decode_flags;
	a->nhits = e->nhits;
	a->plain = (e->flags & ENT_PLAIN) != 0;
	*hits = c->hits + e->hit0;
}

/* The sections of the file, in their order after the head. */
enum { S_ENT, S_HITS, S_PHR, S_DISC, S_DART, S_ORDER, S_SPATH, S_STR };
#define WBUF	(64u << 10)	/* bytes a section holds before writing */

/* One section of the file being written: LEN bytes so far, those not in
 * BUF already at BASE in the file. */
struct wsect {
	uint64_t	 base, len;
	char		*buf;
	size_t		 nbuf;
};

/*
 * The file being built, in two passes over the same calls: the first
 * (FD -1) only counts each section's bytes, which places them in the
 * file; the second writes them there through small buffers. The image
 * of the whole file was 30 MB at 100,000 articles, on top of the load.
 */
struct writer {
	struct wsect	 s[NSECT];
	int		 fd;		/* the temp file; -1 when counting */
	int		 err;		/* errno of a failed write, or 0 */
	size_t		 nlex;
	uint64_t	 nent, nhits, nphr, ndisc, ndart, disc_n;
	struct hash	 itab;		/* string hash -> interned + 1 */
	const char	**istr;		/* the interned strings (the batch's
					   or the old file's: they outlive
					   the writer) */
	uint32_t	*ioff;		/* their arena offsets */
	size_t		 nis, iscap;
};

/* Writes the N bytes at P to W's file at OFF (a failure is kept). */
static void
sect_write(struct writer *w, const char *p, size_t n, uint64_t off)
{
	ssize_t k;

	while (n > 0 && w->err == 0) {
		if ((k = pwrite(w->fd, p, n, (off_t)off)) < 0) {
			if (errno != EINTR)
				w->err = errno;
			continue;
		}
		p += k;
		n -= (size_t)k;
		off += (uint64_t)k;
	}
}

/* Writes what section K of W holds. */
static void
sect_flush(struct writer *w, int k)
{
	struct wsect *S = &w->s[k];

	if (S->nbuf > 0)
		sect_write(w, S->buf, S->nbuf, S->base + S->len - S->nbuf);
	S->nbuf = 0;
}

/* Appends the N bytes at P to section K of W (counts them, in the first
 * pass). */
static void
sect_add(struct writer *w, int k, const void *p, size_t n)
{
	struct wsect *S = &w->s[k];

	if (w->fd >= 0) {
		if (S->nbuf + n > WBUF)
			sect_flush(w, k);
		if (n > WBUF)
			sect_write(w, p, n, S->base + S->len);
		else {
			if (S->buf == NULL)
				S->buf = xmalloc(WBUF);
			memcpy(S->buf + S->nbuf, p, n);
			S->nbuf += n;
		}
	}
	S->len += n;
}

/* The hash of interned string I of writer W (hash_grow). */
static uint64_t
intern_key(const void *w, uint32_t i)
{
	const char *s = ((const struct writer *)w)->istr[i];

	return hash_bytes(HASH_INIT, s, strlen(s));
}

/* Appends S to the arena without looking for it: keys and titles are
 * unique, and a table of them would cost more than it saves. */
static uint32_t
put_str(struct writer *w, const char *s)
{
	uint32_t off = (uint32_t)w->s[S_STR].len;

	sect_add(w, S_STR, s, strlen(s) + 1);
	return off;
}

/* The arena offset of S, added once however often it is used (sources,
 * phrases). The second pass finds every string the first interned, at
 * the same offset, and writes it when the arena gets there. */
static uint32_t
intern(struct writer *w, const char *s)
{
	size_t n = strlen(s), pos;
	uint64_t h = hash_bytes(HASH_INIT, s, n);
	uint32_t off, *t;

	if (hash_full(&w->itab))
		hash_grow(&w->itab, intern_key, w);
	for (t = hash_first(&w->itab, h, &pos); *t != 0;
	    t = hash_next(&w->itab, &pos))
		if (strcmp(w->istr[*t - 1], s) == 0) {
			off = w->ioff[*t - 1];
			if (off == w->s[S_STR].len)	/* its first use */
				sect_add(w, S_STR, s, n + 1);
			return off;
		}
	if (w->nis == w->iscap) {
		w->iscap = w->iscap ? 2 * w->iscap : 1024;
		w->istr = xreallocarray(w->istr, w->iscap, sizeof *w->istr);
		w->ioff = xreallocarray(w->ioff, w->iscap, sizeof *w->ioff);
	}
	off = (uint32_t)w->s[S_STR].len;
	w->istr[w->nis] = s;
	w->ioff[w->nis] = off;
	*t = (uint32_t)++w->nis;
	hash_placed(&w->itab);
	sect_add(w, S_STR, s, n + 1);
	return off;
}

/* Appends hits (those below NLEX) and phrases to W, filling E's. */
static void
put_lists(struct writer *w, struct cache_ent *e, const struct theme_hit *hits,
    size_t nhits, size_t nlex, const struct phrase *phr, size_t nphr)
{
	struct cache_phr p;
	size_t i;

	e->hit0 = (uint32_t)w->nhits;
	for (i = 0; i < nhits && e->nhits < UINT16_MAX; i++)
		if (hits[i].theme < nlex) {
			struct theme_hit t;

			memset(&t, 0, sizeof t);
			t.theme = hits[i].theme;
			t.score = hits[i].score;
			sect_add(w, S_HITS, &t, sizeof t);
			e->nhits++;
			w->nhits++;
		}
	e->phr0 = (uint32_t)w->nphr;
	for (i = 0; i < nphr && i < PHR_MAX; i++) {
		memset(&p, 0, sizeof p);
		p.text = intern(w, phr[i].text);
		p.label = intern(w, phr[i].label);
		p.score = phr[i].score;
		sect_add(w, S_PHR, &p, sizeof p);
		e->nphr++;
		w->nphr++;
	}
}

/* Appends the entry of article A (key KEY) to W. */
static void
put_article(struct writer *w, const char *key, const struct article *a,
    size_t nlex, const struct phrase *phr, size_t nphr, int have_phr)
{
	struct cache_ent e;

	memset(&e, 0, sizeof e);
	e.size = a->size;
	e.mtime = a->mtime;
	e.keyhash = key_hash(key);
	e.key = put_str(w, key);
	e.title = put_str(w, a->title != NULL ? a->title : "");
	e.source = intern(w, a->source != NULL ? a->source : "");
	e.decode_flags = a->decode_flags;
	memcpy(e.date, a->date, sizeof e.date);
	memcpy(e.lang, a->lang, sizeof e.lang);
	e.flags = (have_phr ? ENT_PHRASES : 0) | (a->plain ? ENT_PLAIN : 0);
	put_lists(w, &e, a->hits, a->nhits, nlex, have_phr ? phr : NULL,
	    have_phr ? nphr : 0);
	sect_add(w, S_ENT, &e, sizeof e);
	w->nent++;
}

/* Carries old entry I of C over to W unchanged. */
static void
put_old(struct writer *w, struct cache *c, size_t i)
{
	struct cache_ent e = c->ent[i];
	struct phrase *phr;
	size_t nphr = cache_phrases(c, (uint32_t)i, &phr);

	e.key = put_str(w, c->str + e.key);
	e.title = put_str(w, c->str + e.title);
	e.source = intern(w, c->str + e.source);
	e.nhits = 0;
	e.nphr = 0;
	put_lists(w, &e, c->hits + c->ent[i].hit0, c->ent[i].nhits, SIZE_MAX,
	    phr, nphr);
	sect_add(w, S_ENT, &e, sizeof e);
	w->nent++;
}

/* Appends the discovered themes of B (article indexes are ranks among
 * the articles saved: the first NOK entries) to W. */
static void
put_disc(struct writer *w, const struct cache_batch *b, size_t nok)
{
	struct cache_disc d;
	uint32_t k;
	size_t j, i;

	for (j = 0; j < b->ndisc; j++) {
		memset(&d, 0, sizeof d);
		d.id = intern(w, b->disc[j].id);
		d.label = intern(w, b->disc[j].label);
		d.art0 = (uint32_t)w->ndart;
		for (i = 0; i < b->disc[j].narticles; i++) {
			k = b->disc[j].articles[i];
			sect_add(w, S_DART, &k, sizeof k);
			w->ndart++;
			d.nart++;
		}
		sect_add(w, S_DISC, &d, sizeof d);
		w->ndisc++;
	}
	w->disc_n = nok;
}

int
cache_under_roots(const char *key, char *const *roots, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		k = strlen(roots[i]);
		while (k > 0 && roots[i][k - 1] == '/')
			k--;
		if (strncmp(key, roots[i], k) == 0 &&
		    (k == 0 || key[k] == '\0' || key[k] == '/'))
			return 1;
	}
	return 0;
}

/* The checksum of W's sections, read back from its file in pieces
 * (the bytes are on disk, not in memory); 0 with W->err set when the
 * reading fails. */
static uint64_t
writer_sum(struct writer *w)
{
	struct store_summer S;
	uint64_t h = STORE_SUM_INIT, at, end;
	char *buf = xmalloc(WBUF);
	ssize_t k;
	int i;

	for (i = 0; i < NSECT && w->err == 0; i++) {
		store_sum_begin(&S, h);
		end = w->s[i].base + w->s[i].len;
		for (at = w->s[i].base; at < end && w->err == 0; at += k) {
			k = pread(w->fd, buf, end - at < WBUF ? end - at : WBUF,
			    (off_t)at);
			if (k <= 0) {
				w->err = k < 0 ? errno : EIO;
				k = 0;
			} else
				store_sum_add(&S, buf, (size_t)k);
		}
		h = store_sum_end(&S);
	}
	free(buf);
	return h;
}

/* Ends W's second pass: the last bytes written, then the head (with
 * the sum of all that follows it) at the start. */
static void
writer_head(struct writer *w, uint64_t lexhash, uint64_t snapsig)
{
	struct cache_head h;
	int i;

	if (w->s[S_STR].len == 0)
		sect_add(w, S_STR, "", 1);
	for (i = 0; i < NSECT; i++)
		sect_flush(w, i);
	memset(&h, 0, sizeof h);
	memcpy(h.magic, CACHE_MAGIC, 8);
	h.version = CACHE_VERSION;
	h.abi = CACHE_ABI;
	h.lexhash = lexhash;
	h.nent = w->nent;
	h.nhits = w->nhits;
	h.nphr = w->nphr;
	h.ndisc = w->ndisc;
	h.ndart = w->ndart;
	h.disc_n = w->disc_n;
	h.nlex = w->nlex;
	h.nsnap = w->s[S_ORDER].len / sizeof(uint32_t);
	h.snapsig = h.nsnap > 0 ? snapsig : 0;
	h.nstr = w->s[S_STR].len;
	h.sum = writer_sum(w);
	sect_write(w, (const char *)&h, sizeof h, 0);
}

/* Places W's sections after the head, as the first pass counted them,
 * and sets W up for the second pass (on FD). */
static void
writer_place(struct writer *w, int fd)
{
	uint64_t at = sizeof(struct cache_head);
	int i;

	for (i = 0; i < NSECT; i++) {
		w->s[i].base = at;
		at += w->s[i].len;
		w->s[i].len = 0;
	}
	w->fd = fd;
	w->nent = w->nhits = w->nphr = w->ndisc = w->ndart = 0;
}

/* Did the second pass of W lay out what the first counted (every
 * section but the arena, the last, ends where the next begins)? */
static int
writer_placed(const struct writer *w)
{
	int i;

	for (i = 0; i + 1 < NSECT; i++)
		if (w->s[i].base + w->s[i].len != w->s[i + 1].base)
			return 0;
	return 1;
}

/* Frees W's buffers. */
static void
writer_free(struct writer *w)
{
	int i;

	for (i = 0; i < NSECT; i++)
		free(w->s[i].buf);
	free(w->istr);
	free(w->ioff);
	hash_free(&w->itab);
}

/* Would saving B change the file? Counts the old entries B keeps in
 * KEEP (1 = carried over). */
static int
save_needed(const struct cache *c, const struct cache_batch *b,
    char *const *rkeys, unsigned char *keep)
{
	size_t i, nok = 0, kept = 0;

	for (i = 0; i < b->n; i++)
		nok += b->rec[i].ok != 0;
	for (i = 0; i < c->head.nent; i++)
		if (!c->used[i] && !cache_under_roots(c->str + c->ent[i].key,
		    rkeys, b->nroots)) {
			keep[i] = 1;
			kept++;
		}
	if (b->have_disc && !b->disc_reused)
		return 1;	/* a new choice of discovered themes */
	if (b->order != NULL && (c->head.nsnap != b->n || c->head.snapsig !=
	    snap_sig(c, b->roots, b->nroots, b->have_disc)))
		return 1;	/* a snapshot for other paths, or none */
	return !c->valid || nok != atomic_load(&c->nfound) ||
	    nok + kept != c->head.nent;
}

/* Appends record R of B (key KEY) to W, its phrases from R or, for a
 * hit, from the old entry; in the second pass, frees phrases R gives
 * away. */
static void
put_batch(struct writer *w, struct cache *c, const struct cache_batch *b,
    struct loadrec *r, const char *key)
{
	struct phrase *phr = r->phr;
	size_t nphr = r->phr != NULL ? r->nphr : 0;

	if (phr == NULL && r->cached)
		nphr = cache_phrases(c, r->entry, &phr);
	/* the snapshot's articles keep their discovered themes too */
	put_article(w, key, &r->a, b->order != NULL ? SIZE_MAX : b->nlex,
	    phr, nphr, r->have_phr);
	if (r->own_phr && w->fd >= 0) {
		free(r->phr);
		r->phr = NULL;
		r->own_phr = 0;
	}
}

/* With a snapshot, records PATH as walked: its key's string when the
 * same (an absolute root: put_batch puts the key next), else a string of
 * its own. */
static void
put_snap_path(struct writer *w, const struct cache_batch *b,
    const char *path, const char *key)
{
	uint32_t off = (uint32_t)w->s[S_STR].len;

	if (b->order == NULL)
		return;
	if (strcmp(key, path) != 0)
		off = put_str(w, path);
	sect_add(w, S_SPATH, &off, sizeof off);
}

/* One pass of W over B and the old entries in KEEP. */
static void
writer_pass(struct writer *w, struct cache *c, const struct cache_batch *b,
    const unsigned char *keep)
{
	char kb[1024], *key;
	size_t i, nok;

	for (i = 0; i < b->n; i++) {
		if (!b->rec[i].ok)
			continue;
		key = key_make(kb, sizeof kb, c->cwd, b->rec[i].a.path);
		put_snap_path(w, b, b->rec[i].a.path, key);
		put_batch(w, c, b, &b->rec[i], key);
		if (key != kb)
			free(key);
	}
	nok = w->nent;
	for (i = 0; b->order != NULL && i < b->n; i++) {
		uint32_t e = b->order[i];

		sect_add(w, S_ORDER, &e, sizeof e);
	}
	for (i = 0; i < c->head.nent; i++)
		if (keep[i])
			put_old(w, c, i);
	if (b->have_disc)
		put_disc(w, b, nok);
}

/* Builds the new file from B and the old entries in KEEP straight into
 * the temp file (two passes: counted, then written); renames it into
 * place. 0, or -1 (warned): a cache not written (a full disk, EFBIG
 * under ulimit -f) only costs the next start its speed. */
static int
save_write(struct cache *c, const struct cache_batch *b,
    const unsigned char *keep)
{
	struct store_file f;
	struct writer w;

	memset(&w, 0, sizeof w);
	w.fd = -1;
	w.nlex = b->nlex;
	writer_pass(&w, c, b, keep);
	if (store_begin(&f, c->path, "index cache") == -1) {
		writer_free(&w);
		return -1;
	}
	writer_place(&w, f.fd);
	writer_pass(&w, c, b, keep);
	if (!writer_placed(&w))
		w.err = EINVAL;		/* the passes disagree: a bug */
	writer_head(&w, c->lexhash, snap_sig(c, b->roots, b->nroots,
	    b->have_disc));
	writer_free(&w);
	if (w.err != 0) {
		warn_at(c->path, "cannot write the index cache: %s",
		    strerror(w.err));
		store_abort(&f);
		return -1;
	}
	return store_commit(&f);
}

int
cache_save(struct cache *c, const struct cache_batch *b)
{
	char **rkeys;
	unsigned char *keep;
	size_t i;
	int rc = 0;

	if (c->lazy)
		return -1;	/* it keeps no lookups to merge */
	rkeys = xcalloc(b->nroots + 1, sizeof *rkeys);
	keep = xcalloc(c->head.nent + 1, 1);
	for (i = 0; i < b->nroots; i++)
		rkeys[i] = key_make(NULL, 0, c->cwd, b->roots[i]);
	if (save_needed(c, b, rkeys, keep))
		rc = save_write(c, b, keep);
	for (i = 0; i < b->nroots; i++)
		free(rkeys[i]);
	free(rkeys);
	free(keep);
	return rc;
}

void
cache_close(struct cache *c)
{
	if (c == NULL)
		return;
	free(c->path);
	free(c->cwd);
	if (c->data != NULL)
		munmap(c->data, c->maplen);
	free(c->pcache);
	hash_free(&c->slot);
	free(c->used);
	free(c);
}
