/*
 * abi_layout.c -- compile-time ABI checks of the drop-in headers.
 *
 * Compile-only (nothing here is run or linked).  The build fails when
 *   - a constant differs from FreeRTOS+TCP V4.4.1 (reference sections 1.2,
 *     1.3) or a feature guard around it differs,
 *   - a structure size or offset differs from the reference (sections 6.4
 *     and 13: Cortex-M4 values under __ARM_ARCH_7EM__, x86_64 values where
 *     the reference gives them),
 *   - a declared function or variable has a different type than the
 *     upstream interface (every declaration is assigned to a pointer of the
 *     exact expected type; build with -Werror=incompatible-pointer-types).
 *
 * With -DFPTCP_CHECK_EXPORTS the cbindgen prototypes of the Rust library
 * (fptcp_exports.h) are included after all headers, so a prototype that
 * differs between the headers and the Rust export is a compile error.
 *
 * Checks of guarded declarations follow the guards; build this file under
 * several configurations (c-tests/abi/config/) to cover them all.
 */

#include <stddef.h>
#include <stdint.h>

#include "FreeRTOS.h"
#include "task.h"
#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"
#include "FreeRTOS_IP_Private.h"
#include "FreeRTOS_Routing.h"
#include "FreeRTOS_IP_Utils.h"
#include "FreeRTOS_IP_Timers.h"
#include "FreeRTOS_ARP.h"
#include "FreeRTOS_ICMP.h"
#include "FreeRTOS_ND.h"
#include "FreeRTOS_DHCP.h"
#include "FreeRTOS_DNS.h"
#include "FreeRTOS_UDP_IP.h"
#include "FreeRTOS_TCP_IP.h"
#include "FreeRTOS_TCP_WIN.h"
#include "FreeRTOS_Stream_Buffer.h"
#include "FreeRTOS_IPv4.h"
#include "FreeRTOS_IPv6.h"
#include "FreeRTOS_errno_TCP.h"
#include "NetworkInterface.h"
#include "NetworkBufferManagement.h"
#include "fptcp_extensions.h"
#if ( ipconfigUSE_IPv6 != 0 )
    #include "FreeRTOS_DHCPv6.h"
#endif

#ifdef FPTCP_CHECK_EXPORTS
    /* cbindgen writes array parameters (`const uint8_t ucIPAddress[4]` in
     * FreeRTOS_FillEndPoint) as pointers: the same type to the compiler, so
     * only gcc's cosmetic array-parameter warning is silenced here. */
    #pragma GCC diagnostic push
    #pragma GCC diagnostic ignored "-Warray-parameter"
    /* Without ipconfigHAS_PRINTF, FreeRTOS_IP.h makes vPrintResourceStats()
     * an empty macro (as upstream); the library exports the function in
     * every build, and its prototype is checked here. */
    #undef vPrintResourceStats
    #include "fptcp_exports.h"
    #pragma GCC diagnostic pop
#endif

#define ABI_ASSERT( expr )    _Static_assert( expr, #expr )

/* Same type (GCC / Clang builtin). */
#define ABI_SAME_TYPE( a, b )    ABI_ASSERT( __builtin_types_compatible_p( a, b ) )

/* A function declared with exactly this type. */
#define ABI_FN( fn, ret, params )    ret ( * const abi_fn_##fn ) params = fn

/* A variable declared with exactly this type. */
#define ABI_VAR( var, type )         type * const abi_var_##var = &( var )

/* ======================================================================= */
/* 1. Constants (reference 1.2 and 1.3)                                    */
/* ======================================================================= */

/* ---- pdFREERTOS_ERRNO_* (kernel projdefs.h; APIs return them negated) --- */
ABI_ASSERT( pdFREERTOS_ERRNO_NONE == 0 );
ABI_ASSERT( pdFREERTOS_ERRNO_ENOENT == 2 );
ABI_ASSERT( pdFREERTOS_ERRNO_EINTR == 4 );
ABI_ASSERT( pdFREERTOS_ERRNO_EIO == 5 );
ABI_ASSERT( pdFREERTOS_ERRNO_ENXIO == 6 );
ABI_ASSERT( pdFREERTOS_ERRNO_EBADF == 9 );
ABI_ASSERT( pdFREERTOS_ERRNO_EAGAIN == 11 );
ABI_ASSERT( pdFREERTOS_ERRNO_EWOULDBLOCK == 11 );
ABI_ASSERT( pdFREERTOS_ERRNO_ENOMEM == 12 );
ABI_ASSERT( pdFREERTOS_ERRNO_EACCES == 13 );
ABI_ASSERT( pdFREERTOS_ERRNO_EFAULT == 14 );
ABI_ASSERT( pdFREERTOS_ERRNO_EBUSY == 16 );
ABI_ASSERT( pdFREERTOS_ERRNO_EEXIST == 17 );
ABI_ASSERT( pdFREERTOS_ERRNO_EXDEV == 18 );
ABI_ASSERT( pdFREERTOS_ERRNO_ENODEV == 19 );
ABI_ASSERT( pdFREERTOS_ERRNO_ENOTDIR == 20 );
ABI_ASSERT( pdFREERTOS_ERRNO_EISDIR == 21 );
ABI_ASSERT( pdFREERTOS_ERRNO_EINVAL == 22 );
ABI_ASSERT( pdFREERTOS_ERRNO_ENOSPC == 28 );
ABI_ASSERT( pdFREERTOS_ERRNO_ESPIPE == 29 );
ABI_ASSERT( pdFREERTOS_ERRNO_EROFS == 30 );
ABI_ASSERT( pdFREERTOS_ERRNO_EUNATCH == 42 );
ABI_ASSERT( pdFREERTOS_ERRNO_EBADE == 50 );
ABI_ASSERT( pdFREERTOS_ERRNO_EFTYPE == 79 );
ABI_ASSERT( pdFREERTOS_ERRNO_ENMFILE == 89 );
ABI_ASSERT( pdFREERTOS_ERRNO_ENOTEMPTY == 90 );
ABI_ASSERT( pdFREERTOS_ERRNO_ENAMETOOLONG == 91 );
ABI_ASSERT( pdFREERTOS_ERRNO_EOPNOTSUPP == 95 );
ABI_ASSERT( pdFREERTOS_ERRNO_EAFNOSUPPORT == 97 );
ABI_ASSERT( pdFREERTOS_ERRNO_ENOBUFS == 105 );
ABI_ASSERT( pdFREERTOS_ERRNO_ENOPROTOOPT == 109 );
ABI_ASSERT( pdFREERTOS_ERRNO_EADDRINUSE == 112 );
ABI_ASSERT( pdFREERTOS_ERRNO_ETIMEDOUT == 116 );
ABI_ASSERT( pdFREERTOS_ERRNO_EINPROGRESS == 119 );
ABI_ASSERT( pdFREERTOS_ERRNO_EALREADY == 120 );
ABI_ASSERT( pdFREERTOS_ERRNO_EADDRNOTAVAIL == 125 );
ABI_ASSERT( pdFREERTOS_ERRNO_EISCONN == 127 );
ABI_ASSERT( pdFREERTOS_ERRNO_ENOTCONN == 128 );
ABI_ASSERT( pdFREERTOS_ERRNO_ENOMEDIUM == 135 );
ABI_ASSERT( pdFREERTOS_ERRNO_EILSEQ == 138 );
ABI_ASSERT( pdFREERTOS_ERRNO_ECANCELED == 140 );
ABI_ASSERT( pdFREERTOS_LITTLE_ENDIAN == 0 );
ABI_ASSERT( pdFREERTOS_BIG_ENDIAN == 1 );

/* ---- Handles and legacy error values ---------------------------------- */
#if defined( __GNUC__ ) && !defined( __clang__ )
    /* A pointer cast is folded by GCC (not an ISO integer constant). */
    ABI_ASSERT( ( uintptr_t ) FREERTOS_INVALID_SOCKET == ( uintptr_t ) ~0U );
    #if defined( __x86_64__ )
        /* The trap: 32 bits of ones, not a 64-bit all-ones handle. */
        ABI_ASSERT( ( uintptr_t ) FREERTOS_INVALID_SOCKET == ( uintptr_t ) 0xFFFFFFFFUL );
    #endif
#endif
ABI_SAME_TYPE( __typeof__( FREERTOS_INVALID_SOCKET ), Socket_t );
ABI_ASSERT( FREERTOS_SOCKET_ERROR == -1 );
ABI_ASSERT( FREERTOS_EWOULDBLOCK == -11 );
ABI_ASSERT( FREERTOS_EINVAL == -22 );
ABI_ASSERT( FREERTOS_EADDRNOTAVAIL == -125 );
ABI_ASSERT( FREERTOS_EADDRINUSE == -112 );
ABI_ASSERT( FREERTOS_ENOBUFS == -105 );
ABI_ASSERT( FREERTOS_ENOPROTOOPT == -109 );
ABI_ASSERT( FREERTOS_ECLOSED == -128 );
ABI_ASSERT( FREERTOS_ECLOSED == -pdFREERTOS_ERRNO_ENOTCONN );

/* ---- Domain, type, protocol -------------------------------------------- */
ABI_ASSERT( FREERTOS_AF_INET == 2 );
ABI_ASSERT( FREERTOS_AF_INET6 == 10 );
ABI_ASSERT( FREERTOS_AF_INET4 == FREERTOS_AF_INET );
ABI_ASSERT( FREERTOS_SOCK_STREAM == 1 );
ABI_ASSERT( FREERTOS_SOCK_DGRAM == 2 );
ABI_ASSERT( FREERTOS_IPPROTO_TCP == 6 );
ABI_ASSERT( FREERTOS_IPPROTO_UDP == 17 );
ABI_ASSERT( FREERTOS_SOCK_DEPENDENT_PROTO == 0 );

/* ---- Flags --------------------------------------------------------------- */
ABI_ASSERT( FREERTOS_ZERO_COPY == 1 );
ABI_ASSERT( FREERTOS_MSG_OOB == 2 );
ABI_ASSERT( FREERTOS_MSG_PEEK == 4 );
ABI_ASSERT( FREERTOS_MSG_DONTROUTE == 8 );
ABI_ASSERT( FREERTOS_MSG_DONTWAIT == 16 );

/* ---- Socket options, with their guards ------------------------------------ */
ABI_ASSERT( FREERTOS_SO_RCVTIMEO == 0 );
ABI_ASSERT( FREERTOS_SO_SNDTIMEO == 1 );
ABI_ASSERT( FREERTOS_SO_UDPCKSUM_OUT == 2 );

#if ( ipconfigSOCKET_HAS_USER_SEMAPHORE == 1 )
    ABI_ASSERT( FREERTOS_SO_SET_SEMAPHORE == 3 );
#elif defined( FREERTOS_SO_SET_SEMAPHORE )
    #error FREERTOS_SO_SET_SEMAPHORE must depend on ipconfigSOCKET_HAS_USER_SEMAPHORE
#endif

