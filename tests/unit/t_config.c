/* t_config.c: tread.ini: styles, defaults, data/tread.ini, errors with FILE:LINE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "tap.h"
#include "util.h"

static char tmpdir[] = "/tmp/t_config.XXXXXX";

/* Writes TEXT to a fresh file in the test directory; returns its path. */
static const char *
write_ini(const char *name, const char *text)
{
	static char path[512];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	if ((fp = fopen(path, "w")) == NULL)
		return path;
	fputs(text, fp);
	fclose(fp);
	return path;
}

/* Styles: colours, attributes, errors. */
static void
test_styles(void)
{
	struct config_style st;
	char err[256];

	ok(config_parse_style("black cyan", &st, err, sizeof err) == 0 &&
	    st.fg == 0 && st.bg == 6 && st.attrs == 0, "fg bg");
	ok(config_parse_style("default default bold underline", &st, err,
	    sizeof err) == 0 && st.fg == CFG_DEFAULT && st.bg == CFG_DEFAULT &&
	    st.attrs == (CFG_BOLD | CFG_UNDERLINE), "default colours, attrs");
	ok(config_parse_style("reverse", &st, err, sizeof err) == 0 &&
	    st.fg == CFG_DEFAULT && st.attrs == CFG_REVERSE,
	    "attributes only");
	ok(config_parse_style("color208 brightblue", &st, err, sizeof err) ==
	    0 && st.fg == 208 && st.bg == 12, "colorN and bright colours");
	ok(config_parse_style("BOLD Red", &st, err, sizeof err) == 0 &&
	    st.fg == 1 && st.attrs == CFG_BOLD, "case does not matter");
	ok(config_parse_style("purple", &st, err, sizeof err) == -1 &&
	    strstr(err, "purple") != NULL, "unknown colour named: %s", err);
	ok(config_parse_style("red green blue", &st, err, sizeof err) == -1,
	    "three colours refused");
	ok(config_parse_style("color256", &st, err, sizeof err) == -1,
	    "color256 refused");
	ok(config_parse_style("", &st, err, sizeof err) == 0 &&
	    st.fg == CFG_DEFAULT && st.attrs == 0, "empty is the default");
}

/* The built-in defaults and what data/tread.ini says are the same. */
static void
test_data_file(void)
{
	struct config def, c;
	char err[512], path[1024];
	const char *dir = getenv("TREAD_DATADIR");
	int e, same = 1;

	snprintf(path, sizeof path, "%s/tread.ini", dir != NULL ? dir :
	    SRCDATADIR);
	config_defaults(&def);
	config_defaults(&c);
	/* Start from something else, so the file must set every value. */
	for (e = 0; e < CFG_NELEM; e++) {
		c.color[e] = (struct config_style){ 3, 3, CFG_DIM };
		c.mono[e] = (struct config_style){ -1, -1, CFG_DIM };
	}
	c.side_width = 11;
	c.list_percent = 11;
	ok(config_load(&c, path, err, sizeof err) == 0, "data/tread.ini "
	    "loads: %s", err);
	for (e = 0; e < CFG_NELEM; e++)
		if (memcmp(&c.color[e], &def.color[e], sizeof c.color[e]) ||
		    memcmp(&c.mono[e], &def.mono[e], sizeof c.mono[e])) {
			printf("# %s differs\n", config_elem_name(e));
			same = 0;
		}
	ok(same, "data/tread.ini sets every element to its built-in default");
	is_int(c.side_width, def.side_width, "side_width matches");
	is_int(c.list_percent, def.list_percent, "list_height matches");
	is_int(c.side_panel, def.side_panel, "side_panel matches");
	is_int(c.mouse, def.mouse, "mouse matches");
	is_int(c.mark_read, def.mark_read, "mark_read matches");
	is_int(c.nkeys, 0, "no key bindings changed");
	config_free(&c);
	config_free(&def);
}

