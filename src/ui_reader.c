/* ui_reader.c: the reader pane: title, metadata, wrapped body, evidence, search. */
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "lexicon.h"
#include "match.h"
#include "state.h"
#include "text.h"
#include "ui_draw.h"
#include "ui_view.h"
#include "util.h"
#include "wrap.h"

/* A display line: a byte range of the title, the metadata or the body.
 * The short metadata is two lines cut to the width: RL_HEAD (date,
 * language, source, then the file with its start cut) and RL_THEMES. */
enum rl_kind { RL_TITLE, RL_META, RL_HEAD, RL_THEMES, RL_BODY };
struct rline {
	enum rl_kind	 kind;
	size_t		 off, len;
};

/* A search match in the body. */
struct hit {
	size_t	 off, len;
};

struct reader {
	long		 art;		/* -1: nothing open */
	char		*title, *meta, *body;
	size_t		 mhead, mpath;	/* meta: end of line 1, the file */
	int		 full;		/* wrapped with all of the metadata */
	size_t		 blen;
	struct match_result mr;		/* evidence spans */
	struct rline	*lines;
	size_t		 nlines;
	int		 width;		/* the lines are wrapped for this */
	struct scroll	 s;		/* over the display lines */
	long		 pending;	/* body offset to scroll to, or -1 */
	long		 ev;		/* current evidence span, or -1 */
	char		 search[256];
	struct hit	*hits;
	size_t		 nhits;
	long		 hit;		/* current match, or -1 */
	size_t		 search_top;	/* top before the search prompt */
};

/* The view's state: nothing open yet. */
static void
reader_init(struct ui *ui)
{
	struct reader *r = xcalloc(1, sizeof *r);

	r->art = -1;
	r->pending = -1;
	r->ev = r->hit = -1;
	r->s = (struct scroll){ .kind = SCROLL_VIEW, .less = 1 };
	ui->view[PANE_READER] = r;
}

/* Drops the open article. */
static void
reader_clear(struct reader *r)
{
	free(r->title);
	free(r->meta);
	free(r->body);
	free(r->lines);
	free(r->hits);
	match_result_free(&r->mr);
	memset(&r->mr, 0, sizeof r->mr);
	r->title = r->meta = r->body = NULL;
	r->lines = NULL;
	r->hits = NULL;
	r->nlines = r->nhits = 0;
	r->width = 0;
	r->s.top = r->s.n = 0;
	r->art = -1;
	r->ev = r->hit = -1;
}

/* Frees the open article and the view's state. */
static void
reader_free(struct ui *ui)
{
	if (ui->view[PANE_READER] == NULL)
		return;
	reader_clear(ui->view[PANE_READER]);
	free(ui->view[PANE_READER]);
	ui->view[PANE_READER] = NULL;
}

/* The metadata block: date, language, source; themes; the file (with
 * where line 1 ends and the file starts, for the short form). */
static void
make_meta(struct ui *ui, struct reader *r, const struct article *a)
{
	struct buf b;
	size_t h;

	buf_init(&b);
	buf_addf(&b, "%s | %s | %s", a->date[0] ? a->date : ARTICLE_NO_DATE,
	    a->lang[0] ? a->lang : ARTICLE_NO_LANG, a->source[0] ? a->source :
	    ARTICLE_NO_SOURCE);
	r->mhead = b.len;
	for (h = 0; h < a->nhits; h++)
		if (a->hits[h].theme < ui->c->nthemes)
			/* labels hold commas: the list's mark in brackets
			 * starts each one */
			buf_addf(&b, "%s[%c] %s", h == 0 ? "\nthemes: " : "  ",
			    ui_theme_mark(a->hits[h].theme),
			    ui->c->themes[a->hits[h].theme].label);
	buf_addf(&b, "\n%s", a->path);
	r->mpath = b.len - strlen(a->path);
	r->meta = buf_steal(&b, NULL);
}

