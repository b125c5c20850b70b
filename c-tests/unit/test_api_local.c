/*
 * Reference table 14.1, part A (rows 1-47): calls on sockets that never
 * talk to a peer. One test per row; each builds the row's "state before"
 * itself, calls once, and checks the return value, the state after
 * (FreeRTOS_connstatus) and how long the call blocked.
 *
 * Deviations from upstream (reference 14.5) are named in the test name:
 *   row 22 (dev3): send() on a listener returns -ENOTCONN (upstream: 1);
 *   rows 41-42 (dev6): a bad domain or DGRAM+TCP returns
 *   FREERTOS_INVALID_SOCKET without a configASSERT (a failing assert aborts
 *   the program here, so the test passing proves there was none).
 * Rows 43-47: UDP sockets (more UDP rows in test_api_udp.c).
 */
#include <stdio.h>
#include <string.h>

#include "peer_util.h"

#define localPORT        8080
#define localPORT_2      8081
#define localUDP_PORT    9999

void setUp( void )
{
}

void tearDown( void )
{
    vPeerCloseTracked();
}

/* A fresh socket with RCVTIMEO = 200, as the measured run had after row 1. */
static Socket_t prvFresh( void )
{
    Socket_t xSocket = xPeerTcpSocket();

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 200 ) );
    return xSocket;
}

/* Rows 10-15: bound to :8080, eCLOSED. */
static Socket_t prvBound( void )
{
    Socket_t xSocket = prvFresh();

    TEST_ASSERT_EQUAL_INT( 0, xPeerBind( xSocket, localPORT ) );
    return xSocket;
}

/* Rows 16-23: listening on :8080 with backlog 3. */
static Socket_t prvListening( void )
{
    Socket_t xSocket = prvBound();

    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_listen( xSocket, 3 ) );
    peerASSERT_STATE( eTCP_LISTEN, xSocket );
    return xSocket;
}

static Socket_t prvUdpSocket( void )
{
    Socket_t xSocket = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_DGRAM, FREERTOS_IPPROTO_UDP );

    TEST_ASSERT_TRUE_MESSAGE( ( xSocket != FREERTOS_INVALID_SOCKET ) && ( xSocket != NULL ),
                              "FreeRTOS_socket(AF_INET, DGRAM, UDP) failed (UDP not implemented)" );
    vPeerTrack( xSocket );
    return xSocket;
}

/* ------------------------------------------------------------ fresh socket */

static void test_row01__setsockopt_rcvtimeo_200_on_fresh_socket__returns_0( void )
{
    Socket_t xSocket = xPeerTcpSocket();
    TickType_t xTicks = 200;

    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_RCVTIMEO, &xTicks, sizeof( xTicks ) ) );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_row02__recv_on_fresh_unbound_socket__returns_einval( void )
{
    Socket_t xSocket = prvFresh();
    char cBuf[ 16 ];
    TickType_t xStart = xTaskGetTickCount();

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), 0 ) );
    peerASSERT_IMMEDIATE( xTaskGetTickCount() - xStart );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_row03__send_on_fresh_unbound_socket__returns_einval( void )
{
    Socket_t xSocket = prvFresh();
    TickType_t xStart = xTaskGetTickCount();

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_send( xSocket, "x", 1, 0 ) );
    peerASSERT_IMMEDIATE( xTaskGetTickCount() - xStart );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_row04__shutdown_on_fresh_unbound_socket__returns_eopnotsupp( void )
{
    Socket_t xSocket = prvFresh();

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EOPNOTSUPP, FreeRTOS_shutdown( xSocket, FREERTOS_SHUT_RDWR ) );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_row05__listen_3_on_unbound_socket__returns_eopnotsupp( void )
{
    Socket_t xSocket = prvFresh();

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EOPNOTSUPP, FreeRTOS_listen( xSocket, 3 ) );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_row06__accept_on_unbound_socket__returns_invalid_socket( void )
{
    Socket_t xSocket = prvFresh();
    struct freertos_sockaddr xAddress;
    socklen_t xLength = sizeof( xAddress );
    TickType_t xStart = xTaskGetTickCount();

    TEST_ASSERT_TRUE( FreeRTOS_accept( xSocket, &xAddress, &xLength ) == FREERTOS_INVALID_SOCKET );
    peerASSERT_IMMEDIATE( xTaskGetTickCount() - xStart );
}

