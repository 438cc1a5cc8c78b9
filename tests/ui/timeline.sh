#!/bin/sh
# timeline.sh: the timeline view (T) and the themes panel's sparklines,
# in tmux: months labelled, counts of the filter, bars; UTF-8 block
# elements and their ASCII form in a non-UTF-8 locale.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux not installed"; exit 77; }

# The sample corpus: dated 2019-09, 2024-07 (2 articles), 2025-06 and one
# undated article; the span has 70 months.
ui_start 100 30 LC_ALL=C.UTF-8
see "the reader starts" "Themes"
# the panel is 26 wide: a 6-cell sparkline sits before each count
screen >"$T_TMP/panel"
grep -q '[▁▂▃▄▅▆▇█]' "$T_TMP/panel" && pass "sparklines in the themes panel" ||
	fail "sparklines in the themes panel" "$(cat "$T_TMP/panel")"
keys T
see "T opens the timeline" "Timeline: 4 dated articles"
see "months are labelled" "2019-09"
see "a month's count and bar" "2019-09     1 "
screen >"$T_TMP/tl"
grep -q '^ 2019-10     0 *$' "$T_TMP/tl" && pass "an empty month has no bar" ||
	fail "an empty month has no bar" "$(cat "$T_TMP/tl")"
grep -q '^ 2019-09     1 █' "$T_TMP/tl" && pass "block elements in UTF-8" ||
	fail "block elements in UTF-8" "$(cat "$T_TMP/tl")"
keys G
see "G scrolls to the last months" "2025-06     1 "
see "2024-07 has two articles and the longest bar" "2024-07     2 ████"
# the filter still applies: the language key cycles it, live
keys l
see "the filter changes the view (one article, singular)" "Timeline: 1 dated article of"
keys c
see "clearing the filter" "Timeline: 4 dated articles"
keys q
not_see "q closes the timeline" "Timeline:"
see "the list is back" "Themes"
keys T
see "T again" "Timeline:"
keys T
not_see "T closes it too" "Timeline:"
fits "the screen fits 100x30" 100 30
ui_stop

# A non-UTF-8 locale: ASCII bars and sparklines.
ui_start 100 30 LC_ALL=C
see "the reader starts (C locale)" "Themes"
screen >"$T_TMP/panel"
grep -q '[▁▂▃▄▅▆▇█]' "$T_TMP/panel" && fail "no block elements in ASCII" \
	"$(cat "$T_TMP/panel")" || pass "no block elements in ASCII"
keys T G
see "ASCII bars" "2024-07     2 ####"
ui_stop

# A narrow panel has no room for sparklines: the labels keep it.
ui_start 60 20 LC_ALL=C.UTF-8
see "a small terminal" "Themes"
keys T
see "the timeline in 60 columns" "Timeline:"
fits "the screen fits 60x20" 60 20
ui_stop
done_testing
