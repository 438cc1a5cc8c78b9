/* decode.h: raw file bytes to clean UTF-8; the one sanitiser for output. */
#ifndef TREAD_DECODE_H
#define TREAD_DECODE_H

#include <stddef.h>
#include <stdint.h>
#include "util.h"

/* What decode_text found and did, for warnings and tests. */
#define DECODE_BOM	0x01	/* a UTF-8 BOM was dropped */
#define DECODE_INVALID	0x02	/* invalid UTF-8 replaced by U+FFFD */
#define DECODE_LEGACY	0x04	/* not UTF-8: converted (uchardet, iconv) */
#define DECODE_MOJIBAKE	0x08	/* double-encoded text repaired */
#define DECODE_CONTROL	0x10	/* control / escape / bidi chars removed */
#define DECODE_UTF16	0x20	/* UTF-16 with BOM, converted */
#define DECODE_C1	0x40	/* C1 chars read as Windows-1252 */

/*
 * Is this buffer not text (NUL bytes, archive/image magic, mostly
 * control bytes)? Looks at the first few KB only.
 */
int	 decode_is_binary(const char *buf, size_t len);

/*
 * Forces the encoding of every file decode_text reads later (iconv's
 * NAME; "auto" or NULL: detect again). Files with a UTF-8 BOM or a
 * UTF-16 one are still read by it. -1 with ERR if iconv knows no NAME.
 */
int	 decode_set_encoding(const char *name, char *err, size_t errlen);
/* The forced encoding, or NULL. */
const char *decode_encoding(void);

/*
 * Turns file bytes into clean UTF-8: BOM dropped, UTF-16 with a BOM
 * converted, a forced encoding (decode_set_encoding) converted by iconv;
 * else a file that is not UTF-8 (more invalid sequences than valid
 * multibyte ones) is converted from the encoding uchardet names, or, when
 * it is unsure, read as cp1252 when its high bytes are lone letters, as
 * cp1251 when its words are all letters 0xC0..0xFF; invalid sequences
 * otherwise to U+FFFD; mojibake repaired until stable (not in a legacy file),
 * C1 characters read as the Windows-1252 ones (U+0092 as ’; the five
 * undefined ones dropped), CRLF/CR and U+2028/U+2029 to LF, TAB to a
 * space, every other C0 control and DEL removed, escape sequences (CSI,
 * OSC, DCS, SOS, PM, APC; 8-bit DCS and OSC) removed whole, backspace overstrike undone,
 * bidi controls (U+061C, U+200E/F, U+202A..U+202E, U+2066..U+2069) and
 * invisible format characters (U+200B, U+2060..U+2064, U+FEFF,
 * U+FFF9..U+FFFB) removed; ZWNJ/ZWJ (U+200C/D) stay for Persian and
 * emoji. Returns a NUL-terminated malloc'd string; *outlen gets its
 * length, *flags (if not NULL) the DECODE_* bits.
 */
char	*decode_text(const char *buf, size_t len, size_t *outlen,
	    unsigned *flags);

/*
 * decode_text for the file PATH: without --encoding, a file ".tread.ini"
 * in its directory or the nearest one above it, with "encoding = NAME" in
 * its [decode] section, forces NAME for the files below it ("auto": detect).
 */
char	*decode_text_file(const char *path, const char *buf, size_t len,
	    size_t *outlen, unsigned *flags);

/* Repairs double-encoded UTF-8 in valid UTF-8 S (read as cp1252/Latin-1
 * or cp1251), only where it scores as mojibake, until stable; and cp1251
 * Cyrillic read as cp1252 ("Êàçàõñòàí"). Malloc'd result. */
char	*decode_fix_mojibake(const char *s, size_t len, size_t *outlen);

/*
 * The last guard before any terminal or pipe: appends S to OUT with every
 * byte that could act as a control making itself visible instead (C0/C1
 * as U+FFFD... invalid UTF-8 as U+FFFD, bidi/invisible format chars
 * removed). LF is kept only if KEEP_NL, else shown as a space.
 */
void	 decode_sanitize(struct buf *out, const char *s, size_t len,
	    int keep_nl);

/* Is U a character decode_sanitize never lets through as it is: a C0 or
 * C1 control, DEL, U+2028/U+2029, a bidi or invisible format char? For
 * output that can escape one instead (JSON's \uXXXX). */
int	 decode_uc_is_control(uint32_t u);

/* Would decode_sanitize (KEEP_NL 0) give S[0..LEN) back unchanged? For
 * text read back from a file another process could have written. */
int	 decode_is_clean(const char *s, size_t len);

#endif
