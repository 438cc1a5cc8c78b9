/* t_lexicon.c: loading themes.ini: the shipped lexicon, a user override, hashes, and each malformed lexicon refused with FILE:LINE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lexicon.h"
#include "text.h"
#include "tap.h"

static char srcdir[1024];

/* Path of a fixture under tests/data/themes. */
static const char *
fixture(const char *name)
{
	static char p[2048];

	snprintf(p, sizeof p, "%s/tests/data/themes/%s", srcdir, name);
	return p;
}

/* Index of theme ID, or -1. */
static long
theme_index(const struct lexicon *lex, const char *id)
{
	size_t i;

	for (i = 0; i < lexicon_count(lex); i++)
		if (strcmp(lexicon_id(lex, i), id) == 0)
			return (long)i;
	return -1;
}

/* The shipped lexicon loads and has the themes the UI expects. */
static void
t_shipped(void)
{
	static const char *const ids[] = { "energy", "sco", "luban",
	    "trade-doubling", "belt-and-road", "transport", "security",
	    "tourism", "digital", "multilateralism", "brics", "minerals" };
	char path[2048], err[512] = "";
	struct lexicon *lex;
	size_t i;

	snprintf(path, sizeof path, "%s/data/themes.ini", srcdir);
	lex = lexicon_load(path, NULL, err, sizeof err);
	ok(lex != NULL, "data/themes.ini loads (%s)", err);
	if (lex == NULL)
		return;
	ok(lexicon_count(lex) >= 12, "at least 12 themes");
	for (i = 0; i < sizeof ids / sizeof ids[0]; i++)
		ok(theme_index(lex, ids[i]) >= 0, "theme %s shipped", ids[i]);
	is_str(lexicon_label(lex, (size_t)theme_index(lex, "sco")),
	    "Shanghai Cooperation Organisation", "sco label");
	ok(lexicon_covers(lex, "shanghai cooperation organisation", 33),
	    "covers the SCO's name");
	ok(lexicon_covers(lex, "green energy", 12), "covers a phrase with a term");
	ok(!lexicon_covers(lex, "golden years", 12), "does not cover other words");
	lexicon_free(lex);
}

/* Counts the callbacks of lexicon_terms, looking for one term. */
struct seen {
	int	 n;
	int	 found;
	const char *want;
};
static void
count_term(const char *t, void *arg)
{
	struct seen *s = arg;

	s->n++;
	if (strcmp(t, s->want) == 0)
		s->found = 1;
}

/* Need terms: the theme has them, and they are neither evidence nor
 * in the terms a grep looks for. */
static void
t_need(void)
{
	char err[512] = "";
	struct lexicon *lex = lexicon_load(fixture("v2.ini"), NULL, err,
	    sizeof err);
	struct seen s = { 0, 0, "Kazakh" };
	long i;

	ok(lex != NULL, "v2.ini loads (%s)", err);
	if (lex == NULL)
		return;
	i = theme_index(lex, "need");
	ok(i >= 0 && lexicon_needs(lex, (size_t)i), "[need] has need terms");
	ok(!lexicon_needs(lex, (size_t)theme_index(lex, "support")),
	    "[support] has none");
	ok(!lexicon_covers(lex, "kazakhstan", 10), "a need term is no evidence");
	lexicon_terms(lex, count_term, &s);
	ok(s.n > 0 && !s.found, "lexicon_terms leaves need terms out");
	lexicon_free(lex);
}

