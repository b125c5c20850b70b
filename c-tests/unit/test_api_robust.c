/*
 * Robustness of the C ABI (our addition; COMPAT: upstream dereferences bad
 * handles and several NULL pointers). Every call gets four bad handles:
 *   NULL, FREERTOS_INVALID_SOCKET, the old handle of a closed socket, and a
 *   made-up value ((Socket_t) 0x12345);
 * and must return its documented error without crashing:
 *   -EINVAL        queries, setsockopt, bind, recv, send, GetRemoteAddress,
 *                  GetIPType, xSocketSetSocketID
 *   -EOPNOTSUPP    listen, shutdown
 *   -EBADF         connect (with a valid address)
 *   FREERTOS_INVALID_SOCKET  accept
 *   0              closesocket, xSocketValid, GetLocalAddress (size_t: no
 *                  bytes written); NULL from pvSocketGetSocketID
 * NULL option values and addresses on a good socket, where upstream would
 * crash, return -EINVAL.
 */
#include <stdio.h>
#include <string.h>

#include "peer_util.h"

#define robustN_HANDLES    4

typedef struct
{
    const char * pcName;
    Socket_t xHandle;
} BadHandle_t;

static BadHandle_t xBad[ robustN_HANDLES ];

void setUp( void )
{
    Socket_t xClosed = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );

    TEST_ASSERT_TRUE( ( xClosed != FREERTOS_INVALID_SOCKET ) && ( xClosed != NULL ) );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xClosed ) );

    xBad[ 0 ].pcName = "NULL";
    xBad[ 0 ].xHandle = NULL;
    xBad[ 1 ].pcName = "FREERTOS_INVALID_SOCKET";
    xBad[ 1 ].xHandle = FREERTOS_INVALID_SOCKET;
    xBad[ 2 ].pcName = "closed socket";
    xBad[ 2 ].xHandle = xClosed;
    xBad[ 3 ].pcName = "made-up 0x12345";
    xBad[ 3 ].xHandle = ( Socket_t ) 0x12345;
}

void tearDown( void )
{
    vTaskPrioritySet( NULL, peerRUNNER_PRIORITY );
    vPeerCloseTracked();
}

/* Runs xCall on every bad handle; xExpected is what each must return. */
#define robustFOR_EACH_BAD( xExpected, xCall )                                   \
    do {                                                                         \
        size_t i_;                                                               \
        for( i_ = 0; i_ < robustN_HANDLES; i_++ )                                \
        {                                                                        \
            Socket_t xS = xBad[ i_ ].xHandle;                                    \
            TEST_ASSERT_EQUAL_INT_MESSAGE( ( xExpected ), ( xCall ), xBad[ i_ ].pcName ); \
        }                                                                        \
    } while( 0 )

static void prvPeerAddress( struct freertos_sockaddr * pxAddress )
{
    vPeerAddress( pxAddress, ulFptcpTestPeerIP(), peerPORT_SINK );
}

/* ------------------------------------------------------------ bad handles */

static void test_robust__bind_on_bad_handles__returns_einval( void )
{
    struct freertos_sockaddr xAddress;

    vPeerAddress( &xAddress, 0, 8200 );
    robustFOR_EACH_BAD( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_bind( xS, &xAddress, sizeof( xAddress ) ) );
    robustFOR_EACH_BAD( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_bind( xS, NULL, 0 ) );
}

static void test_robust__listen_on_bad_handles__returns_eopnotsupp( void )
{
    robustFOR_EACH_BAD( -pdFREERTOS_ERRNO_EOPNOTSUPP, FreeRTOS_listen( xS, 3 ) );
}

static void test_robust__connect_on_bad_handles__returns_ebadf( void )
{
    struct freertos_sockaddr xAddress;

    prvPeerAddress( &xAddress );
    robustFOR_EACH_BAD( -pdFREERTOS_ERRNO_EBADF, FreeRTOS_connect( xS, &xAddress, sizeof( xAddress ) ) );
}

