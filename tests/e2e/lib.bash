# shellcheck shell=bash
# Shared code of the end-to-end tests (tests/e2e/*.sh). Source it:
#
#   . "$(dirname "$0")/lib.bash"
#   e2e_init 120                 # name, deadline (s), build, namespace + TAP
#   e2e_start_app srv "$E2E_HTTP_SERVER" --variant good --control "$(e2e_fifo srv)"
#   e2e_wait_up srv
#   e2e_in_ns curl ...           # Linux clients inside the namespace
#   e2e_netstat srv              # -> $E2E_NETSTAT_JSON (see e2e.py netstat)
#   e2e_pass
#
# Built on scripts/netns-lib.sh: one fresh namespace per test with a TAP
# device ($FPT_TAP, Linux side 192.0.2.1/24); the stack is 192.0.2.10. All
# cleanup goes through fpt_on_exit (the namespace, background processes,
# the work directory). A missing capability (root, namespaces, TAP) is a
# failure, never a skip.
#
# Environment:
#   FPTCP_BUILD_DIR       CMake build directory of c-tests (build/c-tests)
#   FPTCP_E2E_NO_BUILD=1  do not run cmake; the binaries must exist
#   FPTCP_E2E_KEEP=1      keep the work directory (logs, captures)

set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
E2E_ROOT="$(cd "$E2E_DIR/../.." && pwd)"
# shellcheck source=../../scripts/netns-lib.sh
. "$E2E_ROOT/scripts/netns-lib.sh"

E2E_NAME="$(basename "$0" .sh)"
E2E_BUILD="${FPTCP_BUILD_DIR:-$E2E_ROOT/build/c-tests}"
E2E_PY="$E2E_DIR/e2e.py"
E2E_STACK_IP=192.0.2.10
E2E_LINUX_IP=192.0.2.1
E2E_HTTP_SERVER="$E2E_BUILD/apps/http_server"
# The same server with this library's own options on (config/posix-ext).
E2E_HTTP_SERVER_EXT="$E2E_BUILD/apps/http_server_ext"
E2E_TCP_TRANSFER="$E2E_BUILD/apps/tcp_transfer"
E2E_WORK=""
E2E_FAILED=0
declare -A E2E_PID=()
declare -A E2E_LOG=()
declare -A E2E_SEQ=()
E2E_NETSTAT_JSON=""

e2e_log() {
    printf '[%s %5ds] %s\n' "$E2E_NAME" "$SECONDS" "$*"
}

e2e__dump_logs() {
    local name
    for name in "${!E2E_LOG[@]}"; do
        [ -f "${E2E_LOG[$name]}" ] || continue
        echo "----- last lines of $name (${E2E_LOG[$name]}) -----" >&2
        tail -n 60 "${E2E_LOG[$name]}" >&2 || true
    done
}

e2e_fail() {
    E2E_FAILED=1
    echo "[$E2E_NAME] FAILED: $*" >&2
    e2e__dump_logs
    exit 1
}

e2e_pass() {
    e2e_log "PASS"
    exit 0
}

# e2e_assert CONDITION-STRING MESSAGE: evaluates [[ CONDITION ]].
e2e_assert() {
    if ! eval "[[ $1 ]]"; then
        e2e_fail "$2 (assertion: $1)"
    fi
}

# ------------------------------------------------------------ set-up

# Builds the two applications the way scripts/test builds c-tests.
e2e_build() {
    if [ "${FPTCP_E2E_NO_BUILD:-0}" != 1 ]; then
        command -v cmake >/dev/null || e2e_fail "cmake not found (run scripts/install-deps)"
        if [ ! -f "$E2E_BUILD/build.ninja" ]; then
            e2e_log "configuring $E2E_BUILD"
            cmake -S "$E2E_ROOT/c-tests" -B "$E2E_BUILD" -G Ninja \
                -DFREERTOS_KERNEL_PATH="$("$E2E_ROOT/scripts/kernel-dir")" \
                -DUNITY_DIR="$E2E_ROOT/.deps/unity" >"$E2E_WORK/cmake-configure.log" 2>&1 ||
                { cat "$E2E_WORK/cmake-configure.log" >&2; e2e_fail "cmake configure failed"; }
        fi
        cmake --build "$E2E_BUILD" --target http_server tcp_transfer select_http_server http_callbacks ${E2E_EXTRA_TARGETS:-} >"$E2E_WORK/cmake-build.log" 2>&1 ||
            { tail -n 40 "$E2E_WORK/cmake-build.log" >&2; e2e_fail "building http_server/tcp_transfer failed"; }
    fi
    [ -x "$E2E_HTTP_SERVER" ] || e2e_fail "missing $E2E_HTTP_SERVER"
    [ -x "$E2E_TCP_TRANSFER" ] || e2e_fail "missing $E2E_TCP_TRANSFER"
}

