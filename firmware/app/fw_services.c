/*
 * The firmware's test services (fw_app.h):
 *
 *   control  port 9000: one command line per connection, one reply line,
 *            then the firmware closes the connection gracefully.
 *              netstat      a netstat block on the UART  -> "ok netstat seq=N"
 *              stats        STATS, LAN9118, HEAP, STACKS lines -> "ok stats"
 *              send N       bytes port 9002 sends next    -> "ok send N"
 *              resolve NAME FreeRTOS_gethostbyname(NAME), a DNS line on
 *                           the UART                      -> "ok resolve A.B.C.D"
 *              metrics      METRICS and METRICS-SOCKET lines on the UART
 *                           (xFPTCP_GetStackMetrics, xFPTCP_GetSocketMetrics:
 *                           health data a firmware could publish) -> "ok metrics"
 *              quit         "APP quit" on the UART, then the firmware exits
 *                           with status 0 (semihosting)   -> "ok quit"
 *   receive  port 9001: one connection at a time; everything up to the
 *            peer's FIN is hashed (SHA-256), then
 *            "RESULT role=server dir=recv status=.. bytes=.. sha256=.. ticks=.. kib_s=.."
 *   send     port 9002: one connection at a time; N bytes of the test
 *            stream, FreeRTOS_shutdown(), wait for the peer's FIN, close;
 *            "RESULT role=server dir=send ..." likewise
 *
 * ticks run from the first byte moved to the end of the transfer; kib_s is
 * derived from them (1 tick = 1 ms).
 */
#include <stdio.h>
#include <string.h>

#include "FreeRTOS.h"
#include "task.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"
#include "FreeRTOS_DNS.h"
#include "fptcp_extensions.h"

#include "mps2_an386.h"
#include "lan9118_interface.h"
#include "app_net.h"
#include "app_sha256.h"
#include "fw_app.h"
#if ( FW_HTTP_STYLE == fwHTTP_TASKS )
    #include "http_app.h"
#endif

#define fwXFER_CHUNK            1460U
#define fwXFER_TIMEOUT          ( ( TickType_t ) 5000 )
#define fwXFER_STALL_LIMIT      6U
#define fwXFER_DEFAULT_BYTES    ( 4UL * 1024UL * 1024UL )
#define fwCONTROL_LINE_MAX      64U

static volatile uint32_t ulSendBytes = fwXFER_DEFAULT_BYTES;

/* ------------------------------------------------------------ metrics */

/* The metrics of include/fptcp_extensions.h on the UART, one line for the
 * stack and one per socket (images built with ipconfigFPTCP_METRICS). */
#if ( ipconfigFPTCP_METRICS == 1 )
static void prvPrintMetrics( void )
{
    static FPTCP_SocketMetrics_t xRows[ 12 ];
    FPTCP_StackMetrics_t xS;
    BaseType_t xCount, i;

    if( xFPTCP_GetStackMetrics( &xS ) != pdPASS )
    {
        vLoggingPrintf( "METRICS error\n" );
        return;
    }

    vLoggingPrintf( "METRICS frames_in=%lu frames_out=%lu dropped_malformed=%lu dropped_checksum=%lu "
                    "dropped_not_for_us=%lu dropped_martian=%lu tcp_resets_sent=%lu backlog_refusals=%lu "
                    "close_wait_reaped=%lu tcp_sockets=%lu udp_sockets=%lu buffers_free=%lu/%lu "
                    "buffers_min_free=%lu heap_used=%lu\n",
                    ( unsigned long ) xS.ulFramesIn, ( unsigned long ) xS.ulFramesOut,
                    ( unsigned long ) xS.ulDroppedMalformed, ( unsigned long ) xS.ulDroppedChecksum,
                    ( unsigned long ) xS.ulDroppedNotForUs, ( unsigned long ) xS.ulDroppedMartian,
                    ( unsigned long ) xS.ulTcpResetsSent, ( unsigned long ) xS.ulTcpBacklogRefusals,
                    ( unsigned long ) xS.ulCloseWaitReaped, ( unsigned long ) xS.ulTcpSockets,
                    ( unsigned long ) xS.ulUdpSockets, ( unsigned long ) xS.ulBuffersFree,
                    ( unsigned long ) xS.ulBuffersTotal, ( unsigned long ) xS.ulBuffersMinimumFree,
                    ( unsigned long ) xS.ulHeapUsed );
    xCount = xFPTCP_GetSocketMetrics( xRows, ( BaseType_t ) ( sizeof( xRows ) / sizeof( xRows[ 0 ] ) ) );

    for( i = 0; ( i < xCount ) && ( i < ( BaseType_t ) ( sizeof( xRows ) / sizeof( xRows[ 0 ] ) ) ); i++ )
    {
        vLoggingPrintf( "METRICS-SOCKET proto=%u port=%u remote_port=%u state=%u ms_in_state=%lu "
                        "ms_since_call=%ld rx=%lu tx=%lu retransmissions=%lu children=%u/%u\n",
                        ( unsigned ) xRows[ i ].ucProtocol, ( unsigned ) xRows[ i ].usLocalPort,
                        ( unsigned ) xRows[ i ].usRemotePort, ( unsigned ) xRows[ i ].ucState,
                        ( unsigned long ) xRows[ i ].ulMsInState,
                        ( xRows[ i ].ulMsSinceApplicationCall == FPTCP_METRICS_NO_CALL ) ? -1L :
                        ( long ) xRows[ i ].ulMsSinceApplicationCall,
                        ( unsigned long ) xRows[ i ].ulRxQueued, ( unsigned long ) xRows[ i ].ulTxQueued,
                        ( unsigned long ) xRows[ i ].ulRetransmissions, ( unsigned ) xRows[ i ].usChildCount,
                        ( unsigned ) xRows[ i ].usBacklog );
    }
}
#else
static void prvPrintMetrics( void )
{
    vLoggingPrintf( "METRICS off (built without ipconfigFPTCP_METRICS)\n" );
}
#endif /* if ( ipconfigFPTCP_METRICS == 1 ) */

