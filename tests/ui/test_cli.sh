#!/bin/sh
# pipeboard's command line: --help, --version, refused options and keys on
# argv, no terminal, and a workspace URL without a key (said on the screen).
. "$(dirname "$0")/lib.sh"
ui_require

out=$("$PB" --help 2>&1)
rc=$?
expect_eq "$rc" 0 "--help exits 0"
if printf '%s\n' "$out" | grep -q '^usage: pipeboard' && printf '%s\n' "$out" | grep -q -- '--url' &&
    printf '%s\n' "$out" | grep -q 'TWENTY_API_KEY'; then
    pass "--help prints the usage, the options and the environment"
else
    fail "--help prints the usage, the options and the environment" "$out"
fi

out=$("$PB" --version 2>&1)
rc=$?
expect_eq "$rc" 0 "--version exits 0"
if printf '%s\n' "$out" | grep -Eq '^pipeboard [0-9]+\.[0-9]+'; then
    pass "--version prints 'pipeboard X.Y…'"
else
    fail "--version prints 'pipeboard X.Y…'" "$out"
fi

"$PB" --bogus >"$UI_TMP/o" 2>"$UI_TMP/e" </dev/null
rc=$?
expect_eq "$rc" 2 "an unknown option exits 2"
if grep -q 'unknown option' "$UI_TMP/e" && [ ! -s "$UI_TMP/o" ]; then
    pass "an unknown option is named on stderr"
else
    fail "an unknown option is named on stderr" "$(cat "$UI_TMP/e")"
fi

"$PB" --api-key secret >"$UI_TMP/o" 2>"$UI_TMP/e" </dev/null
rc=$?
expect_eq "$rc" 2 "an API key on the command line is refused (exit 2)"
if grep -q 'TWENTY_API_KEY' "$UI_TMP/e" && ! grep -q secret "$UI_TMP/e"; then
    pass "the refusal points to TWENTY_API_KEY and does not echo the key"
else
    fail "the refusal points to TWENTY_API_KEY and does not echo the key" "$(cat "$UI_TMP/e")"
fi

TWENTY_API_URL=http://127.0.0.1:9 TWENTY_API_KEY=k "$PB" </dev/null >"$UI_TMP/o" 2>"$UI_TMP/e"
rc=$?
expect_eq "$rc" 2 "without a terminal pipeboard exits 2"
if grep -q 'terminal' "$UI_TMP/e"; then pass "without a terminal it says why"; else
    fail "without a terminal it says why" "$(cat "$UI_TMP/e")"
fi

"$PB" --url ftp://example.com </dev/null >"$UI_TMP/o" 2>"$UI_TMP/e"
rc=$?
expect_eq "$rc" 2 "a URL that is not http(s) exits 2"

# A workspace URL but no key: the board says so on the screen, and q quits.
# (-noenv leaves TWENTY_API_URL/KEY out of the pane; --url names the workspace.)
sim_start
pb_start -noenv -- --url "$SIM_URL"
expect 'No API key' "without TWENTY_API_KEY the screen says 'No API key'"
expect 'TWENTY_API_KEY' "... and names the variable to set"
pb_quit
if pb_exited; then pass "q quits from the no-key screen"; else fail "q quits from the no-key screen"; fi

ui_finish