static void test_row07__issocketconnected_on_fresh_socket__returns_0( void )
{
    Socket_t xSocket = prvFresh();

    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_issocketconnected( xSocket ) );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_row08__tx_space_on_fresh_socket_no_stream__returns_5840( void )
{
    Socket_t xSocket = prvFresh();

    TEST_ASSERT_EQUAL_INT( 5840, ipconfigTCP_TX_BUFFER_LENGTH );
    TEST_ASSERT_EQUAL_INT( 5840, FreeRTOS_tx_space( xSocket ) );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_row09__maywrite_on_fresh_socket__returns_minus_1( void )
{
    Socket_t xSocket = prvFresh();

    TEST_ASSERT_EQUAL_INT( -1, FreeRTOS_maywrite( xSocket ) );
    peerASSERT_STATE( eCLOSED, xSocket );
}

/* ------------------------------------------------------------ bound socket */

static void test_row10__bind_0_0_0_0_port_8080__returns_0( void )
{
    Socket_t xSocket = prvFresh();

    TEST_ASSERT_EQUAL_INT( 0, xPeerBind( xSocket, localPORT ) );
    peerASSERT_STATE( eCLOSED, xSocket );
    TEST_ASSERT_EQUAL_UINT16( localPORT, usPeerLocalPort( xSocket ) );
}

static void test_row11__bind_again_same_socket_8081__returns_einval( void )
{
    Socket_t xSocket = prvBound();

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, xPeerBind( xSocket, localPORT_2 ) );
    peerASSERT_STATE( eCLOSED, xSocket );
    TEST_ASSERT_EQUAL_UINT16( localPORT, usPeerLocalPort( xSocket ) );
}

static void test_row12__accept_on_bound_non_listening_socket__returns_invalid_socket( void )
{
    Socket_t xSocket = prvBound();
    TickType_t xStart = xTaskGetTickCount();

    TEST_ASSERT_TRUE( FreeRTOS_accept( xSocket, NULL, NULL ) == FREERTOS_INVALID_SOCKET );
    peerASSERT_IMMEDIATE( xTaskGetTickCount() - xStart );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_row13__shutdown_on_bound_eclosed_socket__returns_enotconn( void )
{
    Socket_t xSocket = prvBound();

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, FreeRTOS_shutdown( xSocket, FREERTOS_SHUT_RDWR ) );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_row14__recv_on_bound_eclosed_socket_no_data__returns_enotconn( void )
{
    Socket_t xSocket = prvBound();
    char cBuf[ 16 ];
    TickType_t xStart = xTaskGetTickCount();

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), 0 ) );
    peerASSERT_IMMEDIATE( xTaskGetTickCount() - xStart );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_row15__send_on_bound_eclosed_socket__returns_enotconn( void )
{
    Socket_t xSocket = prvBound();
    TickType_t xStart = xTaskGetTickCount();

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, FreeRTOS_send( xSocket, "x", 1, 0 ) );
    peerASSERT_IMMEDIATE( xTaskGetTickCount() - xStart );
    peerASSERT_STATE( eCLOSED, xSocket );
}

/* ------------------------------------------------------------ listener */

static void test_row16__listen_3__returns_0_and_enters_etcp_listen( void )
{
    Socket_t xSocket = prvBound();

    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_listen( xSocket, 3 ) );
    peerASSERT_STATE( eTCP_LISTEN, xSocket );
}

static void test_row17__listen_5_a_second_time__returns_eopnotsupp( void )
{
    Socket_t xSocket = prvListening();

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EOPNOTSUPP, FreeRTOS_listen( xSocket, 5 ) );
    peerASSERT_STATE( eTCP_LISTEN, xSocket );
}

static void test_row18__shutdown_on_listening_socket__returns_enotconn( void )
{
    Socket_t xSocket = prvListening();

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, FreeRTOS_shutdown( xSocket, FREERTOS_SHUT_RDWR ) );
    peerASSERT_STATE( eTCP_LISTEN, xSocket );
}

static void test_row19__accept_rcvtimeo_500_no_client__returns_null_after_500_ticks( void )
{
    Socket_t xSocket = prvListening();
    TickType_t xStart;
    Socket_t xChild;

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 500 ) );
    xStart = xTaskGetTickCount();
    xChild = FreeRTOS_accept( xSocket, NULL, NULL );
    peerASSERT_BLOCKED( 500U, xTaskGetTickCount() - xStart );
    TEST_ASSERT_NULL( xChild );
    peerASSERT_STATE( eTCP_LISTEN, xSocket );
}

