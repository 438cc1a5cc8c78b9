/* t_text.c: folding (case, diacritics, NFKC, ß, ł), tokens with offsets, CJK, paragraphs, the fold cache. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "text.h"

/* Folds S and compares with WANT. */
static void
fold_is(const char *s, const char *want)
{
	size_t n;
	char *f = text_fold(s, strlen(s), &n);

	is_str(f, want, s);
	is_int(n, strlen(want), "folded length");
	free(f);
}

/* Folding: every form a reader or a newspaper might use compares equal. */
static void
t_fold(void)
{
	fold_is("ENERGIE", "energie");
	fold_is("Énergie", "energie");
	fold_is("e\xcc\x81nergie", "energie");		/* decomposed é */
	fold_is("Straße", "strasse");
	fold_is("Łódź", "lodz");
	fold_is("Współpracy", "wspolpracy");
	fold_is("ＥＮＥＲＧＹ", "energy");		/* full-width */
	fold_is("ﬁnance", "finance");			/* ligature */
	fold_is("ТОВАРООБОРОТ", "товарооборот");
	fold_is("Объединённых", "объединенных");
	fold_is("ҚАЗАҚСТАН", "қазақстан");		/* Kazakh letters stay */
	fold_is("İstanbul", "istanbul");
	fold_is("한국", "한국");				/* Hangul recomposed */
	fold_is("能源", "能源");
	fold_is("", "");
}

/* Token I of T is S[off..off+len) folded to NORM. */
static void
tok_is(const char *s, const struct token *t, const char *orig,
    const char *norm)
{
	char buf[64];

	snprintf(buf, sizeof buf, "%.*s", (int)t->len, s + t->off);
	is_str(buf, orig, "token text at its offset");
	snprintf(buf, sizeof buf, "%.*s", (int)t->nlen, t->norm);
	is_str(buf, norm, "token folded form");
}

/* Words split at spaces, punctuation, hyphens and apostrophes. */
static void
t_tokens(void)
{
	const char *s = "Die Energie-Kooperation, Xi’an & 5G: Łódź!";
	struct fold_cache *fc = fold_cache_new();
	struct token *t = NULL;
	size_t cap = 0, n;

	n = text_tokens(s, strlen(s), fc, &t, &cap);
	is_int(n, 7, "seven tokens");
	if (n == 7) {
		tok_is(s, &t[0], "Die", "die");
		tok_is(s, &t[1], "Energie", "energie");
		tok_is(s, &t[2], "Kooperation", "kooperation");
		tok_is(s, &t[3], "Xi", "xi");
		tok_is(s, &t[4], "an", "an");
		tok_is(s, &t[5], "5G", "5g");
		tok_is(s, &t[6], "Łódź", "lodz");
		ok((t[0].flags & ~TOKEN_MEMO) == TOKEN_PARA,
		    "first token starts a paragraph");
		ok((t[1].flags & ~TOKEN_MEMO) == 0, "second token plain");
		ok(text_memo(&t[0]) != NULL && *text_memo(&t[0]) == 0,
		    "a memo word, zero at first");
		ok(text_memo(&t[0]) != text_memo(&t[1]),
		    "a memo word per distinct word");
		if (text_memo(&t[1]) != NULL) {
			uint32_t *m = text_memo(&t[1]);

			*m = 7;
			n = text_tokens("Energie!", 8, fc, &t, &cap);
			ok(n == 1 && text_memo(&t[0]) == m && *m == 7,
			    "the same word later: the same memo, kept");
		}
	}
	free(t);
	fold_cache_free(fc);
}

