/* story.c: one event in many languages: articles linked by rare shared entities, themes and numbers within a few days. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "entity.h"
#include "lexicon.h"
#include "story.h"
#include "util.h"

#define SCAN_MAX	1024	/* postings an article walks for neighbours */
#define CAND_MAX	128	/* neighbours it compares itself with */
#define F_THEME		0x40000000u
#define F_NUMBER	0x80000000u

/* Weights of a feature kind, times its rarity. A place says less than
 * the rest: many events happen in one capital, and a report names the
 * places around an event too; a found name may be a common word. */
#define W_ENTITY	1.0f	/* people, organisations */
#define W_PLACE		0.5f
#define W_FOUND		0.7f
#define W_THEME		1.0f
#define W_NUMBER	1.0f	/* amounts, as values (number.h) */

/* One feature of an article. */
struct feat {
	uint32_t	key;
	float		w;
};

/* An article's features, sorted by key, and its vector's length. */
struct fvec {
	struct feat	*f;
	size_t		 n;
	float		 norm;
};

/* A feature's articles, in day order (a slice of build.art). */
struct posting {
	uint32_t	 key;
	uint32_t	 n;
	const uint32_t	*art;
};

/* A pair of articles similar enough to be one story. */
struct edge {
	uint32_t	a, b;
	float		sim;
};

/* Everything the build works with. */
struct build {
	struct corpus	*c;
	const struct entity_index *ix;
	size_t		 n;
	int32_t		*day;
	struct fvec	*fv;
	struct feat	*feat;		/* every article's features, fv[i].f
					   a slice of it: one block, not one
					   per article */
	size_t		 nent, nthemes;	/* entities, lexicon themes */
	uint32_t	*num;		/* distinct amounts (30 bits), sorted */
	size_t		 nnum;
	uint32_t	*start;		/* postings: slot s's articles are */
	uint32_t	*art;		/* art[start[s]..start[s + 1]) */
	struct edge	*e;
	size_t		 ne, ecap;
	uint32_t	*parent;
	int32_t		*lo, *hi;	/* a root's day span */
	float		*central;
};

/* Global, a memo: the stories of the last corpus asked about (every
 * pane and batch mode asks; one corpus per process). */
static struct {
	const struct corpus *c;
	const struct article *v;
	size_t		 n;
	int		 built;
	struct story_index si;
	uint32_t	*all;		/* every story's articles */
} S;

/* Reads "YYYY-MM-DD" of digits straight into *Y, *M, *D: 1, or 0 for
 * any other form (left to sscanf). The sparklines ask for every
 * article's day at each drawing; sscanf made that most of a first
 * screen. */
static int
day_digits(const char *d, int *y, int *m, int *dd)
{
	static const unsigned char at[8] = { 0, 1, 2, 3, 5, 6, 8, 9 };
	int v[8], k;

	for (k = 0; k < 8; k++) {
		if (d[at[k]] < '0' || d[at[k]] > '9')
			return 0;
		v[k] = d[at[k]] - '0';
	}
	if (d[4] != '-' || d[7] != '-')
		return 0;
	*y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
	*m = v[4] * 10 + v[5];
	*dd = v[6] * 10 + v[7];
	return 1;
}

int32_t
story_day(const char *d)
{
	int y, m, dd;
	long days;

	if (d == NULL || strlen(d) != 10 || (!day_digits(d, &y, &m, &dd) &&
	    sscanf(d, "%4d-%2d-%2d", &y, &m, &dd) != 3) || m < 1 || m > 12 ||
	    dd < 1 || dd > 31)
		return INT32_MIN;
	/* days from civil (proleptic Gregorian), after H. Hinnant */
	y -= m <= 2;
	{
		long era = (y >= 0 ? y : y - 399) / 400;
		long yoe = y - era * 400;
		long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
		long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

		days = era * 146097 + doe - 719468;
	}
	return (int32_t)days;
}

/* Orders features by key. */
static int
cmp_feat(const void *a, const void *b)
{
	uint32_t x = ((const struct feat *)a)->key;
	uint32_t y = ((const struct feat *)b)->key;

	return x < y ? -1 : x > y;
}

