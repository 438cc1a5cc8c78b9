/* t_match.c: each feature of the term language, scores and evidence spans, and the themes of the sample and test articles. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "lexicon.h"
#include "hanzi.h"
#include "match.h"
#include "sample.h"
#include "tap.h"
#include "text.h"
#include "util.h"

static char srcdir[1024];
static struct fold_cache *fc;

/* Loads a lexicon relative to the source tree; exits on failure. */
static struct lexicon *
load(const char *rel)
{
	return sample_lexicon(srcdir, rel);
}

/* The ids of the hit themes, in hit order, comma-separated. */
static const char *
hit_ids(const struct lexicon *lex, const struct match_result *r)
{
	static char s[1024];
	size_t i;

	s[0] = '\0';
	for (i = 0; i < r->nhits; i++) {
		if (i > 0)
			strcat(s, ",");
		strcat(s, lexicon_id(lex, r->hits[i].theme));
	}
	return s;
}

/* Matches BODY (and TITLE) and returns the hit ids. */
static const char *
themes_of(const struct lexicon *lex, const char *title, const char *body)
{
	struct match_result r;
	const char *s;

	match_article(lex, fc, NULL, title, body, strlen(body), 1, &r);
	s = hit_ids(lex, &r);
	match_result_free(&r);
	return s;
}

/* Is theme ID among the hits of R? */
static int
has(const struct lexicon *lex, const struct match_result *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->nhits; i++)
		if (strcmp(lexicon_id(lex, r->hits[i].theme), id) == 0)
			return 1;
	return 0;
}

/* Checks that span K of R covers exactly WANT in BODY. */
static void
span_is(const struct match_result *r, size_t k, const char *body,
    const char *want, const char *name)
{
	char got[256] = "(no span)";

	if (k < r->nspans)
		snprintf(got, sizeof got, "%.*s", (int)r->spans[k].len,
		    body + r->spans[k].off);
	is_str(got, want, name);
}

/* word* matches inflections and compounds, whatever the case/accents. */
static void
t_prefix(const struct lexicon *lex)
{
	const char *b = "Die Energiekooperation wächst.";
	struct match_result r;

	match_article(lex, fc, NULL, NULL, b, strlen(b), 1, &r);
	is_str(hit_ids(lex, &r), "prefix", "energie* matches a compound");
	is_int(r.nspans, 1, "one span");
	span_is(&r, 0, b, "Energiekooperation", "span is the whole word");
	match_result_free(&r);
	is_str(themes_of(lex, NULL, "ÉNERGIE!"), "prefix", "case and accents");
	is_str(themes_of(lex, NULL, "Die Kooperation"), "", "no energie, no hit");
	is_str(themes_of(lex, NULL, "Synergie"), "", "prefix is at word start");
}

/* A phrase needs its words in a row, within one paragraph. */
static void
t_phrase(const struct lexicon *lex)
{
	const char *b = "Members of the Shanghai  Cooperation\nOrganisation met.";
	struct match_result r;

	match_article(lex, fc, NULL, NULL, b, strlen(b), 1, &r);
	is_str(hit_ids(lex, &r), "phrase", "phrase over spaces and a newline");
	span_is(&r, 0, b, "Shanghai  Cooperation\nOrganisation",
	    "span covers the phrase");
	match_result_free(&r);
	is_str(themes_of(lex, NULL, "Shanghai cooperation and the Organisation"),
	    "", "words not in a row");
	is_str(themes_of(lex, NULL, "Shanghai Cooperation\n\nOrganisation"),
	    "", "a phrase does not cross paragraphs");
}

/* near: a word of each group within the window, in many languages. */
static void
t_near(const struct lexicon *lex)
{
	const char *b = "They set a goal of doubling two-way trade soon.";
	struct match_result r;

	match_article(lex, fc, NULL, NULL, b, strlen(b), 1, &r);
	is_str(hit_ids(lex, &r), "near", "en: doubling two-way trade");
	is_int(r.nspans, 2, "both words are evidence");
	span_is(&r, 0, b, "doubling", "first span");
	span_is(&r, 1, b, "trade", "second span");
	match_result_free(&r);
	is_str(themes_of(lex, NULL, "trade volume doubled"), "near",
	    "either order");
	is_str(themes_of(lex, NULL, "podwojenie dwustronnej wymiany handlowej"),
	    "near", "pl");
	is_str(themes_of(lex, NULL, "den Handel verdoppeln"), "near", "de");
	is_str(themes_of(lex, NULL, "удвоить товарооборот"), "near", "ru");
	is_str(themes_of(lex, NULL, "推动双边贸易额翻一番"), "near", "zh");
	is_str(themes_of(lex, NULL, "贸易很重要，我们的人口将会翻一番"), "",
	    "zh: too far apart");
	is_str(themes_of(lex, NULL, "doubling the number of students in "
	    "the country and in foreign trade"), "", "en: too far apart");
	is_str(themes_of(lex, NULL, "doubling\n\ntrade"), "",
	    "window stays in the paragraph");
	is_str(themes_of(lex, NULL, "trade grew"), "", "no doubling word");
	is_str(themes_of(lex, NULL, "Luban. Many words later, a workshop."),
	    "anywhere", "no window: anywhere in the article");
	is_str(themes_of(lex, NULL, "Luban"), "", "one group alone is not enough");
}

/* not: the excluded words do not count, others still do. */
static void
t_exclusion(const struct lexicon *lex)
{
	const char *b = "It brings positive energy. Energy policy matters.";
	struct match_result r;

	is_str(themes_of(lex, NULL, "It brings positive energy."), "",
	    "figurative energy excluded");
	match_article(lex, fc, NULL, NULL, b, strlen(b), 1, &r);
	is_str(hit_ids(lex, &r), "exclusion", "real energy still counts");
	is_int(r.nspans, 1, "one span");
	is_int(r.nspans ? r.spans[0].off : 0, strstr(b, "Energy policy") - b,
	    "the span is the real one");
	match_result_free(&r);
}

