/*
 * FreeRTOS_IP.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * The main header of the stack, and the hub of this drop-in's headers.
 *
 * Written from the FreeRTOS+TCP V4.4.1 interface description; names, values,
 * layouts and feature guards follow upstream so that firmware written for
 * upstream compiles unchanged.  The implementation behind it is the Rust
 * library libfreertos_plus_tcp.a.
 *
 * Organisation.  This file includes every other header of the stack's public
 * surface, in dependency order, after its own definitions.  Every other
 * header begins with #include "FreeRTOS_IP.h" (outside its own include
 * guard), so whichever header an application includes first, the
 * definitions are always made in the same order.  As with upstream, including
 * FreeRTOS_IP.h makes the socket API, routing (interfaces and end-points),
 * the network buffer API, DHCP, DNS and the private protocol structures
 * visible.  FreeRTOS_ARP.h, FreeRTOS_ICMP.h, FreeRTOS_ND.h,
 * FreeRTOS_IP_Timers.h and FreeRTOS_errno_TCP.h are only seen when included
 * by name.
 */

#ifndef FREERTOS_IP_H
#define FREERTOS_IP_H

/* Kernel, application configuration and the configuration defaults. */
#include "FreeRTOSIPConfigDefaults.h"
#include "task.h"
#include "queue.h"
#include "semphr.h"
#include "event_groups.h"
#include "list.h"

#include "FreeRTOS_IP_Common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Version -------------------------------------------------------------- */

/* The upstream release whose interface these headers reproduce. */
#define ipFR_TCP_VERSION_NUMBER    "V4.4.1"
#define ipFR_TCP_VERSION_MAJOR     4
#define ipFR_TCP_VERSION_MINOR     4
#define ipFR_TCP_VERSION_BUILD     1

/* ---- Sizes of protocol elements ------------------------------------------- */

/* Ethernet header without 802.1Q tag. */
#define ipSIZE_OF_ETH_HEADER                       14U
#define ipSIZE_OF_IGMP_HEADER                      8U
#define ipSIZE_OF_UDP_HEADER                       8U
#define ipSIZE_OF_TCP_HEADER                       20U

#define ipINT32_MAX_VALUE                          ( ( int32_t ) 0x7FFFFFFFU )
#define ipINT32_MIN_VALUE                          ( ( int32_t ) 0x80000000U )

#define ipMAC_ADDRESS_LENGTH_BYTES                 ( 6U )
#define ipIP_ADDRESS_LENGTH_BYTES                  ( 4U )

/* IP protocol numbers. */
#define ipPROTOCOL_ICMP                            ( 1U )
#define ipPROTOCOL_IGMP                            ( 2U )
#define ipPROTOCOL_TCP                             ( 6U )
#define ipPROTOCOL_UDP                             ( 17U )

/* Payload byte of the echo requests the stack sends (and expects back). */
#define ipECHO_DATA_FILL_BYTE                      'x'

/* Room for a received frame: MTU, Ethernet header, CRC and an optional VLAN
 * tag. */
#define ipSIZE_OF_ETH_CRC_BYTES                    ( 4UL )
#define ipSIZE_OF_ETH_OPTIONAL_802_1Q_TAG_BYTES    ( 4UL )
#define ipTOTAL_ETHERNET_FRAME_SIZE                                          \
    ( ( ( uint32_t ) ipconfigNETWORK_MTU ) + ( ( uint32_t ) ipSIZE_OF_ETH_HEADER ) + \
      ipSIZE_OF_ETH_CRC_BYTES + ipSIZE_OF_ETH_OPTIONAL_802_1Q_TAG_BYTES )

/* Bytes reserved in front of every Ethernet frame in a network buffer.  The
 * first pointer-sized word of that area points back to the buffer's
 * descriptor; the rest (ipconfigPACKET_FILLER_SIZE, 2 by default) shifts the
 * frame so that the IP header that follows the 14-byte Ethernet header is
 * word aligned.  10 bytes on 32-bit targets, 14 on 64-bit ones, unless the
 * configuration sets ipconfigBUFFER_PADDING. */
#if ( ipconfigBUFFER_PADDING != 0 )
    #define ipBUFFER_PADDING    ipconfigBUFFER_PADDING
#elif ( UINTPTR_MAX > 0xFFFFFFFFU )
    #define ipBUFFER_PADDING    ( 12U + ipconfigPACKET_FILLER_SIZE )
