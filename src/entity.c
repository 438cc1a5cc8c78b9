/* entity.c: the gazetteer (three lexicons, one per kind) matched over each article, and the recurring names it lacks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>

#include "corpus.h"
#include "entity_cache.h"
#include "entity.h"
#include "hash.h"
#include "lexicon.h"
#include "match.h"
#include "number.h"
#include "paths.h"
#include "text.h"
#include "util.h"

#define NKINDS		3	/* curated kinds: one lexicon each */
#define RUN_MAX		4	/* words of a found name */
#define MERGE_CHARS	3	/* letters an inflected form may add */
#define ROOT_CHARS	4	/* letters a form needs to take others in */

static const char *const kind_file[NKINDS] = {
	"people.ini", "places.ini", "orgs.ini"
};

/* Global: the gazetteer, loaded once by entity_init, before the loader
 * threads; only read after. */
static struct {
	struct lexicon	*lex[NKINDS];
	size_t		 base[NKINDS + 1];	/* first entity of each kind */
	char		**common;		/* folded words never a name */
	size_t		 ncommon;
} G;

/* Global: the index of the last corpus asked about, and what it was
 * built from (a memo: every pane asks; one corpus per process). */
static struct {
	const struct corpus *c;
	const struct article *v;
	size_t		 n;
	int		 built;
	struct entity_index ix;
	char		**found_ids;	/* strings the found entities own */
	size_t		 nfound;
} M;

/* Global: a setting, whether entity_index reads and writes the entity
 * cache. */
static int cache_on;

/* String comparison for qsort and bsearch over char *. */
static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads DIR/entities/common.txt: capitalised words that are not names
 * (months, weekdays, titles), a word a line, '#' comments. Optional. */
static void
load_common(const char *datadir)
{
	char path[4096], *text, *line, *save = NULL, *f;
	size_t len, flen;

	snprintf(path, sizeof path, "%s/entities/common.txt", datadir);
	if (file_read(path, 1 << 20, &text, &len) == -1)
		return;
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		line[strcspn(line, "#\r")] = '\0';
		len = strlen(line);
		while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
			line[--len] = '\0';
		if (len == 0)
			continue;
		f = text_fold(line, len, &flen);
		G.common = xreallocarray(G.common, G.ncommon + 1, sizeof *G.common);
		G.common[G.ncommon++] = f;
	}
	free(text);
	if (G.ncommon > 1)	/* G.common is NULL for an empty list */
		qsort(G.common, G.ncommon, sizeof *G.common, cmp_str);
}

/* Is gazetteer id ID in a kind before K, or earlier in kind K? */
static int
id_taken(const char *id, size_t k, size_t upto)
{
	size_t j, i;

	for (j = 0; j <= k; j++)
		for (i = 0; i < (j < k ? lexicon_count(G.lex[j]) : upto); i++)
			if (strcmp(lexicon_id(G.lex[j], i), id) == 0)
				return 1;
	return 0;
}

/* Loads the lexicon of kind K (and the user's of the same name). */
static int
load_kind(size_t k, const char *datadir, const char *userdir, char *err,
    size_t errlen)
{
	char path[4096], user[4096];
	const char *u = NULL;
	size_t i;

	snprintf(path, sizeof path, "%s/entities/%s", datadir, kind_file[k]);
	if (userdir != NULL) {
		snprintf(user, sizeof user, "%s/%s", userdir, kind_file[k]);
		if (paths_is_file(user))
			u = user;
	}
	if ((G.lex[k] = lexicon_load(path, u, err, errlen)) == NULL)
		return -1;
	for (i = 0; i < lexicon_count(G.lex[k]); i++)
		if (id_taken(lexicon_id(G.lex[k], i), k, i)) {
			snprintf(err, errlen, "%s: entity [%s] is also in "
			    "another gazetteer file", path,
			    lexicon_id(G.lex[k], i));
			return -1;
		}
	G.base[k + 1] = G.base[k] + lexicon_count(G.lex[k]);
	return 0;
}

