/* ui_timeline.c: the timeline view (the filter's articles per month, months labelled) and the themes panel's sparklines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "timeline.h"
#include "ui_draw.h"
#include "ui_view.h"
#include "util.h"

struct tl {
	size_t		 top;		/* first month row shown */
	int		 height;
	/* per-theme counts per month over the corpus span, for the
	 * sparklines; made again when the corpus changes */
	const struct article *v;
	size_t		 n, nthemes;
	struct timeline_span span;
	uint32_t	*counts;	/* nthemes rows of span.n */
};

/* The view's state. */
static void
tl_init(struct ui *ui)
{
	ui->timelinev = xcalloc(1, sizeof(struct tl));
}

/* Frees the view's state. */
static void
tl_free(struct ui *ui)
{
	struct tl *t = ui->timelinev;

	if (t != NULL)
		free(t->counts);
	free(t);
	ui->timelinev = NULL;
}

/* Has article I theme *(unsigned *)ARG? */
static int
pick_theme(const struct corpus *c, size_t i, void *arg)
{
	return corpus_has_theme(c, i, *(unsigned *)arg);
}

/* The per-theme monthly counts of the corpus shown now. */
static const struct tl *
tl_counts(struct ui *ui)
{
	struct tl *t = ui->timelinev;
	unsigned th;

	if (t->counts != NULL && t->v == ui->c->v && t->n == ui->c->n &&
	    t->nthemes == ui->c->nthemes)
		return t;
	free(t->counts);
	t->v = ui->c->v;
	t->n = ui->c->n;
	t->nthemes = ui->c->nthemes;
	timeline_span(ui->c, BY_MONTH, &t->span);
	t->counts = xcalloc(t->nthemes * t->span.n + 1, sizeof *t->counts);
	for (th = 0; th < t->nthemes; th++)
		timeline_count(ui->c, &t->span, NULL, pick_theme, &th,
		    t->counts + th * t->span.n);
	return t;
}

int
ui_theme_spark(struct ui *ui, WINDOW *win, size_t theme, int cols,
    attr_t attr)
{
	const struct tl *t;
	char s[8 * 4 * 64 + 1];

	if (cols <= 0 || ui->timelinev == NULL)
		return 0;
	t = tl_counts(ui);
	if (theme >= t->nthemes || t->span.n == 0)
		return 0;
	timeline_spark(t->counts + theme * t->span.n, t->span.n,
	    (size_t)(cols < 64 ? cols : 64), ui->utf8, s, sizeof s);
	return ui_str(ui, win, s, cols, attr);
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
	struct tl *t = ui->timelinev;
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
	if (t->top + (size_t)t->height > sp.n)
		t->top = sp.n > (size_t)t->height ? sp.n - (size_t)t->height : 0;
	snprintf(head, sizeof head, " Timeline: %u dated article%s of the "
	    "filter per month  (T or q closes)", (unsigned)total,
	    PLURAL(total));
	ui_line(ui, win, 0, 0, head, w, ui->attr[CFG_header]);
	if (sp.n == 0)
		ui_line(ui, win, 1, 0, " no dated article", w,
		    ui->attr[CFG_normal]);
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

/* Scrolls by DELTA months (clamped at draw). */
static int
tl_scroll(struct ui *ui, long delta)
{
	struct tl *t = ui->timelinev;
	long top = (long)t->top + delta;

	t->top = top < 0 ? 0 : (size_t)top;
	return UI_HANDLED | UI_REDRAW;
}

/* Scrolls; q, Esc and the timeline key close the view (C-c quits);
 * the global keys (filters, the query line) work on. */
static int
tl_key(struct ui *ui, enum action a, int ch)
{
	struct tl *t = ui->timelinev;
	long page = t->height > 2 ? t->height - 1 : 1, d;
	int paged;

	(void)ch;
	if (ui_movement(a, page, 1L << 30, &d, &paged))
		return tl_scroll(ui, d);
	switch (a) {
	case ACT_HELP_CLOSE:	/* q, Esc */
	case ACT_TIMELINE:
		ui->timeline = 0;
		return UI_HANDLED | UI_LAYOUT | UI_REDRAW;
	default:
		return 0;	/* the global keys still work: filters... */
	}
}

/* The wheel scrolls the months. */
static int
tl_mouse(struct ui *ui, int y, int wheel)
{
	(void)y;
	return wheel != 0 ? tl_scroll(ui, wheel * 3) : UI_REDRAW;
}

const struct view_ops ui_timeline_ops = {
	/* the list's keys, and help's for closing (q, Esc) */
	"timeline", CTX_LIST | CTX_HELP, tl_init, tl_draw, tl_key, tl_free, tl_mouse
};
