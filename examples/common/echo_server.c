/*
 * TCP echo server on port 7, one client at a time, and the application hooks
 * FreeRTOS+TCP V4 asks for. Shared by the examples (see echo_server.h).
 */
#include <stdint.h>
#include <string.h>

#include "FreeRTOS.h"
#include "task.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"
#include "FreeRTOS_Routing.h"

#include "echo_server.h"

#define echoTASK_PRIORITY      ( tskIDLE_PRIORITY + 2 )
/* The socket calls run on the calling task's stack; with this library they
 * need about 2.6 KB of it on Cortex-M4F (bench/footprint prints the figure),
 * so a 2 KB task stack overflows. */
#define echoTASK_STACK_WORDS   ( configMINIMAL_STACK_SIZE * 6 )

/* Echoes everything from one client until it closes; then the graceful
 * close: shutdown, wait for the peer's FIN (recv() < 0), close. */
static void prvServeClient( Socket_t xClient )
{
    static uint8_t ucBuffer[ 512 ];
    const TickType_t xIdle = pdMS_TO_TICKS( 10000 );
    BaseType_t xReceived, xSent, xTotal;
    int i;

    ( void ) FreeRTOS_setsockopt( xClient, 0, FREERTOS_SO_RCVTIMEO, &xIdle, sizeof( xIdle ) );
    ( void ) FreeRTOS_setsockopt( xClient, 0, FREERTOS_SO_SNDTIMEO, &xIdle, sizeof( xIdle ) );

    for( ; ; )
    {
        xReceived = FreeRTOS_recv( xClient, ucBuffer, sizeof( ucBuffer ), 0 );

        if( xReceived < 0 )
        {
            break;      /* closed or reset by the peer */
        }

        if( xReceived == 0 )
        {
            break;      /* idle for xIdle */
        }

        for( xTotal = 0; xTotal < xReceived; xTotal += xSent )
        {
            xSent = FreeRTOS_send( xClient, &ucBuffer[ xTotal ], ( size_t ) ( xReceived - xTotal ), 0 );

            if( xSent <= 0 )
            {
                xReceived = -1;
                break;
            }
        }
    }

    ( void ) FreeRTOS_shutdown( xClient, FREERTOS_SHUT_RDWR );

    for( i = 0; i < 20; i++ )
    {
        if( FreeRTOS_recv( xClient, ucBuffer, sizeof( ucBuffer ), 0 ) < 0 )
        {
            break;
        }
    }

    ( void ) FreeRTOS_closesocket( xClient );
}

static void prvEchoTask( void * pvParameters )
{
    struct freertos_sockaddr xAddress;
    socklen_t xLength = sizeof( xAddress );
    Socket_t xListener, xClient;

    ( void ) pvParameters;

    xListener = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );
    configASSERT( xListener != FREERTOS_INVALID_SOCKET );

    ( void ) memset( &xAddress, 0, sizeof( xAddress ) );
    xAddress.sin_family = FREERTOS_AF_INET;
    xAddress.sin_port = FreeRTOS_htons( echoPORT );
    configASSERT( FreeRTOS_bind( xListener, &xAddress, sizeof( xAddress ) ) == 0 );
    configASSERT( FreeRTOS_listen( xListener, 2 ) == 0 );
    vExamplePrintf( "echo: listening on port %u\n", ( unsigned ) echoPORT );

    for( ; ; )
    {
        xClient = FreeRTOS_accept( xListener, &xAddress, &xLength );

        if( ( xClient != NULL ) && ( xClient != FREERTOS_INVALID_SOCKET ) )
        {
            prvServeClient( xClient );
        }
    }
}

/* ---------------------------------------------------------------- hooks */

void vApplicationIPNetworkEventHook_Multi( eIPCallbackEvent_t eNetworkEvent,
                                           struct xNetworkEndPoint * pxEndPoint )
{
    static BaseType_t xStarted = pdFALSE;

    if( ( eNetworkEvent == eNetworkUp ) && ( pxEndPoint != NULL ) )
    {
        const uint8_t * pucIP = ( const uint8_t * ) &( pxEndPoint->ipv4_settings.ulIPAddress );

        vExamplePrintf( "network up: %u.%u.%u.%u\n", pucIP[ 0 ], pucIP[ 1 ], pucIP[ 2 ], pucIP[ 3 ] );

        if( xStarted == pdFALSE )
        {
            xStarted = ( xTaskCreate( prvEchoTask, "echo", echoTASK_STACK_WORDS, NULL,
                                      echoTASK_PRIORITY, NULL ) == pdPASS ) ? pdTRUE : pdFALSE;
        }
    }
}

BaseType_t xApplicationGetRandomNumber( uint32_t * pulNumber )
{
    *pulNumber = ulExampleRandom();
    return pdTRUE;
}

/* An example only: RFC 6528 asks for a keyed hash of the connection's
 * addresses and ports plus a clock; a product uses a real one. */
uint32_t ulApplicationGetNextSequenceNumber( uint32_t ulSourceAddress,
                                             uint16_t usSourcePort,
                                             uint32_t ulDestinationAddress,
                                             uint16_t usDestinationPort )
{
    ( void ) ulSourceAddress;
    ( void ) usSourcePort;
    ( void ) ulDestinationAddress;
    ( void ) usDestinationPort;
    return ulExampleRandom() | 1U;
}