static void test_robust__accept_on_bad_handles__returns_invalid_socket( void )
{
    struct freertos_sockaddr xAddress;
    socklen_t xLength;
    size_t i;

    for( i = 0; i < robustN_HANDLES; i++ )
    {
        TEST_ASSERT_TRUE_MESSAGE( FreeRTOS_accept( xBad[ i ].xHandle, &xAddress, &xLength ) == FREERTOS_INVALID_SOCKET,
                                  xBad[ i ].pcName );
        TEST_ASSERT_TRUE_MESSAGE( FreeRTOS_accept( xBad[ i ].xHandle, NULL, NULL ) == FREERTOS_INVALID_SOCKET,
                                  xBad[ i ].pcName );
    }
}

static void test_robust__recv_on_bad_handles__returns_einval( void )
{
    char cBuf[ 16 ];

    robustFOR_EACH_BAD( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_recv( xS, cBuf, sizeof( cBuf ), 0 ) );
    robustFOR_EACH_BAD( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_recv( xS, NULL, sizeof( cBuf ), 0 ) );
    robustFOR_EACH_BAD( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_recv( xS, cBuf, sizeof( cBuf ), FREERTOS_MSG_DONTWAIT ) );
}

static void test_robust__send_on_bad_handles__returns_einval( void )
{
    robustFOR_EACH_BAD( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_send( xS, "abc", 3, 0 ) );
}

static void test_robust__shutdown_on_bad_handles__returns_eopnotsupp( void )
{
    robustFOR_EACH_BAD( -pdFREERTOS_ERRNO_EOPNOTSUPP, FreeRTOS_shutdown( xS, FREERTOS_SHUT_RDWR ) );
}

static void test_robust__closesocket_on_bad_handles__returns_0( void )
{
    robustFOR_EACH_BAD( 0, FreeRTOS_closesocket( xS ) );
}

static void test_robust__setsockopt_on_bad_handles__returns_einval( void )
{
    TickType_t xTicks = 100;
    uint32_t ulBytes = 4096;
    BaseType_t xOn = pdTRUE;

    robustFOR_EACH_BAD( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_setsockopt( xS, 0, FREERTOS_SO_RCVTIMEO, &xTicks, sizeof( xTicks ) ) );
    robustFOR_EACH_BAD( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_setsockopt( xS, 0, FREERTOS_SO_SNDBUF, &ulBytes, sizeof( ulBytes ) ) );
    robustFOR_EACH_BAD( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_setsockopt( xS, 0, FREERTOS_SO_REUSE_LISTEN_SOCKET, &xOn, sizeof( xOn ) ) );
    robustFOR_EACH_BAD( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_setsockopt( xS, 0, FREERTOS_SO_RCVTIMEO, NULL, 0 ) );
}

static void test_robust__queries_on_bad_handles__return_einval( void )
{
    robustFOR_EACH_BAD( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_issocketconnected( xS ) );
    robustFOR_EACH_BAD( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_rx_size( xS ) );
    robustFOR_EACH_BAD( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_tx_size( xS ) );
    robustFOR_EACH_BAD( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_tx_space( xS ) );
    robustFOR_EACH_BAD( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_connstatus( xS ) );
    robustFOR_EACH_BAD( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_maywrite( xS ) );
    robustFOR_EACH_BAD( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_mss( xS ) );
    robustFOR_EACH_BAD( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_GetIPType( xS ) );
}

static void test_robust__get_remote_address_on_bad_handles__returns_einval( void )
{
    struct freertos_sockaddr xAddress;

    robustFOR_EACH_BAD( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_GetRemoteAddress( xS, &xAddress ) );
    robustFOR_EACH_BAD( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_GetRemoteAddress( xS, NULL ) );
}