int
entity_init(const char *datadir, const char *userdir, char *err,
    size_t errlen)
{
	size_t k;

	entity_free();
	for (k = 0; k < NKINDS; k++)
		if (load_kind(k, datadir, userdir, err, errlen) == -1) {
			entity_free();
			return -1;
		}
	load_common(datadir);
	return 0;
}

/* Drops the memoised index. */
static void
memo_free(void)
{
	size_t i;

	for (i = 0; i < M.nfound; i++)
		free(M.found_ids[i]);
	free(M.found_ids);
	free(M.ix.v);
	free(M.ix.off);
	free(M.ix.ents);
	free(M.ix.mentions);
	free(M.ix.noff);
	free(M.ix.nums);
	memset(&M, 0, sizeof M);
}

void
entity_free(void)
{
	size_t k;

	memo_free();
	for (k = 0; k < NKINDS; k++)
		lexicon_free(G.lex[k]);
	for (k = 0; k < G.ncommon; k++)
		free(G.common[k]);
	free(G.common);
	memset(&G, 0, sizeof G);
}

const char *
entity_kind_name(enum entity_kind k)
{
	static const char *const names[] = { "person", "place", "org", "found" };

	return k <= ENTITY_FOUND ? names[k] : "?";
}

int
entity_known(const char *id)
{
	size_t k, i;

	for (k = 0; k < NKINDS; k++)
		for (i = 0; G.lex[k] != NULL && i < lexicon_count(G.lex[k]); i++)
			if (strcmp(lexicon_id(G.lex[k], i), id) == 0)
				return 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Found names: candidates, counted per article. */

/* One distinct folded candidate. */
struct cand {
	char		*key;		/* folded words, one space apart */
	char		*label;		/* first seen, as written */
	uint32_t	 narts;		/* articles naming it */
	uint32_t	 last;		/* last article counted + 1 */
	uint32_t	 root;		/* merged into (itself if none) */
	uint32_t	 entity;	/* found entity index, or UINT32_MAX */
};

/* Candidate table (hash.h, over keys) and (article, cand) pairs. */
struct cands {
	struct cand	*v;
	size_t		 n, cap;
	struct hash	 slot;
	uint32_t	(*pair)[2];
	size_t		 npair, pcap;
};

/* The hash of candidate I's key (hash_grow). */
static uint64_t
cand_hash(const void *ctx, uint32_t i)
{
	const char *k = ((const struct cands *)ctx)->v[i].key;

	return hash_bytes(HASH_INIT, k, strlen(k));
}

/* The candidate of KEY[0..LEN), or -1 (ADD: made when missing). */
static long
cands_get(struct cands *C, const char *key, size_t len, int add)
{
	uint32_t *s;
	size_t pos;

	if (hash_full(&C->slot))
		hash_grow(&C->slot, cand_hash, C);
	for (s = hash_first(&C->slot, hash_bytes(HASH_INIT, key, len), &pos);
	    *s != 0; s = hash_next(&C->slot, &pos)) {
		const char *k = C->v[*s - 1].key;

		if (strncmp(k, key, len) == 0 && k[len] == '\0')
			return *s - 1;
	}
	if (!add)
		return -1;
	if (C->n == C->cap) {
		C->cap = C->cap ? C->cap * 2 : 256;
		C->v = xreallocarray(C->v, C->cap, sizeof *C->v);
	}
	memset(&C->v[C->n], 0, sizeof *C->v);
	C->v[C->n].key = xstrndup(key, len);
	C->v[C->n].root = (uint32_t)C->n;
	C->v[C->n].entity = UINT32_MAX;
	*s = (uint32_t)C->n + 1;
	hash_placed(&C->slot);
	return (long)C->n++;
}

/* Counts candidate KEY (LABEL as written) for article I. */
static void
cands_add(struct cands *C, uint32_t i, const char *key, size_t klen,
    const char *label, size_t llen)
{
	long k = cands_get(C, key, klen, 1);
	struct cand *c = &C->v[k];

	if (c->label == NULL)
		c->label = xstrndup(label, llen);
	if (c->last == i + 1)
		return;
	c->last = i + 1;
	c->narts++;
	if (C->npair == C->pcap) {
		C->pcap = C->pcap ? C->pcap * 2 : 1024;
		C->pair = xreallocarray(C->pair, C->pcap, sizeof *C->pair);
	}
	C->pair[C->npair][0] = i;
	C->pair[C->npair++][1] = (uint32_t)k;
}

/* Frees the candidates. */
static void
cands_free(struct cands *C)
{
	size_t i;

	for (i = 0; i < C->n; i++) {
		free(C->v[i].key);
		free(C->v[i].label);
	}
	free(C->v);
	hash_free(&C->slot);
	free(C->pair);
}

/* Is folded word W[0..N) in the common-word list? */
static int
is_common(const char *w, size_t n)
{
	size_t lo = 0, hi = G.ncommon, mid;
	int d;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		d = strncmp(G.common[mid], w, n);
		if (d == 0 && G.common[mid][n] != '\0')
			d = 1;
		if (d == 0)
			return 1;
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Does token T of BODY start with a capital (or is it an acronym of two
 * letters or more)? Han, digits and one-letter words never do. */
static int
is_capitalised(const char *body, const struct token *t)
{
	ucs4_t uc;
	int k;

	if ((t->flags & TOKEN_CJK) || t->nlen < 2)
		return 0;
	k = utf8_get(&uc, (const uint8_t *)body + t->off, t->len);
	(void)k;
	return uc_is_property_uppercase(uc);
}

/* Do the bytes before token T (after the previous one, from PREV_END)
 * end a sentence: '.', '!', '?', ':' or a paragraph start? */
static int
opens_sentence(const char *body, const struct token *t, size_t prev_end)
{
	size_t j;

	if (t->flags & TOKEN_PARA)
		return 1;
	for (j = prev_end; j < t->off; j++)
		if (strchr(".!?:;\n", body[j]) != NULL && body[j] != '\0')
			return 1;
	return 0;
}

/* Is the gap between two words of a name only spaces or a hyphen? */
static int
joins_name(const char *body, size_t from, size_t to)
{
	size_t j;

	if (to - from > 3)
		return 0;
	for (j = from; j < to; j++)
		if (body[j] != ' ' && body[j] != '-')
			return 0;
	return 1;
}

/* Records the run TOK[A..B) in RUNS as key length, label length
 * (uint32_t, unaligned) and the bytes of both (one more in *NRUNS),
 * unless a theme of THEMES covers it. */
static void
run_add(struct buf *runs, uint32_t *nruns, const struct lexicon *themes,
    const char *body, const struct token *tok, size_t a, size_t b,
    const char *lang)
{
	struct buf k;

	if (b <= a || (b - a == 1 && strcmp(lang, "de") == 0))
		return;
	buf_init(&k);
	for (size_t j = a; j < b; j++) {
		if (j > a)
			buf_addc(&k, ' ');
		buf_add(&k, tok[j].norm, tok[j].nlen);
	}
	if (themes == NULL || !lexicon_covers(themes, k.s, k.len)) {
		uint32_t len[2] = { (uint32_t)k.len, tok[b - 1].off +
		    tok[b - 1].len - tok[a].off };

		buf_add(runs, (const char *)len, sizeof len);
		buf_add(runs, k.s, k.len);
		buf_add(runs, body + tok[a].off, len[1]);
		(*nruns)++;
	}
	buf_free(&k);
}

/* Collects an article's runs of capitalised words not in COVERED. */
static void
scan_names(struct buf *runs, uint32_t *nruns, const struct lexicon *themes,
    const char *lang, const char *body, const struct token *tok, size_t n,
    const unsigned char *covered)
{
	size_t j, a = 0, prev_end = 0;
	int open = 0;

	for (j = 0; j < n; j++) {
		int ok = !covered[j] && is_capitalised(body, &tok[j]) &&
		    !is_common(tok[j].norm, tok[j].nlen);
		int start = opens_sentence(body, &tok[j], prev_end);

		if (open && (!ok || start || j - a == RUN_MAX ||
		    !joins_name(body, prev_end, tok[j].off))) {
			run_add(runs, nruns, themes, body, tok, a, j, lang);
			open = 0;
		}
		if (ok && !open && !start) {
			a = j;
			open = 1;
		}
		prev_end = tok[j].off + tok[j].len;
	}
	if (open)
		run_add(runs, nruns, themes, body, tok, a, n, lang);
}

/* ------------------------------------------------------------------ */
/* Curated entities, per article. */

/* Marks in COVERED the tokens of TOK that span S covers. */
static void
cover_span(const struct span *s, const struct token *tok, size_t n,
    unsigned char *covered)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (tok[mid].off < s->off)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && tok[lo].off < s->off + s->len; lo++)
		covered[lo] = 1;
}

