/*
 * Helpers shared by the C API tests; see peer_util.h.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "peer_util.h"

static Socket_t xTracked[ peerMAX_TRACKED ];
static size_t uxTrackedCount = 0;

static Socket_t xControl = NULL;

void vPeerTrack( Socket_t xSocket )
{
    TEST_ASSERT_TRUE_MESSAGE( uxTrackedCount < peerMAX_TRACKED, "too many sockets in one test" );
    xTracked[ uxTrackedCount++ ] = xSocket;
}

Socket_t xPeerTcpSocket( void )
{
    Socket_t xSocket = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );

    TEST_ASSERT_TRUE_MESSAGE( ( xSocket != FREERTOS_INVALID_SOCKET ) && ( xSocket != NULL ),
                              "FreeRTOS_socket(AF_INET, STREAM, TCP) failed" );
    vPeerTrack( xSocket );
    return xSocket;
}

void vPeerCloseTracked( void )
{
    while( uxTrackedCount > 0U )
    {
        uxTrackedCount--;
        ( void ) FreeRTOS_closesocket( xTracked[ uxTrackedCount ] );
    }
}

BaseType_t xPeerSetRcvTimeout( Socket_t xSocket,
                               TickType_t xTicks )
{
    return FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_RCVTIMEO, &xTicks, sizeof( xTicks ) );
}

BaseType_t xPeerSetSndTimeout( Socket_t xSocket,
                               TickType_t xTicks )
{
    return FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_SNDTIMEO, &xTicks, sizeof( xTicks ) );
}

void vPeerAddress( struct freertos_sockaddr * pxAddress,
                   uint32_t ulIP,
                   uint16_t usPort )
{
    ( void ) memset( pxAddress, 0, sizeof( *pxAddress ) );
    pxAddress->sin_len = ( uint8_t ) sizeof( *pxAddress );
    pxAddress->sin_family = FREERTOS_AF_INET;
    pxAddress->sin_port = FreeRTOS_htons( usPort );
    pxAddress->sin_address.ulIP_IPv4 = ulIP;
}

BaseType_t xPeerConnect( Socket_t xSocket,
                         uint16_t usPort )
{
    struct freertos_sockaddr xAddress;

    vPeerAddress( &xAddress, ulFptcpTestPeerIP(), usPort );
    return FreeRTOS_connect( xSocket, &xAddress, sizeof( xAddress ) );
}

BaseType_t xPeerBind( Socket_t xSocket,
                      uint16_t usPort )
{
    struct freertos_sockaddr xAddress;

    vPeerAddress( &xAddress, 0U, usPort );
    return FreeRTOS_bind( xSocket, &xAddress, sizeof( xAddress ) );
}

BaseType_t xPeerWaitState( Socket_t xSocket,
                           BaseType_t xState,
                           TickType_t xMaxTicks )
{
    TickType_t xStart = xTaskGetTickCount();
    BaseType_t xNow = FreeRTOS_connstatus( xSocket );

    while( ( xNow != xState ) && ( ( xTaskGetTickCount() - xStart ) < xMaxTicks ) )
    {
        vTaskDelay( 1 );
        xNow = FreeRTOS_connstatus( xSocket );
    }

    return xNow;
}

BaseType_t xPeerWaitRx( Socket_t xSocket,
                        BaseType_t xAtLeast,
                        TickType_t xMaxTicks )
{
    TickType_t xStart = xTaskGetTickCount();

    while( ( FreeRTOS_rx_size( xSocket ) < xAtLeast ) && ( ( xTaskGetTickCount() - xStart ) < xMaxTicks ) )
    {
        vTaskDelay( 1 );
    }

    return FreeRTOS_rx_size( xSocket );
}

uint16_t usPeerLocalPort( Socket_t xSocket )
{
    struct freertos_sockaddr xAddress;

    ( void ) memset( &xAddress, 0, sizeof( xAddress ) );

    if( FreeRTOS_GetLocalAddress( xSocket, &xAddress ) != sizeof( xAddress ) )
    {
        return 0;
    }

    return FreeRTOS_ntohs( xAddress.sin_port );
}

uint32_t ulPeerWallMs( void )
{
    struct timespec xNow;

    ( void ) clock_gettime( CLOCK_MONOTONIC, &xNow );
    return ( uint32_t ) ( ( ( uint64_t ) xNow.tv_sec * 1000U ) + ( ( uint64_t ) xNow.tv_nsec / 1000000U ) );
}

void vPeerAssertBetween( unsigned long ulLow,
                         unsigned long ulHigh,
                         unsigned long ulValue,
                         const char * pcWhat,
                         UNITY_LINE_TYPE xLine )
{
    static char cMsg[ 160 ];

    ( void ) snprintf( cMsg, sizeof( cMsg ), "%s: %lu, expected %lu..%lu", pcWhat, ulValue, ulLow, ulHigh );
    UNITY_TEST_ASSERT( ( ulValue >= ulLow ) && ( ulValue <= ulHigh ), xLine, cMsg );
}

/* ------------------------------------------------------------ control */

