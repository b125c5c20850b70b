/*
 * FreeRTOS_DNS_Cache.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * The DNS cache (ipconfigUSE_DNS_CACHE).  Reached through FreeRTOS_DNS.h.
 */

#include "FreeRTOS_IP.h"

#ifndef FREERTOS_DNS_CACHE_H
#define FREERTOS_DNS_CACHE_H

#include "FreeRTOS_DNS_Globals.h"

#ifdef __cplusplus
extern "C" {
#endif

#if ( ( ipconfigUSE_DNS_CACHE == 1 ) && ( ipconfigUSE_DNS != 0 ) )

/* One cached name. */
    typedef struct xDNS_CACHE_TABLE_ROW
    {
        IPv46_Address_t xAddresses[ ipconfigDNS_CACHE_ADDRESSES_PER_ENTRY ];
        char pcName[ ipconfigDNS_CACHE_NAME_LENGTH ];
        uint32_t ulTTL;                    /* Seconds. */
        uint32_t ulTimeWhenAddedInSeconds;
        #if ( ipconfigDNS_CACHE_ADDRESSES_PER_ENTRY > 1 )
            uint8_t ucNumIPAddresses;
            uint8_t ucCurrentIPAddress;    /* Rotates through the addresses. */
        #endif
    } DNSCacheRow_t;

/* Cached IPv4 address of a name (network byte order), 0 when absent. */
    uint32_t FreeRTOS_dnslookup( const char * pcHostName );

/* Empties the cache. */
    void FreeRTOS_dnsclear( void );

/* Prints the cache through FreeRTOS_printf(). */
    void vShowDNSCacheTable( void );

/* Looks up (xLookUp pdTRUE) or stores a name. */
    BaseType_t FreeRTOS_dns_update( const char * pcName,
                                    IPv46_Address_t * pxIP,
                                    uint32_t ulTTL,
                                    BaseType_t xLookUp,
                                    struct freertos_addrinfo ** ppxAddressInfo );

    BaseType_t FreeRTOS_ProcessDNSCache( const char * pcName,
                                         IPv46_Address_t * pxIP,
                                         uint32_t ulTTL,
                                         BaseType_t xLookUp,
                                         struct freertos_addrinfo ** ppxAddressInfo );

    uint32_t Prepare_CacheLookup( const char * pcHostName,
                                  BaseType_t xFamily,
                                  struct freertos_addrinfo ** ppxAddressInfo );

#endif /* ipconfigUSE_DNS_CACHE */

#ifdef __cplusplus
}
#endif

#endif /* FREERTOS_DNS_CACHE_H */
