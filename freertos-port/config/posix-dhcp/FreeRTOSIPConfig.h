/*
 * TCP/IP configuration of the DHCP host build: the POSIX configuration with
 * the DHCP client, its application hook and host-name registration. Used by
 * c-tests/unit/test_dhcp.c against dnsmasq. ../posix/FreeRTOSIPConfig.h
 * defines the include guard FREERTOS_IP_CONFIG_H.
 */
#define ipconfigUSE_DHCP                  1
#define ipconfigUSE_DHCP_HOOK             1
#define ipconfigDHCP_REGISTER_HOSTNAME    1
#include "../posix/FreeRTOSIPConfig.h"
