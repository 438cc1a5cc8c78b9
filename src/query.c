/* query.c: the filter language: terms parsed once into a small program,
 * evaluated metadata first so that theme toggles stay instant. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "entity.h"
#include "hash.h"
#include "query.h"
#include "text.h"
#include "util.h"
#include "windex.h"

#define THEMES_LISTED	200	/* bytes of theme ids shown in an error */
#define SOURCES_MAX	32	/* source: terms (bits of a memo entry) */

enum qkind { Q_THEME, Q_LANG, Q_SOURCE, Q_AFTER, Q_BEFORE, Q_DATE, Q_TEXT,
    Q_ENTITY };

/* One term of the query. */
struct qterm {
	enum qkind	 kind;
	int		 neg;
	unsigned char	*themes;	/* Q_THEME: bit set over the theme table */
	char		**vals;		/* Q_LANG codes; Q_SOURCE needle;
					   Q_TEXT folded words in order */
	size_t		 nvals;
	size_t		*lens;		/* Q_TEXT: byte length of each word */
	char		 date[11];	/* Q_AFTER, Q_BEFORE, Q_DATE */
	int		 prefix;	/* Q_TEXT: last word is a prefix */
	unsigned	 srcbit;	/* Q_SOURCE: its bit in source_bits */
	uint32_t	*ents;		/* Q_ENTITY from query_add_entities: */
	size_t		 nents;		/*   numbers in the entity index */
};

struct query {
	struct qterm	*t;
	size_t		 n;
	size_t		 ntext;		/* Q_TEXT terms */
	unsigned	 nsource;	/* Q_SOURCE terms */
	char		**hl;		/* query_words, NULL-ended; NULL until asked */
	size_t		 nhl;
};

/* What the parser carries from term to term. */
struct parser {
	const struct corpus *c;
	struct query	*q;
	char		*err;
	size_t		 errlen;
	const char	*term;		/* the whole term, for messages */
	int		 termlen;
};

/* ASCII classes: the query syntax is ASCII (values may not be). */
static int
is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
	    ch == '\f' || ch == '\v';
}

/* Is CH an ASCII letter (field names, language codes)? */
static int
is_alpha(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* CH in lower case, ASCII only. */
static char
to_lower(char ch)
{
	return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

/* Writes "WHAT "VAL" in "TERM" HINT" about the current term to the
 * caller's buffer (VAL and HINT may be NULL). Returns -1. */
static int
perr(struct parser *P, const char *what, const char *val, size_t vlen,
    const char *hint)
{
	if (val != NULL)
		snprintf(P->err, P->errlen, "%s \"%.*s\" in \"%.*s\"%s%s", what,
		    (int)vlen, val, P->termlen, P->term, hint ? " " : "",
		    hint ? hint : "");
	else
		snprintf(P->err, P->errlen, "%s in \"%.*s\"%s%s", what,
		    P->termlen, P->term, hint ? " " : "", hint ? hint : "");
	return -1;
}

/* Appends a new, zeroed term to Q. */
static struct qterm *
term_add(struct query *q, enum qkind kind, int neg)
{
	struct qterm *t;

	q->t = xreallocarray(q->t, q->n + 1, sizeof *q->t);
	t = &q->t[q->n++];
	memset(t, 0, sizeof *t);
	t->kind = kind;
	t->neg = neg;
	return t;
}

/* Is Y a leap year? */
static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Parses YYYY, YYYY-MM or YYYY-MM-DD into OUT (what is missing stays
 * missing for Q_DATE, is "-01" for the others). 0 or -1. */
static int
parse_date(const char *s, size_t len, int pad, char out[11])
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y, m = 1, d = 1;
	size_t i;

	if (len != 4 && len != 7 && len != 10)
		return -1;
	for (i = 0; i < len; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return -1;
	y = atoi(s);
	if (len >= 7)
		m = (s[5] - '0') * 10 + (s[6] - '0');
	if (len == 10)
		d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !leap(y)))
		return -1;
	if (pad)
		snprintf(out, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	else {
		memcpy(out, s, len);
		out[len] = '\0';
	}
	return 0;
}

/* Splits V on commas into folded-for-ASCII values; empty ones are an
 * error. */
static int
split_values(struct parser *P, struct qterm *t, const char *v, size_t len)
{
	size_t i = 0, j, k;

	for (;;) {
		for (j = i; j < len && v[j] != ','; j++)
			;
		if (j == i)
			return perr(P, "empty value", NULL, 0, NULL);
		t->vals = xreallocarray(t->vals, t->nvals + 1, sizeof *t->vals);
		t->vals[t->nvals] = xstrndup(v + i, j - i);
		for (k = 0; k < j - i; k++)
			t->vals[t->nvals][k] = to_lower(t->vals[t->nvals][k]);
		t->nvals++;
		if (j == len)
			return 0;
		i = j + 1;
	}
}

/* Writes "(themes: a, b, ...)" for an unknown theme message. */
static void
theme_list(const struct corpus *c, char *out, size_t outlen)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	buf_adds(&b, c != NULL && c->nthemes ? "(themes: " :
	    "(no themes loaded");
	for (i = 0; c != NULL && i < c->nthemes; i++) {
		if (b.len > THEMES_LISTED) {
			buf_adds(&b, ", ...");
			break;
		}
		buf_addf(&b, "%s%s", i ? ", " : "", c->themes[i].id);
	}
	buf_addc(&b, ')');
	snprintf(out, outlen, "%s", b.s);
	buf_free(&b);
}

