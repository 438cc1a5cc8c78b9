#!/bin/sh
# tree.sh: git tracks sources only: no built program or object file.
. "$(dirname "$0")/lib.sh"
cd "$top_srcdir" || exit 1

if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	echo "# not a git checkout (a release tarball): nothing to check"
	done_testing
	exit 0
fi
# built_files: tracked files that are ELF programs or objects, or ar archives.
built_files() {
	git ls-files -z | xargs -0 sh -c 'for f; do
		[ -f "$f" ] || continue
		case $(head -c 8 "$f" | od -An -c | tr -d " ") in
		177ELF*|"!<arch>"*) printf "%s\n" "$f" ;;
		esac
	done' sh
}
built_files >"$T_TMP/built"
[ ! -s "$T_TMP/built" ] && pass "no built file is tracked" ||
	fail "no built file is tracked" "$(cat "$T_TMP/built")"
done_testing