# e2e_init DEADLINE-SECONDS: work directory, watchdog, build, namespace.
e2e_init() {
    local deadline="$1"
    E2E_WORK="$(mktemp -d "/tmp/fpt-e2e-$E2E_NAME.XXXXXX")"
    fpt_on_exit "e2e__cleanup_work"
    # Watchdog: the whole test ends (with its cleanups) after the deadline.
    local me=$$
    (
        trap 'kill "$sp" 2>/dev/null; exit 0' TERM
        sleep "$deadline" &
        sp=$!
        wait "$sp"
        echo "[$E2E_NAME] FAILED: deadline of ${deadline}s reached" >&2
        : >"$E2E_WORK/.deadline"
        kill -TERM "$me"
        # The shell runs its TERM trap only after the current foreground
        # command; end that command (a child of the test) too.
        pkill -TERM -P "$me" 2>/dev/null || true
    ) &
    local dog=$!
    fpt_on_exit "kill $dog 2>/dev/null || true"
    e2e_build
    fpt_netns_create
    e2e_log "namespace $FPT_NS, TAP $FPT_TAP ($FPT_LINUX_ADDR), work dir $E2E_WORK"
}

e2e__cleanup_work() {
    if [ -f "$E2E_WORK/.deadline" ] && [ "$E2E_FAILED" = 0 ]; then
        E2E_FAILED=1
        e2e__dump_logs
    fi
    if [ "$E2E_FAILED" = 1 ] || [ "${FPTCP_E2E_KEEP:-0}" = 1 ]; then
        echo "[$E2E_NAME] logs kept in $E2E_WORK" >&2
    else
        rm -rf "$E2E_WORK"
    fi
}

# A non-zero exit without e2e_fail (set -e, deadline) also keeps the logs.
e2e__on_error_exit() {
    local status=$?
    if [ "$status" != 0 ] && [ "$E2E_FAILED" = 0 ]; then
        E2E_FAILED=1
        echo "[$E2E_NAME] FAILED: exit status $status (line ${BASH_LINENO[0]:-?})" >&2
        e2e__dump_logs
    fi
}

e2e_in_ns() {
    ip netns exec "$FPT_NS" "$@"
}

# e2e_fifo NAME: creates the control FIFO of app NAME, prints its path.
e2e_fifo() {
    local path="$E2E_WORK/$1.ctl"
    [ -p "$path" ] || mkfifo "$path"
    echo "$path"
}

# e2e_start_app NAME PROGRAM ARGS...: runs PROGRAM in the namespace with
# its output in $E2E_WORK/NAME.log. Extra environment: E2E_APP_ENV (array).
e2e_start_app() {
    local name="$1"
    shift
    local log="$E2E_WORK/$name.log"
    E2E_LOG[$name]="$log"
    E2E_SEQ[$name]=0
    ip netns exec "$FPT_NS" env FPTCP_TAP="$FPT_TAP" "${E2E_APP_ENV[@]}" "$@" >"$log" 2>&1 &
    E2E_PID[$name]=$!
    fpt_on_exit "e2e__kill ${E2E_PID[$name]}"
    e2e_log "started $name (pid ${E2E_PID[$name]}): $*"
}
E2E_APP_ENV=()

e2e__kill() {
    local pid="$1" i
    kill -TERM "$pid" 2>/dev/null || return 0
    for i in $(seq 1 20); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.05
    done
    kill -KILL "$pid" 2>/dev/null || true
}

e2e_stop_app() {
    e2e__kill "${E2E_PID[$1]}"
    wait "${E2E_PID[$1]}" 2>/dev/null || true
}

