/* article.c: one file's clean text split into title, date, source,
 * language and body. Heuristics are generic; site specifics live in
 * data/boilerplate.txt. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "article.h"
#include "boiler.h"
#include "date.h"
#include "dirconf.h"
#include "decode.h"
#include "lang.h"
#include "util.h"

#define HEAD_LINES		12	/* the title is looked for here */
#define TITLE_MAX		250	/* bytes; longer lines are paragraphs */
#define LEAD_TITLE_MAX		90	/* bytes of a title made from the lead */

/* One line of the text, trimmed, with what we learnt of it. */
struct line {
	const char	*s;
	size_t		 len;
	enum boiler_kind kind;
	int		 words;
};

/* Is the UTF-8 sequence at S (N bytes left) a space of some kind? Returns
 * its length, or 0. Covers NBSP and the ideographic space. */
static inline size_t
space_len(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	if (*u > ' ' && *u < 0xc2)
		return 0;	/* most bytes, at once */
	if (*u == ' ' || *u == '\t')
		return 1;
	if (n >= 2 && u[0] == 0xc2 && u[1] == 0xa0)
		return 2;
	if (n >= 3 && u[0] == 0xe3 && u[1] == 0x80 && u[2] == 0x80)
		return 3;
	if (n >= 3 && u[0] == 0xe2 && u[1] == 0x80 && u[2] >= 0x80 &&
	    u[2] <= 0x8a)
		return 3;
	return 0;
}

/* Trims spaces (all kinds) on both ends of [*s, *s + *n). */
static void
trim(const char **s, size_t *n)
{
	size_t k, i;

	while (*n > 0 && (k = space_len(*s, *n)) != 0) {
		*s += k;
		*n -= k;
	}
	for (;;) {
		for (i = *n; i > 0 && *n - i < 3; i--)
			if ((k = space_len(*s + i - 1, *n - i + 1)) != 0 &&
			    i - 1 + k == *n)
				break;
		if (i == 0 || *n - i >= 3)
			break;
		*n = i - 1;
	}
}

/* Words in a line: runs of non-space; Han text counts a word per 2 chars.
 * Counting stops at WORDS_ENOUGH: no rule asks about more (the largest
 * threshold below is 40), and body paragraphs are long. */
#define WORDS_ENOUGH	40
static int
count_words(const char *s, size_t n)
{
	int words = 0, in = 0, cjk = 0;
	size_t i = 0, k;

	/* the bytes that can start a space: the others take no call */
	static const unsigned char space_lead[256] = {
		[' '] = 1, ['\t'] = 1, [0xc2] = 1, [0xe2] = 1, [0xe3] = 1,
	};

	while (i < n) {
		unsigned char u = (unsigned char)s[i];

		if (space_lead[u] && (k = space_len(s + i, n - i)) != 0) {
			in = 0;
			i += k;
			continue;
		}
		if (!in && ++words + cjk / 2 >= WORDS_ENOUGH)
			return WORDS_ENOUGH;
		in = 1;
		cjk += (unsigned char)(u - 0xe3) <= 0xe9 - 0xe3;
		i++;
	}
	return words + cjk / 2 < WORDS_ENOUGH ? words + cjk / 2 : WORDS_ENOUGH;
}

/* Splits TEXT into trimmed lines, classified by the boilerplate patterns. */
static size_t
split_lines(const char *text, size_t len, struct line **out)
{
	struct line *v = NULL;
	size_t n = 0, cap = 0, i = 0, e;

	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);

		e = nl != NULL ? (size_t)(nl - text) : len;
		if (n == cap)
			v = xreallocarray(v, cap = cap ? cap * 2 : 64, sizeof *v);
		v[n].s = text + i;
		v[n].len = e - i;
		trim(&v[n].s, &v[n].len);
		v[n].kind = v[n].len ? boiler_match(v[n].s, v[n].len, NULL) :
		    BOILER_NONE;
		v[n].words = count_words(v[n].s, v[n].len);
		n++;
		i = e + 1;
	}
	*out = v;
	return n;
}

