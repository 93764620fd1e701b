#!/bin/sh
# Resizing at any moment: 160 -> 60 -> 40 columns and back, with the
# selection kept (proved on the server at the end), borders straight at
# every width, the selected column always visible, one column with a lane
# strip when narrow, "too small" below the minimum.
. "$(dirname "$0")/lib.sh"
ui_require
sim_start --stages demo --seed 300

B=$(sim_stage_ids PROPOSAL 2 | sim_nth 2)
NB=$(sim_get_field "$B" name)          # "Umbrella pilot"
A=$(sim_stage_ids DISCOVERY 1)
NA=$(sim_get_field "$A" name)          # "Acme renewal"


pb_open -x 160 -y 30
expect 'Discovery.*Proposal.*Negotiation.*Closed won.*Closed lost' "160: all five columns on one line"
keys l j
expect_aligned "160: borders line up"
expect_dump resize_160x30 "160: matches expected/resize_160x30.txt"

resize 60 30
wait_still 5
if screen_fits 60; then pass "60: nothing wider than the terminal"; else fail "60: nothing wider than the terminal"; fi
expect "$(re_quote "$NB")" "60: the selected card is still visible"
expect 'Proposal' "60: the selected column is visible"
out=$(screen | "$UITOOL" cols)
rc=$?
if [ $rc -eq 0 ] || [ $rc -eq 3 ]; then pass "60: borders (if any) line up"; else fail "60: borders (if any) line up" "$out"; fi
expect_dump resize_60x30 "60: matches expected/resize_60x30.txt"

resize 40 30
wait_still 5
if screen_fits 40; then pass "40: nothing wider than the terminal"; else fail "40: nothing wider than the terminal"; fi
expect '▸ ?Proposal' "40: one column at a time, a lane strip marks Proposal (▸)"
expect 'Discovery|Negotiation' "40: the lane strip names the other stages"
expect "▌ ?$(re_quote "$NB")" "40: the selected card is visible and marked (▌)"
if screen | grep -Fq "$NA"; then fail "40: Discovery's cards are not drawn beside Proposal"; else
    pass "40: Discovery's cards are not drawn beside Proposal"
fi
expect_dump resize_40x30 "40: matches expected/resize_40x30.txt"

# Navigation works in the narrow layout: h shows Discovery.
keys h
expect "$(re_quote "$NA")" "40: h shows Discovery's first card"
keys l
expect "$(re_quote "$NB")" "40: l comes back to the selected card of Proposal"

resize 12 5
expect '[Tt]oo small|[Ss]mall' "12x5: the terminal is too small, and pipeboard says so"
if screen_fits 12; then pass "12x5: nothing wider than the terminal"; else fail "12x5: nothing wider than the terminal"; fi

resize 120 30
wait_still 5
expect 'Discovery.*Proposal.*Negotiation.*Closed won.*Closed lost' "back to 120: all five columns"
expect_aligned "back to 120: borders line up"
keys L
expect_server "the selection survived every resize: \"$NB\" moves to NEGOTIATION" NEGOTIATION \
    sim_get_field "$B" stage

# A quick series of resizes (SIGWINCH storm) leaves a whole board.
for w in 100 70 150 45 90 130; do resize $w 30; done
resize 120 30
wait_still 5
expect_aligned "after many quick resizes the borders line up"
if screen_fits 120; then pass "after many quick resizes nothing is wider than the terminal"; else
    fail "after many quick resizes nothing is wider than the terminal"
fi
keys q
if wait_exit 5 || { keys q; wait_exit 5; }; then pass "q quits after resizing"; else fail "q quits after resizing"; fi

ui_finish
