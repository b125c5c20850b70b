/*
 * FreeRTOS+TCP V4 network interface for the SMSC LAN9118 / LAN9220 on the
 * ARM MPS2 boards (QEMU mps2-an385 / mps2-an386). Read README.md in this
 * folder first.
 *
 * Who does what:
 *
 *   ETHERNET_IRQHandler   takes every enabled, pending source out of INT_EN
 *                         (so the level-triggered line drops), records it in
 *                         ulPending and wakes the deferred task with
 *                         vTaskNotifyGiveFromISR(). Touches no FIFO.
 *   "lan9118" task        the deferred handler: drains the RX status and data
 *                         FIFOs into network buffers and hands them to the IP
 *                         task; handles PHY (link) and error events; then
 *                         puts the sources back into INT_EN. It sleeps on its
 *                         task notification without a timeout: nothing is
 *                         polled.
 *   IP task               pfInitialise() (hardware set-up, once; afterwards
 *                         it only reports the link) and pfOutput() (writes
 *                         the frame into the TX data FIFO).
 *
 * No frame is lost between "FIFO empty" and "interrupt enabled again": the
 * RX status level flag (RSFL) is latched by the controller whenever a frame
 * arrives, whether or not it is enabled. The task clears the flag, looks at
 * the FIFO once more, and only then enables it; a frame that arrives after
 * that look sets the flag again, and enabling it raises the interrupt at
 * once.
 *
 * Frame data lands 4-byte aligned: the controller is told to put RXDOFF = 2
 * bytes in front of each frame, and the stack's buffers start 2 bytes past a
 * word boundary (ipBUFFER_PADDING = 10 on a word-aligned allocation), so the
 * FIFO words go straight into the buffer. TX uses the command word's data
 * start offset the same way. Buffers with another alignment take a slower
 * path that goes through a local word.
 */
#include <stdint.h>
#include <string.h>

#include "FreeRTOS.h"
#include "task.h"
#include "queue.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_IP_Private.h"
#include "FreeRTOS_Routing.h"
#include "NetworkInterface.h"
#include "NetworkBufferManagement.h"

#include "lan9118_regs.h"
#include "lan9118_interface.h"

/* ------------------------------------------------------------ settings */

#ifndef LAN9118_BASE_ADDRESS
    #define LAN9118_BASE_ADDRESS        0x40200000UL
#endif

#ifndef LAN9118_IRQ_NUMBER
    #define LAN9118_IRQ_NUMBER          13U
#endif

/* NVIC priority of the interrupt, as an 8-bit priority register value. It
 * must be numerically at least configMAX_SYSCALL_INTERRUPT_PRIORITY (the
 * handler calls FromISR functions). LAN9118_IRQ_PRIORITY, if defined, is a
 * priority level 0..(2^configPRIO_BITS - 1) like
 * configLIBRARY_MAX_SYSCALL_INTERRUPT_PRIORITY. Default: one level below the
 * highest allowed one when the configuration has the usual
 * configLIBRARY_... and configPRIO_BITS definitions, else the kernel's own
 * (lowest) priority. */
#if defined( LAN9118_IRQ_PRIORITY )
    #define lan9118IRQ_PRIORITY_BYTE    ( ( uint32_t ) ( LAN9118_IRQ_PRIORITY ) << ( 8U - ( configPRIO_BITS ) ) )
#elif defined( configLIBRARY_MAX_SYSCALL_INTERRUPT_PRIORITY ) && defined( configPRIO_BITS )
    #define LAN9118_IRQ_PRIORITY        ( configLIBRARY_MAX_SYSCALL_INTERRUPT_PRIORITY + 1 )
    #define lan9118IRQ_PRIORITY_BYTE    ( ( uint32_t ) ( LAN9118_IRQ_PRIORITY ) << ( 8U - ( configPRIO_BITS ) ) )
#else
    #define lan9118IRQ_PRIORITY_BYTE    ( ( uint32_t ) ( configKERNEL_INTERRUPT_PRIORITY ) )
#endif

#ifndef LAN9118_RX_TASK_PRIORITY
    #define LAN9118_RX_TASK_PRIORITY    ( configMAX_PRIORITIES - 1 )
#endif

#ifndef LAN9118_RX_TASK_STACK
    #define LAN9118_RX_TASK_STACK       ( configMINIMAL_STACK_SIZE * 2 )
#endif

#if defined( LAN9118_IRQ_PRIORITY ) && defined( configLIBRARY_MAX_SYSCALL_INTERRUPT_PRIORITY )
    #if ( LAN9118_IRQ_PRIORITY < configLIBRARY_MAX_SYSCALL_INTERRUPT_PRIORITY )
        #error "LAN9118_IRQ_PRIORITY must not be above configLIBRARY_MAX_SYSCALL_INTERRUPT_PRIORITY (the handler calls FreeRTOS FromISR functions)"
    #endif
#endif

/* Bytes the controller puts in front of each received frame. Must equal the
 * misalignment of the stack's buffers for the fast path (see above). */
#define lan9118RX_OFFSET               2U

/* Longest frame accepted or sent: MTU + Ethernet header + one VLAN tag. */
#define lan9118MAX_FRAME               ( ( size_t ) ipconfigNETWORK_MTU + ipSIZE_OF_ETH_HEADER + 4U )
#define lan9118MIN_FRAME               ( ( size_t ) ipSIZE_OF_ETH_HEADER )
#define lan9118FCS_BYTES               4U

/* How long the receive task waits for a free network buffer. */
#define lan9118RX_BUFFER_WAIT          pdMS_TO_TICKS( 10 )

/* pfOutput: how long to wait for TX FIFO room before dropping the frame. */
#define lan9118TX_ROOM_WAIT_TICKS      pdMS_TO_TICKS( 20 )

