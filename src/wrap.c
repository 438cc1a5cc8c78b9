/* wrap.c: STUB until the wrap module lands. */
#include <stdlib.h>
#include "wrap.h"
#include "util.h"
int wrap_width(const char *s, size_t len) { return (int)len; }
size_t wrap_fit(const char *s, size_t len, int cols, int *used) { size_t n = len < (size_t)cols ? len : (size_t)cols; if (used) *used = (int)n; return n; }
size_t wrap_text(const char *s, size_t len, int width, struct wrap_line **lines)
{ size_t n = 0, st = 0; *lines = NULL; for (size_t i = 0; i <= len; i++) if (i == len || s[i] == '\n') { *lines = xreallocarray(*lines, n + 1, sizeof **lines); (*lines)[n].off = st; (*lines)[n].len = i - st; (*lines)[n].cols = (int)(i - st); n++; st = i + 1; } return n; }
