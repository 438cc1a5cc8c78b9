/* discover.c: key phrases no lexicon theme covers: YAKE-style scoring in
 * each article, TF-IDF and a subject filter over the corpus. */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unictype.h>
#include <unistr.h>

#include "discover.h"
#include "hash.h"
#include "lexicon.h"
#include "text.h"
#include "util.h"

#define MAX_WORDS	3	/* content words in a phrase */
#define MAX_STOPS	2	/* stop words inside one ("community with a
				   shared future") */
#define CJK_MIN		2	/* Han character n-grams */
#define CJK_MAX		4
#define POOL		4	/* candidates ranked per slot before pruning */
#define SUBJECT_SHARE	0.6	/* of the articles: the corpus's subject */
#define LANG_SLOTS	16	/* languages whose own subject words are told */
#define LANG_MIN	5	/* articles a language needs for that */
#define STEM_MIN	4	/* characters inflections of a word share */
#define STEM_ENDING	2	/* characters an inflection may differ in */
#define STEM_BUCKET	16	/* phrases of one stem key compared */
#define PARTS_MAX	16	/* words of a phrase looked at for parts */
#define SUBJ_SLOTS	3	/* frequent words each article reports */
#define SINGLE_WEIGHT	0.5	/* a single word is a weaker theme than a
				   phrase ("Region" against "Central Asia") */
#define BODY_MAX	DISCOVER_BODY_MAX

/* A string-keyed map to indexes (hash.h over E); keys are not owned. */
struct smap_ent {
	const char	*k;
	uint32_t	 len;
	uint32_t	 val;
	uint64_t	 h;
};
struct smap {
	struct smap_ent	*e;	/* in the order added */
	size_t		 cap;	/* of e */
	size_t		 n;
	struct hash	 t;
};

/* A uint64-keyed map to uint32 values (word pairs, candidate phrases),
 * hash.h over E; one table serves article after article, emptied in
 * place (umap_prepare). */
struct uent {
	uint64_t	 k;
	uint32_t	 v;
};
struct umap {
	struct uent	*e;	/* in the order added */
	size_t		 cap;	/* of e */
	size_t		 n;
	struct hash	 t;
};

/* The gazetteer's names (DATADIR/entities/NAME.ini, lexicon files): a
 * phrase that is only a known name is an entity, not a theme. Global,
 * like the stop words below: loaded once by discover_init, before the
 * loader threads; only read after. */
static struct lexicon *names[3];
static const char *const name_files[3] = { "people", "places", "orgs" };

/* The shipped stop-word lists, folded, all languages together. */
static struct smap stops;
static char **stopv;
static size_t nstopv;

/* Frees M's table (not its keys). */
static void
smap_free(struct smap *m)
{
	free(m->e);
	hash_free(&m->t);
	memset(m, 0, sizeof *m);
}

/* Empties M, keeping a table of a usual size for the next article. */
static void
smap_clear(struct smap *m)
{
	if (m->t.cap > 4096)
		smap_free(m);
	else if (m->n > 0) {
		hash_clear(&m->t);
		m->n = 0;
	}
}

/* The hash of entry I of smap CTX (hash_grow). */
static uint64_t
smap_hash(const void *ctx, uint32_t i)
{
	return ((const struct smap *)ctx)->e[i].h;
}

/* Finds K in M; with CREATE, adds it with value VAL when missing.
 * Returns its value slot (until the next CREATE), or NULL when missing. */
static uint32_t *
smap_get(struct smap *m, const char *k, size_t len, int create, uint32_t val)
{
	uint64_t h = hash_bytes(HASH_INIT, k, len);
	struct smap_ent *e;
	uint32_t *s;
	size_t pos;

	if (create && hash_full(&m->t))
		hash_grow(&m->t, smap_hash, m);
	if (m->t.cap == 0)
		return NULL;
	for (s = hash_first(&m->t, h, &pos); *s != 0; s = hash_next(&m->t, &pos)) {
		e = &m->e[*s - 1];
		if (e->h == h && e->len == len && memcmp(e->k, k, len) == 0)
			return &e->val;
	}
	if (!create)
		return NULL;
	if (m->n == m->cap)
		m->e = xreallocarray(m->e, m->cap = m->cap ? m->cap * 2 : 64,
		    sizeof *m->e);
	e = &m->e[m->n];
	*e = (struct smap_ent){ k, (uint32_t)len, val, h };
	*s = (uint32_t)++m->n;
	hash_placed(&m->t);
	return &e->val;
}

/* Spreads the bits of X over a table index (splitmix64's finaliser). */
static uint64_t
mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* The hash of entry I of umap CTX (hash_grow). */
static uint64_t
umap_hash(const void *ctx, uint32_t i)
{
	return mix64(((const struct umap *)ctx)->e[i].k);
}

/* Empties M for an article of about N keys, sized so that it need not
 * grow (and rehash) while the article fills it: in place, unless the
 * table is too small or far too big (a long article's table would
 * spread a short one's keys over many cache lines). */
static void
umap_prepare(struct umap *m, size_t n)
{
	size_t cap = 256;

	while (cap < 2 * n)
		cap *= 2;
	m->n = 0;
	if (m->t.cap < cap || m->t.cap > 8 * cap) {
		hash_free(&m->t);
		hash_init(&m->t, cap / 2);
		free(m->e);
		m->e = xreallocarray(NULL, m->cap = cap / 2, sizeof *m->e);
	} else
		hash_clear(&m->t);
}

/* The value slot of K (until the next CREATE): with CREATE, a new one
 * (0) when missing; else NULL when missing. */
static uint32_t *
umap_slot(struct umap *m, uint64_t k, int create)
{
	uint32_t *s;
	size_t pos;

	if (create && hash_full(&m->t))
		hash_grow(&m->t, umap_hash, m);
	if (m->t.cap == 0)
		return NULL;
	for (s = hash_first(&m->t, mix64(k), &pos); *s != 0;
	    s = hash_next(&m->t, &pos))
		if (m->e[*s - 1].k == k)
			return &m->e[*s - 1].v;
	if (!create)
		return NULL;
	if (m->n == m->cap)
		m->e = xreallocarray(m->e, m->cap = m->cap ? m->cap * 2 : 256,
		    sizeof *m->e);
	m->e[m->n] = (struct uent){ k, 0 };
	*s = (uint32_t)++m->n;
	hash_placed(&m->t);
	return &m->e[m->n - 1].v;
}

/* Frees M's table. */
static void
umap_free(struct umap *m)
{
	free(m->e);
	hash_free(&m->t);
	memset(m, 0, sizeof *m);
}

/* Adds the words of one list (one a line, '#' comments) to the set. */
static int
stops_load(const char *path)
{
	char *text, *p, *end, *f;
	size_t len, flen;

	if (file_read(path, 0, &text, &len) == -1)
		return -1;
	for (p = text; p < text + len; p = end + 1) {
		if ((end = memchr(p, '\n', (size_t)(text + len - p))) == NULL)
			end = text + len;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		flen = (size_t)(end - p);
		while (flen > 0 && (p[flen - 1] == ' ' || p[flen - 1] == '\t' ||
		    p[flen - 1] == '\r'))
			flen--;
		if (flen == 0 || *p == '#')
			continue;
		f = text_fold(p, flen, &flen);
		if (smap_get(&stops, f, flen, 0, 0) != NULL) {
			free(f);
			continue;
		}
		stopv = xreallocarray(stopv, nstopv + 1, sizeof *stopv);
		stopv[nstopv++] = f;
		smap_get(&stops, f, flen, 1, 0);
	}
	free(text);
	return 0;
}

/* Loads the gazetteer's name files, where there are any (B: scratch). */
static void
names_load(const char *datadir, struct buf *b)
{
	char err[512];
	size_t k;

	for (k = 0; k < 3; k++) {
		b->len = 0;
		buf_addf(b, "%s/entities/%s.ini", datadir, name_files[k]);
		if (access(b->s, R_OK) == 0)
			names[k] = lexicon_load(b->s, NULL, err, sizeof err);
	}
}

int
discover_init(const char *datadir)
{
	struct dirent *de;
	struct buf b;
	size_t n;
	DIR *d;
	int loaded = 0;

	discover_free();
	buf_init(&b);
	buf_addf(&b, "%s/stopwords", datadir);
	if ((d = opendir(b.s)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			n = strlen(de->d_name);
			if (de->d_name[0] == '.' || n < 5 ||
			    strcmp(de->d_name + n - 4, ".txt") != 0)
				continue;
			b.len = 0;
			buf_addf(&b, "%s/stopwords/%s", datadir, de->d_name);
			if (stops_load(b.s) == 0)
				loaded++;
		}
		closedir(d);
	}
	names_load(datadir, &b);
	buf_free(&b);
	return loaded > 0 ? 0 : -1;
}

