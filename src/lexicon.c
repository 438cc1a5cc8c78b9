/* lexicon.c: themes.ini (and a user lexicon) compiled to weighted terms, exclusions and proximity rules, with a first-word index. */
#include <stdarg.h>
#include <stdio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "engine_id.h"
#include "hash.h"
#include "ini.h"
#include "lexicon.h"
#include "text.h"
#include "util.h"

#define MAX_THEMES	1000
#define MAX_TERM_TOKENS	32
#define MAX_PREFIX	63	/* bytes; prefix lengths live in a 64-bit mask */
#define MIN_PREFIX	3	/* bytes; "a*" would match half the text */
#define MAX_WEIGHT	1000.0f
#define FILTER_BITS	65536
#define HEAD_SLOTS	8192	/* a power of two */
#define MIN_AFFIX	4	/* bytes of a "*word" or "*word*" */
#define MAX_SUPPORT	8

struct theme {
	char		*id;
	char		*label;
	float		 threshold;
	int		 support;	/* times the threshold generic terms need */
	int		 cluster;	/* distinct terms within 40 words that meet
					 * the support (0: none) */
	struct lex_term	*terms;		/* rule = index into this theme's rules */
	size_t		 nterms;
	struct lex_rule	*rules;
	size_t		 nrules;
	uint64_t	 langs;		/* bit L: terms of language L */
	int		 needs;		/* has LEX_NEED terms */
	size_t		 rule0;		/* its first rule in the flat array */
};

/* One group of the first-word index: the terms whose first word is KEY. */
struct idx_group {
	uint64_t	 hash;
	const char	*key;
	uint32_t	 klen;
	uint32_t	 prefix;
	uint32_t	 first;		/* into ids */
	uint32_t	 count;
};

struct lexicon {
	struct theme	*themes;
	size_t		 nthemes;
	struct lex_term	*terms;		/* all themes' terms, flattened */
	size_t		 nterms;
	struct lex_rule	*rules;
	size_t		 nrules;
	struct idx_group *idx;		/* found through idxh (hash.h) */
	size_t		 nidx;
	struct hash	 idxh;
	uint32_t	*ids;
	size_t		 nids;		/* terms in the first-word index */
	uint32_t	*affix;		/* terms whose first word is "*w"/"*w*" */
	uint64_t	*affix_mask;	/* the bytes of each one's word */
	size_t		 naffix;
	/* by a word's last byte B (256: an empty word), the affix terms
	 * it may match, as indexes into affix in their order:
	 * tail[tail_off[B]..tail_off[B + 1]) ("*w" terms ending in B and
	 * every "*w*" one) */
	uint32_t	*tail_off, *tail;
	/*
	 * Filters that let most words skip the index: by the hash of a
	 * word's first MIN_PREFIX bytes, the lengths of the prefix terms
	 * that may start so (bit L: L bytes; hashes share a slot, so a
	 * superset), and a bit for every whole first word. A word was
	 * looked up at every length some prefix term has, anywhere.
	 */
	uint64_t	 head_lens[HEAD_SLOTS];
	uint64_t	 word_bits[FILTER_BITS / 64];
	uint64_t	 hash;
	uint32_t	 serial;	/* this lexicon's number (from 1) */
	uint32_t	 memo_bit; /* its bit in a token memo (0: none) */
};

/* Where a complaint goes, and which line it is about. */
struct perr {
	char		*err;
	size_t		 errlen;
	const char	*path;
	int		 line;
};

/* Writes "FILE:LINE: message" to ERR; returns -1. */
static int
lex_error(struct perr *pe, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int
lex_error(struct perr *pe, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(pe->err, pe->errlen, "%s:%d: %s", pe->path, pe->line, msg);
	return -1;
}

/* FNV-1a, one byte: the index hashes a word's prefixes incrementally. */
static inline uint64_t
fnv_step(uint64_t h, unsigned char c)
{
	return (h ^ c) * 0x100000001b3ULL;
}

/* Trims ASCII white space from both ends of S[0..*LEN). */
static const char *
trim(const char *s, size_t *len)
{
	while (*len > 0 && (*s == ' ' || *s == '\t'))
		s++, (*len)--;
	while (*len > 0 && (s[*len - 1] == ' ' || s[*len - 1] == '\t'))
		(*len)--;
	return s;
}

/* Parses a positive decimal "12" or "1.5" (no locale: ',' never means
 * a decimal point here); 0, or -1 on junk. */
static int
parse_num(const char *s, size_t n, float *out)
{
	float v = 0, scale = 1;
	size_t i = 0, digits = 0;

	s = trim(s, &n);
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++)
		v = v * 10 + (float)(s[i] - '0');
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++)
			v += (float)(s[i] - '0') * (scale /= 10);
	if (i != n || digits == 0 || v <= 0 || v > MAX_WEIGHT)
		return -1;
	*out = v;
	return 0;
}

/* Frees one term's words and text. */
static void
term_free(struct lex_term *t)
{
	size_t j;

	for (j = 0; j < t->ntok; j++)
		free(t->tok[j].s);
	free(t->tok);
	free(t->text);
}

/* Frees one theme's contents. */
static void
theme_free(struct theme *th)
{
	size_t i;

	for (i = 0; i < th->nterms; i++)
		term_free(&th->terms[i]);
	free(th->terms);
	free(th->rules);
	free(th->id);
	free(th->label);
	memset(th, 0, sizeof *th);
}

/* Checks the '*' marks of TEXT against the tokens: each must follow a
 * word directly, and a prefix must be long enough to mean something. */
