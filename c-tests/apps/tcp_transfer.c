/*
 * tcp_transfer: one TCP bulk transfer between FreeRTOS+TCP and a Linux peer,
 * with a SHA-256 of the bytes on this side.
 *
 *   tcp_transfer server --port N (--recv | --send BYTES) [options]
 *       accepts ONE connection on port N (the listener is closed right
 *       after), then receives until the peer closes, or sends BYTES of the
 *       deterministic stream (app_common.h) and closes gracefully.
 *   tcp_transfer client --port N [--peer A.B.C.D] (--recv | --send BYTES)
 *       FreeRTOS_connect() to the peer (default: the gateway, 192.0.2.1),
 *       then the same.
 *
 * Options:
 *   --timeout TICKS   FREERTOS_SO_RCVTIMEO and FREERTOS_SO_SNDTIMEO (5000);
 *                     connect() and accept() use the receive timeout
 *   --stall-limit N   give up after N consecutive timeouts without
 *                     progress (default 6)
 *   --accept-ticks T  server: how long to wait for the connection (60000)
 *
 * Receiving ends when FreeRTOS_recv() returns a negative value (the peer
 * closed: -pdFREERTOS_ERRNO_ENOTCONN is success, anything else a failure),
 * then FreeRTOS_closesocket(). Sending ends with FreeRTOS_shutdown(), then
 * recv() until it returns a negative value (the peer's FIN), then
 * FreeRTOS_closesocket().
 *
 * The last line is
 *   RESULT role=<server|client> dir=<recv|send> status=<ok|...> bytes=N
 *          sha256=HEX ticks=T secs=S mib_s=R
 * (secs and mib_s from CLOCK_MONOTONIC, from the first byte moved to the
 * end of the transfer: connection set-up is not counted.) Exit status 0 iff
 * status=ok.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "FreeRTOS.h"
#include "task.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"

#include "tap_interface.h"
#include "app_common.h"
#include "app_net.h"
#include "app_sha256.h"

#define xferCHUNK    8192U

typedef struct
{
    BaseType_t xServer;
    BaseType_t xSend;
    uint64_t ullBytes;
    uint16_t usPort;
    uint32_t ulPeerIP; /* network order; 0 = the gateway */
    TickType_t xTimeout;
    uint32_t ulStallLimit;
    TickType_t xAcceptTicks;
} XferConfig_t;

static XferConfig_t xConfig =
{
    .xServer      = pdFALSE,
    .xSend        = pdFALSE,
    .ullBytes     = 0,
    .usPort       = 0,
    .ulPeerIP     = 0,
    .xTimeout     = 5000,
    .ulStallLimit = 6,
    .xAcceptTicks = 60000
};

const char * const pcAppUsage =
    "server|client --port N [--peer A.B.C.D] (--recv | --send BYTES) "
    "[--timeout TICKS] [--stall-limit N] [--accept-ticks TICKS]";

static uint8_t ucBuffer[ xferCHUNK ];

/* ---------------------------------------------------------------- result */

static void prvResult( const char * pcStatus,
                       uint64_t ullBytes,
                       AppSha256_t * pxSha,
                       TickType_t xTicks,
                       double dSecs )
{
    char cHex[ appSHA256_HEX_CHARS ];
    double dRate = ( dSecs > 0.0 ) ? ( ( double ) ullBytes / ( 1024.0 * 1024.0 ) ) / dSecs : 0.0;

    vAppSha256FinishHex( pxSha, cHex );
    vAppPrintf( "RESULT role=%s dir=%s status=%s bytes=%llu sha256=%s ticks=%lu secs=%.3f mib_s=%.2f\n",
                ( xConfig.xServer != pdFALSE ) ? "server" : "client",
                ( xConfig.xSend != pdFALSE ) ? "send" : "recv",
                pcStatus, ( unsigned long long ) ullBytes, cHex, ( unsigned long ) xTicks, dSecs, dRate );
}

/* ---------------------------------------------------------------- connection set-up */

static BaseType_t prvSetTimeouts( Socket_t xSocket,
                                  TickType_t xRx,
                                  TickType_t xTx )
{
    if( FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_RCVTIMEO, &xRx, sizeof( xRx ) ) != 0 )
    {
        vAppPrintf( "XFER error: setsockopt(RCVTIMEO)\n" );
        return pdFAIL;
    }

    if( FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_SNDTIMEO, &xTx, sizeof( xTx ) ) != 0 )
    {
        vAppPrintf( "XFER error: setsockopt(SNDTIMEO)\n" );
        return pdFAIL;
    }

    return pdPASS;
}

static Socket_t prvNewSocket( void )
{
    Socket_t xSocket = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );

    if( xSocket == FREERTOS_INVALID_SOCKET )
    {
        vAppPrintf( "XFER error: FreeRTOS_socket() failed\n" );
    }

    return xSocket;
}

