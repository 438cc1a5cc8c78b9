/* match.h: one pass of all lexicon rules over an article, with evidence. */
#ifndef TREAD_MATCH_H
#define TREAD_MATCH_H

#include <stddef.h>
#include <stdint.h>
#include "article.h"

struct lexicon;
struct fold_cache;
struct token;

/* A matched term: a byte range of the body, and the theme it counts for. */
struct span {
	uint32_t	off;
	uint32_t	len;
	uint16_t	theme;	/* lexicon index */
};

struct match_result {
	struct theme_hit *hits;		/* themes over threshold, strongest first */
	size_t		 nhits;
	struct span	*spans;		/* sorted by offset; only for themes in hits;
					 * a theme's own spans never overlap */
	size_t		 nspans;
};

/*
 * Matches every theme of LEX against TITLE and BODY in one pass. Theme
 * indexes in the result are lexicon indexes. SPANS are byte offsets into
 * BODY (title matches count for the score but have no span). FC is the
 * caller's (per-thread) fold cache. LANG is the article's language code
 * (NULL or "": unknown, every term applies); terms scoped to another
 * language apply only to text in another script. Mentions inside
 * boilerplate blocks of the body (link lists after "See also", tag
 * lines) do not count. WANT_SPANS = 0 skips evidence.
 */
void	 match_article(const struct lexicon *lex, struct fold_cache *fc,
	    const char *lang, const char *title, const char *body, size_t len,
	    int want_spans, struct match_result *out);
void	 match_result_free(struct match_result *);

/* Evidence to show: the union of overlapping spans, with every theme
 * whose span is part of it (the first MATCH_SEG_THEMES, in lexicon
 * order). */
#define MATCH_SEG_THEMES	6
struct segment {
	uint32_t	off;
	uint32_t	len;
	uint16_t	theme[MATCH_SEG_THEMES];
	uint8_t		ntheme;
};

/* R's spans as segments in *OUT (malloc'd, NULL for none); returns how
 * many. */
size_t	 match_segments(const struct match_result *r, struct segment **out);

/*
 * The boilerplate blocks of BODY[0..LEN) that matching skips: byte ranges
 * [start, end) in pairs, in order, into *OUT (malloc'd); returns how many
 * ranges. FC folds the heads of short lines.
 */
size_t	 match_boilerplate(struct fold_cache *fc, const char *body, size_t len,
	    uint32_t **out);

/*
 * As match_article, with TOK[0..NTOK) the tokens text_tokens made of
 * BODY[0..LEN) with FC (or NULL): a body short enough to be matched in
 * one piece is then not tokenised again.
 */
void	 match_article_tokens(const struct lexicon *lex, struct fold_cache *fc,
	    const char *lang, const char *title, const char *body, size_t len,
	    const struct token *tok, size_t ntok, int want_spans,
	    struct match_result *out);

/*
 * An article made ready for matching by several lexicons (the themes,
 * the gazetteers): its words, sentences, boilerplate and list marks are
 * worked out once. Arguments as match_article_tokens'; P keeps pointers
 * to TITLE, BODY and TOK, which must outlive it. match_prep_run gives
 * what match_article_tokens would for LEX.
 */
struct match_prep;
struct match_prep *match_prep_new(struct fold_cache *fc, const char *title,
	    const char *body, size_t len, const struct token *tok,
	    size_t ntok);
void	 match_prep_run(struct match_prep *p, const struct lexicon *lex,
	    const char *lang, int want_spans, struct match_result *out);
void	 match_prep_free(struct match_prep *p);

#endif
