/*
 * lan9118-irqprobe: a bare-metal test image (no FreeRTOS, no TCP/IP) that
 * finds which NVIC line the LAN9118 drives on mps2-an386 and checks the
 * enable bits the driver relies on. Run by tests/e2e/board_irq.sh under
 * QEMU; prints one "PROBE ..." line per check and exits (semihosting) with
 * 0 when every check passed, 1 otherwise.
 *
 * All external interrupts stay disabled in the NVIC: a pending bit (ISPR)
 * shows the level of each line without any handler running, so every one
 * of the 32 lines can be watched at once.
 *
 *  1  identity: BYTE_TEST = 0x87654321, ID_REV = 0x0118xxxx
 *  2  the reset configuration (IRQ_CFG = 0: output disabled, active-low
 *     polarity) ASSERTS the line: going back to it from a quiet pin raises
 *     line 13 -- an active-low pin idles high, and this board's NVIC input
 *     is active high
 *  3  IRQ_POL | IRQ_TYPE (active high, push-pull), IRQ_EN clear: the line
 *     goes quiet -- and stays quiet with IRQ_EN set and nothing enabled
 *  4  software interrupt (INT_EN bit 31): exactly one line rises; it must
 *     be line 13 (the number the driver uses)
 *  5  clearing the source drops the line: raising it again gives a new
 *     rising edge
 *  6  IRQ_EN clear gates the pin while a source is pending (IRQ_INT in
 *     IRQ_CFG still reports it)
 *  7  IRQ_EN with the reset polarity: the line rises with nothing enabled
 *     (the failure the driver avoids by setting IRQ_POL and IRQ_TYPE)
 *  8  RSFL with a real frame: PHY loopback (BMCR bit 14), MAC TX/RX on,
 *     one frame written to the TX FIFO comes back through the RX FIFO; the
 *     RX status FIFO level flag (INT_STS bit 3) is set and, with INT_EN
 *     bit 3, line 13 rises; the frame reads back byte-exact with the 2-byte
 *     RXDOFF and the 2-byte TX data start offset the driver uses
 *  9  RSFL latches while disabled in INT_EN and raises the line as soon as
 *     it is enabled (the driver's "no lost wake-up" argument)
 * 10  the handler path: line 13 enabled in the NVIC with the software
 *     interrupt -> ETHERNET_IRQHandler (vector 16 + 13) runs exactly once
 *
 * A line "rises" when its NVIC pending bit, cleared just before a change,
 * is set just after it (QEMU pends a level-sensitive line on its rising
 * edge; hardware would keep it pending while high, which reads the same).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "mps2_an386.h"
#include "lan9118_regs.h"

#define REG( off )    BOARD_REG32( BOARD_LAN9118_BASE + ( off ) )

static int iFailures = 0;
static volatile uint32_t ulHandlerRuns = 0;

static void prvPrint( const char * pcText )
{
    vBoardUartPuts( pcText );
}

static void prvCheck( int iNumber,
                      int iOk,
                      const char * pcWhat,
                      const char * pcDetail )
{
    char cLine[ 200 ];

    ( void ) snprintf( cLine, sizeof( cLine ), "PROBE %d %s: %s%s%s\n", iNumber, iOk ? "ok" : "FAILED",
                       pcWhat, ( pcDetail[ 0 ] != '\0' ) ? " -- " : "", pcDetail );
    prvPrint( cLine );

    if( !iOk )
    {
        iFailures++;
    }
}

static void prvDelay( void )
{
    volatile int i;

    for( i = 0; i < 2000; i++ )
    {
    }

    __asm volatile ( "dsb\n isb" ::: "memory" );
}

/* Forgets every pending external line. */
static void prvClearPending( void )
{
    prvDelay();
    BOARD_NVIC_ICPR( 0 ) = 0xFFFFFFFFUL;
    __asm volatile ( "dsb\n isb" ::: "memory" );
}

/* The lines that rose since the last prvClearPending(). */
static uint32_t prvRisen( void )
{
    prvDelay();
    return BOARD_NVIC_ISPR( 0 );
}

