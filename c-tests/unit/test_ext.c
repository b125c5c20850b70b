/*
 * This library's own options and functions (include/fptcp_extensions.h,
 * issue #10), built with config/posix-ext (every option on), against the
 * Linux peers (peers/peers.py):
 *
 *  - the metrics structs have the documented layout, and the metrics calls
 *    report a live connection to the echo peer (state, queues, the
 *    application's last call) and the stack's counters and buffers;
 *  - FreeRTOS_shutdown(FREERTOS_SHUT_RD) stops delivery without a FIN
 *    (ipconfigFPTCP_SHUTDOWN_HONOURS_HOW), a bad xHow is -EINVAL;
 *  - the pcap hook sees every frame of a connection, with record headers
 *    that match the frames (ipconfigFPTCP_PCAP_CAPTURE);
 *  - keep-alive tuned with ipconfigFPTCP_KEEP_ALIVE_PROBES 2 and
 *    ipconfigFPTCP_KEEP_ALIVE_PROBE_INTERVAL_MS 500 (interval 2 s): a peer
 *    whose link is cut is given up within 2 + 2 x 0.5 = 3 s, not upstream's
 *    fixed 2 + 4 x 3 = 14 s.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peer_util.h"

#include "fptcp_extensions.h"

/* The layout the Rust library writes (src/stack/metrics.rs). */
_Static_assert( sizeof( FPTCP_StackMetrics_t ) == 88, "FPTCP_StackMetrics_t size" );
_Static_assert( offsetof( FPTCP_StackMetrics_t, ulDroppedChecksum ) == 12, "ulDroppedChecksum" );
_Static_assert( offsetof( FPTCP_StackMetrics_t, ulHeapUsed ) == 84, "ulHeapUsed" );
_Static_assert( sizeof( FPTCP_SocketMetrics_t ) == 36, "FPTCP_SocketMetrics_t size" );
_Static_assert( offsetof( FPTCP_SocketMetrics_t, ucState ) == 9, "ucState" );
_Static_assert( offsetof( FPTCP_SocketMetrics_t, ulMsInState ) == 16, "ulMsInState" );
_Static_assert( offsetof( FPTCP_SocketMetrics_t, ulRetransmissions ) == 32, "ulRetransmissions" );

void tearDown( void )
{
    vFPTCP_SetPcapHook( NULL, NULL );
    vPeerCloseTracked();
}

/* A socket connected to the echo peer (RCVTIMEO = SNDTIMEO = 2000). */
static Socket_t prvEcho( void )
{
    Socket_t xSocket = xPeerTcpSocket();

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetSndTimeout( xSocket, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerConnect( xSocket, peerPORT_ECHO ) );
    return xSocket;
}

/* ------------------------------------------------------------ metrics */

