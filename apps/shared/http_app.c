/*
 * The HTTP/1.0 server application of the host program and the firmware;
 * see http_app.h. Written for the smaller of the two: fixed buffers on the
 * handler's stack, 32-bit numbers only (newlib-nano's printf has no %llu),
 * no sscanf.
 */
#include <stdio.h>
#include <string.h>

#include "FreeRTOS.h"
#include "task.h"
#include "semphr.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"

#include "app_net.h"
#include "app_platform.h"
#include "http_app.h"
#include "http_req.h"

#define httpSEND_TIMEOUT    ( ( TickType_t ) 5000 )

static HttpConfig_t xConfig;
static SemaphoreHandle_t xSlots = NULL;
static volatile uint32_t ulAccepted = 0;
static volatile uint32_t ulServed = 0;
static volatile uint32_t ulAbandoned = 0;
static volatile uint32_t ulClosedAfterError = 0;
static volatile UBaseType_t uxStackMin = ( UBaseType_t ) appHTTP_STACK_WORDS;

static const char cIndexPage[] =
    "<!DOCTYPE html>\n"
    "<html><head><title>FreeRTOS+TCP (Rust)</title></head>\n"
    "<body><h1>Hello from FreeRTOS+TCP</h1>\n"
    "<p>Served by the Rust drop-in stack on " appHTTP_SERVED_BY ".</p>\n"
    "</body></html>\n";

typedef struct
{
    Socket_t xSocket;
    char cWho[ appNET_PEER_MAX ];
} HttpJob_t;

/* ---------------------------------------------------------------- counters */

static void prvCount( volatile uint32_t * pulCounter )
{
    taskENTER_CRITICAL();
    ( *pulCounter )++;
    taskEXIT_CRITICAL();
}

void vHttpPrintStats( void )
{
    appPRINTF( "STATS accepted=%lu served=%lu abandoned=%lu closed_after_error=%lu\n",
               ( unsigned long ) ulAccepted, ( unsigned long ) ulServed,
               ( unsigned long ) ulAbandoned, ( unsigned long ) ulClosedAfterError );
}

UBaseType_t uxHttpStackMin( void )
{
    return uxStackMin;
}

/* ---------------------------------------------------------------- the handler */

/* What to do after a failed recv() or send(); the variant decides. The
 * handle is dead to the caller afterwards either way. */
static void prvOnError( Socket_t xSocket,
                        const char * pcWho,
                        const char * pcWhat,
                        BaseType_t xRet )
{
    /* A timeout or a bad request is not an error return: the bad handler
     * closes such a connection like any other. */
    if( ( xConfig.xBadVariant != pdFALSE ) && ( xRet < 0 ) )
    {
        /* The K63F handler: the socket is simply forgotten. */
        prvCount( &ulAbandoned );
        appPRINTF( "HTTP abandoned %s: %s returned %ld (%s); socket NOT closed tick=%lu\n",
                   pcWho, pcWhat, ( long ) xRet, pcAppNetErr( xRet ),
                   ( unsigned long ) xTaskGetTickCount() );
        return;
    }

    prvCount( &ulClosedAfterError );
    appPRINTF( "HTTP closed-after-error %s: %s returned %ld (%s)\n",
               pcWho, pcWhat, ( long ) xRet, pcAppNetErr( xRet ) );
    vAppNetGracefulClose( xSocket, xConfig.xDrainTicks, pcWho );
}

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

/* Sends the whole answer (SNDTIMEO bounds each send()). pdPASS, or pdFAIL
 * with *pxRet = the failing return. */
static BaseType_t prvSendAnswer( Socket_t xSocket,
                                 HttpAnswer_t * pxAnswer,
                                 BaseType_t * pxRet )
{
    uint8_t ucChunk[ appHTTP_CHUNK ];
    const uint8_t * pucData;
    size_t uxNow;

    while( ( uxNow = uxHttpAnswerNext( pxAnswer, ucChunk, sizeof( ucChunk ), &pucData ) ) > 0U )
    {
        if( prvSendAll( xSocket, pucData, uxNow, pxRet ) != pdPASS )
        {
            return pdFAIL;
        }

        vHttpAnswerSent( pxAnswer, uxNow );
    }

    return pdPASS;
}

