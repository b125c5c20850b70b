/*
 * FreeRTOSIPConfigDefaults.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * Completes the application's FreeRTOSIPConfig.h: every ipconfig* option the
 * application leaves undefined gets FreeRTOS+TCP V4.4.1's default value, and
 * values outside the valid range stop the build.  Options are "enabled" when
 * not equal to ipconfigDISABLE (0); boolean options must be exactly 0 or 1.
 *
 * This header is self-contained: it includes FreeRTOS.h (and through it the
 * application's FreeRTOSConfig.h) and the application's FreeRTOSIPConfig.h.
 * Both configuration files must use the include guards FREERTOS_CONFIG_H and
 * FREERTOS_IP_CONFIG_H respectively; any other guard name is an error, as
 * with upstream.
 *
 * The Rust library reads the same option values when it is built, so the
 * defaults below are the ones it uses.
 */

#ifndef FREERTOS_IP_CONFIG_DEFAULTS_H
#define FREERTOS_IP_CONFIG_DEFAULTS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "FreeRTOS.h"

#ifndef FREERTOS_CONFIG_H
    #error FreeRTOSConfig.h has not been included yet
#endif

#include "FreeRTOSIPConfig.h"

#ifndef FREERTOS_IP_CONFIG_H
    #error FreeRTOSIPConfig.h has not been included yet
#endif

/* Names that were renamed or retired upstream stop the build here. */
#include "FreeRTOSIPDeprecatedDefinitions.h"

/* ==== Helper macros ====================================================== */

/* STATIC_ASSERT( e ): compile-time check without run-time cost. */
#ifndef STATIC_ASSERT
    #ifdef static_assert
        /* <assert.h> of C11 (or later) was included. */
        #define STATIC_ASSERT( e )    static_assert( e, "FreeRTOS-Plus-TCP Error" )
    #else
        /* Any C dialect: an enumerator initialised with 1 / 0 fails. */
        #define ASSERT_CONCAT_( a, b )    a ## b
        #define ASSERT_CONCAT( a, b )     ASSERT_CONCAT_( a, b )
        #ifdef __COUNTER__
            #define STATIC_ASSERT( e ) \
    enum { ASSERT_CONCAT( ipStaticAssert_, __COUNTER__ ) = 1 / ( ( e ) ? 1 : 0 ) }
        #else
            #define STATIC_ASSERT( e ) \
    enum { ASSERT_CONCAT( ipStaticAssert_, __LINE__ ) = 1 / ( ( e ) ? 1 : 0 ) }
        #endif
    #endif
#endif

/* "_static" lets verification builds make file-local functions visible. */
#ifndef _static
    #define _static    static
#endif

#ifndef portINLINE
    #define portINLINE    inline
#endif

/* The two values of a boolean option, and tests that treat any non-zero
 * value as enabled. */
#ifndef ipconfigENABLE
    #define ipconfigENABLE    ( 1 )
#endif

#ifndef ipconfigDISABLE
    #define ipconfigDISABLE    ( 0 )
#endif

#ifndef ipconfigIS_ENABLED
    #define ipconfigIS_ENABLED( x )    ( ( x ) != ipconfigDISABLE )
#endif

#ifndef ipconfigIS_DISABLED
    #define ipconfigIS_DISABLED( x )    ( ( x ) == ipconfigDISABLE )
#endif

/* ==== Kernel configuration the stack depends on ========================== */

/* Older kernels lack this errno value. */
#ifndef pdFREERTOS_ERRNO_EAFNOSUPPORT
    #define pdFREERTOS_ERRNO_EAFNOSUPPORT    97
#endif

#if ( INCLUDE_vTaskDelay == 0 )
    #error INCLUDE_vTaskDelay must be set to 1
#endif

#if ( INCLUDE_xTaskGetCurrentTaskHandle == 0 )
    #error INCLUDE_xTaskGetCurrentTaskHandle must be set to 1
#endif

#if ( configSUPPORT_DYNAMIC_ALLOCATION == 0 )
    #error configSUPPORT_DYNAMIC_ALLOCATION must be set to 1
#endif

#if ( configUSE_COUNTING_SEMAPHORES == 0 )
    #error configUSE_COUNTING_SEMAPHORES must be set to 1
#endif

/* ==== IP versions and addressing ============================================ */

/* Keep the V3 single-interface API (FreeRTOS_IPInit(), sin_addr, ...). */
#ifndef ipconfigIPv4_BACKWARD_COMPATIBLE
    #define ipconfigIPv4_BACKWARD_COMPATIBLE    ipconfigDISABLE
#endif
#if ( ( ipconfigIPv4_BACKWARD_COMPATIBLE != ipconfigDISABLE ) && ( ipconfigIPv4_BACKWARD_COMPATIBLE != ipconfigENABLE ) )
    #error Invalid ipconfigIPv4_BACKWARD_COMPATIBLE configuration
#endif

/* Compile IPv4 support. */
#ifndef ipconfigUSE_IPv4
    #define ipconfigUSE_IPv4    ipconfigENABLE
#endif
#if ( ( ipconfigUSE_IPv4 != ipconfigDISABLE ) && ( ipconfigUSE_IPv4 != ipconfigENABLE ) )
    #error Invalid ipconfigUSE_IPv4 configuration
#endif

/* Compile IPv6 support. */
#ifndef ipconfigUSE_IPv6
    #define ipconfigUSE_IPv6    ipconfigENABLE
#endif
#if ( ( ipconfigUSE_IPv6 != ipconfigDISABLE ) && ( ipconfigUSE_IPv6 != ipconfigENABLE ) )
    #error Invalid ipconfigUSE_IPv6 configuration
#endif
#if ( ipconfigIS_DISABLED( ipconfigUSE_IPv4 ) && ipconfigIS_DISABLED( ipconfigUSE_IPv6 ) )
    #error Either ipconfigUSE_IPv4 or ipconfigUSE_IPv6 must be enabled
#endif

/* Router solicitation / advertisement (SLAAC).  Enabled by default even in
 * IPv4-only builds, which makes NetworkEndPoint_t larger. */
#ifndef ipconfigUSE_RA
    #define ipconfigUSE_RA    ipconfigENABLE
#endif
#if ( ( ipconfigUSE_RA != ipconfigDISABLE ) && ( ipconfigUSE_RA != ipconfigENABLE ) )
    #error Invalid ipconfigUSE_RA configuration
#endif

/* Router solicitations sent before giving up. */
#ifndef ipconfigRA_SEARCH_COUNT
    #define ipconfigRA_SEARCH_COUNT    ( 3 )
#endif
#if ( ipconfigRA_SEARCH_COUNT < 0 )
    #error ipconfigRA_SEARCH_COUNT must be at least 0
#endif
#if ( ipconfigRA_SEARCH_COUNT > UINT_FAST8_MAX )
    #error ipconfigRA_SEARCH_COUNT overflows a UBaseType_t
#endif

/* Wait for a router advertisement, in ms. */
#ifndef ipconfigRA_SEARCH_TIME_OUT_MSEC
    #define ipconfigRA_SEARCH_TIME_OUT_MSEC    ( 10000 )
#endif
#if ( ipconfigRA_SEARCH_TIME_OUT_MSEC < 0 )
    #error ipconfigRA_SEARCH_TIME_OUT_MSEC must be at least 0
#endif

/* Neighbour solicitations sent to test a generated address. */
#ifndef ipconfigRA_IP_TEST_COUNT
    #define ipconfigRA_IP_TEST_COUNT    ( 3 )
#endif
#if ( ipconfigRA_IP_TEST_COUNT < 0 )
    #error ipconfigRA_IP_TEST_COUNT must be at least 0
#endif
#if ( ipconfigRA_IP_TEST_COUNT > UINT_FAST8_MAX )
    #error ipconfigRA_IP_TEST_COUNT overflows a UBaseType_t
#endif

