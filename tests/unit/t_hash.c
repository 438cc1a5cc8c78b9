/* t_hash.c: the one hash table: items found by their own keys through
 * growth, colliding hashes kept apart by the caller's equality, clearing,
 * and an empty table answering "absent". */
#include <stdint.h>
#include <stdlib.h>

#include "hash.h"
#include "util.h"
#include "tap.h"

#define NKEYS	5000

static uint64_t keys[NKEYS];

/* The key of item I (hash_grow). */
static uint64_t
key_of(const void *ctx, uint32_t i)
{
	return ((const uint64_t *)ctx)[i];
}

/* The hash of every item when they all collide (hash_grow). */
static uint64_t
key_same(const void *ctx, uint32_t i)
{
	(void)ctx;
	(void)i;
	return 42;
}

/* Item I's hash: KEYS[I], or all of them the same with COLLIDE. */
static uint64_t
hash_of(uint32_t i, int collide)
{
	return collide ? 42 : keys[i];
}

/* The item whose key is K (hash H) in T, or -1. */
static long
find(const struct hash *t, uint64_t k, uint64_t h)
{
	const uint32_t *s;
	size_t pos;

	if (t->cap == 0)
		return -1;
	for (s = hash_first(t, h, &pos); *s != 0; s = hash_next(t, &pos))
		if (keys[*s - 1] == k)
			return (long)*s - 1;
	return -1;
}

/* Puts items 0..N-1 in T; returns how many were already there. */
static int
fill(struct hash *t, size_t n, int collide)
{
	uint32_t *s, i;
	size_t pos;
	int dup = 0;

	for (i = 0; i < n; i++) {
		if (hash_full(t))
			hash_grow(t, collide ? key_same : key_of, keys);
		for (s = hash_first(t, hash_of(i, collide), &pos); *s != 0;
		    s = hash_next(t, &pos))
			dup += keys[*s - 1] == keys[i];
		*s = i + 1;
		hash_placed(t);
	}
	return dup;
}

int
main(void)
{
	struct hash t;
	size_t i;
	int all;

	for (i = 0; i < NKEYS; i++)
		keys[i] = (uint64_t)i * 0x9e3779b97f4a7c15ULL + 7;
	hash_init(&t, 0);
	is_int(find(&t, keys[0], keys[0]), -1, "empty table: absent");
	is_int(fill(&t, NKEYS, 0), 0, "distinct keys placed once each");
	is_int((int)t.n, NKEYS, "count of items");
	ok(t.cap >= 2 * NKEYS && (t.cap & (t.cap - 1)) == 0,
	    "grown to a power of two, at most half full (%zu)", t.cap);
	for (i = 0, all = 1; i < NKEYS; i++)
		all &= find(&t, keys[i], keys[i]) == (long)i;
	ok(all, "every item found after growing");
	is_int(find(&t, 12345, 12345), -1, "a key never added: absent");
	hash_clear(&t);
	is_int((int)t.n, 0, "cleared: no items");
	is_int(find(&t, keys[3], keys[3]), -1, "cleared: absent");
	hash_free(&t);

	/* every hash the same: the probe runs through all, equality decides */
	hash_init(&t, 8);		/* grows on the way */
	is_int(fill(&t, 200, 1), 0, "colliding hashes: placed apart");
	for (i = 0, all = 1; i < 200; i++)
		all &= find(&t, keys[i], 42) == (long)i;
	ok(all, "colliding hashes: each found by its key");
	is_int(find(&t, keys[300], 42), -1, "colliding hash, other key: absent");
	hash_free(&t);
	return tap_done();
}
