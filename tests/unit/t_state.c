/* t_state.c: read marks and positions: round trip, corrupt files, the
 * merge of two writers, odd keys, a big state, the marks of many
 * articles at once. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <utime.h>
#include <unistd.h>

#include "article.h"
#include "state.h"
#include "util.h"
#include "tap.h"
#include "tmpdir.h"

static char errfile[300];	/* where stderr goes while captured */
static int saved_err = -1;

/* Writes LEN bytes of DATA to the file PATH. */
static void
put_file(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	if (fp == NULL || fwrite(data, 1, len, fp) != len || fclose(fp) != 0) {
		perror(path);
		exit(99);
	}
}

/* Starts sending stderr to a file, to check warnings. */
static void
capture(void)
{
	int fd;

	fflush(stderr);
	saved_err = dup(2);
	fd = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, 2);
	close(fd);
}

/* Stops capturing; returns what was written (malloc'd). */
static char *
captured(void)
{
	char *s;
	size_t len;

	fflush(stderr);
	dup2(saved_err, 2);
	close(saved_err);
	if (file_read(errfile, 0, &s, &len) == -1)
		return xstrdup("");
	return s;
}

/* Opens PATH with stderr captured; *WARN gets the warnings. */
static struct state *
open_quiet(const char *path, char **warn)
{
	struct state *s;

	capture();
	s = state_open(path);
	*warn = captured();
	return s;
}

/* A saved state with a few marks, for round trips and corruption. */
static void
t_roundtrip(void)
{
	const char *p = tpath("rt/state");
	struct state *s;
	char *w;

	s = open_quiet(p, &w);
	is_int(state_count(s), 0, "missing file: empty state");
	is_str(w, "", "missing file: no warning");
	free(w);
	state_set_read(s, "/a/one.txt", 1);
	state_set_pos(s, "/a/one.txt", 42);
	state_set_read(s, "/a/two.txt", 1);
	state_set_pos(s, "/a/three.txt", 7);
	state_set_read(s, "/a/four.txt", 1);
	state_set_read(s, "/a/four.txt", 0);
	is_int(state_save(s), 0, "save creates the directory and the file");
	state_free(s);

	s = open_quiet(p, &w);
	is_str(w, "", "reopen: no warning");
	free(w);
	is_int(state_count(s), 3, "three keys remembered (unread+pos 0 dropped)");
	ok(state_is_read(s, "/a/one.txt"), "one is read");
	is_int(state_pos(s, "/a/one.txt"), 42, "one's position");
	ok(state_is_read(s, "/a/two.txt"), "two is read");
	ok(!state_is_read(s, "/a/three.txt"), "three is unread");
	is_int(state_pos(s, "/a/three.txt"), 7, "three's position");
	ok(!state_is_read(s, "/a/four.txt"), "four was unmarked");
	ok(!state_is_read(s, "/a/none.txt"), "unknown key is unread");
	is_int(state_pos(s, "/a/none.txt"), 0, "unknown key at 0");
	state_set_pos(s, "/a/one.txt", -5);
	is_int(state_pos(s, "/a/one.txt"), 0, "negative position clamps to 0");
	state_free(s);
	ok(access(tpath("rt/state.tmp"), F_OK) == -1, "no temp file left");
}

/* How many files in the temp dir start with PREFIX; with RM, removed. */
static int
count_files(const char *prefix, int rm)
{
	struct dirent *de;
	DIR *d = opendir(tmp_dir);
	int n = 0;

	while (d != NULL && (de = readdir(d)) != NULL)
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0) {
			n++;
			if (rm)
				unlink(tpath(de->d_name));
		}
	if (d != NULL)
		closedir(d);
	return n;
}

/* Corrupt CONTENT must keep at most MAXKEPT marks (the lines that
 * parse), move the file aside and give one warning naming the file,
 * never crash. */
static void
expect_corrupt(const char *name, const char *content, size_t len,
    size_t maxkept)
{
	const char *p = tpath("corrupt");
	struct state *s;
	char *w;

	put_file(p, content, len);
	s = open_quiet(p, &w);
	ok(state_count(s) <= maxkept, "%s: at most %zu marks kept", name,
	    maxkept);
	ok(access(p, F_OK) == -1 && count_files("corrupt.corrupt-", 1) == 1,
	    "%s: the file is moved aside", name);
	ok(state_warning(s) != NULL && strstr(state_warning(s), p) != NULL &&
	    strstr(state_warning(s), "corrupt") != NULL,
	    "%s: a warning for the UI", name);
	ok(strncmp(w, "tread: ", 7) == 0 && strstr(w, p) != NULL &&
	    strstr(w, "corrupt") != NULL, "%s: warning names the file", name);
	if (strstr(w, "corrupt") == NULL)
		printf("#   warning: %s", w);
	ok(strchr(w, '\n') == w + strlen(w) - 1, "%s: one line", name);
	free(w);
	state_free(s);
}

