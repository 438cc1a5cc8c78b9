/* lang.c: offline language identification: script, letters, stop words, trigram profiles. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <unistr.h>

#include "hash.h"
#include "lang.h"
#include "util.h"

#define LANG_MAX	32	/* profiles loaded at most */
#define SCAN_BYTES	1024	/* only the start of a text: some 150 words
				 * (70 in Cyrillic) decide among 7 languages;
				 * the same answers as 4096 on every test and
				 * bench corpus, and 10% of a cold load */
#define WORD_CPS	32	/* longer words give trigrams, never stop words */
#define FILE_MAX	(1 << 20)
#define FIT_MIN	0.5	/* the least score of a Latin language we name */
#define TRI_FIT	0.3	/* ... and the least trigram share */

/* What is known about one language: trigrams and/or stop words. */
struct profile {
	char		 code[8];
	uint64_t	*tri;		/* trigram keys, most frequent first */
	size_t		 ntri;
	uint64_t	*stop;		/* hashes of stop words */
	size_t		 nstop;
	int		 latin;		/* written in Latin script */
};

/* Global: the profiles, and the tables below, loaded once by lang_init
 * before the loader threads start; only read after. */
static struct profile langs[LANG_MAX];
static size_t nlangs;

/* Classes of telling letters: ą ę ł ... (pl), ä ö ü ß (de), é è ê ...
 * (fr); Cyrillic: ә ғ қ ң ұ һ (kk only), і (kk, uk, be), ї є ґ (uk),
 * ө ү (kk, but Mongolian too), ў (be), и (ru uk bg, never be), ы э ё
 * (ru, be), ъ (bg, rare in ru), ј љ њ џ (sr, mk), ћ ђ (sr only), ѓ ќ ѕ ѐ ѝ
 * (mk only); й щ ь ю я: in all of ours but Macedonian. */
enum { T_NONE, T_PL, T_DE, T_FR, T_KK, T_KK_I, T_UK, T_OU, T_BE, T_I,
	T_RU, T_HARD, T_SRMK, T_SR, T_MK, T_NOMK, T_N };
#define XL_MAX	24	/* kinds of non-ASCII Latin letters counted */

/* Per-text counts that lang_identify decides from. */
struct counts {
	size_t	 latin, cyr, han, kana, hangul, other;
	size_t	 tl[T_N];		/* telling letters by class (tell[]) */
	ucs4_t	 xl[XL_MAX];		/* non-ASCII Latin letters seen ... */
	size_t	 xn[XL_MAX], nxl;	/* ... how often, how many kinds */
	size_t	 words, trigrams;
	double	 stop[LANG_MAX];	/* stop-word hits per profile */
	double	 tri[LANG_MAX];		/* trigram weights per profile */
};

/* Packs three code points into one trigram key. */
static uint64_t
tri_key(ucs4_t a, ucs4_t b, ucs4_t c)
{
	return ((uint64_t)a << 42) | ((uint64_t)b << 21) | (uint64_t)c;
}

/* What one key is worth to one profile. */
struct weight {
	float		 weight;
	uint16_t	 lang;
};

/* One key of a lookup table and where its weights are (several
 * profiles often share a key: " th", "the"). */
struct lkey {
	uint64_t	 key;
	uint32_t	 first;		/* index in table.w */
	uint16_t	 n;		/* weights */
	uint16_t	 fill;		/* weights put so far (tables_build) */
};

/*
 * The distinct keys of all profiles, found through a hash table (hash.h)
 * kept at most a quarter full: a lookup is mostly a miss, and it probes
 * up to the next empty slot. Each key has its profile weights in a row
 * of W (in the order they were added).
 */
struct table {
	struct lkey	*k;
	size_t		 nk;
	struct hash	 h;
	struct weight	*w;
	size_t		 nw;
};

static struct table tri_tab, stop_tab;

/* KEY mixed for the table (trigram keys are packed code points). */
static uint64_t
key_mix(uint64_t key)
{
	key ^= key >> 31;
	key *= 0x9E3779B97F4A7C15ULL;
	return key ^ (key >> 29);
}

