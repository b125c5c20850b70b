/*
 * http_server: a small HTTP/1.0 server on FreeRTOS+TCP, with two ways of
 * ending a connection (chosen at run time):
 *
 *   good  the recommended pattern: every return value is checked; after the
 *         response (and on any error) FreeRTOS_shutdown(), then
 *         FreeRTOS_recv() until it returns a negative value (at most
 *         --drain-ms), then FreeRTOS_closesocket().
 *   bad   the K63F pattern (reference 14.4): read the request, "process"
 *         for --delay ticks (default 2000), send; if recv() or send()
 *         returns a negative value the handler forgets the socket WITHOUT
 *         FreeRTOS_closesocket(). (A response that was sent completely is
 *         closed the good way.)
 *
 * Resources served:
 *   GET /          a small HTML page
 *   GET /bytes/N   N bytes of the deterministic stream (app_common.h),
 *                  0 <= N <= 1 GiB
 *   anything else  404 (unknown path) or 400 (not a GET request line)
 *
 * One listening socket (--port, default 80; --backlog, default 3). An
 * accept task hands each connection to a handler task; at most --tasks
 * (default 8) handlers exist at once: the accept task waits for a free
 * slot before calling FreeRTOS_accept() again.
 *
 * Options:
 *   --variant good|bad     (default good; also $HTTP_VARIANT)
 *   --port N --backlog N --tasks N
 *   --delay TICKS          processing delay before the response
 *                          (default 0 for good, 2000 for bad)
 *   --request-timeout TICKS  RCVTIMEO while reading the request (5000)
 *   --drain-ms MS          good variant: longest drain (3000)
 *   --netstat-ms MS        print netstat every MS milliseconds
 *   --control FIFO         control channel (app_common.h): netstat, bufs,
 *                          tapstats, stats, quit
 *   --probe-port N         blocking-time probe: a second listener (backlog 1)
 *                          that accepts ONE connection, calls FreeRTOS_recv()
 *                          --probe-count times with RCVTIMEO = --probe-ticks
 *                          (default 3 x 300), prints for each
 *                          "PROBE n=<i> ret=<r> ticks=<elapsed> rcvtimeo=<t>",
 *                          then closes the connection and the listener
 *                          (graceful) and prints "PROBE done ...".
 *
 * Lines for the scripts:
 *   HTTP listening port=.. backlog=.. variant=.. delay=.. tasks=..
 *   HTTP served|abandoned|closed-after-error|refused-slot ... (one per connection)
 *   STATS accepted=.. served=.. abandoned=.. closed_after_error=..
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "FreeRTOS.h"
#include "task.h"
#include "semphr.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"

#include "app_common.h"

/* ---------------------------------------------------------------- configuration */

typedef enum
{
    eVariantGood,
    eVariantBad
} Variant_t;

typedef struct
{
    Variant_t eVariant;
    uint16_t usPort;
    BaseType_t xBacklog;
    UBaseType_t uxMaxTasks;
    TickType_t xDelay;
    BaseType_t xDelayGiven;
    TickType_t xRequestTimeout;
    TickType_t xDrainTicks;
    uint32_t ulNetstatMs;
    const char * pcControl;
    uint16_t usProbePort;
    TickType_t xProbeTicks;
    UBaseType_t uxProbeCount;
} HttpConfig_t;

static HttpConfig_t xConfig =
{
    .eVariant        = eVariantGood,
    .usPort          = 80,
    .xBacklog        = 3,
    .uxMaxTasks      = 8,
    .xDelay          = 0,
    .xDelayGiven     = pdFALSE,
    .xRequestTimeout = 5000,
    .xDrainTicks     = 3000,
    .ulNetstatMs     = 0,
    .pcControl       = NULL,
    .usProbePort     = 0,
    .xProbeTicks     = 300,
    .uxProbeCount    = 3
};

const char * const pcAppUsage =
    "[--variant good|bad] [--port N] [--backlog N] [--tasks N] [--delay TICKS] "
    "[--request-timeout TICKS] [--drain-ms MS] [--netstat-ms MS] [--control FIFO] "
    "[--probe-port N] [--probe-ticks TICKS] [--probe-count N]";

