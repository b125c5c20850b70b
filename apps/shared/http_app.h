/*
 * The HTTP/1.0 server application, one source for the host program
 * (c-tests/apps/http_server.c: options, probe, control FIFO) and the
 * firmware (firmware/app/fw_main.c: build-time settings). Two ways of
 * ending a connection (reference 14.4):
 *
 *   good  the recommended pattern: every return value is checked; after the
 *         response (and on any error) FreeRTOS_shutdown(), then
 *         FreeRTOS_recv() until it returns a negative value (at most
 *         xDrainTicks), then FreeRTOS_closesocket().
 *   bad   the K63F pattern: read the request, "process" for xDelay ticks,
 *         send; if recv() or send() returns a negative value the handler
 *         forgets the socket WITHOUT FreeRTOS_closesocket(). (A response
 *         that was sent completely is closed the good way.)
 *
 * Resources served:
 *   GET /          a small HTML page
 *   GET /bytes/N   N bytes of the deterministic test stream, 0 <= N <= 1 GiB
 *   anything else  404 (unknown path) or 400 (not "GET <path> HTTP/1.x")
 *
 * One listening socket; an accept task ("http-acc") hands each connection
 * to a handler task ("http"); at most uxMaxTasks handlers exist at once:
 * the accept task waits for a free slot before calling FreeRTOS_accept().
 * With xWorkerPool the handlers are created once and take connections
 * from a queue.
 *
 * Lines for the test scripts:
 *   HTTP listening port=.. backlog=.. variant=.. delay=.. tasks=..
 *   HTTP served|abandoned|closed-after-error ... (one per connection)
 *   STATS accepted=.. served=.. abandoned=.. closed_after_error=..
 *
 * The platform's "app_platform.h" (see app_net.h) provides, besides
 * appPRINTF and appTASK_PRIORITY:
 *   appHTTP_REQUEST_MAX        longest request header block read (bytes)
 *   appHTTP_CHUNK              bytes of /bytes/N sent per FreeRTOS_send()
 *   appHTTP_STACK_WORDS        stack of a handler task
 *   appHTTP_ACCEPT_STACK_WORDS stack of the accept task
 *   appHTTP_SERVED_BY          what the index page says it runs on
 *   appPATTERN_FILL( ulOffset, pucOut, uxLength )
 *                              the test stream's bytes at ulOffset
 */
#ifndef HTTP_APP_H
#define HTTP_APP_H

#include <stdint.h>

#include "FreeRTOS.h"
#include "task.h"

typedef struct
{
    BaseType_t xBadVariant;     /* pdTRUE: the K63F handler */
    uint16_t usPort;
    BaseType_t xBacklog;
    UBaseType_t uxMaxTasks;     /* handler tasks at most, >= 1 */
    TickType_t xDelay;          /* "processing" before the response */
    TickType_t xRequestTimeout; /* RCVTIMEO while reading the request */
    TickType_t xDrainTicks;     /* longest drain of a graceful close */
    BaseType_t xWorkerPool;     /* pdTRUE: uxMaxTasks handlers created once,
                                 * fed through a queue, instead of a task
                                 * per connection (the soak test: creating
                                 * and deleting thousands of tasks is what
                                 * the FreeRTOS POSIX port does worst) */
} HttpConfig_t;

/* Creates the listener and the accept task (the configuration is copied)
 * and prints "HTTP listening ...". pdFAIL (printed) if any part failed. */
BaseType_t xHttpStart( const HttpConfig_t * pxConfig );

/* Prints the STATS line. */
void vHttpPrintStats( void );

/* Least unused stack (words) any finished handler task left. */
UBaseType_t uxHttpStackMin( void );

#endif /* HTTP_APP_H */
