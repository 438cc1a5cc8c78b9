#!/bin/sh
# cli.sh: the command line contract: options, exit statuses, messages,
# and that --help and the man page name the same options.
. "$(dirname "$0")/lib.sh"
cd "$top_srcdir" || exit 1

# status WANT NAME COMMAND...: run, compare the exit status.
status() {
	want=$1 name=$2; shift 2
	"$@" >"$T_TMP/out" 2>"$T_TMP/err"
	got=$?
	if [ "$got" -eq "$want" ]; then pass "$name (exit $want)"
	else fail "$name: exit $got, want $want" "$(head -5 "$T_TMP/err")"; fi
}

# stderr_has NAME PATTERN: the last command's stderr matches PATTERN.
stderr_has() {
	if grep -q -- "$2" "$T_TMP/err"; then pass "$1"
	else fail "$1: stderr lacks '$2'" "$(head -5 "$T_TMP/err")"; fi
}

status 0 "--help" "$TREAD" --help
grep -q '^usage: tread' "$T_TMP/out" && pass "--help prints usage" || fail "--help prints usage"
grep -q '^Report bugs to <[^<>]*@[^<>]*>\.$' "$T_TMP/out" && pass "--help names the bug address" ||
	fail "--help names the bug address"
status 0 "--version" "$TREAD" --version
grep -qx 'tread [0-9][0-9.]*' "$T_TMP/out" && pass "--version format" || fail "--version format"
status 2 "unknown option" "$TREAD" --bogus
status 2 "bad --format" "$TREAD" --list --format xml
stderr_has "bad --format names the option" "^tread: --format: "
status 2 "bad --width" "$TREAD" --show 1 --width abc
status 2 "bad --filter" "$TREAD" --list --filter 'nosuchfield:x'
stderr_has "bad --filter message" "^tread: --filter: "
# An option of another mode is a usage error, not silently ignored; a
# usage error prints the synopsis, not the whole help.
for args in "--list --width 40" "--themes --highlight" "--list --by week" \
    "--list --evidence" "--show 1 --format json" "--show 1 --filter lang:en" \
    "--format json"; do
	# shellcheck disable=SC2086
	status 2 "$args" "$TREAD" $args
	stderr_has "$args: named" "^tread: --[a-z]*: only with "
done
status 2 "unknown option (again)" "$TREAD" --bogus
stderr_has "a usage error says where the help is" "^Try 'tread --help'"
grep -q -- '--no-cache' "$T_TMP/err" && fail "a usage error prints only the synopsis" ||
	pass "a usage error prints only the synopsis"
"$TREAD" --help | grep -q -- '--show ID|PATH|-  ' && pass "--help: --show ID|PATH|-" ||
	fail "--help: --show ID|PATH|-"
# --quiet silences warnings, not the reason for a failing status.
status 2 "-q with a bad --width" "$TREAD" -q --show 1 --width 3
stderr_has "-q: a usage error is still told" "^tread: --width: "
status 1 "-q with nothing to load" "$TREAD" -q --list "$T_TMP/no-such-dir"
stderr_has "-q: no articles is still told" "no articles could be loaded"
# A --config with bad [keys] stops batch modes too (tread(1) CONFIGURATION).
printf '[keys]\nno-such-action = x\n' >"$T_TMP/badkeys.ini"
status 2 "--list -c with a bad [keys] action" "$TREAD" --list -c "$T_TMP/badkeys.ini"
stderr_has "bad [keys] names file and line" "badkeys.ini:2: unknown action 'no-such-action'"
printf '[keys]\nquit = j\n' >"$T_TMP/noquit.ini"
status 2 "--list -c with [keys] leaving no quit" "$TREAD" --list -c "$T_TMP/noquit.ini"
# Two modes, or one single-valued option twice, are usage errors (which
# one was meant?), said on stderr before anything is loaded.
status 2 "--list --themes" "$TREAD" --list --themes
stderr_has "--list --themes named" "^tread: --themes: cannot be combined with --list$"
[ -s "$T_TMP/out" ] && fail "--list --themes: nothing on stdout" || pass "--list --themes: nothing on stdout"
status 2 "--themes --show" "$TREAD" -t -s 1
stderr_has "--themes --show named" "^tread: --show: cannot be combined with --themes$"
status 2 "--show --list" "$TREAD" --show 1 --list
stderr_has "--show --list named" "^tread: --list: cannot be combined with --show$"
status 2 "--entities --timeline" "$TREAD" --entities --timeline
stderr_has "--entities --timeline named" "^tread: --timeline: cannot be combined with --entities$"
status 2 "--stories --list" "$TREAD" --stories --list
stderr_has "--stories --list named" "^tread: --list: cannot be combined with --stories$"
status 2 "--show twice" "$TREAD" --show 1 --show 2
stderr_has "--show twice named" "^tread: --show: given more than once$"
for opt in "--filter lang:en" "--format tsv" "--width 40" "--config /dev/null" \
	"--themes-file /dev/null" "--color=never" "--by week" \
	"--encoding UTF-8" "--date-order mdy"; do
	# shellcheck disable=SC2086
	status 2 "$opt twice" "$TREAD" --list $opt $opt
	stderr_has "$opt twice named" "^tread: ${opt%%[ =]*}: given more than once$"
