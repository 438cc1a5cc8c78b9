/* ui_cmd.c: the : command line (every action by name, save FILE, pipe
 * COMMAND, jump N, query Q), the keys that hand the article to a file, a
 * command, the pager or the editor (export.c does the work), jumps by
 * number, mark all read, the query history and the filter's undo. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "export.h"
#include "history.h"
#include "options.h"
#include "paths.h"
#include "query.h"
#include "state.h"
#include "ui_view.h"
#include "util.h"

#define UNDO_MAX	32	/* filters kept for undo */
#define WAIT_PROMPT	"[press a key to return to tread]"

/* A filter, for undo: everything but the People & places selection
 * (ui_people.c keeps that one to itself). */
struct snap {
	char		 query[512];
	char		 lang[32];	/* "" for every language */
	int		 all_of;
	unsigned char	*tsel;
	size_t		 nthemes;
};

struct cmd {
	struct history	*qhist;		/* the query line's, kept in a file */
	struct history	*chist;		/* the : line's, this run only */
	struct snap	 undo[UNDO_MAX];
	size_t		 nundo;
	struct snap	 now;		/* the filter as last applied */
	int		 have_now, restoring;
	char		 save_path[512];	/* waiting for "replace it?" */
};

/* The commands that take an argument (without one they ask for it). */
static const enum action with_arg[] = { ACT_SAVE, ACT_PIPE, ACT_JUMP,
    ACT_QUERY };

/* The histories: the query's from the state directory. */
void
ui_cmd_init(struct ui *ui)
{
	struct cmd *cm = xcalloc(1, sizeof *cm);
	char *path = paths_state("history");

	cm->qhist = history_open(path);
	cm->chist = history_open(NULL);
	free(path);
	ui->cmd = cm;
}

/* Frees what ui_cmd_init and the undo list hold. */
void
ui_cmd_free(struct ui *ui)
{
	struct cmd *cm = ui->cmd;

	if (cm == NULL)
		return;
	while (cm->nundo > 0)
		free(cm->undo[--cm->nundo].tsel);
	free(cm->now.tsel);
	history_free(cm->qhist);
	history_free(cm->chist);
	free(cm);
	ui->cmd = NULL;
}

void
ui_cmd_query(struct ui *ui)
{
	ui_prompt_extras(ui, NULL, ((struct cmd *)ui->cmd)->qhist);
}

/* The article the keys work on: the list's selected one. */
static int
cmd_article(struct ui *ui, size_t *art)
{
	if (ui_selected_article(ui, art))
		return 1;
	ui_message(ui, 1, "no article selected");
	return 0;
}

/* The width of a saved or piped article: --width, else what --show
 * prints to a file (80), so the two are the same bytes. */
static int
cmd_width(struct ui *ui)
{
	return ui->opts->width > 0 ? ui->opts->width : 80;
}

/* Article to a file, its name in TEXT (a kept prompt), asking first
 * before it replaces a file. */
static int
save_to(struct ui *ui, const char *path)
{
	char err[256];
	size_t art;

	if (!cmd_article(ui, &art))
		return UI_REDRAW;
	if (export_save(ui->c, art, cmd_width(ui), path, err, sizeof err) == -1)
		ui_message(ui, 1, "%.200s: %s", path, err);
	else
		ui_message(ui, 0, "saved to %.200s", path);
	return UI_REDRAW;
}

/* The answer to "replace it?". */
static int
save_confirmed(struct ui *ui, const char *text, int done)
{
	struct cmd *cm = ui->cmd;

	(void)text;
	if (done != 1) {
		ui_message(ui, 0, "not saved");
		return UI_REDRAW;
	}
	return save_to(ui, cm->save_path);
}

/* A file name given: saved, or a question first when it exists. */
static int
save_named(struct ui *ui, const char *path)
{
	struct cmd *cm = ui->cmd;
	char q[96];

	if (path[0] == '\0')
		return UI_REDRAW;
	if (!export_exists(path) || export_refused(path) != NULL)
		return save_to(ui, path);	/* or says why not */
	snprintf(cm->save_path, sizeof cm->save_path, "%s", path);
	snprintf(q, sizeof q, "%.60s exists: replace it? (y/n) ", path);
	ui_prompt_confirm(ui, q, save_confirmed);
	return UI_REDRAW;
}

