/*
 * Start-up of the firmware application and the helpers its services share
 * (fw_app.h). The HTTP application and the socket helpers are the host
 * programs' own (apps/shared; app_platform.h plugs the firmware in). The
 * board's main() (freertos-port/board/mps2-an386/main.c) calls
 * iBoardApplicationInit() and then starts the scheduler.
 */
#include <stdio.h>
#include <string.h>

#include "FreeRTOS.h"
#include "task.h"
#include "semphr.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"
#include "FreeRTOS_Routing.h"
#include "FreeRTOS_DHCP.h"
#include "NetworkBufferManagement.h"

#include "mps2_an386.h"
#include "lan9118_interface.h"
#include "fw_app.h"
#include "http_app.h"
#include "select_http.h"
#include "http_callbacks_app.h"
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

/* With DHCP the addresses above are only the fallback (taken when no
 * server answers within the discovery schedule, about 35 s, see
 * docs/dhcp.md); the wait for the network covers that too. */
#if ( FW_NET_DHCP == 1 )
    #define fwUP_TIMEOUT_MS    60000U
    #define fwADDRESSING       "dhcp"
#else
    #define fwUP_TIMEOUT_MS    30000U
    #define fwADDRESSING       "static"
#endif
/* The name the board registers with the DHCP server (option 12). */
#define fwHOSTNAME         "fptcp-board"

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

/* The HTTP server on port 80, backlog 3, written as FW_HTTP_STYLE says.
 * Tasks: at most 4 handler tasks; FW_HTTP_BAD chooses the K63F handler with
 * its 2000-tick "processing". Select: one task serving at most 4
 * connections at once (as many as the handler tasks). Callbacks: the IP
 * task serves through the handlers. */
#if ( FW_HTTP_STYLE == fwHTTP_SELECT )
    #define fwHTTP_NAME    "select"
#elif ( FW_HTTP_STYLE == fwHTTP_CALLBACKS )
    #define fwHTTP_NAME    "callbacks"
#else
    #define fwHTTP_NAME    ( ( FW_HTTP_BAD == 1 ) ? "bad" : "good" )
#endif

BaseType_t xFwHttpStart( void )
{
    #if ( FW_HTTP_STYLE == fwHTTP_SELECT )
        static const SelectHttpConfig_t xConfig =
        {
            .usPort      = fwHTTP_PORT,
            .xBacklog    = 3,
            .uxClients   = 4,
            .ulRequestMs = 5000,
            .ulDrainMs   = 3000,
            .ulDelayMs   = 0
        };

        return xSelectHttpStart( &xConfig );
    #elif ( FW_HTTP_STYLE == fwHTTP_CALLBACKS )
        return xHttpCallbacksStart( fwHTTP_PORT, 3 );
    #else
        static const HttpConfig_t xConfig =
        {
            .xBadVariant     = ( FW_HTTP_BAD == 1 ) ? pdTRUE : pdFALSE,
            .usPort          = fwHTTP_PORT,
            .xBacklog        = 3,
            .uxMaxTasks      = 4,
            .xDelay          = ( FW_HTTP_BAD == 1 ) ? 2000 : 0,
            .xRequestTimeout = 5000,
            .xDrainTicks     = 3000
        };

        return xHttpStart( &xConfig );
    #endif
}

void vFwHttpPrintStats( void )
{
    #if ( FW_HTTP_STYLE == fwHTTP_SELECT )
        vSelectHttpPrintStats();
    #elif ( FW_HTTP_STYLE == fwHTTP_CALLBACKS )
        vHttpCallbacksPrintStats();
    #else
        vHttpPrintStats();
    #endif
}

/* Writes a network-order IPv4 address as dotted decimal (at least 16 bytes). */
static const char * prvIP( uint32_t ulAddress,
                           char * pcBuffer )
{
    uint8_t ucBytes[ 4 ];

    ( void ) memcpy( ucBytes, &ulAddress, sizeof( ucBytes ) );
    ( void ) snprintf( pcBuffer, 16, "%u.%u.%u.%u", ucBytes[ 0 ], ucBytes[ 1 ], ucBytes[ 2 ], ucBytes[ 3 ] );
    return pcBuffer;
}