static int
check_stars(struct perr *pe, const char *text, size_t len,
    const struct lex_term *t, size_t nstars)
{
	size_t j, nprefix = 0;

	for (j = 0; j < t->ntok; j++) {
		if (t->tok[j].suffix && (j > 0 || t->tok[j].len < MIN_AFFIX))
			return lex_error(pe, j > 0 ? "'*' before a word only "
			    "on the first word of '%.*s'" : "'*%.*s' is too "
			    "short (at least 4 bytes)", (int)(j > 0 ? len :
			    t->tok[j].len), j > 0 ? text : t->tok[j].s);
		nprefix += t->tok[j].suffix;
		if (!t->tok[j].prefix)
			continue;
		nprefix++;
		if (t->tok[j].len < MIN_PREFIX)
			return lex_error(pe, "prefix '%s*' is too short (at "
			    "least %d bytes)", t->tok[j].s, MIN_PREFIX);
		if (t->tok[j].len > MAX_PREFIX)
			return lex_error(pe, "prefix '%.20s...*' is too long",
			    t->tok[j].s);
	}
	if (nprefix != nstars)
		return lex_error(pe, "'*' must directly follow a word in "
		    "'%.*s'", (int)len, text);
	return 0;
}

/* Does the word S[0..N) start with an upper-case letter? */
static int
capital_initial(const char *s, size_t n)
{
	ucs4_t c;

	return u8_mbtouc(&c, (const uint8_t *)s, n) > 0 &&
	    uc_is_property_uppercase(c);
}

/* Tokenises TEXT into T's folded words, marking "word*" prefixes (and,
 * for a name, the words written with a capital initial). */
static int
term_words(struct perr *pe, struct fold_cache *fc, const char *text,
    size_t len, struct lex_term *t)
{
	struct token *tk = NULL;
	size_t cap = 0, n, j, nstars = 0;

	for (j = 0; j < len; j++)
		nstars += text[j] == '*';
	n = text_tokens(text, len, fc, &tk, &cap);
	if (n == 0 || n > MAX_TERM_TOKENS) {
		free(tk);
		return lex_error(pe, n == 0 ? "term '%.*s' has no words" :
		    "term '%.*s' has too many words", (int)len, text);
	}
	t->ntok = (uint16_t)n;
	t->tok = xcalloc(n, sizeof *t->tok);
	for (j = 0; j < n; j++) {
		t->tok[j].s = xstrndup(tk[j].norm, tk[j].nlen);
		t->tok[j].len = tk[j].nlen;
		t->tok[j].prefix = tk[j].off + tk[j].len < len &&
		    text[tk[j].off + tk[j].len] == '*';
		t->tok[j].suffix = tk[j].off > 0 && text[tk[j].off - 1] == '*';
		t->tok[j].initial = (t->flags & LEXT_NAME) &&
		    capital_initial(text + tk[j].off, tk[j].len);
	}
	free(tk);
	t->text = xstrndup(text, len);
	return check_stars(pe, text, len, t, nstars);
}

/* Is S[0..N) written in capitals: two cased letters or more, none of
 * them lower case ("SCO", "ШОС", "UN-Sicherheitsrat" is not)? */
static int
all_capitals(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + n;
	size_t upper = 0;
	ucs4_t c;
	int k;

	while (p < end) {
		if ((k = u8_mbtouc(&c, p, (size_t)(end - p))) <= 0)
			return 0;
		p += k;
		if (uc_is_property_lowercase(c))
			return 0;
		upper += uc_is_property_uppercase(c);
	}
	return upper >= 2;
}

/* Can term T apply to other languages of its script (see LEXT_PORTABLE)? */
static int
portable(const struct lex_term *t)
{
	size_t j, chars = 0;

	if (t->flags & (LEXT_CAPS | LEXT_WEAK))
		return 0;
	for (j = 0; j < t->ntok; j++)
		if (t->tok[j].prefix || t->tok[j].suffix)
			return 0;
	for (j = 0; j < t->tok[0].len; j++)
		chars += ((unsigned char)t->tok[0].s[j] & 0xc0) != 0x80;
	return t->ntok >= 2 || chars >= 6;
}

/* What a term list key says about its terms: kind, language, flags. */
struct keyinfo {
	int	 kind;
	int	 lang;
	int	 flags;
	int	 veto;
};

/* Parses one term of a list ("word* phrase ^2"), appends it to TH. */
static int
parse_term(struct perr *pe, struct fold_cache *fc, struct theme *th,
    const char *s, size_t n, const struct keyinfo *ki, int group,
    uint32_t rule)
{
	int kind = ki->kind;
	const char *caret;
	struct lex_term t = { 0 };
	float w = 1;

	s = trim(s, &n);
	if (n == 0)
		return lex_error(pe, "empty term (two commas in a row?)");
	if ((caret = memchr(s, '^', n)) != NULL) {
		if (kind == LEX_NOT || kind == LEX_NEED)
			return lex_error(pe, "a not or need term has no "
			    "weight");
		if (kind != LEX_PLAIN)
			return lex_error(pe, "a weight goes at the end of a "
			    "near rule, not on one of its terms");
		if (parse_num(caret + 1, (size_t)(s + n - caret - 1), &w) == -1)
			return lex_error(pe, "bad weight '%.*s' (a number "
			    "above 0, at most 1000)", (int)(s + n - caret),
			    caret);
		n = (size_t)(caret - s);
		s = trim(s, &n);
	}
	if (memchr(s, '|', n) != NULL || memchr(s, '~', n) != NULL)
		return lex_error(pe, "'|' and '~' only belong in near rules");
	t.kind = (uint8_t)kind;
	t.lang = (uint8_t)ki->lang;
	t.flags = (uint8_t)(ki->flags | (all_capitals(s, n) ? LEXT_CAPS : 0));
	if (kind != LEX_NOT && kind != LEX_NEED && !ki->veto)
		th->langs |= 1ULL << ki->lang;
	th->needs |= kind == LEX_NEED;
	t.group = (uint8_t)group;
	t.rule = rule;
	t.weight = w;
	if (term_words(pe, fc, s, n, &t) == -1) {
		term_free(&t);
		return -1;
	}
	if (portable(&t))
		t.flags |= LEXT_PORTABLE;
	th->terms = xreallocarray(th->terms, th->nterms + 1, sizeof *th->terms);
	th->terms[th->nterms++] = t;
	return 0;
}