static void test_robust__get_local_address_on_bad_handles__returns_0_and_writes_nothing( void )
{
    struct freertos_sockaddr xAddress;
    struct freertos_sockaddr xUntouched;
    size_t i;

    ( void ) memset( &xUntouched, 0x5A, sizeof( xUntouched ) );

    for( i = 0; i < robustN_HANDLES; i++ )
    {
        ( void ) memcpy( &xAddress, &xUntouched, sizeof( xAddress ) );
        TEST_ASSERT_EQUAL_UINT_MESSAGE( 0, FreeRTOS_GetLocalAddress( xBad[ i ].xHandle, &xAddress ), xBad[ i ].pcName );
        TEST_ASSERT_EQUAL_MEMORY_MESSAGE( &xUntouched, &xAddress, sizeof( xAddress ), xBad[ i ].pcName );
        TEST_ASSERT_EQUAL_UINT_MESSAGE( 0, FreeRTOS_GetLocalAddress( xBad[ i ].xHandle, NULL ), xBad[ i ].pcName );
    }
}

static void test_robust__socket_valid_and_ids_on_bad_handles__are_refused( void )
{
    int iTag = 7;
    size_t i;

    robustFOR_EACH_BAD( pdFALSE, xSocketValid( xS ) );
    robustFOR_EACH_BAD( -pdFREERTOS_ERRNO_EINVAL, xSocketSetSocketID( xS, &iTag ) );

    for( i = 0; i < robustN_HANDLES; i++ )
    {
        TEST_ASSERT_NULL_MESSAGE( pvSocketGetSocketID( xBad[ i ].xHandle ), xBad[ i ].pcName );
    }
}

/* A closed socket's handle never reaches the socket that reuses its slot. */
static void test_robust__stale_handle__does_not_reach_the_socket_created_after_it( void )
{
    Socket_t xOld = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );
    Socket_t xNew;
    TickType_t xTicks = 123;
    int iTag = 1;

    TEST_ASSERT_TRUE( ( xOld != FREERTOS_INVALID_SOCKET ) && ( xOld != NULL ) );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xOld ) );
    vTaskDelay( pdMS_TO_TICKS( 10 ) ); /* the IP task frees it */
    xNew = xPeerTcpSocket();
    TEST_ASSERT_TRUE( xNew != xOld );
    TEST_ASSERT_EQUAL_INT( 0, xSocketSetSocketID( xNew, &iTag ) );

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_setsockopt( xOld, 0, FREERTOS_SO_RCVTIMEO, &xTicks, sizeof( xTicks ) ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, xPeerBind( xOld, 8201 ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_closesocket( xOld ) );
    TEST_ASSERT_NULL( pvSocketGetSocketID( xOld ) );

    /* The new socket is untouched: alive, unbound, its ID intact. */
    TEST_ASSERT_EQUAL_INT( pdTRUE, xSocketValid( xNew ) );
    peerASSERT_STATE( eCLOSED, xNew );
    TEST_ASSERT_EQUAL_UINT16( 0, usPeerLocalPort( xNew ) );
    TEST_ASSERT_EQUAL_PTR( &iTag, pvSocketGetSocketID( xNew ) );
}

/* Every handle FreeRTOS_socket() hands out is valid, distinct, and never
 * NULL or FREERTOS_INVALID_SOCKET, also after many create/close rounds. */
static void test_robust__many_create_close_rounds__handles_stay_valid_and_distinct( void )
{
    Socket_t xPrev = NULL;
    int i;

    for( i = 0; i < 200; i++ )
    {
        Socket_t xS = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );

        TEST_ASSERT_TRUE( ( xS != FREERTOS_INVALID_SOCKET ) && ( xS != NULL ) );
        TEST_ASSERT_TRUE( xS != xPrev );
        TEST_ASSERT_EQUAL_INT( pdTRUE, xSocketValid( xS ) );
        TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xS ) );
        TEST_ASSERT_EQUAL_INT( pdFALSE, xSocketValid( xS ) );
        xPrev = xS;

        if( ( i % 20 ) == 0 )
        {
            vTaskDelay( 1 );
        }
    }
}