#define httpMAX_BYTES       ( 1024ULL * 1024ULL * 1024ULL )
#define httpREQUEST_MAX     1024U
#define httpCHUNK           4096U

/* ---------------------------------------------------------------- counters */

static SemaphoreHandle_t xSlots = NULL;
static volatile uint32_t ulAccepted = 0;
static volatile uint32_t ulServed = 0;
static volatile uint32_t ulAbandoned = 0;
static volatile uint32_t ulClosedAfterError = 0;

static void prvCount( volatile uint32_t * pulCounter )
{
    taskENTER_CRITICAL();
    ( *pulCounter )++;
    taskEXIT_CRITICAL();
}

static void prvPrintStats( void )
{
    vAppPrintf( "STATS accepted=%lu served=%lu abandoned=%lu closed_after_error=%lu\n",
                ( unsigned long ) ulAccepted, ( unsigned long ) ulServed,
                ( unsigned long ) ulAbandoned, ( unsigned long ) ulClosedAfterError );
}

/* ---------------------------------------------------------------- closing */

/* The recommended close: shutdown, drain until recv() < 0, closesocket. */
static void prvGracefulClose( Socket_t xSocket,
                              const char * pcWho )
{
    static const TickType_t xPoll = 100;
    TickType_t xStart = xTaskGetTickCount();
    BaseType_t xRet;
    BaseType_t xLast = 0;
    uint8_t ucSink[ 256 ];

    xRet = FreeRTOS_shutdown( xSocket, FREERTOS_SHUT_RDWR );

    if( ( xRet != 0 ) && ( xRet != -pdFREERTOS_ERRNO_ENOTCONN ) )
    {
        vAppPrintf( "HTTP %s: shutdown returned %ld (%s)\n", pcWho, ( long ) xRet, pcAppErr( xRet ) );
    }

    if( FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_RCVTIMEO, &xPoll, sizeof( xPoll ) ) != 0 )
    {
        vAppPrintf( "HTTP %s: setsockopt(RCVTIMEO) failed\n", pcWho );
    }

    while( ( xTaskGetTickCount() - xStart ) < xConfig.xDrainTicks )
    {
        xLast = FreeRTOS_recv( xSocket, ucSink, sizeof( ucSink ), 0 );

        if( xLast < 0 )
        {
            break;
        }
    }

    if( xLast >= 0 )
    {
        vAppPrintf( "HTTP %s: drain gave up after %lu ticks\n", pcWho,
                    ( unsigned long ) ( xTaskGetTickCount() - xStart ) );
    }

    xRet = FreeRTOS_closesocket( xSocket );

    if( xRet != 1 )
    {
        vAppPrintf( "HTTP %s: closesocket returned %ld\n", pcWho, ( long ) xRet );
    }
}

/* What to do after a failed recv() or send(). Returns after the socket is
 * dealt with; the handle must not be used any more. */
static void prvOnError( Socket_t xSocket,
                        const char * pcWho,
                        const char * pcWhat,
                        BaseType_t xRet )
{
    if( xConfig.eVariant == eVariantBad )
    {
        if( xRet < 0 )
        {
            /* The K63F handler: the socket is simply forgotten. */
            prvCount( &ulAbandoned );
            vAppPrintf( "HTTP abandoned %s: %s returned %ld (%s); socket NOT closed tick=%lu\n",
                        pcWho, pcWhat, ( long ) xRet, pcAppErr( xRet ),
                        ( unsigned long ) xTaskGetTickCount() );
            return;
        }

        /* A timeout or a bad request is not an error return: the bad
         * handler closes such a connection like any other. */
    }

    prvCount( &ulClosedAfterError );
    vAppPrintf( "HTTP closed-after-error %s: %s returned %ld (%s)\n",
                pcWho, pcWhat, ( long ) xRet, pcAppErr( xRet ) );
    prvGracefulClose( xSocket, pcWho );
}

/* ---------------------------------------------------------------- the handler */

