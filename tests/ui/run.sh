#!/bin/sh
# run.sh: the reader's real UI, driven in tmux: layout, keys, resize,
# locales, colours, terminal restore, signals. Needs tmux (CI installs it).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux not installed"; exit 77; }

# What the batch mode says, to compare the screen with.
titles=$(batch --list | sed 1d | cut -f6)
# (its file name without .txt: a long build path may wrap at the dot)
file3=$(batch --list | sed -n 4p | cut -f2 | sed 's|.*/||; s|\.txt$||')
theme1=$(batch --themes | sed -n 2p | cut -f1)
n_theme1=$(batch --list --filter "theme:$theme1" | sed 1d | wc -l)
total=$(printf '%s\n' "$titles" | wc -l)

# --- start-up at 80x24: three panes, status and message lines.
ui_start 80 24
see "80x24: status line" "$total/$total articles"
see "80x24: themes panel" "Themes (all of)"
see "80x24: list header" "Title"
see "80x24: reader pane" "Reader"
see "80x24: first title" "$(printf '%s\n' "$titles" | head -1 | cut -c1-15)"
fits "80x24: nothing wider than the screen" 80 24
[ "$(sed -n 23p "$T_TMP/fit" | cut -c2-)" != "" ] &&
	grep -q "articles" "$T_TMP/fit" && [ "$(pane_alt)" = 1 ] &&
	pass "80x24: alternate screen in use" ||
	fail "80x24: alternate screen in use"

# --- moving through the list and opening an article.
keys j j Enter
see "j j Enter opens the third article" "$file3"
see "the reader shows its position" "Reader  1-"
keys Space
not_see "Space pages the reader" "Reader  1-"
keys g
see "g goes back to the top" "Reader  1-"
keys Tab
keys Space
see "toggling a theme filters by it" "filter: theme:$theme1"
see "the list follows the theme" "$n_theme1/$total articles"
see "the panel marks the theme" "[x]1"
keys a
see "a switches to any-of" "unread  any-of  sort:"
see "the panel says any-of" "Themes (any of)"
keys a
see "a switches back to all-of" "Themes (all of)"
keys c
see "c clears the filter" "filter: none"
see "and the list is whole again" "$total/$total articles"

# --- the query line: live narrowing, Esc cancels, Enter keeps.
keys /
see "/ opens the query line" "Query:"
keys -l "lang:de"
see "the query is live" "filter: lang:de"
keys Escape
see "Esc cancels the query" "filter: none"
keys / ; keys -l "lang:de"; keys Enter
not_see "Enter closes the query line" "Query:"
see "Enter keeps the query" "filter: lang:de"
n_de=$(batch --list --filter lang:de | sed 1d | wc -l)
see "the list matches the batch filter" "$n_de/$total articles"
keys / C-u Enter
see "an empty query shows all" "filter: none"
if ! batch --list --filter "nosuchfield:x" >/dev/null; then
	keys / ; keys -l "nosuchfield:x"
	see "a bad query is reported" "query:"
	keys Escape
fi

# --- search in the reader.
keys Tab
keys g Enter
keys /
see "/ in the reader searches" "Search:"
keys -l "kazak"
keys Enter
see "a match is found" "match 1 of"
keys n
see "n goes to the next match" "match 2 of"
keys N
see "N goes back" "match 1 of"
keys e
see "e jumps to theme evidence" "evidence 1 of"
screen -e >"$T_TMP/attrs"
grep -q "43m" "$T_TMP/attrs" && pass "search matches highlighted (black on yellow)" ||
	fail "search matches highlighted (black on yellow)" "$(cat -v "$T_TMP/attrs")"
grep -q "42m" "$T_TMP/attrs" && pass "theme evidence highlighted (black on green)" ||
	fail "theme evidence highlighted (black on green)" "$(cat -v "$T_TMP/attrs")"

# --- zoom and the side panel.
keys z
not_see "z zooms the reader (no themes panel)" "Themes (all of)"
keys z t
see "z again restores the panes" "Reader"
not_see "t hides the themes panel" "Themes (all of)"
keys t
see "t shows it again" "Themes (all of)"

# --- resize down to 40x12 and back.
tm resize-window -t 0 -x 40 -y 12
see "40x12: status still there" "articles"
not_see "40x12: the side panel collapses" "Themes (all of)"
fits "40x12: nothing wraps or overlaps" 40 12
tm resize-window -t 0 -x 80 -y 24
see "back to 80x24: the panel returns" "Themes (all of)"
fits "80x24 again: fits" 80 24