#if ( ipconfigUSE_TCP == 1 )
    ABI_ASSERT( FREERTOS_SO_SNDBUF == 4 );
    ABI_ASSERT( FREERTOS_SO_RCVBUF == 5 );
    ABI_ASSERT( FREERTOS_SO_REUSE_LISTEN_SOCKET == 11 );
    ABI_ASSERT( FREERTOS_SO_CLOSE_AFTER_SEND == 12 );
    ABI_ASSERT( FREERTOS_SO_WIN_PROPERTIES == 13 );
    ABI_ASSERT( FREERTOS_SO_SET_FULL_SIZE == 14 );
    ABI_ASSERT( FREERTOS_SO_STOP_RX == 15 );
    ABI_ASSERT( FREERTOS_SO_SET_LOW_HIGH_WATER == 18 );
    ABI_ASSERT( FREERTOS_SHUT_RD == 0 );
    ABI_ASSERT( FREERTOS_SHUT_WR == 1 );
    ABI_ASSERT( FREERTOS_SHUT_RDWR == 2 );
#elif defined( FREERTOS_SO_SNDBUF ) || defined( FREERTOS_SO_RCVBUF ) || defined( FREERTOS_SO_REUSE_LISTEN_SOCKET ) || \
    defined( FREERTOS_SO_CLOSE_AFTER_SEND ) || defined( FREERTOS_SO_WIN_PROPERTIES ) || defined( FREERTOS_SO_SET_FULL_SIZE ) || \
    defined( FREERTOS_SO_STOP_RX ) || defined( FREERTOS_SO_SET_LOW_HIGH_WATER ) || defined( FREERTOS_SHUT_RD ) || \
    defined( FREERTOS_recvcount ) || defined( FREERTOS_outstanding )
    #error TCP-only names must depend on ipconfigUSE_TCP
#endif

#if ( ipconfigUSE_CALLBACKS == 1 )
    ABI_ASSERT( FREERTOS_SO_TCP_CONN_HANDLER == 6 );
    ABI_ASSERT( FREERTOS_SO_TCP_RECV_HANDLER == 7 );
    ABI_ASSERT( FREERTOS_SO_TCP_SENT_HANDLER == 8 );
    ABI_ASSERT( FREERTOS_SO_UDP_RECV_HANDLER == 9 );
    ABI_ASSERT( FREERTOS_SO_UDP_SENT_HANDLER == 10 );
#elif defined( FREERTOS_SO_TCP_CONN_HANDLER ) || defined( FREERTOS_SO_UDP_SENT_HANDLER )
    #error handler options must depend on ipconfigUSE_CALLBACKS
#endif

#if ( ipconfigUDP_MAX_RX_PACKETS > 0 )
    ABI_ASSERT( FREERTOS_SO_UDP_MAX_RX_PACKETS == 16 );
#elif defined( FREERTOS_SO_UDP_MAX_RX_PACKETS )
    #error FREERTOS_SO_UDP_MAX_RX_PACKETS must depend on ipconfigUDP_MAX_RX_PACKETS
#endif

#if ( ipconfigSOCKET_HAS_USER_WAKE_CALLBACK == 1 )
    ABI_ASSERT( FREERTOS_SO_WAKEUP_CALLBACK == 17 );
#elif defined( FREERTOS_SO_WAKEUP_CALLBACK )
    #error FREERTOS_SO_WAKEUP_CALLBACK must depend on ipconfigSOCKET_HAS_USER_WAKE_CALLBACK
#endif

/* ---- Addresses --------------------------------------------------------------- */
ABI_ASSERT( FREERTOS_INADDR_ANY == 0U );
ABI_ASSERT( FREERTOS_INADDR_BROADCAST == 0xffffffffUL );
ABI_ASSERT( ipTYPE_IPv4 == 0x40U );
ABI_ASSERT( ipTYPE_IPv6 == 0x60U );
#if ( ipconfigBYTE_ORDER == pdFREERTOS_LITTLE_ENDIAN )
    ABI_ASSERT( FreeRTOS_inet_addr_quick( 10, 99, 0, 2 ) == 0x0200630AUL );
    ABI_ASSERT( FreeRTOS_htons( 0x1234U ) == 0x3412U );
    ABI_ASSERT( FreeRTOS_htonl( 0x12345678UL ) == 0x78563412UL );
    ABI_ASSERT( FreeRTOS_ntohs( 0xABCDU ) == 0xCDABU );
    ABI_ASSERT( FreeRTOS_ntohl( 0x0A000001UL ) == 0x0100000AUL );
#endif
ABI_ASSERT( sizeof( socklen_t ) == 4 );
#ifndef socklen_t
    #error socklen_t must be a macro
#endif
#if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )
    #ifndef sin_addr
        #error sin_addr must be a macro with ipconfigIPv4_BACKWARD_COMPATIBLE
    #endif
    ABI_ASSERT( offsetof( struct freertos_sockaddr, sin_addr ) == 8 );
#elif defined( sin_addr )
    #error sin_addr must only exist with ipconfigIPv4_BACKWARD_COMPATIBLE
#endif
#if !defined( FreeRTOS_htons ) || !defined( FreeRTOS_htonl ) || !defined( FreeRTOS_ntohs ) || !defined( FreeRTOS_ntohl )
    #error the byte-order conversions must be macros
#endif
#if !defined( FreeRTOS_inet_addr_quick ) || !defined( ipBUFFER_PADDING )
    #error FreeRTOS_inet_addr_quick and ipBUFFER_PADDING must be macros
#endif

/* ---- Select events --------------------------------------------------------------- */
#if ( ipconfigSUPPORT_SELECT_FUNCTION == 1 )
    ABI_ASSERT( eSELECT_READ == 0x0001 );
    ABI_ASSERT( eSELECT_WRITE == 0x0002 );
    ABI_ASSERT( eSELECT_EXCEPT == 0x0004 );
    ABI_ASSERT( eSELECT_INTR == 0x0008 );
    ABI_ASSERT( eSELECT_ALL == 0x000F );
    ABI_ASSERT( eSELECT_CALL_IP == 0x0010 );
#endif

/* ---- Hook and event enumerations ---------------------------------------------------- */
ABI_ASSERT( eNetworkUp == 0 );
ABI_ASSERT( eNetworkDown == 1 );
ABI_ASSERT( eSuccess == 0 );
ABI_ASSERT( eInvalidChecksum == 1 );
ABI_ASSERT( eInvalidData == 2 );

/* ---- TCP states ------------------------------------------------------------------------ */
ABI_ASSERT( eCLOSED == 0 );
ABI_ASSERT( eTCP_LISTEN == 1 );
ABI_ASSERT( eCONNECT_SYN == 2 );
ABI_ASSERT( eSYN_FIRST == 3 );
ABI_ASSERT( eSYN_RECEIVED == 4 );
ABI_ASSERT( eESTABLISHED == 5 );
ABI_ASSERT( eFIN_WAIT_1 == 6 );
ABI_ASSERT( eFIN_WAIT_2 == 7 );
ABI_ASSERT( eCLOSE_WAIT == 8 );
ABI_ASSERT( eCLOSING == 9 );
ABI_ASSERT( eLAST_ACK == 10 );
ABI_ASSERT( eTIME_WAIT == 11 );
ABI_ASSERT( tcpMAXIMUM_TCP_WAKEUP_TIME_MS == 20000U );
ABI_ASSERT( tcpDELAYED_ACK_SHORT_DELAY_MS == 2 );
ABI_ASSERT( tcpDELAYED_ACK_LONGER_DELAY_MS == 20 );

/* ---- Socket event bits ------------------------------------------------------------------ */
ABI_ASSERT( eSOCKET_RECEIVE == 0x01 );
ABI_ASSERT( eSOCKET_SEND == 0x02 );
ABI_ASSERT( eSOCKET_ACCEPT == 0x04 );
ABI_ASSERT( eSOCKET_CONNECT == 0x08 );
ABI_ASSERT( eSOCKET_BOUND == 0x10 );
ABI_ASSERT( eSOCKET_CLOSED == 0x20 );
ABI_ASSERT( eSOCKET_INTR == 0x40 );
ABI_ASSERT( eSOCKET_ALL == 0x7F );
ABI_ASSERT( SOCKET_EVENT_BIT_COUNT == 8 );

/* ---- IP-task events ------------------------------------------------------------------------ */
ABI_ASSERT( eNoEvent == -1 );
ABI_ASSERT( eNetworkDownEvent == 0 );
ABI_ASSERT( eNetworkRxEvent == 1 );
ABI_ASSERT( eNetworkTxEvent == 2 );
ABI_ASSERT( eARPTimerEvent == 3 );
ABI_ASSERT( eNDTimerEvent == 4 );
ABI_ASSERT( eStackTxEvent == 5 );
ABI_ASSERT( eDHCPEvent == 6 );
ABI_ASSERT( eTCPTimerEvent == 7 );
ABI_ASSERT( eTCPAcceptEvent == 8 );
ABI_ASSERT( eTCPNetStat == 9 );
ABI_ASSERT( eSocketBindEvent == 10 );
ABI_ASSERT( eSocketCloseEvent == 11 );
ABI_ASSERT( eSocketSelectEvent == 12 );
ABI_ASSERT( eSocketSignalEvent == 13 );
ABI_ASSERT( eSocketSetDeleteEvent == 14 );

/* ---- Frame processing results ------------------------------------------------------------------ */
ABI_ASSERT( eReleaseBuffer == 0 );
ABI_ASSERT( eProcessBuffer == 1 );
ABI_ASSERT( eReturnEthernetFrame == 2 );
ABI_ASSERT( eFrameConsumed == 3 );
ABI_ASSERT( eWaitingResolution == 4 );

/* ---- Version and derived sizes ------------------------------------------------------------------- */
ABI_ASSERT( ipFR_TCP_VERSION_MAJOR == 4 );
ABI_ASSERT( ipFR_TCP_VERSION_MINOR == 4 );
ABI_ASSERT( ipFR_TCP_VERSION_BUILD == 1 );
ABI_ASSERT( sizeof( ipFR_TCP_VERSION_NUMBER ) == sizeof( "V4.4.1" ) );
ABI_ASSERT( ipSIZE_OF_ETH_HEADER == 14U );
ABI_ASSERT( ipMAC_ADDRESS_LENGTH_BYTES == 6U );
ABI_ASSERT( ipIP_ADDRESS_LENGTH_BYTES == 4U );
ABI_ASSERT( ipTOTAL_ETHERNET_FRAME_SIZE == ( uint32_t ) ipconfigNETWORK_MTU + 22U );
#if ( ipconfigBUFFER_PADDING == 0 )
    #if ( UINTPTR_MAX > 0xFFFFFFFFU )
        ABI_ASSERT( ipBUFFER_PADDING == 12U + ipconfigPACKET_FILLER_SIZE );
    #else
        ABI_ASSERT( ipBUFFER_PADDING == 8U + ipconfigPACKET_FILLER_SIZE );
    #endif
