/* timeline.h: articles per day, week or month, per theme and per entity: the data of --timeline and the sparklines. */
#ifndef TREAD_TIMELINE_H
#define TREAD_TIMELINE_H

#include <stddef.h>
#include <stdint.h>

struct corpus;

enum timeline_by { BY_DAY, BY_WEEK, BY_MONTH };

/* The dated span of C in periods of BY: FIRST and the count N of
 * periods from the earliest to the latest dated article (N 0: none). */
struct timeline_span {
	int32_t		 first;		/* period number of the first */
	size_t		 n;
	enum timeline_by by;
};
void	 timeline_span(const struct corpus *c, enum timeline_by by,
	    struct timeline_span *out);

/* Period number of DATE ("YYYY-MM-DD") in BY, or INT32_MIN undated. */
int32_t	 timeline_period(const char *date, enum timeline_by by);
/* Writes period P's label ("2024-07-03", "2024-W27", "2024-07"). */
void	 timeline_label(int32_t p, enum timeline_by by, char *out, size_t len);

/*
 * Counts, per period of SPAN, the articles for which PICK(c, i, arg) is
 * true (PICK NULL: all) among those KEEP selects (NULL: all) into
 * OUT[0..span->n). Undated articles are not counted.
 */
void	 timeline_count(const struct corpus *c, const struct timeline_span *,
	    const unsigned char *keep, int (*pick)(const struct corpus *,
	    size_t, void *), void *arg, uint32_t *out);

/* The period in BY of each of C's articles (INT32_MIN: undated), as a
 * new array of C->n entries (free() it): dates parsed once for the
 * counts of every theme and entity. */
int32_t	*timeline_periods(const struct corpus *c, enum timeline_by by);
/* The span of the N periods PER (timeline_periods in BY). */
void	 timeline_span_of(const int32_t *per, size_t n, enum timeline_by by,
	    struct timeline_span *out);
/* timeline_count of the articles of bitset SET (corpus_theme_set, NULL:
 * none) from their periods PER: a walk over the set's bits, not over
 * every article. */
void	 timeline_count_set(const struct corpus *c,
	    const struct timeline_span *, const int32_t *per,
	    const uint64_t *set, uint32_t *out);

/*
 * A sparkline of COUNTS[0..N) in at most WIDTH cells (periods are
 * summed into cells when there are more), scaled to the largest: the
 * eight Unicode block elements when UTF8, else " .:-=+*#". Returns OUT.
 */
char	*timeline_spark(const uint32_t *counts, size_t n, size_t width,
	    int utf8, char *out, size_t len);

#endif
