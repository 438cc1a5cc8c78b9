/* listmodel.c: the article list as shown: one filter (query_eval), sort
 * orders computed once per corpus, rows and per-theme counts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "entity.h"
#include "listmodel.h"
#include "query.h"
#include "util.h"

/* Orders language codes alphabetically. */
static int
cmp_lang(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Language code L (at most three bytes before its NUL, as an article's
 * field holds) as one number, for collect_langs. */
static uint32_t
lang_code(const char *l)
{
	const unsigned char *u = (const unsigned char *)l;
	uint32_t a = u[0], b = u[1], c = u[2];

	return a == 0 ? 0 : b == 0 ? a : c == 0 ? a | b << 8 :
	    a | b << 8 | c << 16;
}

/* Distinct article languages, sorted, for the language filter: a code
 * met before is known from one bit of a map over every three-byte code
 * (2 MB of address space, of which only the pages of codes met are
 * touched), so a million articles cost a few instructions each; a new
 * one goes into the list. */
static void
collect_langs(struct listmodel *m)
{
	uint64_t *seen = xcalloc(((size_t)1 << 24) / 64, sizeof *seen);
	uint32_t code;
	size_t i;

	for (i = 0; i < m->c->n; i++) {
		if ((code = lang_code(m->c->v[i].lang)) == 0 ||
		    seen[code / 64] >> (code % 64) & 1)
			continue;
		seen[code / 64] |= (uint64_t)1 << (code % 64);
		m->langs = xreallocarray(m->langs, m->nlangs + 1,
		    sizeof *m->langs);
		m->langs[m->nlangs++] = xstrndup(m->c->v[i].lang, 3);
	}
	free(seen);
	if (m->nlangs > 0)
		qsort(m->langs, m->nlangs, sizeof *m->langs, cmp_lang);
}

/* Frees the per-corpus arrays. */
static void
arrays_free(struct listmodel *m)
{
	size_t t;

	free(m->keep);
	free(m->bits);
	free(m->hitsets);
	m->hitsets = NULL;
	query_memo_free(m->memo);
	m->memo = NULL;
	free(m->rows);
	free(m->tsel);
	free(m->tcount);
	free(m->ents);
	m->ents = NULL;
	m->nents = 0;
	for (t = 0; t < SORT_N; t++) {
		free(m->perm[t]);
		m->perm[t] = NULL;
	}
	while (m->nlangs > 0)
		free(m->langs[--m->nlangs]);
	free(m->langs);
	m->langs = NULL;
}

/* Sizes the per-corpus arrays for C. */
static void
arrays_alloc(struct listmodel *m, struct corpus *c)
{
	m->c = c;
	m->keep = xcalloc(c->n + 1, 1);
	m->bits = xcalloc(c->n / 64 + 2, sizeof *m->bits);
	m->memo = query_memo_new();
	m->nhitsets = -1;
	m->rows = xcalloc(c->n + 1, sizeof *m->rows);
	m->tsel = xcalloc(c->nthemes + 1, 1);
	m->tcount = xcalloc(c->nthemes + 1, sizeof *m->tcount);
	m->nrows = 0;
	collect_langs(m);
}

void
listmodel_init(struct listmodel *m, struct corpus *c)
{
	memset(m, 0, sizeof *m);
	m->all_of = 1;
	m->lang = -1;
	arrays_alloc(m, c);
}

char **
listmodel_selected_ids(const struct listmodel *m, size_t *n)
{
	char **ids = xcalloc(m->c->nthemes + 1, sizeof *ids);
	size_t t;

	*n = 0;
	for (t = 0; t < m->c->nthemes; t++)
		if (m->tsel[t])
			ids[(*n)++] = xstrdup(m->c->themes[t].id);
	return ids;
}

void
listmodel_reset(struct listmodel *m, struct corpus *c, char **ids,
    size_t nids)
{
	char *lang = m->lang >= 0 ? xstrdup(m->langs[m->lang]) : NULL;
	size_t t, k;

	arrays_free(m);
	arrays_alloc(m, c);
	for (t = 0; t < c->nthemes; t++)
		for (k = 0; k < nids; k++)
			if (strcmp(ids[k], c->themes[t].id) == 0)
				m->tsel[t] = 1;
	/* the language by its code: the list of languages may change */
	m->lang = -1;
	for (k = 0; lang != NULL && k < m->nlangs; k++)
		if (strcmp(m->langs[k], lang) == 0)
			m->lang = (int)k;
	free(lang);
}

void
listmodel_free(struct listmodel *m)
{
	arrays_free(m);
	memset(m, 0, sizeof *m);
}

/* Does article A come before B in order SORT (source or title, then
 * the corpus order)? */
static int
before(const struct corpus *c, enum lm_sort sort, uint32_t a, uint32_t b)
{
	const struct article *x = &c->v[a], *y = &c->v[b];
	int r = sort == SORT_SOURCE ? strcoll(x->source, y->source) :
	    strcoll(x->title, y->title);

	return r != 0 ? r < 0 : a < b;
}

/* Sorts P[0..N) by BEFORE, merging runs through TMP: a merge sort takes
 * its context as an argument (qsort would need a global). */
static void
msort(const struct corpus *c, enum lm_sort sort, uint32_t *p, uint32_t *tmp,
    size_t n)
{
	size_t h = n / 2, i = 0, j = h, k = 0;

	if (n < 2)
		return;
	msort(c, sort, p, tmp, h);
	msort(c, sort, p + h, tmp, n - h);
	while (i < h && j < n)
		tmp[k++] = before(c, sort, p[j], p[i]) ? p[j++] : p[i++];
	while (i < h)
		tmp[k++] = p[i++];
	memcpy(p, tmp, k * sizeof *p);
}

/* Every article in the order of m->sort (not reversed), sorted once per
 * corpus: a filter change then walks it instead of sorting again. The
 * date order is the corpus's own (NULL). */
static const uint32_t *
sort_perm(struct listmodel *m)
{
	uint32_t i, *p, *tmp;

	if (m->sort == SORT_DATE || m->perm[m->sort] != NULL)
		return m->perm[m->sort];
	p = xcalloc(m->c->n + 1, sizeof *p);
	tmp = xcalloc(m->c->n + 1, sizeof *tmp);
	for (i = 0; i < m->c->n; i++)
		p[i] = i;
	msort(m->c, m->sort, p, tmp, m->c->n);
	free(tmp);
	return m->perm[m->sort] = p;
}

/* Packs KEEP[0..N) (bytes 0 or 1; NULL: all 1) into BITS, eight bytes
 * at a time: the multiplication moves byte k's low bit to bit 56 + k, no
 * two of its terms meet (so nothing carries), the rest falls off the top
 * or stays below. A toggle at a million articles walks no byte alone. */
static void
keep_bits(const unsigned char *keep, size_t n, uint64_t *bits)
{
	uint64_t x;
	size_t i;

	for (i = 0; i + 8 <= n; i += 8) {
		if (keep != NULL)
			memcpy(&x, keep + i, 8);
		else
			x = 0x0101010101010101ULL;
		x &= 0x0101010101010101ULL;
		bits[i / 64] |= ((x * 0x0102040810204080ULL) >> 56) << (i % 64);
	}
	for (; i < n; i++)
		if (keep == NULL || keep[i])
			bits[i / 64] |= (uint64_t)1 << (i % 64);
}

/* Per theme of C, the articles of BITS (the same as KEEP, NULL: every
 * one) having it: popcounts of each theme's set and BITS, a few hundred
 * thousand word operations at a million articles; without sets, from
 * each article's hits. */
static void
count_bits(const struct corpus *c, const uint64_t *bits,
    const unsigned char *keep, uint32_t *n)
{
	size_t t, i, h, nw = corpus_set_words(c);
	const uint64_t *set;

	memset(n, 0, c->nthemes * sizeof *n);
	if (c->nthemes > 0 && corpus_theme_set(c, 0) == NULL) {
		for (i = 0; i < c->n; i++)
			for (h = 0; (keep == NULL || keep[i]) &&
			    h < c->v[i].nhits; h++)
				if (c->v[i].hits[h].theme < c->nthemes)
					n[c->v[i].hits[h].theme]++;
		return;
	}
	for (t = 0; t < c->nthemes; t++)
		if ((set = corpus_theme_set(c, (unsigned)t)) != NULL)
			n[t] = (uint32_t)util_popcount_and(set, bits, nw);
}

void
listmodel_count(const struct corpus *c, const unsigned char *keep,
    uint32_t *n)
{
	size_t nw = corpus_set_words(c);
	uint64_t *bits = xcalloc(nw + 1, sizeof *bits);

	keep_bits(keep, c->n < nw * 64 ? c->n : nw * 64, bits);
	count_bits(c, bits, keep, n);
	free(bits);
}

/* Articles by their number of themes (m->hitsets), once per corpus: the
 * widest row of a filter is then a few word tests, not a look at each
 * shown article. */
static void
hit_sets(struct listmodel *m)
{
	size_t nw = m->c->n / 64 + 1, i, k, w, most = 0;
	uint64_t *row;

	for (i = 0; i < m->c->n; i++)
		if (m->c->v[i].nhits > most)
			most = m->c->v[i].nhits;
	m->hitsets = xcalloc(most * nw + 1, sizeof *m->hitsets);
	/* each article in the row of its number only, then each row takes
	 * the rows above it in: one write per article, not one per hit */
	for (i = 0; i < m->c->n; i++)
		if ((k = m->c->v[i].nhits) > 0)
			m->hitsets[(k - 1) * nw + i / 64] |=
			    (uint64_t)1 << (i % 64);
	for (k = most; k-- > 1; ) {
		row = m->hitsets + (k - 1) * nw;
		for (w = 0; w < nw; w++)
			row[w] |= row[nw + w];
	}
	m->nhitsets = (int)most;
}

/* The most themes of an article of the filter's bits. */
static int
max_hits(struct listmodel *m)
{
	size_t nw = m->c->n / 64 + 1, w;
	int k;

	if (m->nhitsets < 0)
		hit_sets(m);
	for (k = m->nhitsets; k > 0; k--)
		for (w = 0; w < nw; w++)
			if (m->hitsets[(size_t)(k - 1) * nw + w] & m->bits[w])
				return k;
	return 0;
}

/* The rows in the date order (the corpus's) from the bits: each set bit
 * found by its count of trailing zeros, backwards for REVERSE. */
static void
rows_by_date(struct listmodel *m)
{
	size_t nw = (m->c->n + 63) / 64, w, k;
	uint64_t x;
	int b;

	for (k = 0; k < nw; k++) {
		w = m->reverse ? nw - 1 - k : k;
		if (m->bits[w] == ~(uint64_t)0 && !m->reverse) {
			/* a word of all kept (no filter: every word) */
			for (b = 0; b < 64; b++)
				m->rows[m->nrows + (size_t)b] = w * 64 + (size_t)b;
			m->nrows += 64;
			continue;
		}
		for (x = m->bits[w]; x != 0; ) {
			b = m->reverse ? 63 - __builtin_clzll(x) :
			    __builtin_ctzll(x);
			m->rows[m->nrows++] = w * 64 + (size_t)b;
			x &= ~((uint64_t)1 << b);
		}
	}
}

/* Spreads the bits over KEEP, one byte (0 or 1) per article, eight at a
 * time: the People group and the timeline count from it. */
static void
bits_keep(struct listmodel *m)
{
	size_t n = m->c->n, i;
	uint64_t x;
	unsigned byte;

	for (i = 0; i + 8 <= n; i += 8) {
		byte = (unsigned)(m->bits[i / 64] >> (i % 64)) & 0xff;
		/* BYTE in every byte of X, byte k keeping bit k only; adding
		 * 0x7f to a byte sets its top bit when it is not 0 and never
		 * carries (at most 0x80 + 0x7f) */
		x = (byte * 0x0101010101010101ULL) & 0x8040201008040201ULL;
		x = ((x + 0x7f7f7f7f7f7f7f7fULL) >> 7) & 0x0101010101010101ULL;
		memcpy(m->keep + i, &x, 8);
	}
	for (; i < n; i++)
		m->keep[i] = m->bits[i / 64] >> (i % 64) & 1;
}

/* The shown rows, in list order, and the per-theme counts, from the
 * filter's bits. */
static void
build_rows(struct listmodel *m)
{
	const uint32_t *perm = sort_perm(m);
	size_t n = m->c->n, k, i;

	m->nrows = 0;
	bits_keep(m);
	if (perm == NULL)
		rows_by_date(m);
	else
		for (k = 0; k < n; k++) {
			i = perm[m->reverse ? n - 1 - k : k];
			if (m->bits[i / 64] >> (i % 64) & 1)
				m->rows[m->nrows++] = i;
		}
	m->maxhits = max_hits(m);
	count_bits(m->c, m->bits, m->keep, m->tcount);
}

/* The query of the filter: the typed text parsed, a bad one reported in
 * qerr and left out; then the selected themes and entities and the
 * language added as terms, not as text. */
static struct query *
filter_query(struct listmodel *m)
{
	struct query *q;

	m->qerr[0] = '\0';
	if ((q = query_parse(m->query, m->c, m->qerr, sizeof m->qerr)) == NULL) {
		if (m->qerr[0] == '\0')
			snprintf(m->qerr, sizeof m->qerr, "bad query");
		q = query_parse("", m->c, NULL, 0);
	}
	query_add_themes(q, m->c, m->tsel, m->all_of);
	query_add_entities(q, m->ents, m->nents, m->all_of);
	if (m->lang >= 0)
		query_add_lang(q, m->langs[m->lang]);
	return q;
}

void
listmodel_set_entities(struct listmodel *m, const uint32_t *e, size_t n)
{
	free(m->ents);
	m->ents = xcalloc(n + 1, sizeof *m->ents);
	if (n > 0)	/* E may be NULL then: no memcpy from NULL (UBSan) */
		memcpy(m->ents, e, n * sizeof *e);
	m->nents = n;
}

size_t
listmodel_filter(struct listmodel *m)
{
	struct query *q = filter_query(m);

	query_eval_set(q, m->c, m->memo, m->bits);
	query_free(q);
	build_rows(m);
	return m->nrows;
}

/* The selected entities as entity: terms, all of or any of as the
 * themes (the index is only asked when one is selected). */
static void
describe_entities(const struct listmodel *m, struct buf *b)
{
	const struct entity_index *ix;
	size_t k;

	if (m->nents == 0)
		return;
	ix = entity_index(m->c);
	for (k = 0; k < m->nents; k++)
		if (m->all_of || k == 0)
			buf_addf(b, "%sentity:%s", b->len > 0 ? " " : "",
			    ix->v[m->ents[k]].id);
		else
			buf_addf(b, ",%s", ix->v[m->ents[k]].id);
}

void
listmodel_describe(const struct listmodel *m, struct buf *b)
{
	size_t t;
	int first = 1;

	for (t = 0; t < m->c->nthemes; t++) {
		if (!m->tsel[t])
			continue;
		if (m->all_of || first)
			buf_addf(b, "%stheme:%s", b->len > 0 ? " " : "",
			    m->c->themes[t].id);
		else
			buf_addf(b, ",%s", m->c->themes[t].id);
		first = 0;
	}
	describe_entities(m, b);
	if (m->lang >= 0)
		buf_addf(b, "%slang:%s", b->len > 0 ? " " : "",
		    m->langs[m->lang]);
	if (m->query[0] != '\0')
		buf_addf(b, "%s%s", b->len > 0 ? " " : "", m->query);
}

long
listmodel_row_of(const struct listmodel *m, size_t art)
{
	size_t r;

	for (r = 0; r < m->nrows; r++)
		if (m->rows[r] == art)
			return (long)r;
	return -1;
}
