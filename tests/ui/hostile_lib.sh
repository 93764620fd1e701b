# hostile_lib.sh - helpers of the hostile-data UI tests (issue 6); sourced
# after tests/ui/lib.sh by tests/ui/test_hostile_*.sh.
#
# Promises:
#  - hostile_open [-x COLS] [-y ROWS]: pipeboard against the running sim with
#    every byte it writes to the terminal recorded in $HOSTILE_BYTES (tmux
#    pipe-pane -o), from its very first byte: the pane waits for the pipe to
#    be in place before starting pipeboard (PB_WRAP, e.g. valgrind, is
#    honoured). Then waits for the board. The stream is reset each time.
#  - bytes_problems FILE: prints one line per injected control that reached
#    the terminal (nothing when clean). Curses' own output is allowed: CSI
#    sequences (ESC [ params intermediates final) and the short ESC forms
#    (ESC ( B, ESC 7, ESC =, ESC M ...). Reported: OSC, DCS, SOS, PM, APC
#    introducers (ESC ] P X ^ _), any other ESC, C0 controls other than
#    BS TAB LF CR (curses moves with them) and SO SI (screen's sgr0 ends
#    with SI), raw C1 bytes (0x80-0x9F outside a
#    UTF-8 sequence), ill-formed UTF-8, UTF-8 encoded C1 controls (C2 80-9F),
#    bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069).
#  - marker_inside_sequence FILE MARKER: true when MARKER occurs inside an
#    escape sequence (as a parameter, an OSC/DCS payload, or right after an
#    introducer) rather than as text.
#  - expect_box_aligned DESC: the rows inside the box on the screen (between
#    the lines holding ┌ and └) have their │ at the same display columns.
#  - sgr_used FILE N: true when `capture-pane -e` output in FILE sets the SGR
#    attribute N (e.g. 5 blink, 9 strikethrough) anywhere.
# Needs perl (Debian's perl-base is essential, so always there).

HOSTILE_BYTES=$UI_TMP/terminal.bytes
HOSTILE_PB=$PB

hostile_open() {
    # The pane waits until the pipe is in place, then runs pipeboard (under
    # PB_WRAP too, e.g. valgrind, when tests/run.sh sets it).
    {
        echo '#!/bin/sh'
        echo 'n=0'
        echo "while [ ! -f $(ui_quote "$UI_TMP/go") ] && [ \$n -lt 200 ]; do sleep 0.05; n=\$((n + 1)); done"
        echo 'exec "$@"'
    } >"$UI_TMP/pbwait.sh"
    chmod +x "$UI_TMP/pbwait.sh"
    rm -f "$UI_TMP/go"
    : >"$HOSTILE_BYTES"
    if [ -n "$PB_WRAP" ]; then
        _hw=$PB_WRAP
        PB_WRAP="$(ui_quote "$UI_TMP/pbwait.sh") $PB_WRAP"
        pb_start "$@"
        PB_WRAP=$_hw
    else
        printf '#!/bin/sh\nexec %s %s "$@"\n' "$(ui_quote "$UI_TMP/pbwait.sh")" "$(ui_quote "$HOSTILE_PB")" \
            >"$UI_TMP/pbwrap.sh"
        chmod +x "$UI_TMP/pbwrap.sh"
        PB=$UI_TMP/pbwrap.sh
        pb_start "$@"
        PB=$HOSTILE_PB
    fi
    ui_tmux pipe-pane -o -t "$UI_SESSION" "cat >> $(ui_quote "$HOSTILE_BYTES")"
    : >"$UI_TMP/go"
    if pb_wait_board 20; then pass "the board opens"; else fail "the board opens"; fi
}

bytes_problems() {
    perl -e '
        local $/; open(my $f, "<:raw", $ARGV[0]) or die "cannot read $ARGV[0]\n"; my $s = <$f>;
        my @p;
        push @p, "an OSC/DCS/SOS/PM/APC introducer (ESC " . substr($1, 0, 1) . ") at byte " . $-[0]
            while $s =~ /\e([\]PX^_])/g;
        (my $t = $s) =~ s/\e\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]//g;   # CSI: curses
        $t =~ s/\e[\x20-\x2f]*[\x30-\x5a\x5c\x60-\x7e]//g;              # ESC ( B, ESC 7, ESC = ...
        push @p, "an ESC that starts no CSI or short sequence" if $t =~ /\e/;
        push @p, sprintf("C0 control 0x%02x", ord $1) while $t =~ /([\x00-\x07\x0b\x0c\x10-\x1a\x1c-\x1f\x7f])/g;
        my $bad = 0; my $c1 = 0;
        while ($t =~ /\G(?:([\x00-\x7f]+)|([\xc2-\xdf][\x80-\xbf])|(\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf])|(\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2})|([\x80-\xff]))/gc) {
            if (defined $5) { $bad++; next; }
            if (defined $2 && $2 =~ /^\xc2[\x80-\x9f]$/) { $c1++; next; }
            if (defined $3 && $3 =~ /^(\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9])$/) { push @p, "a bidi control U+" . sprintf("%04X", ord(do { utf8::decode(my $u = $3); $u })); }
        }
        push @p, "$bad byte(s) of ill-formed UTF-8 (raw C1 included)" if $bad;
        push @p, "$c1 UTF-8 encoded C1 control(s)" if $c1;
        my %seen; print "$_\n" for grep { !$seen{$_}++ } @p;
    ' "$1"
}

