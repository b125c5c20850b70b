/*
 * The example application, shared by examples/mps2-an386 and examples/posix:
 * a TCP echo server (port 7) started when the network comes up. Plain
 * FreeRTOS+TCP V4 API only, so it builds unchanged against upstream
 * FreeRTOS+TCP V4.4.1 and against this library.
 */
#ifndef ECHO_SERVER_H
#define ECHO_SERVER_H

#include <stdint.h>

#include "FreeRTOS.h"

#define echoPORT    7U

/* The platform's console output (printf-like, one line per call). */
void vExamplePrintf( const char * pcFormat,
                     ... ) __attribute__( ( format( printf, 1, 2 ) ) );

/* Random numbers for the stack (xApplicationGetRandomNumber and the initial
 * sequence numbers); the platform supplies them. */
uint32_t ulExampleRandom( void );

#endif /* ECHO_SERVER_H */