/* A growing array of uint32_t. */
struct u32v {
	uint32_t	*v;
	size_t		 n, cap;
};

/* Appends X to V. */
static void
u32_push(struct u32v *v, uint32_t x)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 1024;
		v->v = xreallocarray(v->v, v->cap, sizeof *v->v);
	}
	v->v[v->n++] = x;
}

/* Compare two uint32_t for qsort. */
static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Matches the gazetteer over an article titled TITLE: its entities into
 * OUT, the body tokens they cover into COVERED (one byte a token). */
static void
match_curated(const char *title, struct fold_cache *fc,
    const char *body, size_t len, const struct token *tok, size_t n,
    unsigned char *covered, struct u32v *out, struct match_prep *mp)
{
	struct match_prep *p = mp != NULL ? mp : match_prep_new(fc, title,
	    body, len, tok, n);
	struct match_result r;
	size_t k, h, s;

	if (n > 0)	/* COVERED is NULL for a body without tokens */
		memset(covered, 0, n);
	for (k = 0; k < NKINDS; k++) {	/* one prep for the three */
		match_prep_run(p, G.lex[k], NULL, 1, &r);
		for (h = 0; h < r.nhits; h++)	/* entity << 8 | mentions */
			u32_push(out, (uint32_t)(G.base[k] + r.hits[h].theme) << 8 |
			    (r.hits[h].score >= 255 ? 255u :
			    (uint32_t)(r.hits[h].score + 0.5f)));
		for (s = 0; s < r.nspans; s++)
			cover_span(&r.spans[s], tok, n, covered);
		match_result_free(&r);
	}
	if (p != mp)
		match_prep_free(p);
}

