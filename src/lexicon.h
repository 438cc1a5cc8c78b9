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
/* Does folded phrase P (space-separated tokens) match any term that is
 * not weak? Used by discovery to skip phrases a lexicon theme covers. */
int	 lexicon_covers(const struct lexicon *, const char *p, size_t len);
/* Is folded phrase P a run of the words of a longer term ("central" or
 * "asia" of "central asia", "azji" of "azj* srodkow*")? Discovery skips
 * such pieces. */
int	 lexicon_part_of(const struct lexicon *, const char *p, size_t len);
/* Is every word of folded phrase P inside a term's match (a name of a
 * gazetteer, all of "xi jinping")? */
int	 lexicon_covers_all(const struct lexicon *, const char *p, size_t len);

/*
 * The compiled rules, read by match.c (only lexicon.c builds them); the
 * term language is described in tread-themes(5).
 */
enum lex_kind {
	LEX_PLAIN,	/* adds its weight wherever it occurs */
	LEX_NOT,	/* masks the words it covers for its theme */
	LEX_NEAR,	/* one group of a proximity rule */
	LEX_NEED	/* the theme counts only where one of these occurs */
};

struct lex_tok {
	char		*s;	/* folded */
	uint32_t	 len;
	int		 prefix; /* "word*": matches words starting with s */
	int		 suffix; /* "*word": words ending in s ("*word*": containing
			  * it); the first word of a term only */
	int		 initial; /* LEXT_NAME: written with a capital initial,
			  * it matches only a word that does not start in
			  * lower case */
};

/* Term flags. */
#define LEXT_CAPS	0x1	/* written in capitals: matches capitals only */
#define LEXT_WEAK	0x2	/* counts only with a non-weak term of the theme */
#define LEXT_PORTABLE	0x4	/* a phrase or a whole word of 6 letters or more,
				 * not weak, capitals or a prefix: it also
				 * applies to other languages of its script */
#define LEXT_SPECIFIC	0x8	/* "specific" key: a name or the theme's own
				 * word; it meets the theme's support alone */
#define LEXT_NAME	0x10	/* "name" key: specific, and its words written
				 * with a capital initial match capitalised
				 * words only ("Belt and Road", not "seat
				 * belt and road safety") */

struct lex_term {
	char		*text;	/* as written, without its weight */
	struct lex_tok	*tok;
	uint16_t	 ntok;
	uint16_t	 theme;
	uint8_t		 kind;	/* enum lex_kind */
	uint8_t		 group;	/* LEX_NEAR: which group of the rule */
	uint8_t		 lang;	/* index of lexicon_lang; 0: any language */
	uint8_t		 flags;	/* LEXT_* */
	uint32_t	 rule;	/* LEX_NEAR: index into the rules */
	float		 weight; /* LEX_PLAIN */
};

/* Where a proximity window may reach. */
enum lex_scope {
	LEX_SENTENCE,	/* "~N": the same sentence (the default) */
	LEX_PARAGRAPH,	/* "~Np": the same paragraph */
	LEX_ARTICLE	/* no "~N": anywhere in the article */
};

struct lex_rule {
	uint16_t	 theme;
	uint8_t		 ngroups;
	uint8_t		 scope;	/* enum lex_scope */
	uint8_t		 veto;	/* "veto": with no window, the theme is off when
				 * every group occurs; with one, the words of
				 * group 0 near the others count for nothing */
	int		 window; /* in words; -1: anywhere in the article */
	int		 ordered; /* "~+N": later groups follow group 0 */
	float		 weight;
};

#define LEX_MAX_WINDOW	100
#define LEX_MAX_GROUPS	8

const struct lex_term *lexicon_term(const struct lexicon *, uint32_t);
const struct lex_rule *lexicon_rule(const struct lexicon *, uint32_t);
size_t	 lexicon_nrules(const struct lexicon *);
/* The rules of theme TH are lexicon_rule [*FIRST, *FIRST + n) (they come
 * theme by theme); returns n. Matching asks it of each theme it scores,
 * instead of going through every rule of the lexicon. */
size_t	 lexicon_theme_rules(const struct lexicon *, size_t th,
	    size_t *first);
/* The language code of index I ("any" for 0), and the index of CODE (an
 * article's language; 0 when it is not one the lexicon knows). */
const char *lexicon_lang(size_t i);
size_t	 lexicon_lang_index(const char *code);
/* Does theme TH have terms of language L of its own? (Else the terms of
 * other languages in the same script stand in for them.) */
int	 lexicon_theme_has_lang(const struct lexicon *, size_t th, size_t l);
/* The script of language L: 0 Latin, 1 Cyrillic, 2 Han and other CJK,
 * 3 Arabic. */
int	 lexicon_lang_script(size_t l);
float	 lexicon_threshold(const struct lexicon *, size_t theme);
/* The theme's support (default 1): unless a specific term or a proximity
 * rule counts, its score must reach this many times the threshold. */
int	 lexicon_support(const struct lexicon *, size_t theme);
/* The theme's cluster (default 0, none): this many different terms of the
 * theme counting within 40 words meet its support as a specific term
 * does (a passage about the domain, not a word in passing). */
int	 lexicon_cluster(const struct lexicon *, size_t theme);
/* Does the theme have "need" terms (it is a hit only in an article that
 * names one of them)? */
int	 lexicon_needs(const struct lexicon *, size_t theme);
/*
 * Terms matching the tokens T[I..N) from T[I] on (a phrase never runs
 * over a paragraph start): up to MAX term ids in IDS; returns how many.
 */
size_t	 lexicon_match_at(const struct lexicon *, const struct token *t,
	    size_t n, size_t i, uint32_t *ids, size_t max);
/*
 * The lexicon's bit in a word's memo (text_memo; 0: it has none): set,
 * lexicon_match_at finds no term at that word, so a caller may skip it.
 */
uint32_t lexicon_memo_bit(const struct lexicon *);

#endif
