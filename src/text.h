/* text.h: normalising, case/diacritic folding and tokenising (libunistring). */
#ifndef TREAD_TEXT_H
#define TREAD_TEXT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Folds S to the form all matching compares: NFKC, full case folding,
 * diacritics removed (NFD, drop combining marks, NFC), so "Énergie",
 * "ENERGIE" and "energie" compare equal. Malloc'd, NUL-terminated.
 */
char	*text_fold(const char *s, size_t len, size_t *outlen);

/* One word of the original text: where it is, and its folded form. */
struct token {
	uint32_t	 off;	/* byte offset in the original text */
	uint32_t	 len;	/* byte length in the original text */
	const char	*norm;	/* folded form, owned by the fold cache */
	uint32_t	 nlen;
	uint32_t	 flags;
#define TOKEN_CJK	0x1	/* one Han/Kana/Hangul character */
#define TOKEN_PARA	0x2	/* first token of a paragraph */
#define TOKEN_MEMO	0x4	/* from a fold cache: text_memo works */
};

/*
 * A cache of folded forms: each distinct token is folded once (ASCII
 * takes a fast path). Not thread-safe: one per thread. The folded
 * strings it hands out (token.norm) live until fold_cache_free.
 */
struct fold_cache;
struct fold_cache *fold_cache_new(void);
void	 fold_cache_free(struct fold_cache *);
const char *fold_cache_get(struct fold_cache *, const char *, size_t,
	    uint32_t *nlen);
/* A number that no other cache of the process has (0 for NULL): a
 * caller keeping the cache's pointers (token.norm) across calls knows
 * by it that they are still the same cache's, not a later one's that
 * may reuse the memory. */
uint64_t fold_cache_id(const struct fold_cache *);

/*
 * A word of memory that goes with the folded form of token T, zero at
 * first, one per distinct word the cache has seen: a caller remembers
 * there what it worked out about the word once (the lexicon: "no term
 * starts here"), instead of per occurrence. NULL without TOKEN_MEMO.
 * Lives as long as the cache; the cache's thread only.
 */
static inline uint32_t *
text_memo(const struct token *t)
{
	if (!(t->flags & TOKEN_MEMO))
		return NULL;	/* inline: matching asks it of every word */
	return (uint32_t *)(uintptr_t)(t->norm - sizeof(uint32_t));
}

/*
 * Splits S into word tokens: runs of letters, digits and combining marks
 * (hyphens and apostrophes split words: "e-commerce" is "e" "commerce",
 * "Xi'an" is "xi" "an"); each Han, Kana or Hangul letter is a token of
 * its own (TOKEN_CJK). A token after a blank line gets TOKEN_PARA, and
 * so does the first. *OUT is grown as needed (its capacity in *CAP);
 * returns the number of tokens.
 */
size_t	 text_tokens(const char *s, size_t len, struct fold_cache *,
	    struct token **out, size_t *cap);

/*
 * Search as the reader and the help do it: does NEEDLE match S (LEN
 * bytes) at P, ignoring case and diacritics (Lodz finds Łódź)? The
 * length of S matched, or 0. text_search_next steps from I over one
 * character and its combining marks, to the next place a match may start.
 */
size_t	 text_search_at(const char *s, size_t len, size_t p,
	    const char *needle);
size_t	 text_search_next(const char *s, size_t len, size_t i);

#endif
