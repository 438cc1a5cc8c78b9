/* match.c: one pass of every lexicon term over an article's words, then scores, exclusions, proximity rules and evidence spans. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

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
	uint32_t	 sent;	/* sentence number */
	uint32_t	 off;	/* bytes in the body; UINT32_MAX: in the title */
	uint32_t	 len;
	float		 weight;
	uint16_t	 theme;
	uint8_t		 kind;
	uint8_t		 used;	/* counted: evidence if the theme is a hit */
	uint8_t		 masked; /* inside one of the theme's exclusions */
	uint8_t		 flags;	/* the term's LEXT_* */
	uint8_t		 list;	/* an item of a list ("oil, gas and metals") */
};

/* Running counts over an article's words: paragraphs of the body,
 * sentences, and the first boilerplate range that may still matter. */
struct mcount {
	uint32_t	 para;
	uint32_t	 sent;
	size_t		 bk;
};

/*
 * One text (the title, the body or a chunk of it) as every lexicon's
 * scan reads it: its words and what matching works out about each once,
 * whichever lexicon asks (the themes and the three gazetteers scan the
 * same words in turn).
 */
struct mtext {
	const char	*text;
	size_t		 len;
	const struct token *tok;
	size_t		 n;
	uint32_t	 base;	/* position of the first word */
	uint32_t	 boff;	/* where it starts in the body */
	int		 in_body;
	uint32_t	*sent;	/* each word's sentence number */
	uint32_t	*para;	/* each word's paragraph (the title's: 0) */
	uint8_t		*tf;	/* each word's TF_* marks */
};

/* The arrays of an mtext, kept for the next text. */
struct mbuf {
	struct token	*tok;
	size_t		 tokcap;
	uint32_t	*num;	/* sent, then para */
	uint8_t		*tf;
	size_t		 cap;	/* words num and tf have room for */
};

/* An article made ready for matching by any number of lexicons. */
struct match_prep {
	struct fold_cache *fc;
	const char	*title;
	const char	*body;
	size_t		 len;
	int		 whole;	/* title and body prepared (else each run
				 * scans them in chunks) */
	struct mtext	 t, b;
	struct mbuf	 tb, bb;
	uint32_t	*boiler; /* boilerplate byte ranges of the body */
	size_t		 nboiler;
	uint32_t	 nsent;	/* sentences of the whole prepared article */
};

/* Everything one lexicon's matching of an article needs. */
struct mstate {
	const struct lexicon *lex;
	struct occ	*v;
	size_t		 n;
	size_t		 cap;
	struct mbuf	 buf;	/* of the chunk scanned */
	struct mcount	 cnt;
	size_t		 alang;	/* the article's language (lexicon index) */
	int		 ascript;
	const uint32_t	*boiler; /* the prep's */
	size_t		 nboiler;
	int8_t		 lscript[256]; /* lexicon_lang_script of each term
				 * language (-1: not yet asked) */
};

/* Does term T apply to an article in M's language: its own language or
 * any, text in another script, a portable term (a language may be told
 * wrong), or a theme with no terms of that language (the same script's
 * terms stand in)? */
static int
term_applies(struct mstate *m, const struct lex_term *t)
{
	if (t->lang == 0 || m->alang == 0 || t->lang == m->alang)
		return 1;
	if (m->lscript[t->lang] < 0)	/* its string compares, once */
		m->lscript[t->lang] = (int8_t)lexicon_lang_script(t->lang);
	if (m->lscript[t->lang] != m->ascript ||
	    (t->flags & LEXT_PORTABLE))
		return 1;
	return !lexicon_theme_has_lang(m->lex, t->theme, m->alang);
}

/* Is S[0..N) free of lower-case letters (a term in capitals matches it)? */
static int
no_lower(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + n;
	ucs4_t c;
	int k;

	for (; p < end; p += k) {
		if ((k = u8_mbtouc(&c, p, (size_t)(end - p))) <= 0)
			return 0;
		if (uc_is_property_lowercase(c))
			return 0;
	}
	return 1;
}

/* Does the word S[0..N) start with a lower-case letter (a letter of a
 * script without case does not)? */
static int
lower_initial(const char *s, size_t n)
{
	ucs4_t c;

	return u8_mbtouc(&c, (const uint8_t *)s, n) > 0 &&
	    uc_is_property_lowercase(c);
}

/* Does the gap S[0..N) between two words end a sentence? */
static int
ends_sentence(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c == '.' || c == '!' || c == '?' || c == ';') &&
		    (i + 1 == n || s[i + 1] == ' ' || s[i + 1] == '\n' ||
		    (unsigned char)s[i + 1] >= 0x80 || s[i + 1] == '"'))
			return 1;
		if (c == 0xe3 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0x82)
			return 1;	/* 。 */
		if (c == 0xef && i + 2 < n && (unsigned char)s[i + 1] == 0xbc &&
		    ((unsigned char)s[i + 2] == 0x81 ||
		    (unsigned char)s[i + 2] == 0x9f ||
		    (unsigned char)s[i + 2] == 0x9b))
			return 1;	/* ！？； */
	}
	return 0;
}

/* Does the gap S[0..N) between two words hold a list separator (a comma,
 * an ideographic comma)? */
static int
gap_sep(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == ',' || (i + 2 < n && (unsigned char)s[i] == 0xe3 &&
		    (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0x81) || (i + 2 < n &&
		    (unsigned char)s[i] == 0xef && (unsigned char)s[i + 1] ==
		    0xbc && (unsigned char)s[i + 2] == 0x8c))
			return 1;
	return 0;
}

/* Is the folded word T a conjunction that joins list items ("and", "и",
 * "和", "等")? */
static int
is_conj(const struct token *t)
{
	static const char *const w[] = { "and", "or", "und", "oder", "sowie",
	    "oraz", "lub", "i", "и", "или", "также", "және", "мен", "et",
	    "ou", "y", "e", "ve", "veya", "en", "та", "і", "й", "ва", "va",
	    "和", "及", "与", "等", NULL };
	size_t i;

	if (t->nlen == 0 || t->nlen > 10 || !strchr("aeilousvy\xd0\xd1\xd2"
	    "\xe4\xe5\xe7", t->norm[0]))
		return 0;	/* no conjunction starts so or is so long */
	for (i = 0; w[i] != NULL; i++)	/* the first byte first: strlen of
					   each was a tenth of a first run */
		if (t->nlen > 0 && t->norm[0] == w[i][0] &&
		    t->nlen == strlen(w[i]) &&
		    memcmp(t->norm, w[i], t->nlen) == 0)
			return 1;
	return 0;
}

/* What a word is to a list and to sentences (TF_*), in an mtext's tf:
 * dense text has an occurrence at every word, and each looks at the
 * words around it. The marks of the gap before a word are set when the
 * text is prepared; whether the word is a conjunction, when first asked
 * (TF_KNOWN). */
