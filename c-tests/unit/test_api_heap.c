/*
 * A full FreeRTOS heap is an answer, not an assert (docs/decisions.md):
 *   - FreeRTOS_socket() returns FREERTOS_INVALID_SOCKET;
 *   - a SYN whose child socket cannot be allocated is answered with an RST
 *     (the Linux peer's connect() is refused);
 *   - a TX stream that cannot be allocated makes send() return
 *     -pdFREERTOS_ERRNO_ENOMEM and moves the connection to eCLOSE_WAIT with
 *     the malloc-error mark (upstream's bMallocError): send() and recv() on
 *     it return -ENOMEM from then on, also once the heap is back;
 *   - a network buffer that cannot be allocated costs no descriptor, and the
 *     data goes out later;
 * and none of it loses a network buffer descriptor.
 *
 * The host build links heap_3 (malloc), which never runs out. This program
 * is linked with -Wl,--wrap=pvPortMalloc (c-tests/unit/tests.cmake), so every
 * pvPortMalloc() call -- the Rust library's and the kernel's -- comes to
 * __wrap_pvPortMalloc() below, which refuses requests while a test asks it
 * to. Refusals are limited to one task (the one whose call is under test)
 * and, where that task must keep working otherwise, to large requests, so
 * the rest of the system (the TAP driver's task, the control connection to
 * the peers) is not disturbed.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "peer_util.h"
#include "NetworkBufferManagement.h"

#define heapLISTEN_PORT    8091

/* Requests at least this large are refused in the IP task while a SYN is
 * handled: a TCP socket is several hundred bytes (640 on x86-64 today),
 * while the frames of the control exchange that the IP task must still
 * send meanwhile (a command line, ACKs, the RST) are below 128 bytes. If a
 * socket ever gets smaller than this, the SYN test fails at "no allocation
 * was refused". */
#define heapSOCKET_MIN_SIZE    256U

/* ------------------------------------------------------------ the wrapper */

void * __real_pvPortMalloc( size_t xWantedSize );
void * __wrap_pvPortMalloc( size_t xWantedSize );

/* Whose requests are refused (NULL: nobody's), from which size on, and how
 * many were refused since the last prvRefuse(). Written by the unity task,
 * read by whichever task allocates; the POSIX port runs one task at a time.
 * xRefusedTask is set last and cleared first, so the wrapper never sees a
 * half-set rule. */
static TaskHandle_t volatile xRefusedTask = NULL;
static volatile size_t uxRefuseFrom = SIZE_MAX;
static volatile UBaseType_t uxRefusedCount = 0;

void * __wrap_pvPortMalloc( size_t xWantedSize )
{
    TaskHandle_t xTask = xRefusedTask;

    if( ( xTask != NULL ) && ( xWantedSize >= uxRefuseFrom ) &&
        ( xTaskGetCurrentTaskHandle() == xTask ) )
    {
        uxRefusedCount++;
        return NULL;
    }

    return __real_pvPortMalloc( xWantedSize );
}

/* From now on, xTask's requests of at least uxFromSize bytes get NULL. */
static void prvRefuse( TaskHandle_t xTask,
                       size_t uxFromSize )
{
    xRefusedTask = NULL;
    uxRefusedCount = 0;
    uxRefuseFrom = uxFromSize;
    xRefusedTask = xTask;
}

/* The heap answers every request again. */
static void prvAllowAll( void )
{
    xRefusedTask = NULL;
    uxRefuseFrom = SIZE_MAX;
}

static TaskHandle_t prvIPTask( void )
{
    TaskHandle_t xIPTask = xTaskGetHandle( "IP-task" );

    TEST_ASSERT_NOT_NULL_MESSAGE( xIPTask, "no task named IP-task" );
    return xIPTask;
}

/* ------------------------------------------------------------ fixtures */

static char cReply[ 256 ];

/* The pool's free descriptors before the first test; the last test
 * compares. */
static UBaseType_t uxFreeBuffersAtStart = 0;

void setUp( void )
{
}

void tearDown( void )
{
    char cIgnored[ 64 ];

    /* First, so that a failed assertion with the heap refusing does not
     * spill into the clean-up or the next test. */
    prvAllowAll();
    ( void ) xPeerCommand( "release", cIgnored, sizeof( cIgnored ) );
    vPeerCloseTracked();
    vTaskDelay( pdMS_TO_TICKS( 20 ) );
}

/* A socket connected to the Linux peer's usPort, RCVTIMEO = SNDTIMEO = 2000,
 * created and connected with the heap available. Its streams do not exist
 * yet: they are created on first use. */
static Socket_t prvConnected( uint16_t usPort )
{
    Socket_t xSocket = xPeerTcpSocket();

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetSndTimeout( xSocket, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerConnect( xSocket, usPort ) );
    peerASSERT_STATE( eESTABLISHED, xSocket );
    return xSocket;
}

