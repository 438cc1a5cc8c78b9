/* t_mprep.c: an article prepared once (match_prep) and matched by the themes and the gazetteers in turn gives what each lexicon gives alone on a fresh fold cache; each theme's rules found by range. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "lexicon.h"
#include "match.h"
#include "sample.h"
#include "tap.h"
#include "text.h"
#include "util.h"

#define NLEX	6

static char srcdir[1024];
static struct lexicon *lexs[NLEX];
static const char *const lexfiles[NLEX] = { "data/themes.ini",
    "data/entities/people.ini", "data/entities/places.ini",
    "data/entities/orgs.ini", "tests/data/themes/v2.ini",
    "tests/data/themes/small.ini" };

/* Loads a lexicon relative to the source tree; exits on failure. */
static struct lexicon *
load(const char *rel)
{
	return sample_lexicon(srcdir, rel);
}

/* Are two results the same hits (themes and scores) and spans? */
static int
same_result(const struct match_result *a, const struct match_result *b)
{
	size_t i;

	if (a->nhits != b->nhits || a->nspans != b->nspans)
		return 0;
	for (i = 0; i < a->nhits; i++)
		if (a->hits[i].theme != b->hits[i].theme ||
		    a->hits[i].score != b->hits[i].score)
			return 0;
	for (i = 0; i < a->nspans; i++)
		if (a->spans[i].off != b->spans[i].off ||
		    a->spans[i].len != b->spans[i].len ||
		    a->spans[i].theme != b->spans[i].theme)
			return 0;
	return 1;
}

/* What lexicon K finds in the article alone, on a fresh fold cache. */
static void
alone(size_t k, const char *lang, const char *title, const char *body,
    size_t len, struct match_result *out)
{
	struct fold_cache *fc = fold_cache_new();

	match_article(lexs[k], fc, lang, title, body, len, 1, out);
	fold_cache_free(fc);
}

/*
 * Matches the article with every lexicon, in the order ORDER, from one
 * prep on the shared fold cache FC (its words' memos already marked by
 * the articles before), with the body's tokens given when TOKENS; each
 * result must be the lexicon's alone. Returns the hits found in all.
 */
static size_t
check_prep(const char *name, struct fold_cache *fc, const size_t *order,
    int tokens, const char *lang, const char *title, const char *body,
    size_t len)
{
	struct token *tok = NULL;
	size_t cap = 0, ntok = 0, i, hits = 0;
	struct match_prep *p;
	struct match_result r, want;
	int same = 1;

	if (tokens)
		ntok = text_tokens(body, len, fc, &tok, &cap);
	p = match_prep_new(fc, title, body, len, tokens ? tok : NULL, ntok);
	for (i = 0; i < NLEX; i++) {
		match_prep_run(p, lexs[order[i]], lang, 1, &r);
		alone(order[i], lang, title, body, len, &want);
		if (!same_result(&r, &want)) {
			same = 0;
			printf("# %s: %s differs\n", name, lexfiles[order[i]]);
		}
		hits += r.nhits;
		match_result_free(&r);
		match_result_free(&want);
	}
	match_prep_free(p);
	free(tok);
	ok(same, "%s: one prep for six lexicons (%s tokens), as each alone",
	    name, tokens ? "given" : "own");
	return hits;
}

/* Texts that exercise what the prep shares: lists, quotes, sentences,
 * boilerplate, Han text, names. */
static const char *const texts[][3] = {
	{ "en", "Kazakhstan and China sign energy deal",
	  "Astana. President Tokayev met Xi Jinping on Monday.\n\n"
	  "The sides discussed cooperation in trade, energy, transport and "
	  "tourism. Oil, gas and metals lead the exports.\n\n"
	  "The \"Energy\" club and \xc2\xab\xd0\xad\xd0\xbd\xd0\xb5\xd1\x80"
	  "\xd0\xb3\xd0\xb8\xd1\x8f\xc2\xbb were named.\n\n"
	  "A new pipeline and a power plant will be built; the railway and "
	  "the port of Aktau will be widened.\n\n"
	  "See also:\nOil prices rise\nGas pipeline opens\n" },
	{ "ru", "\xd0\x9a\xd0\xb0\xd0\xb7\xd0\xb0\xd1\x85\xd1\x81\xd1\x82\xd0"
	  "\xb0\xd0\xbd \xd0\xb8 \xd0\x9a\xd0\xb8\xd1\x82\xd0\xb0\xd0\xb9",
	  "\xd0\xa2\xd0\xbe\xd0\xba\xd0\xb0\xd0\xb5\xd0\xb2 \xd0\xb2\xd1\x81"
	  "\xd1\x82\xd1\x80\xd0\xb5\xd1\x82\xd0\xb8\xd0\xbb\xd1\x81\xd1\x8f "
	  "\xd1\x81 \xd0\xa1\xd0\xb8 \xd0\xa6\xd0\xb7\xd0\xb8\xd0\xbd\xd1\x8c"
	  "\xd0\xbf\xd0\xb8\xd0\xbd\xd0\xbe\xd0\xbc. \xd0\x9d\xd0\xb5\xd1\x84"
	  "\xd1\x82\xd1\x8c, \xd0\xb3\xd0\xb0\xd0\xb7 \xd0\xb8 \xd1\x83\xd0"
	  "\xb3\xd0\xbe\xd0\xbb\xd1\x8c.\n" },
	{ "zh", "\xe4\xb8\xad\xe5\x9b\xbd\xe4\xb8\x8e\xe5\x93\x88\xe8\x90\xa8"
	  "\xe5\x85\x8b\xe6\x96\xaf\xe5\x9d\xa6",
	  "\xe4\xb8\xa4\xe5\x9b\xbd\xe5\x9c\xa8\xe8\x83\xbd\xe6\xba\x90\xe3"
	  "\x80\x81\xe8\xb4\xb8\xe6\x98\x93\xe5\x92\x8c\xe4\xba\xa4\xe9\x80"
	  "\x9a\xe9\xa2\x86\xe5\x9f\x9f\xe5\x90\x88\xe4\xbd\x9c\xe3\x80\x82"
	  "\xe4\xb8\x80\xe5\xb8\xa6\xe4\xb8\x80\xe8\xb7\xaf\xe5\x80\xa1\xe8"
	  "\xae\xae\xe3\x80\x82\n" },
	{ "", "", "" },
};

