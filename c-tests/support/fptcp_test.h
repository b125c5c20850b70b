/*
 * The C test harness: what a Unity test file gets from c-tests/support/.
 *
 * A test program is one test file plus the harness. The harness's main()
 * (test_main.c) brings the stack up on the TAP device named by $FPTCP_TAP,
 * with a static address, waits for eNetworkUp, then runs vRunTests() in a
 * FreeRTOS task between UNITY_BEGIN() and UNITY_END(), and exits the process
 * with Unity's failure count (0 = all passed). Test programs are run by ctest
 * through c-tests/support/run-in-netns.sh, which supplies the namespace and
 * the TAP device.
 *
 * A test file defines vRunTests() (a list of RUN_TEST() calls) and may define
 * setUp()/tearDown(); the harness supplies empty weak ones.
 *
 * Environment (all optional):
 *   FPTCP_IP               our address and prefix, default 192.0.2.10/24
 *   FPTCP_GW               gateway = the Linux side, default 192.0.2.1
 *   FPTCP_MAC              our MAC address, default 02:00:00:00:00:10
 *   FPTCP_UP_TIMEOUT_MS    how long to wait for eNetworkUp, default 10000
 *   FPTCP_TAP, FPTCP_TAP_DROP_PERMILLE, FPTCP_TAP_DROP_SEED: see the TAP driver
 *
 * Printing: tasks must not call printf() directly. On the POSIX port a task
 * can be switched out while it holds the stdio lock, and a higher-priority
 * task that then prints waits for ever. Use vFptcpTestPrintf() or
 * FreeRTOS_printf(); both print inside a kernel critical section. The same
 * holds for any libc call that takes a lock: allocate with pvPortMalloc()
 * (heap_3 calls malloc() with the scheduler suspended), not malloc().
 */
#ifndef FPTCP_TEST_H
#define FPTCP_TEST_H

#include <stddef.h>
#include <stdint.h>

#include "FreeRTOS.h"
#include "task.h"
#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"
#include "FreeRTOS_Routing.h"

#include "unity.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Defined by each test file: the RUN_TEST() calls. Runs in the "unity" task
 * (priority tskIDLE_PRIORITY + 1) once the network is up. */
void vRunTests( void );

/* Our IPv4 address, netmask and the Linux side's address (= gateway), in
 * network byte order, as configured from the environment. */
uint32_t ulFptcpTestOwnIP( void );
uint32_t ulFptcpTestNetMask( void );
uint32_t ulFptcpTestPeerIP( void );

/* The end-point the harness created (also the one in the legacy build). */
NetworkEndPoint_t * pxFptcpTestEndPoint( void );

/* The network event hook's calls so far (eNetworkUp, eNetworkDown). */
extern volatile uint32_t ulFptcpTestNetworkUps;
extern volatile uint32_t ulFptcpTestNetworkDowns;

/* printf() that is safe in FreeRTOS tasks (see above). */
void vFptcpTestPrintf( const char * pcFormat,
                       ... ) __attribute__( ( format( printf, 1, 2 ) ) );

/* Unity's output function (UNITY_OUTPUT_CHAR): collects a line, writes it
 * inside a critical section. */
void vFptcpTestPutChar( int c );

/* The tick trace (FPTCP_TEST_TICK_TRACE, hooks.c): from now on, count the
 * ticks at which FreeRTOS runs xTask or xOther (ulFptcpTestTicksRunning)
 * among all ticks (ulFptcpTestTicksAll); both start at 0. xTask NULL stops
 * counting; xOther may be NULL. */
void vFptcpTestWatchTasks( TaskHandle_t xTask,
                           TaskHandle_t xOther );
extern volatile uint32_t ulFptcpTestTicksRunning;
extern volatile uint32_t ulFptcpTestTicksAll;

/* Hooks module (hooks.c): draws the ISN key. main() calls it first. */
void vFptcpHooksInit( void );

/* SipHash-2-4 (used for the RFC 6528 ISN; exposed for tests). */
uint64_t ullFptcpSipHash24( uint64_t k0,
                            uint64_t k1,
                            const uint8_t * pucData,
                            size_t uxLength );

#ifdef __cplusplus
}
#endif

#endif /* FPTCP_TEST_H */
