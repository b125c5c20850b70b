/*
 * The fixed application of the footprint benchmark (bench/footprint).
 *
 * Built twice with identical flags: FP_WITH_STACK=0 is a FreeRTOS program
 * with one task that prints on the UART and exits; FP_WITH_STACK=1 is the
 * same program that also brings up FreeRTOS+TCP on a stub driver and uses
 * the TCP, UDP and DNS API a typical client/server application uses (its
 * end-point has a static address; the DHCP client is linked in all the same,
 * as whether it runs is the end-point's run-time bWantDHCP). The difference of
 * the two linked images (--gc-sections) is what the stack costs.
 *
 * The FP_WITH_STACK=1 image also measures, when run under QEMU, how much
 * kernel heap FreeRTOS_socket() takes per TCP socket (pvPortMalloc() calls
 * are counted through the linker's --wrap), and prints lines of the form
 *   FOOTPRINT key=value ...
 * on UART0 for bench/footprint to read. The malloc wrapper is in both images.
 */
#include <stdint.h>
#include <string.h>

#include "FreeRTOS.h"
#include "task.h"

#include "mps2_an386.h"

#if ( FP_WITH_STACK == 1 )
    #include "FreeRTOS_IP.h"
    #include "FreeRTOS_Sockets.h"
    #include "FreeRTOS_Routing.h"
    #include "FreeRTOS_DNS.h"
    #include "FreeRTOS_DHCP.h"
#endif

#define benchAPP_STACK_WORDS    ( configMINIMAL_STACK_SIZE * 8 )

/* ---------------------------------------------------------------- output */

static void prvPutUnsigned( uint32_t ulValue )
{
    char cDigits[ 11 ];
    int i = 10;

    cDigits[ 10 ] = '\0';

    do
    {
        cDigits[ --i ] = ( char ) ( '0' + ( ulValue % 10U ) );
        ulValue /= 10U;
    } while( ( ulValue != 0U ) && ( i > 0 ) );

    vBoardUartPuts( &cDigits[ i ] );
}

static void prvPutPair( const char * pcKey, uint32_t ulValue )
{
    vBoardUartPuts( " " );
    vBoardUartPuts( pcKey );
    vBoardUartPuts( "=" );
    prvPutUnsigned( ulValue );
}

void vBenchAssert( const char * pcFile, unsigned long ulLine )
{
    taskDISABLE_INTERRUPTS();
    vBoardUartPuts( "FOOTPRINT assert " );
    vBoardUartPuts( pcFile );
    prvPutPair( "line", ( uint32_t ) ulLine );
    vBoardUartPuts( "\n" );
    vBoardExit( 3 );
}

/* ---------------------------------------------------------------- heap log */

void * __real_pvPortMalloc( size_t xSize );
void __real_vPortFree( void * pv );
void * __wrap_pvPortMalloc( size_t xSize );
void __wrap_vPortFree( void * pv );

static volatile BaseType_t xLogging = pdFALSE;
static uint32_t ulLogCalls, ulLogBytes, ulLogFrees;
static uint32_t ulLogSizes[ 8 ];

void * __wrap_pvPortMalloc( size_t xSize )
{
    void * pv = __real_pvPortMalloc( xSize );

    if( ( xLogging != pdFALSE ) && ( pv != NULL ) )
    {
        if( ulLogCalls < ( sizeof( ulLogSizes ) / sizeof( ulLogSizes[ 0 ] ) ) )
        {
            ulLogSizes[ ulLogCalls ] = ( uint32_t ) xSize;
        }

        ulLogCalls++;
        ulLogBytes += ( uint32_t ) xSize;
    }

    return pv;
}

void __wrap_vPortFree( void * pv )
{
    if( ( xLogging != pdFALSE ) && ( pv != NULL ) )
    {
        ulLogFrees++;
    }

    __real_vPortFree( pv );
}

