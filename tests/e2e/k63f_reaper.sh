#!/usr/bin/env bash
# The K63F scenario's naive application with the CLOSE_WAIT reaper (issue
# #10): http_server_ext --variant bad (config/posix-ext:
# ipconfigFPTCP_CLOSE_WAIT_TIMEOUT_MS 5000, ipconfigFPTCP_NETSTAT_DIAGNOSTICS
# 1): port 80, backlog 3, 2000-tick processing delay; a handler whose
# recv()/send() fails forgets its socket without FreeRTOS_closesocket().
# Upstream (and this library with the option off: k63f_bad.sh) then refuses
# every new connection forever.
#
# Three rounds, each:
#  1. Five wgets start in parallel and are killed after 1 s: three are
#     accepted (backlog 3) and abandoned by their handlers ("HTTP
#     abandoned"), two refused.
#  2. netstat ~1 s after the handlers gave up: the listener " 3/3", three
#     eCLOSE_WAIT rows (upstream's lines unchanged), and after them the
#     diagnostics: an eCLOSE_WAIT line per child saying when the stack will
#     close it, and "port 80: backlog 3/3 full; 3 children in eCLOSE_WAIT for
#     N s: the application must call FreeRTOS_closesocket() on them".
#  3. About 5 s after the handlers' last call, the stack has closed the
#     three: netstat shows the listener alone with " 0/3", every buffer free;
#     a new client gets its page (HTTP 200).
# The naive server keeps serving: the third round behaves like the first.
. "$(dirname "$0")/lib.bash"

E2E_EXTRA_TARGETS=http_server_ext
e2e_init 120
url="http://$E2E_STACK_IP/"

e2e_start_app srv "$E2E_HTTP_SERVER_EXT" --variant bad --port 80 --backlog 3 --control "$(e2e_fifo srv)"
e2e_wait_up srv
e2e_wait_log srv '^HTTP listening port=80 backlog=3 variant=bad delay=2000' 10
e2e_warm_arp

for round in 1 2 3; do
    e2e_log "round $round: five wgets, killed after 1 s"
    e2e_k63f_five_clients "$url" "round $round"
    e2e_wait_log srv '^HTTP abandoned ' 15 $((3 * round))
    sleep 1

    # ---------------------------------------------------------- full, explained
    e2e_netstat srv
    python3 "$E2E_PY" netstat-check "$E2E_NETSTAT_JSON" --listener 80 --child 3/3 --close-wait 3 --all-free ||
        e2e_fail "round $round: want the backlog full of eCLOSE_WAIT children"
    seq=${E2E_SEQ[srv]}
    e2e_netstat_diagnostics srv "$seq" >"$E2E_WORK/diag-$seq.txt"
    sed 's/^/    /' "$E2E_WORK/diag-$seq.txt"
    grep -q '^Diagnostics (ipconfigFPTCP_NETSTAT_DIAGNOSTICS)' "$E2E_WORK/diag-$seq.txt" ||
        e2e_fail "round $round: no diagnostics after netstat's trailer"
    grep -Eq '^port 80: backlog 3/3 full; 3 children in eCLOSE_WAIT for [0-9]+ s: the application must call FreeRTOS_closesocket\(\) on them$' \
        "$E2E_WORK/diag-$seq.txt" || e2e_fail "round $round: no plain-language line for the full backlog"
    n="$(grep -Ec '^TCP    80 [0-9.]+:[0-9]+ eCLOSE_WAIT for [0-9]+ s; .*closed by the stack in [0-5] s unless used$' "$E2E_WORK/diag-$seq.txt" || true)"
    e2e_assert "$n -eq 3" "round $round: want 3 eCLOSE_WAIT diagnostics lines naming the reaper, got $n"

    # ---------------------------------------------------------- reaped, serving
    end=$((SECONDS + 12))
    while :; do
        sleep 1
        e2e_netstat srv
        if python3 "$E2E_PY" netstat-check "$E2E_NETSTAT_JSON" --listener 80 --child 0/3 --tcp-rows 1 --all-free; then
            break
        fi
        [ "$SECONDS" -lt "$end" ] || e2e_fail "round $round: the stack did not close the abandoned sockets"
    done
    e2e_netstat_diagnostics srv "${E2E_SEQ[srv]}" | sed 's/^/    /'
    code="$(timeout 10 ip netns exec "$FPT_NS" curl -s -o /dev/null --max-time 8 -w '%{http_code}' "$url" || true)"
    e2e_log "round $round: curl after the reaper: HTTP $code"
    e2e_assert "'$code' == 200" "round $round: a new client got '$code' (want 200)"
done

abandoned="$(grep -c '^HTTP abandoned ' "${E2E_LOG[srv]}" || true)"
e2e_assert "$abandoned -eq 9" "want 9 abandoned sockets over 3 rounds, the server reports $abandoned"
e2e_pass
