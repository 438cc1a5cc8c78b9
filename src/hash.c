/* hash.c: the one hash table (hash.h): sizing, growing, clearing. */
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "util.h"

void
hash_init(struct hash *t, size_t expect)
{
	memset(t, 0, sizeof *t);
	if (expect == 0)
		return;
	for (t->cap = 16; t->cap < 2 * expect; t->cap *= 2)
		;
	t->slot = xcalloc(t->cap, sizeof *t->slot);
}

void
hash_free(struct hash *t)
{
	free(t->slot);
	memset(t, 0, sizeof *t);
}

void
hash_clear(struct hash *t)
{
	if (t->slot != NULL)
		memset(t->slot, 0, t->cap * sizeof *t->slot);
	t->n = 0;
}

void
hash_grow(struct hash *t, hash_key_fn *key, const void *ctx)
{
	uint32_t *old = t->slot, *s;
	size_t ocap = t->cap, i, pos;

	t->cap = ocap ? ocap * 2 : 16;
	t->slot = xcalloc(t->cap, sizeof *t->slot);
	for (i = 0; i < ocap; i++) {
		if (old[i] == 0)
			continue;
		for (s = hash_first(t, key(ctx, old[i] - 1), &pos); *s != 0;
		    s = hash_next(t, &pos))
			;
		*s = old[i];
	}
	free(old);
}
