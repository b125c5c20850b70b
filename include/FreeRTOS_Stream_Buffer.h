/*
 * FreeRTOS_Stream_Buffer.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * The circular byte stream that holds a TCP socket's received and queued
 * data (not the kernel's stream_buffer.h).  FreeRTOS_get_rx_buf() hands a
 * read-only pointer to one of these to the application.
 */

#include "FreeRTOS_IP.h"

#ifndef FREERTOS_STREAM_BUFFER_H
#define FREERTOS_STREAM_BUFFER_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Indices into ucArray, each in 0 .. LENGTH-1:
 *   uxTail   next byte to read,
 *   uxMid    (transmit streams) next byte to send for the first time,
 *   uxHead   next byte to write,
 *   uxFront  (receive streams) end of out-of-order data stored ahead of uxHead.
 * One byte always stays free, so LENGTH - 1 bytes fit.  ucArray extends
 * beyond the struct (the allocation is sized for LENGTH bytes).
 */
typedef struct xSTREAM_BUFFER
{
    volatile size_t uxTail;
    volatile size_t uxMid;
    volatile size_t uxHead;
    volatile size_t uxFront;
    size_t LENGTH;
    uint8_t ucArray[ sizeof( size_t ) ];
} StreamBuffer_t;

/* Free bytes between two positions. */
size_t uxStreamBufferSpace( const StreamBuffer_t * const pxBuffer,
                            size_t uxLower,
                            size_t uxUpper );

/* Distance from uxLower forward to uxUpper. */
size_t uxStreamBufferDistance( const StreamBuffer_t * const pxBuffer,
                               size_t uxLower,
                               size_t uxUpper );

/* Bytes that may still be added at uxHead. */
size_t uxStreamBufferGetSpace( const StreamBuffer_t * const pxBuffer );

/* Space between uxFront and uxTail. */
size_t uxStreamBufferFrontSpace( const StreamBuffer_t * const pxBuffer );

/* Bytes available for reading (uxTail to uxHead). */
size_t uxStreamBufferGetSize( const StreamBuffer_t * const pxBuffer );

/* Bytes between uxMid and uxHead (not yet sent). */
size_t uxStreamBufferMidSpace( const StreamBuffer_t * const pxBuffer );

/* Empties the stream. */
void vStreamBufferClear( StreamBuffer_t * const pxBuffer );

/* Advances uxMid by at most uxCount bytes. */
void vStreamBufferMoveMid( StreamBuffer_t * const pxBuffer,
                           const size_t uxCount );

/* pdTRUE when uxLeft is at or before uxRight, seen from uxTail. */
BaseType_t xStreamBufferLessThenEqual( const StreamBuffer_t * const pxBuffer,
                                       size_t uxLeft,
                                       size_t uxRight );

/* Pointer to the first readable byte; returns the contiguous readable
 * length. */
size_t uxStreamBufferGetPtr( StreamBuffer_t * const pxBuffer,
                             uint8_t ** const ppucData );

/* Copies data in at uxHead + uxOffset (pucData NULL: only move the index);
 * returns the bytes stored. */
size_t uxStreamBufferAdd( StreamBuffer_t * const pxBuffer,
                          size_t uxOffset,
                          const uint8_t * const pucData,
                          size_t uxByteCount );

/* Copies data out from uxTail + uxOffset (pucData NULL: discard); consumes
 * unless xPeek; returns the bytes copied. */
size_t uxStreamBufferGet( StreamBuffer_t * const pxBuffer,
                          size_t uxOffset,
                          uint8_t * const pucData,
                          size_t uxMaxCount,
                          BaseType_t xPeek );

#ifdef __cplusplus
}
#endif

#endif /* FREERTOS_STREAM_BUFFER_H */
