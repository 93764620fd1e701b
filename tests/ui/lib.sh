# lib.sh - the harness of pipeboard's UI tests (POSIX sh; sourced by tests/ui/test_*.sh).
#
# Promises:
#  - A pinned environment: LANG/LC_ALL=C.UTF-8, TZ=UTC, HOME and the XDG
#    directories in a private temp dir, NO_COLOR and the Twenty variables
#    unset, SIM_TODAY pinned (so generated close dates never change), the
#    pane's TERM=screen-256color (tmux's default-terminal, from a private
#    config: no status line; the pane's shell stays after pipeboard exits).
#  - sim_start runs build/twenty-sim on a free port (--port 0, the URL read
#    from its "listening on" line) with a private key passed through the
#    environment; pb_start runs build/pipeboard against it in a detached tmux
#    session of the given size on a private socket (tmux -L pbtest-$$).
#  - Waiting is always for a condition (wait_for polls capture-pane until a
#    regex appears, with a timeout), never a fixed sleep alone.
#  - Plain-text dumps compare with tests/ui/expected/NAME.txt after masking
#    what changes from run to run (the port); UPDATE_EXPECTED=1 rewrites them.
#    Actual dumps of failures are kept in $BUILD/tests/ui/actual/.
#  - Every assertion is counted; ui_finish prints "N passed, N failed" and
#    returns non-zero if anything failed.
#  - Nothing is left behind: the exit trap kills the tmux server, every
#    process started in its panes (a demo twenty-sim included) and the sim,
#    by pid, and removes the temp dir (KEEP_UI_TMP=1 keeps it).
#
# Environment knobs: BUILD (default build), UI_TIMEOUT (seconds a wait_for
# may take, default 10), UPDATE_EXPECTED=1, KEEP_UI_TMP=1. A failed assertion
# prints its details and the whole screen.
#  - PB_WRAP (tests/run.sh valgrind): a command prefix for pipeboard, written
#    as is into the pane's script, where $PB_WRAP_LOG names the run's log
#    (PB_WRAP='valgrind --log-file=$PB_WRAP_LOG …'). Each run's log counts as
#    one assertion (pb_wrap_check: "ERROR SUMMARY: 0 errors"), checked when
#    the next pb_start stops it and in ui_finish. UI_SLOW=N (default 1)
#    multiplies every sleep, hence every timeout and poll, by N.

set -u

UI_ROOT=$(cd "$(dirname "$0")/../.." && pwd)
UI_DIR=$UI_ROOT/tests/ui
. "$UI_DIR/env.sh"
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$UI_ROOT/$BUILD ;; esac
PB=$BUILD/pipeboard
SIM=$BUILD/twenty-sim
UI_TIMEOUT=${UI_TIMEOUT:-10}
UI_SLOW=${UI_SLOW:-1}
PB_WRAP=${PB_WRAP:-}
PB_WRAP_RUNS=0
PB_WRAP_DONE=0
UI_SOCK=pbtest-$$
UI_SESSION=pb
UI_PASSED=0
UI_FAILED=0
UI_N=0
SIM_PID=
SIM_URL=
SIM_KEY=

# ---- the pinned environment (tests/ui/env.sh) ------------------------------
UI_TMP=$(mktemp -d "${TMPDIR:-/tmp}/pbui.XXXXXX") || exit 1
ui_pin_env "$UI_TMP"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"

ui_tmux() { tmux -L "$UI_SOCK" -f "$UI_TMP/tmux.conf" "$@"; }

# ---- cleanup ----------------------------------------------------------------


ui_pane_pid() { ui_tmux display-message -p -t "$UI_SESSION" '#{pane_pid}' 2>/dev/null; }

# pb_stop: ends the session and every process started in its pane (by pid).
pb_stop() {
    _pp=$(ui_pane_pid)
    _srv=$(ui_tmux display-message -p '#{pid}' 2>/dev/null)
    _pids=
    [ -n "$_pp" ] && _pids="$_pp $(ui_descendants "$_pp" | tr '\n' ' ')"
    ui_tmux kill-session -t "$UI_SESSION" >/dev/null 2>&1
    ui_tmux kill-server >/dev/null 2>&1
    for _p in $_pids; do
        [ -d "/proc/$_p" ] && kill -TERM "$_p" 2>/dev/null
    done
    # Wait until the tmux server has really gone: a new-session that races
    # its exit fails with "server exited unexpectedly".
    _n=100
    while [ -n "$_srv" ] && [ -d "/proc/$_srv" ] && [ $_n -gt 0 ]; do
        sleep 0.05
        _n=$((_n - 1))
    done
    return 0
}

