#!/bin/sh
# Runs the test executables under BUILD/tests (all kinds, or the ones named)
# and the UI test scripts, prints each suite's output and ends with the
# line "N passed, N failed" summed over every suite.
# Usage: tests/run.sh BUILD [KIND...]
#   unit contract integration ui   the suites of BUILD (no KIND: these four)
#   fuzz      tests/fuzz/run.sh on BUILD/fuzz, FUZZ_CHECK_SECONDS each, for
#             the targets in FUZZ_ARGS (NAME:MAXLEN:DICT..., from fuzz.mk)
#   asan      the unit, contract and UI suites of ASAN_BUILD (default
#             BUILD/asan, built with -fsanitize=address,undefined); every
#             suite adds one assertion: no sanitizer report was written
#   asan-unit asan-contract asan-ui   one part of asan
#   valgrind  the unit suites (CK_FORK=no) and the UI suites (pipeboard
#             through PB_WRAP, see tests/ui/lib.sh) of BUILD under valgrind
#             memcheck; every process run adds one assertion: no error, no
#             definite or indirect leak (suppressions: tests/valgrind.supp);
#             valgrind-unit and valgrind-ui run one half
#   KIND:K/N  the UI kinds (ui, asan-ui, valgrind-ui) only: every Nth UI
#             script from the Kth on
#   a+b,c     kinds joined by + run at the same time (e.g. valgrind-unit+ui:
#             a CPU-bound kind next to one that mostly waits), those joined
#             by , one after the other within their branch; the outputs
#             follow each other once all branches have ended
# The fuzz, asan and valgrind kinds are normally started by tests/sanitize.mk.
BUILD=${1:-build}
[ $# -gt 0 ] && shift
KINDS=${*:-unit contract integration ui}
ROOT=$(pwd)
passed=0
failed=0
crashed=""
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

# How a suite is run (set per kind): the BUILD it sees, a command prefix for
# executables, and a check of the memory tool's logs afterwards.
SUITE_BUILD=$BUILD
SUITE_WRAP=
SUITE_CHECK=

count_line() { # $1 = output file; adds its summary, prints it, returns 1 if none
    # Check: "100%: Checks: 12, Failures: 0, Errors: 0"
    # scripts: "N passed, N failed"
    line=$(grep -E '^[0-9]+%: Checks: [0-9]+, Failures: [0-9]+, Errors: [0-9]+' "$1" | tail -n 1)
    if [ -n "$line" ]; then
        n=$(echo "$line" | sed -E 's/.*Checks: ([0-9]+).*/\1/')
        f=$(echo "$line" | sed -E 's/.*Failures: ([0-9]+).*/\1/')
        e=$(echo "$line" | sed -E 's/.*Errors: ([0-9]+).*/\1/')
        passed=$((passed + n - f - e))
        failed=$((failed + f + e))
        return 0
    fi
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
    if [ -n "$line" ]; then
        p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
        f=$(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
        passed=$((passed + p))
        failed=$((failed + f))
        return 0
    fi
    return 1
}

run_suite() { # $1 = path of an executable or script, $2 = kind
    name=$(basename "$1")
    out="$TMP/out$OUT_TAG"
    echo "== $2/$name"
    t0=$(date +%s)
    if [ "${1##*.}" = sh ]; then
        BUILD="$SUITE_BUILD" sh "$1" >"$out" 2>&1
    else
        # shellcheck disable=SC2086
        BUILD="$SUITE_BUILD" $SUITE_WRAP "$1" >"$out" 2>&1
    fi
    cat "$out"
    if ! count_line "$out"; then
        failed=$((failed + 1))
        crashed="$crashed $2/$name"
    fi
    [ -n "$SUITE_CHECK" ] && $SUITE_CHECK "$2/$name"
    echo "# $2/$name took $(($(date +%s) - t0)) s"
}

# The UI scripts, or every Nth from the Kth on when a kind ends in :K/N
# (SHARD_K, SHARD_N), so that a slow UI kind can run as parallel branches.
SHARD_K=1 SHARD_N=1
ui_list() {
    ls tests/ui/test_*.sh 2>/dev/null | awk -v k="$SHARD_K" -v n="$SHARD_N" '(NR - k) % n == 0'
}

# ---- asan: sanitizer reports go to files (log_path), one check per suite ----
SAN_DIR=$TMP/san
san_check() { # $1 = suite
    suite=$1
    set -- "$SAN_DIR"/*
    if [ ! -e "$1" ]; then
        passed=$((passed + 1))
        echo "ok - $suite: no AddressSanitizer/UBSan report"
        return
    fi
    failed=$((failed + 1))
    echo "not ok - $suite: $# sanitizer report(s), kept in $ASAN_BUILD/reports/ (the first:)"
    sed -n '1,40p' "$1" | sed 's/^/#   /'
    mkdir -p "$ASAN_BUILD/reports"
    for f in "$@"; do
        mv "$f" "$ASAN_BUILD/reports/$(echo "$suite" | tr / _).$(basename "$f")" 2>/dev/null
    done
}

asan_env() { # sets the sanitizers' options and the suite settings for the asan kinds
    mkdir -p "$SAN_DIR"
    # Reports to files (a UI suite's pane would swallow stderr); leaks count.
    # handle_segv=0: pipeboard's own crash handler is under test (SIGSEGV
    # restores the terminal and re-raises); a real crash fails its suite anyway.
    ASAN_OPTIONS="log_path=$SAN_DIR/asan:detect_leaks=1:handle_segv=0:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1"
    UBSAN_OPTIONS="log_path=$SAN_DIR/ubsan:print_stacktrace=1:halt_on_error=1"
    # Sanitized code runs a few times slower, next to the other branches:
    # Check's per-test timeouts (4 s by default) stretch to match.
    CK_TIMEOUT_MULTIPLIER=5
    export ASAN_OPTIONS UBSAN_OPTIONS CK_TIMEOUT_MULTIPLIER
    SUITE_BUILD=$ASAN_BUILD SUITE_WRAP= SUITE_CHECK=san_check
}
asan_done() {
    unset ASAN_OPTIONS UBSAN_OPTIONS CK_TIMEOUT_MULTIPLIER
    SUITE_BUILD=$BUILD SUITE_CHECK=
}

run_asan_bin() { # $1 = unit|contract
    asan_env
    for t in "$ASAN_BUILD"/tests/$1/test_*; do
        [ -x "$t" ] || continue
        case "$t" in *.o|*.d) continue ;; esac
        run_suite "$t" "asan-$1"
    done
    asan_done
}

run_asan_ui() {
    asan_env
    # The sanitizers slow pipeboard down: every wait twice as long.
    UI_SLOW=${UI_SLOW_ASAN:-2}
    export UI_SLOW
    for t in $(ui_list); do
        [ -f "$t" ] && run_suite "$t" asan-ui
    done
    unset UI_SLOW
    asan_done
}

# ---- valgrind ------------------------------------------------------------------
VG_DIR=$TMP/vg
VG_OPTS="--leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --error-exitcode=99 --num-callers=30 --suppressions=$ROOT/tests/valgrind.supp"
vg_check() { # $1 = suite: one assertion per valgrind log with a summary
    for f in "$VG_DIR"/*.log; do
        [ -e "$f" ] || continue
        # A child that exec'd another program leaves a log without summary.
        if grep -q 'ERROR SUMMARY: 0 errors' "$f"; then
            passed=$((passed + 1))
            echo "ok - $1: valgrind: no error, no definite/indirect leak ($(basename "$f" .log))"
        elif grep -q 'ERROR SUMMARY:' "$f"; then
            failed=$((failed + 1))
            echo "not ok - $1: valgrind found errors or leaks ($(basename "$f" .log)):"
            grep -v '^==[0-9]*== *$' "$f" | sed -n '1,80p' | sed 's/^/#   /'
        fi
        rm -f "$f"
    done
}

vg_present() {
    VG=${VALGRIND:-valgrind}
    command -v "$VG" >/dev/null 2>&1 && return 0
    failed=$((failed + 1))
    crashed="$crashed valgrind(not installed)"
    return 1
}

run_valgrind_unit() {
    vg_present || return
    mkdir -p "$VG_DIR"
    SUITE_WRAP="$VG $VG_OPTS --log-file=$VG_DIR/%p.log" SUITE_CHECK=vg_check
    CK_FORK=no
    export CK_FORK
    for t in "$BUILD"/tests/unit/test_*; do
        [ -x "$t" ] || continue
        case "$t" in *.o|*.d) continue ;; esac
        run_suite "$t" valgrind-unit
    done
    unset CK_FORK
    SUITE_WRAP= SUITE_CHECK=
}

run_valgrind_ui() {
    vg_present || return
    # pipeboard only (not the sim, not tmux); lib.sh checks each run's log
    # and multiplies every wait by UI_SLOW.
    PB_WRAP="$VG $VG_OPTS --log-file=\$PB_WRAP_LOG"
    UI_SLOW=${UI_SLOW_VALGRIND:-2}
    export PB_WRAP UI_SLOW
    for t in $(ui_list); do
        [ -f "$t" ] && run_suite "$t" valgrind-ui
    done
    unset PB_WRAP UI_SLOW
}

# ---- fuzz: a short run of every libFuzzer target -------------------------------
run_fuzz() {
    echo "== fuzz (${FUZZ_CHECK_SECONDS:-5}s each)"
    # shellcheck disable=SC2086
    sh tests/fuzz/run.sh "$BUILD/fuzz" "${FUZZ_CHECK_SECONDS:-5}" check $FUZZ_ARGS >"$TMP/out$OUT_TAG" 2>&1
    cat "$TMP/out$OUT_TAG"
    if ! count_line "$TMP/out$OUT_TAG"; then
        failed=$((failed + 1))
        crashed="$crashed fuzz"
    fi
}

run_kind() { # $1 = one kind, [:K/N]
    case $1 in
    *:*/*)
        SHARD_K=${1##*:} SHARD_N=${SHARD_K#*/} SHARD_K=${SHARD_K%/*}
        run_kind "${1%:*}"
        SHARD_K=1 SHARD_N=1
        return
        ;;
    unit | contract | integration)
        for t in "$BUILD"/tests/$1/test_*; do
            [ -x "$t" ] || continue
            case "$t" in *.o|*.d) continue ;; esac
            run_suite "$t" "$1"
        done
        ;;
    ui)
        for t in $(ui_list); do
            [ -f "$t" ] || continue
            run_suite "$t" ui
        done
        ;;
    fuzz) run_fuzz ;;
    asan) run_asan_bin unit; run_asan_bin contract; run_asan_ui ;;
    asan-unit) run_asan_bin unit ;;
    asan-contract) run_asan_bin contract ;;
    asan-ui) run_asan_ui ;;
    valgrind) run_valgrind_unit; run_valgrind_ui ;;
    valgrind-unit) run_valgrind_unit ;;
    valgrind-ui) run_valgrind_ui ;;
    *)
        echo "tests/run.sh: unknown kind '$1'" >&2
        failed=$((failed + 1))
        crashed="$crashed $1(unknown)"
        ;;
    esac
}