void
discover_free(void)
{
	size_t i;

	for (i = 0; i < 3; i++) {
		lexicon_free(names[i]);
		names[i] = NULL;
	}
	for (i = 0; i < nstopv; i++)
		free(stopv[i]);
	free(stopv);
	stopv = NULL;
	nstopv = 0;
	smap_free(&stops);
}

/* ------------------------------------------------------------------ */
/* One article. */

/* A distinct word of the article and its YAKE features. */
struct term {
	const char	*s;
	uint32_t	 len;
	uint32_t	 tf, tf_up, tf_acr;
	uint32_t	 nsent, last_sent;
	double		 sum_sent;
	uint32_t	 ldist, ltot, rdist, rtot;
	unsigned char	 stop, bad;
	double		 h;		/* YAKE weight: lower is better */
	uint32_t	 first;		/* token for its label: the first not
					   opening a sentence, else the first */
};

/* Per token: its term and where it stands. */
struct tinfo {
	uint32_t	 term;
	uint32_t	 nlen;		/* folded length, possessive cut */
	uint32_t	 sent;
	unsigned char	 brk;		/* no phrase runs into this token */
	unsigned char	 start;		/* first of a sentence */
	unsigned char	 cjk;
	unsigned char	 poss;		/* ended by a possessive */
	unsigned char	 glued;		/* hyphen-joined to the token before */
	unsigned char	 pstop;		/* cjk_pair_stop here: 0 not asked
					   yet, 1 no, 2 yes */
};

/* A candidate phrase of the article. */
struct cand {
	char		*text;
	uint32_t	 first, n;	/* tokens of its best occurrence */
	uint32_t	 tf;
	int		 at_start;	/* best occurrence opens a sentence */
	unsigned char	 cjk;
	double		 s;		/* lower is better */
};

/* The work space of discover_article; its buffers and maps are kept
 * from one article to the next. */
struct art {
	const char	*body;
	const struct token *tok;	/* the caller's */
	struct tinfo	*ti;
	size_t		 ntok, ticap;
	struct term	*terms;
	size_t		 nterms, termcap;
	struct smap	 tmap;		/* folded word -> term */
	struct umap	 tptr;		/* folded word's address -> term + 1 */
	struct umap	 pairs;		/* (left term, term) -> count */
	uint32_t	 nsent;
	struct cand	*cands;
	size_t		 ncands, candcap;
	struct umap	 cmap;		/* term sequence hash -> candidate */
	struct buf	 key;
};

/* Does the gap between two tokens end a sentence? */
static int
gap_ends_sentence(const char *s, size_t len)
{
	static const char *const wide[] = { "\xe3\x80\x82", "\xef\xbc\x81",
	    "\xef\xbc\x9f", "\xef\xbc\x9b" };	/* 。！？； */
	size_t i, k;

	for (i = 0; i < len; i++) {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?' || s[i] == ';' ||
		    s[i] == '\n')
			return 1;
		for (k = 0; k < sizeof wide / sizeof *wide; k++)
			if (len - i >= 3 && memcmp(s + i, wide[k], 3) == 0)
				return 1;
	}
	return 0;
}

/* May a phrase run over this gap? Spaces, or one hyphen or dash with no
 * space ("China-Central Asia", "Kasymem–Żomartem"). */
static int
gap_joins(const char *s, size_t len)
{
	size_t i;

	if (len == 1 && s[0] == '-')
		return 1;
	if (len == 3 && memcmp(s, "\xe2\x80", 2) == 0 &&
	    (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x93)
		return 1;	/* U+2010..U+2013 */
	for (i = 0; i < len; i++) {
		if (s[i] == ' ' || s[i] == '\t')
			continue;
		if (i + 1 < len && (unsigned char)s[i] == 0xc2 &&
		    (unsigned char)s[i + 1] == 0xa0) {
			i++;	/* no-break space */
			continue;
		}
		return 0;
	}
	return 1;
}

/* Length of folded word S without an English possessive ("china’s"). */
static size_t
strip_possessive(const char *s, size_t len)
{
	if (len > 3 && memcmp(s + len - 2, "'s", 2) == 0)
		return len - 2;
	if (len > 5 && memcmp(s + len - 4, "\xe2\x80\x99s", 4) == 0)
		return len - 4;
	return len;
}

/* Case features of the original word: 1 capitalised, 2 an acronym
 * (two letters or more, all upper case). A lower-case letter settles
 * it, so most words take one character. */
static int
word_case(const char *s, size_t len)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + len;
	ucs4_t uc;
	int letters = 0, n, up;

	while (p < end && (n = u8_mbtouc(&uc, p, (size_t)(end - p))) > 0) {
		p += n;
		if (uc < 0x80) {	/* the common case, without a table */
			if ((uc | 0x20) < 'a' || (uc | 0x20) > 'z')
				continue;
			up = uc <= 'Z';
		} else if (uc_is_alpha(uc))
			up = uc_is_upper(uc) != 0;
		else
			continue;
		if (!up)	/* capitalised if upper-case letters came first */
			return letters > 0;
		letters++;
	}
	return letters >= 2 ? 2 : letters;
}

/* Is folded word S no use in a phrase: no letter, or a single letter? */
static int
word_bad(const char *s, size_t len, int cjk)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + len;
	ucs4_t uc;
	int chars = 0, letters = 0, n;

	while (p < end && (n = u8_mbtouc(&uc, p, (size_t)(end - p))) > 0) {
		chars++;
		if (uc < 0x80)
			letters += (uc | 0x20) >= 'a' && (uc | 0x20) <= 'z';
		else
			letters += uc_is_alpha(uc) != 0;
		p += n;
	}
	return letters == 0 || (chars == 1 && !cjk);
}

/* The term of folded word S, created on first sight. The fold cache
 * hands out one address per spelling, so that address finds most words
 * without hashing their bytes. */
static uint32_t
art_term(struct art *A, const char *s, size_t len, int cjk)
{
	uint32_t *p = umap_slot(&A->tptr, (uint64_t)(uintptr_t)s * 64 + len, 1);
	uint32_t *v;
	struct term *t;

	if (*p != 0)
		return *p - 1;
	if ((v = smap_get(&A->tmap, s, len, 0, 0)) != NULL) {
		*p = *v + 1;
		return *v;
	}
	*p = (uint32_t)A->nterms + 1;
	if (A->nterms == A->termcap) {
		A->termcap = A->termcap ? A->termcap * 2 : 256;
		A->terms = xreallocarray(A->terms, A->termcap,
		    sizeof *A->terms);
	}
	t = &A->terms[A->nterms];
	memset(t, 0, sizeof *t);
	t->s = s;
	t->len = (uint32_t)len;
	t->stop = smap_get(&stops, s, len, 0, 0) != NULL;
	t->bad = (unsigned char)word_bad(s, len, cjk);
	smap_get(&A->tmap, s, len, 1, (uint32_t)A->nterms);
	return (uint32_t)A->nterms++;
}

/* Where token I stands: its sentence, and whether a phrase may run into
 * it from the token before. */
static void
art_place(struct art *A, size_t i)
{
	struct tinfo *ti = &A->ti[i], *prev = &A->ti[i - 1];
	const struct token *t = &A->tok[i], *p = &A->tok[i - 1];
	const char *gap = A->body + p->off + p->len;
	size_t glen = t->off - (p->off + p->len);

	ti->sent = prev->sent;
	if ((t->flags & TOKEN_PARA) || gap_ends_sentence(gap, glen)) {
		ti->sent = ++A->nsent;
		ti->start = ti->brk = 1;
		return;
	}
	if (prev->poss || ti->cjk != prev->cjk || (ti->cjk && glen > 0) ||
	    !gap_joins(gap, glen))
		ti->brk = 1;
	else if (!ti->cjk && glen > 0 && gap[0] != ' ' && gap[0] != '\t' &&
	    gap[0] != '\xc2')
		ti->glued = 1;
}

/* Counts token I into its term: frequency, case, sentences, and the
 * words met on its left (YAKE's context features). */
static void
art_count(struct art *A, size_t i)
{
	struct tinfo *ti = &A->ti[i];
	struct term *t = &A->terms[ti->term], *l;
	int c = ti->cjk ? 0 : word_case(A->body + A->tok[i].off,
	    A->tok[i].len);

	if (t->tf == 0 || (A->ti[t->first].start && !ti->start))
		t->first = (uint32_t)i;
	t->tf++;
	t->tf_acr += c == 2;
	t->tf_up += c == 1 && !ti->start;
	t->sum_sent += ti->sent;
	if (t->last_sent != ti->sent + 1) {
		t->nsent++;
		t->last_sent = ti->sent + 1;
	}
	if (i == 0 || ti->start)
		return;
	l = &A->terms[A->ti[i - 1].term];
	if (++*umap_slot(&A->pairs, (uint64_t)A->ti[i - 1].term << 32 |
	    ti->term, 1) == 1) {
		l->rdist++;
		t->ldist++;
	}
	l->rtot++;
	t->ltot++;
}

