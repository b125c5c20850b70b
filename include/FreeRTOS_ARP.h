/*
 * FreeRTOS_ARP.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * The ARP cache and ARP requests.  Not reached through FreeRTOS_IP.h; include
 * it by name.
 */

#include "FreeRTOS_IP.h"

#ifndef FREERTOS_ARP_H
#define FREERTOS_ARP_H

#ifdef __cplusplus
extern "C" {
#endif

struct xNetworkInterface;
struct xNetworkEndPoint;

/* One row of the ARP cache. */
typedef struct xARP_CACHE_TABLE_ROW
{
    uint32_t ulIPAddress;                 /* Network byte order. */
    MACAddress_t xMACAddress;
    uint8_t ucAge;                        /* Counts down; 0 = free. */
    uint8_t ucValid;                      /* 0 while the request is outstanding. */
    struct xNetworkEndPoint * pxEndPoint;
} ARPCacheRow_t;

/* Result of a cache search (row indices, -1 when none). */
typedef struct xCacheLocation
{
    BaseType_t xIpEntry;
    BaseType_t xMacEntry;
    BaseType_t xUseEntry;
} CacheLocation_t;

/* Marks an existing entry as fresh. */
void vARPRefreshCacheEntryAge( const MACAddress_t * pxMACAddress,
                               const uint32_t ulIPAddress );

/* Adds or refreshes an entry (MAC NULL: an outstanding request). */
void vARPRefreshCacheEntry( const MACAddress_t * pxMACAddress,
                            const uint32_t ulIPAddress,
                            struct xNetworkEndPoint * pxEndPoint );

#if ( ipconfigARP_USE_CLASH_DETECTION != 0 )
    /* Set when another host answered for our address. */
    extern BaseType_t xARPHadIPClash;
    extern MACAddress_t xARPClashMacAddress;
#endif

#if ( ipconfigUSE_ARP_REMOVE_ENTRY != 0 )
    /* Removes the entry with this MAC; returns its IP address or 0. */
    uint32_t ulARPRemoveCacheEntryByMac( const MACAddress_t * pxMACAddress );
#endif

/* pdTRUE when the address is in the cache. */
BaseType_t xIsIPInARPCache( uint32_t ulAddressToLookup );

/* pdTRUE when the packet's source needs an ARP lookup first. */
BaseType_t xCheckRequiresARPResolution( const NetworkBufferDescriptor_t * pxNetworkBuffer );

/* Finds the MAC for *pulIPAddress (which may be replaced by the gateway's
 * address) and the end-point to use. */
eResolutionLookupResult_t eARPGetCacheEntry( uint32_t * pulIPAddress,
                                             MACAddress_t * const pxMACAddress,
                                             struct xNetworkEndPoint ** ppxEndPoint );

#if ( ipconfigUSE_ARP_REVERSED_LOOKUP != 0 )
    /* Finds the IP address belonging to a MAC address. */
    eResolutionLookupResult_t eARPGetCacheEntryByMac( const MACAddress_t * const pxMACAddress,
                                                      uint32_t * pulIPAddress,
                                                      struct xNetworkInterface ** ppxInterface );
#endif

/* Ages the cache (ARP timer). */
void vARPAgeCache( void );

/* Announces our addresses. */
void vARPSendGratuitous( void );

/* Builds an ARP request in the buffer (for pxNetworkBuffer->xIPAddress). */
void vARPGenerateRequestPacket( NetworkBufferDescriptor_t * const pxNetworkBuffer );

/* Sends an ARP request for an address (network byte order). */
void FreeRTOS_OutputARPRequest( uint32_t ulIPAddress );

void FreeRTOS_OutputARPRequest_Multi( NetworkEndPoint_t * pxEndPoint,
                                      uint32_t ulIPAddress );

/* Resolves an address, waiting up to uxTicksToWait: 0 when resolved,
 * a negated pdFREERTOS_ERRNO_* value otherwise. */
BaseType_t xARPWaitResolution( uint32_t ulIPAddress,
                               TickType_t uxTicksToWait );

/* Removes the entries of an end-point (NULL: all). */
void FreeRTOS_ClearARP( const struct xNetworkEndPoint * pxEndPoint );

#if ( ipconfigHAS_PRINTF != 0 ) || ( ipconfigHAS_DEBUG_PRINTF != 0 )
    /* Prints the cache through FreeRTOS_printf(). */
    void FreeRTOS_PrintARPCache( void );
#endif

#ifdef __cplusplus
}
#endif

#endif /* FREERTOS_ARP_H */
