#!/bin/sh
# views.sh: the views never call each other (issue 14): a view file
# (ui_list.c, ui_reader.c, ui_themes.c, ui_help.c, ui_timeline.c) calls no
# function another view file defines; it asks the main loop with UI_*
# requests instead. ui.c (the loop) and the helpers (ui_draw, ui_scroll,
# ui_prompt, ui_spark, ui_stories, ui_people) may be called by any view.
. "$(dirname "$0")/lib.sh"
cd "$top_srcdir/src" || exit 1
views="ui_list.c ui_reader.c ui_themes.c ui_help.c ui_timeline.c"

# exported FILE: the functions FILE defines that are not static (the name
# at the start of the line, its return type on the line before).
exported() {
	awk 'prev !~ /static/ && /^[a-z_][a-z0-9_]*\(/ {
		sub(/\(.*/, ""); print } { prev = $0 }' "$1"
}

for v in $views; do
	for f in $(exported "$v"); do
		for w in $views; do
			[ "$w" = "$v" ] && continue
			if grep -q "\\<$f(" "$w"; then
				echo "$w calls $f of $v" >>"$T_TMP/calls"
			fi
		done
	done
done
[ ! -s "$T_TMP/calls" ] && pass "no view calls another view" ||
	fail "no view calls another view" "$(cat "$T_TMP/calls")"
# and the check itself sees what it looks for
exported ui_reader.c | grep -qx ui_reader_show &&
	pass "the check finds a view's exported function" ||
	fail "the check finds a view's exported function"
done_testing