/* ------------------------------------------------------------------ */
/* Building the index. */

/* The curated entities' table rows. */
static void
curated_rows(struct entity_index *ix)
{
	size_t k, i;

	ix->ncurated = G.base[NKINDS];
	ix->n = ix->ncurated;
	ix->v = xcalloc(ix->n ? ix->n : 1, sizeof *ix->v);
	for (k = 0; k < NKINDS; k++)
		for (i = 0; i < lexicon_count(G.lex[k]); i++) {
			struct entity *e = &ix->v[G.base[k] + i];

			e->id = lexicon_id(G.lex[k], i);
			e->label = lexicon_label(G.lex[k], i);
			e->kind = (enum entity_kind)k;
		}
}

/* Number of UTF-8 characters in S[0..N). */
static size_t
u8_chars(const char *s, size_t n)
{
	size_t j, k = 0;

	for (j = 0; j < n; j++)
		k += ((unsigned char)s[j] & 0xc0) != 0x80;
	return k;
}

/* Merges each candidate into the shortest candidate it extends by up to
 * MERGE_CHARS letters of its last word ("tokajewem" into "tokajew"). */
static void
cands_merge(struct cands *C)
{
	size_t i, len, cut;
	long r;

	for (i = 0; i < C->n; i++) {
		const char *k = C->v[i].key;

		len = strlen(k);
		for (cut = len; cut > 0; ) {
			do
				cut--;
			while (cut > 0 && ((unsigned char)k[cut] & 0xc0) == 0x80);
			if (u8_chars(k + cut, len - cut) > MERGE_CHARS ||
			    k[cut] == ' ' || cut == 0)
				break;
			if (u8_chars(k, cut) >= ROOT_CHARS &&
			    (r = cands_get(C, k, cut, 0)) >= 0)
				C->v[i].root = (uint32_t)r;
		}
	}
	/* a root's own root: chains are short (at most three letters) */
	for (i = 0; i < C->n; i++)
		while (C->v[C->v[i].root].root != C->v[i].root)
			C->v[i].root = C->v[C->v[i].root].root;
}

