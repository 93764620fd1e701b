#!/bin/sh
# take.sh - regenerates the README's screenshots (screenshots/*.png) from the
# real program (issue 5). Run by `make screenshots`.
#
# Promises:
#  - Each picture is pipeboard itself on the demo workspace (no
#    TWENTY_API_URL: it starts its own twenty-sim), in a real terminal:
#    xterm (DejaVu Sans Mono) on a private Xvfb display, captured with
#    ImageMagick's `import`. Inside the xterm, pipeboard runs in a tmux
#    session (status line off, invisible): keys are sent and the screen's
#    text is read through tmux, so every step waits for a condition (a text on
#    screen, then the screen and the xterm's pixels standing still), never a
#    fixed sleep alone.
#  - Reproducible: a pinned environment (private HOME and XDG dirs, so a
#    fresh demo workspace for every shot; LANG=C.UTF-8, TZ=UTC,
#    SIM_TODAY pinned: tests/ui/env.sh, as the UI tests), a fixed terminal size, font and
#    palette; the PNGs are written without time stamps (-strip). xterm's
#    antialiased glyph edges can differ by a shade in a pixel or two from run
#    to run: a new picture within 2% of the existing one, pixel by pixel, is
#    not written, so a re-run leaves the committed files alone.
#  - A missing tool is named with the Debian package to install, and nothing
#    is written; a shot that fails leaves the old PNG in place and the script
#    exits non-zero naming it.
#  - Nothing is left behind: the exit trap ends xterm, tmux, pipeboard (and
#    its demo twenty-sim) and Xvfb by pid and removes the temp dir
#    (KEEP_SHOTS_TMP=1 keeps it).
#
# Usage: screenshots/take.sh [SHOT...]   (no SHOT: all of them)
# Shots: board detail edit-error search help narrow theme-dark-256 theme-solarized
# Environment: BUILD (default build), SHOTS_OUT (default screenshots/),
# SHOTS_TIMEOUT (seconds one wait may take, default 30), KEEP_SHOTS_TMP=1.

set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
PB=$BUILD/pipeboard
. "$ROOT/tests/ui/env.sh"
OUT=${SHOTS_OUT:-$ROOT/screenshots}
TIMEOUT=${SHOTS_TIMEOUT:-30}
ALL_SHOTS="board detail edit-error search help narrow theme-dark-256 theme-solarized"

FONT='DejaVu Sans Mono'
FONT_SIZE=11
COLS=120
ROWS=32
# The palette: a dark background, Tango's colors 0-15 (white on blue, the
# default theme's selection, stays readable).
BG='#1d1f21'
FG='#d3d7cf'
PALETTE='#2e3436 #cc0000 #4e9a06 #c4a000 #3465a4 #75507b #06989a #d3d7cf
#555753 #ef2929 #8ae234 #fce94f #729fcf #ad7fa8 #34e2e2 #eeeeec'

say() { printf 'screenshots: %s\n' "$*" >&2; }

# ---- what is needed ------------------------------------------------------------
INSTALL='apt-get install -y xvfb xterm tmux imagemagick fontconfig fonts-dejavu-core fonts-droid-fallback fonts-symbola'
shots_require() {
    _missing=
    for _c in Xvfb:xvfb xterm:xterm tmux:tmux import:imagemagick convert:imagemagick fc-list:fontconfig; do
        command -v "${_c%%:*}" >/dev/null 2>&1 || _missing="$_missing ${_c#*:}"
    done
    if [ -z "$_missing" ]; then
        # The font, and fallbacks for the demo's CJK names (東京) and emoji (🚀).
        [ -n "$(fc-list "$FONT" family)" ] || _missing="$_missing fonts-dejavu-core"
        [ -n "$(fc-list ':charset=6771' family)" ] || _missing="$_missing fonts-droid-fallback"
        [ -n "$(fc-list ':charset=1f680' family)" ] || _missing="$_missing fonts-symbola"
    fi
    if [ -n "$_missing" ]; then
        say "missing:$_missing"
        say "install them with: $INSTALL   (make deps-shots does it)"
        exit 2
    fi
    if [ ! -x "$PB" ] || [ ! -x "$BUILD/twenty-sim" ]; then
        say "no $PB or $BUILD/twenty-sim: run make first"
        exit 2
    fi
}

