/*
 * FreeRTOS_Sockets.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * The Berkeley-style socket API: socket types, option and flag values, the
 * address structure and every socket call.  Calls return negated
 * pdFREERTOS_ERRNO_* values on failure (see the per-call notes).
 */

#include "FreeRTOS_IP.h"

#ifndef FREERTOS_SOCKETS_H
#define FREERTOS_SOCKETS_H

#include <string.h>

#ifndef FREERTOS_IP_CONFIG_H
    #error FreeRTOSIPConfig.h has not been included yet
#endif

#ifndef INC_FREERTOS_H
    #error FreeRTOS.h must be included before FreeRTOS_Sockets.h.
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Handles and legacy error values --------------------------------------- */

/* The value FreeRTOS_socket() (and FreeRTOS_accept() for a bad socket)
 * returns on failure.  Note: ~0U is a 32-bit value, so on a 64-bit host the
 * handle is 0x00000000FFFFFFFF, not all ones. */
#define FREERTOS_INVALID_SOCKET          ( ( Socket_t ) ~0U )

/* Obsolete error values, kept for old code.  New code compares with
 * -pdFREERTOS_ERRNO_*. */
#define FREERTOS_SOCKET_ERROR            ( -1 )
#define FREERTOS_EWOULDBLOCK             ( -pdFREERTOS_ERRNO_EWOULDBLOCK )
#define FREERTOS_EINVAL                  ( -pdFREERTOS_ERRNO_EINVAL )
#define FREERTOS_EADDRNOTAVAIL           ( -pdFREERTOS_ERRNO_EADDRNOTAVAIL )
#define FREERTOS_EADDRINUSE              ( -pdFREERTOS_ERRNO_EADDRINUSE )
#define FREERTOS_ENOBUFS                 ( -pdFREERTOS_ERRNO_ENOBUFS )
#define FREERTOS_ENOPROTOOPT             ( -pdFREERTOS_ERRNO_ENOPROTOOPT )
#define FREERTOS_ECLOSED                 ( -pdFREERTOS_ERRNO_ENOTCONN )

/* ---- FreeRTOS_socket() arguments ------------------------------------------------ */

#define FREERTOS_AF_INET                 ( 2 )
#define FREERTOS_AF_INET6                ( 10 )
#define FREERTOS_AF_INET4                FREERTOS_AF_INET
#define FREERTOS_SOCK_STREAM             ( 1 )
#define FREERTOS_SOCK_DGRAM              ( 2 )
#define FREERTOS_IPPROTO_TCP             ( 6 )
#define FREERTOS_IPPROTO_UDP             ( 17 )
/* Protocol chosen from the socket type. */
#define FREERTOS_SOCK_DEPENDENT_PROTO    ( 0 )

/* ---- Flags of the send and receive calls ----------------------------------------- */

#define FREERTOS_ZERO_COPY               ( 1 )  /* recv/recvfrom/sendto: exchange buffer pointers. */
#define FREERTOS_MSG_OOB                 ( 2 )  /* Unused. */
#define FREERTOS_MSG_PEEK                ( 4 )  /* recv/recvfrom: do not consume. */
#define FREERTOS_MSG_DONTROUTE           ( 8 )  /* Unused. */
#define FREERTOS_MSG_DONTWAIT            ( 16 ) /* Never block. */

/* ---- FreeRTOS_setsockopt() option names ------------------------------------------- */

/* The level argument is ignored.  Timeouts are TickType_t values passed by
 * pointer. */
#define FREERTOS_SO_RCVTIMEO             ( 0 )
#define FREERTOS_SO_SNDTIMEO             ( 1 )
#define FREERTOS_SO_UDPCKSUM_OUT         ( 2 ) /* The option value pointer itself: NULL = off. */

#if ( ipconfigSOCKET_HAS_USER_SEMAPHORE == 1 )
    #define FREERTOS_SO_SET_SEMAPHORE    ( 3 ) /* SemaphoreHandle_t *. */
#endif

