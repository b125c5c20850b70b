/* FreeRTOSConfig.h for the ABI compile checks: FreeRTOS kernel, POSIX port
 * (Linux host). Compile-only; the values are plausible, not tuned. */
#ifndef FREERTOS_CONFIG_H
#define FREERTOS_CONFIG_H

#include <assert.h>
#include <limits.h>

#define configUSE_PREEMPTION                     1
#define configUSE_IDLE_HOOK                      0
#define configUSE_TICK_HOOK                      0
#define configUSE_DAEMON_TASK_STARTUP_HOOK       0
#define configTICK_RATE_HZ                       ( 1000 )
#define configTICK_TYPE_WIDTH_IN_BITS            TICK_TYPE_WIDTH_64_BITS
#define configMINIMAL_STACK_SIZE                 ( ( unsigned short ) PTHREAD_STACK_MIN )
#define configTOTAL_HEAP_SIZE                    ( ( size_t ) ( 2 * 1024 * 1024 ) )
#define configMAX_TASK_NAME_LEN                  ( 16 )
#define configMAX_PRIORITIES                     ( 7 )
#define configUSE_TRACE_FACILITY                 0
#define configUSE_MUTEXES                        1
#define configUSE_RECURSIVE_MUTEXES              1
#define configUSE_COUNTING_SEMAPHORES            1
#define configUSE_TASK_NOTIFICATIONS             1
#define configQUEUE_REGISTRY_SIZE                0
#define configUSE_TIMERS                         1
#define configTIMER_TASK_PRIORITY                ( configMAX_PRIORITIES - 1 )
#define configTIMER_QUEUE_LENGTH                 20
#define configTIMER_TASK_STACK_DEPTH             ( configMINIMAL_STACK_SIZE * 2 )
#define configSUPPORT_DYNAMIC_ALLOCATION         1
#define configSUPPORT_STATIC_ALLOCATION          0
#define configCHECK_FOR_STACK_OVERFLOW           0
#define configUSE_MALLOC_FAILED_HOOK             0

#define INCLUDE_vTaskPrioritySet                 1
#define INCLUDE_uxTaskPriorityGet                1
#define INCLUDE_vTaskDelete                      1
#define INCLUDE_vTaskSuspend                     1
#define INCLUDE_vTaskDelayUntil                  1
#define INCLUDE_vTaskDelay                       1
#define INCLUDE_xTaskGetCurrentTaskHandle        1
#define INCLUDE_xTaskGetSchedulerState           1

#define configASSERT( x )                        assert( x )

#endif /* FREERTOS_CONFIG_H */