# e2e_wait_log NAME REGEX SECONDS [COUNT]: waits until the log of NAME has
# COUNT (default 1) lines matching REGEX (grep -E). Fails if the app exits
# or the time is up.
e2e_wait_log() {
    local name="$1" re="$2" secs="$3" count="${4:-1}"
    local log="${E2E_LOG[$name]}" pid="${E2E_PID[$name]}"
    local end=$((SECONDS + secs)) n
    while :; do
        n="$(grep -c -E -- "$re" "$log" 2>/dev/null || true)"
        [ "${n:-0}" -ge "$count" ] && return 0
        if ! kill -0 "$pid" 2>/dev/null; then
            n="$(grep -c -E -- "$re" "$log" 2>/dev/null || true)"
            [ "${n:-0}" -ge "$count" ] && return 0
            e2e_fail "$name exited while waiting for /$re/ (x$count)"
        fi
        [ "$SECONDS" -lt "$end" ] || e2e_fail "$name: no /$re/ (x$count) within ${secs}s"
        sleep 0.05
    done
}

e2e_wait_up() {
    e2e_wait_log "$1" '^APP up ' 20
}

# e2e_wait_exit NAME SECONDS: waits for app NAME to end; its exit status
# goes to $E2E_STATUS. (Not in a $(...) subshell: wait needs the parent.)
E2E_STATUS=0
e2e_wait_exit() {
    local name="$1" secs="$2" pid="${E2E_PID[$1]}"
    local end=$((SECONDS + secs))
    while kill -0 "$pid" 2>/dev/null; do
        [ "$SECONDS" -lt "$end" ] || e2e_fail "$name still running after ${secs}s"
        sleep 0.05
    done
    E2E_STATUS=0
    wait "$pid" || E2E_STATUS=$?
}

# e2e_control NAME COMMAND: writes one line to the control FIFO of NAME.
e2e_control() {
    local fifo="$E2E_WORK/$1.ctl"
    [ -p "$fifo" ] || e2e_fail "$1 has no control FIFO"
    timeout 5 sh -c 'printf "%s\n" "$1" > "$2"' _ "$2" "$fifo" || e2e_fail "cannot write '$2' to $fifo"
}

# e2e_netstat NAME: asks app NAME for a netstat, waits for the block,
# checks its format, prints it; $E2E_NETSTAT_JSON is the parsed block.
e2e_netstat() {
    local name="$1"
    local seq=$((E2E_SEQ[$name] + 1))
    E2E_SEQ[$name]=$seq
    e2e_control "$name" netstat
    e2e_wait_log "$name" "^NETSTAT-END seq=$seq\$" 10
    E2E_NETSTAT_JSON="$E2E_WORK/$name-netstat-$seq.json"
    e2e_log "netstat #$seq of $name:"
    python3 "$E2E_PY" netstat "${E2E_LOG[$name]}" "$seq" --json "$E2E_NETSTAT_JSON" ||
        e2e_fail "netstat #$seq of $name is malformed"
}

