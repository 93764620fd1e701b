#!/bin/sh
# Runs the test executables under BUILD/tests (all kinds, or the one named)
# and the UI test scripts, prints each suite's output and ends with the
# line "N passed, N failed" summed over every suite.
# Usage: tests/run.sh BUILD [unit|contract|integration|ui]
BUILD=${1:-build}
ONLY=${2:-}
passed=0
failed=0
crashed=""
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

run_suite() { # $1 = path of an executable or script, $2 = kind
    name=$(basename "$1")
    out="$TMP/out"
    echo "== $2/$name"
    if [ "${1##*.}" = sh ]; then
        BUILD="$BUILD" sh "$1" >"$out" 2>&1
    else
        BUILD="$BUILD" "$1" >"$out" 2>&1
    fi
    rc=$?
    cat "$out"
    # Check: "100%: Checks: 12, Failures: 0, Errors: 0"
    # scripts: "N passed, N failed"
    line=$(grep -E '^[0-9]+%: Checks: [0-9]+, Failures: [0-9]+, Errors: [0-9]+' "$out" | tail -n 1)
    if [ -n "$line" ]; then
        n=$(echo "$line" | sed -E 's/.*Checks: ([0-9]+).*/\1/')
        f=$(echo "$line" | sed -E 's/.*Failures: ([0-9]+).*/\1/')
        e=$(echo "$line" | sed -E 's/.*Errors: ([0-9]+).*/\1/')
        passed=$((passed + n - f - e))
        failed=$((failed + f + e))
    else
        line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1)
        if [ -n "$line" ]; then
            p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
            f=$(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
            passed=$((passed + p))
            failed=$((failed + f))
        else
            failed=$((failed + 1))
            crashed="$crashed $2/$name"
        fi
    fi
    if [ "$rc" -ne 0 ] && [ -z "$line" ]; then :; fi
}

for kind in unit contract integration; do
    [ -n "$ONLY" ] && [ "$ONLY" != "$kind" ] && continue
    for t in "$BUILD"/tests/$kind/test_*; do
        [ -x "$t" ] || continue
        case "$t" in *.o|*.d) continue ;; esac
        run_suite "$t" "$kind"
    done
done
if [ -z "$ONLY" ] || [ "$ONLY" = ui ]; then
    for t in tests/ui/test_*.sh; do
        [ -f "$t" ] || continue
        run_suite "$t" ui
    done
fi
[ -n "$crashed" ] && echo "suites that printed no summary (counted as one failure each):$crashed"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