/* Index of theme ID: as written, else compared folded. -1 if none. */
static int
theme_find(const struct corpus *c, const char *id)
{
	size_t flen;
	char *f;
	int t;

	if (c == NULL)
		return -1;
	if ((t = corpus_theme(c, id)) >= 0)
		return t;
	f = text_fold(id, strlen(id), &flen);
	t = corpus_theme(c, f);
	free(f);
	return t;
}

/* theme:a,b: a bit set of the themes named. */
static int
term_theme(struct parser *P, struct qterm *t)
{
	char list[THEMES_LISTED + 64];
	size_t i;
	int k;

	t->themes = xcalloc((P->c != NULL ? P->c->nthemes : 0) / 8 + 1, 1);
	for (i = 0; i < t->nvals; i++) {
		if ((k = theme_find(P->c, t->vals[i])) < 0) {
			theme_list(P->c, list, sizeof list);
			snprintf(P->err, P->errlen, "unknown theme \"%s\" %s",
			    t->vals[i], list);
			return -1;
		}
		t->themes[k / 8] |= (unsigned char)(1u << (k % 8));
	}
	return 0;
}

/* lang:pl,de: two or three letters each. */
static int
term_lang(struct parser *P, struct qterm *t)
{
	size_t i, k, n;

	for (i = 0; i < t->nvals; i++) {
		n = strlen(t->vals[i]);
		for (k = 0; k < n && is_alpha(t->vals[i][k]); k++)
			;
		if (k < n || n < 2 || n > 3)
			return perr(P, "bad language code", t->vals[i], n,
			    "(two letters, as in lang:pl)");
	}
	return 0;
}

/* Folds a word or phrase into its tokens; a trailing '*' asks for a
 * prefix match of the last one. */
static int
term_text(struct parser *P, struct qterm *t, const char *v, size_t len)
{
	struct fold_cache *fc;
	struct token *tok = NULL;
	size_t cap = 0, n, i;

	while (len > 0 && v[len - 1] == '*') {
		t->prefix = 1;
		len--;
	}
	fc = fold_cache_new();
	n = text_tokens(v, len, fc, &tok, &cap);
	t->vals = xcalloc(n + 1, sizeof *t->vals);
	t->lens = xcalloc(n + 1, sizeof *t->lens);
	for (i = 0; i < n; i++) {
		t->vals[i] = xstrndup(tok[i].norm, tok[i].nlen);
		t->lens[i] = tok[i].nlen;
	}
	t->nvals = n;
	free(tok);
	fold_cache_free(fc);
	if (n == 0)
		return perr(P, "nothing to search for", NULL, 0, NULL);
	P->q->ntext++;
	return 0;
}

/* source:a,b: folded substrings, any of. */
static int
term_source(struct parser *P, struct qterm *t, const char *v, size_t vlen)
{
	size_t i, flen;
	char *f;

	if (P->q->nsource == SOURCES_MAX)
		return perr(P, "too many source terms", NULL, 0, NULL);
	t->srcbit = P->q->nsource++;
	if (split_values(P, t, v, vlen) == -1)
		return -1;
	for (i = 0; i < t->nvals; i++) {
		f = text_fold(t->vals[i], strlen(t->vals[i]), &flen);
		free(t->vals[i]);
		t->vals[i] = f;
	}
	return 0;
}

/* The field names; query_field and the shell completions list them. */
static const char *const field_names[] = { "theme", "lang", "source",
    "after", "before", "date", "entity", "who", "where" };
#define NFIELDS	(sizeof field_names / sizeof *field_names)

const char *
query_field(size_t i)
{
	return i < NFIELDS ? field_names[i] : NULL;
}

/* entity:a,b (who:, where:): gazetteer ids, or found names ("n:...",
 * known only once the corpus is indexed: an absent one matches none). */
static int
term_entity(struct parser *P, struct qterm *t)
{
	size_t i;

	for (i = 0; i < t->nvals; i++)
		if (strncmp(t->vals[i], "n:", 2) != 0 &&
		    !entity_known(t->vals[i]))
			return perr(P, "unknown entity", t->vals[i],
			    strlen(t->vals[i]), "(see tread --entities)");
	return 0;
}

/* A field:value term. F is the field name, V its value. */
static int
term_field(struct parser *P, int neg, const char *f, size_t flen,
    const char *v, size_t vlen)
{
	static const enum qkind kinds[] = { Q_THEME, Q_LANG, Q_SOURCE,
	    Q_AFTER, Q_BEFORE, Q_DATE, Q_ENTITY, Q_ENTITY, Q_ENTITY };
	struct qterm *t;
	size_t i, k;

	for (i = 0; i < NFIELDS; i++) {
		for (k = 0; k < flen && to_lower(f[k]) == field_names[i][k];
		    k++)
			;
		if (k == flen && field_names[i][k] == '\0')
			break;
	}
	if (i == NFIELDS)
		return perr(P, "unknown field", f, flen, "(fields: theme, "
		    "lang, source, after, before, date, entity, who, where)");
	if (vlen == 0)
		return perr(P, "empty value", NULL, 0, NULL);
	t = term_add(P->q, kinds[i], neg);
	switch (t->kind) {
	case Q_THEME:
		return split_values(P, t, v, vlen) == -1 ? -1 : term_theme(P, t);
	case Q_LANG:
		return split_values(P, t, v, vlen) == -1 ? -1 : term_lang(P, t);
	case Q_SOURCE:
		return term_source(P, t, v, vlen);
	case Q_ENTITY:
		return split_values(P, t, v, vlen) == -1 ? -1 : term_entity(P, t);
	default:
		if (parse_date(v, vlen, t->kind != Q_DATE, t->date) == -1)
			return perr(P, "bad date", v, vlen, "(use YYYY-MM-DD, "
			    "YYYY-MM or YYYY)");
		return 0;
	}
}

