#!/usr/bin/env bash
# DHCP and DNS on the firmware (fw-good-dhcp on QEMU mps2-an386, LAN9118 on
# a TAP in a fresh namespace), against a dnsmasq the test starts on the
# TAP's Linux side (192.0.2.1): DHCP range 192.0.2.50-99 with 2-minute
# leases (dnsmasq's shortest), router and DNS option 192.0.2.1, DNS on
# port 53 with one record (peer.board.test -> 192.0.2.1), one name that is
# NXDOMAIN (missing.board.test) and nothing forwarded (--no-resolv).
#   - the board leases an address: the DHCP hook saw both phases, the
#     "APP network up" line carries an address of the range (not the static
#     fallback 192.0.2.15), gateway and DNS 192.0.2.1; dnsmasq's lease file
#     holds it with the board's MAC and host name (option 12, fptcp-board);
#     the time from boot to the lease is printed as a figure
#   - curl GET / at the leased address: 200 and the page
#   - "resolve peer.board.test" on the control port: FreeRTOS_gethostbyname()
#     asks dnsmasq (its query log shows it, from the leased address) and
#     answers 192.0.2.1 (the DNS line on the UART and the reply);
#     "resolve missing.board.test" answers 0.0.0.0
#   - renewal: at T1 (half the lease, 60 s) the board renews with dnsmasq
#     (DHCPACK in its log) and keeps its address ("APP network up again"
#     with the same address); the page is served again afterwards
#   - netstat clean, QEMU exits 0 on "quit".
. "$(dirname "$0")/../../firmware/tests/board-lib.bash"

board_init 150 netns

# ---------------------------------------------------------------- dnsmasq
dnsmasq_bin="$(command -v dnsmasq || echo /usr/sbin/dnsmasq)"
[ -x "$dnsmasq_bin" ] || e2e_fail "dnsmasq not found (scripts/install-deps installs dnsmasq-base)"
leases="$E2E_WORK/dnsmasq.leases"
: >"$leases"
E2E_LOG[dnsmasq]="$E2E_WORK/dnsmasq.log"
e2e_in_ns "$dnsmasq_bin" --conf-file=/dev/null --keep-in-foreground --log-facility=- --log-dhcp --log-queries \
    --interface="$FPT_TAP" --bind-interfaces --no-resolv --no-hosts \
    --host-record=peer.board.test,192.0.2.1 --address=/missing.board.test/ \
    --dhcp-range=192.0.2.50,192.0.2.99,255.255.255.0,2m \
    --dhcp-option=3,192.0.2.1 --dhcp-option=6,192.0.2.1 \
    --dhcp-leasefile="$leases" --pid-file="$E2E_WORK/dnsmasq.pid" --no-ping --dhcp-authoritative \
    --user=root --group=root >"${E2E_LOG[dnsmasq]}" 2>&1 &
E2E_PID[dnsmasq]=$!
fpt_on_exit "e2e__kill ${E2E_PID[dnsmasq]}"
for _ in $(seq 50); do
    [ -s "$E2E_WORK/dnsmasq.pid" ] && break
    kill -0 "${E2E_PID[dnsmasq]}" 2>/dev/null || e2e_fail "dnsmasq exited"
    sleep 0.1
done
[ -s "$E2E_WORK/dnsmasq.pid" ] || e2e_fail "dnsmasq did not start within 5 s"
e2e_log "dnsmasq on $FPT_TAP: DHCP 192.0.2.50-99 (2 min leases), DNS peer.board.test -> 192.0.2.1"

# ---------------------------------------------------------------- lease
board_boot fw fw-good-dhcp
# The fallback would come after about 35 s: 20 s is a lease or a failure.
e2e_wait_log fw '^APP network up ' 20
board_wait_ready fw
up="$(grep -m1 '^APP network up ' "${E2E_LOG[fw]}")"
ip="$(board_field "$up" ip)"
tick="$(board_field "$up" tick)"
e2e_assert "'$(board_field "$up" addressing)' == dhcp" "not the DHCP image: $up"
[[ "$ip" =~ ^192\.0\.2\.([0-9]+)$ ]] && [ "${BASH_REMATCH[1]}" -ge 50 ] && [ "${BASH_REMATCH[1]}" -le 99 ] ||
    e2e_fail "the board's address $ip is not from dnsmasq's range (fallback 192.0.2.15?)"
e2e_assert "'$(board_field "$up" mask)' == 255.255.255.0" "mask: $up"
e2e_assert "'$(board_field "$up" gw)' == 192.0.2.1" "gateway: $up"
e2e_assert "'$(board_field "$up" dns)' == 192.0.2.1" "DNS server: $up"
grep -q '^DHCP phase=pre-discover ' "${E2E_LOG[fw]}" || e2e_fail "the DHCP hook was not asked before DISCOVER"
grep -q "^DHCP phase=pre-request ip=$ip " "${E2E_LOG[fw]}" ||
    e2e_fail "the DHCP hook was not asked before REQUEST with the offered $ip"