#else
    ABI_ASSERT( ipBUFFER_PADDING == ipconfigBUFFER_PADDING );
#endif

/* ---- Configuration defaults this test relies on (reference 5) ----------------------------------- */
ABI_ASSERT( ipconfigSOCK_DEFAULT_RECEIVE_BLOCK_TIME == portMAX_DELAY );
ABI_ASSERT( ipconfigSOCK_DEFAULT_SEND_BLOCK_TIME == portMAX_DELAY );
ABI_ASSERT( ipconfigTCP_MSS == ipconfigNETWORK_MTU - 40U );
ABI_ASSERT( ipconfigEVENT_QUEUE_LENGTH >= ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS + 5 );

/* ======================================================================= */
/* 2. Types                                                                 */
/* ======================================================================= */

ABI_SAME_TYPE( Socket_t, struct xSOCKET * );
ABI_SAME_TYPE( ConstSocket_t, const struct xSOCKET * );
ABI_SAME_TYPE( FreeRTOS_Socket_t, struct xSOCKET );
ABI_SAME_TYPE( xFreertosSocAddr, struct freertos_sockaddr );
ABI_SAME_TYPE( NetworkBufferDescriptor_t, struct xNETWORK_BUFFER );
ABI_SAME_TYPE( NetworkInterface_t, struct xNetworkInterface );
ABI_SAME_TYPE( NetworkEndPoint_t, struct xNetworkEndPoint );
ABI_SAME_TYPE( MACAddress_t, struct xMAC_ADDRESS );
ABI_SAME_TYPE( IPv6_Address_t, struct xIPv6_Address );
ABI_SAME_TYPE( eIPTCPState_t, enum eTCP_STATE );
ABI_SAME_TYPE( NetworkInterfaceInitialiseFunction_t, BaseType_t ( * )( struct xNetworkInterface * ) );
ABI_SAME_TYPE( NetworkInterfaceOutputFunction_t,
               BaseType_t ( * )( struct xNetworkInterface *, NetworkBufferDescriptor_t * const, BaseType_t ) );
ABI_SAME_TYPE( GetPhyLinkStatusFunction_t, BaseType_t ( * )( struct xNetworkInterface * ) );
ABI_SAME_TYPE( NetworkInterfaceMACFilterFunction_t, void ( * )( struct xNetworkInterface *, const uint8_t * ) );

#if ( ipconfigSUPPORT_SELECT_FUNCTION == 1 )
    ABI_SAME_TYPE( SocketSet_t, struct xSOCKET_SET * );
    ABI_SAME_TYPE( ConstSocketSet_t, const struct xSOCKET_SET * );
    ABI_SAME_TYPE( SocketSelect_t, struct xSOCKET_SET );
#endif

#if ( ipconfigUSE_CALLBACKS == 1 )
    ABI_SAME_TYPE( FOnConnected_t, void ( * )( Socket_t, BaseType_t ) );
    ABI_SAME_TYPE( FOnTCPReceive_t, BaseType_t ( * )( Socket_t, void *, size_t ) );
    ABI_SAME_TYPE( FOnTCPSent_t, void ( * )( Socket_t, size_t ) );
    ABI_SAME_TYPE( FOnUDPReceive_t, BaseType_t ( * )( Socket_t, void *, size_t,
                                                      const struct freertos_sockaddr *,
                                                      const struct freertos_sockaddr * ) );
    ABI_SAME_TYPE( FOnUDPSent_t, void ( * )( Socket_t, size_t ) );
    ABI_ASSERT( offsetof( F_TCP_UDP_Handler_t, pxOnTCPConnected ) == 0 * sizeof( void ( * )( void ) ) );
    ABI_ASSERT( offsetof( F_TCP_UDP_Handler_t, pxOnTCPReceive ) == 1 * sizeof( void ( * )( void ) ) );
    ABI_ASSERT( offsetof( F_TCP_UDP_Handler_t, pxOnTCPSent ) == 2 * sizeof( void ( * )( void ) ) );
    ABI_ASSERT( offsetof( F_TCP_UDP_Handler_t, pxOnUDPReceive ) == 3 * sizeof( void ( * )( void ) ) );
    ABI_ASSERT( offsetof( F_TCP_UDP_Handler_t, pxOnUDPSent ) == 4 * sizeof( void ( * )( void ) ) );
    ABI_ASSERT( sizeof( F_TCP_UDP_Handler_t ) == 5 * sizeof( void ( * )( void ) ) );
#endif

#if ( ipconfigSOCKET_HAS_USER_WAKE_CALLBACK == 1 )
    ABI_SAME_TYPE( SocketWakeupCallback_t, void ( * )( struct xSOCKET * ) );
#endif

#if ( ipconfigUSE_DNS != 0 ) && ( ipconfigDNS_USE_CALLBACKS != 0 )
    ABI_SAME_TYPE( FOnDNSEvent, void ( * )( const char *, void *, struct freertos_addrinfo * ) );
#endif

/* ---- Architecture independent layouts ----------------------------------------------------------- */
ABI_ASSERT( sizeof( struct freertos_sockaddr ) == 24 );
ABI_ASSERT( offsetof( struct freertos_sockaddr, sin_len ) == 0 );
ABI_ASSERT( offsetof( struct freertos_sockaddr, sin_family ) == 1 );
ABI_ASSERT( offsetof( struct freertos_sockaddr, sin_port ) == 2 );
ABI_ASSERT( offsetof( struct freertos_sockaddr, sin_flowinfo ) == 4 );
ABI_ASSERT( offsetof( struct freertos_sockaddr, sin_address ) == 8 );
ABI_ASSERT( sizeof( IPv6_Address_t ) == 16 );
ABI_ASSERT( sizeof( IP_Address_t ) == 16 );
ABI_ASSERT( offsetof( IP_Address_t, ulIP_IPv4 ) == 0 );
ABI_ASSERT( offsetof( IP_Address_t, xIP_IPv6 ) == 0 );
ABI_ASSERT( offsetof( IPv46_Address_t, xIs_IPv6 ) == 16 );
ABI_ASSERT( sizeof( MACAddress_t ) == 6 );
ABI_ASSERT( _Alignof( MACAddress_t ) == 1 );
ABI_ASSERT( sizeof( IPV4Parameters_t ) == 4 * ( 4 + ipconfigENDPOINT_DNS_ADDRESS_COUNT ) + 4 );
ABI_ASSERT( offsetof( IPV4Parameters_t, ulDNSServerAddresses ) == 12 );
ABI_ASSERT( offsetof( IPV4Parameters_t, ucDNSIndex ) == 16 + 4 * ipconfigENDPOINT_DNS_ADDRESS_COUNT );
#if ( ipconfigUSE_TCP == 1 )
    ABI_ASSERT( sizeof( WinProperties_t ) == 16 );
    ABI_ASSERT( offsetof( WinProperties_t, lTxWinSize ) == 4 );
    ABI_ASSERT( offsetof( WinProperties_t, lRxBufSize ) == 8 );
    ABI_ASSERT( offsetof( WinProperties_t, lRxWinSize ) == 12 );
    ABI_ASSERT( sizeof( LowHighWater_t ) == 2 * sizeof( size_t ) );
#endif

/* Wire formats (packed). */
ABI_ASSERT( sizeof( EthernetHeader_t ) == 14 );
ABI_ASSERT( sizeof( ARPHeader_t ) == 28 );
ABI_ASSERT( sizeof( ARPPacket_t ) == 42 );
ABI_ASSERT( sizeof( IPHeader_t ) == 20 );
ABI_ASSERT( sizeof( IPPacket_t ) == 34 );
ABI_ASSERT( sizeof( ICMPHeader_t ) == 8 );
ABI_ASSERT( sizeof( ICMPPacket_t ) == 42 );
ABI_ASSERT( sizeof( UDPHeader_t ) == 8 );
ABI_ASSERT( sizeof( UDPPacket_t ) == 42 );
ABI_ASSERT( sizeof( IPHeader_IPv6_t ) == 40 );
ABI_ASSERT( sizeof( ICMPHeader_IPv6_t ) == 32 );
ABI_ASSERT( sizeof( UDPPacket_IPv6_t ) == 62 );
ABI_ASSERT( sizeof( DHCPMessage_IPv4_t ) == 240 );
#if ( ipconfigUSE_TCP == 1 )
    ABI_ASSERT( sizeof( TCPHeader_t ) == 20 + ipSIZE_TCP_OPTIONS );
#else
    ABI_ASSERT( sizeof( TCPHeader_t ) == 20 );
#endif
ABI_ASSERT( offsetof( TCPHeader_t, ucTCPFlags ) == ipTCP_FLAGS_OFFSET );

/* ======================================================================= */
/* 3. Cortex-M4 layouts (reference 6.4 and 13)                              */
/* ======================================================================= */

