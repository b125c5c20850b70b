/*
 * The HTTP/1.0 server of the firmware: the same application as the host
 * demo's c-tests/apps/http_server.c (same resources, same two ways of ending
 * a connection, same log lines), written for a small target: fixed task
 * stacks, no sscanf/%llu, one build-time variant.
 *
 *   good  every return value is checked; after the response (and on any
 *         error) FreeRTOS_shutdown(), FreeRTOS_recv() until negative (at
 *         most 3 s), FreeRTOS_closesocket().
 *   bad   the K63F pattern (reference 14.4): read the request, "process"
 *         for 2000 ticks, send; if recv() or send() returns a negative
 *         value the handler forgets the socket WITHOUT closing it. (A
 *         response that went out completely is closed the good way.)
 *
 * One listener on port 80, backlog 3. An accept task hands each connection
 * to a handler task; at most fwHTTP_TASKS handlers exist at a time (the
 * accept task waits for a free slot before it calls FreeRTOS_accept()).
 *
 * Lines: "HTTP listening ...", one "HTTP served|abandoned|closed-after-
 * error ..." per connection, "STATS ..." on request.
 */
#include <string.h>

#include "FreeRTOS.h"
#include "task.h"
#include "semphr.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"

#include "fw_app.h"

#define fwHTTP_BACKLOG          3
#define fwHTTP_TASKS            4U
#define fwHTTP_STACK_WORDS      1024U
#define fwHTTP_REQUEST_MAX      512U
#define fwHTTP_CHUNK            1024U
#define fwHTTP_MAX_BYTES        ( 1024UL * 1024UL * 1024UL )
#define fwHTTP_REQUEST_TIMEOUT  ( ( TickType_t ) 5000 )
#define fwHTTP_SEND_TIMEOUT     ( ( TickType_t ) 5000 )
#define fwHTTP_DRAIN_TICKS      ( ( TickType_t ) 3000 )

#if ( FW_HTTP_BAD == 1 )
    #define fwHTTP_DELAY        ( ( TickType_t ) 2000 )
    #define fwHTTP_VARIANT      "bad"
#else
    #define fwHTTP_DELAY        ( ( TickType_t ) 0 )
    #define fwHTTP_VARIANT      "good"
#endif

static SemaphoreHandle_t xSlots = NULL;
static volatile uint32_t ulAccepted = 0;
static volatile uint32_t ulServed = 0;
static volatile uint32_t ulAbandoned = 0;
static volatile uint32_t ulClosedAfterError = 0;
static volatile UBaseType_t uxStackMin = ( UBaseType_t ) fwHTTP_STACK_WORDS;

static const char cIndexPage[] =
    "<!DOCTYPE html>\n"
    "<html><head><title>FreeRTOS+TCP (Rust)</title></head>\n"
    "<body><h1>Hello from FreeRTOS+TCP</h1>\n"
    "<p>Served by the Rust drop-in stack on a Cortex-M4F (QEMU mps2-an386, LAN9118).</p>\n"
    "</body></html>\n";

typedef struct
{
    Socket_t xSocket;
    char cWho[ 24 ];
} HttpJob_t;

static void prvCount( volatile uint32_t * pulCounter )
{
    taskENTER_CRITICAL();
    ( *pulCounter )++;
    taskEXIT_CRITICAL();
}

void vFwHttpPrintStats( void )
{
    vLoggingPrintf( "STATS accepted=%lu served=%lu abandoned=%lu closed_after_error=%lu\n",
                    ( unsigned long ) ulAccepted, ( unsigned long ) ulServed,
                    ( unsigned long ) ulAbandoned, ( unsigned long ) ulClosedAfterError );
}

UBaseType_t uxFwHttpStackMin( void )
{
    return uxStackMin;
}

/* After a failed recv()/send(): the variant decides. The handle is dead to
 * the caller afterwards either way. */
static void prvOnError( Socket_t xSocket,
                        const char * pcWho,
                        const char * pcWhat,
                        BaseType_t xRet )
{
    #if ( FW_HTTP_BAD == 1 )
        if( xRet < 0 )
        {
            prvCount( &ulAbandoned );
            vLoggingPrintf( "HTTP abandoned %s: %s returned %ld (%s); socket NOT closed tick=%lu\n",
                            pcWho, pcWhat, ( long ) xRet, pcFwErr( xRet ),
                            ( unsigned long ) xTaskGetTickCount() );
            return;
        }
    #endif

    prvCount( &ulClosedAfterError );
    vLoggingPrintf( "HTTP closed-after-error %s: %s returned %ld (%s)\n",
                    pcWho, pcWhat, ( long ) xRet, pcFwErr( xRet ) );
    vFwGracefulClose( xSocket, fwHTTP_DRAIN_TICKS, pcWho );
}

