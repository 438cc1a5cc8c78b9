/* date.c: publication dates in many formats and languages (en, de, pl, ru, kk, zh, fr). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "date.h"

#define YEAR_MIN	1900
#define YEAR_MAX	2100
#define WORD_MAX	24	/* code points; longer words are never months */
#define SPACE_MAX	8	/* blanks between the parts of a date */
#define HEAD_LINES	15	/* non-blank lines that make the head */
#define HEAD_BYTES	4096	/* ... and never more than this */
#define FIND_BYTES	(1 << 20)	/* a date further in is no publication date */
#define HITS_MAX	32	/* dates of the head weighed against each other */

/*
 * Month names and their inflections. Matching folds case and drops
 * diacritics on both sides, so "fevrier", "Février", "aout", "MÄRZ" all
 * match; every entry may be followed by an abbreviation dot.
 */
struct month_name {
	const char	*name;
	int		 month;
};

/* Month abbreviations that are common words too ("sie" is "się" without
 * its accent, там is "there", қар "snow"): a date only with a year. */
static const char *const needy_names[] = {
	"cze", "sie", "lis", "нау", "мам", "там", "қыр", "қаз", "қар", "жел",
	NULL
};

static const struct month_name months[] = {
	/* en */
	{ "january", 1 }, { "february", 2 }, { "march", 3 }, { "april", 4 },
	{ "may", 5 }, { "june", 6 }, { "july", 7 }, { "august", 8 },
	{ "september", 9 }, { "october", 10 }, { "november", 11 },
	{ "december", 12 }, { "jan", 1 }, { "feb", 2 }, { "mar", 3 },
	{ "apr", 4 }, { "jun", 6 }, { "jul", 7 }, { "aug", 8 }, { "sep", 9 },
	{ "sept", 9 }, { "oct", 10 }, { "nov", 11 }, { "dec", 12 },
	/* de (jan, apr, aug, sep, nov shared with en) */
	{ "januar", 1 }, { "jänner", 1 }, { "februar", 2 }, { "märz", 3 },
	{ "maerz", 3 }, { "mai", 5 }, { "juni", 6 }, { "juli", 7 },
	{ "oktober", 10 }, { "dezember", 12 }, { "okt", 10 }, { "dez", 12 },
	{ "jän", 1 }, { "feber", 2 }, { "mrz", 3 }, { "mär", 3 },
	/* pl: nominative, genitive, locative, instrumental */
	{ "styczeń", 1 }, { "stycznia", 1 }, { "styczniu", 1 },
	{ "styczniem", 1 }, { "luty", 2 }, { "lutego", 2 }, { "lutym", 2 },
	{ "marzec", 3 }, { "marca", 3 }, { "marcu", 3 }, { "marcem", 3 },
	{ "kwiecień", 4 }, { "kwietnia", 4 }, { "kwietniu", 4 },
	{ "kwietniem", 4 }, { "maj", 5 }, { "maja", 5 }, { "maju", 5 },
	{ "majem", 5 }, { "czerwiec", 6 }, { "czerwca", 6 }, { "czerwcu", 6 },
	{ "czerwcem", 6 }, { "lipiec", 7 }, { "lipca", 7 }, { "lipcu", 7 },
	{ "lipcem", 7 }, { "sierpień", 8 }, { "sierpnia", 8 },
	{ "sierpniu", 8 }, { "sierpniem", 8 }, { "wrzesień", 9 },
	{ "września", 9 }, { "wrześniu", 9 }, { "wrześniem", 9 },
	{ "październik", 10 }, { "października", 10 },
	{ "październiku", 10 }, { "październikiem", 10 },
	{ "listopad", 11 }, { "listopada", 11 }, { "listopadzie", 11 },
	{ "listopadem", 11 }, { "grudzień", 12 }, { "grudnia", 12 },
	{ "grudniu", 12 }, { "grudniem", 12 }, { "stycz", 1 }, { "lut", 2 },
	{ "kwiec", 4 }, { "czerw", 6 }, { "lip", 7 }, { "sierp", 8 },
	{ "wrz", 9 }, { "paźdz", 10 }, { "gru", 12 }, { "sty", 1 },
	{ "kwi", 4 }, { "kwie", 4 }, { "cze", 6 }, { "sie", 8 },
	{ "paź", 10 }, { "lis", 11 },
	/* ru: genitive, nominative, prepositional, abbreviations */
	{ "января", 1 }, { "февраля", 2 }, { "марта", 3 }, { "апреля", 4 },
	{ "мая", 5 }, { "июня", 6 }, { "июля", 7 }, { "августа", 8 },
	{ "сентября", 9 }, { "октября", 10 }, { "ноября", 11 },
	{ "декабря", 12 }, { "январь", 1 }, { "февраль", 2 }, { "март", 3 },
	{ "апрель", 4 }, { "май", 5 }, { "июнь", 6 }, { "июль", 7 },
	{ "август", 8 }, { "сентябрь", 9 }, { "октябрь", 10 },
	{ "ноябрь", 11 }, { "декабрь", 12 }, { "январе", 1 },
	{ "феврале", 2 }, { "марте", 3 }, { "апреле", 4 }, { "мае", 5 },
	{ "июне", 6 }, { "июле", 7 }, { "августе", 8 }, { "сентябре", 9 },
	{ "октябре", 10 }, { "ноябре", 11 }, { "декабре", 12 },
	{ "янв", 1 }, { "фев", 2 }, { "февр", 2 }, { "мар", 3 }, { "апр", 4 },
	{ "июн", 6 }, { "июл", 7 }, { "авг", 8 }, { "сен", 9 }, { "сент", 9 },
	{ "окт", 10 }, { "ноя", 11 }, { "нояб", 11 }, { "дек", 12 },
	/* fr (accents fold away: février = fevrier, août = aout) */
	{ "janvier", 1 }, { "février", 2 }, { "mars", 3 }, { "avril", 4 },
	{ "juin", 6 }, { "juillet", 7 }, { "août", 8 }, { "septembre", 9 },
	{ "octobre", 10 }, { "novembre", 11 }, { "décembre", 12 },
	{ "janv", 1 }, { "févr", 2 }, { "fév", 2 }, { "avr", 4 },
	{ "juil", 7 }, { "déc", 12 }, { "aoû", 8 },
};

