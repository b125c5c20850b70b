/*
 * The one-task FreeRTOS_select() HTTP server of the host program and the
 * firmware; see select_http.h.
 */
#include <stdio.h>
#include <string.h>

#include "FreeRTOS.h"
#include "task.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"

#include "app_net.h"
#include "app_platform.h"
#include "http_req.h"
#include "select_http.h"

typedef enum
{
    eFree = 0,
    eReading,  /* waiting for the request */
    eDelaying, /* "processing" (ulDelayMs) before the response */
    eSending,  /* response being queued */
    eDraining  /* shut down, waiting for the peer's close */
} ClientState_t;

typedef struct
{
    Socket_t xSocket;
    ClientState_t eState;
    TickType_t xSince;              /* when the current state began */
    char cRequest[ appHTTP_REQUEST_MAX + 1U ];
    size_t uxRequestLength;
    HttpAnswer_t xAnswer;
    char cWho[ appNET_PEER_MAX ];
} Client_t;

typedef struct
{
    SelectHttpConfig_t xConfig;
    SocketSet_t xSet;
    Socket_t xListener;
} SelectServer_t;

static SelectServer_t xServer;
static Client_t xClients[ appSELECT_MAX_CLIENTS ];
static volatile uint32_t ulAccepted, ulServed, ulErrors, ulRefused, ulSelects;

static const char cIndexPage[] =
    "<!DOCTYPE html>\n"
    "<html><head><title>FreeRTOS+TCP select()</title></head><body>\n"
    "<h1>Hello from FreeRTOS+TCP</h1>\n"
    "<p>Served by one task with FreeRTOS_select() on " appHTTP_SERVED_BY ".</p>\n"
    "</body></html>\n";

void vSelectHttpPrintStats( void )
{
    appPRINTF( "STATS accepted=%lu served=%lu errors=%lu refused=%lu selects=%lu\n", ( unsigned long ) ulAccepted,
               ( unsigned long ) ulServed, ( unsigned long ) ulErrors, ( unsigned long ) ulRefused,
               ( unsigned long ) ulSelects );
}

/* ---------------------------------------------------------------- connections */

static void prvClose( Client_t * pxClient,
                      BaseType_t xServed,
                      const char * pcWhy )
{
    if( xServed != pdFALSE )
    {
        ulServed++;
        appPRINTF( "HTTP served peer=%s path=%s status=%lu bytes=%lu\n", pxClient->cWho, pxClient->xAnswer.cPath,
                   ( unsigned long ) pxClient->xAnswer.ulStatus, ( unsigned long ) pxClient->xAnswer.ulBodySent );
    }
    else
    {
        ulErrors++;
        appPRINTF( "HTTP closed-after-error peer=%s why=%s\n", pxClient->cWho, pcWhy );
    }

    /* closesocket() takes the socket out of its set as well. */
    ( void ) FreeRTOS_closesocket( pxClient->xSocket );
    pxClient->xSocket = NULL;
    pxClient->eState = eFree;
}

static void prvEnter( Client_t * pxClient,
                      ClientState_t eState )
{
    pxClient->eState = eState;
    pxClient->xSince = xTaskGetTickCount();
}

/* The request is complete (or too long): prepare the answer. */
static void prvAnswer( Client_t * pxClient,
                       BaseType_t xTooLarge )
{
    vHttpPlanAnswer( &pxClient->xAnswer, pxClient->cRequest, xTooLarge, cIndexPage );

    if( xServer.xConfig.ulDelayMs > 0U )
    {
        prvEnter( pxClient, eDelaying );
    }
    else
    {
        prvEnter( pxClient, eSending );
        FreeRTOS_FD_SET( pxClient->xSocket, xServer.xSet, eSELECT_WRITE );
    }
}

/* READ while waiting for the request. */
static void prvRead( Client_t * pxClient )
{
    size_t uxRoom = appHTTP_REQUEST_MAX - pxClient->uxRequestLength;
    BaseType_t xGot;

    xGot = FreeRTOS_recv( pxClient->xSocket, &pxClient->cRequest[ pxClient->uxRequestLength ], uxRoom, 0 );

    if( xGot < 0 )
    {
        prvClose( pxClient, pdFALSE, pcAppNetErr( xGot ) );
        return;
    }

    pxClient->uxRequestLength += ( size_t ) xGot;
    pxClient->cRequest[ pxClient->uxRequestLength ] = '\0';

    if( uxHttpHeaderEnd( pxClient->cRequest, pxClient->uxRequestLength ) != 0U )
    {
        prvAnswer( pxClient, pdFALSE );
    }
    else if( pxClient->uxRequestLength == appHTTP_REQUEST_MAX )
    {
        prvAnswer( pxClient, pdTRUE );
    }
}

