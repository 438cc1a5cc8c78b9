/* match.c: one pass of every lexicon term over an article's words, then scores, exclusions, proximity rules and evidence spans. */
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "match.h"
#include "text.h"
#include "util.h"

/*
 * Title and body words share one position line; the body starts far
 * enough after the title that no proximity window spans both.
 */
#define BODY_GAP	(LEX_MAX_WINDOW + 1)
#define MAX_AT		256	/* terms matching at one word */
#define MAX_TERM_WORDS	32	/* as lexicon.c allows */
#define CHUNK		(256 * 1024)	/* bytes of text tokenised at once */

/* One occurrence of a term. */
struct occ {
	uint32_t	 term;
	uint32_t	 pos;	/* first word */
	uint32_t	 end;	/* one past the last word */
	uint32_t	 para;	/* paragraph number (the title is 0) */
	uint32_t	 off;	/* bytes in the body; UINT32_MAX: in the title */
	uint32_t	 len;
	float		 weight;
	uint16_t	 theme;
	uint8_t		 kind;
	uint8_t		 used;	/* counted: evidence if the theme is a hit */
	uint8_t		 masked; /* inside one of the theme's exclusions */
};

/* Everything one article's matching needs. */
struct mstate {
	const struct lexicon *lex;
	struct occ	*v;
	size_t		 n;
	size_t		 cap;
	struct token	*tok;
	size_t		 tokcap;
	uint32_t	 para;	/* paragraphs seen in the body so far */
};

/* Records every term occurrence in the N words TOK, which start at byte
 * BOFF of the body; positions from BASE. */
static void
scan_tokens(struct mstate *m, const struct token *tok, size_t n,
    uint32_t base, uint32_t boff, int in_body)
{
	uint32_t ids[MAX_AT];
	size_t i, k, j;
	const struct lex_term *t;
	struct occ *o;

	for (i = 0; i < n; i++) {
		if (in_body && (tok[i].flags & TOKEN_PARA))
			m->para++;
		k = lexicon_match_at(m->lex, tok, n, i, ids, MAX_AT);
		for (j = 0; j < k; j++) {
			if (m->n >= m->cap) {
				m->cap = m->cap < 64 ? 64 : m->cap * 2;
				m->v = xreallocarray(m->v, m->cap, sizeof *m->v);
			}
			t = lexicon_term(m->lex, ids[j]);
			o = &m->v[m->n++];
			memset(o, 0, sizeof *o);
			o->term = ids[j];
			o->pos = base + (uint32_t)i;
			o->end = o->pos + t->ntok;
			o->para = in_body ? m->para : 0;
			o->off = in_body ? boff + tok[i].off : UINT32_MAX;
			o->len = tok[i + t->ntok - 1].off +
			    tok[i + t->ntok - 1].len - tok[i].off;
			o->weight = t->weight;
			o->theme = t->theme;
			o->kind = t->kind;
		}
	}
}

/* Records every term occurrence in the chunk TEXT[0..LEN), which starts
 * at byte BOFF of the body; positions from BASE. Returns its words. */
static size_t
scan_chunk(struct mstate *m, struct fold_cache *fc, const char *text,
    size_t len, uint32_t base, uint32_t boff, int in_body, int mid_para)
{
	size_t n;

	n = text_tokens(text, len, fc, &m->tok, &m->tokcap);
	if (n > 0 && mid_para)
		m->tok[0].flags &= ~(uint32_t)TOKEN_PARA;
	scan_tokens(m, m->tok, n, base, boff, in_body);
	return n;
}

/* Where the chunk from S[START] ends: at a blank line if there is one in
 * the second half of CHUNK bytes (no phrase or window crosses those),
 * else at a space or newline, else on a character boundary. */
static size_t
chunk_end(const char *s, size_t len, size_t start)
{
	size_t lim = start + CHUNK, i;

	if (len - start <= CHUNK)
		return len;
	for (i = lim; i > start + CHUNK / 2; i--)
		if (s[i - 1] == '\n' && s[i - 2] == '\n')
			return i;
	for (i = lim; i > start + CHUNK / 2; i--)
		if (s[i - 1] == ' ' || s[i - 1] == '\n')
			return i;
	for (i = lim; i > start + 1 && ((unsigned char)s[i] & 0xc0) == 0x80; i--)
		;
	return i;
}