done
status 2 "-f and --filter" "$TREAD" --list -f lang:en --filter lang:pl
status 0 "--list twice is one --list" "$TREAD" --list --list data/articles
status 0 "--highlight twice is one --highlight" "$TREAD" --show 1 --highlight --highlight
grep -q '\[\[' "$T_TMP/out" && pass "--highlight twice still marks" || fail "--highlight twice still marks"
status 1 "nothing to load" "$TREAD" --list "$T_TMP/nonexistent"
stderr_has "missing path named" "^tread: $T_TMP/nonexistent: No such file"
# --highlight marks are part of the wrapped text: no line is wider than
# --width (the marks once went past it).
for w in 20 40 72; do
	cols=$("$TREAD" --show 2 --width $w --highlight data/articles | wc -L)
	expect "--show --width $w --highlight fits ($cols columns)" \
		[ "$cols" -le $w ]
done
status 1 "--show unknown id" "$TREAD" --show 99 data/articles
stderr_has "--show unknown id named" "^tread: 99: no such article"
status 0 "one missing path among good ones" "$TREAD" --list "$T_TMP/nope" data/articles
[ "$(wc -l <"$T_TMP/out")" -eq 6 ] && pass "the rest still loads" || fail "the rest still loads"
status 0 "default corpus" "$TREAD" --list
[ "$(wc -l <"$T_TMP/out")" -eq 6 ] && pass "default corpus has 5 articles" ||
	fail "default corpus has 5 articles" "$(cat "$T_TMP/out")"
head -1 "$T_TMP/out" | grep -qx 'id	path	date	lang	source	title	themes	entities	story' &&
	pass "--list header" || fail "--list header"

# A build tree's src/tread finds the build tree's data without
# TREAD_DATADIR (from /proc/self/exe; a VPATH build through srcdata/).
case $TREAD in "$top_builddir"/src/tread)
	# (the same articles; their paths differ in a VPATH build)
	"$TREAD" --list 2>&1 | cut -f1,3- >"$T_TMP/want"
	env -u TREAD_DATADIR "$TREAD" --list 2>&1 | cut -f1,3- >"$T_TMP/out"
	check_file "build tree: the sample corpus without TREAD_DATADIR" "$T_TMP/want" "$T_TMP/out" ;;
esac

# Batch mode works without a usable terminal.
env -u TERM "$TREAD" --list data/articles >/dev/null 2>&1 && pass "TERM unset: batch works" ||
	fail "TERM unset: batch works"
TERM=dumb "$TREAD" --list data/articles >/dev/null 2>&1 && pass "TERM=dumb: batch works" ||
	fail "TERM=dumb: batch works"

# getopt's complaints come from tread, sanitised: an option's escape
# sequences never reach the terminal.
ESC=$(printf '\033') BEL=$(printf '\007')
for opt in "--${ESC}]0;pwned${BEL}" "-${ESC}" "--list=${ESC}[2J" "--fo${ESC}"; do
	status 2 "bad option $(printf '%s' "$opt" | od -An -c | tr -s ' ' | head -c 30)" "$TREAD" "$opt"
	if grep -q "[$ESC$BEL]" "$T_TMP/err"; then fail "  no raw control byte in the message" "$(cat -v "$T_TMP/err")"
	else pass "  no raw control byte in the message"; fi
	stderr_has "  in tread's form" "^tread: .*option"
done
status 2 "a missing argument" "$TREAD" --show
stderr_has "a missing argument named" "^tread: option '--show' needs an argument"
status 2 "an argument to a flag" "$TREAD" --list=x
stderr_has "an argument to a flag named" "^tread: option '--list' takes no argument"

# --show of a directory or a device says what it is, not "no such article".
for p in data/articles /dev/null; do
	status 1 "--show $p" "$TREAD" --show "$p" data/articles
	stderr_has "--show $p: not a regular file" "^tread: $p: not a regular file"
done
status 1 "--show 99" "$TREAD" --show 99 data/articles
stderr_has "--show 99: no such article" "^tread: 99: no such article"

