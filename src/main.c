/* main.c: options, the data files, and the choice of batch mode or UI. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "boiler.h"
#include "complete.h"
#include "config.h"
#include "date.h"
#include "decode.h"
#include "corpus.h"
#include "discover.h"
#include "fault.h"
#include "entity.h"
#include "keys.h"
#include "lang.h"
#include "lexicon.h"
#include "options.h"
#include "paths.h"
#include "query.h"
#include "story.h"
#include "timeline.h"
#include "ui.h"
#include "util.h"

/* Long options; the help text below and man/tread.1 list the same. */
enum { OPT_FORMAT = 256, OPT_THEMES_FILE, OPT_NO_CACHE, OPT_HIGHLIGHT,
    OPT_KEYS_MDOC, OPT_ENTITIES, OPT_STORIES, OPT_TIMELINE, OPT_BY,
    OPT_ENCODING, OPT_COLOR, OPT_COMPLETE, OPT_EVIDENCE, OPT_DATE_ORDER };
static const struct option longopts[] = {
	{ "list",	 no_argument,	    NULL, 'l' },
	{ "themes",	 no_argument,	    NULL, 't' },
	{ "show",	 required_argument, NULL, 's' },
	{ "entities",	 no_argument,	    NULL, OPT_ENTITIES },
	{ "stories",	 no_argument,	    NULL, OPT_STORIES },
	{ "timeline",	 no_argument,	    NULL, OPT_TIMELINE },
	{ "by",		 required_argument, NULL, OPT_BY },
	{ "filter",	 required_argument, NULL, 'f' },
	{ "format",	 required_argument, NULL, OPT_FORMAT },
	{ "width",	 required_argument, NULL, 'w' },
	{ "highlight",	 no_argument,	    NULL, OPT_HIGHLIGHT },
	{ "evidence",	 no_argument,	    NULL, OPT_EVIDENCE },
	{ "color",	 optional_argument, NULL, OPT_COLOR },
	{ "themes-file", required_argument, NULL, OPT_THEMES_FILE },
	{ "config",	 required_argument, NULL, 'c' },
	{ "no-cache",	 no_argument,	    NULL, OPT_NO_CACHE },
	{ "encoding",	 required_argument, NULL, OPT_ENCODING },
	{ "date-order",	 required_argument, NULL, OPT_DATE_ORDER },
	{ "quiet",	 no_argument,	    NULL, 'q' },
	{ "help",	 no_argument,	    NULL, 'h' },
	{ "version",	 no_argument,	    NULL, 'V' },
	/* Not for users: prints the key table for man/tread.1 (make man-keys). */
	{ "keys-mdoc",	 no_argument,	    NULL, OPT_KEYS_MDOC },
	/* Not for users: words for the shell completions (completions/). */
	{ "complete",	 required_argument, NULL, OPT_COMPLETE },
	{ NULL, 0, NULL, 0 }
};

/* The synopsis, alone after a usage error (the whole help would push the
 * error off the screen), and at the head of --help. */
#define SYNOPSIS \
"usage: tread [options] [PATH...]\n" \
"       tread --list [--filter QUERY] [--format tsv|json] [PATH...]\n" \
"       tread --themes [--filter QUERY] [--format tsv|json] [PATH...]\n" \
"       tread --show ID|PATH|- [--width N] [--highlight] [PATH...]\n" \
"       tread --entities|--stories [--filter QUERY] [--format tsv|json] [PATH...]\n" \
"       tread --timeline [--by day|week|month] [--filter QUERY] [--format tsv|json]\n" \
"                        [PATH...]\n"

