/* t_history.c: the query history: newest last, duplicates moved to the
 * end, bounded; its file read back as hostile input; saves merge what
 * another tread added. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "history.h"
#include "util.h"
#include "tap.h"

static char dir[256], file[300];

/* Writes S to the history file. */
static void
put(const char *s, size_t n)
{
	FILE *fp = fopen(file, "wb");

	fwrite(s, 1, n, fp);
	fclose(fp);
}

/* The entries joined by '|', in a static buffer. */
static const char *
joined(const struct history *h)
{
	static char b[4096];
	size_t i;

	b[0] = '\0';
	for (i = 0; i < history_n(h); i++)
		snprintf(b + strlen(b), sizeof b - strlen(b), "%s%s",
		    i ? "|" : "", history_get(h, i));
	return b;
}

/* Adding: order, duplicates, what is refused, the bound. */
static void
t_add(void)
{
	struct history *h = history_open(NULL);
	char line[HISTORY_LINE + 2];
	int i;

	history_add(h, "a");
	history_add(h, "b");
	history_add(h, "a");
	is_str(joined(h), "b|a", "a repeated entry moves to the end");
	history_add(h, "");
	history_add(h, "x\ty");
	history_add(h, "\xc2\x85");
	history_add(h, "\xff");
	is_str(joined(h), "b|a", "empty, control, C1, bad UTF-8: not kept");
	memset(line, 'w', sizeof line - 1);
	line[sizeof line - 1] = '\0';
	history_add(h, line);
	is_int(history_n(h), 2, "a line too long is not kept");
	for (i = 0; i < HISTORY_MAX + 10; i++) {
		snprintf(line, sizeof line, "q%d", i);
		history_add(h, line);
	}
	is_int(history_n(h), HISTORY_MAX, "bounded");
	is_str(history_get(h, 0), "q10", "the oldest go first");
	ok(history_get(h, HISTORY_MAX) == NULL, "past the end: NULL");
	ok(history_save(h) == 0, "a history in memory saves nowhere");
	history_free(h);
}

/* Reading: the header, bad lines dropped, the last ones kept. */
static void
t_parse(void)
{
	static const char f[] = "tread-history 1\nx\n\n\x01y\nz";
	struct history *h = history_open(NULL);
	struct buf b;
	int i;

	history_parse(h, f, sizeof f - 1);
	is_str(joined(h), "x|z", "bad lines dropped, a last line without newline kept");
	history_parse(h, "tread-state 1\nx\n", 16);
	is_int(history_n(h), 0, "not a history: nothing");
	history_parse(h, "", 0);
	is_int(history_n(h), 0, "empty: nothing");
	buf_init(&b);
	buf_adds(&b, "tread-history 1\n");
	for (i = 0; i < 5000; i++)
		buf_addf(&b, "q%d\n", i % 3000);
	history_parse(h, b.s, b.len);
	is_int(history_n(h), HISTORY_MAX, "a long file: the bound");
	is_str(history_get(h, HISTORY_MAX - 1), "q1999", "... its last lines");
	buf_free(&b);
	history_free(h);
}

/* The file: across runs, merged between two treads, hostile files. */
static void
t_file(void)
{
	struct history *a, *b, *c;
	struct stat st;

	a = history_open(file);
	is_int(history_n(a), 0, "no file: empty");
	history_add(a, "one");
	ok(history_save(a) == 0, "saved");
	ok(stat(file, &st) == 0 && (st.st_mode & 077) == 0,
	    "the file is the user's alone");
	b = history_open(file);
	is_str(joined(b), "one", "read back");
	history_add(a, "two");
	history_add(b, "three");
	ok(history_save(a) == 0 && history_save(b) == 0, "two treads save");
	c = history_open(file);
	is_str(joined(c), "one|two|three", "the second save merged the first's");
	history_free(a);
	history_free(b);
	history_free(c);
	put("garbage\n", 8);
	a = history_open(file);
	is_int(history_n(a), 0, "a file without the header: empty");
	history_add(a, "new");
	ok(history_save(a) == 0, "... and replaced on save");
	history_free(a);
	unlink(file);
	symlink("/etc/passwd", file);
	a = history_open(file);
	history_add(a, "x");
	ok(history_save(a) == -1, "a link is not read, nor replaced");
	ok(lstat(file, &st) == 0 && S_ISLNK(st.st_mode), "the link is left");
	history_free(a);
	unlink(file);
}

int
main(void)
{
	char rm[400];

	warn_quiet = 1;
	snprintf(dir, sizeof dir, "%s/t_history.XXXXXX", P_tmpdir);
	if (mkdtemp(dir) == NULL)
		return 1;
	chmod(dir, 0700);
	snprintf(file, sizeof file, "%s/state/history", dir);
	t_add();
	t_parse();
	t_file();
	snprintf(rm, sizeof rm, "rm -rf %s", dir);
	(void)!system(rm);
	return tap_done();
}
