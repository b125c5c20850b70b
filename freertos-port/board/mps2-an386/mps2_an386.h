/*
 * Board support for QEMU's "mps2-an386" machine: an ARM MPS2 board with
 * the AN386 FPGA image, i.e. a Cortex-M4 with single-precision FPU
 * (FPv4-SP-D16), used here as a stand-in for a Kinetis K63F. The linker
 * script (mps2_an386.ld) deliberately limits the image to the K63F's
 * 1 MB of flash and 256 KB of RAM, although the emulated board has more.
 *
 * Memory map used (facts of the emulated board):
 *   0x00000000  code/vectors (ZBT SSRAM1, 4 MB on the board; 1 MB used)
 *   0x20000000  data (ZBT SSRAM2/3, 4 MB on the board; 256 KB used)
 *   0x40004000  UART0, ARM CMSDK APB UART
 *   0x40200000  SMSC LAN9118 Ethernet controller (32-bit mode)
 *   0xE000E000  System Control Space (SysTick, NVIC, SCB)
 *
 * Interrupt lines (external interrupt numbers, vector = 16 + n):
 *   0/1   UART0 RX/TX          13   LAN9118 (see network/lan9118/README.md
 *   8/9   CMSDK timers 0/1          for how the number was found and tested)
 *   10    dual timer
 * The NVIC has 32 external lines on this image and 4 priority bits.
 */
#ifndef MPS2_AN386_H
#define MPS2_AN386_H

#include <stdint.h>

/* ------------------------------------------------------------ clocks */

/* SYSCLK of the MPS2 FPGA images; also the SysTick/processor clock. */
#define BOARD_SYSCLK_HZ              25000000UL

/* ------------------------------------------------------------ peripherals */

#define BOARD_UART0_BASE             0x40004000UL
#define BOARD_LAN9118_BASE           0x40200000UL

#define BOARD_UART0_RX_IRQn          0
#define BOARD_UART0_TX_IRQn          1
#define BOARD_LAN9118_IRQn           13
#define BOARD_NUM_EXTERNAL_IRQS      32

/* ------------------------------------------------------------ core registers */

#define BOARD_REG32( addr )          ( *( volatile uint32_t * ) ( uintptr_t ) ( addr ) )
#define BOARD_REG8( addr )           ( *( volatile uint8_t * ) ( uintptr_t ) ( addr ) )

#define BOARD_SCB_CPUID              BOARD_REG32( 0xE000ED00UL )
#define BOARD_SCB_VTOR               BOARD_REG32( 0xE000ED08UL )
#define BOARD_SCB_SHCSR              BOARD_REG32( 0xE000ED24UL )
#define BOARD_SCB_CFSR               BOARD_REG32( 0xE000ED28UL )
#define BOARD_SCB_HFSR               BOARD_REG32( 0xE000ED2CUL )
#define BOARD_SCB_MMFAR              BOARD_REG32( 0xE000ED34UL )
#define BOARD_SCB_BFAR               BOARD_REG32( 0xE000ED38UL )
#define BOARD_SCB_CPACR              BOARD_REG32( 0xE000ED88UL )
#define BOARD_FPU_FPCCR              BOARD_REG32( 0xE000EF34UL )
#define BOARD_MVFR0                  BOARD_REG32( 0xE000EF40UL )

#define BOARD_SYST_CSR               BOARD_REG32( 0xE000E010UL )
#define BOARD_SYST_RVR               BOARD_REG32( 0xE000E014UL )
#define BOARD_SYST_CVR               BOARD_REG32( 0xE000E018UL )

/* NVIC: one bit per line in the 32-bit set/clear registers, one byte per
 * line in the priority registers (upper 4 bits used). */
#define BOARD_NVIC_ISER( n )         BOARD_REG32( 0xE000E100UL + 4UL * ( n ) )
#define BOARD_NVIC_ICER( n )         BOARD_REG32( 0xE000E180UL + 4UL * ( n ) )
#define BOARD_NVIC_ISPR( n )         BOARD_REG32( 0xE000E200UL + 4UL * ( n ) )
#define BOARD_NVIC_ICPR( n )         BOARD_REG32( 0xE000E280UL + 4UL * ( n ) )
#define BOARD_NVIC_IABR( n )         BOARD_REG32( 0xE000E300UL + 4UL * ( n ) )
#define BOARD_NVIC_IPR8( irq )       BOARD_REG8( 0xE000E400UL + ( uint32_t ) ( irq ) )
#define BOARD_NVIC_PRIO_BITS         4

static inline void vBoardNvicSetPriority( uint32_t ulIrq,
                                          uint32_t ulPriority )
{
    BOARD_NVIC_IPR8( ulIrq ) = ( uint8_t ) ( ulPriority << ( 8U - BOARD_NVIC_PRIO_BITS ) );
}

static inline void vBoardNvicEnable( uint32_t ulIrq )
{
    BOARD_NVIC_ISER( ulIrq >> 5 ) = 1UL << ( ulIrq & 31U );
}

static inline void vBoardNvicDisable( uint32_t ulIrq )
{
    BOARD_NVIC_ICER( ulIrq >> 5 ) = 1UL << ( ulIrq & 31U );
    __asm volatile ( "dsb\n isb" ::: "memory" );
}

static inline void vBoardNvicClearPending( uint32_t ulIrq )
{
    BOARD_NVIC_ICPR( ulIrq >> 5 ) = 1UL << ( ulIrq & 31U );
}

static inline uint32_t ulBoardNvicIsPending( uint32_t ulIrq )
{
    return ( BOARD_NVIC_ISPR( ulIrq >> 5 ) >> ( ulIrq & 31U ) ) & 1U;
}

/* ------------------------------------------------------------ board services */

/* Early hardware set-up (UART); called by main() before anything prints. */
void vBoardInit( void );

/* Raw console output on UART0 (busy-waits on the transmitter). Safe before
 * the scheduler starts and in fault handlers; not serialised. */
void vBoardUartInit( void );
void vBoardUartWrite( const char * pcData,
                      uint32_t ulLength );
void vBoardUartPuts( const char * pcText );

/* Ends the program through semihosting (SYS_EXIT_EXTENDED): QEMU started
 * with "-semihosting-config enable=on,target=native" exits with iStatus.
 * Without a semihosting host the BKPT traps; the board then stops in a
 * loop with interrupts off. Never returns. */
void vBoardExit( int iStatus ) __attribute__( ( noreturn ) );

/* Exit codes the board itself uses (the application uses 0 and 1). */
#define BOARD_EXIT_FAULT             70 /* HardFault/MemManage/BusFault/UsageFault */
#define BOARD_EXIT_ASSERT            71 /* configASSERT failed */
#define BOARD_EXIT_STACK             72 /* task stack overflow */

/* How often pvPortMalloc() has failed since start-up. */
uint32_t ulBoardMallocFailures( void );

/* Writes a 32-bit value as 8 hex digits (no printf; for fault handlers). */
void vBoardPutHex( uint32_t ulValue );

/* The board's own main() calls this after vBoardInit(), then starts the
 * scheduler. The firmware application defines it: it creates its tasks and
 * starts the TCP/IP stack. A return value other than 0 stops the board with
 * that exit status. */
int iBoardApplicationInit( void );

#endif /* MPS2_AN386_H */
