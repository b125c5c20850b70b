/*
 * TCP socket options that shape the windows (issue #8, reference 2.4):
 * FREERTOS_SO_SET_FULL_SIZE, FREERTOS_SO_STOP_RX and
 * FREERTOS_SO_SET_LOW_HIGH_WATER, their validation (upstream's codes) and
 * what they do on a connection to the Linux echo peer (:7007), whose
 * replies show what the stack sent and when the peer was allowed to send.
 * The window the stack offers follows the free RX space (5847 bytes with
 * the default 5840-byte stream; offered in whole segments: 4 x 1460).
 *
 * Also TCP zero-copy (test_zc__*): FreeRTOS_recv( .., FREERTOS_ZERO_COPY ),
 * FreeRTOS_ReleaseTCPPayloadBuffer, FreeRTOS_get_tx_head/_base and
 * FreeRTOS_send( s, NULL, n, 0 ).
 */
#include <stdio.h>
#include <string.h>

#include "peer_util.h"

#define optSEGMENT    1460
#define optWINDOW     ( 4 * optSEGMENT )

void setUp( void )
{
}

void tearDown( void )
{
    vPeerCloseTracked();
}

static Socket_t prvUdpSocket( void )
{
    Socket_t xSocket = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_DGRAM, FREERTOS_IPPROTO_UDP );

    TEST_ASSERT_TRUE( ( xSocket != FREERTOS_INVALID_SOCKET ) && ( xSocket != NULL ) );
    vPeerTrack( xSocket );
    return xSocket;
}

/* Connected to the echo peer, RCVTIMEO = SNDTIMEO = 2000. */
static Socket_t prvEcho( void )
{
    Socket_t xSocket = xPeerTcpSocket();

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetSndTimeout( xSocket, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerConnect( xSocket, peerPORT_ECHO ) );
    peerASSERT_STATE( eESTABLISHED, xSocket );
    return xSocket;
}

/* Reads and drops exactly uxBytes (they are there). */
static void prvDrop( Socket_t xSocket,
                     size_t uxBytes )
{
    static uint8_t ucSink[ 8192 ];

    while( uxBytes > 0 )
    {
        size_t uxChunk = ( uxBytes < sizeof( ucSink ) ) ? uxBytes : sizeof( ucSink );
        BaseType_t xGot = FreeRTOS_recv( xSocket, ucSink, uxChunk, 0 );

        TEST_ASSERT_TRUE_MESSAGE( xGot > 0, "recv of data that was there" );
        uxBytes -= ( size_t ) xGot;
    }
}

static uint8_t ucData[ 8000 ];

/* ------------------------------------------------------------ validation */

static void test_opt__full_size_and_stop_rx_on_tcp__return_0( void )
{
    Socket_t xSocket = xPeerTcpSocket();
    BaseType_t xOn = 1, xOff = 0;

    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_SET_FULL_SIZE, &xOn, sizeof( xOn ) ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_SET_FULL_SIZE, &xOff, sizeof( xOff ) ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_STOP_RX, &xOn, sizeof( xOn ) ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_STOP_RX, &xOff, sizeof( xOff ) ) );
}

static void test_opt__full_size_and_stop_rx_on_udp__return_einval( void )
{
    Socket_t xSocket = prvUdpSocket();
    BaseType_t xOn = 1;

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_SET_FULL_SIZE, &xOn, sizeof( xOn ) ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_STOP_RX, &xOn, sizeof( xOn ) ) );
}

/* COMPAT: upstream dereferences the NULL value; -EINVAL here. */
static void test_opt__full_size_and_stop_rx_null_value__return_einval( void )
{
    Socket_t xSocket = xPeerTcpSocket();

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_SET_FULL_SIZE, NULL, 0 ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_STOP_RX, NULL, 0 ) );
}

static void test_opt__low_high_water_checks__as_upstream( void )
{
    Socket_t xSocket = xPeerTcpSocket();
    LowHighWater_t xWater;

    /* little < enough <= RX stream size (5840 bytes). */
    xWater.uxLittleSpace = 1000;
    xWater.uxEnoughSpace = 1000;
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_SET_LOW_HIGH_WATER, &xWater, sizeof( xWater ) ) );
    xWater.uxEnoughSpace = 5841;
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_SET_LOW_HIGH_WATER, &xWater, sizeof( xWater ) ) );
    xWater.uxEnoughSpace = 5840;
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_SET_LOW_HIGH_WATER, &xWater, sizeof( xWater ) ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_setsockopt( prvUdpSocket(), 0, FREERTOS_SO_SET_LOW_HIGH_WATER, &xWater, sizeof( xWater ) ) );
}