#define TF_KNOWN	1	/* TF_CONJ is known */
#define TF_SEP		2	/* a separator before it */
#define TF_CONJ		4	/* a joining conjunction */
#define TF_START	8	/* it starts a paragraph or a sentence (not
				 * the first word of a text) */
#define TF_BOILER	16	/* inside boilerplate */
static inline int
conj_at(const struct token *tok, uint8_t *tf, size_t k)
{
	if (!(tf[k] & TF_KNOWN))
		tf[k] |= (uint8_t)(TF_KNOWN | (is_conj(&tok[k]) ? TF_CONJ : 0));
	return tf[k] & TF_CONJ;
}

/* Is the occurrence at words [I, E) of TOK[0..N) an item of a list: two
 * list marks (separators, joining conjunctions; ", and" is one; one a
 * separator: "A and B" is no list) within LIST_SPAN words of it in its
 * sentence, one of them at most a word away?
 * A domain named in "exports of oil, gas and metals" or "cooperation in
 * trade, energy and tourism" is said in passing. */
#define LIST_SPAN	3
static int
in_list(const struct token *tok, size_t n, size_t i, size_t e, uint8_t *tf)
{
	size_t lo = i, hi = e, k, span = LIST_SPAN;
	int marks = 0, adj = 0, sep, seps = 0;

	if (tok[i].flags & TOKEN_CJK)
		span *= 2;	/* characters, not words */
	while (lo > 0 && i - lo < span && !(tf[lo] & TF_START))
		lo--;
	while (hi < n && hi - e < span && !(tf[hi] & TF_START))
		hi++;
	for (k = lo; k < hi; k++) {
		sep = k > lo && (tf[k] & TF_SEP);
		if (sep) {
			marks++;
			seps++;
			adj |= k + 1 >= i && k <= e + 1;
		}
		if ((k < i || k >= e) && conj_at(tok, tf, k)) {
			marks += !sep;	/* ", and": one mark */
			adj |= k + 2 >= i && k <= e + 1;
		}
	}
	return marks >= 2 && seps > 0 && adj;
}

/* Are words [I, E) of TOK[0..N) in TEXT[0..LEN) directly inside
 * quotation marks («Энергия», „Kraftwerk im Rücken“)? */
static int
quoted_span(const char *text, size_t len, const struct token *tok,
    size_t n, size_t i, size_t e)
{
	static const char *const open[] = { "\xc2\xab", "\"", "\xe2\x80\x9e",
	    "\xe2\x80\x9c", "\xe3\x80\x8c", NULL };
	static const char *const close[] = { "\xc2\xbb", "\"", "\xe2\x80\x9c",
	    "\xe2\x80\x9d", "\xe3\x80\x8d", NULL };
	size_t a = i > 0 ? tok[i - 1].off + tok[i - 1].len : 0;
	size_t b = e < n ? tok[e].off : len;
	size_t end = tok[e - 1].off + tok[e - 1].len, j, l;
	unsigned char q = tok[i].off > 0 ? (unsigned char)text[tok[i].off -
	    1] : 0;
	int o = 0, c = 0;

	if (q != 0xab && q != '"' && q != 0x9e && q != 0x9c && q != 0x8c)
		return 0;	/* no opening mark ends there: asked of most
				 * occurrences, which have none */
	for (j = 0; open[j] != NULL; j++) {
		l = strlen(open[j]);
		if (tok[i].off >= a + l && memcmp(text + tok[i].off - l, open[j],
		    l) == 0)
			o = 1;
		if (end + l <= b && memcmp(text + end, close[j], l) == 0)
			c = 1;
	}
	return o && c;
}

/* Is the word at TOK[K] of TEXT[0..LEN) directly inside quotation marks
 * (a name: «Энергия», "Energie")? */
static int
quoted(const char *text, size_t len, const struct token *tok, size_t n,
    size_t k)
{
	return quoted_span(text, len, tok, n, k, k + 1);
}

/* Do words [I, E) of TOK[0..N) open a short quoted phrase, the quotation
 * closing within QUOTE_TAIL words after them (a figure of speech or a
 * name: the fans were „ein Kraftwerk im Rücken“, the "energy bridge")? */
#define QUOTE_TAIL	2
static int
quoted_phrase(const char *text, size_t len, const struct token *tok,
    size_t n, size_t i, size_t e)
{
	size_t k;

	for (k = e; k <= n && k <= e + QUOTE_TAIL; k++)
		if (quoted_span(text, len, tok, n, i, k))
			return 1;
	return 0;
}

/* Is folded word T the head of an institution's name ("College",
 * "Universität", "Politechniki"), in any of its forms (the start of it)? */
static int
inst_head(const struct token *t)
{
	static const char *const w[] = { "college", "universit", "institut",
	    "academ", "school", "museum", "stadium", "club", "hochschul",
	    "akadem", "schule", "stadion", "verein", "uniwersyte", "politechni",
	    "instytut", "szkol", "muzeum", "klub", "ecole", "escuel", "istitut",
	    "scuol", "escola", "hogeschool", "колледж", "университет",
	    "институт", "академи", NULL };
	size_t i, l;

	if (t->nlen < 4)
		return 0;
	for (i = 0; w[i] != NULL; i++)	/* the first byte before strlen */
		if (t->norm[0] == w[i][0] && t->nlen >= (l = strlen(w[i])) &&
		    memcmp(t->norm, w[i], l) == 0)
			return 1;
	return 0;
}

/* Is the word at TOK[K] of TEXT written with a capital initial, or a
 * short joining word of a name ("of", "and", "für", "de")? */
static int
name_word(const char *text, const struct token *t, int *joiner)
{
	static const char *const j[] = { "of", "and", "for", "the", "und",
	    "fur", "der", "de", "di", "del", "la", "des", "i", NULL };
	unsigned char b = (unsigned char)text[t->off];
	ucs4_t c;
	size_t i;

	*joiner = 0;
	for (i = 0; t->nlen <= 3 && j[i] != NULL; i++)	/* none is longer */
		if (t->norm[0] == j[i][0] && t->nlen == strlen(j[i]) &&
		    memcmp(t->norm, j[i], t->nlen) == 0)
			return *joiner = 1;
	if (b < 0x80)	/* asked of every occurrence: ASCII without a call */
		return b >= 'A' && b <= 'Z';
	return u8_mbtouc(&c, (const uint8_t *)text + t->off, t->len) > 0 &&
	    uc_is_property_uppercase(c);
}

/* Are words [I, E) of TOK[0..N) (capitalised, not a sentence's first)
 * inside the name of an institution: a run of capitalised words with a
 * head such as "College" ("Almaty College of Railway Transport",
 * "Tianjin Railway Technical and Vocational College")? A domain word in
 * a name says nothing of the domain. */
