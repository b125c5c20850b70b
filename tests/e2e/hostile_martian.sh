#!/usr/bin/env bash
# An attacker on the link (issue 9): echo requests and SYNs from martian
# sources, the land attack, an echo request in a broadcast frame and ARP
# requests from bogus senders, written raw to
# the TAP (tests/e2e/hostile_martian.py). The stack answers none of them, still
# answers an ordinary ping, and still serves HTTP.
. "$(dirname "$0")/lib.bash"

e2e_init 60
e2e_start_app srv "$E2E_HTTP_SERVER" --variant good
e2e_wait_up srv
e2e_wait_log srv '^HTTP listening ' 10
e2e_warm_arp
mac="$(e2e_in_ns ip neigh show "$E2E_STACK_IP" dev "$FPT_TAP" | awk '{for (i = 1; i < NF; i++) if ($i == "lladdr") print $(i + 1)}')"
[ -n "$mac" ] || e2e_fail "no neighbour entry for the stack"

out="$(timeout 20 ip netns exec "$FPT_NS" python3 "$E2E_DIR/hostile_martian.py" "$FPT_TAP" "$mac" "$E2E_STACK_IP" "$E2E_LINUX_IP" 2>&1)" ||
    { echo "$out" >&2; e2e_fail "the stack answered hostile frames, or not the control ping"; }
e2e_log "$(grep '^RESULT' <<<"$out")"

code="$(e2e_in_ns curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://$E2E_STACK_IP/")" || true
e2e_assert "'$code' = '200'" "HTTP after the hostile frames: status '$code'"

e2e_pass
