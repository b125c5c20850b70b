/* FreeRTOSIPConfig.h for the ABI compile checks: upstream defaults (IPv4 + IPv6, RA, DHCP, DNS, TCP with windows). */
#ifndef FREERTOS_IP_CONFIG_H
#define FREERTOS_IP_CONFIG_H

#define ipconfigBYTE_ORDER                         pdFREERTOS_LITTLE_ENDIAN

#endif /* FREERTOS_IP_CONFIG_H */