/* Reads a quoted string starting at *P (on the quote); sets V/VLEN to
 * its inside and moves *P past it. -1 when the quote never closes. */
static int
read_quoted(const char **p, const char **v, size_t *vlen)
{
	const char *end = strchr(*p + 1, '"');

	if (end == NULL)
		return -1;
	*v = *p + 1;
	*vlen = (size_t)(end - *v);
	*p = end + 1;
	return 0;
}

/* Parses the term at *SP, moving *SP past it. */
static int
parse_term(struct parser *P, const char **sp)
{
	const char *p = *sp, *f = NULL, *v;
	size_t flen = 0, vlen;
	int neg = 0, rc;

	P->term = p;
	if (*p == '-') {
		neg = 1;
		p++;
	}
	for (v = p; is_alpha(*v); v++)
		;
	if (*v == ':' && v > p) {
		f = p;
		flen = (size_t)(v - p);
		p = v + 1;
	}
	if (*p == '"') {
		if (read_quoted(&p, &v, &vlen) == -1) {
			P->termlen = (int)strlen(P->term);
			return perr(P, "unterminated quote", NULL, 0, NULL);
		}
	} else {
		for (v = p; *p != '\0' && !is_space(*p); p++)
			;
		vlen = (size_t)(p - v);
	}
	while (*p != '\0' && !is_space(*p))
		p++;	/* text glued to a closing quote belongs to the term */
	P->termlen = (int)(p - P->term);
	*sp = p;
	if (f != NULL)
		rc = term_field(P, neg, f, flen, v, vlen);
	else if (vlen == 0 && v[-1] != '"')
		rc = perr(P, "nothing after '-'", NULL, 0, NULL);
	else
		rc = term_text(P, term_add(P->q, Q_TEXT, neg), v, vlen);
	return rc;
}

/* Builds the NULL-ended list of folded words and phrases to highlight. */
static void
build_words(struct query *q)
{
	struct buf b;
	size_t i, k;

	q->hl = xcalloc(q->ntext + 1, sizeof *q->hl);
	for (i = 0; i < q->n; i++) {
		if (q->t[i].kind != Q_TEXT || q->t[i].neg)
			continue;
		buf_init(&b);
		for (k = 0; k < q->t[i].nvals; k++) {
			if (k > 0)
				buf_addc(&b, ' ');
			buf_adds(&b, q->t[i].vals[k]);
		}
		if (q->t[i].prefix)
			buf_addc(&b, '*');
		q->hl[q->nhl++] = buf_steal(&b, NULL);
	}
}

struct query *
query_parse(const char *query, const struct corpus *c, char *err,
    size_t errlen)
{
	struct parser P = { c, NULL, err, errlen, NULL, 0 };
	const char *p = query;

	P.q = xcalloc(1, sizeof *P.q);
	if (errlen > 0)
		err[0] = '\0';
	for (;;) {
		while (is_space(*p))
			p++;
		if (*p == '\0')
			break;
		if (parse_term(&P, &p) == -1) {
			query_free(P.q);
			return NULL;
		}
	}
	return P.q;
}

void
query_free(struct query *q)
{
	size_t i, k;

	if (q == NULL)
		return;
	for (i = 0; i < q->n; i++) {
		for (k = 0; k < q->t[i].nvals; k++)
			free(q->t[i].vals[k]);
		free(q->t[i].vals);
		free(q->t[i].lens);
		free(q->t[i].themes);
		free(q->t[i].ents);
	}
	for (i = 0; i < q->nhl; i++)
		free(q->hl[i]);
	free(q->hl);
	free(q->t);
	free(q);
}

void
query_add_themes(struct query *q, const struct corpus *c,
    const unsigned char *sel, int all_of)
{
	struct qterm *t = NULL;
	size_t k;

	for (k = 0; k < c->nthemes; k++) {
		if (!sel[k])
			continue;
		if (t == NULL || all_of) {
			t = term_add(q, Q_THEME, 0);
			t->themes = xcalloc(c->nthemes / 8 + 1, 1);
		}
		t->themes[k / 8] |= (unsigned char)(1u << (k % 8));
	}
}

void
query_add_entities(struct query *q, const uint32_t *e, size_t n, int all_of)
{
	struct qterm *t = NULL;
	size_t k;

	for (k = 0; k < n; k++) {
		if (t == NULL || all_of) {
			t = term_add(q, Q_ENTITY, 0);
			t->ents = xcalloc(all_of ? 1 : n, sizeof *t->ents);
		}
		t->ents[t->nents++] = e[k];
	}
}

