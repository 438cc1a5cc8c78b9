/* t_date.c: date formats in every language, false positives, date_find on the samples. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "decode.h"
#include "util.h"
#include "paths.h"
#include "sample.h"
#include "tap.h"

/* Checks that S parses as Y-M-D (Y 0: no year) consuming WANT_LEN bytes
 * (0: any non-zero length). */
static void
parses(const char *s, int y, int m, int d, size_t want_len)
{
	int gy = -1, gm = -1, gd = -1;
	size_t n = date_parse(s, strlen(s), &gy, &gm, &gd);

	ok(n > 0 && gy == y && gm == m && gd == d &&
	    (want_len == 0 || n == want_len),
	    "parse \"%s\" -> %04d-%02d-%02d (got %04d-%02d-%02d, %zu bytes)",
	    s, y, m, d, gy, gm, gd, n);
}

/* Checks that S does not start with a date. */
static void
rejects(const char *s)
{
	int y, m, d;
	size_t n = date_parse(s, strlen(s), &y, &m, &d);

	ok(n == 0, "no date at \"%s\" (got %zu bytes: %d-%d-%d)", s, n, y, m,
	    d);
}

/* Checks date_find on a whole text. */
static void
finds(const char *text, const char *want, const char *name)
{
	char out[11] = "garbage";
	int rc = date_find(text, strlen(text), out);

	is_str(out, want, name);
	is_int(rc, want[0] ? 0 : -1, "return code");
}

static void
test_numeric(void)
{
	parses("12.09.2019", 2019, 9, 12, 10);
	parses("12/09/2019", 2019, 9, 12, 10);
	parses("09/13/2019", 2019, 9, 13, 10);	/* M > 12: M/D/Y */
	parses("3.7.2024", 2024, 7, 3, 8);
	parses("03-07-2024", 2024, 7, 3, 10);
	parses("2024-07-03 19:56:10", 2024, 7, 3, 19);
	parses("2024-07-03T19:56:10Z", 2024, 7, 3, 20);
	parses("2024-07-03T19:56:10+05:00 rest", 2024, 7, 3, 25);
	parses("2024-07-03", 2024, 7, 3, 10);
	parses("2024/7/3", 2024, 7, 3, 8);
	parses("2024.07.03.", 2024, 7, 3, 10);
	parses("12.09.2019 14:30 Uhr", 2019, 9, 12, 16);
	parses("2024-07-03 remaining", 2024, 7, 3, 10);
}

static void
test_words_en_de_fr(void)
{
	parses("June 6", 0, 6, 6, 6);
	parses("June 6, 2023", 2023, 6, 6, 12);
	parses("6 June 2023", 2023, 6, 6, 11);
	parses("July 3, 2024. (Xinhua)", 2024, 7, 3, 12);
	parses("Jan. 5, 2020", 2020, 1, 5, 0);
	parses("Sept. 30 2021", 2021, 9, 30, 0);
	parses("Dec 25th, 2022", 2022, 12, 25, 0);
	parses("JULY 3 2024", 2024, 7, 3, 0);
	parses("3. Juli 2024", 2024, 7, 3, 12);
	parses("1. Okt. 2024", 2024, 10, 1, 0);
	parses("5. März 2020", 2020, 3, 5, 0);
	parses("5. Maerz 2020", 2020, 3, 5, 0);
	parses("24. Dezember", 0, 12, 24, 0);
	parses("16 juin 2025", 2025, 6, 16, 12);
	parses("1er juillet 2024", 2024, 7, 1, 16);
	parses("3 février 2022", 2022, 2, 3, 0);
	parses("3 fevrier 2022", 2022, 2, 3, 0);
	parses("15 août 2021", 2021, 8, 15, 0);
	parses("15 aout 2021", 2021, 8, 15, 0);
	parses("7 janv. 2023", 2023, 1, 7, 0);
	parses("12 déc. 2019", 2019, 12, 12, 0);
}

