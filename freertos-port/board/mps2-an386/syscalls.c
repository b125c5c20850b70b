/*
 * The system calls newlib(-nano) needs, for a board without an operating
 * system underneath (the image is linked with --specs=nano.specs and
 * without nosys.specs, so every one of these is ours):
 *
 *   _write   stdout and stderr go to UART0; other descriptors fail (EBADF)
 *   _read    nothing to read: end of file
 *   _sbrk    newlib's own heap, a fixed region reserved by the linker script
 *            (__sbrk_heap_start .. __sbrk_heap_end); never grows into the
 *            stack. The TCP/IP stack and the application use the FreeRTOS
 *            heap (pvPortMalloc); this one only serves newlib internals.
 *   _exit    semihosting exit (vBoardExit)
 *   _close, _fstat, _isatty, _lseek, _kill, _getpid: minimal answers
 *
 * __malloc_lock/__malloc_unlock (newlib's hooks) suspend the scheduler, so
 * newlib's malloc is safe to call from tasks.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "mps2_an386.h"

#undef errno
extern int errno;

extern uint8_t __sbrk_heap_start[];
extern uint8_t __sbrk_heap_end[];

int _write( int iFd,
            const char * pcData,
            int iLength );
int _read( int iFd,
           char * pcData,
           int iLength );
void * _sbrk( ptrdiff_t xIncrement );
void _exit( int iStatus );
int _close( int iFd );
int _fstat( int iFd,
            struct stat * pxStat );
int _isatty( int iFd );
int _lseek( int iFd,
            int iOffset,
            int iWhence );
int _kill( int iPid,
           int iSignal );
int _getpid( void );

int _write( int iFd,
            const char * pcData,
            int iLength )
{
    if( ( iFd != 1 ) && ( iFd != 2 ) )
    {
        errno = EBADF;
        return -1;
    }

    if( iLength > 0 )
    {
        vBoardUartWrite( pcData, ( uint32_t ) iLength );
    }

    return iLength;
}

int _read( int iFd,
           char * pcData,
           int iLength )
{
    ( void ) iFd;
    ( void ) pcData;
    ( void ) iLength;
    return 0;
}

void * _sbrk( ptrdiff_t xIncrement )
{
    static uint8_t * pucBreak = __sbrk_heap_start;
    uint8_t * pucOld = pucBreak;

    if( ( xIncrement > ( __sbrk_heap_end - pucBreak ) ) || ( xIncrement < ( __sbrk_heap_start - pucBreak ) ) )
    {
        errno = ENOMEM;
        return ( void * ) -1;
    }

    pucBreak += xIncrement;
    return pucOld;
}

void _exit( int iStatus )
{
    vBoardExit( iStatus );
}

int _close( int iFd )
{
    ( void ) iFd;
    errno = EBADF;
    return -1;
}

int _fstat( int iFd,
            struct stat * pxStat )
{
    ( void ) iFd;
    pxStat->st_mode = S_IFCHR;
    return 0;
}

int _isatty( int iFd )
{
    return ( ( iFd >= 0 ) && ( iFd <= 2 ) ) ? 1 : 0;
}

int _lseek( int iFd,
            int iOffset,
            int iWhence )
{
    ( void ) iFd;
    ( void ) iOffset;
    ( void ) iWhence;
    return 0;
}

int _kill( int iPid,
           int iSignal )
{
    ( void ) iPid;
    ( void ) iSignal;
    errno = EINVAL;
    return -1;
}

int _getpid( void )
{
    return 1;
}
