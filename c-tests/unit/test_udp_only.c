/*
 * A UDP-only build (config/posix-udp: ipconfigUSE_TCP 0, as upstream's
 * Enable_IPv4 build combination): the application compiles against headers
 * that hide the TCP API, as upstream's do, and links the library built for
 * that configuration.
 *
 *   - FreeRTOS_socket( SOCK_STREAM ) returns FREERTOS_INVALID_SOCKET
 *     (upstream has no TCP code then);
 *   - UDP works: a datagram to the Linux echo peer (peers/with-peers.sh,
 *     UDP :7100) comes back intact from the peer's address and port.
 *
 * A TCP segment to such a stack is dropped unanswered and counted; the Rust
 * test udp_only_build_refuses_tcp_sockets_and_ignores_segments pins that
 * (this program has no TCP control channel to the peers to ask for a SYN).
 */
#include <stdio.h>
#include <string.h>

#include "fptcp_test.h"

#if ( ipconfigUSE_TCP != 0 )
    #error "test_udp_only must be built with config/posix-udp (ipconfigUSE_TCP 0)"
#endif

#define udpPORT_ECHO    7100

void setUp( void )
{
}

void tearDown( void )
{
}

static void test_udp_only__socket_stream__invalid_socket( void )
{
    Socket_t xSocket = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );

    TEST_ASSERT_TRUE( xSocket == FREERTOS_INVALID_SOCKET );
    xSocket = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_STREAM, 0 );
    TEST_ASSERT_TRUE( xSocket == FREERTOS_INVALID_SOCKET );
}

static void test_udp_only__sendto_echo_peer__same_bytes_back_from_its_address( void )
{
    Socket_t xSocket = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_DGRAM, FREERTOS_IPPROTO_UDP );
    struct freertos_sockaddr xTo, xFrom;
    socklen_t xFromLength = sizeof( xFrom );
    TickType_t xTimeout = pdMS_TO_TICKS( 2000 );
    char cBuffer[ 32 ] = { 0 };
    int32_t lGot = 0;
    int i;

    TEST_ASSERT_TRUE( ( xSocket != FREERTOS_INVALID_SOCKET ) && ( xSocket != NULL ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_RCVTIMEO, &xTimeout, sizeof( xTimeout ) ) );
    ( void ) memset( &xTo, 0, sizeof( xTo ) );
    xTo.sin_family = FREERTOS_AF_INET;
    xTo.sin_port = FreeRTOS_htons( udpPORT_ECHO );
    xTo.sin_address.ulIP_IPv4 = ulFptcpTestPeerIP();

    /* The first datagram waits for ARP; one retry covers a lost reply. */
    for( i = 0; ( i < 3 ) && ( lGot <= 0 ); i++ )
    {
        TEST_ASSERT_EQUAL_INT( 8, FreeRTOS_sendto( xSocket, "udp only", 8, 0, &xTo, sizeof( xTo ) ) );
        lGot = FreeRTOS_recvfrom( xSocket, cBuffer, sizeof( cBuffer ), 0, &xFrom, &xFromLength );
    }

    TEST_ASSERT_EQUAL_INT( 8, lGot );
    TEST_ASSERT_EQUAL_MEMORY( "udp only", cBuffer, 8 );
    TEST_ASSERT_EQUAL_HEX32( ulFptcpTestPeerIP(), xFrom.sin_address.ulIP_IPv4 );
    TEST_ASSERT_EQUAL_UINT16( udpPORT_ECHO, FreeRTOS_ntohs( xFrom.sin_port ) );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xSocket ) );
}

void vRunTests( void )
{
    RUN_TEST( test_udp_only__socket_stream__invalid_socket );
    RUN_TEST( test_udp_only__sendto_echo_peer__same_bytes_back_from_its_address );
}
