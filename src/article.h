/* article.h: one article: metadata, clean body, themes it is about. */
#ifndef TREAD_ARTICLE_H
#define TREAD_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

/* A theme an article is about, with its score. */
struct theme_hit {
	uint16_t	theme;	/* index into the corpus theme table */
	float		score;
};

/* An article file is read up to this many bytes; the loader warns about
 * a bigger one (tread(1), FILES). */
#define ARTICLE_MAX_BYTES	(64u << 20)

/* How the outputs for people (--show, the reader) name what an article
 * lacks, the same everywhere; --list and JSON leave the field empty. */
#define ARTICLE_NO_DATE		"(no date)"
#define ARTICLE_NO_LANG		"??"
#define ARTICLE_NO_SOURCE	"(no source)"

struct article {
	char		*path;
	uint64_t	 size;
	int64_t		 mtime;
	char		*title;		/* never NULL */
	char		*source;	/* never NULL, may be "" */
	char		 date[11];	/* "YYYY-MM-DD" or "" */
	char		 lang[4];	/* ISO 639-1 or "" */
	unsigned	 decode_flags;	/* DECODE_* */
	char		*body;		/* clean body, NULL when not resident */
	size_t		 body_len;
	struct theme_hit *hits;		/* strongest first */
	uint16_t	 nhits;
	unsigned char	 plain;		/* walked as a regular file, not a
					   symbolic link: its state key is its
					   directory's real path and its name
					   (state_read_set) */
	struct entity_pre *ents;	/* entity.h, made by the loader, or NULL */
};

/*
 * Splits clean text (decode_text output) into title, date, source,
 * language and body (paragraphs separated by one blank line, boilerplate
 * left out). TEXT is not kept. Fills the metadata fields of A.
 */
void	 article_parse(struct article *a, const char *text, size_t len);

/*
 * Reads, decodes and parses the file at PATH into A (path, size, mtime
 * set too). Returns 0, or -1 with a short reason in ERR ("not a text
 * file", strerror...).
 */
int	 article_load(struct article *a, const char *path, char *err,
	    size_t errlen);

/* Drops the body only (kept metadata); and everything. */
void	 article_drop_body(struct article *a);
void	 article_free(struct article *a);

#endif