ui_cleanup() {
    pb_stop
    ui_tmux kill-server >/dev/null 2>&1
    sim_stop
    if [ "${KEEP_UI_TMP:-0}" = 1 ]; then
        echo "# kept $UI_TMP"
    else
        rm -rf "$UI_TMP"
    fi
}
trap 'ui_cleanup' EXIT
trap 'ui_cleanup; trap - EXIT; exit 130' INT TERM HUP
trap 'ui_cleanup; trap - EXIT; exit 141' PIPE

# ---- counting ----------------------------------------------------------------
pass() {
    UI_N=$((UI_N + 1))
    UI_PASSED=$((UI_PASSED + 1))
    echo "ok $UI_N - $1"
}

# fail DESC [DETAIL...]: the details (and the current screen) are printed.
fail() {
    UI_N=$((UI_N + 1))
    UI_FAILED=$((UI_FAILED + 1))
    echo "not ok $UI_N - $1"
    shift
    for _d in "$@"; do
        printf '%s\n' "$_d" | sed 's/^/#   /'
    done
    if ui_tmux has-session -t "$UI_SESSION" 2>/dev/null; then
        echo "#   screen:"
        screen | sed 's/^/#   |/'
    fi
}

expect_eq() { # ACTUAL EXPECTED DESC
    if [ "$1" = "$2" ]; then pass "$3"; else fail "$3" "expected: $2" "actual:   $1"; fi
}

ui_finish() {
    if [ -n "$PB_WRAP" ]; then pb_stop; pb_wrap_check; fi
    echo "$UI_PASSED passed, $UI_FAILED failed"
    [ "$UI_FAILED" -eq 0 ]
}

# ui_require: stops the file (one failure counted) when a binary is missing.
ui_require() {
    _missing=
    for _b in "$PB" "$SIM"; do
        [ -x "$_b" ] || _missing="$_missing $_b"
    done
    if ! command -v tmux >/dev/null 2>&1; then _missing="$_missing tmux"; fi
    if [ -n "$_missing" ]; then
        fail "the UI test needs:$_missing (make all; make deps)"
        ui_finish
        exit 1
    fi
    ui_build_tool || {
        fail "cannot compile tests/ui/uitool.c"
        ui_finish
        exit 1
    }
}

# ---- the helper tool (HTTP, JSON, border columns) ----------------------------
UITOOL=$BUILD/tests/ui/uitool
ui_build_tool() {
    [ -x "$UITOOL" ] && [ "$UITOOL" -nt "$UI_DIR/uitool.c" ] && return 0
    mkdir -p "$BUILD/tests/ui" || return 1
    # shellcheck disable=SC2046
    ${CC:-cc} -std=c11 -Wall -Wextra -Werror -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -O1 \
        -o "$UITOOL.$$" "$UI_DIR/uitool.c" $(pkg-config --cflags --libs libcurl libcjson) &&
        mv -f "$UITOOL.$$" "$UITOOL"
}

# ---- the simulator -------------------------------------------------------------

# sim_start [twenty-sim options...]: --port 0, a fresh data file in the temp
# dir and the seed/stages given (defaults: --stages demo --seed 300). Sets
# SIM_URL, SIM_KEY, SIM_DATA.
SIM_RUNS=0
sim_start() {
    SIM_KEY=ui-test-key-$$
    SIM_RUNS=$((SIM_RUNS + 1))
    SIM_DATA=$UI_TMP/ws$SIM_RUNS.json
    _args="$*"
    case " $_args " in *" --stages "*) ;; *) set -- --stages demo "$@" ;; esac
    case " $_args " in *" --seed "*) ;; *) set -- --seed 300 "$@" ;; esac
    : >"$UI_TMP/sim.out"
    TWENTY_SIM_API_KEY=$SIM_KEY "$SIM" --port 0 --data "$SIM_DATA" \
        --log "$UI_TMP/sim.log" "$@" >"$UI_TMP/sim.out" 2>"$UI_TMP/sim.err" &
    SIM_PID=$!
    _i=0
    while [ $_i -lt 100 ]; do
        SIM_URL=$(sed -n 's/^listening on //p' "$UI_TMP/sim.out")
        [ -n "$SIM_URL" ] && break
        kill -0 "$SIM_PID" 2>/dev/null || break
        sleep 0.1
        _i=$((_i + 1))
    done
    if [ -z "$SIM_URL" ]; then
        fail "twenty-sim starts" "$(cat "$UI_TMP/sim.err")"
        ui_finish
        exit 1
    fi
    export UI_SIM_KEY=$SIM_KEY
}

