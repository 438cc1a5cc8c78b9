/* ini.c: the one safe wrapper around iniparser 4.1: our own strict
 * pre-scan with FILE:LINE errors (duplicates found through one hash
 * table of sections and keys, in linear time: the old pairwise check
 * took 5 s on 40,000 keys), then the values from iniparser. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistr.h>

#ifdef HAVE_INIPARSER_INIPARSER_H
#include <iniparser/iniparser.h>
#else
#include <iniparser.h>
#endif

#include "hash.h"
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
	int	 nkeys, kcap;
};

/* A name in the table: a section (KEY -1) or one of its keys. */
struct ini_ent {
	int	 sec, key;
};

struct ini {
	char		*path;
	struct ini_sec	*secs;
	int		 nsecs, scap;
	struct ini_ent	*ents;	/* every name, numbered for the table */
	size_t		 nents, entcap;
	struct hash	 tab;
	dictionary	*d;	/* iniparser's reading of the same file */
};

/* The pre-scan's state: where we are and where to write a complaint. */
struct scan {
	struct ini	*ini;
	int		 line;
	char		*err;
	size_t		 errlen;
};

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

/* The hash of section SEC[0..SLEN) and, when KEY is not NULL, of
 * "sec:key", all lower-cased. */
static uint64_t
name_hash(const char *sec, size_t slen, const char *key, size_t klen)
{
	uint64_t h = HASH_INIT;
	size_t i;
	char c;

	for (i = 0; i < slen; i++) {
		c = sec[i] >= 'A' && sec[i] <= 'Z' ? (char)(sec[i] + 32) : sec[i];
		h = hash_bytes(h, &c, 1);
	}
	if (key == NULL)
		return h;
	h = hash_bytes(h, ":", 1);
	for (i = 0; i < klen; i++) {
		c = key[i] >= 'A' && key[i] <= 'Z' ? (char)(key[i] + 32) : key[i];
		h = hash_bytes(h, &c, 1);
	}
	return h;
}

/* Is lower-case NAME the ASCII-case-insensitive S[0..LEN)? */
static int
name_is(const char *name, const char *s, size_t len)
{
	return strlen(name) == len && strncasecmp(name, s, len) == 0;
}

/* The hash of name I of the table (hash_grow's callback). */
static uint64_t
ent_hash(const void *ctx, uint32_t i)
{
	const struct ini *ini = ctx;
	const struct ini_ent *e = &ini->ents[i];
	const struct ini_sec *sec = &ini->secs[e->sec];
	const char *k = e->key >= 0 ? sec->keys[e->key].name : NULL;

	return name_hash(sec->name, strlen(sec->name), k, k ? strlen(k) : 0);
}

/* The slot of section SEC (KEY NULL) or of its key KEY, or the empty
 * slot where it would go; NULL while the table is empty. */
static uint32_t *
tab_slot(const struct ini *ini, const char *sec, size_t slen,
    const char *key, size_t klen)
{
	const struct ini_ent *e;
	uint32_t *s;
	size_t pos;

	if (ini->tab.cap == 0)
		return NULL;
	for (s = hash_first(&ini->tab, name_hash(sec, slen, key, klen), &pos);
	    *s != 0; s = hash_next(&ini->tab, &pos)) {
		e = &ini->ents[*s - 1];
		if (!name_is(ini->secs[e->sec].name, sec, slen) ||
		    (key == NULL) != (e->key < 0))
			continue;
		if (key == NULL || name_is(ini->secs[e->sec].keys[e->key].name,
		    key, klen))
			break;
	}
	return s;
}

/* Enters section SI's key KI (-1: the section) into the table. */
static void
tab_put(struct ini *ini, int si, int ki)
{
	const struct ini_sec *sec = &ini->secs[si];
	const char *k = ki >= 0 ? sec->keys[ki].name : NULL;

	if (hash_full(&ini->tab))
		hash_grow(&ini->tab, ent_hash, ini);
	if (ini->nents == ini->entcap)
		ini->ents = xreallocarray(ini->ents, ini->entcap =
		    ini->entcap ? 2 * ini->entcap : 64, sizeof *ini->ents);
	ini->ents[ini->nents].sec = si;
	ini->ents[ini->nents].key = ki;
	*tab_slot(ini, sec->name, strlen(sec->name), k, k ? strlen(k) : 0) =
	    (uint32_t)++ini->nents;
	hash_placed(&ini->tab);
}

/* The section called NAME[0..LEN) (any case), or NULL. */
static struct ini_sec *
find_section(const struct ini *ini, const char *name, size_t len)
{
	const uint32_t *s = tab_slot(ini, name, len, NULL, 0);

	return s != NULL && *s != 0 ? &ini->secs[ini->ents[*s - 1].sec] : NULL;
}

