/*
 * http_server: the HTTP/1.0 server application (apps/shared/http_app.c,
 * the same source as the firmware's) as a host program on the FreeRTOS
 * POSIX port, with its settings from the command line and two host-only
 * extras: a control FIFO and a blocking-time probe.
 *
 *   good  shutdown, drain until recv() < 0 (at most --drain-ms), close
 *   bad   the K63F pattern (reference 14.4): --delay ticks (default 2000)
 *         of "processing"; a handler whose recv()/send() returns a
 *         negative value forgets the socket WITHOUT FreeRTOS_closesocket()
 *
 * Options:
 *   --variant good|bad     (default good; also $HTTP_VARIANT)
 *   --port N --backlog N --tasks N   (80, 3, 8)
 *   --pool 0|1             1: the handler tasks are created once (a pool)
 *   --delay TICKS          processing delay before the response
 *                          (default 0 for good, 2000 for bad)
 *   --request-timeout TICKS  RCVTIMEO while reading the request (5000)
 *   --drain-ms MS          longest drain of a graceful close (3000)
 *   --netstat-ms MS        print netstat every MS milliseconds
 *   --control FIFO         control channel (app_common.h): netstat, bufs,
 *                          tapstats, metrics, stats, quit
 *   --pcap FILE            every frame in and out to FILE as a pcap capture
 *                          (only the _ext build: ipconfigFPTCP_PCAP_CAPTURE)
 *   --probe-port N         blocking-time probe: a second listener (backlog 1)
 *                          that accepts ONE connection, calls FreeRTOS_recv()
 *                          --probe-count times with RCVTIMEO = --probe-ticks
 *                          (default 3 x 300), prints for each
 *                          "PROBE n=<i> ret=<r> ticks=<elapsed> rcvtimeo=<t>",
 *                          then closes the connection and the listener
 *                          (graceful) and prints "PROBE done ...".
 *
 * Lines for the scripts: those of http_app.h, and PROBE ... above.
 */
#include <malloc.h>
#if defined( __SANITIZE_ADDRESS__ )
    /* The ASan runtime's count (its header is not installed everywhere). */
    extern size_t __sanitizer_get_current_allocated_bytes( void );
#endif
#include <stdlib.h>
#include <string.h>

#include "FreeRTOS.h"
#include "task.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"

#include "app_common.h"
#include "app_net.h"
#include "http_app.h"

/* ---------------------------------------------------------------- configuration */

typedef struct
{
    HttpConfig_t xHttp;
    BaseType_t xDelayGiven;
    uint32_t ulNetstatMs;
    const char * pcControl;
    uint16_t usProbePort;
    TickType_t xProbeTicks;
    UBaseType_t uxProbeCount;
} HostConfig_t;

static HostConfig_t xConfig =
{
    .xHttp           =
    {
        .xBadVariant     = pdFALSE,
        .usPort          = 80,
        .xBacklog        = 3,
        .uxMaxTasks      = 8,
        .xDelay          = 0,
        .xRequestTimeout = 5000,
        .xDrainTicks     = 3000
    },
    .xDelayGiven     = pdFALSE,
    .ulNetstatMs     = 0,
    .pcControl       = NULL,
    .usProbePort     = 0,
    .xProbeTicks     = 300,
    .uxProbeCount    = 3
};

const char * const pcAppUsage =
    "[--variant good|bad] [--port N] [--backlog N] [--tasks N] [--pool 0|1] [--delay TICKS] "
    "[--request-timeout TICKS] [--drain-ms MS] [--netstat-ms MS] [--control FIFO] [--pcap FILE] "
    "[--probe-port N] [--probe-ticks TICKS] [--probe-count N]";

/* ---------------------------------------------------------------- probe */

