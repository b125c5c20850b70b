/*
 * Example firmware for QEMU mps2-an386: FreeRTOS + FreeRTOS+TCP with the
 * MPS2 LAN9118 driver, a TCP echo server on port 7 (../common). Written
 * against the FreeRTOS+TCP V4 API only; see ../README.md.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

#include "FreeRTOS.h"
#include "task.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_Routing.h"

#include "echo_server.h"

/* The MPS2 network driver's descriptor function (FREERTOS_PLUS_TCP_NETWORK_IF
 * MPS2_AN385). */
NetworkInterface_t * pxMPS2_FillInterfaceDescriptor( BaseType_t xEMACIndex,
                                                     NetworkInterface_t * pxInterface );

void vBspUartInit( void );
void vBspExit( int iStatus ) __attribute__( ( noreturn ) );

static const uint8_t ucIPAddress[ 4 ] = { 10, 0, 2, 15 };
static const uint8_t ucNetMask[ 4 ] = { 255, 255, 255, 0 };
static const uint8_t ucGateway[ 4 ] = { 10, 0, 2, 2 };
static const uint8_t ucDNSServer[ 4 ] = { 10, 0, 2, 3 };
static const uint8_t ucMACAddress[ 6 ] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

static NetworkInterface_t xInterface;
static NetworkEndPoint_t xEndPoint;

int main( void )
{
    vBspUartInit();
    vExamplePrintf( "example firmware: FreeRTOS+TCP %s on mps2-an386\n", ipFR_TCP_VERSION_NUMBER );

    ( void ) pxMPS2_FillInterfaceDescriptor( 0, &xInterface );
    FreeRTOS_FillEndPoint( &xInterface, &xEndPoint, ucIPAddress, ucNetMask, ucGateway, ucDNSServer, ucMACAddress );

    if( FreeRTOS_IPInit_Multi() != pdPASS )
    {
        vExamplePrintf( "FreeRTOS_IPInit_Multi failed\n" );
        return 1;
    }

    vTaskStartScheduler();
    return 2;
}

void vExamplePrintf( const char * pcFormat, ... )
{
    va_list xArgs;

    va_start( xArgs, pcFormat );
    vTaskSuspendAll();
    ( void ) vprintf( pcFormat, xArgs );
    ( void ) fflush( stdout );
    ( void ) xTaskResumeAll();
    va_end( xArgs );
}

/* Not a cryptographic generator: the board has no entropy source. A product
 * feeds a TRNG here. */
uint32_t ulExampleRandom( void )
{
    static uint32_t ulState = 0x9E3779B9U;

    taskENTER_CRITICAL();
    ulState ^= ulState << 13;
    ulState ^= ulState >> 17;
    ulState ^= ulState << 5;
    ulState += ( uint32_t ) xTaskGetTickCount();
    taskEXIT_CRITICAL();
    return ulState;
}

void vApplicationStackOverflowHook( TaskHandle_t xTask, char * pcTaskName )
{
    ( void ) xTask;
    taskDISABLE_INTERRUPTS();
    printf( "stack overflow: task %s\n", pcTaskName );
    vBspExit( 4 );
}

void vAssertCalled( const char * pcFile, unsigned long ulLine )
{
    taskDISABLE_INTERRUPTS();
    printf( "assert: %s:%lu\n", pcFile, ulLine );
    vBspExit( 3 );
}
