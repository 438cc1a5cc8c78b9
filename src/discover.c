/* discover.c: STUB until the discovery module lands. */
#include <stdlib.h>
#include "discover.h"
int discover_init(const char *datadir) { return 0; }
void discover_free(void) {}
size_t discover_article(struct fold_cache *fc, const char *lang, const char *body, size_t len, size_t max, struct phrase **out) { *out = NULL; return 0; }
void discover_phrases_free(struct phrase *p, size_t n) { free(p); }
size_t discover_select(const struct lexicon *lex, struct phrase **per, const size_t *nper, size_t narticles, size_t max, struct discovered **out) { *out = NULL; return 0; }
void discover_themes_free(struct discovered *d, size_t n) { free(d); }