/* pdPASS, or pdFAIL with *pxRet = the failing return value. */
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
            *pxRet = xRet;
            return pdFAIL;
        }

        pucData += xRet;
        uxLength -= ( size_t ) xRet;
    }

    return pdPASS;
}

/* Appends text / a decimal to a buffer; returns the new length. */
static size_t prvAppend( char * pcOut,
                         size_t uxAt,
                         size_t uxSize,
                         const char * pcText )
{
    while( ( *pcText != '\0' ) && ( uxAt + 1U < uxSize ) )
    {
        pcOut[ uxAt++ ] = *pcText++;
    }

    pcOut[ uxAt ] = '\0';
    return uxAt;
}

static size_t prvAppendNumber( char * pcOut,
                               size_t uxAt,
                               size_t uxSize,
                               uint32_t ulValue )
{
    char cDigits[ 12 ];
    size_t uxN = 0;

    do
    {
        cDigits[ uxN++ ] = ( char ) ( '0' + ( ulValue % 10U ) );
        ulValue /= 10U;
    } while( ulValue != 0U );

    while( ( uxN > 0U ) && ( uxAt + 1U < uxSize ) )
    {
        pcOut[ uxAt++ ] = cDigits[ --uxN ];
    }

    pcOut[ uxAt ] = '\0';
    return uxAt;
}

static BaseType_t prvSendHeader( Socket_t xSocket,
                                 uint32_t ulStatus,
                                 const char * pcReason,
                                 const char * pcType,
                                 uint32_t ulLength,
                                 BaseType_t * pxRet )
{
    char cHeader[ 192 ];
    size_t uxAt = 0;

    uxAt = prvAppend( cHeader, uxAt, sizeof( cHeader ), "HTTP/1.0 " );
    uxAt = prvAppendNumber( cHeader, uxAt, sizeof( cHeader ), ulStatus );
    uxAt = prvAppend( cHeader, uxAt, sizeof( cHeader ), " " );
    uxAt = prvAppend( cHeader, uxAt, sizeof( cHeader ), pcReason );
    uxAt = prvAppend( cHeader, uxAt, sizeof( cHeader ), "\r\nServer: fptcp-http\r\nContent-Type: " );
    uxAt = prvAppend( cHeader, uxAt, sizeof( cHeader ), pcType );
    uxAt = prvAppend( cHeader, uxAt, sizeof( cHeader ), "\r\nContent-Length: " );
    uxAt = prvAppendNumber( cHeader, uxAt, sizeof( cHeader ), ulLength );
    uxAt = prvAppend( cHeader, uxAt, sizeof( cHeader ), "\r\nConnection: close\r\n\r\n" );

    return prvSendAll( xSocket, cHeader, uxAt, pxRet );
}

