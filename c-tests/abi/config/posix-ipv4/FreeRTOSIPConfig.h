/* FreeRTOSIPConfig.h for the ABI compile checks: IPv4 only, TCP, no DHCP/DNS, printf on (host). */
#ifndef FREERTOS_IP_CONFIG_H
#define FREERTOS_IP_CONFIG_H

#define ipconfigBYTE_ORDER                         pdFREERTOS_LITTLE_ENDIAN

/* IPv4 only, TCP with sliding windows, static addressing, no DNS.
 * ipconfigUSE_RA is left at its default (enabled), as in a typical upstream
 * IPv4 application. */
#define ipconfigUSE_IPv4                           1
#define ipconfigUSE_IPv6                           0
#define ipconfigUSE_TCP                            1
#define ipconfigUSE_TCP_WIN                        1
#define ipconfigUSE_DHCP                           0
#define ipconfigUSE_DNS                            0
#define ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS     64
#define ipconfigHAS_PRINTF                         1

#include <stdio.h>
#define FreeRTOS_printf( MSG )                     printf MSG

#endif /* FREERTOS_IP_CONFIG_H */
