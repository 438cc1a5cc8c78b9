/* ui.c: screen set-up, the main loop, layout, focus, filter and resize. */
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <term.h>
#include <unistd.h>

#include "corpus.h"
#include "decode.h"
#include "fault.h"
#include "options.h"
#include "paths.h"
#include "query.h"
#include "state.h"
#include "ui.h"
#include "ui_draw.h"
#include "ui_view.h"
#include "util.h"

#define MIN_W	10	/* below this (or 3 rows) only a notice is shown */
#define MIN_H	3
#define KEY_GONE (-2)	/* getkey: terminal closed or a quit signal */
#define KEY_CHECKED (-3) /* getkey: the background check has finished */
#define KEY_LOADING (-4) /* getkey: the cold start's load has news */

/* Where the layout puts a pane: the list at the top (beside the side
 * panel), the reader below, or over the whole main area while the
 * view's bit of ui->up is set (help, timeline). */
enum slot { SLOT_TOP, SLOT_BOTTOM, SLOT_SIDE, SLOT_OVERLAY };

/* The panes: a new one is its view file (ui_*.c, keeping its state in
 * ui->view[P] and asking the loop for the rest with UI_* requests), its
 * PANE_ value and ops in ui_view.h, and one row here; layout, focus,
 * drawing, keys and mouse follow the table. */
static const struct pane_def {
	const struct view_ops *ops;
	enum slot	 slot;
	enum action	 open;	/* SLOT_OVERLAY: the action that brings it up */
} pane_table[PANE_N] = {
	[PANE_LIST] =		{ &ui_list_ops, SLOT_TOP, ACT_NONE },
	[PANE_READER] =		{ &ui_reader_ops, SLOT_BOTTOM, ACT_NONE },
	[PANE_THEMES] =		{ &ui_themes_ops, SLOT_SIDE, ACT_NONE },
	[PANE_HELP] =		{ &ui_help_ops, SLOT_OVERLAY, ACT_HELP },
	[PANE_TIMELINE] =	{ &ui_timeline_ops, SLOT_OVERLAY, ACT_TIMELINE },
};
#define panes_ops(p)	(pane_table[p].ops)

/* The overlay view that is up (its flag set), or -1. */
static int
overlay_up(const struct ui *ui)
{
	int p;

	for (p = 0; p < PANE_N; p++)
		if (pane_table[p].slot == SLOT_OVERLAY && (ui->up & 1u << p))
			return p;
	return -1;
}

/* The pane of SLOT (the first in the table), or -1. */
static int
slot_pane(enum slot slot)
{
	int p;

	for (p = 0; p < PANE_N; p++)
		if (pane_table[p].slot == slot)
			return p;
	return -1;
}

/* Globals: set by the signal handlers below (got_signal, got_winch)
 * and written to by them (sig_pipe, to wake poll). */
static volatile sig_atomic_t got_signal;
/* SIGWINCH arrived: the loop resizes (ours, not ncurses' handler, so that
 * the screen never changes size inside doupdate under windows laid out
 * for the old size: ncurses then read outside its lines, a soak find). */
static volatile sig_atomic_t got_winch;
static int sig_pipe[2] = { -1, -1 };

/* The check of a corpus shown from the cache's snapshot against the
 * files, on a thread of its own (corpus_refresh): the first screen needs
 * no stat of 100,000 files, and a change still shows up a moment later. */
struct check {
	pthread_t	 tid;
	int		 running;	/* started, not yet joined */
	int		 changed;	/* FRESH holds the files as they are */
	struct corpus	 fresh;
};
static struct check check;	/* global: one check thread, as below */
static atomic_int check_done;	/* set by the thread; wakes poll */

/* SIGTERM, SIGHUP, SIGINT: ask the loop to save and leave. */
static void
on_signal(int sig)
{
	int save = errno;

	got_signal = sig;
	if (sig_pipe[1] != -1)
		(void)!write(sig_pipe[1], "", 1);
	errno = save;
}

/* SIGWINCH: note it and wake poll. */
static void
on_winch(int sig)
{
	int save = errno;

	(void)sig;
	got_winch = 1;
	if (sig_pipe[1] != -1)
		(void)!write(sig_pipe[1], "", 1);
	errno = save;
}

/* Installs the SIGWINCH handler before the screen starts: ncurses leaves
 * a handler it finds in place alone. */
static void
winch_init(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_winch;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGWINCH, &sa, NULL);
}

/* Takes the terminal's new size (outside any drawing): 1 when it was
 * read and the screen resized. */
static int
winch_take(void)
{
	struct winsize ws;

	got_winch = 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == -1 || ws.ws_row == 0 ||
	    ws.ws_col == 0)
		return 0;
	resizeterm(ws.ws_row, ws.ws_col);
	return 1;
}

