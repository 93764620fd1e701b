#!/bin/sh
# The fault matrix (tests/FAULTS.md), rows "open", "next page" (G loads the
# column's remaining pages), "search" (/ NAME Enter) and "refresh" (r):
# every fault of faults_lib.sh. The program keeps answering keys, says what
# happened in plain words, and once the fault has cleared (and r or the
# same key again) shows what the server has.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/faults_lib.sh"
ui_require
sim_start --stages demo --seed 300
pb_config_write 'page_size = 20'

# screen_told OK_RE: the whole screen (an open that failed shows its reason in
# the middle; a column its load error) says what happened in plain words.
screen_told() {
    _re="$F_ERR_RE"
    fault_must_fail "$CELL_F" || _re="$1|$F_ERR_RE"
    _before=$(printf '%s' "$CELL_BEFORE" | sed 's/^ *//')
    _n=$((UI_TIMEOUT * 20))
    while [ "$_n" -gt 0 ]; do
        _scr=$(screen)
        # the status line, when it changed; else the first failure shown
        # elsewhere (a column's or a dialog's message, cut at its border)
        _st=$(printf '%s\n' "$_scr" | tail -n 1 | sed -e 's/^ *//' -e 's/ *[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏].*//')
        [ "$_st" = "$_before" ] && _st=
        if printf '%s' "$_st" | grep -Eq -- "$F_ERR_RE"; then
            CELL_SAW=$_st
        else
            CELL_SAW=$(printf '%s\n' "$_scr" | sed '$d' | grep -E -- "$F_ERR_RE" | grep -v -- "$CELL_NOT" |
                head -n 1 | sed -e 's/^[ │▌]*//' -e 's/ *│.*//' -e 's/  .*//')
        fi
        # a fault the program survived: the screen shows the operation's result
        if [ -z "$CELL_SAW" ] && ! fault_must_fail "$CELL_F" && printf '%s\n' "$_scr" | grep -Eq -- "$1"; then
            CELL_SAW="${_st:+$_st; }the screen shows: $(printf '%s\n' "$_scr" | grep -Eo -- "$1" | head -n 1)"
        fi
        if [ -n "$CELL_SAW" ] && printf '%s' "$CELL_SAW" | grep -Eq -- "$_re"; then
            if printf '%s\n' "$_scr" | grep -Eq -- "$F_STATUS_RAW"; then
                cell_fail "the user is told in plain words" "raw text on the screen"
            else
                cell_pass "the user is told: $(printf '%s' "$CELL_SAW" | cut -c1-100)"
            fi
            return 0
        fi
        sleep 0.05
        _n=$((_n - 1))
    done
    cell_fail "the user is told what happened" "saw: $CELL_SAW" "wanted: $_re"
}
CELL_NOT='^$'

# ---- open --------------------------------------------------------------------------
for F in $F_LIST; do
    cell_start open "$F"
    CELL_BEFORE=
    fault_on "$F" '*' '*'
    pb_start
    wait_for '│|'"$F_ERR_RE" 10
    screen_told '[0-9]+ deals'
    cell_alive
    fault_off "$F"
    if ! wait_for '│' 1 || ! screen | grep -q 'deals'; then
        keys r   # the error screen offers "r to try again"
    fi
    wait_for '│' 10
    wait_still 8
    cell_synced
    cell_end
    pb_stop
done

# ---- next page -------------------------------------------------------------------------
# last_shown STAGE: the server's last card of the stage is on screen.
last_shown() {
    column_text "$(demo_label "$1")" | grep -Eq -- "$(name_re "$(sim_stage_names "$1" 200 | tail -n 1)")"
}
for F in $F_LIST; do
    cell_start page "$F"
    pb_open
    CELL_BEFORE=$(status_line)
    fault_on "$F" GET '/rest/opportunities*'
    keys G
    screen_told 'All [0-9]+ deals of Discovery loaded'
    cell_alive
    fault_off "$F"
    keys g G   # the same key again, now that the fault has cleared
    wait_still 8
    cell_check "G shows the server's last card of Discovery" wait_true last_shown DISCOVERY
    cell_synced
    [ "$F" = restart ] && cell_synced r
    cell_end
    pb_stop
done

# ---- search ------------------------------------------------------------------------------
pb_open
T=$(sim_stage_ids NEGOTIATION 1)
TNAME=$(sim_get_field "$T" name)
TRE=$(re_quote "$(printf '%s\n' "$TNAME" | "$UITOOL" cut 0 14)")
for F in $F_LIST; do
    sel_home
    cell_start search "$F"
    fault_on "$F" POST '/graphql'
    keys /
    wait_for 'Search deals by name' 5
    type_text "$TNAME"
    keys Enter
    CELL_NOT='Search deals by name'
    screen_told "$TRE.*Negotiation"
    CELL_NOT='^$'
    # keys answer: Esc leaves the search, / opens it again
    keys Escape
    if wait_gone 'Search deals by name' 3; then cell_pass "keys answer during the fault (Esc leaves the search)"
    else cell_fail "keys answer during the fault (Esc leaves the search)"; keys Escape; fi
    fault_off "$F"
    keys /
    wait_for 'Search deals by name' 5
    keys C-u
    type_text "$TNAME"
    keys Enter
    cell_check "searching again finds \"$TNAME\" in Negotiation" wait_for "$TRE.*Negotiation" 8
    keys Escape
    wait_gone 'Search deals by name' 3 || keys Escape
    cell_synced
    cell_end
done

# ---- refresh ------------------------------------------------------------------------------
for F in $F_LIST; do
    sel_home
    cell_start refresh "$F"
    # a change made elsewhere, for the refresh to find
    M=$(sim_stage_ids DISCOVERY 1)
    sim_api PATCH "/rest/opportunities/$M" '{"stage":"CLOSED_LOST","position":"first"}' >/dev/null
    fault_on "$F" '*' '*'
    keys r
    cell_told 'Refresh|[Uu]p to date|changed|[Mm]oved|elsewhere'
    cell_alive
    fault_off "$F"
    cell_synced r
    cell_check "the card moved elsewhere is shown in Closed lost" card_shown_in "$M" 'Closed lost'
    cell_end
done

ui_finish
