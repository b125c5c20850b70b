/*
 * UDP through the C ABI, against Linux peers (c-tests/peers/peers.py):
 * UDP :7100 echoes every datagram, UDP :7101 counts them, and the control
 * command "udp-send" makes Linux send datagrams to us.
 *
 * Each test names the row it pins: reference section 14.7 (measured on
 * upstream V4.4.1 with the same calls against a Linux echo peer) and the
 * UDP rows 43-47 of section 14.1. Upstream's value is given next to ours
 * where they are compared.
 */
#include <stdio.h>
#include <string.h>

#include "peer_util.h"
#include "FreeRTOS_IP_Private.h"

#if ( ipconfigETHERNET_DRIVER_FILTERS_PACKETS != 1 )
    /* Declared by FreeRTOS_Sockets.h only for filtering drivers; the library
     * exports it always. */
    BaseType_t xPortHasUDPSocket( uint16_t usPortNr );
#endif

#define udpPORT_ECHO     7100
#define udpPORT_COUNT    7101

static Socket_t prvUdpSocket( void )
{
    Socket_t xSocket = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_DGRAM, FREERTOS_IPPROTO_UDP );

    TEST_ASSERT_TRUE( ( xSocket != FREERTOS_INVALID_SOCKET ) && ( xSocket != NULL ) );
    vPeerTrack( xSocket );
    return xSocket;
}

static void prvPeer( struct freertos_sockaddr * pxAddress,
                     uint16_t usPort )
{
    vPeerAddress( pxAddress, ulFptcpTestPeerIP(), usPort );
}

void setUp( void )
{
}

void tearDown( void )
{
    vPeerCloseTracked();
}

/* 14.7: socket(DGRAM, UDP) is valid; sendto 5 B from a never-bound socket
 * returns 5 (auto-bound); recvfrom of the echo returns 5 with the source
 * port 7100 and address of the peer, payload intact. Upstream: 5, 5. */
static void test_udp__sendto_unbound_then_recvfrom_echo__5_and_source( void )
{
    Socket_t xSocket = prvUdpSocket();
    struct freertos_sockaddr xTo, xFrom;
    socklen_t xFromLength = 0;
    char cBuffer[ 16 ] = { 0 };

    prvPeer( &xTo, udpPORT_ECHO );
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, pdMS_TO_TICKS( 1000 ) ) );
    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_sendto( xSocket, "hello", 5, 0, &xTo, sizeof( xTo ) ) );
    TEST_ASSERT_NOT_EQUAL( 0, usPeerLocalPort( xSocket ) );
    memset( &xFrom, 0, sizeof( xFrom ) );
    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_recvfrom( xSocket, cBuffer, sizeof( cBuffer ), 0, &xFrom, &xFromLength ) );
    TEST_ASSERT_EQUAL_MEMORY( "hello", cBuffer, 5 );
    TEST_ASSERT_EQUAL_UINT16( FreeRTOS_htons( udpPORT_ECHO ), xFrom.sin_port );
    TEST_ASSERT_EQUAL_HEX32( ulFptcpTestPeerIP(), xFrom.sin_address.ulIP_IPv4 );
    TEST_ASSERT_EQUAL_UINT8( FREERTOS_AF_INET, xFrom.sin_family );
    TEST_ASSERT_EQUAL_UINT32( sizeof( struct freertos_sockaddr ), xFromLength );
}

/* 14.7: sendto 10 B, recvfrom into a 3-byte buffer returns 3 (truncated
 * copy); the next recvfrom (RCVTIMEO 200 ms) returns -11 after about 200 ms:
 * the rest was discarded. Upstream: 10, 3, -11. */
