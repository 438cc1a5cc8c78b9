/* t_discover.c: key phrases of one article and discovered themes of a
 * corpus: stop words, scoring, CJK n-grams, filters, ids, determinism. */
#include <dirent.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "article.h"
#include "discover.h"
#include "lexicon.h"
#include "text.h"
#include "util.h"
#include "tap.h"

static char tmpdir[] = "/tmp/t_discover.XXXXXX";
static struct fold_cache *fc;

/* Writes a stop-word list for the tests: the real ones may change. */
static int
make_stopwords(void)
{
	static const char en[] = "# test list\nthe\na\nof\nand\nin\nwith\n"
	    "is\nto\nthat\nsaid\non\n  for  \n\nThe\n";
	static const char zh[] = "的\n和\n了\n";
	char path[256];
	FILE *f;

	if (mkdtemp(tmpdir) == NULL)
		return -1;
	snprintf(path, sizeof path, "%s/stopwords", tmpdir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/stopwords/en.txt", tmpdir);
	if ((f = fopen(path, "w")) == NULL)
		return -1;
	fputs(en, f);
	fclose(f);
	snprintf(path, sizeof path, "%s/stopwords/zh.txt", tmpdir);
	if ((f = fopen(path, "w")) == NULL)
		return -1;
	fputs(zh, f);
	fclose(f);
	return 0;
}

static void
remove_stopwords(void)
{
	char path[256];

	snprintf(path, sizeof path, "%s/stopwords/en.txt", tmpdir);
	unlink(path);
	snprintf(path, sizeof path, "%s/stopwords/zh.txt", tmpdir);
	unlink(path);
	snprintf(path, sizeof path, "%s/stopwords", tmpdir);
	rmdir(path);
	rmdir(tmpdir);
}

/* The phrases of TEXT (at most MAX). */
static size_t
phrases(const char *text, size_t max, struct phrase **p)
{
	return discover_article(fc, "en", text, strlen(text), max, p);
}

/* Index of the phrase with folded TEXT in P, or -1. */
static long
find(const struct phrase *p, size_t n, const char *text)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(p[i].text, text) == 0)
			return (long)i;
	return -1;
}

/* Is folded word W one of the test's stop words? */
static int
is_stop(const char *w, size_t len)
{
	static const char *stop[] = { "the", "a", "of", "and", "in", "with",
	    "is", "to", "that", "said", "on", "for" };
	size_t i;

	for (i = 0; i < sizeof stop / sizeof *stop; i++)
		if (strlen(stop[i]) == len && memcmp(stop[i], w, len) == 0)
			return 1;
	return 0;
}

/* Do all phrases keep the candidate rules: no stop word first or last,
 * no digits-only or one-letter word, words separated by one space? */
static int
well_formed(const struct phrase *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *s = p[i].text, *last = s, *e;
		size_t len = strlen(s);

		if (len == 0 || s[0] == ' ' || s[len - 1] == ' ' ||
		    strstr(s, "  ") != NULL || p[i].label[0] == '\0')
			return 0;
		e = strchr(s, ' ');
		if (is_stop(s, e ? (size_t)(e - s) : len))
			return 0;
		while ((e = strchr(last, ' ')) != NULL)
			last = e + 1;
		if (is_stop(last, strlen(last)))
			return 0;
		for (e = s; *e != '\0'; e++)
			if ((e == s || e[-1] == ' ') && (e[1] == ' ' ||
			    e[1] == '\0') && (unsigned char)*e < 0x80)
				return 0;	/* a one-letter ASCII word */
		if (strspn(s, "0123456789 ") == len)
			return 0;
	}
	return 1;
}

static void
test_init(void)
{
	is_int(discover_init("/nonexistent/dir"), -1, "no lists: -1");
	is_int(discover_init(tmpdir), 0, "test lists load");
}

