#!/usr/bin/env bash
# Hostile traffic (peers-and-threats.md section 5) against http_server:
# tests/e2e/hostile.py sends, from inside the namespace, one case per
# vulnerability class (malformed IPv4/TCP/ICMP lengths and checksums, IP
# options, fragments, TCP option lengths 0/1/overlong, urgent pointer abuse,
# RST and SYN injection in and out of the window, a zero-window peer). Each
# case asserts what the stack sends back (or must not), then that the
# server is alive and curl still gets its page. Afterwards: the listener
# alone in netstat and every network buffer free.
. "$(dirname "$0")/lib.bash"

e2e_init 180
venv_py="$E2E_ROOT/.deps/venv/bin/python"
[ -x "$venv_py" ] || e2e_fail "no $venv_py (scapy): run scripts/install-deps"

e2e_start_app srv "$E2E_HTTP_SERVER" --variant good --backlog 16 --tasks 12 --control "$(e2e_fifo srv)"
e2e_wait_up srv
e2e_wait_log srv '^HTTP listening port=80 backlog=16 variant=good' 10
e2e_warm_arp

status=0
e2e_in_ns env HOSTILE_DEBUG="${HOSTILE_DEBUG:-}" timeout 150 "$venv_py" "$E2E_DIR/hostile.py" --iface "$FPT_TAP" --pid "${E2E_PID[srv]}" \
    ${FPTCP_HOSTILE_ONLY:+--only "$FPTCP_HOSTILE_ONLY"} >"$E2E_WORK/hostile.out" 2>&1 || status=$?
while read -r line; do e2e_log "$line"; done <"$E2E_WORK/hostile.out"
e2e_assert "$status -eq 0" "$status hostile case(s) failed (see above)"
n="$(grep -c '^CASE .* ok ' "$E2E_WORK/hostile.out" || true)"
e2e_assert "$n -ge 1" "no case ran"

# Nothing left behind: the hand-made connections were reset, half-open ones
# time out or were reset. Allow 20 s.
end=$((SECONDS + 20))
while :; do
    e2e_netstat srv
    if python3 "$E2E_PY" netstat-check "$E2E_NETSTAT_JSON" --listener 80 --child 0/16 --tcp-rows 1 --all-free; then
        break
    fi
    [ "$SECONDS" -lt "$end" ] || e2e_fail "after the hostile cases: want the listener alone and all buffers free"
    sleep 1
done
e2e_log "$n hostile cases passed"
e2e_pass
