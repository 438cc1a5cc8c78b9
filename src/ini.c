/* ini.c: the one safe wrapper around iniparser 4.1: our own pre-scan with FILE:LINE errors, then values via iniparser_getstring. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistr.h>

#ifdef HAVE_INIPARSER_INIPARSER_H
#include <iniparser/iniparser.h>
#else
#include <iniparser.h>
#endif

#include "ini.h"
#include "util.h"

/*
 * iniparser 4.1 reads lines into 1,024-byte buffers and fails the whole
 * file on a longer one; we stop well before that.
 */
#define INI_MAX_LINE	1000
#define INI_MAX_FILE	(4 * 1024 * 1024)

struct ini_keyrec {
	char	*name;		/* lower-cased, as iniparser stores it */
	int	 line;
};

struct ini_sec {
	char	*name;		/* lower-cased */
	int	 line;
	struct ini_keyrec *keys;
	int	 nkeys;
};

struct ini {
	char		*path;
	dictionary	*d;
	struct ini_sec	*secs;
	int		 nsecs;
};

/* The pre-scan's state: where we are and where to write a complaint. */
struct scan {
	struct ini	*ini;
	int		 line;
	char		*err;
	size_t		 errlen;
};

/* iniparser's error callback: silent, since the pre-scan has already
 * reported anything it could complain about, with a line number. */