static void
test_article(void)
{
	static const char text[] =
	    "The Global Development Initiative was the topic of the day.\n\n"
	    "Officials said that the Global Development Initiative is open "
	    "to all. The 2024 meeting in Astana, a city of 1 million people, "
	    "discussed trade and water with the Global Development "
	    "Initiative partners.\n\nIn a statement, the ministry of trade "
	    "praised the China-Central Asia mechanism and the "
	    "China-Central Asia summit.";
	struct phrase *p;
	size_t n = phrases(text, 8, &p);
	long k;

	ok(n > 0 && n <= 8, "at most MAX phrases (%zu)", n);
	ok(well_formed(p, n), "stop words, digits and letters excluded");
	is_str(n > 0 ? p[0].text : NULL, "global development initiative",
	    "a repeated multi-word phrase ranks first");
	is_str(n > 0 ? p[0].label : NULL, "Global Development Initiative",
	    "label in the original spelling");
	k = find(p, n, "china central asia");
	ok(k >= 0, "a phrase runs over a hyphen");
	is_str(k >= 0 ? p[k].label : NULL, "China-Central Asia",
	    "and its label keeps the hyphen");
	ok(find(p, n, "central asia") < 0, "a hyphenated compound is not cut");
	ok(find(p, n, "2024") < 0 && find(p, n, "1 million") < 0,
	    "no digits-only words");
	ok(find(p, n, "the") < 0 && find(p, n, "said") < 0,
	    "no stop word alone");
	discover_phrases_free(p, n);
	is_int(phrases("", 8, &p), 0, "empty body");
	discover_phrases_free(p, 0);
	is_int(phrases("the of and a", 8, &p), 0, "stop words only");
	discover_phrases_free(p, 0);
}

static void
test_breaks(void)
{
	static const char text[] =
	    "Energy ministers met. Energy ministers agreed, ministers "
	    "signed (Energy Charter) deals; Energy ministers left. "
	    "Wind farms grow. Wind farms expand.";
	struct phrase *p;
	size_t n = phrases(text, 16, &p);

	ok(find(p, n, "energy ministers") >= 0, "a repeated pair");
	ok(find(p, n, "ministers met energy") < 0 &&
	    find(p, n, "met energy") < 0, "no phrase over a full stop");
	ok(find(p, n, "agreed ministers") < 0, "no phrase over a comma");
	ok(find(p, n, "signed energy") < 0, "no phrase over a bracket");
	ok(well_formed(p, n), "well formed");
	discover_phrases_free(p, n);
}

static void
test_cjk(void)
{
	static const char text[] =
	    "中方将在哈萨克斯坦开设鲁班工坊。鲁班工坊的合作很好。\n\n"
	    "双方同意推动鲁班工坊和能源合作。能源合作了。";
	struct phrase *p;
	size_t n = phrases(text, 8, &p), i, chars;
	int bad = 0;

	ok(n > 0, "Han text gives phrases (%zu)", n);
	ok(find(p, n, "鲁班工坊") >= 0, "a repeated 4-gram");
	ok(find(p, n, "能源合作") >= 0, "another");
	for (i = 0; i < n; i++) {
		chars = strlen(p[i].text) / 3;
		if (strchr(p[i].text, ' ') != NULL || chars < 2 || chars > 4 ||
		    strncmp(p[i].text, "的", 3) == 0 ||
		    strstr(p[i].text, "了") != NULL)
			bad = 1;
	}
	ok(!bad, "2-4 characters, no spaces, no stop character at an edge");
	ok(find(p, n, "哈萨克斯") < 0, "seen once: left out");
	discover_phrases_free(p, n);
	n = phrases("哈萨克斯坦总统。哈萨克斯坦的首都。", 8, &p);
	ok(find(p, n, "哈萨克斯坦") >= 0 && find(p, n, "哈萨克斯") < 0 &&
	    find(p, n, "萨克斯坦") < 0, "two 4-grams of one word are joined");
	discover_phrases_free(p, n);
}

/* Same phrases, same order, same scores? */
static int
same(const struct phrase *a, size_t na, const struct phrase *b, size_t nb)
{
	size_t i;

	if (na != nb)
		return 0;
	for (i = 0; i < na; i++)
		if (strcmp(a[i].text, b[i].text) != 0 ||
		    strcmp(a[i].label, b[i].label) != 0 ||
		    a[i].score != b[i].score)
			return 0;
	return 1;
}

