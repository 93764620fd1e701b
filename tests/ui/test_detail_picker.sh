#!/bin/sh
# Enter opens the detail of the selected card (depth=1: company, contact,
# owner, created/updated) with what the server holds; e edits from there.
# In the form, company/contact/owner are chosen by typing a name looked up on
# the server: Enter picks, C-d picks none, Esc goes back; C-s saves from any
# field (issue 4: "Ctrl-S ... saves").
. "$(dirname "$0")/lib.sh"
ui_require
sim_start --stages demo --seed 300

A=$(sim_stage_ids DISCOVERY 1)
one() { sim_json GET "/rest/opportunities/$A?depth=1" "data.opportunity.$1"; }
NAME=$(one name)
COMPANY=$(one company.name)
POC="$(one pointOfContact.name.firstName) $(one pointOfContact.name.lastName)"
OWNER="$(one owner.name.firstName) $(one owner.name.lastName)"
GLOBEX=$(sim_json GET "/rest/companies?filter=name%5Bilike%5D:%22Glob%25%22&limit=1" 'data.companies.0.id')
if [ -n "$COMPANY" ] && [ -n "$GLOBEX" ]; then pass "the server has a company for the card and a Globex"; else
    fail "the server has a company for the card and a Globex" "company: $COMPANY, globex: $GLOBEX"
fi

pb_open
keys Enter
expect "Name +$(re_quote "$NAME")" "Enter opens the detail of the selected card"
expect "Company +$(re_quote "$COMPANY")" "the detail shows the company ($COMPANY)"
expect "Point of contact +$(re_quote "$POC")" "the detail shows the point of contact ($POC)"
expect "Owner +$(re_quote "$OWNER")" "the detail shows the owner ($OWNER)"
expect "Created +[0-9]{4}-" "the detail shows when it was created"
expect "Close date +$(one closeDate | cut -c1-10)" "the detail shows the close date"
keys q
expect_not "Point of contact +" "q closes the detail"

keys Enter
expect "Point of contact +" "Enter opens the detail again"
keys e
FORM='Edit "'          # the form's title (the detail below shows the same labels)
expect "$FORM" "e in the detail opens the form"

# Company: type a name, Enter opens the picker with the server's matches.
keys Tab Tab Tab Tab Tab
type_text "Glob"
keys Enter
expect 'Globex' "typing 'Glob' on the company field lists Globex from the server"
keys Escape
expect_not 'Choose the company' "Esc leaves the picker" 3
expect "Company +$(re_quote "$COMPANY")" "... and the company is unchanged"
type_text "Glob"
keys Enter
expect 'Globex' "the picker lists Globex again"
wait_for '▸ ?Globex' 3 || keys Down
keys Enter
expect "Company +Globex" "Enter chooses Globex"
# Point of contact: C-d in the picker chooses none.
keys Tab Enter
expect 'none' "Enter on the point of contact opens its picker"
keys C-d
expect "Point of contact +(—|-|$)" "C-d chooses none"
keys C-s
expect_not "$FORM" "C-s saves from a picker field and closes the form" 3
if screen | grep -q "$FORM"; then
    # C-s did not arrive (a tty with IXON eats it as XOFF): resume output,
    # then save with the [Save] button so the picks are still checked.
    keys C-q
    keys Tab Tab
    wait_for '▸ ?\[ Save \]' 3
    keys Enter
    expect_not "$FORM" "Enter on [Save] saves and closes the form"
fi
expect_server "the server has Globex as the company" "$GLOBEX" one companyId
expect_server "the server has no point of contact" null one pointOfContactId
expect_server "the name is unchanged" "$NAME" one name
expect_in_column Discovery 'Globex' "the card shows the new company"
expect "Company +Globex" "the detail below the form shows the new company"
expect "Point of contact +—" "... and no point of contact"

ui_finish
