/* windex.h: the word index: each folded word with the articles it occurs
 * in, built while articles load, kept in the XDG cache dir and mmap'd, so
 * that a word query reads posting lists instead of every article's text. */
#ifndef TREAD_WINDEX_H
#define TREAD_WINDEX_H

#include <stddef.h>
#include <stdint.h>

struct article;
struct buf;
struct fold_cache;
struct loadrec;
struct token;
struct windex;
struct windex_build;

/*
 * Starts building the index saved at PATH for a load of N files (walk
 * ids 0..N-1, in path order) under ROOTS. The index PATH held before is
 * reused for articles that come from the cache unchanged, and keeps the
 * files it had that are under none of ROOTS (another corpus's, as the
 * cache keeps them); files under ROOTS that are gone are dropped.
 */
struct windex_build *windex_build_new(const char *path, size_t n,
	    char *const *roots, size_t nroots);

/*
 * Does the previous index hold file ID (PATH, SIZE, MTIME as stat'ed)?
 * A loader calls it before taking an article from the cache: an article
 * the index lacks must be read and given to windex_build_add instead, so
 * that one run makes the index whole. Thread-safe (distinct IDs).
 */
int	 windex_build_known(struct windex_build *, size_t id, const char *path,
	    uint64_t size, int64_t mtime);

/*
 * Adds article ID: the folded tokens of TITLE and of BODY[0..LEN) (TOK,
 * NTOK when the caller has them from text_tokens with FC, else TOK NULL
 * and they are made here). Thread-safe: each thread fills a builder of
 * its own, spilled to a run file when it grows (bounded memory); the ids
 * one thread adds must increase.
 */
void	 windex_build_add(struct windex_build *, size_t id,
	    struct fold_cache *fc, const char *title, const char *body,
	    size_t len, const struct token *tok, size_t ntok);

/*
 * The calling thread adds no more: its words go to a run file now, on
 * that thread, instead of in windex_build_finish after the load (where
 * every thread's last run was written one after the other).
 */
void	 windex_build_done(struct windex_build *);

/*
 * Ends the build: REC[0..N) are the files by walk id (those with ok set
 * loaded). Writes the index (atomically) unless it would not change, and
 * returns it opened, or NULL when there is none (queries then scan).
 * Frees the builder.
 */
struct windex *windex_build_finish(struct windex_build *,
	    const struct loadrec *rec, size_t n);
void	 windex_build_free(struct windex_build *);

/* Opens the index at PATH (mmap), or NULL when missing or unsound. */
struct windex *windex_open(const char *path);
void	 windex_close(struct windex *);

/* Sets the checksum of the index file image DATA[0..LEN) to match its
 * bytes (for tests and fuzzers: a hostile neighbour can do as much, so
 * the reader checks every field). 0, or -1 when too short. */
int	 windex_reseal(unsigned char *data, size_t len);

/*
 * Matches the index to the articles V[0..N) (the corpus order), by path,
 * size and mtime: an article whose file changed since the index was
 * written, or that the index never saw, is not covered. Done once per
 * corpus (later calls with the same V and N return at once). 0, or -1
 * when the index turns out corrupt (then nothing is covered).
 */
int	 windex_bind(struct windex *, const struct article *v, size_t n);

/* Starts windex_bind(X, V, N) on a thread of its own, so that a UI can
 * draw meanwhile; windex_bind waits for it. V must not change. */
void	 windex_prepare(struct windex *, const struct article *v, size_t n);

/* The bound articles the index covers, a bitset of (N + 63) / 64 words;
 * the others must be searched in their text. */
const uint64_t *windex_covered(const struct windex *);

/*
 * Sets in SET (a bitset over the bound articles) those having the folded
 * word W[0..LEN) in their title or body, or with PREFIX any word that
 * starts with it. Cost: the posting lists read, not the corpus size.
 */
void	 windex_or(const struct windex *, const char *w, size_t len,
	    int prefix, uint64_t *set);

/*
 * The key under which the index lists the articles where word W1 is
 * directly followed by W2 (in the title or the body): a two-word phrase
 * is one lookup, with no text read; a longer one needs only the articles
 * having all its pairs read. Keys never equal or prefix a word. Into B.
 */
void	 windex_pair_key(struct buf *b, const char *w1, size_t len1,
	    const char *w2, size_t len2);

#endif
