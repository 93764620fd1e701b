#!/bin/sh
# ? shows the help, generated from the action table: every action's help text
# is on it; q closes it; q quits and the terminal is restored (the shell's
# screen is back, the tty modes are as before), also on SIGTERM and SIGINT;
# q q while a write is in flight quits and says what was not saved.
. "$(dirname "$0")/lib.sh"
ui_require
sim_start --stages demo --seed 300

# Every help text of src/ui/actions.h (the third string of each X(...) entry).
sed -n '/^#define UI_ACTIONS/,/^$/p' "$UI_ROOT/src/ui/actions.h" | tr -d '\\\n' |
    awk '{ n = split($0, e, /X\(/); for (i = 2; i <= n; i++) {
              k = split(e[i], q, "\""); if (k >= 7) print q[6] } }' >"$UI_TMP/helptexts"
nh=$(wc -l <"$UI_TMP/helptexts")
if [ "$nh" -ge 20 ]; then pass "the action table lists $nh actions"; else
    fail "the action table lists $nh actions" "$(cat "$UI_TMP/helptexts")"
fi

pb_pid() { # the pipeboard process in the pane
    for t_p in $(ui_descendants "$(ui_pane_pid)"); do
        # under PB_WRAP=valgrind the process is valgrind's tool running pipeboard
        case $(cat "/proc/$t_p/comm" 2>/dev/null) in
        pipeboard | memcheck-amd64-) echo "$t_p" && return ;;
        esac
    done
}
restored() { # DESC
    if wait_exit 5; then pass "$1: pipeboard exits"; else fail "$1: pipeboard exits"; return; fi
    if cmp -s "$UI_TMP/stty.before" "$UI_TMP/stty.after"; then pass "$1: the tty modes are restored"; else
        fail "$1: the tty modes are restored" "before: $(cat "$UI_TMP/stty.before")" "after:  $(cat "$UI_TMP/stty.after")"
    fi
    expect 'pane: before pipeboard' "$1: the shell's screen is back (alternate screen left)" 3
    expect 'pipeboard exited with status' "$1: the shell goes on after pipeboard" 3
    if screen | grep -q '│'; then fail "$1: no board is left on the screen"; else
        pass "$1: no board is left on the screen"
    fi
}

pb_open
keys '?'
expect 'Move the card to the next stage' "? opens the help"
: >"$UI_TMP/helpscreens"
i=0
while [ $i -lt 12 ]; do
    screen >>"$UI_TMP/helpscreens"
    keys PageDown
    sleep 0.15
    i=$((i + 1))
done
missing=
while IFS= read -r h; do
    grep -Fq -- "$h" "$UI_TMP/helpscreens" || missing="$missing|$h"
done <"$UI_TMP/helptexts"
if [ -z "$missing" ]; then pass "the help shows every action of the table ($nh)"; else
    fail "the help shows every action of the table ($nh)" "missing: $missing"
fi
if grep -Eq '(^|[^A-Za-z])L([^A-Za-z]|$).*>|>.*(^|[^A-Za-z])L([^A-Za-z]|$)' "$UI_TMP/helpscreens" &&
    grep -q 'C-r\|Ctrl-R\|\^R' "$UI_TMP/helpscreens"; then
    pass "the help shows the keys (L >, Ctrl-R)"
else
    fail "the help shows the keys (L >, Ctrl-R)"
fi
keys q
expect_not 'Move the card to the next stage' "q closes the help"
if pb_exited; then fail "q in the help does not quit pipeboard"; else pass "q in the help does not quit pipeboard"; fi
expect 'Discovery.*Proposal' "the board is back"
keys '?'
expect 'Move the card to the next stage' "? opens the help again"
keys '?'
expect_not 'Move the card to the next stage' "? closes it too"

keys q
restored "q"
expect_eq "$(pb_status)" 0 "q: exit status 0"

pb_open
kill -TERM "$(pb_pid)" 2>/dev/null
restored "SIGTERM"

pb_open
kill -INT "$(pb_pid)" 2>/dev/null
restored "SIGINT"

# A crash (SIGSEGV) restores the terminal too, then dies by the signal.
pb_open
kill -SEGV "$(pb_pid)" 2>/dev/null
restored "SIGSEGV"
expect_eq "$(pb_status)" 139 "SIGSEGV: pipeboard dies by the signal (status 139)"

# q q with a write in flight: quits anyway and says what was not saved.
pb_open
sim_faults 'PATCH /rest/opportunities/* hang:8000'
keys L
wait_for 'Proposal' 2
keys q
expect '1 write|in flight' "q with a write in flight asks first (names the count)" 3
keys q
restored "q q with a write in flight"
if pb_stderr | grep -Eqi 'not saved|unsaved|in flight|lost'; then
    pass "q q: stderr says what was not saved"
else
    fail "q q: stderr says what was not saved" "stderr: $(pb_stderr)"
fi
sim_faults_clear

ui_finish