/* Orders uint32_t. */
static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* How rare a feature in DF of N articles is. */
static float
rarity(size_t df, size_t n)
{
	return df == 0 ? 0 : (float)log(1.0 + (double)n / (double)df);
}

/* Document frequency of each distinct number hash: sorted ALL with
 * counts, looked up by bsearch. */
struct numdf {
	uint32_t	*v;
	uint32_t	*df;
	size_t		 n;
};

/* Counts in how many articles each number occurs. */
static void
numdf_build(struct numdf *nd, const struct entity_index *ix)
{
	size_t total = ix->noff[ix->narticles], i, k = 0;
	uint32_t *all = xmalloc((total ? total : 1) * sizeof *all);

	if (total > 0)	/* ix->nums is NULL without numbers */
		memcpy(all, ix->nums, total * sizeof *all);
	qsort(all, total, sizeof *all, cmp_u32);
	nd->df = xcalloc(total ? total : 1, sizeof *nd->df);
	for (i = 0; i < total; i++) {
		if (k == 0 || all[k - 1] != all[i])
			all[k++] = all[i];
		nd->df[k - 1]++;
	}
	nd->v = all;
	nd->n = k;
}

/* Articles number X occurs in. */
static uint32_t
numdf_get(const struct numdf *nd, uint32_t x)
{
	const uint32_t *p = bsearch(&x, nd->v, nd->n, sizeof x, cmp_u32);

	return p == NULL ? 0 : nd->df[p - nd->v];
}

/* Appends feature KEY of weight W to V (its slice has room). */
static void
feat_push(struct fvec *v, uint32_t key, float w)
{
	if (w <= 0)
		return;
	v->f[v->n].key = key;
	v->f[v->n++].w = w;
}

/* How central a feature named M times is to its article: 0.5 for a
 * mention in passing, 1 from three on. A long report names many places
 * and bodies once; what it is about it names again and again. */
static float
salience(unsigned m)
{
	return m >= 3 ? 1.0f : m <= 1 ? 0.5f : 0.75f;
}

/* The salience of theme hit H: its score over the theme's threshold
 * (one threshold's worth is a mention in passing). */
static float
theme_salience(const struct corpus *c, const struct theme_hit *h)
{
	float t = c->lex != NULL && h->theme < lexicon_count(c->lex) ?
	    lexicon_threshold(c->lex, h->theme) : 1;

	return salience((unsigned)(h->score / (t > 0 ? t : 1) + 0.5f));
}

/* The most features article I can have: its entities, hits and
 * amounts. */
static size_t
feat_room(const struct build *B, size_t i)
{
	const struct entity_index *ix = B->ix;

	return ix->off[i + 1] - ix->off[i] + B->c->v[i].nhits +
	    ix->noff[i + 1] - ix->noff[i];
}

/* Article I's feature vector, in its slice F of B->feat. */
static void
features(struct build *B, size_t i, struct feat *f, const struct numdf *nd)
{
	const struct entity_index *ix = B->ix;
	const struct article *a = &B->c->v[i];
	struct fvec *v = &B->fv[i];
	size_t j;
	double sq = 0;

	v->f = f;

	for (j = ix->off[i]; j < ix->off[i + 1]; j++) {
		const struct entity *e = &ix->v[ix->ents[j]];

		feat_push(v, ix->ents[j], rarity(e->count, B->n) *
		    salience(ix->mentions[j]) *
		    (e->kind == ENTITY_FOUND ? W_FOUND :
		    e->kind == ENTITY_PLACE ? W_PLACE : W_ENTITY));
	}
	for (j = 0; j < a->nhits; j++)
		if (B->c->themes[a->hits[j].theme].kind == THEME_LEXICON)
			feat_push(v, F_THEME | a->hits[j].theme,
			    W_THEME * theme_salience(B->c, &a->hits[j]) *
			    rarity(B->c->themes[a->hits[j].theme].count, B->n));
	for (j = ix->noff[i]; j < ix->noff[i + 1]; j++)
		feat_push(v, F_NUMBER | (ix->nums[j] & 0x3fffffffu),
		    W_NUMBER * salience(1) *
		    rarity(numdf_get(nd, ix->nums[j]), B->n));
	if (v->n > 1)
		qsort(v->f, v->n, sizeof *v->f, cmp_feat);
	for (j = 0; j < v->n; j++)
		sq += (double)v->f[j].w * v->f[j].w;
	v->norm = (float)sqrt(sq);
}