# ---- the pinned environment ----------------------------------------------------
T=$(mktemp -d "${TMPDIR:-/tmp}/pbshots.XXXXXX") || exit 1
XVFB_PID=
XTERM_PID=
SOCK=pbshots-$$

setup_env() { ui_pin_env "$T"; }   # tests/ui/env.sh, as the UI tests

tm() { tmux -L "$SOCK" -f "$T/tmux.conf" "$@"; }


# alive PID: running (a zombie does not count).
alive() {
    _st=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null) || return 1
    case $_st in Z* | X* | '') return 1 ;; esac
    return 0
}

# ---- Xvfb ------------------------------------------------------------------------
xvfb_start() {
    : >"$T/display"
    Xvfb -displayfd 3 -screen 0 1920x1200x24 -nolisten tcp 3>"$T/display" \
        </dev/null >"$T/xvfb.log" 2>&1 &
    XVFB_PID=$!
    _n=$((TIMEOUT * 10))
    while [ $_n -gt 0 ]; do
        _d=$(cat "$T/display")
        case $_d in *[0-9]) export DISPLAY=":$_d"; return 0 ;; esac
        kill -0 "$XVFB_PID" 2>/dev/null || break
        sleep 0.1
        _n=$((_n - 1))
    done
    say "Xvfb did not start: $(cat "$T/xvfb.log")"
    return 1
}

# ---- the terminal ----------------------------------------------------------------