/* The sample articles of data/articles, matched from one prep. */
static void
t_samples(struct fold_cache *fc, const size_t *order)
{
	static const char *const files[] = { "000_b552a4a843a8c362.txt",
	    "001_dedb6af14ab0635c.txt", "002_d4b47ef68aae7118.txt",
	    "003_76a0430b942b8f9f.txt", "004_04b1ac220f639b5e.txt", NULL };
	char path[2048], err[512];
	struct article a;
	size_t i, hits = 0;

	for (i = 0; files[i] != NULL; i++) {
		snprintf(path, sizeof path, "%s/data/articles/%s", srcdir,
		    files[i]);
		memset(&a, 0, sizeof a);
		if (article_load(&a, path, err, sizeof err) == -1) {
			ok(0, "%s: %s", files[i], err);
			continue;
		}
		hits += check_prep(files[i], fc, order, (int)(i % 2), a.lang,
		    a.title, a.body, a.body_len);
		article_free(&a);
	}
	ok(hits > 0, "the samples have hits to compare (%zu)", hits);
}

/* A body over one chunk (256 KB): the runs scan it in chunks, with the
 * boilerplate found once for all. */
static void
t_long(struct fold_cache *fc, const size_t *order)
{
	struct buf b;
	size_t hits;

	buf_init(&b);
	while (b.len < 600 * 1024) {
		buf_adds(&b, texts[0][2]);
		buf_adds(&b, "\n\n");
	}
	hits = check_prep("a 600 KB body", fc, order, 0, "en", texts[0][1],
	    b.s, b.len);
	ok(hits > 0, "the long body has hits to compare (%zu)", hits);
	buf_free(&b);
}

/* Each theme's rules (lexicon_theme_rules) are its own, and all the
 * lexicon's are some theme's: scoring reads only those. */
static void
t_theme_rules(void)
{
	size_t k, th, r, first, n, sum;
	int own;

	for (k = 0; k < NLEX; k++) {
		for (own = 1, sum = 0, th = 0; th < lexicon_count(lexs[k]); th++) {
			n = lexicon_theme_rules(lexs[k], th, &first);
			for (r = first; r < first + n; r++)
				own &= lexicon_rule(lexs[k], (uint32_t)r)->theme ==
				    th;
			sum += n;
		}
		ok(own && sum == lexicon_nrules(lexs[k]), "%s: %zu rules, each "
		    "in its theme's range", lexfiles[k], sum);
	}
	n = lexicon_theme_rules(lexs[0], lexicon_count(lexs[0]), &first);
	ok(n == 0, "no rules past the last theme");
}

int
main(void)
{
	static const size_t fwd[NLEX] = { 0, 1, 2, 3, 4, 5 },
	    back[NLEX] = { 5, 3, 4, 2, 0, 1 };
	const char *s = getenv("top_srcdir");
	struct fold_cache *fc;
	size_t i, hits = 0;

	snprintf(srcdir, sizeof srcdir, "%s", s != NULL ? s : ".");
	for (i = 0; i < NLEX; i++)
		lexs[i] = load(lexfiles[i]);
	ok(lexicon_memo_bit(lexs[0]) != 0 && lexicon_memo_bit(lexs[0]) !=
	    lexicon_memo_bit(lexs[1]), "each lexicon has a memo bit of its own");
	t_theme_rules();
	fc = fold_cache_new();	/* shared: memos carry over */
	for (i = 0; texts[i][0] != NULL && texts[i][1][0] != '\0'; i++) {
		hits += check_prep(texts[i][1], fc, fwd, 0, texts[i][0],
		    texts[i][1], texts[i][2], strlen(texts[i][2]));
		hits += check_prep(texts[i][1], fc, back, 1, texts[i][0],
		    texts[i][1], texts[i][2], strlen(texts[i][2]));
	}
	ok(hits > 0, "the texts have hits to compare (%zu)", hits);
	check_prep("no title", fc, fwd, 0, NULL, NULL, texts[0][2],
	    strlen(texts[0][2]));
	check_prep("no body", fc, back, 0, "en", texts[0][1], NULL, 0);
	check_prep("empty", fc, fwd, 1, "", "", "", 0);
	t_samples(fc, fwd);
	t_samples(fc, back);
	t_long(fc, back);
	fold_cache_free(fc);
	for (i = 0; i < NLEX; i++)
		lexicon_free(lexs[i]);
	return tap_done();
}
