#!/usr/bin/env bash
# Seed scenario (b), reference 14.4 "The recommended pattern":
# http_server --variant good (port 80, backlog 3, 300-tick processing
# delay; shutdown, drain until recv < 0 (at most 3 s), closesocket, also
# after errors). 500 curl clients in batches of 3; every third client
# (i % 3 == 0) gets SIGKILL 150 ms after it started.
#
# Asserts: every client that was not killed either got its page (200) or
# was refused (curl exit 7); afterwards netstat shows the listener alone
# with " 0/3" and every network buffer free (B == C in the trailer,
# BUFS free == total). Prints the number of refused connects as a figure
# (upstream: 76 of 200; children finishing their close still count against
# the backlog, so this is not asserted to be 0).
. "$(dirname "$0")/lib.bash"

CLIENTS="${CLIENTS:-500}"
e2e_init 330

e2e_start_app srv "$E2E_HTTP_SERVER" --variant good --port 80 --backlog 3 --delay 300 --control "$(e2e_fifo srv)"
e2e_wait_up srv
e2e_wait_log srv '^HTTP listening port=80 backlog=3 variant=good delay=300' 10
e2e_warm_arp

e2e_log "running $CLIENTS curl clients in batches of 3 (every third killed after 150 ms)"
out="$(timeout 300 ip netns exec "$FPT_NS" python3 "$E2E_PY" curl-batches --clients "$CLIENTS" --batch 3 \
    --kill-every 3 --kill-ms 150 --max-time 10 --total-timeout 280 --out "$E2E_WORK/clients.json")" ||
    { echo "$out" >&2; e2e_fail "the client load did not complete"; }
e2e_log "clients: $out"
refused="$(e2e_result_field "$out" refused)"
ok="$(e2e_result_field "$out" ok)"
unkilled_other="$(e2e_result_field "$out" unkilled_other)"
e2e_log "FIGURE k63f_good_refused=$refused of $CLIENTS (served ok=$ok)"
if [ "$unkilled_other" != 0 ]; then
    python3 -c '
import json, sys
for o in json.load(open(sys.argv[1])):
    if not o["kill"] and (o["exit"] not in (0, 7) or (o["exit"] == 0 and o["http"] != "200")):
        print("    client %d: curl exit %d, http %s" % (o["i"], o["exit"], o["http"]))' "$E2E_WORK/clients.json" >&2
    e2e_fail "$unkilled_other clients that were not killed neither got their page nor were refused"
fi
e2e_assert "$ok -gt 0" "no client got its page"

# Every handler ends within delay + drain (3 s); then nothing may be left.
end=$((SECONDS + 15))
while :; do
    e2e_netstat srv
    if python3 "$E2E_PY" netstat-check "$E2E_NETSTAT_JSON" --listener 80 --child 0/3 --tcp-rows 1 --all-free; then
        break
    fi
    [ "$SECONDS" -lt "$end" ] || e2e_fail "after the load: want the listener alone (0/3) and every buffer free; see the netstat above"
    sleep 2
done
e2e_control srv stats
e2e_wait_log srv '^STATS ' 5
stats="$(grep '^STATS ' "${E2E_LOG[srv]}" | tail -n 1)"
e2e_log "server: $stats"
abandoned="$(e2e_result_field "$stats" abandoned)"
e2e_assert "$abandoned -eq 0" "the good server abandoned sockets"
# The netstat must stay like this: nothing is still winding down.
sleep 5
e2e_netstat srv
python3 "$E2E_PY" netstat-check "$E2E_NETSTAT_JSON" --listener 80 --child 0/3 --tcp-rows 1 --all-free ||
    e2e_fail "5 s later the netstat changed"

e2e_pass