/* Installs the quit handlers and the self-pipe that wakes poll(). */
static void
signals_init(void)
{
	struct sigaction sa;
	int i;

	if (pipe(sig_pipe) == 0)
		for (i = 0; i < 2; i++) {
			fcntl(sig_pipe[i], F_SETFL, O_NONBLOCK);
			fcntl(sig_pipe[i], F_SETFD, FD_CLOEXEC);
		}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

void
ui_message(struct ui *ui, int error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof ui->msg, fmt, ap);
	va_end(ap);
	ui->msg_err = error;
}

/* Is pane P shown by the current layout? */
static int
pane_shown(const struct ui *ui, int p)
{
	return ui->pane[p].win != NULL;
}

/* Places pane P at the rectangle and creates its window. */
static void
pane_place(struct ui *ui, struct pane *p, int y, int x, int h, int w)
{
	*p = (struct pane){ NULL, y, x, h, w };
	if (h > 0 && w > 0)
		p->win = newwin(h, w, y, x);
	/* The cursor is hidden: leave it where the output ended rather
	 * than send a move after every update (bytes over SSH). */
	if (p->win != NULL)
		leaveok(p->win, TRUE);
}

/* Which panes fit: the side panel needs 60 columns, the list and the
 * reader together 10 rows; a pane that does not fit but has the focus
 * gets the whole main area. The side panel sits beside the list only:
 * the reader spans the full width, so scrolling it is one terminal
 * scroll with no other pane's rows to repaint (cheap over SSH). */
static void
layout_panes(struct ui *ui, int mh)
{
	int side = ui->side && ui->w >= 60 && !ui->zoom, sw = 0, lh;
	int ps = slot_pane(SLOT_SIDE), pt = slot_pane(SLOT_TOP),
	    pb = slot_pane(SLOT_BOTTOM);

	if (ui->zoom || (!side && ui->focus == ps) ||
	    (mh < 10 && ui->focus != ps)) {
		pane_place(ui, &ui->pane[ui->focus], 0, 0, mh, ui->w);
		return;
	}
	if (side) {	/* side_width, or more on a wide screen */
		sw = ui->w * ui->cfg.side_percent / 100;
		sw = sw > ui->cfg.side_width ? sw : ui->cfg.side_width;
		sw = sw < ui->w / 3 ? sw : ui->w / 3;
	}
	lh = mh < 10 ? mh : mh * ui->cfg.list_percent / 100;
	lh = lh < 3 ? 3 : lh;
	if (side)
		pane_place(ui, &ui->pane[ps], 0, 0, lh, sw);
	pane_place(ui, &ui->pane[pt], 0, sw, lh, ui->w - sw);
	if (mh >= 10)
		pane_place(ui, &ui->pane[pb], lh, 0, mh - lh, ui->w);
}

/* Deletes the windows; before delscreen, which frees every window of
 * the screen (a delwin after it reads freed memory: the soak's find). */
static void
ui_windows_free(struct ui *ui)
{
	int p;

	for (p = 0; p < PANE_N; p++) {
		if (ui->pane[p].win != NULL)
			delwin(ui->pane[p].win);
		ui->pane[p].win = NULL;
	}
	if (ui->status.win != NULL)
		delwin(ui->status.win);
	if (ui->message.win != NULL)
		delwin(ui->message.win);
	ui->status.win = ui->message.win = NULL;
}

/* The one layout function: every window from the terminal's size. */
static void
ui_layout(struct ui *ui)
{
	int mh, over;

	ui_windows_free(ui);
	memset(ui->pane, 0, sizeof ui->pane);
	ui->h = LINES;
	ui->w = COLS;
	ui->too_small = ui->h < MIN_H || ui->w < MIN_W;
	if (ui->too_small) {
		/* Not on one column: ncurses writes the last cell of the
		 * screen by inserting the one before it, at index -1 there
		 * (an out-of-bounds read found by the soak under valgrind). */
		if (ui->h >= 1 && ui->w >= 2)
			pane_place(ui, &ui->message, 0, 0, 1, ui->w);
		return;
	}
	mh = ui->h - 2;
	pane_place(ui, &ui->status, mh, 0, 1, ui->w);
	pane_place(ui, &ui->message, mh + 1, 0, 1, ui->w);
	if ((over = overlay_up(ui)) >= 0)
		pane_place(ui, &ui->pane[over], 0, 0, mh, ui->w);
	else
		layout_panes(ui, mh);
	/* The focus follows what is shown. */
	if (over < 0 && !pane_shown(ui, ui->focus))
		ui->focus = slot_pane(SLOT_TOP);
}

/* Evaluates the filter again (after a change to it or to the corpus);
 * the cursor stays on its article when the article is still shown. */
