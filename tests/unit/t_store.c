/* t_store.c: the shared storage module: checksum, path key, the atomic
 * writer (no link followed, only the user's own directory), the reader
 * of regular files only, the clean-up of dead writers' temp files. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store.h"
#include "util.h"
#include "tap.h"
#include "tmpdir.h"

/* The checksum sees every byte and its position. */
static void
t_sum(void)
{
	char a[100], b[100];
	uint64_t h;
	size_t i, n = 0;

	memset(a, 'x', sizeof a);
	h = store_sum(STORE_SUM_INIT, a, sizeof a);
	is_int(store_sum(STORE_SUM_INIT, a, sizeof a) == h, 1, "sum is stable");
	for (i = 0; i < sizeof a; i++) {
		memcpy(b, a, sizeof a);
		b[i] ^= 1;
		n += store_sum(STORE_SUM_INIT, b, sizeof b) != h;
	}
	is_int(n, sizeof a, "a flipped bit anywhere changes the sum");
	ok(store_sum(STORE_SUM_INIT, a, 99) != h, "so does the length");
}

/* The sum in pieces is the sum at once, however the bytes are cut
 * (pieces of 0 to 70 bytes, across the 32-byte blocks), for lengths
 * around the block and word sizes. */
static void
t_sum_pieces(void)
{
	unsigned char a[300];
	struct store_summer S;
	size_t len, at, cut, bad = 0, tries = 0;
	unsigned seed = 7;

	for (at = 0; at < sizeof a; at++)
		a[at] = (unsigned char)(at * 37 + 11);
	for (len = 0; len <= sizeof a; len += len < 70 ? 1 : 23)
		for (cut = 0; cut < 8; cut++, tries++) {
			store_sum_begin(&S, STORE_SUM_INIT);
			for (at = 0; at < len; ) {
				size_t n = (seed = seed * 1103515245u + 12345u)
				    >> 16 & 0x3f;

				if (n > len - at)
					n = len - at;
				store_sum_add(&S, a + at, n);
				at += n;
			}
			bad += store_sum_end(&S) != store_sum(STORE_SUM_INIT,
			    a, len);
		}
	is_int(bad, 0, "the sum of pieces is the sum at once");
	ok(tries > 500, "over many lengths and cuts");
	store_sum_begin(&S, 42);
	ok(store_sum_end(&S) == store_sum(42, a, 0), "and of nothing");
}

/* Keys: absolute, "./" and "." dropped, long ones malloc'd. */
static void
t_key(void)
{
	char buf[64], *k, want[600], big[300];
	const char *cwd = store_cwd();

	ok(cwd != NULL && cwd[0] == '/', "the cwd is known");
	k = store_key(buf, sizeof buf, "/d", "./a/b", NULL);
	is_str(k, "/d/a/b", "./ dropped, cwd prefixed");
	k = store_key(buf, sizeof buf, "/d/", ".", NULL);
	is_str(k, "/d/", "a lone . is the cwd");
	k = store_key(buf, sizeof buf, "/d", "/abs/x", NULL);
	is_str(k, "/abs/x", "absolute kept");
	memset(big, 'y', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	k = store_key(buf, sizeof buf, "/d", big, NULL);
	snprintf(want, sizeof want, "/d/%s", big);
	ok(k != buf && strcmp(k, want) == 0, "a long key is malloc'd");
	free(k);
}

/* The writer: the file appears whole, a link at its place is replaced
 * and not followed, no temp file stays. */
static void
t_writer(void)
{
	struct store_file f;
	char *s;
	size_t len;

	symlink(tpath("victim"), tpath("w/file"));
	ok(store_begin(&f, tpath("w/file"), "test file") == 0, "begin");
	ok(strstr(f.tmp, ".XXXXXX") == NULL && strncmp(f.tmp,
	    tpath("w/file."), strlen(tpath("w/file."))) == 0,
	    "the temp file is beside the file");
	ok(store_write(&f, "hello", 5) == 0 && store_commit(&f) == 0, "commit");
	ok(file_read(tpath("w/file"), 0, &s, &len) == 0 && len == 5 &&
	    memcmp(s, "hello", 5) == 0, "the file has the bytes");
	free(s);
	ok(access(tpath("victim"), F_OK) == -1, "the link was not followed");
	ok(store_begin(&f, tpath("w/file"), "test file") == 0, "begin again");
	s = xstrdup(f.tmp);
	store_abort(&f);
	ok(access(s, F_OK) == -1, "abort removes the temp file");
	free(s);
}

/* Reading: a FIFO and a link are refused at once. */
static void
t_reader(void)
{
	struct stat st;
	int fd;

	mkfifo(tpath("fifo"), 0600);
	errno = 0;
	ok(store_open_read(tpath("fifo"), &st) == -1 && errno == EINVAL,
	    "a FIFO is refused without blocking");
	symlink(tpath("w/file"), tpath("link"));
	errno = 0;
	ok(store_open_read(tpath("link"), &st) == -1 && errno == ELOOP,
	    "a link is refused");
	fd = store_open_read(tpath("w/file"), &st);
	ok(fd != -1 && st.st_size == 5 && !(fcntl(fd, F_GETFL) & O_NONBLOCK),
	    "a regular file opens, blocking again");
	if (fd != -1)
		close(fd);
}

int
main(void)
{
	if (tmpdir_make("t_store") == -1)
		return 99;
	mkdir(tpath("w"), 0700);
	t_sum();
	t_sum_pieces();
	t_key();
	t_writer();
	t_reader();
	tmpdir_remove();
	return tap_done();
}
