/* ui_marks.c: the read marks of the shown corpus, one bit per article, looked up once per corpus (state_read_set), so that drawing a row or counting the unread of a million articles asks the state nothing. */
#include <stdlib.h>

#include "corpus.h"
#include "state.h"
#include "ui_view.h"
#include "util.h"

/* Looks up the marks of every article of the corpus shown. */
void
ui_marks_load(struct ui *ui)
{
	size_t w, nw = (ui->c->n + 63) / 64;

	free(ui->readbits);
	ui->readbits = xcalloc(nw + 1, sizeof *ui->readbits);
	state_read_set(ui->st, ui->c->v, ui->c->n, ui->readbits);
	ui->nread = 0;
	for (w = 0; w < nw; w++)
		ui->nread += (size_t)__builtin_popcountll(ui->readbits[w]);
}

/* Frees the bits (the views are gone). */
void
ui_marks_free(struct ui *ui)
{
	free(ui->readbits);
	ui->readbits = NULL;
}

/* Is article ART marked read? */
int
ui_is_read(const struct ui *ui, size_t art)
{
	return art < ui->c->n && ui->readbits != NULL &&
	    (ui->readbits[art / 64] >> (art % 64) & 1);
}

/* Marks ART read or unread, in the state and the bits. */
void
ui_set_read(struct ui *ui, size_t art, int read)
{
	uint64_t bit = (uint64_t)1 << (art % 64);

	if (art >= ui->c->n || ui->readbits == NULL)
		return;
	state_set_read(ui->st, ui->c->v[art].path, read);
	if (!(ui->readbits[art / 64] & bit) == !read)
		return;		/* no change */
	ui->readbits[art / 64] ^= bit;
	ui->nread += read ? 1 : (size_t)-1;
}

/* How many of the N articles V are unread. */
size_t
ui_unread(const struct ui *ui, const size_t *v, size_t n)
{
	const uint64_t *bits = ui->readbits;
	size_t i, k = 0, an = ui->c->n;

	if (ui->nread == 0 || bits == NULL)
		return n;	/* nothing read: no walk (a million rows) */
	for (i = 0; i < n; i++)
		k += v[i] < an && (bits[v[i] / 64] >> (v[i] % 64) & 1);
	return n - k;
}