# A write error on stdout is told and makes the exit 1.
if [ -w /dev/full ]; then
	for m in --list --themes "--show 1"; do
		status 1 "$m > /dev/full" sh -c "\"\$0\" $m data/articles >/dev/full" "$TREAD"
		stderr_has "$m > /dev/full: said" "^tread: stdout: No space left on device"
	done
fi

# No HOME: the home directory comes from the password database, or tread
# refuses clearly (never /tmp, where another user could be first).
# nobody_reads: user nobody can run tread and read its data and articles.
nobody_reads() {
	setpriv --reuid=nobody --regid=nogroup --clear-groups sh -c \
		'test -x "$1" && test -r "$2/boilerplate.txt" && test -r "$2/articles"' \
		sh "$TREAD" "$top_srcdir/data"
}
if command -v setpriv >/dev/null 2>&1 && [ "$(id -u)" = 0 ] &&
	getent passwd nobody >/dev/null 2>&1 && ! getent passwd 54321 >/dev/null 2>&1 &&
	! nobody_reads; then
	echo "# the tree is not readable by nobody (a clone in a private directory): HOME tests skipped"
elif command -v setpriv >/dev/null 2>&1 && [ "$(id -u)" = 0 ] &&
	getent passwd nobody >/dev/null 2>&1 && ! getent passwd 54321 >/dev/null 2>&1; then
	status 0 "HOME unset: the password database's home (nobody's)" \
		env -u HOME -u XDG_CONFIG_HOME -u XDG_CACHE_HOME -u XDG_STATE_HOME \
		setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$TREAD" --no-cache --list "$top_srcdir/data/articles"
	status 1 "HOME unset, no passwd entry: refused" env -u HOME -u XDG_CONFIG_HOME \
		setpriv --reuid=54321 --regid=54321 --clear-groups "$TREAD" --list data/articles
	stderr_has "  says why" "HOME is not set and the password database has no home directory"
	[ ! -e /tmp/.config/tread ] && [ ! -e /tmp/.cache/tread ] && pass "  nothing made under /tmp" ||
		fail "  nothing made under /tmp"
fi

# A configuration directory that is not the user's own, or that others
# can write to, is not read (its broken themes.ini would be exit 2).
mkdir -p "$XDG_CONFIG_HOME/tread"
printf '[broken\n' >"$XDG_CONFIG_HOME/tread/themes.ini"
status 2 "own config dir: its themes.ini is read" "$TREAD" --no-cache --list data/articles
chmod 777 "$XDG_CONFIG_HOME/tread"
status 0 "config dir writable by others: not read" "$TREAD" --no-cache --list data/articles
stderr_has "  says why" "tread: .*/tread: writable by others: its configuration is not read"
chmod 700 "$XDG_CONFIG_HOME/tread"
if [ "$(id -u)" = 0 ] && chown 4242 "$XDG_CONFIG_HOME/tread" 2>/dev/null; then
	status 0 "another user's config dir: not read" "$TREAD" --no-cache --list data/articles
	stderr_has "  says why" "not your own directory: its configuration is not read"
fi
rm -rf "$XDG_CONFIG_HOME/tread"

# Every option in --help is in the man page, and every option the man
# page documents is in --help.
"$TREAD" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u >"$T_TMP/help.opts"
grep -E '^\.It Fl' man/tread.1 | grep -oE 'Fl -[a-z][a-z-]+' | sed 's/^Fl -/--/' |
	sort -u >"$T_TMP/man.opts"
check_file "--help and tread(1) list the same long options" "$T_TMP/help.opts" "$T_TMP/man.opts"
# Every query field the parser knows (its error lists them) has an item
# in tread(1) QUERIES.
"$TREAD" --list -f 'nosuchfield:x' data/articles 2>&1 >/dev/null |
	sed -n 's/.*(fields: \(.*\))$/\1/p' | tr -d ' ' | tr ',' '\n' | sort >"$T_TMP/q.fields"
sed -n '/^\.Sh QUERIES/,/^\.Sh /p' man/tread.1 | grep -oE 'Cm [a-z]+: ' | sed 's/^Cm //;s/: $//' |
	sort -u >"$T_TMP/man.fields"
if [ -s "$T_TMP/q.fields" ]; then
	check_file "tread(1) QUERIES documents every query field" "$T_TMP/q.fields" "$T_TMP/man.fields"
else
	fail "the unknown-field message lists the fields"
fi
# Each batch mode's columns, as --help gives them in parentheses, are the
# header it prints.
"$TREAD" --help | tr -s ' \n' '  ' >"$T_TMP/help.flat"
for mode in --list --themes --entities --stories --timeline; do
	cols=$("$TREAD" "$mode" data/articles 2>/dev/null | head -1 | tr '\t' ' ')
	grep -qF -- "($cols)" "$T_TMP/help.flat" && pass "--help gives the columns of $mode ($cols)" ||
		fail "--help gives the columns of $mode ($cols)"
