/* ui_draw.c: colours and the one safe way to put text on the screen. */
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>
#include <wchar.h>

#include "decode.h"
#include "options.h"
#include "ui_draw.h"
#include "util.h"
#include "wrap.h"

/* Curses attributes for the CFG_* attribute bits of A. */
static attr_t
curses_attrs(unsigned a)
{
	attr_t r = A_NORMAL;

	if (a & CFG_BOLD)
		r |= A_BOLD;
	if (a & CFG_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & CFG_REVERSE)
		r |= A_REVERSE;
	if (a & CFG_DIM)
		r |= A_DIM;
	if (a & CFG_STANDOUT)
		r |= A_STANDOUT;
#ifdef A_ITALIC
	if (a & CFG_ITALIC)
		r |= A_ITALIC;
#endif
	return r;
}

/* A configured colour this terminal can show: bright colours fall back
 * to their base colour on 8-colour terminals. */
static short
fit_color(short c)
{
	if (c < 0)
		return -1;
	if (c >= COLORS)
		return c >= 8 && c < 16 ? (short)(c - 8) : -1;
	return c;
}

void
ui_colors_init(struct ui *ui)
{
	const struct config_style *st;
	int e;

	/* --color and NO_COLOR, decided in main (ui->opts->color) */
	ui->color = has_colors() && ui->opts->color;
	if (ui->color && (start_color() == ERR || COLOR_PAIRS <= CFG_NELEM))
		ui->color = 0;
	if (ui->color)
		use_default_colors();
	for (e = 0; e < CFG_NELEM; e++) {
		if (!ui->color) {
			ui->attr[e] = curses_attrs(ui->cfg.mono[e].attrs);
			continue;
		}
		st = &ui->cfg.color[e];
		init_pair((short)(e + 1), fit_color(st->fg), fit_color(st->bg));
		ui->attr[e] = COLOR_PAIR(e + 1) | curses_attrs(st->attrs);
	}
}

/* ASCII for the code point U: NFKD without its marks ("é" → "e",
 * "…" → "..."), a few typographic marks by hand, else "?". */
static void
ascii_char(struct buf *out, ucs4_t u)
{
	static const struct { ucs4_t u; const char *s; } tab[] = {
		{ 0x2018, "'" }, { 0x2019, "'" }, { 0x201a, "," },
		{ 0x201c, "\"" }, { 0x201d, "\"" }, { 0x201e, "\"" },
		{ 0x00ab, "<<" }, { 0x00bb, ">>" }, { 0x2013, "-" },
		{ 0x2014, "--" }, { 0x2212, "-" }, { 0x00a0, " " },
		{ 0x00df, "ss" }, { 0x0142, "l" }, { 0x0141, "L" },
		{ 0x00f8, "o" }, { 0x00d8, "O" }, { 0x00b7, "." },
		{ 0x2022, "*" }, { 0xfffd, "?" }, { 0x00e6, "ae" },
	};
	uint32_t tmp[16], *d;
	size_t i, n = sizeof tmp / sizeof tmp[0], k = 0;

	for (i = 0; i < sizeof tab / sizeof tab[0]; i++)
		if (tab[i].u == u) {
			buf_adds(out, tab[i].s);
			return;
		}
	d = u32_normalize(UNINORM_NFKD, &u, 1, tmp, &n);
	for (i = 0; d != NULL && i < n; i++)
		if (d[i] >= 0x20 && d[i] < 0x7f) {
			buf_addc(out, (char)d[i]);
			k++;
		}
	if (d != NULL && d != tmp)
		free(d);
	if (k == 0)
		buf_addc(out, '?');
}

