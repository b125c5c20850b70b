#!/usr/bin/env bash
# Seed scenario (a), reference 14.4 "An application that never closes
# sockets whose peer went away": http_server --variant bad (port 80,
# backlog 3, 2000-tick processing delay; on a negative recv/send return the
# handler forgets the socket without FreeRTOS_closesocket()).
#
#  1. Blocking time: a client connects to the probe port and sends nothing;
#     three FreeRTOS_recv() calls with RCVTIMEO = 300 ticks must each return
#     0 after 300..302 ticks (xTaskGetTickCount() in the app).
#  2. Five wgets start in parallel against port 80 and get SIGKILL after
#     1 s (Linux then sends FIN). Three are accepted (backlog 3), two
#     refused.
#  3. netstat, three times: ~3 s and ~8 s after the handlers abandoned their
#     sockets, and ~2.5 s after the tmout of the CLOSE_WAIT rows has run out
#     (20000 ticks after they entered CLOSE_WAIT). Every time: the exact
#     header, every row in the format
#     "TCP %5d %-32s:%5d %d/%d %-13.13s %6u %6u%s", the listener row ending
#     in " 3/3", exactly three eCLOSE_WAIT rows, and the trailer
#     "FreeRTOS_netstat: N sockets A < B < C buffers free" with B == C (and
#     the BUFS line free == total). Between the first two, every
#     CLOSE_WAIT tmout has fallen by the ticks elapsed (+-250); at the third
#     it has restarted from 20000 (value = 20000 - ticks past expiry, +-400).
#  4. New connections are refused quickly: curl (after netstat 2 and after
#     netstat 3) exits with 7 within 1 s, and the capture on the TAP shows
#     for every refused SYN an RST "R." whose ACK number is the client's
#     ISN + 1.
. "$(dirname "$0")/lib.bash"

e2e_init 150
url="http://$E2E_STACK_IP/"

e2e_start_app srv "$E2E_HTTP_SERVER" --variant bad --port 80 --backlog 3 --control "$(e2e_fifo srv)" \
    --probe-port 8081 --probe-ticks 300 --probe-count 3
e2e_wait_up srv
e2e_wait_log srv '^HTTP listening port=80 backlog=3 variant=bad delay=2000' 10
e2e_wait_log srv '^PROBE listening port=8081' 10
e2e_warm_arp

# ---------------------------------------------------------------- 1. blocking time
timeout 15 ip netns exec "$FPT_NS" python3 "$E2E_PY" hold --port 8081 --timeout 10 >"$E2E_WORK/probe-client.log" 2>&1 ||
    { cat "$E2E_WORK/probe-client.log" >&2; e2e_fail "probe client failed"; }
e2e_wait_log srv '^PROBE done ' 10
grep -q '^PROBE done status=ok' "${E2E_LOG[srv]}" || e2e_fail "probe: a recv() did not return 0"
n=0
while read -r line; do
    ret="$(e2e_result_field "$line" ret)"
    ticks="$(e2e_result_field "$line" ticks)"
    e2e_log "FIGURE recv_rcvtimeo_300 $(cut -d' ' -f2-4 <<<"$line")"
    e2e_assert "$ret -eq 0" "probe: recv returned $ret on timeout (want 0)"
    e2e_assert "$ticks -ge 300 && $ticks -le 302" "probe: recv with RCVTIMEO=300 blocked $ticks ticks (want 300..302)"
    n=$((n + 1))
done < <(grep '^PROBE n=' "${E2E_LOG[srv]}")
e2e_assert "$n -eq 3" "probe: $n PROBE lines (want 3)"

# ---------------------------------------------------------------- capture
# (ip netns exec directly, so that $! is tcpdump itself; stopped with TERM:
# background jobs of a script ignore SIGINT.)
ip netns exec "$FPT_NS" tcpdump --immediate-mode -i "$FPT_TAP" -nn -S -U -w "$E2E_WORK/k63f.pcap" 'tcp port 80' \
    >"$E2E_WORK/tcpdump.log" 2>&1 &
dump=$!
fpt_on_exit "kill -TERM $dump 2>/dev/null || true"
end=$((SECONDS + 10))
until grep -q 'listening on' "$E2E_WORK/tcpdump.log"; do
    kill -0 "$dump" 2>/dev/null || { cat "$E2E_WORK/tcpdump.log" >&2; e2e_fail "tcpdump did not start"; }
    [ "$SECONDS" -lt "$end" ] || e2e_fail "tcpdump not ready"
    sleep 0.05
done

# ---------------------------------------------------------------- 2. five wgets, killed after 1 s
e2e_k63f_five_clients "$url" "five clients"

# The handlers wake 2000 ticks after reading the request, find the peer
# gone (send < 0) and abandon their sockets.
e2e_wait_log srv '^HTTP abandoned ' 15 3
abandoned_at=$SECONDS

# ---------------------------------------------------------------- 3. netstat
# check_netstat: what must hold at every netstat of this scenario.
check_netstat() {
    python3 "$E2E_PY" netstat-check "$E2E_NETSTAT_JSON" --listener 80 --child 3/3 --close-wait 3 --all-free ||
        e2e_fail "netstat #${E2E_SEQ[srv]}: see above"
}

