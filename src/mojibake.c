/* mojibake.c: repair of UTF-8 that was decoded with a single-byte code page
 * (Windows-1252/1251/1250, Mac Roman, CP437) once or more, run by run. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "decode.h"
#include "mojibake.h"

/*
 * How it works. Mojibake is UTF-8 whose bytes were each read as one
 * character of a code page ("é" = C3 A9 read as cp1252 is "Ã©"). A run is
 * a stretch of non-ASCII characters that the page maps back to bytes;
 * where those bytes hold well-formed UTF-8 sequences the run may be
 * mojibake. Whether it is depends on what the sequences decode to (a
 * Latin-1 letter, typographic punctuation, an emoji, Cyrillic: telling; a
 * Greek or Hebrew letter: believable next to more) and on the rest of the
 * text (one telling run makes the page's weaker runs believable, which
 * repairs "2024å¹´7æœˆ3æ—¥"). Bytes that a sloppy decoder lost come back
 * as U+FFFD ("â€\ufffd") or, when a space stands for byte A0, as that
 * ("voilÃ le"). One pass per page, pages in turn, until nothing changes
 * (double encodings take two rounds). Every pass is linear in the text.
 */

enum { P1252, P1251, P1250, PMAC, P437, NPAGE };

/* Bytes 0x80..0xFF of each page (0: undefined). */
static const uint16_t page_hi[NPAGE][128] = {
	{ /* Windows-1252 */
	0x20AC, 0x0000, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x0000, 0x017D, 0x0000,
	0x0000, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x0000, 0x017E, 0x0178,
	0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
	0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
	0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
	0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,
	0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
	0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF,
	0x00D0, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7,
	0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF,
	0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7,
	0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF,
	0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7,
	0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF,
	}, { /* Windows-1251 */
	0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021,
	0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
	0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x0000, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
	0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7,
	0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
	0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7,
	0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
	0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417,
	0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F,
	0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427,
	0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F,
	0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437,
	0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F,
	0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447,
	0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,
	}, { /* Windows-1250 */
	0x20AC, 0x0000, 0x201A, 0x0000, 0x201E, 0x2026, 0x2020, 0x2021,
	0x0000, 0x2030, 0x0160, 0x2039, 0x015A, 0x0164, 0x017D, 0x0179,
	0x0000, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x0000, 0x2122, 0x0161, 0x203A, 0x015B, 0x0165, 0x017E, 0x017A,
	0x00A0, 0x02C7, 0x02D8, 0x0141, 0x00A4, 0x0104, 0x00A6, 0x00A7,
	0x00A8, 0x00A9, 0x015E, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x017B,
	0x00B0, 0x00B1, 0x02DB, 0x0142, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
	0x00B8, 0x0105, 0x015F, 0x00BB, 0x013D, 0x02DD, 0x013E, 0x017C,
	0x0154, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x0139, 0x0106, 0x00C7,
	0x010C, 0x00C9, 0x0118, 0x00CB, 0x011A, 0x00CD, 0x00CE, 0x010E,
	0x0110, 0x0143, 0x0147, 0x00D3, 0x00D4, 0x0150, 0x00D6, 0x00D7,
	0x0158, 0x016E, 0x00DA, 0x0170, 0x00DC, 0x00DD, 0x0162, 0x00DF,
	0x0155, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x013A, 0x0107, 0x00E7,
	0x010D, 0x00E9, 0x0119, 0x00EB, 0x011B, 0x00ED, 0x00EE, 0x010F,
	0x0111, 0x0144, 0x0148, 0x00F3, 0x00F4, 0x0151, 0x00F6, 0x00F7,
	0x0159, 0x016F, 0x00FA, 0x0171, 0x00FC, 0x00FD, 0x0163, 0x02D9,
	}, { /* Mac Roman */
	0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1,
	0x00E0, 0x00E2, 0x00E4, 0x00E3, 0x00E5, 0x00E7, 0x00E9, 0x00E8,
	0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF, 0x00F1, 0x00F3,
	0x00F2, 0x00F4, 0x00F6, 0x00F5, 0x00FA, 0x00F9, 0x00FB, 0x00FC,
	0x2020, 0x00B0, 0x00A2, 0x00A3, 0x00A7, 0x2022, 0x00B6, 0x00DF,
	0x00AE, 0x00A9, 0x2122, 0x00B4, 0x00A8, 0x2260, 0x00C6, 0x00D8,
	0x221E, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x00B5, 0x2202, 0x2211,
	0x220F, 0x03C0, 0x222B, 0x00AA, 0x00BA, 0x03A9, 0x00E6, 0x00F8,
	0x00BF, 0x00A1, 0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB,
	0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3, 0x00D5, 0x0152, 0x0153,
	0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0x00F7, 0x25CA,
	0x00FF, 0x0178, 0x2044, 0x20AC, 0x2039, 0x203A, 0xFB01, 0xFB02,
	0x2021, 0x00B7, 0x201A, 0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1,
	0x00CB, 0x00C8, 0x00CD, 0x00CE, 0x00CF, 0x00CC, 0x00D3, 0x00D4,
	0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9, 0x0131, 0x02C6, 0x02DC,
	0x00AF, 0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD, 0x02DB, 0x02C7,
	}, { /* CP437 */
	0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7,
	0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,
	0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
	0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192,
	0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA,
	0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
	0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556,
	0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510,
	0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F,
	0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567,
	0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B,
	0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,
	0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4,
	0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229,
	0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248,
	0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,
	}
};

