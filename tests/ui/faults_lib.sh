# faults_lib.sh - the fault matrix harness (issue 6), sourced after lib.sh by
# tests/ui/test_faults_*.sh. See tests/FAULTS.md for the table.
#
# Promises:
#  - One cell = one operation against one fault. A cell installs the fault
#    (through POST /__sim/faults, or by killing the sim, or by deleting the
#    record elsewhere), does the operation, and checks, each as a counted
#    assertion named "OP x FAULT: ...":
#      alive   the program answers keys while the fault is active (? opens the
#              help and Esc closes it, or the cell's own key check);
#      told    the status line changes to a plain-words message (it matches
#              the cell's accepted regex and holds no raw JSON or HTML);
#      synced  after the fault is cleared (and r where the program needs it),
#              every column header counts what the server counts, and the
#              cell's own check (the card where the server has it) holds;
#    plus the cell's own "nothing lost" check (the typed values reach the
#    server after a retry).
#  - Faults: 500 503 401 malformed wrongshape truncate close are installed
#    for every matching request until the cell clears them (so the program's
#    own retries fail too); 429 (Retry-After: 1) and hang (longer than the
#    request timeout, PIPEBOARD_TIMEOUT=1) fire once; 404 is the sim's 404
#    fault, or, for a record, a delete made elsewhere (curl); restart is a
#    SIGKILL of the sim, then a restart on the same port with the same --data.
#  - FAULTS_ONLY="500 hang" limits a run to some faults (debugging).
#  - Every cell appends one line to $BUILD/tests/ui/faults/results.tsv:
#    OP<TAB>FAULT<TAB>pass|FAIL<TAB>the status line the user saw.

export PIPEBOARD_TIMEOUT=1
F_ALL="500 503 429 hang close truncate malformed wrongshape 401 404 restart"
F_LIST=${FAULTS_ONLY:-$F_ALL}
F_HANG_MS=2500
F_RESULTS=$BUILD/tests/ui/faults/results.tsv
mkdir -p "$BUILD/tests/ui/faults"
F_STATUS_RAW='[{}]|<[a-zA-Z!/]|"(statusCode|error|messages|data)"|HTTP/1'
# What a failure looks like in plain words.
F_ERR_RE='Could not|[Cc]annot|[Ff]ailed|[Ee]rror|[Uu]navailable|rejected|timed out|refused|[Uu]nreachable|[Ss]erver|deleted elsewhere|[Nn]ot found|[Nn]ot confirmed|[Rr]ate.limit|unexpected|[Cc]onnection|API key|Not saved'

# pb_config_write TEXT: the config file of the pipeboard to come.
pb_config_write() {
    mkdir -p "$XDG_CONFIG_HOME/pipeboard"
    printf '%s\n' "$1" >"$XDG_CONFIG_HOME/pipeboard/config"
    chmod 600 "$XDG_CONFIG_HOME/pipeboard/config"
}

# status_line: the bottom line of the screen, without the spinner on its right.
status_line() { screen | tail -n 1 | sed 's/ *[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] [a-z].*$//'; }

# ---- the sim: kill and restart on the same port with the same data ----------
sim_kill() {
    [ -n "$SIM_PID" ] || return 0
    kill -KILL "$SIM_PID" 2>/dev/null
    wait "$SIM_PID" 2>/dev/null
    SIM_PID=
}

sim_restart() {
    _port=${SIM_URL##*:}
    : >"$UI_TMP/sim.out"
    _try=0
    while [ $_try -lt 20 ]; do
        TWENTY_SIM_API_KEY=$SIM_KEY "$SIM" --port "$_port" --data "$SIM_DATA" --stages demo \
            --log "$UI_TMP/sim.log" >"$UI_TMP/sim.out" 2>"$UI_TMP/sim.err" &
        SIM_PID=$!
        _i=0
        while [ $_i -lt 50 ]; do
            grep -q '^listening on' "$UI_TMP/sim.out" && return 0
            kill -0 "$SIM_PID" 2>/dev/null || break
            sleep 0.1
            _i=$((_i + 1))
        done
        wait "$SIM_PID" 2>/dev/null
        SIM_PID=
        sleep 0.2   # the port may still be held for a moment
        _try=$((_try + 1))
    done
    fail "twenty-sim restarts on port $_port" "$(cat "$UI_TMP/sim.err")"
    return 1
}

# ---- faults --------------------------------------------------------------------

# fault_on KIND METHOD GLOB: installs the fault (restart: kills the sim; 404
# with GLOB "-": nothing, the cell deleted the record elsewhere).
fault_on() {
    [ "$2" = '*' ] && set -- "$1" '' "$3"
    case $1 in
    restart) sim_kill ;;
    429) sim_faults "$2 $3 429:1 count=1" ;;
    hang) sim_faults "$2 $3 hang:$F_HANG_MS count=1"; F_HANG_AT=$(date +%s%N) ;;
    404) [ "$3" = - ] || sim_faults "$2 $3 404" ;;
    *) sim_faults "$2 $3 $1" ;;
    esac
}

