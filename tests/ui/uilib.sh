# uilib.sh: driving tread in a private tmux server (tmux regress style).
# Source after tests/lib.sh. Every screen is polled for with a deadline,
# never waited for with a fixed sleep.

TM_SOCK="tread$$"
UI_DEADLINE=${UI_DEADLINE:-10}	# seconds for one expected screen
UI_ARTS=$(echo "$ARTICLES"/*.txt)	# the paths tread is given
# UI_NOCACHE: the cache option (default --no-cache; set empty for a cache)

# tm ARGS...: tmux on our own server, no user configuration.
tm() { tmux -L "$TM_SOCK" -f /dev/null "$@"; }

# ui_stop: kill the server (and tread in it). A tread that outlives its
# terminal by 5 s is killed, so that none is left behind: under the
# sanitizers, LeakSanitizer's exit check has been seen to hang here.
ui_stop() {
	tm kill-server >/dev/null 2>&1
	stop_p=$(tread_pid)
	[ -n "$stop_p" ] || return 0
	stop_i=0
	while kill -0 "$stop_p" 2>/dev/null && [ $stop_i -lt 100 ]; do
		sleep 0.05
		stop_i=$((stop_i + 1))
	done
	kill -0 "$stop_p" 2>/dev/null && kill -KILL "$stop_p" 2>/dev/null
	rm -f "$T_TMP/pid"
}
trap 'ui_stop; rm -rf "$T_TMP"' EXIT

# ui_start W H [ENV=VALUE...] [-- ARGS...]: a fresh server running a shell
# that prints a marker, runs tread, then prints its exit status.
ui_start() {
	w=$1 h=$2; shift 2
	envs="TERM=screen-256color"
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs="$envs $1"; shift; done
	[ $# -gt 0 ] && shift
	ui_stop
	# A new socket per start: a server still shutting down on the old one
	# makes new-session fail with "server exited unexpectedly".
	ui_n=$((${ui_n:-0} + 1))
	TM_SOCK="tread$$.$ui_n"
	# tread.sh writes its own pid, then execs tread: the pid is tread's,
	# with no need for pgrep (procps is not on a bare machine).
	cat >"$T_TMP/tread.sh" <<EOS
echo \$\$ >"$T_TMP/pid"
exec env $envs "$TREAD" ${UI_NOCACHE---no-cache} $* $UI_ARTS 2>"$T_TMP/stderr"
EOS
	# UI_SHIELD: the shell around tread ignores the keyboard's signals
	# (keys sent while tread quits or suspends must not end the pane).
	cat >"$T_TMP/run.sh" <<EOS
${UI_SHIELD:+trap '' INT QUIT TSTP}
printf 'BEFORE-TREAD\n'
sh "$T_TMP/tread.sh"
rc=\$?
echo \$rc >"$T_TMP/rc"
echo "TREAD-EXIT=\$rc"
trap '' INT QUIT TSTP
exec sleep 600
EOS
	rm -f "$T_TMP/pid" "$T_TMP/rc"
	if [ -n "${UI_JOB:-}" ]; then
		# An interactive shell with job control runs tread as a job.
		tm new-session -d -x "$w" -y "$h" "env PS1='$ ' ENV= sh -i"
		tm send-keys -t 0 "sh $T_TMP/run.sh" Enter
	else
		tm new-session -d -x "$w" -y "$h" "sh $T_TMP/run.sh"
	fi
}

# screen [-e]: the pane's text now (with attributes when -e).
screen() { tm capture-pane -p "$@" -t 0 2>/dev/null; }

# wait_for TEXT [-e]: poll until the screen contains TEXT (fixed string);
# 1 when the deadline passes. The last screen is in $T_TMP/screen.
wait_for() {
	end=$(($(date +%s) + UI_DEADLINE))
	while :; do
		screen ${2:-} >"$T_TMP/screen"
		grep -qF -- "$1" "$T_TMP/screen" && return 0
		[ "$(date +%s)" -ge "$end" ] && return 1
		sleep 0.05
	done
}

# wait_gone TEXT: poll until TEXT is no longer on the screen.
wait_gone() {
	end=$(($(date +%s) + UI_DEADLINE))
	while :; do
		screen >"$T_TMP/screen"
		grep -qF -- "$1" "$T_TMP/screen" || return 0
		[ "$(date +%s)" -ge "$end" ] && return 1
		sleep 0.05
	done
}

# see NAME TEXT [-e]: a check that TEXT shows up; prints the screen if not.
see() {
	if wait_for "$2" ${3:-}; then pass "$1"
	else fail "$1: '$2' not on screen" "$(cat "$T_TMP/screen")"; fi
}

# not_see NAME TEXT: a check that TEXT is (or goes) away.
not_see() {
	if wait_gone "$2"; then pass "$1"
	else fail "$1: '$2' still on screen" "$(cat "$T_TMP/screen")"; fi
}

# keys KEY...: send keys to tread.
keys() { tm send-keys -t 0 "$@"; }

# fits NAME W H: no line is wider than W columns and there are H lines.
fits() {
	screen >"$T_TMP/fit"
	lines=$(wc -l <"$T_TMP/fit")
	wide=$(wc -L <"$T_TMP/fit")
	if [ "$lines" -eq "$3" ] && [ "$wide" -le "$2" ]; then pass "$1"
	else fail "$1: $lines lines, $wide columns" "$(cat "$T_TMP/fit")"; fi
}

# pane_alt: 1 while the pane is in the alternate screen.
pane_alt() { tm display-message -p -t 0 '#{alternate_on}'; }

# tread_rc: tread's exit status (empty while it runs).
tread_rc() { cat "$T_TMP/rc" 2>/dev/null; }

# tread_pid: the pid of the running tread (empty if it never started).
tread_pid() { cat "$T_TMP/pid" 2>/dev/null; }

# batch ARGS...: tread's batch mode on the same articles.
batch() { "$TREAD" --no-cache "$@" $UI_ARTS 2>/dev/null; }