/* ------------------------------------------------------------ behaviour */

/* SET_FULL_SIZE: 1000 bytes stay in the stack until a full segment can go;
 * clearing the option lets the rest go. */
static void test_opt__full_size__holds_a_partial_segment( void )
{
    Socket_t xSocket = prvEcho();
    BaseType_t xOn = 1, xOff = 0;

    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_SET_FULL_SIZE, &xOn, sizeof( xOn ) ) );
    TEST_ASSERT_EQUAL_INT( 1000, FreeRTOS_send( xSocket, ucData, 1000, 0 ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerWaitRx( xSocket, 1, 300 ) );
    TEST_ASSERT_EQUAL_INT( 1000, FreeRTOS_tx_size( xSocket ) );
    /* 1000 + 600: one full segment goes (and comes back), 140 bytes stay. */
    TEST_ASSERT_EQUAL_INT( 600, FreeRTOS_send( xSocket, ucData, 600, 0 ) );
    TEST_ASSERT_EQUAL_INT( optSEGMENT, xPeerWaitRx( xSocket, optSEGMENT, 2000 ) );
    vTaskDelay( 200 );
    TEST_ASSERT_EQUAL_INT( optSEGMENT, FreeRTOS_rx_size( xSocket ) );
    TEST_ASSERT_EQUAL_INT( 140, FreeRTOS_tx_size( xSocket ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_SET_FULL_SIZE, &xOff, sizeof( xOff ) ) );
    TEST_ASSERT_EQUAL_INT( 1600, xPeerWaitRx( xSocket, 1600, 2000 ) );
}

/* STOP_RX: once the window offered before has been used, nothing more
 * arrives however much is read; clearing it lets the rest come. */
static void test_opt__stop_rx__no_new_window_until_cleared( void )
{
    Socket_t xSocket = prvEcho();
    BaseType_t xOn = 1, xOff = 0;

    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_STOP_RX, &xOn, sizeof( xOn ) ) );
    TEST_ASSERT_EQUAL_INT( 8000, FreeRTOS_send( xSocket, ucData, 8000, 0 ) );
    /* What the handshake offered (4 segments) may still come. */
    TEST_ASSERT_EQUAL_INT( optWINDOW, xPeerWaitRx( xSocket, optWINDOW, 2000 ) );
    prvDrop( xSocket, optWINDOW );
    vTaskDelay( 300 );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_rx_size( xSocket ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_STOP_RX, &xOff, sizeof( xOff ) ) );
    TEST_ASSERT_EQUAL_INT( 8000 - optWINDOW, xPeerWaitRx( xSocket, 8000 - optWINDOW, 2000 ) );
}

/* LOW_HIGH_WATER: with 5847 bytes of RX space, little = 2000 and
 * enough = 5000: the stream fills (4 segments), reading 3000 bytes (2 free
 * segments: without the option the window would reopen) brings nothing;
 * reading the rest (5847 free >= 5000) reopens the window. */
static void test_opt__low_high_water__window_waits_for_enough_space( void )
{
    Socket_t xSocket = prvEcho();
    LowHighWater_t xWater;

    xWater.uxLittleSpace = 2000;
    xWater.uxEnoughSpace = 5000;
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_SET_LOW_HIGH_WATER, &xWater, sizeof( xWater ) ) );
    TEST_ASSERT_EQUAL_INT( 8000, FreeRTOS_send( xSocket, ucData, 8000, 0 ) );
    TEST_ASSERT_EQUAL_INT( optWINDOW, xPeerWaitRx( xSocket, optWINDOW, 2000 ) );
    prvDrop( xSocket, 3000 );
    vTaskDelay( 300 );
    TEST_ASSERT_EQUAL_INT( optWINDOW - 3000, FreeRTOS_rx_size( xSocket ) );
    prvDrop( xSocket, optWINDOW - 3000 );
    TEST_ASSERT_EQUAL_INT( 8000 - optWINDOW, xPeerWaitRx( xSocket, 8000 - optWINDOW, 2000 ) );
}

/* The same reads without the option: reading 3000 bytes reopens the
 * window at once (the control for the test above). */
