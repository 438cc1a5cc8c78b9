/* keys.h: named actions, their key bindings and the help/man page table. */
#ifndef TREAD_KEYS_H
#define TREAD_KEYS_H

#include <stddef.h>
#include <stdio.h>

/* Where a binding applies: the focused pane's context, then global. */
#define CTX_GLOBAL	0x01
#define CTX_LIST	0x02
#define CTX_READER	0x04
#define CTX_THEMES	0x08
#define CTX_HELP	0x10
#define CTX_PROMPT	0x20

enum action {
	ACT_NONE,
#define KEY(action, names, ctx, help) ACT_##action,
#include "keys.def"
#undef KEY
	ACT_COUNT
};

/* Builds the binding table from keys.def. Call once before keys_lookup. */
void	 keys_init(void);
void	 keys_free(void);

/* Rebinds ACTION (its name, e.g. "page-down") to the space-separated key
 * NAMES, replacing its defaults. 0, or -1 with a reason in ERR. */
int	 keys_bind(const char *action, const char *names, char *err,
	    size_t errlen);

/* The action key code CH (a getch() value) runs in context CTX (one
 * CTX_* bit): that context's bindings first, then the global ones unless
 * CTX is CTX_PROMPT or CTX_HELP. */
enum action keys_lookup(int ch, int ctx);

/* Is there still a key that quits from the list (bound to quit and not
 * taken first by a list binding)? A config that leaves none is refused. */
int	 keys_can_quit(void);

/* Binds the [keys] entries of CFG in order, and checks that they leave a
 * way to quit. NULL, or the file of the entry at fault (the last one when
 * none quits) with WHERE ("file:line", or the file) and a reason in ERR. */
struct config;
const char *keys_apply(const struct config *cfg, char *where, size_t wlen,
	    char *err, size_t errlen);

/* The first key of ACTION's current keys ("?" of "? F1"), into BUF. */
const char *keys_first(enum action, char *buf, size_t len);

/* For help and the man page: the action's name ("page-down"), its
 * current keys ("PgDn Space C-f") and help text. */
const char *keys_name(enum action);
const char *keys_names(enum action);
const char *keys_help(enum action);
/* The contexts of action A (CTX_*): the : line runs no CTX_PROMPT one. */
int	 keys_ctx(enum action);

/* Help and man page groups: moving, list, reader, themes, everywhere,
 * prompt, help; KEYS_NGROUPS of them, each with a title. */
#define KEYS_NGROUPS	7
int	 keys_group(enum action);
const char *keys_group_title(int);

/* The table as mdoc .It lines, grouped by context, for tread(1). */
void	 keys_print_mdoc(FILE *);

#endif