marker_inside_sequence() {
    perl -e '
        local $/; open(my $f, "<:raw", $ARGV[0]) or die; my $s = <$f>; my $m = quotemeta $ARGV[1];
        # right after ESC (with any introducer), inside CSI parameters, or in a control string
        exit 0 if $s =~ /\e[\[\]PX^_(]?[\x20-\x3f]*$m/;
        exit 0 if $s =~ /\e[\]PX^_][^\a\e]*$m/;
        exit 0 if $s =~ /\xc2[\x90\x98\x9b\x9d\x9e\x9f][\x20-\x3f]*$m/;
        exit 1;
    ' "$1" "$2"
}

sgr_used() {
    perl -e '
        local $/; open(my $f, "<:raw", $ARGV[0]) or die; my $s = <$f>;
        while ($s =~ /\e\[([0-9;:]*)m/g) {
            my @a = split /;/, $1; my $i = 0;
            while ($i < @a) {
                if ($a[$i] eq "38" || $a[$i] eq "48" || $a[$i] eq "58") { $i += ($a[$i + 1] // "") eq "5" ? 3 : 5; next; }
                exit 0 if $a[$i] eq $ARGV[1];
                $i++;
            }
        }
        exit 1;
    ' "$1" "$2"
}

# expect_clean_bytes DESC: the recorded stream has no injected control.
expect_clean_bytes() {
    _bp=$(bytes_problems "$HOSTILE_BYTES")
    if [ ! -s "$HOSTILE_BYTES" ]; then
        fail "$1" "nothing was recorded in $HOSTILE_BYTES"
    elif [ -z "$_bp" ]; then
        pass "$1"
    else
        fail "$1" "$_bp"
    fi
}

expect_box_aligned() {
    screen | awk '/└/ { inbox = 0 } inbox { print } /┌/ { inbox = 1 }' >"$UI_TMP/box.txt"
    if [ ! -s "$UI_TMP/box.txt" ]; then
        fail "$1" "no box on the screen"
        return
    fi
    _out=$("$UITOOL" cols <"$UI_TMP/box.txt")
    _rc=$?
    if [ $_rc -eq 0 ]; then pass "$1"; else fail "$1" "$_out"; fi
}

# hostile_selftest: the checkers above catch what they must (a test that
# cannot fail is a defect): each sample holds one injected control.
hostile_selftest() {
    _st_ok=1
    for _st in '\033]0;T\007' '\033P1$q\033\\' '\033_x\033\\' '\233' '\302\233' '\342\200\256' \
        '\342\201\246' '\007' '\033\033' '\377' '\300\200' '\355\240\200'; do
        printf "ok \033[1;2Htext$_st more\033[m\017" >"$UI_TMP/selftest.bytes"
        if [ -z "$(bytes_problems "$UI_TMP/selftest.bytes")" ]; then
            _st_ok=0
            fail "the byte checker reports $(printf '%s' "$_st" | sed 's/\\/\\\\/g')"
        fi
    done
    printf 'ok \033[1;2Htext \033[5;7mbold\033[m\017 \342\224\202 caf\303\251 \342\220\233\n' >"$UI_TMP/selftest.bytes"
    if [ -n "$(bytes_problems "$UI_TMP/selftest.bytes")" ]; then
        _st_ok=0
        fail "the byte checker accepts curses' own output" "$(bytes_problems "$UI_TMP/selftest.bytes")"
    fi
    printf '\033[3;4HMARK1 \033]0;MARK2\007 \033[MARK3 \302\233MARK4 \033(MARK5 \342\220\233MARK6' >"$UI_TMP/selftest.bytes"
    for _m in MARK2 MARK3 MARK4 MARK5; do
        marker_inside_sequence "$UI_TMP/selftest.bytes" "$_m" ||
            { _st_ok=0; fail "the marker checker finds $_m inside a sequence"; }
    done
    for _m in MARK1 MARK6; do
        marker_inside_sequence "$UI_TMP/selftest.bytes" "$_m" &&
            { _st_ok=0; fail "the marker checker sees $_m as text"; }
    done
    printf '\033[0m\033[38;5;9mred\033[1;5mblink' >"$UI_TMP/selftest.bytes"
    sgr_used "$UI_TMP/selftest.bytes" 5 || { _st_ok=0; fail "the SGR checker finds 5 in 1;5"; }
    sgr_used "$UI_TMP/selftest.bytes" 9 && { _st_ok=0; fail "the SGR checker does not take 38;5;9 for 9"; }
    [ $_st_ok = 1 ] && pass "the byte, marker and SGR checkers catch every injected sample"
}