# sim_stop: stops the sim (it saves and exits on SIGTERM).
sim_stop() {
    [ -n "$SIM_PID" ] || return 0
    kill -TERM "$SIM_PID" 2>/dev/null
    wait "$SIM_PID" 2>/dev/null
    SIM_PID=
}

# sim_api METHOD PATH [BODY]: the body of the answer on stdout; the status as exit code.
sim_api() {
    "$UITOOL" http "$1" "$SIM_URL$2" ${3+"$3"}
}

# sim_json METHOD PATH JSONPATH [BODY]: one value of the answer.
sim_json() {
    _m=$1 _p=$2 _j=$3
    shift 3
    sim_api "$_m" "$_p" ${1+"$1"} | "$UITOOL" json "$_j"
}

# sim_get_field ID FIELD: a field of one opportunity (e.g. stage, name, amount.amountMicros).
sim_get_field() {
    sim_json GET "/rest/opportunities/$1" "data.opportunity.$2"
}

# sim_stage_ids STAGE [LIMIT]: the ids of a stage's cards in board order (position, then id).
sim_stage_ids() {
    sim_json GET "/rest/opportunities?filter=stage%5Beq%5D:$1&order_by=position&limit=${2:-60}" \
        'data.opportunities.*.id'
}

# sim_stage_names STAGE [LIMIT]
sim_stage_names() {
    sim_json GET "/rest/opportunities?filter=stage%5Beq%5D:$1&order_by=position&limit=${2:-60}" \
        'data.opportunities.*.name'
}

sim_nth() { sed -n "${1}p"; } # sim_stage_ids S | sim_nth 2

sim_faults() { sim_api POST /__sim/faults "$1" >/dev/null; }
sim_faults_clear() { sim_api DELETE /__sim/faults >/dev/null; }

# ---- pipeboard in tmux ---------------------------------------------------------

ui_quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

# pb_start [-x COLS] [-y ROWS] [-noenv] [--] [pipeboard args...]
#   -noenv: no TWENTY_API_URL/KEY in the pane (without --url: the demo workspace).
# The pane runs a small shell that records the terminal modes before and
# after, then prints "pipeboard exited with status N" and stays (sleep).
pb_start() {
    _x=120 _y=30 _noenv=0
    while [ $# -gt 0 ]; do
        case $1 in
        -x) _x=$2; shift 2 ;;
        -y) _y=$2; shift 2 ;;
        -noenv) _noenv=1; shift ;;
        --) shift; break ;;
        *) break ;;
        esac
    done
    _argv=
    for _a in "$@"; do _argv="$_argv $(ui_quote "$_a")"; done
    {
        echo '#!/bin/sh'
        if [ "$_noenv" = 0 ]; then
            echo "export TWENTY_API_URL=$(ui_quote "$SIM_URL")"
            echo "export TWENTY_API_KEY=$(ui_quote "$SIM_KEY")"
        fi
        echo "cd $(ui_quote "$UI_TMP")"
        echo 'stty -g >stty.before 2>/dev/null'
        echo 'echo "pane: before pipeboard"'
        [ -n "$PB_WRAP" ] && echo "PB_WRAP_LOG=$(ui_quote "$UI_TMP/wrap.$((PB_WRAP_RUNS + 1)).log")"
        echo "${PB_WRAP:+$PB_WRAP }$(ui_quote "$PB")$_argv 2>pb.stderr"
        echo 'rc=$?'
        echo 'stty -g >stty.after 2>/dev/null'
        echo 'echo "$rc" >pb.rc'
        echo 'echo "pipeboard exited with status $rc"'
        # Keep the pane alive: tmux may not redraw the shell's screen of a dead pane.
        echo 'exec sleep 600'
    } >"$UI_TMP/pane.sh"
    rm -f "$UI_TMP/pb.rc" "$UI_TMP/stty.before" "$UI_TMP/stty.after"
    pb_stop
    if [ -n "$PB_WRAP" ]; then pb_wrap_check; PB_WRAP_RUNS=$((PB_WRAP_RUNS + 1)); fi
    ui_tmux new-session -d -s "$UI_SESSION" -x "$_x" -y "$_y" "sh $(ui_quote "$UI_TMP/pane.sh")"
}

