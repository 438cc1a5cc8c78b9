/* decode.c: raw file bytes to clean UTF-8 (BOM, UTF-16, legacy encodings,
 * C1, control removal; mojibake repair in mojibake.c) and the last-guard
 * output sanitiser. */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uchardet.h>
#include <unictype.h>
#include <unistr.h>

#include "decode.h"
#include "dirconf.h"
#include "hanzi.h"
#include "mojibake.h"

#define BINARY_PEEK	8192
#define DETECT_PEEK	(256 * 1024)	/* bytes uchardet looks at */
#define DETECT_MIN	8		/* high bytes it needs to be asked */
#define NONE		((size_t)-1)
/* Not a DECODE_* bit: set while decoding when a legacy file was read
 * with a Latin-1 code page, byte for byte; never given to callers. */
#define LATIN_READ	0x8000u

/* Global: --encoding NAME (NULL: detect); set once before any loading. */
static char *forced_encoding;

/* Windows-1252 0x80..0x9F; 0 where undefined (then read as Latin-1). */
static const uint16_t cp1252_hi[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};

/* Windows-1251 0x80..0xBF (0xC0..0xFF is U+0410..U+044F in order). */
static const uint16_t cp1251_hi[64] = {
	0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021,
	0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
	0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
	0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7,
	0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
	0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7,
	0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457
};

/* The character a single cp1252 byte stands for. */
static ucs4_t
cp1252_uc(uint8_t c)
{
	if (c >= 0x80 && c < 0xA0 && cp1252_hi[c - 0x80] != 0)
		return cp1252_hi[c - 0x80];
	return c;
}

/* The character a single cp1251 byte stands for (0x98 as U+0098). */
static ucs4_t
cp1251_uc(uint8_t c)
{
	if (c >= 0xC0)
		return 0x410 + (ucs4_t)(c - 0xC0);
	if (c >= 0x80 && cp1251_hi[c - 0x80] != 0)
		return cp1251_hi[c - 0x80];
	return c;
}

/* Is the char of L bytes at B a genuine U+FFFD, not u8_mbtouc's report
 * of an invalid sequence? */
static int
real_fffd(const uint8_t *b, int l)
{
	return l == 3 && memcmp(b, "\xef\xbf\xbd", 3) == 0;
}

/* --- binary detection */

/* Does BUF start with (or hold at OFF) one of the known non-text magics? */
static int
has_magic(const uint8_t *b, size_t n)
{
	static const struct { const char *m; size_t len; } magic[] = {
		{ "%PDF-", 5 }, { "PK\3\4", 4 }, { "PK\5\6", 4 },
		{ "PK\7\10", 4 }, { "\x1f\x8b", 2 }, { "\x89PNG\r\n\x1a\n", 8 },
		{ "\xff\xd8\xff", 3 }, { "GIF87a", 6 }, { "GIF89a", 6 },
		{ "\x7f" "ELF", 4 }, { "7z\xbc\xaf\x27\x1c", 6 },
		{ "\xfd" "7zXZ\0", 6 },
	};

	for (size_t i = 0; i < sizeof magic / sizeof magic[0]; i++)
		if (n >= magic[i].len && memcmp(b, magic[i].m, magic[i].len) == 0)
			return 1;
	/* bzip2: "BZh", a block size digit, then the block magic. */
	if (n >= 10 && memcmp(b, "BZh", 3) == 0 && b[3] >= '1' && b[3] <= '9'
	    && memcmp(b + 4, "1AY&SY", 6) == 0)
		return 1;
	return n >= 262 && memcmp(b + 257, "ustar", 5) == 0;
}

/* Is B a control byte other than TAB, LF, CR and FF? */
static int
is_control(uint8_t b)
{
	return (b < 0x20 && b != '\t' && b != '\n' && b != '\r' &&
	    b != '\f') || b == 0x7F;
}

/* How many of the N (at most 8) bytes at B are controls: a whole word is
 * tested first (has it a byte below 0x20 or equal to 0x7F?), as text
 * mostly has none. */
