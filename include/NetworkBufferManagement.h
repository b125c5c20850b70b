/*
 * NetworkBufferManagement.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * The network buffer pool, as used by network drivers.  A buffer is a
 * NetworkBufferDescriptor_t plus the frame it points to; ipBUFFER_PADDING
 * bytes in front of the frame hold a pointer back to the descriptor.
 */

#include "FreeRTOS_IP.h"

#ifndef NETWORK_BUFFER_MANAGEMENT_H
#define NETWORK_BUFFER_MANAGEMENT_H

#ifdef __cplusplus
extern "C" {
#endif

/* Hooks for debugging builds that record the caller; empty. */
#define BUFFER_FROM_WHERE_DECL
#define BUFFER_FROM_WHERE_CALL( aWhere )

/* Creates the pool (called by FreeRTOS_IPInit_Multi()): pdPASS / pdFAIL. */
BaseType_t xNetworkBuffersInitialise( void );

/* A buffer with room for xRequestedSizeBytes, waiting up to xBlockTimeTicks;
 * NULL when none is free. */
NetworkBufferDescriptor_t * pxGetNetworkBufferWithDescriptor( size_t xRequestedSizeBytes,
                                                              TickType_t xBlockTimeTicks );

/* Interrupt-safe variant (fixed-size pools only). */
NetworkBufferDescriptor_t * pxNetworkBufferGetFromISR( size_t xRequestedSizeBytes );

void vReleaseNetworkBufferAndDescriptor( NetworkBufferDescriptor_t * const pxNetworkBuffer );

/* Interrupt-safe release (fixed-size pools only); returns pdTRUE when a
 * context switch is due, despite the "v" prefix. */
BaseType_t vNetworkBufferReleaseFromISR( NetworkBufferDescriptor_t * const pxNetworkBuffer );

/* Raw frame memory without a descriptor. */
uint8_t * pucGetNetworkBuffer( size_t * pxRequestedSizeBytes );
void vReleaseNetworkBuffer( uint8_t * pucEthernetBuffer );

UBaseType_t uxGetNumberOfFreeNetworkBuffers( void );
UBaseType_t uxGetMinimumFreeNetworkBuffers( void );

/* A copy of a buffer with a new length (contents copied up to the smaller
 * length). */
NetworkBufferDescriptor_t * pxDuplicateNetworkBufferWithDescriptor( const NetworkBufferDescriptor_t * const pxNetworkBuffer,
                                                                    size_t uxNewLength );

/* Grows or shrinks a buffer; may return a different descriptor. */
NetworkBufferDescriptor_t * pxResizeNetworkBufferWithDescriptor( NetworkBufferDescriptor_t * pxNetworkBuffer,
                                                                 size_t xNewSizeBytes );

#if ipconfigTCP_IP_SANITY
    UBaseType_t bIsValidNetworkDescriptor( const NetworkBufferDescriptor_t * pxDesc );
    BaseType_t prvIsFreeBuffer( const NetworkBufferDescriptor_t * pxDescr );
#endif

#ifdef __cplusplus
}
#endif

#endif /* NETWORK_BUFFER_MANAGEMENT_H */