/* Fills the token places and the terms from the body's tokens. */
static void
art_scan(struct art *A)
{
	size_t i, n;

	if (A->ntok + 1 > A->ticap) {
		free(A->ti);
		A->ticap = A->ntok + 1;
		A->ti = xreallocarray(NULL, A->ticap, sizeof *A->ti);
	}
	memset(A->ti, 0, (A->ntok + 1) * sizeof *A->ti);
	/* typical: distinct words a sixth of the tokens, pairs a half,
	   candidates about one per token */
	umap_prepare(&A->tptr, A->ntok / 4);
	umap_prepare(&A->pairs, A->ntok / 2);
	umap_prepare(&A->cmap, A->ntok);
	for (i = 0; i < A->ntok; i++) {
		struct tinfo *ti = &A->ti[i];
		const struct token *t = &A->tok[i];

		ti->cjk = (t->flags & TOKEN_CJK) != 0;
		n = ti->cjk ? t->nlen : strip_possessive(t->norm, t->nlen);
		ti->poss = n != t->nlen;
		ti->nlen = (uint32_t)n;
		ti->term = art_term(A, t->norm, n, ti->cjk);
		if (i == 0)
			ti->start = ti->brk = 1;
		else
			art_place(A, i);
		art_count(A, i);
	}
	A->nsent++;
}

/* YAKE's weight of every content term (lower is more salient). */
static void
art_weights(struct art *A)
{
	double sum = 0, sq = 0, mean, sd, maxtf = 1, n = 0;
	size_t i;

	for (i = 0; i < A->nterms; i++) {
		struct term *t = &A->terms[i];

		if (t->stop || t->bad)
			continue;
		n++;
		sum += t->tf;
		sq += (double)t->tf * t->tf;
		if (t->tf > maxtf)
			maxtf = t->tf;
	}
	mean = n > 0 ? sum / n : 1;
	sd = n > 0 ? sqrt(fmax(sq / n - mean * mean, 0)) : 0;
	for (i = 0; i < A->nterms; i++) {
		struct term *t = &A->terms[i];
		double tcase, tpos, tfn, trel, tsent, wl, wr;

		if (t->tf == 0)
			continue;
		tcase = fmax(t->tf_up, t->tf_acr) / (1 + log(t->tf));
		tpos = log(log(3 + t->sum_sent / t->tf));
		tfn = t->tf / (mean + sd);
		wl = t->ltot ? (double)t->ldist / t->ltot : 0;
		wr = t->rtot ? (double)t->rdist / t->rtot : 0;
		trel = 1 + (wl + wr) * t->tf / maxtf;
		tsent = (double)t->nsent / A->nsent;
		t->h = trel * tpos / (tcase + tfn / trel + tsent / trel);
	}
}

/* Do the N tokens at I and at J spell the same terms? */
static int
same_terms(const struct art *A, size_t i, size_t j, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (A->ti[i + k].term != A->ti[j + k].term)
			return 0;
	return 1;
}

/* The slot of the candidate spelt like tokens I..I+N-1, whose terms
 * hash to H: its index + 1, or 0 in a new slot. */
static uint32_t *
cand_slot(struct art *A, size_t i, size_t n, uint64_t h)
{
	uint32_t *v;
	struct cand *c;

	while ((v = umap_slot(&A->cmap, h, 1)) != NULL && *v != 0) {
		c = &A->cands[*v - 1];
		if (c->n == n && same_terms(A, c->first, i, n))
			break;
		h = mix64(h + 1);	/* a collision: probe on */
	}
	return v;
}

/* Counts one occurrence of the phrase of tokens I..I+N-1, whose terms
 * hash to H (the text is only built for the few that rank well). */
static void
art_cand(struct art *A, size_t i, size_t n, int cjk, uint64_t h)
{
	uint32_t *v = cand_slot(A, i, n, h);
	struct cand *c;

	if (*v != 0) {
		c = &A->cands[*v - 1];
		c->tf++;
		if (c->at_start && !A->ti[i].start) {
			c->first = (uint32_t)i;	/* a better label */
			c->at_start = 0;
		}
		return;
	}
	if (A->ncands == A->candcap) {
		A->candcap = A->candcap ? A->candcap * 2 : 256;
		A->cands = xreallocarray(A->cands, A->candcap,
		    sizeof *A->cands);
	}
	c = &A->cands[A->ncands];
	memset(c, 0, sizeof *c);
	c->first = (uint32_t)i;
	c->n = (uint32_t)n;
	c->tf = 1;
	c->at_start = A->ti[i].start;
	c->cjk = (unsigned char)cjk;
	*v = (uint32_t)++A->ncands;
}

/* The folded text of candidate C: words joined by one space, Han
 * characters by none. */
static char *
cand_text(const struct art *A, const struct cand *c)
{
	struct buf b;
	size_t k;

	buf_init(&b);
	for (k = c->first; k < c->first + c->n; k++) {
		if (k > c->first && !c->cjk)
			buf_addc(&b, ' ');
		buf_add(&b, A->tok[k].norm, A->ti[k].nlen);
	}
	return buf_steal(&b, NULL);
}

/* Phrases of words starting at token I: 1-3 content words (a hyphenated
 * compound counts as one, and is never cut), stop words inside only, no
 * digits-only or one-letter word, no break. */
static void
art_words_at(struct art *A, size_t i)
{
	size_t j, words = 0, nstop = 0;
	uint64_t h = 0;

	if (A->ti[i].glued)
		return;
	for (j = i; j < A->ntok && !A->ti[j].cjk; j++) {
		const struct term *t = &A->terms[A->ti[j].term];

		if ((j > i && A->ti[j].brk) || t->bad ||
		    (j == i && t->stop) || (t->stop && ++nstop > MAX_STOPS))
			break;
		h = mix64(h ^ A->ti[j].term);
		if (!A->ti[j].glued && !t->stop && ++words > MAX_WORDS)
			break;
		if (!t->stop && (j + 1 == A->ntok || !A->ti[j + 1].glued))
			art_cand(A, i, j - i + 1, 0, h);
	}
}

/* Is the Han n-gram of tokens I..J, LEN folded bytes whose hash_bytes
 * is H, a stop word? Its bytes are only gathered when a stop word of
 * that hash and length turns up. */
static int
cjk_stop(struct art *A, size_t i, size_t j, uint64_t h, size_t len)
{
	const struct smap_ent *e;
	const uint32_t *s;
	size_t pos, m;

	if (stops.t.cap == 0)
		return 0;
	for (s = hash_first(&stops.t, h, &pos); *s != 0;
	    s = hash_next(&stops.t, &pos)) {
		e = &stops.e[*s - 1];
		if (e->h != h || e->len != len)
			continue;
		A->key.len = 0;
		for (m = i; m <= j; m++)
			buf_add(&A->key, A->tok[m].norm, A->ti[m].nlen);
		if (len == 0 || memcmp(e->k, A->key.s, len) == 0)
			return 1;
	}
	return 0;
}

/* Do Han tokens K and K + 1 spell a stop word ("关于")? An n-gram that
 * ends at K or starts at K + 1 cuts that word ("签署了关"). */
static int
cjk_pair_stop(struct art *A, size_t k)
{
	uint64_t sh;

	if (k + 1 >= A->ntok || !A->ti[k].cjk || !A->ti[k + 1].cjk ||
	    A->ti[k + 1].brk)
		return 0;
	if (A->ti[k].pstop == 0) {	/* asked of every n-gram around K:
					   worked out once */
		sh = hash_bytes(HASH_INIT, A->tok[k].norm, A->ti[k].nlen);
		sh = hash_bytes(sh, A->tok[k + 1].norm, A->ti[k + 1].nlen);
		A->ti[k].pstop = cjk_stop(A, k, k + 1, sh, A->ti[k].nlen +
		    A->ti[k + 1].nlen) ? 2 : 1;
	}
	return A->ti[k].pstop == 2;
}

/* Han character n-grams starting at token I, not opening or closing
 * with a stop word, nor cutting one at either end. */
