/* corpus.h: walking paths, loading articles (both cores), the theme table. */
#ifndef TREAD_CORPUS_H
#define TREAD_CORPUS_H

#include <stddef.h>
#include <stdint.h>
#include "article.h"

struct lexicon;
struct windex;

enum theme_kind { THEME_LEXICON, THEME_DISCOVERED };

/* A row of the theme table: lexicon themes first, then discovered ones. */
struct ctheme {
	const char	*id;
	const char	*label;
	enum theme_kind	 kind;
	uint32_t	 count;		/* articles with this theme (all) */
};

struct corpus {
	struct article	*v;
	size_t		 n;
	struct ctheme	*themes;
	size_t		 nthemes;
	const struct lexicon *lex;
	int		 resident;	/* bodies kept once read (small) */
	void		*priv;		/* discovered-theme storage */
	struct windex	*words;		/* word index (windex.h), or NULL */
};

/* Bytes of files up to which bodies stay in memory once read (32 MB);
 * above it they are re-read on demand. Tests lower it. */
extern size_t corpus_resident_max;

#define CORPUS_NODISCOVER	0x1	/* skip discovered themes */
#define CORPUS_NOCACHE		0x2	/* do not read or write the index cache */
#define CORPUS_RESIDENT		0x4	/* keep every body in memory */
#define CORPUS_TRUST		0x8	/* show the cache's snapshot unchecked */
#define CORPUS_ENTITIES		0x10	/* the loader threads do the entity
					   index's per-article work */
#define CORPUS_SNAPONLY		0x20	/* with CORPUS_TRUST: when there is
					   no snapshot, no load (C is left
					   empty, corpus_pending) */

/*
 * Loads every article under PATHS (files or directories, recursive,
 * hidden entries skipped, symlink loops and dangling links warned about
 * once), matches themes and discovers key phrases. Articles are sorted by
 * date (newest first), then path; ids are 1-based positions. Warnings go
 * to stderr. Returns the number of articles loaded.
 */
size_t	 corpus_load(struct corpus *, char *const *paths, size_t npaths,
	    const struct lexicon *lex, int flags);
void	 corpus_free(struct corpus *);

/* The stages a load reports: the files found (TOTAL) being checked
 * against the cache, reading them (DONE of TOTAL so far), then the
 * corpus-wide work (discovered themes, word index, cache), then the end
 * (the callback's last call). A load from the snapshot goes from the
 * first to the last. */
enum corpus_stage { CORPUS_CHECKING, CORPUS_READING, CORPUS_INDEXING,
	CORPUS_DONE };

struct corpus_progress {
	enum corpus_stage stage;
	size_t		 done, total;	/* files read (or from the cache) */
	double		 secs;		/* since the load began */
};

/* Called with a load's progress, on the thread that called corpus_load
 * (never from a loader thread): once the files are found, at the start
 * of reading (0 of TOTAL), then at most every tenth of a second, then at
 * each stage. */
typedef void corpus_progress_fn(void *arg, const struct corpus_progress *);

/* corpus_load telling FN (with ARG) how it goes; a load that walks no
 * file (a trusted snapshot) calls FN not at all. */
size_t	 corpus_load_watch(struct corpus *, char *const *paths,
	    size_t npaths, const struct lexicon *lex, int flags,
	    corpus_progress_fn *fn, void *arg);

/*
 * With CORPUS_TRUST, corpus_load takes the articles from the index
 * cache's snapshot of the last load of the same PATHS when there is one,
 * without walking or stat'ing a file: a warm start in a few milliseconds.
 * Such a corpus is "trusted" until checked with corpus_refresh. Without
 * it, a load whose files all match the snapshot is built from it too
 * (exact, only faster). Either way strings point into the cache mapping.
 */
int	 corpus_trusted(const struct corpus *);

/*
 * Checks trusted corpus OLD against the files (PATHS walked and stat'ed
 * as corpus_load would, FLAGS without CORPUS_TRUST): 0 when they are as
 * OLD shows them (FRESH left empty); else loads them into FRESH (the
 * cache updated) and returns 1. Reads OLD only: it may run on a thread
 * of its own while OLD is shown, but OLD must outlive the call.
 */
int	 corpus_refresh(struct corpus *fresh, const struct corpus *old,
	    char *const *paths, size_t npaths, int flags);

/*
 * A load that another thread looks into while it runs: the reader's
 * cold start shows the articles as they are read. corpus_load_live is
 * corpus_load_watch (run on a thread of its own) telling LIVE of each
 * article read; the reader's thread takes what is read so far with
 * corpus_live_peek, and may ask the load to stop early (the articles
 * read so far are kept, and cached; no discovery, no word index).
 */
struct corpus_live;
struct corpus_live *corpus_live_new(void);
void	 corpus_live_free(struct corpus_live *);
size_t	 corpus_load_live(struct corpus *, char *const *paths, size_t npaths,
	    const struct lexicon *lex, int flags, corpus_progress_fn *fn,
	    void *arg, struct corpus_live *);
void	 corpus_live_stop(struct corpus_live *);
/* For tests: each article the live load reads takes MS milliseconds
 * longer, so that a screen can be seen between two. */
void	 corpus_live_slow(struct corpus_live *, unsigned ms);
/*
 * Sets up PART as the articles LIVE's load has read so far, sorted as a
 * load sorts them, with their lexicon themes (the discovered ones and
 * the word index come with the whole corpus): 1, or 0 (PART untouched)
 * when no article was read since the last peek or reading is over.
 * PART is partial (corpus_partial) and borrows the articles' text from
 * the load: free it (corpus_free) before the corpus the load fills.
 */
int	 corpus_live_peek(struct corpus_live *, struct corpus *part);
/* Is C a partial corpus (corpus_live_peek)? */
int	 corpus_partial(const struct corpus *);
/* Is C empty because CORPUS_SNAPONLY found no snapshot (to be loaded)? */
int	 corpus_pending(const struct corpus *);

/* The clean body of article I: resident, or re-read from its file. The
 * returned pointer is valid until the next call. NULL if the file went
 * away (warned). */
const char *corpus_body(struct corpus *, size_t i, size_t *len);

/* Index of theme ID in the table, or -1. */
int	 corpus_theme(const struct corpus *, const char *id);

/* Does article I have theme T? */
int	 corpus_has_theme(const struct corpus *, size_t i, unsigned t);

/*
 * The articles having theme T, as a bitset of corpus_set_words() 64-bit
 * words (bit i % 64 of word i / 64 is article i); NULL when T is out of
 * range. Built at load: a theme filter or toggle is a few word
 * operations, not a walk over every article's hits.
 */
const uint64_t *corpus_theme_set(const struct corpus *, unsigned t);
size_t	 corpus_set_words(const struct corpus *);

/* Finds an article by 1-based id ("3") or by path; -1 when none. */
long	 corpus_find(const struct corpus *, const char *idpath);

#endif