static size_t
controls8(const uint8_t *b, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
	uint64_t w, d;
	size_t k, ctl = 0;

	if (n == 8) {
		memcpy(&w, b, 8);
		d = w ^ (ones * 0x7F);
		/* a byte below 0x20, or one equal to 0x7F (d has a zero) */
		if (((((w - ones * 0x20) & ~w) | ((d - ones) & ~d)) & high) == 0)
			return 0;
	}
	for (k = 0; k < n; k++)
		ctl += (size_t)is_control(b[k]);
	return ctl;
}

int
decode_is_binary(const char *buf, size_t len)
{
	const uint8_t *b = (const uint8_t *)buf;
	size_t n = len < BINARY_PEEK ? len : BINARY_PEEK, ctl = 0;
	int utf16 = len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) ||
	    (b[0] == 0xFE && b[1] == 0xFF));

	if (has_magic(b, len))
		return 1;
	if (utf16)
		return 0;	/* half its bytes are NUL by nature */
	if (memchr(b, 0, n) != NULL)
		return 1;
	for (size_t i = 0; i < n; i += 8)
		ctl += controls8(b + i, n - i < 8 ? n - i : 8);
	return n > 0 && ctl * 10 > n * 3;
}

/* --- stage 1: bytes to valid UTF-8 */

/* UTF-16 (after its BOM) to UTF-8; lone surrogates become U+FFFD. */
static void
from_utf16(struct buf *out, const uint8_t *b, size_t n, int be,
    unsigned *fl)
{
	size_t i;
	ucs4_t u, lo;

	buf_reserve(out, n + n / 2);
	for (i = 0; i + 1 < n; i += 2) {
		u = be ? (ucs4_t)(b[i] << 8 | b[i + 1]) :
		    (ucs4_t)(b[i + 1] << 8 | b[i]);
		if (u >= 0xD800 && u < 0xDC00 && i + 3 < n) {
			lo = be ? (ucs4_t)(b[i + 2] << 8 | b[i + 3]) :
			    (ucs4_t)(b[i + 3] << 8 | b[i + 2]);
			if (lo >= 0xDC00 && lo < 0xE000) {
				u = 0x10000 + ((u - 0xD800) << 10) +
				    (lo - 0xDC00);
				i += 2;
			}
		}
		if (u >= 0xD800 && u < 0xE000) {
			u = 0xFFFD;
			*fl |= DECODE_INVALID;
		}
		buf_add_uc(out, u);
	}
	if (i < n) {		/* an odd byte left over */
		buf_add_uc(out, 0xFFFD);
		*fl |= DECODE_INVALID;
	}
}

/* The whole buffer read as Windows-1252 or (CYR) Windows-1251. */
static void
from_legacy(struct buf *out, const uint8_t *b, size_t n, int cyr)
{
	size_t i = 0, j;

	buf_reserve(out, n + n / 2);
	while (i < n) {
		for (j = i; j < n && b[j] < 0x80; j++)
			;
		buf_add(out, (const char *)b + i, j - i);
		if (j < n) {
			buf_add_uc(out, cyr ? cp1251_uc(b[j]) : cp1252_uc(b[j]));
			j++;
		}
		i = j;
	}
}

/* UTF-8 with each invalid sequence replaced by U+FFFD. */
static void
from_utf8(struct buf *out, const uint8_t *b, size_t n)
{
	size_t i = 0, j;
	ucs4_t u;
	int l;

	buf_reserve(out, n + 16);
	while (i < n) {
		for (j = i; j < n && b[j] < 0x80; j++)
			;
		buf_add(out, (const char *)b + i, j - i);
		if ((i = j) == n)
			break;
		l = u8_mbtouc(&u, b + i, n - i);
		if (u == 0xFFFD && !real_fffd(b + i, l))
			buf_add_uc(out, 0xFFFD);
		else
			buf_add(out, (const char *)b + i, (size_t)l);
		i += (size_t)l;
	}
}

