/*
 * Upstream's ARP API and BufferAllocation_2's raw buffers through the C
 * ABI (issue #7), against the Linux side of the TAP (192.0.2.1, which
 * answers ARP itself): gratuitous ARP seen on the Linux side (a packet
 * socket on the TAP), xARPWaitResolution resolving the peer and timing out
 * for an absent address, eARPGetCacheEntry's answers (gateway, broadcast,
 * multicast, being resolved), removal and refresh by MAC, the received-frame
 * helpers, and the raw buffer calls against the pool's counts.
 * Semantics: upstream V4.4.1 FreeRTOS_ARP.c, BufferAllocation_2.c, and
 * COMPAT.md's deviations ("ARP API", "raw buffers").
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fptcp_test.h"
#include "peer_util.h"

#include "FreeRTOS_ARP.h"
#include "FreeRTOS_IP_Private.h"
#include "FreeRTOS_IPv4.h"
#include "NetworkBufferManagement.h"

/* Declared by the headers only with their options; exported always. */
#if ( ipconfigUSE_ARP_REMOVE_ENTRY == 0 )
    uint32_t ulARPRemoveCacheEntryByMac( const MACAddress_t * pxMACAddress );
#endif
#if ( ipconfigUSE_ARP_REVERSED_LOOKUP == 0 )
    eResolutionLookupResult_t eARPGetCacheEntryByMac( const MACAddress_t * const pxMACAddress,
                                                      uint32_t * pulIPAddress,
                                                      struct xNetworkInterface ** ppxInterface );
#endif
#if ( ipconfigZERO_COPY_TX_DRIVER == 0 ) && ( ipconfigZERO_COPY_RX_DRIVER == 0 )
    NetworkBufferDescriptor_t * pxPacketBuffer_to_NetworkBuffer( const void * pvBuffer );
#endif
#if ( ipconfigTCP_IP_SANITY == 0 )
    UBaseType_t bIsValidNetworkDescriptor( const NetworkBufferDescriptor_t * pxDesc );
    BaseType_t prvIsFreeBuffer( const NetworkBufferDescriptor_t * pxDescr );
#endif

#define arpABSENT_IP    FreeRTOS_inet_addr_quick( 192, 0, 2, 77 )
#define arpFAR_IP       FreeRTOS_inet_addr_quick( 203, 0, 113, 5 )

/* The MAC of the TAP's Linux side, from sysfs (read(): no stdio lock). */
static MACAddress_t prvPeerMAC( void )
{
    char cPath[ 96 ];
    char cText[ 32 ] = { 0 };
    MACAddress_t xMAC = { { 0 } };
    unsigned int x[ 6 ];
    int fd;

    snprintf( cPath, sizeof( cPath ), "/sys/class/net/%s/address", getenv( "FPTCP_TAP" ) ? getenv( "FPTCP_TAP" ) : "tap0" );
    fd = open( cPath, O_RDONLY );
    TEST_ASSERT_TRUE_MESSAGE( fd >= 0, "open the TAP's sysfs address" );
    TEST_ASSERT_TRUE( read( fd, cText, sizeof( cText ) - 1 ) >= 17 );
    close( fd );
    TEST_ASSERT_EQUAL_INT( 6, sscanf( cText, "%x:%x:%x:%x:%x:%x", &x[ 0 ], &x[ 1 ], &x[ 2 ], &x[ 3 ], &x[ 4 ], &x[ 5 ] ) );

    for( int i = 0; i < 6; i++ )
    {
        xMAC.ucBytes[ i ] = ( uint8_t ) x[ i ];
    }

    return xMAC;
}

/* A packet socket on the TAP's Linux side: every ARP frame the stack sends. */
static int prvOpenArpCapture( void )
{
    struct sockaddr_ll xAddr;
    int s = socket( AF_PACKET, SOCK_RAW | SOCK_NONBLOCK, htons( ETH_P_ARP ) );

    TEST_ASSERT_TRUE_MESSAGE( s >= 0, "packet socket" );
    memset( &xAddr, 0, sizeof( xAddr ) );
    xAddr.sll_family = AF_PACKET;
    xAddr.sll_protocol = htons( ETH_P_ARP );
    xAddr.sll_ifindex = ( int ) if_nametoindex( getenv( "FPTCP_TAP" ) ? getenv( "FPTCP_TAP" ) : "tap0" );
    TEST_ASSERT_TRUE( xAddr.sll_ifindex > 0 );
    TEST_ASSERT_EQUAL_INT( 0, bind( s, ( struct sockaddr * ) &xAddr, sizeof( xAddr ) ) );
    return s;
}