#define WRONGV	"tread-state 9\nend 0 0000000000000000\n"
#define BADLINE	"tread-state 1\nx\t1\t/a\nend 1 0000000000000000\n"
#define ESCAPES	"\x1b]0;pwned\x07\x1b[2J\x1b]52;c;cm0gLXJmIH4=\x07"

/* Garbage, binary, wrong version, every truncation, a flipped byte. */
static void
t_corrupt(void)
{
	char good[512];
	static const char bin[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe";
	char *data, name[64], *w;
	size_t len, i, bad = 0;
	struct state *s;

	snprintf(good, sizeof good, "%s", tpath("rt/state"));
	expect_corrupt("empty file", "", 0, 0);
	expect_corrupt("garbage", "hello world\nthis is not state\n", 30, 0);
	expect_corrupt("binary", bin, sizeof bin - 1, 0);
	expect_corrupt("wrong version", WRONGV, strlen(WRONGV), 0);
	expect_corrupt("header only", "tread-state 1\n", 14, 0);
	expect_corrupt("bad line", BADLINE, strlen(BADLINE), 0);
	expect_corrupt("escape sequence in file", ESCAPES, strlen(ESCAPES), 0);
	if (file_read(good, 0, &data, &len) == -1) {
		ok(0, "round-trip file readable");
		return;
	}
	/* Every proper prefix is a torn write: it keeps the whole lines
	 * before the cut, never more, and is set aside. */
	warn_quiet = 1;
	for (i = 0; i < len; i++) {
		size_t j, lines = 0;

		for (j = 14; j < i; j++)
			lines += data[j] == '\n';
		put_file(tpath("torn"), data, i);
		s = state_open(tpath("torn"));
		bad += state_count(s) > lines || state_warning(s) == NULL ||
		    access(tpath("torn"), F_OK) == 0;
		state_free(s);
		count_files("torn.corrupt-", 1);
	}
	warn_quiet = 0;
	is_int(bad, 0, "every truncation keeps at most its whole lines, set aside");
	snprintf(name, sizeof name, "truncated to %zu bytes", len / 2);
	expect_corrupt(name, data, len / 2, 3);
	data[len / 3] ^= 0x01;
	expect_corrupt("one flipped bit", data, len, 3);
	data[len / 3] ^= 0x01;
	put_file(tpath("corrupt"), data, len);
	s = open_quiet(tpath("corrupt"), &w);
	is_int(state_count(s), 3, "the unflipped copy loads");
	is_str(w, "", "and gives no warning");
	free(w);
	state_free(s);
	free(data);
}

/* A corrupt file is replaced by the next save, which then loads. */
static void
t_corrupt_save(void)
{
	const char *p = tpath("csave");
	struct state *s;
	char *w;

	put_file(p, "garbage\n", 8);
	put_file(tpath("csave.tmp"), "half a write", 12);
	s = open_quiet(p, &w);
	free(w);
	state_set_read(s, "/x", 1);
	capture();
	is_int(state_save(s), 0, "save over a corrupt file");
	free(captured());
	state_free(s);
	s = open_quiet(p, &w);
	ok(state_is_read(s, "/x") && *w == '\0', "and the new file loads clean");
	free(w);
	state_free(s);
	count_files("csave.corrupt-", 1);
}

/* One bad line and a wrong sum: the other lines are kept, the file is
 * kept aside byte for byte, a save with no change writes what was kept. */
static void
t_salvage(void)
{
	static const char text[] = "tread-state 1\nr\t5\t/s/one\n"
	    "garbage line\n-\t9\t/s/two\nr\t0\t/s/three\nend 4 0123\n";
	const char *p = tpath("salv");
	struct dirent *de;
	struct state *s;
	char *w, *aside = NULL, *data;
	size_t len;
	DIR *d;

	put_file(p, text, sizeof text - 1);
	s = open_quiet(p, &w);
	is_int(state_count(s), 3, "three good lines of four kept");
	ok(state_is_read(s, "/s/one") && state_pos(s, "/s/one") == 5 &&
	    state_pos(s, "/s/two") == 9 && state_is_read(s, "/s/three"),
	    "with their marks and positions");
	ok(strstr(w, "3 marks kept") != NULL, "the warning says what was kept");
	free(w);
	d = opendir(tmp_dir);
	while (d != NULL && (de = readdir(d)) != NULL)
		if (strncmp(de->d_name, "salv.corrupt-", 13) == 0)
			aside = xstrdup(tpath(de->d_name));
	closedir(d);
	ok(aside != NULL && file_read(aside, 0, &data, &len) == 0 &&
	    len == sizeof text - 1 && memcmp(data, text, len) == 0 &&
	    (free(data), 1), "the corrupt file is kept aside unchanged");
	free(aside);
	is_int(state_save(s), 0, "save without a change of ours");
	state_free(s);
	s = open_quiet(p, &w);
	ok(*w == '\0' && state_count(s) == 3, "writes the kept marks: %s", w);
	free(w);
	state_free(s);
}

/* A state file that is a FIFO, a directory or a link is not read (and a
 * FIFO does not block), and is never overwritten. */
static void
t_unreadable(void)
{
	const char *kinds[] = { "fifo", "dir", "link" };
	struct stat st;
	struct state *s;
	char *w;
	int k;

	put_file(tpath("victim"), "precious\n", 9);
	mkfifo(tpath("fifo"), 0600);
	mkdir(tpath("dir"), 0700);
	symlink(tpath("victim"), tpath("link"));
	for (k = 0; k < 3; k++) {
		s = open_quiet(tpath(kinds[k]), &w);
		ok(strstr(w, "cannot read the state file") != NULL &&
		    state_warning(s) != NULL, "%s: refused with a warning",
		    kinds[k]);
		free(w);
		state_set_read(s, "/u", 1);
		capture();
		ok(state_save(s) == -1, "%s: not saved over", kinds[k]);
		free(captured());
		state_free(s);
		ok(lstat(tpath(kinds[k]), &st) == 0 && (k != 0 ||
		    S_ISFIFO(st.st_mode)) && (k != 1 || S_ISDIR(st.st_mode)) &&
		    (k != 2 || S_ISLNK(st.st_mode)), "%s: still there", kinds[k]);
	}
	ok(file_read(tpath("victim"), 0, &w, NULL) == 0 &&
	    strcmp(w, "precious\n") == 0, "the link's target is untouched");
	free(w);
}

/* The old attack: a link planted at the temp name is not followed. */
static void
t_planted_links(void)
{
	const char *p = tpath("plant/state");
	struct state *s;
	char *w;

	mkdir(tpath("plant"), 0700);
	put_file(tpath("victim2"), "precious\n", 9);
	symlink(tpath("victim2"), tpath("plant/state.tmp"));
	symlink(tpath("victim2"), tpath("plant/state.lock"));
	s = state_open(p);
	state_set_read(s, "/p", 1);
	capture();
	state_save(s);
	free(captured());
	state_free(s);
	ok(file_read(tpath("victim2"), 0, &w, NULL) == 0 &&
	    strcmp(w, "precious\n") == 0, "planted links are not written through");
	free(w);
}

/* A directory of another user's, or writable by others, is refused. */
static void
t_foreign_dir(void)
{
	struct state *s;
	char *w;

	mkdir(tpath("open"), 0777);
	chmod(tpath("open"), 0777);
	s = state_open(tpath("open/state"));
	state_set_read(s, "/f", 1);
	capture();
	is_int(state_save(s), -1, "a directory writable by others: not saved");
	w = captured();
	ok(strstr(w, "writable by others") != NULL, "and says why: %s", w);
	free(w);
	state_free(s);
	if (geteuid() != 0)
		return;
	mkdir(tpath("theirs"), 0700);
	if (chown(tpath("theirs"), 4242, 4242) == -1)
		return;
	s = state_open(tpath("theirs/state"));
	state_set_read(s, "/f", 1);
	capture();
	is_int(state_save(s), -1, "another user's directory: not saved");
	w = captured();
	ok(strstr(w, "not your own directory") != NULL, "and says why: %s", w);
	free(w);
	state_free(s);
}

/* A lock held by another process: the save gives up after a while, with
 * a message, instead of hanging. */
static void
t_lock_timeout(void)
{
	const char *p = tpath("locked");
	struct timespec a, b;
	struct state *s;
	char *w;
	int fd;

	fd = open(tpath("locked.lock"), O_RDWR | O_CREAT, 0600);
	ok(fd != -1 && flock(fd, LOCK_EX) == 0, "lock taken by the test");
	s = state_open(p);
	state_set_lock_wait(s, 1000);
	state_set_read(s, "/l", 1);
	clock_gettime(CLOCK_MONOTONIC, &a);
	capture();
	is_int(state_save(s), -1, "save under a held lock fails");
	w = captured();
	clock_gettime(CLOCK_MONOTONIC, &b);
	ok(strstr(w, "locked") != NULL, "with a message: %s", w);
	ok(b.tv_sec - a.tv_sec < 30, "in %ld s", (long)(b.tv_sec - a.tv_sec));
	free(w);
	close(fd);
	is_int(state_save(s), 0, "and saves once the lock is free");
	state_free(s);
}

/* Temp files of killed writers go; a live writer's stay. */
static void
t_stale_temps(void)
{
	const char *p = tpath("stale/state");
	struct utimbuf old = { 1000000000, 1000000000 };
	char live[64];
	struct state *s;

	mkdir(tpath("stale"), 0700);
	put_file(tpath("stale/state.999999999.aBcDeF"), "x", 1);
	put_file(tpath("stale/state.QwErTy"), "x", 1);
	utime(tpath("stale/state.QwErTy"), &old);
	put_file(tpath("stale/state.zXcVbN"), "x", 1);	/* new: may be live */
	snprintf(live, sizeof live, "stale/state.%ld.aBcDeF", (long)getppid());
	put_file(tpath(live), "x", 1);
	s = state_open(p);
	state_free(s);
	ok(access(tpath("stale/state.999999999.aBcDeF"), F_OK) == -1,
	    "a dead process's temp file is removed");
	ok(access(tpath("stale/state.QwErTy"), F_OK) == -1,
	    "an old-style temp file an hour old is removed");
	ok(access(tpath("stale/state.zXcVbN"), F_OK) == 0,
	    "a recent old-style one stays");
	ok(access(tpath(live), F_OK) == 0, "a live process's stays");
}

/* Two processes' worth of states on one file: nothing is lost. */
static void
t_merge(void)
{
	const char *p = tpath("merge");
	struct state *a, *b, *c;

	a = state_open(p);
	state_set_read(a, "/m/common", 1);
	state_save(a);
	state_free(a);

	a = state_open(p);
	b = state_open(p);
	state_set_read(a, "/m/a-only", 1);
	state_set_pos(a, "/m/shared", 100);
	state_set_read(b, "/m/b-only", 1);
	state_set_read(b, "/m/shared", 1);
	state_set_read(b, "/m/common", 0);
	is_int(state_save(a), 0, "first writer saves");
	is_int(state_save(b), 0, "second writer saves");
	ok(state_is_read(b, "/m/a-only"), "the second sees the first's mark after saving");
	c = state_open(p);
	ok(state_is_read(c, "/m/a-only"), "first writer's mark survives");
	ok(state_is_read(c, "/m/b-only"), "second writer's mark survives");
	ok(state_is_read(c, "/m/shared"), "read set by one ...");
	is_int(state_pos(c, "/m/shared"), 100, "... and position by the other");
	ok(!state_is_read(c, "/m/common"), "an unmark is a change too");
	state_free(c);

	/* A, whose memory still has /m/common read, saves a new change:
	 * only the change is replayed, B's unmark stays. */
	state_set_read(a, "/m/a-two", 1);
	is_int(state_save(a), 0, "first writer saves again");
	c = state_open(p);
	ok(state_is_read(c, "/m/b-only") && !state_is_read(c, "/m/common") &&
	    state_is_read(c, "/m/a-two"),
	    "a stale copy in memory does not undo the other's changes");
	state_free(c);
	is_int(state_save(a), 0, "a save without changes succeeds");
	c = state_open(p);
	is_int(state_count(c), 4, "and changes nothing");
	state_free(c);
	state_free(a);
	state_free(b);
}

/* Keys with controls, escapes, UTF-8; relative and absolute paths. */
static void
t_keys(void)
{
	static const char *odd[] = {
		"/k/new\nline", "/k/tab\there", "/k/back\\slash",
		"/k/\\x41 literal", "/k/esc\x1b[31mred", "/k/\r\x7f\x01",
		"/k/\xd0\xbc\xd0\xb8\xd1\x80 \xe4\xb8\xad\xe6\x96\x87",
		"/k/end 0 0", "r\t1\t/fake", "/k/trailing\\",
	};
	const char *p = tpath("keys");
	char longkey[5000], abs[600], cwd[600];
	struct state *s;
	size_t i, n = sizeof odd / sizeof odd[0];
	char *w;

	memset(longkey, 'x', sizeof longkey - 1);
	longkey[0] = '/';
	longkey[sizeof longkey - 1] = '\0';
	s = state_open(p);
	for (i = 0; i < n; i++)
		state_set_pos(s, odd[i], (long)i + 1);
	state_set_read(s, longkey, 1);
	state_set_read(s, "", 1);
	state_set_read(s, NULL, 1);
	ok(!state_is_read(s, "") && !state_is_read(s, NULL), "empty and NULL keys ignored");
	/* A real file reached by a relative path and by its absolute path. */
	put_file(tpath("real.txt"), "x", 1);
	if (getcwd(cwd, sizeof cwd) == NULL || chdir(tmp_dir) == -1) {
		ok(0, "chdir");
		return;
	}
	state_set_read(s, "real.txt", 1);
	state_set_read(s, "./not-there.txt", 1);
	chdir(cwd);
	snprintf(abs, sizeof abs, "%s/real.txt", tmp_dir);
	ok(state_is_read(s, abs), "relative key found by its absolute path");
	is_int(state_save(s), 0, "save odd keys");
	state_free(s);

	s = open_quiet(p, &w);
	is_str(w, "", "odd keys load without warning");
	free(w);
	for (i = 0; i < n; i++)
		ok(state_pos(s, odd[i]) == (long)i + 1, "odd key %zu round-trips", i);
	ok(state_is_read(s, longkey), "a 5000-byte key round-trips");
	ok(state_is_read(s, abs), "realpath'd key after reload");
	snprintf(abs, sizeof abs, "%s/./not-there.txt", tmp_dir);
	ok(state_is_read(s, abs), "missing file: made absolute with the cwd");
	is_int(state_count(s), n + 3, "key count");
	state_free(s);
}

/* Save into a place that cannot be a directory: -1 and a warning. */
static void
t_save_fails(void)
{
	struct state *s;
	char *w;
	char p[600];

	put_file(tpath("plainfile"), "x", 1);
	snprintf(p, sizeof p, "%s/plainfile/sub/state", tmp_dir);
	s = open_quiet(p, &w);
	free(w);
	state_set_read(s, "/z", 1);
	capture();
	is_int(state_save(s), -1, "save under a regular file fails");
	w = captured();
	ok(strncmp(w, "tread: ", 7) == 0 && strstr(w, "plainfile") != NULL,
	    "with a warning naming the path");
	ok(state_is_read(s, "/z"), "the mark stays in memory");
	free(w);
	state_free(s);
}

/* The default path: $XDG_STATE_HOME/tread/state. */
static void
t_default_path(void)
{
	struct state *s;

	setenv("XDG_STATE_HOME", tpath("xdg"), 1);
	s = state_open(NULL);
	state_set_read(s, "/d", 1);
	is_int(state_save(s), 0, "save to the default path");
	state_free(s);
	ok(access(tpath("xdg/tread/state"), R_OK) == 0,
	    "file at $XDG_STATE_HOME/tread/state");
}

/* CPU seconds used so far: unlike wall time, not inflated by a busy
 * machine running tests in parallel. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* 100,000 articles load and save fast. */
static void
t_big(void)
{
	const char *p = tpath("big");
	struct state *s;
	char key[128];
	double t0, t;
	long i, wrong = 0;

	t0 = now();
	s = state_open(p);
	for (i = 0; i < 100000; i++) {
		snprintf(key, sizeof key, "/nonexistent/corpus/%03ld/article-%ld.txt",
		    i % 997, i);
		state_set_read(s, key, i % 3 != 0);
		state_set_pos(s, key, i);
	}
	is_int(state_save(s), 0, "save 100,000 keys");
	state_free(s);
	s = state_open(p);
	is_int(state_count(s), 100000 - 1, "100,000 keys reload (one had nothing)");
	for (i = 0; i < 100000; i += 7) {
		snprintf(key, sizeof key, "/nonexistent/corpus/%03ld/article-%ld.txt",
		    i % 997, i);
		wrong += state_is_read(s, key) != (i % 3 != 0) ||
		    state_pos(s, key) != i;
	}
	is_int(wrong, 0, "sampled keys have their marks");
	state_set_read(s, "/one/more", 1);
	is_int(state_save(s), 0, "save again (merge with the file)");
	state_free(s);
	t = now() - t0;
	ok(t < 10.0, "100,000 keys: set, save, load, merge, save in %.2f CPU s", t);
}

/* Article I of V (path P, PLAIN) for t_read_set. */
static void
rs_art(struct article *v, size_t i, const char *p, int plain)
{
	memset(&v[i], 0, sizeof v[i]);
	v[i].path = xstrdup(p);
	v[i].plain = (unsigned char)plain;
}

/* state_read_set: the marks of many articles at once, one realpath per
 * directory for plain files, as state_is_read says for each. */
static void
t_read_set(void)
{
	struct article v[140];
	uint64_t bits[3];
	struct state *s;
	char name[64];
	size_t i, n = 0, same = 0;

	mkdir(tpath("rs"), 0700);
	mkdir(tpath("rs/real"), 0700);
	put_file(tpath("rs/real/a.txt"), "a", 1);
	put_file(tpath("rs/real/b.txt"), "b", 1);
	put_file(tpath("rs/real/c.txt"), "c", 1);
	symlink("real", tpath("rs/link"));
	symlink("a.txt", tpath("rs/real/ln.txt"));
	s = state_open(tpath("rs/state"));
	bits[0] = bits[1] = ~(uint64_t)0;
	rs_art(v, 0, tpath("rs/link/a.txt"), 1);
	state_read_set(s, v, 1, bits);
	is_int((long)bits[0], 0, "no read mark: no bit, and the word cleared");
	free(v[0].path);	/* v[0] is filled again below */
	state_set_read(s, tpath("rs/real/a.txt"), 1);
	state_set_read(s, tpath("rs/real/c.txt"), 1);
	state_set_read(s, tpath("rs/link/c.txt"), 0);	/* the same file */
	rs_art(v, n++, tpath("rs/link/a.txt"), 1);
	rs_art(v, n++, tpath("rs/real/b.txt"), 1);
	rs_art(v, n++, tpath("rs/real/ln.txt"), 0);	/* a link: not plain */
	rs_art(v, n++, tpath("rs/link/c.txt"), 1);
	rs_art(v, n++, tpath("rs/real/gone.txt"), 1);
	rs_art(v, n++, "no-slash.txt", 1);
	for (i = n; i < 140; i++) {	/* three words of bits */
		snprintf(name, sizeof name, "rs/link/%s.txt", i % 2 ? "a" : "b");
		rs_art(v, n++, tpath(name), 1);
	}
	state_read_set(s, v, n, bits);
	ok(bits[0] & 1, "a file through a linked directory: its real path's mark");
	ok(!(bits[0] & 2), "an unmarked file: unread");
	ok(bits[0] & 4, "a link to a read file (not plain): read");
	ok(!(bits[0] & 8), "marked unread through the other path: unread");
	ok(!(bits[0] & 16), "a file gone: unread");
	ok(!(bits[0] & 32), "a name without a directory: unread");
	for (i = 0; i < n; i++)
		same += !!(bits[i / 64] >> (i % 64) & 1) ==
		    state_is_read(s, v[i].path);
	is_int((long)same, (long)n, "every bit is what state_is_read says");
	ok(bits[2] >> (139 % 64) & 1, "bit 139 (a.txt) set");
	ok(!(bits[2] >> (138 % 64) & 1), "bit 138 (b.txt) clear");
	for (i = 0; i < n; i++)
		free(v[i].path);
	state_free(s);
}

int
main(void)
{
	if (tmpdir_make("t_state") == -1)
		return 99;
	snprintf(errfile, sizeof errfile, "%s/stderr", tmp_dir);
	t_roundtrip();
	t_corrupt();
	t_corrupt_save();
	t_salvage();
	t_unreadable();
	t_planted_links();
	t_foreign_dir();
	t_lock_timeout();
	t_stale_temps();
	t_merge();
	t_keys();
	t_save_fails();
	t_default_path();
	t_big();
	t_read_set();
	tmpdir_remove();
	return tap_done();
}
