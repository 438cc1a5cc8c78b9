#!/bin/sh
# color.sh: --color=auto|always|never for --show --highlight and the
# reader, on a pipe and on a terminal (script(1) gives --show a pty,
# tmux gives the reader one), with TERM=dumb and NO_COLOR.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui/uilib.sh"
cd "$top_srcdir" || exit 1
ESC=$(printf '\033')
ONE="$ARTICLES/004_04b1ac220f639b5e.txt"
command -v script >/dev/null 2>&1 || { echo "script (util-linux) not installed"; exit 77; }

# piped NAME WANT [ENV=V...] -- ARGS: --show --highlight on a pipe; WANT is
# sgr (reverse video marks, no brackets) or plain ([[ ]] marks, no escape).
piped() {
	name=$1 want=$2; shift 2
	envs=""
	while [ "$1" != "--" ]; do envs="$envs $1"; shift; done
	shift
	env $envs "$TREAD" --no-cache --show "$ONE" --highlight "$@" >"$T_TMP/out" 2>"$T_TMP/err"
	marks "$name" "$want"
}

# tty NAME WANT [ENV=V...] -- ARGS: the same with standard output a terminal.
tty() {
	name=$1 want=$2; shift 2
	envs=""
	while [ "$1" != "--" ]; do envs="$envs $1"; shift; done
	shift
	script -qec "env $envs '$TREAD' --no-cache --show '$ONE' --highlight $* 2>'$T_TMP/err'" \
		/dev/null </dev/null >"$T_TMP/out"
	marks "$name" "$want"
}

# marks NAME WANT: $T_TMP/out has the marks WANT (sgr or plain) only.
marks() {
	sgr=$(grep -c "$ESC\[7m" "$T_TMP/out")
	esc=$(grep -c "$ESC" "$T_TMP/out")
	br=$(grep -c '\[\[' "$T_TMP/out")
	case $2 in
	sgr) [ "$sgr" -gt 0 ] && [ "$br" -eq 0 ] ;;
	plain) [ "$esc" -eq 0 ] && [ "$br" -gt 0 ] ;;
	esac && pass "$1 ($2)" ||
		fail "$1: want $2 marks, got $sgr reverse, $esc escape, $br bracket lines" \
			"$(head -3 "$T_TMP/err")"
}

piped "pipe, default" plain --
piped "pipe, --color=auto" plain -- --color=auto
piped "pipe, --color=never" plain -- --color=never
piped "pipe, --color=always" sgr -- --color=always
piped "pipe, --color alone is always" sgr -- --color
piped "pipe, NO_COLOR=1 --color=always" sgr NO_COLOR=1 -- --color=always

tty "terminal, default" sgr --
tty "terminal, --color=auto" sgr -- --color=auto
tty "terminal, --color=never" plain -- --color=never
tty "terminal, --color=always" sgr -- --color=always
tty "terminal, TERM=dumb" plain TERM=dumb --
tty "terminal, TERM=dumb --color=always" sgr TERM=dumb -- --color=always
tty "terminal, NO_COLOR=1" plain NO_COLOR=1 --
tty "terminal, NO_COLOR empty" sgr NO_COLOR= --
tty "terminal, NO_COLOR=1 --color=always" sgr NO_COLOR=1 -- --color=always

# Without --highlight nothing is coloured, whatever --color says.
"$TREAD" --no-cache --show "$ONE" --color=always >"$T_TMP/out" 2>&1
grep -q "$ESC" "$T_TMP/out" && fail "no --highlight: no escapes" || pass "no --highlight: no escapes"

# Bad values are usage errors.
"$TREAD" --show "$ONE" --color=sometimes >/dev/null 2>"$T_TMP/err"
[ $? -eq 2 ] && grep -q '^tread: --color: expected auto, always or never: sometimes$' "$T_TMP/err" &&
	pass "--color=sometimes: usage error" ||
	fail "--color=sometimes: usage error" "$(cat "$T_TMP/err")"

# The reader: colours unless --color=never (or NO_COLOR), which --color=always
# overrides. tmux gives it a terminal.
if command -v tmux >/dev/null 2>&1; then
	total=$(batch --list | sed 1d | wc -l)
	# colours NAME WANT(yes|no): the screen has (or lacks) colour escapes.
	colours() {
		see "$1: starts" "$total/$total articles"
		screen -e >"$T_TMP/scr"
		if grep -qE "$ESC\[([0-9;]*;)?(3[0-7]|4[0-7]|38|48)(;|m)" "$T_TMP/scr"; then
			[ "$2" = yes ] && pass "$1: colours" || fail "$1: no colours wanted"
		else
			[ "$2" = no ] && pass "$1: no colours" || fail "$1: colours wanted"
		fi
	}
	ui_start 80 24 -- --color=never
	colours "reader --color=never" no
	ui_start 80 24 -- --color=auto
	colours "reader --color=auto" yes
	ui_start 80 24 NO_COLOR=1 -- --color=always
	colours "reader NO_COLOR=1 --color=always" yes
	ui_stop
else
	echo "# tmux not installed: reader colours not checked"
fi
done_testing
