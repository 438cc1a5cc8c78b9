/* corpus.c: walking paths, loading articles on every core, the theme
 * table (lexicon themes, then discovered ones). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Under AddressSanitizer (gcc or clang): the leak checker's interface. */
#if defined(__SANITIZE_ADDRESS__)
#define TREAD_LSAN	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer)
#define TREAD_LSAN	1
#endif
#endif
#ifdef TREAD_LSAN
#include <sanitizer/lsan_interface.h>
#endif

#include "cache.h"
#include "corpus.h"
#include "discover.h"
#include "entity.h"
#include "hash.h"
#include "lexicon.h"
#include "match.h"
#include "paths.h"
#include "text.h"
#include "util.h"
#include "windex.h"

#define MAX_THREADS	8
#define MAX_DEPTH	64
#define DISCOVER_MAX	12		/* discovered themes offered */
#define PHRASES_PER	8		/* candidate phrases per article */
#define CORPUS_REWORDS	0x100		/* the word index must be rebuilt */

/* What the walk collects: a record per file (stat'ed by the loader
 * threads when the directory entry said "regular file"), and the
 * directories already seen (device, inode) so that symlink loops end. */
struct walk {
	struct loadrec	*rec;
	size_t		 n, cap;
	dev_t		*dev;
	ino_t		*ino;
	size_t		 ndirs;
};

/*
 * The articles' titles and sources, bumped into 1 MB blocks (each one
 * mapped of its own) as they are read: a malloc'd copy each was left
 * between the load's passing blocks (phrases, entity parts), and at
 * 100,000 articles the heap kept some 20 MB of holes it could not give
 * back. Shared by the loader threads (under its lock).
 */
#define BPOOL_BLOCK	(1u << 20)
struct bpool {
	pthread_mutex_t	 mu;
	char		**blocks;
	size_t		 nblocks;
	char		*cur;
	size_t		 left;
};

/* Storage the corpus owns beyond its arrays. */
struct corpus_priv {
	struct discovered *disc;
	size_t		 ndisc;
	struct article	 scratch;	/* the body re-read by corpus_body */
	long		 scratch_i;
	uint64_t	*sets;		/* per theme: words of article bits */
	size_t		 nwords;
	struct cache	*map;		/* the snapshot the articles point into */
	size_t		 vbytes;	/* the article array is big_alloc'd */
	int		 trusted;	/* from the snapshot, files unchecked */
	int		 partial;	/* corpus_live_peek: text borrowed */
	int		 pending;	/* CORPUS_SNAPONLY found no snapshot */
	struct bpool	 strs;		/* titles and sources, when loaded */
	struct theme_hit *hitblock;	/* every article's hits, when loaded */
};

/* What a live load shares with the thread that peeks (corpus_live). */
struct corpus_live {
	pthread_mutex_t	 mu;		/* guards L against its end */
	struct loader	*L;		/* the load while it reads, or NULL */
	atomic_uchar	*ready;		/* per record: read and ok */
	size_t		 n;
	size_t		 seen;		/* records ready at the last peek */
	atomic_int	 stop;		/* corpus_live_stop was called */
	unsigned	 slow_ms;	/* corpus_live_slow */
};

/* Global: a setting (corpus.h), lowered by tests. */
size_t corpus_resident_max = 32u << 20;

static void walk_file(struct walk *, const char *, const struct stat *);
static void walk_dir(struct walk *, const char *, const struct stat *,
	    int depth);

/* Records directory ST; returns 0 when it was seen before (a loop). */
static int
walk_mark_dir(struct walk *w, const struct stat *st)
{
	size_t i;

	for (i = 0; i < w->ndirs; i++)
		if (w->dev[i] == st->st_dev && w->ino[i] == st->st_ino)
			return 0;
	w->dev = xreallocarray(w->dev, w->ndirs + 1, sizeof *w->dev);
	w->ino = xreallocarray(w->ino, w->ndirs + 1, sizeof *w->ino);
	w->dev[w->ndirs] = st->st_dev;
	w->ino[w->ndirs++] = st->st_ino;
	return 1;
}

/* Stats entry NAME of directory D (PATH its full name): 0, or -1 with a
 * warning for a dangling link or another error. */
static int
walk_stat(DIR *d, const char *name, const char *path, struct stat *st)
{
	struct stat lst;

	if (fstatat(dirfd(d), name, st, 0) == 0)
		return 0;
	if (errno == ENOENT && fstatat(dirfd(d), name, &lst,
	    AT_SYMLINK_NOFOLLOW) == 0)
		warn_at(path, "dangling symbolic link, skipped");
	else
		warn_at(path, "%s", strerror(errno));
	return -1;
}

/* Walks the entries of open directory D (PATH), hidden ones skipped.
 * Regular files are not stat'ed here but on the loader threads; other
 * entries are, relative to D (no path lookup from the root). */
static void
walk_entries(struct walk *w, DIR *d, const char *path, int depth)
{
	struct dirent *de;
	struct stat st;
	struct buf b;
	size_t base;

	buf_init(&b);
	buf_adds(&b, path);
	if (b.len == 0 || b.s[b.len - 1] != '/')
		buf_addc(&b, '/');
	base = b.len;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		b.len = base;
		buf_adds(&b, de->d_name);
		if (de->d_type == DT_REG) {	/* a file, not a link */
			walk_file(w, b.s, NULL);
			w->rec[w->n - 1].a.plain = 1;
		}
		else if (walk_stat(d, de->d_name, b.s, &st) == -1)
			continue;
		else if (S_ISDIR(st.st_mode))
			walk_dir(w, b.s, &st, depth + 1);
		else if (S_ISREG(st.st_mode))
			walk_file(w, b.s, &st);
	}
	buf_free(&b);
}

/* Walks directory PATH (already stat'ed as ST) recursively. */
static void
walk_dir(struct walk *w, const char *path, const struct stat *st, int depth)
{
	DIR *d;

	if (!walk_mark_dir(w, st)) {
		/* a root met again is a second path to it, not a loop */
		warn_at(path, depth == 0 ? "already loaded, skipped" :
		    "directory loop, skipped");
		return;
	}
	if (depth > MAX_DEPTH) {
		warn_at(path, "directories nested too deep, skipped");
		return;
	}
	if ((d = opendir(path)) == NULL) {
		warn_at(path, "%s", strerror(errno));
		return;
	}
	walk_entries(w, d, path, depth);
	closedir(d);
}

/* Adds regular file PATH (ST: its status, or NULL when not yet known). */
static void
walk_file(struct walk *w, const char *path, const struct stat *st)
{
	struct loadrec *r;

	if (w->n == w->cap)
		w->rec = xreallocarray(w->rec, w->cap = w->cap ?
		    w->cap * 2 : 256, sizeof *w->rec);
	r = &w->rec[w->n++];
	memset(r, 0, sizeof *r);
	r->a.path = xstrdup(path);
	r->statted = st != NULL;
	if (st != NULL) {
		r->a.size = (uint64_t)st->st_size;
		r->a.mtime = (int64_t)st->st_mtime;
	}
}

