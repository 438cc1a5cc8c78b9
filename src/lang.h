/* lang.h: offline language identification (ISO 639-1) from the text. */
#ifndef TREAD_LANG_H
#define TREAD_LANG_H

#include <stddef.h>

/* Loads the language profiles from DATADIR/lang; 0 or -1 (warned). Call
 * once before any thread uses lang_identify. Without profiles,
 * identification falls back to script and letter heuristics.
 * A profile is DATADIR/lang/CODE.tri (character trigrams, "_" padding
 * words, most frequent first; made by tests/data/lang/mkprofile.pl) with
 * the stop words of DATADIR/stopwords/CODE.txt or DATADIR/lang/CODE.stop. */
int	 lang_init(const char *datadir);
void	 lang_free(void);

/* Returns "en", "de", "pl", "ru", "kk", "zh", "fr" (or another code the
 * profiles know), or "" when unsure. Thread-safe after lang_init. */
const char *lang_identify(const char *text, size_t len);

#endif