/* Sends all of pvData. pdPASS, or pdFAIL with *pxRet = the failing return. */
static BaseType_t prvSendAll( Socket_t xSocket,
                              const void * pvData,
                              size_t uxLength,
                              BaseType_t * pxRet )
{
    const uint8_t * pucData = ( const uint8_t * ) pvData;

    while( uxLength > 0U )
    {
        BaseType_t xRet = FreeRTOS_send( xSocket, pucData, uxLength, 0 );

        if( xRet <= 0 )
        {
            /* 0: a FIN was already sent; -ENOSPC: nothing queued within
             * SNDTIMEO; other negatives: the connection is gone. */
            *pxRet = xRet;
            return pdFAIL;
        }

        pucData += xRet;
        uxLength -= ( size_t ) xRet;
    }

    return pdPASS;
}

static BaseType_t prvSendHeader( Socket_t xSocket,
                                 int iStatus,
                                 const char * pcReason,
                                 const char * pcType,
                                 uint64_t ullLength,
                                 BaseType_t * pxRet )
{
    char cHeader[ 256 ];
    int iLen = snprintf( cHeader, sizeof( cHeader ),
                         "HTTP/1.0 %d %s\r\nServer: fptcp-http\r\nContent-Type: %s\r\n"
                         "Content-Length: %llu\r\nConnection: close\r\n\r\n",
                         iStatus, pcReason, pcType, ( unsigned long long ) ullLength );

    if( ( iLen < 0 ) || ( ( size_t ) iLen >= sizeof( cHeader ) ) )
    {
        *pxRet = 0;
        return pdFAIL;
    }

    return prvSendAll( xSocket, cHeader, ( size_t ) iLen, pxRet );
}

static const char cIndexPage[] =
    "<!DOCTYPE html>\n"
    "<html><head><title>FreeRTOS+TCP (Rust)</title></head>\n"
    "<body><h1>Hello from FreeRTOS+TCP</h1>\n"
    "<p>Served by the Rust drop-in stack on the FreeRTOS POSIX port.</p>\n"
    "</body></html>\n";

/* Returns the index of the end of the header block ("\r\n\r\n" or "\n\n"),
 * or 0 if not complete yet. */
static size_t prvHeaderEnd( const char * pcBuf,
                            size_t uxLen )
{
    for( size_t i = 0; i < uxLen; i++ )
    {
        if( ( i + 3U < uxLen ) && ( memcmp( &pcBuf[ i ], "\r\n\r\n", 4 ) == 0 ) )
        {
            return i + 4U;
        }

        if( ( i + 1U < uxLen ) && ( memcmp( &pcBuf[ i ], "\n\n", 2 ) == 0 ) )
        {
            return i + 2U;
        }
    }

    return 0;
}

typedef struct
{
    Socket_t xSocket;
    char cWho[ 32 ];
} HandlerArg_t;

