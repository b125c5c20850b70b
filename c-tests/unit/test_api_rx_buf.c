/*
 * FreeRTOS_get_rx_buf() through the C ABI (issue #8, docs/rx-buf.md): the
 * socket's RX stream seen as a StreamBuffer_t, read the way upstream's
 * users read it (LENGTH - uxTail, ucArray[ uxTail ], a scan from uxTail to
 * uxHead), against the Linux echo peer (:7007), which sends back what we
 * send. The RX stream is set to 1000 bytes (FREERTOS_SO_RCVBUF), so
 * LENGTH is 1000 + one word, rounded down to a word: 1008 on this host.
 */
#include <stdio.h>
#include <string.h>
#include <stddef.h>

#include "peer_util.h"
#include "FreeRTOS_Stream_Buffer.h"

#define rxSTREAM_SIZE    1000U
#define rxLENGTH         ( ( rxSTREAM_SIZE + sizeof( size_t ) ) & ~( sizeof( size_t ) - 1U ) )

/* The layout the library writes (five size_t words, then the bytes). */
_Static_assert( offsetof( StreamBuffer_t, uxTail ) == 0 * sizeof( size_t ), "uxTail" );
_Static_assert( offsetof( StreamBuffer_t, uxMid ) == 1 * sizeof( size_t ), "uxMid" );
_Static_assert( offsetof( StreamBuffer_t, uxHead ) == 2 * sizeof( size_t ), "uxHead" );
_Static_assert( offsetof( StreamBuffer_t, uxFront ) == 3 * sizeof( size_t ), "uxFront" );
_Static_assert( offsetof( StreamBuffer_t, LENGTH ) == 4 * sizeof( size_t ), "LENGTH" );
_Static_assert( offsetof( StreamBuffer_t, ucArray ) == 5 * sizeof( size_t ), "ucArray" );
_Static_assert( sizeof( StreamBuffer_t ) == 6 * sizeof( size_t ), "StreamBuffer_t" );

void setUp( void )
{
}

void tearDown( void )
{
    vPeerCloseTracked();
}

/* Connected to the echo peer with a 1000-byte RX stream. */
static Socket_t prvEcho( void )
{
    Socket_t xSocket = xPeerTcpSocket();
    uint32_t ulSize = rxSTREAM_SIZE;

    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_RCVBUF, &ulSize, sizeof( ulSize ) ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetSndTimeout( xSocket, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerConnect( xSocket, peerPORT_ECHO ) );
    peerASSERT_STATE( eESTABLISHED, xSocket );
    return xSocket;
}

/* Bytes from uxTail to uxHead, as an application computes them. */
static size_t prvStored( const StreamBuffer_t * pxBuf )
{
    return ( pxBuf->uxHead + pxBuf->LENGTH - pxBuf->uxTail ) % pxBuf->LENGTH;
}