/* Tab on a file name: the text from OFF on completed (export.c reads
 * the directory), the names that begin so listed when several do. */
static int
complete_path(struct ui *ui, struct prompt *p, size_t off)
{
	struct buf out, list;
	size_t n;

	buf_init(&out);
	buf_init(&list);
	n = export_complete(p->text + off, &out, &list);
	if (n == 0)
		ui_message(ui, 1, "no file begins so");
	else if (off + out.len < sizeof p->text) {
		memcpy(p->text + off, out.s, out.len + 1);
		p->len = p->cur = off + out.len;
	}
	if (n > 1)
		ui_message(ui, 0, "%s", list.s);
	buf_free(&out);
	buf_free(&list);
	return UI_REDRAW;
}

/* Tab on the save prompt: the file name. */
static int
save_complete(struct ui *ui, struct prompt *p)
{
	return p->cur == p->len ? complete_path(ui, p, 0) : 0;
}

/* The save prompt's end. */
static int
save_change(struct ui *ui, const char *text, int done)
{
	return done == 1 ? save_named(ui, text) : 0;
}

/* Gives the terminal to a command and takes it back: curses' mode kept
 * and restored around it, the whole screen redrawn after. */
static void
term_leave(void)
{
	def_prog_mode();
	endwin();
}

/* Takes the terminal back from a command. */
static int
term_back(void)
{
	reset_prog_mode();
	clearok(curscr, TRUE);
	return UI_FULL | UI_LAYOUT | UI_REDRAW;
}

/* Runs CMD with the article on its input: with WAIT its output stays
 * until a key (as mutt and less do); without, only when it failed. */
static int
run_with_article(struct ui *ui, const char *cmd, int width, int wait,
    const char *what)
{
	char err[256];
	size_t art;
	int rc;

	if (!cmd_article(ui, &art) || cmd[0] == '\0')
		return UI_REDRAW;
	term_leave();
	rc = export_run(ui->c, art, width, cmd, err, sizeof err);
	if (wait || rc != 0)
		export_wait_key(WAIT_PROMPT);
	if (rc == -1)
		ui_message(ui, 1, "%s: %s", what, err);
	else if (rc != 0)
		ui_message(ui, 1, "%s: %.100s: exit status %d", what, cmd, rc);
	else
		ui_message(ui, 0, "%s: %.100s: done", what, cmd);
	return term_back();
}

/* The pipe prompt's end. */
static int
pipe_change(struct ui *ui, const char *text, int done)
{
	return done == 1 ? run_with_article(ui, text, cmd_width(ui), 1,
	    "pipe") : 0;
}

/* The article's file in the editor. */
static int
edit_article(struct ui *ui)
{
	char err[256];
	size_t art;
	int rc;

	if (!cmd_article(ui, &art))
		return UI_REDRAW;
	term_leave();
	if ((rc = export_edit(ui->c, art, err, sizeof err)) > 0)
		export_wait_key(WAIT_PROMPT);
	if (rc == -1)
		ui_message(ui, 1, "edit: %s", err);
	else if (rc != 0)
		ui_message(ui, 1, "edit: the editor's exit status: %d", rc);
	else
		ui_message(ui, 0, "edited (r reloads the articles)");
	return term_back();
}

/* Goes to the article of number TEXT (1 is the list's first row); in
 * the reader it opens it. */
static int
jump_to(struct ui *ui, const char *text)
{
	size_t n = ui->lm.nrows, k = 0;
	const char *p;

	for (p = text; *p >= '0' && *p <= '9'; p++)	/* past N: N + 1 */
		k = k > n ? n + 1 : k * 10 + (size_t)(*p - '0');
	if (p == text || *p != '\0' || k == 0 || k > n) {
		ui_message(ui, 1, "jump: %s%.40s%s (the list shows 1 to %zu)",
		    p == text || *p != '\0' ? "not a number: '" : "no article ",
		    text, p == text || *p != '\0' ? "'" : "", n);
		return UI_REDRAW;
	}
	ui_message(ui, 0, "article %zu of %zu", k, n);
	if (ui->focus == PANE_READER) {	/* the loop opens it */
		ui->req.row = k - 1;
		return UI_OPEN;
	}
	ui_scroll_set_cursor(&ui->sel, k - 1);
	ui_scroll_reveal(&ui->sel, k - 1);
	return UI_REDRAW;
}

