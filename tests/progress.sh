#!/bin/sh
# progress.sh: a load that reads files shows its progress on stderr when
# stderr is a terminal (a status line, erased at the end), and nothing
# otherwise; a warning takes the line; the reader's cold start shows the
# progress before its first screen.
. "$(dirname "$0")/lib.sh"

CORPUS="$T_TMP/corpus"
mkdir -p "$CORPUS"
cp "$ARTICLES"/*.txt "$CORPUS/"
N=$(ls "$CORPUS" | wc -l)
ESC=$(printf '\033')
CR=$(printf '\r')

# on_tty NAME [ENV=VALUE...] -- ARGS...: tread ARGS with stdout to
# NAME.out and stderr on a pseudo-terminal, as seen there: NAME.tty.
on_tty() {
	n=$1; shift
	envs=
	while [ "$1" != "--" ]; do envs="$envs $1"; shift; done
	shift
	script -q -e -c "env $envs '$TREAD' $* >'$T_TMP/$n.out'" /dev/null \
	    </dev/null >"$T_TMP/$n.tty" 2>&1
}

# has NAME FILE TEXT: FILE contains TEXT (a fixed string).
has() {
	if grep -qF -- "$3" "$2"; then pass "$1"
	else fail "$1" "$(cat -v "$2" | head -5)"; fi
}

# lacks NAME FILE TEXT: FILE does not contain TEXT.
lacks() {
	if grep -qF -- "$3" "$2"; then fail "$1" "$(cat -v "$2" | head -5)"
	else pass "$1"; fi
}

# --- not a terminal: quiet
"$TREAD" --list "$CORPUS" >"$T_TMP/plain.out" 2>"$T_TMP/plain.err"
[ -s "$T_TMP/plain.err" ] && fail "stderr not a terminal: no progress" \
    "$(cat -v "$T_TMP/plain.err")" || pass "stderr not a terminal: no progress"

if ! command -v script >/dev/null 2>&1; then
	echo "# no script(1): terminal checks skipped"
	done_testing
	exit $?
fi

# --- a terminal: a status line while files are read, erased at the end
rm -rf "$XDG_CACHE_HOME"
on_tty cold -- --list "$CORPUS"
has "terminal: the files found are told first" "$T_TMP/cold.tty" \
    "tread: checking: $N files"
has "terminal: reading starts at 0 of every file" "$T_TMP/cold.tty" \
    "tread: reading: 0/$N files"
has "terminal: all files read, then indexing" "$T_TMP/cold.tty" \
    "tread: indexing: $N/$N files"
tail -c 4 "$T_TMP/cold.tty" | grep -q "$CR$ESC\[K" &&
    pass "terminal: the status line is erased at the end" ||
    fail "terminal: the status line is erased at the end" \
    "$(tail -c 40 "$T_TMP/cold.tty" | cat -v)"
check_file "terminal: the listing is unchanged" "$T_TMP/plain.out" \
    "$T_TMP/cold.out"
on_tty warm -- --list "$CORPUS"
check_file "terminal, warm start: the listing" "$T_TMP/plain.out" \
    "$T_TMP/warm.out"
lacks "terminal, warm start (nothing read): no reading" "$T_TMP/warm.tty" \
    "reading"
tail -c 4 "$T_TMP/warm.tty" | grep -q "$CR$ESC\[K" &&
    pass "terminal, warm start: the check's line is erased" ||
    fail "terminal, warm start: the check's line is erased" \
    "$(tail -c 40 "$T_TMP/warm.tty" | cat -v)"
on_tty quiet -- --list --quiet --no-cache "$CORPUS"
check_file "terminal, --quiet: the listing" "$T_TMP/plain.out" \
    "$T_TMP/quiet.out"
lacks "terminal, --quiet: no progress" "$T_TMP/quiet.tty" "reading"
on_tty dumb TERM=dumb -- --list --no-cache "$CORPUS"
check_file "terminal, TERM=dumb: the listing" "$T_TMP/plain.out" \
    "$T_TMP/dumb.out"
lacks "terminal, TERM=dumb: no progress" "$T_TMP/dumb.tty" "reading"

# --- a warning while the status line is up erases it and keeps its line
printf 'bin\000ary\000' >"$CORPUS/zz-binary.txt"
on_tty warned -- --list --no-cache "$CORPUS"
has "a warning erases the status line first" "$T_TMP/warned.tty" \
    "$CR$ESC[Ktread: $CORPUS/zz-binary.txt: not a text file, skipped"
rm -f "$CORPUS/zz-binary.txt"

# --- the reader, empty cache: the progress, then the full list
if command -v tmux >/dev/null 2>&1; then
	. "$(dirname "$0")/ui/uilib.sh"
	rm -rf "$XDG_CACHE_HOME"
	ui_n=1 TM_SOCK="tread$$.p"
	cat >"$T_TMP/cold-ui.sh" <<EOS
echo \$\$ >"$T_TMP/pid"
sleep 0.3
exec env TERM=screen-256color "$TREAD" "$CORPUS"
EOS
	tm new-session -d -x 160 -y 30 "sh $T_TMP/cold-ui.sh; exec sleep 600"
	tm pipe-pane -t 0 -o "cat >>'$T_TMP/pane.raw'"
	last=$(awk -F '\t' 'END { print substr($6, 1, 30) }' "$T_TMP/plain.out")
	wait_for "$N articles" && pass "cold reader: the full list" ||
	    fail "cold reader: the full list" "$(cat "$T_TMP/screen")"
	wait_for "$last" && pass "cold reader: the last article listed" ||
	    fail "cold reader: the last article listed" "$(cat "$T_TMP/screen")"
	has "cold reader: the progress came first" "$T_TMP/pane.raw" \
	    "tread: checking: $N files"
	tm send-keys -t 0 q
	ui_stop
fi

done_testing