/* Does the line end like a sentence (so it is prose, not a tag line)? */
static int
ends_sentence(const struct line *l)
{
	static const char *const ends[] = { ".", "!", "?", "\"", ")",
	    "\xe3\x80\x82", "\xef\xbc\x81", "\xef\xbc\x9f", "\xe2\x80\x9d",
	    "\xc2\xbb", "\xe2\x80\xa6", "\xe2\x96\xa0", NULL };
	size_t k, n = l->len;
	int i;

	while (n > 0 && (l->s[n - 1] == '|' || l->s[n - 1] == ' '))
		n--;	/* a trailing separator of a web page */
	for (i = 0; ends[i] != NULL; i++) {
		k = strlen(ends[i]);
		if (n >= k && memcmp(l->s + n - k, ends[i], k) == 0)
			return 1;
	}
	return 0;
}

/* Is this line a date or other metadata, not a title? */
static int
is_meta(const struct line *l)
{
	int y, m, d;
	size_t used;

	if (l->kind == BOILER_META || l->kind == BOILER_SOURCE ||
	    l->kind == BOILER_DROP)
		return 1;
	used = date_parse(l->s, l->len, &y, &m, &d);
	return used > 0 && used + 12 >= l->len;
}

/* Is this line a paragraph of prose (where the body starts)? */
static int
is_prose(const struct line *l)
{
	if (l->len > TITLE_MAX || l->words >= WORDS_ENOUGH)
		return 1;
	return ends_sentence(l) && (l->words >= 16 ||
	    (l->words >= 8 && l->len > TITLE_MAX / 2));
}

/* A photo caption ends in a credit such as "(Xinhua/Zhai Jianlan)". */
static int
is_caption(const struct line *l)
{
	const char *open, *slash;

	if (l->len < 4 || l->s[l->len - 1] != ')')
		return 0;
	open = l->s + l->len;
	while (open > l->s && *open != '(')
		open--;
	slash = memchr(open, '/', (size_t)(l->s + l->len - open));
	return *open == '(' && slash != NULL && l->s + l->len - open < 60;
}

/* Copies a line to a malloc'd string, dropping a trailing " |" separator. */
static char *
line_dup(const struct line *l)
{
	const char *s = l->s;
	size_t n = l->len;

	while (n > 0 && (s[n - 1] == '|' || s[n - 1] == ' '))
		n--;
	return xstrndup(s, n);
}

/* Skips a dash after a dateline credit ("--", "-", "–", "—") at P;
 * returns where the text goes on, or NULL when no dash is there. */
static const char *
skip_dash(const char *p, const char *end)
{
	while (p < end && *p == ' ')
		p++;
	if (end - p >= 2 && strncmp(p, "--", 2) == 0)
		p += 2;
	else if (end - p >= 3 && (strncmp(p, "\xe2\x80\x93", 3) == 0 ||
	    strncmp(p, "\xe2\x80\x94", 3) == 0))
		p += 3;
	else if (end - p >= 2 && p[0] == '-' && p[1] == ' ')
		p++;
	else
		return NULL;
	while (p < end && *p == ' ')
		p++;
	return p;
}

/* The agency of a dateline "ASTANA, July 3 (Xinhua) -- ...", "(Reuters)
 * - ...", or NULL; *AFTER gets where the text goes on. */
static char *
dateline_agency(const struct line *l, size_t *after)
{
	const char *close, *open, *p;
	size_t lim = l->len < 100 ? l->len : 100;

	if ((close = memchr(l->s, ')', lim)) == NULL)
		return NULL;
	for (open = close; open > l->s && *open != '('; open--)
		;
	if (*open != '(' || close - open < 3 || close - open > 40 ||
	    memchr(open, '/', (size_t)(close - open)) != NULL)
		return NULL;	/* "(Xinhua/Zhai Jianlan)" is a photo credit */
	if ((p = skip_dash(close + 1, l->s + l->len)) == NULL)
		return NULL;
	if (after != NULL)
		*after = (size_t)(p - l->s);
	return xstrndup(open + 1, (size_t)(close - open - 1));
}

/* The agency between slashes at the head of a line: "МОСКВА, 3 июля.
 * /ТАСС/. ...", or NULL. */
static char *
slash_agency(const struct line *l)
{
	const char *open, *close;
	size_t lim = l->len < 100 ? l->len : 100;

	if ((open = memchr(l->s, '/', lim)) == NULL || open == l->s ||
	    open[-1] != ' ')
		return NULL;
	close = memchr(open + 1, '/', lim - (size_t)(open + 1 - l->s));
	if (close == NULL || close - open < 3 || close - open > 40 ||
	    memchr(open, ' ', (size_t)(close - open)) != NULL)
		return NULL;
	return xstrndup(open + 1, (size_t)(close - open - 1));
}

