#!/usr/bin/env bash
# The seed scenario on the emulated board (reference 14.4, "an application
# that never closes sockets whose peer went away"): fw-bad-tap on QEMU
# mps2-an386 -- HTTP on port 80 with backlog 3, a 2000-tick "processing"
# delay, and handlers that forget a socket without FreeRTOS_closesocket()
# when recv()/send() fails.
#
#  1. Five wget clients start in parallel and are killed after 1 s (Linux
#     sends FIN for each). Three connections fill the backlog; the fourth
#     and fifth are refused.
#  2. The three handlers wake after 2000 ticks, find their peer gone and
#     abandon their sockets ("HTTP abandoned" x3).
#  3. netstat (control port 9000) about 3 s and 8 s later: the listener row
#     ends in " 3/3", exactly three eCLOSE_WAIT rows on port 80, every
#     network buffer free. Between the two, each CLOSE_WAIT row's tmout has
#     counted down by the elapsed ticks (+-250).
#  4. New connections are refused at once: curl from fixed local ports exits
#     with 7 in under 1 s, and the capture on the TAP shows for every
#     refused SYN an RST "R." whose ACK number is the client's ISN + 1
#     (tests/e2e/e2e.py rst-check).
#  5. After the CLOSE_WAIT timers have run out (20000 ticks after the
#     sockets entered CLOSE_WAIT) a third netstat shows them restarted from
#     20000 (+-400), still 3/3 and three eCLOSE_WAIT rows; a new connection
#     is still refused with the right RST.
#  6. QEMU exits 0 on "quit" (no fault, no assert on the way).
. "$(dirname "$0")/../../firmware/tests/board-lib.bash"

board_init 180 netns
board_boot fw fw-bad-tap
board_wait_ready fw
grep -q '^HTTP listening port=80 backlog=3 variant=bad delay=2000 ' "${E2E_LOG[fw]}" ||
    e2e_fail "not the bad variant: $(grep '^HTTP listening' "${E2E_LOG[fw]}")"
url="http://$BOARD_IP/"
timeout 10 ip netns exec "$FPT_NS" ping -c 3 -i 0.2 -W 2 -q "$BOARD_IP" >/dev/null ||
    e2e_fail "the board does not answer ping"

# ---------------------------------------------------------------- capture
pcap="$E2E_WORK/port80.pcap"
ip netns exec "$FPT_NS" tcpdump --immediate-mode -i "$FPT_TAP" -nn -S -U -w "$pcap" 'tcp port 80' \
    >"$E2E_WORK/tcpdump.log" 2>&1 &
dump=$!
fpt_on_exit "kill -TERM $dump 2>/dev/null || true"
for _ in $(seq 1 200); do
    grep -q 'listening on' "$E2E_WORK/tcpdump.log" && break
    kill -0 "$dump" 2>/dev/null || { cat "$E2E_WORK/tcpdump.log" >&2; e2e_fail "tcpdump did not start"; }
    sleep 0.05
done
grep -q 'listening on' "$E2E_WORK/tcpdump.log" || e2e_fail "tcpdump not ready after 10 s"

# ---------------------------------------------------------------- 1. five clients, killed after 1 s
e2e_k63f_five_clients "$url" "five clients"

# ---------------------------------------------------------------- 2. abandoned
e2e_wait_log fw '^HTTP abandoned ' 15 3
t_abandon=$SECONDS
grep '^HTTP abandoned ' "${E2E_LOG[fw]}" | sed "s/^/[$E2E_NAME]     /"

# ---------------------------------------------------------------- 3. netstat twice
check_full() { # the invariant of this scenario at every netstat
    python3 "$E2E_PY" netstat-check "$E2E_NETSTAT_JSON" --listener 80 --child 3/3 --close-wait 3 --all-free ||
        e2e_fail "netstat: see above"
}
wait_until() { # wait_until SECONDS-SINCE-START
    local left=$(($1 - SECONDS))
    if [ "$left" -gt 0 ]; then sleep "$left"; fi
}

wait_until $((t_abandon + 3))
board_netstat fw
check_full
first="$E2E_NETSTAT_JSON"
wall1=$(date +%s.%N)

wait_until $((t_abandon + 8))
board_netstat fw
check_full
second="$E2E_NETSTAT_JSON"
wall2=$(date +%s.%N)

