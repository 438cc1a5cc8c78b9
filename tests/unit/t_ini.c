/* t_ini.c: the safe INI reader: values, numbers, line numbers, and each iniparser trap reported as FILE:LINE. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifdef HAVE_INIPARSER_INIPARSER_H
#include <iniparser/iniparser.h>
#else
#include <iniparser.h>
#endif

#include "ini.h"
#include "util.h"
#include "tap.h"

static char dir[] = "/tmp/t_ini.XXXXXX";
static char path[256];

/* Writes LEN bytes of TEXT to a fresh file; returns its path. */
static const char *
put(const char *text, size_t len)
{
	FILE *fp;

	snprintf(path, sizeof path, "%s/t.ini", dir);
	if ((fp = fopen(path, "wb")) == NULL)
		abort();
	fwrite(text, 1, len, fp);
	fclose(fp);
	return path;
}

/* TEXT must be refused with "PATH:LINE: ..." containing WHAT. */
static void
refused(const char *name, const char *text, size_t len, int line,
    const char *what)
{
	char err[512], want[300];
	struct ini *ini;

	ini = ini_open(put(text, len), err, sizeof err);
	ok(ini == NULL, "%s: refused", name);
	ini_close(ini);
	snprintf(want, sizeof want, "%s:%d: ", path, line);
	ok(strncmp(err, want, strlen(want)) == 0, "%s: error names line %d",
	    name, line);
	ok(strstr(err, what) != NULL, "%s: says '%s'", name, what);
	if (strncmp(err, want, strlen(want)) != 0 || !strstr(err, what))
		printf("#   got: %s\n", err);
}

/* A good file: values, quotes, numbers, order and line numbers. */
static void
t_good(void)
{
	static const char text[] =
	    "# comment\n"
	    "[Colors]\n"
	    "title = \"bold; underline # not a comment\"\n"
	    "Width = 42   ; trailing comment\n"
	    "junk = 12abc\n"
	    "big = 99999999999999999999\n"
	    "\n"
	    "[keys]\r\n"
	    "quit = q\r\n"
	    "empty = \"\"\n";
	char err[256] = "";
	struct ini *ini;
	long v;
	int line = 0;

	ini = ini_open(put(text, sizeof text - 1), err, sizeof err);
	ok(ini != NULL, "good file opens (%s)", err);
	if (ini == NULL)
		return;
	is_int(ini_nsections(ini), 2, "two sections");
	is_str(ini_section(ini, 0), "colors", "sections lower-cased, in order");
	is_str(ini_section(ini, 1), "keys", "second section");
	is_str(ini_get(ini, "colors:title", "x"),
	    "bold; underline # not a comment", "quoted ';' and '#' kept");
	is_str(ini_get(ini, "keys:quit", "x"), "q", "CRLF line value");
	is_str(ini_get(ini, "keys:empty", "x"), "", "empty quoted value");
	is_str(ini_get(ini, "keys:nope", "def"), "def", "missing key: default");
	is_str(ini_get(ini, "colors", "def"), "def", "key naming a section");
	is_str(ini_get(ini, "colors:", "def"), "def", "empty key");
	is_int(ini_get_int(ini, "colors:width", 0, 100, 7, &v), 0, "int ok");
	is_int(v, 42, "int value, comment cut");
	is_int(ini_get_int(ini, "colors:width", 0, 10, 7, &v), -1, "out of range");
	is_int(v, 7, "default on range error");
	is_int(ini_get_int(ini, "colors:junk", 0, 100, 7, &v), -1, "junk refused");
	is_int(ini_get_int(ini, "colors:big", 0, 100, 7, &v), -1, "overflow refused");
	is_int(ini_get_int(ini, "colors:nope", 0, 100, 7, &v), 0, "absent: ok");
	is_int(v, 7, "absent: default");
	is_int(ini_get_int(ini, "colors", 0, 100, 7, &v), 0,
	    "int of a section name does not crash (CVE-2023-33461)");
	is_int(v, 7, "section name: default");
	is_int(ini_nkeys(ini, "colors"), 4, "four keys in colors");
	is_str(ini_key(ini, "colors", 1, &line), "width", "keys lower-cased");
	is_int(line, 4, "key line number");
	is_int(ini_line(ini, "keys"), 8, "section line number");
	is_int(ini_line(ini, "keys:empty"), 10, "key line via ini_line");
	is_int(ini_line(ini, "keys:nope"), 0, "unknown key: line 0");
	ok(ini_key(ini, "colors", 9, &line) == NULL, "key index out of range");
	ok(ini_key(ini, "nosuch", 0, &line) == NULL, "no such section");
	is_str(ini_path(ini), path, "path kept");
	ini_close(ini);
}

