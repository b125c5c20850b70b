/* FreeRTOS+TCP configuration of the host example: IPv4 + TCP, static
 * address 192.0.2.10/24 (TEST-NET-1, used inside a network namespace). */
#ifndef FREERTOS_IP_CONFIG_H
#define FREERTOS_IP_CONFIG_H

#define ipconfigUSE_IPv4                           1
#define ipconfigUSE_IPv6                           0
#define ipconfigUSE_RA                             0
#define ipconfigUSE_DHCP                           0
#define ipconfigUSE_DNS                            0
#define ipconfigUSE_TCP                            1
#define ipconfigUSE_TCP_WIN                        1
#define ipconfigBYTE_ORDER                         pdFREERTOS_LITTLE_ENDIAN
#define ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS     64
#define ipconfigUSE_NETWORK_EVENT_HOOK             1
#define ipconfigHAS_PRINTF                         0

#endif /* FREERTOS_IP_CONFIG_H */
