#!/bin/sh
# progress.sh: a load that reads files shows its progress on stderr when
# stderr is a terminal (a status line, erased at the end), and nothing
# otherwise; a warning takes the line; the reader's cold start shows a
# small corpus whole at once, and a slow one filling as it is read.
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
	wait_for "$N/$N articles" && pass "cold reader: the full list" ||
	    fail "cold reader: the full list" "$(cat "$T_TMP/screen")"
	wait_for "$last" && pass "cold reader: the last article listed" ||
	    fail "cold reader: the last article listed" "$(cat "$T_TMP/screen")"
	lacks "cold reader, small corpus: shown whole, no loading line" \
	    "$T_TMP/pane.raw" "loading"
	lacks "cold reader: nothing on stderr under the screen" \
	    "$T_TMP/pane.raw" "tread: checking"
	tm send-keys -t 0 q
	ui_stop

	# A slow load (400 ms an article): the first screen says what is
	# being loaded, then lists the articles read so far (filters work
	# on them), then the whole list, with the People group.
	rm -rf "$XDG_CACHE_HOME"
	ui_n=2 TM_SOCK="tread$$.s"
	cat >"$T_TMP/slow-ui.sh" <<EOS
echo \$\$ >"$T_TMP/pid"
exec env TERM=screen-256color TREAD_TEST_SLOW_LOAD=400 "$TREAD" "$CORPUS"
EOS
	tm new-session -d -x 160 -y 30 "sh $T_TMP/slow-ui.sh; exec sleep 600"
	UI_DEADLINE=5
	wait_for "loading 0/$N files, filters apply to what is loaded" &&
	    pass "slow load: the first screen tells the files" ||
	    fail "slow load: the first screen tells the files" "$(cat "$T_TMP/screen")"
	grep -q " 0/0 articles" "$T_TMP/screen" &&
	    pass "slow load: no article yet" ||
	    fail "slow load: no article yet" "$(cat "$T_TMP/screen")"
	tm send-keys -t 0 Tab Tab z	# the themes panel, whole
	wait_for "loading 2/$N files" &&
	    pass "slow load: the count goes up" ||
	    fail "slow load: the count goes up" "$(cat "$T_TMP/screen")"
	grep -q "loading 2/$N files.* 2/2 articles" "$T_TMP/screen" &&
	    pass "slow load: the articles read are listed" ||
	    fail "slow load: the articles read are listed" "$(cat "$T_TMP/screen")"
	grep -q "Lexicon" "$T_TMP/screen" && ! grep -q "Discovered\|People" \
	    "$T_TMP/screen" &&
	    pass "slow load: lexicon themes, no discovered ones or people yet" ||
	    fail "slow load: lexicon themes, no discovered ones or people yet" \
	    "$(cat "$T_TMP/screen")"
	tm send-keys -t 0 /
	tm send-keys -t 0 -l "zzqx"
	wait_for "filter: zzqx" >/dev/null
	grep -q " 0/[0-9]* articles .*filter: zzqx" "$T_TMP/screen" &&
	    pass "slow load: a query filters what is loaded" ||
	    fail "slow load: a query filters what is loaded" "$(cat "$T_TMP/screen")"
	tm send-keys -t 0 C-u Enter
	# the list again, and its first article opened in the reader
	tm send-keys -t 0 z Tab Enter
	wait_for "▶Reader" >/dev/null
	grep -qF "Enter opens the selected article" "$T_TMP/screen" &&
	    fail "slow load: an article is opened while loading" \
	    "$(cat "$T_TMP/screen")" ||
	    pass "slow load: an article is opened while loading"
	UI_DEADLINE=20
	wait_for "loaded: $N articles" &&
	    pass "slow load: the end is told" ||
	    fail "slow load: the end is told" "$(cat "$T_TMP/screen")"
	see "slow load: then the whole list" "$N/$N articles"
	not_see "slow load: the loading line is gone" "loading "
	grep -qF "Enter opens the selected article" "$T_TMP/screen" &&
	    fail "slow load: the article opened stays open" \
	    "$(cat "$T_TMP/screen")" ||
	    pass "slow load: the article opened stays open"
	tm send-keys -t 0 Tab z	# the themes panel, whole
	see "slow load: the People group comes with it" "People & places"
	tm send-keys -t 0 q
	ui_stop

	# r reads the files again: the old list stays, the message line
	# tells the reload's progress, then its end.
	ui_n=4 TM_SOCK="tread$$.r"
	tm new-session -d -x 160 -y 30 "sh $T_TMP/slow-ui.sh; exec sleep 600"
	UI_DEADLINE=20
	wait_for "$N/$N articles" >/dev/null
	tm send-keys -t 0 r
	UI_DEADLINE=5
	wait_for "reloading: " &&
	    pass "r: the reload's progress on the message line" ||
	    fail "r: the reload's progress on the message line" "$(cat "$T_TMP/screen")"
	grep -q "$N/$N articles" "$T_TMP/screen" &&
	    pass "r: the old list stays on screen meanwhile" ||
	    fail "r: the old list stays on screen meanwhile" "$(cat "$T_TMP/screen")"
	UI_DEADLINE=20
	wait_for "reloaded: $N articles" &&
	    pass "r: then the end is told" ||
	    fail "r: then the end is told" "$(cat "$T_TMP/screen")"
	tm send-keys -t 0 q
	ui_stop

	# Quitting in the middle keeps what was read in the cache.
	rm -rf "$XDG_CACHE_HOME"
	ui_n=3 TM_SOCK="tread$$.q"
	tm new-session -d -x 160 -y 30 "sh $T_TMP/slow-ui.sh; echo TREAD-EXIT=\$?; exec sleep 600"
	UI_DEADLINE=5
	wait_for "loading 2/$N files" >/dev/null
	tm send-keys -t 0 q
	wait_for "TREAD-EXIT=0" && pass "slow load: q quits at once" ||
	    fail "slow load: q quits at once" "$(cat "$T_TMP/screen")"
	ui_stop
	[ -s "$XDG_CACHE_HOME/tread/index" ] &&
	    pass "slow load: what was read is cached" ||
	    fail "slow load: what was read is cached" "$(ls -R "$XDG_CACHE_HOME")"
fi

done_testing
