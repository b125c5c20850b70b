/*
 * TCP/IP configuration of the extensions host build: the POSIX
 * configuration with the options of this library that upstream does not
 * have switched on (include/fptcp_extensions.h, COMPAT.md "Options of this
 * library"). Used by http_server_ext (tests/e2e/k63f_reaper.sh) and
 * c-tests/unit/test_ext.c. ../posix/FreeRTOSIPConfig.h defines the include
 * guard FREERTOS_IP_CONFIG_H.
 */
#define ipconfigFPTCP_SHUTDOWN_HONOURS_HOW     1
/* 5 s: the naive K63F handlers abandon their sockets about 2 s after the
 * peer's FIN; the stack closes them 5 s after that last call. */
#define ipconfigFPTCP_CLOSE_WAIT_TIMEOUT_MS    5000
#define ipconfigFPTCP_NETSTAT_DIAGNOSTICS      1
#define ipconfigFPTCP_PCAP_CAPTURE             1
#define ipconfigFPTCP_METRICS                  1
#include "../posix/FreeRTOSIPConfig.h"
