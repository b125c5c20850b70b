#!/usr/bin/env bash
# Bulk transfers, byte-exact (SHA-256 on both ends), with the measured rate
# of each direction printed as a figure (no speed threshold; the deadline
# of the whole test is the only time limit):
#   clean   16 MiB Linux -> stack and 16 MiB stack -> Linux
#   drop    the TAP driver's seeded drop hook, FPTCP_TAP_DROP_PERMILLE=20
#           FPTCP_TAP_DROP_SEED=1 (2 % of frames lost in each direction),
#           $LOSSY_MIB MiB each way (default 16)
#   netem   1 % loss on the Linux side of the TAP (Linux -> stack frames):
#           `tc qdisc add dev <tap> root netem loss 1%`, where the kernel
#           has sch_netem (skipped otherwise, with a note).
#   cbpf    1 % and 5 % loss in both directions from classic-BPF filters on
#           the TAP's clsact egress and ingress (random drop of 1 and 5 in
#           100), $LOSSY_MIB MiB each way. Both act on whole skbs at the
#           qdisc layer (a GSO super-packet counts once).
# The stack is the server in every case (tcp_transfer server --recv /
# --send); the Linux side is tests/e2e/e2e.py (client-send / client-recv).
. "$(dirname "$0")/lib.bash"

CLEAN_MIB="${CLEAN_MIB:-16}"
LOSSY_MIB="${LOSSY_MIB:-16}"
e2e_init 420

port=5100
# one_way LABEL DIR MIB: DIR = up (Linux -> stack) or down (stack -> Linux)
one_way() {
    local label="$1" dir="$2" mib="$3"
    local n=$((mib * 1048576)) name="$1-$2"
    local want app_dir py_cmd
    want="$(python3 "$E2E_PY" pattern-sha $n)"
    port=$((port + 1))
    if [ "$dir" = up ]; then
        app_dir=(--recv)
        py_cmd=(client-send --bytes $n)
    else
        app_dir=(--send $n)
        py_cmd=(client-recv --expect $n)
    fi
    e2e_start_app "$name" "$E2E_TCP_TRANSFER" server --port $port "${app_dir[@]}" --timeout 5000 --stall-limit 12
    e2e_wait_up "$name"
    e2e_wait_log "$name" '^XFER listening ' 10
    local pylog="$E2E_WORK/$name-linux.log" py_status=0
    E2E_LOG[$name-linux]="$pylog"
    timeout 300 ip netns exec "$FPT_NS" python3 "$E2E_PY" "${py_cmd[@]}" --port $port --timeout 60 >"$pylog" 2>&1 ||
        py_status=$?
    e2e_wait_exit "$name" 60
    local app_result py_result
    app_result="$(e2e_last_result "$name")"
    py_result="$(grep '^RESULT' "$pylog" | tail -n 1 || true)"
    e2e_log "$name stack: $app_result"
    e2e_log "$name linux: $py_result"
    grep -E '^tap: |dropped' "${E2E_LOG[$name]}" | sed "s/^/[$E2E_NAME]     /" || true
    e2e_assert "$E2E_STATUS -eq 0" "$name: tcp_transfer exit status $E2E_STATUS"
    e2e_assert "$py_status -eq 0" "$name: Linux peer exit status $py_status"
    e2e_assert "'$(e2e_result_field "$app_result" sha256)' == '$want'" "$name: the stack's digest differs from the generator's"
    e2e_assert "'$(e2e_result_field "$py_result" sha256)' == '$want'" "$name: the Linux digest differs from the generator's"
    e2e_assert "'$(e2e_result_field "$app_result" bytes)' == '$n'" "$name: the stack moved a different number of bytes"
    local rate_stack rate_linux
    rate_stack="$(e2e_result_field "$app_result" mib_s)"
    rate_linux="$(e2e_result_field "$py_result" mib_s)"
    e2e_log "FIGURE transfer_${label}_${dir}_${mib}mib stack_mib_s=$rate_stack linux_mib_s=$rate_linux"
}

# ---------------------------------------------------------------- clean
one_way clean up "$CLEAN_MIB"
one_way clean down "$CLEAN_MIB"

# ---------------------------------------------------------------- TAP drop hook
E2E_APP_ENV=(FPTCP_TAP_DROP_PERMILLE=20 FPTCP_TAP_DROP_SEED=1)
one_way drop2pct up "$LOSSY_MIB"
one_way drop2pct down "$LOSSY_MIB"
E2E_APP_ENV=()

# ---------------------------------------------------------------- Linux-side loss
# tc netem where the kernel has it (Linux -> stack only), otherwise classic
# BPF on the TAP's clsact qdisc, both directions: egress (Linux -> stack)
# and ingress (stack -> Linux) drop PCT in 100 frames at random:
#   A = random; A %= 100; A >= PCT ? pass : drop
# The same filter is what the side-by-side measurement of upstream used on
# the Linux peer's veth (docs/loss.md).
cbpf_drop() {
    local pct="$1" dir
    e2e_in_ns tc qdisc del dev "$FPT_TAP" clsact 2>/dev/null || true
    e2e_in_ns tc qdisc add dev "$FPT_TAP" clsact ||
        e2e_fail "neither netem nor clsact qdisc available on $FPT_TAP"
    for dir in egress ingress; do
        e2e_in_ns tc filter add dev "$FPT_TAP" "$dir" bpf da \
            bytecode "5,32 0 0 4294963256,148 0 0 100,53 0 1 $pct,6 0 0 0,6 0 0 2," ||
            e2e_fail "cannot attach the cBPF loss filter ($dir) to $FPT_TAP"
    done
}
loss_stats() {
    e2e_in_ns tc -s qdisc show dev "$FPT_TAP" | sed "s/^/[$E2E_NAME]     /" || true
    e2e_in_ns tc -s filter show dev "$FPT_TAP" egress 2>/dev/null | sed "s/^/[$E2E_NAME]     /" || true
    e2e_in_ns tc -s filter show dev "$FPT_TAP" ingress 2>/dev/null | sed "s/^/[$E2E_NAME]     /" || true
}
if e2e_in_ns tc qdisc add dev "$FPT_TAP" root netem loss 1% 2>"$E2E_WORK/netem.err"; then
    e2e_log "Linux -> stack loss 1% via netem"
    one_way "linux1pct_netem" up "$LOSSY_MIB"
    one_way "linux1pct_netem" down "$LOSSY_MIB"
    loss_stats
    e2e_in_ns tc qdisc del dev "$FPT_TAP" root
else
    e2e_log "NOTE: tc netem unavailable ($(cat "$E2E_WORK/netem.err")); classic-BPF random drop only"
fi
for pct in 1 5; do
    cbpf_drop "$pct"
    e2e_log "loss $pct% each way via cBPF on $FPT_TAP (egress and ingress)"
    one_way "cbpf${pct}pct" up "$LOSSY_MIB"
    one_way "cbpf${pct}pct" down "$LOSSY_MIB"
    loss_stats
done

e2e_pass