static void test_metrics__connection_to_echo__state_queues_and_calls( void )
{
    FPTCP_StackMetrics_t xStack;
    FPTCP_SocketMetrics_t xRows[ 16 ];
    Socket_t xSocket = prvEcho();
    uint16_t usLocal = usPeerLocalPort( xSocket );
    BaseType_t xCount, i, xFound = -1;

    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_send( xSocket, "hello", 5, 0 ) );
    TEST_ASSERT_EQUAL_INT( 5, xPeerWaitRx( xSocket, 5, 2000 ) );
    vTaskDelay( pdMS_TO_TICKS( 300 ) );

    xCount = xFPTCP_GetSocketMetrics( xRows, 16 );
    TEST_ASSERT_GREATER_OR_EQUAL_INT( 1, xCount );
    TEST_ASSERT_LESS_OR_EQUAL_INT( 16, xCount );

    for( i = 0; i < xCount; i++ )
    {
        if( ( xRows[ i ].ucProtocol == FREERTOS_IPPROTO_TCP ) && ( xRows[ i ].usLocalPort == usLocal ) )
        {
            xFound = i;
        }
    }

    TEST_ASSERT_TRUE_MESSAGE( xFound >= 0, "our socket is not in the metrics" );
    TEST_ASSERT_EQUAL_UINT8( eESTABLISHED, xRows[ xFound ].ucState );
    TEST_ASSERT_EQUAL_UINT16( peerPORT_ECHO, xRows[ xFound ].usRemotePort );
    TEST_ASSERT_EQUAL_HEX32( FreeRTOS_inet_addr( "192.0.2.1" ), xRows[ xFound ].ulRemoteAddress );
    TEST_ASSERT_EQUAL_UINT32( 5, xRows[ xFound ].ulRxQueued );
    TEST_ASSERT_EQUAL_UINT32( 0, xRows[ xFound ].ulTxQueued );
    /* The last call (rx_size) was about 300 ms ago; in the state since the
     * connect, longer than that. */
    TEST_ASSERT_UINT32_WITHIN( 200, 300, xRows[ xFound ].ulMsSinceApplicationCall );
    TEST_ASSERT_GREATER_OR_EQUAL_UINT32( 250, xRows[ xFound ].ulMsInState );

    /* Counting only; a short array; bad arguments. */
    TEST_ASSERT_EQUAL_INT( xCount, xFPTCP_GetSocketMetrics( NULL, 0 ) );
    TEST_ASSERT_EQUAL_INT( xCount, xFPTCP_GetSocketMetrics( xRows, 1 ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, xFPTCP_GetSocketMetrics( NULL, 1 ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, xFPTCP_GetSocketMetrics( xRows, -1 ) );

    TEST_ASSERT_EQUAL_INT( pdFAIL, xFPTCP_GetStackMetrics( NULL ) );
    TEST_ASSERT_EQUAL_INT( pdPASS, xFPTCP_GetStackMetrics( &xStack ) );
    TEST_ASSERT_EQUAL_UINT32( ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS, xStack.ulBuffersTotal );
    TEST_ASSERT_LESS_OR_EQUAL_UINT32( xStack.ulBuffersFree, xStack.ulBuffersMinimumFree );
    TEST_ASSERT_GREATER_OR_EQUAL_UINT32( 1, xStack.ulTcpSockets );
    TEST_ASSERT_GREATER_OR_EQUAL_UINT32( 3, xStack.ulFramesIn ); /* ARP reply, SYN+ACK, echo */
    TEST_ASSERT_GREATER_OR_EQUAL_UINT32( 3, xStack.ulFramesOut ); /* ARP request, SYN, ACK, data */
    /* A TCP socket with its streams: at least its RX and TX buffers. */
    TEST_ASSERT_GREATER_THAN_UINT32( ipconfigTCP_RX_BUFFER_LENGTH + ipconfigTCP_TX_BUFFER_LENGTH, xStack.ulHeapUsed );
    TEST_ASSERT_EQUAL_UINT32( 0, xStack.ulCloseWaitReaped );
}

/* ------------------------------------------------------------ shutdown(how) */

static void test_shutdown__shut_rd__no_fin_recv_ends_send_goes_on( void )
{
    Socket_t xSocket = prvEcho();
    char cBuf[ 16 ];

    TEST_ASSERT_EQUAL_INT( 3, FreeRTOS_send( xSocket, "abc", 3, 0 ) );
    TEST_ASSERT_EQUAL_INT( 3, xPeerWaitRx( xSocket, 3, 2000 ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, FreeRTOS_shutdown( xSocket, 5 ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_shutdown( xSocket, FREERTOS_SHUT_RD ) );
    /* The queued bytes are gone; recv() reports the end at once. */
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_rx_size( xSocket ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), 0 ) );
    /* No FIN went out: sending still works, and the echo is thrown away. */
    TEST_ASSERT_EQUAL_INT( 3, FreeRTOS_send( xSocket, "def", 3, 0 ) );
    vTaskDelay( pdMS_TO_TICKS( 300 ) );
    TEST_ASSERT_EQUAL_INT( eESTABLISHED, FreeRTOS_connstatus( xSocket ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_rx_size( xSocket ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), 0 ) );
    /* SHUT_RDWR: upstream's graceful close (the peer echoes EOF). */
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_shutdown( xSocket, FREERTOS_SHUT_RDWR ) );
    TEST_ASSERT_EQUAL_INT( eCLOSE_WAIT, xPeerWaitState( xSocket, eCLOSE_WAIT, 2000 ) );
}