/* Weights add up; a theme needs its threshold; title words count. */
static void
t_weights(const struct lexicon *lex)
{
	const char *b = "beta and more";
	struct match_result r;

	is_str(themes_of(lex, NULL, "alpha"), "", "2 < threshold 3");
	is_str(themes_of(lex, NULL, "alpha beta"), "weights", "2 + 1 = 3");
	is_str(themes_of(lex, NULL, "beta beta gamma"), "", "2.5 < 3");
	is_str(themes_of(lex, NULL, "gamma gamma gamma gamma gamma gamma"),
	    "weights", "6 x 0.5 = 3");
	match_article(lex, fc, NULL, "Alpha", b, strlen(b), 1, &r);
	is_str(hit_ids(lex, &r), "weights", "title words count for the score");
	ok(r.nhits == 1 && r.hits[0].score == 3.0f, "score is 3");
	is_int(r.nspans, 1, "title words give no span");
	span_is(&r, 0, b, "beta", "body span");
	match_result_free(&r);
}

/* Chinese terms are phrases of characters. */
static void
t_cjk(const struct lexicon *lex)
{
	const char *b = "中国支持上海合作组织发展。";
	struct match_result r;

	match_article(lex, fc, NULL, NULL, b, strlen(b), 1, &r);
	is_str(hit_ids(lex, &r), "cjk", "上海合作组织 inside a sentence");
	span_is(&r, 0, b, "上海合作组织", "span is the six characters");
	match_result_free(&r);
	is_str(themes_of(lex, NULL, "上海合作"), "", "part of the phrase");
	/* a Hong Kong or Taiwan story: traditional characters fold to the
	 * simplified ones the term is written in */
	b = "香港支持上海合作組織發展。";
	match_article(lex, fc, NULL, NULL, b, strlen(b), 1, &r);
	is_str(hit_ids(lex, &r), "cjk", "上海合作組織 (traditional) matches");
	span_is(&r, 0, b, "上海合作組織", "span is the traditional text");
	match_result_free(&r);
	is_str(themes_of(lex, NULL, "上海合作組"), "",
	    "traditional: part of the phrase");
	is_int((int)hanzi_simplify(0x6578), 0x6570, "數 folds to 数");
	is_int((int)hanzi_simplify(0x6570), 0x6570, "数 stays");
	is_int((int)hanzi_simplify('A'), 'A', "not Han: unchanged");
}

/* A plain-text article wrapped at some 72 columns has a paragraph per
 * line in its body: a line that does not end a sentence goes on in the
 * next, so a name split by the wrap still matches. */
static void
t_wrapped(const struct lexicon *lex)
{
	is_str(themes_of(lex, NULL, "This week the leaders of the member "
	    "states of the Shanghai\n\nCooperation Organisation met in "
	    "Astana."),
	    "phrase", "a name across a wrapped line");
	is_str(themes_of(lex, NULL, "Shanghai\n\nCooperation Organisation"),
	    "", "a short line is a heading: it ends there");
	is_str(themes_of(lex, NULL, "The leaders of the member states met in "
	    "Shanghai.\n\nCooperation Organisation of the week."), "",
	    "a line that ends a sentence ends its paragraph");
}

/* Hits strongest first; spans sorted, only for hits; no spans on request. */
static void
t_result(const struct lexicon *lex)
{
	const char *b = "Energie. Alpha. Shanghai Cooperation Organisation. "
	    "Alpha beta. Energie";
	struct match_result r;
	size_t i;
	int sorted = 1, only_hits = 1;

	match_article(lex, fc, NULL, NULL, b, strlen(b), 1, &r);
	is_str(hit_ids(lex, &r), "weights,phrase,prefix", "strongest first");
	for (i = 1; i < r.nspans; i++)
		if (r.spans[i].off < r.spans[i - 1].off)
			sorted = 0;
	ok(sorted, "spans sorted by offset");
	is_int(r.nspans, 6, "six spans");
	match_result_free(&r);
	match_article(lex, fc, NULL, NULL, "alpha energie", 13, 1, &r);
	for (i = 0; i < r.nspans; i++)
		if (strcmp(lexicon_id(lex, r.spans[i].theme), "prefix") != 0)
			only_hits = 0;
	ok(only_hits && r.nspans == 1, "no spans for themes under threshold");
	match_result_free(&r);
	match_article(lex, fc, NULL, NULL, b, strlen(b), 0, &r);
	ok(r.nhits == 3 && r.nspans == 0, "want_spans = 0: hits, no spans");
	match_result_free(&r);
	match_article(NULL, fc, NULL, NULL, b, strlen(b), 1, &r);
	ok(r.nhits == 0 && r.nspans == 0, "no lexicon, no hits");
	match_article(lex, fc, NULL, NULL, "", 0, 1, &r);
	ok(r.nhits == 0, "empty body");
}

/* Texts longer than one tokenising chunk: offsets stay right, phrases
 * and windows work on both sides of the chunk ends. */
