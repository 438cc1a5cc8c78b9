/* ui_themes.c: the themes side panel: labels, counts, the filter selection. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "ui_draw.h"
#include "ui_view.h"
#include "util.h"

/* The view's state is a scroller whose cursor is an item (a theme or
 * an entity) and whose top is a display row (headings count). */
#define ROW_LEXICON	(-1)	/* group headings in the display rows */
#define ROW_DISCOVERED	(-2)
#define ROW_PEOPLE	(-3)
#define NGROUPS		3

/* The view's state: cursor and scroll position. */
static void
themes_init(struct ui *ui)
{
	struct scroll *s = xcalloc(1, sizeof *s);

	*s = (struct scroll){ .kind = SCROLL_CURSOR, .less = 2 };
	ui->view[PANE_THEMES] = s;
}

/* Frees the view's state (and the People & places group's). */
static void
themes_free(struct ui *ui)
{
	free(ui->view[PANE_THEMES]);
	ui->view[PANE_THEMES] = NULL;
	ui_people_free(ui);
}

/* Index of the first discovered theme (== nthemes when none). */
static size_t
first_discovered(const struct ui *ui)
{
	size_t t;

	for (t = 0; t < ui->c->nthemes; t++)
		if (ui->c->themes[t].kind == THEME_DISCOVERED)
			break;
	return t;
}

/* The items of the panel: the themes, then the People & places group's
 * entities (items from nthemes on). */
static size_t
items(struct ui *ui)
{
	return ui->c->nthemes + ui_people_n(ui);
}

/* Group G's items [*START, return value): lexicon themes, discovered
 * themes, entities. */
static size_t
group_end(struct ui *ui, int g, size_t *start)
{
	size_t d = first_discovered(ui);

	*start = g == 0 ? 0 : g == 1 ? d : ui->c->nthemes;
	return g == 0 ? d : g == 1 ? ui->c->nthemes : items(ui);
}

/* The display row of item T: a heading before each group. */
static size_t
row_of(struct ui *ui, size_t t)
{
	size_t r = t, a, e;
	int g;

	for (g = 0; g < NGROUPS; g++)
		if ((e = group_end(ui, g, &a)) > a && a <= t)
			r++;
	return r;
}

/* What display row R shows: an item, or a ROW_* heading; -4 past the
 * end. */
static long
item_at(struct ui *ui, size_t r)
{
	static const long head[NGROUPS] = { ROW_LEXICON, ROW_DISCOVERED,
	    ROW_PEOPLE };
	size_t row = 0, a, e;
	int g;

	for (g = 0; g < NGROUPS; g++) {
		if ((e = group_end(ui, g, &a)) == a)
			continue;
		if (r == row)
			return head[g];
		if (r < row + 1 + (e - a))
			return (long)(a + (r - row - 1));
		row += 1 + (e - a);
	}
	return -4;
}

/* One theme row: selection box, mark, label, count. */
static void
draw_theme(struct ui *ui, WINDOW *win, int y, size_t t, int cursor,
    int focused)
{
	const struct ctheme *th = &ui->c->themes[t];
	int w = ui_panel_cols(ui, win), cw, sw;
	char count[16], head[16];
	attr_t base = cursor ? ui->attr[focused ? CFG_cursor : CFG_cursor_idle]
	    : ui->attr[CFG_normal];
	size_t art;

	snprintf(count, sizeof count, " %u", (unsigned)ui->lm.tcount[t]);
	/* "•" after the mark: the article under the list's cursor has the
	 * theme, so that the list's marks can be read off the panel */
	snprintf(head, sizeof head, "%s%c%s", ui->lm.tsel[t] ? "[x]" : "[ ]",
	    ui_theme_mark(t), ui_selected_article(ui, &art) &&
	    corpus_has_theme(ui->c, art, (unsigned)t) ? (ui->utf8 ?
	    "\u2022" : "*") : " ");
	wmove(win, y, 0);
	cw = ui_str(ui, win, head, w, cursor ? base : ui->lm.tsel[t] ?
	    ui->attr[CFG_selected] : ui->attr[CFG_marks]);
	/* a sparkline of the theme's articles per month, when it fits */
	sw = w >= 24 ? (w >= 40 ? 12 : 6) : 0;
	cw += ui_cut(ui, win, th->label[0] ? th->label : th->id,
	    strlen(th->label[0] ? th->label : th->id),
	    w - cw - (int)strlen(count) - sw - (sw > 0), cursor ? base :
	    ui->lm.tsel[t] ? ui->attr[CFG_selected] : base, 0);
	ui_pad(win, w - cw - (int)strlen(count) - sw, base);
	if (sw > 0)
		ui_pad(win, sw - ui_theme_spark(ui, win, t, sw, cursor ? base :
		    ui->attr[CFG_meta]), base);
	ui_str(ui, win, count, w, base);
}

/* Keeps the cursor's row on screen (the first heading with the first
 * item). */
static void
themes_scroll(struct ui *ui, struct scroll *p)
{
	if (p->cur == 0)
		p->top = 0;
	ui_scroll_show(p, items(ui) > 0 ? row_of(ui, p->cur) : 0);
}