/* --help: the synopsis and the options. */
static void
usage(FILE *fp)
{
	fputs(SYNOPSIS
"\n"
"Read news articles in a terminal and slice them by theme. PATH is a file\n"
"or a directory (searched recursively), - is the standard input; without\n"
"PATH, the sample corpus.\n"
"\n"
"  -l, --list              list articles as TSV (id path date lang source title\n"
"                          themes entities story)\n"
"  -t, --themes            list themes with article counts (theme label kind articles)\n"
"  -s, --show ID|PATH|-    print one cleaned article wrapped to the width\n"
"      --entities          people, places and organisations (entity label kind articles)\n"
"      --stories           articles grouped into stories (story date langs articles title)\n"
"      --timeline          articles per period and theme (period theme articles)\n"
"      --by day|week|month the period of --timeline (default month)\n"
"  -f, --filter QUERY      only articles matching QUERY (see tread(1), QUERIES)\n"
"      --format tsv|json   output format of the batch modes (default tsv)\n"
"  -w, --width N           wrap --show output to N columns (default: terminal or 80)\n"
"      --highlight         mark theme evidence in --show output ([[words|theme]])\n"
"      --evidence          with --list --format json: each theme's evidence spans\n"
"      --color[=WHEN]      colour: auto (a terminal, not TERM=dumb or NO_COLOR),\n"
"                          always or never; --color alone is always\n"
"      --themes-file FILE  a theme lexicon extending the default one\n"
"  -c, --config FILE       the configuration file (default: ~/.config/tread/tread.ini)\n"
"      --no-cache          neither read nor write the index cache\n"
"      --encoding NAME     read files that are not UTF-8 as NAME (iconv's names)\n"
"      --date-order ORDER  read 03/04/2024 as the text shows (auto, the default;\n"
"                          else day first), day first (dmy) or month first (mdy)\n"
"  -q, --quiet             no warnings about skipped files, no progress\n"
"  -h, --help              this help\n"
"  -V, --version           the version\n"
"\n"
"In the reader, ? lists the keys and the commands of the : line (save FILE,\n"
"pipe COMMAND, jump N, query Q, and every action by name); see tread(1).\n"
"\n"
"Report bugs to <" PACKAGE_BUGREPORT ">.\n", fp);
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
		err_at("--width", "expected a number from 10 to 1000: %s", s);
		exit(2);
	}
	return (int)n;
}

/* After a usage error: the synopsis and where the rest is; exit 2. */
static _Noreturn void
usage_error(void)
{
	fputs(SYNOPSIS "Try 'tread --help' or 'man tread' for more.\n", stderr);
	exit(2);
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
		err_at(NULL, "option '%.*s' needs an argument", islong ? n : 2,
		    islong ? arg : opt);
	else if (islong && optopt != 0)
		err_at(NULL, "option '%.*s' takes no argument", n, arg);
	else if (islong)
		err_at(NULL, "unknown or ambiguous option '%.*s'", n, arg);
	else
		err_at(NULL, "unknown option '%s'", opt);
	usage_error();
}

/* The mode options by mode, for the conflict message. */
static const char *const mode_names[] = { NULL, "--list", "--themes",
    "--show", "--entities", "--stories", "--timeline" };

/* Sets the mode to M; another mode given before is a usage error. */
static void
set_mode(struct options *o, enum mode m)
{
	if (o->mode != MODE_UI && o->mode != m) {
		err_at(mode_names[m], "cannot be combined with %s",
		    mode_names[o->mode]);
		exit(2);
	}
	o->mode = m;
}

/* Options that take one value: a second one is a usage error rather
 * than a silent override (which of two --filter was meant?). */
static void
once(unsigned *seen, unsigned bit, const char *name)
{
	if (*seen & bit) {
		err_at(name, "given more than once");
		exit(2);
	}
	*seen |= bit;
}

/* --color[=WHEN]: auto, always (also --color alone) or never. */
static enum color_when
parse_color(const char *s)
{
	if (s == NULL || strcmp(s, "always") == 0)
		return COLOR_ALWAYS;
	if (strcmp(s, "never") == 0)
		return COLOR_NEVER;
	if (strcmp(s, "auto") == 0)
		return COLOR_AUTO;
	err_at("--color", "expected auto, always or never: %s", s);
	exit(2);
}

/* --format tsv|json. */
static enum batch_format
parse_format(const char *s)
{
	if (strcmp(s, "tsv") == 0)
		return FORMAT_TSV;
	if (strcmp(s, "json") == 0)
		return FORMAT_JSON;
	err_at("--format", "expected tsv or json: %s", s);
	exit(2);
}

/*
 * Whether output to standard output is coloured: always, never, or (auto)
 * when it is a terminal that is not dumb and NO_COLOR is unset or empty
 * (no-color.org: an explicit --color=always still wins).
 */
static int
color_decide(enum color_when when)
{
	const char *term = getenv("TERM"), *nc = getenv("NO_COLOR");

	if (when != COLOR_AUTO)
		return when == COLOR_ALWAYS;
	if (nc != NULL && *nc != '\0')
		return 0;
	if (term == NULL || *term == '\0' || strcmp(term, "dumb") == 0)
		return 0;
	return isatty(STDOUT_FILENO);
}

