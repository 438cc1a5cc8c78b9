/* store.c: the checksum, the atomic writer, the safe reader and the path
 * key shared by every file tread keeps (index cache, word index, state). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store.h"
#include "util.h"

#define STALE_SECS	3600	/* an old-style temp file older is dead */

/* One step of store_sum: word W into lane H. */
static uint64_t
sum_step(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
	return h ^ h >> 29;
}

/* Adds the 32 bytes at P to lanes L. */
static void
sum_block(uint64_t l[4], const unsigned char *p)
{
	uint64_t w;
	int k;

	for (k = 0; k < 4; k++) {
		memcpy(&w, p + 8 * k, 8);
		l[k] = sum_step(l[k], w);
	}
}

/* Joins lanes L and adds the last N (< 32) bytes at P. */
static uint64_t
sum_end(const uint64_t l[4], const unsigned char *p, size_t n)
{
	uint64_t h = sum_step(sum_step(sum_step(l[0], l[1]), l[2]), l[3]), w;
	int k;

	for (; n >= 8; p += 8, n -= 8) {
		memcpy(&w, p, 8);
		h = sum_step(h, w);
	}
	for (w = 0, k = 0; n-- > 0; k += 8)
		w |= (uint64_t)*p++ << k;
	return sum_step(h, w);
}

uint64_t
store_sum(uint64_t h, const void *vp, size_t n)
{
	const unsigned char *p = vp;
	uint64_t l[4] = { h, h ^ 1, h ^ 2, h ^ 3 };

	for (; n >= 32; p += 32, n -= 32)
		sum_block(l, p);
	return sum_end(l, p, n);
}

void
store_sum_begin(struct store_summer *S, uint64_t h)
{
	S->l[0] = h;
	S->l[1] = h ^ 1;
	S->l[2] = h ^ 2;
	S->l[3] = h ^ 3;
	S->ntail = 0;
}

void
store_sum_add(struct store_summer *S, const void *vp, size_t n)
{
	const unsigned char *p = vp;
	size_t take;

	if (S->ntail > 0) {	/* complete the block begun before */
		take = n < 32 - S->ntail ? n : 32 - S->ntail;
		memcpy(S->tail + S->ntail, p, take);
		S->ntail += take;
		p += take;
		n -= take;
		if (S->ntail < 32)
			return;
		sum_block(S->l, S->tail);
		S->ntail = 0;
	}
	for (; n >= 32; p += 32, n -= 32)
		sum_block(S->l, p);
	memcpy(S->tail, p, n);
	S->ntail = n;
}

uint64_t
store_sum_end(const struct store_summer *S)
{
	return sum_end(S->l, S->tail, S->ntail);
}

