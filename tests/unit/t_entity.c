/* t_entity.c: the gazetteer across scripts and inflection, found names, entity query terms. */
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "entity.h"
#include "query.h"
#include "text.h"
#include "util.h"
#include "tap.h"

static struct corpus C;

/* Does the index of a copy of C whose articles carry what the loader
 * would make (entity_pre_make; with the body's tokens when TOKS) equal
 * the one built from the bodies? */
static int
pre_same(int toks)
{
	const struct entity_index *a = entity_index(&C);
	size_t n = a->n, na = a->off[C.n], nn = a->noff[C.n], i, ntok, cap = 0;
	uint32_t *ents = xmalloc((na + 1) * sizeof *ents);
	uint32_t *nums = xmalloc((nn + 1) * sizeof *nums);
	uint8_t *men = xmalloc(na + 1);
	struct fold_cache *fc = fold_cache_new();
	struct token *tok = NULL;
	const struct entity_index *b;
	struct corpus D = C;
	int same;

	if (na > 0) {	/* an empty index may hold NULL arrays */
		memcpy(ents, a->ents, na * sizeof *ents);
		memcpy(men, a->mentions, na);
	}
	if (nn > 0)
		memcpy(nums, a->nums, nn * sizeof *nums);
	D.v = xreallocarray(NULL, C.n, sizeof *D.v);
	for (i = 0; i < C.n; i++) {
		D.v[i] = C.v[i];
		ntok = toks ? text_tokens(C.v[i].body, C.v[i].body_len, fc,
		    &tok, &cap) : 0;
		D.v[i].ents = entity_pre_make(C.lex, C.v[i].lang,
		    C.v[i].title, C.v[i].body, C.v[i].body_len, fc,
		    toks ? tok : NULL, ntok);
	}
	b = entity_index(&D);
	same = b->n == n && b->off[C.n] == na && b->noff[C.n] == nn &&
	    (na == 0 || (memcmp(b->ents, ents, na * sizeof *ents) == 0 &&
	    memcmp(b->mentions, men, na) == 0)) &&
	    (nn == 0 || memcmp(b->nums, nums, nn * sizeof *nums) == 0);
	for (i = 0; i < C.n; i++)
		free(D.v[i].ents);
	free(D.v);
	free(tok);
	fold_cache_free(fc);
	free(ents);
	free(nums);
	free(men);
	return same && na > 0;
}

/* Adds an article with BODY (resident) to C. */
static void
art(const char *lang, const char *date, const char *body)
{
	struct article *a;

	C.v = xreallocarray(C.v, C.n + 1, sizeof *C.v);
	a = &C.v[C.n++];
	memset(a, 0, sizeof *a);
	a->path = xstrdup(lang);
	a->title = xstrdup("");
	a->source = xstrdup("");
	snprintf(a->date, sizeof a->date, "%s", date);
	snprintf(a->lang, sizeof a->lang, "%s", lang);
	a->body = xstrdup(body);
	a->body_len = strlen(body);
}

/* Does article I name entity ID? */
static int
names(size_t i, const char *id)
{
	const struct entity_index *ix = entity_index(&C);
	long e = entity_find(ix, id);

	return e >= 0 && entity_has(ix, i, (uint32_t)e);
}

/* Entity ID's kind, or -1 when the index lacks it. */
static int
kind(const char *id)
{
	const struct entity_index *ix = entity_index(&C);
	long e = entity_find(ix, id);

	return e < 0 ? -1 : (int)ix->v[e].kind;
}

/* How many articles a query selects. */
static size_t
selects(const char *q)
{
	unsigned char keep[16];
	char err[256];
	struct query *qq = query_parse(q, &C, err, sizeof err);
	size_t n;

	if (qq == NULL)
		return (size_t)-1;
	n = query_eval(qq, &C, keep);
	query_free(qq);
	return n;
}

