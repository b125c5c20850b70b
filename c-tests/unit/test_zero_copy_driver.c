/*
 * The zero-copy driver contract (ipconfigZERO_COPY_TX_DRIVER and
 * ipconfigZERO_COPY_RX_DRIVER, docs/driver-zero-copy.md), built with
 * config/posix-ext where both are on, against the Linux peers
 * (peers/peers.py).
 *
 * With ipconfigZERO_COPY_TX_DRIVER the TAP driver keeps every descriptor
 * pfOutput() gets and its "tap-tx" task (below the IP task) writes and
 * releases it later; it hashes each frame when it is handed over and again
 * before the write, and counts a frame that changed in between
 * (ullTxChanged), and under AddressSanitizer the queued frames are
 * poisoned. So each test checks, besides its traffic:
 *
 *  - every frame sent went through that deferred path (ullTxDeferred grew
 *    by exactly as much as ullTxFrames + ullTxDropped);
 *  - no frame changed after the stack gave it away (ullTxChanged stays 0);
 *  - at the end the driver holds nothing and every network buffer is back
 *    in the pool (uxGetNumberOfFreeNetworkBuffers as before the tests).
 */
#include <stdio.h>
#include <string.h>

#include "peer_util.h"

#include "NetworkBufferManagement.h"
#include "tap_interface.h"

#if ( ipconfigZERO_COPY_TX_DRIVER == 0 ) || ( ipconfigZERO_COPY_RX_DRIVER == 0 )
    #error "test_zero_copy_driver needs a configuration with both zero-copy driver options (config/posix-ext)"
#endif

#define zcUDP_ECHO_PORT    7100 /* peers.py: UDP echo */

/* Free network buffers before the first test, and the driver's counters at
 * the start of the running test. */
static UBaseType_t uxFreeAtStart;
static TapStats_t xBefore;

/* Waits (at most 3 s) until the tap-tx task has written everything queued. */
static void prvWaitDriverIdle( void )
{
    TapStats_t xNow;
    int i;

    for( i = 0; i < 300; i++ )
    {
        TEST_ASSERT_EQUAL_INT( pdPASS, xTap_GetStats( 0, &xNow ) );

        if( xNow.ullTxHeld == 0U )
        {
            return;
        }

        vTaskDelay( pdMS_TO_TICKS( 10 ) );
    }

    TEST_FAIL_MESSAGE( "the TAP driver still holds descriptors after 3 s" );
}

void setUp( void )
{
    prvWaitDriverIdle();

    if( uxFreeAtStart == 0U )
    {
        uxFreeAtStart = uxGetNumberOfFreeNetworkBuffers();
    }

    TEST_ASSERT_EQUAL_INT( pdPASS, xTap_GetStats( 0, &xBefore ) );
}

void tearDown( void )
{
    vPeerCloseTracked();
}

/* Every frame sent since setUp() went through the deferred path, unchanged;
 * returns how many there were. */
static uint64_t prvCheckDeferred( void )
{
    TapStats_t xNow;
    uint64_t ullSent, ullDeferred;
    char cMsg[ 128 ];

    prvWaitDriverIdle();
    TEST_ASSERT_EQUAL_INT( pdPASS, xTap_GetStats( 0, &xNow ) );
    ullSent = ( xNow.ullTxFrames - xBefore.ullTxFrames ) + ( xNow.ullTxDropped - xBefore.ullTxDropped ) +
              ( xNow.ullTxErrors - xBefore.ullTxErrors );
    ullDeferred = xNow.ullTxDeferred - xBefore.ullTxDeferred;
    ( void ) snprintf( cMsg, sizeof( cMsg ), "%llu frames sent, %llu through tap-tx",
                       ( unsigned long long ) ullSent, ( unsigned long long ) ullDeferred );
    TEST_ASSERT_EQUAL_UINT64_MESSAGE( ullSent, ullDeferred, cMsg );
    TEST_ASSERT_EQUAL_UINT64_MESSAGE( 0U, xNow.ullTxChanged, "a frame changed after pfOutput() handed it over" );
    return ullDeferred;
}

/* 48 KB to the echo peer and back, byte-exact; every segment the stack
 * sent went through the deferred path unchanged, with the driver holding
 * several descriptors at once at some point. */
