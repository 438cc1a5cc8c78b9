/* ui.c: STUB until the reader lands. */
#include <stdio.h>
#include "ui.h"
int ui_run(const struct options *o, struct corpus *c, const struct lexicon *l) { fprintf(stderr, "tread: the interactive reader is not built yet\n"); return 1; }
