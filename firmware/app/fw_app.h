/*
 * The firmware application for the mps2-an386 board (see firmware/README.md):
 * the same HTTP application as the host demo (apps/shared/http_app.c, also
 * compiled into c-tests/apps/http_server), plus a control port and two
 * bulk-transfer ports for the tests. app_platform.h plugs the firmware into
 * the shared code (apps/shared).
 *
 * Build-time selection (compiler definitions; firmware/Makefile makes one
 * image per combination it needs):
 *   FW_HTTP_BAD=0|1    HTTP close handling: 0 = "good" (the recommended
 *                      pattern), 1 = "bad" (the K63F pattern: a handler whose
 *                      recv()/send() fails forgets the socket without
 *                      FreeRTOS_closesocket(); 2000-tick processing delay)
 *   FW_NET_SLIRP=0|1   addressing: 0 = 192.0.2.15/24, gateway 192.0.2.1 (a
 *                      TAP in a test namespace); 1 = 10.0.2.15/24, gateway
 *                      10.0.2.2 (QEMU user-mode networking, the demo)
 *   FW_NET_DHCP=0|1    1 = the end-point wants DHCP (bWantDHCP); the
 *                      addresses above are then only the fallback
 *   FW_NETSTAT_MS=N    also print a netstat every N ms (0 = only on request)
 *   FW_HTTP_STYLE=0|1|2  how the server on port 80 is written (the same
 *                      resources each): 0 = an accept task and a task per
 *                      connection (apps/shared/http_app.c, FW_HTTP_BAD
 *                      applies), 1 = ONE task with FreeRTOS_select()
 *                      (apps/shared/select_http.c), 2 = socket callbacks
 *                      only, in the IP task (apps/shared/http_callbacks_app.c)
 *
 * Ports:
 *   80    HTTP/1.0: GET / (HTML page), GET /bytes/N (N bytes of the
 *         deterministic stream), else 404 / 400; backlog 3
 *   9000  control: one command line per connection, one reply line, then
 *         the firmware closes: "netstat", "stats", "send N",
 *         "resolve NAME" (FreeRTOS_gethostbyname), "metrics"
 *         (xFPTCP_GetStackMetrics/xFPTCP_GetSocketMetrics), "quit"
 *   9001  receive: reads everything until the peer closes, prints
 *         "RESULT role=server dir=recv ... sha256=..."
 *   9002  send: sends N bytes of the stream (default 4 MiB, "send N" on the
 *         control port changes it), closes gracefully, prints RESULT
 *
 * UART lines the tests parse start with an upper-case keyword (APP, HTTP,
 * DHCP, DNS, RESULT, NETSTAT-BEGIN/END, BUFS, HEAP, STATS, LAN9118, CONTROL,
 * METRICS, METRICS-SOCKET, PCAP).
 */
#ifndef FW_APP_H
#define FW_APP_H

#include <stddef.h>
#include <stdint.h>

#include "FreeRTOS.h"
#include "task.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"

#ifndef FW_HTTP_BAD
    #define FW_HTTP_BAD    0
#endif

#ifndef FW_NET_SLIRP
    #define FW_NET_SLIRP    0
#endif

#ifndef FW_NET_DHCP
    #define FW_NET_DHCP    0
#endif

#define fwHTTP_TASKS        0
#define fwHTTP_SELECT       1
#define fwHTTP_CALLBACKS    2

#ifndef FW_HTTP_STYLE
    #define FW_HTTP_STYLE    fwHTTP_TASKS
#endif

#ifndef FW_NETSTAT_MS
    #define FW_NETSTAT_MS    0
#endif

/* Application tasks run below the IP task and the driver's task. */
#define fwTASK_PRIORITY         ( tskIDLE_PRIORITY + 1 )

#define fwHTTP_PORT             80U
#define fwCONTROL_PORT          9000U
#define fwRECV_PORT             9001U
#define fwSEND_PORT             9002U

/* FreeRTOS_printf's target (board.c). */
void vLoggingPrintf( const char * pcFormat,
                     ... ) __attribute__( ( format( printf, 1, 2 ) ) );

/* The deterministic test stream shared with the host applications and
 * tests/e2e/e2e.py: 32-bit little-endian words
 * w(k) = (k * 0x9E3779B1 + 0x7F4A7C15) mod 2^32; byte i of the stream is
 * byte (i mod 4) of w(i / 4). Fills pucOut with the bytes at
 * [ulOffset, ulOffset + uxLength). */
void vFwPatternFill( uint32_t ulOffset,
                     uint8_t * pucOut,
                     size_t uxLength );

/* Prints one netstat block and returns its sequence number:
 *   NETSTAT-BEGIN seq=<n> tick=<t> reason=<r>
 *   ...FreeRTOS_netstat() (printed by the IP task)...
 *   BUFS | free=.. min_ever=.. total=..
 *   HEAP free=.. min_ever=.. malloc_failures=..
 *   NETSTAT-END seq=<n> */
uint32_t ulFwNetstat( const char * pcReason );

/* ipconfigFPTCP_PCAP_CAPTURE (fw_pcap.c): streams every frame in and out to
 * "fptcp-capture.pcap" on the host over semihosting; nothing without the
 * option. Call before FreeRTOS_IPInit_Multi(). */
void vFwPcapStart( void );

/* The HTTP server FW_HTTP_STYLE chooses (fw_main.c): start it, print its
 * STATS line. */
BaseType_t xFwHttpStart( void );
void vFwHttpPrintStats( void );

/* The test services (fw_services.c); pdFAIL if they could not start. The
 * HTTP application is apps/shared/http_app.h. */
BaseType_t xFwServicesStart( void );

#endif /* FW_APP_H */
