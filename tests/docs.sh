#!/bin/sh
# docs.sh: README's "Hacking" section names every module of src/ (one
# line each), and every src/ file HACKING names exists, so that neither
# goes stale when a module is added, renamed or removed.
. "$(dirname "$0")/lib.sh"
cd "$top_srcdir" || exit 1

# hacking_section: README from its "Hacking" heading to the next one.
hacking_section() {
	awk '/^Hacking$/ { on = 1 } /^License$/ { on = 0 } on' README
}

# missing_modules TEXT_FILE: the modules of src/ (NAME of src/NAME.c or
# src/NAME.h) that TEXT_FILE does not name as src/NAME.
missing_modules() {
	for f in src/*.c src/*.h; do
		m=${f#src/}
		m=${m%.[ch]}
		grep -q "src/$m[.]" "$1" || echo "$m"
	done | sort -u
}

hacking_section >"$T_TMP/hacking"
[ -s "$T_TMP/hacking" ] && pass "README has a Hacking section" ||
	fail "README has a Hacking section" "no line 'Hacking' before 'License'"
missing_modules "$T_TMP/hacking" >"$T_TMP/missing"
[ ! -s "$T_TMP/missing" ] && pass "README's Hacking names every module" ||
	fail "README's Hacking names every module" \
	    "add a line for: $(tr '\n' ' ' <"$T_TMP/missing")"

# and the check sees what it looks for: a section without ui.c misses ui
grep -v 'src/ui[.]' "$T_TMP/hacking" >"$T_TMP/less"
missing_modules "$T_TMP/less" | grep -qx ui &&
	pass "a module left out is found" ||
	fail "a module left out is found" "ui not reported"

[ -f HACKING ] && pass "HACKING exists" || fail "HACKING exists" "no file"
grep -o 'src/[a-z_]*[.][ch]\>' HACKING | sort -u >"$T_TMP/named"
while read -r f; do
	[ -f "$f" ] || echo "$f"
done <"$T_TMP/named" >"$T_TMP/gone"
[ -s "$T_TMP/named" ] && [ ! -s "$T_TMP/gone" ] &&
	pass "every file HACKING names exists" ||
	fail "every file HACKING names exists" "$(cat "$T_TMP/gone")"
done_testing