/* ------------------------------------------------------------ results */

static void prvResult( const char * pcDir,
                       const char * pcStatus,
                       uint32_t ulBytes,
                       AppSha256_t * pxSha,
                       TickType_t xTicks )
{
    char cHex[ appSHA256_HEX_CHARS ];
    uint32_t ulKiBs = 0;

    if( xTicks > 0U )
    {
        ulKiBs = ( uint32_t ) ( ( ( uint64_t ) ulBytes * 1000U ) / ( ( uint64_t ) xTicks * 1024U ) );
    }

    vAppSha256FinishHex( pxSha, cHex );
    vLoggingPrintf( "RESULT role=server dir=%s status=%s bytes=%lu sha256=%s ticks=%lu kib_s=%lu\n",
                    pcDir, pcStatus, ( unsigned long ) ulBytes, cHex, ( unsigned long ) xTicks,
                    ( unsigned long ) ulKiBs );
}

static void prvSetTimeouts( Socket_t xSocket )
{
    static const TickType_t xTimeout = fwXFER_TIMEOUT;

    ( void ) FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_RCVTIMEO, &xTimeout, sizeof( xTimeout ) );
    ( void ) FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_SNDTIMEO, &xTimeout, sizeof( xTimeout ) );
}

/* Waits for the next connection on xListener (forever, in 1 s steps). */
static Socket_t prvAcceptNext( Socket_t xListener,
                               char * pcWho,
                               size_t uxWhoSize )
{
    for( ; ; )
    {
        struct freertos_sockaddr xFrom;
        socklen_t xFromLength = sizeof( xFrom );
        Socket_t xChild = FreeRTOS_accept( xListener, &xFrom, &xFromLength );

        if( ( xChild != NULL ) && ( xChild != FREERTOS_INVALID_SOCKET ) )
        {
            vAppNetDescribePeer( pcWho, uxWhoSize, &xFrom );
            prvSetTimeouts( xChild );
            return xChild;
        }

        if( xChild == FREERTOS_INVALID_SOCKET )
        {
            vTaskDelay( pdMS_TO_TICKS( 1000 ) );
        }
    }
}

/* ------------------------------------------------------------ receive */

static uint8_t ucRecvBuffer[ fwXFER_CHUNK ];

