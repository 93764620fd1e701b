#!/bin/sh
# Themes: the real binary with each shipped theme, with NO_COLOR=1 and with
# --no-color, on an 8-color terminal, with a user theme that overrides an
# installed one, a broken user theme, a missing theme and config problems.
# Colors and attributes are read from tmux's capture-pane -e (SGR codes).
. "$(dirname "$0")/lib.sh"
ui_require

# The installed themes are found next to the binary (BIN/../themes). With a
# build directory elsewhere (BUILD=/tmp/…), run a copy from a private tree
# whose themes/ is the repository's.
if [ ! "$(dirname "$PB")/../themes" -ef "$UI_ROOT/themes" ]; then
    mkdir -p "$UI_TMP/tree/bin"
    cp "$PB" "$UI_TMP/tree/bin/pipeboard"
    ln -s "$UI_ROOT/themes" "$UI_TMP/tree/themes"
    PB=$UI_TMP/tree/bin/pipeboard
fi
ESC=$(printf '\033')

# The pane's environment for the next pb_start: a new tmux server, started
# by pb_start, takes its environment from this shell and its default-terminal
# (the pane's TERM) from the private tmux.conf. No wrapper around pipeboard,
# so PB_WRAP=valgrind still sees pipeboard itself.
restart_tmux() {
    pb_stop
    ui_tmux kill-server >/dev/null 2>&1
    return 0
}
set_term() { sed "s/^set -g default-terminal .*/set -g default-terminal $1/" "$UI_TMP/tmux.conf" \
    >"$UI_TMP/tmux.conf.new" && mv "$UI_TMP/tmux.conf.new" "$UI_TMP/tmux.conf"; }
with_no_color() { restart_tmux; NO_COLOR=1; export NO_COLOR; }
with_term() { restart_tmux; set_term "$1"; }
no_env() { restart_tmux; unset NO_COLOR; set_term screen-256color; }

# esc_dump: the screen with its escape sequences.
esc_dump() { ui_tmux capture-pane -e -p -t "$UI_SESSION" 2>/dev/null; }
# sgr_params: every SGR parameter list on the screen, one per line ("1", "38;5;231" …).
sgr_params() { esc_dump | grep -o "$ESC\\[[0-9;]*m" | sed "s/^$ESC\\[//; s/m\$//" | sort -u; }
# color_codes: the color-setting SGR codes (30-37 40-47 90-97 100-107 38;5;N 48;5;N).
color_codes() {
    sgr_params | tr ';' '\n' | awk '
        skip > 0 { skip--; next }
        $0 == 38 || $0 == 48 { skip = 2; print; next }
        ($0 >= 30 && $0 <= 37) || ($0 >= 40 && $0 <= 47) || ($0 >= 90 && $0 <= 97) ||
        ($0 >= 100 && $0 <= 107) { print }'
}
has_sgr() { sgr_params | grep -Eq "(^|;)$1(;|\$)"; }

# open_theme DESC [pipeboard args...]: start, wait for the board, count it.
open_theme() {
    _d=$1
    shift
    pb_start -- "$@"
    if pb_wait_board 20; then pass "$_d: the board paints"; else fail "$_d: the board paints"; fi
    expect 'Discovery.*Proposal.*Negotiation' "$_d: the stage columns are shown" 5
}
expect_no_problem() { # DESC
    if screen | tail -n 1 | grep -Eq 'theme|config|problem'; then
        fail "$1: no theme or config problem on the status line" "$(screen | tail -n 1)"
    else
        pass "$1: no theme or config problem on the status line"
    fi
}
expect_sgr() { # CODE DESC
    if has_sgr "$1"; then pass "$2"; else fail "$2" "SGR codes: $(sgr_params | tr '\n' ' ')"; fi
}
expect_no_256() { # DESC
    if sgr_params | grep -Eq '(^|;)(38|48);5;'; then
        fail "$1" "SGR codes: $(sgr_params | tr '\n' ' ')"
    else pass "$1"; fi
}
quit_ok() { # DESC
    pb_quit
    if pb_exited && [ "$(pb_status)" = 0 ]; then pass "$1: quits with status 0"; else
        fail "$1: quits with status 0" "status: $(pb_status)" "stderr: $(pb_stderr)"
    fi
}
save_dump() { esc_dump >"$UI_TMP/dump.$1"; }

sim_start --stages demo --seed 300

# ---- each shipped theme ---------------------------------------------------------
open_theme default --theme default
expect_no_problem default
expect_no_256 "default: basic colors only (no 38;5/48;5 codes)"
expect_sgr 44 "default: the selected card is on blue (44)"
expect_sgr 36 "default: the sky stage (Discovery) is cyan (36)"
save_dump default
quit_ok default

open_theme mono --theme mono
expect_no_problem mono
codes=$(color_codes | tr '\n' ' ')
if [ -z "$codes" ]; then pass "mono: no color code at all"; else fail "mono: no color code at all" "$codes"; fi
expect_sgr 7 "mono: the selected card is in reverse video (7)"
expect_sgr 1 "mono: titles are bold (1)"
save_dump mono
quit_ok mono

open_theme dark-256 --theme dark-256
expect_no_problem dark-256
expect_sgr '48;5;25' "dark-256: the selected card is on color 25 (48;5;25)"
expect_sgr '38;5;117' "dark-256: the sky stage (Discovery) is color 117"
expect_sgr '38;5;221' "dark-256: the yellow stage (Negotiation) is color 221"
expect_sgr '48;5;236' "dark-256: the top bar is on color 236"
save_dump dark-256
quit_ok dark-256

open_theme light-256 --theme light-256
expect_no_problem light-256
expect_sgr '48;5;153' "light-256: the selected card is on color 153"
expect_sgr '38;5;31' "light-256: the sky stage is color 31"
expect_sgr '48;5;254' "light-256: the top bar is on color 254"
save_dump light-256
quit_ok light-256

