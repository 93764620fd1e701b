#!/bin/sh
# Editing a card: e opens the form on the selected card; invalid input is
# refused in the form with the reason and nothing is sent; a valid save
# reaches the server (only what changed) and the board; Esc asks before
# discarding; a server error keeps the form open with everything typed.
# Form keys (src/ui/actions.h): Tab next field, C-u clear field, Enter save, Esc cancel.
# Field order: name, amount, currency, stage, close date, company, contact, owner.
. "$(dirname "$0")/lib.sh"
ui_require
sim_start --stages demo --seed 300

A=$(sim_stage_ids DISCOVERY 1)
NAME=$(sim_get_field "$A" name)
FORM='Amount'            # a label only the form shows

pb_open
keys e
expect "$FORM" "e opens the form"
expect "Name +$(re_quote "$NAME")" "the form shows the card's name in the Name field"
writes0=$(sim_writes)

keys C-u
type_text "Acme renewal 2099"
keys Tab C-u
type_text "abc"
keys Enter
expect '[Nn]ot an amount' "an amount 'abc' is refused with the reason"
expect 'Amount +abc' "... and what was typed is kept"
expect "$FORM" "... and the form stays open"
expect_eq "$(sim_writes)" "$writes0" "an invalid form sends nothing"

keys C-u
type_text "-5"
keys Enter
expect 'negative' "a negative amount is refused with the reason"

keys C-u
type_text "75k"
keys Tab C-u
type_text "EURO"
keys Enter
expect 'three-letter code' "a currency 'EURO' is refused with the reason"
expect_eq "$(sim_writes)" "$writes0" "still nothing sent"
keys C-u
type_text "EUR"
keys Tab Tab C-u
type_text "2099-13-45"
keys Enter
expect 'no month 13|[Nn]ot a date' "a close date '2099-13-45' is refused with the reason"
expect 'Close date +2099-13-45' "... and kept in the field"
expect_eq "$(sim_writes)" "$writes0" "still nothing sent"
keys C-u
type_text "2099-03-31"
keys Enter

expect 'Saved "Acme renewal 2099"' "a valid save says 'Saved \"Acme renewal 2099\"'"
expect_not "$FORM" "the form closes after saving"
expect_server "the server has the new name" "Acme renewal 2099" sim_get_field "$A" name
expect_server "the server has the amount in micros (75k = 75000000000)" 75000000000 \
    sim_get_field "$A" amount.amountMicros
expect_server "the server has the currency EUR" EUR sim_get_field "$A" amount.currencyCode
expect_server "the server has the close date" 2099-03-31T00:00:00.000Z sim_get_field "$A" closeDate
expect_server "the stage is untouched" DISCOVERY sim_get_field "$A" stage
expect_in_column Discovery 'Acme renewal 2099' "the board shows the new name"
expect_in_column Discovery '€75k' "the board shows the new amount (€75k)"
if grep -E '^PATCH /rest/opportunities/' "$UI_TMP/sim.log" | tail -n 1 | grep -q ' 200 '; then
    pass "one PATCH, answered 200"
else
    fail "one PATCH, answered 200" "$(tail -n 5 "$UI_TMP/sim.log")"
fi

# Esc with something typed asks first; n keeps the form, y discards.
keys e
expect "$FORM" "e opens the form again"
type_text " draft"
keys Escape
expect 'Discard' "Esc after typing asks 'Discard changes?'"
keys n
expect 'Name +Acme renewal 2099 draft' "n keeps the form and what was typed"
keys Escape
expect 'Discard' "Esc asks again"
keys y
expect_not "$FORM" "y discards and closes the form"
wait_still 3
expect_eq "$(sim_get_field "$A" name)" "Acme renewal 2099" "a discarded edit is not sent"

# Esc with nothing typed closes at once.
keys e
expect "$FORM" "e opens the form"
keys Escape
expect_not "$FORM" "Esc with nothing typed closes the form without asking"

# A server error keeps the form open with the message and the input.
sim_faults 'PATCH /rest/opportunities/* 500'
keys e
expect "$FORM" "e opens the form (the server will fail)"
keys C-u
type_text "Server says no"
keys Enter
expect 'failed \(500\)' "the server's failure (500) is shown"
expect "$FORM" "... the form stays open"
expect 'Name +Server says no' "... with what was typed"
expect_server "the server still has the old name" "Acme renewal 2099" sim_get_field "$A" name
sim_faults_clear
keys Enter
expect_not "$FORM" "saving again once the server is back closes the form"
expect_server "the server has the name now" "Server says no" sim_get_field "$A" name

ui_finish
