#!/usr/bin/env bash
# Silly-window avoidance on a real peer (issue #8; RFC 1122 §4.2.3.3 and
# §4.2.3.4): a 4 MiB bulk transfer each way between Linux and the stack,
# captured with tcpdump on the TAP and counted by segsizes.py. Short data
# segments are allowed only where the writing application paused (the end
# of one of its send() calls: 8192 bytes for tcp_transfer, 256 KiB for
# e2e.py's sendall) or as the last segment; any other short segment after
# a full one ("unaligned": a window ending short of a full segment, or a
# stream remainder sent while the writer waits for space) fails, in either
# direction. Before the fix the stack offered windows ending 7 bytes past
# the last full segment (its RX stream holds 4 MSS + 7 bytes) and Linux
# filled each with a 7-byte segment; the stack sent 7-byte remainders of
# its own TX stream. Frames per MiB (data and ACKs) are printed as figures.
. "$(dirname "$0")/lib.bash"

MIB="${TINY_MIB:-4}"
e2e_init 240

port=5300
# one_way DIR: up (Linux -> stack) or down (stack -> Linux)
one_way() {
    local dir="$1" n=$((MIB * 1048576)) name="xfer-$1"
    local app_dir py_cmd
    port=$((port + 1))
    if [ "$dir" = up ]; then
        app_dir=(--recv)
        py_cmd=(client-send --bytes $n)
    else
        app_dir=(--send $n)
        py_cmd=(client-recv --expect $n)
    fi
    local pcap="$E2E_WORK/$name.pcap"
    # Not through e2e_in_ns: $! must be tcpdump itself (ip execs it).
    ip netns exec "$FPT_NS" tcpdump -i "$FPT_TAP" -s 96 -B 8192 -U -w "$pcap" "tcp port $port" 2>"$E2E_WORK/$name-tcpdump.log" &
    local dump=$!
    fpt_on_exit "kill $dump 2>/dev/null || true"
    e2e_start_app "$name" "$E2E_TCP_TRANSFER" server --port $port "${app_dir[@]}" --timeout 5000 --stall-limit 12
    e2e_wait_up "$name"
    e2e_wait_log "$name" '^XFER listening ' 10
    # tcpdump is listening once it said so.
    local i
    for i in $(seq 1 50); do
        grep -q 'listening on' "$E2E_WORK/$name-tcpdump.log" && break
        sleep 0.1
    done
    local pylog="$E2E_WORK/$name-linux.log" py_status=0
    E2E_LOG[$name-linux]="$pylog"
    timeout 120 ip netns exec "$FPT_NS" python3 "$E2E_PY" "${py_cmd[@]}" --port $port --timeout 60 >"$pylog" 2>&1 ||
        py_status=$?
    e2e_wait_exit "$name" 60
    # Let tcpdump write out what the kernel still holds: stop once the
    # capture file has not grown for half a second (at most 5 s).
    local size=-1 now_size
    for i in $(seq 1 10); do
        sleep 0.5
        now_size="$(stat -c %s "$pcap" 2>/dev/null || echo 0)"
        [ "$now_size" = "$size" ] && break
        size="$now_size"
    done
    kill -INT "$dump" 2>/dev/null || true
    wait "$dump" 2>/dev/null || true
    e2e_assert "$E2E_STATUS -eq 0" "$name: tcp_transfer exit status $E2E_STATUS"
    e2e_assert "$py_status -eq 0" "$name: Linux peer exit status $py_status"
    local report
    report="$(python3 "$E2E_DIR/segsizes.py" "$pcap" $port 1460 "$E2E_STACK_IP=8192" "$E2E_LINUX_IP=262144")"
    e2e_log "$name: $(grep '^RESULT' "$pylog" | tail -n 1 || true)"
    local line src tiny silly unaligned fpm
    while read -r line; do
        e2e_log "$name $line"
        src="$(sed -E 's/^DIR ([^>]*)>.*/\1/' <<<"$line")"
        tiny="$(sed -E 's/.* tiny=([0-9]+) .*/\1/' <<<"$line")"
        silly="$(sed -E 's/.* silly=([0-9]+) .*/\1/' <<<"$line")"
        unaligned="$(sed -E 's/.* unaligned=([0-9]+) .*/\1/' <<<"$line")"
        fpm="$(sed -E 's/.* frames_per_mib=([0-9.]+).*/\1/' <<<"$line")"
        local who=linux
        [ "${src%%:*}" = "$E2E_STACK_IP" ] && who=stack
        # TINY_MEASURE_ONLY=1: figures only (to measure an older build).
        [ "${TINY_MEASURE_ONLY:-0}" = 1 ] ||
            e2e_assert "$unaligned -eq 0" "$name: $who sent $unaligned short segments not at a write boundary ($line)"
        e2e_log "FIGURE tiny_segments_${dir}_sender_${who} tiny=$tiny unaligned=$unaligned silly=$silly frames_per_mib=$fpm"
    done < <(grep '^DIR' <<<"$report" | while read -r l; do
        # Only the direction that carries the bulk data counts.
        b="$(sed -E 's/.* bytes=([0-9]+) .*/\1/' <<<"$l")"
        [ "$b" -ge $((n / 2)) ] && echo "$l"; done)
    grep -q '^DIR' <<<"$report" || e2e_fail "$name: no data segments in the capture"
    grep -q " bytes=$n " <<<"$report" || e2e_fail "$name: the capture does not hold the whole transfer ($report)"
}

one_way up
one_way down
e2e_pass