#if ( FP_WITH_STACK == 1 )
static void prvLogStart( void )
{
    ulLogCalls = 0;
    ulLogBytes = 0;
    ulLogFrees = 0;
    xLogging = pdTRUE;
}

static void prvLogStop( void )
{
    xLogging = pdFALSE;
}
#endif

/* ---------------------------------------------------------------- the stack part */

#if ( FP_WITH_STACK == 1 )

NetworkInterface_t * pxBench_FillInterfaceDescriptor( BaseType_t xEMACIndex,
                                                      NetworkInterface_t * pxInterface );

static NetworkInterface_t xInterface;
static NetworkEndPoint_t xEndPoint;
static const uint8_t ucIP[ 4 ] = { 10, 0, 2, 15 };
static const uint8_t ucMask[ 4 ] = { 255, 255, 255, 0 };
static const uint8_t ucGateway[ 4 ] = { 10, 0, 2, 2 };
static const uint8_t ucDNS[ 4 ] = { 10, 0, 2, 3 };
static const uint8_t ucMAC[ 6 ] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

/* Read at run time, never set: keeps the API calls below in the image (the
 * linker cannot drop them) without running them under QEMU, where the stub
 * driver has no peer. */
static volatile BaseType_t xExerciseApi = pdFALSE;

#define benchSOCKETS    8

void vApplicationIPNetworkEventHook_Multi( eIPCallbackEvent_t eNetworkEvent,
                                           struct xNetworkEndPoint * pxEndPoint )
{
    ( void ) eNetworkEvent;
    ( void ) pxEndPoint;
}

#if ( ipconfigUSE_DHCP == 1 ) && ( ipconfigUSE_DHCP_HOOK == 1 )
/* ipconfigUSE_DHCP_HOOK is on by default: the application answers each phase. */
eDHCPCallbackAnswer_t xApplicationDHCPHook_Multi( eDHCPCallbackPhase_t eDHCPPhase,
                                                  struct xNetworkEndPoint * pxEndPoint,
                                                  IP_Address_t * pxIPAddress )
{
    ( void ) eDHCPPhase;
    ( void ) pxEndPoint;
    ( void ) pxIPAddress;
    return eDHCPContinue;
}
#endif

BaseType_t xApplicationGetRandomNumber( uint32_t * pulNumber )
{
    static uint32_t ulState = 0x9E3779B9U;

    ulState ^= ulState << 13;
    ulState ^= ulState >> 17;
    ulState ^= ulState << 5;
    *pulNumber = ulState;
    return pdTRUE;
}

uint32_t ulApplicationGetNextSequenceNumber( uint32_t ulSourceAddress,
                                             uint16_t usSourcePort,
                                             uint32_t ulDestinationAddress,
                                             uint16_t usDestinationPort )
{
    uint32_t ulValue;

    ( void ) xApplicationGetRandomNumber( &ulValue );
    return ulValue ^ ulSourceAddress ^ ulDestinationAddress ^ ( ( uint32_t ) usSourcePort << 16 ) ^ usDestinationPort;
}

static void prvStartStack( void )
{
    ( void ) pxBench_FillInterfaceDescriptor( 0, &xInterface );
    FreeRTOS_FillEndPoint( &xInterface, &xEndPoint, ucIP, ucMask, ucGateway, ucDNS, ucMAC );
    configASSERT( FreeRTOS_IPInit_Multi() == pdPASS );
}

static void prvReport( const char * pcWhat, size_t xFreeBefore )
{
    uint32_t i;

    vBoardUartPuts( "FOOTPRINT " );
    vBoardUartPuts( pcWhat );
    prvPutPair( "calls", ulLogCalls );
    prvPutPair( "bytes", ulLogBytes );
    prvPutPair( "frees", ulLogFrees );
    prvPutPair( "heap_used", ( uint32_t ) ( xFreeBefore - xPortGetFreeHeapSize() ) );
    vBoardUartPuts( " sizes=" );

    for( i = 0; ( i < ulLogCalls ) && ( i < ( sizeof( ulLogSizes ) / sizeof( ulLogSizes[ 0 ] ) ) ); i++ )
    {
        if( i > 0U )
        {
            vBoardUartPuts( "," );
        }

        prvPutUnsigned( ulLogSizes[ i ] );
    }

    vBoardUartPuts( "\n" );
}