static int prvLowestBit( uint32_t ulMask )
{
    int i;

    for( i = 0; i < 32; i++ )
    {
        if( ( ulMask & ( 1UL << i ) ) != 0U )
        {
            return i;
        }
    }

    return -1;
}

static uint32_t prvMacRead( uint32_t ulIndex )
{
    REG( LAN9118_MAC_CSR_CMD ) = LAN9118_MAC_CSR_BUSY | LAN9118_MAC_CSR_READ | ulIndex;

    while( ( REG( LAN9118_MAC_CSR_CMD ) & LAN9118_MAC_CSR_BUSY ) != 0U )
    {
    }

    return REG( LAN9118_MAC_CSR_DATA );
}

static void prvMacWrite( uint32_t ulIndex,
                         uint32_t ulValue )
{
    REG( LAN9118_MAC_CSR_DATA ) = ulValue;
    REG( LAN9118_MAC_CSR_CMD ) = LAN9118_MAC_CSR_BUSY | ulIndex;

    while( ( REG( LAN9118_MAC_CSR_CMD ) & LAN9118_MAC_CSR_BUSY ) != 0U )
    {
    }
}

static void prvPhyWrite( uint32_t ulRegister,
                         uint32_t ulValue )
{
    prvMacWrite( LAN9118_MAC_MII_DATA, ulValue );
    prvMacWrite( LAN9118_MAC_MII_ACC, ( LAN9118_INTERNAL_PHY_ADDRESS << LAN9118_MII_ACC_PHY_SHIFT ) |
                 ( ulRegister << LAN9118_MII_ACC_REG_SHIFT ) | LAN9118_MII_ACC_WRITE | LAN9118_MII_ACC_BUSY );
}

static uint32_t prvPhyRead( uint32_t ulRegister )
{
    prvMacWrite( LAN9118_MAC_MII_ACC, ( LAN9118_INTERNAL_PHY_ADDRESS << LAN9118_MII_ACC_PHY_SHIFT ) |
                 ( ulRegister << LAN9118_MII_ACC_REG_SHIFT ) | LAN9118_MII_ACC_BUSY );
    return prvMacRead( LAN9118_MAC_MII_DATA ) & 0xFFFFU;
}

void ETHERNET_IRQHandler( void );
void ETHERNET_IRQHandler( void )
{
    ulHandlerRuns++;
    REG( LAN9118_INT_EN ) = 0U;
    REG( LAN9118_INT_STS ) = 0xFFFFFFFFUL;
    ( void ) REG( LAN9118_INT_EN );
}

static const uint32_t ulCfgGood = LAN9118_IRQ_CFG_IRQ_EN | LAN9118_IRQ_CFG_IRQ_POL | LAN9118_IRQ_CFG_IRQ_TYPE;

