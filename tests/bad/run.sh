#!/bin/sh
# bad/run.sh: hostile and broken input. Every command must finish in time,
# exit with the documented status, warn once as "tread: PATH: reason",
# load the rest, and never let a control byte reach stdout or stderr.
# Small inputs live in tests/bad/{articles,lexicon,config,regress}; big
# and unportable ones (30 MB, a 200,000-byte line, 100 nested directories,
# symbolic link loops, an unreadable file, file names with ESC and
# newline) are made here, in a temp dir.
. "$(dirname "$0")/../lib.sh"
BAD="$top_srcdir/tests/bad"
GOOD="$ARTICLES/$(ls "$ARTICLES" | head -1)"
W=$T_TMP/w
mkdir -p "$W"
LIMIT=${BAD_TIMEOUT:-20}
T0=$(date +%s)

# section TITLE: a heading with the seconds used so far.
section() { echo "# [$(($(date +%s) - T0))s] $1"; }

# check OUT ERR: are both files strict UTF-8 without C0 controls (but TAB
# and LF), DEL, C1 or bidi controls, and does every ERR line start with
# "tread: "? Prints the first problem found.
check() {
	perl -e '
		for my $f (@ARGV) {
			open(my $fh, "<", $f) or die; local $/; my $s = <$fh>;
			my $w = $f eq $ARGV[0] ? "stdout" : "stderr";
			if ($s =~ /([\x00-\x08\x0b-\x1f\x7f])/) { printf "%s: control byte 0x%02x", $w, ord $1; exit 1 }
			if (!utf8::decode($s) || $s =~ /[\x{d800}-\x{dfff}]|[^\x{0}-\x{10ffff}]/) {
				print "$w: invalid UTF-8 (raw C1, surrogate or broken bytes)"; exit 1 }
			if ($s =~ /([\x{80}-\x{9f}\x{200e}\x{200f}\x{202a}-\x{202e}\x{2066}-\x{2069}])/) {
				printf "%s: U+%04X", $w, ord $1; exit 1 }
			if ($w eq "stderr" && $s =~ /^(?!tread: )[^\n]*\n/m) { print "stderr line without tread: prefix"; exit 1 }
		}' "$1" "$2"
}

# run NAME WANT CMD...: runs CMD with a time limit; checks the exit
# status (WANT: one status, or "0|1"), sanitizer reports, and that stdout
# and stderr are clean.
run() {
	name=$1 want=$2; shift 2
	timeout "$LIMIT" "$@" >"$T_TMP/out" 2>"$T_TMP/err"
	rc=$?
	why=
	if [ $rc -eq 124 ]; then why="timed out after ${LIMIT}s"
	elif ! echo "|$want|" | grep -q "|$rc|"; then why="exit $rc, want $want"
	elif grep -q 'Sanitizer\|runtime error:' "$T_TMP/err"; then why="sanitizer report"
	else why=$(check "$T_TMP/out" "$T_TMP/err")
	fi
	if [ -z "$why" ]; then pass "$name"
	else fail "$name: $why" "$(head -c 600 "$T_TMP/err" | cat -v | head -8)"; fi
}

# warned NAME PATTERN [MAX]: the last stderr has a line matching PATTERN,
# and at most MAX (default 1) lines in all.
warned() {
	n=$(wc -l <"$T_TMP/err")
	if grep -q -- "$2" "$T_TMP/err" && [ "$n" -le "${3:-1}" ]; then pass "$1"
	else fail "$1: want ${3:-1} warning matching '$2', got $n lines" "$(cat -v "$T_TMP/err" | head -5)"; fi
}

# quiet NAME: the last command wrote nothing to stderr.
quiet() {
	if [ ! -s "$T_TMP/err" ]; then pass "$1"
	else fail "$1: unexpected warnings" "$(cat -v "$T_TMP/err" | head -5)"; fi
}

# rows NAME N: the last --list printed a header and N rows.
rows() {
	got=$(($(wc -l <"$T_TMP/out") - 1))
	if [ "$got" -eq "$2" ]; then pass "$1"
	else fail "$1: $got rows, want $2" "$(cut -c1-100 "$T_TMP/out" | cat -v | head -5)"; fi
}

