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

/* Records every term occurrence in TEXT, positions from BASE. */
static size_t
scan_text(struct mstate *m, struct fold_cache *fc, const char *text,
    size_t len, uint32_t base, int in_body)
{
	uint32_t ids[MAX_AT];
	size_t n, i, k, j;
	const struct lex_term *t;
	struct occ *o;

	n = text_tokens(text, len, fc, &m->tok, &m->tokcap);
	for (i = 0; i < n; i++) {
		if (in_body && (m->tok[i].flags & TOKEN_PARA))
			m->para++;
		k = lexicon_match_at(m->lex, m->tok, n, i, ids, MAX_AT);
		for (j = 0; j < k; j++) {
			if (m->n >= m->cap) {
				m->cap = m->cap < 64 ? 64 : m->cap * 2;
				m->v = xreallocarray(m->v, m->cap, sizeof *m->v);
			}
			t = lexicon_term(m->lex, ids[j]);
			o = &m->v[m->n++];
			o->term = ids[j];
			o->pos = base + (uint32_t)i;
			o->end = o->pos + t->ntok;
			o->para = in_body ? m->para : 0;
			o->off = in_body ? m->tok[i].off : UINT32_MAX;
			o->len = m->tok[i + t->ntok - 1].off +
			    m->tok[i + t->ntok - 1].len - m->tok[i].off;
			o->weight = t->weight;
			o->theme = t->theme;
			o->kind = t->kind;
			o->used = 0;
		}
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

/* Is O inside one of the theme's exclusions (V[0..N) is one theme)? */
static int
masked(const struct occ *v, size_t n, const struct occ *o)
{
	size_t i;

	for (i = 0; i < n && v[i].pos < o->end; i++)
		if (v[i].kind == LEX_NOT && v[i].end > o->pos)
			return 1;
	return 0;
}

/* Plain terms: each counts once where it is not excluded and not inside
 * a longer match of the same theme ("natural gas" hides its "gas"). */
static float
score_plain(const struct lexicon *lex, struct occ *v, size_t n)
{
	uint32_t covered = 0;
	float score = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (v[i].kind != LEX_PLAIN || v[i].pos < covered ||
		    masked(v, n, &v[i]))
			continue;
		v[i].used = 1;
		covered = v[i].end;
		score += v[i].weight;
	}
	return score;
}

/* Is there an occurrence of group G of rule R within the rule's window
 * of anchor A (same paragraph, after A if the rule is ordered), not
 * overlapping it? Marks the nearest one used. */
static int
near_partner(const struct lexicon *lex, struct occ *v, size_t n,
    const struct occ *a, uint32_t r, int g)
{
	const struct lex_rule *rule = lexicon_rule(lex, r);
	const struct lex_term *t;
	struct occ *best = NULL;
	uint32_t gap, bestgap = UINT32_MAX;
	size_t i;

	for (i = 0; i < n; i++) {
		if (v[i].kind != LEX_NEAR)
			continue;
		t = lexicon_term(lex, v[i].term);
		if (t->rule != r || t->group != g || masked(v, n, &v[i]))
			continue;
		if (rule->window >= 0 && v[i].para != a->para)
			continue;
		if (v[i].end <= a->pos && !rule->ordered)
			gap = a->pos - v[i].end;
		else if (v[i].pos >= a->end)
			gap = v[i].pos - a->end;
		else
			continue;	/* overlaps (one phrase is not two),
					 * or before A in an ordered rule */
		if ((rule->window < 0 || gap <= (uint32_t)rule->window) &&
		    gap < bestgap) {
			best = &v[i];
			bestgap = gap;
		}
	}
	if (best != NULL)
		best->used = 1;
	return best != NULL;
}

/* Proximity rule R: each anchor (a group-0 occurrence) with every other
 * group near it adds the rule's weight once. */
static float
score_rule(const struct lexicon *lex, struct occ *v, size_t n, uint32_t r)
{
	const struct lex_rule *rule = lexicon_rule(lex, r);
	const struct lex_term *t;
	uint32_t covered = 0;
	float score = 0;
	size_t i;
	int g;

	for (i = 0; i < n; i++) {
		if (v[i].kind != LEX_NEAR || v[i].pos < covered)
			continue;
		t = lexicon_term(lex, v[i].term);
		if (t->rule != r || t->group != 0 || masked(v, n, &v[i]))
			continue;
		for (g = 1; g < rule->ngroups; g++)
			if (!near_partner(lex, v, n, &v[i], r, g))
				break;
		if (g < rule->ngroups)
			continue;
		v[i].used = 1;
		covered = v[i].end;
		score += rule->weight;
	}
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

/* Scores theme TH (its occurrences are V[0..N)); adds a hit and, if
 * wanted, its evidence spans when it reaches the threshold. */
static void
score_theme(const struct lexicon *lex, struct occ *v, size_t n,
    uint16_t th, int want_spans, struct match_result *out)
{
	float score = score_plain(lex, v, n);
	size_t r, i;

	for (r = 0; r < lexicon_nrules(lex); r++)
		if (lexicon_rule(lex, (uint32_t)r)->theme == th)
			score += score_rule(lex, v, n, (uint32_t)r);
	if (score < lexicon_threshold(lex, th))
		return;
	out->hits = xreallocarray(out->hits, out->nhits + 1, sizeof *out->hits);
	out->hits[out->nhits++] = (struct theme_hit){ th, score };
	if (!want_spans)
		return;
	for (i = 0; i < n; i++) {
		if (!v[i].used || v[i].off == UINT32_MAX)
			continue;
		out->spans = xreallocarray(out->spans, out->nspans + 1,
		    sizeof *out->spans);
		out->spans[out->nspans++] = (struct span){ v[i].off, v[i].len,
		    th };
	}
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
	struct mstate m = { .lex = lex };
	size_t ntitle = 0, i, start;

	memset(out, 0, sizeof *out);
	if (lex == NULL || lexicon_count(lex) == 0 || fc == NULL)
		return;
	if (title != NULL)
		ntitle = scan_text(&m, fc, title, strlen(title), 0, 0);
	if (body != NULL)
		scan_text(&m, fc, body, len, (uint32_t)ntitle + BODY_GAP, 1);
	free(m.tok);
	if (m.n > 1)	/* m.v is NULL when nothing matched */
		qsort(m.v, m.n, sizeof *m.v, cmp_occ);
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