/* Queues as much of the response as the TX stream takes (SNDTIMEO 0). */
static void prvSend( Client_t * pxClient )
{
    static uint8_t ucChunk[ appHTTP_CHUNK ];

    for( ; ; )
    {
        const uint8_t * pucData;
        size_t uxLength = uxHttpAnswerNext( &pxClient->xAnswer, ucChunk, sizeof( ucChunk ), &pucData );
        BaseType_t xSent;

        if( uxLength == 0U )
        {
            /* All queued: the recommended close, without blocking. */
            FreeRTOS_FD_CLR( pxClient->xSocket, xServer.xSet, eSELECT_WRITE );
            ( void ) FreeRTOS_shutdown( pxClient->xSocket, FREERTOS_SHUT_RDWR );
            prvEnter( pxClient, eDraining );
            return;
        }

        xSent = FreeRTOS_send( pxClient->xSocket, pucData, uxLength, 0 );

        if( xSent == -pdFREERTOS_ERRNO_ENOSPC )
        {
            return; /* the stream is full: WRITE tells when there is room */
        }

        if( xSent <= 0 )
        {
            prvClose( pxClient, pdFALSE, ( xSent == 0 ) ? "send-0" : pcAppNetErr( xSent ) );
            return;
        }

        vHttpAnswerSent( &pxClient->xAnswer, ( size_t ) xSent );
    }
}

static void prvAccept( void )
{
    static const TickType_t xZero = 0;

    for( ; ; )
    {
        struct freertos_sockaddr xFrom;
        socklen_t xFromLength = sizeof( xFrom );
        Socket_t xChild = FreeRTOS_accept( xServer.xListener, &xFrom, &xFromLength );
        UBaseType_t ux;

        if( ( xChild == NULL ) || ( xChild == FREERTOS_INVALID_SOCKET ) )
        {
            return;
        }

        ulAccepted++;

        for( ux = 0; ux < xServer.xConfig.uxClients; ux++ )
        {
            if( xClients[ ux ].eState == eFree )
            {
                break;
            }
        }

        if( ux == xServer.xConfig.uxClients )
        {
            ulRefused++;
            ( void ) FreeRTOS_closesocket( xChild );
            continue;
        }

        /* Never block: the select() loop is the only place that waits. */
        ( void ) FreeRTOS_setsockopt( xChild, 0, FREERTOS_SO_RCVTIMEO, &xZero, sizeof( xZero ) );
        ( void ) FreeRTOS_setsockopt( xChild, 0, FREERTOS_SO_SNDTIMEO, &xZero, sizeof( xZero ) );
        ( void ) memset( &xClients[ ux ], 0, sizeof( xClients[ ux ] ) );
        xClients[ ux ].xSocket = xChild;
        vAppNetDescribePeer( xClients[ ux ].cWho, sizeof( xClients[ ux ].cWho ), &xFrom );
        ( void ) snprintf( xClients[ ux ].xAnswer.cPath, sizeof( xClients[ ux ].xAnswer.cPath ), "-" );
        prvEnter( &xClients[ ux ], eReading );
        /* The child is already in the listener's set (READ | EXCEPT). */
    }
}

/* One client after select() returned: what its bits (xBits) and the time
 * (xNow) say. */
static void prvServe( Client_t * pxClient,
                      EventBits_t xBits,
                      TickType_t xNow )
{
    const SelectHttpConfig_t * pxConfig = &xServer.xConfig;

    switch( pxClient->eState )
    {
        case eReading:

            if( ( xBits & eSELECT_READ ) != 0U )
            {
                prvRead( pxClient );
            }
            else if( ( xBits & eSELECT_EXCEPT ) != 0U )
            {
                prvClose( pxClient, pdFALSE, "peer-closed" );
            }
            else if( ( xNow - pxClient->xSince ) > pdMS_TO_TICKS( pxConfig->ulRequestMs ) )
            {
                prvClose( pxClient, pdFALSE, "request-timeout" );
            }

            /* A request complete: start sending in this round. */
            if( pxClient->eState == eSending )
            {
                prvSend( pxClient );
            }

            break;

        case eDelaying:

            if( ( xBits & eSELECT_EXCEPT ) != 0U )
            {
                prvClose( pxClient, pdFALSE, "peer-closed-while-processing" );
            }
            else if( ( xNow - pxClient->xSince ) >= pdMS_TO_TICKS( pxConfig->ulDelayMs ) )
            {
                prvEnter( pxClient, eSending );
                FreeRTOS_FD_SET( pxClient->xSocket, xServer.xSet, eSELECT_WRITE );
                prvSend( pxClient );
            }

            break;

        case eSending:

            if( ( xBits & eSELECT_WRITE ) != 0U )
            {
                prvSend( pxClient );
            }
            else if( ( xBits & eSELECT_EXCEPT ) != 0U )
            {
                prvClose( pxClient, pdFALSE, "peer-closed-early" );
            }

            break;

        case eDraining:

            if( ( xBits & eSELECT_READ ) != 0U )
            {
                ( void ) FreeRTOS_recv( pxClient->xSocket, NULL, appHTTP_REQUEST_MAX, 0 );
            }

            if( ( ( xBits & eSELECT_EXCEPT ) != 0U ) ||
                ( ( xNow - pxClient->xSince ) > pdMS_TO_TICKS( pxConfig->ulDrainMs ) ) )
            {
                prvClose( pxClient, pdTRUE, NULL );
            }

            break;

        default:
            break;
    }
}

