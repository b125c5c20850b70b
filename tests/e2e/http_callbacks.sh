#!/usr/bin/env bash
# The HTTP server written with socket callbacks only (c-tests/apps/
# http_callbacks.c: accept, request, answer and close all happen in the
# handlers the IP task calls), driven by curl on the Linux side:
#   - GET /: 200, the HTML page;
#   - GET /bytes/1048576: byte-exact (SHA-256 of tests/e2e/e2e.py's
#     pattern) and exactly 1 MiB, sent as the sent handler reports ACKs;
#   - GET /no-such-page: 404;
#   - 10 sequential and 10 parallel GET /bytes/65536, all byte-exact;
#   - afterwards netstat shows the listener alone (0 children), every
#     network buffer free, and the server closed every connection it
#     opened (its disconnected handler runs closesocket()).
. "$(dirname "$0")/lib.bash"

e2e_init 90
url="http://$E2E_STACK_IP"
e2e_start_app srv "$E2E_BUILD/apps/http_callbacks" --backlog 16 --control "$(e2e_fifo srv)"
e2e_wait_up srv
e2e_wait_log srv '^HTTPCB listening port=80 backlog=16' 10
e2e_warm_arp

curl_get() { # curl_get PATH OUTFILE -> prints the HTTP status
    timeout 30 ip netns exec "$FPT_NS" curl -sS --max-time 20 -o "$2" -w '%{http_code}' "$url$1"
}

# ---------------------------------------------------------------- GET /
code="$(curl_get / "$E2E_WORK/index.html")" || e2e_fail "curl GET / failed"
e2e_assert "'$code' == 200" "GET /: HTTP status $code"
grep -q '<h1>Hello from FreeRTOS+TCP callbacks</h1>' "$E2E_WORK/index.html" || e2e_fail "GET /: unexpected body"
e2e_log "GET /: 200, $(wc -c <"$E2E_WORK/index.html") bytes of HTML"

# ---------------------------------------------------------------- 1 MiB
n=1048576
want="$(python3 "$E2E_PY" pattern-sha $n)"
start=$SECONDS
code="$(curl_get /bytes/$n "$E2E_WORK/bytes.bin")" || e2e_fail "curl GET /bytes/$n failed"
got="$(sha256sum "$E2E_WORK/bytes.bin" | cut -d' ' -f1)"
size="$(stat -c %s "$E2E_WORK/bytes.bin")"
e2e_assert "'$code' == 200" "GET /bytes/$n: HTTP status $code"
e2e_assert "$size -eq $n" "GET /bytes/$n: got $size bytes"
e2e_assert "'$got' == '$want'" "GET /bytes/$n: SHA-256 differs from the generator's"
e2e_log "GET /bytes/$n: 200, byte-exact ($((SECONDS - start)) s)"

# ---------------------------------------------------------------- 404
code="$(curl_get /no-such-page /dev/null)" || e2e_fail "curl GET /no-such-page failed"
e2e_assert "'$code' == 404" "GET /no-such-page: HTTP status $code"

# ---------------------------------------------------------------- 10 sequential, 10 parallel
want="$(python3 "$E2E_PY" pattern-sha 65536)"
for i in $(seq 1 10); do
    code="$(curl_get /bytes/65536 "$E2E_WORK/seq.out")" || e2e_fail "sequential curl $i failed"
    e2e_assert "'$code' == 200" "sequential curl $i: HTTP status $code"
    got="$(sha256sum "$E2E_WORK/seq.out" | cut -d' ' -f1)"
    e2e_assert "'$got' == '$want'" "sequential curl $i: SHA-256 differs"
done
pids=()
for i in $(seq 1 10); do
    curl_get /bytes/65536 "$E2E_WORK/par.$i" >"$E2E_WORK/par.$i.code" 2>&1 &
    pids+=($!)
done
for i in $(seq 1 10); do
    status=0
    wait "${pids[$((i - 1))]}" || status=$?
    e2e_assert "$status -eq 0" "parallel curl $i: exit status $status"
    code="$(cat "$E2E_WORK/par.$i.code")"
    e2e_assert "'$code' == 200" "parallel curl $i: HTTP status $code"
    got="$(sha256sum "$E2E_WORK/par.$i" | cut -d' ' -f1)"
    e2e_assert "'$got' == '$want'" "parallel curl $i: SHA-256 differs"
done
e2e_log "10 sequential and 10 parallel GET /bytes/65536: all 200, byte-exact"

# ---------------------------------------------------------------- nothing left behind
end=$((SECONDS + 10))
while :; do
    e2e_netstat srv
    if python3 "$E2E_PY" netstat-check "$E2E_NETSTAT_JSON" --listener 80 --child 0/16 --tcp-rows 1 --all-free; then
        break
    fi
    [ "$SECONDS" -lt "$end" ] || e2e_fail "after the load: want the listener alone (0/16) and all buffers free"
    sleep 1
done
served="$(grep -c '^HTTPCB served ' "${E2E_LOG[srv]}" || true)"
closed="$(grep -c '^HTTPCB closed ' "${E2E_LOG[srv]}" || true)"
errors="$(grep -c '^HTTPCB error' "${E2E_LOG[srv]}" || true)"
e2e_log "server: $served requests served, $closed connections closed by the disconnected handler"
e2e_assert "$served -eq 23" "the server served $served requests, not 23"
e2e_assert "$closed -eq 23" "the disconnected handler closed $closed connections, not 23"
e2e_assert "$errors -eq 0" "the server reported $errors errors"
grep -q '^HTTPCB closed open=0$' <(tail -n 50 "${E2E_LOG[srv]}" | grep '^HTTPCB closed' | tail -n 1) ||
    e2e_fail "the server's connection table is not empty at the end"

e2e_pass