static void
art_cjk_at(struct art *A, size_t i)
{
	size_t j, len = 0;
	uint64_t h = 0, sh = HASH_INIT;	/* the n-gram's bytes' hash */

	for (j = i; j < A->ntok && j < i + CJK_MAX; j++) {
		if (!A->ti[j].cjk || (j > i && A->ti[j].brk) ||
		    A->terms[A->ti[j].term].bad)
			break;
		sh = hash_bytes(sh, A->tok[j].norm, A->ti[j].nlen);
		len += A->ti[j].nlen;
		h = mix64(h ^ A->ti[j].term);
		if (j - i + 1 < CJK_MIN || A->terms[A->ti[i].term].stop ||
		    A->terms[A->ti[j].term].stop ||
		    cjk_stop(A, i, j, sh, len) || cjk_pair_stop(A, j) ||
		    (i > 0 && !A->ti[i].brk && cjk_pair_stop(A, i - 1)) ||
		    (j - i >= 2 && (cjk_pair_stop(A, i) ||
		    cjk_pair_stop(A, j - 1))))
			continue;
		art_cand(A, i, j - i + 1, 1, h);
	}
}

/* How often term A was followed by term B. */
static uint32_t
pair_count(const struct art *A, uint32_t a, uint32_t b)
{
	const uint32_t *v = umap_slot((struct umap *)&A->pairs,
	    (uint64_t)a << 32 | b, 0);

	return v != NULL ? *v : 0;
}

/* The probability that stop word K links its neighbours (YAKE). */
static double
stop_link(const struct art *A, size_t k)
{
	uint32_t a = A->ti[k - 1].term, t = A->ti[k].term,
	    b = A->ti[k + 1].term;
	double p1, p2;

	p1 = (double)pair_count(A, a, t) / A->terms[a].tf;
	p2 = (double)pair_count(A, t, b) / A->terms[b].tf;
	return p1 * p2;
}

/* The score of candidate C: YAKE's S, lower is more salient; CJK
 * n-grams by frequency and length (seen once: left out). */
static double
art_score(const struct art *A, const struct cand *c)
{
	double prod = 1, sum = 0, p;
	size_t k;

	if (c->cjk)
		return c->tf < 2 ? INFINITY : log(log(3 +
		    A->ti[c->first].sent)) / ((double)c->tf * c->n * c->n);
	for (k = c->first; k < c->first + c->n; k++) {
		const struct term *t = &A->terms[A->ti[k].term];

		if (!t->stop) {
			prod *= t->h;
			sum += t->h;
			continue;
		}
		p = stop_link(A, k);
		prod *= 1 + (1 - p);
		sum -= 1 - p;
	}
	return prod / (c->tf * fmax(1 + sum, 0.1));
}

/* Is phrase SMALL inside phrase BIG, at word boundaries (any place for
 * Han n-grams)? */
static int
phrase_in(const char *small, const char *big, int cjk)
{
	size_t n = strlen(small);
	const char *p;

	for (p = strstr(big, small); p != NULL; p = strstr(p + 1, small))
		if (cjk || ((p == big || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ' ')))
			return 1;
	return 0;
}

/* A candidate in the ranking. */
struct ranked {
	double		 s;
	uint32_t	 i;		/* candidate */
	uint32_t	 first;
};

/* Lower score first; then the place in the text, so the order is the
 * same on every run. */
static int
ranked_before(const struct ranked *a, const struct ranked *b)
{
	if (a->s != b->s)
		return a->s < b->s;
	return a->first < b->first;
}

/* Inserts X into the sorted pool R (*N of at most K), keeping the best. */
static void
pool_add(struct ranked *r, size_t *n, size_t k, struct ranked x)
{
	size_t i;

	if (*n == k && !ranked_before(&x, &r[k - 1]))
		return;
	if (*n < k)
		(*n)++;
	for (i = *n - 1; i > 0 && ranked_before(&x, &r[i - 1]); i--)
		r[i] = r[i - 1];
	r[i] = x;
}

/* The label of candidate C: its best occurrence as written, spaces
 * collapsed, a possessive cut. */
static char *
art_label(const struct art *A, const struct cand *c)
{
	const struct token *f = &A->tok[c->first];
	const struct token *l = &A->tok[c->first + c->n - 1];
	const char *s = A->body + f->off, *end = A->body + l->off + l->len;
	struct buf b;

	if (A->ti[c->first + c->n - 1].poss)
		end -= end[-2] == '\'' ? 2 : 4;
	buf_init(&b);
	while (s < end) {
		if (*s == ' ' || *s == '\t' || (end - s > 1 &&
		    memcmp(s, "\xc2\xa0", 2) == 0)) {
			if (b.len > 0 && b.s[b.len - 1] != ' ')
				buf_addc(&b, ' ');
			s += *s == ' ' || *s == '\t' ? 1 : 2;
			continue;
		}
		buf_addc(&b, *s++);
	}
	return buf_steal(&b, NULL);
}

/* Joins Han n-grams of the pool that are one longer word cut by the
 * length limit: "哈萨克斯" and "萨克斯坦", seen as often, first seen one
 * character apart, become "哈萨克斯坦" (the second one then goes). */
static void
art_join(struct art *A, struct ranked *r, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		struct cand *c = &A->cands[r[i].i];

		for (j = 0; j < n && c->cjk && c->n == CJK_MAX; j++) {
			const struct cand *d = &A->cands[r[j].i];

			if (d->cjk && d->n == c->n && d->tf == c->tf &&
			    d->first == c->first + 1 &&
			    c->first + c->n < A->ntok) {
				c->n++;
				free(c->text);
				c->text = cand_text(A, c);
				break;
			}
		}
	}
}

/* Drops from the pool R (N ranked) the phrases only ever seen inside a
 * longer phrase of the pool; returns the count kept. */
static size_t
art_prune(struct art *A, struct ranked *r, size_t n)
{
	size_t i, j, k = 0;

	art_join(A, r, n);
	for (i = 0; i < n; i++) {
		const struct cand *c = &A->cands[r[i].i];

		for (j = 0; j < n; j++) {
			const struct cand *d = &A->cands[r[j].i];

			if (j != i && d->tf == c->tf && d->n > c->n &&
			    d->cjk == c->cjk && phrase_in(c->text, d->text,
			    c->cjk))
				break;
		}
		if (j == n)
			r[k++] = r[i];
	}
	return k;
}

/* The SUBJ_SLOTS most frequent content words of the article, as
 * one-word candidates in TOP (found or made); returns how many. However
 * they rank, they go to the corpus level, which needs them to see the
 * corpus's subject ("china" is often only part of "China-Kazakhstan"). */
static size_t
art_frequent(struct art *A, uint32_t *top)
{
	uint32_t best[SUBJ_SLOTS];
	size_t i, k, n = 0;

	for (i = 0; i < A->nterms; i++) {
		const struct term *t = &A->terms[i];

		if (t->stop || t->bad || A->ti[t->first].cjk)
			continue;
		for (k = n; k > 0 && A->terms[best[k - 1]].tf < t->tf; k--)
			if (k < SUBJ_SLOTS)
				best[k] = best[k - 1];
		if (k < SUBJ_SLOTS) {
			best[k] = (uint32_t)i;
			n += n < SUBJ_SLOTS;
		}
	}
	for (k = 0; k < n; k++) {
		const struct term *t = &A->terms[best[k]];
		uint32_t *v = cand_slot(A, t->first, 1, mix64(best[k]));

		if (*v == 0) {		/* only ever inside compounds */
			art_cand(A, t->first, 1, 0, mix64(best[k]));
			A->cands[A->ncands - 1].tf = t->tf;
		}
		v = cand_slot(A, t->first, 1, mix64(best[k]));
		top[k] = *v - 1;
	}
	return n;
}

/* Chooses at most MAX of the N ranked candidates R into PICK, keeping
 * room for the frequent words; returns how many. */
static size_t
art_pick(struct art *A, const struct ranked *r, size_t n, size_t max,
    uint32_t *pick)
{
	uint32_t top[SUBJ_SLOTS];
	size_t ntop = art_frequent(A, top), i, k, np = 0, room = max;

	if (ntop > (max + 1) / 3)
		ntop = (max + 1) / 3;	/* most of the room for the best */
	for (k = 0; k < ntop; k++) {
		for (i = 0; i < n && i < max && r[i].i != top[k]; i++)
			;
		if (i == n || i == max)
			room--;
		else
			top[k] = UINT32_MAX;	/* ranks well anyway */
	}
	for (i = 0; i < n && np < room; i++)
		pick[np++] = r[i].i;
	for (k = 0; k < ntop && np < max; k++)
		if (top[k] != UINT32_MAX)
			pick[np++] = top[k];
	return np;
}

/* The best MAX candidates, as phrases (strongest first, then the
 * frequent words). */
