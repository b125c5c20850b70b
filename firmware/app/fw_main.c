/*
 * Start-up of the firmware application and the helpers its services share
 * (fw_app.h). The board's main() (freertos-port/board/mps2-an386/main.c)
 * calls iBoardApplicationInit() and then starts the scheduler.
 */
#include <string.h>

#include "FreeRTOS.h"
#include "task.h"
#include "semphr.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"
#include "FreeRTOS_Routing.h"
#include "NetworkBufferManagement.h"

#include "mps2_an386.h"
#include "lan9118_interface.h"
#include "fw_app.h"
#include "fptcp_layout.h"

#if ( ipconfigIPv4_BACKWARD_COMPATIBLE != 0 )
    #error "the firmware uses the V4 start-up (FreeRTOS_IPInit_Multi)"
#endif

/* ------------------------------------------------------------ addressing */

#if ( FW_NET_SLIRP == 1 )
    static const uint8_t ucOwnIP[ 4 ] = { 10, 0, 2, 15 };
    static const uint8_t ucGateway[ 4 ] = { 10, 0, 2, 2 };
    static const uint8_t ucDNS[ 4 ] = { 10, 0, 2, 3 };
    #define fwNET_NAME    "slirp"
#else
    static const uint8_t ucOwnIP[ 4 ] = { 192, 0, 2, 15 };
    static const uint8_t ucGateway[ 4 ] = { 192, 0, 2, 1 };
    static const uint8_t ucDNS[ 4 ] = { 0, 0, 0, 0 };
    #define fwNET_NAME    "tap"
#endif
static const uint8_t ucNetMask[ 4 ] = { 255, 255, 255, 0 };
/* QEMU's default address for the first NIC; the driver programs it. */
static const uint8_t ucMAC[ 6 ] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

#define fwUP_TIMEOUT_MS    30000U

static NetworkInterface_t xInterface;
static NetworkEndPoint_t xEndPoint;

static SemaphoreHandle_t xNetworkUp = NULL;
static SemaphoreHandle_t xNetstatLock = NULL;
static uint32_t ulNetstatSeq = 0;

/* ------------------------------------------------------------ helpers */

void vFwPatternFill( uint32_t ulOffset,
                     uint8_t * pucOut,
                     size_t uxLength )
{
    size_t i = 0;

    /* Unaligned head, byte by byte. */
    while( ( i < uxLength ) && ( ( ( ulOffset + ( uint32_t ) i ) & 3U ) != 0U ) )
    {
        uint32_t ulIndex = ulOffset + ( uint32_t ) i;
        uint32_t ulWord = ( ulIndex >> 2 ) * 0x9E3779B1UL + 0x7F4A7C15UL;

        pucOut[ i++ ] = ( uint8_t ) ( ulWord >> ( 8U * ( ulIndex & 3U ) ) );
    }

    /* Whole words (little-endian, as the board is). */
    for( ; ( i + 4U ) <= uxLength; i += 4U )
    {
        uint32_t ulWord = ( ( ulOffset + ( uint32_t ) i ) >> 2 ) * 0x9E3779B1UL + 0x7F4A7C15UL;

        ( void ) memcpy( &pucOut[ i ], &ulWord, 4U );
    }

    /* Tail. */
    for( ; i < uxLength; i++ )
    {
        uint32_t ulIndex = ulOffset + ( uint32_t ) i;
        uint32_t ulWord = ( ulIndex >> 2 ) * 0x9E3779B1UL + 0x7F4A7C15UL;

        pucOut[ i ] = ( uint8_t ) ( ulWord >> ( 8U * ( ulIndex & 3U ) ) );
    }
}

