/*
 * FreeRTOS_IPv6_Utils.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * IPv6 helpers of the stack.  Reached through FreeRTOS_IP.h.
 */

#include "FreeRTOS_IP.h"

#ifndef FREERTOS_IPV6_UTILS_H
#define FREERTOS_IPV6_UTILS_H

#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The multicast MAC address (33:33:...) of an IPv6 group address. */
void vSetMultiCastIPv6MacAddress( const IPv6_Address_t * pxAddress,
                                  MACAddress_t * pxMACAddress );

/* Stack internals: length checks before a checksum is computed. */
extern BaseType_t prvChecksumIPv6Checks( uint8_t * pucEthernetBuffer,
                                         size_t uxBufferLength,
                                         struct xPacketSummary * pxSet );

extern BaseType_t prvChecksumICMPv6Checks( size_t uxBufferLength,
                                           struct xPacketSummary * pxSet );

/* Length of the extension headers of a frame; stores the final protocol in
 * *pucProtocol. */
size_t usGetExtensionHeaderLength( const uint8_t * pucEthernetBuffer,
                                   size_t uxBufferLength,
                                   uint8_t * pucProtocol );

/* Joins / leaves the solicited-node multicast group of an end-point. */
void vManageSolicitedNodeAddress( const struct xNetworkEndPoint * pxEndPoint,
                                  BaseType_t xNetworkGoingUp );

#ifdef __cplusplus
}
#endif

#endif /* FREERTOS_IPV6_UTILS_H */