/* Does the chunk starting at S[I] begin inside a paragraph (no blank line
 * just before it)? */
static int
mid_paragraph(const char *s, size_t i)
{
	int nl = 0;

	while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t' ||
	    s[i - 1] == '\n'))
		nl += s[--i] == '\n';
	return i > 0 && nl < 2;
}

/*
 * Records every term occurrence in TEXT, positions from BASE; returns the
 * number of words. Long texts go in chunks, so the word array stays
 * small however big the article is.
 */
static size_t
scan_text(struct mstate *m, struct fold_cache *fc, const char *text,
    size_t len, uint32_t base, int in_body)
{
	size_t start = 0, end, n = 0;

	while (start < len) {
		end = chunk_end(text, len, start);
		n += scan_chunk(m, fc, text + start, end - start,
		    base + (uint32_t)n, (uint32_t)start, in_body,
		    mid_paragraph(text, start));
		start = end;
	}
	return n;
}

/* Orders occurrences by theme, then position, longest and heaviest
 * first: of terms matching the same words, the first one counts. */
static int
cmp_occ(const void *a, const void *b)
{
	const struct occ *x = a, *y = b;

	if (x->theme != y->theme)
		return x->theme < y->theme ? -1 : 1;
	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	return x->term < y->term ? -1 : x->term > y->term;
}

/*
 * Puts the occurrences in cmp_occ order without a general sort: they
 * come out of the scan in position order, so a stable counting sort by
 * theme, then an insertion sort for the few that share a position, do
 * it in linear time (a 30 MB article has millions).
 */
static void
group_by_theme(struct mstate *m)
{
	size_t nth = lexicon_count(m->lex), i, j, *at;
	struct occ *w, tmp;

	if (m->n < 2)
		return;
	at = xcalloc(nth + 1, sizeof *at);
	for (i = 0; i < m->n; i++)
		at[m->v[i].theme + 1]++;
	for (i = 1; i <= nth; i++)
		at[i] += at[i - 1];
	w = xreallocarray(NULL, m->n, sizeof *w);
	for (i = 0; i < m->n; i++)
		w[at[m->v[i].theme]++] = m->v[i];
	free(at);
	for (i = 1; i < m->n; i++)
		for (j = i; j > 0 && cmp_occ(&w[j - 1], &w[j]) > 0; j--) {
			tmp = w[j];
			w[j] = w[j - 1];
			w[j - 1] = tmp;
		}
	free(m->v);
	m->v = w;
	m->cap = m->n;
}

/*
 * Marks the occurrences that overlap one of the theme's exclusions (V is
 * one theme, in position order). One sweep: the furthest end of the
 * exclusions starting at or before each occurrence, and the next
 * exclusion starting after it.
 */
static void
mark_masked(struct occ *v, size_t n)
{
	size_t i, k = 0, nn = 0, *nots = xcalloc(n + 1, sizeof *nots);
	uint32_t maxend = 0;

	for (i = 0; i < n; i++)
		if (v[i].kind == LEX_NOT)
			nots[nn++] = i;
	for (i = 0; i < n; i++) {
		for (; k < nn && v[nots[k]].pos <= v[i].pos; k++)
			if (v[nots[k]].end > maxend)
				maxend = v[nots[k]].end;
		v[i].masked = v[i].kind != LEX_NOT && (maxend > v[i].pos ||
		    (k < nn && v[nots[k]].pos < v[i].end));
	}
	free(nots);
}

/* Plain terms: each counts once where it is not excluded and not inside
 * a longer match of the same theme ("natural gas" hides its "gas"). */
static float
score_plain(struct occ *v, size_t n)
{
	uint32_t covered = 0;
	float score = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (v[i].kind != LEX_PLAIN || v[i].pos < covered || v[i].masked)
			continue;
		v[i].used = 1;
		covered = v[i].end;
		score += v[i].weight;
	}
	return score;
}