/* Sends pcText on xSocket (connected to the echo peer) and checks that the
 * same bytes come back. */
static void prvAssertEchoes( Socket_t xSocket,
                             const char * pcText )
{
    BaseType_t xLength = ( BaseType_t ) strlen( pcText );
    char cBuf[ 32 ];
    BaseType_t xGot = 0;

    TEST_ASSERT_TRUE( ( size_t ) xLength <= sizeof( cBuf ) );
    TEST_ASSERT_EQUAL_INT( xLength, FreeRTOS_send( xSocket, pcText, ( size_t ) xLength, 0 ) );

    while( xGot < xLength )
    {
        BaseType_t xRc = FreeRTOS_recv( xSocket, &cBuf[ xGot ], ( size_t ) ( xLength - xGot ), 0 );

        TEST_ASSERT_TRUE_MESSAGE( xRc > 0, "the echo did not come back" );
        xGot += xRc;
    }

    TEST_ASSERT_EQUAL_MEMORY( pcText, cBuf, ( size_t ) xLength );
}

/* ------------------------------------------------------------ 0: made-up handles */

/* A made-up handle names a slot far beyond the socket table (0x12345: slot
 * 0x2344, generation 1). The blocking calls wait on the slot's event group,
 * made with the slot; a receive used to make the groups up to the handle's
 * slot before it found no socket there: about 9,000 event groups, never
 * freed, for one call (found by a review, fixed in socket::calls). Now the
 * socket is checked first: -EINVAL, and not one allocation. */
static void test_recvfrom_and_recv_on_made_up_handle__einval_without_allocating( void )
{
    char cBuf[ 8 ];
    struct freertos_sockaddr xFrom;
    socklen_t xFromLength = sizeof( xFrom );
    Socket_t xMadeUp = ( Socket_t ) ( uintptr_t ) 0x12345U;
    BaseType_t xRecvFrom, xRecvFromBlocking, xRecv;
    UBaseType_t uxRefused;

    /* Every request of this task is refused and counted. */
    prvRefuse( xTaskGetCurrentTaskHandle(), 1U );
    xRecvFrom = FreeRTOS_recvfrom( xMadeUp, cBuf, sizeof( cBuf ), FREERTOS_MSG_DONTWAIT, &xFrom, &xFromLength );
    xRecvFromBlocking = FreeRTOS_recvfrom( xMadeUp, cBuf, sizeof( cBuf ), 0, &xFrom, &xFromLength );
    xRecv = FreeRTOS_recv( xMadeUp, cBuf, sizeof( cBuf ), 0 );
    uxRefused = uxRefusedCount;
    prvAllowAll();

    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, xRecvFrom );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, xRecvFromBlocking );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EINVAL, xRecv );
    TEST_ASSERT_EQUAL_UINT_MESSAGE( 0U, uxRefused, "a call on a made-up handle asked the heap for memory" );
}

/* ------------------------------------------------------------ 1: socket() */

static void test_socket_with_heap_full__returns_invalid_socket_then_works_once_heap_is_back( void )
{
    Socket_t xSocket;

    prvRefuse( xTaskGetCurrentTaskHandle(), 0U );
    xSocket = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );
    prvAllowAll();

    if( ( xSocket != FREERTOS_INVALID_SOCKET ) && ( xSocket != NULL ) )
    {
        vPeerTrack( xSocket );
    }

    TEST_ASSERT_TRUE_MESSAGE( xSocket == FREERTOS_INVALID_SOCKET,
                              "FreeRTOS_socket() with the heap full did not return FREERTOS_INVALID_SOCKET" );
    TEST_ASSERT_TRUE_MESSAGE( uxRefusedCount > 0U, "FreeRTOS_socket() asked the heap for nothing" );

    xSocket = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );
    TEST_ASSERT_TRUE_MESSAGE( ( xSocket != FREERTOS_INVALID_SOCKET ) && ( xSocket != NULL ),
                              "FreeRTOS_socket() failed with the heap back" );
    vPeerTrack( xSocket );
    TEST_ASSERT_EQUAL_INT( 0, xPeerBind( xSocket, heapLISTEN_PORT ) );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xSocket ) );
}

/* ------------------------------------------------------------ 2: a child */

