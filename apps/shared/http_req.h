/*
 * What the three HTTP servers (http_app.c: a task per connection;
 * select_http.c: one task with FreeRTOS_select(); http_callbacks_app.c:
 * socket callbacks only) share about HTTP itself: reading the request,
 * choosing the answer and cutting it into pieces for FreeRTOS_send(). No
 * socket calls here: how the bytes move is each server's own business.
 *
 * The resources:
 *   GET /          the server's index page (text/html)
 *   GET /bytes/N   N bytes of the deterministic test stream
 *                  (application/octet-stream), 0 <= N <= 1 GiB
 *   GET other      404, body "not found\n"
 *   not "GET <path> HTTP/1.x"          400, no body
 *   no complete header block fits      431, no body
 * Every answer is HTTP/1.0 with Content-Length and "Connection: close".
 *
 * 32-bit numbers only (newlib-nano's printf has no %llu).
 */
#ifndef HTTP_REQ_H
#define HTTP_REQ_H

#include <stddef.h>
#include <stdint.h>

#include "FreeRTOS.h"

/* The largest N of /bytes/N. */
#define httpMAX_BYTES     ( 1024UL * 1024UL * 1024UL )
#define httpHEADER_MAX    192U
#define httpPATH_MAX      48U

typedef struct
{
    uint32_t ulStatus;
    const char * pcBody;          /* NULL: the test stream */
    uint32_t ulBodyLength;
    char cHeader[ httpHEADER_MAX ];
    size_t uxHeaderLength;
    size_t uxHeaderSent;          /* progress, see vHttpAnswerSent() */
    uint32_t ulBodySent;
    char cPath[ httpPATH_MAX ];   /* the path for the log ("-" if none) */
} HttpAnswer_t;

/* Index just past the header block ("\r\n\r\n" or "\n\n") in pcBuf, 0 while
 * it is incomplete. */
size_t uxHttpHeaderEnd( const char * pcBuf,
                        size_t uxLen );

/* Prepares the answer to the NUL-terminated request pcRequest (its header
 * block; xTooLarge: none was complete within the server's buffer, 431).
 * pcIndexPage is what GET / returns. Nothing sent yet. */
void vHttpPlanAnswer( HttpAnswer_t * pxAnswer,
                      const char * pcRequest,
                      BaseType_t xTooLarge,
                      const char * pcIndexPage );

/* The next bytes of the answer, at most uxMax: sets *ppucData and returns
 * their count, 0 once everything was sent. Bytes of the test stream are
 * generated into pucScratch (uxMax bytes). Call vHttpAnswerSent() with what
 * FreeRTOS_send() took (it may be fewer). */
size_t uxHttpAnswerNext( const HttpAnswer_t * pxAnswer,
                         uint8_t * pucScratch,
                         size_t uxMax,
                         const uint8_t ** ppucData );
void vHttpAnswerSent( HttpAnswer_t * pxAnswer,
                      size_t uxSent );

/* pdTRUE once every byte of the answer was sent. */
BaseType_t xHttpAnswerDone( const HttpAnswer_t * pxAnswer );

#endif /* HTTP_REQ_H */