void
query_add_lang(struct query *q, const char *code)
{
	struct qterm *t = term_add(q, Q_LANG, 0);

	t->vals = xcalloc(1, sizeof *t->vals);
	t->vals[0] = xstrdup(code);
	t->nvals = 1;
}

/* Is one of source term T's folded values inside S, compared folded? */
static int
fold_contains(const char *s, const struct qterm *t)
{
	size_t flen, i;
	char *f = text_fold(s, strlen(s), &flen);
	int hit = 0;

	for (i = 0; i < t->nvals && !hit; i++)
		hit = strstr(f, t->vals[i]) != NULL;
	free(f);
	return hit;
}

/* The source terms' results per distinct source string: sources repeat
 * (a corpus has a few dozen), and folding each article's would cost
 * about a millisecond per thousand articles. */
struct memo_ent {
	const char	*s;
	uint64_t	 h;
	uint32_t	 bits;
};
struct memo {
	struct memo_ent	*e;	/* in the order met */
	size_t		 cap, n;
	struct hash	 slot;	/* over e */
};

/* The hash of memo entry I (hash_grow). */
static uint64_t
memo_hash(const void *ctx, uint32_t i)
{
	return ((const struct memo *)ctx)->e[i].h;
}

/* Bit K set when source term K holds for SOURCE. */
static uint32_t
source_bits(const struct query *q, struct memo *m, const char *source)
{
	uint64_t h = hash_bytes(HASH_INIT, source, strlen(source));
	uint32_t bits = 0, *s;
	size_t i, pos;

	if (hash_full(&m->slot))
		hash_grow(&m->slot, memo_hash, m);
	for (s = hash_first(&m->slot, h, &pos); *s != 0;
	    s = hash_next(&m->slot, &pos))
		if (m->e[*s - 1].h == h && strcmp(m->e[*s - 1].s, source) == 0)
			return m->e[*s - 1].bits;
	for (i = 0; i < q->n; i++)
		if (q->t[i].kind == Q_SOURCE && fold_contains(source, &q->t[i]))
			bits |= 1u << q->t[i].srcbit;
	if (m->n == m->cap)
		m->e = xreallocarray(m->e, m->cap = m->cap ? m->cap * 2 : 32,
		    sizeof *m->e);
	m->e[m->n++] = (struct memo_ent){ source, h, bits };
	*s = (uint32_t)m->n;
	hash_placed(&m->slot);
	return bits;
}

/* Does metadata term T hold for article A (SRC: its source bits)? */
static int
eval_meta(const struct qterm *t, const struct article *a, size_t nthemes,
    uint32_t src)
{
	size_t i;

	switch (t->kind) {
	case Q_THEME:
		for (i = 0; i < a->nhits; i++)
			if (a->hits[i].theme < nthemes &&
			    t->themes[a->hits[i].theme / 8] &
			    (1u << (a->hits[i].theme % 8)))
				return 1;
		return 0;
	case Q_LANG:
		for (i = 0; i < t->nvals; i++)
			if (strcmp(a->lang, t->vals[i]) == 0)
				return 1;
		return 0;
	case Q_SOURCE:
		return (src >> t->srcbit) & 1;
	case Q_AFTER:
		return strcmp(a->date, t->date) >= 0;
	case Q_BEFORE:
		return strcmp(a->date, t->date) < 0;
	case Q_DATE:
		return strncmp(a->date, t->date, strlen(t->date)) == 0;
	default:
		return 1;
	}
}

/* Do the metadata terms of Q all hold for A? A date term never holds
 * for an undated article, so its negation always does: "-after:2024"
 * keeps what is not known to be from 2024 on. */
static int
meta_ok(const struct query *q, const struct article *a, size_t nthemes,
    struct memo *m, int themes_done)
{
	uint32_t src = q->nsource ? source_bits(q, m, a->source) : 0;
	size_t i;

	for (i = 0; i < q->n; i++) {
		const struct qterm *t = &q->t[i];

		if (t->kind == Q_TEXT || t->kind == Q_ENTITY ||
		    (t->kind == Q_THEME && themes_done))
			continue;
		if (a->date[0] == '\0' && (t->kind == Q_AFTER ||
		    t->kind == Q_BEFORE || t->kind == Q_DATE)) {
			if (!t->neg)
				return 0;
		} else if (eval_meta(t, a, nthemes, src) == t->neg)
			return 0;
	}
	return 1;
}

/* Does text term T occur at token I of TOK (N tokens)? */
static int
text_at(const struct qterm *t, const struct token *tok, size_t n, size_t i)
{
	size_t k, last = t->nvals - 1;

	if (n - i < t->nvals)
		return 0;
	for (k = 0; k < t->nvals; k++) {
		const struct token *w = &tok[i + k];

		if (k == last && t->prefix) {
			if (w->nlen < t->lens[k] ||
			    memcmp(w->norm, t->vals[k], t->lens[k]) != 0)
				return 0;
		} else if (w->nlen != t->lens[k] ||
		    memcmp(w->norm, t->vals[k], t->lens[k]) != 0)
			return 0;
	}
	return 1;
}

/* Marks in FOUND the text terms of Q that occur in S; only those with
 * WANT set (every text term when WANT is NULL). */
