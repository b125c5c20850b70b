/*
 * Reference table 14.1, part B (rows 48-96): a client socket against the
 * Linux peers of peers.py (:7001-:7006, :7999). One test per row; each test
 * makes its own connection and brings it to the row's "state before".
 *
 * Where the state right after a call matters and the IP task could change it
 * before the test looks (a reply already on its way), the unity task runs
 * above the IP task's priority for the call and the look (see
 * prvConnectAbove): the IP task then cannot run in between.
 *
 * Deviations (reference 14.5) named in the test names:
 *   dev1  rows 48-49: connect() to a closed port returns -ENOTCONN as soon as
 *         the RST arrives (upstream slept the whole RCVTIMEO, -ETIMEDOUT);
 *   dev2  row 69: connect() on a socket in eCLOSE_WAIT is a normal connect()
 *         (returns 0 once established; upstream returned -ENOTCONN yet
 *         connected);
 *   dev4  row 62: tx_space follows the stream rule, LENGTH - 1 - queued;
 *   dev10 row 70: closesocket() on a live connection resets it, so the peer
 *         learns at once (upstream sent nothing).
 */
#include <stdio.h>
#include <string.h>

#include "peer_util.h"

/* A network round trip on the TAP plus the IP task's reaction. */
#define clientFAST_TICKS    10UL

void setUp( void )
{
}

void tearDown( void )
{
    vTaskPrioritySet( NULL, peerRUNNER_PRIORITY );
    vPeerCloseTracked();
    /* Let the peers see the resets before the next test looks at a log. */
    vTaskDelay( pdMS_TO_TICKS( 20 ) );
}

#define clientASSERT_FAST( xTicks ) \
    peerASSERT_BETWEEN( 0UL, clientFAST_TICKS, xTicks, "ticks blocked (one round trip expected)" )

/* connect() with the unity task above the IP task, so that the state is read
 * before the IP task handles anything that arrives after the call returned. */
static BaseType_t prvConnectAbove( Socket_t xSocket,
                                   uint16_t usPort,
                                   BaseType_t * pxStateAfter )
{
    BaseType_t xRc;

    vTaskPrioritySet( NULL, peerABOVE_IP_PRIORITY );
    xRc = xPeerConnect( xSocket, usPort );
    *pxStateAfter = FreeRTOS_connstatus( xSocket );
    vTaskPrioritySet( NULL, peerRUNNER_PRIORITY );
    return xRc;
}

/* A socket connected to usPort (RCVTIMEO = SNDTIMEO = 2000). */
static Socket_t prvEstablished( uint16_t usPort )
{
    Socket_t xSocket = xPeerTcpSocket();
    BaseType_t xState;

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetSndTimeout( xSocket, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 0, prvConnectAbove( xSocket, usPort, &xState ) );
    TEST_ASSERT_EQUAL_INT( eESTABLISHED, xState );
    return xSocket;
}

/* Empties the peer's log of finished connections on port usPort. */
static void prvClearLog( uint16_t usPort )
{
    char cCmd[ 32 ];
    char cReply[ 256 ];

    ( void ) snprintf( cCmd, sizeof( cCmd ), "log %u", ( unsigned ) usPort );
    vPeerCommandOk( cCmd, cReply, sizeof( cReply ) );
}

/* Waits (at most 2 s) until the peer logged one finished connection on
 * usPort; asserts it is exactly pcExpected ("BYTES:HOW"). */
static void prvAssertLog( uint16_t usPort,
                          const char * pcExpected )
{
    char cCmd[ 32 ];
    char cReply[ 256 ];
    char cWant[ 64 ];

    ( void ) snprintf( cCmd, sizeof( cCmd ), "log %u 1 2000", ( unsigned ) usPort );
    vPeerCommandOk( cCmd, cReply, sizeof( cReply ) );
    ( void ) snprintf( cWant, sizeof( cWant ), "ok 1 %s", pcExpected );
    TEST_ASSERT_EQUAL_STRING( cWant, cReply );
}

/* ------------------------------------------------------------ closed port */

