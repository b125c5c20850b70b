/*
 * ipconfigFPTCP_PCAP_CAPTURE on the board (fw-ext-slirp, fw-bad-ext-tap):
 * every frame in and out streamed to a file on the host through ARM
 * semihosting, as a pcap capture Wireshark opens. QEMU (run with
 * "-semihosting-config enable=on,target=native") writes the file
 * "fptcp-capture.pcap" in its working directory; scripts/demo --pcap FILE
 * moves it to FILE. Without the option this file is empty.
 *
 * Semihosting calls: r0 = operation, r1 = address of its argument block,
 * "bkpt 0xab"; the result comes back in r0. SYS_OPEN (0x01) takes
 * { path, mode, length of path } (mode 5 = "wb") and returns a handle or -1;
 * SYS_WRITE (0x05) takes { handle, buffer, length } and returns the bytes
 * NOT written.
 */
#include <stdint.h>
#include <string.h>

#include "FreeRTOS.h"
#include "task.h"

#include "FreeRTOS_IP.h"
#include "fptcp_extensions.h"

#include "fw_app.h"

#if ( ipconfigFPTCP_PCAP_CAPTURE == 1 )

#define fwSYS_OPEN     0x01UL
#define fwSYS_WRITE    0x05UL
#define fwMODE_WB      5UL

static uint32_t prvSemihost( uint32_t ulOp,
                             volatile uint32_t * pulBlock )
{
    register uint32_t r0 __asm( "r0" ) = ulOp;
    register uint32_t r1 __asm( "r1" ) = ( uint32_t ) ( uintptr_t ) pulBlock;

    __asm volatile ( "bkpt 0xab" : "+r" ( r0 ) : "r" ( r1 ) : "memory" );
    return r0;
}

static void prvWrite( uint32_t ulHandle,
                      const uint8_t * pucData,
                      size_t uxLength )
{
    volatile uint32_t ulBlock[ 3 ];

    ulBlock[ 0 ] = ulHandle;
    ulBlock[ 1 ] = ( uint32_t ) ( uintptr_t ) pucData;
    ulBlock[ 2 ] = ( uint32_t ) uxLength;
    ( void ) prvSemihost( fwSYS_WRITE, ulBlock );
}

/* The stack's hook: called with its lock held; the semihosting call stops
 * the core while QEMU writes, so it is one short trap per piece. */
static void prvRecord( void * pvContext,
                       const uint8_t * pucHeader,
                       const uint8_t * pucFrame,
                       size_t uxLength )
{
    uint32_t ulHandle = ( uint32_t ) ( uintptr_t ) pvContext;

    prvWrite( ulHandle, pucHeader, 16U );
    prvWrite( ulHandle, pucFrame, uxLength );
}

void vFwPcapStart( void )
{
    static const char cPath[] = "fptcp-capture.pcap";
    volatile uint32_t ulBlock[ 3 ];
    uint8_t ucHeader[ 24 ];
    uint32_t ulHandle;

    ulBlock[ 0 ] = ( uint32_t ) ( uintptr_t ) cPath;
    ulBlock[ 1 ] = fwMODE_WB;
    ulBlock[ 2 ] = ( uint32_t ) ( sizeof( cPath ) - 1U );
    ulHandle = prvSemihost( fwSYS_OPEN, ulBlock );

    if( ulHandle == 0xffffffffUL )
    {
        vLoggingPrintf( "PCAP error: semihosting SYS_OPEN failed\n" );
        return;
    }

    ( void ) uxFPTCP_PcapFileHeader( ucHeader, sizeof( ucHeader ) );
    prvWrite( ulHandle, ucHeader, sizeof( ucHeader ) );
    vFPTCP_SetPcapHook( prvRecord, ( void * ) ( uintptr_t ) ulHandle );
    vLoggingPrintf( "PCAP streaming to %s over semihosting\n", cPath );
}

#else /* if ( ipconfigFPTCP_PCAP_CAPTURE == 1 ) */

void vFwPcapStart( void )
{
}

#endif /* if ( ipconfigFPTCP_PCAP_CAPTURE == 1 ) */
