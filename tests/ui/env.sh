# env.sh - what the UI tests (tests/ui/lib.sh) and the screenshots
# (screenshots/take.sh) share, sourced by both; sourcing it only defines.
#
# Promises:
#  - ui_pin_env DIR: the pinned environment pipeboard runs in under tmux:
#    HOME=DIR/home and the XDG directories under it (not created here),
#    tmux's sockets in DIR, LANG/LC_ALL=C.UTF-8, TZ=UTC, the sim's today
#    pinned (SIM_TODAY=UI_TODAY), NO_COLOR, the Twenty variables, the
#    terminal size and the bench hook unset; and DIR/tmux.conf: TERM
#    screen-256color, no status line, panes kept after their program exits.
#  - ui_descendants PID...: every descendant of the given pids, from /proc
#    (no pgrep needed), one per line.

UI_TODAY=2099-01-15          # the sim's "today": far ahead, so no seeded date is overdue for years

ui_pin_env() {
    export HOME="$1/home"
    export XDG_DATA_HOME="$HOME/.local/share"
    export XDG_CONFIG_HOME="$HOME/.config"
    export XDG_CACHE_HOME="$HOME/.cache"
    export XDG_STATE_HOME="$HOME/.local/state"
    export TMUX_TMPDIR="$1"
    export LANG=C.UTF-8
    export LC_ALL=C.UTF-8
    export TZ=UTC
    export SIM_TODAY=$UI_TODAY
    unset NO_COLOR TMUX TMUX_PANE TWENTY_API_URL TWENTY_API_KEY TWENTY_SIM_API_KEY COLUMNS LINES \
        ESCDELAY PIPEBOARD_BENCH_EXIT 2>/dev/null || true
    cat >"$1/tmux.conf" <<'CONF'
set -g default-terminal screen-256color
set -g status off
set -g remain-on-exit on
set -g history-limit 100
set -sg escape-time 0
CONF
}

ui_descendants() {
    [ $# -gt 0 ] || return 0
    # "pid (comm) state ppid …": the ppid follows the last ") ".
    cat /proc/[0-9]*/stat 2>/dev/null | awk -v roots="$*" '
        { s = $0; sub(/^.*\) /, "", s); split(s, f, " "); parent[$1] = f[2]; pids[n++] = $1 }
        END {
            split(roots, r, " "); for (i in r) keep[r[i]] = 1
            changed = 1
            while (changed) {
                changed = 0
                for (i = 0; i < n; i++) { p = pids[i]
                    if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; changed = 1; print p } }
            }
        }'
}