/* Index just past the header block ("\r\n\r\n" or "\n\n"), 0 if incomplete. */
static size_t prvHeaderEnd( const char * pcBuf,
                            size_t uxLen )
{
    size_t i;

    for( i = 0; i < uxLen; i++ )
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

/* Decimal without sign or trailing text, at most ulMax. */
static BaseType_t prvParseNumber( const char * pcText,
                                  size_t uxLen,
                                  uint32_t ulMax,
                                  uint32_t * pulOut )
{
    uint32_t ulValue = 0;
    size_t i;

    if( uxLen == 0U )
    {
        return pdFAIL;
    }

    for( i = 0; i < uxLen; i++ )
    {
        uint32_t ulDigit;

        if( ( pcText[ i ] < '0' ) || ( pcText[ i ] > '9' ) )
        {
            return pdFAIL;
        }

        ulDigit = ( uint32_t ) ( pcText[ i ] - '0' );

        if( ulValue > ( ulMax - ulDigit ) / 10U )
        {
            return pdFAIL;
        }

        ulValue = ulValue * 10U + ulDigit;
    }

    *pulOut = ulValue;
    return pdPASS;
}

static void prvHandle( Socket_t xSocket,
                       const char * pcWho )
{
    static const TickType_t xRequestTimeout = fwHTTP_REQUEST_TIMEOUT;
    static const TickType_t xSendTimeout = fwHTTP_SEND_TIMEOUT;
    char cRequest[ fwHTTP_REQUEST_MAX + 1U ];
    size_t uxFill = 0;
    BaseType_t xRet = 0;
    uint32_t ulStatus;
    uint32_t ulBytes = 0;
    const char * pcPath;
    size_t uxPathLen = 0;
    TickType_t xStart = xTaskGetTickCount();

    ( void ) FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_RCVTIMEO, &xRequestTimeout, sizeof( xRequestTimeout ) );
    ( void ) FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_SNDTIMEO, &xSendTimeout, sizeof( xSendTimeout ) );

    while( prvHeaderEnd( cRequest, uxFill ) == 0U )
    {
        if( uxFill >= fwHTTP_REQUEST_MAX )
        {
            ( void ) prvSendHeader( xSocket, 431, "Request Header Fields Too Large", "text/plain", 0, &xRet );
            prvOnError( xSocket, pcWho, "request too large", 0 );
            return;
        }

        xRet = FreeRTOS_recv( xSocket, &cRequest[ uxFill ], fwHTTP_REQUEST_MAX - uxFill, 0 );

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
    if( fwHTTP_DELAY > 0U )
    {
        vTaskDelay( fwHTTP_DELAY );
    }

    /* Request line: "GET <path> HTTP/1.x". */
    if( ( strncmp( cRequest, "GET ", 4 ) == 0 ) && ( cRequest[ 4 ] == '/' ) )
    {
        pcPath = &cRequest[ 4 ];

        while( ( pcPath[ uxPathLen ] != ' ' ) && ( pcPath[ uxPathLen ] != '\r' ) &&
               ( pcPath[ uxPathLen ] != '\n' ) && ( pcPath[ uxPathLen ] != '\0' ) )
        {
            uxPathLen++;
        }

        if( strncmp( &pcPath[ uxPathLen ], " HTTP/1.", 8 ) != 0 )
        {
            pcPath = NULL;
        }
    }
    else
    {
        pcPath = NULL;
    }

    if( pcPath == NULL )
    {
        ulStatus = 400;

        if( prvSendHeader( xSocket, 400, "Bad Request", "text/plain", 0, &xRet ) != pdPASS )
        {
            prvOnError( xSocket, pcWho, "send", xRet );
            return;
        }
    }
    else if( ( uxPathLen == 1U ) && ( pcPath[ 0 ] == '/' ) )
    {
        ulStatus = 200;
        ulBytes = ( uint32_t ) ( sizeof( cIndexPage ) - 1U );

        if( ( prvSendHeader( xSocket, 200, "OK", "text/html", ulBytes, &xRet ) != pdPASS ) ||
            ( prvSendAll( xSocket, cIndexPage, ulBytes, &xRet ) != pdPASS ) )
        {
            prvOnError( xSocket, pcWho, "send", xRet );
            return;
        }
    }
    else if( ( uxPathLen > 7U ) && ( strncmp( pcPath, "/bytes/", 7 ) == 0 ) &&
             ( prvParseNumber( &pcPath[ 7 ], uxPathLen - 7U, fwHTTP_MAX_BYTES, &ulBytes ) == pdPASS ) )
    {
        uint8_t ucChunk[ fwHTTP_CHUNK ];
        uint32_t ulSent = 0;

        ulStatus = 200;

        if( prvSendHeader( xSocket, 200, "OK", "application/octet-stream", ulBytes, &xRet ) != pdPASS )
        {
            prvOnError( xSocket, pcWho, "send", xRet );
            return;
        }

        while( ulSent < ulBytes )
        {
            size_t uxNow = ( ( ulBytes - ulSent ) < fwHTTP_CHUNK ) ? ( size_t ) ( ulBytes - ulSent ) : fwHTTP_CHUNK;

            vFwPatternFill( ulSent, ucChunk, uxNow );

            if( prvSendAll( xSocket, ucChunk, uxNow, &xRet ) != pdPASS )
            {
                prvOnError( xSocket, pcWho, "send", xRet );
                return;
            }

            ulSent += ( uint32_t ) uxNow;
        }
    }
    else
    {
        static const char cNotFound[] = "not found\n";

        ulStatus = 404;
        ulBytes = ( uint32_t ) ( sizeof( cNotFound ) - 1U );

        if( ( prvSendHeader( xSocket, 404, "Not Found", "text/plain", ulBytes, &xRet ) != pdPASS ) ||
            ( prvSendAll( xSocket, cNotFound, ulBytes, &xRet ) != pdPASS ) )
        {
            prvOnError( xSocket, pcWho, "send", xRet );
            return;
        }
    }

    vFwGracefulClose( xSocket, fwHTTP_DRAIN_TICKS, pcWho );
    prvCount( &ulServed );
    vLoggingPrintf( "HTTP served %s status=%lu bytes=%lu ticks=%lu\n", pcWho, ( unsigned long ) ulStatus,
                    ( unsigned long ) ulBytes, ( unsigned long ) ( xTaskGetTickCount() - xStart ) );
}

