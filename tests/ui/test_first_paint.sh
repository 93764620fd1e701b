#!/bin/sh
# First paint: the demo workspace pipeboard opens by itself (no URL set), and
# a workspace with Twenty's default stages. Stage columns in metadata order,
# counts and per-currency totals that match the server, the first cards, and
# the whole screen against expected dumps.
. "$(dirname "$0")/lib.sh"
ui_require

# The expectations of a column, from the server: header count, USD total in
# Twenty's short form, first card.
check_column() { # LABEL STAGE
    n=$(sim_count "$2")
    expect_header "$1" "$n" "$1: the header shows the server's count ($n)"
    usd=$(short_money "$(sim_sum_micros "$2" USD)" '$')
    expect_header "$1" "$n" "$usd" "$1: the header shows the USD total $usd"
    first=$(sim_stage_names "$2" 1 | "$UITOOL" cut 0 12)
    [ -n "$first" ] || first="(the server has no card in $2)"
    expect_in_column "$1" "$(re_quote "$first")" "$1: the first card ($first…) is shown"
}

# ---- the demo workspace: no URL, no key ------------------------------------------
pb_start -noenv
if pb_wait_board 20; then pass "the demo workspace opens with nothing configured"; else
    fail "the demo workspace opens with nothing configured"
fi
expect 'Discovery.*Proposal.*Negotiation.*Closed won.*Closed lost' \
    "demo: the five demo stages in metadata order on one line"
expect_in_column Discovery 'Acme renewal' "demo: Discovery starts with 'Acme renewal'"
expect_in_column Proposal 'Oceanic expansion' "demo: Proposal starts with 'Oceanic expansion'"
expect '(^|[^0-9])300([^0-9]|$)' "demo: the whole pipeline's count (300 deals) is shown"
expect_aligned "demo: column borders line up"
expect_dump demo_120x30 "demo: the first paint matches expected/demo_120x30.txt"
if [ -f "$XDG_DATA_HOME/pipeboard/demo.json" ]; then
    pass "demo: the workspace is kept in \$XDG_DATA_HOME/pipeboard/demo.json"
else
    fail "demo: the workspace is kept in \$XDG_DATA_HOME/pipeboard/demo.json" \
        "$(ls -lR "$XDG_DATA_HOME" 2>&1)"
fi
pp=$(ui_pane_pid)
kids=$(ui_descendants "$pp" | tr '\n' ' ')
pb_quit
if pb_exited && [ "$(pb_status)" = 0 ]; then pass "demo: q quits with status 0"; else
    fail "demo: q quits with status 0" "status: $(pb_status)" "stderr: $(pb_stderr)"
fi
left=
i=0
while [ $i -lt 50 ]; do
    left=
    for k in $kids; do [ -d "/proc/$k" ] && left="$left $k"; done
    [ -z "$left" ] && break
    sleep 0.1
    i=$((i + 1))
done
if [ -z "$left" ]; then pass "demo: quitting stops the demo server"; else
    fail "demo: quitting stops the demo server" "still running:$left"
fi

# ---- the same workspace served by our own sim: totals checked against the server --
sim_start --stages demo --seed 300
pb_open
for pair in Discovery:DISCOVERY Proposal:PROPOSAL Negotiation:NEGOTIATION 'Closed won:CLOSED_WON' \
    'Closed lost:CLOSED_LOST'; do
    check_column "${pair%%:*}" "${pair##*:}"
done
pb_stop
sim_stop

# ---- Twenty's default stages ----------------------------------------------------------
sim_start --stages default --seed 300
pb_open
expect 'New.*Screening.*Meeting.*Proposal.*Customer' \
    "default: NEW, SCREENING, MEETING, PROPOSAL, CUSTOMER in metadata order"
for pair in New:NEW Screening:SCREENING Meeting:MEETING Proposal:PROPOSAL Customer:CUSTOMER; do
    check_column "${pair%%:*}" "${pair##*:}"
done
expect_aligned "default: column borders line up"
expect_dump default_120x30 "default: the first paint matches expected/default_120x30.txt"

ui_finish