void
ui_reader_save_pos(struct ui *ui)
{
	struct reader *r = ui->view[PANE_READER];
	long pos = 0;

	if (r == NULL || r->art < 0)
		return;
	if (r->s.top < r->nlines && r->lines[r->s.top].kind == RL_BODY)
		pos = (long)r->lines[r->s.top].off;
	state_set_pos(ui->st, ui_article_key(ui, (size_t)r->art), pos);
}

void
ui_reader_show(struct ui *ui, long art)
{
	struct reader *r = ui->view[PANE_READER];
	struct fold_cache *fc;
	const struct article *a;
	const char *body;
	size_t len = 0;

	ui_reader_save_pos(ui);
	reader_clear(r);
	if (art < 0 || (size_t)art >= ui->c->n)
		return;
	a = &ui->c->v[art];
	r->art = art;
	r->title = xstrdup(a->title);
	make_meta(ui, r, a);
	body = corpus_body(ui->c, (size_t)art, &len);
	r->body = body != NULL ? xstrndup(body, len) :
	    xstrdup("(the file is gone: press r to reload)");
	r->blen = body != NULL ? len : strlen(r->body);
	if (body != NULL && ui->lex != NULL) {
		fc = fold_cache_new();
		match_article(ui->lex, fc, a->lang, r->title, r->body, r->blen, 1,
		    &r->mr);
		fold_cache_free(fc);
	}
	r->pending = state_pos(ui->st, ui_article_key(ui, (size_t)art));
	r->search[0] = '\0';	/* its matches went with the old body */
}

/* Appends S's lines wrapped to WIDTH as KIND. */
static void
add_lines(struct reader *r, enum rl_kind kind, const char *s, size_t len,
    int width)
{
	struct wrap_line *wl = NULL;
	size_t n = wrap_text(s, len, width, &wl), i;

	r->lines = xreallocarray(r->lines, r->nlines + n + 1, sizeof *r->lines);
	for (i = 0; i < n; i++)
		r->lines[r->nlines++] = (struct rline){ kind, wl[i].off,
		    wl[i].len };
	free(wl);
}

/* Wraps the article for WIDTH columns with all of the metadata (FULL)
 * or two lines of it (again only when one of them changed). */
static void
reader_wrap(struct reader *r, int width, int full)
{
	size_t keep = r->s.top < r->nlines && r->lines[r->s.top].kind == RL_BODY ?
	    r->lines[r->s.top].off : 0;
	size_t i;

	if (r->art < 0 || (width == r->width && full == r->full))
		return;
	if (r->pending < 0 && r->width > 0)
		r->pending = (long)keep;
	free(r->lines);
	r->lines = NULL;
	r->nlines = 0;
	r->width = width;
	r->full = full;
	add_lines(r, RL_TITLE, r->title, strlen(r->title), width);
	if (full)
		add_lines(r, RL_META, r->meta, strlen(r->meta), width);
	else {
		r->lines = xreallocarray(r->lines, r->nlines + 3,
		    sizeof *r->lines);
		r->lines[r->nlines++] = (struct rline){ RL_HEAD, 0, r->mhead };
		if (r->mpath > r->mhead + 1)
			r->lines[r->nlines++] = (struct rline){ RL_THEMES,
			    r->mhead + 1, r->mpath - 1 - (r->mhead + 1) };
	}
	r->lines[r->nlines++] = (struct rline){ RL_META, 0, 0 };
	add_lines(r, RL_BODY, r->body, r->blen, width);
	r->s.n = r->nlines;
	r->s.top = 0;
	for (i = 0; r->pending > 0 && i < r->nlines; i++)
		if (r->lines[i].kind == RL_BODY &&
		    r->lines[i].off >= (size_t)r->pending) {
			r->s.top = i;
			break;
		}
	r->pending = -1;
}

/* The display line holding body offset OFF. */
static size_t
line_of(const struct reader *r, size_t off)
{
	size_t i, best = 0;

	for (i = 0; i < r->nlines; i++)
		if (r->lines[i].kind == RL_BODY && r->lines[i].off <= off)
			best = i;
	return best;
}