/* Adds PATH as named on the command line: a file, or a directory. */
static void
walk_root(struct walk *w, const char *path)
{
	struct stat st, lst;

	if (file_is_stdin(path)) {	/* "-", read before the walk */
		walk_file(w, path, file_stdin_stat());
		return;
	}
	if (stat(path, &st) == -1) {
		if (errno == ENOENT && lstat(path, &lst) == 0)
			warn_at(path, "dangling symbolic link, skipped");
		else
			warn_at(path, "%s", strerror(errno));
		return;
	}
	if (S_ISDIR(st.st_mode))
		walk_dir(w, path, &st, 0);
	else if (S_ISREG(st.st_mode))
		walk_file(w, path, &st);
	else
		warn_at(path, "not a regular file, skipped");
}

/* A record's path and place, to sort by path: moving these, not the
 * records, keeps the sort of 100,000 files a few milliseconds. */
struct pathkey {
	const char	*path;
	size_t		 i;
};

/* Orders path keys by path (qsort). */
static int
cmp_pathkey(const void *a, const void *b)
{
	return strcmp(((const struct pathkey *)a)->path,
	    ((const struct pathkey *)b)->path);
}

/* Sorts the files by path and drops those named twice. */
static void
walk_sort(struct walk *w)
{
	struct pathkey *k;
	struct loadrec *rec;
	size_t i, m = 0;

	if (w->n < 2)	/* w->rec is NULL when nothing was found */
		return;
	k = xcalloc(w->n, sizeof *k);
	for (i = 0; i < w->n; i++)
		k[i] = (struct pathkey){ w->rec[i].a.path, i };
	qsort(k, w->n, sizeof *k, cmp_pathkey);
	rec = xcalloc(w->n, sizeof *rec);
	for (i = 0; i < w->n; i++) {
		if (m > 0 && strcmp(rec[m - 1].a.path, k[i].path) == 0)
			free(w->rec[k[i].i].a.path);
		else
			rec[m++] = w->rec[k[i].i];
	}
	free(k);
	free(w->rec);
	w->rec = rec;
	w->n = m;
}

/* Walks PATHS into W (the records sorted by path); frees what only the
 * walk needed. */
static void
walk_all(struct walk *w, char *const *paths, size_t npaths)
{
	size_t i;

	for (i = 0; i < npaths; i++)
		walk_root(w, paths[i]);
	walk_sort(w);
	free(w->dev);
	free(w->ino);
}

/*
 * The key phrases' strings of one load, each kept once: the same
 * phrases come back article after article, and a copy per article was
 * some 27 MB at 100,000 articles. Shared by the loader threads (under
 * its lock); the strings live in blocks until the load is freed.
 */
#define POOL_BLOCK	(64u << 10)
struct strpool {
	pthread_mutex_t	 mu;
	struct hash	 t;		/* hash -> string + 1 */
	char		**s;
	uint64_t	*h;
	size_t		 n, cap;
	char		**blocks;
	size_t		 nblocks;
	char		*cur;		/* the free bytes of the last block */
	size_t		 left;
};

/* The hash of pool string I (hash_grow). */
static uint64_t
pool_key(const void *ctx, uint32_t i)
{
	return ((const struct strpool *)ctx)->h[i];
}

/* LEN + 1 bytes of P's blocks (its lock held). */
static char *
pool_bytes(struct strpool *P, size_t len)
{
	size_t size = len + 1 > POOL_BLOCK ? len + 1 : POOL_BLOCK;
	char *b;

	if (len + 1 > P->left) {
		P->blocks = xreallocarray(P->blocks, P->nblocks + 1,
		    sizeof *P->blocks);
		P->cur = P->blocks[P->nblocks++] = xmalloc(size);
		P->left = size;
	}
	b = P->cur;
	P->cur += len + 1;
	P->left -= len + 1;
	return b;
}

/* The pool's copy of string S (made when it is new). */
static char *
pool_get(struct strpool *P, const char *s)
{
	size_t len = strlen(s), pos;
	uint64_t h = hash_bytes(HASH_INIT, s, len);
	uint32_t *slot;
	char *c;

	pthread_mutex_lock(&P->mu);
	if (hash_full(&P->t))
		hash_grow(&P->t, pool_key, P);
	for (slot = hash_first(&P->t, h, &pos); *slot != 0;
	    slot = hash_next(&P->t, &pos))
		if (P->h[*slot - 1] == h && strcmp(P->s[*slot - 1], s) == 0) {
			c = P->s[*slot - 1];
			pthread_mutex_unlock(&P->mu);
			return c;
		}
	if (P->n == P->cap) {
		P->cap = P->cap ? P->cap * 2 : 1024;
		P->s = xreallocarray(P->s, P->cap, sizeof *P->s);
		P->h = xreallocarray(P->h, P->cap, sizeof *P->h);
	}
	c = memcpy(pool_bytes(P, len), s, len + 1);
	P->s[P->n] = c;
	P->h[P->n] = h;
	*slot = (uint32_t)++P->n;
	hash_placed(&P->t);
	pthread_mutex_unlock(&P->mu);
	return c;
}

/* Frees the pool and every string it gave. */
static void
pool_free(struct strpool *P)
{
	size_t i;

	for (i = 0; i < P->nblocks; i++)
		free(P->blocks[i]);
	free(P->blocks);
	free(P->s);
	free(P->h);
	hash_free(&P->t);
	pthread_mutex_destroy(&P->mu);
	memset(P, 0, sizeof *P);
}

/* A copy of S in pool P. */
static char *
bpool_strdup(struct bpool *P, const char *s)
{
	size_t len = strlen(s) + 1, size = len > BPOOL_BLOCK ? len : BPOOL_BLOCK;
	char *b;

	pthread_mutex_lock(&P->mu);
	if (len > P->left) {
		P->blocks = xreallocarray(P->blocks, P->nblocks + 1,
		    sizeof *P->blocks);
		P->cur = P->blocks[P->nblocks++] = xmalloc(size);
		P->left = size;
	}
	b = memcpy(P->cur, s, len);
	P->cur += len;
	P->left -= len;
	pthread_mutex_unlock(&P->mu);
	return b;
}

/* Moves the malloc'd string *S into pool P. */
static void
bpool_move(struct bpool *P, char **s)
{
	char *old = *s;

	if (old != NULL) {
		*s = bpool_strdup(P, old);
		free(old);
	}
}

/* Gives the blocks of pool FROM to pool TO (empty, its lock unused). */
static void
bpool_give(struct bpool *to, struct bpool *from)
{
	to->blocks = from->blocks;
	to->nblocks = from->nblocks;
	from->blocks = NULL;
	from->nblocks = 0;
	from->cur = NULL;
	from->left = 0;
}

/* Frees pool P's blocks (its lock stays usable). */
static void
bpool_free(struct bpool *P)
{
	size_t i;

	for (i = 0; i < P->nblocks; i++)
		free(P->blocks[i]);
	free(P->blocks);
	P->blocks = NULL;
	P->nblocks = 0;
	P->cur = NULL;
	P->left = 0;
}