/* Register read-backs that wait on the controller, in loop iterations. */
#define lan9118SPIN_LIMIT              100000U

/* Sources the driver enables; everything the task handles. */
#define lan9118INT_RX                  ( LAN9118_INT_RSFL )
#define lan9118INT_ERRORS              ( LAN9118_INT_RXE | LAN9118_INT_TXE )
#define lan9118INT_USED                ( lan9118INT_RX | lan9118INT_ERRORS | LAN9118_INT_PHY )

/* The IRQ pin's configuration: enabled, active high, push-pull; 220 us
 * minimum gap between two assertions on real hardware (QEMU ignores it). */
#define lan9118IRQ_CFG_VALUE                                        \
    ( ( 22UL << LAN9118_IRQ_CFG_INT_DEAS_SHIFT ) | LAN9118_IRQ_CFG_IRQ_EN | \
      LAN9118_IRQ_CFG_IRQ_POL | LAN9118_IRQ_CFG_IRQ_TYPE )

/* NVIC registers (Armv7-M). */
#define lan9118NVIC_REG( addr )        ( *( volatile uint32_t * ) ( uintptr_t ) ( addr ) )
#define lan9118NVIC_ISER               lan9118NVIC_REG( 0xE000E100UL + 4UL * ( LAN9118_IRQ_NUMBER / 32U ) )
#define lan9118NVIC_ICER               lan9118NVIC_REG( 0xE000E180UL + 4UL * ( LAN9118_IRQ_NUMBER / 32U ) )
#define lan9118NVIC_ISPR               lan9118NVIC_REG( 0xE000E200UL + 4UL * ( LAN9118_IRQ_NUMBER / 32U ) )
#define lan9118NVIC_ICPR               lan9118NVIC_REG( 0xE000E280UL + 4UL * ( LAN9118_IRQ_NUMBER / 32U ) )
#define lan9118NVIC_IPR                ( *( volatile uint8_t * ) ( uintptr_t ) ( 0xE000E400UL + LAN9118_IRQ_NUMBER ) )
#define lan9118NVIC_BIT                ( 1UL << ( LAN9118_IRQ_NUMBER % 32U ) )

/* FIFO words are read and written through this type: the buffers are byte
 * arrays to the compiler. */
typedef uint32_t __attribute__( ( may_alias ) ) Lan9118Word_t;

/* ------------------------------------------------------------ state */

typedef struct xLAN9118_DRIVER
{
    NetworkInterface_t * pxInterface;
    TaskHandle_t xTask;
    volatile uint32_t ulPending;        /* sources the ISR took out of INT_EN */
    volatile BaseType_t xLinkUp;
    BaseType_t xHardwareReady;
    uint16_t usTxTag;
    #if ( ipconfigZERO_COPY_TX_DRIVER != 0 )
        QueueHandle_t xTxQueue;         /* frames (pucEthernetBuffer) pfOutput() handed over */
    #endif
    Lan9118Stats_t xStats;
} Lan9118Driver_t;

static Lan9118Driver_t xDriver;

#if ( ipconfigZERO_COPY_TX_DRIVER != 0 )
    static void prvDrainTx( void );
#endif

/* ------------------------------------------------------------ registers */

static inline uint32_t prvRead( uint32_t ulOffset )
{
    return *( volatile uint32_t * ) ( uintptr_t ) ( LAN9118_BASE_ADDRESS + ulOffset );
}

static inline void prvWrite( uint32_t ulOffset,
                             uint32_t ulValue )
{
    *( volatile uint32_t * ) ( uintptr_t ) ( LAN9118_BASE_ADDRESS + ulOffset ) = ulValue;
}

/* The datasheet asks for a short pause after writes to some control
 * registers before the next access; reading BYTE_TEST is the harmless way
 * to spend it. */
static void prvSettle( void )
{
    ( void ) prvRead( LAN9118_BYTE_TEST );
    ( void ) prvRead( LAN9118_BYTE_TEST );
}

static BaseType_t prvMacIdle( void )
{
    uint32_t i;

    for( i = 0; i < lan9118SPIN_LIMIT; i++ )
    {
        if( ( prvRead( LAN9118_MAC_CSR_CMD ) & LAN9118_MAC_CSR_BUSY ) == 0U )
        {
            return pdPASS;
        }
    }

    return pdFAIL;
}

static uint32_t prvMacRead( uint32_t ulIndex )
{
    ( void ) prvMacIdle();
    prvWrite( LAN9118_MAC_CSR_CMD, LAN9118_MAC_CSR_BUSY | LAN9118_MAC_CSR_READ | ulIndex );
    ( void ) prvMacIdle();
    return prvRead( LAN9118_MAC_CSR_DATA );
}

static void prvMacWrite( uint32_t ulIndex,
                         uint32_t ulValue )
{
    ( void ) prvMacIdle();
    prvWrite( LAN9118_MAC_CSR_DATA, ulValue );
    prvWrite( LAN9118_MAC_CSR_CMD, LAN9118_MAC_CSR_BUSY | ulIndex );
    ( void ) prvMacIdle();
}

static BaseType_t prvMiiIdle( void )
{
    uint32_t i;

    for( i = 0; i < lan9118SPIN_LIMIT; i++ )
    {
        if( ( prvMacRead( LAN9118_MAC_MII_ACC ) & LAN9118_MII_ACC_BUSY ) == 0U )
        {
            return pdPASS;
        }
    }

    return pdFAIL;
}

