#!/usr/bin/env bash
# DHCP without a server on the firmware (fw-good-dhcp on QEMU mps2-an386,
# LAN9118 on a TAP in a fresh namespace, nothing answering DHCP): the board
# asks the hook once before the first DISCOVER, never gets to REQUEST, and
# after the discovery schedule (three DISCOVERs, at 0.25, 5.25 and 15.25 s;
# at 35.25 s the next period, 40 s, would exceed
# ipconfigMAXIMUM_DISCOVER_TX_PERIOD: reference §14.8, docs/dhcp.md) takes
# its static configuration (192.0.2.15/24, gateway 192.0.2.1) with
# eNetworkUp about 35 s after boot; the Linux side saw its DISCOVERs (from
# 0.0.0.0:68 to 255.255.255.255:67), and the page is served at the static
# address. QEMU exits 0 on "quit".
. "$(dirname "$0")/../../firmware/tests/board-lib.bash"

board_init 90 netns
cap="$E2E_WORK/dhcp.pcap"
E2E_LOG[tcpdump]="$E2E_WORK/tcpdump.log"
e2e_in_ns timeout 60 tcpdump -n -i "$FPT_TAP" -w "$cap" -U 'udp port 67 or udp port 68' \
    >"${E2E_LOG[tcpdump]}" 2>&1 &
E2E_PID[tcpdump]=$!
fpt_on_exit "e2e__kill ${E2E_PID[tcpdump]}"
e2e_wait_log tcpdump 'listening on' 5

board_boot fw fw-good-dhcp
e2e_wait_log fw '^DHCP phase=pre-discover ' 10
e2e_log "waiting for the static fallback (about 35 s)"
e2e_wait_log fw '^APP network up ' 50
board_wait_ready fw
up="$(grep -m1 '^APP network up ' "${E2E_LOG[fw]}")"
tick="$(board_field "$up" tick)"
e2e_assert "'$(board_field "$up" ip)' == 192.0.2.15" "fallback address: $up"
e2e_assert "'$(board_field "$up" gw)' == 192.0.2.1" "fallback gateway: $up"
e2e_assert "'$(board_field "$up" addressing)' == dhcp" "not the DHCP image: $up"
[ "$tick" -ge 34000 ] && [ "$tick" -le 37000 ] || e2e_fail "fallback at tick $tick (want about 35,250)"
if grep -q '^DHCP phase=pre-request ' "${E2E_LOG[fw]}"; then
    e2e_fail "the hook saw a REQUEST phase without a server"
fi
n="$(grep -c '^DHCP phase=pre-discover ' "${E2E_LOG[fw]}")"
e2e_assert "$n -eq 1" "the hook was asked $n times (want once: not before retransmissions)"
e2e_log "FIGURE board_dhcp_fallback_ms ms=$tick"

timeout 30 ip netns exec "$FPT_NS" curl -sS --max-time 20 -o "$E2E_WORK/index.html" "http://$BOARD_IP/" ||
    e2e_fail "curl http://$BOARD_IP/ failed"
grep -q '<h1>Hello from FreeRTOS+TCP</h1>' "$E2E_WORK/index.html" || e2e_fail "GET /: not the page"
e2e_log "GET http://$BOARD_IP/ (static fallback) -> the page"

e2e__kill "${E2E_PID[tcpdump]}"
wait "${E2E_PID[tcpdump]}" 2>/dev/null || true
discovers="$(tcpdump -n -r "$cap" 'src host 0.0.0.0 and src port 68 and dst host 255.255.255.255 and dst port 67' 2>/dev/null | wc -l)"
e2e_assert "$discovers -eq 3" "$discovers DISCOVERs on the wire (want 3, as upstream: reference §14.8)"
e2e_log "$discovers DHCP DISCOVERs seen on the TAP, then the static configuration"
board_quit fw
e2e_pass
