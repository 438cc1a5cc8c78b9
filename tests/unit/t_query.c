/* t_query.c: the filter language on a small corpus built by hand. */
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "query.h"
#include "util.h"
#include "tap.h"

static struct ctheme themes[] = {
	{ "energy", "Energy", THEME_LEXICON, 0 },
	{ "sco", "SCO", THEME_LEXICON, 0 },
	{ "luban", "Luban workshops", THEME_LEXICON, 0 },
	{ "d:strategic-partnership", "strategic partnership",
	    THEME_DISCOVERED, 0 },
};

/* Fills article A by hand; HITS is a list of theme indexes, -1 ended. */
static void
art(struct article *a, const char *title, const char *lang,
    const char *date, const char *source, const char *body, const int *hits)
{
	memset(a, 0, sizeof *a);
	a->path = xstrdup(title);
	a->title = xstrdup(title);
	a->source = xstrdup(source);
	snprintf(a->date, sizeof a->date, "%s", date);
	snprintf(a->lang, sizeof a->lang, "%s", lang);
	a->body = xstrdup(body);
	a->body_len = strlen(body);
	while (hits[a->nhits] >= 0)
		a->nhits++;
	a->hits = xcalloc(a->nhits + 1u, sizeof *a->hits);
	for (int i = 0; i < a->nhits; i++)
		a->hits[i].theme = (uint16_t)hits[i];
}

static struct corpus C;

static void
build(void)
{
	static const int h0[] = { 0, 1, -1 }, h1[] = { 2, -1 },
	    h2[] = { 0, 3, -1 }, h3[] = { 2, 0, -1 }, h4[] = { -1 };

	C.n = 5;
	C.v = xcalloc(C.n, sizeof *C.v);
	C.themes = themes;
	C.nthemes = sizeof themes / sizeof *themes;
	C.resident = 1;
	art(&C.v[0], "Energie für Europa", "de", "2024-07-03", "Xinhua",
	    "Die ENERGIE-Kooperation mit Kasachstan. Die Shanghaier "
	    "Organisation.", h0);
	art(&C.v[1], "Spotkanie w Łodzi", "pl", "2024-01-01",
	    "Agencja Łódź", "Prezydent odwiedził Łódź. Warsztat Luban.", h1);
	art(&C.v[2], "Strategic partnership", "en", "", "Xinhua",
	    "A comprehensive strategic partnership and energy cooperation.",
	    h2);
	art(&C.v[3], "Luban Workshop opens", "en", "2023-12-31", "CGTN",
	    "The Luban Workshop trains energy engineers. Partnership is "
	    "strategic.", h3);
	art(&C.v[4], "中国与哈萨克斯坦", "zh", "2025-02-28", "新华网",
	    "中国和哈萨克斯坦的能源合作。", h4);
}

/* The articles QUERY selects, as "0,2", or "ERR: message". */
static const char *
sel(const char *query)
{
	static char out[600];
	unsigned char keep[16];
	char err[512];
	struct query *q;
	size_t i, n, count = 0;

	if ((q = query_parse(query, &C, err, sizeof err)) == NULL) {
		snprintf(out, sizeof out, "ERR: %s", err);
		return out;
	}
	memset(keep, 7, sizeof keep);
	n = query_eval(q, &C, keep);
	out[0] = '\0';
	for (i = 0; i < C.n; i++) {
		if (keep[i] != 0 && keep[i] != 1)
			return "BAD KEEP VALUE";
		if (keep[i]) {
			snprintf(out + strlen(out), sizeof out - strlen(out),
			    "%s%zu", count ? "," : "", i);
			count++;
		}
	}
	query_free(q);
	if (count != n)
		return "BAD COUNT";
	return out;
}

/* Does QUERY fail with a message containing WANT? */
static int
fails_with(const char *query, const char *want)
{
	const char *r = sel(query);

	if (strncmp(r, "ERR: ", 5) == 0 && strstr(r, want) != NULL)
		return 1;
	printf("#   query %s gave: %s\n", query, r);
	return 0;
}

