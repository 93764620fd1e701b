#!/bin/sh
# Hostile strings (issue 6) created through the REST API as JSON escapes:
# ESC/CSI/OSC/DCS sequences, C0 and C1 controls, bidi overrides and isolates,
# zero-width and combining characters, a 10,000-character name, in deal
# names, a company name and a stage label. Checked three ways:
#  (a) the bytes pipeboard writes to the terminal (tmux pipe-pane): no OSC,
#      DCS, SOS/PM/APC, no raw or UTF-8 C1 control, no bidi control, no
#      C0 control, and no payload marker inside an escape sequence;
#  (b) the screen (capture-pane, -e for attributes): the controls replaced
#      visibly (␛ for an escape sequence, ␇ ␈ … for C0, U+FFFD for C1 and
#      bidi), no injected attribute (blink, strikethrough) on any cell, the
#      column borders at the same x on every row, nothing wider than the pane;
#  (c) pipeboard still answers keys: details of a hostile card, a search
#      for one, quitting with the terminal restored.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/hostile_lib.sh"
ui_require
hostile_selftest

ESC=$(printf '\033')

# Stage labels from a file: one of them hostile.
cat >"$UI_TMP/stages.json" <<'EOF'
[{"value":"DISCOVERY","label":"Disco\u001b]0;HX_LABEL_OSC\u0007\u001b[9mvery\u202e","color":"red","position":0},
 {"value":"PROPOSAL","label":"Proposal","color":"sky","position":1},
 {"value":"NEGOTIATION","label":"Negotiation","color":"yellow","position":2},
 {"value":"CLOSED_WON","label":"Closed won","color":"green","position":3}]
EOF
sim_start --stages "$UI_TMP/stages.json" --seed 40

# A company with a hostile name, shown on the cards that point to it.
CO=$(sim_api POST /rest/companies '{"name":"Co\u001b]52;c;SFhfQ0xJUA==\u0007\u009b5mHX_CO\u202e"}' |
    "$UITOOL" json data.createCompany.id)
if [ -n "$CO" ]; then pass "a company with a hostile name is created"; else fail "a company with a hostile name is created"; fi

create() { # NAME-as-JSON-string [EXTRA-FIELDS]
    sim_api POST /rest/opportunities \
        "{\"name\":$1,\"stage\":\"DISCOVERY\",\"position\":\"first\",\"amount\":{\"amountMicros\":5000000000,\"currencyCode\":\"USD\"}${2:+,$2}}" |
        "$UITOOL" json data.createOpportunity.id
}
LONG=$(awk 'BEGIN { s = "HX_LONG "; for (i = 0; i < 2498; i++) s = s "\\u6771x\\u001b["; printf "\"%s\"", s }')
ID_LONG=$(create "$LONG")
create '"\u200f\u200b \u2060\n\u200d\u061c"' >/dev/null   # only invisible characters
create '"Ctl \u0001\u0007\u0008\u000b\u000c\u000e\u000f\u007f HX_C0 end"' >/dev/null
create '"Zw\u200b\u200c\u200d\ufeffHX_ZW e\u0301\u0301\u0301\u0301 a\u20dd"' >/dev/null
create '"Bi \u202eHX_RLO\u202c\u2066i\u2069 \u200fHX_BD"' >/dev/null
create '"C1 \u009b5mHX_C1CSI \u009d0;HX_C1_OSC\u009c \u0085HX_C1_END"' >/dev/null
create '"Dcs \u001bPHX_DCS_PAYLOAD\u001b\\ HX_DCS_END"' >/dev/null
ID_CSI=$(create '"Csi \u001b[2J\u001b[5;9mHX_CSI_MARK\u001b[0m tail"' "\"companyId\":\"$CO\"")
ID_OSC=$(create '"Osc \u001b]0;HX_OSC_TITLE\u0007 HX_OSC_END"')
if [ -n "$ID_LONG" ] && [ -n "$ID_CSI" ] && [ -n "$ID_OSC" ]; then pass "the hostile deals are created"; else
    fail "the hostile deals are created" "long=$ID_LONG csi=$ID_CSI osc=$ID_OSC"
