/*
 * The fault walk (issue #9, "Faults"): pvPortMalloc() failing at each
 * allocation site in turn.
 *
 * One pass of a scenario uses the heap the way an ordinary application
 * does: a TCP client that reads a greeting and closes, a TCP client that
 * sends to an echo server and reads the echo, a UDP exchange with an echo
 * server, and a listener accepting a connection from the Linux peer. Pass
 * N refuses exactly the N-th allocation made by this task or the IP task
 * after the pass starts; everything else is served. The walk goes on until
 * a pass makes fewer than N allocations, i.e. every allocation of the
 * scenario was refused once (bounded by fwalkMAX_PASSES).
 *
 * After every pass:
 *   - each call returned its success value or one of the error codes the
 *     reference documents for it (a refusal is an answer, never a crash);
 *   - with the heap back and the connections settled, the number of live
 *     heap blocks returns to what it was after an unrefused warm-up pass
 *     (nothing leaked), and every network buffer is back in the pool;
 *   - an unrefused pass then succeeds completely (the stack recovered).
 *
 * The program is linked with -Wl,--wrap=pvPortMalloc,--wrap=vPortFree
 * (c-tests/unit/tests.cmake): every heap call of the Rust library and the
 * kernel comes through the wrappers below.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "peer_util.h"
#include "NetworkBufferManagement.h"

#define fwalkLISTEN_PORT    8093
#define fwalkUDP_ECHO       7100
#define fwalkMAX_PASSES     400

/* ------------------------------------------------------------ the wrappers */

void * __real_pvPortMalloc( size_t xWantedSize );
void * __wrap_pvPortMalloc( size_t xWantedSize );
void __real_vPortFree( void * pv );
void __wrap_vPortFree( void * pv );

/* The two tasks whose requests are counted (NULL: counting is off), the
 * ordinal of the one to refuse, how many were counted, and the number of
 * live blocks. The TAP driver's reader is a plain thread, so the counters
 * are updated atomically. */
static TaskHandle_t volatile xCountedA = NULL;
static TaskHandle_t volatile xCountedB = NULL;
static volatile uint32_t ulRefuseOrdinal = 0;
static volatile uint32_t ulCounted = 0;
static volatile uint32_t ulRefused = 0;
static volatile int32_t lLiveBlocks = 0;

void * __wrap_pvPortMalloc( size_t xWantedSize )
{
    TaskHandle_t xA = xCountedA;
    void * pv;

    if( ( xA != NULL ) && ( xTaskGetSchedulerState() == taskSCHEDULER_RUNNING ) )
    {
        TaskHandle_t xMe = xTaskGetCurrentTaskHandle();

        if( ( xMe == xA ) || ( xMe == xCountedB ) )
        {
            uint32_t ulOrdinal = __atomic_add_fetch( &ulCounted, 1U, __ATOMIC_SEQ_CST );

            if( ulOrdinal == ulRefuseOrdinal )
            {
                __atomic_add_fetch( &ulRefused, 1U, __ATOMIC_SEQ_CST );
                return NULL;
            }
        }
    }

    pv = __real_pvPortMalloc( xWantedSize );

    if( pv != NULL )
    {
        __atomic_add_fetch( &lLiveBlocks, 1, __ATOMIC_SEQ_CST );
    }

    return pv;
}

void __wrap_vPortFree( void * pv )
{
    if( pv != NULL )
    {
        __atomic_sub_fetch( &lLiveBlocks, 1, __ATOMIC_SEQ_CST );
    }

    __real_vPortFree( pv );
}

/* Counts this task's and the IP task's requests from now on and refuses
 * the ulOrdinal-th (0: none). */
static void prvArm( uint32_t ulOrdinal )
{
    xCountedA = NULL;
    ulCounted = 0;
    ulRefused = 0;
    ulRefuseOrdinal = ulOrdinal;
    xCountedB = xTaskGetHandle( "IP-task" );
    TEST_ASSERT_NOT_NULL_MESSAGE( xCountedB, "no task named IP-task" );
    xCountedA = xTaskGetCurrentTaskHandle();
}

static void prvDisarm( void )
{
    xCountedA = NULL;
    ulRefuseOrdinal = 0;
}

/* ------------------------------------------------------------ the scenario */

/* What went wrong in a pass, for the failure message. */
static char cProblem[ 200 ];

static void prvNote( const char * pcCall,
                     long lResult )
{
    if( cProblem[ 0 ] == '\0' )
    {
        ( void ) snprintf( cProblem, sizeof( cProblem ), "%s returned %ld", pcCall, lResult );
    }
}

/* Whether xResult is xSuccess or one of the listed error codes (0
 * terminated; values given positive). */
