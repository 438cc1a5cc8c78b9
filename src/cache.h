/* cache.h: the persistent index cache (XDG cache dir), keyed by path,
 * size, mtime and lexicon hash, so that a warm start reads no article. */
#ifndef TREAD_CACHE_H
#define TREAD_CACHE_H

#include <stddef.h>
#include <stdint.h>

struct article;
struct theme_hit;
struct phrase;
struct cache;

/*
 * Opens the cache file at PATH for lexicon hash LEXHASH (NLEX themes).
 * The file is read in one go and every field is checked as hostile
 * input (offsets, theme indexes, text, dates, languages), whatever its
 * checksum says. A missing file
 * or one made for another lexicon gives an empty cache; a corrupt or
 * truncated one an empty cache and the warning "PATH: index cache
 * corrupt, rebuilt". Never NULL.
 */
struct cache *cache_open(const char *path, uint64_t lexhash, size_t nlex);

/*
 * Looks up A by A->path, A->size and A->mtime (set by the caller). On a
 * hit fills title, source, date, lang, decode_flags and hits (lexicon
 * indexes) of A, and *ENTRY (if not NULL) with the entry's index (for
 * cache_phrases). With WANT_PHR an entry saved without phrases is a
 * miss. Returns 0 on a miss, 1 on a hit whose phrases were never mined,
 * 2 on a hit with its phrases. Thread-safe: any number of threads may
 * look up at once (distinct paths).
 */
int	 cache_lookup(struct cache *, struct article *a, int want_phr,
	    uint32_t *entry);

/* The key phrases of entry ENTRY: *OUT points into the cache (valid
 * until cache_close; never to be freed or changed). Returns the count.
 * Thread-safe for distinct entries. Phrases are only built when asked
 * for: a warm start that reuses the discovered themes needs none. */
size_t	 cache_phrases(struct cache *, uint32_t entry, struct phrase **out);

/*
 * The discovered themes saved with the cache, when they were chosen from
 * exactly the N articles that all hit (the caller checks that the hits
 * were entries 0..N-1 in its order): discover_select would choose them
 * again. Article indexes are those positions. Returns 1 and sets *OUT
 * (malloc'd: discover_themes_free) and *NDISC, or 0: none to reuse.
 */
struct discovered;
int	 cache_discovered(struct cache *, size_t n, struct discovered **out,
	    size_t *ndisc);

/*
 * The snapshot: what the last load of ROOTS (as given, from the same
 * cwd when one is relative, with discovered themes or not) found, when every file it walked
 * loaded. Its articles are entries 0..N-1 in walk (path) order; *ORDER
 * lists them in display order. Returns N, or 0 when there is none for
 * these roots. A warm start shows it without walking or stat'ing.
 */
size_t	 cache_snapshot(const struct cache *, char *const *roots,
	    size_t nroots, int discover, const uint32_t **order);

/* cache_discovered for the snapshot's articles (its entries): 0 when
 * they were not chosen from exactly those. */
int	 cache_snap_discovered(const struct cache *, struct discovered **out,
	    size_t *ndisc);

/* Is snapshot entry I the file PATH (as walked) of SIZE and MTIME? */
int	 cache_snap_same(const struct cache *, size_t i, const char *path,
	    uint64_t size, int64_t mtime);

/* Fills A from snapshot entry ENTRY without copying anything: path,
 * title and source point into the cache (valid until cache_close, never
 * to be freed); A->hits stays NULL and *HITS points at A->nhits hits in
 * the cache (read-only): the lexicon's, then the discovered themes'
 * (their indexes follow the lexicon's, as in the corpus table). */
void	 cache_snap_article(const struct cache *, uint32_t entry,
	    struct article *a, const struct theme_hit **hits);

/* What cache_save writes: the articles V[i] with OK[i] set, their hits
 * below NLEX, their phrases PHR[i] / NPHR[i] where HAVE_PHR[i] (PHR may
 * be NULL), the old entries of files not under one of ROOTS, and, with
 * HAVE_DISC, the discovered themes DISC (article indexes are ranks among
 * the articles with OK set; DISC_REUSED: they came from this cache).
 * Articles with CACHED[i] came from entry ENTRY[i]: their phrases are
 * taken from there when PHR[i] is NULL (both may be NULL).
 * Phrases PHR[i] with OWN_PHR[i] set (when OWN_PHR is not NULL) are one
 * block each: freed as soon as written and OWN_PHR[i] cleared, so that
 * the file is built while the phrases are let go, not on top of them.
 * With ORDER (all N articles OK, and walked from ROOTS), the snapshot:
 * ORDER[k] is the article shown at position k; then the discovered
 * themes' hits are saved too. */
struct cache_batch {
	const struct article *v;
	const char	*ok;
	struct phrase	*const *phr;
	const size_t	*nphr;
	const char	*have_phr;
	size_t		 n;
	size_t		 nlex;
	char *const	*roots;
	size_t		 nroots;
	const struct discovered *disc;
	size_t		 ndisc;
	int		 have_disc;
	int		 disc_reused;
	char		*own_phr;
	const char	*cached;
	const uint32_t	*entry;
	const uint32_t	*order;
};

/* Writes BATCH atomically (temp file, fsync, rename), or nothing when
 * the file would not change. 0, or -1 (warned). */
int	 cache_save(struct cache *, const struct cache_batch *batch);

void	 cache_close(struct cache *);

/* Sets the checksum of the cache file image DATA[0..LEN) to match its
 * bytes, so that tests and fuzzers reach the checks behind it (a hostile
 * neighbour can do as much). 0, or -1 when its sizes do not add up. */
int	 cache_reseal(char *data, size_t len);

/* The key of FILE: absolute (the cwd prefixed), not resolved. Malloc'd. */
char	*cache_key(const char *file);

#endif