static void
t_big(const struct lexicon *lex)
{
	static const char tail[] = "Shanghai Cooperation Organisation. "
	    "Doubling trade. Energiekooperation";
	const char *filler[2] = { "lorem ipsum dolor sit amet.\n\n",
	    "lorem ipsum dolor sit amet. " };
	size_t cap = 700000, n, f, i;
	struct match_result r;
	char *b = malloc(cap);

	for (f = 0; f < 2; f++) {	/* paragraphs, then one huge one */
		for (n = 0; n + strlen(filler[f]) + sizeof tail < cap - 1000;
		    n += strlen(filler[f]))
			memcpy(b + n, filler[f], strlen(filler[f]));
		memcpy(b + n, tail, sizeof tail);
		match_article(lex, fc, NULL, NULL, b, strlen(b), 1, &r);
		is_str(hit_ids(lex, &r), "phrase,near,prefix",
		    f ? "huge paragraph: all found" : "many paragraphs: all found");
		for (i = 0; i < r.nspans; i++)
			if (strcmp(lexicon_id(lex, r.spans[i].theme), "phrase") == 0)
				break;
		is_int(i < r.nspans ? r.spans[i].off : 0, n,
		    "span offset after 600 KB");
		span_is(&r, r.nspans - 1, b, "Energiekooperation", "last span");
		match_result_free(&r);
	}
	free(b);
}

/* Does no span of theme ID overlap the first PHRASE in BODY? */
static int
not_evidence(const struct lexicon *lex, const struct match_result *r,
    const char *body, const char *phrase, const char *id)
{
	const char *p = strstr(body, phrase);
	size_t i, off, end;

	if (p == NULL)
		return 0;
	off = (size_t)(p - body);
	end = off + strlen(phrase);
	for (i = 0; i < r->nspans; i++)
		if (strcmp(lexicon_id(lex, r->spans[i].theme), id) == 0 &&
		    r->spans[i].off < end && r->spans[i].off + r->spans[i].len > off)
			return 0;
	return 1;
}

/* Do two spans of one theme overlap anywhere in R? */
static int
no_overlap(const struct match_result *r)
{
	size_t i, j;

	for (i = 0; i < r->nspans; i++)
		for (j = i + 1; j < r->nspans; j++)
			if (r->spans[i].theme == r->spans[j].theme &&
			    r->spans[j].off < r->spans[i].off + r->spans[i].len)
				return 0;
	return 1;
}

/* The hit ids of BODY in language LANG. */
static const char *
themes_in(const struct lexicon *lex, const char *lang, const char *body)
{
	struct match_result r;
	const char *s;

	match_article(lex, fc, lang, NULL, body, strlen(body), 1, &r);
	s = hit_ids(lex, &r);
	match_result_free(&r);
	return s;
}

/* Checks that BODY in LANG is about theme ID (WANT) or not. */
static void
about(const struct lexicon *lex, const char *lang, const char *body,
    const char *id, int want)
{
	const char *got = themes_in(lex, lang, body);
	int has_it = strstr(got, id) != NULL;
	char name[256], *p;

	snprintf(name, sizeof name, "%s", body);
	for (p = name; *p != '\0'; p++)
		if (*p == '\n')
			*p = '/';	/* one line per test */
	ok(has_it == want, "%s: \"%s\" %s %s", lang ? lang : "(unknown)",
	    name, want ? "is" : "is not", id);
	if (has_it != want)
		printf("#   got: %s\n", got);
}

/* Terms of one language apply to its articles, to text in another
 * script, and (whole long words, phrases) to mis-told languages. */
static void
t_scope(const struct lexicon *lex)
{
	about(lex, "pl", "Polska energia jest droga.", "scope", 1);
	about(lex, "it", "Con nuova energia verso la finale.", "scope", 0);
	about(lex, NULL, "Con nuova energia verso la finale.", "scope", 1);
	about(lex, "en", "The Chinese word 能源 means energy.", "scope", 1);
	about(lex, "ru", "Поезд прошёл через Khorgos.", "scope", 1);
	about(lex, "fr", "Le train passe par Khorgos.", "scope", 1);
	about(lex, "nl", "De Tourismusbranche groeit.", "scope", 1);
	about(lex, "nl", "Het energetico drankje.", "scope", 1);
	about(lex, "pl", "Ten gas jest tani.", "scope", 0);
	about(lex, "nl", "Het gas is op.", "scope", 1);	/* no nl terms */
	about(lex, "it", "Il gas costa.", "scope", 1);
}

/* A term in capitals matches capitals only; "Brics" any case. */
static void
t_caps(const struct lexicon *lex)
{
	about(lex, "en", "The SCO met in Astana.", "caps", 1);
	about(lex, "en", "Sco is a name, and so is sco.", "caps", 0);
	about(lex, "en", "Une onu et la Onu.", "caps", 0);
	about(lex, "en", "BRICS and brics.", "caps", 1);
}

/* Windows stop at sentence ends; "~Np" reaches over them. */
static void
t_window(const struct lexicon *lex)
{
	about(lex, "en", "They agreed to double trade by 2030.", "window", 1);
	about(lex, "en", "A trade fair opened. Stands doubled.", "window", 0);
	about(lex, "en", "Sales tripled! Commerce is up.", "window", 1);
	about(lex, "en", "Sales tripled.\n\nCommerce is up.", "window", 0);
	about(lex, "zh", "贸易额增长。翻了一番", "window", 0);
}

/* "*word*" inside a compound, "*word" at its end. */
static void
t_compound(const struct lexicon *lex)
{
	about(lex, "de", "Das Atomkraftwerke-Projekt.", "compound", 1);
	about(lex, "de", "Mehr Windenergie.", "compound", 1);
	about(lex, "de", "Die Energiepolitik.", "compound", 0);
}

/* A weak term counts only with a non-weak one. */
static void
t_weak(const struct lexicon *lex)
{
	about(lex, "en", "Full of energy and more energy.", "weak", 0);
	about(lex, "en", "Energy flows through the pipeline.", "weak", 1);
}

/* Support: generic words need twice the threshold unless a specific
 * term or a near rule counts. */