# json NAME: the last stdout is valid JSON (Perl's JSON::PP, or python3).
json() {
	if perl -MJSON::PP -e1 2>/dev/null; then
		perl -MJSON::PP -e 'local $/; JSON::PP->new->decode(<STDIN>)' <"$T_TMP/out" 2>"$T_TMP/jerr"
	elif command -v python3 >/dev/null; then
		python3 -c 'import json, sys; json.load(sys.stdin)' <"$T_TMP/out" 2>"$T_TMP/jerr"
	else return 0; fi
	if [ $? -eq 0 ]; then pass "$1"; else fail "$1" "$(tail -1 "$T_TMP/jerr")"; fi
}

# width NAME N: no line of the last stdout is longer than N characters.
width() {
	long=$(perl -CS -ne 'chomp; $m = length if length > $m; END { print $m + 0 }' <"$T_TMP/out")
	if [ "$long" -le "$2" ]; then pass "$1"
	else fail "$1: a line of $long characters"; fi
}

# article KIND FILE: the four batch commands on FILE next to a good article.
# KIND: text (must load), binary (must be skipped, one warning), maybe
# (either, but then say so).
article() {
	kind=$1 f=$2 b=$(basename "$2")
	run "$b: --list" "0" "$TREAD" --no-cache --list "$GOOD" "$f"
	case $kind in
	text) rows "$b: loaded" 2
		[ "$(awk -F'\t' 'NR == 3 { print $6 }' "$T_TMP/out" | tr -d ' ')" != "" ] &&
			pass "$b: has a title" || fail "$b: has a title" "$(sed -n 3p "$T_TMP/out" | cat -v)" ;;
	binary) rows "$b: skipped" 1; warned "$b: one warning naming it" "^tread: $f: " ;;
	maybe) if [ "$(wc -l <"$T_TMP/out")" -eq 2 ]; then warned "$b: skipped with a warning" "^tread: $f: "
		else rows "$b: loaded" 2; fi ;;
	esac
	run "$b: --list --format json" "0" "$TREAD" --no-cache --list --format json "$GOOD" "$f"
	json "$b: valid JSON"
	run "$b: --themes" "0" "$TREAD" --no-cache --themes "$GOOD" "$f"
	case $kind in
	text) run "$b: --show" "0" "$TREAD" --no-cache --show "$f" --width 80 "$f"
		width "$b: --show wraps to 80" 80 ;;
	binary) run "$b: --show" "1" "$TREAD" --no-cache --show "$f" --width 80 "$f" ;;
	maybe) run "$b: --show" "0|1" "$TREAD" --no-cache --show "$f" --width 80 "$f" ;;
	esac
}