static void test_udp__recvfrom_short_buffer__truncates_and_discards_rest( void )
{
    Socket_t xSocket = prvUdpSocket();
    struct freertos_sockaddr xTo;
    char cSmall[ 3 ];
    TickType_t xStart;

    prvPeer( &xTo, udpPORT_ECHO );
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, pdMS_TO_TICKS( 1000 ) ) );
    TEST_ASSERT_EQUAL_INT( 10, FreeRTOS_sendto( xSocket, "0123456789", 10, 0, &xTo, sizeof( xTo ) ) );
    TEST_ASSERT_EQUAL_INT( 3, FreeRTOS_recvfrom( xSocket, cSmall, sizeof( cSmall ), 0, NULL, NULL ) );
    TEST_ASSERT_EQUAL_MEMORY( "012", cSmall, 3 );
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, pdMS_TO_TICKS( 200 ) ) );
    xStart = xTaskGetTickCount();
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EWOULDBLOCK, FreeRTOS_recvfrom( xSocket, cSmall, sizeof( cSmall ), 0, NULL, NULL ) );
    peerASSERT_BLOCKED( pdMS_TO_TICKS( 200 ), xTaskGetTickCount() - xStart );
}

/* A receive block time wider than 32 bits (this port's TickType_t has 64):
 * the stack measures waits on the 32-bit tick count and keeps the longest
 * it can (u32::MAX - 1 ticks, 49 days here), never the low 32 bits of the
 * value. 2^32 + 5 ticks must not become 5 ticks: a datagram Linux sends
 * 300 ms later still arrives within the wait. Upstream waits the full
 * 64-bit time; no call can tell the two apart in less than 49 days. */
static void test_udp__rcvtimeo_wider_than_32_bits__waits_not_truncated( void )
{
    Socket_t xSocket = prvUdpSocket();
    TickType_t xWide = ( TickType_t ) ( ( ( uint64_t ) 1U << 32 ) + 5U );
    char cBuffer[ 8 ];
    char cReply[ 64 ];
    TickType_t xStart;

    TEST_ASSERT_EQUAL_UINT( 8, sizeof( TickType_t ) ); /* the posix test configuration's ticks */
    TEST_ASSERT_EQUAL_INT( 0, xPeerBind( xSocket, 9203 ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_RCVTIMEO, &xWide, sizeof( xWide ) ) );
    vPeerCommandOk( "after 300 udp-send 9203 1 4", cReply, sizeof( cReply ) );
    xStart = xTaskGetTickCount();
    TEST_ASSERT_EQUAL_INT( 4, FreeRTOS_recvfrom( xSocket, cBuffer, sizeof( cBuffer ), 0, NULL, NULL ) );
    TEST_ASSERT_EQUAL_MEMORY( "aaaa", cBuffer, 4 );
    peerASSERT_BETWEEN( pdMS_TO_TICKS( 250 ), pdMS_TO_TICKS( 3000 ), xTaskGetTickCount() - xStart, "ticks waited" );
}

/* 14.7: sendto 1,473 B (over MTU - 28) returns 0; 1,472 B returns 1472 and
 * its echo 1472, byte-exact. Upstream: 0, 1472, 1472. */
static void test_udp__sendto_over_mtu__0_and_1472_goes( void )
{
    static char cOut[ 1473 ], cIn[ 1500 ];
    Socket_t xSocket = prvUdpSocket();
    struct freertos_sockaddr xTo;
    size_t i;

    for( i = 0; i < sizeof( cOut ); i++ )
    {
        cOut[ i ] = ( char ) ( i * 7 + 1 );
    }

    prvPeer( &xTo, udpPORT_ECHO );
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, pdMS_TO_TICKS( 1000 ) ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_sendto( xSocket, cOut, 1473, 0, &xTo, sizeof( xTo ) ) );
    TEST_ASSERT_EQUAL_INT( 1472, FreeRTOS_sendto( xSocket, cOut, 1472, 0, &xTo, sizeof( xTo ) ) );
    TEST_ASSERT_EQUAL_INT( 1472, FreeRTOS_recvfrom( xSocket, cIn, sizeof( cIn ), 0, NULL, NULL ) );
    TEST_ASSERT_EQUAL_MEMORY( cOut, cIn, 1472 );
}

