#!/bin/sh
# completion.sh: the bash and zsh completions (completions/): loaded in
# a bash that calls the function as readline would, then typed into an
# interactive bash and zsh in tmux; the zsh one names every option.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui/uilib.sh"
cd "$top_srcdir" || exit 1
PATH="$(dirname "$TREAD"):$PATH"
export PATH
command -v bash >/dev/null 2>&1 || { echo "bash not installed"; exit 77; }
printf '[zzcomp]\nlabel = A test theme\nen = zzcompterm\n' >"$T_TMP/extra.ini"

# What the completion offers for a line ending at the cursor, sorted.
cat >"$T_TMP/complete.bash" <<EOS
. '$top_srcdir/completions/tread'
while IFS= read -r line; do
	COMP_LINE=\$line COMP_POINT=\${#line} COMPREPLY=()
	_tread
	printf '%s\n' "\${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ \$//'
	echo
done
EOS
# offers NAME LINE WANT: the words offered for LINE are WANT (sorted).
offers() {
	got=$(printf '%s\n' "$2" | bash --norc --noprofile "$T_TMP/complete.bash" 2>&1)
	if [ "$got" = "$3" ]; then pass "bash: $1"
	else fail "bash: $1" "line: '$2'
want: '$3'
got:  '$got'"; fi
}
themes=$("$TREAD" --complete themes | sort | tr '\n' ' ' | sed 's/ $//')
[ -n "$themes" ] && pass "--complete themes lists the lexicon" || fail "--complete themes lists the lexicon"
# every field offered is one the query language knows
fields=$("$TREAD" --complete fields)
case " $(echo $fields) " in *" theme: "*" date: "*) pass "--complete fields" ;;
*) fail "--complete fields" "$fields" ;; esac
for f in $fields; do
	"$TREAD" --list --filter "${f}x" >/dev/null 2>"$T_TMP/err"
	grep -q "unknown field" "$T_TMP/err" && fail "the query knows $f" "$(cat "$T_TMP/err")" ||
		pass "the query knows $f"
done
"$TREAD" --complete nonsense >/dev/null 2>"$T_TMP/err"
[ $? -eq 2 ] && grep -q '^tread: --complete: ' "$T_TMP/err" && pass "--complete nonsense: usage error" ||
	fail "--complete nonsense: usage error"

offers "an option" "tread --fo" "--format="
offers "options by prefix" "tread --th" "--themes --themes-file="
offers "--format's values" "tread --format " "json tsv"
offers "--format=VALUE" "tread --list --format=j" "json"
offers "--color=WHEN" "tread --color=" "always auto never"
offers "--color=a" "tread --show 1 --color=a" "always auto"
offers "--by's values" "tread --timeline --by=w" "week"
offers "--width takes a number" "tread --width " ""
offers "a field of a query" "tread --filter so" "source:"
offers "a negated field" "tread --filter -la" "-lang:"
offers "every theme id after theme:" "tread --filter theme:" "$themes"
offers "theme ids after a comma" "tread --themes-file $T_TMP/extra.ini --list -f theme:energy,zzc" "energy,zzcomp"
offers "a theme of --themes-file" "tread --themes-file=$T_TMP/extra.ini --filter -theme:zz" "zzcomp"
offers "a term in a quoted query" "tread --filter 'lang:pl theme:zzc" ""
mkdir -p "$T_TMP/p/news" && : >"$T_TMP/p/a.txt" && : >"$T_TMP/p/b.txt" && cd "$T_TMP/p"
offers "- among the paths" "tread --list " "- a.txt b.txt news"
offers "paths" "tread --list n" "news"
offers "- for --show" "tread --show " "- a.txt b.txt news"
: >"$T_TMP/p/with space.txt"
offers "a file name with a space" "tread --list wi" "with space.txt"
offers "--encoding=" "tread --encoding=KO" "KOI8-R"
cd "$top_srcdir"
offers "files for --config" "tread -c $T_TMP/ext" "$T_TMP/extra.ini"

# Every option tread has is in the zsh completion (so it cannot go stale).
for o in $("$TREAD" --complete options); do
	o=${o%=}
	grep -q -e "[{,'\"]$o[]=+,}'[]" completions/_tread && pass "zsh knows $o" ||
		fail "zsh completion lacks $o"
done

# Typed into real shells: readline and zle do the rest.
command -v tmux >/dev/null 2>&1 || { echo "# tmux not installed: interactive shells not checked"; done_testing; exit; }
# shell_start CMD: an interactive shell in tmux, 120 columns.
shell_start() {
	ui_stop
	ui_n=$((${ui_n:-0} + 1))
	TM_SOCK="tread$$.$ui_n"
	tm new-session -d -x 120 -y 20 "env PS1='$ ' PROMPT='$ ' PATH='$PATH' $1"
}
shell_start "bash --norc --noprofile -i"
keys ". '$top_srcdir/completions/tread'" Enter
keys "tread --form" Tab
see "bash, typed: an option" "tread --format="
keys C-u "tread --themes-file $T_TMP/extra.ini --filter theme:zzc" Tab
see "bash, typed: a theme id" "--filter theme:zzcomp"
if command -v zsh >/dev/null 2>&1; then
	shell_start "zsh -f -i"
	keys "fpath=('$top_srcdir/completions' \$fpath); autoload -U compinit; compinit -u -D" Enter
	keys "tread --form" Tab
	see "zsh, typed: an option" "tread --format="
	keys C-u "tread --themes-file $T_TMP/extra.ini --filter theme:zzc" Tab
	see "zsh, typed: a theme id" "--filter theme:zzcomp"
	keys C-u "tread --color=n" Tab
	see "zsh, typed: --color=never" "tread --color=never"
else
	echo "# zsh not installed: zsh completion not typed"
fi
ui_stop
done_testing
