/*
 * The callbacks-only HTTP server of the host program and the firmware; see
 * http_callbacks_app.h.
 */
#include <string.h>

#include "FreeRTOS.h"
#include "task.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"

#include "app_platform.h"
#include "http_callbacks_app.h"
#include "http_req.h"

#if ( ipconfigUSE_CALLBACKS != 1 )
    #error "the callbacks HTTP server needs ipconfigUSE_CALLBACKS"
#endif

typedef struct
{
    Socket_t xSocket;                  /* NULL: free entry */
    char cRequest[ appHTTP_REQUEST_MAX + 1U ];
    size_t uxRequestLength;
    BaseType_t xAnswering;
    HttpAnswer_t xAnswer;
    BaseType_t xShutdown;
} Connection_t;

/* Only the IP task touches these (every handler runs there). */
static Connection_t xConnections[ appHTTPCB_MAX_CONNECTIONS ];
static uint8_t ucChunk[ appHTTP_CHUNK ];
static UBaseType_t uxOpen;
static volatile uint32_t ulServed, ulClosed, ulErrors;

static const char cPage[] =
    "<!DOCTYPE html>\n<html><head><title>FreeRTOS+TCP callbacks</title></head>\n"
    "<body><h1>Hello from FreeRTOS+TCP callbacks</h1>\n"
    "<p>Served by socket handlers in the IP task on " appHTTP_SERVED_BY ".</p>\n"
    "</body></html>\n";

void vHttpCallbacksPrintStats( void )
{
    appPRINTF( "STATS served=%lu closed=%lu open=%lu errors=%lu\n", ( unsigned long ) ulServed,
               ( unsigned long ) ulClosed, ( unsigned long ) uxOpen, ( unsigned long ) ulErrors );
}

/* The entry of a socket; with xCreate, a free entry becomes its entry. */
static Connection_t * prvFind( Socket_t xSocket,
                               BaseType_t xCreate )
{
    size_t i;
    Connection_t * pxFree = NULL;

    for( i = 0; i < appHTTPCB_MAX_CONNECTIONS; i++ )
    {
        if( xConnections[ i ].xSocket == xSocket )
        {
            return &xConnections[ i ];
        }

        if( ( pxFree == NULL ) && ( xConnections[ i ].xSocket == NULL ) )
        {
            pxFree = &xConnections[ i ];
        }
    }

    if( ( xCreate == pdFALSE ) || ( pxFree == NULL ) )
    {
        return NULL;
    }

    ( void ) memset( pxFree, 0, sizeof( *pxFree ) );
    pxFree->xSocket = xSocket;
    uxOpen++;
    return pxFree;
}

/* Sends what fits of the answer; shuts down after the last byte. */
static void prvPump( Connection_t * pxConn )
{
    for( ; ; )
    {
        BaseType_t xSpace = FreeRTOS_tx_space( pxConn->xSocket );
        const uint8_t * pucData;
        size_t uxLength;
        BaseType_t xSent;

        if( xHttpAnswerDone( &pxConn->xAnswer ) != pdFALSE )
        {
            if( pxConn->xShutdown == pdFALSE )
            {
                pxConn->xShutdown = pdTRUE;
                ( void ) FreeRTOS_shutdown( pxConn->xSocket, FREERTOS_SHUT_RDWR );
            }

            return;
        }

        if( xSpace <= 0 )
        {
            return; /* the sent handler comes back when space is free */
        }

        uxLength = uxHttpAnswerNext( &pxConn->xAnswer, ucChunk,
                                     ( ( size_t ) xSpace < sizeof( ucChunk ) ) ? ( size_t ) xSpace : sizeof( ucChunk ),
                                     &pucData );

        /* Called from the IP task, send() never blocks. */
        xSent = FreeRTOS_send( pxConn->xSocket, pucData, uxLength, FREERTOS_MSG_DONTWAIT );

        if( xSent <= 0 )
        {
            if( xSent < 0 )
            {
                ulErrors++;
                appPRINTF( "HTTPCB error send=%ld\n", ( long ) xSent );
            }

            return;
        }

        vHttpAnswerSent( &pxConn->xAnswer, ( size_t ) xSent );
    }
}

/* ---------------------------------------------------------------- handlers */