# --- help from the key table.
keys "?"
see "? shows the help" "tread help"
see "help lists the query key" "edit the query line"
keys q
see "q closes the help" "Themes (all of)"

# --- sort and language keys.
keys o
see "o sorts by source" "sort:source"
keys o o
see "o cycles back to date" "sort:date"
keys l
see "l filters by a language" "filter: lang:"
keys c

# --- r reloads the articles; idle costs no CPU.
keys r
see "r reloads" "reloaded: $total articles"
pid=$(tread_pid)
[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && pass "tread's pid is known" ||
	fail "tread's pid is known" "pid '$pid'"
if [ -n "$pid" ] && [ -r "/proc/$pid/stat" ]; then
	cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
	t0=$(cpu); sleep 1; t1=$(cpu)
	[ $((t1 - t0)) -le 5 ] && pass "idle: no busy loop ($((t1 - t0)) ticks in 1 s)" ||
		fail "idle: no busy loop ($((t1 - t0)) ticks in 1 s)"
fi

# --- quit restores the terminal.
keys q q	# the reader has the focus: q goes back, then quits
see "q quits with status 0" "TREAD-EXIT=0"
see "the shell's screen is back" "BEFORE-TREAD"
[ "$(pane_alt)" = 0 ] && pass "the alternate screen is left" ||
	fail "the alternate screen is left"

# --- read marks and reading positions survive a restart.
title2=$(printf '%s\n' "$titles" | sed -n 2p | cut -c1-20)
ui_start 80 24
see "state: starts" "$total/$total articles"
keys j Enter
see "state: article 2 open" "$title2"
keys Space Space
see "state: scrolled into the body (two pages of 12 lines)" "Reader  25-"
pos="Reader  25-"
keys q q
see "state: quits" "TREAD-EXIT=0"
if [ -f "$XDG_STATE_HOME/tread/state" ]; then
	pass "state: saved on quit"
	ui_start 80 24
	see "state: restarts" "$total/$total articles"
	mark=$(grep -F -- "$title2" "$T_TMP/screen" | head -1 | sed 's/.*│//' | cut -c1)
	[ "$mark" = " " ] && pass "state: article 2 is still read" ||
		fail "state: article 2 is still read" "$(cat "$T_TMP/screen")"
	keys j Enter
	see "state: the reading position is back" "$pos"
	keys m
	keys q q
	see "state: quits again" "TREAD-EXIT=0"
	ui_start 80 24
	see "state: third start" "$total/$total articles"
	mark=$(grep -F -- "$title2" "$T_TMP/screen" | head -1 | sed 's/.*│//' | cut -c1)
	[ "$mark" = "N" ] && pass "state: m marked it unread again" ||
		fail "state: m marked it unread again" "$(cat "$T_TMP/screen")"
else
	fail "state: saved on quit" "$(ls -R "$XDG_STATE_HOME" 2>&1)"
fi

# --- 200x60.
ui_start 200 60
see "200x60: starts" "$total/$total articles"
see "200x60: source column" "Source"
fits "200x60: fits" 200 60
# Every action of keys.def is in help (two screens of it at 200x60).
keys "?"
see "200x60: help" "tread help"
cp "$T_TMP/screen" "$T_TMP/help1"
keys G
see "200x60: the end of help" "Shift+drag"
cat "$T_TMP/help1" >>"$T_TMP/screen"
if [ -x "$top_builddir/tests/ui/keys-mdoc" ]; then
	"$top_builddir/tests/ui/keys-mdoc" --text | sed -n 's/^  .*  \([a-z-]*\)  *\(.*\)$/\2/p' \
	    >"$T_TMP/helps"
	missing=$(while IFS= read -r l; do grep -qF -- "$l" "$T_TMP/screen" ||
	    echo "$l"; done <"$T_TMP/helps")
	[ -s "$T_TMP/helps" ] && [ -z "$missing" ] &&
		pass "help shows every action of keys.def" ||
		fail "help shows every action of keys.def" "$missing"
fi
keys Escape
see "Esc closes the help" "Themes (all of)"
keys Enter
see "200x60: opens an article" "Reader  "	# at its saved position
# A real capture for the README (100x30).
tm resize-window -t 0 -x 100 -y 30
see "100x30: redrawn" "Themes (all of)"
screen >"$T_TMP/screen100"
fits "100x30: fits" 100 30
[ -n "${UI_SAVE_SCREEN:-}" ] && cp "$T_TMP/screen100" "$top_srcdir/tests/ui/screen.txt"

# --- wide (CJK), combining and bidi characters never break the layout.
mkdir -p "$T_TMP/wide"
cjk=$(printf '\344\270\255\345\215\216')	# two CJK characters
{
	i=0; while [ $i -lt 20 ]; do printf '%s' "$cjk"; i=$((i + 1)); done
	printf ' Zoe\314\201 \342\200\256evil\n\n2030-01-01\n\n'
	i=0; while [ $i -lt 90 ]; do printf '%s, ' "$cjk"; i=$((i + 1)); done
	printf '\n\nCafe\314\201 e\314\201\314\202 combining.\n'
} >"$T_TMP/wide/a.txt"
for loc in C.UTF-8 C; do
	ui_start 80 24 LANG=$loc LC_ALL=$loc -- "$T_TMP/wide/a.txt"
	see "wide ($loc): starts" "unread  sort:date"
	keys Enter
	see "wide ($loc): opens the CJK article" "2030-01-01"
	fits "wide ($loc): nothing wraps into another pane" 80 24
	grep -q "evil" "$T_TMP/fit" && ! grep -q "$(printf '\342\200\256')" "$T_TMP/fit" &&
		pass "wide ($loc): the bidi override is gone" ||
		fail "wide ($loc): the bidi override is gone" "$(cat "$T_TMP/fit")"
	tm resize-window -t 0 -x 41 -y 12
	see "wide ($loc): 41x12" "articles"
	fits "wide ($loc): 41x12 fits" 41 12
done

# --- LANG=C: ASCII only, transliterated.
ui_start 80 24 LANG=C LC_ALL=C
see "LANG=C: starts" "$total/$total articles"
if LC_ALL=C grep -q "$(printf '[\200-\377]')" "$T_TMP/screen"; then
	fail "LANG=C: only ASCII on the screen" "$(cat "$T_TMP/screen")"
else
	pass "LANG=C: only ASCII on the screen"
fi
if printf '%s\n' "$titles" | grep -q "przeprowadził"; then
	see "LANG=C: transliterated" "przeprowadzil"
fi
keys q
see "LANG=C: quits" "TREAD-EXIT=0"

# --- colours: on by default, attributes only with NO_COLOR.
ui_start 80 24
see "colour: starts" "$total/$total articles"
screen -e >"$T_TMP/color"
grep -qE "$(printf '\033')\[([0-9;]*;)?(3[0-7]|4[0-7])(;|m)" "$T_TMP/color" &&
	pass "colours are used by default" ||
	fail "colours are used by default" "$(head -3 "$T_TMP/color" | od -c | head)"
ui_start 80 24 NO_COLOR=1
see "NO_COLOR: starts" "$total/$total articles"
screen -e >"$T_TMP/mono"
if grep -qE "$(printf '\033')\[([0-9;]*;)?(3[0-7]|4[0-7]|38|48)(;|m)" "$T_TMP/mono"; then
	fail "NO_COLOR: no colours" "$(grep -c . "$T_TMP/mono")"
else
	pass "NO_COLOR: no colours"
fi
grep -q "$(printf '\033')\[7m" "$T_TMP/mono" && pass "NO_COLOR: reverse video instead" ||
	fail "NO_COLOR: reverse video instead"

# --- a 1x1 terminal does not crash; growing it back works.
ui_start 80 24
see "tiny: starts" "$total/$total articles"
tm resize-window -t 0 -x 1 -y 1
tm resize-window -t 0 -x 5 -y 2
tm resize-window -t 0 -x 1 -y 1
tm resize-window -t 0 -x 80 -y 24
see "1x1 and back: still running" "Themes (all of)"
keys q
see "1x1 and back: quits cleanly" "TREAD-EXIT=0"

# --- Ctrl-Z suspends (the shell regains the screen), fg resumes.
UI_JOB=1 ui_start 80 24
see "suspend: starts" "$total/$total articles"
keys C-z
see "C-z stops tread as a job" "Stopped"
not_see "C-z leaves the screen to the shell" "Themes (all of)"
[ "$(pane_alt)" = 0 ] && pass "C-z leaves the alternate screen" ||
	fail "C-z leaves the alternate screen"
keys fg Enter
see "fg redraws the reader" "Themes (all of)"
keys j
see "and it takes keys again" "Themes (all of)"

# --- SIGTERM: saves and leaves at once.
pid=$(tread_pid)
kill -TERM "$pid"
see "SIGTERM: tread leaves, killed by the signal it got" "TREAD-EXIT=143"
grep -q "saving and leaving" "$T_TMP/stderr" && pass "SIGTERM: says so on stderr" ||
	fail "SIGTERM: says so on stderr" "$(cat "$T_TMP/stderr")"

# --- a closed terminal (server killed): tread exits, no spinning.
ui_start 80 24
see "hang-up: starts" "$total/$total articles"
pid=$(tread_pid)
tm kill-server >/dev/null 2>&1	# not ui_stop: that would kill tread itself
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 40 ]; do sleep 0.05; i=$((i + 1)); done
kill -0 "$pid" 2>/dev/null && { fail "hang-up: tread exits within 2 s"; kill -KILL "$pid"; } ||
	pass "hang-up: tread exits within 2 s"

