/* ui_prompt.c: the one-line editor of the message area (query and search). */
#include <stdio.h>
#include <string.h>
#include <unistr.h>

#include "history.h"
#include "ui_draw.h"
#include "ui_view.h"

void
ui_prompt_start(struct ui *ui, const char *label, const char *init,
    int (*change)(struct ui *, const char *, int))
{
	struct prompt *p = &ui->prompt;

	p->active = 1;
	snprintf(p->label, sizeof p->label, "%s", label);
	snprintf(p->text, sizeof p->text, "%s", init);
	snprintf(p->saved, sizeof p->saved, "%s", init);
	p->len = p->cur = strlen(p->text);
	p->change = change;
	p->complete = NULL;
	p->hist = NULL;
	p->confirm = 0;
	ui->msg[0] = '\0';
}

void
ui_prompt_extras(struct ui *ui, int (*complete)(struct ui *, struct prompt *),
    struct history *hist)
{
	ui->prompt.complete = complete;
	ui->prompt.hist = hist;
	ui->prompt.hpos = hist != NULL ? history_n(hist) : 0;
}

void
ui_prompt_confirm(struct ui *ui, const char *question,
    int (*change)(struct ui *, const char *, int))
{
	ui_prompt_start(ui, question, "", change);
	ui->prompt.confirm = 1;
}

/* Shows history entry POS (history_n: the draft typed before). */
static void
history_show(struct prompt *p, size_t pos)
{
	const char *s;

	if (pos == p->hpos)
		return;
	if (p->hpos == history_n(p->hist))
		snprintf(p->draft, sizeof p->draft, "%s", p->text);
	p->hpos = pos;
	s = pos < history_n(p->hist) ? history_get(p->hist, pos) : p->draft;
	snprintf(p->text, sizeof p->text, "%s", s);
	p->len = p->cur = strlen(p->text);
}

/* Up and Down walk the history: 1 when the line changed, 2 when there is
 * nothing further that way, 0 when the prompt keeps no history. */
static int
history_walk(struct prompt *p, enum action a)
{
	size_t n;

	if (p->hist == NULL)
		return 0;
	n = history_n(p->hist);
	if (p->hpos > n)
		p->hpos = n;
	if (a == ACT_HISTORY_PREV ? p->hpos == 0 : p->hpos >= n)
		return 2;
	history_show(p, a == ACT_HISTORY_PREV ? p->hpos - 1 : p->hpos + 1);
	return 1;
}

/* Ends the line: kept (added to the history and saved) or cancelled. */
static int
finish(struct ui *ui, int keep)
{
	struct prompt *p = &ui->prompt;

	p->active = 0;
	if (keep && p->hist != NULL && p->text[0] != '\0') {
		history_add(p->hist, p->text);
		history_save(p->hist);	/* warns on stderr (hidden) */
	}
	return p->change(ui, keep ? p->text : p->saved, keep ? 1 : -1) |
	    UI_REDRAW;
}

/* Byte offset of the character before / after offset I. u8_prev stores
 * the character it steps over, so it is given somewhere to put it; an
 * invalid sequence is stepped over one byte at a time. */
static size_t
prev_char(const struct prompt *p, size_t i)
{
	const uint8_t *s = (const uint8_t *)p->text;
	const uint8_t *q;
	ucs4_t uc;

	if (i == 0)
		return 0;
	q = u8_prev(&uc, s + i, s);
	return q != NULL ? (size_t)(q - s) : i - 1;
}

static size_t
next_char(const struct prompt *p, size_t i)
{
	int k;

	if (i >= p->len)
		return p->len;
	k = u8_mblen((const uint8_t *)p->text + i, p->len - i);
	return i + (k > 0 ? (size_t)k : 1);
}

/* Removes the bytes [A, B) of the line. */
static void
cut(struct prompt *p, size_t a, size_t b)
{
	memmove(p->text + a, p->text + b, p->len - b + 1);
	p->len -= b - a;
	p->cur = a;
}

