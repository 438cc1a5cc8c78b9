/* story.h: articles grouped into stories: one event, reported within a few days, in any language. */
#ifndef TREAD_STORY_H
#define TREAD_STORY_H

#include <stddef.h>
#include <stdint.h>

struct corpus;

struct story {
	char		 id[16];	/* "s1", "s2", ...: in article order */
	char		 date[11];	/* its earliest article's, or "" */
	char		 langs[64];	/* distinct languages, comma-separated */
	uint32_t	 head;		/* the article whose title it takes */
	uint32_t	*articles;	/* article indexes, in corpus order */
	size_t		 narticles;
};

struct story_index {
	struct story	*v;
	size_t		 n;
	uint32_t	*of;		/* article i is in story of[i] */
};

/*
 * The stories of C, built on first use from the entity index (entity.h)
 * and each article's lexicon themes and dates, and kept until C's
 * articles change or story_free. Two articles are one story when their
 * dates are at most STORY_DAYS apart and their entities, lexicon themes
 * and amounts (number.h), each weighted by its rarity in the corpus, its
 * kind and how often the article names it, reach a cosine of STORY_MIN;
 * undated articles stay alone; a story never spans more than STORY_SPAN
 * days.
 * No translation: every feature is language-neutral. Each article
 * looks at a bounded number of neighbours (the ones sharing its rarest
 * features), so the time is linear in the corpus.
 */
const struct story_index *story_index(struct corpus *c);
void	 story_free(void);
/* Index of story ID ("s3"), or -1. */
long	 story_find(const struct story_index *, const char *id);

/* Day number of "YYYY-MM-DD" (days since 1970-01-01), or INT32_MIN. */
int32_t	 story_day(const char *date);

#define STORY_DAYS	3
#define STORY_SPAN	6
#define STORY_MIN	0.47f

#endif
