/* boiler.c: line patterns for boilerplate and metadata, from a data file
 * so that new sites need no code change. */
#include <errno.h>
#include <locale.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unistr.h>

#include "boiler.h"
#include "util.h"

#define BOILER_MAX_LINE	400	/* longer lines are prose */
#define LIT_MAX		32	/* bytes of a literal prefix kept */
#define CSET_BITS	1024	/* ASCII exactly, other characters hashed */

/*
 * A pattern, with what any line it matches must have, worked out from
 * the regex when loaded so that most lines are turned away without
 * lower-casing them or calling regexec. The tests only ever let through
 * more lines than match, never fewer.
 */
struct pattern {
	enum boiler_kind kind;
	regex_t		 re;
	int		 anchored;	/* every match starts the line */
	int		 any;		/* FIRST unknown */
	uint64_t	 first[CSET_BITS / 64];	/* characters a match may
						   start with (lower case) */
	char		 lit[LIT_MAX + 1];	/* every match starts so */
	size_t		 litlen, ascii;	/* ASCII: its bytes up to the
					   first other one */
};

/* A set of characters, and whether the text it starts can be empty. */
struct cset {
	uint64_t	 b[CSET_BITS / 64];
	int		 any;		/* every character (the analysis gave up) */
	int		 nullable;
};

/* The analyser's place in a regex: gives up (BAD) on what it does not
 * know, which only makes the test weaker, never wrong. */
struct rescan {
	const char	*p;
	int		 bad;
	int		 depth;
	int		 branches, anchors;	/* at depth 0 */
};

static void re_alt(struct rescan *, struct cset *);

static struct pattern	*patterns;
static size_t		 npatterns;
static locale_t		 c_locale;	/* regexes run bytewise, fast */

/* Lower-cases UTF-8 S (libunistring, every script); malloc'd. */
static char *
lower(const char *s, size_t len)
{
	size_t n = 0;
	uint8_t *l = u8_tolower((const uint8_t *)s, len, NULL, NULL, NULL, &n);
	char *r;

	if (l == NULL)
		return xstrndup(s, len);
	r = xstrndup((char *)l, n);
	free(l);
	return r;
}

/* ------------------------------------------------------------------ */
/* What a pattern's matches must start with: a small regex analyser. */

/* The bit of character C in a set: ASCII its own, others hashed. */
static unsigned
cset_bit(ucs4_t c)
{
	return c < 128 ? c : 128 + (unsigned)((c * 2654435761u) >> 8) %
	    (CSET_BITS - 128);
}

/* Adds character C to set S. */
static void
cset_add(struct cset *s, ucs4_t c)
{
	unsigned b = cset_bit(c);

	s->b[b / 64] |= (uint64_t)1 << (b % 64);
}

/* Adds set T's characters to S. */
static void
cset_union(struct cset *s, const struct cset *t)
{
	size_t i;

	for (i = 0; i < CSET_BITS / 64; i++)
		s->b[i] |= t->b[i];
	s->any |= t->any;
}

/* A bracket expression at R->p (past the '['): its characters when they
 * are all ASCII; a complement or another byte takes any. Classes and
 * collating elements are not looked into (the analysis gives up). */
static void
re_bracket(struct rescan *R, struct cset *s)
{
	const unsigned char *p = (const unsigned char *)R->p;
	int neg = *p == '^', i, c;

	p += neg;
	for (c = 0; *p != '\0' && (*p != ']' || c == 0); c++, p++) {
		if (*p == '[' && (p[1] == ':' || p[1] == '=' || p[1] == '.'))
			R->bad = 1;	/* where it ends is not looked for */
		else if (*p >= 0x80)
			s->any = 1;	/* in bytes: part of a character */
		else if (p[1] == '-' && p[2] != ']' && p[2] != '\0') {
			for (i = p[0]; i <= p[2] && i < 0x80; i++)
				cset_add(s, (ucs4_t)i);
			s->any |= p[2] >= 0x80;
			p += 2;
		} else
			cset_add(s, *p);
	}
	if (*p != ']' || neg)
		s->any = 1;	/* a complement: nearly everything */
	R->p = *p == ']' ? (const char *)p + 1 : (const char *)p;
}

/* A literal character starting at R->p - 1 (its first byte C). A
 * repetition after a multibyte one repeats its last byte only, so the
 * whole character is not certain then: any. */
