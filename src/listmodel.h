/* listmodel.h: the article list as shown (no curses): the filter (theme
 * and entity selections, language, typed query: all one query_eval), the sort orders,
 * the shown rows and the per-theme counts. The UI and batch share it. */
#ifndef TREAD_LISTMODEL_H
#define TREAD_LISTMODEL_H

#include <stddef.h>
#include <stdint.h>

struct corpus;
struct buf;

/* Sort orders of the list. */
enum lm_sort { SORT_DATE, SORT_SOURCE, SORT_TITLE, SORT_N };

struct listmodel {
	struct corpus	*c;
	/* The filter: selected themes and entities, the language, the typed
	 * query. */
	unsigned char	*tsel;		/* per corpus theme */
	int		 all_of;	/* 1: theme:a theme:b, 0: theme:a,b */
	char		**langs;	/* languages present, for cycling */
	size_t		 nlangs;
	int		 lang;		/* -1 all, else index in langs */
	char		 query[512];
	uint32_t	*ents;		/* selected entities (numbers in the
					   corpus's entity index), all of or
					   any of as the themes */
	size_t		 nents;
	char		 qerr[256];	/* the typed query's error, or "" */
	enum lm_sort	 sort;
	int		 reverse;
	/* What the filter gives. */
	uint64_t	*bits;		/* the articles passing it, a bitset */
	unsigned char	*keep;		/* the same, one byte per article */
	size_t		*rows;		/* shown articles, in list order */
	size_t		 nrows;
	uint32_t	*tcount;	/* per theme: shown articles with it */
	int		 maxhits;	/* most themes of a shown article */
	uint32_t	*perm[SORT_N];	/* articles in each sort order, once */
	/* Kept from one filter to the next (per corpus). */
	struct query_memo *memo;	/* each term's answer (query.h) */
	uint64_t	*hitsets;	/* row k - 1: articles with k themes
					   or more, k = 1..nhitsets */
	int		 nhitsets;	/* -1 until made */
};

/* Sets up M for corpus C: nothing selected, all of, every language. */
void	 listmodel_init(struct listmodel *m, struct corpus *c);

/* Takes corpus C (reloaded) in place of the old one: the arrays are
 * sized anew, the themes of IDS (from listmodel_selected_ids, taken
 * before the old corpus was freed) and the language kept. */
void	 listmodel_reset(struct listmodel *m, struct corpus *c,
	    char **ids, size_t nids);

/* The ids of the selected themes (malloc'd strings in a malloc'd array),
 * for listmodel_reset; *N gets their number. */
char	**listmodel_selected_ids(const struct listmodel *m, size_t *n);

void	 listmodel_free(struct listmodel *m);

/* Selects the N entities E (numbers in entity_index(c), the People &
 * places group's), in place of those selected before; a reload (or
 * listmodel_reset) drops them. */
void	 listmodel_set_entities(struct listmodel *m, const uint32_t *e,
	    size_t n);

/* Evaluates the filter and builds the rows and counts; returns the
 * number of rows. A bad typed query sets qerr and is left out (the
 * themes and language still apply). The same rows as query_eval would
 * give, worked out by query_eval_set from what the last filters left:
 * a theme toggle or a keystroke at a million articles redoes one term,
 * then word operations (counts are popcounts, rows come from the bits). */
size_t	 listmodel_filter(struct listmodel *m);

/* The filter in the query language, for the status line ("" for none). */
void	 listmodel_describe(const struct listmodel *m, struct buf *b);

/* Per theme of C, the articles KEEP selects (every one when NULL) that
 * have it: the theme panel's and --themes' counts. */
void	 listmodel_count(const struct corpus *c, const unsigned char *keep,
	    uint32_t *n);

/* The row showing article ART, or -1. */
long	 listmodel_row_of(const struct listmodel *m, size_t art);

#endif