static int
ui_filter(struct ui *ui)
{
	size_t art = 0;
	int had = ui_selected_article(ui, &art);
	long r;

	ui_people_select(ui);	/* the People & places selection */
	listmodel_filter(&ui->lm);
	ui_people_count(ui);
	free(ui->arts);
	ui->arts = NULL;
	ui->narts = ui->lm.nrows;
	if (ui->fold) {	/* one row per story (ui_stories.c) */
		ui->arts = xreallocarray(NULL, ui->narts + 1, sizeof *ui->arts);
		memcpy(ui->arts, ui->lm.rows, ui->narts * sizeof *ui->arts);
		ui->lm.nrows = ui_stories_fold(ui, ui->lm.rows, ui->lm.nrows);
	}
	r = had ? listmodel_row_of(&ui->lm, art) : -1;
	ui->sel.n = ui->lm.nrows;
	ui_scroll_set_cursor(&ui->sel, r >= 0 ? (size_t)r : 0);
	ui_cmd_filtered(ui);	/* for undo */
	return UI_REDRAW;
}

int
ui_selected_article(struct ui *ui, size_t *art)
{
	if (ui->lm.nrows == 0 || ui->sel.cur >= ui->lm.nrows)
		return 0;
	*art = ui->lm.rows[ui->sel.cur];
	return 1;
}

/* Shows article ART (-1: none) in the reader, if it is not shown. */
static void
reader_show(struct ui *ui, long art)
{
	if (art == ui->shown)
		return;
	ui_reader_show(ui, art);
	ui->shown = art;
}

/* The preview: while the list or the themes panel has the focus, the
 * reader shows the article under the list's cursor ([layout] preview),
 * without marking it read; only opening it (Enter) does. */
static void
preview(struct ui *ui)
{
	size_t art;

	if (!ui->cfg.preview || ui->focus == PANE_READER ||
	    !pane_shown(ui, PANE_READER))
		return;
	reader_show(ui, ui_selected_article(ui, &art) ? (long)art : -1);
}

/* Opens list row ROW in the reader, which takes the focus: its article,
 * or ART when not -1 (another article of the row's story). */
static int
open_row(struct ui *ui, size_t row, long art_of)
{
	size_t art;

	if (row >= ui->lm.nrows)
		return UI_REDRAW;
	ui_scroll_set_cursor(&ui->sel, row);
	art = art_of >= 0 ? (size_t)art_of : ui->lm.rows[row];
	reader_show(ui, (long)art);
	if (ui->cfg.mark_read)
		ui_set_read(ui, art, 1);
	ui->focus = PANE_READER;
	return UI_LAYOUT | UI_REDRAW;
}

const char *
ui_article_key(struct ui *ui, size_t art)
{
	return ui->c->v[art].path;
}

/* The message line: the prompt while editing, else the last message. */
static void
draw_message(struct ui *ui)
{
	WINDOW *win = ui->message.win;

	werase(win);
	if (ui->too_small) {
		wmove(win, 0, 0);
		ui_str(ui, win, "terminal too small", ui->w, ui->attr[CFG_error]);
	} else if (ui->prompt.active)
		ui_prompt_draw(ui, win);
	else if (ui->msg[0] != '\0') {
		wmove(win, 0, 0);
		ui_str(ui, win, ui->msg, ui->w, ui->attr[ui->msg_err ?
		    CFG_error : CFG_message]);
	}
}

/* One drawing pass: every window to the virtual screen, then a single
 * doupdate() so only the changed cells reach the terminal. */
static void
ui_draw(struct ui *ui)
{
	int p;

	wnoutrefresh(stdscr);
	for (p = 0; p < PANE_N && !ui->too_small; p++) {
		if (ui->pane[p].win == NULL)
			continue;
		werase(ui->pane[p].win);
		panes_ops(p)->draw(ui, ui->pane[p].win, p == ui->focus ||
		    pane_table[p].slot == SLOT_OVERLAY);
		wnoutrefresh(ui->pane[p].win);
	}
	if (ui->status.win != NULL) {
		ui_status_draw(ui, ui->status.win, panes_ops(overlay_up(ui) >= 0 ?
		    overlay_up(ui) : ui->focus));
		wnoutrefresh(ui->status.win);
	}
	if (ui->message.win != NULL) {
		leaveok(ui->message.win, !ui->prompt.active);
		draw_message(ui);
		wnoutrefresh(ui->message.win);
	}
	curs_set(ui->prompt.active && !ui->too_small ? 1 : 0);
	doupdate();
}

/* The next key, waiting in poll() (no busy loop): a getch() code,
 * UI_WCHAR|code point, or KEY_GONE on a quit signal or a closed
 * terminal. SIGWINCH interrupts poll and KEY_RESIZE follows. */