static void
text_scan(const struct query *q, const char *s, size_t len,
    struct fold_cache *fc, struct token **tok, size_t *cap,
    const unsigned char *want, unsigned char *found)
{
	size_t n = text_tokens(s, len, fc, tok, cap), i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < q->n; j++)
			if (!found[j] && q->t[j].kind == Q_TEXT &&
			    (want == NULL || want[j]) &&
			    text_at(&q->t[j], *tok, n, i))
				found[j] = 1;
}

/* The scratch of the text checks, made once per evaluation. */
struct scan {
	struct fold_cache *fc;
	struct token	*tok;
	size_t		 cap;
	unsigned char	*found;
	unsigned char	*want;		/* terms the index left open */
};

/* Do the text terms of Q (those in WANT, or all when it is NULL) hold
 * for article I? Reads its title and body. */
static int
text_ok(const struct query *q, struct corpus *c, size_t i, struct scan *S,
    const unsigned char *want)
{
	const char *body;
	size_t len, j;

	memset(S->found, 0, q->n);
	text_scan(q, c->v[i].title, strlen(c->v[i].title), S->fc, &S->tok,
	    &S->cap, want, S->found);
	if ((body = corpus_body(c, i, &len)) != NULL)
		text_scan(q, body, len, S->fc, &S->tok, &S->cap, want,
		    S->found);
	for (j = 0; j < q->n; j++)
		if (q->t[j].kind == Q_TEXT && (want == NULL || want[j]) &&
		    S->found[j] == q->t[j].neg)
			return 0;
	return 1;
}

/* Is bit I of SET set? */
static int
bit(const uint64_t *set, size_t i)
{
	return set[i / 64] >> (i % 64) & 1;
}

/* Sets in SET the articles of C's index having text term T: its word,
 * or for a phrase all its pairs of adjacent words (exact for two words,
 * candidates for more). ONE is scratch of NW words. */
static void
index_term(struct corpus *c, const struct qterm *t, uint64_t *set,
    uint64_t *one, size_t nw)
{
	struct buf key;
	size_t k, w;

	if (t->nvals == 1) {
		windex_or(c->words, t->vals[0], t->lens[0], t->prefix, set);
		return;
	}
	buf_init(&key);
	for (k = 1; k < t->nvals; k++) {
		memset(one, 0, nw * sizeof *one);
		windex_pair_key(&key, t->vals[k - 1], t->lens[k - 1],
		    t->vals[k], t->lens[k]);
		windex_or(c->words, key.s, key.len,
		    t->prefix && k == t->nvals - 1, one);
		for (w = 0; w < nw; w++)
			set[w] = k == 1 ? one[w] : set[w] & one[w];
	}
	buf_free(&key);
}

/* The index's answer for each text term of Q, one bitset per term (NULL
 * for other terms), or NULL when C has no usable index. */
static uint64_t **
index_sets(const struct query *q, struct corpus *c)
{
	size_t nw = (c->n + 63) / 64 + 1, j;
	uint64_t **sets, *one;

	if (c->words == NULL || windex_bind(c->words, c->v, c->n) == -1)
		return NULL;
	sets = xcalloc(q->n, sizeof *sets);
	one = xcalloc(nw, sizeof *one);
	for (j = 0; j < q->n; j++)
		if (q->t[j].kind == Q_TEXT) {
			sets[j] = xcalloc(nw, sizeof *sets[j]);
			index_term(c, &q->t[j], sets[j], one, nw);
		}
	free(one);
	return sets;
}

/* Do the text terms of Q hold for article I, which the index covers?
 * Words are answered by SETS; phrase candidates are read (text_ok). */
static int
text_ok_indexed(const struct query *q, struct corpus *c, size_t i,
    uint64_t *const *sets, struct scan *S)
{
	size_t j, open = 0;

	for (j = 0; j < q->n; j++) {
		const struct qterm *t = &q->t[j];

		S->want[j] = 0;
		if (t->kind != Q_TEXT)
			continue;
		if (!bit(sets[j], i)) {
			if (!t->neg)
				return 0;
		} else if (t->nvals <= 2) {	/* the index is exact */
			if (t->neg)
				return 0;
		} else
			S->want[j] = 1, open++;
	}
	return open == 0 || text_ok(q, c, i, S, S->want);
}

/* Does entity term T (any of its ids) hold for article I? */
static int
entity_ok(const struct qterm *t, const struct entity_index *ix, size_t i)
{
	size_t k;
	long e;

	for (k = 0; k < t->nents; k++)
		if (entity_has(ix, i, t->ents[k]))
			return 1;
	for (k = 0; k < t->nvals; k++)
		if ((e = entity_find(ix, t->vals[k])) >= 0 &&
		    entity_has(ix, i, (uint32_t)e))
			return 1;
	return 0;
}

/* Unselects the articles of KEEP an entity term of Q rules out; returns
 * how many. The entity index is built only when a term asks. */
static size_t
entity_pass(const struct query *q, struct corpus *c, unsigned char *keep)
{
	const struct entity_index *ix = NULL;
	size_t i, j, dropped = 0;

	for (j = 0; j < q->n; j++) {
		if (q->t[j].kind != Q_ENTITY)
			continue;
		if (ix == NULL)
			ix = entity_index(c);
		for (i = 0; i < c->n; i++)
			if (keep[i] && entity_ok(&q->t[j], ix, i) == q->t[j].neg) {
				keep[i] = 0;
				dropped++;
			}
	}
	return dropped;
}