#if defined( __ARM_ARCH_7EM__ )
    ABI_ASSERT( sizeof( BaseType_t ) == 4 );
    ABI_ASSERT( sizeof( TickType_t ) == 4 );
    ABI_ASSERT( sizeof( void * ) == 4 );

    /* Enumerations are one byte (short enums). */
    ABI_ASSERT( sizeof( eIPEvent_t ) == 1 );
    ABI_ASSERT( sizeof( eIPTCPState_t ) == 1 );
    ABI_ASSERT( sizeof( eIPCallbackEvent_t ) == 1 );
    ABI_ASSERT( sizeof( ePingReplyStatus_t ) == 1 );
    ABI_ASSERT( sizeof( eFrameProcessingResult_t ) == 1 );
    #if ( ipconfigSUPPORT_SELECT_FUNCTION == 1 )
        ABI_ASSERT( sizeof( eSelectEvent_t ) == 1 );
    #endif

    ABI_ASSERT( sizeof( IPStackEvent_t ) == 8 );
    ABI_ASSERT( offsetof( IPStackEvent_t, eEventType ) == 0 );
    ABI_ASSERT( offsetof( IPStackEvent_t, pvData ) == 4 );

    #if !defined( configUSE_LIST_DATA_INTEGRITY_CHECK_BYTES ) || ( configUSE_LIST_DATA_INTEGRITY_CHECK_BYTES == 0 )
        ABI_ASSERT( sizeof( ListItem_t ) == 20 );
        ABI_ASSERT( offsetof( NetworkBufferDescriptor_t, xBufferListItem ) == 0 );
        ABI_ASSERT( offsetof( NetworkBufferDescriptor_t, xIPAddress ) == 20 );
        ABI_ASSERT( offsetof( NetworkBufferDescriptor_t, pucEthernetBuffer ) == 36 );
        ABI_ASSERT( offsetof( NetworkBufferDescriptor_t, xDataLength ) == 40 );
        ABI_ASSERT( offsetof( NetworkBufferDescriptor_t, pxInterface ) == 44 );
        ABI_ASSERT( offsetof( NetworkBufferDescriptor_t, pxEndPoint ) == 48 );
        ABI_ASSERT( offsetof( NetworkBufferDescriptor_t, usPort ) == 52 );
        ABI_ASSERT( offsetof( NetworkBufferDescriptor_t, usBoundPort ) == 54 );
        #if ( ipconfigUSE_LINKED_RX_MESSAGES != 0 )
            ABI_ASSERT( offsetof( NetworkBufferDescriptor_t, pxNextBuffer ) == 56 );
            ABI_ASSERT( sizeof( NetworkBufferDescriptor_t ) == 60 );
        #else
            ABI_ASSERT( sizeof( NetworkBufferDescriptor_t ) == 56 );
        #endif
    #endif

    ABI_ASSERT( sizeof( NetworkInterface_t ) == 40 );
    ABI_ASSERT( offsetof( NetworkInterface_t, pcName ) == 0 );
    ABI_ASSERT( offsetof( NetworkInterface_t, pvArgument ) == 4 );
    ABI_ASSERT( offsetof( NetworkInterface_t, pfInitialise ) == 8 );
    ABI_ASSERT( offsetof( NetworkInterface_t, pfOutput ) == 12 );
    ABI_ASSERT( offsetof( NetworkInterface_t, pfGetPhyLinkStatus ) == 16 );
    ABI_ASSERT( offsetof( NetworkInterface_t, pfAddAllowedMAC ) == 20 );
    ABI_ASSERT( offsetof( NetworkInterface_t, pfRemoveAllowedMAC ) == 24 );
    ABI_ASSERT( offsetof( NetworkInterface_t, bits ) == 28 );
    ABI_ASSERT( offsetof( NetworkInterface_t, pxEndPoint ) == 32 );
    ABI_ASSERT( offsetof( NetworkInterface_t, pxNext ) == 36 );

    ABI_ASSERT( sizeof( IPv46_Address_t ) == 20 );
    ABI_ASSERT( sizeof( IPTimer_t ) == 20 );
    ABI_ASSERT( sizeof( DHCPData_t ) == 56 );
    #if ( ipconfigUSE_RA != 0 )
        ABI_ASSERT( sizeof( RAData_t ) == 16 );
    #endif
    ABI_ASSERT( sizeof( StreamBuffer_t ) == 24 );

    /* NetworkEndPoint_t: 352 with IPv6, 172 IPv4-only with ipconfigUSE_RA 1
     * (the default), 156 with ipconfigUSE_RA 0 (two DNS addresses, DHCP on). */
    #if ( ipconfigENDPOINT_DNS_ADDRESS_COUNT == 2 ) && ( ipconfigUSE_IPv4 != 0 ) && ( ipconfigUSE_DHCP != 0 )
        #if ( ipconfigUSE_IPv6 != 0 ) && ( ipconfigUSE_RA != 0 )
            ABI_ASSERT( sizeof( NetworkEndPoint_t ) == 352 );
            ABI_ASSERT( offsetof( NetworkEndPoint_t, ipv6_settings ) == 56 );
            ABI_ASSERT( offsetof( NetworkEndPoint_t, xMACAddress ) == 232 );
            ABI_ASSERT( offsetof( NetworkEndPoint_t, bits ) == 240 );
            ABI_ASSERT( offsetof( NetworkEndPoint_t, xDHCPData ) == 268 );
            ABI_ASSERT( offsetof( NetworkEndPoint_t, pxNetworkInterface ) == 344 );
            ABI_ASSERT( offsetof( NetworkEndPoint_t, pxNext ) == 348 );
        #elif ( ipconfigUSE_IPv6 == 0 ) && ( ipconfigUSE_RA != 0 )
            ABI_ASSERT( sizeof( NetworkEndPoint_t ) == 172 );
            ABI_ASSERT( offsetof( NetworkEndPoint_t, ipv4_defaults ) == 28 );
            ABI_ASSERT( offsetof( NetworkEndPoint_t, xMACAddress ) == 56 );
            ABI_ASSERT( offsetof( NetworkEndPoint_t, bits ) == 64 );
            ABI_ASSERT( offsetof( NetworkEndPoint_t, xDHCP_RATimer ) == 72 );
            ABI_ASSERT( offsetof( NetworkEndPoint_t, xDHCPData ) == 92 );
            ABI_ASSERT( offsetof( NetworkEndPoint_t, xRAData ) == 148 );
            ABI_ASSERT( offsetof( NetworkEndPoint_t, pxNetworkInterface ) == 164 );
            ABI_ASSERT( offsetof( NetworkEndPoint_t, pxNext ) == 168 );
        #elif ( ipconfigUSE_IPv6 == 0 ) && ( ipconfigUSE_RA == 0 )
            ABI_ASSERT( sizeof( NetworkEndPoint_t ) == 156 );
            ABI_ASSERT( offsetof( NetworkEndPoint_t, xDHCPData ) == 92 );
            ABI_ASSERT( offsetof( NetworkEndPoint_t, pxNetworkInterface ) == 148 );
            ABI_ASSERT( offsetof( NetworkEndPoint_t, pxNext ) == 152 );
        #endif
    #endif
#endif /* __ARM_ARCH_7EM__ */

/* ======================================================================= */
/* 4. x86_64 host layouts (where the reference gives them)                  */
/* ======================================================================= */

#if defined( __x86_64__ )
    ABI_ASSERT( sizeof( BaseType_t ) == 8 );
    ABI_ASSERT( sizeof( int32_t ) == 4 );
    ABI_ASSERT( sizeof( eIPEvent_t ) == 4 );
    ABI_ASSERT( sizeof( eIPTCPState_t ) == 4 );
    ABI_ASSERT( sizeof( IPStackEvent_t ) == 16 );
    ABI_ASSERT( offsetof( IPStackEvent_t, pvData ) == 8 );
    #if ( ipconfigENDPOINT_DNS_ADDRESS_COUNT == 2 ) && ( ipconfigUSE_IPv4 != 0 ) && ( ipconfigUSE_DHCP != 0 ) && ( ipconfigUSE_RA != 0 )
        #if ( ipconfigUSE_IPv6 != 0 )
            ABI_ASSERT( sizeof( NetworkEndPoint_t ) == 440 );
        #else
            ABI_ASSERT( sizeof( NetworkEndPoint_t ) == 240 );
        #endif
    #endif
    /* Not in the reference; measured against the V4.4.1 headers. */
    #if !defined( configUSE_LIST_DATA_INTEGRITY_CHECK_BYTES ) || ( configUSE_LIST_DATA_INTEGRITY_CHECK_BYTES == 0 )
        #if ( ipconfigUSE_LINKED_RX_MESSAGES != 0 )
            ABI_ASSERT( sizeof( NetworkBufferDescriptor_t ) == 104 );
        #else
            ABI_ASSERT( sizeof( NetworkBufferDescriptor_t ) == 96 );
        #endif
    #endif
    ABI_ASSERT( sizeof( NetworkInterface_t ) == 80 );
#endif /* __x86_64__ */

/* ======================================================================= */
/* 5. Function and variable types                                           */
/* ======================================================================= */

/* ---- Sockets (FreeRTOS_Sockets.h) --------------------------------------- */
ABI_FN( xSocketValid, BaseType_t, ( const ConstSocket_t ) );
ABI_FN( FreeRTOS_socket, Socket_t, ( BaseType_t, BaseType_t, BaseType_t ) );
ABI_FN( FreeRTOS_bind, BaseType_t, ( Socket_t, const struct freertos_sockaddr *, socklen_t ) );
ABI_FN( FreeRTOS_setsockopt, BaseType_t, ( Socket_t, int32_t, int32_t, const void *, size_t ) );
ABI_FN( FreeRTOS_closesocket, BaseType_t, ( Socket_t ) );
ABI_FN( xSocketSetSocketID, BaseType_t, ( Socket_t, void * ) );
ABI_FN( pvSocketGetSocketID, void *, ( ConstSocket_t ) );
ABI_FN( FreeRTOS_GetIPType, BaseType_t, ( ConstSocket_t ) );
ABI_FN( FreeRTOS_sendto, int32_t, ( Socket_t, const void *, size_t, BaseType_t, const struct freertos_sockaddr *, socklen_t ) );
ABI_FN( FreeRTOS_recvfrom, int32_t, ( ConstSocket_t, void *, size_t, BaseType_t, struct freertos_sockaddr *, socklen_t * ) );
ABI_FN( FreeRTOS_GetLocalAddress, size_t, ( ConstSocket_t, struct freertos_sockaddr * ) );
ABI_FN( FreeRTOS_inet_ntoa, const char *, ( uint32_t, char * ) );
ABI_FN( FreeRTOS_inet_addr, uint32_t, ( const char * ) );
ABI_FN( FreeRTOS_inet_pton, BaseType_t, ( BaseType_t, const char *, void * ) );
ABI_FN( FreeRTOS_inet_ntop, const char *, ( BaseType_t, const void *, char *, socklen_t ) );
ABI_FN( FreeRTOS_EUI48_pton, BaseType_t, ( const char *, uint8_t * ) );
ABI_FN( FreeRTOS_EUI48_ntop, void, ( const uint8_t *, char *, char, char ) );

#if ( ipconfigSUPPORT_SIGNALS != 0 )
    ABI_FN( FreeRTOS_SignalSocket, BaseType_t, ( Socket_t ) );
    ABI_FN( FreeRTOS_SignalSocketFromISR, BaseType_t, ( Socket_t, BaseType_t * ) );
#endif

#if ( ipconfigETHERNET_DRIVER_FILTERS_PACKETS == 1 )
    ABI_FN( xPortHasUDPSocket, BaseType_t, ( uint16_t ) );
#endif

#if ( ipconfigUSE_TCP == 1 )
    ABI_FN( FreeRTOS_connect, BaseType_t, ( Socket_t, const struct freertos_sockaddr *, socklen_t ) );
    ABI_FN( FreeRTOS_listen, BaseType_t, ( Socket_t, BaseType_t ) );
    ABI_FN( FreeRTOS_accept, Socket_t, ( Socket_t, struct freertos_sockaddr *, socklen_t * ) );
    ABI_FN( FreeRTOS_send, BaseType_t, ( Socket_t, const void *, size_t, BaseType_t ) );
    ABI_FN( FreeRTOS_recv, BaseType_t, ( Socket_t, void *, size_t, BaseType_t ) );
    ABI_FN( FreeRTOS_shutdown, BaseType_t, ( Socket_t, BaseType_t ) );
    ABI_FN( FreeRTOS_ReleaseTCPPayloadBuffer, BaseType_t, ( Socket_t, const void *, BaseType_t ) );
    ABI_FN( FreeRTOS_rx_size, BaseType_t, ( ConstSocket_t ) );
    ABI_FN( FreeRTOS_tx_space, BaseType_t, ( ConstSocket_t ) );
    ABI_FN( FreeRTOS_tx_size, BaseType_t, ( ConstSocket_t ) );
    ABI_FN( FreeRTOS_issocketconnected, BaseType_t, ( ConstSocket_t ) );
    ABI_FN( FreeRTOS_GetRemoteAddress, BaseType_t, ( ConstSocket_t, struct freertos_sockaddr * ) );
    ABI_FN( FreeRTOS_maywrite, BaseType_t, ( ConstSocket_t ) );
    ABI_FN( FreeRTOS_mss, BaseType_t, ( ConstSocket_t ) );
    ABI_FN( FreeRTOS_connstatus, BaseType_t, ( ConstSocket_t ) );
    ABI_FN( FreeRTOS_get_tx_base, uint8_t *, ( Socket_t ) );
    ABI_FN( FreeRTOS_get_tx_head, uint8_t *, ( Socket_t, BaseType_t * ) );
    ABI_FN( FreeRTOS_get_rx_buf, const struct xSTREAM_BUFFER *, ( ConstSocket_t ) );
    ABI_FN( FreeRTOS_netstat, void, ( void ) );
