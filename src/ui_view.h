/* ui_view.h: the reader's shared state and the interface every view has. */
#ifndef TREAD_UI_VIEW_H
#define TREAD_UI_VIEW_H

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "keys.h"
#include "listmodel.h"

/* "s" after a count other than one: "%zu article%s", n, PLURAL(n). */
#define PLURAL(n)	((n) == 1 ? "" : "s")

struct ui;
struct corpus;
struct options;
struct lexicon;
struct state;
struct history;

/* A character key above KEY_MIN is passed as UI_WCHAR | code point, so
 * it cannot be mistaken for a function key. */
#define UI_WCHAR	0x1000000

/* What a key handler asks of the main loop (OR'ed). A view never calls
 * another view: it returns a request and the loop does it (ui_request),
 * with the request's argument in ui->req. */
#define UI_HANDLED	0x01	/* the key was used */
#define UI_REDRAW	0x02	/* draw the panes again */
#define UI_LAYOUT	0x04	/* recompute the windows */
#define UI_FILTER	0x08	/* re-evaluate the filter; then say req.say */
#define UI_QUIT		0x10
#define UI_FULL		0x20	/* redraw the terminal from scratch */
#define UI_OPEN		0x40	/* open list row req.row in the reader */
#define UI_FOCUS	0x80	/* focus pane req.pane */
#define UI_CLOSE	0x100	/* close the overlay view that is up */

/* The views; the first three are panes with a window of their own. */
enum ui_pane { PANE_LIST, PANE_READER, PANE_THEMES, PANE_HELP, PANE_TIMELINE,
    PANE_N };

/* A key hint of the status line: the action's first key and a word;
 * a core hint stays when the filter is cut, the others only fill room
 * it leaves. */
struct hint {
	enum action	 action;
	const char	*label;
	int		 core;
};

/* A view: the same small interface for each one (one per ui_*.c). */
struct view_ops {
	const char *name;
	int	 ctx;					/* CTX_* for keys */
	void	 (*init)(struct ui *);
	void	 (*draw)(struct ui *, WINDOW *, int focused);
	int	 (*key)(struct ui *, enum action, int ch);	/* UI_* */
	void	 (*free)(struct ui *);
	/* A click at row Y of the pane's window, or a wheel step (±1). */
	int	 (*mouse)(struct ui *, int y, int wheel);
	/* The status line's hints while the view has the focus, ending
	 * with { ACT_NONE, NULL }. */
	const struct hint *hints;
};

extern const struct view_ops ui_list_ops, ui_reader_ops, ui_themes_ops,
    ui_help_ops, ui_timeline_ops;

/* One scroller for every pane that scrolls (ui_scroll.c): rows [0, N),
 * the first row shown, and the cursor of the panes that have one. */
enum scroll_kind {
	SCROLL_VIEW,		/* no cursor: the rows move (reader, help) */
	SCROLL_CURSOR,		/* a cursor; the rows follow it (themes) */
	SCROLL_CURSOR_PAGE	/* and a page move scrolls with it (list) */
};
struct scroll {
	enum scroll_kind kind;
	int	 less;		/* a page is the height less these rows */
	size_t	 n;		/* rows */
	size_t	 top;		/* first row shown */
	size_t	 cur;		/* the cursor's row */
	int	 height;	/* rows the last draw showed */
};

/* Applies movement action A (j, PgDn, C-d, G...): 1 when it is one. */
int	 ui_scroll_action(struct scroll *, enum action a);
/* Moves by DELTA rows (a page move when PAGED; the wheel's steps). */
void	 ui_scroll_by(struct scroll *, long delta, int paged);
/* Puts the cursor on ROW, clamped to the rows. */
void	 ui_scroll_set_cursor(struct scroll *, size_t row);
/* Keeps TOP inside the rows (no empty screen below the last one). */
void	 ui_scroll_clamp(struct scroll *);
/* Scrolls the least that shows ROW (the cursor's row, kept in view). */
void	 ui_scroll_show(struct scroll *, size_t row);
/* Shows ROW a third down the pane when it is off screen (a jump). */
void	 ui_scroll_reveal(struct scroll *, size_t row);
/* One past the last row on screen. */
size_t	 ui_scroll_end(const struct scroll *);

/* A rectangle of the screen and its window (NULL when hidden). */
struct pane {
	WINDOW	*win;
	int	 y, x, h, w;
};