/* One character's byte in every page (0: not in that page). */
struct rev {
	uint16_t u;
	uint8_t	 b[NPAGE];
};

/* Global, like rev_index: built once (rev_once, the loader threads
 * decode at the same time), then only read. */
static struct rev revs[NPAGE * 128];
static size_t nrevs;
/* Each BMP character's entry in revs, plus one (0: in no page): a direct
 * lookup, as rev_bytes runs for every character of every pass. */
static uint16_t rev_index[0x10000];
static pthread_once_t rev_once = PTHREAD_ONCE_INIT;

#define LOST	0x00	/* run byte a sloppy decoder lost (U+FFFD in S) */

/* Builds the reverse index of every page, once for all threads. */
static void
rev_build(void)
{
	for (int p = 0; p < NPAGE; p++)
		for (int i = 0; i < 128; i++) {
			uint16_t u = page_hi[p][i];

			if (u == 0)
				continue;
			if (rev_index[u] == 0) {
				memset(&revs[nrevs], 0, sizeof revs[nrevs]);
				revs[nrevs].u = u;
				rev_index[u] = (uint16_t)++nrevs;
			}
			revs[rev_index[u] - 1].b[p] = (uint8_t)(0x80 + i);
		}
}

/* The bytes U stands for in each page (NULL: in none). C1 characters
 * are bytes read as Latin-1: themselves in every page. */
static const uint8_t *
rev_bytes(ucs4_t u, uint8_t c1[NPAGE])
{
	if (u >= 0x80 && u < 0xA0) {
		memset(c1, (int)u, NPAGE);
		return c1;
	}
	if (u < 0xA0 || u > 0xFFFF || rev_index[u] == 0)
		return NULL;
	return revs[rev_index[u] - 1].b;
}

/* The byte page P has for U, or -1. */
static int
page_byte(int p, ucs4_t u)
{
	uint8_t c1[NPAGE];
	const uint8_t *b = rev_bytes(u, c1);

	return b != NULL && b[p] != 0 ? b[p] : -1;
}

/* Is the char of L bytes at B a genuine U+FFFD? */
static int
real_fffd(const uint8_t *b, int l)
{
	return l == 3 && memcmp(b, "\xef\xbf\xbd", 3) == 0;
}

/* Is C a UTF-8 continuation byte? */
static int
cont(uint8_t c)
{
	return c >= 0x80 && c <= 0xBF;
}

/* --- runs */

/* Scratch for one run: its bytes and where each char started. */
struct run {
	uint8_t	*b;
	size_t	*off;
	size_t	 n, cap;
	const uint8_t *s;	/* the text it was collected from */
	int	 foreign;	/* glued to a char the page lacks */
};

/* Appends byte C, from offset OFF of the text, to the run. */
static void
run_push(struct run *r, uint8_t c, size_t off)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->b = xreallocarray(r->b, r->cap, 1);
		r->off = xreallocarray(r->off, r->cap, sizeof *r->off);
	}
	r->b[r->n] = c;
	r->off[r->n++] = off;
}

/* Is U a basic Russian letter (the common result of cp1251 mojibake)? */
static int
basic_cyrillic(ucs4_t u)
{
	return (u >= 0x410 && u <= 0x44F) || u == 0x401 || u == 0x451;
}

/* A CESU-8 surrogate pair at B (ED A0..AF xx ED B0..BF xx), as one
 * supplementary character in *U; returns whether it is one. */
static int
cesu_pair(const uint8_t *b, size_t left, ucs4_t *u)
{
	ucs4_t hi, lo;

	if (left < 6 || b[0] != 0xED || b[1] < 0xA0 || b[1] > 0xAF ||
	    !cont(b[2]) || b[3] != 0xED || b[4] < 0xB0 || b[4] > 0xBF ||
	    !cont(b[5]))
		return 0;
	hi = (ucs4_t)((b[1] & 0x0F) << 6 | (b[2] & 0x3F));
	lo = (ucs4_t)((b[4] & 0x0F) << 6 | (b[5] & 0x3F));
	*u = 0x10000 + (hi << 10) + lo;
	return 1;
}