static void test_row48__connect_to_closed_port_rcvtimeo_5000__returns_enotconn_at_once__dev1( void )
{
    Socket_t xSocket = xPeerTcpSocket();
    TickType_t xStart;
    BaseType_t xRc;

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 5000 ) );
    xStart = xTaskGetTickCount();
    xRc = xPeerConnect( xSocket, peerPORT_CLOSED );
    clientASSERT_FAST( xTaskGetTickCount() - xStart );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, xRc );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_row49__connect_again_same_socket_closed_port__returns_enotconn_at_once__dev1( void )
{
    Socket_t xSocket = xPeerTcpSocket();
    TickType_t xStart;
    BaseType_t xRc;

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 5000 ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, xPeerConnect( xSocket, peerPORT_CLOSED ) );
    xStart = xTaskGetTickCount();
    xRc = xPeerConnect( xSocket, peerPORT_CLOSED );
    clientASSERT_FAST( xTaskGetTickCount() - xStart );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, xRc );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_row50__closesocket_after_refused_connects__returns_1( void )
{
    Socket_t xSocket = xPeerTcpSocket();

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 5000 ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, xPeerConnect( xSocket, peerPORT_CLOSED ) );
    peerASSERT_STATE( eCLOSED, xSocket );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xSocket ) );
}

/* ------------------------------------------------------------ non-blocking connect */

static void test_row51__connect_non_blocking_rcvtimeo_0__returns_ewouldblock_in_econnect_syn( void )
{
    Socket_t xSocket = xPeerTcpSocket();
    TickType_t xStart;
    BaseType_t xRc;
    BaseType_t xState;

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 0 ) );
    xStart = xTaskGetTickCount();
    xRc = prvConnectAbove( xSocket, peerPORT_SINK, &xState );
    peerASSERT_IMMEDIATE( xTaskGetTickCount() - xStart );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EWOULDBLOCK, xRc );
    TEST_ASSERT_EQUAL_INT( eCONNECT_SYN, xState );
    /* It goes on in the background. */
    TEST_ASSERT_EQUAL_INT( eESTABLISHED, xPeerWaitState( xSocket, eESTABLISHED, 1000 ) );
}

static void test_row52__connect_again_immediately__returns_einprogress( void )
{
    Socket_t xSocket = xPeerTcpSocket();
    BaseType_t xRc1;
    BaseType_t xRc2;
    BaseType_t xState;

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 0 ) );
    vTaskPrioritySet( NULL, peerABOVE_IP_PRIORITY );
    xRc1 = xPeerConnect( xSocket, peerPORT_SINK );
    xRc2 = xPeerConnect( xSocket, peerPORT_SINK );
    xState = FreeRTOS_connstatus( xSocket );
    vTaskPrioritySet( NULL, peerRUNNER_PRIORITY );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EWOULDBLOCK, xRc1 );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINPROGRESS, xRc2 );
    TEST_ASSERT_EQUAL_INT( eCONNECT_SYN, xState );
    TEST_ASSERT_EQUAL_INT( eESTABLISHED, xPeerWaitState( xSocket, eESTABLISHED, 1000 ) );
}

/* ------------------------------------------------------------ established, :7003 */

static void test_row53__connect_on_established_socket__returns_eisconn( void )
{
    Socket_t xSocket = prvEstablished( peerPORT_SINK );

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EISCONN, xPeerConnect( xSocket, peerPORT_SINK ) );
    peerASSERT_STATE( eESTABLISHED, xSocket );
}

static void test_row54__issocketconnected_established__returns_1( void )
{
    Socket_t xSocket = prvEstablished( peerPORT_SINK );

    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_issocketconnected( xSocket ) );
    peerASSERT_STATE( eESTABLISHED, xSocket );
}

static void test_row55__maywrite_established_no_stream__returns_5840( void )
{
    Socket_t xSocket = prvEstablished( peerPORT_SINK );

    TEST_ASSERT_EQUAL_INT( 5840, FreeRTOS_maywrite( xSocket ) );
    peerASSERT_STATE( eESTABLISHED, xSocket );
}

static void test_row56__tx_space_established_no_stream__returns_5840( void )
{
    Socket_t xSocket = prvEstablished( peerPORT_SINK );

    TEST_ASSERT_EQUAL_INT( 5840, FreeRTOS_tx_space( xSocket ) );
    peerASSERT_STATE( eESTABLISHED, xSocket );
}