/* A user lexicon replaces same-named themes and adds new ones. */
static void
t_user(void)
{
	char err[512] = "", user[2048];
	struct lexicon *a, *b, *c;
	struct seen s = { 0, 0, "energie" };
	long i;

	snprintf(user, sizeof user, "%s", fixture("user.ini"));
	a = lexicon_load(fixture("small.ini"), NULL, err, sizeof err);
	ok(a != NULL, "small.ini loads (%s)", err);
	b = lexicon_load(fixture("small.ini"), user, err, sizeof err);
	ok(b != NULL, "small.ini + user.ini load (%s)", err);
	c = lexicon_load(fixture("small.ini"), NULL, err, sizeof err);
	if (a == NULL || b == NULL || c == NULL)
		return;
	is_int(lexicon_count(a), 7, "seven themes");
	is_int(lexicon_count(b), 8, "user adds one theme");
	i = theme_index(b, "prefix");
	is_int(i, 0, "overridden theme keeps its place");
	is_str(lexicon_label(b, (size_t)i), "Prefix (user)", "user label wins");
	is_str(lexicon_id(b, 7), "extra", "new theme appended");
	ok(lexicon_hash(a) == lexicon_hash(c), "same content, same hash");
	ok(lexicon_hash(a) != lexicon_hash(b), "override changes the hash");
	lexicon_terms(a, count_term, &s);
	ok(s.found, "lexicon_terms gives 'energie' (star left out)");
	ok(s.n >= 15, "lexicon_terms gives every scoring term");
	ok(!lexicon_covers(b, "energiekooperation", 18),
	    "overridden terms are gone");
	ok(lexicon_covers(b, "power plant", 11), "user terms are there");
	lexicon_free(a);
	lexicon_free(b);
	lexicon_free(c);
}

/* FILE must be refused with "FILE:LINE:" and WHAT in the message. */
static void
bad(const char *file, int line, const char *what)
{
	char err[512] = "", want[2100];
	struct lexicon *lex;
	const char *p = fixture(file);

	lex = lexicon_load(p, NULL, err, sizeof err);
	ok(lex == NULL, "%s refused", file);
	lexicon_free(lex);
	snprintf(want, sizeof want, "%s:%d: ", p, line);
	ok(strncmp(err, want, strlen(want)) == 0 && strstr(err, what),
	    "%s: line %d, '%s'", file, line, what);
	if (strncmp(err, want, strlen(want)) != 0 || !strstr(err, what))
		printf("#   got: %s\n", err);
}

/* Malformed lexicons: each names its file and line. */
static void
t_bad(void)
{
	char err[512] = "", user[2048];
	struct lexicon *lex;

	bad("bad_unknown_key.ini", 4, "unknown key 'labl'");
	bad("bad_weight.ini", 3, "bad weight");
	bad("bad_nolabel.ini", 4, "no label");
	bad("bad_bom.ini", 1, "byte order mark");
	bad("bad_longline.ini", 3, "line too long");
	bad("bad_empty.ini", 5, "empty theme [b]");
	bad("bad_prefix.ini", 3, "too short");
	bad("bad_near.ini", 3, "two groups");
	bad("bad_window.ini", 3, "bad window");
	bad("bad_threshold.ini", 3, "bad threshold");
	bad("bad_noterms.ini", 1, "no terms");
	bad("bad_id.ini", 1, "theme id");
	bad("bad_emptyterm.ini", 3, "empty term");
	bad("bad_affix.ini", 3, "too short");
	bad("bad_affix2.ini", 3, "first word");
	bad("bad_support.ini", 3, "bad support '9'");
	bad("bad_support2.ini", 3, "bad support");
	bad("bad_cluster.ini", 3, "bad cluster '1'");
	bad("bad_need.ini", 3, "need term has no weight");
	snprintf(user, sizeof user, "%s", fixture("bad_weight.ini"));
	lex = lexicon_load(fixture("small.ini"), user, err, sizeof err);
	ok(lex == NULL && strstr(err, "bad_weight.ini:3:") != NULL,
	    "a bad user lexicon is refused too");
	if (lex != NULL || strstr(err, "bad_weight.ini:3:") == NULL)
		printf("#   got: %s\n", err);
	lex = lexicon_load(fixture("missing.ini"), NULL, err, sizeof err);
	ok(lex == NULL && strstr(err, "missing.ini") != NULL,
	    "missing file refused");
}

/* The per-word memo ("no term starts with this word") belongs to one
 * lexicon: the same fold cache with another lexicon that has the word
 * finds it. */
