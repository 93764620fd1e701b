#!/bin/sh
# TLS verification is always on; a self-hosted server with its own CA works
# through --ca-file (issue 6). twenty-sim serves HTTPS with a certificate
# signed by a CA made here with openssl:
#  - without --ca-file pipeboard shows a clear TLS error, not the board;
#  - with --ca-file CA the board opens; ca_file in the config works too;
#  - a CA file that is not the signer still fails (no fallback), and a CA
#    file that cannot be read says so;
#  - a certificate for another host name fails (host name checked).
. "$(dirname "$0")/lib.sh"
ui_require

if ! command -v openssl >/dev/null 2>&1; then
    fail "the TLS test needs the openssl command"
    ui_finish
    exit 1
fi

T=$UI_TMP/tls
mkdir -p "$T"
mkcert() { # NAME CA SAN: a key and a certificate for SAN signed by CA
    openssl req -newkey rsa:2048 -nodes -keyout "$T/$1.key" -out "$T/$1.csr" \
        -subj "/CN=$1" >/dev/null 2>&1 &&
        printf 'subjectAltName=%s\n' "$3" >"$T/$1.ext" &&
        openssl x509 -req -in "$T/$1.csr" -CA "$T/$2.pem" -CAkey "$T/$2.key" -CAcreateserial \
            -out "$T/$1.pem" -days 2 -extfile "$T/$1.ext" >/dev/null 2>&1
}
mkca() {
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/$1.key" -out "$T/$1.pem" -days 2 \
        -subj "/CN=pipeboard test $1" >/dev/null 2>&1
}
if mkca ca && mkca otherca && mkcert server ca 'IP:127.0.0.1,DNS:localhost' &&
    mkcert wronghost ca 'DNS:not-this-host.example'; then
    pass "openssl made a CA and certificates"
else
    fail "openssl made a CA and certificates"
    ui_finish
    exit 1
fi

# twenty-sim's own checks of the options
out=$("$SIM" --port 0 --tls-cert "$T/server.pem" 2>&1)
rc=$?
if [ $rc -eq 2 ] && printf '%s' "$out" | grep -q -- '--tls-key'; then
    pass "twenty-sim: --tls-cert without --tls-key is refused (exit 2)"
else
    fail "twenty-sim: --tls-cert without --tls-key is refused (exit 2)" "rc $rc: $out"
fi
out=$("$SIM" --port 0 --tls-cert "$T/server.pem" --tls-key "$T/otherca.key" 2>&1)
rc=$?
if [ $rc -ne 0 ] && [ -n "$out" ]; then pass "twenty-sim: a key that is not the certificate's fails"; else
    fail "twenty-sim: a key that is not the certificate's fails" "rc $rc: $out"; fi

sim_start --tls-cert "$T/server.pem" --tls-key "$T/server.key"
case $SIM_URL in https://*) pass "twenty-sim says it listens on https://" ;;
*) fail "twenty-sim says it listens on https://" "$SIM_URL" ;; esac
HTTPS_URL=$SIM_URL

# sim_log_mark / expect_no_request DESC: no request in the sim's log since the mark
# (a refused TLS handshake never becomes a request; the columns may still
# show, from the stage cache of an earlier run).
sim_log_mark() { LOG_MARK=$(wc -l <"$UI_TMP/sim.log" 2>/dev/null || echo 0); }
expect_no_request() {
    _now=$(wc -l <"$UI_TMP/sim.log" 2>/dev/null || echo 0)
    if [ "$_now" -eq "$LOG_MARK" ]; then pass "$1"; else
        fail "$1" "$(tail -n +$((LOG_MARK + 1)) "$UI_TMP/sim.log" | head -5)"; fi
}

# 1. no --ca-file: a TLS error, and no board
sim_log_mark
pb_start
expect 'TLS|certificate' "without --ca-file: a TLS error on the screen"
expect 'certificate not trusted' "... saying the certificate is not trusted"
expect_no_request "... and not one request reached the server"
pb_quit

# 2. --ca-file: the board opens
pb_start -- --ca-file "$T/ca.pem"
if pb_wait_board 20 && screen | grep -q 'Discovery'; then pass "with --ca-file the board opens over HTTPS"; else
    fail "with --ca-file the board opens over HTTPS"; fi
keys L
wait_still 5
pb_quit
if grep -q '^PATCH /rest/opportunities' "$UI_TMP/sim.log"; then
    pass "... and writes go through it (a move reached the sim)"
else
    fail "... and writes go through it (a move reached the sim)" "$(tail -5 "$UI_TMP/sim.log")"
fi

# 3. ca_file in the config
mkdir -p "$XDG_CONFIG_HOME/pipeboard"
printf 'ca_file = %s\n' "$T/ca.pem" >"$XDG_CONFIG_HOME/pipeboard/config"
chmod 600 "$XDG_CONFIG_HOME/pipeboard/config"
pb_start
if pb_wait_board 20 && screen | grep -q 'Discovery'; then pass "ca_file in the config works too"; else
    fail "ca_file in the config works too"; fi
pb_quit
rm -f "$XDG_CONFIG_HOME/pipeboard/config"

# 4. the wrong CA: still refused
sim_log_mark
pb_start -- --ca-file "$T/otherca.pem"
expect 'TLS|certificate' "a CA that did not sign the certificate: a TLS error"
expect_no_request "... and not one request reached the server"
pb_quit

# 5. a CA file that cannot be read
sim_log_mark
pb_start -- --ca-file "$T/missing.pem"
expect 'CA file' "an unreadable CA file: an error that says so (CA file)"
expect_no_request "... and not one request reached the server"
pb_quit

# 6. the right CA, a certificate for another host: refused
sim_stop
sim_start --tls-cert "$T/wronghost.pem" --tls-key "$T/wronghost.key"
sim_log_mark
pb_start -- --ca-file "$T/ca.pem"
expect 'TLS|certificate|host' "a certificate for another host name: a TLS error"
expect_no_request "... and not one request reached the server"
pb_quit
: "$HTTPS_URL"

ui_finish