#define NAME_SPAN	5
static int
in_inst_name(const struct mtext *mt, size_t i, size_t e)
{
	const struct token *tok = mt->tok;
	size_t k;
	int jn;

	if (!name_word(mt->text, &tok[i], &jn) || jn || (mt->tf[i] &
	    TF_START) || (tok[i].flags & TOKEN_CJK))
		return 0;
	for (k = e; k < mt->n && k < e + NAME_SPAN && !(mt->tf[k] & TF_START)
	    && !(mt->tf[k] & TF_SEP) && name_word(mt->text, &tok[k], &jn);
	    k++)
		if (!jn && inst_head(&tok[k]))
			return 1;
	for (k = i; k > 0 && k + NAME_SPAN > i && !(mt->tf[k] & TF_START) &&
	    !(mt->tf[k] & TF_SEP) && name_word(mt->text, &tok[k - 1], &jn); k--)
		if (!jn && inst_head(&tok[k - 1]))
			return 1;
	return 0;
}

/* Appends an occurrence of term ID at word I of MT. */
static void
add_occ(struct mstate *m, const struct mtext *mt, size_t i, uint32_t id)
{
	const struct lex_term *t = lexicon_term(m->lex, id);
	const struct token *tok = mt->tok;
	struct occ *o;

	if (m->n >= m->cap) {
		m->cap = m->cap < 64 ? 64 : m->cap * 2;
		m->v = xreallocarray(m->v, m->cap, sizeof *m->v);
	}
	o = &m->v[m->n++];
	memset(o, 0, sizeof *o);
	o->term = id;
	o->pos = mt->base + (uint32_t)i;
	o->end = o->pos + t->ntok;
	o->para = mt->para[i];
	o->sent = mt->sent[i];
	o->off = mt->in_body ? mt->boff + tok[i].off : UINT32_MAX;
	o->len = tok[i + t->ntok - 1].off + tok[i + t->ntok - 1].len -
	    tok[i].off;
	o->weight = t->weight;
	o->theme = t->theme;
	o->kind = t->kind;
	o->flags = t->flags;
}

/* Do the words of term T at TOK[I] obey its scope (language, capitals)? */
static int
occ_ok(struct mstate *m, const struct lex_term *t, const char *text,
    const struct token *tok, size_t i)
{
	uint16_t j;

	if (!term_applies(m, t))
		return 0;
	if (t->flags & LEXT_CAPS)
		for (j = 0; j < t->ntok; j++)
			if (!no_lower(text + tok[i + j].off, tok[i + j].len))
				return 0;
	if (t->flags & LEXT_NAME)
		for (j = 0; j < t->ntok; j++)
			if (t->tok[j].initial && lower_initial(text +
			    tok[i + j].off, tok[i + j].len))
				return 0;
	return 1;
}

/* Makes room in B for the marks of N words. */
static void
mbuf_grow(struct mbuf *b, size_t n)
{
	if (n + 1 > b->cap) {
		b->cap = n + 1;
		b->num = xreallocarray(b->num, b->cap, 2 * sizeof *b->num);
		b->tf = xreallocarray(b->tf, b->cap, 1);
	}
}

/* Frees B's arrays. */
static void
mbuf_free(struct mbuf *b)
{
	free(b->tok);
	free(b->num);
	free(b->tf);
}

/*
 * Is the paragraph break before word I (its paragraph began at byte
 * PSTART) a hard-wrapped line of a plain-text article, which the body
 * gives one paragraph per line: a body line of WRAP_MIN bytes or more
 * that does not end a sentence ("a flagship of the Belt" / "and Road
 * Initiative")? Such a line goes on in the next, so a name or a window
 * spans the break.
 */
#define WRAP_MIN	50
static int
wrapped_line(const char *text, const struct token *tok, size_t i,
    uint32_t pstart)
{
	size_t gap = tok[i - 1].off + tok[i - 1].len;
	const char *g = text + gap;
	size_t k, n = tok[i].off - gap;

	if (gap < pstart + WRAP_MIN)
		return 0;
	for (k = 0; k < n; k++)
		if (g[k] != ' ' && g[k] != '\n' && g[k] != '\r' && g[k] != ',')
			return 0;	/* punctuation: a heading, a list, a quote */
	return 1;
}

/* Joins the hard-wrapped lines of the body's words TOK[0..N) (see
 * wrapped_line) in DST, TOK or a copy of it: their breaks are no
 * paragraph starts. With DST NULL, only tells. Returns whether there was
 * one. */
static int
join_wrapped(const char *text, const struct token *tok, size_t n,
    struct token *dst)
{
	uint32_t pstart = n > 0 ? tok[0].off : 0;
	size_t i;
	int any = 0;

	for (i = 1; i < n; i++) {
		if (!(tok[i].flags & TOKEN_PARA))
			continue;
		if (!wrapped_line(text, tok, i, pstart)) {
			pstart = tok[i].off;
			continue;
		}
		if (dst == NULL)
			return 1;
		dst[i].flags &= ~(uint32_t)TOKEN_PARA;
		any = 1;
	}
	return any;
}

/*
 * Works out, once for every lexicon, each word's sentence and paragraph
 * (counting on from C) and whether it is inside one of the body's
 * boilerplate ranges BOILER[0..NBOILER) (which come in order); MT's
 * arrays go in B.
 */
static void
mtext_prepare(struct mtext *mt, struct mbuf *b, struct mcount *c,
    const uint32_t *boiler, size_t nboiler)
{
	const struct token *tok = mt->tok;
	size_t i, n = mt->n, gap;
	uint32_t off;

	mbuf_grow(b, n);
	mt->sent = b->num;
	mt->para = b->num + b->cap;
	mt->tf = b->tf;
	memset(mt->tf, 0, n + 1);
	for (i = 0; i < n; i++) {
		int start = (tok[i].flags & TOKEN_PARA) != 0;

		if (mt->in_body && start)
			c->para++;
		if (i > 0) {
			gap = tok[i - 1].off + tok[i - 1].len;
			start |= ends_sentence(mt->text + gap, tok[i].off - gap);
			mt->tf[i] = (uint8_t)((start ? TF_START : 0) |
			    (gap_sep(mt->text + gap, tok[i].off - gap) ?
			    TF_SEP : 0));
		}
		c->sent += (uint32_t)start;
		mt->sent[i] = c->sent;
		mt->para[i] = mt->in_body ? c->para : 0;
		if (!mt->in_body)
			continue;
		off = mt->boff + tok[i].off;
		while (c->bk < nboiler && boiler[2 * c->bk + 1] <= off)
			c->bk++;
		if (c->bk < nboiler && boiler[2 * c->bk] <= off)
			mt->tf[i] |= TF_BOILER;
	}
}

/* Records every occurrence of M's terms in the prepared text MT. A weak
 * word or a word of a near rule in quotation marks is a name
 * («Энергия»): it does not count. */
