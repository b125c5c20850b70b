/*
 * Host example: FreeRTOS (POSIX port) + FreeRTOS+TCP with the POSIX network
 * interface, a TCP echo server on port 7 (../common), address 192.0.2.10/24.
 * Written against the FreeRTOS+TCP V4 API only; see ../README.md.
 *
 * With this library the POSIX interface is a Linux TAP device: run the
 * program where $FPTCP_TAP (default tap0) exists, e.g. in a network
 * namespace (examples/build.sh does).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/random.h>

#include "FreeRTOS.h"
#include "task.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_Routing.h"

#include "echo_server.h"

/* The POSIX network driver's descriptor function (FREERTOS_PLUS_TCP_NETWORK_IF
 * POSIX). */
NetworkInterface_t * pxLinux_FillInterfaceDescriptor( BaseType_t xEMACIndex,
                                                      NetworkInterface_t * pxInterface );

static const uint8_t ucIPAddress[ 4 ] = { 192, 0, 2, 10 };
static const uint8_t ucNetMask[ 4 ] = { 255, 255, 255, 0 };
static const uint8_t ucGateway[ 4 ] = { 192, 0, 2, 1 };
static const uint8_t ucDNSServer[ 4 ] = { 0, 0, 0, 0 };
static const uint8_t ucMACAddress[ 6 ] = { 0x02, 0x00, 0x5e, 0x00, 0x02, 0x0a };

static NetworkInterface_t xInterface;
static NetworkEndPoint_t xEndPoint;

int main( void )
{
    setvbuf( stdout, NULL, _IOLBF, 0 );
    vExamplePrintf( "host example: FreeRTOS+TCP %s, POSIX interface\n", ipFR_TCP_VERSION_NUMBER );

    ( void ) pxLinux_FillInterfaceDescriptor( 0, &xInterface );
    FreeRTOS_FillEndPoint( &xInterface, &xEndPoint, ucIPAddress, ucNetMask, ucGateway, ucDNSServer, ucMACAddress );

    if( FreeRTOS_IPInit_Multi() != pdPASS )
    {
        vExamplePrintf( "FreeRTOS_IPInit_Multi failed\n" );
        return 1;
    }

    vTaskStartScheduler();
    return 2;
}

/* One line at a time, inside a critical section: on the POSIX port no task
 * may be switched out while it holds stdio's lock. */
void vExamplePrintf( const char * pcFormat, ... )
{
    va_list xArgs;

    va_start( xArgs, pcFormat );
    portENTER_CRITICAL();
    ( void ) vprintf( pcFormat, xArgs );
    ( void ) fflush( stdout );
    portEXIT_CRITICAL();
    va_end( xArgs );
}

uint32_t ulExampleRandom( void )
{
    uint32_t ulValue = 0;

    configASSERT( getrandom( &ulValue, sizeof( ulValue ), 0 ) == ( ssize_t ) sizeof( ulValue ) );
    return ulValue;
}
