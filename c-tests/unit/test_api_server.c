/*
 * Reference table 14.1, part C (rows 97-108): a listener on :8090 with
 * backlog 2; Linux connects to it on command (peers.py control port), and
 * deviations 11 and 13 of reference 14.5:
 *   dev11  accept() never misses a pending child, even when an older pending
 *          child was reset (upstream issue #1364);
 *   dev13  a child whose peer sent data and FIN before accept() is still
 *          returned by accept(); recv() gives the data, then -ENOTCONN; it
 *          counts against the backlog until it is closed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peer_util.h"

#define serverPORT    8090

static char cReply[ 256 ];

void setUp( void )
{
}

void tearDown( void )
{
    char cIgnored[ 64 ];

    vTaskPrioritySet( NULL, peerRUNNER_PRIORITY );
    ( void ) xPeerCommand( "release", cIgnored, sizeof( cIgnored ) );
    vPeerCloseTracked();
    vTaskDelay( pdMS_TO_TICKS( 20 ) );
}

/* A listener on serverPORT with the given backlog, RCVTIMEO = xRcvTimeout. */
static Socket_t prvListener( BaseType_t xBacklog,
                             TickType_t xRcvTimeout )
{
    Socket_t xSocket = xPeerTcpSocket();

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, xRcvTimeout ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerBind( xSocket, serverPORT ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_listen( xSocket, xBacklog ) );
    return xSocket;
}

/* Splits "ok A B C" into at most uxMax words after "ok". */
static size_t prvWords( const char * pcReply,
                        char pcWords[][ 16 ],
                        size_t uxMax )
{
    size_t uxCount = 0;
    const char * pc = pcReply;

    TEST_ASSERT_EQUAL_INT( 0, strncmp( pc, "ok", 2 ) );
    pc += 2;

    while( uxCount < uxMax )
    {
        size_t uxLen;

        while( *pc == ' ' )
        {
            pc++;
        }

        if( *pc == '\0' )
        {
            break;
        }

        uxLen = strcspn( pc, " " );
        TEST_ASSERT_TRUE( uxLen < 16U );
        ( void ) memcpy( pcWords[ uxCount ], pc, uxLen );
        pcWords[ uxCount ][ uxLen ] = '\0';
        uxCount++;
        pc += uxLen;
    }

    return uxCount;
}

/* accept() that must return a child at once (the connection is already
 * there); checks the reported address; returns the child (tracked). */
static Socket_t prvAcceptChild( Socket_t xListener,
                                uint16_t usExpectedPeerPort )
{
    struct freertos_sockaddr xAddress;
    socklen_t xLength = 0;
    Socket_t xChild;

    ( void ) memset( &xAddress, 0xA5, sizeof( xAddress ) );
    xChild = FreeRTOS_accept( xListener, &xAddress, &xLength );
    TEST_ASSERT_NOT_NULL_MESSAGE( xChild, "accept returned NULL" );
    TEST_ASSERT_TRUE_MESSAGE( xChild != FREERTOS_INVALID_SOCKET, "accept returned FREERTOS_INVALID_SOCKET" );
    vPeerTrack( xChild );
    TEST_ASSERT_EQUAL_UINT32( 24, xLength );
    TEST_ASSERT_EQUAL_UINT8( FREERTOS_AF_INET, xAddress.sin_family );
    TEST_ASSERT_EQUAL_HEX32( ulFptcpTestPeerIP(), xAddress.sin_address.ulIP_IPv4 );

    if( usExpectedPeerPort != 0U )
    {
        TEST_ASSERT_EQUAL_UINT16( usExpectedPeerPort, FreeRTOS_ntohs( xAddress.sin_port ) );
    }

    return xChild;
}

/* ------------------------------------------------------------ rows 97-101 */