/* Article counts of the merged names (a root's articles, each once). */
static void
cands_count(struct cands *C, uint32_t *narts)
{
	uint32_t *last = xcalloc(C->n ? C->n : 1, sizeof *last);
	size_t p;

	for (p = 0; p < C->npair; p++) {
		uint32_t r = C->v[C->pair[p][1]].root;

		if (last[r] != C->pair[p][0] + 1) {
			last[r] = C->pair[p][0] + 1;
			narts[r]++;
		}
	}
	free(last);
}

/* Makes the found names (roots in MIN articles or more) entity rows. */
static void
found_rows(struct entity_index *ix, struct cands *C, uint32_t min)
{
	uint32_t *narts = xcalloc(C->n ? C->n : 1, sizeof *narts);
	size_t i;

	cands_merge(C);
	cands_count(C, narts);
	for (i = 0; i < C->n; i++) {
		struct entity *e;
		struct buf id;

		if (C->v[i].root != i || narts[i] < min)
			continue;
		buf_init(&id);
		buf_adds(&id, "n:");
		for (const char *p = C->v[i].key; *p; p++)
			buf_addc(&id, *p == ' ' || *p == ',' ? '-' : *p);
		M.found_ids = xreallocarray(M.found_ids, M.nfound + 2,
		    sizeof *M.found_ids);
		M.found_ids[M.nfound++] = buf_steal(&id, NULL);
		M.found_ids[M.nfound++] = C->v[i].label;
		C->v[i].label = NULL;
		ix->v = xreallocarray(ix->v, ix->n + 1, sizeof *ix->v);
		e = &ix->v[ix->n];
		e->id = M.found_ids[M.nfound - 2];
		e->label = M.found_ids[M.nfound - 1];
		e->kind = ENTITY_FOUND;
		e->count = 0;
		C->v[i].entity = (uint32_t)ix->n++;
	}
	free(narts);
}

/* Builds each article's sorted, distinct entity list, with how often it
 * names each, from the curated hits CUR (entity << 8 | mentions; article
 * boundaries in COFF) and the found pairs (one mention each). */
static void
article_lists(struct entity_index *ix, const struct u32v *cur,
    const uint32_t *coff, struct cands *C)
{
	size_t i, p = 0, j, k, n = ix->narticles;
	struct u32v all = { 0 };

	ix->off = xcalloc(n + 1, sizeof *ix->off);
	for (i = 0; i < n; i++) {
		size_t start = all.n;

		for (j = coff[i]; j < coff[i + 1]; j++)
			u32_push(&all, cur->v[j]);
		for (; p < C->npair && C->pair[p][0] == i; p++) {
			uint32_t e = C->v[C->v[C->pair[p][1]].root].entity;

			if (e != UINT32_MAX)
				u32_push(&all, e << 8 | 1);
		}
		if (all.n - start > 1)	/* all.v may be NULL: no qsort */
			qsort(all.v + start, all.n - start, sizeof *all.v,
			    cmp_u32);
		for (j = k = start; j < all.n; j++)	/* the last: most mentions */
			if (j == start || all.v[j] >> 8 != all.v[k - 1] >> 8)
				all.v[k++] = all.v[j];
			else
				all.v[k - 1] = all.v[j];
		all.n = k;
		ix->off[i + 1] = (uint32_t)all.n;
	}
	ix->mentions = xmalloc((all.n ? all.n : 1) * sizeof *ix->mentions);
	for (j = 0; j < all.n; j++) {
		ix->mentions[j] = (uint8_t)(all.v[j] & 0xff);
		all.v[j] >>= 8;
		ix->v[all.v[j]].count++;
	}
	ix->ents = all.v;
}

