#!/usr/bin/env bash
# Runs PROGRAM with two DNS servers beside it (test_api_dns):
#
#   c-tests/peers/with-dns.sh PROGRAM [ARG...]
#
# Inside the test's namespace (run-in-netns.sh exports FPTCP_TAP and
# FPTCP_PEER_IP):
# - dnsmasq on $FPTCP_PEER_IP:53: example.test (and its subdomains) is
#   192.0.2.77 with TTL 60, every other name under .test is NXDOMAIN, no
#   upstream servers; each query is logged to $FPTCP_DNS_LOG, which the test
#   reads to count the queries that reached the server;
# - c-tests/peers/dns_hostile.py on 192.0.2.53:53 (added to the TAP here),
#   exported as FPTCP_DNS_HOSTILE_IP.
# Both are stopped when PROGRAM ends; PROGRAM's status is the exit status.
# If a server cannot start, the script says so and exits 1.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
peer="${FPTCP_PEER_IP:?run me through c-tests/support/run-in-netns.sh}"
tap="${FPTCP_TAP:?run me through c-tests/support/run-in-netns.sh}"
hostile_ip=192.0.2.53
# Addresses and servers only inside the test's own namespace, never on the
# host: refuse to run anywhere else.
ns="${FPTCP_NETNS:?run me through c-tests/support/run-in-netns.sh}"
if [ "$(ip netns identify "$$" 2>/dev/null)" != "$ns" ]; then
    echo "with-dns: FAILED: not inside namespace $ns" >&2
    exit 1
fi

log="$(mktemp /tmp/fptcp-dns-log.XXXXXX)"
ready="$(mktemp -u /tmp/fptcp-dns-hostile.XXXXXX)"
dnsmasq_pid=""
hostile_pid=""
prog=""
cleanup() {
    if [ -n "$prog" ]; then kill -KILL "$prog" 2>/dev/null || true; fi
    if [ -n "$dnsmasq_pid" ]; then kill -TERM "$dnsmasq_pid" 2>/dev/null || true; fi
    if [ -n "$hostile_pid" ]; then kill -TERM "$hostile_pid" 2>/dev/null || true; fi
    wait 2>/dev/null || true
    rm -f "$log" "$ready" "$ready.queries"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ip addr add "$hostile_ip/24" dev "$tap"

dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts --no-poll \
    --user=root --group=root --pid-file= \
    --bind-interfaces --listen-address="$peer" --port=53 \
    --local=/test/ --address=/example.test/192.0.2.77 --local-ttl=60 \
    --address=/multi.test/192.0.2.31 --address=/multi.test/192.0.2.32 \
    --address=/multi.test/192.0.2.33 --address=/multi.test/192.0.2.34 \
    --log-queries --log-facility="$log" &
dnsmasq_pid=$!
python3 "$here/dns_hostile.py" --ip "$hostile_ip" --ready "$ready" &
hostile_pid=$!

for _ in $(seq 100); do
    if [ -e "$ready" ] && grep -q "started" "$log" 2>/dev/null; then break; fi
    sleep 0.1
done
if ! kill -0 "$dnsmasq_pid" 2>/dev/null || ! grep -q "started" "$log"; then
    echo "with-dns: FAILED: dnsmasq did not start" >&2
    cat "$log" >&2 || true
    exit 1
fi
if [ ! -e "$ready" ]; then
    echo "with-dns: FAILED: dns_hostile.py did not start" >&2
    exit 1
fi

export FPTCP_DNS_LOG="$log" FPTCP_DNS_HOSTILE_IP="$hostile_ip" FPTCP_DNS_HOSTILE_QUERIES="$ready.queries"
"$@" &
prog=$!
set +e
wait "$prog"
status=$?
set -e
prog=""
exit "$status"
