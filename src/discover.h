/* discover.h: key phrases of the corpus that no lexicon theme covers. */
#ifndef TREAD_DISCOVER_H
#define TREAD_DISCOVER_H

#include <stddef.h>
#include <stdint.h>

struct lexicon;
struct fold_cache;

/* Loads stop-word lists from DATADIR/stopwords/LANG.txt; 0 or -1. */
int	 discover_init(const char *datadir);
void	 discover_free(void);

/* Candidate key phrase of one article: 1-3 content words (stop words
 * allowed inside, as in "community with a shared future"), or 2-4 Han
 * characters. */
struct phrase {
	char	*text;		/* folded, words separated by one space;
				   Han n-grams without spaces */
	char	*label;		/* as it first appeared in the article
				   (preferring an occurrence that does not
				   open a sentence) */
	float	 score;		/* higher is more salient */
};

/*
 * Per article (thread-safe once discover_init is done): the top MAX
 * candidate phrases of BODY, strongest first, scored YAKE-style (case,
 * position, frequency, context spread, sentence spread of each word;
 * multi-word phrases repeated in the text rank high). Phrases never cross
 * punctuation (a hyphen between words is fine), never start or end with
 * a stop word (every shipped list applies, whatever LANG says: articles
 * mix languages), and have no digits-only or one-letter word. Han text
 * gives character 2-4-grams seen at least twice. A phrase only ever seen
 * inside a longer candidate is dropped. Returns the count; *OUT is
 * malloc'd.
 */
size_t	 discover_article(struct fold_cache *, const char *lang,
	    const char *body, size_t len, size_t max, struct phrase **out);
void	 discover_phrases_free(struct phrase *, size_t);

/* A discovered theme: a phrase and the articles it belongs to. */
struct discovered {
	char	*id;		/* "d:" + folded phrase with '-' for spaces */
	char	*label;
	uint32_t *articles;	/* sorted article indexes */
	size_t	 narticles;
};

/*
 * Corpus level: from each article's phrases (PER[i], NPER[i]) choose at
 * most MAX themes by TF-IDF, skipping phrases LEX covers and phrases in
 * fewer than 2 articles (when the corpus has more than 2).
 */
size_t	 discover_select(const struct lexicon *lex, struct phrase **per,
	    const size_t *nper, size_t narticles, size_t max,
	    struct discovered **out);
void	 discover_themes_free(struct discovered *, size_t);

#endif
