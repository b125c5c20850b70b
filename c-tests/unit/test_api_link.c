/*
 * The link going down and coming back in the middle of transfers (issue #9,
 * "Faults"). The Linux peer pulls the "cable" (`ip link set tap0 down`,
 * peers.py command "link") while a TCP transfer to the echo server runs in
 * both directions, and plugs it back in 1.5 s later.
 *
 * What upstream does and we keep: the driver reports the lost link with
 * FreeRTOS_NetworkDown(); the stack calls the network event hook with
 * eNetworkDown, FreeRTOS_IsNetworkUp() says pdFALSE, and the IP task calls
 * pfInitialise() every 3 s until it passes (the TAP driver's passes once the
 * device is up again), then eNetworkUp. Sockets are not closed: TCP
 * retransmits, and the transfer completes once the link is back.
 *
 * Asserted: the down and up events and their timing; every byte of the
 * transfer arrives, in order (a pattern checked byte by byte); a datagram
 * sent while the link is down is an answer, not a crash; after closing,
 * every network buffer is back in the pool.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "peer_util.h"
#include "NetworkBufferManagement.h"

#define linkTRANSFER_BYTES    ( 256U * 1024U )
#define linkCHUNK             1024U
#define linkDOWN_MS           1500U

/* The byte at offset i of the transfer. */
static uint8_t prvPattern( uint32_t ulOffset )
{
    return ( uint8_t ) ( ( ulOffset * 7U ) ^ ( ulOffset >> 8 ) );
}

/* ------------------------------------------------------------ the writer */

static Socket_t xWriterSocket;
static volatile uint32_t ulWritten;
static volatile BaseType_t xWriterResult;
static volatile BaseType_t xWriterDone;

static void prvWriter( void * pvArg )
{
    uint8_t ucChunk[ linkCHUNK ];

    ( void ) pvArg;
    xWriterResult = 0;

    while( ulWritten < linkTRANSFER_BYTES )
    {
        uint32_t i;
        BaseType_t xRc;

        for( i = 0; i < linkCHUNK; i++ )
        {
            ucChunk[ i ] = prvPattern( ulWritten + i );
        }

        xRc = FreeRTOS_send( xWriterSocket, ucChunk, linkCHUNK, 0 );

        if( xRc < 0 )
        {
            xWriterResult = xRc;
            break;
        }

        if( xRc == 0 )
        {
            continue; /* the send timeout ran out while the link was down */
        }

        /* FreeRTOS_send() takes the whole chunk or blocks until it can. */
        ulWritten += ( uint32_t ) xRc;

        if( ( uint32_t ) xRc != linkCHUNK )
        {
            xWriterResult = -1000 - xRc;
            break;
        }
    }

    xWriterDone = pdTRUE;
    vTaskDelete( NULL );
}

/* ------------------------------------------------------------ fixtures */

static UBaseType_t uxFreeBuffersAtStart;

void setUp( void )
{
}

void tearDown( void )
{
    char cIgnored[ 32 ];

    ( void ) xPeerCommand( "link up", cIgnored, sizeof( cIgnored ) );
    vPeerCloseTracked();
}

/* Waits until FreeRTOS_IsNetworkUp() is xWanted; the ticks it took, or
 * portMAX_DELAY when it did not happen within xMaxTicks. */
static TickType_t prvWaitNetwork( BaseType_t xWanted,
                                  TickType_t xMaxTicks )
{
    TickType_t xStart = xTaskGetTickCount();

    while( FreeRTOS_IsNetworkUp() != xWanted )
    {
        if( ( xTaskGetTickCount() - xStart ) > xMaxTicks )
        {
            return portMAX_DELAY;
        }

        vTaskDelay( pdMS_TO_TICKS( 10 ) );
    }

    return xTaskGetTickCount() - xStart;
}

/* ------------------------------------------------------------ the test */

