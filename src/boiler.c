/* boiler.c: line patterns for boilerplate and metadata, from a data file
 * so that new sites need no code change. */
#include <ctype.h>
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

struct pattern {
	enum boiler_kind kind;
	regex_t		 re;
	unsigned char	 first[32];	/* bytes a matching line can start with */
};

#define BOILER_MAX_LINE	400	/* longer lines are prose */
#define BOILER_BUF	1024	/* room for a lower-cased line (it may grow) */
#define MAX_DEPTH	32	/* group nesting the first-byte scan follows */

/* Global: the patterns boiler_init loads, before the loader threads
 * start; only read after. */
static struct pattern	*patterns;
static size_t		 npatterns;
static locale_t		 c_locale;	/* regexes run bytewise, fast */

/*
 * Lower-cases non-ASCII UTF-8 S into BUF character by character with the
 * simple mapping, which is what u8_tolower does (checked over every code
 * point) but for U+0130 and a final sigma; NULL for those, for invalid
 * UTF-8 and when BUF is too small: the caller then takes u8_tolower.
 */
static char *
lower_chars(const char *s, size_t len, char *buf, size_t bufsz)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + len;
	size_t o = 0;
	ucs4_t c;
	int k;

	while (p < end) {
		if ((k = u8_mbtoucr(&c, p, (size_t)(end - p))) < 0 ||
		    c == 0x130 || c == 0x3a3 || o + 5 > bufsz)
			return NULL;
		p += k;
		o += (size_t)u8_uctomb((uint8_t *)buf + o, uc_tolower(c), 4);
	}
	buf[o] = '\0';
	return buf;
}

/*
 * Lower-cases UTF-8 S into BUF (BUFSZ bytes) when it fits, else into a
 * malloc'd copy; NUL-terminated either way. ASCII lines, most of them, take
 * a byte loop, and most others lower_chars: u8_tolower (every script, in
 * context) costs several times more per byte.
 */
static char *
lower(const char *s, size_t len, char *buf, size_t bufsz)
{
	size_t i, n = bufsz > 0 ? bufsz - 1 : 0;
	uint8_t *l;
	char *r;

	for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++)
		;
	if (i == len) {
		r = len < bufsz ? buf : xmalloc(len + 1);
		for (i = 0; i < len; i++)
			r[i] = s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i];
		r[len] = '\0';
		return r;
	}
	if ((r = lower_chars(s, len, buf, bufsz)) != NULL)
		return r;
	l = u8_tolower((const uint8_t *)s, len, NULL, NULL, (uint8_t *)buf, &n);
	if (l == NULL)
		r = len < bufsz ? memcpy(buf, s, len) : xstrndup(s, len);
	else if (l != (uint8_t *)buf)
		r = xrealloc(l, (len = n) + 1);
	else
		r = buf, len = n;
	r[len] = '\0';
	return r;
}

/* Frees what lower() returned, unless it is BUF. */
static void
lower_free(char *s, const char *buf)
{
	if (s != buf)
		free(s);
}

static int alt_first(const char **, unsigned char *, int);

/* The closing ']' of the bracket expression at P, or NULL. */
static const char *
skip_bracket(const char *p)
{
	p += p[1] == '^' ? 2 : 1;
	if (*p == ']')
		p++;	/* a leading ']' is a member */
	for (; *p != '\0' && *p != ']'; p++)
		if (*p == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')) {
			const char *e = strchr(p + 2, p[1]);

			while (e != NULL && e[1] != ']')
				e = strchr(e + 1, p[1]);
			if (e == NULL)
				return NULL;
			p = e + 1;	/* the ']' of "[:alpha:]" */
		}
	return *p == ']' ? p : NULL;
}

/*
 * Adds to SET the bytes the regex atom at *P can start with and moves *P
 * past it: 1 when the atom can match empty, 0 when not, -1 when unsure
 * (GNU escapes, back-references, odd syntax).
 */
static int
atom_first(const char **pp, unsigned char *set, int depth)
{
	const char *p = *pp;
	int r;

	switch (*p) {
	case '(':
		*pp = p + 1;
		if ((r = alt_first(pp, set, depth + 1)) < 0 || **pp != ')')
			return -1;
		(*pp)++;
		return r;
	case '^': case '$':
		*pp = p + 1;
		return 1;
	case '.': case '[':	/* any byte: a set would narrow little */
		if (*p == '[' && (p = skip_bracket(p)) == NULL)
			return -1;
		memset(set, 0xff, 32);
		*pp = p + 1;
		return 0;
	case '\\':
		if (p[1] == '\0' || isalnum((unsigned char)p[1]))
			return -1;
		p++;
		break;
	case '*': case '+': case '?': case '{': case '|': case ')': case '\0':
		return -1;
	}
	set[(unsigned char)*p >> 3] |= 1u << ((unsigned char)*p & 7);
	*pp = p + 1;
	return 0;
}