/*
 * Kazakh months take case endings ("шілдеде", "шілденің", "шілдедегі"):
 * a stem (the full nominative or the CLDR abbreviation) and, for a full
 * stem, any one ending of kk_ends. Abbreviations that are common words
 * too (там "there", қар "snow", жел "wind") need a year.
 */
static const struct month_name kk_months[] = {
	{ "қаңтар", 1 }, { "ақпан", 2 }, { "наурыз", 3 }, { "сәуір", 4 },
	{ "мамыр", 5 }, { "маусым", 6 }, { "шілде", 7 }, { "тамыз", 8 },
	{ "қыркүйек", 9 }, { "қазан", 10 }, { "қараша", 11 },
	{ "желтоқсан", 12 },
};
static const struct month_name kk_abbrevs[] = {
	{ "қаң", 1 }, { "ақп", 2 }, { "нау", 3 }, { "сәу", 4 },
	{ "мам", 5 }, { "мау", 6 }, { "шіл", 7 }, { "там", 8 },
	{ "қыр", 9 }, { "қаз", 10 }, { "қар", 11 }, { "жел", 12 },
};
static const char *const kk_ends[] = {
	"да", "де", "та", "те", "ның", "нің", "дың", "дің", "тың", "тің",
	"ға", "ге", "қа", "ке", "дан", "ден", "тан", "тен", "нан", "нен",
	"дағы", "дегі", "тағы", "тегі", "ы", "і", "ын", "ін", NULL
};

/* Words that may follow a year: "2024 года", "2024 г.", "2024 r.", "2024 ж." */
static const char *const year_words[] = {
	"года", "году", "г", "roku", "r", "ж", "жылы", "жылғы", NULL
};

/* Words between the year and the day in "2024 жылғы 3 шілде". */
static const char *const kk_year_words[] = {
	"жылғы", "жылы", "ж", NULL
};

/* A read position in the string being parsed. */
struct cur {
	const uint8_t	*s;
	size_t		 len;
	size_t		 i;
	int		 form;	/* F_*: what the last date parsed looked like */
};

/* The forms of a date that tell the order of day and month. */
enum {
	F_OTHER,	/* a month name, ISO, or dots: no question */
	F_NUM_AMBIG,	/* "03/04/2024": either way */
	F_NUM_MDY,	/* "03/15/2024" */
	F_NUM_DMY,	/* "15/03/2024" */
	F_WORD_MDY,	/* "March 3", "March 3, 2024" */
	F_WORD_DMY	/* "3 March 2024" */
};

/* Folds one code point for comparing words: lower case, no diacritics. */
static ucs4_t
fold_cp(ucs4_t uc)
{
	ucs4_t dec[UC_DECOMPOSITION_MAX_LENGTH];

	uc = uc_tolower(uc);
	while (uc >= 0x80 && uc_canonical_decomposition(uc, dec) > 0)
		uc = dec[0];
	return uc;
}

/* Decodes the code point at the cursor (0 at the end) and its length. */
static ucs4_t
cur_peek(const struct cur *c, int *n)
{
	ucs4_t uc;

	if (c->i >= c->len) {
		*n = 0;
		return 0;
	}
	*n = u8_mbtouc(&uc, c->s + c->i, c->len - c->i);
	return uc;
}

/* Is UC a letter of a word? 年 月 日 are not: they end the numbers of a CJK date. */
static int
is_word_cp(ucs4_t uc)
{
	if (uc < 0x80)
		return (uc | 0x20) >= 'a' && (uc | 0x20) <= 'z';
	return uc_is_alpha(uc) && !uc_is_digit(uc) && uc != 0x5E74 &&
	    uc != 0x6708 && uc != 0x65E5;
}