/* The agency after a dash that follows a short dateline: "МОСКВА, 3 июл
 * — РИА Новости. ...", or NULL. */
static char *
dash_agency(const struct line *l)
{
	const char *dash, *p, *end = l->s + l->len, *q;
	size_t lim = l->len < 60 ? l->len : 60;

	dash = memmem(l->s, lim, "\xe2\x80\x94", 3);
	if (dash == NULL)
		dash = memmem(l->s, lim, "\xe2\x80\x93", 3);
	if (dash == NULL || memchr(l->s, ',', (size_t)(dash - l->s)) == NULL)
		return NULL;	/* "CITY, date — " comes first */
	for (p = dash + 3; p < end && *p == ' '; p++)
		;
	for (q = p; q < end && q - p <= 40 && *q != '.' && *q != ','; q++)
		;
	if (q == end || q - p > 40 || q - p < 2)
		return NULL;
	return xstrndup(p, (size_t)(q - p));
}

/* The agency of a Chinese dateline, "新华社阿斯塔纳7月3日电": the name up
 * to 社 when 电 follows within a few characters, or NULL. */
static char *
han_agency(const struct line *l)
{
	static const char she[] = "\xe7\xa4\xbe", dian[] = "\xe7\x94\xb5";
	const char *a, *d;
	size_t lim = l->len < 60 ? l->len : 60;

	if ((a = memmem(l->s, lim < 24 ? lim : 24, she, 3)) == NULL ||
	    (d = memmem(a, lim - (size_t)(a - l->s), dian, 3)) == NULL ||
	    d - a > 48)
		return NULL;
	return xstrndup(l->s, (size_t)(a + 3 - l->s));
}

/* Is L a Chinese dateline line ("新华社阿斯塔纳7月3日电")? Never a title. */
static int
is_han_dateline(const struct line *l)
{
	char *a = han_agency(l);

	free(a);
	return a != NULL;
}

/* The holder of a copyright line, "© AFP 2024", "(c) 2024 Reuters. All
 * rights reserved.", "Copyright 2024 The Associated Press", or NULL. */
static char *
copyright_holder(const struct line *l)
{
	static const char *const marks[] = { "\xc2\xa9", "(c)", "(C)",
	    "Copyright", "copyright", "COPYRIGHT", NULL };
	const char *p = l->s, *end = l->s + l->len, *q;
	size_t k, n;

	if (l->len > 120)
		return NULL;
	for (k = 0; marks[k] != NULL; k++)
		if ((size_t)(end - p) >= (n = strlen(marks[k])) &&
		    memcmp(p, marks[k], n) == 0)
			break;
	if (marks[k] == NULL)
		return NULL;
	for (p += n; p < end; p++) {	/* more marks, years, blanks */
		if (end - p >= 2 && memcmp(p, "\xc2\xa9", 2) == 0)
			p++;
		else if (!(*p == ' ' || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == ','))
			break;
	}
	for (q = p; q < end && *q != '.' && *q != '|' &&
	    !(*q == ' ' && end - q >= 5 && q[1] >= '0' && q[1] <= '9'); q++)
		;	/* up to ".", "|" or a year after the name */
	if (q - p < 2)
		return NULL;
	return xstrndup(p, (size_t)(q - p));
}

/* The agency credited in line L by any dateline form above, or NULL. */
static char *
credit_agency(const struct line *l)
{
	char *a;

	if ((a = dateline_agency(l, NULL)) != NULL ||
	    (a = slash_agency(l)) != NULL || (a = dash_agency(l)) != NULL ||
	    (a = han_agency(l)) != NULL)
		return a;
	return NULL;
}

/* Makes a short title from the lead sentence of paragraph L. */
static char *
lead_title(const struct line *l)
{
	const char *s = l->s, *end, *cut = NULL, *p;
	size_t skip = 0, n;
	char *agency;

	if ((agency = dateline_agency(l, &skip)) != NULL)
		free(agency);
	s += skip;
	n = l->len - skip;
	for (end = s; end < s + n; end++)
		if ((*end == '.' || *end == '!' || *end == '?') &&
		    (end + 1 == s + n || end[1] == ' '))
			break;
	if (end - s <= LEAD_TITLE_MAX)
		return xstrndup(s, (size_t)(end - s));
	for (p = s; p < s + LEAD_TITLE_MAX; p++)
		if (*p == ',' && p - s >= 30)
			cut = p;
	if (cut != NULL)
		return xstrndup(s, (size_t)(cut - s));
	for (p = s + LEAD_TITLE_MAX; p > s && *p != ' '; p--)
		;
	if (p == s)
		p = s + LEAD_TITLE_MAX;
	while (p > s && ((unsigned char)*p & 0xc0) == 0x80)
		p--;	/* never split a character */
	{
		struct buf b;

		buf_init(&b);
		buf_add(&b, s, (size_t)(p - s));
		buf_adds(&b, "\xe2\x80\xa6");
		return buf_steal(&b, NULL);
	}
}