# The pane's text as shown (trailing blanks trimmed by tmux).
screen() { ui_tmux capture-pane -p -t "$UI_SESSION" 2>/dev/null; }

# keys KEY...: tmux key names (j, Enter, Escape, Up, BTab, C-r, PageDown …).
keys() { ui_tmux send-keys -t "$UI_SESSION" "$@"; }
# type TEXT: literal text (UTF-8 included).
type_text() { ui_tmux send-keys -t "$UI_SESSION" -l -- "$1"; }

resize() { ui_tmux resize-window -t "$UI_SESSION" -x "$1" -y "$2"; }

pb_exited() { [ -f "$UI_TMP/pb.rc" ]; }
pb_status() { cat "$UI_TMP/pb.rc" 2>/dev/null; }
pb_stderr() { cat "$UI_TMP/pb.stderr" 2>/dev/null; }

# wait_for REGEX [SECONDS]: polls the screen until an extended regex matches.
wait_for() {
    _n=$(( ${2:-$UI_TIMEOUT} * 20 ))
    while [ "$_n" -gt 0 ]; do
        screen | grep -Eq -- "$1" && return 0
        sleep 0.05
        _n=$((_n - 1))
    done
    return 1
}

# wait_gone REGEX [SECONDS]: until nothing on the screen matches.
wait_gone() {
    _n=$(( ${2:-$UI_TIMEOUT} * 20 ))
    while [ "$_n" -gt 0 ]; do
        screen | grep -Eq -- "$1" || return 0
        sleep 0.05
        _n=$((_n - 1))
    done
    return 1
}

# wait_exit [SECONDS]: until pipeboard has exited.
wait_exit() {
    _n=$(( ${1:-$UI_TIMEOUT} * 20 ))
    while [ "$_n" -gt 0 ]; do
        pb_exited && return 0
        sleep 0.05
        _n=$((_n - 1))
    done
    return 1
}

# wait_still [SECONDS]: until the screen stays the same for 0.4 s and shows no
# spinner (a braille spinner frame, "loading" or "syncing").
wait_still() {
    _n=$(( ${1:-$UI_TIMEOUT} * 10 ))
    _prev=
    _same=0
    while [ "$_n" -gt 0 ]; do
        _cur=$(screen)
        if [ "$_cur" = "$_prev" ] && ! printf '%s' "$_cur" | grep -Eq '[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]|[Ll]oading|syncing'; then
            _same=$((_same + 1))
            [ $_same -ge 4 ] && return 0
        else
            _same=0
        fi
        _prev=$_cur
        sleep 0.1
        _n=$((_n - 1))
    done
    return 1
}

# ---- screen assertions -----------------------------------------------------

# expect REGEX DESC [SECONDS]: the screen shows REGEX (waiting for it).
expect() {
    if wait_for "$1" "${3:-$UI_TIMEOUT}"; then pass "$2"; else fail "$2" "no match on screen for: $1"; fi
}

# expect_not REGEX DESC [SECONDS]: REGEX goes away (or was never there).
expect_not() {
    if wait_gone "$1" "${3:-$UI_TIMEOUT}"; then pass "$2"; else fail "$2" "still on screen: $1"; fi
}

# The dump, with what changes between runs masked: the sim's port, and the
# blanks after it (a port of another length would shift the title's right part).
ui_mask() {
    sed -e 's/127\.0\.0\.1:[0-9][0-9]* */127.0.0.1:PORT /'
}

