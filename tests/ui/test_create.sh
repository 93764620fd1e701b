#!/bin/sh
# Adding a card: a opens an empty form for the selected column; a name is
# required; the new deal appears on top of the column and on the server with
# that stage and amount; u undoes the creation.
. "$(dirname "$0")/lib.sh"
ui_require
sim_start --stages demo --seed 300
FORM='Amount'
n_prop=$(sim_count PROPOSAL)

pb_open
keys l
keys a
expect "$FORM" "a opens the form"
writes0=$(sim_writes)
keys Enter
expect 'needs a name' "saving without a name is refused with the reason"
expect "$FORM" "... and the form stays open"
expect_eq "$(sim_writes)" "$writes0" "nothing is sent without a name"

type_text "Zeta launch 東京"
keys Tab
type_text "50k"
keys Tab C-u
type_text "USD"
keys Enter
expect '(Created|Saved) "Zeta launch 東京"' "the status line says 'Created (or Saved) \"Zeta launch 東京\"'"
expect_not "$FORM" "the form closes"
expect_in_column Proposal 'Zeta launch' "the new card is shown in Proposal (the selected column)"
id_of_new() { sim_id_by_name "Zeta launch 東京"; }
expect_server "the server has one record with that name" 1 \
    sim_json GET "/rest/opportunities?filter=name%5Beq%5D:%22Zeta%20launch%20%E6%9D%B1%E4%BA%AC%22" totalCount
NEW=$(id_of_new)
expect_eq "$(sim_get_field "$NEW" stage)" PROPOSAL "the new record's stage is PROPOSAL"
expect_eq "$(sim_get_field "$NEW" amount.amountMicros)" 50000000000 "its amount is 50k in micros"
expect_eq "$(sim_get_field "$NEW" amount.currencyCode)" USD "its currency is USD"
expect_eq "$(sim_stage_ids PROPOSAL 1)" "$NEW" "it is on top of Proposal on the server"
expect_eq "$(sim_count PROPOSAL)" $((n_prop + 1)) "Proposal has one more record on the server"
expect_header Proposal $((n_prop + 1)) "Proposal's header counts $((n_prop + 1))"
expect_aligned "column borders line up with the new (CJK) card"

keys u
expect 'Undone' "u undoes the creation"
expect_server "after u the record is gone from the server's lists" 0 \
    sim_json GET "/rest/opportunities?filter=name%5Beq%5D:%22Zeta%20launch%20%E6%9D%B1%E4%BA%AC%22" totalCount
expect_not_in_column Proposal 'Zeta launch' "after u the card is gone from the board"

# Add in another column: Tab to Negotiation, a, name only.
keys Tab a
expect "$FORM" "a opens the form in Negotiation"
type_text "Omega pilot"
keys Enter
expect '(Created|Saved) "Omega pilot"' "a card with only a name is created"
omega_stage() { sim_get_field "$(sim_id_by_name "Omega pilot")" stage; }
expect_server "the server has 'Omega pilot' in NEGOTIATION" NEGOTIATION omega_stage
omega_amount() { sim_get_field "$(sim_id_by_name "Omega pilot")" amount.amountMicros; }
expect_eq "$(omega_amount)" null "with no amount typed, none is sent"

ui_finish
