#!/bin/sh
# run.sh: tread's benchmark (make bench). Builds synthetic corpora of
# 10,000 and 100,000 articles once (under the build dir, reused later)
# and prints, with medians of BENCH_RUNS runs (default 3):
#   1. index: wall time and peak RSS of tread --list, cold (--no-cache),
#      first run (empty cache: writes the cache and the word index) and
#      warm, next to grep -rciF -f TERMS (every lexicon term) and to
#      grep -rciF -f tests/bench/terms40.txt (40 terms, issue 16's reference)
#   2. start-up: launch to the first full screen of the UI (tmux 200x60),
#      warm, and on an empty cache (to the first screen, which says how
#      many files are loaded, to the first articles listed, to the list);
#      a theme toggle / query keystroke to the updated screen, with the
#      CPU time of the UI's main thread for it (the figure to trust when
#      other work shares the cores)
#   3. memory: peak RSS of the UI, RSS per article, RSS once settled
#   4. bytes written to the terminal to scroll the reader by ten lines and
#      then a page, next to less(1) on the same text in the same viewport
#   5. adversarial text: one 1 MB article of combining marks, of emoji, of
#      CJK punctuation (cold load; linear, so well under a second each)
#   6. with BENCH_1M=1 (not in CI: some 5 GB of corpus and an hour), the
#      scale tier: 1,000,000 articles, first run, warm start to the first
#      screen, a toggle, a keystroke and peak RSS, one run each (the
#      empty-cache UI rows are left out there: each would be a first run)
# Environment: TREAD, top_builddir, top_srcdir (set by make bench),
# BENCH_RUNS, BENCH_SIZES (default "10000 100000"), BENCH_DIR, BENCH_1M.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$(pwd)}"
: "${TREAD:=$top_builddir/src/tread}"
: "${BENCH_RUNS:=3}"
: "${BENCH_SIZES:=10000 100000}"
: "${BENCH_DIR:=$top_builddir/tests/bench/data}"
GEN="$top_builddir/tests/bench/gen-corpus"
TERMS_BIN="$top_builddir/tests/bench/lexterms"
# issue 16's reference: 40 multilingual terms, fixed (the lexicon's own
# terms grow with it, and grep slows with their number)
TERMS40="$top_srcdir/tests/bench/terms40.txt"
export TREAD_DATADIR="${TREAD_DATADIR:-$top_srcdir/data}"
export LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=UTC TERM=xterm-256color
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tread-bench.XXXXXX")
TMUX_L="treadbench$$"
TMUX_N=0
cleanup() {
	tmux -L "$TMUX_L" kill-server 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM
# A private cache, config and state: nothing of the user's is touched.
export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/config" \
	XDG_STATE_HOME="$TMP/state" XDG_CACHE_HOME="$TMP/cache"
mkdir -p "$HOME"

for f in "$TREAD" "$GEN" "$TERMS_BIN"; do
	[ -x "$f" ] || { echo "run.sh: $f missing: run make bench" >&2; exit 1; }
done

# now: seconds since the epoch, with nanoseconds.
now() { date +%s.%N; }

# since T: seconds from T to now.
since() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.4f\n", a - b }'; }

# median: the median of the numbers on stdin, one per line.
median() {
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "n/a"; exit }
		if (NR % 2) print v[(NR + 1) / 2]
		else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# measure OUT CMD...: runs CMD (stdout discarded), appends "SECONDS
# PEAK_RSS_KB CPU_SECONDS" to OUT. GNU time when there is one, else the
# wall clock and VmHWM polled from /proc (no CPU column). CPU (user +
# system) is the figure to trust on a loaded machine: wall time is not.
measure() {
	out=$1; shift
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%e %M %U %S' -o "$TMP/time" "$@" >/dev/null 2>"$TMP/err"
		tail -1 "$TMP/time" | awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' >>"$out"
		return
	fi
	t0=$(now)
	"$@" >/dev/null 2>"$TMP/err" &
	pid=$! hwm=0
	while kill -0 "$pid" 2>/dev/null; do
		h=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
		[ -n "$h" ] && hwm=$h
		sleep 0.02
	done
	wait "$pid"
	echo "$(since "$t0") $hwm" >>"$out"
}

# col N FILE: the median of column N of FILE.
col() { awk -v n="$1" '{ print $n }' "$2" | median; }

# corpus N: the directory of the N-article corpus, generated once.
corpus() {
	d="$BENCH_DIR/c$1"
	if [ ! -f "$d/.complete" ]; then
		echo "generating $1 articles in $d ..." >&2
		rm -rf "$d"
		"$GEN" "$1" "$d" && touch "$d/.complete" || exit 1
	fi
	echo "$d"
}

# index N: part 1 for the N-article corpus.
index_table() {
	n=$1 dir=$(corpus "$1")
	: >"$TMP/cold" ; : >"$TMP/first"; : >"$TMP/warm"; : >"$TMP/grep"
	cat "$dir"/000/* >/dev/null 2>&1	# the page cache, as for grep
	measure "$TMP/grep" grep -rciF -f "$TMP/terms" "$dir"
	: >"$TMP/grep40"
	i=0
	while [ "$i" -lt "$BENCH_RUNS" ]; do
		measure "$TMP/cold" "$TREAD" --list --no-cache "$dir"
		measure "$TMP/grep" grep -rciF -f "$TMP/terms" "$dir"
		measure "$TMP/grep40" grep -rciF -f "$TERMS40" "$dir"
		rm -rf "$XDG_CACHE_HOME"
		measure "$TMP/first" "$TREAD" --list "$dir"
		measure "$TMP/warm" "$TREAD" --list "$dir"
		i=$((i + 1))
	done
	sed 1d "$TMP/grep" >"$TMP/grep2"	# the first one only warms up
	cold=$(col 1 "$TMP/cold") g=$(col 1 "$TMP/grep2")
	first=$(col 1 "$TMP/first") warm=$(col 1 "$TMP/warm")
	echo
	echo "1. index, $n articles ($(du -smL "$dir/" | cut -f1) MB on disk), median of $BENCH_RUNS runs"
	printf '   %-40s %8s %12s %8s\n' "command" "wall s" "peak RSS MB" "CPU s"
	row "tread --list --no-cache (cold)" "$TMP/cold"
	row "tread --list (empty cache, writes it)" "$TMP/first"
	row "tread --list (warm cache)" "$TMP/warm"
	row "grep -rciF -f TERMS ($(wc -l <"$TMP/terms") terms)" "$TMP/grep2"
	printf '   ratio to grep: cold %s (budget <= 1.5), first run %s (<= 3.0), warm %s (<= 0.5)\n' \
	    "$(ratio "$cold" "$g")" "$(ratio "$first" "$g")" "$(ratio "$warm" "$g")"
	row "grep -rciF -f terms40.txt (40 terms)" "$TMP/grep40"
	g40=$(col 1 "$TMP/grep40")
	printf '   ratio to the 40-term grep (issue 16'"'"'s reference): cold %s (<= 1.5), first run %s (<= 3.0), warm %s (<= 0.5)\n' \
	    "$(ratio "$cold" "$g40")" "$(ratio "$first" "$g40")" "$(ratio "$warm" "$g40")"
	gc=$(col 3 "$TMP/grep2")
	printf '   CPU ratio to grep: cold %s, first run %s, warm %s\n' \
	    "$(ratio "$(col 3 "$TMP/cold")" "$gc")" \
	    "$(ratio "$(col 3 "$TMP/first")" "$gc")" \
	    "$(ratio "$(col 3 "$TMP/warm")" "$gc")"
	printf '   first run peak RSS: %s MB (budget <= 100 at 100,000 articles)\n' \
	    "$(awk '{ printf "%.1f\n", $2 / 1024 }' "$TMP/first" | median)"
	# wall times mean little on a busy machine: say how busy it was
	printf '   load average after it: %s (the wall figures are only as good as the machine was idle)\n' \
	    "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"
}

# ratio A B: A / B to two places, or n/a.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

# row LABEL FILE: a table row from a file of "seconds rss_kb" lines.
row() {
	printf '   %-40s %8s %12s %8s\n' "$1" "$(col 1 "$2")" \
	    "$(awk '{ printf "%.1f\n", $2 / 1024 }' "$2" | median)" \
	    "$(awk 'NF >= 3 { print $3 }' "$2" | median)"
}

# --- the UI, through a private tmux server

# screen: the visible pane.
screen() { tmux -L "$TMUX_L" capture-pane -p -t bench 2>/dev/null; }

# wait_for SECONDS CMD...: polls until CMD succeeds; prints the elapsed
# seconds since $T0 when it did, or fails at the deadline.
wait_for() {
	limit=$1; shift
	while :; do
		el=$(since "$T0")
		if "$@"; then echo "$el"; return 0; fi
		if awk -v e="$el" -v l="$limit" 'BEGIN { exit !(e > l) }'; then
			return 1
		fi
	done
}

# full_screen: the list shows the first title and the status line (the
# last one drawn, next to the bottom) is there, with the whole corpus
# (no "loading" count of a cold start).
full_screen() {
	screen >"$TMP/scr"
	grep -qF -- "$FIRST_TITLE" "$TMP/scr" &&
	    sed -n 59p "$TMP/scr" | grep " articles " | grep -vq " loading "
}

# first_screen: the UI's first screen: a cold start's status line
# ("loading 0/N files") or the list.
first_screen() {
	screen >"$TMP/scr"
	sed -n 59p "$TMP/scr" | grep -q " articles " || full_screen
}

# some_articles: a cold start lists articles while it loads.
some_articles() {
	screen >"$TMP/scr"
	sed -n 59p "$TMP/scr" | grep -q " loading .* [1-9][0-9]*/[0-9]* articles" ||
	    full_screen
}

# changed: the screen differs from $TMP/before and is stable.
changed() {
	screen >"$TMP/scr"
	cmp -s "$TMP/scr" "$TMP/before" && return 1
	screen >"$TMP/scr2"
	cmp -s "$TMP/scr" "$TMP/scr2"
}

# new_server: kills the tmux server and takes a new socket name: a server
# still shutting down on the old one makes new-session fail ("server
# exited unexpectedly").
new_server() {
	tmux -L "$TMUX_L" kill-server 2>/dev/null
	TMUX_N=$((TMUX_N + 1))
	TMUX_L="treadbench$$.$TMUX_N"
}

# start_ui DIR: launches tread in a fresh 200x60 session; sets T0.
start_ui() {
	new_server
	T0=$(now)
	tmux -L "$TMUX_L" -f /dev/null new-session -d -s bench -x 200 -y 60 \
	    "$TREAD $1; sleep 30"
}

# ui_pid: the pid of tread in the session (by the binary's name, cut as
# the kernel keeps it: TREAD=/tmp/tread.new is "tread.new", not "tread").
ui_pid() {
	p=$(tmux -L "$TMUX_L" display -p -t bench '#{pane_pid}')
	pgrep -P "$p" -x "$(basename "$TREAD" | cut -c1-15)" 2>/dev/null | head -1
}

# thread_ns PID: nanoseconds PID's main thread has run (schedstat), or 0.
thread_ns() {
	cut -d' ' -f1 "/proc/$1/task/$1/schedstat" 2>/dev/null || echo 0
}

# key_time KEYS...: seconds from sending KEYS to a changed, stable screen;
# with KEY_CPU set, appends to that file the milliseconds of CPU the UI's
# main thread spent meanwhile (on a loaded machine the wall time is
# mostly waiting for a core, and tmux's polling).
key_time() {
	screen >"$TMP/before"
	kp=$(ui_pid)
	c0=$(thread_ns "${kp:-0}")
	T0=$(now)
	tmux -L "$TMUX_L" send-keys -t bench "$@"
	wait_for 5 changed || return 1
	c1=$(thread_ns "${kp:-0}")
	[ -n "${KEY_CPU:-}" ] && awk -v a="$c0" -v b="$c1" \
	    'BEGIN { printf "%.6f\n", (b - a) / 1e9 }' >>"$KEY_CPU"
	return 0
}

# ui_settled: waits (60 s at most) until tread in the session runs one
# thread: the check of the files behind a warm start and the word index's
# preparation are done, so that the peak RSS read next includes them.
ui_settled() {
	k=0
	while [ "$k" -lt 600 ]; do
		pid=$(ui_pid)
		[ -z "$pid" ] && return
		[ "$(ls "/proc/$pid/task" 2>/dev/null | wc -l)" -le 1 ] && return
		sleep 0.1
		k=$((k + 1))
	done
}

# startup_table N [warm]: parts 2 and 3 with the N-article corpus (warm
# cache). With "warm" (the 1M tier, whose cache the first run left) the
# empty-cache rows are not run: each would be a first run again.
startup_table() {
	n=$1 dir=$(corpus "$1") only=${2:-}
	if ! command -v tmux >/dev/null 2>&1; then
		echo; echo "2./3. start-up and memory: skipped (needs tmux)"
		return
	fi
	if [ "$only" = warm ]; then
		"$TREAD" --list "$dir" >"$TMP/list" 2>/dev/null
		: >"$TMP/cold1"; : >"$TMP/cold2"; : >"$TMP/cold3"
	else
		"$TREAD" --list --no-cache "$dir" >"$TMP/list" 2>/dev/null
	fi
	FIRST_TITLE=$(awk -F '\t' 'NR == 2 { print substr($6, 1, 24) }' "$TMP/list")
	if [ "$only" != warm ]; then
		cold_ui_rows "$n" "$dir"
		"$TREAD" --list "$dir" >/dev/null 2>&1	# warms the cache
	fi
	: >"$TMP/start"; : >"$TMP/toggle"; : >"$TMP/query"; : >"$TMP/hwm"
	: >"$TMP/toggle.cpu"; : >"$TMP/query.cpu"; : >"$TMP/rss"
	i=0
	while [ "$i" -lt "$BENCH_RUNS" ]; do
		start_ui "$dir"
		if ! wait_for 20 full_screen >>"$TMP/start"; then
			echo; echo "2./3. start-up and memory: skipped: no full screen" \
			    "within 20 s (is the UI ready?); screen was:"
			sed 's/^/   | /' "$TMP/scr" | head -8
			return
		fi
		key_time Tab >/dev/null; key_time Tab >/dev/null
		KEY_CPU="$TMP/toggle.cpu" key_time Space >>"$TMP/toggle" ||
		    echo 5 >>"$TMP/toggle"
		key_time Space >/dev/null
		key_time BTab >/dev/null; key_time BTab >/dev/null
		key_time / >/dev/null
		KEY_CPU="$TMP/query.cpu" key_time e >>"$TMP/query" ||
		    echo 5 >>"$TMP/query"
		ui_settled
		pid=$(ui_pid)
		[ -n "$pid" ] && awk '/^VmHWM/ { print $2 }' "/proc/$pid/status" >>"$TMP/hwm"
		[ -n "$pid" ] && awk '/^VmRSS/ { print $2 }' "/proc/$pid/status" >>"$TMP/rss"
		i=$((i + 1))
	done
	hwm=$(median <"$TMP/hwm")
	echo
	echo "2. start-up, $n articles, tmux 200x60, median of $BENCH_RUNS runs"
	printf '   empty cache, launch to first screen (progress or list): %s ms (budget <= 500)\n' \
	    "$(ms "$TMP/cold1")"
	printf '   empty cache, launch to the first articles listed: %s ms\n' "$(ms "$TMP/cold3")"
	printf '   empty cache, launch to the full list: %s ms\n' "$(ms "$TMP/cold2")"
	printf '   warm cache, launch to first full screen: %s ms (budget < 200; < 300 at 1M)\n' "$(ms "$TMP/start")"
	printf '   theme toggle to updated screen: %s ms (budget < 16; tmux adds ~5), main thread CPU %s ms\n' \
	    "$(ms "$TMP/toggle")" "$(ms1 "$TMP/toggle.cpu")"
	printf '   query keystroke to updated screen: %s ms (budget < 16), main thread CPU %s ms\n' \
	    "$(ms "$TMP/query")" "$(ms1 "$TMP/query.cpu")"
	printf '   (load average %s: on a busy machine trust the CPU figures)\n' \
	    "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
	echo
	echo "3. memory of the UI, $n articles"
	printf '   peak RSS (the check behind a warm start done): %s MB (budget <= 100; < 500 at 1M), %s bytes per article\n' \
	    "$(awk -v k="$hwm" 'BEGIN { printf "%.1f", k / 1024 }')" \
	    "$(awk -v k="$hwm" -v n="$n" 'BEGIN { printf "%.0f", k * 1024 / n }')"
	printf '   RSS once settled: %s MB\n' \
	    "$(awk '{ printf "%.1f\n", $1 / 1024 }' "$TMP/rss" | median)"
}

# cold_ui_rows N DIR: launch to the first screen, to the first articles
# listed and to the full list on an empty cache, BENCH_RUNS times, into
# $TMP/cold1, $TMP/cold3 and $TMP/cold2.
cold_ui_rows() {
	: >"$TMP/cold1"; : >"$TMP/cold2"; : >"$TMP/cold3"
	j=0
	while [ "$j" -lt "$BENCH_RUNS" ]; do
		rm -rf "$XDG_CACHE_HOME"
		start_ui "$2"
		wait_for 20 first_screen >>"$TMP/cold1" || echo 20 >>"$TMP/cold1"
		wait_for 60 some_articles >>"$TMP/cold3" || echo 60 >>"$TMP/cold3"
		wait_for 3600 full_screen >>"$TMP/cold2" || echo 3600 >>"$TMP/cold2"
		j=$((j + 1))
	done
}

# ms FILE: the median of FILE's seconds, in milliseconds.
ms() { median <"$1" | awk '{ if ($1 == "n/a") print $1; else printf "%.0f", $1 * 1000 }'; }

# ms1 FILE: the same to a tenth of a millisecond (CPU times of a key).
ms1() { median <"$1" | awk '{ if ($1 == "n/a") print $1; else printf "%.1f", $1 * 1000 }'; }

# pipe_bytes KEY: bytes the program in the pane writes after KEY.
pipe_bytes() {
	: >"$TMP/pipe"
	screen >"$TMP/before"
	tmux -L "$TMUX_L" pipe-pane -t bench -o "cat >>'$TMP/pipe'"
	T0=$(now)
	tmux -L "$TMUX_L" send-keys -t bench "$1"
	wait_for 5 changed >/dev/null
	sleep 0.2
	tmux -L "$TMUX_L" pipe-pane -t bench
	wc -c <"$TMP/pipe"
}

# steps_bytes KEY N OUT: bytes for each of N presses of KEY, one per line.
steps_bytes() {
	j=0
	while [ "$j" -lt "$2" ]; do
		pipe_bytes "$1" >>"$3"
		j=$((j + 1))
	done
}

# sum FILE: the sum of FILE's numbers.
sum() { awk '{ s += $1 } END { print s + 0 }' "$1"; }

# scroll_table N: part 4, in the reader of the first article and in less.
# less gets the same viewport as the reader (its width, its text rows plus
# less's prompt line) and the same text wrapped to that width, so both
# bring in the same lines: ten one-line steps, then a page.
scroll_table() {
	dir=$(corpus "$1")
	if ! command -v tmux >/dev/null 2>&1 || ! command -v less >/dev/null 2>&1; then
		echo; echo "4. scrolling: skipped (needs tmux and less)"
		return
	fi
	: >"$TMP/tl"; : >"$TMP/tp"; : >"$TMP/ll"; : >"$TMP/lp"
	i=0
	while [ "$i" -lt "$BENCH_RUNS" ]; do
		# Read marks and positions of an earlier run would reopen the
		# article at its end, where j no longer scrolls.
		rm -rf "$XDG_STATE_HOME"
		start_ui "$dir"
		wait_for 20 full_screen >/dev/null || break
		key_time Enter >/dev/null
		rows=$(screen | sed -n 's/.* Reader  1-\([0-9]*\)\/.*/\1/p' | head -1)
		: >"$TMP/t1"
		steps_bytes j 10 "$TMP/t1"
		sum "$TMP/t1" >>"$TMP/tl"
		pipe_bytes Space >>"$TMP/tp"
		new_server
		"$TREAD" --show 1 --width 200 "$dir" >"$TMP/article.txt" 2>/dev/null
		tmux -L "$TMUX_L" -f /dev/null new-session -d -s bench -x 200 \
		    -y "$((${rows:-34} + 1))" "less '$TMP/article.txt'; sleep 30"
		sleep 0.5
		: >"$TMP/l1"
		steps_bytes j 10 "$TMP/l1"
		sum "$TMP/l1" >>"$TMP/ll"
		pipe_bytes Space >>"$TMP/lp"
		new_server
		i=$((i + 1))
	done
	echo
	echo "4. bytes to the terminal, reader vs less, same text and viewport" \
	    "(200 x ${rows:-?} rows), median of $BENCH_RUNS"
	printf '   %-22s %10s %10s\n' "" "tread" "less"
	printf '   %-22s %10s %10s\n' "ten lines (j x 10)" "$(median <"$TMP/tl")" "$(median <"$TMP/ll")"
	printf '   %-22s %10s %10s\n' "then a page (Space)" "$(median <"$TMP/tp")" "$(median <"$TMP/lp")"
}

# adversarial_table: part 5, 1 MB runs that were once quadratic in the
# date scan (issue 9): each must load in well under a second.
adversarial_table() {
	echo
	echo "5. adversarial text, one 1 MB article each, tread --list --no-cache, median of $BENCH_RUNS"
	for kind in comb emoji cjk; do
		mkdir -p "$TMP/adv-$kind"
		perl -CS -e '
			my %u = (comb => "\x{301}", emoji => "\x{1F600}",
			    cjk => "\x{3001}\x{3002}");
			my $u = $u{$ARGV[0]}; my $b = $u; utf8::encode($b);
			print "A run of $ARGV[0]\n\n", "a", $u x int(1048576 / length $b), "\n";' \
		    "$kind" >"$TMP/adv-$kind/a.txt"
		: >"$TMP/adv"
		i=0
		while [ "$i" -lt "$BENCH_RUNS" ]; do
			measure "$TMP/adv" "$TREAD" --list --no-cache "$TMP/adv-$kind"
			i=$((i + 1))
		done
		printf '   %-40s %8s s (budget < 1)\n' "$kind" "$(col 1 "$TMP/adv")"
	done
}

# scale_table: part 6, the 1,000,000-article tier (BENCH_1M=1): the first
# run (empty cache) and the UI figures of parts 2 and 3, one run each.
scale_table() {
	dir=$(corpus 1000000)
	: >"$TMP/first1m"
	rm -rf "$XDG_CACHE_HOME"
	measure "$TMP/first1m" "$TREAD" --list "$dir"
	echo
	echo "6. scale tier, 1,000,000 articles ($(du -smL "$dir/" | cut -f1) MB)"
	row "tread --list (empty cache, writes it)" "$TMP/first1m"
	BENCH_RUNS=1 startup_table 1000000 warm
	printf '   budgets at 1M: warm start < 300 ms, toggle and keystroke < 16 ms, UI RSS < 500 MB\n'
}

mkdir -p "$BENCH_DIR"
"$TERMS_BIN" >"$TMP/terms" || exit 1
echo "tread benchmark: $(nproc 2>/dev/null || echo '?') cores, $BENCH_RUNS runs per figure, $(date -u '+%Y-%m-%d %H:%M UTC')"
for n in $BENCH_SIZES; do
	index_table "$n"
done
big=$(echo "$BENCH_SIZES" | awk '{ print $NF }')
startup_table "$big"
scroll_table "$big"
adversarial_table
[ -n "${BENCH_1M:-}" ] && scale_table
exit 0