static void test_link_down_and_up_mid_transfer__events_then_every_byte_arrives( void )
{
    Socket_t xSocket = xPeerTcpSocket();
    uint8_t ucBuf[ 1460 ];
    uint32_t ulRead = 0;
    uint32_t ulDownsBefore = ulFptcpTestNetworkDowns;
    uint32_t ulUpsBefore = ulFptcpTestNetworkUps;
    BaseType_t xFlapped = pdFALSE;
    TickType_t xDownTook = portMAX_DELAY;
    TickType_t xUpTook = portMAX_DELAY;
    TickType_t xStart;
    char cReply[ 64 ];
    char cCmd[ 120 ];
    int32_t lDatagram = 0;

    uxFreeBuffersAtStart = uxGetNumberOfFreeNetworkBuffers();
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, pdMS_TO_TICKS( 10000 ) ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetSndTimeout( xSocket, pdMS_TO_TICKS( 10000 ) ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerConnect( xSocket, peerPORT_ECHO ) );

    xWriterSocket = xSocket;
    ulWritten = 0;
    xWriterDone = pdFALSE;
    TEST_ASSERT_EQUAL_INT( pdPASS, xTaskCreate( prvWriter, "link-writer", configMINIMAL_STACK_SIZE * 4, NULL,
                                                uxTaskPriorityGet( NULL ), NULL ) );

    xStart = xTaskGetTickCount();

    while( ulRead < linkTRANSFER_BYTES )
    {
        BaseType_t xRc = FreeRTOS_recv( xSocket, ucBuf, sizeof( ucBuf ), 0 );
        BaseType_t i;

        if( xRc <= 0 )
        {
            ( void ) snprintf( cCmd, sizeof( cCmd ), "recv returned %ld after %lu bytes (written %lu)",
                               ( long ) xRc, ( unsigned long ) ulRead, ( unsigned long ) ulWritten );
            TEST_FAIL_MESSAGE( cCmd );
        }

        for( i = 0; i < xRc; i++ )
        {
            if( ucBuf[ i ] != prvPattern( ulRead + ( uint32_t ) i ) )
            {
                ( void ) snprintf( cCmd, sizeof( cCmd ), "byte %lu is wrong", ( unsigned long ) ( ulRead + i ) );
                TEST_FAIL_MESSAGE( cCmd );
            }
        }

        ulRead += ( uint32_t ) xRc;

        /* A quarter through: pull the cable now, plug it in 1.5 s later. */
        if( ( xFlapped == pdFALSE ) && ( ulRead >= ( linkTRANSFER_BYTES / 4U ) ) )
        {
            xFlapped = pdTRUE;
            /* Both in the background: a reply sent after the cable is
             * pulled would only arrive once it is back. */
            ( void ) snprintf( cCmd, sizeof( cCmd ), "after %u link up", 50U + linkDOWN_MS );
            vPeerCommandOk( cCmd, cReply, sizeof( cReply ) );
            vPeerCommandOk( "after 50 link down", cReply, sizeof( cReply ) );

            /* The driver looks at the link every 100 ms. */
            xDownTook = prvWaitNetwork( pdFALSE, pdMS_TO_TICKS( 1000 ) );
            TEST_ASSERT_TRUE_MESSAGE( xDownTook != portMAX_DELAY, "the stack did not see the link go down within 1 s" );

            /* A datagram while the link is down: an answer, not a crash
             * (upstream: 0 when nothing could be sent, else the length). */
            {
                Socket_t xUdp = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_DGRAM, FREERTOS_IPPROTO_UDP );
                struct freertos_sockaddr xTo;

                TEST_ASSERT_TRUE( ( xUdp != FREERTOS_INVALID_SOCKET ) && ( xUdp != NULL ) );
                vPeerAddress( &xTo, ulFptcpTestPeerIP(), 7100 );
                lDatagram = FreeRTOS_sendto( xUdp, "down", 4, 0, &xTo, sizeof( xTo ) );
                TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xUdp ) );
            }

            /* pfInitialise() is retried every 3 s until the link is back. */
            xUpTook = prvWaitNetwork( pdTRUE, pdMS_TO_TICKS( linkDOWN_MS + 3000U + 1000U ) );
            TEST_ASSERT_TRUE_MESSAGE( xUpTook != portMAX_DELAY, "the network was not up again 5.5 s after the link came back" );
        }

        TEST_ASSERT_TRUE_MESSAGE( ( xTaskGetTickCount() - xStart ) < pdMS_TO_TICKS( 60000 ), "the transfer took over 60 s" );
    }

    vFptcpTestPrintf( "link: down seen after %lu ticks, up again after %lu more; %lu bytes echoed in %lu ticks; "
                      "sendto while down gave %ld\n",
                      ( unsigned long ) xDownTook, ( unsigned long ) xUpTook, ( unsigned long ) ulRead,
                      ( unsigned long ) ( xTaskGetTickCount() - xStart ), ( long ) lDatagram );

    TEST_ASSERT_TRUE( xFlapped );
    TEST_ASSERT_EQUAL_UINT32( linkTRANSFER_BYTES, ulRead );
    TEST_ASSERT_TRUE_MESSAGE( xWriterDone, "the writer did not finish" );
    TEST_ASSERT_EQUAL_INT( 0, xWriterResult );
    TEST_ASSERT_TRUE_MESSAGE( ( lDatagram == 0 ) || ( lDatagram == 4 ), "sendto while down gave neither 0 nor 4" );
    TEST_ASSERT_EQUAL_UINT32_MESSAGE( ulDownsBefore + 1U, ulFptcpTestNetworkDowns, "eNetworkDown events" );
    TEST_ASSERT_EQUAL_UINT32_MESSAGE( ulUpsBefore + 1U, ulFptcpTestNetworkUps, "eNetworkUp events" );
    /* The link was down about 1.5 s; the retry that finds it up comes
     * within 3 s after that. */
    peerASSERT_BETWEEN( pdMS_TO_TICKS( linkDOWN_MS ) - pdMS_TO_TICKS( 1000 ), pdMS_TO_TICKS( linkDOWN_MS + 3000U + 500U ),
                        xUpTook, "ticks from down until up again" );

    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xSocket ) );
}

static void test_after_the_flap__every_network_buffer_is_back( void )
{
    TickType_t xStart = xTaskGetTickCount();

    while( ( uxGetNumberOfFreeNetworkBuffers() != uxFreeBuffersAtStart ) &&
           ( ( xTaskGetTickCount() - xStart ) < pdMS_TO_TICKS( 3000 ) ) )
    {
        vTaskDelay( pdMS_TO_TICKS( 10 ) );
    }

    TEST_ASSERT_EQUAL_UINT( uxFreeBuffersAtStart, uxGetNumberOfFreeNetworkBuffers() );
    TEST_ASSERT_EQUAL_UINT( ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS, uxFreeBuffersAtStart );
}

void vRunTests( void )
{
    RUN_TEST( test_link_down_and_up_mid_transfer__events_then_every_byte_arrives );
    RUN_TEST( test_after_the_flap__every_network_buffer_is_back );
}