#endif

#if ( ipconfigSUPPORT_SELECT_FUNCTION == 1 )
    ABI_FN( FreeRTOS_CreateSocketSet, SocketSet_t, ( void ) );
    ABI_FN( FreeRTOS_DeleteSocketSet, void, ( SocketSet_t ) );
    ABI_FN( FreeRTOS_select, BaseType_t, ( SocketSet_t, TickType_t ) );
    ABI_FN( FreeRTOS_FD_SET, void, ( Socket_t, SocketSet_t, EventBits_t ) );
    ABI_FN( FreeRTOS_FD_CLR, void, ( Socket_t, SocketSet_t, EventBits_t ) );
    ABI_FN( FreeRTOS_FD_ISSET, EventBits_t, ( ConstSocket_t, ConstSocketSet_t ) );
#endif

#if ( ipconfigUSE_IPv4 != 0 )
    ABI_FN( FreeRTOS_inet_pton4, BaseType_t, ( const char *, void * ) );
    ABI_FN( FreeRTOS_inet_ntop4, const char *, ( const void *, char *, socklen_t ) );
#endif

#if ( ipconfigUSE_IPv6 != 0 )
    ABI_FN( FreeRTOS_inet_pton6, BaseType_t, ( const char *, void * ) );
    ABI_FN( FreeRTOS_inet_ntop6, const char *, ( const void *, char *, socklen_t ) );
#endif

/* ---- Stack start, addressing, hooks (FreeRTOS_IP.h) ----------------------- */
ABI_FN( FreeRTOS_IPInit_Multi, BaseType_t, ( void ) );
ABI_FN( FreeRTOS_GetEndPointConfiguration, void, ( uint32_t *, uint32_t *, uint32_t *, uint32_t *, const struct xNetworkEndPoint * ) );
ABI_FN( FreeRTOS_SetEndPointConfiguration, void, ( const uint32_t *, const uint32_t *, const uint32_t *, const uint32_t *, struct xNetworkEndPoint * ) );
ABI_FN( FreeRTOS_GetIPTaskHandle, TaskHandle_t, ( void ) );
ABI_FN( FreeRTOS_GetUDPPayloadBuffer_Multi, void *, ( size_t, TickType_t, uint8_t ) );
ABI_FN( FreeRTOS_SendPingRequest, BaseType_t, ( uint32_t, size_t, TickType_t ) );
ABI_FN( FreeRTOS_ReleaseUDPPayloadBuffer, void, ( const void * ) );
ABI_FN( FreeRTOS_GetMACAddress, const uint8_t *, ( void ) );
ABI_FN( FreeRTOS_UpdateMACAddress, void, ( const uint8_t * ) );
ABI_FN( FreeRTOS_IsNetworkUp, BaseType_t, ( void ) );
ABI_FN( xIsNetworkDownEventPending, BaseType_t, ( void ) );
ABI_FN( FreeRTOS_strerror_r, const char *, ( BaseType_t, char *, size_t ) );
ABI_FN( FreeRTOS_max_int32, int32_t, ( int32_t, int32_t ) );
ABI_FN( FreeRTOS_max_uint32, uint32_t, ( uint32_t, uint32_t ) );
ABI_FN( FreeRTOS_max_size_t, size_t, ( size_t, size_t ) );
ABI_FN( FreeRTOS_min_int32, int32_t, ( int32_t, int32_t ) );
ABI_FN( FreeRTOS_min_uint32, uint32_t, ( uint32_t, uint32_t ) );
ABI_FN( FreeRTOS_min_size_t, size_t, ( size_t, size_t ) );
ABI_FN( FreeRTOS_add_int32, int32_t, ( int32_t, int32_t ) );
ABI_FN( FreeRTOS_multiply_int32, int32_t, ( int32_t, int32_t ) );
ABI_FN( FreeRTOS_round_up, uint32_t, ( uint32_t, uint32_t ) );
ABI_FN( FreeRTOS_round_down, uint32_t, ( uint32_t, uint32_t ) );
ABI_FN( FreeRTOS_IsEndPointUp, BaseType_t, ( const struct xNetworkEndPoint * ) );
ABI_FN( FreeRTOS_AllEndPointsUp, BaseType_t, ( const struct xNetworkInterface * ) );
/* Implemented by the application. */
ABI_FN( xApplicationGetRandomNumber, BaseType_t, ( uint32_t * ) );
ABI_FN( ulApplicationGetNextSequenceNumber, uint32_t, ( uint32_t, uint16_t, uint32_t, uint16_t ) );

#if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )
    ABI_FN( pxFillInterfaceDescriptor, struct xNetworkInterface *, ( BaseType_t, struct xNetworkInterface * ) );
    ABI_FN( FreeRTOS_IPInit, BaseType_t, ( const uint8_t *, const uint8_t *, const uint8_t *, const uint8_t *, const uint8_t * ) );
    ABI_FN( FreeRTOS_GetAddressConfiguration, void, ( uint32_t *, uint32_t *, uint32_t *, uint32_t * ) );
    ABI_FN( FreeRTOS_SetAddressConfiguration, void, ( const uint32_t *, const uint32_t *, const uint32_t *, const uint32_t * ) );
    ABI_FN( FreeRTOS_GetUDPPayloadBuffer, void *, ( size_t, TickType_t ) );
#endif

#if ( ipconfigUSE_NETWORK_EVENT_HOOK == 1 )
    #if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )
        ABI_FN( vApplicationIPNetworkEventHook, void, ( eIPCallbackEvent_t ) );
    #else
        ABI_FN( vApplicationIPNetworkEventHook_Multi, void, ( eIPCallbackEvent_t, struct xNetworkEndPoint * ) );
    #endif
#endif

#if ( ipconfigSUPPORT_OUTGOING_PINGS == 1 )
    ABI_FN( vApplicationPingReplyHook, void, ( ePingReplyStatus_t, uint16_t ) );
#endif

#if ( ipconfigCHECK_IP_QUEUE_SPACE != 0 )
    ABI_FN( uxGetMinimumIPQueueSpace, UBaseType_t, ( void ) );
#endif

#if ( ipconfigHAS_DEBUG_PRINTF != 0 ) || ( ipconfigHAS_PRINTF != 0 )
    ABI_FN( FreeRTOS_GetTCPStateName, const char *, ( UBaseType_t ) );
#endif

#if ( ipconfigDHCP_REGISTER_HOSTNAME == 1 )
    ABI_FN( pcApplicationHostnameHook, const char *, ( void ) );
#endif

#if ( ipconfigHAS_PRINTF != 0 )
    ABI_FN( vPrintResourceStats, void, ( void ) );
#endif

ABI_VAR( pxARPWaitingNetworkBuffer, NetworkBufferDescriptor_t * );
ABI_VAR( pxNDWaitingNetworkBuffer, NetworkBufferDescriptor_t * );

/* ---- IPv4 / IPv6 (FreeRTOS_IPv4.h, FreeRTOS_IPv6.h) -------------------------- */
ABI_FN( FreeRTOS_SetIPAddress, void, ( uint32_t ) );
ABI_FN( FreeRTOS_SetNetmask, void, ( uint32_t ) );
ABI_FN( FreeRTOS_SetGatewayAddress, void, ( uint32_t ) );
ABI_FN( FreeRTOS_GetGatewayAddress, uint32_t, ( void ) );
ABI_FN( FreeRTOS_GetDNSServerAddress, uint32_t, ( void ) );
ABI_FN( FreeRTOS_GetNetmask, uint32_t, ( void ) );
ABI_FN( FreeRTOS_GetIPAddress, uint32_t, ( void ) );
ABI_FN( xIsIPv4Multicast, BaseType_t, ( uint32_t ) );
ABI_FN( xIsIPv4Broadcast, BaseType_t, ( uint32_t, struct xNetworkEndPoint ** ) );
ABI_FN( xIsIPv4Loopback, BaseType_t, ( uint32_t ) );
ABI_FN( xBadIPv4Loopback, BaseType_t, ( const IPHeader_t * ) );
ABI_FN( prvAllowIPPacketIPv6, eFrameProcessingResult_t, ( const IPHeader_IPv6_t *, const NetworkBufferDescriptor_t *, UBaseType_t ) );
ABI_FN( xIsIPv6Loopback, BaseType_t, ( const IPv6_Address_t * ) );
ABI_FN( eHandleIPv6ExtensionHeaders, eFrameProcessingResult_t, ( NetworkBufferDescriptor_t *, BaseType_t ) );
ABI_FN( xIsIPv6AllowedMulticast, BaseType_t, ( const IPv6_Address_t * ) );
ABI_FN( xCompareIPv6_Address, BaseType_t, ( const IPv6_Address_t *, const IPv6_Address_t *, size_t ) );
ABI_FN( FreeRTOS_dnslookup6, uint32_t, ( const char *, IPv6_Address_t * ) );
ABI_FN( xGetExtensionOrder, BaseType_t, ( uint8_t, uint8_t ) );
ABI_VAR( FreeRTOS_in6addr_any, const struct xIPv6_Address );
ABI_VAR( FreeRTOS_in6addr_loopback, const struct xIPv6_Address );
#if ( ipconfigETHERNET_DRIVER_FILTERS_PACKETS == 0 )
    ABI_FN( xBadIPv6Loopback, BaseType_t, ( const IPHeader_IPv6_t * ) );
#endif
ABI_FN( vSetMultiCastIPv4MacAddress, void, ( uint32_t, MACAddress_t * ) );
ABI_FN( prvChecksumIPv4Checks, BaseType_t, ( uint8_t *, size_t, struct xPacketSummary * ) );
ABI_FN( vSetMultiCastIPv6MacAddress, void, ( const IPv6_Address_t *, MACAddress_t * ) );
ABI_FN( prvChecksumIPv6Checks, BaseType_t, ( uint8_t *, size_t, struct xPacketSummary * ) );
ABI_FN( prvChecksumICMPv6Checks, BaseType_t, ( size_t, struct xPacketSummary * ) );
ABI_FN( usGetExtensionHeaderLength, size_t, ( const uint8_t *, size_t, uint8_t * ) );
ABI_FN( vManageSolicitedNodeAddress, void, ( const struct xNetworkEndPoint *, BaseType_t ) );
ABI_FN( prvAllowIPPacketIPv4, enum eFrameProcessingResult, ( const struct xIP_PACKET *, const struct xNETWORK_BUFFER *, UBaseType_t ) );
ABI_FN( prvCheckIP4HeaderOptions, enum eFrameProcessingResult, ( struct xNETWORK_BUFFER * ) );
ABI_FN( prvProcessICMPMessage_IPv6, eFrameProcessingResult_t, ( NetworkBufferDescriptor_t * ) );
#if ( ipconfigHAS_DEBUG_PRINTF != 0 ) || ( ipconfigHAS_PRINTF != 0 )
    ABI_FN( prvSocketProps, const char *, ( FreeRTOS_Socket_t * ) );
