/*
 * v3_network_interface.h -- legacy (V2/V3) network drivers on the V4 stack.
 *
 * A V3 driver exports four global functions (the V3.1.0 NetworkInterface.h
 * prototypes, declared below) and calls a few stack functions whose V3
 * signatures differ from V4. This header is the V3 driver's view of the V4
 * stack; v3_network_interface.c wraps the driver into a NetworkInterface_t.
 *
 * The header must be seen by every source file of the V3 driver BEFORE any
 * stack header. With CMake, -DFREERTOS_PLUS_TCP_V3_DRIVER=ON force-includes
 * it into the target freertos_plus_tcp_network_if; with another build system
 * add  -include <this folder>/v3_network_interface.h  to the driver's flags.
 * The driver's sources stay as they are. See README.md in this folder.
 *
 * What it does for the driver's translation units:
 *   - declares the V3 prototypes, including BaseType_t xGetPhyLinkStatus( void )
 *     (V4's NetworkInterface.h declares a one-argument xGetPhyLinkStatus();
 *     that declaration is made under another name here, so the V3
 *     definition compiles);
 *   - maps the V3 calls FreeRTOS_NetworkDown() / FreeRTOS_NetworkDownFromISR()
 *     (no argument) to the wrapped interface;
 *   - routes xSendEventStructToIPTask() through the wrapper, which fills in
 *     pxInterface and pxEndPoint of received buffers (V4 fields a V3 driver
 *     does not know; upstream V4 drops frames without them);
 *   - defines the V3 macros ipLOCAL_MAC_ADDRESS and ipLOCAL_IP_ADDRESS_POINTER
 *     (the MAC and IPv4 address of the wrapped interface's end-point) and
 *     FreeRTOS_GetMACAddress() with the same meaning.
 *
 * Compiler support: GCC and Clang (the wrapper uses a weak reference).
 */
#ifndef V3_NETWORK_INTERFACE_H
#define V3_NETWORK_INTERFACE_H

#if defined( NETWORK_INTERFACE_H )
    #error "v3_network_interface.h must come before the stack's headers: force-include it (-include) into the V3 driver's sources"
#endif

#include "FreeRTOS.h"

/* Declare V4's xGetPhyLinkStatus( struct xNetworkInterface * ) as
 * xGetPhyLinkStatus_V4 while the stack's headers are read. */
#define xGetPhyLinkStatus    xGetPhyLinkStatus_V4
#include "FreeRTOS_IP.h"
#include "FreeRTOS_IP_Private.h"
#include "FreeRTOS_Routing.h"
#include "NetworkBufferManagement.h"
#include "NetworkInterface.h"
#undef xGetPhyLinkStatus

#ifdef __cplusplus
extern "C" {
#endif

/* ---- What a V3 driver defines (V3.1.0 NetworkInterface.h) ---------------- */

BaseType_t xNetworkInterfaceInitialise( void );
BaseType_t xNetworkInterfaceOutput( NetworkBufferDescriptor_t * const pxNetworkBuffer,
                                    BaseType_t xReleaseAfterSend );
/* Only with FREERTOS_PLUS_TCP_BUFFER_ALLOCATION 1. */
void vNetworkInterfaceAllocateRAMToBuffers( NetworkBufferDescriptor_t pxNetworkBuffers[ ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS ] );
BaseType_t xGetPhyLinkStatus( void );

/* ---- The wrapper (v3_network_interface.c) --------------------------------- */

/* Usable size of each static buffer a V3 driver assigns in
 * vNetworkInterfaceAllocateRAMToBuffers() (BufferAllocation_1): V3 drivers
 * size them for the largest frame the stack sends. Override on the command
 * line if the driver's buffers are smaller or larger. */
#ifndef FPTCP_V3_BUFFER_SIZE
    #define FPTCP_V3_BUFFER_SIZE    ( ( size_t ) ipconfigNETWORK_MTU + ( size_t ) ipSIZE_OF_ETH_HEADER )
#endif

/* Fills *pxInterface with functions that call the V3 driver and adds it with
 * FreeRTOS_AddNetworkInterface(). For FreeRTOS_IPInit_Multi() applications;
 * with ipconfigIPv4_BACKWARD_COMPATIBLE 1 the wrapper also defines
 * pxFillInterfaceDescriptor(), which FreeRTOS_IPInit() calls. There is one V3
 * driver per program (its functions are global): xEMACIndex must be 0, and a
 * second, different interface is refused (NULL). */
NetworkInterface_t * pxV3Driver_FillInterfaceDescriptor( BaseType_t xEMACIndex,
                                                         NetworkInterface_t * pxInterface );

/* The wrapped interface, or NULL before it was filled. */
NetworkInterface_t * pxV3Driver_GetInterface( void );

/* V3's FreeRTOS_NetworkDown() / FreeRTOS_NetworkDownFromISR(). */
void vV3Driver_NetworkDown( void );
BaseType_t xV3Driver_NetworkDownFromISR( void );

/* xSendEventStructToIPTask() for a V3 driver: received buffers (and chains)
 * get pxInterface and pxEndPoint when they are NULL. */
BaseType_t xV3Driver_SendEventStructToIPTask( const IPStackEvent_t * pxEvent,
                                              TickType_t uxTimeout );

/* The MAC address (6 bytes) and IPv4 address (network order) of the wrapped
 * interface's first end-point; a zeroed static area before there is one. */
uint8_t * pucV3Driver_MACAddress( void );
uint32_t * pulV3Driver_IPAddress( void );

#ifdef __cplusplus
}
#endif

/* ---- V3 names in the driver's sources ------------------------------------ */

#ifndef V3_NETWORK_INTERFACE_IMPLEMENTATION
    #define FreeRTOS_NetworkDown()                           vV3Driver_NetworkDown()
    #define FreeRTOS_NetworkDownFromISR()                    xV3Driver_NetworkDownFromISR()
    #define xSendEventStructToIPTask( pxEvent, uxTimeout )    xV3Driver_SendEventStructToIPTask( ( pxEvent ), ( uxTimeout ) )
    #define FreeRTOS_GetMACAddress()                         ( ( const uint8_t * ) pucV3Driver_MACAddress() )
    #ifndef ipLOCAL_MAC_ADDRESS
        #define ipLOCAL_MAC_ADDRESS                          ( pucV3Driver_MACAddress() )
    #endif
    #ifndef ipLOCAL_IP_ADDRESS_POINTER
        #define ipLOCAL_IP_ADDRESS_POINTER                   ( pulV3Driver_IPAddress() )
    #endif
#endif

#endif /* V3_NETWORK_INTERFACE_H */
