/* ui_spark.c: the themes panel's sparklines: each theme's articles per month over the corpus's span, and each article's month (the People group's sparklines read it too). */
#include <stdlib.h>

#include "corpus.h"
#include "timeline.h"
#include "ui_draw.h"
#include "ui_view.h"
#include "util.h"

/* Per-theme counts per month over the corpus span, made again when the
 * corpus changes; and each article's month, which the People group's
 * sparklines read too (parsed once per corpus, not once per group). */
struct spark {
	const struct article *v;
	size_t		 n, nthemes;
	struct timeline_span span;
	uint32_t	*counts;	/* nthemes rows of span.n */
	const struct article *mv;	/* the corpus of MONTHS */
	size_t		 mn;
	int32_t		*months;	/* timeline_periods(BY_MONTH) */
};

void
ui_spark_free(struct ui *ui)
{
	struct spark *t = ui->spark;

	if (t != NULL) {
		free(t->counts);
		free(t->months);
	}
	free(t);
	ui->spark = NULL;
}

const int32_t *
ui_months(struct ui *ui)
{
	struct spark *t = ui->spark;

	if (t == NULL)
		t = ui->spark = xcalloc(1, sizeof *t);
	if (t->months == NULL || t->mv != ui->c->v || t->mn != ui->c->n) {
		free(t->months);
		t->months = timeline_periods(ui->c, BY_MONTH);
		t->mv = ui->c->v;
		t->mn = ui->c->n;
	}
	return t->months;
}

/* Are the counts of the corpus shown now made? */
static int
spark_made(const struct ui *ui)
{
	const struct spark *t = ui->spark;

	return t != NULL && t->counts != NULL && t->v == ui->c->v &&
	    t->n == ui->c->n && t->nthemes == ui->c->nthemes;
}

int
ui_spark_held(struct ui *ui)
{
	return !spark_made(ui) && ui_later(ui);
}

/* The per-theme monthly counts of the corpus shown now. */
static const struct spark *
spark_counts(struct ui *ui)
{
	const int32_t *per = ui_months(ui);	/* dates parsed once */
	struct spark *t = ui->spark;
	unsigned th;

	if (spark_made(ui))
		return t;
	free(t->counts);
	t->v = ui->c->v;
	t->n = ui->c->n;
	t->nthemes = ui->c->nthemes;
	timeline_span_of(per, ui->c->n, BY_MONTH, &t->span);
	t->counts = xcalloc(t->nthemes * t->span.n + 1, sizeof *t->counts);
	for (th = 0; th < t->nthemes; th++)
		timeline_count_set(ui->c, &t->span, per,
		    corpus_theme_set(ui->c, th), t->counts + th * t->span.n);
	return t;
}

int
ui_theme_spark(struct ui *ui, WINDOW *win, size_t theme, int cols,
    attr_t attr)
{
	const struct spark *t;
	char s[8 * 4 * 64 + 1];

	if (cols <= 0 || ui_spark_held(ui))
		return 0;	/* blank on a big corpus's first screen */
	t = spark_counts(ui);
	if (theme >= t->nthemes || t->span.n == 0)
		return 0;
	timeline_spark(t->counts + theme * t->span.n, t->span.n,
	    (size_t)(cols < 64 ? cols : 64), ui->utf8, s, sizeof s);
	return ui_str(ui, win, s, cols, attr);
}