#endif

/* ---- Routing (FreeRTOS_Routing.h) ---------------------------------------------- */
ABI_FN( FreeRTOS_AddNetworkInterface, NetworkInterface_t *, ( NetworkInterface_t * ) );
ABI_FN( FreeRTOS_FirstNetworkInterface, NetworkInterface_t *, ( void ) );
ABI_FN( FreeRTOS_NextNetworkInterface, NetworkInterface_t *, ( const NetworkInterface_t * ) );
ABI_FN( FreeRTOS_FirstEndPoint, NetworkEndPoint_t *, ( const NetworkInterface_t * ) );
ABI_FN( FreeRTOS_NextEndPoint, NetworkEndPoint_t *, ( const NetworkInterface_t *, NetworkEndPoint_t * ) );
ABI_FN( FreeRTOS_FindEndPointOnIP_IPv4, NetworkEndPoint_t *, ( uint32_t ) );
ABI_FN( FreeRTOS_FindEndPointOnMAC, NetworkEndPoint_t *, ( const MACAddress_t *, const NetworkInterface_t * ) );
ABI_FN( FreeRTOS_FindEndPointOnNetMask, NetworkEndPoint_t *, ( uint32_t ) );
ABI_FN( FreeRTOS_InterfaceEndPointOnNetMask, NetworkEndPoint_t *, ( const NetworkInterface_t *, uint32_t ) );
ABI_FN( FreeRTOS_InterfaceEPInSameSubnet_IPv6, NetworkEndPoint_t *, ( const NetworkInterface_t *, const IPv6_Address_t * ) );
ABI_FN( FreeRTOS_MatchingEndpoint, NetworkEndPoint_t *, ( const NetworkInterface_t *, const uint8_t * ) );
ABI_FN( FreeRTOS_FindGateWay, NetworkEndPoint_t *, ( BaseType_t ) );
ABI_FN( FreeRTOS_FillEndPoint, void, ( NetworkInterface_t *, NetworkEndPoint_t *, const uint8_t *, const uint8_t *,
                                      const uint8_t *, const uint8_t *, const uint8_t * ) );
ABI_FN( pxGetSocketEndpoint, NetworkEndPoint_t *, ( ConstSocket_t ) );
ABI_FN( vSetSocketEndpoint, void, ( Socket_t, NetworkEndPoint_t * ) );
ABI_FN( xCheckRequiresResolution, BaseType_t, ( const NetworkBufferDescriptor_t * ) );
#if ( ipconfigUSE_IPv6 != 0 )
    ABI_FN( FreeRTOS_FindEndPointOnIP_IPv6, NetworkEndPoint_t *, ( const IPv6_Address_t * ) );
    ABI_FN( FreeRTOS_FindEndPointOnNetMask_IPv6, NetworkEndPoint_t *, ( const IPv6_Address_t * ) );
    ABI_FN( FreeRTOS_FirstEndPoint_IPv6, NetworkEndPoint_t *, ( const NetworkInterface_t * ) );
    ABI_FN( FreeRTOS_FillEndPoint_IPv6, void, ( NetworkInterface_t *, NetworkEndPoint_t *, const IPv6_Address_t *, const IPv6_Address_t *,
                                               size_t, const IPv6_Address_t *, const IPv6_Address_t *, const uint8_t * ) );
    ABI_FN( xIPv6_GetIPType, IPv6_Type_t, ( const IPv6_Address_t * ) );
#endif
#if ( ipconfigHAS_PRINTF != 0 ) || ( ipconfigHAS_DEBUG_PRINTF != 0 )
    ABI_FN( pcEndpointName, const char *, ( const NetworkEndPoint_t *, char *, size_t ) );
#endif

/* ---- Driver side and IP-task internals (FreeRTOS_IP_Private.h) ------------------- */
ABI_VAR( xNetworkEventQueue, QueueHandle_t );
ABI_VAR( xTCPWindowLoggingLevel, BaseType_t );
ABI_VAR( xBroadcastMACAddress, const MACAddress_t );
ABI_VAR( usPacketIdentifier, uint16_t );
ABI_VAR( xBoundUDPSocketsList, List_t );
ABI_VAR( xBufferAllocFixedSize, const BaseType_t );
ABI_VAR( pxNetworkEndPoints, struct xNetworkEndPoint * );
ABI_VAR( pxNetworkInterfaces, struct xNetworkInterface * );
#if ( ipconfigUSE_TCP == 1 )
    ABI_VAR( xBoundTCPSocketsList, List_t );
#endif
ABI_FN( FreeRTOS_NetworkDown, void, ( struct xNetworkInterface * ) );
ABI_FN( FreeRTOS_NetworkDownFromISR, BaseType_t, ( struct xNetworkInterface * ) );
ABI_FN( eARPProcessPacket, eFrameProcessingResult_t, ( const NetworkBufferDescriptor_t * ) );
ABI_FN( eConsiderFrameForProcessing, eFrameProcessingResult_t, ( const uint8_t * ) );
ABI_FN( usGenerateChecksum, uint16_t, ( uint16_t, const uint8_t *, size_t ) );
ABI_FN( usGenerateProtocolChecksum, uint16_t, ( uint8_t *, size_t, BaseType_t ) );
ABI_FN( vReturnEthernetFrame, void, ( NetworkBufferDescriptor_t *, BaseType_t ) );
ABI_FN( xSendEventToIPTask, BaseType_t, ( eIPEvent_t ) );
ABI_FN( xSendEventStructToIPTask, BaseType_t, ( const IPStackEvent_t *, TickType_t ) );
ABI_FN( pxUDPPayloadBuffer_to_NetworkBuffer, NetworkBufferDescriptor_t *, ( const void * ) );
ABI_FN( uxIPHeaderSizePacket, size_t, ( const NetworkBufferDescriptor_t * ) );
ABI_FN( uxIPHeaderSizeSocket, size_t, ( const FreeRTOS_Socket_t * ) );
ABI_FN( xIsCallingFromIPTask, BaseType_t, ( void ) );
ABI_FN( xIPIsNetworkTaskReady, BaseType_t, ( void ) );
ABI_FN( pxUDPSocketLookup, FreeRTOS_Socket_t *, ( UBaseType_t ) );
ABI_FN( vSocketBind, BaseType_t, ( FreeRTOS_Socket_t *, struct freertos_sockaddr *, size_t, BaseType_t ) );
ABI_FN( lTCPAddRxdata, int32_t, ( FreeRTOS_Socket_t *, size_t, const uint8_t *, uint32_t ) );
ABI_FN( vSocketWakeUpUser, void, ( FreeRTOS_Socket_t * ) );
ABI_FN( ulChar2u32, uint32_t, ( const uint8_t * ) );
ABI_FN( usChar2u16, uint16_t, ( const uint8_t * ) );
ABI_FN( xTCPSocketCheck, BaseType_t, ( FreeRTOS_Socket_t * ) );
ABI_FN( xTCPCheckNewClient, BaseType_t, ( FreeRTOS_Socket_t * ) );
ABI_FN( vSocketClose, void *, ( FreeRTOS_Socket_t * ) );
ABI_FN( vNetworkSocketsInit, void, ( void ) );
ABI_FN( vIPNetworkUpCalls, void, ( struct xNetworkEndPoint * ) );
ABI_FN( vSetAllNetworksUp, void, ( BaseType_t ) );
#if ( ipconfigUSE_TCP == 1 )
    ABI_FN( vSocketCloseNextTime, void, ( FreeRTOS_Socket_t * ) );
    ABI_FN( vSocketListenNextTime, void, ( FreeRTOS_Socket_t * ) );
    ABI_FN( pxTCPSocketLookup, FreeRTOS_Socket_t *, ( uint32_t, UBaseType_t, IPv46_Address_t, UBaseType_t ) );
    ABI_FN( vTCPStateChange, void, ( FreeRTOS_Socket_t *, enum eTCP_STATE ) );
    ABI_FN( xTCPTimerCheck, TickType_t, ( BaseType_t ) );
    #if ( ipconfigHAS_PRINTF != 0 )
        ABI_FN( vTCPNetStat, void, ( void ) );
    #endif
#endif
#if ( ipconfigSUPPORT_SELECT_FUNCTION == 1 )
    ABI_FN( vSocketSelect, void, ( const SocketSelect_t * ) );
#endif

/* ---- IP utilities and timers (FreeRTOS_IP_Utils.h, FreeRTOS_IP_Timers.h) ---------- */
ABI_FN( vPreCheckConfigs, void, ( void ) );
ABI_FN( prvProcessNetworkDownEvent, void, ( struct xNetworkInterface * ) );
ABI_FN( vReleaseSinglePacketFromUDPSocket, void, ( ConstSocket_t ) );
#if ( ipconfigUSE_DHCPv6 == 1 ) || ( ipconfigUSE_DHCP == 1 ) || ( ipconfigUSE_RA == 1 )
    ABI_FN( xSendDHCPEvent, BaseType_t, ( struct xNetworkEndPoint * ) );
#endif
#if ( ipconfigUSE_DHCPv6 == 1 ) || ( ipconfigUSE_DHCP == 1 )
    ABI_FN( eGetDHCPState, eDHCPState_t, ( const struct xNetworkEndPoint * ) );
#endif
#if ( ipconfigZERO_COPY_TX_DRIVER != 0 ) || ( ipconfigZERO_COPY_RX_DRIVER != 0 )
    ABI_FN( pxPacketBuffer_to_NetworkBuffer, NetworkBufferDescriptor_t *, ( const void * ) );
#endif
ABI_FN( vCheckNetworkTimers, void, ( void ) );
ABI_FN( xCalculateSleepTime, TickType_t, ( void ) );
ABI_FN( vIPSetTCPTimerExpiredState, void, ( BaseType_t ) );
ABI_FN( vTCPTimerReload, void, ( TickType_t ) );
ABI_FN( vNetworkTimerReload, void, ( TickType_t ) );
#if ( ipconfigUSE_IPv4 != 0 )
    ABI_FN( vARPTimerReload, void, ( TickType_t ) );
    ABI_FN( vIPTimerStartARPResolution, void, ( TickType_t ) );
    ABI_FN( vIPSetARPTimerEnableState, void, ( BaseType_t ) );
    ABI_FN( vIPSetARPResolutionTimerEnableState, void, ( BaseType_t ) );
