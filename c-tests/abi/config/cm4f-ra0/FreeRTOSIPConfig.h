/* FreeRTOSIPConfig.h for the ABI compile checks: IPv4 only, ipconfigUSE_RA 0 (board). */
#ifndef FREERTOS_IP_CONFIG_H
#define FREERTOS_IP_CONFIG_H

#define ipconfigBYTE_ORDER                         pdFREERTOS_LITTLE_ENDIAN

/* Upstream defaults with IPv6 switched off: IPv4, TCP with windows, DHCP and
 * DNS stay enabled; ipconfigUSE_RA is set to 0, which shrinks NetworkEndPoint_t. */
#define ipconfigUSE_IPv6                           0
#define ipconfigUSE_RA                             0

#endif /* FREERTOS_IP_CONFIG_H */
