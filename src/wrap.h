/* wrap.h: display width and line wrapping (libunistring, never bytes). */
#ifndef TREAD_WRAP_H
#define TREAD_WRAP_H

#include <stddef.h>

/* Display columns of UTF-8 S, as a terminal draws it, a grapheme cluster
 * at a time: CJK and emoji 2 (with U+FE0F too: "❤️"; a ZWJ sequence or a
 * skin tone counts once), combining marks 0, a soft hyphen 1, others 1. */
int	 wrap_width(const char *s, size_t len);

/* How many bytes of S fit in COLS columns without splitting a grapheme
 * cluster; *used (if not NULL) gets the columns they take. */
size_t	 wrap_fit(const char *s, size_t len, int cols, int *used);

/* One display line of wrapped text: a byte range of the source. */
struct wrap_line {
	size_t	off;
	size_t	len;	/* bytes, trailing spaces and the newline excluded */
	int	cols;
};

/*
 * Wraps S to WIDTH columns at libunistring line-break opportunities.
 * "\n" ends a line, an empty line is kept as an empty wrap_line; a word
 * longer than WIDTH is cut between grapheme clusters (never inside one:
 * not before a combining mark, a ZWJ, U+FE0F or a skin tone). WIDTH < 1 counts as 1. A final "\n" does not start
 * another line, so "" gives 0 lines and "a\n" one. Linear time. *LINES
 * is malloc'd (NULL when 0 lines); returns the number of lines.
 */
size_t	 wrap_text(const char *s, size_t len, int width,
	    struct wrap_line **lines);

#endif
