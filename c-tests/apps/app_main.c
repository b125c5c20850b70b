/*
 * main() and shared services of the end-to-end applications; see
 * app_common.h.
 */
#define _GNU_SOURCE

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "FreeRTOS.h"
#include "task.h"
#include "semphr.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"
#include "FreeRTOS_Routing.h"
#include "NetworkBufferManagement.h"

#include "tap_interface.h"
#include "app_common.h"
#include "host_settings.h"

/* From c-tests/support/hooks.c (random numbers, RFC 6528 ISNs). */
void vFptcpHooksInit( void );

#if ( ipconfigIPv4_BACKWARD_COMPATIBLE != 0 )
    #error "the end-to-end applications use the V4 start-up (FreeRTOS_IPInit_Multi)"
#endif

/* ---------------------------------------------------------------- state */

static HostSettings_t xSettings;
static const uint8_t ucDNS[ 4 ] = { 0, 0, 0, 0 };

static NetworkInterface_t xInterface;
static NetworkEndPoint_t xEndPoint;

static SemaphoreHandle_t xNetworkUp = NULL;
static SemaphoreHandle_t xNetstatLock = NULL;
static uint32_t ulNetstatSeq = 0;

/* ---------------------------------------------------------------- output */

void vAppPrintf( const char * pcFormat,
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

void vAppExit( int iStatus )
{
    /* Inside a critical section the tick cannot switch this thread out
     * half-way through exit(); the other task threads just vanish. */
    portENTER_CRITICAL();
    ( void ) fflush( stdout );
    ( void ) fflush( stderr );
    exit( iStatus );
}

/* ---------------------------------------------------------------- helpers */

uint32_t ulAppOwnIP( void )
{
    uint32_t ulIP;

    ( void ) memcpy( &ulIP, xSettings.ucIP, sizeof( ulIP ) );
    return ulIP;
}

uint32_t ulAppPeerIP( void )
{
    uint32_t ulIP;

    ( void ) memcpy( &ulIP, xSettings.ucGateway, sizeof( ulIP ) );
    return ulIP;
}

double dAppWallSeconds( void )
{
    struct timespec xNow;

    ( void ) clock_gettime( CLOCK_MONOTONIC, &xNow );
    return ( double ) xNow.tv_sec + ( double ) xNow.tv_nsec * 1e-9;
}

void vAppPatternFill( uint64_t ullOffset,
                      uint8_t * pucOut,
                      size_t uxLength )
{
    size_t i;

    for( i = 0; i < uxLength; i++ )
    {
        uint64_t ullIndex = ullOffset + i;
        uint32_t ulWord = ( uint32_t ) ( ( ullIndex >> 2 ) * 0x9E3779B1ULL + 0x7F4A7C15ULL );

        pucOut[ i ] = ( uint8_t ) ( ulWord >> ( 8U * ( unsigned ) ( ullIndex & 3U ) ) );
    }
}

BaseType_t xAppParseUnsigned( const char * pcText,
                              uint64_t ullMax,
                              uint64_t * pullOut )
{
    uint64_t ullValue = 0;
    const char * pc = pcText;

    if( ( pcText == NULL ) || ( *pcText == '\0' ) )
    {
        return pdFAIL;
    }

    for( ; *pc != '\0'; pc++ )
    {
        unsigned uxDigit;

        if( ( *pc < '0' ) || ( *pc > '9' ) )
        {
            return pdFAIL;
        }

        uxDigit = ( unsigned ) ( *pc - '0' );

        if( ullValue > ( ullMax - uxDigit ) / 10U )
        {
            return pdFAIL;
        }

        ullValue = ullValue * 10U + uxDigit;
    }

    *pullOut = ullValue;
    return pdPASS;
}

/* ---------------------------------------------------------------- netstat */

static void prvPrintBufs( void )
{
    vAppPrintf( "BUFS | free=%u min_ever=%u total=%u\n",
                ( unsigned ) uxGetNumberOfFreeNetworkBuffers(),
                ( unsigned ) uxGetMinimumFreeNetworkBuffers(),
                ( unsigned ) ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS );
}

void vAppNetstat( const char * pcReason )
{
    uint32_t ulSeq;

    if( xSemaphoreTake( xNetstatLock, portMAX_DELAY ) != pdTRUE )
    {
        vAppPrintf( "APP error: netstat lock\n" );
        return;
    }

    ulSeq = ++ulNetstatSeq;
    vAppPrintf( "NETSTAT-BEGIN seq=%lu tick=%lu reason=%s\n", ( unsigned long ) ulSeq,
                ( unsigned long ) xTaskGetTickCount(), pcReason );
    /* The IP task prints the table; it runs above this task's priority, so
     * it has normally printed before the delay below is over. */
    FreeRTOS_netstat();
    vTaskDelay( pdMS_TO_TICKS( 100 ) );
    prvPrintBufs();
    vAppPrintf( "NETSTAT-END seq=%lu\n", ( unsigned long ) ulSeq );
    ( void ) xSemaphoreGive( xNetstatLock );
}

/* ---------------------------------------------------------------- control channel */

static int iControlFd = -1;
static AppControlHandler_t pxControlExtra = NULL;

static void prvControlLine( const char * pcLine )
{
    if( strcmp( pcLine, "netstat" ) == 0 )
    {
        vAppNetstat( "control" );
    }
    else if( strcmp( pcLine, "bufs" ) == 0 )
    {
        prvPrintBufs();
    }
    else if( strcmp( pcLine, "tapstats" ) == 0 )
    {
        vTap_PrintStats();
    }
    else if( strcmp( pcLine, "metrics" ) == 0 )
    {
        vAppMetrics();
    }
    else if( strcmp( pcLine, "quit" ) == 0 )
    {
        vAppPrintf( "APP quit\n" );
        vAppExit( 0 );
    }
    else if( pxControlExtra != NULL )
    {
        pxControlExtra( pcLine );
    }
    else
    {
        vAppPrintf( "CONTROL unknown '%s'\n", pcLine );
    }
}

static void prvControlTask( void * pvArg )
{
    char cLine[ 128 ];
    size_t uxFill = 0;
    int iDropping = 0;

    ( void ) pvArg;

    for( ; ; )
    {
        char cChunk[ 64 ];
        ssize_t xGot = read( iControlFd, cChunk, sizeof( cChunk ) );

        if( xGot <= 0 )
        {
            /* Nothing there (EAGAIN), or no writer at the moment (0). */
            vTaskDelay( pdMS_TO_TICKS( 20 ) );
            continue;
        }

        for( ssize_t i = 0; i < xGot; i++ )
        {
            char c = cChunk[ i ];

            if( c == '\n' )
            {
                cLine[ uxFill ] = '\0';

                if( ( iDropping == 0 ) && ( uxFill > 0U ) )
                {
                    prvControlLine( cLine );
                }

                uxFill = 0;
                iDropping = 0;
            }
            else if( c == '\r' )
            {
                /* ignored */
            }
            else if( uxFill < sizeof( cLine ) - 1U )
            {
                cLine[ uxFill++ ] = c;
            }
            else
            {
                iDropping = 1; /* over-long line: ignored as a whole */
            }
        }
    }
}

BaseType_t xAppStartControl( const char * pcFifoPath,
                             AppControlHandler_t pxExtra )
{
    /* O_RDWR keeps a writer on the FIFO, so reads never report end of file
     * between two commands; O_NONBLOCK because a task must not block in a
     * system call (the control task polls instead). */
    iControlFd = open( pcFifoPath, O_RDWR | O_NONBLOCK | O_CLOEXEC );

    if( iControlFd < 0 )
    {
        vAppPrintf( "APP error: cannot open control FIFO '%s': %s\n", pcFifoPath, strerror( errno ) );
        return pdFAIL;
    }

    pxControlExtra = pxExtra;

    if( xTaskCreate( prvControlTask, "control", configMINIMAL_STACK_SIZE, NULL,
                     appTASK_PRIORITY, NULL ) != pdPASS )
    {
        vAppPrintf( "APP error: cannot create the control task\n" );
        return pdFAIL;
    }

    return pdPASS;
}

static void prvPeriodicNetstatTask( void * pvArg )
{
    const TickType_t xPeriod = pdMS_TO_TICKS( ( uint32_t ) ( uintptr_t ) pvArg );
    TickType_t xLastWake = xTaskGetTickCount();

    for( ; ; )
    {
        vTaskDelayUntil( &xLastWake, ( xPeriod > 0U ) ? xPeriod : 1U );
        vAppNetstat( "periodic" );
    }
}

BaseType_t xAppStartPeriodicNetstat( uint32_t ulPeriodMs )
{
    if( xTaskCreate( prvPeriodicNetstatTask, "netstat", configMINIMAL_STACK_SIZE,
                     ( void * ) ( uintptr_t ) ulPeriodMs, appTASK_PRIORITY, NULL ) != pdPASS )
    {
        vAppPrintf( "APP error: cannot create the netstat task\n" );
        return pdFAIL;
    }

    return pdPASS;
}

/* ---------------------------------------------------------------- start-up */

void vApplicationIPNetworkEventHook_Multi( eIPCallbackEvent_t eNetworkEvent,
                                           struct xNetworkEndPoint * pxEndPoint )
{
    ( void ) pxEndPoint;

    if( eNetworkEvent == eNetworkUp )
    {
        ( void ) xSemaphoreGive( xNetworkUp );
    }
    else
    {
        FreeRTOS_printf( ( "APP network down event\n" ) );
    }
}

static void prvAppTask( void * pvArg )
{
    uint64_t ullTimeoutMs = 10000;

    ( void ) pvArg;

    if( ( xAppParseUnsigned( pcHostEnv( "FPTCP_UP_TIMEOUT_MS", "10000" ), 3600000U, &ullTimeoutMs ) != pdPASS ) ||
        ( ullTimeoutMs == 0U ) )
    {
        ullTimeoutMs = 10000;
    }

    if( xSemaphoreTake( xNetworkUp, pdMS_TO_TICKS( ullTimeoutMs ) ) != pdTRUE )
    {
        vAppPrintf( "APP error: no eNetworkUp within %lu ms (TAP '%s')\n",
                    ( unsigned long ) ullTimeoutMs, pcHostEnv( "FPTCP_TAP", "tap0" ) );
        vTap_PrintStats();
        vAppExit( 1 );
    }

    vAppPrintf( "APP up ip=%u.%u.%u.%u tap=%s tick=%lu\n",
                xSettings.ucIP[ 0 ], xSettings.ucIP[ 1 ], xSettings.ucIP[ 2 ], xSettings.ucIP[ 3 ],
                pcHostEnv( "FPTCP_TAP", "tap0" ), ( unsigned long ) xTaskGetTickCount() );

    vAppRun();

    vAppPrintf( "APP end\n" );
    vAppExit( 0 );
}

int main( int argc,
          char ** argv )
{
    if( xAppParseArgs( argc, argv ) != pdPASS )
    {
        ( void ) fprintf( stderr, "usage: %s %s\n", argv[ 0 ], pcAppUsage );
        return 2;
    }

    vHostReadSettings( &xSettings, "app", 2 );
    vFptcpHooksInit();

    xNetworkUp = xSemaphoreCreateBinary();
    xNetstatLock = xSemaphoreCreateMutex();

    if( ( xNetworkUp == NULL ) || ( xNetstatLock == NULL ) )
    {
        ( void ) fprintf( stderr, "app: cannot create semaphores\n" );
        return 1;
    }

    if( pxTap_FillInterfaceDescriptor( 0, &xInterface ) == NULL )
    {
        ( void ) fprintf( stderr, "app: pxTap_FillInterfaceDescriptor() failed\n" );
        return 1;
    }

    FreeRTOS_FillEndPoint( &xInterface, &xEndPoint, xSettings.ucIP, xSettings.ucNetMask, xSettings.ucGateway, ucDNS, xSettings.ucMAC );

    if( FreeRTOS_IPInit_Multi() != pdPASS )
    {
        ( void ) fprintf( stderr, "app: FreeRTOS_IPInit_Multi() failed\n" );
        return 1;
    }

    if( xTaskCreate( prvAppTask, "app", configMINIMAL_STACK_SIZE, NULL, appTASK_PRIORITY, NULL ) != pdPASS )
    {
        ( void ) fprintf( stderr, "app: cannot create the app task\n" );
        return 1;
    }

    vTaskStartScheduler();

    ( void ) fprintf( stderr, "app: the scheduler returned\n" );
    return 1;
}
