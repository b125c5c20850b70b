/*
 * The small exports: address and MAC text, errno names, integer helpers,
 * end-point queries and settings, and the ARP calls (reference sections
 * 1.3, 1.4, 1.5). Return conventions are upstream V4.4.1's; the ARP test
 * talks to the Linux side of the TAP (the gateway address).
 */
#include <string.h>

#include "fptcp_test.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_IP_Common.h"
#include "FreeRTOS_IP_Private.h"
#include "FreeRTOS_IPv4.h"
#include "FreeRTOS_ARP.h"
#include "FreeRTOS_Routing.h"
#include "FreeRTOS_Sockets.h"

/* ------------------------------------------------------------ address text */

static void test_inet_pton4__dotted_quad__network_order( void )
{
    uint32_t ulAddr = 0xDEADBEEFU;

    TEST_ASSERT_EQUAL_INT( pdPASS, FreeRTOS_inet_pton4( "192.168.2.100", &ulAddr ) );
    TEST_ASSERT_EQUAL_HEX32( FreeRTOS_inet_addr_quick( 192, 168, 2, 100 ), ulAddr );
    TEST_ASSERT_EQUAL_INT( pdPASS, FreeRTOS_inet_pton4( "0.0.0.0", &ulAddr ) );
    TEST_ASSERT_EQUAL_HEX32( 0U, ulAddr );
    TEST_ASSERT_EQUAL_INT( pdPASS, FreeRTOS_inet_pton4( "255.255.255.255", &ulAddr ) );
    TEST_ASSERT_EQUAL_HEX32( 0xFFFFFFFFU, ulAddr );
}

static void test_inet_pton4__bad_text__fails_and_zeroes( void )
{
    static const char * const pcBad[] =
    {
        "", "1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", "1.2.3.010", " 1.2.3.4",
        "1.2.3.4 ", "1.2.3.4x", "-1.2.3.4", "a.b.c.d", ".1.2.3"
    };
    size_t i;

    for( i = 0; i < sizeof( pcBad ) / sizeof( pcBad[ 0 ] ); i++ )
    {
        uint32_t ulAddr = 0xDEADBEEFU;

        TEST_ASSERT_EQUAL_INT_MESSAGE( pdFAIL, FreeRTOS_inet_pton4( pcBad[ i ], &ulAddr ), pcBad[ i ] );
        TEST_ASSERT_EQUAL_HEX32_MESSAGE( 0U, ulAddr, pcBad[ i ] );
    }
}

static void test_inet_pton4__empty_later_number__counts_as_zero( void )
{
    uint32_t ulAddr = 1U;

    /* Upstream checks only that the first number has a digit. */
    TEST_ASSERT_EQUAL_INT( pdPASS, FreeRTOS_inet_pton4( "10..0.1", &ulAddr ) );
    TEST_ASSERT_EQUAL_HEX32( FreeRTOS_inet_addr_quick( 10, 0, 0, 1 ), ulAddr );
}

static void test_inet_addr__good_and_bad( void )
{
    TEST_ASSERT_EQUAL_HEX32( FreeRTOS_inet_addr_quick( 10, 20, 30, 40 ), FreeRTOS_inet_addr( "10.20.30.40" ) );
    TEST_ASSERT_EQUAL_HEX32( 0U, FreeRTOS_inet_addr( "10.20.30" ) );
    TEST_ASSERT_EQUAL_HEX32( 0U, FreeRTOS_inet_addr( "010.20.30.40" ) );
}