# expect_dump NAME DESC [SECONDS]: the screen equals tests/ui/expected/NAME.txt.
# Keys sent just before may still be in flight (a slow machine, valgrind), so
# the screen is polled until it matches; the diff shown is of the last poll.
# With UPDATE_EXPECTED=1 the screen is first left to settle, then written.
expect_dump() {
    _exp=$UI_DIR/expected/$1.txt
    _act=$BUILD/tests/ui/actual/$1.txt
    mkdir -p "$BUILD/tests/ui/actual"
    if [ "${UPDATE_EXPECTED:-0}" = 1 ]; then
        wait_still "${3:-$UI_TIMEOUT}"
        screen | ui_mask >"$_act"
        mkdir -p "$UI_DIR/expected"
        cp "$_act" "$_exp"
        pass "$2 (expected/$1.txt written)"
        return
    fi
    if [ ! -f "$_exp" ]; then
        screen | ui_mask >"$_act"
        fail "$2" "no expected/$1.txt: run with UPDATE_EXPECTED=1 and review it"
        return
    fi
    _n=$(( ${3:-$UI_TIMEOUT} * 20 ))
    while :; do
        screen | ui_mask >"$_act"
        cmp -s "$_exp" "$_act" && break
        _n=$((_n - 1))
        [ "$_n" -gt 0 ] || break
        sleep 0.05
    done
    if cmp -s "$_exp" "$_act"; then
        pass "$2"
    else
        fail "$2" "the screen differs from expected/$1.txt (actual: $_act):" \
            "$(diff -u "$_exp" "$_act" | head -60)"
    fi
}

# expect_aligned DESC: every line's │/┼ borders sit at the same display columns.
expect_aligned() {
    _out=$(screen | "$UITOOL" cols)
    _rc=$?
    if [ $_rc -eq 0 ]; then pass "$1"; else fail "$1" "$_out"; fi
}

# ---- pipeboard helpers ------------------------------------------------------

# pb_wait_board [SECONDS]: until the board has painted its columns and finished loading.
pb_wait_board() {
    wait_for '│' "${1:-$UI_TIMEOUT}" && wait_still "${1:-$UI_TIMEOUT}"
}

# pb_quit: q (twice if pipeboard asks) and wait for the exit.
pb_quit() {
    keys q
    wait_exit 3 && return 0
    keys q
    wait_exit 5
}

# ---- board columns (by their header label) -----------------------------------

# column_text LABEL: the cells of the column whose header shows LABEL, header first.
column_text() { screen | "$UITOOL" column "$1"; }

# wait_column LABEL REGEX [SECONDS] / wait_column_not …
wait_column() {
    _n=$(( ${3:-$UI_TIMEOUT} * 20 ))
    while [ "$_n" -gt 0 ]; do
        column_text "$1" | grep -Eq -- "$2" && return 0
        sleep 0.05
        _n=$((_n - 1))
    done
    return 1
}
wait_column_not() {
    _n=$(( ${3:-$UI_TIMEOUT} * 20 ))
    while [ "$_n" -gt 0 ]; do
        if column_text "$1" >"$UI_TMP/col.txt"; then
            grep -Eq -- "$2" "$UI_TMP/col.txt" || return 0
        fi
        sleep 0.05
        _n=$((_n - 1))
    done
    return 1
}

# expect_in_column LABEL REGEX DESC / expect_not_in_column LABEL REGEX DESC
expect_in_column() {
    if wait_column "$1" "$2"; then pass "$3"; else
        fail "$3" "column '$1' does not show: $2" "column: $(column_text "$1" | tr '\n' '|')"
    fi
}
expect_not_in_column() {
    if wait_column_not "$1" "$2"; then pass "$3"; else
        fail "$3" "column '$1' still shows: $2"
    fi
}

# column_head LABEL: the column's header (its first three lines) on one line.
column_head() { column_text "$1" | head -n 3 | tr '\n' ' '; }

# header_has LABEL COUNT [TEXT]: the header shows COUNT as a whole number
# (and the fixed TEXT, e.g. a total, when given).
header_has() {
    _h=$(column_head "$1")
    printf '%s' "$_h" | grep -Eq "(^|[^0-9])$2([^0-9]|\$)" || return 1
    [ -z "${3:-}" ] || printf '%s' "$_h" | grep -Fq -- "$3"
}