/* --encoding NAME: every file is read as NAME; exits 2 if iconv knows no
 * NAME. The cache holds articles as another encoding read them: not used. */
static void
set_encoding(struct options *o, const char *name)
{
	char err[256];

	if (decode_set_encoding(name, err, sizeof err) == -1) {
		err_at("--encoding", "%s", err);
		exit(2);
	}
	o->encoding = name;
	if (decode_encoding() != NULL)
		o->load_flags |= CORPUS_NOCACHE;
}

/* --date-order auto|dmy|mdy: every file's slashed dates read so; exits 2
 * on anything else. The cache holds dates read another way: not used. */
static void
set_date_order(struct options *o, const char *s)
{
	int order = date_order_parse(s);

	if (order < 0) {
		err_at("--date-order", "expected auto, dmy or mdy: %s", s);
		exit(2);
	}
	date_set_order(order);
	if (order != DATE_ORDER_AUTO)
		o->load_flags |= CORPUS_NOCACHE;
}

/* Parses --by day|week|month; exits 2 on anything else. */
static int
parse_by(const char *s)
{
	if (strcmp(s, "day") == 0)
		return BY_DAY;
	if (strcmp(s, "week") == 0)
		return BY_WEEK;
	if (strcmp(s, "month") == 0)
		return BY_MONTH;
	err_at("--by", "expected day, week or month: %s", s);
	exit(2);
}

/* One option of the command line into O. */
static void
parse_one(struct options *o, int ch, unsigned *seen, char **argv)
{
	switch (ch) {
	case 'l': set_mode(o, MODE_LIST); break;
	case 't': set_mode(o, MODE_THEMES); break;
	case 's':
		once(seen, 1u << 0, "--show");
		set_mode(o, MODE_SHOW);
		o->show = optarg;
		break;
	case 'f': once(seen, 1u << 1, "--filter"); o->filter = optarg; break;
	case 'w': once(seen, 1u << 2, "--width");
		o->width = parse_width(optarg); break;
	case 'c': once(seen, 1u << 3, "--config");
		o->config_file = optarg; break;
	case 'q': warn_quiet = 1; break;
	case OPT_HIGHLIGHT: o->highlight = 1; break;
	case OPT_EVIDENCE: o->evidence = 1; break;
	case OPT_ENTITIES: set_mode(o, MODE_ENTITIES); break;
	case OPT_STORIES: set_mode(o, MODE_STORIES); break;
	case OPT_TIMELINE: set_mode(o, MODE_TIMELINE); break;
	case OPT_BY: once(seen, 1u << 7, "--by"); o->by = parse_by(optarg); break;
	case OPT_THEMES_FILE: once(seen, 1u << 4, "--themes-file");
		o->themes_file = optarg; break;
	case OPT_NO_CACHE: o->load_flags |= CORPUS_NOCACHE; break;
	case OPT_ENCODING: once(seen, 1u << 8, "--encoding");
		set_encoding(o, optarg); break;
	case OPT_DATE_ORDER: once(seen, 1u << 9, "--date-order");
		set_date_order(o, optarg); break;
	case OPT_FORMAT: once(seen, 1u << 5, "--format");
		o->format = parse_format(optarg); break;
	case OPT_COLOR: once(seen, 1u << 6, "--color");
		o->color_when = parse_color(optarg); break;
	case 'h': usage(stdout); exit(0);
	case 'V': puts("tread " PACKAGE_VERSION); exit(0);
	case OPT_KEYS_MDOC: keys_init(); keys_print_mdoc(stdout); exit(0);
	case OPT_COMPLETE: o->complete = optarg; break;
	default: bad_option(ch, argv);
	}
}

/* An option of one mode given with another is a usage error rather than
 * silently ignored: --width with --list would say nothing of its
 * mistake. SEEN has the bits of once(). */