static void test_opt__without_low_high_water__window_reopens_after_3000( void )
{
    Socket_t xSocket = prvEcho();

    TEST_ASSERT_EQUAL_INT( 8000, FreeRTOS_send( xSocket, ucData, 8000, 0 ) );
    TEST_ASSERT_EQUAL_INT( optWINDOW, xPeerWaitRx( xSocket, optWINDOW, 2000 ) );
    prvDrop( xSocket, 3000 );
    TEST_ASSERT_GREATER_THAN_INT( optWINDOW - 3000, xPeerWaitRx( xSocket, optWINDOW - 3000 + 1, 2000 ) );
}

/* ------------------------------------------------------------ zero-copy */

static void test_zc__recv_points_into_the_stream_and_release_consumes( void )
{
    Socket_t xSocket = prvEcho();
    uint8_t * pucData = NULL;

    TEST_ASSERT_EQUAL_INT( 11, FreeRTOS_send( xSocket, "hello world", 11, 0 ) );
    TEST_ASSERT_EQUAL_INT( 11, xPeerWaitRx( xSocket, 11, 2000 ) );
    /* The length argument does not limit the count (as upstream). */
    TEST_ASSERT_EQUAL_INT( 11, FreeRTOS_recv( xSocket, &pucData, 0, FREERTOS_ZERO_COPY ) );
    TEST_ASSERT_NOT_NULL( pucData );
    TEST_ASSERT_EQUAL_MEMORY( "hello world", pucData, 11 );
    /* Nothing consumed yet; the same pointer again. */
    TEST_ASSERT_EQUAL_INT( 11, FreeRTOS_rx_size( xSocket ) );
    {
        uint8_t * pucAgain = NULL;
        TEST_ASSERT_EQUAL_INT( 11, FreeRTOS_recv( xSocket, &pucAgain, 100, FREERTOS_ZERO_COPY ) );
        TEST_ASSERT_EQUAL_PTR( pucData, pucAgain );
    }
    TEST_ASSERT_EQUAL_INT( pdPASS, FreeRTOS_ReleaseTCPPayloadBuffer( xSocket, pucData, 6 ) );
    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_rx_size( xSocket ) );
    /* The old pointer, or more than lies there: refused, nothing consumed
     * (upstream: configASSERT). */
    TEST_ASSERT_EQUAL_INT( pdFAIL, FreeRTOS_ReleaseTCPPayloadBuffer( xSocket, pucData, 5 ) );
    TEST_ASSERT_EQUAL_INT( pdFAIL, FreeRTOS_ReleaseTCPPayloadBuffer( xSocket, pucData + 6, 6 ) );
    TEST_ASSERT_EQUAL_INT( pdFAIL, FreeRTOS_ReleaseTCPPayloadBuffer( xSocket, pucData + 6, -1 ) );
    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_rx_size( xSocket ) );
    TEST_ASSERT_EQUAL_MEMORY( "world", pucData + 6, 5 );
    TEST_ASSERT_EQUAL_INT( pdPASS, FreeRTOS_ReleaseTCPPayloadBuffer( xSocket, pucData + 6, 5 ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_rx_size( xSocket ) );
}

static void test_zc__recv_null_pointer_and_timeout__upstream_codes( void )
{
    Socket_t xSocket = prvEcho();
    uint8_t * pucData = NULL;

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_recv( xSocket, NULL, 10, FREERTOS_ZERO_COPY ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 100 ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_recv( xSocket, &pucData, 10, FREERTOS_ZERO_COPY ) );
    TEST_ASSERT_NULL( pucData );
    TEST_ASSERT_EQUAL_INT( pdFAIL, FreeRTOS_ReleaseTCPPayloadBuffer( xSocket, &pucData, 1 ) );
}

/* The whole stream's worth, read in place across the ring's wrap point:
 * every byte arrives once, in order. */