/* The jump prompt's end. */
static int
jump_change(struct ui *ui, const char *text, int done)
{
	return done == 1 ? jump_to(ui, text) : 0;
}

/* Marks every shown article read. */
static int
mark_all(struct ui *ui, const char *text, int done)
{
	size_t r, n = 0;

	(void)text;
	if (done != 1) {
		ui_message(ui, 0, "nothing marked");
		return UI_REDRAW;
	}
	for (r = 0; r < ui->lm.nrows; r++) {
		n += !ui_is_read(ui, ui->lm.rows[r]);
		ui_set_read(ui, ui->lm.rows[r], 1);
	}
	ui_message(ui, 0, "%zu article%s marked read", n, PLURAL(n));
	return UI_REDRAW;
}

/* Mark all read: at once for a screenful or less, else after a y. */
static int
mark_all_ask(struct ui *ui)
{
	size_t n = ui_unread(ui, ui->lm.rows, ui->lm.nrows);
	int screen = ui->pane[PANE_LIST].win != NULL ?
	    ui->pane[PANE_LIST].h - 1 : ui->h - 3;
	char q[96];

	if (n == 0) {
		ui_message(ui, 0, "no unread article shown");
		return UI_REDRAW;
	}
	if (n <= (size_t)(screen > 1 ? screen : 1))
		return mark_all(ui, "", 1);
	snprintf(q, sizeof q, "Mark %zu articles read? (y/n) ", n);
	ui_prompt_confirm(ui, q, mark_all);
	return UI_REDRAW;
}

/* The filter now, into S. */
static void
snap_take(struct ui *ui, struct snap *s)
{
	struct listmodel *m = &ui->lm;

	snprintf(s->query, sizeof s->query, "%s", m->query);
	snprintf(s->lang, sizeof s->lang, "%s", m->lang >= 0 ?
	    m->langs[m->lang] : "");
	s->all_of = m->all_of;
	s->nthemes = ui->c->nthemes;
	s->tsel = xmalloc(s->nthemes + 1);
	memcpy(s->tsel, m->tsel, s->nthemes);
}

/* Are two filters the same? */
static int
snap_eq(const struct snap *a, const struct snap *b)
{
	return strcmp(a->query, b->query) == 0 && strcmp(a->lang, b->lang) ==
	    0 && a->all_of == b->all_of && a->nthemes == b->nthemes &&
	    memcmp(a->tsel, b->tsel, a->nthemes) == 0;
}

/* Puts filter S back (its themes only if the corpus still has the same
 * ones). */
static void
snap_apply(struct ui *ui, const struct snap *s)
{
	struct listmodel *m = &ui->lm;
	size_t k;

	snprintf(m->query, sizeof m->query, "%s", s->query);
	m->lang = -1;
	for (k = 0; k < m->nlangs; k++)
		if (strcmp(m->langs[k], s->lang) == 0)
			m->lang = (int)k;
	m->all_of = s->all_of;
	if (s->nthemes == ui->c->nthemes)
		memcpy(m->tsel, s->tsel, s->nthemes);
}

void
ui_cmd_filtered(struct ui *ui)
{
	struct cmd *cm = ui->cmd;
	struct snap s;
	int restoring;

	/* a query being typed changes the filter live: one step at its end */
	if (cm == NULL || ui->prompt.active)
		return;
	restoring = cm->restoring;
	cm->restoring = 0;
	snap_take(ui, &s);
	if (cm->have_now && snap_eq(&s, &cm->now)) {
		free(s.tsel);
		return;
	}
	if (cm->have_now && !restoring) {
		if (cm->nundo == UNDO_MAX) {
			free(cm->undo[0].tsel);
			memmove(cm->undo, cm->undo + 1, (UNDO_MAX - 1) *
			    sizeof *cm->undo);
			cm->nundo--;
		}
		cm->undo[cm->nundo++] = cm->now;
	} else if (cm->have_now)
		free(cm->now.tsel);
	cm->now = s;
	cm->have_now = 1;
}