static void test_rx_buf__null_until_data_then_the_stream_as_recv_sees_it( void )
{
    Socket_t xSocket = prvEcho();
    const StreamBuffer_t * pxBuf;
    size_t uxTail;
    char cByte = 0;
    char cFive[ 5 ];

    /* Connected, nothing received yet: no RX stream (as upstream). */
    TEST_ASSERT_NULL( FreeRTOS_get_rx_buf( xSocket ) );

    TEST_ASSERT_EQUAL_INT( 20, FreeRTOS_send( xSocket, "0123456789abcdefghij", 20, 0 ) );
    TEST_ASSERT_EQUAL_INT( 20, xPeerWaitRx( xSocket, 20, 2000 ) );
    pxBuf = FreeRTOS_get_rx_buf( xSocket );
    TEST_ASSERT_NOT_NULL( pxBuf );
    TEST_ASSERT_EQUAL_UINT( 0, ( uintptr_t ) pxBuf % sizeof( size_t ) );
    TEST_ASSERT_EQUAL_UINT( rxLENGTH, pxBuf->LENGTH );
    TEST_ASSERT_EQUAL_UINT( FreeRTOS_recvcount( xSocket ), prvStored( pxBuf ) );
    TEST_ASSERT_EQUAL_UINT( 20, uxStreamBufferGetSize( pxBuf ) );
    /* No out-of-order data: uxFront is the head; uxMid is a TX field. */
    TEST_ASSERT_EQUAL_UINT( pxBuf->uxHead, pxBuf->uxFront );
    TEST_ASSERT_EQUAL_UINT( 0, pxBuf->uxMid );
    TEST_ASSERT_EQUAL_MEMORY( "0123456789abcdefghij", &pxBuf->ucArray[ pxBuf->uxTail ], 20 );

    /* ucArray[ uxTail ] is the byte recv() gives next, and recv() moves
     * uxTail past what it took. */
    uxTail = pxBuf->uxTail;
    TEST_ASSERT_EQUAL_HEX8( '0', pxBuf->ucArray[ uxTail ] );
    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_recv( xSocket, cFive, 5, 0 ) );
    TEST_ASSERT_EQUAL_MEMORY( "01234", cFive, 5 );
    TEST_ASSERT_EQUAL_UINT( ( uxTail + 5 ) % pxBuf->LENGTH, pxBuf->uxTail );
    TEST_ASSERT_EQUAL_UINT( 15, prvStored( pxBuf ) );
    TEST_ASSERT_EQUAL_HEX8( '5', pxBuf->ucArray[ pxBuf->uxTail ] );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_recv( xSocket, &cByte, 1, 0 ) );
    TEST_ASSERT_EQUAL_HEX8( '5', cByte );
    /* A peek moves nothing. */
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_recv( xSocket, &cByte, 1, FREERTOS_MSG_PEEK ) );
    TEST_ASSERT_EQUAL_UINT( ( uxTail + 6 ) % pxBuf->LENGTH, pxBuf->uxTail );
    TEST_ASSERT_EQUAL_HEX8( pxBuf->ucArray[ pxBuf->uxTail ], cByte );

    /* More data: the same struct, the head moves on. */
    TEST_ASSERT_EQUAL_INT( 4, FreeRTOS_send( xSocket, "\r\n\r\n", 4, 0 ) );
    TEST_ASSERT_EQUAL_INT( 18, xPeerWaitRx( xSocket, 18, 2000 ) );
    TEST_ASSERT_EQUAL_PTR( pxBuf, FreeRTOS_get_rx_buf( xSocket ) );
    TEST_ASSERT_EQUAL_UINT( 18, prvStored( pxBuf ) );
    TEST_ASSERT_EQUAL_UINT( pxBuf->uxHead, pxBuf->uxFront );
}

/* An HTTP-style scan for CR LF CR LF from uxTail to uxHead, wrapping at
 * LENGTH; returns the bytes up to and including it, 0 if not there. */
static size_t prvFindEmptyLine( const StreamBuffer_t * pxBuf )
{
    size_t uxCount = prvStored( pxBuf ), i;
    static const char cEnd[ 4 ] = { '\r', '\n', '\r', '\n' };
    size_t uxMatched = 0;

    for( i = 0; i < uxCount; i++ )
    {
        char c = ( char ) pxBuf->ucArray[ ( pxBuf->uxTail + i ) % pxBuf->LENGTH ];

        uxMatched = ( c == cEnd[ uxMatched ] ) ? uxMatched + 1 : ( ( c == '\r' ) ? 1 : 0 );

        if( uxMatched == 4 )
        {
            return i + 1;
        }
    }

    return 0;
}

/* Requests of 300 bytes each ending in CR LF CR LF, read after a scan of
 * the struct found the end: over five rounds the data crosses the end of
 * the 1008-byte array, and each scan (which wraps with % LENGTH) still
 * finds the request's end exactly where recv() then sees it. */