/* Waits up to ulMs for an ARP request from us whose target is ulTarget;
 * returns the ms it took, or ~0 when none came. */
static uint32_t prvAwaitArpRequest( int s,
                                    uint32_t ulTarget,
                                    uint32_t ulMs )
{
    uint32_t ulStart = ulPeerWallMs();
    uint32_t ulOwn = ulFptcpTestOwnIP();

    while( ulPeerWallMs() - ulStart < ulMs )
    {
        uint8_t ucFrame[ 128 ];
        ssize_t n = recv( s, ucFrame, sizeof( ucFrame ), 0 );

        if( ( n >= 42 ) && ( ucFrame[ 12 ] == 0x08 ) && ( ucFrame[ 13 ] == 0x06 ) && ( ucFrame[ 21 ] == 1 ) &&
            ( memcmp( &ucFrame[ 28 ], &ulOwn, 4 ) == 0 ) && ( memcmp( &ucFrame[ 38 ], &ulTarget, 4 ) == 0 ) &&
            ( memcmp( &ucFrame[ 0 ], "\xff\xff\xff\xff\xff\xff", 6 ) == 0 ) &&
            ( memcmp( &ucFrame[ 6 ], pxFptcpTestEndPoint()->xMACAddress.ucBytes, 6 ) == 0 ) )
        {
            return ulPeerWallMs() - ulStart;
        }

        if( n < 0 )
        {
            vTaskDelay( pdMS_TO_TICKS( 2 ) );
        }
    }

    return ~0U;
}

static void prvDrain( int s )
{
    uint8_t ucFrame[ 128 ];

    while( recv( s, ucFrame, sizeof( ucFrame ), 0 ) > 0 )
    {
    }
}

/* vARPSendGratuitous(): the IP task announces our address (an ARP request
 * for it, from our MAC, broadcast), seen on the Linux side. */
static void test_arp__gratuitous__seen_by_linux( void )
{
    int s = prvOpenArpCapture();
    uint32_t ulMs;

    prvDrain( s );
    vARPSendGratuitous();
    ulMs = prvAwaitArpRequest( s, ulFptcpTestOwnIP(), 1000 );
    close( s );
    vFptcpTestPrintf( "gratuitous ARP on the wire after %u ms\n", ( unsigned ) ulMs );
    TEST_ASSERT_TRUE_MESSAGE( ulMs < 1000, "no gratuitous ARP within 1 s" );
}

/* xARPWaitResolution(): the peer resolves in a few ms with the cache
 * cleared; an absent address gives -EADDRNOTAVAIL after the block time
 * (requests every 250 ms, upstream's pace). */
