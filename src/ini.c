/* ini.c: STUB until the ini module lands. */
#include <stdlib.h>
#include "ini.h"
struct ini *ini_open(const char *path, char *err, size_t errlen) { return NULL; }
void ini_close(struct ini *i) {}
const char *ini_get(const struct ini *i, const char *key, const char *def) { return def; }
int ini_get_int(const struct ini *i, const char *key, long min, long max, long def, long *out) { *out = def; return 0; }
int ini_nsections(const struct ini *i) { return 0; }
const char *ini_section(const struct ini *i, int n) { return NULL; }
int ini_nkeys(const struct ini *i, const char *section) { return 0; }
const char *ini_key(const struct ini *i, const char *section, int n, int *line) { return NULL; }
int ini_line(const struct ini *i, const char *key) { return 0; }
const char *ini_path(const struct ini *i) { return ""; }
