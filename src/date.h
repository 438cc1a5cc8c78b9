/* date.h: publication dates in the formats and languages articles use. */
#ifndef TREAD_DATE_H
#define TREAD_DATE_H

#include <stddef.h>

/*
 * Finds the publication date of an article in TEXT (clean UTF-8, the
 * whole article; the head counts most: a stamp, byline or dateline
 * there before a date in a sentence). Writes "YYYY-MM-DD" and a NUL to
 * OUT, or "" when the text has no year and none can be inferred.
 * Returns 0 when a date was found, -1 otherwise.
 */
int	date_find(const char *text, size_t len, char out[11]);

/* The order of day and month in "03/04/2024": what the text shows (a day
 * above 12, "March 3, 2024", a US dateline), day first, month first. */
enum { DATE_ORDER_AUTO, DATE_ORDER_DMY, DATE_ORDER_MDY };

/* date_find with ORDER for the slashed dates the text leaves open. */
int	date_find_order(const char *text, size_t len, int order, char out[11]);

/* The DATE_ORDER_* that S names ("auto", "dmy", "mdy", any case), or -1. */
int	date_order_parse(const char *s);

/* --date-order: ORDER for every file (DATE_ORDER_AUTO: each file's
 * directory setting, else what its text shows), and what it is. */
void	date_set_order(int order);
int	date_forced_order(void);

/*
 * Parses one date expression at the start of S ("12.09.2019",
 * "2024-07-03 19:56:10", "3 lipca 2024", "June 6", "16 juin 2025",
 * "3 июля 2024 года", "2024年7月3日", "2024 жылғы 3 шілде" ...).
 * Sets *y (0 when the expression has no year), *m, *d and returns the
 * number of bytes consumed, or 0 when S does not start with a date.
 */
size_t	date_parse(const char *s, size_t len, int *y, int *m, int *d);

/* Checks a normalised "YYYY-MM-DD" (for query after:/before:). */
int	date_valid_iso(const char *s);

#endif