/* Shared by the loader threads; each writes only its own records. */
struct loader {
	struct loadrec	*rec;		/* per file, in walk (path) order */
	size_t		 n;
	const struct lexicon *lex;
	struct cache	*cache;
	struct windex_build *words;	/* word index builder, or NULL */
	int		 keep_all;	/* CORPUS_RESIDENT */
	int		 resident;	/* keep bodies (decided after stat) */
	int		 discover;
	int		 entities;	/* CORPUS_ENTITIES */
	int		 disc_reused;	/* discovered themes from the cache */
	struct corpus_live *live;	/* peeked at while reading, or NULL */
	struct strpool	 pool;		/* the phrases' strings */
	struct bpool	 strs;		/* the titles and sources */
	corpus_progress_fn *watch;	/* progress reports, or NULL */
	void		*watch_arg;
	pthread_t	 owner;		/* the thread that reports */
	double		 t0, last;	/* start, last report (seconds) */
	atomic_size_t	 done;		/* records read or from the cache */
	atomic_size_t	 next, next_stat;
	atomic_ullong	 bytes;		/* of all the files */
};

/* Stats record R if the walk did not; 0, or -1 (warned: it went away). */
static int
load_stat(struct loadrec *r)
{
	struct stat st;

	if (!r->statted) {
		if (stat(r->a.path, &st) == -1) {
			warn_at(r->a.path, "%s", strerror(errno));
			return -1;
		}
		r->a.size = (uint64_t)st.st_size;
		r->a.mtime = (int64_t)st.st_mtime;
		r->statted = 1;
	}
	return 0;
}

/* Fills record R's article from the cache; 1 on a hit. */
static int
load_cached(struct loader *L, struct loadrec *r)
{
	enum cache_hit hit = cache_lookup(L->cache, &r->a, L->discover,
	    &r->entry);

	if (hit == CACHE_MISS)
		return 0;
	r->have_phr = hit == CACHE_HIT_PHRASES;
	r->cached = 1;
	return 1;
}

/* Reads record R's file into its article, which keeps the walk's path;
 * 0, or -1 (warned). */
static int
load_file(struct loadrec *r)
{
	char *path = r->a.path, err[256];
	unsigned char plain = r->a.plain;

	if (article_load(&r->a, path, err, sizeof err) == -1) {
		warn_at(path, "%s", err);
		r->a.path = path;
		r->a.plain = plain;
		return -1;
	}
	free(r->a.path);	/* article_load's copy of PATH */
	r->a.path = path;
	r->a.plain = plain;
	if (r->a.size > ARTICLE_MAX_BYTES)	/* cut: said, not silent */
		warn_at(path, "larger than %u MB: only the first %u MB read",
		    ARTICLE_MAX_BYTES >> 20, ARTICLE_MAX_BYTES >> 20);
	return 0;
}

/*
 * Repacks the N phrases at P (freed) into one array (freed with free())
 * whose strings are POOL's: one allocation per article instead of one
 * per phrase, and each phrase's text once per load.
 */
static struct phrase *
pack_phrases(struct strpool *pool, struct phrase *p, size_t n)
{
	struct phrase *q = NULL;
	size_t i;

	if (n > 0) {
		q = xcalloc(n, sizeof *q);
		for (i = 0; i < n; i++) {
			q[i].text = pool_get(pool, p[i].text);
			q[i].label = p[i].label == p[i].text ? q[i].text :
			    pool_get(pool, p[i].label);
			q[i].score = p[i].score;
		}
	}
	discover_phrases_free(p, n);
	return q;
}

/* Loads, matches and (maybe) mines article I, in the thread's fold cache
 * and discovery work space. */
static void
load_one(struct loader *L, struct fold_cache *fc, struct discover_ws *ws,
    size_t i)
{
	struct loadrec *rec = &L->rec[i];
	struct article *a = &rec->a;
	struct match_result r;
	struct match_prep *mp;
	struct token *tok = NULL;
	size_t ntok = 0, tokcap = 0;

	if (rec->gone)
		return;
	if (L->cache != NULL && (L->words == NULL || windex_build_known(L->words,
	    i, a->path, a->size, a->mtime)) && load_cached(L, rec)) {
		rec->ok = 1;
		bpool_move(&L->strs, &a->title);
		bpool_move(&L->strs, &a->source);
		return;
	}
	if (load_file(rec) == -1)
		return;
	rec->ok = 1;
	bpool_move(&L->strs, &a->title);
	bpool_move(&L->strs, &a->source);
	/* one tokenising of the body serves matching and discovery */
	if ((L->discover || L->entities) && a->body_len <= DISCOVER_BODY_MAX)
		ntok = text_tokens(a->body, a->body_len, fc, &tok, &tokcap);
	/* one prep for the gazetteers and the themes */
	mp = match_prep_new(fc, a->title, a->body, a->body_len, tok, ntok);
	if (L->entities)	/* tok holds the body's tokens when ntok > 0 */
		a->ents = entity_pre_make_prep(L->lex, a->lang, a->title,
		    a->body, a->body_len, fc, ntok > 0 ? tok : NULL, ntok, mp);
	match_prep_run(mp, L->lex, a->lang, 0, &r);
	match_prep_free(mp);
	a->hits = r.hits;
	a->nhits = (uint16_t)(r.nhits > UINT16_MAX ? UINT16_MAX : r.nhits);
	free(r.spans);
	if (L->words != NULL)	/* tok holds the body's tokens when ntok > 0 */
		windex_build_add(L->words, i, fc, a->title, a->body,
		    a->body_len, ntok > 0 ? tok : NULL, ntok);
	if (L->discover) {
		struct phrase *p;
		size_t np = discover_article_tokens(ws, fc, a->lang, a->body,
		    a->body_len, tok, ntok, PHRASES_PER, &p);

		rec->phr = pack_phrases(&L->pool, p, np);
		rec->nphr = (uint32_t)np;
		rec->have_phr = rec->own_phr = 1;
	}
	free(tok);
	if (!L->resident)
		article_drop_body(a);
}

/* Tells L's watcher the stage and the files done; with EVERY unset only
 * when a tenth of a second has passed since the last report, and only
 * on the loading thread. */
static void
report(struct loader *L, enum corpus_stage stage, int every)
{
	struct corpus_progress p;
	double t;

	if (L->watch == NULL || !pthread_equal(pthread_self(), L->owner))
		return;
	t = util_now();
	if (!every && t - L->last < 0.1)
		return;
	L->last = t;
	p.stage = stage;
	p.done = atomic_load(&L->done);
	p.total = L->n;
	p.secs = t - L->t0;
	L->watch(L->watch_arg, &p);
}

/* One thread of the first pass: stats the files the walk did not, and
 * counts the bytes of all (they decide whether bodies stay resident). */
static void *
stat_thread(void *arg)
{
	struct loader *L = arg;
	size_t i;

	while ((i = atomic_fetch_add(&L->next_stat, 1)) < L->n) {
		if (load_stat(&L->rec[i]) == -1)
			L->rec[i].gone = 1;
		else
			atomic_fetch_add(&L->bytes, L->rec[i].a.size);
	}
	return NULL;
}