#else
    #define ipBUFFER_PADDING    ( 8U + ipconfigPACKET_FILLER_SIZE )
#endif

/* Offset of the flags byte in a TCP header. */
#define ipTCP_FLAGS_OFFSET      13U

/* Results of the checksum helpers. */
#define ipCORRECT_CRC           0xffffU
#define ipWRONG_CRC             0x0000U
#define ipINVALID_LENGTH        0x1234U
#define ipUNHANDLED_PROTOCOL    0x4321U

/* Helpers for variables that exist only for logging. */
#if ( ipconfigHAS_PRINTF == 1 )
    #define DEBUG_DECLARE_TRACE_VARIABLE( type, var, init )    type var = ( init )
    #define DEBUG_SET_TRACE_VARIABLE( var, value )             var = ( value )
#else
    #define DEBUG_DECLARE_TRACE_VARIABLE( type, var, init )
    #define DEBUG_SET_TRACE_VARIABLE( var, value )
#endif

/* ---- Application-supplied ISN generator ------------------------------------ */

/* The application returns the initial sequence number of a new connection
 * (RFC 6528).  Returning 0 refuses the connection. */
extern uint32_t ulApplicationGetNextSequenceNumber( uint32_t ulSourceAddress,
                                                    uint16_t usSourcePort,
                                                    uint32_t ulDestinationAddress,
                                                    uint16_t usDestinationPort );

/* ---- Network buffer descriptor --------------------------------------------- */

/*
 * Describes one network buffer.  Shared with network drivers, so the layout
 * is part of the ABI (Cortex-M4: 56 bytes, 60 with
 * ipconfigUSE_LINKED_RX_MESSAGES):
 *   0  xBufferListItem    list membership (free list, socket queues)
 *  20  xIPAddress         peer address, depending on use
 *  36  pucEthernetBuffer  the frame (ipBUFFER_PADDING bytes behind the start
 *                         of the allocation)
 *  40  xDataLength        frame length; later the payload length
 *  44  pxInterface        interface the frame arrived on
 *  48  pxEndPoint         end-point the frame is sent from / arrived for
 *  52  usPort, 54 usBoundPort
 *  56  pxNextBuffer       next frame of a chain (linked RX messages only)
 */
typedef struct xNETWORK_BUFFER
{
    ListItem_t xBufferListItem;
    IP_Address_t xIPAddress;
    uint8_t * pucEthernetBuffer;
    size_t xDataLength;
    struct xNetworkInterface * pxInterface;
    struct xNetworkEndPoint * pxEndPoint;
    uint16_t usPort;
    uint16_t usBoundPort;
    #if ( ipconfigUSE_LINKED_RX_MESSAGES != 0 )
        struct xNETWORK_BUFFER * pxNextBuffer;
    #endif
} NetworkBufferDescriptor_t;

/* Shorthands for the two views of xIPAddress.  (Upstream's ul_IPAddress names
 * a union member that does not exist; here it names the IPv4 member.) */
#define ul_IPAddress     xIPAddress.ulIP_IPv4
#define x_IPv6Address    xIPAddress.xIP_IPv6

/* ---- MAC address ------------------------------------------------------------ */

/* A 6-byte MAC address; packed, so its size is exactly 6. */
#include "pack_struct_start.h"
struct xMAC_ADDRESS
{
    uint8_t ucBytes[ ipMAC_ADDRESS_LENGTH_BYTES ];
}
#include "pack_struct_end.h"
typedef struct xMAC_ADDRESS MACAddress_t;

/* ---- Enumerations used by application hooks --------------------------------- */

/* Passed to vApplicationIPNetworkEventHook(_Multi)(). */
typedef enum eNETWORK_EVENTS
{
    eNetworkUp,  /* 0: the end-point has an address and is usable. */
    eNetworkDown /* 1: the connection was lost. */
} eIPCallbackEvent_t;

/* Passed to vApplicationPingReplyHook().  Declared in every configuration. */
typedef enum ePING_REPLY_STATUS
{
    eSuccess = 0,     /* A correct echo reply arrived. */
    eInvalidChecksum, /* An echo reply with a bad checksum arrived. */
    eInvalidData      /* An echo reply with an unexpected payload arrived. */
} ePingReplyStatus_t;

/* ---- Timer used by the IP task ---------------------------------------------- */

