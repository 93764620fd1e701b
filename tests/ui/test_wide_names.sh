#!/bin/sh
# CJK, emoji, combining marks and hostile control characters in deal names:
# at 200, 120, 80 and 46 columns every line's │ borders sit at the same
# display columns (measured with wcwidth, as tmux does), nothing is wider
# than the terminal, long names end in "…", and escape sequences from the
# server never reach the terminal.
. "$(dirname "$0")/lib.sh"
ui_require
sim_start --stages demo --seed 300

create() { # NAME-as-JSON-string
    sim_api POST /rest/opportunities \
        "{\"name\":$1,\"stage\":\"NEGOTIATION\",\"position\":\"first\",\"amount\":{\"amountMicros\":1234000000,\"currencyCode\":\"JPY\"}}" \
        >/dev/null
}
create '"x東京x東京x東京x東京x東京x東京x東京x東京"'
create '"Cafe\u0301 Mu\u0308ller combining marks e\u0301e\u0301e\u0301"'
create '"🚀🎉🥳 launch party with emoji everywhere 🎈🎈"'
create '"한국어 이름이 아주 긴 거래입니다 정말로 길어요"'
create '"東京タワー改修プロジェクト第二期契約更新案件"'
create '"Evil \u001b]2;PWNED\u0007 title \u001b[2J\u001b[31mred\u001b[0m\r\nnext\tline\u0008"'
if [ "$(sim_count NEGOTIATION)" -ge 6 ]; then pass "six names created on the server"; else
    fail "six names created on the server"
fi

check_width() { # COLS
    resize "$1" 30
    wait_still 5
    out=$(screen | "$UITOOL" cols)
    rc=$?
    if [ $rc -eq 0 ]; then pass "$1 columns: every line's borders sit at the same columns"
    elif [ $rc -eq 3 ] && [ "$1" -lt 60 ]; then pass "$1 columns: one column at a time (no borders)"
    else fail "$1 columns: every line's borders sit at the same columns" "$out"; fi
    if screen_fits "$1"; then pass "$1 columns: nothing wider than the terminal"; else
        fail "$1 columns: nothing wider than the terminal" "$(screen | "$UITOOL" width | sort -n | tail -n 1)"
    fi
}

pb_open -x 200 -y 30
keys l l
expect '東京タワー' "the CJK name is shown"
expect '🚀🎉🥳' "the emoji name is shown"
expect '한국어' "the Korean name is shown"
expect 'Caf.{1,2} M.{1,2}ller combining' "the combining marks are shown with their letters"
expect '東京タワー[^│]*…' "a name too long for its column ends in …"
check_width 200
check_width 120
expect_dump wide_120x30 "120 columns: matches expected/wide_120x30.txt"
check_width 80
check_width 46
expect '東京タワー|한국어|🚀|x東京' "46 columns: the selected column (Negotiation) shows the wide names"
check_width 97
check_width 121

# Hostile names: no escape sequence reached the terminal.
title=$(ui_tmux display-message -p -t "$UI_SESSION" '#{pane_title}')
case $title in *PWNED*) fail "an OSC title sequence in a name does not reach the terminal" "pane title: $title" ;;
*) pass "an OSC title sequence in a name does not reach the terminal" ;; esac
resize 120 30
wait_still 5
expect 'Evil' "the hostile name is still shown (as text)"
expect 'Discovery.*Proposal.*Negotiation' "the board was not cleared by an escape sequence in a name"
ui_tmux capture-pane -e -p -t "$UI_SESSION" >"$UI_TMP/esc.txt"
if grep 'Evil' "$UI_TMP/esc.txt" | grep -q 'red'; then
    if grep 'Evil' "$UI_TMP/esc.txt" | grep -q "$(printf '\033')\\[31mred"; then
        fail "the name's own color sequence is not obeyed" "$(grep Evil "$UI_TMP/esc.txt" | od -c | head)"
    else
        pass "the name's own color sequence is not obeyed"
    fi
else
    pass "the name's own color sequence is not obeyed (the rest of the name is cut)"
fi

ui_finish
