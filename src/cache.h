/* cache.h: the persistent index cache (XDG cache dir), keyed by path,
 * size, mtime and lexicon hash, so that a warm start reads no article. */
#ifndef TREAD_CACHE_H
#define TREAD_CACHE_H

#include <stddef.h>
#include <stdint.h>
#include "article.h"

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
 * cache_open for a trusted warm start, whose first screen must not wait
 * for a read of the whole file: the header, the section sizes, the
 * discovered themes and, of each snapshot entry (what cache_snapshot and
 * cache_snap_article hand out), its offsets and hit themes are checked;
 * the checksum, the text, dates and languages and the other entries are
 * left to cache_verify (a reader shows text through its sanitiser). Such a cache serves the snapshot only:
 * cache_lookup misses, cache_phrases gives none, cache_save writes
 * nothing (-1).
 */
struct cache *cache_open_lazy(const char *path, uint64_t lexhash,
	    size_t nlex);
/* Was C opened by cache_open_lazy? */
int	 cache_lazy(const struct cache *);

/* Lets the pages of the parts of C's file that a snapshot's corpus no
 * longer reads go from memory (read again if touched): the entries, the
 * phrases, the order; the hits and strings its articles point into stay.
 * Any thread, any time. */
void	 cache_let_go(const struct cache *);

/* Does C pass every check cache_open makes (a lazy cache: the checksum,
 * every entry, clean text)? 1, or 0 (the snapshot it gave is not to be
 * kept). Reads C only: any thread may run it while others read C. */
int	 cache_verify(const struct cache *);

/*
 * Looks up A by A->path, A->size and A->mtime (set by the caller). On a
 * hit fills title, source, date, lang, decode_flags and hits (lexicon
 * indexes) of A, and *ENTRY (if not NULL) with the entry's index (for
 * cache_phrases). With WANT_PHR an entry saved without phrases is a
 * miss. Thread-safe: any number of threads may
 * look up at once (distinct paths).
 */
enum cache_hit {
	CACHE_MISS,		/* not there, or changed, or phrases wanted */
	CACHE_HIT,		/* there; its phrases were never mined */
	CACHE_HIT_PHRASES	/* there with its phrases */
};
enum cache_hit cache_lookup(struct cache *, struct article *a, int want_phr,
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

/*
 * One file of a load, from the walk to the corpus: what the walk found
 * (the path; size and mtime once stat'ed), what the loader made of it,
 * and what cache_save and windex_build_finish read back. The loader
 * keeps one array of these instead of one array per field.
 */
struct loadrec {
	struct article	 a;
	struct phrase	*phr;		/* its key phrases (NPHR), or NULL */
	uint32_t	 nphr;
	uint32_t	 entry;		/* the cache entry, when CACHED */
	unsigned char	 statted;	/* a.size and a.mtime are known */
	unsigned char	 gone;		/* went away before its stat */
	unsigned char	 ok;		/* loaded */
	unsigned char	 cached;	/* came from cache entry ENTRY */
	unsigned char	 have_phr;	/* phrases mined (maybe none found) */
	unsigned char	 own_phr;	/* PHR is one block of the record's */
};

/* What cache_save writes: the records REC[i] that are ok, their hits
 * below NLEX and their phrases (when have_phr; taken from the old entry
 * of a cached record whose phr is NULL), the old entries of files not
 * under one of ROOTS, and, with HAVE_DISC, the discovered themes DISC
 * (article indexes are ranks among the ok records; DISC_REUSED: they
 * came from this cache). Phrases a record owns (own_phr) are freed as
 * soon as written and own_phr cleared, so that the file is built while
 * the phrases are let go, not on top of them. With ORDER (all N records
 * ok, walked from ROOTS), the snapshot: ORDER[k] is the record shown at
 * position k; then the discovered themes' hits are saved too. */
struct cache_batch {
	struct loadrec	*rec;
	size_t		 n;
	size_t		 nlex;
	char *const	*roots;
	size_t		 nroots;
	const struct discovered *disc;
	size_t		 ndisc;
	int		 have_disc;
	int		 disc_reused;
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

/* Is path key KEY (store_key) one of the path keys ROOTS[0..N) or under
 * one (a root's trailing '/' ignored: "/" holds every key)? The cache
 * and the word index drop a file under a root that the walk no longer
 * finds, and keep the others (another corpus's). */
int	 cache_under_roots(const char *key, char *const *roots, size_t n);

/* The key of FILE: absolute (the cwd prefixed), not resolved. Malloc'd. */
char	*cache_key(const char *file);

#endif
