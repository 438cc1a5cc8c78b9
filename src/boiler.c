/* boiler.c: line patterns for boilerplate and metadata, from a data file
 * so that new sites need no code change. */
#include <errno.h>
#include <locale.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>

#include "boiler.h"
#include "util.h"

struct pattern {
	enum boiler_kind kind;
	regex_t		 re;
};

#define BOILER_MAX_LINE	400	/* longer lines are prose */

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

enum boiler_kind
boiler_match(const char *line, size_t len, char **value)
{
	regmatch_t m[10];
	enum boiler_kind kind = BOILER_NONE;
	locale_t old;
	size_t i, g;
	char *s;

	if (len > BOILER_MAX_LINE || npatterns == 0)
		return BOILER_NONE;
	/* Lower-casing keeps byte offsets only for same-length case pairs;
	 * the captured value is cut from the lower-cased copy, so take it
	 * from the original where the lengths agree. */
	s = lower(line, len);
	old = uselocale(c_locale);
	for (i = 0; i < npatterns && kind == BOILER_NONE; i++) {
		if (regexec(&patterns[i].re, s, 10, m, 0) != 0)
			continue;
		kind = patterns[i].kind;
		if ((kind != BOILER_SOURCE && kind != BOILER_FROM) || value == NULL)
			continue;
		for (g = 9; g > 0 && m[g].rm_so == -1; g--)
			;
		*value = strlen(s) == len ?
		    xstrndup(line + m[g].rm_so, (size_t)(m[g].rm_eo - m[g].rm_so)) :
		    xstrndup(s + m[g].rm_so, (size_t)(m[g].rm_eo - m[g].rm_so));
	}
	uselocale(old);
	free(s);
	return kind;
}