# A group "a+b,c" runs its branches (split at +) at the same time, in
# background shells with their own counters and output files; a branch runs
# its kinds (split at ,) in turn. The outputs are then printed in order and
# the counts added.
run_group() { # $1 = branches joined by +, kinds of a branch by ,
    i=0
    for k in $(echo "$1" | tr + ' '); do
        i=$((i + 1))
        (
            passed=0 failed=0 crashed="" OUT_TAG=.$i
            SAN_DIR=$SAN_DIR.$i VG_DIR=$VG_DIR.$i
            for kk in $(echo "$k" | tr , ' '); do run_kind "$kk"; done >"$TMP/group.$i" 2>&1
            echo "$passed $failed $crashed" >"$TMP/group.$i.count"
        ) &
    done
    wait
    j=0
    while [ "$j" -lt "$i" ]; do
        j=$((j + 1))
        cat "$TMP/group.$j"
        read -r p f c <"$TMP/group.$j.count" || { p=0 f=1 c=" group-member-$j"; }
        passed=$((passed + p))
        failed=$((failed + f))
        [ -n "$c" ] && crashed="$crashed $c"
    done
}

ASAN_BUILD=${ASAN_BUILD:-$BUILD/asan}
OUT_TAG=
for kind in $KINDS; do
    case $kind in
    *+* | *,*) run_group "$kind" ;;
    *) run_kind "$kind" ;;
    esac
done
[ -n "$crashed" ] && echo "suites that printed no summary (counted as one failure each):$crashed"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