static void test_inet_pton__families( void )
{
    uint32_t ulAddr = 0U;
    uint8_t ucV6[ 16 ];

    TEST_ASSERT_EQUAL_INT( pdPASS, FreeRTOS_inet_pton( FREERTOS_AF_INET, "192.0.2.7", &ulAddr ) );
    TEST_ASSERT_EQUAL_HEX32( FreeRTOS_inet_addr_quick( 192, 0, 2, 7 ), ulAddr );
    TEST_ASSERT_EQUAL_INT( pdFAIL, FreeRTOS_inet_pton( FREERTOS_AF_INET, "192.0.2", &ulAddr ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EAFNOSUPPORT, FreeRTOS_inet_pton( FREERTOS_AF_INET6, "::1", ucV6 ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EAFNOSUPPORT, FreeRTOS_inet_pton( 99, "1.2.3.4", &ulAddr ) );
}

static void test_inet_ntoa_ntop__text_and_limits( void )
{
    char cBuffer[ 20 ];
    uint32_t ulAddr = FreeRTOS_inet_addr_quick( 192, 0, 2, 10 );
    uint32_t ulMax = 0xFFFFFFFFU;

    TEST_ASSERT_EQUAL_PTR( cBuffer, FreeRTOS_inet_ntoa( ulAddr, cBuffer ) );
    TEST_ASSERT_EQUAL_STRING( "192.0.2.10", cBuffer );
    TEST_ASSERT_EQUAL_STRING( "0.0.0.0", FreeRTOS_inet_ntoa( 0U, cBuffer ) );

    TEST_ASSERT_EQUAL_PTR( cBuffer, FreeRTOS_inet_ntop( FREERTOS_AF_INET, &ulMax, cBuffer, 16 ) );
    TEST_ASSERT_EQUAL_STRING( "255.255.255.255", cBuffer );
    TEST_ASSERT_EQUAL_PTR( cBuffer, FreeRTOS_inet_ntop4( &ulAddr, cBuffer, sizeof( cBuffer ) ) );
    TEST_ASSERT_EQUAL_STRING( "192.0.2.10", cBuffer );

    /* Too small (even for a short address) or a foreign family: NULL. */
    ( void ) memset( cBuffer, 'x', sizeof( cBuffer ) );
    TEST_ASSERT_NULL( FreeRTOS_inet_ntop4( &ulAddr, cBuffer, 15 ) );
    TEST_ASSERT_NULL( FreeRTOS_inet_ntop( FREERTOS_AF_INET6, &ulAddr, cBuffer, sizeof( cBuffer ) ) );
    TEST_ASSERT_NULL( FreeRTOS_inet_ntop( 0, &ulAddr, cBuffer, sizeof( cBuffer ) ) );
    TEST_ASSERT_EQUAL_INT( 'x', cBuffer[ 0 ] );
}

static void test_eui48__parse_and_format( void )
{
    uint8_t ucMAC[ 6 ] = { 0 };
    static const uint8_t ucExpected[ 6 ] = { 0x00, 0x12, 0x34, 0xFE, 0xDC, 0xBA };
    char cText[ 18 ];

    TEST_ASSERT_EQUAL_INT( pdTRUE, FreeRTOS_EUI48_pton( "00-12-34-fe-dc-ba", ucMAC ) );
    TEST_ASSERT_EQUAL_HEX8_ARRAY( ucExpected, ucMAC, 6 );
    TEST_ASSERT_EQUAL_INT( pdTRUE, FreeRTOS_EUI48_pton( "00:12:34:FE:DC:BA", ucMAC ) );
    TEST_ASSERT_EQUAL_HEX8_ARRAY( ucExpected, ucMAC, 6 );
    /* Each byte needs exactly two digits. */
    TEST_ASSERT_EQUAL_INT( pdFALSE, FreeRTOS_EUI48_pton( "00:12:34:fe:dc:b", ucMAC ) );
    TEST_ASSERT_EQUAL_INT( pdFALSE, FreeRTOS_EUI48_pton( "0:12:34:fe:dc:ba", ucMAC ) );
    TEST_ASSERT_EQUAL_INT( pdFALSE, FreeRTOS_EUI48_pton( "00.12.34.fe.dc.ba", ucMAC ) );
    TEST_ASSERT_EQUAL_INT( pdFALSE, FreeRTOS_EUI48_pton( "00:12:34:fe:dc", ucMAC ) );

    FreeRTOS_EUI48_ntop( ucExpected, cText, 'a', ':' );
    TEST_ASSERT_EQUAL_STRING( "00:12:34:fe:dc:ba", cText );
    FreeRTOS_EUI48_ntop( ucExpected, cText, 'A', '-' );
    TEST_ASSERT_EQUAL_STRING( "00-12-34-FE-DC-BA", cText );
}

/* ------------------------------------------------------------ helpers */

static void test_strerror_r__names_and_numbers( void )
{
    char cBuffer[ 32 ];
    char cSmall[ 4 ];

    TEST_ASSERT_EQUAL_PTR( cBuffer, FreeRTOS_strerror_r( -pdFREERTOS_ERRNO_EINVAL, cBuffer, sizeof( cBuffer ) ) );
    TEST_ASSERT_EQUAL_STRING( "EINVAL", cBuffer );
    TEST_ASSERT_EQUAL_STRING( "ENOTCONN", FreeRTOS_strerror_r( pdFREERTOS_ERRNO_ENOTCONN, cBuffer, sizeof( cBuffer ) ) );
    TEST_ASSERT_EQUAL_STRING( "EWOULDBLOCK", FreeRTOS_strerror_r( -pdFREERTOS_ERRNO_EAGAIN, cBuffer, sizeof( cBuffer ) ) );
    TEST_ASSERT_EQUAL_STRING( "EADDRNOTAVAIL", FreeRTOS_strerror_r( -pdFREERTOS_ERRNO_EADDRNOTAVAIL, cBuffer, sizeof( cBuffer ) ) );
    TEST_ASSERT_EQUAL_STRING( "Errno 0x61", FreeRTOS_strerror_r( pdFREERTOS_ERRNO_EAFNOSUPPORT, cBuffer, sizeof( cBuffer ) ) );
    TEST_ASSERT_EQUAL_STRING( "Errno 0x0", FreeRTOS_strerror_r( 0, cBuffer, sizeof( cBuffer ) ) );
    TEST_ASSERT_EQUAL_STRING( "EIN", FreeRTOS_strerror_r( pdFREERTOS_ERRNO_EINVAL, cSmall, sizeof( cSmall ) ) );
}

static void test_integer_helpers( void )
{
    TEST_ASSERT_EQUAL_INT32( 5, FreeRTOS_max_int32( -7, 5 ) );
    TEST_ASSERT_EQUAL_INT32( -7, FreeRTOS_min_int32( -7, 5 ) );
    TEST_ASSERT_EQUAL_UINT32( 0xFFFFFFFFU, FreeRTOS_max_uint32( 0xFFFFFFFFU, 1U ) );
    TEST_ASSERT_EQUAL_UINT32( 1U, FreeRTOS_min_uint32( 0xFFFFFFFFU, 1U ) );
    TEST_ASSERT_EQUAL_UINT64( 9U, FreeRTOS_max_size_t( 3U, 9U ) );
    TEST_ASSERT_EQUAL_UINT64( 3U, FreeRTOS_min_size_t( 3U, 9U ) );

    TEST_ASSERT_EQUAL_INT32( INT32_MAX, FreeRTOS_add_int32( INT32_MAX - 1, 5 ) );
    TEST_ASSERT_EQUAL_INT32( INT32_MIN, FreeRTOS_add_int32( INT32_MIN + 1, -5 ) );
    TEST_ASSERT_EQUAL_INT32( -2, FreeRTOS_add_int32( 3, -5 ) );
    TEST_ASSERT_EQUAL_INT32( INT32_MAX, FreeRTOS_multiply_int32( 65536, 65536 ) );
    TEST_ASSERT_EQUAL_INT32( INT32_MIN, FreeRTOS_multiply_int32( -65536, 65536 ) );
    TEST_ASSERT_EQUAL_INT32( INT32_MAX, FreeRTOS_multiply_int32( INT32_MIN, -1 ) );
    TEST_ASSERT_EQUAL_INT32( -600, FreeRTOS_multiply_int32( -20, 30 ) );

    TEST_ASSERT_EQUAL_UINT32( 1464U, FreeRTOS_round_up( 1460U, 8U ) );
    TEST_ASSERT_EQUAL_UINT32( 1456U, FreeRTOS_round_down( 1460U, 8U ) );
    TEST_ASSERT_EQUAL_UINT32( 1456U, FreeRTOS_round_up( 1456U, 8U ) );

    {
        static const uint8_t ucBytes[ 4 ] = { 0x12, 0x34, 0x56, 0x78 };

        TEST_ASSERT_EQUAL_HEX32( 0x12345678U, ulChar2u32( ucBytes ) );
        TEST_ASSERT_EQUAL_HEX16( 0x1234U, usChar2u16( ucBytes ) );
    }
}

static void test_ipv4_classification( void )
{
    NetworkEndPoint_t * pxEndPoint = ( NetworkEndPoint_t * ) 1;

    TEST_ASSERT_EQUAL_INT( pdTRUE, xIsIPv4Multicast( FreeRTOS_inet_addr_quick( 224, 0, 0, 251 ) ) );
    TEST_ASSERT_EQUAL_INT( pdFALSE, xIsIPv4Multicast( FreeRTOS_inet_addr_quick( 240, 0, 0, 1 ) ) );
    TEST_ASSERT_EQUAL_INT( pdTRUE, xIsIPv4Loopback( FreeRTOS_inet_addr_quick( 127, 0, 0, 1 ) ) );
    TEST_ASSERT_EQUAL_INT( pdFALSE, xIsIPv4Loopback( ulFptcpTestOwnIP() ) );

    TEST_ASSERT_EQUAL_INT( pdTRUE, xIsIPv4Broadcast( 0xFFFFFFFFU, &pxEndPoint ) );
    TEST_ASSERT_EQUAL_PTR( FreeRTOS_FirstEndPoint( NULL ), pxEndPoint );
    pxEndPoint = NULL;
    TEST_ASSERT_EQUAL_INT( pdTRUE, xIsIPv4Broadcast( ulFptcpTestOwnIP() | ~ulFptcpTestNetMask(), &pxEndPoint ) );
    TEST_ASSERT_EQUAL_PTR( pxFptcpTestEndPoint(), pxEndPoint );
    TEST_ASSERT_EQUAL_INT( pdFALSE, xIsIPv4Broadcast( ulFptcpTestPeerIP(), &pxEndPoint ) );
    TEST_ASSERT_EQUAL_INT( pdFALSE, xIsIPv4Broadcast( ulFptcpTestPeerIP(), NULL ) );
}

/* ------------------------------------------------------------ end-points */

static void test_endpoint_queries( void )
{
    NetworkEndPoint_t * pxEndPoint = pxFptcpTestEndPoint();
    uint32_t ulIP = 1U, ulMask = 1U, ulGateway = 1U, ulDNS = 1U;
    char cName[ 16 ];
    char cExpected[ 16 ];

    TEST_ASSERT_NOT_NULL( pxEndPoint );
    TEST_ASSERT_EQUAL_INT( pdTRUE, xIPIsNetworkTaskReady() );
    TEST_ASSERT_EQUAL_INT( pdTRUE, FreeRTOS_IsEndPointUp( pxEndPoint ) );
    TEST_ASSERT_EQUAL_INT( pdTRUE, FreeRTOS_IsEndPointUp( NULL ) );
    TEST_ASSERT_EQUAL_INT( pdTRUE, FreeRTOS_AllEndPointsUp( NULL ) );
    TEST_ASSERT_EQUAL_INT( pdTRUE, FreeRTOS_AllEndPointsUp( pxEndPoint->pxNetworkInterface ) );

    FreeRTOS_GetEndPointConfiguration( &ulIP, &ulMask, &ulGateway, &ulDNS, pxEndPoint );
    TEST_ASSERT_EQUAL_HEX32( ulFptcpTestOwnIP(), ulIP );
    TEST_ASSERT_EQUAL_HEX32( ulFptcpTestNetMask(), ulMask );
    TEST_ASSERT_EQUAL_HEX32( ulFptcpTestPeerIP(), ulGateway );
    TEST_ASSERT_EQUAL_HEX32( 0U, ulDNS );
    /* NULL pointers are skipped; a NULL end-point changes nothing. */
    FreeRTOS_GetEndPointConfiguration( NULL, NULL, NULL, NULL, pxEndPoint );
    ulIP = 7U;
    FreeRTOS_GetEndPointConfiguration( &ulIP, NULL, NULL, NULL, NULL );
    TEST_ASSERT_EQUAL_HEX32( 7U, ulIP );

    TEST_ASSERT_EQUAL_HEX32( ulFptcpTestOwnIP(), FreeRTOS_GetIPAddress() );
    #if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 ) /* upstream V4 defines these only in legacy builds */
    TEST_ASSERT_EQUAL_HEX32( ulFptcpTestNetMask(), FreeRTOS_GetNetmask() );
    TEST_ASSERT_EQUAL_HEX32( ulFptcpTestPeerIP(), FreeRTOS_GetGatewayAddress() );
    TEST_ASSERT_EQUAL_HEX32( 0U, FreeRTOS_GetDNSServerAddress() );
    TEST_ASSERT_EQUAL_PTR( pxEndPoint->xMACAddress.ucBytes, FreeRTOS_GetMACAddress() );
    #endif

    TEST_ASSERT_EQUAL_PTR( pxEndPoint, FreeRTOS_FindEndPointOnIP_IPv4( ulFptcpTestOwnIP() ) );
    TEST_ASSERT_EQUAL_PTR( FreeRTOS_FirstEndPoint( NULL ), FreeRTOS_FindEndPointOnIP_IPv4( 0U ) );
    TEST_ASSERT_NULL( FreeRTOS_FindEndPointOnIP_IPv4( ulFptcpTestPeerIP() ) );
    TEST_ASSERT_EQUAL_PTR( pxEndPoint, FreeRTOS_FindEndPointOnMAC( &pxEndPoint->xMACAddress, NULL ) );
    TEST_ASSERT_EQUAL_PTR( pxEndPoint, FreeRTOS_FindEndPointOnMAC( &pxEndPoint->xMACAddress, pxEndPoint->pxNetworkInterface ) );
    TEST_ASSERT_NULL( FreeRTOS_FindEndPointOnMAC( NULL, NULL ) );
    {
        MACAddress_t xOther = { { 0x02, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE } };

        TEST_ASSERT_NULL( FreeRTOS_FindEndPointOnMAC( &xOther, NULL ) );
    }
    TEST_ASSERT_EQUAL_PTR( pxEndPoint, FreeRTOS_FindEndPointOnNetMask( ulFptcpTestPeerIP() ) );
    TEST_ASSERT_NULL( FreeRTOS_FindEndPointOnNetMask( FreeRTOS_inet_addr_quick( 203, 0, 113, 1 ) ) );
    TEST_ASSERT_EQUAL_PTR( pxEndPoint, FreeRTOS_FindEndPointOnNetMask( 0xFFFFFFFFU ) );
    TEST_ASSERT_EQUAL_PTR( pxEndPoint, FreeRTOS_InterfaceEndPointOnNetMask( pxEndPoint->pxNetworkInterface, ulFptcpTestPeerIP() ) );
    TEST_ASSERT_NULL( FreeRTOS_InterfaceEndPointOnNetMask( ( NetworkInterface_t * ) &ulIP, ulFptcpTestPeerIP() ) );
    TEST_ASSERT_EQUAL_PTR( pxEndPoint, FreeRTOS_FindGateWay( ipTYPE_IPv4 ) );

    ( void ) FreeRTOS_inet_ntoa( ulFptcpTestOwnIP(), cExpected );
    TEST_ASSERT_EQUAL_PTR( cName, pcEndpointName( pxEndPoint, cName, sizeof( cName ) ) );
    TEST_ASSERT_EQUAL_STRING( cExpected, cName );
    TEST_ASSERT_EQUAL_STRING( "NULL", pcEndpointName( NULL, cName, sizeof( cName ) ) );
}

static void test_endpoint_settings__set_and_restore( void )
{
    NetworkEndPoint_t * pxEndPoint = pxFptcpTestEndPoint();
    uint32_t ulDNS = FreeRTOS_inet_addr_quick( 192, 0, 2, 53 );
    uint32_t ulGateway = FreeRTOS_inet_addr_quick( 192, 0, 2, 254 );
    uint32_t ulIP = 0U, ulMask = 0U, ulGotGateway = 0U, ulGotDNS = 0U;
    uint32_t ulOldGateway = ulFptcpTestPeerIP();
    uint32_t ulZero = 0U;
    #if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )
        uint8_t ucOldMAC[ 6 ];
        static const uint8_t ucNewMAC[ 6 ] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x77 };
    #endif

    FreeRTOS_SetEndPointConfiguration( NULL, NULL, &ulGateway, &ulDNS, pxEndPoint );
    FreeRTOS_GetEndPointConfiguration( &ulIP, &ulMask, &ulGotGateway, &ulGotDNS, pxEndPoint );
    FreeRTOS_SetEndPointConfiguration( NULL, NULL, &ulOldGateway, &ulZero, pxEndPoint );
    TEST_ASSERT_EQUAL_HEX32( ulFptcpTestOwnIP(), ulIP );
    TEST_ASSERT_EQUAL_HEX32( ulFptcpTestNetMask(), ulMask );
    TEST_ASSERT_EQUAL_HEX32( ulGateway, ulGotGateway );
    TEST_ASSERT_EQUAL_HEX32( ulDNS, ulGotDNS );
    #if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 ) /* upstream V4 defines these only in legacy builds */
    TEST_ASSERT_EQUAL_HEX32( ulOldGateway, FreeRTOS_GetGatewayAddress() );

    FreeRTOS_SetGatewayAddress( ulGateway );
    ulGotGateway = FreeRTOS_GetGatewayAddress();
    FreeRTOS_SetGatewayAddress( ulOldGateway );
    TEST_ASSERT_EQUAL_HEX32( ulGateway, ulGotGateway );

    FreeRTOS_SetNetmask( FreeRTOS_inet_addr_quick( 255, 255, 0, 0 ) );
    ulMask = FreeRTOS_GetNetmask();
    FreeRTOS_SetNetmask( ulFptcpTestNetMask() );
    TEST_ASSERT_EQUAL_HEX32( FreeRTOS_inet_addr_quick( 255, 255, 0, 0 ), ulMask );
    TEST_ASSERT_EQUAL_HEX32( ulFptcpTestNetMask(), FreeRTOS_GetNetmask() );

    ( void ) memcpy( ucOldMAC, FreeRTOS_GetMACAddress(), 6 );
    FreeRTOS_UpdateMACAddress( ucNewMAC );
    ulIP = ( memcmp( pxEndPoint->xMACAddress.ucBytes, ucNewMAC, 6 ) == 0 ) ? 1U : 0U;
    FreeRTOS_UpdateMACAddress( ucOldMAC );
    TEST_ASSERT_EQUAL_UINT32( 1U, ulIP );
    TEST_ASSERT_EQUAL_HEX8_ARRAY( ucOldMAC, pxEndPoint->xMACAddress.ucBytes, 6 );
    #endif

    #if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )
    {
        uint32_t ulLegacyIP = 0U, ulLegacyMask = 0U, ulLegacyGateway = 0U, ulLegacyDNS = 1U;

        FreeRTOS_SetAddressConfiguration( NULL, NULL, &ulGateway, NULL );
        FreeRTOS_GetAddressConfiguration( &ulLegacyIP, &ulLegacyMask, &ulLegacyGateway, &ulLegacyDNS );
        FreeRTOS_SetAddressConfiguration( NULL, NULL, &ulOldGateway, NULL );
        TEST_ASSERT_EQUAL_HEX32( ulFptcpTestOwnIP(), ulLegacyIP );
        TEST_ASSERT_EQUAL_HEX32( ulFptcpTestNetMask(), ulLegacyMask );
        TEST_ASSERT_EQUAL_HEX32( ulGateway, ulLegacyGateway );
        TEST_ASSERT_EQUAL_HEX32( 0U, ulLegacyDNS );
    }
    #endif
}

/* Waits up to 2 s for the peer's address to show up in the ARP cache. */
static BaseType_t prvWaitForARP( uint32_t ulIP )
{
    int i;

    for( i = 0; i < 200; i++ )
    {
        if( xIsIPInARPCache( ulIP ) == pdTRUE )
        {
            return pdTRUE;
        }

        vTaskDelay( pdMS_TO_TICKS( 10 ) );
    }

    return pdFALSE;
}

static void test_arp__clear_request_and_lookup( void )
{
    BaseType_t xAfterClear, xResolved;

    FreeRTOS_ClearARP( NULL );
    xAfterClear = xIsIPInARPCache( ulFptcpTestPeerIP() );
    FreeRTOS_OutputARPRequest( ulFptcpTestPeerIP() );
    xResolved = prvWaitForARP( ulFptcpTestPeerIP() );
    TEST_ASSERT_EQUAL_INT( pdFALSE, xAfterClear );
    TEST_ASSERT_EQUAL_INT( pdTRUE, xResolved );

    FreeRTOS_ClearARP( pxFptcpTestEndPoint() );
    TEST_ASSERT_EQUAL_INT( pdFALSE, xIsIPInARPCache( ulFptcpTestPeerIP() ) );
    FreeRTOS_OutputARPRequest_Multi( pxFptcpTestEndPoint(), ulFptcpTestPeerIP() );
    TEST_ASSERT_EQUAL_INT( pdTRUE, prvWaitForARP( ulFptcpTestPeerIP() ) );

    /* Nobody's subnet: nothing is sent, nothing is learnt. */
    FreeRTOS_OutputARPRequest( FreeRTOS_inet_addr_quick( 203, 0, 113, 1 ) );
    TEST_ASSERT_EQUAL_INT( pdFALSE, xIsIPInARPCache( FreeRTOS_inet_addr_quick( 203, 0, 113, 1 ) ) );
}

/* The running stack follows addresses set through the API. Address 0 (no
 * address): an ARP request must not go out, so the peer stays unknown. */
#if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )
/* FreeRTOS_IPInit() a second time (the harness made the first call):
 * pdFAIL, and the running stack's interface and end-point are not written
 * over (upstream refills them under the running IP task, then asserts). */
static void test_ipinit_second_call__pdfail_nothing_changed( void )
{
    static const uint8_t ucOther[ 4 ] = { 10, 9, 8, 7 };
    static const uint8_t ucMask[ 4 ] = { 255, 0, 0, 0 };
    static const uint8_t ucMAC[ 6 ] = { 0x02, 0, 0, 0, 0, 0x99 };
    uint32_t ulBefore = FreeRTOS_GetIPAddress();
    uint32_t ulMaskBefore = FreeRTOS_GetNetmask();

    TEST_ASSERT_EQUAL_INT( pdFAIL, FreeRTOS_IPInit( ucOther, ucMask, ucOther, ucOther, ucMAC ) );
    TEST_ASSERT_EQUAL_HEX32( ulBefore, FreeRTOS_GetIPAddress() );
    TEST_ASSERT_EQUAL_HEX32( ulMaskBefore, FreeRTOS_GetNetmask() );
    TEST_ASSERT_EQUAL_HEX32( ulFptcpTestOwnIP(), FreeRTOS_GetIPAddress() );
}
#endif

#if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 ) /* FreeRTOS_SetIPAddress & co. are legacy-only upstream */
static void test_set_ip_address__running_stack_follows( void )
{
    uint32_t ulOwn = ulFptcpTestOwnIP();
    uint32_t ulNew = ( ulOwn & ulFptcpTestNetMask() ) | ( ( ulOwn + FreeRTOS_htonl( 5U ) ) & ~ulFptcpTestNetMask() );
    uint32_t ulGotNew, ulGotZero;
    BaseType_t xResolvedNew, xResolvedZero;

    /* A new address in the subnet: requests carry it and the reply, sent
     * to it, is taken. */
    FreeRTOS_SetIPAddress( ulNew );
    ulGotNew = FreeRTOS_GetIPAddress();
    FreeRTOS_ClearARP( NULL );
    FreeRTOS_OutputARPRequest( ulFptcpTestPeerIP() );
    xResolvedNew = prvWaitForARP( ulFptcpTestPeerIP() );

    /* No address: nothing is sent. GetIPAddress() then reports the
     * end-point's default address, as upstream does. */
    FreeRTOS_SetIPAddress( 0U );
    ulGotZero = FreeRTOS_GetIPAddress();
    FreeRTOS_ClearARP( NULL );
    FreeRTOS_OutputARPRequest( ulFptcpTestPeerIP() );
    vTaskDelay( pdMS_TO_TICKS( 300 ) );
    xResolvedZero = xIsIPInARPCache( ulFptcpTestPeerIP() );

    FreeRTOS_SetIPAddress( ulOwn );
    TEST_ASSERT_EQUAL_HEX32( ulNew, ulGotNew );
    TEST_ASSERT_EQUAL_INT( pdTRUE, xResolvedNew );
    TEST_ASSERT_EQUAL_HEX32( ulOwn, ulGotZero );
    TEST_ASSERT_EQUAL_INT( pdFALSE, xResolvedZero );
    TEST_ASSERT_EQUAL_HEX32( ulOwn, FreeRTOS_GetIPAddress() );
}

/* A host netmask puts the peer outside our subnet: no end-point for it, no
 * ARP request. Restored, the request goes out and the peer is learnt. */
static void test_set_netmask__running_stack_follows( void )
{
    BaseType_t xResolvedHostMask, xResolvedRestored;

    FreeRTOS_SetNetmask( 0xFFFFFFFFU );
    FreeRTOS_ClearARP( NULL );
    FreeRTOS_OutputARPRequest( ulFptcpTestPeerIP() );
    vTaskDelay( pdMS_TO_TICKS( 300 ) );
    xResolvedHostMask = xIsIPInARPCache( ulFptcpTestPeerIP() );
    FreeRTOS_SetNetmask( ulFptcpTestNetMask() );
    FreeRTOS_OutputARPRequest( ulFptcpTestPeerIP() );
    xResolvedRestored = prvWaitForARP( ulFptcpTestPeerIP() );
    TEST_ASSERT_EQUAL_INT( pdFALSE, xResolvedHostMask );
    TEST_ASSERT_EQUAL_INT( pdTRUE, xResolvedRestored );
}

#endif

#if ( ipconfigSUPPORT_OUTGOING_PINGS == 1 )

extern volatile ePingReplyStatus_t eFptcpLastPingStatus;
extern volatile uint16_t usFptcpLastPingId;
extern volatile uint32_t ulFptcpPingReplies;

/* FreeRTOS_SendPingRequest to the Linux peer: a sequence number, and the
 * reply reaches vApplicationPingReplyHook with eSuccess and that number
 * (from the IP task, without the stack's lock: the hook could call the
 * API). Size 0 and size >= MTU - 28 give pdFAIL, as upstream. */
static void test_ping__request_reply_reaches_hook( void )
{
    uint32_t ulBefore = ulFptcpPingReplies;
    BaseType_t xSeq, xSeq2;
    int i;

    TEST_ASSERT_EQUAL_INT( pdFAIL, FreeRTOS_SendPingRequest( ulFptcpTestPeerIP(), 0, pdMS_TO_TICKS( 100 ) ) );
    TEST_ASSERT_EQUAL_INT( pdFAIL, FreeRTOS_SendPingRequest( ulFptcpTestPeerIP(), ipconfigNETWORK_MTU - 28, pdMS_TO_TICKS( 100 ) ) );
    xSeq = FreeRTOS_SendPingRequest( ulFptcpTestPeerIP(), 56, pdMS_TO_TICKS( 100 ) );
    TEST_ASSERT_NOT_EQUAL( pdFAIL, xSeq );

    for( i = 0; ( i < 300 ) && ( ulFptcpPingReplies == ulBefore ); i++ )
    {
        vTaskDelay( pdMS_TO_TICKS( 10 ) );
    }

    TEST_ASSERT_EQUAL_UINT32_MESSAGE( ulBefore + 1, ulFptcpPingReplies, "no reply reached the hook within 3 s" );
    TEST_ASSERT_EQUAL_INT( eSuccess, eFptcpLastPingStatus );
    TEST_ASSERT_EQUAL_UINT16( ( uint16_t ) xSeq, usFptcpLastPingId );
    xSeq2 = FreeRTOS_SendPingRequest( ulFptcpTestPeerIP(), 8, pdMS_TO_TICKS( 100 ) );
    TEST_ASSERT_EQUAL_INT( ( uint16_t ) ( xSeq + 1 ), xSeq2 );
}

#endif

void vRunTests( void )
{
    RUN_TEST( test_inet_pton4__dotted_quad__network_order );
    RUN_TEST( test_inet_pton4__bad_text__fails_and_zeroes );
    RUN_TEST( test_inet_pton4__empty_later_number__counts_as_zero );
    RUN_TEST( test_inet_addr__good_and_bad );
    RUN_TEST( test_inet_pton__families );
    RUN_TEST( test_inet_ntoa_ntop__text_and_limits );
    RUN_TEST( test_eui48__parse_and_format );
    RUN_TEST( test_strerror_r__names_and_numbers );
    RUN_TEST( test_integer_helpers );
    RUN_TEST( test_ipv4_classification );
    RUN_TEST( test_endpoint_queries );
    RUN_TEST( test_endpoint_settings__set_and_restore );
    RUN_TEST( test_arp__clear_request_and_lookup );
    #if ( ipconfigSUPPORT_OUTGOING_PINGS == 1 )
        RUN_TEST( test_ping__request_reply_reaches_hook );
    #endif
    #if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )
        RUN_TEST( test_ipinit_second_call__pdfail_nothing_changed );
        RUN_TEST( test_set_ip_address__running_stack_follows );
        RUN_TEST( test_set_netmask__running_stack_follows );
    #endif
}