static void test_row97__accept_peer_connects_sends_5_bytes_closes__returns_child( void )
{
    Socket_t xListener = prvListener( 2, 2000 );
    struct freertos_sockaddr xAddress;
    socklen_t xLength = 0;
    uint32_t ulStart;
    uint32_t ulMs;
    Socket_t xChild;

    vPeerCommandOk( "after 200 connect 8090 send hello close", cReply, sizeof( cReply ) );
    ulStart = ulPeerWallMs();
    xChild = FreeRTOS_accept( xListener, &xAddress, &xLength );
    ulMs = ulPeerWallMs() - ulStart;
    TEST_ASSERT_NOT_NULL_MESSAGE( xChild, "accept returned NULL" );
    TEST_ASSERT_TRUE( xChild != FREERTOS_INVALID_SOCKET );
    vPeerTrack( xChild );
    /* The peer's 200 ms start when it reads the command, a few ms before its
     * reply reaches us: accept() must return with the connection, long
     * before its 2000-tick timeout. */
    peerASSERT_BETWEEN( 150UL, 400UL, ulMs, "ms until accept returned (the peer connects after about 200 ms)" );
    TEST_ASSERT_EQUAL_UINT32( 24, xLength );
    TEST_ASSERT_EQUAL_UINT8( FREERTOS_AF_INET, xAddress.sin_family );
    TEST_ASSERT_EQUAL_HEX32( ulFptcpTestPeerIP(), xAddress.sin_address.ulIP_IPv4 );
    peerASSERT_STATE( eTCP_LISTEN, xListener );
}

/* The child of row 97, in eCLOSE_WAIT after the peer's "hello" and FIN. */
static Socket_t prvClosedChild( void )
{
    Socket_t xListener = prvListener( 2, 2000 );
    Socket_t xChild;

    vPeerCommandOk( "after 100 connect 8090 send hello close", cReply, sizeof( cReply ) );
    xChild = FreeRTOS_accept( xListener, NULL, NULL );
    TEST_ASSERT_NOT_NULL_MESSAGE( xChild, "accept returned NULL" );
    TEST_ASSERT_TRUE( xChild != FREERTOS_INVALID_SOCKET );
    vPeerTrack( xChild );
    TEST_ASSERT_EQUAL_INT( eCLOSE_WAIT, xPeerWaitState( xChild, eCLOSE_WAIT, 1000 ) );
    return xChild;
}

static void test_row98__child_recv_100_in_eclose_wait__returns_5( void )
{
    Socket_t xChild = prvClosedChild();
    char cBuf[ 100 ];

    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_recv( xChild, cBuf, sizeof( cBuf ), 0 ) );
    TEST_ASSERT_EQUAL_MEMORY( "hello", cBuf, 5 );
    peerASSERT_STATE( eCLOSE_WAIT, xChild );
}

static void test_row99__child_recv_again__returns_enotconn( void )
{
    Socket_t xChild = prvClosedChild();
    char cBuf[ 100 ];

    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_recv( xChild, cBuf, sizeof( cBuf ), 0 ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, FreeRTOS_recv( xChild, cBuf, sizeof( cBuf ), 0 ) );
    peerASSERT_STATE( eCLOSE_WAIT, xChild );
}

static void test_row100__child_send_after_peer_closed__returns_enotconn( void )
{
    Socket_t xChild = prvClosedChild();

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, FreeRTOS_send( xChild, "x", 1, 0 ) );
    peerASSERT_STATE( eCLOSE_WAIT, xChild );
}

static void test_row101__child_closesocket__returns_1( void )
{
    Socket_t xChild = prvClosedChild();

    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xChild ) );
}

/* ------------------------------------------------------------ row 102 */

/* The reset child is freed by the stack: accept() times out, and the
 * backlog is free again (two new connections are taken). */
static void test_row102__accept_after_pending_child_got_rst__returns_null_after_1000_ticks( void )
{
    Socket_t xListener = prvListener( 2, 1000 );
    char cWords[ 4 ][ 16 ];
    TickType_t xStart;
    Socket_t xChild;

    vPeerCommandOk( "connect 8090 rst", cReply, sizeof( cReply ) );
    TEST_ASSERT_EQUAL_UINT( 1, prvWords( cReply, cWords, 4 ) );
    TEST_ASSERT_TRUE_MESSAGE( atoi( cWords[ 0 ] ) > 0, cReply );
    vTaskDelay( pdMS_TO_TICKS( 50 ) );

    xStart = xTaskGetTickCount();
    xChild = FreeRTOS_accept( xListener, NULL, NULL );
    peerASSERT_BLOCKED( 1000U, xTaskGetTickCount() - xStart );
    TEST_ASSERT_NULL( xChild );
    peerASSERT_STATE( eTCP_LISTEN, xListener );

    vPeerCommandOk( "connect 8090 count 2 hold", cReply, sizeof( cReply ) );
    TEST_ASSERT_EQUAL_UINT( 2, prvWords( cReply, cWords, 4 ) );
    TEST_ASSERT_TRUE_MESSAGE( ( atoi( cWords[ 0 ] ) > 0 ) && ( atoi( cWords[ 1 ] ) > 0 ), cReply );
}