int main( void )
{
    char cDetail[ 200 ];
    uint32_t ulLines;
    uint32_t ulValue;
    int iLine = -1;
    const uint32_t ulBit = 1UL << BOARD_LAN9118_IRQn;

    vBoardUartInit();
    prvPrint( "PROBE start: LAN9118 interrupt line on mps2-an386\n" );

    __asm volatile ( "cpsid i" ::: "memory" );
    BOARD_NVIC_ICER( 0 ) = 0xFFFFFFFFUL;

    /* 1 */
    ulValue = REG( LAN9118_BYTE_TEST );
    ( void ) snprintf( cDetail, sizeof( cDetail ), "BYTE_TEST=0x%08lx ID_REV=0x%08lx",
                       ( unsigned long ) ulValue, ( unsigned long ) REG( LAN9118_ID_REV ) );
    prvCheck( 1, ( ulValue == LAN9118_BYTE_TEST_VALUE ) && ( ( REG( LAN9118_ID_REV ) >> 16 ) == 0x0118U ),
              "controller identity", cDetail );

    REG( LAN9118_HW_CFG ) = LAN9118_HW_CFG_SRST;

    while( ( REG( LAN9118_HW_CFG ) & LAN9118_HW_CFG_SRST ) != 0U )
    {
    }

    REG( LAN9118_INT_EN ) = 0U;
    REG( LAN9118_INT_STS ) = 0xFFFFFFFFUL;

    /* 2: from a quiet pin back to the reset configuration. */
    REG( LAN9118_IRQ_CFG ) = LAN9118_IRQ_CFG_IRQ_POL | LAN9118_IRQ_CFG_IRQ_TYPE;
    prvClearPending();
    REG( LAN9118_IRQ_CFG ) = 0U;
    ulLines = prvRisen();
    ( void ) snprintf( cDetail, sizeof( cDetail ), "IRQ_CFG=0x%08lx INT_EN=0x%08lx risen lines 0x%08lx",
                       ( unsigned long ) REG( LAN9118_IRQ_CFG ), ( unsigned long ) REG( LAN9118_INT_EN ),
                       ( unsigned long ) ulLines );
    prvCheck( 2, ulLines == ulBit, "reset configuration (IRQ_CFG=0, active low): line 13 asserted while idle", cDetail );

    /* 3 */
    REG( LAN9118_IRQ_CFG ) = LAN9118_IRQ_CFG_IRQ_POL | LAN9118_IRQ_CFG_IRQ_TYPE;
    prvClearPending();
    REG( LAN9118_IRQ_CFG ) = ulCfgGood;
    ulLines = prvRisen();
    ( void ) snprintf( cDetail, sizeof( cDetail ), "IRQ_CFG=0x%08lx pending lines 0x%08lx",
                       ( unsigned long ) REG( LAN9118_IRQ_CFG ), ( unsigned long ) ulLines );
    prvCheck( 3, ulLines == 0U, "IRQ_EN|IRQ_POL|IRQ_TYPE, nothing enabled: no line rises", cDetail );

    /* 4 */
    prvClearPending();
    REG( LAN9118_INT_EN ) = LAN9118_INT_SW;
    ulLines = prvRisen();
    iLine = prvLowestBit( ulLines );
    ( void ) snprintf( cDetail, sizeof( cDetail ), "INT_STS=0x%08lx IRQ_CFG=0x%08lx risen lines 0x%08lx => line %d",
                       ( unsigned long ) REG( LAN9118_INT_STS ), ( unsigned long ) REG( LAN9118_IRQ_CFG ),
                       ( unsigned long ) ulLines, iLine );
    prvCheck( 4, ulLines == ulBit, "software interrupt raises exactly one line, number 13", cDetail );

    /* 5 */
    REG( LAN9118_INT_EN ) = 0U;
    REG( LAN9118_INT_STS ) = LAN9118_INT_SW;
    prvClearPending();
    ulLines = prvRisen();
    REG( LAN9118_INT_EN ) = LAN9118_INT_SW;
    ulValue = prvRisen();
    ( void ) snprintf( cDetail, sizeof( cDetail ), "after clearing: 0x%08lx; raised again: 0x%08lx",
                       ( unsigned long ) ulLines, ( unsigned long ) ulValue );
    prvCheck( 5, ( ulLines == 0U ) && ( ulValue == ulBit ), "clearing the source drops the line", cDetail );
    REG( LAN9118_INT_EN ) = 0U;
    REG( LAN9118_INT_STS ) = LAN9118_INT_SW;

    /* 6 */
    REG( LAN9118_IRQ_CFG ) = LAN9118_IRQ_CFG_IRQ_POL | LAN9118_IRQ_CFG_IRQ_TYPE;
    prvClearPending();
    REG( LAN9118_INT_EN ) = LAN9118_INT_SW;
    ulLines = prvRisen();
    ( void ) snprintf( cDetail, sizeof( cDetail ), "INT_STS=0x%08lx IRQ_CFG=0x%08lx risen lines 0x%08lx",
                       ( unsigned long ) REG( LAN9118_INT_STS ), ( unsigned long ) REG( LAN9118_IRQ_CFG ),
                       ( unsigned long ) ulLines );
    prvCheck( 6, ( ulLines == 0U ) && ( ( REG( LAN9118_IRQ_CFG ) & LAN9118_IRQ_CFG_IRQ_INT ) != 0U ),
              "IRQ_EN clear gates the pin (IRQ_INT still reports the source)", cDetail );
    REG( LAN9118_INT_EN ) = 0U;
    REG( LAN9118_INT_STS ) = 0xFFFFFFFFUL;

    /* 7 */
    prvClearPending();
    REG( LAN9118_IRQ_CFG ) = LAN9118_IRQ_CFG_IRQ_EN;
    ulLines = prvRisen();
    ( void ) snprintf( cDetail, sizeof( cDetail ), "IRQ_CFG=0x%08lx INT_EN=0x%08lx risen lines 0x%08lx",
                       ( unsigned long ) REG( LAN9118_IRQ_CFG ), ( unsigned long ) REG( LAN9118_INT_EN ),
                       ( unsigned long ) ulLines );
    prvCheck( 7, ulLines == ulBit, "IRQ_EN with the reset polarity: line rises with nothing enabled", cDetail );
    REG( LAN9118_IRQ_CFG ) = ulCfgGood;
    /* 8: a frame through the PHY loopback. */
    {
        static uint8_t ucTx[ 8 + 64 ] __attribute__( ( aligned( 4 ) ) );
        static uint8_t ucRx[ 8 + 64 + 8 ] __attribute__( ( aligned( 4 ) ) );
        const uint32_t ulLength = 60U;
        uint8_t * pucFrame = &ucTx[ 2 ]; /* 2 bytes past a word, as the stack's buffers */
        uint32_t ulStatus, ulWords, i, ulInf;
        uint32_t * pulRx = ( uint32_t * ) ( void * ) ucRx;
        int iSame;

        for( i = 0; i < ulLength; i++ )
        {
            pucFrame[ i ] = ( uint8_t ) ( 0xA0U + i * 7U );
        }

        /* Destination = our address, so the MAC filter passes it. */
        ( void ) memcpy( pucFrame, "\x52\x54\x00\x12\x34\x56", 6 );
        prvMacWrite( LAN9118_MAC_ADDRL, 0x12005452UL );
        prvMacWrite( LAN9118_MAC_ADDRH, 0x5634UL );
        prvPhyWrite( LAN9118_PHY_BMCR, LAN9118_BMCR_LOOPBACK );
        REG( LAN9118_FIFO_INT ) = ( 0x48UL << LAN9118_FIFO_INT_TDAL_SHIFT );
        REG( LAN9118_RX_CFG ) = 2UL << LAN9118_RX_CFG_RXDOFF_SHIFT;
        REG( LAN9118_TX_CFG ) = LAN9118_TX_CFG_TX_ON | LAN9118_TX_CFG_TXSAO;
        prvMacWrite( LAN9118_MAC_CR, LAN9118_MAC_CR_TXEN | LAN9118_MAC_CR_RXEN | LAN9118_MAC_CR_FDPX );
        REG( LAN9118_INT_STS ) = 0xFFFFFFFFUL;
        REG( LAN9118_INT_EN ) = LAN9118_INT_RSFL;
        prvClearPending();

        REG( LAN9118_TX_DATA_FIFO ) = LAN9118_TXA_FIRST_SEG | LAN9118_TXA_LAST_SEG | ( 2UL << LAN9118_TXA_OFFSET_SHIFT ) | ulLength;
        REG( LAN9118_TX_DATA_FIFO ) = ( 0x1234UL << LAN9118_TXB_TAG_SHIFT ) | ulLength;

        for( i = 0; i < ( ulLength + 2U + 3U ) / 4U; i++ )
        {
            REG( LAN9118_TX_DATA_FIFO ) = ( ( uint32_t * ) ( void * ) ucTx )[ i ];
        }

        ulLines = prvRisen();
        ulInf = REG( LAN9118_RX_FIFO_INF );
        ulValue = REG( LAN9118_INT_STS );
        ulStatus = REG( LAN9118_RX_STATUS_FIFO );
        ulWords = ( LAN9118_RX_STS_LENGTH( ulStatus ) + 2U + 3U ) / 4U;

        for( i = 0; ( i < ulWords ) && ( i < sizeof( ucRx ) / 4U ); i++ )
        {
            pulRx[ i ] = REG( LAN9118_RX_DATA_FIFO );
        }

        iSame = ( LAN9118_RX_STS_LENGTH( ulStatus ) == ulLength + 4U ) &&
                ( memcmp( &ucRx[ 2 ], pucFrame, ulLength ) == 0 );
        ( void ) snprintf( cDetail, sizeof( cDetail ),
                           "RX_FIFO_INF=0x%08lx INT_STS=0x%08lx status=0x%08lx pending lines 0x%08lx data %s",
                           ( unsigned long ) ulInf, ( unsigned long ) ulValue, ( unsigned long ) ulStatus,
                           ( unsigned long ) ulLines, iSame ? "identical" : "DIFFERENT" );
        prvCheck( 8, ( ( ulValue & LAN9118_INT_RSFL ) != 0U ) && ( ulLines == ( 1UL << BOARD_LAN9118_IRQn ) ) &&
                  ( LAN9118_RX_FIFO_INF_RXSUSED( ulInf ) == 1U ) && iSame,
                  "loopback frame sets RSFL, asserts line 13, reads back byte-exact", cDetail );

        /* 9: RSFL latches while masked, fires on enable. */
        REG( LAN9118_INT_EN ) = 0U;
        REG( LAN9118_INT_STS ) = LAN9118_INT_RSFL;
        prvClearPending();

        REG( LAN9118_TX_DATA_FIFO ) = LAN9118_TXA_FIRST_SEG | LAN9118_TXA_LAST_SEG | ( 2UL << LAN9118_TXA_OFFSET_SHIFT ) | ulLength;
        REG( LAN9118_TX_DATA_FIFO ) = ( 0x1235UL << LAN9118_TXB_TAG_SHIFT ) | ulLength;

        for( i = 0; i < ( ulLength + 2U + 3U ) / 4U; i++ )
        {
            REG( LAN9118_TX_DATA_FIFO ) = ( ( uint32_t * ) ( void * ) ucTx )[ i ];
        }

        ulLines = prvRisen();
        ulValue = REG( LAN9118_INT_STS );
        prvClearPending();
        REG( LAN9118_INT_EN ) = LAN9118_INT_RSFL;
        ulInf = prvRisen();
        ( void ) snprintf( cDetail, sizeof( cDetail ),
                           "masked: INT_STS=0x%08lx lines 0x%08lx; enabled: lines 0x%08lx",
                           ( unsigned long ) ulValue, ( unsigned long ) ulLines, ( unsigned long ) ulInf );
        prvCheck( 9, ( ( ulValue & LAN9118_INT_RSFL ) != 0U ) && ( ulLines == 0U ) &&
                  ( ulInf == ( 1UL << BOARD_LAN9118_IRQn ) ),
                  "RSFL latches while masked and asserts the line when enabled", cDetail );

        REG( LAN9118_INT_EN ) = 0U;
        REG( LAN9118_RX_CFG ) = LAN9118_RX_CFG_RX_DUMP;
        REG( LAN9118_INT_STS ) = 0xFFFFFFFFUL;
        prvPhyWrite( LAN9118_PHY_BMCR, LAN9118_BMCR_AN_ENABLE );
        ( void ) prvPhyRead( LAN9118_PHY_BMCR );
    }

    /* 10: the real handler through the vector table. */
    vBoardNvicSetPriority( BOARD_LAN9118_IRQn, 6 );
    prvClearPending(); /* stale rises from the checks above */
    vBoardNvicEnable( BOARD_LAN9118_IRQn );
    __asm volatile ( "cpsie i" ::: "memory" );
    REG( LAN9118_INT_EN ) = LAN9118_INT_SW;
    prvDelay();
    ( void ) snprintf( cDetail, sizeof( cDetail ), "handler runs %lu, INT_EN after 0x%08lx",
                       ( unsigned long ) ulHandlerRuns, ( unsigned long ) REG( LAN9118_INT_EN ) );
    prvCheck( 10, ulHandlerRuns == 1U, "ETHERNET_IRQHandler (vector 29) runs once for one software interrupt", cDetail );
    vBoardNvicDisable( BOARD_LAN9118_IRQn );

    ( void ) snprintf( cDetail, sizeof( cDetail ), "PROBE result: %s (%d failed); LAN9118 interrupt line = %d\n",
                       ( iFailures == 0 ) ? "PASS" : "FAIL", iFailures, iLine );
    prvPrint( cDetail );
    vBoardExit( ( iFailures == 0 ) ? 0 : 1 );
}