static void
test_determinism(void)
{
	static const char text[] =
	    "Alpha Beta talks. Gamma Delta talks with Alpha Beta. "
	    "Epsilon Zeta and Gamma Delta. Eta Theta, Iota Kappa.";
	struct phrase *a, *b;
	struct fold_cache *other = fold_cache_new();
	size_t na = phrases(text, 8, &a);
	size_t nb = discover_article(other, "de", text, strlen(text), 8, &b);

	ok(na > 0 && same(a, na, b, nb), "same input, same output");
	discover_phrases_free(b, nb);
	nb = discover_article(other, "en", text, strlen(text), 3, &b);
	ok(nb == 3 && strcmp(a[0].text, b[0].text) == 0 &&
	    strcmp(a[1].text, b[1].text) == 0, "a smaller MAX: the same best");
	discover_phrases_free(a, na);
	discover_phrases_free(b, nb);
	fold_cache_free(other);
}

/* A phrase by hand. */
static struct phrase
ph(const char *text, const char *label, float score)
{
	struct phrase p;
	size_t a = strlen(text) + 1;

	p.text = xmalloc(a + strlen(label) + 1);
	memcpy(p.text, text, a);
	p.label = strcpy(p.text + a, label);
	p.score = score;
	return p;
}

/* A corpus of N articles' phrases by hand. */
struct hand {
	struct phrase	*per[16];
	size_t		 nper[16];
	size_t		 n;
};

static void
hand_add(struct hand *h, size_t art, const char *text, const char *label,
    float score)
{
	h->per[art] = xreallocarray(h->per[art], h->nper[art] + 1,
	    sizeof **h->per);
	h->per[art][h->nper[art]++] = ph(text, label, score);
	if (art + 1 > h->n)
		h->n = art + 1;
}

static void
hand_free(struct hand *h)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		discover_phrases_free(h->per[i], h->nper[i]);
	memset(h, 0, sizeof *h);
}

/* Index of discovered theme ID, or -1. */
static long
dfind(const struct discovered *d, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(d[i].id, id) == 0)
			return (long)i;
	return -1;
}

/* Are the ids "d:" + something without spaces, commas or colons, and the
 * article lists sorted and in range? */
static int
ids_ok(const struct discovered *d, size_t n, size_t narticles)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (strncmp(d[i].id, "d:", 2) != 0 || d[i].id[2] == '\0' ||
		    strpbrk(d[i].id + 2, " ,:\t") != NULL ||
		    d[i].label == NULL || d[i].narticles == 0)
			return 0;
		for (k = 0; k < d[i].narticles; k++)
			if (d[i].articles[k] >= narticles ||
			    (k > 0 && d[i].articles[k] <= d[i].articles[k - 1]))
				return 0;
	}
	return 1;
}

