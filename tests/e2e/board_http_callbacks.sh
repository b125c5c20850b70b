#!/usr/bin/env bash
# The HTTP server written with socket callbacks only on the board:
# fw-callbacks-tap on QEMU mps2-an386 (apps/shared/http_callbacks_app.c, the
# same source as the host's http_callbacks: accept, request, answer and
# close all happen in the handlers the IP task calls; port 80, backlog 3),
# from Linux clients in a fresh namespace. board_http_checks
# (firmware/tests/board-lib.bash): the page byte-exact, 404, 400,
# /bytes/N byte-exact up to 1 MiB, 3 parallel downloads, the K63F scenario
# (30 clients, every third killed mid-transfer, 12 that die before their
# request), then netstat: the listener
# alone at " 0/3", no eCLOSE_WAIT, every buffer free. Here besides: the
# server's table is empty (open=0: the disconnected handler closed every
# connection, the killed ones too), and QEMU exits 0 on "quit".
. "$(dirname "$0")/../../firmware/tests/board-lib.bash"

board_init 120 netns
board_boot fw fw-callbacks-tap
board_wait_ready fw '^HTTPCB listening port=80 backlog=3$'
cat >"$E2E_WORK/want.html" <<'HTML'
<!DOCTYPE html>
<html><head><title>FreeRTOS+TCP callbacks</title></head>
<body><h1>Hello from FreeRTOS+TCP callbacks</h1>
<p>Served by socket handlers in the IP task on a Cortex-M4F (QEMU mps2-an386, LAN9118).</p>
</body></html>
HTML
board_http_checks fw "$E2E_WORK/want.html" http_callbacks

# (The handlers run on the IP task's stack: its unused part is in the STACKS line.)
stats="$BOARD_HTTP_STATS"
served="$(board_field "$stats" served)"
closed="$(board_field "$stats" closed)"
e2e_assert "'$(board_field "$stats" open)' == 0" "the server's connection table is not empty: $stats"
e2e_assert "$served -ge $((9 + $(e2e_result_field "$E2E_K63F" ok)))" "served $served: fewer than the pages the clients got"
e2e_assert "$closed -ge $((9 + $(e2e_result_field "$E2E_K63F" ok) + $(e2e_result_field "$E2E_K63F" killed) + 12))" \
    "the disconnected handler closed $closed connections, fewer than the clients that got a page, were killed or died before their request"
board_quit fw
e2e_pass
