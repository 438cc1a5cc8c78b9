/* state.h: read marks and reading positions, kept across runs. */
#ifndef TREAD_STATE_H
#define TREAD_STATE_H

#include <stddef.h>
#include <stdint.h>

struct article;

struct state;

/* Opens the state file at PATH, or paths_state("state") when PATH is
 * NULL. Missing = all unread. Corrupt = the lines that parse are kept,
 * the file is renamed to PATH.corrupt-TIME and the next save writes what
 * was kept. Unreadable (or a link, a FIFO...) = all unread, and the file
 * is never overwritten. Either gives a warning naming the file on stderr
 * and in state_warning. Never fails: returns an empty state at worst. */
struct state *state_open(const char *path);
void	 state_free(struct state *);
/* The warning of a state file that was corrupt or unreadable, for the
 * UI to show once the screen is up (stderr is hidden then); else NULL. */
const char *state_warning(const struct state *);
/* How long state_save waits for the lock (ms; 30,000 unless set: tests
 * set less). */
void	 state_set_lock_wait(struct state *, long ms);

/* Marks and positions are keyed by the article's path. */
int	 state_is_read(const struct state *, const char *key);
void	 state_set_read(struct state *, const char *key, int read);
long	 state_pos(const struct state *, const char *key);
void	 state_set_pos(struct state *, const char *key, long pos);
/*
 * The read marks of the N articles V, as bits (bit i % 64 of word i / 64
 * of BITS, (N + 63) / 64 words, all set anew): what state_is_read says
 * of each path, but an article walked as a plain file (article.plain)
 * costs one realpath per directory, not one per file, and a state with
 * no read mark none at all. (A plain file deleted since it was walked is
 * looked up by its directory's real path; state_is_read would use the
 * path as given.)
 */
void	 state_read_set(const struct state *, const struct article *v,
	    size_t n, uint64_t *bits);

/* How many articles have a mark or a position (for tests and stats). */
size_t	 state_count(const struct state *);

/* Saves atomically (store.h) after merging what another tread wrote
 * meanwhile, under a lock waited for 30 s at most. 0, or -1 with a
 * warning. */
int	 state_save(struct state *);

#endif