# --- TERM=dumb and unknown terminals are refused with one line.
ui_start 80 24 TERM=dumb
see "TERM=dumb: exit 1" "TREAD-EXIT=1"
grep -q "cannot move the cursor" "$T_TMP/stderr" && pass "TERM=dumb: a clear message" ||
	fail "TERM=dumb: a clear message" "$(cat "$T_TMP/stderr")"
[ "$(wc -l <"$T_TMP/stderr")" -eq 1 ] && pass "TERM=dumb: one line" ||
	fail "TERM=dumb: one line" "$(cat "$T_TMP/stderr")"
ui_start 80 24 TERM=no-such-terminal
see "unknown TERM: exit 1" "TREAD-EXIT=1"
grep -q "unknown terminal" "$T_TMP/stderr" && pass "unknown TERM: a clear message" ||
	fail "unknown TERM: a clear message" "$(cat "$T_TMP/stderr")"

# --- a bad tread.ini is refused before the screen changes.
printf '[colors]\ncursor = purple\n' >"$T_TMP/bad.ini"
ui_start 80 24 -- --config "$T_TMP/bad.ini"
see "bad config: exit 2" "TREAD-EXIT=2"
grep -q "bad.ini:2:" "$T_TMP/stderr" && pass "bad config: FILE:LINE in the message" ||
	fail "bad config: FILE:LINE in the message" "$(cat "$T_TMP/stderr")"