/* ------------------------------------------------------------ capture */

typedef struct
{
    uint32_t ulRecords;
    uint32_t ulBadHeaders;
    uint32_t ulSynsToEcho;
    uint32_t ulLastSeconds;
} Capture_t;

static void prvOnFrame( void * pvContext,
                        const uint8_t * pucHeader,
                        const uint8_t * pucFrame,
                        size_t uxLength )
{
    Capture_t * pxCap = ( Capture_t * ) pvContext;
    uint32_t ulHeader[ 4 ];

    memcpy( ulHeader, pucHeader, sizeof( ulHeader ) );
    pxCap->ulRecords++;

    if( ( ulHeader[ 2 ] != uxLength ) || ( ulHeader[ 3 ] != uxLength ) || ( ulHeader[ 1 ] >= 1000000U ) ||
        ( ulHeader[ 0 ] < pxCap->ulLastSeconds ) )
    {
        pxCap->ulBadHeaders++;
    }

    pxCap->ulLastSeconds = ulHeader[ 0 ];

    /* IPv4 + TCP, SYN without ACK, to port 7007. */
    if( ( uxLength >= 54 ) && ( pucFrame[ 12 ] == 0x08 ) && ( pucFrame[ 13 ] == 0x00 ) && ( pucFrame[ 23 ] == 6 ) &&
        ( pucFrame[ 36 ] == ( peerPORT_ECHO >> 8 ) ) && ( pucFrame[ 37 ] == ( peerPORT_ECHO & 0xff ) ) &&
        ( ( pucFrame[ 47 ] & 0x12 ) == 0x02 ) )
    {
        pxCap->ulSynsToEcho++;
    }
}

static void test_pcap__hook__every_frame_with_a_record_header( void )
{
    static Capture_t xCap;
    uint8_t ucHeader[ 32 ];
    uint32_t ulMagic;
    FPTCP_StackMetrics_t xBefore, xAfter;
    Socket_t xSocket;

    TEST_ASSERT_EQUAL_UINT( 0, uxFPTCP_PcapFileHeader( ucHeader, 23 ) );
    TEST_ASSERT_EQUAL_UINT( 0, uxFPTCP_PcapFileHeader( NULL, 24 ) );
    TEST_ASSERT_EQUAL_UINT( 24, uxFPTCP_PcapFileHeader( ucHeader, sizeof( ucHeader ) ) );
    memcpy( &ulMagic, ucHeader, 4 );
    TEST_ASSERT_EQUAL_HEX32( 0xa1b2c3d4UL, ulMagic );
    TEST_ASSERT_EQUAL_UINT8( 1, ucHeader[ 20 ] ); /* LINKTYPE_ETHERNET, little-endian host */

    memset( &xCap, 0, sizeof( xCap ) );
    TEST_ASSERT_EQUAL_INT( pdPASS, xFPTCP_GetStackMetrics( &xBefore ) );
    vFPTCP_SetPcapHook( prvOnFrame, &xCap );
    xSocket = prvEcho();
    TEST_ASSERT_EQUAL_INT( 4, FreeRTOS_send( xSocket, "ping", 4, 0 ) );
    TEST_ASSERT_EQUAL_INT( 4, xPeerWaitRx( xSocket, 4, 2000 ) );
    vFPTCP_SetPcapHook( NULL, NULL );
    TEST_ASSERT_EQUAL_INT( pdPASS, xFPTCP_GetStackMetrics( &xAfter ) );

    TEST_ASSERT_EQUAL_UINT32( 1, xCap.ulSynsToEcho );
    TEST_ASSERT_EQUAL_UINT32( 0, xCap.ulBadHeaders );
    /* Every frame in and out while the hook was set (the control
     * connection may add a few after it was removed). */
    TEST_ASSERT_GREATER_OR_EQUAL_UINT32( 6, xCap.ulRecords );
    TEST_ASSERT_LESS_OR_EQUAL_UINT32( ( xAfter.ulFramesIn - xBefore.ulFramesIn ) +
                                      ( xAfter.ulFramesOut - xBefore.ulFramesOut ), xCap.ulRecords );
}

