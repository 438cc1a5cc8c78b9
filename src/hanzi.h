/* hanzi.h: how much a text looks like real Chinese (decode uses it to
 * choose between GB18030 and Big5), and traditional characters folded to
 * simplified ones (text folding uses it). */
#ifndef TREAD_HANZI_H
#define TREAD_HANZI_H

#include <stddef.h>
#include <unitypes.h>

/* Per mille of the non-ASCII characters of the UTF-8 TEXT that are
 * among the commonest Han characters (0 without any). */
int	 hanzi_score(const char *text, size_t len);

/* Has the decoding B clearly (by 10 points) more common characters than
 * the decoding A of the same bytes? */
int	 hanzi_clearly_better(const char *b, size_t blen, const char *a,
	    size_t alen);

/* The simplified form of the traditional Han character U (數 gives 数),
 * else U itself. Thread-safe. */
ucs4_t	 hanzi_simplify(ucs4_t u);

#endif
