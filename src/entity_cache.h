/* entity_cache.h: the entity index of a corpus kept on disk, so that a warm --list reads no article body again. */
#ifndef TREAD_ENTITY_CACHE_H
#define TREAD_ENTITY_CACHE_H

#include <stddef.h>
#include <stdint.h>

struct corpus;
struct entity_index;

/* The key of C's entity index: every article's path, size and mtime in
 * order, with GAZ (the gazetteer's and theme lexicon's hash). */
uint64_t entity_cache_key(const struct corpus *c, uint64_t gaz);

/*
 * Reads the index saved at PATH for KEY into IX (NCURATED curated rows
 * already there, NARTICLES articles): the article lists, mentions,
 * amounts and found names (their strings malloc'd into *STRS, id and
 * label in turn, *NSTRS of them). Every field is checked as hostile
 * input; 0, or -1 (nothing changed) when absent, stale or damaged.
 */
int	 entity_cache_read(const char *path, uint64_t key, size_t narticles,
	    struct entity_index *ix, char ***strs, size_t *nstrs);
/* Saves IX for KEY at PATH (atomically, store.h); warns on failure. */
void	 entity_cache_write(const char *path, uint64_t key,
	    const struct entity_index *ix);

#endif
