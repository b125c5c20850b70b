/*
 * FreeRTOS_TCP_WIN.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * Types and calls of upstream's TCP sliding-window module.  They describe
 * upstream's internal bookkeeping; the Rust stack keeps its own and exports
 * none of these calls.  They are declared so that code which names them
 * compiles; ipSIZE_TCP_OPTIONS also sizes TCPHeader_t.
 */

#include "FreeRTOS_IP.h"

#ifndef FREERTOS_TCP_WIN_H
#define FREERTOS_TCP_WIN_H

#ifdef __cplusplus
extern "C" {
#endif

/* Birth time of a segment transmission, in ticks. */
typedef struct xTCPTimerStruct
{
    TickType_t uxBorn;
} TCPTimer_t;

/* One segment of a transmit or receive window. */
typedef struct xTCP_SEGMENT
{
    uint32_t ulSequenceNumber;
    int32_t lMaxLength;
    int32_t lDataLength;
    int32_t lStreamPos;
    TCPTimer_t xTransmitTimer;
    union
    {
        struct
        {
            uint32_t
                ucTransmitCount : 8,
                ucDupAckCount : 8,
                bOutstanding : 1,
                bAcked : 1,
                bIsForRx : 1;
        } bits;
        uint32_t ulFlags;
    } u;
    #if ( ipconfigUSE_TCP_WIN != 0 )
        struct xLIST_ITEM xQueueItem;
        struct xLIST_ITEM xSegmentItem;
    #endif
} TCPSegment_t;

typedef struct xTCP_WINSIZE
{
    uint32_t ulRxWindowLength;
    uint32_t ulTxWindowLength;
} TCPWinSize_t;

/* Room for TCP options in TCPHeader_t: 16 bytes with sliding windows
 * (MSS, window scale, SACK), 12 without. */
#if ( ipconfigUSE_TCP_WIN == 1 )
    #define ipSIZE_TCP_OPTIONS    16U
#else
    #define ipSIZE_TCP_OPTIONS    12U
#endif

/* The sliding-window state of one connection. */
typedef struct xTCP_WINDOW
{
    union
    {
        struct
        {
            uint32_t
                bHasInit : 1,
                bSendFullSize : 1,
                bTimeStamps : 1;
        } bits;
        uint32_t ulFlags;
    } u;
    TCPWinSize_t xSize;
    struct
    {
        uint32_t ulFirstSequenceNumber;
        uint32_t ulCurrentSequenceNumber;
        uint32_t ulFINSequenceNumber;
        uint32_t ulHighestSequenceNumber;
    } rx, tx;
    uint32_t ulOurSequenceNumber;
    uint32_t ulUserDataLength;
    uint32_t ulNextTxSequenceNumber;
    int32_t lSRTT;
    uint8_t ucOptionLength;
    #if ( ipconfigUSE_TCP_WIN == 1 )
        List_t xPriorityQueue;
        List_t xTxQueue;
        List_t xWaitQueue;
        TCPSegment_t * pxHeadSegment;
        uint32_t ulOptionsData[ ipSIZE_TCP_OPTIONS / sizeof( uint32_t ) ];
        List_t xTxSegments;
        List_t xRxSegments;
    #else
        TCPSegment_t xTxSegment;
    #endif
    uint16_t usOurPortNumber;
    uint16_t usPeerPortNumber;
    uint16_t usMSS;
    uint16_t usMSSInit;
} TCPWindow_t;

BaseType_t xTCPWindowCreate( TCPWindow_t * pxWindow,
                             uint32_t ulRxWindowLength,
                             uint32_t ulTxWindowLength,
                             uint32_t ulAckNumber,
                             uint32_t ulSequenceNumber,
                             uint32_t ulMSS );

void vTCPWindowDestroy( TCPWindow_t const * pxWindow );

void vTCPWindowInit( TCPWindow_t * pxWindow,
                     uint32_t ulAckNumber,
                     uint32_t ulSequenceNumber,
                     uint32_t ulMSS );

void vTCPSegmentCleanup( void );

int32_t lTCPWindowRxCheck( TCPWindow_t * pxWindow,
                           uint32_t ulSequenceNumber,
                           uint32_t ulLength,
                           uint32_t ulSpace,
                           uint32_t * pulSkipCount );

BaseType_t xTCPWindowRxEmpty( const TCPWindow_t * pxWindow );

int32_t lTCPWindowTxAdd( TCPWindow_t * pxWindow,
                         uint32_t ulLength,
                         int32_t lPosition,
                         int32_t lMax );

BaseType_t xTCPWindowTxHasData( TCPWindow_t const * pxWindow,
                                uint32_t ulWindowSize,
                                TickType_t * pulDelay );

BaseType_t xTCPWindowTxDone( const TCPWindow_t * pxWindow );

uint32_t ulTCPWindowTxGet( TCPWindow_t * pxWindow,
                           uint32_t ulWindowSize,
                           int32_t * plPosition );

uint32_t ulTCPWindowTxAck( TCPWindow_t * pxWindow,
                           uint32_t ulSequenceNumber );

uint32_t ulTCPWindowTxSack( TCPWindow_t * pxWindow,
                            uint32_t ulFirst,
                            uint32_t ulLast );

/* Sequence-number comparisons modulo 2^32. */
BaseType_t xSequenceGreaterThan( uint32_t a,
                                 uint32_t b );

BaseType_t xSequenceLessThan( uint32_t a,
                              uint32_t b );

#ifdef __cplusplus
}
#endif

#endif /* FREERTOS_TCP_WIN_H */
