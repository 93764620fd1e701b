#!/bin/sh
# The API key never leaks, and pipeboard's files are private (issue 6).
#  - A unique key, given through the environment, is nowhere but where it
#    must be: not in /proc/PID/cmdline of pipeboard, not on the screen (the
#    board, the 401 screen of a wrong key), not in --help or error output,
#    not in stderr, not in any file under the private HOME/XDG directories
#    (the stage cache included), not in the sim's --log.
#  - pipeboard is not dumpable once it holds the key: another process of
#    the same user cannot read its /proc/PID/environ (where the key is).
#  - Demo mode: the demo key reaches the twenty-sim child through its
#    environment only (not its cmdline), the user's TWENTY_API_KEY does not
#    reach the child at all, and neither key lands on screen or in a file.
#  - With umask 000, every file pipeboard (and its demo child) created is
#    0600 and every directory 0700.
#  - A config file readable by others draws a warning (that does not show
#    the key); api_key_command runs without a shell: ';', quotes and '$'
#    reach the command literally; a failing command's error does not show
#    what it printed.
. "$(dirname "$0")/lib.sh"
ui_require

# Everything pipeboard creates must carry its own mode, whatever the umask.
umask 000

rand_hex() { od -An -N12 -tx1 /dev/urandom | tr -d ' \n'; }
KEY=pbkey-$(rand_hex)
WRONG=pbwrong-$(rand_hex)
CFGKEY=pbcfg-$(rand_hex)
CMDKEY=pbcmd-$(rand_hex)

# secrets_sim_start KEY: like sim_start, with the given key (lib.sh's is fixed).
secrets_sim_start() {
    sim_stop
    SIM_KEY=$1
    SIM_RUNS=$((SIM_RUNS + 1))
    SIM_DATA=$UI_TMP/ws$SIM_RUNS.json
    : >"$UI_TMP/sim.out"
    TWENTY_SIM_API_KEY=$SIM_KEY "$SIM" --port 0 --stages demo --seed 40 --data "$SIM_DATA" \
        --log "$UI_TMP/sim.log" >"$UI_TMP/sim.out" 2>"$UI_TMP/sim.err" &
    SIM_PID=$!
    _i=0
    while [ $_i -lt 100 ]; do
        SIM_URL=$(sed -n 's/^listening on //p' "$UI_TMP/sim.out")
        [ -n "$SIM_URL" ] && break
        kill -0 "$SIM_PID" 2>/dev/null || break
        sleep 0.1
        _i=$((_i + 1))
    done
    [ -n "$SIM_URL" ] || { fail "twenty-sim starts" "$(cat "$UI_TMP/sim.err")"; ui_finish; exit 1; }
    export UI_SIM_KEY=$SIM_KEY
}

# pane_procs COMM: pids of the processes named COMM started in the pane.
pane_procs() {
    _pp=$(ui_pane_pid)
    [ -n "$_pp" ] || return 0
    for _p in $(ui_descendants "$_pp"); do
        _c=$(cat "/proc/$_p/comm" 2>/dev/null)
        # under PB_WRAP=valgrind, pipeboard runs as valgrind's tool process
        [ "$_c" = memcheck-amd64- ] && [ "$1" = pipeboard ] && _c=pipeboard
        [ "$_c" = "$1" ] && echo "$_p"
    done
}

# has_text FILE TEXT: FILE contains TEXT (NUL bytes are separators).
has_text() { tr '\0' '\n' <"$1" 2>/dev/null | grep -qF -- "$2"; }

# expect_no_key_in_cmdline COMM TEXT DESC
expect_no_key_in_cmdline() {
    _pids=$(pane_procs "$1")
    if [ -z "$_pids" ]; then fail "$3" "no $1 process found in the pane"; return; fi
    for _p in $_pids; do
        if has_text "/proc/$_p/cmdline" "$2"; then
            fail "$3" "$1 ($_p) cmdline: $(tr '\0' ' ' <"/proc/$_p/cmdline")"
            return
        fi
    done
    pass "$3"
}

# expect_no_file_has TEXT DESC: no file under HOME (the XDG dirs) contains TEXT.
expect_no_file_has() {
    _hits=$(grep -rlF -- "$1" "$HOME" 2>/dev/null)
    if [ -z "$_hits" ]; then pass "$2"; else fail "$2" "found in: $_hits"; fi
}

