/*
 * FreeRTOS_Routing.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * Network interfaces (one per MAC / driver) and end-points (one per address
 * on an interface).  The application owns both structures; they must stay
 * valid for as long as the stack runs.
 *
 * Start-up:
 *     pxXxx_FillInterfaceDescriptor( 0, &xInterface );    (driver; adds it)
 *     FreeRTOS_FillEndPoint( &xInterface, &xEndPoint, ip, mask, gw, dns, mac );
 *     xEndPoint.bits.bWantDHCP = pdTRUE;                  (optional)
 *     FreeRTOS_IPInit_Multi();
 */

#include "FreeRTOS_IP.h"

#ifndef FREERTOS_ROUTING_H
#define FREERTOS_ROUTING_H

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Network interface ------------------------------------------------------ */

struct xNetworkInterface;
struct xNetworkEndPoint;

/* Initialises the hardware.  Called by the IP task after every network-down
 * event until it returns pdPASS. */
typedef BaseType_t ( * NetworkInterfaceInitialiseFunction_t ) ( struct xNetworkInterface * pxDescriptor );

/* Sends a frame.  With xReleaseAfterSend == pdTRUE the driver owns the buffer
 * and must release it. */
typedef BaseType_t ( * NetworkInterfaceOutputFunction_t ) ( struct xNetworkInterface * pxDescriptor,
                                                            NetworkBufferDescriptor_t * const pxNetworkBuffer,
                                                            BaseType_t xReleaseAfterSend );

/* pdTRUE while the PHY reports a link. */
typedef BaseType_t ( * GetPhyLinkStatusFunction_t ) ( struct xNetworkInterface * pxDescriptor );

/* Adds / removes a (unicast or multicast) MAC address to / from the receive
 * filter.  Calls are counted: an address stays allowed until it has been
 * removed as often as it was added.  NULL means "receive everything". */
typedef void ( * NetworkInterfaceMACFilterFunction_t ) ( struct xNetworkInterface * pxInterface,
                                                         const uint8_t * pucMacAddressBytes );

/* One network interface (Cortex-M4: 40 bytes). */
typedef struct xNetworkInterface
{
    const char * pcName;                               /* For logging. */
    void * pvArgument;                                 /* For the driver. */
    NetworkInterfaceInitialiseFunction_t pfInitialise;
    NetworkInterfaceOutputFunction_t pfOutput;
    GetPhyLinkStatusFunction_t pfGetPhyLinkStatus;
    NetworkInterfaceMACFilterFunction_t pfAddAllowedMAC;
    NetworkInterfaceMACFilterFunction_t pfRemoveAllowedMAC;
    struct
    {
        uint32_t
            bInterfaceUp : 1,   /* The interface is up. */
            bCallDownEvent : 1; /* A down event must still be delivered. */
    } bits;
    struct xNetworkEndPoint * pxEndPoint; /* First end-point of this interface. */
    struct xNetworkInterface * pxNext;    /* Next interface. */
} NetworkInterface_t;

/* ---- End-point ---------------------------------------------------------------- */

/* IPv4 settings of an end-point; all addresses in network byte order. */
typedef struct xIPV4Parameters
{
    uint32_t ulIPAddress;      /* 0 while the end-point is down. */
    uint32_t ulNetMask;
    uint32_t ulGatewayAddress;
    uint32_t ulDNSServerAddresses[ ipconfigENDPOINT_DNS_ADDRESS_COUNT ];
    uint32_t ulBroadcastAddress;
    uint8_t ucDNSIndex;        /* DNS server to use next. */
} IPV4Parameters_t;

#if ( ipconfigUSE_IPv6 != 0 )
/* IPv6 settings of an end-point. */
    typedef struct xIPV6Parameters
    {
        IPv6_Address_t xIPAddress;
        size_t uxPrefixLength;
        IPv6_Address_t xPrefix;
        IPv6_Address_t xGatewayAddress;
        IPv6_Address_t xDNSServerAddresses[ ipconfigENDPOINT_DNS_ADDRESS_COUNT ];
        uint8_t ucDNSIndex;
    } IPV6Parameters_t;
#endif

#if ( ipconfigUSE_RA != 0 )
/* States of the router-advertisement (SLAAC) client. */
    typedef enum xRAState
    {
        eRAStateApply,    /* Send a router solicitation. */
        eRAStateWait,     /* Wait for a router advertisement. */
        eRAStateIPTest,   /* Test whether the chosen address is free. */
        eRAStateIPWait,   /* Wait for an answer to that test. */
        eRAStatePreLease, /* About to use the address. */
        eRAStateLease,    /* Address in use; repeat when the timer expires. */
        eRAStateFailed
    } eRAState_t;

/* Per-end-point RA client state. */
    struct xRA_DATA
    {
        struct
        {
            uint32_t
                bRouterReplied : 1,
                bIPAddressInUse : 1;
        }
        bits;
        TickType_t ulPreferredLifeTime;
        UBaseType_t uxRetryCount;
        eRAState_t eRAState;
    };
    typedef struct xRA_DATA RAData_t;
