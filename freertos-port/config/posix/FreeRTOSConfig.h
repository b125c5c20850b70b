/*
 * Kernel configuration for the host builds: FreeRTOS-Kernel V11.2.0, POSIX
 * port (GCC_POSIX), Linux x86_64. Used by the C tests (c-tests/), the
 * end-to-end programs and, by default, by build.rs.
 *
 * Things specific to the POSIX port:
 * - Every task is a pthread; only one runs at a time. TickType_t is
 *   `unsigned long` (64 bits), so the tick width is declared as 64 bits.
 * - The FreeRTOS "stack" of a task only holds the port's thread record; the
 *   real stack is the pthread's own. configMINIMAL_STACK_SIZE follows the
 *   port's demo convention of PTHREAD_STACK_MIN words, written as the literal
 *   16384 (glibc's PTHREAD_STACK_MIN on x86_64): with _GNU_SOURCE, glibc turns
 *   PTHREAD_STACK_MIN into a sysconf() call, which is no constant expression
 *   (static allocation, #if and bindgen all need one).
 * - Kernel API calls are allowed from FreeRTOS tasks only, never from a
 *   plain pthread (see freertos-port/network/tap/README.md).
 */
#ifndef FREERTOS_CONFIG_H
#define FREERTOS_CONFIG_H

/* ------------------------------------------------------------ scheduling */
#define configUSE_PREEMPTION                       1
#define configUSE_TIME_SLICING                     1
#define configUSE_PORT_OPTIMISED_TASK_SELECTION    0
#define configIDLE_SHOULD_YIELD                    1
#define configTICK_RATE_HZ                         1000
#define configTICK_TYPE_WIDTH_IN_BITS              TICK_TYPE_WIDTH_64_BITS
#define configMAX_PRIORITIES                       7
#define configMAX_TASK_NAME_LEN                    16
#define configMINIMAL_STACK_SIZE                   16384
#define configUSE_TICKLESS_IDLE                    0

/* ------------------------------------------------------------ memory
 * heap_3 (malloc/free) is what c-tests links: it lets AddressSanitizer see
 * every kernel allocation. configTOTAL_HEAP_SIZE is for heap_4/heap_5 users. */
#define configSUPPORT_DYNAMIC_ALLOCATION           1
#define configSUPPORT_STATIC_ALLOCATION            1
#define configKERNEL_PROVIDED_STATIC_MEMORY        1
#define configTOTAL_HEAP_SIZE                      ( ( size_t ) ( 64U * 1024U * 1024U ) )
#define configAPPLICATION_ALLOCATED_HEAP           0

/* ------------------------------------------------------------ features */
#define configUSE_MUTEXES                          1
#define configUSE_RECURSIVE_MUTEXES                1
#define configUSE_COUNTING_SEMAPHORES              1
#define configUSE_EVENT_GROUPS                     1
#define configUSE_STREAM_BUFFERS                   1
#define configUSE_QUEUE_SETS                       0
#define configUSE_TASK_NOTIFICATIONS               1
#define configTASK_NOTIFICATION_ARRAY_ENTRIES      1
#define configQUEUE_REGISTRY_SIZE                  16
#define configUSE_CO_ROUTINES                      0
#define configUSE_APPLICATION_TASK_TAG             0
#define configUSE_TRACE_FACILITY                   1
#define configUSE_STATS_FORMATTING_FUNCTIONS       0
#define configGENERATE_RUN_TIME_STATS              0
#define configENABLE_BACKWARD_COMPATIBILITY        1
#define configNUM_THREAD_LOCAL_STORAGE_POINTERS    0

/* ------------------------------------------------------------ software timers */
#define configUSE_TIMERS                           1
#define configTIMER_TASK_PRIORITY                  ( configMAX_PRIORITIES - 1 )
#define configTIMER_QUEUE_LENGTH                   20
#define configTIMER_TASK_STACK_DEPTH               configMINIMAL_STACK_SIZE

/* ------------------------------------------------------------ hooks
 * The idle hook lets the TAP driver wake its receive task at once when the
 * system is idle (freertos-port/network/tap/README.md). The driver carries a
 * weak vApplicationIdleHook(), so applications need not define one. */
#define configUSE_IDLE_HOOK                        1
#define configUSE_TICK_HOOK                        0
#define configUSE_MALLOC_FAILED_HOOK               0
#define configUSE_DAEMON_TASK_STARTUP_HOOK         0
#define configCHECK_FOR_STACK_OVERFLOW             0

/* ------------------------------------------------------------ optional API */
#define INCLUDE_vTaskPrioritySet                   1
#define INCLUDE_uxTaskPriorityGet                  1
#define INCLUDE_vTaskDelete                        1
#define INCLUDE_vTaskSuspend                       1
#define INCLUDE_xTaskDelayUntil                    1
#define INCLUDE_vTaskDelay                         1
#define INCLUDE_xTaskGetSchedulerState             1
#define INCLUDE_xTaskGetCurrentTaskHandle          1
#define INCLUDE_xTaskGetIdleTaskHandle             1
#define INCLUDE_xTaskGetHandle                     1
#define INCLUDE_uxTaskGetStackHighWaterMark        1
#define INCLUDE_eTaskGetState                      1
#define INCLUDE_xTaskAbortDelay                    1
#define INCLUDE_xTaskResumeFromISR                 1
#define INCLUDE_xTimerPendFunctionCall             1
#define INCLUDE_xSemaphoreGetMutexHolder           1

/* ------------------------------------------------------------ assertions
 * A failed configASSERT prints file and line on stderr and aborts the
 * process (core dump / non-zero exit under ctest). Defined inline here so
 * that every program built with this configuration links without extra
 * support code. */
#include <stdio.h>
#include <stdlib.h>

static inline void vFptcpConfigAssertFailed( const char * pcFile,
                                             unsigned long ulLine )
{
    ( void ) fflush( stdout );
    ( void ) fprintf( stderr, "configASSERT failed: %s:%lu\n", pcFile, ulLine );
    abort();
}

#define configASSERT( x )                                              \
    do {                                                               \
        if( ( x ) == 0 )                                               \
        {                                                              \
            vFptcpConfigAssertFailed( __FILE__, ( unsigned long ) __LINE__ ); \
        }                                                              \
    } while( 0 )

/* c-tests only (c-tests/CMakeLists.txt defines FPTCP_TEST_TICK_TRACE for
 * the kernel it builds): at every tick, the task FreeRTOS is running goes
 * to c-tests/support/hooks.c, so that a test can tell which task had the
 * CPU as the scheduler sees it, whatever else the host is busy with. */
#ifdef FPTCP_TEST_TICK_TRACE
    void vFptcpTestTickTrace( const void * pvRunningTask );
    #define traceTASK_INCREMENT_TICK( xTickCount )    vFptcpTestTickTrace( ( const void * ) pxCurrentTCB )
#endif

#endif /* FREERTOS_CONFIG_H */
