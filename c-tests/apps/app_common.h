/*
 * Start-up and helpers shared by the end-to-end applications in c-tests/apps
 * (http_server, tcp_transfer). Each application is a normal FreeRTOS+TCP V4
 * program on the FreeRTOS POSIX port, driving the Linux TAP device named by
 * $FPTCP_TAP, and written the way firmware would be written against
 * upstream FreeRTOS+TCP V4.4.1. What they share with the firmware (socket
 * helpers, the HTTP application, SHA-256) is in apps/shared; app_platform.h
 * plugs this side into it.
 *
 * An application provides:
 *   xAppParseArgs()  called from main() before the kernel starts; pdFAIL
 *                    prints the usage text (pcAppUsage) and exits with 2.
 *   vAppRun()        runs in the "app" task once the end-point is up.
 *
 * app_main.c then provides main(): it reads the addressing from the
 * environment, starts the stack with FreeRTOS_IPInit_Multi(), waits for
 * eNetworkUp, prints "APP up ..." and calls vAppRun().
 *
 * Environment (all optional; the same names as the Unity harness uses):
 *   FPTCP_IP             own address/prefix, default 192.0.2.10/24
 *   FPTCP_GW             gateway = the Linux side, default 192.0.2.1
 *   FPTCP_MAC            own MAC, default 02:00:00:00:00:10
 *   FPTCP_UP_TIMEOUT_MS  wait for eNetworkUp, default 10000
 *   FPTCP_TAP, FPTCP_TAP_DROP_PERMILLE, FPTCP_TAP_DROP_SEED: the TAP driver
 *
 * Output: every line an application prints goes through vAppPrintf() (a
 * whole line, flushed, inside a kernel critical section: on the POSIX port a
 * task must never be switched out while it holds the stdio lock). Lines that
 * the test scripts parse start with an upper-case keyword ("RESULT", "HTTP",
 * "PROBE", "NETSTAT-BEGIN", "BUFS", ...) followed by key=value pairs.
 */
#ifndef APP_COMMON_H
#define APP_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "FreeRTOS.h"
#include "task.h"
#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"

/* Priority of application tasks: below the IP task and the TAP driver. */
#define appTASK_PRIORITY    ( tskIDLE_PRIORITY + 1 )

/* ---------------------------------------------------------------- the application */

extern const char * const pcAppUsage;
BaseType_t xAppParseArgs( int argc,
                          char ** argv );
void vAppRun( void );

/* ---------------------------------------------------------------- services */

void vAppPrintf( const char * pcFormat,
                 ... ) __attribute__( ( format( printf, 1, 2 ) ) );

/* Ends the process with iStatus (from any task). */
void vAppExit( int iStatus ) __attribute__( ( noreturn ) );

/* Own address and the Linux side's address, network byte order. */
uint32_t ulAppOwnIP( void );
uint32_t ulAppPeerIP( void );

/* Monotonic wall-clock time in seconds (CLOCK_MONOTONIC). */
double dAppWallSeconds( void );

/* The deterministic byte stream every end-to-end test uses: the sequence of
 * 32-bit little-endian words w(k) = (k * 0x9E3779B1 + 0x7F4A7C15) mod 2^32,
 * k = 0, 1, 2, ...; byte i of the stream is byte (i mod 4) of w(i / 4).
 * Fills pucOut with the uxLength bytes starting at stream offset ullOffset.
 * (tests/e2e/e2e.py generates the same stream.) */
void vAppPatternFill( uint64_t ullOffset,
                      uint8_t * pucOut,
                      size_t uxLength );

/* Parses a decimal unsigned number (no sign, no trailing text) no larger
 * than ullMax. pdPASS on success. */
BaseType_t xAppParseUnsigned( const char * pcText,
                              uint64_t ullMax,
                              uint64_t * pullOut );

/* Prints, as one block:
 *   NETSTAT-BEGIN seq=<n> tick=<ticks> reason=<pcReason>
 *   ...FreeRTOS_netstat() output (printed by the IP task)...
 *   BUFS | free=%u min_ever=%u total=%u
 *   NETSTAT-END seq=<n>
 * Serialised: concurrent callers take turns. */
void vAppNetstat( const char * pcReason );

/* This library's extensions (app_ext.c, include/fptcp_extensions.h):
 * xAppPcapOpen() writes every frame in and out to a .pcap file (pdFAIL in a
 * build without ipconfigFPTCP_PCAP_CAPTURE); vAppMetrics() prints one line
 * "METRICS {json}" with the stack's and every socket's metrics. */
BaseType_t xAppPcapOpen( const char * pcPath );
void vAppMetrics( void );

/* Starts the control task. It polls the named FIFO (created by the caller
 * of the program, e.g. with mkfifo) every 20 ms; each line is a command:
 *   netstat   vAppNetstat("control")
 *   bufs      one BUFS line
 *   tapstats  the TAP driver's counters
 *   metrics   vAppMetrics()
 *   quit      prints "APP quit" and exits with status 0
 * Other lines go to pxExtra (may be NULL), else "CONTROL unknown".
 * Returns pdFAIL if the FIFO cannot be opened or the task not created. */
typedef void ( * AppControlHandler_t )( const char * pcLine );
BaseType_t xAppStartControl( const char * pcFifoPath,
                             AppControlHandler_t pxExtra );

/* Starts a task that calls vAppNetstat("periodic") every ulPeriodMs. */
BaseType_t xAppStartPeriodicNetstat( uint32_t ulPeriodMs );

#endif /* APP_COMMON_H */