/* Inserts the character CH (a key code) at the cursor if printable. */
static int
insert(struct ui *ui, int ch)
{
	struct prompt *p = &ui->prompt;
	ucs4_t u = (ucs4_t)(ch & ~UI_WCHAR);
	uint8_t enc[8];
	int n;

	if (ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0) ||
	    (ch >= KEY_MIN && !(ch & UI_WCHAR)) || (!ui->utf8 && ch >= 0x80))
		return 0;
	if ((n = u8_uctomb(enc, u, sizeof enc)) <= 0 ||
	    p->len + (size_t)n >= sizeof p->text)
		return 0;
	memmove(p->text + p->cur + n, p->text + p->cur, p->len - p->cur + 1);
	memcpy(p->text + p->cur, enc, (size_t)n);
	p->len += (size_t)n;
	p->cur += (size_t)n;
	return 1;
}

/* Line editing; returns 0 when the key is none of ours. */
static int
edit(struct prompt *p, enum action a)
{
	size_t i;

	switch (a) {
	case ACT_ERASE:
		cut(p, prev_char(p, p->cur), p->cur);
		break;
	case ACT_DELETE:
		cut(p, p->cur, next_char(p, p->cur));
		break;
	case ACT_ERASE_WORD:
		for (i = p->cur; i > 0 && p->text[i - 1] == ' '; i--)
			;
		for (; i > 0 && p->text[i - 1] != ' '; i--)
			;
		cut(p, i, p->cur);
		break;
	case ACT_KILL_LINE:
		cut(p, 0, p->len);
		break;
	case ACT_CURSOR_LEFT:
		p->cur = prev_char(p, p->cur);
		return 2;
	case ACT_CURSOR_RIGHT:
		p->cur = next_char(p, p->cur);
		return 2;
	case ACT_LINE_START:
		p->cur = 0;
		return 2;
	case ACT_LINE_END:
		p->cur = p->len;
		return 2;
	default:
		return 0;
	}
	return 1;
}

int
ui_prompt_key(struct ui *ui, int ch)
{
	struct prompt *p = &ui->prompt;
	enum action a = keys_lookup(ch, CTX_PROMPT);
	int r;

	if (p->confirm) {	/* y/n: one key answers */
		p->active = 0;
		return p->change(ui, "", ch == 'y' || ch == 'Y' ? 1 : -1) |
		    UI_REDRAW;
	}
	if (a == ACT_ACCEPT || a == ACT_CANCEL)
		return finish(ui, a == ACT_ACCEPT);
	if (a == ACT_COMPLETE)
		return p->complete != NULL ? p->complete(ui, p) | UI_REDRAW : 0;
	if (a == ACT_HISTORY_PREV || a == ACT_HISTORY_NEXT) {
		if ((r = history_walk(p, a)) != 1)
			return r == 2 ? UI_REDRAW : 0;
		ui->msg[0] = '\0';
		return p->change(ui, p->text, 0) | UI_REDRAW;
	}
	if ((r = edit(p, a)) == 2)
		return UI_REDRAW;
	if (r == 0 && (a != ACT_NONE || !insert(ui, ch)))
		return 0;
	ui->msg[0] = '\0';
	return p->change(ui, p->text, 0) | UI_REDRAW;
}

void
ui_prompt_draw(struct ui *ui, WINDOW *win)
{
	struct prompt *p = &ui->prompt;
	int w = getmaxx(win), lw, avail, x;
	size_t from = 0;

	wmove(win, 0, 0);
	lw = ui_str(ui, win, p->label, w, ui->attr[CFG_key]);
	avail = w - lw - 1;
	/* Scroll sideways so the cursor stays in view. */
	while (from < p->cur && ui_width(ui, p->text + from, p->cur - from) >
	    avail)
		from = next_char(p, from);
	ui_text(ui, win, p->text + from, p->len - from, avail,
	    ui->attr[CFG_message]);
	/* A live error (a bad query) follows the text, as far as it fits. */
	x = lw + ui_width(ui, p->text + from, p->len - from) + 2;
	if (ui->msg[0] != '\0' && x + 8 < w) {
		wmove(win, 0, x);
		ui_str(ui, win, ui->msg, w - x, ui->attr[ui->msg_err ?
		    CFG_error : CFG_message]);
	}
	x = lw + ui_width(ui, p->text + from, p->cur - from);
	wmove(win, 0, x < w ? x : w - 1);
}
