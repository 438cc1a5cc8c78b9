/* query.h: the filter language: parse once, evaluate on the corpus. */
#ifndef TREAD_QUERY_H
#define TREAD_QUERY_H

#include <stddef.h>
#include <stdint.h>

struct corpus;
struct query;

/*
 * Parses QUERY: space-separated terms, all must hold.
 *   theme:a theme:b   all of;  theme:a,b  any of;  -theme:a  none of
 *   lang:pl  source:xinhua  after:2024-01-01  before:2025-01-01
 *   word  "quoted phrase"  searched in title and body (folded)
 * A leading '-' negates any term. Theme ids are checked against C's
 * theme table. Returns NULL with a message in ERR on a bad query.
 */
struct query *query_parse(const char *query, const struct corpus *c,
	    char *err, size_t errlen);
void	 query_free(struct query *);

/* Sets KEEP[i] = 1 for every article of C the query selects, else 0.
 * Returns the number selected. A NULL query selects everything. */
size_t	 query_eval(const struct query *, struct corpus *c,
	    unsigned char *keep);

/* Does the query search words (needs article text)? */
int	 query_has_words(const struct query *);

/* For highlighting: the folded words/phrases of the query, NULL-ended. */
const char *const *query_words(const struct query *);

#endif
