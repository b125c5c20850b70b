/*
 * The HTTP/1.0 server written the upstream FreeRTOS_select() way: ONE task,
 * no blocking call. One source for the host program
 * (c-tests/apps/select_http_server.c: options, control FIFO) and the
 * firmware (fw-select-tap, firmware/app/fw_main.c). The listener and every
 * connection sit in one socket set; the task sleeps in FreeRTOS_select()
 * and then looks at FreeRTOS_FD_ISSET() of each socket:
 *
 *   listener READ     accept() (RCVTIMEO 0) until it returns NULL; a child
 *                     inherits the listener's set with READ | EXCEPT
 *   client READ       read the request (RCVTIMEO 0); once the header block
 *                     is complete, answer: WRITE is added to the client's
 *                     interest until the response is queued
 *   client WRITE      send more of the response (SNDTIMEO 0)
 *   response queued   FreeRTOS_shutdown(); READ drains what the peer still
 *                     sends; EXCEPT (peer closed, eCLOSE_WAIT/eCLOSED) or
 *                     the drain time ends the connection: closesocket()
 *   client EXCEPT     earlier: the peer went away; closesocket()
 *
 * The resources are http_req.h's. More connections than uxClients are
 * accepted and closed at once (counted as refused).
 *
 * Lines for the test scripts:
 *   HTTP listening port=.. backlog=.. variant=select clients=..
 *   HTTP served peer=.. path=.. status=.. bytes=.. | HTTP closed-after-error peer=.. why=..
 *   STATS accepted=.. served=.. errors=.. refused=.. selects=..
 *
 * The platform's "app_platform.h" provides, besides what app_net.h and
 * http_req.h need: appSELECT_MAX_CLIENTS (the connection table),
 * appSELECT_STACK_WORDS (the task's stack), appHTTP_REQUEST_MAX,
 * appHTTP_CHUNK and appHTTP_SERVED_BY (see http_app.h).
 */
#ifndef SELECT_HTTP_H
#define SELECT_HTTP_H

#include <stdint.h>

#include "FreeRTOS.h"

typedef struct
{
    uint16_t usPort;
    BaseType_t xBacklog;
    UBaseType_t uxClients;  /* connections served at once, 1 .. appSELECT_MAX_CLIENTS */
    uint32_t ulRequestMs;   /* longest wait for a complete request */
    uint32_t ulDrainMs;     /* longest drain after the shutdown */
    uint32_t ulDelayMs;     /* "processing" before each response; the task
                             * serves the others meanwhile */
} SelectHttpConfig_t;

/* Creates the socket set, the listener and the server's task ("http-sel"),
 * prints "HTTP listening ...". pdFAIL (printed) if any part failed. */
BaseType_t xSelectHttpStart( const SelectHttpConfig_t * pxConfig );

/* Prints the STATS line. */
void vSelectHttpPrintStats( void );

#endif /* SELECT_HTTP_H */