static void
test_themes(void)
{
	is_str(sel(""), "0,1,2,3,4", "empty query selects all");
	is_str(sel("   "), "0,1,2,3,4", "blank query selects all");
	is_str(sel("theme:energy"), "0,2,3", "one theme");
	is_str(sel("theme:energy theme:sco"), "0", "all of");
	is_str(sel("theme:sco,luban"), "0,1,3", "any of");
	is_str(sel("-theme:luban"), "0,2,4", "none of");
	is_str(sel("theme:energy -theme:luban"), "0,2", "mixed");
	is_str(sel("theme:d:strategic-partnership"), "2", "discovered id");
	is_str(sel("theme:D:Strategic-Partnership"), "2", "id folded");
	is_str(sel("THEME:sco"), "0", "field name case-insensitive");
}

static void
test_meta(void)
{
	is_str(sel("lang:pl"), "1", "lang");
	is_str(sel("lang:PL,de"), "0,1", "lang any of");
	is_str(sel("-lang:en"), "0,1,4", "lang negated");
	is_str(sel("source:xinhua"), "0,2", "source ASCII");
	is_str(sel("source:XIN"), "0,2", "source substring, case");
	is_str(sel("source:cgtn,xinhua"), "0,2,3", "source any of");
	is_str(sel("source:cgtn source:xinhua"), "", "source all of");
	is_str(sel("source:cgtn -source:xinhua"), "3", "two source terms");
	is_str(sel("source:lodz"), "1", "source diacritics");
	is_str(sel("source:新华"), "4", "source CJK");
	is_str(sel("-source:xinhua"), "1,3,4", "source negated");
	is_str(sel("source:\"agencja łódź\""), "1", "quoted value");
}

static void
test_dates(void)
{
	is_str(sel("after:2024-01-01"), "0,1,4", "after is inclusive");
	is_str(sel("before:2024-01-01"), "3", "before is strict");
	is_str(sel("after:2024-01-02"), "0,4", "after the day after");
	is_str(sel("before:2024-01-02"), "1,3", "before the day after");
	is_str(sel("after:2024-01-01 before:2024-07-03"), "1", "range");
	is_str(sel("after:2024-01-01"), "0,1,4", "undated: no after:");
	is_str(sel("-after:2024-01-01"), "2,3", "undated: -after: holds");
	is_str(sel("-before:2024-01-01"), "0,1,2,4", "undated: -before: holds");
	is_str(sel("date:2024"), "0,1", "undated: no date:");
	is_str(sel("-date:2024"), "2,3,4", "undated: -date: holds");
	is_str(sel("-date:2024 -after:2025"), "2,3", "undated: two negations");
	is_str(sel("after:2024"), "0,1,4", "year");
	is_str(sel("before:2024-07"), "1,3", "year-month");
	is_str(sel("date:2024"), "0,1", "date: within a year");
	is_str(sel("date:2024-07-03"), "0", "date: one day");
	is_str(sel("after:2024-02-29"), "0,4", "leap day");
	ok(fails_with("after:2023-02-29", "bad date \"2023-02-29\""),
	    "not a leap year");
	ok(fails_with("after:2024-13-01", "bad date"), "month 13");
	ok(fails_with("before:2024-04-31", "bad date"), "April 31");
	ok(fails_with("after:24-01-01", "bad date \"24-01-01\" in "
	    "\"after:24-01-01\""), "short year");
	ok(fails_with("after:2024/01/01", "bad date"), "slashes");
	ok(fails_with("before:yesterday", "bad date"), "words");
}

