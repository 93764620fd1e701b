#!/bin/sh
# Hostile data of the wrong TYPES (issue 6), which a faithful server never
# sends, served by twenty-sim's body:FILE fault in place of the list pages:
# amounts as strings, at and past the int64 limits, negative, fractional,
# 1e30; a record without a name, one without an amount, one in an unknown
# stage, two with the same id, raw ill-formed UTF-8 and raw C1 bytes; then
# pages that must be refused (a date that is not a date, a record without an
# id, a body that is not JSON), and a page of 10,000 records for limit=200.
# Each time: what the cards and details show, the layout (borders at the same
# x on every row, nothing wider than the pane), the bytes written to the
# terminal, and that pipeboard still answers keys.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/hostile_lib.sh"
ui_require
sim_start --stages demo --seed 0   # an empty workspace: every card comes from the files

ID() { printf '00000000-0000-4000-8000-%012d' "$1"; }
rec() { # N NAME-JSON STAGE AMOUNT-JSON [EXTRA]
    printf '{"id":"%s","name":%s,"stage":"%s","position":%s,"amount":%s%s}\n' \
        "$(ID "$1")" "$2" "$3" "$1" "$4" "${5:+,$5}"
}
usd() { printf '{"amountMicros":%s,"currencyCode":"USD"}' "$1"; }
page() { # RECORDS-FILE -> a list body on stdout
    printf '{"data":{"opportunities":['
    paste -sd, "$1"
    printf ']},"totalCount":3,"pageInfo":{"hasNextPage":false,"hasPreviousPage":false,"startCursor":null,"endCursor":null}}'
}

# ---- 1. wrong types that are shown ------------------------------------------------
{
    rec 1 '"HX_STR_AMT"' DISCOVERY "$(usd '"123000000"')"
    rec 2 '"HX_MAX_AMT"' DISCOVERY "$(usd '"9223372036854775807"')"
    rec 3 '"HX_MIN_AMT"' DISCOVERY "$(usd '"-9223372036854775808"')"
    rec 4 '"HX_E30_AMT"' DISCOVERY "$(usd 1e30)"
    rec 5 '"HX_PAST_AMT"' DISCOVERY "$(usd '"9223372036854775808"')"
    rec 6 '"HX_NEG_AMT"' DISCOVERY "$(usd -2500000000)"
    rec 7 '"HX_FLT_AMT"' DISCOVERY "$(usd 1.5)"
    rec 8 '"HX_NO_AMT"' DISCOVERY null
    rec 9 null DISCOVERY "$(usd 1000000)"
    rec 10 '"HX_UNKNOWN_STAGE"' NOT_A_STAGE "$(usd 1000000)"
    rec 11 '"HX_DUP_FIRST"' DISCOVERY "$(usd 1000000)"
    rec 11 '"HX_DUP_SECOND"' DISCOVERY "$(usd 2000000)"
    printf '{"id":"%s","name":"HX_BAD\377\300\200U \233C1 \342\200\256RLO","stage":"DISCOVERY","position":12}\n' "$(ID 12)"
    printf '{"id":"%s","stage":"DISCOVERY","position":13,"name":"HX_MISSING","closeDate":null}\n' "$(ID 13)"
    # raw control bytes inside a JSON string (JSON wants them escaped; cJSON takes them)
    printf '{"id":"%s","stage":"DISCOVERY","position":14,"name":"HX_RAW\033]0;HX_RAW_TITLE\007 \033[5mHX_RAWCSI"}\n' "$(ID 14)"
} >"$UI_TMP/types.recs"
page "$UI_TMP/types.recs" >"$UI_TMP/types.json"
sim_faults "GET /rest/opportunities body:$UI_TMP/types.json"
_got=$(sim_api GET '/rest/opportunities?limit=5' | head -c 40)
case $_got in '{"data":{"opportunities":[{"id":"0000'*) pass "the sim serves the file in place of the list" ;;
*) fail "the sim serves the file in place of the list" "$_got" ;; esac