/* Makes T an empty table for N keys (profile weights). */
static void
table_init(struct table *t, size_t n)
{
	t->k = xcalloc(n + 1, sizeof *t->k);
	t->nk = 0;
	hash_init(&t->h, 2 * n + 1);
	t->w = xreallocarray(NULL, n + 1, sizeof *t->w);
	t->nw = 0;
}

/* The slot of KEY in T (its number + 1), or the empty slot where it
 * would go. Inline: the identification's inner loop. */
static inline uint32_t *
table_find(const struct table *t, uint64_t key)
{
	uint32_t *s;
	size_t pos;

	for (s = hash_first(&t->h, key_mix(key), &pos);
	    *s != 0 && t->k[*s - 1].key != key; s = hash_next(&t->h, &pos))
		;
	return s;
}

/* Counts one more weight for KEY (first pass of tables_build; the table
 * has room for every key, so it never grows). */
static void
table_count(struct table *t, uint64_t key)
{
	uint32_t *s = table_find(t, key);

	if (*s == 0) {
		t->k[t->nk].key = key;
		*s = (uint32_t)++t->nk;
		hash_placed(&t->h);
	}
	t->k[*s - 1].n++;
}

/* Gives each key its row of weights (after table_count). */
static void
table_rows(struct table *t)
{
	size_t i;

	for (i = 0; i < t->nk; i++) {
		t->k[i].first = (uint32_t)t->nw;
		t->nw += t->k[i].n;
	}
}

/* Puts KEY's weight for profile LANG next in its row (after table_rows):
 * a key's weights stay in the order they come, as the sums expect. */
static void
table_put(struct table *t, uint64_t key, float weight, size_t lang)
{
	struct lkey *k = &t->k[*table_find(t, key) - 1];
	struct weight *w = &t->w[k->first + k->fill++];

	w->weight = weight;
	w->lang = (uint16_t)lang;
}

/* Adds the weights of every profile that has KEY to SUM. */
static void
table_sum(const struct table *t, uint64_t key, double *sum)
{
	const struct lkey *k;
	const struct weight *w;
	uint32_t *s;

	if (t->k == NULL || *(s = table_find(t, key)) == 0)
		return;
	k = &t->k[*s - 1];
	for (w = t->w + k->first; w < t->w + k->first + k->n; w++)
		sum[w->lang] += w->weight;
}

/* Finds or adds the profile for CODE. */
static struct profile *
profile_get(const char *code, size_t n)
{
	size_t k;

	if (n < 2 || n >= sizeof langs[0].code ||
	    strspn(code, "abcdefghijklmnopqrstuvwxyz-") < n)
		return NULL;	/* not a language code: never shown */
	for (k = 0; k < nlangs; k++)
		if (strlen(langs[k].code) == n &&
		    memcmp(langs[k].code, code, n) == 0)
			return &langs[k];
	if (nlangs == LANG_MAX)
		return NULL;
	memset(&langs[nlangs], 0, sizeof langs[0]);
	memcpy(langs[nlangs].code, code, n);
	return &langs[nlangs++];
}

/* Calls FN on each non-empty, non-comment line of file PATH; -1 if unreadable. */
static int
lines_each(const char *path, void (*fn)(struct profile *, const char *,
    size_t), struct profile *p)
{
	char *s, *line, *nl;
	size_t len, n;

	if (file_read(path, FILE_MAX, &s, &len) != 0)
		return -1;
	for (line = s; line < s + len; line = nl + 1) {
		nl = memchr(line, '\n', (size_t)(s + len - line));
		if (nl == NULL)
			nl = s + len;
		n = (size_t)(nl - line);
		if (n > 0 && line[n - 1] == '\r')
			n--;
		if (n > 0 && *line != '#')
			fn(p, line, n);
	}
	free(s);
	return 0;
}

/* Adds one "abc COUNT" line ('_' pads words) to P's trigrams. */
static void
tri_add(struct profile *p, const char *line, size_t len)
{
	const uint8_t *s = (const uint8_t *)line;
	ucs4_t cp[3];
	size_t i = 0;
	int k, n;

	for (k = 0; k < 3; k++) {
		if (i >= len)
			return;
		n = u8_mbtouc(&cp[k], s + i, len - i);
		i += (size_t)n;
		if (cp[k] == '_')
			cp[k] = ' ';
		else if (uc_is_script(cp[k], uc_script_byname("Latin")))
			p->latin = 1;
	}
	if (p->ntri % 64 == 0)
		p->tri = xreallocarray(p->tri, p->ntri + 64, sizeof *p->tri);
	p->tri[p->ntri++] = tri_key(cp[0], cp[1], cp[2]);
}