static void
test_errors(void)
{
	ok(fails_with("foo:bar", "unknown field \"foo\" in \"foo:bar\""),
	    "unknown field");
	ok(fails_with("theme:enrgy", "unknown theme \"enrgy\" (themes: "
	    "energy, sco, luban, d:strategic-partnership)"), "unknown theme");
	ok(fails_with("theme:energy,enrgy", "unknown theme \"enrgy\""),
	    "unknown theme in a list");
	ok(fails_with("theme:", "empty value in \"theme:\""), "empty theme");
	ok(fails_with("theme:energy,", "empty value"), "empty list item");
	ok(fails_with("lang:", "empty value"), "empty lang");
	ok(fails_with("source:", "empty value"), "empty source");
	ok(fails_with("source:a,", "empty value"), "empty source in a list");
	ok(fails_with("lang:polish", "bad language code \"polish\""),
	    "bad lang");
	ok(fails_with("energy \"strategic partner", "unterminated quote in "
	    "\"\"strategic partner\""), "unterminated quote");
	ok(fails_with("source:\"xin", "unterminated quote"),
	    "unterminated quoted value");
	ok(fails_with("- energy", "nothing after '-'"), "lone minus");
	ok(fails_with("energy &&", "nothing to search for in \"&&\""),
	    "punctuation only");
}

static void
test_words(void)
{
	is_str(sel("energie"), "0", "word in title and body");
	is_str(sel("ENERGIE"), "0", "case folded");
	is_str(sel("kooperation"), "0", "word split at a hyphen");
	is_str(sel("lodz"), "1", "diacritics folded");
	is_str(sel("ŁÓDŹ"), "1", "diacritics and case folded");
	is_str(sel("energ"), "", "whole words only");
	is_str(sel("energ*"), "0,2,3", "prefix");
	is_str(sel("energy"), "2,3", "word");
	is_str(sel("energy -luban"), "2", "negated word");
	is_str(sel("\"strategic partnership\""), "2", "phrase");
	is_str(sel("strategic partnership"), "2,3", "words in any order");
	is_str(sel("\"partnership strategic\""), "", "phrase word order");
	is_str(sel("\"comprehensive strat*\""), "2", "phrase with prefix");
	is_str(sel("-\"luban workshop\""), "0,1,2,4", "negated phrase");
	is_str(sel("energy-cooperation"), "2", "hyphenated word is a "
	    "phrase");
	is_str(sel("哈萨克斯坦"), "4", "CJK word");
	is_str(sel("能源"), "4", "CJK in body");
	is_str(sel("theme:energy workshop"), "3", "theme and word");
	is_str(sel("lang:en -theme:luban strategic"), "2", "three kinds");
}

static void
test_highlight(void)
{
	char err[256];
	struct query *q = query_parse("theme:sco ENERGIE -luban "
	    "\"Strategic  Partnership\" energ*", &C, err, sizeof err);
	const char *const *w;

	ok(q != NULL, "parsed");
	if (q == NULL)
		return;
	w = query_words(q);
	is_str(w[0], "energie", "folded word");
	is_str(w[1], "strategic partnership", "phrase, one space");
	is_str(w[2], "energ*", "prefix keeps its star");
	ok(w[3] == NULL, "negated words are not highlighted");
	ok(query_has_words(q), "has words");
	query_free(q);
	q = query_parse("theme:sco lang:de", &C, err, sizeof err);
	ok(q != NULL && !query_has_words(q), "metadata only: no words");
	ok(q != NULL && query_words(q)[0] == NULL, "empty word list");
	query_free(q);
	ok(!query_has_words(NULL) && query_words(NULL)[0] == NULL,
	    "NULL query");
	q = query_parse("theme:energy", NULL, err, sizeof err);
	ok(q == NULL && strstr(err, "no themes loaded") != NULL,
	    "no corpus: no themes");
	q = query_parse("lang:de", NULL, err, sizeof err);
	ok(q != NULL, "no corpus: other terms parse");
	query_free(q);
	q = query_parse("foo:bar", &C, NULL, 0);
	ok(q == NULL, "no error buffer: still refused");
}

int
main(void)
{
	unsigned char keep[5] = { 0 };
	size_t i;

	build();
	is_int(query_eval(NULL, &C, keep), 5, "NULL query selects all");
	ok(keep[0] && keep[4], "and marks them");
	test_themes();
	test_meta();
	test_dates();
	test_errors();
	test_words();
	test_highlight();
	for (i = 0; i < C.n; i++) {
		free(C.v[i].path);
		free(C.v[i].title);
		free(C.v[i].source);
		free(C.v[i].body);
		free(C.v[i].hits);
	}
	free(C.v);
	return tap_done();
}
