/*
 * Start-up code and vector table for QEMU mps2-an386 (Cortex-M4F).
 *
 * Reset_Handler enables the FPU before anything else runs (the C code is
 * compiled for the hard-float ABI and may use FP registers anywhere), then
 * copies .data from flash, clears .bss, runs the init arrays and calls
 * main(). Written in assembly up to the FPU enable so that no compiler-
 * generated FP instruction can come first.
 *
 * Fault handlers print the stacked registers and the fault status
 * registers on UART0 and end the program with BOARD_EXIT_FAULT through
 * semihosting (QEMU then exits with that status).
 *
 * Interrupt handlers are weak aliases of Default_Handler; a driver defines
 * the strong one (for example ETHERNET_IRQHandler in
 * freertos-port/network/lan9118). The FreeRTOS port supplies SVC_Handler,
 * PendSV_Handler and SysTick_Handler (FreeRTOSConfig.h maps the port's
 * names to these).
 */
#include <stdint.h>

#include "mps2_an386.h"

extern uint32_t __data_load[];
extern uint32_t __data_start[];
extern uint32_t __data_end[];
extern uint32_t __bss_start[];
extern uint32_t __bss_end[];
extern uint32_t __stack_top[];

typedef void ( * InitFunc_t )( void );
extern InitFunc_t __preinit_array_start[];
extern InitFunc_t __preinit_array_end[];
extern InitFunc_t __init_array_start[];
extern InitFunc_t __init_array_end[];

int main( void );

void Reset_Handler( void );
void vBoardStartC( void ) __attribute__( ( noreturn, used ) );
void Default_Handler( void );
void HardFault_Handler( void );
void MemManage_Handler( void );
void BusFault_Handler( void );
void UsageFault_Handler( void );
void vBoardFaultReport( uint32_t * pulFrame,
                        uint32_t ulExcReturn,
                        uint32_t ulIpsr ) __attribute__( ( used, noreturn ) );

#define WEAK_HANDLER( name )    void name( void ) __attribute__( ( weak, alias( "Default_Handler" ) ) )

WEAK_HANDLER( NMI_Handler );
WEAK_HANDLER( SVC_Handler );
WEAK_HANDLER( DebugMon_Handler );
WEAK_HANDLER( PendSV_Handler );
WEAK_HANDLER( SysTick_Handler );

/* External interrupts of the AN386 image (CMSDK peripheral set). */
WEAK_HANDLER( UART0RX_IRQHandler );     /*  0 */
WEAK_HANDLER( UART0TX_IRQHandler );     /*  1 */
WEAK_HANDLER( UART1RX_IRQHandler );     /*  2 */
WEAK_HANDLER( UART1TX_IRQHandler );     /*  3 */
WEAK_HANDLER( UART2RX_IRQHandler );     /*  4 */
WEAK_HANDLER( UART2TX_IRQHandler );     /*  5 */
WEAK_HANDLER( GPIO0_IRQHandler );       /*  6 */
WEAK_HANDLER( GPIO1_IRQHandler );       /*  7 */
WEAK_HANDLER( TIMER0_IRQHandler );      /*  8 */
WEAK_HANDLER( TIMER1_IRQHandler );      /*  9 */
WEAK_HANDLER( DUALTIMER_IRQHandler );   /* 10 */
WEAK_HANDLER( SPI_IRQHandler );         /* 11 */
WEAK_HANDLER( UARTOVF_IRQHandler );     /* 12 */
WEAK_HANDLER( ETHERNET_IRQHandler );    /* 13: LAN9118 */
WEAK_HANDLER( I2S_IRQHandler );         /* 14 */
WEAK_HANDLER( TSC_IRQHandler );         /* 15 */

typedef void ( * Vector_t )( void );

/* 16 system entries + 32 external lines. */
__attribute__( ( section( ".isr_vector" ), used ) )
const Vector_t xVectorTable[ 16 + BOARD_NUM_EXTERNAL_IRQS ] =
{
    ( Vector_t ) ( uintptr_t ) __stack_top,
    Reset_Handler,
    NMI_Handler,
    HardFault_Handler,
    MemManage_Handler,
    BusFault_Handler,
    UsageFault_Handler,
    0, 0, 0, 0,
    SVC_Handler,
    DebugMon_Handler,
    0,
    PendSV_Handler,
    SysTick_Handler,

    UART0RX_IRQHandler,
    UART0TX_IRQHandler,
    UART1RX_IRQHandler,
    UART1TX_IRQHandler,
    UART2RX_IRQHandler,
    UART2TX_IRQHandler,
    GPIO0_IRQHandler,
    GPIO1_IRQHandler,
    TIMER0_IRQHandler,
    TIMER1_IRQHandler,
    DUALTIMER_IRQHandler,
    SPI_IRQHandler,
    UARTOVF_IRQHandler,
    ETHERNET_IRQHandler,
    I2S_IRQHandler,
    TSC_IRQHandler,
    /* 16..31: not used by this firmware */
    Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler
};