/* The UTF-8 sequence at run byte K: the bytes it takes (0: none) and its
 * character in *U; a sequence whose last byte was lost is U+FFFD. */
static int
run_seq(const struct run *r, size_t k, ucs4_t *u)
{
	const uint8_t *b = r->b + k;
	size_t left = r->n - k;
	int need, lost = -1;

	if (b[0] < 0xC2 || b[0] > 0xF4)
		return 0;
	if (cesu_pair(b, left, u))
		return 6;
	need = b[0] < 0xE0 ? 2 : b[0] < 0xF0 ? 3 : 4;
	if (left < (size_t)need)
		return 0;
	for (int j = 1; j < need; j++)
		if (b[j] == LOST && lost < 0 && j == need - 1)
			lost = j;
		else if (!cont(b[j]))
			return 0;
	if (lost > 0) {		/* the character is lost with it */
		*u = 0xFFFD;
		return need;
	}
	if (u8_mbtouc(u, b, (size_t)need) != need ||
	    (*u == 0xFFFD && !real_fffd(b, need)))
		return 0;
	/* A C1 result only from "Â" and a C1 char ("Â\u009d", Latin-1 read
	 * twice): the next round takes it as a byte. */
	if (*u >= 0x80 && *u < 0xA0 && r->s[r->off[k + 1]] != 0xC2)
		return 0;
	return need;
}

/*
 * How telling one sequence is (LEAD its first byte, LEN its bytes, U its
 * character): 2 on its own (a Latin-1 letter, typographic punctuation, an
 * emoji, Vietnamese, a Russian letter), 1 believable next to more (other
 * Latin, Greek, Cyrillic, Hebrew, Arabic, Indic, CJK, Hangul), 0 never
 * (NKo, Syriac... "ß“" in „Spaß“ is DF 93). NBSP: a byte of it is A0.
 */
static int
seq_weight(uint8_t lead, int len, ucs4_t u, int nbsp)
{
	if (len >= 4 || u == 0xFFFD || u == 0xFEFF)
		return 2;
	if (nbsp && lead != 0xC2 && lead != 0xC3 && lead != 0xC5 &&
	    lead != 0xE2)
		return 0;	/* "é\u00a0»", "SELKÄ\u00a0": a letter, NBSP */
	if (len == 3) {
		if (lead == 0xE2 || (u >= 0x1E00 && u <= 0x1EFF))
			return 2;
		return (u >= 0x900 && u <= 0xE7F) || (u >= 0x3000 &&
		    u <= 0x30FF) || (u >= 0x4E00 && u <= 0x9FFF) ||
		    (u >= 0xAC00 && u <= 0xD7A3) ||
		    (u >= 0xFB00 && u <= 0xFB06) || (u >= 0xFF00 &&
		    u <= 0xFFEF);
	}
	if (lead <= 0xC3 || basic_cyrillic(u))
		return 2;
	return (u >= 0x100 && u <= 0x24F) || (u >= 0x300 && u <= 0x36F) ||
	    (u >= 0x370 && u <= 0x52F) || (u >= 0x5D0 && u <= 0x5EA) ||
	    (u >= 0x600 && u <= 0x6FF);
}

/* Is B an ASCII letter? */
static int
word_char(uint8_t b)
{
	return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
}

