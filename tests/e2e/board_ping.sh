#!/usr/bin/env bash
# ICMP echo against the firmware on QEMU mps2-an386 (fw-good-tap, LAN9118
# on a TAP in a fresh namespace): `ping -c 5` with 0 % loss, five 1400-byte
# pings (one full frame each way) with 0 % loss, and a burst of 50 pings at
# 10 ms intervals with 0 % loss. Every reply carries the full payload.
# Then the driver's counters: receive went through the interrupt path
# (interrupts > 0, none spurious, no receive errors or drops), and every
# frame sent went through the zero-copy transmit path (tx_deferred = tx).
# Link loss: the TAP link is set down through QEMU's QMP (set_link); the
# emulated PHY interrupts, the driver reports "link down" and calls
# FreeRTOS_NetworkDown(), the application sees eNetworkDown, pings go
# unanswered; link up again: the driver reports it, the stack's periodic
# pfInitialise() retry brings the network up again (eNetworkUp), pings are
# answered. QEMU exits with status 0 on "quit".
. "$(dirname "$0")/../../firmware/tests/board-lib.bash"

board_init 120 netns
board_boot fw fw-good-tap -qmp "unix:$E2E_WORK/qmp.sock,server=on,wait=off"
board_wait_ready fw

ping_case() { # ping_case COUNT SIZE INTERVAL
    local count="$1" size="$2" interval="$3" out summary rtt n
    out="$(timeout 60 ip netns exec "$FPT_NS" ping -c "$count" -i "$interval" -W 2 -s "$size" "$BOARD_IP" 2>&1)" ||
        { echo "$out" >&2; e2e_fail "ping -c $count -s $size failed"; }
    summary="$(grep -E 'packets transmitted' <<<"$out")"
    rtt="$(grep -E '^rtt' <<<"$out" || true)"
    e2e_log "ping -c $count -s $size -i $interval: $summary; $rtt"
    if ! grep -qE ' 0% packet loss' <<<"$summary"; then
        board_stats fw >&2 || true
        e2e_fail "ping -s $size lost packets: $summary"
    fi
    n="$(grep -cE "^$((size + 8)) bytes from $BOARD_IP" <<<"$out" || true)"
    e2e_assert "$n -eq $count" "ping -s $size: $n of $count replies had $((size + 8)) bytes"
    e2e_log "FIGURE board_ping_c${count}_s${size} $(sed -n 's/^rtt min\/avg\/max\/mdev = \([^ ]*\) ms.*/min_avg_max_mdev_ms=\1/p' <<<"$rtt")"
}

ping_case 5 56 0.2
ping_case 5 1400 0.2
ping_case 50 56 0.01

stats="$(board_stats fw)"
e2e_log "driver: $stats"
irq="$(board_field "$stats" irq)"
spurious="$(board_field "$stats" spurious)"
rx="$(board_field "$stats" rx)"
for key in rx_err rx_nobuf rx_qfull rx_fifo_err tx_err; do
    v="$(board_field "$stats" "$key")"
    e2e_assert "'$v' == 0" "driver counter $key=$v (want 0)"
done
e2e_assert "$irq -gt 0 && $rx -ge 60" "driver: irq=$irq rx=$rx (want interrupts and at least 60 received frames)"
e2e_assert "$spurious -eq 0" "driver: $spurious spurious interrupts"
# config/cm4f sets ipconfigZERO_COPY_TX_DRIVER: every frame went from
# pfOutput() to the driver's task, which wrote and released it (README, "Zero copy").
tx="$(board_field "$stats" tx)"
deferred="$(board_field "$stats" tx_deferred)"
e2e_assert "'$deferred' == '$tx'" "driver: tx=$tx but tx_deferred=$deferred (want every frame sent by the driver's task)"

board_netstat fw
python3 "$E2E_PY" netstat-check "$E2E_NETSTAT_JSON" --close-wait 0 --all-free ||
    e2e_fail "netstat after ping: see above"

# ---------------------------------------------------------------- link loss
set_link() { # set_link up|down
    python3 "$BOARD_PY" link --qmp "$E2E_WORK/qmp.sock" --name n0 "--$1" >/dev/null ||
        e2e_fail "QMP set_link $1 failed"
}
t0=$SECONDS
set_link down
e2e_wait_log fw '^lan9118: link down$' 10
out="$(timeout 20 ip netns exec "$FPT_NS" ping -c 3 -i 0.2 -W 1 -q "$BOARD_IP" 2>&1 || true)"
grep -q ' 100% packet loss' <<<"$out" || { echo "$out" >&2; e2e_fail "pings were answered while the link was down"; }
# Upstream calls vApplicationIPNetworkEventHook_Multi( eNetworkDown, ... )
# when it processes the driver's FreeRTOS_NetworkDown(); so must we.
e2e_wait_log fw '^APP network down ' 10
e2e_log "link down: the driver saw it, eNetworkDown reached the application, pings unanswered"
set_link up
e2e_wait_log fw '^lan9118: link up$' 10
e2e_wait_log fw '^APP network up again ' 15
e2e_log "link up: eNetworkUp again after $((SECONDS - t0)) s (the stack retries pfInitialise every 3 s)"
ping_case 5 56 0.2
board_check_sane fw

board_quit fw
e2e_pass
