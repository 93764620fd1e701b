#!/bin/sh
# The README's key tables match the program's action table (issue 5): the
# text between the README's "<!-- keys: …" and "<!-- /keys -->" comments is,
# byte for byte, what tools/readme_keys prints from src/ui/actions.h and the
# default keymap (src/ui/keymap.c). A key added, changed or unbound in
# actions.h without the README (or the other way round) fails here; `make
# readme-keys` prints the tables to paste.
# README=FILE checks another copy (this is how the test was seen to fail).
. "$(dirname "$0")/lib.sh"

README=${README:-$UI_ROOT/README.md}
GEN=$BUILD/tools/readme_keys
GEN_SRC="tools/readme_keys.c src/ui/actions.c src/ui/keymap.c src/util/utf8.c src/util/buf.c"

# The generator: built here from the sources each time (a second; no curses
# call, nothing to link), so it never lags behind actions.h.
gen_build() {
    mkdir -p "$BUILD/tools" || return 1
    # shellcheck disable=SC2086 # GEN_SRC is a list of paths without blanks
    (cd "$UI_ROOT" && ${CC:-cc} -std=c11 -Wall -Wextra -Werror -D_XOPEN_SOURCE=700 \
        -D_DEFAULT_SOURCE -Isrc -o "$GEN.$$" $GEN_SRC) && mv -f "$GEN.$$" "$GEN"
}

if gen_build; then pass "tools/readme_keys.c builds"; else
    fail "tools/readme_keys.c builds"
    ui_finish
    exit 1
fi
"$GEN" >"$UI_TMP/generated.md"
expect_eq "$?" 0 "tools/readme_keys runs"

# The generator itself says what actions.h says (spot checks, so an empty or
# broken output cannot make both sides agree).
# shellcheck disable=SC2016 # the backticks are markdown
grep -Fqx '| `L` `>` | Move the card to the next stage |' "$UI_TMP/generated.md" &&
    grep -Fqx '| `C-r` | Redo what was undone, or retry a failed change |' "$UI_TMP/generated.md" &&
    grep -Fqx '| `Enter` `C-s` | Save (on a company, contact or owner field: choose one) |' \
        "$UI_TMP/generated.md"
expect_eq "$?" 0 "the generated tables have the rows of actions.h (L >, C-r, Enter C-s)"
rows=$(grep -c '^| `' "$UI_TMP/generated.md")
actions=$(grep -Ec '^ *X\([A-Z_]+, "[a-z-]+", [A-Z]+, "[^"]+"' "$UI_ROOT/src/ui/actions.h")
expect_eq "$rows" "$actions" "one row per action with a default key ($actions in actions.h)"

# The README's text between the markers.
if [ ! -f "$README" ]; then
    fail "the README exists" "no $README"
    ui_finish
    exit 1
fi
awk '/^<!-- keys:/ { on = 1 } on { print } /^<!-- \/keys -->/ { on = 0 }' "$README" \
    >"$UI_TMP/readme.md"
if [ -s "$UI_TMP/readme.md" ] && grep -q '^<!-- /keys -->' "$UI_TMP/readme.md"; then
    pass "the README has the key tables between <!-- keys: … --> and <!-- /keys -->"
else
    fail "the README has the key tables between <!-- keys: … --> and <!-- /keys -->" \
        "paste the output of: make readme-keys"
fi
if cmp -s "$UI_TMP/generated.md" "$UI_TMP/readme.md"; then
    pass "the README's key tables match src/ui/actions.h"
else
    fail "the README's key tables match src/ui/actions.h" \
        "diff (- generated from actions.h, + README; paste the output of make readme-keys):" \
        "$(diff -u "$UI_TMP/generated.md" "$UI_TMP/readme.md" | tail -n +3 | head -40)"
fi

ui_finish
