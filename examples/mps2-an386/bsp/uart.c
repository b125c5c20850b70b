/*
 * Console on UART0 of the MPS2 board (CMSDK APB UART at 0x40004000: DATA
 * +0x00, STATE +0x04 with bit 0 = TX full, CTRL +0x08 with bit 0 = TX enable,
 * BAUDDIV +0x10), polled; newlib's printf writes through _write().
 */
#include <stdint.h>
#include <sys/types.h>

#define uartBASE       0x40004000UL
#define uartDATA       ( *( volatile uint32_t * ) ( uartBASE + 0x00UL ) )
#define uartSTATE      ( *( volatile uint32_t * ) ( uartBASE + 0x04UL ) )
#define uartCTRL       ( *( volatile uint32_t * ) ( uartBASE + 0x08UL ) )
#define uartBAUDDIV    ( *( volatile uint32_t * ) ( uartBASE + 0x10UL ) )

void vBspUartInit( void );
int _write( int iFile, const char * pcData, int iLength );

void vBspUartInit( void )
{
    uartBAUDDIV = 25000000UL / 115200UL;
    uartCTRL = 1UL;
}

int _write( int iFile, const char * pcData, int iLength )
{
    int i;

    ( void ) iFile;

    for( i = 0; i < iLength; i++ )
    {
        while( ( uartSTATE & 1UL ) != 0UL )
        {
        }

        uartDATA = ( uint32_t ) ( uint8_t ) pcData[ i ];
    }

    return iLength;
}
