#!/bin/sh
# soak.sh: random keys at the real tread in tmux until time is up: every
# key of keys.def, the prompts' editing keys, typed ASCII and non-ASCII
# text, control and function keys, terminal resizes. Seeded: the same
# SOAK_SEED sends the same keys. A death (a signal, a non-zero exit, a
# sanitizer report, a busy loop) fails with the seed and the last keys.
#   SOAK_SECONDS (default 20)   SOAK_SEED (default: from the clock)
#   SOAK_KEYS (print this many last keys on a death, default 40)
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux not installed"; exit 77; }

set -f	# the keys are words: '*' and '?' are keys, not patterns
UI_SHIELD=1
secs=${SOAK_SECONDS:-20}
seed=${SOAK_SEED:-$(( $(date +%s) % 100000 + $$ ))}
nlast=${SOAK_KEYS:-20}
echo "# soak: SOAK_SEED=$seed SOAK_SECONDS=$secs"

# rnd N: a number in [0, N) from the seeded generator (an LCG: the same
# seed, the same keys, on every shell with 64-bit arithmetic).
rs=$seed
rnd() { rs=$(( (rs * 6364136223846793005 + 1442695040888963407) & 0x7fffffffffffffff )); r=$(( (rs >> 33) % $1 )); }

# pick WORDS...: one of the words, in $w.
pick() { rnd $#; shift $r; w=$1; }

# The keys of keys.def (all contexts), as tmux names: the binding table is
# read from the source, so a new binding is soaked from its first day.
bound=$(sed -n 's/^KEY([A-Z_]*,[	 ]*"\([^"]*\)".*/\1/p' "$top_srcdir/src/keys.def" |
	tr ' ' '\n' | sed -e 's/^S-Tab$/BTab/; s/^PgUp$/PPage/; s/^PgDn$/NPage/' \
	-e 's/^Esc$/Escape/; s/^BS$/BSpace/; s/^Del$/DC/' | sort -u | tr '\n' ' ')
special="BSpace C-h Left Right Up Down Home End PPage NPage Tab BTab Enter
	Escape DC IC F1 F2 F3 F5 F10 F12 C-a C-b C-d C-e C-f C-g C-k C-l C-n
	C-o C-p C-r C-t C-u C-v C-w C-x C-y C-z C-c C-] C-^ M-x M-a Space"
ascii="a e q x z 0 1 5 9 / ? : ; , . - _ = + * & ^ % $ # @ ! ~ ' ( ) [ ] { } < > | lang:pl
	lang:de theme: source: title: date:2020 AND OR NOT \" kazak energy"
text=$(printf "ü ł ż é ß Ж қ ә 中 国 … — € 👍 e\314\201 \342\200\256 \357\277\275 \360\237\207\265\360\237\207\261 ﷽ Ⅻ")
sizes="80x24 120x35 200x60 40x12 20x6 100x30 3x2 1x1 81x25 60x40"

# The articles: the shipped ones and the hostile ones.
UI_ARTS="$ARTICLES $top_srcdir/tests/bad/articles"
: >"$T_TMP/keys.log"
sent=0 batches=0 starts=0 deaths=0

# start: tread at a random size. Every command tread runs (|, :pipe, v,
# the editor) goes through $SHELL: /bin/true runs none of the random text
# typed into the pipe prompt, and PAGER, VISUAL, EDITOR are harmless too.
# Files saved by s and :save land in a scratch directory (the cwd).
start() {
	pick $sizes
	ui_start "${w%x*}" "${w#*x}" SHELL=/bin/true PAGER=/bin/true \
	    VISUAL=/bin/true EDITOR=/bin/true
	starts=$((starts + 1))
	echo "--- start $starts at $w" >>"$T_TMP/keys.log"
	i=0
	while [ -z "$(tread_pid)" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
	pid=$(tread_pid)
}

# death WHAT: report and stop.
death() {
	deaths=1
	fail "soak: tread $1 (SOAK_SEED=$seed, after $sent keys)" "$(
		echo "last batches of keys (oldest first; typed text on a line of its own):"; grep -v '^---' "$T_TMP/keys.log" | tail -n "$nlast" | sed 's/^/  /'
		echo; echo "stderr:"; head -40 "$T_TMP/stderr" 2>/dev/null
		echo "screen:"; screen)"
}