/* The first bytes of the concatenation at *P (up to '|', ')' or the end)
 * into SET: 1 when it can match empty, 0 when not, -1 when unsure. */
static int
seq_first(const char **pp, unsigned char *set, int depth)
{
	unsigned char aset[32];
	int nullable = 1, r;

	while (**pp != '\0' && **pp != '|' && **pp != ')') {
		memset(aset, 0, sizeof aset);
		if ((r = atom_first(pp, aset, depth)) < 0)
			return -1;
		if (**pp == '{') {	/* may be {0,N}: take it as optional */
			*pp += 1 + strspn(*pp + 1, "0123456789,");
			if (**pp != '}')
				return -1;
			r = 1, (*pp)++;
		} else if (**pp == '?' || **pp == '*')
			r = 1, (*pp)++;
		else if (**pp == '+')
			(*pp)++;
		if (nullable)
			for (size_t i = 0; i < sizeof aset; i++)
				set[i] |= aset[i];
		nullable &= r;
	}
	return nullable;
}

/* The first bytes of the alternation at *P into SET (see seq_first). */
static int
alt_first(const char **pp, unsigned char *set, int depth)
{
	int nullable = 0, r;

	if (depth > MAX_DEPTH)
		return -1;
	for (;;) {
		if ((r = seq_first(pp, set, depth)) < 0)
			return -1;
		nullable |= r;
		if (**pp != '|')
			return nullable;
		(*pp)++;
	}
}

/*
 * Sets FIRST to the bytes a line matching the (lower-cased) regex RE can
 * start with, so that boiler_match runs only the patterns a line can
 * match: a regexec costs as much as lower-casing the line. Only a pattern
 * anchored with '^', with no top-level '|', that cannot match an empty
 * line is narrowed; anything unsure leaves every byte in.
 */
static void
pattern_first(const char *re, unsigned char *first)
{
	unsigned char set[32] = { 0 };
	const char *p = re + 1;

	memset(first, 0xff, 32);
	if (re[0] != '^')
		return;
	if (seq_first(&p, set, 0) == 0 && *p == '\0')
		memcpy(first, set, sizeof set);
}

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
	re = lower(tab, strlen(tab), NULL, 0);
	old = uselocale(c_locale);
	rc = regcomp(&p->re, re, REG_EXTENDED);
	uselocale(old);
	pattern_first(re, p->first);
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

/* The value of a source line: the last group of M, from the line itself
 * when lower-casing kept its length (the offsets then agree), else from
 * the lower-cased copy S. */
static char *
capture_value(const char *line, size_t len, const char *s, size_t slen,
    const regmatch_t *m)
{
	size_t g;

	for (g = 9; g > 0 && m[g].rm_so == -1; g--)
		;
	return xstrndup((slen == len ? line : s) + m[g].rm_so,
	    (size_t)(m[g].rm_eo - m[g].rm_so));
}

enum boiler_kind
boiler_match(const char *line, size_t len, char **value)
{
	regmatch_t m[10];
	enum boiler_kind kind = BOILER_NONE;
	locale_t old;
	char buf[BOILER_BUF], *s;
	unsigned char b;
	size_t i;

	if (len > BOILER_MAX_LINE || npatterns == 0)
		return BOILER_NONE;
	s = lower(line, len, buf, sizeof buf);
	b = (unsigned char)s[0];
	old = uselocale(c_locale);
	for (i = 0; i < npatterns && kind == BOILER_NONE; i++) {
		const struct pattern *p = &patterns[i];
		int capture = value != NULL &&
		    (p->kind == BOILER_SOURCE || p->kind == BOILER_FROM);

		if (!(p->first[b >> 3] & (1u << (b & 7))))
			continue;
		/* no submatches asked for unless kept: glibc then skips
		 * working them out */
		if (regexec(&p->re, s, capture ? 10 : 0, capture ? m : NULL,
		    0) != 0)
			continue;
		kind = p->kind;
		if (capture)
			*value = capture_value(line, len, s, strlen(s), m);
	}
	uselocale(old);
	lower_free(s, buf);
	return kind;
}