static void test_arp__wait_resolution__peer_resolves_absent_times_out( void )
{
    TickType_t xStart;
    TickType_t xTicks;
    BaseType_t xResult;

    FreeRTOS_ClearARP( NULL );
    TEST_ASSERT_EQUAL_INT( pdFALSE, xIsIPInARPCache( ulFptcpTestPeerIP() ) );
    xStart = xTaskGetTickCount();
    xResult = xARPWaitResolution( ulFptcpTestPeerIP(), pdMS_TO_TICKS( 2000 ) );
    xTicks = xTaskGetTickCount() - xStart;
    vFptcpTestPrintf( "xARPWaitResolution(peer): %d after %u ticks\n", ( int ) xResult, ( unsigned ) xTicks );
    TEST_ASSERT_EQUAL_INT( 0, xResult );
    TEST_ASSERT_EQUAL_INT( pdTRUE, xIsIPInARPCache( ulFptcpTestPeerIP() ) );
    peerASSERT_BETWEEN( 0, pdMS_TO_TICKS( 100 ), xTicks, "ticks to resolve the peer" );
    /* Known now: at once. */
    xStart = xTaskGetTickCount();
    TEST_ASSERT_EQUAL_INT( 0, xARPWaitResolution( ulFptcpTestPeerIP(), 0 ) );
    peerASSERT_BETWEEN( 0, 1, xTaskGetTickCount() - xStart, "ticks for a cached address" );

    /* Nobody has 192.0.2.77. */
    xStart = xTaskGetTickCount();
    xResult = xARPWaitResolution( arpABSENT_IP, pdMS_TO_TICKS( 600 ) );
    xTicks = xTaskGetTickCount() - xStart;
    vFptcpTestPrintf( "xARPWaitResolution(absent, 600 ms): %d after %u ticks\n", ( int ) xResult, ( unsigned ) xTicks );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EADDRNOTAVAIL, xResult );
    peerASSERT_BETWEEN( pdMS_TO_TICKS( 600 ), pdMS_TO_TICKS( 640 ), xTicks, "ticks blocked for an absent address" );
    /* portMAX_DELAY is bounded by the retransmissions: 5 x 250 ms. */
    xStart = xTaskGetTickCount();
    xResult = xARPWaitResolution( arpABSENT_IP, portMAX_DELAY );
    xTicks = xTaskGetTickCount() - xStart;
    vFptcpTestPrintf( "xARPWaitResolution(absent, portMAX_DELAY): %d after %u ticks\n", ( int ) xResult, ( unsigned ) xTicks );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EADDRNOTAVAIL, xResult );
    peerASSERT_BETWEEN( pdMS_TO_TICKS( 1250 ), pdMS_TO_TICKS( 1300 ), xTicks, "ticks blocked with portMAX_DELAY" );
}

/* eARPGetCacheEntry(): hit with the peer's MAC, miss after removal by MAC,
 * the gateway for an off-link address, broadcast and multicast without the
 * cache, failed while a request is out; eARPGetCacheEntryByMac(). */