static void
t_support(const struct lexicon *lex)
{
	about(lex, "en", "Oil and gas fields make up half of exports.", "support",
	    0);
	about(lex, "en", "Output fell at the gas field near the coast.",
	    "support", 0);
	about(lex, "en", "Oil and a pipeline. Oil again, and a second pipeline.",
	    "support", 1);
	about(lex, "en", "A new gas field opened. The gas field will feed a "
	    "pipeline.", "support", 1);
	about(lex, "en", "Trucks took the Trans-Caspian route once.", "support",
	    1);
	about(lex, "en", "Engineers plan to link the grid by May.", "support",
	    1);
	about(lex, "en", "The pipeline leaked.", "support", 0);
}

/* One sentence of a longer article, with fewer than three of the
 * theme's terms and no specific one, is the domain said in passing; the
 * headline, a second sentence, three terms or a name make it the
 * subject; an article of few sentences is read as a whole. */
#define FIVE_SENTENCES "Cats sleep. Dogs bark. Birds sing. Fish swim. " \
	"Cows graze. "
static void
t_passing(const struct lexicon *lex)
{
	struct match_result r;
	const char *body = FIVE_SENTENCES "A gas field and a gas field lie "
	    "east.";

	about(lex, "en", FIVE_SENTENCES "A gas field and a gas field lie "
	    "east.", "support", 0);
	about(lex, "en", "A gas field and a gas field lie east. Cats sleep.",
	    "support", 1);	/* a short article */
	about(lex, "en", FIVE_SENTENCES "A gas field lies east. A gas field "
	    "lies west.", "support", 1);
	about(lex, "en", FIVE_SENTENCES "A gas field feeds a pipeline with "
	    "oil.", "support", 1);	/* three terms: about it */
	about(lex, "en", FIVE_SENTENCES "The Trans-Caspian gas field lies "
	    "east.", "support", 1);
	match_article(lex, fc, "en", "Gas field found", body, strlen(body), 0,
	    &r);
	ok(strstr(hit_ids(lex, &r), "support") != NULL,
	    "the headline makes a passing sentence the subject");
	match_result_free(&r);
	/* the same in other languages, with the shipped lexicon below */
}

/* Need: the theme counts only where a need term is in the headline or
 * within a sentence of its evidence. */
static void
t_need(const struct lexicon *lex)
{
	struct match_result r;
	const char *body = "They will double trade by 2030.";

	about(lex, "en", "China and Peru will double trade.", "need", 1);
	about(lex, "en", "Peru and Chile will double trade.", "need", 0);
	about(lex, "en", "Kazakhs and Peruvians met. They will double trade.",
	    "need", 1);	/* the sentence before */
	about(lex, "en", "Peru and Chile will double trade. Cats sleep. Dogs "
	    "bark. China is far.", "need", 0);	/* too far away */
	match_article(lex, fc, "en", "China and Peru meet", body,
	    strlen(body), 0, &r);
	ok(strstr(hit_ids(lex, &r), "need") != NULL, "a need term in the "
	    "headline counts");
	match_result_free(&r);
}

/* Cluster: three different terms within 40 words meet the support; the
 * same term thrice, terms further apart, or a weak term as the third do
 * not. */
#define FORTY_WORDS "one two three four five six seven eight nine ten " \
	"one two three four five six seven eight nine ten " \
	"one two three four five six seven eight nine ten " \
	"one two three four five six seven eight nine ten. "
static void
t_cluster(const struct lexicon *lex)
{
	about(lex, "en", "Tourists filled the hotels after the visa rules "
	    "changed.", "cluster", 1);
	about(lex, "en", "Tourists came.\n\nHotels grew.\n\nVisa rules "
	    "changed.", "cluster", 1);	/* short wrapped lines: one passage */
	about(lex, "en", "Tourists came. " FORTY_WORDS "Hotels grew. "
	    FORTY_WORDS "Visa rules changed.", "cluster", 0);
	about(lex, "en", "Tourists, more tourists, a tourist.", "cluster", 0);
	about(lex, "en", "Tourists and hotels, and travel.", "cluster", 0);
	about(lex, "en", "Tourists and hotels.\n\nTourists and hotels.",
	    "cluster", 1);	/* the score reaches the support */
}

/* Items of a list weigh half, and a theme named only in lists is said
 * in passing; so is a near rule that fires on a list ("cooperation in
 * trade, energy and tourism"), unless lists of two sentences name the
 * field again; the theme's own words listed together ("terrorism,
 * separatism") are its subject; a weak word in quotation marks is a
 * name. */
static void
t_lists(const struct lexicon *lex)
{
	about(lex, "en", "Kazakhstan exports oil, grain and metals.", "lists",
	    0);
	about(lex, "en", "Oil output rose while gas output fell.", "lists", 1);
	about(lex, "en", "Exports of oil, gas and metals rose.", "lists", 1);
	about(lex, "en", "Trains run via Urumqi, Khorgos and Almaty.", "scope", 1);
	/* a theme of names (support 1) names each item of a list */
	about(lex, "en", "They talked of cooperation in trade, energy and "
	    "tourism.", "lists", 0);
	about(lex, "en", "They talked of energy, trade and cooperation.",
	    "lists", 0);	/* every partner a list item */
	about(lex, "en", "They talked of cooperation in trade, energy and "
	    "tourism. Cooperation in farming, energy and banking grew too.",
	    "lists", 1);	/* listed again: the subject */
	about(lex, "en", "Cooperation in trade, energy and tourism, and "
	    "cooperation in energy, banking and farming.", "lists", 0);
	about(lex, "en", "They discussed energy cooperation, trade and "
	    "tourism.", "lists", 0);	/* an item of two words */
	about(lex, "en", "They discussed energy cooperation and trade.",
	    "lists", 1);	/* "A and B" is no list */
	about(lex, "en", "They talked of trade, energy and tourism.", "lists",
	    0);
	about(lex, "en", "Energy cooperation grew fast.", "lists", 1);
	about(lex, "en", "They fight terrorism, separatism and crime.", "lists",
	    1);
	about(lex, "zh", "oil、grain、metals", "lists", 0);
	about(lex, "en", "The club \xc2\xab" "Energy\xc2\xbb signed a "
	    "cooperation deal.", "lists", 0);
	about(lex, "en", "The club \"Energy\" signed a cooperation deal.",
	    "lists", 0);
	about(lex, "en", "The club signed an energy cooperation deal.", "lists",
	    1);
}