static void test_zc__recv_across_the_wrap_point__every_byte_once( void )
{
    Socket_t xSocket = prvEcho();
    size_t uxTotal = 3 * sizeof( ucData ), uxSent = 0, uxGot = 0;
    size_t i;

    for( i = 0; i < sizeof( ucData ); i++ )
    {
        ucData[ i ] = ( uint8_t ) ( i % 251 );
    }

    while( uxGot < uxTotal )
    {
        uint8_t * pucData = NULL;
        BaseType_t xCount;

        if( uxSent < uxTotal )
        {
            size_t uxOff = uxSent % sizeof( ucData );
            size_t uxLen = sizeof( ucData ) - uxOff;
            BaseType_t xPut = FreeRTOS_send( xSocket, &ucData[ uxOff ], uxLen, FREERTOS_MSG_DONTWAIT );

            if( xPut > 0 )
            {
                uxSent += ( size_t ) xPut;
            }
        }

        xCount = FreeRTOS_recv( xSocket, &pucData, 0, FREERTOS_ZERO_COPY );
        TEST_ASSERT_TRUE_MESSAGE( xCount >= 0, "zero-copy recv failed" );

        for( i = 0; i < ( size_t ) xCount; i++ )
        {
            TEST_ASSERT_EQUAL_UINT8_MESSAGE( ( uint8_t ) ( ( uxGot + i ) % sizeof( ucData ) % 251 ), pucData[ i ], "byte" );
        }

        if( xCount > 0 )
        {
            TEST_ASSERT_EQUAL_INT( pdPASS, FreeRTOS_ReleaseTCPPayloadBuffer( xSocket, pucData, xCount ) );
            uxGot += ( size_t ) xCount;
        }
    }

    TEST_ASSERT_EQUAL_UINT( uxTotal, uxGot );
}

