#!/usr/bin/env bash
# HTTP against http_server (good variant) with curl and wget:
#   - GET / with curl and with wget: status 200, the HTML page;
#   - GET /bytes/1048576: byte-exact (SHA-256 against tests/e2e/e2e.py's
#     generator of the same stream) and exactly 1 MiB;
#   - GET /no-such-page: 404;
#   - 20 sequential curls of / all succeed;
#   - 10 parallel curls of /bytes/65536 all succeed, byte-exact;
#   - afterwards netstat shows the listener alone (0 children) and every
#     network buffer free.
# The server runs with backlog 16 (not the default 3): with backlog 3, the
# 4th..10th simultaneous SYN is refused by design (reference section 3).
. "$(dirname "$0")/lib.bash"

e2e_init 150
url="http://$E2E_STACK_IP"
e2e_start_app srv "$E2E_HTTP_SERVER" --variant good --backlog 16 --tasks 12 --control "$(e2e_fifo srv)"
e2e_wait_up srv
e2e_wait_log srv '^HTTP listening port=80 backlog=16 variant=good' 10
e2e_warm_arp

# ---------------------------------------------------------------- GET /
code="$(timeout 20 ip netns exec "$FPT_NS" curl -sS --max-time 10 -D "$E2E_WORK/index.hdr" \
    -o "$E2E_WORK/index.curl" -w '%{http_code}' "$url/")" || e2e_fail "curl GET / failed"
e2e_assert "'$code' == 200" "curl GET /: HTTP status $code"
grep -q '<h1>Hello from FreeRTOS+TCP</h1>' "$E2E_WORK/index.curl" || e2e_fail "curl GET /: unexpected body"
grep -qi '^Content-Type: text/html' "$E2E_WORK/index.hdr" || e2e_fail "curl GET /: no text/html Content-Type"
e2e_log "curl GET /: 200, $(wc -c <"$E2E_WORK/index.curl") bytes of HTML"

timeout 20 ip netns exec "$FPT_NS" wget -q --tries=1 --timeout=10 -O "$E2E_WORK/index.wget" "$url/" ||
    e2e_fail "wget GET / failed"
cmp -s "$E2E_WORK/index.curl" "$E2E_WORK/index.wget" || e2e_fail "wget and curl got different pages"
e2e_log "wget GET /: same page"

# ---------------------------------------------------------------- 1 MiB
n=1048576
want="$(python3 "$E2E_PY" pattern-sha $n)"
start=$SECONDS
code="$(timeout 60 ip netns exec "$FPT_NS" curl -sS --max-time 50 -o "$E2E_WORK/bytes.bin" \
    -w '%{http_code} %{time_total} %{speed_download}' "$url/bytes/$n")" || e2e_fail "curl GET /bytes/$n failed"
got="$(sha256sum "$E2E_WORK/bytes.bin" | cut -d' ' -f1)"
size="$(stat -c %s "$E2E_WORK/bytes.bin")"
e2e_log "curl GET /bytes/$n: status/time/speed = $code; $size bytes, sha256 $got"
e2e_assert "'${code%% *}' == 200" "GET /bytes/$n: HTTP status ${code%% *}"
e2e_assert "$size -eq $n" "GET /bytes/$n: got $size bytes"
e2e_assert "'$got' == '$want'" "GET /bytes/$n: SHA-256 differs from the generator's ($want)"
speed="$(awk '{ printf "%.2f", $3 / 1048576 }' <<<"$code")"
e2e_log "FIGURE http_1mib_download_mib_s=$speed"

timeout 60 ip netns exec "$FPT_NS" wget -q --tries=1 --timeout=30 -O "$E2E_WORK/bytes.wget" "$url/bytes/$n" ||
    e2e_fail "wget GET /bytes/$n failed"
got="$(sha256sum "$E2E_WORK/bytes.wget" | cut -d' ' -f1)"
e2e_assert "'$got' == '$want'" "wget GET /bytes/$n: SHA-256 differs"

# ---------------------------------------------------------------- 404
code="$(timeout 20 ip netns exec "$FPT_NS" curl -s --max-time 10 -o /dev/null -w '%{http_code}' "$url/no-such-page")" ||
    e2e_fail "curl GET /no-such-page failed"
e2e_assert "'$code' == 404" "GET /no-such-page: HTTP status $code"

# ---------------------------------------------------------------- 20 sequential
start=$SECONDS
for i in $(seq 1 20); do
    code="$(timeout 20 ip netns exec "$FPT_NS" curl -s --max-time 10 -o "$E2E_WORK/seq.out" -w '%{http_code}' "$url/")" ||
        e2e_fail "sequential curl $i failed (exit $?)"
    e2e_assert "'$code' == 200" "sequential curl $i: HTTP status $code"
    cmp -s "$E2E_WORK/seq.out" "$E2E_WORK/index.curl" || e2e_fail "sequential curl $i: different page"
done
e2e_log "20 sequential GET /: all 200 ($((SECONDS - start)) s)"

# ---------------------------------------------------------------- 10 parallel
want="$(python3 "$E2E_PY" pattern-sha 65536)"
pids=()
for i in $(seq 1 10); do
    timeout 30 ip netns exec "$FPT_NS" curl -s --max-time 20 -o "$E2E_WORK/par.$i" \
        -w '%{http_code}\n' "$url/bytes/65536" >"$E2E_WORK/par.$i.code" 2>&1 &
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
e2e_log "10 parallel GET /bytes/65536: all 200, byte-exact"

# ---------------------------------------------------------------- nothing left behind
# Handlers finish their graceful close within a few hundred ms; allow 10 s.
end=$((SECONDS + 10))
while :; do
    e2e_netstat srv
    if python3 "$E2E_PY" netstat-check "$E2E_NETSTAT_JSON" --listener 80 --child 0/16 --tcp-rows 1 --all-free; then
        break
    fi
    [ "$SECONDS" -lt "$end" ] || e2e_fail "after the load: want the listener alone (0/16) and all buffers free; see the netstat above"
    sleep 1
done
served="$(grep -c '^HTTP served ' "${E2E_LOG[srv]}" || true)"
errors="$(grep -c '^HTTP closed-after-error ' "${E2E_LOG[srv]}" || true)"
e2e_log "server: $served connections served, $errors closed after an error"
e2e_assert "$errors -eq 0" "the server saw $errors connection errors"

e2e_pass
