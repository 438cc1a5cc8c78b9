/* main.c: options, the data files, and the choice of batch mode or UI. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "boiler.h"
#include "config.h"
#include "corpus.h"
#include "discover.h"
#include "fault.h"
#include "keys.h"
#include "lang.h"
#include "lexicon.h"
#include "options.h"
#include "paths.h"
#include "query.h"
#include "ui.h"
#include "util.h"

/* Long options; the help text below and man/tread.1 list the same. */
enum { OPT_FORMAT = 256, OPT_THEMES_FILE, OPT_NO_CACHE, OPT_HIGHLIGHT,
    OPT_KEYS_MDOC };
static const struct option longopts[] = {
	{ "list",	 no_argument,	    NULL, 'l' },
	{ "themes",	 no_argument,	    NULL, 't' },
	{ "show",	 required_argument, NULL, 's' },
	{ "filter",	 required_argument, NULL, 'f' },
	{ "format",	 required_argument, NULL, OPT_FORMAT },
	{ "width",	 required_argument, NULL, 'w' },
	{ "highlight",	 no_argument,	    NULL, OPT_HIGHLIGHT },
	{ "themes-file", required_argument, NULL, OPT_THEMES_FILE },
	{ "config",	 required_argument, NULL, 'c' },
	{ "no-cache",	 no_argument,	    NULL, OPT_NO_CACHE },
	{ "quiet",	 no_argument,	    NULL, 'q' },
	{ "help",	 no_argument,	    NULL, 'h' },
	{ "version",	 no_argument,	    NULL, 'V' },
	/* Not for users: prints the key table for man/tread.1 (make man-keys). */
	{ "keys-mdoc",	 no_argument,	    NULL, OPT_KEYS_MDOC },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *fp)
{
	fputs(
"usage: tread [options] [PATH...]\n"
"       tread --list [--filter QUERY] [--format tsv|json] [PATH...]\n"
"       tread --themes [--filter QUERY] [--format tsv|json] [PATH...]\n"
"       tread --show ID|PATH [--width N] [--highlight] [PATH...]\n"
"\n"
"Read news articles in a terminal and slice them by theme. PATH is a file\n"
"or a directory (searched recursively); without PATH, the sample corpus.\n"
"\n"
"  -l, --list              list articles as TSV (id path date lang source title themes)\n"
"  -t, --themes            list themes with article counts (theme label kind articles)\n"
"  -s, --show ID|PATH      print one cleaned article wrapped to the width\n"
"  -f, --filter QUERY      only articles matching QUERY (see tread(1), QUERIES)\n"
"      --format tsv|json   output format of --list and --themes (default tsv)\n"
"  -w, --width N           wrap --show output to N columns (default: terminal or 80)\n"
"      --highlight         mark theme evidence in --show output\n"
"      --themes-file FILE  a theme lexicon extending the default one\n"
"  -c, --config FILE       the configuration file (default: ~/.config/tread/tread.ini)\n"
"      --no-cache          neither read nor write the index cache\n"
"  -q, --quiet             no warnings about skipped files\n"
"  -h, --help              this help\n"
"  -V, --version           the version\n", fp);
}

/* Parses a positive column count; exits 2 on junk. */
static int
parse_width(const char *s)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || n < 10 || n > 1000) {
		warn_at("--width", "expected a number from 10 to 1000: %s", s);
		exit(2);
	}
	return (int)n;
}

/* getopt's complaint about ARGV[optind - 1], said by tread: through the
 * sanitiser (an option may hold escape sequences), in tread's form. */
static _Noreturn void
bad_option(int ch, char **argv)
{
	const char *arg = argv[optind - 1];
	int islong = arg[0] == '-' && arg[1] == '-';
	int n = (int)strcspn(arg, "=");
	char opt[3] = { '-', (char)optopt, '\0' };

	if (ch == ':')
		warn_at(NULL, "option '%.*s' needs an argument", islong ? n : 2,
		    islong ? arg : opt);
	else if (islong && optopt != 0)
		warn_at(NULL, "option '%.*s' takes no argument", n, arg);
	else if (islong)
		warn_at(NULL, "unknown or ambiguous option '%.*s'", n, arg);
	else
		warn_at(NULL, "unknown option '%s'", opt);
	usage(stderr);
	exit(2);
}