/* Adds one stop word (already lower case) to P. */
static void
stop_add(struct profile *p, const char *line, size_t len)
{
	while (len > 0 && line[len - 1] == ' ')
		len--;
	if (len == 0)
		return;
	if (p->nstop % 64 == 0)
		p->stop = xreallocarray(p->stop, p->nstop + 64, sizeof *p->stop);
	p->stop[p->nstop++] = hash_bytes(HASH_INIT, line, len);
}

/* The weight of trigram I of profile P: 1.0 for its most frequent down
 * to 0.5 for its last. */
static float
tri_weight(const struct profile *p, size_t i)
{
	return 1.0f - (float)i / (2.0f * (float)p->ntri);
}

/* Moves every profile's keys into the two lookup tables: count the
 * weights of each key, lay out the rows, then fill them. */
static void
tables_build(void)
{
	size_t k, i, ntri = 0, nstop = 0;
	struct profile *p;

	for (k = 0; k < nlangs; k++) {
		ntri += langs[k].ntri;
		nstop += langs[k].nstop;
	}
	table_init(&tri_tab, ntri);
	table_init(&stop_tab, nstop);
	for (k = 0; k < nlangs; k++) {
		for (i = 0; i < langs[k].ntri; i++)
			table_count(&tri_tab, langs[k].tri[i]);
		for (i = 0; i < langs[k].nstop; i++)
			table_count(&stop_tab, langs[k].stop[i]);
	}
	table_rows(&tri_tab);
	table_rows(&stop_tab);
	for (k = 0; k < nlangs; k++) {
		p = &langs[k];
		for (i = 0; i < p->ntri; i++)
			table_put(&tri_tab, p->tri[i], tri_weight(p, i), k);
		for (i = 0; i < p->nstop; i++)
			table_put(&stop_tab, p->stop[i], 1.0f, k);
		free(p->tri);
		free(p->stop);
		p->tri = p->stop = NULL;
	}
}