/* The articles the theme terms of Q allow, from C's per-theme bitsets:
 * word operations, not a look at every article's hits (a theme toggle at
 * 100,000 articles). NULL when Q has no theme term or C has no sets. */
static uint64_t *
theme_pass(const struct query *q, const struct corpus *c)
{
	size_t nw = corpus_set_words(c), i, k, w;
	uint64_t *cand = NULL, *u = xcalloc(nw + 1, sizeof *u);
	const uint64_t *set;

	for (i = 0; i < q->n; i++) {
		const struct qterm *t = &q->t[i];

		if (t->kind != Q_THEME)
			continue;
		if (cand == NULL) {
			cand = xcalloc(nw + 1, sizeof *cand);
			memset(cand, 0xff, nw * sizeof *cand);
		}
		memset(u, 0, nw * sizeof *u);
		for (k = 0; k < c->nthemes; k++) {
			if (!(t->themes[k / 8] & (1u << (k % 8))))
				continue;
			if ((set = corpus_theme_set(c, (unsigned)k)) == NULL)
				goto none;
			for (w = 0; w < nw; w++)
				u[w] |= set[w];
		}
		for (w = 0; w < nw; w++)
			cand[w] &= t->neg ? ~u[w] : u[w];
	}
	free(u);
	return cand;
none:
	free(u);
	free(cand);
	return NULL;
}

size_t
query_eval(const struct query *q, struct corpus *c, unsigned char *keep)
{
	struct scan S = { NULL, NULL, 0, NULL, NULL };
	struct memo memo = { 0 };
	uint64_t **sets = NULL;
	const uint64_t *covered = NULL;
	uint64_t *cand;
	size_t i, n = 0;

	if (q == NULL || q->n == 0) {
		memset(keep, 1, c->n);
		return c->n;
	}
	if (q->ntext > 0) {
		S.fc = fold_cache_new();
		S.found = xcalloc(q->n, 1);
		S.want = xcalloc(q->n, 1);
		if ((sets = index_sets(q, c)) != NULL)
			covered = windex_covered(c->words);
	}
	cand = theme_pass(q, c);
	for (i = 0; i < c->n; i++) {
		if (cand != NULL && !bit(cand, i)) {
			keep[i] = 0;
			continue;
		}
		keep[i] = meta_ok(q, &c->v[i], c->nthemes, &memo,
		    cand != NULL) &&
		    (q->ntext == 0 || (covered != NULL && bit(covered, i) ?
		    text_ok_indexed(q, c, i, sets, &S) :
		    text_ok(q, c, i, &S, NULL)));
		n += keep[i];
	}
	free(cand);
	n -= entity_pass(q, c, keep);
	for (i = 0; sets != NULL && i < q->n; i++)
		free(sets[i]);
	free(sets);
	free(S.tok);
	free(S.found);
	free(S.want);
	free(memo.e);
	hash_free(&memo.slot);
	if (S.fc != NULL)
		fold_cache_free(S.fc);
	return n;
}

int
query_has_words(const struct query *q)
{
	return q != NULL && q->ntext > 0;
}

/* The words are built on the first call only (one query, one list), not
 * by every parse: only the reader's highlighting asks for them. */
const char *const *
query_words(const struct query *q)
{
	static const char *const none[] = { NULL };

	if (q == NULL)
		return none;
	if (q->hl == NULL)
		build_words((struct query *)(uintptr_t)q);
	return (const char *const *)q->hl;
}

/*
 * The incremental evaluation (query_eval_set): each term's answer as
 * bitsets, kept between calls by the term's text.
 */

#define MEMO_KEEP	16	/* term answers kept after a call */

/* One term's answer: where it holds, and where only reading the article
 * can tell (a long phrase, an article the word index does not cover);
 * the two never meet. */
struct memo_term {
	char		*key;		/* term_key */
	uint64_t	*yes;
	uint64_t	*open;
	int		 anyopen;	/* is a bit of OPEN set? */
	const void	*words;		/* the index it was asked of */
	const uint64_t	*covered;
	unsigned long	 used;		/* the call that last asked */
};

struct query_memo {
	const struct corpus *c;		/* what the answers are of */
	const struct article *v;
	size_t		 n;
	struct memo_term *t;
	size_t		 nt;
	unsigned long	 clock;
};

struct query_memo *
query_memo_new(void)
{
	return xcalloc(1, sizeof(struct query_memo));
}

/* Frees the answers of M from the K-th on. */
static void
memo_drop(struct query_memo *m, size_t k)
{
	while (m->nt > k) {
		m->nt--;
		free(m->t[m->nt].key);
		free(m->t[m->nt].yes);
		free(m->t[m->nt].open);
	}
}

void
query_memo_free(struct query_memo *m)
{
	if (m == NULL)
		return;
	memo_drop(m, 0);
	free(m->t);
	free(m);
}

/* Orders answers most recently asked first. */
static int
cmp_used(const void *a, const void *b)
{
	const struct memo_term *x = a, *y = b;

	return x->used != y->used ? (x->used > y->used ? -1 : 1) : 0;
}

