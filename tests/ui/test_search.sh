#!/bin/sh
# Search: / opens it, the results list the server's hits in rank order with
# their stage, Enter jumps to the card on the board (loading the column's
# pages when it is not loaded yet), n/N go to the next/previous result.
# The selection is proved by moving the card and reading the server.
. "$(dirname "$0")/lib.sh"
ui_require
sim_start --stages demo --seed 300

# The server's own ranking (the same GraphQL search pipeboard sends).
sim_search() {
    sim_api POST /graphql "{\"query\":\"query S(\$searchInput: String!) { search(searchInput: \$searchInput, limit: 20, includedObjectNameSingulars: [\\\"opportunity\\\"]) { edges { node { recordId } } } }\",\"variables\":{\"searchInput\":\"$1\"}}" |
        "$UITOOL" json 'data.search.edges.*.node.recordId'
}
label_of() {
    case $1 in
    DISCOVERY) echo Discovery ;; PROPOSAL) echo Proposal ;; NEGOTIATION) echo Negotiation ;;
    CLOSED_WON) echo 'Closed won' ;; CLOSED_LOST) echo 'Closed lost' ;;
    esac
}
# selected_is DESC ID: moves the selected card one stage (L, or H from the
# last stage), checks on the server that it was ID, and undoes.
selected_is() {
    _st=$(sim_get_field "$2" stage)
    if [ "$_st" = CLOSED_LOST ]; then _k=H _to=CLOSED_WON; else
        _k=L
        case $_st in DISCOVERY) _to=PROPOSAL ;; PROPOSAL) _to=NEGOTIATION ;;
        NEGOTIATION) _to=CLOSED_WON ;; CLOSED_WON) _to=CLOSED_LOST ;; esac
    fi
    keys "$_k"
    expect_server "$1: the selected card is \"$(sim_get_field "$2" name)\"" "$_to" sim_get_field "$2" stage
    keys u
    expect_server "$1: u puts it back" "$_st" sim_get_field "$2" stage
    wait_for Undone 5
}

# A deal deep in Discovery (card 63 of 103: past the first page of 60).
TARGET_NAME=$(sim_stage_names DISCOVERY 70 | sim_nth 63)
HITS=$(sim_search "$TARGET_NAME")
T=$(echo "$HITS" | sim_nth 1)
if [ -n "$T" ]; then pass "the server finds \"$TARGET_NAME\""; else fail "the server finds \"$TARGET_NAME\""; fi

pb_open
keys /
expect '[Ss]earch' "/ opens the search"
type_text "$TARGET_NAME"
keys Enter
expect "$(re_quote "$(printf '%s\n' "$TARGET_NAME" | "$UITOOL" cut 0 20)")" "the results show \"$TARGET_NAME\""
expect "$(label_of "$(sim_get_field "$T" stage)")" "the results show the hit's stage"
keys Enter
expect_not '[Ss]earch' "Enter closes the search and goes to the board"
expect_in_column "$(label_of "$(sim_get_field "$T" stage)")" \
    "$(re_quote "$(printf '%s\n' "$TARGET_NAME" | "$UITOOL" cut 0 14)")" \
    "the board scrolls to show the card"
selected_is "Enter on a result past the first page" "$T"

# n / N over several hits.
Q='東京'
HITS=$(sim_search "$Q")
H1=$(echo "$HITS" | sim_nth 1)
H2=$(echo "$HITS" | sim_nth 2)
H3=$(echo "$HITS" | sim_nth 3)
keys /
expect '[Ss]earch' "/ opens the search again"
type_text "$Q"
keys Enter
expect "$(re_quote "$(sim_get_field "$H1" name | "$UITOOL" cut 0 12)")" "the results list the first hit"
keys Enter
expect_not '[Ss]earch' "Enter jumps to the first hit"
selected_is "the first hit" "$H1"
keys n
selected_is "n: the second hit" "$H2"
keys n
selected_is "n again: the third hit" "$H3"
keys N
selected_is "N: back to the second hit" "$H2"

# Down in the results list picks the second one.
keys /
type_text "$Q"
keys Enter
expect "$(re_quote "$(sim_get_field "$H2" name | "$UITOOL" cut 0 12)")" "the results list the second hit"
keys Down Enter
expect_not '[Ss]earch' "Down Enter jumps"
selected_is "Down Enter: the second hit" "$H2"

# Esc closes the search without moving.
keys /
expect '[Ss]earch' "/ opens the search"
keys Escape
expect_not '[Ss]earch' "Esc closes the search"

ui_finish
