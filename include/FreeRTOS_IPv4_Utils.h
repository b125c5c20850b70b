/*
 * FreeRTOS_IPv4_Utils.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * IPv4 helpers of the stack.  Reached through FreeRTOS_IP.h.
 */

#include "FreeRTOS_IP.h"

#ifndef FREERTOS_IPV4_UTILS_H
#define FREERTOS_IPV4_UTILS_H

#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The multicast MAC address (01:00:5e:...) of an IPv4 group address. */
void vSetMultiCastIPv4MacAddress( uint32_t ulIPAddress,
                                  MACAddress_t * pxMACAddress );

/* Stack internal: length checks before a checksum is computed. */
BaseType_t prvChecksumIPv4Checks( uint8_t * pucEthernetBuffer,
                                  size_t uxBufferLength,
                                  struct xPacketSummary * pxSet );

#ifdef __cplusplus
}
#endif

#endif /* FREERTOS_IPV4_UTILS_H */