static void
test_select(void)
{
	struct hand h = { 0 };
	struct discovered *d;
	size_t n, i;
	long k;

	for (i = 0; i < 5; i++)
		hand_add(&h, i, "china", "China", 5);	/* the subject */
	hand_add(&h, 0, "strategic partnership", "strategic partnership", 4);
	hand_add(&h, 1, "strategic partnership", "Strategic partnership", 1);
	hand_add(&h, 3, "strategic partnership", "strategic partnership", 3);
	hand_add(&h, 1, "kassym jomart tokayev", "Kassym-Jomart Tokayev", 3);
	hand_add(&h, 2, "kassym jomart tokayev", "Kassym–Jomart Tokayev", 3);
	hand_add(&h, 1, "tokayev", "Tokayev", 2);
	hand_add(&h, 2, "tokayev", "Tokayev", 2);
	hand_add(&h, 3, "central asia", "Central Asia", 2);
	hand_add(&h, 4, "china central asia", "China-Central Asia", 2);
	hand_add(&h, 4, "lonely phrase", "lonely phrase", 9);
	hand_add(&h, 2, "cooperation", "cooperation", 2);
	hand_add(&h, 4, "cooperation", "cooperation", 2);
	hand_add(&h, 2, "қасым жомарт", "Қасым-Жомарт", 1);
	hand_add(&h, 3, "қасым жомарт", "Қасым-Жомарт", 1);
	hand_add(&h, 3, "a, b: c", "A, B: C", 1);
	hand_add(&h, 4, "a, b: c", "A, B: C", 1);
	n = discover_select(NULL, h.per, h.nper, NULL, h.n, 10, &d);
	ok(ids_ok(d, n, h.n), "ids and article lists well formed");
	ok(dfind(d, n, "d:china") < 0, "the corpus's subject is skipped");
	ok(dfind(d, n, "d:lonely-phrase") < 0, "one article is not enough");
	ok(dfind(d, n, "d:cooperation") < 0, "a lower-case single word is "
	    "skipped");
	k = dfind(d, n, "d:strategic-partnership");
	ok(k >= 0, "a shared phrase is found");
	if (k >= 0) {
		is_int(d[k].narticles, 3, "in three articles");
		is_int(d[k].articles[0] + d[k].articles[1] * 10 +
		    d[k].articles[2] * 100, 310, "0, 1 and 3");
		is_str(d[k].label, "strategic partnership",
		    "label of its best-ranked occurrence");
	}
	k = dfind(d, n, "d:kassym-jomart-tokayev");
	ok(k >= 0 && dfind(d, n, "d:tokayev") < 0,
	    "a phrase inside another with the same articles merges into it");
	k = dfind(d, n, "d:central-asia");
	ok(k >= 0, "a phrase listed once, and inside a phrase elsewhere");
	if (k >= 0) {
		is_int(d[k].narticles, 2, "is credited to both articles");
		is_str(d[k].label, "Central Asia", "with its own label");
	}
	ok(dfind(d, n, "d:china-central-asia") < 0, "the longer one is in "
	    "one article only");
	ok(dfind(d, n, "d:қасым-жомарт") >= 0, "Unicode letters kept in ids");
	ok(dfind(d, n, "d:a-b-c") >= 0, "punctuation becomes '-'");
	discover_themes_free(d, n);
	n = discover_select(NULL, h.per, h.nper, NULL, h.n, 2, &d);
	ok(n == 2, "at most MAX themes");
	discover_themes_free(d, n);
	n = discover_select(NULL, NULL, NULL, NULL, 0, 12, &d);
	ok(n == 0 && d != NULL, "an empty corpus: no themes");
	discover_themes_free(d, n);
	n = discover_select(NULL, h.per, h.nper, NULL, 2, 10, &d);
	ok(dfind(d, n, "d:tokayev") >= 0 || dfind(d, n,
	    "d:kassym-jomart-tokayev") >= 0, "two articles: one is enough");
	discover_themes_free(d, n);
	hand_free(&h);
}

/* Told the articles' languages: one language's own subject words go as
 * the corpus's do, and German capitals (every noun has one) make no
 * name. */
static void
test_langs(void)
{
	static const char *const langs[12] = { "pl", "pl", "pl", "pl", "pl",
	    "de", "de", "de", "en", "en", "en", "en" };
	struct hand h = { 0 };
	struct discovered *d;
	size_t n, i;

	for (i = 0; i < 4; i++)	/* 4 of 5 Polish articles, 4 of 12 in all */
		hand_add(&h, i, "kazachstan", "Kazachstan", 3);
	hand_add(&h, 0, "almaty marathon", "Almaty Marathon", 2);
	hand_add(&h, 1, "almaty marathon", "Almaty Marathon", 2);
	hand_add(&h, 5, "ministerium", "Ministerium", 2);
	hand_add(&h, 6, "ministerium", "Ministerium", 2);
	hand_add(&h, 6, "seiten unterzeichneten abkommen",
	    "Seiten unterzeichneten Abkommen", 1);
	hand_add(&h, 7, "seiten unterzeichneten abkommen",
	    "Seiten unterzeichneten Abkommen", 1);
	hand_add(&h, 6, "neue seidenstrasse", "Neue Seidenstrasse", 1);
	hand_add(&h, 7, "neue seidenstrasse", "Neue Seidenstrasse", 1);
	hand_add(&h, 7, "khorgos", "Khorgos", 1);
	hand_add(&h, 9, "khorgos", "Khorgos", 1);
	n = discover_select(NULL, h.per, h.nper, NULL, h.n, 12, &d);
	ok(dfind(d, n, "d:kazachstan") >= 0 && dfind(d, n, "d:ministerium") >=
	    0, "languages not told: a third of the corpus is no subject");
	discover_themes_free(d, n);
	n = discover_select(NULL, h.per, h.nper, langs, h.n, 12, &d);
	ok(ids_ok(d, n, h.n), "with languages: ids well formed");
	ok(dfind(d, n, "d:kazachstan") < 0, "the Polish articles' subject is "
	    "skipped");
	ok(dfind(d, n, "d:almaty-marathon") >= 0, "other Polish phrases stay");
	ok(dfind(d, n, "d:ministerium") < 0, "a single word only German "
	    "articles list is a common noun");
	ok(dfind(d, n, "d:seiten-unterzeichneten-abkommen") < 0, "so is a "
	    "German phrase with a verb");
	ok(dfind(d, n, "d:neue-seidenstrasse") >= 0, "a German name stays");
	ok(dfind(d, n, "d:khorgos") >= 0, "a word German and English "
	    "articles list stays");
	discover_themes_free(d, n);
	hand_free(&h);
}