static void prvRecvTask( void * pvParameters )
{
    Socket_t xListener = ( Socket_t ) pvParameters;
    char cWho[ 24 ];

    for( ; ; )
    {
        Socket_t xSocket = prvAcceptNext( xListener, cWho, sizeof( cWho ) );
        AppSha256_t xSha;
        uint32_t ulBytes = 0;
        uint32_t ulStalls = 0;
        TickType_t xFirst = 0;
        const char * pcStatus = NULL;

        vLoggingPrintf( "XFER recv from %s\n", cWho );
        vAppSha256Init( &xSha );

        while( pcStatus == NULL )
        {
            BaseType_t xRet = FreeRTOS_recv( xSocket, ucRecvBuffer, sizeof( ucRecvBuffer ), 0 );

            if( xRet > 0 )
            {
                if( ulBytes == 0U )
                {
                    xFirst = xTaskGetTickCount();
                }

                vAppSha256Update( &xSha, ucRecvBuffer, ( size_t ) xRet );
                ulBytes += ( uint32_t ) xRet;
                ulStalls = 0;
            }
            else if( xRet == 0 )
            {
                if( ++ulStalls >= fwXFER_STALL_LIMIT )
                {
                    pcStatus = "stalled";
                }
            }
            else if( xRet == -pdFREERTOS_ERRNO_ENOTCONN )
            {
                pcStatus = "ok";
            }
            else
            {
                vLoggingPrintf( "XFER recv returned %ld (%s)\n", ( long ) xRet, pcAppNetErr( xRet ) );
                pcStatus = "recv-error";
            }
        }

        {
            TickType_t xTicks = ( ulBytes > 0U ) ? ( xTaskGetTickCount() - xFirst ) : 0U;

            if( FreeRTOS_closesocket( xSocket ) != 1 )
            {
                pcStatus = "close-error";
            }

            prvResult( "recv", pcStatus, ulBytes, &xSha, xTicks );
        }
    }
}

/* ------------------------------------------------------------ send */

static uint8_t ucSendBuffer[ fwXFER_CHUNK ];

static void prvSendTask( void * pvParameters )
{
    Socket_t xListener = ( Socket_t ) pvParameters;
    char cWho[ 24 ];

    for( ; ; )
    {
        Socket_t xSocket = prvAcceptNext( xListener, cWho, sizeof( cWho ) );
        uint32_t ulTotal = ulSendBytes;
        uint32_t ulQueued = 0;
        uint32_t ulStalls = 0;
        size_t uxHave = 0;
        size_t uxOffset = 0;
        AppSha256_t xSha;
        TickType_t xStart;
        const char * pcStatus = "ok";
        BaseType_t xRet;

        vLoggingPrintf( "XFER send %lu bytes to %s\n", ( unsigned long ) ulTotal, cWho );
        vAppSha256Init( &xSha );
        xStart = xTaskGetTickCount();

        while( ( ulQueued < ulTotal ) || ( uxHave > 0U ) )
        {
            if( uxHave == 0U )
            {
                uint32_t ulLeft = ulTotal - ulQueued;

                uxHave = ( ulLeft < sizeof( ucSendBuffer ) ) ? ( size_t ) ulLeft : sizeof( ucSendBuffer );
                uxOffset = 0;
                vFwPatternFill( ulQueued, ucSendBuffer, uxHave );
                vAppSha256Update( &xSha, ucSendBuffer, uxHave );
                ulQueued += ( uint32_t ) uxHave;
            }

            xRet = FreeRTOS_send( xSocket, &ucSendBuffer[ uxOffset ], uxHave, 0 );

            if( xRet > 0 )
            {
                uxOffset += ( size_t ) xRet;
                uxHave -= ( size_t ) xRet;
                ulStalls = 0;
            }
            else if( ( xRet == -pdFREERTOS_ERRNO_ENOSPC ) && ( ++ulStalls < fwXFER_STALL_LIMIT ) )
            {
                /* Nothing queued within SNDTIMEO; try again. */
            }
            else
            {
                vLoggingPrintf( "XFER send returned %ld (%s)\n", ( long ) xRet, pcAppNetErr( xRet ) );
                ulQueued -= ( uint32_t ) uxHave;
                pcStatus = "send-error";
                break;
            }
        }

        /* FIN once everything is acknowledged, then the peer's FIN. */
        if( strcmp( pcStatus, "ok" ) == 0 )
        {
            xRet = FreeRTOS_shutdown( xSocket, FREERTOS_SHUT_RDWR );

            if( xRet != 0 )
            {
                pcStatus = "shutdown-error";
            }
            else
            {
                ulStalls = 0;

                for( ; ; )
                {
                    xRet = FreeRTOS_recv( xSocket, ucSendBuffer, sizeof( ucSendBuffer ), 0 );

                    if( xRet == -pdFREERTOS_ERRNO_ENOTCONN )
                    {
                        break;
                    }

                    if( ( xRet != 0 ) || ( ++ulStalls >= fwXFER_STALL_LIMIT ) )
                    {
                        pcStatus = ( xRet > 0 ) ? "unexpected-data" : "close-error";
                        break;
                    }
                }
            }
        }

        {
            TickType_t xTicks = xTaskGetTickCount() - xStart;

            if( FreeRTOS_closesocket( xSocket ) != 1 )
            {
                pcStatus = "close-error";
            }

            prvResult( "send", pcStatus, ulQueued, &xSha, xTicks );
        }
    }
}

