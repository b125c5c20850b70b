/* FreeRTOS kernel configuration for the Cortex-M4F board build (QEMU
 * mps2-an386; K63F-class memory: 1 MB flash, 256 KB RAM). Used by the
 * library's board build (cargo build --target thumbv7em-none-eabihf) and by
 * the firmware image (firmware/). The hooks switched on below are defined
 * by the board support, freertos-port/board/mps2-an386/board.c:
 * vApplicationIdleHook (WFI), vApplicationStackOverflowHook,
 * vApplicationMallocFailedHook, vAssertCalled. */
#ifndef FREERTOS_CONFIG_H
#define FREERTOS_CONFIG_H

#include <stdint.h>

#define configCPU_CLOCK_HZ                         ( ( uint32_t ) 25000000 )
#define configTICK_RATE_HZ                         ( ( TickType_t ) 1000 )
#define configUSE_PREEMPTION                       1
#define configUSE_IDLE_HOOK                        1
#define configUSE_TICK_HOOK                        0
#define configMAX_PRIORITIES                       7
#define configMINIMAL_STACK_SIZE                   ( ( uint16_t ) 256 )
#define configTOTAL_HEAP_SIZE                      ( ( size_t ) ( 160 * 1024 ) )
#define configMAX_TASK_NAME_LEN                    12
#define configTICK_TYPE_WIDTH_IN_BITS              TICK_TYPE_WIDTH_32_BITS
#define configUSE_MUTEXES                          1
#define configUSE_RECURSIVE_MUTEXES                0
#define configUSE_COUNTING_SEMAPHORES              1
#define configUSE_TASK_NOTIFICATIONS               1
#define configQUEUE_REGISTRY_SIZE                  0
#define configSUPPORT_DYNAMIC_ALLOCATION           1
#define configSUPPORT_STATIC_ALLOCATION            0
#define configUSE_TIMERS                           1
#define configTIMER_TASK_PRIORITY                  ( configMAX_PRIORITIES - 1 )
#define configTIMER_QUEUE_LENGTH                   8
#define configTIMER_TASK_STACK_DEPTH               ( configMINIMAL_STACK_SIZE * 2 )
#define configCHECK_FOR_STACK_OVERFLOW             2
#define configUSE_MALLOC_FAILED_HOOK               1

#define INCLUDE_vTaskDelay                         1
#define INCLUDE_vTaskDelete                        1
#define INCLUDE_xTaskGetCurrentTaskHandle          1
#define INCLUDE_xTaskGetSchedulerState             1
#define INCLUDE_vTaskSuspend                       1
#define INCLUDE_xTaskDelayUntil                    1
#define INCLUDE_uxTaskGetStackHighWaterMark        1
#define INCLUDE_xTaskGetHandle                     1

/* Cortex-M4 interrupt priorities: 4 priority bits on the board. */
#define configPRIO_BITS                            4
#define configLIBRARY_LOWEST_INTERRUPT_PRIORITY    15
#define configLIBRARY_MAX_SYSCALL_INTERRUPT_PRIORITY 5
#define configKERNEL_INTERRUPT_PRIORITY            ( configLIBRARY_LOWEST_INTERRUPT_PRIORITY << ( 8 - configPRIO_BITS ) )
#define configMAX_SYSCALL_INTERRUPT_PRIORITY       ( configLIBRARY_MAX_SYSCALL_INTERRUPT_PRIORITY << ( 8 - configPRIO_BITS ) )

void vAssertCalled( const char * pcFile, unsigned long ulLine );
#define configASSERT( x )    do { if( ( x ) == 0 ) { vAssertCalled( __FILE__, __LINE__ ); } } while( 0 )

#define vPortSVCHandler       SVC_Handler
#define xPortPendSVHandler    PendSV_Handler
#define xPortSysTickHandler   SysTick_Handler

#endif /* FREERTOS_CONFIG_H */
