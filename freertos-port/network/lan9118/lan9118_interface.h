/*
 * FreeRTOS+TCP V4 network interface for the SMSC LAN9118 / LAN9220
 * Ethernet controller, as found on the ARM MPS2 boards and emulated by
 * QEMU's mps2-an385/mps2-an386 machines. See README.md in this folder.
 *
 * Build-time settings (define on the compiler command line to override):
 *   LAN9118_BASE_ADDRESS      controller base address (0x40200000)
 *   LAN9118_IRQ_NUMBER        external interrupt line (13 on MPS2 AN385/AN386)
 *   LAN9118_IRQ_PRIORITY      NVIC priority level (0..15 with 4 priority bits);
 *                             must be numerically at least
 *                             configLIBRARY_MAX_SYSCALL_INTERRUPT_PRIORITY
 *                             (default: that value + 1; without the
 *                             configLIBRARY_... and configPRIO_BITS definitions
 *                             the kernel's own, lowest, priority)
 *   LAN9118_RX_TASK_PRIORITY  deferred receive task (configMAX_PRIORITIES - 1)
 *   LAN9118_RX_TASK_STACK     its stack in words (configMINIMAL_STACK_SIZE * 2)
 *
 * The interrupt handler is ETHERNET_IRQHandler(); the board's vector table
 * must call it for line LAN9118_IRQ_NUMBER (freertos-port/board/mps2-an386
 * does).
 */
#ifndef LAN9118_INTERFACE_H
#define LAN9118_INTERFACE_H

#include <stdint.h>

#include "FreeRTOS.h"
#include "FreeRTOS_IP.h"
#include "FreeRTOS_Routing.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Fills *pxInterface for the (single) LAN9118 and adds it with
 * FreeRTOS_AddNetworkInterface(). Call before FreeRTOS_IPInit_Multi().
 * xEMACIndex must be 0. Returns pxInterface, or NULL for a bad argument.
 * (Upstream's name for the MPS2 driver.) */
NetworkInterface_t * pxMPS2_FillInterfaceDescriptor( BaseType_t xEMACIndex,
                                                     NetworkInterface_t * pxInterface );

#if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )
/* The name FreeRTOS_IPInit() calls; forwards to pxMPS2_FillInterfaceDescriptor(). */
NetworkInterface_t * pxFillInterfaceDescriptor( BaseType_t xEMACIndex,
                                                NetworkInterface_t * pxInterface );
#endif

/* The LAN9118 interrupt handler (vector 16 + LAN9118_IRQ_NUMBER). */
void ETHERNET_IRQHandler( void );

/* Counters since start-up. */
typedef struct xLAN9118_STATS
{
    uint32_t ulInterrupts;     /* ETHERNET_IRQHandler() calls */
    uint32_t ulSpurious;       /* ... that found no enabled source pending */
    uint32_t ulSwInterrupts;   /* software interrupts (the start-up line test) */
    uint32_t ulRxFrames;       /* frames handed to the IP task */
    uint32_t ulRxBytes;
    uint32_t ulRxErrors;       /* frames with the error-summary bit, runts, giants */
    uint32_t ulRxNoBuffer;     /* no network buffer within the wait */
    uint32_t ulRxFiltered;     /* eConsiderFrameForProcessing() or no end-point */
    uint32_t ulRxQueueFull;    /* xSendEventStructToIPTask() failed */
    uint32_t ulRxBatchMax;     /* most frames taken in one wake-up */
    uint32_t ulRxFifoErrors;   /* RXE interrupts (RX FIFO underflow/overrun) */
    uint32_t ulTxFrames;
    uint32_t ulTxBytes;
    uint32_t ulTxErrors;       /* oversize, link down, FIFO never had room, TXE */
    uint32_t ulTxWaits;        /* sends that had to wait for FIFO room */
    uint32_t ulLinkChanges;
    uint32_t ulLinkUp;         /* 1 while the PHY reports a link */
    uint32_t ulTxDeferred;     /* ipconfigZERO_COPY_TX_DRIVER: frames pfOutput() handed to the task, written and released there */
} Lan9118Stats_t;

/* Copies the counters. */
void vLan9118_GetStats( Lan9118Stats_t * pxStats );

/* Prints the counters with FreeRTOS_printf, one line starting "LAN9118 ". */
void vLan9118_PrintStats( void );

#ifdef __cplusplus
}
#endif

#endif /* LAN9118_INTERFACE_H */