/* Each thing iniparser 4.1 would choke on or silently mangle. */
static void
t_traps(void)
{
	char longline[1200], err[256];

	refused("BOM", "\xEF\xBB\xBF[a]\nk = v\n", 14, 1, "byte order mark");
	memset(longline, 'x', sizeof longline);
	memcpy(longline, "[a]\nk = ", 8);
	longline[sizeof longline - 1] = '\n';
	refused("long line", longline, sizeof longline, 2, "line too long");
	refused("syntax", "[a]\nk = v\nthis is not ini\n", 26, 3,
	    "expected [section]");
	refused("duplicate section", "[a]\nk = v\n[b]\n[a]\n", 18, 4,
	    "duplicate section [a] (first at line 1)");
	refused("duplicate key", "[a]\nk = v\nK = w\n", 16, 3, "duplicate key");
	refused("unterminated quote", "[a]\nk = \"abc\n", 13, 2,
	    "unterminated quote");
	refused("text after quote", "[a]\nk = \"abc\" def\n", 18, 2,
	    "after the closing quote");
	refused("NUL", "[a]\nk = v\0w\n", 12, 2, "NUL byte");
	refused("escape", "[a]\nk = \"\033[31m\"\n", 16, 2, "U+001B");
	refused("C1 control", "[a]\nk = \xc2\x9b\n", 11, 2, "U+009B");
	refused("invalid UTF-8", "[a]\nk = \xc3\x28\n", 11, 2, "invalid UTF-8");
	refused("cut value", "[a]\nk = a;b\n", 12, 2, "double quotes");
	refused("hash value", "[a]\ncolor = #ff0000\n", 20, 2, "starts with '#'");
	refused("continuation", "[a]\nk = a \\\nb\n", 13, 2, "continuation");
	refused("key outside", "k = v\n[a]\n", 10, 1, "outside a section");
	refused("empty key", "[a]\n = v\n", 9, 2, "empty key");
	refused("section junk", "[a] x\n", 6, 1, "after the section");
	refused("unclosed section", "[a\nk = v\n", 9, 1, "closing ']'");
	refused("empty section name", "[ ]\n", 4, 1, "empty section name");
	ok(ini_open("/nonexistent/x.ini", err, sizeof err) == NULL,
	    "missing file refused");
	ok(strncmp(err, "/nonexistent/x.ini: ", 20) == 0, "missing file named");
}

