#!/usr/bin/env bash
# ICMP echo against the stack (http_server, good variant, as the host
# program): `ping -c 5` with 0 % loss, then five 1400-byte pings (a
# 1428-byte IP packet, one frame) with 0 % loss.
. "$(dirname "$0")/lib.bash"

e2e_init 90
e2e_start_app srv "$E2E_HTTP_SERVER" --variant good
e2e_wait_up srv
e2e_wait_log srv '^HTTP listening ' 10

for size in 56 1400; do
    out="$(timeout 30 ip netns exec "$FPT_NS" ping -c 5 -i 0.2 -W 2 -s "$size" "$E2E_STACK_IP" 2>&1)" ||
        { echo "$out" >&2; e2e_fail "ping -s $size failed"; }
    summary="$(grep -E 'packets transmitted' <<<"$out")"
    rtt="$(grep -E '^rtt' <<<"$out" || true)"
    e2e_log "ping -s $size: $summary; $rtt"
    grep -qE ' 0% packet loss' <<<"$summary" || e2e_fail "ping -s $size lost packets: $summary"
    # Every reply carries the full payload back.
    n="$(grep -cE "^$((size + 8)) bytes from $E2E_STACK_IP" <<<"$out" || true)"
    e2e_assert "$n -eq 5" "ping -s $size: $n of 5 replies had $((size + 8)) bytes"
done

e2e_pass
