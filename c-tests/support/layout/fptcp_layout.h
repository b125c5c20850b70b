/*
 * The compiler's sizeof/offsetof of every struct C shares with the Rust
 * library, next to the library's own view (fptcp_abi_layout). Header-only:
 * the host Unity test (c-tests/unit/test_layout.c) and the board firmware
 * (firmware/app/fw_main.c) both compare them on their own target.
 */
#ifndef FPTCP_LAYOUT_H
#define FPTCP_LAYOUT_H

#include <stddef.h>
#include <string.h>

#include "FreeRTOS_IP.h"
#include "FreeRTOS_IP_Private.h"
#include "FreeRTOS_Sockets.h"
#include "NetworkBufferManagement.h"

/* Exported by the library (declared in fptcp_exports.h). */
size_t fptcp_abi_layout( size_t * pulOut, size_t uxCount );

static const char * const pcFptcpLayoutNames[] =
{
    "sizeof(struct freertos_sockaddr)", "sin_len", "sin_family", "sin_port", "sin_flowinfo", "sin_address",
    "sizeof(NetworkBufferDescriptor_t)", "xBufferListItem", "xIPAddress", "pucEthernetBuffer",
    "xDataLength", "pxInterface", "pxEndPoint", "usPort", "usBoundPort",
    "sizeof(NetworkInterface_t)", "pcName", "pvArgument", "pfInitialise", "pfOutput",
    "pfGetPhyLinkStatus", "pfAddAllowedMAC", "pfRemoveAllowedMAC", "pxEndPoint", "pxNext",
    "sizeof(NetworkEndPoint_t)", "ipv4_settings", "ipv4_defaults", "xMACAddress",
    "pxNetworkInterface", "pxNext",
    "sizeof(IPStackEvent_t)", "eEventType", "pvData",
    "sizeof(IPV4Parameters_t)", "ulIPAddress", "ulNetMask", "ulGatewayAddress",
    "ulDNSServerAddresses", "ulBroadcastAddress", "ucDNSIndex",
};

static const size_t uxFptcpLayoutC[] =
{
    sizeof( struct freertos_sockaddr ),
    offsetof( struct freertos_sockaddr, sin_len ),
    offsetof( struct freertos_sockaddr, sin_family ),
    offsetof( struct freertos_sockaddr, sin_port ),
    offsetof( struct freertos_sockaddr, sin_flowinfo ),
    offsetof( struct freertos_sockaddr, sin_address ),
    sizeof( NetworkBufferDescriptor_t ),
    offsetof( NetworkBufferDescriptor_t, xBufferListItem ),
    offsetof( NetworkBufferDescriptor_t, xIPAddress ),
    offsetof( NetworkBufferDescriptor_t, pucEthernetBuffer ),
    offsetof( NetworkBufferDescriptor_t, xDataLength ),
    offsetof( NetworkBufferDescriptor_t, pxInterface ),
    offsetof( NetworkBufferDescriptor_t, pxEndPoint ),
    offsetof( NetworkBufferDescriptor_t, usPort ),
    offsetof( NetworkBufferDescriptor_t, usBoundPort ),
    sizeof( NetworkInterface_t ),
    offsetof( NetworkInterface_t, pcName ),
    offsetof( NetworkInterface_t, pvArgument ),
    offsetof( NetworkInterface_t, pfInitialise ),
    offsetof( NetworkInterface_t, pfOutput ),
    offsetof( NetworkInterface_t, pfGetPhyLinkStatus ),
    offsetof( NetworkInterface_t, pfAddAllowedMAC ),
    offsetof( NetworkInterface_t, pfRemoveAllowedMAC ),
    offsetof( NetworkInterface_t, pxEndPoint ),
    offsetof( NetworkInterface_t, pxNext ),
    sizeof( NetworkEndPoint_t ),
    offsetof( NetworkEndPoint_t, ipv4_settings ),
    offsetof( NetworkEndPoint_t, ipv4_defaults ),
    offsetof( NetworkEndPoint_t, xMACAddress ),
    offsetof( NetworkEndPoint_t, pxNetworkInterface ),
    offsetof( NetworkEndPoint_t, pxNext ),
    sizeof( IPStackEvent_t ),
    offsetof( IPStackEvent_t, eEventType ),
    offsetof( IPStackEvent_t, pvData ),
    sizeof( IPV4Parameters_t ),
    offsetof( IPV4Parameters_t, ulIPAddress ),
    offsetof( IPV4Parameters_t, ulNetMask ),
    offsetof( IPV4Parameters_t, ulGatewayAddress ),
    offsetof( IPV4Parameters_t, ulDNSServerAddresses ),
    offsetof( IPV4Parameters_t, ulBroadcastAddress ),
    offsetof( IPV4Parameters_t, ucDNSIndex ),
};

#define fptcpLAYOUT_COUNT    ( sizeof( uxFptcpLayoutC ) / sizeof( uxFptcpLayoutC[ 0 ] ) )

/* Compares both views. Returns the number of differences (a different
 * figure count counts as one); for the first difference, *ppcName,
 * *puxC and *puxRust say which figure and both values. */
static inline size_t uxFptcpLayoutDifferences( const char ** ppcName,
                                               size_t * puxC,
                                               size_t * puxRust )
{
    size_t uxRust[ fptcpLAYOUT_COUNT + 4 ];
    size_t uxDiff = 0U;
    size_t ux;

    memset( uxRust, 0xff, sizeof( uxRust ) );

    if( fptcp_abi_layout( uxRust, fptcpLAYOUT_COUNT + 4U ) != fptcpLAYOUT_COUNT )
    {
        *ppcName = "number of figures";
        *puxC = fptcpLAYOUT_COUNT;
        *puxRust = fptcp_abi_layout( NULL, 0U );
        return 1U;
    }

    for( ux = 0U; ux < fptcpLAYOUT_COUNT; ux++ )
    {
        if( uxFptcpLayoutC[ ux ] != uxRust[ ux ] )
        {
            if( uxDiff == 0U )
            {
                *ppcName = pcFptcpLayoutNames[ ux ];
                *puxC = uxFptcpLayoutC[ ux ];
                *puxRust = uxRust[ ux ];
            }

            uxDiff++;
        }
    }

    return uxDiff;
}

#endif /* FPTCP_LAYOUT_H */