static void
test_words_pl_ru_kk_zh(void)
{
	parses("3 lipca", 0, 7, 3, 7);
	parses("3 lipca 2024", 2024, 7, 3, 12);
	parses("3 lipca 2024 r. w Astanie", 2024, 7, 3, 15);
	parses("1 stycznia 2020", 2020, 1, 1, 0);
	parses("12 października 2023", 2023, 10, 12, 0);
	parses("12 pazdziernika 2023", 2023, 10, 12, 0);
	parses("31 grudnia 1999", 1999, 12, 31, 0);
	parses("5 września", 0, 9, 5, 0);
	parses("Lipiec 3, 2024", 2024, 7, 3, 0);
	parses("Styczeń 9", 0, 1, 9, 0);
	parses("3 июля 2024 года", 2024, 7, 3, strlen("3 июля 2024 года"));
	parses("3 июля 2024 г.", 2024, 7, 3, strlen("3 июля 2024 г."));
	parses("3 июля", 0, 7, 3, 0);
	parses("Июль 3, 2024", 2024, 7, 3, 0);
	parses("3-го мая 2021", 2021, 5, 3, 0);
	parses("1 сент. 2020", 2020, 9, 1, 0);
	parses("2024年7月3日", 2024, 7, 3, strlen("2024年7月3日"));
	parses("2024 年 7 月 3 日", 2024, 7, 3, 0);
	parses("7月3日电", 0, 7, 3, strlen("7月3日"));
	parses("２０２４年７月３日", 2024, 7, 3, 0);
	parses("2024 жылғы 3 шілде", 2024, 7, 3, strlen("2024 жылғы 3 шілде"));
	parses("2024 ж. 3 шілдеде", 2024, 7, 3, 0);
	parses("3 шілде 2024", 2024, 7, 3, 0);
	parses("17 маусым 2025 ж.", 2025, 6, 17, 0);
	parses("1 қаңтар", 0, 1, 1, 0);
	parses("25 желтоқсан 2020", 2020, 12, 25, 0);
}

static void
test_invalid(void)
{
	rejects("31.02.2024");
	rejects("29.02.2023");
	rejects("12.13.2024");
	rejects("2024-13-01");
	rejects("2024-02-30");
	rejects("31 June 2020");
	rejects("0 July");
	rejects("12.09.1850");
	rejects("12.09.2150");
	rejects("32 latach");
	rejects("30 golden years");
	rejects("70-jährigen");
	rejects("5G network");
	rejects("2 + 2");
	rejects("1.5 million");
	rejects("1.2.2020.5");
	rejects("version 2.10.2021");
	rejects("+7 7172 123456");
	rejects("19:56:10");
	rejects("June 2023");
	rejects("");
	rejects("list 3 items");
	rejects("2024");
	rejects("2024年");
	rejects("Mayor 5 said");
	rejects("12.09.2019.3");
	parses("29.02.2024", 2024, 2, 29, 0);
	parses("June 6, 20235", 0, 6, 6, 6);	/* no five-digit years */
	parses("3 lipca 1850", 0, 7, 3, 7);	/* out of range: no year */
}

static void
test_valid_iso(void)
{
	ok(date_valid_iso("2024-07-03"), "valid 2024-07-03");
	ok(date_valid_iso("2024-02-29"), "valid leap day");
	ok(date_valid_iso("2000-02-29"), "valid 2000 leap day");
	ok(!date_valid_iso("1900-02-29"), "1900 is no leap year");
	ok(!date_valid_iso("2023-02-29"), "2023 is no leap year");
	ok(!date_valid_iso("2024-13-01"), "month 13");
	ok(!date_valid_iso("2024-04-31"), "April 31");
	ok(!date_valid_iso("2024-7-03"), "short month");
	ok(!date_valid_iso("2024-07-03x"), "trailing junk");
	ok(!date_valid_iso("2024/07/03"), "wrong separator");
	ok(!date_valid_iso(""), "empty");
	ok(!date_valid_iso("2024-00-10"), "month 0");
}

static void
test_find_texts(void)
{
	finds("Title\n\nDate Add in:2025-06-17 08:48:02 [A A]\nBody.\n",
	    "2025-06-17", "Date Add in: line");
	finds("Title\nASTANA, July 3 (Xinhua) -- text.\n2\n3\n4\n5\n6\n7\n8\n"
	    "9\n10\n11\n12\n13\n14\n15\n16\nOn July 5, 2024, more.\n",
	    "2024-07-03", "dateline, year from a date after the head");
	finds("Title\nASTANA, July 3 (Xinhua) -- on July 1, 2024 they met.\n",
	    "2024-07-03", "a dateline beats an event date in its sentence");
	finds("Title\nNur-Sultan, June 6 (Xinhua) -- the next 30 golden "
	    "years. 2 + 2 and 5G.\n", "", "no year anywhere");
	finds("Title\nMonday, June 6 | 2022\nText.\n", "2022-06-06",
	    "year written next to a partial date");
	finds("Title\nText with 1.5 million and version 2.10.2021.5.\n", "",
	    "no dates among numbers");
	finds("A\nB\nC\nD\nE\nF\nG\nH\nI\nJ\nK\nL\nM\nN\nO\nP\nQ\n"
	    "Published 3 июля 2024 года.\n", "2024-07-03",
	    "a complete date after the head");
	finds("新华社阿斯塔纳2024年7月3日电 习近平\n", "2024-07-03",
	    "Han text runs into the date");
	finds("", "", "empty text");
	finds("Wednesday, June 6 (Xinhua)\nNo year, only 1.5 million and 30 "
	    "years.\n", "", "a weekday is no year");
	finds("标题\n（2023年）阿斯塔纳7月3日电\n", "2023-07-03",
	    "a Han partial date with its year next to it");
	finds("Call +7 7172 12 34 56 or 8-800-2024\n", "", "phone numbers");
}