# fault_off KIND: the fault clears (a hang is let finish; the sim restarts).
fault_off() {
    case $1 in
    restart) sim_restart ;;
    hang)   # let the hung request land (the server does it after pipeboard gave up)
        sim_faults_clear
        _left=$(( (F_HANG_AT + (F_HANG_MS + 300) * 1000000 - $(date +%s%N)) / 1000000 ))
        [ "$_left" -gt 0 ] && sleep "$(printf '%d.%03d' $((_left / 1000)) $((_left % 1000)))"
        ;;
    *) sim_faults_clear ;;
    esac
}

# fault_must_fail KIND: the operation cannot succeed under this fault (the
# others may succeed through a retry, or be confirmed by reading back).
fault_must_fail() {
    case $1 in 500 | 503 | 401 | malformed | wrongshape | 404 | restart) return 0 ;; esac
    return 1
}

# ---- cells -----------------------------------------------------------------------
CELL_OP= CELL_F= CELL_BEFORE= CELL_OK=1 CELL_SAW= F_HANG_AT=0

cell_start() { # OP FAULT
    CELL_OP=$1 CELL_F=$2 CELL_OK=1 CELL_SAW=
    wait_still 5
    CELL_BEFORE=$(status_line)
}

cell_pass() { pass "$CELL_OP x $CELL_F: $1"; }
cell_fail() {
    CELL_OK=0
    _d=$1
    shift
    fail "$CELL_OP x $CELL_F: $_d" "$@"
}
cell_check() { # DESC CMD...: a counted assertion that CMD succeeds
    _d=$1
    shift
    if "$@"; then cell_pass "$_d"; else cell_fail "$_d" "failed: $*"; fi
}

# cell_alive: ? opens the help while the fault is active, Esc closes it.
cell_alive() {
    keys '?'
    if wait_for '[Mm]ove the card|move-next-stage' 3; then
        keys Escape
        if wait_gone '[Mm]ove the card to the next|move-next-stage' 3; then
            cell_pass "keys answer during the fault (? and Esc)"
            return 0
        fi
    fi
    cell_fail "keys answer during the fault (? and Esc)"
}

# cell_told OK_RE: waits until the status line has changed and shows OK_RE or
# a failure in plain words (a failure only, when the fault must fail).
cell_told() {
    _ok=$1
    _re="$F_ERR_RE"
    fault_must_fail "$CELL_F" || _re="$_ok|$F_ERR_RE"
    _n=$((UI_TIMEOUT * 20))
    while [ "$_n" -gt 0 ]; do
        CELL_SAW=$(status_line)
        # failure words are final; success words only once nothing is in flight
        if [ "$CELL_SAW" != "$CELL_BEFORE" ] && { printf '%s' "$CELL_SAW" | grep -Eq -- "$F_ERR_RE" ||
            { printf '%s' "$CELL_SAW" | grep -Eq -- "$_re" &&
            ! printf '%s' "$CELL_SAW" | grep -Eq '[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]|[Ss]aving|(Refreshing|Loading[^…]*)…$'; }; }; then
            if printf '%s' "$CELL_SAW" | grep -Eq -- "$F_STATUS_RAW"; then
                cell_fail "the user is told in plain words" "raw text on the status line: $CELL_SAW"
            else
                cell_pass "the user is told: $(printf '%s' "$CELL_SAW" | sed 's/  */ /g' | cut -c1-90)"
            fi
            return 0
        fi
        sleep 0.05
        _n=$((_n - 1))
    done
    cell_fail "the user is told what happened" "status line: $CELL_SAW" "wanted: $_re"
}

# cell_alive_form: the same once a form's save has ended, the fault still
# active: in the form kept open, Tab moves to the Amount field and Shift-Tab
# back; when the form has closed, ? and Esc on the board.
cell_alive_form() {
    if screen | grep -q 'Esc: cancel'; then
        keys Tab
        if wait_for '▸Amount' 3; then
            keys BTab
            if wait_for '▸Name' 3; then
                cell_pass "keys answer during the fault (Tab, Shift-Tab in the form)"
                return 0
            fi
        fi
        cell_fail "keys answer during the fault (Tab, Shift-Tab in the form)"
    else
        cell_alive
    fi
}

