/* t_wrap.c: display widths, wrap_fit truncation and wrap_text line
 * breaking (CJK, combining marks, long words, huge lines). */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistr.h>

#include "tap.h"
#include "util.h"
#include "wrap.h"

/* Wraps S at WIDTH and joins the lines with "|" for one comparison. */
static char *
wrapped(const char *s, int width, size_t *nlines)
{
	struct wrap_line *v;
	struct buf b;
	size_t n = wrap_text(s, strlen(s), width, &v);

	buf_init(&b);
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_addc(&b, '|');
		buf_add(&b, s + v[i].off, v[i].len);
	}
	free(v);
	if (nlines)
		*nlines = n;
	return buf_steal(&b, NULL);
}

#define WRAP(s, w, want, name) do {					\
	char *r_ = wrapped(s, w, NULL);					\
	is_str(r_, want, name);						\
	free(r_);							\
} while (0)

/* Does every line of S wrapped at WIDTH fit, with exact cols? */
static int
lines_fit(const char *s, int width)
{
	struct wrap_line *v;
	size_t n = wrap_text(s, strlen(s), width, &v);
	int good = 1;

	for (size_t i = 0; i < n; i++) {
		int w = wrap_width(s + v[i].off, v[i].len);

		if (w != v[i].cols || (w > width && v[i].len > 4))
			good = 0;
	}
	free(v);
	return good;
}

static void
test_width(void)
{
	is_int(wrap_width("hello", 5), 5, "ASCII width");
	is_int(wrap_width("中文", strlen("中文")), 4, "CJK is 2 columns each");
	is_int(wrap_width("日本語テキスト", strlen("日本語テキスト")), 14,
	    "Japanese width");
	is_int(wrap_width("e\xcc\x81", 3), 1, "e + combining acute: 1");
	is_int(wrap_width("\xcc\x81\xcc\x81", 4), 0, "lone combining marks: 0");
	is_int(wrap_width("Zażółć gęślą", strlen("Zażółć gęślą")), 12,
	    "Polish width");
	is_int(wrap_width("Grüße", strlen("Grüße")), 5, "German width");
	is_int(wrap_width("Привет", strlen("Привет")), 6, "Cyrillic width");
	is_int(wrap_width("\xc2\xa7\xc2\xb1", 4), 2, "ambiguous width is 1");
	is_int(wrap_width("", 0), 0, "empty width");
	is_int(wrap_width("\xff", 1), 1, "invalid byte: 1 like its U+FFFD");
}

/* What terminals draw: soft hyphens, emoji presentation, clusters. */
static void
test_width_clusters(void)
{
	char *r;
	size_t n;

	is_int(wrap_width("Zusam\xc2\xadmen", strlen("Zusam\xc2\xadmen")), 9,
	    "soft hyphen: one column, as the terminal draws it");
	is_int(wrap_width("\xe2\x9d\xa4\xef\xb8\x8f", 6), 2,
	    "emoji + U+FE0F: two columns");
	is_int(wrap_width("\xe2\x9d\xa4", 3), 1, "the same emoji without: one");
	is_int(wrap_width("a\xef\xb8\x8f", 4), 1, "U+FE0F after a letter: one");
	is_int(wrap_width("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", 8), 2,
	    "emoji + skin tone: two columns, not four");
	is_int(wrap_width("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x94\xac", 11),
	    2, "emoji ZWJ sequence: two columns");
	is_int(wrap_width("\xf0\x9f\x87\xb0\xf0\x9f\x87\xbf", 8), 2,
	    "a flag (two regional indicators): two columns");
	is_int(wrap_width("e\xcc\x81", 3), 1, "e + combining acute: one");
	/* 2 columns a cluster: 10 of them wrap at 10 as 5 + 5 */
	r = wrapped("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x94\xac"
	    "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x94\xac"
	    "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x94\xac", 4, &n);
	is_str(r, "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x94\xac"
	    "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x94\xac|"
	    "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x94\xac",
	    "ZWJ sequences never cut inside");
	free(r);
	WRAP("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", 3,
	    "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd|\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd",
	    "a skin tone stays with its emoji");
	WRAP("\xe2\x9d\xa4\xef\xb8\x8f\xe2\x9d\xa4\xef\xb8\x8f\xe2\x9d\xa4\xef\xb8\x8f", 4,
	    "\xe2\x9d\xa4\xef\xb8\x8f\xe2\x9d\xa4\xef\xb8\x8f|\xe2\x9d\xa4\xef\xb8\x8f",
	    "emoji + U+FE0F: two a line of 4, FE0F with its emoji");
	WRAP("Donau\xc2\xad" "dampf\xc2\xad" "schiff", 12,
	    "Donau\xc2\xad" "dampf\xc2\xad|schiff",
	    "a line may end after a soft hyphen, which it counts");
	WRAP("Donau\xc2\xad" "dampf\xc2\xad" "schiff", 11,
	    "Donau\xc2\xad|dampf\xc2\xad|schiff",
	    "dampf-schiff with its soft hyphen is 12 columns: no fit in 11");
	WRAP("xxxxe\xcc\x81\xcc\x81" "e\xcc\x81", 5, "xxxxe\xcc\x81\xcc\x81|e\xcc\x81",
	    "a forced cut keeps every mark with its letter");
	ok(lines_fit("\xe2\x9c\x88\xef\xb8\x8f \xe2\x9c\x88\xef\xb8\x8f \xe2\x98\x8e\xef\xb8\x8f "
	    "\xe2\x98\x8e\xef\xb8\x8f Stra\xc2\xad\xc3\x9f" "en\xc2\xad" "bahn", 5),
	    "mixed emoji and soft hyphens fit their lines");
}