static void test_arp__get_cache_entry__hit_miss_gateway_remove( void )
{
    MACAddress_t xPeer = prvPeerMAC();
    MACAddress_t xMAC;
    NetworkEndPoint_t * pxEndPoint = NULL;
    NetworkInterface_t * pxInterface = NULL;
    uint32_t ulIP;

    TEST_ASSERT_EQUAL_INT( 0, xARPWaitResolution( ulFptcpTestPeerIP(), pdMS_TO_TICKS( 2000 ) ) );
    ulIP = ulFptcpTestPeerIP();
    memset( &xMAC, 0, sizeof( xMAC ) );
    TEST_ASSERT_EQUAL_INT( eResolutionCacheHit, eARPGetCacheEntry( &ulIP, &xMAC, &pxEndPoint ) );
    TEST_ASSERT_EQUAL_MEMORY( xPeer.ucBytes, xMAC.ucBytes, 6 );
    TEST_ASSERT_EQUAL_PTR( pxFptcpTestEndPoint(), pxEndPoint );
    TEST_ASSERT_EQUAL_HEX32( ulFptcpTestPeerIP(), ulIP );

    /* Reverse look-up. */
    ulIP = 0;
    TEST_ASSERT_EQUAL_INT( eResolutionCacheHit, eARPGetCacheEntryByMac( &xPeer, &ulIP, &pxInterface ) );
    TEST_ASSERT_EQUAL_HEX32( ulFptcpTestPeerIP(), ulIP );
    TEST_ASSERT_EQUAL_PTR( pxFptcpTestEndPoint()->pxNetworkInterface, pxInterface );

    /* An off-link address is looked up as the gateway (the peer). */
    ulIP = arpFAR_IP;
    TEST_ASSERT_EQUAL_INT( eResolutionCacheHit, eARPGetCacheEntry( &ulIP, &xMAC, &pxEndPoint ) );
    TEST_ASSERT_EQUAL_HEX32( ulFptcpTestPeerIP(), ulIP );
    TEST_ASSERT_EQUAL_MEMORY( xPeer.ucBytes, xMAC.ucBytes, 6 );

    /* Removed by MAC: its address comes back, then misses. */
    TEST_ASSERT_EQUAL_HEX32( ulFptcpTestPeerIP(), ulARPRemoveCacheEntryByMac( &xPeer ) );
    TEST_ASSERT_EQUAL_HEX32( 0, ulARPRemoveCacheEntryByMac( &xPeer ) );
    TEST_ASSERT_EQUAL_INT( pdFALSE, xIsIPInARPCache( ulFptcpTestPeerIP() ) );
    ulIP = ulFptcpTestPeerIP();
    TEST_ASSERT_EQUAL_INT( eResolutionCacheMiss, eARPGetCacheEntry( &ulIP, &xMAC, &pxEndPoint ) );
    TEST_ASSERT_EQUAL_PTR( pxFptcpTestEndPoint(), pxEndPoint );
    TEST_ASSERT_EQUAL_INT( eResolutionCacheMiss, eARPGetCacheEntryByMac( &xPeer, &ulIP, NULL ) );

    /* Broadcasts and groups. */
    ulIP = FREERTOS_INADDR_BROADCAST;
    TEST_ASSERT_EQUAL_INT( eResolutionCacheHit, eARPGetCacheEntry( &ulIP, &xMAC, &pxEndPoint ) );
    TEST_ASSERT_EQUAL_MEMORY( "\xff\xff\xff\xff\xff\xff", xMAC.ucBytes, 6 );
    TEST_ASSERT_EQUAL_PTR( pxFptcpTestEndPoint(), pxEndPoint );
    ulIP = FreeRTOS_inet_addr_quick( 239, 129, 2, 3 );
    TEST_ASSERT_EQUAL_INT( eResolutionCacheHit, eARPGetCacheEntry( &ulIP, &xMAC, &pxEndPoint ) );
    TEST_ASSERT_EQUAL_MEMORY( "\x01\x00\x5e\x01\x02\x03", xMAC.ucBytes, 6 );

    /* A UDP datagram to the absent address makes the stack ask it: while
     * the request is out the look-up fails (upstream's invalid entry). */
    {
        Socket_t xSocket = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_DGRAM, FREERTOS_IPPROTO_UDP );
        struct freertos_sockaddr xTo;

        TEST_ASSERT_NOT_EQUAL( FREERTOS_INVALID_SOCKET, xSocket );
        memset( &xTo, 0, sizeof( xTo ) );
        xTo.sin_family = FREERTOS_AF_INET;
        xTo.sin_port = FreeRTOS_htons( 9 );
        xTo.sin_address.ulIP_IPv4 = arpABSENT_IP;
        TEST_ASSERT_EQUAL_INT( 4, FreeRTOS_sendto( xSocket, "ping", 4, 0, &xTo, sizeof( xTo ) ) );
        vTaskDelay( pdMS_TO_TICKS( 50 ) );
        ulIP = arpABSENT_IP;
        TEST_ASSERT_EQUAL_INT( eResolutionFailed, eARPGetCacheEntry( &ulIP, &xMAC, &pxEndPoint ) );
        FreeRTOS_closesocket( xSocket );
    }

    /* NULL arguments: failed / miss / 0, no crash (upstream asserts). */
    pxEndPoint = pxFptcpTestEndPoint();
    TEST_ASSERT_EQUAL_INT( eResolutionFailed, eARPGetCacheEntry( NULL, &xMAC, &pxEndPoint ) );
    TEST_ASSERT_NULL( pxEndPoint );
    TEST_ASSERT_EQUAL_INT( eResolutionFailed, eARPGetCacheEntry( &ulIP, NULL, &pxEndPoint ) );
    TEST_ASSERT_EQUAL_INT( eResolutionFailed, eARPGetCacheEntry( &ulIP, &xMAC, NULL ) );
    TEST_ASSERT_EQUAL_INT( eResolutionCacheMiss, eARPGetCacheEntryByMac( NULL, &ulIP, &pxInterface ) );
    TEST_ASSERT_EQUAL_INT( eResolutionCacheMiss, eARPGetCacheEntryByMac( &xPeer, NULL, &pxInterface ) );
    TEST_ASSERT_EQUAL_HEX32( 0, ulARPRemoveCacheEntryByMac( NULL ) );
    vARPRefreshCacheEntryAge( NULL, ulFptcpTestPeerIP() );
    FreeRTOS_PrintARPCache();
}

