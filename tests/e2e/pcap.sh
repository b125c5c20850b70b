#!/usr/bin/env bash
# ipconfigFPTCP_PCAP_CAPTURE end to end (issue #10), in both demo modes:
#  - `scripts/demo --host --pcap FILE` serves its page with http_server_ext
#    (config/posix-ext), which writes every frame in and out to FILE through
#    vFPTCP_SetPcapHook;
#  - `scripts/demo --board --pcap FILE` boots fw-ext-slirp (config/cm4f-ext)
#    in QEMU, which streams its capture over semihosting.
# tshark must then read each whole file without complaint and find in it:
#  - the TCP handshake with the stack: the client's SYN to port 80, the
#    stack's SYN+ACK, and the ACK that completes it;
#  - the HTTP exchange (GET /, a 200 answer) and a FIN each way;
#  - timestamps that never go backwards.
# The host demo also prints the metrics as JSON: it must parse, with the
# listener on port 80 among the sockets.
. "$(dirname "$0")/lib.bash"

command -v tshark >/dev/null || e2e_fail "tshark not found (scripts/install-deps installs it)"
E2E_WORK="$(mktemp -d "/tmp/fpt-e2e-$E2E_NAME.XXXXXX")"
fpt_on_exit "e2e__cleanup_work"
pcap="$E2E_WORK/demo.pcap"

e2e_log "scripts/demo --host --pcap $pcap"
timeout 120 "$E2E_ROOT/scripts/demo" --host --pcap "$pcap" >"$E2E_WORK/demo.log" 2>&1 ||
    { tail -n 40 "$E2E_WORK/demo.log" >&2; e2e_fail "the demo failed"; }
[ -s "$pcap" ] || e2e_fail "the demo wrote no capture"

# The metrics JSON the demo printed (python3 -m json.tool's output).
sed -n '/the stack.s metrics/,/^\[demo\] capture/p' "$E2E_WORK/demo.log" | sed '1d;$d' >"$E2E_WORK/metrics.json"
python3 - "$E2E_WORK/metrics.json" <<'PYEOF' || e2e_fail "the demo's metrics JSON is wrong"
import json, sys
m = json.load(open(sys.argv[1]))
assert m["stack"]["frames_in"] > 0 and m["stack"]["frames_out"] > 0, m["stack"]
assert any(s["local_port"] == 80 and s["state"] == "eTCP_LISTEN" for s in m["sockets"]), m["sockets"]
print("    metrics: %d frames in, %d out, %d socket(s)" % (m["stack"]["frames_in"], m["stack"]["frames_out"], len(m["sockets"])))
PYEOF

# check_capture FILE STACK-IP: what both captures must hold.
check_capture() {
    local pcap="$1" ip="$2"
    # tshark reads the whole file (it fails on a truncated or malformed record).
    tshark -r "$pcap" -n >"$pcap.txt" 2>"$pcap.err" ||
        { cat "$pcap.err" >&2; e2e_fail "tshark cannot read $pcap"; }
    sed 's/^/    /' "$pcap.txt"
    count() { # count DISPLAY-FILTER
        tshark -r "$pcap" -n -Y "$1" 2>/dev/null | wc -l
    }
    syn="$(count "tcp.flags.syn == 1 && tcp.flags.ack == 0 && ip.dst == $ip && tcp.dstport == 80")"
    synack="$(count "tcp.flags.syn == 1 && tcp.flags.ack == 1 && ip.src == $ip && tcp.srcport == 80")"
    ack="$(count "tcp.flags.syn == 0 && tcp.flags.ack == 1 && tcp.seq == 1 && tcp.ack == 1 && ip.dst == $ip && tcp.dstport == 80")"
    get="$(count 'http.request.method == "GET"')"
    ok="$(count 'http.response.code == 200')"
    # A FIN may be sent again (a simultaneous close with QEMU's slirp, whose
    # second FIN carries an old ACK): count each direction.
    fin_out="$(count "tcp.flags.fin == 1 && ip.src == $ip && tcp.srcport == 80")"
    fin_in="$(count "tcp.flags.fin == 1 && ip.dst == $ip && tcp.dstport == 80")"
    back="$(count 'frame.time_delta < 0')"
    e2e_log "$(basename "$pcap"): SYN $syn, SYN+ACK $synack, handshake ACK $ack, GET $get, 200 $ok, FIN out $fin_out in $fin_in, time going back $back"
    e2e_assert "$syn -eq 1 && $synack -eq 1 && $ack -ge 1" "$pcap does not hold the handshake"
    e2e_assert "$get -eq 1 && $ok -eq 1" "$pcap does not hold the HTTP exchange"
    e2e_assert "$fin_out -ge 1 && $fin_in -ge 1" "want a FIN each way in $pcap, found $fin_out out and $fin_in in"
    e2e_assert "$back -eq 0" "timestamps go backwards in $pcap"
}
check_capture "$pcap" 192.0.2.10

# The board: QEMU user networking, the board leases 10.0.2.15.
board="$E2E_WORK/board.pcap"
e2e_log "scripts/demo --board --pcap $board"
timeout 180 "$E2E_ROOT/scripts/demo" --board --pcap "$board" >"$E2E_WORK/demo-board.log" 2>&1 ||
    { tail -n 40 "$E2E_WORK/demo-board.log" >&2; e2e_fail "the board demo failed"; }
grep -q 'capture streamed by the board over semihosting' "$E2E_WORK/demo-board.log" ||
    e2e_fail "the board demo did not report its capture"
check_capture "$board" 10.0.2.15
e2e_pass
