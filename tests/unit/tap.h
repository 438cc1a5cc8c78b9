/* tap.h: the smallest test harness that reports what failed and where.
 * Each check prints "ok"/"not ok" with the expression; main returns
 * tap_done(), non-zero when any check failed (automake's exit protocol). */
#ifndef TREAD_TAP_H
#define TREAD_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_fail;

#define ok(cond, ...) do {						\
	tap_n++;							\
	if (cond)							\
		printf("ok %d - ", tap_n);				\
	else {								\
		tap_fail++;						\
		printf("not ok %d - %s:%d: ", tap_n, __FILE__, __LINE__); \
	}								\
	printf(__VA_ARGS__);						\
	putchar('\n');							\
} while (0)

/* String equality, printing both sides when they differ. */
#define is_str(got, want, name) do {					\
	const char *g_ = (got), *w_ = (want);				\
	int eq_ = g_ != NULL && w_ != NULL ? strcmp(g_, w_) == 0 : g_ == w_; \
	ok(eq_, "%s", name);						\
	if (!eq_)							\
		printf("#   got:  \"%s\"\n#   want: \"%s\"\n",		\
		    g_ ? g_ : "(null)", w_ ? w_ : "(null)");		\
} while (0)

#define is_int(got, want, name) do {					\
	long long g_ = (long long)(got), w_ = (long long)(want);	\
	ok(g_ == w_, "%s", name);					\
	if (g_ != w_)							\
		printf("#   got:  %lld\n#   want: %lld\n", g_, w_);	\
} while (0)

static int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	if (tap_n == 0) {
		printf("# no checks ran\n");
		return 1;
	}
	return tap_fail ? 1 : 0;
}

#endif
