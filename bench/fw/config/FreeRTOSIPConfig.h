/* The fixed TCP/IP configuration of the footprint benchmark: upstream's
 * reference feature set (reference 14.6): IPv4 + TCP with sliding windows +
 * UDP + DHCP + DNS; no IPv6, no RA, no select, no callbacks (socket or DNS),
 * no printf. All other options keep the V4.4.1 defaults (45 network buffer
 * descriptors, BufferAllocation_2, MSS 1460, 4 x MSS stream buffers, ...), as
 * in upstream's reference figures. */
#ifndef FREERTOS_IP_CONFIG_H
#define FREERTOS_IP_CONFIG_H

#define ipconfigUSE_IPv4                   1
#define ipconfigUSE_IPv6                   0
#define ipconfigUSE_RA                     0
#define ipconfigUSE_DHCP                   1
#define ipconfigUSE_DNS                    1
#define ipconfigUSE_TCP                    1
#define ipconfigUSE_TCP_WIN                1
#define ipconfigBYTE_ORDER                 pdFREERTOS_LITTLE_ENDIAN
#define ipconfigUSE_NETWORK_EVENT_HOOK     1
#define ipconfigSUPPORT_SELECT_FUNCTION    0
#define ipconfigUSE_CALLBACKS              0
#define ipconfigHAS_PRINTF                 0
#define ipconfigHAS_DEBUG_PRINTF           0

/* Not a footprint option (the task stack comes from the heap at run time):
 * generous, so that bench/footprint can report how much the IP task uses. */
#define ipconfigIP_TASK_STACK_SIZE_WORDS   ( configMINIMAL_STACK_SIZE * 8 )

#endif /* FREERTOS_IP_CONFIG_H */
