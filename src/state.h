/* state.h: read marks and reading positions, kept across runs. */
#ifndef TREAD_STATE_H
#define TREAD_STATE_H

#include <stddef.h>

struct state;

/* Opens the state file at PATH, or paths_state("state") when PATH is
 * NULL (missing = all unread; corrupt = all unread with a warning naming
 * the file). Never fails: returns an empty state at worst. */
struct state *state_open(const char *path);
void	 state_free(struct state *);

/* Marks and positions are keyed by the article's path. */
int	 state_is_read(const struct state *, const char *key);
void	 state_set_read(struct state *, const char *key, int read);
long	 state_pos(const struct state *, const char *key);
void	 state_set_pos(struct state *, const char *key, long pos);
/* How many articles have a mark or a position (for tests and stats). */
size_t	 state_count(const struct state *);

/* Saves atomically (temp file, fsync, rename) after merging what another
 * tread wrote meanwhile, under a lock. 0, or -1 with a warning. */
int	 state_save(struct state *);

#endif