/* Is body offset P inside the current search match (3), another one
 * (2), the current evidence span (4) or other evidence (1)? Sets *NEXT
 * to where that could change. */
static int
style_at(const struct reader *r, size_t p, size_t *next)
{
	int st = 0;
	size_t i, s, e;

	for (i = 0; i < r->nhits + r->mr.nspans; i++) {
		if (i < r->nhits) {
			s = r->hits[i].off;
			e = s + r->hits[i].len;
		} else {
			s = r->mr.spans[i - r->nhits].off;
			e = s + r->mr.spans[i - r->nhits].len;
		}
		if (s <= p && p < e) {
			st = st > 0 ? st : i >= r->nhits ? ((long)(i -
			    r->nhits) == r->ev ? 4 : 1) : (long)i == r->hit ?
			    3 : 2;
			if (e < *next)
				*next = e;
		} else if (s > p && s < *next)
			*next = s;
	}
	return st;
}

/* A body line, with evidence and search matches highlighted. */
static void
draw_body(struct ui *ui, WINDOW *win, const struct rline *l)
{
	struct reader *r = ui->view[PANE_READER];
	size_t p = l->off, end = l->off + l->len, next;
	int cols = getmaxx(win), st;
	static const int elem[] = { CFG_normal, CFG_evidence, CFG_search,
	    CFG_search, CFG_evidence };

	while (p < end && cols > 0) {
		next = end;
		st = style_at(r, p, &next);
		cols -= ui_text(ui, win, r->body + p, next - p, cols,
		    ui->attr[elem[st]] | (st >= 3 ? A_BOLD | A_UNDERLINE : 0));
		p = next;
	}
}

/* A line of the short metadata, cut to COLS: line 1 ends with as much
 * of the file's path as fits, its start cut ("…/articles/a.txt"); the
 * themes line is cut at its end. */
static void
draw_meta(struct ui *ui, WINDOW *win, const struct rline *l, int cols)
{
	struct reader *r = ui->view[PANE_READER];
	attr_t a = ui->attr[CFG_meta];
	const char *path = r->meta + r->mpath;
	int used;

	if (l->kind == RL_THEMES) {
		ui_cut(ui, win, r->meta + l->off, l->len, cols, a, 0);
		return;
	}
	used = ui_cut(ui, win, r->meta, l->len, cols, a, 0);
	if (used + 3 + 8 > cols)	/* room for " | " and a file name */
		return;
	used += ui_str(ui, win, " | ", cols - used, a);
	ui_cut(ui, win, path, strlen(path), cols - used, a, 1);
}

/* The columns the article is wrapped to: the pane's, or [layout]
 * text_width when that is narrower. */
static int
text_cols(struct ui *ui, int w)
{
	return ui->cfg.text_width > 0 && ui->cfg.text_width < w ?
	    ui->cfg.text_width : w;
}