static void test_zc__tcp_echo__bytes_back_and_every_frame_deferred( void )
{
    static uint8_t ucOut[ 48 * 1024 ];
    static uint8_t ucIn[ sizeof( ucOut ) ];
    Socket_t xSocket = xPeerTcpSocket();
    size_t uxSent = 0, uxGot = 0;
    size_t x;
    TapStats_t xNow;

    for( x = 0; x < sizeof( ucOut ); x++ )
    {
        ucOut[ x ] = ( uint8_t ) ( ( x * 7U ) ^ ( x >> 8 ) );
    }

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, pdMS_TO_TICKS( 3000 ) ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetSndTimeout( xSocket, pdMS_TO_TICKS( 3000 ) ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerConnect( xSocket, peerPORT_ECHO ) );

    while( uxGot < sizeof( ucIn ) )
    {
        if( uxSent < sizeof( ucOut ) )
        {
            BaseType_t xN = FreeRTOS_send( xSocket, &ucOut[ uxSent ], sizeof( ucOut ) - uxSent, FREERTOS_MSG_DONTWAIT );

            TEST_ASSERT_TRUE_MESSAGE( ( xN >= 0 ) || ( xN == -pdFREERTOS_ERRNO_ENOSPC ), "send failed" );

            if( xN > 0 )
            {
                uxSent += ( size_t ) xN;
            }
        }

        {
            BaseType_t xN = FreeRTOS_recv( xSocket, &ucIn[ uxGot ], sizeof( ucIn ) - uxGot,
                                           ( uxSent < sizeof( ucOut ) ) ? FREERTOS_MSG_DONTWAIT : 0 );

            TEST_ASSERT_TRUE_MESSAGE( ( xN >= 0 ) || ( xN == -pdFREERTOS_ERRNO_EWOULDBLOCK ), "recv failed" );

            if( xN > 0 )
            {
                uxGot += ( size_t ) xN;
            }
            else if( uxSent >= sizeof( ucOut ) )
            {
                TEST_FAIL_MESSAGE( "the echo stopped before every byte came back" );
            }
            else
            {
                vTaskDelay( 1 );
            }
        }
    }

    TEST_ASSERT_EQUAL_MEMORY( ucOut, ucIn, sizeof( ucOut ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_shutdown( xSocket, FREERTOS_SHUT_RDWR ) );
    ( void ) xPeerWaitState( xSocket, eCLOSE_WAIT, pdMS_TO_TICKS( 2000 ) );

    /* 48 KB is at least 33 full segments, plus the handshake and ACKs. */
    TEST_ASSERT_GREATER_OR_EQUAL_UINT64( 33U, prvCheckDeferred() );
    TEST_ASSERT_EQUAL_INT( pdPASS, xTap_GetStats( 0, &xNow ) );
    TEST_ASSERT_GREATER_THAN_UINT64_MESSAGE( 1U, xNow.ullTxHeldMax,
                                             "the driver never held two frames at once: nothing was deferred" );
}

/* UDP to the echo peer: a copied datagram, a zero-copy one from
 * FreeRTOS_GetUDPPayloadBuffer_Multi(), and the received reply's own
 * buffer (a frame the driver filled) sent back with FREERTOS_ZERO_COPY. */
static void test_zc__udp_echo__copied_zero_copy_and_received_buffer_sent_back( void )
{
    Socket_t xSocket = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_DGRAM, FREERTOS_IPPROTO_UDP );
    struct freertos_sockaddr xPeer, xFrom;
    socklen_t xFromLen = sizeof( xFrom );
    TickType_t xTimeout = pdMS_TO_TICKS( 2000 );
    uint8_t ucIn[ 600 ];
    uint8_t * pucPayload;
    uint8_t * pucReceived = NULL;
    int32_t lN;
    int i;

    TEST_ASSERT_NOT_EQUAL( FREERTOS_INVALID_SOCKET, xSocket );
    vPeerTrack( xSocket );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_RCVTIMEO, &xTimeout, sizeof( xTimeout ) ) );
    vPeerAddress( &xPeer, ulFptcpTestPeerIP(), zcUDP_ECHO_PORT );

    /* Copied. */
    TEST_ASSERT_EQUAL_INT32( 11, FreeRTOS_sendto( xSocket, "zero-copy 1", 11, 0, &xPeer, sizeof( xPeer ) ) );
    lN = FreeRTOS_recvfrom( xSocket, ucIn, sizeof( ucIn ), 0, &xFrom, &xFromLen );
    TEST_ASSERT_EQUAL_INT32( 11, lN );
    TEST_ASSERT_EQUAL_MEMORY( "zero-copy 1", ucIn, 11 );

    /* Zero-copy out, zero-copy in. */
    pucPayload = ( uint8_t * ) FreeRTOS_GetUDPPayloadBuffer_Multi( 500, pdMS_TO_TICKS( 100 ), ipTYPE_IPv4 );
    TEST_ASSERT_NOT_NULL( pucPayload );

    for( i = 0; i < 500; i++ )
    {
        pucPayload[ i ] = ( uint8_t ) ( 'A' + i % 26 );
    }

    TEST_ASSERT_EQUAL_INT32( 500, FreeRTOS_sendto( xSocket, pucPayload, 500, FREERTOS_ZERO_COPY, &xPeer, sizeof( xPeer ) ) );
    lN = FreeRTOS_recvfrom( xSocket, &pucReceived, 0, FREERTOS_ZERO_COPY, &xFrom, &xFromLen );
    TEST_ASSERT_EQUAL_INT32( 500, lN );
    TEST_ASSERT_NOT_NULL( pucReceived );

    for( i = 0; i < 500; i++ )
    {
        TEST_ASSERT_EQUAL_UINT8( ( uint8_t ) ( 'A' + i % 26 ), pucReceived[ i ] );
    }

    /* The received buffer goes back out as it is: a driver-filled frame
     * handed to pfOutput(). */
    pucReceived[ 0 ] = 'Z';
    TEST_ASSERT_EQUAL_INT32( 500, FreeRTOS_sendto( xSocket, pucReceived, 500, FREERTOS_ZERO_COPY, &xPeer, sizeof( xPeer ) ) );
    lN = FreeRTOS_recvfrom( xSocket, ucIn, sizeof( ucIn ), 0, &xFrom, &xFromLen );
    TEST_ASSERT_EQUAL_INT32( 500, lN );
    TEST_ASSERT_EQUAL_UINT8( 'Z', ucIn[ 0 ] );
    TEST_ASSERT_EQUAL_UINT8( 'B', ucIn[ 1 ] );

    TEST_ASSERT_GREATER_OR_EQUAL_UINT64( 3U, prvCheckDeferred() );
}