/* Parses a comma-separated list of terms. */
static int
parse_list(struct perr *pe, struct fold_cache *fc, struct theme *th,
    const char *s, size_t n, const struct keyinfo *ki, int group,
    uint32_t rule)
{
	const char *end = s + n, *comma;

	for (;;) {
		if ((comma = memchr(s, ',', (size_t)(end - s))) == NULL)
			comma = end;
		if (parse_term(pe, fc, th, s, (size_t)(comma - s), ki, group,
		    rule) == -1)
			return -1;
		if (comma == end)
			return 0;
		s = comma + 1;
	}
}

/* Takes a trailing "~N" or "^W" option off a near rule's text *N. */
static int
near_option(struct perr *pe, const char *s, size_t *n, struct lex_rule *r)
{
	size_t k = *n;
	float w;

	s = trim(s, &k);
	while (k > 0 && s[k - 1] != ' ' && s[k - 1] != '\t')
		k--;
	if (k == *n || (s[k] != '~' && s[k] != '^'))
		return 0;
	if (s[k] == '^') {
		if (parse_num(s + k + 1, *n - k - 1, &w) == -1)
			return lex_error(pe, "bad weight '%.*s'", (int)(*n - k),
			    s + k);
		r->weight = w;
	} else {
		size_t m = *n - k - 1;

		r->ordered = s[k + 1] == '+';
		r->scope = LEX_SENTENCE;
		if (m > 0 && s[k + m] == 'p') {	/* "~20p": the paragraph */
			r->scope = LEX_PARAGRAPH;
			m--;
		}
		if (parse_num(s + k + 1 + r->ordered, m - (size_t)r->ordered,
		    &w) == -1 || w != (float)(int)w || w > LEX_MAX_WINDOW)
			return lex_error(pe, "bad window '%.*s' (~1 to ~%d "
			    "words, ~+N in order, ~Np within the paragraph)",
			    (int)(*n - k), s + k, LEX_MAX_WINDOW);
		r->window = (int)w;
	}
	*n = k;
	return 1;
}

/* Parses "group | group ... [~N | ~+N] [^W]" into a rule of TH. */
static int
parse_near(struct perr *pe, struct fold_cache *fc, struct theme *th,
    const char *s, size_t n, const struct keyinfo *ki)
{
	struct lex_rule r = { .window = -1, .weight = 1, .scope = LEX_ARTICLE,
	    .veto = (uint8_t)ki->veto };
	const char *end, *bar;
	int rc, g = 0;

	s = trim(s, &n);
	while ((rc = near_option(pe, s, &n, &r)) == 1)
		s = trim(s, &n);
	if (rc == -1)
		return -1;
	if (memchr(s, '~', n) != NULL || memchr(s, '^', n) != NULL)
		return lex_error(pe, "'~N' and '^W' go at the end of a near "
		    "rule, after a space");
	for (end = s + n;; g++) {
		if ((bar = memchr(s, '|', (size_t)(end - s))) == NULL)
			bar = end;
		if (g >= LEX_MAX_GROUPS)
			return lex_error(pe, "too many groups in a near rule");
		if (parse_list(pe, fc, th, s, (size_t)(bar - s), ki, g,
		    (uint32_t)th->nrules) == -1)
			return -1;
		if (bar == end)
			break;
		s = bar + 1;
	}
	if (g < 1 && !ki->veto)
		return lex_error(pe, "a near rule needs at least two groups "
		    "separated by '|'");
	r.ngroups = (uint8_t)(g + 1);
	th->rules = xreallocarray(th->rules, th->nrules + 1, sizeof *th->rules);
	th->rules[th->nrules++] = r;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Sections and keys. */

/* Languages a term list may be scoped to ("en", "en.2"; "any": all). */
static const char *const lex_langs[] = {
	"any", "en", "de", "pl", "ru", "kk", "zh", "fr", "es", "it", "uk",
	"tr", "ky", "uz", "tg", "ja", "ko", "ar", "fa", "pt", "nl", "be",
	"bg", "sr", "mn", "cs", "sk", "hu", "ro", "sv", "da", "no", "fi", NULL
};

/* Language code of index I. */
const char *
lexicon_lang(size_t i)
{
	return i < sizeof lex_langs / sizeof *lex_langs - 1 ? lex_langs[i] :
	    "any";
}

/* Index of language CODE, or 0 (any) when the lexicon has no such code. */
size_t
lexicon_lang_index(const char *code)
{
	size_t i;

	if (code == NULL || code[0] == '\0')
		return 0;
	for (i = 1; lex_langs[i] != NULL; i++)
		if (strcmp(lex_langs[i], code) == 0)
			return i;
	return 0;
}

/* Script of language L: 0 Latin, 1 Cyrillic, 2 CJK, 3 Arabic. */
int
lexicon_lang_script(size_t l)
{
	static const char *const cyr[] = { "ru", "kk", "uk", "ky", "tg", "be",
	    "bg", "sr", "mn", NULL };
	static const char *const cjk[] = { "zh", "ja", "ko", NULL };
	const char *c = lexicon_lang(l);
	size_t i;

	for (i = 0; cyr[i] != NULL; i++)
		if (strcmp(c, cyr[i]) == 0)
			return 1;
	for (i = 0; cjk[i] != NULL; i++)
		if (strcmp(c, cjk[i]) == 0)
			return 2;
	return strcmp(c, "ar") == 0 || strcmp(c, "fa") == 0 ? 3 : 0;
}

/* Is S[0..N) one of the language codes? Its index, or -1. */
static int
lang_code(const char *s, size_t n)
{
	size_t i;

	for (i = 0; lex_langs[i] != NULL; i++)
		if (strlen(lex_langs[i]) == n && memcmp(lex_langs[i], s, n) == 0)
			return (int)i;
	return -1;
}

/* Is S a key suffix: [a-z0-9_-]+? */
static int
suffix_ok(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_' || *s == '-' || *s == '.'))
			return 0;
	return 1;
}

/*
 * Reads a term list key into KI: "LANG[.N]" (plain terms of LANG),
 * "not|near|weak|veto|specific|name|need[.LANG][.N]" (no LANG: any
 * language).
 * Returns 0, or -1 when KEY is none of these.
 */
static int
key_info(const char *key, struct keyinfo *ki)
{
	static const char *const kinds[] = { "not", "near", "weak", "veto",
	    "specific", "name", "need", NULL };
	const char *dot = strchr(key, '.'), *rest;
	size_t n = dot != NULL ? (size_t)(dot - key) : strlen(key), k;
	int l;

	memset(ki, 0, sizeof *ki);
	if (dot != NULL && !suffix_ok(dot + 1))
		return -1;
	if ((l = lang_code(key, n)) >= 0) {
		ki->kind = LEX_PLAIN;
		ki->lang = l;
		return 0;
	}
	for (k = 0; kinds[k] != NULL; k++)
		if (strlen(kinds[k]) == n && memcmp(kinds[k], key, n) == 0)
			break;
	if (kinds[k] == NULL)
		return -1;
	ki->kind = k == 0 ? LEX_NOT : k == 6 ? LEX_NEED : k == 2 || k >= 4 ?
	    LEX_PLAIN : LEX_NEAR;
	ki->flags = k == 2 ? LEXT_WEAK : k == 4 ? LEXT_SPECIFIC : k == 5 ?
	    LEXT_SPECIFIC | LEXT_NAME : 0;
	ki->veto = k == 3;
	if (dot != NULL) {
		rest = dot + 1;
		n = strcspn(rest, ".");
		if ((l = lang_code(rest, n)) >= 0)
			ki->lang = l;
	}
	return 0;
}

/* Is ID a usable theme id: [a-z0-9_-], starting with a letter or digit? */
static int
valid_id(const char *id)
{
	const char *p;

	if (id[0] == '\0' || id[0] == '-' || id[0] == '_' || strlen(id) > 64)
		return 0;
	for (p = id; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '_' || *p == '-'))
			return 0;
	return 1;
}

