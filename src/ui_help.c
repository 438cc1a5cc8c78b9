/* ui_help.c: the help view, built from the key table (keys.def). */
#include <stdlib.h>
#include <string.h>

#include "ui_draw.h"
#include "ui_view.h"
#include "util.h"

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

/* The view's state: the lines' scroller. */
static void
help_init(struct ui *ui)
{
	struct scroll *s = xcalloc(1, sizeof *s);

	*s = (struct scroll){ .kind = SCROLL_VIEW, .less = 1,
	    .n = help_count() };
	ui->view[PANE_HELP] = s;
}

/* Frees the view's state. */
static void
help_free(struct ui *ui)
{
	free(ui->view[PANE_HELP]);
	ui->view[PANE_HELP] = NULL;
}

/* Draws the key table, one group after another. */
static void
help_draw(struct ui *ui, WINDOW *win, int focused)
{
	struct scroll *hp = ui->view[PANE_HELP];
	int w = getmaxx(win), h = getmaxy(win), y, a, g = 0, kw;

	hp->height = h - 1;
	hp->n = help_count();
	ui_scroll_clamp(hp);
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

/* Scrolls; any other key closes the help. */
static int
help_key(struct ui *ui, enum action a, int ch)
{
	(void)ch;
	if (ui_scroll_action(ui->view[PANE_HELP], a))
		return UI_HANDLED | UI_REDRAW;
	/* Anything else closes the help: q, Esc, ?, F1. */
	return UI_HANDLED | UI_CLOSE;
}

/* The wheel scrolls the help. */
static int
help_mouse(struct ui *ui, int y, int wheel)
{
	(void)y;
	if (wheel != 0)
		ui_scroll_by(ui->view[PANE_HELP], wheel * 3, 0);
	return UI_REDRAW;
}

static const struct hint help_hints[] = {
	{ ACT_DOWN, "down", 1 }, { ACT_QUIT, "close", 1 },
	{ ACT_NONE, NULL, 0 }
};

const struct view_ops ui_help_ops = {
	"help", CTX_HELP, help_init, help_draw, help_key, help_free,
	help_mouse, help_hints
};
