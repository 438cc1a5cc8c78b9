/* t_story.c: stories across languages and distractors; timeline periods and sparklines. */
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "entity.h"
#include "number.h"
#include "text.h"
#include "story.h"
#include "timeline.h"
#include "util.h"
#include "tap.h"

static struct ctheme themes[] = {
	{ "energy", "Energy", THEME_LEXICON, 0 },
	{ "luban", "Luban workshops", THEME_LEXICON, 0 },
};
static struct corpus C;

/* Adds an article (resident BODY) with theme T (-1: none) to C. */
static void
art(const char *lang, const char *date, int t, const char *body)
{
	struct article *a;

	C.v = xreallocarray(C.v, C.n + 1, sizeof *C.v);
	a = &C.v[C.n++];
	memset(a, 0, sizeof *a);
	a->path = xstrdup(body);
	a->title = xstrdup(body);
	a->source = xstrdup("");
	snprintf(a->date, sizeof a->date, "%s", date);
	snprintf(a->lang, sizeof a->lang, "%s", lang);
	a->body = xstrdup(body);
	a->body_len = strlen(body);
	if (t >= 0) {
		a->hits = xcalloc(1, sizeof *a->hits);
		a->hits[0].theme = (uint16_t)t;
		a->nhits = 1;
		themes[t].count++;
	}
}

/* Are articles A and B in one story? */
static int
same(size_t a, size_t b)
{
	const struct story_index *si = story_index(&C);

	return si->of[a] == si->of[b];
}

/* The value of the first number in S (-1 when none), and in *NTOK the
 * tokens it took. */
static double
value(const char *s, size_t *ntok)
{
	struct fold_cache *fc = fold_cache_new();
	struct token *tok = NULL;
	size_t cap = 0, n = text_tokens(s, strlen(s), fc, &tok, &cap), j;
	double v = -1;

	for (j = 0; j < n; j++) {
		size_t at = j;

		if (number_at(s, tok, n, &j, &v)) {
			*ntok = j - at + 1;
			break;
		}
	}
	free(tok);
	fold_cache_free(fc);
	return v;
}

/* Amounts across languages and scripts. */
static void
number_tests(void)
{
	size_t k;

	ok(value("1.2 million", &k) == 1.2e6 && value("1,2 миллиона", &k) ==
	    1.2e6 && value("120万标准箱", &k) == 1.2e6 && value("1 200 000",
	    &k) == 1.2e6, "1.2 million in en ru zh and digits");
	ok(value("3,5 миллиарда", &k) == 3.5e9 && value("35亿立方米", &k) ==
	    3.5e9 && value("3.5 billion", &k) == 3.5e9 && value("3,5 mld",
	    &k) == 3.5e9 && value("3,5 Milliarden", &k) == 3.5e9,
	    "3.5 billion");
	ok(value("100,000 containers", &k) == 1e5 && k == 2 &&
	    value("10万", &k) == 1e5 && value("100\u00a0000", &k) == 1e5,
	    "thousands groups");
	ok(value("700 milionów euro", &k) == 7e8 && value("5 тыс. тонн", &k)
	    == 5e3, "inflected and abbreviated scales");
	ok(value("2024-07-03", &k) == 2024 && k == 1, "a date is not a sum");
	ok(value("no digits here", &k) == -1, "no number");
	ok(value("1234567890123456789 x", &k) == -1, "an over-long digit run");
}

/* Has article I the Luban theme (1)? */
static int
has_luban(const struct corpus *c, size_t i, void *arg)
{
	(void)arg;
	return c->v[i].nhits > 0 && c->v[i].hits[0].theme == 1;
}

/* The month of DATE the long way: its day number's civil date. */
static int32_t
month_slow(const char *date)
{
	int32_t z = timeline_period(date, BY_DAY);
	char l[32];
	int y, m, d;

	if (z == INT32_MIN)
		return INT32_MIN;
	timeline_label(z, BY_DAY, l, sizeof l);
	if (sscanf(l, "%d-%d-%d", &y, &m, &d) != 3)
		return INT32_MAX;
	return y * 12 + (m - 1);
}

/* timeline_period's quick month agrees with the day number's month,
 * days 29 to 31 of short months, bad and short forms included. */
