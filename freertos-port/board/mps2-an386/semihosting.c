/*
 * Program exit through ARM semihosting, so that QEMU's exit status is the
 * firmware's verdict (tests read it).
 *
 * Call: r0 = 0x20 (SYS_EXIT_EXTENDED), r1 = address of two words
 * { 0x20026 (ADP_Stopped_ApplicationExit), exit code }, then "bkpt 0xab"
 * (the Thumb semihosting trap). QEMU must run with
 * "-semihosting-config enable=on,target=native".
 */
#include <stdint.h>

#include "mps2_an386.h"

#define SEMIHOSTING_SYS_EXIT_EXTENDED        0x20UL
#define SEMIHOSTING_ADP_STOPPED_APP_EXIT     0x20026UL

void vBoardExit( int iStatus )
{
    volatile uint32_t ulBlock[ 2 ];

    ulBlock[ 0 ] = SEMIHOSTING_ADP_STOPPED_APP_EXIT;
    ulBlock[ 1 ] = ( uint32_t ) iStatus;

    {
        register uint32_t r0 __asm( "r0" ) = SEMIHOSTING_SYS_EXIT_EXTENDED;
        register uint32_t r1 __asm( "r1" ) = ( uint32_t ) ( uintptr_t ) ulBlock;

        __asm volatile ( "bkpt 0xab" : "+r" ( r0 ) : "r" ( r1 ) : "memory" );
    }

    /* No semihosting host: stop here. */
    __asm volatile ( "cpsid i" ::: "memory" );

    for( ; ; )
    {
        __asm volatile ( "wfi" );
    }
}