/* Heap taken by FreeRTOS_socket() for TCP sockets. */
static void prvMeasureSockets( void )
{
    Socket_t xSockets[ benchSOCKETS ];
    size_t xFree;
    int i;

    /* Let the stack settle after coming up (gratuitous ARP, timers). */
    for( i = 0; ( i < 200 ) && ( FreeRTOS_IsNetworkUp() == pdFALSE ); i++ )
    {
        vTaskDelay( pdMS_TO_TICKS( 10 ) );
    }

    vTaskDelay( pdMS_TO_TICKS( 200 ) );

    xFree = xPortGetFreeHeapSize();
    prvLogStart();
    xSockets[ 0 ] = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );
    prvLogStop();
    configASSERT( xSockets[ 0 ] != FREERTOS_INVALID_SOCKET );
    prvReport( "socket_first", xFree );

    /* Heap taken by FreeRTOS_socket() for a UDP socket, made while the
     * socket table still has free slots (after the first TCP socket made it),
     * so that the socket's own blocks are counted, not a growth of the table.
     * Closed at once: its slot and event group are then reused by the next
     * TCP socket (by design), which the "next7" figure shows. */
    {
        Socket_t xUdp;

        xFree = xPortGetFreeHeapSize();
        prvLogStart();
        xUdp = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_DGRAM, FREERTOS_IPPROTO_UDP );
        prvLogStop();
        configASSERT( xUdp != FREERTOS_INVALID_SOCKET );
        prvReport( "udp_socket", xFree );
        ( void ) FreeRTOS_closesocket( xUdp );
        vTaskDelay( pdMS_TO_TICKS( 50 ) );
    }


    xFree = xPortGetFreeHeapSize();
    prvLogStart();

    for( i = 1; i < benchSOCKETS; i++ )
    {
        xSockets[ i ] = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );
        configASSERT( xSockets[ i ] != FREERTOS_INVALID_SOCKET );
    }

    prvLogStop();
    prvReport( "socket_next7", xFree );

    /* Binding and listening allocate nothing more upstream; check here. */
    {
        struct freertos_sockaddr xAddress;

        ( void ) memset( &xAddress, 0, sizeof( xAddress ) );
        xAddress.sin_family = FREERTOS_AF_INET;
        xAddress.sin_port = FreeRTOS_htons( 80 );
        xFree = xPortGetFreeHeapSize();
        prvLogStart();
        configASSERT( FreeRTOS_bind( xSockets[ 0 ], &xAddress, sizeof( xAddress ) ) == 0 );
        configASSERT( FreeRTOS_listen( xSockets[ 0 ], 4 ) == 0 );
        prvLogStop();
        prvReport( "bind_listen", xFree );
    }

    xFree = xPortGetFreeHeapSize();

    for( i = 0; i < benchSOCKETS; i++ )
    {
        ( void ) FreeRTOS_closesocket( xSockets[ i ] );
    }

    vTaskDelay( pdMS_TO_TICKS( 200 ) );
    vBoardUartPuts( "FOOTPRINT closed" );
    prvPutPair( "heap_returned", ( uint32_t ) ( xPortGetFreeHeapSize() - xFree ) );
    vBoardUartPuts( "\n" );

    /* Stack the IP task and this (calling) task needed so far, in bytes. */
    vBoardUartPuts( "FOOTPRINT stacks" );
    prvPutPair( "ip_task_size", ( uint32_t ) ( ipconfigIP_TASK_STACK_SIZE_WORDS * sizeof( StackType_t ) ) );
    prvPutPair( "ip_task_used", ( uint32_t ) ( ( ipconfigIP_TASK_STACK_SIZE_WORDS - uxTaskGetStackHighWaterMark( FreeRTOS_GetIPTaskHandle() ) ) * sizeof( StackType_t ) ) );
    prvPutPair( "app_task_size", ( uint32_t ) ( benchAPP_STACK_WORDS * sizeof( StackType_t ) ) );
    prvPutPair( "app_task_used", ( uint32_t ) ( ( benchAPP_STACK_WORDS - uxTaskGetStackHighWaterMark( NULL ) ) * sizeof( StackType_t ) ) );
    vBoardUartPuts( "\n" );
}

