/* mojibake.h: repair of UTF-8 decoded with the wrong code page (decode's
 * stage 2; decode_fix_mojibake in decode.h is its entry point). */
#ifndef TREAD_MOJIBAKE_H
#define TREAD_MOJIBAKE_H

#include <stddef.h>

/* Could S hold mojibake at all? A quick linear scan, no false "no". */
int	 mojibake_possible(const char *s, size_t n);

#endif
