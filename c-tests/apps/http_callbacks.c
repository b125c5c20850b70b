/*
 * http_callbacks: an HTTP/1.0 server written only with socket callbacks
 * (ipconfigUSE_CALLBACKS), the way an upstream FreeRTOS+TCP application
 * can be: no task per connection, no blocking call. Everything happens in
 * the handlers, which the IP task calls:
 *
 *   connected(listener, 1)  accept() the new child (non-blocking there)
 *   receive(child, data)    collect the request; once complete, answer
 *   sent(child, n)          TX space came free: send more of the answer
 *   connected(child, 0)     the connection ended: closesocket()
 *
 * Pages: "/" (a small HTML page), "/bytes/N" (N bytes of the end-to-end
 * pattern, app_common.h), anything else 404. The answer is sent as TX space
 * allows, then the connection is shut down (FIN after the last byte).
 *
 * Options: --port N (80), --backlog N (16), --control FIFO (app_common.h).
 * Lines for the scripts:
 *   HTTPCB listening port=<p> backlog=<b>
 *   HTTPCB served path=<path> status=<code> bytes=<body bytes>
 *   HTTPCB closed open=<connections still open>
 *   HTTPCB error <what>
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "FreeRTOS.h"
#include "task.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"

#include "app_common.h"

#if ( ipconfigUSE_CALLBACKS != 1 )
    #error "http_callbacks needs ipconfigUSE_CALLBACKS"
#endif

#define cbMAX_CONNECTIONS    32
#define cbREQUEST_MAX        512
#define cbCHUNK              1460

typedef struct
{
    Socket_t xSocket;                  /* NULL: free entry */
    char cRequest[ cbREQUEST_MAX ];
    size_t uxRequestLength;
    BaseType_t xAnswering;
    char cHeader[ 160 ];
    size_t uxHeaderLength, uxHeaderSent;
    uint64_t ullBodyLength, ullBodySent;
    BaseType_t xShutdown;
} Connection_t;

/* Only the IP task touches these (every handler runs there). */
static Connection_t xConnections[ cbMAX_CONNECTIONS ];
static uint8_t ucChunk[ cbCHUNK ];
static UBaseType_t uxOpen;

static uint16_t usPort = 80;
static BaseType_t xBacklog = 16;
static const char * pcControl = NULL;

static const char cPage[] =
    "<!DOCTYPE html>\n<html><head><title>FreeRTOS+TCP callbacks</title></head>\n"
    "<body><h1>Hello from FreeRTOS+TCP callbacks</h1></body></html>\n";

const char * const pcAppUsage = "[--port N] [--backlog N] [--control FIFO]";

BaseType_t xAppParseArgs( int argc,
                          char ** argv )
{
    int i;
    uint64_t ullValue;

    for( i = 1; i < argc; i++ )
    {
        if( ( strcmp( argv[ i ], "--port" ) == 0 ) && ( i + 1 < argc ) &&
            ( xAppParseUnsigned( argv[ ++i ], 65535, &ullValue ) == pdPASS ) )
        {
            usPort = ( uint16_t ) ullValue;
        }
        else if( ( strcmp( argv[ i ], "--backlog" ) == 0 ) && ( i + 1 < argc ) &&
                 ( xAppParseUnsigned( argv[ ++i ], 1000, &ullValue ) == pdPASS ) )
        {
            xBacklog = ( BaseType_t ) ullValue;
        }
        else if( ( strcmp( argv[ i ], "--control" ) == 0 ) && ( i + 1 < argc ) )
        {
            pcControl = argv[ ++i ];
        }
        else
        {
            return pdFAIL;
        }
    }

    return pdPASS;
}

/* The entry of a socket; with xCreate, a free entry becomes its entry. */
static Connection_t * prvFind( Socket_t xSocket,
                               BaseType_t xCreate )
{
    size_t i;
    Connection_t * pxFree = NULL;

    for( i = 0; i < cbMAX_CONNECTIONS; i++ )
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

    memset( pxFree, 0, sizeof( *pxFree ) );
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
        size_t uxLength;
        const void * pvData;
        BaseType_t xSent;

        if( pxConn->uxHeaderSent < pxConn->uxHeaderLength )
        {
            uxLength = pxConn->uxHeaderLength - pxConn->uxHeaderSent;
            pvData = &pxConn->cHeader[ pxConn->uxHeaderSent ];
        }
        else if( pxConn->ullBodySent < pxConn->ullBodyLength )
        {
            uint64_t ullLeft = pxConn->ullBodyLength - pxConn->ullBodySent;

            uxLength = ( ullLeft < cbCHUNK ) ? ( size_t ) ullLeft : cbCHUNK;

            if( ( xSpace > 0 ) && ( uxLength > ( size_t ) xSpace ) )
            {
                uxLength = ( size_t ) xSpace;
            }

            if( pxConn->xAnswering == 2 )
            {
                memcpy( ucChunk, &cPage[ pxConn->ullBodySent ], uxLength );
            }
            else
            {
                vAppPatternFill( pxConn->ullBodySent, ucChunk, uxLength );
            }

            pvData = ucChunk;
        }
        else
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

        /* Called from the IP task, send() never blocks. */
        xSent = FreeRTOS_send( pxConn->xSocket, pvData, uxLength, FREERTOS_MSG_DONTWAIT );

        if( xSent <= 0 )
        {
            if( xSent < 0 )
            {
                vAppPrintf( "HTTPCB error send=%ld\n", ( long ) xSent );
            }

            return;
        }

        if( pxConn->uxHeaderSent < pxConn->uxHeaderLength )
        {
            pxConn->uxHeaderSent += ( size_t ) xSent;
        }
        else
        {
            pxConn->ullBodySent += ( uint64_t ) xSent;
        }
    }
}