static void prvOnConnected( Socket_t xSocket,
                            BaseType_t ulConnected )
{
    if( ulConnected != 0 )
    {
        /* Upstream reports a child's connection on the listener: take it. */
        Socket_t xChild = FreeRTOS_accept( xSocket, NULL, NULL );

        if( ( xChild != NULL ) && ( xChild != FREERTOS_INVALID_SOCKET ) )
        {
            if( prvFind( xChild, pdTRUE ) == NULL )
            {
                ulErrors++;
                appPRINTF( "HTTPCB error table full\n" );
                ( void ) FreeRTOS_closesocket( xChild );
            }
        }
    }
    else
    {
        Connection_t * pxConn = prvFind( xSocket, pdFALSE );

        if( pxConn != NULL )
        {
            pxConn->xSocket = NULL;
            uxOpen--;
        }

        ( void ) FreeRTOS_closesocket( xSocket );
        ulClosed++;
        appPRINTF( "HTTPCB closed open=%lu\n", ( unsigned long ) uxOpen );
    }
}

static BaseType_t prvOnReceive( Socket_t xSocket,
                                void * pvData,
                                size_t uxLength )
{
    Connection_t * pxConn = prvFind( xSocket, pdTRUE );
    size_t uxRoom;
    BaseType_t xTooLarge;

    if( ( pxConn == NULL ) || ( pxConn->xAnswering != pdFALSE ) )
    {
        return 0; /* the request is complete; what follows is ignored */
    }

    uxRoom = appHTTP_REQUEST_MAX - pxConn->uxRequestLength;

    if( uxLength > uxRoom )
    {
        uxLength = uxRoom;
    }

    ( void ) memcpy( &pxConn->cRequest[ pxConn->uxRequestLength ], pvData, uxLength );
    pxConn->uxRequestLength += uxLength;
    pxConn->cRequest[ pxConn->uxRequestLength ] = '\0';

    if( uxHttpHeaderEnd( pxConn->cRequest, pxConn->uxRequestLength ) != 0U )
    {
        xTooLarge = pdFALSE;
    }
    else if( pxConn->uxRequestLength < appHTTP_REQUEST_MAX )
    {
        return 0; /* more of the request to come */
    }
    else
    {
        xTooLarge = pdTRUE;
    }

    pxConn->xAnswering = pdTRUE;
    vHttpPlanAnswer( &pxConn->xAnswer, pxConn->cRequest, xTooLarge, cPage );
    ulServed++;
    appPRINTF( "HTTPCB served path=%s status=%lu bytes=%lu\n", pxConn->xAnswer.cPath,
               ( unsigned long ) pxConn->xAnswer.ulStatus, ( unsigned long ) pxConn->xAnswer.ulBodyLength );
    prvPump( pxConn );

    return 0;
}

static void prvOnSent( Socket_t xSocket,
                       size_t uxLength )
{
    Connection_t * pxConn = prvFind( xSocket, pdFALSE );

    ( void ) uxLength;

    if( ( pxConn != NULL ) && ( pxConn->xAnswering != pdFALSE ) )
    {
        prvPump( pxConn );
    }
}

/* ---------------------------------------------------------------- start */

BaseType_t xHttpCallbacksStart( uint16_t usPort,
                                BaseType_t xBacklog )
{
    static const F_TCP_UDP_Handler_t xHandlers =
    {
        .pxOnTCPConnected = prvOnConnected,
        .pxOnTCPReceive   = prvOnReceive,
        .pxOnTCPSent      = prvOnSent
    };
    struct freertos_sockaddr xAddress;
    Socket_t xListener = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );

    if( ( xListener == FREERTOS_INVALID_SOCKET ) ||
        ( FreeRTOS_setsockopt( xListener, 0, FREERTOS_SO_TCP_CONN_HANDLER, &xHandlers, sizeof( xHandlers ) ) != 0 ) ||
        ( FreeRTOS_setsockopt( xListener, 0, FREERTOS_SO_TCP_RECV_HANDLER, &xHandlers, sizeof( xHandlers ) ) != 0 ) ||
        ( FreeRTOS_setsockopt( xListener, 0, FREERTOS_SO_TCP_SENT_HANDLER, &xHandlers, sizeof( xHandlers ) ) != 0 ) )
    {
        appPRINTF( "HTTPCB error socket/setsockopt\n" );
        return pdFAIL;
    }

    ( void ) memset( &xAddress, 0, sizeof( xAddress ) );
    xAddress.sin_family = FREERTOS_AF_INET;
    xAddress.sin_port = FreeRTOS_htons( usPort );

    if( ( FreeRTOS_bind( xListener, &xAddress, sizeof( xAddress ) ) != 0 ) ||
        ( FreeRTOS_listen( xListener, xBacklog ) != 0 ) )
    {
        appPRINTF( "HTTPCB error bind/listen\n" );
        ( void ) FreeRTOS_closesocket( xListener );
        return pdFAIL;
    }

    appPRINTF( "HTTPCB listening port=%u backlog=%ld\n", ( unsigned ) usPort, ( long ) xBacklog );
    return pdPASS;
}