/* Wait for an answer to such a test, in ms. */
#ifndef ipconfigRA_IP_TEST_TIME_OUT_MSEC
    #define ipconfigRA_IP_TEST_TIME_OUT_MSEC    ( 1500 )
#endif
#if ( ipconfigRA_IP_TEST_TIME_OUT_MSEC < 0 )
    #error ipconfigRA_IP_TEST_TIME_OUT_MSEC must be at least 0
#endif

/* DNS server addresses stored per end-point. */
#ifndef ipconfigENDPOINT_DNS_ADDRESS_COUNT
    #define ipconfigENDPOINT_DNS_ADDRESS_COUNT    ( 2U )
#endif
#if ( ipconfigENDPOINT_DNS_ADDRESS_COUNT < 1 )
    #error ipconfigENDPOINT_DNS_ADDRESS_COUNT must be at least 1
#endif
#if ( ipconfigENDPOINT_DNS_ADDRESS_COUNT > UINT8_MAX )
    #error ipconfigENDPOINT_DNS_ADDRESS_COUNT overflows a uint8_t
#endif

/* Set the DF bit in outgoing IPv4 packets. */
#ifndef ipconfigFORCE_IP_DONT_FRAGMENT
    #define ipconfigFORCE_IP_DONT_FRAGMENT    ipconfigDISABLE
#endif
#if ( ( ipconfigFORCE_IP_DONT_FRAGMENT != ipconfigDISABLE ) && ( ipconfigFORCE_IP_DONT_FRAGMENT != ipconfigENABLE ) )
    #error Invalid ipconfigFORCE_IP_DONT_FRAGMENT configuration
#endif

/* Accept IPv4 packets that carry options (the options are ignored). */
#ifndef ipconfigIP_PASS_PACKETS_WITH_IP_OPTIONS
    #define ipconfigIP_PASS_PACKETS_WITH_IP_OPTIONS    ipconfigENABLE
#endif
#if ( ( ipconfigIP_PASS_PACKETS_WITH_IP_OPTIONS != ipconfigDISABLE ) && ( ipconfigIP_PASS_PACKETS_WITH_IP_OPTIONS != ipconfigENABLE ) )
    #error Invalid ipconfigIP_PASS_PACKETS_WITH_IP_OPTIONS configuration
#endif

/* Longest time the IP task blocks on its queue, in ticks. */
#ifndef ipconfigMAX_IP_TASK_SLEEP_TIME
    #define ipconfigMAX_IP_TASK_SLEEP_TIME    pdMS_TO_TICKS( 10000 )
#endif

/* ==== Buffers and the network driver ======================================== */

/* Bytes reserved in front of each frame; 0 selects ipBUFFER_PADDING's own
 * rule. */
#ifndef ipconfigBUFFER_PADDING
    #define ipconfigBUFFER_PADDING    ( 0 )
#endif
#if ( ipconfigBUFFER_PADDING < 0 )
    #error ipconfigBUFFER_PADDING must be at least 0
#endif
#if ( ipconfigBUFFER_PADDING > SIZE_MAX )
    #error ipconfigBUFFER_PADDING overflows a size_t
#endif

/* Filler that puts the IP header on a word boundary. */
#ifndef ipconfigPACKET_FILLER_SIZE
    #define ipconfigPACKET_FILLER_SIZE    ( 2 )
#endif
#if ( ipconfigPACKET_FILLER_SIZE < 0 )
    #error ipconfigPACKET_FILLER_SIZE must be at least 0
#endif
#if ( ipconfigPACKET_FILLER_SIZE > SIZE_MAX )
    #error ipconfigPACKET_FILLER_SIZE overflows a size_t
#endif

/* Byte order of the target: mandatory, no default. */
#ifndef ipconfigBYTE_ORDER
    #error ipconfigBYTE_ORDER must be defined
#endif
#if ( ( ipconfigBYTE_ORDER != pdFREERTOS_LITTLE_ENDIAN ) && ( ipconfigBYTE_ORDER != pdFREERTOS_BIG_ENDIAN ) )
    #error ipconfigBYTE_ORDER should be pdFREERTOS_LITTLE_ENDIAN or pdFREERTOS_BIG_ENDIAN
#endif

/* The driver/MAC has already checked received checksums. */
#ifndef ipconfigDRIVER_INCLUDED_RX_IP_CHECKSUM
    #define ipconfigDRIVER_INCLUDED_RX_IP_CHECKSUM    ipconfigDISABLE
#endif
#if ( ( ipconfigDRIVER_INCLUDED_RX_IP_CHECKSUM != ipconfigDISABLE ) && ( ipconfigDRIVER_INCLUDED_RX_IP_CHECKSUM != ipconfigENABLE ) )
    #error Invalid ipconfigDRIVER_INCLUDED_RX_IP_CHECKSUM configuration
#endif

/* The driver/MAC fills in checksums of sent packets. */
#ifndef ipconfigDRIVER_INCLUDED_TX_IP_CHECKSUM
    #define ipconfigDRIVER_INCLUDED_TX_IP_CHECKSUM    ipconfigDISABLE
#endif
#if ( ( ipconfigDRIVER_INCLUDED_TX_IP_CHECKSUM != ipconfigDISABLE ) && ( ipconfigDRIVER_INCLUDED_TX_IP_CHECKSUM != ipconfigENABLE ) )
    #error Invalid ipconfigDRIVER_INCLUDED_TX_IP_CHECKSUM configuration
#endif

/* The driver drops frame types the stack cannot use. */
#ifndef ipconfigETHERNET_DRIVER_FILTERS_FRAME_TYPES
    #define ipconfigETHERNET_DRIVER_FILTERS_FRAME_TYPES    ipconfigENABLE
#endif
#if ( ( ipconfigETHERNET_DRIVER_FILTERS_FRAME_TYPES != ipconfigDISABLE ) && ( ipconfigETHERNET_DRIVER_FILTERS_FRAME_TYPES != ipconfigENABLE ) )
    #error Invalid ipconfigETHERNET_DRIVER_FILTERS_FRAME_TYPES configuration
#endif

/* The driver filters packets itself (xPortHasUDPSocket() is then available). */
#ifndef ipconfigETHERNET_DRIVER_FILTERS_PACKETS
    #define ipconfigETHERNET_DRIVER_FILTERS_PACKETS    ipconfigDISABLE
#endif
#if ( ( ipconfigETHERNET_DRIVER_FILTERS_PACKETS != ipconfigDISABLE ) && ( ipconfigETHERNET_DRIVER_FILTERS_PACKETS != ipconfigENABLE ) )
    #error Invalid ipconfigETHERNET_DRIVER_FILTERS_PACKETS configuration
#endif

/* Pad outgoing frames to at least this length. */
#ifndef ipconfigETHERNET_MINIMUM_PACKET_BYTES
    #define ipconfigETHERNET_MINIMUM_PACKET_BYTES    ( 0 )
#endif
#if ( ipconfigETHERNET_MINIMUM_PACKET_BYTES < 0 )
    #error ipconfigETHERNET_MINIMUM_PACKET_BYTES must be at least 0
#endif
#if ( ipconfigETHERNET_MINIMUM_PACKET_BYTES > SIZE_MAX )
    #error ipconfigETHERNET_MINIMUM_PACKET_BYTES overflows a size_t
#endif

/* Drop 802.3 (non Ethernet II) frames. */
#ifndef ipconfigFILTER_OUT_NON_ETHERNET_II_FRAMES
    #define ipconfigFILTER_OUT_NON_ETHERNET_II_FRAMES    ipconfigENABLE
#endif
#if ( ( ipconfigFILTER_OUT_NON_ETHERNET_II_FRAMES != ipconfigDISABLE ) && ( ipconfigFILTER_OUT_NON_ETHERNET_II_FRAMES != ipconfigENABLE ) )
    #error Invalid ipconfigFILTER_OUT_NON_ETHERNET_II_FRAMES configuration
#endif