/* A name matches its capitalised words only, meets the support alone;
 * a plain name variant needs a second mention. */
static void
t_name(const struct lexicon *lex)
{
	about(lex, "en", "The Belt and Road turns ten.", "name", 1);
	about(lex, "en", "BELT AND ROAD FORUM OPENS", "name", 1);
	about(lex, "en", "A seat belt and road safety drive.", "name", 0);
	about(lex, "en", "A seat Belt and road safety drive.", "name", 0);
	about(lex, "en", "共建一带一路。", "name", 1);
	about(lex, "en", "Rugs sold along the old Silk Road.", "name", 0);
	about(lex, "en", "The Silk Road. The Silk Road again.", "name", 1);
}

/* Article vetoes and windowed vetoes. */
static void
t_veto(const struct lexicon *lex)
{
	about(lex, "en", "The SCO Group lost. SCO summit lawyers.", "veto", 1);
	about(lex, "en", "The SCO Group lost its lawsuit. The SCO summit "
	    "went on.", "veto", 0);
	about(lex, "en", "Quarterly shares rose.", "veto", 0);
	about(lex, "en", "Quarterly reports of shares.", "veto", 1);
	about(lex, "en", "Quarterly. Shares.", "veto", 1);
}

/* Mentions in link lists, tag lines and URLs do not count. */
static void
t_boiler(const struct lexicon *lex)
{
	about(lex, "en", "Cats.\n\nSee also:\n\n- The SCO summit opens\n\n"
	    "Trains via Khorgos\n\nMore cats here.", "scope", 0);
	about(lex, "en", "Cats.\n\nTopics: Khorgos, trains\n\nMore.", "scope",
	    0);
	about(lex, "en", "Cats.\n\nhttps://example.org/khorgos Khorgos\n\n"
	    "More.", "scope", 0);
	about(lex, "en", "Cats.\n\n- Khorgos news\n\nMore.", "scope", 0);
	about(lex, "en", "See also the trains via Khorgos, the largest dry "
	    "port.", "scope", 1);
	about(lex, "en", "Related:\n\nKhorgos trains\n\nThe port at Khorgos "
	    "grew.", "scope", 1);
	about(lex, "en", "Cats.\n\nRelated articles: - Cats -\n\nKhorgos "
	    "dry port grows - Trains\n\nMore cats.", "scope", 0);
	about(lex, "en", "Cats.\n\nSubscribe to our newsletter for news of "
	    "Khorgos.\n\nMore cats.", "scope", 0);
	about(lex, "en", "Cats.\n\nFollow us for news of the port\n\nat "
	    "Khorgos.\n\nMore cats.", "scope", 0);
	about(lex, "en", "Cats sleep.\n\nKhorgos port opens\n\nTrains reach "
	    "Europe\n\nNew rail link planned\n\nMore cats sleep.", "scope",
	    0);
	about(lex, "en", "Cats sleep.\n\nKhorgos port opens\n\nTrains reach "
	    "Europe\n\nMore cats sleep.", "scope", 1);
	about(lex, "en", "The port at\n\nKhorgos grew, and trains\n\nreach "
	    "Europe in\n\nfifteen days.", "scope", 1);
}

/* The shipped lexicon on the mechanisms of the blind3 errors, in
 * sentences written for this test. */