/* Keeps the MEMO_KEEP answers asked most recently. */
static void
memo_trim(struct query_memo *m)
{
	if (m->nt <= MEMO_KEEP)
		return;
	qsort(m->t, m->nt, sizeof *m->t, cmp_used);
	memo_drop(m, MEMO_KEEP);
}

/* The text of term T, as its answer is kept: everything that decides
 * which articles it selects (for a source term, not its bit number). */
static char *
term_key(const struct qterm *t)
{
	struct buf b;
	size_t k;

	buf_init(&b);
	buf_addf(&b, "%d %d %d %s", (int)t->kind, t->neg, t->prefix, t->date);
	for (k = 0; k < t->nvals; k++)
		buf_addf(&b, "\x1f%s", t->vals[k]);
	return buf_steal(&b, NULL);
}

/* Clears the bits of SET (NW words) from bit N on. */
static void
set_clip(uint64_t *set, size_t nw, size_t n)
{
	size_t w;

	for (w = n / 64; w < nw; w++)
		set[w] &= w == n / 64 ? ((uint64_t)1 << (n % 64)) - 1 : 0;
}

/* Where metadata term T holds, article by article, as meta_ok asks it
 * (an undated article never matches a date term, negated or not). */
static void
meta_set(const struct qterm *t, const struct corpus *c, uint64_t *yes)
{
	struct query one = { (struct qterm *)(uintptr_t)t, 1, 0, 0, NULL, 0 };
	struct memo sm = { 0 };
	const struct article *a;
	uint32_t src;
	size_t i;
	int dated, h;

	one.nsource = t->kind == Q_SOURCE ? t->srcbit + 1 : 0;
	dated = t->kind == Q_AFTER || t->kind == Q_BEFORE || t->kind == Q_DATE;
	for (i = 0; i < c->n; i++) {
		a = &c->v[i];
		src = t->kind == Q_SOURCE ? source_bits(&one, &sm, a->source) : 0;
		if (dated && a->date[0] == '\0')
			h = t->neg;
		else
			h = eval_meta(t, a, c->nthemes, src) != t->neg;
		if (h)
			yes[i / 64] |= (uint64_t)1 << (i % 64);
	}
	free(sm.e);
	hash_free(&sm.slot);
}

/* Where text term T holds as C's word index tells (IX: its answer for
 * T, index_term's), and where the article must be read: text_ok_indexed
 * article by article. IX NULL: no index, every article is read. */
static void
text_set(const struct qterm *t, const struct corpus *c, const uint64_t *ix,
    const uint64_t *cov, uint64_t *yes, uint64_t *open, size_t nw)
{
	size_t w;

	for (w = 0; w < nw; w++) {
		if (ix == NULL) {
			open[w] = ~(uint64_t)0;
			continue;
		}
		if (t->nvals <= 2) {	/* the index is exact */
			yes[w] = cov[w] & (t->neg ? ~ix[w] : ix[w]);
			open[w] = ~cov[w];
		} else {		/* candidates only */
			yes[w] = t->neg ? cov[w] & ~ix[w] : 0;
			open[w] = (cov[w] & ix[w]) | ~cov[w];
		}
	}
	set_clip(yes, nw, c->n);
	set_clip(open, nw, c->n);
}

/* Works out the answer E of term T of C (BOUND: C's index is usable). */
static void
memo_fill(struct memo_term *e, const struct qterm *t, struct corpus *c,
    int bound, size_t nw)
{
	uint64_t *ix = NULL, *one;
	size_t w;

	e->yes = xcalloc(nw + 1, sizeof *e->yes);
	if (t->kind != Q_TEXT) {
		meta_set(t, c, e->yes);
		return;
	}
	e->open = xcalloc(nw + 1, sizeof *e->open);
	e->words = bound ? c->words : NULL;
	e->covered = bound ? windex_covered(c->words) : NULL;
	if (bound) {
		ix = xcalloc(nw + 1, sizeof *ix);
		one = xcalloc(nw + 1, sizeof *one);
		index_term(c, t, ix, one, nw);
		free(one);
	}
	text_set(t, c, ix, e->covered, e->yes, e->open, nw);
	free(ix);
	for (w = 0; w < nw && !e->anyopen; w++)
		e->anyopen = e->open[w] != 0;
}

/* The answer of term T (metadata or text) in M, kept or worked out: its
 * place in M->t (which a later call may move). */
static size_t
memo_get(struct query_memo *m, const struct qterm *t, struct corpus *c,
    int bound, size_t nw)
{
	char *key = term_key(t);
	const void *words = bound ? c->words : NULL;
	const uint64_t *cov = bound ? windex_covered(c->words) : NULL;
	struct memo_term *e;
	size_t k;

	for (k = 0; k < m->nt; k++) {
		e = &m->t[k];
		if (strcmp(e->key, key) == 0 && (t->kind != Q_TEXT ||
		    (e->words == words && e->covered == cov))) {
			free(key);
			e->used = m->clock;
			return k;
		}
	}
	m->t = xreallocarray(m->t, m->nt + 1, sizeof *m->t);
	e = &m->t[m->nt++];
	memset(e, 0, sizeof *e);
	e->key = key;
	e->used = m->clock;
	memo_fill(e, t, c, bound, nw);
	return m->nt - 1;
}