/* iniparser's error callback, silent: the files are ours to judge. */
static int
quiet(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

/* Every value of FILE, when ini_open takes it, is the one iniparser 4.1
 * gives (the values were iniparser's before ini.c read them itself).
 * The number of keys compared; -1 on a difference. */
static long
same_as_iniparser(const char *file)
{
	char err[512], key[2100];
	const char *sec, *k, *ours, *theirs;
	struct ini *ini = ini_open(file, err, sizeof err);
	dictionary *d;
	long n = 0;
	int i, j;

	if (ini == NULL)
		return 0;
	iniparser_set_error_callback(quiet);
	if ((d = iniparser_load(file)) == NULL ||
	    iniparser_getnsec(d) != ini_nsections(ini))
		n = -1;
	for (i = 0; n >= 0 && i < ini_nsections(ini); i++) {
		sec = ini_section(ini, i);
		for (j = 0; n >= 0 && j < ini_nkeys(ini, sec); j++) {
			k = ini_key(ini, sec, j, NULL);
			snprintf(key, sizeof key, "%s:%s", sec, k);
			ours = ini_get(ini, key, NULL);
			theirs = iniparser_getstring(d, key, NULL);
			if (ours == NULL || theirs == NULL || strcmp(ours, theirs)) {
				printf("# %s: %s: '%s', iniparser '%s'\n", file,
				    key, ours ? ours : "(null)",
				    theirs ? theirs : "(null)");
				n = -1;
			} else
				n++;
		}
	}
	if (d != NULL)
		iniparser_freedict(d);
	ini_close(ini);
	return n;
}

/* The data files and every test INI file read as iniparser reads them. */
static void
t_oracle(void)
{
	static const char *dirs[] = { "data", "tests/data/themes",
	    "tests/bad/config", "tests/bad/lexicon" };
	static const char tricky[] =
	    "[Colors]\ntitle = \"bold; underline # x\"\nWidth = 42   ; c\n"
	    "q1 = 'single \"quoted\"'\nempty = \"\"\nsp = a b  c\t# c\n"
	    "[keys]\r\nquit = q\r\nnone =\n";
	const char *top = getenv("top_srcdir");
	char p[1024];
	struct dirent *de;
	long n, keys = 0, bad = 0, files = 0;
	size_t i;
	DIR *d;

	for (i = 0; i < sizeof dirs / sizeof *dirs; i++) {
		snprintf(p, sizeof p, "%s/%s", top ? top : SRCDATADIR "/..",
		    dirs[i]);
		if ((d = opendir(p)) == NULL)
			continue;
		while ((de = readdir(d)) != NULL) {
			if (strstr(de->d_name, ".ini") == NULL)
				continue;
			snprintf(p, sizeof p, "%s/%s/%s", top ? top :
			    SRCDATADIR "/..", dirs[i], de->d_name);
			n = same_as_iniparser(p);
			bad += n < 0;
			keys += n > 0 ? n : 0;
			files += n > 0;
		}
		closedir(d);
	}
	n = same_as_iniparser(put(tricky, sizeof tricky - 1));
	bad += n < 0;
	ok(bad == 0 && files > 3 && keys > 100 && n == 7,
	    "%ld keys of %ld files and 7 tricky ones read as iniparser does",
	    keys, files);
}

/* CPU seconds so far. */
static double
cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* 40,000 keys in a section and 2,000 sections: our duplicate check is
 * linear (it took 5 s); iniparser's dictionary, which gives the values,
 * is a list searched on every insert: about 0.5 s here. */
static void
t_big(void)
{
	struct buf b;
	struct ini *ini;
	char err[512];
	double t0;
	int i;

	buf_init(&b);
	buf_adds(&b, "[big]\n");
	for (i = 0; i < 40000; i++)
		buf_addf(&b, "key%d = value %d\n", i, i);
	for (i = 0; i < 2000; i++)
		buf_addf(&b, "[s%d]\nk = %d\n", i, i);
	t0 = cpu();
	ini = ini_open(put(b.s, b.len), err, sizeof err);
	ok(ini != NULL && ini_nkeys(ini, "big") == 40000 &&
	    ini_nsections(ini) == 2001, "40,000 keys and 2,001 sections read");
	ok(ini != NULL && strcmp(ini_get(ini, "big:key39999", ""),
	    "value 39999") == 0 && strcmp(ini_get(ini, "S1999:K", ""),
	    "1999") == 0 && ini_line(ini, "big:key7") == 9,
	    "the last ones found, any case, with their lines");
	ini_close(ini);
	buf_adds(&b, "[BIG]\n");
	ini = ini_open(put(b.s, b.len), err, sizeof err);
	ok(ini == NULL && strstr(err, "duplicate section [BIG] (first at line "
	    "1)") != NULL, "a duplicate found among them: %s", err);
	ok(cpu() - t0 < 2.0, "in %.2f CPU s", cpu() - t0);
	buf_free(&b);
}

/* A FIFO is refused at once, never opened for a blocking read. */
static void
t_fifo(void)
{
	char p[300], err[512];

	snprintf(p, sizeof p, "%s/fifo.ini", dir);
	mkfifo(p, 0600);
	ok(ini_open(p, err, sizeof err) == NULL &&
	    strstr(err, "not a regular file") != NULL, "a FIFO: %s", err);
	unlink(p);
}

int
main(void)
{
	if (mkdtemp(dir) == NULL)
		return 99;
	t_good();
	t_traps();
	t_oracle();
	t_big();
	t_fifo();
	unlink(path);
	rmdir(dir);
	return tap_done();
}