# cell_told_form OK_RE TYPED: a form's save ends: the form closes with OK_RE on
# the status line, or stays open saying "Not saved: <plain words>" with the
# typed name kept (then CELL_KEPT=1).
CELL_KEPT=0
cell_told_form() {
    CELL_KEPT=0
    _n=$((UI_TIMEOUT * 20))
    while [ "$_n" -gt 0 ]; do
        _scr=$(screen)
        CELL_SAW=$(printf '%s\n' "$_scr" | grep -o 'Not saved: .*[^ │]' | head -n 1 | sed 's/ *│.*//')
        if [ -n "$CELL_SAW" ]; then
            CELL_KEPT=1
            if printf '%s' "$CELL_SAW" | grep -Eq -- "$F_STATUS_RAW"; then
                cell_fail "the user is told in plain words" "raw text: $CELL_SAW"
            else
                cell_pass "the form stays open and says: $(printf '%s' "$CELL_SAW" | cut -c1-90)"
            fi
            if printf '%s\n' "$_scr" | grep -Fq "$2"; then
                cell_pass "the form keeps what was typed"
            else
                cell_fail "the form keeps what was typed"
            fi
            return 0
        fi
        CELL_SAW=$(status_line)
        if ! fault_must_fail "$CELL_F" && [ "$CELL_SAW" != "$CELL_BEFORE" ] &&
            ! screen | grep -q 'Esc: cancel' &&
            printf '%s' "$CELL_SAW" | grep -Eq -- "$1" && ! printf '%s' "$CELL_SAW" | grep -q 'Saving' &&
            ! printf '%s' "$CELL_SAW" | grep -Eq -- "$F_ERR_RE"; then
            cell_pass "the user is told: $(printf '%s' "$CELL_SAW" | sed 's/  */ /g' | cut -c1-90)"
            return 0
        fi
        if [ "$CELL_F" = 404 ] && [ "$CELL_SAW" != "$CELL_BEFORE" ] &&
            printf '%s' "$CELL_SAW" | grep -q 'deleted elsewhere'; then
            cell_pass "the user is told: $(printf '%s' "$CELL_SAW" | sed 's/  */ /g' | cut -c1-90)"
            return 0
        fi
        sleep 0.05
        _n=$((_n - 1))
    done
    cell_fail "the user is told what happened" "status line: $CELL_SAW"
}

# headers_match: every column header counts what the server counts.
headers_match() {
    for _s in $DEMO_STAGES; do
        header_has "$(demo_label "$_s")" "$(sim_count "$_s")" || return 1
    done
    return 0
}
wait_headers_match() {
    _n=$((UI_TIMEOUT * 5))
    while [ "$_n" -gt 0 ]; do
        headers_match && return 0
        sleep 0.2
        _n=$((_n - 1))
    done
    return 1
}

# cell_synced [r]: with "r", refresh first; then every header count equals
# the server's.
cell_synced() {
    if [ "${1:-}" = r ]; then
        keys r
        wait_for 'Refresh|[Uu]p to date|changed|[Ll]oad' 3
        wait_still 8
    fi
    if wait_headers_match; then
        cell_pass "the headers count what the server counts${1:+ (after r)}"
    else
        _h=
        for _s in $DEMO_STAGES; do _h="$_h $(sim_count "$_s")"; done
        cell_fail "the headers count what the server counts${1:+ (after r)}" "server:$_h" \
            "screen: $(screen | sed -n 2p)"
    fi
}

# cell_refresh_after_hang: a request that hung past the timeout was done by
# the server after pipeboard had stopped waiting; pipeboard says "the server
# may still do it: r refreshes", so the cell presses r before its checks.
cell_refresh_after_hang() {
    [ "$CELL_F" = hang ] || return 0
    keys r
    wait_for 'Refresh|[Uu]p to date|changed|[Ll]oad' 3
    wait_still 8
}

cell_end() {
    printf '%s\t%s\t%s\t%s\n' "$CELL_OP" "$CELL_F" "$([ "$CELL_OK" = 1 ] && echo pass || echo FAIL)" \
        "$(printf '%s' "$CELL_SAW" | sed 's/  */ /g')" >>"$F_RESULTS"
    if status_line | grep -q 'x to dismiss'; then keys x; fi   # the failed flag
}

# wait_true CMD...: polls CMD for UI_TIMEOUT seconds
wait_true() {
    _n=$((UI_TIMEOUT * 10))
    while [ "$_n" -gt 0 ]; do
        "$@" && return 0
        sleep 0.1
        _n=$((_n - 1))
    done
    return 1
}

# card_stage_shown ID: the label of the column showing the card's name (or "").
card_shown_in() { # ID LABEL: the column LABEL shows the record's name
    wait_column "$2" "$(name_re "$(sim_get_field "$1" name)")" 5
}

# name_re NAME: a regex for the card's name line as a column shows it: the
# first 20 cells of a longer name, or the whole name and then its end.
name_re() {
    _cut=$(printf '%s\n' "$1" | "$UITOOL" cut 0 20)
    if [ "$_cut" = "$1" ]; then
        printf '%s( |$)' "$(re_quote "$_cut")"
    else
        printf '%s' "$(re_quote "$_cut")"
    fi
}
