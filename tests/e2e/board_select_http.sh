#!/usr/bin/env bash
# The HTTP server written the upstream FreeRTOS_select() way on the board:
# fw-select-tap on QEMU mps2-an386 (apps/shared/select_http.c, the same
# source as the host's select_http_server: ONE task, every socket in one
# set, no blocking call; port 80, backlog 3), from Linux clients in a fresh
# namespace. board_http_checks (firmware/tests/board-lib.bash): the page
# byte-exact, 404, 400, /bytes/N byte-exact up to 1 MiB, 3 parallel
# downloads, the K63F scenario (30 clients, every third killed
# mid-transfer, 12 that die before their request), then netstat: the
# listener alone at " 0/3", no eCLOSE_WAIT, every buffer free. Here
# besides: the server's STATS account for every connection (served, ended
# after an error or refused), and QEMU exits 0 on "quit".
. "$(dirname "$0")/../../firmware/tests/board-lib.bash"

board_init 120 netns
board_boot fw fw-select-tap
board_wait_ready fw '^HTTP listening port=80 backlog=3 variant=select clients=4$'
cat >"$E2E_WORK/want.html" <<'HTML'
<!DOCTYPE html>
<html><head><title>FreeRTOS+TCP select()</title></head><body>
<h1>Hello from FreeRTOS+TCP</h1>
<p>Served by one task with FreeRTOS_select() on a Cortex-M4F (QEMU mps2-an386, LAN9118).</p>
</body></html>
HTML
board_http_checks fw "$E2E_WORK/want.html" select_http

stats="$BOARD_HTTP_STATS"
accepted="$(board_field "$stats" accepted)"
served="$(board_field "$stats" served)"
errors="$(board_field "$stats" errors)"
refused="$(board_field "$stats" refused)"
e2e_assert "$((served + errors + refused)) -eq $accepted" \
    "accepted $accepted != served $served + errors $errors + refused $refused: a connection is still open"
e2e_assert "$served -ge $((9 + $(e2e_result_field "$E2E_K63F" ok)))" "served $served: fewer than the pages the clients got"
e2e_assert "$errors -ge $(($(e2e_result_field "$E2E_K63F" killed) + 12))" \
    "$errors connections ended after an error, fewer than the clients killed or dead before their request"
board_quit fw
e2e_pass
