/* discover.h: key phrases of the corpus that no lexicon theme covers. */
#ifndef TREAD_DISCOVER_H
#define TREAD_DISCOVER_H

#include <stddef.h>
#include <stdint.h>

struct lexicon;
struct fold_cache;
struct token;

/* Loads every stop-word list DATADIR/stopwords/NAME.txt (a word a line,
 * '#' comments; folded with text_fold) into one set (discover.txt: the
 * relative times, widget and generic words of news in every language),
 * and the gazetteer's names, DATADIR/entities/{people,places,orgs}.ini,
 * where there are any. 0, or -1 when no list could be read. Call before
 * any thread mines articles. */
int	 discover_init(const char *datadir);
void	 discover_free(void);

/* Candidate key phrase of one article: 1-3 content words (stop words
 * allowed inside, as in "community with a shared future"; a hyphenated
 * compound such as "Kassym-Jomart" counts as one word and is never cut),
 * or 2-4 Han characters (none that cuts a two-character stop word such as
 * 关于 or 总统 at either end). */
struct phrase {
	char	*text;		/* folded, words separated by one space;
				   Han n-grams without spaces. The label
				   shares its allocation: free text only. */
	char	*label;		/* as it first appeared in the article
				   (preferring an occurrence that does not
				   open a sentence) */
	float	 score;		/* higher is more salient */
};

/*
 * Per article (thread-safe once discover_init is done): the top MAX
 * candidate phrases of BODY, scored YAKE-style (case, position,
 * frequency, context spread, sentence spread of each word; multi-word
 * phrases repeated in the text rank high). Phrases never cross
 * punctuation (a hyphen between words is fine), never start or end with
 * a stop word (every shipped list applies, whatever LANG says: articles
 * mix languages), and have no digits-only or one-letter word. Han text
 * gives character 2-4-grams seen at least twice (two 4-grams of one
 * longer word, such as 哈萨克斯坦, are joined). A phrase only ever seen
 * inside a longer candidate is dropped. Up to a third of the slots go to
 * the article's most frequent words whatever their rank, so that the
 * corpus level sees the corpus's subject. The first megabyte of BODY is
 * looked at. Linear in LEN; the same input gives the same output.
 * Returns the count; *OUT is malloc'd.
 */
size_t	 discover_article(struct fold_cache *, const char *lang,
	    const char *body, size_t len, size_t max, struct phrase **out);
void	 discover_phrases_free(struct phrase *, size_t);

/* Bytes of a body discover_article looks at: a 30 MB article's key
 * phrases are in its first megabyte too. */
#define DISCOVER_BODY_MAX	(1u << 20)

/*
 * A work space discover_article_tokens keeps its tables in from one
 * article to the next, so that a thread mining many articles does not
 * allocate and clear them for each. One per thread.
 */
struct discover_ws;
struct discover_ws *discover_ws_new(void);
void	 discover_ws_free(struct discover_ws *);

/*
 * As discover_article, in work space WS (NULL: a fresh one), with
 * TOK[0..NTOK) the tokens text_tokens made of BODY[0..LEN) with FC, so
 * that a caller that has them (the loader, after matching) does not
 * tokenise the body twice. TOK NULL, or a LEN over DISCOVER_BODY_MAX:
 * the body is cut and tokenised here.
 */
size_t	 discover_article_tokens(struct discover_ws *ws, struct fold_cache *,
	    const char *lang, const char *body, size_t len,
	    const struct token *tok, size_t ntok, size_t max,
	    struct phrase **out);

/* A discovered theme: a phrase and the articles it belongs to. */
struct discovered {
	char	*id;		/* "d:" + folded phrase, letters and digits
				   kept (any script), anything else one '-':
				   no spaces, commas or colons */
	char	*label;
	uint32_t *articles;	/* sorted article indexes */
	size_t	 narticles;
};

/*
 * Corpus level: from each article's phrases (PER[i], NPER[i]) choose at
 * most MAX themes by TF-IDF (the sum of a phrase's weights, 1/(1+rank)
 * in each article listing it, times log(1 + N/df); halved for a single
 * word). An article is also
 * credited, at half weight, with the phrases other articles list that
 * are part of one of its own ("tokayev" in "kassym jomart tokayev").
 * Skipped: phrases LEX covers (lexicon_covers; NULL: none) and runs of
 * the words of a longer term (lexicon_part_of: "central" of "central
 * asia"), gazetteer names, parts of them and names with a title ("xi
 * jinping", 萨克斯坦, "président tokaïev": entities, not themes), phrases
 * seen almost only inside a skipped longer one (4 in 5 of their
 * articles), phrases in fewer than 2 articles when the corpus has more
 * than 2, single lower-case words ("countries": not a name) and single
 * Han words of two characters, phrases opening in lower case with a
 * capital later ("forderten engere Arbeit"), and, with more than 2
 * articles, the corpus's subject: a single word in 60% of the articles
 * or more, or a phrase at least half of whose words are in more than
 * 60% ("china", "xi jinping"); the same in the articles of one language
 * (LANGS[i]: article i's code, "" unknown; LANGS NULL: not told) that
 * has 5 articles or more ("Ministerium" of the German ones); and, in
 * German articles only, where every noun has a capital, single words
 * and phrases with a verb. Spellings of one name in several
 * inflections (words of more than 4 letters that differ in their last
 * two at most: "Tokajew", "Tokajewa"; "Астана", "Астаны") are one
 * theme, named as the one in most articles spells it. Of two related phrases (one inside the
 * other, or sharing two words) whose articles are the same, or one's
 * among the other's, only the more general (more articles), else the
 * longer, stays. Linear in the number of phrases; the same input gives
 * the same output.
 */
size_t	 discover_select(const struct lexicon *lex, struct phrase **per,
	    const size_t *nper, const char *const *langs, size_t narticles,
	    size_t max, struct discovered **out);
void	 discover_themes_free(struct discovered *, size_t);

#endif