static void test_rx_buf__scan_for_the_empty_line_across_the_wrap( void )
{
    Socket_t xSocket = prvEcho();
    static char cRequest[ 300 ], cGot[ 300 ];
    const StreamBuffer_t * pxBuf = NULL;
    BaseType_t xWrapped = pdFALSE;
    int iRound;

    for( iRound = 0; iRound < 5; iRound++ )
    {
        size_t i;

        for( i = 0; i < sizeof( cRequest ) - 4; i++ )
        {
            cRequest[ i ] = ( char ) ( 'A' + ( ( i + ( size_t ) iRound ) % 26 ) );
        }

        memcpy( &cRequest[ sizeof( cRequest ) - 4 ], "\r\n\r\n", 4 );
        TEST_ASSERT_EQUAL_INT( 300, FreeRTOS_send( xSocket, cRequest, 300, 0 ) );
        TEST_ASSERT_EQUAL_INT( 300, xPeerWaitRx( xSocket, 300, 2000 ) );

        if( pxBuf == NULL )
        {
            pxBuf = FreeRTOS_get_rx_buf( xSocket );
            TEST_ASSERT_NOT_NULL( pxBuf );
        }

        TEST_ASSERT_EQUAL_UINT( 300, prvStored( pxBuf ) );

        if( pxBuf->uxHead < pxBuf->uxTail )
        {
            xWrapped = pdTRUE;
        }

        TEST_ASSERT_EQUAL_UINT_MESSAGE( 300, prvFindEmptyLine( pxBuf ), "CR LF CR LF not at the request's end" );
        TEST_ASSERT_EQUAL_INT( 300, FreeRTOS_recv( xSocket, cGot, sizeof( cGot ), 0 ) );
        TEST_ASSERT_EQUAL_MEMORY( cRequest, cGot, 300 );
        TEST_ASSERT_EQUAL_UINT( pxBuf->uxHead, pxBuf->uxTail );
        TEST_ASSERT_EQUAL_UINT( 0, prvFindEmptyLine( pxBuf ) );
    }

    TEST_ASSERT_TRUE_MESSAGE( xWrapped, "the data never crossed the end of the array" );
    TEST_ASSERT_EQUAL_UINT( ( 5 * 300 ) % rxLENGTH, pxBuf->uxTail );
}

/* NULL for what is not a TCP socket with a stream, and for a closed
 * socket's handle (checked, never dereferenced: under ASan a read of the
 * freed stream would fail here). */
static void test_rx_buf__null_udp_stale_and_invalid_handles( void )
{
    Socket_t xUdp = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_DGRAM, FREERTOS_IPPROTO_UDP );
    Socket_t xFresh = xPeerTcpSocket();
    Socket_t xSocket;

    TEST_ASSERT_TRUE( ( xUdp != FREERTOS_INVALID_SOCKET ) && ( xUdp != NULL ) );
    vPeerTrack( xUdp );
    TEST_ASSERT_NULL( FreeRTOS_get_rx_buf( xUdp ) );
    TEST_ASSERT_NULL( FreeRTOS_get_rx_buf( NULL ) );
    TEST_ASSERT_NULL( FreeRTOS_get_rx_buf( FREERTOS_INVALID_SOCKET ) );
    TEST_ASSERT_NULL( FreeRTOS_get_rx_buf( xFresh ) );

    xSocket = prvEcho();
    TEST_ASSERT_EQUAL_INT( 3, FreeRTOS_send( xSocket, "abc", 3, 0 ) );
    TEST_ASSERT_EQUAL_INT( 3, xPeerWaitRx( xSocket, 3, 2000 ) );
    TEST_ASSERT_NOT_NULL( FreeRTOS_get_rx_buf( xSocket ) );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xSocket ) );
    /* Closing, and then freed by the IP task: NULL both times. */
    TEST_ASSERT_NULL( FreeRTOS_get_rx_buf( xSocket ) );
    vTaskDelay( 50 );
    TEST_ASSERT_NULL( FreeRTOS_get_rx_buf( xSocket ) );
}

void vRunTests( void )
{
    RUN_TEST( test_rx_buf__null_until_data_then_the_stream_as_recv_sees_it );
    RUN_TEST( test_rx_buf__scan_for_the_empty_line_across_the_wrap );
    RUN_TEST( test_rx_buf__null_udp_stale_and_invalid_handles );
}
