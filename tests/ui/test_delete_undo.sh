#!/bin/sh
# Deleting: d asks with the deal's name; n keeps it; y deletes it (a soft
# delete: gone from the board and the server's lists, in the trash); u brings
# it back, on the server and on the board.
. "$(dirname "$0")/lib.sh"
ui_require
sim_start --stages demo --seed 300

A=$(sim_stage_ids DISCOVERY 1)
NAME=$(sim_get_field "$A" name)
n_disc=$(sim_count DISCOVERY)
in_trash() { sim_json GET "/rest/opportunities?filter=deletedAt%5Bis%5D:NOT_NULL&limit=200" 'data.opportunities.*.id' | grep -c "^$A\$"; }
get_status() { sim_api GET "/rest/opportunities/$A" >/dev/null; echo $?; }

pb_open
keys d
expect "Delete \"$(re_quote "$NAME")\"\\?" "d asks 'Delete \"$NAME\"?'"
keys n
expect_not "Delete \"$(re_quote "$NAME")\"\\?" "n closes the question"
wait_still 3
expect_eq "$(get_status)" 0 "n: the record is still on the server"
expect_in_column Discovery "$(re_quote "$NAME")" "n: the card is still on the board"

keys d
expect "Delete \"$(re_quote "$NAME")\"\\?" "d asks again"
keys y
expect "Deleted \"$(re_quote "$NAME")\"" "y: the status line says 'Deleted \"$NAME\"'"
expect_not_in_column Discovery "$(re_quote "$NAME")" "y: the card is gone from Discovery"
expect_server "y: the server answers 404 for the record" 1 get_status
expect_server "y: the record is in the server's trash (soft delete)" 1 in_trash
expect_server "y: Discovery has one record less on the server" $((n_disc - 1)) sim_count DISCOVERY
expect_header Discovery $((n_disc - 1)) "y: Discovery's header counts $((n_disc - 1))"

keys u
expect 'Undone' "u: the status line says the delete was undone"
expect_server "u: the record is back on the server" 0 get_status
expect_server "u: deletedAt is null again" null sim_get_field "$A" deletedAt
expect_server "u: it is still in DISCOVERY" DISCOVERY sim_get_field "$A" stage
expect_server "u: Discovery has its count back" "$n_disc" sim_count DISCOVERY
expect_in_column Discovery "$(re_quote "$NAME")" "u: the card is back on the board"
expect_server "u: it is back at the top of Discovery" "$A" sim_stage_ids DISCOVERY 1

# Redo deletes it again.
keys C-r
expect 'Redone' "Ctrl-R redoes the delete"
expect_server "Ctrl-R: the server answers 404 again" 1 get_status
ui_finish