/* The line editor of the message area (query and search). */
struct prompt {
	int	 active;
	char	 label[96];	/* "Query: ", "Search: ", a y/n question */
	char	 text[512];
	size_t	 len, cur;	/* bytes; cursor at a character boundary */
	char	 saved[512];	/* the text before editing, for Esc */
	/* Called after each edit (live) and at the end (DONE: 1 keep,
	 * -1 cancelled). Returns UI_* flags. */
	int	 (*change)(struct ui *, const char *text, int done);
	/* Optional (ui_prompt_extras): Tab completes the line; Up/Down
	 * walk HIST (a kept line is added to it and saved); a y/n question
	 * (CONFIRM) takes one key: y is "keep", any other "cancel". */
	int	 (*complete)(struct ui *, struct prompt *);
	struct history *hist;
	size_t	 hpos;		/* the history entry shown (n: the draft) */
	char	 draft[512];	/* the line typed before walking it */
	int	 confirm;
};

struct ui {
	const struct options *opts;
	struct corpus	*c;
	const struct lexicon *lex;
	struct config	 cfg;
	struct state	*st;
	int		 utf8;		/* the terminal takes UTF-8 */
	int		 color;		/* colours in use (else monochrome) */
	attr_t		 attr[CFG_NELEM];
	int		 h, w;		/* the terminal */
	struct pane	 pane[PANE_N];
	struct pane	 status, message;
	int		 focus;		/* PANE_LIST/READER/THEMES */
	int		 zoom;		/* the focused pane fills the screen */
	int		 side;		/* the themes panel is wanted */
	unsigned	 up;		/* bit P: overlay view P is up */
	int		 meta_full;	/* the reader shows all metadata */
	long		 shown;		/* the reader's article, or -1 */
	int		 fold;		/* the list shows one row per story */
	int		 too_small;

	/* The list as shown: filter, sort, rows, counts (listmodel.h), and
	 * its cursor, which the list draws and the reader follows. */
	struct listmodel lm;
	struct scroll	 sel;
	/* The filter's articles in list order before the story fold (the
	 * rows when not folded): what ] walks and the status counts. */
	size_t		*arts;
	size_t		 narts;

	/* A view's request to the loop (UI_OPEN, UI_FOCUS, UI_FILTER). */
	struct request {
		size_t	 row;		/* UI_OPEN: the list row */
		long	 art;		/* UI_OPEN: its article, or -1 for the
					   row's (another of its story) */
		int	 pane;		/* UI_FOCUS */
		char	 say[192];	/* UI_FILTER: "SAY: N articles" after */
	} req;

	struct prompt	 prompt;
	char		 msg[256];
	int		 msg_err;

	/* Views' private state, by pane (init makes it, free frees it). */
	void		*view[PANE_N];
	void		*people;	/* ui_people.c */
	void		*cmd;		/* ui_cmd.c */
	void		*spark;		/* ui_spark.c */
	uint64_t	*readbits;	/* ui_marks.c: bit per article */
	size_t		 nread;		/* bits set in readbits */
	int		 first_out;	/* the first screen was drawn */
};

/* ui.c: the message line, the state key of an article, the article
 * under the list cursor (0 when none). */
