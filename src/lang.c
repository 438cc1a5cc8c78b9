/* lang.c: STUB until the language module lands. */
#include "lang.h"
int lang_init(const char *datadir) { return 0; }
void lang_free(void) {}
const char *lang_identify(const char *text, size_t len) { return ""; }