/* Linux pings us: every echo reply goes out through the deferred path. */
static void test_zc__ping_from_linux__every_reply_deferred( void )
{
    char cReply[ 64 ];

    vPeerCommandOk( "icmp-ping 5 1000", cReply, sizeof( cReply ) );
    TEST_ASSERT_EQUAL_STRING( "ok 5", cReply );
    TEST_ASSERT_GREATER_OR_EQUAL_UINT64( 5U, prvCheckDeferred() );
}

/* After the traffic: the driver holds nothing and every buffer is back. */
static void test_zc__after_traffic__every_buffer_back_in_the_pool( void )
{
    UBaseType_t uxFree = 0;
    int i;

    for( i = 0; i < 300; i++ )
    {
        uxFree = uxGetNumberOfFreeNetworkBuffers();

        if( uxFree == uxFreeAtStart )
        {
            break;
        }

        vTaskDelay( pdMS_TO_TICKS( 10 ) );
    }

    TEST_ASSERT_EQUAL_UINT32_MESSAGE( ( uint32_t ) uxFreeAtStart, ( uint32_t ) uxFree,
                                      "network buffers missing after the traffic" );
    TEST_ASSERT_EQUAL_UINT32( ( uint32_t ) ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS, ( uint32_t ) uxFreeAtStart );
}

void vRunTests( void )
{
    RUN_TEST( test_zc__tcp_echo__bytes_back_and_every_frame_deferred );
    RUN_TEST( test_zc__udp_echo__copied_zero_copy_and_received_buffer_sent_back );
    RUN_TEST( test_zc__ping_from_linux__every_reply_deferred );
    RUN_TEST( test_zc__after_traffic__every_buffer_back_in_the_pool );
}