static void
test_fit(void)
{
	int used = -1;

	is_int(wrap_fit("hello world", 11, 5, &used), 5, "fit ASCII");
	is_int(used, 5, "fit ASCII cols");
	is_int(wrap_fit("中文字", 9, 5, &used), 6, "fit CJK never halves");
	is_int(used, 4, "fit CJK cols");
	is_int(wrap_fit("ae\xcc\x81" "b", 5, 2, &used), 4,
	    "fit keeps the combining mark with its base");
	is_int(wrap_fit("ü", 2, 1, &used), 2, "fit never splits UTF-8");
	is_int(wrap_fit("abc", 3, 0, &used), 0, "fit 0 columns");
	is_int(used, 0, "fit 0 columns used");
	is_int(wrap_fit("abc", 3, 10, NULL), 3, "fit all, used NULL");
}

static void
test_wrap_basic(void)
{
	size_t n;
	char *r;

	WRAP("the quick brown fox", 10, "the quick|brown fox", "ASCII at spaces");
	WRAP("the quick brown fox", 9, "the quick|brown fox", "exact fit");
	WRAP("aaaa     bbbb", 6, "aaaa|bbbb", "trailing spaces excluded");
	WRAP("one\ntwo", 80, "one|two", "hard break");
	WRAP("one\n\ntwo", 80, "one||two", "empty line kept");
	WRAP("abcdefghij", 4, "abcd|efgh|ij", "long word cut");
	WRAP("ab abcdefghij", 4, "ab|abcd|efgh|ij", "long word after a break");
	WRAP("abc", 0, "a|b|c", "width 0 treated as 1");
	WRAP("abc", -5, "a|b|c", "negative width treated as 1");
	WRAP("  indented", 80, "  indented", "leading spaces kept");
	WRAP("     word", 3, "wor|d", "indentation wider than the line");
	WRAP("   ", 10, "", "a line of spaces is one empty line");
	r = wrapped("", 10, &n);
	is_int(n, 0, "empty text: no lines");
	free(r);
	r = wrapped("a\n", 10, &n);
	is_int(n, 1, "final newline adds no line");
	free(r);
	r = wrapped("\n", 10, &n);
	is_int(n, 1, "lone newline: one empty line");
	free(r);
	WRAP("Die Zusammenarbeit zwischen China und Kasachstan wächst",
	    20, "Die Zusammenarbeit|zwischen China und|Kasachstan wächst",
	    "German text");
	WRAP("Xi Jinping przeprowadził rozmowy z prezydentem Kazachstanu",
	    16, "Xi Jinping|przeprowadził|rozmowy z|prezydentem|Kazachstanu",
	    "Polish text");
	ok(lines_fit("Zażółć gęślą jaźń, Grüße aus Köln und Astana.", 7),
	    "Polish/German lines fit with exact cols");
}

static void
test_wrap_unicode(void)
{
	struct wrap_line *v;
	const char *s;
	size_t n;
	int good = 1;

	WRAP("中华人民共和国", 4, "中华|人民|共和|国", "CJK breaks between ideographs");
	WRAP("中华人民", 3, "中|华|人|民", "CJK in odd width");
	WRAP("中", 1, "中", "wide char in width 1 still placed");
	s = "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81";
	WRAP(s, 2, "e\xcc\x81" "e\xcc\x81|e\xcc\x81" "e\xcc\x81",
	    "combining mark stays with its base");
	s = "xa\xcc\x81\xcc\x82" "b";
	WRAP(s, 2, "xa\xcc\x81\xcc\x82|b", "two marks stay with their base");
	s = "日本語のテキストと English words 混在";
	n = wrap_text(s, strlen(s), 9, &v);
	for (size_t i = 0; i < n; i++)
		if (v[i].cols > 9 || v[i].cols != wrap_width(s + v[i].off,
		    v[i].len))
			good = 0;
	free(v);
	ok(good && n > 2, "mixed CJK/Latin lines fit (%zu lines)", n);
}

