/* decode.c: STUB until the decode module lands. */
#include <stdio.h>
#include <string.h>
#include "decode.h"

int decode_is_binary(const char *buf, size_t len) { return memchr(buf, 0, len < 4096 ? len : 4096) != NULL; }
char *decode_text(const char *buf, size_t len, size_t *outlen, unsigned *flags)
{ struct buf b; buf_init(&b); decode_sanitize(&b, buf, len, 1); if (flags) *flags = 0; return buf_steal(&b, outlen); }
char *decode_fix_mojibake(const char *s, size_t len, size_t *outlen) { *outlen = len; return xstrndup(s, len); }
void decode_sanitize(struct buf *out, const char *s, size_t len, int keep_nl)
{ for (size_t i = 0; i < len; i++) { unsigned char c = s[i]; if (c == '\n' && keep_nl) buf_addc(out, '\n'); else if (c < 0x20 || c == 0x7f) buf_addc(out, ' '); else buf_addc(out, c); } }
void decode_fputs(const char *s, FILE *fp) { struct buf b; buf_init(&b); decode_sanitize(&b, s, strlen(s), 1); fwrite(b.s ? b.s : "", 1, b.len, fp); buf_free(&b); }
