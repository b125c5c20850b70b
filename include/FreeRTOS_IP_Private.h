/*
 * FreeRTOS_IP_Private.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * Wire-format structures (packed), the IP task's event type, byte-order
 * dependent protocol constants and the calls network drivers use to talk to
 * the stack (xSendEventStructToIPTask(), eConsiderFrameForProcessing(),
 * FreeRTOS_NetworkDown(), ...).  Drivers include this header by name.
 *
 * Deliberate difference: the socket object (struct xSOCKET, typedef
 * FreeRTOS_Socket_t) and the socket-set object (struct xSOCKET_SET) are
 * opaque here.  They belong to the Rust implementation; upstream's internal
 * socket layout (IPTCPSocket_t, IPUDPSocket_t, LastTCPPacket_t) is not
 * reproduced.
 */

#include "FreeRTOS_IP.h"

#ifndef FREERTOS_IP_PRIVATE_H
#define FREERTOS_IP_PRIVATE_H

#ifdef __cplusplus
extern "C" {
#endif

/* Loop condition of task bodies (a function in upstream's unit tests). */
#ifdef TEST
    int ipFOREVER( void );
#else
    #define ipFOREVER()    1
#endif

struct xNetworkEndPoint;
struct xNetworkInterface;

/* ---- Results and events -------------------------------------------------------- */

/* What to do with a received frame. */
typedef enum eFrameProcessingResult
{
    eReleaseBuffer = 0,   /* Nothing to do: release the buffer. */
    eProcessBuffer,       /* Addressed to us: process it. */
    eReturnEthernetFrame, /* Send the (modified) frame back to its source. */
    eFrameConsumed,       /* The stack kept the buffer. */
    eWaitingResolution    /* Parked until ARP / ND resolve the address. */
} eFrameProcessingResult_t;

/* Events in the IP task's queue.  One byte on Cortex-M4 (short enums). */
typedef enum
{
    eNoEvent = -1,
    eNetworkDownEvent,    /*  0 pvData: the interface */
    eNetworkRxEvent,      /*  1 pvData: a NetworkBufferDescriptor_t (chain) */
    eNetworkTxEvent,      /*  2 pvData: a NetworkBufferDescriptor_t to send */
    eARPTimerEvent,       /*  3 */
    eNDTimerEvent,        /*  4 */
    eStackTxEvent,        /*  5 pvData: a NetworkBufferDescriptor_t (UDP) */
    eDHCPEvent,           /*  6 pvData: the end-point */
    eTCPTimerEvent,       /*  7 */
    eTCPAcceptEvent,      /*  8 pvData: the listening socket */
    eTCPNetStat,          /*  9 */
    eSocketBindEvent,     /* 10 pvData: the socket */
    eSocketCloseEvent,    /* 11 pvData: the socket */
    eSocketSelectEvent,   /* 12 pvData: a SocketSelectMessage_t / set */
    eSocketSignalEvent,   /* 13 pvData: the socket */
    eSocketSetDeleteEvent /* 14 pvData: the socket set */
} eIPEvent_t;

/* Addresses of the single-interface era, network byte order. */
typedef struct xNetworkAddressingParameters
{
    uint32_t ulDefaultIPAddress;
    uint32_t ulNetMask;
    uint32_t ulGatewayAddress;
    uint32_t ulDNSServerAddress;
    uint32_t ulBroadcastAddress;
} NetworkAddressingParameters_t;

extern BaseType_t xTCPWindowLoggingLevel;

/* The IP task's event queue (elements are IPStackEvent_t). */
extern QueueHandle_t xNetworkEventQueue;

/* The socket object, opaque (see the note at the top). */
typedef struct xSOCKET FreeRTOS_Socket_t;

/* ---- Protocol headers (packed, network byte order) -------------------------------- */

/* Ethernet II header: 14 bytes. */
#include "pack_struct_start.h"
struct xETH_HEADER
{
    MACAddress_t xDestinationAddress; /*  0 */
    MACAddress_t xSourceAddress;      /*  6 */
    uint16_t usFrameType;             /* 12 */
}
#include "pack_struct_end.h"
typedef struct xETH_HEADER EthernetHeader_t;

/* ARP for IPv4 over Ethernet: 28 bytes. */
#include "pack_struct_start.h"
struct xARP_HEADER
{
    uint16_t usHardwareType;              /*  0 */
    uint16_t usProtocolType;              /*  2 */
    uint8_t ucHardwareAddressLength;      /*  4 */
    uint8_t ucProtocolAddressLength;      /*  5 */
    uint16_t usOperation;                 /*  6 */
    MACAddress_t xSenderHardwareAddress;  /*  8 */
    uint8_t ucSenderProtocolAddress[ 4 ]; /* 14 (not 4-byte aligned) */
    MACAddress_t xTargetHardwareAddress;  /* 18 */
    uint32_t ulTargetProtocolAddress;     /* 24 */
}
#include "pack_struct_end.h"
typedef struct xARP_HEADER ARPHeader_t;

/* ICMPv4 echo header: 8 bytes. */
#include "pack_struct_start.h"
struct xICMP_HEADER
{
    uint8_t ucTypeOfMessage;   /* 0 */
    uint8_t ucTypeOfService;   /* 1 (the ICMP code) */
    uint16_t usChecksum;       /* 2 */
    uint16_t usIdentifier;     /* 4 */
    uint16_t usSequenceNumber; /* 6 */
}
#include "pack_struct_end.h"
typedef struct xICMP_HEADER ICMPHeader_t;

/* ICMPv6 header with a target address and one option: 32 bytes. */
#include "pack_struct_start.h"
struct xICMPHeader_IPv6
{
    uint8_t ucTypeOfMessage;     /*  0 */
    uint8_t ucTypeOfService;     /*  1 */
    uint16_t usChecksum;         /*  2 */
    uint32_t ulReserved;         /*  4 */
    IPv6_Address_t xIPv6Address; /*  8 */
    uint8_t ucOptionType;        /* 24 */
    uint8_t ucOptionLength;      /* 25 */
    uint8_t ucOptionBytes[ 6 ];  /* 26 */
}
#include "pack_struct_end.h"
typedef struct xICMPHeader_IPv6 ICMPHeader_IPv6_t;

/* UDP header: 8 bytes. */
#include "pack_struct_start.h"
struct xUDP_HEADER
{
    uint16_t usSourcePort;      /* 0 */
    uint16_t usDestinationPort; /* 2 */
    uint16_t usLength;          /* 4 */
    uint16_t usChecksum;        /* 6 */
}
#include "pack_struct_end.h"
typedef struct xUDP_HEADER UDPHeader_t;

/* TCP header with room for options: 20 + ipSIZE_TCP_OPTIONS bytes when TCP
 * is enabled. */
#include "pack_struct_start.h"
struct xTCP_HEADER
{
    uint16_t usSourcePort;      /*  0 */
    uint16_t usDestinationPort; /*  2 */
    uint32_t ulSequenceNumber;  /*  4 */
    uint32_t ulAckNr;           /*  8 */
    uint8_t ucTCPOffset;        /* 12 */
    uint8_t ucTCPFlags;         /* 13 */
    uint16_t usWindow;          /* 14 */
    uint16_t usChecksum;        /* 16 */
    uint16_t usUrgent;          /* 18 */
    #if ipconfigUSE_TCP == 1
        uint8_t ucOptdata[ ipSIZE_TCP_OPTIONS ]; /* 20 */
    #endif
}
#include "pack_struct_end.h"
typedef struct xTCP_HEADER TCPHeader_t;

/* An ARP frame: 42 bytes. */
#include "pack_struct_start.h"
struct xARP_PACKET
{
    EthernetHeader_t xEthernetHeader;
    ARPHeader_t xARPHeader;
}
#include "pack_struct_end.h"
typedef struct xARP_PACKET ARPPacket_t;

/* The IPv4 and IPv6 frame layouts. */
#include "FreeRTOS_IPv4_Private.h"
#include "FreeRTOS_IPv6_Private.h"

/* Views of a frame (one of them applies). */
typedef union XPROT_PACKET
{
    ARPPacket_t xARPPacket;
    TCPPacket_t xTCPPacket;
    UDPPacket_t xUDPPacket;
    ICMPPacket_t xICMPPacket;
} ProtocolPacket_t;

/* Views of the header that follows the IP header. */
typedef union xPROT_HEADERS
{
    ICMPHeader_t xICMPHeader;
    UDPHeader_t xUDPHeader;
    TCPHeader_t xTCPHeader;
    ICMPHeader_IPv6_t xICMPHeaderIPv6;
} ProtocolHeaders_t;

/* ---- The IP task's event ------------------------------------------------------------ */

/* An element of xNetworkEventQueue (Cortex-M4: 8 bytes, pvData at 4;
 * x86_64: 16 bytes). */
typedef struct IP_TASK_COMMANDS
{
    eIPEvent_t eEventType;
    void * pvData;
} IPStackEvent_t;

/* Summary of a packet for the checksum code. */
struct xPacketSummary
{
    BaseType_t xIsIPv6;
    #if ipconfigUSE_IPv6
        const IPHeader_IPv6_t * pxIPPacket_IPv6;
    #endif
    #if ( ipconfigHAS_DEBUG_PRINTF != 0 )
        const char * pcType;
    #endif
    size_t uxIPHeaderLength;
    size_t uxProtocolHeaderLength;
    uint16_t usChecksum;
    uint8_t ucProtocol;
    const IPPacket_t * pxIPPacket;
    ProtocolHeaders_t * pxProtocolHeaders;
    uint16_t usPayloadLength;
    uint16_t usProtocolBytes;
};

/* Scratch offsets inside the Ethernet header of a packet being built. */
#define ipFRAGMENTATION_PARAMETERS_OFFSET    ( 6 )
#define ipSOCKET_OPTIONS_OFFSET              ( 6 )

/* ---- Protocol constants in network byte order ---------------------------------------- */

#if ( ipconfigBYTE_ORDER == pdFREERTOS_LITTLE_ENDIAN )
    #define ipARP_FRAME_TYPE                   ( 0x0608U )
    #define ipIPv4_FRAME_TYPE                  ( 0x0008U )
    #define ipARP_PROTOCOL_TYPE                ( 0x0008U )
    #define ipARP_HARDWARE_TYPE_ETHERNET       ( 0x0100U )
    #define ipARP_REQUEST                      ( 0x0100U )
    #define ipARP_REPLY                        ( 0x0200U )
    #define ipFRAGMENT_OFFSET_BIT_MASK         ( ( uint16_t ) 0xff1fU )
    #define ipFRAGMENT_FLAGS_BIT_MASK          ( ( uint16_t ) 0x00e0U )
    #define ipFRAGMENT_FLAGS_DONT_FRAGMENT     ( ( uint16_t ) 0x0040U )
    #define ipFRAGMENT_FLAGS_MORE_FRAGMENTS    ( ( uint16_t ) 0x0020U )
#else
    #define ipARP_FRAME_TYPE                   ( 0x0806U )
    #define ipIPv4_FRAME_TYPE                  ( 0x0800U )
    #define ipARP_PROTOCOL_TYPE                ( 0x0800U )
    #define ipARP_HARDWARE_TYPE_ETHERNET       ( 0x0001U )
    #define ipARP_REQUEST                      ( 0x0001 )
    #define ipARP_REPLY                        ( 0x0002 )
    #define ipFRAGMENT_OFFSET_BIT_MASK         ( ( uint16_t ) 0x1fffU )
    #define ipFRAGMENT_FLAGS_BIT_MASK          ( ( uint16_t ) 0xe000U )
    #define ipFRAGMENT_FLAGS_DONT_FRAGMENT     ( ( uint16_t ) 0x4000U )
    #define ipFRAGMENT_FLAGS_MORE_FRAGMENTS    ( ( uint16_t ) 0x2000U )
#endif

/* ff:ff:ff:ff:ff:ff */
extern const MACAddress_t xBroadcastMACAddress;
extern uint16_t usPacketIdentifier;

/* Bound sockets (IP task only). */
extern List_t xBoundUDPSocketsList;
#if ( ipconfigUSE_TCP == 1 )
    extern List_t xBoundTCPSocketsList;
#endif

/* pdTRUE with fixed-size (BufferAllocation_1 style) network buffers. */
extern const BaseType_t xBufferAllocFixedSize;

/* Heads of the global end-point and interface lists.  Applications walk
 * pxNetworkEndPoints directly. */
extern struct xNetworkEndPoint * pxNetworkEndPoints;
extern struct xNetworkInterface * pxNetworkInterfaces;

/* usPort value of a buffer that carries ICMP rather than UDP. */
#define ipPACKET_CONTAINS_ICMP_DATA    ( 0 )

/* The low 8 bits of a socket's event group hold eSOCKET_* bits; select bits
 * follow, shifted left by this count. */
#define SOCKET_EVENT_BIT_COUNT         8

/* ---- Helper macros -------------------------------------------------------------------------- */

/* Store a 16 / 32-bit value big-endian at a field of a packed structure. */
#define vSetField16( pxBase, xType, xField, usValue )                                                 \
    do {                                                                                              \
        ( ( uint8_t * ) ( pxBase ) )[ offsetof( xType, xField ) + 0 ] = ( uint8_t ) ( ( usValue ) >> 8 ); \
        ( ( uint8_t * ) ( pxBase ) )[ offsetof( xType, xField ) + 1 ] = ( uint8_t ) ( ( usValue ) & 0xffU ); \
    } while( ipFALSE_BOOL )

#define vSetField32( pxBase, xType, xField, ulValue )                                                          \
    {                                                                                                          \
        ( ( uint8_t * ) ( pxBase ) )[ offsetof( xType, xField ) + 0 ] = ( uint8_t ) ( ( ulValue ) >> 24 );     \
        ( ( uint8_t * ) ( pxBase ) )[ offsetof( xType, xField ) + 1 ] = ( uint8_t ) ( ( ( ulValue ) >> 16 ) & 0xffU ); \
        ( ( uint8_t * ) ( pxBase ) )[ offsetof( xType, xField ) + 2 ] = ( uint8_t ) ( ( ( ulValue ) >> 8 ) & 0xffU );  \
        ( ( uint8_t * ) ( pxBase ) )[ offsetof( xType, xField ) + 3 ] = ( uint8_t ) ( ( ulValue ) & 0xffU );   \
    }

/* Swap two 16 / 32-bit lvalues. */
#define vFlip_16( left, right )  \
    do {                         \
        uint16_t tmp = ( left ); \
        ( left ) = ( right );    \
        ( right ) = tmp;         \
    } while( ipFALSE_BOOL )

#define vFlip_32( left, right )  \
    do {                         \
        uint32_t tmp = ( left ); \
        ( left ) = ( right );    \
        ( right ) = tmp;         \
    } while( ipFALSE_BOOL )

/* Element counts of arrays (never of array parameters). */
#ifndef ARRAY_SIZE_X
    #ifndef _WINDOWS_
        #define ARRAY_SIZE_X( x )    ( ( BaseType_t ) sizeof( x ) / ( BaseType_t ) sizeof( x[ 0 ] ) )
    #else
        #define ARRAY_SIZE_X( x )    ( sizeof( x ) / sizeof( x[ 0 ] ) )
    #endif
#endif

#ifndef ARRAY_SIZE
    #define ARRAY_SIZE( x )    ( ( BaseType_t ) ( sizeof( x ) / sizeof( ( x )[ 0 ] ) ) )
#endif

#ifndef ARRAY_USIZE
    #define ARRAY_USIZE( x )    ( ( UBaseType_t ) ( sizeof( x ) / sizeof( ( x )[ 0 ] ) ) )
#endif

/* ---- Calls for network drivers ------------------------------------------------------------------ */

/* Tells the stack that the link went down; the IP task then calls the
 * interface's pfInitialise() until it succeeds.  The FromISR form returns
 * pdTRUE when a context switch is due. */
void FreeRTOS_NetworkDown( struct xNetworkInterface * pxNetworkInterface );
BaseType_t FreeRTOS_NetworkDownFromISR( struct xNetworkInterface * pxNetworkInterface );

eFrameProcessingResult_t eARPProcessPacket( const NetworkBufferDescriptor_t * pxNetworkBuffer );

/* Quick filter for drivers: eProcessBuffer when the frame may interest the
 * stack, eReleaseBuffer otherwise. */
eFrameProcessingResult_t eConsiderFrameForProcessing( const uint8_t * const pucEthernetBuffer );

/* Internet checksum (one's complement sum) over uxByteCount bytes, starting
 * from usSum. */
uint16_t usGenerateChecksum( uint16_t usSum,
                             const uint8_t * pucNextData,
                             size_t uxByteCount );

/* Checks (xOutgoingPacket == pdFALSE; ipCORRECT_CRC when valid) or fills in
 * the TCP / UDP / ICMP checksum of a frame. */
uint16_t usGenerateProtocolChecksum( uint8_t * pucEthernetBuffer,
                                     size_t uxBufferLength,
                                     BaseType_t xOutgoingPacket );

/* Sends the frame back to where it came from. */
void vReturnEthernetFrame( NetworkBufferDescriptor_t * pxNetworkBuffer,
                           BaseType_t xReleaseAfterSend );

/* Posts an event without waiting: pdPASS / pdFAIL. */
BaseType_t xSendEventToIPTask( eIPEvent_t eEvent );

/* Posts an event, waiting up to uxTimeout for queue space.  pdFAIL when the
 * IP task is not running or the queue stays full; a driver must then release
 * the buffer it tried to pass. */
BaseType_t xSendEventStructToIPTask( const IPStackEvent_t * pxEvent,
                                     TickType_t uxTimeout );

/* The descriptor of a buffer obtained with
 * FreeRTOS_GetUDPPayloadBuffer(_Multi)(). */
NetworkBufferDescriptor_t * pxUDPPayloadBuffer_to_NetworkBuffer( const void * pvBuffer );

/* IP header size of a frame (20 or 40). */
size_t uxIPHeaderSizePacket( const NetworkBufferDescriptor_t * pxNetworkBuffer );

/* IP header size used by a socket (20 or 40). */
size_t uxIPHeaderSizeSocket( const FreeRTOS_Socket_t * pxSocket );

/* pdTRUE when called from the IP task. */
BaseType_t xIsCallingFromIPTask( void );

/* pdTRUE once the IP task runs. */
BaseType_t xIPIsNetworkTaskReady( void );

/* ---- Socket internals (stack side) ---------------------------------------------------------------- */

#if ( ipconfigUSE_TCP == 1 )
    void vSocketCloseNextTime( FreeRTOS_Socket_t * pxSocket );

    void vSocketListenNextTime( FreeRTOS_Socket_t * pxSocket );

    /* TCP socket matching local port and remote address / port. */
    FreeRTOS_Socket_t * pxTCPSocketLookup( uint32_t ulLocalIP,
                                           UBaseType_t uxLocalPort,
                                           IPv46_Address_t xRemoteIP,
                                           UBaseType_t uxRemotePort );
#endif

/* UDP socket bound to a local port (network byte order). */
FreeRTOS_Socket_t * pxUDPSocketLookup( UBaseType_t uxLocalPort );

/* Bind as done by the IP task; xInternal allows the duplicate binding of a
 * listener's children. */
BaseType_t vSocketBind( FreeRTOS_Socket_t * pxSocket,
                        struct freertos_sockaddr * pxBindAddress,
                        size_t uxAddressLength,
                        BaseType_t xInternal );

/* Stores received TCP data in a socket's receive stream. */
int32_t lTCPAddRxdata( FreeRTOS_Socket_t * pxSocket,
                       size_t uxOffset,
                       const uint8_t * pcData,
                       uint32_t ulByteCount );

/* Wakes the tasks waiting on a socket. */
void vSocketWakeUpUser( FreeRTOS_Socket_t * pxSocket );

/* Big-endian loads. */
extern uint32_t ulChar2u32( const uint8_t * pucPtr );
extern uint16_t usChar2u16( const uint8_t * pucPtr );

BaseType_t xTCPSocketCheck( FreeRTOS_Socket_t * pxSocket );

BaseType_t xTCPCheckNewClient( FreeRTOS_Socket_t * pxSocket );

void * vSocketClose( FreeRTOS_Socket_t * pxSocket );

#if ( ipconfigUSE_TCP == 1 )
    void vTCPStateChange( FreeRTOS_Socket_t * pxSocket,
                          enum eTCP_STATE eTCPState );
#endif

void vNetworkSocketsInit( void );

#if ( ipconfigSOCKET_HAS_USER_WAKE_CALLBACK == 1 )
    /* Value of FREERTOS_SO_WAKEUP_CALLBACK. */
    typedef void (* SocketWakeupCallback_t)( struct xSOCKET * pxSocket );
#endif

#if ( ipconfigUSE_TCP == 1 )
    #if ( ipconfigHAS_PRINTF != 0 )
        void vTCPNetStat( void );
    #endif

    TickType_t xTCPTimerCheck( BaseType_t xWillSleep );
#endif

/* Event bits of a socket's event group (the low SOCKET_EVENT_BIT_COUNT bits). */
enum eSOCKET_EVENT
{
    eSOCKET_RECEIVE = 0x0001,
    eSOCKET_SEND = 0x0002,
    eSOCKET_ACCEPT = 0x0004,
    eSOCKET_CONNECT = 0x0008,
    eSOCKET_BOUND = 0x0010,
    eSOCKET_CLOSED = 0x0020,
    eSOCKET_INTR = 0x0040,
    eSOCKET_ALL = 0x007F
};

#if ( ipconfigSUPPORT_SELECT_FUNCTION == 1 )
    /* The socket-set object, opaque (see the note at the top). */
    typedef struct xSOCKET_SET SocketSelect_t;

    extern void vSocketSelect( const SocketSelect_t * pxSocketSet );

    /* Data of an eSocketSelectEvent. */
    typedef struct xSocketSelectMessage
    {
        TaskHandle_t xTaskhandle;
        SocketSelect_t * pxSocketSet;
    } SocketSelectMessage_t;
#endif

/* Delivers the network-up event and starts the ARP / ND timers. */
void vIPNetworkUpCalls( struct xNetworkEndPoint * pxEndPoint );

void vSetAllNetworksUp( BaseType_t xIsAllNetworksUp );

#ifdef __cplusplus
}
#endif

#endif /* FREERTOS_IP_PRIVATE_H */