/* A software timer of the IP task (end-points embed one for DHCP/RA). */
typedef struct xIP_TIMER
{
    uint32_t
        bActive : 1,  /* The timer runs. */
        bExpired : 1; /* The timer has expired. */
    TimeOut_t xTimeOut;
    TickType_t ulRemainingTime;
    TickType_t ulReloadTime;
} IPTimer_t;

/* ---- Byte order --------------------------------------------------------------- */

/* Host/network byte order conversion.  These are macros (usable in constant
 * expressions); a port may provide its own single-instruction versions by
 * defining FreeRTOS_htons/FreeRTOS_htonl beforehand. */
#if ( ipconfigBYTE_ORDER == pdFREERTOS_LITTLE_ENDIAN )
    #ifndef FreeRTOS_htons
        #define FreeRTOS_htons( usIn ) \
    ( ( uint16_t ) ( ( ( ( uint16_t ) ( usIn ) ) << 8 ) | ( ( ( uint16_t ) ( usIn ) ) >> 8 ) ) )
    #endif
    #ifndef FreeRTOS_htonl
        #define FreeRTOS_htonl( ulIn )                              \
    ( ( uint32_t ) ( ( ( ( uint32_t ) ( ulIn ) ) << 24 ) |          \
                     ( ( ( ( uint32_t ) ( ulIn ) ) & 0x0000FF00UL ) << 8 ) | \
                     ( ( ( ( uint32_t ) ( ulIn ) ) & 0x00FF0000UL ) >> 8 ) | \
                     ( ( ( uint32_t ) ( ulIn ) ) >> 24 ) ) )
    #endif
#else
    #define FreeRTOS_htons( x )    ( ( uint16_t ) ( x ) )
    #define FreeRTOS_htonl( x )    ( ( uint32_t ) ( x ) )
#endif

#define FreeRTOS_ntohs( x )    FreeRTOS_htons( x )
#define FreeRTOS_ntohl( x )    FreeRTOS_htonl( x )

/* ---- Small helpers ------------------------------------------------------------- */

/* Writes the name of a pdFREERTOS_ERRNO_* code (positive or negative) into
 * pcBuffer and returns pcBuffer. */
const char * FreeRTOS_strerror_r( BaseType_t xErrnum,
                                  char * pcBuffer,
                                  size_t uxLength );

int32_t FreeRTOS_max_int32( int32_t a,
                            int32_t b );
uint32_t FreeRTOS_max_uint32( uint32_t a,
                              uint32_t b );
size_t FreeRTOS_max_size_t( size_t a,
                            size_t b );
int32_t FreeRTOS_min_int32( int32_t a,
                            int32_t b );
uint32_t FreeRTOS_min_uint32( uint32_t a,
                              uint32_t b );
size_t FreeRTOS_min_size_t( size_t a,
                            size_t b );
/* Saturating arithmetic on int32_t. */
int32_t FreeRTOS_add_int32( int32_t a,
                            int32_t b );
int32_t FreeRTOS_multiply_int32( int32_t a,
                                 int32_t b );
/* Round a up / down to a multiple of d. */
uint32_t FreeRTOS_round_up( uint32_t a,
                            uint32_t d );
uint32_t FreeRTOS_round_down( uint32_t a,
                              uint32_t d );

/* Milliseconds to ticks, never less than one tick. */
#define ipMS_TO_MIN_TICKS( xTimeInMs ) \
    ( ( pdMS_TO_TICKS( ( xTimeInMs ) ) < ( ( TickType_t ) 1U ) ) ? ( ( TickType_t ) 1U ) : pdMS_TO_TICKS( ( xTimeInMs ) ) )
#define pdMS_TO_MIN_TICKS( xTimeInMs )    ipMS_TO_MIN_TICKS( xTimeInMs )

#ifndef pdTRUE_SIGNED
    #define pdTRUE_SIGNED    pdTRUE
#endif
#ifndef pdFALSE_SIGNED
    #define pdFALSE_SIGNED    pdFALSE
#endif
#ifndef pdTRUE_UNSIGNED
    #define pdTRUE_UNSIGNED    ( 1U )
#endif
#ifndef pdFALSE_UNSIGNED
    #define pdFALSE_UNSIGNED    ( 0U )
#endif
#ifndef ipTRUE_BOOL
    #define ipTRUE_BOOL    ( pdPASS == pdPASS )