/* The occurrences of one group of a rule, in position order, and a
 * cursor that only moves forward as the anchors do. */
struct group {
	size_t	*v;
	size_t	 n;
	size_t	 lo;
};

/* Words between A and B, or -1 when they overlap or (ORDERED) B is not
 * after A. */
static long
gap_between(const struct occ *a, const struct occ *b, int ordered)
{
	if (b->pos >= a->end)
		return (long)(b->pos - a->end);
	if (b->end <= a->pos && !ordered)
		return (long)(a->pos - b->end);
	return -1;
}

/* The nearest occurrence of group G that anchor A can pair with under
 * RULE, or NULL. Only occurrences that can be in the window are looked
 * at, so a huge article costs time in proportion to its size. */
static struct occ *
find_partner(struct occ *v, struct group *g, const struct occ *a,
    const struct lex_rule *rule)
{
	long w = rule->window < 0 ? -1 : rule->window, gap, best = -1;
	struct occ *b, *found = NULL;
	size_t j;

	if (w < 0 && !rule->ordered && g->n > 0 &&
	    gap_between(a, &v[g->v[0]], 0) >= 0)
		return &v[g->v[0]];	/* anywhere: the first one will do */
	while (g->lo < g->n && (long)v[g->v[g->lo]].pos + MAX_TERM_WORDS +
	    (w < 0 ? 0 : w) < (long)a->pos)
		g->lo++;
	for (j = g->lo; j < g->n; j++) {
		b = &v[g->v[j]];
		if (w >= 0 && (long)b->pos > (long)a->end + w)
			break;
		if (w >= 0 && b->para != a->para)
			continue;
		if ((gap = gap_between(a, b, rule->ordered)) < 0 ||
		    (w >= 0 && gap > w))
			continue;
		if (found == NULL || gap < best) {
			found = b;
			best = gap;
		}
		if (w < 0 || b->pos >= a->end)
			break;	/* later ones are further away */
	}
	return found;
}

/* Proximity rule R: each anchor (a group-0 occurrence) with every other
 * group near it adds the rule's weight once. */
static float
score_rule(const struct lexicon *lex, struct occ *v, size_t n, uint32_t r)
{
	const struct lex_rule *rule = lexicon_rule(lex, r);
	struct group grp[LEX_MAX_GROUPS] = { { 0 } };
	struct occ *partner[LEX_MAX_GROUPS];
	const struct lex_term *t;
	uint32_t covered = 0;
	float score = 0;
	size_t i;
	int g;

	for (i = 0; i < n; i++) {
		if (v[i].kind != LEX_NEAR || v[i].masked)
			continue;
		t = lexicon_term(lex, v[i].term);
		if (t->rule != r)
			continue;
		if (grp[t->group].v == NULL)
			grp[t->group].v = xcalloc(n, sizeof(size_t));
		grp[t->group].v[grp[t->group].n++] = i;
	}
	for (i = 0; i < grp[0].n; i++) {
		struct occ *a = &v[grp[0].v[i]];
		if (a->pos < covered)
			continue;
		for (g = 1; g < rule->ngroups; g++)
			if ((partner[g] = find_partner(v, &grp[g], a, rule)) == NULL)
				break;
		if (g < rule->ngroups)
			continue;
		for (g = 1; g < rule->ngroups; g++)
			partner[g]->used = 1;
		a->used = 1;
		covered = a->end;
		score += rule->weight;
	}
	for (g = 0; g < LEX_MAX_GROUPS; g++)
		free(grp[g].v);
	return score;
}

/* Orders hits strongest first, then by lexicon order. */
static int
cmp_hit(const void *a, const void *b)
{
	const struct theme_hit *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->theme < y->theme ? -1 : x->theme > y->theme;
}

/* Orders spans by offset, then length, then theme. */
static int
cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->theme < y->theme ? -1 : x->theme > y->theme;
}

/* Adds the body evidence of theme TH (V[0..N), position order): one
 * span per run of overlapping counted occurrences ("Shanghai" and
 * "Shanghai Spirit" give one). */