/* How many chars of S other than spaces take columns? */
static int
visible_chars(const char *s, size_t n)
{
	int k = 0, l;

	for (size_t i = 0; i < n; i += (size_t)l) {
		l = u8_mblen((const uint8_t *)s + i, n - i);
		if (l < 1)
			l = 1;
		k += s[i] != ' ' && wrap_width(s + i, (size_t)l) > 0;
	}
	return k;
}

/* Checks the lines of S (N bytes) wrapped at W: in order, on character
 * boundaries, exact cols, within W unless one unit, no line starting
 * with a combining mark, every non-space byte shown. */
static int
wrap_invariants(const char *s, size_t n, int w)
{
	struct wrap_line *v;
	size_t k = wrap_text(s, n, w, &v), pos = 0, i;
	char *seen = xcalloc(n + 1, 1);
	int good = 1;

	if (w < 1)
		w = 1;
	for (i = 0; i < k && good; i++) {
		const struct wrap_line *l = &v[i];

		if (l->off < pos || l->off + l->len > n ||
		    u8_check((const uint8_t *)s + l->off, l->len) != NULL ||
		    l->cols != wrap_width(s + l->off, l->len))
			good = 0;
		else if (l->cols > w && visible_chars(s + l->off, l->len) > 1)
			good = 0;	/* too wide, yet more than one word char */
		else if (l->len && (uint8_t)s[l->off] == 0xCC && l->off > 0 &&
		    s[l->off - 1] != '\n' && s[l->off - 1] != ' ')
			good = 0;	/* U+0300..U+033F cut from its base */
		memset(seen + l->off, 1, l->len);
		pos = l->off + l->len;
	}
	for (i = 0; i < n && good; i++)
		if (!seen[i] && s[i] != ' ' && s[i] != '\n')
			good = 0;
	free(seen);
	free(v);
	return good;
}

static void
test_wrap_random(void)
{
	static const char *const piece[] = { "a", "word", " ", "  ", "\n",
	    "中", "文", "\xcc\x81", "ł", "ż", "Grüße", "-", "。", "e\xcc\x81" };
	char in[600];
	int bad = 0;

	srand(3);
	for (int r = 0; r < 3000; r++) {
		size_t n = 0;

		while (n < sizeof in - 8) {
			const char *p = piece[rand() % 14];

			if (rand() % 40 == 0)
				break;
			memcpy(in + n, p, strlen(p));
			n += strlen(p);
		}
		if (!wrap_invariants(in, n, rand() % 22 - 1))
			bad++;
	}
	is_int(bad, 0, "random text: wrap invariants hold");
}

static void
test_wrap_big(void)
{
	size_t big = 200000, n, total = 0, i;
	struct wrap_line *v;
	clock_t t0;
	char *s = xmalloc(big * 2 + 1);

	for (i = 0; i < big; i++)
		memcpy(s + 2 * i, "\xc3\xa9", 2);	/* é: no spaces */
	s[2 * big] = '\0';
	t0 = clock();
	n = wrap_text(s, 2 * big, 80, &v);
	is_int(n, (big + 79) / 80, "200,000-char line: right line count");
	for (i = 0; i < n; i++)
		total += v[i].len;
	is_int(total, 2 * big, "every byte in exactly one line");
	ok((clock() - t0) < CLOCKS_PER_SEC, "200,000-char line is fast");
	free(v);
	free(s);

	big = 30u << 20;	/* 30 MB of prose */
	s = xmalloc(big + 1);
	for (i = 0; i < big; i++)
		s[i] = "lorem ipsum dolor sit amet, consectetur\n"[i % 41];
	s[big] = '\0';
	t0 = clock();
	n = wrap_text(s, big, 20, &v);
	ok(n > big / 41 && (clock() - t0) < 10 * CLOCKS_PER_SEC,
	    "30 MB wrapped (%zu lines)", n);
	free(v);
	free(s);
}

int
main(void)
{
	test_width();
	test_width_clusters();
	test_fit();
	test_wrap_basic();
	test_wrap_unicode();
	test_wrap_random();
	test_wrap_big();
	return tap_done();
}