/* How many bytes the sequence whose lead is C takes (0: not a lead). */
static int
seq_len(uint8_t c)
{
	return c < 0xC2 || c > 0xF4 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* What a run's sequences say. */
struct verdict {
	int	 seqs;		/* sequences */
	int	 best;		/* highest seq_weight */
	int	 refused;	/* a sequence the page cannot have made, or
				   as many broken ones as whole */
	int	 three;		/* the best tells without a letter near (CJK,
				   Indic, a combining mark) */
	int	 quoted;	/* the best is an uppercase letter made with
				   a quote ("Ã’s": Ò, or an "Ã" and 's) */
	uint8_t	 lead;		/* the best one's first byte */
	size_t	 used;		/* bytes in sequences */
};

/* Does the sequence of L bytes at run byte K hold a real NBSP (not a
 * space taken for byte A0)? */
static int
has_nbsp(const struct run *r, const uint8_t *s, size_t k, int l)
{
	for (int j = 1; j < l; j++)
		if (r->b[k + (size_t)j] == 0xA0 && s[r->off[k + (size_t)j]] != ' ')
			return 1;
	return 0;
}

/* Weighs the run's sequences for page P (S: the text). Cyrillic read as
 * cp1251 yields mostly Russian letters, punctuation or Latin-1; Kazakh
 * "ТІСІ" would yield other Cyrillic letters, and is text. */
static struct verdict
run_weigh(const struct run *r, int p, const uint8_t *s)
{
	struct verdict v = { 0, 0, 0, 0, 0, 0, 0 };
	size_t k = 0;
	int l, w, basic = 0, nbsp, broken = 0, stray = 0;
	ucs4_t u;

	while (k < r->n) {
		if ((l = run_seq(r, k, &u)) == 0) {
			broken += k + 1 < r->n && seq_len(r->b[k]) > 0;
			stray += k + 1 < r->n;
			k++;
			continue;
		}
		nbsp = has_nbsp(r, s, k, l) && !(p == P1251 && u == 0x420);
		w = seq_weight(r->b[k], l, u, nbsp);
		if (memchr(r->b + k, LOST, (size_t)l) != NULL)
			w = 1;		/* a lost byte: wants more evidence */
		basic += basic_cyrillic(u) || r->b[k] <= 0xC3 ||
		    (l == 3 && w > 0) || l == 4;
		v.used += (size_t)l;
		v.seqs++;
		if (w > v.best) {
			v.best = w;
			v.three = l == 3 || (u >= 0x300 && u <= 0x36F);
			v.quoted = uc_is_property_uppercase(u) && l == 2 &&
			    r->b[k + 1] >= 0x91 && r->b[k + 1] <= 0x94;
			v.lead = r->b[k];
		}
		k += (size_t)l;
	}
	/* cp1251: all of a short run, most of a long one (a double encoding
	 * passes through "Рї") */
	v.refused = p == P1251 && (v.seqs <= 2 ? basic < v.seqs :
	    basic * 2 < v.seqs);
	/* mojibake is UTF-8 byte for byte: a run whose bytes start as many
	 * broken sequences as whole ones, or hold as many stray bytes as
	 * bytes in sequences, is not ("ã†â€™ãƒâ€ ", garble that decoding
	 * again and again would turn into random Han) */
	if ((broken > 0 && broken >= v.seqs) || (stray > 0 &&
	    (size_t)stray >= v.used))
		v.refused = 1;
	/* nor is one glued to a char the page cannot have made: the
	 * whole stretch would have come through the page */
	if (r->foreign)
		v.refused = 1;
	return v;
}

/* Is the run S[OFF..END) inside an ASCII word ("Ningboï¼ŒChina")? */
static int
inside_word(const uint8_t *s, size_t n, size_t off, size_t end)
{
	return off > 0 && end < n && word_char(s[off - 1]) &&
	    word_char(s[end]);
}

/* Is there a lowercase letter just before OFF or at END of S? */
static int
lower_near(const uint8_t *s, size_t n, size_t off, size_t end)
{
	ucs4_t u;
	size_t i = off;

	if (i > 0) {
		while (--i > 0 && (s[i] & 0xC0) == 0x80)
			;
		u8_mbtouc(&u, s + i, n - i);
		if (uc_is_property_lowercase(u))
			return 1;
	}
	if (end < n) {
		u8_mbtouc(&u, s + end, n - end);
		if (uc_is_property_lowercase(u))
			return 1;
	}
	return 0;
}

/* Is the char before OFF or at END of S an uppercase letter? */
static int
upper_near(const uint8_t *s, size_t n, size_t off, size_t end)
{
	ucs4_t u;
	size_t i = off;

	if (i > 0) {
		while (--i > 0 && (s[i] & 0xC0) == 0x80)
			;
		u8_mbtouc(&u, s + i, n - i);
		if (uc_is_property_uppercase(u))
			return 1;
	}
	if (end < n) {
		u8_mbtouc(&u, s + end, n - end);
		if (uc_is_property_uppercase(u))
			return 1;
	}
	return 0;
}

/* How much a run tells for its page: 2 on its own, 1 with more, 0 not.
 * NEAR: a lowercase letter is glued to it. */
static int
run_class(struct verdict v, int near)
{
	if (v.seqs == 0 || v.refused || v.best == 0)
		return 0;
	if (v.best == 2 || v.seqs >= 2)
		return 2;
	return v.three || near;
}

/*
 * Is the run (text S[OFF..END)) of class CLS mojibake of page P? CONF: the
 * text has other evidence for P. Windows-1252 takes one telling sequence
 * ("Ã©"; an uppercase one made with a quote wants an uppercase
 * neighbour: "ACCIÃ“N", but "Ã’s" stays); the rarer pages want two, a lowercase letter glued to it, or
 * evidence elsewhere; CP437 two in the run or Cyrillic/Vietnamese glued
 * to a letter: "CAFÉ…", „Spaß“, "√π" and box drawing stay as they are.
 */
static int
run_is_mojibake(struct verdict v, int cls, int p, int conf, int nbytes,
    const uint8_t *s, size_t n, size_t off, size_t end)
{
	int near = lower_near(s, n, off, end);

	if (cls == 0)
		return 0;
	if (p == P437)
		return v.seqs >= 2 || (v.best == 2 && near && v.lead >= 0xD0);
	/* CJK inside an ASCII word; not a combining mark, which is inside
	 * a word where it belongs ("DrÃ¥ber" as Mac Roman: U+0334) */
	if (v.seqs >= 2 || conf || (v.three && v.lead >= 0xE0 &&
	    inside_word(s, n, off, end)))
		return 1;
	if (p == P1251)		/* "РІ" is в, "вЂ“" –, "Р" is a letter */
		return end - off == 4 || (v.best == 2 && v.lead == 0xE2) ||
		    inside_word(s, n, off, end);
	if (cls == 2 && p == P1252)
		return !v.quoted || upper_near(s, n, off, end);
	/* a believable one glued to a letter, if it is the whole run
	 * ("przeprowadziÅ‚"; in "‚Ä¶" Mac Roman explains more) */
	return near && (cls == 2 || (!v.three && v.used == (size_t)nbytes));
}

/* Is the char at S[I] the start of a word (or a second space) that a
 * space before it may have been byte A0 of ("Ã s", "Ã le", "Ã  le")? */
static int
word_after(const uint8_t *s, size_t n, size_t i)
{
	return i < n && (s[i] >= 0x80 || word_char(s[i]) || s[i] == ' ');
}


/*
 * Does the space at S[I], after the run R, stand for byte A0 that a
 * program turned into a space ("voilÃ le" is "voilà le")? When the run
 * ends in a sequence short of its last byte, whose A0 forms a likely
 * character (à Š NBSP Π Р ٠, a 3-byte one from E0..E3: Thai "à¸ "), only
 * before a word, and only where the page has evidence (CONF) or an "Ã"
 * is glued to a lowercase word ("voilÃ ").
 */
static int
space_is_a0(const struct run *r, const uint8_t *s, size_t n, size_t i,
    int conf)
{
	size_t k = r->n;
	uint8_t lead;
	int need;

	while (k > 0 && cont(r->b[k - 1]) && r->n - k < 3)
		k--;
	if (k == 0 || s[i] != ' ' || !word_after(s, n, i + 1))
		return 0;
	lead = r->b[k - 1];
	if ((need = seq_len(lead)) == 0 || r->n - (k - 1) != (size_t)need - 1)
		return 0;
	if (need == 2 && lead != 0xC2 && lead != 0xC3 && lead != 0xC5 &&
	    lead != 0xCE && lead != 0xD0 && lead != 0xD9)
		return 0;
	if ((need == 3 && lead > 0xE3) || need == 4)
		return 0;
	if (conf)
		return 1;
	return lead == 0xC3 && r->off[k - 1] > 0 &&
	    s[r->off[k - 1] - 1] >= 'a' && s[r->off[k - 1] - 1] <= 'z';
}

/* Is the char before S[I] a genuine U+FFFD? */
static int
after_fffd(const uint8_t *s, size_t i)
{
	return i >= 3 && real_fffd(s + i - 3, 3);
}

/*
 * Collects the run of chars of S from I that page P maps to high bytes;
 * returns where it ends. A U+FFFD inside is a lost byte; with A0, a
 * space after a lone lead byte may be taken too (space_is_a0).
 */
static size_t
run_collect(struct run *r, int p, const uint8_t *s, size_t n, size_t i,
    int a0, int conf)
{
	ucs4_t u;
	int l, c;

	r->n = 0;
	r->s = s;
	r->foreign = i > 0 && s[i - 1] >= 0x80 && !after_fffd(s, i);
	while (i < n && s[i] >= 0x80) {
		l = u8_mbtouc(&u, s + i, n - i);
		if (real_fffd(s + i, l) && r->n > 0 && (p == P1252 ||
		    p == P1250))	/* the pages with undefined bytes */
			c = LOST;
		else if ((c = page_byte(p, u)) < 0) {
			r->foreign |= r->n > 0 && !real_fffd(s + i, l);
			break;
		}
		run_push(r, (uint8_t)c, i);
		i += (size_t)l;
	}
	if (a0 && r->n > 0 && i < n && space_is_a0(r, s, n, i, conf)) {
		run_push(r, 0xA0, i);
		i++;
	}
	return i;
}

/* After "à" made of "Ã" and a space, is that space also a word break?
 * Not before a second space, nor in Portuguese "às", "àquele". */
static int
keep_space(const uint8_t *s, size_t n, size_t i)
{
	if (i >= n || s[i] == ' ')
		return 0;
	if (s[i] == 's' && (i + 1 == n || s[i + 1] == ' ' || s[i + 1] == ','
	    || s[i + 1] == '.'))
		return 0;
	return !(n - i >= 4 && (memcmp(s + i, "quel", 4) == 0 ||
	    memcmp(s + i, "quil", 4) == 0));
}

/* Writes the repaired run: its sequences decoded, other chars as they
 * were in S. */
static void
run_emit(struct buf *out, const struct run *r, const uint8_t *s, size_t n,
    size_t end)
{
	size_t k = 0, next, last;
	ucs4_t u;
	int l;

	while (k < r->n) {
		if ((l = run_seq(r, k, &u)) > 0) {
			last = r->off[k + (size_t)l - 1];
			buf_add_uc(out, u);
			k += (size_t)l;
			if (s[last] == ' ' && u == 0xE0 && keep_space(s, n,
			    last + 1))
				buf_addc(out, ' ');
			continue;
		}
		next = k + 1 < r->n ? r->off[k + 1] : end;
		buf_add(out, (const char *)s + r->off[k], next - r->off[k]);
		k++;
	}
}

/* --- passes */

/* Where the char at S[I] (non-ASCII) ends, never past N. */
static size_t
char_end(const uint8_t *s, size_t n, size_t i)
{
	int l = u8_mblen(s + i, n - i);

	return i + (l > 0 ? (size_t)l : 1);
}

/* Runs of S that tell for page P, by class (at most 3 counted), and
 * runs of the page's chars that no UTF-8 can have made (a lone "–" is
 * byte 96, "ü" FC): text the page did not garble as a whole. */
struct evidence {
	int	 strong, weak, against;
};

/* Can no UTF-8 have made the run (a sequence-less one, not a lone lead
 * whose A0 may have become a space, nor only C1 chars: bytes a sloppy
 * decoder read as Latin-1)? */
static int
no_utf8(const struct run *r)
{
	int c1 = 1;

	for (size_t k = 0; k < r->n && c1; k++)
		c1 = r->s[r->off[k]] == 0xC2 && r->s[r->off[k] + 1] < 0xA0;
	return !c1 && (r->n > 1 || seq_len(r->b[0]) == 0);
}

/* Counts the runs of S that tell for page P. */
static struct evidence
page_evidence(const uint8_t *s, size_t n, int p, struct run *r)
{
	struct evidence ev = { 0, 0, 0 };
	struct verdict v;
	size_t i = 0, end;
	int cls;

	while (i < n && ev.strong + ev.weak < 3) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		end = run_collect(r, p, s, n, i, 0, 0);
		if (end == i) {
			i = char_end(s, n, i);
			continue;
		}
		v = run_weigh(r, p, s);
		cls = run_class(v, lower_near(s, n, i, end));
		ev.strong += cls == 2;
		ev.weak += cls == 1;
		ev.against += v.seqs == 0 && no_utf8(r);
		i = end;
	}
	return ev;
}