# expect_header LABEL COUNT [TEXT] DESC: waits until header_has holds.
expect_header() {
    if [ $# -ge 4 ]; then _ht=$3 _hd=$4; else _ht= _hd=$3; fi
    _n=$((UI_TIMEOUT * 10))
    while [ "$_n" -gt 0 ]; do
        header_has "$1" "$2" "$_ht" && { pass "$_hd"; return 0; }
        sleep 0.1
        _n=$((_n - 1))
    done
    fail "$_hd" "header of '$1': $(column_head "$1")" "expected: $2${_ht:+ and $_ht}"
}

# screen_fits COLS: no line of the screen is wider than COLS cells.
screen_fits() {
    _w=$(screen | "$UITOOL" width | sort -n | tail -n 1)
    [ "${_w:-0}" -le "$1" ]
}

# ---- the server's state ---------------------------------------------------------

# expect_server DESC EXPECTED CMD [ARGS...]: polls CMD's output until it is
# EXPECTED (writes reach the server a moment after the screen shows them).
expect_server() {
    _desc=$1 _want=$2
    shift 2
    _n=$((UI_TIMEOUT * 10))
    _got=
    while [ "$_n" -gt 0 ]; do
        _got=$("$@" 2>/dev/null)
        [ "$_got" = "$_want" ] && { pass "$_desc"; return 0; }
        sleep 0.1
        _n=$((_n - 1))
    done
    fail "$_desc" "server: expected '$_want', got '$_got' from: $*"
    return 1
}

# short_money MICROS SYMBOL: Twenty's formatToShortNumber ("$1.2m", "€300k",
# "$12.5"), rounding half away from zero; computed here independently of pipeboard.
short_money() {
    awk -v a="$1" -v sym="$2" 'BEGIN {
        split(",k,m,b", suf, ",")
        sc = 0; limit = 1e9
        while (sc < 3 && a >= limit) { sc++; limit *= 1000 }
        for (;;) {
            d = 1e5 * 10 ^ (3 * sc); q = int(a / d); r = a - q * d
            if (r >= d - r) q++
            if (q < 10000 || sc >= 3) break
            sc++
        }
        s = sym int(q / 10)
        if (q % 10) s = s "." (q % 10)
        print s suf[sc + 1]
    }'
}

# sim_sum_micros STAGE CURRENCY: the sum of the stage's amounts in that currency.
sim_sum_micros() {
    sim_json GET "/rest/opportunities?filter=stage%5Beq%5D:$1,amount.currencyCode%5Beq%5D:$2&limit=200" \
        'data.opportunities.*.amount.amountMicros' | awk '$1 != "null" { s += $1 } END { printf "%.0f\n", s }'
}

# sim_count STAGE: records in a stage.
sim_count() {
    sim_json GET "/rest/opportunities?filter=stage%5Beq%5D:$1&limit=0" totalCount
}

# sim_id_by_name NAME: the id of the (first) opportunity with exactly that name.
sim_id_by_name() {
    _q=$(printf '%s' "$1" | sed -e 's/%/%25/g' -e 's/ /%20/g' -e 's/"/%22/g' -e 's/#/%23/g' -e 's/&/%26/g' -e 's/+/%2B/g')
    sim_json GET "/rest/opportunities?filter=name%5Beq%5D:%22$_q%22&limit=1" 'data.opportunities.0.id'
}

# ---- pipeboard conveniences --------------------------------------------------------

# pb_open [-x COLS] [-y ROWS]: pipeboard against the running sim, board loaded.
pb_open() {
    pb_start "$@"
    if pb_wait_board; then pass "the board opens"; else fail "the board opens"; fi
}

# sel_home: the selection back to the first card of the first column.
sel_home() { keys h h h h h h h h g; }

# ---- the demo stages --------------------------------------------------------
DEMO_STAGES="DISCOVERY PROPOSAL NEGOTIATION CLOSED_WON CLOSED_LOST"

# demo_label STAGE: the column's label ("Closed won").
demo_label() {
    case $1 in
    DISCOVERY) echo Discovery ;; PROPOSAL) echo Proposal ;; NEGOTIATION) echo Negotiation ;;
    CLOSED_WON) echo 'Closed won' ;; CLOSED_LOST) echo 'Closed lost' ;;
    esac
}

# demo_next STAGE DELTA: the stage DELTA (+1/-1) columns away, or "" past an end.
demo_next() {
    echo "$DEMO_STAGES" | tr ' ' '\n' | awk -v s="$1" -v d="$2" \
        '{ v[NR] = $0; if ($0 == s) at = NR } END { if (at && v[at + d] != "") print v[at + d] }'
}