static void
scan_tokens(struct mstate *m, const struct mtext *mt)
{
	const struct token *tok = mt->tok;
	const struct lex_term *t;
	const uint32_t *memo;
	uint32_t ids[MAX_AT], bit = lexicon_memo_bit(m->lex);
	size_t i, k, j, n = mt->n;

	for (i = 0; i < n; i++) {
		if ((memo = text_memo(&tok[i])) != NULL && (*memo & bit))
			continue;	/* known to start none of its terms */
		k = lexicon_match_at(m->lex, tok, n, i, ids, MAX_AT);
		if (k == 0 || (mt->tf[i] & TF_BOILER))
			continue;
		for (j = 0; j < k; j++) {
			t = lexicon_term(m->lex, ids[j]);
			if (!occ_ok(m, t, mt->text, tok, i) || (((t->flags &
			    LEXT_WEAK) || t->kind == LEX_NEAR) && t->ntok == 1 &&
			    quoted(mt->text, mt->len, tok, n, i)))
				continue;
			if (t->kind == LEX_PLAIN && !(t->flags & LEXT_SPECIFIC) &&
			    lexicon_support(m->lex, t->theme) > 1 &&
			    quoted_phrase(mt->text, mt->len, tok, n, i, i +
			    t->ntok))
				continue;	/* „Kraftwerk im Rücken“ */
			if (t->kind == LEX_PLAIN && !(t->flags &
			    LEXT_SPECIFIC) && t->weight < 3 &&
			    in_inst_name(mt, i, i + t->ntok))
				continue;	/* "College of Railway Transport" */
			add_occ(m, mt, i, ids[j]);
			if (!(t->flags & LEXT_SPECIFIC) && t->weight < 3 &&
			    t->kind != LEX_NEED)
				m->v[m->n - 1].list = (uint8_t)in_list(tok, n,
				    i, i + t->ntok, mt->tf);
		}
	}
}

/* Records every term occurrence in the chunk TEXT[0..LEN), which starts
 * at byte BOFF of the body; positions from BASE. Returns its words. */
static size_t
scan_chunk(struct mstate *m, struct fold_cache *fc, const char *text,
    size_t len, uint32_t base, uint32_t boff, int in_body, int mid_para)
{
	struct mtext mt = { text, len, NULL, 0, base, boff, in_body, NULL,
	    NULL, NULL };

	mt.n = text_tokens(text, len, fc, &m->buf.tok, &m->buf.tokcap);
	mt.tok = m->buf.tok;
	if (mt.n > 0 && mid_para)
		m->buf.tok[0].flags &= ~(uint32_t)TOKEN_PARA;
	if (in_body)
		join_wrapped(text, m->buf.tok, mt.n, m->buf.tok);
	mtext_prepare(&mt, &m->buf, &m->cnt, m->boiler, m->nboiler);
	scan_tokens(m, &mt);
	return mt.n;
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
 * a longer match of the same theme ("natural gas" hides its "gas"); weak
 * ones only when STRONG (a non-weak term of the theme counted); an item
 * of a list half. */
static float
score_plain(struct occ *v, size_t n, int strong)
{
	uint32_t covered = 0;
	float score = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (v[i].kind != LEX_PLAIN || v[i].pos < covered || v[i].masked)
			continue;
		if ((v[i].flags & LEXT_WEAK) && !strong)
			continue;
		v[i].used = 1;
		covered = v[i].end;
		score += v[i].list ? v[i].weight / 2 : v[i].weight;
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
		if (w >= 0 && rule->scope == LEX_SENTENCE && b->sent != a->sent)
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

/* The fires of a rule on a list: how many, the sentence of the first,
 * and whether another sentence has one too. */
struct listed {
	size_t		 n;
	uint32_t	 sent;
	int		 recur;
};

/* Did a rule fire on a list: its anchor an item of one ("cooperation in
 * trade, energy and tourism"), or every partner one ("energy, trade and
 * tourism")? A field named among others is said in passing. */
static int
listed_fire(const struct occ *a, struct occ *const *partner, int ngroups)
{
	int g;

	if (a->list)
		return 1;
	for (g = 1; g < ngroups; g++)
		if (!partner[g]->list)
			return 0;
	return ngroups > 1;
}

/*
 * Proximity rule R: the anchors (group-0 occurrences) with every other
 * group near them, into FIRED (indexes of V); returns how many. USE marks
 * them and their partners as evidence.
 */
static size_t
rule_eval(const struct lexicon *lex, struct occ *v, size_t n, uint32_t r,
    int use, size_t *fired, struct listed *ls)
{
	const struct lex_rule *rule = lexicon_rule(lex, r);
	struct group grp[LEX_MAX_GROUPS] = { { 0 } };
	struct occ *partner[LEX_MAX_GROUPS];
	const struct lex_term *t;
	uint32_t covered = 0;
	size_t i, nf = 0;
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
		for (g = 1; use && g < rule->ngroups; g++)
			partner[g]->used = 1;
		a->used |= (uint8_t)use;
		covered = a->end;
		fired[nf++] = grp[0].v[i];
		if (ls != NULL && listed_fire(a, partner, rule->ngroups)) {
			ls->n++;
			if (ls->sent == UINT32_MAX)
				ls->sent = a->sent;
			ls->recur |= a->sent != ls->sent;
		}
	}
	for (g = 0; g < LEX_MAX_GROUPS; g++)
		free(grp[g].v);
	return nf;
}

/* Masks the occurrences of V that overlap the words of V[F[0..NF)] (in
 * position order): one sweep, as mark_masked. */
static void
mask_at(struct occ *v, size_t n, const size_t *f, size_t nf)
{
	size_t i, k = 0;
	uint32_t maxend = 0;

	for (i = 0; i < n; i++) {
		for (; k < nf && v[f[k]].pos <= v[i].pos; k++)
			if (v[f[k]].end > maxend)
				maxend = v[f[k]].end;
		if (maxend > v[i].pos || (k < nf && v[f[k]].pos < v[i].end))
			v[i].masked = 1;
	}
}

/* The theme's vetoes: a windowed one masks the words it fires on; one
 * without a window returns 1 (the theme is off) when it fires. */
static int
apply_vetoes(const struct lexicon *lex, struct occ *v, size_t n,
    uint16_t th, size_t *fired)
{
	const struct lex_rule *rule;
	size_t r, nf, r0, nr = lexicon_theme_rules(lex, th, &r0);

	for (r = r0; r < r0 + nr; r++) {
		rule = lexicon_rule(lex, (uint32_t)r);
		if (rule->theme != th || !rule->veto)
			continue;
		nf = rule_eval(lex, v, n, (uint32_t)r, 0, fired, NULL);
		if (nf > 0 && rule->window < 0)
			return 1;
		mask_at(v, n, fired, nf);
	}
	return 0;
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

/* A list of three or more of the theme's words in one sentence ("5G,
 * big data, artificial intelligence") is about the theme: its items are
 * not passing mentions (V[0..N) is in position order). */
#define THEME_LIST	3
#define THEME_LIST_SPAN	16
static void
theme_lists(struct occ *v, size_t n)
{
	size_t i, lo = 0, k, j;
	uint32_t at;

	for (i = 0; i < n; i++) {
		if (!v[i].list || v[i].kind != LEX_PLAIN)
			continue;
		while (lo < i && (!v[lo].list || v[lo].kind != LEX_PLAIN ||
		    v[lo].sent != v[i].sent || v[lo].pos + THEME_LIST_SPAN <
		    v[i].pos))
			lo++;
		for (k = 0, at = UINT32_MAX, j = lo; j <= i; j++)
			if (v[j].list && v[j].kind == LEX_PLAIN &&
			    v[j].sent == v[i].sent && v[j].pos != at) {
				k++;	/* two terms on one word are one item */
				at = v[j].pos;
			}
		if (k >= THEME_LIST)
			for (j = lo; j <= i; j++)
				if (v[j].sent == v[i].sent)
					v[j].list = 2;	/* the theme's own list */
	}
	for (i = 0; i < n; i++)
		if (v[i].list == 2)
			v[i].list = 0;
}

/* Forgets that the occurrences of V[0..N) are list items: for a theme of
 * names (support 1, and the gazetteers of people and places) "China,
 * Kazakhstan and Russia" names each of them. */
static void
clear_lists(struct occ *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		v[i].list = 0;
}

/* Is every counted plain occurrence of V[0..N) an item of a list (the
 * domain named only among others: "oil, grain and metals")? */
static int
only_lists(const struct occ *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].kind == LEX_PLAIN && v[i].used && !v[i].list)
			return 0;
	return 1;
}