static int
ini_silent(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

/* Writes "FILE:LINE: reason" to the scan's error buffer; returns -1. */
static int
scan_error(struct scan *sc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int
scan_error(struct scan *sc, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(sc->err, sc->errlen, "%s:%d: %s", sc->ini->path, sc->line, msg);
	return -1;
}

/* Trims spaces and tabs from both ends of S[0..*LEN); returns the start. */
static const char *
trim(const char *s, size_t *len)
{
	while (*len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		(*len)--;
	}
	while (*len > 0 && (s[*len - 1] == ' ' || s[*len - 1] == '\t' ||
	    s[*len - 1] == '\r'))
		(*len)--;
	return s;
}

/* A lower-cased copy (ASCII only, the way iniparser's strlwc does it). */
static char *
lower_dup(const char *s, size_t len)
{
	char *d = xstrndup(s, len);
	size_t i;

	for (i = 0; i < len; i++)
		if (d[i] >= 'A' && d[i] <= 'Z')
			d[i] = (char)(d[i] + 32);
	return d;
}

/* The section called NAME (lower-case), or NULL. */
static struct ini_sec *
find_section(const struct ini *ini, const char *name, size_t len)
{
	int i;

	for (i = 0; i < ini->nsecs; i++)
		if (strlen(ini->secs[i].name) == len &&
		    strncasecmp(ini->secs[i].name, name, len) == 0)
			return &ini->secs[i];
	return NULL;
}

/* "[name]": checks the name and that it is new, then records it. */
static int
scan_section(struct scan *sc, const char *s, size_t len)
{
	struct ini *ini = sc->ini;
	const struct ini_sec *old;
	struct ini_sec *sec;
	const char *name;
	size_t n;

	if (s[len - 1] != ']')
		return scan_error(sc, memchr(s, ']', len) == NULL ?
		    "section name without a closing ']'" :
		    "text after the section's ']' (comments go on their own "
		    "line)");
	n = len - 2;
	name = trim(s + 1, &n);
	if (n == 0)
		return scan_error(sc, "empty section name");
	if (memchr(name, '[', n) || memchr(name, ']', n) || memchr(name, ':', n))
		return scan_error(sc, "'[', ']' or ':' in a section name");
	if ((old = find_section(ini, name, n)) != NULL)
		return scan_error(sc, "duplicate section [%.*s] (first at line %d)",
		    (int)n, name, old->line);
	ini->secs = xreallocarray(ini->secs, (size_t)ini->nsecs + 1,
	    sizeof *ini->secs);
	sec = &ini->secs[ini->nsecs++];
	memset(sec, 0, sizeof *sec);
	sec->name = lower_dup(name, n);
	sec->line = sc->line;
	return 0;
}

/*
 * Checks a value the way iniparser will read it: quoted values must be
 * closed, and an unquoted value must not contain ';' or '#' where
 * iniparser would silently cut it.
 */
static int
scan_value(struct scan *sc, const char *v, size_t n)
{
	const char *q, *p;

	if (n > 0 && (v[0] == '"' || v[0] == '\'')) {
		if ((q = memchr(v + 1, v[0], n - 1)) == NULL)
			return scan_error(sc, "unterminated quote");
		for (p = q + 1; p < v + n && (*p == ' ' || *p == '\t'); p++)
			;
		if (p < v + n && *p != ';' && *p != '#')
			return scan_error(sc, "text after the closing quote");
		return 0;
	}
	for (p = v; p < v + n; p++) {
		if (*p != ';' && *p != '#')
			continue;
		if (p == v)
			return scan_error(sc, "value starts with '%c': put it in "
			    "double quotes", *p);
		if (p[-1] != ' ' && p[-1] != '\t')
			return scan_error(sc, "'%c' inside a value would cut it "
			    "there: put the value in double quotes", *p);
		break;	/* " ; comment" or " # comment" ends the value */
	}
	return 0;
}

/* "key = value": checks key and value, then records the key. */
static int
scan_key(struct scan *sc, const char *s, size_t len)
{
	struct ini_sec *sec;
	const char *eq = memchr(s, '=', len), *key, *v;
	size_t kn, vn;
	int i;

	if (eq == NULL)
		return scan_error(sc, "expected [section], key = value or a "
		    "comment");
	kn = (size_t)(eq - s);
	key = trim(s, &kn);
	vn = (size_t)(s + len - eq - 1);
	v = trim(eq + 1, &vn);
	if (kn == 0)
		return scan_error(sc, "empty key before '='");
	if (memchr(key, ':', kn) != NULL)
		return scan_error(sc, "':' in a key name");
	if (sc->ini->nsecs == 0)
		return scan_error(sc, "key outside a section");
	if (scan_value(sc, v, vn) == -1)
		return -1;
	sec = &sc->ini->secs[sc->ini->nsecs - 1];
	for (i = 0; i < sec->nkeys; i++)
		if (strlen(sec->keys[i].name) == kn &&
		    strncasecmp(sec->keys[i].name, key, kn) == 0)
			return scan_error(sc, "duplicate key '%.*s' in [%s] "
			    "(first at line %d)", (int)kn, key, sec->name,
			    sec->keys[i].line);
	sec->keys = xreallocarray(sec->keys, (size_t)sec->nkeys + 1,
	    sizeof *sec->keys);
	sec->keys[sec->nkeys].name = lower_dup(key, kn);
	sec->keys[sec->nkeys++].line = sc->line;
	return 0;
}

/* The first C0 (but TAB, and CR ending a line), DEL or C1 control
 * character of valid UTF-8 S, or 0. */
static unsigned
control_char(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < len; i++) {
		if ((p[i] < 0x20 && p[i] != '\t' && !(p[i] == '\r' &&
		    i + 1 == len)) || p[i] == 0x7f)
			return p[i];
		if (p[i] == 0xc2 && i + 1 < len && p[i + 1] >= 0x80 &&
		    p[i + 1] <= 0x9f)
			return p[i + 1];
	}
	return 0;
}

/* Checks one line (without its '\n'). */
static int
scan_line(struct scan *sc, const char *s, size_t len)
{
	unsigned c;

	if (len > INI_MAX_LINE)
		return scan_error(sc, "line too long (%zu bytes, at most %d)",
		    len, INI_MAX_LINE);
	if (memchr(s, '\0', len) != NULL)
		return scan_error(sc, "NUL byte");
	if (sc->line == 1 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		return scan_error(sc, "UTF-8 byte order mark (save the file "
		    "without a BOM)");
	if (u8_check((const uint8_t *)s, len) != NULL)
		return scan_error(sc, "invalid UTF-8");
	if ((c = control_char(s, len)) != 0)
		return scan_error(sc, "control character U+%04X (names, labels "
		    "and terms reach the terminal)", c);
	s = trim(s, &len);
	if (len > 0 && s[len - 1] == '\\')	/* iniparser would join lines */
		return scan_error(sc, "line ends with '\\' (continuation lines "
		    "are not supported)");
	if (len == 0 || s[0] == ';' || s[0] == '#')
		return 0;
	if (s[0] == '[')
		return scan_section(sc, s, len);
	return scan_key(sc, s, len);
}

/* Runs scan_line over every line of TEXT. */
static int
scan_text(struct scan *sc, const char *text, size_t len)
{
	const char *p = text, *end = text + len, *nl;

	while (p < end) {
		sc->line++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (scan_line(sc, p, (size_t)(nl - p)) == -1)
			return -1;
		p = nl + 1;
	}
	return 0;
}

/* Opens PATH: pre-scan, then iniparser_load on a file we know it reads. */
struct ini *
ini_open(const char *path, char *err, size_t errlen)
{
	struct scan sc = { 0 };
	struct ini *ini;
	char *text;
	size_t len;

	ini = xcalloc(1, sizeof *ini);
	ini->path = xstrdup(path);
	sc.ini = ini;
	sc.err = err;
	sc.errlen = errlen;
	if (file_read(path, INI_MAX_FILE, &text, &len) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		ini_close(ini);
		return NULL;
	}
	if (len >= INI_MAX_FILE) {
		snprintf(err, errlen, "%s: file too large (at most %d bytes)",
		    path, INI_MAX_FILE - 1);
		free(text);
		ini_close(ini);
		return NULL;
	}
	if (scan_text(&sc, text, len) == -1) {
		free(text);
		ini_close(ini);
		return NULL;
	}
	free(text);
	iniparser_set_error_callback(ini_silent);
	ini->d = iniparser_load(path);
	if (ini->d == NULL || iniparser_getnsec(ini->d) != ini->nsecs) {
		snprintf(err, errlen, "%s: cannot read the file (did it change "
		    "while being read?)", path);
		ini_close(ini);
		return NULL;
	}
	return ini;
}

/* Frees everything ini_open made. */
void
ini_close(struct ini *ini)
{
	int i, j;

	if (ini == NULL)
		return;
	if (ini->d != NULL)
		iniparser_freedict(ini->d);
	for (i = 0; i < ini->nsecs; i++) {
		for (j = 0; j < ini->secs[i].nkeys; j++)
			free(ini->secs[i].keys[j].name);
		free(ini->secs[i].keys);
		free(ini->secs[i].name);
	}
	free(ini->secs);
	free(ini->path);
	free(ini);
}

/* Value of "section:key", or DEF. A key naming a section has a NULL
 * value in iniparser's dictionary: that comes back as DEF, never NULL
 * dereferenced (the CVE-2023-33461 crash in iniparser_getint). */
const char *
ini_get(const struct ini *ini, const char *key, const char *def)
{
	const char *v;

	if (ini == NULL || ini->d == NULL || key == NULL)
		return def;
	if (strchr(key, ':') == NULL)	/* a section, never a value */
		return def;
	v = iniparser_getstring(ini->d, key, NULL);
	return v != NULL ? v : def;
}

/* Parses "[+-]digits" in S entirely; 0, or -1 on junk or overflow. */
static int
parse_long(const char *s, long *out)
{
	char *end;
	long v;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	while (*end == ' ' || *end == '\t')
		end++;
	if (errno != 0 || *end != '\0')
		return -1;
	*out = v;
	return 0;
}

/* Integer value of KEY in [MIN, MAX]: DEF when absent; -1 (and DEF in
 * *OUT) on junk or out of range. */
int
ini_get_int(const struct ini *ini, const char *key, long min, long max,
    long def, long *out)
{
	const char *v = ini_get(ini, key, NULL);
	long n;

	*out = def;
	if (v == NULL)
		return 0;
	if (parse_long(v, &n) == -1 || n < min || n > max)
		return -1;
	*out = n;
	return 0;
}

/* Number of sections. */
int
ini_nsections(const struct ini *ini)
{
	return ini != NULL ? ini->nsecs : 0;
}

/* Name of section I (lower-case), or NULL. */
const char *
ini_section(const struct ini *ini, int i)
{
	if (ini == NULL || i < 0 || i >= ini->nsecs)
		return NULL;
	return ini->secs[i].name;
}

/* Number of keys in SECTION (0 when there is no such section). */
int
ini_nkeys(const struct ini *ini, const char *section)
{
	const struct ini_sec *sec;

	if (ini == NULL || section == NULL)
		return 0;
	sec = find_section(ini, section, strlen(section));
	return sec != NULL ? sec->nkeys : 0;
}

/* The I-th key of SECTION in file order, and its line number. */
const char *
ini_key(const struct ini *ini, const char *section, int i, int *line)
{
	const struct ini_sec *sec;

	if (ini == NULL || section == NULL)
		return NULL;
	sec = find_section(ini, section, strlen(section));
	if (sec == NULL || i < 0 || i >= sec->nkeys)
		return NULL;
	if (line != NULL)
		*line = sec->keys[i].line;
	return sec->keys[i].name;
}

/* Line of "section:key" or of "section"; 0 when unknown. */
int
ini_line(const struct ini *ini, const char *key)
{
	const struct ini_sec *sec;
	const char *colon;
	int i;

	if (ini == NULL || key == NULL)
		return 0;
	colon = strchr(key, ':');
	sec = find_section(ini, key, colon ? (size_t)(colon - key) : strlen(key));
	if (sec == NULL)
		return 0;
	if (colon == NULL)
		return sec->line;
	for (i = 0; i < sec->nkeys; i++)
		if (strcasecmp(sec->keys[i].name, colon + 1) == 0)
			return sec->keys[i].line;
	return 0;
}

/* The path the file was opened from. */
const char *
ini_path(const struct ini *ini)
{
	return ini != NULL ? ini->path : "";
}
