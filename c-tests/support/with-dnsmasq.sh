#!/usr/bin/env bash
# Runs PROGRAM with dnsmasq serving DHCP on the TAP's Linux side, inside the
# namespace that run-in-netns.sh made:
#
#   run-in-netns.sh c-tests/support/with-dnsmasq.sh PROGRAM [ARG...]
#
# Range 192.0.2.50-99, 2-minute leases (dnsmasq's shortest), DNS option
# 192.0.2.9, no DNS service (port 0), no ping before offering. The lease file
# is exported to the program as FPTCP_DHCP_LEASES. dnsmasq's log is printed
# after the program ends; dnsmasq is stopped whatever happens.
set -euo pipefail

[ -n "${FPTCP_TAP:-}" ] || { echo "with-dnsmasq: FAILED: FPTCP_TAP not set (run under run-in-netns.sh)" >&2; exit 1; }
dnsmasq_bin="$(command -v dnsmasq || echo /usr/sbin/dnsmasq)"
[ -x "$dnsmasq_bin" ] || { echo "with-dnsmasq: FAILED: dnsmasq not found (scripts/install-deps installs dnsmasq-base)" >&2; exit 1; }

dir="$(mktemp -d)"
"$dnsmasq_bin" --conf-file=/dev/null --keep-in-foreground --log-facility=- --log-dhcp \
    --port=0 --interface="$FPTCP_TAP" --bind-interfaces \
    --dhcp-range=192.0.2.50,192.0.2.99,255.255.255.0,2m --dhcp-option=6,192.0.2.9 \
    --dhcp-leasefile="$dir/leases" --pid-file="$dir/pid" --no-ping --dhcp-authoritative \
    --user=root --group=root >"$dir/log" 2>&1 &
pid=$!
cleanup() {
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    sed 's/^/dnsmasq: /' "$dir/log" || true
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# dnsmasq listens on :67 within a moment; give it at most 5 s.
for _ in $(seq 50); do
    if [ -s "$dir/pid" ]; then break; fi
    kill -0 "$pid" 2>/dev/null || { echo "with-dnsmasq: FAILED: dnsmasq exited" >&2; exit 1; }
    sleep 0.1
done
[ -s "$dir/pid" ] || { echo "with-dnsmasq: FAILED: dnsmasq did not start within 5 s" >&2; exit 1; }

export FPTCP_DHCP_LEASES="$dir/leases"
set +e
"$@"
status=$?
set -e
exit "$status"