/* Does V[0..N) hold an occurrence of a need term (one side of the trade
 * is China or a Central Asian state) outside the exclusions, in the
 * headline or within NEED_SENTS sentences of counted evidence? "Vietnam
 * and Australia will double trade" is not China's, whatever the article
 * says of the South China Sea further on. */
#define NEED_SENTS	1
static int
has_need(const struct occ *v, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (v[i].kind != LEX_NEED || v[i].masked)
			continue;
		if (v[i].off == UINT32_MAX)
			return 1;
		for (j = 0; j < n; j++)
			if (v[j].used && v[j].sent + NEED_SENTS >= v[i].sent &&
			    v[j].sent <= v[i].sent + NEED_SENTS)
				return 1;
	}
	return 0;
}

/* Is there a non-weak plain occurrence that counts? */
static int
has_strong(const struct occ *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].kind == LEX_PLAIN && !v[i].masked &&
		    !(v[i].flags & LEXT_WEAK))
			return 1;
	return 0;
}

/* Is a specific term (a name, the theme's own word) among the counted
 * plain evidence of V[0..N)? */
static int
has_specific(const struct occ *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].kind == LEX_PLAIN && v[i].used &&
		    (v[i].flags & LEXT_SPECIFIC))
			return 1;
	return 0;
}

/* Do K different terms count within CLUSTER_SPAN words of V[0..N)
 * (position order)? A passage about the domain, not a word in passing;
 * a span of words, not a paragraph, so that a text wrapped into short
 * lines is read as one. Weak terms and list items do not count. */
#define MAX_CLUSTER	8
#define CLUSTER_SPAN	40
static int
has_cluster(const struct occ *v, size_t n, int k)
{
	size_t i, j, lo = 0;
	uint32_t seen[MAX_CLUSTER];
	int ns, x;

	if (k < 2 || k > MAX_CLUSTER)
		return 0;
	for (i = 0; i < n; i++) {
		if (v[i].kind != LEX_PLAIN || !v[i].used || v[i].list ||
		    (v[i].flags & LEXT_WEAK))
			continue;	/* a weak word alone says nothing */
		while (v[lo].pos + CLUSTER_SPAN < v[i].pos)
			lo++;
		for (ns = 0, j = lo; j <= i && ns < k; j++) {
			if (v[j].kind != LEX_PLAIN || !v[j].used ||
			    v[j].list || (v[j].flags & LEXT_WEAK))
				continue;
			for (x = 0; x < ns && seen[x] != v[j].term; x++)
				;
			if (x == ns)
				seen[ns++] = v[j].term;
		}
		if (ns >= k)
			return 1;
	}
	return 0;
}

/* Is all the counted evidence of V[0..N) one sentence of the body, of
 * an article of NSENT sentences, with fewer than three different terms
 * (a domain said in passing: "the border crossing at Khorgos will be
 * widened too" in a story on trade)? Not the headline, and not a
 * sentence about the domain ("cooperation in energy, including gas
 * supplies and renewable projects"). */
#define PASSING_MIN	6	/* sentences: a shorter article is its few */
#define PASSING_TERMS	3
static int
one_sentence(const struct occ *v, size_t n, uint32_t nsent)
{
	uint32_t s = UINT32_MAX, seen[PASSING_TERMS];
	size_t i;
	int ns = 0, x;

	if (nsent < PASSING_MIN)
		return 0;
	for (i = 0; i < n; i++) {
		if (!v[i].used || v[i].masked)
			continue;
		if (v[i].off == UINT32_MAX)
			return 0;	/* the headline says it */
		if (s != UINT32_MAX && v[i].sent != s)
			return 0;
		s = v[i].sent;
		for (x = 0; x < ns && seen[x] != v[i].term; x++)
			;
		if (x == ns && ++ns == PASSING_TERMS)
			return 0;
		seen[x] = v[i].term;
	}
	return 1;
}

/* Scores theme TH (its occurrences are V[0..N), in an article of NSENT
 * sentences); adds a hit and, if wanted, its evidence spans when it
 * reaches the threshold (and its support, when no proximity rule,
 * specific term or cluster counts) and is not said in passing. */
static void
score_theme(const struct lexicon *lex, struct occ *v, size_t n,
    uint16_t th, uint32_t nsent, int want_spans, struct match_result *out)
{
	size_t r, r0, nr, nf, nl, *fired = xcalloc(n + 1, sizeof *fired);
	struct listed ls = { 0, UINT32_MAX, 0 };
	float score = 0, near = 0, listw = 0, threshold;
	const struct lex_rule *rule;
	int vetoed, support = lexicon_support(lex, th);

	threshold = lexicon_threshold(lex, th);
	mark_masked(v, n);
	if (support > 1)
		theme_lists(v, n);
	else
		clear_lists(v, n);	/* names: a list of them names each */
	vetoed = apply_vetoes(lex, v, n, th, fired);
	nr = lexicon_theme_rules(lex, th, &r0);
	for (r = r0; !vetoed && r < r0 + nr; r++) {
		rule = lexicon_rule(lex, (uint32_t)r);
		if (rule->theme != th || rule->veto)
			continue;
		nl = ls.n;
		nf = rule_eval(lex, v, n, (uint32_t)r, 1, fired, &ls);
		nl = ls.n - nl;	/* this rule's fires on a list */
		near += rule->weight * (float)(nf - nl);
		listw += rule->weight * (float)nl;
	}
	free(fired);
	if (vetoed)
		return;
	if (ls.recur)	/* fields named again and again: the subject */
		near += listw;
	else
		listw /= 2;	/* one list of fields: in passing */
	score = near + (ls.recur ? 0 : listw);
	score += score_plain(v, n, score > 0 || has_strong(v, n));
	if (score < threshold || (near == 0 && only_lists(v, n)))
		return;
	if (lexicon_needs(lex, th) && !has_need(v, n))
		return;	/* not between the parties the theme is about */
	if (support > 1 && !has_specific(v, n) && one_sentence(v, n, nsent))
		return;	/* generic words in passing */
	if (near == 0 && score < (float)support * threshold &&
	    !has_specific(v, n) && !has_cluster(v, n, lexicon_cluster(lex, th)))
		return;	/* generic words only, and not enough of them */
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
    const char *lang, const char *title, const char *body, size_t len,
    int want_spans, struct match_result *out)
{
	match_article_tokens(lex, fc, lang, title, body, len, NULL, 0,
	    want_spans, out);
}