/* vARPRefreshCacheEntry(): on-link pairs are stored (NULL MAC: being
 * resolved), off-link ones are not; vARPAgeCache() asks for the address
 * being resolved. */
static void test_arp__refresh_entry__stored_on_link_only( void )
{
    MACAddress_t xMAC = { { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 } };
    MACAddress_t xOut;
    NetworkEndPoint_t * pxEndPoint;
    uint32_t ulIP = FreeRTOS_inet_addr_quick( 192, 0, 2, 99 );
    uint32_t ulWaiting = FreeRTOS_inet_addr_quick( 192, 0, 2, 98 );
    int s;

    vARPRefreshCacheEntry( &xMAC, ulIP, pxFptcpTestEndPoint() );
    TEST_ASSERT_EQUAL_INT( eResolutionCacheHit, eARPGetCacheEntry( &ulIP, &xOut, &pxEndPoint ) );
    TEST_ASSERT_EQUAL_MEMORY( xMAC.ucBytes, xOut.ucBytes, 6 );
    vARPRefreshCacheEntryAge( &xMAC, ulIP );
    TEST_ASSERT_EQUAL_INT( pdTRUE, xIsIPInARPCache( ulIP ) );

    vARPRefreshCacheEntry( &xMAC, arpFAR_IP, pxFptcpTestEndPoint() );
    TEST_ASSERT_EQUAL_INT( pdFALSE, xIsIPInARPCache( arpFAR_IP ) );

    s = prvOpenArpCapture();
    prvDrain( s );
    vARPRefreshCacheEntry( NULL, ulWaiting, pxFptcpTestEndPoint() );
    TEST_ASSERT_EQUAL_INT( eResolutionFailed, eARPGetCacheEntry( &ulWaiting, &xOut, &pxEndPoint ) );
    vARPAgeCache();
    TEST_ASSERT_TRUE_MESSAGE( prvAwaitArpRequest( s, ulWaiting, 500 ) < 500, "vARPAgeCache asked the address being resolved" );
    close( s );
    TEST_ASSERT_EQUAL_HEX32( ulIP, ulARPRemoveCacheEntryByMac( &xMAC ) );
}

/* A received frame as a driver holds it: IPv4 from 192.0.2.1. */
static NetworkBufferDescriptor_t * prvReceivedFrame( void )
{
    NetworkBufferDescriptor_t * pxBuffer = pxGetNetworkBufferWithDescriptor( 60, 0 );
    uint32_t ulSource = ulFptcpTestPeerIP();
    uint32_t ulOwn = ulFptcpTestOwnIP();

    TEST_ASSERT_NOT_NULL( pxBuffer );
    memset( pxBuffer->pucEthernetBuffer, 0, 60 );
    memcpy( pxBuffer->pucEthernetBuffer, pxFptcpTestEndPoint()->xMACAddress.ucBytes, 6 );
    memcpy( &pxBuffer->pucEthernetBuffer[ 6 ], "\x02\x99\x00\x00\x00\x01", 6 );
    pxBuffer->pucEthernetBuffer[ 12 ] = 0x08;
    pxBuffer->pucEthernetBuffer[ 14 ] = 0x45;
    pxBuffer->pucEthernetBuffer[ 17 ] = 20;
    pxBuffer->pucEthernetBuffer[ 22 ] = 64;
    pxBuffer->pucEthernetBuffer[ 23 ] = 17;
    memcpy( &pxBuffer->pucEthernetBuffer[ 26 ], &ulSource, 4 );
    memcpy( &pxBuffer->pucEthernetBuffer[ 30 ], &ulOwn, 4 );
    {
        uint32_t ulSum = 0;

        for( int i = 14; i < 34; i += 2 )
        {
            ulSum += ( ( uint32_t ) pxBuffer->pucEthernetBuffer[ i ] << 8 ) | pxBuffer->pucEthernetBuffer[ i + 1 ];
        }

        while( ulSum >> 16 )
        {
            ulSum = ( ulSum & 0xffffU ) + ( ulSum >> 16 );
        }

        ulSum = ~ulSum & 0xffffU;
        pxBuffer->pucEthernetBuffer[ 24 ] = ( uint8_t ) ( ulSum >> 8 );
        pxBuffer->pucEthernetBuffer[ 25 ] = ( uint8_t ) ulSum;
    }
    pxBuffer->pxEndPoint = pxFptcpTestEndPoint();
    pxBuffer->pxInterface = pxFptcpTestEndPoint()->pxNetworkInterface;
    return pxBuffer;
}

