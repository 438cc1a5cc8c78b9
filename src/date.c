/* date.c: STUB until the date module lands. */
#include "date.h"
int date_find(const char *text, size_t len, char out[11]) { out[0] = '\0'; return -1; }
size_t date_parse(const char *s, size_t len, int *y, int *m, int *d) { return 0; }
int date_valid_iso(const char *s) { return 0; }
