/*
 * TCP/IP configuration of the extensions host build: the POSIX
 * configuration with the options of this library that upstream does not
 * have switched on (include/fptcp_extensions.h, COMPAT.md "Options of this
 * library"), and the zero-copy driver options. Used by http_server_ext
 * (tests/e2e/k63f_reaper.sh, tests/e2e/syn_flood.sh), c-tests/unit/test_ext.c and
 * c-tests/unit/test_zero_copy_driver.c. ../posix/FreeRTOSIPConfig.h defines the include
 * guard FREERTOS_IP_CONFIG_H.
 */
#define ipconfigFPTCP_SHUTDOWN_HONOURS_HOW     1
/* 5 s: the naive K63F handlers abandon their sockets about 2 s after the
 * peer's FIN; the stack closes them 5 s after that last call. */
#define ipconfigFPTCP_CLOSE_WAIT_TIMEOUT_MS    5000
#define ipconfigFPTCP_NETSTAT_DIAGNOSTICS      1
#define ipconfigFPTCP_PCAP_CAPTURE             1
#define ipconfigFPTCP_METRICS                  1
/* Keep-alive after 2 s, then 2 probes 500 ms apart: a dead peer is given up
 * within 3 s (upstream's fixed 4 x 3 s would take 14 s; test_ext). */
#define ipconfigTCP_KEEP_ALIVE                      1
#define ipconfigTCP_KEEP_ALIVE_INTERVAL             2
#define ipconfigFPTCP_KEEP_ALIVE_PROBES             2
#define ipconfigFPTCP_KEEP_ALIVE_PROBE_INTERVAL_MS  500
/* SYN cookies once the backlog is full of half-open children
 * (tests/e2e/syn_flood.sh). */
#define ipconfigFPTCP_SYN_FLOOD_DEFENCE             1
/* Zero-copy driver contract (docs/driver-zero-copy.md): the TAP driver
 * keeps each descriptor pfOutput() gets and releases it later from its
 * tap-tx task, checking that the frame did not change meanwhile
 * (c-tests/unit/test_zero_copy_driver.c). */
#define ipconfigZERO_COPY_RX_DRIVER                 1
#define ipconfigZERO_COPY_TX_DRIVER                 1
#include "../posix/FreeRTOSIPConfig.h"
