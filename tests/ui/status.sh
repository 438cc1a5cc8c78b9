#!/bin/sh
# status.sh: a status line that tells the truth (the counts, unread, the
# cursor's row, the filter as it applies, a query that does not parse
# marked and not applied, the filter cut with … before the key hints,
# hints from the focused view's bindings), the focused pane marked in its
# header (a header too long for the screen cut with …), the story
# fold's counts and ], the zoomed themes panel without
# a border, and an empty timeline that says so.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux not installed"; exit 77; }

total=$(batch --list | sed 1d | wc -l)
# the visit (the Polish article, then the English one of the same day)
pl=$(batch --list | awk -F'\t' '$4 == "pl" { print $2 }' | sed 's|.*/||')
visit_en=$(batch --list | awk -F'\t' '$3 == "2024-07-03" && $4 == "en" { print $2 }' | sed 's|.*/||')
de=$(batch --list | awk -F'\t' '$4 == "de" { print $2 }' | sed 's|.*/||')
status() { grep "filter: " "$T_TMP/screen"; }

ui_start 80 24
see "starts" "$total/$total articles  $total unread  sort:date  row 1/$total  filter: none"
see "list hints" "?:help /:query q:quit"
grep -q "│▶ Date" "$T_TMP/screen" && pass "the list's header is marked: it has the focus" ||
	fail "the list's header is marked: it has the focus" "$(cat "$T_TMP/screen")"
grep -q "^ Reader" "$T_TMP/screen" && pass "the reader's header is not" ||
	fail "the reader's header is not" "$(cat "$T_TMP/screen")"
keys j
see "j: the cursor's row" "row 2/$total"
keys Enter
see "the reader has the focus" "▶Reader  1-"
see "reader hints: its own keys" "?:help q:back"
case $(status) in *"/:query"*) fail "no list key in the reader's hints" "$(status)" ;;
*) pass "no list key in the reader's hints" ;; esac
keys q
see "q: the list again" "▶ Date"

# --- a query that does not parse: marked, not applied.
keys /; keys -l "date:xx"; keys Enter
see "a bad query is marked, first" "filter: [not applied"
see "and not applied" "$total/$total articles"
keys c
see "cleared" "filter: none"

# --- a long filter is cut with … before the hints.
keys /; keys -l "china kazakhstan xi president cooperation"; keys Enter
not_see "the query line closes" "Query:"
see "a long filter is cut with …, the hints stay" "… ?:help /:query q:quit"
case $(status) in *"filter: china kaz"*"…"*) pass "the filter's start is shown" ;;
*) fail "the filter's start is shown" "$(status)" ;; esac
keys c

# --- the themes panel zoomed has no border on its right.
keys Tab Tab
see "the panel has the focus" "▶Themes (all of)"
see "themes hints" "?:help"
keys z
see "zoomed" "Lexicon"
sleep 0.2
screen >"$T_TMP/screen"
grep -q "│" "$T_TMP/screen" && fail "zoomed: no border" "$(cat "$T_TMP/screen")" ||
	pass "zoomed: no border"
keys z Tab

# --- an empty timeline says so instead of months of 0.
keys /; keys -l "lang:xx"; keys Enter
see "nothing matches" "0/$total articles"
keys T
see "the empty timeline says so" "no dated article matches the filter"
grep -q "^ 20[0-9][0-9]-[0-9][0-9] " "$T_TMP/screen" &&
	fail "no empty months" "$(cat "$T_TMP/screen")" || pass "no empty months"
keys T c

# --- the story fold counts stories and articles, unread of them all;
# ] walks the other articles of a story before the next one.
ui_start 120 30 XDG_STATE_HOME="$T_TMP/fresh"
see "fold: starts" "$total unread"
keys F
see "fold: stories and articles" "4 stories  $total/$total articles  $total unread"
keys j Enter
see "fold: the visit's Polish article" "$pl"
see "fold: read, one of five" "$((total - 1)) unread"
keys ]
see "fold: ] opens the visit's English article" "$visit_en"
see "fold: on the same row" "row 2/4"
see "fold: its read mark counts" "$((total - 2)) unread"
keys ]
see "fold: ] then the next story" "$de"
see "fold: its row" "row 3/4"
keys q q
see "quits" "TREAD-EXIT=0"
ui_stop
# --- 40 columns: the sort and the word "filter" go before the counts or
# the help hint would be cut.
ui_start 40 12
see "narrow: counts whole" " $total/$total articles  "
grep -q "^ $total/$total articles  [0-9]* unread .*?:help *$" "$T_TMP/screen" &&
	pass "narrow: the help hint whole" ||
	fail "narrow: the help hint whole" "$(cat "$T_TMP/screen")"
not_see "narrow: no sort" "sort:"
keys / l a n g : p l Enter
see "narrow: the filter, without its word" " unread  lang:pl "
grep -q "lang:pl .*?:help *$" "$T_TMP/screen" &&
	pass "narrow: the help hint beside the filter" ||
	fail "narrow: the help hint beside the filter" "$(cat "$T_TMP/screen")"
keys c ?
see "narrow: help" "tread help"
head -1 "$T_TMP/screen" | grep -q "^ tread help  (q or Esc closes, .*…$" &&
	pass "narrow: a cut header ends with …" ||
	fail "narrow: a cut header ends with …" "$(head -1 "$T_TMP/screen")"
keys q T
see "narrow: the timeline" "Timeline:"
head -1 "$T_TMP/screen" | grep -q "^ Timeline: .*…$" &&
	pass "narrow: the timeline's header too" ||
	fail "narrow: the timeline's header too" "$(head -1 "$T_TMP/screen")"
keys q q
see "narrow: quits" "TREAD-EXIT=0"
ui_stop
done_testing