/* Cosine of articles A and B's vectors (a merge of two sorted lists). */
static float
similarity(const struct build *B, uint32_t a, uint32_t b)
{
	const struct fvec *x = &B->fv[a], *y = &B->fv[b];
	size_t i = 0, j = 0;
	double dot = 0;

	if (x->norm == 0 || y->norm == 0)
		return 0;
	while (i < x->n && j < y->n) {
		if (x->f[i].key < y->f[j].key)
			i++;
		else if (x->f[i].key > y->f[j].key)
			j++;
		else {
			dot += (double)x->f[i].w * y->f[j].w;
			i++;
			j++;
		}
	}
	return (float)(dot / ((double)x->norm * y->norm));
}

/* Orders (key, rank) pairs, or (day, article) pairs as uint64s. */
static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The dated articles of B in (day, article) order into ORDER; returns
 * how many. */
static size_t
day_order(const struct build *B, uint32_t *order)
{
	uint64_t *v = xcalloc(B->n + 1, sizeof *v);
	size_t i, k = 0;

	for (i = 0; i < B->n; i++)
		if (B->day[i] != INT32_MIN)
			v[k++] = (uint64_t)((uint32_t)B->day[i] ^ 0x80000000u)
			    << 32 | i;
	qsort(v, k, sizeof *v, cmp_u64);
	for (i = 0; i < k; i++)
		order[i] = (uint32_t)v[i];
	free(v);
	return k;
}

/* The slot of feature KEY among B's postings: entities first (their
 * ids), then lexicon themes, then the distinct amounts (B->num). */
static uint32_t
key_slot(const struct build *B, uint32_t key)
{
	uint32_t x = key & 0x3fffffffu;
	const uint32_t *p;

	if (key & F_NUMBER) {
		p = bsearch(&x, B->num, B->nnum, sizeof x, cmp_u32);
		return (uint32_t)(B->nent + B->nthemes + (size_t)(p - B->num));
	}
	if (key & F_THEME)
		return (uint32_t)(B->nent + x);
	return key;
}

/* The distinct amounts as features key them (30 bits) into B->num,
 * from the sorted distinct hashes ND. */
static void
amounts(struct build *B, const struct numdf *nd)
{
	size_t i, k = 0;

	B->num = xmalloc((nd->n ? nd->n : 1) * sizeof *B->num);
	for (i = 0; i < nd->n; i++)
		B->num[i] = nd->v[i] & 0x3fffffffu;
	if (nd->n > 1)
		qsort(B->num, nd->n, sizeof *B->num, cmp_u32);
	for (i = 0; i < nd->n; i++)
		if (k == 0 || B->num[k - 1] != B->num[i])
			B->num[k++] = B->num[i];
	B->nnum = k;
}

/*
 * The postings of every feature of a dated article, in day order: the
 * articles of slot s (key_slot) are B->art[B->start[s]..B->start[s+1]).
 * Counted, then placed in day order: no (key, article) pairs to sort,
 * which with qsort's copy were 40 MB at 100,000 articles, the top of a
 * first --list.
 */
static void
postings(struct build *B)
{
	uint32_t *order = xcalloc(B->n + 1, sizeof *order), *st;
	size_t nd = day_order(B, order), i, j, s, nslot;
	const struct fvec *v;

	nslot = B->nent + B->nthemes + B->nnum;
	st = B->start = xcalloc(nslot + 2, sizeof *B->start);
	for (i = 0; i < nd; i++)
		for (v = &B->fv[order[i]], j = 0; j < v->n; j++)
			st[key_slot(B, v->f[j].key) + 2]++;
	for (s = 2; s < nslot + 2; s++)
		st[s] += st[s - 1];
	B->art = xmalloc((st[nslot + 1] ? st[nslot + 1] : 1) *
	    sizeof *B->art);
	for (i = 0; i < nd; i++)	/* st[s + 1]: where slot s is at */
		for (v = &B->fv[order[i]], j = 0; j < v->n; j++)
			B->art[st[key_slot(B, v->f[j].key) + 1]++] = order[i];
	free(order);
}

