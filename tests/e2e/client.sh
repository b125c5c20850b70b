#!/usr/bin/env bash
# The stack as a TCP client (tcp_transfer client) against Python servers in
# the namespace:
#   1. Linux server receives: the stack connects to 192.0.2.1:5001 and sends
#      1 MiB of the deterministic stream; the server checks length and
#      SHA-256, both ends print their digest.
#   2. Linux server sends: the stack connects to 192.0.2.1:5002 and
#      receives 1 MiB until the server closes; the stack's digest must equal
#      the generator's.
. "$(dirname "$0")/lib.bash"

e2e_init 150
n=1048576
want="$(python3 "$E2E_PY" pattern-sha $n)"

# run_pair NAME PY-ARGS -- APP-ARGS: starts the Python peer, then the app;
# both must succeed. Leaves the RESULT lines in $py_result / $app_result.
run_pair() {
    local name="$1"
    shift
    local py_args=() app_args=()
    while [ "$1" != -- ]; do py_args+=("$1"); shift; done
    shift
    app_args=("$@")
    local pylog="$E2E_WORK/$name-linux.log"
    timeout 90 ip netns exec "$FPT_NS" python3 "$E2E_PY" "${py_args[@]}" --timeout 60 >"$pylog" 2>&1 &
    local py=$!
    fpt_on_exit "kill $py 2>/dev/null || true"
    local end=$((SECONDS + 10))
    until grep -q '^READY' "$pylog" 2>/dev/null; do
        kill -0 "$py" 2>/dev/null || { cat "$pylog" >&2; e2e_fail "$name: Python peer died"; }
        [ "$SECONDS" -lt "$end" ] || e2e_fail "$name: Python peer not ready"
        sleep 0.05
    done
    e2e_start_app "$name" "$E2E_TCP_TRANSFER" "${app_args[@]}"
    e2e_wait_exit "$name" 90
    local status=$E2E_STATUS
    local py_status=0
    wait "$py" || py_status=$?
    E2E_LOG[$name-linux]="$pylog"
    app_result="$(e2e_last_result "$name")"
    py_result="$(grep '^RESULT' "$pylog" | tail -n 1 || true)"
    e2e_log "$name stack: $app_result"
    e2e_log "$name linux: $py_result"
    e2e_assert "$status -eq 0" "$name: tcp_transfer exit status $status"
    e2e_assert "$py_status -eq 0" "$name: Python peer exit status $py_status"
}

run_pair client-send serve-recv --port 5001 --expect $n -- client --port 5001 --send $n --timeout 5000
e2e_assert "'$(e2e_result_field "$app_result" sha256)' == '$want'" "client-send: the stack's digest differs"
e2e_assert "'$(e2e_result_field "$py_result" sha256)' == '$want'" "client-send: Linux received other bytes"
e2e_assert "'$(e2e_result_field "$py_result" bytes)' == '$n'" "client-send: Linux received a different length"

run_pair client-recv serve-send --port 5002 --bytes $n -- client --port 5002 --recv --timeout 5000
e2e_assert "'$(e2e_result_field "$app_result" sha256)' == '$want'" "client-recv: the stack received other bytes"
e2e_assert "'$(e2e_result_field "$app_result" bytes)' == '$n'" "client-recv: the stack received a different length"
e2e_assert "'$(e2e_result_field "$py_result" status)' == 'ok'" "client-recv: Linux side status"

e2e_pass
