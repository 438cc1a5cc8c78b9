/* t_article.c: title, source and body extraction, on made-up articles and
 * on the five sample articles. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "article.h"
#include "boiler.h"
#include "date.h"
#include "lang.h"
#include "paths.h"
#include "tap.h"
#include "util.h"

/* Parses TEXT as an article (text is already clean UTF-8). */
static void
parse(struct article *a, const char *text)
{
	memset(a, 0, sizeof *a);
	article_parse(a, text, strlen(text));
}

static int
has(const char *hay, const char *needle)
{
	return hay != NULL && strstr(hay, needle) != NULL;
}

/* Checks the title and source of TEXT (WANT_BODY: a piece of the body). */
static void
meta_case(const char *text, const char *title, const char *source,
    const char *want_body, const char *name)
{
	struct article a;
	char what[160];

	parse(&a, text);
	snprintf(what, sizeof what, "%s: title", name);
	is_str(a.title, title, what);
	snprintf(what, sizeof what, "%s: source", name);
	is_str(a.source, source, what);
	snprintf(what, sizeof what, "%s: body kept", name);
	ok(want_body == NULL || has(a.body, want_body), "%s", what);
	article_free(&a);
}

/* Banners, breadcrumbs, stamps and datelines are never the title, and
 * a banner never takes the article with it. */
static void
test_banners(void)
{
	meta_case("We use cookies to improve your experience on our site. By "
	    "continuing to browse you agree to our use of cookies.\nAccept all\n"
	    "Manage settings\nRail link opens between the two capitals\n\nThe "
	    "new line cuts the journey from twelve hours to five, officials said "
	    "on Monday at the opening ceremony in the capital.\n",
	    "Rail link opens between the two capitals", "", "cuts the journey",
	    "cookie banner on the first line");
	meta_case("Wir verwenden Cookies, um unsere Website zu verbessern.\n"
	    "Neue Bahnstrecke zwischen den Hauptstädten eröffnet\n\nDie neue "
	    "Strecke verkürzt die Reise von zwölf auf fünf Stunden, sagten "
	    "Vertreter der Bahn am Montag bei der Eröffnung.\n",
	    "Neue Bahnstrecke zwischen den Hauptstädten eröffnet", "",
	    "verkürzt die Reise", "German cookie banner");
	meta_case("Home » Business » Trade\nExports of grain rose by a third "
	    "this year\n\nGrain exports rose by a third in the first half of "
	    "the year, the ministry said, as harvests recovered after the "
	    "drought.\n", "Exports of grain rose by a third this year", "",
	    "Grain exports rose", "breadcrumb");
	meta_case("Startseite > Politik > Ausland\nMinister besuchen die neue "
	    "Grenzstation\n\nDie Minister beider Länder besuchten am Dienstag "
	    "die neue Grenzstation und sprachen über den Handel.\n",
	    "Minister besuchen die neue Grenzstation", "", NULL,
	    "German breadcrumb");
	meta_case("Posted on 3 July 2024 at 10:15\nExports of grain rose by a "
	    "third this year\n\nGrain exports rose by a third in the first half "
	    "of the year, the ministry said, as harvests recovered.\n",
	    "Exports of grain rose by a third this year", "", NULL,
	    "Posted stamp");
	meta_case("Published: 03.07.2024 10:15 | Updated: 04.07.2024\nNew "
	    "bridge opens over the river\n\nThousands of people came to the "
	    "opening of the new bridge on Sunday, which took three years to "
	    "build.\n", "New bridge opens over the river", "", NULL,
	    "Published stamp");
	meta_case("Опубликовано 3 июля 2024, 10:15\nВ столице открыли новый "
	    "мост через реку\n\nТысячи людей пришли на открытие нового моста, "
	    "который строили больше трёх лет, сообщили власти города.\n",
	    "В столице открыли новый мост через реку", "", NULL,
	    "Russian stamp");
	meta_case("新华社阿斯塔纳7月3日电\n中哈两国签署新的合作协议\n\n"
	    "国家主席习近平3日在阿斯塔纳同哈萨克斯坦总统托卡耶夫举行会谈，"
	    "双方签署了多项合作文件，涉及贸易、能源和交通等领域。\n",
	    "中哈两国签署新的合作协议", "新华社", "举行会谈",
	    "Xinhua dateline on its own line");
}