open_theme solarized --theme solarized
expect_no_problem solarized
expect_sgr '48;5;234' "solarized: the background is base03 (#002b36 -> 234)"
expect_sgr '48;5;235' "solarized: the selection and bars are base02 (#073642 -> 235)"
# the whole screen, blank cells included, carries base03: no cell falls back to the
# terminal's background (a default-background code 49 never appears).
if has_sgr 49; then fail "solarized: no cell shows the terminal's own background" \
    "SGR codes: $(sgr_params | tr '\n' ' ')"; else pass "solarized: no cell shows the terminal's own background"; fi
save_dump solarized
quit_ok solarized

same=
for a in default mono dark-256 light-256 solarized; do
    for b in default mono dark-256 light-256 solarized; do
        [ "$a" \< "$b" ] || continue
        cmp -s "$UI_TMP/dump.$a" "$UI_TMP/dump.$b" && same="$same $a=$b"
    done
done
if [ -z "$same" ]; then pass "the five themes paint five different screens"; else
    fail "the five themes paint five different screens" "identical:$same"
fi
# the text is the same whatever the colors
strip() { sed "s/$ESC\\[[0-9;]*m//g" "$UI_TMP/dump.$1" | sed 's/ *$//'; }
if [ "$(strip default)" = "$(strip dark-256)" ] && [ "$(strip mono)" = "$(strip solarized)" ]; then
    pass "themes change colors, not the text"
else
    fail "themes change colors, not the text"
fi

# ---- NO_COLOR and --no-color select mono ----------------------------------------
with_no_color
open_theme "NO_COLOR=1" --theme dark-256
expect_no_problem "NO_COLOR=1"
codes=$(color_codes | tr '\n' ' ')
if [ -z "$codes" ]; then pass "NO_COLOR=1: no color code even with --theme dark-256"; else
    fail "NO_COLOR=1: no color code even with --theme dark-256" "$codes"; fi
expect_sgr 7 "NO_COLOR=1: the selection is reverse video"
quit_ok "NO_COLOR=1"
no_env

open_theme "--no-color" --no-color --theme solarized
expect_no_problem "--no-color"
codes=$(color_codes | tr '\n' ' ')
if [ -z "$codes" ]; then pass "--no-color: no color code"; else fail "--no-color: no color code" "$codes"; fi
expect_sgr 7 "--no-color: the selection is reverse video"
quit_ok "--no-color"

# ---- an 8-color terminal: a 256-color theme falls back to the default theme -------
with_term screen
open_theme "TERM=screen" --theme dark-256
expect_no_256 "TERM=screen: no 256-color code"
expect_sgr 44 "TERM=screen: the default theme's selection (blue, 44)"
expect_sgr 36 "TERM=screen: the default theme's sky stage (cyan, 36)"
expect 'theme dark-256 needs 256 colors, this terminal has 8: using the default theme' \
    "TERM=screen: the status line says why" 5
quit_ok "TERM=screen"
no_env

# ---- user themes: override an installed one; a broken one ---------------------------
mkdir -p "$XDG_CONFIG_HOME/pipeboard/themes"
sed 's/^palette sel .*/palette sel 160/' "$UI_ROOT/themes/dark-256" \
    >"$XDG_CONFIG_HOME/pipeboard/themes/dark-256"
open_theme "user dark-256" --theme dark-256
expect_no_problem "user dark-256"
expect_sgr '48;5;160' "the user's dark-256 overrides the installed one (selection on 160)"
if has_sgr '48;5;25'; then fail "the installed dark-256 is not used"; else pass "the installed dark-256 is not used"; fi
quit_ok "user dark-256"

printf '%s\n' '# broken on purpose' 'depth 256' 'color card.bogus red default' \
    'color card.selected 231 90 bold' 'stage sky 300' >"$XDG_CONFIG_HOME/pipeboard/themes/broken"
open_theme "broken theme" --theme broken
expect 'theme: 2 problems \(first: ~/\.config/pipeboard/themes/broken:3: unknown element .card\.bogus.\)' \
    "broken theme: the status line shows the problem count and the first with file:line" 5
expect_sgr '48;5;90' "broken theme: the good lines still apply (selection on 90)"
quit_ok "broken theme"
if grep -q 'broken:5: .300. is not a color' "$UI_TMP/pb.stderr"; then
    pass "broken theme: every problem also goes to stderr"
else fail "broken theme: every problem also goes to stderr" "$(pb_stderr)"; fi

open_theme "missing theme" --theme nosuchtheme
expect "theme: theme 'nosuchtheme' not found: using default \\(looked in ~/\\.config/pipeboard/themes" \
    "missing theme: a clear message on the status line" 5
expect_sgr 44 "missing theme: the default theme is used"
quit_ok "missing theme"

# ---- the config file: theme = NAME, and its problems on screen --------------------
printf '%s\n' 'theme = light-256' 'colour = blue' >"$XDG_CONFIG_HOME/pipeboard/config"
chmod 600 "$XDG_CONFIG_HOME/pipeboard/config"
open_theme "config theme"
expect_sgr '48;5;153' "config: theme = light-256 applies"
expect "config: ~/\\.config/pipeboard/config:2: unknown setting 'colour'" \
    "config: its problem is on the status line at start" 5
keys j
wait_still 5
expect "unknown setting 'colour'" "config: the problem stays on the status line while nothing else is said" 5
quit_ok "config theme"
open_theme "flag beats config" --theme solarized
expect_sgr '48;5;234' "--theme beats theme = in the config"
quit_ok "flag beats config"
rm -f "$XDG_CONFIG_HOME/pipeboard/config"

ui_finish