static BaseType_t prvAllowed( const char * pcCall,
                              BaseType_t xResult,
                              BaseType_t xSuccess,
                              const BaseType_t * pxErrors )
{
    if( xResult == xSuccess )
    {
        return pdTRUE;
    }

    for( ; *pxErrors != 0; pxErrors++ )
    {
        if( xResult == -*pxErrors )
        {
            return pdFALSE;
        }
    }

    prvNote( pcCall, ( long ) xResult );
    return pdFALSE;
}

/* Codes a failed connect() may give (reference §2.4 and table 14.1). */
static const BaseType_t xConnectErrors[] =
{
    pdFREERTOS_ERRNO_ENOMEM,     pdFREERTOS_ERRNO_ETIMEDOUT, pdFREERTOS_ERRNO_ENOTCONN,
    pdFREERTOS_ERRNO_EWOULDBLOCK, pdFREERTOS_ERRNO_ENOBUFS,   0
};
/* ... send() and recv() (§2.6, §2.7). */
static const BaseType_t xStreamErrors[] =
{
    pdFREERTOS_ERRNO_ENOMEM,   pdFREERTOS_ERRNO_ENOTCONN, pdFREERTOS_ERRNO_ENOSPC,
    pdFREERTOS_ERRNO_EWOULDBLOCK, 0
};
/* ... setsockopt() (§2.8) and bind() (§2.2). */
static const BaseType_t xSetupErrors[] = { pdFREERTOS_ERRNO_ENOMEM, pdFREERTOS_ERRNO_ENOBUFS, 0 };
static const BaseType_t xNoErrors[] = { 0 };

static Socket_t prvSocket( BaseType_t xType,
                           BaseType_t xProtocol )
{
    Socket_t xSocket = FreeRTOS_socket( FREERTOS_AF_INET, xType, xProtocol );

    if( ( xSocket == FREERTOS_INVALID_SOCKET ) || ( xSocket == NULL ) )
    {
        return NULL; /* the documented answer of a full heap */
    }

    TickType_t xTimeout = pdMS_TO_TICKS( 1500 );
    ( void ) prvAllowed( "setsockopt(RCVTIMEO)",
                         FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_RCVTIMEO, &xTimeout, sizeof( xTimeout ) ),
                         0, xSetupErrors );
    ( void ) prvAllowed( "setsockopt(SNDTIMEO)",
                         FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_SNDTIMEO, &xTimeout, sizeof( xTimeout ) ),
                         0, xSetupErrors );
    return xSocket;
}

static void prvClose( Socket_t xSocket )
{
    if( xSocket != NULL )
    {
        ( void ) prvAllowed( "closesocket", FreeRTOS_closesocket( xSocket ), 1, xNoErrors );
    }
}

/* A TCP client reading everything the peer on usPort sends until it
 * closes, after sending pcSend (may be NULL). Returns the bytes read. */
static BaseType_t prvTcpClient( uint16_t usPort,
                                const char * pcSend,
                                char * pcBuf,
                                size_t uxBufLength )
{
    Socket_t xSocket = prvSocket( FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );
    struct freertos_sockaddr xPeer;
    BaseType_t xGot = 0;

    if( xSocket == NULL )
    {
        return -1;
    }

    vPeerAddress( &xPeer, ulFptcpTestPeerIP(), usPort );

    if( prvAllowed( "connect", FreeRTOS_connect( xSocket, &xPeer, sizeof( xPeer ) ), 0, xConnectErrors ) )
    {
        if( pcSend != NULL )
        {
            BaseType_t xLength = ( BaseType_t ) strlen( pcSend );

            ( void ) prvAllowed( "send", FreeRTOS_send( xSocket, pcSend, ( size_t ) xLength, 0 ), xLength,
                                 xStreamErrors );
        }

        while( xGot < ( BaseType_t ) uxBufLength )
        {
            BaseType_t xRc = FreeRTOS_recv( xSocket, &pcBuf[ xGot ], uxBufLength - ( size_t ) xGot, 0 );

            if( xRc <= 0 )
            {
                if( xRc < 0 )
                {
                    ( void ) prvAllowed( "recv", xRc, 0, xStreamErrors );
                }

                break;
            }

            xGot += xRc;

            if( ( pcSend != NULL ) && ( xGot >= ( BaseType_t ) strlen( pcSend ) ) )
            {
                break; /* the whole echo */
            }
        }
    }

    prvClose( xSocket );
    return xGot;
}

