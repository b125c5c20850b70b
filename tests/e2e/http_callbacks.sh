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

# ---------------------------------------------------------------- GET /
code="$(e2e_curl "$E2E_WORK/index.html" "$url/")" || e2e_fail "curl GET / failed"
e2e_assert "'$code' == 200" "GET /: HTTP status $code"
grep -q '<h1>Hello from FreeRTOS+TCP callbacks</h1>' "$E2E_WORK/index.html" || e2e_fail "GET /: unexpected body"
e2e_log "GET /: 200, $(wc -c <"$E2E_WORK/index.html") bytes of HTML"

# ---------------------------------------------------------------- 1 MiB
start=$SECONDS
e2e_check_bytes "$url" 1048576
e2e_log "GET /bytes/1048576 took $((SECONDS - start)) s"

# ---------------------------------------------------------------- 404
e2e_check_status "$url/no-such-page" 404

# ---------------------------------------------------------------- 10 sequential, 10 parallel
for i in $(seq 1 10); do
    e2e_check_bytes "$url" 65536
done
e2e_parallel_bytes "$url" 10 65536

# ---------------------------------------------------------------- nothing left behind
e2e_wait_netstat srv 10 --listener 80 --child 0/16 --tcp-rows 1 --all-free
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