static void test_zc__tx_head_then_send_null__sends_what_was_written( void )
{
    Socket_t xSocket = prvEcho();
    BaseType_t xLength = -1;
    uint8_t * pucBase = FreeRTOS_get_tx_base( xSocket );
    uint8_t * pucHead = FreeRTOS_get_tx_head( xSocket, &xLength );
    char cBack[ 16 ];

    TEST_ASSERT_NOT_NULL( pucBase );
    /* A fresh stream: the head is the start, all of it is free. */
    TEST_ASSERT_EQUAL_PTR( pucBase, pucHead );
    TEST_ASSERT_EQUAL_INT( FreeRTOS_tx_space( xSocket ), xLength );
    memcpy( pucHead, "zero-copy!", 10 );
    TEST_ASSERT_EQUAL_INT( 10, FreeRTOS_send( xSocket, NULL, 10, 0 ) );
    TEST_ASSERT_EQUAL_INT( 10, xPeerWaitRx( xSocket, 10, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 10, FreeRTOS_recv( xSocket, cBack, sizeof( cBack ), 0 ) );
    TEST_ASSERT_EQUAL_MEMORY( "zero-copy!", cBack, 10 );
    /* The head moved on by what was published. */
    TEST_ASSERT_EQUAL_PTR( pucBase + 10, FreeRTOS_get_tx_head( xSocket, &xLength ) );
    TEST_ASSERT_GREATER_THAN_INT( 0, xLength );
    /* More than is free: only the free space is published. */
    xLength = FreeRTOS_tx_space( xSocket );
    TEST_ASSERT_GREATER_THAN_INT( 0, xLength );
    TEST_ASSERT_EQUAL_INT( xLength, FreeRTOS_send( xSocket, NULL, 1000000, FREERTOS_MSG_DONTWAIT ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_tx_space( xSocket ) );
}

/* The socket's own streams as send()/recv() buffers. send() of the TX head
 * pointer itself (instead of NULL) publishes what was written there, as
 * upstream's memcpy onto itself does in practice; another pointer into the
 * TX stream, or a recv() into the RX stream (e.g. the zero-copy pointer),
 * would copy the stream onto itself: -EINVAL, nothing moved. Before, the
 * library copied with overlapping source and destination (a debug build
 * stopped on Rust's check). Echoing from the RX stream into send() is
 * fine: the bytes go from one stream to the other. */
static void test_zc__own_stream_as_buffer__head_publishes_others_einval( void )
{
    Socket_t xSocket = prvEcho();
    BaseType_t xLength = -1;
    uint8_t * pucHead = FreeRTOS_get_tx_head( xSocket, &xLength );
    uint8_t * pucData = NULL;
    char cBack[ 16 ];

    TEST_ASSERT_NOT_NULL( pucHead );
    memcpy( pucHead, "own head", 8 );
    TEST_ASSERT_EQUAL_INT( 8, FreeRTOS_send( xSocket, pucHead, 8, 0 ) );
    TEST_ASSERT_EQUAL_INT( 8, xPeerWaitRx( xSocket, 8, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 8, FreeRTOS_recv( xSocket, &pucData, 0, FREERTOS_ZERO_COPY ) );
    TEST_ASSERT_EQUAL_MEMORY( "own head", pucData, 8 );

    /* The zero-copy pointer as recv()'s destination, or one byte in. */
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_recv( xSocket, pucData, 8, 0 ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_recv( xSocket, pucData + 1, 4, 0 ) );
    TEST_ASSERT_EQUAL_INT( 8, FreeRTOS_rx_size( xSocket ) );
    /* Already published TX bytes (the old head) as send()'s data. */
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_send( xSocket, pucHead, 4, 0 ) );
    /* From the RX stream into send(): echoed, then consumed by recv(). */
    TEST_ASSERT_EQUAL_INT( 8, FreeRTOS_send( xSocket, pucData, 8, 0 ) );
    TEST_ASSERT_EQUAL_INT( 8, FreeRTOS_recv( xSocket, cBack, 8, 0 ) );
    TEST_ASSERT_EQUAL_MEMORY( "own head", cBack, 8 );
    TEST_ASSERT_EQUAL_INT( 8, xPeerWaitRx( xSocket, 8, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 8, FreeRTOS_recv( xSocket, cBack, sizeof( cBack ), 0 ) );
    TEST_ASSERT_EQUAL_MEMORY( "own head", cBack, 8 );
}

static void test_zc__udp_socket__null_and_zero( void )
{
    Socket_t xSocket = prvUdpSocket();
    BaseType_t xLength = -1;

    TEST_ASSERT_NULL( FreeRTOS_get_tx_head( xSocket, &xLength ) );
    TEST_ASSERT_EQUAL_INT( 0, xLength );
    TEST_ASSERT_NULL( FreeRTOS_get_tx_base( xSocket ) );
    TEST_ASSERT_EQUAL_INT( pdFAIL, FreeRTOS_ReleaseTCPPayloadBuffer( xSocket, ucData, 1 ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_recv( xSocket, &xLength, 1, FREERTOS_ZERO_COPY ) );
}

/* Closing with bytes handed out and not released: the socket and its
 * streams go (the pointer is dead from then on, as upstream); a release
 * through the closed handle is refused without touching anything. Under
 * the sanitized build any use of freed memory by the library fails here. */
static void test_zc__close_while_holding_a_pointer__release_refused( void )
{
    Socket_t xSocket = prvEcho();
    uint8_t * pucData = NULL;

    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_send( xSocket, "abcde", 5, 0 ) );
    TEST_ASSERT_EQUAL_INT( 5, xPeerWaitRx( xSocket, 5, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_recv( xSocket, &pucData, 0, FREERTOS_ZERO_COPY ) );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xSocket ) );
    vTaskDelay( 50 ); /* the IP task frees the socket */
    TEST_ASSERT_EQUAL_INT( pdFAIL, FreeRTOS_ReleaseTCPPayloadBuffer( xSocket, pucData, 5 ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_recv( xSocket, &pucData, 0, FREERTOS_ZERO_COPY ) );
    TEST_ASSERT_NULL( FreeRTOS_get_tx_head( xSocket, NULL ) );
}

void vRunTests( void )
{
    RUN_TEST( test_opt__full_size_and_stop_rx_on_tcp__return_0 );
    RUN_TEST( test_opt__full_size_and_stop_rx_on_udp__return_einval );
    RUN_TEST( test_opt__full_size_and_stop_rx_null_value__return_einval );
    RUN_TEST( test_opt__low_high_water_checks__as_upstream );
    RUN_TEST( test_opt__full_size__holds_a_partial_segment );
    RUN_TEST( test_opt__stop_rx__no_new_window_until_cleared );
    RUN_TEST( test_opt__low_high_water__window_waits_for_enough_space );
    RUN_TEST( test_opt__without_low_high_water__window_reopens_after_3000 );
    RUN_TEST( test_zc__recv_points_into_the_stream_and_release_consumes );
    RUN_TEST( test_zc__recv_null_pointer_and_timeout__upstream_codes );
    RUN_TEST( test_zc__recv_across_the_wrap_point__every_byte_once );
    RUN_TEST( test_zc__tx_head_then_send_null__sends_what_was_written );
    RUN_TEST( test_zc__own_stream_as_buffer__head_publishes_others_einval );
    RUN_TEST( test_zc__udp_socket__null_and_zero );
    RUN_TEST( test_zc__close_while_holding_a_pointer__release_refused );
}