static void prvHandleConnection( Socket_t xSocket,
                                 const char * pcWho )
{
    static const TickType_t xSendTimeout = 5000;
    char cRequest[ httpREQUEST_MAX + 1U ];
    size_t uxFill = 0;
    BaseType_t xRet = 0;
    char cMethod[ 8 ];
    char cPath[ 128 ];
    int iStatus;
    uint64_t ullBytes = 0;
    TickType_t xStart = xTaskGetTickCount();

    if( ( FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_RCVTIMEO, &xConfig.xRequestTimeout,
                               sizeof( xConfig.xRequestTimeout ) ) != 0 ) ||
        ( FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_SNDTIMEO, &xSendTimeout,
                               sizeof( xSendTimeout ) ) != 0 ) )
    {
        prvOnError( xSocket, pcWho, "setsockopt", 0 );
        return;
    }

    /* Read the request header. One receive timeout without any progress
     * ends the wait. */
    while( prvHeaderEnd( cRequest, uxFill ) == 0U )
    {
        if( uxFill >= httpREQUEST_MAX )
        {
            ( void ) prvSendHeader( xSocket, 431, "Request Header Fields Too Large", "text/plain", 0, &xRet );
            prvOnError( xSocket, pcWho, "request too large", 0 );
            return;
        }

        xRet = FreeRTOS_recv( xSocket, &cRequest[ uxFill ], httpREQUEST_MAX - uxFill, 0 );

        if( xRet > 0 )
        {
            uxFill += ( size_t ) xRet;
        }
        else
        {
            prvOnError( xSocket, pcWho, ( xRet == 0 ) ? "recv (timeout)" : "recv", xRet );
            return;
        }
    }

    cRequest[ uxFill ] = '\0';

    /* "Processing". */
    if( xConfig.xDelay > 0U )
    {
        vTaskDelay( xConfig.xDelay );
    }

    if( ( sscanf( cRequest, "%7s %127s HTTP/1.%*c", cMethod, cPath ) != 2 ) ||
        ( strcmp( cMethod, "GET" ) != 0 ) )
    {
        iStatus = 400;

        if( prvSendHeader( xSocket, 400, "Bad Request", "text/plain", 0, &xRet ) != pdPASS )
        {
            prvOnError( xSocket, pcWho, "send", xRet );
            return;
        }
    }
    else if( strcmp( cPath, "/" ) == 0 )
    {
        iStatus = 200;
        ullBytes = sizeof( cIndexPage ) - 1U;

        if( ( prvSendHeader( xSocket, 200, "OK", "text/html", ullBytes, &xRet ) != pdPASS ) ||
            ( prvSendAll( xSocket, cIndexPage, ( size_t ) ullBytes, &xRet ) != pdPASS ) )
        {
            prvOnError( xSocket, pcWho, "send", xRet );
            return;
        }
    }
    else if( ( strncmp( cPath, "/bytes/", 7 ) == 0 ) &&
             ( xAppParseUnsigned( &cPath[ 7 ], httpMAX_BYTES, &ullBytes ) == pdPASS ) )
    {
        uint8_t ucChunk[ httpCHUNK ];
        uint64_t ullSent = 0;

        iStatus = 200;

        if( prvSendHeader( xSocket, 200, "OK", "application/octet-stream", ullBytes, &xRet ) != pdPASS )
        {
            prvOnError( xSocket, pcWho, "send", xRet );
            return;
        }

        while( ullSent < ullBytes )
        {
            size_t uxNow = ( ( ullBytes - ullSent ) < httpCHUNK ) ? ( size_t ) ( ullBytes - ullSent ) : httpCHUNK;

            vAppPatternFill( ullSent, ucChunk, uxNow );

            if( prvSendAll( xSocket, ucChunk, uxNow, &xRet ) != pdPASS )
            {
                prvOnError( xSocket, pcWho, "send", xRet );
                return;
            }

            ullSent += uxNow;
        }
    }
    else
    {
        static const char cNotFound[] = "not found\n";

        iStatus = 404;
        ullBytes = sizeof( cNotFound ) - 1U;

        if( ( prvSendHeader( xSocket, 404, "Not Found", "text/plain", ullBytes, &xRet ) != pdPASS ) ||
            ( prvSendAll( xSocket, cNotFound, ( size_t ) ullBytes, &xRet ) != pdPASS ) )
        {
            prvOnError( xSocket, pcWho, "send", xRet );
            return;
        }
    }

    prvGracefulClose( xSocket, pcWho );
    prvCount( &ulServed );
    vAppPrintf( "HTTP served %s status=%d bytes=%llu ticks=%lu\n", pcWho, iStatus,
                ( unsigned long long ) ullBytes, ( unsigned long ) ( xTaskGetTickCount() - xStart ) );
}

static void prvHandlerTask( void * pvArg )
{
    HandlerArg_t * pxArg = ( HandlerArg_t * ) pvArg;

    prvHandleConnection( pxArg->xSocket, pxArg->cWho );
    vPortFree( pxArg );
    ( void ) xSemaphoreGive( xSlots );
    vTaskDelete( NULL );
}

/* ---------------------------------------------------------------- listeners */