/* Could this header line be the title? */
static int
is_title(const struct line *l)
{
	return l->len > 0 && l->len <= TITLE_MAX && l->words >= 3 &&
	    !is_meta(l) && !is_caption(l) && l->kind == BOILER_NONE &&
	    !is_han_dateline(l);
}

/*
 * Is line I, the first of the text, a headline of two words ("Markets
 * rally")? Only before prose: a two-word line elsewhere is more often a
 * widget ("Read more", "Top stories") than a title, and those are
 * boilerplate when they are not.
 */
static int
is_short_title(const struct line *v, size_t n, size_t i)
{
	const struct line *l = &v[i];
	size_t j;

	if (l->words != 2 || l->len > TITLE_MAX / 2 || is_meta(l) ||
	    is_caption(l) || l->kind != BOILER_NONE || l->s[l->len - 1] == ':')
		return 0;
	for (j = i + 1; j < n && v[j].len == 0; j++)
		;
	return j < n && is_prose(&v[j]);
}

/* Keeps the first non-NULL candidate in *KEEP and frees the other. */
static void
keep_first(char **keep, char *cand)
{
	if (*keep == NULL)
		*keep = cand;
	else
		free(cand);
}

/*
 * The source: a "Source:" label, else an agency credit of a dateline in
 * the first lines ("(Xinhua) -", "/ТАСС/", "— РИА Новости", "新华社…电"),
 * else a copyright line ("© AFP 2024"), else "From:".
 */
static char *
find_source(const struct line *v, size_t n)
{
	char *label = NULL, *from = NULL, *agency = NULL, *copy = NULL, *s;
	size_t i, seen = 0;

	for (i = 0; i < n && label == NULL; i++) {
		if (v[i].len == 0)
			continue;
		seen++;
		if (v[i].kind == BOILER_SOURCE)
			boiler_match(v[i].s, v[i].len, &label);
		else if (v[i].kind == BOILER_FROM && from == NULL)
			boiler_match(v[i].s, v[i].len, &from);
		else if (agency == NULL && seen <= HEAD_LINES + 4)
			agency = credit_agency(&v[i]);
		if (copy == NULL && v[i].len <= 120)
			copy = copyright_holder(&v[i]);
	}
	s = label;
	keep_first(&s, agency);
	keep_first(&s, copy);
	keep_first(&s, from);
	if (s == NULL)
		return xstrdup("");
	{
		struct line t = { s, strlen(s), BOILER_NONE, 0 };
		char *r;

		trim(&t.s, &t.len);
		r = line_dup(&t);
		free(s);
		return r;
	}
}

/*
 * Finds the title in the head of the text: the first line that reads as a
 * title before the prose starts. Returns its index, or -1. *BODY gets the
 * index where the body starts.
 */
static long
find_title(const struct line *v, size_t n, size_t *body)
{
	size_t i, seen = 0;
	long title = -1;

	for (i = 0; i < n && seen < HEAD_LINES; i++) {
		if (v[i].len == 0)
			continue;
		seen++;
		if (v[i].kind != BOILER_NONE)
			continue;	/* a banner, a stamp: on to the next */
		if (is_prose(&v[i]))
			break;
		if (title == -1 && (is_title(&v[i]) || (seen == 1 &&
		    is_short_title(v, n, i)))) {
			title = (long)i;
			*body = i + 1;
		}
	}
	if (title == -1)
		*body = 0;
	return title;
}

/* Should line L be left out of the body? */
static int
skip_in_body(const struct line *l, int in_head)
{
	if (l->kind == BOILER_DROP || l->kind == BOILER_META ||
	    l->kind == BOILER_SOURCE || l->kind == BOILER_FROM)
		return 1;
	return in_head && is_meta(l);
}

