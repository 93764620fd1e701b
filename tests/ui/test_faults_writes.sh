#!/bin/sh
# The fault matrix (tests/FAULTS.md), rows "edit" (e), "create" (a),
# "delete" (d y) and "undo" (u): every fault of faults_lib.sh. Nothing typed
# is lost: a failed edit or create is reverted, says so, and Ctrl-R sends it
# again once the fault has cleared; a failed delete or undo puts the card back
# where the server has it; the board then counts what the server counts.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/faults_lib.sh"
ui_require
sim_start --stages demo --seed 300
pb_config_write 'page_size = 20'
pb_open

# server_name_is ID NAME
server_name_is() { [ "$(sim_get_field "$1" name)" = "$2" ]; }
# server_has_name NAME: a live record has that name
server_has_name() { _i=$(sim_id_by_name "$1"); [ -n "$_i" ] && [ "$_i" != null ]; }
# retry_if_lost DESC CHECK...: when CHECK fails, Ctrl-R (the retry the status
# line offers) must make it hold.
retry_if_lost() {
    _d=$1
    shift
    if "$@"; then
        cell_pass "$_d (saved at once)"
        return
    fi
    if ! printf '%s' "$CELL_SAW" | grep -q 'Ctrl-R to retry'; then
        cell_fail "$_d: a retry is offered" "status line: $CELL_SAW"
    fi
    keys C-r
    if wait_true "$@"; then cell_pass "$_d (after Ctrl-R)"; else cell_fail "$_d (after Ctrl-R)"; fi
    wait_still 5
}

# form_retry: a form kept open after a failure is saved again with Enter
# (the fault has cleared); a form closed during the save leaves Ctrl-R.
form_retry() {
    if [ "$CELL_KEPT" = 1 ] && ! { [ "$CELL_OP" = edit ] && [ "$CELL_F" = 404 ]; }; then
        keys Enter
        if wait_gone 'Not saved' 8 && wait_gone 'Esc: cancel' 8; then
            cell_pass "Enter in the kept form saves once the fault has cleared"
        else
            cell_fail "Enter in the kept form saves once the fault has cleared"
            keys Escape y
        fi
    fi
    wait_still 5
}

# form_close: a form still open (a record deleted elsewhere) is discarded.
form_close() {
    if screen | grep -q 'Esc: cancel'; then
        keys Escape
        wait_for 'Discard changes' 2 && keys y
        wait_gone 'Esc: cancel' 3
    fi
}

# ---- edit ------------------------------------------------------------------------
for F in $F_LIST; do
    sel_home
    cell_start edit "$F"
    A=$(sim_stage_ids DISCOVERY 1)
    NAME=$(sim_get_field "$A" name)
    NEW="Edited $F deal"
    keys e
    if ! wait_for 'Amount' 5; then cell_fail "e opens the form"; fi
    if [ "$F" = 404 ]; then
        sim_api DELETE "/rest/opportunities/$A" >/dev/null
        fault_on 404 PATCH -
    else
        fault_on "$F" PATCH '/rest/opportunities/*'
    fi
    keys C-u
    type_text "$NEW"
    keys Enter
    cell_told_form "^ *Saved \"$(re_quote "$NEW")\"" "$NEW"
    cell_alive_form
    fault_off "$F"
    form_retry
    cell_refresh_after_hang
    if [ "$F" = 404 ]; then
        form_close
        cell_check "the card deleted elsewhere is gone from the board" \
            wait_column_not Discovery "$(name_re "$NAME")" 5
    else
        retry_if_lost "the typed name reaches the server" server_name_is "$A" "$NEW"
        cell_check "the card shows the server's name" card_shown_in "$A" Discovery
    fi
    cell_synced
    [ "$F" = restart ] && cell_synced r
    cell_end
done

# ---- create ----------------------------------------------------------------------
for F in $F_LIST; do
    sel_home
    cell_start create "$F"
    NEW="Created $F deal"
    keys a
    if ! wait_for 'Amount' 5; then cell_fail "a opens the form"; fi
    fault_on "$F" POST '/rest/opportunities*'
    type_text "$NEW"
    keys Enter
    cell_told_form "^ *Saved \"$(re_quote "$NEW")\"" "$NEW"
    cell_alive_form
    fault_off "$F"
    form_retry
    cell_refresh_after_hang
    retry_if_lost "the new deal reaches the server" server_has_name "$NEW"
    cell_check "the new deal is shown in Discovery" card_shown_in "$(sim_id_by_name "$NEW")" Discovery
    cell_synced
    [ "$F" = restart ] && cell_synced r
    cell_end
done

# ---- delete ------------------------------------------------------------------------
server_stage_is() { [ "$(sim_get_field "$1" stage)" = "$2" ]; }
server_has() { sim_api GET "/rest/opportunities/$1" >/dev/null; }
for F in $F_LIST; do
    sel_home
    cell_start delete "$F"
    A=$(sim_stage_ids DISCOVERY 1)
    NAME=$(sim_get_field "$A" name)
    RN=$(name_re "$NAME")
    keys d
    wait_for 'Delete "' 5 || cell_fail "d asks"
    if [ "$F" = 404 ]; then
        sim_api DELETE "/rest/opportunities/$A" >/dev/null
        fault_on 404 DELETE -
    else
        fault_on "$F" DELETE '/rest/opportunities/*'
    fi
    keys y
    cell_alive
    cell_told "Deleted \"$(re_quote "$NAME")\""
    fault_off "$F"
    wait_still 5
    cell_refresh_after_hang
    if server_has "$A"; then
        cell_check "the server still has it: the card is back in Discovery" wait_column Discovery "$RN" 5
    else
        cell_check "the server deleted it: the card is gone" wait_column_not Discovery "$RN" 5
    fi
    cell_synced
    [ "$F" = restart ] && cell_synced r
    cell_end
done

# ---- undo (of a move) ------------------------------------------------------------
for F in $F_LIST; do
    sel_home
    A=$(sim_stage_ids DISCOVERY 1)
    NAME=$(sim_get_field "$A" name)
    keys L
    wait_true server_stage_is "$A" PROPOSAL
    cell_start undo "$F"
    if [ "$F" = 404 ]; then
        sim_api DELETE "/rest/opportunities/$A" >/dev/null
        fault_on 404 PATCH -
    else
        fault_on "$F" PATCH '/rest/opportunities/*'
    fi
    keys u
    cell_alive
    cell_told "Undone"
    fault_off "$F"
    wait_still 5
    cell_refresh_after_hang
    if [ "$F" = 404 ]; then
        cell_check "the card deleted elsewhere is gone from the board" \
            wait_column_not Proposal "$(name_re "$NAME")" 5
    else
        ST=$(sim_get_field "$A" stage)
        if [ "$ST" != DISCOVERY ]; then
            # a failed undo stays undoable: u again
            keys u
            wait_true server_stage_is "$A" DISCOVERY
            ST=$(sim_get_field "$A" stage)
            expect_eq "$ST" DISCOVERY "undo x $F: u again undoes the move"
        fi
        cell_check "the card is shown where the server has it ($ST)" card_shown_in "$A" "$(demo_label "$ST")"
    fi
    cell_synced
    [ "$F" = restart ] && cell_synced r
    cell_end
done

ui_finish
