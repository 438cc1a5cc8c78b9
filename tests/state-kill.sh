#!/bin/sh
# state-kill.sh: kill -9 a state writer at random moments; the state file
# must always load as the old or the new state, never torn or mixed.
. "$(dirname "$0")/lib.sh"
W="$top_builddir/tests/unit/state_writer"
[ -x "$W" ] || { echo "# $W not built"; exit 99; }
F="$T_TMP/state/tread/state"
# A long prefix makes each save a bigger write, so kills land inside one.
P="/nonexistent/$(printf '%0200d' 0 | tr 0 k)"

# How long the writer takes to start and save once (slow under ASan or
# on a busy machine): kills come at random moments after that.
t0=$(date +%s%N)
"$W" write "$T_TMP/probe" "$P" 1 || { echo "# state_writer failed"; exit 99; }
base=$((($(date +%s%N) - t0) / 1000000))
[ "$base" -lt 1000 ] || base=1000
echo "# one writer start and save: ${base} ms"

# rand_ms: a pseudo-random delay of BASE+5..BASE+104 ms, as seconds.
rand_ms() { od -An -N2 -tu2 /dev/urandom |
	awk -v b="$base" '{ printf "%.3f", (b + 5 + $1 % 100) / 1000 }'; }

prev=0 torn=0 back=0 moved=0 i=0
while [ $i -lt 50 ]; do
	i=$((i + 1))
	"$W" write "$F" "$P" 1000000 2>"$T_TMP/werr" &
	pid=$!
	sleep "$(rand_ms)"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	if ! now=$("$W" check "$F" "$P" 2>"$T_TMP/cerr") || [ -s "$T_TMP/cerr" ]; then
		torn=$((torn + 1))
		echo "# iteration $i: $(cat "$T_TMP/cerr")"
		cp "$F" "$T_TMP/torn.$i" 2>/dev/null
		continue
	fi
	[ "$now" -ge "$prev" ] || { back=$((back + 1)); echo "# iteration $i: $now < $prev"; }
	[ "$now" -gt "$prev" ] && moved=$((moved + 1))
	prev=$now
done
echo "# $i kills, $prev keys saved, the file grew in $moved of them"
[ $torn -eq 0 ] && pass "the state always loads after kill -9 ($i kills)" ||
	fail "the state was torn $torn times"
[ $back -eq 0 ] && pass "never older than the last state seen" ||
	fail "the state went back $back times"
[ $moved -ge 5 ] && pass "the writer made progress between kills" ||
	fail "the writer made progress between kills ($moved)"
[ -z "$(find "$T_TMP/state" -name 'state.*' ! -name state.lock ! -name state.tmp)" ] &&
	pass "no stray files besides state.lock and state.tmp" ||
	fail "stray files" "$(ls -la "$T_TMP/state/tread")"
# A last uninterrupted run finishes cleanly on top of whatever was left.
"$W" write "$F" "$P" 5 && now=$("$W" check "$F" "$P") && [ "$now" -eq $((prev + 5)) ] &&
	pass "a clean run after the kills adds its keys" ||
	fail "a clean run after the kills adds its keys" "$now vs $prev"
done_testing