static Socket_t prvAcceptOne( void )
{
    struct freertos_sockaddr xAddress;
    socklen_t xLen = sizeof( xAddress );
    Socket_t xListener = prvNewSocket();
    Socket_t xChild;
    BaseType_t xRet;

    if( xListener == FREERTOS_INVALID_SOCKET )
    {
        return FREERTOS_INVALID_SOCKET;
    }

    /* Children inherit the listener's timeouts; accept() uses RCVTIMEO, so
     * the child's receive timeout is set again after accept(). */
    if( prvSetTimeouts( xListener, xConfig.xAcceptTicks, xConfig.xTimeout ) != pdPASS )
    {
        ( void ) FreeRTOS_closesocket( xListener );
        return FREERTOS_INVALID_SOCKET;
    }

    ( void ) memset( &xAddress, 0, sizeof( xAddress ) );
    xAddress.sin_family = FREERTOS_AF_INET;
    xAddress.sin_port = FreeRTOS_htons( xConfig.usPort );

    xRet = FreeRTOS_bind( xListener, &xAddress, sizeof( xAddress ) );

    if( xRet != 0 )
    {
        vAppPrintf( "XFER error: bind(%u) returned %ld (%s)\n", xConfig.usPort, ( long ) xRet, pcAppNetErr( xRet ) );
        ( void ) FreeRTOS_closesocket( xListener );
        return FREERTOS_INVALID_SOCKET;
    }

    xRet = FreeRTOS_listen( xListener, 1 );

    if( xRet != 0 )
    {
        vAppPrintf( "XFER error: listen returned %ld (%s)\n", ( long ) xRet, pcAppNetErr( xRet ) );
        ( void ) FreeRTOS_closesocket( xListener );
        return FREERTOS_INVALID_SOCKET;
    }

    vAppPrintf( "XFER listening port=%u\n", ( unsigned ) xConfig.usPort );

    xChild = FreeRTOS_accept( xListener, &xAddress, &xLen );

    if( ( xChild == NULL ) || ( xChild == FREERTOS_INVALID_SOCKET ) )
    {
        vAppPrintf( "XFER error: accept returned %s\n", ( xChild == NULL ) ? "NULL (timeout)" : "FREERTOS_INVALID_SOCKET" );
        ( void ) FreeRTOS_closesocket( xListener );
        return FREERTOS_INVALID_SOCKET;
    }

    /* One connection only: the listener goes at once. */
    if( FreeRTOS_closesocket( xListener ) != 1 )
    {
        vAppPrintf( "XFER error: closesocket(listener) failed\n" );
    }

    vAppPrintf( "XFER accepted port=%u\n", ( unsigned ) FreeRTOS_ntohs( xAddress.sin_port ) );

    if( prvSetTimeouts( xChild, xConfig.xTimeout, xConfig.xTimeout ) != pdPASS )
    {
        ( void ) FreeRTOS_closesocket( xChild );
        return FREERTOS_INVALID_SOCKET;
    }

    return xChild;
}

static Socket_t prvConnect( void )
{
    struct freertos_sockaddr xAddress;
    Socket_t xSocket = prvNewSocket();
    BaseType_t xRet;
    uint32_t ulIP = ( xConfig.ulPeerIP != 0U ) ? xConfig.ulPeerIP : ulAppPeerIP();

    if( xSocket == FREERTOS_INVALID_SOCKET )
    {
        return FREERTOS_INVALID_SOCKET;
    }

    if( prvSetTimeouts( xSocket, xConfig.xTimeout, xConfig.xTimeout ) != pdPASS )
    {
        ( void ) FreeRTOS_closesocket( xSocket );
        return FREERTOS_INVALID_SOCKET;
    }

    ( void ) memset( &xAddress, 0, sizeof( xAddress ) );
    xAddress.sin_family = FREERTOS_AF_INET;
    xAddress.sin_port = FreeRTOS_htons( xConfig.usPort );
    xAddress.sin_address.ulIP_IPv4 = ulIP;

    xRet = FreeRTOS_connect( xSocket, &xAddress, sizeof( xAddress ) );

    if( xRet != 0 )
    {
        vAppPrintf( "XFER error: connect returned %ld (%s)\n", ( long ) xRet, pcAppNetErr( xRet ) );
        ( void ) FreeRTOS_closesocket( xSocket );
        return FREERTOS_INVALID_SOCKET;
    }

    vAppPrintf( "XFER connected port=%u\n", ( unsigned ) xConfig.usPort );
    return xSocket;
}

/* ---------------------------------------------------------------- data */

