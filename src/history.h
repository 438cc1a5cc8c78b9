/* history.h: the query line's history, kept across runs in the XDG state
 * directory (paths_state("history")), newest last, bounded. */
#ifndef TREAD_HISTORY_H
#define TREAD_HISTORY_H

#include <stddef.h>

#define HISTORY_MAX	200	/* entries kept */
#define HISTORY_LINE	511	/* bytes of one entry at most */

struct history;

/* Reads PATH (NULL: a history kept in memory only). A missing file is an
 * empty history; a file that is not ours, not text or too large is read
 * as far as it is sound and never overwritten by a file of another kind:
 * lines that do not parse are dropped. Never fails. */
struct history *history_open(const char *path);
void	 history_free(struct history *);

/* Parses the file's bytes (BUF, LEN) into H, over what it held: lines
 * that are not a valid entry are skipped; only the last HISTORY_MAX
 * kept. Linear in LEN. For history_open and the fuzzer. */
void	 history_parse(struct history *, const char *buf, size_t len);

/* Appends LINE (an earlier copy of it moves to the end); an empty line,
 * one too long, not UTF-8 or with a control character is not kept. */
void	 history_add(struct history *, const char *line);

/* How many entries; entry I, 0 the oldest. */
size_t	 history_n(const struct history *);
const char *history_get(const struct history *, size_t i);

/* Writes the history atomically (store.h), after merging the entries
 * another tread added meanwhile. 0, or -1 (warned). */
int	 history_save(struct history *);

#endif