static int
ui_getkey(void)
{
	struct pollfd pf[2];
	char drain[64];
	int r, idle = 0;
	wint_t wc;

	for (;;) {
		if (got_signal)
			return KEY_GONE;
		if (got_winch && winch_take())
			return KEY_RESIZE;
		if (atomic_exchange(&check_done, 0))
			return KEY_CHECKED;
		if (ui_load_poll())
			return KEY_LOADING;
		r = wget_wch(stdscr, &wc);
		if (r == KEY_CODE_YES)
			return (int)wc;
		if (r == OK)
			return wc < KEY_MIN ? (int)wc : (int)(wc | UI_WCHAR);
		pf[0] = (struct pollfd){ STDIN_FILENO, POLLIN, 0 };
		pf[1] = (struct pollfd){ sig_pipe[0], POLLIN, 0 };
		r = poll(pf, sig_pipe[0] != -1 ? 2 : 1, -1);
		if (r == -1 && errno != EINTR)
			return KEY_GONE;
		if (r > 0 && sig_pipe[0] != -1 && (pf[1].revents & POLLIN))
			while (read(sig_pipe[0], drain, sizeof drain) > 0)
				;
		if (r > 0 && (pf[0].revents & (POLLHUP | POLLERR | POLLNVAL)))
			return KEY_GONE;
		/* Readable, yet curses reads nothing: end of input. */
		if (r > 0 && (pf[0].revents & POLLIN) && ++idle > 8)
			return KEY_GONE;
	}
}

/* Stops like any job (Ctrl-Z arrives as a key in raw mode) and comes
 * back with the whole screen redrawn. */
static int
ui_suspend(struct ui *ui)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	endwin();
	sigaction(SIGTSTP, &sa, &old);
	kill(0, SIGTSTP);
	sigaction(SIGTSTP, &old, NULL);
	reset_prog_mode();
	clearok(curscr, TRUE);
	return UI_FULL | UI_LAYOUT | UI_REDRAW;
}

/* Lowers the calling thread's priority (on Linux nice is per thread, and
 * the threads it starts inherit it), so that background work on the
 * other core never takes a frame from the keys. */