#if ( ipconfigUSE_TCP == 1 )
    #define FREERTOS_SO_SNDBUF           ( 4 ) /* uint32_t *, bytes. */
    #define FREERTOS_SO_RCVBUF           ( 5 ) /* uint32_t *, bytes. */
#endif

#if ( ipconfigUSE_CALLBACKS == 1 )
    /* The value is an F_TCP_UDP_Handler_t *; the matching member is used. */
    #define FREERTOS_SO_TCP_CONN_HANDLER    ( 6 )
    #define FREERTOS_SO_TCP_RECV_HANDLER    ( 7 )
    #define FREERTOS_SO_TCP_SENT_HANDLER    ( 8 )
    #define FREERTOS_SO_UDP_RECV_HANDLER    ( 9 )
    #define FREERTOS_SO_UDP_SENT_HANDLER    ( 10 )
#endif

#if ( ipconfigUSE_TCP == 1 )
    #define FREERTOS_SO_REUSE_LISTEN_SOCKET    ( 11 ) /* BaseType_t *: the listener itself takes the connection. */
    #define FREERTOS_SO_CLOSE_AFTER_SEND       ( 12 ) /* BaseType_t *: send FIN with the last data. */
    #define FREERTOS_SO_WIN_PROPERTIES         ( 13 ) /* WinProperties_t *. */
    #define FREERTOS_SO_SET_FULL_SIZE          ( 14 ) /* BaseType_t *: only send full-size segments. */
    #define FREERTOS_SO_STOP_RX                ( 15 ) /* BaseType_t *: pause reception. */
#endif

#if ( ipconfigUDP_MAX_RX_PACKETS > 0 )
    #define FREERTOS_SO_UDP_MAX_RX_PACKETS    ( 16 ) /* UBaseType_t *. */
#endif

#if ( ipconfigSOCKET_HAS_USER_WAKE_CALLBACK == 1 )
    #define FREERTOS_SO_WAKEUP_CALLBACK    ( 17 ) /* The function pointer is the value. */
#endif

#if ( ipconfigUSE_TCP == 1 )
    #define FREERTOS_SO_SET_LOW_HIGH_WATER    ( 18 ) /* LowHighWater_t *. */
#endif

/* ---- Addresses -------------------------------------------------------------------- */

#define FREERTOS_INADDR_ANY          ( 0U )           /* 0.0.0.0 */
#define FREERTOS_INADDR_BROADCAST    ( 0xffffffffUL ) /* 255.255.255.255 */

#if ( ipconfigUSE_TCP == 1 )
    /* FreeRTOS_shutdown() accepts these but treats them all alike. */
    #define FREERTOS_SHUT_RD      ( 0 )
    #define FREERTOS_SHUT_WR      ( 1 )
    #define FREERTOS_SHUT_RDWR    ( 2 )
#endif

/* Kept a macro (not a typedef), as upstream. */
#define socklen_t    uint32_t

/*
 * Socket address for IPv4 and IPv6 alike (24 bytes):
 *   0 sin_len, 1 sin_family (FREERTOS_AF_INET / FREERTOS_AF_INET6),
 *   2 sin_port (network byte order), 4 sin_flowinfo (unused),
 *   8 sin_address (IPv4 in .ulIP_IPv4, network byte order; IPv6 in
 *     .xIP_IPv6.ucBytes).
 */
struct freertos_sockaddr
{
    uint8_t sin_len;
    uint8_t sin_family;
    uint16_t sin_port;
    uint32_t sin_flowinfo;
    IP_Address_t sin_address;
};

#if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )
    /* V3 code names the IPv4 address sin_addr. */
    #define sin_addr    sin_address.ulIP_IPv4
#endif

typedef struct freertos_sockaddr xFreertosSocAddr;

/* ---- Socket handles ------------------------------------------------------------------ */

/* Opaque handles. */
struct xSOCKET;
typedef struct xSOCKET         * Socket_t;
typedef struct xSOCKET const   * ConstSocket_t;

/* pdTRUE unless the handle is NULL or FREERTOS_INVALID_SOCKET. */
extern BaseType_t xSocketValid( const ConstSocket_t xSocket );

