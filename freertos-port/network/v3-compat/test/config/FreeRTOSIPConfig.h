/*
 * TCP/IP configuration of the V3-driver test: a V3-era application
 * (FreeRTOS_IPInit(), ipconfigIPv4_BACKWARD_COMPATIBLE 1) on a V3 driver.
 * IPv4 + TCP, static address; everything else keeps the V4.4.1 defaults.
 */
#ifndef FREERTOS_IP_CONFIG_H
#define FREERTOS_IP_CONFIG_H

#define ipconfigIPv4_BACKWARD_COMPATIBLE        1
#define ipconfigUSE_IPv4                        1
#define ipconfigUSE_IPv6                        0
#define ipconfigUSE_RA                          0
#define ipconfigUSE_DHCP                        0
#define ipconfigUSE_DNS                         0
#define ipconfigUSE_TCP                         1
#define ipconfigUSE_TCP_WIN                     1
#define ipconfigBYTE_ORDER                      pdFREERTOS_LITTLE_ENDIAN
#define ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS  32
#define ipconfigUSE_NETWORK_EVENT_HOOK          1
#define ipconfigHAS_PRINTF                      0

#endif /* FREERTOS_IP_CONFIG_H */
