#!/usr/bin/env bash
# Soak (issue 9): SOAK_CONNECTIONS (default 3,000) HTTP connections from
# Linux against http_server --variant good (the recommended pattern), 8 at
# a time, every fourth reset right after its request (mid-transfer, as in
# the K63F report). Afterwards: only the listener in netstat, every network
# buffer free (uxGetNumberOfFreeNetworkBuffers back to the pool size), and
# the heap in use (the host kernel's heap_3 is malloc: the allocator's count
# of bytes handed out) no higher than after a warm-up round of the same
# load, within 4 KiB: a leak of 2 bytes per connection would show. The full
# run is SOAK_CONNECTIONS=100000 tests/e2e/soak.sh (README.md).
. "$(dirname "$0")/lib.bash"

CONNECTIONS="${SOAK_CONNECTIONS:-3000}"
WARMUP=200
e2e_init $((120 + CONNECTIONS / 20))

e2e_start_app srv "$E2E_HTTP_SERVER" --variant good --backlog 16 --tasks 12 --pool 1 --control "$(e2e_fifo srv)"
e2e_wait_up srv
e2e_wait_log srv '^HTTP listening port=80 backlog=16 variant=good' 10
e2e_warm_arp

# heap_now: the server's heap in use (its control channel prints HEAP used=N).
heap_now() {
    local before after
    before="$(grep -c '^HEAP ' "${E2E_LOG[srv]}" || true)"
    e2e_control srv heap
    for _ in $(seq 50); do
        after="$(grep -c '^HEAP ' "${E2E_LOG[srv]}" || true)"
        [ "$after" -gt "$before" ] && break
        sleep 0.1
    done
    grep '^HEAP ' "${E2E_LOG[srv]}" | tail -n 1 | sed -n 's/.*used=\([0-9]*\).*/\1/p'
}

# settled: the listener alone, 0 children, every buffer free (within 20 s).
settled() {
    local end=$((SECONDS + 20))
    while :; do
        e2e_netstat srv
        python3 "$E2E_PY" netstat-check "$E2E_NETSTAT_JSON" --listener 80 --child 0/16 --tcp-rows 1 --all-free && return 0
        [ "$SECONDS" -lt "$end" ] || return 1
        sleep 2
    done
}

load() {
    timeout $((60 + $1 / 10)) ip netns exec "$FPT_NS" python3 "$E2E_PY" soak --connections "$1" \
        --concurrency 8 --kill-every 4 --total-timeout $((30 + $1 / 12))
}

out="$(load "$WARMUP")" || { echo "$out" >&2; e2e_fail "the warm-up load did not complete"; }
settled || e2e_fail "after the warm-up: want the listener alone and every buffer free"
heap_warm="$(heap_now)"
e2e_assert "-n '$heap_warm'" "no HEAP line from the server"

e2e_log "soak: $CONNECTIONS connections, 8 at a time, every 4th reset mid-transfer"
out="$(load "$CONNECTIONS")" || { echo "$out" >&2; e2e_fail "the soak load did not complete"; }
e2e_log "soak: $out"
for f in ok killed failed late per_sec secs; do printf -v "r_$f" '%s' "$(e2e_result_field "$out" "$f")"; done
e2e_assert "$r_late -eq 0" "the soak ran out of time"
e2e_assert "$r_failed -eq 0" "$r_failed connections failed (refused or cut)"
e2e_assert "$r_ok -ge $((CONNECTIONS / 2))" "only $r_ok pages served"
settled || e2e_fail "after the soak: want the listener alone and every buffer free"
heap_after="$(heap_now)"
e2e_log "FIGURE soak connections=$CONNECTIONS ok=$r_ok reset=$r_killed secs=$r_secs per_sec=$r_per_sec heap_used_warm=$heap_warm heap_used_after=$heap_after"
e2e_assert "$heap_after -le $((heap_warm + 4096))" "heap: $heap_warm bytes in use after the warm-up, $heap_after after the soak (leak)"

e2e_pass
