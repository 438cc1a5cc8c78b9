/* batch.h: --list, --themes and --show output (TSV, JSON, text). */
#ifndef TREAD_BATCH_H
#define TREAD_BATCH_H

#include <stdio.h>

struct corpus;
struct query;

enum batch_format { FORMAT_TSV, FORMAT_JSON };

/* EVIDENCE (JSON only): each theme's evidence spans, matched again. */
int	 batch_list(FILE *, struct corpus *, const unsigned char *keep,
	    enum batch_format, int evidence);
int	 batch_themes(FILE *, struct corpus *, const unsigned char *keep,
	    enum batch_format);
/* HIGHLIGHT: mark evidence as [[term]] (or with SGR when 2 and a tty). */
int	 batch_show(FILE *, struct corpus *, size_t i, int width,
	    int highlight);

/* batch_more.c: --entities, --stories, --timeline (BY: enum
 * timeline_by), and the entities and story columns --list appends. */
struct buf;
int	 batch_entities(FILE *, struct corpus *, const unsigned char *keep,
	    enum batch_format);
int	 batch_stories(FILE *, struct corpus *, const unsigned char *keep,
	    enum batch_format);
int	 batch_timeline(FILE *, struct corpus *, const unsigned char *keep,
	    int by, enum batch_format);
void	 batch_list_more(struct buf *, struct corpus *, size_t i,
	    enum batch_format);
/* The field writers of batch.c, for batch_more.c. */
void	 batch_tsv(struct buf *, const char *);
void	 batch_json(struct buf *, const char *);
int	 batch_flush(FILE *, struct buf *);

#endif