static uint16_t prvPhyRead( uint32_t ulRegister )
{
    ( void ) prvMiiIdle();
    prvMacWrite( LAN9118_MAC_MII_ACC, ( LAN9118_INTERNAL_PHY_ADDRESS << LAN9118_MII_ACC_PHY_SHIFT ) |
                 ( ulRegister << LAN9118_MII_ACC_REG_SHIFT ) | LAN9118_MII_ACC_BUSY );
    ( void ) prvMiiIdle();
    return ( uint16_t ) prvMacRead( LAN9118_MAC_MII_DATA );
}

static void prvPhyWrite( uint32_t ulRegister,
                         uint16_t usValue )
{
    ( void ) prvMiiIdle();
    prvMacWrite( LAN9118_MAC_MII_DATA, usValue );
    prvMacWrite( LAN9118_MAC_MII_ACC, ( LAN9118_INTERNAL_PHY_ADDRESS << LAN9118_MII_ACC_PHY_SHIFT ) |
                 ( ulRegister << LAN9118_MII_ACC_REG_SHIFT ) | LAN9118_MII_ACC_WRITE | LAN9118_MII_ACC_BUSY );
    ( void ) prvMiiIdle();
}

/* The link bit of BMSR latches a loss until read: the second read is the
 * present state. */
static BaseType_t prvPhyLinkUp( void )
{
    ( void ) prvPhyRead( LAN9118_PHY_BMSR );
    return ( ( prvPhyRead( LAN9118_PHY_BMSR ) & LAN9118_BMSR_LINK_UP ) != 0U ) ? pdTRUE : pdFALSE;
}

/* INT_EN changes from task context: the ISR writes it too. */
static void prvEnableSources( uint32_t ulSources )
{
    taskENTER_CRITICAL();
    prvWrite( LAN9118_INT_EN, prvRead( LAN9118_INT_EN ) | ulSources );
    taskEXIT_CRITICAL();
}

/* ------------------------------------------------------------ interrupt */

void ETHERNET_IRQHandler( void )
{
    uint32_t ulEnabled = prvRead( LAN9118_INT_EN );
    uint32_t ulActive = prvRead( LAN9118_INT_STS ) & ulEnabled;
    BaseType_t xWoken = pdFALSE;

    xDriver.xStats.ulInterrupts++;

    if( ulActive == 0U )
    {
        xDriver.xStats.ulSpurious++;
    }

    if( ( ulActive & LAN9118_INT_SW ) != 0U )
    {
        /* The start-up test: acknowledge and switch the source off. */
        xDriver.xStats.ulSwInterrupts++;
        ulEnabled &= ~LAN9118_INT_SW;
        ulActive &= ~LAN9118_INT_SW;
        prvWrite( LAN9118_INT_EN, ulEnabled );
        prvWrite( LAN9118_INT_STS, LAN9118_INT_SW );
    }

    if( ulActive != 0U )
    {
        /* Masking the sources drops the line; the task enables them again
         * once it has dealt with them. */
        prvWrite( LAN9118_INT_EN, ulEnabled & ~ulActive );
        xDriver.ulPending |= ulActive;

        if( xDriver.xTask != NULL )
        {
            vTaskNotifyGiveFromISR( xDriver.xTask, &xWoken );
        }
    }

    /* Make sure the writes reached the controller before the NVIC samples
     * the line again on exception return. */
    ( void ) prvRead( LAN9118_INT_EN );
    portYIELD_FROM_ISR( xWoken );
}

/* ------------------------------------------------------------ receive */

/* Reads and drops ulWords FIFO words (RX_DP_CTRL's fast-forward is avoided:
 * QEMU's model does not free the FIFO space it skips). */
static void prvDiscardWords( uint32_t ulWords )
{
    while( ulWords-- > 0U )
    {
        ( void ) prvRead( LAN9118_RX_DATA_FIFO );
    }
}

/* Copies one frame of uxLength bytes (its FIFO image is ulWords words:
 * lan9118RX_OFFSET bytes of padding, the frame, the FCS, up to 3 bytes of
 * round-up) into pucFrame. Writes nothing outside pucFrame[ -offset ..
 * uxLength ), and pucFrame[ -offset .. 0 ) only when it is the padding in
 * front of a stack buffer. */
static void prvReadFrame( uint8_t * pucFrame,
                          size_t uxLength,
                          uint32_t ulWords )
{
    size_t uxTotal = uxLength + lan9118RX_OFFSET; /* bytes wanted of the FIFO image */
    uint32_t ulWhole = ( uint32_t ) ( uxTotal / 4U );
    uint32_t i;

    if( ( ( uintptr_t ) pucFrame & 3U ) == lan9118RX_OFFSET )
    {
        Lan9118Word_t * pulOut = ( Lan9118Word_t * ) ( void * ) ( pucFrame - lan9118RX_OFFSET );

        for( i = 0; i < ulWhole; i++ )
        {
            pulOut[ i ] = prvRead( LAN9118_RX_DATA_FIFO );
        }
    }
    else
    {
        /* Other alignment: word by word through a local copy. */
        for( i = 0; i < ulWhole; i++ )
        {
            uint32_t ulWord = prvRead( LAN9118_RX_DATA_FIFO );
            size_t uxAt = ( size_t ) i * 4U;

            if( i == 0U )
            {
                ( void ) memcpy( pucFrame, ( const uint8_t * ) &ulWord + lan9118RX_OFFSET, 4U - lan9118RX_OFFSET );
            }
            else
            {
                ( void ) memcpy( &pucFrame[ uxAt - lan9118RX_OFFSET ], &ulWord, 4U );
            }
        }
    }

    /* The last partial word of the frame, then FCS and round-up. */
    if( ulWhole < ulWords )
    {
        uint32_t ulWord = prvRead( LAN9118_RX_DATA_FIFO );
        size_t uxLeft = uxTotal - ( ( size_t ) ulWhole * 4U );

        if( uxLeft > 0U )
        {
            if( ulWhole == 0U )
            {
                /* Cannot happen for frames of 14 bytes or more. */
                ( void ) memcpy( pucFrame, ( const uint8_t * ) &ulWord + lan9118RX_OFFSET, uxLeft - lan9118RX_OFFSET );
            }
            else
            {
                ( void ) memcpy( &pucFrame[ ( size_t ) ulWhole * 4U - lan9118RX_OFFSET ], &ulWord, uxLeft );
            }
        }

        prvDiscardWords( ulWords - ulWhole - 1U );
    }
}