#endif /* ipconfigUSE_RA */

/*
 * One end-point: an address (IPv4 or IPv6) on an interface.  The layout is
 * shared with the application and depends on the configuration (Cortex-M4:
 * 352 bytes with IPv6; IPv4-only 172 bytes with ipconfigUSE_RA 1, the
 * default, and 156 bytes with ipconfigUSE_RA 0).
 */
typedef struct xNetworkEndPoint
{
    #if ( ipconfigUSE_IPv4 != 0 )
        IPV4Parameters_t ipv4_settings; /* In use. */
        IPV4Parameters_t ipv4_defaults; /* Static values, also used when DHCP fails. */
    #endif
    #if ( ipconfigUSE_IPv6 != 0 )
        IPV6Parameters_t ipv6_settings;
        IPV6Parameters_t ipv6_defaults;
    #endif
    MACAddress_t xMACAddress;
    struct
    {
        uint32_t
            bIsDefault : 1,
        #if ( ipconfigUSE_DHCP != 0 ) || ( ipconfigUSE_DHCPv6 != 0 )
            bWantDHCP : 1,     /* Obtain the address with DHCP / DHCPv6. */
        #endif
        #if ( ipconfigUSE_RA != 0 )
            bWantRA : 1,       /* Obtain the address with RA / SLAAC. */
        #endif
        bIPv6 : 1,             /* An IPv6 end-point. */
        #if ( ipconfigUSE_NETWORK_EVENT_HOOK != 0 )
            bCallDownHook : 1, /* The down hook is still due. */
        #endif
        bEndPointUp : 1;       /* The end-point is up. */
    } bits;
    uint8_t usDNSType;         /* Only meaningful inside xApplicationDNSQueryHook(). */
    #if ( ipconfigUSE_DHCP != 0 ) || ( ipconfigUSE_RA != 0 )
        IPTimer_t xDHCP_RATimer;
    #endif
    #if ( ipconfigUSE_DHCP != 0 ) || ( ipconfigUSE_DHCPv6 != 0 )
        DHCPData_t xDHCPData;
    #endif
    #if ( ipconfigUSE_IPv6 != 0 )
        DHCPMessage_IPv6_t * pxDHCPMessage;
    #endif
    #if ( ipconfigUSE_RA != 0 )
        RAData_t xRAData;
    #endif
    NetworkInterface_t * pxNetworkInterface; /* The owning interface. */
    struct xNetworkEndPoint * pxNext;        /* Next end-point (global list). */
} NetworkEndPoint_t;

#define END_POINT_USES_DHCP( pxEndPoint )    ( ( pxEndPoint )->bits.bWantDHCP != pdFALSE_UNSIGNED )
#define END_POINT_USES_RA( pxEndPoint ) \
    ( ( ( pxEndPoint )->bits.bIPv6 != pdFALSE_UNSIGNED ) && ( ( pxEndPoint )->bits.bWantRA != pdFALSE_UNSIGNED ) )

#define ENDPOINT_IS_IPv4( pxEndPoint )       ( ( ( pxEndPoint ) != NULL ) && ( ( pxEndPoint )->bits.bIPv6 == 0U ) )
#define ENDPOINT_IS_IPv6( pxEndPoint )       ( ( ( pxEndPoint ) != NULL ) && ( ( pxEndPoint )->bits.bIPv6 != 0U ) )

/* ---- Interfaces and end-points ------------------------------------------------------- */

/* Adds an interface (called by the driver's xx_FillInterfaceDescriptor()).
 * Returns pxInterface. */
NetworkInterface_t * FreeRTOS_AddNetworkInterface( NetworkInterface_t * pxInterface );

NetworkInterface_t * FreeRTOS_FirstNetworkInterface( void );

NetworkInterface_t * FreeRTOS_NextNetworkInterface( const NetworkInterface_t * pxInterface );

/* First end-point of an interface, or of all end-points when NULL. */
NetworkEndPoint_t * FreeRTOS_FirstEndPoint( const NetworkInterface_t * pxInterface );

/* Next end-point, of the interface or (NULL) of all. */
NetworkEndPoint_t * FreeRTOS_NextEndPoint( const NetworkInterface_t * pxInterface,
                                           NetworkEndPoint_t * pxEndPoint );

/* End-point owning an IPv4 address (network byte order); 0 matches any. */
NetworkEndPoint_t * FreeRTOS_FindEndPointOnIP_IPv4( uint32_t ulIPAddress );

#if ( ipconfigUSE_IPv6 != 0 )
    NetworkEndPoint_t * FreeRTOS_FindEndPointOnIP_IPv6( const IPv6_Address_t * pxIPAddress );
#endif

/* End-point with a MAC address, optionally on one interface. */
NetworkEndPoint_t * FreeRTOS_FindEndPointOnMAC( const MACAddress_t * pxMACAddress,
                                                const NetworkInterface_t * pxInterface );