static size_t
art_best(struct art *A, size_t max, struct phrase **out)
{
	size_t i, n = 0, k = POOL * max;
	struct ranked *r = xcalloc(k, sizeof *r);
	uint32_t *pick = xcalloc(max, sizeof *pick);
	char *label;
	double s;

	for (i = 0; i < A->ncands; i++)
		if (isfinite(s = art_score(A, &A->cands[i])))
			pool_add(r, &n, k, (struct ranked){ s, (uint32_t)i,
			    A->cands[i].first });
	for (i = 0; i < n; i++)
		A->cands[r[i].i].text = cand_text(A, &A->cands[r[i].i]);
	n = art_pick(A, r, art_prune(A, r, n), max, pick);
	*out = xcalloc(n + 1, sizeof **out);
	for (i = 0; i < n; i++) {
		struct cand *c = &A->cands[pick[i]];

		if (c->text == NULL)
			c->text = cand_text(A, c);
		label = art_label(A, c);
		(*out)[i].text = xmalloc(strlen(c->text) + strlen(label) + 2);
		strcpy((*out)[i].text, c->text);
		(*out)[i].label = strcpy((*out)[i].text + strlen(c->text) + 1,
		    label);
		(*out)[i].score = (float)-log(art_score(A, c));
		free(label);
	}
	free(r);
	free(pick);
	return n;
}

/* Empties the work space for the next article (the umaps empty
 * themselves in art_scan). */
static void
art_clear(struct art *A)
{
	size_t i;

	for (i = 0; i < A->ncands; i++)
		free(A->cands[i].text);
	A->ncands = A->nterms = 0;
	A->nsent = 0;
	smap_clear(&A->tmap);
}

/* Frees the work space. */
static void
art_free(struct art *A)
{
	art_clear(A);
	free(A->cands);
	free(A->ti);
	free(A->terms);
	smap_free(&A->tmap);
	umap_free(&A->tptr);
	umap_free(&A->cmap);
	umap_free(&A->pairs);
	buf_free(&A->key);
}

/* The key phrases of the NTOK tokens TOK of BODY, worked out in A. */
static size_t
art_run(struct art *A, const char *body, const struct token *tok,
    size_t ntok, size_t max, struct phrase **out)
{
	size_t i, n;

	A->body = body;
	A->tok = tok;
	A->ntok = ntok;
	art_scan(A);
	art_weights(A);
	for (i = 0; i < A->ntok; i++) {
		if (A->ti[i].cjk)
			art_cjk_at(A, i);
		else if (!A->terms[A->ti[i].term].stop &&
		    !A->terms[A->ti[i].term].bad)
			art_words_at(A, i);
	}
	n = art_best(A, max, out);
	art_clear(A);
	return n;
}

/* One thread's work space: an article's, kept for the next. */
struct discover_ws {
	struct art	 A;
};

struct discover_ws *
discover_ws_new(void)
{
	struct discover_ws *ws = xcalloc(1, sizeof *ws);

	buf_init(&ws->A.key);
	return ws;
}

void
discover_ws_free(struct discover_ws *ws)
{
	if (ws == NULL)
		return;
	art_free(&ws->A);
	free(ws);
}

size_t
discover_article(struct fold_cache *fc, const char *lang, const char *body,
    size_t len, size_t max, struct phrase **out)
{
	return discover_article_tokens(NULL, fc, lang, body, len, NULL, 0,
	    max, out);
}

size_t
discover_article_tokens(struct discover_ws *ws, struct fold_cache *fc,
    const char *lang, const char *body, size_t len,
    const struct token *tok, size_t ntok, size_t max, struct phrase **out)
{
	struct discover_ws *own_ws = NULL;
	struct token *own = NULL;
	size_t cap = 0, n;

	(void)lang;	/* every shipped list applies: articles mix languages */
	*out = NULL;
	if (body == NULL || len == 0 || max == 0)
		return 0;
	if (tok == NULL || len > BODY_MAX) {	/* tokens of our own */
		if (len > BODY_MAX) {
			len = BODY_MAX;
			while (len > 0 &&
			    ((unsigned char)body[len] & 0xc0) == 0x80)
				len--;	/* not inside a character */
		}
		ntok = text_tokens(body, len, fc, &own, &cap);
		tok = own;
	}
	if (ws == NULL)
		ws = own_ws = discover_ws_new();
	n = art_run(&ws->A, body, tok, ntok, max, out);
	discover_ws_free(own_ws);
	free(own);
	return n;
}

void
discover_phrases_free(struct phrase *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(p[i].text);	/* the label shares its block */
	free(p);
}

/* ------------------------------------------------------------------ */
/* The corpus. */

/* A phrase over the corpus: where it was found, how strongly. */
struct cphrase {
	const char	*text;
	const char	*label;		/* of its best-ranked occurrence */
	int		 cjk;
	uint32_t	 df;
	uint32_t	 head, tail;	/* its article list in the pairs */
	double		 w, best;
	double		 score;
	int		 skip;		/* no theme (sel_rank) */
	int		 merged;	/* taken into another inflection of it */
	int		 joined;	/* inflections it holds besides its own */
};

/* One (phrase, article) link; lists run in article order. */
struct cpair {
	uint32_t	 art;
	uint32_t	 next;
};
#define NONE	UINT32_MAX

/* The work space of discover_select. */
struct sel {
	struct cphrase	*ph;
	size_t		 nph;
	struct smap	 pmap;		/* text -> index in ph */
	struct cpair	*pairs;
	size_t		 npairs;
	struct smap	 tokmap;	/* word -> index in tokdf */
	uint32_t	*tokdf;		/* articles with the word */
	uint32_t	*toklast;	/* last article counted + 1 */
	uint32_t	*toklang;	/* per word, articles of each language slot
					 * with it (nslot a word) */
	size_t		 ntok;
	size_t		 narticles;
	uint8_t		*slot;		/* per article: its language slot + 1,
					 * 0 for none */
	uint32_t	 slotn[LANG_SLOTS];	/* articles in each slot */
	size_t		 nslot;
	const char *const *langs;	/* per article, or NULL */
	struct fold_cache *fc;
	struct token	*tok;
	size_t		 tokcap;
};

/* Is TEXT a Han n-gram? (The flag is not kept with the phrase, which
 * the index cache stores, so the tokeniser tells.) */
static int
sel_cjk(struct sel *S, const char *text)
{
	size_t n = strlen(text);

	if ((unsigned char)text[0] < 0xe1 || memchr(text, ' ', n) != NULL)
		return 0;
	return text_tokens(text, n, S->fc, &S->tok, &S->tokcap) > 0 &&
	    (S->tok[0].flags & TOKEN_CJK);
}

/* The rank of phrase K among the N of one article (0 = strongest). */
static size_t
rank_of(const struct phrase *p, size_t n, size_t k)
{
	size_t i, r = 0;

	for (i = 0; i < n; i++)
		if (p[i].score > p[k].score || (p[i].score == p[k].score &&
		    i < k))
			r++;
	return r;
}

/* The end of the word at S: the next space, or the end for a Han
 * n-gram, which counts as one word. */
static const char *
word_end(const char *s, int cjk)
{
	while (*s != '\0' && (cjk || *s != ' '))
		s++;
	return s;
}

/* Counts the words of phrase C once for article A. */
static void
sel_words(struct sel *S, const struct cphrase *c, uint32_t a)
{
	const char *s = c->text, *e;
	uint32_t *v;

	for (; *s != '\0'; s = *e ? e + 1 : e) {
		e = word_end(s, c->cjk);
		if ((v = smap_get(&S->tokmap, s, (size_t)(e - s), 0, 0)) == NULL) {
			S->tokdf = xreallocarray(S->tokdf, S->ntok + 1,
			    sizeof *S->tokdf);
			S->toklast = xreallocarray(S->toklast, S->ntok + 1,
			    sizeof *S->toklast);
			S->tokdf[S->ntok] = S->toklast[S->ntok] = 0;
			if (S->nslot > 0) {
				S->toklang = xreallocarray(S->toklang,
				    (S->ntok + 1) * S->nslot, sizeof *S->toklang);
				memset(S->toklang + S->ntok * S->nslot, 0,
				    S->nslot * sizeof *S->toklang);
			}
			v = smap_get(&S->tokmap, s, (size_t)(e - s), 1,
			    (uint32_t)S->ntok++);
		}
		if (S->toklast[*v] != a + 1) {
			S->toklast[*v] = a + 1;
			S->tokdf[*v]++;
			if (S->slot != NULL && S->slot[a] > 0)
				S->toklang[*v * S->nslot + S->slot[a] - 1]++;
		}
	}
}

/* Array P of N items of SIZE bytes with room for one more: it doubles
 * when N is a power of two (or 0), so that appending is linear even
 * where realloc always copies (ASan). Every append goes through it. */
static void *
grow_pow2(void *p, size_t n, size_t size)
{
	if (n & (n - 1))
		return p;
	return xreallocarray(p, n ? n * 2 : 1, size);
}

