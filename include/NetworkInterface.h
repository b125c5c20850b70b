/*
 * NetworkInterface.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * What a network driver may provide besides its NetworkInterface_t (see
 * FreeRTOS_Routing.h).  V4 drivers export
 *     NetworkInterface_t * pxXxx_FillInterfaceDescriptor( BaseType_t xEMACIndex,
 *                                                         NetworkInterface_t * pxInterface );
 * which fills the structure and calls FreeRTOS_AddNetworkInterface().
 */

#include "FreeRTOS_IP.h"

#ifndef NETWORK_INTERFACE_H
#define NETWORK_INTERFACE_H

#ifdef __cplusplus
extern "C" {
#endif

/* Fixed-size pools: the driver assigns frame memory to the descriptors (each
 * frame with ipBUFFER_PADDING bytes in front whose first word points back to
 * the descriptor) and returns the usable frame size. */
size_t uxNetworkInterfaceAllocateRAMToBuffers( NetworkBufferDescriptor_t pxNetworkBuffers[ ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS ] );

/* pdTRUE while the PHY reports a link. */
BaseType_t xGetPhyLinkStatus( struct xNetworkInterface * pxInterface );

/* Group bit of the first byte of a MAC address. */
#define MAC_IS_MULTICAST( pucMACAddressBytes )    ( ( pucMACAddressBytes[ 0 ] & 1U ) != 0U )
#define MAC_IS_UNICAST( pucMACAddressBytes )      ( ( pucMACAddressBytes[ 0 ] & 1U ) == 0U )

#ifdef __cplusplus
}
#endif

#endif /* NETWORK_INTERFACE_H */