/* Largest IP packet, headers included. */
#ifndef ipconfigNETWORK_MTU
    #define ipconfigNETWORK_MTU    ( 1500 )
#endif
#if ( ipconfigNETWORK_MTU < 46 )
    #error ipconfigNETWORK_MTU must be at least 46
#endif
#if ( ipconfigNETWORK_MTU > SIZE_MAX )
    #error ipconfigNETWORK_MTU overflows a size_t
#endif

/* Network buffer descriptors in the pool. */
#ifndef ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS
    #define ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS    ( 45 )
#endif
#if ( ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS < 1 )
    #error ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS must be at least 1
#endif
#if ( ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS > SIZE_MAX )
    #error ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS overflows a size_t
#endif

/* Drivers may pass chains of frames (adds pxNextBuffer). */
#ifndef ipconfigUSE_LINKED_RX_MESSAGES
    #define ipconfigUSE_LINKED_RX_MESSAGES    ipconfigDISABLE
#endif
#if ( ( ipconfigUSE_LINKED_RX_MESSAGES != ipconfigDISABLE ) && ( ipconfigUSE_LINKED_RX_MESSAGES != ipconfigENABLE ) )
    #error Invalid ipconfigUSE_LINKED_RX_MESSAGES configuration
#endif

/* The driver hands over its DMA buffers on reception. */
#ifndef ipconfigZERO_COPY_RX_DRIVER
    #define ipconfigZERO_COPY_RX_DRIVER    ipconfigDISABLE
#endif
#if ( ( ipconfigZERO_COPY_RX_DRIVER != ipconfigDISABLE ) && ( ipconfigZERO_COPY_RX_DRIVER != ipconfigENABLE ) )
    #error Invalid ipconfigZERO_COPY_RX_DRIVER configuration
#endif

/* The driver takes over network buffers for transmission. */
#ifndef ipconfigZERO_COPY_TX_DRIVER
    #define ipconfigZERO_COPY_TX_DRIVER    ipconfigDISABLE
#endif
#if ( ( ipconfigZERO_COPY_TX_DRIVER != ipconfigDISABLE ) && ( ipconfigZERO_COPY_TX_DRIVER != ipconfigENABLE ) )
    #error Invalid ipconfigZERO_COPY_TX_DRIVER configuration
#endif

/* Drivers report link loss with FreeRTOS_NetworkDown(). */
#ifndef ipconfigSUPPORT_NETWORK_DOWN_EVENT
    #define ipconfigSUPPORT_NETWORK_DOWN_EVENT    ipconfigDISABLE
#endif
#if ( ( ipconfigSUPPORT_NETWORK_DOWN_EVENT != ipconfigDISABLE ) && ( ipconfigSUPPORT_NETWORK_DOWN_EVENT != ipconfigENABLE ) )
    #error Invalid ipconfigSUPPORT_NETWORK_DOWN_EVENT configuration
#endif

/* PHY link poll period while the link is up, in ms. */
#ifndef ipconfigPHY_LS_HIGH_CHECK_TIME_MS
    #define ipconfigPHY_LS_HIGH_CHECK_TIME_MS    ( 15000 )
#endif
#if ( ipconfigPHY_LS_HIGH_CHECK_TIME_MS < 0 )
    #error ipconfigPHY_LS_HIGH_CHECK_TIME_MS must be at least 0
#endif

/* PHY link poll period while the link is down, in ms. */
#ifndef ipconfigPHY_LS_LOW_CHECK_TIME_MS
    #define ipconfigPHY_LS_LOW_CHECK_TIME_MS    ( 1000 )
#endif
#if ( ipconfigPHY_LS_LOW_CHECK_TIME_MS < 0 )
    #error ipconfigPHY_LS_LOW_CHECK_TIME_MS must be at least 0
#endif

/* The MAC computes the Ethernet CRC (driver option). */
#ifndef ipconfigHAS_TX_CRC_OFFLOADING
    #define ipconfigHAS_TX_CRC_OFFLOADING    ipconfigDISABLE
#endif

/* PHYs the common PHY driver can handle. */
#ifndef ipconfigPHY_MAX_PORTS
    #define ipconfigPHY_MAX_PORTS    ( 4 )
#endif
#if ( ipconfigPHY_MAX_PORTS < 1 )
    #error ipconfigPHY_MAX_PORTS must be at least 1
#endif
#if ( ipconfigPHY_MAX_PORTS > 32 )
    #error ipconfigPHY_MAX_PORTS must be at most 32
#endif

/* ==== The IP task =========================================================== */

/* Length of the IP task's event queue. */
#ifndef ipconfigEVENT_QUEUE_LENGTH
    #define ipconfigEVENT_QUEUE_LENGTH    ( ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS + 5 )
#endif
#if ( ipconfigEVENT_QUEUE_LENGTH < ( ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS + 5 ) )
    #error ipconfigEVENT_QUEUE_LENGTH must be at least ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS + 5
#endif
#if ( ipconfigEVENT_QUEUE_LENGTH > SIZE_MAX )
    #error ipconfigEVENT_QUEUE_LENGTH overflows a size_t
#endif

/* Priority of the IP task. */
#ifndef ipconfigIP_TASK_PRIORITY
    #define ipconfigIP_TASK_PRIORITY    ( configMAX_PRIORITIES - 2 )
#endif
#if ( ipconfigIP_TASK_PRIORITY < 0 )
    #error ipconfigIP_TASK_PRIORITY must be at least 0
#endif

/* Core mask of the IP task on SMP kernels (0: no affinity). */
#ifndef ipconfigIP_TASK_AFFINITY
    #define ipconfigIP_TASK_AFFINITY    ( 0 )
#endif
#if ( ipconfigIP_TASK_AFFINITY < 0 )
    #error ipconfigIP_TASK_AFFINITY must be at least 0
#endif
#if ( ( ipconfigIP_TASK_AFFINITY > 0 ) && ( configUSE_CORE_AFFINITY == 0 ) )
    #error configUSE_CORE_AFFINITY must be 1 in order to use ipconfigIP_TASK_AFFINITY
#endif

/* Stack of the IP task, in words. */
#ifndef ipconfigIP_TASK_STACK_SIZE_WORDS
    #define ipconfigIP_TASK_STACK_SIZE_WORDS    configMINIMAL_STACK_SIZE
#endif

/* Offer unknown frame types to eApplicationProcessCustomFrameHook(). */
#ifndef ipconfigPROCESS_CUSTOM_ETHERNET_FRAMES
    #define ipconfigPROCESS_CUSTOM_ETHERNET_FRAMES    ipconfigDISABLE
#endif
#if ( ( ipconfigPROCESS_CUSTOM_ETHERNET_FRAMES != ipconfigDISABLE ) && ( ipconfigPROCESS_CUSTOM_ETHERNET_FRAMES != ipconfigENABLE ) )
    #error Invalid ipconfigPROCESS_CUSTOM_ETHERNET_FRAMES configuration
#endif

/* Call vApplicationIPNetworkEventHook(_Multi)() on network up/down. */
#ifndef ipconfigUSE_NETWORK_EVENT_HOOK
    #define ipconfigUSE_NETWORK_EVENT_HOOK    ipconfigDISABLE
#endif
#if ( ( ipconfigUSE_NETWORK_EVENT_HOOK != ipconfigDISABLE ) && ( ipconfigUSE_NETWORK_EVENT_HOOK != ipconfigENABLE ) )
    #error Invalid ipconfigUSE_NETWORK_EVENT_HOOK configuration
#endif

/* ==== TCP =================================================================== */

/* Compile TCP. */
#ifndef ipconfigUSE_TCP
    #define ipconfigUSE_TCP    ipconfigENABLE
#endif
#if ( ( ipconfigUSE_TCP != ipconfigDISABLE ) && ( ipconfigUSE_TCP != ipconfigENABLE ) )
    #error Invalid ipconfigUSE_TCP configuration
#endif

