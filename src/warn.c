/* warn.c: warnings and errors, "tread: WHERE: message" on stderr, passed
 * through the output sanitiser. Its own module so that util.c (buffers,
 * allocation) does not depend on decode.c, which depends on util.c. */
#include <stdarg.h>
#include <stdio.h>

#include "decode.h"
#include "util.h"

int warn_quiet;

/* Writes the warning, sanitised, as one line (nothing under --quiet). */
void
vwarn_at(const char *where, const char *fmt, va_list ap)
{
	struct buf b, out;

	if (warn_quiet)
		return;
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
	fwrite(out.s, 1, out.len, stderr);
	fflush(stderr);
	buf_free(&b);
	buf_free(&out);
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