/* 14.7: recvfrom with FREERTOS_MSG_DONTWAIT, nothing queued: -11 at once;
 * sendto 0 B and recvfrom its empty echo: 0, 0; sendto with sin_family 99:
 * -22. Upstream: -11, 0, 0, -22. */
static void test_udp__dontwait_empty_datagram_and_bad_family( void )
{
    Socket_t xSocket = prvUdpSocket();
    struct freertos_sockaddr xTo;
    char cBuffer[ 8 ];
    TickType_t xStart;

    prvPeer( &xTo, udpPORT_ECHO );
    TEST_ASSERT_EQUAL_INT( 0, xPeerBind( xSocket, 0 ) );
    xStart = xTaskGetTickCount();
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EWOULDBLOCK, FreeRTOS_recvfrom( xSocket, cBuffer, sizeof( cBuffer ), FREERTOS_MSG_DONTWAIT, NULL, NULL ) );
    peerASSERT_IMMEDIATE( xTaskGetTickCount() - xStart );
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, pdMS_TO_TICKS( 1000 ) ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_sendto( xSocket, cBuffer, 0, 0, &xTo, sizeof( xTo ) ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_recvfrom( xSocket, cBuffer, sizeof( cBuffer ), 0, NULL, NULL ) );
    xTo.sin_family = 99;
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_sendto( xSocket, "x", 1, 0, &xTo, sizeof( xTo ) ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_sendto( xSocket, "x", 1, 0, NULL, 0 ) );
}

/* 14.7: sendto the subnet broadcast returns 5 (upstream: 5), and the Linux
 * side gets it (its :7101 counter). */
static void test_udp__sendto_subnet_broadcast__5_and_delivered( void )
{
    Socket_t xSocket = prvUdpSocket();
    struct freertos_sockaddr xTo;
    char cReply[ 64 ];

    vPeerCommandOk( "udp-count", cReply, sizeof( cReply ) );
    vPeerAddress( &xTo, ( ulFptcpTestPeerIP() | FreeRTOS_htonl( 0xffU ) ), udpPORT_COUNT );
    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_sendto( xSocket, "bcast", 5, 0, &xTo, sizeof( xTo ) ) );
    vPeerCommandOk( "udp-count 1 2000", cReply, sizeof( cReply ) );
    TEST_ASSERT_EQUAL_STRING( "ok 1 5", cReply );
}

/* 14.7: bind a second UDP socket to :9200 returns 0, a third -22; listen
 * and shutdown on a UDP socket -95; send (TCP call) on UDP -22; recvfrom on
 * a TCP socket -22; sendto on a TCP socket 0; closesocket of UDP 1.
 * 14.1 rows 43-46: recvfrom unbound -22; bound, RCVTIMEO 200, no data -11
 * after 200 ms; connstatus on UDP -22; recv on UDP -22. */
