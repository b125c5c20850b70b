/*
 * TCP/IP configuration of the keep-alive host build: the POSIX configuration
 * with TCP keep-alive on (probes after 2 s of silence instead of upstream's
 * 20 s) and hang protection after 5 s instead of 30 s, so that
 * c-tests/unit/test_keepalive.c sees a vanished peer given up and a
 * half-open handshake freed within seconds. ../posix/FreeRTOSIPConfig.h
 * defines the include guard FREERTOS_IP_CONFIG_H.
 */
#define ipconfigTCP_KEEP_ALIVE              1
#define ipconfigTCP_KEEP_ALIVE_INTERVAL     2 /* seconds */
#define ipconfigTCP_HANG_PROTECTION         1
#define ipconfigTCP_HANG_PROTECTION_TIME    5 /* seconds */
#include "../posix/FreeRTOSIPConfig.h"