python3 - "$first" "$second" <<'PYEOF' || e2e_fail "the CLOSE_WAIT timers did not count down with the ticks"
import json, sys
one, two = (json.load(open(p)) for p in sys.argv[1:3])
elapsed = two["tick"] - one["tick"]
cw = lambda d: {r["rport"]: r["tmout"] for r in d["tcp"] if r["state"] == "eCLOSE_WAIT"}
a, b = cw(one), cw(two)
if a.keys() != b.keys():
    sys.exit("the CLOSE_WAIT rows changed: %s -> %s" % (sorted(a), sorted(b)))
good = True
for port in sorted(a):
    drop = a[port] - b[port]
    print("    :%d tmout %d -> %d, down %d in %d ticks" % (port, a[port], b[port], drop, elapsed))
    good &= 0 < b[port] < a[port] <= 20000 and abs(drop - elapsed) <= 250
sys.exit(0 if good else 1)
PYEOF

# ---------------------------------------------------------------- 4. refused, quickly
refuse_check() { # refuse_check LOCAL-PORT
    local rc=0 took
    took="$(timeout 10 ip netns exec "$FPT_NS" curl -s -o /dev/null --max-time 5 --local-port "$1" \
        -w '%{time_total}' "$url")" || rc=$?
    e2e_log "curl from :$1 with the backlog full: exit $rc after ${took:-?} s"
    e2e_assert "$rc -eq 7" "curl from :$1 exited $rc (want 7, connection refused)"
    awk -v t="${took:-99}" 'BEGIN { exit !((t + 0) < 1.0) }' || e2e_fail "curl from :$1 was refused only after $took s"
}
refuse_check 45000

# ---------------------------------------------------------------- 5. the 20000-tick restart
# Sleep until the longest remaining timer has run out, plus 2.5 s, using the
# tick rate measured between the two netstats.
pause="$(python3 - "$first" "$second" "$wall1" "$wall2" <<'PYEOF'
import json, sys, time
one, two = (json.load(open(p)) for p in sys.argv[1:3])
w1, w2 = float(sys.argv[3]), float(sys.argv[4])
ticks_per_s = (two["tick"] - one["tick"]) / (w2 - w1)
left = max(r["tmout"] for r in two["tcp"] if r["state"] == "eCLOSE_WAIT")
print("%.1f" % max(0.0, (left + 2500) / ticks_per_s - (time.time() - w2)))
PYEOF
)"
e2e_log "waiting ${pause}s for the CLOSE_WAIT timers to run out and restart"
sleep "$pause"
board_netstat fw
check_full
third="$E2E_NETSTAT_JSON"
python3 - "$second" "$third" <<'PYEOF' || e2e_fail "the CLOSE_WAIT timers did not restart from 20000"
import json, sys
two, three = (json.load(open(p)) for p in sys.argv[1:3])
elapsed = three["tick"] - two["tick"]
cw = lambda d: {r["rport"]: r["tmout"] for r in d["tcp"] if r["state"] == "eCLOSE_WAIT"}
b, c = cw(two), cw(three)
if b.keys() != c.keys():
    sys.exit("the CLOSE_WAIT rows changed")
good = True
for port in sorted(b):
    since = elapsed - b[port]   # ticks since the timer ran out
    expect = 20000 - since
    print("    :%d tmout %d -> %d after %d ticks (ran out %d ticks ago, expect about %d)"
          % (port, b[port], c[port], elapsed, since, expect))
    good &= since > 0 and c[port] > b[port] and abs(c[port] - expect) <= 400
sys.exit(0 if good else 1)
PYEOF
refuse_check 45001

# ---------------------------------------------------------------- 4b. the RSTs on the wire
sleep 1
kill -TERM "$dump" 2>/dev/null || true
wait "$dump" 2>/dev/null || true
tcpdump -nn -S -r "$pcap" >"$E2E_WORK/port80.txt" 2>/dev/null || e2e_fail "cannot read the capture"
python3 "$E2E_PY" rst-check "$E2E_WORK/port80.txt" --port 80 --client-port 45000 --client-port 45001 ||
    e2e_fail "refused SYNs without an RST acknowledging ISN + 1"

# ---------------------------------------------------------------- 6. the end
n="$(grep -c '^HTTP abandoned ' "${E2E_LOG[fw]}" || true)"
e2e_assert "$n -eq 3" "the firmware abandoned $n sockets (want 3)"
e2e_log "driver: $(board_stats fw)"
board_quit fw
e2e_pass