#endif
#if ( ipconfigUSE_IPv6 != 0 )
    ABI_FN( vNDTimerReload, void, ( TickType_t ) );
    ABI_FN( vIPTimerStartNDResolution, void, ( TickType_t ) );
    ABI_FN( vIPSetNDTimerEnableState, void, ( BaseType_t ) );
    ABI_FN( vIPSetNDResolutionTimerEnableState, void, ( BaseType_t ) );
#endif
#if ( ipconfigUSE_DHCP == 1 ) || ( ipconfigUSE_RA == 1 )
    ABI_FN( vIPSetDHCP_RATimerEnableState, void, ( NetworkEndPoint_t *, BaseType_t ) );
    ABI_FN( vDHCP_RATimerReload, void, ( NetworkEndPoint_t *, TickType_t ) );
#endif
#if ( ipconfigDNS_USE_CALLBACKS != 0 )
    ABI_FN( vIPSetDNSTimerEnableState, void, ( BaseType_t ) );
    ABI_FN( vDNSTimerReload, void, ( uint32_t ) );
#endif

/* ---- UDP and TCP entry points ---------------------------------------------------- */
ABI_FN( vProcessGeneratedUDPPacket, void, ( NetworkBufferDescriptor_t * ) );
ABI_FN( vProcessGeneratedUDPPacket_IPv4, void, ( NetworkBufferDescriptor_t * ) );
ABI_FN( vProcessGeneratedUDPPacket_IPv6, void, ( NetworkBufferDescriptor_t * ) );
ABI_FN( xProcessReceivedUDPPacket, BaseType_t, ( NetworkBufferDescriptor_t *, uint16_t, BaseType_t * ) );
ABI_FN( xProcessReceivedUDPPacket_IPv4, BaseType_t, ( NetworkBufferDescriptor_t *, uint16_t, BaseType_t * ) );
ABI_FN( xProcessReceivedUDPPacket_IPv6, BaseType_t, ( NetworkBufferDescriptor_t *, uint16_t, BaseType_t * ) );
ABI_FN( xProcessReceivedTCPPacket, BaseType_t, ( NetworkBufferDescriptor_t * ) );
ABI_FN( xProcessReceivedTCPPacket_IPV4, BaseType_t, ( NetworkBufferDescriptor_t * ) );
ABI_FN( xProcessReceivedTCPPacket_IPV6, BaseType_t, ( NetworkBufferDescriptor_t * ) );
ABI_FN( prvTCPTouchSocket, void, ( struct xSOCKET * ) );
ABI_FN( prvTCPNextTimeout, TickType_t, ( struct xSOCKET * ) );

/* ---- TCP window and stream buffer ------------------------------------------------- */
ABI_FN( xTCPWindowCreate, BaseType_t, ( TCPWindow_t *, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t ) );
ABI_FN( vTCPWindowDestroy, void, ( const TCPWindow_t * ) );
ABI_FN( vTCPWindowInit, void, ( TCPWindow_t *, uint32_t, uint32_t, uint32_t ) );
ABI_FN( vTCPSegmentCleanup, void, ( void ) );
ABI_FN( lTCPWindowRxCheck, int32_t, ( TCPWindow_t *, uint32_t, uint32_t, uint32_t, uint32_t * ) );
ABI_FN( xTCPWindowRxEmpty, BaseType_t, ( const TCPWindow_t * ) );
ABI_FN( lTCPWindowTxAdd, int32_t, ( TCPWindow_t *, uint32_t, int32_t, int32_t ) );
ABI_FN( xTCPWindowTxHasData, BaseType_t, ( const TCPWindow_t *, uint32_t, TickType_t * ) );
ABI_FN( xTCPWindowTxDone, BaseType_t, ( const TCPWindow_t * ) );
ABI_FN( ulTCPWindowTxGet, uint32_t, ( TCPWindow_t *, uint32_t, int32_t * ) );
ABI_FN( ulTCPWindowTxAck, uint32_t, ( TCPWindow_t *, uint32_t ) );
ABI_FN( ulTCPWindowTxSack, uint32_t, ( TCPWindow_t *, uint32_t, uint32_t ) );
ABI_FN( xSequenceGreaterThan, BaseType_t, ( uint32_t, uint32_t ) );
ABI_FN( xSequenceLessThan, BaseType_t, ( uint32_t, uint32_t ) );
ABI_FN( uxStreamBufferSpace, size_t, ( const StreamBuffer_t *, size_t, size_t ) );
ABI_FN( uxStreamBufferDistance, size_t, ( const StreamBuffer_t *, size_t, size_t ) );
ABI_FN( uxStreamBufferGetSpace, size_t, ( const StreamBuffer_t * ) );
ABI_FN( uxStreamBufferFrontSpace, size_t, ( const StreamBuffer_t * ) );
ABI_FN( uxStreamBufferGetSize, size_t, ( const StreamBuffer_t * ) );
ABI_FN( uxStreamBufferMidSpace, size_t, ( const StreamBuffer_t * ) );
ABI_FN( vStreamBufferClear, void, ( StreamBuffer_t * ) );
ABI_FN( vStreamBufferMoveMid, void, ( StreamBuffer_t *, size_t ) );
ABI_FN( xStreamBufferLessThenEqual, BaseType_t, ( const StreamBuffer_t *, size_t, size_t ) );
ABI_FN( uxStreamBufferGetPtr, size_t, ( StreamBuffer_t *, uint8_t ** ) );
ABI_FN( uxStreamBufferAdd, size_t, ( StreamBuffer_t *, size_t, const uint8_t *, size_t ) );
ABI_FN( uxStreamBufferGet, size_t, ( StreamBuffer_t *, size_t, uint8_t *, size_t, BaseType_t ) );

/* ---- Network buffers and drivers (NetworkBufferManagement.h, NetworkInterface.h) --- */
ABI_FN( xNetworkBuffersInitialise, BaseType_t, ( void ) );
ABI_FN( pxGetNetworkBufferWithDescriptor, NetworkBufferDescriptor_t *, ( size_t, TickType_t ) );
ABI_FN( pxNetworkBufferGetFromISR, NetworkBufferDescriptor_t *, ( size_t ) );
ABI_FN( vReleaseNetworkBufferAndDescriptor, void, ( NetworkBufferDescriptor_t * ) );
ABI_FN( vNetworkBufferReleaseFromISR, BaseType_t, ( NetworkBufferDescriptor_t * ) );
ABI_FN( pucGetNetworkBuffer, uint8_t *, ( size_t * ) );
ABI_FN( vReleaseNetworkBuffer, void, ( uint8_t * ) );
ABI_FN( uxGetNumberOfFreeNetworkBuffers, UBaseType_t, ( void ) );
ABI_FN( uxGetMinimumFreeNetworkBuffers, UBaseType_t, ( void ) );
ABI_FN( pxDuplicateNetworkBufferWithDescriptor, NetworkBufferDescriptor_t *, ( const NetworkBufferDescriptor_t *, size_t ) );
ABI_FN( pxResizeNetworkBufferWithDescriptor, NetworkBufferDescriptor_t *, ( NetworkBufferDescriptor_t *, size_t ) );
ABI_FN( uxNetworkInterfaceAllocateRAMToBuffers, size_t, ( NetworkBufferDescriptor_t * ) );
ABI_FN( xGetPhyLinkStatus, BaseType_t, ( struct xNetworkInterface * ) );
#if ( ipconfigTCP_IP_SANITY != 0 )
    ABI_FN( bIsValidNetworkDescriptor, UBaseType_t, ( const NetworkBufferDescriptor_t * ) );
    ABI_FN( prvIsFreeBuffer, BaseType_t, ( const NetworkBufferDescriptor_t * ) );
#endif

/* ---- DHCP (FreeRTOS_DHCP.h, FreeRTOS_DHCPv6.h) ------------------------------------- */
ABI_FN( vDHCPProcess, void, ( BaseType_t, struct xNetworkEndPoint * ) );
ABI_FN( vDHCPStop, void, ( struct xNetworkEndPoint * ) );
ABI_FN( xIsDHCPSocket, BaseType_t, ( ConstSocket_t ) );
#if ( ipconfigUSE_DHCP_HOOK != 0 )
    #if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )
        ABI_FN( xApplicationDHCPHook, eDHCPCallbackAnswer_t, ( eDHCPCallbackPhase_t, uint32_t ) );
    #else
        ABI_FN( xApplicationDHCPHook_Multi, eDHCPCallbackAnswer_t, ( eDHCPCallbackPhase_t, struct xNetworkEndPoint *, IP_Address_t * ) );
    #endif
#endif
#if ( ipconfigDHCP_FALL_BACK_AUTO_IP != 0 )
    ABI_FN( prvPrepareLinkLayerIPLookUp, void, ( struct xNetworkEndPoint * ) );
#endif
#if ( ipconfigUSE_IPv6 != 0 )
    ABI_FN( eGetDHCPv6State, eDHCPState_t, ( struct xNetworkEndPoint * ) );
    ABI_FN( vDHCPv6Process, void, ( BaseType_t, struct xNetworkEndPoint * ) );
    ABI_FN( vDHCPv6Stop, void, ( struct xNetworkEndPoint * ) );
    ABI_FN( ulApplicationTimeHook, uint32_t, ( void ) );
#endif

/* ---- DNS (FreeRTOS_DNS*.h) --------------------------------------------------------- */
ABI_FN( xDNSHandlePacket, BaseType_t, ( const NetworkBufferDescriptor_t * ) );
ABI_FN( FreeRTOS_gethostbyname, uint32_t, ( const char * ) );
ABI_FN( pxNew_AddrInfo, struct freertos_addrinfo *, ( const char *, BaseType_t, const uint8_t * ) );
ABI_FN( FreeRTOS_getaddrinfo, BaseType_t, ( const char *, const char *, const struct freertos_addrinfo *, struct freertos_addrinfo ** ) );
ABI_FN( FreeRTOS_freeaddrinfo, void, ( struct freertos_addrinfo * ) );
ABI_FN( FreeRTOS_SetDNSIPPreference, BaseType_t, ( IPPreference_t ) );
ABI_VAR( xDNS_IP_Preference, IPPreference_t );
ABI_VAR( xLLMNR_MacAddress, const MACAddress_t );
ABI_VAR( xLLMNR_MacAddressIPv6, const MACAddress_t );
ABI_VAR( xMDNS_MacAddress, const MACAddress_t );
ABI_VAR( xMDNS_MacAddressIPv6, const MACAddress_t );
#if ( ipconfigUSE_LLMNR != 0 ) && ( ipconfigUSE_IPv6 != 0 )
    ABI_VAR( ipLLMNR_IP_ADDR_IPv6, const IPv6_Address_t );
#endif
#if ( ipconfigUSE_MDNS != 0 ) && ( ipconfigUSE_IPv6 != 0 )
    ABI_VAR( ipMDNS_IP_ADDR_IPv6, const IPv6_Address_t );
