/*
 * Helpers shared by the C API tests (test_api_*.c): sockets that tearDown()
 * closes, connecting to the Linux peers of c-tests/peers/peers.py, the
 * control channel to those peers, waiting for a TCP state, and measuring how
 * long a call blocked.
 *
 * All helpers run in FreeRTOS tasks (normally the "unity" task).
 */
#ifndef PEER_UTIL_H
#define PEER_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "fptcp_test.h"
#include "FreeRTOS_TCP_IP.h"

/* The Linux peers (reference section 14.1), on ulFptcpTestPeerIP(). */
#define peerPORT_HELLO_FIN     7001 /* "hello", then FIN */
#define peerPORT_HELLO_RST     7002 /* "hello", RST after 300 ms */
#define peerPORT_SINK          7003 /* reads until EOF */
#define peerPORT_CLOSE_NOW     7004 /* FIN at once */
#define peerPORT_RST_LATER     7005 /* RST after 500 ms */
#define peerPORT_FIN_LATER     7006 /* FIN after 500 ms */
#define peerPORT_ECHO          7007 /* echo until EOF */
#define peerPORT_CLOSED        7999 /* nothing listens */
#define peerPORT_CONTROL       7100

/* An address in our /24 that nobody answers ARP for. */
#define peerUNREACHABLE_HOST   "192.0.2.77"

/* Sockets to close in tearDown(); at most this many per test. */
#define peerMAX_TRACKED        16

/* A new TCP socket (asserted valid), tracked for vPeerCloseTracked(). Its
 * receive and send timeouts are left at the defaults. */
Socket_t xPeerTcpSocket( void );

/* Adds a socket (e.g. an accepted child) to the tracked set. */
void vPeerTrack( Socket_t xSocket );

/* Closes every tracked socket (a second close of a handle returns 0 and is
 * harmless: handles are never reused). Call from tearDown(). */
void vPeerCloseTracked( void );

/* setsockopt() wrappers; return setsockopt()'s result. */
BaseType_t xPeerSetRcvTimeout( Socket_t xSocket,
                               TickType_t xTicks );
BaseType_t xPeerSetSndTimeout( Socket_t xSocket,
                               TickType_t xTicks );

/* Fills an IPv4 address (ulIP in network order, usPort in host order). */
void vPeerAddress( struct freertos_sockaddr * pxAddress,
                   uint32_t ulIP,
                   uint16_t usPort );

/* FreeRTOS_connect() to the Linux peer's usPort. */
BaseType_t xPeerConnect( Socket_t xSocket,
                         uint16_t usPort );

/* FreeRTOS_bind() to 0.0.0.0:usPort. */
BaseType_t xPeerBind( Socket_t xSocket,
                      uint16_t usPort );

/* Polls FreeRTOS_connstatus() every tick until it equals xState or xMaxTicks
 * passed; returns the last state seen. */
BaseType_t xPeerWaitState( Socket_t xSocket,
                           BaseType_t xState,
                           TickType_t xMaxTicks );

/* Polls FreeRTOS_rx_size() every tick until it reaches xAtLeast bytes or
 * xMaxTicks passed; returns the last count seen. */
BaseType_t xPeerWaitRx( Socket_t xSocket,
                        BaseType_t xAtLeast,
                        TickType_t xMaxTicks );

/* Sends one command line (without '\n') to the control port and reads the
 * reply line (without '\n') into pcReply. Returns 0 when the reply starts
 * with "ok", -1 otherwise (error reply, or no reply within 15 s; pcReply
 * then says what happened). The control connection is opened on first use
 * and kept (it is not tracked). */
BaseType_t xPeerCommand( const char * pcCommand,
                         char * pcReply,
                         size_t uxReplyLength );

/* Like xPeerCommand(), but fails the running test on an error reply. */
void vPeerCommandOk( const char * pcCommand,
                     char * pcReply,
                     size_t uxReplyLength );

/* The local port of a socket (host order), 0 if unknown. */
uint16_t usPeerLocalPort( Socket_t xSocket );

/* Milliseconds of wall-clock time (CLOCK_MONOTONIC), for waits that a Linux
 * peer times in wall-clock time: under load the POSIX port's tick can run
 * slower than the wall clock. */
uint32_t ulPeerWallMs( void );

/* The unity task's priority, and a priority above the IP task's (used to
 * look at a socket before the IP task reacts to a call). */
#define peerRUNNER_PRIORITY    ( tskIDLE_PRIORITY + 1 )
#define peerABOVE_IP_PRIORITY  ( configMAX_PRIORITIES - 1 )

/* Block time checks. A call that should not block takes at most one tick; a
 * call that blocks for T ticks returns after T .. T + 2 ticks. Both count
 * ticks, as the stack does, so a tick that runs slow under load does not
 * matter. */
#define peerASSERT_IMMEDIATE( xTicks ) \
    peerASSERT_BETWEEN( 0UL, 1UL, xTicks, "ticks blocked (should return at once)" )

#define peerASSERT_BLOCKED( xExpected, xTicks ) \
    peerASSERT_BETWEEN( ( unsigned long ) ( xExpected ), ( unsigned long ) ( xExpected ) + 2UL, xTicks, "ticks blocked" )

/* Asserts xLow <= xValue <= xHigh (a block time in ticks, or a wall-clock
 * time in ms); pcWhat names the value and its unit in the failure message. */
#define peerASSERT_BETWEEN( xLow, xHigh, xValue, pcWhat )                         \
    vPeerAssertBetween( ( unsigned long ) ( xLow ), ( unsigned long ) ( xHigh ), \
                        ( unsigned long ) ( xValue ), ( pcWhat ), __LINE__ )

void vPeerAssertBetween( unsigned long ulLow,
                         unsigned long ulHigh,
                         unsigned long ulValue,
                         const char * pcWhat,
                         UNITY_LINE_TYPE xLine );

/* Asserts FreeRTOS_connstatus() == xState, naming both states on failure. */
#define peerASSERT_STATE( xState, xSocket )                                      \
    do {                                                                         \
        BaseType_t xGot_ = FreeRTOS_connstatus( xSocket );                       \
        char cMsg_[ 96 ];                                                        \
        ( void ) snprintf( cMsg_, sizeof( cMsg_ ), "state %s (%ld), expected %s", \
                           ( xGot_ >= 0 ) ? FreeRTOS_GetTCPStateName( ( UBaseType_t ) xGot_ ) : "-", \
                           ( long ) xGot_, FreeRTOS_GetTCPStateName( ( UBaseType_t ) ( xState ) ) ); \
        TEST_ASSERT_EQUAL_INT_MESSAGE( ( xState ), xGot_, cMsg_ );               \
    } while( 0 )

#endif /* PEER_UTIL_H */
