#!/usr/bin/env bash
# Bulk TCP transfers with the firmware on QEMU mps2-an386 (LAN9118 on a TAP
# in a fresh namespace), byte-exact (SHA-256 on both ends against
# tests/e2e/e2e.py's generator), $BOARD_XFER_MIB MiB (default 4) each way,
# the measured rates printed as figures (no speed threshold; the deadline is
# the only time limit):
#   up    Linux -> board: e2e.py client-send to port 9001 (the firmware
#         hashes everything up to the FIN)
#   down  board -> Linux: "send N" on the control port, then e2e.py
#         client-recv from port 9002
# Twice: fw-good-tap (library with BufferAllocation_2: frames on the heap)
# and fw-good-tap-ba1 (BufferAllocation_1: the driver's static buffers from
# uxNetworkInterfaceAllocateRAMToBuffers). After each: the driver's
# counters, every network buffer free, QEMU exits 0 on "quit".
. "$(dirname "$0")/../../firmware/tests/board-lib.bash"

mib="${BOARD_XFER_MIB:-4}"
n=$((mib * 1048576))

board_init 300 netns
want="$(python3 "$E2E_PY" pattern-sha $n)"

# one_round NAME IMAGE LABEL
one_round() {
    local name="$1" image="$2" label="$3" status py fw pylog reply stats key v
    board_boot "$name" "$image"
    board_wait_ready "$name"
    timeout 10 ip netns exec "$FPT_NS" ping -c 2 -i 0.2 -W 2 -q "$BOARD_IP" >/dev/null ||
        e2e_fail "$name: the board does not answer ping"

    # up
    pylog="$E2E_WORK/$name-up-linux.log"
    E2E_LOG[$name-up-linux]="$pylog"
    status=0
    timeout 240 ip netns exec "$FPT_NS" python3 "$E2E_PY" client-send --host "$BOARD_IP" --port 9001 --bytes $n \
        --timeout 60 >"$pylog" 2>&1 || status=$?
    py="$(grep '^RESULT' "$pylog" | tail -n 1 || true)"
    e2e_assert "$status -eq 0" "$name up: the Linux sender failed (status $status): $py"
    e2e_wait_log "$name" '^RESULT role=server dir=recv ' 30
    fw="$(grep '^RESULT role=server dir=recv ' "${E2E_LOG[$name]}" | tail -n 1)"
    e2e_log "$label up   linux: $py"
    e2e_log "$label up   board: $fw"
    e2e_assert "'$(board_field "$fw" status)' == ok" "$name up: the board reports status $(board_field "$fw" status)"
    e2e_assert "'$(board_field "$fw" bytes)' == '$n'" "$name up: the board received $(board_field "$fw" bytes) bytes"
    e2e_assert "'$(board_field "$fw" sha256)' == '$want'" "$name up: the board's digest differs from the generator's"
    e2e_log "FIGURE board_transfer_${label}_up_${mib}mib linux_mib_s=$(board_field "$py" mib_s) board_kib_s=$(board_field "$fw" kib_s) board_ticks=$(board_field "$fw" ticks)"

    # down
    reply="$(board_control "$name" send $n)"
    e2e_assert "'$reply' == 'ok send $n'" "$name down: control reply '$reply'"
    pylog="$E2E_WORK/$name-down-linux.log"
    E2E_LOG[$name-down-linux]="$pylog"
    status=0
    timeout 240 ip netns exec "$FPT_NS" python3 "$E2E_PY" client-recv --host "$BOARD_IP" --port 9002 --expect $n \
        --timeout 60 >"$pylog" 2>&1 || status=$?
    py="$(grep '^RESULT' "$pylog" | tail -n 1 || true)"
    e2e_assert "$status -eq 0" "$name down: the Linux receiver failed (status $status): $py"
    e2e_assert "'$(board_field "$py" sha256)' == '$want'" "$name down: the Linux digest differs from the generator's"
    e2e_wait_log "$name" '^RESULT role=server dir=send ' 30
    fw="$(grep '^RESULT role=server dir=send ' "${E2E_LOG[$name]}" | tail -n 1)"
    e2e_log "$label down linux: $py"
    e2e_log "$label down board: $fw"
    e2e_assert "'$(board_field "$fw" status)' == ok" "$name down: the board reports status $(board_field "$fw" status)"
    e2e_assert "'$(board_field "$fw" sha256)' == '$want'" "$name down: the board's digest differs from the generator's"
    e2e_log "FIGURE board_transfer_${label}_down_${mib}mib linux_mib_s=$(board_field "$py" mib_s) board_kib_s=$(board_field "$fw" kib_s) board_ticks=$(board_field "$fw" ticks)"

    # afterwards
    stats="$(board_stats "$name")"
    e2e_log "$label driver: $(head -n 1 <<<"$stats")"
    e2e_log "$label stacks: $(tail -n 1 <<<"$stats")"
    for key in rx_err rx_nobuf rx_qfull rx_fifo_err tx_err spurious; do
        v="$(board_field "$stats" "$key")"
        [ "$v" = 0 ] || e2e_log "NOTE $label: driver counter $key=$v"
    done
    board_netstat "$name"
    python3 "$E2E_PY" netstat-check "$E2E_NETSTAT_JSON" --close-wait 0 --all-free ||
        e2e_fail "$name: netstat after the transfers: see above"
    board_quit "$name"
}

one_round fw fw-good-tap ba2
one_round fw1 fw-good-tap-ba1 ba1
e2e_pass
