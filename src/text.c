/* text.c: folding (NFKC, case, diacritics) and word tokens, with a per-thread cache of folded forms. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "hanzi.h"
#include "hash.h"
#include "text.h"
#include "util.h"

/*
 * Letters that carry a "diacritic" in their shape but have no Unicode
 * decomposition, so dropping combining marks leaves them alone. Readers
 * type "Lodz" for "Łódź", so they fold to their base letter too.
 */
static const struct {
	ucs4_t	 from;
	ucs4_t	 to;
} fold_extra[] = {
	{ 0x0131, 'i' },	/* dotless i (Turkish, Kazakh Latin) */
	{ 0x0142, 'l' },	/* l with stroke (Polish) */
	{ 0x0111, 'd' },	/* d with stroke */
	{ 0x00F8, 'o' },	/* o with stroke */
	{ 0x0127, 'h' },	/* h with stroke */
};

/* Lower-cases an ASCII-only run: the fast path that skips libunistring. */
static void
fold_ascii(char *dst, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		dst[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
	dst[len] = '\0';
}

/* Is S[0..LEN) plain ASCII? */
static int
is_ascii(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

/* Maps a stroke letter to its base letter, a traditional Han character
 * to its simplified form (hanzi.c), other characters unchanged. */
static ucs4_t
fold_letter(ucs4_t uc)
{
	size_t i;

	if (uc >= 0x4E00 && uc <= 0x9FFF)
		return hanzi_simplify(uc);
	for (i = 0; i < sizeof fold_extra / sizeof fold_extra[0]; i++)
		if (fold_extra[i].from == uc)
			return fold_extra[i].to;
	return uc;
}

/* Drops combining marks from decomposed text D (in place), maps stroke
 * letters; returns the new length. */
static size_t
drop_marks(uint8_t *d, size_t n)
{
	size_t i = 0, o = 0;
	ucs4_t uc;
	int k;

	while (i < n) {
		k = u8_mbtouc(&uc, d + i, n - i);
		i += (size_t)k;
		if (uc_is_general_category(uc, UC_CATEGORY_M))
			continue;
		uc = fold_letter(uc);
		o += (size_t)u8_uctomb(d + o, uc, 6);
	}
	return o;
}

/* Folds S: NFKD + full case folding, marks dropped, then NFC again (so
 * Hangul and other non-mark decompositions come back together). */
char *
text_fold(const char *s, size_t len, size_t *outlen)
{
	uint8_t *d, *c;
	size_t n, m;
	char *out;

	d = is_ascii(s, len) ? NULL : u8_casefold((const uint8_t *)s, len,
	    NULL, UNINORM_NFKD, NULL, &n);
	if (d == NULL) {	/* ASCII, or invalid UTF-8: lower-case bytes */
		out = xmalloc(len + 1);
		fold_ascii(out, s, len);
		*outlen = len;
		return out;
	}
	n = drop_marks(d, n);
	c = u8_normalize(UNINORM_NFC, d, n, NULL, &m);
	free(d);
	if (c == NULL)
		abort();	/* only fails on ENOMEM */
	out = xmalloc(m + 1);
	memcpy(out, c, m);
	out[m] = '\0';
	free(c);
	*outlen = m;
	return out;
}

/* ------------------------------------------------------------------ */
/* The fold cache: open addressing over (original bytes -> folded form). */

struct fold_entry {
	uint64_t	 hash;
	const char	*key;	/* original bytes, in the arena */
	const char	*norm;	/* folded form, NUL-terminated */
	uint32_t	 klen;
	uint32_t	 nlen;
};

struct arena_chunk {
	struct arena_chunk *next;
	size_t		 used;
	size_t		 size;
	char		 data[];
};

struct fold_cache {
	struct fold_entry *v;	/* in the order met */
	size_t		 n;	/* entries in use */
	size_t		 cap;	/* entries allocated */
	struct hash	 slot;	/* over v (hash.h) */
	struct arena_chunk *chunks;
	uint64_t	 id;	/* fold_cache_id */
};

#define ARENA_CHUNK	(64 * 1024)

/* N bytes of the cache's arena at a multiple of ALIGN (a power of two):
 * the memory lives as long as the cache, so callers may keep pointers. */
static char *
arena_alloc(struct fold_cache *fc, size_t n, size_t align)
{
	struct arena_chunk *a = fc->chunks;
	size_t at = a != NULL ? (a->used + align - 1) & ~(align - 1) : 0;

	if (a == NULL || at > a->size || a->size - at < n) {
		size_t sz = n > ARENA_CHUNK ? n : ARENA_CHUNK;

		a = xmalloc(sizeof *a + sz);
		a->size = sz;
		a->next = fc->chunks;
		fc->chunks = a;
		at = 0;
	}
	a->used = at + n;
	return a->data + at;
}

/* Copies LEN bytes (plus a NUL) into the cache's arena, after a zeroed
 * memo word when MEMO (see text_memo). */
static char *
arena_dup(struct fold_cache *fc, const char *s, size_t len, int memo)
{
	size_t m = memo ? sizeof(uint32_t) : 0;
	char *p = arena_alloc(fc, m + len + 1, memo ? sizeof(uint32_t) : 1);

	memset(p, 0, m);
	p += m;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* A new, empty cache (one per thread). */
struct fold_cache *
fold_cache_new(void)
{
	static atomic_uint_fast64_t ids;	/* global: each cache's id */
	struct fold_cache *fc = xcalloc(1, sizeof *fc);

	fc->id = atomic_fetch_add(&ids, 1) + 1;
	fc->cap = 2048;
	fc->v = xcalloc(fc->cap, sizeof *fc->v);
	hash_init(&fc->slot, fc->cap);
	return fc;
}

/* The cache's number, never 0 and never another cache's. */
uint64_t
fold_cache_id(const struct fold_cache *fc)
{
	return fc != NULL ? fc->id : 0;
}

/* Frees the cache and every folded string it handed out. */
void
fold_cache_free(struct fold_cache *fc)
{
	struct arena_chunk *a, *next;

	if (fc == NULL)
		return;
	for (a = fc->chunks; a != NULL; a = next) {
		next = a->next;
		free(a);
	}
	free(fc->v);
	hash_free(&fc->slot);
	free(fc);
}

/* The hash of entry I (hash_grow). */
static uint64_t
cache_key(const void *ctx, uint32_t i)
{
	return ((const struct fold_cache *)ctx)->v[i].hash;
}

/* Stores the folded form of S in a fresh entry, its number + 1 in the
 * empty slot SLOT. */
static struct fold_entry *
cache_insert(struct fold_cache *fc, uint32_t *slot, uint64_t h,
    const char *s, size_t len)
{
	struct fold_entry *e;
	size_t nlen;
	char *f;

	if (fc->n == fc->cap)
		fc->v = xreallocarray(fc->v, fc->cap *= 2, sizeof *fc->v);
	e = &fc->v[fc->n];
	e->hash = h;
	e->key = arena_dup(fc, s, len, 0);
	e->klen = (uint32_t)len;
	if (is_ascii(s, len)) {
		f = arena_dup(fc, s, len, 1);
		fold_ascii(f, s, len);
		nlen = len;
	} else {
		char *t = text_fold(s, len, &nlen);
		f = arena_dup(fc, t, nlen, 1);
		free(t);
	}
	e->norm = f;
	e->nlen = (uint32_t)nlen;
	*slot = (uint32_t)++fc->n;
	hash_placed(&fc->slot);
	return e;
}

/* A quick hash of a word, eight bytes at a time (the cache's hot path). */
static uint64_t
word_hash(const char *s, size_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ len, w;

	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 31;
	}
	for (w = 0; len > 0; len--)	/* the last bytes, with no call */
		w = w << 8 | (unsigned char)s[len - 1];
	h = (h ^ w) * 0x94d049bb133111ebULL;
	return h ^ (h >> 29);
}

/* The folded form of S[0..LEN), computed once per distinct S; the
 * pointer stays valid until fold_cache_free. */
const char *
fold_cache_get(struct fold_cache *fc, const char *s, size_t len,
    uint32_t *nlen)
{
	uint64_t h = word_hash(s, len);
	struct fold_entry *e;
	uint32_t *slot;
	size_t pos;

	if (hash_full(&fc->slot))
		hash_grow(&fc->slot, cache_key, fc);
	for (slot = hash_first(&fc->slot, h, &pos);;
	    slot = hash_next(&fc->slot, &pos)) {
		if (*slot == 0) {
			e = cache_insert(fc, slot, h, s, len);
			break;
		}
		e = &fc->v[*slot - 1];
		if (e->hash == h && e->klen == len && memcmp(e->key, s, len) == 0)
			break;
	}
	*nlen = e->nlen;
	return e->norm;
}

/* ------------------------------------------------------------------ */
/* Tokens. */

/*
 * Blocks of the scripts written without spaces between words (Han, Kana,
 * Hangul): each letter there is a token of its own. Plain ranges, not
 * uc_script(), so that there is no lazily initialised state to share
 * between the loader threads.
 */
static const struct {
	ucs4_t	 lo;
	ucs4_t	 hi;
} cjk_blocks[] = {
	{ 0x1100, 0x11FF },	/* Hangul Jamo */
	{ 0x2E80, 0x2FDF },	/* CJK and Kangxi radicals */
	{ 0x3005, 0x3007 },	/* iteration mark, closing mark, zero */
	{ 0x3021, 0x3029 },	/* Hangzhou numerals */
	{ 0x3038, 0x303C },
	{ 0x3040, 0x30FF },	/* Hiragana, Katakana */
	{ 0x3130, 0x318F },	/* Hangul compatibility Jamo */
	{ 0x31F0, 0x31FF },	/* Katakana phonetic extensions */
	{ 0x3400, 0x4DBF },	/* CJK extension A */
	{ 0x4E00, 0x9FFF },	/* CJK unified ideographs */
	{ 0xA960, 0xA97F },	/* Hangul Jamo extended A */
	{ 0xAC00, 0xD7FF },	/* Hangul syllables, Jamo extended B */
	{ 0xF900, 0xFAFF },	/* CJK compatibility ideographs */
	{ 0xFF66, 0xFFDC },	/* half-width Katakana and Hangul */
	{ 0x20000, 0x3FFFF },	/* CJK extensions B and later */
};

/* Is UC a letter of a script written without spaces between words? */
static int
is_cjk(ucs4_t uc)
{
	size_t i;

	if (uc < 0x1100)
		return 0;
	if (uc >= 0x4E00 && uc <= 0x9FFF)	/* the most common block first */
		return uc_is_alpha(uc);
	for (i = 0; i < sizeof cjk_blocks / sizeof cjk_blocks[0]; i++)
		if (uc >= cjk_blocks[i].lo && uc <= cjk_blocks[i].hi)
			return uc_is_alpha(uc);	/* not the blocks' punctuation */
	return 0;
}

/* Does UC belong inside a word? Letters, digits and combining marks;
 * hyphens and apostrophes split words (see tread-themes(5)). */
static int
is_word_uc(ucs4_t uc)
{
	if (uc < 0x80)
		return (uc >= 'a' && uc <= 'z') || (uc >= 'A' && uc <= 'Z') ||
		    (uc >= '0' && uc <= '9');
	return uc_is_alnum(uc) || uc_is_general_category(uc, UC_CATEGORY_M);
}

/*
 * is_word_uc of every code point below U+0800 (Latin, Greek, Cyrillic),
 * a bit each: two library calls per letter were a good part of
 * tokenising such text. Filled once (pthread_once: the loader threads
 * tokenise at the same time), then only read. A global, as such.
 */
#define WORD_SMALL	0x800
static unsigned char word_small[WORD_SMALL / 8];
static pthread_once_t word_small_once = PTHREAD_ONCE_INIT;

/* Fills word_small. */
static void
word_small_init(void)
{
	ucs4_t u;

	for (u = 0; u < WORD_SMALL; u++)
		if (is_word_uc(u))
			word_small[u / 8] |= (unsigned char)(1u << (u % 8));
}

/* Is UC part of a word (after word_small_init)? */
static int
is_word(ucs4_t uc)
{
	if (uc < WORD_SMALL)
		return word_small[uc / 8] >> (uc % 8) & 1;
	return is_word_uc(uc);
}

/* Decodes the character at S[I]; invalid bytes come back as U+FFFD with
 * length 1, so a stray byte never stalls the scan. */
static size_t
next_char(const char *s, size_t len, size_t i, ucs4_t *uc)
{
	unsigned char c = (unsigned char)s[i];

	if (c < 0x80) {
		*uc = c;
		return 1;
	}
	return (size_t)utf8_get(uc, (const uint8_t *)s + i, len - i);
}

/* Appends the token S[START..END) to *OUT. */
static void
push_token(const char *s, size_t start, size_t end, uint32_t flags,
    struct fold_cache *fc, struct token **out, size_t *cap, size_t n)
{
	struct token *t;

	if (n >= *cap) {
		*cap = *cap < 64 ? 64 : *cap * 2;
		*out = xreallocarray(*out, *cap, sizeof **out);
	}
	t = &(*out)[n];
	t->off = (uint32_t)start;
	t->len = (uint32_t)(end - start);
	t->flags = flags | TOKEN_MEMO;
	t->norm = fold_cache_get(fc, s + start, end - start, &t->nlen);
}

/* ASCII letters and digits: the word bytes of most text, checked without
 * decoding. */
static const unsigned char ascii_word[128] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
};

/* End of the word that starts at S[I]: letters, digits and marks up to
 * a separator or a CJK character (ASCII bytes take a fast path). */
static size_t
word_end(const char *s, size_t len, size_t i)
{
	unsigned char c;
	ucs4_t uc;
	size_t k;

	while (i < len) {
		c = (unsigned char)s[i];
		if (c < 0x80) {
			if (!ascii_word[c])
				break;
			i++;
			continue;
		}
		k = next_char(s, len, i, &uc);
		if (!is_word(uc) || is_cjk(uc))
			break;
		i += k;
	}
	return i;
}

/* Splits S into tokens: runs of letters/digits, or one CJK character.
 * A token after a blank line (two newlines) starts a paragraph. */
size_t
text_tokens(const char *s, size_t len, struct fold_cache *fc,
    struct token **out, size_t *cap)
{
	size_t i = 0, n = 0, end, k;
	int newlines = 2;
	uint32_t para, flags;
	unsigned char c;
	ucs4_t uc;

	pthread_once(&word_small_once, word_small_init);
	while (i < len) {
		c = (unsigned char)s[i];
		para = newlines >= 2 ? TOKEN_PARA : 0;
		if (c < 0x80 && !ascii_word[c]) {
			newlines += c == '\n';
			i++;
			continue;
		}
		flags = para;
		k = c < 0x80 ? 1 : next_char(s, len, i, &uc);
		if (c >= 0x80 && is_cjk(uc)) {
			end = i + k;
			flags |= TOKEN_CJK;
		} else if (c < 0x80 || is_word(uc))
			end = word_end(s, len, i + k);
		else {
			i += k;
			continue;
		}
		push_token(s, i, end, flags, fc, out, cap, n++);
		newlines = 0;
		i = end;
	}
	return n;
}

/* A code point as search compares it: lower case, without its accents
 * (the first of its canonical decomposition), a few letters that do not
 * decompose mapped by hand (ł, đ, ø), as queries fold them. */
static ucs4_t
search_fold(ucs4_t u)
{
	ucs4_t d[UC_DECOMPOSITION_MAX_LENGTH];

	u = uc_tolower(u);
	if (uc_canonical_decomposition(u, d) > 0)
		u = uc_tolower(d[0]);
	switch (u) {
	case 0x142: return 'l';		/* ł */
	case 0x111: return 'd';		/* đ */
	case 0xf8: return 'o';		/* ø */
	default: return u;
	}
}

/* Steps over the character at I of S (LEN bytes) and any combining
 * marks after it; *U gets it folded. Returns the next offset. */
static size_t
search_step(const uint8_t *s, size_t len, size_t i, ucs4_t *u)
{
	ucs4_t x;
	int k = u8_mbtouc(&x, s + i, len - i);

	*u = search_fold(x);
	i += k > 0 ? (size_t)k : 1;
	while (i < len && (k = u8_mbtouc(&x, s + i, len - i)) > 0 &&
	    uc_is_general_category(x, UC_CATEGORY_M))
		i += (size_t)k;
	return i;
}

/* NEEDLE at P of BODY, folded as search folds: the length matched. */
size_t
text_search_at(const char *body, size_t blen, size_t p, const char *needle)
{
	const uint8_t *b = (const uint8_t *)body, *n = (const uint8_t *)needle;
	size_t nlen = strlen(needle), i = p, j = 0;
	ucs4_t x, y;

	while (j < nlen) {
		if (i >= blen)
			return 0;
		i = search_step(b, blen, i, &x);
		j = search_step(n, nlen, j, &y);
		if (x != y)
			return 0;
	}
	return i - p;
}

/* The next place after I where a search match may start. */
size_t
text_search_next(const char *s, size_t len, size_t i)
{
	ucs4_t u;

	return search_step((const uint8_t *)s, len, i, &u);
}
