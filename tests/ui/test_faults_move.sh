#!/bin/sh
# The fault matrix (tests/FAULTS.md), rows "move" (L) and "reorder" (J):
# every fault of faults_lib.sh against a stage move and a move within the
# column. A failed move is reverted visibly (the card where the server has
# it), the keys keep working during the fault, the status line says what
# happened, and afterwards the board counts what the server counts.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/faults_lib.sh"
ui_require
sim_start --stages demo --seed 300
pb_config_write 'page_size = 20'
pb_open

# ---- move ------------------------------------------------------------------------
for F in $F_LIST; do
    sel_home
    cell_start move "$F"
    A=$(sim_stage_ids DISCOVERY 1)
    NAME=$(sim_get_field "$A" name)
    if [ "$F" = 404 ]; then
        sim_api DELETE "/rest/opportunities/$A" >/dev/null
        fault_on 404 PATCH -
    else
        fault_on "$F" PATCH '/rest/opportunities/*'
    fi
    keys L
    cell_alive
    cell_told "Moved \"$(re_quote "$NAME")\""
    fault_off "$F"
    wait_still 5
    cell_refresh_after_hang
    # The card is where the server has it (or gone, when deleted elsewhere).
    if [ "$F" = 404 ]; then
        cell_check "the card deleted elsewhere is gone from the board" \
            wait_column_not Discovery "$(name_re "$NAME")" 5
    else
        ST=$(sim_get_field "$A" stage)
        cell_check "the card is shown where the server has it ($ST)" card_shown_in "$A" "$(demo_label "$ST")"
    fi
    cell_synced
    [ "$F" = restart ] && cell_synced r
    cell_end
done

# ---- reorder -----------------------------------------------------------------------
first_two() { sim_stage_ids DISCOVERY 2 | tr '\n' ' '; }
# first_two_shown: the first two cards of Discovery on screen are the server's first two.
first_two_shown() {
    _ra=$(name_re "$(sim_stage_names DISCOVERY 2 | sim_nth 1)")
    _rb=$(name_re "$(sim_stage_names DISCOVERY 2 | sim_nth 2)")
    column_text Discovery >"$UI_TMP/col2.txt"
    _la=$(grep -En -- "$_ra" "$UI_TMP/col2.txt" | head -n 1 | cut -d: -f1)
    _lb=$(grep -En -- "$_rb" "$UI_TMP/col2.txt" | head -n 1 | cut -d: -f1)
    [ -n "$_la" ] && [ -n "$_lb" ] && [ "$_la" -lt "$_lb" ]
}
for F in $F_LIST; do
    sel_home
    cell_start reorder "$F"
    A=$(sim_stage_ids DISCOVERY 1)
    NAME=$(sim_get_field "$A" name)
    if [ "$F" = 404 ]; then
        sim_api DELETE "/rest/opportunities/$A" >/dev/null
        fault_on 404 PATCH -
    else
        fault_on "$F" PATCH '/rest/opportunities/*'
    fi
    keys J
    cell_alive
    cell_told "Moved \"$(re_quote "$NAME")\"|[Dd]own|[Rr]eorder"
    fault_off "$F"
    wait_still 5
    cell_refresh_after_hang
    cell_check "the first two cards on screen are the server's first two" first_two_shown
    cell_synced
    [ "$F" = restart ] && cell_synced r
    cell_end
done

ui_finish