static void
check_applies(const struct options *o, unsigned seen)
{
	const char *opt = NULL, *where = NULL;
	int batch = o->mode != MODE_UI && o->mode != MODE_SHOW;

	if ((seen & 1u << 2) && o->mode != MODE_SHOW)
		opt = "--width", where = "--show";
	else if (o->highlight && o->mode != MODE_SHOW)
		opt = "--highlight", where = "--show";
	else if ((seen & 1u << 7) && o->mode != MODE_TIMELINE)
		opt = "--by", where = "--timeline";
	else if (o->evidence && (o->mode != MODE_LIST ||
	    o->format != FORMAT_JSON))
		opt = "--evidence", where = "--list --format json";
	else if ((seen & 1u << 5) && !batch)
		opt = "--format", where = "--list, --themes, --entities, "
		    "--stories or --timeline";
	else if ((seen & 1u << 1) && o->mode == MODE_SHOW)
		opt = "--filter", where = "the reader and the list modes";
	if (opt == NULL)
		return;
	err_at(opt, "only with %s", where);
	usage_error();
}

/* Fills O from the command line; exits on --help, --version and errors. */
static void
parse_options(struct options *o, int argc, char **argv)
{
	unsigned seen = 0;
	int ch;

	memset(o, 0, sizeof *o);
	o->by = BY_MONTH;
	opterr = 0;	/* its messages print the option's bytes raw */
	while ((ch = getopt_long(argc, argv, ":lts:f:w:c:qhV", longopts,
	    NULL)) != -1)
		parse_one(o, ch, &seen, argv);
	check_applies(o, seen);
	o->paths = argv + optind;
	o->npaths = (size_t)(argc - optind);
	o->color = color_decide(o->color_when);
}

/* Is "-" (standard input) among the paths or the --show argument? */
static int
uses_stdin(const struct options *o)
{
	size_t i;

	if (o->show != NULL && strcmp(o->show, "-") == 0)
		return 1;
	for (i = 0; i < o->npaths; i++)
		if (strcmp(o->paths[i], "-") == 0)
			return 1;
	return 0;
}

/*
 * Reads standard input when a path is "-": all of it, before loading,
 * so that the article can be read again like a file. It is never cached
 * (the same size and time say nothing about a pipe). The reader then
 * takes its keys from the terminal, as less does.
 */
static void
read_stdin(struct options *o)
{
	int fd;

	if (!uses_stdin(o))
		return;
	if (file_stdin_load(64u << 20) == -1) {
		err_at("-", "%s", strerror(errno));
		exit(1);
	}
	o->load_flags |= CORPUS_NOCACHE;
	if (o->mode == MODE_UI && !isatty(STDIN_FILENO) &&
	    (fd = open("/dev/tty", O_RDONLY | O_CLOEXEC)) != -1) {
		dup2(fd, STDIN_FILENO);
		close(fd);
	}
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
		err_at(NULL, "%s", err);
		exit(2);
	}
	free(user);
	return lex;
}

/* Loads the gazetteer (and the user's additions); exits 2 when a file
 * of it is malformed. */
static void
load_entities(const char *dir)
{
	char *user = paths_config("entities"), err[1024];

	if (entity_init(dir, user, err, sizeof err) == -1) {
		err_at(NULL, "%s", err);
		exit(2);
	}
	free(user);
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
	load_entities(dir);
}

/* An explicit --config FILE must be right whatever the mode: a typo in
 * it should not pass silently because this run happened to be batch. */