/* ---- Calls for every socket ------------------------------------------------------------ */

/* Creates a socket; FREERTOS_INVALID_SOCKET on any failure (also before the
 * IP task runs). */
Socket_t FreeRTOS_socket( BaseType_t xDomain,
                          BaseType_t xType,
                          BaseType_t xProtocol );

/* 0, or -pdFREERTOS_ERRNO_EINVAL (also when the port is taken) /
 * -pdFREERTOS_ERRNO_ECANCELED.  NULL address or port 0 picks a free port. */
BaseType_t FreeRTOS_bind( Socket_t xSocket,
                          struct freertos_sockaddr const * pxAddress,
                          socklen_t xAddressLength );

/* 0, -pdFREERTOS_ERRNO_EINVAL or -pdFREERTOS_ERRNO_ENOPROTOOPT. */
BaseType_t FreeRTOS_setsockopt( Socket_t xSocket,
                                int32_t lLevel,
                                int32_t lOptionName,
                                const void * pvOptionValue,
                                size_t uxOptionLength );

/* Queues the close: 1; 0 for NULL / FREERTOS_INVALID_SOCKET; -1 when the
 * request could not be queued.  The handle is invalid afterwards. */
BaseType_t FreeRTOS_closesocket( Socket_t xSocket );

#if ( ipconfigSUPPORT_SIGNALS != 0 )
    /* Wakes the task blocked on the socket; its call returns
     * -pdFREERTOS_ERRNO_EINTR. */
    BaseType_t FreeRTOS_SignalSocket( Socket_t xSocket );

    BaseType_t FreeRTOS_SignalSocketFromISR( Socket_t xSocket,
                                             BaseType_t * pxHigherPriorityTaskWoken );
#endif

/* A user pointer stored in the socket (NULL by default). */
BaseType_t xSocketSetSocketID( const Socket_t xSocket,
                               void * pvSocketID );

void * pvSocketGetSocketID( const ConstSocket_t xSocket );

/* ipTYPE_IPv4 or ipTYPE_IPv6. */
BaseType_t FreeRTOS_GetIPType( ConstSocket_t xSocket );

/* ---- UDP ----------------------------------------------------------------------------------- */

/* Bytes sent; 0 on failure (-pdFREERTOS_ERRNO_EINVAL for an unknown
 * address family). */
int32_t FreeRTOS_sendto( Socket_t xSocket,
                         const void * pvBuffer,
                         size_t uxTotalDataLength,
                         BaseType_t xFlags,
                         const struct freertos_sockaddr * pxDestinationAddress,
                         socklen_t xDestinationAddressLength );

/* Payload length; -pdFREERTOS_ERRNO_EWOULDBLOCK when nothing arrived in
 * time, -pdFREERTOS_ERRNO_EINVAL, -pdFREERTOS_ERRNO_EINTR. */
int32_t FreeRTOS_recvfrom( const ConstSocket_t xSocket,
                           void * pvBuffer,
                           size_t uxBufferLength,
                           BaseType_t xFlags,
                           struct freertos_sockaddr * pxSourceAddress,
                           socklen_t * pxSourceAddressLength );

/* Local address and port of any socket; returns
 * sizeof( struct freertos_sockaddr ). */
size_t FreeRTOS_GetLocalAddress( ConstSocket_t xSocket,
                                 struct freertos_sockaddr * pxAddress );

#if ( ipconfigETHERNET_DRIVER_FILTERS_PACKETS == 1 )
    /* pdTRUE when a UDP socket is bound to the port (network byte order). */
    BaseType_t xPortHasUDPSocket( uint16_t usPortNr );
#endif

/* ---- TCP ------------------------------------------------------------------------------------- */

#if ( ipconfigUSE_TCP == 1 )

/* Value of FREERTOS_SO_WIN_PROPERTIES: buffer sizes in bytes, window sizes
 * in MSS units. */
    typedef struct xWIN_PROPS
    {
        int32_t lTxBufSize;
        int32_t lTxWinSize;
        int32_t lRxBufSize;
        int32_t lRxWinSize;
    } WinProperties_t;

