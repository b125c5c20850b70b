/*
 * Socket helpers of the applications that both the host programs
 * (c-tests/apps, FreeRTOS POSIX port) and the firmware (firmware/app,
 * Cortex-M4F) compile: the listener set-up, the recommended close, a
 * printable peer address and names for error returns.
 *
 * Each side provides "app_platform.h" on its include path (never in this
 * folder); the shared code needs from it:
 *   appPRINTF( fmt, ... )   print one whole line, printf-style (only
 *                           conversions newlib-nano has: no %llu)
 *   appTASK_PRIORITY        priority of application tasks
 * and, for http_app.c, the appHTTP_* sizes listed in http_app.h.
 */
#ifndef APP_NET_H
#define APP_NET_H

#include <stddef.h>
#include <stdint.h>

#include "FreeRTOS.h"
#include "task.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"

/* Room for "a.b.c.d:port" and its terminating NUL. */
#define appNET_PEER_MAX    24U

/* "ENOTCONN" etc. for a negative FreeRTOS+TCP return value, "OK" for the
 * others. */
const char * pcAppNetErr( BaseType_t xValue );

/* A listening TCP socket on usPort (any address) with RCVTIMEO =
 * xAcceptTimeout, the longest FreeRTOS_accept() waits. Failures are
 * printed; FREERTOS_INVALID_SOCKET then. */
Socket_t xAppNetListen( uint16_t usPort,
                        BaseType_t xBacklog,
                        TickType_t xAcceptTimeout );

/* The recommended close: FreeRTOS_shutdown(), FreeRTOS_recv() until it
 * returns a negative value (at most xDrainTicks), FreeRTOS_closesocket().
 * pcWho names the connection in the diagnostics. */
void vAppNetGracefulClose( Socket_t xSocket,
                           TickType_t xDrainTicks,
                           const char * pcWho );

/* "a.b.c.d:port" of a peer, cut to uxSize (appNET_PEER_MAX always fits). */
void vAppNetDescribePeer( char * pcOut,
                          size_t uxSize,
                          const struct freertos_sockaddr * pxAddress );

#endif /* APP_NET_H */