/* The corpus phrase of P, created on first sight. */
static uint32_t
sel_entry(struct sel *S, const struct phrase *p)
{
	uint32_t *v = smap_get(&S->pmap, p->text, strlen(p->text), 0, 0);
	struct cphrase *c;

	if (v != NULL)
		return *v;
	S->ph = grow_pow2(S->ph, S->nph, sizeof *S->ph);
	c = &S->ph[S->nph];
	memset(c, 0, sizeof *c);
	c->text = p->text;
	c->label = p->label;
	c->cjk = sel_cjk(S, p->text);
	c->head = c->tail = NONE;
	smap_get(&S->pmap, p->text, strlen(p->text), 1, (uint32_t)S->nph);
	return (uint32_t)S->nph++;
}

/* Credits phrase C with article A, weight W (once per article); LABEL is
 * its spelling there when the article listed it itself. */
static void
sel_credit(struct sel *S, struct cphrase *c, uint32_t a, double w,
    const char *label)
{
	if (c->tail != NONE && S->pairs[c->tail].art == a)
		return;
	S->pairs = grow_pow2(S->pairs, S->npairs, sizeof *S->pairs);
	S->pairs[S->npairs] = (struct cpair){ a, NONE };
	if (c->tail == NONE)
		c->head = (uint32_t)S->npairs;
	else
		S->pairs[c->tail].next = (uint32_t)S->npairs;
	c->tail = (uint32_t)S->npairs++;
	c->df++;
	c->w += w;
	if (label != NULL && w > c->best) {
		c->best = w;
		c->label = label;
	}
}

/* Splits phrase C into its units (words; characters for a Han n-gram),
 * at most PARTS_MAX: unit k is text[ST[k]..EN[k]). Their number, or 0
 * when the text has an invalid character. */
static size_t
phrase_units(const struct cphrase *c, size_t *st, size_t *en)
{
	const char *t = c->text;
	size_t n = 0, i, len = strlen(t);
	int k;

	for (i = 0; i < len && n < PARTS_MAX; i += (size_t)k) {
		k = c->cjk ? u8_mblen((const uint8_t *)t + i, len - i) :
		    (int)(word_end(t + i, 0) - (t + i));
		if (k <= 0)
			return 0;
		st[n] = i;
		en[n++] = i + (size_t)k;
		if (t[i + (size_t)k] == ' ')
			k++;
	}
	return n;
}

/* Credits article A with the listed phrases inside phrase C (runs of
 * its words; of its characters for a Han n-gram) at half of weight W:
 * an article that lists "kassym jomart tokayev" is about "tokayev" too. */
static void
sel_parts(struct sel *S, const struct cphrase *c, uint32_t a, double w)
{
	const char *t = c->text;
	size_t st[PARTS_MAX], en[PARTS_MAX], n, i, j;
	uint32_t *v;

	if ((n = phrase_units(c, st, en)) == 0)
		return;
	for (i = 0; i < n; i++)
		for (j = i; j < n; j++) {
			if (i == 0 && j == n - 1)
				continue;
			v = smap_get(&S->pmap, t + st[i], en[j] - st[i], 0, 0);
			if (v != NULL)
				sel_credit(S, &S->ph[*v], a, w / 2, NULL);
		}
}

/* Is word W (a tokmap index) in more than SHARE of the articles, or
 * of one language's articles ("Ministerium" in the German ones)? With
 * OREQ, in SHARE of them or more. */
static int
sel_word_subject(const struct sel *S, uint32_t w, int oreq)
{
	size_t l;
	double n, k;

	for (l = 0; l <= S->nslot; l++) {
		n = l == 0 ? (double)S->narticles : (double)S->slotn[l - 1];
		k = l == 0 ? (double)S->tokdf[w] :
		    (double)S->toklang[w * S->nslot + l - 1];
		if (k > SUBJECT_SHARE * n || (oreq && k >= SUBJECT_SHARE * n))
			return 1;
	}
	return 0;
}

/* Is C the corpus's subject ("china", "xi jinping"), or one language's
 * ("Seiten", "Ministerium" of the German articles)? A single word is
 * when it is in SUBJECT_SHARE of the articles (of a language's) or
 * more; a longer phrase when half of its words or more are in more
 * ("kassym jomart tokayev" of a corpus about Kazakhstan stays,
 * "president xi jinping" goes). */
static int
sel_subject(struct sel *S, const struct cphrase *c)
{
	const char *s = c->text, *e;
	size_t words = 0, subj = 0, single = 0;
	uint32_t *v;

	if (S->narticles <= 2)
		return 0;
	for (; *s != '\0'; s = *e ? e + 1 : e) {
		e = word_end(s, c->cjk);
		v = smap_get(&S->tokmap, s, (size_t)(e - s), 0, 0);
		words++;
		subj += v != NULL && sel_word_subject(S, *v, 0);
		single = v != NULL && sel_word_subject(S, *v, 1);
	}
	return words == 1 ? single : 2 * subj >= words;
}

/* Is every article listing C in German, where every noun has a capital
 * ("Ministerium", "Seiten"), so that a capital does not make a name? */
static int
sel_german(const struct sel *S, const struct cphrase *c)
{
	uint32_t i;

	if (S->langs == NULL || c->head == NONE)
		return 0;
	for (i = c->head; i != NONE; i = S->pairs[i].next)
		if (S->langs[S->pairs[i].art] == NULL ||
		    strcmp(S->langs[S->pairs[i].art], "de") != 0)
			return 0;
	return 1;
}

/* Has LABEL a word in lower case that is not a stop word (a verb:
 * "Seiten unterzeichneten ein Abkommen"), where a name has only
 * capitals and particles ("Organisation für Zusammenarbeit")? */
static int
label_has_lower_word(const char *label)
{
	const char *s = label, *e;
	char *f;
	size_t flen;
	ucs4_t uc;
	int r = 0;

	for (; *s != '\0' && !r; s = *e ? e + 1 : e) {
		e = strchr(s, ' ');
		if (e == NULL)
			e = s + strlen(s);
		if (u8_strmbtouc(&uc, (const uint8_t *)s) <= 0 ||
		    !uc_is_lower(uc))
			continue;
		f = text_fold(s, (size_t)(e - s), &flen);
		r = f != NULL && smap_get(&stops, f, flen, 0, 0) == NULL;
		free(f);
	}
	return r;
}

/* Is C a common word or expression, not a name? A single word in lower
 * case ("cooperation", "countries") makes a poor theme, a name is
 * written with a capital where it does not open a sentence (the label
 * prefers such a place); so does a phrase opening in lower case with a
 * capital later: a German verb and its noun ("forderten engere Arbeit"),
 * a title and a name ("président Tokaïev"). German writes every noun
 * with a capital: there a single word only German articles list is a
 * common word ("Ministerium"), and so is a phrase with a verb in it. */
static int
sel_common(const struct sel *S, const struct cphrase *c)
{
	const uint8_t *p = (const uint8_t *)c->label;
	int n;
	ucs4_t uc;

	if (c->cjk)
		return 0;
	if (u8_strmbtouc(&uc, p) <= 0)
		return 1;
	if (uc_is_upper(uc))
		return sel_german(S, c) && (strchr(c->text, ' ') == NULL ||
		    label_has_lower_word(c->label));
	if (strchr(c->text, ' ') == NULL)
		return 1;
	for (; *p != '\0' && (n = u8_strmbtouc(&uc, p)) > 0; p += n)
		if (uc_is_upper(uc))
			return 1;
	return 0;
}

/* Does a lexicon theme cover C? Han n-grams are spaced per character,
 * the way the lexicon's tokens are. */
static int
sel_covered(const struct lexicon *lex, const struct cphrase *c)
{
	const uint8_t *s = (const uint8_t *)c->text;
	struct buf b;
	int n, r;
	ucs4_t uc;

	if (lex == NULL)
		return 0;
	if (!c->cjk)
		return lexicon_covers(lex, c->text, strlen(c->text));
	buf_init(&b);
	while (*s != '\0' && (n = u8_strmbtouc(&uc, s)) > 0) {
		if (b.len > 0)
			buf_addc(&b, ' ');
		buf_add(&b, (const char *)s, (size_t)n);
		s += n;
	}
	r = lexicon_covers(lex, b.s ? b.s : "", b.len);
	buf_free(&b);
	return r;
}

/* Higher score first, then the text: a total order. */
static int
cmp_cphrase(const void *pa, const void *pb)
{
	const struct cphrase *a = pa, *b = pb;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return strcmp(a->text, b->text);
}

/* Marks the listed pieces of skipped phrase D (runs of its words, of its
 * characters for Han) that are seen almost only inside it: "central" of
 * a covered "central asia", 萨克斯坦 of a subject 哈萨克斯坦. */