/* Draws the header line and the visible lines of the article. */
static void
reader_draw(struct ui *ui, WINDOW *win, int focused)
{
	struct reader *r = ui->view[PANE_READER];
	int w = getmaxx(win), h = getmaxy(win), y;
	const struct rline *l;
	char head[384];

	r->s.height = h - 1;
	reader_wrap(r, text_cols(ui, w), ui->meta_full);
	ui_scroll_clamp(&r->s);
	if (r->art < 0) {
		snprintf(head, sizeof head, "%sReader", ui_focus_mark(ui,
		    focused));
		ui_line(ui, win, 0, 0, head, w, ui->attr[CFG_header]);
		if (h > 2)
			ui_line(ui, win, 2, 1, ui->lm.nrows > 0 ? "Enter opens the "
			    "selected article." : "Nothing to read.", w - 1,
			    ui->attr[CFG_message]);
		return;
	}
	snprintf(head, sizeof head, "%sReader  %zu-%zu/%zu%s%s",
	    ui_focus_mark(ui, focused), r->s.top + 1,
	    ui_scroll_end(&r->s), r->nlines, r->search[0] ? "  search: " : "",
	    r->search);
	ui_line(ui, win, 0, 0, head, w, ui->attr[CFG_header]);
	for (y = 1; y < h && r->s.top + (size_t)y - 1 < r->nlines; y++) {
		l = &r->lines[r->s.top + (size_t)y - 1];
		wmove(win, y, 0);
		if (l->kind == RL_BODY)
			draw_body(ui, win, l);
		else if (l->kind == RL_HEAD || l->kind == RL_THEMES)
			draw_meta(ui, win, l, r->width);
		else
			ui_text(ui, win, (l->kind == RL_TITLE ? r->title :
			    r->meta) + l->off, l->len, w, ui->attr[l->kind ==
			    RL_TITLE ? CFG_title : CFG_meta]);
	}
}

/* Keeps the matches of the longer search text among the old ones: typed
 * on, a search only narrows, so the article is not scanned again per
 * keystroke (the whole scan is for a new or shortened text). */
static void
reader_refine(struct reader *r)
{
	size_t i, k = 0, len;

	for (i = 0; i < r->nhits; i++)
		if ((len = text_search_at(r->body, r->blen, r->hits[i].off,
		    r->search)) > 0)
			r->hits[k++] = (struct hit){ r->hits[i].off, len };
	r->nhits = k;
	r->hit = -1;
}

/* Can two matches of S overlap (a proper prefix is also a suffix)? Then
 * a longer text may match where the matches of S skipped over. */
static int
self_overlaps(const char *s)
{
	size_t n = strlen(s), k;

	for (k = 1; k < n; k++)
		if (memcmp(s, s + n - k, k) == 0)
			return 1;
	return 0;
}

/* Finds every match of the search text in the body; when OLD (the text
 * searched before) is a prefix of it, only among the old matches. */
static void
reader_find(struct reader *r, const char *old)
{
	size_t p = 0, len;

	if (old != NULL && old[0] != '\0' && r->body != NULL &&
	    !self_overlaps(old) &&
	    strncmp(r->search, old, strlen(old)) == 0 &&
	    r->search[strlen(old)] != '\0') {
		reader_refine(r);
		return;
	}
	free(r->hits);
	r->hits = NULL;
	r->nhits = 0;
	r->hit = -1;
	if (r->search[0] == '\0' || r->body == NULL)
		return;
	while (p < r->blen) {
		if ((len = text_search_at(r->body, r->blen, p, r->search)) > 0) {
			r->hits = xreallocarray(r->hits, r->nhits + 1,
			    sizeof *r->hits);
			r->hits[r->nhits++] = (struct hit){ p, len };
			p += len;
			continue;
		}
		p = text_search_next(r->body, r->blen, p);
	}
}

/* The first display line of the body text now on screen. */
static size_t
top_offset(const struct reader *r)
{
	size_t i;

	for (i = r->s.top; i < r->nlines; i++)
		if (r->lines[i].kind == RL_BODY)
			return r->lines[i].off;
	return 0;
}

/* Goes to match I (wrapping around) and says where we are. */
static void
goto_hit(struct ui *ui, long i)
{
	struct reader *r = ui->view[PANE_READER];

	if (r->nhits == 0) {
		ui_message(ui, 1, "not found: %s", r->search);
		return;
	}
	if (i < 0 || i >= (long)r->nhits)
		ui_message(ui, 0, "search wrapped");
	r->hit = (i + (long)r->nhits) % (long)r->nhits;
	ui_scroll_reveal(&r->s, line_of(r, r->hits[r->hit].off));
	if (i >= 0 && i < (long)r->nhits)
		ui_message(ui, 0, "match %ld of %zu", r->hit + 1, r->nhits);
}

/* The search line's live callback: jump to the first match at or after
 * the position the search started from. */
