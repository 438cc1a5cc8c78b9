#!/bin/sh
# cmd.sh: the : command line (actions by name, Tab completion, save, pipe,
# jump, query), the keys s | v and V, jumps by number, mark all read with
# its question, the query history across runs, the filter's undo, and the
# help: searchable, closed only by its own keys, not cut on a narrow
# screen; Esc closes the timeline.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux not installed"; exit 77; }

total=$(batch --list | sed 1d | wc -l)
# The list shows the newest first: its fourth row is the 2019 article.
id4=$(batch --list | awk -F'\t' '$3 ~ /^2019/ { print $1 }')
batch --show "$id4" >"$T_TMP/show4.txt"
batch --show "$id4" --width 100 >"$T_TMP/show4-100.txt"
# The pager and the editor: scripts that leave what they were given.
cat >"$T_TMP/pager.sh" <<EOF
#!/bin/sh
cat >"$T_TMP/paged.txt"
EOF
cat >"$T_TMP/editor.sh" <<EOF
#!/bin/sh
printf '%s\n' "\$1" >"$T_TMP/edited.txt"
EOF
chmod +x "$T_TMP/pager.sh" "$T_TMP/editor.sh"

# --- :save FILE is --show's bytes; an existing file is asked about.
ui_start 100 24 PAGER="$T_TMP/pager.sh" VISUAL="$T_TMP/editor.sh"
see "starts" "$total/$total articles"
keys :; keys -l "jump 4"; keys Enter
see ":jump 4 moves the cursor" "article 4 of $total"
keys :; keys -l "save $T_TMP/saved.txt"; keys Enter
see ":save says where" "saved to $T_TMP/saved.txt"
if cmp -s "$T_TMP/show4.txt" "$T_TMP/saved.txt"; then
	pass ":save FILE: byte for byte what --show $id4 prints"
else
	fail ":save FILE: byte for byte what --show $id4 prints" \
	    "$(diff "$T_TMP/show4.txt" "$T_TMP/saved.txt" | head -20)"
fi
ls "$T_TMP"/saved.txt.* >/dev/null 2>&1 &&
	fail ":save leaves no temp file" "$(ls "$T_TMP")" ||
	pass ":save leaves no temp file"
echo old >"$T_TMP/saved.txt"
keys :; keys -l "save $T_TMP/saved.txt"; keys Enter
see "an existing file: asked first" "exists: replace it? (y/n)"
keys n
see "n: not saved" "not saved"
[ "$(cat "$T_TMP/saved.txt")" = old ] && pass "n left the file alone" ||
	fail "n left the file alone"
keys s
see "s asks for a file name" "Save to file:"
keys -l "$T_TMP/sav"; keys Tab
see "s: Tab completes the file name" "Save to file: $T_TMP/saved.txt"
keys C-u; keys -l "$T_TMP/saved.txt"; keys Enter
see "s: the same question" "exists: replace it? (y/n)"
keys y
see "y: saved" "saved to $T_TMP/saved.txt"
cmp -s "$T_TMP/show4.txt" "$T_TMP/saved.txt" && pass "s saved the article" ||
	fail "s saved the article"
keys :; keys -l "save $T_TMP/pag"; keys Tab
see ":save: Tab completes the file name" ":save $T_TMP/pager.sh"
keys Escape
keys :; keys -l "save $T_TMP/no/such/dir/x"; keys Enter
see "a save that fails says why" "No such file or directory"
keys :; keys -l "save $T_TMP"; keys Enter
see "a directory is refused" "is a directory"

# --- :pipe COMMAND: the article on its input, a key to come back.
keys :; keys -l "pipe cat >$T_TMP/piped.txt; echo PIPED-OUTPUT"; keys Enter
see ":pipe shows the command's output" "PIPED-OUTPUT"
see ":pipe waits for a key" "press a key to return to tread"
keys x
see ":pipe: back to tread" "pipe: cat >"
cmp -s "$T_TMP/show4.txt" "$T_TMP/piped.txt" &&
	pass ":pipe cat > FILE: the article as --show prints it" ||
	fail ":pipe cat > FILE: the article as --show prints it" \
	    "$(diff "$T_TMP/show4.txt" "$T_TMP/piped.txt" | head -20)"
keys "|"
see "| asks for a command" "Pipe to command:"
keys -l "exit 3"; keys Enter
see "| : a failing command waits too" "press a key to return to tread"
keys Enter
see "| : its exit status is told" "exit status 3"