static void
sel_skip_pieces(struct sel *S, const struct cphrase *d)
{
	const char *t = d->text;
	size_t st[PARTS_MAX], en[PARTS_MAX], n, i, j;
	uint32_t *v;

	if ((n = phrase_units(d, st, en)) == 0)
		return;
	for (i = 0; i < n; i++)
		for (j = i; j < n; j++) {
			if ((i == 0 && j == n - 1) || (d->cjk && j == i))
				continue;
			v = smap_get(&S->pmap, t + st[i], en[j] - st[i], 0, 0);
			if (v != NULL && 5 * (double)d->df >=
			    4 * (double)S->ph[*v].df)
				S->ph[*v].skip = 1;
		}
}

/* C's text as the lexicon spaces it: Han characters one word each. */
static char *
sel_spaced(const struct cphrase *c)
{
	const uint8_t *s = (const uint8_t *)c->text;
	struct buf b;
	int n;
	ucs4_t uc;

	if (!c->cjk)
		return xstrdup(c->text);
	buf_init(&b);
	while (*s != '\0' && (n = u8_strmbtouc(&uc, s)) > 0) {
		if (b.len > 0)
			buf_addc(&b, ' ');
		buf_add(&b, (const char *)s, (size_t)n);
		s += n;
	}
	return b.s != NULL ? buf_steal(&b, NULL) : xstrdup("");
}

/* Is C no theme: in one article only, the subject, a common word (two
 * Han characters are a word, not a name), a lexicon theme's term or a
 * piece of one, a known name or a piece of one? */
static int
sel_unwanted(struct sel *S, const struct lexicon *lex,
    const struct cphrase *c)
{
	char *t;
	size_t k;
	int r;

	if ((S->narticles > 2 && c->df < 2) || sel_subject(S, c) ||
	    sel_common(S, c) || sel_covered(lex, c))
		return 1;
	if (c->cjk && u8_strlen((const uint8_t *)c->text) <= 2 * 3 &&
	    u8_mbsnlen((const uint8_t *)c->text, strlen(c->text)) <= 2)
		return 1;
	t = sel_spaced(c);
	r = lexicon_part_of(lex, t, strlen(t));
	for (k = 0; k < 3 && !r; k++)	/* a name, part of one, or one with
					 * a title ("President Tokayev") */
		r = names[k] != NULL && (lexicon_covers(names[k], t,
		    strlen(t)) || lexicon_part_of(names[k], t, strlen(t)));
	free(t);
	return r;
}

/* The characters of UTF-8 word S[0..LEN), and in *COMMON how many of
 * them open T[0..TLEN) too. */
static size_t
word_chars(const char *s, size_t len, const char *t, size_t tlen,
    size_t *common)
{
	size_t i = 0, n = 0, same = 1;
	int k;

	*common = 0;
	while (i < len && (k = u8_mblen((const uint8_t *)s + i, len - i)) > 0) {
		same = same && i + (size_t)k <= tlen &&
		    memcmp(s + i, t + i, (size_t)k) == 0;
		*common += same;
		i += (size_t)k;
		n++;
	}
	return n;
}

/* Are folded words A and B one word inflected ("tokajew", "tokajewa",
 * "astana", "astany"): equal, or both of more than STEM_MIN characters
 * and the same but for STEM_ENDING at most at the end of the longer?
 * ("iran" and "iraq" are too short to tell.) */
static int
same_stem(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t na, nb, common, dummy;

	if (alen == blen && memcmp(a, b, alen) == 0)
		return 1;
	na = word_chars(a, alen, b, blen, &common);
	nb = word_chars(b, blen, a, alen, &dummy);
	return na > STEM_MIN && nb > STEM_MIN && common >= STEM_MIN &&
	    common + STEM_ENDING >= (na > nb ? na : nb);
}

/* Are phrases C and D one name inflected: as many words, each two the
 * same word inflected ("Kassym-Jomart Tokajew", "Kassym-Jomarta
 * Tokajewa")? Han n-grams are not inflected. */
static int
sel_inflected(const struct cphrase *c, const struct cphrase *d)
{
	const char *s = c->text, *t = d->text, *e, *f;

	if (c->cjk || d->cjk)
		return 0;
	for (;;) {
		e = word_end(s, 0);
		f = word_end(t, 0);
		if (!same_stem(s, (size_t)(e - s), t, (size_t)(f - t)))
			return 0;
		if (*e == '\0' || *f == '\0')
			return *e == *f;
		s = e + 1;
		t = f + 1;
	}
}

/* Moves D's articles and weight into C: their lists merged in article
 * order, an article once. D is no theme of its own any more. */
static void
sel_absorb(struct sel *S, struct cphrase *c, struct cphrase *d)
{
	uint32_t i = c->head, j = d->head, a, head = NONE, tail = NONE, df = 0;

	while (i != NONE || j != NONE) {
		if (j == NONE || (i != NONE && S->pairs[i].art <= S->pairs[j].art)) {
			a = S->pairs[i].art;
			if (j != NONE && S->pairs[j].art == a)
				j = S->pairs[j].next;
			i = S->pairs[i].next;
		} else {
			a = S->pairs[j].art;
			j = S->pairs[j].next;
		}
		S->pairs = grow_pow2(S->pairs, S->npairs, sizeof *S->pairs);
		S->pairs[S->npairs] = (struct cpair){ a, NONE };
		if (tail == NONE)
			head = (uint32_t)S->npairs;
		else
			S->pairs[tail].next = (uint32_t)S->npairs;
		tail = (uint32_t)S->npairs++;
		df++;
	}
	c->head = head;
	c->tail = tail;
	c->df = df;
	c->w += d->w;
	c->joined += d->joined + 1;
	d->merged = 1;
}

/* The stem key of phrase C into B: the first STEM_MIN characters of each
 * word, so that the inflections of a name meet under one key. */
static void
stem_key(const struct cphrase *c, struct buf *b)
{
	const char *s = c->text, *e;
	size_t i, n;
	int k;

	b->len = 0;
	for (; *s != '\0'; s = *e ? e + 1 : e) {
		e = word_end(s, 0);
		for (i = 0, n = 0; s + i < e && n < STEM_MIN; i += (size_t)k, n++)
			if ((k = u8_mblen((const uint8_t *)s + i,
			    (size_t)(e - s) - i)) <= 0)
				break;
		buf_add(b, s, i);
		buf_addc(b, ' ');
	}
}

/*
 * Joins the spellings of one name in several inflections ("Tokajew",
 * "Tokajewa", "Tokajewem"; "Астана", "Астаны"): the one in more
 * articles takes the others' articles. Phrases meet by stem key; only
 * the first STEM_BUCKET of a key are compared, and a name holds fewer
 * than STEM_BUCKET spellings (its lists are copied at each join), so the
 * work is linear in the number of phrases and their articles.
 */
static void
sel_inflections(struct sel *S)
{
	struct smap keys = { 0 };
	uint32_t *next = xcalloc(S->nph + 1, sizeof *next), *v, k, m, seen;
	char **kept = xcalloc(S->nph + 1, sizeof *kept);
	struct buf b;
	size_t i, nkept = 0;

	buf_init(&b);
	for (i = 0; i < S->nph; i++) {
		struct cphrase *c = &S->ph[i];

		next[i] = NONE;
		if (c->cjk)
			continue;
		stem_key(c, &b);
		if ((v = smap_get(&keys, b.s, b.len, 0, 0)) == NULL) {
			kept[nkept] = xstrdup(b.s);
			smap_get(&keys, kept[nkept], b.len, 1, (uint32_t)i);
			nkept++;
			continue;
		}
		for (k = *v, seen = 0; k != NONE && seen < STEM_BUCKET;
		    k = next[k], seen++) {
			struct cphrase *d = &S->ph[k];

			if (d->merged || c->joined + d->joined + 1 >= STEM_BUCKET ||
			    !sel_inflected(c, d))
				continue;
			if (c->df > d->df || (c->df == d->df && c->w > d->w))
				sel_absorb(S, c, d);
			else
				sel_absorb(S, d, c);
			break;
		}
		m = *v;	/* C joins its key's chain, second place */
		next[i] = next[m];
		next[m] = (uint32_t)i;
	}
	for (i = 0; i < nkept; i++)
		free(kept[i]);
	free(kept);
	free(next);
	buf_free(&b);
	smap_free(&keys);
}

/* Scores the phrases worth offering (TF-IDF over the corpus) and moves
 * them to the front, best first; returns how many. */
