/*
 * FreeRTOS_IPv6.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * IPv6 constants and helpers.  Declared in every configuration, as upstream
 * does; the calls exist in the library only when IPv6 is enabled.
 */

#include "FreeRTOS_IP.h"

#ifndef FREERTOS_IPV6_H
#define FREERTOS_IPV6_H

#ifdef __cplusplus
extern "C" {
#endif

#define ipSIZE_OF_IPv6_HEADER                    40U
#define ipSIZE_OF_ICMPv6_HEADER                  24U
#define ipSIZE_OF_IPv6_ADDRESS                   16U

#define ipPROTOCOL_ICMP_IPv6                     ( 58U )

/* IP version nibble as returned by FreeRTOS_GetIPType(). */
#define ipTYPE_IPv6                              ( 0x60U )

/* ICMPv6 message types. */
#define ipICMP_DEST_UNREACHABLE_IPv6             ( ( uint8_t ) 1U )
#define ipICMP_PACKET_TOO_BIG_IPv6               ( ( uint8_t ) 2U )
#define ipICMP_TIME_EXCEEDED_IPv6                ( ( uint8_t ) 3U )
#define ipICMP_PARAMETER_PROBLEM_IPv6            ( ( uint8_t ) 4U )
#define ipICMP_PING_REQUEST_IPv6                 ( ( uint8_t ) 128U )
#define ipICMP_PING_REPLY_IPv6                   ( ( uint8_t ) 129U )
#define ipICMP_ROUTER_SOLICITATION_IPv6          ( ( uint8_t ) 133U )
#define ipICMP_ROUTER_ADVERTISEMENT_IPv6         ( ( uint8_t ) 134U )
#define ipICMP_NEIGHBOR_SOLICITATION_IPv6        ( ( uint8_t ) 135U )
#define ipICMP_NEIGHBOR_ADVERTISEMENT_IPv6       ( ( uint8_t ) 136U )

/* Extension header codes (next-header values). */
#define ipIPv6_EXT_HEADER_HOP_BY_HOP             0U
#define ipIPv6_EXT_HEADER_ROUTING_HEADER         43U
#define ipIPv6_EXT_HEADER_FRAGMENT_HEADER        44U
#define ipIPv6_EXT_HEADER_SECURE_PAYLOAD         50U
#define ipIPv6_EXT_HEADER_AUTHEN_HEADER          51U
#define ipIPv6_EXT_HEADER_DESTINATION_OPTIONS    60U
#define ipIPv6_EXT_HEADER_MOBILITY_HEADER        135U

/* :: and ::1 */
extern const struct xIPv6_Address FreeRTOS_in6addr_any;
extern const struct xIPv6_Address FreeRTOS_in6addr_loopback;

/* 33:33, the start of IPv6 multicast MAC addresses. */
#define ipMULTICAST_MAC_ADDRESS_IPv6_0    0x33U
#define ipMULTICAST_MAC_ADDRESS_IPv6_1    0x33U

struct xNetworkEndPoint;
struct xNetworkInterface;

/* Stack internal: IPv6 acceptance check. */
eFrameProcessingResult_t prvAllowIPPacketIPv6( const IPHeader_IPv6_t * const pxIPv6Header,
                                               const NetworkBufferDescriptor_t * const pxNetworkBuffer,
                                               UBaseType_t uxHeaderLength );

#if ( ipconfigETHERNET_DRIVER_FILTERS_PACKETS == 0 )
    /* pdTRUE when a loopback address talks to a non-loopback one. */
    BaseType_t xBadIPv6Loopback( const IPHeader_IPv6_t * const pxIPv6Header );
#endif

/* pdTRUE for ::1. */
BaseType_t xIsIPv6Loopback( const IPv6_Address_t * pxAddress );

/* Walks (and with xDoRemove strips) the extension headers of a packet. */
eFrameProcessingResult_t eHandleIPv6ExtensionHeaders( NetworkBufferDescriptor_t * const pxNetworkBuffer,
                                                      BaseType_t xDoRemove );

/* pdTRUE for multicast addresses the stack accepts. */
BaseType_t xIsIPv6AllowedMulticast( const IPv6_Address_t * pxIPAddress );

/* Compares the first uxPrefixLength bits; 0 when equal.  A right-hand
 * solicited-node multicast address also matches its unicast address. */
BaseType_t xCompareIPv6_Address( const IPv6_Address_t * pxLeft,
                                 const IPv6_Address_t * pxRight,
                                 size_t uxPrefixLength );

/* Looks a name up in the DNS cache; non-zero when found. */
uint32_t FreeRTOS_dnslookup6( const char * pcHostName,
                              IPv6_Address_t * pxAddress_IPv6 );

/* Position of an extension header in the recommended order (RFC 8200). */
BaseType_t xGetExtensionOrder( uint8_t ucProtocol,
                               uint8_t ucNextHeader );

#ifdef __cplusplus
}
#endif

#endif /* FREERTOS_IPV6_H */
