#!/bin/sh
# golden/run.sh: batch output on the sample corpus, compared byte for byte
# with the expected files in tests/golden/. Each line of tests/golden/cases
# is NAME<TAB>ARGUMENTS; NAME.out holds the expected stdout.
# Run with REGEN=1 to rewrite the expected files (then read the diff!).
. "$(dirname "$0")/../lib.sh"
dir="$top_srcdir/tests/golden"
cd "$top_srcdir" || exit 1

while IFS='	' read -r name args; do
	case $name in ''|'#'*) continue ;; esac
	# ARGUMENTS are split like a shell would, quotes included.
	eval "set -- $args"
	out="$T_TMP/$name.out"
	"$TREAD" --no-cache "$@" >"$out" 2>"$T_TMP/$name.err"
	rc=$?
	if [ "${REGEN:-0}" = 1 ]; then
		cp "$out" "$dir/$name.out"
	fi
	if [ $rc -ne 0 ]; then
		fail "$name: exit $rc" "$(cat "$T_TMP/$name.err")"
		continue
	fi
	if [ -s "$T_TMP/$name.err" ]; then
		fail "$name: unexpected warnings" "$(cat "$T_TMP/$name.err")"
		continue
	fi
	check_file "$name" "$dir/$name.out" "$out"
done <"$dir/cases"
done_testing