static void test_udp__wrong_calls_and_kinds__upstream_codes( void )
{
    Socket_t xA = prvUdpSocket(), xB = prvUdpSocket();
    Socket_t xTcp = xPeerTcpSocket();
    Socket_t xC = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_DGRAM, FREERTOS_IPPROTO_UDP );
    struct freertos_sockaddr xTo;
    char cBuffer[ 4 ];
    TickType_t xStart;

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_recvfrom( xA, cBuffer, sizeof( cBuffer ), 0, NULL, NULL ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerBind( xA, 9200 ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, xPeerBind( xB, 9200 ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EOPNOTSUPP, FreeRTOS_listen( xA, 1 ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EOPNOTSUPP, FreeRTOS_shutdown( xA, FREERTOS_SHUT_RDWR ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_send( xA, "x", 1, 0 ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_recv( xA, cBuffer, sizeof( cBuffer ), 0 ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_connstatus( xA ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_recvfrom( xTcp, cBuffer, sizeof( cBuffer ), 0, NULL, NULL ) );
    prvPeer( &xTo, udpPORT_ECHO );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_sendto( xTcp, "x", 1, 0, &xTo, sizeof( xTo ) ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xA, pdMS_TO_TICKS( 200 ) ) );
    xStart = xTaskGetTickCount();
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EWOULDBLOCK, FreeRTOS_recvfrom( xA, cBuffer, sizeof( cBuffer ), 0, NULL, NULL ) );
    peerASSERT_BLOCKED( pdMS_TO_TICKS( 200 ), xTaskGetTickCount() - xStart );
    TEST_ASSERT_TRUE( ( xC != FREERTOS_INVALID_SOCKET ) && ( xC != NULL ) );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xC ) );
    /* The stale handle afterwards: -EINVAL (upstream: use after free). */
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_recvfrom( xC, cBuffer, sizeof( cBuffer ), 0, NULL, NULL ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_sendto( xC, "x", 1, 0, &xTo, sizeof( xTo ) ) );
}

/* 14.1 row 32: FREERTOS_SO_UDP_MAX_RX_PACKETS without
 * ipconfigUDP_MAX_RX_PACKETS is not compiled in: -109. Upstream: -109. */
static void test_udp__max_rx_packets_option_not_compiled__enoprotoopt( void )
{
    Socket_t xSocket = prvUdpSocket();
    UBaseType_t uxMax = 2;

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOPROTOOPT,
                           FreeRTOS_setsockopt( xSocket, 0, 16 /* FREERTOS_SO_UDP_MAX_RX_PACKETS, not defined without the option */, &uxMax, sizeof( uxMax ) ) );
}

/* xPortHasUDPSocket tells the truth: pdTRUE for a bound UDP port (network
 * byte order), pdFALSE once it is closed and for a TCP port. */
static void test_udp__port_has_udp_socket__follows_binds( void )
{
    Socket_t xSocket = prvUdpSocket();
    Socket_t xTcp = xPeerTcpSocket();

    TEST_ASSERT_EQUAL_INT( pdFALSE, xPortHasUDPSocket( FreeRTOS_htons( 9300 ) ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerBind( xSocket, 9300 ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerBind( xTcp, 9301 ) );
    TEST_ASSERT_EQUAL_INT( pdTRUE, xPortHasUDPSocket( FreeRTOS_htons( 9300 ) ) );
    TEST_ASSERT_EQUAL_INT( pdFALSE, xPortHasUDPSocket( FreeRTOS_htons( 9301 ) ) );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xSocket ) );
    vTaskDelay( pdMS_TO_TICKS( 20 ) );
    TEST_ASSERT_EQUAL_INT( pdFALSE, xPortHasUDPSocket( FreeRTOS_htons( 9300 ) ) );
}

/* 1,000 datagrams each way on a clean link, none lost, byte-exact: Linux
 * sends 1,000 x 100 B to us (2 ms apart), we read them all; we send 1,000
 * x 100 B to Linux's counter. */
static void test_udp__thousand_datagrams_each_way__none_lost( void )
{
    Socket_t xSocket = prvUdpSocket();
    struct freertos_sockaddr xTo;
    char cBuffer[ 200 ], cReply[ 64 ], cExpected[ 100 ];
    int i, lGot;

    TEST_ASSERT_EQUAL_INT( 0, xPeerBind( xSocket, 9400 ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, pdMS_TO_TICKS( 3000 ) ) );
    vPeerCommandOk( "after 0 udp-send 9400 1000 100 2", cReply, sizeof( cReply ) );

    for( i = 0; i < 1000; i++ )
    {
        lGot = FreeRTOS_recvfrom( xSocket, cBuffer, sizeof( cBuffer ), 0, NULL, NULL );
        TEST_ASSERT_EQUAL_INT_MESSAGE( 100, lGot, "datagram lost or cut" );
        memset( cExpected, 'a' + ( i % 26 ), sizeof( cExpected ) );
        TEST_ASSERT_EQUAL_MEMORY( cExpected, cBuffer, 100 );
    }

    vPeerCommandOk( "udp-count", cReply, sizeof( cReply ) );
    prvPeer( &xTo, udpPORT_COUNT );

    for( i = 0; i < 1000; i++ )
    {
        memset( cBuffer, 'A' + ( i % 26 ), 100 );
        TEST_ASSERT_EQUAL_INT( 100, FreeRTOS_sendto( xSocket, cBuffer, 100, 0, &xTo, sizeof( xTo ) ) );

        if( ( i % 50 ) == 49 )
        {
            /* Let the IP task and Linux keep up (a bounded pause). */
            vTaskDelay( pdMS_TO_TICKS( 5 ) );
        }
    }

    vPeerCommandOk( "udp-count 1000 5000", cReply, sizeof( cReply ) );
    TEST_ASSERT_EQUAL_STRING( "ok 1000 100000", cReply );
}

/* A flood of a socket that never reads keeps at most half the network
 * buffers (our stack-wide limit; upstream has none and would starve TCP):
 * TCP still works during it, and every buffer comes back on close. */
static void test_udp__flood_never_takes_the_buffers_tcp_needs( void )
{
    Socket_t xSocket = prvUdpSocket();
    Socket_t xTcp = xPeerTcpSocket();
    UBaseType_t uxStart = uxGetNumberOfFreeNetworkBuffers();
    char cReply[ 64 ];
    char cHello[ 8 ] = { 0 };

    TEST_ASSERT_EQUAL_INT( 0, xPeerBind( xSocket, 9500 ) );
    vPeerCommandOk( "udp-send 9500 300 200", cReply, sizeof( cReply ) );
    vTaskDelay( pdMS_TO_TICKS( 200 ) );
    TEST_ASSERT_TRUE_MESSAGE( uxGetNumberOfFreeNetworkBuffers() >= ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS / 2 - 2,
                              "the flood took more than half the buffers" );
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xTcp, pdMS_TO_TICKS( 2000 ) ) );

    /* The echo port, not "hello, then FIN": right after the flood the IP
     * task may still be draining the driver's ring while this task waits in
     * connect(), and a peer that sends its FIN at once can then move the
     * socket to eCLOSE_WAIT before this task sees eESTABLISHED; connect()
     * then returns -ENOTCONN, as upstream's does (its wait sees
     * eSOCKET_CLOSED). That failed this test once in a loaded CI run. */
    TEST_ASSERT_EQUAL_INT( 0, xPeerConnect( xTcp, peerPORT_ECHO ) );
    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_send( xTcp, "hello", 5, 0 ) );
    TEST_ASSERT_EQUAL_INT( 5, xPeerWaitRx( xTcp, 5, pdMS_TO_TICKS( 2000 ) ) );
    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_recv( xTcp, cHello, sizeof( cHello ), 0 ) );
    TEST_ASSERT_EQUAL_STRING( "hello", cHello );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xSocket ) );
    vTaskDelay( pdMS_TO_TICKS( 50 ) );
    TEST_ASSERT_EQUAL_UINT32( uxStart, uxGetNumberOfFreeNetworkBuffers() );
}