static void test_row57__mss__returns_1460( void )
{
    Socket_t xSocket = prvEstablished( peerPORT_SINK );

    TEST_ASSERT_EQUAL_INT( 1460, FreeRTOS_mss( xSocket ) );
    peerASSERT_STATE( eESTABLISHED, xSocket );
}

static void test_row58__recv_no_data_rcvtimeo_300__returns_0_after_300_ticks( void )
{
    Socket_t xSocket = prvEstablished( peerPORT_SINK );
    char cBuf[ 16 ];
    TickType_t xStart;
    BaseType_t xRc;

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 300 ) );
    xStart = xTaskGetTickCount();
    xRc = FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), 0 );
    peerASSERT_BLOCKED( 300U, xTaskGetTickCount() - xStart );
    TEST_ASSERT_EQUAL_INT( 0, xRc );
    peerASSERT_STATE( eESTABLISHED, xSocket );
}

static void test_row59__recv_no_data_msg_dontwait__returns_0_at_once( void )
{
    Socket_t xSocket = prvEstablished( peerPORT_SINK );
    char cBuf[ 16 ];
    TickType_t xStart = xTaskGetTickCount();

    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), FREERTOS_MSG_DONTWAIT ) );
    peerASSERT_IMMEDIATE( xTaskGetTickCount() - xStart );
    peerASSERT_STATE( eESTABLISHED, xSocket );
}

static void test_row60__recv_no_data_rcvtimeo_0__returns_0_at_once( void )
{
    Socket_t xSocket = prvEstablished( peerPORT_SINK );
    char cBuf[ 16 ];
    TickType_t xStart;

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 0 ) );
    xStart = xTaskGetTickCount();
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), 0 ) );
    peerASSERT_IMMEDIATE( xTaskGetTickCount() - xStart );
    peerASSERT_STATE( eESTABLISHED, xSocket );
}

static void test_row61__send_3_bytes__returns_3( void )
{
    Socket_t xSocket = prvEstablished( peerPORT_SINK );
    TickType_t xStart = xTaskGetTickCount();

    TEST_ASSERT_EQUAL_INT( 3, FreeRTOS_send( xSocket, "abc", 3, 0 ) );
    peerASSERT_IMMEDIATE( xTaskGetTickCount() - xStart );
    peerASSERT_STATE( eESTABLISHED, xSocket );
}

/* Deviation 4: the stream is (5840 + sizeof(size_t)) rounded down to a
 * multiple of sizeof(size_t) long, one byte always stays free, 3 are queued
 * (5844 on x86_64, 5840 on Cortex-M4). Looked at before the IP task can send
 * (and the peer acknowledge) the 3 bytes. */
static void test_row62__tx_space_after_send_3__returns_stream_length_minus_4__dev4( void )
{
    Socket_t xSocket = prvEstablished( peerPORT_SINK );
    const BaseType_t xLength = ( BaseType_t ) ( ( ( 5840U + sizeof( size_t ) ) / sizeof( size_t ) ) * sizeof( size_t ) );
    BaseType_t xSent;
    BaseType_t xSpace;

    vTaskPrioritySet( NULL, peerABOVE_IP_PRIORITY );
    xSent = FreeRTOS_send( xSocket, "abc", 3, 0 );
    xSpace = FreeRTOS_tx_space( xSocket );
    vTaskPrioritySet( NULL, peerRUNNER_PRIORITY );
    TEST_ASSERT_EQUAL_INT( 3, xSent );
    TEST_ASSERT_EQUAL_INT( xLength - 1 - 3, xSpace );
    #if defined( __x86_64__ )
        TEST_ASSERT_EQUAL_INT( 5844, xSpace );
    #endif
    peerASSERT_STATE( eESTABLISHED, xSocket );
}

