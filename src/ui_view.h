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

/* What a key handler asks of the main loop (OR'ed). */
#define UI_HANDLED	0x01	/* the key was used */
#define UI_REDRAW	0x02	/* draw the panes again */
#define UI_LAYOUT	0x04	/* recompute the windows */
#define UI_FILTER	0x08	/* re-evaluate the filter */
#define UI_QUIT		0x10
#define UI_FULL		0x20	/* redraw the terminal from scratch */

/* The views; the first three are panes with a window of their own. */
enum ui_pane { PANE_LIST, PANE_READER, PANE_THEMES, PANE_HELP, PANE_TIMELINE,
    PANE_N };

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
};

extern const struct view_ops ui_list_ops, ui_reader_ops, ui_themes_ops,
    ui_help_ops, ui_timeline_ops;

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
	int		 help;		/* the help view is up */
	int		 timeline;	/* the timeline view is up */
	int		 fold;		/* the list shows one row per story */
	int		 too_small;

	/* The list as shown: filter, sort, rows, counts (listmodel.h). */
	struct listmodel lm;

	struct prompt	 prompt;
	char		 msg[256];
	int		 msg_err;

	/* Views' private state. */
	void		*list, *reader, *themes, *helpv, *timelinev;
	void		*people;	/* ui_people.c */
	void		*cmd;		/* ui_cmd.c */
};

/* ui.c: the message line, the filter, the state key of an article. */
void	 ui_message(struct ui *, int error, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
int	 ui_filter(struct ui *);	/* re-evaluates the filter */
const char *ui_article_key(struct ui *, size_t art);

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

/* ui_list.c: the cursor row, the article under it, opening it. */
size_t	 ui_list_cursor(struct ui *);
void	 ui_list_set_cursor(struct ui *, size_t row);
int	 ui_selected_article(struct ui *, size_t *art);
int	 ui_open_article(struct ui *, size_t row);	/* UI_* flags */

/* ui_timeline.c: theme T's articles per month over the corpus's span as
 * a sparkline of at most COLS cells at the cursor; returns the columns
 * used. */
int	 ui_theme_spark(struct ui *, WINDOW *, size_t t, int cols, attr_t);

/* ui_stories.c: keeps the first of ROWS[0..N) of each story (ROWS
 * compacted; returns how many), and draws article ART's story badges
 * ("[en pl] (2) ") in at most COLS columns, returning the columns used. */
size_t	 ui_stories_fold(struct ui *, size_t *rows, size_t n);
int	 ui_stories_badges(struct ui *, WINDOW *, size_t art, int cols,
	    attr_t attr, attr_t count_attr);

/* ui_people.c: the People & places group of the themes panel: how many
 * entities (made for the corpus shown on first use), drawing entity K at
 * row Y, toggling it, the filter's counts (after each filter change),
 * its terms for the filter ("entity:a entity:b"; returns whether any),
 * clearing the selection, freeing. */
struct buf;
size_t	 ui_people_n(struct ui *);
void	 ui_people_draw(struct ui *, WINDOW *, int y, size_t k, int cursor,
	    int focused);
int	 ui_people_toggle(struct ui *, size_t k);
void	 ui_people_count(struct ui *);
int	 ui_people_compose(const struct ui *, struct buf *);
void	 ui_people_clear(struct ui *);
void	 ui_people_free(struct ui *);

/* ui_reader.c: the article shown (-1: none) and its saved position. */
void	 ui_reader_show(struct ui *, long art);
long	 ui_reader_article(struct ui *);
void	 ui_reader_save_pos(struct ui *);

#endif
