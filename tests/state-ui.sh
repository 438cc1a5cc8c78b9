#!/bin/sh
# state-ui.sh: a corrupt state file in the reader: the warning is on the
# screen (not only on a stderr the screen hides), the lines that parse
# are kept, the file is kept aside, and quitting writes what was kept.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui/uilib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux not installed"; exit 77; }

first=$(batch --list | sed -n 2p | cut -f2)
key=$(cd "$(dirname "$first")" && pwd -P)/$(basename "$first")
S="$XDG_STATE_HOME/tread"
mkdir -p "$S" && chmod 700 "$S"
# A good mark, a mangled line, a wrong sum.
printf 'tread-state 1\nr\t0\t%s\nr\tjunk\nend 2 0000000000000000\n' "$key" >"$S/state"
cp "$S/state" "$T_TMP/orig"

ui_start 100 30
see "warning shown in the UI" "corrupt state file"
see "it says what was kept" "1 marks kept"
keys q
wait_for "TREAD-EXIT=0" && pass "quits" || fail "quits" "$(cat "$T_TMP/screen")"
aside=$(ls "$S" | grep '^state\.corrupt-' | head -1)
[ -n "$aside" ] && cmp -s "$S/$aside" "$T_TMP/orig" &&
	pass "the corrupt file is kept aside unchanged" ||
	fail "the corrupt file is kept aside unchanged" "$(ls -la "$S")"
grep -qF "$key" "$S/state" && pass "the kept mark is saved" ||
	fail "the kept mark is saved" "$(cat "$S/state" 2>&1)"

# The next start is clean: no warning.
ui_start 100 30
see "next start: list shown" "Title"
not_see "next start: no warning" "corrupt"
keys q
ui_stop

# A crash (here a SIGSEGV sent from outside) gives the terminal back and
# ends tread by the same signal. (Under AddressSanitizer its own handler
# reports the fault instead: not checked there.)
if [ -z "${ASAN_OPTIONS:-}" ]; then
	ui_start 100 30
	see "crash: the reader is up" "Title"
	[ "$(pane_alt)" = 1 ] || fail "crash: alternate screen in use first"
	kill -SEGV "$(tread_pid)"
	see "crash: ends by the signal" "TREAD-EXIT=139"
	[ "$(pane_alt)" = 0 ] && pass "crash: the terminal is given back" ||
		fail "crash: the terminal is given back" "$(screen)"
	ui_stop
fi
done_testing