/* Do not answer segments for unknown sockets with RST. */
#ifndef ipconfigIGNORE_UNKNOWN_PACKETS
    #define ipconfigIGNORE_UNKNOWN_PACKETS    ipconfigDISABLE
#endif
#if ( ( ipconfigIGNORE_UNKNOWN_PACKETS != ipconfigDISABLE ) && ( ipconfigIGNORE_UNKNOWN_PACKETS != ipconfigENABLE ) )
    #error Invalid ipconfigIGNORE_UNKNOWN_PACKETS configuration
#endif

/* Close connections stuck in a transitional state. */
#ifndef ipconfigTCP_HANG_PROTECTION
    #define ipconfigTCP_HANG_PROTECTION    ipconfigENABLE
#endif
#if ( ( ipconfigTCP_HANG_PROTECTION != ipconfigDISABLE ) && ( ipconfigTCP_HANG_PROTECTION != ipconfigENABLE ) )
    #error Invalid ipconfigTCP_HANG_PROTECTION configuration
#endif

/* Hang protection time, in seconds. */
#ifndef ipconfigTCP_HANG_PROTECTION_TIME
    #define ipconfigTCP_HANG_PROTECTION_TIME    ( 30 )
#endif
#if ( ipconfigTCP_HANG_PROTECTION_TIME < 0 )
    #error ipconfigTCP_HANG_PROTECTION_TIME must be at least 0
#endif

/* Send keep-alive probes on idle connections. */
#ifndef ipconfigTCP_KEEP_ALIVE
    #define ipconfigTCP_KEEP_ALIVE    ipconfigDISABLE
#endif
#if ( ( ipconfigTCP_KEEP_ALIVE != ipconfigDISABLE ) && ( ipconfigTCP_KEEP_ALIVE != ipconfigENABLE ) )
    #error Invalid ipconfigTCP_KEEP_ALIVE configuration
#endif

/* Idle time before the first probe, in seconds. */
#ifndef ipconfigTCP_KEEP_ALIVE_INTERVAL
    #define ipconfigTCP_KEEP_ALIVE_INTERVAL    ( 20 )
#endif
#if ( ipconfigTCP_KEEP_ALIVE_INTERVAL < 0 )
    #error ipconfigTCP_KEEP_ALIVE_INTERVAL must be at least 0
#endif

/* Maximum segment size. */
#ifndef ipconfigTCP_MSS
    #define ipconfigTCP_MSS    ( ipconfigNETWORK_MTU - 40U )
#endif
#if ( ipconfigTCP_MSS < 536 )
    #error ipconfigTCP_MSS must be at least 536 ( tcpMINIMUM_SEGMENT_LENGTH )
#endif
#if ( ipconfigTCP_MSS > SIZE_MAX )
    #error ipconfigTCP_MSS overflows a size_t
#endif

/* Default size of a socket's receive stream, in bytes. */
#ifndef ipconfigTCP_RX_BUFFER_LENGTH
    #define ipconfigTCP_RX_BUFFER_LENGTH    ( 4 * ipconfigTCP_MSS )
#endif
#if ( ipconfigTCP_RX_BUFFER_LENGTH < 0 )
    #error ipconfigTCP_RX_BUFFER_LENGTH must be at least 0
#endif
#if ( ipconfigTCP_RX_BUFFER_LENGTH > SIZE_MAX )
    #error ipconfigTCP_RX_BUFFER_LENGTH overflows a size_t
#endif

/* Default size of a socket's transmit stream, in bytes. */
#ifndef ipconfigTCP_TX_BUFFER_LENGTH
    #define ipconfigTCP_TX_BUFFER_LENGTH    ( 4 * ipconfigTCP_MSS )
#endif
#if ( ipconfigTCP_TX_BUFFER_LENGTH < 0 )
    #error ipconfigTCP_TX_BUFFER_LENGTH must be at least 0
#endif
#if ( ipconfigTCP_TX_BUFFER_LENGTH > SIZE_MAX )
    #error ipconfigTCP_TX_BUFFER_LENGTH overflows a size_t
#endif

/* TTL / hop limit of TCP packets. */
#ifndef ipconfigTCP_TIME_TO_LIVE
    #define ipconfigTCP_TIME_TO_LIVE    ( 128 )
#endif
#if ( ipconfigTCP_TIME_TO_LIVE < 0 )
    #error ipconfigTCP_TIME_TO_LIVE must be at least 0
#endif
#if ( ipconfigTCP_TIME_TO_LIVE > UINT8_MAX )
    #error ipconfigTCP_TIME_TO_LIVE overflows a uint8_t
#endif

/* Sliding windows (otherwise one segment in flight). */
#ifndef ipconfigUSE_TCP_WIN
    #define ipconfigUSE_TCP_WIN    ipconfigENABLE
#endif
#if ( ( ipconfigUSE_TCP_WIN != ipconfigDISABLE ) && ( ipconfigUSE_TCP_WIN != ipconfigENABLE ) )
    #error Invalid ipconfigUSE_TCP_WIN configuration
#endif

/* Lower bound of the smoothed round-trip time, in ms. */
#ifndef ipconfigTCP_SRTT_MINIMUM_VALUE_MS
    #define ipconfigTCP_SRTT_MINIMUM_VALUE_MS    ( 50 )
#endif
#if ( ipconfigTCP_SRTT_MINIMUM_VALUE_MS < 0 )
    #error ipconfigTCP_SRTT_MINIMUM_VALUE_MS must be at least 0
#endif
#if ( ipconfigTCP_SRTT_MINIMUM_VALUE_MS > UINT32_MAX )
    #error ipconfigTCP_SRTT_MINIMUM_VALUE_MS overflows a uint32_t
#endif

/* Segment descriptors shared by all TCP windows. */
#ifndef ipconfigTCP_WIN_SEG_COUNT
    #define ipconfigTCP_WIN_SEG_COUNT    ( 256 )
#endif
#if ( ipconfigTCP_WIN_SEG_COUNT < 1 )
    #error ipconfigTCP_WIN_SEG_COUNT must be at least 1
#endif
#if ( ipconfigTCP_WIN_SEG_COUNT > SIZE_MAX )
    #error ipconfigTCP_WIN_SEG_COUNT overflows a size_t
#endif

/* Allocator used for the large TCP stream buffers; the kernel heap unless the
 * application routes them elsewhere. */
#ifndef pvPortMallocLarge
    #define pvPortMallocLarge( size )    pvPortMalloc( size )
#endif
#ifndef vPortFreeLarge
    #define vPortFreeLarge( ptr )    vPortFree( ptr )
#endif

/* ==== UDP =================================================================== */

/* Datagrams queued per UDP socket (0: no limit). */
#ifndef ipconfigUDP_MAX_RX_PACKETS
    #define ipconfigUDP_MAX_RX_PACKETS    ( 0 )
#endif
#if ( ipconfigUDP_MAX_RX_PACKETS < 0 )
    #error ipconfigUDP_MAX_RX_PACKETS must be at least 0
#endif
#if ( ipconfigUDP_MAX_RX_PACKETS > UINT_FAST8_MAX )
    #error ipconfigUDP_MAX_RX_PACKETS overflows a UBaseType_t
#endif

/* Longest block time of a UDP send, in ticks. */
#ifndef ipconfigUDP_MAX_SEND_BLOCK_TIME_TICKS
    #define ipconfigUDP_MAX_SEND_BLOCK_TIME_TICKS    pdMS_TO_TICKS( 20 )
#endif

/* Accept UDP datagrams with a zero checksum. */
#ifndef ipconfigUDP_PASS_ZERO_CHECKSUM_PACKETS
    #define ipconfigUDP_PASS_ZERO_CHECKSUM_PACKETS    ipconfigDISABLE
#endif
#if ( ( ipconfigUDP_PASS_ZERO_CHECKSUM_PACKETS != ipconfigDISABLE ) && ( ipconfigUDP_PASS_ZERO_CHECKSUM_PACKETS != ipconfigENABLE ) )
    #error Invalid ipconfigUDP_PASS_ZERO_CHECKSUM_PACKETS configuration