/* ------------------------------------------------------------ rows 103-108 */

/* Three connections held, backlog 2: two are taken, the third is refused;
 * accept() returns the two oldest first, then nothing. */
static void test_row103_106__three_peers_hold_backlog_2__two_children_accepted_and_closed_third_refused( void )
{
    Socket_t xListener = prvListener( 2, 1000 );
    char cWords[ 4 ][ 16 ];
    Socket_t xChild;

    vPeerCommandOk( "connect 8090 count 3 hold", cReply, sizeof( cReply ) );
    TEST_ASSERT_EQUAL_UINT( 3, prvWords( cReply, cWords, 4 ) );
    TEST_ASSERT_TRUE_MESSAGE( ( atoi( cWords[ 0 ] ) > 0 ) && ( atoi( cWords[ 1 ] ) > 0 ), cReply );
    TEST_ASSERT_EQUAL_STRING( "refused", cWords[ 2 ] );
    vTaskDelay( pdMS_TO_TICKS( 20 ) );

    xChild = prvAcceptChild( xListener, ( uint16_t ) atoi( cWords[ 0 ] ) );
    peerASSERT_STATE( eESTABLISHED, xChild );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xChild ) );
    xChild = prvAcceptChild( xListener, ( uint16_t ) atoi( cWords[ 1 ] ) );
    peerASSERT_STATE( eESTABLISHED, xChild );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xChild ) );
}

static void test_row107__third_accept__returns_null_after_1000_ticks( void )
{
    Socket_t xListener = prvListener( 2, 1000 );
    char cWords[ 4 ][ 16 ];
    TickType_t xStart;
    Socket_t xChild;

    vPeerCommandOk( "connect 8090 count 3 hold", cReply, sizeof( cReply ) );
    TEST_ASSERT_EQUAL_UINT( 3, prvWords( cReply, cWords, 4 ) );
    TEST_ASSERT_EQUAL_STRING( "refused", cWords[ 2 ] );
    vTaskDelay( pdMS_TO_TICKS( 20 ) );
    xChild = prvAcceptChild( xListener, ( uint16_t ) atoi( cWords[ 0 ] ) );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xChild ) );
    xChild = prvAcceptChild( xListener, ( uint16_t ) atoi( cWords[ 1 ] ) );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xChild ) );

    xStart = xTaskGetTickCount();
    xChild = FreeRTOS_accept( xListener, NULL, NULL );
    peerASSERT_BLOCKED( 1000U, xTaskGetTickCount() - xStart );
    TEST_ASSERT_NULL( xChild );
    peerASSERT_STATE( eTCP_LISTEN, xListener );
}

static void test_row108__closesocket_listener__returns_1( void )
{
    Socket_t xListener = prvListener( 2, 1000 );

    vPeerCommandOk( "connect 8090 count 2 hold", cReply, sizeof( cReply ) );
    peerASSERT_STATE( eTCP_LISTEN, xListener );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xListener ) );
    /* The port is free again. */
    ( void ) prvListener( 2, 1000 );
}

/* ------------------------------------------------------------ deviations */

/* Deviation 11: two children pending, the older one is reset by its peer;
 * accept() returns the younger one at once. */
static void test_dev11__accept_after_older_pending_child_reset__returns_the_other_pending_child( void )
{
    Socket_t xListener = prvListener( 3, 1000 );
    char cWords[ 4 ][ 16 ];
    TickType_t xStart;
    Socket_t xChild;

    vPeerCommandOk( "connect 8090 count 2 hold", cReply, sizeof( cReply ) );
    TEST_ASSERT_EQUAL_UINT( 2, prvWords( cReply, cWords, 4 ) );
    TEST_ASSERT_TRUE_MESSAGE( ( atoi( cWords[ 0 ] ) > 0 ) && ( atoi( cWords[ 1 ] ) > 0 ), cReply );
    vTaskDelay( pdMS_TO_TICKS( 20 ) );
    vPeerCommandOk( "rst-held 0", cReply, sizeof( cReply ) );
    vTaskDelay( pdMS_TO_TICKS( 50 ) );

    xStart = xTaskGetTickCount();
    xChild = prvAcceptChild( xListener, ( uint16_t ) atoi( cWords[ 1 ] ) );
    peerASSERT_IMMEDIATE( xTaskGetTickCount() - xStart );
    peerASSERT_STATE( eESTABLISHED, xChild );
}

