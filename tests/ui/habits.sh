#!/bin/sh
# habits.sh: what mutt, newsboat, tig and less users expect: q and Esc go
# back from the reader, q in the list quits; a [keys] config that leaves
# no way to quit is refused; the status hints follow the bindings; the
# unread count; the mouse off by default; --filter as the starting query.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux not installed"; exit 77; }

total=$(batch --list | sed 1d | wc -l)
file3=$(batch --list | sed -n 4p | cut -f2 | sed 's|.*/||; s|\.txt$||')
file1=$(batch --list | sed -n 2p | cut -f2 | sed 's|.*/||; s|\.txt$||')

# --- q and Esc in the reader go back to the list; q there quits.
ui_start 80 24
see "starts, every article unread" "$total/$total articles  $total unread"
keys Enter
see "an article opens (read)" "$total/$total articles  $((total - 1)) unread"
keys j
see "j scrolls the reader" "Reader  2-"
keys q
sleep 0.3
[ -z "$(tread_rc)" ] && pass "q in the reader does not quit" ||
	fail "q in the reader does not quit" "exit $(tread_rc)"
keys j Enter
see "q gave the focus back to the list (j Enter opens the second)" "$total/$total articles  $((total - 2)) unread"
keys Escape
sleep 0.3
keys k Enter
see "Esc went back to the list (k Enter: the first again)" "$file1"
keys q m
see "m marks the first article unread again" "$((total - 1)) unread"
# rows 1 and 2 read now but 1 (m); u from row 1 skips row 2 to row 3
keys u Enter
see "u went to the next unread (the third article)" "$file3"
keys U
see "U in the reader opens the previous unread (the first)" "$file1"
keys U
see "none before the first" "no earlier unread article"
keys q
keys q
see "q in the list quits" "TREAD-EXIT=0"

# --- reader search ignores case and diacritics, as queries do.
ui_start 80 24
see "search: starts" "unread"
keys j Enter /
keys -l "WSPOLPRACY"; keys Enter
see "search: WSPOLPRACY finds współpracy" "match 1 of"
keys g /; keys -l "kazachstanu"; keys Enter
# "match 1 of 1": the new count (10 or 11), not the last search's 41 still
# on a slow (sanitized) screen.
see "search: kazachstanu at once" "match 1 of 1"
once=$(tail -1 "$T_TMP/screen" | sed 's/.*\(match 1 of [0-9]*\).*/\1/')
keys g /; keys -l "kazach"
see "search: kazach (live)" "match 1 of"
keys -l "stanu"; keys Enter
see "search: typed on, the narrowed matches are the same ($once)" "$once"
[ "$once" = "match 1 of 10" ] || [ "$once" = "match 1 of 11" ] &&
	pass "search: every Kazachstanu of the body ($once)" ||
	fail "search: every Kazachstanu of the body" "$once"
keys Enter q q
see "search: quits" "TREAD-EXIT=0"

# --- the mouse is off by default: no mouse reporting asked of the terminal.
ui_start 80 24
see "mouse: starts" "unread"
[ "$(tm display-message -p -t 0 '#{mouse_any_flag}')" = 0 ] &&
	pass "mouse off by default" ||
	fail "mouse off by default" "mouse_any_flag=$(tm display-message -p -t 0 '#{mouse_any_flag}')"
keys q
printf '[layout]\nmouse = yes\n' >"$T_TMP/mouse.ini"
ui_start 80 24 -- --config "$T_TMP/mouse.ini"
see "mouse = yes: starts" "unread"
[ "$(tm display-message -p -t 0 '#{mouse_any_flag}')" = 1 ] &&
	pass "mouse = yes turns it on" ||
	fail "mouse = yes turns it on" "mouse_any_flag=$(tm display-message -p -t 0 '#{mouse_any_flag}')"
keys q

# --- the hints name the real keys.
printf '[keys]\nquit = Q\nhelp = F1\n' >"$T_TMP/hints.ini"
ui_start 80 24 -- --config "$T_TMP/hints.ini"
see "rebound: the hints follow" "F1:help /:query Q:quit"
keys Q
see "rebound: Q quits" "TREAD-EXIT=0"

# --- a [keys] config that leaves no way to quit is refused.
printf '[keys]\nquit = j\n' >"$T_TMP/trap.ini"
ui_start 80 24 -- --config "$T_TMP/trap.ini"
see "quit shadowed by a list key: exit 2" "TREAD-EXIT=2"
grep -q "trap.ini: \[keys\] leave no key that quits" "$T_TMP/stderr" &&
	pass "the message names the file" ||
	fail "the message names the file" "$(cat "$T_TMP/stderr")"
printf '[keys]\nquit = \n' >"$T_TMP/none.ini"
ui_start 80 24 -- --config "$T_TMP/none.ini"
see "quit bound to nothing: refused" "TREAD-EXIT=2"
mkdir -p "$XDG_CONFIG_HOME/tread"
printf '[keys]\nquit = j\n' >"$XDG_CONFIG_HOME/tread/tread.ini"
ui_start 80 24
see "the user's own trap: a warning, the defaults" "unread"
grep -q "tread.ini: \[keys\] leave no key that quits.*default settings" "$T_TMP/stderr" &&
	pass "warned with the file" || fail "warned with the file" "$(cat "$T_TMP/stderr")"
keys q
see "and q quits" "TREAD-EXIT=0"
rm -f "$XDG_CONFIG_HOME/tread/tread.ini"

# --- --filter starts the reader with that query (as it filters --list).
npl=$(batch --list --filter lang:pl | sed 1d | wc -l)
ui_start 100 24 -- --filter lang:pl
see "--filter: the reader starts filtered" "$npl/$total articles"
see "--filter: the status shows the query" "filter: lang:pl"
keys /
see "--filter: the query line holds it" "Query: lang:pl"
keys Escape q
ui_start 80 24 -- --filter nosuchfield:x
see "--filter that does not parse: exit 2 before the screen" "TREAD-EXIT=2"
grep -q "^tread: --filter: " "$T_TMP/stderr" && pass "--filter error on stderr" ||
	fail "--filter error on stderr" "$(cat "$T_TMP/stderr")"

ui_stop
done_testing