#endif

/* TTL / hop limit of UDP packets. */
#ifndef ipconfigUDP_TIME_TO_LIVE
    #define ipconfigUDP_TIME_TO_LIVE    ( 128 )
#endif
#if ( ipconfigUDP_TIME_TO_LIVE < 0 )
    #error ipconfigUDP_TIME_TO_LIVE must be at least 0
#endif
#if ( ipconfigUDP_TIME_TO_LIVE > UINT8_MAX )
    #error ipconfigUDP_TIME_TO_LIVE overflows a uint8_t
#endif

/* ==== Sockets =============================================================== */

/* sendto() binds an unbound socket automatically. */
#ifndef ipconfigALLOW_SOCKET_SEND_WITHOUT_BIND
    #define ipconfigALLOW_SOCKET_SEND_WITHOUT_BIND    ipconfigENABLE
#endif
#if ( ( ipconfigALLOW_SOCKET_SEND_WITHOUT_BIND != ipconfigDISABLE ) && ( ipconfigALLOW_SOCKET_SEND_WITHOUT_BIND != ipconfigENABLE ) )
    #error Invalid ipconfigALLOW_SOCKET_SEND_WITHOUT_BIND configuration
#endif

/* Compile FreeRTOS_select() and socket sets. */
#ifndef ipconfigSUPPORT_SELECT_FUNCTION
    #define ipconfigSUPPORT_SELECT_FUNCTION    ipconfigDISABLE
#endif
#if ( ( ipconfigSUPPORT_SELECT_FUNCTION != ipconfigDISABLE ) && ( ipconfigSUPPORT_SELECT_FUNCTION != ipconfigENABLE ) )
    #error Invalid ipconfigSUPPORT_SELECT_FUNCTION configuration
#endif

/* select() wakes the IP task with a task notification. */
#ifndef ipconfigSELECT_USES_NOTIFY
    #define ipconfigSELECT_USES_NOTIFY    ipconfigDISABLE
#endif
#if ( ( ipconfigSELECT_USES_NOTIFY != ipconfigDISABLE ) && ( ipconfigSELECT_USES_NOTIFY != ipconfigENABLE ) )
    #error Invalid ipconfigSELECT_USES_NOTIFY configuration
#endif
#if ipconfigIS_ENABLED( ipconfigSELECT_USES_NOTIFY )
    #if ( configUSE_TASK_NOTIFICATIONS == 0 )
        #error configUSE_TASK_NOTIFICATIONS must be 1 if ipconfigSELECT_USES_NOTIFY is enabled
    #endif
#endif

/* Default receive (and connect/accept) timeout of a new socket, in ticks. */
#ifndef ipconfigSOCK_DEFAULT_RECEIVE_BLOCK_TIME
    #define ipconfigSOCK_DEFAULT_RECEIVE_BLOCK_TIME    portMAX_DELAY
#endif

/* Default send timeout of a new socket, in ticks. */
#ifndef ipconfigSOCK_DEFAULT_SEND_BLOCK_TIME
    #define ipconfigSOCK_DEFAULT_SEND_BLOCK_TIME    portMAX_DELAY
#endif

/* Option FREERTOS_SO_SET_SEMAPHORE. */
#ifndef ipconfigSOCKET_HAS_USER_SEMAPHORE
    #define ipconfigSOCKET_HAS_USER_SEMAPHORE    ipconfigDISABLE
#endif
#if ( ( ipconfigSOCKET_HAS_USER_SEMAPHORE != ipconfigDISABLE ) && ( ipconfigSOCKET_HAS_USER_SEMAPHORE != ipconfigENABLE ) )
    #error Invalid ipconfigSOCKET_HAS_USER_SEMAPHORE configuration
#endif

/* Option FREERTOS_SO_WAKEUP_CALLBACK. */
#ifndef ipconfigSOCKET_HAS_USER_WAKE_CALLBACK
    #define ipconfigSOCKET_HAS_USER_WAKE_CALLBACK    ipconfigDISABLE
#endif
#if ( ( ipconfigSOCKET_HAS_USER_WAKE_CALLBACK != ipconfigDISABLE ) && ( ipconfigSOCKET_HAS_USER_WAKE_CALLBACK != ipconfigENABLE ) )
    #error Invalid ipconfigSOCKET_HAS_USER_WAKE_CALLBACK configuration
#endif

/* FreeRTOS_SignalSocket() and FreeRTOS_SignalSocketFromISR(). */
#ifndef ipconfigSUPPORT_SIGNALS
    #define ipconfigSUPPORT_SIGNALS    ipconfigDISABLE
#endif
#if ( ( ipconfigSUPPORT_SIGNALS != ipconfigDISABLE ) && ( ipconfigSUPPORT_SIGNALS != ipconfigENABLE ) )
    #error Invalid ipconfigSUPPORT_SIGNALS configuration
#endif

/* Per-socket callbacks (FREERTOS_SO_*_HANDLER). */
#ifndef ipconfigUSE_CALLBACKS
    #define ipconfigUSE_CALLBACKS    ipconfigDISABLE
#endif
#if ( ( ipconfigUSE_CALLBACKS != ipconfigDISABLE ) && ( ipconfigUSE_CALLBACKS != ipconfigENABLE ) )
    #error Invalid ipconfigUSE_CALLBACKS configuration
#endif

/* ipconfigIS_VALID_PROG_ADDRESS( p ): whether a callback address supplied by
 * the application may be called. */
#ifndef ipconfigIS_VALID_PROG_ADDRESS
    #define ipconfigIS_VALID_PROG_ADDRESS( pxAddress )    ( ( pxAddress ) != NULL )
#endif

/* Allocator for socket objects, and the copy routine of the stream buffers. */
#ifndef pvPortMallocSocket
    #define pvPortMallocSocket( size )    pvPortMalloc( size )
#endif
#ifndef vPortFreeSocket
    #define vPortFreeSocket( ptr )    vPortFree( ptr )
#endif
#ifndef pvPortMemCpyStreamBuffer
    #define pvPortMemCpyStreamBuffer( dst, src, count )    memcpy( dst, src, count )
#endif

/* ==== DHCP ================================================================== */

/* DHCPv4 client for end-points with bWantDHCP. */
#ifndef ipconfigUSE_DHCP
    #define ipconfigUSE_DHCP    ipconfigENABLE
#endif
#if ( ( ipconfigUSE_DHCP != ipconfigDISABLE ) && ( ipconfigUSE_DHCP != ipconfigENABLE ) )
    #error Invalid ipconfigUSE_DHCP configuration
#endif
#if ( ( ipconfigUSE_DHCP != ipconfigDISABLE ) && ( ipconfigNETWORK_MTU < 586 ) )
    #error ipconfigNETWORK_MTU needs to be at least 586 to use DHCP
#endif
#if ( ipconfigIS_ENABLED( ipconfigUSE_DHCP ) && ipconfigIS_DISABLED( ipconfigUSE_IPv4 ) )
    #error DHCP Cannot be enabled without IPv4
#endif

/* DHCPv6 client. */
#ifndef ipconfigUSE_DHCPv6
    #define ipconfigUSE_DHCPv6    ipconfigDISABLE
#endif
#if ( ( ipconfigUSE_DHCPv6 != ipconfigDISABLE ) && ( ipconfigUSE_DHCPv6 != ipconfigENABLE ) )
    #error Invalid ipconfigUSE_DHCPv6 configuration
#endif
#if ( ipconfigIS_ENABLED( ipconfigUSE_DHCPv6 ) && ipconfigIS_DISABLED( ipconfigUSE_IPv6 ) )
    #error DHCPv6 Cannot be enabled without IPv6
#endif

