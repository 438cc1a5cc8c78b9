/* boiler.h: line patterns for boilerplate and metadata (data/boilerplate.txt). */
#ifndef TREAD_BOILER_H
#define TREAD_BOILER_H

#include <stddef.h>

/* What a matching line means. */
enum boiler_kind {
	BOILER_NONE = 0,
	BOILER_DROP,	/* widget / tag / editor line: leave out of the body */
	BOILER_TAIL,	/* cookie notice, comments: this and all after go */
	BOILER_META,	/* header metadata line (dates, bylines): not body */
	BOILER_SOURCE,	/* "Source: X": X is the source (last group) */
	BOILER_FROM,	/* "From: X": a weaker source, after datelines */
};

/* Loads patterns from PATH; 0, or -1 with a warning naming PATH:LINE.
 * Call before threads start. */
int	 boiler_load(const char *path);
void	 boiler_free(void);

/*
 * Classifies one trimmed line (no newline). For BOILER_SOURCE, *VALUE
 * (when VALUE is not NULL) gets the malloc'd source name. Thread-safe
 * after boiler_load.
 */
enum boiler_kind boiler_match(const char *line, size_t len, char **value);

#endif