/* Appends the distinct amounts of 10 or more among TOK (number.h: "1.2
 * million" and "120万" are one value) to NUMS as hashes of the value to
 * four digits, sorted within the article: language-neutral evidence for
 * stories. */
static void
collect_numbers(struct u32v *nums, const char *body, const struct token *tok,
    size_t n)
{
	size_t j, k, start = nums->n;
	char key[32];
	double v;
	int len;

	for (j = 0; j < n; j++) {
		if (!number_at(body, tok, n, &j, &v) || v < 10)
			continue;
		len = snprintf(key, sizeof key, "%.4g", v);
		u32_push(nums, (uint32_t)hash_bytes(HASH_INIT, key,
		    (size_t)len));
	}
	if (nums->n - start > 1)	/* nums->v may be NULL: no qsort */
		qsort(nums->v + start, nums->n - start, sizeof *nums->v,
		    cmp_u32);
	for (j = k = start; j < nums->n; j++)
		if (j == start || nums->v[j] != nums->v[k - 1])
			nums->v[k++] = nums->v[j];
	nums->n = k;
}

/* LEN, or ENTITY_BODY_MAX cut back to a character boundary: who and
 * where an article names is in its first megabyte, and a 30 MB article
 * costs no more than that. */
static size_t
body_cut(const char *body, size_t len)
{
	if (len <= ENTITY_BODY_MAX)
		return len;
	len = ENTITY_BODY_MAX;
	while (len > 0 && ((unsigned char)body[len] & 0xc0) == 0x80)
		len--;
	return len;
}

/* What entity_pre_make keeps of one article: NCUR curated hits (entity
 * << 8 | mentions), NNUMS amount hashes, then NRUNS found-name runs, each
 * a key length, a label length (uint32_t) and the bytes of both. */
struct entity_pre {
	uint32_t	 ncur, nnums, nruns;
	size_t		 nbytes;
	uint32_t	 v[];
};

/* Packs CUR, NUMS and the runs RUNS into one entity_pre. */
static struct entity_pre *
pre_pack(const struct u32v *cur, const struct u32v *nums,
    const struct buf *runs, uint32_t nruns)
{
	size_t words = cur->n + nums->n;
	struct entity_pre *p = xmalloc(sizeof *p + words * sizeof p->v[0] +
	    runs->len);

	p->ncur = (uint32_t)cur->n;
	p->nnums = (uint32_t)nums->n;
	p->nruns = nruns;
	p->nbytes = runs->len;
	if (cur->n > 0)
		memcpy(p->v, cur->v, cur->n * sizeof p->v[0]);
	if (nums->n > 0)
		memcpy(p->v + cur->n, nums->v, nums->n * sizeof p->v[0]);
	if (runs->len > 0)
		memcpy(p->v + words, runs->s, runs->len);
	return p;
}

struct entity_pre *
entity_pre_make(const struct lexicon *themes, const char *lang,
    const char *title, const char *body, size_t len, struct fold_cache *fc,
    const struct token *tok, size_t ntok)
{
	return entity_pre_make_prep(themes, lang, title, body, len, fc, tok,
	    ntok, NULL);
}

/* As entity_pre_make, matching the gazetteers from MP (or NULL). */
struct entity_pre *
entity_pre_make_prep(const struct lexicon *themes, const char *lang,
    const char *title, const char *body, size_t len, struct fold_cache *fc,
    const struct token *tok, size_t ntok, struct match_prep *mp)
{
	struct u32v cur = { 0 }, nums = { 0 };
	struct token *own = NULL;
	unsigned char *covered;
	struct entity_pre *p;
	struct buf runs;
	size_t cap = 0, cut = body_cut(body, len);
	uint32_t nruns = 0;

	if (tok == NULL || cut != len)	/* the given tokens are of all LEN */
		ntok = text_tokens(body, cut, fc, &own, &cap), tok = own;
	covered = xcalloc(ntok ? ntok : 1, 1);
	buf_init(&runs);
	match_curated(title, fc, body, cut, tok, ntok, covered, &cur,
	    cut == len ? mp : NULL);	/* a cut body: a prep of its own */
	scan_names(&runs, &nruns, themes, lang, body, tok, ntok, covered);
	collect_numbers(&nums, body, tok, ntok);
	p = pre_pack(&cur, &nums, &runs, nruns);
	buf_free(&runs);
	free(cur.v);
	free(nums.v);
	free(covered);
	free(own);
	return p;
}

