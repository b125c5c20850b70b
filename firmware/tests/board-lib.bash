# shellcheck shell=bash
# Shared code of the firmware tests under QEMU (tests/e2e/board_*.sh).
# Source it from a test:
#
#   . "$(dirname "$0")/../../firmware/tests/board-lib.bash"
#   board_init 120 netns              # work dir, deadline, firmware build, namespace + TAP
#   board_boot fw fw-good-tap         # QEMU mps2-an386 on the TAP, UART -> log
#   board_wait_ready fw
#   e2e_in_ns curl http://$BOARD_IP/  # Linux peers inside the namespace
#   board_netstat fw                  # -> $E2E_NETSTAT_JSON (tests/e2e/e2e.py netstat)
#   board_quit fw                     # "quit" on the control port; QEMU must exit 0
#   e2e_pass
#
# Built on tests/e2e/lib.bash (logging, failure handling, log waits,
# netstat parsing through e2e.py, cleanup via scripts/netns-lib.sh); this
# file adds what differs for the board: the firmware build
# (firmware/build.sh), QEMU with its UART in a file and semihosting for the
# exit status, the board's address 192.0.2.15 and its control port 9000.
#
# Network: one fresh namespace per test with a TAP device "qtap0" (Linux
# side 192.0.2.1/24); QEMU runs inside the namespace and attaches to it
# (-netdev tap,ifname=qtap0,script=no,downscript=no). Nothing is added to
# the root namespace. Missing root, /dev/net/tun, QEMU or the cross tools
# are failures, never skips.
#
# Environment:
#   FPTCP_BOARD_NO_BUILD=1   do not run firmware/build.sh; the images must exist
#   FPTCP_FIRMWARE_OUT       image directory (default build/firmware)
#   FPTCP_E2E_KEEP=1         keep the work directory (UART logs, captures)

BOARD_LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../tests/e2e/lib.bash
. "$BOARD_LIB_DIR/../../tests/e2e/lib.bash"

BOARD_IP=192.0.2.15
BOARD_LINUX_IP=192.0.2.1
BOARD_TAP=qtap0
BOARD_CONTROL_PORT=9000
BOARD_FW_DIR="${FPTCP_FIRMWARE_OUT:-$E2E_ROOT/build/firmware}"
BOARD_PY="$BOARD_LIB_DIR/board.py"
# The HTTP checks of lib.bash ask the board for its netstat.
E2E_NETSTAT_FN=board_netstat
# Upper bound of one QEMU run (the test's own deadline is usually shorter).
BOARD_QEMU_SECONDS=600

# ------------------------------------------------------------ set-up

board__watchdog() {
    local secs="$1" parent=$$
    (
        sleep_pid=""
        trap '[ -n "$sleep_pid" ] && kill "$sleep_pid" 2>/dev/null; exit 0' TERM
        sleep "$secs" >/dev/null 2>&1 &
        sleep_pid=$!
        wait "$sleep_pid"
        echo "[$E2E_NAME] FAILED: deadline of ${secs}s reached" >&2
        : >"$E2E_WORK/.deadline"
        kill -TERM "$parent"
    ) &
    fpt_on_exit "kill $! 2>/dev/null || true"
}

board_build() {
    local tool
    for tool in qemu-system-arm arm-none-eabi-gcc python3; do
        command -v "$tool" >/dev/null || e2e_fail "'$tool' not found (run scripts/install-deps)"
    done
    if [ "${FPTCP_BOARD_NO_BUILD:-0}" != 1 ]; then
        FPTCP_FIRMWARE_OUT="$BOARD_FW_DIR" "$E2E_ROOT/firmware/build.sh" >"$E2E_WORK/firmware-build.log" 2>&1 ||
            { tail -n 40 "$E2E_WORK/firmware-build.log" >&2; e2e_fail "firmware/build.sh failed"; }
    fi
    local img
    for img in fw-good-tap fw-bad-tap fw-good-slirp fw-good-dhcp fw-good-tap-ba1 fw-bad-ext-tap fw-ext-slirp lan9118-irqprobe \
        fw-select-tap fw-callbacks-tap; do
        [ -f "$BOARD_FW_DIR/$img.elf" ] || e2e_fail "missing firmware image $BOARD_FW_DIR/$img.elf"
    done
}

# board_init DEADLINE-SECONDS [netns]: work directory, firmware build, then
# the watchdog (the test ends with a failure DEADLINE seconds after the
# build), and with "netns" a namespace with the TAP (sets FPT_NS, FPT_TAP).
board_init() {
    local deadline="$1" want_ns="${2:-}"
    E2E_WORK="$(mktemp -d "/tmp/fpt-e2e-$E2E_NAME.XXXXXX")"
    fpt_on_exit "e2e__cleanup_work"
    # The deadline covers the test, not the (incremental) firmware build.
    board_build
    board__watchdog "$deadline"
    if [ "$want_ns" = netns ]; then
        fpt_netns_create "$BOARD_TAP"
        e2e_log "namespace $FPT_NS, TAP $FPT_TAP ($FPT_LINUX_ADDR), board $BOARD_IP, work dir $E2E_WORK"
    else
        e2e_log "work dir $E2E_WORK"
    fi
}

