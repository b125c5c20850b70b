/*
 * FreeRTOS_IPv4_Private.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * IPv4 header and the IPv4 frame layouts (packed, network byte order).
 * Reached through FreeRTOS_IP_Private.h.
 */

#include "FreeRTOS_IP.h"

#ifndef FREERTOS_IPV4_PRIVATE_H
#define FREERTOS_IPV4_PRIVATE_H

#ifdef __cplusplus
extern "C" {
#endif

/* Offsets of the payload in an IPv4 / UDP-over-IPv4 frame. */
#define ipIP_PAYLOAD_OFFSET             ( sizeof( IPPacket_t ) )
#define ipUDP_PAYLOAD_OFFSET_IPv4       ( sizeof( UDPPacket_t ) )

/* Distance from a UDP payload back to the IP version byte when the same
 * payload offset is used for IPv4 and IPv6 frames: 8 + 40 = 48 bytes. */
#define ipUDP_PAYLOAD_IP_TYPE_OFFSET    ( sizeof( UDPHeader_t ) + sizeof( IPHeader_IPv6_t ) )

/* Where, in front of an IPv4 frame's Ethernet header, the stack keeps a copy
 * of the IP version byte so that a UDP payload pointer can be traced back to
 * its buffer for both IP versions (6 with a plain Ethernet header). */
#define ipIP_TYPE_OFFSET \
    ( ( int32_t ) sizeof( UDPHeader_t ) + ( int32_t ) sizeof( IPHeader_IPv6_t ) - ( int32_t ) sizeof( UDPPacket_t ) )

/* IPv4 header without options: 20 bytes. */
#include "pack_struct_start.h"
struct xIP_HEADER
{
    uint8_t ucVersionHeaderLength;        /*  0 */
    uint8_t ucDifferentiatedServicesCode; /*  1 */
    uint16_t usLength;                    /*  2 */
    uint16_t usIdentification;            /*  4 */
    uint16_t usFragmentOffset;            /*  6 */
    uint8_t ucTimeToLive;                 /*  8 */
    uint8_t ucProtocol;                   /*  9 */
    uint16_t usHeaderChecksum;            /* 10 */
    uint32_t ulSourceIPAddress;           /* 12 */
    uint32_t ulDestinationIPAddress;      /* 16 */
}
#include "pack_struct_end.h"
typedef struct xIP_HEADER IPHeader_t;

/* Ethernet + IPv4: 34 bytes. */
#include "pack_struct_start.h"
struct xIP_PACKET
{
    EthernetHeader_t xEthernetHeader;
    IPHeader_t xIPHeader;
}
#include "pack_struct_end.h"
typedef struct xIP_PACKET IPPacket_t;

/* Ethernet + IPv4 + ICMP: 42 bytes. */
#include "pack_struct_start.h"
struct xICMP_PACKET
{
    EthernetHeader_t xEthernetHeader;
    IPHeader_t xIPHeader;
    ICMPHeader_t xICMPHeader;
}
#include "pack_struct_end.h"
typedef struct xICMP_PACKET ICMPPacket_t;

/* Ethernet + IPv4 + UDP: 42 bytes. */
#include "pack_struct_start.h"
struct xUDP_PACKET
{
    EthernetHeader_t xEthernetHeader;
    IPHeader_t xIPHeader;
    UDPHeader_t xUDPHeader;
}
#include "pack_struct_end.h"
typedef struct xUDP_PACKET UDPPacket_t;

/* Ethernet + IPv4 + TCP (with option room). */
#include "pack_struct_start.h"
struct xTCP_PACKET
{
    EthernetHeader_t xEthernetHeader;
    IPHeader_t xIPHeader;
    TCPHeader_t xTCPHeader;
}
#include "pack_struct_end.h"
typedef struct xTCP_PACKET TCPPacket_t;

/* Stack internals: IPv4 acceptance checks. */
enum eFrameProcessingResult prvAllowIPPacketIPv4( const struct xIP_PACKET * const pxIPPacket,
                                                  const struct xNETWORK_BUFFER * const pxNetworkBuffer,
                                                  UBaseType_t uxHeaderLength );

enum eFrameProcessingResult prvCheckIP4HeaderOptions( struct xNETWORK_BUFFER * const pxNetworkBuffer );

#ifdef __cplusplus
}
#endif

#endif /* FREERTOS_IPV4_PRIVATE_H */