/* Adds what P says of article I to the curated hits CUR, the found-name
 * candidates C and the amounts NUMS. */
static void
pre_replay(const struct entity_pre *p, uint32_t i, struct u32v *cur,
    struct cands *C, struct u32v *nums)
{
	const char *r = (const char *)(p->v + p->ncur + p->nnums);
	uint32_t j, kl, ll;

	for (j = 0; j < p->ncur; j++)
		u32_push(cur, p->v[j]);
	for (j = 0; j < p->nnums; j++)
		u32_push(nums, p->v[p->ncur + j]);
	for (j = 0; j < p->nruns; j++) {
		memcpy(&kl, r, sizeof kl);
		memcpy(&ll, r + sizeof kl, sizeof ll);
		r += sizeof kl + sizeof ll;
		cands_add(C, i, r, kl, r + kl, ll);
		r += kl + ll;
	}
}

/* Matches every article of C into M.ix, from what the loader kept of it
 * (entity_pre_make) or else from its body read again. */
static void
index_build(struct corpus *c)
{
	struct fold_cache *fc = NULL;
	struct cands C = { 0 };
	struct u32v cur = { 0 }, nums = { 0 };
	uint32_t *coff = xcalloc(c->n + 1, sizeof *coff);
	struct entity_pre *own;
	size_t i, len;
	const char *body;

	curated_rows(&M.ix);
	M.ix.narticles = c->n;
	M.ix.noff = xcalloc(c->n + 1, sizeof *M.ix.noff);
	for (i = 0; i < c->n; i++) {
		own = NULL;
		if (c->v[i].ents == NULL) {
			if ((body = corpus_body(c, i, &len)) == NULL)
				body = "", len = 0;
			if (fc == NULL)
				fc = fold_cache_new();
			own = entity_pre_make(c->lex, c->v[i].lang,
			    c->v[i].title, body, len, fc, NULL, 0);
		}
		pre_replay(own != NULL ? own : c->v[i].ents, (uint32_t)i, &cur,
		    &C, &nums);
		free(own);
		if (!corpus_partial(c)) {	/* replayed: let it go (15 MB at
						   100,000 articles) */
			free(c->v[i].ents);
			c->v[i].ents = NULL;
		}
		coff[i + 1] = (uint32_t)cur.n;
		M.ix.noff[i + 1] = (uint32_t)nums.n;
	}
	M.ix.nums = nums.v;
	found_rows(&M.ix, &C, c->n > 2 ? 2 : 1);
	article_lists(&M.ix, &cur, coff, &C);
	cands_free(&C);
	free(cur.v);
	free(coff);
	if (fc != NULL)
		fold_cache_free(fc);
}

void
entity_cache_enable(int on)
{
	cache_on = on;
}

/* What the entity index of a corpus depends on besides its files: the
 * gazetteer, the common words and the theme lexicon (found names skip
 * what a theme covers). */
static uint64_t
gazetteer_hash(const struct corpus *c)
{
	uint64_t h = hash_bytes(HASH_INIT, "entities 1", 10), x;
	size_t k;

	for (k = 0; k < NKINDS; k++) {
		x = lexicon_hash(G.lex[k]);
		h = hash_bytes(h, &x, sizeof x);
	}
	for (k = 0; k < G.ncommon; k++)
		h = hash_bytes(h, G.common[k], strlen(G.common[k]) + 1);
	x = c->lex != NULL ? lexicon_hash(c->lex) : 0;
	return hash_bytes(h, &x, sizeof x);
}