#endif
#if ( ipconfigUSE_NBNS != 0 )
    ABI_FN( ulNBNSHandlePacket, uint32_t, ( NetworkBufferDescriptor_t * ) );
#endif
#if ( ipconfigDNS_USE_CALLBACKS != 0 )
    ABI_FN( FreeRTOS_gethostbyname_a, uint32_t, ( const char *, FOnDNSEvent, void *, TickType_t ) );
    ABI_FN( FreeRTOS_gethostbyname_cancel, void, ( void * ) );
    ABI_FN( FreeRTOS_getaddrinfo_a, BaseType_t, ( const char *, const char *, const struct freertos_addrinfo *,
                                                  struct freertos_addrinfo **, FOnDNSEvent, void *, TickType_t ) );
    ABI_FN( vDNSInitialise, void, ( void ) );
#endif
#if ( ipconfigUSE_DNS != 0 ) && ( ipconfigUSE_DNS_CACHE == 1 )
    ABI_FN( FreeRTOS_dnslookup, uint32_t, ( const char * ) );
    ABI_FN( FreeRTOS_dnsclear, void, ( void ) );
    ABI_FN( vShowDNSCacheTable, void, ( void ) );
    ABI_FN( FreeRTOS_dns_update, BaseType_t, ( const char *, IPv46_Address_t *, uint32_t, BaseType_t, struct freertos_addrinfo ** ) );
    ABI_FN( FreeRTOS_ProcessDNSCache, BaseType_t, ( const char *, IPv46_Address_t *, uint32_t, BaseType_t, struct freertos_addrinfo ** ) );
    ABI_FN( Prepare_CacheLookup, uint32_t, ( const char *, BaseType_t, struct freertos_addrinfo ** ) );
#endif
#if ( ipconfigUSE_DNS != 0 ) && ( ipconfigDNS_USE_CALLBACKS == 1 )
    ABI_FN( xDNSDoCallback, BaseType_t, ( ParseSet_t *, struct freertos_addrinfo * ) );
    ABI_FN( xDNSSetCallBack, BaseType_t, ( const char *, void *, FOnDNSEvent, TickType_t, TickType_t, BaseType_t ) );
    ABI_FN( vDNSCheckCallBack, void, ( void * ) );
    ABI_FN( vDNSCallbackInitialise, void, ( void ) );
#endif
#if ( ipconfigUSE_DNS != 0 ) && ( ( ipconfigUSE_MDNS == 1 ) || ( ipconfigUSE_LLMNR == 1 ) || ( ipconfigUSE_NBNS == 1 ) )
    #if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )
        ABI_FN( xApplicationDNSQueryHook, BaseType_t, ( const char * ) );
    #else
        ABI_FN( xApplicationDNSQueryHook_Multi, BaseType_t, ( struct xNetworkEndPoint *, const char * ) );
    #endif
#endif

/* ---- ARP, ICMP, ND (included by name) ---------------------------------------------- */
ABI_FN( vARPRefreshCacheEntryAge, void, ( const MACAddress_t *, uint32_t ) );
ABI_FN( vARPRefreshCacheEntry, void, ( const MACAddress_t *, uint32_t, struct xNetworkEndPoint * ) );
ABI_FN( xIsIPInARPCache, BaseType_t, ( uint32_t ) );
ABI_FN( xCheckRequiresARPResolution, BaseType_t, ( const NetworkBufferDescriptor_t * ) );
ABI_FN( eARPGetCacheEntry, eResolutionLookupResult_t, ( uint32_t *, MACAddress_t *, struct xNetworkEndPoint ** ) );
ABI_FN( vARPAgeCache, void, ( void ) );
ABI_FN( vARPSendGratuitous, void, ( void ) );
ABI_FN( vARPGenerateRequestPacket, void, ( NetworkBufferDescriptor_t * ) );
ABI_FN( FreeRTOS_OutputARPRequest, void, ( uint32_t ) );
ABI_FN( FreeRTOS_OutputARPRequest_Multi, void, ( NetworkEndPoint_t *, uint32_t ) );
ABI_FN( xARPWaitResolution, BaseType_t, ( uint32_t, TickType_t ) );
ABI_FN( FreeRTOS_ClearARP, void, ( const struct xNetworkEndPoint * ) );
#if ( ipconfigARP_USE_CLASH_DETECTION != 0 )
    ABI_VAR( xARPHadIPClash, BaseType_t );
    ABI_VAR( xARPClashMacAddress, MACAddress_t );
#endif
#if ( ipconfigUSE_ARP_REMOVE_ENTRY != 0 )
    ABI_FN( ulARPRemoveCacheEntryByMac, uint32_t, ( const MACAddress_t * ) );
#endif
#if ( ipconfigUSE_ARP_REVERSED_LOOKUP != 0 )
    ABI_FN( eARPGetCacheEntryByMac, eResolutionLookupResult_t, ( const MACAddress_t *, uint32_t *, struct xNetworkInterface ** ) );
#endif
#if ( ipconfigHAS_PRINTF != 0 ) || ( ipconfigHAS_DEBUG_PRINTF != 0 )
    ABI_FN( FreeRTOS_PrintARPCache, void, ( void ) );
#endif
#if ( ipconfigREPLY_TO_INCOMING_PINGS == 1 ) || ( ipconfigSUPPORT_OUTGOING_PINGS == 1 )
    ABI_FN( ProcessICMPPacket, eFrameProcessingResult_t, ( const NetworkBufferDescriptor_t * ) );
#endif
#if ( ipconfigUSE_IPv6 != 0 )
    ABI_FN( vNDRefreshCacheEntry, void, ( const MACAddress_t *, const IPv6_Address_t *, NetworkEndPoint_t * ) );
    ABI_FN( eNDGetCacheEntry, eResolutionLookupResult_t, ( IPv6_Address_t *, MACAddress_t *, struct xNetworkEndPoint ** ) );
    ABI_FN( vNDAgeCache, void, ( void ) );
    ABI_FN( vNDSendNeighbourSolicitation, void, ( NetworkBufferDescriptor_t *, const IPv6_Address_t * ) );
    ABI_FN( FreeRTOS_OutputAdvertiseIPv6, void, ( NetworkEndPoint_t * ) );
    ABI_FN( FreeRTOS_CreateIPv6Address, BaseType_t, ( IPv6_Address_t *, const IPv6_Address_t *, size_t, BaseType_t ) );
    ABI_FN( xCheckRequiresNDResolution, BaseType_t, ( const NetworkBufferDescriptor_t * ) );
    ABI_FN( FreeRTOS_ClearND, void, ( const struct xNetworkEndPoint * ) );
    const uint8_t ( * const abi_var_pcLOCAL_ALL_NODES_MULTICAST_IP )[ 16 ] = &pcLOCAL_ALL_NODES_MULTICAST_IP;
    const uint8_t ( * const abi_var_pcLOCAL_ALL_NODES_MULTICAST_MAC )[ 6 ] = &pcLOCAL_ALL_NODES_MULTICAST_MAC;
    #if ( ipconfigUSE_RA != 0 )
        ABI_FN( vNDSendRouterSolicitation, void, ( NetworkBufferDescriptor_t *, IPv6_Address_t * ) );
        ABI_FN( vRAProcess, void, ( BaseType_t, NetworkEndPoint_t * ) );
        ABI_FN( vReceiveNA, void, ( const NetworkBufferDescriptor_t * ) );
        ABI_FN( vReceiveRA, void, ( const NetworkBufferDescriptor_t * ) );
    #endif
    #if ( ipconfigSUPPORT_OUTGOING_PINGS == 1 )
        ABI_FN( FreeRTOS_SendPingRequestIPv6, BaseType_t, ( const IPv6_Address_t *, size_t, TickType_t ) );
    #endif
    #if ( ipconfigHAS_PRINTF != 0 ) || ( ipconfigHAS_DEBUG_PRINTF != 0 )
        ABI_FN( FreeRTOS_PrintNDCache, void, ( void ) );
    #endif
#endif

/* ------------------------------------------------------------ fptcp_extensions.h
 * This library's own functions and types (issue #10): fixed-width layout,
 * the same on both targets, as src/stack/metrics.rs asserts for Rust. */
ABI_ASSERT( sizeof( FPTCP_StackMetrics_t ) == 88 );
ABI_ASSERT( offsetof( FPTCP_StackMetrics_t, ulFramesIn ) == 0 );
ABI_ASSERT( offsetof( FPTCP_StackMetrics_t, ulDroppedMalformed ) == 8 );
ABI_ASSERT( offsetof( FPTCP_StackMetrics_t, ulTxNoBuffer ) == 40 );
ABI_ASSERT( offsetof( FPTCP_StackMetrics_t, ulCloseWaitReaped ) == 60 );
ABI_ASSERT( offsetof( FPTCP_StackMetrics_t, ulBuffersTotal ) == 72 );
ABI_ASSERT( offsetof( FPTCP_StackMetrics_t, ulHeapUsed ) == 84 );
ABI_ASSERT( sizeof( FPTCP_SocketMetrics_t ) == 36 );
ABI_ASSERT( offsetof( FPTCP_SocketMetrics_t, ulRemoteAddress ) == 0 );
ABI_ASSERT( offsetof( FPTCP_SocketMetrics_t, usLocalPort ) == 4 );
ABI_ASSERT( offsetof( FPTCP_SocketMetrics_t, usRemotePort ) == 6 );
ABI_ASSERT( offsetof( FPTCP_SocketMetrics_t, ucProtocol ) == 8 );
ABI_ASSERT( offsetof( FPTCP_SocketMetrics_t, ucState ) == 9 );
ABI_ASSERT( offsetof( FPTCP_SocketMetrics_t, usChildCount ) == 10 );
ABI_ASSERT( offsetof( FPTCP_SocketMetrics_t, usBacklog ) == 12 );
ABI_ASSERT( offsetof( FPTCP_SocketMetrics_t, usReserved ) == 14 );
ABI_ASSERT( offsetof( FPTCP_SocketMetrics_t, ulMsInState ) == 16 );
ABI_ASSERT( offsetof( FPTCP_SocketMetrics_t, ulMsSinceApplicationCall ) == 20 );
ABI_ASSERT( offsetof( FPTCP_SocketMetrics_t, ulRxQueued ) == 24 );
ABI_ASSERT( offsetof( FPTCP_SocketMetrics_t, ulTxQueued ) == 28 );
ABI_ASSERT( offsetof( FPTCP_SocketMetrics_t, ulRetransmissions ) == 32 );
ABI_FN( xFPTCP_GetStackMetrics, BaseType_t, ( FPTCP_StackMetrics_t * ) );
ABI_FN( xFPTCP_GetSocketMetrics, BaseType_t, ( FPTCP_SocketMetrics_t *, BaseType_t ) );
ABI_FN( vFPTCP_SetPcapHook, void, ( FPTCP_PcapHook_t, void * ) );
ABI_FN( uxFPTCP_PcapFileHeader, size_t, ( uint8_t *, size_t ) );
