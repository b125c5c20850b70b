/*
 * FreeRTOS_IPv6_Private.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * IPv6 header, ICMPv6 messages and the IPv6 frame layouts (packed, network
 * byte order).  Reached through FreeRTOS_IP_Private.h in every
 * configuration.
 */

#include "FreeRTOS_IP.h"

#ifndef FREERTOS_IPV6_PRIVATE_H
#define FREERTOS_IPV6_PRIVATE_H

#ifdef __cplusplus
extern "C" {
#endif

/* Size of the last-received-segment area of a TCP socket, and the largest
 * UDP payload.  As in upstream, the IPv6 figures apply in every
 * configuration. */
#define TCP_PACKET_SIZE               ( sizeof( TCPPacket_IPv6_t ) )
#define ipMAX_UDP_PAYLOAD_LENGTH      ( ( ipconfigNETWORK_MTU - ipSIZE_OF_IPv6_HEADER ) - ipSIZE_OF_UDP_HEADER )

#define ipIPv6_PAYLOAD_OFFSET         ( sizeof( IPPacket_IPv6_t ) )
#define ipUDP_PAYLOAD_OFFSET_IPv6     ( sizeof( UDPPacket_IPv6_t ) )

/* EtherType 0x86DD in network byte order. */
#if ( ipconfigBYTE_ORDER == pdFREERTOS_LITTLE_ENDIAN )
    #define ipIPv6_FRAME_TYPE    ( 0xDD86U )
#else
    #define ipIPv6_FRAME_TYPE    ( 0x86DDU )
#endif

/* Casts kept in macros (static-analysis convention of the code base). */
#define ipPOINTER_CAST( TYPE, pointer )       ( ( TYPE ) ( pointer ) )
#define ipNUMERIC_CAST( TYPE, expression )    ( ( TYPE ) ( expression ) )

struct xNetworkEndPoint;
struct xNetworkInterface;

#define ipICMPv6_GENERAL_FIELD_SIZE    ( 4U )

/* IPv6 header: 40 bytes. */
#include "pack_struct_start.h"
struct xIP_HEADER_IPv6
{
    uint8_t ucVersionTrafficClass;      /*  0 */
    uint8_t ucTrafficClassFlow;         /*  1 */
    uint16_t usFlowLabel;               /*  2 */
    uint16_t usPayloadLength;           /*  4 */
    uint8_t ucNextHeader;               /*  6 */
    uint8_t ucHopLimit;                 /*  7 */
    IPv6_Address_t xSourceAddress;      /*  8 */
    IPv6_Address_t xDestinationAddress; /* 24 */
}
#include "pack_struct_end.h"
typedef struct xIP_HEADER_IPv6 IPHeader_IPv6_t;

/* Start of an extension header: 2 bytes. */
#include "pack_struct_start.h"
struct xIP_EXT_HEADER_IPv6
{
    uint8_t ucNextHeader;
    uint8_t ucHeaderExtLength; /* In 8-byte units, not counting the first 8. */
}
#include "pack_struct_end.h"
typedef struct xIP_EXT_HEADER_IPv6 IPExtHeader_IPv6_t;

/* ICMPv6 echo request / reply: 8 bytes. */
#include "pack_struct_start.h"
struct xICMPEcho_IPv6
{
    uint8_t ucTypeOfMessage;
    uint8_t ucTypeOfService;
    uint16_t usChecksum;
    uint16_t usIdentifier;
    uint16_t usSequenceNumber;
}
#include "pack_struct_end.h"
typedef struct xICMPEcho_IPv6 ICMPEcho_IPv6_t;

/* Router solicitation: 8 bytes. */
#include "pack_struct_start.h"
struct xICMPRouterSolicitation_IPv6
{
    uint8_t ucTypeOfMessage;
    uint8_t ucTypeOfService;
    uint16_t usChecksum;
    uint32_t ulReserved;
}
#include "pack_struct_end.h"
typedef struct xICMPRouterSolicitation_IPv6 ICMPRouterSolicitation_IPv6_t;

/* Router advertisement: 16 bytes. */
#include "pack_struct_start.h"
struct xICMPRouterAdvertisement_IPv6
{
    uint8_t ucTypeOfMessage;       /*  0 */
    uint8_t ucTypeOfService;       /*  1 */
    uint16_t usChecksum;           /*  2 */
    uint8_t ucHopLimit;            /*  4 */
    uint8_t ucFlags;               /*  5 */
    uint16_t usLifetime;           /*  6 */
    uint16_t usReachableTime[ 2 ]; /*  8 */
    uint16_t usRetransTime[ 2 ];   /* 12 */
}
#include "pack_struct_end.h"
typedef struct xICMPRouterAdvertisement_IPv6 ICMPRouterAdvertisement_IPv6_t;

#if ( ipconfigUSE_RA != 0 )
/* Prefix information option: 32 bytes. */
    #include "pack_struct_start.h"
    struct xICMPPrefixOption_IPv6
    {
        uint8_t ucType;               /*  0 */
        uint8_t ucLength;             /*  1 */
        uint8_t ucPrefixLength;       /*  2 */
        uint8_t ucFlags;              /*  3 */
        uint32_t ulValidLifeTime;     /*  4 */
        uint32_t ulPreferredLifeTime; /*  8 */
        uint32_t ulReserved;          /* 12 */
        uint8_t ucPrefix[ 16 ];       /* 16 */
    }
    #include "pack_struct_end.h"
    typedef struct xICMPPrefixOption_IPv6 ICMPPrefixOption_IPv6_t;
#endif

/* Ethernet + IPv6: 54 bytes. */
#include "pack_struct_start.h"
struct xIP_PACKET_IPv6
{
    EthernetHeader_t xEthernetHeader;
    IPHeader_IPv6_t xIPHeader;
}
#include "pack_struct_end.h"
typedef struct xIP_PACKET_IPv6 IPPacket_IPv6_t;

/* Ethernet + IPv6 + ICMPv6: 86 bytes. */
#include "pack_struct_start.h"
struct xICMP_PACKET_IPv6
{
    EthernetHeader_t xEthernetHeader;
    IPHeader_IPv6_t xIPHeader;
    ICMPHeader_IPv6_t xICMPHeaderIPv6;
}
#include "pack_struct_end.h"
typedef struct xICMP_PACKET_IPv6 ICMPPacket_IPv6_t;

/* Ethernet + IPv6 + UDP: 62 bytes. */
#include "pack_struct_start.h"
struct xUDP_PACKET_IPv6
{
    EthernetHeader_t xEthernetHeader;
    IPHeader_IPv6_t xIPHeader;
    UDPHeader_t xUDPHeader;
}
#include "pack_struct_end.h"
typedef struct xUDP_PACKET_IPv6 UDPPacket_IPv6_t;

/* Ethernet + IPv6 + TCP (with option room). */
#include "pack_struct_start.h"
struct xTCP_PACKET_IPv6
{
    EthernetHeader_t xEthernetHeader;
    IPHeader_IPv6_t xIPHeader;
    TCPHeader_t xTCPHeader;
}
#include "pack_struct_end.h"
typedef struct xTCP_PACKET_IPv6 TCPPacket_IPv6_t;

/* Stack internals. */
eFrameProcessingResult_t prvProcessICMPMessage_IPv6( NetworkBufferDescriptor_t * const pxNetworkBuffer );

#if ( ( ipconfigHAS_DEBUG_PRINTF != 0 ) || ( ipconfigHAS_PRINTF != 0 ) )
    /* A short text describing a socket, for logging. */
    const char * prvSocketProps( FreeRTOS_Socket_t * pxSocket );
#endif

#ifdef __cplusplus
}
#endif

#endif /* FREERTOS_IPV6_PRIVATE_H */