/* Length of the well-formed UTF-8 sequence at S (lead byte >= 0x80),
 * or 0: no overlong forms, surrogates or code points past U+10FFFF. */
static size_t
utf8_seq(const uint8_t *s, size_t n)
{
	uint8_t c = s[0];

	if (c >= 0xC2 && c <= 0xDF)
		return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF)
		return n >= 3 && (s[1] & 0xC0) == 0x80 &&
		    (s[2] & 0xC0) == 0x80 && (c != 0xE0 || s[1] >= 0xA0) &&
		    (c != 0xED || s[1] < 0xA0) ? 3 : 0;
	if (c >= 0xF0 && c <= 0xF4)
		return n >= 4 && (s[1] & 0xC0) == 0x80 &&
		    (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80 &&
		    (c != 0xF0 || s[1] >= 0x90) && (c != 0xF4 || s[1] < 0x90) ?
		    4 : 0;
	return 0;
}

/* Is S valid UTF-8? As u8_check, but ASCII goes eight bytes at a time:
 * most of a news article is ASCII, and this runs on every file. */
static int
utf8_valid(const uint8_t *s, size_t n)
{
	size_t i = 0, l;
	uint64_t w;

	while (i < n) {
		if (n - i >= 8) {
			memcpy(&w, s + i, 8);
			if ((w & 0x8080808080808080ULL) == 0) {
				i += 8;
				continue;
			}
		}
		if (s[i] < 0x80)
			i++;
		else if ((l = utf8_seq(s + i, n - i)) == 0)
			return 0;
		else
			i += l;
	}
	return 1;
}

/* --- legacy encodings: uchardet names them, iconv converts */

/* Is NAME one that decode_text reads without iconv (UTF-8, "auto")? */
static int
is_utf8_name(const char *name)
{
	return strcasecmp(name, "UTF-8") == 0 || strcasecmp(name, "UTF8") == 0;
}

int
decode_set_encoding(const char *name, char *err, size_t errlen)
{
	iconv_t cd;

	free(forced_encoding);
	forced_encoding = NULL;
	if (name == NULL || strcasecmp(name, "auto") == 0)
		return 0;
	if (!is_utf8_name(name)) {
		if ((cd = iconv_open("UTF-8", name)) == (iconv_t)-1) {
			snprintf(err, errlen, "unknown encoding: %s", name);
			return -1;
		}
		iconv_close(cd);
	}
	forced_encoding = xstrdup(name);
	return 0;
}

const char *
decode_encoding(void)
{
	return forced_encoding;
}

/* The encoding uchardet names for B, or NULL when it is unsure or says
 * ASCII/UTF-8 (then the built-in guesses decide). Malloc'd. */
static char *
detect_charset(const uint8_t *b, size_t n)
{
	uchardet_t ud = uchardet_new();
	const char *cs;
	char *name = NULL;

	if (ud == NULL)
		return NULL;
	if (uchardet_handle_data(ud, (const char *)b,
	    n < DETECT_PEEK ? n : DETECT_PEEK) == 0) {
		uchardet_data_end(ud);
		cs = uchardet_get_charset(ud);
		if (cs != NULL && *cs != '\0' && strcasecmp(cs, "ASCII") != 0 &&
		    !is_utf8_name(cs))
			name = xstrdup(cs);
	}
	uchardet_delete(ud);
	return name;
}

/*
 * B converted from ENC to UTF-8 by iconv into OUT; a byte ENC has no
 * character for becomes U+FFFD and the conversion goes on after it.
 * Returns -1 (OUT untouched) if iconv knows no ENC.
 */