static void prvProbeTask( void * pvArg )
{
    Socket_t xListener;
    Socket_t xChild;
    struct freertos_sockaddr xFrom;
    socklen_t xFromLen = sizeof( xFrom );
    char cWho[ appNET_PEER_MAX ];
    uint8_t ucBuf[ 64 ];
    UBaseType_t uxN;
    BaseType_t xBad = pdFALSE;

    ( void ) pvArg;

    xListener = xAppNetListen( xConfig.usProbePort, 1, portMAX_DELAY );

    if( xListener == FREERTOS_INVALID_SOCKET )
    {
        vAppPrintf( "PROBE error: no listener\n" );
        vAppExit( 1 );
    }

    vAppPrintf( "PROBE listening port=%u rcvtimeo=%lu count=%lu\n", ( unsigned ) xConfig.usProbePort,
                ( unsigned long ) xConfig.xProbeTicks, ( unsigned long ) xConfig.uxProbeCount );

    xChild = FreeRTOS_accept( xListener, &xFrom, &xFromLen );

    if( ( xChild == NULL ) || ( xChild == FREERTOS_INVALID_SOCKET ) )
    {
        vAppPrintf( "PROBE error: accept returned %s\n", ( xChild == NULL ) ? "NULL" : "FREERTOS_INVALID_SOCKET" );
        vAppExit( 1 );
    }

    vAppNetDescribePeer( cWho, sizeof( cWho ), &xFrom );

    if( FreeRTOS_setsockopt( xChild, 0, FREERTOS_SO_RCVTIMEO, &xConfig.xProbeTicks,
                             sizeof( xConfig.xProbeTicks ) ) != 0 )
    {
        vAppPrintf( "PROBE error: setsockopt(RCVTIMEO)\n" );
        vAppExit( 1 );
    }

    for( uxN = 1; uxN <= xConfig.uxProbeCount; uxN++ )
    {
        TickType_t xBefore = xTaskGetTickCount();
        BaseType_t xRet = FreeRTOS_recv( xChild, ucBuf, sizeof( ucBuf ), 0 );
        TickType_t xAfter = xTaskGetTickCount();

        vAppPrintf( "PROBE n=%lu ret=%ld ticks=%lu rcvtimeo=%lu peer=%s\n", ( unsigned long ) uxN,
                    ( long ) xRet, ( unsigned long ) ( xAfter - xBefore ),
                    ( unsigned long ) xConfig.xProbeTicks, cWho );

        if( xRet != 0 )
        {
            xBad = pdTRUE;
            break;
        }
    }

    vAppNetGracefulClose( xChild, xConfig.xHttp.xDrainTicks, cWho );

    if( FreeRTOS_closesocket( xListener ) != 1 )
    {
        vAppPrintf( "PROBE error: closesocket(listener)\n" );
    }

    vAppPrintf( "PROBE done status=%s\n", ( xBad == pdFALSE ) ? "ok" : "unexpected-return" );
    vTaskDelete( NULL );
}

/* ---------------------------------------------------------------- control */

static size_t prvHeapInUse( void )
{
    #if defined( __SANITIZE_ADDRESS__ )
        return __sanitizer_get_current_allocated_bytes();
    #else
        return mallinfo2().uordblks;
    #endif
}

static void prvControlExtra( const char * pcLine )
{
    if( strcmp( pcLine, "stats" ) == 0 )
    {
        vHttpPrintStats();
    }
    else if( strcmp( pcLine, "heap" ) == 0 )
    {
        /* The soak test (tests/e2e/soak.sh) compares this before and after.
         * The host kernel uses heap_3 (malloc), which keeps no free count:
         * the bytes the C allocator has handed out stand in for it. */
        vAppPrintf( "HEAP used=%lu\n", ( unsigned long ) prvHeapInUse() );
    }
    else
    {
        vAppPrintf( "CONTROL unknown '%s'\n", pcLine );
    }
}

/* ---------------------------------------------------------------- arguments */

static BaseType_t prvNumber( const char * pcText,
                             uint64_t ullMin,
                             uint64_t ullMax,
                             uint64_t * pullOut )
{
    return ( ( xAppParseUnsigned( pcText, ullMax, pullOut ) == pdPASS ) && ( *pullOut >= ullMin ) ) ? pdPASS : pdFAIL;
}