/* Fills M.ix from the entity cache at PATH for KEY; 0, or -1. */
static int
index_read(const char *path, uint64_t key, size_t narticles)
{
	char **strs;
	size_t nstrs, j;

	curated_rows(&M.ix);
	if (entity_cache_read(path, key, narticles, &M.ix, &strs, &nstrs) ==
	    -1) {
		free(M.ix.v);
		memset(&M.ix, 0, sizeof M.ix);
		return -1;
	}
	M.found_ids = strs;
	M.nfound = nstrs;
	M.ix.v = xreallocarray(M.ix.v, M.ix.ncurated + nstrs / 2 + 1,
	    sizeof *M.ix.v);
	for (j = 0; j < nstrs / 2; j++) {
		struct entity *e = &M.ix.v[M.ix.n++];

		e->id = strs[2 * j];
		e->label = strs[2 * j + 1];
		e->kind = ENTITY_FOUND;
		e->count = 0;
	}
	for (j = 0; j < M.ix.off[narticles]; j++)
		M.ix.v[M.ix.ents[j]].count++;
	return 0;
}

/* Global, a memo: the corpus (articles V, N) whose index was found to
 * need its bodies read again (entity_index_ready), so that the cache is
 * not read at every ask. */
static struct {
	const struct article *v;
	size_t		 n;
} slow;

/* C's index from the entity cache into the memo (reset for C): 1, or 0
 * when the cache is off, missing or stale (then *PATH and *KEY are
 * where and under which key to save it; *PATH NULL: not to). */
static int
memo_from_cache(struct corpus *c, char **path, uint64_t *key)
{
	memo_free();
	M.c = c;
	M.v = c->v;
	M.n = c->n;
	*path = cache_on ? paths_cache("entities") : NULL;
	*key = *path != NULL ? entity_cache_key(c, gazetteer_hash(c)) : 0;
	if (*path == NULL || index_read(*path, *key, c->n) == -1)
		return 0;
	M.built = 1;
	return 1;
}

const struct entity_index *
entity_index(struct corpus *c)
{
	uint64_t key;
	char *path;

	if (M.built && M.c == c && M.v == c->v && M.n == c->n)
		return &M.ix;
	if (!memo_from_cache(c, &path, &key)) {
		index_build(c);
		if (path != NULL)
			entity_cache_write(path, key, &M.ix);
		M.built = 1;
	}
	free(path);
	return &M.ix;
}

int
entity_index_ready(struct corpus *c)
{
	uint64_t key;
	char *path;
	size_t i;
	int ok;

	if (M.built && M.c == c && M.v == c->v && M.n == c->n)
		return 1;
	for (i = 0; i < c->n && c->v[i].ents != NULL; i++)
		;
	if (i == c->n) {	/* the loader made every article's part */
		entity_index(c);
		return 1;
	}
	if (slow.v == c->v && slow.n == c->n)
		return 0;
	ok = memo_from_cache(c, &path, &key);
	free(path);
	if (!ok) {
		memo_free();
		slow.v = c->v;
		slow.n = c->n;
	}
	return ok;
}

long
entity_find(const struct entity_index *ix, const char *id)
{
	size_t i, flen;
	char *f;

	for (i = 0; i < ix->n; i++)
		if (strcmp(ix->v[i].id, id) == 0)
			return (long)i;
	f = text_fold(id, strlen(id), &flen);
	for (i = 0; i < ix->n; i++)
		if (strcmp(ix->v[i].id, f) == 0)
			break;
	free(f);
	return i < ix->n ? (long)i : -1;
}

int
entity_has(const struct entity_index *ix, size_t i, uint32_t e)
{
	uint32_t lo, hi, mid;

	if (i >= ix->narticles)
		return 0;
	lo = ix->off[i];
	hi = ix->off[i + 1];
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ix->ents[mid] == e)
			return 1;
		if (ix->ents[mid] < e)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}
