/* timeline.c: periods (day, ISO week, month) of article dates, counts per period, and sparklines of them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "story.h"
#include "timeline.h"
#include "util.h"

/* The civil date of day number Z (days since 1970-01-01), after
 * H. Hinnant's days_from_civil inverse. */
static void
civil(int32_t z, int *y, int *m, int *d)
{
	long zz = (long)z + 719468;
	long era = (zz >= 0 ? zz : zz - 146096) / 146097;
	long doe = zz - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Day number of the Monday of ISO week 1 of year Y. */
static int32_t
week1(int y)
{
	char d[11];
	int32_t jan4;

	snprintf(d, sizeof d, "%04d-01-04", y);
	jan4 = story_day(d);
	return jan4 - (int32_t)(((jan4 + 3) % 7 + 7) % 7);
}

/* The month of DATE when it is plain "YYYY-MM-DD" with a day every
 * month has (1-28): no day number and back; else INT32_MIN (the caller
 * takes the long way, which says what a day 29-31 becomes). */
static int32_t
quick_month(const char *date)
{
	const unsigned char *d = (const unsigned char *)date;
	int k, y = 0, m, dd;

	for (k = 0; k < 4; k++)
		if (d[k] < '0' || d[k] > '9')
			return INT32_MIN;
		else
			y = y * 10 + (d[k] - '0');
	/* in string order: a short string stops at its NUL */
	if (d[4] != '-' || d[5] < '0' || d[5] > '1' || d[6] < '0' ||
	    d[6] > '9' || d[7] != '-' || d[8] < '0' || d[8] > '2' ||
	    d[9] < '0' || d[9] > '9' || d[10] != '\0')
		return INT32_MIN;
	m = (d[5] - '0') * 10 + (d[6] - '0');
	dd = (d[8] - '0') * 10 + (d[9] - '0');
	if (m < 1 || m > 12 || dd < 1 || dd > 28)
		return INT32_MIN;
	return y * 12 + (m - 1);
}

int32_t
timeline_period(const char *date, enum timeline_by by)
{
	int32_t z, q;
	int y, m, d;

	/* a sparkline asks every article's month at each new corpus */
	if (by == BY_MONTH && date != NULL &&
	    (q = quick_month(date)) != INT32_MIN)
		return q;
	z = story_day(date);
	if (z == INT32_MIN)
		return INT32_MIN;
	if (by == BY_DAY)
		return z;
	if (by == BY_WEEK)	/* Monday-to-Sunday weeks; day 0 a Thursday */
		return z + 3 >= 0 ? (z + 3) / 7 : -((-(z + 3) + 6) / 7);
	civil(z, &y, &m, &d);
	return y * 12 + (m - 1);
}

void
timeline_label(int32_t p, enum timeline_by by, char *out, size_t len)
{
	int y, m, d, iy;
	int32_t mon;

	if (by == BY_MONTH) {
		snprintf(out, len, "%04d-%02d", p / 12, p % 12 + 1);
		return;
	}
	if (by == BY_DAY) {
		civil(p, &y, &m, &d);
		snprintf(out, len, "%04d-%02d-%02d", y, m, d);
		return;
	}
	mon = p * 7 - 3;		/* the Monday of week P */
	civil(mon + 3, &iy, &m, &d);	/* its Thursday gives the ISO year */
	snprintf(out, len, "%04d-W%02d", iy, (mon - week1(iy)) / 7 + 1);
}

void
timeline_span(const struct corpus *c, enum timeline_by by,
    struct timeline_span *out)
{
	int32_t *per = timeline_periods(c, by);

	timeline_span_of(per, c->n, by, out);
	free(per);
}

/* The month of an article's date field D (all 11 bytes readable) when
 * it is plain "YYYY-MM-DD" with a day every month has; else INT32_MIN.
 * quick_month without a branch per byte, for a million articles. */
static int32_t
field_month(const char d[11])
{
	const unsigned char *u = (const unsigned char *)d;
	unsigned d0 = u[0] - '0', d1 = u[1] - '0', d2 = u[2] - '0',
	    d3 = u[3] - '0', d5 = u[5] - '0', d6 = u[6] - '0',
	    d8 = u[8] - '0', d9 = u[9] - '0';
	unsigned m = d5 * 10 + d6, dd = d8 * 10 + d9;

	if ((d0 > 9) | (d1 > 9) | (d2 > 9) | (d3 > 9) | (d5 > 9) | (d6 > 9) |
	    (d8 > 9) | (d9 > 9) | (u[4] != '-') | (u[7] != '-') |
	    (u[10] != '\0') | (m - 1 > 11) | (dd - 1 > 27))
		return INT32_MIN;
	return (int32_t)((d0 * 1000 + d1 * 100 + d2 * 10 + d3) * 12 + m - 1);
}

int32_t *
timeline_periods(const struct corpus *c, enum timeline_by by)
{
	int32_t *per = xcalloc(c->n + 1, sizeof *per);
	size_t i;

	for (i = 0; i < c->n; i++)
		if (by != BY_MONTH || (per[i] = field_month(c->v[i].date)) ==
		    INT32_MIN)
			per[i] = timeline_period(c->v[i].date, by);
	return per;
}

void
timeline_span_of(const int32_t *per, size_t n, enum timeline_by by,
    struct timeline_span *out)
{
	int32_t lo = INT32_MAX, hi = INT32_MIN;
	size_t i;

	for (i = 0; i < n; i++) {
		if (per[i] == INT32_MIN)
			continue;
		lo = per[i] < lo ? per[i] : lo;
		hi = per[i] > hi ? per[i] : hi;
	}
	out->by = by;
	out->first = lo;
	out->n = hi == INT32_MIN ? 0 : (size_t)(hi - lo) + 1;
}

void
timeline_count_set(const struct corpus *c, const struct timeline_span *sp,
    const int32_t *per, const uint64_t *set, uint32_t *out)
{
	size_t w, i, nw = (c->n + 63) / 64;	/* corpus_set_words */
	uint64_t bits;

	memset(out, 0, sp->n * sizeof *out);
	for (w = 0; set != NULL && w < nw; w++)
		for (bits = set[w]; bits != 0; bits &= bits - 1) {
			i = w * 64 + (size_t)__builtin_ctzll(bits);
			if (i < c->n && per[i] != INT32_MIN &&
			    per[i] >= sp->first &&
			    (size_t)(per[i] - sp->first) < sp->n)
				out[per[i] - sp->first]++;
		}
}

void
timeline_count(const struct corpus *c, const struct timeline_span *sp,
    const unsigned char *keep, int (*pick)(const struct corpus *, size_t,
    void *), void *arg, uint32_t *out)
{
	int32_t p;
	size_t i;

	memset(out, 0, sp->n * sizeof *out);
	for (i = 0; i < c->n; i++) {
		if ((keep != NULL && !keep[i]) ||
		    (p = timeline_period(c->v[i].date, sp->by)) == INT32_MIN ||
		    p < sp->first || (size_t)(p - sp->first) >= sp->n)
			continue;
		if (pick == NULL || pick(c, i, arg))
			out[p - sp->first]++;
	}
}

char *
timeline_spark(const uint32_t *counts, size_t n, size_t width, int utf8,
    char *out, size_t len)
{
	static const char *const blocks[8] = { "\u2581", "\u2582", "\u2583",
	    "\u2584", "\u2585", "\u2586", "\u2587", "\u2588" };
	static const char ascii[] = " .:-=+*#";
	uint32_t cell[256], max = 0;
	size_t cells = n < width ? n : width, i, used = 0;

	if (cells > sizeof cell / sizeof *cell)
		cells = sizeof cell / sizeof *cell;
	memset(cell, 0, sizeof cell);
	for (i = 0; i < n && cells > 0; i++)
		cell[i * cells / n] += counts[i];
	for (i = 0; i < cells; i++)
		max = cell[i] > max ? cell[i] : max;
	out[0] = '\0';
	for (i = 0; i < cells; i++) {
		/* any article shows (the lowest block); the largest is full */
		int lvl = max == 0 ? 0 : (int)((uint64_t)cell[i] * 7 / max);
		const char *s;
		char a[2] = { ascii[cell[i] ? 1 + lvl * 6 / 7 : 0], '\0' };

		s = utf8 ? (cell[i] ? blocks[lvl] : " ") : a;
		if (used + strlen(s) + 1 > len)
			break;
		memcpy(out + used, s, strlen(s) + 1);
		used += strlen(s);
	}
	return out;
}