/* Has the live load L belongs to been asked to stop? */
static int
live_stopped(const struct loader *L)
{
	return L->live != NULL && atomic_load(&L->live->stop);
}

/* One thread of the second pass: loads articles (each one read is
 * marked ready for corpus_live_peek once its record is complete). */
static void *
loader_thread(void *arg)
{
	struct loader *L = arg;
	struct fold_cache *fc = fold_cache_new();
	struct discover_ws *ws = discover_ws_new();
	size_t i;

	while (!live_stopped(L) && (i = atomic_fetch_add(&L->next, 1)) < L->n) {
		load_one(L, fc, ws, i);
		if (L->live != NULL && L->live->slow_ms > 0) {
			struct timespec d = { L->live->slow_ms / 1000,
			    (long)(L->live->slow_ms % 1000) * 1000000 };

			nanosleep(&d, NULL);
		}
		if (L->live != NULL && L->rec[i].ok)
			atomic_store_explicit(&L->live->ready[i], 1,
			    memory_order_release);
		atomic_fetch_add(&L->done, 1);
		report(L, CORPUS_READING, 0);
	}
	windex_build_done(L->words);	/* its last run, on this thread */
	discover_ws_free(ws);
	fold_cache_free(fc);
	return NULL;
}

/* Runs FN on as many threads as there are cores (one for tiny corpora,
 * where starting threads costs more than it saves). */
static void
run_pool(struct loader *L, void *(*fn)(void *))
{
	pthread_t t[MAX_THREADS];
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int n, i;

	n = ncpu < 1 ? 1 : ncpu > MAX_THREADS ? MAX_THREADS : (int)ncpu;
	if (L->n < 64)
		n = 1;
	for (i = 1; i < n; i++)
		if (pthread_create(&t[i], NULL, fn, L) != 0)
			break;
	fn(L);
	while (--i > 0)
		pthread_join(t[i], NULL);
}

/* Lets L's live watcher peek at its records (while they are read). */
static void
live_begin(struct loader *L)
{
	struct corpus_live *lv = L->live;

	if (lv == NULL)
		return;
	pthread_mutex_lock(&lv->mu);
	free(lv->ready);
	lv->ready = xcalloc(L->n + 1, sizeof *lv->ready);
	lv->n = L->n;
	lv->seen = 0;
	lv->L = L;
	pthread_mutex_unlock(&lv->mu);
}

/* Ends the peeking: after it the records change (discovered themes are
 * added, then they are moved into the corpus). Waits for a peek. */
static void
live_end(struct loader *L)
{
	if (L->live == NULL)
		return;
	pthread_mutex_lock(&L->live->mu);
	L->live->L = NULL;
	pthread_mutex_unlock(&L->live->mu);
}

/* Decides residency (the files are stat'ed), then loads every article
 * (or, for a live load asked to stop, those it got to). */
static void
load_all(struct loader *L)
{
	L->resident = L->keep_all ||
	    atomic_load(&L->bytes) <= corpus_resident_max;
	report(L, CORPUS_READING, 1);
	live_begin(L);
	run_pool(L, loader_thread);
	live_end(L);
	report(L, CORPUS_INDEXING, 1);
}

/* Newest first; undated last; then by path, for a stable order. */
static int
cmp_article(const void *pa, const void *pb)
{
	const struct article *a = pa, *b = pb;
	int c;

	if ((a->date[0] == '\0') != (b->date[0] == '\0'))
		return a->date[0] == '\0' ? 1 : -1;
	if ((c = strcmp(b->date, a->date)) != 0)
		return c;
	return strcmp(a->path, b->path);
}

/* How many hits each of the N records will have: its lexicon ones, and
 * its discovered themes (P's), at most UINT16_MAX. */
static uint32_t *
hit_counts(const struct corpus_priv *p, const struct loader *L, size_t n)
{
	uint32_t *k = xcalloc(n + 1, sizeof *k);
	size_t i, j;

	for (i = 0; i < n; i++)
		k[i] = L->rec[i].ok ? L->rec[i].a.nhits : 0;
	for (j = 0; j < p->ndisc; j++)
		for (i = 0; i < p->disc[j].narticles; i++)
			if (p->disc[j].articles[i] < n &&
			    L->rec[p->disc[j].articles[i]].ok)
				k[p->disc[j].articles[i]]++;
	for (i = 0; i < n; i++)
		if (k[i] > UINT16_MAX)
			k[i] = UINT16_MAX;
	return k;
}

/*
 * Moves every loaded record's hits into one block (P->hitblock), its
 * discovered themes (P's, theme NLEX + j) after its lexicon ones, in
 * theme order: one allocation, not one per article grown once per
 * discovered theme.
 */
static void
hits_join(struct corpus_priv *p, struct loader *L, size_t n, size_t nlex)
{
	uint32_t *k = hit_counts(p, L, n);
	size_t i, j, total = 0;
	struct theme_hit *h;

	for (i = 0; i < n; i++)
		total += k[i];
	h = p->hitblock = xcalloc(total + 1, sizeof *p->hitblock);
	for (i = 0; i < n; i++) {
		struct article *a = &L->rec[i].a;

		if (!L->rec[i].ok)
			continue;
		if (a->nhits > 0)
			memcpy(h, a->hits, a->nhits * sizeof *h);
		free(a->hits);
		a->hits = h;
		h += k[i];
	}
	for (j = 0; j < p->ndisc; j++)
		for (i = 0; i < p->disc[j].narticles; i++) {
			uint32_t r = p->disc[j].articles[i];
			struct article *a = r < n && L->rec[r].ok ?
			    &L->rec[r].a : NULL;

			if (a == NULL || a->nhits == UINT16_MAX)
				continue;
			a->hits[a->nhits].theme = (uint16_t)(nlex + j);
			a->hits[a->nhits++].score = 0;
		}
	free(k);
}

/*
 * Takes the discovered themes from the cache when the loaded articles are
 * exactly those they were chosen from (every one a hit, entries 0, 1...
 * in walk order): discover_select would choose them again, and this
 * saves a pass over every phrase of the corpus. 1 when reused.
 */
static int
reuse_discovered(struct corpus_priv *p, struct loader *L, size_t n)
{
	size_t i, j, k, nok = 0, *walk;
	uint32_t *art;

	if (L->cache == NULL)
		return 0;
	for (i = 0; i < n; i++) {
		if (!L->rec[i].ok)
			continue;
		if (!L->rec[i].cached || L->rec[i].entry != nok)
			return 0;
		nok++;
	}
	if (!cache_discovered(L->cache, nok, &p->disc, &p->ndisc))
		return 0;
	walk = xcalloc(nok + 1, sizeof *walk);
	for (i = 0, k = 0; i < n; i++)
		if (L->rec[i].ok)
			walk[k++] = i;
	for (j = 0; j < p->ndisc; j++) {
		art = p->disc[j].articles;
		for (i = 0; i < p->disc[j].narticles; i++)
			art[i] = art[i] < nok ? (uint32_t)walk[art[i]] :
			    UINT32_MAX;
	}
	free(walk);
	return 1;
}