static void
t_memo(void)
{
	static const char *text = "golden years, golden years";
	char path[2048], user[] = "/tmp/t_lexicon.XXXXXX", err[512] = "";
	struct lexicon *a, *b = NULL;
	struct fold_cache *fc = fold_cache_new();
	struct token *t = NULL;
	uint32_t ids[8];
	size_t cap = 0, n;
	int fd = mkstemp(user);
	FILE *fp;

	snprintf(path, sizeof path, "%s/data/themes.ini", srcdir);
	a = lexicon_load(path, NULL, err, sizeof err);
	if (fd != -1 && (fp = fdopen(fd, "w")) != NULL) {
		fputs("[gold]\nlabel = Gold\nen = golden years ^2\n", fp);
		fclose(fp);
		b = lexicon_load(path, user, err, sizeof err);
	}
	unlink(user);
	n = text_tokens(text, strlen(text), fc, &t, &cap);
	ok(a != NULL && b != NULL && n == 4, "two lexicons, four tokens (%s)",
	    err);
	if (a != NULL && b != NULL && n == 4) {
		is_int(lexicon_match_at(a, t, n, 0, ids, 8), 0, "no term in A");
		is_int(lexicon_match_at(a, t, n, 2, ids, 8), 0,
		    "nor the second time (memo)");
		is_int(lexicon_match_at(b, t, n, 2, ids, 8), 1,
		    "B finds golden years where A's memo said none");
		is_int(lexicon_match_at(a, t, n, 0, ids, 8), 0, "A again: none");
	}
	free(t);
	fold_cache_free(fc);
	lexicon_free(a);
	lexicon_free(b);
}

/* Weak terms do not make a phrase the lexicon's (discovery keeps
 * "Steppe Eagle Festival" when "festival" is only a weak word). */
static void
t_covers_weak(void)
{
	char err[512];
	struct lexicon *lex;

	lex = lexicon_load(fixture("v2.ini"), NULL, err, sizeof err);
	ok(lex != NULL, "v2.ini loads");
	if (lex == NULL)
		return;
	ok(!lexicon_covers(lex, "spring travel", 13),
	    "a weak term does not cover a phrase");
	ok(lexicon_covers(lex, "spring hotels", 13),
	    "a plain term of the same theme does");
	lexicon_free(lex);
}

/* Affix terms are looked up by a word's last byte ("*w" terms) beside
 * every "*w*" term: each word still finds all it matches, in the
 * terms' order. */
static void
t_affix_tails(void)
{
	static const char *text = "Kohlekraftwerk Hauptstadt Eisenbahnhof "
	    "Werk Zeit";
	static const size_t want[] = { 2, 2, 1, 1, 0 };
	char user[] = "/tmp/t_lexicon.XXXXXX", err[512] = "";
	struct fold_cache *fc = fold_cache_new();
	struct lexicon *lex = NULL;
	struct token *t = NULL;
	uint32_t ids[8];
	size_t cap = 0, n, i, k, bad = 0;
	int fd = mkstemp(user);
	FILE *fp;

	if (fd != -1 && (fp = fdopen(fd, "w")) != NULL) {
		fputs("[w]\nlabel = W\nde = *werk, *stadt, *bahn*, "
		    "*kraftwerk, *tadt\n", fp);
		fclose(fp);
		lex = lexicon_load(user, NULL, err, sizeof err);
	}
	unlink(user);
	n = text_tokens(text, strlen(text), fc, &t, &cap);
	ok(lex != NULL && n == 5, "an affix lexicon, five words (%s)", err);
	for (i = 0; lex != NULL && i < n && i < 5; i++) {
		k = lexicon_match_at(lex, t, n, i, ids, 8);
		bad += k != want[i] || (k == 2 && ids[0] >= ids[1]);
	}
	is_int(bad, 0, "each word finds its affix terms (both of "
	    "kraftwerk's, in order), Zeit none");
	free(t);
	fold_cache_free(fc);
	lexicon_free(lex);
}

int
main(void)
{
	const char *s = getenv("top_srcdir");

	snprintf(srcdir, sizeof srcdir, "%s", s != NULL ? s : ".");
	t_shipped();
	t_user();
	t_bad();
	t_need();
	t_memo();
	t_covers_weak();
	t_affix_tails();
	return tap_done();
}