# ------------------------------------------------------------ QEMU

# board_boot NAME IMAGE [QEMU-ARGS...]: boots build/firmware/IMAGE.elf in
# QEMU mps2-an386. UART0 goes to $E2E_WORK/NAME.uart (E2E_LOG[NAME]), QEMU's
# own messages to NAME.qemu. Inside the test namespace (if any) with the
# LAN9118 on the TAP; otherwise with no network unless QEMU-ARGS give one.
# The exit status (semihosting) is collected by e2e_wait_exit NAME.
board_boot() {
    local name="$1" image="$2"
    shift 2
    local elf="$BOARD_FW_DIR/$image.elf" uart="$E2E_WORK/$name.uart"
    local net=(-nic none)
    [ -f "$elf" ] || e2e_fail "missing $elf"
    if [ -n "$FPT_NS" ]; then
        net=(-netdev "tap,id=n0,ifname=$FPT_TAP,script=no,downscript=no" -net "nic,netdev=n0,model=lan9118")
    fi
    : >"$uart"
    E2E_LOG[$name]="$uart"
    local cmd=(timeout -s TERM -k 5 "$BOARD_QEMU_SECONDS" qemu-system-arm -M mps2-an386 -display none -monitor none
        -serial "file:$uart" -semihosting-config enable=on,target=native -kernel "$elf" "${net[@]}" "$@")
    if [ -n "$FPT_NS" ]; then
        ip netns exec "$FPT_NS" "${cmd[@]}" </dev/null >"$E2E_WORK/$name.qemu" 2>&1 &
    else
        "${cmd[@]}" </dev/null >"$E2E_WORK/$name.qemu" 2>&1 &
    fi
    E2E_PID[$name]=$!
    E2E_LOG[$name-qemu]="$E2E_WORK/$name.qemu"
    fpt_on_exit "e2e__kill ${E2E_PID[$name]}"
    e2e_log "booted $image as $name (pid ${E2E_PID[$name]})"
}

# board_check_sane NAME: no fault, assert or stack overflow on the UART.
board_check_sane() {
    if grep -qE '^(FAULT|ASSERT|STACK OVERFLOW|BOARD )' "${E2E_LOG[$1]}" 2>/dev/null &&
        grep -E '^(FAULT|ASSERT|STACK OVERFLOW)|^BOARD (main|application|vTask|pvPortMalloc)' "${E2E_LOG[$1]}" >&2; then
        e2e_fail "$1: the firmware reported a fault (see above)"
    fi
}

# board_wait_ready NAME [REGEX]: the firmware is up, its driver passed the
# interrupt-line test and HTTP listens (its line matches REGEX, default
# '^HTTP listening ').
board_wait_ready() {
    e2e_wait_log "$1" "${2:-^HTTP listening }" 30
    grep -q '^lan9118: interrupt line 13 tested' "${E2E_LOG[$1]}" ||
        e2e_fail "$1: the driver did not report its interrupt-line test"
    grep -q '^LAYOUT ok ' "${E2E_LOG[$1]}" ||
        e2e_fail "$1: C and the Rust library disagree on a struct layout (see LAYOUT in its log)"
    board_check_sane "$1"
    e2e_log "$1 ready: $(grep -m1 '^APP up ' "${E2E_LOG[$1]}")"
}

# board_control NAME COMMAND...: one control command; prints the reply.
board_control() {
    local name="$1" reply status=0
    shift
    reply="$(timeout 30 ip netns exec "$FPT_NS" python3 "$BOARD_PY" control --host "$BOARD_IP" \
        --port "$BOARD_CONTROL_PORT" --timeout 20 "$@" 2>&1)" || status=$?
    [ "$status" = 0 ] || e2e_fail "$name: control command '$*' failed: $reply"
    printf '%s\n' "$reply"
}

# board_netstat NAME: a netstat through the control port, parsed and
# checked for format by e2e.py; $E2E_NETSTAT_JSON is the parsed block.
board_netstat() {
    local name="$1" reply seq
    reply="$(board_control "$name" netstat)"
    seq="$(sed -n 's/^ok netstat seq=\([0-9][0-9]*\)$/\1/p' <<<"$reply")"
    [ -n "$seq" ] || e2e_fail "$name: unexpected netstat reply '$reply'"
    e2e_wait_log "$name" "^NETSTAT-END seq=$seq\$" 10
    E2E_NETSTAT_JSON="$E2E_WORK/$name-netstat-$seq.json"
    e2e_log "netstat #$seq of $name:"
    python3 "$E2E_PY" netstat "${E2E_LOG[$name]}" "$seq" --json "$E2E_NETSTAT_JSON" ||
        e2e_fail "netstat #$seq of $name is malformed"
    sed -n "/^NETSTAT-BEGIN seq=$seq /,/^NETSTAT-END seq=$seq\$/p" "${E2E_LOG[$name]}" | grep -m1 '^HEAP ' |
        sed 's/^/    /' || true
}