/* Replaces B's text by an ASCII rendering (non-UTF-8 terminals). */
static void
to_ascii(struct buf *b)
{
	struct buf out;
	size_t i = 0;
	ucs4_t u;
	int n;

	buf_init(&out);
	while (i < b->len) {
		n = u8_mbtouc(&u, (const uint8_t *)b->s + i, b->len - i);
		if (u < 0x80)
			buf_addc(&out, (char)u);
		else if (!uc_is_general_category(u, UC_CATEGORY_M))
			ascii_char(&out, u);	/* marks go with their base */
		i += n > 0 ? (size_t)n : 1;
	}
	buf_free(b);
	*b = out;
}

/* Puts the first N bytes of S (whole characters) on WIN, stopping
 * before a character the terminal would draw past the edge (its idea of
 * a width can differ from libunistring's). Returns the columns used. */
static int
put_fitted(WINDOW *win, const char *s, size_t n)
{
	int maxx = getmaxx(win), x0 = getcurx(win), x = x0, w;
	mbstate_t ms;
	wchar_t wc;
	size_t i = 0, k;

	memset(&ms, 0, sizeof ms);
	while (i < n && x < maxx) {
		k = mbrtowc(&wc, s + i, n - i, &ms);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0 ||
		    (w = wcwidth(wc)) < 0) {
			memset(&ms, 0, sizeof ms);
			waddch(win, '?');
			x++;
			i += k == (size_t)-1 || k == (size_t)-2 || k == 0 ?
			    1 : k;
			continue;
		}
		if (x + w > maxx)
			break;
		if (w == 0 && x == x0) {
			i += k;		/* a mark with nothing to sit on */
			continue;
		}
		waddnstr(win, s + i, (int)k);
		x += w;
		i += k;
	}
	return x - x0;
}

int
ui_text(struct ui *ui, WINDOW *win, const char *s, size_t len, int cols,
    attr_t attr)
{
	struct buf b;
	int avail = getmaxx(win) - getcurx(win), used = 0;
	size_t n;

	if (cols > avail)
		cols = avail;
	if (cols <= 0 || len == 0)
		return 0;
	buf_init(&b);
	decode_sanitize(&b, s, len, 0);
	if (!ui->utf8)
		to_ascii(&b);
	if (b.len == 0) {
		buf_free(&b);
		return 0;
	}
	n = ui->utf8 ? wrap_fit(b.s, b.len, cols, NULL) :
	    (b.len < (size_t)cols ? b.len : (size_t)cols);
	wattrset(win, attr);
	used = put_fitted(win, b.s, n);
	wattrset(win, A_NORMAL);
	buf_free(&b);
	return used;
}

int
ui_str(struct ui *ui, WINDOW *win, const char *s, int cols, attr_t attr)
{
	return ui_text(ui, win, s, strlen(s), cols, attr);
}

void
ui_pad(WINDOW *win, int cols, attr_t attr)
{
	int avail = getmaxx(win) - getcurx(win);

	if (cols > avail)
		cols = avail;
	wattrset(win, attr);
	/* Stop short of the last cell of the last line: writing it would
	 * scroll or wrap on some terminals; ncurses handles it for us. */
	while (cols-- > 0)
		waddch(win, ' ');
	wattrset(win, A_NORMAL);
}

void
ui_line(struct ui *ui, WINDOW *win, int y, int x, const char *s, int cols,
    attr_t attr)
{
	int used;

	wmove(win, y, x);
	used = ui_cut(ui, win, s, strlen(s), cols, attr, 0);
	ui_pad(win, cols - used, attr);
}

int
ui_width(struct ui *ui, const char *s, size_t len)
{
	struct buf b;
	int w;

	buf_init(&b);
	decode_sanitize(&b, s, len, 0);
	if (!ui->utf8)
		to_ascii(&b);
	w = ui->utf8 ? wrap_width(b.s, b.len) : (int)b.len;
	buf_free(&b);
	return w;
}

int
ui_right(struct ui *ui, WINDOW *win, int y, const char *s, attr_t attr)
{
	int w = ui_width(ui, s, strlen(s)), x = getmaxx(win) - w;

	if (x < 0)
		x = 0;
	wmove(win, y, x);
	return ui_str(ui, win, s, getmaxx(win) - x, attr);
}