void	 ui_message(struct ui *, int error, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
const char *ui_article_key(struct ui *, size_t art);
int	 ui_selected_article(struct ui *, size_t *art);

/* ui_marks.c: read marks. ui_marks_load looks up every article of
 * ui->c (after each new corpus); ui_is_read and ui_set_read are one bit
 * (the second also tells the state); ui_unread counts the unread of the
 * N articles V. */
void	 ui_marks_load(struct ui *);
void	 ui_marks_free(struct ui *);
int	 ui_is_read(const struct ui *, size_t art);
void	 ui_set_read(struct ui *, size_t art, int read);
size_t	 ui_unread(const struct ui *, const size_t *v, size_t n);

/* ui_prompt.c: the line editor (CHANGE is called live and at the end). */
void	 ui_prompt_start(struct ui *, const char *label, const char *init,
	    int (*change)(struct ui *, const char *, int));
int	 ui_prompt_key(struct ui *, int ch);
void	 ui_prompt_draw(struct ui *, WINDOW *);
/* ... with Tab completion (COMPLETE may be NULL) and history (HIST may
 * be NULL), set after ui_prompt_start. */
void	 ui_prompt_extras(struct ui *, int (*complete)(struct ui *,
	    struct prompt *), struct history *hist);
/* A y/n question on the message line: CHANGE gets done 1 for y. */
void	 ui_prompt_confirm(struct ui *, const char *question,
	    int (*change)(struct ui *, const char *, int));

/* ui.c: runs action A as its key would, in the view that has the focus
 * (the : line runs actions by name). Returns UI_* flags, 0: nothing. */
int	 ui_action(struct ui *, enum action a, int ch);

/* ui_cmd.c: the : command line, s | v and the editor key, jumps by
 * number, mark all read, the query history and the filter's undo.
 * ui_cmd_action runs those actions (0: none of them); ui_cmd_query
 * gives the query line its history; ui_cmd_filtered notes each filter
 * change for undo. */
void	 ui_cmd_init(struct ui *);
void	 ui_cmd_free(struct ui *);
int	 ui_cmd_action(struct ui *, enum action a, int ch);
void	 ui_cmd_query(struct ui *);
void	 ui_cmd_filtered(struct ui *);
/* The corpus shown was replaced under the same filter (its themes may
 * differ): the filter as it is now, no step to undo. */
void	 ui_cmd_rebase(struct ui *);

/* ui_status.c: draws the status line, with the hints of OPS (the view
 * that takes the keys). */
void	 ui_status_draw(struct ui *, WINDOW *, const struct view_ops *ops);

/* ui_spark.c: theme T's articles per month over the corpus's span as
 * a sparkline of at most COLS cells at the cursor; returns the columns
 * used. Freeing its counts. */
int	 ui_theme_spark(struct ui *, WINDOW *, size_t t, int cols, attr_t);
/* Are the sparklines held back from the first screen (ui_later), drawn
 * blank until the screen right after? */
int	 ui_spark_held(struct ui *);
void	 ui_spark_free(struct ui *);
/* Each article's month (timeline_periods, BY_MONTH), parsed once per
 * corpus; valid until the corpus changes. */
const int32_t *ui_months(struct ui *);

/* ui_stories.c: keeps the first of ROWS[0..N) of each story (ROWS
 * compacted; returns how many), and draws article ART's story badges
 * ("[en pl] (2) ") in at most COLS columns, returning the columns used. */
size_t	 ui_stories_fold(struct ui *, size_t *rows, size_t n);
/* The article after (DIR 1) or before (-1) ART in its story, in the
 * filter's list order (ui->arts), or -1: ] and [ in the story fold. */
long	 ui_stories_next(struct ui *, size_t art, int dir);
int	 ui_stories_badges(struct ui *, WINDOW *, size_t art, int cols,
	    attr_t attr, attr_t count_attr);

/* ui_people.c: the People & places group of the themes panel: how many
 * entities (made for the corpus shown on first use), drawing entity K at
 * row Y, toggling it, the filter's counts (after each filter change),
 * its selection for the list model's filter, clearing the selection,
 * freeing. */
size_t	 ui_people_n(struct ui *);
/* Is this the first screen of a big corpus (TREAD_TEST_PEOPLE_LATER
 * articles or more, 20000 unless set), which holds back what reads every
 * article (the group, the sparklines) for the screen right after? */
int	 ui_later(struct ui *);
/* Is the group held back from the first screen (ui_later), to be made
 * by the draw after it? */
int	 ui_people_held(struct ui *);
void	 ui_people_draw(struct ui *, WINDOW *, int y, size_t k, int cursor,
	    int focused);
int	 ui_people_toggle(struct ui *, size_t k);
/* After a filter: the group's counts are asked again as drawn. */
void	 ui_people_count(struct ui *);
/* Gives the list model the selected entities (none when the group is
 * of another corpus). */
void	 ui_people_select(struct ui *);
void	 ui_people_clear(struct ui *);
void	 ui_people_free(struct ui *);

/* ui.c: wakes the main loop's poll (from any thread); shows corpus
 * FRESH (taken) in place of the one shown, keeping the filter, the
 * theme selection and the selected article when it is still there. */
void	 ui_wake(void);
void	 ui_take_corpus(struct ui *, struct corpus *fresh);

/* ui_load.c: the cold start's load on a thread of its own (a corpus
 * corpus_pending): begun before the first screen (a small corpus is
 * shown whole), polled by the key loop (1: an event for
 * ui_load_event, which shows the articles read so far or at the end
 * the whole corpus), stopped and taken at the end (ui_load_end), and
 * its files done for the status line. */
int	 ui_load_begin(struct ui *);
int	 ui_load_poll(void);
int	 ui_load_event(struct ui *);
void	 ui_load_end(struct ui *);
void	 ui_load_describe(const struct ui *, struct buf *);

/* ui_reader.c, for the main loop: the article shown (-1: none) and
 * saving its position. */
void	 ui_reader_show(struct ui *, long art);
void	 ui_reader_save_pos(struct ui *);

#endif