# expect_selected DESC ID: the selected card is ID. Proved on the server: L
# (H on the last stage) moves the selected card, the status line names it,
# the server has ID in the next stage; then u puts it back.
expect_selected() {
    _sd=$1 _sid=$2
    _sfrom=$(sim_get_field "$_sid" stage)
    _sto=$(demo_next "$_sfrom" 1) _skey=L
    [ -n "$_sto" ] || { _sto=$(demo_next "$_sfrom" -1); _skey=H; }
    _sname=$(sim_get_field "$_sid" name)
    keys "$_skey"
    wait_for "Moved \"$(re_quote "$(printf '%s\n' "$_sname" | "$UITOOL" cut 0 10)")" 5
    expect_server "$_sd: the selected card is \"$_sname\" ($_skey moves it to $_sto)" "$_sto" \
        sim_get_field "$_sid" stage
    keys u
    expect_server "$_sd: u puts it back in $_sfrom" "$_sfrom" sim_get_field "$_sid" stage
    wait_for Undone 5
}

# re_quote TEXT: TEXT as an extended regex that matches it literally.
re_quote() { printf '%s' "$1" | sed 's/[][\.*^$+?(){}|/]/\\&/g'; }

# sim_writes: how many PATCH/POST/DELETE requests on /rest the sim has answered.
sim_writes() { grep -Ec '^(PATCH|POST|DELETE|PUT) /rest' "$UI_TMP/sim.log" 2>/dev/null; }

# ---- the mouse (xterm X10 reports typed into the pane) -----------------------
# ui_mouse CODE X Y: one report, CODE 0 = press button 1, 3 = release,
# 64 = wheel up, 65 = wheel down; X, Y 0-based cells, at most 94 (the
# report bytes must stay ASCII for send-keys -l).
ui_mouse() {
    _b=$(printf "\\$(printf %o $(($1 + 32)))")
    _x=$(printf "\\$(printf %o $(($2 + 33)))")
    _y=$(printf "\\$(printf %o $(($3 + 33)))")
    ui_tmux send-keys -t "$UI_SESSION" -l "$(printf '\033[M')$_b$_x$_y"
}
mouse_click() { ui_mouse 0 "$1" "$2"; ui_mouse 3 "$1" "$2"; }
mouse_wheel() { # down|up X Y
    if [ "$1" = down ]; then ui_mouse 65 "$2" "$3"; else ui_mouse 64 "$2" "$3"; fi
}

# ---- the wrapper's verdicts (PB_WRAP, see the top) ----------------------------

# pb_wrap_check: one assertion per wrapped run not yet checked: waits for
# its log's final "ERROR SUMMARY" line (pipeboard was stopped by pb_stop or
# has exited), passes on "0 errors", else prints the log.
pb_wrap_check() {
    while [ "$PB_WRAP_DONE" -lt "$PB_WRAP_RUNS" ]; do
        PB_WRAP_DONE=$((PB_WRAP_DONE + 1))
        _wl=$UI_TMP/wrap.$PB_WRAP_DONE.log
        _wn=$((UI_TIMEOUT * 2))
        while [ "$_wn" -gt 0 ] && ! grep -q 'ERROR SUMMARY:' "$_wl" 2>/dev/null; do
            sleep 0.5
            _wn=$((_wn - 1))
        done
        _wd="run $PB_WRAP_DONE of pipeboard under the wrapper: no error, no definite/indirect leak"
        if grep -q 'ERROR SUMMARY: 0 errors' "$_wl" 2>/dev/null; then
            pass "$_wd"
        elif [ -f "$_wl" ]; then
            UI_N=$((UI_N + 1)) UI_FAILED=$((UI_FAILED + 1))
            echo "not ok $UI_N - $_wd"
            grep -v '^==[0-9]*== *$' "$_wl" | sed -n '1,80p' | sed 's/^/#   /'
        else
            fail "$_wd" "no log $_wl (pipeboard did not start?)"
        fi
    done
}

# Under UI_SLOW=N every sleep lasts N times as long (GNU sleep adds its arguments).
if [ "$UI_SLOW" -gt 1 ] 2>/dev/null; then
    sleep() {
        _ui_slow_a=
        _ui_slow_k=0
        while [ "$_ui_slow_k" -lt "$UI_SLOW" ]; do
            _ui_slow_a="$_ui_slow_a $1"
            _ui_slow_k=$((_ui_slow_k + 1))
        done
        # shellcheck disable=SC2086
        command sleep $_ui_slow_a
    }
fi
