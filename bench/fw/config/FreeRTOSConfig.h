/* Kernel configuration of the footprint benchmark (bench/footprint):
 * Cortex-M4F, QEMU mps2-an386, heap_4. Identical for the image with and the
 * image without the TCP/IP stack. */
#ifndef FREERTOS_CONFIG_H
#define FREERTOS_CONFIG_H

#include <stdint.h>

#define configCPU_CLOCK_HZ                             ( ( uint32_t ) 25000000 )
#define configTICK_RATE_HZ                             ( ( TickType_t ) 1000 )
#define configUSE_PREEMPTION                           1
#define configMAX_PRIORITIES                           7
#define configMINIMAL_STACK_SIZE                       ( ( uint16_t ) 256 )
#define configMAX_TASK_NAME_LEN                        12
#define configTICK_TYPE_WIDTH_IN_BITS                  TICK_TYPE_WIDTH_32_BITS
#define configTOTAL_HEAP_SIZE                          ( ( size_t ) ( 96 * 1024 ) )
#define configSUPPORT_DYNAMIC_ALLOCATION               1
#define configSUPPORT_STATIC_ALLOCATION                0
#define configUSE_MUTEXES                              1
#define configUSE_RECURSIVE_MUTEXES                    0
#define configUSE_COUNTING_SEMAPHORES                  1
#define configUSE_TASK_NOTIFICATIONS                   1
#define configQUEUE_REGISTRY_SIZE                      0
#define configUSE_TIMERS                               1
#define configTIMER_TASK_PRIORITY                      ( configMAX_PRIORITIES - 1 )
#define configTIMER_QUEUE_LENGTH                       8
#define configTIMER_TASK_STACK_DEPTH                   ( configMINIMAL_STACK_SIZE * 2 )
#define configUSE_IDLE_HOOK                            0
#define configUSE_TICK_HOOK                            0
#define configUSE_MALLOC_FAILED_HOOK                   0
#define configCHECK_FOR_STACK_OVERFLOW                 0

#define INCLUDE_vTaskDelay                             1
#define INCLUDE_vTaskDelete                            1
#define INCLUDE_vTaskSuspend                           1
#define INCLUDE_xTaskGetSchedulerState                 1
#define INCLUDE_xTaskGetCurrentTaskHandle              1
#define INCLUDE_uxTaskGetStackHighWaterMark            1

#define configPRIO_BITS                                4
#define configLIBRARY_LOWEST_INTERRUPT_PRIORITY        15
#define configLIBRARY_MAX_SYSCALL_INTERRUPT_PRIORITY   5
#define configKERNEL_INTERRUPT_PRIORITY                ( configLIBRARY_LOWEST_INTERRUPT_PRIORITY << ( 8 - configPRIO_BITS ) )
#define configMAX_SYSCALL_INTERRUPT_PRIORITY           ( configLIBRARY_MAX_SYSCALL_INTERRUPT_PRIORITY << ( 8 - configPRIO_BITS ) )

void vBenchAssert( const char * pcFile, unsigned long ulLine );
#define configASSERT( x )    do { if( ( x ) == 0 ) { vBenchAssert( __FILE__, __LINE__ ); } } while( 0 )

#define vPortSVCHandler       SVC_Handler
#define xPortPendSVHandler    PendSV_Handler
#define xPortSysTickHandler   SysTick_Handler

#endif /* FREERTOS_CONFIG_H */
