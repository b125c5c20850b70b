#!/usr/bin/env bash
# The HTTP application on the firmware (fw-good-tap on QEMU mps2-an386,
# LAN9118 on a TAP in a fresh namespace), from Linux peers:
#   - curl GET /: 200, the HTML page, exact Content-Length, Connection: close
#   - GET /bytes/N byte-exact (SHA-256 against tests/e2e/e2e.py's generator)
#     for N = 0, 1, 1459, 1460, 1461, 65536 and 1 MiB; the 1 MiB rate is
#     printed as a figure
#   - GET /nothing -> 404, a request that is not GET -> 400
#   - three parallel curls of /bytes/200000, all byte-exact
#   - afterwards netstat: no connection left but the listeners (and the
#     control connection asking), no CLOSE_WAIT, every network buffer free;
#     every request logged as "HTTP served"; QEMU exits 0 on "quit".
. "$(dirname "$0")/../../firmware/tests/board-lib.bash"

board_init 180 netns
board_boot fw fw-good-tap
board_wait_ready fw
url="http://$BOARD_IP"

# ---------------------------------------------------------------- GET /
timeout 30 ip netns exec "$FPT_NS" curl -sS --max-time 20 -D "$E2E_WORK/index.head" -o "$E2E_WORK/index.html" "$url/" ||
    e2e_fail "curl $url/ failed"
tr -d '\r' <"$E2E_WORK/index.head" >"$E2E_WORK/index.h"
head -n 1 "$E2E_WORK/index.h" | grep -qx 'HTTP/1.0 200 OK' || e2e_fail "GET /: $(head -n 1 "$E2E_WORK/index.h")"
grep -qx 'Content-Type: text/html' "$E2E_WORK/index.h" || e2e_fail "GET /: no Content-Type: text/html"
grep -qx 'Connection: close' "$E2E_WORK/index.h" || e2e_fail "GET /: no Connection: close"
len="$(sed -n 's/^Content-Length: //p' "$E2E_WORK/index.h")"
size="$(stat -c %s "$E2E_WORK/index.html")"
e2e_assert "'$len' == '$size'" "GET /: Content-Length $len but $size bytes"
grep -q '<h1>Hello from FreeRTOS+TCP</h1>' "$E2E_WORK/index.html" || e2e_fail "GET /: not the page"
e2e_log "GET / -> 200, $size bytes of HTML"

# ---------------------------------------------------------------- /bytes/N
get_bytes() { # get_bytes N [LABEL]
    local n="$1" out want got len status res
    out="$E2E_WORK/bytes-$n.bin"
    res="$(timeout 120 ip netns exec "$FPT_NS" python3 "$BOARD_PY" http --host "$BOARD_IP" --port 80 \
        --timeout 60 "/bytes/$n" --out "$out")" || e2e_fail "GET /bytes/$n failed: $res"
    want="$(python3 "$E2E_PY" pattern-sha "$n")"
    status="$(board_field "$res" status)"
    len="$(board_field "$res" length)"
    got="$(board_field "$res" sha256)"
    e2e_assert "'$status' == 200" "GET /bytes/$n: status $status"
    e2e_assert "'$len' == '$n'" "GET /bytes/$n: Content-Length $len"
    e2e_assert "'$(board_field "$res" body)' == '$n'" "GET /bytes/$n: body of $(board_field "$res" body) bytes"
    e2e_assert "'$got' == '$want'" "GET /bytes/$n: the body differs from the generator's stream"
    e2e_log "GET /bytes/$n -> 200, byte-exact ($(board_field "$res" secs) s, $(board_field "$res" mib_s) MiB/s)"
    LAST_RESULT="$res"
}
for n in 0 1 1459 1460 1461 65536; do
    get_bytes "$n"
done
get_bytes 1048576
e2e_log "FIGURE board_http_bytes_1mib mib_s=$(board_field "$LAST_RESULT" mib_s) secs=$(board_field "$LAST_RESULT" secs)"

# ---------------------------------------------------------------- errors
code="$(timeout 30 ip netns exec "$FPT_NS" curl -s -o /dev/null -w '%{http_code}' --max-time 20 "$url/nothing")" || true
e2e_assert "'$code' == 404" "GET /nothing: $code (want 404)"
line="$(timeout 30 ip netns exec "$FPT_NS" python3 "$BOARD_PY" raw --host "$BOARD_IP" --port 80 \
    'POST / HTTP/1.0\r\n\r\n')" || e2e_fail "POST / failed"
e2e_assert "'$line' == 'HTTP/1.0 400 Bad Request'" "POST /: '$line' (want 400)"
e2e_log "GET /nothing -> 404, POST / -> 400"

# ---------------------------------------------------------------- parallel
want="$(python3 "$E2E_PY" pattern-sha 200000)"
pids=()
for i in 1 2 3; do
    ip netns exec "$FPT_NS" timeout 60 curl -sS --max-time 50 -o "$E2E_WORK/par-$i.bin" "$url/bytes/200000" &
    pids+=($!)
done
for i in 1 2 3; do
    wait "${pids[$((i - 1))]}" || e2e_fail "parallel curl $i failed"
    got="$(sha256sum "$E2E_WORK/par-$i.bin" | cut -d' ' -f1)"
    e2e_assert "'$got' == '$want'" "parallel curl $i: body differs"
done
e2e_log "3 parallel GET /bytes/200000 -> byte-exact"

# ---------------------------------------------------------------- afterwards
sleep 0.5
served="$(grep -c '^HTTP served ' "${E2E_LOG[fw]}" || true)"
e2e_assert "$served -eq 13" "$served 'HTTP served' lines (want 13: 1 + 7 + 2 + 3)"
if grep -qE '^HTTP (abandoned|closed-after-error)' "${E2E_LOG[fw]}"; then
    grep -E '^HTTP (abandoned|closed-after-error)' "${E2E_LOG[fw]}" >&2
    e2e_fail "a request did not end normally"
fi
board_netstat fw
python3 "$E2E_PY" netstat-check "$E2E_NETSTAT_JSON" --listener 80 --child 0/3 --close-wait 0 \
    --tcp-rows 1 --allow-port 9000 --allow-port 9001 --allow-port 9002 --all-free ||
    e2e_fail "netstat after the HTTP tests: see above"
e2e_log "driver: $(board_stats fw)"
board_quit fw
e2e_pass