/* Reads a decimal digit (ASCII or fullwidth) at the cursor, or -1. */
static int
digit_at(const struct cur *c, size_t i)
{
	if (i < c->len && c->s[i] >= '0' && c->s[i] <= '9')
		return c->s[i] - '0';
	/* U+FF10..U+FF19 are EF BC 90..99 */
	if (i + 2 < c->len && c->s[i] == 0xEF && c->s[i + 1] == 0xBC &&
	    c->s[i + 2] >= 0x90 && c->s[i + 2] <= 0x99)
		return c->s[i + 2] - 0x90;
	return -1;
}

/* Byte length of the digit at I (1 ASCII, 3 fullwidth). */
static size_t
digit_len(const struct cur *c, size_t i)
{
	return c->s[i] < 0x80 ? 1 : 3;
}

/*
 * Reads a number of MIN..MAX digits; a longer run is no number at all
 * (so "20245" is not a year). Returns the digit count, 0 on no match.
 */
static int
cur_num(struct cur *c, int min, int max, int *val)
{
	int n = 0, v = 0, dg;
	size_t i = c->i;

	while ((dg = digit_at(c, i)) >= 0) {
		if (++n > max)
			return 0;
		v = v * 10 + dg;
		i += digit_len(c, i);
	}
	if (n < min)
		return 0;
	c->i = i;
	*val = v;
	return n;
}

/* Consumes the ASCII byte CH if it is next. */
static int
cur_ch(struct cur *c, char ch)
{
	if (c->i < c->len && c->s[c->i] == (uint8_t)ch) {
		c->i++;
		return 1;
	}
	return 0;
}

/* Consumes the UTF-8 literal LIT if it is next. */
static int
cur_lit(struct cur *c, const char *lit)
{
	size_t n = strlen(lit);

	if (c->len - c->i >= n && memcmp(c->s + c->i, lit, n) == 0) {
		c->i += n;
		return 1;
	}
	return 0;
}

/*
 * Skips blanks (space, no-break and thin spaces); returns how many. At
 * most SPACE_MAX: more is no gap inside a date, and a bound keeps a long
 * run of blanks from costing its length at every start.
 */
static int
cur_space(struct cur *c)
{
	int n = 0;

	while (n < SPACE_MAX) {
		if (cur_ch(c, ' ') || cur_lit(c, "\xC2\xA0") ||
		    cur_lit(c, "\xE2\x80\xAF") || cur_lit(c, "\xE2\x80\x89"))
			n++;
		else
			return n;
	}
	return n;
}

/* Is the cursor at the end of a token (no letter or digit follows)? */
static int
cur_boundary(const struct cur *c)
{
	int n;
	ucs4_t uc = cur_peek(c, &n);

	return n == 0 || !(uc_is_alpha(uc) || uc_is_digit(uc) ||
	    digit_at(c, c->i) >= 0);
}

/* Is the number that ends at the cursor followed by more of a word or number? */
static int
glued_after(const struct cur *c)
{
	int n;
	ucs4_t uc = cur_peek(c, &n);

	if ((uc == '.' || uc == '-' || uc == '/' || uc == ',') &&
	    digit_at(c, c->i + 1) >= 0)
		return 1;
	return !cur_boundary(c) && uc < 0x2E80;	/* "2024年" is fine */
}

/* Reads a word at the cursor into W (folded); returns its byte length. */
static size_t
word_fold(const struct cur *c, ucs4_t *w, size_t *wn)
{
	struct cur t = *c;
	ucs4_t uc;
	int n;

	*wn = 0;
	while ((uc = cur_peek(&t, &n)), n > 0 && is_word_cp(uc)) {
		if (*wn == WORD_MAX)
			return 0;
		w[(*wn)++] = fold_cp(uc);
		t.i += (size_t)n;
	}
	return t.i - c->i;
}

static size_t word_prefix(const ucs4_t *, size_t, const char *);

/* Does folded word W equal NAME once NAME is folded the same way? */
static int
word_eq(const ucs4_t *w, size_t wn, const char *name)
{
	return name[0] == '\0' ? wn == 0 : word_prefix(w, wn, name) == wn;
}

/* Consumes a word from LIST (and an optional dot); 1 when one matched. */
static int
cur_word_in(struct cur *c, const char *const *list)
{
	ucs4_t w[WORD_MAX];
	size_t wn, n = word_fold(c, w, &wn);

	if (n == 0)
		return 0;
	for (; *list != NULL; list++)
		if (word_eq(w, wn, *list)) {
			c->i += n;
			cur_ch(c, '.');
			return 1;
		}
	return 0;
}

/* How many code points of folded W does NAME (folded) match as a prefix?
 * 0 when W does not start with NAME. */