/* Parses the "support" or "cluster" value V of KEY (a whole number, LO
 * to MAX_SUPPORT) into *OUT. */
static int
parse_small(struct perr *pe, const char *key, const char *v, int lo, int *out)
{
	size_t n = strlen(v);
	const char *s = trim(v, &n);

	if (n != 1 || s[0] < '0' + lo || s[0] > '0' + MAX_SUPPORT)
		return lex_error(pe, "bad %s '%s' (a whole number from %d "
		    "to %d)", key, v, lo, MAX_SUPPORT);
	*out = s[0] - '0';
	return 0;
}

/* Parses one KEY = V of theme TH. */
static int
parse_key(struct perr *pe, struct fold_cache *fc, struct theme *th,
    const char *key, const char *v)
{
	size_t n = strlen(v);
	struct keyinfo ki;

	if (strcmp(key, "label") == 0) {
		trim(v, &n);
		if (n == 0)
			return lex_error(pe, "empty label");
		free(th->label);
		th->label = xstrdup(v);
		return 0;
	}
	if (strcmp(key, "threshold") == 0) {
		if (parse_num(v, n, &th->threshold) == -1)
			return lex_error(pe, "bad threshold '%s' (a number "
			    "above 0, at most 1000)", v);
		return 0;
	}
	if (strcmp(key, "support") == 0)
		return parse_small(pe, "support", v, 1, &th->support);
	if (strcmp(key, "cluster") == 0)
		return parse_small(pe, "cluster", v, 2, &th->cluster);
	if (key_info(key, &ki) == -1)
		return lex_error(pe, "unknown key '%s' (label, threshold, "
		    "support, cluster, a language such as en or en.2, any, not, "
		    "near, weak, veto, specific, name, need)", key);
	if (ki.kind == LEX_NEAR)
		return parse_near(pe, fc, th, v, n, &ki);
	return parse_list(pe, fc, th, v, n, &ki, 0, 0);
}

/* Does TH have anything that can score? */
static int
theme_scores(const struct theme *th)
{
	size_t i;

	for (i = 0; i < th->nterms; i++)
		if (th->terms[i].kind == LEX_PLAIN ||
		    (th->terms[i].kind == LEX_NEAR &&
		    !th->rules[th->terms[i].rule].veto))
			return 1;
	return 0;
}

/* Parses section SEC of INI into TH. */
static int
parse_theme(struct perr *pe, struct fold_cache *fc, const struct ini *ini,
    const char *sec, struct theme *th)
{
	char full[256];
	const char *key;
	int i, n = ini_nkeys(ini, sec);

	pe->line = ini_line(ini, sec);
	if (!valid_id(sec))
		return lex_error(pe, "theme id [%s]: use a-z, 0-9, '-' and '_'",
		    sec);
	th->id = xstrdup(sec);
	th->threshold = 1;
	th->support = 1;
	if (n == 0)
		return lex_error(pe, "empty theme [%s]", sec);
	for (i = 0; i < n; i++) {
		key = ini_key(ini, sec, i, &pe->line);
		snprintf(full, sizeof full, "%s:%s", sec, key);
		if (parse_key(pe, fc, th, key, ini_get(ini, full, "")) == -1)
			return -1;
	}
	pe->line = ini_line(ini, sec);
	if (th->label == NULL)
		return lex_error(pe, "theme [%s] has no label", sec);
	if (!theme_scores(th))
		return lex_error(pe, "theme [%s] has no terms", sec);
	return 0;
}

/* Adds TH to LEX, replacing a theme with the same id (a user lexicon
 * overriding the default one). */
static int
install_theme(struct perr *pe, struct lexicon *lex, struct theme *th)
{
	size_t i;

	for (i = 0; i < lex->nthemes; i++)
		if (strcmp(lex->themes[i].id, th->id) == 0) {
			theme_free(&lex->themes[i]);
			lex->themes[i] = *th;
			return 0;
		}
	if (lex->nthemes >= MAX_THEMES)
		return lex_error(pe, "too many themes (at most %d)", MAX_THEMES);
	lex->themes = xreallocarray(lex->themes, lex->nthemes + 1,
	    sizeof *lex->themes);
	lex->themes[lex->nthemes++] = *th;
	return 0;
}

