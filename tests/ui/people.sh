#!/bin/sh
# people.sh: the "People & places" group of the themes panel: the
# gazetteer's entities of the corpus with kind marks, live counts and
# sparklines; selecting one filters the list (entity: in the query).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux not installed"; exit 77; }

ui_start 110 50 LC_ALL=C.UTF-8
see "the reader starts" "5/5 articles"
# the panel zoomed: every group fits
keys Tab Tab z
see "the group's heading" "People & places"
keys G
see "a person, with its mark and count" "[ ]@ Xi Jinping"
see "a place" "[ ]# Beijing"
see "an organisation" "[ ]& BRICS"
screen >"$T_TMP/s"
grep -q '@ Xi Jinping .*[▁▂▃▄▅▆▇█].* 4$' "$T_TMP/s" &&
	pass "Xi Jinping: a sparkline and 4 articles" ||
	fail "Xi Jinping: a sparkline and 4 articles" "$(cat "$T_TMP/s")"
# go to Wang Yi (the last row) and select him
keys Space
see "selecting an entity filters the list" "1/5 articles"
see "the filter names it" "filter: entity:wang-yi"
see "the message says so" "+ wang-yi: 1 article"
grep -qF "wang-yi: 1 articles" "$T_TMP/screen" &&
	fail "one article is singular" "$(cat "$T_TMP/screen")" || pass "one article is singular"
see "the counts follow the filter" "[x]@ Wang Yi"
# counted as drawn, of the filter's one article: Xi Jinping (a bitset:
# named by most articles, not by this one) and Wang Yi (a list: one)
grep '@ Xi Jinping' "$T_TMP/screen" | grep -q ' 0$' &&
	grep '@ Wang Yi' "$T_TMP/screen" | grep -q ' 1$' &&
	pass "the counts are the filter's: Xi Jinping 0, Wang Yi 1" ||
	fail "the counts are the filter's: Xi Jinping 0, Wang Yi 1" "$(grep -e '@ Xi' -e '@ Wang' "$T_TMP/screen")"
keys z
see "his article is listed" "Chinese Foreign Minister"
keys z
keys Space
see "unselecting" "5/5 articles"
grep '@ Xi Jinping' "$T_TMP/screen" | grep -q ' 4$' &&
	pass "and the counts are the whole corpus's again" ||
	fail "and the counts are the whole corpus's again" "$(grep -e '@ Xi' "$T_TMP/screen")"
# two entities, all of them: Xi Jinping and Beijing
keys g
see "back at the top" "Themes (all of)"
keys G k k k k k k k k k Space
see "Beijing selected" "entity:beijing"
keys c
see "c clears entities too" "filter: none"
fits "the screen fits 110x50" 110 50
ui_stop

# A warm start whose entity cache is gone: the group is made when it is
# first shown (its bodies read again), not before the first screen.
UI_NOCACHE= ui_start 110 24 LC_ALL=C.UTF-8
see "with the cache: the reader starts" "5/5 articles"
keys q
wait_for "TREAD-EXIT=0" || fail "the first start ends" "$(cat "$T_TMP/screen")"
ENTS="$XDG_CACHE_HOME/tread/entities"
[ -f "$ENTS" ] && pass "the entity cache is written" ||
	fail "the entity cache is written" "$(ls "$XDG_CACHE_HOME/tread")"
rm -f "$ENTS"
UI_NOCACHE= ui_start 110 24 LC_ALL=C.UTF-8
see "no entity cache: the first screen" "5/5 articles"
not_see "the group is below the panel's rows" "@ Xi Jinping"
[ -f "$ENTS" ] && fail "not made before it is shown" "$(ls "$XDG_CACHE_HOME/tread")" ||
	pass "not made before it is shown"
keys Tab Tab z G
see "made when shown" "[ ]@ Xi Jinping"
screen >"$T_TMP/s"
grep -q '@ Xi Jinping .*[▁▂▃▄▅▆▇█].* 4$' "$T_TMP/s" &&
	pass "made late: the sparkline and count" ||
	fail "made late: the sparkline and count" "$(cat "$T_TMP/s")"
[ -f "$ENTS" ] && pass "and kept in the cache" ||
	fail "and kept in the cache" "$(ls "$XDG_CACHE_HOME/tread")"
ui_stop

# A big corpus (TREAD_TEST_PEOPLE_LATER articles or more stand for one
# here) holds the group back from its first screen, and the screen after
# shows it with no key pressed.
UI_NOCACHE= ui_start 110 90 LC_ALL=C.UTF-8 TREAD_TEST_PEOPLE_LATER=1
see "held back: the first screen" "5/5 articles"
see "the group comes with no key" "[ ]@ Xi Jinping"
screen >"$T_TMP/s"
grep -q '@ Xi Jinping .*[▁▂▃▄▅▆▇█].* 4│' "$T_TMP/s" &&
	pass "held back: the sparkline and count" ||
	fail "held back: the sparkline and count" "$(cat "$T_TMP/s")"
# the themes' sparklines, held back too, come with it
grep -q '\[ \]1 Energy .*[▁▂▃▄▅▆▇█].* 2│' "$T_TMP/s" &&
	pass "held back: the themes' sparklines come too" ||
	fail "held back: the themes' sparklines come too" "$(cat "$T_TMP/s")"
ui_stop
done_testing