# board_stats NAME: the driver's and the application's counters; prints the
# last LAN9118 line (driver counters) and STACKS line (unused task stack,
# words).
board_stats() {
    local n
    n="$(grep -c '^STACKS ' "${E2E_LOG[$1]}" || true)"
    board_control "$1" stats >/dev/null
    e2e_wait_log "$1" '^STACKS ' 5 $((n + 1))
    grep '^LAN9118 ' "${E2E_LOG[$1]}" | tail -n 1
    grep '^STACKS ' "${E2E_LOG[$1]}" | tail -n 1
}

# board_field LINE KEY: value of KEY=... in a line.
board_field() {
    e2e_result_field "$1" "$2"
}

# board_http_checks NAME PAGE-FILE LABEL: what every HTTP server image
# (fw-select-tap, fw-callbacks-tap) must do on port 80, backlog 3:
#   - GET / is PAGE-FILE byte for byte (with its Content-Length), an
#     unknown path 404, a POST 400;
#   - GET /bytes/N byte-exact for N = 0, 1460 and 1 MiB (the large body;
#     "FIGURE board_LABEL_1mib mib_s=..");
#   - 3 parallel GET /bytes/200000 (as many as the backlog admits: it counts
#     every child of the listener until it is closed), all byte-exact;
#   - the K63F scenario (e2e_k63f_load): 30 clients of /bytes/1000000 in
#     batches of 3, every third killed 150 ms after it started; then 12
#     clients that connect and die before sending a request (e2e.py
#     connect-die: 6 reset, 6 closed with FIN, which leaves the server's
#     socket in eCLOSE_WAIT until the application closes it), none refused;
#   - afterwards netstat: port 80's listener alone with a free backlog
#     (" 0/3"), no eCLOSE_WAIT, every network buffer free (within 15 s: a
#     connection may still drain);
#   - then the control port's stats: the driver's counters and the tasks'
#     unused stack are logged, BOARD_HTTP_STATS is the server's STATS line.
# 9 requests before the load; E2E_K63F holds the load's RESULT line.
board_http_checks() {
    local name="$1" page="$2" label="$3" url="http://$BOARD_IP" line n
    e2e_warm_arp "$BOARD_IP"
    e2e_check_page "$url/" "$page"
    e2e_check_status "$url/nothing" 404
    line="$(timeout 30 ip netns exec "$FPT_NS" python3 "$BOARD_PY" raw --host "$BOARD_IP" --port 80 \
        'POST / HTTP/1.0\r\n\r\n')" || e2e_fail "POST / failed"
    e2e_assert "'$line' == 'HTTP/1.0 400 Bad Request'" "POST /: '$line' (want 400)"
    for n in 0 1460 1048576; do
        e2e_check_bytes "$url" "$n"
    done
    e2e_log "FIGURE board_${label}_1mib mib_s=$E2E_MIB_S"
    e2e_parallel_bytes "$url" 3 200000
    e2e_k63f_load "$BOARD_IP" 30 /bytes/1000000 20
    e2e_log "FIGURE board_${label}_k63f refused=$(e2e_result_field "$E2E_K63F" refused) ok=$(e2e_result_field "$E2E_K63F" ok) of 30"
    line="$(timeout 30 ip netns exec "$FPT_NS" python3 "$E2E_PY" connect-die --host "$BOARD_IP" --count 12)" ||
        e2e_fail "connect-and-die clients: $line"
    e2e_log "connect-and-die clients: $line"
    e2e_wait_netstat "$name" 15 --listener 80 --child 0/3 --close-wait 0 --tcp-rows 1 \
        --allow-port 9000 --allow-port 9001 --allow-port 9002 --all-free
    e2e_log "driver and stacks: $(board_stats "$name" | tr '\n' ' ')"
    BOARD_HTTP_STATS="$(grep '^STATS ' "${E2E_LOG[$name]}" | tail -n 1)"
    e2e_log "server: $BOARD_HTTP_STATS"
}
BOARD_HTTP_STATS=""

# board_quit NAME: "quit" on the control port; QEMU must exit with 0.
board_quit() {
    board_control "$1" quit >/dev/null
    e2e_wait_exit "$1" 20
    grep -q '^LAYOUT ok ' "${E2E_LOG[$1]}" ||
        e2e_fail "$1: C and the Rust library disagree on a struct layout (see LAYOUT in its log)"
    board_check_sane "$1"
    e2e_assert "$E2E_STATUS -eq 0" "$1: QEMU exit status $E2E_STATUS after quit (want 0)"
    e2e_log "$1 exited with status 0"
}