static size_t
word_prefix(const ucs4_t *w, size_t wn, const char *name)
{
	const uint8_t *p = (const uint8_t *)name;
	size_t plen = strlen(name), k = 0;
	ucs4_t uc;
	int n;

	while (plen > 0) {
		n = u8_mbtouc(&uc, p, plen);
		if (k == wn || fold_cp(uc) != w[k])
			return 0;
		k++;
		p += n;
		plen -= (size_t)n;
	}
	return k;
}

/* Is month name NAME one of needy_names? */
static int
is_needy(const char *name)
{
	size_t k;

	for (k = 0; needy_names[k] != NULL; k++)
		if (strcmp(needy_names[k], name) == 0)
			return 1;
	return 0;
}

/* A Kazakh month in folded W: a full stem with at most one case ending,
 * or an abbreviation; 1..12 or 0, *NEEDY as in struct month_name. */
static int
kk_month(const ucs4_t *w, size_t wn, int *needy)
{
	size_t k, j, n;

	for (k = 0; k < sizeof kk_months / sizeof kk_months[0]; k++) {
		if ((n = word_prefix(w, wn, kk_months[k].name)) == 0)
			continue;
		if (n == wn)
			return kk_months[k].month;
		for (j = 0; kk_ends[j] != NULL; j++)
			if (word_eq(w + n, wn - n, kk_ends[j]))
				return kk_months[k].month;
	}
	for (k = 0; k < sizeof kk_abbrevs / sizeof kk_abbrevs[0]; k++)
		if (word_eq(w, wn, kk_abbrevs[k].name)) {
			*needy = is_needy(kk_abbrevs[k].name);
			return kk_abbrevs[k].month;
		}
	return 0;
}

/* Consumes a month name (and an optional dot); returns 1..12 or 0.
 * *NEEDY: the name is a common word too, so only a year makes it a date. */
static int
cur_month(struct cur *c, int *needy)
{
	ucs4_t w[WORD_MAX];
	size_t k, wn, n = word_fold(c, w, &wn);
	int m = 0;

	*needy = 0;
	if (n == 0)
		return 0;
	for (k = 0; k < sizeof months / sizeof months[0] && m == 0; k++)
		if (word_eq(w, wn, months[k].name)) {
			m = months[k].month;
			*needy = is_needy(months[k].name);
		}
	if (m == 0)
		m = kk_month(w, wn, needy);
	if (m != 0) {
		c->i += n;
		cur_ch(c, '.');
	}
	return m;
}

/* Days in month M of year Y (Y 0: unknown, so February has 29). */
static int
month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && (y == 0 || (y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0))))
		return 29;
	return days[m - 1];
}

/* Is Y-M-D a real date in the years we accept (Y 0: no year)? */
static int
date_ok(int y, int m, int d)
{
	if (y != 0 && (y < YEAR_MIN || y > YEAR_MAX))
		return 0;
	return m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m);
}

/* Consumes a time of day after a numeric date: " 19:56:10", "T19:56Z". */
static void
cur_time(struct cur *c)
{
	struct cur t = *c;
	int v;

	if (!cur_ch(&t, 'T') && cur_space(&t) == 0)
		return;
	if (!cur_num(&t, 1, 2, &v) || !cur_ch(&t, ':') ||
	    !cur_num(&t, 2, 2, &v))
		return;
	*c = t;
	t = *c;
	if (cur_ch(&t, ':') && cur_num(&t, 2, 2, &v)) {
		*c = t;
		if (cur_ch(&t, '.') && cur_num(&t, 1, 9, &v))
			*c = t;
	}
	t = *c;
	if (cur_ch(&t, 'Z'))
		*c = t;
	else if ((cur_ch(&t, '+') || cur_ch(&t, '-')) &&
	    cur_num(&t, 2, 4, &v)) {
		*c = t;
		if (cur_ch(&t, ':') && cur_num(&t, 2, 2, &v))
			*c = t;
	}
}

/* "2024-07-03", "2024/07/03", "2024.07.03", with an optional time. */
static int
parse_ymd(struct cur *c, int *y, int *m, int *d)
{
	char sep;

	if (cur_num(c, 4, 4, y) == 0 || c->i >= c->len)
		return 0;
	sep = (char)c->s[c->i];
	if (sep != '-' && sep != '/' && sep != '.')
		return 0;
	c->i++;
	if (!cur_num(c, 1, 2, m) || !cur_ch(c, sep) || !cur_num(c, 1, 2, d))
		return 0;
	if (!cur_boundary(c) && !(c->s[c->i] == 'T' &&
	    digit_at(c, c->i + 1) >= 0))
		return 0;
	cur_time(c);
	return 1;
}

/*
 * "12.09.2019", "12-09-2019" (day first), "12/09/2019": with slashes,
 * month first when the first number is above 12 or the text reads US
 * style (see date_find); *FORM says which the numbers allowed.
 */