#endif
#ifndef ipFALSE_BOOL
    #define ipFALSE_BOOL    ( pdPASS == pdFAIL )
#endif

/* ---- Starting the stack --------------------------------------------------------- */

struct xNetworkInterface;
struct xNetworkEndPoint;

/* Starts the stack after interfaces and end-points were added (see
 * FreeRTOS_Routing.h): creates the event queue, the network buffers and the
 * IP task.  pdPASS on success, pdFAIL otherwise. */
BaseType_t FreeRTOS_IPInit_Multi( void );

#if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )

/* The V3 single-interface API.  FreeRTOS_IPInit() fills one interface
 * through pxFillInterfaceDescriptor() (which the network driver supplies),
 * one end-point with the given addresses, and starts the stack. */
    struct xNetworkInterface * pxFillInterfaceDescriptor( BaseType_t xEMACIndex,
                                                          struct xNetworkInterface * pxInterface );

    BaseType_t FreeRTOS_IPInit( const uint8_t ucIPAddress[ ipIP_ADDRESS_LENGTH_BYTES ],
                                const uint8_t ucNetMask[ ipIP_ADDRESS_LENGTH_BYTES ],
                                const uint8_t ucGatewayAddress[ ipIP_ADDRESS_LENGTH_BYTES ],
                                const uint8_t ucDNSServerAddress[ ipIP_ADDRESS_LENGTH_BYTES ],
                                const uint8_t ucMACAddress[ ipMAC_ADDRESS_LENGTH_BYTES ] );

/* Address configuration of the first end-point (network byte order). */
    void FreeRTOS_GetAddressConfiguration( uint32_t * pulIPAddress,
                                           uint32_t * pulNetMask,
                                           uint32_t * pulGatewayAddress,
                                           uint32_t * pulDNSServerAddress );

    void FreeRTOS_SetAddressConfiguration( const uint32_t * pulIPAddress,
                                           const uint32_t * pulNetMask,
                                           const uint32_t * pulGatewayAddress,
                                           const uint32_t * pulDNSServerAddress );

/* An IPv4 UDP payload buffer for zero-copy sendto(). */
    void * FreeRTOS_GetUDPPayloadBuffer( size_t uxRequestedSizeBytes,
                                         TickType_t uxBlockTimeTicks );

#endif /* ipconfigIPv4_BACKWARD_COMPATIBLE */

/* Address configuration of an end-point (IPv4, network byte order).  NULL
 * pointers are skipped. */
void FreeRTOS_GetEndPointConfiguration( uint32_t * pulIPAddress,
                                        uint32_t * pulNetMask,
                                        uint32_t * pulGatewayAddress,
                                        uint32_t * pulDNSServerAddress,
                                        const struct xNetworkEndPoint * pxEndPoint );

void FreeRTOS_SetEndPointConfiguration( const uint32_t * pulIPAddress,
                                        const uint32_t * pulNetMask,
                                        const uint32_t * pulGatewayAddress,
                                        const uint32_t * pulDNSServerAddress,
                                        struct xNetworkEndPoint * pxEndPoint );

TaskHandle_t FreeRTOS_GetIPTaskHandle( void );

/* A UDP payload buffer for zero-copy sendto(); ucIPType is ipTYPE_IPv4 or
 * ipTYPE_IPv6.  Release unused buffers with FreeRTOS_ReleaseUDPPayloadBuffer(). */
void * FreeRTOS_GetUDPPayloadBuffer_Multi( size_t uxRequestedSizeBytes,
                                           TickType_t uxBlockTimeTicks,
                                           uint8_t ucIPType );

/* Sends an ICMP echo request; returns its sequence number, or pdFAIL.
 * Declared in every configuration, as upstream does. */
BaseType_t FreeRTOS_SendPingRequest( uint32_t ulIPAddress,
                                     size_t uxNumberOfBytesToSend,
                                     TickType_t uxBlockTimeTicks );

void FreeRTOS_ReleaseUDPPayloadBuffer( void const * pvBuffer );
const uint8_t * FreeRTOS_GetMACAddress( void );
void FreeRTOS_UpdateMACAddress( const uint8_t ucMACAddress[ ipMAC_ADDRESS_LENGTH_BYTES ] );

/* ---- Application hooks ------------------------------------------------------------- */