static void test_row20__accept_rcvtimeo_0_no_client__returns_null_at_once( void )
{
    Socket_t xSocket = prvListening();
    TickType_t xStart;
    Socket_t xChild;

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 0 ) );
    xStart = xTaskGetTickCount();
    xChild = FreeRTOS_accept( xSocket, NULL, NULL );
    peerASSERT_IMMEDIATE( xTaskGetTickCount() - xStart );
    TEST_ASSERT_NULL( xChild );
    peerASSERT_STATE( eTCP_LISTEN, xSocket );
}

static void test_row21__recv_on_listening_socket_rcvtimeo_300__returns_0_after_300_ticks( void )
{
    Socket_t xSocket = prvListening();
    char cBuf[ 16 ];
    TickType_t xStart;
    BaseType_t xRc;

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 300 ) );
    xStart = xTaskGetTickCount();
    xRc = FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), 0 );
    peerASSERT_BLOCKED( 300U, xTaskGetTickCount() - xStart );
    TEST_ASSERT_EQUAL_INT( 0, xRc );
    peerASSERT_STATE( eTCP_LISTEN, xSocket );
}

/* Deviation 3 (reference 14.5): upstream queued the byte and returned 1. */
static void test_row22__send_on_listening_socket__returns_enotconn__dev3( void )
{
    Socket_t xSocket = prvListening();
    TickType_t xStart = xTaskGetTickCount();

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, FreeRTOS_send( xSocket, "x", 1, 0 ) );
    peerASSERT_IMMEDIATE( xTaskGetTickCount() - xStart );
    peerASSERT_STATE( eTCP_LISTEN, xSocket );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_tx_size( xSocket ) );
}

static void test_row23__connect_on_listening_socket__returns_eagain( void )
{
    Socket_t xSocket = prvListening();
    TickType_t xStart = xTaskGetTickCount();

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EAGAIN, xPeerConnect( xSocket, peerPORT_SINK ) );
    peerASSERT_IMMEDIATE( xTaskGetTickCount() - xStart );
    peerASSERT_STATE( eTCP_LISTEN, xSocket );
}

static void test_row24__bind_second_socket_to_port_in_use_by_listener__returns_einval( void )
{
    Socket_t xSecond;

    ( void ) prvListening();
    xSecond = prvFresh();
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, xPeerBind( xSecond, localPORT ) );
    peerASSERT_STATE( eCLOSED, xSecond );
}

/* ------------------------------------------------------------ setsockopt */

static void test_row25__setsockopt_level_0_option_99__returns_enoprotoopt( void )
{
    Socket_t xSocket = prvFresh();
    int iValue = 1;

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOPROTOOPT, FreeRTOS_setsockopt( xSocket, 0, 99, &iValue, 4 ) );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_row26__setsockopt_option_1000__returns_enoprotoopt( void )
{
    Socket_t xSocket = prvFresh();
    int iValue = 1;

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOPROTOOPT, FreeRTOS_setsockopt( xSocket, 0, 1000, &iValue, sizeof( iValue ) ) );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_row27__setsockopt_level_12345_rcvtimeo__returns_0( void )
{
    Socket_t xSocket = prvFresh();
    TickType_t xTicks = 100;

    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_setsockopt( xSocket, 12345, FREERTOS_SO_RCVTIMEO, &xTicks, sizeof( xTicks ) ) );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_row28__setsockopt_rcvtimeo_optlen_0__returns_0( void )
{
    Socket_t xSocket = prvFresh();
    TickType_t xTicks = 100;

    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_RCVTIMEO, &xTicks, 0 ) );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_row29__setsockopt_rcvtimeo_optlen_1__returns_0( void )
{
    Socket_t xSocket = prvFresh();
    TickType_t xTicks = 100;

    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_RCVTIMEO, &xTicks, 1 ) );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_row30__setsockopt_sndbuf_optlen_0_value_4096__returns_0( void )
{
    Socket_t xSocket = prvFresh();
    uint32_t ulBytes = 4096;

    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_SNDBUF, &ulBytes, 0 ) );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_row31__setsockopt_sndbuf_0__returns_0( void )
{
    Socket_t xSocket = prvFresh();
    uint32_t ulBytes = 0;

    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_SNDBUF, &ulBytes, sizeof( ulBytes ) ) );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_row32__setsockopt_16_udp_max_rx_packets_not_compiled_in__returns_enoprotoopt( void )
{
    Socket_t xSocket = prvFresh();
    UBaseType_t uxPackets = 4;

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOPROTOOPT, FreeRTOS_setsockopt( xSocket, 0, 16, &uxPackets, sizeof( uxPackets ) ) );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_row33__setsockopt_reuse_listen_socket_optlen_0__returns_0( void )
{
    Socket_t xSocket = prvFresh();
    BaseType_t xOn = pdTRUE;

    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_REUSE_LISTEN_SOCKET, &xOn, 0 ) );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_row34__setsockopt_low_high_water_little_above_enough__returns_einval( void )
{
    Socket_t xSocket = prvFresh();
    LowHighWater_t xWater;

    xWater.uxLittleSpace = 2000;
    xWater.uxEnoughSpace = 1000;
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_SET_LOW_HIGH_WATER, &xWater, sizeof( xWater ) ) );
    peerASSERT_STATE( eCLOSED, xSocket );
}