static void
t_shipped(const struct lexicon *lex)
{
	about(lex, "en", "Drivers learn seat belt and road rules. The seat belt "
	    "and road checks go on.", "belt-and-road", 0);
	about(lex, "en", "Kazakhstan joined the Belt and Road in 2013.",
	    "belt-and-road", 1);
	about(lex, "de", "Die Karawane zog über die Seidenstraße nach Westen.",
	    "belt-and-road", 0);
	about(lex, "en", "A gas pipeline will cross the steppe.", "energy", 1);
	about(lex, "it", "Il nuovo gasdotto attraversa il paese.", "energy", 1);
	about(lex, "en", "Kazakhstan and Peru want two-way trade at twice the "
	    "current level.", "trade-doubling", 1);	/* a party named: need */
	about(lex, "en", "Twice as many visitors came to the trade fair.",
	    "trade-doubling", 0);
	about(lex, "pt", "Brasil e China querem o dobro do comércio atual.",
	    "trade-doubling", 1);
	about(lex, "fr", "Le pays a parlé dans le cadre de l'ONU, puis du "
	    "sommet.", "multilateralism", 0);
	about(lex, "fr", "L'ONU défend le multilatéralisme.", "multilateralism",
	    1);
	about(lex, "en", "The United Nations opposes unilateralism.",
	    "multilateralism", 1);
	about(lex, "pt", "O Instituto Confúcio oferece bolsas de estudo.",
	    "culture-education", 1);
	about(lex, "es", "La universidad ofrece becas y un centro cultural.",
	    "culture-education", 1);
	about(lex, "tr", "Bursa'da yeni bir fabrika açıldı.",
	    "culture-education", 0);
	/* the mechanisms of the blind7/8 errors (themes7), sentences of
	 * this test: UNO the card game, a team's energy, gospodarze (a
	 * match's hosts), a phone's security, the bare Czech name,
	 * traditional characters */
	about(lex, "de", "Beim UNO-Turnier im Jugendzentrum spielt jeder mit "
	    "sieben Karten.", "multilateralism", 0);
	about(lex, "de", "Die UNO und Generalsekretär Guterres fordern Dialog. "
	    "Die UNO tagt.", "multilateralism", 1);
	about(lex, "pl", "Gospodarze grali z ogromną energią, a energia "
	    "kibiców niosła drużynę.", "energy", 0);
	about(lex, "pl", "Gospodarze rozmawiali o energii.", "energy", 0);
	about(lex, "pl", "Rozmowy o współpracy gospodarczej i energii trwały "
	    "długo.", "energy", 1);
	about(lex, "uk", "Оновлення безпеки смартфона важливі: шахраї "
	    "дзвонять від імені служби безпеки. Безпека смартфона понад усе.",
	    "security", 0);
	about(lex, "ru", "Обновления безопасности смартфона важны. Мошенники "
	    "звонят от службы безопасности банка. Безопасность смартфона "
	    "важна.", "security", 0);
	about(lex, "uk", "Країни ШОС обговорили регіональну безпеку та "
	    "боротьбу з тероризмом і екстремізмом.", "security", 1);
	about(lex, "cs", "Šanghajská organizace vznikla v roce 2001.", "sco", 1);
	about(lex, "zh", "上海合作組織成員國舉行峰會。", "sco", 1);
	about(lex, "zh", "香港企業開拓數字經濟與電子商務市場。", "digital", 1);
	/* the mechanisms of the blind4 errors, in sentences of this test */
	about(lex, "zh", "金店的金砖被盗，警方追回全部金砖，金砖已还给店主。", "brics",
	    0);
	about(lex, "zh", "金砖国家领导人会晤在喀山举行。", "brics", 1);
	about(lex, "de", "Die Ausstellung erzählt von der Seidenstraße. Die "
	    "Seidenstraße verband Städte.", "belt-and-road", 0);
	about(lex, "de", "Die Neue Seidenstraße wächst. Die Seidenstraße ist "
	    "Chinas Projekt.", "belt-and-road", 1);
	about(lex, "es", "Un convoy de camiones recorrió la carretera. Los "
	    "camiones llevaban harina y los camiones volvieron.", "transport",
	    0);
	about(lex, "ru", "РКК «Энергия» объявила о сотрудничестве с "
	    "партнёрами.", "energy", 0);
	about(lex, "zh", "中国从哈萨克斯坦进口原油、铜、羊毛等商品。", "energy", 0);
	/* a field of cooperation named once in a list (themes6): in passing,
	 * in every language and with the adjective forms */
	about(lex, "ru", "Стороны развивают торгово-экономическое, "
	    "энергетическое и гуманитарное сотрудничество.", "energy", 0);
	about(lex, "kk", "Кездесуде энергетика, көлік және білім салаларындағы "
	    "ынтымақтастық сөз болды.", "energy", 0);
	about(lex, "zh", "双方表示要深化能源、农业、旅游等领域合作。", "energy", 0);
	about(lex, "de", "Man sprach über Handel, Energie sowie Verkehr und "
	    "Zusammenarbeit.", "energy", 0);
	about(lex, "pl", "Omówiono współpracę w dziedzinie handlu, energetyki "
	    "oraz rolnictwa.", "energy", 0);
	about(lex, "fr", "Ils ont évoqué la coopération dans le commerce, "
	    "l'énergie et le tourisme.", "energy", 0);
	about(lex, "en", "Both sides will expand energy cooperation, and "
	    "energy firms will build plants.", "energy", 1);
	about(lex, "ru", "Стороны расширят сотрудничество в энергетике, "
	    "торговле и туризме. Отдельно обсуждалось сотрудничество в "
	    "энергетике, транспорте и сельском хозяйстве.", "energy", 1);
	about(lex, "zh", "双方同意深化能源、农业等领域合作。能源、交通等领域的"
	    "合作项目也将扩大。", "energy", 1);	/* listed in two sentences */
	/* the region alone, another's "five", the gas pipeline (themes6) */
	about(lex, "en", "Central Asia is open. Central Asia grows. Leaders of "
	    "Central Asia met. Central Asia again.", "central-asia", 0);
	about(lex, "en", "Washington hosted the five Central Asian presidents.",
	    "central-asia", 0);
	about(lex, "en", "Xi hosted the five Central Asian presidents.",
	    "central-asia", 1);
	about(lex, "ru", "Центральная Азия растёт. Центральная Азия открыта. "
	    "Страны Центральной Азии встретились. Центральная Азия снова.",
	    "central-asia", 0);
	about(lex, "ru", "Саммит «Китай – Центральная Азия» прошёл в Астане.",
	    "central-asia", 1);
	about(lex, "de", "Die Gasleitung Zentralasien–China bringt Erdgas "
	    "nach Xinjiang.", "central-asia", 0);
	about(lex, "zh", "中国—中亚天然气管道每年输送天然气。", "central-asia", 0);
	about(lex, "zh", "中国—中亚峰会在西安举行。", "central-asia", 1);
	/* doubling of trade between two other countries (themes6) */
	about(lex, "en", "Vietnam and Australia aim to double two-way trade "
	    "by 2030.", "trade-doubling", 0);
	about(lex, "en", "Kazakhstan and China aim to double two-way trade "
	    "by 2030.", "trade-doubling", 1);
	about(lex, "de", "Deutschland und Vietnam wollen ihren Handel bis 2030 "
	    "verdoppeln.", "trade-doubling", 0);
	about(lex, "de", "Usbekistan und Deutschland wollen ihren Handel bis "
	    "2030 verdoppeln.", "trade-doubling", 1);
	about(lex, "ru", "Вьетнам и Австралия намерены удвоить товарооборот.",
	    "trade-doubling", 0);
	about(lex, "ru", "Россия и Казахстан намерены удвоить товарооборот.",
	    "trade-doubling", 1);
	about(lex, "zh", "越南和澳大利亚希望双边贸易额翻一番。", "trade-doubling", 0);
	about(lex, "zh", "中哈双边贸易额有望翻一番。", "trade-doubling", 1);
	about(lex, "es", "España y Kazajistán quieren duplicar su comercio.",
	    "trade-doubling", 1);
	about(lex, "en", "Vietnam and Australia aim to double trade, the "
	    "minister said. Cats sleep. Dogs bark. Later he spoke of the South "
	    "China Sea.", "trade-doubling", 0);
	about(lex, "de", "Der Onlineverkauf mit China hat sich nach Zahlen des "
	    "Handelsministeriums verdoppelt.", "trade-doubling", 0);
	about(lex, "en", "E-commerce in China doubled, the trade ministry "
	    "said.", "trade-doubling", 0);	/* an institution's name */
	about(lex, "pl", "Według ministerstwa handlu sprzedaż w Chinach "
	    "podwoiła się.", "trade-doubling", 0);
	/* a term opening a short quoted phrase: a figure or a name (themes6) */
	about(lex, "de", "Der Trainer nannte die Fans „ein Kraftwerk im Rücken“. "
	    "Sie sangen „Kraftwerk der Liga“.", "energy", 0);
	about(lex, "en", "Fans called the striker \"a power plant\" and \"power "
	    "plant of goals\".", "energy", 0);
	about(lex, "de", "Das neue Kraftwerk am Rhein liefert Strom. Das "
	    "Kraftwerk ersetzt zwei alte.", "energy", 1);
	about(lex, "en", "\"The power plant will open in May,\" he said. The "
	    "power plant cost millions.", "energy", 1);	/* speech */
	/* the goal in money, then "twice today's" (themes6) */
	about(lex, "fr", "Le Kazakhstan et la Chine veulent porter leurs échanges "
	    "commerciaux à 40 milliards de dollars d'ici 2030, soit le double "
	    "du niveau actuel.", "trade-doubling", 1);
	about(lex, "en", "Uzbekistan and China plan to lift bilateral trade to "
	    "20 billion dollars a year by 2030, about twice the level of 2024.",
	    "trade-doubling", 1);
	/* a domain word in an institution's name (themes6) */
	about(lex, "en", "She teaches at the Almaty College of Railway "
	    "Transport and Logistics. He studied at the Tianjin Railway and "
	    "Logistics College.", "transport", 0);
	about(lex, "en", "The railway to Almaty opened. New railway lines link "
	    "the ports.", "transport", 1);
	about(lex, "de", "Sie lehrt an der Hochschule für Logistik und Verkehr. "
	    "Er studierte am Institut für Logistik und Verkehr.", "transport",
	    0);
	about(lex, "pl", "Uczył się w Wyższej Szkole Logistyki i Tranzytu. "
	    "Jego brat skończył Akademię Logistyki i Tranzytu Kolejowego.",
	    "transport", 0);
	/* a domain in one sentence of a longer story on another (themes6) */
	about(lex, "de", "Der Handel mit Weizen wuchs. Die Preise stiegen. "
	    "Die Bauern freuten sich. Die Ernte war gut. Die Mühlen arbeiten. "
	    "Auch der Grenzübergang bei Chorgos wird später ausgebaut.",
	    "transport", 0);
	about(lex, "pl", "Kopalnia ruszy w maju. Złoże jest duże. Inwestor "
	    "jest z Chin. Praca czeka na ludzi. Gmina się cieszy. Urobek "
	    "pojedzie istniejącą linią kolejową do portu.", "transport", 0);
	about(lex, "en", "The mine opens in May. The deposit is large. The "
	    "investor is Chinese. Jobs await. The town is glad. Ore will go by "
	    "the railway line to the port. The railway line needs new "
	    "wagons.", "transport", 1);	/* said again */
	about(lex, "zh", "中国对哈出口新能源汽车和机电产品。", "energy", 0);
	about(lex, "zh", "进口原油、天然气、铜等。", "energy", 0);
	about(lex, "uz", "Energetika, raqamli iqtisodiyot va turizm sohalari "
	    "tilga olindi.", "energy", 0);
	about(lex, "zh", "茶农成立合作社，春茶采摘后统一销售，茶园面积扩大。",
	    "agriculture", 1);
	about(lex, "pl", "Polska liczy na eksport maszyn rolniczych, leków i "
	    "żywności.", "agriculture", 0);
	about(lex, "kk", "«Бір белдеу, бір жолдың» жобалары. «Бір белдеу, бір "
	    "жолдың» он жылы.", "belt-and-road", 1);
	about(lex, "uk", "Через морський коридор вийшли судна з зерном з "
	    "портів Одеси.", "transport", 1);
}