static void test_row63__send_0_bytes__returns_0( void )
{
    Socket_t xSocket = prvEstablished( peerPORT_SINK );

    TEST_ASSERT_EQUAL_INT( 3, FreeRTOS_send( xSocket, "abc", 3, 0 ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_send( xSocket, "abc", 0, 0 ) );
    peerASSERT_STATE( eESTABLISHED, xSocket );
}

static void test_row64__setsockopt_sndbuf_after_tx_stream_exists__returns_einval( void )
{
    Socket_t xSocket = prvEstablished( peerPORT_SINK );
    uint32_t ulBytes = 8192;

    TEST_ASSERT_EQUAL_INT( 3, FreeRTOS_send( xSocket, "abc", 3, 0 ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_SNDBUF, &ulBytes, sizeof( ulBytes ) ) );
    peerASSERT_STATE( eESTABLISHED, xSocket );
}

/* shutdown() only asks for the FIN (state unchanged when it returns; xHow
 * ignored: a full close follows); the peer sees EOF after the 3 bytes and the
 * socket ends in eCLOSE_WAIT. */
static void test_row65__shutdown_shut_rd_established__returns_0_then_full_close_to_eclose_wait( void )
{
    Socket_t xSocket;
    BaseType_t xRc;
    BaseType_t xState;

    prvClearLog( peerPORT_SINK );
    xSocket = prvEstablished( peerPORT_SINK );
    TEST_ASSERT_EQUAL_INT( 3, FreeRTOS_send( xSocket, "abc", 3, 0 ) );
    vTaskPrioritySet( NULL, peerABOVE_IP_PRIORITY );
    xRc = FreeRTOS_shutdown( xSocket, FREERTOS_SHUT_RD );
    xState = FreeRTOS_connstatus( xSocket );
    vTaskPrioritySet( NULL, peerRUNNER_PRIORITY );
    TEST_ASSERT_EQUAL_INT( 0, xRc );
    TEST_ASSERT_EQUAL_INT( eESTABLISHED, xState );
    TEST_ASSERT_EQUAL_INT( eCLOSE_WAIT, xPeerWaitState( xSocket, eCLOSE_WAIT, 1000 ) );
    prvAssertLog( peerPORT_SINK, "3:eof" );
}

/* Rows 66-69 start from a socket that shut down its side and reached
 * eCLOSE_WAIT (peer :7003 saw EOF and closed). */
static Socket_t prvShutDown( void )
{
    Socket_t xSocket = prvEstablished( peerPORT_SINK );

    TEST_ASSERT_EQUAL_INT( 3, FreeRTOS_send( xSocket, "abc", 3, 0 ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_shutdown( xSocket, FREERTOS_SHUT_RD ) );
    TEST_ASSERT_EQUAL_INT( eCLOSE_WAIT, xPeerWaitState( xSocket, eCLOSE_WAIT, 1000 ) );
    return xSocket;
}

static void test_row66__send_after_own_shutdown__returns_enotconn( void )
{
    Socket_t xSocket = prvShutDown();

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, FreeRTOS_send( xSocket, "x", 1, 0 ) );
    peerASSERT_STATE( eCLOSE_WAIT, xSocket );
}

static void test_row67__shutdown_again__returns_enotconn( void )
{
    Socket_t xSocket = prvShutDown();

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, FreeRTOS_shutdown( xSocket, FREERTOS_SHUT_RDWR ) );
    peerASSERT_STATE( eCLOSE_WAIT, xSocket );
}

static void test_row68__recv_after_own_shutdown_drain__returns_enotconn( void )
{
    Socket_t xSocket = prvShutDown();
    char cBuf[ 16 ];
    TickType_t xStart = xTaskGetTickCount();

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), 0 ) );
    peerASSERT_IMMEDIATE( xTaskGetTickCount() - xStart );
    peerASSERT_STATE( eCLOSE_WAIT, xSocket );
}

/* Deviation 2: a normal connect() (blocks until established, returns 0). */
static void test_row69__connect_on_eclose_wait_socket__connects_normally_returns_0__dev2( void )
{
    Socket_t xSocket = prvShutDown();
    uint16_t usPort = usPeerLocalPort( xSocket );
    BaseType_t xState;

    TEST_ASSERT_EQUAL_INT( 0, prvConnectAbove( xSocket, peerPORT_SINK, &xState ) );
    TEST_ASSERT_EQUAL_INT( eESTABLISHED, xState );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_issocketconnected( xSocket ) );
    /* Same local port, as upstream's reconnect. */
    TEST_ASSERT_EQUAL_UINT16( usPort, usPeerLocalPort( xSocket ) );
    /* The new connection carries data. */
    TEST_ASSERT_EQUAL_INT( 2, FreeRTOS_send( xSocket, "de", 2, 0 ) );
}