static Socket_t prvListen( uint16_t usPort,
                           BaseType_t xBacklog,
                           TickType_t xAcceptTimeout )
{
    struct freertos_sockaddr xAddress;
    Socket_t xSocket;
    BaseType_t xRet;

    xSocket = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );

    if( xSocket == FREERTOS_INVALID_SOCKET )
    {
        vAppPrintf( "HTTP error: FreeRTOS_socket() failed\n" );
        return FREERTOS_INVALID_SOCKET;
    }

    if( FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_RCVTIMEO, &xAcceptTimeout, sizeof( xAcceptTimeout ) ) != 0 )
    {
        vAppPrintf( "HTTP error: setsockopt(RCVTIMEO) on the listener failed\n" );
        ( void ) FreeRTOS_closesocket( xSocket );
        return FREERTOS_INVALID_SOCKET;
    }

    ( void ) memset( &xAddress, 0, sizeof( xAddress ) );
    xAddress.sin_family = FREERTOS_AF_INET;
    xAddress.sin_port = FreeRTOS_htons( usPort );
    xAddress.sin_address.ulIP_IPv4 = FREERTOS_INADDR_ANY;

    xRet = FreeRTOS_bind( xSocket, &xAddress, sizeof( xAddress ) );

    if( xRet != 0 )
    {
        vAppPrintf( "HTTP error: bind(%u) returned %ld (%s)\n", usPort, ( long ) xRet, pcAppErr( xRet ) );
        ( void ) FreeRTOS_closesocket( xSocket );
        return FREERTOS_INVALID_SOCKET;
    }

    xRet = FreeRTOS_listen( xSocket, xBacklog );

    if( xRet != 0 )
    {
        vAppPrintf( "HTTP error: listen(%u, %ld) returned %ld (%s)\n", usPort, ( long ) xBacklog,
                    ( long ) xRet, pcAppErr( xRet ) );
        ( void ) FreeRTOS_closesocket( xSocket );
        return FREERTOS_INVALID_SOCKET;
    }

    return xSocket;
}

static void prvDescribePeer( char * pcOut,
                             size_t uxSize,
                             const struct freertos_sockaddr * pxAddr )
{
    uint32_t ulIP = FreeRTOS_ntohl( pxAddr->sin_address.ulIP_IPv4 );

    ( void ) snprintf( pcOut, uxSize, "%lu.%lu.%lu.%lu:%u",
                       ( unsigned long ) ( ulIP >> 24 ), ( unsigned long ) ( ( ulIP >> 16 ) & 0xFFU ),
                       ( unsigned long ) ( ( ulIP >> 8 ) & 0xFFU ), ( unsigned long ) ( ulIP & 0xFFU ),
                       ( unsigned ) FreeRTOS_ntohs( pxAddr->sin_port ) );
}

static void prvProbeTask( void * pvArg )
{
    Socket_t xListener;
    Socket_t xChild;
    struct freertos_sockaddr xFrom;
    socklen_t xFromLen = sizeof( xFrom );
    char cWho[ 32 ];
    uint8_t ucBuf[ 64 ];
    UBaseType_t uxN;
    BaseType_t xBad = pdFALSE;

    ( void ) pvArg;

    xListener = prvListen( xConfig.usProbePort, 1, portMAX_DELAY );

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

    prvDescribePeer( cWho, sizeof( cWho ), &xFrom );

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

    prvGracefulClose( xChild, cWho );

    if( FreeRTOS_closesocket( xListener ) != 1 )
    {
        vAppPrintf( "PROBE error: closesocket(listener)\n" );
    }

    vAppPrintf( "PROBE done status=%s\n", ( xBad == pdFALSE ) ? "ok" : "unexpected-return" );
    vTaskDelete( NULL );
}

/* ---------------------------------------------------------------- control */