/* Agency credits in the forms wire copy uses. */
static void
test_credits(void)
{
	meta_case("Grain exports rise\n\nASTANA, July 3 (Xinhua) - Grain "
	    "exports rose by a third in the first half of the year, the "
	    "ministry said on Wednesday in the capital.\n",
	    "Grain exports rise", "Xinhua", NULL, "(Xinhua) -");
	meta_case("Grain exports rise\n\nWASHINGTON, March 3 (Reuters) - "
	    "Grain exports rose by a third in the first half of the year, the "
	    "department said on Monday in a report.\n",
	    "Grain exports rise", "Reuters", NULL, "(Reuters) -");
	meta_case("Экспорт зерна вырос на треть\n\nАСТАНА, 3 июля. /ТАСС/. "
	    "Экспорт зерна из страны вырос на треть в первом полугодии, "
	    "сообщили в министерстве сельского хозяйства.\n",
	    "Экспорт зерна вырос на треть", "ТАСС", NULL, "/ТАСС/");
	meta_case("Экспорт зерна вырос на треть\n\nМОСКВА, 3 июл — РИА "
	    "Новости. Экспорт зерна из страны вырос на треть в первом "
	    "полугодии, сообщили в министерстве сельского хозяйства.\n",
	    "Экспорт зерна вырос на треть", "РИА Новости", NULL,
	    "— РИА Новости");
	meta_case("中哈两国签署新的合作协议\n\n新华社阿斯塔纳7月3日电（记者 张三）"
	    "国家主席习近平3日在阿斯塔纳同哈萨克斯坦总统托卡耶夫举行会谈，"
	    "双方签署了多项合作文件。\n", "中哈两国签署新的合作协议",
	    "新华社", "举行会谈", "新华社…电 in the lead");
	meta_case("Les exportations de céréales progressent\n\nLes exportations "
	    "de céréales ont progressé d'un tiers au premier semestre, a "
	    "indiqué le ministère mercredi dans la capitale.\n© AFP 2024\n",
	    "Les exportations de céréales progressent", "AFP",
	    "ont progressé", "© AFP 2024");
	meta_case("Eksport zboża wzrósł o jedną trzecią\n\nEksport zboża "
	    "wzrósł o jedną trzecią w pierwszym półroczu, poinformowało w "
	    "środę ministerstwo rolnictwa w stolicy kraju.\n(c) 2024 PAP. "
	    "Wszelkie prawa zastrzeżone.\n",
	    "Eksport zboża wzrósł o jedną trzecią", "PAP", NULL,
	    "(c) 2024 PAP");
	meta_case("Getreideexporte steigen kräftig\n\nDie Getreideexporte sind im "
	    "ersten Halbjahr um ein Drittel gestiegen, teilte das Ministerium "
	    "am Mittwoch in der Hauptstadt mit.\nCopyright 2024 dpa\n",
	    "Getreideexporte steigen kräftig", "dpa", NULL,
	    "Copyright 2024 dpa");
	meta_case("Grain exports rise\n\nThe photo shows the harvest in the "
	    "north (Xinhua/Zhai Jianlan)\nGrain exports rose by a third in the "
	    "first half of the year, the ministry said on Wednesday.\n",
	    "Grain exports rise", "", NULL, "a photo credit is no source");
}