static void test_syn_when_child_cannot_be_allocated__is_refused_then_next_connection_is_accepted( void )
{
    Socket_t xListener = xPeerTcpSocket();
    struct freertos_sockaddr xAddress;
    socklen_t xLength = 0;
    char cBuf[ 16 ];
    char cCmd[ 48 ];
    Socket_t xChild;

    TEST_ASSERT_EQUAL_INT( 0, xPeerBind( xListener, heapLISTEN_PORT ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_listen( xListener, 2 ) );
    /* The control connection's streams exist before the heap says no (the
     * reply is received into the RX stream). */
    vPeerCommandOk( "ping", cReply, sizeof( cReply ) );

    /* The IP task makes the child when the SYN arrives. */
    prvRefuse( prvIPTask(), heapSOCKET_MIN_SIZE );
    ( void ) snprintf( cCmd, sizeof( cCmd ), "connect %u close", ( unsigned ) heapLISTEN_PORT );
    vPeerCommandOk( cCmd, cReply, sizeof( cReply ) );
    prvAllowAll();
    TEST_ASSERT_TRUE_MESSAGE( uxRefusedCount > 0U, "no allocation was refused while the SYN was handled" );
    TEST_ASSERT_EQUAL_STRING_MESSAGE( "ok refused", cReply, "the peer's connect() was not refused (RST)" );

    /* No half-made child is waiting. */
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xListener, 0 ) );
    TEST_ASSERT_NULL( FreeRTOS_accept( xListener, NULL, NULL ) );
    peerASSERT_STATE( eTCP_LISTEN, xListener );

    /* With the heap back, the next connection is a normal one. */
    ( void ) snprintf( cCmd, sizeof( cCmd ), "connect %u send hello hold", ( unsigned ) heapLISTEN_PORT );
    vPeerCommandOk( cCmd, cReply, sizeof( cReply ) );
    TEST_ASSERT_TRUE_MESSAGE( strcmp( cReply, "ok refused" ) != 0, cReply );
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xListener, 2000 ) );
    xChild = FreeRTOS_accept( xListener, &xAddress, &xLength );
    TEST_ASSERT_NOT_NULL_MESSAGE( xChild, "accept returned NULL" );
    TEST_ASSERT_TRUE_MESSAGE( xChild != FREERTOS_INVALID_SOCKET, "accept returned FREERTOS_INVALID_SOCKET" );
    vPeerTrack( xChild );
    TEST_ASSERT_EQUAL_HEX32( ulFptcpTestPeerIP(), xAddress.sin_address.ulIP_IPv4 );
    peerASSERT_STATE( eESTABLISHED, xChild );
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xChild, 2000 ) );

    /* Peer -> child. */
    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_recv( xChild, cBuf, sizeof( cBuf ), 0 ) );
    TEST_ASSERT_EQUAL_MEMORY( "hello", cBuf, 5 );
    /* Child -> peer. */
    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_send( xChild, "world", 5, 0 ) );
    vPeerCommandOk( "read-held 0 5", cReply, sizeof( cReply ) );
    TEST_ASSERT_EQUAL_STRING( "ok 5 world", cReply );
}

/* ------------------------------------------------------------ 3: send() */

static void test_send_when_tx_stream_cannot_be_allocated__returns_enomem_and_connection_moves_to_close_wait( void )
{
    Socket_t xSocket = prvConnected( peerPORT_ECHO );
    char cBuf[ 16 ];

    prvRefuse( xTaskGetCurrentTaskHandle(), 0U );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOMEM, FreeRTOS_send( xSocket, "hello", 5, 0 ) );
    prvAllowAll();
    TEST_ASSERT_TRUE_MESSAGE( uxRefusedCount > 0U, "send() asked the heap for nothing" );

    /* As upstream (bMallocError): the connection is given up and keeps
     * answering -ENOMEM, also with the heap back. */
    peerASSERT_STATE( eCLOSE_WAIT, xSocket );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOMEM, FreeRTOS_send( xSocket, "hello", 5, 0 ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOMEM, FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), 0 ) );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xSocket ) );

    /* A new connection sends, and the peer gets the bytes. */
    xSocket = prvConnected( peerPORT_ECHO );
    prvAssertEchoes( xSocket, "hello" );
}

/* Another task blocked in recv() on that connection learns of the
 * eCLOSE_WAIT at once, not when the IP task next wakes for something else
 * (it has no timer left on a given-up connection). */
static Socket_t xBlockedSocket;
static volatile BaseType_t xBlockedResult;
static volatile TickType_t xBlockedReturnedAt;
static volatile BaseType_t xBlockedDone;

static void prvBlockedReceiver( void * pvArg )
{
    char cBuf[ 8 ];

    ( void ) pvArg;
    xBlockedResult = FreeRTOS_recv( xBlockedSocket, cBuf, sizeof( cBuf ), 0 );
    xBlockedReturnedAt = xTaskGetTickCount();
    xBlockedDone = pdTRUE;
    vTaskDelete( NULL );
}

