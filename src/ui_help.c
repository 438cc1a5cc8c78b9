/* ui_help.c: the help view, built from the key table (keys.def). */
#include <stdlib.h>
#include <string.h>

#include "ui_draw.h"
#include "ui_view.h"
#include "util.h"

struct help {
	size_t	 top;
	int	 height;
};

/* The help's lines are made on the fly: a heading per group, a line
 * per action. Returns the action of line I (ACT_NONE for a heading, with
 * *GROUP set), or -1 past the end. */
static int
help_line(size_t i, int *group)
{
	size_t n = 0;
	int g, a;

	for (g = 0; g < KEYS_NGROUPS; g++) {
		if (n++ == i) {
			*group = g;
			return ACT_NONE;
		}
		for (a = 1; a < ACT_COUNT; a++)
			if (keys_group((enum action)a) == g && n++ == i)
				return a;
	}
	return -1;
}

/* How many lines the help has. */
static size_t
help_count(void)
{
	size_t n = 0;
	int g;

	while (help_line(n, &g) != -1)
		n++;
	return n;
}

/* The view's state: the scroll position. */
static void
help_init(struct ui *ui)
{
	ui->helpv = xcalloc(1, sizeof(struct help));
}

/* Frees the view's state. */
static void
help_free(struct ui *ui)
{
	free(ui->helpv);
	ui->helpv = NULL;
}

/* Draws the key table, one group after another. */
static void
help_draw(struct ui *ui, WINDOW *win, int focused)
{
	struct help *hp = ui->helpv;
	int w = getmaxx(win), h = getmaxy(win), y, a, g = 0, kw;
	size_t n = help_count();

	hp->height = h - 1;
	if (hp->top + (size_t)hp->height > n)
		hp->top = n > (size_t)hp->height ? n - (size_t)hp->height : 0;
	ui_line(ui, win, 0, 0, " tread keys  (q, Esc or ? closes; "
	    "j/k scroll; see tread(1))", w, ui->attr[CFG_header]);
	kw = w >= 60 ? 20 : w / 3;
	for (y = 1; y < h; y++) {
		if ((a = help_line(hp->top + (size_t)y - 1, &g)) == -1)
			break;
		wmove(win, y, 0);
		if (a == ACT_NONE) {
			ui_str(ui, win, keys_group_title(g), w,
			    ui->attr[CFG_group]);
			continue;
		}
		ui_pad(win, 2, A_NORMAL);
		ui_pad(win, kw - ui_str(ui, win, keys_names((enum action)a), kw,
		    ui->attr[CFG_key]), A_NORMAL);
		ui_pad(win, 1, A_NORMAL);
		ui_str(ui, win, keys_help((enum action)a), w, ui->attr[CFG_normal]);
	}
}

/* Scrolls by DELTA (clamped at draw). */
static int
help_scroll(struct ui *ui, long delta)
{
	struct help *hp = ui->helpv;
	long top = (long)hp->top + delta;

	hp->top = top < 0 ? 0 : (size_t)top;
	return UI_HANDLED | UI_REDRAW;
}

/* Scrolls; any other key closes the help. */
static int
help_key(struct ui *ui, enum action a, int ch)
{
	struct help *hp = ui->helpv;
	long page = hp->height > 2 ? hp->height - 1 : 1, d;
	int paged;

	if (ui_movement(a, page, (long)help_count(), &d, &paged))
		return help_scroll(ui, d);
	/* Anything else closes the help: q, Esc, ?, F1. */
	ui->help = 0;
	return UI_HANDLED | UI_LAYOUT | UI_REDRAW;
}

/* The wheel scrolls the help. */
static int
help_mouse(struct ui *ui, int y, int wheel)
{
	return wheel != 0 ? help_scroll(ui, wheel * 3) : UI_REDRAW;
}

const struct view_ops ui_help_ops = {
	"help", CTX_HELP, help_init, help_draw, help_key, help_free,
	help_mouse
};