/* ------------------------------------------------------------ NULL pointers */

static void test_robust__setsockopt_null_value_for_pointer_options__returns_einval( void )
{
    Socket_t xSocket = xPeerTcpSocket();
    static const int32_t lOptions[] =
    {
        FREERTOS_SO_RCVTIMEO,           FREERTOS_SO_SNDTIMEO,       FREERTOS_SO_SNDBUF,
        FREERTOS_SO_RCVBUF,             FREERTOS_SO_WIN_PROPERTIES, FREERTOS_SO_REUSE_LISTEN_SOCKET,
        FREERTOS_SO_CLOSE_AFTER_SEND,   FREERTOS_SO_SET_LOW_HIGH_WATER
    };
    size_t i;

    for( i = 0; i < sizeof( lOptions ) / sizeof( lOptions[ 0 ] ); i++ )
    {
        char cMsg[ 32 ];

        ( void ) snprintf( cMsg, sizeof( cMsg ), "option %ld", ( long ) lOptions[ i ] );
        TEST_ASSERT_EQUAL_INT_MESSAGE( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_setsockopt( xSocket, 0, lOptions[ i ], NULL, 0 ), cMsg );
    }

    /* UDPCKSUM_OUT takes the pointer itself: NULL means "off" (reference 2.4). */
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_UDPCKSUM_OUT, NULL, 0 ) );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_robust__connect_null_address__returns_einval( void )
{
    Socket_t xSocket = xPeerTcpSocket();

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_connect( xSocket, NULL, 0 ) );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_robust__bind_null_address__binds_a_random_port_from_1024( void )
{
    Socket_t xSocket = xPeerTcpSocket();

    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_bind( xSocket, NULL, 0 ) );
    TEST_ASSERT_TRUE( usPeerLocalPort( xSocket ) >= 1024U );
}

static void test_robust__get_remote_address_null_on_connected_socket__returns_einval( void )
{
    Socket_t xSocket = xPeerTcpSocket();

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerConnect( xSocket, peerPORT_SINK ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_GetRemoteAddress( xSocket, NULL ) );
    peerASSERT_STATE( eESTABLISHED, xSocket );
}

static void test_robust__get_local_address_null_on_bound_socket__returns_0( void )
{
    Socket_t xSocket = xPeerTcpSocket();

    TEST_ASSERT_EQUAL_INT( 0, xPeerBind( xSocket, 8202 ) );
    TEST_ASSERT_EQUAL_UINT( 0, FreeRTOS_GetLocalAddress( xSocket, NULL ) );
}

/* recv( s, NULL, n, 0 ) discards n bytes (reference 2.8), it does not crash. */
static void test_robust__recv_null_buffer__discards_bytes( void )
{
    Socket_t xSocket = xPeerTcpSocket();
    char cBuf[ 16 ];

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerConnect( xSocket, peerPORT_HELLO_FIN ) );
    TEST_ASSERT_EQUAL_INT( eCLOSE_WAIT, xPeerWaitState( xSocket, eCLOSE_WAIT, 1000 ) );
    TEST_ASSERT_EQUAL_INT( 2, FreeRTOS_recv( xSocket, NULL, 2, 0 ) );
    TEST_ASSERT_EQUAL_INT( 3, FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), 0 ) );
    TEST_ASSERT_EQUAL_MEMORY( "llo", cBuf, 3 );
}

static void test_robust__recv_zero_copy_null_buffer__returns_einval( void )
{
    Socket_t xSocket = xPeerTcpSocket();

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerConnect( xSocket, peerPORT_SINK ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_recv( xSocket, NULL, 10, FREERTOS_ZERO_COPY ) );
}