section "committed bad articles"
for f in "$BAD"/articles/*; do
	case $(basename "$f") in
	random.bin|archive.*|image.png|document.pdf|nul-bytes.txt) article binary "$f" ;;
	empty.txt|whitespace.txt) article maybe "$f" ;;
	*) article text "$f" ;;
	esac
done

section "the whole bad directory at once"
run "bad dir: --list" 0 "$TREAD" --no-cache --list "$BAD/articles"
[ "$(grep -c '^tread: ' "$T_TMP/err")" -ge 6 ] && pass "bad dir: a warning per binary file" ||
	fail "bad dir: a warning per binary file" "$(cat -v "$T_TMP/err")"
grep -q 'escapes.txt' "$T_TMP/out" && pass "bad dir: text files listed" || fail "bad dir: text files listed"

section "escape sequences are gone from the cleaned text"
run "escapes --show" 0 "$TREAD" --no-cache --show "$BAD/articles/escapes.txt" "$BAD/articles/escapes.txt"
for word in PWNED 'window title' ZWNob '1049h' ';qm'; do
	grep -q -- "$word" "$T_TMP/out" && fail "escapes: payload '$word' removed" ||
		pass "escapes: payload '$word' removed"
done
grep -q 'Xinhua' "$T_TMP/out" && grep -q 'done' "$T_TMP/out" &&
	pass "escapes: the text around them kept" || fail "escapes: the text around them kept"

section "generated: a 30 MB article"
{ echo "A very long article about Kazakhstan"; echo; echo "Astana, 3 July 2024."; echo
  yes "Kazakhstan and China discussed trade, energy and transport corridors in Astana. " |
	head -c 31457280; echo; } >"$W/big.txt"
run "30 MB: --list" 0 "$TREAD" --no-cache --list "$GOOD" "$W/big.txt"
if [ "$(wc -l <"$T_TMP/out")" -eq 2 ]; then warned "30 MB: skipped with a warning" "^tread: $W/big.txt: "
else rows "30 MB: loaded" 2; fi
run "30 MB: --show" "0|1" "$TREAD" --no-cache --show "$W/big.txt" --width 80 "$W/big.txt"
width "30 MB: --show wraps to 80" 80

section "generated: a 200,000-character line without spaces"
{ echo "One enormous word"; echo; head -c 200000 /dev/zero | tr '\0' x; echo; } >"$W/longline.txt"
article text "$W/longline.txt"
{ echo "Enormous Cyrillic word"; echo; i=0; while [ $i -lt 2000 ]; do printf 'Казахстан'; i=$((i + 1)); done
  echo; } >"$W/longcyr.txt"
run "200,000 bytes of Cyrillic: --show" 0 "$TREAD" --no-cache --show "$W/longcyr.txt" --width 60 "$W/longcyr.txt"
width "Cyrillic word wrapped to 60" 60

section "generated: 200 KB runs of combining marks, emoji, CJK punctuation, blanks"
# Date detection once cost the rest of the run at every start (issue 9):
# 200 KB took 7-10 s. Linear, each is a small fraction of a second, so a
# bound of 3 s holds under ASan too.
for kind in comb emoji cjk nbsp; do
	perl -CS -e '
		my %u = (comb => "\x{301}", emoji => "\x{1F600}\x{FE0F}",
		    cjk => "\x{3001}", nbsp => "1\x{A0}");
		my $u = $u{$ARGV[0]}; my $n = int(200000 / length(do { my $b = $u; utf8::encode($b); $b }));
		print "Run of $ARGV[0]\n\n", "a", $u x $n, "\n3 July 2024\n";' "$kind" >"$W/run-$kind.txt"
	t0=$(date +%s.%N)
	run "200 KB of $kind: --list" 0 "$TREAD" --no-cache --list "$W/run-$kind.txt"
	el=$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN { printf "%.2f", a - b }')
	if awk -v e="$el" 'BEGIN { exit !(e < 3) }'; then pass "200 KB of $kind in ${el}s (< 3 s)"
	else fail "200 KB of $kind took ${el}s (want < 3 s: quadratic date scan?)"; fi
done

section "generated: 100 nested directories"
d="$W/deep"
mkdir -p "$d" && cp "$GOOD" "$d/top.txt"
i=0; p=$d
while [ $i -lt 100 ]; do p="$p/d$i"; i=$((i + 1)); done
mkdir -p "$p" && cp "$GOOD" "$p/bottom.txt"
run "deep: --list" 0 "$TREAD" --no-cache --list "$d"
if [ "$(wc -l <"$T_TMP/out")" -eq 3 ]; then rows "deep: both articles" 2
else rows "deep: the top one" 1; warned "deep: warned once about the depth" "nested too deep"; fi

section "generated: symbolic link loops, a dangling link, an unreadable file"
d="$W/links"
mkdir -p "$d/sub" && cp "$GOOD" "$d/sub/a.txt"
ln -s .. "$d/sub/up"
ln -s loop2 "$d/loop1" && ln -s loop1 "$d/loop2"
ln -s "$W/nonexistent.txt" "$d/dangling.txt"
run "links: --list" 0 "$TREAD" --no-cache --list "$d"
rows "links: the real article once" 1
grep -q 'loop' "$T_TMP/err" && pass "links: the loop is named" || fail "links: the loop is named" "$(cat -v "$T_TMP/err")"
grep -q 'dangling.txt' "$T_TMP/err" && pass "links: the dangling link is named" ||
	fail "links: the dangling link is named" "$(cat -v "$T_TMP/err")"
[ "$(wc -l <"$T_TMP/err")" -le 4 ] && pass "links: one warning each" ||
	fail "links: one warning each" "$(cat -v "$T_TMP/err")"
run "dangling link as argument" 0 "$TREAD" --no-cache --list "$GOOD" "$d/dangling.txt"
warned "dangling link argument: one warning" "^tread: $d/dangling.txt: "
run "link loop as argument" 0 "$TREAD" --no-cache --list "$GOOD" "$d/loop1"
warned "link loop argument: one warning" "^tread: $d/loop1: "

cp "$GOOD" "$W/unreadable.txt" && chmod 000 "$W/unreadable.txt"
if [ "$(id -u)" -eq 0 ]; then
	echo "# running as root, which reads any file: unreadable-file check skipped"
else
	run "unreadable: --list" 0 "$TREAD" --no-cache --list "$GOOD" "$W/unreadable.txt"
	rows "unreadable: skipped" 1
	warned "unreadable: one warning" "^tread: $W/unreadable.txt: .*[Pp]ermission"
fi
chmod 600 "$W/unreadable.txt"

section "generated: file names with ESC, BEL and newline"
d="$W/names"
esc=$(printf '\033')
mkdir -p "$d"
cp "$GOOD" "$d/evil$esc]0;pwned$(printf '\007')
name.txt"
cp "$GOOD" "$d/clear${esc}[2J${esc}[H.txt"
printf 'binary\000\000\000' >"$d/bin${esc}[31m
red.bin"
run "evil names: --list" 0 "$TREAD" --no-cache --list "$d"
rows "evil names: one line per article" 2
warned "evil names: the binary one warned, sanitised" "^tread: $d/bin"
grep -q "evil�\]0;pwned��name.txt	" "$T_TMP/out" &&
	pass "evil names: TSV marks each control, newline too, as U+FFFD" ||
	fail "evil names: TSV marks each control, newline too, as U+FFFD" "$(cat -v "$T_TMP/out")"
run "evil names: --list --format json" 0 "$TREAD" --no-cache --list --format json "$d"
json "evil names: valid JSON"
grep -qF '"path":"'"$d"'/evil\u001b]0;pwned\u0007\nname.txt"' "$T_TMP/out" &&
	pass "evil names: JSON escapes the controls (the name comes back exact)" ||
	fail "evil names: JSON escapes the controls (the name comes back exact)" "$(cat -v "$T_TMP/out")"
run "evil names: --themes" 0 "$TREAD" --no-cache --themes "$d"
f=$(ls "$d"/clear*)
run "evil names: --show" 0 "$TREAD" --no-cache --show "$f" "$f"

section "bad lexicons: tread: FILE:LINE: reason, exit 2"
for f in "$BAD"/lexicon/*.ini; do
	b=$(basename "$f")
	case $b in odd-*)	# may be accepted, but must stay harmless
		run "$b" "0|2" "$TREAD" --no-cache --themes --themes-file "$f" "$GOOD"
		continue ;;
	esac
	run "$b" 2 "$TREAD" --no-cache --themes --themes-file "$f" "$GOOD"
	line=$(sed -n 's/.*expect-line: *\([0-9]*\).*/\1/p' "$f" | head -1)
	warned "$b: names FILE:${line:-LINE}" "^tread: $f:${line:-[0-9][0-9]*}: ."
	[ ! -s "$T_TMP/out" ] && pass "$b: no output" || fail "$b: no output"
