/*
 * main() of every C test program: brings the stack up on the TAP device,
 * waits for eNetworkUp, runs the test file's vRunTests() in a FreeRTOS task
 * under Unity, and exits with Unity's failure count. See fptcp_test.h.
 *
 * Built once per test program, with FPTCP_TEST_SOURCE set to the test file's
 * path (Unity reports failures against it). With
 * ipconfigIPv4_BACKWARD_COMPATIBLE == 1 it starts the stack through the V3
 * call FreeRTOS_IPInit() instead of FreeRTOS_IPInit_Multi().
 */
#define _GNU_SOURCE

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "FreeRTOS.h"
#include "task.h"
#include "semphr.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"
#include "FreeRTOS_Routing.h"

#include "tap_interface.h"
#include "fptcp_test.h"
#include "host_settings.h"

#ifndef FPTCP_TEST_SOURCE
    #define FPTCP_TEST_SOURCE    __FILE__
#endif

#define harnessRUNNER_PRIORITY    ( tskIDLE_PRIORITY + 1 )

/* ------------------------------------------------------------ state */

static HostSettings_t xSettings;
static const uint8_t ucDNS[ 4 ] = { 0, 0, 0, 0 };

#if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 0 )
    static NetworkInterface_t xInterface;
    static NetworkEndPoint_t xEndPoint;
#endif

static NetworkEndPoint_t * pxUpEndPoint = NULL;
static SemaphoreHandle_t xNetworkUp = NULL;

/* ------------------------------------------------------------ output */

/* Unity's output: one line at a time, written inside a critical section so
 * that no task is switched out while holding the stdio lock. Only the unity
 * task writes through it. */
static char cUnityLine[ 512 ];
static size_t uxUnityLineLength = 0;

static void prvFlushUnityLine( void )
{
    portENTER_CRITICAL();
    ( void ) fwrite( cUnityLine, 1, uxUnityLineLength, stdout );
    ( void ) fflush( stdout );
    portEXIT_CRITICAL();
    uxUnityLineLength = 0;
}

void vFptcpTestPutChar( int c )
{
    cUnityLine[ uxUnityLineLength++ ] = ( char ) c;

    if( ( c == '\n' ) || ( uxUnityLineLength == sizeof( cUnityLine ) ) )
    {
        prvFlushUnityLine();
    }
}

void vFptcpTestPrintf( const char * pcFormat,
                       ... )
{
    va_list xArgs;

    va_start( xArgs, pcFormat );
    portENTER_CRITICAL();
    ( void ) vprintf( pcFormat, xArgs );
    ( void ) fflush( stdout );
    portEXIT_CRITICAL();
    va_end( xArgs );
}

/* Ends the process from a task. The critical section keeps the tick signal
 * away, so the scheduler cannot switch this thread out half-way through
 * exit(); the other FreeRTOS threads are parked and simply vanish. */
static void prvExit( int iStatus ) __attribute__( ( noreturn ) );

static void prvExit( int iStatus )
{
    if( uxUnityLineLength > 0U )
    {
        prvFlushUnityLine();
    }

    portENTER_CRITICAL();
    ( void ) fflush( stdout );
    ( void ) fflush( stderr );
    exit( ( iStatus < 0 ) ? 1 : ( ( iStatus > 255 ) ? 255 : iStatus ) );
}

/* Weak Unity fixtures: test files define their own when they need them. */
__attribute__( ( weak ) ) void setUp( void )
{
}

__attribute__( ( weak ) ) void tearDown( void )
{
}

/* ------------------------------------------------------------ settings */

uint32_t ulFptcpTestOwnIP( void )
{
    uint32_t ul;

    ( void ) memcpy( &ul, xSettings.ucIP, 4 );
    return ul;
}

uint32_t ulFptcpTestNetMask( void )
{
    uint32_t ul;

    ( void ) memcpy( &ul, xSettings.ucNetMask, 4 );
    return ul;
}

uint32_t ulFptcpTestPeerIP( void )
{
    uint32_t ul;

    ( void ) memcpy( &ul, xSettings.ucGateway, 4 );
    return ul;
}

NetworkEndPoint_t * pxFptcpTestEndPoint( void )
{
    return pxUpEndPoint;
}

/* ------------------------------------------------------------ hooks */

volatile uint32_t ulFptcpTestNetworkUps = 0;
volatile uint32_t ulFptcpTestNetworkDowns = 0;

