/*
 * This library's extensions in the host applications
 * (include/fptcp_extensions.h):
 *
 *   xAppPcapOpen()   --pcap FILE: every frame in and out written to FILE as
 *                    a pcap capture (needs ipconfigFPTCP_PCAP_CAPTURE 1,
 *                    config/posix-ext; pdFAIL otherwise)
 *   vAppMetrics()    the control command "metrics": one line
 *                    "METRICS {json}" with the stack's and every socket's
 *                    metrics (needs ipconfigFPTCP_METRICS 1; "METRICS off"
 *                    otherwise)
 */
#include <stdio.h>
#include <string.h>

#include "FreeRTOS.h"
#include "task.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"
#include "fptcp_extensions.h"

#include "app_common.h"

/* ---------------------------------------------------------------- capture */

#if ( ipconfigFPTCP_PCAP_CAPTURE == 1 )

static FILE * pxPcapFile = NULL;

/* Called by the stack with its lock held (from the IP task, or a task
 * sending): one record, written and flushed inside a critical section so
 * that no other task's stdio is interleaved and the file is whole whenever
 * the process ends. */
static void prvPcapRecord( void * pvContext,
                           const uint8_t * pucHeader,
                           const uint8_t * pucFrame,
                           size_t uxLength )
{
    FILE * pxFile = ( FILE * ) pvContext;

    portENTER_CRITICAL();
    ( void ) fwrite( pucHeader, 1, 16, pxFile );
    ( void ) fwrite( pucFrame, 1, uxLength, pxFile );
    ( void ) fflush( pxFile );
    portEXIT_CRITICAL();
}

BaseType_t xAppPcapOpen( const char * pcPath )
{
    uint8_t ucHeader[ 24 ];

    pxPcapFile = fopen( pcPath, "wb" );

    if( pxPcapFile == NULL )
    {
        ( void ) fprintf( stderr, "cannot create %s\n", pcPath );
        return pdFAIL;
    }

    if( ( uxFPTCP_PcapFileHeader( ucHeader, sizeof( ucHeader ) ) != sizeof( ucHeader ) ) ||
        ( fwrite( ucHeader, 1, sizeof( ucHeader ), pxPcapFile ) != sizeof( ucHeader ) ) )
    {
        return pdFAIL;
    }

    ( void ) fflush( pxPcapFile );
    vFPTCP_SetPcapHook( prvPcapRecord, pxPcapFile );
    return pdPASS;
}

#else /* if ( ipconfigFPTCP_PCAP_CAPTURE == 1 ) */

BaseType_t xAppPcapOpen( const char * pcPath )
{
    ( void ) fprintf( stderr, "--pcap %s: this program is built without ipconfigFPTCP_PCAP_CAPTURE "
                              "(use the _ext build, config/posix-ext)\n", pcPath );
    return pdFAIL;
}

#endif /* if ( ipconfigFPTCP_PCAP_CAPTURE == 1 ) */

/* ---------------------------------------------------------------- metrics */

#if ( ipconfigFPTCP_METRICS == 1 )

#define appMAX_METRIC_SOCKETS    16