done
# Made here: a 2,000-byte line.
{ echo "[longline]"; printf 'label = '; head -c 2000 /dev/zero | tr '\0' a; echo; } >"$W/long.ini"
run "2,000-byte lexicon line" 2 "$TREAD" --no-cache --themes --themes-file "$W/long.ini" "$GOOD"
warned "2,000-byte line: FILE:2" "^tread: $W/long.ini:2: ."

section "bad configuration files: tread: FILE:LINE: reason, exit 2"
for f in "$BAD"/config/*.ini; do
	b=$(basename "$f")
	case $b in odd-*)
		run "config $b" "0|2" "$TREAD" --no-cache --list --config "$f" "$GOOD"
		continue ;;
	esac
	run "config $b" 2 "$TREAD" --no-cache --list --config "$f" "$GOOD"
	line=$(sed -n 's/.*expect-line: *\([0-9]*\).*/\1/p' "$f" | head -1)
	warned "config $b: names FILE:${line:-LINE}" "^tread: $f:${line:-[0-9][0-9]*}: ."
done
run "missing --config" 2 "$TREAD" --no-cache --list --config "$W/none.ini" "$GOOD"
warned "missing --config named" "^tread: $W/none.ini"

section "no usable terminal: batch mode still works"
run "TERM unset: --list" 0 env -u TERM "$TREAD" --no-cache --list "$ARTICLES"
rows "TERM unset: all articles" "$(ls "$ARTICLES" | wc -l)"
run "TERM=dumb: --show" 0 env TERM=dumb "$TREAD" --no-cache --show 1 "$ARTICLES"
run "TERM=dumb, LANG=C: --show" 0 env TERM=dumb LC_ALL=C LANG=C "$TREAD" --no-cache --show "$BAD/articles/escapes.txt" "$BAD/articles/escapes.txt"
run "TERM=vt100 with escapes" 0 env TERM=vt100 "$TREAD" --no-cache --list "$BAD/articles"