static void prvNetworkEvent( eIPCallbackEvent_t eEvent,
                             NetworkEndPoint_t * pxEndPoint )
{
    if( eEvent == eNetworkUp )
    {
        ulFptcpTestNetworkUps++;
        pxUpEndPoint = pxEndPoint;
        ( void ) xSemaphoreGive( xNetworkUp );
    }
    else
    {
        ulFptcpTestNetworkDowns++;
        FreeRTOS_printf( ( "test harness: network down event\n" ) );
    }
}

#if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )
    void vApplicationIPNetworkEventHook( eIPCallbackEvent_t eNetworkEvent )
    {
        prvNetworkEvent( eNetworkEvent, FreeRTOS_FirstEndPoint( NULL ) );
    }
#else
    void vApplicationIPNetworkEventHook_Multi( eIPCallbackEvent_t eNetworkEvent,
                                               struct xNetworkEndPoint * pxEndPoint )
    {
        prvNetworkEvent( eNetworkEvent, pxEndPoint );
    }
#endif

/* ------------------------------------------------------------ the run */

static void prvRunner( void * pvArg )
{
    const char * pcTimeout = pcHostEnv( "FPTCP_UP_TIMEOUT_MS", "10000" );
    long lTimeoutMs = strtol( pcTimeout, NULL, 10 );
    int iFailures;

    ( void ) pvArg;

    if( lTimeoutMs <= 0 )
    {
        lTimeoutMs = 10000;
    }

    if( xSemaphoreTake( xNetworkUp, pdMS_TO_TICKS( lTimeoutMs ) ) != pdTRUE )
    {
        vFptcpTestPrintf( "test harness: FAILED: no eNetworkUp within %ld ms (TAP device '%s')\n",
                          lTimeoutMs, pcHostEnv( "FPTCP_TAP", "tap0" ) );
        vTap_PrintStats();
        prvExit( 1 );
    }

    vFptcpTestPrintf( "test harness: network up, %u.%u.%u.%u, running %s\n",
                      xSettings.ucIP[ 0 ], xSettings.ucIP[ 1 ], xSettings.ucIP[ 2 ], xSettings.ucIP[ 3 ], FPTCP_TEST_SOURCE );

    UnityBegin( FPTCP_TEST_SOURCE );
    vRunTests();
    iFailures = UnityEnd();

    vTap_PrintStats();
    prvExit( iFailures );
}

int main( void )
{
    TaskHandle_t xRunner = NULL;

    vHostReadSettings( &xSettings, "test harness", 1 );
    vFptcpHooksInit();

    xNetworkUp = xSemaphoreCreateBinary();
    configASSERT( xNetworkUp != NULL );

    #if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )
        if( FreeRTOS_IPInit( xSettings.ucIP, xSettings.ucNetMask, xSettings.ucGateway, ucDNS, xSettings.ucMAC ) != pdPASS )
        {
            ( void ) fprintf( stderr, "test harness: FreeRTOS_IPInit() failed\n" );
            return 1;
        }
    #else
        if( pxTap_FillInterfaceDescriptor( 0, &xInterface ) == NULL )
        {
            ( void ) fprintf( stderr, "test harness: pxTap_FillInterfaceDescriptor() failed\n" );
            return 1;
        }

        FreeRTOS_FillEndPoint( &xInterface, &xEndPoint, xSettings.ucIP, xSettings.ucNetMask, xSettings.ucGateway, ucDNS, xSettings.ucMAC );

        #if ( ipconfigUSE_DHCP != 0 )
            /* The DHCP build (config/posix-dhcp): the settings above are the
             * static fallback; eNetworkUp comes with the lease. */
            xEndPoint.bits.bWantDHCP = pdTRUE;
        #endif

        if( FreeRTOS_IPInit_Multi() != pdPASS )
        {
            ( void ) fprintf( stderr, "test harness: FreeRTOS_IPInit_Multi() failed\n" );
            return 1;
        }
    #endif /* if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 ) */

    if( xTaskCreate( prvRunner, "unity", configMINIMAL_STACK_SIZE, NULL,
                     harnessRUNNER_PRIORITY, &xRunner ) != pdPASS )
    {
        ( void ) fprintf( stderr, "test harness: cannot create the unity task\n" );
        return 1;
    }

    vTaskStartScheduler();

    ( void ) fprintf( stderr, "test harness: the scheduler returned\n" );
    return 1;
}