/* CPACR: CP10 and CP11 (bits 20-23) = full access; then dsb/isb so the
 * next instruction sees the FPU enabled. Only then C code. */
__attribute__( ( naked ) ) void Reset_Handler( void )
{
    __asm volatile (
        "ldr   r0, =0xE000ED88      \n"
        "ldr   r1, [r0]             \n"
        "orr   r1, r1, #(0xF << 20) \n"
        "str   r1, [r0]             \n"
        "dsb                        \n"
        "isb                        \n"
        "ldr   r0, =__stack_top     \n"
        "msr   msp, r0              \n"
        "b     vBoardStartC         \n"
        ".ltorg                     \n"
        );
}

void vBoardStartC( void )
{
    uint32_t * pulSrc = __data_load;
    uint32_t * pulDst;
    InitFunc_t * pxInit;

    for( pulDst = __data_start; pulDst < __data_end; )
    {
        *pulDst++ = *pulSrc++;
    }

    for( pulDst = __bss_start; pulDst < __bss_end; )
    {
        *pulDst++ = 0U;
    }

    BOARD_SCB_VTOR = ( uint32_t ) ( uintptr_t ) xVectorTable;
    /* Usage, bus and memory-management faults get their own handlers
     * instead of escalating to HardFault. */
    BOARD_SCB_SHCSR |= ( 1UL << 16 ) | ( 1UL << 17 ) | ( 1UL << 18 );
    __asm volatile ( "dsb\n isb" ::: "memory" );

    for( pxInit = __preinit_array_start; pxInit < __preinit_array_end; pxInit++ )
    {
        ( *pxInit )();
    }

    for( pxInit = __init_array_start; pxInit < __init_array_end; pxInit++ )
    {
        ( *pxInit )();
    }

    ( void ) main();
    vBoardUartPuts( "BOARD main() returned\n" );
    vBoardExit( 1 );
}

/* Every fault comes here: find the stacked frame (MSP or PSP, from
 * EXC_RETURN bit 2) and report. */
__attribute__( ( naked ) ) void HardFault_Handler( void )
{
    __asm volatile (
        "tst   lr, #4               \n"
        "ite   eq                   \n"
        "mrseq r0, msp              \n"
        "mrsne r0, psp              \n"
        "mov   r1, lr               \n"
        "mrs   r2, ipsr             \n"
        "b     vBoardFaultReport    \n"
        );
}

void MemManage_Handler( void ) __attribute__( ( alias( "HardFault_Handler" ) ) );
void BusFault_Handler( void ) __attribute__( ( alias( "HardFault_Handler" ) ) );
void UsageFault_Handler( void ) __attribute__( ( alias( "HardFault_Handler" ) ) );

static void prvPutField( const char * pcName,
                         uint32_t ulValue )
{
    vBoardUartPuts( pcName );
    vBoardPutHex( ulValue );
}

void vBoardFaultReport( uint32_t * pulFrame,
                        uint32_t ulExcReturn,
                        uint32_t ulIpsr )
{
    __asm volatile ( "cpsid i" ::: "memory" );
    vBoardUartPuts( "\nFAULT exception=" );
    vBoardPutHex( ulIpsr & 0x1FFU );
    prvPutField( " pc=", pulFrame[ 6 ] );
    prvPutField( " lr=", pulFrame[ 5 ] );
    prvPutField( " xpsr=", pulFrame[ 7 ] );
    prvPutField( " sp=", ( uint32_t ) ( uintptr_t ) pulFrame );
    prvPutField( " exc_return=", ulExcReturn );
    vBoardUartPuts( "\nFAULT" );
    prvPutField( " r0=", pulFrame[ 0 ] );
    prvPutField( " r1=", pulFrame[ 1 ] );
    prvPutField( " r2=", pulFrame[ 2 ] );
    prvPutField( " r3=", pulFrame[ 3 ] );
    prvPutField( " r12=", pulFrame[ 4 ] );
    vBoardUartPuts( "\nFAULT" );
    prvPutField( " cfsr=", BOARD_SCB_CFSR );
    prvPutField( " hfsr=", BOARD_SCB_HFSR );
    prvPutField( " mmfar=", BOARD_SCB_MMFAR );
    prvPutField( " bfar=", BOARD_SCB_BFAR );
    vBoardUartPuts( "\n" );
    vBoardExit( BOARD_EXIT_FAULT );
}

/* An interrupt nobody handles: report its number and stop. */
void Default_Handler( void )
{
    uint32_t ulIpsr;

    __asm volatile ( "mrs %0, ipsr" : "=r" ( ulIpsr ) );
    __asm volatile ( "cpsid i" ::: "memory" );
    vBoardUartPuts( "\nFAULT unexpected exception=" );
    vBoardPutHex( ulIpsr & 0x1FFU );
    vBoardUartPuts( "\n" );
    vBoardExit( BOARD_EXIT_FAULT );
}