static void
thread_nice(void)
{
#ifdef __linux__
	(void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
#endif
}

/* The background check: what the thread does. */
static void *
check_thread(void *arg)
{
	struct ui *ui = arg;

	thread_nice();
	check.changed = corpus_refresh(&check.fresh, ui->c, ui->opts->paths,
	    ui->opts->npaths, ui->opts->load_flags);
	atomic_store(&check_done, 1);
	if (sig_pipe[1] != -1)
		(void)!write(sig_pipe[1], "", 1);
	return NULL;
}

/* Starts the check when the corpus came from the snapshot unchecked.
 * Signals stay with the main thread (SIGWINCH must interrupt its poll). */
static void
check_start(struct ui *ui)
{
	sigset_t all, old;

	if (!corpus_trusted(ui->c))
		return;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	check.running = pthread_create(&check.tid, NULL, check_thread, ui) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* Waits for the check; with DISCARD drops what it loaded. 1 when it
 * found the files changed and FRESH is to be shown. */
static int
check_join(int discard)
{
	if (!check.running)
		return 0;
	pthread_join(check.tid, NULL);
	check.running = 0;
	if (check.changed && discard) {
		corpus_free(&check.fresh);
		check.changed = 0;
	}
	return check.changed;
}

void
ui_wake(void)
{
	if (sig_pipe[1] != -1)
		(void)!write(sig_pipe[1], "", 1);
}

/* Shows FRESH (a reload's, the check's or the cold start's corpus) in
 * place of the old one, keeping the theme selection and, when they still
 * exist, the selected and the open article. */
static void
ui_swap(struct ui *ui, struct corpus *fresh)
{
	char **ids, *path = NULL, *open = NULL;
	size_t n = 0, art;
	long found;

	if (ui_selected_article(ui, &art))
		path = xstrdup(ui->c->v[art].path);
	if (ui->shown >= 0 && (size_t)ui->shown < ui->c->n)
		open = xstrdup(ui->c->v[ui->shown].path);
	ui_reader_save_pos(ui);
	ui_reader_show(ui, -1);
	ui->shown = -1;
	ids = listmodel_selected_ids(&ui->lm, &n);
	corpus_free(ui->c);
	*ui->c = *fresh;
	/* what was made for the old corpus goes with it, even when the new
	 * one's articles come at the same address */
	ui_spark_free(ui);
	ui_people_free(ui);
	listmodel_reset(&ui->lm, ui->c, ids, n);
	ui_marks_load(ui);
	while (n > 0)
		free(ids[--n]);
	free(ids);
	ui_cmd_rebase(ui);	/* a new corpus is no filter change */
	ui_filter(ui);
	found = path != NULL ? corpus_find(ui->c, path) : -1;
	found = found >= 0 ? listmodel_row_of(&ui->lm, (size_t)found) : -1;
	if (found >= 0)
		ui_scroll_set_cursor(&ui->sel, (size_t)found);
	free(path);
	/* the article being read stays open (a cold start swaps in the
	 * list several times a second), where it was */
	if (open != NULL && (found = corpus_find(ui->c, open)) >= 0)
		reader_show(ui, found);
	free(open);
}

void
ui_take_corpus(struct ui *ui, struct corpus *fresh)
{
	ui_swap(ui, fresh);
}

/* ui_swap, with a message. */
static int
ui_reload(struct ui *ui, struct corpus *fresh)
{
	ui_swap(ui, fresh);
	ui_message(ui, 0, "files changed: %zu articles", ui->c->n);
	return UI_REDRAW;
}

/* A reload's progress on the message line (called on this thread while
 * the files are read): the old list stays on screen, and the wait says
 * what it is for. */
static void
reload_progress(void *arg, const struct corpus_progress *p)
{
	struct ui *ui = arg;
	const char *slow = getenv("TREAD_TEST_SLOW_LOAD");

	if (ui->message.win == NULL || ui->too_small)
		return;
	if (p->stage == CORPUS_CHECKING)
		ui_message(ui, 0, "reloading: checking %zu files", p->total);
	else if (p->stage != CORPUS_DONE)
		ui_message(ui, 0, "reloading: %s %zu/%zu files",
		    p->stage == CORPUS_READING ? "reading" : "indexing",
		    p->done, p->total);
	draw_message(ui);
	wnoutrefresh(ui->message.win);
	doupdate();
	if (slow != NULL)	/* tests: each step stays to be seen */
		napms((int)strtoul(slow, NULL, 10) % 10000);
}

/* r: every file read again into a new corpus, then shown in place of
 * the old one (kept on screen meanwhile), with a message. */
static int
ui_reread(struct ui *ui)
{
	struct corpus fresh;

	corpus_load_watch(&fresh, ui->opts->paths, ui->opts->npaths, ui->lex,
	    ui->opts->load_flags, reload_progress, ui);
	ui_swap(ui, &fresh);
	ui_message(ui, 0, "reloaded: %zu article%s", ui->c->n,
	    PLURAL(ui->c->n));
	return UI_REDRAW;
}

/* The check has finished: the changed files are shown, with a message. */
static int
check_finish(struct ui *ui)
{
	int r;

	if (!check_join(0))
		return 0;
	r = ui_reload(ui, &check.fresh);
	memset(&check.fresh, 0, sizeof check.fresh);
	check.changed = 0;
	return r;
}

/* The next pane in focus order that can be shown (+1 or -1). */
static int
next_focus(struct ui *ui, int dir)
{
	int f = ui->focus, i;

	for (i = 0; i < PANE_N; i++) {
		f = (f + dir + PANE_N) % PANE_N;
		if (pane_table[f].slot != SLOT_OVERLAY &&
		    (pane_table[f].slot != SLOT_SIDE || ui->side))
			return f;
	}
	return ui->focus;
}

/* The query line's live callback: every edit narrows the list. */
static int
query_change(struct ui *ui, const char *text, int done)
{
	snprintf(ui->lm.query, sizeof ui->lm.query, "%s", text);
	ui_filter(ui);
	if (ui->lm.qerr[0] != '\0' && done != -1)
		ui_message(ui, 1, "query: %s", ui->lm.qerr);
	else if (done == 1)
		ui_message(ui, 0, "%zu article%s match%s", ui->lm.nrows,
		    PLURAL(ui->lm.nrows), ui->lm.nrows == 1 ? "es" : "");
	return UI_REDRAW;
}

/* Moves to the next (DIR 1) or previous (-1) unread row from the
 * cursor; in the reader it opens it, as newsboat's n does. */
static int
unread_jump(struct ui *ui, int dir)
{
	size_t r = ui->sel.cur, n = ui->lm.nrows;

	while (n > 0 && (dir > 0 ? r + 1 < n : r > 0)) {
		r = dir > 0 ? r + 1 : r - 1;
		if (ui_is_read(ui, ui->lm.rows[r]))
			continue;
		if (ui->focus == PANE_READER)
			return open_row(ui, r, -1);
		ui_scroll_set_cursor(&ui->sel, r);
		return UI_REDRAW;
	}
	ui_message(ui, 0, "no %s unread article", dir > 0 ? "later" :
	    "earlier");
	return UI_REDRAW;
}

/* Filter actions that work from every pane. */
static int
ui_filter_action(struct ui *ui, enum action a)
{
	switch (a) {
	case ACT_THEME_MODE:
		ui->lm.all_of = !ui->lm.all_of;
		ui_message(ui, 0, "themes: %s", ui->lm.all_of ? "all of the "
		    "selected" : "any of the selected");
		break;
	case ACT_CLEAR:
		memset(ui->lm.tsel, 0, ui->c->nthemes);
		ui_people_clear(ui);
		ui->lm.query[0] = '\0';
		ui->lm.lang = -1;
		ui_message(ui, 0, "filter cleared");
		break;
	case ACT_LANG:
		ui->lm.lang = ui->lm.lang + 1 >= (int)ui->lm.nlangs ? -1 : ui->lm.lang + 1;
		ui_message(ui, 0, "language: %s", ui->lm.lang < 0 ? "all" :
		    ui->lm.langs[ui->lm.lang]);
		break;
	case ACT_SORT:
		ui->lm.sort = (ui->lm.sort + 1) % SORT_N;
		break;
	case ACT_REVERSE:
		ui->lm.reverse = !ui->lm.reverse;
		break;
	case ACT_FOLD:
		ui->fold = !ui->fold;
		ui_message(ui, 0, "%s", ui->fold ? "stories: one row each" :
		    "stories expanded");
		break;
	default:
		return 0;
	}
	return ui_filter(ui) | UI_HANDLED;
}

/* Brings up the overlay view that action A opens: 1 when there is one. */
static int
overlay_open(struct ui *ui, enum action a)
{
	int p;

	for (p = 0; p < PANE_N; p++)
		if (pane_table[p].slot == SLOT_OVERLAY && pane_table[p].open == a) {
			ui->up |= 1u << p;
			return 1;
		}
	return 0;
}

/* Actions that belong to no pane. */
static int
ui_global(struct ui *ui, enum action a)
{
	int r;

	if ((r = ui_filter_action(ui, a)) != 0)
		return r;
	if (overlay_open(ui, a))
		return UI_LAYOUT | UI_REDRAW;
	switch (a) {
	case ACT_FOCUS_NEXT:
	case ACT_FOCUS_PREV:
		ui->focus = next_focus(ui, a == ACT_FOCUS_NEXT ? 1 : -1);
		return UI_LAYOUT | UI_REDRAW;
	case ACT_QUERY:
		ui_prompt_start(ui, "Query: ", ui->lm.query, query_change);
		ui_cmd_query(ui);	/* its history */
		return UI_REDRAW;
	case ACT_ZOOM:
		ui->zoom = !ui->zoom;
		return UI_LAYOUT | UI_REDRAW;
	case ACT_META:
		ui->meta_full = !ui->meta_full;
		return UI_REDRAW;
	case ACT_SIDE:
		ui->side = !ui->side;
		if (!ui->side && ui->focus == PANE_THEMES)
			ui->focus = PANE_LIST;
		return UI_LAYOUT | UI_REDRAW;
	case ACT_RELOAD:
		check_join(1);	/* the reload reads the files anyway */
		ui_load_end(ui);
		return ui_reread(ui);
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		return UI_FULL | UI_LAYOUT | UI_REDRAW;
	case ACT_SUSPEND:
		return ui_suspend(ui);
	case ACT_NEXT_UNREAD:
	case ACT_PREV_UNREAD:
		return unread_jump(ui, a == ACT_NEXT_UNREAD ? 1 : -1);
	case ACT_QUIT:
		return UI_QUIT;
	default:
		return 0;
	}
}

/* A click focuses the pane and selects the row; the wheel scrolls. */
static int
ui_mouse(struct ui *ui)
{
	MEVENT ev;
	int p, wheel = 0, r;

	if (getmouse(&ev) != OK)
		return 0;
	if (ev.bstate & BUTTON4_PRESSED)
		wheel = -1;
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED)
		wheel = 1;
#endif
	for (p = 0; p < PANE_N; p++) {
		if (ui->pane[p].win == NULL ||
		    !wenclose(ui->pane[p].win, ev.y, ev.x))
			continue;
		r = UI_REDRAW;
		if (wheel == 0 && pane_table[p].slot != SLOT_OVERLAY &&
		    p != ui->focus) {
			ui->focus = p;
			r |= UI_LAYOUT;
		}
		if (panes_ops(p)->mouse != NULL)
			r |= panes_ops(p)->mouse(ui, ev.y - ui->pane[p].y, wheel);
		return r;
	}
	return 0;
}

/* One key: the prompt takes it while editing, then the view that has
 * the focus, then the global actions. Returns UI_* flags. */
static int
ui_key(struct ui *ui, int ch)
{
	int view = overlay_up(ui) >= 0 ? overlay_up(ui) : ui->focus;
	enum action a;

	if (ch == KEY_RESIZE)
		return UI_LAYOUT | UI_REDRAW;
	if (ch == KEY_MOUSE)
		return ui_mouse(ui);
	if (ui->prompt.active)
		return ui_prompt_key(ui, ch);
	ui->msg[0] = '\0';
	if ((a = keys_lookup(ch, panes_ops(view)->ctx)) == ACT_NONE &&
	    view != PANE_HELP) {
		if (ch >= 0x20 && ch < 0x7f)
			ui_message(ui, 1, "%c: no such key here (? for help)",
			    ch);
		return UI_REDRAW;
	}
	return ui_action(ui, a, ch);
}

int
ui_action(struct ui *ui, enum action a, int ch)
{
	int view = overlay_up(ui) >= 0 ? overlay_up(ui) : ui->focus, r, c;

	r = panes_ops(view)->key(ui, a, ch);
	if (r & UI_HANDLED)
		return r;
	if ((c = ui_cmd_action(ui, a, ch)) != 0)	/* ui_cmd.c */
		return c | r;
	return ui_global(ui, a) | r;
}

/* Does what a view asked for with its flags (UI_FILTER, UI_OPEN,
 * UI_FOCUS, UI_CLOSE; see ui_view.h): views never call each other.
 * Returns the flags with the redraws the requests need. */
static int
ui_request(struct ui *ui, int flags)
{
	int over = overlay_up(ui);

	if (flags & UI_FILTER) {
		ui_filter(ui);
		if (ui->req.say[0] != '\0')
			ui_message(ui, 0, "%s: %zu article%s", ui->req.say,
			    ui->lm.nrows, PLURAL(ui->lm.nrows));
		ui->req.say[0] = '\0';
		flags |= UI_REDRAW;
	}
	if (flags & UI_OPEN)
		flags |= open_row(ui, ui->req.row, ui->req.art);
	ui->req.art = -1;	/* the next request opens a row's article */
	if (flags & UI_FOCUS) {
		ui->focus = ui->req.pane;
		flags |= UI_LAYOUT | UI_REDRAW;
	}
	if ((flags & UI_CLOSE) && over >= 0) {
		ui->up &= ~(1u << over);
		flags |= UI_LAYOUT | UI_REDRAW;
	}
	return flags;
}

/* A bad --config stops tread (exit 2); a bad file of the user's own
 * gives a warning and the defaults, so the reader still starts. */
static int
ui_config_failed(struct ui *ui, int explicit, const char *where,
    const char *err)
{
	if (explicit) {
		err_at(where, "%s", err);
		return -1;
	}
	warn_at(where, "%s (using the default settings)", err);
	config_free(&ui->cfg);
	config_defaults(&ui->cfg);
	keys_free();
	keys_init();
	return 0;
}

/* Reads the system-wide tread.ini if present, then over it --config or
 * else the user's (XDG) one if present, and applies their key bindings:
 * the user's settings win. 0, or -1 after a warning. */
static int
ui_config(struct ui *ui)
{
	char err[512], where[512];
	const char *file = ui->opts->config_file, *bad;
	char *path;

	config_defaults(&ui->cfg);
	keys_init();
	path = paths_sysconfig("tread.ini");
	if (paths_is_file(path) &&
	    config_load(&ui->cfg, path, err, sizeof err) == -1)
		ui_config_failed(ui, 0, NULL, err);
	free(path);
	path = file != NULL ? xstrdup(file) : paths_config("tread.ini");
	if ((file != NULL || paths_is_file(path)) &&
	    config_load(&ui->cfg, path, err, sizeof err) == -1) {
		free(path);
		return ui_config_failed(ui, file != NULL, NULL, err);
	}
	free(path);
	if ((bad = keys_apply(&ui->cfg, where, sizeof where, err,
	    sizeof err)) != NULL)
		return ui_config_failed(ui, file != NULL &&
		    strcmp(bad, file) == 0, where, err);
	return 0;
}

/* Can this terminal be driven full-screen? Checks before curses starts,
 * so a dumb terminal gets one clean line instead of garbage. */
static int
ui_term_ok(void)
{
	const char *term = getenv("TERM");
	char *cup;
	int err = 0;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		err_at(NULL, "the reader needs a terminal; use --list, "
		    "--themes or --show in scripts");
		return 0;
	}
	if (term == NULL || *term == '\0' ||
	    setupterm(NULL, STDOUT_FILENO, &err) == ERR) {
		err_at(NULL, "unknown terminal type '%s'; set TERM, or use "
		    "--list, --themes or --show", term != NULL ? term : "");
		return 0;
	}
	cup = tigetstr("cup");
	del_curterm(cur_term);
	if (cup == NULL || cup == (char *)-1) {
		err_at(NULL, "terminal '%s' cannot move the cursor; use "
		    "--list, --themes or --show", term);
		return 0;
	}
	return 1;
}