static int
search_change(struct ui *ui, const char *text, int done)
{
	struct reader *r = ui->view[PANE_READER];
	size_t from, i;

	char old[sizeof r->search];

	snprintf(old, sizeof old, "%s", r->search);
	snprintf(r->search, sizeof r->search, "%s", text);
	r->s.top = r->search_top;
	reader_find(r, old);
	if (done == -1 || r->search[0] == '\0')
		return UI_REDRAW;
	from = top_offset(r);
	for (i = 0; i < r->nhits && r->hits[i].off < from; i++)
		;
	if (r->nhits > 0)
		goto_hit(ui, i < r->nhits ? (long)i : 0);
	else if (done == 1)
		ui_message(ui, 1, "not found: %s", r->search);
	return UI_REDRAW;
}

/* The evidence in the order e walks it: the spans of the themes the
 * filter selects first, then the others, each by offset, into ORD
 * (nspans); returns how many are the filter's. */
static size_t
evidence_order(struct ui *ui, const struct reader *r, size_t *ord)
{
	size_t nl = lexicon_count(ui->lex), t, l, i, k = 0, n0;
	unsigned char *want = xcalloc(nl + 1, 1);

	/* span themes are lexicon indexes: the filter's by id */
	for (t = 0; t < ui->c->nthemes; t++)
		for (l = 0; ui->lm.tsel[t] && l < nl; l++)
			if (strcmp(ui->c->themes[t].id, lexicon_id(ui->lex, l)) == 0)
				want[l] = 1;
	for (i = 0; i < r->mr.nspans; i++)
		if (r->mr.spans[i].theme < nl && want[r->mr.spans[i].theme])
			ord[k++] = i;
	n0 = k;
	for (i = 0; i < r->mr.nspans; i++)
		if (!(r->mr.spans[i].theme < nl && want[r->mr.spans[i].theme]))
			ord[k++] = i;
	free(want);
	return n0;
}

/* Where e (DIR 1) or E (-1) starts when the current span is not on
 * screen: the first span of ORD at or after the screen's top (E: the
 * last before it), the filter's spans before the others. */
static size_t
evidence_start(const struct reader *r, const size_t *ord, size_t n0,
    int dir)
{
	size_t from = top_offset(r), n = r->mr.nspans, k, tier;

	for (tier = 0; tier < 2; tier++) {
		size_t a = tier == 0 ? 0 : n0, b = tier == 0 ? n0 : n;

		for (k = 0; k < b - a; k++) {
			size_t p = dir > 0 ? a + k : b - 1 - k;
			uint32_t off = r->mr.spans[ord[p]].off;

			if (dir > 0 ? off >= from : off < from)
				return p;
		}
	}
	return dir > 0 ? 0 : n - 1;
}

/* Is span I of the body on screen? */
static int
span_shown(const struct reader *r, long i)
{
	size_t l;

	if (i < 0 || (size_t)i >= r->mr.nspans)
		return 0;
	l = line_of(r, r->mr.spans[i].off);
	return l >= r->s.top && l < ui_scroll_end(&r->s);
}

/* Jumps to the next (DIR 1) or previous (-1) evidence span: from the
 * current one while it is on screen, else from what is on screen; the
 * filter's themes' evidence first. */
static int
goto_evidence(struct ui *ui, int dir)
{
	struct reader *r = ui->view[PANE_READER];
	const struct span *s;
	size_t *ord, n = r->mr.nspans, n0, k;

	if (n == 0) {
		ui_message(ui, 1, "no theme evidence in this article");
		return UI_HANDLED | UI_REDRAW;
	}
	ord = xreallocarray(NULL, n, sizeof *ord);
	n0 = evidence_order(ui, r, ord);
	for (k = 0; k < n && (long)ord[k] != r->ev; k++)
		;
	if (k == n || !span_shown(r, r->ev))
		k = evidence_start(r, ord, n0, dir);
	else
		k = (k + n + (size_t)(dir > 0 ? 1 : n - 1)) % n;
	r->ev = (long)ord[k];
	s = &r->mr.spans[r->ev];
	free(ord);
	ui_scroll_reveal(&r->s, line_of(r, s->off));
	ui_message(ui, 0, "evidence %zu of %zu%s: %s", k + 1, n,
	    n0 > 0 && k < n0 ? " (the filter's themes first)" : "",
	    s->theme < lexicon_count(ui->lex) ? lexicon_label(ui->lex,
	    s->theme) : "?");
	return UI_HANDLED | UI_REDRAW;
}

