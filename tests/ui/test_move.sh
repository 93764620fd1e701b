#!/bin/sh
# Moving a card between stages: L/>, H/<, shown on screen (columns, counts,
# totals, the status line) and confirmed on the server; undo and redo.
. "$(dirname "$0")/lib.sh"
ui_require
sim_start --stages demo --seed 300

# A big USD deal on top of Discovery, so that moving it changes the short
# totals shown in the headers ($12.9m + $5m).
sim_api POST /rest/opportunities '{"name":"Whale deal","stage":"DISCOVERY","position":"first",
  "amount":{"amountMicros":5000000000000,"currencyCode":"USD"}}' >/dev/null
A=$(sim_stage_ids DISCOVERY 1)
NAME=$(sim_get_field "$A" name)
expect_eq "$NAME" "Whale deal" "a \$5m deal is on top of Discovery on the server"
CUR=USD
n_disc=$(sim_count DISCOVERY)
n_prop=$(sim_count PROPOSAL)

# The header of a column shows COUNT and the server's total in CUR.
header_matches() { # LABEL STAGE COUNT DESC
    t_tot=$(short_money "$(sim_sum_micros "$2" "$CUR")" '$')
    expect_header "$1" "$3" "$t_tot" "$4 (count $3, $CUR total $t_tot)"
}

pb_open
expect_in_column Discovery "$(re_quote "$NAME")" "\"$NAME\" starts in Discovery"

keys L
expect "Moved \"$(re_quote "$NAME")\" to Proposal" "L: the status line says 'Moved \"$NAME\" to Proposal'"
expect_in_column Proposal "$(re_quote "$NAME")" "L: the card is shown in Proposal"
expect_not_in_column Discovery "$(re_quote "$NAME")" "L: the card is gone from Discovery"
expect_server "L: the server has the card in PROPOSAL" PROPOSAL sim_get_field "$A" stage
expect_server "L: the card is on top of Proposal on the server" "$A" sim_stage_ids PROPOSAL 1
header_matches Discovery DISCOVERY $((n_disc - 1)) "L: Discovery's header counts one card less"
header_matches Proposal PROPOSAL $((n_prop + 1)) "L: Proposal's header counts one card more"
expect_aligned "L: column borders line up"

keys '>'
expect "Moved \"$(re_quote "$NAME")\" to Negotiation" "> moves the same card on to Negotiation"
expect_server "> : the server has it in NEGOTIATION" NEGOTIATION sim_get_field "$A" stage
expect_in_column Negotiation "$(re_quote "$NAME")" "> : the card is shown in Negotiation"

keys u
expect 'Undone' "u: the status line says the move was undone"
expect_server "u: the server has it back in PROPOSAL" PROPOSAL sim_get_field "$A" stage
expect_in_column Proposal "$(re_quote "$NAME")" "u: the card is back in Proposal"
keys u
expect_server "u again: back in DISCOVERY" DISCOVERY sim_get_field "$A" stage
expect_in_column Discovery "$(re_quote "$NAME")" "u again: the card is back in Discovery"
header_matches Discovery DISCOVERY "$n_disc" "u again: Discovery's header is as it was"
keys C-r
expect 'Redone' "Ctrl-R: the status line says the move was redone"
expect_server "Ctrl-R: the server has it in PROPOSAL again" PROPOSAL sim_get_field "$A" stage
expect_in_column Proposal "$(re_quote "$NAME")" "Ctrl-R: the card is in Proposal again"

# The selection follows the card: < brings it back.
keys '<'
expect "Moved \"$(re_quote "$NAME")\" to Discovery" "< moves it back to Discovery"
expect_server "< : the server has it in DISCOVERY" DISCOVERY sim_get_field "$A" stage

# H on the first stage sends nothing (the sim logs every request).
wait_still 3
before=$(sim_writes)
keys H
wait_still 3
expect_eq "$(sim_writes)" "$before" "H on the first stage sends no write"
expect_eq "$(sim_get_field "$A" stage)" DISCOVERY "H on the first stage leaves the card in DISCOVERY"

ui_finish
