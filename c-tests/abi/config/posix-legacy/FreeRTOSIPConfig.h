/* FreeRTOSIPConfig.h for the ABI compile checks: ipconfigIPv4_BACKWARD_COMPATIBLE 1: the V3-style single-interface API. */
#ifndef FREERTOS_IP_CONFIG_H
#define FREERTOS_IP_CONFIG_H

#define ipconfigBYTE_ORDER                         pdFREERTOS_LITTLE_ENDIAN

#define ipconfigIPv4_BACKWARD_COMPATIBLE           1
#define ipconfigUSE_IPv6                           0
#define ipconfigUSE_DHCP                           1
#define ipconfigUSE_DHCP_HOOK                      1
#define ipconfigUSE_DNS                            1
#define ipconfigUSE_LLMNR                          1
#define ipconfigUSE_NETWORK_EVENT_HOOK             1
#define ipconfigDHCP_REGISTER_HOSTNAME             1
#define ipconfigSUPPORT_OUTGOING_PINGS             1

#endif /* FREERTOS_IP_CONFIG_H */