/* The posting list of feature KEY (an article's: it has one). */
static struct posting
posting_get(const struct build *B, uint32_t key)
{
	uint32_t s = key_slot(B, key);
	struct posting p;

	p.key = key;
	p.n = B->start[s + 1] - B->start[s];
	p.art = B->art + B->start[s];
	return p;
}

/* Orders an article's features rarest (heaviest) first. */
static int
cmp_weight(const void *a, const void *b)
{
	float x = ((const struct feat *)a)->w, y = ((const struct feat *)b)->w;

	if (x != y)
		return x > y ? -1 : 1;
	return cmp_feat(a, b);
}

/* Records edge A-B when similar enough. */
static void
edge_try(struct build *B, uint32_t a, uint32_t b)
{
	float s = similarity(B, a, b);

	if (s < STORY_MIN)
		return;
	if (B->ne == B->ecap) {	/* doubling, then by an eighth: at
				   100,000 articles a million edges */
		B->ecap = B->ecap < (1u << 16) ? (B->ecap ? B->ecap * 2 : 256) :
		    B->ecap + B->ecap / 8;
		B->e = xreallocarray(B->e, B->ecap, sizeof *B->e);
	}
	B->e[B->ne++] = (struct edge){ a, b, s };
}

/* Compares article A with later articles (by index) that share its
 * rarest features within STORY_DAYS, a bounded number of them. */
