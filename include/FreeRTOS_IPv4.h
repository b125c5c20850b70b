/*
 * FreeRTOS_IPv4.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * IPv4 constants and the single-address accessors (they act on the first
 * IPv4 end-point).
 */

#include "FreeRTOS_IP.h"

#ifndef FREERTOS_IPV4_H
#define FREERTOS_IPV4_H

#ifdef __cplusplus
extern "C" {
#endif

struct xNETWORK_BUFFER;
struct xIP_PACKET;
struct xNetworkEndPoint;

#define ipSIZE_OF_IPv4_HEADER               20U
#define ipSIZE_OF_IPv4_ADDRESS              4U
#define ipSIZE_OF_ICMPv4_HEADER             8U

/* IP version nibble as returned by FreeRTOS_GetIPType(). */
#define ipTYPE_IPv4                         ( 0x40U )

/* 127.0.0.0/8, host byte order: first address, and one past the last. */
#define ipFIRST_LOOPBACK_IPv4               0x7F000000UL
#define ipLAST_LOOPBACK_IPv4                0x80000000UL

/* Valid first bytes of an IPv4 header (version 4, 5..15 header words). */
#define ipIPV4_VERSION_HEADER_LENGTH_MIN    0x45U
#define ipIPV4_VERSION_HEADER_LENGTH_MAX    0x4FU

/* 01:00:5e, the start of IPv4 multicast MAC addresses. */
#define ipMULTICAST_MAC_ADDRESS_IPv4_0      0x01U
#define ipMULTICAST_MAC_ADDRESS_IPv4_1      0x00U
#define ipMULTICAST_MAC_ADDRESS_IPv4_2      0x5EU

/* Addresses of the first IPv4 end-point, network byte order. */
void FreeRTOS_SetIPAddress( uint32_t ulIPAddress );
void FreeRTOS_SetNetmask( uint32_t ulNetmask );
void FreeRTOS_SetGatewayAddress( uint32_t ulGatewayAddress );
uint32_t FreeRTOS_GetGatewayAddress( void );
uint32_t FreeRTOS_GetDNSServerAddress( void );
uint32_t FreeRTOS_GetNetmask( void );
uint32_t FreeRTOS_GetIPAddress( void );

/* Address classification (network byte order). */
BaseType_t xIsIPv4Multicast( uint32_t ulIPAddress );

BaseType_t xIsIPv4Broadcast( uint32_t ulIPAddress,
                             struct xNetworkEndPoint ** ppxEndPoint );

BaseType_t xIsIPv4Loopback( uint32_t ulAddress );

/* pdTRUE when a loopback address talks to a non-loopback one. */
BaseType_t xBadIPv4Loopback( const IPHeader_t * const pxIPHeader );

#ifdef __cplusplus
}
#endif

#endif /* FREERTOS_IPV4_H */