# expect_private_modes DESC: files 0600, directories 0700 under the pipeboard dirs.
expect_private_modes() {
    _bad=
    _n=0
    for _d in "$XDG_DATA_HOME/pipeboard" "$XDG_CONFIG_HOME/pipeboard" "$XDG_CACHE_HOME/pipeboard" \
        "$XDG_STATE_HOME/pipeboard"; do
        [ -e "$_d" ] || continue
        _bad="$_bad$(find "$_d" -type d ! -perm 0700 -exec stat -c ' %a %n' {} \;)"
        _bad="$_bad$(find "$_d" -type f ! -perm 0600 ! -name config -exec stat -c ' %a %n' {} \;)"
        _n=$((_n + $(find "$_d" | wc -l)))
    done
    if [ "$_n" -eq 0 ]; then fail "$1" "pipeboard created no files at all"
    elif [ -z "$_bad" ]; then pass "$1 ($_n paths)"
    else fail "$1" "$_bad"; fi
}

# ---- command-line output never shows the key -----------------------------
out=$(TWENTY_API_KEY=$KEY "$PB" --help 2>&1)
case $out in *"$KEY"*) fail "--help does not show the key" ;; *) pass "--help does not show the key" ;; esac
out=$(TWENTY_API_KEY=$KEY "$PB" --bogus 2>&1 </dev/null)
case $out in *"$KEY"*) fail "an option error does not show the key" "$out" ;;
*) pass "an option error does not show the key" ;; esac
out=$(TWENTY_API_URL=http://127.0.0.1:9 TWENTY_API_KEY=$KEY "$PB" 2>&1 </dev/null)
case $out in *"$KEY"*) fail "the no-terminal error does not show the key" "$out" ;;
*) pass "the no-terminal error does not show the key" ;; esac
out=$("$PB" --api-key "$KEY" 2>&1 </dev/null)
case $out in *"$KEY"*) fail "a refused --api-key is not echoed" "$out" ;;
*) pass "a refused --api-key is not echoed" ;; esac

# ---- against a sim, the right key ---------------------------------------------
secrets_sim_start "$KEY"
pb_open
keys j l
wait_still 5
expect_no_key_in_cmdline pipeboard "$KEY" "the key is not in pipeboard's /proc/PID/cmdline"
PBPID=$(pane_procs pipeboard | head -n 1)
if [ "$(id -u)" = 0 ]; then
    # root reads every process's environ, dumpable or not (CAP_SYS_PTRACE);
    # tests/unit/test_net_secret.c checks the flag itself.
    pass "pipeboard is not dumpable: # SKIP as root (the unit test checks PR_GET_DUMPABLE)"
elif [ -n "$PBPID" ] && ! cat "/proc/$PBPID/environ" >/dev/null 2>&1; then
    pass "pipeboard is not dumpable: its /proc/PID/environ is closed to the same user"
else
    fail "pipeboard is not dumpable: its /proc/PID/environ is closed to the same user" \
        "pid '$PBPID' environ readable"
fi
if screen | grep -qF -- "$KEY"; then fail "the key is not on the board"; else pass "the key is not on the board"; fi
pb_quit
if [ -n "$(find "$XDG_CACHE_HOME/pipeboard" -type f 2>/dev/null)" ]; then
    pass "a stage cache file was written (so the next check is not vacuous)"
else
    fail "a stage cache file was written (so the next check is not vacuous)"
fi
expect_no_file_has "$KEY" "the key is in no file under HOME/XDG (cache included)"
if grep -qF -- "$KEY" "$UI_TMP/sim.log"; then fail "the key is not in the sim's --log"; else
    pass "the key is not in the sim's --log"; fi
[ -s "$UI_TMP/sim.log" ] && pass "the sim's --log has lines" || fail "the sim's --log has lines"
if grep -qF -- "$KEY" "$UI_TMP/sim.err" "$UI_TMP/sim.out"; then fail "the key is not in the sim's stdout/stderr"; else
    pass "the key is not in the sim's stdout/stderr"; fi
if grep -qF -- "$KEY" "$UI_TMP/pb.stderr"; then fail "the key is not in pipeboard's stderr" "$(pb_stderr)"; else
    pass "the key is not in pipeboard's stderr"; fi

