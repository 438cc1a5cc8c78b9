/* t_export.c: an article out of tread (export.c): saved as --show prints
 * it, atomically, replacing a link rather than writing through it, never
 * over a directory; piped to a command through $SHELL; the editor given
 * the file as "$1". */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "corpus.h"
#include "export.h"
#include "util.h"
#include "tap.h"
#include "tmpdir.h"

/* The file's bytes (malloc'd, NUL-terminated), *N its length. */
static char *
slurp(const char *path, size_t *n)
{
	char *s = NULL;

	if (file_read(path, 0, &s, n) == -1)
		return NULL;
	return s;
}

/* Is the directory free of temp files (NAME.PID.NNNNNN)? */
static int
no_temp(const char *name)
{
	char cmd[700];

	snprintf(cmd, sizeof cmd, "ls %s | grep -q '^%s\\.'", tmp_dir, name);
	return system(cmd) != 0;
}

/* An article written to the temp dir, loaded alone. */
static void
load_one(struct corpus *c)
{
	FILE *fp = fopen(tpath("a.txt"), "w");
	char *root = xstrdup(tpath("a.txt"));

	fputs("Title: A test article\nDate: 2024-05-06\n\nThe body of the "
	    "article, long enough to wrap at a narrow width: one two three "
	    "four five six seven eight nine ten.\n", fp);
	fclose(fp);
	corpus_load(c, &root, 1, NULL, CORPUS_NODISCOVER | CORPUS_NOCACHE);
	free(root);
}

/* :save writes what --show prints, replaces links and files whole. */
static void
t_save(struct corpus *c)
{
	char err[256], *want, *got;
	size_t wn, gn;
	struct stat st;

	want = export_text(c, 0, 40, &wn);
	ok(want != NULL && strstr(want, "A test article") != NULL,
	    "export_text: the article's text");
	ok(export_save(c, 0, 40, tpath("out.txt"), err, sizeof err) == 0,
	    "export_save: saved");
	got = slurp(tpath("out.txt"), &gn);
	ok(got != NULL && gn == wn && memcmp(got, want, wn) == 0,
	    "the saved bytes are export_text's");
	free(got);
	ok(no_temp("out.txt"), "no temp file left");
	/* a link at the name is replaced, its target untouched */
	fclose(fopen(tpath("target"), "w"));
	symlink(tpath("target"), tpath("link"));
	ok(export_save(c, 0, 40, tpath("link"), err, sizeof err) == 0 &&
	    lstat(tpath("link"), &st) == 0 && S_ISREG(st.st_mode),
	    "a link is replaced by the file");
	ok(stat(tpath("target"), &st) == 0 && st.st_size == 0,
	    "the link's target is not written through");
	ok(export_save(c, 0, 40, tmp_dir, err, sizeof err) == -1 &&
	    strcmp(err, "is a directory") == 0, "a directory is refused");
	ok(export_save(c, 0, 40, tpath("none/x"), err, sizeof err) == -1 &&
	    strstr(err, "No such file") != NULL, "a missing directory: why");
	ok(export_save(c, 0, 40, "", err, sizeof err) == -1,
	    "an empty name is refused");
	ok(export_save(c, 5, 40, tpath("out2.txt"), err, sizeof err) == -1 &&
	    access(tpath("out2.txt"), F_OK) == -1 && no_temp("out2.txt"),
	    "no article: no file, no temp file");
	free(want);
}

/* :pipe runs the command through $SHELL with the article on its input. */
static void
t_run(struct corpus *c)
{
	char err[256], cmd[600], *want, *got;
	size_t wn, gn;

	want = export_text(c, 0, 80, &wn);
	snprintf(cmd, sizeof cmd, "cat >%s", tpath("piped"));
	ok(export_run(c, 0, 80, cmd, err, sizeof err) == 0, "export_run: 0");
	got = slurp(tpath("piped"), &gn);
	ok(got != NULL && gn == wn && memcmp(got, want, wn) == 0,
	    "the command read the article");
	free(got);
	ok(export_run(c, 0, 80, "exit 7", err, sizeof err) == 7,
	    "the command's exit status");
	ok(export_run(c, 0, 80, "kill -TERM $$", err, sizeof err) == 128 + 15,
	    "killed by a signal: 128 + the signal");
	ok(export_run(c, 0, 80, "true", err, sizeof err) == 0,
	    "a command that reads nothing is no error");
	setenv("SHELL", "/bin/true", 1);
	unlink(tpath("piped"));
	ok(export_run(c, 0, 80, cmd, err, sizeof err) == 0 &&
	    access(tpath("piped"), F_OK) == -1, "$SHELL runs the command");
	unsetenv("SHELL");
	free(want);
}

