/*
 * Keep-alive and hang protection against a Linux peer, on
 * config/posix-keepalive (ipconfigTCP_KEEP_ALIVE 1, interval 2 s; hang
 * protection after 5 s).
 *
 * - A connection whose peer vanishes (the TAP's link is cut with
 *   `ip link set ... down`: nothing reaches the peer, nothing comes back)
 *   reaches eCLOSE_WAIT within the keep-alive bound: the interval, four
 *   probes 3 s apart, giving up 3 s after the last (2 + 12 s), and recv()
 *   then reports -ENOTCONN (reference section 5).
 * - A half-open handshake (the peer's SYN arrives, our SYN+ACK never reaches
 *   it: a classic-BPF filter on the TAP drops every frame from the stack)
 *   is freed by hang protection, so a listener with backlog 1 accepts the
 *   next connection.
 *
 * The link and the filter are changed with ip(8) and tc(8) through
 * system(); the test runs as root inside its own namespace
 * (support/run-in-netns.sh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fptcp_test.h"
#include "peer_util.h"

#define kaINTERVAL_MS        2000U
#define kaBOUND_MS           ( kaINTERVAL_MS + 4U * 3000U )
#define kaHANG_MS            5000U
#define kaLISTEN_PORT        8124U

static int prvShell( const char * pcFormat,
                     const char * pcTap )
{
    char cCommand[ 256 ];

    ( void ) snprintf( cCommand, sizeof( cCommand ), pcFormat, pcTap );
    vFptcpTestPrintf( "shell: %s\n", cCommand );
    return system( cCommand );
}

static const char * prvTap( void )
{
    const char * pcTap = getenv( "FPTCP_TAP" );

    TEST_ASSERT_NOT_NULL_MESSAGE( pcTap, "FPTCP_TAP not set (run under support/run-in-netns.sh)" );
    return pcTap;
}

void setUp( void )
{
}

/* Whatever a failed test left behind: the link up, no filter, no sockets. */
void tearDown( void )
{
    const char * pcTap = getenv( "FPTCP_TAP" );

    if( pcTap != NULL )
    {
        ( void ) prvShell( "ip link set dev %s up", pcTap );
        ( void ) prvShell( "tc qdisc del dev %s clsact 2>/dev/null", pcTap );
    }

    vPeerCloseTracked();
}

static void test_keepalive__vanished_peer__close_wait_within_the_bound( void )
{
    const char * pcTap = prvTap();
    Socket_t xSocket = xPeerTcpSocket();
    TickType_t xCut, xElapsed;
    char cByte;
    BaseType_t xRc;

    TEST_ASSERT_EQUAL_INT( 0, xPeerConnect( xSocket, peerPORT_SINK ) );
    TEST_ASSERT_EQUAL_INT( eESTABLISHED, xPeerWaitState( xSocket, eESTABLISHED, 2000 ) );
    /* A live peer answers the probes: still established after three
     * intervals of silence. */
    vTaskDelay( pdMS_TO_TICKS( 3U * kaINTERVAL_MS ) );
    TEST_ASSERT_EQUAL_INT_MESSAGE( eESTABLISHED, FreeRTOS_connstatus( xSocket ),
                                   "a connection with an answering peer was given up" );

    /* The peer vanishes. The last sign of life was at most one interval
     * plus a round trip ago (the last probe's answer). */
    TEST_ASSERT_EQUAL_INT( 0, prvShell( "ip link set dev %s down", pcTap ) );
    xCut = xTaskGetTickCount();
    ( void ) xPeerWaitState( xSocket, eCLOSE_WAIT, pdMS_TO_TICKS( kaBOUND_MS + 5000U ) );
    xElapsed = xTaskGetTickCount() - xCut;
    TEST_ASSERT_EQUAL_INT( 0, prvShell( "ip link set dev %s up", pcTap ) );

    vFptcpTestPrintf( "FIGURE keepalive_detect_ms=%lu bound_ms=%u\n",
                      ( unsigned long ) xElapsed, ( unsigned ) kaBOUND_MS );
    TEST_ASSERT_EQUAL_INT_MESSAGE( eCLOSE_WAIT, FreeRTOS_connstatus( xSocket ),
                                   "the vanished peer was not detected" );
    /* Not before three probe intervals (the earliest possible), not after
     * the bound (plus scheduling slack). */
    peerASSERT_BETWEEN( kaBOUND_MS - kaINTERVAL_MS - 3000U, kaBOUND_MS + 500U,
                        xElapsed, "ticks from the cut to eCLOSE_WAIT" );
    xRc = FreeRTOS_recv( xSocket, &cByte, 1, FREERTOS_MSG_DONTWAIT );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, xRc );
    vPeerCloseTracked();
}

static void test_keepalive__half_open_handshake__freed_by_hang_protection( void )
{
    const char * pcTap = prvTap();
    Socket_t xListener = xPeerTcpSocket();
    Socket_t xChild;
    struct freertos_sockaddr xFrom;
    socklen_t xFromLength = sizeof( xFrom );
    char cCommand[ 64 ];
    char cReply[ 64 ];

    TEST_ASSERT_EQUAL_INT( 0, xPeerBind( xListener, kaLISTEN_PORT ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_listen( xListener, 1 ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xListener, 3000 ) );

    /* In one second Linux connects (3 s timeout); by then every frame from
     * the stack is dropped at the TAP (direct action: return 2 = drop), so
     * the child created by its SYN never completes the handshake. */
    ( void ) snprintf( cCommand, sizeof( cCommand ), "after 1000 connect %u hold", kaLISTEN_PORT );
    vPeerCommandOk( cCommand, cReply, sizeof( cReply ) );
    TEST_ASSERT_EQUAL_INT( 0, prvShell( "tc qdisc add dev %s clsact", pcTap ) );
    TEST_ASSERT_EQUAL_INT( 0, prvShell( "tc filter add dev %s ingress bpf da bytecode '1,6 0 0 2,'", pcTap ) );

    /* Linux's SYN at 1 s and its repeat at 2 s; hang protection frees the
     * child 5 s after the repeat. Wait until just past that. */
    vTaskDelay( pdMS_TO_TICKS( 2000U + kaHANG_MS + 1500U ) );
    TEST_ASSERT_EQUAL_INT( 0, prvShell( "tc qdisc del dev %s clsact", pcTap ) );

    /* The backlog (1) is free again: a new connection is accepted. */
    ( void ) snprintf( cCommand, sizeof( cCommand ), "connect %u hold", kaLISTEN_PORT );
    vPeerCommandOk( cCommand, cReply, sizeof( cReply ) );
    xChild = FreeRTOS_accept( xListener, &xFrom, &xFromLength );
    TEST_ASSERT_NOT_NULL_MESSAGE( xChild, "accept() timed out: the half-open child still fills the backlog" );
    TEST_ASSERT_NOT_EQUAL( FREERTOS_INVALID_SOCKET, xChild );
    vPeerTrack( xChild );
    TEST_ASSERT_EQUAL_INT( eESTABLISHED, FreeRTOS_connstatus( xChild ) );
    vPeerCommandOk( "release", cReply, sizeof( cReply ) );
    vPeerCloseTracked();
}

void vRunTests( void )
{
    RUN_TEST( test_keepalive__vanished_peer__close_wait_within_the_bound );
    RUN_TEST( test_keepalive__half_open_handshake__freed_by_hang_protection );
}