static void
add_spans(const struct occ *v, size_t n, uint16_t th,
    struct match_result *out)
{
	struct span *last = NULL;
	size_t i, k;

	for (i = 0, k = 0; i < n; i++)
		k += v[i].used && v[i].off != UINT32_MAX;
	out->spans = xreallocarray(out->spans, out->nspans + k + 1,
	    sizeof *out->spans);
	for (i = 0; i < n; i++) {
		if (!v[i].used || v[i].off == UINT32_MAX)
			continue;
		if (last != NULL && v[i].off < last->off + last->len) {
			if (v[i].off + v[i].len > last->off + last->len)
				last->len = v[i].off + v[i].len - last->off;
			continue;
		}
		last = &out->spans[out->nspans++];
		*last = (struct span){ v[i].off, v[i].len, th };
	}
}

/* Scores theme TH (its occurrences are V[0..N)); adds a hit and, if
 * wanted, its evidence spans when it reaches the threshold. */
static void
score_theme(const struct lexicon *lex, struct occ *v, size_t n,
    uint16_t th, int want_spans, struct match_result *out)
{
	float score;
	size_t r;

	mark_masked(v, n);
	score = score_plain(v, n);
	for (r = 0; r < lexicon_nrules(lex); r++)
		if (lexicon_rule(lex, (uint32_t)r)->theme == th)
			score += score_rule(lex, v, n, (uint32_t)r);
	if (score < lexicon_threshold(lex, th))
		return;
	out->hits = xreallocarray(out->hits, out->nhits + 1, sizeof *out->hits);
	out->hits[out->nhits++] = (struct theme_hit){ th, score };
	if (want_spans)
		add_spans(v, n, th, out);
}

/* Drops repeated spans (the same words counted by two terms). */
static void
spans_unique(struct match_result *out)
{
	size_t i, k = 0;

	for (i = 0; i < out->nspans; i++)
		if (k == 0 || cmp_span(&out->spans[k - 1], &out->spans[i]) != 0)
			out->spans[k++] = out->spans[i];
	out->nspans = k;
}

/* Matches all themes against TITLE and BODY in one pass over the words. */
void
match_article(const struct lexicon *lex, struct fold_cache *fc,
    const char *title, const char *body, size_t len, int want_spans,
    struct match_result *out)
{
	match_article_tokens(lex, fc, title, body, len, NULL, 0, want_spans,
	    out);
}

/* As match_article; a body of one chunk is read from TOK when given (the
 * same tokens scan_chunk would make), so the loader tokenises it once
 * for matching and discovery. */
void
match_article_tokens(const struct lexicon *lex, struct fold_cache *fc,
    const char *title, const char *body, size_t len,
    const struct token *tok, size_t ntok, int want_spans,
    struct match_result *out)
{
	struct mstate m = { .lex = lex };
	size_t ntitle = 0, i, start;

	memset(out, 0, sizeof *out);
	if (lex == NULL || lexicon_count(lex) == 0 || fc == NULL)
		return;
	if (title != NULL)
		ntitle = scan_text(&m, fc, title, strlen(title), 0, 0);
	if (body != NULL && tok != NULL && len <= CHUNK)
		scan_tokens(&m, tok, ntok, (uint32_t)ntitle + BODY_GAP, 0, 1);
	else if (body != NULL)
		scan_text(&m, fc, body, len, (uint32_t)ntitle + BODY_GAP, 1);
	free(m.tok);
	group_by_theme(&m);
	for (start = 0, i = 1; i <= m.n; i++)
		if (i == m.n || m.v[i].theme != m.v[start].theme) {
			score_theme(lex, m.v + start, i - start,
			    m.v[start].theme, want_spans, out);
			start = i;
		}
	free(m.v);
	if (out->nhits > 1)
		qsort(out->hits, out->nhits, sizeof *out->hits, cmp_hit);
	if (out->nspans > 1) {
		qsort(out->spans, out->nspans, sizeof *out->spans, cmp_span);
		spans_unique(out);
	}
}

/* Frees a result and resets it. */
void
match_result_free(struct match_result *r)
{
	free(r->hits);
	free(r->spans);
	memset(r, 0, sizeof *r);
}