/* Deviation 10: the peer learns of the close at once (RST). */
static void test_row70__closesocket_established__returns_1_and_peer_sees_reset__dev10( void )
{
    Socket_t xSocket;

    prvClearLog( peerPORT_SINK );
    xSocket = prvEstablished( peerPORT_SINK );
    TEST_ASSERT_EQUAL_INT( 2, FreeRTOS_send( xSocket, "de", 2, 0 ) );
    vTaskDelay( pdMS_TO_TICKS( 50 ) );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xSocket ) );
    prvAssertLog( peerPORT_SINK, "2:reset" );
}

/* ------------------------------------------------------------ :7001 "hello" + FIN */

static void test_row71__connect_to_hello_fin_peer__returns_0_established( void )
{
    Socket_t xSocket = xPeerTcpSocket();
    BaseType_t xState;

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 0, prvConnectAbove( xSocket, peerPORT_HELLO_FIN, &xState ) );
    TEST_ASSERT_EQUAL_INT( eESTABLISHED, xState );
    /* Then the peer's data and FIN: eCLOSE_WAIT with 5 bytes to read. */
    TEST_ASSERT_EQUAL_INT( eCLOSE_WAIT, xPeerWaitState( xSocket, eCLOSE_WAIT, 1000 ) );
    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_rx_size( xSocket ) );
}

/* Rows 72-79: eCLOSE_WAIT after the peer's "hello" and FIN, 5 bytes unread. */
static Socket_t prvPeerClosedWithHello( void )
{
    Socket_t xSocket = prvEstablished( peerPORT_HELLO_FIN );

    TEST_ASSERT_EQUAL_INT( eCLOSE_WAIT, xPeerWaitState( xSocket, eCLOSE_WAIT, 1000 ) );
    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_rx_size( xSocket ) );
    return xSocket;
}

static void test_row72__issocketconnected_after_peer_fin__returns_0( void )
{
    Socket_t xSocket = prvPeerClosedWithHello();

    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_issocketconnected( xSocket ) );
    peerASSERT_STATE( eCLOSE_WAIT, xSocket );
}

static void test_row73__maywrite_after_peer_fin__returns_minus_1( void )
{
    Socket_t xSocket = prvPeerClosedWithHello();

    TEST_ASSERT_EQUAL_INT( -1, FreeRTOS_maywrite( xSocket ) );
    peerASSERT_STATE( eCLOSE_WAIT, xSocket );
}

static void test_row74__recv_100_after_peer_fin_5_pending__returns_5( void )
{
    Socket_t xSocket = prvPeerClosedWithHello();
    char cBuf[ 100 ];

    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), 0 ) );
    TEST_ASSERT_EQUAL_MEMORY( "hello", cBuf, 5 );
    peerASSERT_STATE( eCLOSE_WAIT, xSocket );
}

static void test_row75__recv_again_no_data_left__returns_enotconn( void )
{
    Socket_t xSocket = prvPeerClosedWithHello();
    char cBuf[ 100 ];
    TickType_t xStart;

    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), 0 ) );
    xStart = xTaskGetTickCount();
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), 0 ) );
    peerASSERT_IMMEDIATE( xTaskGetTickCount() - xStart );
    peerASSERT_STATE( eCLOSE_WAIT, xSocket );
}

static void test_row76__recv_a_third_time__returns_enotconn( void )
{
    Socket_t xSocket = prvPeerClosedWithHello();
    char cBuf[ 100 ];

    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), 0 ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), 0 ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), 0 ) );
    peerASSERT_STATE( eCLOSE_WAIT, xSocket );
}

static void test_row77__send_after_peer_closed__returns_enotconn( void )
{
    Socket_t xSocket = prvPeerClosedWithHello();

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, FreeRTOS_send( xSocket, "x", 1, 0 ) );
    peerASSERT_STATE( eCLOSE_WAIT, xSocket );
}

static void test_row78__shutdown_after_peer_closed__returns_enotconn( void )
{
    Socket_t xSocket = prvPeerClosedWithHello();

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, FreeRTOS_shutdown( xSocket, FREERTOS_SHUT_RDWR ) );
    peerASSERT_STATE( eCLOSE_WAIT, xSocket );
}

static void test_row79__closesocket_in_eclose_wait__returns_1( void )
{
    Socket_t xSocket = prvPeerClosedWithHello();

    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xSocket ) );
}

/* ------------------------------------------------------------ :7004 closes at once */

