/* ui_help.c: the help view: the key table (keys.def), the : commands, the
 * query syntax and the mouse, wrapped to the window and searchable. */
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui_draw.h"
#include "ui_view.h"
#include "util.h"
#include "wrap.h"

/* A line of help: a heading, or a left column (keys, a command, a query
 * term) and what it does. */
struct hentry {
	int		 head;
	const char	*left;
	const char	*text;
};

/* A screen row: part of entry E's text (OFF, LEN), with its left column
 * when FIRST. */
struct hrow {
	size_t	 e, off, len;
	int	 first;
};

struct help {
	struct hentry	*e;
	size_t		 ne;
	struct hrow	*rows;
	size_t		 nrows;
	int		 built_w;	/* the width the rows were made for */
	int		 kw;		/* the left column's width, 0: stacked */
	struct scroll	 sc;		/* over the rows */
	char		 search[128];
	long		 match;		/* the entry of the current match */
	size_t		 search_top;	/* top before the search, for Esc */
};

/* The sections after the keys: left column, text (NULL left: heading). */
static const char *const extra[][2] = {
	{ NULL, "Commands (the : line)" },
	{ ":ACTION", "any action above by its name, as :page-down or "
	    ":mark-all-read (Tab completes the name)" },
	{ ":save FILE", "save the cleaned article to FILE, the bytes tread "
	    "--show prints for it (Tab completes FILE)" },
	{ ":pipe COMMAND", "the cleaned article on COMMAND's standard input "
	    "($SHELL -c); its output stays until a key" },
	{ ":jump N", "go to the N-th article of the list (:N alone too)" },
	{ ":query Q", "set the query to Q" },
	{ NULL, "Query syntax (every term must match; case and accents "
	    "are ignored)" },
	{ "word  word*", "the word in the title or the body; word* any word "
	    "beginning so" },
	{ "\"a phrase\"", "the phrase in the title or the body" },
	{ "theme:ID", "about theme ID; theme:a,b about any of them" },
	{ "lang:xx", "in language xx; lang:pl,de in either" },
	{ "source:TEXT", "the source contains TEXT" },
	{ "date:D", "dated day, month or year D (2024-07-15, 2024-07, 2024)" },
	{ "after:D  before:D", "dated on or after D, or before D" },
	{ "who:ID  where:ID", "names the person or place ID (entity:ID for "
	    "any entity)" },
	{ "-TERM", "not matching TERM, as -theme:energy" },
	{ NULL, "The mouse" },
	{ "mouse = yes", "in tread.ini: clicks select and open, the wheel "
	    "scrolls (off by default)" },
	{ "Shift+drag", "selects text while the mouse is on, in most "
	    "terminals (Option or Fn in some)" },
};

/* Appends an entry. */
static void
add(struct help *hp, int head, const char *left, const char *text)
{
	hp->e = xreallocarray(hp->e, hp->ne + 1, sizeof *hp->e);
	hp->e[hp->ne++] = (struct hentry){ head, left, text };
}

/* The entries: a heading per key group and a line per action, then the
 * sections above. The key names are the bound ones (read once: tread.ini
 * is applied before the views start). */
static void
help_init(struct ui *ui)
{
	struct help *hp = xcalloc(1, sizeof *hp);
	size_t i;
	int g, a;

	for (g = 0; g < KEYS_NGROUPS; g++) {
		add(hp, 1, NULL, keys_group_title(g));
		for (a = 1; a < ACT_COUNT; a++)
			if (keys_group((enum action)a) == g)
				add(hp, 0, keys_names((enum action)a),
				    keys_help((enum action)a));
	}
	for (i = 0; i < sizeof extra / sizeof extra[0]; i++)
		add(hp, extra[i][0] == NULL, extra[i][0], extra[i][1]);
	hp->match = -1;
	hp->sc = (struct scroll){ .kind = SCROLL_VIEW, .less = 1 };
	ui->view[PANE_HELP] = hp;
}

/* Frees the view's state. */
static void
help_free(struct ui *ui)
{
	struct help *hp = ui->view[PANE_HELP];

	if (hp == NULL)
		return;
	free(hp->e);
	free(hp->rows);
	free(hp);
	ui->view[PANE_HELP] = NULL;
}

