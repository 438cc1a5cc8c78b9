/* ui_scroll.c: the one scroller of every pane: rows, the first row shown, a cursor, page moves, keeping the cursor in view. */
#include "ui_draw.h"
#include "ui_view.h"

/* The rows a page move covers: the pane's height less the rows kept
 * for context, at least one. */
static long
scroll_page(const struct scroll *s)
{
	long page = (long)s->height - s->less;

	return page > 1 ? page : 1;
}

/* Rows shown, at least one (a pane of only its header still scrolls). */
static size_t
scroll_rows(const struct scroll *s)
{
	return s->height > 0 ? (size_t)s->height : 1;
}

void
ui_scroll_clamp(struct scroll *s)
{
	size_t rows = scroll_rows(s);
	size_t max = s->n > rows ? s->n - rows : 0;

	if (s->top > max)
		s->top = max;
}

void
ui_scroll_set_cursor(struct scroll *s, size_t row)
{
	s->cur = s->n == 0 ? 0 : row < s->n ? row : s->n - 1;
}

void
ui_scroll_by(struct scroll *s, long delta, int paged)
{
	long top = (long)s->top + delta, cur = (long)s->cur + delta;

	if (s->kind == SCROLL_VIEW) {
		s->top = top < 0 ? 0 : (size_t)top;
		ui_scroll_clamp(s);
		return;
	}
	/* A page move of a list scrolls with the cursor, as less does. */
	if (paged && s->kind == SCROLL_CURSOR_PAGE) {
		if (top > (long)s->n - s->height)
			top = (long)s->n - s->height;
		s->top = top < 0 ? 0 : (size_t)top;
	}
	ui_scroll_set_cursor(s, cur < 0 ? 0 : (size_t)cur);
}

int
ui_scroll_action(struct scroll *s, enum action a)
{
	long d;
	int paged;

	if (!ui_movement(a, scroll_page(s), (long)s->n, &d, &paged))
		return 0;
	ui_scroll_by(s, d, paged);
	return 1;
}

void
ui_scroll_show(struct scroll *s, size_t row)
{
	size_t rows = scroll_rows(s);

	if (row < s->top)
		s->top = row;
	if (row >= s->top + rows)
		s->top = row - rows + 1;
}

void
ui_scroll_reveal(struct scroll *s, size_t row)
{
	size_t rows = scroll_rows(s);

	if (row >= s->top && row < s->top + rows)
		return;
	s->top = row > rows / 3 ? row - rows / 3 : 0;
	ui_scroll_clamp(s);
}

size_t
ui_scroll_end(const struct scroll *s)
{
	size_t end = s->top + (s->height > 0 ? (size_t)s->height : 0);

	return end < s->n ? end : s->n;
}