static void test_row80__connect_to_peer_that_closes_at_once__returns_0_established( void )
{
    Socket_t xSocket = xPeerTcpSocket();
    BaseType_t xState;

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 0, prvConnectAbove( xSocket, peerPORT_CLOSE_NOW, &xState ) );
    TEST_ASSERT_EQUAL_INT( eESTABLISHED, xState );
}

/* The table's own alternative: 0 while our FIN is out (eLAST_ACK), -ENOTCONN
 * once the close is complete (eCLOSE_WAIT). */
static void test_row81__send_300ms_after_peer_fin__returns_0_in_elast_ack_or_enotconn_in_eclose_wait( void )
{
    Socket_t xSocket = prvEstablished( peerPORT_CLOSE_NOW );
    BaseType_t xState;
    BaseType_t xRc;

    vTaskDelay( pdMS_TO_TICKS( 300 ) );
    vTaskPrioritySet( NULL, peerABOVE_IP_PRIORITY );
    xState = FreeRTOS_connstatus( xSocket );
    xRc = FreeRTOS_send( xSocket, "x", 1, 0 );
    vTaskPrioritySet( NULL, peerRUNNER_PRIORITY );

    if( xState == eLAST_ACK )
    {
        TEST_ASSERT_EQUAL_INT( 0, xRc );
    }
    else
    {
        TEST_ASSERT_EQUAL_INT_MESSAGE( eCLOSE_WAIT, xState, "state is neither eLAST_ACK nor eCLOSE_WAIT" );
        TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, xRc );
    }
}

static void test_row82__recv_after_peer_fin__returns_enotconn_in_eclose_wait( void )
{
    Socket_t xSocket = prvEstablished( peerPORT_CLOSE_NOW );
    char cBuf[ 16 ];

    vTaskDelay( pdMS_TO_TICKS( 300 ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), 0 ) );
    peerASSERT_STATE( eCLOSE_WAIT, xSocket );
}

static void test_row83__closesocket_after_peer_fin__returns_1( void )
{
    Socket_t xSocket = prvEstablished( peerPORT_CLOSE_NOW );

    TEST_ASSERT_EQUAL_INT( eCLOSE_WAIT, xPeerWaitState( xSocket, eCLOSE_WAIT, 1000 ) );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xSocket ) );
}

/* ------------------------------------------------------------ :7002 "hello" + RST */

static void test_row84__connect_to_hello_rst_peer__returns_0_established( void )
{
    Socket_t xSocket = xPeerTcpSocket();
    BaseType_t xState;

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 0, prvConnectAbove( xSocket, peerPORT_HELLO_RST, &xState ) );
    TEST_ASSERT_EQUAL_INT( eESTABLISHED, xState );
    /* 800 ms later: reset, 5 bytes still readable. */
    vTaskDelay( pdMS_TO_TICKS( 800 ) );
    peerASSERT_STATE( eCLOSED, xSocket );
    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_rx_size( xSocket ) );
}

/* Rows 85-89: eCLOSED after the peer's "hello" and RST, 5 bytes unread. */
static Socket_t prvPeerResetWithHello( void )
{
    Socket_t xSocket = prvEstablished( peerPORT_HELLO_RST );

    TEST_ASSERT_EQUAL_INT( eCLOSED, xPeerWaitState( xSocket, eCLOSED, 1500 ) );
    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_rx_size( xSocket ) );
    return xSocket;
}

static void test_row85__recv_100_after_peer_rst_5_pending__returns_5( void )
{
    Socket_t xSocket = prvPeerResetWithHello();
    char cBuf[ 100 ];

    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), 0 ) );
    TEST_ASSERT_EQUAL_MEMORY( "hello", cBuf, 5 );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_row86__recv_again_after_rst__returns_enotconn( void )
{
    Socket_t xSocket = prvPeerResetWithHello();
    char cBuf[ 100 ];

    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), 0 ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), 0 ) );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_row87__send_after_peer_rst__returns_enotconn( void )
{
    Socket_t xSocket = prvPeerResetWithHello();

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, FreeRTOS_send( xSocket, "x", 1, 0 ) );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_row88__shutdown_after_peer_rst__returns_enotconn( void )
{
    Socket_t xSocket = prvPeerResetWithHello();

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, FreeRTOS_shutdown( xSocket, FREERTOS_SHUT_RDWR ) );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_row89__closesocket_after_peer_rst__returns_1( void )
{
    Socket_t xSocket = prvPeerResetWithHello();

    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xSocket ) );
}