/* Send pcApplicationHostnameHook()'s name in DHCP requests. */
#ifndef ipconfigDHCP_REGISTER_HOSTNAME
    #define ipconfigDHCP_REGISTER_HOSTNAME    ipconfigDISABLE
#endif
#if ( ( ipconfigDHCP_REGISTER_HOSTNAME != ipconfigDISABLE ) && ( ipconfigDHCP_REGISTER_HOSTNAME != ipconfigENABLE ) )
    #error Invalid ipconfigDHCP_REGISTER_HOSTNAME configuration
#endif

/* Call xApplicationDHCPHook(_Multi)() (the application must define it). */
#ifndef ipconfigUSE_DHCP_HOOK
    #define ipconfigUSE_DHCP_HOOK    ipconfigENABLE
#endif
#if ( ( ipconfigUSE_DHCP_HOOK != ipconfigDISABLE ) && ( ipconfigUSE_DHCP_HOOK != ipconfigENABLE ) )
    #error Invalid ipconfigUSE_DHCP_HOOK configuration
#endif

/* Fall back to a link-local address when DHCP fails. */
#ifndef ipconfigDHCP_FALL_BACK_AUTO_IP
    #define ipconfigDHCP_FALL_BACK_AUTO_IP    ipconfigDISABLE
#endif
#if ( ( ipconfigDHCP_FALL_BACK_AUTO_IP != ipconfigDISABLE ) && ( ipconfigDHCP_FALL_BACK_AUTO_IP != ipconfigENABLE ) )
    #error Invalid ipconfigDHCP_FALL_BACK_AUTO_IP configuration
#endif

/* Longest interval between DHCP discovers, in ticks. */
#ifndef ipconfigMAXIMUM_DISCOVER_TX_PERIOD
    #ifdef _WINDOWS_
        #define ipconfigMAXIMUM_DISCOVER_TX_PERIOD    pdMS_TO_TICKS( 999 )
    #else
        #define ipconfigMAXIMUM_DISCOVER_TX_PERIOD    pdMS_TO_TICKS( 30000 )
    #endif
#endif

/* ==== DNS and name services ================================================= */

/* DNS client (FreeRTOS_gethostbyname(), FreeRTOS_getaddrinfo()). */
#ifndef ipconfigUSE_DNS
    #define ipconfigUSE_DNS    ipconfigENABLE
#endif
#if ( ( ipconfigUSE_DNS != ipconfigDISABLE ) && ( ipconfigUSE_DNS != ipconfigENABLE ) )
    #error Invalid ipconfigUSE_DNS configuration
#endif

/* Cache DNS answers. */
#ifndef ipconfigUSE_DNS_CACHE
    #define ipconfigUSE_DNS_CACHE    ipconfigENABLE
#endif
#if ( ( ipconfigUSE_DNS_CACHE != ipconfigDISABLE ) && ( ipconfigUSE_DNS_CACHE != ipconfigENABLE ) )
    #error Invalid ipconfigUSE_DNS_CACHE configuration
#endif

/* Rows in the DNS cache. */
#ifndef ipconfigDNS_CACHE_ENTRIES
    #define ipconfigDNS_CACHE_ENTRIES    ( 1U )
#endif
#if ( ipconfigDNS_CACHE_ENTRIES < 1 )
    #error ipconfigDNS_CACHE_ENTRIES must be at least 1
#endif
#if ( ipconfigDNS_CACHE_ENTRIES > SIZE_MAX )
    #error ipconfigDNS_CACHE_ENTRIES overflows a size_t
#endif

/* Longest cached host name, terminator included. */
#ifndef ipconfigDNS_CACHE_NAME_LENGTH
    #define ipconfigDNS_CACHE_NAME_LENGTH    ( 254U )
#endif
#if ( ipconfigDNS_CACHE_NAME_LENGTH < 1 )
    #error ipconfigDNS_CACHE_NAME_LENGTH must be at least 1
#endif
#if ( ipconfigDNS_CACHE_NAME_LENGTH > SIZE_MAX )
    #error ipconfigDNS_CACHE_NAME_LENGTH overflows a size_t
#endif

/* Addresses stored per cached name. */
#ifndef ipconfigDNS_CACHE_ADDRESSES_PER_ENTRY
    #define ipconfigDNS_CACHE_ADDRESSES_PER_ENTRY    ( 1 )
#endif
#if ( ipconfigDNS_CACHE_ADDRESSES_PER_ENTRY < 1 )
    #error ipconfigDNS_CACHE_ADDRESSES_PER_ENTRY must be at least 1
#endif
#if ( ipconfigDNS_CACHE_ADDRESSES_PER_ENTRY > SIZE_MAX )
    #error ipconfigDNS_CACHE_ADDRESSES_PER_ENTRY overflows a size_t
#endif

/* Queries sent per lookup. */
#ifndef ipconfigDNS_REQUEST_ATTEMPTS
    #define ipconfigDNS_REQUEST_ATTEMPTS    ( 5 )
#endif
#if ( ipconfigDNS_REQUEST_ATTEMPTS < 1 )
    #error ipconfigDNS_REQUEST_ATTEMPTS must be at least 1
#endif
#if ( ipconfigDNS_REQUEST_ATTEMPTS > SIZE_MAX )
    #error ipconfigDNS_REQUEST_ATTEMPTS overflows a size_t
#endif

/* Wait for a DNS answer, in ticks. */
#ifndef ipconfigDNS_RECEIVE_BLOCK_TIME_TICKS
    #define ipconfigDNS_RECEIVE_BLOCK_TIME_TICKS    pdMS_TO_TICKS( 5000 )
#endif

/* Wait to send a DNS query, in ticks. */
#ifndef ipconfigDNS_SEND_BLOCK_TIME_TICKS
    #define ipconfigDNS_SEND_BLOCK_TIME_TICKS    pdMS_TO_TICKS( 500 )
#endif

/* Asynchronous lookups (FreeRTOS_gethostbyname_a(), ...). */
#ifndef ipconfigDNS_USE_CALLBACKS
    #define ipconfigDNS_USE_CALLBACKS    ipconfigDISABLE
#endif
#if ( ( ipconfigDNS_USE_CALLBACKS != ipconfigDISABLE ) && ( ipconfigDNS_USE_CALLBACKS != ipconfigENABLE ) )
    #error Invalid ipconfigDNS_USE_CALLBACKS configuration
#endif

/* Answer LLMNR queries. */
#ifndef ipconfigUSE_LLMNR
    #define ipconfigUSE_LLMNR    ipconfigDISABLE
#endif
#if ( ( ipconfigUSE_LLMNR != ipconfigDISABLE ) && ( ipconfigUSE_LLMNR != ipconfigENABLE ) )
    #error Invalid ipconfigUSE_LLMNR configuration
#endif
#if ( ipconfigIS_ENABLED( ipconfigUSE_LLMNR ) && ipconfigIS_DISABLED( ipconfigUSE_DNS ) )
    #error When LLMNR is enabled, ipconfigUSE_DNS must also be enabled
#endif

/* Answer NetBIOS name queries. */
#ifndef ipconfigUSE_NBNS
    #define ipconfigUSE_NBNS    ipconfigDISABLE
#endif
#if ( ( ipconfigUSE_NBNS != ipconfigDISABLE ) && ( ipconfigUSE_NBNS != ipconfigENABLE ) )
    #error Invalid ipconfigUSE_NBNS configuration
#endif
#if ( ipconfigIS_ENABLED( ipconfigUSE_NBNS ) && ipconfigIS_DISABLED( ipconfigUSE_DNS ) )
    #error When NBNS is enabled, ipconfigUSE_DNS must also be enabled
#endif

/* Answer mDNS queries. */
#ifndef ipconfigUSE_MDNS
    #define ipconfigUSE_MDNS    ipconfigDISABLE
#endif
#if ( ( ipconfigUSE_MDNS != ipconfigDISABLE ) && ( ipconfigUSE_MDNS != ipconfigENABLE ) )
    #error Invalid ipconfigUSE_MDNS configuration