/* Takes one frame out of the FIFOs (the caller saw RXSUSED > 0). */
static void prvReceiveOne( void )
{
    NetworkInterface_t * pxInterface = xDriver.pxInterface;
    uint32_t ulStatus = prvRead( LAN9118_RX_STATUS_FIFO );
    uint32_t ulFifoBytes = LAN9118_RX_STS_LENGTH( ulStatus ); /* frame + FCS */
    uint32_t ulWords = ( ulFifoBytes + lan9118RX_OFFSET + 3U ) / 4U;
    NetworkBufferDescriptor_t * pxBuffer;
    IPStackEvent_t xEvent;
    size_t uxLength;

    if( ( ( ulStatus & LAN9118_RX_STS_ERROR ) != 0U ) ||
        ( ulFifoBytes < ( lan9118MIN_FRAME + lan9118FCS_BYTES ) ) ||
        ( ulFifoBytes > ( lan9118MAX_FRAME + lan9118FCS_BYTES ) ) )
    {
        xDriver.xStats.ulRxErrors++;
        prvDiscardWords( ulWords );
        return;
    }

    uxLength = ( size_t ) ( ulFifoBytes - lan9118FCS_BYTES );
    pxBuffer = pxGetNetworkBufferWithDescriptor( uxLength, lan9118RX_BUFFER_WAIT );

    if( pxBuffer == NULL )
    {
        xDriver.xStats.ulRxNoBuffer++;
        prvDiscardWords( ulWords );
        return;
    }

    prvReadFrame( pxBuffer->pucEthernetBuffer, uxLength, ulWords );
    pxBuffer->xDataLength = uxLength;

    if( eConsiderFrameForProcessing( pxBuffer->pucEthernetBuffer ) != eProcessBuffer )
    {
        xDriver.xStats.ulRxFiltered++;
        vReleaseNetworkBufferAndDescriptor( pxBuffer );
        return;
    }

    pxBuffer->pxInterface = pxInterface;
    pxBuffer->pxEndPoint = FreeRTOS_MatchingEndpoint( pxInterface, pxBuffer->pucEthernetBuffer );

    if( pxBuffer->pxEndPoint == NULL )
    {
        xDriver.xStats.ulRxFiltered++;
        vReleaseNetworkBufferAndDescriptor( pxBuffer );
        return;
    }

    xEvent.eEventType = eNetworkRxEvent;
    xEvent.pvData = ( void * ) pxBuffer;

    if( xSendEventStructToIPTask( &xEvent, 0 ) != pdPASS )
    {
        xDriver.xStats.ulRxQueueFull++;
        vReleaseNetworkBufferAndDescriptor( pxBuffer );
        return;
    }

    iptraceNETWORK_INTERFACE_RECEIVE();
    xDriver.xStats.ulRxFrames++;
    xDriver.xStats.ulRxBytes += ( uint32_t ) uxLength;
}

/* Empties the RX FIFOs, then re-arms the RX status level flag (see the top
 * of this file for why nothing can slip through). */
static void prvDrainRx( void )
{
    uint32_t ulBatch = 0;

    for( ; ; )
    {
        while( LAN9118_RX_FIFO_INF_RXSUSED( prvRead( LAN9118_RX_FIFO_INF ) ) > 0U )
        {
            prvReceiveOne();
            ulBatch++;
        }

        prvWrite( LAN9118_INT_STS, LAN9118_INT_RSFL );

        if( LAN9118_RX_FIFO_INF_RXSUSED( prvRead( LAN9118_RX_FIFO_INF ) ) == 0U )
        {
            break;
        }
    }

    if( ulBatch > xDriver.xStats.ulRxBatchMax )
    {
        xDriver.xStats.ulRxBatchMax = ulBatch;
    }
}

static void prvPhyEvent( void )
{
    BaseType_t xUp;

    ( void ) prvPhyRead( LAN9118_PHY_INT_SOURCE ); /* clears the PHY's interrupt */
    xUp = prvPhyLinkUp();

    if( xUp != xDriver.xLinkUp )
    {
        xDriver.xLinkUp = xUp;
        xDriver.xStats.ulLinkChanges++;
        FreeRTOS_printf( ( "lan9118: link %s\n", ( xUp != pdFALSE ) ? "up" : "down" ) );

        if( xUp == pdFALSE )
        {
            /* The IP task calls pfInitialise() again (every few seconds)
             * until it reports the link back. */
            FreeRTOS_NetworkDown( xDriver.pxInterface );
        }
    }
}