static void test_row35__setsockopt_on_invalid_socket__returns_einval( void )
{
    TickType_t xTicks = 100;

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_setsockopt( FREERTOS_INVALID_SOCKET, 0, FREERTOS_SO_RCVTIMEO, &xTicks, sizeof( xTicks ) ) );
}

static void test_row36__setsockopt_on_null_socket__returns_einval( void )
{
    TickType_t xTicks = 100;

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_setsockopt( NULL, 0, FREERTOS_SO_RCVTIMEO, &xTicks, sizeof( xTicks ) ) );
}

/* ------------------------------------------------------------ closesocket */

static void test_row37__closesocket_null__returns_0( void )
{
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_closesocket( NULL ) );
}

static void test_row38__closesocket_invalid_socket__returns_0( void )
{
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_closesocket( FREERTOS_INVALID_SOCKET ) );
}

static void test_row39__closesocket_unbound_socket__returns_1( void )
{
    Socket_t xSocket = prvFresh();

    peerASSERT_STATE( eCLOSED, xSocket );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xSocket ) );
}

static void test_row40__closesocket_listening_socket__returns_1_and_frees_the_port( void )
{
    Socket_t xSocket = prvListening();
    Socket_t xAgain;

    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xSocket ) );
    /* The port is free again: a new listener can take it. */
    xAgain = prvFresh();
    TEST_ASSERT_EQUAL_INT( 0, xPeerBind( xAgain, localPORT ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_listen( xAgain, 3 ) );
}

/* ------------------------------------------------------------ bad socket() */

/* Deviation 6: upstream fails configASSERT (Sockets.c:625) first. */
static void test_row41__socket_domain_99_stream_tcp__returns_invalid_socket_without_assert__dev6( void )
{
    Socket_t xSocket = FreeRTOS_socket( 99, FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );

    TEST_ASSERT_TRUE( xSocket == FREERTOS_INVALID_SOCKET );
}

/* Deviation 6: upstream fails configASSERT (Sockets.c:482 and :531) first. */
static void test_row42__socket_af_inet_dgram_tcp__returns_invalid_socket_without_assert__dev6( void )
{
    Socket_t xSocket = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_DGRAM, FREERTOS_IPPROTO_TCP );

    TEST_ASSERT_TRUE( xSocket == FREERTOS_INVALID_SOCKET );
}

/* ------------------------------------------------------------ UDP */

static void test_row43__udp_recvfrom_on_unbound_socket__returns_einval( void )
{
    Socket_t xSocket = prvUdpSocket();
    char cBuf[ 16 ];

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_recvfrom( xSocket, cBuf, sizeof( cBuf ), 0, NULL, NULL ) );
}

static void test_row44__udp_recvfrom_bound_rcvtimeo_200_no_data__returns_ewouldblock_after_200_ticks( void )
{
    Socket_t xSocket = prvUdpSocket();
    char cBuf[ 16 ];
    TickType_t xStart;
    int32_t lRc;

    TEST_ASSERT_EQUAL_INT( 0, xPeerBind( xSocket, localUDP_PORT ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 200 ) );
    xStart = xTaskGetTickCount();
    lRc = FreeRTOS_recvfrom( xSocket, cBuf, sizeof( cBuf ), 0, NULL, NULL );
    peerASSERT_BLOCKED( 200U, xTaskGetTickCount() - xStart );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EWOULDBLOCK, lRc );
}

static void test_row45__connstatus_on_udp_socket__returns_einval( void )
{
    Socket_t xSocket = prvUdpSocket();

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_connstatus( xSocket ) );
}

static void test_row46__tcp_recv_on_udp_socket__returns_einval( void )
{
    Socket_t xSocket = prvUdpSocket();
    char cBuf[ 16 ];

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), 0 ) );
}

static void test_row47__closesocket_udp_socket__returns_1( void )
{
    Socket_t xSocket = prvUdpSocket();

    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xSocket ) );
}

