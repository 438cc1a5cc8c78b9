/* keys.c: the binding table built from keys.def, key names, lookups. */
#define NCURSES_WIDECHAR 1
#include <ctype.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "keys.h"
#include "util.h"

/* One row of keys.def. */
struct keydef {
	const char	*name;		/* "PAGE_DOWN" */
	const char	*names;		/* default keys */
	int		 ctx;
	const char	*help;
};

static const struct keydef keydefs[ACT_COUNT] = {
	[ACT_NONE] = { "NONE", "", 0, "" },
#define KEY(action, names, ctx, help) \
	[ACT_##action] = { #action, names, ctx, help },
#include "keys.def"
#undef KEY
};

/* A key code bound to an action in some contexts. */
struct binding {
	int		 code;
	int		 ctx;
	enum action	 action;
};

/* Global: the key bindings, set by keys_init and the configuration
 * before the UI starts; the UI's lookups and help only read them. */
static struct binding *bindings;
static size_t nbindings;
static char *cur_names[ACT_COUNT];	/* the keys now bound, for help */
static char action_names[ACT_COUNT][32];	/* "page-down" */

/* A named key and the codes getch() may return for it. */
static const struct {
	const char *name;
	int codes[3];
} named[] = {
	{ "Up", { KEY_UP } }, { "Down", { KEY_DOWN } },
	{ "Left", { KEY_LEFT } }, { "Right", { KEY_RIGHT } },
	{ "PgUp", { KEY_PPAGE } }, { "PgDn", { KEY_NPAGE } },
	{ "Home", { KEY_HOME, KEY_FIND } }, { "End", { KEY_END, KEY_SELECT } },
	{ "Enter", { '\r', '\n', KEY_ENTER } }, { "Tab", { '\t' } },
	{ "S-Tab", { KEY_BTAB } }, { "Space", { ' ' } }, { "Esc", { 27 } },
	{ "BS", { KEY_BACKSPACE, 127, 8 } }, { "Del", { KEY_DC } },
	{ "F1", { KEY_F(1) } },
};

/* Fills CODES (up to 3) for the key called NAME; returns how many. */
static int
key_codes(const char *name, size_t len, int codes[3])
{
	size_t i;
	int n;

	if (len == 1 && isgraph((unsigned char)name[0])) {
		codes[0] = (unsigned char)name[0];
		return 1;
	}
	if (len == 3 && name[0] == 'C' && name[1] == '-' &&
	    isalpha((unsigned char)name[2])) {
		codes[0] = tolower((unsigned char)name[2]) - 'a' + 1;
		return 1;
	}
	for (i = 0; i < sizeof named / sizeof named[0]; i++) {
		if (strlen(named[i].name) != len ||
		    strncmp(named[i].name, name, len) != 0)
			continue;
		for (n = 0; n < 3 && named[i].codes[n] != 0; n++)
			codes[n] = named[i].codes[n];
		return n;
	}
	return 0;
}

/* Adds bindings of action A for every key of NAMES; -1 on an unknown
 * key name (nothing added for it). */
static int
add_names(enum action a, const char *names, int ctx, const char **bad,
    size_t *badlen)
{
	const char *p = names, *e;
	int codes[3], n, k, rc = 0;

	while (*p != '\0') {
		if (*p == ' ') {
			p++;
			continue;
		}
		for (e = p; *e != '\0' && *e != ' '; e++)
			;
		if ((n = key_codes(p, (size_t)(e - p), codes)) == 0) {
			*bad = p;
			*badlen = (size_t)(e - p);
			rc = -1;
		}
		for (k = 0; k < n; k++) {
			bindings = xreallocarray(bindings, nbindings + 1,
			    sizeof *bindings);
			bindings[nbindings++] = (struct binding){ codes[k], ctx,
			    a };
		}
		p = e;
	}
	return rc;
}

/* Rebuilds the binding table from the current key names, in keys.def
 * order (that order decides between two bindings of one key). */
static void
rebuild(void)
{
	const char *bad;
	size_t badlen;
	int a;

	nbindings = 0;
	for (a = 1; a < ACT_COUNT; a++)
		add_names((enum action)a, cur_names[a], keydefs[a].ctx, &bad,
		    &badlen);
}

void
keys_init(void)
{
	char *p;
	int a;

	for (a = 1; a < ACT_COUNT; a++) {
		free(cur_names[a]);
		cur_names[a] = xstrdup(keydefs[a].names);
		snprintf(action_names[a], sizeof action_names[a], "%s",
		    keydefs[a].name);
		for (p = action_names[a]; *p != '\0'; p++)
			*p = *p == '_' ? '-' : (char)tolower((unsigned char)*p);
	}
	rebuild();
}

void
keys_free(void)
{
	int a;

	for (a = 0; a < ACT_COUNT; a++) {
		free(cur_names[a]);
		cur_names[a] = NULL;
	}
	free(bindings);
	bindings = NULL;
	nbindings = 0;
}

int
keys_bind(const char *action, const char *names, char *err, size_t errlen)
{
	const char *bad;
	size_t badlen, save = nbindings;
	int a;

	for (a = 1; a < ACT_COUNT; a++)
		if (strcmp(action_names[a], action) == 0)
			break;
	if (a == ACT_COUNT) {
		snprintf(err, errlen, "unknown action '%s'", action);
		return -1;
	}
	/* Check every name before replacing anything. */
	if (add_names((enum action)a, names, 0, &bad, &badlen) == -1) {
		nbindings = save;
		snprintf(err, errlen, "unknown key '%.*s'", (int)badlen, bad);
		return -1;
	}
	nbindings = save;
	free(cur_names[a]);
	cur_names[a] = xstrdup(names);
	rebuild();
	return 0;
}

int
keys_can_quit(void)
{
	size_t i;

	for (i = 0; i < nbindings; i++)
		if (bindings[i].action == ACT_QUIT &&
		    (bindings[i].ctx & CTX_GLOBAL) &&
		    keys_lookup(bindings[i].code, CTX_LIST) == ACT_QUIT)
			return 1;
	return 0;
}

const char *
keys_apply(const struct config *cfg, char *where, size_t wlen, char *err,
    size_t errlen)
{
	const struct config_key *k;

	for (k = cfg->keys; k < cfg->keys + cfg->nkeys; k++)
		if (keys_bind(k->action, k->keys, err, errlen) == -1) {
			snprintf(where, wlen, "%s:%d", k->file, k->line);
			return k->file;
		}
	/* There is always a way out, whatever [keys] says. */
	if (cfg->nkeys > 0 && !keys_can_quit()) {
		k = &cfg->keys[cfg->nkeys - 1];
		snprintf(where, wlen, "%s", k->file);
		snprintf(err, errlen, "[keys] leave no key that quits (bind "
		    "quit to a key no list action takes)");
		return k->file;
	}
	return NULL;
}

const char *
keys_first(enum action a, char *buf, size_t len)
{
	const char *n = keys_names(a);
	size_t k = strcspn(n, " ");

	snprintf(buf, len, "%.*s", (int)k, n);
	return buf;
}

/* The first binding of CH in context CTX, or ACT_NONE. */
static enum action
find(int ch, int ctx)
{
	size_t i;

	for (i = 0; i < nbindings; i++)
		if (bindings[i].code == ch && (bindings[i].ctx & ctx))
			return bindings[i].action;
	return ACT_NONE;
}

enum action
keys_lookup(int ch, int ctx)
{
	enum action a = find(ch, ctx);

	if (a == ACT_NONE && ctx != CTX_PROMPT && ctx != CTX_HELP)
		a = find(ch, CTX_GLOBAL);
	return a;
}

const char *
keys_name(enum action a)
{
	return action_names[a];
}

const char *
keys_names(enum action a)
{
	return cur_names[a] != NULL ? cur_names[a] : keydefs[a].names;
}

int
keys_ctx(enum action a)
{
	return keydefs[a].ctx;
}

const char *
keys_help(enum action a)
{
	return keydefs[a].help;
}

/* Writes NAMES as mdoc: ".Cm j , Down , C-n" style. */
static void
mdoc_names(FILE *fp, const char *names)
{
	const char *p = names, *e;
	int first = 1;

	fputs(".It", fp);
	while (*p != '\0') {
		if (*p == ' ') {
			p++;
			continue;
		}
		for (e = p; *e != '\0' && *e != ' '; e++)
			;
		fprintf(fp, "%s Cm %s%.*s", first ? "" : " ,",
		    strchr("\\.<>[](),:;?!|", *p) != NULL ? "\\&" : "",
		    (int)(e - p), p);
		first = 0;
		p = e;
	}
	fputc('\n', fp);
}

/* The help/man page group of action A: see keys_group_title. */
int
keys_group(enum action a)
{
	int c = keydefs[a].ctx & ~CTX_HELP;
	int all = CTX_LIST | CTX_READER | CTX_THEMES;

	if (keydefs[a].ctx == CTX_HELP)
		return 6;
	if (c & CTX_GLOBAL)
		return 4;
	if (c & CTX_PROMPT)
		return 5;
	if ((c & all) == all)
		return 0;
	return c & CTX_LIST ? 1 : c & CTX_READER ? 2 : 3;
}

const char *
keys_group_title(int g)
{
	static const char *const titles[KEYS_NGROUPS] = {
		"Moving (list, reader, themes, help)",
		"In the article list", "In the reader", "In the themes panel",
		"Everywhere", "On the query and search line",
		"In help and the timeline",
	};

	return g >= 0 && g < KEYS_NGROUPS ? titles[g] : "";
}

void
keys_print_mdoc(FILE *fp)
{
	int a, g;

	for (g = 0; g < KEYS_NGROUPS; g++) {
		/* a leading \& keeps mdoc from reading "In" as a macro */
		fprintf(fp, ".Ss \\&%s\n.Bl -tag -width Ds\n",
		    keys_group_title(g));
		for (a = 1; a < ACT_COUNT; a++) {
			if (keys_group((enum action)a) != g)
				continue;
			mdoc_names(fp, keys_names((enum action)a));
			/* the action's name is what [keys] in tread.ini binds */
			fprintf(fp, "%s\n.Pq Ic %s\n", keys_help((enum action)a),
			    keys_name((enum action)a));
		}
		fputs(".El\n", fp);
	}
}
