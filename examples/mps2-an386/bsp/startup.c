/*
 * Minimal start-up for QEMU mps2-an386 (Cortex-M4F), the example firmware's
 * own board support: vector table, reset (FPU on, .data/.bss, main), a
 * fault trap that reports through semihosting.
 *
 * Vector 16 + 13 is the LAN9118 interrupt; its handler is EthernetISR, the
 * name FreeRTOS+TCP's MPS2_AN385 driver uses (upstream's and this
 * library's). SVC/PendSV/SysTick come from the FreeRTOS port
 * (FreeRTOSConfig.h maps the port's handler names to these).
 */
#include <stdint.h>

extern uint32_t _sidata[], _sdata[], _edata[], _sbss[], _ebss[], _estack[];

int main( void );
void Reset_Handler( void );
void vBspStart( void ) __attribute__( ( noreturn, used ) );
void vBspExit( int iStatus ) __attribute__( ( noreturn ) );
void Default_Handler( void );

void SVC_Handler( void );
void PendSV_Handler( void );
void SysTick_Handler( void );
void EthernetISR( void );

typedef void ( * Vector_t )( void );

__attribute__( ( section( ".isr_vector" ), used ) )
const Vector_t xVectors[ 16 + 32 ] =
{
    ( Vector_t ) _estack,
    Reset_Handler,
    Default_Handler,        /* NMI */
    Default_Handler,        /* HardFault */
    Default_Handler,        /* MemManage */
    Default_Handler,        /* BusFault */
    Default_Handler,        /* UsageFault */
    0, 0, 0, 0,
    SVC_Handler,
    Default_Handler,        /* DebugMon */
    0,
    PendSV_Handler,
    SysTick_Handler,
    [ 16 + 13 ] = EthernetISR,
};

/* The FPU must be on before the first floating-point instruction, so the
 * reset handler enables it (CPACR CP10/CP11 full access) in assembly. */
__attribute__( ( naked ) ) void Reset_Handler( void )
{
    __asm volatile (
        "ldr r0, =0xE000ED88   \n"
        "ldr r1, [r0]          \n"
        "orr r1, r1, #0xF00000 \n"
        "str r1, [r0]          \n"
        "dsb                   \n"
        "isb                   \n"
        "b vBspStart           \n"
        ::: "r0", "r1", "memory" );
}

void vBspStart( void )
{
    uint32_t * pulSrc = _sidata;
    uint32_t * pulDst;

    for( pulDst = _sdata; pulDst < _edata; )
    {
        *pulDst++ = *pulSrc++;
    }

    for( pulDst = _sbss; pulDst < _ebss; )
    {
        *pulDst++ = 0U;
    }

    /* The Ethernet interrupt calls FreeRTOS ...FromISR() functions, so its
     * priority must be numerically at or above configMAX_SYSCALL_INTERRUPT_-
     * PRIORITY (0x50 here); the reset value 0 is the highest. 0xE0 = 14 of
     * 4 bits. (A driver may set its own.) */
    *( ( volatile uint8_t * ) ( 0xE000E400UL + 13UL ) ) = 0xE0U;

    vBspExit( main() );
}

/* Semihosting SYS_EXIT_EXTENDED: QEMU exits with iStatus. */
void vBspExit( int iStatus )
{
    volatile uint32_t ulBlock[ 2 ] = { 0x20026U, ( uint32_t ) iStatus };

    for( ; ; )
    {
        __asm volatile (
            "mov r0, #0x20 \n"
            "mov r1, %0    \n"
            "bkpt 0xab     \n"
            :: "r" ( ulBlock ) : "r0", "r1", "memory" );
    }
}

void Default_Handler( void )
{
    vBspExit( 99 );
}
