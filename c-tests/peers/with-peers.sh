#!/usr/bin/env bash
# Runs PROGRAM with the Linux peers of peers.py listening beside it:
#
#   c-tests/peers/with-peers.sh PROGRAM [ARG...]
#
# Meant to run inside the test's network namespace, as the argument of
# c-tests/support/run-in-netns.sh (which exports FPTCP_PEER_IP). Starts
# peers.py, waits (at most 10 s) until every peer port listens, runs
# PROGRAM, stops the peers, and exits with PROGRAM's status. If the peers
# cannot start, it says so and exits 1: the test fails, it is never skipped.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -lt 1 ]; then
    echo "usage: $0 PROGRAM [ARG...]" >&2
    exit 2
fi

ready="$(mktemp -u /tmp/fptcp-peers.XXXXXX)"
python3 "$here/peers.py" --ready "$ready" &
peers=$!
prog=""
cleanup() {
    if [ -n "$prog" ]; then kill -KILL "$prog" 2>/dev/null || true; fi
    kill -TERM "$peers" 2>/dev/null || true
    wait "$peers" 2>/dev/null || true
    rm -f "$ready"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for _ in $(seq 100); do
    [ -e "$ready" ] && break
    if ! kill -0 "$peers" 2>/dev/null; then
        echo "with-peers: FAILED: peers.py exited before listening" >&2
        exit 1
    fi
    sleep 0.1
done
if [ ! -e "$ready" ]; then
    echo "with-peers: FAILED: peers.py did not listen within 10 s" >&2
    exit 1
fi

# In the background, so that a TERM (ctest timeout) runs the trap at once.
"$@" &
prog=$!
set +e
wait "$prog"
status=$?
set -e
prog=""
exit "$status"