/* ------------------------------------------------------------ control */

static BaseType_t prvParseDecimal( const char * pcText,
                                   uint32_t * pulOut )
{
    uint32_t ulValue = 0;

    if( *pcText == '\0' )
    {
        return pdFAIL;
    }

    for( ; *pcText != '\0'; pcText++ )
    {
        if( ( *pcText < '0' ) || ( *pcText > '9' ) || ( ulValue > 400000000UL ) )
        {
            return pdFAIL;
        }

        ulValue = ulValue * 10U + ( uint32_t ) ( *pcText - '0' );
    }

    *pulOut = ulValue;
    return pdPASS;
}

/* Unused stack (words, the high-water mark) of the long-lived tasks and of
 * the HTTP handlers so far: "STACKS name=words ...". */
static void prvPrintStacks( void )
{
    static const char * const pcNames[] =
    {
        "IP-task", "lan9118", "Tmr Svc", "IDLE", "control", "xfer-rx", "xfer-tx", "http-acc", "http-sel"
    };
    char cLine[ 200 ];
    size_t uxAt = 0;
    size_t i;

    uxAt += ( size_t ) snprintf( cLine, sizeof( cLine ), "STACKS" );

    for( i = 0; ( i < sizeof( pcNames ) / sizeof( pcNames[ 0 ] ) ) && ( uxAt < sizeof( cLine ) ); i++ )
    {
        TaskHandle_t xTask = xTaskGetHandle( pcNames[ i ] );

        if( xTask != NULL )
        {
            uxAt += ( size_t ) snprintf( &cLine[ uxAt ], sizeof( cLine ) - uxAt, " %s=%lu", pcNames[ i ],
                                         ( unsigned long ) uxTaskGetStackHighWaterMark( xTask ) );
        }
    }

    #if ( FW_HTTP_STYLE == fwHTTP_TASKS )
        if( uxAt < sizeof( cLine ) )
        {
            ( void ) snprintf( &cLine[ uxAt ], sizeof( cLine ) - uxAt, " http-handlers=%lu",
                               ( unsigned long ) uxHttpStackMin() );
        }
    #endif

    vLoggingPrintf( "%s\n", cLine );
}

/* Runs one command; writes the reply line (without newline) to pcReply.
 * Returns pdTRUE when the firmware should exit afterwards. */
static BaseType_t prvCommand( const char * pcLine,
                              char * pcReply,
                              size_t uxReplySize )
{
    uint32_t ulValue;

    if( strcmp( pcLine, "netstat" ) == 0 )
    {
        ulValue = ulFwNetstat( "control" );
        ( void ) snprintf( pcReply, uxReplySize, "ok netstat seq=%lu", ( unsigned long ) ulValue );
    }
    else if( strcmp( pcLine, "stats" ) == 0 )
    {
        vFwHttpPrintStats();
        vLan9118_PrintStats();
        vLoggingPrintf( "HEAP free=%lu min_ever=%lu malloc_failures=%lu\n",
                        ( unsigned long ) xPortGetFreeHeapSize(),
                        ( unsigned long ) xPortGetMinimumEverFreeHeapSize(),
                        ( unsigned long ) ulBoardMallocFailures() );
        prvPrintStacks();
        ( void ) snprintf( pcReply, uxReplySize, "ok stats" );
    }
    else if( strcmp( pcLine, "metrics" ) == 0 )
    {
        prvPrintMetrics();
        ( void ) snprintf( pcReply, uxReplySize, "ok metrics" );
    }
    else if( ( strncmp( pcLine, "send ", 5 ) == 0 ) && ( prvParseDecimal( &pcLine[ 5 ], &ulValue ) == pdPASS ) )
    {
        ulSendBytes = ulValue;
        ( void ) snprintf( pcReply, uxReplySize, "ok send %lu", ( unsigned long ) ulValue );
    }
    else if( ( strncmp( pcLine, "resolve ", 8 ) == 0 ) && ( pcLine[ 8 ] != '\0' ) )
    {
        /* FreeRTOS_gethostbyname() against the end-point's DNS server (with
         * DHCP the leased one); blocks this task only. 0 means not found. */
        TickType_t xStart = xTaskGetTickCount();
        uint32_t ulIP = FreeRTOS_gethostbyname( &pcLine[ 8 ] );
        uint8_t ucIP[ 4 ];

        ( void ) memcpy( ucIP, &ulIP, sizeof( ucIP ) );
        vLoggingPrintf( "DNS name=%s ip=%u.%u.%u.%u ticks=%lu\n", &pcLine[ 8 ], ucIP[ 0 ], ucIP[ 1 ], ucIP[ 2 ],
                        ucIP[ 3 ], ( unsigned long ) ( xTaskGetTickCount() - xStart ) );
        ( void ) snprintf( pcReply, uxReplySize, "ok resolve %u.%u.%u.%u", ucIP[ 0 ], ucIP[ 1 ], ucIP[ 2 ], ucIP[ 3 ] );
    }
    else if( strcmp( pcLine, "quit" ) == 0 )
    {
        ( void ) snprintf( pcReply, uxReplySize, "ok quit" );
        return pdTRUE;
    }
    else
    {
        ( void ) snprintf( pcReply, uxReplySize, "error unknown command" );
    }

    return pdFALSE;
}