# --- [keys] in tread.ini rebinds an action (help follows); bad names refused.
printf '[keys]\nquit = Q\n' >"$T_TMP/keys.ini"
ui_start 80 24 -- --config "$T_TMP/keys.ini"
see "[keys]: starts" "$total/$total articles"
keys q
see "[keys]: q is no longer quit" "no such key"
keys "?" /; keys -l "quit, saving"; keys Enter
see "[keys]: help finds quit" "match 1 of 1"
grep -qE '^  Q +quit, saving' "$T_TMP/screen" &&
	pass "[keys]: help shows the new key" ||
	fail "[keys]: help shows the new key" "$(cat "$T_TMP/screen")"
keys Escape Q
see "[keys]: Q quits" "TREAD-EXIT=0"
printf '[keys]\nquit = q\nzap = z\n' >"$T_TMP/keys2.ini"
ui_start 80 24 -- --config "$T_TMP/keys2.ini"
see "[keys]: unknown action refused" "TREAD-EXIT=2"
grep -q "keys2.ini:3: unknown action 'zap'" "$T_TMP/stderr" &&
	pass "[keys]: FILE:LINE of the unknown action" ||
	fail "[keys]: FILE:LINE of the unknown action" "$(cat "$T_TMP/stderr")"

# --- a bad tread.ini of the user's own (XDG): a warning, then the defaults.
mkdir -p "$XDG_CONFIG_HOME/tread"
printf '[colors]\ncursor = purple\n' >"$XDG_CONFIG_HOME/tread/tread.ini"
ui_start 80 24
see "bad XDG config: starts anyway" "$total/$total articles"
grep -q "tread.ini:2: .*using the default settings" "$T_TMP/stderr" &&
	pass "bad XDG config: warned with FILE:LINE" ||
	fail "bad XDG config: warned with FILE:LINE" "$(cat "$T_TMP/stderr")"
keys q
see "bad XDG config: quits" "TREAD-EXIT=0"
rm -f "$XDG_CONFIG_HOME/tread/tread.ini"

ui_stop
done_testing