/* Chooses the discovered themes from every record's phrases (those of
 * records from the cache are the cache's copies) into P. */
static void
select_discovered(struct corpus_priv *p, struct loader *L,
    const struct lexicon *lex, size_t n)
{
	struct phrase **phr = xcalloc(n + 1, sizeof *phr);
	size_t *nphr = xcalloc(n + 1, sizeof *nphr), i;
	const char **langs = xcalloc(n + 1, sizeof *langs);

	for (i = 0; i < n; i++) {
		langs[i] = L->rec[i].a.lang;
		if (L->rec[i].cached)
			nphr[i] = cache_phrases(L->cache, L->rec[i].entry,
			    &phr[i]);
		else if (L->rec[i].phr != NULL) {
			phr[i] = L->rec[i].phr;
			nphr[i] = L->rec[i].nphr;
		}
	}
	p->ndisc = discover_select(lex, phr, nphr, langs, n, DISCOVER_MAX,
	    &p->disc);
	free(langs);
	free(phr);
	free(nphr);
}

/* The theme table: the lexicon's themes, then the discovered ones. */
static void
theme_table(struct corpus *c)
{
	struct corpus_priv *p = c->priv;
	size_t nlex = c->lex != NULL ? lexicon_count(c->lex) : 0, i, j;

	c->nthemes = nlex + p->ndisc;
	c->themes = xcalloc(c->nthemes + 1, sizeof *c->themes);
	for (i = 0; i < nlex; i++) {
		c->themes[i].id = lexicon_id(c->lex, i);
		c->themes[i].label = lexicon_label(c->lex, i);
		c->themes[i].kind = THEME_LEXICON;
	}
	for (j = 0; j < p->ndisc; j++) {
		c->themes[nlex + j].id = p->disc[j].id;
		c->themes[nlex + j].label = p->disc[j].label;
		c->themes[nlex + j].kind = THEME_DISCOVERED;
	}
}

/* Builds the theme table and gives articles their discovered themes. */
static void
build_themes(struct corpus *c, struct loader *L, size_t n)
{
	struct corpus_priv *p = c->priv;
	size_t nlex = c->lex != NULL ? lexicon_count(c->lex) : 0;

	if (L->discover && !(L->disc_reused = reuse_discovered(p, L, n)))
		select_discovered(p, L, c->lex, n);
	theme_table(c);
	hits_join(p, L, n, nlex);
}

/* Builds the per-theme article bitsets and counts each theme. */
static void
build_sets(struct corpus *c)
{
	struct corpus_priv *p = c->priv;
	size_t i, h;
	unsigned t;

	p->nwords = (c->n + 63) / 64;
	p->sets = xcalloc(c->nthemes * p->nwords + 1, sizeof *p->sets);
	for (i = 0; i < c->n; i++)
		for (h = 0; h < c->v[i].nhits; h++) {
			uint64_t *set, bit = (uint64_t)1 << (i % 64);

			if ((t = c->v[i].hits[h].theme) >= c->nthemes)
				continue;
			set = p->sets + t * p->nwords + i / 64;
			if (!(*set & bit))
				c->themes[t].count++;
			*set |= bit;
		}
}

/*
 * Memory for the article array (N bytes, zeroed), in huge pages where
 * the system has them: a fresh 4 KB page costs a fault, and where faults
 * are dear (virtual machines: tens of microseconds) the 2,500 pages of
 * 100,000 articles would cost more than all the rest of a warm start.
 * Small arrays (and a failed mmap) come from calloc: *MAPPED says which
 * (then munmap, else free). LeakSanitizer does not look into a mapping
 * for pointers, so under it the mapping is registered as a root.
 */
