#!/usr/bin/env bash
# HTTP against select_http_server (c-tests/apps/select_http_server.c: ONE
# task serving every connection through FreeRTOS_select(), upstream's
# select() pattern) with curl:
#   - GET /: 200 and the HTML page; GET /no-such-page: 404;
#   - GET /bytes/1048576: byte-exact (SHA-256 of tests/e2e/e2e.py's stream);
#   - 20 sequential and 12 parallel requests all succeed, byte-exact;
#   - a client killed in the middle of a 64 MiB download: the server sees
#     eSELECT_EXCEPT and closes it; the others are not disturbed;
#   - afterwards netstat shows the listener alone (0 children) and every
#     network buffer free;
#   - then the K63F scenario of k63f_good.sh, smaller, on a second server
#     (backlog 3, 300 ms "processing" per request, still one task): 60 curl
#     clients in batches of 3, every third killed after 150 ms: every client
#     not killed gets its page or is refused, and the listener is alone
#     again with every buffer free.
. "$(dirname "$0")/lib.bash"

E2E_SELECT_HTTP_SERVER="$E2E_BUILD/apps/select_http_server"
e2e_init 120
if [ "${FPTCP_E2E_NO_BUILD:-0}" != 1 ]; then
    cmake --build "$E2E_BUILD" --target select_http_server >"$E2E_WORK/cmake-build-select.log" 2>&1 ||
        { tail -n 40 "$E2E_WORK/cmake-build-select.log" >&2; e2e_fail "building select_http_server failed"; }
fi
[ -x "$E2E_SELECT_HTTP_SERVER" ] || e2e_fail "missing $E2E_SELECT_HTTP_SERVER"

url="http://$E2E_STACK_IP"
e2e_start_app srv "$E2E_SELECT_HTTP_SERVER" --backlog 16 --clients 16 --control "$(e2e_fifo srv)"
e2e_wait_up srv
e2e_wait_log srv '^HTTP listening port=80 backlog=16 variant=select clients=16' 10
e2e_warm_arp

# ---------------------------------------------------------------- GET /, 404
code="$(e2e_curl "$E2E_WORK/index.html" "$url/")" || e2e_fail "curl GET / failed"
e2e_assert "'$code' == 200" "GET /: HTTP status $code"
grep -q '<h1>Hello from FreeRTOS+TCP</h1>' "$E2E_WORK/index.html" || e2e_fail "GET /: unexpected body"
e2e_check_status "$url/no-such-page" 404

# ---------------------------------------------------------------- 1 MiB
e2e_check_bytes "$url" 1048576
e2e_log "FIGURE select_http_1mib_download_mib_s=$E2E_MIB_S"

# ---------------------------------------------------------------- 20 sequential
for i in $(seq 1 20); do
    code="$(e2e_curl "$E2E_WORK/seq.out" "$url/")" || e2e_fail "sequential curl $i failed"
    e2e_assert "'$code' == 200" "sequential curl $i: HTTP status $code"
    cmp -s "$E2E_WORK/seq.out" "$E2E_WORK/index.html" || e2e_fail "sequential curl $i: different page"
done
e2e_log "20 sequential GET /: all 200"

# ---------------------------------------------------------------- killed mid-download + 12 parallel
# A 64 MiB download killed after 300 ms: the server, sending, finds the
# connection gone (eSELECT_EXCEPT, or send() refusing more after the peer's
# FIN or RST) and closes the socket.
ip netns exec "$FPT_NS" curl -s --max-time 20 -o /dev/null "$url/bytes/67108864" &
victim=$!
e2e_parallel_bytes "$url" 12 65536 'sleep 0.3; kill -KILL "$victim" 2>/dev/null || true; wait "$victim" 2>/dev/null || true'
e2e_wait_log srv '^HTTP closed-after-error ' 10 ||
    e2e_fail "the killed download was not closed by the server"

# ---------------------------------------------------------------- nothing left behind
e2e_wait_netstat srv 10 --listener 80 --child 0/16 --tcp-rows 1 --all-free
e2e_control srv stats
e2e_wait_log srv '^STATS ' 5
e2e_log "server: $(grep '^STATS ' "${E2E_LOG[srv]}" | tail -n 1)"
e2e_stop_app srv

# ---------------------------------------------------------------- K63F, smaller
e2e_start_app k63f "$E2E_SELECT_HTTP_SERVER" --backlog 3 --clients 16 --delay-ms 300 --control "$(e2e_fifo k63f)"
e2e_wait_up k63f
e2e_wait_log k63f '^HTTP listening port=80 backlog=3 variant=select clients=16' 10
e2e_warm_arp
e2e_k63f_load "$E2E_STACK_IP" 60 / 10
e2e_log "FIGURE select_k63f_refused=$(e2e_result_field "$E2E_K63F" refused) of 60"
e2e_wait_netstat k63f 10 --listener 80 --child 0/3 --tcp-rows 1 --all-free
e2e_control k63f stats
e2e_wait_log k63f '^STATS ' 5
e2e_log "K63F server: $(grep '^STATS ' "${E2E_LOG[k63f]}" | tail -n 1)"
e2e_pass