/* Value of FREERTOS_SO_SET_LOW_HIGH_WATER: the receive window closes when
 * free space falls below uxLittleSpace and reopens above uxEnoughSpace. */
    typedef struct xLOW_HIGH_WATER
    {
        size_t uxLittleSpace;
        size_t uxEnoughSpace;
    } LowHighWater_t;

/* 0 when connected; -pdFREERTOS_ERRNO_EWOULDBLOCK when the receive timeout is
 * 0 (the connection proceeds); otherwise a negated errno (EINVAL, EBADF,
 * EISCONN, EINPROGRESS, EAGAIN, ECANCELED, ENOTCONN, ETIMEDOUT).  Uses the
 * receive timeout. */
    BaseType_t FreeRTOS_connect( Socket_t xClientSocket,
                                 const struct freertos_sockaddr * pxAddress,
                                 socklen_t xAddressLength );

/* 0 or -pdFREERTOS_ERRNO_EOPNOTSUPP.  The backlog counts every live child of
 * the port, accepted or not. */
    BaseType_t FreeRTOS_listen( Socket_t xSocket,
                                BaseType_t xBacklog );

/* A connected child socket; NULL when none arrived within the receive
 * timeout; FREERTOS_INVALID_SOCKET for a socket that cannot accept. */
    Socket_t FreeRTOS_accept( Socket_t xServerSocket,
                              struct freertos_sockaddr * pxAddress,
                              socklen_t * pxAddressLength );

/* Bytes queued (may be fewer than asked); 0 after the FIN was sent; negated
 * errno (EINVAL, ENOMEM, ENOTCONN, ENOSPC) otherwise. */
    BaseType_t FreeRTOS_send( Socket_t xSocket,
                              const void * pvBuffer,
                              size_t uxDataLength,
                              BaseType_t xFlags );

/* Bytes received; 0 when nothing arrived in time (never EWOULDBLOCK);
 * -pdFREERTOS_ERRNO_ENOTCONN once the connection is closed and drained. */
    BaseType_t FreeRTOS_recv( Socket_t xSocket,
                              void * pvBuffer,
                              size_t uxBufferLength,
                              BaseType_t xFlags );

/* Graceful close (FIN after all data is acknowledged).  xHow is ignored. */
    BaseType_t FreeRTOS_shutdown( Socket_t xSocket,
                                  BaseType_t xHow );

/* Gives back bytes obtained with FreeRTOS_recv( ..., FREERTOS_ZERO_COPY ). */
    BaseType_t FreeRTOS_ReleaseTCPPayloadBuffer( Socket_t xSocket,
                                                 void const * pvBuffer,
                                                 BaseType_t xByteCount );

/* Bytes waiting in the receive stream. */
    BaseType_t FreeRTOS_rx_size( ConstSocket_t xSocket );
    #define FreeRTOS_recvcount( xSocket )    FreeRTOS_rx_size( xSocket )

/* Free space in the transmit stream. */
    BaseType_t FreeRTOS_tx_space( ConstSocket_t xSocket );

/* Bytes in the transmit stream (queued or not yet acknowledged). */
    BaseType_t FreeRTOS_tx_size( ConstSocket_t xSocket );
    #define FreeRTOS_outstanding( xSocket )    FreeRTOS_tx_size( xSocket )

/* pdTRUE in eESTABLISHED, eFIN_WAIT_1 and eFIN_WAIT_2. */
    BaseType_t FreeRTOS_issocketconnected( ConstSocket_t xSocket );

/* Remote address and port; returns sizeof( struct freertos_sockaddr ). */
    BaseType_t FreeRTOS_GetRemoteAddress( ConstSocket_t xSocket,
                                          struct freertos_sockaddr * pxAddress );

/* Bytes that may be written now; -1 when the socket cannot send. */
    BaseType_t FreeRTOS_maywrite( ConstSocket_t xSocket );

/* Maximum segment size in use. */
    BaseType_t FreeRTOS_mss( ConstSocket_t xSocket );