static void prvHandleConnection( Socket_t xSocket,
                                 const char * pcWho )
{
    static const TickType_t xSendTimeout = httpSEND_TIMEOUT;
    char cRequest[ appHTTP_REQUEST_MAX + 1U ];
    HttpAnswer_t xAnswer;
    size_t uxFill = 0;
    BaseType_t xRet = 0;
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
    while( uxHttpHeaderEnd( cRequest, uxFill ) == 0U )
    {
        if( uxFill >= appHTTP_REQUEST_MAX )
        {
            cRequest[ uxFill ] = '\0';
            vHttpPlanAnswer( &xAnswer, cRequest, pdTRUE, cIndexPage );
            ( void ) prvSendAnswer( xSocket, &xAnswer, &xRet );
            prvOnError( xSocket, pcWho, "request too large", 0 );
            return;
        }

        xRet = FreeRTOS_recv( xSocket, &cRequest[ uxFill ], appHTTP_REQUEST_MAX - uxFill, 0 );

        if( xRet <= 0 )
        {
            prvOnError( xSocket, pcWho, ( xRet == 0 ) ? "recv (timeout)" : "recv", xRet );
            return;
        }

        uxFill += ( size_t ) xRet;
    }

    cRequest[ uxFill ] = '\0';

    /* "Processing". */
    if( xConfig.xDelay > 0U )
    {
        vTaskDelay( xConfig.xDelay );
    }

    vHttpPlanAnswer( &xAnswer, cRequest, pdFALSE, cIndexPage );

    if( prvSendAnswer( xSocket, &xAnswer, &xRet ) != pdPASS )
    {
        prvOnError( xSocket, pcWho, "send", xRet );
        return;
    }

    vAppNetGracefulClose( xSocket, xConfig.xDrainTicks, pcWho );
    prvCount( &ulServed );
    appPRINTF( "HTTP served %s status=%lu bytes=%lu ticks=%lu\n", pcWho, ( unsigned long ) xAnswer.ulStatus,
               ( unsigned long ) xAnswer.ulBodyLength, ( unsigned long ) ( xTaskGetTickCount() - xStart ) );
}

/* Serves one accepted connection and gives its slot back. */
static void prvServeJob( HttpJob_t * pxJob )
{
    UBaseType_t uxUnused;

    prvHandleConnection( pxJob->xSocket, pxJob->cWho );
    vPortFree( pxJob );

    /* The deepest a handler went, for the firmware's STACKS line. */
    uxUnused = uxTaskGetStackHighWaterMark( NULL );
    taskENTER_CRITICAL();

    if( uxUnused < uxStackMin )
    {
        uxStackMin = uxUnused;
    }

    taskEXIT_CRITICAL();
    ( void ) xSemaphoreGive( xSlots );
}

static void prvHandlerTask( void * pvParameters )
{
    prvServeJob( ( HttpJob_t * ) pvParameters );
    vTaskDelete( NULL );
}

/* xWorkerPool: connections come through xJobs. */
static QueueHandle_t xJobs;

static void prvWorkerTask( void * pvParameters )
{
    HttpJob_t * pxJob;

    ( void ) pvParameters;

    for( ; ; )
    {
        if( xQueueReceive( xJobs, &pxJob, portMAX_DELAY ) == pdTRUE )
        {
            prvServeJob( pxJob );
        }
    }
}