done
# Every batch mode takes --format: --help says so for each.
for mode in --list --themes --entities --timeline; do
	"$TREAD" --help | grep -E "^ +tread .*$mode" -A1 | grep -q -- '--format' &&
		pass "--help: $mode takes --format" || fail "--help: $mode takes --format"
done
# tread(1)'s "At most one of" names every batch mode of --help.
sed -n '/^At most one of/,/may be given/p' man/tread.1 | grep -oE 'Fl -[a-z]+' |
	sed 's/^Fl /-/' | sort >"$T_TMP/man.modes"
printf '%s\n' --entities --list --show --stories --themes --timeline >"$T_TMP/modes"
check_file "tread(1): at most one of every batch mode" "$T_TMP/modes" "$T_TMP/man.modes"
tr '\n' ' ' <README | grep -o 'Only one of [^.]*' | grep -oE -- '--[a-z]+' | sort >"$T_TMP/readme.modes"
check_file "README: only one of every batch mode" "$T_TMP/modes" "$T_TMP/readme.modes"
# tread(1) writes the --highlight marks as --help does, everywhere.
grep -o '\[\[[^]]*\]\]' man/tread.1 | sort -u >"$T_TMP/man.marks"
"$TREAD" --help | grep -o '\[\[[^]]*\]\]' >"$T_TMP/help.marks"
check_file "tread(1) writes the --highlight marks as --help" "$T_TMP/help.marks" "$T_TMP/man.marks"
# The KEYS section of the man page is the key table (make man-keys).
sed -n '/^\.\\" KEYS-BEGIN/,/^\.\\" KEYS-END/p' man/tread.1 | sed '1d;$d' >"$T_TMP/man.keys"
"$TREAD" --keys-mdoc >"$T_TMP/table.keys"
check_file "tread(1) KEYS is the key table (run make man-keys)" "$T_TMP/table.keys" "$T_TMP/man.keys"
# The : line's commands with an argument: in --help, in tread(1) (and in
# the ? help: tests/ui/cmd.sh).
for c in save pipe jump query; do
	"$TREAD" --help | grep -qE "(^|[ (])$c [A-Z]" &&
		grep -q "^\.It Ic $c Ar " man/tread.1 &&
		pass "the :$c command: in --help and tread(1)" ||
		fail "the :$c command: in --help and tread(1)"
done
# The README's key list is the key table too.
sed -n '/^<!-- keys-begin -->/,/^<!-- keys-end -->/p' README | sed '1d;$d;s/^    //' >"$T_TMP/readme.keys"
"$top_builddir/tests/ui/keys-mdoc" --text | sed 's/ *$//' | sed '${/^$/d;}' >"$T_TMP/text.keys"
check_file "README's key list is the key table" "$T_TMP/text.keys" "$T_TMP/readme.keys"
# --list gives lexicon themes only, in the themes column and JSON scores,
# even where an article has discovered themes (two phrases in two of
# five articles each).
mkdir "$T_TMP/disc"
for a in "1 Steppe Eagle Festival" "2 Steppe Eagle Festival" \
    "3 Golden Horde Museum" "4 Golden Horde Museum" "5 Caspian Kite Race"; do
	n=${a%% *} p=${a#* }
	printf '%s %s\n\n2026-05-0%s\n\nThe %s opened in Almaty with natural gas and oil pipelines on show. The %s drew crowds; the %s ends on Sunday. Gas pipelines and an oil field were the talk of the %s.\n' \
	    "$p" "$n" "$n" "$p" "$p" "$p" "$p" >"$T_TMP/disc/a$n.txt"
done
"$TREAD" --no-cache --themes "$T_TMP/disc" | grep -q '^d:steppe-eagle-festival	' &&
	pass "a discovered theme in the small corpus" || fail "a discovered theme in the small corpus"
[ "$("$TREAD" --no-cache --list --filter theme:d:steppe-eagle-festival "$T_TMP/disc" | sed 1d | cut -f7 | sort -u)" = energy ] &&
	pass "--list themes: lexicon themes only" || fail "--list themes: lexicon themes only"
"$TREAD" --no-cache --list --format json "$T_TMP/disc" >"$T_TMP/disc.json"
[ "$(grep -c '"themes":\["energy"\].*"scores":{"energy":9}' "$T_TMP/disc.json")" -eq 5 ] && ! grep -q '"d:' "$T_TMP/disc.json" &&
	pass "--list JSON themes and scores: lexicon themes only" || fail "--list JSON themes and scores: lexicon themes only" "$(head -c 600 "$T_TMP/disc.json")"
done_testing