static void prvDeferredTask( void * pvParameters )
{
    ( void ) pvParameters;

    for( ; ; )
    {
        uint32_t ulEvents;

        ( void ) ulTaskNotifyTake( pdTRUE, portMAX_DELAY );

        taskENTER_CRITICAL();
        ulEvents = xDriver.ulPending;
        xDriver.ulPending = 0U;
        taskEXIT_CRITICAL();

        if( ( ulEvents & lan9118INT_ERRORS ) != 0U )
        {
            if( ( ulEvents & LAN9118_INT_RXE ) != 0U )
            {
                xDriver.xStats.ulRxFifoErrors++;
            }

            if( ( ulEvents & LAN9118_INT_TXE ) != 0U )
            {
                xDriver.xStats.ulTxErrors++;
            }

            prvWrite( LAN9118_INT_STS, ulEvents & lan9118INT_ERRORS );
        }

        if( ( ulEvents & LAN9118_INT_PHY ) != 0U )
        {
            prvPhyEvent();
        }

        if( ( ulEvents & lan9118INT_RX ) != 0U )
        {
            prvDrainRx();
        }

        #if ( ipconfigZERO_COPY_TX_DRIVER != 0 )
            prvDrainTx();
        #endif

        if( ( ulEvents & lan9118INT_USED ) != 0U )
        {
            prvEnableSources( ulEvents & lan9118INT_USED );
        }
    }
}

/* ------------------------------------------------------------ set-up */

/* Proves that the controller's interrupt reaches this CPU on
 * LAN9118_IRQ_NUMBER with the pin configured as lan9118IRQ_CFG_VALUE:
 * the line must be quiet with no source enabled, and a software interrupt
 * (INT_EN bit 31) must run ETHERNET_IRQHandler(). */
static BaseType_t prvTestInterruptLine( void )
{
    uint32_t ulBefore = xDriver.xStats.ulSwInterrupts;
    TickType_t xStart;

    prvWrite( LAN9118_INT_EN, 0U );
    prvWrite( LAN9118_INT_STS, 0xFFFFFFFFUL );
    prvWrite( LAN9118_IRQ_CFG, lan9118IRQ_CFG_VALUE );
    prvSettle();
    lan9118NVIC_ICPR = lan9118NVIC_BIT;
    prvSettle();

    if( ( lan9118NVIC_ISPR & lan9118NVIC_BIT ) != 0U )
    {
        FreeRTOS_printf( ( "lan9118: interrupt line %u is asserted with nothing enabled (IRQ_CFG=0x%08lx); wrong polarity?\n",
                           ( unsigned ) LAN9118_IRQ_NUMBER, ( unsigned long ) prvRead( LAN9118_IRQ_CFG ) ) );
        return pdFAIL;
    }

    lan9118NVIC_ISER = lan9118NVIC_BIT;
    prvWrite( LAN9118_INT_EN, LAN9118_INT_SW );
    xStart = xTaskGetTickCount();

    while( xDriver.xStats.ulSwInterrupts == ulBefore )
    {
        if( ( xTaskGetTickCount() - xStart ) > pdMS_TO_TICKS( 100 ) )
        {
            prvWrite( LAN9118_INT_EN, 0U );
            FreeRTOS_printf( ( "lan9118: no interrupt on line %u within 100 ms (INT_STS=0x%08lx IRQ_CFG=0x%08lx)\n",
                               ( unsigned ) LAN9118_IRQ_NUMBER, ( unsigned long ) prvRead( LAN9118_INT_STS ),
                               ( unsigned long ) prvRead( LAN9118_IRQ_CFG ) ) );
            return pdFAIL;
        }

        vTaskDelay( 1 );
    }

    FreeRTOS_printf( ( "lan9118: interrupt line %u tested (software interrupt taken; IRQ_CFG=0x%08lx)\n",
                       ( unsigned ) LAN9118_IRQ_NUMBER, ( unsigned long ) prvRead( LAN9118_IRQ_CFG ) ) );
    return pdPASS;
}

static BaseType_t prvWaitClear( uint32_t ulOffset,
                                uint32_t ulMask,
                                uint32_t ulWant,
                                TickType_t xTimeout )
{
    TickType_t xStart = xTaskGetTickCount();

    while( ( prvRead( ulOffset ) & ulMask ) != ulWant )
    {
        if( ( xTaskGetTickCount() - xStart ) > xTimeout )
        {
            return pdFAIL;
        }

        vTaskDelay( 1 );
    }

    return pdPASS;
}

