/*
 * fptcp_extensions.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * What this library offers beyond upstream (issue #10). Nothing here changes
 * what an upstream application sees: every option is off by default, and the
 * functions are new names that upstream does not have. COMPAT.md ("Options
 * of this library", "Functions of this library") describes each one.
 *
 * Options (define them in FreeRTOSIPConfig.h; the defaults below apply
 * otherwise, and the library is built with the same values):
 *
 *   ipconfigFPTCP_SHUTDOWN_HONOURS_HOW     0: FreeRTOS_shutdown() ignores
 *       xHow, as upstream. 1: FREERTOS_SHUT_WR and FREERTOS_SHUT_RDWR are
 *       upstream's graceful close; FREERTOS_SHUT_RD sends nothing, throws
 *       away received data (queued and arriving) and makes FreeRTOS_recv()
 *       return -pdFREERTOS_ERRNO_ENOTCONN; another xHow is -EINVAL.
 *
 *   ipconfigFPTCP_CLOSE_WAIT_TIMEOUT_MS    0: off. N: a TCP socket in
 *       eCLOSE_WAIT on which the application has called nothing for N ms is
 *       closed by the stack, and its backlog slot freed; the application's
 *       later calls on the handle get the stale-handle result
 *       (-pdFREERTOS_ERRNO_EINVAL for most calls, COMPAT.md "handles").
 *
 *   ipconfigFPTCP_NETSTAT_DIAGNOSTICS      0: off. 1: FreeRTOS_netstat()
 *       prints, after upstream's lines (unchanged), each TCP socket's time in
 *       its state and the application's last call on it, and a
 *       plain-language line for a listener whose backlog is full of children
 *       in eCLOSE_WAIT.
 */

#include "FreeRTOS_IP.h"

#ifndef FPTCP_EXTENSIONS_H
#define FPTCP_EXTENSIONS_H

#ifndef ipconfigFPTCP_SHUTDOWN_HONOURS_HOW
    #define ipconfigFPTCP_SHUTDOWN_HONOURS_HOW    0
#endif

#ifndef ipconfigFPTCP_CLOSE_WAIT_TIMEOUT_MS
    #define ipconfigFPTCP_CLOSE_WAIT_TIMEOUT_MS    0
#endif

#ifndef ipconfigFPTCP_NETSTAT_DIAGNOSTICS
    #define ipconfigFPTCP_NETSTAT_DIAGNOSTICS    0
#endif

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* FPTCP_EXTENSIONS_H */