# ---- a wrong key: the 401 screen does not show it ----------------------------------
SIM_KEY_SAVED=$SIM_KEY
SIM_KEY=$WRONG
pb_start
SIM_KEY=$SIM_KEY_SAVED
expect '401' "a wrong key shows the 401 error"
wait_still 5
if screen | grep -qF -- "$WRONG"; then fail "the 401 screen does not show the wrong key"; else
    pass "the 401 screen does not show the wrong key"; fi
if screen | grep -qF -- "$KEY"; then fail "the 401 screen does not show the server's key"; else
    pass "the 401 screen does not show the server's key"; fi
expect_no_key_in_cmdline pipeboard "$WRONG" "the wrong key is not in pipeboard's cmdline"
pb_quit
if grep -qF -- "$WRONG" "$UI_TMP/pb.stderr"; then fail "the wrong key is not in stderr"; else
    pass "the wrong key is not in stderr"; fi
expect_no_file_has "$WRONG" "the wrong key is in no file under HOME"
if grep -qF -- "$WRONG" "$UI_TMP/sim.log"; then fail "the wrong key is not in the sim's --log"; else
    pass "the wrong key is not in the sim's --log"; fi

# ---- demo mode -------------------------------------------------------------------
# pipeboard --demo with the user's real key in the environment.
pb_start -- --demo
SIM_KEY_SAVED=$SIM_KEY
if pb_wait_board 20; then pass "the demo board opens"; else fail "the demo board opens"; fi
DEMO=$(pane_procs twenty-sim | head -n 1)
DEMO_KEY=
if [ -n "$DEMO" ]; then
    DEMO_KEY=$(tr '\0' '\n' <"/proc/$DEMO/environ" 2>/dev/null | sed -n 's/^TWENTY_SIM_API_KEY=//p')
