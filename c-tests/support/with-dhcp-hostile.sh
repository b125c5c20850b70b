#!/usr/bin/env bash
# Runs PROGRAM with the hostile DHCP server (c-tests/peers/dhcp_hostile.py)
# on the TAP's Linux side, inside the namespace that run-in-netns.sh made:
#
#   run-in-netns.sh c-tests/support/with-dhcp-hostile.sh PROGRAM [ARG...]
#
# The server's log (what it sent, which addresses were requested) is
# exported to the program as FPTCP_DHCP_HOSTILE_LOG and printed afterwards.
set -euo pipefail

[ -n "${FPTCP_TAP:-}" ] || { echo "with-dhcp-hostile: FAILED: FPTCP_TAP not set (run under run-in-netns.sh)" >&2; exit 1; }
here="$(cd "$(dirname "$0")" && pwd)"
dir="$(mktemp -d)"
python3 "$here/../peers/dhcp_hostile.py" --iface "$FPTCP_TAP" --log "$dir/log" --seconds 120 ${FPTCP_DHCP_HOSTILE_SKIP:+--skip "$FPTCP_DHCP_HOSTILE_SKIP"} &
pid=$!
cleanup() {
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    sed 's/^/dhcp-hostile: /' "$dir/log" 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for _ in $(seq 50); do
    if grep -q started "$dir/log" 2>/dev/null; then break; fi
    kill -0 "$pid" 2>/dev/null || { echo "with-dhcp-hostile: FAILED: the server exited" >&2; exit 1; }
    sleep 0.1
done
grep -q started "$dir/log" || { echo "with-dhcp-hostile: FAILED: the server did not start within 5 s" >&2; exit 1; }

export FPTCP_DHCP_HOSTILE_LOG="$dir/log"
set +e
"$@"
status=$?
set -e
exit "$status"