/* Did the run S[OFF..END), whose last byte a space stood for, count in
 * page_evidence (which took no space)? */
static int
class_without_a0(struct run *r, int p, const uint8_t *s, size_t n,
    size_t off, size_t end)
{
	int cls;

	r->n--;
	cls = run_class(run_weigh(r, p, s), lower_near(s, n, off, end - 1));
	r->n++;
	return cls > 0;
}

/* Does a page other than P map every char of S[I..END) to bytes that
 * are well-formed UTF-8 (the run is mojibake of either, or of neither)? */
static int
other_page_reads(const uint8_t *s, size_t i, size_t end, int p)
{
	uint8_t b[16];
	size_t k, j;
	ucs4_t u;
	int c = 0;

	for (int q = 0; q < NPAGE; q++) {
		if (q == p || end - i > sizeof b * 3)
			continue;
		for (j = i, k = 0; j < end && k < sizeof b; k++) {
			j += (size_t)u8_mbtouc(&u, s + j, end - j);
			if ((c = page_byte(q, u)) < 0)
				break;
			b[k] = (uint8_t)c;
		}
		if (c >= 0 && j == end && u8_check(b, k) == NULL)
			return 1;
	}
	return 0;
}

/* One repair pass of S with page P into OUT; returns whether it changed
 * anything. FIRST: S is the text as it came (no round repaired it). */
