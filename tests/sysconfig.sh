#!/bin/sh
# sysconfig.sh: the system-wide tread.ini ($(sysconfdir)/tread, here
# $TREAD_SYSCONFDIR) is read first, the user's (or --config) over it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui/uilib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux not installed"; exit 77; }
total=$(batch --list | sed 1d | wc -l)
SYS="$TREAD_SYSCONFDIR/tread.ini" USER_INI="$XDG_CONFIG_HOME/tread/tread.ini"
mkdir -p "$TREAD_SYSCONFDIR" "$XDG_CONFIG_HOME/tread"

# The system file: no themes panel, and x quits (instead of q).
printf '[layout]\nside_panel = no\n[keys]\nquit = x\n' >"$SYS"
ui_start 80 24
see "system only: starts" "$total/$total articles"
not_see "system only: side_panel = no hides the themes" "Themes (all of)"
keys q
sleep 0.3
not_see "system only: q is no longer quit" "TREAD-EXIT="
keys x
see "system only: x quits" "TREAD-EXIT=0"

# The user's file over it: the panel is back, x still quits.
printf '[layout]\nside_panel = yes\n' >"$USER_INI"
ui_start 80 24
see "system + user: starts" "$total/$total articles"
see "system + user: the user's side_panel wins" "Themes (all of)"
keys x
see "system + user: the system's binding stays" "TREAD-EXIT=0"

# The user's binding of the same action wins.
printf '[keys]\nquit = q\n' >"$USER_INI"
ui_start 80 24
see "user rebinds: starts" "$total/$total articles"
not_see "user rebinds: the system's side_panel stays" "Themes (all of)"
keys x
sleep 0.3
not_see "user rebinds: x is not quit" "TREAD-EXIT="
keys q
see "user rebinds: q quits" "TREAD-EXIT=0"

# --config FILE takes the user's place over the system file.
printf '[layout]\nside_panel = yes\n' >"$T_TMP/given.ini"
ui_start 80 24 -- --config "$T_TMP/given.ini"
see "--config over the system file" "Themes (all of)"
keys x
see "--config: the system's binding stays" "TREAD-EXIT=0"

# A bad system file: a warning naming it, the defaults, the user's file.
printf '[layout]\nside_width = 5000\n' >"$SYS"
printf '[layout]\nside_panel = no\n' >"$USER_INI"
ui_start 80 24
see "bad system file: starts" "$total/$total articles"
not_see "bad system file: the user's file still read" "Themes (all of)"
keys q
see "bad system file: q quits (defaults)" "TREAD-EXIT=0"
grep -q "^tread: $SYS:2: " "$T_TMP/stderr" && pass "bad system file: warned, named" ||
	fail "bad system file: warned, named" "$(cat "$T_TMP/stderr")"

# No system file at all: as before.
rm -f "$SYS" "$USER_INI"
ui_start 80 24
see "no system file: the themes panel" "Themes (all of)"
keys q
see "no system file: q quits" "TREAD-EXIT=0"
ui_stop
done_testing