/* Han and Kana give one token per character, flagged CJK. */
static void
t_cjk(void)
{
	const char *s = "中哈贸易额翻一番, Kazakhstan カザフ";
	struct fold_cache *fc = fold_cache_new();
	struct token *t = NULL;
	size_t cap = 0, n;

	n = text_tokens(s, strlen(s), fc, &t, &cap);
	is_int(n, 12, "8 Han + 1 word + 3 Katakana");
	if (n == 12) {
		tok_is(s, &t[0], "中", "中");
		ok(t[0].flags & TOKEN_CJK, "Han is CJK");
		tok_is(s, &t[7], "番", "番");
		tok_is(s, &t[8], "Kazakhstan", "kazakhstan");
		ok(!(t[8].flags & TOKEN_CJK), "Latin word is not CJK");
		tok_is(s, &t[9], "カ", "カ");
		ok(t[9].flags & TOKEN_CJK, "Katakana is CJK");
	}
	n = text_tokens("中・国。한국", strlen("中・国。한국"), fc, &t, &cap);
	is_int(n, 4, "CJK punctuation is no token; Hangul one per syllable");
	free(t);
	fold_cache_free(fc);
}

/* A blank line starts a paragraph; a single newline does not. */
static void
t_paragraphs(void)
{
	const char *s = "one two\nthree\n\nfour\n \nfive";
	struct fold_cache *fc = fold_cache_new();
	struct token *t = NULL;
	size_t cap = 0, n;

	n = text_tokens(s, strlen(s), fc, &t, &cap);
	is_int(n, 5, "five tokens");
	if (n == 5) {
		ok(t[0].flags & TOKEN_PARA, "one starts the text");
		ok(!(t[2].flags & TOKEN_PARA), "single newline: same paragraph");
		ok(t[3].flags & TOKEN_PARA, "blank line: new paragraph");
		ok(t[4].flags & TOKEN_PARA, "line of spaces counts as blank");
	}
	/* invalid UTF-8 and control bytes never stall the scan */
	n = text_tokens("\xff\xfe abc \xc3", 8, fc, &t, &cap);
	is_int(n, 1, "invalid bytes skipped");
	free(t);
	fold_cache_free(fc);
}

/* The cache folds each distinct word once and keeps its pointers. */
static void
t_cache(void)
{
	struct fold_cache *fc = fold_cache_new();
	const char *a, *b, *c, *d;
	uint32_t n;
	char w[32];
	int i;

	a = fold_cache_get(fc, "Energie", 7, &n);
	is_str(a, "energie", "ASCII fast path folds");
	is_int(n, 7, "length");
	b = fold_cache_get(fc, "Energie", 7, &n);
	ok(a == b, "same word: same pointer");
	c = fold_cache_get(fc, "ÉNERGIE", strlen("ÉNERGIE"), &n);
	is_str(c, "energie", "non-ASCII folds too");
	ok(c != a, "different spelling: its own entry");
	for (i = 0; i < 20000; i++) {	/* force the table to grow */
		snprintf(w, sizeof w, "Word%d", i);
		(void)fold_cache_get(fc, w, strlen(w), &n);
	}
	d = fold_cache_get(fc, "Energie", 7, &n);
	ok(d == a, "pointer survives growth");
	is_str(a, "energie", "string survives growth");
	fold_cache_free(fc);
}

/* text_search_at: case and diacritics ignored, the length matched in
 * the searched text (with its combining marks); text_search_next steps
 * over a character and its marks. */
static void
t_search(void)
{
	const char *s = "W \xc5\x81odzi, Lodz i Lo\xcc\x81" "dz.";	/* Łodzi, Lódz */
	size_t len = strlen(s);

	is_int(text_search_at(s, len, 2, "lodz"), 5, "lodz finds Łodz (5 bytes)");
	is_int(text_search_at(s, len, 10, "LODZ"), 4, "upper case finds Lodz");
	is_int(text_search_at(s, len, 17, "lodz"), 6,
	    "a combining acute is skipped and counted");
	is_int(text_search_at(s, len, 0, "lodz"), 0, "no match at 0");
	is_int(text_search_at(s, 4, 2, "lodz"), 0, "not past the end");
	is_int(text_search_next(s, len, 2), 4, "next steps over Ł (2 bytes)");
	is_int(text_search_next(s, len, 18), 21, "next steps over o and its mark");
}

int
main(void)
{
	t_fold();
	t_tokens();
	t_cjk();
	t_paragraphs();
	t_cache();
	t_search();
	return tap_done();
}