/*
 * Assembles the body from lines FROM..N: one paragraph per line, blank
 * lines between, boilerplate left out, cut at a tail pattern, and short
 * trailing lines that do not read as sentences (tag lines, credits,
 * widgets) trimmed. Returns the index of the first prose line in *LEAD.
 */
static char *
build_body(const struct line *v, size_t from, size_t n, size_t *len,
    long *lead)
{
	size_t i, last = from, *keep = xcalloc(n + 1, sizeof *keep), nk = 0;
	int in_head = 1;
	struct buf b;

	*lead = -1;
	for (i = from; i < n; i++) {
		if (v[i].kind == BOILER_TAIL && !in_head)
			break;	/* comments, related links: the end */
		if (v[i].len == 0 || v[i].kind == BOILER_TAIL ||
		    skip_in_body(&v[i], in_head))
			continue;	/* a banner before the article: that line */
		if (is_prose(&v[i])) {
			in_head = 0;
			if (*lead == -1 && !is_caption(&v[i]))
				*lead = (long)i;
		}
		keep[nk++] = i;
	}
	while (nk > 1 && v[keep[nk - 1]].words < 15 &&
	    !ends_sentence(&v[keep[nk - 1]]))
		nk--;
	buf_init(&b);
	for (i = 0; i < nk; i++) {
		struct line l = v[keep[i]];
		char *s = line_dup(&l);

		if (i > 0)
			buf_adds(&b, "\n\n");
		buf_adds(&b, s);
		free(s);
		last = keep[i];
	}
	(void)last;
	free(keep);
	return buf_steal(&b, len);
}

/* The language of A's body; when the body alone does not tell (a
 * headline-only file, a body of a few words), of its title and body. */
static const char *
article_lang(const struct article *a)
{
	const char *code = lang_identify(a->body, a->body_len);
	char *both;
	size_t tn, bn;

	if (code[0] != '\0' || a->title[0] == '\0')
		return code;
	tn = strlen(a->title);
	bn = a->body_len < 1024 ? a->body_len : 1024;	/* all lang reads */
	both = xmalloc(tn + 1 + bn + 1);
	memcpy(both, a->title, tn);
	both[tn] = '\n';
	memcpy(both + tn + 1, a->body, bn);
	code = lang_identify(both, tn + 1 + bn);
	free(both);
	return code;
}

/* The order of day and month for A's slashed dates: --date-order, else
 * its directory's .tread.ini, else what its text shows. */
static int
article_date_order(const struct article *a)
{
	int order = date_forced_order();

	if (order == DATE_ORDER_AUTO && a->path != NULL)
		order = dirconf_date_order(a->path);
	return order;
}

void
article_parse(struct article *a, const char *text, size_t len)
{
	struct line *v;
	size_t n, from;
	long title, lead;

	n = split_lines(text, len, &v);
	title = find_title(v, n, &from);
	a->body = build_body(v, from, n, &a->body_len, &lead);
	if (title >= 0)
		a->title = line_dup(&v[title]);
	else if (lead >= 0)
		a->title = lead_title(&v[lead]);
	else
		a->title = xstrdup("");
	a->source = find_source(v, n);
	date_find_order(text, len, article_date_order(a), a->date);
	snprintf(a->lang, sizeof a->lang, "%s", article_lang(a));
	free(v);
}

int
article_load(struct article *a, const char *path, char *err, size_t errlen)
{
	struct stat st;
	char *raw, *text;
	size_t len, tlen;

	memset(a, 0, sizeof *a);
	if (file_read_stat(path, ARTICLE_MAX_BYTES, &raw, &len, &st) == -1) {
		snprintf(err, errlen, "%s", file_errstr(errno));
		return -1;
	}
	if (len == 0 || decode_is_binary(raw, len)) {
		snprintf(err, errlen, len == 0 ? "empty file" :
		    "not a text file, skipped");
		free(raw);
		return -1;
	}
	text = decode_text_file(path, raw, len, &tlen, &a->decode_flags);
	free(raw);
	a->path = xstrdup(path);
	a->size = (uint64_t)st.st_size;
	a->mtime = (int64_t)st.st_mtime;
	article_parse(a, text, tlen);
	free(text);
	return 0;
}

void
article_drop_body(struct article *a)
{
	free(a->body);
	a->body = NULL;
	a->body_len = 0;
}

void
article_free(struct article *a)
{
	free(a->path);
	free(a->title);
	free(a->source);
	free(a->body);
	free(a->hits);
	free(a->ents);
	memset(a, 0, sizeof *a);
}