/* ------------------------------------------------------------ :7005 / :7006 later */

static void test_row90__connect_to_peer_that_resets_later__returns_0_established( void )
{
    Socket_t xSocket = xPeerTcpSocket();
    BaseType_t xState;

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 0, prvConnectAbove( xSocket, peerPORT_RST_LATER, &xState ) );
    TEST_ASSERT_EQUAL_INT( eESTABLISHED, xState );
}

/* recv() wakes when the peer's RST arrives (500 ms after it accepted). */
static void test_row91__recv_rcvtimeo_3000_while_peer_rsts_at_500ms__returns_enotconn_after_500ms( void )
{
    Socket_t xSocket = prvEstablished( peerPORT_RST_LATER );
    char cBuf[ 16 ];
    uint32_t ulStart;
    uint32_t ulMs;
    BaseType_t xRc;

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 3000 ) );
    ulStart = ulPeerWallMs();
    xRc = FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), 0 );
    ulMs = ulPeerWallMs() - ulStart;
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, xRc );
    peerASSERT_BETWEEN( 450UL, 700UL, ulMs, "ms until recv returned (the RST comes after about 500 ms)" );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_row92__closesocket_after_peer_rst_during_recv__returns_1( void )
{
    Socket_t xSocket = prvEstablished( peerPORT_RST_LATER );

    TEST_ASSERT_EQUAL_INT( eCLOSED, xPeerWaitState( xSocket, eCLOSED, 1500 ) );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xSocket ) );
}

static void test_row93__connect_to_peer_that_fins_later__returns_0_established( void )
{
    Socket_t xSocket = xPeerTcpSocket();
    BaseType_t xState;

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 0, prvConnectAbove( xSocket, peerPORT_FIN_LATER, &xState ) );
    TEST_ASSERT_EQUAL_INT( eESTABLISHED, xState );
}

/* recv() wakes when the close completes (the peer's FIN 500 ms after it
 * accepted, our FIN+ACK, its ACK) and reports eCLOSE_WAIT. */
static void test_row94__recv_rcvtimeo_3000_while_peer_fins_at_500ms__returns_enotconn_after_500ms( void )
{
    Socket_t xSocket = prvEstablished( peerPORT_FIN_LATER );
    char cBuf[ 16 ];
    uint32_t ulStart;
    uint32_t ulMs;
    BaseType_t xRc;

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 3000 ) );
    ulStart = ulPeerWallMs();
    xRc = FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), 0 );
    ulMs = ulPeerWallMs() - ulStart;
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, xRc );
    peerASSERT_BETWEEN( 450UL, 700UL, ulMs, "ms until recv returned (the FIN comes after about 500 ms)" );
    peerASSERT_STATE( eCLOSE_WAIT, xSocket );
}

static void test_row95__recv_again_after_peer_fin__returns_enotconn( void )
{
    Socket_t xSocket = prvEstablished( peerPORT_FIN_LATER );
    char cBuf[ 16 ];

    TEST_ASSERT_EQUAL_INT( eCLOSE_WAIT, xPeerWaitState( xSocket, eCLOSE_WAIT, 1500 ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), 0 ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), 0 ) );
    peerASSERT_STATE( eCLOSE_WAIT, xSocket );
}

static void test_row96__closesocket_after_peer_fin__returns_1( void )
{
    Socket_t xSocket = prvEstablished( peerPORT_FIN_LATER );

    TEST_ASSERT_EQUAL_INT( eCLOSE_WAIT, xPeerWaitState( xSocket, eCLOSE_WAIT, 1500 ) );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xSocket ) );
}