fi
LONG_LEN=$(sim_get_field "$ID_LONG" name | awk '{ print length($0) }')
if [ "${LONG_LEN:-0}" -ge 10000 ]; then pass "the server keeps the 10,000-character name ($LONG_LEN characters)"; else
    fail "the server keeps the 10,000-character name" "length: $LONG_LEN"
fi

hostile_open -x 120 -y 46
expect 'HX_OSC_END' "the OSC card is shown"
expect 'Disco␛␛very' "the hostile stage label is shown with ␛ for each sequence"

# ---- (b) the screen -------------------------------------------------------------
expect 'Osc ␛ HX_OSC_END' "an OSC sequence shows as one ␛, its payload swallowed"
expect 'Csi ␛␛HX_CSI_MARK␛ tail' "CSI sequences show as ␛, the text after them kept"
expect 'Dcs ␛ HX_DCS_END' "a DCS string shows as one ␛"
expect 'C1 ␛HX_C1CSI ␛  ?HX_C1_END' "C1 CSI/OSC show as ␛, NEL as a space"
expect 'Bi �HX_RLO��i� HX_BD' "bidi overrides and isolates show as U+FFFD, marks dropped"
expect 'Ctl ␁␇␈␋␌␎␏␡ HX_C0 end' "C0 controls show as control pictures"
expect 'Zw.*HX_ZW' "zero-width characters do not break the card"
expect_in_column 'Disco' '\(no name\)' "a name of only invisible characters shows as (no name)"
expect 'HX_LONG (東x␛){3}' "the 10,000-character name is shown, controls replaced"
expect 'HX_LONG [^│]*…' "the 10,000-character name is cut with …"
expect 'Co␛[^│]*HX_CO�' "the hostile company name is shown with ␛ and U+FFFD"
expect_aligned "120 columns: every row's borders sit at the same columns"
if screen_fits 120; then pass "120 columns: nothing wider than the pane"; else
    fail "120 columns: nothing wider than the pane" "$(screen | "$UITOOL" width | sort -n | tail -n 1)"
fi
ui_tmux capture-pane -e -p -t "$UI_SESSION" >"$UI_TMP/attrs.txt"
if sgr_used "$UI_TMP/attrs.txt" 5; then fail "no cell blinks (the injected SGR 5 was not obeyed)" "$(grep -n HX_ "$UI_TMP/attrs.txt" | od -c | head -20)"; else
    pass "no cell blinks (the injected SGR 5 was not obeyed)"
fi
if sgr_used "$UI_TMP/attrs.txt" 9; then fail "no cell is struck through (the injected SGR 9 was not obeyed)"; else
    pass "no cell is struck through (the injected SGR 9 was not obeyed)"
fi
title=$(ui_tmux display-message -p -t "$UI_SESSION" '#{pane_title}')
case $title in *HX_*) fail "no OSC title sequence reached the terminal" "pane title: $title" ;;
*) pass "no OSC title sequence reached the terminal" ;; esac

for w in 80 46; do
    resize "$w" 46
    wait_still 5
    out=$(screen | "$UITOOL" cols)
    rc=$?
    if [ $rc -eq 0 ]; then pass "$w columns: every row's borders sit at the same columns"
    elif [ $rc -eq 3 ] && [ "$w" -lt 60 ]; then pass "$w columns: one column at a time (no borders)"
    else fail "$w columns: every row's borders sit at the same columns" "$out"; fi
    if screen_fits "$w"; then pass "$w columns: nothing wider than the pane"; else
        fail "$w columns: nothing wider than the pane" "$(screen | "$UITOOL" width | sort -n | tail -n 1)"
    fi
    expect 'Disco␛␛very' "$w columns: the hostile stage label is still shown sanitized"
done
resize 120 46
wait_still 5