/* xCheckRequiresARPResolution() and vARPGenerateRequestPacket() on
 * descriptors a driver holds; foreign descriptors change nothing. */
static void test_arp__frame_helpers__pool_descriptors_only( void )
{
    UBaseType_t uxFree = uxGetNumberOfFreeNetworkBuffers();
    NetworkBufferDescriptor_t * pxBuffer;
    NetworkBufferDescriptor_t xForeign;
    uint8_t ucForeign[ 64 ];
    uint32_t ulOwn = ulFptcpTestOwnIP();
    uint32_t ulTarget = FreeRTOS_inet_addr_quick( 192, 0, 2, 33 );

    FreeRTOS_ClearARP( NULL );
    pxBuffer = prvReceivedFrame();
    TEST_ASSERT_EQUAL_INT( pdTRUE, xCheckRequiresARPResolution( pxBuffer ) );
    /* The request it sent is answered by Linux. */
    vTaskDelay( pdMS_TO_TICKS( 100 ) );
    TEST_ASSERT_EQUAL_INT( pdTRUE, xIsIPInARPCache( ulFptcpTestPeerIP() ) );
    TEST_ASSERT_EQUAL_INT( pdFALSE, xCheckRequiresARPResolution( pxBuffer ) );

    pxBuffer->xIPAddress.ulIP_IPv4 = ulTarget;
    vARPGenerateRequestPacket( pxBuffer );
    TEST_ASSERT_EQUAL_UINT64( 42, pxBuffer->xDataLength );
    TEST_ASSERT_EQUAL_MEMORY( "\xff\xff\xff\xff\xff\xff", pxBuffer->pucEthernetBuffer, 6 );
    TEST_ASSERT_EQUAL_MEMORY( pxFptcpTestEndPoint()->xMACAddress.ucBytes, &pxBuffer->pucEthernetBuffer[ 6 ], 6 );
    TEST_ASSERT_EQUAL_MEMORY( "\x08\x06\x00\x01\x08\x00\x06\x04\x00\x01", &pxBuffer->pucEthernetBuffer[ 12 ], 10 );
    TEST_ASSERT_EQUAL_MEMORY( pxFptcpTestEndPoint()->xMACAddress.ucBytes, &pxBuffer->pucEthernetBuffer[ 22 ], 6 );
    TEST_ASSERT_EQUAL_MEMORY( &ulOwn, &pxBuffer->pucEthernetBuffer[ 28 ], 4 );
    TEST_ASSERT_EQUAL_MEMORY( &ulTarget, &pxBuffer->pucEthernetBuffer[ 38 ], 4 );

    /* Too short, no end-point, foreign: untouched. */
    pxBuffer->xDataLength = 41;
    pxBuffer->pucEthernetBuffer[ 0 ] = 0x55;
    vARPGenerateRequestPacket( pxBuffer );
    TEST_ASSERT_EQUAL_UINT64( 41, pxBuffer->xDataLength );
    TEST_ASSERT_EQUAL_HEX8( 0x55, pxBuffer->pucEthernetBuffer[ 0 ] );
    pxBuffer->xDataLength = 60;
    pxBuffer->pxEndPoint = NULL;
    vARPGenerateRequestPacket( pxBuffer );
    TEST_ASSERT_EQUAL_HEX8( 0x55, pxBuffer->pucEthernetBuffer[ 0 ] );
    TEST_ASSERT_EQUAL_INT( pdFALSE, xCheckRequiresARPResolution( pxBuffer ) );
    memset( &xForeign, 0, sizeof( xForeign ) );
    memset( ucForeign, 0x55, sizeof( ucForeign ) );
    xForeign.pucEthernetBuffer = ucForeign;
    xForeign.xDataLength = sizeof( ucForeign );
    xForeign.pxEndPoint = pxFptcpTestEndPoint();
    vARPGenerateRequestPacket( &xForeign );
    TEST_ASSERT_EQUAL_HEX8( 0x55, ucForeign[ 0 ] );
    TEST_ASSERT_EQUAL_INT( pdFALSE, xCheckRequiresARPResolution( &xForeign ) );
    TEST_ASSERT_EQUAL_INT( pdFALSE, xCheckRequiresARPResolution( NULL ) );
    vARPGenerateRequestPacket( NULL );

    /* The descriptor checks. */
    TEST_ASSERT_EQUAL_INT( pdTRUE, bIsValidNetworkDescriptor( pxBuffer ) );
    TEST_ASSERT_EQUAL_INT( pdFALSE, prvIsFreeBuffer( pxBuffer ) );
    TEST_ASSERT_EQUAL_INT( pdFALSE, bIsValidNetworkDescriptor( &xForeign ) );
    TEST_ASSERT_EQUAL_INT( pdFALSE, bIsValidNetworkDescriptor( NULL ) );
    vReleaseNetworkBufferAndDescriptor( pxBuffer );
    TEST_ASSERT_EQUAL_INT( pdTRUE, bIsValidNetworkDescriptor( pxBuffer ) );
    TEST_ASSERT_EQUAL_INT( pdTRUE, prvIsFreeBuffer( pxBuffer ) );
    TEST_ASSERT_EQUAL_INT( pdFALSE, prvIsFreeBuffer( &xForeign ) );
    TEST_ASSERT_EQUAL_UINT64( uxFree, uxGetNumberOfFreeNetworkBuffers() );
}