#define BIG_ALLOC_MIN	(2u << 20)
static void *
big_alloc(size_t n, int *mapped)
{
	void *p = n < BIG_ALLOC_MIN ? MAP_FAILED : mmap(NULL, n,
	    PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if ((*mapped = p != MAP_FAILED) == 0)
		return xcalloc(1, n);	/* aborts when memory is out */
#ifdef MADV_HUGEPAGE
	madvise(p, n, MADV_HUGEPAGE);
#endif
#ifdef TREAD_LSAN
	__lsan_register_root_region(p, n);
#endif
	return p;
}

/* Frees what big_alloc gave (N bytes, MAPPED as it said). */
static void
big_free(void *p, size_t n, int mapped)
{
	if (!mapped) {
		free(p);
		return;
	}
#ifdef TREAD_LSAN
	__lsan_unregister_root_region(p, n);
#endif
	munmap(p, n);
}

/* Sets up C's article array for N articles (big_alloc; priv->vbytes is
 * its size when mapped, else 0). */
static void
alloc_articles(struct corpus *c, size_t n)
{
	struct corpus_priv *p = c->priv;
	size_t bytes = (n + 1) * sizeof *c->v;
	int mapped;

	c->v = big_alloc(bytes, &mapped);
	p->vbytes = mapped ? bytes : 0;
	c->n = n;
}

/* An article and its walk index, for sorting the order. */
struct sortkey {
	const struct article *a;
	uint32_t	 i;
};

/* cmp_article for sort keys (qsort). */
static int
cmp_sortkey(const void *a, const void *b)
{
	return cmp_article(((const struct sortkey *)a)->a,
	    ((const struct sortkey *)b)->a);
}

/* The walk indexes of the loaded articles in display order; *NOK of
 * them. Sorting indexes, not 100-byte articles, and the order is what
 * the cache's snapshot keeps. */
static uint32_t *
sort_order(const struct loader *L, size_t n, size_t *nok)
{
	struct sortkey *k = xcalloc(n + 1, sizeof *k);
	uint32_t *order;
	size_t i, m = 0;

	for (i = 0; i < n; i++)
		if (L->rec[i].ok)
			k[m++] = (struct sortkey){ &L->rec[i].a, (uint32_t)i };
	qsort(k, m, sizeof *k, cmp_sortkey);
	order = xcalloc(m + 1, sizeof *order);
	for (i = 0; i < m; i++)
		order[i] = k[i].i;
	free(k);
	*nok = m;
	return order;
}

/* Moves the NOK loaded articles into C, in ORDER (walk indexes); the
 * records keep none (loader_free frees the rest). */
static void
compact(struct corpus *c, struct loader *L, const uint32_t *order,
    size_t nok)
{
	size_t i;

	alloc_articles(c, nok);
	for (i = 0; i < nok; i++) {
		c->v[i] = L->rec[order[i]].a;
		memset(&L->rec[order[i]].a, 0, sizeof c->v[i]);
	}
	build_sets(c);
}

/* Opens the index cache unless FLAGS or a missing lexicon say not to. */
static struct cache *
open_cache(const struct lexicon *lex, int flags)
{
	struct cache *cache;
	char *cpath;

	if ((flags & (CORPUS_NOCACHE | CORPUS_RESIDENT)) || lex == NULL)
		return NULL;
	cpath = paths_cache("index");
	/* a trusted start checks the rest of the file after its first
	 * screen (corpus_refresh) */
	cache = (flags & CORPUS_TRUST ? cache_open_lazy : cache_open)(cpath,
	    lexicon_hash(lex), lexicon_count(lex));
	free(cpath);
	return cache;
}

/* Copies of the discovered themes of P with article indexes turned from
 * walk positions into ranks among the loaded articles (as the cache
 * numbers its entries). Only the article arrays are the copy's own. */
static struct discovered *
disc_ranks(const struct corpus_priv *p, const struct loader *L, size_t n)
{
	struct discovered *d = xcalloc(p->ndisc + 1, sizeof *d);
	uint32_t *rank = xcalloc(n + 1, sizeof *rank), r = 0;
	size_t i, j;

	for (i = 0; i < n; i++)
		rank[i] = L->rec[i].ok ? r++ : UINT32_MAX;
	for (j = 0; j < p->ndisc; j++) {
		d[j] = p->disc[j];
		d[j].articles = xcalloc(d[j].narticles + 1,
		    sizeof *d[j].articles);
		d[j].narticles = 0;
		for (i = 0; i < p->disc[j].narticles; i++)
			if (p->disc[j].articles[i] < n &&
			    rank[p->disc[j].articles[i]] != UINT32_MAX)
				d[j].articles[d[j].narticles++] =
				    rank[p->disc[j].articles[i]];
	}
	free(rank);
	return d;
}

/* Writes what was loaded back to the cache, with the discovered themes
 * (the cache keeps lexicon hits only: discovered ones are dropped) and,
 * when every walked file loaded, the snapshot of ORDER (NOK articles). */
static void
save_cache(struct corpus *c, struct loader *L, char *const *paths,
    size_t npaths, const uint32_t *order, size_t nok)
{
	struct corpus_priv *p = c->priv;
	struct cache_batch b;
	size_t j;

	memset(&b, 0, sizeof b);
	b.rec = L->rec;
	b.n = L->n;
	b.nlex = lexicon_count(L->lex);
	b.roots = paths;
	b.nroots = npaths;
	b.have_disc = L->discover;
	b.disc_reused = L->disc_reused;
	b.ndisc = p->ndisc;
	b.order = nok == b.n && nok > 0 ? order : NULL;
	if (L->discover)
		b.disc = disc_ranks(p, L, b.n);
	cache_save(L->cache, &b);
	for (j = 0; j < b.ndisc && b.disc != NULL; j++)
		free(b.disc[j].articles);
	free((struct discovered *)b.disc);
}

/* Frees the loader's records: what compact did not take, and the
 * phrases it mined itself. */
static void
loader_free(struct loader *L)
{
	size_t i;

	for (i = 0; i < L->n; i++) {
		if (L->rec[i].own_phr)
			free(L->rec[i].phr);	/* one block: pack_phrases */
		article_free(&L->rec[i].a);
	}
	free(L->rec);
	pool_free(&L->pool);
	bpool_free(&L->strs);
	pthread_mutex_destroy(&L->strs.mu);
}

/* Sets up the loader for the records of walk W, which it takes (CACHE:
 * the index, or NULL). */
static void
loader_init(struct loader *L, struct walk *w, const struct lexicon *lex,
    int flags, struct cache *cache)
{
	L->rec = w->rec;
	L->n = w->n;
	w->rec = NULL;
	L->lex = lex;
	L->cache = cache;
	L->keep_all = (flags & CORPUS_RESIDENT) != 0;
	L->discover = !(flags & CORPUS_NODISCOVER);
	L->entities = (flags & CORPUS_ENTITIES) != 0;
	atomic_init(&L->bytes, 0);
	atomic_init(&L->done, 0);
	L->owner = pthread_self();
	atomic_init(&L->next, 0);
	atomic_init(&L->next_stat, 0);
	pthread_mutex_init(&L->pool.mu, NULL);
	pthread_mutex_init(&L->strs.mu, NULL);
}

/* Fills the N articles of C from the snapshot of CACHE in ORDER without
 * copying: strings and hits (discovered themes included) point into the
 * mapping. No allocation per article: at 100,000 articles that is what
 * makes a warm start instant. */
static void
snap_articles(struct corpus *c, const struct cache *cache,
    const uint32_t *order, size_t n)
{
	const struct theme_hit *h;
	size_t k;

	for (k = 0; k < n; k++) {
		cache_snap_article(cache, order[k], &c->v[k], &h);
		c->v[k].hits = (struct theme_hit *)h;	/* never written */
	}
}

/* Opens the word index the last full load left (read only: a snapshot
 * load reads no text), or NULL when it is missing or unsound. */
static struct windex *
words_open(void)
{
	char *wpath = paths_cache("words");
	struct windex *x = wpath != NULL ? windex_open(wpath) : NULL;

	free(wpath);
	return x;
}

/* Builds C from the snapshot CACHE has for PATHS (files not looked at);
 * 1 when built (C then owns CACHE), 0 when there is none to use. Without
 * a word index there is none either, unless FLAGS has CORPUS_TRUST (the
 * check that follows rebuilds it): a full load rebuilds a missing index,
 * where the snapshot would leave every word query to scan the text. */
static int
snap_build(struct corpus *c, struct cache *cache, char *const *paths,
    size_t npaths, int flags)
{
	struct corpus_priv *p = c->priv;
	int discover = !(flags & CORPUS_NODISCOVER);
	const uint32_t *order;
	uint64_t bytes = 0;
	size_t n, k;

	if (cache == NULL ||
	    (n = cache_snapshot(cache, paths, npaths, discover, &order)) == 0)
		return 0;
	if ((c->words = words_open()) == NULL && !(flags & CORPUS_TRUST))
		return 0;
	if (discover && !cache_snap_discovered(cache, &p->disc, &p->ndisc)) {
		windex_close(c->words);
		c->words = NULL;
		return 0;
	}
	alloc_articles(c, n);
	snap_articles(c, cache, order, n);
	for (k = 0; k < n; k++)
		bytes += c->v[k].size;
	c->resident = bytes <= corpus_resident_max;
	theme_table(c);
	build_sets(c);
	cache_let_go(cache);	/* its entries are read through */
	p->map = cache;
	if (c->words != NULL)	/* matched to the articles on its thread */
		windex_prepare(c->words, c->v, c->n);
	return 1;
}

/* Are the walked and stat'ed files of L exactly the snapshot REF has for
 * PATHS (same paths, sizes and times)? */
static int
snap_same(const struct loader *L, const struct cache *ref,
    char *const *paths, size_t npaths)
{
	const struct loadrec *r = L->rec;
	const uint32_t *order;
	size_t i, n;

	n = cache_snapshot(ref, paths, npaths, L->discover, &order);
	if (n == 0 || n != L->n)
		return 0;
	for (i = 0; i < n; i++)
		if (r[i].gone || !cache_snap_same(ref, i, r[i].a.path,
		    r[i].a.size, r[i].a.mtime))
			return 0;
	return 1;
}

/* The word index's end (its runs merged, the file written): on a thread
 * of its own while the main one selects the discovered themes and writes
 * the cache, which read the records as it does and write none of what it
 * reads (the path, size, mtime and ok of each). */
struct words_job {
	struct windex_build *b;
	const struct loadrec *rec;
	size_t		 n;
	struct windex	*x;	/* the result */
};

/* Runs job ARG (pthread_create's signature). */
static void *
words_finish(void *arg)
{
	struct words_job *j = arg;

	j->x = windex_build_finish(j->b, j->rec, j->n);
	return NULL;
}

/* Loads, matches and mines what the cache does not have (the files of L
 * are stat'ed), saves the cache and keeps the loaded articles, sorted. */
static void
load_rest(struct corpus *c, struct loader *L, char *const *paths,
    size_t npaths)
{
	struct corpus_priv *p = c->priv;
	size_t n = L->n, nok;
	struct words_job wf;
	uint32_t *order;
	pthread_t wt;
	int threaded = 0;

	if (L->cache != NULL) {
		char *wpath = paths_cache("words");

		L->words = windex_build_new(wpath, n, paths, npaths);
		free(wpath);
	}
	load_all(L);
	if (live_stopped(L)) {	/* what was read is cached; no more */
		windex_build_free(L->words);
		L->words = NULL;
		L->discover = 0;
	}
	wf = (struct words_job){ L->words, L->rec, n, NULL };
	if (L->words != NULL)	/* before compact: walk order */
		threaded = pthread_create(&wt, NULL, words_finish, &wf) == 0;
	if (L->words != NULL && !threaded)
		words_finish(&wf);
	L->words = NULL;
	c->resident = L->resident;
	build_themes(c, L, n);
	util_heap_trim();	/* the selection's tables, before the cache */
	order = sort_order(L, n, &nok);
	if (L->cache != NULL)
		save_cache(c, L, paths, npaths, order, nok);
	cache_close(L->cache);	/* after build_themes: phrases point into it */
	L->cache = NULL;
	if (threaded)
		pthread_join(wt, NULL);
	c->words = wf.x;
	util_heap_trim();	/* the phrases, the cache image, the runs */
	compact(c, L, order, nok);
	free(order);
	bpool_give(&p->strs, &L->strs);	/* the articles' strings */
	if (c->words != NULL)	/* matched to the articles meanwhile */
		windex_prepare(c->words, c->v, c->n);
}

/* Sets up C, empty, for LEX. */
static void
corpus_init(struct corpus *c, const struct lexicon *lex)
{
	memset(c, 0, sizeof *c);
	c->lex = lex;
	c->priv = xcalloc(1, sizeof(struct corpus_priv));
	((struct corpus_priv *)c->priv)->scratch_i = -1;
}

/* What a load is asked: the paths, the lexicon, CORPUS_* flags, the
 * cache to compare with (a corpus_refresh) and who watches. */
struct load_args {
	const struct cache *ref;
	struct corpus_live *live;
	char *const	*paths;
	size_t		 npaths;
	const struct lexicon *lex;
	int		 flags;
	corpus_progress_fn *watch;
	void		*watch_arg;
};

/* How a load went. */
enum load_how {
	LOAD_SNAPSHOT,		/* from the cache's snapshot */
	LOAD_UNCHANGED,		/* the files are REF's snapshot: C empty */
	LOAD_READ		/* loaded (what the cache lacked read) */
};

/*
 * The load. With CORPUS_TRUST, the cache's snapshot when there is one
 * (nothing walked). Else the files are walked and stat'ed; when they are
 * the snapshot of A->ref or of the index cache, that is used; else
 * articles are loaded, each file from the cache when it has it.
 */
static enum load_how
load_main(struct corpus *c, const struct load_args *A)
{
	struct walk w = { 0 };
	struct loader L = { 0 };
	struct cache *cache = NULL;
	enum load_how how = LOAD_READ;
	int same;

	corpus_init(c, A->lex);
	if (A->ref == NULL)
		cache = open_cache(A->lex, A->flags);
	if ((A->flags & CORPUS_TRUST) && snap_build(c, cache, A->paths,
	    A->npaths, A->flags)) {
		((struct corpus_priv *)c->priv)->trusted = 1;
		return LOAD_SNAPSHOT;
	}
	if ((A->flags & (CORPUS_TRUST | CORPUS_SNAPONLY)) ==
	    (CORPUS_TRUST | CORPUS_SNAPONLY)) {
		cache_close(cache);
		((struct corpus_priv *)c->priv)->pending = 1;
		theme_table(c);		/* the lexicon's, no article yet */
		build_sets(c);
		return LOAD_SNAPSHOT;
	}
	if (cache_lazy(cache)) {	/* no snapshot: the load needs it all */
		cache_close(cache);
		cache = open_cache(A->lex, A->flags & ~CORPUS_TRUST);
	}
	L.t0 = util_now();
	walk_all(&w, A->paths, A->npaths);
	loader_init(&L, &w, A->lex, A->flags, cache);
	L.watch = A->watch;
	L.watch_arg = A->watch_arg;
	L.live = A->live;
	report(&L, CORPUS_CHECKING, 1);
	run_pool(&L, stat_thread);
	/* a trusted snapshot is kept only if its whole file passes */
	same = snap_same(&L, A->ref != NULL ? A->ref : cache, A->paths,
	    A->npaths) && !(A->flags & CORPUS_REWORDS) &&
	    (A->ref == NULL || cache_verify(A->ref));
	if (same && A->ref != NULL)
		how = LOAD_UNCHANGED;
	else if (same && snap_build(c, L.cache, A->paths, A->npaths, A->flags))
		how = LOAD_SNAPSHOT;
	else {
		if (A->ref != NULL)
			L.cache = open_cache(A->lex, A->flags);
		load_rest(c, &L, A->paths, A->npaths);
	}
	report(&L, CORPUS_DONE, 1);
	loader_free(&L);
	util_heap_trim();
	return how;
}

size_t
corpus_load_watch(struct corpus *c, char *const *paths, size_t npaths,
    const struct lexicon *lex, int flags, corpus_progress_fn *fn, void *arg)
{
	struct load_args A = { NULL, NULL, paths, npaths, lex, flags, fn,
	    arg };

	load_main(c, &A);
	return c->n;
}

size_t
corpus_load_live(struct corpus *c, char *const *paths, size_t npaths,
    const struct lexicon *lex, int flags, corpus_progress_fn *fn, void *arg,
    struct corpus_live *lv)
{
	struct load_args A = { NULL, lv, paths, npaths, lex,
	    flags & ~(CORPUS_TRUST | CORPUS_SNAPONLY), fn, arg };

	load_main(c, &A);
	return c->n;
}

struct corpus_live *
corpus_live_new(void)
{
	struct corpus_live *lv = xcalloc(1, sizeof *lv);

	pthread_mutex_init(&lv->mu, NULL);
	atomic_init(&lv->stop, 0);
	return lv;
}

void
corpus_live_free(struct corpus_live *lv)
{
	if (lv == NULL)
		return;
	pthread_mutex_destroy(&lv->mu);
	free(lv->ready);
	free(lv);
}

void
corpus_live_stop(struct corpus_live *lv)
{
	atomic_store(&lv->stop, 1);
}

void
corpus_live_slow(struct corpus_live *lv, unsigned ms)
{
	lv->slow_ms = ms;
}

/* The ready records of LV's load (its mutex held) as sort keys in
 * display order; *N of them. */
static struct sortkey *
live_keys(struct corpus_live *lv, size_t *n)
{
	struct sortkey *k = xcalloc(lv->n + 1, sizeof *k);
	size_t i, m = 0;

	for (i = 0; i < lv->n; i++)
		if (atomic_load_explicit(&lv->ready[i], memory_order_acquire))
			k[m++] = (struct sortkey){ &lv->L->rec[i].a,
			    (uint32_t)i };
	qsort(k, m, sizeof *k, cmp_sortkey);
	*n = m;
	return k;
}

int
corpus_live_peek(struct corpus_live *lv, struct corpus *part)
{
	struct sortkey *k;
	size_t i, m;

	pthread_mutex_lock(&lv->mu);
	for (i = m = 0; lv->L != NULL && i < lv->n; i++)
		m += atomic_load_explicit(&lv->ready[i], memory_order_relaxed);
	if (lv->L == NULL || m == lv->seen) {
		pthread_mutex_unlock(&lv->mu);
		return 0;
	}
	k = live_keys(lv, &m);
	lv->seen = m;
	corpus_init(part, lv->L->lex);
	((struct corpus_priv *)part->priv)->partial = 1;
	alloc_articles(part, m);
	for (i = 0; i < m; i++) {	/* the hits are the part's own */
		part->v[i] = *k[i].a;
		part->v[i].hits = xcalloc(k[i].a->nhits + 1u,
		    sizeof *part->v[i].hits);
		if (k[i].a->nhits > 0)
			memcpy(part->v[i].hits, k[i].a->hits, k[i].a->nhits *
			    sizeof *part->v[i].hits);
	}
	pthread_mutex_unlock(&lv->mu);
	free(k);
	theme_table(part);
	build_sets(part);
	return 1;
}

int
corpus_partial(const struct corpus *c)
{
	const struct corpus_priv *p = c->priv;

	return p != NULL && p->partial;
}

int
corpus_pending(const struct corpus *c)
{
	const struct corpus_priv *p = c->priv;

	return p != NULL && p->pending;
}

size_t
corpus_load(struct corpus *c, char *const *paths, size_t npaths,
    const struct lexicon *lex, int flags)
{
	return corpus_load_watch(c, paths, npaths, lex, flags, NULL, NULL);
}

int
corpus_trusted(const struct corpus *c)
{
	const struct corpus_priv *p = c->priv;

	return p != NULL && p->trusted;
}

int
corpus_refresh(struct corpus *fresh, const struct corpus *old,
    char *const *paths, size_t npaths, int flags)
{
	const struct corpus_priv *p = old->priv;
	struct load_args A = { p != NULL ? p->map : NULL, NULL, paths, npaths,
	    old->lex, flags & ~(CORPUS_TRUST | CORPUS_SNAPONLY), NULL, NULL };

	if (old->words == NULL && p != NULL && p->map != NULL)
		A.flags |= CORPUS_REWORDS;	/* the snapshot had no index */
	if (load_main(fresh, &A) != LOAD_UNCHANGED)
		return 1;
	corpus_free(fresh);
	return 0;
}

void
corpus_free(struct corpus *c)
{
	struct corpus_priv *p = c->priv;
	size_t i;

	windex_close(c->words);	/* first: windex_prepare may be reading */
	for (i = 0; i < c->n; i++) {
		if (p != NULL && p->partial)
			free(c->v[i].hits);	/* the rest is the load's */
		else if (p != NULL && p->map != NULL) {
			free(c->v[i].body);	/* the rest is the map's */
			free(c->v[i].ents);
		} else if (p != NULL && p->hitblock != NULL) {
			free(c->v[i].path);	/* the rest is in blocks */
			free(c->v[i].body);
			free(c->v[i].ents);
		}
		else
			article_free(&c->v[i]);
	}
	big_free(c->v, p != NULL ? p->vbytes : 0, p != NULL && p->vbytes > 0);
	free(c->themes);
	if (p != NULL) {
		discover_themes_free(p->disc, p->ndisc);
		free(p->hitblock);
		bpool_free(&p->strs);
		article_free(&p->scratch);
		free(p->sets);
		cache_close(p->map);
		free(p);
	}
	memset(c, 0, sizeof *c);
}

/* Re-reads article I's file into the scratch article; 0 or -1 (warned).
 * A resident corpus keeps the body in the article instead. */
static int
body_reload(struct corpus *c, size_t i)
{
	struct corpus_priv *p = c->priv;
	char err[256];

	article_free(&p->scratch);
	p->scratch_i = -1;
	if (article_load(&p->scratch, c->v[i].path, err, sizeof err) == -1) {
		warn_at(c->v[i].path, "%s", err);
		return -1;
	}
	if (c->resident) {
		c->v[i].body = p->scratch.body;
		c->v[i].body_len = p->scratch.body_len;
		p->scratch.body = NULL;
		article_free(&p->scratch);
		return 0;
	}
	p->scratch_i = (long)i;
	return 0;
}

const char *
corpus_body(struct corpus *c, size_t i, size_t *len)
{
	struct corpus_priv *p = c->priv;

	if (i >= c->n)
		return NULL;
	if (c->v[i].body == NULL && p->scratch_i != (long)i &&
	    body_reload(c, i) == -1)
		return NULL;
	if (c->v[i].body != NULL) {
		*len = c->v[i].body_len;
		return c->v[i].body;
	}
	*len = p->scratch.body_len;
	return p->scratch.body;
}

int
corpus_theme(const struct corpus *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->nthemes; i++)
		if (strcmp(c->themes[i].id, id) == 0)
			return (int)i;
	return -1;
}

int
corpus_has_theme(const struct corpus *c, size_t i, unsigned t)
{
	const uint64_t *set = corpus_theme_set(c, t);

	return set != NULL && i < c->n && (set[i / 64] >> (i % 64) & 1);
}

const uint64_t *
corpus_theme_set(const struct corpus *c, unsigned t)
{
	const struct corpus_priv *p = c->priv;

	if (p == NULL || p->sets == NULL || t >= c->nthemes)
		return NULL;
	return p->sets + t * p->nwords;
}

size_t
corpus_set_words(const struct corpus *c)
{
	const struct corpus_priv *p = c->priv;

	return p != NULL ? p->nwords : 0;
}

long
corpus_find(const struct corpus *c, const char *idpath)
{
	char *end;
	unsigned long id;
	size_t i;

	errno = 0;
	id = strtoul(idpath, &end, 10);
	if (*idpath >= '0' && *idpath <= '9' && *end == '\0' && errno == 0)
		return id >= 1 && id <= c->n ? (long)id - 1 : -1;
	for (i = 0; i < c->n; i++)
		if (strcmp(c->v[i].path, idpath) == 0)
			return (long)i;
	return -1;
}
