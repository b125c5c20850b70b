/*
 * TCP/IP configuration for the host builds (POSIX port, Linux TAP driver).
 *
 * IPv4 only, static addresses, TCP with sliding windows; every option not
 * named here keeps the upstream V4.4.1 default (FreeRTOSIPConfigDefaults.h):
 * 1500-byte MTU, MSS 1460, 4 x MSS stream buffers, hang protection on,
 * keep-alive off, and so on.
 *
 * The legacy twin in ../posix-legacy includes this file after setting
 * ipconfigIPv4_BACKWARD_COMPATIBLE to 1; that is the only difference.
 */
#ifndef FREERTOS_IP_CONFIG_H
#define FREERTOS_IP_CONFIG_H

#include <stdio.h>

/* ------------------------------------------------------------ API flavour */
#ifndef ipconfigIPv4_BACKWARD_COMPATIBLE
    #define ipconfigIPv4_BACKWARD_COMPATIBLE    0
#endif

/* ------------------------------------------------------------ protocols */
#define ipconfigUSE_IPv4                        1
#define ipconfigUSE_IPv6                        0
#define ipconfigUSE_RA                          0
#ifndef ipconfigUSE_DHCP /* ../posix-dhcp sets it to 1 */
    #define ipconfigUSE_DHCP                    0
#endif
#define ipconfigUSE_DNS                         1
#ifndef ipconfigUSE_TCP
    #define ipconfigUSE_TCP                     1
#endif
#define ipconfigUSE_TCP_WIN                     1

/* DNS (test_api_dns): 1 s per attempt instead of 5, so the tests of a
 * silent or hostile server take 5 s per lookup instead of 25. */
#define ipconfigDNS_RECEIVE_BLOCK_TIME_TICKS    pdMS_TO_TICKS( 1000 )
#define ipconfigDNS_USE_CALLBACKS               1
/* Up to 3 addresses per name, handed out in turn (test_api_dns asks for a
 * name with 4). */
#define ipconfigDNS_CACHE_ADDRESSES_PER_ENTRY   3

/* FreeRTOS_select() and FreeRTOS_SignalSocket() (test_api_select and the
 * select() HTTP server, c-tests/apps/select_http_server.c). */
#define ipconfigSUPPORT_SELECT_FUNCTION         1
#define ipconfigSUPPORT_SIGNALS                 1

/* Socket callbacks, user semaphore and wake callback (test_api_callbacks,
 * the callback HTTP server). */
#define ipconfigUSE_CALLBACKS                   1
#define ipconfigSOCKET_HAS_USER_SEMAPHORE       1
#define ipconfigSOCKET_HAS_USER_WAKE_CALLBACK   1

/* ------------------------------------------------------------ platform */
#define ipconfigBYTE_ORDER                      pdFREERTOS_LITTLE_ENDIAN
#define ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS  64

/* ------------------------------------------------------------ hooks */
#define ipconfigUSE_NETWORK_EVENT_HOOK          1

/* ------------------------------------------------------------ logging
 * One FreeRTOS_printf() call is written and flushed inside a kernel critical
 * section. On the POSIX port a critical section blocks the tick signal for
 * the calling task, so no task can be switched out while it holds the stdio
 * lock; otherwise a higher-priority task calling printf() would wait forever
 * on a lock whose owner the scheduler never resumes. Call it from FreeRTOS
 * tasks (or from main() before the scheduler starts), not from plain
 * pthreads. */
#define ipconfigHAS_PRINTF                      1
#define ipconfigHAS_DEBUG_PRINTF                0

#define FreeRTOS_printf( X )      \
    do {                          \
        portENTER_CRITICAL();     \
        ( void ) printf X;        \
        ( void ) fflush( stdout ); \
        portEXIT_CRITICAL();      \
    } while( 0 )

#endif /* FREERTOS_IP_CONFIG_H */