static BaseType_t prvHardwareInit( NetworkInterface_t * pxInterface )
{
    const NetworkEndPoint_t * pxEndPoint = FreeRTOS_FirstEndPoint( pxInterface );
    const uint8_t * pucMAC;
    uint32_t ulValue;

    if( pxEndPoint == NULL )
    {
        FreeRTOS_printf( ( "lan9118: the interface has no end-point (MAC address unknown)\n" ) );
        return pdFAIL;
    }

    pucMAC = pxEndPoint->xMACAddress.ucBytes;

    ulValue = prvRead( LAN9118_BYTE_TEST );

    if( ulValue != LAN9118_BYTE_TEST_VALUE )
    {
        FreeRTOS_printf( ( "lan9118: BYTE_TEST reads 0x%08lx, not 0x87654321: no controller at 0x%08lx\n",
                           ( unsigned long ) ulValue, ( unsigned long ) LAN9118_BASE_ADDRESS ) );
        return pdFAIL;
    }

    /* Quiet first: no interrupts while the controller resets. */
    lan9118NVIC_ICER = lan9118NVIC_BIT;
    prvWrite( LAN9118_INT_EN, 0U );

    prvWrite( LAN9118_HW_CFG, LAN9118_HW_CFG_SRST );

    if( ( prvWaitClear( LAN9118_HW_CFG, LAN9118_HW_CFG_SRST, 0U, pdMS_TO_TICKS( 100 ) ) != pdPASS ) ||
        ( prvWaitClear( LAN9118_PMT_CTRL, LAN9118_PMT_CTRL_READY, LAN9118_PMT_CTRL_READY, pdMS_TO_TICKS( 100 ) ) != pdPASS ) )
    {
        FreeRTOS_printf( ( "lan9118: soft reset did not complete\n" ) );
        return pdFAIL;
    }

    prvWrite( LAN9118_INT_EN, 0U );
    prvWrite( LAN9118_INT_STS, 0xFFFFFFFFUL );

    /* Station address. */
    prvMacWrite( LAN9118_MAC_ADDRL, ( uint32_t ) pucMAC[ 0 ] | ( ( uint32_t ) pucMAC[ 1 ] << 8 ) |
                 ( ( uint32_t ) pucMAC[ 2 ] << 16 ) | ( ( uint32_t ) pucMAC[ 3 ] << 24 ) );
    prvMacWrite( LAN9118_MAC_ADDRH, ( uint32_t ) pucMAC[ 4 ] | ( ( uint32_t ) pucMAC[ 5 ] << 8 ) );

    /* PHY: reset, advertise 10/100 both duplexes, auto-negotiate; interrupt
     * on link loss and on completed negotiation. */
    prvPhyWrite( LAN9118_PHY_BMCR, LAN9118_BMCR_RESET );
    {
        TickType_t xStart = xTaskGetTickCount();

        while( ( prvPhyRead( LAN9118_PHY_BMCR ) & LAN9118_BMCR_RESET ) != 0U )
        {
            if( ( xTaskGetTickCount() - xStart ) > pdMS_TO_TICKS( 500 ) )
            {
                FreeRTOS_printf( ( "lan9118: PHY reset did not complete\n" ) );
                return pdFAIL;
            }

            vTaskDelay( 1 );
        }
    }
    prvPhyWrite( LAN9118_PHY_ANAR, LAN9118_ANAR_DEFAULT );
    prvPhyWrite( LAN9118_PHY_BMCR, LAN9118_BMCR_AN_ENABLE | LAN9118_BMCR_AN_RESTART );
    prvPhyWrite( LAN9118_PHY_INT_MASK, LAN9118_PHY_INT_AN_COMPLETE | LAN9118_PHY_INT_LINK_DOWN );
    ( void ) prvPhyRead( LAN9118_PHY_INT_SOURCE );

    /* FIFOs: RSFL as soon as one status word is waiting; frames start
     * lan9118RX_OFFSET bytes into the first word; TX on, and the TX status
     * FIFO may overrun (this driver never reads it). */
    prvWrite( LAN9118_FIFO_INT, ( 0x48UL << LAN9118_FIFO_INT_TDAL_SHIFT ) | ( 0UL << LAN9118_FIFO_INT_RSL_SHIFT ) );
    prvWrite( LAN9118_RX_CFG, ( uint32_t ) lan9118RX_OFFSET << LAN9118_RX_CFG_RXDOFF_SHIFT );
    prvWrite( LAN9118_TX_CFG, LAN9118_TX_CFG_TX_ON | LAN9118_TX_CFG_TXSAO );

    /* MAC: transmit and receive, full duplex, own address + broadcast
     * (promiscuous mode, on after reset, goes off). */
    prvMacWrite( LAN9118_MAC_CR, LAN9118_MAC_CR_TXEN | LAN9118_MAC_CR_RXEN | LAN9118_MAC_CR_FDPX );
    prvSettle();

    /* NVIC: a priority from which FromISR calls are allowed. */
    lan9118NVIC_IPR = ( uint8_t ) lan9118IRQ_PRIORITY_BYTE;

    if( prvTestInterruptLine() != pdPASS )
    {
        lan9118NVIC_ICER = lan9118NVIC_BIT;
        return pdFAIL;
    }

    #if ( ipconfigZERO_COPY_TX_DRIVER != 0 )
        if( xDriver.xTxQueue == NULL )
        {
            xDriver.xTxQueue = xQueueCreate( ( UBaseType_t ) ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS,
                                             sizeof( uint8_t * ) );

            if( xDriver.xTxQueue == NULL )
            {
                FreeRTOS_printf( ( "lan9118: cannot create the transmit queue\n" ) );
                lan9118NVIC_ICER = lan9118NVIC_BIT;
                return pdFAIL;
            }
        }
    #endif

    if( xDriver.xTask == NULL )
    {
        if( xTaskCreate( prvDeferredTask, "lan9118", LAN9118_RX_TASK_STACK, NULL,
                         LAN9118_RX_TASK_PRIORITY, &xDriver.xTask ) != pdPASS )
        {
            FreeRTOS_printf( ( "lan9118: cannot create the receive task\n" ) );
            lan9118NVIC_ICER = lan9118NVIC_BIT;
            return pdFAIL;
        }
    }

    xDriver.xLinkUp = prvPhyLinkUp();
    xDriver.xStats.ulLinkUp = ( xDriver.xLinkUp != pdFALSE ) ? 1U : 0U;
    xDriver.xHardwareReady = pdTRUE;

    /* From here on the deferred task owns the MII. */
    prvWrite( LAN9118_INT_STS, lan9118INT_USED );
    prvEnableSources( lan9118INT_USED );

    FreeRTOS_printf( ( "lan9118: ready, ID_REV 0x%08lx, MAC %02x:%02x:%02x:%02x:%02x:%02x, link %s\n",
                       ( unsigned long ) prvRead( LAN9118_ID_REV ), pucMAC[ 0 ], pucMAC[ 1 ], pucMAC[ 2 ],
                       pucMAC[ 3 ], pucMAC[ 4 ], pucMAC[ 5 ], ( xDriver.xLinkUp != pdFALSE ) ? "up" : "down" ) );
    return pdPASS;
}

/* ------------------------------------------------------------ interface functions */

static BaseType_t prvInitialise( NetworkInterface_t * pxInterface )
{
    if( xDriver.xHardwareReady == pdFALSE )
    {
        if( prvHardwareInit( pxInterface ) != pdPASS )
        {
            return pdFAIL;
        }
    }

    return ( xDriver.xLinkUp != pdFALSE ) ? pdPASS : pdFAIL;
}