/* A user file over the defaults. */
static void
test_user_file(void)
{
	struct config c;
	char err[512];
	const char *p;

	config_defaults(&c);
	p = write_ini("user.ini", "[colors]\ncursor = black green bold\n"
	    "[layout]\nside_width = 30\nmouse = no\n"
	    "[keys]\nquit = Q\npage-down = f PgDn\n");
	ok(config_load(&c, p, err, sizeof err) == 0, "user file: %s", err);
	ok(c.color[CFG_cursor].fg == 0 && c.color[CFG_cursor].bg == 2 &&
	    c.color[CFG_cursor].attrs == CFG_BOLD, "cursor style set");
	ok(c.color[CFG_header].bg == 6, "other elements keep defaults");
	is_int(c.side_width, 30, "side_width");
	is_int(c.mouse, 0, "mouse = no");
	is_int(c.list_percent, 40, "list_height default kept");
	is_int(c.nkeys, 2, "two key bindings");
	if (c.nkeys == 2) {
		is_str(c.keys[0].action, "quit", "first binding's action");
		is_str(c.keys[1].keys, "f PgDn", "second binding's keys");
		is_int(c.keys[1].line, 8, "binding line number");
	}
	config_free(&c);
}

/* A second file over the first (the system-wide tread.ini, then the
 * user's): its settings win, the first file's others stay, and each key
 * binding remembers the file it is from. */
static void
test_two_files(void)
{
	struct config c;
	char err[512], sys[1024];
	const char *p;

	config_defaults(&c);
	p = write_ini("sys.ini", "[layout]\nside_width = 20\nmouse = no\n"
	    "[keys]\nquit = x\n");
	snprintf(sys, sizeof sys, "%s", p);
	ok(config_load(&c, sys, err, sizeof err) == 0, "system file: %s", err);
	p = write_ini("user2.ini", "[layout]\nside_width = 30\n"
	    "[keys]\nquit = q\n");
	ok(config_load(&c, p, err, sizeof err) == 0, "user file: %s", err);
	is_int(c.side_width, 30, "the second file's side_width wins");
	is_int(c.mouse, 0, "the first file's mouse stays");
	is_int(c.nkeys, 2, "both files' bindings, in order");
	if (c.nkeys == 2) {
		is_str(c.keys[0].file, sys, "first binding from the system file");
		is_str(c.keys[1].file, p, "second binding from the user's");
		is_str(c.keys[1].keys, "q", "the user's binding last (it wins)");
	}
	config_free(&c);
}

/* Bad values: refused with FILE:LINE; unknown keys only warned about. */
static void
test_errors(void)
{
	struct config c;
	char err[512];
	const char *p;

	warn_quiet = 1;
	config_defaults(&c);
	p = write_ini("bad1.ini", "# comment\n[colors]\nheader = black\n"
	    "cursor = blinking\n");
	ok(config_load(&c, p, err, sizeof err) == -1, "bad colour refused");
	ok(strstr(err, "bad1.ini:4:") != NULL && strstr(err, "blinking"),
	    "message has FILE:LINE and the word: %s", err);
	config_free(&c);

	config_defaults(&c);
	p = write_ini("bad2.ini", "[layout]\nside_width = 5\n");
	ok(config_load(&c, p, err, sizeof err) == -1 &&
	    strstr(err, "bad2.ini:2:") != NULL, "side_width out of range: %s",
	    err);
	config_free(&c);

	config_defaults(&c);
	p = write_ini("bad3.ini", "[layout]\nmouse = maybe\n");
	ok(config_load(&c, p, err, sizeof err) == -1 &&
	    strstr(err, "yes or no") != NULL, "mouse = maybe: %s", err);
	config_free(&c);

	config_defaults(&c);
	p = write_ini("unknown.ini", "[colours]\nx = y\n[colors]\nnope = red\n"
	    "title = red\n[layout]\nfoo = 1\n");
	ok(config_load(&c, p, err, sizeof err) == 0, "unknown names only "
	    "warned about: %s", err);
	is_int(c.color[CFG_title].fg, 1, "known keys still read");
	config_free(&c);

	config_defaults(&c);
	ok(config_load(&c, "/nonexistent/tread.ini", err, sizeof err) == -1 &&
	    err[0] != '\0', "a missing --config file is an error: %s", err);
	config_free(&c);
	warn_quiet = 0;
}

int
main(void)
{
	char cmd[600];

	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_styles();
	test_data_file();
	test_user_file();
	test_two_files();
	test_errors();
	is_str(config_elem_name(0), "normal", "element names");
	ok(config_elem_name(CFG_NELEM) == NULL, "past the end: NULL");
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
	return tap_done();
}