static int
fix_pass(struct buf *out, const uint8_t *s, size_t n, int p, struct run *r,
    int first)
{
	size_t i = 0, j, end;
	struct evidence ev = page_evidence(s, n, p, r);
	int changed = 0, cls, conf, any;
	struct verdict v;

	/* a space for A0 wants evidence: weak will do for the Latin pages,
	 * where "Å " (Š) is common; Mac Roman would make "– " a Р */
	any = ev.strong > 0 || (ev.weak > 0 && (p == P1252 || p == P1250));
	buf_reserve(out, n);
	while (i < n) {
		for (j = i; j < n && s[j] < 0x80; j++)
			;
		buf_add(out, (const char *)s + i, j - i);
		if ((i = j) == n)
			break;
		end = run_collect(r, p, s, n, i, 1, any);
		if (end == i) {		/* not in this page: copy */
			end = char_end(s, n, i);
			buf_add(out, (const char *)s + i, end - i);
			i = end;
			continue;
		}
		v = run_weigh(r, p, s);
		cls = run_class(v, lower_near(s, n, i, end));
		/* evidence from the other runs, not this one (as
		 * page_evidence saw it: without a space taken for A0) */
		conf = ev.strong + ev.weak - (s[end - 1] == ' ' ?
		    class_without_a0(r, p, s, n, i, end) : cls > 0) > 0;
		/* one sequence alone, against text the page did not make,
		 * that another page reads as UTF-8 too ("Bremer/Mccoy –
		 * DrÃ¥ber": Mac Roman has U+0334): too little to tell */
		if (first && !conf && v.seqs == 1 && ev.against > 0 &&
		    other_page_reads(s, i, end, p))
			cls = 0;
		if (run_is_mojibake(v, cls, p, conf, (int)r->n, s, n, i, end)) {
			run_emit(out, r, s, n, end);
			changed = 1;
		} else
			buf_add(out, (const char *)s + i, end - i);
		i = end;
	}
	return changed;
}

