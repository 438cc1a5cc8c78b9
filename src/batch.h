/* batch.h: --list, --themes and --show output (TSV, JSON, text). */
#ifndef TREAD_BATCH_H
#define TREAD_BATCH_H

#include <stdio.h>

struct corpus;
struct query;

enum batch_format { FORMAT_TSV, FORMAT_JSON };

int	 batch_list(FILE *, struct corpus *, const unsigned char *keep,
	    enum batch_format);
int	 batch_themes(FILE *, struct corpus *, const unsigned char *keep,
	    enum batch_format);
/* HIGHLIGHT: mark evidence as [[term]] (or with SGR when 2 and a tty). */
int	 batch_show(FILE *, struct corpus *, size_t i, int width,
	    int highlight);

#endif