static void
test_titles(void)
{
	struct article a;

	parse(&a, "Baidu\n\nXi Jinping holds talks with the president\n\n"
	    "2024-07-03 19:56:10\nShare:\n\nThe two leaders met in Astana on "
	    "Wednesday and agreed to deepen cooperation in many fields.\n");
	is_str(a.title, "Xi Jinping holds talks with the president",
	    "a one-word site name before the title is skipped");
	ok(!has(a.body, "Baidu") && !has(a.body, "Share:"),
	    "site name and share widget not in the body");
	article_free(&a);

	parse(&a, "Source: Xinhua\nEditor: huaxia\n2024-07-03 21:51:30\n"
	    "ASTANA, July 3 (Xinhua) -- China and Kazakhstan are companions on "
	    "the path to modernization, said Chinese President Xi Jinping here "
	    "Wednesday when jointly meeting the press.\nMore text follows here "
	    "in a second paragraph that is long enough to be prose.\n");
	is_str(a.title, "China and Kazakhstan are companions on the path to "
	    "modernization", "no title line: a short title from the lead");
	is_str(a.source, "Xinhua", "Source: label");
	ok(!has(a.body, "Editor") && !has(a.body, "Source:"),
	    "editor and source lines not in the body");
	ok(has(a.body, "ASTANA, July 3"), "the dateline stays in the body");
	article_free(&a);

	parse(&a, "Headline that is short but real\n\n"
	    "A lead paragraph which says what happened, where and when, at "
	    "enough length to be a paragraph of prose.\n");
	is_str(a.title, "Headline that is short but real", "plain title line");
	is_str(a.source, "", "no source: empty");
	article_free(&a);

	parse(&a, "Xi says China ready to work with Kazakhstan |\nFrom:Agency "
	    "| Date Add in:2025-06-17 08:48:02 [A A] |\nASTANA, June 16 (Xinhua) "
	    "-- Chinese President Xi Jinping said on Monday that China stands "
	    "ready to work with Kazakhstan. |\n");
	is_str(a.title, "Xi says China ready to work with Kazakhstan",
	    "trailing ' |' separator dropped from the title");
	is_str(a.source, "Xinhua", "a dateline agency beats a From: line");
	ok(!has(a.body, "Date Add in") && !has(a.body, "[A A]"),
	    "header stamp line not in the body");
	article_free(&a);

	/* a headline of two words, first and before the prose */
	parse(&a, "Markets rally\n\nShares rose sharply on Monday after the "
	    "central bank said it would keep interest rates unchanged.\n");
	is_str(a.title, "Markets rally", "a two-word headline is the title");
	ok(!has(a.body, "Markets rally"), "and not in the body");
	article_free(&a);
	parse(&a, "China Daily\n\nLeaders agree on a new railway plan\n\n"
	    "The two leaders met in Astana on Wednesday and agreed to build a "
	    "new railway between the two countries.\n");
	is_str(a.title, "Leaders agree on a new railway plan",
	    "two words before another header line: a site name, not the title");
	article_free(&a);
	parse(&a, "Top stories\n\nShares rose sharply on Monday after the "
	    "central bank said it would keep interest rates unchanged.\n");
	ok(strcmp(a.title, "Top stories") != 0 && !has(a.body, "Top stories"),
	    "a section heading is no title");
	article_free(&a);

	parse(&a, "");
	is_str(a.title, "", "empty text: empty title");
	is_int(a.body_len, 0, "empty text: empty body");
	article_free(&a);
}

static void
test_bodies(void)
{
	struct article a;

	parse(&a, "A title for the body test\n\nFirst paragraph of the article "
	    "is here, and it is long enough to be prose for sure.\n \nSecond "
	    "paragraph, also long enough to count as a real paragraph.\n\n"
	    "Diesen Artikel DruckenMerkenSendenFeedback\n\nQuelle: CRI\n\n"
	    "Schlagworte: Kasachstan,Partnerschaft\n");
	ok(has(a.body, "First paragraph") && has(a.body, "\n\nSecond"),
	    "paragraphs kept, separated by one blank line");
	ok(!has(a.body, "Drucken") && !has(a.body, "Schlagworte") &&
	    !has(a.body, "Quelle"), "widgets, source and tag lines dropped");
	is_str(a.source, "CRI", "Quelle: label");
	article_free(&a);

	parse(&a, "Title of an article with a cookie notice\n\nThe article text "
	    "itself, which is long enough to be a paragraph of prose here.\n\n"
	    "Our Privacy Statement & Cookie Policy\n\nBy continuing to browse "
	    "our site you agree to our use of cookies.\nI agree\n");
	ok(!has(a.body, "Privacy") && !has(a.body, "cookies") &&
	    !has(a.body, "I agree"), "cookie notice cut from the body");
	article_free(&a);

	parse(&a, "Title of an article with tag lines\n\nThe article text "
	    "itself, which is long enough to be a paragraph of prose here.\n\n"
	    "Agency / Current\n\nPeople Places Things Current News\n\n"
	    "Leave a Comment\n");
	ok(has(a.body, "prose here.") && !has(a.body, "Current") &&
	    !has(a.body, "Comment"), "trailing tag lines trimmed");
	article_free(&a);
}