/* As match_article; a body of one chunk is read from TOK when given (the
 * same tokens scan_chunk would make), so the loader tokenises it once
 * for matching and discovery. */
void
match_article_tokens(const struct lexicon *lex, struct fold_cache *fc,
    const char *lang, const char *title, const char *body, size_t len,
    const struct token *tok, size_t ntok, int want_spans,
    struct match_result *out)
{
	struct match_prep *p = match_prep_new(fc, title, body, len, tok, ntok);

	match_prep_run(p, lex, lang, want_spans, out);
	match_prep_free(p);
}

/* The title and the body in one piece each (not in chunks), with the
 * marks every lexicon reads; TOK: the body's, if given. */
static void
prep_whole(struct match_prep *p, const struct token *tok, size_t ntok)
{
	struct mcount c = { 0, 0, 0 };
	struct mtext *t = &p->t, *b = &p->b;

	if (p->title != NULL) {
		*t = (struct mtext){ .text = p->title, .len = strlen(p->title) };
		t->n = text_tokens(t->text, t->len, p->fc, &p->tb.tok,
		    &p->tb.tokcap);
		t->tok = p->tb.tok;
		mtext_prepare(t, &p->tb, &c, NULL, 0);
	}
	p->nsent = c.sent;
	if (p->body == NULL)
		return;
	*b = (struct mtext){ .text = p->body, .len = p->len, .in_body = 1,
	    .base = (uint32_t)t->n + BODY_GAP };
	if (tok != NULL && join_wrapped(b->text, tok, ntok, NULL)) {
		/* the caller's words, wrapped: joined in a copy */
		if (ntok > p->bb.tokcap) {
			p->bb.tokcap = ntok;
			p->bb.tok = xreallocarray(p->bb.tok, ntok,
			    sizeof *p->bb.tok);
		}
		memcpy(p->bb.tok, tok, ntok * sizeof *tok);
		join_wrapped(b->text, p->bb.tok, ntok, p->bb.tok);
		b->tok = p->bb.tok;
		b->n = ntok;
	} else if (tok != NULL) {
		b->tok = tok;
		b->n = ntok;
	} else {
		b->n = text_tokens(b->text, b->len, p->fc, &p->bb.tok,
		    &p->bb.tokcap);
		join_wrapped(b->text, p->bb.tok, b->n, p->bb.tok);
		b->tok = p->bb.tok;
	}
	mtext_prepare(b, &p->bb, &c, p->boiler, p->nboiler);
	p->nsent = c.sent;
}

/*
 * Makes TITLE and BODY[0..LEN) ready for match_prep_run: their words,
 * sentences, boilerplate and list marks are worked out once however
 * many lexicons match them. TOK[0..NTOK): the body's tokens from
 * text_tokens with FC, or NULL. Texts too long for one piece are left
 * to each run, which scans them in chunks.
 */
struct match_prep *
match_prep_new(struct fold_cache *fc, const char *title, const char *body,
    size_t len, const struct token *tok, size_t ntok)
{
	struct match_prep *p = xcalloc(1, sizeof *p);

	p->fc = fc;
	p->title = title;
	p->body = body;
	p->len = len;
	if (fc == NULL)
		return p;
	if (body != NULL)
		p->nboiler = match_boilerplate(fc, body, len, &p->boiler);
	p->whole = (title == NULL || strlen(title) <= CHUNK) &&
	    (body == NULL || len <= CHUNK);
	if (p->whole)
		prep_whole(p, len <= CHUNK ? tok : NULL, ntok);
	return p;
}

/* Frees P. */
void
match_prep_free(struct match_prep *p)
{
	if (p == NULL)
		return;
	mbuf_free(&p->tb);
	mbuf_free(&p->bb);
	free(p->boiler);
	free(p);
}

/* Scores M's occurrences theme by theme into OUT (the article has NSENT
 * sentences). */
static void
score_all(struct mstate *m, uint32_t nsent, int want_spans,
    struct match_result *out)
{
	size_t i, start;

	group_by_theme(m);
	for (start = 0, i = 1; i <= m->n; i++)
		if (i == m->n || m->v[i].theme != m->v[start].theme) {
			score_theme(m->lex, m->v + start, i - start,
			    m->v[start].theme, nsent, want_spans, out);
			start = i;
		}
	if (out->nhits > 1)
		qsort(out->hits, out->nhits, sizeof *out->hits, cmp_hit);
	if (out->nspans > 1) {
		qsort(out->spans, out->nspans, sizeof *out->spans, cmp_span);
		spans_unique(out);
	}
}

/* Matches LEX against the article prepared in P, as match_article. */
void
match_prep_run(struct match_prep *p, const struct lexicon *lex,
    const char *lang, int want_spans, struct match_result *out)
{
	struct mstate m = { .lex = lex };
	size_t ntitle = 0;

	memset(out, 0, sizeof *out);
	if (lex == NULL || lexicon_count(lex) == 0 || p->fc == NULL)
		return;
	memset(m.lscript, -1, sizeof m.lscript);
	m.alang = lexicon_lang_index(lang);
	m.ascript = lexicon_lang_script(m.alang);
	m.boiler = p->boiler;
	m.nboiler = p->nboiler;
	if (p->whole) {
		if (p->title != NULL)
			scan_tokens(&m, &p->t);
		if (p->body != NULL)
			scan_tokens(&m, &p->b);
	} else {
		if (p->title != NULL)
			ntitle = scan_text(&m, p->fc, p->title,
			    strlen(p->title), 0, 0);
		if (p->body != NULL)
			scan_text(&m, p->fc, p->body, p->len,
			    (uint32_t)ntitle + BODY_GAP, 1);
	}
	mbuf_free(&m.buf);
	score_all(&m, p->whole ? p->nsent : m.cnt.sent, want_spans, out);
	free(m.v);
}

/* Adds theme TH to segment G (kept in lexicon order, no repeats). */
static void
seg_add_theme(struct segment *g, uint16_t th)
{
	size_t i, j;

	for (i = 0; i < g->ntheme && g->theme[i] < th; i++)
		;
	if ((i < g->ntheme && g->theme[i] == th) || g->ntheme >=
	    MATCH_SEG_THEMES)
		return;
	for (j = g->ntheme; j > i; j--)
		g->theme[j] = g->theme[j - 1];
	g->theme[i] = th;
	g->ntheme++;
}

