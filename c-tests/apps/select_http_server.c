/*
 * select_http_server: an HTTP/1.0 server written the upstream
 * FreeRTOS_select() way: ONE task, no blocking call. The listener and every
 * connection sit in one socket set; the task sleeps in FreeRTOS_select() and
 * then looks at FreeRTOS_FD_ISSET() of each socket:
 *
 *   listener READ     accept() (RCVTIMEO 0) until it returns NULL; a child
 *                     inherits the listener's set with READ | EXCEPT
 *   client READ       read the request (RCVTIMEO 0); once the header block
 *                     is complete, answer: WRITE is added to the client's
 *                     interest until the response is queued
 *   client WRITE      send more of the response (SNDTIMEO 0)
 *   response queued   FreeRTOS_shutdown(); READ drains what the peer still
 *                     sends; EXCEPT (peer closed, eCLOSE_WAIT/eCLOSED) or
 *                     the drain time ends the connection: closesocket()
 *   client EXCEPT     earlier: the peer went away; closesocket()
 *
 * Resources as http_server (apps/shared/http_app.c): GET / (a small HTML
 * page), GET /bytes/N (N bytes of the test stream), else 404 / 400.
 *
 * Options: --port N (80) --backlog N (8) --clients N (16, at most 32: more
 * connections are accepted and closed at once) --request-timeout MS (5000)
 * --drain-ms MS (3000) --delay-ms MS (0: "processing" time before each
 * response, as http_server's --delay; the task keeps serving the others
 * meanwhile) --control FIFO (app_common.h; "stats" prints STATS).
 *
 * Lines for tests/e2e/select_http.sh:
 *   HTTP listening port=.. backlog=.. variant=select clients=..
 *   HTTP served peer=.. path=.. bytes=.. | HTTP closed-after-error peer=.. why=..
 *   STATS accepted=.. served=.. errors=.. refused=.. selects=..
 */
#include <stdio.h>
#include <string.h>

#include "FreeRTOS.h"
#include "task.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"

#include "app_common.h"
#include "app_net.h"

#define selMAX_CLIENTS    32U
#define selREQUEST_MAX    1024U
#define selCHUNK          4096U

typedef enum
{
    eFree = 0,
    eReading,  /* waiting for the request */
    eDelaying, /* "processing" (--delay-ms) before the response */
    eSending,  /* response being queued */
    eDraining  /* shut down, waiting for the peer's close */
} ClientState_t;

typedef struct
{
    Socket_t xSocket;
    ClientState_t eState;
    TickType_t xSince;              /* when the current state began */
    char cRequest[ selREQUEST_MAX + 1 ];
    size_t uxRequestLength;
    char cHeader[ 160 ];
    size_t uxHeaderLength;
    size_t uxHeaderSent;
    const char * pcBody;            /* NULL: the test stream */
    uint64_t ullBodyLength;
    uint64_t ullBodySent;
    char cPath[ 48 ];
    char cWho[ appNET_PEER_MAX ];
} Client_t;

static struct
{
    uint16_t usPort;
    BaseType_t xBacklog;
    UBaseType_t uxClients;
    uint32_t ulRequestMs;
    uint32_t ulDrainMs;
    uint32_t ulDelayMs;
    const char * pcControl;
} xConfig = { 80, 8, 16, 5000, 3000, 0, NULL };

static Client_t xClients[ selMAX_CLIENTS ];
static volatile uint32_t ulAccepted, ulServed, ulErrors, ulRefused, ulSelects;

static const char cIndexPage[] =
    "<html><head><title>FreeRTOS+TCP</title></head><body>\n"
    "<h1>Hello from FreeRTOS+TCP</h1>\n"
    "<p>Served by one task with FreeRTOS_select() on the FreeRTOS POSIX port.</p>\n"
    "</body></html>\n";
static const char cNotFound[] = "not found\n";
static const char cBadRequest[] = "bad request\n";

const char * const pcAppUsage =
    "[--port N] [--backlog N] [--clients N] [--request-timeout MS] [--drain-ms MS] [--delay-ms MS] [--control FIFO]";

/* ---------------------------------------------------------------- connections */