const char * pcFwErr( BaseType_t xValue )
{
    switch( -xValue )
    {
        case pdFREERTOS_ERRNO_EINTR:
            return "EINTR";
        case pdFREERTOS_ERRNO_EWOULDBLOCK:
            return "EWOULDBLOCK";
        case pdFREERTOS_ERRNO_ENOMEM:
            return "ENOMEM";
        case pdFREERTOS_ERRNO_EINVAL:
            return "EINVAL";
        case pdFREERTOS_ERRNO_ENOSPC:
            return "ENOSPC";
        case pdFREERTOS_ERRNO_EOPNOTSUPP:
            return "EOPNOTSUPP";
        case pdFREERTOS_ERRNO_ETIMEDOUT:
            return "ETIMEDOUT";
        case pdFREERTOS_ERRNO_ENOTCONN:
            return "ENOTCONN";
        case pdFREERTOS_ERRNO_ECANCELED:
            return "ECANCELED";
        default:
            return ( xValue < 0 ) ? "E?" : "OK";
    }
}

Socket_t xFwListen( uint16_t usPort,
                    BaseType_t xBacklog,
                    TickType_t xAcceptTimeout )
{
    struct freertos_sockaddr xAddress;
    Socket_t xSocket;
    BaseType_t xRet;

    xSocket = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );

    if( xSocket == FREERTOS_INVALID_SOCKET )
    {
        vLoggingPrintf( "APP error: FreeRTOS_socket() failed for port %u\n", ( unsigned ) usPort );
        return FREERTOS_INVALID_SOCKET;
    }

    ( void ) FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_RCVTIMEO, &xAcceptTimeout, sizeof( xAcceptTimeout ) );

    ( void ) memset( &xAddress, 0, sizeof( xAddress ) );
    xAddress.sin_family = FREERTOS_AF_INET;
    xAddress.sin_port = FreeRTOS_htons( usPort );
    xAddress.sin_address.ulIP_IPv4 = FREERTOS_INADDR_ANY;

    xRet = FreeRTOS_bind( xSocket, &xAddress, sizeof( xAddress ) );

    if( xRet == 0 )
    {
        xRet = FreeRTOS_listen( xSocket, xBacklog );
    }

    if( xRet != 0 )
    {
        vLoggingPrintf( "APP error: bind/listen on port %u returned %ld (%s)\n", ( unsigned ) usPort,
                        ( long ) xRet, pcFwErr( xRet ) );
        ( void ) FreeRTOS_closesocket( xSocket );
        return FREERTOS_INVALID_SOCKET;
    }

    return xSocket;
}

void vFwGracefulClose( Socket_t xSocket,
                       TickType_t xDrainTicks,
                       const char * pcWho )
{
    static const TickType_t xPoll = 100;
    TickType_t xStart = xTaskGetTickCount();
    BaseType_t xRet;
    BaseType_t xLast = 0;
    uint8_t ucSink[ 64 ];

    xRet = FreeRTOS_shutdown( xSocket, FREERTOS_SHUT_RDWR );

    if( ( xRet != 0 ) && ( xRet != -pdFREERTOS_ERRNO_ENOTCONN ) )
    {
        vLoggingPrintf( "APP %s: shutdown returned %ld (%s)\n", pcWho, ( long ) xRet, pcFwErr( xRet ) );
    }

    ( void ) FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_RCVTIMEO, &xPoll, sizeof( xPoll ) );

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
        vLoggingPrintf( "APP %s: drain gave up after %lu ticks\n", pcWho,
                        ( unsigned long ) ( xTaskGetTickCount() - xStart ) );
    }

    xRet = FreeRTOS_closesocket( xSocket );

    if( xRet != 1 )
    {
        vLoggingPrintf( "APP %s: closesocket returned %ld\n", pcWho, ( long ) xRet );
    }
}

