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

# selected_is DESC ID STAGE KEY TOSTAGE TOLABEL: KEY moves the selected card;
# it must be ID; then u puts it back.
selected_is() {
    _desc=$1 _id=$2 _from=$3 _key=$4 _to=$5 _label=$6
    _name=$(name_of "$_id")
    keys "$_key"
    wait_for "Moved \"$(re_quote "$(printf "%s\n" "$_name" | "$UITOOL" cut 0 10)")" 5
    expect_server "$_desc: the selected card is \"$_name\" (moved to $_to on the server)" "$_to" \
        sim_get_field "$_id" stage
    keys u
    expect_server "$_desc: u puts it back ($_from)" "$_from" sim_get_field "$_id" stage
    wait_for 'Undone' 5
}

pb_open

# On open: the first card of the first column.
selected_is "on open" "$(echo "$DISC" | sim_nth 1)" DISCOVERY L PROPOSAL Proposal

sel_home
keys j j
selected_is "j j" "$(echo "$DISC" | sim_nth 3)" DISCOVERY L PROPOSAL Proposal

sel_home
keys j j k
selected_is "j j k" "$(echo "$DISC" | sim_nth 2)" DISCOVERY L PROPOSAL Proposal

sel_home
keys l g j
selected_is "l g j" "$(echo "$PROP" | sim_nth 2)" PROPOSAL H DISCOVERY Discovery

sel_home
keys Right g Down Down Up
selected_is "Right g Down Down Up" "$(echo "$PROP" | sim_nth 2)" PROPOSAL L NEGOTIATION Negotiation

sel_home
keys l l l h g Down Down
selected_is "l l l h g Down Down" "$(echo "$NEGO" | sim_nth 3)" NEGOTIATION L CLOSED_WON 'Closed won'

sel_home
keys BTab g
selected_is "Shift-Tab from the first column wraps to the last" "$(echo "$LOST" | sim_nth 1)" \
    CLOSED_LOST H CLOSED_WON 'Closed won'

sel_home
keys Tab Tab Tab Tab G
selected_is "Tab x4 then G: the last card of Closed lost" "$(echo "$LOST" | tail -n 1)" \
    CLOSED_LOST H CLOSED_WON 'Closed won'

sel_home
keys Tab Tab Tab Tab Tab g
selected_is "Tab wraps from the last column to the first" "$(echo "$DISC" | sim_nth 1)" \
    DISCOVERY L PROPOSAL Proposal

# G in Discovery loads all of its 103 cards (two pages) and selects the last.
sel_home
keys G
selected_is "G selects the last card of a column longer than a page" "$(echo "$DISC" | tail -n 1)" \
    DISCOVERY L PROPOSAL Proposal

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

# Moving across columns keeps the screen whole.
expect_aligned "column borders line up after navigating"
ui_finish
