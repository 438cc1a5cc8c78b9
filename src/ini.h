/* ini.h: the one safe way to read INI files (iniparser 4.1's syntax and
 * values, read in linear time). */
#ifndef TREAD_INI_H
#define TREAD_INI_H

#include <stddef.h>

struct ini;

/*
 * The one safe way to read an INI file: checks the file (BOM, over-long
 * lines, syntax) and reports "FILE:LINE: reason" in ERR; the values are
 * those iniparser 4.1 would give for the files it accepts (t_ini checks
 * that against iniparser itself). A regular file only (a FIFO or device
 * is refused unread). Time linear in the file. Returns NULL on error.
 *
 * Refused, each with its line: a UTF-8 BOM; lines over 1000 bytes; NUL
 * bytes, invalid UTF-8 and control characters (TAB and a CR before the
 * newline excepted); lines that are neither "[section]", "key = value",
 * a ';' or '#' comment nor blank; text after "]"; keys outside a section;
 * duplicate sections or keys (iniparser would merge or drop them);
 * unterminated quotes; an unquoted value that starts with, or contains
 * without a space before it, ';' or '#' (iniparser cuts it there: quote
 * it); a line ending in '\' (iniparser joins lines). Section and key
 * names are lower-cased, as iniparser does.
 */
struct ini *ini_open(const char *path, char *err, size_t errlen);
void	 ini_close(struct ini *);
/* A value ("section:key"), or DEF. Never crashes on a key naming a section. */
const char *ini_get(const struct ini *, const char *key, const char *def);
/* Parses an integer value ourselves; DEF when absent, -1 return on junk. */
int	 ini_get_int(const struct ini *, const char *key, long min, long max,
	    long def, long *out);
/* Sections and the keys of one section, in file order. */
int	 ini_nsections(const struct ini *);
const char *ini_section(const struct ini *, int);
int	 ini_nkeys(const struct ini *, const char *section);
/* The I-th key of SECTION (without "section:"), and its line number. */
const char *ini_key(const struct ini *, const char *section, int i,
	    int *line);
/* Line number of "section:key" (or of a section), 0 if unknown. */
int	 ini_line(const struct ini *, const char *key);
const char *ini_path(const struct ini *);

#endif