static const char * prvReceive( Socket_t xSocket,
                                AppSha256_t * pxSha,
                                uint64_t * pullBytes,
                                double * pdStart )
{
    uint32_t ulStalls = 0;

    for( ; ; )
    {
        BaseType_t xRet = FreeRTOS_recv( xSocket, ucBuffer, sizeof( ucBuffer ), 0 );

        if( xRet > 0 )
        {
            if( *pullBytes == 0U )
            {
                *pdStart = dAppWallSeconds();
            }

            vAppSha256Update( pxSha, ucBuffer, ( size_t ) xRet );
            *pullBytes += ( uint64_t ) xRet;
            ulStalls = 0;
        }
        else if( xRet == 0 )
        {
            if( ++ulStalls >= xConfig.ulStallLimit )
            {
                vAppPrintf( "XFER error: no data for %lu receive timeouts\n", ( unsigned long ) ulStalls );
                return "stalled";
            }
        }
        else if( xRet == -pdFREERTOS_ERRNO_ENOTCONN )
        {
            return "ok";
        }
        else
        {
            vAppPrintf( "XFER error: recv returned %ld (%s)\n", ( long ) xRet, pcAppNetErr( xRet ) );
            return "recv-error";
        }
    }
}

static const char * prvSend( Socket_t xSocket,
                             AppSha256_t * pxSha,
                             uint64_t * pullBytes,
                             double * pdStart )
{
    uint32_t ulStalls = 0;
    size_t uxHave = 0;   /* bytes in ucBuffer not yet queued */
    size_t uxOffset = 0; /* first of them */

    *pdStart = dAppWallSeconds();

    while( ( *pullBytes < xConfig.ullBytes ) || ( uxHave > 0U ) )
    {
        BaseType_t xRet;

        if( uxHave == 0U )
        {
            uint64_t ullLeft = xConfig.ullBytes - *pullBytes;

            uxHave = ( ullLeft < sizeof( ucBuffer ) ) ? ( size_t ) ullLeft : sizeof( ucBuffer );
            uxOffset = 0;
            vAppPatternFill( *pullBytes, ucBuffer, uxHave );
            vAppSha256Update( pxSha, ucBuffer, uxHave );
            *pullBytes += uxHave;
        }

        xRet = FreeRTOS_send( xSocket, &ucBuffer[ uxOffset ], uxHave, 0 );

        if( xRet > 0 )
        {
            uxOffset += ( size_t ) xRet;
            uxHave -= ( size_t ) xRet;
            ulStalls = 0;
        }
        else if( xRet == -pdFREERTOS_ERRNO_ENOSPC )
        {
            /* Nothing could be queued within SNDTIMEO. */
            if( ++ulStalls >= xConfig.ulStallLimit )
            {
                vAppPrintf( "XFER error: no progress for %lu send timeouts\n", ( unsigned long ) ulStalls );
                *pullBytes -= uxHave;
                return "stalled";
            }
        }
        else
        {
            vAppPrintf( "XFER error: send returned %ld (%s)\n", ( long ) xRet, pcAppNetErr( xRet ) );
            *pullBytes -= uxHave;
            return "send-error";
        }
    }

    return "ok";
}

/* After sending: FIN once everything is acknowledged, then wait for the
 * peer's FIN (recv() < 0), then close. */
static const char * prvFinishSend( Socket_t xSocket )
{
    BaseType_t xRet = FreeRTOS_shutdown( xSocket, FREERTOS_SHUT_RDWR );
    uint32_t ulStalls = 0;

    if( xRet != 0 )
    {
        vAppPrintf( "XFER error: shutdown returned %ld (%s)\n", ( long ) xRet, pcAppNetErr( xRet ) );
        return "shutdown-error";
    }

    for( ; ; )
    {
        xRet = FreeRTOS_recv( xSocket, ucBuffer, sizeof( ucBuffer ), 0 );

        if( xRet == -pdFREERTOS_ERRNO_ENOTCONN )
        {
            return "ok";
        }

        if( xRet < 0 )
        {
            vAppPrintf( "XFER error: recv after shutdown returned %ld (%s)\n", ( long ) xRet, pcAppNetErr( xRet ) );
            return "close-error";
        }

        if( xRet > 0 )
        {
            vAppPrintf( "XFER error: the peer sent %ld unexpected bytes\n", ( long ) xRet );
            return "unexpected-data";
        }

        if( ++ulStalls >= xConfig.ulStallLimit )
        {
            vAppPrintf( "XFER error: the peer did not close within %lu receive timeouts\n", ( unsigned long ) ulStalls );
            return "close-stalled";
        }
    }
}

/* ---------------------------------------------------------------- arguments */