static int
from_iconv(struct buf *out, const uint8_t *b, size_t n, const char *enc,
    unsigned *fl)
{
	iconv_t cd = iconv_open("UTF-8", enc);
	char *in = (char *)b, *o;
	size_t left = n, room, r;

	if (cd == (iconv_t)-1)
		return -1;
	while (left > 0) {
		buf_reserve(out, left * 4 + 16);
		o = out->s + out->len;
		room = out->cap - out->len - 1;
		r = iconv(cd, &in, &left, &o, &room);
		out->len = (size_t)(o - out->s);
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		buf_add_uc(out, 0xFFFD);	/* EILSEQ, or EINVAL at the end */
		*fl |= DECODE_INVALID;
		in++, left--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
	buf_add(out, "", 0);
	return 0;
}

/* What stage 1 makes of bytes that are not valid UTF-8. */
enum legacy { NOT_LEGACY, LEGACY_1252, LEGACY_1251, LEGACY_OTHER };

/*
 * Is this invalid UTF-8 really a legacy 8-bit file, and which? In Latin-1
 * or cp1252 text the high bytes are lone letters between ASCII ("f\xfcr");
 * in cp1251 Russian whole words are letters 0xC0..0xFF; either way valid
 * multibyte sequences are rare. Broken UTF-8 instead shows stray
 * continuation bytes, overlong or truncated sequences among valid ones.
 * LEGACY_OTHER: not UTF-8, but neither pattern (KOI8-R, GB18030...).
 */
static enum legacy
looks_legacy(const uint8_t *b, size_t n)
{
	size_t i = 0, valid = 0, invalid = 0, lone = 0, hi = 0, word = 0;
	ucs4_t u;
	int l;

	for (i = 0; i < n; i++)
		if (b[i] >= 0x80) {
			hi++;
			word += b[i] >= 0xC0 && ((i > 0 && b[i - 1] >= 0xC0) ||
			    (i + 1 < n && b[i + 1] >= 0xC0));
		}
	for (i = 0; i < n; i += (size_t)l) {
		if (b[i] < 0x80) {
			l = 1;
			continue;
		}
		l = u8_mbtouc(&u, b + i, n - i);
		if (u != 0xFFFD || real_fffd(b + i, l))
			valid++;
		else {
			invalid++;
			lone += l == 1 && (i + 1 == n || b[i + 1] < 0x80);
		}
	}
	if (invalid <= valid)
		return NOT_LEGACY;
	if (word >= 6 && word * 3 > hi * 2)
		return LEGACY_1251;
	return lone * 2 >= invalid ? LEGACY_1252 : LEGACY_OTHER;
}

/* --- stage 3: controls, escape sequences, invisible characters */

/* Bidi controls and invisible format characters that never belong in
 * displayed text (ZWNJ and ZWJ stay: Persian and emoji need them). */
static int
is_invisible(ucs4_t u)
{
	if (u < 0x61C)
		return 0;
	return u == 0x61C || u == 0x200B || u == 0x200E || u == 0x200F ||
	    (u >= 0x202A && u <= 0x202E) || (u >= 0x2060 && u <= 0x2064) ||
	    (u >= 0x2066 && u <= 0x206F) || u == 0xFEFF ||
	    (u >= 0xFFF9 && u <= 0xFFFB);
}

/* Where a CSI whose parameters start at I ends, or NONE if malformed. */
static size_t
csi_end(const uint8_t *s, size_t n, size_t i)
{
	while (i < n && s[i] >= 0x20 && s[i] <= 0x3F)
		i++;
	return i < n && s[i] >= 0x40 && s[i] <= 0x7E ? i + 1 : NONE;
}

/*
 * Where a string sequence (OSC, DCS...) whose body starts at I ends: after
 * ESC \, U+009C or (OSC only) BEL. NONE if unterminated; *NOEND remembers
 * the first offset with no terminator after it, so that many unterminated
 * introducers cost linear time, not quadratic.
 */
static size_t
str_end(const uint8_t *s, size_t n, size_t i, int bel, size_t *noend)
{
	size_t from = i;

	for (; i < n && i < *noend; i++) {
		if (bel && s[i] == 0x07)
			return i + 1;
		if (s[i] == 0x1B && i + 1 < n && s[i + 1] == '\\')
			return i + 2;
		if (s[i] == 0xC2 && i + 1 < n && s[i + 1] == 0x9C)
			return i + 2;
	}
	if (from < *noend)
		*noend = from;
	return NONE;
}

/* Scanner state of the cleaning pass. */
struct clean {
	const uint8_t	*s;
	size_t		 n;
	size_t		 noend[2];	/* str_end memo: ST only, ST or BEL */
	unsigned	 flags;
};

/* Length of the escape sequence at I (ESC or an 8-bit C1 introducer
 * U+0080..U+009F of L bytes); just the introducer if it is malformed. */
static size_t
esc_skip(struct clean *c, size_t i, ucs4_t intro, size_t l)
{
	const uint8_t *s = c->s;
	size_t n = c->n, e = NONE, j;

	if (intro == 0x1B && i + 1 < n) {
		l = 2;
		switch (s[i + 1]) {
		case '[': intro = 0x9B; break;
		case ']': intro = 0x9D; break;
		case 'P': intro = 0x90; break;
		case 'X': intro = 0x98; break;
		case '^': intro = 0x9E; break;
		case '_': intro = 0x9F; break;
		default:
			for (j = i + 1; j < n && s[j] >= 0x20 && s[j] <= 0x2F;
			    j++)
				;
			return j < n && s[j] >= 0x30 && s[j] <= 0x7E ?
			    j + 1 - i : 1;
		}
	}
	if (intro == 0x9B)
		e = csi_end(s, n, i + l);
	else if (intro == 0x9D)
		e = str_end(s, n, i + l, 1, &c->noend[1]);
	else if (intro == 0x90 || intro == 0x98 || intro == 0x9E ||
	    intro == 0x9F)
		e = str_end(s, n, i + l, 0, &c->noend[0]);
	return e == NONE ? l : e - i;
}

/* Backspace overstrike ("a\bb", "_\bx"): the char before goes too. */
static void
unput_char(struct buf *out)
{
	size_t k = out->len;

	if (k == 0 || out->s[k - 1] == '\n')
		return;
	while (k > 0 && ((uint8_t)out->s[k - 1] & 0xC0) == 0x80)
		k--;
	if (k > 0)
		k--;
	out->len = k;
	out->s[k] = '\0';
}

/* Handles the ASCII control (or DEL) at I; returns the bytes consumed. */
static size_t
clean_c0(struct clean *c, struct buf *out, size_t i)
{
	uint8_t b = c->s[i];

	switch (b) {
	case '\r':
		buf_addc(out, '\n');
		return i + 1 < c->n && c->s[i + 1] == '\n' ? 2 : 1;
	case '\t':
		buf_addc(out, ' ');
		return 1;
	case '\b':
		unput_char(out);
		break;
	case 0x1B:
		c->flags |= DECODE_CONTROL;
		return esc_skip(c, i, 0x1B, 1);
	}
	c->flags |= DECODE_CONTROL;
	return 1;
}

/*
 * A C1 character U (L bytes at I) in UTF-8 text is nearly always a
 * Windows-1252 byte that was read as Latin-1 ("d\u0092accueil"): it
 * becomes the cp1252 character, as browsers and ftfy read it. Of the five
 * bytes cp1252 leaves undefined, DCS (U+0090) and OSC (U+009D) still take
 * their sequence with them; the other three are dropped.
 */
static size_t
clean_c1(struct clean *c, struct buf *out, size_t i, ucs4_t u, size_t l)
{
	if (cp1252_hi[u - 0x80] != 0) {
		buf_add_uc(out, cp1252_hi[u - 0x80]);
		c->flags |= DECODE_C1;
		return l;
	}
	c->flags |= DECODE_CONTROL;
	return u == 0x90 || u == 0x9D ? esc_skip(c, i, u, l) : l;
}

/* Handles the non-ASCII char at I; returns the bytes consumed. */
static size_t
clean_uc(struct clean *c, struct buf *out, size_t i)
{
	ucs4_t u;
	size_t l = (size_t)u8_mbtouc(&u, c->s + i, c->n - i);

	if (u >= 0x80 && u < 0xA0)
		return clean_c1(c, out, i, u, l);
	if (u == 0x2028 || u == 0x2029)
		buf_addc(out, '\n');
	else if (is_invisible(u))
		c->flags |= DECODE_CONTROL;
	else if (u == 0xFFFD && !real_fffd(c->s + i, (int)l)) {
		buf_add_uc(out, 0xFFFD);	/* only if the caller skipped stage 1 */
		c->flags |= DECODE_INVALID;
	} else
		buf_add(out, (const char *)c->s + i, l);
	return l;
}

/*
 * Length of the char at S if the cleaning pass copies it as it is: a
 * printable ASCII char, or a well-formed 2-byte char from U+00C0 (Latin,
 * Greek, Cyrillic; lead D8 holds U+061C) or 3-byte one from U+3000 to
 * U+CFFF (CJK, Hangul), none of which clean_uc touches; else 0. Copying
 * runs of these at once, not char by char, is most of the pass.
 */
static size_t
plain_len(const uint8_t *s, size_t n)
{
	if (s[0] >= 0x20 && s[0] < 0x7F)
		return 1;
	if (s[0] >= 0xC3 && s[0] <= 0xDF && s[0] != 0xD8 && n >= 2 &&
	    (s[1] & 0xC0) == 0x80)
		return 2;
	if (s[0] >= 0xE3 && s[0] <= 0xEC && n >= 3 && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80)
		return 3;
	return 0;
}

/* The cleaning pass of decode_text: appends S, cleaned, to OUT. */
static unsigned
clean_text(struct buf *out, const uint8_t *s, size_t n)
{
	struct clean c = { s, n, { NONE, NONE }, 0 };
	size_t i = 0, j, k;

	buf_reserve(out, n);
	while (i < n) {
		for (j = i; j < n && (k = plain_len(s + j, n - j)) != 0; j += k)
			;
		buf_add(out, (const char *)s + i, j - i);
		if ((i = j) == n)
			break;
		if (s[i] == '\n') {
			buf_addc(out, '\n');
			i++;
		} else if (s[i] < 0x80)
			i += clean_c0(&c, out, i);
		else
			i += clean_uc(&c, out, i);
	}
	return c.flags;
}

/* Is NAME a Latin-1 code page (ISO-8859-1, -15, Windows-1252)? */
static int
is_latin1_name(const char *name)
{
	static const char *const names[] = { "ISO-8859-1", "ISO-8859-15",
	    "WINDOWS-1252", "CP1252", "LATIN1", "ISO8859-1", "ISO_8859-1" };

	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
		if (strcasecmp(name, names[k]) == 0)
			return 1;
	return 0;
}

/* The other of GB18030 and Big5 for the Chinese encoding CS, or NULL. */
static const char *
chinese_rival(const char *cs)
{
	if (strncasecmp(cs, "GB", 2) == 0)
		return "BIG5";
	if (strncasecmp(cs, "BIG5", 4) == 0 || strcasecmp(cs, "EUC-TW") == 0)
		return "GB18030";
	return NULL;
}

/*
 * B converted from CS, the encoding uchardet named, into U8 (-1: iconv
 * knows no CS). GB18030 and Big5 read each other's bytes with hardly an
 * error, and uchardet now and then names the wrong one: then both are
 * decoded, and the rival wins if it has clearly more of the commonest
 * Han characters.
 */
static int
from_detected(struct buf *u8, const uint8_t *b, size_t n, const char *cs,
    unsigned *fl)
{
	const char *rival = chinese_rival(cs);
	struct buf alt;
	unsigned f1 = 0, f2 = 0;

	if (from_iconv(u8, b, n, cs, &f1) != 0)
		return -1;
	if (rival != NULL) {
		buf_init(&alt);
		if (from_iconv(&alt, b, n, rival, &f2) == 0 &&
		    hanzi_clearly_better(alt.s, alt.len, u8->s, u8->len)) {
			buf_free(u8);
			*u8 = alt;
			f1 = f2;
		} else
			buf_free(&alt);
	}
	*fl |= f1;
	return 0;
}

/* Converts B from the encoding uchardet names, if it names one iconv
 * knows; returns whether it did. Below DETECT_MIN high bytes it is asked
 * nothing: on so little it guesses, and the built-in rules do better. */
static int
detected(struct buf *u8, const uint8_t *b, size_t n, unsigned *fl)
{
	size_t hi = 0;
	char *cs;
	int ok;

	for (size_t i = 0; i < n && hi < DETECT_MIN; i++)
		hi += b[i] >= 0x80;
	if (hi < DETECT_MIN)
		return 0;
	cs = detect_charset(b, n);
	ok = cs != NULL && from_detected(u8, b, n, cs, fl) == 0;
	if (ok && is_latin1_name(cs))
		*fl |= LATIN_READ;

	free(cs);
	return ok;
}

/* Stage 1: BUF as valid UTF-8 in *S, *N (pointing into BUF or, when it
 * had to be converted, into U8); ENC: the encoding to read (NULL: detect). */
static void
to_utf8(const char *buf, size_t len, const char *enc, struct buf *u8,
    const char **s, size_t *n, unsigned *fl)
{
	const uint8_t *b = (const uint8_t *)buf;
	enum legacy lg;

	*s = buf, *n = len;
	if (len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) ||
	    (b[0] == 0xFE && b[1] == 0xFF))) {
		from_utf16(u8, b + 2, len - 2, b[0] == 0xFE, fl);
		*fl |= DECODE_UTF16;
		buf_add(u8, "", 0);
		*s = u8->s, *n = u8->len;
		return;
	}
	if (len >= 3 && memcmp(b, "\xef\xbb\xbf", 3) == 0) {
		*fl |= DECODE_BOM;
		*s += 3, *n -= 3;
	}
	if (enc != NULL && !is_utf8_name(enc) && !(*fl & DECODE_BOM) &&
	    from_iconv(u8, (const uint8_t *)*s, *n, enc, fl) == 0) {
		*fl |= DECODE_LEGACY | (is_latin1_name(enc) ? LATIN_READ : 0);
		*s = u8->s, *n = u8->len;
		return;
	}
	if (utf8_valid((const uint8_t *)*s, *n))
		return;
	lg = looks_legacy((const uint8_t *)*s, *n);
	if (enc == NULL && lg != NOT_LEGACY &&
	    detected(u8, (const uint8_t *)*s, *n, fl)) {
		*fl |= DECODE_LEGACY;
		*s = u8->s, *n = u8->len;
		return;
	}
	if (lg == LEGACY_1252 || lg == LEGACY_1251) {
		from_legacy(u8, (const uint8_t *)*s, *n, lg == LEGACY_1251);
		*fl |= DECODE_LEGACY | (lg == LEGACY_1252 ? LATIN_READ : 0);
	} else {
		from_utf8(u8, (const uint8_t *)*s, *n);
		*fl |= DECODE_INVALID;
	}
	*s = u8->s, *n = u8->len;
}