/* ------------------------------------------------------------ keep-alive */

#define extKA_BOUND_MS    ( ipconfigTCP_KEEP_ALIVE_INTERVAL * 1000U + \
                            ipconfigFPTCP_KEEP_ALIVE_PROBES * ipconfigFPTCP_KEEP_ALIVE_PROBE_INTERVAL_MS )

static int prvLink( const char * pcState )
{
    char cCommand[ 96 ];
    const char * pcTap = getenv( "FPTCP_TAP" );

    TEST_ASSERT_NOT_NULL_MESSAGE( pcTap, "FPTCP_TAP not set (run under support/run-in-netns.sh)" );
    ( void ) snprintf( cCommand, sizeof( cCommand ), "ip link set dev %s %s", pcTap, pcState );
    return system( cCommand );
}

static void test_keepalive__tuned_probes__vanished_peer_within_the_chosen_bound( void )
{
    Socket_t xSocket = xPeerTcpSocket();
    TickType_t xCut, xElapsed;

    TEST_ASSERT_EQUAL_UINT( 3000U, extKA_BOUND_MS );
    TEST_ASSERT_EQUAL_INT( 0, xPeerConnect( xSocket, peerPORT_SINK ) );
    TEST_ASSERT_EQUAL_INT( eESTABLISHED, xPeerWaitState( xSocket, eESTABLISHED, 2000 ) );
    /* An answering peer keeps the connection through the probes. */
    vTaskDelay( pdMS_TO_TICKS( 2U * extKA_BOUND_MS ) );
    TEST_ASSERT_EQUAL_INT_MESSAGE( eESTABLISHED, FreeRTOS_connstatus( xSocket ), "an answering peer was given up" );

    TEST_ASSERT_EQUAL_INT( 0, prvLink( "down" ) );
    xCut = xTaskGetTickCount();
    ( void ) xPeerWaitState( xSocket, eCLOSE_WAIT, pdMS_TO_TICKS( extKA_BOUND_MS + 5000U ) );
    xElapsed = xTaskGetTickCount() - xCut;
    TEST_ASSERT_EQUAL_INT( 0, prvLink( "up" ) );
    vFptcpTestPrintf( "FIGURE keepalive_tuned_detect_ms=%lu bound_ms=%u\n", ( unsigned long ) xElapsed,
                      ( unsigned ) extKA_BOUND_MS );
    TEST_ASSERT_EQUAL_INT_MESSAGE( eCLOSE_WAIT, FreeRTOS_connstatus( xSocket ), "the vanished peer was not given up" );
    /* At least the probes' own time, at most the chosen bound (plus
     * scheduling slack); upstream's fixed values would need 14 s. */
    peerASSERT_BETWEEN( ipconfigFPTCP_KEEP_ALIVE_PROBES * ipconfigFPTCP_KEEP_ALIVE_PROBE_INTERVAL_MS,
                        extKA_BOUND_MS + 300U, xElapsed, "ticks from the cut to eCLOSE_WAIT" );
}

void vRunTests( void )
{
    RUN_TEST( test_metrics__connection_to_echo__state_queues_and_calls );
    RUN_TEST( test_shutdown__shut_rd__no_fin_recv_ends_send_goes_on );
    RUN_TEST( test_pcap__hook__every_frame_with_a_record_header );
    RUN_TEST( test_keepalive__tuned_probes__vanished_peer_within_the_chosen_bound );
}