struct expect {
	const char	*file;		/* under the source tree */
	const char	*named;		/* exactly these of the four named themes */
	const char	*also;		/* other themes that must be hits */
	const char	*never;		/* themes that must not be hits */
	const char	*figurative;	/* a phrase that must not be evidence */
	const char	*fig_theme;
};

static const char *const named[] = { "energy", "sco", "luban",
    "trade-doubling" };

/* Is ID in the comma-separated LIST? */
static int
in_list(const char *list, const char *id)
{
	size_t n = strlen(id);
	const char *p;

	for (p = list; (p = strstr(p, id)) != NULL; p += n)
		if ((p == list || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
			return 1;
	return 0;
}

/* Loads one article and checks its themes as E says. */
static void
check_article(const struct lexicon *lex, const struct expect *e)
{
	char path[2048], err[256], *tok, *list, *save;
	struct match_result r;
	struct article a;
	size_t i;
	int good = 1, spans_ok = 1;

	snprintf(path, sizeof path, "%s/%s", srcdir, e->file);
	memset(&a, 0, sizeof a);
	if (article_load(&a, path, err, sizeof err) == -1) {
		ok(0, "%s loads: %s", e->file, err);
		return;
	}
	match_article(lex, fc, a.lang, a.title, a.body, a.body_len, 1, &r);
	for (i = 0; i < 4; i++)
		if (has(lex, &r, named[i]) != in_list(e->named, named[i]))
			good = 0;
	ok(good, "%s: named themes are {%s}", e->file, e->named);
	if (!good)
		printf("#   got: %s\n", hit_ids(lex, &r));
	for (list = xstrdup(e->also), tok = strtok_r(list, ",", &save);
	    tok != NULL; tok = strtok_r(NULL, ",", &save))
		ok(has(lex, &r, tok), "%s: also %s", e->file, tok);
	free(list);
	for (list = xstrdup(e->never), tok = strtok_r(list, ",", &save);
	    tok != NULL; tok = strtok_r(NULL, ",", &save))
		ok(!has(lex, &r, tok), "%s: never %s", e->file, tok);
	free(list);
	if (e->figurative != NULL)
		ok(not_evidence(lex, &r, a.body, e->figurative, e->fig_theme),
		    "%s: \"%s\" is not evidence", e->file, e->figurative);
	for (i = 0; i < r.nspans; i++)
		if (r.spans[i].off + r.spans[i].len > a.body_len ||
		    r.spans[i].len == 0)
			spans_ok = 0;
	ok(spans_ok, "%s: spans inside the body", e->file);
	ok(no_overlap(&r), "%s: a theme's spans never overlap", e->file);
	match_result_free(&r);
	article_free(&a);
}

/* The sample corpus (themes worked out by reading the articles) and
 * the test articles, negative cases included. Energy in 000, 002 and
 * 003, and energy, minerals and agriculture in zh_trade, are one item
 * each of one list of fields ("in den Bereichen Wirtschaft, Handel,
 * Infrastruktur, Energie, 5G ...", "cooperation in trade, investment and
 * energy", "growth points, including 5G, ... and green energy",
 * "深化能源、矿产、农业等传统领域合作"), said nowhere else: in passing, by
 * the rule of every writer of a held-out set (themes6; they were
 * counted before). 001 and 004 name energy in several sentences. */
static const struct expect articles[] = {
	{ "data/articles/000_b552a4a843a8c362.txt", "sco",
	  "security,multilateralism,belt-and-road", "", NULL, NULL },
	{ "data/articles/001_dedb6af14ab0635c.txt",
	  "energy,sco,luban,trade-doubling",
	  "security,tourism,agriculture,central-asia,multilateralism", "",
	  "pozytywnej energii", "energy" },
	{ "data/articles/002_d4b47ef68aae7118.txt", "sco",
	  "security,multilateralism,central-asia,belt-and-road", "brics",
	  "positive energy", "energy" },
	{ "data/articles/003_76a0430b942b8f9f.txt", "sco,luban",
	  "brics,transport,digital", "security", NULL, NULL },
	{ "data/articles/004_04b1ac220f639b5e.txt",
	  "energy,sco,luban,trade-doubling", "brics,minerals,central-asia",
	  "security,transport", NULL, NULL },
	{ "tests/data/articles/ru_energy_sco.txt",
	  "energy,sco,luban,trade-doubling", "transport,security", "", NULL,
	  NULL },
	{ "tests/data/articles/kk_cooperation.txt",
	  "energy,sco,luban,trade-doubling", "", "", NULL, NULL },
	{ "tests/data/articles/zh_trade.txt", "sco,luban,trade-doubling",
	  "security,tourism", "minerals,agriculture", NULL, NULL },
	{ "tests/data/articles/fr_cooperation.txt",
	  "energy,sco,luban,trade-doubling", "", "", NULL, NULL },
	{ "tests/data/articles/de_handel.txt", "energy,luban,trade-doubling",
	  "", "", NULL, NULL },
	{ "tests/data/articles/en_positive_energy.txt", "", "",
	  "tourism", "positive energy", "energy" },
	{ "tests/data/articles/pl_luban_town.txt", "", "", "", NULL, NULL },
	{ "tests/data/articles/en_luban_county.txt", "", "", "", NULL, NULL },
	{ "tests/data/articles/en_sco_company.txt", "", "", "", NULL, NULL },
	{ "tests/data/articles/en_trade_grew.txt", "energy", "", "", NULL,
	  NULL },
};

int
main(void)
{
	const char *s = getenv("top_srcdir");
	struct lexicon *lex;
	size_t i;

	snprintf(srcdir, sizeof srcdir, "%s", s != NULL ? s : ".");
	fc = fold_cache_new();
	lex = load("tests/data/themes/small.ini");
	t_prefix(lex);
	t_phrase(lex);
	t_near(lex);
	t_exclusion(lex);
	t_weights(lex);
	t_cjk(lex);
	t_wrapped(lex);
	t_result(lex);
	t_big(lex);
	lexicon_free(lex);
	lex = load("tests/data/themes/v2.ini");
	t_scope(lex);
	t_caps(lex);
	t_window(lex);
	t_compound(lex);
	t_weak(lex);
	t_support(lex);
	t_passing(lex);
	t_need(lex);
	t_cluster(lex);
	t_lists(lex);
	t_veto(lex);
	t_name(lex);
	t_boiler(lex);
	lexicon_free(lex);
	lex = load("data/themes.ini");
	t_shipped(lex);
	for (i = 0; i < sizeof articles / sizeof articles[0]; i++)
		check_article(lex, &articles[i]);
	lexicon_free(lex);
	fold_cache_free(fc);
	return tap_done();
}