fi
if [ -n "$DEMO_KEY" ] && [ ${#DEMO_KEY} -ge 32 ]; then
    pass "the demo child gets a random key through TWENTY_SIM_API_KEY"
else
    fail "the demo child gets a random key through TWENTY_SIM_API_KEY" "child '$DEMO' key '$DEMO_KEY'"
    DEMO_KEY=no-demo-key-found-$$
fi
expect_no_key_in_cmdline twenty-sim "$DEMO_KEY" "the demo key is not in the child's cmdline"
expect_no_key_in_cmdline pipeboard "$DEMO_KEY" "the demo key is not in pipeboard's cmdline"
# (UI_SIM_KEY is the test harness's own variable, inherited through tmux.)
if [ -n "$DEMO" ] && tr '\0' '\n' <"/proc/$DEMO/environ" | grep -v '^UI_SIM_KEY=' |
    grep -qF -e "$KEY" -e TWENTY_API_KEY; then
    fail "the user's TWENTY_API_KEY does not reach the demo child" \
        "$(tr '\0' '\n' <"/proc/$DEMO/environ" | grep -F -- "$KEY" | cut -c1-60)"
else
    pass "the user's TWENTY_API_KEY does not reach the demo child"
fi
if screen | grep -qF -e "$DEMO_KEY" -e "$KEY"; then fail "no key on the demo board"; else pass "no key on the demo board"; fi
pb_quit
expect_no_file_has "$DEMO_KEY" "the demo key is in no file (demo.json, its journal, the cache)"
expect_no_file_has "$KEY" "the user's key is in no file after the demo either"
if grep -qF -e "$DEMO_KEY" -e "$KEY" "$UI_TMP/pb.stderr"; then fail "no key in stderr of the demo run"; else
    pass "no key in stderr of the demo run"; fi
if [ -f "$XDG_DATA_HOME/pipeboard/demo.json" ]; then pass "the demo wrote demo.json"; else
    fail "the demo wrote demo.json"; fi
expect_private_modes "with umask 000, pipeboard's files are 0600 and directories 0700"

# ---- the config file ------------------------------------------------------------------
CFG=$XDG_CONFIG_HOME/pipeboard/config
mkdir -p "$XDG_CONFIG_HOME/pipeboard"
chmod 700 "$XDG_CONFIG_HOME/pipeboard"
secrets_sim_start "$CFGKEY"
printf 'url = %s\napi_key = %s\n' "$SIM_URL" "$CFGKEY" >"$CFG"
chmod 644 "$CFG"
pb_start -noenv
if pb_wait_board; then pass "api_key from the config file opens the board"; else
    fail "api_key from the config file opens the board"; fi
pb_quit
if grep -q 'chmod 600' "$UI_TMP/pb.stderr" && grep -q 'readable' "$UI_TMP/pb.stderr"; then
    pass "a config file of mode 644 draws a warning"
else
    fail "a config file of mode 644 draws a warning" "stderr: $(pb_stderr)"
fi
if grep -qF -- "$CFGKEY" "$UI_TMP/pb.stderr"; then fail "the warning does not show the key"; else
    pass "the warning does not show the key"; fi
chmod 600 "$CFG"
pb_start -noenv
pb_wait_board >/dev/null
pb_quit
if grep -q 'chmod 600' "$UI_TMP/pb.stderr"; then fail "mode 600: no warning" "$(pb_stderr)"; else
    pass "mode 600: no warning"; fi
chmod 640 "$CFG"
pb_start -noenv
pb_wait_board >/dev/null
pb_quit
if grep -q 'chmod 600' "$UI_TMP/pb.stderr"; then pass "mode 640 (group-readable) warns too"; else
    fail "mode 640 (group-readable) warns too" "$(pb_stderr)"; fi
if grep -rlF -- "$CFGKEY" "$HOME" | grep -v "^$CFG\$" | grep -q .; then
    fail "the config's key is in no other file"
else
    pass "the config's key is in no other file"
fi

# ---- api_key_command: no shell --------------------------------------------------------
secrets_sim_start "$CMDKEY"
cat >"$UI_TMP/keycmd.sh" <<EOF
#!/bin/sh
: >"$UI_TMP/keycmd.args"
for a in "\$@"; do printf '%s\n' "\$a" >>"$UI_TMP/keycmd.args"; done
printf '%s\n' "$CMDKEY"
EOF
chmod 700 "$UI_TMP/keycmd.sh"
printf 'url = %s\napi_key_command = %s semi;colon "two words" $HOME `id` it'"'"'s\n' \
    "$SIM_URL" "$UI_TMP/keycmd.sh" >"$CFG"
# `it's` has an unbalanced quote: expect a refusal first.
chmod 600 "$CFG"
pb_start -noenv
wait_exit 10
if grep -q 'api_key_command' "$UI_TMP/pb.stderr"; then pass "an unbalanced quote in api_key_command is refused"; else
    fail "an unbalanced quote in api_key_command is refused" "$(pb_stderr)"; fi
printf 'url = %s\napi_key_command = %s semi;colon "two words" $HOME `id` '"'"'a "b" c'"'"'\n' \
    "$SIM_URL" "$UI_TMP/keycmd.sh" >"$CFG"
pb_start -noenv
if pb_wait_board; then pass "api_key_command's key opens the board"; else
    fail "api_key_command's key opens the board" "$(pb_stderr)"; fi
expect_no_key_in_cmdline pipeboard "$CMDKEY" "the command's key is not in pipeboard's cmdline"
pb_quit
printf 'semi;colon\ntwo words\n$HOME\n`id`\na "b" c\n' >"$UI_TMP/keycmd.want"
if cmp -s "$UI_TMP/keycmd.want" "$UI_TMP/keycmd.args"; then
    pass "api_key_command runs without a shell: ; quotes \$ and backquotes reach it literally"
else
    fail "api_key_command runs without a shell: ; quotes \$ and backquotes reach it literally" \
        "args: $(cat "$UI_TMP/keycmd.args" 2>/dev/null)"
fi
expect_no_file_has "$CMDKEY" "the command's key is in no file under HOME"
# A command that prints the key and then fails: the error does not echo it.
cat >"$UI_TMP/keyfail.sh" <<EOF
#!/bin/sh
printf '%s\n' "$CMDKEY"
exit 3
EOF
chmod 700 "$UI_TMP/keyfail.sh"
printf 'url = %s\napi_key_command = %s\n' "$SIM_URL" "$UI_TMP/keyfail.sh" >"$CFG"
pb_start -noenv
wait_exit 10
if grep -q 'api_key_command' "$UI_TMP/pb.stderr" && ! grep -qF -- "$CMDKEY" "$UI_TMP/pb.stderr"; then
    pass "a failing api_key_command is reported without what it printed"
else
    fail "a failing api_key_command is reported without what it printed" "$(pb_stderr)"
fi
if screen | grep -qF -- "$CMDKEY"; then fail "... nor on the screen"; else pass "... nor on the screen"; fi

ui_finish
