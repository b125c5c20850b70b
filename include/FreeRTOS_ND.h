/*
 * FreeRTOS_ND.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * IPv6 neighbour discovery and router advertisement (ipconfigUSE_IPv6).
 * Include by name.
 */

#include "FreeRTOS_IP.h"

#ifndef FREERTOS_ND_H
#define FREERTOS_ND_H

#ifdef __cplusplus
extern "C" {
#endif

#if ( ipconfigUSE_IPv6 != 0 )

/* One row of the neighbour cache. */
    typedef struct xND_CACHE_TABLE_ROW
    {
        IPv6_Address_t xIPAddress;
        MACAddress_t xMACAddress;
        struct xNetworkEndPoint * pxEndPoint;
        uint8_t ucAge;
        uint8_t ucValid;
    } NDCacheRow_t;

/* Adds or refreshes a neighbour. */
    void vNDRefreshCacheEntry( const MACAddress_t * pxMACAddress,
                               const IPv6_Address_t * pxIPAddress,
                               NetworkEndPoint_t * pxEndPoint );

/* Neighbour discovery option types (RFC 4861). */
    #define ndICMP_SOURCE_LINK_LAYER_ADDRESS    1
    #define ndICMP_TARGET_LINK_LAYER_ADDRESS    2
    #define ndICMP_PREFIX_INFORMATION           3
    #define ndICMP_REDIRECTED_HEADER            4
    #define ndICMP_MTU_OPTION                   5

/* Finds the MAC for an IPv6 address and the end-point to use. */
    eResolutionLookupResult_t eNDGetCacheEntry( IPv6_Address_t * pxIPAddress,
                                                MACAddress_t * const pxMACAddress,
                                                struct xNetworkEndPoint ** ppxEndPoint );

/* Ages the cache (ND timer). */
    void vNDAgeCache( void );

/* Sends a neighbour solicitation using the given buffer. */
    void vNDSendNeighbourSolicitation( NetworkBufferDescriptor_t * pxNetworkBuffer,
                                       const IPv6_Address_t * pxIPAddress );

    #if ( ipconfigUSE_RA != 0 )
        /* Sends a router solicitation using the given buffer. */
        void vNDSendRouterSolicitation( NetworkBufferDescriptor_t * pxNetworkBuffer,
                                        IPv6_Address_t * pxIPAddress );

        /* Runs (or with xDoReset restarts) the RA client of an end-point. */
        void vRAProcess( BaseType_t xDoReset,
                         NetworkEndPoint_t * pxEndPoint );
    #endif

/* Sends an unsolicited neighbour advertisement for the end-point. */
    void FreeRTOS_OutputAdvertiseIPv6( NetworkEndPoint_t * pxEndPoint );

    #if ( ipconfigSUPPORT_OUTGOING_PINGS == 1 )
        /* Sends an ICMPv6 echo request; returns its sequence number, or
         * pdFAIL. */
        BaseType_t FreeRTOS_SendPingRequestIPv6( const IPv6_Address_t * pxIPAddress,
                                                 size_t uxNumberOfBytesToSend,
                                                 TickType_t uxBlockTimeTicks );
    #endif

/* Builds an address from a prefix and a (random, with xDoRandom) interface
 * identifier: pdPASS / pdFAIL. */
    BaseType_t FreeRTOS_CreateIPv6Address( IPv6_Address_t * pxIPAddress,
                                           const IPv6_Address_t * pxPrefix,
                                           size_t uxPrefixLength,
                                           BaseType_t xDoRandom );

    #if ( ipconfigUSE_RA != 0 )
        /* A neighbour advertisement arrived (address test). */
        void vReceiveNA( const NetworkBufferDescriptor_t * pxNetworkBuffer );

        /* A router advertisement arrived. */
        void vReceiveRA( const NetworkBufferDescriptor_t * pxNetworkBuffer );
    #endif

    #if ( ( ipconfigHAS_PRINTF != 0 ) || ( ipconfigHAS_DEBUG_PRINTF != 0 ) )
        /* Prints the neighbour cache through FreeRTOS_printf(). */
        void FreeRTOS_PrintNDCache( void );
    #endif

/* pdTRUE when the packet's source needs an ND lookup first. */
    BaseType_t xCheckRequiresNDResolution( const NetworkBufferDescriptor_t * pxNetworkBuffer );

/* Removes the entries of an end-point (NULL: all). */
    void FreeRTOS_ClearND( const struct xNetworkEndPoint * pxEndPoint );

/* ff02::1 and its multicast MAC 33:33:00:00:00:01. */
    extern const uint8_t pcLOCAL_ALL_NODES_MULTICAST_IP[ ipSIZE_OF_IPv6_ADDRESS ];
    extern const uint8_t pcLOCAL_ALL_NODES_MULTICAST_MAC[ ipMAC_ADDRESS_LENGTH_BYTES ];

#endif /* ipconfigUSE_IPv6 */

#ifdef __cplusplus
}
#endif

#endif /* FREERTOS_ND_H */