int
main(void)
{
	char err[512];
	size_t i;

	warn_quiet = 1;
	ok(entity_init(SRCDATADIR, NULL, err, sizeof err) == 0, "gazetteer loads: %s", err);
	ok(entity_known("tokayev") && entity_known("khorgos") &&
	    entity_known("kazmunaygas") && !entity_known("nobody"), "ids");
	C.resident = 1;
	art("pl", "2024-07-03", "Xi Jinping spotkał się z Kasymem-Żomartem "
	    "Tokajewem w Astanie. Rozmowy z Umarovem trwały długo.");
	art("ru", "2024-07-03", "Си Цзиньпин провёл переговоры с Токаевым. "
	    "Визит Токаева в Хоргос.");
	art("kk", "2024-07-04", "Си Цзиньпин Тоқаевпен кездесті. Астанада.");
	art("zh", "2024-07-04", "习近平同托卡耶夫会谈。阿斯塔纳。");
	art("fr", "2024-07-05", "Le président Tokaïev a reçu M. Wang Yi à "
	    "Astana, dit Umarov.");
	art("en", "2024-07-05", "Talks with Askar Umarov in Xi'an on Monday. "
	    "Monday was calm. On Monday the CNPC and KazMunayGas signed.");
	art("de", "2024-07-06", "Die Partnerschaft wächst. Eine neue "
	    "Partnerschaft mit Monday und Sonnenschein.");
	art("de", "2024-07-06", "Sonnenschein und Partnerschaft am Abend.");

	for (i = 0; i < 5; i++)
		ok(names(i, "tokayev"), "Tokayev in article %zu (%s)", i,
		    C.v[i].lang);
	ok(names(0, "astana") && names(2, "astana") && names(3, "astana") &&
	    names(4, "astana"), "w Astanie, Астанада, 阿斯塔纳, Astana");
	ok(names(1, "khorgos"), "в Хоргос");
	ok(names(4, "wang-yi"), "Wang Yi");
	ok(names(5, "xian") && !names(5, "xi-jinping"), "Xi'an is a city, not Xi");
	ok(names(5, "cnpc") && names(5, "kazmunaygas"), "companies");
	ok(kind("tokayev") == ENTITY_PERSON && kind("astana") == ENTITY_PLACE &&
	    kind("sco") == ENTITY_ORG, "kinds from the file");

	/* found names: Umarov (pl Umarovem merged), not Monday (common),
	 * not Partnerschaft or Sonnenschein (German nouns) */
	ok(kind("n:umarov") == ENTITY_FOUND, "found name n:umarov");
	ok(names(0, "n:umarov") && names(4, "n:umarov"), "Umarovem merged into Umarov");
	ok(kind("n:monday") == -1, "a weekday is no name");
	ok(kind("n:sonnenschein") == -1 && kind("n:partnerschaft") == -1,
	    "German single nouns are no names");
	ok(kind("n:talks") == -1, "a sentence's first word is no name");

	is_int(selects("who:tokayev"), 5, "who:tokayev");
	is_int(selects("where:astana -lang:zh"), 3, "where:astana -lang:zh");
	is_int(selects("entity:khorgos,cnpc"), 2, "entity:a,b any of");
	is_int(selects("-entity:tokayev"), 3, "-entity:");
	is_int(selects("entity:n:umarov"), 2, "a found name in a query");
	is_int(selects("entity:n:absent"), 0, "an absent found name");
	ok(selects("entity:nobody") == (size_t)-1, "an unknown id is an error");

	/* what the loader threads make gives the index it would have built */
	ok(pre_same(0), "entity_pre_make: same index as from the bodies");
	ok(pre_same(1), "entity_pre_make with the loader's tokens: same index");

	/* a bad gazetteer is refused with its file and line */
	ok(entity_init("/nonexistent", NULL, err, sizeof err) == -1 &&
	    strstr(err, "people.ini") != NULL, "missing file: %s", err);
	entity_free();
	for (i = 0; i < C.n; i++)
		article_free(&C.v[i]);
	free(C.v);
	return tap_done();
}
