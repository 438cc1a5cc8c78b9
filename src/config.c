/* config.c: tread.ini (colours, layout, keys) read through the safe INI reader. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "ini.h"
#include "util.h"

static const char *const elem_names[CFG_NELEM] = {
#define ELEM(name, color, mono) #name,
	CONFIG_ELEMENTS
#undef ELEM
};
static const char *const elem_color[CFG_NELEM] = {
#define ELEM(name, color, mono) color,
	CONFIG_ELEMENTS
#undef ELEM
};
static const char *const elem_mono[CFG_NELEM] = {
#define ELEM(name, color, mono) mono,
	CONFIG_ELEMENTS
#undef ELEM
};

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"
};
static const struct { const char *name; unsigned bit; } attr_names[] = {
	{ "normal", 0 }, { "bold", CFG_BOLD }, { "underline", CFG_UNDERLINE },
	{ "reverse", CFG_REVERSE }, { "dim", CFG_DIM },
	{ "standout", CFG_STANDOUT }, { "italic", CFG_ITALIC },
};

const char *
config_elem_name(int e)
{
	return e >= 0 && e < CFG_NELEM ? elem_names[e] : NULL;
}

/* A colour word: 0-255, CFG_DEFAULT, or -2 when W is not a colour. */
static int
parse_color(const char *w)
{
	char *end;
	long n;
	size_t i;

	if (strcasecmp(w, "default") == 0)
		return CFG_DEFAULT;
	for (i = 0; i < 8; i++) {
		if (strcasecmp(w, color_names[i]) == 0)
			return (int)i;
		if (strncasecmp(w, "bright", 6) == 0 &&
		    strcasecmp(w + 6, color_names[i]) == 0)
			return (int)i + 8;
	}
	if (strncasecmp(w, "color", 5) == 0 && w[5] >= '0' && w[5] <= '9') {
		n = strtol(w + 5, &end, 10);
		if (*end == '\0' && n >= 0 && n <= 255)
			return (int)n;
	}
	return -2;
}

/* One word of a style into ST; NCOL counts the colours seen. */
static int
style_word(const char *w, struct config_style *st, int *ncol)
{
	size_t i;
	int c;

	for (i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++)
		if (strcasecmp(w, attr_names[i].name) == 0) {
			st->attrs |= attr_names[i].bit;
			return 0;
		}
	if ((c = parse_color(w)) == -2 || *ncol >= 2)
		return -1;
	if ((*ncol)++ == 0)
		st->fg = (short)c;
	else
		st->bg = (short)c;
	return 0;
}

int
config_parse_style(const char *spec, struct config_style *st, char *err,
    size_t errlen)
{
	char word[32];
	const char *p = spec, *e;
	int ncol = 0;

	*st = (struct config_style){ CFG_DEFAULT, CFG_DEFAULT, 0 };
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '\0')
			break;
		for (e = p; *e != '\0' && *e != ' ' && *e != '\t' &&
		    *e != ','; e++)
			;
		snprintf(word, sizeof word, "%.*s", (int)(e - p), p);
		if ((size_t)(e - p) >= sizeof word ||
		    style_word(word, st, &ncol) == -1) {
			snprintf(err, errlen, "not a colour or attribute: "
			    "'%.*s'", (int)(e - p > 40 ? 40 : e - p), p);
			return -1;
		}
		p = e;
	}
	return 0;
}

void
config_defaults(struct config *c)
{
	char err[128];
	int e;

	memset(c, 0, sizeof *c);
	for (e = 0; e < CFG_NELEM; e++) {
		config_parse_style(elem_color[e], &c->color[e], err, sizeof err);
		config_parse_style(elem_mono[e], &c->mono[e], err, sizeof err);
	}
	c->side_width = 26;
	c->list_percent = 40;
	c->side_panel = 1;
	c->mouse = 0;	/* off, as in tig and less: the terminal selects text */
	c->mark_read = 1;
	c->preview = 1;		/* the reader follows the list's cursor */
	c->side_percent = 20;	/* a wide screen's panel grows to 20 % */
	c->text_width = 0;	/* the reader's text as wide as the pane */
}

void
config_free(struct config *c)
{
	size_t i;

	for (i = 0; i < c->nkeys; i++) {
		free(c->keys[i].action);
		free(c->keys[i].keys);
		free(c->keys[i].file);
	}
	free(c->keys);
	free(c->path);
	c->keys = NULL;
	c->nkeys = 0;
	c->path = NULL;
}

/* Sets ERR to "FILE:LINE: " followed by MSG. */
static int
fail_at(const struct ini *ini, const char *key, const char *msg, char *err,
    size_t errlen)
{
	snprintf(err, errlen, "%s:%d: %s", ini_path(ini), ini_line(ini, key),
	    msg);
	return -1;
}

/* [colors] or [mono]: one style per element. */
static int
load_styles(struct config *c, const struct ini *ini, const char *sect,
    struct config_style *out, char *err, size_t errlen)
{
	char key[96], why[160];
	const char *name;
	int i, e, line;