static void prvControlTask( void * pvParameters )
{
    Socket_t xListener = ( Socket_t ) pvParameters;
    char cWho[ 24 ];

    for( ; ; )
    {
        Socket_t xSocket = prvAcceptNext( xListener, cWho, sizeof( cWho ) );
        char cLine[ fwCONTROL_LINE_MAX + 1U ];
        char cReply[ 48 ];
        size_t uxFill = 0;
        BaseType_t xQuit = pdFALSE;
        BaseType_t xComplete = pdFALSE;

        /* One line, terminated by '\n' (a '\r' before it is dropped). */
        while( ( xComplete == pdFALSE ) && ( uxFill < fwCONTROL_LINE_MAX ) )
        {
            BaseType_t xRet = FreeRTOS_recv( xSocket, &cLine[ uxFill ], 1, 0 );

            if( xRet <= 0 )
            {
                break;
            }

            if( cLine[ uxFill ] == '\n' )
            {
                xComplete = pdTRUE;
            }
            else if( cLine[ uxFill ] != '\r' )
            {
                uxFill++;
            }
        }

        cLine[ uxFill ] = '\0';

        if( xComplete != pdFALSE )
        {
            vLoggingPrintf( "CONTROL '%s' from %s\n", cLine, cWho );
            xQuit = prvCommand( cLine, cReply, sizeof( cReply ) - 1U );
        }
        else
        {
            ( void ) snprintf( cReply, sizeof( cReply ) - 1U, "error no command line" );
        }

        ( void ) strncat( cReply, "\n", sizeof( cReply ) - strlen( cReply ) - 1U );
        ( void ) FreeRTOS_send( xSocket, cReply, strlen( cReply ), 0 );
        vAppNetGracefulClose( xSocket, pdMS_TO_TICKS( 2000 ), "control" );

        if( xQuit != pdFALSE )
        {
            vLoggingPrintf( "APP quit\n" );
            vBoardExit( 0 );
        }
    }
}

/* ------------------------------------------------------------ start */

BaseType_t xFwServicesStart( void )
{
    static const struct
    {
        uint16_t usPort;
        TaskFunction_t pxTask;
        const char * pcName;
        uint16_t usStackWords;
    }
    /* The control task's 1280 words: FreeRTOS_gethostbyname() ("resolve")
     * peaks at about 820 (tests/e2e/board_dhcp.sh prints the unused part;
     * 640 overflowed). */
    xServices[] =
    {
        { fwCONTROL_PORT, prvControlTask, "control", 1280 },
        { fwRECV_PORT,    prvRecvTask,    "xfer-rx", 512 },
        { fwSEND_PORT,    prvSendTask,    "xfer-tx", 512 },
    };
    size_t i;

    for( i = 0; i < sizeof( xServices ) / sizeof( xServices[ 0 ] ); i++ )
    {
        Socket_t xListener = xAppNetListen( xServices[ i ].usPort, 1, pdMS_TO_TICKS( 1000 ) );

        if( xListener == FREERTOS_INVALID_SOCKET )
        {
            return pdFAIL;
        }

        if( xTaskCreate( xServices[ i ].pxTask, xServices[ i ].pcName, xServices[ i ].usStackWords,
                         ( void * ) xListener, fwTASK_PRIORITY, NULL ) != pdPASS )
        {
            vLoggingPrintf( "APP error: cannot create task %s\n", xServices[ i ].pcName );
            return pdFAIL;
        }
    }

    vLoggingPrintf( "APP services control=%u recv=%u send=%u\n", ( unsigned ) fwCONTROL_PORT,
                    ( unsigned ) fwRECV_PORT, ( unsigned ) fwSEND_PORT );
    return pdPASS;
}
