/*
 * FreeRTOS_TCP_IP.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * TCP states (the values FreeRTOS_connstatus() returns), TCP header flags and
 * option codes, and the TCP entry points of the stack.
 */

#include "FreeRTOS_IP.h"

#ifndef FREERTOS_TCP_IP_H
#define FREERTOS_TCP_IP_H

#ifdef __cplusplus
extern "C" {
#endif

/* Hands a received TCP segment to the stack (IP task only). */
BaseType_t xProcessReceivedTCPPacket( NetworkBufferDescriptor_t * pxDescriptor );
BaseType_t xProcessReceivedTCPPacket_IPV4( NetworkBufferDescriptor_t * pxDescriptor );
BaseType_t xProcessReceivedTCPPacket_IPV6( NetworkBufferDescriptor_t * pxDescriptor );

/* TCP states, numbered as FreeRTOS_connstatus() reports them.  V4.4.1 never
 * enters eFIN_WAIT_2, eCLOSING or eTIME_WAIT; a finished connection rests in
 * eCLOSE_WAIT until it is closed. */
typedef enum eTCP_STATE
{
    eCLOSED = 0U,  /*  0 */
    eTCP_LISTEN,   /*  1 */
    eCONNECT_SYN,  /*  2 active open: address resolution and SYN sent */
    eSYN_FIRST,    /*  3 child socket created from a SYN */
    eSYN_RECEIVED, /*  4 child socket, SYN+ACK sent */
    eESTABLISHED,  /*  5 */
    eFIN_WAIT_1,   /*  6 */
    eFIN_WAIT_2,   /*  7 */
    eCLOSE_WAIT,   /*  8 */
    eCLOSING,      /*  9 */
    eLAST_ACK,     /* 10 */
    eTIME_WAIT     /* 11 */
} eIPTCPState_t;

/* Bits of the TCP flags byte. */
#define tcpTCP_FLAG_FIN                     ( ( uint8_t ) 0x01U )
#define tcpTCP_FLAG_SYN                     ( ( uint8_t ) 0x02U )
#define tcpTCP_FLAG_RST                     ( ( uint8_t ) 0x04U )
#define tcpTCP_FLAG_PSH                     ( ( uint8_t ) 0x08U )
#define tcpTCP_FLAG_ACK                     ( ( uint8_t ) 0x10U )
#define tcpTCP_FLAG_URG                     ( ( uint8_t ) 0x20U )
#define tcpTCP_FLAG_ECN                     ( ( uint8_t ) 0x40U )
#define tcpTCP_FLAG_CWR                     ( ( uint8_t ) 0x80U )
#define tcpTCP_FLAG_CTRL                    ( ( uint8_t ) 0x1FU )

/* TCP option kinds and lengths. */
#define tcpTCP_OPT_END                      0U
#define tcpTCP_OPT_NOOP                     1U
#define tcpTCP_OPT_MSS                      2U
#define tcpTCP_OPT_WSOPT                    3U
#define tcpTCP_OPT_SACK_P                   4U
#define tcpTCP_OPT_SACK_A                   5U
#define tcpTCP_OPT_TIMESTAMP                8U

#define tcpTCP_OPT_MSS_LEN                  4U
#define tcpTCP_OPT_WSOPT_LEN                3U
#define tcpTCP_OPT_WSOPT_MAXIMUM_VALUE      ( 14U )
#define tcpTCP_OPT_TIMESTAMP_LEN            10

/* Smallest MSS every host must accept (RFC 9293). */
#define tcpMINIMUM_SEGMENT_LENGTH           536U

/* 1 for states at or after eESTABLISHED except eCLOSE_WAIT. */
#define tcpNOW_CONNECTED( status ) \
    ( ( ( ( status ) >= ( BaseType_t ) eESTABLISHED ) && ( ( status ) != ( BaseType_t ) eCLOSE_WAIT ) ) ? 1 : 0 )

/* The data-offset nibble of the TCP header. */
#define tcpVALID_BITS_IN_TCP_OFFSET_BYTE    ( 0xF0U )

/* Delayed-ACK delays, in ms. */
#define tcpDELAYED_ACK_SHORT_DELAY_MS       ( 2 )
#define tcpDELAYED_ACK_LONGER_DELAY_MS      ( 20 )

/* MSS used towards peers outside the local network. */
#define tcpREDUCED_MSS_THROUGH_INTERNET     ( 1400 )

#define tcpTCP_OFFSET_LENGTH_BITS           ( 0xf0U )
#define tcpTCP_OFFSET_STANDARD_LENGTH       ( 0x50U )

/* Segments sent per socket per check. */
#ifndef SEND_REPEATED_COUNT
    #define SEND_REPEATED_COUNT    ( 8 )
#endif

/* Longest time between two checks of an idle socket, in ms; this is the
 * 20000 that netstat's "tmout" column counts down from in eCLOSE_WAIT. */
#ifndef tcpMAXIMUM_TCP_WAKEUP_TIME_MS
    #define tcpMAXIMUM_TCP_WAKEUP_TIME_MS    20000U
#endif

struct xSOCKET;

/* Internal to the TCP state machine. */
void prvTCPTouchSocket( struct xSOCKET * pxSocket );
TickType_t prvTCPNextTimeout( struct xSOCKET * pxSocket );

#ifdef __cplusplus
}
#endif

#endif /* FREERTOS_TCP_IP_H */