static int
parse_dmy(struct cur *c, int *y, int *m, int *d)
{
	char sep;
	int a, b;

	if (cur_num(c, 1, 2, &a) == 0 || c->i >= c->len)
		return 0;
	sep = (char)c->s[c->i];
	if (sep != '-' && sep != '/' && sep != '.')
		return 0;
	c->i++;
	if (!cur_num(c, 1, 2, &b) || !cur_ch(c, sep) || !cur_num(c, 4, 4, y))
		return 0;
	if (glued_after(c))	/* "1.2.2020.5" is a version number */
		return 0;
	*d = a;
	*m = b;
	if (sep == '/' && b > 12 && a <= 12) {
		*m = a;
		*d = b;
		c->form = F_NUM_MDY;
	} else if (sep == '/')
		c->form = a > 12 ? F_NUM_DMY : F_NUM_AMBIG;
	cur_time(c);
	return 1;
}

/* The value of a Chinese numeral character (〇 零 一 ... 九 十), or -1. */
static int
han_digit(ucs4_t uc)
{
	static const ucs4_t han[] = { 0x3007, 0x4E00, 0x4E8C, 0x4E09,
	    0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341 };
	int k;

	if (uc == 0x96F6)	/* 零 */
		return 0;
	for (k = 0; k < 11; k++)
		if (han[k] == uc)
			return k;
	return -1;
}

/*
 * Reads a number in Chinese numerals: a year digit by digit ("二〇二四",
 * YEAR set), or 1..31 as 三, 十二, 二十一. Returns 1 and moves the cursor
 * on a match.
 */
static int
cur_han_num(struct cur *c, int year, int *val)
{
	struct cur t = *c;
	int dg[4], k = 0, n, v;
	ucs4_t uc;

	while (k < 4 && (uc = cur_peek(&t, &n), n > 0) &&
	    (dg[k] = han_digit(uc)) >= 0) {
		t.i += (size_t)n;
		k++;
	}
	if (k == 0 || (n > 0 && han_digit(cur_peek(&t, &n)) >= 0))
		return 0;
	if (year) {
		if (k != 4)
			return 0;
		for (v = 0, n = 0; n < 4; n++) {
			if (dg[n] == 10)
				return 0;
			v = v * 10 + dg[n];
		}
	} else if (k == 1)
		v = dg[0];				/* 三, 十 */
	else if (dg[0] == 10 && k == 2)
		v = 10 + dg[1];				/* 十二 */
	else if (dg[1] == 10 && dg[0] < 10 && (k == 2 ||
	    (k == 3 && dg[2] < 10)))
		v = dg[0] * 10 + (k == 3 ? dg[2] : 0);	/* 二十, 二十一 */
	else
		return 0;
	*val = v;
	*c = t;
	return 1;
}

/* A number of a CJK date in digits (MIN..MAX of them) or Chinese numerals. */
static int
cur_cjk_num(struct cur *c, int min, int max, int *val)
{
	return cur_num(c, min, max, val) || cur_han_num(c, min == 4, val);
}

/* "2024年7月3日", "二〇二四年七月三日", "2016年6月29", and the yearless "7月3日". */
static int
parse_cjk(struct cur *c, int *y, int *m, int *d)
{
	struct cur t = *c;
	int n;
	ucs4_t uc;

	*y = 0;
	if (cur_cjk_num(&t, 4, 4, y) && (cur_space(&t), cur_lit(&t, "年")))
		*c = t;
	else
		*y = 0;
	cur_space(c);
	if (!cur_cjk_num(c, 1, 2, m) || (cur_space(c), !cur_lit(c, "月")))
		return 0;
	cur_space(c);
	if (!cur_cjk_num(c, 1, 2, d))
		return 0;
	t = *c;
	cur_space(&t);
	if (cur_lit(&t, "日") || cur_lit(&t, "号")) {
		*c = t;
		return 1;
	}
	/* no 日: only after a year, and where no more digits or Han follow */
	uc = cur_peek(c, &n);
	return *y != 0 && (n == 0 || (!uc_is_alpha(uc) && !uc_is_digit(uc) &&
	    digit_at(c, c->i) < 0));
}

/* "2024 жылғы 3 шілде", "2024 ж. 3 шілдеде". */
static int
parse_kk(struct cur *c, int *y, int *m, int *d)
{
	int needy;

	if (!cur_num(c, 4, 4, y) || cur_space(c) == 0 ||
	    !cur_word_in(c, kk_year_words))
		return 0;
	cur_space(c);
	if (!cur_num(c, 1, 2, d))
		return 0;
	cur_lit(c, "-ші");
	cur_lit(c, "-шы");
	if (cur_space(c) == 0)
		return 0;
	return (*m = cur_month(c, &needy)) != 0;
}

/* An optional year after a day and month: ", 2024", " 2024 года". */
static void
cur_year(struct cur *c, int *y)
{
	struct cur t = *c;
	struct cur w;

	*y = 0;
	cur_ch(&t, ',');
	if (cur_space(&t) == 0 && t.i == c->i)
		return;
	if (!cur_num(&t, 4, 4, y) || *y < YEAR_MIN || *y > YEAR_MAX) {
		*y = 0;
		return;
	}
	w = t;
	if (!cur_boundary(&t) && !cur_word_in(&t, year_words)) {
		*y = 0;	/* "2024th", "2024abc": not a year */
		return;
	}
	if (t.i == w.i) {
		w = t;
		if (cur_space(&w) > 0 && cur_word_in(&w, year_words))
			t = w;
	}
	*c = t;
}