/*
 * Stages 2 and 3 into OUT. Removing controls can join the halves of a
 * mojibake pair ("Ã\x1b[mƒ"), and a repair can yield a bidi control, so
 * both run again while they still find something (a few rounds at most).
 * A legacy file is repaired only when it was read with a Latin-1 code
 * page: UTF-8 pasted into it then reads "MÃ¤rz", as in UTF-8 text; other
 * pages have no such mixtures to show.
 */
static void
fix_and_clean(struct buf *out, const char *s, size_t n, int repair,
    unsigned *fl)
{
	struct buf prev;
	size_t fixlen;
	unsigned cf;
	char *fixed;

	buf_init(&prev);
	for (int round = 0; round < 3; round++) {
		fixed = NULL;
		if (repair && mojibake_possible(s, n)) {
			fixed = decode_fix_mojibake(s, n, &fixlen);
			if (fixlen != n || memcmp(fixed, s, n) != 0)
				*fl |= DECODE_MOJIBAKE;
			s = fixed, n = fixlen;
		}
		out->len = 0;
		buf_add(out, "", 0);
		cf = clean_text(out, (const uint8_t *)s, n);
		*fl |= cf;
		free(fixed);
		if (!repair || !(cf & DECODE_CONTROL) || !mojibake_possible(
		    out->s, out->len))
			break;
		buf_free(&prev);	/* go again on this round's output */
		prev = *out;
		buf_init(out);
		s = prev.s, n = prev.len;
	}
	buf_free(&prev);
}

