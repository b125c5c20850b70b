/*
 * The HTTP/1.0 server written only with socket callbacks
 * (ipconfigUSE_CALLBACKS), the way an upstream FreeRTOS+TCP application
 * can be: no task per connection, no blocking call. One source for the
 * host program (c-tests/apps/http_callbacks.c: options, control FIFO) and
 * the firmware (fw-callbacks-tap, firmware/app/fw_main.c). Everything
 * happens in the handlers, which the IP task calls:
 *
 *   connected(listener, 1)  accept() the new child (non-blocking there)
 *   receive(child, data)    collect the request; once complete, answer
 *   sent(child, n)          TX space came free: send more of the answer
 *   connected(child, 0)     the connection ended: closesocket()
 *
 * The resources are http_req.h's. The answer is sent as TX space allows,
 * then the connection is shut down (FIN after the last byte).
 *
 * Lines for the test scripts:
 *   HTTPCB listening port=<p> backlog=<b>
 *   HTTPCB served path=<path> status=<code> bytes=<body bytes>
 *   HTTPCB closed open=<connections still open>
 *   HTTPCB error <what>
 *   STATS served=.. closed=.. open=.. errors=..
 *
 * The platform's "app_platform.h" provides, besides what http_req.h needs:
 * appHTTPCB_MAX_CONNECTIONS (the connection table), appHTTP_REQUEST_MAX,
 * appHTTP_CHUNK and appHTTP_SERVED_BY (see http_app.h).
 */
#ifndef HTTP_CALLBACKS_APP_H
#define HTTP_CALLBACKS_APP_H

#include <stdint.h>

#include "FreeRTOS.h"

/* Creates the listener with the three handlers and prints "HTTPCB
 * listening ...". pdFAIL (printed) if any part failed. */
BaseType_t xHttpCallbacksStart( uint16_t usPort,
                                BaseType_t xBacklog );

/* Prints the STATS line. */
void vHttpCallbacksPrintStats( void );

#endif /* HTTP_CALLBACKS_APP_H */