/* --- cp1251 text read as cp1252 ("Êàçàõñòàí") */

/* Is B an ASCII letter or digit (a word a run is glued to)? */
static int
ascii_alnum(uint8_t b)
{
	return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') ||
	    (b >= '0' && b <= '9');
}

/* Where the run of non-ASCII chars from I ends; *LETTERS says whether
 * all of them are Latin-1 letters (as cp1251 Cyrillic shows in cp1252),
 * *NCH how many there are. */
static size_t
swap_run(const uint8_t *s, size_t n, size_t i, int *letters, size_t *nch)
{
	ucs4_t u;

	*letters = 1;
	*nch = 0;
	while (i < n && s[i] >= 0x80) {
		i += (size_t)u8_mbtouc(&u, s + i, n - i);
		if (!((u >= 0xC0 && u <= 0xFF) || u == 0xA8 || u == 0xB8))
			*letters = 0;
		(*nch)++;
	}
	return i;
}

/*
 * Is S cp1251 Cyrillic that was read as cp1252 ("Êàçàõñòàí è Êèòàé")?
 * Its words are runs of three or more Latin-1 letters standing alone;
 * Latin-script text has its accented letters inside ASCII words.
 */
static int
looks_swapped(const uint8_t *s, size_t n)
{
	size_t i = 0, end, nch, words = 0, glued = 0;
	int letters;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		end = swap_run(s, n, i, &letters, &nch);
		if ((i > 0 && ascii_alnum(s[i - 1])) || (end < n &&
		    ascii_alnum(s[end])))
			glued++;
		else if (letters && nch >= 3)
			words++;
		i = end;
	}
	return words >= 3 && words > 2 * glued;
}

/* Rereads as cp1251 every standalone run of S that cp1252 can encode. */
static void
swap_pass(struct buf *out, const uint8_t *s, size_t n, struct run *r)
{
	size_t i = 0, j, end;
	uint16_t u;

	while (i < n) {
		for (j = i; j < n && s[j] < 0x80; j++)
			;
		buf_add(out, (const char *)s + i, j - i);
		if ((i = j) == n)
			break;
		end = run_collect(r, P1252, s, n, i, 0, 0);
		if (end == i)
			end = char_end(s, n, i);
		if (r->n > 0 && !(i > 0 && ascii_alnum(s[i - 1])) &&
		    !(end < n && ascii_alnum(s[end])))
			for (size_t k = 0; k < r->n; k++) {
				u = r->b[k] >= 0x80 ?
				    page_hi[P1251][r->b[k] - 0x80] : 0;
				buf_add_uc(out, u != 0 ? u : r->b[k] ? r->b[k] :
				    0xFFFD);
			}
		else
			buf_add(out, (const char *)s + i, end - i);
		i = end;
	}
}