static void
re_char(struct rescan *R, struct cset *s, unsigned char c)
{
	const char *at = R->p - 1;
	ucs4_t uc;
	int k;

	if (c < 0x80) {
		cset_add(s, c);
		return;
	}
	k = u8_mbtoucr(&uc, (const uint8_t *)at, strlen(at));
	if (k < 2) {
		s->any = 1;
		return;
	}
	cset_add(s, uc);
	if (at[k] != '\0' && strchr("*+?{", at[k]) != NULL)
		s->any = 1;
	R->p = at + k;
}

/* One atom at R->p: its first characters; an anchor takes none. */
static void
re_atom(struct rescan *R, struct cset *s)
{
	unsigned char c = (unsigned char)*R->p++;

	memset(s, 0, sizeof *s);
	if (c == '(') {
		R->depth++;
		re_alt(R, s);
		R->depth--;
		if (*R->p++ != ')')
			R->bad = 1;
	} else if (c == '[')
		re_bracket(R, s);
	else if (c == '^' || c == '$')
		s->nullable = 1;	/* zero width */
	else if (c == '.' || c == '*' || c == '+' || c == '?' || c == '{' ||
	    c == '|' || c == ')')
		s->any = 1;
	else if (c == '\\' && *R->p != '\0' && (unsigned char)*R->p < 0x80 &&
	    strchr("<>`'bBwWsSy0123456789", *R->p) == NULL &&
	    !(*R->p >= 'a' && *R->p <= 'z') && !(*R->p >= 'A' && *R->p <= 'Z'))
		cset_add(s, (unsigned char)*R->p++);
	else if (c == '\\')
		R->bad = 1;
	else
		re_char(R, s, c);
}

/* An atom and its repetitions: "*", "?" and "{0,..." make it optional. */
static void
re_piece(struct rescan *R, struct cset *s)
{
	re_atom(R, s);
	for (;;) {
		if (*R->p == '*' || *R->p == '?')
			s->nullable = 1;
		else if (*R->p == '{') {
			if (R->p[1] == '0' && (R->p[2] == ',' || R->p[2] == '}'))
				s->nullable = 1;
			else if (R->p[1] < '1' || R->p[1] > '9')
				R->bad = 1;
			while (*R->p != '\0' && *R->p != '}')
				R->p++;
		} else if (*R->p != '+')
			break;
		if (*R->p != '\0')
			R->p++;
	}
}

/* A branch: the first characters of its pieces up to the first that
 * cannot be empty. */
static void
re_branch(struct rescan *R, struct cset *s)
{
	struct cset t;

	memset(s, 0, sizeof *s);
	s->nullable = 1;
	if (R->depth == 0) {
		R->branches++;
		R->anchors += *R->p == '^';
	}
	while (*R->p != '\0' && *R->p != '|' && *R->p != ')' && !R->bad) {
		re_piece(R, &t);
		if (s->nullable)
			cset_union(s, &t);
		s->nullable &= t.nullable;
	}
}

/* Alternatives: the union of the branches' first characters. */
static void
re_alt(struct rescan *R, struct cset *s)
{
	struct cset t;

	memset(s, 0, sizeof *s);
	for (;;) {
		re_branch(R, &t);
		cset_union(s, &t);
		s->nullable |= t.nullable;
		if (*R->p != '|' || R->bad)
			break;
		R->p++;
	}
}

/* The literal bytes every match of RE (lower-cased, one branch at the
 * top) starts with, past a leading '^': up to a group, bracket or
 * repetition. */
static size_t
re_literal(const char *re, char *lit)
{
	size_t n = 0;

	re += *re == '^';
	while (n < LIT_MAX && *re != '\0' &&
	    strchr(".[()*+?{|^$\\", *re) == NULL &&
	    (re[1] == '\0' || strchr("*+?{", re[1]) == NULL))
		lit[n++] = *re++;
	return n;
}

/* Works out the tests of P from its (lower-cased) regex RE. */
static void
pattern_analyse(struct pattern *p, const char *re)
{
	struct rescan R = { re, 0, 0, 0, 0 };
	struct cset s;
	int ok;

	re_alt(&R, &s);
	ok = !R.bad && *R.p == '\0';
	p->anchored = ok && R.anchors == R.branches;
	p->any = !ok || s.any || s.nullable;
	memcpy(p->first, s.b, sizeof p->first);
	p->litlen = ok && R.branches == 1 ? re_literal(re, p->lit) : 0;
	p->lit[p->litlen] = '\0';
	for (p->ascii = 0; p->ascii < p->litlen &&
	    (unsigned char)p->lit[p->ascii] < 0x80; p->ascii++)
		;
}

/* ------------------------------------------------------------------ */
/* Matching. */