/* Curses set-up: raw keys (Ctrl-Z and Ctrl-C are ours), no echo, the
 * keypad, non-blocking reads (we wait in poll), mouse if wanted. */
static SCREEN *
ui_screen(struct ui *ui)
{
	SCREEN *scr = newterm(NULL, stdout, stdin);

	if (scr == NULL)
		return NULL;
	set_term(scr);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(50);
	curs_set(0);
	leaveok(stdscr, TRUE);
	ui_colors_init(ui);
	if (ui->cfg.mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
		    | BUTTON5_PRESSED
#endif
		    , NULL);
	mouseinterval(0);
	return scr;
}

/* The main loop: one key, its flags, one redraw, until quit. The check
 * of a trusted corpus starts once the first screen is out, and what was
 * held back from it (a big corpus's People group and sparklines,
 * ui_later) is drawn next. */
static void
ui_loop(struct ui *ui)
{
	int flags = UI_LAYOUT | UI_REDRAW | ui_load_begin(ui), ch, first = 1;
	int later;

	for (;;) {
		if (flags & UI_LAYOUT)
			ui_layout(ui);
		if (flags & (UI_REDRAW | UI_LAYOUT)) {
			preview(ui);
			ui_draw(ui);
		}
		if (first) {
			later = ui_people_held(ui) | ui_spark_held(ui);
			ui->first_out = 1;
			check_start(ui);
			first = 0;
			if (later) {	/* what waited for the first screen */
				flags = UI_REDRAW;
				continue;
			}
		}
		if ((ch = ui_getkey()) == KEY_GONE)
			break;
		flags = ch == KEY_CHECKED ? check_finish(ui) :
		    ch == KEY_LOADING ? ui_load_event(ui) :
		    ui_request(ui, ui_key(ui, ch));
		if (flags & UI_QUIT)
			break;
	}
}