/* Fills O from the command line; exits on --help, --version and errors. */
static void
parse_options(struct options *o, int argc, char **argv)
{
	int ch;

	memset(o, 0, sizeof *o);
	opterr = 0;	/* its messages print the option's bytes raw */
	while ((ch = getopt_long(argc, argv, ":lts:f:w:c:qhV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'l': o->mode = MODE_LIST; break;
		case 't': o->mode = MODE_THEMES; break;
		case 's': o->mode = MODE_SHOW; o->show = optarg; break;
		case 'f': o->filter = optarg; break;
		case 'w': o->width = parse_width(optarg); break;
		case 'c': o->config_file = optarg; break;
		case 'q': warn_quiet = 1; break;
		case OPT_HIGHLIGHT: o->highlight = 1; break;
		case OPT_THEMES_FILE: o->themes_file = optarg; break;
		case OPT_NO_CACHE: o->load_flags |= CORPUS_NOCACHE; break;
		case OPT_FORMAT:
			if (strcmp(optarg, "tsv") == 0)
				o->format = FORMAT_TSV;
			else if (strcmp(optarg, "json") == 0)
				o->format = FORMAT_JSON;
			else {
				warn_at("--format", "expected tsv or json: %s",
				    optarg);
				exit(2);
			}
			break;
		case 'h': usage(stdout); exit(0);
		case 'V': puts("tread " PACKAGE_VERSION); exit(0);
		case OPT_KEYS_MDOC: keys_init(); keys_print_mdoc(stdout); exit(0);
		default: bad_option(ch, argv);
		}
	}
	o->paths = argv + optind;
	o->npaths = (size_t)(argc - optind);
}

/* Loads the lexicon: the default one, extended by --themes-file or the
 * user's own. Exits 2 on a malformed lexicon. */
static struct lexicon *
load_lexicon(const struct options *o)
{
	char path[PATH_MAX], err[1024], *user = NULL;
	struct lexicon *lex;

	snprintf(path, sizeof path, "%s/themes.ini", paths_datadir());
	if (o->themes_file != NULL)
		user = xstrdup(o->themes_file);
	else if (!paths_is_file(user = paths_config("themes.ini"))) {
		free(user);
		user = NULL;
	}
	if ((lex = lexicon_load(path, user, err, sizeof err)) == NULL) {
		warn_at(NULL, "%s", err);
		exit(2);
	}
	free(user);
	return lex;
}

/* Sets up the engine's data: boilerplate, language profiles, stop words. */
static void
load_data(void)
{
	char path[PATH_MAX];
	const char *dir = paths_datadir();

	snprintf(path, sizeof path, "%s/boilerplate.txt", dir);
	boiler_load(path);
	lang_init(dir);
	discover_init(dir);
}

/* An explicit --config FILE must be right whatever the mode: a typo in
 * it should not pass silently because this run happened to be batch. */
static void
check_config(const struct options *o)
{
	struct config cfg;
	char err[1024];
	int rc;

	if (o->config_file == NULL)
		return;
	config_defaults(&cfg);
	rc = config_load(&cfg, o->config_file, err, sizeof err);
	config_free(&cfg);
	if (rc == -1) {
		warn_at(NULL, "%s", err);
		exit(2);
	}
}

/* The width for --show: --width, else the terminal's, else 80. */
static int
show_width(const struct options *o)
{
	struct winsize ws;

	if (o->width > 0)
		return o->width;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= 10)
		return ws.ws_col;
	return 80;
}

