/* entity.h: people, places and organisations: the gazetteer, and who and where each article names. */
#ifndef TREAD_ENTITY_H
#define TREAD_ENTITY_H

#include <stddef.h>
#include <stdint.h>

struct corpus;
struct entity_pre;
struct fold_cache;
struct match_prep;
struct lexicon;
struct token;

#define ENTITY_BODY_MAX	(1u << 20)

/* What an entity is; ENTITY_FOUND: a recurring name the gazetteer lacks. */
enum entity_kind { ENTITY_PERSON, ENTITY_PLACE, ENTITY_ORG, ENTITY_FOUND };

struct entity {
	const char	*id;		/* gazetteer id, or "n:" + folded name */
	const char	*label;
	enum entity_kind kind;
	uint32_t	 count;		/* articles naming it */
};

/*
 * Loads the gazetteer: DATADIR/entities/people.ini, places.ini and
 * orgs.ini (the file gives the kind), each in the term language of
 * tread-themes(5) and compiled by lexicon_load, each extended by the
 * user's file of the same name under USERDIR/entities (USERDIR NULL:
 * none). 0, or -1 with "FILE:LINE: reason" in ERR (also for an id used
 * in two files). Call once, before any corpus is indexed.
 */
int	 entity_init(const char *datadir, const char *userdir, char *err,
	    size_t errlen);
void	 entity_free(void);
/* The name of KIND as batch output prints it. */
const char *entity_kind_name(enum entity_kind);

/* Who and where the articles of one corpus name. */
struct entity_index {
	struct entity	*v;		/* curated first (gazetteer order),
					   then found names */
	size_t		 n;
	size_t		 ncurated;
	uint32_t	*off;		/* article i's entities are
					   ents[off[i]..off[i+1]), sorted */
	uint32_t	*ents;
	uint8_t		*mentions;	/* parallel to ents: how often the
					   article names it (at most 255) */
	uint32_t	*noff;		/* article i's amounts (hashes of their
					   values, number.h; for stories) are
					   nums[noff[i]..noff[i+1]), sorted */
	uint32_t	*nums;
	size_t		 narticles;
};

/*
 * The entity index of C, built on first use (each body read and
 * tokenised once) and kept until C's articles change or entity_free.
 * Curated entities are matched with the gazetteer; found names are runs
 * of capitalised words (not opening a sentence, not a curated entity's
 * or a theme's words, not a listed common word) in two articles or
 * more, a form that extends another by up to three letters ("Tokajewem",
 * "Tokajew") merged into it; single words of German articles, where
 * every noun is capitalised, do not count. The first ENTITY_BODY_MAX
 * bytes of a body are looked at. Linear in the corpus's text.
 */
const struct entity_index *entity_index(struct corpus *c);
/* Is C's entity index at hand without reading an article body again
 * (already built, in the entity cache, or every article's part made by
 * the loader threads)? Then it is built, and entity_index returns it at
 * once. A view that must not stall asks this first. */
int	 entity_index_ready(struct corpus *c);
/*
 * What entity_index needs of one article (gazetteer hits, found-name
 * runs not covered by a theme of THEMES, amounts), made where the body
 * is at hand: the loader threads call it with the body's tokens TOK
 * (text_tokens of all LEN bytes, or NULL to tokenise here) and keep the
 * result in the article (one allocation, free() frees it), so the index
 * reads no body again. Needs entity_init first.
 */
struct entity_pre *entity_pre_make(const struct lexicon *themes,
	    const char *lang, const char *title, const char *body, size_t len,
	    struct fold_cache *fc, const struct token *tok, size_t ntok);
/* As entity_pre_make, with MP the article prepared for matching
 * (match_prep_new of the same TITLE, BODY, LEN and TOK): the gazetteers
 * match from it when they read the whole body. */
struct entity_pre *entity_pre_make_prep(const struct lexicon *themes,
	    const char *lang, const char *title, const char *body, size_t len,
	    struct fold_cache *fc, const struct token *tok, size_t ntok,
	    struct match_prep *mp);
/* Whether entity_index keeps its result in the entity cache
 * (~/.cache/tread/entities, entity_cache.h) and starts from it when the
 * corpus's files and the gazetteer are as they were: off by default,
 * main turns it on unless --no-cache. */
void	 entity_cache_enable(int on);
/* Index of entity ID (exact, else folded), or -1. */
long	 entity_find(const struct entity_index *, const char *id);
/* Does article I name entity E? */
int	 entity_has(const struct entity_index *, size_t i, uint32_t e);
/* Is ID a gazetteer id (no corpus needed)? */
int	 entity_known(const char *id);

#endif