/* The inflections of one name are one theme; short or different words
 * are not joined. */
static void
test_inflections(void)
{
	struct hand h = { 0 };
	struct discovered *d;
	size_t n;
	long k;

	hand_add(&h, 0, "tokajew", "Tokajew", 2);
	hand_add(&h, 1, "tokajewa", "Tokajewa", 2);
	hand_add(&h, 2, "tokajewem", "Tokajewem", 2);
	hand_add(&h, 2, "tokajew", "Tokajew", 2);
	hand_add(&h, 3, "астана", "Астана", 1);
	hand_add(&h, 4, "астаны", "Астаны", 1);
	hand_add(&h, 0, "iran", "Iran", 1);
	hand_add(&h, 1, "iran", "Iran", 1);
	hand_add(&h, 2, "iraq", "Iraq", 1);
	hand_add(&h, 3, "iraq", "Iraq", 1);
	hand_add(&h, 3, "kassym jomart tokajew", "Kassym-Jomart Tokajew", 1);
	hand_add(&h, 4, "kassym jomarta tokajewa", "Kassym-Jomarta Tokajewa",
	    1);
	hand_add(&h, 5, "steppe eagle", "Steppe Eagle", 1);
	hand_add(&h, 6, "steppe eagles", "Steppe Eagles", 1);
	hand_add(&h, 5, "steppe", "Steppe", 1);
	hand_add(&h, 6, "steppe", "Steppe", 1);
	hand_add(&h, 7, "other", "Other", 1);
	n = discover_select(NULL, h.per, h.nper, NULL, h.n, 12, &d);
	ok(ids_ok(d, n, h.n), "inflections: ids well formed");
	k = dfind(d, n, "d:tokajew");
	ok(k >= 0 && dfind(d, n, "d:tokajewa") < 0 && dfind(d, n,
	    "d:tokajewem") < 0, "three cases of a name are one theme");
	if (k >= 0) {
		is_int(d[k].narticles, 5, "in the three articles and the "
		    "two whose full names hold it");
		if (d[k].narticles == 5)
			is_int(d[k].articles[0] + d[k].articles[1] * 10 +
			    d[k].articles[2] * 100 + d[k].articles[3] * 1000 +
			    d[k].articles[4] * 10000, 43210,
			    "0 to 4, once each, in order");
		is_str(d[k].label, "Tokajew", "named as most articles spell it");
	}
	ok((dfind(d, n, "d:астана") >= 0) != (dfind(d, n, "d:астаны") >= 0),
	    "Cyrillic inflections join (one of two articles each)");
	ok(dfind(d, n, "d:iran") >= 0 && dfind(d, n, "d:iraq") >= 0,
	    "short words are not joined");
	ok((dfind(d, n, "d:kassym-jomart-tokajew") >= 0) != (dfind(d, n,
	    "d:kassym-jomarta-tokajewa") >= 0), "a phrase whose words all "
	    "inflect joins");
	ok(dfind(d, n, "d:steppe-eagle") >= 0 || dfind(d, n,
	    "d:steppe-eagles") >= 0, "a plural joins its singular");
	discover_themes_free(d, n);
	hand_free(&h);
}

/* Thousands of spellings with one stem (hostile input) cost time in
 * proportion: a name holds a bounded number of them. */