/* What a typical application does with the API: a server and a client. */
static void prvExerciseApi( void )
{
    struct freertos_sockaddr xAddress;
    socklen_t xLength = sizeof( xAddress );
    TickType_t xTimeout = pdMS_TO_TICKS( 1000 );
    WinProperties_t xWin = { 4 * 1460, 2, 4 * 1460, 2 };
    BaseType_t xOn = pdTRUE;
    uint8_t ucBuffer[ 128 ];
    Socket_t xServer, xClient, xChild;
    uint32_t ulIP, ulMask, ulGW, ulDNS;

    FreeRTOS_GetEndPointConfiguration( &ulIP, &ulMask, &ulGW, &ulDNS, &xEndPoint );

    xServer = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );
    ( void ) FreeRTOS_setsockopt( xServer, 0, FREERTOS_SO_RCVTIMEO, &xTimeout, sizeof( xTimeout ) );
    ( void ) FreeRTOS_setsockopt( xServer, 0, FREERTOS_SO_SNDTIMEO, &xTimeout, sizeof( xTimeout ) );
    ( void ) FreeRTOS_setsockopt( xServer, 0, FREERTOS_SO_WIN_PROPERTIES, &xWin, sizeof( xWin ) );
    ( void ) FreeRTOS_setsockopt( xServer, 0, FREERTOS_SO_REUSE_LISTEN_SOCKET, &xOn, sizeof( xOn ) );
    ( void ) memset( &xAddress, 0, sizeof( xAddress ) );
    xAddress.sin_family = FREERTOS_AF_INET;
    xAddress.sin_port = FreeRTOS_htons( 80 );
    ( void ) FreeRTOS_bind( xServer, &xAddress, sizeof( xAddress ) );
    ( void ) FreeRTOS_listen( xServer, 4 );

    xClient = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );
    ( void ) FreeRTOS_setsockopt( xClient, 0, FREERTOS_SO_RCVBUF, &xWin.lRxBufSize, sizeof( xWin.lRxBufSize ) );
    ( void ) FreeRTOS_setsockopt( xClient, 0, FREERTOS_SO_SNDBUF, &xWin.lTxBufSize, sizeof( xWin.lTxBufSize ) );
    xAddress.sin_port = FreeRTOS_htons( 8080 );
    xAddress.sin_address.ulIP_IPv4 = FreeRTOS_inet_addr( "10.0.2.2" );

    if( FreeRTOS_connect( xClient, &xAddress, sizeof( xAddress ) ) == 0 )
    {
        ( void ) FreeRTOS_send( xClient, "GET / HTTP/1.0\r\n\r\n", 18, 0 );

        while( FreeRTOS_recv( xClient, ucBuffer, sizeof( ucBuffer ), 0 ) > 0 )
        {
        }

        ( void ) FreeRTOS_shutdown( xClient, FREERTOS_SHUT_RDWR );
    }

    ( void ) FreeRTOS_closesocket( xClient );

    xChild = FreeRTOS_accept( xServer, &xAddress, &xLength );

    if( ( xChild != NULL ) && ( xChild != FREERTOS_INVALID_SOCKET ) )
    {
        BaseType_t xGot = FreeRTOS_recv( xChild, ucBuffer, sizeof( ucBuffer ), 0 );

        if( ( xGot > 0 ) && ( FreeRTOS_issocketconnected( xChild ) == pdTRUE ) &&
            ( FreeRTOS_tx_space( xChild ) > xGot ) && ( FreeRTOS_maywrite( xChild ) > 0 ) )
        {
            ( void ) FreeRTOS_send( xChild, ucBuffer, ( size_t ) xGot, 0 );
        }

        ( void ) FreeRTOS_GetRemoteAddress( xChild, &xAddress );
        ( void ) FreeRTOS_GetLocalAddress( xChild, &xAddress );
        prvPutPair( "rx", ( uint32_t ) FreeRTOS_rx_size( xChild ) );
        prvPutPair( "tx", ( uint32_t ) FreeRTOS_tx_size( xChild ) );
        prvPutPair( "mss", ( uint32_t ) FreeRTOS_mss( xChild ) );
        prvPutPair( "state", ( uint32_t ) FreeRTOS_connstatus( xChild ) );
        ( void ) FreeRTOS_shutdown( xChild, FREERTOS_SHUT_RDWR );
        ( void ) FreeRTOS_closesocket( xChild );
    }

    FreeRTOS_netstat();
    ( void ) FreeRTOS_closesocket( xServer );

    /* UDP: a request/answer exchange with a server found by name. */
    {
        Socket_t xUdp = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_DGRAM, FREERTOS_IPPROTO_UDP );
        #if ( ipconfigUSE_DNS == 1 )
            uint32_t ulServer = FreeRTOS_gethostbyname( "ntp.example.org" );
        #else
            uint32_t ulServer = FreeRTOS_inet_addr( "10.0.2.2" );
        #endif

        ( void ) FreeRTOS_setsockopt( xUdp, 0, FREERTOS_SO_RCVTIMEO, &xTimeout, sizeof( xTimeout ) );
        ( void ) memset( &xAddress, 0, sizeof( xAddress ) );
        xAddress.sin_family = FREERTOS_AF_INET;
        xAddress.sin_port = FreeRTOS_htons( 5000 );
        ( void ) FreeRTOS_bind( xUdp, &xAddress, sizeof( xAddress ) );
        xAddress.sin_port = FreeRTOS_htons( 123 );
        xAddress.sin_address.ulIP_IPv4 = ulServer;

        if( ( ulServer != 0U ) &&
            ( FreeRTOS_sendto( xUdp, ucBuffer, 48, 0, &xAddress, sizeof( xAddress ) ) > 0 ) )
        {
            xLength = sizeof( xAddress );
            prvPutPair( "udp", ( uint32_t ) FreeRTOS_recvfrom( xUdp, ucBuffer, sizeof( ucBuffer ), 0, &xAddress, &xLength ) );
        }

        ( void ) FreeRTOS_closesocket( xUdp );
    }
}

#endif /* FP_WITH_STACK == 1 */

/* ---------------------------------------------------------------- the program */

static void prvAppTask( void * pvParameters )
{
    ( void ) pvParameters;

    vBoardUartPuts( "FOOTPRINT start\n" );

    #if ( FP_WITH_STACK == 1 )
        prvMeasureSockets();

        if( xExerciseApi != pdFALSE )
        {
            prvExerciseApi();
        }
    #endif

    vBoardUartPuts( "FOOTPRINT done\n" );
    vBoardExit( 0 );
}

int main( void )
{
    vBoardUartInit();

    #if ( FP_WITH_STACK == 1 )
        prvStartStack();
    #endif

    configASSERT( xTaskCreate( prvAppTask, "app", benchAPP_STACK_WORDS, NULL, tskIDLE_PRIORITY + 1, NULL ) == pdPASS );
    vTaskStartScheduler();
    vBoardExit( 2 );
}
