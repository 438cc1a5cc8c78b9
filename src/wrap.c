/* wrap.c: display width, truncation by columns and line wrapping at
 * UAX #14 break opportunities (libunistring), in linear time. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>
#include <uniwidth.h>

#include "util.h"
#include "wrap.h"

/*
 * The columns of the grapheme cluster of LEN bytes at S whose first char
 * is U (of width W by uc_width): what a terminal draws. A soft hyphen is
 * drawn as a hyphen, one column; an emoji asked for with U+FE0F ("❤️")
 * and a flag (two regional indicators) take two; the rest of a cluster
 * (combining marks, ZWJ and what it joins, skin tones) takes none.
 */
static int
cluster_width(const uint8_t *s, size_t len, ucs4_t u, int w)
{
	ucs4_t v;
	size_t i;
	int l;

	if (u == 0xAD)
		return 1;
	if (u >= 0x1F1E6 && u <= 0x1F1FF)
		return len >= 8 ? 2 : 1;
	if (w != 1 || len < 4 || !uc_is_property_emoji(u))
		return w;
	for (i = (size_t)u8_mblen(s, len); i + 3 <= len; i += (size_t)l) {
		if ((l = u8_mbtouc(&v, s + i, len - i)) < 1)
			break;
		if (v == 0xFE0F)
			return 2;
	}
	return w;
}

/* Length of the grapheme cluster at S (N > 0 bytes left). An emoji ZWJ
 * sequence ("👩‍💻") is one cluster, which libunistring's rules before
 * Unicode 11 do not join. */
static size_t
cluster_len(const uint8_t *s, size_t n)
{
	const uint8_t *p = s, *e = s + n, *next;
	ucs4_t u;

	for (;;) {
		next = u8_grapheme_next(p, e);
		p = next != NULL && next > p ? next : p + 1;
		if (p - s < 3 || p >= e || memcmp(p - 3, "\xe2\x80\x8d", 3) != 0)
			break;
		u8_mbtouc(&u, p, (size_t)(e - p));
		if (!uc_is_property_extended_pictographic(u))
			break;
	}
	return (size_t)(p - s);
}

/*
 * Decodes the grapheme cluster at S (N > 0 bytes left): its length, *U
 * its first char and *W its columns. Widths match what decode_sanitize
 * draws: every ASCII byte and every non-printable char shows as one
 * column (itself, a space or U+FFFD), combining marks and format chars
 * take none, CJK two. A line is never cut inside a cluster.
 */
static size_t
char_at(const uint8_t *s, size_t n, ucs4_t *u, int *w)
{
	size_t len;

	/* a space is a cluster of its own: a mark after it stays apart,
	 * never cut from the line as the space is (cuttable) */
	if (*s == ' ' || (*s < 0x80 && (n == 1 || s[1] < 0x80))) {
		*u = *s;
		*w = 1;
		return 1;
	}
	if (u8_mbtouc(u, s, n) < 1)
		*u = 0xFFFD;
	len = cluster_len(s, n);
	*w = uc_width(*u, "UTF-8");
	if (*w < 0)
		*w = 1;
	*w = cluster_width(s, len, *u, *w);
	return len;
}

int
wrap_width(const char *s, size_t len)
{
	const uint8_t *b = (const uint8_t *)s;
	size_t i = 0, cols = 0;
	ucs4_t u;
	int w;

	while (i < len) {
		i += char_at(b + i, len - i, &u, &w);
		cols += (size_t)w;
	}
	return cols > INT32_MAX ? INT32_MAX : (int)cols;
}

size_t
wrap_fit(const char *s, size_t len, int cols, int *used)
{
	const uint8_t *b = (const uint8_t *)s;
	size_t i = 0, l;
	int have = 0, w;
	ucs4_t u;

	while (i < len && cols > 0) {
		l = char_at(b + i, len - i, &u, &w);
		if (have + w > cols)
			break;
		have += w;
		i += l;
	}
	if (used != NULL)
		*used = have;
	return i;
}

/* The lines being built, and the break table of the current paragraph. */
struct wrapper {
	const uint8_t	*s;
	struct wrap_line *v;
	size_t		 n, cap;
	char		*brk;
	size_t		 brkcap;
};

/* Adds the line S[OFF..END), its trailing spaces dropped; a line of
 * spaces only if BLANK_OK (indentation wider than the line is no line). */
static void
emit(struct wrapper *wr, size_t off, size_t end, int blank_ok)
{
	struct wrap_line *l;

	while (end > off && wr->s[end - 1] == ' ')
		end--;
	if (end == off && !blank_ok)
		return;
	if (wr->n == wr->cap) {
		wr->cap = wr->cap ? wr->cap * 2 : 64;
		wr->v = xreallocarray(wr->v, wr->cap, sizeof *wr->v);
	}
	l = &wr->v[wr->n++];
	l->off = off;
	l->len = end - off;
	l->cols = wrap_width((const char *)wr->s + off, end - off);
}

/* May a forced cut go before U? Never before a combining mark. */
static int
cuttable(ucs4_t u, int w)
{
	return w > 0 && (u < 0x300 || !uc_is_general_category(u,
	    UC_CATEGORY_M));
}

/*
 * Wraps the paragraph S[PS..PE) (no newline inside) greedily, a grapheme
 * cluster at a time: a line ends at the last break opportunity that fits
 * (after a soft hyphen too, which the terminal then draws), or, in a word
 * wider than the line, before the cluster that overflows. Spaces hang
 * past the margin.
 */
static void
wrap_para(struct wrapper *wr, size_t ps, size_t pe, int width)
{
	const uint8_t *s = wr->s;
	size_t i, l, start = ps, bo = 0;
	int col = 0, bo_col = 0, w;
	ucs4_t u;

	if (pe - ps > wr->brkcap) {
		wr->brkcap = pe - ps;
		wr->brk = xrealloc(wr->brk, wr->brkcap);
	}
	u8_possible_linebreaks(s + ps, pe - ps, "UTF-8", wr->brk);
	for (i = ps; i < pe; i += l) {
		l = char_at(s + i, pe - i, &u, &w);
		if (i > start && wr->brk[i - ps] == UC_BREAK_POSSIBLE) {
			bo = i;
			bo_col = col;
		}
		while (u != ' ' && col > 0 && col + w > width) {
			if (bo > start) {
				emit(wr, start, bo, 0);
				start = bo;
				col -= bo_col;
			} else if (cuttable(u, w)) {
				emit(wr, start, i, 0);
				start = i;
				col = 0;
			} else
				break;
		}
		col += w;
	}
	emit(wr, start, pe, 1);
}

size_t
wrap_text(const char *s, size_t len, int width, struct wrap_line **lines)
{
	struct wrapper wr = { (const uint8_t *)s, NULL, 0, 0, NULL, 0 };
	const char *nl;
	size_t ps = 0, pe;

	if (width < 1)
		width = 1;
	while (ps < len) {
		nl = memchr(s + ps, '\n', len - ps);
		pe = nl != NULL ? (size_t)(nl - s) : len;
		if (pe == ps)
			emit(&wr, ps, ps, 1);
		else
			wrap_para(&wr, ps, pe, width);
		ps = pe + 1;
	}
	free(wr.brk);
	*lines = wr.v;
	return wr.n;
}