static void prvClose( Client_t * pxClient,
                      BaseType_t xServed,
                      const char * pcWhy )
{
    if( xServed != pdFALSE )
    {
        ulServed++;
        vAppPrintf( "HTTP served peer=%s path=%s bytes=%lu\n", pxClient->cWho, pxClient->cPath,
                    ( unsigned long ) pxClient->ullBodySent );
    }
    else
    {
        ulErrors++;
        vAppPrintf( "HTTP closed-after-error peer=%s why=%s\n", pxClient->cWho, pcWhy );
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

/* Prepares the response to the request in cRequest. */
static void prvAnswer( Client_t * pxClient,
                       SocketSet_t xSet )
{
    const char * pcStatus = "200 OK";
    const char * pcType = "text/html";
    char * pcPath;
    char * pcEnd;
    uint64_t ullN = 0;

    pxClient->pcBody = cIndexPage;
    pxClient->ullBodyLength = sizeof( cIndexPage ) - 1U;
    ( void ) snprintf( pxClient->cPath, sizeof( pxClient->cPath ), "-" );

    if( ( strncmp( pxClient->cRequest, "GET ", 4 ) != 0 ) || ( ( pcEnd = strchr( pxClient->cRequest + 4, ' ' ) ) == NULL ) ||
        ( strncmp( pcEnd, " HTTP/1.", 8 ) != 0 ) )
    {
        pcStatus = "400 Bad Request";
        pcType = "text/plain";
        pxClient->pcBody = cBadRequest;
        pxClient->ullBodyLength = sizeof( cBadRequest ) - 1U;
    }
    else
    {
        pcPath = pxClient->cRequest + 4;
        *pcEnd = '\0';
        ( void ) snprintf( pxClient->cPath, sizeof( pxClient->cPath ), "%s", pcPath );

        if( strcmp( pcPath, "/" ) == 0 )
        {
            /* the index page */
        }
        else if( ( strncmp( pcPath, "/bytes/", 7 ) == 0 ) &&
                 ( xAppParseUnsigned( pcPath + 7, 1ULL << 30, &ullN ) == pdPASS ) )
        {
            pcType = "application/octet-stream";
            pxClient->pcBody = NULL;
            pxClient->ullBodyLength = ullN;
        }
        else
        {
            pcStatus = "404 Not Found";
            pcType = "text/plain";
            pxClient->pcBody = cNotFound;
            pxClient->ullBodyLength = sizeof( cNotFound ) - 1U;
        }
    }

    pxClient->uxHeaderLength = ( size_t ) snprintf( pxClient->cHeader, sizeof( pxClient->cHeader ),
                                                    "HTTP/1.0 %s\r\nContent-Type: %s\r\nContent-Length: %lu\r\n"
                                                    "Connection: close\r\n\r\n",
                                                    pcStatus, pcType, ( unsigned long ) pxClient->ullBodyLength );
    pxClient->uxHeaderSent = 0;
    pxClient->ullBodySent = 0;

    if( xConfig.ulDelayMs > 0U )
    {
        prvEnter( pxClient, eDelaying );
    }
    else
    {
        prvEnter( pxClient, eSending );
        FreeRTOS_FD_SET( pxClient->xSocket, xSet, eSELECT_WRITE );
    }
}

/* READ while waiting for the request. */
static void prvRead( Client_t * pxClient,
                     SocketSet_t xSet )
{
    size_t uxRoom = selREQUEST_MAX - pxClient->uxRequestLength;
    BaseType_t xGot;

    if( uxRoom == 0U )
    {
        prvClose( pxClient, pdFALSE, "request-too-long" );
        return;
    }

    xGot = FreeRTOS_recv( pxClient->xSocket, &pxClient->cRequest[ pxClient->uxRequestLength ], uxRoom, 0 );

    if( xGot < 0 )
    {
        prvClose( pxClient, pdFALSE, pcAppNetErr( xGot ) );
        return;
    }

    pxClient->uxRequestLength += ( size_t ) xGot;
    pxClient->cRequest[ pxClient->uxRequestLength ] = '\0';

    if( strstr( pxClient->cRequest, "\r\n\r\n" ) != NULL )
    {
        prvAnswer( pxClient, xSet );
    }
}

/* Queues as much of the response as the TX stream takes (SNDTIMEO 0). */
static void prvSend( Client_t * pxClient,
                     SocketSet_t xSet )
{
    static uint8_t ucChunk[ selCHUNK ];

    for( ; ; )
    {
        const uint8_t * pucData;
        size_t uxLength;
        BaseType_t xSent;

        if( pxClient->uxHeaderSent < pxClient->uxHeaderLength )
        {
            pucData = ( const uint8_t * ) &pxClient->cHeader[ pxClient->uxHeaderSent ];
            uxLength = pxClient->uxHeaderLength - pxClient->uxHeaderSent;
        }
        else if( pxClient->ullBodySent < pxClient->ullBodyLength )
        {
            uint64_t ullLeft = pxClient->ullBodyLength - pxClient->ullBodySent;

            uxLength = ( ullLeft < selCHUNK ) ? ( size_t ) ullLeft : selCHUNK;

            if( pxClient->pcBody != NULL )
            {
                pucData = ( const uint8_t * ) &pxClient->pcBody[ pxClient->ullBodySent ];
            }
            else
            {
                vAppPatternFill( pxClient->ullBodySent, ucChunk, uxLength );
                pucData = ucChunk;
            }
        }
        else
        {
            /* All queued: the recommended close, without blocking. */
            FreeRTOS_FD_CLR( pxClient->xSocket, xSet, eSELECT_WRITE );
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

        if( pxClient->uxHeaderSent < pxClient->uxHeaderLength )
        {
            pxClient->uxHeaderSent += ( size_t ) xSent;
        }
        else
        {
            pxClient->ullBodySent += ( uint64_t ) xSent;
        }
    }
}

static void prvAccept( Socket_t xListener )
{
    TickType_t xZero = 0;

    for( ; ; )
    {
        struct freertos_sockaddr xFrom;
        socklen_t xFromLength = sizeof( xFrom );
        Socket_t xChild = FreeRTOS_accept( xListener, &xFrom, &xFromLength );
        UBaseType_t ux;

        if( ( xChild == NULL ) || ( xChild == FREERTOS_INVALID_SOCKET ) )
        {
            return;
        }

        ulAccepted++;

        for( ux = 0; ux < xConfig.uxClients; ux++ )
        {
            if( xClients[ ux ].eState == eFree )
            {
                break;
            }
        }

        if( ux == xConfig.uxClients )
        {
            ulRefused++;
            ( void ) FreeRTOS_closesocket( xChild );
            continue;
        }

        /* Never block: the select() loop is the only place that waits. */
        ( void ) FreeRTOS_setsockopt( xChild, 0, FREERTOS_SO_RCVTIMEO, &xZero, sizeof( xZero ) );
        ( void ) FreeRTOS_setsockopt( xChild, 0, FREERTOS_SO_SNDTIMEO, &xZero, sizeof( xZero ) );
        memset( &xClients[ ux ], 0, sizeof( xClients[ ux ] ) );
        xClients[ ux ].xSocket = xChild;
        vAppNetDescribePeer( xClients[ ux ].cWho, sizeof( xClients[ ux ].cWho ), &xFrom );
        ( void ) snprintf( xClients[ ux ].cPath, sizeof( xClients[ ux ].cPath ), "-" );
        prvEnter( &xClients[ ux ], eReading );
        /* The child is already in the listener's set (READ | EXCEPT). */
    }
}

static void prvControlExtra( const char * pcLine )
{
    if( strcmp( pcLine, "stats" ) == 0 )
    {
        vAppPrintf( "STATS accepted=%lu served=%lu errors=%lu refused=%lu selects=%lu\n", ( unsigned long ) ulAccepted,
                    ( unsigned long ) ulServed, ( unsigned long ) ulErrors, ( unsigned long ) ulRefused,
                    ( unsigned long ) ulSelects );
    }
    else
    {
        vAppPrintf( "CONTROL unknown '%s'\n", pcLine );
    }
}

/* ---------------------------------------------------------------- the task */

void vAppRun( void )
{
    SocketSet_t xSet = FreeRTOS_CreateSocketSet();
    Socket_t xListener = xAppNetListen( xConfig.usPort, xConfig.xBacklog, 0 );
    UBaseType_t ux;

    if( ( xSet == NULL ) || ( xListener == FREERTOS_INVALID_SOCKET ) )
    {
        vAppPrintf( "HTTP error: no socket set or listener\n" );
        vAppExit( 1 );
    }

    if( ( xConfig.pcControl != NULL ) && ( xAppStartControl( xConfig.pcControl, prvControlExtra ) != pdPASS ) )
    {
        vAppExit( 1 );
    }

    FreeRTOS_FD_SET( xListener, xSet, eSELECT_READ | eSELECT_EXCEPT );
    vAppPrintf( "HTTP listening port=%u backlog=%ld variant=select clients=%lu\n", ( unsigned ) xConfig.usPort,
                ( long ) xConfig.xBacklog, ( unsigned long ) xConfig.uxClients );

    for( ; ; )
    {
        TickType_t xBlock = pdMS_TO_TICKS( 500 );
        BaseType_t xReady;
        TickType_t xNow = xTaskGetTickCount();

        /* Sleep no longer than the first "processing" delay that ends. */
        for( ux = 0; ux < xConfig.uxClients; ux++ )
        {
            if( xClients[ ux ].eState == eDelaying )
            {
                TickType_t xPassed = xNow - xClients[ ux ].xSince;
                TickType_t xDelay = pdMS_TO_TICKS( xConfig.ulDelayMs );
                TickType_t xLeft = ( xPassed >= xDelay ) ? 0 : ( xDelay - xPassed );

                xBlock = ( xLeft < xBlock ) ? xLeft : xBlock;
            }
        }

        xReady = FreeRTOS_select( xSet, xBlock );

        ulSelects++;

        if( xReady < 0 )
        {
            vAppPrintf( "HTTP error: select returned %ld\n", ( long ) xReady );
            vAppExit( 1 );
        }

        if( ( FreeRTOS_FD_ISSET( xListener, xSet ) & eSELECT_READ ) != 0U )
        {
            prvAccept( xListener );
        }

        /* After accept(): a new client's xSince must not lie in the future. */
        xNow = xTaskGetTickCount();

        for( ux = 0; ux < xConfig.uxClients; ux++ )
        {
            Client_t * pxClient = &xClients[ ux ];
            EventBits_t xBits;

            if( pxClient->eState == eFree )
            {
                continue;
            }

            xBits = FreeRTOS_FD_ISSET( pxClient->xSocket, xSet );

            switch( pxClient->eState )
            {
                case eReading:

                    if( ( xBits & eSELECT_READ ) != 0U )
                    {
                        prvRead( pxClient, xSet );
                    }
                    else if( ( xBits & eSELECT_EXCEPT ) != 0U )
                    {
                        prvClose( pxClient, pdFALSE, "peer-closed" );
                    }
                    else if( ( xNow - pxClient->xSince ) > pdMS_TO_TICKS( xConfig.ulRequestMs ) )
                    {
                        prvClose( pxClient, pdFALSE, "request-timeout" );
                    }

                    /* A request complete: start sending in this round. */
                    if( pxClient->eState == eSending )
                    {
                        prvSend( pxClient, xSet );
                    }

                    break;

                case eDelaying:

                    if( ( xBits & eSELECT_EXCEPT ) != 0U )
                    {
                        prvClose( pxClient, pdFALSE, "peer-closed-while-processing" );
                    }
                    else if( ( xNow - pxClient->xSince ) >= pdMS_TO_TICKS( xConfig.ulDelayMs ) )
                    {
                        prvEnter( pxClient, eSending );
                        FreeRTOS_FD_SET( pxClient->xSocket, xSet, eSELECT_WRITE );
                        prvSend( pxClient, xSet );
                    }

                    break;

                case eSending:

                    if( ( xBits & eSELECT_WRITE ) != 0U )
                    {
                        prvSend( pxClient, xSet );
                    }
                    else if( ( xBits & eSELECT_EXCEPT ) != 0U )
                    {
                        prvClose( pxClient, pdFALSE, "peer-closed-early" );
                    }

                    break;

                case eDraining:

                    if( ( xBits & eSELECT_READ ) != 0U )
                    {
                        ( void ) FreeRTOS_recv( pxClient->xSocket, NULL, selREQUEST_MAX, 0 );
                    }

                    if( ( ( xBits & eSELECT_EXCEPT ) != 0U ) ||
                        ( ( xNow - pxClient->xSince ) > pdMS_TO_TICKS( xConfig.ulDrainMs ) ) )
                    {
                        prvClose( pxClient, pdTRUE, NULL );
                    }

                    break;

                default:
                    break;
            }
        }
    }
}

/* ---------------------------------------------------------------- arguments */

BaseType_t xAppParseArgs( int argc,
                          char ** argv )
{
    int i;

    for( i = 1; i < argc; i++ )
    {
        uint64_t ullValue = 0;
        const char * pcValue = ( i + 1 < argc ) ? argv[ i + 1 ] : NULL;

        if( pcValue == NULL )
        {
            return pdFAIL;
        }

        if( strcmp( argv[ i ], "--control" ) == 0 )
        {
            xConfig.pcControl = pcValue;
        }
        else if( xAppParseUnsigned( pcValue, 0xffffffffULL, &ullValue ) != pdPASS )
        {
            return pdFAIL;
        }
        else if( ( strcmp( argv[ i ], "--port" ) == 0 ) && ( ullValue > 0U ) && ( ullValue <= 0xffffU ) )
        {
            xConfig.usPort = ( uint16_t ) ullValue;
        }
        else if( ( strcmp( argv[ i ], "--backlog" ) == 0 ) && ( ullValue > 0U ) && ( ullValue <= 64U ) )
        {
            xConfig.xBacklog = ( BaseType_t ) ullValue;
        }
        else if( ( strcmp( argv[ i ], "--clients" ) == 0 ) && ( ullValue > 0U ) && ( ullValue <= selMAX_CLIENTS ) )
        {
            xConfig.uxClients = ( UBaseType_t ) ullValue;
        }
        else if( strcmp( argv[ i ], "--request-timeout" ) == 0 )
        {
            xConfig.ulRequestMs = ( uint32_t ) ullValue;
        }
        else if( strcmp( argv[ i ], "--drain-ms" ) == 0 )
        {
            xConfig.ulDrainMs = ( uint32_t ) ullValue;
        }
        else if( strcmp( argv[ i ], "--delay-ms" ) == 0 )
        {
            xConfig.ulDelayMs = ( uint32_t ) ullValue;
        }
        else
        {
            return pdFAIL;
        }

        i++;
    }

    return pdPASS;
}