/* ---------------------------------------------------------------- the task */

static void prvSelectTask( void * pvParameters )
{
    UBaseType_t ux;

    ( void ) pvParameters;

    for( ; ; )
    {
        TickType_t xBlock = pdMS_TO_TICKS( 500 );
        BaseType_t xReady;
        TickType_t xNow = xTaskGetTickCount();

        /* Sleep no longer than the first "processing" delay that ends. */
        for( ux = 0; ux < xServer.xConfig.uxClients; ux++ )
        {
            if( xClients[ ux ].eState == eDelaying )
            {
                TickType_t xPassed = xNow - xClients[ ux ].xSince;
                TickType_t xDelay = pdMS_TO_TICKS( xServer.xConfig.ulDelayMs );
                TickType_t xLeft = ( xPassed >= xDelay ) ? 0 : ( xDelay - xPassed );

                xBlock = ( xLeft < xBlock ) ? xLeft : xBlock;
            }
        }

        xReady = FreeRTOS_select( xServer.xSet, xBlock );
        ulSelects++;

        if( xReady < 0 )
        {
            /* Only a deleted set fails; nothing would ever wake us again. */
            appPRINTF( "HTTP error: select returned %ld; the server stops\n", ( long ) xReady );
            vTaskDelete( NULL );
        }

        if( ( FreeRTOS_FD_ISSET( xServer.xListener, xServer.xSet ) & eSELECT_READ ) != 0U )
        {
            prvAccept();
        }

        /* After accept(): a new client's xSince must not lie in the future. */
        xNow = xTaskGetTickCount();

        for( ux = 0; ux < xServer.xConfig.uxClients; ux++ )
        {
            if( xClients[ ux ].eState != eFree )
            {
                prvServe( &xClients[ ux ], FreeRTOS_FD_ISSET( xClients[ ux ].xSocket, xServer.xSet ), xNow );
            }
        }
    }
}

BaseType_t xSelectHttpStart( const SelectHttpConfig_t * pxConfig )
{
    if( ( pxConfig->uxClients == 0U ) || ( pxConfig->uxClients > appSELECT_MAX_CLIENTS ) )
    {
        appPRINTF( "HTTP error: %lu clients (1 .. %lu)\n", ( unsigned long ) pxConfig->uxClients,
                   ( unsigned long ) appSELECT_MAX_CLIENTS );
        return pdFAIL;
    }

    xServer.xConfig = *pxConfig;
    xServer.xSet = FreeRTOS_CreateSocketSet();
    xServer.xListener = xAppNetListen( pxConfig->usPort, pxConfig->xBacklog, 0 );

    if( ( xServer.xSet == NULL ) || ( xServer.xListener == FREERTOS_INVALID_SOCKET ) )
    {
        appPRINTF( "HTTP error: no socket set or listener\n" );
        return pdFAIL;
    }

    FreeRTOS_FD_SET( xServer.xListener, xServer.xSet, eSELECT_READ | eSELECT_EXCEPT );

    if( xTaskCreate( prvSelectTask, "http-sel", appSELECT_STACK_WORDS, NULL, appTASK_PRIORITY, NULL ) != pdPASS )
    {
        appPRINTF( "HTTP error: cannot create the select task\n" );
        return pdFAIL;
    }

    appPRINTF( "HTTP listening port=%u backlog=%ld variant=select clients=%lu\n", ( unsigned ) pxConfig->usPort,
               ( long ) pxConfig->xBacklog, ( unsigned long ) pxConfig->uxClients );
    return pdPASS;
}