# --- v: the pager, at the terminal's width; V: the file in the editor.
keys v
see "v: back from the pager" "pager: $T_TMP/pager.sh: done"
cmp -s "$T_TMP/show4-100.txt" "$T_TMP/paged.txt" &&
	pass "v: the pager got the article at the terminal's width" ||
	fail "v: the pager got the article at the terminal's width" \
	    "$(diff "$T_TMP/show4-100.txt" "$T_TMP/paged.txt" | head -20)"
keys V
see "V: back from the editor" "edited (r reloads"
path4=$(batch --list | awk -F'\t' -v id="$id4" '$1 == id { print $2 }')
[ "$(cat "$T_TMP/edited.txt" 2>/dev/null)" = "$path4" ] &&
	pass "V: the editor got the article's file" ||
	fail "V: the editor got the article's file" "$(cat "$T_TMP/edited.txt")"

# --- jumps by number, Tab completion, errors.
keys 2
see "a digit starts a jump" "Jump to article: 2"
keys Enter
see "digits then Enter jump" "article 2 of $total"
keys 9 Enter
see "a number past the list" "no article 9 (the list shows 1 to $total)"
keys :; keys -l "jump 99999999999999999999999"; keys Enter
see "a number too large for any list" "no article 99999999999999999999999"
keys :; keys -l "4"; keys Enter
see ":N jumps too (as in vi)" "article 4 of $total"
keys :; keys -l "jump x1"; keys Enter
see ":jump refuses what is no number" "not a number: 'x1'"
keys :; keys -l "mark-a"; keys Tab
see "Tab completes a unique name" ":mark-all-read"
keys C-u; keys -l "se"; keys Tab
see "Tab lists the names that begin so" "search search-next search-prev"
keys C-u; keys -l "ju"; keys Tab; keys -l "3"
see "Tab completes a command that takes an argument (and a space)" ":jump 3"
keys Enter
see "the completed line runs" "article 3 of $total"
keys :; keys -l "no-such"; keys Enter
see "an unknown command" "no-such: no such command (Tab completes)"
# a bidi override typed into the line does not reach the terminal
rlo=$(printf '\342\200\256')
keys :; keys -l "evil${rlo}name"; keys Enter
see "an unknown command with a control character: said" "name: no such command"
grep -q "$rlo" "$T_TMP/screen" &&
	fail "... sanitised (no U+202E on the screen)" "$(tail -1 "$T_TMP/screen")" ||
	pass "... sanitised (no U+202E on the screen)"
keys :; keys -l "erase"; keys Enter
see "an editing key is no command" "erase: a key of the editing line"
keys :; keys -l "sort"; keys Enter
see ":ACTION runs the action (sort)" "sort:source"
keys :; keys -l "zoom now"; keys Enter
see "an action that takes no argument" "zoom takes no argument"
keys :; keys -l "query lang:pl"; keys Enter
see ":query Q filters" "1/$total articles"
keys :; keys -l "query ((("; keys Enter
see ":query: a bad query says so" "query:"
keys :; keys Up
see "the : line has a history: Up" ":query ((("
keys Up
see "the : line's history: Up again" ":query lang:pl"
keys Escape
keys :; keys -l "quit"; keys Enter
see ":quit quits" "TREAD-EXIT=0"

# --- the terminal is the command's while it runs: out of the alternate
# screen, mouse reporting off; both back after.
printf '[layout]\nmouse = yes\n' >"$T_TMP/mouse.ini"
ui_start 80 24 -- --config "$T_TMP/mouse.ini"
see "terminal: starts with the mouse on" "$total/$total articles"
modes() { tm display-message -p -t 0 'alt=#{alternate_on} mouse=#{mouse_any_flag}#{mouse_standard_flag}#{mouse_button_flag}'; }
before=$(modes)
keys :; keys -l "pipe head -2"; keys Enter
see "terminal: the command's output" "press a key to return to tread"
[ "$(modes)" = "alt=0 mouse=000" ] && pass "terminal: handed over (no alternate screen, no mouse)" ||
	fail "terminal: handed over (no alternate screen, no mouse)" "$(modes)"
keys x
see "terminal: back" "pipe: head -2: done"
[ "$(modes)" = "$before" ] && [ "$before" != "alt=0 mouse=000" ] &&
	pass "terminal: taken back as it was ($before)" ||
	fail "terminal: taken back as it was" "$before -> $(modes)"
keys q
see "terminal: quits" "TREAD-EXIT=0"

