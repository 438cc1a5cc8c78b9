#!/bin/sh
# stdin.sh: "-" names standard input, for --show and as a PATH (batch
# modes and the reader, which then reads its keys from the terminal).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui/uilib.sh"
cd "$top_srcdir" || exit 1
ONE="$ARTICLES/004_04b1ac220f639b5e.txt"

# --show - is --show FILE but for the path shown.
cp "$ONE" "$T_TMP/x"
(cd "$T_TMP" && "$TREAD" --show x --width 60) >"$T_TMP/file.out" 2>&1
"$TREAD" --show - --width 60 <"$ONE" >"$T_TMP/stdin.out" 2>"$T_TMP/err"
[ $? -eq 0 ] && pass "--show - (exit 0)" || fail "--show - (exit 0)" "$(cat "$T_TMP/err")"
sed '3s/| x$/| -/' "$T_TMP/file.out" >"$T_TMP/want"
check_file "--show - from a file is the article" "$T_TMP/want" "$T_TMP/stdin.out"
cat "$ONE" | "$TREAD" --show - --width 60 >"$T_TMP/pipe.out" 2>&1
check_file "--show - from a pipe is the article" "$T_TMP/want" "$T_TMP/pipe.out"
cat "$ONE" | "$TREAD" --show - --width 60 --highlight >"$T_TMP/hl.out" 2>&1
grep -q '\[\[' "$T_TMP/hl.out" && pass "--show - --highlight marks evidence" ||
	fail "--show - --highlight marks evidence"

# - as a PATH of --list, alone and among others; never cached.
cat "$ONE" | "$TREAD" --list - >"$T_TMP/list" 2>"$T_TMP/err"
[ "$(sed 1d "$T_TMP/list" | cut -f2)" = "-" ] && [ "$(wc -l <"$T_TMP/list")" -eq 2 ] &&
	pass "--list -: one article, path -" || fail "--list -: one article, path -" "$(cat "$T_TMP/list" "$T_TMP/err")"
"$TREAD" --list --no-cache "$ONE" | sed 1d | cut -f3- >"$T_TMP/want"
sed 1d "$T_TMP/list" | cut -f3- >"$T_TMP/got"
check_file "--list -: the same fields as the file" "$T_TMP/want" "$T_TMP/got"
cat "$ONE" | "$TREAD" --list - "$ARTICLES" >"$T_TMP/list" 2>&1
[ "$(sed 1d "$T_TMP/list" | wc -l)" -eq 6 ] && pass "--list - DIR: six articles" ||
	fail "--list - DIR: six articles" "$(cat "$T_TMP/list")"
printf 'Another day\n\nNothing about any theme here, said nobody.\n' |
	"$TREAD" --list - >"$T_TMP/list" 2>&1
grep -q '	Nothing about any theme' "$T_TMP/list" && pass "--list -: a second input is read anew (no cache)" ||
	fail "--list -: a second input is read anew (no cache)" "$(cat "$T_TMP/list")"
cat "$ONE" | "$TREAD" --themes --format json - >"$T_TMP/json" 2>&1
grep -q '"articles": *1' "$T_TMP/json" && pass "--themes -: counts the one article" ||
	fail "--themes -: counts the one article" "$(head -5 "$T_TMP/json")"

# Empty or binary input: the usual errors, named "-".
"$TREAD" --list - </dev/null >/dev/null 2>"$T_TMP/err"
[ $? -eq 1 ] && grep -q '^tread: -: empty file$' "$T_TMP/err" && pass "empty stdin: exit 1, named -" ||
	fail "empty stdin: exit 1, named -" "$(cat "$T_TMP/err")"
printf 'a\000b\000c\000' | "$TREAD" --show - >/dev/null 2>"$T_TMP/err"
[ $? -eq 1 ] && grep -q '^tread: -: ' "$T_TMP/err" && pass "binary stdin: exit 1, named -" ||
	fail "binary stdin: exit 1, named -" "$(cat "$T_TMP/err")"
# A file called "-" is still reachable as ./-.
mkdir -p "$T_TMP/d" && cp "$ONE" "$T_TMP/d/-"
(cd "$T_TMP/d" && "$TREAD" --list --no-cache ./- </dev/null) >"$T_TMP/list" 2>&1
[ "$(sed 1d "$T_TMP/list" | cut -f2)" = "./-" ] && pass "./- is the file named -" ||
	fail "./- is the file named -" "$(cat "$T_TMP/list")"

# The reader on a pipe takes its keys from the terminal.
if command -v tmux >/dev/null 2>&1; then
	UI_ARTS="- <$ONE"
	ui_start 80 24
	see "reader -: loads the one article" "1/1 articles"
	keys q
	see "reader -: quits on q from the terminal" "TREAD-EXIT=0"
	ui_stop
else
	echo "# tmux not installed: the reader on standard input not checked"
fi
done_testing
