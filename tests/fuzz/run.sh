#!/bin/sh
# Runs libFuzzer targets for a bounded time each (see tests/fuzz/fuzz.mk).
# Usage: tests/fuzz/run.sh FUZZ_BUILD SECONDS fuzz|check NAME:MAXLEN:DICT...
#   DICT names tests/fuzz/dict/DICT.dict, or is - for none.
#   fuzz:  the corpus is copied into FUZZ_BUILD/work/NAME and grows there
#          across runs;
#   check: a fresh copy in FUZZ_BUILD/check/NAME, removed afterwards.
# The committed corpus (tests/fuzz/corpus/NAME) is only read. Every input of
# it runs first (regression inputs included), then libFuzzer mutates for
# SECONDS. A target passes when libFuzzer exits 0. Prints one line per
# target, then "N passed, N failed"; exits 1 when any target failed.
# Crash inputs go to FUZZ_BUILD/artifacts/, logs to FUZZ_BUILD/logs/; targets
# that read files write them under FUZZ_BUILD/tmp/ (removed after each).
B=${1:?FUZZ_BUILD}
SECONDS_EACH=${2:?SECONDS}
MODE=${3:?mode}
shift 3

passed=0
failed=0
mkdir -p "$B/artifacts" "$B/logs"
for spec in "$@"; do
    name=${spec%%:*}
    rest=${spec#*:}
    maxlen=${rest%%:*}
    dname=${rest#*:}
    [ "$dname" = "$rest" ] && dname=-
    bin="$B/fuzz_$name"
    if [ "$MODE" = check ]; then work="$B/check/$name"; rm -rf "$work"; else work="$B/work/$name"; fi
    mkdir -p "$work"
    if [ -d "tests/fuzz/corpus/$name" ]; then
        cp tests/fuzz/corpus/"$name"/* "$work"/ 2>/dev/null
    fi
    dict=""
    [ "$dname" != - ] && dict="-dict=tests/fuzz/dict/$dname.dict"
    log="$B/logs/$name.log"
    mkdir -p "$B/tmp"
    # shellcheck disable=SC2086
    FUZZ_TMPDIR="$B/tmp" "$bin" -max_total_time="$SECONDS_EACH" -max_len="$maxlen" -timeout=10 -rss_limit_mb=2048 \
        -detect_leaks=1 -print_final_stats=1 -artifact_prefix="$B/artifacts/$name-" \
        $dict "$work" >"$log" 2>&1
    rc=$?
    rm -rf "$B/tmp"
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    cov=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -n 1)
    if [ "$rc" -eq 0 ]; then
        passed=$((passed + 1))
        echo "PASS $name: ${runs:-?} runs in ${SECONDS_EACH}s, ${cov:-no coverage line}"
    else
        failed=$((failed + 1))
        art=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
        echo "FAIL $name: libFuzzer exited $rc; input ${art:-?}; log $log"
        grep -E '^(==[0-9]+== ?ERROR|SUMMARY|.*runtime error|.*broken promise)' "$log" | head -n 5 | sed 's/^/    /'
    fi
    [ "$MODE" = check ] && rm -rf "$work"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