/* Consumes an ordinal ending after a day: "1er", "3rd", "3-го", "3-ші". */
static void
cur_ordinal(struct cur *c)
{
	static const char *const ends[] = { "er", "st", "nd", "rd", "th",
	    "-го", "-е", "-ші", "-шы", NULL };
	struct cur t;
	size_t k;
	int n;

	for (k = 0; ends[k] != NULL; k++) {
		t = *c;
		if (cur_lit(&t, ends[k]) && !is_word_cp(cur_peek(&t, &n))) {
			*c = t;
			return;
		}
	}
}

/*
 * "3 lipca", "3. Juli 2024", "1er juillet 2024", "3 июля 2024 года", and
 * with hyphens "12-Mar-2014", "12-Mär-2014" (then the year is needed).
 */
static int
parse_day_month(struct cur *c, int *y, int *m, int *d)
{
	int dot, hyphen = 0, needy;
	size_t at;

	if (!cur_num(c, 1, 2, d))
		return 0;
	dot = cur_ch(c, '.');
	at = c->i;
	if (!dot)
		cur_ordinal(c);		/* "3rd", "3-го" */
	if (!dot && c->i == at)
		hyphen = cur_ch(c, '-');
	if (cur_space(c) == 0 && !dot && !hyphen)
		return 0;
	if ((*m = cur_month(c, &needy)) == 0)
		return 0;
	if (hyphen) {
		if (!cur_ch(c, '-') || !cur_num(c, 4, 4, y) || glued_after(c))
			return 0;
	} else
		cur_year(c, y);
	c->form = F_WORD_DMY;
	return !needy || *y != 0;
}

/*
 * Could a month name start here: a run of letters, maybe a dot, a space
 * and a digit? A cheap byte test, so that the month table is only
 * searched for the few words of a text that are followed by a number.
 */
static int
month_day_shape(const struct cur *c)
{
	struct cur t = *c;
	size_t end = c->len - c->i > 4 * WORD_MAX ? c->i + 4 * WORD_MAX :
	    c->len;
	uint8_t b;

	/* Bounded: a month is at most WORD_MAX code points, so a run of
	 * emoji or CJK punctuation costs the same at every start. */
	while (t.i < end) {
		b = t.s[t.i];
		if (b < 0x80 ? !(((b | 0x20) >= 'a' && (b | 0x20) <= 'z')) :
		    (b == 0xC2 && t.i + 1 < t.len && t.s[t.i + 1] == 0xA0) ||
		    b == 0xE2)
			break;
		t.i++;
	}
	if (t.i == c->i)
		return 0;
	cur_ch(&t, '.');
	return cur_space(&t) > 0 && digit_at(&t, t.i) >= 0;
}

/* "June 6", "June 6, 2023", "Sept. 6th 2023". */
static int
parse_month_day(struct cur *c, int *y, int *m, int *d)
{
	int needy;

	if (!month_day_shape(c))
		return 0;
	if ((*m = cur_month(c, &needy)) == 0 || cur_space(c) == 0)
		return 0;
	if (!cur_num(c, 1, 2, d))
		return 0;
	cur_ordinal(c);
	if (!cur_boundary(c))
		return 0;
	cur_year(c, y);
	c->form = F_WORD_MDY;
	return !needy || *y != 0;
}

/* Parses one date at the start of C; its form in C->form (date_parse). */
static size_t
parse_any(struct cur *c0, int *y, int *m, int *d)
{
	static int (*const parsers[])(struct cur *, int *, int *, int *) = {
		parse_ymd, parse_kk, parse_cjk, parse_dmy, parse_day_month,
		parse_month_day
	};
	struct cur c;
	size_t k;
	int yy, mm, dd;

	for (k = 0; k < sizeof parsers / sizeof parsers[0]; k++) {
		c = *c0;
		c.form = F_OTHER;
		yy = mm = dd = 0;
		if (parsers[k](&c, &yy, &mm, &dd) && date_ok(yy, mm, dd)) {
			*y = yy;
			*m = mm;
			*d = dd;
			c0->form = c.form;
			return c.i - c0->i;
		}
	}
	*y = *m = *d = 0;
	return 0;
}

size_t
date_parse(const char *s, size_t len, int *y, int *m, int *d)
{
	struct cur c = { (const uint8_t *)s, len, 0, F_OTHER };

	return parse_any(&c, y, m, d);
}

int
date_valid_iso(const char *s)
{
	int k, y, m, d;

	for (k = 0; k < 10; k++) {
		if (k == 4 || k == 7) {
			if (s[k] != '-')
				return 0;
		} else if (s[k] < '0' || s[k] > '9')
			return 0;
	}
	if (s[10] != '\0')
		return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m);
}

