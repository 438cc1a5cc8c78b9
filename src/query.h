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
 *   lang:pl  lang:pl,de  (any of)
 *   source:xinhua     substring of the source, case/diacritic-insensitive
 *                     (source:xinhua,cgtn any of)
 *   after:D           dated on or after D (inclusive)
 *   before:D          dated strictly before D
 *   date:D            dated within D (date:2024, date:2024-07)
 *     D is YYYY-MM-DD, YYYY-MM or YYYY (a missing part counts as 01).
 *     Undated articles never match a date term, negated or not, so
 *     -after:D is the same as before:D.
 *   word  "quoted phrase"  searched in title and body: whole folded
 *     words (libunistring word breaking, text_fold on both sides), so
 *     "ENERGIE" finds "Energie" and "lodz" finds "Łódź"; "energ*" is a
 *     prefix; a word that breaks into several ("China-Kazakhstan")
 *     is a phrase. A phrase never spans title and body.
 * A leading '-' negates any term; field names and values may be quoted
 * (source:"xinhua net"). Theme ids are checked against C's theme table
 * (exactly, else folded). Returns NULL with a message in ERR naming the
 * offending term on a bad query: unknown field, unknown theme (with the
 * list of themes), bad date or language code, unterminated quote, empty
 * value, a word with nothing to search for.
 */
struct query *query_parse(const char *query, const struct corpus *c,
	    char *err, size_t errlen);
void	 query_free(struct query *);

/* Adds to Q the themes SEL selects (SEL[t] for each theme of C) as
 * terms, as theme:a theme:b (ALL_OF) or theme:a,b would: the UI's theme
 * panel is a filter of the same language, with no text in between. */
void	 query_add_themes(struct query *q, const struct corpus *c,
	    const unsigned char *sel, int all_of);
/* Adds entity terms to Q for the N entities E (numbers in the corpus's
 * entity index, as the People & places group selects them): one term
 * of them all, or with ALL_OF one each. */
void	 query_add_entities(struct query *q, const uint32_t *e, size_t n,
	    int all_of);
/* Adds lang:CODE to Q. */
void	 query_add_lang(struct query *q, const char *code);

/* The I-th field name ("theme", "lang", ...), or NULL past the last. */
const char *query_field(size_t i);

/* Sets KEEP[i] = 1 for every article of C the query selects, else 0.
 * Returns the number selected. A NULL query selects everything.
 * Metadata terms are checked first and cost no I/O (a theme toggle over
 * 100,000 articles is a few ms). Word terms are answered by C's word
 * index (windex.h) where it covers the article: a word, a prefix or a
 * two-word phrase from posting lists alone (about a millisecond at
 * 100,000 articles); a longer phrase narrows the candidates to articles
 * having all its word pairs, and only those are read. Articles the index
 * does not cover (no index, file changed) are tokenised, corpus_body
 * re-reading a non-resident body from its file: slow on a big corpus,
 * but the same answer. Not thread-safe (corpus_body). */
size_t	 query_eval(const struct query *, struct corpus *c,
	    unsigned char *keep);

/*
 * The same selection as query_eval, as a bitset OUT of (C->n + 63) / 64
 * words (bits past C->n clear), using MEMO (query_memo_new) to keep each
 * term's answer between calls: the UI evaluates one query after another
 * that differ in one term (a theme toggled, a word typed or erased), and
 * only the changed term is worked out again. Theme terms are word
 * operations on C's per-theme sets; metadata and indexed word terms are
 * kept in MEMO by their text; what must read articles (a phrase of three
 * or more words, an article the word index does not cover, an entity
 * term) is asked only of the articles every other term already allows.
 * MEMO belongs to one corpus: its answers are dropped when C's articles
 * or word index change. Returns the number selected. Not thread-safe.
 */
struct query_memo;
struct query_memo *query_memo_new(void);
void	 query_memo_free(struct query_memo *);
size_t	 query_eval_set(const struct query *, struct corpus *c,
	    struct query_memo *memo, uint64_t *out);

/* Does the query search words (needs article text)? */
int	 query_has_words(const struct query *);

/* For highlighting: the folded words/phrases of the query (not the
 * negated ones), NULL-ended; words of a phrase are separated by one
 * space, and a prefix term keeps its trailing '*'. Owned by the query;
 * built on the first call (so not thread-safe). */
const char *const *query_words(const struct query *);

#endif