BaseType_t xAppParseArgs( int argc,
                          char ** argv )
{
    const char * pcEnvVariant = getenv( "HTTP_VARIANT" );
    const char * pcVariant = ( pcEnvVariant != NULL ) ? pcEnvVariant : "good";
    uint64_t ullValue;

    for( int i = 1; i < argc; i++ )
    {
        const char * pcOpt = argv[ i ];
        const char * pcVal = ( i + 1 < argc ) ? argv[ i + 1 ] : NULL;

        if( pcVal == NULL )
        {
            return pdFAIL;
        }

        i++;

        if( strcmp( pcOpt, "--variant" ) == 0 )
        {
            pcVariant = pcVal;
        }
        else if( strcmp( pcOpt, "--port" ) == 0 )
        {
            if( prvNumber( pcVal, 1, 65535, &ullValue ) != pdPASS )
            {
                return pdFAIL;
            }

            xConfig.xHttp.usPort = ( uint16_t ) ullValue;
        }
        else if( strcmp( pcOpt, "--backlog" ) == 0 )
        {
            if( prvNumber( pcVal, 0, 1000, &ullValue ) != pdPASS )
            {
                return pdFAIL;
            }

            xConfig.xHttp.xBacklog = ( BaseType_t ) ullValue;
        }
        else if( strcmp( pcOpt, "--pool" ) == 0 )
        {
            if( prvNumber( pcVal, 0, 1, &ullValue ) != pdPASS )
            {
                return pdFAIL;
            }

            xConfig.xHttp.xWorkerPool = ( ullValue != 0 ) ? pdTRUE : pdFALSE;
        }
        else if( strcmp( pcOpt, "--tasks" ) == 0 )
        {
            if( prvNumber( pcVal, 1, 64, &ullValue ) != pdPASS )
            {
                return pdFAIL;
            }

            xConfig.xHttp.uxMaxTasks = ( UBaseType_t ) ullValue;
        }
        else if( strcmp( pcOpt, "--delay" ) == 0 )
        {
            if( prvNumber( pcVal, 0, 3600000, &ullValue ) != pdPASS )
            {
                return pdFAIL;
            }

            xConfig.xHttp.xDelay = ( TickType_t ) ullValue;
            xConfig.xDelayGiven = pdTRUE;
        }
        else if( strcmp( pcOpt, "--request-timeout" ) == 0 )
        {
            if( prvNumber( pcVal, 1, 3600000, &ullValue ) != pdPASS )
            {
                return pdFAIL;
            }

            xConfig.xHttp.xRequestTimeout = ( TickType_t ) ullValue;
        }
        else if( strcmp( pcOpt, "--drain-ms" ) == 0 )
        {
            if( prvNumber( pcVal, 1, 600000, &ullValue ) != pdPASS )
            {
                return pdFAIL;
            }

            xConfig.xHttp.xDrainTicks = pdMS_TO_TICKS( ullValue );
        }
        else if( strcmp( pcOpt, "--netstat-ms" ) == 0 )
        {
            if( prvNumber( pcVal, 10, 3600000, &ullValue ) != pdPASS )
            {
                return pdFAIL;
            }

            xConfig.ulNetstatMs = ( uint32_t ) ullValue;
        }
        else if( strcmp( pcOpt, "--control" ) == 0 )
        {
            xConfig.pcControl = pcVal;
        }
        else if( strcmp( pcOpt, "--pcap" ) == 0 )
        {
            /* Before the stack starts: the capture begins with its first
             * frame. */
            if( xAppPcapOpen( pcVal ) != pdPASS )
            {
                return pdFAIL;
            }
        }
        else if( strcmp( pcOpt, "--probe-port" ) == 0 )
        {
            if( prvNumber( pcVal, 1, 65535, &ullValue ) != pdPASS )
            {
                return pdFAIL;
            }

            xConfig.usProbePort = ( uint16_t ) ullValue;
        }
        else if( strcmp( pcOpt, "--probe-ticks" ) == 0 )
        {
            if( prvNumber( pcVal, 1, 600000, &ullValue ) != pdPASS )
            {
                return pdFAIL;
            }

            xConfig.xProbeTicks = ( TickType_t ) ullValue;
        }
        else if( strcmp( pcOpt, "--probe-count" ) == 0 )
        {
            if( prvNumber( pcVal, 1, 100, &ullValue ) != pdPASS )
            {
                return pdFAIL;
            }

            xConfig.uxProbeCount = ( UBaseType_t ) ullValue;
        }
        else
        {
            return pdFAIL;
        }
    }

    if( strcmp( pcVariant, "good" ) == 0 )
    {
        xConfig.xHttp.xBadVariant = pdFALSE;
    }
    else if( strcmp( pcVariant, "bad" ) == 0 )
    {
        xConfig.xHttp.xBadVariant = pdTRUE;

        if( xConfig.xDelayGiven == pdFALSE )
        {
            xConfig.xHttp.xDelay = 2000;
        }
    }
    else
    {
        return pdFAIL;
    }

    if( ( xConfig.usProbePort != 0U ) && ( xConfig.usProbePort == xConfig.xHttp.usPort ) )
    {
        return pdFAIL;
    }

    return pdPASS;
}

/* ---------------------------------------------------------------- main task */

void vAppRun( void )
{
    if( ( xConfig.pcControl != NULL ) && ( xAppStartControl( xConfig.pcControl, prvControlExtra ) != pdPASS ) )
    {
        vAppExit( 1 );
    }

    if( ( xConfig.ulNetstatMs > 0U ) && ( xAppStartPeriodicNetstat( xConfig.ulNetstatMs ) != pdPASS ) )
    {
        vAppExit( 1 );
    }

    if( ( xConfig.usProbePort != 0U ) &&
        ( xTaskCreate( prvProbeTask, "probe", configMINIMAL_STACK_SIZE, NULL, appTASK_PRIORITY, NULL ) != pdPASS ) )
    {
        vAppPrintf( "HTTP error: cannot create the probe task\n" );
        vAppExit( 1 );
    }

    if( xHttpStart( &xConfig.xHttp ) != pdPASS )
    {
        vAppExit( 1 );
    }

    /* The server runs in its own tasks from here on; returning would end
     * the program (app_main.c), so this task just goes away. */
    vTaskDelete( NULL );
}
