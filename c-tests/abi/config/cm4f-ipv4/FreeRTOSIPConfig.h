/* FreeRTOSIPConfig.h for the ABI compile checks: IPv4 only, otherwise upstream defaults (board). */
#ifndef FREERTOS_IP_CONFIG_H
#define FREERTOS_IP_CONFIG_H

#define ipconfigBYTE_ORDER                         pdFREERTOS_LITTLE_ENDIAN

/* Upstream defaults with IPv6 switched off: IPv4, TCP with windows, DHCP and
 * DNS stay enabled, and so does ipconfigUSE_RA (its default). */
#define ipconfigUSE_IPv6                           0

#endif /* FREERTOS_IP_CONFIG_H */