/* --- the whole repair */

/*
 * Could S hold mojibake at all? A char that some page maps to a UTF-8
 * lead byte followed by one it maps to a continuation byte (or by U+FFFD
 * or a space), or a run of three Latin-1 letters (looks_swapped). A quick
 * scan that spares clean text the passes.
 */
int
mojibake_possible(const char *str, size_t n)
{
	const uint8_t *s = (const uint8_t *)str, *prev = NULL, *cur;
	uint8_t c1a[NPAGE], c1b[NPAGE];
	size_t i = 0, latin = 0;
	ucs4_t u;
	int l;

	pthread_once(&rev_once, rev_build);
	while (i < n) {
		if (s[i] < 0x80) {
			if (s[i] == ' ' && prev != NULL)
				for (int p = 0; p < NPAGE; p++)
					if (prev[p] >= 0xC2 && prev[p] <= 0xDF)
						return 1;
			prev = NULL;
			latin = 0;
			i++;
			continue;
		}
		l = u8_mbtouc(&u, s + i, n - i);
		latin = (u >= 0xC0 && u <= 0xFF) ? latin + 1 : 0;
		if (latin >= 3)
			return 1;
		cur = rev_bytes(u, prev == c1a ? c1b : c1a);
		if (prev != NULL && real_fffd(s + i, l))
			return 1;
		if (prev != NULL && cur != NULL)
			for (int p = 0; p < NPAGE; p++)
				if (prev[p] >= 0xC2 && prev[p] <= 0xF4 &&
				    cont(cur[p]))
					return 1;
		prev = cur;
		i += (size_t)l;
	}
	return 0;
}

/* The pages (bit P) that S may hold mojibake of: a char the page maps
 * to a lead byte followed by one it maps to a continuation byte, by
 * U+FFFD, or (a 2-byte lead) by a space for A0. Any sequence run_seq finds
 * starts so; without one, fix_pass with the page changes nothing. */
static unsigned
pages_possible(const uint8_t *s, size_t n)
{
	uint8_t c1a[NPAGE], c1b[NPAGE];
	const uint8_t *prev = NULL, *cur;
	unsigned mask = 0;
	size_t i = 0;
	ucs4_t u;
	int l;

	while (i < n) {
		if (s[i] < 0x80) {
			for (int p = 0; s[i] == ' ' && prev && p < NPAGE; p++)
				if (prev[p] >= 0xC2 && prev[p] <= 0xDF)
					mask |= 1u << p;
			prev = NULL;
			i++;
			continue;
		}
		l = u8_mbtouc(&u, s + i, n - i);
		cur = rev_bytes(u, prev == c1a ? c1b : c1a);
		for (int p = 0; prev != NULL && p < NPAGE; p++)
			if (prev[p] >= 0xC2 && prev[p] <= 0xF4 &&
			    (real_fffd(s + i, l) || (cur && cont(cur[p]))))
				mask |= 1u << p;
		prev = cur;
		i += (size_t)l;
	}
	return mask;
}

/* Passes over *CUR, the pages in turn until one changes something (a
 * second layer is most likely of cp1252 again): one layer of double
 * encoding a round, until a round changes nothing. */
static void
fix_rounds(struct buf *cur, struct run *r)
{
	struct buf next;
	int changed = 1;

	for (int round = 0; round < 6 && changed; round++) {
		unsigned pages = pages_possible((const uint8_t *)cur->s,
		    cur->len);

		changed = 0;
		for (int p = 0; p < NPAGE && !changed; p++) {
			if (!(pages >> p & 1))
				continue;	/* nothing to repair */
			buf_init(&next);
			if (fix_pass(&next, (const uint8_t *)cur->s, cur->len,
			    p, r, round == 0)) {
				buf_free(cur);
				*cur = next;
				changed = 1;
			} else
				buf_free(&next);
		}
	}
}

char *
decode_fix_mojibake(const char *s, size_t len, size_t *outlen)
{
	struct buf cur;
	struct run r = { NULL, NULL, 0, 0, NULL, 0 };

	buf_init(&cur);
	if (!mojibake_possible(s, len)) {
		buf_add(&cur, s, len);
		return buf_steal(&cur, outlen);
	}
	if (looks_swapped((const uint8_t *)s, len))
		swap_pass(&cur, (const uint8_t *)s, len, &r);
	else
		buf_add(&cur, s, len);
	fix_rounds(&cur, &r);
	free(r.b);
	free(r.off);
	return buf_steal(&cur, outlen);
}