/* Frees what ui_run set up, views included (the windows are gone). */
static void
ui_free(struct ui *ui)
{
	int p;

	for (p = 0; p < PANE_N; p++)
		if (panes_ops(p)->free != NULL)
			panes_ops(p)->free(ui);
	ui_spark_free(ui);
	ui_marks_free(ui);
	free(ui->arts);
	ui_cmd_free(ui);
	listmodel_free(&ui->lm);
	config_free(&ui->cfg);
	keys_free();
}

/* The views' first state once the screen is up: the cursor, each pane's
 * init, the filter, and the first message (a state file's warning, or a
 * locale that is not UTF-8). */
static void
ui_views_init(struct ui *ui)
{
	int p;

	ui->sel = (struct scroll){ .kind = SCROLL_CURSOR_PAGE, .less = 1 };
	ui->shown = -1;
	ui->req.art = -1;
	for (p = 0; p < PANE_N; p++)
		if (panes_ops(p)->init != NULL)
			panes_ops(p)->init(ui);
	ui_cmd_init(ui);
	ui_filter(ui);
	if (state_warning(ui->st) != NULL)	/* stderr is hidden now */
		ui_message(ui, 1, "%s", state_warning(ui->st));
	else if (!ui->utf8)	/* once, on the first screen */
		ui_message(ui, 0, "the locale's charset is %s, not UTF-8: "
		    "text is shown in ASCII (a UTF-8 locale shows it all)",
		    nl_langinfo(CODESET));
}

