/*
 * FreeRTOS_DNS.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * Name resolution: FreeRTOS_gethostbyname(), FreeRTOS_getaddrinfo() and
 * their asynchronous forms, plus the LLMNR / mDNS addresses.
 */

#include "FreeRTOS_IP.h"

#ifndef FREERTOS_DNS_H
#define FREERTOS_DNS_H

#include "FreeRTOS_DNS_Globals.h"
#include "FreeRTOS_DNS_Callback.h"
#include "FreeRTOS_DNS_Cache.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Multicast MAC addresses of LLMNR and mDNS (IPv4 and IPv6 groups). */
extern const MACAddress_t xLLMNR_MacAddress;
extern const MACAddress_t xLLMNR_MacAddressIPv6;

#if ( ( ipconfigUSE_LLMNR != 0 ) && ( ipconfigUSE_IPv6 != 0 ) )
    extern const IPv6_Address_t ipLLMNR_IP_ADDR_IPv6; /* ff02::1:3 */
#endif

extern const MACAddress_t xMDNS_MacAddress;
extern const MACAddress_t xMDNS_MacAddressIPv6;
#define xMDNS_MACAddressIPv6    xMDNS_MacAddressIPv6

#if ( ( ipconfigUSE_MDNS != 0 ) && ( ipconfigUSE_IPv6 != 0 ) )
    extern const IPv6_Address_t ipMDNS_IP_ADDR_IPv6; /* ff02::fb */
#endif

/* Which address family FreeRTOS_gethostbyname() asks for. */
typedef enum xIPPreference
{
    xPreferenceNone,
    xPreferenceIPv4
    #if ( ipconfigUSE_IPv6 != 0 )
        ,
        xPreferenceIPv6
    #endif
} IPPreference_t;

extern IPPreference_t xDNS_IP_Preference;

/* Stack internal: a DNS / LLMNR / mDNS packet arrived. */
BaseType_t xDNSHandlePacket( const NetworkBufferDescriptor_t * pxNetworkBuffer );

#if ( ipconfigUSE_NBNS != 0 )
    uint32_t ulNBNSHandlePacket( NetworkBufferDescriptor_t * pxNetworkBuffer );
#endif

#if ( ipconfigDNS_USE_CALLBACKS != 0 )

/* Asynchronous IPv4 lookup: returns the address when it is cached, otherwise
 * 0 and calls pCallback (from the IP task) when the answer arrives or
 * uxTimeout expires. */
    uint32_t FreeRTOS_gethostbyname_a( const char * pcHostName,
                                       FOnDNSEvent pCallback,
                                       void * pvSearchID,
                                       TickType_t uxTimeout );

/* Cancels the lookup(s) with this search ID (NULL: all). */
    void FreeRTOS_gethostbyname_cancel( void * pvSearchID );

/* Asynchronous FreeRTOS_getaddrinfo(). */
    BaseType_t FreeRTOS_getaddrinfo_a( const char * pcName,
                                       const char * pcService,
                                       const struct freertos_addrinfo * pxHints,
                                       struct freertos_addrinfo ** ppxResult,
                                       FOnDNSEvent pCallback,
                                       void * pvSearchID,
                                       TickType_t uxTimeout );
#endif

/* Blocking IPv4 lookup; the address in network byte order, 0 when not
 * found. */
uint32_t FreeRTOS_gethostbyname( const char * pcHostName );

/* Allocates one addrinfo result (stack internal). */
struct freertos_addrinfo * pxNew_AddrInfo( const char * pcName,
                                           BaseType_t xFamily,
                                           const uint8_t * pucAddress );

/* Blocking lookup of IPv4 and/or IPv6 addresses.  0 on success (free the list
 * with FreeRTOS_freeaddrinfo()), a negated pdFREERTOS_ERRNO_* value
 * otherwise. */
BaseType_t FreeRTOS_getaddrinfo( const char * pcName,
                                 const char * pcService,
                                 const struct freertos_addrinfo * pxHints,
                                 struct freertos_addrinfo ** ppxResult );

void FreeRTOS_freeaddrinfo( struct freertos_addrinfo * pxInfo );

/* Sets xDNS_IP_Preference; pdPASS / pdFAIL. */
BaseType_t FreeRTOS_SetDNSIPPreference( IPPreference_t eIPPreference );

#if ( ipconfigDNS_USE_CALLBACKS == 1 )
    void vDNSInitialise( void );
#endif

#ifdef __cplusplus
}
#endif

#endif /* FREERTOS_DNS_H */