/* ---------------------------------------------------------------- accepting */

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
            /* The accept timeout: nothing arrived. */
            ( void ) xSemaphoreGive( xSlots );
            continue;
        }

        if( xChild == FREERTOS_INVALID_SOCKET )
        {
            /* Should not happen on a listener; retry, but not in a tight loop. */
            appPRINTF( "HTTP error: accept returned FREERTOS_INVALID_SOCKET\n" );
            vTaskDelay( pdMS_TO_TICKS( 1000 ) );
            ( void ) xSemaphoreGive( xSlots );
            continue;
        }

        prvCount( &ulAccepted );
        pxJob = ( HttpJob_t * ) pvPortMalloc( sizeof( *pxJob ) );

        if( pxJob == NULL )
        {
            appPRINTF( "HTTP error: out of memory for a handler\n" );
            vAppNetGracefulClose( xChild, xConfig.xDrainTicks, "no-memory" );
            ( void ) xSemaphoreGive( xSlots );
            continue;
        }

        pxJob->xSocket = xChild;
        vAppNetDescribePeer( pxJob->cWho, sizeof( pxJob->cWho ), &xFrom );

        if( xJobs != NULL )
        {
            /* A slot is held, so the queue (one entry per slot) has room. */
            ( void ) xQueueSend( xJobs, &pxJob, portMAX_DELAY );
        }
        else if( xTaskCreate( prvHandlerTask, "http", appHTTP_STACK_WORDS, pxJob, appTASK_PRIORITY, NULL ) != pdPASS )
        {
            appPRINTF( "HTTP error: cannot create a handler task\n" );
            vAppNetGracefulClose( xChild, xConfig.xDrainTicks, pxJob->cWho );
            vPortFree( pxJob );
            ( void ) xSemaphoreGive( xSlots );
        }
    }
}

BaseType_t xHttpStart( const HttpConfig_t * pxConfig )
{
    Socket_t xListener;

    xConfig = *pxConfig;
    xSlots = xSemaphoreCreateCounting( xConfig.uxMaxTasks, xConfig.uxMaxTasks );

    if( xSlots == NULL )
    {
        appPRINTF( "HTTP error: cannot create the slot semaphore\n" );
        return pdFAIL;
    }

    if( xConfig.xWorkerPool == pdTRUE )
    {
        xJobs = xQueueCreate( xConfig.uxMaxTasks, sizeof( HttpJob_t * ) );

        for( UBaseType_t i = 0; ( xJobs != NULL ) && ( i < xConfig.uxMaxTasks ); i++ )
        {
            if( xTaskCreate( prvWorkerTask, "http", appHTTP_STACK_WORDS, NULL, appTASK_PRIORITY, NULL ) != pdPASS )
            {
                appPRINTF( "HTTP error: cannot create worker %lu\n", ( unsigned long ) i );
                return pdFAIL;
            }
        }

        if( xJobs == NULL )
        {
            appPRINTF( "HTTP error: cannot create the job queue\n" );
            return pdFAIL;
        }
    }

    /* accept() waits at most 1 s at a time (it returns NULL then). */
    xListener = xAppNetListen( xConfig.usPort, xConfig.xBacklog, pdMS_TO_TICKS( 1000 ) );

    if( xListener == FREERTOS_INVALID_SOCKET )
    {
        return pdFAIL;
    }

    if( xTaskCreate( prvAcceptTask, "http-acc", appHTTP_ACCEPT_STACK_WORDS, ( void * ) xListener,
                     appTASK_PRIORITY, NULL ) != pdPASS )
    {
        appPRINTF( "HTTP error: cannot create the accept task\n" );
        ( void ) FreeRTOS_closesocket( xListener );
        return pdFAIL;
    }

    appPRINTF( "HTTP listening port=%u backlog=%ld variant=%s delay=%lu tasks=%lu\n",
               ( unsigned ) xConfig.usPort, ( long ) xConfig.xBacklog,
               ( xConfig.xBadVariant != pdFALSE ) ? "bad" : "good",
               ( unsigned long ) xConfig.xDelay, ( unsigned long ) xConfig.uxMaxTasks );
    return pdPASS;
}
