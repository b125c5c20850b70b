/*
 * FreeRTOS_IP_Utils.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * Helpers of the IP task.  Upstream's FreeRTOS_IP.h reaches most of the other
 * headers through this one; here FreeRTOS_IP.h includes them directly, with
 * the same result.
 */

#include "FreeRTOS_IP.h"

#ifndef FREERTOS_IP_UTILS_H
#define FREERTOS_IP_UTILS_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

struct xNetworkInterface;
struct xNetworkEndPoint;

#if ( ( ipconfigUSE_DHCPv6 == 1 ) || ( ipconfigUSE_DHCP == 1 ) || ( ipconfigUSE_RA == 1 ) )
    /* Asks the IP task to run the end-point's DHCP / DHCPv6 / RA client:
     * pdPASS / pdFAIL. */
    BaseType_t xSendDHCPEvent( struct xNetworkEndPoint * pxEndPoint );
#endif

#if ( ( ipconfigUSE_DHCPv6 == 1 ) || ( ipconfigUSE_DHCP == 1 ) )
    /* State of the end-point's DHCP client. */
    eDHCPState_t eGetDHCPState( const struct xNetworkEndPoint * pxEndPoint );
#endif

#if ( ipconfigZERO_COPY_TX_DRIVER != 0 ) || ( ipconfigZERO_COPY_RX_DRIVER != 0 )
    /* The descriptor of a frame pointer (via the word in front of the frame);
     * NULL when the pointer is misaligned. */
    NetworkBufferDescriptor_t * pxPacketBuffer_to_NetworkBuffer( const void * pvBuffer );
#endif

/* Checks the configuration (asserts) before the IP task starts. */
void vPreCheckConfigs( void );

/* Handles a network-down event of an interface (IP task). */
void prvProcessNetworkDownEvent( struct xNetworkInterface * pxInterface );

/* Drops the oldest queued datagram of a UDP socket. */
void vReleaseSinglePacketFromUDPSocket( const ConstSocket_t xSocket );

#ifdef __cplusplus
}
#endif

#endif /* FREERTOS_IP_UTILS_H */