/* --show ID|PATH: an id or path of the corpus, else a file of its own. */
static int
run_show(const struct options *o, struct corpus *c, const struct lexicon *lex)
{
	long i = corpus_find(c, o->show);
	int hl = o->highlight ? (isatty(STDOUT_FILENO) ? 2 : 1) : 0;
	char *one[1];

	if (i < 0 && paths_is_file(o->show)) {
		corpus_free(c);
		one[0] = (char *)o->show;
		corpus_load(c, one, 1, lex, o->load_flags | CORPUS_NODISCOVER);
		i = c->n > 0 ? 0 : -1;
	}
	if (i < 0) {
		warn_at(o->show, "no such article");
		return 1;
	}
	return batch_show(stdout, c, (size_t)i, show_width(o), hl) == 0 ? 0 : 1;
}

/*
 * Whether the load must discover key phrases: --show prints lexicon themes
 * only, and so does --list, unless a --filter may name a discovered theme
 * or the load writes the index cache (the reader's warm start takes its
 * phrases from there). Discovery is about a third of a cold index.
 */
static int
wants_discovery(const struct options *o)
{
	if (o->mode == MODE_SHOW)
		return 0;
	if (o->mode == MODE_LIST && o->filter == NULL &&
	    (o->load_flags & CORPUS_NOCACHE))
		return 0;
	return 1;
}

/* --list and --themes, after --filter. */
static int
run_batch(const struct options *o, struct corpus *c)
{
	unsigned char *keep = xcalloc(c->n, 1);
	struct query *q = NULL;
	char err[512];
	int rc;

	if (o->filter != NULL &&
	    (q = query_parse(o->filter, c, err, sizeof err)) == NULL) {
		warn_at("--filter", "%s", err);
		free(keep);
		return 2;
	}
	query_eval(q, c, keep);
	query_free(q);
	if (o->mode == MODE_LIST)
		rc = batch_list(stdout, c, keep, o->format);
	else
		rc = batch_themes(stdout, c, keep, o->format);
	free(keep);
	return rc == 0 ? 0 : 1;
}

/* Flushes stdout: a write error there (a full disk, a closed pipe's
 * EPIPE aside) is told, "tread: stdout: ...", and makes the exit 1.
 * RC otherwise. */
static int
stdout_close(int rc)
{
	int err = ferror(stdout) ? errno : 0;

	if (fflush(stdout) == EOF && err == 0)
		err = errno;
	if (!ferror(stdout))
		return rc;
	if (err != EPIPE)
		warn_at("stdout", "%s", strerror(err != 0 ? err : EIO));
	return 1;
}

int
main(int argc, char **argv)
{
	struct options o;
	struct lexicon *lex;
	struct corpus c;
	char *deflt[1];
	int rc;

	setlocale(LC_ALL, "");
	fault_init();
	parse_options(&o, argc, argv);
	check_config(&o);
	load_data();
	lex = load_lexicon(&o);
	if (o.npaths == 0) {
		deflt[0] = xmalloc(PATH_MAX);
		snprintf(deflt[0], PATH_MAX, "%s/articles", paths_datadir());
		o.paths = deflt;
		o.npaths = 1;
	}
	if (!wants_discovery(&o))
		o.load_flags |= CORPUS_NODISCOVER;
	/* The reader shows the cache's snapshot at once and checks the
	 * files behind it; batch modes stay exact. */
	if (corpus_load(&c, o.paths, o.npaths, lex, o.load_flags |
	    (o.mode == MODE_UI ? CORPUS_TRUST : 0)) == 0 &&
	    o.mode != MODE_SHOW) {
		warn_at(NULL, "no articles could be loaded");
		rc = 1;
	} else if (o.mode == MODE_SHOW)
		rc = run_show(&o, &c, lex);
	else if (o.mode == MODE_UI)
		rc = ui_run(&o, &c, lex);
	else
		rc = run_batch(&o, &c);
	corpus_free(&c);
	lexicon_free(lex);
	boiler_free();
	lang_free();
	discover_free();
	if (o.paths == deflt)
		free(deflt[0]);
	return stdout_close(rc);
}
