/*
 * Socket helpers shared by the host programs and the firmware; see
 * app_net.h.
 */
#include <stdio.h>
#include <string.h>

#include "app_net.h"
#include "app_platform.h"

const char * pcAppNetErr( BaseType_t xValue )
{
    switch( -xValue )
    {
        case pdFREERTOS_ERRNO_EINTR:
            return "EINTR";
        case pdFREERTOS_ERRNO_EWOULDBLOCK:
            return "EWOULDBLOCK";
        case pdFREERTOS_ERRNO_ENOMEM:
            return "ENOMEM";
        case pdFREERTOS_ERRNO_EBADF:
            return "EBADF";
        case pdFREERTOS_ERRNO_EINVAL:
            return "EINVAL";
        case pdFREERTOS_ERRNO_ENOSPC:
            return "ENOSPC";
        case pdFREERTOS_ERRNO_EOPNOTSUPP:
            return "EOPNOTSUPP";
        case pdFREERTOS_ERRNO_ENOPROTOOPT:
            return "ENOPROTOOPT";
        case pdFREERTOS_ERRNO_ETIMEDOUT:
            return "ETIMEDOUT";
        case pdFREERTOS_ERRNO_EINPROGRESS:
            return "EINPROGRESS";
        case pdFREERTOS_ERRNO_EISCONN:
            return "EISCONN";
        case pdFREERTOS_ERRNO_ENOTCONN:
            return "ENOTCONN";
        case pdFREERTOS_ERRNO_ECANCELED:
            return "ECANCELED";
        default:
            return ( xValue < 0 ) ? "E?" : "OK";
    }
}

Socket_t xAppNetListen( uint16_t usPort,
                        BaseType_t xBacklog,
                        TickType_t xAcceptTimeout )
{
    struct freertos_sockaddr xAddress;
    Socket_t xSocket;
    BaseType_t xRet;

    xSocket = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );

    if( xSocket == FREERTOS_INVALID_SOCKET )
    {
        appPRINTF( "APP error: FreeRTOS_socket() failed for port %u\n", ( unsigned ) usPort );
        return FREERTOS_INVALID_SOCKET;
    }

    ( void ) memset( &xAddress, 0, sizeof( xAddress ) );
    xAddress.sin_family = FREERTOS_AF_INET;
    xAddress.sin_port = FreeRTOS_htons( usPort );
    xAddress.sin_address.ulIP_IPv4 = FREERTOS_INADDR_ANY;

    xRet = FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_RCVTIMEO, &xAcceptTimeout, sizeof( xAcceptTimeout ) );

    if( xRet == 0 )
    {
        xRet = FreeRTOS_bind( xSocket, &xAddress, sizeof( xAddress ) );
    }

    if( xRet == 0 )
    {
        xRet = FreeRTOS_listen( xSocket, xBacklog );
    }

    if( xRet != 0 )
    {
        appPRINTF( "APP error: setsockopt/bind/listen(%ld) on port %u returned %ld (%s)\n", ( long ) xBacklog,
                   ( unsigned ) usPort, ( long ) xRet, pcAppNetErr( xRet ) );
        ( void ) FreeRTOS_closesocket( xSocket );
        return FREERTOS_INVALID_SOCKET;
    }

    return xSocket;
}

void vAppNetGracefulClose( Socket_t xSocket,
                           TickType_t xDrainTicks,
                           const char * pcWho )
{
    static const TickType_t xPoll = 100;
    TickType_t xStart = xTaskGetTickCount();
    BaseType_t xRet;
    BaseType_t xLast = 0;
    uint8_t ucSink[ 64 ];

    xRet = FreeRTOS_shutdown( xSocket, FREERTOS_SHUT_RDWR );

    /* ENOTCONN: the peer's RST or our own earlier close got there first;
     * the drain below still ends the connection properly. */
    if( ( xRet != 0 ) && ( xRet != -pdFREERTOS_ERRNO_ENOTCONN ) )
    {
        appPRINTF( "APP %s: shutdown returned %ld (%s)\n", pcWho, ( long ) xRet, pcAppNetErr( xRet ) );
    }

    /* Short receive polls, so the drain notices its deadline. */
    if( FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_RCVTIMEO, &xPoll, sizeof( xPoll ) ) != 0 )
    {
        appPRINTF( "APP %s: setsockopt(RCVTIMEO) failed\n", pcWho );
    }

    while( ( xTaskGetTickCount() - xStart ) < xDrainTicks )
    {
        xLast = FreeRTOS_recv( xSocket, ucSink, sizeof( ucSink ), 0 );

        if( xLast < 0 )
        {
            break;
        }
    }

    if( xLast >= 0 )
    {
        appPRINTF( "APP %s: drain gave up after %lu ticks\n", pcWho,
                   ( unsigned long ) ( xTaskGetTickCount() - xStart ) );
    }

    xRet = FreeRTOS_closesocket( xSocket );

    if( xRet != 1 )
    {
        appPRINTF( "APP %s: closesocket returned %ld\n", pcWho, ( long ) xRet );
    }
}

void vAppNetDescribePeer( char * pcOut,
                          size_t uxSize,
                          const struct freertos_sockaddr * pxAddress )
{
    uint32_t ulIP = FreeRTOS_ntohl( pxAddress->sin_address.ulIP_IPv4 );

    ( void ) snprintf( pcOut, uxSize, "%lu.%lu.%lu.%lu:%u",
                       ( unsigned long ) ( ulIP >> 24 ), ( unsigned long ) ( ( ulIP >> 16 ) & 0xFFU ),
                       ( unsigned long ) ( ( ulIP >> 8 ) & 0xFFU ), ( unsigned long ) ( ulIP & 0xFFU ),
                       ( unsigned ) FreeRTOS_ntohs( pxAddress->sin_port ) );
}