/* The five sample articles, as shipped. */
static void
test_samples(void)
{
	static const struct {
		const char *file, *title, *source, *date, *lang;
	} want[] = {
		{ "000_b552a4a843a8c362.txt", "China und Kasachstan für "
		    "ständige umfassende strategische Partnerschaft", "CRI",
		    "2019-09-12", "de" },
		{ "001_dedb6af14ab0635c.txt", "Xi Jinping przeprowadził "
		    "rozmowy z prezydentem Kazachstanu", "", "2024-07-03", "pl" },
		{ "002_d4b47ef68aae7118.txt", "Xi says China ready to work "
		    "with Kazakhstan to contribute more to regional, world peace "
		    "and development", "Xinhua", "2025-06-17", "en" },
		{ "003_76a0430b942b8f9f.txt", "Chinese Foreign Minister: China "
		    "and Kazakhstan will jointly build bilateral relations in the "
		    "next 30 golden years", "Xinhua", "", "en" },
		{ "004_04b1ac220f639b5e.txt", "China and Kazakhstan are "
		    "companions on the path to modernization", "Xinhua",
		    "2024-07-03", "en" },
	};
	char path[4096], err[256];
	struct article a;
	size_t i;

	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		snprintf(path, sizeof path, "%s/articles/%s", paths_datadir(),
		    want[i].file);
		ok(article_load(&a, path, err, sizeof err) == 0, "load %s",
		    want[i].file);
		is_str(a.title, want[i].title, "sample title");
		is_str(a.source, want[i].source, "sample source");
		is_str(a.date, want[i].date, "sample date");
		is_str(a.lang, want[i].lang, "sample language");
		ok(a.body_len > 500 && !has(a.body, "Cookie") &&
		    !has(a.body, "Leave a Comment") && !has(a.body, "Podziel"),
		    "sample body is clean");
		ok(!has(a.body, "\xc3\xa2\xe2\x80\x93"), "no mojibake left");
		article_free(&a);
	}
}

/* boiler_match: case folding of every script and the first-byte filter
 * that picks which patterns run must not change what matches. */
static void
test_boiler(void)
{
	char *v = NULL;

	ok(boiler_match("ИСТОЧНИК: Синьхуа", strlen("ИСТОЧНИК: Синьхуа"),
	    &v) == BOILER_SOURCE && v != NULL && strcmp(v, "Синьхуа") == 0,
	    "upper-case Cyrillic source line, value as written");
	free(v);
	v = NULL;
	ok(boiler_match("SOURCE: Xinhua | Beijing", 24, &v) == BOILER_SOURCE &&
	    v != NULL && strcmp(v, "Xinhua ") == 0, "ASCII source, cut at |");
	free(v);
	ok(boiler_match("MIS À JOUR: hier", strlen("MIS À JOUR: hier"), NULL) ==
	    BOILER_META, "upper-case accented meta line");
	ok(boiler_match("News. Date Added in: 2024", 25, NULL) == BOILER_META,
	    "an unanchored pattern still runs on every line");
	ok(boiler_match("İSTANBUL ΣΑΣ: tags", strlen("İSTANBUL ΣΑΣ: tags"),
	    NULL) == BOILER_NONE, "special case mappings: no false match");
	ok(boiler_match("Tags: a, b", 10, NULL) == BOILER_DROP, "tag line");
	ok(boiler_match("Xinhua reports that the talks went well", 39, NULL) ==
	    BOILER_NONE, "prose is not boilerplate");
}