/* pucGetNetworkBuffer()/vReleaseNetworkBuffer() (BufferAllocation_2): the
 * size is raised and rounded as upstream; a raw buffer hung on a
 * descriptor is freed with it; misuse is ignored; the pool balances. */
static void test_buffers__raw_buffers__sizes_and_balance( void )
{
    UBaseType_t uxFree = uxGetNumberOfFreeNetworkBuffers();
    size_t uxSize = 1;
    uint8_t * pucBuffer = pucGetNetworkBuffer( &uxSize );
    uint8_t ucForeign[ 64 ] = { 0 };
    NetworkBufferDescriptor_t * pxDescriptor;

    TEST_ASSERT_NOT_NULL( pucBuffer );
    TEST_ASSERT_EQUAL_UINT64( 72, uxSize ); /* 66 (a TCP packet) rounded to 8 */
    memset( pucBuffer, 0xa5, uxSize );
    TEST_ASSERT_EQUAL_UINT64( uxFree, uxGetNumberOfFreeNetworkBuffers() );
    vReleaseNetworkBuffer( pucBuffer );
    vReleaseNetworkBuffer( pucBuffer ); /* twice: ignored */

    uxSize = 1501;
    pucBuffer = pucGetNetworkBuffer( &uxSize );
    TEST_ASSERT_NOT_NULL( pucBuffer );
    TEST_ASSERT_EQUAL_UINT64( 1504, uxSize );
    /* A zero-copy driver: a descriptor without a buffer gets the raw one;
     * releasing the descriptor frees it. */
    pxDescriptor = pxGetNetworkBufferWithDescriptor( 0, 0 );
    TEST_ASSERT_NOT_NULL( pxDescriptor );
    pxDescriptor->pucEthernetBuffer = pucBuffer;
    *( ( NetworkBufferDescriptor_t ** ) ( pucBuffer - ipBUFFER_PADDING ) ) = pxDescriptor;
    pxDescriptor->xDataLength = 60;
    TEST_ASSERT_EQUAL_PTR( pxDescriptor, pxPacketBuffer_to_NetworkBuffer( pucBuffer ) );
    vReleaseNetworkBuffer( pucBuffer ); /* still the descriptor's: ignored */
    TEST_ASSERT_EQUAL_PTR( pxDescriptor, pxPacketBuffer_to_NetworkBuffer( pucBuffer ) );
    vReleaseNetworkBufferAndDescriptor( pxDescriptor );
    TEST_ASSERT_EQUAL_UINT64( uxFree, uxGetNumberOfFreeNetworkBuffers() );

    /* Misuse. */
    vReleaseNetworkBuffer( NULL );
    vReleaseNetworkBuffer( &ucForeign[ 32 ] );
    TEST_ASSERT_NULL( pucGetNetworkBuffer( NULL ) );
    uxSize = ( size_t ) -1;
    TEST_ASSERT_NULL( pucGetNetworkBuffer( &uxSize ) );
    TEST_ASSERT_EQUAL_UINT64( ( size_t ) -1, uxSize );
    TEST_ASSERT_EQUAL_UINT64( uxFree, uxGetNumberOfFreeNetworkBuffers() );
}

