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

# Warm the Linux side's and the stack's ARP caches.
e2e_warm_arp() {
    e2e_in_ns ping -c 3 -i 0.2 -W 2 -q "$E2E_STACK_IP" >/dev/null ||
        e2e_fail "the stack does not answer ping (ARP/ICMP)"
}

set -E
trap 'e2e__on_error_exit' ERR
