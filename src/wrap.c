/* wrap.c: display width, truncation by columns and line wrapping at
 * UAX #14 break opportunities (libunistring), in linear time. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unilbrk.h>
#include <unistr.h>
#include <uniwidth.h>

#include "util.h"
#include "wrap.h"

/*
 * Decodes the char at S (N > 0 bytes left): its length, *U and *W, its
 * columns. Widths match what decode_sanitize draws: every ASCII byte and
 * every non-printable char shows as one column (itself, a space or
 * U+FFFD), combining marks and format chars take none, CJK two.
 */
static size_t
char_at(const uint8_t *s, size_t n, ucs4_t *u, int *w)
{
	int l;

	if (*s < 0x80) {
		*u = *s;
		*w = 1;
		return 1;
	}
	l = u8_mbtouc(u, s, n);
	*w = uc_width(*u, "UTF-8");
	if (*w < 0)
		*w = 1;
	return (size_t)l;
}

int
wrap_width(const char *s, size_t len)
{
	const uint8_t *b = (const uint8_t *)s;
	size_t i = 0, cols = 0;
	ucs4_t u;
	int w;

	while (i < len) {
		if (b[i] < 0x80) {
			cols++;
			i++;
			continue;
		}
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
 * Wraps the paragraph S[PS..PE) (no newline inside) greedily: a line ends
 * at the last break opportunity that fits, or, in a word wider than the
 * line, before the char that overflows. Spaces hang past the margin.
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