void
ui_cmd_rebase(struct ui *ui)
{
	struct cmd *cm = ui->cmd;
	struct snap s;

	if (cm == NULL || !cm->have_now)
		return;
	snap_take(ui, &s);
	free(cm->now.tsel);
	cm->now = s;
}

/* Undo: the filter before the last change, one step further each time. */
static int
undo_filter(struct ui *ui)
{
	struct cmd *cm = ui->cmd;
	struct snap s;

	if (cm->nundo == 0) {
		ui_message(ui, 0, "no earlier filter");
		return UI_REDRAW;
	}
	s = cm->undo[--cm->nundo];
	snap_apply(ui, &s);
	free(s.tsel);
	cm->restoring = 1;	/* the loop filters: no new undo step */
	snprintf(ui->req.say, sizeof ui->req.say, "filter back");
	return UI_FILTER;
}

/* Sets the query to Q (the : line's query Q), kept in its history. */
static int
set_query(struct ui *ui, const char *q)
{
	struct cmd *cm = ui->cmd;

	struct query *parsed;
	char err[256];

	snprintf(ui->lm.query, sizeof ui->lm.query, "%s", q);
	history_add(cm->qhist, q);
	history_save(cm->qhist);
	/* a bad query is said as the query line says it; the loop filters
	 * with the rest (listmodel leaves it out) */
	if ((parsed = query_parse(q, ui->c, err, sizeof err)) == NULL)
		ui_message(ui, 1, "query: %s", err);
	else
		snprintf(ui->req.say, sizeof ui->req.say, "query");
	query_free(parsed);
	return UI_FILTER;
}

/* The action called NAME (N bytes), or ACT_NONE. */
static enum action
action_named(const char *name, size_t n)
{
	int a;

	for (a = 1; a < ACT_COUNT; a++)
		if (strlen(keys_name((enum action)a)) == n &&
		    memcmp(keys_name((enum action)a), name, n) == 0)
			return (enum action)a;
	return ACT_NONE;
}

/* Does action A take an argument on the : line? */
static int
takes_arg(enum action a)
{
	size_t i;

	for (i = 0; i < sizeof with_arg / sizeof with_arg[0]; i++)
		if (with_arg[i] == a)
			return 1;
	return 0;
}

/* Is A one the : line runs (not a key of the editing line itself)? */
static int
runnable(enum action a)
{
	return keys_ctx(a) != CTX_PROMPT;
}

/* Runs A with its argument ARG (non-empty). */
static int
run_with_arg(struct ui *ui, enum action a, const char *arg)
{
	switch (a) {
	case ACT_SAVE:
		return save_named(ui, arg);
	case ACT_PIPE:
		return run_with_article(ui, arg, cmd_width(ui), 1, "pipe");
	case ACT_JUMP:
		return jump_to(ui, arg);
	default:
		return set_query(ui, arg);
	}
}

/* Runs the : line LINE: an action's name, and an argument for those
 * that take one. */
static int
cmd_exec(struct ui *ui, const char *line)
{
	const char *name = line + strspn(line, " "), *arg;
	size_t n = strcspn(name, " "), e;
	enum action a = action_named(name, n);
	char buf[512];
	int r;

	arg = name + n + strspn(name + n, " ");
	for (e = strlen(arg); e > 0 && arg[e - 1] == ' '; e--)
		;
	snprintf(buf, sizeof buf, "%.*s", (int)e, arg);
	if (n == 0)
		return UI_REDRAW;
	if (strspn(name, "0123456789") == n && buf[0] == '\0')
		return jump_to(ui, name);	/* :N, as in vi and less */
	if (a == ACT_NONE || !runnable(a)) {
		ui_message(ui, 1, "%.*s: %s", (int)(n > 40 ? 40 : n), name,
		    a == ACT_NONE ? "no such command (Tab completes)" :
		    "a key of the editing line, not a command");
		return UI_REDRAW;
	}
	if (buf[0] != '\0' && !takes_arg(a)) {
		ui_message(ui, 1, "%s takes no argument", keys_name(a));
		return UI_REDRAW;
	}
	if (buf[0] != '\0')
		return run_with_arg(ui, a, buf);
	if ((r = ui_action(ui, a, 0)) == 0)
		ui_message(ui, 0, "%s: nothing to do here", keys_name(a));
	return r | UI_REDRAW;
}

