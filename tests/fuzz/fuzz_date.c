/* fuzz_date.c: libFuzzer harness for metadata extraction: date_find,
 * date_parse at every line start, lang_identify. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "lang.h"
#include "util.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	warn_quiet = 1;
	lang_init(SRCDATADIR);
	return 0;
}

/* A found date must be "YYYY-MM-DD" with a plausible month and day. */
static void
check_date(const char out[11])
{
	if (out[0] == '\0')
		return;
	if (strlen(out) != 10 || !date_valid_iso(out))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size);	/* as clean text is */
	size_t len = strlen(s), i, n;
	char out[11];
	int y, m, d;

	memset(out, 'x', sizeof out);
	date_find(s, len, out);
	if (memchr(out, '\0', sizeof out) == NULL)
		abort();
	check_date(out);
	for (i = 0; i < len; i++) {
		if (i > 0 && s[i - 1] != '\n' && s[i - 1] != ' ')
			continue;
		n = date_parse(s + i, len - i, &y, &m, &d);
		if (n > len - i || (n > 0 && (m < 1 || m > 12 || d < 1 || d > 31)))
			abort();
	}
	lang_identify(s, len);
	free(s);
	return 0;
}