/* xBadIPv4Loopback(), pxGetSocketEndpoint(), xCheckRequiresResolution(),
 * vPrintResourceStats(). */
static void test_api__misc_helpers__upstream_answers( void )
{
    IPHeader_t xHeader;
    Socket_t xSocket;
    struct freertos_sockaddr xAddress;
    NetworkBufferDescriptor_t * pxBuffer;

    memset( &xHeader, 0, sizeof( xHeader ) );
    xHeader.ulSourceIPAddress = FreeRTOS_inet_addr_quick( 127, 0, 0, 1 );
    xHeader.ulDestinationIPAddress = ulFptcpTestOwnIP();
    TEST_ASSERT_EQUAL_INT( pdTRUE, xBadIPv4Loopback( &xHeader ) );
    xHeader.ulDestinationIPAddress = FreeRTOS_inet_addr_quick( 127, 1, 2, 3 );
    TEST_ASSERT_EQUAL_INT( pdFALSE, xBadIPv4Loopback( &xHeader ) );
    xHeader.ulSourceIPAddress = ulFptcpTestPeerIP();
    TEST_ASSERT_EQUAL_INT( pdTRUE, xBadIPv4Loopback( &xHeader ) );
    xHeader.ulDestinationIPAddress = ulFptcpTestOwnIP();
    TEST_ASSERT_EQUAL_INT( pdFALSE, xBadIPv4Loopback( &xHeader ) );
    TEST_ASSERT_EQUAL_INT( pdFALSE, xBadIPv4Loopback( NULL ) );

    /* A socket bound to our address has our end-point; one bound to any
     * address has none; bad handles give NULL. */
    xSocket = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_DGRAM, FREERTOS_IPPROTO_UDP );
    TEST_ASSERT_NOT_EQUAL( FREERTOS_INVALID_SOCKET, xSocket );
    TEST_ASSERT_NULL( pxGetSocketEndpoint( xSocket ) );
    memset( &xAddress, 0, sizeof( xAddress ) );
    xAddress.sin_family = FREERTOS_AF_INET;
    xAddress.sin_port = FreeRTOS_htons( 7400 );
    xAddress.sin_address.ulIP_IPv4 = ulFptcpTestOwnIP();
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_bind( xSocket, &xAddress, sizeof( xAddress ) ) );
    TEST_ASSERT_EQUAL_PTR( pxFptcpTestEndPoint(), pxGetSocketEndpoint( xSocket ) );
    FreeRTOS_closesocket( xSocket );
    TEST_ASSERT_NULL( pxGetSocketEndpoint( xSocket ) );
    TEST_ASSERT_NULL( pxGetSocketEndpoint( NULL ) );
    TEST_ASSERT_NULL( pxGetSocketEndpoint( FREERTOS_INVALID_SOCKET ) );

    FreeRTOS_ClearARP( NULL );
    pxBuffer = prvReceivedFrame();
    TEST_ASSERT_EQUAL_INT( pdTRUE, xCheckRequiresResolution( pxBuffer ) );
    vReleaseNetworkBufferAndDescriptor( pxBuffer );
    TEST_ASSERT_EQUAL_INT( pdFALSE, xCheckRequiresResolution( NULL ) );

    vPrintResourceStats();
}

void vRunTests( void )
{
    RUN_TEST( test_arp__gratuitous__seen_by_linux );
    RUN_TEST( test_arp__wait_resolution__peer_resolves_absent_times_out );
    RUN_TEST( test_arp__get_cache_entry__hit_miss_gateway_remove );
    RUN_TEST( test_arp__refresh_entry__stored_on_link_only );
    RUN_TEST( test_arp__frame_helpers__pool_descriptors_only );
    RUN_TEST( test_buffers__raw_buffers__sizes_and_balance );
    RUN_TEST( test_api__misc_helpers__upstream_answers );
}