/*
 * The first character of line S lower-cased, as u8_tolower would make
 * it: no context changes the first character (a final sigma needs a
 * letter before it; the other conditions are Lithuanian and Turkish,
 * never asked for), and U+0130 maps to "i" + U+0307. *RAW gets it as
 * written (regexec sees that when S is not valid UTF-8 further on).
 * UINT32_MAX for both when S is not valid UTF-8 there.
 */
static ucs4_t
first_lower(const char *s, size_t len, ucs4_t *raw)
{
	ucs4_t uc;

	if (len > 0 && (unsigned char)*s < 0x80) {
		*raw = (unsigned char)*s;
		return *s >= 'A' && *s <= 'Z' ? (ucs4_t)(*s | 0x20) : *raw;
	}
	if (len == 0 || u8_mbtoucr(&uc, (const uint8_t *)s, len) < 1)
		return *raw = UINT32_MAX;
	*raw = uc;
	return uc == 0x130 ? 'i' : uc_tolower(uc);
}

/* Could the lower-cased line hold the ASCII bytes LIT (N), judging by
 * the original line S? Lower-casing maps ASCII to ASCII and every other
 * character to bytes >= 0x80, but for U+0130 and the Kelvin sign. */
static int
may_contain(const char *s, size_t len, const char *lit, size_t n)
{
	const char *p, *end = s + len;
	size_t k;

	if (n == 0 || memmem(s, len, "\xc4\xb0", 2) != NULL ||
	    memmem(s, len, "\xe2\x84\xaa", 3) != NULL)
		return 1;
	for (p = s; (size_t)(end - p) >= n; p++) {
		for (k = 0; k < n && ((p[k] >= 'A' && p[k] <= 'Z' ?
		    p[k] | 0x20 : p[k]) == lit[k]); k++)
			;
		if (k == n)
			return 1;
	}
	return 0;
}

/* Is character C in pattern P's first characters? */
static int
may_start(const struct pattern *p, ucs4_t c)
{
	unsigned b = cset_bit(c);

	return c == UINT32_MAX || (p->first[b / 64] >> (b % 64) & 1);
}

/* Could line S (original case), whose first character is C lower-cased
 * and RAW as written, match P? No means it cannot. */
static int
may_match(const struct pattern *p, const char *s, size_t len, ucs4_t c,
    ucs4_t raw)
{
	if (!p->anchored)
		return may_contain(s, len, p->lit, p->ascii);
	return p->any || may_start(p, c) || may_start(p, raw);
}

/*
 * Lower-cases S into BUF (room for 4 bytes a byte) as u8_tolower would,
 * character by character: with no language given, only U+0130 (to "i"
 * + U+0307) and the context-dependent capital sigma map otherwise, so
 * a line with either, or with invalid UTF-8, returns 0 (not done).
 */
static int
lower_simple(const char *s, size_t len, char *buf, size_t *outlen)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + len;
	uint8_t *o = (uint8_t *)buf;
	ucs4_t uc;
	int k;

	while (p < end) {
		if (*p < 0x80) {
			*o++ = *p >= 'A' && *p <= 'Z' ? *p | 0x20 : *p;
			p++;
			continue;
		}
		if ((k = u8_mbtoucr(&uc, p, (size_t)(end - p))) < 1 ||
		    uc == 0x130 || uc == 0x3a3)
			return 0;
		p += k;
		o += u8_uctomb(o, uc_tolower(uc), 4);
	}
	*o = '\0';
	*outlen = (size_t)(o - (uint8_t *)buf);
	return 1;
}

/* Lower-cases line S (at most BOILER_MAX_LINE bytes) into BUF of SIZE
 * when it fits, else malloc'd; NUL-terminated. */
static char *
lower_line(const char *s, size_t len, char *buf, size_t size)
{
	size_t n = size - 1;
	uint8_t *l;

	if (4 * len < size && lower_simple(s, len, buf, &n))
		return buf;
	n = size - 1;
	l = u8_tolower((const uint8_t *)s, len, NULL, NULL, (uint8_t *)buf,
	    &n);
	if (l == NULL)
		l = (uint8_t *)xstrndup(s, n = len);
	else if (l != (uint8_t *)buf)
		l = xreallocarray(l, n + 1, 1);
	l[n] = '\0';
	return (char *)l;
}

/* ------------------------------------------------------------------ */
/* Loading. */

static const struct {
	const char	*name;
	enum boiler_kind kind;
} kinds[] = {
	{ "drop", BOILER_DROP },
	{ "tail", BOILER_TAIL },
	{ "meta", BOILER_META },
	{ "source", BOILER_SOURCE },
	{ "from", BOILER_FROM },
};