static void test_recv_blocked_in_another_task__wakes_when_send_fails_for_lack_of_heap( void )
{
    Socket_t xSocket = prvConnected( peerPORT_ECHO );
    TickType_t xFailedAt;
    int i;

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, pdMS_TO_TICKS( 8000 ) ) );
    xBlockedSocket = xSocket;
    xBlockedDone = pdFALSE;
    TEST_ASSERT_EQUAL_INT( pdPASS, xTaskCreate( prvBlockedReceiver, "blk-recv", configMINIMAL_STACK_SIZE,
                                                NULL, uxTaskPriorityGet( NULL ), NULL ) );
    vTaskDelay( pdMS_TO_TICKS( 200 ) );
    TEST_ASSERT_FALSE_MESSAGE( xBlockedDone, "recv returned before the failing send" );

    prvRefuse( xTaskGetCurrentTaskHandle(), 0U );
    xFailedAt = xTaskGetTickCount();
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOMEM, FreeRTOS_send( xSocket, "hello", 5, 0 ) );
    prvAllowAll();

    for( i = 0; ( i < 300 ) && ( xBlockedDone == pdFALSE ); i++ )
    {
        vTaskDelay( pdMS_TO_TICKS( 10 ) );
    }

    TEST_ASSERT_TRUE_MESSAGE( xBlockedDone, "recv still blocked 3 s after the connection was given up" );
    peerASSERT_BETWEEN( 0UL, 50UL, xBlockedReturnedAt - xFailedAt, "ticks from the failed send() until recv returned" );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOMEM, xBlockedResult );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xSocket ) );
}

/* A network buffer the IP task cannot allocate (BufferAllocation_2 takes
 * every Ethernet buffer from the heap): the queued data stays in the TX
 * stream and goes out once the heap is back; no descriptor is lost (the
 * last test counts them). */
static void test_segment_when_network_buffer_cannot_be_allocated__goes_out_later( void )
{
    Socket_t xSocket = prvConnected( peerPORT_ECHO );
    char cBuf[ 16 ];

    prvAssertEchoes( xSocket, "first" );

    prvRefuse( prvIPTask(), 0U );
    TEST_ASSERT_EQUAL_INT( 6, FreeRTOS_send( xSocket, "second", 6, 0 ) );
    vTaskDelay( pdMS_TO_TICKS( 200 ) );
    /* Nothing went out, so nothing came back (the RX stream exists: the
     * echo would not need the heap). */
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_rx_size( xSocket ) );
    prvAllowAll();
    TEST_ASSERT_TRUE_MESSAGE( uxRefusedCount > 0U, "the IP task asked the heap for nothing" );

    /* The retransmission timer sends it now that the heap is back. */
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, pdMS_TO_TICKS( 5000 ) ) );
    TEST_ASSERT_EQUAL_INT( 6, FreeRTOS_recv( xSocket, cBuf, sizeof( cBuf ), 0 ) );
    TEST_ASSERT_EQUAL_MEMORY( "second", cBuf, 6 );
    prvAssertEchoes( xSocket, "third" );
}

/* ------------------------------------------------------------ 4: the pool */

static void test_after_all_of_it__every_network_buffer_is_back_in_the_pool( void )
{
    TickType_t xStart = xTaskGetTickCount();
    UBaseType_t uxFree = uxGetNumberOfFreeNetworkBuffers();

    /* Frames of the closing connections may still be on their way. */
    while( ( uxFree != uxFreeBuffersAtStart ) && ( ( xTaskGetTickCount() - xStart ) < pdMS_TO_TICKS( 2000 ) ) )
    {
        vTaskDelay( pdMS_TO_TICKS( 10 ) );
        uxFree = uxGetNumberOfFreeNetworkBuffers();
    }

    TEST_ASSERT_EQUAL_UINT( ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS, uxFreeBuffersAtStart );
    TEST_ASSERT_EQUAL_UINT( uxFreeBuffersAtStart, uxFree );
}

void vRunTests( void )
{
    uxFreeBuffersAtStart = uxGetNumberOfFreeNetworkBuffers();

    RUN_TEST( test_recvfrom_and_recv_on_made_up_handle__einval_without_allocating );
    RUN_TEST( test_socket_with_heap_full__returns_invalid_socket_then_works_once_heap_is_back );
    RUN_TEST( test_syn_when_child_cannot_be_allocated__is_refused_then_next_connection_is_accepted );
    RUN_TEST( test_send_when_tx_stream_cannot_be_allocated__returns_enomem_and_connection_moves_to_close_wait );
    RUN_TEST( test_recv_blocked_in_another_task__wakes_when_send_fails_for_lack_of_heap );
    RUN_TEST( test_segment_when_network_buffer_cannot_be_allocated__goes_out_later );
    RUN_TEST( test_after_all_of_it__every_network_buffer_is_back_in_the_pool );
}