#endif
#if ( ipconfigIS_ENABLED( ipconfigUSE_MDNS ) && ipconfigIS_DISABLED( ipconfigUSE_DNS ) )
    #error When MDNS is enabled, ipconfigUSE_DNS must also be enabled
#endif

/* ==== ARP =================================================================== */

/* Rows in the ARP cache. */
#ifndef ipconfigARP_CACHE_ENTRIES
    #define ipconfigARP_CACHE_ENTRIES    ( 10 )
#endif
#if ( ipconfigARP_CACHE_ENTRIES < 1 )
    #error ipconfigARP_CACHE_ENTRIES must be at least 1
#endif
#if ( ipconfigARP_CACHE_ENTRIES > SIZE_MAX )
    #error ipconfigARP_CACHE_ENTRIES overflows a size_t
#endif

/* Cache addresses outside the local subnet too. */
#ifndef ipconfigARP_STORES_REMOTE_ADDRESSES
    #define ipconfigARP_STORES_REMOTE_ADDRESSES    ipconfigDISABLE
#endif
#if ( ( ipconfigARP_STORES_REMOTE_ADDRESSES != ipconfigDISABLE ) && ( ipconfigARP_STORES_REMOTE_ADDRESSES != ipconfigENABLE ) )
    #error Invalid ipconfigARP_STORES_REMOTE_ADDRESSES configuration
#endif

/* Detect a second host using our address (needed by the DHCP link-local
 * fall-back). */
#if ( ipconfigIS_ENABLED( ipconfigUSE_DHCP ) && ipconfigIS_ENABLED( ipconfigDHCP_FALL_BACK_AUTO_IP ) )
    /* The link-local fall-back relies on clash detection. */
    #ifndef ipconfigARP_USE_CLASH_DETECTION
        #define ipconfigARP_USE_CLASH_DETECTION    ipconfigENABLE
    #endif
    #if ( ( ipconfigARP_USE_CLASH_DETECTION != ipconfigDISABLE ) && ( ipconfigARP_USE_CLASH_DETECTION != ipconfigENABLE ) )
        #error Invalid ipconfigARP_USE_CLASH_DETECTION configuration
    #endif
    #if ( ipconfigIS_DISABLED( ipconfigARP_USE_CLASH_DETECTION ) )
        #error When ipconfigDHCP_FALL_BACK_AUTO_IP is enabled, ipconfigARP_USE_CLASH_DETECTION must also be enabled
    #endif
#else
    #ifndef ipconfigARP_USE_CLASH_DETECTION
        #define ipconfigARP_USE_CLASH_DETECTION    ipconfigDISABLE
    #endif
    #if ( ipconfigIS_ENABLED( ipconfigARP_USE_CLASH_DETECTION ) )
        #warning ipconfigARP_USE_CLASH_DETECTION is unused when ipconfigDHCP_FALL_BACK_AUTO_IP is disabled
    #endif
#endif

/* Lifetime of an ARP cache entry, in ARP timer periods. */
#ifndef ipconfigMAX_ARP_AGE
    #define ipconfigMAX_ARP_AGE    ( 150 )
#endif
#if ( ipconfigMAX_ARP_AGE < 0 )
    #error ipconfigMAX_ARP_AGE must be at least 0
#endif
#if ( ipconfigMAX_ARP_AGE > UINT8_MAX )
    #error ipconfigMAX_ARP_AGE overflows a uint8_t
#endif

/* ARP requests sent for one address. */
#ifndef ipconfigMAX_ARP_RETRANSMISSIONS
    #define ipconfigMAX_ARP_RETRANSMISSIONS    ( 5 )
#endif
#if ( ipconfigMAX_ARP_RETRANSMISSIONS < 0 )
    #error ipconfigMAX_ARP_RETRANSMISSIONS must be at least 0
#endif
#if ( ipconfigMAX_ARP_RETRANSMISSIONS > UINT8_MAX )
    #error ipconfigMAX_ARP_RETRANSMISSIONS overflows a uint8_t
#endif

/* Compile ulARPRemoveCacheEntryByMac(). */
#ifndef ipconfigUSE_ARP_REMOVE_ENTRY
    #define ipconfigUSE_ARP_REMOVE_ENTRY    ipconfigDISABLE
#endif
#if ( ( ipconfigUSE_ARP_REMOVE_ENTRY != ipconfigDISABLE ) && ( ipconfigUSE_ARP_REMOVE_ENTRY != ipconfigENABLE ) )
    #error Invalid ipconfigUSE_ARP_REMOVE_ENTRY configuration
#endif

/* Compile eARPGetCacheEntryByMac(). */
#ifndef ipconfigUSE_ARP_REVERSED_LOOKUP
    #define ipconfigUSE_ARP_REVERSED_LOOKUP    ipconfigDISABLE
#endif
#if ( ( ipconfigUSE_ARP_REVERSED_LOOKUP != ipconfigDISABLE ) && ( ipconfigUSE_ARP_REVERSED_LOOKUP != ipconfigENABLE ) )
    #error Invalid ipconfigUSE_ARP_REVERSED_LOOKUP configuration
#endif

/* ==== IPv6 neighbour discovery ============================================== */

/* Rows in the ND cache. */
#ifndef ipconfigND_CACHE_ENTRIES
    #define ipconfigND_CACHE_ENTRIES    ( 24 )
#endif
#if ( ipconfigND_CACHE_ENTRIES < 1 )
    #error ipconfigND_CACHE_ENTRIES must be at least 1
#endif
#if ( ipconfigND_CACHE_ENTRIES > SIZE_MAX )
    #error ipconfigND_CACHE_ENTRIES overflows a size_t
#endif

/* Lifetime of an ND cache entry. */
#ifndef ipconfigMAX_ND_AGE
    #define ipconfigMAX_ND_AGE    ( 150 )
#endif
#if ( ipconfigMAX_ND_AGE < 0 )
    #error ipconfigMAX_ND_AGE must be at least 0
#endif
#if ( ipconfigMAX_ND_AGE > UINT8_MAX )
    #error ipconfigMAX_ND_AGE overflows a uint8_t
#endif

/* ==== ICMP ================================================================== */

/* Answer echo requests. */
#ifndef ipconfigREPLY_TO_INCOMING_PINGS
    #define ipconfigREPLY_TO_INCOMING_PINGS    ipconfigENABLE
#endif
#if ( ( ipconfigREPLY_TO_INCOMING_PINGS != ipconfigDISABLE ) && ( ipconfigREPLY_TO_INCOMING_PINGS != ipconfigENABLE ) )
    #error Invalid ipconfigREPLY_TO_INCOMING_PINGS configuration
#endif

/* TTL of ICMP packets. */
#ifndef ipconfigICMP_TIME_TO_LIVE
    #define ipconfigICMP_TIME_TO_LIVE    ( 64 )
#endif
#if ( ipconfigICMP_TIME_TO_LIVE < 0 )
    #error ipconfigICMP_TIME_TO_LIVE must be at least 0
#endif
#if ( ipconfigICMP_TIME_TO_LIVE > UINT8_MAX )
    #error ipconfigICMP_TIME_TO_LIVE overflows a uint8_t
#endif

/* FreeRTOS_SendPingRequest() delivers replies to
 * vApplicationPingReplyHook(). */
#ifndef ipconfigSUPPORT_OUTGOING_PINGS
    #define ipconfigSUPPORT_OUTGOING_PINGS    ipconfigDISABLE
#endif
#if ( ( ipconfigSUPPORT_OUTGOING_PINGS != ipconfigDISABLE ) && ( ipconfigSUPPORT_OUTGOING_PINGS != ipconfigENABLE ) )
    #error Invalid ipconfigSUPPORT_OUTGOING_PINGS configuration
#endif

/* ==== Routing =============================================================== */