sleep_until() { # sleep_until SECONDS-SINCE-START (bounded by the deadline)
    local d=$(($1 - SECONDS))
    [ "$d" -le 0 ] || sleep "$d"
}

sleep_until $((abandoned_at + 3))
e2e_netstat srv
check_netstat
ns1="$E2E_NETSTAT_JSON"
w1=$(date +%s.%N)

sleep_until $((abandoned_at + 8))
e2e_netstat srv
check_netstat
ns2="$E2E_NETSTAT_JSON"
w2=$(date +%s.%N)

# tmout counts down by the elapsed ticks.
python3 - "$ns1" "$ns2" <<'PYEOF' || e2e_fail "tmout of the CLOSE_WAIT rows did not count down as expected"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
dt = b["tick"] - a["tick"]
rows_a = {r["rport"]: r for r in a["tcp"] if r["state"] == "eCLOSE_WAIT"}
rows_b = {r["rport"]: r for r in b["tcp"] if r["state"] == "eCLOSE_WAIT"}
assert rows_a.keys() == rows_b.keys(), "different CLOSE_WAIT rows: %s vs %s" % (sorted(rows_a), sorted(rows_b))
ok = True
for port in sorted(rows_a):
    m1, m2 = rows_a[port]["tmout"], rows_b[port]["tmout"]
    fell = m1 - m2
    print("    :%d tmout %d -> %d (fell %d over %d ticks)" % (port, m1, m2, fell, dt))
    if not (0 < m2 < m1 <= 20000 and abs(fell - dt) <= 250):
        ok = False
sys.exit(0 if ok else 1)
PYEOF

# ---------------------------------------------------------------- 4a. refused
refused_curl() { # refused_curl LOCAL-PORT
    local status=0 t
    t="$(timeout 10 ip netns exec "$FPT_NS" curl -s -o /dev/null --max-time 5 --local-port "$1" \
        -w '%{time_total}' "$url")" || status=$?
    e2e_log "curl from :$1 while the backlog is full: exit $status after ${t:-?} s"
    e2e_assert "$status -eq 7" "curl from :$1: exit $status (want 7, connection refused)"
    local fast
    fast="$(awk -v t="${t:-99}" 'BEGIN { print ((t + 0) < 1.0) ? "yes" : "no" }')"
    e2e_assert "'$fast' == yes" "curl from :$1 took $t s to be refused (want < 1 s)"
}
refused_curl 45000

# ---------------------------------------------------------------- 3b. the 20000-tick restart
# Remaining ticks of the longest-running timer, converted to wall time with
# the tick rate measured between netstat 1 and 2, plus 2.5 s.
wait_s="$(python3 - "$ns1" "$ns2" "$w1" "$w2" <<'PYEOF'
import json, sys, time
a, b = (json.load(open(p)) for p in sys.argv[1:3])
w1, w2 = float(sys.argv[3]), float(sys.argv[4])
rate = (b["tick"] - a["tick"]) / (w2 - w1)  # ticks per wall second
left = max(r["tmout"] for r in b["tcp"] if r["state"] == "eCLOSE_WAIT")
print("%.1f" % max(0.0, (left + 2500) / rate - (time.time() - w2)))
PYEOF
)"
e2e_log "waiting ${wait_s}s for the CLOSE_WAIT timers to expire and restart"
sleep "$wait_s"
e2e_netstat srv
check_netstat
ns3="$E2E_NETSTAT_JSON"

python3 - "$ns2" "$ns3" <<'PYEOF' || e2e_fail "tmout of the CLOSE_WAIT rows did not restart from 20000"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
dt = b["tick"] - a["tick"]
rows_a = {r["rport"]: r for r in a["tcp"] if r["state"] == "eCLOSE_WAIT"}
rows_b = {r["rport"]: r for r in b["tcp"] if r["state"] == "eCLOSE_WAIT"}
assert rows_a.keys() == rows_b.keys(), "different CLOSE_WAIT rows"
ok = True
for port in sorted(rows_a):
    m2, m3 = rows_a[port]["tmout"], rows_b[port]["tmout"]
    past = dt - m2            # ticks since the timer ran out
    want = 20000 - past
    print("    :%d tmout %d -> %d over %d ticks (ran out %d ticks ago; expect about %d)" % (port, m2, m3, dt, past, want))
    if not (past > 0 and m3 > m2 and abs(m3 - want) <= 400):
        ok = False
sys.exit(0 if ok else 1)
PYEOF
refused_curl 45001

# ---------------------------------------------------------------- 4b. the RSTs on the wire
sleep 1
kill -TERM "$dump" 2>/dev/null || true
wait "$dump" 2>/dev/null || true
tcpdump -nn -S -r "$E2E_WORK/k63f.pcap" >"$E2E_WORK/k63f.txt" 2>/dev/null || e2e_fail "cannot read the capture"
python3 "$E2E_PY" rst-check "$E2E_WORK/k63f.txt" --port 80 --client-port 45000 --client-port 45001 ||
    e2e_fail "RSTs for refused SYNs are missing or do not acknowledge ISN + 1"

abandoned="$(grep -c '^HTTP abandoned ' "${E2E_LOG[srv]}" || true)"
e2e_assert "$abandoned -eq 3" "want 3 abandoned sockets, the server reports $abandoned"
e2e_pass
