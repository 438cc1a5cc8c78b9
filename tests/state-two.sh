#!/bin/sh
# state-two.sh: two tread processes saving marks at the same time lose
# nothing: every mark either one set is in the file afterwards.
. "$(dirname "$0")/lib.sh"
W="$top_builddir/tests/unit/state_writer"
[ -x "$W" ] || { echo "# $W not built"; exit 99; }
F="$T_TMP/state/tread/state"
N=300

"$W" write "$F" /two/alpha $N 2>"$T_TMP/err.a" &
a=$!
"$W" write "$F" /two/beta $N 2>"$T_TMP/err.b" &
b=$!
"$W" write "$F" /two/gamma $N 2>"$T_TMP/err.c"
rc_c=$?
wait $a; rc_a=$?
wait $b; rc_b=$?
[ $rc_a -eq 0 ] && [ $rc_b -eq 0 ] && [ $rc_c -eq 0 ] && pass "three writers exit 0" ||
	fail "three writers exit 0" "$rc_a $rc_b $rc_c"
cat "$T_TMP"/err.* >"$T_TMP/err"
[ ! -s "$T_TMP/err" ] && pass "no warnings" || fail "no warnings" "$(head -5 "$T_TMP/err")"
got=$("$W" check "$F" /two/alpha /two/beta /two/gamma 2>&1)
[ "$got" = "$N $N $N" ] && pass "all $N marks of each writer survive" ||
	fail "all $N marks of each writer survive" "got: $got"
head -1 "$F" | grep -qx 'tread-state 1' && pass "header line" || fail "header line"
tail -1 "$F" | grep -q "^end $((3 * N)) [0-9a-f]\{16\}\$" && pass "end line with count and checksum" ||
	fail "end line with count and checksum" "$(tail -1 "$F")"
done_testing