/* One line with the end-point's addresses as they are now: with DHCP the
 * leased ones (scripts/demo and tests/e2e/board_dhcp.sh read it). */
static void prvPrintAddresses( const char * pcWhat,
                               const struct xNetworkEndPoint * pxEndPoint )
{
    uint32_t ulIP = 0, ulMask = 0, ulGateway = 0, ulDNS = 0;
    char cIP[ 16 ], cMask[ 16 ], cGateway[ 16 ], cDNS[ 16 ];

    FreeRTOS_GetEndPointConfiguration( &ulIP, &ulMask, &ulGateway, &ulDNS, pxEndPoint );
    vLoggingPrintf( "%s ip=%s mask=%s gw=%s dns=%s addressing=%s tick=%lu\n", pcWhat, prvIP( ulIP, cIP ),
                    prvIP( ulMask, cMask ), prvIP( ulGateway, cGateway ), prvIP( ulDNS, cDNS ), fwADDRESSING,
                    ( unsigned long ) xTaskGetTickCount() );
}

/* Called by the IP task (without its lock) before the first DISCOVER of a
 * cycle and before the REQUEST: logged, and DHCP goes on. */
eDHCPCallbackAnswer_t xApplicationDHCPHook_Multi( eDHCPCallbackPhase_t eDHCPPhase,
                                                  struct xNetworkEndPoint * pxEndPoint,
                                                  IP_Address_t * pxIPAddress )
{
    char cIP[ 16 ];

    ( void ) pxEndPoint;
    vLoggingPrintf( "DHCP phase=%s ip=%s tick=%lu\n",
                    ( eDHCPPhase == eDHCPPhasePreDiscover ) ? "pre-discover" : "pre-request",
                    prvIP( ( pxIPAddress != NULL ) ? pxIPAddress->ulIP_IPv4 : 0U, cIP ),
                    ( unsigned long ) xTaskGetTickCount() );
    return eDHCPContinue;
}

const char * pcApplicationHostnameHook( void )
{
    return fwHOSTNAME;
}

void vApplicationIPNetworkEventHook_Multi( eIPCallbackEvent_t eNetworkEvent,
                                           struct xNetworkEndPoint * pxEndPoint )
{
    static BaseType_t xWasUp = pdFALSE;

    if( eNetworkEvent == eNetworkUp )
    {
        /* With DHCP: once per lease and again after every renewal. */
        prvPrintAddresses( ( xWasUp != pdFALSE ) ? "APP network up again" : "APP network up", pxEndPoint );

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

    {
        uint32_t ulIP = 0;
        char cIP[ 16 ];

        FreeRTOS_GetEndPointConfiguration( &ulIP, NULL, NULL, NULL, &xEndPoint );
        vLoggingPrintf( "APP up ip=%s net=%s addressing=%s variant=%s tick=%lu\n", prvIP( ulIP, cIP ), fwNET_NAME,
                        fwADDRESSING, fwHTTP_NAME, ( unsigned long ) xTaskGetTickCount() );
    }

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

    vLoggingPrintf( "APP firmware http=%s net=%s addressing=%s ip=%u.%u.%u.%u/24 gw=%u.%u.%u.%u heap=%u\n",
                    fwHTTP_NAME, fwNET_NAME, fwADDRESSING,
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
    /* After FillEndPoint, which clears the bits; the library reads it when
     * FreeRTOS_IPInit_Multi() starts. */
    xEndPoint.bits.bWantDHCP = ( FW_NET_DHCP == 1 ) ? pdTRUE_UNSIGNED : pdFALSE_UNSIGNED;

    /* The capture (images built with ipconfigFPTCP_PCAP_CAPTURE) starts
     * with the stack's first frame. */
    vFwPcapStart();

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