grep -qE "^APP up ip=$ip " "${E2E_LOG[fw]}" || e2e_fail "the application does not report $ip"
# dnsmasq writes the lease file when it ACKs.
lease=""
for _ in $(seq 20); do
    lease="$(grep -i ' 52:54:00:12:34:56 ' "$leases" || true)"
    [ -n "$lease" ] && break
    sleep 0.1
done
[ -n "$lease" ] || e2e_fail "no lease for 52:54:00:12:34:56 in dnsmasq's lease file"
read -r _ _ lease_ip lease_name _ <<<"$lease"
e2e_assert "'$lease_ip' == '$ip'" "dnsmasq leased $lease_ip, the board uses $ip"
e2e_assert "'$lease_name' == fptcp-board" "host name in the lease: '$lease_name' (want fptcp-board)"
grep -q "DHCPACK(qtap0) $ip 52:54:00:12:34:56 fptcp-board" "${E2E_LOG[dnsmasq]}" ||
    e2e_fail "no DHCPACK for $ip in dnsmasq's log"
e2e_log "lease: $ip from dnsmasq, $tick ms after boot (first DISCOVER after 250 ms)"
e2e_log "FIGURE board_dhcp_lease_ms ms=$tick"
BOARD_IP="$ip"

# ---------------------------------------------------------------- HTTP
get_page() {
    timeout 30 ip netns exec "$FPT_NS" curl -sS --max-time 20 -D "$E2E_WORK/index.head" -o "$E2E_WORK/index.html" \
        "http://$BOARD_IP/" || e2e_fail "curl http://$BOARD_IP/ failed"
    head -n 1 "$E2E_WORK/index.head" | tr -d '\r' | grep -qx 'HTTP/1.0 200 OK' ||
        e2e_fail "GET /: $(head -n 1 "$E2E_WORK/index.head")"
    grep -q '<h1>Hello from FreeRTOS+TCP</h1>' "$E2E_WORK/index.html" || e2e_fail "GET /: not the page"
}
get_page
e2e_log "GET http://$BOARD_IP/ -> 200, the page"

# ---------------------------------------------------------------- DNS
reply="$(board_control fw resolve peer.board.test)"
e2e_assert "'$reply' == 'ok resolve 192.0.2.1'" "resolve peer.board.test: '$reply'"
e2e_wait_log fw '^DNS name=peer\.board\.test ' 5
dns="$(grep -m1 '^DNS name=peer\.board\.test ' "${E2E_LOG[fw]}")"
e2e_assert "'$(board_field "$dns" ip)' == 192.0.2.1" "UART: $dns"
grep -qE "query\[A\] peer\.board\.test from $ip\$" "${E2E_LOG[dnsmasq]}" ||
    e2e_fail "dnsmasq did not see the board's query for peer.board.test"
e2e_log "FreeRTOS_gethostbyname(peer.board.test) -> 192.0.2.1 from dnsmasq ($(board_field "$dns" ticks) ticks)"
reply="$(board_control fw resolve missing.board.test)"
e2e_assert "'$reply' == 'ok resolve 0.0.0.0'" "resolve missing.board.test: '$reply'"
e2e_wait_log fw '^DNS name=missing\.board\.test ' 5
dns="$(grep -m1 '^DNS name=missing\.board\.test ' "${E2E_LOG[fw]}")"
grep -qE "query\[A\] missing\.board\.test from $ip\$" "${E2E_LOG[dnsmasq]}" ||
    e2e_fail "dnsmasq did not see the board's query for missing.board.test"
e2e_log "FreeRTOS_gethostbyname(missing.board.test) -> 0 (NXDOMAIN, $(board_field "$dns" ticks) ticks)"
# The control task made both lookups: its unused stack (words) after them.
e2e_log "stacks after the lookups: $(board_stats fw | grep '^STACKS ')"

# ---------------------------------------------------------------- renewal
# T1 is half of the 2-minute lease: 60 s after the ACK (tick is ms).
e2e_log "waiting for the renewal at T1 (60 s after the lease)"
e2e_wait_log fw '^APP network up again ' 75
again="$(grep -m1 '^APP network up again ' "${E2E_LOG[fw]}")"
e2e_assert "'$(board_field "$again" ip)' == '$ip'" "the address changed on renewal: $again"
renewed_after=$(($(board_field "$again" tick) - tick))
[ "$renewed_after" -ge 59000 ] && [ "$renewed_after" -le 62000 ] ||
    e2e_fail "renewed $renewed_after ms after the lease (want T1 = 60 s)"
acks="$(grep -c "DHCPACK(qtap0) $ip 52:54:00:12:34:56" "${E2E_LOG[dnsmasq]}" || true)"
e2e_assert "$acks -ge 2" "dnsmasq ACKed $acks times (want the lease and the renewal)"
get_page
e2e_log "renewed with dnsmasq after $renewed_after ms, same address; GET / -> 200 again"

# ---------------------------------------------------------------- afterwards
board_netstat fw
python3 "$E2E_PY" netstat-check "$E2E_NETSTAT_JSON" --listener 80 --child 0/3 --close-wait 0 \
    --tcp-rows 1 --allow-port 9000 --allow-port 9001 --allow-port 9002 --all-free ||
    e2e_fail "netstat after the DHCP/DNS tests: see above"
board_quit fw
e2e_pass