/* The editor gets the file as "$1"; VISUAL before EDITOR. */
static void
t_edit(struct corpus *c)
{
	char err[256], cmd[600], *got;
	size_t gn;

	snprintf(cmd, sizeof cmd, "printf '%%s' >%s", tpath("edited"));
	setenv("EDITOR", "false", 1);
	setenv("VISUAL", cmd, 1);
	ok(export_edit(c, 0, err, sizeof err) == 0, "export_edit: 0");
	got = slurp(tpath("edited"), &gn);
	ok(got != NULL && strcmp(got, c->v[0].path) == 0,
	    "the editor was given the article's path");
	free(got);
	unsetenv("VISUAL");
	ok(export_edit(c, 0, err, sizeof err) == 1, "then $EDITOR");
	unsetenv("EDITOR");
	setenv("PAGER", "more", 1);
	is_str(export_pager(), "more", "$PAGER");
	unsetenv("PAGER");
	is_str(export_pager(), "less", "less by default");
}

/* Completes PREFIX (inside the temp dir): how many, OUT relative. */
static size_t
complete(const char *prefix, char *out, size_t cap, struct buf *list)
{
	struct buf o;
	size_t n, dl = strlen(tmp_dir) + 1;

	buf_init(&o);
	list->len = 0;
	n = export_complete(tpath(prefix), &o, list);
	snprintf(out, cap, "%s", o.len > dl ? o.s + dl : "");
	buf_free(&o);
	return n;
}

/* File names complete as far as the matching ones agree. */
static void
t_complete(void)
{
	static const char *const files[] = { "c/abc1", "c/abc2", "c/abd",
	    "c/.hidden", "u/\xc4\x85", "u/\xc4\x99",
	    "w/\xc5\xba" "a", "w/\xc5\xba" "b" };
	char out[512];
	struct buf list;
	size_t i;

	mkdir(tpath("c"), 0700);
	mkdir(tpath("c/sub"), 0700);
	mkdir(tpath("u"), 0700);
	mkdir(tpath("w"), 0700);
	for (i = 0; i < sizeof files / sizeof files[0]; i++)
		fclose(fopen(tpath(files[i]), "w"));
	buf_init(&list);
	ok(complete("c/ab", out, sizeof out, &list) == 3 &&
	    strcmp(out, "c/ab") == 0, "three names: as far as they agree");
	ok(complete("c/abc", out, sizeof out, &list) == 2 &&
	    strcmp(out, "c/abc") == 0 && strstr(list.s, "abc1") != NULL &&
	    strstr(list.s, "abc2") != NULL, "two: listed");
	ok(complete("c/abd", out, sizeof out, &list) == 1 &&
	    strcmp(out, "c/abd") == 0, "one file");
	ok(complete("c/s", out, sizeof out, &list) == 1 &&
	    strcmp(out, "c/sub/") == 0, "a lone directory gets its slash");
	ok(complete("c/", out, sizeof out, &list) == 4 &&
	    strstr(list.s, ".hidden") == NULL, "no dot files unless asked");
	ok(complete("c/.h", out, sizeof out, &list) == 1 &&
	    strcmp(out, "c/.hidden") == 0, "a dot file when asked");
	ok(complete("c/zz", out, sizeof out, &list) == 0, "none");
	ok(complete("none/x", out, sizeof out, &list) == 0, "no directory");
	ok(complete("u/", out, sizeof out, &list) == 2 &&
	    strcmp(out, "u/") == 0, "no half of a UTF-8 character (0xc4)");
	ok(complete("w/", out, sizeof out, &list) == 2 &&
	    strcmp(out, "w/\xc5\xba") == 0, "a whole character in common");
	buf_free(&list);
}

int
main(void)
{
	struct corpus c;

	warn_quiet = 1;
	if (tmpdir_make("t_export") == -1)
		return 99;
	memset(&c, 0, sizeof c);
	load_one(&c);
	ok(c.n == 1, "one article loaded");
	t_save(&c);
	t_run(&c);
	t_edit(&c);
	t_complete();
	corpus_free(&c);
	tmpdir_remove();
	return tap_done();
}