void vRunTests( void )
{
    RUN_TEST( test_row48__connect_to_closed_port_rcvtimeo_5000__returns_enotconn_at_once__dev1 );
    RUN_TEST( test_row49__connect_again_same_socket_closed_port__returns_enotconn_at_once__dev1 );
    RUN_TEST( test_row50__closesocket_after_refused_connects__returns_1 );
    RUN_TEST( test_row51__connect_non_blocking_rcvtimeo_0__returns_ewouldblock_in_econnect_syn );
    RUN_TEST( test_row52__connect_again_immediately__returns_einprogress );
    RUN_TEST( test_row53__connect_on_established_socket__returns_eisconn );
    RUN_TEST( test_row54__issocketconnected_established__returns_1 );
    RUN_TEST( test_row55__maywrite_established_no_stream__returns_5840 );
    RUN_TEST( test_row56__tx_space_established_no_stream__returns_5840 );
    RUN_TEST( test_row57__mss__returns_1460 );
    RUN_TEST( test_row58__recv_no_data_rcvtimeo_300__returns_0_after_300_ticks );
    RUN_TEST( test_row59__recv_no_data_msg_dontwait__returns_0_at_once );
    RUN_TEST( test_row60__recv_no_data_rcvtimeo_0__returns_0_at_once );
    RUN_TEST( test_row61__send_3_bytes__returns_3 );
    RUN_TEST( test_row62__tx_space_after_send_3__returns_stream_length_minus_4__dev4 );
    RUN_TEST( test_row63__send_0_bytes__returns_0 );
    RUN_TEST( test_row64__setsockopt_sndbuf_after_tx_stream_exists__returns_einval );
    RUN_TEST( test_row65__shutdown_shut_rd_established__returns_0_then_full_close_to_eclose_wait );
    RUN_TEST( test_row66__send_after_own_shutdown__returns_enotconn );
    RUN_TEST( test_row67__shutdown_again__returns_enotconn );
    RUN_TEST( test_row68__recv_after_own_shutdown_drain__returns_enotconn );
    RUN_TEST( test_row69__connect_on_eclose_wait_socket__connects_normally_returns_0__dev2 );
    RUN_TEST( test_row70__closesocket_established__returns_1_and_peer_sees_reset__dev10 );
    RUN_TEST( test_row71__connect_to_hello_fin_peer__returns_0_established );
    RUN_TEST( test_row72__issocketconnected_after_peer_fin__returns_0 );
    RUN_TEST( test_row73__maywrite_after_peer_fin__returns_minus_1 );
    RUN_TEST( test_row74__recv_100_after_peer_fin_5_pending__returns_5 );
    RUN_TEST( test_row75__recv_again_no_data_left__returns_enotconn );
    RUN_TEST( test_row76__recv_a_third_time__returns_enotconn );
    RUN_TEST( test_row77__send_after_peer_closed__returns_enotconn );
    RUN_TEST( test_row78__shutdown_after_peer_closed__returns_enotconn );
    RUN_TEST( test_row79__closesocket_in_eclose_wait__returns_1 );
    RUN_TEST( test_row80__connect_to_peer_that_closes_at_once__returns_0_established );
    RUN_TEST( test_row81__send_300ms_after_peer_fin__returns_0_in_elast_ack_or_enotconn_in_eclose_wait );
    RUN_TEST( test_row82__recv_after_peer_fin__returns_enotconn_in_eclose_wait );
    RUN_TEST( test_row83__closesocket_after_peer_fin__returns_1 );
    RUN_TEST( test_row84__connect_to_hello_rst_peer__returns_0_established );
    RUN_TEST( test_row85__recv_100_after_peer_rst_5_pending__returns_5 );
    RUN_TEST( test_row86__recv_again_after_rst__returns_enotconn );
    RUN_TEST( test_row87__send_after_peer_rst__returns_enotconn );
    RUN_TEST( test_row88__shutdown_after_peer_rst__returns_enotconn );
    RUN_TEST( test_row89__closesocket_after_peer_rst__returns_1 );
    RUN_TEST( test_row90__connect_to_peer_that_resets_later__returns_0_established );
    RUN_TEST( test_row91__recv_rcvtimeo_3000_while_peer_rsts_at_500ms__returns_enotconn_after_500ms );
    RUN_TEST( test_row92__closesocket_after_peer_rst_during_recv__returns_1 );
    RUN_TEST( test_row93__connect_to_peer_that_fins_later__returns_0_established );
    RUN_TEST( test_row94__recv_rcvtimeo_3000_while_peer_fins_at_500ms__returns_enotconn_after_500ms );
    RUN_TEST( test_row95__recv_again_after_peer_fin__returns_enotconn );
    RUN_TEST( test_row96__closesocket_after_peer_fin__returns_1 );
}
