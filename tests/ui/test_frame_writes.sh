#!/bin/sh
# A frame leaves in one buffered write, not one write per cursor motion.
# ncurses flushes after every cursor motion of a refresh until the screen has
# once been through endwin() and back (src/ui/screen.c does that at start):
# without it the first frame was ~150 write() calls and a stage move ~40,
# each a packet of its own over SSH. pipeboard runs under strace (write and
# poll calls only); the counts are of write() to fd 1, the terminal.
# Not under PB_WRAP (valgrind): this is about system calls, not memory.
. "$(dirname "$0")/lib.sh"
ui_require
PB_WRAP=
if ! command -v strace >/dev/null 2>&1; then
    fail "strace is installed (make deps installs it)"
    ui_finish
    exit $?
fi
sim_start --stages demo --seed 300

TRACE=$UI_TMP/writes.trace
REAL_PB=$PB
PB=$UI_TMP/pb-traced
# LeakSanitizer cannot run under ptrace (the asan-ui kind): leaks are the
# other suites' business, this one counts system calls.
cat >"$PB" <<EOF
#!/bin/sh
ASAN_OPTIONS="\${ASAN_OPTIONS:+\$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS
exec strace -qq -f -e trace=write -e signal=none -o '$TRACE' '$REAL_PB' "\$@"
EOF
chmod +x "$PB"

# term_writes: how many write() calls to fd 1 so far.
term_writes() { grep -c '^[0-9]* *write(1,' "$TRACE" 2>/dev/null || echo 0; }

pb_open
wait_still 5
open_writes=$(term_writes)
# The first frame, the loading frames and the loaded board: a handful of
# frames, each one write (or two when a full repaint outgrows ncurses'
# buffer). One write per cursor motion made this ~180.
if [ "$open_writes" -gt 0 ] && [ "$open_writes" -le 30 ]; then
    pass "opening the board: $open_writes writes to the terminal (at most 30)"
else
    fail "opening the board: $open_writes writes to the terminal (at most 30)" \
        "$(grep 'write(1,' "$TRACE" | head -20)"
fi

A=$(sim_stage_ids DISCOVERY 1)
NA=$(sim_get_field "$A" name)
before=$(term_writes)
keys L
expect "Moved \"$(re_quote "$(printf '%s\n' "$NA" | "$UITOOL" cut 0 10)")" "L moves \"$NA\""
wait_still 5
move_writes=$(( $(term_writes) - before ))
# The key's frame, the pending spinner's frames and the answer's frame.
if [ "$move_writes" -gt 0 ] && [ "$move_writes" -le 12 ]; then
    pass "a stage move: $move_writes writes to the terminal (at most 12)"
else
    fail "a stage move: $move_writes writes to the terminal (at most 12)" \
        "$(grep 'write(1,' "$TRACE" | tail -n 20)"
fi
expect_server "the move reached the server" PROPOSAL sim_get_field "$A" stage

# Out and back in once at start: the keypad (arrow keys) and the mouse still work.
keys Left
expect '^▌Discovery' "the Left arrow selects Discovery"
mouse_click 40 7
expect '^ Discovery .*│▌Proposal' "a click on a Proposal card selects Proposal"
keys q
if wait_exit 5 || { keys q; wait_exit 5; }; then pass "q quits"; else fail "q quits"; fi
if [ "$(pb_status)" = 0 ]; then pass "exit status 0"; else fail "exit status 0" "status $(pb_status)"; fi

ui_finish