# --- the query history, across two runs; Up and Down walk it (a state
# directory of its own: the runs above kept their :query lines).
XDG_STATE_HOME=$T_TMP/state2
ui_start 80 24 XDG_STATE_HOME="$XDG_STATE_HOME"
see "history: starts" "$total/$total articles"
keys /; keys -l "kazakhstan"; keys Enter
see "history: a first query" "match"
keys /; keys C-u; keys -l "lang:de"; keys Enter
see "history: a second query" "1/$total articles"
keys q
see "history: quits" "TREAD-EXIT=0"
[ -f "$XDG_STATE_HOME/tread/history" ] &&
	pass "history: kept in the state directory" ||
	fail "history: kept in the state directory" "$(ls -R "$XDG_STATE_HOME")"
ui_start 80 24 XDG_STATE_HOME="$XDG_STATE_HOME"
see "history: a second run" "$total/$total articles"
keys /; keys C-u; keys -l "draft"; keys Up
see "history: Up brings the last query of the earlier run" "Query: lang:de"
keys Up
see "history: Up again, the one before" "Query: kazakhstan"
keys Up
see "history: nothing before the first" "Query: kazakhstan"
keys Down Down
see "history: Down back to the line being typed" "Query: draft"
keys Escape
see "history: Esc keeps the filter as it was" "$total/$total articles"

# --- undo brings back a cleared or changed filter, one step at a time.
keys /; keys C-u; keys -l "lang:pl"; keys Enter
see "undo: a filter" "1/$total articles"
keys c
see "undo: cleared" "filter cleared"
keys C
see "undo: C brings the cleared filter back" "filter: lang:pl"
keys l
see "undo: a language on top" "filter: lang:"
keys C
see "undo: C takes the language away again" "filter: lang:pl"
keys BTab Space
see "undo: a theme toggled in the panel" "filter: theme:energy"
keys C
see "undo: C takes the theme away" "filter: lang:pl "
keys C
see "undo: back to no filter" "$total/$total articles"
keys C
see "undo: nothing before" "no earlier filter"
keys q
see "undo: quits" "TREAD-EXIT=0"

# --- mark all shown read: asks when more than a screenful would change.
ui_start 80 14
see "mark all: starts small" "$total unread"
keys A
see "mark all: more than a screenful asks" "Mark $total articles read? (y/n)"
keys n
see "mark all: n marks nothing" "nothing marked"
see "mark all: all still unread" "$total unread"
keys A y
see "mark all: y marks them" "$total articles marked read"
see "mark all: none unread" " 0 unread"
keys q
see "mark all: quits" "TREAD-EXIT=0"
ui_start 80 24 XDG_STATE_HOME="$T_TMP/state3"
see "mark all: a screenful (no marks kept from before)" "$total unread"
keys /; keys -l "lang:pl"; keys Enter
keys :; keys -l "mark-all-read"; keys Enter
see "mark all: the shown ones only, at once" "1 article marked read"
keys c
see "mark all: the others stay unread" "$((total - 1)) unread"

# --- help: searchable, only its own keys close it; Esc closes the
# timeline; C-c in help quits.
keys "?"
see "help: opens" "tread help"
keys G
see "help: tells how to select text with the mouse on" "Shift+drag"
keys /; keys -l "SYNTAX"; keys Enter
see "help: lists the query syntax (found ignoring case)" "Query syntax"
see "help: ... with its terms" "theme:a,b about any of them"
for c in "save FILE" "pipe COMMAND" "jump N" "query Q"; do
	keys /; keys -l ":$c"; keys Enter
	see "help: lists :$c" "match 1 of 1"
done
keys g /
keys -l "pipe"; keys Enter
see "help: / finds the first match" "match 1 of 3"
keys n
see "help: n the next" "match 2 of 3"
keys N N
see "help: N the previous, around the start" "match 3 of 3"
keys x
see "help: an unbound key says so" "x: not a key of help"
see "help: ... and leaves help up" "tread help"
keys Escape
not_see "help: Esc closes it" "tread help"
keys "?"
see "help: again" "tread help"
keys q
not_see "help: q closes it" "tread help"
keys T
see "timeline: opens" "Timeline:"
keys Escape
not_see "timeline: Esc closes it" "Timeline:"
tm resize-window -t 0 -x 40 -y 30
keys "?"
see "help at 40 columns" "tread help"
see "help at 40 columns: no key column cut" "PgDn Space C-f"
see "help at 40 columns: the text under its keys" "    move down one page"
keys C-c
see "help: C-c quits tread" "TREAD-EXIT=0"

ui_stop
done_testing
