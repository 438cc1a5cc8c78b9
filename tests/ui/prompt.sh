#!/bin/sh
# prompt.sh: every editing key of the two prompts (the query line of the
# list, the search line of the reader), on ASCII, multibyte and wide text.
# Each step asserts the line's text and the cursor's column.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux not installed"; exit 77; }

total=$(batch --list | sed 1d | wc -l)

# cursor_x: the column of the terminal's cursor.
cursor_x() { tm display-message -p -t 0 '#{cursor_x}'; }

# line_is NAME TEXT COL: the prompt's line shows LABEL TEXT (then nothing,
# or a live message two columns on) and the cursor is at COL of TEXT.
line_is() {
	want=$(printf '%s' "$label$2" | sed 's/ *$//')
	end=$(($(date +%s) + UI_DEADLINE))
	while :; do
		got=$(screen | tail -1 | sed 's/ *$//')
		x=$(cursor_x)
		case "$got" in
		"$want"|"$want  "*)
			[ "$x" = $((${#label} + $3)) ] && { pass "$pfx: $1"; return; } ;;
		esac
		[ "$(date +%s)" -ge "$end" ] && break
		sleep 0.05
	done
	fail "$pfx: $1" "line '$got' cursor $x; wanted '$want' cursor $((${#label} + $3))"
}

# edit_all: the whole sequence, on the prompt now open ($label).
edit_all() {
	keys -l "abc żółw"
	line_is "typing ASCII and Polish" "abc żółw" 8
	keys BSpace
	line_is "BS erases one character (2 bytes)" "abc żół" 7
	keys C-h
	line_is "C-h erases one character" "abc żó" 6
	keys Left
	line_is "Left moves over a 2-byte character" "abc żó" 5
	keys C-b
	line_is "C-b moves left" "abc żó" 4
	keys -l "X"
	line_is "typing in the middle" "abc Xżó" 5
	keys BSpace C-h
	line_is "BS and C-h in the middle" "abcżó" 3
	keys Right
	line_is "Right moves over a 2-byte character" "abcżó" 4
	keys C-f
	line_is "C-f moves right" "abcżó" 5
	keys Left Left DC
	line_is "Del deletes under the cursor" "abcó" 3
	keys C-d
	line_is "C-d deletes under the cursor" "abc" 3
	keys C-d DC Right C-f
	line_is "Del, C-d, Right, C-f at the end do nothing" "abc" 3
	keys Home
	line_is "Home goes to the start" "abc" 0
	keys BSpace C-h Left C-b
	line_is "BS, C-h, Left, C-b at the start do nothing" "abc" 0
	keys End
	line_is "End goes to the end" "abc" 3
	keys C-a
	line_is "C-a goes to the start" "abc" 0
	keys -l "中"
	line_is "a wide character is two columns" "中abc" 2
	keys C-e
	line_is "C-e goes to the end" "中abc" 5
	keys Left Left Left Left
	line_is "Left over a 3-byte wide character" "中abc" 0
	keys Right C-h
	line_is "BS erases a 3-byte character" "abc" 0
	keys End; keys -l " qą"
	line_is "more words" "abc qą" 6
	keys C-w
	line_is "C-w erases the word before the cursor" "abc " 4
	keys C-w
	line_is "C-w again erases the spaces and the word" "" 0
	keys -l "éé"; keys Left C-w
	line_is "C-w in the middle of a word" "é" 0
	keys -l "zz ÿ"; keys C-u
	line_is "C-u kills the line" "" 0
	keys BSpace C-h Left C-b DC C-d C-w C-u Right Home End
	line_is "every key on an empty line" "" 0
	keys -l "ab"; keys Escape
	not_see "$pfx: Esc closes the line" "$label"
	$reopen
	line_is "reopened after Esc: the old text" "" 0
	keys -l "ab"; keys C-g
	not_see "$pfx: C-g closes the line" "$label"
}

# --- the query line, from the list.
ui_start 80 24
see "starts" "$total/$total articles"
label="Query: " pfx="query"
reopen="keys /"
keys /
see "query: opens" "Query:"
edit_all
see "query: the filter is back to none" "filter: none"
keys /; keys -l "lang:dé"; keys BSpace; keys -l "e"; keys Enter
see "query: an edited query is kept" "filter: lang:de"
n_de=$(batch --list --filter lang:de | sed 1d | wc -l)
see "query: and applied" "$n_de/$total articles"
keys /; keys C-u Enter
see "query: cleared" "filter: none"

# --- the search line, in the reader.
keys Enter
see "search: an article is open" "Reader  1-"
label="Search: " pfx="search"
reopen="keys /"
keys /
see "search: opens" "Search:"
edit_all
keys q q	# back from the reader, then quit
see "quits with status 0 (no crash)" "TREAD-EXIT=0"

ui_stop
done_testing