static void
month_quick(void)
{
	static const char *const odd[] = { "", "2024", "2024-", "2024-07",
	    "2024-07-", "2024-07-0", "2024-07-031", "2024-7-03", "+024-01-01",
	    "2024-00-10", "2024-13-10", "2024-07-00", "0000-01-01",
	    "2024/07/03", "2024-02-30", "2023-02-29", "2024-04-31", NULL };
	static struct article v[3 * 14 * 33 + 20];
	struct corpus cc;
	int32_t *per;
	char d[16];
	int y, m, dd, wrong = 0, k, n = 0;

	for (y = 1999; y <= 2001; y++)
		for (m = 0; m <= 13; m++)
			for (dd = 0; dd <= 32; dd++) {
				snprintf(d, sizeof d, "%04d-%02d-%02d", y, m,
				    dd);
				wrong += timeline_period(d, BY_MONTH) !=
				    month_slow(d);
				memcpy(v[n++].date, d, 11);
			}
	for (k = 0; odd[k] != NULL; k++) {
		wrong += timeline_period(odd[k], BY_MONTH) != month_slow(odd[k]);
		memset(v[n].date, 'x', sizeof v[n].date);	/* after the NUL */
		memcpy(v[n].date, odd[k], strlen(odd[k]) < 10 ?
		    strlen(odd[k]) + 1 : 10);
		v[n++].date[10] = '\0';
	}
	is_int(wrong, 0, "the quick month is the day number's month");
	memset(&cc, 0, sizeof cc);
	cc.v = v;
	cc.n = (size_t)n;
	per = timeline_periods(&cc, BY_MONTH);
	for (k = 0, wrong = 0; k < n; k++)
		wrong += per[k] != month_slow(v[k].date);
	is_int(wrong, 0, "every article's month as the day number says "
	    "(bytes after a field's NUL ignored)");
	free(per);
	is_int(timeline_period("2023-02-30", BY_MONTH) % 12, 2,
	    "February 30 is in March, as its day number says");
}

/* Timeline checks: periods, labels, counts, sparklines. */
static void
timeline_tests(void)
{
	struct timeline_span sp, sp2;
	uint32_t n[8], m[8], c4[4] = { 0, 1, 4, 8 };
	uint64_t set = 0;
	int32_t *per;
	size_t i;
	char l[32];

	is_int(story_day("1970-01-01"), 0, "day 0");
	is_int(story_day("2024-07-03"), 19907, "a day number");
	ok(story_day("2024-13-01") == INT32_MIN && story_day("") == INT32_MIN &&
	    story_day("garbage!!!") == INT32_MIN, "bad dates");
	timeline_label(timeline_period("2024-07-03", BY_WEEK), BY_WEEK, l,
	    sizeof l);
	is_str(l, "2024-W27", "ISO week");
	timeline_label(timeline_period("2021-01-03", BY_WEEK), BY_WEEK, l,
	    sizeof l);
	is_str(l, "2020-W53", "a January Sunday is in last year's week");
	timeline_label(timeline_period("2019-12-30", BY_WEEK), BY_WEEK, l,
	    sizeof l);
	is_str(l, "2020-W01", "a December Monday in next year's week 1");
	timeline_label(timeline_period("2024-07-03", BY_MONTH), BY_MONTH, l,
	    sizeof l);
	is_str(l, "2024-07", "month");
	timeline_label(timeline_period("2024-07-03", BY_DAY), BY_DAY, l,
	    sizeof l);
	is_str(l, "2024-07-03", "day");
	timeline_span(&C, BY_MONTH, &sp);
	is_int(sp.n, 3, "span of months (June to August 2024)");
	timeline_count(&C, &sp, NULL, NULL, NULL, n);
	ok(n[0] == 1 && n[1] == C.n - 3 && n[2] == 1, "per month: %u %u %u",
	    n[0], n[1], n[2]);
	per = timeline_periods(&C, BY_MONTH);
	timeline_span_of(per, C.n, BY_MONTH, &sp2);
	ok(sp2.first == sp.first && sp2.n == sp.n, "the span from periods");
	ok(per[6] == INT32_MIN && per[0] == timeline_period("2024-07-03",
	    BY_MONTH), "periods of each article, undated INT32_MIN");
	for (i = 0; i < C.n; i++)	/* theme 1's articles, as a set */
		if (C.v[i].nhits > 0 && C.v[i].hits[0].theme == 1)
			set |= (uint64_t)1 << i;
	timeline_count(&C, &sp, NULL, has_luban, NULL, n);
	timeline_count_set(&C, &sp, per, &set, m);
	ok(memcmp(n, m, sp.n * sizeof *n) == 0 && m[1] == 4,
	    "counts of a set = counts picked (%u %u %u)", m[0], m[1], m[2]);
	timeline_count_set(&C, &sp, per, NULL, m);
	ok(m[0] == 0 && m[1] == 0 && m[2] == 0, "no set, no counts");
	free(per);
	month_quick();
	is_int(story_day("2024-02-29"), 19782, "digits read directly");
	is_int(story_day("+024-01-01"), story_day("0024-01-01"),
	    "a sign as sscanf reads it");
	is_int(story_day("2024-1-011"), story_day("2024-01-01"),
	    "other forms as sscanf reads them");
	ok(story_day("2024-00-10") == INT32_MIN &&
	    story_day("2024-01-32") == INT32_MIN &&
	    story_day("2024/01/01") == INT32_MIN, "bad forms and fields");
	is_str(timeline_spark(c4, 4, 10, 1, l, sizeof l),
	    " \u2581\u2584\u2588", "UTF-8 sparkline");
	is_str(timeline_spark(c4, 4, 10, 0, l, sizeof l), " .-#",
	    "ASCII sparkline");
	is_str(timeline_spark(c4, 4, 2, 0, l, sizeof l), ".#",
	    "periods summed into cells");
}