# term_start COLS ROWS [pipeboard args...]: a fresh demo workspace, an xterm
# of that size running tmux running pipeboard.
term_start() {
    _c=$1 _r=$2
    shift 2
    rm -rf "$HOME"
    mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
    # The repository's themes, found whatever BUILD is (the user's theme
    # directory comes first in pipeboard's search).
    if [ -d "$ROOT/themes" ]; then
        mkdir -p "$XDG_CONFIG_HOME/pipeboard/themes"
        cp "$ROOT"/themes/* "$XDG_CONFIG_HOME/pipeboard/themes/" 2>/dev/null
    fi
    rm -f "$T/wid" "$T/pb.rc" "$T/pb.stderr" "$T/ready"
    {
        echo '#!/bin/sh'
        printf 'cd %s\n' "$(quote "$T")"
        printf 'PIPEBOARD_BENCH_READY=%s %s' "$(quote "$T/ready")" "$(quote "$PB")"
        for _a in "$@"; do printf ' %s' "$(quote "$_a")"; done
        echo ' 2>pb.stderr'
        echo 'echo $? >pb.rc'
    } >"$T/pane.sh"
    {
        echo '#!/bin/sh'
        # shellcheck disable=SC2016 # $WINDOWID is xterm's, expanded in the xterm
        printf 'echo "$WINDOWID" >%s\n' "$(quote "$T/wid")"
        printf 'exec tmux -L %s -f %s new-session -s pb "sh %s"\n' "$SOCK" "$(quote "$T/tmux.conf")" \
            "$(quote "$T/pane.sh")"
    } >"$T/xterm.sh"
    set -- -geometry "${_c}x${_r}" -fa "$FONT" -fs "$FONT_SIZE" -tn xterm-256color -u8 \
        -bg "$BG" -fg "$FG" -cr "$FG" -b 12 +sb -xrm 'XTerm*cursorBlink: false' \
        -xrm 'XTerm*allowBoldFonts: true'
    _i=0
    for _col in $PALETTE; do
        set -- "$@" -xrm "XTerm*color$_i: $_col"
        _i=$((_i + 1))
    done
    xterm "$@" -e sh "$T/xterm.sh" </dev/null >"$T/xterm.log" 2>&1 &
    XTERM_PID=$!
    _n=$((TIMEOUT * 10))
    while [ $_n -gt 0 ]; do
        [ -s "$T/wid" ] && tm has-session -t pb 2>/dev/null && return 0
        kill -0 "$XTERM_PID" 2>/dev/null || break
        sleep 0.1
        _n=$((_n - 1))
    done
    say "xterm did not start: $(cat "$T/xterm.log")"
    return 1
}

term_stop() {
    # Every process of the pane (pipeboard, its demo twenty-sim) by pid, taken
    # before pipeboard exits (its children then leave the tree).
    _pp=$(tm display-message -p -t pb '#{pane_pid}' 2>/dev/null)
    _pids=
    [ -n "$_pp" ] && _pids="$_pp $(ui_descendants "$_pp" | tr '\n' ' ')"
    if [ -n "$_pp" ] && [ ! -f "$T/pb.rc" ]; then
        # q quits (and stops the demo's twenty-sim); a second q if it asks.
        tm send-keys -t pb q
        wait_file "$T/pb.rc" 3 || { tm send-keys -t pb q; wait_file "$T/pb.rc" 5; }
    fi
    tm kill-server >/dev/null 2>&1
    for _p in $_pids; do [ -d "/proc/$_p" ] && kill -TERM "$_p" 2>/dev/null; done
    if [ -n "$XTERM_PID" ]; then
        kill -TERM "$XTERM_PID" 2>/dev/null
        wait "$XTERM_PID" 2>/dev/null
        XTERM_PID=
    fi
    # Until they are gone (the sim saves its data file on the way out).
    _n=100
    for _p in $_pids; do
        while alive "$_p" && [ $_n -gt 0 ]; do sleep 0.05; _n=$((_n - 1)); done
    done
    return 0
}

cleanup() {
    term_stop
    if [ -n "$XVFB_PID" ]; then
        kill -TERM "$XVFB_PID" 2>/dev/null
        wait "$XVFB_PID" 2>/dev/null
    fi
    if [ "${KEEP_SHOTS_TMP:-0}" = 1 ]; then say "kept $T"; else rm -rf "$T"; fi
}
trap 'cleanup' EXIT
trap 'cleanup; trap - EXIT; exit 130' INT TERM HUP

quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

# ---- waiting for conditions ------------------------------------------------------
screen() { tm capture-pane -p -t pb 2>/dev/null; }
keys() { tm send-keys -t pb "$@"; }
type_text() { tm send-keys -t pb -l -- "$1"; }

wait_file() { # FILE SECONDS
    _n=$(($2 * 20))
    while [ $_n -gt 0 ]; do
        [ -f "$1" ] && return 0
        sleep 0.05
        _n=$((_n - 1))
    done
    return 1
}

# pb_gone: pipeboard exited (it must not, while a shot is taken).
pb_gone() {
    [ -f "$T/pb.rc" ] || return 1
    say "pipeboard exited with status $(cat "$T/pb.rc"): $(cat "$T/pb.stderr" 2>/dev/null)"
    return 0
}

# wait_for REGEX: until the screen shows the extended regex.
wait_for() {
    _n=$((TIMEOUT * 20))
    while [ $_n -gt 0 ]; do
        screen | grep -Eq -- "$1" && return 0
        pb_gone && return 1
        sleep 0.05
        _n=$((_n - 1))
    done
    say "timed out waiting for /$1/; the screen was:"
    screen >&2
    return 1
}

# wait_still: the screen's text unchanged for 0.5 s with no spinner.
wait_still() {
    _n=$((TIMEOUT * 10))
    _prev=
    _same=0
    while [ $_n -gt 0 ]; do
        _cur=$(screen)
        if [ "$_cur" = "$_prev" ] && ! printf '%s' "$_cur" | grep -Eq '[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]|[Ll]oading|syncing'; then
            _same=$((_same + 1))
            [ $_same -ge 5 ] && return 0
        else
            _same=0
        fi
        pb_gone && return 1
        _prev=$_cur
        sleep 0.1
        _n=$((_n - 1))
    done
    say "timed out waiting for the screen to stand still"
    return 1
}

# wait_ready: the board is complete (bench hook's "ready" line) and still.
wait_ready() {
    _n=$((TIMEOUT * 20))
    while [ $_n -gt 0 ]; do
        grep -q '^ready' "$T/ready" 2>/dev/null && break
        pb_gone && return 1
        sleep 0.05
        _n=$((_n - 1))
    done
    [ $_n -gt 0 ] || { say "timed out waiting for the board to load"; return 1; }
    wait_still
}

# snap NAME: once the xterm's pixels stand still (three equal captures in a
# row, the tmux text unchanged meanwhile), writes $OUT/NAME.png.
snap() {
    _wid=$(cat "$T/wid")
    # tmux redraws the whole terminal, top to bottom, so the pixels do not
    # depend on the order in which the cells were last updated (antialiased
    # glyph edges blend into their neighbours).
    tm list-clients -F "#{client_name}" 2>/dev/null | while read -r _cl; do tm refresh-client -t "$_cl"; done
    _n=$((TIMEOUT * 5))
    _same=0
    _text=$(screen)
    import -window "$_wid" "$T/prev.ppm" 2>/dev/null
    while [ $_n -gt 0 ]; do
        sleep 0.2
        import -window "$_wid" "$T/cur.ppm" 2>/dev/null || return 1
        if cmp -s "$T/prev.ppm" "$T/cur.ppm" && [ "$(screen)" = "$_text" ]; then
            _same=$((_same + 1))
            [ $_same -ge 2 ] && break
        else
            _same=0
            _text=$(screen)
        fi
        mv -f "$T/cur.ppm" "$T/prev.ppm"
        _n=$((_n - 1))
    done
    [ $_n -gt 0 ] || { say "$1: the terminal never stood still"; return 1; }
    convert "$T/cur.ppm" -strip "PNG24:$T/$1.png" || return 1
    mkdir -p "$OUT"
    screen >"$T/$1.txt"
    # xterm's antialiased glyph edges differ by a shade in a pixel or two from
    # run to run: a picture that differs by no more than that is kept as it
    # is, so regenerating does not change committed files for nothing.
    if [ -f "$OUT/$1.png" ] &&
        [ "$(identify -format %wx%h "$OUT/$1.png" 2>&1)" = "$(identify -format %wx%h "$T/$1.png")" ] &&
        _ae=$(compare -metric AE -fuzz 2% "$OUT/$1.png" "$T/$1.png" null: 2>&1) &&
        [ "$_ae" = 0 ]; then
        say "unchanged $OUT/$1.png"
        return 0
    fi
    mv -f "$T/$1.png" "$OUT/$1.png"
    say "wrote $OUT/$1.png"
}

# ---- the shots ---------------------------------------------------------------------

board_open() { # [COLS ROWS] [pipeboard args]
    _bc=${1:-$COLS} _br=${2:-$ROWS}
    [ $# -ge 2 ] && shift 2
    term_start "$_bc" "$_br" "$@" && wait_ready
}

shot_board() {
    board_open || return 1
    # The selection on a card with everything filled in, in the second column.
    keys l j
    wait_still && snap board
}

shot_detail() {
    board_open || return 1
    keys Enter
    wait_for 'Point of contact' && wait_for 'Created +[0-9]{4}-' && wait_still && snap detail
}

shot_edit_error() {
    board_open || return 1
    keys e
    wait_for 'Amount' || return 1
    # Name, then Amount: a text that is not an amount, saved with Enter.
    keys Tab C-u
    type_text 'about 12 grand'
    keys Enter
    wait_for '[Nn]ot an amount' && wait_still && snap edit-error
}

shot_search() {
    board_open || return 1
    keys /
    wait_for 'Search deals by name' || return 1
    type_text 'pilot'
    keys Enter
    wait_for 'pilot.*(Discovery|Proposal|Negotiation|Closed)' && wait_still && snap search
}

shot_help() {
    board_open || return 1
    keys '?'
    wait_for 'Move the card to the next stage' && wait_still && snap help
}

shot_narrow() {
    board_open 48 30 || return 1
    keys l
    wait_still && snap narrow
}

shot_theme() { # THEME
    board_open "$COLS" "$ROWS" --theme "$1" || return 1
    if screen | grep -Eq "theme '?$1'? (not found|.*error)|^theme:"; then
        say "theme-$1: pipeboard did not take the theme:"
        screen | tail -n 1 >&2
        return 1
    fi
    keys l j
    wait_still && snap "theme-$1"
}

# ---- main ----------------------------------------------------------------------------
shots_require
setup_env
xvfb_start || exit 1
failed=
# shellcheck disable=SC2086 # a list of names
[ $# -gt 0 ] || set -- $ALL_SHOTS
for s in "$@"; do
    case $s in
    board) shot_board ;;
    detail) shot_detail ;;
    edit-error) shot_edit_error ;;
    search) shot_search ;;
    help) shot_help ;;
    narrow) shot_narrow ;;
    theme-*) shot_theme "${s#theme-}" ;;
    *) say "unknown shot '$s' (shots: $ALL_SHOTS)"; false ;;
    esac || failed="$failed $s"
    term_stop
done
if [ -n "$failed" ]; then
    say "FAILED:$failed"
    exit 1
fi
say "all done: $OUT"
