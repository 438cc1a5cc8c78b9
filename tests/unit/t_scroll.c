/* t_scroll.c: the one scroller of the panes (ui_scroll.c), without a
 * terminal: page sizes, clamping, the cursor kept in view, jumps. */
#include "tap.h"
#include "ui_view.h"

/* A list of N rows, H shown. */
static struct scroll
list(size_t n, int h)
{
	return (struct scroll){ .kind = SCROLL_CURSOR_PAGE, .less = 1, .n = n,
	    .height = h };
}

/* The list: the cursor moves, a page move scrolls with it. */
static void
test_list(void)
{
	struct scroll s = list(100, 10);

	ok(ui_scroll_action(&s, ACT_DOWN), "j is a movement");
	is_int(s.cur, 1, "j moves the cursor one row");
	is_int(s.top, 0, "and the rows stay");
	ok(!ui_scroll_action(&s, ACT_OPEN), "Enter is not a movement");
	ui_scroll_action(&s, ACT_PAGE_DOWN);
	is_int(s.cur, 10, "PgDn: the height less one row");
	is_int(s.top, 9, "and the rows scroll with the cursor");
	ui_scroll_action(&s, ACT_HALF_DOWN);
	is_int(s.cur, 15, "C-d: half a page (rounded up)");
	ui_scroll_action(&s, ACT_BOTTOM);
	is_int(s.cur, 99, "G: the last row");
	ui_scroll_show(&s, s.cur);
	is_int(s.top, 90, "kept in view: the last page");
	ui_scroll_action(&s, ACT_PAGE_DOWN);
	is_int(s.top, 90, "PgDn at the end: no empty page");
	ui_scroll_action(&s, ACT_TOP);
	is_int(s.cur, 0, "g: the first row");
	ui_scroll_show(&s, s.cur);
	is_int(s.top, 0, "kept in view: the first page");
	ui_scroll_action(&s, ACT_UP);
	is_int(s.cur, 0, "k on the first row stays");
	ui_scroll_set_cursor(&s, 500);
	is_int(s.cur, 99, "a cursor past the end is the last row");
	s = list(0, 10);
	ui_scroll_action(&s, ACT_DOWN);
	is_int(s.cur, 0, "no rows: the cursor stays at 0");
}

/* A pane with no cursor (the reader): the rows move, clamped. */
static void
test_view(void)
{
	struct scroll s = { .kind = SCROLL_VIEW, .less = 1, .n = 30,
	    .height = 10 };

	ui_scroll_action(&s, ACT_PAGE_DOWN);
	is_int(s.top, 9, "PgDn scrolls a page less one line");
	ui_scroll_action(&s, ACT_BOTTOM);
	is_int(s.top, 20, "G: the last line at the bottom");
	is_int(ui_scroll_end(&s), 30, "one past the last line shown");
	ui_scroll_by(&s, -3, 0);
	is_int(s.top, 17, "the wheel: three lines");
	ui_scroll_reveal(&s, 25);
	is_int(s.top, 17, "a line on screen: no scroll");
	ui_scroll_reveal(&s, 2);
	is_int(s.top, 0, "a line near the start: from the top");
	ui_scroll_reveal(&s, 15);
	is_int(s.top, 12, "a line off screen: a third down");
	s.n = 5;
	ui_scroll_clamp(&s);
	is_int(s.top, 0, "shorter than the pane: from the top");
	s = (struct scroll){ .kind = SCROLL_CURSOR, .less = 2, .n = 50,
	    .height = 2 };
	ui_scroll_action(&s, ACT_PAGE_DOWN);
	is_int(s.cur, 1, "a tiny pane still pages one row");
	is_int(s.top, 0, "a cursor pane without page scroll keeps its rows");
	ui_scroll_show(&s, 7);
	is_int(s.top, 6, "showing row 7 of a two-row pane");
}

int
main(void)
{
	test_list();
	test_view();
	return tap_done();
}