section "generated: FIFOs, devices and sockets are refused, never read"
mkfifo "$W/fifo.ini" "$W/fifo.txt"
perl -MIO::Socket::UNIX -e 'IO::Socket::UNIX->new(Type => SOCK_STREAM(),
	Local => $ARGV[0], Listen => 1) or die' "$W/sock.txt"
run "FIFO as --config: exit 2" 2 "$TREAD" --no-cache --config "$W/fifo.ini" --list "$GOOD"
warned "FIFO as --config: said" "fifo.ini: not a regular file"
run "FIFO as --themes-file: exit 2" 2 "$TREAD" --no-cache --themes-file "$W/fifo.ini" --list "$GOOD"
warned "FIFO as --themes-file: said" "fifo.ini: not a regular file"
run "a device as --config: exit 2" 2 "$TREAD" --no-cache --config /dev/zero --list "$GOOD"
warned "a device as --config: said" "/dev/zero: not a regular file"
run "FIFO, device, socket as articles: skipped" 0 "$TREAD" --no-cache --list \
	"$GOOD" "$W/fifo.txt" /dev/zero "$W/sock.txt"
rows "FIFO, device, socket as articles: the good one listed" 1
warned "FIFO, device, socket as articles: each said" "not a regular file, skipped" 3
mkdir -p "$W/fifodir" && cp "$GOOD" "$W/fifodir/" && mkfifo "$W/fifodir/z.txt"
run "FIFO in a directory: skipped" 0 "$TREAD" --no-cache --list "$W/fifodir"
rows "FIFO in a directory: the good one listed" 1

section "generated: an article over the 64 MB limit is read in part, with a warning"
# 200 KB of text, then a sparse tail of zeros: cheap to make and to read.
{ echo "Title of a huge article"; echo; yes "Lorem ipsum dolor sit amet, consectetur adipiscing elit." |
	head -c 200000; } >"$W/huge.txt"
truncate -s 65M "$W/huge.txt"
run "65 MB: --list" 0 "$TREAD" --no-cache --list "$W/huge.txt"
rows "65 MB: listed" 1
warned "65 MB: the limit is told" "huge.txt: larger than 64 MB: only the first 64 MB read"
rm -f "$W/huge.txt"

section "regression inputs found by fuzzing"
for f in "$BAD"/regress/*; do
	b=$(basename "$f")
	[ -f "$f" ] || continue
	case $b in
	article-*|date-*|crash-*|timeout-*|oom-*|leak-*)
		run "regress $b: --list" "0|1" "$TREAD" --no-cache --list "$f"
		run "regress $b: --show" "0|1" "$TREAD" --no-cache --show "$f" "$f" ;;
	lexicon-*)
		run "regress $b" "0|2" "$TREAD" --no-cache --themes --themes-file "$f" "$GOOD" ;;
	query-*)
		run "regress $b" "0|2" "$TREAD" --no-cache --list --filter "$(tr -d '\000' <"$f")" "$ARTICLES" ;;
	state-*)
		mkdir -p "$T_TMP/rs" && cp "$f" "$T_TMP/rs/state"
		run "regress $b" "0|1" "$top_builddir/tests/unit/state_writer" check "$T_TMP/rs/state" /x ;;
	esac
done
done_testing