/* Waits (bounded) until the pool has uxWant free buffers again. */
static UBaseType_t prvFreeBuffersAfter( UBaseType_t uxWant )
{
    int i;

    for( i = 0; ( i < 50 ) && ( uxGetNumberOfFreeNetworkBuffers() != uxWant ); i++ )
    {
        vTaskDelay( pdMS_TO_TICKS( 10 ) );
    }

    return uxGetNumberOfFreeNetworkBuffers();
}

/* 14.7: FreeRTOS_GetUDPPayloadBuffer_Multi(10, 100 ms, ipTYPE_IPv4) gives a
 * buffer; sendto it with FREERTOS_ZERO_COPY, 10 B, returns 10 (the stack
 * owns it now); recvfrom(&p, 0, FREERTOS_ZERO_COPY) of its echo returns 10
 * with p pointing at the payload inside a network buffer, released with
 * FreeRTOS_ReleaseUDPPayloadBuffer. Upstream: a buffer, 10, 10. Every
 * buffer is back in the pool afterwards. */
static void test_udp__zero_copy_send_and_receive__10_and_payload_pointer( void )
{
    Socket_t xSocket = prvUdpSocket();
    struct freertos_sockaddr xTo, xFrom;
    socklen_t xFromLength = 0;
    UBaseType_t uxStart;
    uint8_t * pucPayload;
    uint8_t * pucReceived = NULL;
    char cWarm[ 4 ];

    prvPeer( &xTo, udpPORT_ECHO );
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, pdMS_TO_TICKS( 1000 ) ) );
    /* Resolve the peer's MAC first, so the pool count below is stable. */
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_sendto( xSocket, "w", 1, 0, &xTo, sizeof( xTo ) ) );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_recvfrom( xSocket, cWarm, sizeof( cWarm ), 0, NULL, NULL ) );
    uxStart = prvFreeBuffersAfter( ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS );

    pucPayload = FreeRTOS_GetUDPPayloadBuffer_Multi( 10, pdMS_TO_TICKS( 100 ), ipTYPE_IPv4 );
    TEST_ASSERT_NOT_NULL( pucPayload );
    TEST_ASSERT_NOT_NULL( pxUDPPayloadBuffer_to_NetworkBuffer( pucPayload ) );
    TEST_ASSERT_EQUAL_UINT32( uxStart - 1, uxGetNumberOfFreeNetworkBuffers() );
    memcpy( pucPayload, "0123456789", 10 );
    TEST_ASSERT_EQUAL_INT( 10, FreeRTOS_sendto( xSocket, pucPayload, 10, FREERTOS_ZERO_COPY, &xTo, sizeof( xTo ) ) );

    memset( &xFrom, 0, sizeof( xFrom ) );
    TEST_ASSERT_EQUAL_INT( 10, FreeRTOS_recvfrom( xSocket, &pucReceived, 0, FREERTOS_ZERO_COPY, &xFrom, &xFromLength ) );
    TEST_ASSERT_NOT_NULL( pucReceived );
    TEST_ASSERT_EQUAL_MEMORY( "0123456789", pucReceived, 10 );
    TEST_ASSERT_EQUAL_UINT16( FreeRTOS_htons( udpPORT_ECHO ), xFrom.sin_port );
    TEST_ASSERT_EQUAL_HEX32( ulFptcpTestPeerIP(), xFrom.sin_address.ulIP_IPv4 );
    TEST_ASSERT_EQUAL_UINT32( sizeof( struct freertos_sockaddr ), xFromLength );
    /* The payload lies in one of the pool's buffers, held by us. */
    TEST_ASSERT_NOT_NULL( pxUDPPayloadBuffer_to_NetworkBuffer( pucReceived ) );
    TEST_ASSERT_EQUAL_UINT32( uxStart - 1, prvFreeBuffersAfter( uxStart - 1 ) );
    FreeRTOS_ReleaseUDPPayloadBuffer( pucReceived );
    TEST_ASSERT_EQUAL_UINT32( uxStart, prvFreeBuffersAfter( uxStart ) );
}

