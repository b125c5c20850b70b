/* FreeRTOS+TCP configuration of the example firmware: IPv4 + TCP, static
 * address (QEMU user networking: 10.0.2.15/24, gateway 10.0.2.2). Valid for
 * upstream FreeRTOS+TCP V4.4.1 and for this library alike. */
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
#define ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS     24
#define ipconfigUSE_NETWORK_EVENT_HOOK             1
#define ipconfigIP_TASK_STACK_SIZE_WORDS           ( configMINIMAL_STACK_SIZE * 4 )
#define ipconfigHAS_PRINTF                         0

#endif /* FREERTOS_IP_CONFIG_H */
