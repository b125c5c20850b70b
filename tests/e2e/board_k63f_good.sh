#!/usr/bin/env bash
# The K63F scenario's recommended pattern on the emulated board (reference
# 14.4; the host's k63f_good.sh): fw-good-tap on QEMU mps2-an386 -- HTTP on
# port 80 with backlog 3, handlers that shut down, drain until recv() < 0
# and close, also after errors. 30 curl clients in batches of 3 fetch
# /bytes/1000000 (1 MB of the test stream, about half a second on the emulated
# board); every third gets SIGKILL 150 ms after it started, in the middle of
# its transfer (Linux then resets the connection with data unread).
#
# Asserts: every client that was not killed got its page (200) or was
# refused (curl exit 7), at least one got its page; afterwards netstat
# shows port 80's listener with " 0/3", no eCLOSE_WAIT socket and every
# network buffer free; QEMU exits 0 on "quit". With board_k63f_bad.sh (the
# naive application, upstream's behaviour) and board_k63f_reaper.sh (the
# naive application with ipconfigFPTCP_CLOSE_WAIT_TIMEOUT_MS) the scenario
# runs three ways on the board.
. "$(dirname "$0")/../../firmware/tests/board-lib.bash"

CLIENTS="${CLIENTS:-30}"
board_init 150 netns
board_boot fw fw-good-tap
board_wait_ready fw
grep -q '^HTTP listening port=80 backlog=3 variant=good ' "${E2E_LOG[fw]}" ||
    e2e_fail "not the good variant: $(grep '^HTTP listening' "${E2E_LOG[fw]}")"
timeout 10 ip netns exec "$FPT_NS" ping -c 3 -i 0.2 -W 2 -q "$BOARD_IP" >/dev/null ||
    e2e_fail "the board does not answer ping"

e2e_log "running $CLIENTS curl clients in batches of 3 (every third killed after 150 ms)"
e2e_k63f_load "$BOARD_IP" "$CLIENTS" /bytes/1000000 20
e2e_log "FIGURE board_k63f_good_refused=$(e2e_result_field "$E2E_K63F" refused) of $CLIENTS (served ok=$(e2e_result_field "$E2E_K63F" ok))"

# Every handler ends within its drain (3 s); then nothing may be left.
e2e_wait_netstat fw 15 --listener 80 --child 0/3 --close-wait 0 --all-free
board_quit fw
e2e_pass