/* Reads one lexicon file into LEX. */
static int
load_file(struct lexicon *lex, const char *path, struct fold_cache *fc,
    char *err, size_t errlen)
{
	struct perr pe = { err, errlen, path, 0 };
	struct theme th;
	struct ini *ini;
	int i, rc = 0;

	if ((ini = ini_open(path, err, errlen)) == NULL)
		return -1;
	pe.path = ini_path(ini);
	if (ini_nsections(ini) == 0) {
		pe.line = 1;
		rc = lex_error(&pe, "no themes in the file");
	}
	for (i = 0; rc == 0 && i < ini_nsections(ini); i++) {
		memset(&th, 0, sizeof th);
		if (parse_theme(&pe, fc, ini, ini_section(ini, i), &th) == -1 ||
		    install_theme(&pe, lex, &th) == -1) {
			theme_free(&th);
			rc = -1;
		}
	}
	ini_close(ini);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Compiling: flat arrays, the first-word index, the content hash. */

/* Copies every theme's terms and rules into LEX's flat arrays (the
 * arrays share the themes' strings). */
static void
flatten(struct lexicon *lex)
{
	size_t i, j, nt = 0, nr = 0;
	const struct theme *th;

	for (i = 0; i < lex->nthemes; i++) {
		nt += lex->themes[i].nterms;
		nr += lex->themes[i].nrules;
	}
	lex->terms = xcalloc(nt + 1, sizeof *lex->terms);
	lex->rules = xcalloc(nr + 1, sizeof *lex->rules);
	for (i = 0; i < lex->nthemes; i++) {
		th = &lex->themes[i];
		for (j = 0; j < th->nterms; j++) {
			lex->terms[lex->nterms] = th->terms[j];
			lex->terms[lex->nterms].theme = (uint16_t)i;
			lex->terms[lex->nterms++].rule += (uint32_t)lex->nrules;
		}
		lex->themes[i].rule0 = lex->nrules;
		for (j = 0; j < th->nrules; j++) {
			lex->rules[lex->nrules] = th->rules[j];
			lex->rules[lex->nrules++].theme = (uint16_t)i;
		}
	}
}

/* Orders terms (pointers into one array) by first word (prefix flag,
 * then bytes), so terms with the same first word sit together in the
 * index; then by place, for a stable order. */
static int
cmp_first(const void *a, const void *b)
{
	const struct lex_term *tx = *(const struct lex_term *const *)a;
	const struct lex_term *ty = *(const struct lex_term *const *)b;
	const struct lex_tok *x = &tx->tok[0], *y = &ty->tok[0];
	int c;

	if (x->prefix != y->prefix)
		return x->prefix - y->prefix;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	if ((c = memcmp(x->s, y->s, x->len)) != 0)
		return c;
	return tx < ty ? -1 : 1;
}

/* Sets the filter bit for hash H. */
static void
bit_set(uint64_t *bits, uint64_t h)
{
	h &= FILTER_BITS - 1;
	bits[h / 64] |= 1ULL << (h % 64);
}

/* Is the filter bit for hash H set? */
static int
bit_get(const uint64_t *bits, uint64_t h)
{
	h &= FILTER_BITS - 1;
	return (bits[h / 64] >> (h % 64)) & 1;
}

/* Puts the group of COUNT ids starting at FIRST into the hash table. */
static void
index_put(struct lexicon *lex, uint32_t first, uint32_t count)
{
	const struct lex_tok *k = &lex->terms[lex->ids[first]].tok[0];
	uint64_t h = hash_bytes(HASH_INIT, k->s, k->len);
	uint32_t *s;
	size_t pos;

	for (s = hash_first(&lex->idxh, h, &pos); *s != 0;
	    s = hash_next(&lex->idxh, &pos))
		;
	lex->idx[lex->nidx] = (struct idx_group){ h, k->s, k->len,
	    (uint32_t)k->prefix, first, count };
	*s = (uint32_t)++lex->nidx;
	hash_placed(&lex->idxh);
	if (k->prefix) {
		lex->head_lens[hash_bytes(HASH_INIT, k->s, MIN_PREFIX) &
		    (HEAD_SLOTS - 1)] |= 1ULL << k->len;
	} else
		bit_set(lex->word_bits, h);
}

/* The last byte every word matching affix term A ends in ("*w"), or
 * -1 ("*w*", or an empty w). */
static int
affix_tail(const struct lexicon *lex, size_t a)
{
	const struct lex_tok *k = &lex->terms[lex->affix[a]].tok[0];

	return !k->prefix && k->len > 0 ? (unsigned char)k->s[k->len - 1] : -1;
}

/* Lists, for each last byte of a word, the affix terms it may match
 * (lex->tail): a word was compared with every affix term, a quarter of
 * a first run's time. */
static void
build_tails(struct lexicon *lex)
{
	size_t a, m = 0;
	int b, t;

	lex->tail_off = xcalloc(258, sizeof *lex->tail_off);
	lex->tail = xcalloc(257 * lex->naffix + 1, sizeof *lex->tail);
	for (b = 0; b <= 256; b++) {
		lex->tail_off[b] = (uint32_t)m;
		for (a = 0; a < lex->naffix; a++)
			if ((t = affix_tail(lex, a)) == -1 || t == b)
				lex->tail[m++] = (uint32_t)a;
	}
	lex->tail_off[257] = (uint32_t)m;
}

/* Builds the first-word index over all terms (sorted as pointers, so
 * that the comparison needs no context). */
static uint64_t byte_mask(const char *, size_t);

static void
build_index(struct lexicon *lex)
{
	const struct lex_term **by = xcalloc(lex->nterms + 1, sizeof *by);
	size_t i, start;

	lex->ids = xcalloc(lex->nterms + 1, sizeof *lex->ids);
	lex->affix = xcalloc(lex->nterms + 1, sizeof *lex->affix);
	lex->affix_mask = xcalloc(lex->nterms + 1, sizeof *lex->affix_mask);
	for (i = 0; i < lex->nterms; i++)
		if (lex->terms[i].tok[0].suffix) {
			lex->affix_mask[lex->naffix] = byte_mask(
			    lex->terms[i].tok[0].s, lex->terms[i].tok[0].len);
			lex->affix[lex->naffix++] = (uint32_t)i;
		} else
			by[lex->nids++] = &lex->terms[i];
	build_tails(lex);
	qsort(by, lex->nids, sizeof *by, cmp_first);
	for (i = 0; i < lex->nids; i++)
		lex->ids[i] = (uint32_t)(by[i] - lex->terms);
	free(by);
	hash_init(&lex->idxh, lex->nids + 1);	/* never grows */
	lex->idx = xcalloc(lex->nids + 1, sizeof *lex->idx);
	for (start = 0, i = 1; i <= lex->nids; i++) {
		const struct lex_tok *a, *b;
		if (i < lex->nids) {
			a = &lex->terms[lex->ids[start]].tok[0];
			b = &lex->terms[lex->ids[i]].tok[0];
			if (a->prefix == b->prefix && a->len == b->len &&
			    memcmp(a->s, b->s, a->len) == 0)
				continue;
		}
		if (start < lex->nids)
			index_put(lex, (uint32_t)start, (uint32_t)(i - start));
		start = i;
	}
}

/* Hash of everything matching depends on (not of file names or order of
 * keys that change nothing): part of the index cache key. The seed is
 * the checksum of the code that matches, discovers and reads articles
 * (engine_id.h, made by the build), so that a cache of another build's
 * results is not read. */
static uint64_t
content_hash(const struct lexicon *lex)
{
	uint64_t h = hash_bytes(HASH_INIT, ENGINE_ID, strlen(ENGINE_ID));
	const struct lex_term *t;
	size_t i, j;

	for (i = 0; i < lex->nthemes; i++) {
		h = hash_bytes(h, lex->themes[i].id, strlen(lex->themes[i].id) + 1);
		h = hash_bytes(h, lex->themes[i].label,
		    strlen(lex->themes[i].label) + 1);
		h = hash_bytes(h, &lex->themes[i].threshold, sizeof(float));
		h = hash_bytes(h, &lex->themes[i].support, sizeof(int));
		h = hash_bytes(h, &lex->themes[i].cluster, sizeof(int));
	}
	for (i = 0; i < lex->nterms; i++) {
		t = &lex->terms[i];
		h = hash_bytes(h, &t->theme, sizeof t->theme);
		h = hash_bytes(h, &t->kind, 1);
		h = hash_bytes(h, &t->group, 1);
		h = hash_bytes(h, &t->rule, sizeof t->rule);
		h = hash_bytes(h, &t->weight, sizeof t->weight);
		h = hash_bytes(h, &t->lang, 1);
		h = hash_bytes(h, &t->flags, 1);
		for (j = 0; j < t->ntok; j++) {
			h = hash_bytes(h, t->tok[j].s, t->tok[j].len + 1);
			h = hash_bytes(h, &t->tok[j].prefix, sizeof(int));
			h = hash_bytes(h, &t->tok[j].suffix, sizeof(int));
			h = hash_bytes(h, &t->tok[j].initial, sizeof(int));
		}
	}
	for (i = 0; i < lex->nrules; i++) {
		const struct lex_rule *r = &lex->rules[i];
		h = hash_bytes(h, &r->theme, sizeof r->theme);
		h = hash_bytes(h, &r->ngroups, 1);
		h = hash_bytes(h, &r->scope, 1);
		h = hash_bytes(h, &r->veto, 1);
		h = hash_bytes(h, &r->window, sizeof r->window);
		h = hash_bytes(h, &r->ordered, sizeof r->ordered);
		h = hash_bytes(h, &r->weight, sizeof r->weight);
	}
	return h;
}

/* Loads PATH, then USER over it; compiles the result. */
struct lexicon *
lexicon_load(const char *path, const char *user, char *err, size_t errlen)
{
	static atomic_uint serials;	/* global: each lexicon's serial */
	struct lexicon *lex = xcalloc(1, sizeof *lex);
	struct fold_cache *fc = fold_cache_new();
	int rc;

	lex->serial = atomic_fetch_add(&serials, 1) + 1;	/* never 0 */
	/* one bit of the word's memo per lexicon: the themes and the three
	 * gazetteers match the same words in turn, and a single mark was
	 * overwritten by each (every word looked up four times over) */
	lex->memo_bit = lex->serial <= 32 ? 1u << (lex->serial - 1) : 0;

	rc = load_file(lex, path, fc, err, errlen);
	if (rc == 0 && user != NULL)
		rc = load_file(lex, user, fc, err, errlen);
	fold_cache_free(fc);
	if (rc == -1) {
		lexicon_free(lex);
		return NULL;
	}
	flatten(lex);
	build_index(lex);
	lex->hash = content_hash(lex);
	return lex;
}

/* Frees the lexicon (the flat arrays borrow the themes' strings). */
void
lexicon_free(struct lexicon *lex)
{
	size_t i;

	if (lex == NULL)
		return;
	for (i = 0; i < lex->nthemes; i++)
		theme_free(&lex->themes[i]);
	free(lex->themes);
	free(lex->terms);
	free(lex->rules);
	free(lex->idx);
	hash_free(&lex->idxh);
	free(lex->ids);
	free(lex->affix);
	free(lex->affix_mask);
	free(lex->tail_off);
	free(lex->tail);
	free(lex);
}

/* ------------------------------------------------------------------ */
/* Queries. */

/* Number of themes. */
size_t
lexicon_count(const struct lexicon *lex)
{
	return lex != NULL ? lex->nthemes : 0;
}

/* Id (section name) of theme I. */
const char *
lexicon_id(const struct lexicon *lex, size_t i)
{
	return lex != NULL && i < lex->nthemes ? lex->themes[i].id : "";
}

/* Label of theme I, for people. */
const char *
lexicon_label(const struct lexicon *lex, size_t i)
{
	return lex != NULL && i < lex->nthemes ? lex->themes[i].label : "";
}

/* Hash of the compiled rules (the index cache key). */
uint64_t
lexicon_hash(const struct lexicon *lex)
{
	return lex != NULL ? lex->hash : 0;
}

/* Score theme I needs. */
float
lexicon_threshold(const struct lexicon *lex, size_t i)
{
	return lex->themes[i].threshold;
}

/* The support theme I asks for (see lexicon.h). */
int
lexicon_support(const struct lexicon *lex, size_t i)
{
	return lex->themes[i].support;
}

/* Does theme I have need terms (see lexicon.h)? */
int
lexicon_needs(const struct lexicon *lex, size_t i)
{
	return lex->themes[i].needs;
}

/* The cluster theme I asks for (see lexicon.h). */
int
lexicon_cluster(const struct lexicon *lex, size_t i)
{
	return lex->themes[i].cluster;
}

/* Does theme TH have terms of its own in language L? */
int
lexicon_theme_has_lang(const struct lexicon *lex, size_t th, size_t l)
{
	return th < lex->nthemes && l < 64 && (lex->themes[th].langs >> l & 1);
}

/* Compiled term I (match.c). */
const struct lex_term *
lexicon_term(const struct lexicon *lex, uint32_t i)
{
	return &lex->terms[i];
}

/* Compiled proximity rule I (match.c). */
const struct lex_rule *
lexicon_rule(const struct lexicon *lex, uint32_t i)
{
	return &lex->rules[i];
}

/* Number of proximity rules, all themes together. */
size_t
lexicon_nrules(const struct lexicon *lex)
{
	return lex->nrules;
}

/* Calls CB with every term as written, '*' left out, so a fixed-string
 * grep finds at least what we find. */
void
lexicon_terms(const struct lexicon *lex, void (*cb)(const char *, void *),
    void *arg)
{
	struct buf b;
	size_t i;
	const char *p;

	if (lex == NULL)
		return;
	buf_init(&b);
	for (i = 0; i < lex->nterms; i++) {
		if (lex->terms[i].kind == LEX_NOT ||
		    lex->terms[i].kind == LEX_NEED)
			continue;
		b.len = 0;
		for (p = lex->terms[i].text; *p != '\0'; p++)
			if (*p != '*')
				buf_addc(&b, *p);
		cb(b.s, arg);
	}
	buf_free(&b);
}

/* Does word W match term word K (exactly, or as its prefix)? */
static int
tok_match(const struct lex_tok *k, const struct token *w)
{
	if (k->prefix)
		return w->nlen >= k->len && memcmp(w->norm, k->s, k->len) == 0;
	return w->nlen == k->len && memcmp(w->norm, k->s, k->len) == 0;
}

/* Do the words after the first of TERM match T[I + 1..N)? */
static int
rest_match(const struct lex_term *term, const struct token *t, size_t n,
    size_t i)
{
	uint32_t j;

	if (i + term->ntok > n)
		return 0;
	for (j = 1; j < term->ntok; j++) {
		const struct lex_tok *k = &term->tok[j];
		const struct token *w = &t[i + j];

		if ((w->flags & TOKEN_PARA) || (k->len > 0 && (w->nlen == 0 ||
		    w->norm[0] != k->s[0])) || !tok_match(k, w))
			return 0;	/* the first byte first: most differ */
	}
	return 1;
}

/* Does word W end in K ("*k"), or contain it ("*k*")? */
static int
affix_match(const struct lex_tok *k, const struct token *w)
{
	if (w->nlen < k->len)
		return 0;
	if (!k->prefix)
		return memcmp(w->norm + w->nlen - k->len, k->s, k->len) == 0;
	return memmem(w->norm, w->nlen, k->s, k->len) != NULL;
}

/* The set of bytes in S[0..N), folded to 64 bits: the bytes of a word
 * that contains another are a superset of the other's. */
static uint64_t
byte_mask(const char *s, size_t n)
{
	uint64_t m = 0;
	size_t i;

	for (i = 0; i < n; i++)
		m |= (uint64_t)1 << (((unsigned char)s[i] * 37u >> 3) & 63);
	return m;
}

/* Appends the "*word" terms matching at T[I]; sets *HIT when one's first
 * word matches (the word is then not one that starts no term). Only the
 * terms that can end in its last byte are tried, and of those (the
 * "*word*" ones end anywhere) one with a byte the word lacks is skipped
 * at once. */
static size_t
match_affix(const struct lexicon *lex, const struct token *t, size_t n,
    size_t i, uint32_t *ids, size_t k, size_t max, int *hit)
{
	const struct lex_term *term;
	uint64_t have = byte_mask(t[i].norm, t[i].nlen);
	size_t b = t[i].nlen > 0 ? (unsigned char)t[i].norm[t[i].nlen - 1] :
	    256, c, a;

	for (c = lex->tail_off[b]; c < lex->tail_off[b + 1] && k < max; c++) {
		a = lex->tail[c];
		if (lex->affix_mask[a] & ~have)
			continue;
		term = &lex->terms[lex->affix[a]];
		if (!affix_match(&term->tok[0], &t[i]))
			continue;
		*hit = 1;
		if (rest_match(term, t, n, i))
			ids[k++] = lex->affix[a];
	}
	return k;
}

/* Appends the terms of index slot S that match T[I..N) in full. */
static size_t
match_slot(const struct lexicon *lex, const struct idx_group *s,
    const struct token *t, size_t n, size_t i, uint32_t *ids, size_t k,
    size_t max)
{
	const struct lex_term *term;
	uint32_t c;

	for (c = 0; c < s->count && k < max; c++) {
		term = &lex->terms[lex->ids[s->first + c]];
		if (rest_match(term, t, n, i))
			ids[k++] = lex->ids[s->first + c];
	}
	return k;
}

/* Looks up the slot for (hash H, KEY[0..LEN), prefix flag). */
static const struct idx_group *
index_get(const struct lexicon *lex, uint64_t h, const char *key,
    uint32_t len, uint32_t prefix)
{
	const struct idx_group *s;
	const uint32_t *slot;
	size_t pos;

	for (slot = hash_first(&lex->idxh, h, &pos);;
	    slot = hash_next(&lex->idxh, &pos)) {
		if (*slot == 0)
			return NULL;
		s = &lex->idx[*slot - 1];
		if (s->hash == h && s->klen == len && s->prefix == prefix &&
		    memcmp(s->key, key, len) == 0)
			return s;
	}
}

/* Terms matching at T[I]: every prefix length some term uses is looked
 * up while hashing the word once, then the whole word; the filters let
 * most words ("the", "und") skip the table. */
size_t
lexicon_match_at(const struct lexicon *lex, const struct token *t,
    size_t n, size_t i, uint32_t *ids, size_t max)
{
	const struct idx_group *s;
	const char *w = t[i].norm;
	uint32_t *memo = text_memo(&t[i]);
	uint64_t h = HASH_INIT, lens = 0;
	size_t k = 0;
	uint32_t l;
	int slots = 0;

	if (lex == NULL || lex->nterms == 0 ||
	    (memo != NULL && (*memo & lex->memo_bit)))
		return 0;	/* a word known to start no term */
	for (l = 0;; l++) {	/* h: hash of the first l bytes */
		if (l == MIN_PREFIX)
			lens = lex->head_lens[h & (HEAD_SLOTS - 1)];
		if (l <= MAX_PREFIX && (lens >> l & 1) &&
		    (s = index_get(lex, h, w, l, 1)) != NULL) {
			k = match_slot(lex, s, t, n, i, ids, k, max);
			slots = 1;
		}
		if (l == t[i].nlen)
			break;
		h = fnv_step(h, (unsigned char)w[l]);
	}
	if (bit_get(lex->word_bits, h) &&
	    (s = index_get(lex, h, w, t[i].nlen, 0)) != NULL) {
		k = match_slot(lex, s, t, n, i, ids, k, max);
		slots = 1;
	}
	if (lex->naffix > 0)
		k = match_affix(lex, t, n, i, ids, k, max, &slots);
	if (!slots && memo != NULL)	/* depends on the word alone */
		*memo |= lex->memo_bit;
	return k;
}

/* The rules of theme TH: from *FIRST on; how many. */
size_t
lexicon_theme_rules(const struct lexicon *lex, size_t th, size_t *first)
{
	*first = th < lex->nthemes ? lex->themes[th].rule0 : 0;
	return th < lex->nthemes ? lex->themes[th].nrules : 0;
}

/* The lexicon's bit in a word's memo. */
uint32_t
lexicon_memo_bit(const struct lexicon *lex)
{
	return lex != NULL ? lex->memo_bit : 0;
}

/* Splits folded phrase P at spaces into tokens pointing into P. */
static size_t
split_phrase(const char *p, size_t len, struct token **out)
{
	size_t i = 0, n = 0, start;

	*out = xcalloc(len / 2 + 1, sizeof **out);
	while (i < len) {
		while (i < len && p[i] == ' ')
			i++;
		start = i;
		while (i < len && p[i] != ' ')
			i++;
		if (i > start) {
			(*out)[n].norm = p + start;
			(*out)[n].nlen = (uint32_t)(i - start);
			(*out)[n].off = (uint32_t)start;
			(*out)[n++].len = (uint32_t)(i - start);
		}
	}
	return n;
}

/* Is there a scoring term (plain, or part of a near rule) inside the
 * folded phrase P? Weak terms do not count: a word that alone says
 * nothing ("festival", "museum") does not make "Steppe Eagle Festival"
 * the lexicon's. */
int
lexicon_covers(const struct lexicon *lex, const char *p, size_t len)
{
	struct token *t;
	uint32_t ids[64];
	size_t n, i, k, j;
	int found = 0;

	if (lex == NULL)
		return 0;
	n = split_phrase(p, len, &t);
	for (i = 0; i < n && !found; i++) {
		k = lexicon_match_at(lex, t, n, i, ids, 64);
		for (j = 0; j < k; j++)
			if ((lex->terms[ids[j]].kind == LEX_PLAIN &&
			    !(lex->terms[ids[j]].flags & LEXT_WEAK)) ||
			    (lex->terms[ids[j]].kind == LEX_NEAR &&
			    !lex->rules[lex->terms[ids[j]].rule].veto))
				found = 1;
	}
	free(t);
	return found;
}

/* Do the N words W match the words of TERM from word AT on? */
static int
run_matches(const struct lex_term *term, size_t at, const struct token *w,
    size_t n)
{
	size_t j;

	if (at + n > term->ntok)
		return 0;
	for (j = 0; j < n; j++) {
		const struct lex_tok *k = &term->tok[at + j];
		if (k->suffix ? !affix_match(k, &w[j]) : !tok_match(k, &w[j]))
			return 0;
	}
	return 1;
}

/* Is P a run of the words of a longer scoring term? */
int
lexicon_part_of(const struct lexicon *lex, const char *p, size_t len)
{
	struct token *t;
	size_t n, i, at;
	int found = 0;

	if (lex == NULL)
		return 0;
	n = split_phrase(p, len, &t);
	for (i = 0; n > 0 && i < lex->nterms && !found; i++) {
		const struct lex_term *term = &lex->terms[i];
		if (term->ntok <= n || term->kind == LEX_NOT ||
		    term->kind == LEX_NEED ||
		    (term->kind == LEX_NEAR && lex->rules[term->rule].veto))
			continue;
		for (at = 0; at + n <= term->ntok && !found; at++)
			found = run_matches(term, at, t, n);
	}
	free(t);
	return found;
}

/* Is every word of P inside some match of a scoring term? */
int
lexicon_covers_all(const struct lexicon *lex, const char *p, size_t len)
{
	struct token *t;
	uint32_t ids[64];
	size_t n, i, k, j, covered = 0;

	if (lex == NULL)
		return 0;
	n = split_phrase(p, len, &t);
	for (i = 0; i < n; i++) {
		k = lexicon_match_at(lex, t, n, i, ids, 64);
		for (j = 0; j < k; j++)
			if (lex->terms[ids[j]].kind == LEX_PLAIN &&
			    i + lex->terms[ids[j]].ntok > covered)
				covered = i + lex->terms[ids[j]].ntok;
		if (covered <= i)
			break;	/* word I is in no match */
	}
	free(t);
	return n > 0 && covered >= n;
}