static size_t
sel_rank(struct sel *S, const struct lexicon *lex)
{
	size_t i, k = 0;
	double n = (double)S->narticles;

	sel_inflections(S);
	for (i = 0; i < S->nph; i++)
		S->ph[i].skip |= !S->ph[i].merged &&
		    sel_unwanted(S, lex, &S->ph[i]);
	for (i = 0; i < S->nph; i++)
		if (S->ph[i].skip && S->ph[i].df >= 2 &&
		    (S->ph[i].cjk || strchr(S->ph[i].text, ' ') != NULL))
			sel_skip_pieces(S, &S->ph[i]);
	for (i = 0; i < S->nph; i++) {
		struct cphrase *c = &S->ph[i];

		if (c->skip || c->merged)
			continue;
		c->score = c->w * log(1 + n / c->df);
		if (!c->cjk && strchr(c->text, ' ') == NULL)
			c->score *= SINGLE_WEIGHT;
		S->ph[k++] = *c;
	}
	if (k > 1)	/* S->ph is NULL for an empty corpus */
		qsort(S->ph, k, sizeof *S->ph, cmp_cphrase);
	return k;
}

/* Are the articles of A all articles of B? */
static int
sel_subset(const struct sel *S, const struct cphrase *a,
    const struct cphrase *b)
{
	uint32_t i = a->head, j = b->head;

	if (a->df > b->df)
		return 0;
	for (; i != NONE; i = S->pairs[i].next) {
		while (j != NONE && S->pairs[j].art < S->pairs[i].art)
			j = S->pairs[j].next;
		if (j == NONE || S->pairs[j].art != S->pairs[i].art)
			return 0;
	}
	return 1;
}

/* Do C and D share a run of two words or more, or is one inside the
 * other? */
static int
sel_related(const struct cphrase *c, const struct cphrase *d)
{
	const char *s, *e, *t;
	char run[256];
	size_t n;

	if (c->cjk != d->cjk)
		return 0;
	if (phrase_in(c->text, d->text, c->cjk) ||
	    phrase_in(d->text, c->text, c->cjk))
		return 1;
	if (c->cjk)
		return 0;
	for (s = c->text; *s != '\0'; s = *e ? e + 1 : e) {
		e = word_end(s, 0);
		if (*e == '\0')
			break;
		t = word_end(e + 1, 0);	/* this word and the next */
		n = (size_t)(t - s);
		if (n >= sizeof run)
			continue;
		memcpy(run, s, n);
		run[n] = '\0';
		if (phrase_in(run, d->text, 0))
			return 1;
	}
	return 0;
}

/* Of two related phrases, is C the better theme than D: found in more
 * articles (D's being among them), or in the same ones and longer? */
static int
sel_better(const struct sel *S, const struct cphrase *c,
    const struct cphrase *d)
{
	if (!sel_subset(S, d, c))
		return 0;
	return c->df > d->df || strlen(c->text) > strlen(d->text);
}

/* Merges near-duplicates among the N best: of two related phrases
 * ("kassym jomart tokayev", "president kassym jomart tokayev") whose
 * articles are the same or one's are among the other's, the better one
 * stays, at the better rank. Returns the count left, in order. */
static size_t
sel_merge(struct sel *S, size_t n)
{
	size_t i, j, k = 0;

	for (i = 0; i < n; i++) {
		struct cphrase *c = &S->ph[i];

		for (j = 0; j < k; j++) {
			struct cphrase *d = &S->ph[j];

			if (!sel_related(c, d))
				continue;
			if (sel_better(S, c, d)) {
				*d = *c;
				break;
			}
			if (sel_subset(S, c, d))
				break;
		}
		if (j == k)
			S->ph[k++] = *c;
	}
	return k;
}

/* The theme id of folded phrase TEXT: "d:" and its letters and digits,
 * anything else one '-'. NULL when nothing is left. */
static char *
make_id(const char *text)
{
	const uint8_t *s = (const uint8_t *)text;
	struct buf b;
	ucs4_t uc;
	int n;

	buf_init(&b);
	buf_adds(&b, "d:");
	while (*s != '\0' && (n = u8_strmbtouc(&uc, s)) > 0) {
		if (uc_is_alnum(uc))
			buf_add(&b, (const char *)s, (size_t)n);
		else if (b.len > 2 && b.s[b.len - 1] != '-')
			buf_addc(&b, '-');
		s += n;
	}
	while (b.len > 2 && b.s[b.len - 1] == '-')
		b.s[--b.len] = '\0';
	if (b.len == 2) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b, NULL);
}

/* Fills OUT[NOUT] from corpus phrase C; -1 when its id is taken or
 * empty. */
static int
sel_theme(const struct sel *S, const struct cphrase *c,
    struct discovered *out, size_t nout)
{
	struct discovered *d = &out[nout];
	char *id = make_id(c->text);
	uint32_t i;
	size_t k;

	if (id == NULL)
		return -1;
	for (k = 0; k < nout; k++)
		if (strcmp(out[k].id, id) == 0) {
			free(id);
			return -1;
		}
	d->id = id;
	d->label = xstrdup(c->label);
	d->articles = xcalloc(c->df, sizeof *d->articles);
	d->narticles = 0;
	for (i = c->head; i != NONE; i = S->pairs[i].next)
		d->articles[d->narticles++] = S->pairs[i].art;
	return 0;
}

/* Gives each language of LANGS (one code an article, "" unknown) with
 * LANG_MIN articles or more a slot, the first LANG_SLOTS of them in
 * the order they come, so that each one's subject words are told. */
static void
sel_langs(struct sel *S, const char *const *langs)
{
	const char *code[LANG_SLOTS];
	size_t i, l, n;

	S->langs = langs;
	if (langs == NULL || S->narticles == 0)
		return;
	S->slot = xcalloc(S->narticles, 1);
	for (i = 0; i < S->narticles && S->nslot < LANG_SLOTS; i++) {
		if (langs[i] == NULL || langs[i][0] == '\0')
			continue;
		for (l = 0; l < S->nslot && strcmp(code[l], langs[i]) != 0; l++)
			;
		if (l < S->nslot)
			continue;
		for (n = 0, l = i; l < S->narticles; l++)
			n += langs[l] != NULL && strcmp(langs[l], langs[i]) == 0;
		if (n >= LANG_MIN)
			code[S->nslot++] = langs[i];
	}
	for (i = 0; i < S->narticles; i++)
		for (l = 0; l < S->nslot; l++)
			if (langs[i] != NULL && strcmp(code[l], langs[i]) == 0) {
				S->slot[i] = (uint8_t)(l + 1);
				S->slotn[l]++;
				break;
			}
}

/* Collects every article's phrases: first all of them (so that a part
 * can be credited to an article before the article that lists it comes
 * up), then the credits, article by article. */
static void
sel_collect(struct sel *S, struct phrase **per, const size_t *nper)
{
	size_t i, k;
	uint32_t e;
	double w;

	for (i = 0; i < S->narticles; i++)
		for (k = 0; k < nper[i]; k++)
			sel_entry(S, &per[i][k]);
	for (i = 0; i < S->narticles; i++) {
		for (k = 0; k < nper[i]; k++) {
			e = sel_entry(S, &per[i][k]);
			w = 1.0 / (1 + (double)rank_of(per[i], nper[i], k));
			sel_credit(S, &S->ph[e], (uint32_t)i, w, per[i][k].label);
			sel_words(S, &S->ph[e], (uint32_t)i);
		}
		for (k = 0; k < nper[i]; k++) {
			e = sel_entry(S, &per[i][k]);
			w = 1.0 / (1 + (double)rank_of(per[i], nper[i], k));
			sel_parts(S, &S->ph[e], (uint32_t)i, w);
		}
	}
}

size_t
discover_select(const struct lexicon *lex, struct phrase **per,
    const size_t *nper, const char *const *langs, size_t narticles,
    size_t max, struct discovered **out)
{
	struct sel S;
	size_t i, n, nout = 0;

	memset(&S, 0, sizeof S);
	S.narticles = narticles;
	S.fc = fold_cache_new();
	sel_langs(&S, langs);
	sel_collect(&S, per, nper);
	n = sel_rank(&S, lex);
	n = sel_merge(&S, n < POOL * max ? n : POOL * max);
	*out = xcalloc(max + 1, sizeof **out);
	for (i = 0; i < n && nout < max; i++)
		if (sel_theme(&S, &S.ph[i], *out, nout) == 0)
			nout++;
	free(S.ph);
	free(S.pairs);
	free(S.tokdf);
	free(S.toklast);
	free(S.toklang);
	free(S.slot);
	free(S.tok);
	fold_cache_free(S.fc);
	smap_free(&S.pmap);
	smap_free(&S.tokmap);
	return nout;
}

void
discover_themes_free(struct discovered *d, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(d[i].id);
		free(d[i].label);
		free(d[i].articles);
	}
	free(d);
}
