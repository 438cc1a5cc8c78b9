/* export.c: saving an article, piping it to a command, the pager and the
 * editor: the engine side of :save, :pipe, v and the editor key. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "corpus.h"
#include "export.h"
#include "store.h"
#include "util.h"

char *
export_text(struct corpus *c, size_t i, int width, size_t *len)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp;
	int rc;

	if (i >= c->n || (fp = open_memstream(&s, &n)) == NULL)
		return NULL;
	rc = batch_show(fp, c, i, width, 0);
	if (fclose(fp) != 0 || rc != 0) {
		free(s);
		return NULL;
	}
	*len = n;
	return s;
}

int
export_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* Creates a temp file beside PATH, named PATH.PID.NNNNNN as store.c names
 * its own (store_clean knows them), with O_EXCL and O_NOFOLLOW. Not
 * mkostemp: its file is 0600, and a saved article gets the mode the
 * user's umask gives (open applies it; reading the umask would set it). */
static int
temp_open(const char *path, struct buf *tmp)
{
	unsigned n;
	int fd = -1, k;

	for (k = 0; k < 100 && fd == -1; k++) {
		n = (unsigned)getpid() * 2654435761u + (unsigned)k * 40503u +
		    (unsigned)time(NULL);
		tmp->len = 0;
		buf_addf(tmp, "%s.%ld.%06u", path, (long)getpid(), n % 1000000);
		fd = open(tmp->s, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0666);
		if (fd == -1 && errno != EEXIST)
			break;
	}
	return fd;
}

/* A link at PATH is replaced, never followed. */
const char *
export_refused(const char *path)
{
	struct stat st;

	if (path[0] == '\0')
		return "no file name";
	if (lstat(path, &st) == -1 || S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))
		return NULL;
	return S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file";
}

/* Writes S (N bytes) to a temp file beside PATH and renames it over
 * PATH. Not store_begin: that one keeps tread's own files and refuses a
 * directory that is not the user's private one (/tmp, a shared one); a
 * file the user names goes where they said. */
static int
save_bytes(const char *path, const char *s, size_t n, char *err,
    size_t errlen)
{
	struct store_file f = { -1, NULL, NULL, "article" };
	struct buf tmp;
	int rc = -1;

	buf_init(&tmp);
	if ((f.fd = temp_open(path, &tmp)) == -1)
		snprintf(err, errlen, "%s", strerror(errno));
	else if (store_write(&f, s, n) == -1 || fsync(f.fd) == -1)
		snprintf(err, errlen, "%s", strerror(errno));
	else if (close(f.fd) == -1 || (f.fd = -1, rename(tmp.s, path) == -1))
		snprintf(err, errlen, "%s", strerror(errno));
	else
		rc = 0;
	if (rc == -1 && f.fd != -1)
		close(f.fd);
	if (rc == -1 && tmp.s != NULL)
		unlink(tmp.s);
	buf_free(&tmp);
	return rc;
}

int
export_save(struct corpus *c, size_t i, int width, const char *path,
    char *err, size_t errlen)
{
	const char *why;
	char *s;
	size_t n;
	int rc;

	if ((why = export_refused(path)) != NULL) {
		snprintf(err, errlen, "%s", why);
		return -1;
	}
	if ((s = export_text(c, i, width, &n)) == NULL) {
		snprintf(err, errlen, "cannot read the article's file");
		return -1;
	}
	rc = save_bytes(path, s, n, err, errlen);
	free(s);
	return rc;
}

/* Writes N bytes of S to FD, on through EINTR; 0, or -1 (EPIPE when the
 * command stopped reading). */