void vRunTests( void )
{
    RUN_TEST( test_row01__setsockopt_rcvtimeo_200_on_fresh_socket__returns_0 );
    RUN_TEST( test_row02__recv_on_fresh_unbound_socket__returns_einval );
    RUN_TEST( test_row03__send_on_fresh_unbound_socket__returns_einval );
    RUN_TEST( test_row04__shutdown_on_fresh_unbound_socket__returns_eopnotsupp );
    RUN_TEST( test_row05__listen_3_on_unbound_socket__returns_eopnotsupp );
    RUN_TEST( test_row06__accept_on_unbound_socket__returns_invalid_socket );
    RUN_TEST( test_row07__issocketconnected_on_fresh_socket__returns_0 );
    RUN_TEST( test_row08__tx_space_on_fresh_socket_no_stream__returns_5840 );
    RUN_TEST( test_row09__maywrite_on_fresh_socket__returns_minus_1 );
    RUN_TEST( test_row10__bind_0_0_0_0_port_8080__returns_0 );
    RUN_TEST( test_row11__bind_again_same_socket_8081__returns_einval );
    RUN_TEST( test_row12__accept_on_bound_non_listening_socket__returns_invalid_socket );
    RUN_TEST( test_row13__shutdown_on_bound_eclosed_socket__returns_enotconn );
    RUN_TEST( test_row14__recv_on_bound_eclosed_socket_no_data__returns_enotconn );
    RUN_TEST( test_row15__send_on_bound_eclosed_socket__returns_enotconn );
    RUN_TEST( test_row16__listen_3__returns_0_and_enters_etcp_listen );
    RUN_TEST( test_row17__listen_5_a_second_time__returns_eopnotsupp );
    RUN_TEST( test_row18__shutdown_on_listening_socket__returns_enotconn );
    RUN_TEST( test_row19__accept_rcvtimeo_500_no_client__returns_null_after_500_ticks );
    RUN_TEST( test_row20__accept_rcvtimeo_0_no_client__returns_null_at_once );
    RUN_TEST( test_row21__recv_on_listening_socket_rcvtimeo_300__returns_0_after_300_ticks );
    RUN_TEST( test_row22__send_on_listening_socket__returns_enotconn__dev3 );
    RUN_TEST( test_row23__connect_on_listening_socket__returns_eagain );
    RUN_TEST( test_row24__bind_second_socket_to_port_in_use_by_listener__returns_einval );
    RUN_TEST( test_row25__setsockopt_level_0_option_99__returns_enoprotoopt );
    RUN_TEST( test_row26__setsockopt_option_1000__returns_enoprotoopt );
    RUN_TEST( test_row27__setsockopt_level_12345_rcvtimeo__returns_0 );
    RUN_TEST( test_row28__setsockopt_rcvtimeo_optlen_0__returns_0 );
    RUN_TEST( test_row29__setsockopt_rcvtimeo_optlen_1__returns_0 );
    RUN_TEST( test_row30__setsockopt_sndbuf_optlen_0_value_4096__returns_0 );
    RUN_TEST( test_row31__setsockopt_sndbuf_0__returns_0 );
    RUN_TEST( test_row32__setsockopt_16_udp_max_rx_packets_not_compiled_in__returns_enoprotoopt );
    RUN_TEST( test_row33__setsockopt_reuse_listen_socket_optlen_0__returns_0 );
    RUN_TEST( test_row34__setsockopt_low_high_water_little_above_enough__returns_einval );
    RUN_TEST( test_row35__setsockopt_on_invalid_socket__returns_einval );
    RUN_TEST( test_row36__setsockopt_on_null_socket__returns_einval );
    RUN_TEST( test_row37__closesocket_null__returns_0 );
    RUN_TEST( test_row38__closesocket_invalid_socket__returns_0 );
    RUN_TEST( test_row39__closesocket_unbound_socket__returns_1 );
    RUN_TEST( test_row40__closesocket_listening_socket__returns_1_and_frees_the_port );
    RUN_TEST( test_row41__socket_domain_99_stream_tcp__returns_invalid_socket_without_assert__dev6 );
    RUN_TEST( test_row42__socket_af_inet_dgram_tcp__returns_invalid_socket_without_assert__dev6 );
    RUN_TEST( test_row43__udp_recvfrom_on_unbound_socket__returns_einval );
    RUN_TEST( test_row44__udp_recvfrom_bound_rcvtimeo_200_no_data__returns_ewouldblock_after_200_ticks );
    RUN_TEST( test_row45__connstatus_on_udp_socket__returns_einval );
    RUN_TEST( test_row46__tcp_recv_on_udp_socket__returns_einval );
    RUN_TEST( test_row47__closesocket_udp_socket__returns_1 );
}
