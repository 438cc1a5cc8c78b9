/* cache.h: the persistent index cache (XDG cache dir), keyed by path,
 * size, mtime and lexicon hash. */
#ifndef TREAD_CACHE_H
#define TREAD_CACHE_H

#include <stddef.h>
#include <stdint.h>

struct article;
struct cache;

/* Opens the cache file at PATH for lexicon hash LEXHASH; a missing,
 * stale or corrupt file gives an empty cache (corrupt: warned). */
struct cache *cache_open(const char *path, uint64_t lexhash);
/* Fills A's metadata and hits from the cache when path, size and mtime
 * match; 1 on a hit, 0 otherwise. Thread-safe (read only). */
int	 cache_lookup(const struct cache *, struct article *a);
/* Writes all of V atomically; 0 or -1 (warned). */
int	 cache_save(struct cache *, const struct article *v, size_t n);
void	 cache_close(struct cache *);

#endif