hostile_open -x 120 -y 64
expect_in_column Discovery 'HX_STR_AMT' "the records of the file are shown"
# The cards, top to bottom in position order: name line, then amount line.
col=$(column_text Discovery)
amount_of() { printf '%s\n' "$col" | grep -A1 -- "$1" | sed -n 2p | sed 's/^[▌ ]*//; s/ *$//'; }
expect_eq "$(amount_of HX_STR_AMT)" '$123' "an amount as a numeric string is read exactly (\$123)"
expect_eq "$(amount_of HX_E30_AMT)" '?' "an amount of 1e30 shows as ?"
expect_eq "$(amount_of HX_PAST_AMT)" '?' "an amount one past INT64_MAX (as a string) shows as ?"
expect_eq "$(amount_of HX_NEG_AMT)" '-$2.5k' "a negative amount keeps its sign (-\$2.5k)"
expect_eq "$(amount_of HX_FLT_AMT)" '$0' "a fractional amountMicros (1.5) rounds to 2 micros (\$0)"
expect_eq "$(amount_of HX_NO_AMT)" '—' "a missing amount shows as —, not ?"
case $(amount_of HX_MAX_AMT) in '$'[0-9]*b | '$'[0-9]*…) pass "INT64_MAX micros shows as a huge amount" ;;
*) fail "INT64_MAX micros shows as a huge amount" "$(amount_of HX_MAX_AMT)" ;; esac
case $(amount_of HX_MIN_AMT) in -'$'[0-9]*b | -'$'[0-9]*…) pass "INT64_MIN micros shows as a huge negative amount" ;;
*) fail "INT64_MIN micros shows as a huge negative amount" "$(amount_of HX_MIN_AMT)" ;; esac
expect_in_column Discovery '\(no name\)' "a record without a name shows as (no name)"
if screen | grep -q HX_UNKNOWN_STAGE; then fail "a record in an unknown stage is in no column"; else
    pass "a record in an unknown stage is in no column"
fi
expect_eq "$(printf '%s\n' "$col" | grep -c 'HX_DUP_')" 1 "two records with the same id make one card"
expect_in_column Discovery 'HX_DUP_SECOND' "of two records with the same id, the later one is shown"
expect_in_column Discovery 'HX_BAD���U �C1 �RLO' \
    "ill-formed UTF-8, a raw C1 byte and a raw RLO show as U+FFFD"
expect_in_column Discovery 'HX_MISSING' "a record with only some fields is shown"
expect_in_column Discovery 'HX_RAW␛ ␛HX_RAWCSI' "raw ESC bytes in a JSON string show as ␛, the OSC payload swallowed"
expect_aligned "wrong types: every row's borders sit at the same columns"
if screen_fits 120; then pass "wrong types: nothing wider than the pane"; else fail "wrong types: nothing wider than the pane"; fi

# Keys: the details of the 1e30 card say the amount cannot be read.
sel_home
keys g j j j Enter
expect 'Name +HX_E30_AMT' "Enter opens the details of the 1e30 card"
expect 'Amount +\? \(the stored amount cannot be read\)' "the details say the amount cannot be read"
keys Escape
keys g j Enter
expect 'Name +HX_MAX_AMT' "Enter opens the details of the INT64_MAX card"
expect 'Amount +\$9,223,372,036,854\.78' "the details show INT64_MAX micros in full"
expect_box_aligned "the details box keeps its borders aligned"
keys Escape
wait_still 5
expect_clean_bytes "wrong types: no injected control reached the terminal"
if grep -aq 'HX_RAW_TITLE' "$HOSTILE_BYTES"; then fail "the raw OSC payload never reaches the terminal"; else
    pass "the raw OSC payload never reaches the terminal"
fi
if marker_inside_sequence "$HOSTILE_BYTES" HX_RAWCSI; then fail "the text after a raw CSI is written as text"; else
    pass "the text after a raw CSI is written as text"
fi
pb_quit
if [ "$(pb_status)" = 0 ]; then pass "q quits with status 0"; else fail "q quits with status 0" "$(pb_status)"; fi