void vFwDescribePeer( char * pcOut,
                      size_t uxSize,
                      const struct freertos_sockaddr * pxAddress )
{
    uint32_t ulIP = FreeRTOS_ntohl( pxAddress->sin_address.ulIP_IPv4 );
    char cDigits[ 24 ];
    size_t uxAt = 0;
    int iPart;

    /* Small hand-made formatter: "a.b.c.d:port" without stdio. */
    for( iPart = 3; iPart >= -1; iPart-- )
    {
        uint32_t ulValue = ( iPart >= 0 ) ? ( ( ulIP >> ( 8 * iPart ) ) & 0xFFU ) :
                           ( uint32_t ) FreeRTOS_ntohs( pxAddress->sin_port );
        size_t uxN = 0;

        do
        {
            cDigits[ uxN++ ] = ( char ) ( '0' + ( ulValue % 10U ) );
            ulValue /= 10U;
        } while( ulValue != 0U );

        while( ( uxN > 0U ) && ( uxAt + 1U < uxSize ) )
        {
            pcOut[ uxAt++ ] = cDigits[ --uxN ];
        }

        if( ( iPart >= 0 ) && ( uxAt + 1U < uxSize ) )
        {
            pcOut[ uxAt++ ] = ( iPart > 0 ) ? '.' : ':';
        }
    }

    if( uxSize > 0U )
    {
        pcOut[ ( uxAt < uxSize ) ? uxAt : uxSize - 1U ] = '\0';
    }
}

uint32_t ulFwNetstat( const char * pcReason )
{
    uint32_t ulSeq;

    if( xSemaphoreTake( xNetstatLock, pdMS_TO_TICKS( 5000 ) ) != pdTRUE )
    {
        vLoggingPrintf( "APP error: netstat lock\n" );
        return 0;
    }

    ulSeq = ++ulNetstatSeq;
    vLoggingPrintf( "NETSTAT-BEGIN seq=%lu tick=%lu reason=%s\n", ( unsigned long ) ulSeq,
                    ( unsigned long ) xTaskGetTickCount(), pcReason );
    /* The IP task prints the table; it runs above this task's priority, so
     * it has printed long before the delay is over. */
    FreeRTOS_netstat();
    vTaskDelay( pdMS_TO_TICKS( 100 ) );
    vLoggingPrintf( "BUFS | free=%u min_ever=%u total=%u\n",
                    ( unsigned ) uxGetNumberOfFreeNetworkBuffers(),
                    ( unsigned ) uxGetMinimumFreeNetworkBuffers(),
                    ( unsigned ) ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS );
    vLoggingPrintf( "HEAP free=%lu min_ever=%lu malloc_failures=%lu\n",
                    ( unsigned long ) xPortGetFreeHeapSize(),
                    ( unsigned long ) xPortGetMinimumEverFreeHeapSize(),
                    ( unsigned long ) ulBoardMallocFailures() );
    vLoggingPrintf( "NETSTAT-END seq=%lu\n", ( unsigned long ) ulSeq );
    ( void ) xSemaphoreGive( xNetstatLock );
    return ulSeq;
}

/* ------------------------------------------------------------ start-up */

void vApplicationIPNetworkEventHook_Multi( eIPCallbackEvent_t eNetworkEvent,
                                           struct xNetworkEndPoint * pxEndPoint )
{
    ( void ) pxEndPoint;

    static BaseType_t xWasUp = pdFALSE;

    if( eNetworkEvent == eNetworkUp )
    {
        if( xWasUp != pdFALSE )
        {
            vLoggingPrintf( "APP network up again tick=%lu\n", ( unsigned long ) xTaskGetTickCount() );
        }

        xWasUp = pdTRUE;
        ( void ) xSemaphoreGive( xNetworkUp );
    }
    else
    {
        vLoggingPrintf( "APP network down tick=%lu\n", ( unsigned long ) xTaskGetTickCount() );
    }
}