# e2e_json FILE PYTHON-EXPRESSION: evaluates the expression with d = the
# JSON document, prints the result.
e2e_json() {
    python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

# e2e_result_field LINE KEY: the value of KEY=... in a RESULT line.
e2e_result_field() {
    sed -n "s/.* $2=\\([^ ]*\\).*/\\1/p" <<<" $1" | head -n 1
}

# e2e_last_result NAME: the last RESULT line in the log of NAME.
e2e_last_result() {
    grep -E '^RESULT ' "${E2E_LOG[$1]}" | tail -n 1 || true
}

# ------------------------------------------------------------ HTTP checks
# Shared by the HTTP tests on the host and on the board (board-lib.bash sets
# E2E_NETSTAT_FN=board_netstat): curl inside the namespace, byte-exact
# bodies, the K63F client load and the "nothing left behind" netstat.

# e2e_curl OUTFILE URL [CURL-ARGS...]: one GET with curl in the namespace
# (at most 50 s); prints the HTTP status, non-zero if curl failed.
e2e_curl() {
    local out="$1" url="$2"
    shift 2
    timeout 60 ip netns exec "$FPT_NS" curl -sS --max-time 50 -o "$out" -w '%{http_code}' "$@" "$url"
}

# e2e_check_status URL STATUS: GET URL answers with HTTP status STATUS.
e2e_check_status() {
    local code
    code="$(e2e_curl /dev/null "$1")" || e2e_fail "curl $1 failed"
    e2e_assert "'$code' == '$2'" "GET $1: HTTP status $code (want $2)"
}

# e2e_check_page URL EXPECTED-FILE: GET URL is 200 text/html, and its
# Content-Length and body match EXPECTED-FILE byte for byte.
e2e_check_page() {
    local url="$1" want="$2" out code len size
    out="$(mktemp "$E2E_WORK/page.XXXXXX")"
    code="$(e2e_curl "$out" "$url" -D "$out.head")" || e2e_fail "curl $url failed"
    e2e_assert "'$code' == 200" "GET $url: HTTP status $code"
    tr -d '\r' <"$out.head" | grep -qx 'Content-Type: text/html' || e2e_fail "GET $url: not text/html"
    len="$(tr -d '\r' <"$out.head" | sed -n 's/^Content-Length: //p')"
    size="$(stat -c %s "$want")"
    e2e_assert "'$len' == '$size'" "GET $url: Content-Length $len, the expected page has $size bytes"
    cmp -s "$out" "$want" || { diff "$want" "$out" >&2 || true; e2e_fail "GET $url: not the expected page"; }
    e2e_log "GET $url: 200, the expected page ($size bytes)"
}

# e2e_check_bytes BASE-URL N: GET BASE-URL/bytes/N is 200 with exactly N
# bytes of the test stream (SHA-256 against e2e.py's generator). Sets
# E2E_MIB_S to the download rate (MiB/s).
E2E_MIB_S=0
e2e_check_bytes() {
    local base="$1" n="$2" out res want got code size speed
    out="$E2E_WORK/bytes-$n.bin"
    res="$(timeout 60 ip netns exec "$FPT_NS" curl -sS --max-time 50 -o "$out" \
        -w '%{http_code} %{size_download} %{speed_download}' "$base/bytes/$n")" || e2e_fail "curl $base/bytes/$n failed"
    read -r code size speed <<<"$res"
    want="$(python3 "$E2E_PY" pattern-sha "$n")"
    got="$(sha256sum "$out" | cut -d' ' -f1)"
    e2e_assert "'$code' == 200" "GET /bytes/$n: HTTP status $code"
    e2e_assert "'$size' == '$n'" "GET /bytes/$n: $size bytes"
    e2e_assert "'$got' == '$want'" "GET /bytes/$n: the body differs from the generator's stream"
    E2E_MIB_S="$(awk -v s="$speed" 'BEGIN { printf "%.2f", s / 1048576 }')"
    e2e_log "GET /bytes/$n: 200, byte-exact ($E2E_MIB_S MiB/s)"
}

# e2e_parallel_bytes BASE-URL COUNT N [COMMAND]: COUNT GETs of /bytes/N at
# once (COMMAND, if given, is run while they are under way); every one
# must end 200 and byte-exact.
e2e_parallel_bytes() {
    local base="$1" count="$2" n="$3" i status code got want pids=()
    want="$(python3 "$E2E_PY" pattern-sha "$n")"
    for i in $(seq 1 "$count"); do
        e2e_curl "$E2E_WORK/par.$i" "$base/bytes/$n" >"$E2E_WORK/par.$i.code" 2>&1 &
        pids+=($!)
    done
    [ $# -lt 4 ] || eval "$4"
    for i in $(seq 1 "$count"); do
        status=0
        wait "${pids[$((i - 1))]}" || status=$?
        code="$(cat "$E2E_WORK/par.$i.code")"
        e2e_assert "$status -eq 0" "parallel GET $i of /bytes/$n: curl exit status $status ($code)"
        e2e_assert "'$code' == 200" "parallel GET $i of /bytes/$n: HTTP status $code"
        got="$(sha256sum "$E2E_WORK/par.$i" | cut -d' ' -f1)"
        e2e_assert "'$got' == '$want'" "parallel GET $i of /bytes/$n: the body differs"
    done
    e2e_log "$count parallel GET /bytes/$n: all 200, byte-exact"
}

# e2e_k63f_load HOST CLIENTS PATH MAX-TIME: the K63F scenario's clients
# (e2e.py curl-batches): CLIENTS curls of PATH in batches of 3, every third
# killed 150 ms after it started (Linux then resets the connection), each
# bounded by MAX-TIME seconds. Asserts that some were killed, some got their
# page, and every client that was not killed got its page or was refused
# (curl exit 7). E2E_K63F is the RESULT line.
E2E_K63F=""
e2e_k63f_load() {
    local host="$1" clients="$2" path="$3" maxt="$4" total
    total=$(((clients / 3 + 1) * (maxt + 1)))
    E2E_K63F="$(timeout $((total + 10)) ip netns exec "$FPT_NS" python3 "$E2E_PY" curl-batches --host "$host" \
        --clients "$clients" --batch 3 --kill-every 3 --kill-ms 150 --max-time "$maxt" --total-timeout "$total" \
        --path "$path" --out "$E2E_WORK/k63f-clients.json")" ||
        { echo "$E2E_K63F" >&2; e2e_fail "the K63F client load did not complete"; }
    e2e_log "K63F clients: $E2E_K63F"
    e2e_assert "$(e2e_result_field "$E2E_K63F" unkilled_other) -eq 0" \
        "clients that were not killed neither got their page nor were refused"
    e2e_assert "$(e2e_result_field "$E2E_K63F" killed) -gt 0" "no client was killed in the middle"
    e2e_assert "$(e2e_result_field "$E2E_K63F" ok) -gt 0" "no client got its page"
}

# e2e_wait_netstat NAME SECONDS CHECK-ARGS...: netstat of NAME (through
# $E2E_NETSTAT_FN) until `e2e.py netstat-check CHECK-ARGS` passes; fails
# after SECONDS.
E2E_NETSTAT_FN=e2e_netstat
e2e_wait_netstat() {
    local name="$1" secs="$2" end
    shift 2
    end=$((SECONDS + secs))
    while :; do
        "$E2E_NETSTAT_FN" "$name"
        python3 "$E2E_PY" netstat-check "$E2E_NETSTAT_JSON" "$@" && return 0
        [ "$SECONDS" -lt "$end" ] || e2e_fail "$name: still not 'netstat-check $*' after ${secs}s"
        sleep 1
    done
}

# e2e_k63f_five_clients URL WHAT: the K63F report's clients against a
# server with backlog 3: five wgets in parallel, killed after 1 s; asserts
# that three were connected (and killed) and two refused. WHAT names the
# round in the failure message.
e2e_k63f_five_clients() {
    local url="$1" what="$2" pids=() pid rc i killed=0 refused=0
    for i in 1 2 3 4 5; do
        ip netns exec "$FPT_NS" wget -q -O /dev/null --tries=1 --timeout=30 "$url" >/dev/null 2>&1 &
        pids+=($!)
    done
    sleep 1
    for pid in "${pids[@]}"; do
        kill -KILL "$pid" 2>/dev/null || true
        rc=0
        wait "$pid" 2>/dev/null || rc=$?
        case "$rc" in
            137) killed=$((killed + 1)) ;;
            4) refused=$((refused + 1)) ;; # wget: network failure (connection refused)
            *) e2e_log "a wget exited with status $rc" ;;
        esac
    done
    e2e_log "$what: wget clients killed=$killed refused=$refused"
    e2e_assert "$killed -eq 3 && $refused -eq 2" "$what: want 3 wgets connected (backlog 3) and 2 refused, got $killed and $refused"
}

# e2e_netstat_diagnostics NAME SEQ: the lines ipconfigFPTCP_NETSTAT_DIAGNOSTICS
# added to netstat block SEQ in the log of NAME (after upstream's trailer;
# the BUFS/HEAP lines of the test programs left out).
e2e_netstat_diagnostics() {
    awk -v b="NETSTAT-BEGIN seq=$2 " -v e="NETSTAT-END seq=$2" '
        index($0, b) == 1 { on = 1; next }
        $0 == e { on = 0 }
        on && /^FreeRTOS_netstat:/ { after = 1; next }
        on && after && !/^(BUFS|HEAP) / { print }' "${E2E_LOG[$1]}"
}

# e2e_warm_arp [ADDRESS]: warm the Linux side's and the stack's ARP caches
# (default: the host stack's address).
e2e_warm_arp() {
    e2e_in_ns timeout 10 ping -c 3 -i 0.2 -W 2 -q "${1:-$E2E_STACK_IP}" >/dev/null ||
        e2e_fail "the stack does not answer ping (ARP/ICMP)"
}

set -E
trap 'e2e__on_error_exit' ERR