/* Merges overlapping spans (sorted by offset) into segments. */
size_t
match_segments(const struct match_result *r, struct segment **out)
{
	struct segment *v = NULL, *g = NULL;
	size_t i, n = 0;

	*out = NULL;
	if (r->nspans == 0)
		return 0;
	v = xcalloc(r->nspans, sizeof *v);
	for (i = 0; i < r->nspans; i++) {
		const struct span *sp = &r->spans[i];
		if (g != NULL && sp->off < g->off + g->len) {
			if (sp->off + sp->len > g->off + g->len)
				g->len = sp->off + sp->len - g->off;
		} else {
			g = &v[n++];
			g->off = sp->off;
			g->len = sp->len;
		}
		seg_add_theme(g, sp->theme);
	}
	*out = v;
	return n;
}

/* Frees a result and resets it. */
void
match_result_free(struct match_result *r)
{
	free(r->hits);
	free(r->spans);
	memset(r, 0, sizeof *r);
}

/* ------------------------------------------------------------------ */
/* Boilerplate blocks inside a body: what article.c's line patterns leave
 * (link lists in the middle of a page, tag lines of other sites). */

/* Headings of link lists and tag lines, as written; folded once. */
static const char *const boiler_heads[] = {
	"see also", "related", "related articles", "related news",
	"related stories", "read also", "read more", "more on this",
	"more on this topic", "more news", "topics", "tags", "also read",
	"siehe auch", "mehr zum thema", "lesen sie auch", "das könnte sie "
	"auch interessieren", "themen", "schlagworte", "zobacz też",
	"zobacz także", "czytaj też", "czytaj także", "więcej na ten temat",
	"tematy", "tagi", "polecamy", "читайте также", "смотрите также",
	"по теме", "похожие новости", "похожие материалы", "темы", "теги",
	"читайте також", "також читайте", "схожі новини", "теми",
	"ұқсас жаңалықтар", "тақырыпқа қатысты", "тегтер", "相关新闻",
	"相关阅读", "延伸阅读", "推荐阅读", "相关报道", "标签", "关键词",
	"voir aussi", "à lire aussi", "lire aussi", "sur le même sujet",
	"sujets", "mots-clés", "ver también", "lea también",
	"noticias relacionadas", "temas", "etiquetas", "leggi anche",
	"vedi anche", "argomenti", "lees ook", "zie ook", "meer over",
	"onderwerpen", "ilgili haberler", "ilginizi çekebilir", "etiketler",
	"konular", NULL
};

/* Starts of promotion lines (a newsletter, a channel to follow), as
 * written at a line start (ASCII letters in any case): the line and its
 * wrapped rest up to a sentence end are boilerplate, prose or not. */
static const char *const promo_heads[] = {
	"subscribe to", "sign up for", "follow us", "download our",
	"abonnieren sie", "folgen sie uns", "subskrybuj", "zapisz si\xc4\x99",
	"obserwuj nas", "\xd0\x9f\xd0\xbe\xd0\xb4\xd0\xbf\xd0\xb8\xd1\x81\xd1\x8b\xd0\xb2\xd0\xb0\xd0\xb9\xd1\x82\xd0\xb5\xd1\x81\xd1\x8c",
	"\xd0\x9f\xd0\xbe\xd0\xb4\xd0\xbf\xd0\xb8\xd1\x88\xd0\xb8\xd1\x82\xd0\xb5\xd1\x81\xd1\x8c",
	"\xd0\x9f\xd1\x96\xd0\xb4\xd0\xbf\xd0\xb8\xd1\x81\xd1\x83\xd0\xb9\xd1\x82\xd0\xb5\xd1\x81\xd1\x8c",
	"\xe5\x85\xb3\xe6\xb3\xa8\xe6\x88\x91\xe4\xbb\xac", "\xe8\xae\xa2\xe9\x98\x85",
	"abonnez-vous", "recevez", "inscrivez-vous", "suivez-nous",
	"suscr\xc3\xad" "bete", "s\xc3\xadguenos", "iscriviti", "seguici", "inscreva-se",
	"siga-nos", "abone olun", "bizi takip edin", "schrijf je in", "volg ons",
	NULL
};

#define NHEADS	(sizeof boiler_heads / sizeof *boiler_heads - 1)

#define HEAD_WORDS	6	/* words of the longest heading */
#define LINE_HEAD	96	/* bytes of a line compared with the headings */
#define LINK_MAX	200	/* bytes: longer lines are prose, not links */
#define HEADLINE_RUN	3	/* headline-like lines in a row: a link list */

/* A heading as folded words. */
struct head {
	char	*w[HEAD_WORDS];
	uint32_t len[HEAD_WORDS];
	size_t	 n;
};

/* Global: filled once (pthread_once, the loader threads match at the
 * same time), then only read. */
static struct head heads[NHEADS];

static pthread_once_t heads_once = PTHREAD_ONCE_INIT;

/* Splits the N phrases S into folded words in H, as text_tokens folds an
 * article. */
static void
heads_split(const char *const *s, struct head *h, size_t nh,
    struct fold_cache *fc, struct token **t, size_t *cap)
{
	size_t i, j, n;

	for (i = 0; i < nh; i++) {
		n = text_tokens(s[i], strlen(s[i]), fc, t, cap);
		for (j = 0; j < n && j < HEAD_WORDS; j++) {
			h[i].w[j] = xstrndup((*t)[j].norm, (*t)[j].nlen);
			h[i].len[j] = (*t)[j].nlen;
		}
		h[i].n = n <= HEAD_WORDS ? n : 0;
	}
}

/* Splits the headings into folded words (once, for all threads). */
static void
heads_init(void)
{
	struct fold_cache *fc = fold_cache_new();
	struct token *t = NULL;
	size_t cap = 0;

	heads_split(boiler_heads, heads, NHEADS, fc, &t, &cap);
	free(t);
	fold_cache_free(fc);
}

/* How many of the N words T a phrase of H[0..NH) takes up (0: none; the
 * longest). */
static size_t
phrase_at(const struct head *h, size_t nh, const struct token *t, size_t n)
{
	size_t i, j, best = 0;

	for (i = 0; i < nh; i++) {
		if (h[i].n == 0 || h[i].n > n || h[i].n <= best)
			continue;
		for (j = 0; j < h[i].n; j++)
			if (t[j].nlen != h[i].len[j] ||
			    memcmp(t[j].norm, h[i].w[j], t[j].nlen) != 0)
				break;
		if (j == h[i].n)
			best = j;
	}
	return best;
}

/* How many of the N words T a heading takes up (0: none; the longest). */
static size_t
heading_at(const struct token *t, size_t n)
{
	return phrase_at(heads, NHEADS, t, n);
}