/* Loads every DIR/SUB/CODE.EXT file with FN; returns how many loaded. */
static int
load_dir(const char *datadir, const char *sub, const char *ext,
    void (*fn)(struct profile *, const char *, size_t))
{
	char path[4096];
	struct dirent *e;
	struct profile *p;
	size_t n, elen = strlen(ext);
	DIR *d;
	int loaded = 0;

	snprintf(path, sizeof path, "%s/%s", datadir, sub);
	if ((d = opendir(path)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		n = strlen(e->d_name);
		if (n <= elen || strcmp(e->d_name + n - elen, ext) != 0 ||
		    e->d_name[0] == '.')
			continue;
		if ((p = profile_get(e->d_name, n - elen)) == NULL)
			continue;
		snprintf(path, sizeof path, "%s/%s/%s", datadir, sub,
		    e->d_name);
		if (lines_each(path, fn, p) == 0)
			loaded++;
		else
			warn_at(path, "cannot read language data");
	}
	closedir(d);
	return loaded;
}

static void small_init(void);

int
lang_init(const char *datadir)
{
	small_init();
	lang_free();
	if (load_dir(datadir, "lang", ".tri", tri_add) == 0) {
		lang_free();
		warn_at(datadir, "no language profiles in lang/: guessing "
		    "languages from letters only");
		return -1;
	}
	load_dir(datadir, "stopwords", ".txt", stop_add);
	/* languages the rest of tread has no stop-word list for */
	load_dir(datadir, "lang", ".stop", stop_add);
	tables_build();
	return 0;
}

void
lang_free(void)
{
	size_t k;

	for (k = 0; k < nlangs; k++) {
		free(langs[k].tri);
		free(langs[k].stop);
	}
	free(tri_tab.k);
	free(stop_tab.k);
	hash_free(&tri_tab.h);
	hash_free(&stop_tab.h);
	free(tri_tab.w);
	free(stop_tab.w);
	memset(&tri_tab, 0, sizeof tri_tab);
	memset(&stop_tab, 0, sizeof stop_tab);
	memset(langs, 0, sizeof langs);
	nlangs = 0;
}

/* The telling letters, by code point (all below TELL_MAX), so that one
 * index replaces a search of each set (classes: see T_*). */
#define TELL_MAX	0x500
static const unsigned char tell[TELL_MAX] = {
	[0x105] = T_PL, [0x119] = T_PL, [0x142] = T_PL, [0x15B] = T_PL,
	[0x17A] = T_PL, [0x17C] = T_PL, [0x144] = T_PL, [0x107] = T_PL,
	[0xF3] = T_PL,
	[0xE4] = T_DE, [0xF6] = T_DE, [0xFC] = T_DE, [0xDF] = T_DE,
	[0xE9] = T_FR, [0xE8] = T_FR, [0xEA] = T_FR, [0xE0] = T_FR,
	[0xE7] = T_FR, [0x153] = T_FR, [0xE2] = T_FR, [0xEE] = T_FR,
	[0xF4] = T_FR, [0xFB] = T_FR, [0xEB] = T_FR, [0xF9] = T_FR,
	[0x4D9] = T_KK, [0x493] = T_KK, [0x49B] = T_KK, [0x4A3] = T_KK,
	[0x4B1] = T_KK, [0x4BB] = T_KK, [0x4E9] = T_OU, [0x4AF] = T_OU,
	[0x456] = T_KK_I,
	[0x457] = T_UK, [0x454] = T_UK, [0x491] = T_UK,
	[0x45E] = T_BE, [0x438] = T_I,
	[0x44B] = T_RU, [0x44D] = T_RU, [0x451] = T_RU, [0x44A] = T_HARD,
	[0x458] = T_SRMK, [0x459] = T_SRMK, [0x45A] = T_SRMK,
	[0x45B] = T_SR, [0x452] = T_SR, [0x45F] = T_SRMK,
	[0x453] = T_MK, [0x45C] = T_MK, [0x455] = T_MK, [0x450] = T_MK,
	[0x45D] = T_MK,
	[0x439] = T_NOMK, [0x449] = T_NOMK, [0x44C] = T_NOMK,
	[0x44E] = T_NOMK, [0x44F] = T_NOMK,
};

/* Counts one non-ASCII Latin letter UC (lower case) by kind. */
static void
count_xlatin(struct counts *c, ucs4_t uc)
{
	size_t k;

	for (k = 0; k < c->nxl; k++)
		if (c->xl[k] == uc) {
			c->xn[k]++;
			return;
		}
	if (c->nxl < XL_MAX) {
		c->xl[c->nxl] = uc;
		c->xn[c->nxl++] = 1;
	}
}

/* Counts the telling letters of Latin and Cyrillic alphabets (UC lower case). */
static void
count_telling(struct counts *c, ucs4_t uc)
{
	if (uc < TELL_MAX)
		c->tl[tell[uc]]++;
}

/* The scripts lang_identify tells apart. */
struct scripts {
	const uc_script_t	*latin, *cyr, *han, *hira, *kata, *hangul;
};

/* What a letter counts as. */
enum letter_class { L_NONE, L_LATIN, L_CYR, L_HAN, L_KANA, L_HANGUL, L_OTHER };

/* The class of UC (lower case). */
static enum letter_class
letter_class(const struct scripts *sc, ucs4_t uc)
{
	const uc_script_t *s;

	if (!uc_is_alpha(uc))
		return L_NONE;
	s = uc_script(uc);
	if (s == sc->latin)
		return L_LATIN;
	if (s == sc->cyr)
		return L_CYR;
	if (s == sc->han)
		return L_HAN;
	if (s == sc->hira || s == sc->kata)
		return L_KANA;
	return s == sc->hangul ? L_HANGUL : L_OTHER;
}

/* Counts letter UC (lower case) of class CL; returns 1 if it can be part
 * of a word. */
static int
count_letter(struct counts *c, enum letter_class cl, ucs4_t uc)
{
	switch (cl) {
	case L_LATIN:
	case L_CYR:
		if (cl == L_LATIN) {
			c->latin++;
			if (uc >= 0x80)
				count_xlatin(c, uc);
		} else
			c->cyr++;
		count_telling(c, uc);
		return 1;
	case L_HAN: c->han++; break;
	case L_KANA: c->kana++; break;
	case L_HANGUL: c->hangul++; break;
	case L_OTHER: c->other++; break;
	case L_NONE: break;
	}
	return 0;
}

/*
 * Lower case and class of every code point below SMALL_MAX (Latin,
 * Greek, Cyrillic...), worked out once by lang_init with the calls
 * count_text makes for the others: three library calls per letter were
 * most of the time spent on a Russian text.
 */
#define SMALL_MAX	0x800
/* Global: filled once by lang_init (before the threads), then read. */
static struct small {
	ucs4_t		 lower;
	unsigned char	 cl;
} small[SMALL_MAX];
static int small_ready;

/* The scripts, looked up by name. */
static struct scripts
scripts_get(void)
{
	struct scripts sc = { uc_script_byname("Latin"),
	    uc_script_byname("Cyrillic"), uc_script_byname("Han"),
	    uc_script_byname("Hiragana"), uc_script_byname("Katakana"),
	    uc_script_byname("Hangul") };

	return sc;
}

/* Fills small[] once (lang_init, before threads start). */
static void
small_init(void)
{
	struct scripts sc = scripts_get();
	ucs4_t u;

	if (small_ready)
		return;
	for (u = 0; u < SMALL_MAX; u++) {
		small[u].lower = uc_tolower(u);
		small[u].cl = (unsigned char)letter_class(&sc, small[u].lower);
	}
	small_ready = 1;
}

/* Counts the non-ASCII char at S (N bytes left) into C; sets *UC to its
 * lower case and returns its length; *INWORD: can it be part of a word? */
static int
count_char(struct counts *c, const struct scripts *sc, const uint8_t *s,
    size_t n, ucs4_t *uc, int *inword)
{
	int l;

	if (s[0] >= 0xC2 && s[0] < 0xE0 && n >= 2 && (s[1] & 0xC0) == 0x80) {
		*uc = ((ucs4_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
		l = 2;
	} else
		l = u8_mbtouc(uc, s, n);
	if (*uc < SMALL_MAX && small_ready) {
		const struct small *sm = &small[*uc];

		*uc = sm->lower;
		*inword = count_letter(c, (enum letter_class)sm->cl, *uc);
	} else if (*uc >= 0x4E00 && *uc <= 0x9FFF) {
		/* Han: no case, no script lookup */
		c->han += uc_is_alpha(*uc) != 0;
		*inword = 0;
	} else {
		*uc = uc_tolower(*uc);
		*inword = count_letter(c, letter_class(sc, *uc), *uc);
	}
	return l;
}

/* Adds the weights of the trigrams of word W (N code points) and its stop-word hits. */
static void
count_word(struct counts *c, const ucs4_t *w, size_t n)
{
	uint8_t u8[WORD_CPS * 4];
	size_t i, blen = 0;
	ucs4_t a, b, d;

	c->words++;
	for (i = 0; i < n; i++) {
		a = i == 0 ? ' ' : w[i - 1];
		b = w[i];
		d = i + 1 == n ? ' ' : w[i + 1];
		c->trigrams++;
		table_sum(&tri_tab, tri_key(a, b, d), c->tri);
		blen += (size_t)u8_uctomb(u8 + blen, w[i], 4);
	}
	table_sum(&stop_tab, hash_bytes(HASH_INIT, u8, blen), c->stop);
}

/* The words of a text (lower case, at most WORD_CPS code points each),
 * kept for their trigrams and stop words. A word takes a character and
 * is followed by another, so SCAN_BYTES bounds both arrays. */
struct words {
	ucs4_t		 cp[SCAN_BYTES];
	unsigned char	 len[SCAN_BYTES / 2 + 1];
	size_t		 ncp, n;
};

/* Appends the word W (N code points) to WS. */
static void
words_add(struct words *ws, const ucs4_t *w, size_t n)
{
	memcpy(ws->cp + ws->ncp, w, n * sizeof *w);
	ws->ncp += n;
	ws->len[ws->n++] = (unsigned char)n;
}

/* Counts the trigrams and stop words of every word of WS into C. */
static void
count_words(struct counts *c, const struct words *ws)
{
	size_t i, at = 0;

	for (i = 0; i < ws->n; at += ws->len[i++])
		count_word(c, ws->cp + at, ws->len[i]);
}

/* Counts scripts and letters of S (at most SCAN_BYTES), and keeps its
 * words in WS. */
static void
count_text(struct counts *c, const uint8_t *s, size_t len, struct words *ws)
{
	struct scripts sc = scripts_get();
	ucs4_t w[WORD_CPS], uc;
	size_t i, wn = 0;
	int n, inword;

	for (i = 0; i <= len; i += (size_t)n) {
		n = 1;
		inword = 0;
		if (i < len) {
			if (s[i] < 0x80) {	/* the common case, quickly */
				uc = s[i] | 0x20;
				inword = uc >= 'a' && uc <= 'z';
				c->latin += (size_t)inword;
			} else
				n = count_char(c, &sc, s + i, len - i, &uc,
				    &inword);
		}
		if (inword && wn < WORD_CPS)
			w[wn++] = uc;
		else if (!inword && wn > 0) {
			words_add(ws, w, wn);
			wn = 0;
		}
	}
}

/* The index of the profile for CODE, or -1. */
static int
profile_index(const char *code)
{
	size_t k;

	for (k = 0; k < nlangs; k++)
		if (strcmp(langs[k].code, code) == 0)
			return (int)k;
	return -1;
}

/* Stop-word hits of CODE's profile in C (0 without a profile). */
static double
stop_hits(const struct counts *c, const char *code)
{
	int k = profile_index(code);

	return k < 0 ? 0 : c->stop[k];
}

/* The best-fitting profile of one script for C (LATIN: Latin, else
 * Cyrillic) by trigrams, stop words and BONUS; its score in *TOP and the
 * runner-up's in *SECOND. "" when no profile fits. */
static const char *
best_profile(const struct counts *c, int latin,
    double (*bonus)(const struct counts *, const char *), double *top,
    double *second)
{
	const char *best = "";
	double s;
	size_t k;

	*top = *second = 0;
	for (k = 0; k < nlangs; k++) {
		if (langs[k].latin != latin || langs[k].ntri == 0)
			continue;
		s = bonus(c, langs[k].code);
		if (s < 0)
			continue;	/* letters it has not got */
		s += c->tri[k] / (double)c->trigrams + 1.5 * c->stop[k] /
		    (double)c->words;
		if (s > *top) {
			*second = *top;
			*top = s;
			best = langs[k].code;
		} else if (s > *second)
			*second = s;
	}
	return best;
}

/* Could C's Cyrillic letters be Macedonian: none of й щ ь ю я ъ ы э ё,
 * which it has not got, and if ј љ њ џ, which Serbian shares, also one
 * of ѓ ќ ѕ ѐ ѝ, which Serbian has not got? */
static int
mk_letters(const struct counts *c)
{
	return c->tl[T_NOMK] + c->tl[T_HARD] + c->tl[T_RU] == 0 &&
	    (c->tl[T_SRMK] == 0 || c->tl[T_MK] > 0);
}

/* Cyrillic after the letters: ъ is common in Bulgarian (във, към, път)
 * and rare in Russian, so a text with it leans Bulgarian and one
 * without leans away. */
static double
cyr_bonus(const struct counts *c, const char *code)
{
	if (strcmp(code, "mk") == 0)
		return mk_letters(c) ? 0 : -1;
	if (c->tl[T_SRMK] + c->tl[T_MK] > 0 && mk_letters(c))
		return -1;	/* ј љ њ ѓ ќ ѕ: only Macedonian of ours */
	if (strcmp(code, "bg") != 0)
		return 0;
	return c->tl[T_HARD] > 0 ? 0.2 : 0;
}

/* Is the best of a script convincing: enough of the text's trigrams are
 * its own, its whole score is high, and clearly better than the next?
 * Else the language is unknown (on Lingua's sentences of 22 languages we
 * have no profile for, this keeps 81% empty where 42% were, and 95% of
 * our own right). */
static const char *
convincing(const struct counts *c, const char *best, double top,
    double second)
{
	int k = profile_index(best);

	if (k < 0 || c->tri[k] / (double)c->trigrams < TRI_FIT)
		return "";
	return top >= FIT_MIN && top >= 1.1 * second ? best : "";
}

/* The Cyrillic profiles' answer when letters did not tell: the letters
 * have already sent Serbian, Macedonian and Mongolian away, so the bar
 * is the old one (a Russian headline without ы э ё is still Russian). */
static const char *
cyr_convincing(const char *best, double top, double second)
{
	if (top < 0.3)
		return "";
	/* a tie goes to Russian: Bulgarian, its close second, has ъ (the
	 * bonus above) in nearly every sentence */
	return top >= 1.1 * second || strcmp(best, "ru") == 0 ? best : "";
}

/* Share of the Cyrillic letters of C in class T. */
static double
cyr_share(const struct counts *c, int t)
{
	return (double)c->tl[t] / (double)c->cyr;
}

/*
 * Cyrillic: letters first. Kazakh has six letters no other of ours has
 * (a Russian text naming a Kazakh place has a few, so the share counts);
 * Serbian and Macedonian letters, or ө ү without them (Mongolian), are
 * none of ours; ў is Belarusian; і with и Ukrainian, і without и
 * Belarusian; ы э ё Russian. Bulgarian, and texts too short for letters
 * to tell, go to the profiles. NULL: C needs its words counted.
 */
static const char *
decide_cyrillic(const struct counts *c, int have_words)
{
	double share = (double)(c->tl[T_KK] + c->tl[T_KK_I] + c->tl[T_OU]) /
	    (double)c->cyr, top, second, ru = cyr_share(c, T_RU);
	double uk = cyr_share(c, T_UK) + cyr_share(c, T_KK_I);
	/* letters of Serbian or Macedonian, more than a name's */
	int srmk = c->tl[T_SRMK] + c->tl[T_SR] + c->tl[T_MK] >= 2 ||
	    cyr_share(c, T_SRMK) + cyr_share(c, T_SR) +
	    cyr_share(c, T_MK) >= 0.01;
	const char *best;

	if (c->tl[T_KK] > 0 && share < 0.06 && share >= 0.03 && !have_words)
		return NULL;
	if (c->tl[T_KK] > 0 && (share >= 0.06 || (share >= 0.03 &&
	    stop_hits(c, "kk") >= stop_hits(c, "ru"))))
		return "kk";
	if ((c->tl[T_SR] > 0 && srmk) || (c->tl[T_KK] == 0 &&
	    (c->tl[T_OU] >= 2 || cyr_share(c, T_OU) >= 0.01)))
		return "";	/* Serbian, Mongolian */
	if (srmk && (profile_index("mk") < 0 || !mk_letters(c)))
		return "";	/* ј љ њ ѓ ќ ѕ and not Macedonian */
	if (cyr_share(c, T_BE) >= 0.005 && cyr_share(c, T_I) < 0.005)
		return "be";
	if (uk >= 0.01 && ru < 0.005)
		return cyr_share(c, T_I) >= 0.005 ? "uk" : "be";
	if (ru >= 0.005 && uk < 0.01)
		return "ru";
	if (!have_words)
		return NULL;
	if (c->words < 2)
		return "";
	best = best_profile(c, 0, cyr_bonus, &top, &second);
	return cyr_convincing(best, top, second);
}

/* The letters beyond a-z of the Latin languages we have profiles for. */
static const struct {
	const char	*code;
	const char	*letters;
} alphabets[] = {
	{ "en", "" }, { "de", "äöüß" }, { "fr", "éèêàçœâîôûëùïÿæ" },
	{ "es", "ñáéíóúü" }, { "it", "àèéìòùíóú" }, { "pl", "ąćęłńóśźż" },
	{ "tr", "çğıöşüâîû" }, { "pt", "ãõçáéíóúâêôàü" },
	{ "nl", "éëïèöüáóêíú" }, { "af", "êëôéèïûáíóú" },
	{ "ca", "àèéíïòóúüç·" }, { "sv", "åäöé" },
	{ "da", "æøåé" }, { "nb", "æøåéèêóòô" }, { "fi", "äöåšž" },
	{ "et", "äöõüšž" }, { "ro", "ăâîșțşţ" },
};

/* Is UC one of the UTF-8 LETTERS? */
static int
letter_in(const char *letters, ucs4_t uc)
{
	const uint8_t *p = (const uint8_t *)letters;
	ucs4_t l;
	int n;

	while (*p != '\0') {
		n = u8_mbtouc(&l, p, strlen((const char *)p));
		if (l == uc)
			return 1;
		p += n;
	}
	return 0;
}

/*
 * What the letters beyond a-z say for Latin language CODE: a bonus for
 * its own (up to 0.3), -1 when more than 1% of the letters are not in
 * its alphabet (a French name in a German article is far less) (Czech ř, Swedish å, Romanian ă are in none of ours).
 */
static double
letter_bonus(const struct counts *c, const char *code)
{
	size_t k, j, own = 0, foreign = 0;
	double b;

	for (j = 0; j < sizeof alphabets / sizeof alphabets[0]; j++)
		if (strcmp(alphabets[j].code, code) == 0)
			break;
	if (j == sizeof alphabets / sizeof alphabets[0])
		return 0;	/* a profile without an alphabet here */
	for (k = 0; k < c->nxl; k++) {
		if (letter_in(alphabets[j].letters, c->xl[k]))
			own += c->xn[k];
		else
			foreign += c->xn[k];
	}
	if (foreign * 100 > c->latin)
		return -1;
	b = 10.0 * (double)own / (double)c->latin;
	return b > 0.3 ? 0.3 : b;
}

/* Without profiles, the telling letters alone name pl, de or fr. */
static const char *
decide_letters(const struct counts *c)
{
	size_t pl = c->tl[T_PL], de = c->tl[T_DE], fr = c->tl[T_FR];

	if (pl * 100 > c->latin && pl >= de && pl >= fr)
		return "pl";
	if (de * 100 > c->latin && de >= fr)
		return "de";
	if (fr * 100 > c->latin)
		return "fr";
	return "";
}

/*
 * Latin script: trigram profile + stop words + the letters beyond a-z.
 * The best must be convincing on its own and clearly ahead of the next;
 * a single word ("Astana") is not enough to tell. NULL: C has no words
 * counted, and the profiles need them.
 */
static const char *
decide_latin(const struct counts *c, int have_words)
{
	const char *best;
	double top, second;

	if (nlangs == 0)
		return decide_letters(c);
	if (!have_words)
		return NULL;
	if (c->words < 2)
		return "";
	best = best_profile(c, 1, letter_bonus, &top, &second);
	if (c->words < 5 && best[0] != '\0' && stop_hits(c, best) < 2)
		return "";	/* "Xi Jinping in Astana": names and one word */
	return convincing(c, best, top, second);
}

/* The language C tells, or NULL when that takes the word counts
 * (trigrams, stop words) and C has none (HAVE_WORDS 0). */
static const char *
decide(const struct counts *c, int have_words)
{
	size_t cjk;

	/* a Han character carries about as much as a short word */
	cjk = 3 * (c->han + c->kana + c->hangul);
	if (c->han + c->kana + c->hangul >= 2 && cjk >= c->latin &&
	    cjk >= c->cyr) {
		if (c->hangul > c->han + c->kana)
			return "ko";
		if (c->kana >= 2 && c->kana * 20 >= c->han)
			return "ja";
		return c->han > 0 ? "zh" : "";
	}
	if (c->cyr >= 4 && c->cyr >= c->latin)
		return decide_cyrillic(c, have_words);
	if (c->latin >= 4)
		return decide_latin(c, have_words);
	return "";
}

/* Letters first: most Han and Cyrillic texts are told by them alone,
 * so the words' trigrams and stop words are only looked up when the
 * letters leave the question open. */
const char *
lang_identify(const char *text, size_t len)
{
	struct counts c;
	struct words ws;
	const char *code;

	if (len > SCAN_BYTES) {
		len = SCAN_BYTES;
		while (len > 0 && ((uint8_t)text[len] & 0xC0) == 0x80)
			len--;	/* not in the middle of a character */
	}
	memset(&c, 0, sizeof c);
	ws.ncp = ws.n = 0;
	count_text(&c, (const uint8_t *)text, len, &ws);
	if ((code = decide(&c, 0)) != NULL)
		return code;
	count_words(&c, &ws);
	return decide(&c, 1);
}
