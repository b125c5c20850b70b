/*
 * FreeRTOS_ICMP.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * ICMPv4 echo types and the ICMP entry point.  Include by name.
 */

#include "FreeRTOS_IP.h"

#ifndef FREERTOS_ICMP_H
#define FREERTOS_ICMP_H

#ifdef __cplusplus
extern "C" {
#endif

#define ipICMP_ECHO_REQUEST    ( ( uint8_t ) 8 )
#define ipICMP_ECHO_REPLY      ( ( uint8_t ) 0 )

#if ( ipconfigREPLY_TO_INCOMING_PINGS == 1 ) || ( ipconfigSUPPORT_OUTGOING_PINGS == 1 )
    /* Stack internal: handles a received ICMPv4 packet. */
    eFrameProcessingResult_t ProcessICMPPacket( const NetworkBufferDescriptor_t * const pxNetworkBuffer );
#endif

#ifdef __cplusplus
}
#endif

#endif /* FREERTOS_ICMP_H */