/* A received buffer sent back as it is (an echo server's zero-copy loop):
 * 200 round trips, byte-exact, none lost, the pool whole at the end. */
static void test_udp__zero_copy_echo_of_received_buffer__200_round_trips( void )
{
    Socket_t xSocket = prvUdpSocket();
    struct freertos_sockaddr xTo;
    UBaseType_t uxStart;
    uint8_t * pucPayload;
    char cWarm[ 4 ];
    int i, lGot;

    prvPeer( &xTo, udpPORT_ECHO );
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, pdMS_TO_TICKS( 1000 ) ) );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_sendto( xSocket, "w", 1, 0, &xTo, sizeof( xTo ) ) );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_recvfrom( xSocket, cWarm, sizeof( cWarm ), 0, NULL, NULL ) );
    uxStart = prvFreeBuffersAfter( ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS );

    pucPayload = FreeRTOS_GetUDPPayloadBuffer_Multi( 64, pdMS_TO_TICKS( 100 ), ipTYPE_IPv4 );
    TEST_ASSERT_NOT_NULL( pucPayload );
    memset( pucPayload, 'a', 64 );

    for( i = 0; i < 200; i++ )
    {
        TEST_ASSERT_EQUAL_INT( 64, FreeRTOS_sendto( xSocket, pucPayload, 64, FREERTOS_ZERO_COPY, &xTo, sizeof( xTo ) ) );
        pucPayload = NULL;
        lGot = FreeRTOS_recvfrom( xSocket, &pucPayload, 0, FREERTOS_ZERO_COPY, NULL, NULL );
        TEST_ASSERT_EQUAL_INT_MESSAGE( 64, lGot, "echo lost" );
        TEST_ASSERT_EACH_EQUAL_UINT8( ( uint8_t ) ( 'a' + ( i % 26 ) ), pucPayload, 64 );
        memset( pucPayload, 'a' + ( ( i + 1 ) % 26 ), 64 );
    }

    FreeRTOS_ReleaseUDPPayloadBuffer( pucPayload );
    TEST_ASSERT_EQUAL_UINT32( uxStart, prvFreeBuffersAfter( uxStart ) );
}