/* The : line's end. */
static int
cmd_change(struct ui *ui, const char *text, int done)
{
	return done == 1 ? cmd_exec(ui, text) : 0;
}

/* Tab on the : line: completes the action's name being typed, as far as
 * the names that begin so agree; lists them when several do. */
static int
cmd_complete(struct ui *ui, struct prompt *p)
{
	const char *w = p->text + strspn(p->text, " "), *one = NULL, *nm;
	size_t n = strlen(w), common = 0, cnt = 0;
	struct buf b;
	int a;

	if (p->cur != p->len)
		return 0;	/* only with the cursor at the end */
	if (strncmp(w, "save ", 5) == 0)	/* the file name of :save */
		return complete_path(ui, p, (size_t)(w - p->text) + 5 +
		    strspn(w + 5, " "));
	if (strchr(w, ' ') != NULL)
		return 0;
	buf_init(&b);
	for (a = 1; a < ACT_COUNT; a++) {
		nm = keys_name((enum action)a);
		if (!runnable((enum action)a) || strncmp(nm, w, n) != 0)
			continue;
		if (one == NULL)
			common = strlen(nm);
		for (; one != NULL && common > 0 &&
		    strncmp(one, nm, common) != 0; common--)
			;
		one = one != NULL ? one : nm;
		buf_addf(&b, "%s%s", cnt++ ? " " : "", nm);
	}
	if (cnt == 0)
		ui_message(ui, 1, "no action begins so");
	else if (cnt > 1)
		ui_message(ui, 0, "%s", b.s);
	if (cnt > 0) {
		snprintf(p->text + (w - p->text), sizeof p->text - (size_t)(w -
		    p->text), "%.*s%s", (int)common, one, cnt == 1 &&
		    takes_arg(action_named(one, strlen(one))) ? " " : "");
		p->len = p->cur = strlen(p->text);
	}
	buf_free(&b);
	return UI_REDRAW;
}

/* A digit starts the number to jump to (Enter ends it, as in mutt). */
static int
jump_start(struct ui *ui, int ch)
{
	char d[2] = { ch >= '0' && ch <= '9' ? (char)ch : '\0', '\0' };

	ui_prompt_start(ui, "Jump to article: ", d, jump_change);
	return UI_REDRAW;
}

int
ui_cmd_action(struct ui *ui, enum action a, int ch)
{
	size_t art;

	switch (a) {
	case ACT_COMMAND:
		ui_prompt_start(ui, ":", "", cmd_change);
		ui_prompt_extras(ui, cmd_complete, ((struct cmd *)ui->cmd)->chist);
		return UI_REDRAW;
	case ACT_SAVE:
		if (!cmd_article(ui, &art))
			return UI_REDRAW;
		ui_prompt_start(ui, "Save to file: ", "", save_change);
		ui_prompt_extras(ui, save_complete, NULL);
		return UI_REDRAW;
	case ACT_PIPE:
		if (!cmd_article(ui, &art))
			return UI_REDRAW;
		ui_prompt_start(ui, "Pipe to command: ", "", pipe_change);
		return UI_REDRAW;
	case ACT_VIEW:
		return run_with_article(ui, export_pager(), ui->w, 0, "pager");
	case ACT_EDIT:
		return edit_article(ui);
	case ACT_JUMP:
		return jump_start(ui, ch);
	case ACT_MARK_ALL_READ:
		return mark_all_ask(ui);
	case ACT_UNDO_FILTER:
		return undo_filter(ui);
	default:
		return 0;
	}
}