# ---- 2. pages that are refused -----------------------------------------------------
refused() { # FILE-CONTENT-CMD REGEX DESC
    "$1" >"$UI_TMP/refused.json"
    sim_faults "GET /rest/opportunities body:$UI_TMP/refused.json"
    hostile_open -x 120 -y 30
    expect "$2" "$3: the status line says why"
    expect_in_column Discovery '^ ?! ' "$3: the column shows an error mark"
    expect_aligned "$3: every row's borders sit at the same columns"
    keys '?'
    expect 'pipeboard keys' "$3: ? still opens the help"
    keys Escape
    wait_still 5
    expect_clean_bytes "$3: no injected control reached the terminal"
    sim_faults_clear
    keys r
    expect_not_in_column Discovery '^ ?! ' "$3: once the server is sane again, r reloads the column"
    pb_quit
    if [ "$(pb_status)" = 0 ]; then pass "$3: q quits with status 0"; else fail "$3: q quits with status 0" "$(pb_status)"; fi
}
bad_date() {
    { rec 1 '"HX_FINE"' DISCOVERY null
      rec 2 '"HX_BAD_DATE"' DISCOVERY null '"closeDate":"2024-13-45"'; } >"$UI_TMP/r.recs"
    page "$UI_TMP/r.recs"
}
not_a_date() {
    rec 1 '"HX_NOT_A_DATE"' DISCOVERY null '"closeDate":"not-a-date\u001b]0;HX_DATE_OSC\u0007"' >"$UI_TMP/r.recs"
    page "$UI_TMP/r.recs"
}
no_id() {
    printf '{"name":"HX_NO_ID","stage":"DISCOVERY"}' >"$UI_TMP/r.recs"
    page "$UI_TMP/r.recs"
}
not_json() {
    printf '{"data":{"opportunities":[{"id":"%s","name":"HX_CUT\033]0;HX_CUT_TITLE\007' "$(ID 1)"
}
refused bad_date 'Could not load .*opportunities\[1\]\.closeDate: not an ISO 8601 date' "a date 2024-13-45"
refused not_a_date 'Could not load .*opportunities\[0\]\.closeDate: not an ISO 8601 date' "a date not-a-date"
refused no_id 'Could not load .*opportunities\[0\]\.id: missing id' "a record without an id"
refused not_json 'Could not load .*not valid JSON' "a body cut in the middle of a string"
if grep -aq 'HX_DATE_OSC\|HX_CUT' "$HOSTILE_BYTES"; then fail "refused pages leak nothing to the terminal"; else
    pass "refused pages leak nothing to the terminal"
fi

# ---- 3. a huge page: 10,000 records when 200 were asked -----------------------------
awk -v id="$(ID 0 | sed 's/0*$//')" 'BEGIN {
    printf "{\"data\":{\"opportunities\":["
    for (i = 1; i <= 10000; i++)
        printf "%s{\"id\":\"00000000-0000-4000-8000-%012d\",\"name\":\"HX_HUGE_%05d\",\"stage\":\"DISCOVERY\",\"position\":%d,\"amount\":{\"amountMicros\":%d000000,\"currencyCode\":\"USD\"}}", (i > 1 ? "," : ""), i, i, i, i
    printf "]},\"totalCount\":10000,\"pageInfo\":{\"hasNextPage\":false,\"hasPreviousPage\":false,\"startCursor\":null,\"endCursor\":null}}"
}' >"$UI_TMP/huge.json"
sim_faults "GET /rest/opportunities body:$UI_TMP/huge.json"
hostile_open -x 120 -y 30
expect_in_column Discovery 'HX_HUGE_00001' "a 10,000-record page opens"
keys G
expect_in_column Discovery 'HX_HUGE_10000' "G reaches the 10,000th card" 20
keys Enter
expect 'Name +HX_HUGE_10000' "Enter opens the details of the 10,000th card"
expect 'Amount +\$10,000\.00' "its amount is right"
keys Escape
keys g
expect_in_column Discovery '▌HX_HUGE_00001' "g goes back to the first card"
expect_aligned "huge page: every row's borders sit at the same columns"
expect_clean_bytes "huge page: nothing but text and curses' own sequences reached the terminal"
pb_quit
if [ "$(pb_status)" = 0 ]; then pass "huge page: q quits with status 0"; else fail "huge page: q quits with status 0" "$(pb_status)"; fi
sim_faults_clear

ui_finish