/* Older single-end-point behaviour of the routing code. */
#ifndef ipconfigCOMPATIBLE_WITH_SINGLE
    #define ipconfigCOMPATIBLE_WITH_SINGLE    ipconfigDISABLE
#endif
#if ( ( ipconfigCOMPATIBLE_WITH_SINGLE != ipconfigDISABLE ) && ( ipconfigCOMPATIBLE_WITH_SINGLE != ipconfigENABLE ) )
    #error Invalid ipconfigCOMPATIBLE_WITH_SINGLE configuration
#endif

/* ==== Debugging, logging and statistics ===================================== */

/* Track the minimum free space of the IP queue (uxGetMinimumIPQueueSpace()). */
#ifndef ipconfigCHECK_IP_QUEUE_SPACE
    #define ipconfigCHECK_IP_QUEUE_SPACE    ipconfigDISABLE
#endif
#if ( ( ipconfigCHECK_IP_QUEUE_SPACE != ipconfigDISABLE ) && ( ipconfigCHECK_IP_QUEUE_SPACE != ipconfigENABLE ) )
    #error Invalid ipconfigCHECK_IP_QUEUE_SPACE configuration
#endif

/* Enable FreeRTOS_debug_printf() output. */
#ifndef ipconfigHAS_DEBUG_PRINTF
    #define ipconfigHAS_DEBUG_PRINTF    ipconfigDISABLE
#endif
#if ( ( ipconfigHAS_DEBUG_PRINTF != ipconfigDISABLE ) && ( ipconfigHAS_DEBUG_PRINTF != ipconfigENABLE ) )
    #error Invalid ipconfigHAS_DEBUG_PRINTF configuration
#endif

/* FreeRTOS_debug_printf( ( fmt, ... ) ): the argument is a parenthesised
 * printf argument list.  Without an application definition it forwards to
 * configPRINTF() when debug output is enabled and that macro exists, and
 * otherwise compiles to nothing (the arguments are not evaluated). */
#ifndef FreeRTOS_debug_printf
    #if ( ( ipconfigHAS_DEBUG_PRINTF == 1 ) && defined( configPRINTF ) )
        #define FreeRTOS_debug_printf( MSG )    do { configPRINTF( MSG ); } while( 0 )
    #else
        #define FreeRTOS_debug_printf( MSG )    do {} while( 0 )
    #endif
#endif

/* Enable FreeRTOS_printf() output (netstat, warnings). */
#ifndef ipconfigHAS_PRINTF
    #define ipconfigHAS_PRINTF    ipconfigDISABLE
#endif
#if ( ( ipconfigHAS_PRINTF != ipconfigDISABLE ) && ( ipconfigHAS_PRINTF != ipconfigENABLE ) )
    #error Invalid ipconfigHAS_PRINTF configuration
#endif

/* FreeRTOS_printf( ( fmt, ... ) ): same rules as FreeRTOS_debug_printf(),
 * switched by ipconfigHAS_PRINTF. */
#ifndef FreeRTOS_printf
    #if ( ( ipconfigHAS_PRINTF == 1 ) && defined( configPRINTF ) )
        #define FreeRTOS_printf( MSG )    do { configPRINTF( MSG ); } while( 0 )
    #else
        #define FreeRTOS_printf( MSG )    do {} while( 0 )
    #endif
#endif

/* Extra consistency checks of the buffer pool. */
#ifndef ipconfigTCP_IP_SANITY
    #define ipconfigTCP_IP_SANITY    ipconfigDISABLE
#endif
#if ( ( ipconfigTCP_IP_SANITY != ipconfigDISABLE ) && ( ipconfigTCP_IP_SANITY != ipconfigENABLE ) )
    #error Invalid ipconfigTCP_IP_SANITY configuration
#endif

/* ipconfigTCP_MAY_LOG_PORT( xPort ): pdTRUE when events of that local port may
 * be logged.  By default everything except telnet (23) is logged. */
#ifndef ipconfigTCP_MAY_LOG_PORT
    #define ipconfigTCP_MAY_LOG_PORT( xPort )    ( ( xPort ) != 23U )
#endif
#if ( ( ipconfigTCP_MAY_LOG_PORT( 0 ) != 0 ) && ( ipconfigTCP_MAY_LOG_PORT( 0 ) != 1 ) )
    #error ipconfigTCP_MAY_LOG_PORT() should equate to pdFALSE or pdTRUE
#endif

/* ipconfigWATCHDOG_TIMER(): called by the IP task on every loop; empty by
 * default. */
#ifndef ipconfigWATCHDOG_TIMER
    #define ipconfigWATCHDOG_TIMER()    do {} while( 0 )
#endif

/* Packet dump hooks (iptraceDUMP_*). */
#ifndef ipconfigUSE_DUMP_PACKETS
    #define ipconfigUSE_DUMP_PACKETS    ipconfigDISABLE
#endif
#if ( ( ipconfigUSE_DUMP_PACKETS != ipconfigDISABLE ) && ( ipconfigUSE_DUMP_PACKETS != ipconfigENABLE ) )
    #error Invalid ipconfigUSE_DUMP_PACKETS configuration
#endif

/* Memory statistics hooks (iptraceMEM_STATS_*). */
#ifndef ipconfigUSE_TCP_MEM_STATS
    #define ipconfigUSE_TCP_MEM_STATS    ipconfigDISABLE
#endif
#if ( ( ipconfigUSE_TCP_MEM_STATS != ipconfigDISABLE ) && ( ipconfigUSE_TCP_MEM_STATS != ipconfigENABLE ) )
    #error Invalid ipconfigUSE_TCP_MEM_STATS configuration
#endif

/* Allocations tracked by the memory statistics. */
#ifndef ipconfigTCP_MEM_STATS_MAX_ALLOCATION
    #define ipconfigTCP_MEM_STATS_MAX_ALLOCATION    ( 128 )
#endif
#if ( ipconfigTCP_MEM_STATS_MAX_ALLOCATION < 1 )
    #error ipconfigTCP_MEM_STATS_MAX_ALLOCATION must be at least 1
#endif
#if ( ipconfigTCP_MEM_STATS_MAX_ALLOCATION > SIZE_MAX )
    #error ipconfigTCP_MEM_STATS_MAX_ALLOCATION overflows a size_t
#endif

/* Old type and field names (xSocket_t, FOnConnected, ...). */
#ifndef ipconfigENABLE_BACKWARD_COMPATIBILITY
    #define ipconfigENABLE_BACKWARD_COMPATIBILITY    ipconfigENABLE
#endif

/* Silence the build warnings of the ports. */
#ifndef ipconfigPORT_SUPPRESS_WARNING
    #define ipconfigPORT_SUPPRESS_WARNING    ipconfigDISABLE
#endif

/* Skip the run-time check of ipBUFFER_PADDING. */
#ifndef ipconfigSUPPRESS_BUFFER_PADDING_CHECK
    #define ipconfigSUPPRESS_BUFFER_PADDING_CHECK    ipconfigDISABLE
#endif

/* Use the example trace macros of FreeRTOS+Trace. */
#ifndef ipconfigINCLUDE_EXAMPLE_FREERTOS_PLUS_TRACE_CALLS
    #define ipconfigINCLUDE_EXAMPLE_FREERTOS_PLUS_TRACE_CALLS    ipconfigDISABLE
#endif

/* Opens a region that deviates from ISO C (e.g. a pragma); empty by default. */
#ifndef ipconfigISO_STRICTNESS_VIOLATION_START
    #define ipconfigISO_STRICTNESS_VIOLATION_START
#endif

/* Closes such a region; empty by default. */
#ifndef ipconfigISO_STRICTNESS_VIOLATION_END
    #define ipconfigISO_STRICTNESS_VIOLATION_END
#endif

/* ==== Trace hooks ========================================================= */

/* Last, so that every trace macro the configuration defines wins. */
#include "IPTraceMacroDefaults.h"

#endif /* FREERTOS_IP_CONFIG_DEFAULTS_H */