static void prvAppTask( void * pvParameters )
{
    ( void ) pvParameters;

    if( xSemaphoreTake( xNetworkUp, pdMS_TO_TICKS( fwUP_TIMEOUT_MS ) ) != pdTRUE )
    {
        vLoggingPrintf( "APP error: the network did not come up within %u ms\n", ( unsigned ) fwUP_TIMEOUT_MS );
        vLan9118_PrintStats();
        vBoardExit( 1 );
    }

    vLoggingPrintf( "APP up ip=%u.%u.%u.%u net=%s variant=%s tick=%lu\n",
                    ucOwnIP[ 0 ], ucOwnIP[ 1 ], ucOwnIP[ 2 ], ucOwnIP[ 3 ], fwNET_NAME,
                    ( FW_HTTP_BAD == 1 ) ? "bad" : "good", ( unsigned long ) xTaskGetTickCount() );

    if( ( xFwServicesStart() != pdPASS ) || ( xFwHttpStart() != pdPASS ) )
    {
        vBoardExit( 1 );
    }

    vLoggingPrintf( "APP stack of app task: %lu words unused\n", ( unsigned long ) uxTaskGetStackHighWaterMark( NULL ) );

    #if ( FW_NETSTAT_MS > 0 )
    {
        TickType_t xLast = xTaskGetTickCount();

        for( ; ; )
        {
            vTaskDelayUntil( &xLast, pdMS_TO_TICKS( FW_NETSTAT_MS ) );
            ( void ) ulFwNetstat( "periodic" );
        }
    }
    #endif

    vTaskDelete( NULL );
}

/* C and the Rust library agree on every shared struct on this target
 * (the same comparison as the host's Unity test_layout). */
static int prvCheckLayout( void )
{
    const char * pcName = "";
    size_t uxC = 0U, uxRust = 0U;
    size_t uxDiff = uxFptcpLayoutDifferences( &pcName, &uxC, &uxRust );

    if( uxDiff != 0U )
    {
        vLoggingPrintf( "LAYOUT mismatch count=%u first=%s c=%u rust=%u\n", ( unsigned ) uxDiff, pcName,
                        ( unsigned ) uxC, ( unsigned ) uxRust );
        return 1;
    }

    vLoggingPrintf( "LAYOUT ok figures=%u\n", ( unsigned ) fptcpLAYOUT_COUNT );
    return 0;
}

int iBoardApplicationInit( void )
{
    if( prvCheckLayout() != 0 )
    {
        return 1;
    }

    vLoggingPrintf( "APP firmware http=%s net=%s ip=%u.%u.%u.%u/24 gw=%u.%u.%u.%u heap=%u\n",
                    ( FW_HTTP_BAD == 1 ) ? "bad" : "good", fwNET_NAME,
                    ucOwnIP[ 0 ], ucOwnIP[ 1 ], ucOwnIP[ 2 ], ucOwnIP[ 3 ],
                    ucGateway[ 0 ], ucGateway[ 1 ], ucGateway[ 2 ], ucGateway[ 3 ],
                    ( unsigned ) configTOTAL_HEAP_SIZE );

    xNetworkUp = xSemaphoreCreateBinary();
    xNetstatLock = xSemaphoreCreateMutex();

    if( ( xNetworkUp == NULL ) || ( xNetstatLock == NULL ) )
    {
        return 1;
    }

    if( pxMPS2_FillInterfaceDescriptor( 0, &xInterface ) == NULL )
    {
        vLoggingPrintf( "APP error: pxMPS2_FillInterfaceDescriptor() failed\n" );
        return 1;
    }

    FreeRTOS_FillEndPoint( &xInterface, &xEndPoint, ucOwnIP, ucNetMask, ucGateway, ucDNS, ucMAC );

    if( FreeRTOS_IPInit_Multi() != pdPASS )
    {
        vLoggingPrintf( "APP error: FreeRTOS_IPInit_Multi() failed\n" );
        return 1;
    }

    if( xTaskCreate( prvAppTask, "app", 2048, NULL, fwTASK_PRIORITY, NULL ) != pdPASS )
    {
        return 1;
    }

    return 0;
}
