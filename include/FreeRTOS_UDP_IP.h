/*
 * FreeRTOS_UDP_IP.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * The UDP entry points of the stack (IP task only).
 */

#include "FreeRTOS_IP.h"

#ifndef FREERTOS_UDP_IP_H
#define FREERTOS_UDP_IP_H

#ifdef __cplusplus
extern "C" {
#endif

/* Completes and sends a UDP (or ICMP) packet queued by sendto(). */
void vProcessGeneratedUDPPacket( NetworkBufferDescriptor_t * const pxNetworkBuffer );
void vProcessGeneratedUDPPacket_IPv4( NetworkBufferDescriptor_t * const pxNetworkBuffer );
void vProcessGeneratedUDPPacket_IPv6( NetworkBufferDescriptor_t * const pxNetworkBuffer );

/* Delivers a received datagram to the socket bound to usPort. */
BaseType_t xProcessReceivedUDPPacket( NetworkBufferDescriptor_t * pxNetworkBuffer,
                                      uint16_t usPort,
                                      BaseType_t * pxIsWaitingForResolution );
BaseType_t xProcessReceivedUDPPacket_IPv4( NetworkBufferDescriptor_t * pxNetworkBuffer,
                                           uint16_t usPort,
                                           BaseType_t * pxIsWaitingForARPResolution );
BaseType_t xProcessReceivedUDPPacket_IPv6( NetworkBufferDescriptor_t * pxNetworkBuffer,
                                           uint16_t usPort,
                                           BaseType_t * pxIsWaitingForNDResolution );

#ifdef __cplusplus
}
#endif

#endif /* FREERTOS_UDP_IP_H */
