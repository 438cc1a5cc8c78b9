#!/bin/sh
# stories.sh: F folds the list into one row per story with its language
# badges, and expands it again; the filter still applies when folded.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux not installed"; exit 77; }

# The sample: five articles, four stories; the Polish article and the
# second English one (2024-07-03) are one visit.
ui_start 120 30 LC_ALL=C.UTF-8
see "the reader starts" "5/5 articles"
keys F
see "F folds the stories: four of them, of the five articles" "4 stories  5/5 articles"
see "the message says so" "stories: one row each"
see "the visit: two languages, two articles" "[en pl] (2) Xi Jinping przeprowadził"
see "a story of one article has one badge" "[de] China und Kasachstan"
screen >"$T_TMP/fold"
grep -c 'China and Kazakhstan are companions' "$T_TMP/fold" | grep -qx 0 &&
	pass "the visit's English report is folded away" ||
	fail "the visit's English report is folded away" "$(cat "$T_TMP/fold")"
keys l l
see "lang:en while folded: three stories" "3 stories  3/5 articles"
see "the visit stands for its English report" "[en pl] (2) China and Kazakhstan are companions"
keys l
see "lang:pl while folded" "1 story  1/5 articles"
keys c
see "cleared: still folded" "4 stories  5/5 articles"
keys F
see "F expands them" "5/5 articles"
not_see "no badges when expanded" "[en pl]"
see "the English report is back" "China and Kazakhstan are companions"
fits "the screen fits 120x30" 120 30
ui_stop
done_testing
