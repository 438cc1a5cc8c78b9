#!/bin/sh
# view.sh: the reader pane as a preview of the list's cursor, its two
# lines of metadata (i shows all of it), [layout] preview, text_width and
# side_percent; each asserted on the screen.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux not installed"; exit 77; }

# Relative paths, as screens.sh: the reader shows them.
cd "$top_srcdir" || exit 1
UI_ARTS=$(echo data/articles/*.txt)
total=$(batch --list | sed 1d | wc -l)
path1=$(batch --list | sed -n 2p | cut -f2)
file2=$(batch --list | sed -n 3p | cut -f2 | sed 's|.*/||')

# row TEXT: the first screen row holding TEXT (fixed string).
row() { grep -F -- "$1" "$T_TMP/screen" | head -1; }
# after TEXT: the row after the first one holding TEXT.
after() { grep -F -A1 -- "$1" "$T_TMP/screen" | sed -n 2p; }

# --- the preview: the reader follows the cursor, marking nothing read.
ui_start 80 24
see "preview: the first article before any Enter" "$path1"
see "preview: nothing marked read" "$total/$total articles  $total unread"
keys j
see "preview: j shows the second article" "$file2"
keys Enter
see "preview: Enter opens it and marks it read" "$((total - 1)) unread"

# --- two lines of metadata, the themes cut with an ellipsis.
keys q k
see "meta: the first article again" "$path1"
meta1=$(row "$path1")
case $meta1 in
"2025-06-17 | en | Xinhua | $path1") pass "meta: line 1 is date, language, source and file" ;;
*) fail "meta: line 1 is date, language, source and file" "$meta1" ;;
esac
meta2=$(after "$path1")
case $meta2 in
"themes: [7] Security"*"  [f] China-Central Asia"*"…") pass "meta: line 2 is the themes, cut with …" ;;
*) fail "meta: line 2 is the themes, cut with …" "$meta2" ;;
esac
[ -z "$(after "$meta2")" ] && pass "meta: then the blank line before the text" ||
	fail "meta: then the blank line before the text" "$(cat "$T_TMP/screen")"
keys i
see "i: the metadata in full" "$(printf '%s' "$path1" | head -c 20)"
wait_gone "2025-06-17 | en | Xinhua | " >/dev/null
grep -qx -- "2025-06-17 | en | Xinhua" "$T_TMP/screen" &&
	pass "i: date, language and source alone on line 1" ||
	fail "i: date, language and source alone on line 1" "$(cat "$T_TMP/screen")"
grep -qx -- "$path1" "$T_TMP/screen" && pass "i: the path alone on its line" ||
	fail "i: the path alone on its line" "$(cat "$T_TMP/screen")"
[ "$(grep -c '^themes: ' "$T_TMP/screen")" = 1 ] &&
	! grep -q '^themes: .*…$' "$T_TMP/screen" &&
	pass "i: the themes not cut" ||
	fail "i: the themes not cut" "$(cat "$T_TMP/screen")"
keys i
see "i again: two lines" "2025-06-17 | en | Xinhua | $path1"

# --- a narrow screen cuts the start of the path, not the file name.
ui_start 60 24
see "60 columns: the path is cut" "| Xinhua | …"
line=$(row "| Xinhua |")
case $line in
*"…"*"${path1##*/}") pass "60 columns: the path's start is cut" ;;
*) fail "60 columns: the path's start is cut" "$line" ;;
esac

# --- preview = no: the reader waits for Enter, as before.
printf '[layout]\npreview = no\n' >"$T_TMP/nopreview.ini"
ui_start 80 24 -- --config "$T_TMP/nopreview.ini"
see "preview = no: the reader waits" "Enter opens the selected article."
keys Enter
see "preview = no: Enter opens" "$path1"

# --- text_width: the article wrapped to 40 columns on an 80-column screen.
printf '[layout]\ntext_width = 40\n' >"$T_TMP/tw.ini"
ui_start 80 24 -- --config "$T_TMP/tw.ini"
see "text_width: starts" "Reader  1-"
sed -n '/Reader  1-/,$p' "$T_TMP/screen" | sed '$d;$d' >"$T_TMP/reader"
wide=$(sed '$d' "$T_TMP/reader" | LC_ALL=C.UTF-8 wc -L)
[ "$wide" -le 40 ] && [ "$wide" -ge 30 ] &&
	pass "text_width: the reader's lines are at most 40 columns ($wide)" ||
	fail "text_width: the reader's lines are at most 40 columns ($wide)" "$(cat "$T_TMP/reader")"

# --- what an article lacks is named as --show names it.
ui_start 80 24
see "no source: starts" "$path1"
keys j
see "no source: the second article" "$file2"
case $(row "$file2") in
*" | (no source) | "*) pass "meta: (no source), as --show says" ;;
*) fail "meta: (no source), as --show says" "$(row "$file2")" ;;
esac

# --- side_percent: the themes panel grows on a wide screen.
border() { grep -F "Themes (" "$T_TMP/screen" | sed 's/│.*//' | LC_ALL=C.UTF-8 wc -L; }
ui_start 200 40
see "200 columns: starts" "Themes (all of)"
[ "$(border)" = 39 ] && pass "side_percent 20: the panel is 40 columns at 200" ||
	fail "side_percent 20: the panel is 40 columns at 200" "$(border)"
printf '[layout]\nside_percent = 0\n' >"$T_TMP/narrow.ini"
ui_start 200 40 -- --config "$T_TMP/narrow.ini"
see "side_percent 0: starts" "Themes (all of)"
[ "$(border)" = 25 ] && pass "side_percent 0: side_width's 26 columns" ||
	fail "side_percent 0: side_width's 26 columns" "$(border)"

# --- not UTF-8: a notice on the first screen, once.
ui_start 80 24 LC_ALL=C
see "C locale: the notice" "not UTF-8: text is shown in ASCII"
keys j
not_see "C locale: gone after a key" "not UTF-8"
keys k
sleep 0.3
screen >"$T_TMP/screen"
grep -q "not UTF-8" "$T_TMP/screen" && fail "C locale: only once" "$(cat "$T_TMP/screen")" ||
	pass "C locale: only once"
ui_start 80 24 LC_ALL=C.UTF-8
see "UTF-8: starts" "Reader  1-"
grep -q "not UTF-8" "$T_TMP/screen" && fail "UTF-8: no notice" "$(cat "$T_TMP/screen")" ||
	pass "UTF-8: no notice"

# --- bad values are refused with the file and line.
for bad in "text_width = -1" "side_percent = 50" "preview = maybe"; do
	printf '[layout]\n%s\n' "$bad" >"$T_TMP/bad.ini"
	"$TREAD" --config "$T_TMP/bad.ini" --no-cache $UI_ARTS </dev/null \
		>/dev/null 2>"$T_TMP/err"
	rc=$?
	[ $rc = 2 ] && grep -q "bad.ini:2:" "$T_TMP/err" &&
		pass "refused: $bad" || fail "refused: $bad" "exit $rc: $(cat "$T_TMP/err")"
done

ui_stop
done_testing