int
main(void)
{
	const struct story_index *si;
	char err[512];
	size_t i;

	warn_quiet = 1;
	ok(entity_init(SRCDATADIR, NULL, err, sizeof err) == 0, "gazetteer: %s", err);
	C.themes = themes;
	C.nthemes = 2;
	C.resident = 1;
	/* one visit, four languages; 0-3 */
	art("pl", "2024-07-03", 1, "Xi Jinping i Tokajew w Astanie: drugi "
	    "warsztat Luban i umowa o 12 projektach.");
	art("en", "2024-07-03", 1, "Xi Jinping and Tokayev met in Astana: a "
	    "second Luban workshop and 12 projects.");
	art("ru", "2024-07-04", 1, "Си Цзиньпин и Токаев в Астане: вторая "
	    "мастерская Лубань и 12 проектов.");
	art("zh", "2024-07-03", 1, "习近平与托卡耶夫在阿斯塔纳会谈，12个项目。");
	/* distractors: the same people a month later in Beijing (4); the
	 * same days, other people and place (5); undated (6) */
	art("en", "2024-08-20", 0, "Tokayev and Xi Jinping in Beijing talk "
	    "about gas, 40 billion cubic metres.");
	art("fr", "2024-07-03", 0, "À Moscou, Poutine et Lavrov parlent de "
	    "gaz avec la CNPC, 40 milliards.");
	art("de", "", 1, "Xi Jinping und Tokajew in Astana, 12 Projekte.");
	art("en", "2024-06-30", -1, "The weather in Almaty was fine.");

	si = story_index(&C);
	ok(same(0, 1) && same(0, 2) && same(0, 3), "one visit in pl en ru zh");
	ok(!same(0, 4), "the same people a month later: another story");
	ok(!same(0, 5), "the same day, other people: another story");
	ok(!same(0, 6), "undated: a story of its own");
	ok(!same(0, 7) && !same(5, 7), "unrelated");
	is_str(si->v[si->of[0]].langs, "en,pl,ru,zh", "langs, sorted");
	is_str(si->v[si->of[0]].date, "2024-07-03", "story date: earliest");
	is_str(si->v[si->of[0]].id, "s1", "ids in article order");
	is_int(story_find(si, "s1"), (long)si->of[0], "story_find");
	ok(story_find(si, "s0") == -1 && story_find(si, "x1") == -1 &&
	    story_find(si, "s99") == -1, "bad story ids");
	ok(story_index(&C) == si, "built once");
	timeline_tests();
	number_tests();
	story_free();
	entity_free();
	for (i = 0; i < C.n; i++)
		article_free(&C.v[i]);
	free(C.v);
	return tap_done();
}
