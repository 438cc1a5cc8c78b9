/* ui_people.c: the "People & places" group of the themes panel: the gazetteer's entities of the corpus, their live counts, selection and sparklines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "entity.h"
#include "timeline.h"
#include "ui_draw.h"
#include "ui_view.h"
#include "util.h"

/* The group for one corpus: made again when the articles change. */
struct people {
	const struct article *v;
	size_t		 n;
	const struct entity_index *ix;
	uint32_t	*ent;		/* entity indexes, most articles first */
	size_t		 nent;
	unsigned char	*sel;
	uint32_t	*shown;		/* articles of the filter naming it */
	unsigned char	*fresh;		/* is shown[k] of the filter now? */
	/* Each entity's articles, to count a filter's: a bitset for one
	 * named by many (more than one in 32), else their numbers. */
	uint64_t	**dense;	/* NULL for a listed one */
	uint32_t	*loff;		/* entity k's in list[loff[k]..loff[k+1]) */
	uint32_t	*list;
	struct timeline_span span;
	uint32_t	*months;	/* nent rows of span.n */
};

/* Orders entities (pointers into one array) by articles (most first),
 * then id. */
static int
cmp_count(const void *a, const void *b)
{
	const struct entity *x = *(const struct entity *const *)a;
	const struct entity *y = *(const struct entity *const *)b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* Frees the group. */
void
ui_people_free(struct ui *ui)
{
	struct people *p = ui->people;
	size_t k;

	if (p != NULL) {
		free(p->ent);
		free(p->sel);
		free(p->shown);
		free(p->fresh);
		for (k = 0; p->dense != NULL && k < p->nent; k++)
			free(p->dense[k]);
		free(p->dense);
		free(p->loff);
		free(p->list);
		free(p->months);
	}
	free(p);
	ui->people = NULL;
}

/* Articles per month of each entity of the group, for the sparklines:
 * one pass over the articles' entity lists (each date parsed once),
 * not one over the corpus per entity. */
static void
people_months(struct ui *ui, struct people *p)
{
	const int32_t *per = ui_months(ui);
	uint32_t *pos = xmalloc((p->ix->n + 1) * sizeof *pos);
	size_t i, j, k;

	timeline_span_of(per, ui->c->n, BY_MONTH, &p->span);
	p->months = xcalloc(p->nent * p->span.n + 1, sizeof *p->months);
	for (j = 0; j < p->ix->n; j++)
		pos[j] = UINT32_MAX;
	for (k = 0; k < p->nent; k++)
		pos[p->ent[k]] = (uint32_t)k;
	for (i = 0; i < ui->c->n && i < p->ix->narticles; i++) {
		if (per[i] == INT32_MIN ||
		    (j = (size_t)(per[i] - p->span.first)) >= p->span.n)
			continue;
		for (k = p->ix->off[i]; k < p->ix->off[i + 1]; k++)
			if (pos[p->ix->ents[k]] != UINT32_MAX)
				p->months[pos[p->ix->ents[k]] * p->span.n +
				    j]++;
	}
	free(pos);
}

/* The articles of each entity of the group (p->dense, p->list), in two
 * passes over the articles' entity lists: how many, then which. The
 * counts of a filter are then asked entity by entity, of those drawn. */
static void
people_articles(struct ui *ui, struct people *p)
{
	size_t n = ui->c->n < p->ix->narticles ? ui->c->n : p->ix->narticles;
	size_t nw = ui->c->n / 64 + 1, i, j, k;
	uint32_t *pos = xmalloc((p->ix->n + 1) * sizeof *pos), *fill;

	for (j = 0; j < p->ix->n; j++)
		pos[j] = UINT32_MAX;
	for (k = 0; k < p->nent; k++)
		pos[p->ent[k]] = (uint32_t)k;
	p->loff = xcalloc(p->nent + 2, sizeof *p->loff);
	for (i = 0; i < n; i++)
		for (j = p->ix->off[i]; j < p->ix->off[i + 1]; j++)
			if ((k = pos[p->ix->ents[j]]) != UINT32_MAX)
				p->loff[k + 1]++;
	p->dense = xcalloc(p->nent + 1, sizeof *p->dense);
	for (k = 0; k < p->nent; k++) {
		if (p->loff[k + 1] > n / 32 + 1) {
			p->dense[k] = xcalloc(nw + 1, sizeof *p->dense[k]);
			p->loff[k + 1] = 0;
		}
		p->loff[k + 1] += p->loff[k];
	}
	p->list = xmalloc((p->loff[p->nent] + 1) * sizeof *p->list);
	fill = xmalloc((p->nent + 1) * sizeof *fill);
	memcpy(fill, p->loff, p->nent * sizeof *fill);
	for (i = 0; i < n; i++)
		for (j = p->ix->off[i]; j < p->ix->off[i + 1]; j++) {
			if ((k = pos[p->ix->ents[j]]) == UINT32_MAX)
				continue;
			if (p->dense[k] != NULL)	/* lists are distinct */
				p->dense[k][i / 64] |= (uint64_t)1 << (i % 64);
			else
				p->list[fill[k]++] = (uint32_t)i;
		}
	free(fill);
	free(pos);
}

/* The group of the corpus shown now: curated entities it names. */
static struct people *
people_sync(struct ui *ui)
{
	struct people *p = ui->people;
	const struct entity **by;
	size_t e;

	if (p != NULL && p->v == ui->c->v && p->n == ui->c->n)
		return p;
	ui_people_free(ui);
	p = ui->people = xcalloc(1, sizeof *p);
	p->v = ui->c->v;
	p->n = ui->c->n;
	p->ix = entity_index(ui->c);
	by = xcalloc(p->ix->ncurated + 1, sizeof *by);
	for (e = 0; e < p->ix->ncurated; e++)
		if (p->ix->v[e].count > 0)
			by[p->nent++] = &p->ix->v[e];
	qsort(by, p->nent, sizeof *by, cmp_count);
	p->ent = xcalloc(p->nent + 1, sizeof *p->ent);
	for (e = 0; e < p->nent; e++)
		p->ent[e] = (uint32_t)(by[e] - p->ix->v);
	free(by);
	p->sel = xcalloc(p->nent + 1, 1);
	p->shown = xcalloc(p->nent + 1, sizeof *p->shown);
	p->fresh = xcalloc(p->nent + 1, 1);
	people_months(ui, p);
	people_articles(ui, p);
	return p;
}

/* From this many articles on, the first screen shows the group as one
 * placeholder row and the themes without sparklines, and the loop makes
 * them just after (ui_later): reading the group's index checks every
 * article's path, and the sparklines read every article's date, which at
 * a million articles cost more than the rest of the first screen. */
#define PEOPLE_LATER_MIN	20000

int
ui_later(struct ui *ui)
{
	const char *later = getenv("TREAD_TEST_PEOPLE_LATER");

	if (ui->first_out || corpus_partial(ui->c) || corpus_pending(ui->c))
		return 0;
	return ui->c->n >= (later != NULL ? strtoul(later, NULL, 10) :
	    PEOPLE_LATER_MIN);
}

int
ui_people_held(struct ui *ui)
{
	struct people *p = ui->people;

	if (p != NULL && p->v == ui->c->v && p->n == ui->c->n)
		return 0;
	return ui_later(ui);
}

/* Is the group of the shown corpus not made yet, and its index not at
 * hand without reading every body again (entity_index_ready)? Then the
 * group is one placeholder row, made when it is first drawn, so that a
 * first screen never waits for it. */
static int
people_deferred(struct ui *ui)
{
	struct people *p = ui->people;

	if (p != NULL && p->v == ui->c->v && p->n == ui->c->n)
		return 0;
	return !entity_index_ready(ui->c);
}

size_t
ui_people_n(struct ui *ui)
{
	if (corpus_partial(ui->c) || corpus_pending(ui->c))
		return 0;	/* made once the whole corpus is in */
	if (ui_people_held(ui))
		return 1;
	return people_deferred(ui) ? 1 : people_sync(ui)->nent;
}

void
ui_people_count(struct ui *ui)
{
	struct people *p = ui->people;

	if (p == NULL || p->v != ui->c->v || p->n != ui->c->n)
		return;		/* made, and counted, on first use */
	memset(p->fresh, 0, p->nent);	/* counted again when drawn */
}

/* The articles of the filter naming entity K of the group: a popcount
 * of its bitset and the filter's, or a look at the filter's bit of each
 * of its articles; once per filter, for the rows drawn only (a million
 * articles name a few hundred entities of the gazetteer). */
static uint32_t
people_shown(struct ui *ui, struct people *p, size_t k)
{
	const uint64_t *bits = ui->lm.bits;
	size_t j, nw = (ui->c->n + 63) / 64;
	uint32_t n = 0, a;

	if (p->fresh[k])
		return p->shown[k];
	if (p->dense[k] != NULL)
		n = (uint32_t)util_popcount_and(p->dense[k], bits, nw);
	else
		for (j = p->loff[k]; j < p->loff[k + 1]; j++) {
			a = p->list[j];
			n += (uint32_t)(bits[a / 64] >> (a % 64) & 1);
		}
	p->fresh[k] = 1;
	return p->shown[k] = n;
}

/* The kind's one-character mark: person, place, organisation. */
static const char *
kind_mark(enum entity_kind k)
{
	return k == ENTITY_PERSON ? "@" : k == ENTITY_PLACE ? "#" : "&";
}

void
ui_people_draw(struct ui *ui, WINDOW *win, int y, size_t k, int cursor,
    int focused)
{
	struct people *p;
	const struct entity *e;
	int w = ui_panel_cols(ui, win), cw;
	int sw = w >= 24 ? (w >= 40 ? 12 : 6) : 0;
	attr_t base = cursor ? ui->attr[focused ? CFG_cursor : CFG_cursor_idle]
	    : ui->attr[CFG_normal];
	char count[16], head[8], s[8 * 4 * 16 + 1];

	if (ui_people_held(ui)) {	/* made right after this screen */
		wmove(win, y, 0);
		ui_pad(win, w - ui_str(ui, win, ui->utf8 ? " \u2026" : " ...",
		    w, ui->attr[CFG_meta]), base);
		return;
	}
	p = people_sync(ui);	/* the placeholder's: now */
	if (k >= p->nent)	/* the placeholder found none */
		return;
	e = &p->ix->v[p->ent[k]];
	snprintf(count, sizeof count, " %u", (unsigned)people_shown(ui, p, k));
	snprintf(head, sizeof head, "%s%s ", p->sel[k] ? "[x]" : "[ ]",
	    kind_mark(e->kind));
	wmove(win, y, 0);
	cw = ui_str(ui, win, head, w, cursor ? base : p->sel[k] ?
	    ui->attr[CFG_selected] : ui->attr[CFG_marks]);
	cw += ui_cut(ui, win, e->label, strlen(e->label), w - cw -
	    (int)strlen(count) - sw - (sw > 0), cursor ? base : p->sel[k] ?
	    ui->attr[CFG_selected] : base, 0);
	ui_pad(win, w - cw - (int)strlen(count) - sw, base);
	if (sw > 0 && p->span.n > 0) {
		timeline_spark(p->months + k * p->span.n, p->span.n,
		    (size_t)sw, ui->utf8, s, sizeof s);
		ui_pad(win, sw - ui_str(ui, win, s, sw, cursor ? base :
		    ui->attr[CFG_meta]), base);
	} else
		ui_pad(win, sw, base);
	ui_str(ui, win, count, w, base);
}

int
ui_people_toggle(struct ui *ui, size_t k)
{
	struct people *p;

	if (ui_people_held(ui))
		return UI_HANDLED;
	p = people_sync(ui);
	if (k >= p->nent)
		return UI_HANDLED;
	p->sel[k] = !p->sel[k];
	snprintf(ui->req.say, sizeof ui->req.say, "%s %s", p->sel[k] ? "+" :
	    "-", p->ix->v[p->ent[k]].id);
	return UI_HANDLED | UI_FILTER | UI_REDRAW;
}

void
ui_people_select(struct ui *ui)
{
	const struct people *p = ui->people;
	uint32_t *e;
	size_t k, n = 0;

	if (p == NULL || p->v != ui->c->v || p->n != ui->c->n) {
		listmodel_set_entities(&ui->lm, NULL, 0);
		return;
	}
	e = xcalloc(p->nent + 1, sizeof *e);
	for (k = 0; k < p->nent; k++)
		if (p->sel[k])
			e[n++] = p->ent[k];
	listmodel_set_entities(&ui->lm, e, n);
	free(e);
}

void
ui_people_clear(struct ui *ui)
{
	struct people *p = ui->people;

	if (p != NULL)
		memset(p->sel, 0, p->nent);
}
