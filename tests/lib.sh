# lib.sh: shared set-up for tread's shell tests. Source it first.
# A fixed, private environment: no user config, state or cache leaks in.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${TREAD:=$top_builddir/src/tread}"
: "${TREAD_DATADIR:=$top_srcdir/data}"
export TREAD_DATADIR
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/tread-test.XXXXXX")
trap 'rm -rf "$T_TMP"' EXIT
export HOME="$T_TMP/home" XDG_CONFIG_HOME="$T_TMP/config" \
	XDG_STATE_HOME="$T_TMP/state" XDG_CACHE_HOME="$T_TMP/cache"
mkdir -p "$HOME"
# no system-wide tread.ini of this machine either (tests/sysconfig.sh)
export TREAD_SYSCONFDIR="$T_TMP/etc"
export TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8 TERM=xterm-256color
unset NO_COLOR COLUMNS LINES
ARTICLES="$top_srcdir/data/articles"

t_pass=0
t_fail=0

# pass NAME / fail NAME [DETAIL]: record one check.
pass() { t_pass=$((t_pass + 1)); echo "ok - $1"; }
fail() {
	t_fail=$((t_fail + 1)); echo "not ok - $1"
	[ $# -lt 2 ] || printf '%s\n' "$2" | sed 's/^/#   /'
}

# check NAME EXPECTED-FILE ACTUAL-FILE: compare, print a diff on failure.
check_file() {
	if diff -u "$2" "$3" >"$T_TMP/diff" 2>&1; then pass "$1"
	else fail "$1" "$(head -60 "$T_TMP/diff")"; fi
}

# expect NAME COMMAND...: the command must succeed.
expect() { n=$1; shift; if "$@"; then pass "$n"; else fail "$n"; fi; }

# done_testing: summary line, exit status for automake.
done_testing() {
	echo "$t_pass passed, $t_fail failed"
	[ $((t_pass + t_fail)) -gt 0 ] || exit 1
	[ "$t_fail" -eq 0 ]
}
