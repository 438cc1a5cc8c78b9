#!/bin/sh
# evidence.sh: e and E in the reader: the current evidence span is
# highlighted (bold and underlined, the others not), the walk starts from
# what is on screen when the current span is not, and the evidence of the
# filter's themes comes first.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux not installed"; exit 77; }

# current: the reader's rows (after its header) whose text is bold and
# underlined, as tmux writes it (SGR 1;4), from the screen with colours.
reader_rows() { screen -e | sed -n '/Reader  [0-9]/,$p' | sed '1d;$d' | sed '$d'; }
current() { reader_rows | grep -c '\[1;4m'; }
# said: the message line's "evidence K of N".
said() { tail -1 "$T_TMP/screen" | sed -n 's/.*evidence \([0-9]*\) of \([0-9]*\).*/\1 \2/p'; }

ui_start 80 24
see "starts" "Reader  1-"
keys Enter
see "an article opens" "▶Reader  1-"
[ "$(current)" = 0 ] && pass "no current span before e" ||
	fail "no current span before e" "$(screen -e | cat -v)"
keys e
see "e: the first evidence" "evidence 1 of"
[ "$(current)" = 1 ] && pass "e: one span is highlighted as the current one" ||
	fail "e: one span is highlighted as the current one" "$(screen -e | cat -v)"
first=$(reader_rows | grep '\[1;4m' | head -1)
keys e
see "e: the second" "evidence 2 of"
second=$(reader_rows | grep '\[1;4m' | head -1)
[ -n "$second" ] && [ "$first" != "$second" ] &&
	pass "e: the highlight moved to the second span" ||
	fail "e: the highlight moved to the second span" "$first / $second"
set -- $(said)
n=$2
# --- scrolled away, e starts from the screen, not from span 2
keys G
see "G: the end of the article" "Reader  "
keys e
wait_for "evidence" >/dev/null
sleep 0.3
screen >"$T_TMP/screen"
set -- $(said)
[ -n "$1" ] && [ "$1" -gt 3 ] &&
	pass "e after G: a span at the end ($1 of $n), not the third" ||
	fail "e after G: a span at the end, not the third" "$(tail -1 "$T_TMP/screen")"
keys g E
see "E at the top: wraps to the last" "evidence $n of $n"
keys q

# --- the filter's themes first: select the theme of the last span
label=$(tail -1 "$T_TMP/screen" | sed 's/.*evidence [0-9]* of [0-9]*: //')
id=$(batch --themes | awk -F'\t' -v l="$label" '$2 == l { print $1 }')
row=$(batch --themes | sed 1d | cut -f1 | grep -nx -- "$id" | cut -d: -f1)
if [ -n "$id" ] && [ -n "$row" ]; then
	keys Tab Tab g
	while [ "$row" -gt 1 ]; do keys j; row=$((row - 1)); done
	keys Space
	see "filtered by $id in the panel" "filter: theme:$id"
	keys Tab
	keys Enter g e
	see "e: the filter's themes first" "(the filter's themes first): $label"
else
	fail "the last span's theme ($label) is a lexicon theme"
fi
ui_stop
done_testing
