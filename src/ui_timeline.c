/* ui_timeline.c: the timeline view: the filter's articles per month, months labelled. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "timeline.h"
#include "ui_draw.h"
#include "ui_view.h"
#include "util.h"

/* The view's state: the months' scroller. */
static void
tl_init(struct ui *ui)
{
	struct scroll *s = xcalloc(1, sizeof *s);

	*s = (struct scroll){ .kind = SCROLL_VIEW, .less = 1 };
	ui->view[PANE_TIMELINE] = s;
}

/* Frees the view's state. */
static void
tl_free(struct ui *ui)
{
	free(ui->view[PANE_TIMELINE]);
	ui->view[PANE_TIMELINE] = NULL;
}

/* A bar of N of MAX in COLS columns: whole blocks, then an eighth
 * block (UTF-8) or '#' and nothing (ASCII). */
static int
draw_bar(struct ui *ui, WINDOW *win, uint32_t n, uint32_t max, int cols,
    attr_t attr)
{
	static const char *const eighth[8] = { "", "\u258f", "\u258e",
	    "\u258d", "\u258c", "\u258b", "\u258a", "\u2589" };
	uint64_t e = max ? (uint64_t)n * (uint64_t)cols * 8 / max : 0;
	int used = 0, k;

	if (n > 0 && e == 0)
		e = 1;		/* one article still shows */
	for (k = 0; k < (int)(e / 8); k++)
		used += ui_str(ui, win, ui->utf8 ? "\u2588" : "#", 1, attr);
	if (e % 8 != 0)
		used += ui_str(ui, win, ui->utf8 ? eighth[e % 8] : "#", 1, attr);
	return used;
}

/* Draws the heading and one labelled row per month of the span. */
static void
tl_draw(struct ui *ui, WINDOW *win, int focused)
{
	struct scroll *t = ui->view[PANE_TIMELINE];
	struct timeline_span sp;
	int h = getmaxy(win), w = getmaxx(win), y;
	uint32_t *n, max = 0, total = 0;
	char head[160], label[16], count[16];
	size_t m;

	(void)focused;
	timeline_span(ui->c, BY_MONTH, &sp);
	n = xcalloc(sp.n + 1, sizeof *n);
	timeline_count(ui->c, &sp, ui->lm.keep, NULL, NULL, n);
	for (m = 0; m < sp.n; m++) {
		max = n[m] > max ? n[m] : max;
		total += n[m];
	}
	t->height = h - 1;
	t->n = sp.n;
	ui_scroll_clamp(t);
	snprintf(head, sizeof head, " Timeline: %u dated article%s of the "
	    "filter per month  (T or q closes)", (unsigned)total,
	    PLURAL(total));
	ui_line(ui, win, 0, 0, head, w, ui->attr[CFG_header]);
	if (sp.n == 0 || total == 0) {	/* not a column of empty months */
		ui_line(ui, win, 1, 0, sp.n == 0 ? " no dated article" :
		    " no dated article matches the filter (c clears it)", w,
		    ui->attr[CFG_normal]);
		free(n);
		return;
	}
	for (y = 1; y < h && t->top + (size_t)y - 1 < sp.n; y++) {
		m = t->top + (size_t)y - 1;
		timeline_label(sp.first + (int32_t)m, BY_MONTH, label,
		    sizeof label);
		snprintf(count, sizeof count, "%5u ", (unsigned)n[m]);
		wmove(win, y, 0);
		ui_str(ui, win, " ", 1, ui->attr[CFG_normal]);
		ui_pad(win, 8 - ui_str(ui, win, label, 8, ui->attr[CFG_date]),
		    ui->attr[CFG_normal]);
		ui_str(ui, win, count, 7, ui->attr[CFG_normal]);
		draw_bar(ui, win, n[m], max, w - 16, ui->attr[CFG_selected]);
	}
	free(n);
}

/* Scrolls; q, Esc and the timeline key close the view (C-c quits);
 * the global keys (filters, the query line) work on. */
static int
tl_key(struct ui *ui, enum action a, int ch)
{
	(void)ch;
	if (ui_scroll_action(ui->view[PANE_TIMELINE], a))
		return UI_HANDLED | UI_REDRAW;
	switch (a) {
	case ACT_HELP_CLOSE:	/* q, Esc */
	case ACT_TIMELINE:
		return UI_HANDLED | UI_CLOSE;
	default:
		return 0;	/* the global keys still work: filters... */
	}
}

/* The wheel scrolls the months. */
static int
tl_mouse(struct ui *ui, int y, int wheel)
{
	(void)y;
	if (wheel != 0)
		ui_scroll_by(ui->view[PANE_TIMELINE], wheel * 3, 0);
	return UI_REDRAW;
}

static const struct hint tl_hints[] = {
	{ ACT_TIMELINE, "close", 1 }, { ACT_QUERY, "query", 1 },
	{ ACT_CLEAR, "clear", 0 }, { ACT_NONE, NULL, 0 }
};

const struct view_ops ui_timeline_ops = {
	/* the list's keys, and help's for closing (q, Esc) */
	"timeline", CTX_LIST | CTX_HELP, tl_init, tl_draw, tl_key, tl_free, tl_mouse,
	tl_hints
};
