/*
 * UART0 of the MPS2 board: an ARM CMSDK APB UART at 0x40004000.
 *
 * Registers used: DATA (+0x00), STATE (+0x04; bit 0 = transmit buffer
 * full), CTRL (+0x08; bit 0 = transmitter enable), BAUDDIV (+0x10; the
 * divider of the 25 MHz peripheral clock, at least 16).
 *
 * Output is polled: each byte waits until the one-byte transmit buffer is
 * free. Under QEMU the byte leaves at once; on hardware at 115200 baud a
 * character takes about 87 us, which is why the logging layer above
 * (board.c) serialises whole lines with a mutex instead of a critical
 * section.
 */
#include <stdint.h>

#include "mps2_an386.h"

#define UART_DATA       BOARD_REG32( BOARD_UART0_BASE + 0x00UL )
#define UART_STATE      BOARD_REG32( BOARD_UART0_BASE + 0x04UL )
#define UART_CTRL       BOARD_REG32( BOARD_UART0_BASE + 0x08UL )
#define UART_BAUDDIV    BOARD_REG32( BOARD_UART0_BASE + 0x10UL )

#define UART_STATE_TX_FULL    ( 1UL << 0 )
#define UART_CTRL_TX_EN       ( 1UL << 0 )

#define UART_BAUD             115200UL

void vBoardUartInit( void )
{
    UART_BAUDDIV = BOARD_SYSCLK_HZ / UART_BAUD;
    UART_CTRL = UART_CTRL_TX_EN;
}

static void prvPutc( char c )
{
    while( ( UART_STATE & UART_STATE_TX_FULL ) != 0U )
    {
    }

    UART_DATA = ( uint32_t ) ( uint8_t ) c;
}

void vBoardUartWrite( const char * pcData,
                      uint32_t ulLength )
{
    uint32_t i;

    for( i = 0; i < ulLength; i++ )
    {
        prvPutc( pcData[ i ] );
    }
}

void vBoardUartPuts( const char * pcText )
{
    while( *pcText != '\0' )
    {
        prvPutc( *pcText++ );
    }
}

void vBoardPutHex( uint32_t ulValue )
{
    static const char cDigits[] = "0123456789abcdef";
    char cOut[ 8 ];
    int i;

    for( i = 7; i >= 0; i-- )
    {
        cOut[ i ] = cDigits[ ulValue & 0xFU ];
        ulValue >>= 4;
    }

    vBoardUartWrite( cOut, sizeof( cOut ) );
}