/* decode_text with the encoding ENC (NULL: detect). */
static char *
decode_as(const char *buf, size_t len, const char *enc, size_t *outlen,
    unsigned *flags)
{
	struct buf u8, out;
	const char *s;
	size_t n;
	unsigned fl = 0;

	buf_init(&u8);
	buf_init(&out);
	buf_add(&out, "", 0);	/* a NUL-terminated "" even for no input */
	to_utf8(buf, len, enc, &u8, &s, &n, &fl);
	fix_and_clean(&out, s, n, !(fl & DECODE_LEGACY) || (fl & LATIN_READ),
	    &fl);
	fl &= ~LATIN_READ;
	buf_free(&u8);
	if (flags != NULL)
		*flags = fl;
	return buf_steal(&out, outlen);
}

char *
decode_text(const char *buf, size_t len, size_t *outlen, unsigned *flags)
{
	return decode_as(buf, len, forced_encoding, outlen, flags);
}

char *
decode_text_file(const char *path, const char *buf, size_t len,
    size_t *outlen, unsigned *flags)
{
	const char *enc = forced_encoding;

	if (enc == NULL && path != NULL)
		enc = dirconf_encoding(path);
	return decode_as(buf, len, enc, outlen, flags);
}

/* --- the output guard */

void
decode_sanitize(struct buf *out, const char *s, size_t len, int keep_nl)
{
	const uint8_t *b = (const uint8_t *)s;
	size_t i = 0, j;
	ucs4_t u;
	int l;

	buf_reserve(out, len);
	buf_add(out, "", 0);	/* terminated even when LEN is 0 */
	while (i < len) {
		for (j = i; j < len && b[j] >= 0x20 && b[j] < 0x7F; j++)
			;
		buf_add(out, s + i, j - i);
		if ((i = j) == len)
			break;
		if (b[i] < 0x80) {	/* C0 or DEL: visible, inert */
			if (b[i] == '\n')
				buf_addc(out, keep_nl ? '\n' : ' ');
			else if (b[i] == '\t')
				buf_addc(out, ' ');
			else
				buf_add_uc(out, 0xFFFD);
			i++;
			continue;
		}
		l = u8_mbtouc(&u, b + i, len - i);
		if (u == 0x2028 || u == 0x2029)
			buf_addc(out, keep_nl ? '\n' : ' ');
		else if ((u >= 0x80 && u < 0xA0) || u == 0xFFFD)
			buf_add_uc(out, 0xFFFD);
		else if (!is_invisible(u))
			buf_add(out, s + i, (size_t)l);
		i += (size_t)l;
	}
}

int
decode_uc_is_control(uint32_t u)
{
	return u < 0x20 || (u >= 0x7F && u < 0xA0) || u == 0x2028 ||
	    u == 0x2029 || is_invisible(u);
}

int
decode_is_clean(const char *s, size_t len)
{
	const uint8_t *b = (const uint8_t *)s;
	size_t i = 0;
	ucs4_t u;
	int l;

	while (i < len) {	/* decode_sanitize's cases, nothing written */
		if (b[i] >= 0x20 && b[i] < 0x7F) {
			i++;
			continue;
		}
		if (b[i] < 0x80)
			return 0;
		l = utf8_get(&u, b + i, len - i);
		if (u == 0x2028 || u == 0x2029 || (u >= 0x80 && u < 0xA0) ||
		    (u == 0xFFFD && l != 3) || is_invisible(u))
			return 0;
		i += (size_t)l;
	}
	return 1;
}

