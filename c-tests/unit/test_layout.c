/*
 * C and Rust agree on every shared struct: the compiler's sizeof/offsetof
 * against the library's own view (fptcp_abi_layout), on the target the test
 * is built for. The Rust view is bindgen's reading of the same headers, so a
 * difference means bindgen and the C compiler disagree (flags, packing,
 * enum size).
 */
#include <stddef.h>
#include <string.h>

#include "fptcp_test.h"
#include "FreeRTOS_IP_Private.h"
#include "NetworkBufferManagement.h"
/* The library's own export header; see c-tests/abi/abi_layout.c for why the
 * array-parameter warning is off around it. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-parameter"
#include "fptcp_exports.h"
#pragma GCC diagnostic pop

static const char * const pcNames[] =
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

static const size_t uxC[] =
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

#define layoutCOUNT    ( sizeof( uxC ) / sizeof( uxC[ 0 ] ) )

static void test_layout__rust_and_c__agree_on_every_shared_struct( void )
{
    size_t uxRust[ layoutCOUNT + 4 ];
    size_t uxN;
    size_t ux;

    memset( uxRust, 0xff, sizeof( uxRust ) );
    uxN = fptcp_abi_layout( uxRust, layoutCOUNT + 4 );
    TEST_ASSERT_EQUAL_UINT64_MESSAGE( ( uint64_t ) layoutCOUNT, ( uint64_t ) uxN, "number of figures" );

    for( ux = 0; ux < layoutCOUNT; ux++ )
    {
        TEST_ASSERT_EQUAL_UINT64_MESSAGE( ( uint64_t ) uxC[ ux ], ( uint64_t ) uxRust[ ux ], pcNames[ ux ] );
    }
}

static void test_layout__reference_sizes_on_this_host( void )
{
    /* Reference §1.1 and §13 (x86_64 POSIX host). */
    TEST_ASSERT_EQUAL_UINT64( ( uint64_t ) 24, ( uint64_t ) sizeof( struct freertos_sockaddr ) );
    TEST_ASSERT_EQUAL_UINT64( ( uint64_t ) 16, ( uint64_t ) sizeof( IPStackEvent_t ) );
}

void vRunTests( void )
{
    RUN_TEST( test_layout__rust_and_c__agree_on_every_shared_struct );
    RUN_TEST( test_layout__reference_sizes_on_this_host );
}