/* Appends a row. */
static void
add_row(struct help *hp, size_t e, size_t off, size_t len, int first)
{
	hp->rows = xreallocarray(hp->rows, hp->nrows + 1, sizeof *hp->rows);
	hp->rows[hp->nrows++] = (struct hrow){ e, off, len, first };
}

/* The left column's width for W columns: the widest entry's, or 0 (the
 * text under its keys) when the text would get less than 24 columns. */
static int
left_width(struct ui *ui, const struct help *hp, int w)
{
	size_t i;
	int kw = 0, k;

	for (i = 0; i < hp->ne; i++)
		if (!hp->e[i].head && (k = ui_width(ui, hp->e[i].left,
		    strlen(hp->e[i].left))) > kw)
			kw = k;
	return w - 2 - kw - 1 >= 24 ? kw : 0;
}

/* Cuts the entries into rows for width W: the text wrapped beside the
 * left column, or under it on a narrow screen. */
static void
build_rows(struct ui *ui, struct help *hp, int w)
{
	struct wrap_line *l;
	size_t i, n, k;
	int tw;

	hp->nrows = 0;
	hp->built_w = w;
	hp->kw = left_width(ui, hp, w);
	tw = hp->kw > 0 ? w - 2 - hp->kw - 1 : w - 4;
	for (i = 0; i < hp->ne; i++) {
		if (hp->e[i].head) {
			add_row(hp, i, 0, strlen(hp->e[i].text), 1);
			continue;
		}
		if (hp->kw == 0)
			add_row(hp, i, 0, 0, 1);
		n = wrap_text(hp->e[i].text, strlen(hp->e[i].text),
		    tw > 1 ? tw : 1, &l);
		for (k = 0; k < n; k++)
			add_row(hp, i, l[k].off, l[k].len, hp->kw > 0 && k == 0);
		free(l);
	}
}

/* Draws row R at line Y. */
static void
draw_row(struct ui *ui, WINDOW *win, int y, const struct help *hp,
    const struct hrow *r, int w)
{
	const struct hentry *e = &hp->e[r->e];
	attr_t ta = ui->attr[(long)r->e == hp->match ? CFG_search : CFG_normal];

	wmove(win, y, 0);
	if (e->head) {
		ui_str(ui, win, e->text, w, ui->attr[CFG_group]);
		return;
	}
	ui_pad(win, 2, A_NORMAL);
	if (r->first && hp->kw == 0) {	/* stacked: the keys alone */
		ui_str(ui, win, e->left, w - 2, ui->attr[CFG_key]);
		return;
	}
	if (r->first)
		ui_pad(win, hp->kw + 1 - ui_str(ui, win, e->left, hp->kw,
		    ui->attr[CFG_key]), A_NORMAL);
	else	/* under the text's first row: beside the keys, or indented */
		ui_pad(win, hp->kw > 0 ? hp->kw + 1 : 2, A_NORMAL);
	ui_text(ui, win, e->text + r->off, r->len, w, ta);
}

/* Draws the rows from the top, one section after another. */
static void
help_draw(struct ui *ui, WINDOW *win, int focused)
{
	struct help *hp = ui->view[PANE_HELP];
	int w = getmaxx(win), h = getmaxy(win), y;
	size_t top;

	(void)focused;
	if (hp->built_w != w)
		build_rows(ui, hp, w);
	hp->sc.height = h - 1;
	hp->sc.n = hp->nrows;
	ui_scroll_clamp(&hp->sc);
	top = hp->sc.top;
	ui_line(ui, win, 0, 0, " tread help  (q or Esc closes, / searches, "
	    "n/N next/previous; see tread(1))", w, ui->attr[CFG_header]);
	for (y = 1; y < h && top + (size_t)y - 1 < hp->nrows; y++)
		draw_row(ui, win, y, hp, &hp->rows[top + (size_t)y - 1], w);
}

/* Does S hold NEEDLE, ignoring case and diacritics as the reader's
 * search does? */