BaseType_t xAppParseArgs( int argc,
                          char ** argv )
{
    BaseType_t xHaveDirection = pdFALSE;
    uint64_t ullValue;
    int i;

    if( argc < 2 )
    {
        return pdFAIL;
    }

    if( strcmp( argv[ 1 ], "server" ) == 0 )
    {
        xConfig.xServer = pdTRUE;
    }
    else if( strcmp( argv[ 1 ], "client" ) != 0 )
    {
        return pdFAIL;
    }

    for( i = 2; i < argc; i++ )
    {
        const char * pcOpt = argv[ i ];
        const char * pcVal = ( i + 1 < argc ) ? argv[ i + 1 ] : NULL;

        if( strcmp( pcOpt, "--recv" ) == 0 )
        {
            xConfig.xSend = pdFALSE;
            xHaveDirection = pdTRUE;
            continue;
        }

        if( pcVal == NULL )
        {
            return pdFAIL;
        }

        i++;

        if( strcmp( pcOpt, "--send" ) == 0 )
        {
            if( xAppParseUnsigned( pcVal, 1ULL << 40, &xConfig.ullBytes ) != pdPASS )
            {
                return pdFAIL;
            }

            xConfig.xSend = pdTRUE;
            xHaveDirection = pdTRUE;
        }
        else if( strcmp( pcOpt, "--port" ) == 0 )
        {
            if( ( xAppParseUnsigned( pcVal, 65535, &ullValue ) != pdPASS ) || ( ullValue == 0U ) )
            {
                return pdFAIL;
            }

            xConfig.usPort = ( uint16_t ) ullValue;
        }
        else if( strcmp( pcOpt, "--peer" ) == 0 )
        {
            struct in_addr xAddr;

            if( inet_pton( AF_INET, pcVal, &xAddr ) != 1 )
            {
                return pdFAIL;
            }

            xConfig.ulPeerIP = xAddr.s_addr;
        }
        else if( strcmp( pcOpt, "--timeout" ) == 0 )
        {
            if( ( xAppParseUnsigned( pcVal, 3600000, &ullValue ) != pdPASS ) || ( ullValue == 0U ) )
            {
                return pdFAIL;
            }

            xConfig.xTimeout = ( TickType_t ) ullValue;
        }
        else if( strcmp( pcOpt, "--stall-limit" ) == 0 )
        {
            if( ( xAppParseUnsigned( pcVal, 1000, &ullValue ) != pdPASS ) || ( ullValue == 0U ) )
            {
                return pdFAIL;
            }

            xConfig.ulStallLimit = ( uint32_t ) ullValue;
        }
        else if( strcmp( pcOpt, "--accept-ticks" ) == 0 )
        {
            if( ( xAppParseUnsigned( pcVal, 3600000, &ullValue ) != pdPASS ) || ( ullValue == 0U ) )
            {
                return pdFAIL;
            }

            xConfig.xAcceptTicks = ( TickType_t ) ullValue;
        }
        else
        {
            return pdFAIL;
        }
    }

    return ( ( xHaveDirection != pdFALSE ) && ( xConfig.usPort != 0U ) ) ? pdPASS : pdFAIL;
}

/* ---------------------------------------------------------------- main task */

void vAppRun( void )
{
    AppSha256_t xSha;
    uint64_t ullBytes = 0;
    double dStart = 0.0;
    double dEnd;
    TickType_t xTickStart;
    const char * pcStatus;
    Socket_t xSocket;
    BaseType_t xRet;

    vAppSha256Init( &xSha );

    xSocket = ( xConfig.xServer != pdFALSE ) ? prvAcceptOne() : prvConnect();

    if( xSocket == FREERTOS_INVALID_SOCKET )
    {
        prvResult( "no-connection", 0, &xSha, 0, 0.0 );
        vAppExit( 1 );
    }

    xTickStart = xTaskGetTickCount();

    if( xConfig.xSend != pdFALSE )
    {
        pcStatus = prvSend( xSocket, &xSha, &ullBytes, &dStart );

        if( strcmp( pcStatus, "ok" ) == 0 )
        {
            pcStatus = prvFinishSend( xSocket );
        }
    }
    else
    {
        pcStatus = prvReceive( xSocket, &xSha, &ullBytes, &dStart );
    }

    dEnd = dAppWallSeconds();

    xRet = FreeRTOS_closesocket( xSocket );

    if( xRet != 1 )
    {
        vAppPrintf( "XFER error: closesocket returned %ld\n", ( long ) xRet );

        if( strcmp( pcStatus, "ok" ) == 0 )
        {
            pcStatus = "close-error";
        }
    }

    vTap_PrintStats();
    prvResult( pcStatus, ullBytes, &xSha, xTaskGetTickCount() - xTickStart,
               ( ullBytes > 0U ) ? ( dEnd - dStart ) : 0.0 );
    vAppExit( ( strcmp( pcStatus, "ok" ) == 0 ) ? 0 : 1 );
}