/* accept() with only one of its out-parameters given. */
static void test_robust__accept_with_null_out_parameters__returns_the_child( void )
{
    Socket_t xListener = xPeerTcpSocket();
    struct freertos_sockaddr xAddress;
    socklen_t xLength = 0;
    char cReply[ 64 ];
    Socket_t xChild;

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xListener, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerBind( xListener, 8203 ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_listen( xListener, 4 ) );
    vPeerCommandOk( "connect 8203 count 2 hold", cReply, sizeof( cReply ) );

    xChild = FreeRTOS_accept( xListener, &xAddress, NULL );
    TEST_ASSERT_TRUE( ( xChild != NULL ) && ( xChild != FREERTOS_INVALID_SOCKET ) );
    vPeerTrack( xChild );
    TEST_ASSERT_EQUAL_HEX32( ulFptcpTestPeerIP(), xAddress.sin_address.ulIP_IPv4 );

    xChild = FreeRTOS_accept( xListener, NULL, &xLength );
    TEST_ASSERT_TRUE( ( xChild != NULL ) && ( xChild != FREERTOS_INVALID_SOCKET ) );
    vPeerTrack( xChild );
    vPeerCommandOk( "release", cReply, sizeof( cReply ) );
}

static void test_robust__tcp_state_name_out_of_range__is_eunknown( void )
{
    TEST_ASSERT_EQUAL_STRING( "eCLOSED", FreeRTOS_GetTCPStateName( 0 ) );
    TEST_ASSERT_EQUAL_STRING( "eCLOSE_WAIT", FreeRTOS_GetTCPStateName( 8 ) );
    TEST_ASSERT_EQUAL_STRING( "eTIME_WAIT", FreeRTOS_GetTCPStateName( 11 ) );
    TEST_ASSERT_EQUAL_STRING( "eUNKNOWN", FreeRTOS_GetTCPStateName( 12 ) );
    TEST_ASSERT_EQUAL_STRING( "eUNKNOWN", FreeRTOS_GetTCPStateName( 0xFFFFFFFFU ) );
}

/* ------------------------------------------------------------ huge lengths
 * C lets a caller pass any size_t. SIZE_MAX (more than any buffer can be)
 * behaves like any other length larger than what the call moves: recv()
 * returns what has arrived, a non-blocking send() what the stream takes.
 * (Before the clamp in os::mem::slice_from_c this was undefined behaviour:
 * a Rust slice longer than isize::MAX; the debug library stopped in an
 * assert.) */
static void test_robust__recv_size_max__returns_what_arrived( void )
{
    Socket_t xSocket = xPeerTcpSocket();
    char cBuf[ 64 ];
    TickType_t xWaited = 0;

    memset( cBuf, 0, sizeof( cBuf ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerConnect( xSocket, peerPORT_ECHO ) );
    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_send( xSocket, "hello", 5, 0 ) );

    /* The whole echo first, so that recv() has one answer: 5. */
    while( ( FreeRTOS_rx_size( xSocket ) < 5 ) && ( xWaited < pdMS_TO_TICKS( 2000 ) ) )
    {
        vTaskDelay( 1 );
        xWaited++;
    }

    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_recv( xSocket, cBuf, SIZE_MAX, FREERTOS_MSG_PEEK ) );
    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_recv( xSocket, cBuf, SIZE_MAX, 0 ) );
    TEST_ASSERT_EQUAL_MEMORY( "hello", cBuf, 5 );
    TEST_ASSERT_EQUAL_INT( 0, cBuf[ 5 ] );
}

#define robustBIG_SEND    ( 64U * 1024U )
static uint8_t ucBigSend[ robustBIG_SEND ];

/* A fresh connection to the sink; returns what one non-blocking send() of
 * uxLength bytes from ucBigSend queued, and checks that it filled the TX
 * stream (tx_space 0 afterwards) with no more than ucBigSend holds. The
 * task runs above the IP task meanwhile, so no ACK frees space during the
 * call. (tx_space before the first send is the configured size, not the
 * stream's: reference 14.5 row 4.) */