/* Parses one "kind<TAB>regex" line into a pattern; -1 on a bad line. */
static int
boiler_parse_line(char *line, struct pattern *p, const char **why)
{
	char *tab = strchr(line, '\t'), *re;
	locale_t old;
	size_t i;
	int rc;

	if (tab == NULL) {
		*why = "expected KIND<TAB>REGEX";
		return -1;
	}
	*tab = '\0';
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(line, kinds[i].name) == 0)
			break;
	if (i == sizeof kinds / sizeof kinds[0]) {
		*why = "unknown kind (drop, tail, meta, source, from)";
		return -1;
	}
	p->kind = kinds[i].kind;
	while (*++tab == '\t')
		;
	re = lower(tab, strlen(tab));
	old = uselocale(c_locale);
	rc = regcomp(&p->re, re, REG_EXTENDED);
	uselocale(old);
	pattern_analyse(p, re);
	free(re);
	if (rc != 0) {
		*why = "bad regular expression";
		return -1;
	}
	return 0;
}

int
boiler_load(const char *path)
{
	char *text, *line, *next, where[4200];
	const char *why;
	size_t len, lineno = 0;
	int rc = 0;

	if (c_locale == (locale_t)0 &&
	    (c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0)) == (locale_t)0) {
		warn_at(path, "cannot create the C locale");
		return -1;
	}
	if (file_read(path, 1 << 20, &text, &len) == -1) {
		warn_at(path, "%s", strerror(errno));
		return -1;
	}
	for (line = text; line != NULL && *line != '\0'; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (*line == '#' || *line == '\0')
			continue;
		patterns = xreallocarray(patterns, npatterns + 1, sizeof *patterns);
		if (boiler_parse_line(line, &patterns[npatterns], &why) == -1) {
			snprintf(where, sizeof where, "%.4000s:%zu", path, lineno);
			warn_at(where, "%s", why);
			rc = -1;
			continue;
		}
		npatterns++;
	}
	free(text);
	return rc;
}

void
boiler_free(void)
{
	size_t i;

	for (i = 0; i < npatterns; i++)
		regfree(&patterns[i].re);
	free(patterns);
	patterns = NULL;
	npatterns = 0;
	if (c_locale != (locale_t)0)
		freelocale(c_locale);
	c_locale = (locale_t)0;
}

/* Runs pattern P on lower-cased line S (its own tests first); the
 * kind, with the source name for source and from lines when VALUE. */
static enum boiler_kind
pattern_run(const struct pattern *p, const char *s, const char *line,
    size_t len, char **value)
{
	regmatch_t m[10];
	size_t g;

	if (p->anchored && strncmp(s, p->lit, p->litlen) != 0)
		return BOILER_NONE;
	if (!p->anchored && p->litlen > 0 && strstr(s, p->lit) == NULL)
		return BOILER_NONE;
	/* without submatches regexec stops at the first match, fast */
	if (regexec(&p->re, s, 0, NULL, 0) != 0)
		return BOILER_NONE;
	if ((p->kind != BOILER_SOURCE && p->kind != BOILER_FROM) ||
	    value == NULL || regexec(&p->re, s, 10, m, 0) != 0)
		return p->kind;
	/* Lower-casing keeps byte offsets only for same-length case pairs;
	 * the captured value is cut from the lower-cased copy, so take it
	 * from the original where the lengths agree. */
	for (g = 9; g > 0 && m[g].rm_so == -1; g--)
		;
	*value = strlen(s) == len ?
	    xstrndup(line + m[g].rm_so, (size_t)(m[g].rm_eo - m[g].rm_so)) :
	    xstrndup(s + m[g].rm_so, (size_t)(m[g].rm_eo - m[g].rm_so));
	return p->kind;
}

enum boiler_kind
boiler_match(const char *line, size_t len, char **value)
{
	enum boiler_kind kind = BOILER_NONE;
	locale_t old = (locale_t)0;
	char *s = NULL, buf[4 * BOILER_MAX_LINE + 8];
	ucs4_t c, raw;
	size_t i;

	if (len > BOILER_MAX_LINE || npatterns == 0)
		return BOILER_NONE;
	c = first_lower(line, len, &raw);
	for (i = 0; i < npatterns && kind == BOILER_NONE; i++) {
		if (!may_match(&patterns[i], line, len, c, raw))
			continue;
		if (s == NULL) {	/* the first pattern that may match */
			s = lower_line(line, len, buf, sizeof buf);
			old = uselocale(c_locale);
		}
		kind = pattern_run(&patterns[i], s, line, len, value);
	}
	if (s != NULL)
		uselocale(old);
	if (s != buf)
		free(s);
	return kind;
}