static BaseType_t prvUdpEcho( void )
{
    Socket_t xSocket = prvSocket( FREERTOS_SOCK_DGRAM, FREERTOS_IPPROTO_UDP );
    struct freertos_sockaddr xPeer;
    struct freertos_sockaddr xFrom;
    socklen_t xFromLength = sizeof( xFrom );
    char cBuf[ 16 ];
    BaseType_t xRc = -1;
    int32_t lSent;

    if( xSocket == NULL )
    {
        return -1;
    }

    vPeerAddress( &xPeer, ulFptcpTestPeerIP(), fwalkUDP_ECHO );
    lSent = FreeRTOS_sendto( xSocket, "walk", 4, 0, &xPeer, sizeof( xPeer ) );

    /* sendto() gives 0 when it had no network buffer (§14.7). */
    if( ( lSent != 4 ) && ( lSent != 0 ) )
    {
        prvNote( "sendto", ( long ) lSent );
    }

    if( lSent == 4 )
    {
        xRc = FreeRTOS_recvfrom( xSocket, cBuf, sizeof( cBuf ), 0, &xFrom, &xFromLength );

        if( ( xRc != 4 ) && ( xRc != -pdFREERTOS_ERRNO_EWOULDBLOCK ) )
        {
            prvNote( "recvfrom", ( long ) xRc );
        }
    }

    prvClose( xSocket );
    return xRc;
}

/* A listener accepting one connection from the peer, which sends "hello"
 * and closes. Returns the bytes read from the child. */
static BaseType_t prvAcceptOne( void )
{
    Socket_t xListener = prvSocket( FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );
    Socket_t xChild;
    char cReply[ 64 ];
    char cCmd[ 48 ];
    char cBuf[ 16 ];
    BaseType_t xGot = 0;

    if( xListener == NULL )
    {
        return -1;
    }

    if( prvAllowed( "bind", xPeerBind( xListener, fwalkLISTEN_PORT ), 0, xSetupErrors ) &&
        prvAllowed( "listen", FreeRTOS_listen( xListener, 1 ), 0, xSetupErrors ) )
    {
        ( void ) snprintf( cCmd, sizeof( cCmd ), "connect %u send hello close", ( unsigned ) fwalkLISTEN_PORT );
        /* "ok refused" is an answer too: a SYN whose child could not be
         * allocated is refused with an RST (test_api_heap). */
        ( void ) xPeerCommand( cCmd, cReply, sizeof( cReply ) );
        xChild = FreeRTOS_accept( xListener, NULL, NULL );

        if( ( xChild != NULL ) && ( xChild != FREERTOS_INVALID_SOCKET ) )
        {
            TickType_t xTimeout = pdMS_TO_TICKS( 1500 );

            ( void ) FreeRTOS_setsockopt( xChild, 0, FREERTOS_SO_RCVTIMEO, &xTimeout, sizeof( xTimeout ) );

            for( ; ; )
            {
                BaseType_t xRc = FreeRTOS_recv( xChild, &cBuf[ xGot ], sizeof( cBuf ) - ( size_t ) xGot, 0 );

                if( xRc <= 0 )
                {
                    if( xRc < 0 )
                    {
                        ( void ) prvAllowed( "recv(child)", xRc, 0, xStreamErrors );
                    }

                    break;
                }

                xGot += xRc;
            }

            prvClose( xChild );
        }
    }

    prvClose( xListener );
    return xGot;
}

/* The parts of a pass that did not work completely (bits: 1 greeting,
 * 2 echo, 4 UDP, 8 accept); 0 when all did. */
static unsigned prvPassFailures( void )
{
    char cBuf[ 16 ];
    BaseType_t xGreeting = prvTcpClient( peerPORT_HELLO_FIN, NULL, cBuf, sizeof( cBuf ) );
    BaseType_t xEcho = prvTcpClient( peerPORT_ECHO, "fault walk", cBuf, sizeof( cBuf ) );
    BaseType_t xUdp = prvUdpEcho();
    BaseType_t xAccepted = prvAcceptOne();

    return ( ( xGreeting == 5 ) ? 0U : 1U ) | ( ( xEcho == 10 ) ? 0U : 2U ) | ( ( xUdp == 4 ) ? 0U : 4U ) |
           ( ( xAccepted == 5 ) ? 0U : 8U );
}

static BaseType_t prvPass( void )
{
    return prvPassFailures() == 0U;
}

/* Recovered: the scenario with the heap available works completely. A
 * datagram or SYN lost to the machine's load is not the stack failing, so
 * up to three tries; a stack left broken fails them all. Returns the last
 * try's failures (0: recovered). */
static unsigned prvRecovered( void )
{
    unsigned uxFailures = 0;
    int i;

    for( i = 0; i < 3; i++ )
    {
        uxFailures = prvPassFailures();

        if( uxFailures == 0U )
        {
            break;
        }

        vTaskDelay( pdMS_TO_TICKS( 200 ) );
    }

    return uxFailures;
}

