/* warn.c: warnings and errors, "tread: WHERE: message" on stderr, passed
 * through the output sanitiser. Its own module so that util.c (buffers,
 * allocation) does not depend on decode.c, which depends on util.c. */
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>

#include "decode.h"
#include "util.h"

int warn_quiet;	/* global: a setting (-q) */

/* A status line (warn_status) is on stderr, the cursor at its end: a
 * warning erases it first. Global (the status line is one per
 * process); atomic, as loader threads warn while the loading thread
 * writes the status. */
static atomic_int status_open;

/* The escape that erases the line the cursor is on, from its start. */
#define ERASE_LINE	"\r\033[K"

/* Writes the message, sanitised, as one line. */
static void
say(const char *where, const char *fmt, va_list ap)
{
	struct buf b, out;

	buf_init(&b);
	buf_init(&out);
	buf_adds(&b, "tread: ");
	if (where != NULL) {
		buf_adds(&b, where);
		buf_adds(&b, ": ");
	}
	{
		va_list aq;
		int n;

		va_copy(aq, ap);
		n = vsnprintf(NULL, 0, fmt, aq);
		va_end(aq);
		if (n > 0) {
			buf_reserve(&b, (size_t)n);
			vsnprintf(b.s + b.len, (size_t)n + 1, fmt, ap);
			b.len += (size_t)n;
		}
	}
	decode_sanitize(&out, b.s, b.len, 0);
	buf_addc(&out, '\n');
	if (atomic_exchange(&status_open, 0))
		fputs(ERASE_LINE, stderr);
	fwrite(out.s, 1, out.len, stderr);
	fflush(stderr);
	buf_free(&b);
	buf_free(&out);
}

/* A warning: nothing under --quiet. */
void
vwarn_at(const char *where, const char *fmt, va_list ap)
{
	if (!warn_quiet)
		say(where, fmt, ap);
}

/* An error that ends the run: said under --quiet too, which silences
 * warnings, not the reason for a failing exit status. */
void
err_at(const char *where, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(where, fmt, ap);
	va_end(ap);
}

/* vwarn_at with the arguments inline. */
void
warn_at(const char *where, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn_at(where, fmt, ap);
	va_end(ap);
}

/* Writes "tread: MESSAGE" over the status line (digits and words of
 * tread's own, so not sanitised). */
void
warn_status(const char *fmt, ...)
{
	va_list ap;

	fputs(ERASE_LINE "tread: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fflush(stderr);
	atomic_store(&status_open, 1);
}

/* Erases the status line, if one is shown. */
void
warn_status_end(void)
{
	if (atomic_exchange(&status_open, 0)) {
		fputs(ERASE_LINE, stderr);
		fflush(stderr);
	}
}
