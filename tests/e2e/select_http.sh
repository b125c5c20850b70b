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

curl_get() { # curl_get OUTFILE URL -> "status"
    timeout 30 ip netns exec "$FPT_NS" curl -sS --max-time 20 -o "$1" -w '%{http_code}' "$2"
}

# ---------------------------------------------------------------- GET /, 404
code="$(curl_get "$E2E_WORK/index.html" "$url/")" || e2e_fail "curl GET / failed"
e2e_assert "'$code' == 200" "GET /: HTTP status $code"
grep -q '<h1>Hello from FreeRTOS+TCP</h1>' "$E2E_WORK/index.html" || e2e_fail "GET /: unexpected body"
code="$(curl_get /dev/null "$url/no-such-page")" || e2e_fail "curl GET /no-such-page failed"
e2e_assert "'$code' == 404" "GET /no-such-page: HTTP status $code"

# ---------------------------------------------------------------- 1 MiB
n=1048576
want="$(python3 "$E2E_PY" pattern-sha $n)"
code="$(timeout 60 ip netns exec "$FPT_NS" curl -sS --max-time 50 -o "$E2E_WORK/bytes.bin" \
    -w '%{http_code} %{speed_download}' "$url/bytes/$n")" || e2e_fail "curl GET /bytes/$n failed"
got="$(sha256sum "$E2E_WORK/bytes.bin" | cut -d' ' -f1)"
e2e_assert "'${code%% *}' == 200" "GET /bytes/$n: HTTP status ${code%% *}"
e2e_assert "'$got' == '$want'" "GET /bytes/$n: SHA-256 differs from the generator's ($want)"
e2e_log "FIGURE select_http_1mib_download_mib_s=$(awk '{ printf "%.2f", $2 / 1048576 }' <<<"$code")"

# ---------------------------------------------------------------- 20 sequential
for i in $(seq 1 20); do
    code="$(curl_get "$E2E_WORK/seq.out" "$url/")" || e2e_fail "sequential curl $i failed"
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
want="$(python3 "$E2E_PY" pattern-sha 65536)"
pids=()
for i in $(seq 1 12); do
    timeout 30 ip netns exec "$FPT_NS" curl -s --max-time 20 -o "$E2E_WORK/par.$i" \
        -w '%{http_code}\n' "$url/bytes/65536" >"$E2E_WORK/par.$i.code" 2>&1 &
    pids+=($!)
done
sleep 0.3
kill -KILL "$victim" 2>/dev/null || true
wait "$victim" 2>/dev/null || true
for i in $(seq 1 12); do
    status=0
    wait "${pids[$((i - 1))]}" || status=$?
    e2e_assert "$status -eq 0" "parallel curl $i: exit status $status"
    code="$(cat "$E2E_WORK/par.$i.code")"
    e2e_assert "'$code' == 200" "parallel curl $i: HTTP status $code"
    got="$(sha256sum "$E2E_WORK/par.$i" | cut -d' ' -f1)"
    e2e_assert "'$got' == '$want'" "parallel curl $i: SHA-256 differs"
done
e2e_log "12 parallel GET /bytes/65536: all 200, byte-exact"
e2e_wait_log srv '^HTTP closed-after-error ' 10 ||
    e2e_fail "the killed download was not closed by the server"

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
e2e_control srv stats
e2e_wait_log srv '^STATS ' 5
e2e_log "server: $(grep '^STATS ' "${E2E_LOG[srv]}" | tail -n 1)"
e2e_stop_app srv

# ---------------------------------------------------------------- K63F, smaller
e2e_start_app k63f "$E2E_SELECT_HTTP_SERVER" --backlog 3 --clients 16 --delay-ms 300 --control "$(e2e_fifo k63f)"
e2e_wait_up k63f
e2e_wait_log k63f '^HTTP listening port=80 backlog=3 variant=select clients=16' 10
e2e_warm_arp
out="$(timeout 100 ip netns exec "$FPT_NS" python3 "$E2E_PY" curl-batches --clients 60 --batch 3 \
    --kill-every 3 --kill-ms 150 --max-time 10 --total-timeout 90 --out "$E2E_WORK/clients.json")" ||
    { echo "$out" >&2; e2e_fail "the client load did not complete"; }
e2e_log "K63F clients: $out"
unkilled_other="$(e2e_result_field "$out" unkilled_other)"
e2e_log "FIGURE select_k63f_refused=$(e2e_result_field "$out" refused) of 60"
e2e_assert "'$unkilled_other' == 0" "$unkilled_other clients that were not killed neither got their page nor were refused"
end=$((SECONDS + 10))
while :; do
    e2e_netstat k63f
    if python3 "$E2E_PY" netstat-check "$E2E_NETSTAT_JSON" --listener 80 --child 0/3 --tcp-rows 1 --all-free; then
        break
    fi
    [ "$SECONDS" -lt "$end" ] || e2e_fail "after the K63F load: want the listener alone (0/3) and all buffers free"
    sleep 1
done
e2e_control k63f stats
e2e_wait_log k63f '^STATS ' 5
e2e_log "K63F server: $(grep '^STATS ' "${E2E_LOG[k63f]}" | tail -n 1)"
e2e_pass
