/* lexicon.h: the theme lexicon (themes.ini, iniparser) compiled to rules. */
#ifndef TREAD_LEXICON_H
#define TREAD_LEXICON_H

#include <stddef.h>
#include <stdint.h>

struct lexicon;

/*
 * Loads the default lexicon at PATH and, if USER is not NULL, a user
 * lexicon that extends or overrides it (same section = replaced). On a
 * problem returns NULL and writes "FILE:LINE: reason" to ERR.
 */
struct lexicon *lexicon_load(const char *path, const char *user, char *err,
	    size_t errlen);
void	 lexicon_free(struct lexicon *);

size_t	 lexicon_count(const struct lexicon *);
const char *lexicon_id(const struct lexicon *, size_t);
const char *lexicon_label(const struct lexicon *, size_t);
/* Hash of the compiled content: part of the index cache key. */
uint64_t lexicon_hash(const struct lexicon *);
/* Every term in its original spelling, for the grep reference in bench
 * (callback per term). */
void	 lexicon_terms(const struct lexicon *, void (*)(const char *, void *),
	    void *);
/* Does folded phrase P (space-separated tokens) match any term? Used by
 * discovery to skip phrases a lexicon theme covers. */
int	 lexicon_covers(const struct lexicon *, const char *p, size_t len);

#endif