/* ------------------------------------------------------------ settling */

static int32_t lBaselineBlocks = 0;
static UBaseType_t uxFreeBuffersAtStart = 0;

/* Waits up to 4 s for the heap's live blocks and the free buffers to come
 * back to the baseline; false if they did not. */
static BaseType_t prvSettled( void )
{
    TickType_t xStart = xTaskGetTickCount();

    for( ; ; )
    {
        if( ( lLiveBlocks == lBaselineBlocks ) && ( uxGetNumberOfFreeNetworkBuffers() == uxFreeBuffersAtStart ) )
        {
            return pdTRUE;
        }

        if( ( xTaskGetTickCount() - xStart ) > pdMS_TO_TICKS( 4000 ) )
        {
            return pdFALSE;
        }

        vTaskDelay( pdMS_TO_TICKS( 20 ) );
    }
}

void setUp( void )
{
    cProblem[ 0 ] = '\0';
}

void tearDown( void )
{
    prvDisarm();
    vPeerCloseTracked();
}

/* ------------------------------------------------------------ the tests */

static void test_fault_walk__every_allocation_refused_in_turn__documented_codes_no_leak_and_recovery( void )
{
    uint32_t ulPass;
    uint32_t ulSites = 0;
    uint32_t ulCompleted = 0;
    char cMsg[ 480 ];
    char cReply[ 32 ];

    /* The control connection to the peers exists before the baseline. */
    vPeerCommandOk( "ping", cReply, sizeof( cReply ) );

    /* Warm-up: the tables the scenario grows reach their size. */
    TEST_ASSERT_TRUE_MESSAGE( prvPass(), "the scenario fails with the heap available" );
    TEST_ASSERT_TRUE_MESSAGE( prvPass(), "the scenario fails with the heap available (second run)" );
    vTaskDelay( pdMS_TO_TICKS( 500 ) );
    uxFreeBuffersAtStart = uxGetNumberOfFreeNetworkBuffers();
    lBaselineBlocks = lLiveBlocks;

    for( ulPass = 1; ulPass <= fwalkMAX_PASSES; ulPass++ )
    {
        BaseType_t xComplete;

        cProblem[ 0 ] = '\0';
        prvArm( ulPass );
        xComplete = prvPass();
        ulSites = ulCounted;
        prvDisarm();

        if( cProblem[ 0 ] != '\0' )
        {
            ( void ) snprintf( cMsg, sizeof( cMsg ), "refusing allocation %lu: %s", ( unsigned long ) ulPass, cProblem );
            TEST_FAIL_MESSAGE( cMsg );
        }

        if( prvSettled() == pdFALSE )
        {
            ( void ) snprintf( cMsg, sizeof( cMsg ),
                               "refusing allocation %lu: %ld heap blocks live (baseline %ld), %lu of %lu buffers free",
                               ( unsigned long ) ulPass, ( long ) lLiveBlocks, ( long ) lBaselineBlocks,
                               ( unsigned long ) uxGetNumberOfFreeNetworkBuffers(),
                               ( unsigned long ) uxFreeBuffersAtStart );
            TEST_FAIL_MESSAGE( cMsg );
        }

        if( xComplete )
        {
            ulCompleted++;
        }

        /* Recovered: the same scenario with the heap available works. */
        {
            unsigned uxFailures = prvRecovered();

            if( uxFailures != 0U )
            {
                ( void ) snprintf( cMsg, sizeof( cMsg ),
                                   "after refusing allocation %lu the scenario fails three times (parts %#x: 1 greeting, 2 echo, 4 UDP, 8 accept) %s",
                                   ( unsigned long ) ulPass, uxFailures, cProblem );
                TEST_FAIL_MESSAGE( cMsg );
            }
        }

        TEST_ASSERT_TRUE_MESSAGE( prvSettled(), "a leak after an unrefused pass" );

        if( ulSites < ulPass )
        {
            break; /* this pass made fewer allocations than its ordinal */
        }
    }

    vFptcpTestPrintf( "fault walk: %lu passes, the last made %lu counted allocations, %lu passes complete despite the refusal\n",
            ( unsigned long ) ulPass, ( unsigned long ) ulSites, ( unsigned long ) ulCompleted );
    TEST_ASSERT_TRUE_MESSAGE( ulPass <= fwalkMAX_PASSES, "the walk did not reach the end of the scenario" );
    TEST_ASSERT_TRUE_MESSAGE( ulPass > 10U, "the scenario made suspiciously few allocations" );
}

void vRunTests( void )
{
    RUN_TEST( test_fault_walk__every_allocation_refused_in_turn__documented_codes_no_leak_and_recovery );
}
