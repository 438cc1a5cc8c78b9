/* number.c: numbers as values across languages: digit groups, decimals and scale words, for matching reports of one event. */
#include <string.h>

#include "number.h"
#include "text.h"

#define DIGITS_MAX	15	/* longer runs are ids, not amounts */

/* Scale words, folded, as prefixes of their inflected forms. */
static const struct {
	const char	*prefix;
	double		 scale;
} scales[] = {
	{ "thousand", 1e3 }, { "tausend", 1e3 }, { "tysiac", 1e3 },
	{ "tysiec", 1e3 }, { "тысяч", 1e3 }, { "тыс", 1e3 }, { "мын", 1e3 },
	{ "мың", 1e3 }, { "mille", 1e3 },
	{ "million", 1e6 }, { "milion", 1e6 }, { "миллион", 1e6 },
	{ "млн", 1e6 }, { "mln", 1e6 }, { "mio", 1e6 },
	{ "billion", 1e9 }, { "milliard", 1e9 }, { "miliard", 1e9 },
	{ "миллиард", 1e9 }, { "млрд", 1e9 }, { "mld", 1e9 }, { "mrd", 1e9 },
	{ "trillion", 1e12 }, { "триллион", 1e12 }, { "трлн", 1e12 },
	{ "千", 1e3 }, { "万", 1e4 }, { "萬", 1e4 }, { "亿", 1e8 }, { "億", 1e8 },
};

/* Is token T all ASCII digits (at most DIGITS_MAX)? */
static int
all_digits(const struct token *t)
{
	uint32_t k;

	if (t->nlen == 0 || t->nlen > DIGITS_MAX)
		return 0;
	for (k = 0; k < t->nlen; k++)
		if (t->norm[k] < '0' || t->norm[k] > '9')
			return 0;
	return 1;
}

/* The value of token T's digits. */
static double
digits_value(const struct token *t)
{
	double v = 0;
	uint32_t k;

	for (k = 0; k < t->nlen; k++)
		v = v * 10 + (t->norm[k] - '0');
	return v;
}

/* What separates tokens A and B in TEXT: the one byte ',', '.' or ' ',
 * a no-break space (U+00A0, U+202F), or 0 for anything else. */
static char
separator(const char *text, const struct token *a, const struct token *b)
{
	size_t from = a->off + a->len, len = b->off - from;
	const char *s = text + from;

	if (len == 1 && (*s == ',' || *s == '.' || *s == ' '))
		return *s;
	if ((len == 2 && memcmp(s, "\xc2\xa0", 2) == 0) ||
	    (len == 3 && memcmp(s, "\xe2\x80\xaf", 3) == 0))
		return ' ';
	return 0;
}

/* The scale token T names (1 when none). */
static double
scale_of(const struct token *t)
{
	size_t i, l;

	for (i = 0; i < sizeof scales / sizeof *scales; i++) {
		l = strlen(scales[i].prefix);
		if (t->nlen >= l && memcmp(t->norm, scales[i].prefix, l) == 0 &&
		    ((t->flags & TOKEN_CJK) ? t->nlen == l : 1))
			return scales[i].scale;
	}
	return 1;
}

/* Is the gap between A and B at most one space (a scale word follows
 * its number closely; a CJK one directly)? */
static int
close_to(const char *text, const struct token *a, const struct token *b)
{
	size_t gap = b->off - (a->off + a->len);

	return gap == 0 || (gap == 1 && text[a->off + a->len] == ' ') ||
	    (gap == 2 && memcmp(text + a->off + a->len, "\xc2\xa0", 2) == 0);
}

int
number_at(const char *text, const struct token *tok, size_t n, size_t *j,
    double *value)
{
	size_t k = *j;
	double v, s, frac = 0.1;
	char sep;

	if (k >= n || !all_digits(&tok[k]))
		return 0;
	v = digits_value(&tok[k]);
	/* thousands groups: exactly three digits after , . or space */
	while (k + 1 < n && tok[k + 1].nlen == 3 && all_digits(&tok[k + 1]) &&
	    (sep = separator(text, &tok[k], &tok[k + 1])) != 0)
		v = v * 1000 + digits_value(&tok[++k]);
	/* a decimal part: one or two digits after , or . */
	if (k + 1 < n && tok[k + 1].nlen <= 2 && all_digits(&tok[k + 1]) &&
	    ((sep = separator(text, &tok[k], &tok[k + 1])) == ',' ||
	    sep == '.')) {
		for (uint32_t d = 0; d < tok[k + 1].nlen; d++, frac /= 10)
			v += (tok[k + 1].norm[d] - '0') * frac;
		k++;
	}
	/* scales multiply: 万亿 is 10^12 */
	while (k + 1 < n && close_to(text, &tok[k], &tok[k + 1]) &&
	    (s = scale_of(&tok[k + 1])) > 1) {
		v *= s;
		k++;
	}
	*value = v;
	*j = k;
	return 1;
}
