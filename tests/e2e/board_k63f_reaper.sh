#!/usr/bin/env bash
# The K63F scenario's naive application with the CLOSE_WAIT reaper on the
# emulated board (issue #10): fw-bad-ext-tap on QEMU mps2-an386 -- the
# fw-bad-tap application (port 80, backlog 3, 2000-tick "processing";
# handlers that forget a socket without FreeRTOS_closesocket() when
# recv()/send() fails), built with config/cm4f-ext
# (ipconfigFPTCP_CLOSE_WAIT_TIMEOUT_MS 5000, ipconfigFPTCP_NETSTAT_DIAGNOSTICS
# 1, and the pcap capture streamed over semihosting into the work folder).
# board_k63f_bad.sh shows the same image without the options refusing
# clients forever.
#
# Two rounds, each:
#  1. five wgets, killed after 1 s: three connected (backlog 3) and then
#     abandoned by their handlers, two refused;
#  2. netstat: " 3/3", three eCLOSE_WAIT rows, and after upstream's lines the
#     diagnostics with "port 80: backlog 3/3 full; 3 children in eCLOSE_WAIT
#     for N s: the application must call FreeRTOS_closesocket() on them";
#  3. within 12 s the stack has closed them: the listener alone with
#     " 0/3", and a new client gets its page.
# Then the firmware's metrics (control command "metrics") count the six
# sockets the stack closed, the capture the board streamed holds the
# handshakes (tshark), and QEMU exits 0 on "quit".
. "$(dirname "$0")/../../firmware/tests/board-lib.bash"

board_init 150 netns
# QEMU's semihosting writes the capture into its working folder.
cd "$E2E_WORK"
board_boot fw fw-bad-ext-tap
board_wait_ready fw
grep -q '^HTTP listening port=80 backlog=3 variant=bad delay=2000 ' "${E2E_LOG[fw]}" ||
    e2e_fail "not the bad variant: $(grep '^HTTP listening' "${E2E_LOG[fw]}")"
grep -q '^PCAP streaming to fptcp-capture.pcap' "${E2E_LOG[fw]}" || e2e_fail "the firmware does not stream a capture"
url="http://$BOARD_IP/"
timeout 10 ip netns exec "$FPT_NS" ping -c 3 -i 0.2 -W 2 -q "$BOARD_IP" >/dev/null ||
    e2e_fail "the board does not answer ping"

for round in 1 2; do
    e2e_k63f_five_clients "$url" "round $round"
    e2e_wait_log fw '^HTTP abandoned ' 15 $((3 * round))
    sleep 1

    board_netstat fw
    python3 "$E2E_PY" netstat-check "$E2E_NETSTAT_JSON" --listener 80 --child 3/3 --close-wait 3 --all-free ||
        e2e_fail "round $round: want the backlog full of eCLOSE_WAIT children"
    seq="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["seq"])' "$E2E_NETSTAT_JSON")"
    e2e_netstat_diagnostics fw "$seq" | tee "$E2E_WORK/diag-$seq.txt" | sed 's/^/    /'
    grep -Eq '^port 80: backlog 3/3 full; 3 children in eCLOSE_WAIT for [0-9]+ s: the application must call FreeRTOS_closesocket\(\) on them$' \
        "$E2E_WORK/diag-$seq.txt" || e2e_fail "round $round: no plain-language line for the full backlog"

    end=$((SECONDS + 12))
    while :; do
        sleep 1
        board_netstat fw
        if python3 "$E2E_PY" netstat-check "$E2E_NETSTAT_JSON" --listener 80 --child 0/3 --close-wait 0; then
            break
        fi
        [ "$SECONDS" -lt "$end" ] || e2e_fail "round $round: the stack did not close the abandoned sockets"
    done
    code="$(timeout 10 ip netns exec "$FPT_NS" curl -s -o /dev/null --max-time 8 -w '%{http_code}' "$url" || true)"
    e2e_log "round $round: curl after the reaper: HTTP $code"
    e2e_assert "'$code' == 200" "round $round: a new client got '$code' (want 200)"
done

n="$(grep -c '^HTTP abandoned ' "${E2E_LOG[fw]}" || true)"
e2e_assert "$n -eq 6" "the firmware abandoned $n sockets (want 6)"
# The firmware's health data (xFPTCP_GetStackMetrics) counts what the stack
# closed.
reply="$(board_control fw metrics)"
[ "$reply" = "ok metrics" ] || e2e_fail "metrics: unexpected reply '$reply'"
e2e_wait_log fw '^METRICS ' 5
metrics="$(grep '^METRICS ' "${E2E_LOG[fw]}" | tail -n 1)"
e2e_log "$metrics"
e2e_assert "$(board_field "$metrics" close_wait_reaped) -eq 6" "the metrics count $(board_field "$metrics" close_wait_reaped) sockets closed by the reaper (want 6)"
board_quit fw

# The capture the board streamed: every handshake of port 80.
command -v tshark >/dev/null || e2e_fail "tshark not found (scripts/install-deps installs it)"
[ -s "$E2E_WORK/fptcp-capture.pcap" ] || e2e_fail "no capture from the board"
syn="$(tshark -r "$E2E_WORK/fptcp-capture.pcap" -n -Y 'tcp.flags.syn == 1 && tcp.flags.ack == 1 && tcp.srcport == 80' 2>/dev/null | wc -l)"
e2e_log "capture: $(stat -c %s "$E2E_WORK/fptcp-capture.pcap") bytes, $syn SYN+ACKs from port 80"
e2e_assert "$syn -ge 8" "want a SYN+ACK for each of the 8 accepted connections in the board's capture, got $syn"
e2e_pass
