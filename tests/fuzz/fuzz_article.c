/* fuzz_article.c: libFuzzer harness for the article loader's core: the
 * binary check, decode_text, article_parse and the output sanitiser. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "boiler.h"
#include "decode.h"
#include "lang.h"
#include "util.h"

/* Once per process: the data article_parse relies on. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	warn_quiet = 1;
	boiler_load(SRCDATADIR "/boilerplate.txt");
	lang_init(SRCDATADIR);
	return 0;
}

/* Checks that clean text has no control byte but LF, as decode.h says. */
static void
check_clean(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\n') || s[i] == 0x7f)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	struct article a;
	struct buf out;
	unsigned flags;
	size_t len;
	char *text;

	decode_is_binary(buf, size);
	text = decode_text(buf, size, &len, &flags);
	if (strlen(text) != len)
		abort();
	check_clean(text, len);
	memset(&a, 0, sizeof a);
	article_parse(&a, text, len);
	if (a.title == NULL || a.source == NULL)
		abort();
	check_clean(a.title, strlen(a.title));
	article_free(&a);
	buf_init(&out);
	decode_sanitize(&out, buf, size, 1);
	buf_free(&out);
	free(text);
	return 0;
}