/* ] and [: the next or previous row's article; in the story fold first
 * the other articles of the open one's story (a row stands for them). */
static int
next_article(struct ui *ui, struct reader *r, int dir)
{
	size_t cur = ui->sel.cur;
	long art = ui->fold && r->art >= 0 ?
	    ui_stories_next(ui, (size_t)r->art, dir) : -1;

	ui->req.row = cur;
	if ((ui->req.art = art) >= 0)
		return UI_OPEN;
	if (dir > 0 ? cur + 1 >= ui->lm.nrows : cur == 0)
		return UI_REDRAW;
	ui->req.row = dir > 0 ? cur + 1 : cur - 1;
	return UI_OPEN;
}

/* The reader's own actions on the article (not scrolling). */
static int
reader_article_key(struct ui *ui, enum action a)
{
	struct reader *r = ui->view[PANE_READER];

	switch (a) {
	case ACT_NEXT_ARTICLE:
	case ACT_PREV_ARTICLE:
		return UI_HANDLED | next_article(ui, r, a == ACT_NEXT_ARTICLE ?
		    1 : -1);
	case ACT_BACK:
		ui->req.pane = PANE_LIST;
		return UI_HANDLED | UI_FOCUS;
	case ACT_TOGGLE_READ:
		if (r->art >= 0)
			ui_set_read(ui, (size_t)r->art,
			    !ui_is_read(ui, (size_t)r->art));
		return UI_HANDLED | UI_REDRAW;
	case ACT_SEARCH:
		r->search_top = r->s.top;
		ui_prompt_start(ui, "Search: ", "", search_change);
		return UI_HANDLED | UI_REDRAW;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		if (r->search[0] == '\0')
			ui_message(ui, 1, "no search yet (/ searches)");
		else
			goto_hit(ui, r->hit + (a == ACT_SEARCH_NEXT ? 1 : -1));
		return UI_HANDLED | UI_REDRAW;
	case ACT_NEXT_EVIDENCE:
		return goto_evidence(ui, 1);
	case ACT_PREV_EVIDENCE:
		return goto_evidence(ui, -1);
	default:
		return 0;
	}
}

/* Scrolling, then the reader's other actions. */
static int
reader_key(struct ui *ui, enum action a, int ch)
{
	struct reader *r = ui->view[PANE_READER];

	(void)ch;
	if (ui_scroll_action(&r->s, a))
		return UI_HANDLED | UI_REDRAW;
	return reader_article_key(ui, a);
}

/* The wheel scrolls; a click only focuses (done by the caller). */
static int
reader_mouse(struct ui *ui, int y, int wheel)
{
	struct reader *r = ui->view[PANE_READER];

	(void)y;
	if (wheel != 0)
		ui_scroll_by(&r->s, wheel * 3, 0);
	return UI_REDRAW;
}

static const struct hint reader_hints[] = {
	{ ACT_HELP, "help", 1 }, { ACT_BACK, "back", 1 },
	{ ACT_SEARCH, "search", 0 }, { ACT_NEXT_EVIDENCE, "evidence", 0 },
	{ ACT_META, "meta", 0 }, { ACT_NONE, NULL, 0 }
};

const struct view_ops ui_reader_ops = {
	"reader", CTX_READER, reader_init, reader_draw, reader_key,
	reader_free, reader_mouse, reader_hints
};
