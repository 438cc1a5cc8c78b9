/* lexicon.h: the theme lexicon (themes.ini, iniparser) compiled to rules. */
#ifndef TREAD_LEXICON_H
#define TREAD_LEXICON_H

#include <stddef.h>
#include <stdint.h>
#include "text.h"

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

/*
 * The compiled rules, read by match.c (only lexicon.c builds them); the
 * term language is described in tread-themes(5).
 */
enum lex_kind {
	LEX_PLAIN,	/* adds its weight wherever it occurs */
	LEX_NOT,	/* masks the words it covers for its theme */
	LEX_NEAR	/* one group of a proximity rule */
};

struct lex_tok {
	char		*s;	/* folded */
	uint32_t	 len;
	int		 prefix; /* "word*": matches words starting with s */
};

struct lex_term {
	char		*text;	/* as written, without its weight */
	struct lex_tok	*tok;
	uint16_t	 ntok;
	uint16_t	 theme;
	uint8_t		 kind;	/* enum lex_kind */
	uint8_t		 group;	/* LEX_NEAR: which group of the rule */
	uint32_t	 rule;	/* LEX_NEAR: index into the rules */
	float		 weight; /* LEX_PLAIN */
};

struct lex_rule {
	uint16_t	 theme;
	uint8_t		 ngroups;
	int		 window; /* in words; -1: anywhere in the article */
	int		 ordered; /* "~+N": later groups follow group 0 */
	float		 weight;
};

#define LEX_MAX_WINDOW	100
#define LEX_MAX_GROUPS	8

const struct lex_term *lexicon_term(const struct lexicon *, uint32_t);
const struct lex_rule *lexicon_rule(const struct lexicon *, uint32_t);
size_t	 lexicon_nrules(const struct lexicon *);
float	 lexicon_threshold(const struct lexicon *, size_t theme);
/*
 * Terms matching the tokens T[I..N) from T[I] on (a phrase never runs
 * over a paragraph start): up to MAX term ids in IDS; returns how many.
 */
size_t	 lexicon_match_at(const struct lexicon *, const struct token *t,
	    size_t n, size_t i, uint32_t *ids, size_t max);

#endif
