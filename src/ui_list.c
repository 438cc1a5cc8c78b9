/* ui_list.c: the article list view (date, language, source, marks, title). */
#include <string.h>

#include "corpus.h"
#include "state.h"
#include "ui_draw.h"
#include "ui_view.h"
#include "util.h"

/* Column widths for a window W columns wide (0 = column hidden). */
struct cols {
	int	 date, lang, source, marks;
};

/* Which columns fit in W, the title getting what is left. */
static struct cols
list_cols(struct ui *ui, int w)
{
	struct cols c = { 0, 0, 0, 0 };

	c.marks = ui->lm.maxhits > 5 ? 5 : ui->lm.maxhits;
	if (w >= 50)
		c.date = 10;
	if (w >= 30)
		c.lang = 2;
	if (w >= 64)
		c.source = w >= 110 ? 16 : 10;
	if (w < 40)
		c.marks = 0;
	return c;
}

/* One cell of width N (and a space after it), clipped and padded. */
static void
cell(struct ui *ui, WINDOW *win, const char *s, int n, attr_t a, attr_t pad)
{
	int used;

	if (n <= 0)
		return;
	used = ui_str(ui, win, s, n, a);
	ui_pad(win, n - used, pad);
	ui_pad(win, 1, pad);
}

/* One article row at line Y. */
static void
draw_row(struct ui *ui, WINDOW *win, int y, size_t art, const struct cols *c,
    int cursor, int focused)
{
	const struct article *a = &ui->c->v[art];
	int unread = !ui_is_read(ui, art), i;
	attr_t base = cursor ? ui->attr[focused ? CFG_cursor : CFG_cursor_idle]
	    : ui->attr[CFG_normal];
	char marks[8];

	wmove(win, y, 0);
	cell(ui, win, unread ? "N" : " ", 1, cursor ? base : ui->attr[CFG_unread],
	    base);
	cell(ui, win, a->date[0] ? a->date : "-", c->date,
	    cursor ? base : ui->attr[CFG_date], base);
	cell(ui, win, a->lang[0] ? a->lang : "-", c->lang,
	    cursor ? base : ui->attr[CFG_lang], base);
	cell(ui, win, a->source[0] ? a->source : "-", c->source,
	    cursor ? base : ui->attr[CFG_source], base);
	for (i = 0; i < c->marks && i < a->nhits; i++)
		marks[i] = (char)ui_theme_mark(a->hits[i].theme);
	marks[i] = '\0';
	cell(ui, win, marks, c->marks, cursor ? base : ui->attr[CFG_marks],
	    base);
	if (ui->fold)
		ui_stories_badges(ui, win, art, getmaxx(win), cursor ? base :
		    ui->attr[CFG_lang], cursor ? base : ui->attr[CFG_meta]);
	ui_str(ui, win, a->title, getmaxx(win), unread ? (cursor ? base |
	    A_BOLD : ui->attr[CFG_unread]) : base);
	ui_pad(win, getmaxx(win), base);
}

/* Draws the header and the visible rows; keeps the cursor on screen. */
static void
list_draw(struct ui *ui, WINDOW *win, int focused)
{
	struct scroll *l = &ui->sel;
	int w = getmaxx(win), h = getmaxy(win), y;
	struct cols c = list_cols(ui, w);
	attr_t ha = ui->attr[CFG_header];

	wmove(win, 0, 0);
	cell(ui, win, ui_focus_mark(ui, focused), 1, ha, ha);
	cell(ui, win, "Date", c.date, ha, ha);
	cell(ui, win, "La", c.lang, ha, ha);
	cell(ui, win, "Source", c.source, ha, ha);
	cell(ui, win, "Themes", c.marks, ha, ha);
	ui_str(ui, win, "Title", w, ha);
	ui_pad(win, w, ha);
	l->height = h - 1;
	ui_scroll_show(l, l->cur);
	for (y = 1; y < h && l->top + (size_t)y - 1 < ui->lm.nrows; y++)
		draw_row(ui, win, y, ui->lm.rows[l->top + (size_t)y - 1], &c,
		    l->top + (size_t)y - 1 == l->cur, focused);
	if (ui->lm.nrows == 0 && h > 1)
		ui_line(ui, win, 1, 0, ui->c->n == 0 ? " no articles" :
		    " no article matches the filter (c clears it)", w,
		    ui->attr[CFG_message]);
}

/* The list's own actions; 0 for the ones it leaves to the loop. */
static int
list_key(struct ui *ui, enum action a, int ch)
{
	size_t art;

	(void)ch;
	if (ui_scroll_action(&ui->sel, a))
		return UI_HANDLED | (ui->lm.nrows > 0 ? UI_REDRAW : 0);
	switch (a) {
	case ACT_OPEN:
		ui->req.row = ui->sel.cur;
		return UI_HANDLED | UI_OPEN;
	case ACT_TOGGLE_READ:
		if (!ui_selected_article(ui, &art))
			return UI_HANDLED;
		ui_set_read(ui, art, !ui_is_read(ui, art));
		return UI_HANDLED | UI_REDRAW;
	default:
		return 0;
	}
}

/* A click selects the row (a second click opens it); the wheel moves. */
static int
list_mouse(struct ui *ui, int y, int wheel)
{
	struct scroll *l = &ui->sel;
	size_t row = l->top + (size_t)y - 1;

	if (wheel != 0) {
		if (ui->lm.nrows > 0)
			ui_scroll_by(l, wheel * 3, 1);
		return UI_HANDLED | UI_REDRAW;
	}
	if (y < 1 || row >= ui->lm.nrows)
		return UI_REDRAW;
	if (row == l->cur) {
		ui->req.row = row;
		return UI_OPEN;
	}
	ui_scroll_set_cursor(l, row);
	return UI_REDRAW;
}

static const struct hint list_hints[] = {
	{ ACT_HELP, "help", 1 }, { ACT_QUERY, "query", 1 },
	{ ACT_QUIT, "quit", 1 }, { ACT_OPEN, "open", 0 },
	{ ACT_META, "meta", 0 }, { ACT_NONE, NULL, 0 }
};

const struct view_ops ui_list_ops = {
	"list", CTX_LIST, NULL, list_draw, list_key, NULL, list_mouse,
	list_hints
};