/* Key KEY[0..KLEN) of section SEC[0..SLEN) (any case), or NULL. */
static const struct ini_keyrec *
find_key(const struct ini *ini, const char *sec, size_t slen,
    const char *key, size_t klen)
{
	const uint32_t *s = tab_slot(ini, sec, slen, key, klen);
	const struct ini_ent *e;

	if (s == NULL || *s == 0)
		return NULL;
	e = &ini->ents[*s - 1];
	return &ini->secs[e->sec].keys[e->key];
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
	if (ini->nsecs == ini->scap)
		ini->secs = xreallocarray(ini->secs, (size_t)(ini->scap =
		    ini->scap ? 2 * ini->scap : 8), sizeof *ini->secs);
	sec = &ini->secs[ini->nsecs++];
	memset(sec, 0, sizeof *sec);
	sec->name = lower_dup(name, n);
	sec->line = sc->line;
	tab_put(ini, ini->nsecs - 1, -1);
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
	const struct ini_keyrec *old;
	struct ini_keyrec *k;
	struct ini_sec *sec;
	const char *eq = memchr(s, '=', len), *key, *v;
	size_t kn, vn;

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
	if ((old = find_key(sc->ini, sec->name, strlen(sec->name), key,
	    kn)) != NULL)
		return scan_error(sc, "duplicate key '%.*s' in [%s] "
		    "(first at line %d)", (int)kn, key, sec->name, old->line);
	if (sec->nkeys == sec->kcap)
		sec->keys = xreallocarray(sec->keys, (size_t)(sec->kcap =
		    sec->kcap ? 2 * sec->kcap : 8), sizeof *sec->keys);
	k = &sec->keys[sec->nkeys++];
	k->name = lower_dup(key, kn);
	k->line = sc->line;
	tab_put(sc->ini, sc->ini->nsecs - 1, sec->nkeys - 1);
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

/* Is PATH a regular file (iniparser must never block on a FIFO)? */
static int
regular_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* iniparser prints its complaints; the pre-scan has said what matters. */
static int
ini_silent(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

/* Hands INI's file, which the pre-scan accepted, to iniparser for its
 * values. It opens the path again: a file replaced in between (fewer
 * sections than we saw) is an error, not a half-read configuration. */
static struct ini *
ini_load_values(struct ini *ini, char *err, size_t errlen)
{
	iniparser_set_error_callback(ini_silent);
	ini->d = regular_file(ini->path) ? iniparser_load(ini->path) : NULL;
	if (ini->d == NULL || iniparser_getnsec(ini->d) != ini->nsecs) {
		snprintf(err, errlen, "%s: changed or unreadable while read",
		    ini->path);
		ini_close(ini);
		return NULL;
	}
	return ini;
}

/* Opens PATH: reads it once and scans it, then takes iniparser's values. */
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
		snprintf(err, errlen, "%s: %s", path, file_errstr(errno));
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
	return ini_load_values(ini, err, errlen);
}

/* Frees everything ini_open made. */
void
ini_close(struct ini *ini)
{
	int i, j;

	if (ini == NULL)
		return;
	for (i = 0; i < ini->nsecs; i++) {
		for (j = 0; j < ini->secs[i].nkeys; j++) {
			free(ini->secs[i].keys[j].name);
		}
		free(ini->secs[i].keys);
		free(ini->secs[i].name);
	}
	free(ini->secs);
	free(ini->ents);
	hash_free(&ini->tab);
	if (ini->d != NULL)
		iniparser_freedict(ini->d);
	free(ini->path);
	free(ini);
}

/* Value of "section:key", or DEF. A key naming a section has a NULL
 * value in iniparser's dictionary: that comes back as DEF, never NULL
 * dereferenced (the CVE-2023-33461 crash in iniparser_getint). */
const char *
ini_get(const struct ini *ini, const char *key, const char *def)
{
	const struct ini_keyrec *k;
	const char *colon;

	if (ini == NULL || key == NULL)
		return def;
	if ((colon = strchr(key, ':')) == NULL)	/* a section, no value */
		return def;
	k = find_key(ini, key, (size_t)(colon - key), colon + 1,
	    strlen(colon + 1));
	return k != NULL ? iniparser_getstring(ini->d, key, def) : def;
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
	const struct ini_keyrec *k;
	const struct ini_sec *sec;
	const char *colon;

	if (ini == NULL || key == NULL)
		return 0;
	if ((colon = strchr(key, ':')) == NULL)
		return (sec = find_section(ini, key, strlen(key))) != NULL ?
		    sec->line : 0;
	k = find_key(ini, key, (size_t)(colon - key), colon + 1,
	    strlen(colon + 1));
	return k != NULL ? k->line : 0;
}

/* The path the file was opened from. */
const char *
ini_path(const struct ini *ini)
{
	return ini != NULL ? ini->path : "";
}