static int
has_text(const char *s, const char *needle)
{
	size_t len = s != NULL ? strlen(s) : 0, p;

	for (p = 0; p < len; p = text_search_next(s, len, p))
		if (text_search_at(s, len, p, needle) > 0)
			return 1;
	return 0;
}

/* Does entry I match the search? */
static int
entry_matches(const struct help *hp, size_t i)
{
	return hp->search[0] != '\0' && (has_text(hp->e[i].left, hp->search) ||
	    has_text(hp->e[i].text, hp->search));
}

/* Shows entry E: the top at its first row. */
static void
show_entry(struct help *hp, size_t e)
{
	size_t r;

	for (r = 0; r < hp->nrows; r++)
		if (hp->rows[r].e == e) {
			hp->sc.top = r;	/* clamped at draw */
			return;
		}
}

/* Goes to the next match from entry FROM (DIR 1 forward, -1 back, 0 FROM
 * itself first), around the end; says which of how many. */
static void
search_go(struct ui *ui, size_t from, int dir)
{
	struct help *hp = ui->view[PANE_HELP];
	size_t i, k, n = 0, at = 0, e;

	for (i = 0; i < hp->ne; i++)
		n += entry_matches(hp, i);
	hp->match = -1;
	if (n == 0) {
		if (hp->search[0] != '\0')
			ui_message(ui, 1, "no match for '%s'", hp->search);
		return;
	}
	for (k = 0, e = from; k < hp->ne; k++) {
		size_t step = (dir == 0 ? k : k + 1) % hp->ne;

		e = dir < 0 ? (from + hp->ne - step) % hp->ne :
		    (from + step) % hp->ne;
		if (entry_matches(hp, e))
			break;
	}
	for (i = 0; i <= e; i++)
		at += entry_matches(hp, i);
	hp->match = (long)e;
	show_entry(hp, e);
	ui_message(ui, 0, "match %zu of %zu", at, n);
}

/* The help search line, live: the first match from where the search
 * began; Esc goes back there. */
static int
search_change(struct ui *ui, const char *text, int done)
{
	struct help *hp = ui->view[PANE_HELP];

	snprintf(hp->search, sizeof hp->search, "%s", text);
	hp->sc.top = hp->search_top;
	if (done == -1) {
		hp->match = -1;
		return UI_REDRAW;
	}
	search_go(ui, hp->sc.top < hp->nrows ? hp->rows[hp->sc.top].e : 0, 0);
	return UI_REDRAW;
}

/* Scrolls and searches; q, Esc and ? close the help; C-c quits; other
 * keys say so and leave the help up. */
static int
help_key(struct ui *ui, enum action a, int ch)
{
	struct help *hp = ui->view[PANE_HELP];

	if (ui_scroll_action(&hp->sc, a))
		return UI_HANDLED | UI_REDRAW;
	switch (a) {
	case ACT_HELP_CLOSE:
	case ACT_HELP:
		hp->match = -1;	/* the next opening starts at the top */
		hp->sc.top = 0;
		return UI_HANDLED | UI_CLOSE;
	case ACT_QUIT:
		return UI_HANDLED | UI_QUIT;
	case ACT_SEARCH:
		hp->search_top = hp->sc.top;
		ui_prompt_start(ui, "Help search: ", "", search_change);
		return UI_HANDLED | UI_REDRAW;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		if (hp->match >= 0)
			search_go(ui, (size_t)hp->match, a == ACT_SEARCH_NEXT ?
			    1 : -1);
		else
			ui_message(ui, 1, "no search yet (/ searches)");
		return UI_HANDLED | UI_REDRAW;
	default:
		if (ch >= 0x20 && ch < 0x7f)
			ui_message(ui, 1, "%c: not a key of help (q or Esc "
			    "closes it)", ch);
		else
			ui_message(ui, 1, "not a key of help (q or Esc "
			    "closes it)");
		return UI_HANDLED | UI_REDRAW;
	}
}

/* The wheel scrolls the help. */
static int
help_mouse(struct ui *ui, int y, int wheel)
{
	(void)y;
	if (wheel != 0)
		ui_scroll_by(&((struct help *)ui->view[PANE_HELP])->sc,
		    wheel * 3, 0);
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
