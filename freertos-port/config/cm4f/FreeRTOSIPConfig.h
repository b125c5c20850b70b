/* FreeRTOS+TCP configuration for the Cortex-M4F board build: IPv4 + TCP,
 * DHCP (per image) or a static address, what this version of the library implements. */
#ifndef FREERTOS_IP_CONFIG_H
#define FREERTOS_IP_CONFIG_H

#define ipconfigUSE_IPv4                           1
#define ipconfigUSE_IPv6                           0
#define ipconfigUSE_RA                             0
/* DHCP is built in; each image chooses per end-point (bWantDHCP, see
 * firmware/app/fw_main.c): the demo and fw-good-dhcp lease their address,
 * the other test images keep their static one. The application answers the
 * hook (xApplicationDHCPHook_Multi) and names itself (option 12). */
#define ipconfigUSE_DHCP                           1
#define ipconfigUSE_DHCP_HOOK                      1
#define ipconfigDHCP_REGISTER_HOSTNAME             1
#define ipconfigUSE_DNS                            1
#define ipconfigUSE_TCP                            1
#define ipconfigUSE_TCP_WIN                        1
#define ipconfigBYTE_ORDER                         pdFREERTOS_LITTLE_ENDIAN
#define ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS     24
#define ipconfigUSE_NETWORK_EVENT_HOOK             1
#define ipconfigIP_TASK_STACK_SIZE_WORDS           ( configMINIMAL_STACK_SIZE * 4 )

#define ipconfigHAS_PRINTF                         1
void vLoggingPrintf( const char * pcFormat, ... );
#define FreeRTOS_printf( X )    vLoggingPrintf X

/* The asynchronous DNS calls too (built, and checked for panic paths). */
#define ipconfigDNS_USE_CALLBACKS                  1

/* FreeRTOS_select() and FreeRTOS_SignalSocket() (built and checked for panic
 * paths here; exercised by the host tests and examples). */
#define ipconfigSUPPORT_SELECT_FUNCTION            1
#define ipconfigSUPPORT_SIGNALS                    1

/* Socket callbacks (FREERTOS_SO_TCP_CONN/RECV/SENT_HANDLER): the
 * callbacks-only HTTP server image fw-callbacks-tap (apps/shared/
 * http_callbacks_app.c) is built on them. */
#define ipconfigUSE_CALLBACKS                      1

/* Zero-copy driver contract (docs/driver-zero-copy.md): the LAN9118 driver
 * hands each descriptor pfOutput() gets to its deferred task, which writes
 * it into the TX FIFO and releases it there (its README, "Zero copy"). */
#define ipconfigZERO_COPY_RX_DRIVER                1
#define ipconfigZERO_COPY_TX_DRIVER                1

#endif /* FREERTOS_IP_CONFIG_H */