/* The TCP state (eIPTCPState_t) as a number. */
    BaseType_t FreeRTOS_connstatus( ConstSocket_t xSocket );

/* Zero-copy transmission: start of the transmit stream (created if
 * needed), and the current write position with the contiguous space in
 * *pxLength.  Data written there is sent by FreeRTOS_send( s, NULL, n, 0 ). */
    uint8_t * FreeRTOS_get_tx_base( Socket_t xSocket );

    uint8_t * FreeRTOS_get_tx_head( Socket_t xSocket,
                                    BaseType_t * pxLength );

/* Read-only view of the receive stream. */
    const struct xSTREAM_BUFFER * FreeRTOS_get_rx_buf( ConstSocket_t xSocket );

/* Asks the IP task to print the socket table through FreeRTOS_printf(). */
    void FreeRTOS_netstat( void );

#endif /* ipconfigUSE_TCP == 1 */

/* ---- Callbacks ------------------------------------------------------------------------------------ */

#if ( ipconfigUSE_CALLBACKS == 1 )

/* A TCP connection was made (ulConnected != 0) or lost (0). */
    typedef void (* FOnConnected_t)( Socket_t xSocket,
                                     BaseType_t ulConnected );

/* TCP data arrived; the return value is not used. */
    typedef BaseType_t (* FOnTCPReceive_t)( Socket_t xSocket,
                                            void * pData,
                                            size_t xLength );

/* TCP data was acknowledged. */
    typedef void (* FOnTCPSent_t)( Socket_t xSocket,
                                   size_t xLength );

/* A datagram arrived.  A positive return value means "consumed": the
 * datagram is not queued for recvfrom(). */
    typedef BaseType_t (* FOnUDPReceive_t)( Socket_t xSocket,
                                            void * pData,
                                            size_t xLength,
                                            const struct freertos_sockaddr * pxFrom,
                                            const struct freertos_sockaddr * pxDest );

/* A datagram was sent. */
    typedef void (* FOnUDPSent_t)( Socket_t xSocket,
                                   size_t xLength );

/* Value of the FREERTOS_SO_*_HANDLER options. */
    typedef struct xTCP_UDP_HANDLER
    {
        FOnConnected_t pxOnTCPConnected;
        FOnTCPReceive_t pxOnTCPReceive;
        FOnTCPSent_t pxOnTCPSent;
        FOnUDPReceive_t pxOnUDPReceive;
        FOnUDPSent_t pxOnUDPSent;
    } F_TCP_UDP_Handler_t;

#endif /* ipconfigUSE_CALLBACKS == 1 */

/* ---- Address conversion ------------------------------------------------------------------------------- */

/* Dotted-decimal text of an IPv4 address (network byte order); pcBuffer needs
 * at least 16 bytes.  Returns pcBuffer. */
extern const char * FreeRTOS_inet_ntoa( uint32_t ulIPAddress,
                                        char * pcBuffer );

/* The IPv4 address a.b.c.d as a network-byte-order uint32_t constant. */
#if ( ipconfigBYTE_ORDER == pdFREERTOS_LITTLE_ENDIAN )
    #define FreeRTOS_inet_addr_quick( ucOctet0, ucOctet1, ucOctet2, ucOctet3 ) \
    ( ( ( ( uint32_t ) ( ucOctet3 ) ) << 24 ) |                                \
      ( ( ( uint32_t ) ( ucOctet2 ) ) << 16 ) |                                \
      ( ( ( uint32_t ) ( ucOctet1 ) ) << 8 ) |                                 \
      ( ( uint32_t ) ( ucOctet0 ) ) )
#else
    #define FreeRTOS_inet_addr_quick( ucOctet0, ucOctet1, ucOctet2, ucOctet3 ) \
    ( ( ( ( uint32_t ) ( ucOctet0 ) ) << 24 ) |                                \
      ( ( ( uint32_t ) ( ucOctet1 ) ) << 16 ) |                                \
      ( ( ( uint32_t ) ( ucOctet2 ) ) << 8 ) |                                 \
      ( ( uint32_t ) ( ucOctet3 ) ) )
#endif