/* OUT &= where theme term T holds: C's per-theme sets, or the articles'
 * hits when C has none. */
static void
theme_and(const struct qterm *t, const struct corpus *c, uint64_t *out,
    size_t nw)
{
	uint64_t *u = xcalloc(nw + 1, sizeof *u);
	const uint64_t *set;
	size_t k, w, i;

	for (k = 0; k < c->nthemes; k++) {
		if (!(t->themes[k / 8] & (1u << (k % 8))))
			continue;
		if ((set = corpus_theme_set(c, (unsigned)k)) == NULL ||
		    corpus_set_words(c) < nw)
			break;
		for (w = 0; w < nw; w++)
			u[w] |= set[w];
	}
	if (k < c->nthemes) {	/* no sets: article by article */
		memset(u, 0, nw * sizeof *u);
		for (i = 0; i < c->n; i++)
			if (eval_meta(t, &c->v[i], c->nthemes, 0))
				u[i / 64] |= (uint64_t)1 << (i % 64);
	}
	for (w = 0; w < nw; w++)
		out[w] &= t->neg ? ~u[w] : u[w];
	free(u);
}

/* Reads the articles of OUT that a text term of Q left open (E[j] its
 * answer, NULL for other terms) and clears those the terms rule out. */
static void
open_pass(const struct query *q, struct corpus *c,
    const struct memo_term *const *e, uint64_t *out, size_t nw)
{
	struct scan S = { fold_cache_new(), NULL, 0, NULL, NULL };
	uint64_t x, need;
	size_t w, i, j;

	S.found = xcalloc(q->n + 1, 1);
	S.want = xcalloc(q->n + 1, 1);
	for (w = 0; w < nw; w++) {
		for (need = 0, j = 0; j < q->n; j++)
			if (e[j] != NULL && e[j]->anyopen)
				need |= e[j]->open[w];
		for (x = out[w] & need; x != 0; x &= x - 1) {
			i = w * 64 + (size_t)__builtin_ctzll(x);
			for (j = 0; j < q->n; j++)
				S.want[j] = e[j] != NULL && e[j]->anyopen &&
				    bit(e[j]->open, i);
			if (!text_ok(q, c, i, &S, S.want))
				out[w] &= ~((uint64_t)1 << (i % 64));
		}
	}
	free(S.tok);
	free(S.found);
	free(S.want);
	fold_cache_free(S.fc);
}

/* Clears in OUT the articles an entity term of Q rules out; only those
 * still in OUT are asked (the entity index is built only then). */
static void
entity_and(const struct query *q, struct corpus *c, uint64_t *out,
    size_t nw)
{
	const struct entity_index *ix = NULL;
	uint64_t x;
	size_t j, w, i;

	for (j = 0; j < q->n; j++) {
		if (q->t[j].kind != Q_ENTITY)
			continue;
		if (ix == NULL)
			ix = entity_index(c);
		for (w = 0; w < nw; w++)
			for (x = out[w]; x != 0; x &= x - 1) {
				i = w * 64 + (size_t)__builtin_ctzll(x);
				if (entity_ok(&q->t[j], ix, i) == q->t[j].neg)
					out[w] &= ~((uint64_t)1 << (i % 64));
			}
	}
}

/* Drops M's answers when they are of another corpus than C. */
static void
memo_check(struct query_memo *m, const struct corpus *c)
{
	if (m->c == c && m->v == c->v && m->n == c->n)
		return;
	memo_drop(m, 0);
	m->c = c;
	m->v = c->v;
	m->n = c->n;
}

size_t
query_eval_set(const struct query *q, struct corpus *c,
    struct query_memo *m, uint64_t *out)
{
	size_t nw = (c->n + 63) / 64, j, w;
	const struct memo_term **e;
	size_t *at;
	int bound = 0, open = 0;

	memo_check(m, c);
	m->clock++;
	memset(out, 0xff, nw * sizeof *out);
	set_clip(out, nw, c->n);
	if (q != NULL && q->ntext > 0)	/* a toggle never waits for it */
		bound = c->words != NULL &&
		    windex_bind(c->words, c->v, c->n) == 0;
	e = xcalloc((q != NULL ? q->n : 0) + 1, sizeof *e);
	at = xcalloc((q != NULL ? q->n : 0) + 1, sizeof *at);
	for (j = 0; q != NULL && j < q->n; j++) {
		const struct qterm *t = &q->t[j];

		at[j] = SIZE_MAX;
		if (t->kind == Q_THEME)
			theme_and(t, c, out, nw);
		else if (t->kind != Q_ENTITY)
			at[j] = memo_get(m, t, c, bound, nw);
	}
	for (j = 0; q != NULL && j < q->n; j++) {	/* M->t has settled */
		if (at[j] == SIZE_MAX)
			continue;
		e[j] = &m->t[at[j]];
		for (w = 0; w < nw; w++)
			out[w] &= e[j]->yes[w] |
			    (e[j]->open != NULL ? e[j]->open[w] : 0);
		open |= e[j]->anyopen;
	}
	if (open)
		open_pass(q, c, e, out, nw);
	if (q != NULL)
		entity_and(q, c, out, nw);
	free(e);
	free(at);
	memo_trim(m);
	return util_popcount_and(out, NULL, nw);
}
