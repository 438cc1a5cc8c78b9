#!/bin/sh
# screens.sh: whole screens of the main UI states (start, an article open,
# a theme filter on, help) at 80x24 and 200x60, compared cell by cell with
# tests/ui/screens/STATE-WxH.txt; a difference prints the rows that differ
# with a marker under each differing cell. UI_SAVE_SCREENS=1 rewrites the
# expected screens (then read them before committing).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux not installed"; exit 77; }

want_dir="$top_srcdir/tests/ui/screens"
# Relative paths (the reader shows them): the same screens in any tree.
cd "$top_srcdir" || exit 1
UI_ARTS=$(echo data/articles/*.txt)
total=$(batch --list | sed 1d | wc -l)

# cells NAME EXPECTED ACTUAL: the two screens, row by row, column by column
# (characters, not bytes: a wide character is one cell and its shadow).
cells() {
	if cmp -s "$2" "$3"; then pass "$1"; return; fi
	fail "$1" "$(awk -v name="$1" '
	function chars(s, a,   n, i, c) {	# UTF-8 characters of s into a
		n = 0
		for (i = 1; i <= length(s); i++) {
			c = substr(s, i, 1)
			if (c ~ /[\200-\277]/ && n > 0) a[n] = a[n] c
			else a[++n] = c
		}
		return n
	}
	NR == FNR { want[FNR] = $0; nw = FNR; next }
	{ got[FNR] = $0; ng = FNR }
	END {
		rows = nw > ng ? nw : ng
		for (r = 1; r <= rows; r++) {
			if (want[r] == got[r]) continue
			n1 = chars(want[r], A); n2 = chars(got[r], B)
			m = ""; n = n1 > n2 ? n1 : n2
			for (i = 1; i <= n; i++) m = m ((i > n1 || i > n2 || A[i] != B[i]) ? "^" : " ")
			printf "row %d:\n  want |%s|\n  got  |%s|\n        %s\n", r, want[r], got[r], m
			split("", A); split("", B)
		}
		printf "(%d rows expected, %d on screen)\n", nw, ng
	}' LC_ALL=C "$2" "$3")"
}

# shot STATE W H: the screen now against its expected file.
shot() {
	screen >"$T_TMP/$1-$2x$3.txt"
	if [ -n "${UI_SAVE_SCREENS:-}" ]; then
		cp "$T_TMP/$1-$2x$3.txt" "$want_dir/$1-$2x$3.txt"
	fi
	cells "screen $1 at $2x$3" "$want_dir/$1-$2x$3.txt" "$T_TMP/$1-$2x$3.txt"
}

for size in 80x24 200x60; do
	w=${size%x*} h=${size#*x}
	ui_start "$w" "$h"
	see "$size: starts" "$total/$total articles"
	shot start "$w" "$h"
	keys Enter
	# (the preview shows the article already: wait for the reader's
	# focus mark; the read mark may be there from the last size's run)
	see "$size: an article opens" "▶Reader  1-"
	shot article "$w" "$h"
	keys Tab Space
	see "$size: a theme filter is on" "filter: theme:"
	shot filter "$w" "$h"
	keys "?"
	see "$size: help" "tread help"
	shot help "$w" "$h"
	keys Escape q
	see "$size: quits" "TREAD-EXIT=0"
done

ui_stop
done_testing