/* Parses "a.b.c.d" into a network-byte-order address; 0 on failure. */
uint32_t FreeRTOS_inet_addr( const char * pcIPAddress );

/* Text to binary for FREERTOS_AF_INET / FREERTOS_AF_INET6: pdPASS / pdFAIL,
 * -pdFREERTOS_ERRNO_EAFNOSUPPORT for other families. */
BaseType_t FreeRTOS_inet_pton( BaseType_t xAddressFamily,
                               const char * pcSource,
                               void * pvDestination );

/* Binary to text; NULL for an unknown family or a short buffer. */
const char * FreeRTOS_inet_ntop( BaseType_t xAddressFamily,
                                 const void * pvSource,
                                 char * pcDestination,
                                 socklen_t uxSize );

/* "62:48:5:83:A0:b2" or "0-12-34-fe-dc-ba" to 6 bytes: pdTRUE / pdFALSE. */
BaseType_t FreeRTOS_EUI48_pton( const char * pcSource,
                                uint8_t * pucTarget );

/* 6 bytes to text; cTen is 'a' or 'A' (digit case), cSeparator e.g. ':'. */
void FreeRTOS_EUI48_ntop( const uint8_t * pucSource,
                          char * pcTarget,
                          char cTen,
                          char cSeparator );

/* ---- select() ----------------------------------------------------------------------------------------- */

#if ( ipconfigSUPPORT_SELECT_FUNCTION == 1 )

/* Opaque socket set, the counterpart of fd_set. */
    struct xSOCKET_SET;
    typedef struct xSOCKET_SET         * SocketSet_t;
    typedef struct xSOCKET_SET const   * ConstSocketSet_t;

    SocketSet_t FreeRTOS_CreateSocketSet( void );

    void FreeRTOS_DeleteSocketSet( SocketSet_t xSocketSet );

/* OR of the ready event bits; 0 on timeout; eSELECT_INTR when signalled. */
    BaseType_t FreeRTOS_select( SocketSet_t xSocketSet,
                                TickType_t xBlockTimeTicks );

/* Event bits for FreeRTOS_FD_SET() / FreeRTOS_FD_CLR() / FreeRTOS_FD_ISSET(). */
    typedef enum eSELECT_EVENT
    {
        eSELECT_READ = 0x0001,
        eSELECT_WRITE = 0x0002,
        eSELECT_EXCEPT = 0x0004,
        eSELECT_INTR = 0x0008,
        eSELECT_ALL = 0x000F,
        eSELECT_CALL_IP = 0x0010 /* Internal. */
    } eSelectEvent_t;

/* Adds the socket to the set with the given interest bits. */
    void FreeRTOS_FD_SET( Socket_t xSocket,
                          SocketSet_t xSocketSet,
                          EventBits_t xBitsToSet );

/* Clears interest bits; with none left the socket leaves the set. */
    void FreeRTOS_FD_CLR( Socket_t xSocket,
                          SocketSet_t xSocketSet,
                          EventBits_t xBitsToClear );

/* The socket's ready bits if it belongs to the set, else 0. */
    EventBits_t FreeRTOS_FD_ISSET( const ConstSocket_t xSocket,
                                   const ConstSocketSet_t xSocketSet );

#endif /* ipconfigSUPPORT_SELECT_FUNCTION == 1 */

/* ---- Per-family conversion helpers -------------------------------------------------------------------- */

#if ipconfigUSE_IPv4
    BaseType_t FreeRTOS_inet_pton4( const char * pcSource,
                                    void * pvDestination );

    const char * FreeRTOS_inet_ntop4( const void * pvSource,
                                      char * pcDestination,
                                      socklen_t uxSize );
#endif

#if ipconfigUSE_IPv6
    BaseType_t FreeRTOS_inet_pton6( const char * pcSource,
                                    void * pvDestination );

    const char * FreeRTOS_inet_ntop6( const void * pvSource,
                                      char * pcDestination,
                                      socklen_t uxSize );
#endif

#ifdef __cplusplus
}
#endif

#endif /* FREERTOS_SOCKETS_H */