void vAppMetrics( void )
{
    static FPTCP_SocketMetrics_t xRows[ appMAX_METRIC_SOCKETS ];
    static char cLine[ 8192 ];
    FPTCP_StackMetrics_t xS;
    BaseType_t xCount, i;
    size_t uxAt = 0;

    if( xFPTCP_GetStackMetrics( &xS ) != pdPASS )
    {
        vAppPrintf( "METRICS error\n" );
        return;
    }

    xCount = xFPTCP_GetSocketMetrics( xRows, appMAX_METRIC_SOCKETS );

    #define appPUT( ... )                                                          \
    do {                                                                           \
        int iN = snprintf( &cLine[ uxAt ], sizeof( cLine ) - uxAt, __VA_ARGS__ ); \
        if( ( iN > 0 ) && ( ( size_t ) iN < sizeof( cLine ) - uxAt ) )            \
        {                                                                          \
            uxAt += ( size_t ) iN;                                                 \
        }                                                                          \
    } while( 0 )

    appPUT( "{\"stack\":{\"frames_in\":%lu,\"frames_out\":%lu,\"dropped\":{\"malformed\":%lu,"
            "\"checksum\":%lu,\"not_for_us\":%lu,\"unsupported\":%lu,\"fragments\":%lu,\"martian\":%lu,"
            "\"udp_no_socket\":%lu,\"udp_queue_full\":%lu},",
            ( unsigned long ) xS.ulFramesIn, ( unsigned long ) xS.ulFramesOut,
            ( unsigned long ) xS.ulDroppedMalformed, ( unsigned long ) xS.ulDroppedChecksum,
            ( unsigned long ) xS.ulDroppedNotForUs, ( unsigned long ) xS.ulDroppedUnsupported,
            ( unsigned long ) xS.ulDroppedFragments, ( unsigned long ) xS.ulDroppedMartian,
            ( unsigned long ) xS.ulDroppedUdpNoSocket, ( unsigned long ) xS.ulDroppedUdpQueueFull );
    appPUT( "\"tx_no_buffer\":%lu,\"tcp_resets_sent\":%lu,\"tcp_backlog_refusals\":%lu,"
            "\"tcp_child_no_memory\":%lu,\"arp_conflicts\":%lu,\"close_wait_reaped\":%lu,"
            "\"tcp_sockets\":%lu,\"udp_sockets\":%lu,\"buffers\":{\"total\":%lu,\"free\":%lu,"
            "\"minimum_free\":%lu},\"heap_used\":%lu},\"sockets\":[",
            ( unsigned long ) xS.ulTxNoBuffer, ( unsigned long ) xS.ulTcpResetsSent,
            ( unsigned long ) xS.ulTcpBacklogRefusals, ( unsigned long ) xS.ulTcpChildNoMemory,
            ( unsigned long ) xS.ulArpConflicts, ( unsigned long ) xS.ulCloseWaitReaped,
            ( unsigned long ) xS.ulTcpSockets, ( unsigned long ) xS.ulUdpSockets,
            ( unsigned long ) xS.ulBuffersTotal, ( unsigned long ) xS.ulBuffersFree,
            ( unsigned long ) xS.ulBuffersMinimumFree, ( unsigned long ) xS.ulHeapUsed );

    for( i = 0; ( i < xCount ) && ( i < appMAX_METRIC_SOCKETS ); i++ )
    {
        const FPTCP_SocketMetrics_t * pxR = &xRows[ i ];
        char cRemote[ 16 ];

        FreeRTOS_inet_ntoa( pxR->ulRemoteAddress, cRemote );
        appPUT( "%s{\"protocol\":\"%s\",\"local_port\":%u,\"remote\":\"%s:%u\",\"state\":\"%s\","
                "\"ms_in_state\":%lu,\"ms_since_app_call\":%ld,\"rx_queued\":%lu,\"tx_queued\":%lu,"
                "\"retransmissions\":%lu,\"children\":%u,\"backlog\":%u}",
                ( i > 0 ) ? "," : "", ( pxR->ucProtocol == FREERTOS_IPPROTO_TCP ) ? "tcp" : "udp",
                ( unsigned ) pxR->usLocalPort, cRemote, ( unsigned ) pxR->usRemotePort,
                ( pxR->ucProtocol == FREERTOS_IPPROTO_TCP ) ? FreeRTOS_GetTCPStateName( pxR->ucState ) : "",
                ( unsigned long ) pxR->ulMsInState,
                ( pxR->ulMsSinceApplicationCall == FPTCP_METRICS_NO_CALL ) ? -1L :
                ( long ) pxR->ulMsSinceApplicationCall,
                ( unsigned long ) pxR->ulRxQueued, ( unsigned long ) pxR->ulTxQueued,
                ( unsigned long ) pxR->ulRetransmissions, ( unsigned ) pxR->usChildCount,
                ( unsigned ) pxR->usBacklog );
    }

    appPUT( "]}" );
    #undef appPUT
    vAppPrintf( "METRICS %s\n", cLine );
}

#else /* if ( ipconfigFPTCP_METRICS == 1 ) */

void vAppMetrics( void )
{
    vAppPrintf( "METRICS off (built without ipconfigFPTCP_METRICS)\n" );
}

#endif /* if ( ipconfigFPTCP_METRICS == 1 ) */
