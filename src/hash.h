/* hash.h: the one hash table of tread: open addressing with linear
 * probing over slots that hold an item's number + 1 (0: empty). The
 * caller keeps its items in an array (or an arena) of its own, hashes
 * them and says which is equal; the table only finds slots, so that one
 * implementation serves words, paths, documents and strings alike. */
#ifndef TREAD_HASH_H
#define TREAD_HASH_H

#include <stddef.h>
#include <stdint.h>

struct hash {
	uint32_t	*slot;
	size_t		 cap;		/* a power of two, or 0 */
	size_t		 n;		/* items placed */
};

/* A table with room for EXPECT items (at most half full); 0 for none
 * yet (it grows on the first hash_full). */
void	 hash_init(struct hash *, size_t expect);
void	 hash_free(struct hash *);

/* Empties the table, keeping its size. */
void	 hash_clear(struct hash *);

/* The hash of an item, for hash_grow: CTX is the caller's, I the item's
 * number as placed (the slot's value - 1). */
typedef uint64_t hash_key_fn(const void *ctx, uint32_t i);

/* Would one more item make the table more than half full? Then grow it
 * before probing for the place of a new item. */
static inline int
hash_full(const struct hash *t)
{
	return (t->n + 1) * 2 > t->cap;
}

/* Doubles the table (at least 16 slots), placing its items again by
 * KEY(CTX, item). */
void	 hash_grow(struct hash *, hash_key_fn *key, const void *ctx);

/*
 * The probe sequence of hash H: hash_first gives its first slot, and
 * hash_next the following ones, until a slot is 0 (H's item is absent;
 * store the new item's number + 1 there and call hash_placed). *POS is
 * the caller's cursor. The table must have room (hash_full, hash_grow).
 */
static inline uint32_t *
hash_first(const struct hash *t, uint64_t h, size_t *pos)
{
	*pos = (size_t)(h ^ h >> 32) & (t->cap - 1);
	return &t->slot[*pos];
}

static inline uint32_t *
hash_next(const struct hash *t, size_t *pos)
{
	*pos = (*pos + 1) & (t->cap - 1);
	return &t->slot[*pos];
}

/* Counts an item stored in an empty slot of a probe sequence. */
static inline void
hash_placed(struct hash *t)
{
	t->n++;
}

#endif
