#!/bin/sh
# A server error on a move reverts the card and shows the reason; the failed
# card is flagged until x dismisses it; a slow server never blocks the keys
# (the move shows at once, optimistically); q while a write is in flight asks
# first.
. "$(dirname "$0")/lib.sh"
ui_require
sim_start --stages demo --seed 300

A=$(sim_stage_ids DISCOVERY 1)
NAME=$(sim_get_field "$A" name)
RN=$(re_quote "$NAME")

pb_open
sim_faults 'PATCH /rest/opportunities/* 500'
keys L
expect 'failed \(500\)' "a failed move shows the reason: the server failed (500)"
expect 'Internal server error' "... with the server's own message"
expect "✗ ?$RN" "the card is flagged as failed (✗)"
expect_in_column Discovery "$RN" "the card is back in Discovery"
expect_not_in_column Proposal "$RN" "the card is not in Proposal"
expect_eq "$(sim_get_field "$A" stage)" DISCOVERY "the server still has it in DISCOVERY"
expect_aligned "the borders line up with the failed card"
expect_dump server_error_120x30 "the screen matches expected/server_error_120x30.txt"

# x dismisses the flag; then, with the server healthy, the same move works.
keys x
expect_not "✗ ?$RN" "x dismisses the failed flag"
expect_not 'x to dismiss' "... and its message"
sim_faults_clear
keys L
expect "Moved \"$RN\" to Proposal" "with the server back, L moves the card"
expect_server "the server has it in PROPOSAL" PROPOSAL sim_get_field "$A" stage
keys u
expect_server "u: back in DISCOVERY" DISCOVERY sim_get_field "$A" stage
wait_for Undone 5

# A slow server: the move is shown at once and the keys keep working.
sim_faults 'PATCH /rest/opportunities/* hang:4000'
wait_still 3
keys L
expect_in_column Proposal "$RN" "slow server: the card is shown in Proposal at once" 2
expect_eq "$(sim_get_field "$A" stage)" DISCOVERY "slow server: the server has not answered yet"
keys '?'
expect 'move-next-stage|[Mm]ove the card' "slow server: ? opens the help while the write is in flight" 2
keys Escape
wait_gone 'move-next-stage|[Mm]ove the card to the next' 3
keys q
expect 'in flight|still|[Ss]aving|pending' "q while the write is in flight asks first" 2
if pb_exited; then fail "q does not quit at once while a write is in flight"; else
    pass "q does not quit at once while a write is in flight"
fi
keys Escape
expect_server "the slow write completes" PROPOSAL sim_get_field "$A" stage
expect "Moved \"$RN\" to Proposal" "the status line says the move completed"
sim_faults_clear
wait_still 5
keys q
if wait_exit 5; then pass "with nothing in flight q quits"; else fail "with nothing in flight q quits"; fi
expect_eq "$(pb_status)" 0 "exit status 0"

ui_finish