/* End-point whose IPv4 subnet contains the address. */
NetworkEndPoint_t * FreeRTOS_FindEndPointOnNetMask( uint32_t ulIPAddress );

/* The same, limited to one interface. */
NetworkEndPoint_t * FreeRTOS_InterfaceEndPointOnNetMask( const NetworkInterface_t * pxInterface,
                                                         uint32_t ulIPAddress );

/* IPv6 end-point in the same subnet as the address, on one interface or
 * (NULL) on any.  Declared in every configuration, as upstream does. */
NetworkEndPoint_t * FreeRTOS_InterfaceEPInSameSubnet_IPv6( const NetworkInterface_t * pxInterface,
                                                           const IPv6_Address_t * pxIPAddress );

#if ( ipconfigUSE_IPv6 != 0 )
    NetworkEndPoint_t * FreeRTOS_FindEndPointOnNetMask_IPv6( const IPv6_Address_t * pxIPv6Address );

    NetworkEndPoint_t * FreeRTOS_FirstEndPoint_IPv6( const NetworkInterface_t * pxInterface );
#endif

/* The end-point a received frame belongs to (used by drivers to set
 * pxNetworkBuffer->pxEndPoint). */
NetworkEndPoint_t * FreeRTOS_MatchingEndpoint( const NetworkInterface_t * pxNetworkInterface,
                                               const uint8_t * pucEthernetBuffer );

/* An end-point with a gateway; xIPType is ipTYPE_IPv4 or ipTYPE_IPv6. */
NetworkEndPoint_t * FreeRTOS_FindGateWay( BaseType_t xIPType );

/* Fills an IPv4 end-point from byte arrays and adds it to the interface.
 * The addresses become the end-point's defaults and, until DHCP replaces
 * them, its settings. */
void FreeRTOS_FillEndPoint( NetworkInterface_t * pxNetworkInterface,
                            NetworkEndPoint_t * pxEndPoint,
                            const uint8_t ucIPAddress[ ipIP_ADDRESS_LENGTH_BYTES ],
                            const uint8_t ucNetMask[ ipIP_ADDRESS_LENGTH_BYTES ],
                            const uint8_t ucGatewayAddress[ ipIP_ADDRESS_LENGTH_BYTES ],
                            const uint8_t ucDNSServerAddress[ ipIP_ADDRESS_LENGTH_BYTES ],
                            const uint8_t ucMACAddress[ ipMAC_ADDRESS_LENGTH_BYTES ] );

#if ( ipconfigUSE_IPv6 != 0 )
    /* The IPv6 counterpart. */
    void FreeRTOS_FillEndPoint_IPv6( NetworkInterface_t * pxNetworkInterface,
                                     NetworkEndPoint_t * pxEndPoint,
                                     const IPv6_Address_t * pxIPAddress,
                                     const IPv6_Address_t * pxNetPrefix,
                                     size_t uxPrefixLength,
                                     const IPv6_Address_t * pxGatewayAddress,
                                     const IPv6_Address_t * pxDNSServerAddress,
                                     const uint8_t ucMACAddress[ ipMAC_ADDRESS_LENGTH_BYTES ] );
#endif

/* The end-point a socket is bound to / sends through. */
NetworkEndPoint_t * pxGetSocketEndpoint( ConstSocket_t xSocket );

void vSetSocketEndpoint( Socket_t xSocket,
                         NetworkEndPoint_t * pxEndPoint );

#if ( ( ipconfigHAS_PRINTF != 0 ) || ( ipconfigHAS_DEBUG_PRINTF != 0 ) )
    /* Writes the end-point's address as text into pcBuffer; returns pcBuffer. */
    const char * pcEndpointName( const NetworkEndPoint_t * pxEndPoint,
                                 char * pcBuffer,
                                 size_t uxSize );
#endif

/* Kinds of IPv6 address. */
typedef enum
{
    eIPv6_Global,    /* 2000::/3 */
    eIPv6_LinkLocal, /* fe80::/10 */
    eIPv6_SiteLocal, /* fec0::/10 */
    eIPv6_Multicast, /* ff00::/8 */
    eIPv6_Loopback,  /* ::1 */
    eIPv6_Unknown
}
IPv6_Type_t;

#if ( ipconfigUSE_IPv6 != 0 )
    IPv6_Type_t xIPv6_GetIPType( const IPv6_Address_t * pxAddress );
#endif

/* pdTRUE when the packet's destination needs ARP / ND resolution first. */
BaseType_t xCheckRequiresResolution( const NetworkBufferDescriptor_t * pxNetworkBuffer );

/* Result of an ARP / ND cache lookup. */
typedef enum
{
    eResolutionCacheMiss = 0, /* No valid entry. */
    eResolutionCacheHit,      /* Found. */
    eResolutionFailed         /* Cannot be sent (no address, or resolution pending). */
} eResolutionLookupResult_t;

#ifdef __cplusplus
}
#endif

#endif /* FREERTOS_ROUTING_H */
