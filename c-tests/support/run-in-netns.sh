#!/usr/bin/env bash
# Runs one test program inside a fresh network namespace that has a TAP
# device for it:
#
#   c-tests/support/run-in-netns.sh PROGRAM [ARG...]
#
# - namespace fpt<pid>_<n>, deleted (with the TAP) when this script ends,
#   also on failure, Ctrl-C or a ctest timeout (SIGTERM);
# - TAP device $FPTCP_TAP (default tap0), Linux side 192.0.2.1/24, up;
# - the program runs via `ip netns exec` with FPTCP_TAP, FPTCP_NETNS and
#   FPTCP_PEER_IP exported; its exit status becomes this script's status.
#
# If the namespace or the TAP cannot be created, the script says so and exits
# with status 1: the test fails, it is never skipped.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../scripts/netns-lib.sh
. "$here/../../scripts/netns-lib.sh"

if [ $# -lt 1 ]; then
    echo "usage: $0 PROGRAM [ARG...]" >&2
    exit 2
fi

fpt_netns_create "${FPTCP_TAP:-tap0}"
export FPTCP_TAP="$FPT_TAP" FPTCP_NETNS="$FPT_NS" FPTCP_PEER_IP="${FPT_LINUX_ADDR%/*}"
echo "run-in-netns: namespace $FPT_NS, $FPT_TAP = $FPT_LINUX_ADDR, running $*"

# In the background so that a TERM/INT to this script (ctest timeout) runs
# the traps at once; the cleanup stops the program before the namespace goes.
ip netns exec "$FPT_NS" "$@" &
child=$!
fpt_on_exit "if kill -TERM $child 2>/dev/null; then sleep 0.2; kill -KILL $child 2>/dev/null; fi"
set +e
wait "$child"
status=$?
set -e
exit "$status"