static void prvHandlerTask( void * pvParameters )
{
    HttpJob_t * pxJob = ( HttpJob_t * ) pvParameters;

    UBaseType_t uxUnused;

    prvHandle( pxJob->xSocket, pxJob->cWho );
    vPortFree( pxJob );

    uxUnused = uxTaskGetStackHighWaterMark( NULL );
    taskENTER_CRITICAL();

    if( uxUnused < uxStackMin )
    {
        uxStackMin = uxUnused;
    }

    taskEXIT_CRITICAL();
    ( void ) xSemaphoreGive( xSlots );
    vTaskDelete( NULL );
}

static void prvAcceptTask( void * pvParameters )
{
    Socket_t xListener = ( Socket_t ) pvParameters;

    for( ; ; )
    {
        struct freertos_sockaddr xFrom;
        socklen_t xFromLength = sizeof( xFrom );
        Socket_t xChild;
        HttpJob_t * pxJob;

        /* A handler slot first, then the next connection. */
        if( xSemaphoreTake( xSlots, portMAX_DELAY ) != pdTRUE )
        {
            continue;
        }

        xChild = FreeRTOS_accept( xListener, &xFrom, &xFromLength );

        if( xChild == NULL )
        {
            ( void ) xSemaphoreGive( xSlots );
            continue;
        }

        if( xChild == FREERTOS_INVALID_SOCKET )
        {
            vLoggingPrintf( "HTTP error: accept returned FREERTOS_INVALID_SOCKET\n" );
            vTaskDelay( pdMS_TO_TICKS( 1000 ) );
            ( void ) xSemaphoreGive( xSlots );
            continue;
        }

        prvCount( &ulAccepted );
        pxJob = ( HttpJob_t * ) pvPortMalloc( sizeof( *pxJob ) );

        if( pxJob == NULL )
        {
            vLoggingPrintf( "HTTP error: out of memory for a handler\n" );
            vFwGracefulClose( xChild, fwHTTP_DRAIN_TICKS, "no-memory" );
            ( void ) xSemaphoreGive( xSlots );
            continue;
        }

        pxJob->xSocket = xChild;
        vFwDescribePeer( pxJob->cWho, sizeof( pxJob->cWho ), &xFrom );

        if( xTaskCreate( prvHandlerTask, "http", fwHTTP_STACK_WORDS, pxJob, fwTASK_PRIORITY, NULL ) != pdPASS )
        {
            vLoggingPrintf( "HTTP error: cannot create a handler task\n" );
            vFwGracefulClose( xChild, fwHTTP_DRAIN_TICKS, pxJob->cWho );
            vPortFree( pxJob );
            ( void ) xSemaphoreGive( xSlots );
        }
    }
}

BaseType_t xFwHttpStart( void )
{
    Socket_t xListener;

    xSlots = xSemaphoreCreateCounting( fwHTTP_TASKS, fwHTTP_TASKS );

    if( xSlots == NULL )
    {
        vLoggingPrintf( "HTTP error: cannot create the slot semaphore\n" );
        return pdFAIL;
    }

    /* accept() waits at most 1 s at a time (it returns NULL then). */
    xListener = xFwListen( fwHTTP_PORT, fwHTTP_BACKLOG, pdMS_TO_TICKS( 1000 ) );

    if( xListener == FREERTOS_INVALID_SOCKET )
    {
        return pdFAIL;
    }

    if( xTaskCreate( prvAcceptTask, "http-acc", configMINIMAL_STACK_SIZE * 2, ( void * ) xListener,
                     fwTASK_PRIORITY, NULL ) != pdPASS )
    {
        vLoggingPrintf( "HTTP error: cannot create the accept task\n" );
        return pdFAIL;
    }

    vLoggingPrintf( "HTTP listening port=%u backlog=%d variant=%s delay=%lu tasks=%u\n",
                    ( unsigned ) fwHTTP_PORT, fwHTTP_BACKLOG, fwHTTP_VARIANT,
                    ( unsigned long ) fwHTTP_DELAY, ( unsigned ) fwHTTP_TASKS );
    return pdPASS;
}