static void
neighbours(struct build *B, uint32_t a, uint32_t *stamp)
{
	struct feat *order;
	size_t j, k, scanned = 0, cands = 0, nf = B->fv[a].n;
	int32_t d = B->day[a];

	if (d == INT32_MIN || nf == 0)
		return;
	order = xmalloc(nf * sizeof *order);
	memcpy(order, B->fv[a].f, nf * sizeof *order);
	qsort(order, nf, sizeof *order, cmp_weight);
	for (j = 0; j < nf && scanned < SCAN_MAX && cands < CAND_MAX; j++) {
		struct posting p = posting_get(B, order[j].key);
		size_t lo = 0, hi = p.n, mid;

		while (lo < hi) {	/* first article on day d - DAYS */
			mid = (lo + hi) / 2;
			if (B->day[p.art[mid]] < d - STORY_DAYS)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (k = lo; k < p.n && B->day[p.art[k]] <= d + STORY_DAYS &&
		    scanned < SCAN_MAX && cands < CAND_MAX; k++, scanned++) {
			uint32_t b = p.art[k];

			if (b <= a || stamp[b] == a + 1)
				continue;
			stamp[b] = a + 1;
			cands++;
			edge_try(B, a, b);
		}
	}
	free(order);
}

/* Orders edges strongest first (then by articles: the same result on
 * every run). */
static int
cmp_edge(const void *x, const void *y)
{
	const struct edge *a = x, *b = y;

	if (a->sim != b->sim)
		return a->sim > b->sim ? -1 : 1;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

/* Moves edge I of the heap E[0..N) down to its place (the strongest at
 * the leaves: edges_sort's order). */
static void
edge_sift(struct edge *e, size_t i, size_t n)
{
	struct edge x = e[i];
	size_t c;

	while ((c = 2 * i + 1) < n) {
		if (c + 1 < n && cmp_edge(&e[c], &e[c + 1]) < 0)
			c++;
		if (cmp_edge(&x, &e[c]) >= 0)
			break;
		e[i] = e[c];
		i = c;
	}
	e[i] = x;
}

/* Sorts the N edges at E in cmp_edge's order, in place: glibc's qsort
 * copies an array this big (12 MB at 100,000 articles) to merge it.
 * cmp_edge is a total order, so any sort gives the same. */
static void
edges_sort(struct edge *e, size_t n)
{
	struct edge t;
	size_t i;

	for (i = n / 2; i-- > 0; )
		edge_sift(e, i, n);
	for (i = n; i-- > 1; ) {
		t = e[0];
		e[0] = e[i];
		e[i] = t;
		edge_sift(e, 0, i);
	}
}

/* The root of article X's story so far. */
static uint32_t
root(struct build *B, uint32_t x)
{
	while (B->parent[x] != x)
		x = B->parent[x] = B->parent[B->parent[x]];
	return x;
}

/* Joins the stories of each edge, strongest first, unless the joined
 * story would span more than STORY_SPAN days. */
static void
cluster(struct build *B)
{
	size_t i;

	B->parent = xmalloc((B->n ? B->n : 1) * sizeof *B->parent);
	B->lo = xmalloc((B->n ? B->n : 1) * sizeof *B->lo);
	B->hi = xmalloc((B->n ? B->n : 1) * sizeof *B->hi);
	B->central = xcalloc(B->n ? B->n : 1, sizeof *B->central);
	for (i = 0; i < B->n; i++) {
		B->parent[i] = (uint32_t)i;
		B->lo[i] = B->hi[i] = B->day[i];
	}
	edges_sort(B->e, B->ne);
	for (i = 0; i < B->ne; i++) {
		uint32_t x = root(B, B->e[i].a), y = root(B, B->e[i].b);
		int32_t lo, hi;

		if (x == y)
			continue;
		lo = B->lo[x] < B->lo[y] ? B->lo[x] : B->lo[y];
		hi = B->hi[x] > B->hi[y] ? B->hi[x] : B->hi[y];
		if (hi - lo > STORY_SPAN)
			continue;
		B->parent[y] = x;
		B->lo[x] = lo;
		B->hi[x] = hi;
	}
	for (i = 0; i < B->ne; i++)
		if (root(B, B->e[i].a) == root(B, B->e[i].b)) {
			B->central[B->e[i].a] += B->e[i].sim;
			B->central[B->e[i].b] += B->e[i].sim;
		}
}

/* Is article A a better head for its story than B: more central, then
 * earlier, then first in the corpus? */
static int
better_head(const struct build *B, uint32_t a, uint32_t b)
{
	int d;

	if (B->central[a] != B->central[b])
		return B->central[a] > B->central[b];
	d = strcmp(B->c->v[a].date, B->c->v[b].date);
	if (d != 0 && B->c->v[a].date[0] && B->c->v[b].date[0])
		return d < 0;
	return a < b;
}

/* Adds LANG ("??" when unknown) to L, a sorted comma-separated set of
 * at most LEN - 1 bytes (a language that does not fit is left out). */
static void
lang_add(char *l, size_t len, const char *lang)
{
	const char *in = lang[0] ? lang : "??", *p = l;
	size_t n = strlen(in), at, ln = strlen(l);

	for (at = 0; *p != '\0'; ) {
		size_t w = strcspn(p, ",");
		int d = memcmp(p, in, w < n ? w : n);

		if (d == 0)
			d = w < n ? -1 : w > n;
		if (d == 0)
			return;		/* there already */
		if (d > 0)
			break;
		p += w + (p[w] == ',');
		at = (size_t)(p - l);
	}
	if (ln + n + 2 > len)
		return;
	if (at == ln && ln > 0) {	/* at the end: ",xx" */
		memcpy(l + ln, ",", 1);
		memcpy(l + ln + 1, in, n + 1);
		return;
	}
	memmove(l + at + n + (ln > 0), l + at, ln - at + 1);
	memcpy(l + at, in, n);
	if (ln > 0)
		l[at + n] = ',';
}

/* Numbers the stories in article order into SI->of, counts them into
 * SI->n and sizes them (narticles, articles a slice of *ALL). */
static void
story_slices(struct build *B, struct story_index *si, uint32_t **all)
{
	uint32_t *num = xmalloc((B->n ? B->n : 1) * sizeof *num);
	size_t i, k;

	si->of = xmalloc((B->n ? B->n : 1) * sizeof *si->of);
	for (i = 0; i < B->n; i++)
		num[i] = UINT32_MAX;
	for (i = 0; i < B->n; i++) {
		uint32_t r = root(B, (uint32_t)i);

		if (num[r] == UINT32_MAX)
			num[r] = (uint32_t)si->n++;
		si->of[i] = num[r];
	}
	free(num);
	si->v = xcalloc(si->n + 1, sizeof *si->v);
	for (i = 0; i < B->n; i++)
		si->v[si->of[i]].narticles++;
	*all = xmalloc((B->n ? B->n : 1) * sizeof **all);
	for (i = 0, k = 0; i < si->n; i++) {
		si->v[i].articles = *all + k;
		k += si->v[i].narticles;
		si->v[i].narticles = 0;
	}
}

/* Makes the story rows: ids in article order, their articles one block
 * (*ALL), not one allocation per story. */
static void
stories(struct build *B, struct story_index *si, uint32_t **all)
{
	size_t i;

	story_slices(B, si, all);
	for (i = 0; i < B->n; i++) {
		struct story *s = &si->v[si->of[i]];

		if (s->narticles == 0) {
			snprintf(s->id, sizeof s->id, "s%u", si->of[i] + 1);
			s->head = (uint32_t)i;
		}
		s->articles[s->narticles++] = (uint32_t)i;
		if (better_head(B, (uint32_t)i, s->head))
			s->head = (uint32_t)i;
		if (B->c->v[i].date[0] && (!s->date[0] ||
		    strcmp(B->c->v[i].date, s->date) < 0))
			memcpy(s->date, B->c->v[i].date, sizeof s->date);
		lang_add(s->langs, sizeof s->langs, B->c->v[i].lang);
	}
}

/* Frees the features and their postings (compared: no longer needed). */
static void
feat_drop(struct build *B)
{
	free(B->feat);
	free(B->start);
	free(B->art);
	free(B->num);
	B->feat = NULL;
	B->start = NULL;
	B->art = NULL;
	B->num = NULL;
}

/* Frees the build's scratch. */
static void
build_free(struct build *B)
{
	feat_drop(B);
	free(B->fv);
	free(B->day);
	free(B->e);
	free(B->parent);
	free(B->lo);
	free(B->hi);
	free(B->central);
}

/* Groups the articles of C into S.si. */
static void
index_build(struct corpus *c)
{
	struct build B = { 0 };
	struct numdf nd = { 0 };
	uint32_t *stamp;
	size_t i, room;

	B.c = c;
	B.ix = entity_index(c);
	util_heap_trim();	/* what the entity index's build let go */
	B.n = c->n;
	B.day = xmalloc((B.n ? B.n : 1) * sizeof *B.day);
	B.fv = xcalloc(B.n ? B.n : 1, sizeof *B.fv);
	for (i = 0, room = 0; i < B.n; i++)
		room += feat_room(&B, i);
	B.feat = xmalloc((room ? room : 1) * sizeof *B.feat);
	numdf_build(&nd, B.ix);
	for (i = 0, room = 0; i < B.n; i++) {
		B.day[i] = story_day(c->v[i].date);
		features(&B, i, B.feat + room, &nd);
		room += feat_room(&B, i);
	}
	B.nent = B.ix->n;
	B.nthemes = c->lex != NULL ? lexicon_count(c->lex) : 0;
	amounts(&B, &nd);
	free(nd.v);
	free(nd.df);
	postings(&B);
	stamp = xcalloc(B.n ? B.n : 1, sizeof *stamp);
	for (i = 0; i < B.n; i++)
		neighbours(&B, (uint32_t)i, stamp);
	free(stamp);
	feat_drop(&B);	/* before the clustering's arrays */
	cluster(&B);
	stories(&B, &S.si, &S.all);
	build_free(&B);
}

void
story_free(void)
{
	free(S.all);
	free(S.si.v);
	free(S.si.of);
	memset(&S, 0, sizeof S);
}

const struct story_index *
story_index(struct corpus *c)
{
	if (S.built && S.c == c && S.v == c->v && S.n == c->n)
		return &S.si;
	story_free();
	S.c = c;
	S.v = c->v;
	S.n = c->n;
	index_build(c);
	S.built = 1;
	return &S.si;
}

long
story_find(const struct story_index *si, const char *id)
{
	char *end;
	unsigned long k;

	if ((id[0] != 's' && id[0] != 'S') || id[1] < '1' || id[1] > '9')
		return -1;
	k = strtoul(id + 1, &end, 10);
	return *end == '\0' && k >= 1 && k <= si->n ? (long)k - 1 : -1;
}