/* Every month form of the seven languages: CLDR's abbreviated and full
 * names in all their grammatical cases. */
static void
test_month_forms(void)
{
	parses("21 Sty 2024", 2024, 1, 21, 0);
	parses("21 kwi 2024", 2024, 4, 21, 0);
	parses("21 Kwie 2024", 2024, 4, 21, 0);
	parses("21 paź 2024", 2024, 10, 21, 0);
	parses("21 Pazdziernika 2024", 2024, 10, 21, 0);
	parses("21 sie 2024", 2024, 8, 21, 0);
	parses("21 lis 2024", 2024, 11, 21, 0);
	parses("21 Styczniu 2024", 2024, 1, 21, 0);
	parses("21. Feber 2024", 2024, 2, 21, 0);
	parses("21. Mrz 2024", 2024, 3, 21, 0);
	parses("21. Jän. 2024", 2024, 1, 21, 0);
	parses("21 aoû 2024", 2024, 8, 21, 0);
	parses("21 қаң 2024", 2024, 1, 21, 0);
	parses("2024 жылғы 21 жел", 2024, 12, 21, 0);
	parses("2024 жылғы 5 шілдеде", 2024, 7, 5, 0);
	parses("5 шілденің 2024", 2024, 7, 5, 0);
	parses("5 қазандағы", 0, 10, 5, 0);
	parses("12 желтоқсаннан 2023", 2023, 12, 12, 0);
	parses("2 нояб. 2020", 2020, 11, 2, 0);
	parses("2 Сен 2020", 2020, 9, 2, 0);
	/* abbreviations that are words too need a year */
	rejects("3 sie");
	rejects("5 там");
	rejects("2 қар жауды");
	rejects("3 lis w lesie");
	parses("3 lipca", 0, 7, 3, 0);
}

/* Chinese numerals, a day without 日, hyphenated day-month-year. */
static void
test_cjk_hyphen(void)
{
	parses("2024年一月21日", 2024, 1, 21, 0);
	parses("2024年十二月三十一日", 2024, 12, 31, 0);
	parses("二〇二四年七月三日", 2024, 7, 3, 0);
	parses("七月二十日", 0, 7, 20, 0);
	parses("2016年6月29", 2016, 6, 29, strlen("2016年6月29"));
	parses("2016年6月29，晴", 2016, 6, 29, 0);
	parses("7月3号", 0, 7, 3, 0);
	rejects("6月29家企业");	/* no year, no 日: a count */
	rejects("2016年6月29家");
	rejects("二〇二年七月三日");	/* a three-digit year is none */
	rejects("七月四十日");
	parses("12-Mar-2014", 2014, 3, 12, strlen("12-Mar-2014"));
	parses("12-Mär-2014", 2014, 3, 12, 0);
	parses("03-Sept-2019 10:00", 2019, 9, 3, 0);
	parses("3 Mar 2014", 2014, 3, 3, 0);
	rejects("12-Mar");
	rejects("12-Mar-20145");
	finds("新华社阿斯塔纳二〇二四年七月三日电\n", "2024-07-03",
	    "Chinese numerals glued to Han text");
	finds("标题\n十二月三日\n2024年\n", "", "十二月: no 二月 inside it");
}