/* After the loop: the background work joined (what the cold start read
 * is cached), the reading position kept, the terminal given back. */
static void
ui_leave(struct ui *ui, SCREEN *scr)
{
	check_join(1);
	ui_load_end(ui);
	ui_reader_save_pos(ui);
	ui_windows_free(ui);
	endwin();
	fault_on_fatal(NULL);
	delscreen(scr);
}

int
ui_run(const struct options *o, struct corpus *c, const struct lexicon *lex)
{
	struct ui ui;
	SCREEN *scr;
	char *spath;
	int rc, quiet = warn_quiet;
	sig_atomic_t sig;

	memset(&ui, 0, sizeof ui);
	ui.opts = o;
	ui.c = c;
	ui.lex = lex;
	if ((rc = ui_config(&ui)) == 0 && !ui_term_ok())
		rc = 1;
	if (rc != 0) {
		config_free(&ui.cfg);
		keys_free();
		return rc == -1 ? 2 : rc;
	}
	ui.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	ui.side = ui.cfg.side_panel;
	spath = paths_state("state");
	ui.st = state_open(spath);
	free(spath);
	listmodel_init(&ui.lm, c);
	ui_marks_load(&ui);
	if (o->filter != NULL)	/* --filter: the query line starts with it */
		snprintf(ui.lm.query, sizeof ui.lm.query, "%s", o->filter);
	winch_init();
	if ((scr = ui_screen(&ui)) == NULL) {
		err_at(NULL, "cannot start the terminal '%s'", getenv("TERM"));
		state_free(ui.st);
		ui_free(&ui);
		return 1;
	}
	signals_init();
	fault_on_fatal(endwin);	/* a crash gives the terminal back */
	warn_quiet = 1;		/* stderr is the screen now */
	ui_views_init(&ui);
	ui_loop(&ui);
	ui_leave(&ui, scr);
	warn_quiet = quiet;
	/* Read once: a second signal (a Ctrl-C after q) must not change the
	 * status after the message was decided. */
	sig = got_signal;
	if (sig)
		warn_at(NULL, "%s: saving and leaving", strsignal(sig));
	state_save(ui.st);
	state_free(ui.st);
	ui_free(&ui);
	if (sig)		/* saved: now end as the signal asked */
		fault_reraise(sig);
	return 0;
}
