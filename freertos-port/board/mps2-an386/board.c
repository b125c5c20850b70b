/*
 * Board services on top of FreeRTOS for the mps2-an386 firmware:
 *
 *   vBoardInit()          UART, a start-up banner with CPU/FPU identification
 *   vLoggingPrintf()      FreeRTOS_printf's target (FreeRTOSIPConfig.h): one
 *                         formatted line to UART0, whole lines serialised by a
 *                         mutex once the scheduler runs
 *   vAssertCalled()       configASSERT's target: report, exit 71
 *   kernel hooks          stack overflow (exit 72), malloc failure (report,
 *                         continue: the stack copes with NULL), idle (WFI:
 *                         the core sleeps until the next interrupt, so QEMU
 *                         does not spin a host CPU)
 *   __malloc_lock/unlock  newlib's allocator lock
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "FreeRTOS.h"
#include "task.h"
#include "semphr.h"

#include "mps2_an386.h"

/* Longest line vLoggingPrintf() prints in one piece. */
#define boardLOG_LINE_MAX    256

static SemaphoreHandle_t xLogMutex = NULL;
static volatile uint32_t ulMallocFailures = 0;

void vLoggingPrintf( const char * pcFormat,
                     ... );
void vAssertCalled( const char * pcFile,
                    unsigned long ulLine );
void vApplicationStackOverflowHook( TaskHandle_t xTask,
                                    char * pcTaskName );
void vApplicationMallocFailedHook( void );
void vApplicationIdleHook( void );
struct _reent;
void __malloc_lock( struct _reent * r );
void __malloc_unlock( struct _reent * r );

static uint32_t prvIpsr( void )
{
    uint32_t ulIpsr;

    __asm volatile ( "mrs %0, ipsr" : "=r" ( ulIpsr ) );
    return ulIpsr & 0x1FFU;
}

void vBoardInit( void )
{
    uint32_t ulCpuid = BOARD_SCB_CPUID;
    uint32_t ulMvfr0 = BOARD_MVFR0;
    char cLine[ 160 ];

    vBoardUartInit();
    xLogMutex = xSemaphoreCreateMutex();

    ( void ) snprintf( cLine, sizeof( cLine ),
                       "BOARD mps2-an386 cpuid=0x%08lx (Cortex-M%lu r%lup%lu) mvfr0=0x%08lx fpu=%s cpacr=0x%08lx\n",
                       ( unsigned long ) ulCpuid, ( unsigned long ) ( ( ulCpuid >> 4 ) & 0xFU ),
                       ( unsigned long ) ( ( ulCpuid >> 20 ) & 0xFU ), ( unsigned long ) ( ulCpuid & 0xFU ),
                       ( unsigned long ) ulMvfr0,
                       ( ( ulMvfr0 & 0xF0U ) == 0x20U ) ? "single-precision" : "none",
                       ( unsigned long ) BOARD_SCB_CPACR );
    vBoardUartPuts( cLine );
}

void vLoggingPrintf( const char * pcFormat,
                     ... )
{
    char cLine[ boardLOG_LINE_MAX ];
    va_list xArgs;
    int iLength;
    BaseType_t xLocked = pdFALSE;

    va_start( xArgs, pcFormat );
    iLength = vsnprintf( cLine, sizeof( cLine ), pcFormat, xArgs );
    va_end( xArgs );

    if( iLength < 0 )
    {
        return;
    }

    if( ( size_t ) iLength >= sizeof( cLine ) )
    {
        /* Truncated: keep the line ending. */
        iLength = ( int ) sizeof( cLine ) - 1;
        cLine[ iLength - 1 ] = '\n';
    }

    if( ( xLogMutex != NULL ) && ( prvIpsr() == 0U ) &&
        ( xTaskGetSchedulerState() == taskSCHEDULER_RUNNING ) )
    {
        xLocked = ( xSemaphoreTake( xLogMutex, portMAX_DELAY ) == pdTRUE ) ? pdTRUE : pdFALSE;
    }

    vBoardUartWrite( cLine, ( uint32_t ) iLength );

    if( xLocked != pdFALSE )
    {
        ( void ) xSemaphoreGive( xLogMutex );
    }
}

static void prvPutDecimal( unsigned long ulValue )
{
    char cOut[ 12 ];
    int i = ( int ) sizeof( cOut );

    do
    {
        cOut[ --i ] = ( char ) ( '0' + ( ulValue % 10U ) );
        ulValue /= 10U;
    } while( ( ulValue != 0U ) && ( i > 0 ) );

    vBoardUartWrite( &cOut[ i ], ( uint32_t ) ( sizeof( cOut ) - ( size_t ) i ) );
}

void vAssertCalled( const char * pcFile,
                    unsigned long ulLine )
{
    taskDISABLE_INTERRUPTS();
    /* Raw output: the logging mutex may be what is broken. */
    vBoardUartPuts( "\nASSERT failed at " );
    vBoardUartPuts( ( pcFile != NULL ) ? pcFile : "?" );
    vBoardUartPuts( ":" );
    prvPutDecimal( ulLine );
    vBoardUartPuts( "\n" );
    vBoardExit( BOARD_EXIT_ASSERT );
}

void vApplicationStackOverflowHook( TaskHandle_t xTask,
                                    char * pcTaskName )
{
    ( void ) xTask;
    taskDISABLE_INTERRUPTS();
    vBoardUartPuts( "\nSTACK OVERFLOW in task " );
    vBoardUartPuts( ( pcTaskName != NULL ) ? pcTaskName : "?" );
    vBoardUartPuts( "\n" );
    vBoardExit( BOARD_EXIT_STACK );
}

void vApplicationMallocFailedHook( void )
{
    /* Called with the scheduler suspended: no mutex, raw output, and only
     * the first few times. */
    ulMallocFailures++;

    if( ulMallocFailures <= 3U )
    {
        vBoardUartPuts( "BOARD pvPortMalloc failed (free heap " );
        prvPutDecimal( ( unsigned long ) xPortGetFreeHeapSize() );
        vBoardUartPuts( " bytes)\n" );
    }
}

uint32_t ulBoardMallocFailures( void )
{
    return ulMallocFailures;
}

void vApplicationIdleHook( void )
{
    /* Sleep until the next interrupt (the tick at the latest). */
    __asm volatile ( "dsb\n wfi" ::: "memory" );
}

void __malloc_lock( struct _reent * r )
{
    ( void ) r;

    if( xTaskGetSchedulerState() != taskSCHEDULER_NOT_STARTED )
    {
        vTaskSuspendAll();
    }
}

void __malloc_unlock( struct _reent * r )
{
    ( void ) r;

    if( xTaskGetSchedulerState() != taskSCHEDULER_NOT_STARTED )
    {
        ( void ) xTaskResumeAll();
    }
}