/* The scroll indicator at the right of the heading, when the rows do
 * not all fit: the rows shown of all ("3-9/40"), or where the last row
 * shown is ("42%") when that does not fit beside the heading. */
static void
themes_where(struct ui *ui, WINDOW *win, const struct scroll *p,
    size_t nrow, int w)
{
	char where[48];
	size_t end = p->top + (p->height > 0 ? (size_t)p->height : 0);
	int ww;

	if (nrow <= (size_t)(p->height > 0 ? p->height : 0))
		return;
	end = end < nrow ? end : nrow;
	snprintf(where, sizeof where, " %zu-%zu/%zu", p->top + 1, end, nrow);
	if ((int)strlen(where) + 16 > w)
		snprintf(where, sizeof where, " %zu%%", end * 100 / nrow);
	ww = (int)strlen(where);
	if (ww + 16 > w)	/* the heading first */
		return;
	wmove(win, 0, w - ww);
	ui_str(ui, win, where, ww, ui->attr[CFG_header]);
}

/* Draws the heading, the groups and the theme rows, then the border. */
static void
themes_draw(struct ui *ui, WINDOW *win, int focused)
{
	struct scroll *p = ui->view[PANE_THEMES];
	int h = getmaxy(win), w = ui_panel_cols(ui, win), y;
	size_t nitems = items(ui), nrow = nitems > 0 ? row_of(ui,
	    nitems - 1) + 1 : 0;
	long it;
	char head[32];

	snprintf(head, sizeof head, "%sThemes (%s of)", ui_focus_mark(ui,
	    focused), ui->lm.all_of ? "all" : "any");
	ui_line(ui, win, 0, 0, head, w, ui->attr[CFG_header]);
	p->height = h - 1;
	p->n = nitems;
	ui_scroll_set_cursor(p, p->cur);
	themes_scroll(ui, p);
	themes_where(ui, win, p, nrow, w);
	for (y = 1; y < h && p->top + (size_t)y - 1 < nrow; y++) {
		it = item_at(ui, p->top + (size_t)y - 1);
		if (it < 0)
			ui_line(ui, win, y, 0, it == ROW_LEXICON ? "Lexicon" :
			    it == ROW_DISCOVERED ? "Discovered" :
			    "People & places", w, ui->attr[CFG_group]);
		else if ((size_t)it < ui->c->nthemes)
			draw_theme(ui, win, y, (size_t)it,
			    (size_t)it == p->cur, focused);
		else
			ui_people_draw(ui, win, y, (size_t)it - ui->c->nthemes,
			    (size_t)it == p->cur, focused);
	}
	if (nitems == 0 && h > 1)
		ui_line(ui, win, 1, 0, " no themes", w, ui->attr[CFG_message]);
	/* The border between the panel and the list (none when zoomed:
	 * nothing is beside it). */
	if (w < getmaxx(win))
		ui_vline(ui, win, w, ui->attr[CFG_border]);
}

/* Adds or removes theme T from the filter; the loop filters again and
 * the list follows at once. */
static int
themes_toggle(struct ui *ui, size_t t)
{
	if (t >= ui->c->nthemes)	/* an entity of People & places */
		return ui_people_toggle(ui, t - ui->c->nthemes);
	ui->lm.tsel[t] = !ui->lm.tsel[t];
	snprintf(ui->req.say, sizeof ui->req.say, "%s %s",
	    ui->lm.tsel[t] ? "+" : "-", ui->c->themes[t].id);
	return UI_HANDLED | UI_FILTER | UI_REDRAW;
}

/* The panel's own actions; 0 for the ones it leaves to the loop. */
static int
themes_key(struct ui *ui, enum action a, int ch)
{
	struct scroll *p = ui->view[PANE_THEMES];

	(void)ch;
	p->n = items(ui);
	if (ui_scroll_action(p, a))
		return UI_HANDLED | UI_REDRAW;
	return a == ACT_THEME_TOGGLE ? themes_toggle(ui, p->cur) : 0;
}

/* A click toggles the theme under it; the wheel moves. */
static int
themes_mouse(struct ui *ui, int y, int wheel)
{
	struct scroll *p = ui->view[PANE_THEMES];
	long it;

	p->n = items(ui);
	if (wheel != 0) {
		ui_scroll_by(p, wheel * 3, 0);
		return UI_HANDLED | UI_REDRAW;
	}
	if (y < 1 || items(ui) == 0)
		return UI_REDRAW;
	it = item_at(ui, p->top + (size_t)y - 1);
	if (it < 0 || (size_t)it >= items(ui))
		return UI_REDRAW;
	p->cur = (size_t)it;
	return themes_toggle(ui, p->cur);
}

static const struct hint themes_hints[] = {
	{ ACT_HELP, "help", 1 }, { ACT_THEME_TOGGLE, "toggle", 0 },
	{ ACT_THEME_MODE, "all/any", 0 }, { ACT_CLEAR, "clear", 0 },
	{ ACT_NONE, NULL, 0 }
};

const struct view_ops ui_themes_ops = {
	"themes", CTX_THEMES, themes_init, themes_draw, themes_key,
	themes_free, themes_mouse, themes_hints
};
