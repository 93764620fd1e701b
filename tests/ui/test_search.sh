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
# A deal deep in Discovery (card 63 of 103: past the first page of 60).
TARGET_NAME=$(sim_stage_names DISCOVERY 70 | sim_nth 63)
HITS=$(sim_search "$TARGET_NAME")
T=$(echo "$HITS" | sim_nth 1)
if [ -n "$T" ]; then pass "the server finds \"$TARGET_NAME\""; else fail "the server finds \"$TARGET_NAME\""; fi

pb_open
keys /
expect 'Search deals by name' "/ opens the search"
type_text "$TARGET_NAME"
keys Enter
expect "$(re_quote "$(printf '%s\n' "$TARGET_NAME" | "$UITOOL" cut 0 20)").*$(demo_label "$(sim_get_field "$T" stage)")" \
    "the results show \"$TARGET_NAME\" with its stage"
keys Enter
expect_not 'Search deals by name' "Enter closes the search and goes to the board"
expect_in_column "$(demo_label "$(sim_get_field "$T" stage)")" \
    "$(re_quote "$(printf '%s\n' "$TARGET_NAME" | "$UITOOL" cut 0 14)")" \
    "the board scrolls to show the card"
expect_selected "Enter on a result past the first page" "$T"

# n / N over several hits.
Q='東京'
HITS=$(sim_search "$Q")
H1=$(echo "$HITS" | sim_nth 1)
H2=$(echo "$HITS" | sim_nth 2)
H3=$(echo "$HITS" | sim_nth 3)
keys /
expect 'Search deals by name' "/ opens the search again"
type_text "$Q"
keys Enter
expect "$(re_quote "$(sim_get_field "$H1" name | "$UITOOL" cut 0 12)").*$(demo_label "$(sim_get_field "$H1" stage)")" \
    "the results list the first hit with its stage"
keys Enter
expect_not 'Search deals by name' "Enter jumps to the first hit"
expect_selected "the first hit" "$H1"
keys n
expect 'Result 2 of [0-9]+' "n: the status line says 'Result 2 of N'"
expect_selected "n: the second hit" "$H2"
keys n
expect_selected "n again: the third hit" "$H3"
keys N
expect 'Result 2 of [0-9]+' "N: the status line says 'Result 2 of N'"
expect_selected "N: back to the second hit" "$H2"

# Down in the results list picks the second one.
keys /
type_text "$Q"
keys Enter
expect "$(re_quote "$(sim_get_field "$H2" name | "$UITOOL" cut 0 12)").*$(demo_label "$(sim_get_field "$H2" stage)")" \
    "the results list the second hit with its stage"
keys Down Enter
expect_not 'Search deals by name' "Down Enter jumps"
expect_selected "Down Enter: the second hit" "$H2"

# Esc closes the search without moving.
keys /
expect 'Search deals by name' "/ opens the search"
keys Escape
expect_not 'Search deals by name' "Esc closes the search"

ui_finish