/* The directory part of PATH, malloc'd ("." when there is none). */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* Why directory ST (PARENT: its parent's) is unsafe to keep files in,
 * or NULL: it must be ours and writable by nobody else; its parent ours
 * or root's, and writable by others only when sticky (as /tmp), so that
 * nobody can swap the directory for one of theirs. */
static const char *
dir_unsafe(const struct stat *st, const struct stat *parent)
{
	if (!S_ISDIR(st->st_mode))
		return "not a directory";
	if (st->st_uid != geteuid())
		return "not your own directory";
	if (st->st_mode & (S_IWGRP | S_IWOTH))
		return "writable by others";
	if (parent->st_uid != geteuid() && parent->st_uid != 0)
		return "its parent is not your own directory";
	if ((parent->st_mode & (S_IWGRP | S_IWOTH)) &&
	    !(parent->st_mode & S_ISVTX))
		return "its parent is writable by others";
	return NULL;
}

const char *
store_dir_unsafe(const char *dir)
{
	char *parent = dir_of(dir);
	struct stat st, pst;
	const char *why = NULL;

	if (stat(dir, &st) == 0 && stat(parent, &pst) == 0)
		why = dir_unsafe(&st, &pst);
	free(parent);
	return why;
}

/* mkdir -p DIR with mode 0700; 0 or -1 with errno. */
static int
mkdirs(const char *dir)
{
	char *p = xstrdup(dir), *s;
	int rc = 0;

	for (s = p + 1; rc == 0; s++) {
		if ((s = strchr(s, '/')) != NULL)
			*s = '\0';
		if (mkdir(p, 0700) == -1 && errno != EEXIST)
			rc = -1;
		if (s == NULL)
			break;
		*s = '/';
	}
	free(p);
	return rc;
}

/* Warns about DIR once per process (the cache, the word index and the
 * state file all ask, some of them twice). */
static void
dir_warn(const char *dir, const char *fmt, const char *a, const char *b)
{
	/* Global: the directory warned about, under a lock (threads warn). */
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	static char *told;

	pthread_mutex_lock(&lock);
	if (told == NULL || strcmp(told, dir) != 0) {
		warn_at(dir, fmt, a, b);
		free(told);
		told = xstrdup(dir);
	}
	pthread_mutex_unlock(&lock);
}

int
store_dir(const char *path, const char *what)
{
	char *dir = dir_of(path), *parent = dir_of(dir);
	struct stat st, pst;
	const char *why = NULL;
	int rc = -1;

	if (mkdirs(dir) == -1 || stat(dir, &st) == -1 ||
	    stat(parent, &pst) == -1)
		dir_warn(dir, "cannot create the %s directory: %s", what,
		    strerror(errno));
	else if ((why = dir_unsafe(&st, &pst)) != NULL)
		dir_warn(dir, "%s, no %s kept there", why, what);
	else
		rc = 0;
	free(parent);
	free(dir);
	return rc;
}

int
store_begin(struct store_file *f, const char *path, const char *what)
{
	struct buf b;

	f->fd = -1;
	f->tmp = NULL;
	f->path = xstrdup(path);
	f->what = what;
	if (store_dir(path, what) == -1) {
		free(f->path);
		f->path = NULL;
		return -1;
	}
	buf_init(&b);
	buf_addf(&b, "%s.%ld.XXXXXX", path, (long)getpid());
	if ((f->fd = mkostemp(b.s, O_CLOEXEC | O_NOFOLLOW)) == -1) {
		warn_at(path, "cannot write the %s: %s", what, strerror(errno));
		buf_free(&b);
		free(f->path);
		f->path = NULL;
		return -1;
	}
	f->tmp = buf_steal(&b, NULL);
	return 0;
}

int
store_write(struct store_file *f, const void *vp, size_t n)
{
	const char *p = vp;
	ssize_t k;

	while (n > 0) {
		if ((k = write(f->fd, p, n)) == -1 && errno == EINTR)
			continue;
		if (k <= 0) {
			if (k == 0)
				errno = ENOSPC;
			return -1;
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Makes a rename in the directory of PATH durable. */
static void
fsync_dir(const char *path)
{
	char *dir = dir_of(path);
	int fd;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Frees F's names. */
static void
store_done(struct store_file *f)
{
	free(f->tmp);
	free(f->path);
	f->tmp = f->path = NULL;
	f->fd = -1;
}

int
store_commit(struct store_file *f)
{
	int fd = f->fd;

	f->fd = -1;
	if (fsync(fd) == -1 || close(fd) == -1 || (fd = -1,
	    rename(f->tmp, f->path) == -1)) {
		warn_at(f->path, "cannot write the %s: %s", f->what,
		    strerror(errno));
		if (fd != -1)
			close(fd);
		unlink(f->tmp);
		store_done(f);
		return -1;
	}
	fsync_dir(f->path);
	store_done(f);
	return 0;
}

void
store_abort(struct store_file *f)
{
	if (f->fd != -1)
		close(f->fd);
	if (f->tmp != NULL)
		unlink(f->tmp);
	store_done(f);
}

/* Is NAME (after the stored file's name and a dot) a temp file of a dead
 * writer: "PID.XXXXXX" of a process that is gone, or "XXXXXX" older than
 * STALE_SECS (MTIME)? */
static int
temp_dead(const char *rest, time_t mtime)
{
	char *end;
	long pid;

	if (strlen(rest) == 6 && strchr(rest, '.') == NULL)
		return time(NULL) - mtime > STALE_SECS;
	errno = 0;
	pid = strtol(rest, &end, 10);
	if (errno != 0 || end == rest || *end != '.' || strlen(end + 1) != 6 ||
	    pid <= 0)
		return 0;
	return pid != (long)getpid() && kill((pid_t)pid, 0) == -1 &&
	    errno == ESRCH;
}

void
store_clean(const char *path)
{
	char *dir = dir_of(path);
	const char *base = strrchr(path, '/');
	struct dirent *de;
	struct stat st;
	size_t blen;
	DIR *d;
	int dfd;

	base = base != NULL ? base + 1 : path;
	blen = strlen(base);
	if ((d = opendir(dir)) == NULL) {
		free(dir);
		return;
	}
	dfd = dirfd(d);
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, base, blen) == 0 &&
		    de->d_name[blen] == '.' &&
		    fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
		    temp_dead(de->d_name + blen + 1, st.st_mtime))
			unlinkat(dfd, de->d_name, 0);
	closedir(d);
	free(dir);
}

int
store_open_read(const char *path, struct stat *st)
{
	int fd, saved;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd == -1)
		return -1;
	if (fstat(fd, st) == -1 || (!S_ISREG(st->st_mode) &&
	    (errno = EINVAL)) || fcntl(fd, F_SETFL, 0) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

/* Global: the cwd, read once (pthread_once: loader threads ask). */
static char *cwd_once;
static pthread_once_t cwd_guard = PTHREAD_ONCE_INIT;

/* Reads the cwd into cwd_once (pthread_once). */
static void
cwd_read(void)
{
	cwd_once = getcwd(NULL, 0);
}

const char *
store_cwd(void)
{
	pthread_once(&cwd_guard, cwd_read);
	return cwd_once;
}

char *
store_key(char *dst, size_t cap, const char *cwd, const char *file,
    size_t *len)
{
	size_t nc = 0, nf;
	char *k;

	if (cwd == NULL && file[0] != '/')
		cwd = store_cwd();
	if (file[0] != '/' && cwd != NULL) {
		nc = strlen(cwd);
		while (file[0] == '.' && file[1] == '/')
			file += 2;
		if (file[0] == '.' && file[1] == '\0')
			file++;		/* "." is the cwd itself */
	}
	nf = strlen(file);
	k = nc + nf + 2 <= cap ? dst : xmalloc(nc + nf + 2);
	if (nc > 0)
		memcpy(k, cwd, nc);
	if (nc > 0 && k[nc - 1] != '/')
		k[nc++] = '/';
	memcpy(k + nc, file, nf + 1);
	if (len != NULL)
		*len = nc + nf;
	return k;
}