# ---- (c) keys still work: details, search, quit ------------------------------------
sel_home
keys g
wait_still 5
# the first card is the last created: the OSC one
keys Enter
expect 'Name +Osc ␛ HX_OSC_END' "Enter opens the details of the hostile card"
expect 'Stage +Disco␛␛very�' "the details show the hostile stage label sanitized"
expect_box_aligned "the details box keeps its borders aligned"
if screen_fits 120; then pass "the details fit the pane"; else fail "the details fit the pane"; fi
keys Escape
wait_still 5
keys j j j j j j j j
keys Enter
expect 'Name +HX_LONG (東x␛)+[^│]*…' "the details of the 10,000-character deal show its name, cut with …"
expect_box_aligned "the details box of the 10,000-character deal keeps its borders aligned"
if screen_fits 120; then pass "the details of the 10,000-character deal fit the pane"; else
    fail "the details of the 10,000-character deal fit the pane"
fi
keys Escape
wait_still 5
keys /
expect 'Search deals by name' "/ opens the search"
type_text "HX_CSI_MARK"
keys Enter
expect 'Csi ␛␛HX_CSI_MARK' "the search finds the hostile deal and lists it sanitized"
expect_box_aligned "the search box keeps its borders aligned"
wait_still 5
keys Enter
expect_not 'Search deals by name' "Enter on the result goes back to the board"
wait_still 5
keys Enter
expect 'Co␛' "the details of the searched deal show the hostile company sanitized"
keys Escape
wait_still 5

# ---- (a) the bytes written to the terminal ------------------------------------------
expect_clean_bytes "no injected control reached the terminal (OSC, DCS, C1, C0, bidi, ill-formed UTF-8)"
for m in HX_OSC_TITLE HX_DCS_PAYLOAD HX_C1_OSC HX_LABEL_OSC; do
    if grep -aq "$m" "$HOSTILE_BYTES"; then fail "the payload $m of a control string never reaches the terminal"; else
        pass "the payload $m of a control string never reaches the terminal"
    fi
done
for m in HX_CSI_MARK HX_C1CSI HX_CO HX_LONG HX_RLO HX_C0 HX_ZW; do
    if ! grep -aq "$m" "$HOSTILE_BYTES"; then fail "$m was written as text" "not in the stream"
    elif marker_inside_sequence "$HOSTILE_BYTES" "$m"; then
        fail "$m was written as text, never inside an escape sequence" \
            "$(grep -ao ".\{0,12\}$m" "$HOSTILE_BYTES" | od -c | head -8)"
    else
        pass "$m was written as text, never inside an escape sequence"
    fi
done
if grep -aq "${ESC}\\[5;9m" "$HOSTILE_BYTES"; then fail "the injected SGR 5;9 never reaches the terminal"; else
    pass "the injected SGR 5;9 never reaches the terminal"
fi

# Quitting with a write in flight: pipeboard lists it on stderr, outside
# curses, so that path must sanitize too.
sim_faults 'PATCH /rest/opportunities/* hang:20000'
sel_home
keys g
wait_still 5
keys L
expect 'Mov(ing|ed) "Osc ␛ HX_OSC_END" to Proposal' "L moves the hostile card (the write hangs on the server)"
keys q
wait_exit 3 || keys q
if wait_exit 10 && [ "$(pb_status)" = 0 ]; then pass "q quits with status 0"; else fail "q quits with status 0" "status: $(pb_status)"; fi
if cmp -s "$UI_TMP/stty.before" "$UI_TMP/stty.after"; then pass "the terminal modes are restored"; else
    fail "the terminal modes are restored"
fi
expect_clean_bytes "nothing hostile written to the terminal on the way out either"
if grep -aq 'Osc ␛ HX_OSC_END' "$UI_TMP/pb.stderr"; then pass "the unsaved write is reported on stderr with its name sanitized"; else
    fail "the unsaved write is reported on stderr with its name sanitized" "$(pb_stderr)"
fi
_sp=$(bytes_problems "$UI_TMP/pb.stderr")
if [ -z "$_sp" ] && ! grep -aq 'HX_OSC_TITLE' "$UI_TMP/pb.stderr"; then pass "stderr carries no injected control"; else
    fail "stderr carries no injected control" "$_sp"
fi
sim_faults_clear

ui_finish