/* Is the code point before byte I part of a word or number? */
static int
glued_before(const uint8_t *s, size_t i, int digit)
{
	const uint8_t *p;
	ucs4_t uc;

	if (i == 0)
		return 0;
	p = u8_prev(&uc, s + i, s);
	if (p == NULL)
		return 0;
	if (uc_is_digit(uc) || (uc >= 0xFF10 && uc <= 0xFF19) ||
	    han_digit(uc) >= 0)
		return 1;
	/* "1.12.09.2019" or "3-12.09.2019": inside a longer number */
	if ((uc == '.' || uc == '-' || uc == '/' || uc == ',') && p > s &&
	    p[-1] >= '0' && p[-1] <= '9')
		return 1;
	if (!uc_is_alpha(uc))
		return 0;
	/* Han text runs into numbers without a space: "阿斯塔纳7月3日" */
	return !(digit && uc >= 0x2E80);
}

/* May a date expression start at byte I? A Chinese numeral counts as a
 * digit ("阿斯塔纳二〇二四年七月三日"). */
static int
date_may_start(const uint8_t *s, size_t len, size_t i)
{
	uint8_t b = s[i];
	int digit = (b >= '0' && b <= '9') || (b == 0xEF && i + 2 < len &&
	    s[i + 1] == 0xBC && s[i + 2] >= 0x90 && s[i + 2] <= 0x99);
	ucs4_t uc;
	uint8_t p = i > 0 ? s[i - 1] : ' ';

	if (!digit && !(b >= 0xC0 || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z')))
		return 0;
	/* inside an ASCII word or number: the common case, decided quickly */
	if ((p >= '0' && p <= '9') || ((p | 0x20) >= 'a' && (p | 0x20) <= 'z'))
		return 0;
	if (b >= 0xE3 && b <= 0xE9 && u8_mbtouc(&uc, s + i, len - i) == 3 &&
	    han_digit(uc) >= 0)
		digit = 1;
	return !glued_before(s, i, digit);
}

/* A standalone year (1900..2100) within a few bytes of [FROM, TO) on its line. */
static int
year_near(const uint8_t *s, size_t len, size_t from, size_t to)
{
	size_t lo = from > 40 ? from - 40 : 0;
	struct cur c = { s, to + 40 < len ? to + 40 : len, 0, F_OTHER };
	int y;

	for (c.i = from; c.i > lo && s[c.i - 1] != '\n'; c.i--)
		;
	for (; c.i < c.len && s[c.i] != '\n'; c.i++) {
		if (c.i >= from && c.i < to)
			continue;
		if (s[c.i] < '1' || s[c.i] > '2' || glued_before(s, c.i, 1))
			continue;
		if (cur_num(&c, 4, 4, &y) && !glued_after(&c) &&
		    y >= YEAR_MIN && y <= YEAR_MAX)
			return y;
	}
	return 0;
}

/* One date date_find met: where, what, in which form, how telling. */
struct hit {
	size_t	 at, n;
	int	 y, m, d, form;
	int	 score;		/* SCORE_* */
};

/* How much a date says about publication: a date on a line of its own
 * or after a stamp ("Published:", a byline), or in a dateline ("ASTANA,
 * July 3 (Xinhua) -"), beats a date in a sentence of the lead. */
enum { SCORE_PROSE = 1, SCORE_STAMP = 2 };

/* Spaces in S[FROM, TO): a line with few is no sentence. */
static int
count_spaces(const uint8_t *s, size_t from, size_t to)
{
	int n = 0;

	for (; from < to; from++)
		n += s[from] == ' ';
	return n;
}

/* Does the text after a date at [I, LE) open a credit, as in a dateline:
 * "(Xinhua) -", "- ", "—", "/ТАСС/", "电"? */
static int
dateline_after(const uint8_t *s, size_t i, size_t le)
{
	static const char *const opens[] = { "(", "-", "\xE2\x80\x94",
	    "\xE2\x80\x93", "/", "\xE7\x94\xB5", "\xEF\xBC\x88", ":", NULL };
	size_t k, n;

	while (i < le && (s[i] == ' ' || s[i] == ','))
		i++;
	if (i == le)
		return 1;
	for (k = 0; opens[k] != NULL; k++) {
		n = strlen(opens[k]);
		if (le - i >= n && memcmp(s + i, opens[k], n) == 0)
			return 1;
	}
	return 0;
}

/* Scores the date H on the line [LS, LE) of S. */
static int
hit_score(const uint8_t *s, size_t ls, size_t le, const struct hit *h)
{
	int before = count_spaces(s, ls, h->at);
	int after = count_spaces(s, h->at + h->n, le);

	if (before + after <= 8)	/* a stamp or byline line */
		return SCORE_STAMP;
	if (before <= 4 && h->at - ls <= 60 &&
	    dateline_after(s, h->at + h->n, le))
		return SCORE_STAMP;	/* a dateline before the lead */
	return SCORE_PROSE;
}

/* Month first for the ambiguous slashed dates of HITS? ORDER decides,
 * or, with DATE_ORDER_AUTO, what the text shows: "03/15/2024" and
 * "March 3, 2024" (a US dateline too) against "15/03/2024", "3 March". */
static int
month_first(const struct hit *h, size_t n, int order)
{
	int mdy = 0, dmy = 0;
	size_t k;

	if (order != DATE_ORDER_AUTO)
		return order == DATE_ORDER_MDY;
	for (k = 0; k < n; k++) {
		mdy += h[k].form == F_NUM_MDY || h[k].form == F_WORD_MDY;
		dmy += h[k].form == F_NUM_DMY || h[k].form == F_WORD_DMY;
	}
	return mdy > dmy;
}

/* What date_find collects: the dates of the head, the first complete
 * date of the whole text. */
struct scan {
	struct hit	 h[HITS_MAX];
	size_t		 n;
	struct hit	 full;		/* full.y 0: none */
};

/* Collects the dates of TEXT into ST. */
static void
scan_text(const uint8_t *s, size_t len, struct scan *st)
{
	struct cur c = { s, len, 0, F_OTHER };
	struct hit h;
	size_t ls = 0, le, n;
	int line = 0, blank = 1, head;

	while (c.i < len) {
		if (s[c.i] == '\n') {
			line += !blank;
			blank = 1;
			ls = ++c.i;
			continue;
		}
		if (s[c.i] != ' ')
			blank = 0;
		head = line < HEAD_LINES && c.i < HEAD_BYTES && st->n < HITS_MAX;
		if (!head && st->full.y != 0)
			return;
		if (!date_may_start(s, len, c.i) ||
		    (n = parse_any(&c, &h.y, &h.m, &h.d)) == 0) {
			c.i++;
			continue;
		}
		h.at = c.i;
		h.n = n;
		h.form = c.form;
		for (le = c.i + n; le < len && s[le] != '\n'; le++)
			;
		h.score = hit_score(s, ls, le, &h);
		if (head)
			st->h[st->n++] = h;
		if (h.y != 0 && st->full.y == 0)
			st->full = h;
		if (head && h.y != 0 && h.score == SCORE_STAMP &&
		    h.form != F_NUM_AMBIG)
			return;	/* nothing later can beat it */
		c.i += n;
	}
}

/* The year for partial date H: one written next to it, else that of the
 * first complete date of the text; 0 when there is none. */
static int
hit_year(const uint8_t *s, size_t len, const struct scan *st,
    const struct hit *h)
{
	int y = year_near(s, len, h->at, h->at + h->n);

	if (y == 0)
		y = st->full.y;
	return y != 0 && date_ok(y, h->m, h->d) ? y : 0;
}

/*
 * The head (the first non-blank lines) counts most: its most telling
 * date (a stamp, byline or dateline before a date in a sentence), the
 * first of equals; a partial one ("ASTANA, July 3") takes a year written
 * next to it or that of the first complete date of the text. Without one,
 * the first complete date of the text. A year is never guessed.
 */
int
date_find_order(const char *text, size_t len, int order, char out[11])
{
	const uint8_t *s = (const uint8_t *)text;
	struct scan st;
	struct hit best = { 0 }, *h;
	size_t k;
	int mdy, y, t;

	if (len > FIND_BYTES)
		len = FIND_BYTES;
	st.n = 0;
	st.full.y = 0;
	scan_text(s, len, &st);
	mdy = month_first(st.h, st.n, order);
	for (k = 0; k < st.n; k++) {
		h = &st.h[k];
		if (mdy && h->form == F_NUM_AMBIG) {
			t = h->m;
			h->m = h->d;
			h->d = t;
		}
		y = h->y != 0 ? h->y : hit_year(s, len, &st, h);
		if (y != 0 && h->score > best.score) {
			best = *h;
			best.y = y;
		}
	}
	if (best.y == 0 && st.full.y != 0) {
		best = st.full;
		if (mdy && best.form == F_NUM_AMBIG) {
			t = best.m;
			best.m = best.d;
			best.d = t;
		}
	}
	if (best.y == 0) {
		out[0] = '\0';
		return -1;
	}
	snprintf(out, 11, "%04d-%02d-%02d", best.y, best.m, best.d);
	return 0;
}

int
date_order_parse(const char *s)
{
	static const char *const names[] = { "auto", "dmy", "mdy" };

	for (int k = 0; k < 3; k++)
		if (strcasecmp(s, names[k]) == 0)
			return k;	/* DATE_ORDER_AUTO, _DMY, _MDY */
	return -1;
}

/* Global: --date-order, set once before any loading. */
static int forced_order = DATE_ORDER_AUTO;

void
date_set_order(int order)
{
	forced_order = order;
}

int
date_forced_order(void)
{
	return forced_order;
}

int
date_find(const char *text, size_t len, char out[11])
{
	return date_find_order(text, len, DATE_ORDER_AUTO, out);
}
