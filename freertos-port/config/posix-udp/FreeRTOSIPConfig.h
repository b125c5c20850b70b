/*
 * TCP/IP configuration of the UDP-only host build: the POSIX configuration
 * with ipconfigUSE_TCP 0 (upstream's Enable_IPv4 build combination turns TCP
 * off the same way). Used by c-tests/unit/test_udp_only.c.
 * ../posix/FreeRTOSIPConfig.h defines the include guard FREERTOS_IP_CONFIG_H.
 */
#define ipconfigUSE_TCP    0
#include "../posix/FreeRTOSIPConfig.h"
