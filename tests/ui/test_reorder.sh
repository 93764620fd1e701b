#!/bin/sh
# Reordering within a column: J/K move the selected card down/up, the column
# shows the new order and the server's positions agree; u undoes.
. "$(dirname "$0")/lib.sh"
ui_require
sim_start --stages demo --seed 300

ids=$(sim_stage_ids DISCOVERY 4)
A=$(echo "$ids" | sim_nth 1)
B=$(echo "$ids" | sim_nth 2)
C=$(echo "$ids" | sim_nth 3)
NA=$(sim_get_field "$A" name)
NB=$(sim_get_field "$B" name)
NC=$(sim_get_field "$C" name)

# row_of LABEL NAME: the line number of NAME in the column's text (0 if absent).
row_of() {
    column_text "$1" | grep -nF -- "$(printf '%s\n' "$2" | "$UITOOL" cut 0 14)" | head -n 1 | cut -d: -f1
}
# order_is A B C: on screen, the three names appear in this order in Discovery.
order_is() {
    t_i=0
    while [ $t_i -lt 50 ]; do
        t_a=$(row_of Discovery "$1") t_b=$(row_of Discovery "$2") t_c=$(row_of Discovery "$3")
        if [ -n "$t_a" ] && [ -n "$t_b" ] && [ -n "$t_c" ] && [ "$t_a" -lt "$t_b" ] && [ "$t_b" -lt "$t_c" ]; then
            return 0
        fi
        sleep 0.1
        t_i=$((t_i + 1))
    done
    return 1
}
first3() { sim_stage_ids DISCOVERY 3 | tr '\n' ' '; }

pb_open
if order_is "$NA" "$NB" "$NC"; then pass "Discovery starts: $NA, $NB, $NC"; else
    fail "Discovery starts: $NA, $NB, $NC"
fi

keys J
if order_is "$NB" "$NA" "$NC"; then pass "J: \"$NA\" is shown below \"$NB\""; else
    fail "J: \"$NA\" is shown below \"$NB\""
fi
expect_server "J: the server's order is B A C" "$B $A $C " first3
expect_eq "$(sim_get_field "$A" stage)" DISCOVERY "J: the card stays in DISCOVERY"

keys J
if order_is "$NB" "$NC" "$NA"; then pass "J again: \"$NA\" is third"; else fail "J again: \"$NA\" is third"; fi
expect_server "J again: the server's order is B C A" "$B $C $A " first3

keys K
if order_is "$NB" "$NA" "$NC"; then pass "K: \"$NA\" is second again"; else fail "K: \"$NA\" is second again"; fi
expect_server "K: the server's order is B A C" "$B $A $C " first3

keys K
expect_server "K again: the card is back on top (A B C)" "$A $B $C " first3
if order_is "$NA" "$NB" "$NC"; then pass "K again: the screen shows A B C"; else fail "K again: the screen shows A B C"; fi

# K on the top card sends nothing.
wait_still 3
before=$(sim_writes)
keys K
wait_still 3
expect_eq "$(sim_writes)" "$before" "K on the top card sends no write"

# Undo the last reorder (K): A goes back below B.
keys u
expect 'Undone' "u: the status line says it was undone"
expect_server "u: the server's order is B A C again" "$B $A $C " first3
if order_is "$NB" "$NA" "$NC"; then pass "u: the screen shows B A C"; else fail "u: the screen shows B A C"; fi

ui_finish