static void prvAnswer( Connection_t * pxConn )
{
    char cPath[ 64 ] = "";
    int iStatus = 200;
    uint64_t ullBytes = 0;

    ( void ) sscanf( pxConn->cRequest, "GET %63s", cPath );

    if( strcmp( cPath, "/" ) == 0 )
    {
        pxConn->xAnswering = 2;
        pxConn->ullBodyLength = sizeof( cPage ) - 1U;
    }
    else if( ( strncmp( cPath, "/bytes/", 7 ) == 0 ) &&
             ( xAppParseUnsigned( &cPath[ 7 ], 1ULL << 32, &ullBytes ) == pdPASS ) )
    {
        pxConn->xAnswering = 1;
        pxConn->ullBodyLength = ullBytes;
    }
    else
    {
        iStatus = 404;
        pxConn->xAnswering = 3;
        pxConn->ullBodyLength = 0;
    }

    pxConn->uxHeaderLength = ( size_t ) snprintf( pxConn->cHeader, sizeof( pxConn->cHeader ),
                                                  "HTTP/1.0 %d %s\r\nContent-Type: %s\r\nContent-Length: %llu\r\nConnection: close\r\n\r\n",
                                                  iStatus, ( iStatus == 200 ) ? "OK" : "Not Found",
                                                  ( pxConn->xAnswering == 1 ) ? "application/octet-stream" : "text/html",
                                                  ( unsigned long long ) pxConn->ullBodyLength );
    vAppPrintf( "HTTPCB served path=%s status=%d bytes=%llu\n", cPath, iStatus,
                ( unsigned long long ) pxConn->ullBodyLength );
    prvPump( pxConn );
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
                vAppPrintf( "HTTPCB error table full\n" );
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
        vAppPrintf( "HTTPCB closed open=%lu\n", ( unsigned long ) uxOpen );
    }
}

static BaseType_t prvOnReceive( Socket_t xSocket,
                                void * pvData,
                                size_t uxLength )
{
    Connection_t * pxConn = prvFind( xSocket, pdTRUE );
    size_t uxRoom;

    if( ( pxConn == NULL ) || ( pxConn->xAnswering != 0 ) )
    {
        return 0; /* the request is complete; what follows is ignored */
    }

    uxRoom = sizeof( pxConn->cRequest ) - 1U - pxConn->uxRequestLength;

    if( uxLength > uxRoom )
    {
        uxLength = uxRoom;
    }

    memcpy( &pxConn->cRequest[ pxConn->uxRequestLength ], pvData, uxLength );
    pxConn->uxRequestLength += uxLength;
    pxConn->cRequest[ pxConn->uxRequestLength ] = '\0';

    if( ( strstr( pxConn->cRequest, "\r\n\r\n" ) != NULL ) || ( uxRoom == uxLength ) )
    {
        prvAnswer( pxConn );
    }

    return 0;
}

static void prvOnSent( Socket_t xSocket,
                       size_t uxLength )
{
    Connection_t * pxConn = prvFind( xSocket, pdFALSE );

    ( void ) uxLength;

    if( ( pxConn != NULL ) && ( pxConn->xAnswering != 0 ) )
    {
        prvPump( pxConn );
    }
}

/* ---------------------------------------------------------------- main */

void vAppRun( void )
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
        vAppPrintf( "HTTPCB error socket/setsockopt\n" );
        vAppExit( 1 );
    }

    memset( &xAddress, 0, sizeof( xAddress ) );
    xAddress.sin_family = FREERTOS_AF_INET;
    xAddress.sin_port = FreeRTOS_htons( usPort );

    if( ( FreeRTOS_bind( xListener, &xAddress, sizeof( xAddress ) ) != 0 ) ||
        ( FreeRTOS_listen( xListener, xBacklog ) != 0 ) )
    {
        vAppPrintf( "HTTPCB error bind/listen\n" );
        vAppExit( 1 );
    }

    if( ( pcControl != NULL ) && ( xAppStartControl( pcControl, NULL ) != pdPASS ) )
    {
        vAppPrintf( "HTTPCB error control\n" );
        vAppExit( 1 );
    }

    vAppPrintf( "HTTPCB listening port=%u backlog=%ld\n", ( unsigned ) usPort, ( long ) xBacklog );

    /* Nothing else to do here: the handlers serve. */
    for( ; ; )
    {
        vTaskDelay( pdMS_TO_TICKS( 1000 ) );
    }
}