/* Waits (bounded) until the TX data FIFO has ulBytes free. */
static BaseType_t prvTxRoom( uint32_t ulBytes )
{
    TickType_t xStart;

    if( LAN9118_TX_FIFO_INF_TDFREE( prvRead( LAN9118_TX_FIFO_INF ) ) >= ulBytes )
    {
        return pdPASS;
    }

    xDriver.xStats.ulTxWaits++;
    xStart = xTaskGetTickCount();

    while( LAN9118_TX_FIFO_INF_TDFREE( prvRead( LAN9118_TX_FIFO_INF ) ) < ulBytes )
    {
        if( ( xTaskGetTickCount() - xStart ) > lan9118TX_ROOM_WAIT_TICKS )
        {
            return pdFAIL;
        }

        vTaskDelay( 1 );
    }

    return pdPASS;
}

/* Writes one frame from its network buffer into the TX data FIFO (the
 * CPU moves the words: the controller has no DMA). Counts; does not
 * release. */
static BaseType_t prvTransmit( const NetworkBufferDescriptor_t * pxBuffer )
{
    BaseType_t xResult = pdFAIL;

    if( ( pxBuffer != NULL ) && ( pxBuffer->pucEthernetBuffer != NULL ) )
    {
        size_t uxLength = pxBuffer->xDataLength;
        uintptr_t uxStart = ( uintptr_t ) pxBuffer->pucEthernetBuffer;
        uint32_t ulOffset = ( uint32_t ) ( uxStart & 3U );
        uint32_t ulWords = ( uint32_t ) ( ( uxLength + ulOffset + 3U ) / 4U );

        if( ( xDriver.xHardwareReady == pdFALSE ) || ( xDriver.xLinkUp == pdFALSE ) ||
            ( uxLength < lan9118MIN_FRAME ) || ( uxLength > lan9118MAX_FRAME ) )
        {
            xDriver.xStats.ulTxErrors++;
        }
        else if( prvTxRoom( ulWords * 4U + 8U ) != pdPASS )
        {
            xDriver.xStats.ulTxErrors++;
        }
        else
        {
            /* The words are read from the aligned address below the frame;
             * the command's data start offset skips the bytes in front. The
             * last word may extend up to 3 bytes past the frame, inside the
             * same (word-aligned) allocation. */
            const Lan9118Word_t * pulIn = ( const Lan9118Word_t * ) ( uxStart - ulOffset );
            uint32_t i;

            xDriver.usTxTag++;
            prvWrite( LAN9118_TX_DATA_FIFO, LAN9118_TXA_FIRST_SEG | LAN9118_TXA_LAST_SEG |
                      ( ulOffset << LAN9118_TXA_OFFSET_SHIFT ) | ( ( uint32_t ) uxLength & LAN9118_TXA_SIZE_MASK ) );
            prvWrite( LAN9118_TX_DATA_FIFO, ( ( uint32_t ) xDriver.usTxTag << LAN9118_TXB_TAG_SHIFT ) |
                      ( ( uint32_t ) uxLength & LAN9118_TXB_LENGTH_MASK ) );

            for( i = 0; i < ulWords; i++ )
            {
                prvWrite( LAN9118_TX_DATA_FIFO, pulIn[ i ] );
            }

            iptraceNETWORK_INTERFACE_TRANSMIT();
            xDriver.xStats.ulTxFrames++;
            xDriver.xStats.ulTxBytes += ( uint32_t ) uxLength;
            xResult = pdPASS;
        }
    }

    return xResult;
}

#if ( ipconfigZERO_COPY_TX_DRIVER != 0 )

/* The deferred task's half of zero-copy transmission: every frame
 * pfOutput() queued is written into the FIFO and its descriptor released
 * here. Waiting for FIFO room (prvTxRoom) thus blocks this task, never the
 * IP task. The queue holds frame addresses, as a DMA ring would, and the
 * descriptor is found again with pxPacketBuffer_to_NetworkBuffer(), the
 * way DMA drivers do when a transmission completes. */
    static void prvDrainTx( void )
    {
        uint8_t * pucFrame;

        while( xQueueReceive( xDriver.xTxQueue, &pucFrame, 0 ) == pdPASS )
        {
            NetworkBufferDescriptor_t * pxBuffer = pxPacketBuffer_to_NetworkBuffer( pucFrame );

            if( pxBuffer == NULL )
            {
                /* Not a buffer of the pool in use: nothing to send or free. */
                xDriver.xStats.ulTxErrors++;
                continue;
            }

            ( void ) prvTransmit( pxBuffer );
            vReleaseNetworkBufferAndDescriptor( pxBuffer );
            xDriver.xStats.ulTxDeferred++;
        }
    }

#endif /* ipconfigZERO_COPY_TX_DRIVER */

static BaseType_t prvOutput( NetworkInterface_t * pxInterface,
                             NetworkBufferDescriptor_t * const pxBuffer,
                             BaseType_t xReleaseAfterSend )
{
    BaseType_t xResult;

    ( void ) pxInterface;

    #if ( ipconfigZERO_COPY_TX_DRIVER != 0 )
    {
        /* The option's promise: the stack never keeps a buffer it hands
         * over, so the descriptor is the driver's from here on. It goes to
         * the deferred task, which owns the FIFOs, and is released there
         * once its words are in the controller. */
        configASSERT( xReleaseAfterSend != pdFALSE );

        if( ( pxBuffer != NULL ) && ( pxBuffer->pucEthernetBuffer != NULL ) && ( xReleaseAfterSend != pdFALSE ) &&
            ( xDriver.xTxQueue != NULL ) && ( xDriver.xTask != NULL ) && ( xDriver.xLinkUp != pdFALSE ) )
        {
            uint8_t * pucFrame = pxBuffer->pucEthernetBuffer;

            /* Never full: one entry per network buffer. */
            if( xQueueSendToBack( xDriver.xTxQueue, &pucFrame, 0 ) == pdPASS )
            {
                ( void ) xTaskNotifyGive( xDriver.xTask );
                return pdPASS;
            }
        }
    }
    #endif /* ipconfigZERO_COPY_TX_DRIVER */

    xResult = prvTransmit( pxBuffer );

    if( ( xReleaseAfterSend != pdFALSE ) && ( pxBuffer != NULL ) )
    {
        vReleaseNetworkBufferAndDescriptor( pxBuffer );
    }

    return xResult;
}