/* Deviation 13: data + FIN before accept(); backlog 1. */
static void test_dev13__child_with_data_and_fin_before_accept__is_accepted_and_counts_until_closed( void )
{
    Socket_t xListener = prvListener( 1, 1000 );
    char cWords[ 4 ][ 16 ];
    char cBuf[ 100 ];
    TickType_t xStart;
    Socket_t xChild;

    vPeerCommandOk( "connect 8090 send hello close", cReply, sizeof( cReply ) );
    vTaskDelay( pdMS_TO_TICKS( 100 ) );

    xStart = xTaskGetTickCount();
    xChild = prvAcceptChild( xListener, 0 );
    peerASSERT_IMMEDIATE( xTaskGetTickCount() - xStart );
    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_recv( xChild, cBuf, sizeof( cBuf ), 0 ) );
    TEST_ASSERT_EQUAL_MEMORY( "hello", cBuf, 5 );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, FreeRTOS_recv( xChild, cBuf, sizeof( cBuf ), 0 ) );
    peerASSERT_STATE( eCLOSE_WAIT, xChild );

    /* Still counts against backlog 1: a new connection is refused. */
    vPeerCommandOk( "connect 8090 hold", cReply, sizeof( cReply ) );
    TEST_ASSERT_EQUAL_UINT( 1, prvWords( cReply, cWords, 4 ) );
    TEST_ASSERT_EQUAL_STRING( "refused", cWords[ 0 ] );

    /* Closed: the backlog has room again. */
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xChild ) );
    vTaskDelay( pdMS_TO_TICKS( 20 ) );
    vPeerCommandOk( "connect 8090 hold", cReply, sizeof( cReply ) );
    TEST_ASSERT_EQUAL_UINT( 1, prvWords( cReply, cWords, 4 ) );
    TEST_ASSERT_TRUE_MESSAGE( atoi( cWords[ 0 ] ) > 0, cReply );
}

/* FREERTOS_SO_REUSE_LISTEN_SOCKET (reference 3): accept() returns the
 * listening socket itself once it is connected. */
static void test_reuse_listen__accept__returns_the_listener_itself_connected( void )
{
    Socket_t xSocket = xPeerTcpSocket();
    BaseType_t xOn = pdTRUE;
    char cBuf[ 16 ];
    Socket_t xGot;

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_REUSE_LISTEN_SOCKET, &xOn, sizeof( xOn ) ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerBind( xSocket, serverPORT ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_listen( xSocket, 1 ) );
    vPeerCommandOk( "after 100 connect 8090 send hello hold", cReply, sizeof( cReply ) );
    xGot = FreeRTOS_accept( xSocket, NULL, NULL );
    TEST_ASSERT_TRUE_MESSAGE( xGot == xSocket, "accept did not return the listening socket" );
    peerASSERT_STATE( eESTABLISHED, xSocket );
    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), 0 ) );
    TEST_ASSERT_EQUAL_MEMORY( "hello", cBuf, 5 );
}

void vRunTests( void )
{
    RUN_TEST( test_row97__accept_peer_connects_sends_5_bytes_closes__returns_child );
    RUN_TEST( test_row98__child_recv_100_in_eclose_wait__returns_5 );
    RUN_TEST( test_row99__child_recv_again__returns_enotconn );
    RUN_TEST( test_row100__child_send_after_peer_closed__returns_enotconn );
    RUN_TEST( test_row101__child_closesocket__returns_1 );
    RUN_TEST( test_row102__accept_after_pending_child_got_rst__returns_null_after_1000_ticks );
    RUN_TEST( test_row103_106__three_peers_hold_backlog_2__two_children_accepted_and_closed_third_refused );
    RUN_TEST( test_row107__third_accept__returns_null_after_1000_ticks );
    RUN_TEST( test_row108__closesocket_listener__returns_1 );
    RUN_TEST( test_dev11__accept_after_older_pending_child_reset__returns_the_other_pending_child );
    RUN_TEST( test_dev13__child_with_data_and_fin_before_accept__is_accepted_and_counts_until_closed );
    RUN_TEST( test_reuse_listen__accept__returns_the_listener_itself_connected );
}