static void
test_inflection_flood(void)
{
	enum { N = 20000 };
	struct phrase **per = xcalloc(N, sizeof *per);
	size_t *nper = xcalloc(N, sizeof *nper), i, n, most = 0;
	struct discovered *d;
	char text[64];
	clock_t t0 = clock();
	double secs;

	for (i = 0; i < N; i++) {
		/* "tokajew" and two letters of 32 x 128: 4096 spellings */
		unsigned a = 0xe0 + (unsigned)(i % 32),
		    b = 0x100 + (unsigned)(i / 32 % 128);
		snprintf(text, sizeof text, "tokajew%c%c%c%c",
		    0xc0 | a >> 6, 0x80 | (a & 0x3f), 0xc0 | b >> 6,
		    0x80 | (b & 0x3f));
		per[i] = xcalloc(1, sizeof **per);
		per[i][0] = ph(text, "Tokajew", 1);
		nper[i] = 1;
	}
	n = discover_select(NULL, per, nper, NULL, N, 12, &d);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	for (i = 0; i < n; i++)
		if (d[i].narticles > most)
			most = d[i].narticles;
	ok(secs < 5, "4096 spellings of one stem in 20000 articles: %.2f s",
	    secs);
	ok(n > 0 && most <= 16 * 5, "a theme holds a bounded number of "
	    "spellings (%zu articles)", most);
	discover_themes_free(d, n);
	for (i = 0; i < N; i++)
		discover_phrases_free(per[i], nper[i]);
	free(per);
	free(nper);
}

static void
test_lexicon(void)
{
	struct hand h = { 0 };
	struct lexicon *lex;
	struct discovered *d;
	char err[512];
	size_t n, i;

	lex = lexicon_load(SRCDATADIR "/themes.ini", NULL, err, sizeof err);
	ok(lex != NULL, "the shipped lexicon loads");
	if (lex == NULL) {
		printf("# %s\n", err);
		return;
	}
	ok(lexicon_covers(lex, "green energy", 12), "it covers energy");
	for (i = 0; i < 3; i++)
		hand_add(&h, i, "green energy", "green energy", 3);
	hand_add(&h, 3, "steppe eagle", "steppe eagle", 1);
	hand_add(&h, 4, "steppe eagle", "steppe eagle", 1);
	hand_add(&h, 5, "nothing", "nothing", 1);
	n = discover_select(lex, h.per, h.nper, NULL, h.n, 10, &d);
	ok(dfind(d, n, "d:green-energy") < 0, "a covered phrase is skipped");
	ok(dfind(d, n, "d:steppe-eagle") >= 0, "others stay");
	discover_themes_free(d, n);
	n = discover_select(NULL, h.per, h.nper, NULL, h.n, 10, &d);
	ok(dfind(d, n, "d:green-energy") >= 0, "kept without a lexicon");
	discover_themes_free(d, n);
	hand_free(&h);
	lexicon_free(lex);
}

/* The five sample articles, with the shipped stop words and lexicon. */
static void
test_sample(void)
{
	static const char *silly[] = { "d:china", "d:kazakhstan",
	    "d:xi-jinping", "d:xi", "d:the", "d:said" };
	struct phrase *per[16];
	size_t nper[16], n = 0, nd, i;
	struct discovered *d;
	struct lexicon *lex;
	struct dirent *de;
	struct article a;
	char path[512], err[256];
	DIR *dir = opendir(SRCDATADIR "/articles");

	discover_init(SRCDATADIR);
	lex = lexicon_load(SRCDATADIR "/themes.ini", NULL, err, sizeof err);
	while (dir != NULL && (de = readdir(dir)) != NULL && n < 16) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, SRCDATADIR "/articles/%s",
		    de->d_name);
		memset(&a, 0, sizeof a);
		if (article_load(&a, path, err, sizeof err) == -1)
			continue;
		nper[n] = discover_article(fc, a.lang, a.body, a.body_len, 8,
		    &per[n]);
		n++;
		article_free(&a);
	}
	if (dir != NULL)
		closedir(dir);
	ok(n >= 5, "sample articles read (%zu)", n);
	nd = discover_select(lex, per, nper, NULL, n, 12, &d);
	ok(ids_ok(d, nd, n), "sample: ids well formed");
	for (i = 0; i < sizeof silly / sizeof *silly; i++)
		ok(dfind(d, nd, silly[i]) < 0, "sample: no %s", silly[i]);
	for (i = 0; i < nd; i++)
		printf("# %s \"%s\" %zu\n", d[i].id, d[i].label, d[i].narticles);
	discover_themes_free(d, nd);
	for (i = 0; i < n; i++)
		discover_phrases_free(per[i], nper[i]);
	lexicon_free(lex);
}