/* Patterns the boilerplate prefilter (first characters, literals) has to
 * get right: optional groups, brackets, multibyte characters, repeats of
 * a character's last byte, unanchored literals, U+0130 and the Kelvin
 * sign, which lower-case to ASCII. */
static void
test_boiler_prefilter(void)
{
	static const char *const pats =
	    "drop\t^(ab|cd)?x+y$\n"
	    "meta\t^[^a]bc$\n"
	    "tail\t^\xc3\xa9?z$\n"
	    "drop\t^(\xd0\xbf\xd1\x80|[0-9])q\n"
	    "meta\tmid(dle)? word\n"
	    "drop\t^(\xc3\xa9t\xc3\xa9|x{0,2})w$\n"
	    "meta\tkey\\.\n"
	    "source\t^(iy|zz)[ ]*:[ ]*(.+)\n";
	char path[] = "/tmp/t_article.XXXXXX", *v = NULL;
	int fd = mkstemp(path);
	FILE *fp;

	ok(fd != -1 && (fp = fdopen(fd, "w")) != NULL && fputs(pats, fp) >= 0 &&
	    fclose(fp) == 0, "test patterns written");
	boiler_free();
	ok(boiler_load(path) == 0, "test patterns load");
	unlink(path);
#define BM(s) boiler_match(s, strlen(s), NULL)
	is_int(BM("XXY"), BOILER_DROP, "optional group, repeat");
	is_int(BM("cdxy"), BOILER_DROP, "group alternative");
	is_int(BM("Zbc"), BOILER_META, "complemented bracket");
	is_int(BM("abc"), BOILER_NONE, "complemented bracket, no");
	is_int(BM("\xc3\x89Z"), BOILER_TAIL, "upper-case multibyte first");
	is_int(BM("\xc3\xa9Z"), BOILER_TAIL, "multibyte, repeated last byte");
	is_int(BM("Z"), BOILER_NONE, "a repeat takes the last byte only");
	is_int(BM("\xd0\x9f\xd0\xa0q"), BOILER_DROP, "Cyrillic, upper case");
	is_int(BM("7Q"), BOILER_DROP, "digit bracket");
	is_int(BM("a MID WORD here"), BOILER_META, "unanchored literal");
	is_int(BM("a middle word"), BOILER_META, "unanchored, group");
	is_int(BM("a mid-word"), BOILER_NONE, "unanchored, no");
	is_int(BM("\xc3\x89T\xc3\x89w"), BOILER_DROP, "multibyte branch");
	is_int(BM("w"), BOILER_DROP, "nullable branch");
	is_int(BM("xxw"), BOILER_DROP, "interval from 0");
	is_int(BM("the \xe2\x84\xaa" "EY."), BOILER_META, "Kelvin sign is k");
	is_int(BM("\xc4\xb0y: Agency"), BOILER_NONE,
	    "U+0130 is i + U+0307, not i");
	is_int(boiler_match("ZZ : Some Agency", 16, &v), BOILER_SOURCE,
	    "source pattern");
	is_str(v, "Some Agency", "source value from the original");
	free(v);
	is_int(BM(""), BOILER_NONE, "empty line");
#undef BM
	boiler_free();
}

int
main(void)
{
	char path[4096];

	warn_quiet = 1;
	snprintf(path, sizeof path, "%s/boilerplate.txt", paths_datadir());
	ok(boiler_load(path) == 0, "boilerplate patterns load");
	lang_init(paths_datadir());
	test_boiler();
	test_titles();
	test_banners();
	test_credits();
	test_bodies();
	test_samples();
	test_boiler_prefilter();
	lang_free();
	return tap_done();
}