/* Does line S[0..N) start with a list bullet? */
static int
is_bullet(const char *s, size_t n)
{
	static const char *const b[] = { "- ", "* ", "\xe2\x80\xa2", "\xc2\xbb",
	    "\xe2\x80\x93 ", "\xe2\x80\x94 ", "\xc2\xb7", "\xe2\x96\xaa",
	    "\xe2\x96\xba", "> ", NULL };
	size_t i;

	for (i = 0; b[i] != NULL; i++)
		if (n >= strlen(b[i]) && memcmp(s, b[i], strlen(b[i])) == 0)
			return 1;
	return 0;
}

/* Does line S[0..N) end like prose ('.', '!', '。', '！', '…')? */
static int
is_prose(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '"' || s[n - 1] == ')'))
		n--;
	if (n == 0)
		return 0;
	if (s[n - 1] == '.' || s[n - 1] == '!')
		return 1;
	return n >= 3 && (memcmp(s + n - 3, "\xe3\x80\x82", 3) == 0 ||
	    memcmp(s + n - 3, "\xef\xbc\x81", 3) == 0 ||
	    memcmp(s + n - 3, "\xe2\x80\xa6", 3) == 0);
}

/* Scratch space of match_boilerplate: the words of a line's head. */
struct linews {
	struct fold_cache *fc;
	struct token	*t;
	size_t		 cap;
};

/* Does line S[0..N) start with a promotion ("Subscribe to our
 * newsletter", "Follow us on")? */
static int
is_promo(const char *s, size_t n)
{
	size_t i, l;

	for (i = 0; promo_heads[i] != NULL; i++)
		if ((s[0] | 0x20) == (promo_heads[i][0] | 0x20) &&
		    (l = strlen(promo_heads[i])) <= n &&
		    strncasecmp(s, promo_heads[i], l) == 0)
			return 1;
	return 0;
}

/* Is the character after the first H words of line S[0..N) (TOK) a
 * colon ("Related articles: ...")? */
static int
colon_after(const char *s, size_t n, const struct token *tok, size_t h)
{
	size_t i = tok[h - 1].off + tok[h - 1].len;

	while (i < n && s[i] == ' ')
		i++;
	return i < n && (s[i] == ':' || (i + 2 < n &&
	    memcmp(s + i, "\xef\xbc\x9a", 3) == 0));
}

/* Line kinds of match_boilerplate. */
enum { L_TEXT, L_BOILER, L_HEAD, L_HEADCOLON, L_PROMO };

/* What line S[0..N) is: L_HEAD a heading on its own (link lines follow),
 * L_HEADCOLON a heading, a colon and more (its wrapped rest follows),
 * L_PROMO a promotion, L_BOILER boilerplate (a tag line, a link), L_TEXT
 * text. A line over 2 * LINK_MAX bytes is prose; only a short line's head
 * is split into words. */
static int
line_kind(struct linews *ws, const char *s, size_t n)
{
	size_t k = n < LINE_HEAD ? n : LINE_HEAD, nt, h;

	if (n > 2 * LINK_MAX || ws->fc == NULL)
		return L_TEXT;	/* prose, whatever it quotes */
	if (is_promo(s, n))
		return L_PROMO;
	if ((memchr(s, '/', n) != NULL && memmem(s, n, "://", 3) != NULL) ||
	    (!is_prose(s, n) && memmem(s, n, "www.", 4) != NULL))
		return L_BOILER;
	if (is_prose(s, n))
		return L_TEXT;	/* neither a heading nor a tag line */
	if (is_bullet(s, n) && n <= LINK_MAX)
		return L_BOILER;
	while (k < n && ((unsigned char)s[k] & 0xc0) == 0x80)
		k++;	/* whole characters only */
	nt = text_tokens(s, k, ws->fc, &ws->t, &ws->cap);
	if ((h = heading_at(ws->t, nt)) == 0)
		return L_TEXT;
	if (h == nt && k == n)
		return L_HEAD;	/* "See also:" */
	return colon_after(s, n, ws->t, h) ? L_HEADCOLON : L_BOILER;
}

/* Does line S[0..N) read as a headline of a link list: short, starting
 * with a capital letter (or a digit, or a quote before one), with no
 * sentence end anywhere in it? */
static int
headline_like(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t i;
	ucs4_t c;
	int k;

	if (n == 0 || n > LINK_MAX / 2)
		return 0;
	for (i = 0; i + 1 < n; i++)
		if ((s[i] == '.' || s[i] == '!' || s[i] == '?') &&
		    s[i + 1] == ' ')
			return 0;
	if (is_prose(s, n) || s[n - 1] == '?' || s[n - 1] == ',')
		return 0;
	if ((k = u8_mbtouc(&c, p, n)) <= 0)
		return 0;
	return uc_is_property_uppercase(c) || (c >= '0' && c <= '9');
}

/* Appends the range [A, B) to *V (*N ranges, capacity *CAP). */
static void
range_add(uint32_t **v, size_t *n, size_t *cap, size_t a, size_t b)
{
	if (*n > 0 && (*v)[2 * *n - 1] == a) {
		(*v)[2 * *n - 1] = (uint32_t)b;	/* joins the last one */
		return;
	}
	if (*n >= *cap) {
		*cap = *cap < 8 ? 8 : *cap * 2;
		*v = xreallocarray(*v, *cap, 2 * sizeof **v);
	}
	(*v)[2 * *n] = (uint32_t)a;
	(*v)[2 * *n + 1] = (uint32_t)b;
	(*n)++;
}

/* The boilerplate lines of BODY: tag lines, links, and the link-like
 * lines under a heading such as "See also" (up to the next prose line). */
size_t
match_boilerplate(struct fold_cache *fc, const char *body, size_t len,
    uint32_t **out)
{
	struct linews ws = { fc, NULL, 0 };
	size_t i = 0, n = 0, cap = 0, e, s, run = 0, run0 = 0;
	int links = 0, promo = 0, k;
	const char *nl;

	*out = NULL;
	pthread_once(&heads_once, heads_init);
	if (len > UINT32_MAX)
		return 0;
	while (i < len) {
		nl = memchr(body + i, '\n', len - i);
		e = nl != NULL ? (size_t)(nl - body) : len;
		for (s = i; s < e && body[s] == ' '; s++)
			;
		if (s < e) {
			k = line_kind(&ws, body + s, e - s);
			if (k == L_TEXT && promo)
				k = L_PROMO;	/* a promotion's wrapped rest */
			promo = k == L_PROMO && !is_prose(body + s, e - s);
			if (k == L_TEXT && links && e - s <= LINK_MAX &&
			    !is_prose(body + s, e - s))
				k = L_BOILER;
			links = k == L_HEAD || k == L_HEADCOLON || (links &&
			    k == L_BOILER);
			if (k == L_TEXT && headline_like(body + s, e - s)) {
				if (run++ == 0)
					run0 = i;
			} else {
				if (run >= HEADLINE_RUN)
					range_add(out, &n, &cap, run0, i);
				run = 0;
			}
			if (k != L_TEXT)
				range_add(out, &n, &cap, i, e);
		}
		i = e + 1;
	}
	if (run >= HEADLINE_RUN)
		range_add(out, &n, &cap, run0, len);
	free(ws.t);
	return n;
}
