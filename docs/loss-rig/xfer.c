/* Side-by-side bulk transfer (issue #8 loss measurement): the DUT listens on
 * 10.99.0.2:5201, accepts one connection, then receives until the peer
 * closes (XFER_MODE=recv) or sends XFER_BYTES and shuts down (send).
 * Prints "RESULT mode=.. bytes=N secs=S mib_s=R" (CLOCK_MONOTONIC from the
 * first byte moved to the end) and exits. Written for this measurement;
 * built on upstream (A) and on the project (B) by shared/side-by-side. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <time.h>
#include <sys/random.h>

#include "FreeRTOS.h"
#include "task.h"
#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"
#include "FreeRTOS_Routing.h"

NetworkInterface_t * pxLinux_FillInterfaceDescriptor( BaseType_t xEMACIndex,
                                                      NetworkInterface_t * pxInterface );

static NetworkInterface_t xInterface;
static NetworkEndPoint_t xEndPoint;
static uint8_t ucBuf[ 16384 ];

static double prvNow( void )
{
    struct timespec t;
    clock_gettime( CLOCK_MONOTONIC, &t );
    return ( double ) t.tv_sec + ( double ) t.tv_nsec / 1e9;
}

static void prvServer( void * pv )
{
    const char * pcMode = getenv( "XFER_MODE" );
    int iSend = ( pcMode != NULL ) && ( strcmp( pcMode, "send" ) == 0 );
    unsigned long long ullWant = ( getenv( "XFER_BYTES" ) != NULL ) ? strtoull( getenv( "XFER_BYTES" ), NULL, 10 ) : 0;
    unsigned long long ullDone = 0;
    struct freertos_sockaddr xAddr;
    Socket_t xL, xS;
    TickType_t xTimeout = pdMS_TO_TICKS( 20000 );
    double dStart = 0, dEnd;
    socklen_t xLen = sizeof( xAddr );

    ( void ) pv;
    memset( ucBuf, 'x', sizeof( ucBuf ) );
    xL = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );
    memset( &xAddr, 0, sizeof( xAddr ) );
    xAddr.sin_family = FREERTOS_AF_INET;
    xAddr.sin_port = FreeRTOS_htons( 5201 );
    FreeRTOS_bind( xL, &xAddr, sizeof( xAddr ) );
    FreeRTOS_setsockopt( xL, 0, FREERTOS_SO_RCVTIMEO, &xTimeout, sizeof( xTimeout ) );
    FreeRTOS_setsockopt( xL, 0, FREERTOS_SO_SNDTIMEO, &xTimeout, sizeof( xTimeout ) );
    FreeRTOS_listen( xL, 1 );
    printf( "XFER listening\n" );
    fflush( stdout );
    do
    {
        xS = FreeRTOS_accept( xL, &xAddr, &xLen );
    } while( xS == NULL );

    if( iSend )
    {
        dStart = prvNow();
        while( ullDone < ullWant )
        {
            size_t n = sizeof( ucBuf );
            BaseType_t r;
            if( ullWant - ullDone < n )
            {
                n = ( size_t ) ( ullWant - ullDone );
            }
            r = FreeRTOS_send( xS, ucBuf, n, 0 );
            if( r <= 0 )
            {
                printf( "send returned %ld\n", ( long ) r );
                break;
            }
            ullDone += ( unsigned long long ) r;
        }
        FreeRTOS_shutdown( xS, FREERTOS_SHUT_RDWR );
        while( FreeRTOS_recv( xS, ucBuf, sizeof( ucBuf ), 0 ) >= 0 )
        {
        }
    }
    else
    {
        for( ; ; )
        {
            BaseType_t r = FreeRTOS_recv( xS, ucBuf, sizeof( ucBuf ), 0 );
            if( r > 0 )
            {
                if( ullDone == 0 )
                {
                    dStart = prvNow();
                }
                ullDone += ( unsigned long long ) r;
            }
            else if( r < 0 )
            {
                break;
            }
        }
    }
    dEnd = prvNow();
    printf( "RESULT mode=%s bytes=%llu secs=%.3f mib_s=%.2f\n", iSend ? "send" : "recv", ullDone,
            dEnd - dStart, ( double ) ullDone / 1048576.0 / ( dEnd - dStart ) );
    fflush( stdout );
    FreeRTOS_closesocket( xS );
    exit( 0 );
}

void vApplicationIPNetworkEventHook_Multi( eIPCallbackEvent_t eNetworkEvent,
                                           struct xNetworkEndPoint * pxEndPoint )
{
    static int iDone = 0;
    ( void ) pxEndPoint;
    if( ( eNetworkEvent == eNetworkUp ) && !iDone )
    {
        iDone = 1;
        xTaskCreate( prvServer, "srv", 2000, NULL, tskIDLE_PRIORITY + 1, NULL );
    }
}

int main( void )
{
    static const uint8_t ip[ 4 ] = { 10, 99, 0, 2 }, mask[ 4 ] = { 255, 255, 255, 0 };
    static const uint8_t gw[ 4 ] = { 10, 99, 0, 1 }, dns[ 4 ] = { 10, 99, 0, 1 };
    static const uint8_t mac[ 6 ] = { 0x02, 0, 0, 0x99, 0, 0x02 };
    setvbuf( stdout, NULL, _IOLBF, 0 );
    pxLinux_FillInterfaceDescriptor( 0, &xInterface );
    FreeRTOS_FillEndPoint( &xInterface, &xEndPoint, ip, mask, gw, dns, mac );
    FreeRTOS_IPInit_Multi();
    vTaskStartScheduler();
    return 1;
}

void vAssertCalled( const char * f, unsigned long l )
{
    printf( "ASSERT %s:%lu\n", f, l );
    abort();
}

void vLoggingPrintf( const char * fmt, ... )
{
    va_list a;
    va_start( a, fmt );
    vprintf( fmt, a );
    va_end( a );
}

BaseType_t xApplicationGetRandomNumber( uint32_t * p )
{
    return ( getrandom( p, sizeof( *p ), 0 ) == sizeof( *p ) ) ? pdTRUE : pdFALSE;
}

uint32_t ulApplicationGetNextSequenceNumber( uint32_t a, uint16_t b, uint32_t c, uint16_t d )
{
    uint32_t r = 0;
    ( void ) a; ( void ) b; ( void ) c; ( void ) d;
    ( void ) getrandom( &r, sizeof( r ), 0 );
    return r;
}

void vApplicationIdleHook( void )
{
}

void vApplicationMallocFailedHook( void )
{
    printf( "malloc failed\n" );
    abort();
}

/* heap_3 has no statistics; upstream's resource printing asks for them. */
size_t xPortGetFreeHeapSize( void )
{
    return 0;
}

size_t xPortGetMinimumEverFreeHeapSize( void )
{
    return 0;
}
