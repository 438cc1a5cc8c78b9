/* boiler.c: line patterns for boilerplate and metadata, from a data file
 * so that new sites need no code change. */
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boiler.h"
#include "util.h"

struct pattern {
	enum boiler_kind kind;
	regex_t		 re;
};

static struct pattern	*patterns;
static size_t		 npatterns;

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
	char *tab = strchr(line, '\t');
	size_t i;

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
	if (regcomp(&p->re, tab, REG_EXTENDED | REG_ICASE) != 0) {
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
}

enum boiler_kind
boiler_match(const char *line, size_t len, char **value)
{
	regmatch_t m[10];
	char *s = xstrndup(line, len);
	size_t i, g;
	enum boiler_kind kind = BOILER_NONE;

	for (i = 0; i < npatterns && kind == BOILER_NONE; i++) {
		if (regexec(&patterns[i].re, s, 10, m, 0) != 0)
			continue;
		kind = patterns[i].kind;
		if ((kind != BOILER_SOURCE && kind != BOILER_FROM) || value == NULL)
			continue;
		for (g = 9; g > 0 && m[g].rm_so == -1; g--)
			;
		*value = xstrndup(s + m[g].rm_so, (size_t)(m[g].rm_eo - m[g].rm_so));
	}
	free(s);
	return kind;
}