/* What discovery leaves out with the shipped data (stop words, the
 * lexicon, the gazetteer): pieces of a lexicon term, gazetteer names and
 * names with a title, a lower-case word before a capital, pieces of a
 * skipped longer phrase, and Han n-grams that cut a word. */
static void
test_unwanted(void)
{
	static const char cut[] = "两国签署了关于合作的声明。两国签署了关于投资"
	    "的协议。托卡耶夫总统会见了客人。托卡耶夫总统说。";
	static const char gen[] = "Trade rose. The long-term plan. A "
	    "long-term plan, said the President today. Today the President "
	    "spoke.";
	struct hand h = { 0 };
	struct lexicon *lex;
	struct discovered *d;
	struct phrase *p;
	char err[512];
	size_t n, i;

	discover_init(SRCDATADIR);
	lex = lexicon_load(SRCDATADIR "/themes.ini", NULL, err, sizeof err);
	ok(lex != NULL && lexicon_part_of(lex, "central", 7) &&
	    lexicon_part_of(lex, "azji", 4) && !lexicon_part_of(lex,
	    "golden", 6) && !lexicon_part_of(lex, "steppe", 6),
	    "lexicon_part_of: a run of the words of a longer term");
	for (i = 0; i < 4; i++) {
		hand_add(&h, i, "central", "Central", 2);
		hand_add(&h, i, "azji", "Azji", 2);
		hand_add(&h, i, "xi jinping", "Xi Jinping", 3);
		hand_add(&h, i, "president tokaiev", "président Tokaïev", 2);
		hand_add(&h, i, "forderten engere arbeit",
		    "forderten engere Arbeit", 2);
		hand_add(&h, i, "golden eagle", "Golden Eagle", 1);
	}
	for (i = 4; i < 8; i++)
		hand_add(&h, i, "萨克斯坦", "萨克斯坦", 1);
	for (i = 0; i < 5; i++)	/* the subject: in 5 of 8 */
		hand_add(&h, i, "kazakh steppe", "Kazakh Steppe", 1);
	hand_add(&h, 7, "steppe", "Steppe", 1);	/* once outside it */
	for (i = 0; i < 8; i++)
		hand_add(&h, i, "filler", "Filler", 9);
	n = discover_select(lex, h.per, h.nper, NULL, h.n, 10, &d);
	ok(dfind(d, n, "d:central") < 0 && dfind(d, n, "d:azji") < 0,
	    "pieces of a lexicon term are skipped");
	ok(dfind(d, n, "d:xi-jinping") < 0, "a gazetteer name is an entity");
	ok(dfind(d, n, "d:president-tokaiev") < 0, "so is a title and a name");
	ok(dfind(d, n, "d:forderten-engere-arbeit") < 0,
	    "a lower-case verb before a noun is skipped");
	ok(dfind(d, n, "d:萨克斯坦") < 0, "a piece of a Han name is skipped");
	ok(dfind(d, n, "d:kazakh-steppe") < 0 && dfind(d, n, "d:steppe") < 0,
	    "so is a piece of a skipped phrase, seen almost only inside it");
	ok(dfind(d, n, "d:golden-eagle") >= 0, "a new name stays");
	discover_themes_free(d, n);
	hand_free(&h);
	n = discover_article(fc, "zh", cut, strlen(cut), 12, &p);
	ok(find(p, n, "签署了关") < 0 && find(p, n, "耶夫总统") < 0 &&
	    find(p, n, "卡耶夫总") < 0, "no Han n-gram cuts a word (关于, 总统)");
	discover_phrases_free(p, n);
	n = discover_article(fc, "en", gen, strlen(gen), 12, &p);
	ok(find(p, n, "long term") < 0 && find(p, n, "today") < 0 &&
	    find(p, n, "president") < 0, "generic words of news are stop "
	    "words");
	discover_phrases_free(p, n);
	lexicon_free(lex);
}

int
main(void)
{
	warn_quiet = 1;
	fc = fold_cache_new();
	if (make_stopwords() == -1) {
		printf("# cannot make a temporary directory\n");
		return 99;
	}
	test_init();
	test_article();
	test_breaks();
	test_cjk();
	test_determinism();
	test_select();
	test_lexicon();
	test_langs();
	test_inflections();
	test_inflection_flood();
	remove_stopwords();
	test_sample();
	test_unwanted();
	discover_free();
	fold_cache_free(fc);
	return tap_done();
}
