/* Kernel configuration of the host example: FreeRTOS POSIX port (Linux),
 * 1 kHz tick. configMINIMAL_STACK_SIZE is glibc's PTHREAD_STACK_MIN on
 * x86_64 as a literal (a task's FreeRTOS stack only holds the thread's
 * record on this port). */
#ifndef FREERTOS_CONFIG_H
#define FREERTOS_CONFIG_H

#define configUSE_PREEMPTION                       1
#define configUSE_TIME_SLICING                     1
#define configUSE_PORT_OPTIMISED_TASK_SELECTION    0
#define configTICK_RATE_HZ                         1000
#define configTICK_TYPE_WIDTH_IN_BITS              TICK_TYPE_WIDTH_64_BITS
#define configMAX_PRIORITIES                       7
#define configMAX_TASK_NAME_LEN                    16
#define configMINIMAL_STACK_SIZE                   16384
#define configSUPPORT_DYNAMIC_ALLOCATION           1
#define configSUPPORT_STATIC_ALLOCATION            0
#define configTOTAL_HEAP_SIZE                      ( ( size_t ) ( 8U * 1024U * 1024U ) )
#define configUSE_MUTEXES                          1
#define configUSE_RECURSIVE_MUTEXES                1
#define configUSE_COUNTING_SEMAPHORES              1
#define configUSE_TASK_NOTIFICATIONS               1
#define configQUEUE_REGISTRY_SIZE                  0
#define configUSE_TIMERS                           1
#define configTIMER_TASK_PRIORITY                  ( configMAX_PRIORITIES - 1 )
#define configTIMER_QUEUE_LENGTH                   10
#define configTIMER_TASK_STACK_DEPTH               configMINIMAL_STACK_SIZE
/* The TAP driver wakes its receive task from the idle hook it supplies. */
#define configUSE_IDLE_HOOK                        1
#define configUSE_TICK_HOOK                        0
#define configUSE_MALLOC_FAILED_HOOK               0
#define configCHECK_FOR_STACK_OVERFLOW             0

#define INCLUDE_vTaskDelay                         1
#define INCLUDE_vTaskDelete                        1
#define INCLUDE_vTaskSuspend                       1
#define INCLUDE_xTaskGetSchedulerState             1
#define INCLUDE_xTaskGetCurrentTaskHandle          1

#include <stdio.h>
#include <stdlib.h>
#define configASSERT( x )                                                                   \
    do {                                                                                    \
        if( ( x ) == 0 )                                                                    \
        {                                                                                   \
            ( void ) fprintf( stderr, "configASSERT failed: %s:%d\n", __FILE__, __LINE__ ); \
            abort();                                                                        \
        }                                                                                   \
    } while( 0 )

#endif /* FREERTOS_CONFIG_H */