int
ui_theme_mark(size_t t)
{
	static const char marks[] = "123456789abcdefghijklmnopqrstuvwxyz";

	return t < sizeof marks - 1 ? marks[t] : '+';
}

void
ui_vline(struct ui *ui, WINDOW *win, int x, attr_t attr)
{
	/* The line-drawing set is unreliable in non-UTF-8 locales (some
	 * terminals show "x"): plain ASCII there. */
	wattrset(win, attr);
	mvwvline(win, 0, x, ui->utf8 ? ACS_VLINE : '|', getmaxy(win));
	wattrset(win, A_NORMAL);
}

/* Rows a movement action asks for (see ui_draw.h): one table for every
 * pane, so that j, PgDn, C-d and G mean the same everywhere. */
int
ui_movement(enum action a, long page, long all, long *delta, int *paged)
{
	*paged = 1;
	switch (a) {
	case ACT_DOWN:		*delta = 1; *paged = 0; return 1;
	case ACT_UP:		*delta = -1; *paged = 0; return 1;
	case ACT_PAGE_DOWN:	*delta = page; return 1;
	case ACT_PAGE_UP:	*delta = -page; return 1;
	case ACT_HALF_DOWN:	*delta = (page + 1) / 2; return 1;
	case ACT_HALF_UP:	*delta = -(page + 1) / 2; return 1;
	case ACT_TOP:		*delta = -all; *paged = 0; return 1;
	case ACT_BOTTOM:	*delta = all; *paged = 0; return 1;
	default:		return 0;
	}
}

/* The ellipsis of a cut text and its width on this terminal. */
static const char *
ellipsis(struct ui *ui, int *w)
{
	*w = ui->utf8 ? 1 : 3;
	return ui->utf8 ? "\u2026" : "...";
}

/* The first byte of the shortest end of S (whole characters) that
 * fits in COLS: a binary search over the character starts, so a long
 * path costs n log n, not n squared. */
static size_t
keep_from(struct ui *ui, const char *s, size_t len, int cols)
{
	size_t *at = xreallocarray(NULL, len + 1, sizeof *at), n = 0, i = 0;
	size_t lo, hi, mid, from;
	int k;

	while (i < len) {
		at[n++] = i;
		k = u8_mblen((const uint8_t *)s + i, len - i);
		i += k > 0 ? (size_t)k : 1;
	}
	at[n] = len;
	lo = 0;
	hi = n;		/* at[hi] (the empty end) always fits */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ui_width(ui, s + at[mid], len - at[mid]) <= cols)
			hi = mid;
		else
			lo = mid + 1;
	}
	from = at[lo];
	free(at);
	return from;
}

int
ui_cut(struct ui *ui, WINDOW *win, const char *s, size_t len, int cols,
    attr_t attr, int keep_end)
{
	int avail = getmaxx(win) - getcurx(win), ew, used;
	const char *ell = ellipsis(ui, &ew);
	size_t from = 0;

	if (cols > avail)
		cols = avail;
	if (cols <= 0)
		return 0;
	if (ui_width(ui, s, len) <= cols)
		return ui_text(ui, win, s, len, cols, attr);
	if (cols <= ew)
		return ui_str(ui, win, ell, cols, attr);
	if (!keep_end) {
		used = ui_text(ui, win, s, len, cols - ew, attr);
		return used + ui_str(ui, win, ell, ew, attr);
	}
	from = keep_from(ui, s, len, cols - ew);
	used = ui_str(ui, win, ell, ew, attr);
	return used + ui_text(ui, win, s + from, len - from, cols - used,
	    attr);
}

const char *
ui_focus_mark(struct ui *ui, int focused)
{
	return !focused ? " " : ui->utf8 ? "\u25b6" : ">";
}

int
ui_panel_cols(struct ui *ui, WINDOW *win)
{
	return getmaxx(win) - (getmaxx(win) < ui->w);
}