#if ( ipconfigUSE_NETWORK_EVENT_HOOK == 1 )
    #if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )
        void vApplicationIPNetworkEventHook( eIPCallbackEvent_t eNetworkEvent );
    #else
        void vApplicationIPNetworkEventHook_Multi( eIPCallbackEvent_t eNetworkEvent,
                                                   struct xNetworkEndPoint * pxEndPoint );
    #endif
#endif

#if ( ipconfigSUPPORT_OUTGOING_PINGS == 1 )
    void vApplicationPingReplyHook( ePingReplyStatus_t eStatus,
                                    uint16_t usIdentifier );
#endif

/* pdTRUE when every end-point is up. */
BaseType_t FreeRTOS_IsNetworkUp( void );

#if ( ipconfigCHECK_IP_QUEUE_SPACE != 0 )
    UBaseType_t uxGetMinimumIPQueueSpace( void );
#endif

BaseType_t xIsNetworkDownEventPending( void );

#if ( ( ipconfigHAS_DEBUG_PRINTF != 0 ) || ( ipconfigHAS_PRINTF != 0 ) )
    /* Name of a TCP state, e.g. "eESTABLISHED"; "eUNKNOWN" if out of range. */
    const char * FreeRTOS_GetTCPStateName( UBaseType_t ulState );
#endif

#if ( ipconfigDHCP_REGISTER_HOSTNAME == 1 )
    /* The application names the device for DHCP. */
    const char * pcApplicationHostnameHook( void );
#endif

/* The application stores a random number in *pulNumber and returns pdTRUE,
 * or returns pdFALSE when no random number is available. */
BaseType_t xApplicationGetRandomNumber( uint32_t * pulNumber );

/* Packets parked while ARP / ND resolve an address (stack internal). */
extern NetworkBufferDescriptor_t * pxARPWaitingNetworkBuffer;
extern NetworkBufferDescriptor_t * pxNDWaitingNetworkBuffer;

/* ---- Older names ----------------------------------------------------------------------- */

#if ( ipconfigENABLE_BACKWARD_COMPATIBILITY == 1 )
    #define xIPStackEvent_t               IPStackEvent_t
    #define xNetworkBufferDescriptor_t    NetworkBufferDescriptor_t
    #define xMACAddress_t                 MACAddress_t
    #define xWinProperties_t              WinProperties_t
    #define xSocket_t                     Socket_t
    #define xSocketSet_t                  SocketSet_t
    #define ipSIZE_OF_IP_HEADER           ipSIZE_OF_IPv4_HEADER

    #define FOnConnected                  FOnConnected_t
    #define FOnTcpReceive                 FOnTCPReceive_t
    #define FOnTcpSent                    FOnTCPSent_t
    #define FOnUdpReceive                 FOnUDPReceive_t
    #define FOnUdpSent                    FOnUDPSent_t

    #define pOnTcpConnected               pxOnTCPConnected
    #define pOnTcpReceive                 pxOnTCPReceive
    #define pOnTcpSent                    pxOnTCPSent
    #define pOnUdpReceive                 pxOnUDPReceive
    #define pOnUdpSent                    pxOnUDPSent
#endif

#if ( ipconfigHAS_PRINTF != 0 )
    /* Logs the minimum free heap, network buffers and IP queue space. */
    extern void vPrintResourceStats( void );
#else
    #define vPrintResourceStats()    do {} while( ipFALSE_BOOL )
#endif

#ifdef __cplusplus
}
#endif

/* ---- The rest of the public surface, in dependency order ------------------------------- */

#include "FreeRTOS_Sockets.h"
#include "FreeRTOS_Stream_Buffer.h"
#include "FreeRTOS_TCP_WIN.h"
#include "FreeRTOS_TCP_IP.h"
#include "FreeRTOS_DHCP.h"
#if ( ipconfigUSE_IPv6 != 0 )
    #include "FreeRTOS_DHCPv6.h"
#endif
#include "FreeRTOS_Routing.h"
#include "FreeRTOS_IP_Private.h"
#include "FreeRTOS_IPv4.h"
#include "FreeRTOS_IPv6.h"
#include "FreeRTOS_UDP_IP.h"
#include "NetworkBufferManagement.h"
#include "NetworkInterface.h"
#include "FreeRTOS_DNS.h"
#include "FreeRTOS_IPv4_Utils.h"
#include "FreeRTOS_IPv6_Utils.h"
#include "FreeRTOS_IP_Utils.h"

#endif /* FREERTOS_IP_H */