/* US month-first order where the text shows it, and the order setting. */
static void
test_order(void)
{
	char out[11];
	const char *us = "Title\nWASHINGTON, March 3 (Reuters) - Text.\n"
	    "Filed 03/04/2024 by staff.\n";
	const char *eu = "Title\nPosted 03/04/2024\nText.\n";
	const char *mixed = "Title\nMarch 5, 2024 03/04/2024\n";

	finds(us, "2024-03-03", "US dateline, year from the numeric date");
	finds("Title\nPosted 03/04/2024 and due 05/20/2024.\n",
	    "2024-03-04", "a day above 12 makes the text month first");
	finds("Title\nPosted 03/04/2024 and due 20/05/2024.\n",
	    "2024-04-03", "a day above 12 first: day first");
	finds("Title\nMarch 5, 2024\nThe meeting of 03/04/2024 ended.\n",
	    "2024-03-05", "US month-name date");
	finds(eu, "2024-04-03", "no sign: day first");
	date_find_order(eu, strlen(eu), DATE_ORDER_MDY, out);
	is_str(out, "2024-03-04", "order setting: month first");
	date_find_order(mixed, strlen(mixed), DATE_ORDER_DMY, out);
	is_str(out, "2024-03-05", "order setting day first keeps word dates");
	date_find_order(eu, strlen(eu), DATE_ORDER_DMY, out);
	is_str(out, "2024-04-03", "order setting: day first");
	date_find_order("Title\nPosted 03/15/2024\n", 23, DATE_ORDER_DMY, out);
	is_str(out, "2024-03-15", "day first setting: a day above 12 still tells");
	{	/* no date in the head: the first complete one of the text */
		static const char far[] = "Title\na\nb\nc\nd\ne\nf\ng\nh\ni\n"
		    "j\nk\nl\nm\nn\no\np\nThe report of 03/04/2024 is late.\n";

		date_find_order(far, sizeof far - 1, DATE_ORDER_MDY, out);
		is_str(out, "2024-03-04",
		    "month first setting: a slashed date below the head too");
		date_find_order(far, sizeof far - 1, DATE_ORDER_AUTO, out);
		is_str(out, "2024-04-03", "and day first without it");
	}
	ok(date_order_parse("auto") == DATE_ORDER_AUTO &&
	    date_order_parse("DMY") == DATE_ORDER_DMY &&
	    date_order_parse("mdy") == DATE_ORDER_MDY, "auto, dmy, mdy named");
	ok(date_order_parse("ymd") == -1 && date_order_parse("") == -1 &&
	    date_order_parse("md") == -1, "anything else refused");
}

/* The byline or publication stamp beats event dates of the lead. */
static void
test_publication(void)
{
	finds("Title\nThe summit of 12 March 2024 in Astana brought leaders of "
	    "five countries together for talks on trade.\nBy Anna Smith | 14 "
	    "March 2024\n", "2024-03-14", "byline after the lead");
	finds("Title\nНа встрече 1 июля 2024 года в Астане министры обсудили "
	    "торговлю, энергетику и транспорт между странами.\n"
	    "Опубликовано: 3 июля 2024\n", "2024-07-03", "ru stamp");
	finds("Title\nAm 1. Juli 2024 trafen sich die Minister in Astana und "
	    "sprachen über Handel und Energie und Verkehr.\n"
	    "Veröffentlicht am 03.07.2024, 10:15 Uhr\n", "2024-07-03",
	    "de stamp");
	finds("Title\nThe deal was signed on 1 July 2024 by ministers from five "
	    "countries who met in the capital for two days of talks.\n",
	    "2024-07-01", "only a date in a sentence: still a date");
}

/* Reads a sample article the way the corpus does and finds its date. */
static void
find_article(const char *dir, const char *name, const char *want)
{
	char out[11] = "garbage", *text;
	size_t tlen;

	if ((text = sample_text(dir, name, &tlen)) == NULL) {
		ok(0, "read %s", name);
		return;
	}
	date_find(text, tlen, out);
	is_str(out, want, name);
	free(text);
}

int
main(void)
{
	const char *dir = paths_datadir();

	test_numeric();
	test_words_en_de_fr();
	test_words_pl_ru_kk_zh();
	test_invalid();
	test_valid_iso();
	test_find_texts();
	test_month_forms();
	test_cjk_hyphen();
	test_order();
	test_publication();
	find_article(dir, "000_b552a4a843a8c362.txt", "2019-09-12");
	find_article(dir, "001_dedb6af14ab0635c.txt", "2024-07-03");
	find_article(dir, "002_d4b47ef68aae7118.txt", "2025-06-17");
	find_article(dir, "003_76a0430b942b8f9f.txt", "");
	find_article(dir, "004_04b1ac220f639b5e.txt", "2024-07-03");
	return tap_done();
}