static int
write_all(int fd, const char *s, size_t n)
{
	ssize_t k;

	while (n > 0) {
		if ((k = write(fd, s, n)) == -1 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

/* The shell to run commands with: $SHELL, else /bin/sh (as less does). */
static const char *
shell(void)
{
	const char *s = getenv("SHELL");

	return s != NULL && s[0] != '\0' ? s : "/bin/sh";
}

/* In the child: the signals tread ignores or handles back to their
 * defaults (an ignored SIGPIPE would survive exec). */
static void
child_signals(void)
{
	sigset_t none;

	signal(SIGPIPE, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* Waits for PID; its exit status, 128 + the signal that killed it. */
static int
wait_child(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) :
	    128 + WTERMSIG(status);
}

/* Runs SH -c CMD [ARG0 ARG1] with IN (N bytes, if not NULL) on its
 * standard input. While it runs, a Ctrl-C or Ctrl-\ at the terminal is
 * the command's (as system(3) does), not tread's, and a command that
 * stops reading ends the write with EPIPE. */
static int
spawn(const char *cmd, const char *arg1, const char *in, size_t n,
    char *err, size_t errlen)
{
	struct sigaction ign, oint, oquit, opipe;
	int fds[2] = { -1, -1 }, rc;
	pid_t pid;

	if (in != NULL && pipe(fds) == -1) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		return -1;
	}
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	sigaction(SIGPIPE, &ign, &opipe);	/* EPIPE, not death */
	if ((pid = fork()) == 0) {
		child_signals();
		if (in != NULL) {
			dup2(fds[0], STDIN_FILENO);
			close(fds[0]);
			close(fds[1]);
		}
		execl(shell(), shell(), "-c", cmd, arg1 != NULL ? "tread" :
		    (char *)NULL, arg1, (char *)NULL);
		_exit(127);
	}
	rc = pid == -1 ? -1 : 0;
	if (rc == -1)
		snprintf(err, errlen, "fork: %s", strerror(errno));
	if (in != NULL) {
		close(fds[0]);
		/* a command that reads nothing ends the pipe: not an error */
		if (pid != -1)
			(void)!write_all(fds[1], in, n);
		close(fds[1]);
	}
	if (pid != -1)
		rc = wait_child(pid);
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	sigaction(SIGPIPE, &opipe, NULL);
	return rc;
}

int
export_run(struct corpus *c, size_t i, int width, const char *cmd,
    char *err, size_t errlen)
{
	char *s;
	size_t n;
	int rc;

	if ((s = export_text(c, i, width, &n)) == NULL) {
		snprintf(err, errlen, "cannot read the article's file");
		return -1;
	}
	rc = spawn(cmd, NULL, s, n, err, errlen);
	free(s);
	return rc;
}

int
export_edit(struct corpus *c, size_t i, char *err, size_t errlen)
{
	const char *ed = getenv("VISUAL"), *path;
	struct stat st;
	struct buf cmd, p;
	int rc;

	if (ed == NULL || ed[0] == '\0')
		ed = getenv("EDITOR");
	if (ed == NULL || ed[0] == '\0')
		ed = "vi";
	if (i >= c->n || stat(path = c->v[i].path, &st) == -1 ||
	    !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "the article has no file of its own");
		return -1;
	}
	buf_init(&cmd);
	buf_init(&p);
	/* "$1", not the path in the command: no quoting to get wrong; a
	 * leading "-" is no option to the editor */
	buf_addf(&cmd, "%s \"$1\"", ed);
	buf_addf(&p, "%s%s", path[0] == '-' ? "./" : "", path);
	rc = spawn(cmd.s, p.s, NULL, 0, err, errlen);
	buf_free(&cmd);
	buf_free(&p);
	return rc;
}

/* Shortens the common part COMMON (*N bytes) to what NAME shares with
 * it, at a character boundary. */
static void
common_cut(const char *common, size_t *n, const char *name)
{
	size_t k = 0;

	while (k < *n && common[k] == name[k])
		k++;
	while (k > 0 && k < *n && ((unsigned char)common[k] & 0xc0) == 0x80)
		k--;	/* not inside a UTF-8 character */
	*n = k;
}

/* Is NAME in the directory DFD a directory (links followed)? */
static int
is_dir_at(int dfd, const char *name)
{
	struct stat st;

	return fstatat(dfd, name, &st, 0) == 0 && S_ISDIR(st.st_mode);
}

size_t
export_complete(const char *prefix, struct buf *out, struct buf *list)
{
	const char *slash = strrchr(prefix, '/'), *base;
	char *dir, *common = NULL;
	size_t blen, n = 0, clen = 0;
	struct dirent *de;
	DIR *d;
	int lone_dir = 0;

	base = slash != NULL ? slash + 1 : prefix;
	blen = strlen(base);
	dir = slash == NULL ? xstrdup(".") : slash == prefix ? xstrdup("/") :
	    xstrndup(prefix, (size_t)(slash - prefix));
	if ((d = opendir(dir)) == NULL) {
		free(dir);
		return 0;
	}
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, base, blen) != 0 ||
		    strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 ||
		    (de->d_name[0] == '.' && base[0] != '.'))
			continue;
		if (n++ == 0) {
			common = xstrdup(de->d_name);
			clen = strlen(common);
			lone_dir = is_dir_at(dirfd(d), de->d_name);
		} else
			common_cut(common, &clen, de->d_name);
		if (list->len < 200)
			buf_addf(list, "%s%s", list->len > 0 ? " " : "",
			    de->d_name);
	}
	closedir(d);
	free(dir);
	if (n > 0) {
		buf_add(out, prefix, (size_t)(base - prefix));
		buf_add(out, common, clen);
		if (n == 1 && lone_dir)
			buf_addc(out, '/');
	}
	free(common);
	return n;
}

const char *
export_pager(void)
{
	const char *p = getenv("PAGER");

	return p != NULL && p[0] != '\0' ? p : "less";
}

void
export_wait_key(const char *prompt)
{
	struct termios old, raw;
	struct pollfd pf = { STDIN_FILENO, POLLIN, 0 };
	char ch[16];
	int have = tcgetattr(STDIN_FILENO, &old) == 0;

	fputs(prompt, stdout);
	fflush(stdout);
	if (have) {
		raw = old;
		raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
		raw.c_cc[VMIN] = 1;
		raw.c_cc[VTIME] = 0;
		tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	}
	while (read(STDIN_FILENO, ch, 1) == -1 && errno == EINTR)
		;
	/* the rest of an escape sequence (an arrow key) goes with it */
	while (poll(&pf, 1, 30) == 1 && (pf.revents & POLLIN) &&
	    read(STDIN_FILENO, ch, sizeof ch) > 0)
		;
	if (have)
		tcsetattr(STDIN_FILENO, TCSANOW, &old);
	fputs("\n", stdout);
	fflush(stdout);
}
