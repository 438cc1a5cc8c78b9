#!/bin/sh
# panel.sh: the themes panel: a scroll indicator in its heading, "…" on
# labels cut to its width, and "•" after the marks of the themes the
# article under the list's cursor has (the legend of the list's marks).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux not installed"; exit 77; }

# theme_at N: the id of the Nth theme (1: the first), as the panel lists them
theme_at() { batch --themes | sed 1d | sed -n "${1}p" | cut -f1; }
# has ROW ID: does the list's ROW (1: the first) have theme ID?
has() { batch --list | sed -n "$(($1 + 1))p" | cut -f7 | tr , '\n' | grep -qx "$2"; }
# mark N: the panel's mark of the Nth theme (1-9, a-z)
mark() { echo 123456789abcdefghijklmnopqrstuvwxyz | cut -c"$1"; }

ui_start 80 24
see "starts" "Themes (all of)"
# --- the scroll indicator: the rows shown of all, at the heading's right
head=$(grep -F "Themes (all of)" "$T_TMP/screen" | sed 's/│.*//')
case $head in
*" 1-7/"[0-9]*) pass "the heading says which rows are shown ($head)" ;;
*) fail "the heading says which rows are shown" "$head" ;;
esac
keys Tab Tab G
see "G: the last rows (People & places made)" "[ ]@ "
sleep 0.3
screen >"$T_TMP/screen"
head=$(grep -F "Themes (all of)" "$T_TMP/screen" | sed 's/│.*//')
all=$(printf '%s\n' "$head" | sed 's|.*/||; s/ *$//')
case $head in
*" $((all - 6))-$all/$all") pass "G: the indicator follows ($head)" ;;
*" 100%") pass "G: the indicator follows ($head)" ;;
*) fail "G: the indicator follows" "$head" ;;
esac
keys g Tab

# --- labels cut with …
see "a long label is cut with …" "Shanghai C…"

# --- • marks the themes of the cursor's article
for n in 1 2 3 4 5 6; do
	id=$(theme_at $n) m=$(mark $n)
	if has 1 "$id"; then want="[ ]$m•"; else want="[ ]$m "; fi
	grep -qF -- "$want" "$T_TMP/screen" &&
		pass "row 1 and theme $m ($id): '$want'" ||
		fail "row 1 and theme $m ($id): '$want'" "$(cat "$T_TMP/screen")"
done
# a theme row 1 lacks and row 2 has (or the other way) changes with j
n=1
while [ $n -le 6 ]; do
	id=$(theme_at $n)
	if has 1 "$id" && ! has 2 "$id"; then break; fi
	if ! has 1 "$id" && has 2 "$id"; then break; fi
	n=$((n + 1))
done
if [ $n -le 6 ]; then
	m=$(mark $n)
	if has 2 "$(theme_at $n)"; then want="[ ]$m•"; else want="[ ]$m "; fi
	keys j
	see "j: theme $m's mark follows the cursor" "$want"
else
	pass "j: no theme tells rows 1 and 2 apart (nothing to check)"
fi

# --- ASCII: * for •, ... for …
ui_start 80 24 LC_ALL=C
see "C locale: starts" "Themes (all of)"
n=1	# the first theme the first row's article has
while [ $n -lt 6 ] && ! has 1 "$(theme_at $n)"; do n=$((n + 1)); done
see "C locale: the mark is *" "[ ]$(mark $n)*"
see "C locale: a cut label ends in ..." "..."
ui_stop
done_testing
