#!/bin/sh
# Navigation: h j k l, arrows, g/G, Tab/Shift-Tab, PgDn. Which card is
# selected is proved by what the server holds: the test moves the selected
# card with L or H, checks which record changed stage, then undoes the move.
. "$(dirname "$0")/lib.sh"
ui_require
sim_start --stages demo --seed 300

DISC=$(sim_stage_ids DISCOVERY 200)
PROP=$(sim_stage_ids PROPOSAL 200)
NEGO=$(sim_stage_ids NEGOTIATION 200)
LOST=$(sim_stage_ids CLOSED_LOST 200)

name_of() { sim_get_field "$1" name; }

pb_open

# On open: the first card of the first column.
expect_selected "on open" "$(echo "$DISC" | sim_nth 1)"

sel_home
keys j j
expect_selected "j j" "$(echo "$DISC" | sim_nth 3)"

sel_home
keys j j k
expect_selected "j j k" "$(echo "$DISC" | sim_nth 2)"

sel_home
keys l g j
expect_selected "l g j" "$(echo "$PROP" | sim_nth 2)"

sel_home
keys Right g Down Down Up
expect_selected "Right g Down Down Up" "$(echo "$PROP" | sim_nth 2)"

sel_home
keys l l l h g Down Down
expect_selected "l l l h g Down Down" "$(echo "$NEGO" | sim_nth 3)"

sel_home
keys BTab g
expect_selected "Shift-Tab from the first column wraps to the last" "$(echo "$LOST" | sim_nth 1)"

sel_home
keys Tab Tab Tab Tab G
expect_selected "Tab x4 then G: the last card of Closed lost" "$(echo "$LOST" | tail -n 1)"

sel_home
keys Tab Tab Tab Tab Tab g
expect_selected "Tab wraps from the last column to the first" "$(echo "$DISC" | sim_nth 1)"

# G in Discovery loads all of its 103 cards (two pages) and selects the last.
sel_home
keys G
expect_selected "G selects the last card of a column longer than a page" "$(echo "$DISC" | tail -n 1)"

# PgDn moves down a screen: some later Discovery card, not the first.
sel_home
keys PageDown
keys L
proposal_top_changed() { [ "$(sim_stage_ids PROPOSAL 1)" != "$(echo "$PROP" | sim_nth 1)" ] && echo yes; }
expect_server "PgDn then L: a card moved to the top of Proposal" yes proposal_top_changed
moved=$(sim_stage_ids PROPOSAL 1)
idx=$(echo "$DISC" | grep -n "^$moved\$" | cut -d: -f1)
if [ -n "$idx" ] && [ "$idx" -gt 2 ]; then pass "PgDn selects a card further down (card $idx)"; else
    fail "PgDn selects a card further down" "moved: $moved, index in Discovery: ${idx:-not a Discovery card}"
fi
keys u
expect_server "PgDn: u puts it back" DISCOVERY sim_get_field "$moved" stage

# The mouse: a click selects the card under it (Proposal's second card sits
# on rows 10-12 at 120x30, x 25-47); the wheel scrolls a column.
sel_home
mouse_click 30 9
expect "▌ ?$(re_quote "$(name_of "$(echo "$PROP" | sim_nth 2)")")" "a click marks the card under the mouse as selected"
expect_selected "a click on Proposal's second card" "$(echo "$PROP" | sim_nth 2)"
mouse_wheel down 60 12
mouse_wheel down 60 12
expect_in_column Negotiation '▲' "the wheel scrolls Negotiation down (▲ more above)"
mouse_wheel up 60 12
mouse_wheel up 60 12
expect_not_in_column Negotiation '▲' "the wheel scrolls it back up"

# Moving across columns keeps the screen whole.
expect_aligned "column borders line up after navigating"
ui_finish