/* Misuse never corrupts the pool (upstream asserts, or releases whatever
 * the word in front of the pointer names): releasing NULL, a stack address,
 * a pointer into a buffer, or a buffer twice is ignored; sendto with such
 * a pointer, or longer than the buffer, returns 0 and the caller keeps its
 * buffer; a buffer already sent cannot be sent or released again;
 * ipTYPE_IPv6 gives NULL (no IPv6 here); ZERO_COPY with PEEK or a NULL
 * pointer-to-pointer is -EINVAL. The pool is whole at the end. */
static void test_udp__zero_copy_misuse__refused_and_pool_whole( void )
{
    Socket_t xSocket = prvUdpSocket();
    struct freertos_sockaddr xTo;
    uint8_t ucLocal[ 64 ] = { 0 };
    UBaseType_t uxStart;
    uint8_t * pucPayload, * pucOther = NULL;

    prvPeer( &xTo, udpPORT_COUNT );
    TEST_ASSERT_EQUAL_INT( 0, xPeerBind( xSocket, 9600 ) );
    uxStart = prvFreeBuffersAfter( ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS );

    TEST_ASSERT_NULL( FreeRTOS_GetUDPPayloadBuffer_Multi( 10, 0, ipTYPE_IPv6 ) );
    TEST_ASSERT_NULL( FreeRTOS_GetUDPPayloadBuffer_Multi( 10, 0, 0 ) );
    FreeRTOS_ReleaseUDPPayloadBuffer( NULL );
    FreeRTOS_ReleaseUDPPayloadBuffer( &ucLocal[ 50 ] );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_sendto( xSocket, &ucLocal[ 50 ], 4, FREERTOS_ZERO_COPY, &xTo, sizeof( xTo ) ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_sendto( xSocket, NULL, 4, FREERTOS_ZERO_COPY, &xTo, sizeof( xTo ) ) );
    TEST_ASSERT_EQUAL_UINT32( uxStart, uxGetNumberOfFreeNetworkBuffers() );

    pucPayload = FreeRTOS_GetUDPPayloadBuffer_Multi( 8, 0, ipTYPE_IPv4 );
    TEST_ASSERT_NOT_NULL( pucPayload );
    /* Longer than the buffer, and not at the payload's start: refused, kept. */
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_sendto( xSocket, pucPayload, 9, FREERTOS_ZERO_COPY, &xTo, sizeof( xTo ) ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_sendto( xSocket, pucPayload + 1, 4, FREERTOS_ZERO_COPY, &xTo, sizeof( xTo ) ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_sendto( xSocket, pucPayload, 1473, FREERTOS_ZERO_COPY, &xTo, sizeof( xTo ) ) );
    TEST_ASSERT_EQUAL_UINT32( uxStart - 1, uxGetNumberOfFreeNetworkBuffers() );
    /* Released once; the second release of it is ignored. */
    FreeRTOS_ReleaseUDPPayloadBuffer( pucPayload );
    TEST_ASSERT_EQUAL_UINT32( uxStart, uxGetNumberOfFreeNetworkBuffers() );
    FreeRTOS_ReleaseUDPPayloadBuffer( pucPayload );
    TEST_ASSERT_EQUAL_UINT32( uxStart, uxGetNumberOfFreeNetworkBuffers() );

    /* Sent: the stack owns it; sending or releasing it again does nothing. */
    pucPayload = FreeRTOS_GetUDPPayloadBuffer_Multi( 4, 0, ipTYPE_IPv4 );
    TEST_ASSERT_NOT_NULL( pucPayload );
    memcpy( pucPayload, "once", 4 );
    TEST_ASSERT_EQUAL_INT( 4, FreeRTOS_sendto( xSocket, pucPayload, 4, FREERTOS_ZERO_COPY, &xTo, sizeof( xTo ) ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_sendto( xSocket, pucPayload, 4, FREERTOS_ZERO_COPY, &xTo, sizeof( xTo ) ) );
    FreeRTOS_ReleaseUDPPayloadBuffer( pucPayload );
    TEST_ASSERT_EQUAL_UINT32( uxStart, prvFreeBuffersAfter( uxStart ) );

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_recvfrom( xSocket, &pucOther, 0, FREERTOS_ZERO_COPY | FREERTOS_MSG_PEEK, NULL, NULL ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_recvfrom( xSocket, NULL, 0, FREERTOS_ZERO_COPY, NULL, NULL ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EWOULDBLOCK, FreeRTOS_recvfrom( xSocket, &pucOther, 0, FREERTOS_ZERO_COPY | FREERTOS_MSG_DONTWAIT, NULL, NULL ) );
    TEST_ASSERT_NULL( pucOther );
    TEST_ASSERT_EQUAL_UINT32( uxStart, uxGetNumberOfFreeNetworkBuffers() );
}

void vRunTests( void )
{
    RUN_TEST( test_udp__sendto_unbound_then_recvfrom_echo__5_and_source );
    RUN_TEST( test_udp__recvfrom_short_buffer__truncates_and_discards_rest );
    RUN_TEST( test_udp__rcvtimeo_wider_than_32_bits__waits_not_truncated );
    RUN_TEST( test_udp__sendto_over_mtu__0_and_1472_goes );
    RUN_TEST( test_udp__dontwait_empty_datagram_and_bad_family );
    RUN_TEST( test_udp__sendto_subnet_broadcast__5_and_delivered );
    RUN_TEST( test_udp__wrong_calls_and_kinds__upstream_codes );
    RUN_TEST( test_udp__max_rx_packets_option_not_compiled__enoprotoopt );
    RUN_TEST( test_udp__port_has_udp_socket__follows_binds );
    RUN_TEST( test_udp__thousand_datagrams_each_way__none_lost );
    RUN_TEST( test_udp__flood_never_takes_the_buffers_tcp_needs );
    RUN_TEST( test_udp__zero_copy_send_and_receive__10_and_payload_pointer );
    RUN_TEST( test_udp__zero_copy_echo_of_received_buffer__200_round_trips );
    RUN_TEST( test_udp__zero_copy_misuse__refused_and_pool_whole );
}
