/* ui_status.c: the status line: what is shown of how many, unread, the cursor's row, sort, the filter as it applies, and the focused view's keys. */
#include <string.h>

#include "corpus.h"
#include "state.h"
#include "ui_draw.h"
#include "ui_view.h"
#include "util.h"

/* Unread articles of the filter: the rows, or in the story fold every
 * article of the folded stories (not only each story's first). */
static size_t
unread_count(struct ui *ui)
{
	return ui->fold ? ui_unread(ui, ui->arts, ui->narts) :
	    ui_unread(ui, ui->lm.rows, ui->lm.nrows);
}

/* The counts and the sort: " 3/5 articles  2 unread  sort:date" (" 2
 * stories  3/5 articles ..." in the story fold); COMPACT (a narrow
 * screen) leaves the sort out. */
static void
status_counts(struct ui *ui, struct buf *b, int compact)
{
	static const char *const sorts[SORT_N] = { "date", "source", "title" };
	size_t n = ui->lm.nrows;

	if (ui->fold)
		buf_addf(b, " %zu stor%s  %zu/%zu articles", n, n == 1 ? "y" :
		    "ies", ui->narts, ui->c->n);
	else
		buf_addf(b, " %zu/%zu articles", n, ui->c->n);
	buf_addf(b, "  %zu unread", unread_count(ui));
	if (!compact)
		buf_addf(b, "  %ssort:%s%s", ui->lm.all_of ? "" : "any-of  ",
		    sorts[ui->lm.sort], ui->lm.reverse ? "-" : "");
}

/* The filter as it applies: a query that does not parse is left out,
 * and said first ("[not applied: date:x] theme:energy"), so that a cut
 * keeps it. */
static void
status_filter(struct ui *ui, struct buf *b)
{
	struct listmodel m;	/* a copy without the bad query */
	size_t start;

	m = ui->lm;
	if (ui->lm.qerr[0] != '\0') {
		buf_addf(b, "[not applied: %s] ", ui->lm.query);
		m.query[0] = '\0';
	}
	start = b->len;
	listmodel_describe(&m, b);
	if (b->len == start)
		buf_adds(b, "none");
}

/* The focused view's key hints ("?:help /:query q:quit "), with the
 * keys bound now, not the defaults, as many as fit in COLS: the core
 * ones even if the filter is cut for them, the others only in the room
 * the whole filter leaves (FREE columns of COLS). */
static void
status_hints(struct ui *ui, const struct view_ops *ops, struct buf *b,
    int cols, int free)
{
	const struct hint *h;
	char k[24], one[64];
	int w = 0, ow;

	for (h = ops->hints; h != NULL && h->label != NULL; h++) {
		snprintf(one, sizeof one, "%s:%s ", keys_first(h->action, k,
		    sizeof k), h->label);
		ow = ui_width(ui, one, (int)strlen(one));
		if (w + ow > (h->core ? cols : free))
			break;
		buf_adds(b, one);
		w += ow;
	}
}

/* Adds the cursor's row ("  row 2/5") to B when it fits beside the
 * whole filter (FW columns) and the core hints; then "  filter: " (two
 * spaces when COMPACT). */
static void
status_row(struct ui *ui, const struct view_ops *ops, struct buf *b,
    int fw, int compact)
{
	struct buf h;
	char row[64];

	buf_init(&h);
	status_hints(ui, ops, &h, ui->w, 0);	/* the core ones */
	snprintf(row, sizeof row, "  row %zu/%zu", ui->sel.cur + 1,
	    ui->lm.nrows);
	if (ui->lm.nrows > 0 && ui_width(ui, b->s, b->len) + ui_width(ui, row,
	    strlen(row)) + 10 + fw + 1 + ui_width(ui, h.s != NULL ? h.s : "",
	    h.len) <= ui->w)
		buf_adds(b, row);
	buf_adds(b, compact ? "  " : "  filter: ");
	buf_free(&h);
}

/* Would the counts, the sort, "filter: none" and the core hints overflow
 * the screen? Then the sort and the word "filter" go first, so that the
 * counts and the way out stay readable (a 40-column terminal). */
static int
status_narrow(struct ui *ui, const struct view_ops *ops)
{
	struct buf b, h;
	int need;

	buf_init(&b);
	buf_init(&h);
	ui_load_describe(ui, &b);
	status_counts(ui, &b, 0);
	status_hints(ui, ops, &h, ui->w, 0);
	need = ui_width(ui, b.s, b.len) + (int)strlen("  filter: none ") +
	    (h.len > 0 ? ui_width(ui, h.s, h.len) : 0);
	buf_free(&b);
	buf_free(&h);
	return need > ui->w;
}

void
ui_status_draw(struct ui *ui, WINDOW *win, const struct view_ops *ops)
{
	attr_t a = ui->attr[CFG_status];
	struct buf b, f, h;
	int hint, left, room, fw, compact = status_narrow(ui, ops);

	buf_init(&b);
	buf_init(&f);
	buf_init(&h);
	ui_load_describe(ui, &b);	/* a cold start: the files read */
	status_counts(ui, &b, compact);
	status_filter(ui, &f);
	if (compact && f.len == 4 && memcmp(f.s, "none", 4) == 0)
		f.len = 0;	/* no filter: nothing to say in little room */
	fw = ui_width(ui, f.s, f.len);
	status_row(ui, ops, &b, fw, compact);
	left = ui_width(ui, b.s, b.len);
	/* The filter is cut (to "…") before the core hints go. */
	status_hints(ui, ops, &h, ui->w - left - (ui->utf8 ? 1 : 3) - 1,
	    ui->w - left - fw - 2);
	hint = h.len > 0 ? ui_width(ui, h.s, h.len) : 0;
	wmove(win, 0, 0);
	ui_pad(win, ui->w, a);
	wmove(win, 0, 0);
	left = ui_text(ui, win, b.s, b.len, ui->w - hint - 1, a);
	room = ui->w - hint - 1 - left;
	if (room > 0)
		ui_cut(ui, win, f.s, f.len, room, a, 0);
	if (hint > 0)
		ui_right(ui, win, 0, h.s, a);
	buf_free(&b);
	buf_free(&f);
	buf_free(&h);
}