	for (i = 0; i < ini_nkeys(ini, sect); i++) {
		if ((name = ini_key(ini, sect, i, &line)) == NULL)
			continue;
		snprintf(key, sizeof key, "%s:%s", sect, name);
		for (e = 0; e < CFG_NELEM; e++)
			if (strcmp(elem_names[e], name) == 0)
				break;
		if (e == CFG_NELEM) {
			warn_at(NULL, "%s:%d: unknown element '%s' ignored",
			    ini_path(ini), line, name);
			continue;
		}
		if (config_parse_style(ini_get(ini, key, ""), &out[e], why,
		    sizeof why) == -1)
			return fail_at(ini, key, why, err, errlen);
		if (out == c->mono)
			out[e].fg = out[e].bg = CFG_DEFAULT;
	}
	return 0;
}

/* A yes/no value of [layout] into *OUT. */
static int
load_bool(const struct ini *ini, const char *key, int *out, char *err,
    size_t errlen)
{
	const char *v = ini_get(ini, key, NULL);

	if (v == NULL)
		return 0;
	if (strcasecmp(v, "yes") == 0 || strcasecmp(v, "true") == 0 ||
	    strcmp(v, "1") == 0 || strcasecmp(v, "on") == 0)
		*out = 1;
	else if (strcasecmp(v, "no") == 0 || strcasecmp(v, "false") == 0 ||
	    strcmp(v, "0") == 0 || strcasecmp(v, "off") == 0)
		*out = 0;
	else
		return fail_at(ini, key, "expected yes or no", err, errlen);
	return 0;
}

/* [layout]: numbers and switches, one table (the names warned about
 * when unknown, the ranges checked). */
static int
load_layout(struct config *c, const struct ini *ini, char *err,
    size_t errlen)
{
	const struct { const char *name; int *v; long min, max;
	    const char *what; } num[] = {
		{ "side_width", &c->side_width, 10, 80,
		    "expected a number from 10 to 80" },
		{ "side_percent", &c->side_percent, 0, 33,
		    "expected a percentage from 0 to 33" },
		{ "list_height", &c->list_percent, 10, 90,
		    "expected a percentage from 10 to 90" },
		{ "text_width", &c->text_width, 0, 1000,
		    "expected a number of columns from 0 to 1000" },
		{ "side_panel", &c->side_panel, -1, -1, NULL },
		{ "mouse", &c->mouse, -1, -1, NULL },
		{ "mark_read", &c->mark_read, -1, -1, NULL },
		{ "preview", &c->preview, -1, -1, NULL },
	};
	const size_t nnum = sizeof num / sizeof num[0];
	char key[64];
	const char *name;
	long n;
	size_t k;
	int i, line;

	for (i = 0; i < ini_nkeys(ini, "layout"); i++) {
		if ((name = ini_key(ini, "layout", i, &line)) == NULL)
			continue;
		for (k = 0; k < nnum && strcmp(num[k].name, name) != 0; k++)
			;
		if (k == nnum)
			warn_at(NULL, "%s:%d: unknown key '%s' ignored",
			    ini_path(ini), line, name);
	}
	for (k = 0; k < nnum; k++) {
		snprintf(key, sizeof key, "layout:%s", num[k].name);
		if (num[k].what == NULL) {	/* yes or no */
			if (load_bool(ini, key, num[k].v, err, errlen) == -1)
				return -1;
			continue;
		}
		if (ini_get_int(ini, key, num[k].min, num[k].max, *num[k].v,
		    &n) == -1)
			return fail_at(ini, key, num[k].what, err, errlen);
		*num[k].v = (int)n;
	}
	return 0;
}

/* [keys]: kept as strings; the UI checks action and key names. */
static void
load_keys(struct config *c, const struct ini *ini)
{
	char key[96];
	const char *name;
	int i, line;

	for (i = 0; i < ini_nkeys(ini, "keys"); i++) {
		if ((name = ini_key(ini, "keys", i, &line)) == NULL)
			continue;
		snprintf(key, sizeof key, "keys:%s", name);
		c->keys = xreallocarray(c->keys, c->nkeys + 1, sizeof *c->keys);
		c->keys[c->nkeys++] = (struct config_key){ xstrdup(name),
		    xstrdup(ini_get(ini, key, "")), xstrdup(ini_path(ini)),
		    line };
	}
}

int
config_load(struct config *c, const char *path, char *err, size_t errlen)
{
	static const char *const sections[] = { "colors", "mono", "layout",
	    "keys" };
	struct ini *ini;
	const char *s;
	size_t k;
	int i, rc;

	if (errlen > 0)
		err[0] = '\0';
	if ((ini = ini_open(path, err, errlen)) == NULL)
		return -1;
	for (i = 0; i < ini_nsections(ini); i++) {
		s = ini_section(ini, i);
		for (k = 0; k < 4 && s != NULL; k++)
			if (strcmp(sections[k], s) == 0)
				break;
		if (s != NULL && k == 4)
			warn_at(NULL, "%s:%d: unknown section [%s] ignored",
			    ini_path(ini), ini_line(ini, s), s);
	}
	rc = load_styles(c, ini, "colors", c->color, err, errlen);
	if (rc == 0)
		rc = load_styles(c, ini, "mono", c->mono, err, errlen);
	if (rc == 0)
		rc = load_layout(c, ini, err, errlen);
	if (rc == 0)
		load_keys(c, ini);
	free(c->path);
	c->path = xstrdup(path);
	ini_close(ini);
	return rc;
}