static void prvControlExtra( const char * pcLine )
{
    if( strcmp( pcLine, "stats" ) == 0 )
    {
        prvPrintStats();
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

            xConfig.usPort = ( uint16_t ) ullValue;
        }
        else if( strcmp( pcOpt, "--backlog" ) == 0 )
        {
            if( prvNumber( pcVal, 0, 1000, &ullValue ) != pdPASS )
            {
                return pdFAIL;
            }

            xConfig.xBacklog = ( BaseType_t ) ullValue;
        }
        else if( strcmp( pcOpt, "--tasks" ) == 0 )
        {
            if( prvNumber( pcVal, 1, 64, &ullValue ) != pdPASS )
            {
                return pdFAIL;
            }

            xConfig.uxMaxTasks = ( UBaseType_t ) ullValue;
        }
        else if( strcmp( pcOpt, "--delay" ) == 0 )
        {
            if( prvNumber( pcVal, 0, 3600000, &ullValue ) != pdPASS )
            {
                return pdFAIL;
            }

            xConfig.xDelay = ( TickType_t ) ullValue;
            xConfig.xDelayGiven = pdTRUE;
        }
        else if( strcmp( pcOpt, "--request-timeout" ) == 0 )
        {
            if( prvNumber( pcVal, 1, 3600000, &ullValue ) != pdPASS )
            {
                return pdFAIL;
            }

            xConfig.xRequestTimeout = ( TickType_t ) ullValue;
        }
        else if( strcmp( pcOpt, "--drain-ms" ) == 0 )
        {
            if( prvNumber( pcVal, 1, 600000, &ullValue ) != pdPASS )
            {
                return pdFAIL;
            }

            xConfig.xDrainTicks = pdMS_TO_TICKS( ullValue );
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
        xConfig.eVariant = eVariantGood;
    }
    else if( strcmp( pcVariant, "bad" ) == 0 )
    {
        xConfig.eVariant = eVariantBad;

        if( xConfig.xDelayGiven == pdFALSE )
        {
            xConfig.xDelay = 2000;
        }
    }
    else
    {
        return pdFAIL;
    }

    if( ( xConfig.usProbePort != 0U ) && ( xConfig.usProbePort == xConfig.usPort ) )
    {
        return pdFAIL;
    }

    return pdPASS;
}

/* ---------------------------------------------------------------- main task */

void vAppRun( void )
{
    Socket_t xListener;

    xSlots = xSemaphoreCreateCounting( xConfig.uxMaxTasks, xConfig.uxMaxTasks );

    if( xSlots == NULL )
    {
        vAppPrintf( "HTTP error: cannot create the slot semaphore\n" );
        vAppExit( 1 );
    }

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

    /* accept() waits at most 1 s at a time (it returns NULL then). */
    xListener = prvListen( xConfig.usPort, xConfig.xBacklog, pdMS_TO_TICKS( 1000 ) );

    if( xListener == FREERTOS_INVALID_SOCKET )
    {
        vAppExit( 1 );
    }

    vAppPrintf( "HTTP listening port=%u backlog=%ld variant=%s delay=%lu tasks=%lu\n",
                ( unsigned ) xConfig.usPort, ( long ) xConfig.xBacklog,
                ( xConfig.eVariant == eVariantGood ) ? "good" : "bad",
                ( unsigned long ) xConfig.xDelay, ( unsigned long ) xConfig.uxMaxTasks );

    for( ; ; )
    {
        struct freertos_sockaddr xFrom;
        socklen_t xFromLen = sizeof( xFrom );
        Socket_t xChild;
        HandlerArg_t * pxArg;

        /* A handler slot first, then the next connection. */
        if( xSemaphoreTake( xSlots, portMAX_DELAY ) != pdTRUE )
        {
            continue;
        }

        xChild = FreeRTOS_accept( xListener, &xFrom, &xFromLen );

        if( xChild == NULL )
        {
            ( void ) xSemaphoreGive( xSlots );
            continue;
        }

        if( xChild == FREERTOS_INVALID_SOCKET )
        {
            vAppPrintf( "HTTP error: accept returned FREERTOS_INVALID_SOCKET\n" );
            vAppExit( 1 );
        }

        prvCount( &ulAccepted );
        pxArg = ( HandlerArg_t * ) pvPortMalloc( sizeof( *pxArg ) );

        if( pxArg == NULL )
        {
            vAppPrintf( "HTTP error: out of memory for a handler\n" );
            prvGracefulClose( xChild, "no-memory" );
            ( void ) xSemaphoreGive( xSlots );
            continue;
        }

        pxArg->xSocket = xChild;
        prvDescribePeer( pxArg->cWho, sizeof( pxArg->cWho ), &xFrom );

        if( xTaskCreate( prvHandlerTask, "http", configMINIMAL_STACK_SIZE, pxArg,
                         appTASK_PRIORITY, NULL ) != pdPASS )
        {
            vAppPrintf( "HTTP error: cannot create a handler task\n" );
            prvGracefulClose( xChild, pxArg->cWho );
            vPortFree( pxArg );
            ( void ) xSemaphoreGive( xSlots );
        }
    }
}