# alive: 0 while tread runs; a quit with status 0 starts a new one.
alive() {
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		# a C-z in a shell without job control stops tread: continue it
		st=
		# (it may end between the test and the read)
		{ read -r st <"/proc/$pid/stat"; } 2>/dev/null
		st=${st##*) }; st=${st%% *}
		[ "$st" = T ] && kill -CONT "$pid" 2>/dev/null
		return 0
	fi
	i=0
	while [ -z "$(tread_rc)" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	rc=$(tread_rc)
	# a signal from a key sent while tread quit (C-c in cooked mode) is
	# a clean leave when tread says so
	case $rc in
	0) ;;
	1|129|130|131|143)
		grep -q "saving and leaving" "$T_TMP/stderr" ||
			{ death "exited with status $rc"; return 1; } ;;
	*) death "exited with status ${rc:-unknown}"; return 1 ;;
	esac
	sanitizer && return 1
	start
}

# sanitizer: 0 (and a death) when stderr holds a sanitizer report.
sanitizer() {
	grep -q 'Sanitizer\|runtime error:' "$T_TMP/stderr" 2>/dev/null || return 1
	death "had a sanitizer report"
}

# busy: 0 (and a death) when tread keeps a core busy for 5 s of quiet.
busy() {
	[ -r "/proc/$pid/stat" ] || return 1
	i=0
	while [ $i -lt 10 ]; do
		t0=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null) || return 1
		sleep 0.5
		t1=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null) || return 1
		[ $((t1 - t0)) -lt 40 ] && return 1
		i=$((i + 1))
	done
	death "spins (a core busy for 5 s with no keys)"
}

# batch: one to eight random keys of one kind, or a resize.
batch() {
	rnd 8; n=$((r + 1))
	rnd 100
	if [ $r -lt 4 ]; then
		pick $sizes
		tm resize-window -t 0 -x "${w%x*}" -y "${w#*x}" 2>/dev/null
		echo "resize:$w" >>"$T_TMP/keys.log"; return
	fi
	k=0 set_l=
	if [ $r -lt 50 ]; then set=$bound; elif [ $r -lt 75 ]; then set=$special
	elif [ $r -lt 90 ]; then set=$ascii set_l=-l; else set=$text set_l=-l; fi
	args= lit=
	while [ $k -lt $n ]; do
		# shellcheck disable=SC2086
		pick $set
		if [ -n "$set_l" ]; then lit="$lit$w"; else args="$args $w"; fi
		k=$((k + 1))
	done
	if [ -n "$lit" ]; then
		printf '%s\n' "$lit" >>"$T_TMP/keys.log"
		tm send-keys -t 0 -l -- "$lit"
	else
		echo "$args" >>"$T_TMP/keys.log"
		# shellcheck disable=SC2086
		tm send-keys -t 0 $args
	fi
	sent=$((sent + n))
}

mkdir -p "$T_TMP/scratch"
cd "$T_TMP/scratch" || exit 1
start
end=$(($(date +%s) + secs))
while [ "$(date +%s)" -lt "$end" ]; do
	batch
	batches=$((batches + 1))
	alive || break
	[ $((batches % 50)) -eq 0 ] && { sanitizer && break; busy && break; }
done
if [ $deaths -eq 0 ]; then
	alive && ! sanitizer && ! busy &&
		pass "soak: $sent keys in $secs s, $starts starts, no death (SOAK_SEED=$seed)"
fi
ui_stop
done_testing