static void
check_config(const struct options *o)
{
	struct config cfg;
	char err[1024], where[512];
	const char *bad;
	int rc, ours = 0;

	if (o->config_file == NULL)
		return;
	config_defaults(&cfg);
	keys_init();
	if ((rc = config_load(&cfg, o->config_file, err, sizeof err)) == 0 &&
	    (bad = keys_apply(&cfg, where, sizeof where, err, sizeof err)))
		ours = strcmp(bad, o->config_file) == 0;
	config_free(&cfg);
	keys_free();
	if (rc == -1 || ours) {
		err_at(rc == -1 ? NULL : where, "%s", err);
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
	int hl = o->highlight ? (o->color ? 2 : 1) : 0;
	char *one[1];

	if (i < 0 && (paths_is_file(o->show) || file_is_stdin(o->show))) {
		corpus_free(c);
		one[0] = (char *)o->show;
		corpus_load(c, one, 1, lex, o->load_flags | CORPUS_NODISCOVER);
		i = c->n > 0 ? 0 : -1;
	}
	if (i < 0) {
		/* a directory or device is no id: say what it is */
		err_at(o->show, access(o->show, F_OK) == 0 &&
		    !paths_is_file(o->show) && !file_is_stdin(o->show) ?
		    "not a regular file" : "no such article");
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

/* A load's progress as a status line on stderr, erased at the end. */
static void
show_progress(void *arg, const struct corpus_progress *p)
{
	(void)arg;
	if (p->stage == CORPUS_DONE)
		warn_status_end();
	else if (p->stage == CORPUS_CHECKING)
		warn_status("checking: %zu files", p->total);
	else
		warn_status("%s: %zu/%zu files, %.0f/s",
		    p->stage == CORPUS_READING ? "reading" : "indexing",
		    p->done, p->total, p->secs > 0 ? p->done / p->secs : 0.0);
}

/* The progress watcher for the load: a status line when stderr is a
 * terminal that can erase a line (and not under --quiet), else none. */
static corpus_progress_fn *
progress_watch(void)
{
	const char *term = getenv("TERM");

	if (warn_quiet || !isatty(STDERR_FILENO) || term == NULL ||
	    strcmp(term, "dumb") == 0)
		return NULL;
	return show_progress;
}

/* The reader with --filter: the query it starts with must parse (exit 2
 * on the command line, not a message on a screen about to open). */
static int
run_ui(const struct options *o, struct corpus *c, const struct lexicon *lex)
{
	struct query *q;
	char err[512];

	if (o->filter != NULL) {
		if ((q = query_parse(o->filter, c, err, sizeof err)) == NULL) {
			err_at("--filter", "%s", err);
			return 2;
		}
		query_free(q);
	}
	return ui_run(o, c, lex);
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
		err_at("--filter", "%s", err);
		free(keep);
		return 2;
	}
	query_eval(q, c, keep);
	query_free(q);
	if (o->mode == MODE_LIST)
		rc = batch_list(stdout, c, keep, o->format, o->evidence);
	else if (o->mode == MODE_ENTITIES)
		rc = batch_entities(stdout, c, keep, o->format);
	else if (o->mode == MODE_STORIES)
		rc = batch_stories(stdout, c, keep, o->format);
	else if (o->mode == MODE_TIMELINE)
		rc = batch_timeline(stdout, c, keep, o->by, o->format);
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
		err_at("stdout", "%s", strerror(err != 0 ? err : EIO));
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

	util_heap_setup();
	setlocale(LC_ALL, "");
	fault_init();
	parse_options(&o, argc, argv);
	check_config(&o);
	load_data();
	lex = load_lexicon(&o);
	if (o.complete != NULL) {
		rc = complete_print(stdout, o.complete, longopts, lex);
		lexicon_free(lex);
		return rc;
	}
	read_stdin(&o);
	if (o.npaths == 0) {
		deflt[0] = xmalloc(PATH_MAX);
		snprintf(deflt[0], PATH_MAX, "%s/articles", paths_datadir());
		o.paths = deflt;
		o.npaths = 1;
	}
	if (!wants_discovery(&o))
		o.load_flags |= CORPUS_NODISCOVER;
	entity_cache_enable(!(o.load_flags & CORPUS_NOCACHE));
	/* these print from the entity index (the reader shows it in its
	 * People group): the loader threads do its per-article work while
	 * the bodies are at hand */
	if (o.mode == MODE_LIST || o.mode == MODE_ENTITIES ||
	    o.mode == MODE_STORIES || o.mode == MODE_UI)
		o.load_flags |= CORPUS_ENTITIES;
	/* The reader shows the cache's snapshot at once and checks the
	 * files behind it; without one it loads them on a thread of its
	 * own while the screen shows them coming (ui_load.c). Batch modes
	 * stay exact. */
	if (corpus_load_watch(&c, o.paths, o.npaths, lex, o.load_flags |
	    (o.mode == MODE_UI ? CORPUS_TRUST | CORPUS_SNAPONLY : 0),
	    progress_watch(), NULL) == 0 && o.mode != MODE_SHOW &&
	    !corpus_pending(&c)) {
		err_at(NULL, "no articles could be loaded");
		rc = 1;
	} else if (o.mode == MODE_SHOW)
		rc = run_show(&o, &c, lex);
	else if (o.mode == MODE_UI)
		rc = run_ui(&o, &c, lex);
	else
		rc = run_batch(&o, &c);
	corpus_free(&c);
	lexicon_free(lex);
	boiler_free();
	lang_free();
	discover_free();
	story_free();
	entity_free();
	if (o.paths == deflt)
		free(deflt[0]);
	return stdout_close(rc);
}