static BaseType_t prvGetPhyLinkStatus( NetworkInterface_t * pxInterface )
{
    ( void ) pxInterface;
    return xDriver.xLinkUp;
}

NetworkInterface_t * pxMPS2_FillInterfaceDescriptor( BaseType_t xEMACIndex,
                                                     NetworkInterface_t * pxInterface )
{
    if( ( pxInterface == NULL ) || ( xEMACIndex != 0 ) )
    {
        return NULL;
    }

    ( void ) memset( pxInterface, 0, sizeof( *pxInterface ) );
    pxInterface->pcName = "lan9118";
    pxInterface->pvArgument = ( void * ) &xDriver;
    pxInterface->pfInitialise = prvInitialise;
    pxInterface->pfOutput = prvOutput;
    pxInterface->pfGetPhyLinkStatus = prvGetPhyLinkStatus;

    xDriver.pxInterface = pxInterface;

    ( void ) FreeRTOS_AddNetworkInterface( pxInterface );

    return pxInterface;
}

#if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )
    NetworkInterface_t * pxFillInterfaceDescriptor( BaseType_t xEMACIndex,
                                                    NetworkInterface_t * pxInterface )
    {
        return pxMPS2_FillInterfaceDescriptor( xEMACIndex, pxInterface );
    }
#endif

/* ------------------------------------------------------------ BufferAllocation_1 */

/* With static network buffers (BufferAllocation_1) the stack asks the
 * driver for the frame memory. Each slot: ipBUFFER_PADDING bytes whose
 * first word points back to the descriptor, then the frame; slots are
 * 8-byte aligned, so frames start 2 bytes past a word boundary as the
 * receive fast path wants. With BufferAllocation_2 nothing references
 * this function and the linker drops it and the array (--gc-sections). */
#define lan9118BUFFER_SLOT    ( ( ( size_t ) ipBUFFER_PADDING + ( size_t ) ipTOTAL_ETHERNET_FRAME_SIZE + 7U ) & ~( size_t ) 7U )

static uint8_t ucStaticBuffers[ ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS ][ lan9118BUFFER_SLOT ] __attribute__( ( aligned( 8 ) ) );

size_t uxNetworkInterfaceAllocateRAMToBuffers( NetworkBufferDescriptor_t pxNetworkBuffers[ ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS ] )
{
    size_t x;

    for( x = 0; x < ( size_t ) ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS; x++ )
    {
        NetworkBufferDescriptor_t * pxDescriptor = &pxNetworkBuffers[ x ];

        ( void ) memcpy( ucStaticBuffers[ x ], &pxDescriptor, sizeof( pxDescriptor ) );
        pxDescriptor->pucEthernetBuffer = &ucStaticBuffers[ x ][ ipBUFFER_PADDING ];
    }

    return ( size_t ) ipTOTAL_ETHERNET_FRAME_SIZE;
}

/* ------------------------------------------------------------ statistics */

void vLan9118_GetStats( Lan9118Stats_t * pxStats )
{
    if( pxStats != NULL )
    {
        taskENTER_CRITICAL();
        *pxStats = xDriver.xStats;
        pxStats->ulLinkUp = ( xDriver.xLinkUp != pdFALSE ) ? 1U : 0U;
        taskEXIT_CRITICAL();
    }
}

void vLan9118_PrintStats( void )
{
    Lan9118Stats_t xS;

    vLan9118_GetStats( &xS );
    FreeRTOS_printf( ( "LAN9118 irq=%lu spurious=%lu sw_irq=%lu rx=%lu rx_bytes=%lu rx_err=%lu rx_nobuf=%lu "
                       "rx_filtered=%lu rx_qfull=%lu rx_batch_max=%lu rx_fifo_err=%lu tx=%lu tx_bytes=%lu "
                       "tx_err=%lu tx_waits=%lu link_changes=%lu tx_deferred=%lu link=%s\n",
                       ( unsigned long ) xS.ulInterrupts, ( unsigned long ) xS.ulSpurious,
                       ( unsigned long ) xS.ulSwInterrupts, ( unsigned long ) xS.ulRxFrames,
                       ( unsigned long ) xS.ulRxBytes, ( unsigned long ) xS.ulRxErrors,
                       ( unsigned long ) xS.ulRxNoBuffer, ( unsigned long ) xS.ulRxFiltered,
                       ( unsigned long ) xS.ulRxQueueFull, ( unsigned long ) xS.ulRxBatchMax,
                       ( unsigned long ) xS.ulRxFifoErrors, ( unsigned long ) xS.ulTxFrames,
                       ( unsigned long ) xS.ulTxBytes, ( unsigned long ) xS.ulTxErrors,
                       ( unsigned long ) xS.ulTxWaits, ( unsigned long ) xS.ulLinkChanges,
                       ( unsigned long ) xS.ulTxDeferred,
                       ( xS.ulLinkUp != 0U ) ? "up" : "down" ) );
}
