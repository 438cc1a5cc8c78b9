/* fuzz_decode.c: libFuzzer harness for decode's paths: stage 1 (UTF-16,
 * uchardet + iconv, a forced encoding, the cp1252/cp1251 guesses), the
 * mojibake passes, C1 mapping and cleaning, and the width/wrap code that
 * draws the result. Aborts when a promise of decode.h or wrap.h breaks. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "decode.h"
#include "util.h"
#include "wrap.h"

/* Clean text: valid UTF-8, no control char but LF, no C1, no DEL. */
static void
check_clean(const char *s, size_t len)
{
	const uint8_t *b = (const uint8_t *)s;
	size_t i = 0;
	ucs4_t u;
	int l;

	if (u8_check(b, len) != NULL)
		abort();
	while (i < len) {
		l = u8_mbtouc(&u, b + i, len - i);
		if ((u < 0x20 && u != '\n') || (u >= 0x7F && u < 0xA0))
			abort();
		i += (size_t)l;
	}
}

/* Wrapped lines stay inside S, in order, with the widths they claim. */
static void
check_wrap(const char *s, size_t len, int width)
{
	struct wrap_line *v;
	size_t n = wrap_text(s, len, width, &v), pos = 0;

	for (size_t i = 0; i < n; i++) {
		if (v[i].off < pos || v[i].off + v[i].len > len ||
		    v[i].cols != wrap_width(s + v[i].off, v[i].len) ||
		    u8_check((const uint8_t *)s + v[i].off, v[i].len) != NULL)
			abort();
		pos = v[i].off + v[i].len;
	}
	free(v);
	if (wrap_fit(s, len, width, NULL) > len)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const enc[4] = { NULL, "KOI8-R", "GB18030",
	    "CP866" };
	char err[128], *text, *fixed;
	size_t len, flen;
	unsigned flags;

	if (size == 0)
		return 0;
	/* the first byte picks a forced encoding, one in four inputs */
	decode_set_encoding(data[0] % 16 < 4 ? enc[data[0] % 4] : NULL, err,
	    sizeof err);
	text = decode_text((const char *)data + 1, size - 1, &len, &flags);
	if (strlen(text) != len)
		abort();
	check_clean(text, len);
	fixed = decode_fix_mojibake(text, len, &flen);
	if (u8_check((const uint8_t *)fixed, flen) != NULL || flen > 4 * len + 16)
		abort();
	check_wrap(text, len, 1 + data[0] % 40);
	free(fixed);
	free(text);
	return 0;
}