static BaseType_t prvOpenControl( char * pcReply,
                                  size_t uxReplyLength )
{
    Socket_t xSocket;
    BaseType_t xRc;

    xSocket = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );

    if( ( xSocket == FREERTOS_INVALID_SOCKET ) || ( xSocket == NULL ) )
    {
        ( void ) snprintf( pcReply, uxReplyLength, "control: FreeRTOS_socket failed" );
        return -1;
    }

    ( void ) xPeerSetRcvTimeout( xSocket, pdMS_TO_TICKS( 15000 ) );
    ( void ) xPeerSetSndTimeout( xSocket, pdMS_TO_TICKS( 5000 ) );
    xRc = xPeerConnect( xSocket, peerPORT_CONTROL );

    if( xRc != 0 )
    {
        ( void ) snprintf( pcReply, uxReplyLength, "control: connect to :%d returned %ld",
                           peerPORT_CONTROL, ( long ) xRc );
        ( void ) FreeRTOS_closesocket( xSocket );
        return -1;
    }

    xControl = xSocket;
    return 0;
}

BaseType_t xPeerCommand( const char * pcCommand,
                         char * pcReply,
                         size_t uxReplyLength )
{
    char cLine[ 256 ];
    size_t uxLength = 0;
    BaseType_t xRc;
    int iLen;

    configASSERT( uxReplyLength > 0U );
    pcReply[ 0 ] = '\0';

    if( ( xControl == NULL ) && ( prvOpenControl( pcReply, uxReplyLength ) != 0 ) )
    {
        return -1;
    }

    iLen = snprintf( cLine, sizeof( cLine ), "%s\n", pcCommand );
    configASSERT( ( iLen > 0 ) && ( ( size_t ) iLen < sizeof( cLine ) ) );
    xRc = FreeRTOS_send( xControl, cLine, ( size_t ) iLen, 0 );

    if( xRc != iLen )
    {
        ( void ) snprintf( pcReply, uxReplyLength, "control: send returned %ld", ( long ) xRc );
        ( void ) FreeRTOS_closesocket( xControl );
        xControl = NULL;
        return -1;
    }

    for( ; ; )
    {
        char * pcEnd;

        if( uxLength >= ( sizeof( cLine ) - 1U ) )
        {
            ( void ) snprintf( pcReply, uxReplyLength, "control: reply too long" );
            return -1;
        }

        xRc = FreeRTOS_recv( xControl, &cLine[ uxLength ], sizeof( cLine ) - 1U - uxLength, 0 );

        if( xRc <= 0 )
        {
            ( void ) snprintf( pcReply, uxReplyLength, "control: recv returned %ld", ( long ) xRc );
            ( void ) FreeRTOS_closesocket( xControl );
            xControl = NULL;
            return -1;
        }

        uxLength += ( size_t ) xRc;
        cLine[ uxLength ] = '\0';
        pcEnd = strchr( cLine, '\n' );

        if( pcEnd != NULL )
        {
            *pcEnd = '\0';
            break;
        }
    }

    ( void ) snprintf( pcReply, uxReplyLength, "%s", cLine );
    return ( strncmp( cLine, "ok", 2 ) == 0 ) ? 0 : -1;
}

void vPeerCommandOk( const char * pcCommand,
                     char * pcReply,
                     size_t uxReplyLength )
{
    char cMsg[ 320 ];

    if( xPeerCommand( pcCommand, pcReply, uxReplyLength ) != 0 )
    {
        ( void ) snprintf( cMsg, sizeof( cMsg ), "peer command '%s' failed: %s", pcCommand, pcReply );
        TEST_FAIL_MESSAGE( cMsg );
    }
}