static BaseType_t prvSendOnce( size_t uxLength )
{
    Socket_t xSocket = xPeerTcpSocket();
    BaseType_t xSent, xSpaceAfter;

    TEST_ASSERT_EQUAL_INT( 0, xPeerConnect( xSocket, peerPORT_SINK ) );
    vTaskPrioritySet( NULL, peerABOVE_IP_PRIORITY );
    xSent = FreeRTOS_send( xSocket, ucBigSend, uxLength, FREERTOS_MSG_DONTWAIT );
    xSpaceAfter = FreeRTOS_tx_space( xSocket );
    vTaskPrioritySet( NULL, peerRUNNER_PRIORITY );
    TEST_ASSERT_TRUE( xSent > 0 );
    TEST_ASSERT_TRUE( ( size_t ) xSent < robustBIG_SEND );
    TEST_ASSERT_EQUAL_INT( 0, xSpaceAfter );
    return xSent;
}

static void test_robust__send_size_max__queues_what_a_large_length_queues( void )
{
    BaseType_t xLarge = prvSendOnce( robustBIG_SEND );
    BaseType_t xHuge = prvSendOnce( SIZE_MAX );
    BaseType_t xAlmost = prvSendOnce( SIZE_MAX / 2U + 1U ); /* just above PTRDIFF_MAX */

    TEST_ASSERT_TRUE( xLarge > 0 );
    TEST_ASSERT_EQUAL_INT( xLarge, xHuge );
    TEST_ASSERT_EQUAL_INT( xLarge, xAlmost );
}

void vRunTests( void )
{
    RUN_TEST( test_robust__bind_on_bad_handles__returns_einval );
    RUN_TEST( test_robust__listen_on_bad_handles__returns_eopnotsupp );
    RUN_TEST( test_robust__connect_on_bad_handles__returns_ebadf );
    RUN_TEST( test_robust__accept_on_bad_handles__returns_invalid_socket );
    RUN_TEST( test_robust__recv_on_bad_handles__returns_einval );
    RUN_TEST( test_robust__send_on_bad_handles__returns_einval );
    RUN_TEST( test_robust__shutdown_on_bad_handles__returns_eopnotsupp );
    RUN_TEST( test_robust__closesocket_on_bad_handles__returns_0 );
    RUN_TEST( test_robust__setsockopt_on_bad_handles__returns_einval );
    RUN_TEST( test_robust__queries_on_bad_handles__return_einval );
    RUN_TEST( test_robust__get_remote_address_on_bad_handles__returns_einval );
    RUN_TEST( test_robust__get_local_address_on_bad_handles__returns_0_and_writes_nothing );
    RUN_TEST( test_robust__socket_valid_and_ids_on_bad_handles__are_refused );
    RUN_TEST( test_robust__stale_handle__does_not_reach_the_socket_created_after_it );
    RUN_TEST( test_robust__many_create_close_rounds__handles_stay_valid_and_distinct );
    RUN_TEST( test_robust__setsockopt_null_value_for_pointer_options__returns_einval );
    RUN_TEST( test_robust__connect_null_address__returns_einval );
    RUN_TEST( test_robust__bind_null_address__binds_a_random_port_from_1024 );
    RUN_TEST( test_robust__get_remote_address_null_on_connected_socket__returns_einval );
    RUN_TEST( test_robust__get_local_address_null_on_bound_socket__returns_0 );
    RUN_TEST( test_robust__recv_null_buffer__discards_bytes );
    RUN_TEST( test_robust__recv_zero_copy_null_buffer__returns_einval );
    RUN_TEST( test_robust__accept_with_null_out_parameters__returns_the_child );
    RUN_TEST( test_robust__tcp_state_name_out_of_range__is_eunknown );
    RUN_TEST( test_robust__recv_size_max__returns_what_arrived );
    RUN_TEST( test_robust__send_size_max__queues_what_a_large_length_queues );
}
