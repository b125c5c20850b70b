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
 *
 *   ipconfigFPTCP_METRICS                  0: off. 1: xFPTCP_GetStackMetrics()
 *       and xFPTCP_GetSocketMetrics() exist; sockets record their time in
 *       state, the application's last call and their retransmissions (also
 *       recorded when the reaper or the diagnostics are on). With all three
 *       off, none of it is compiled in (recording costs about 1.4 KB of flash
 *       and 32 bytes of heap per TCP socket).
 *
 *   ipconfigFPTCP_KEEP_ALIVE_PROBES        4 (upstream's fixed count). With
 *       ipconfigTCP_KEEP_ALIVE 1: unanswered keep-alive probes after which
 *       a connection is given up (eCLOSE_WAIT); 1 to 255.
 *   ipconfigFPTCP_KEEP_ALIVE_PROBE_INTERVAL_MS   3000 (upstream's fixed
 *       spacing). Time between probes once the first went unanswered, and
 *       from the last to giving up. A dead peer is detected within
 *       ipconfigTCP_KEEP_ALIVE_INTERVAL s + PROBES x PROBE_INTERVAL_MS ms
 *       of its last sign of life; 1 to 3600000.
 *
 *   ipconfigFPTCP_PCAP_CAPTURE             0: off. 1: vFPTCP_SetPcapHook()
 *       exists; every frame received or sent is handed to the hook as a pcap
 *       record, so a capture can be written to a file (host) or streamed out
 *       of a board and opened in Wireshark.
 *
 * Functions (the library has no such symbol without its option):
 *
 *   xFPTCP_GetStackMetrics()   ipconfigFPTCP_METRICS: the stack's counters,
 *                              buffers and heap
 *   xFPTCP_GetSocketMetrics()  ipconfigFPTCP_METRICS: per socket: state, time
 *                              in state, queues, retransmissions, the
 *                              application's last call
 *   vFPTCP_SetPcapHook()       ipconfigFPTCP_PCAP_CAPTURE
 *   uxFPTCP_PcapFileHeader()   (always) the 24-byte header of a .pcap file
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

#ifndef ipconfigFPTCP_PCAP_CAPTURE
    #define ipconfigFPTCP_PCAP_CAPTURE    0
#endif

#ifndef ipconfigFPTCP_KEEP_ALIVE_PROBES
    #define ipconfigFPTCP_KEEP_ALIVE_PROBES    4
#endif

#ifndef ipconfigFPTCP_KEEP_ALIVE_PROBE_INTERVAL_MS
    #define ipconfigFPTCP_KEEP_ALIVE_PROBE_INTERVAL_MS    3000
#endif

#ifndef ipconfigFPTCP_METRICS
    #define ipconfigFPTCP_METRICS    0
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------ metrics
 * Fixed-width fields only: the layout is the same on every target (88 and
 * 36 bytes; c-tests/abi/abi_layout.c and the Rust twins in
 * src/stack/metrics.rs assert every offset). Counters wrap at 2^32. */

typedef struct xFPTCP_STACK_METRICS
{
    uint32_t ulFramesIn;            /* frames the drivers handed to the stack */
    uint32_t ulFramesOut;           /* frames handed to the drivers */
    /* Received frames dropped, by reason: */
    uint32_t ulDroppedMalformed;    /* truncated or malformed headers */
    uint32_t ulDroppedChecksum;     /* checksum errors (IP, ICMP, TCP, UDP) */
    uint32_t ulDroppedNotForUs;     /* another address, no end-point */
    uint32_t ulDroppedUnsupported;  /* protocols and options not handled */
    uint32_t ulDroppedFragments;    /* IP fragments (not reassembled) */
    uint32_t ulDroppedMartian;      /* impossible sources, spoofed ARP */
    uint32_t ulDroppedUdpNoSocket;  /* UDP for a port nobody is bound to */
    uint32_t ulDroppedUdpQueueFull; /* UDP over a socket's or the stack's limit */
    uint32_t ulTxNoBuffer;          /* frames not sent: no network buffer */
    uint32_t ulTcpResetsSent;
    uint32_t ulTcpBacklogRefusals;  /* SYNs refused: backlog full */
    uint32_t ulTcpChildNoMemory;    /* SYNs refused: no heap for the child */
    uint32_t ulArpConflicts;        /* ARP that would have moved a known host */
    uint32_t ulCloseWaitReaped;     /* ipconfigFPTCP_CLOSE_WAIT_TIMEOUT_MS */
    uint32_t ulTcpSockets;          /* sockets the application may use */
    uint32_t ulUdpSockets;
    uint32_t ulBuffersTotal;        /* network buffer descriptors */
    uint32_t ulBuffersFree;
    uint32_t ulBuffersMinimumFree;  /* fewest ever free */
    uint32_t ulHeapUsed;            /* bytes of heap the library's own
                                     * allocations hold (sockets, streams,
                                     * tables; not the network buffers) */
} FPTCP_StackMetrics_t;

/* ulMsSinceApplicationCall of a socket the application never called. */
#define FPTCP_METRICS_NO_CALL    0xffffffffUL

typedef struct xFPTCP_SOCKET_METRICS
{
    uint32_t ulRemoteAddress;          /* network byte order; 0 when none */
    uint16_t usLocalPort;              /* host byte order; 0 while unbound */
    uint16_t usRemotePort;             /* host byte order */
    uint8_t ucProtocol;                /* FREERTOS_IPPROTO_TCP or _UDP */
    uint8_t ucState;                   /* TCP: eIPTCPState_t; UDP: 0 */
    uint16_t usChildCount;             /* listener: children in the backlog */
    uint16_t usBacklog;                /* listener: the backlog */
    uint16_t usReserved;
    uint32_t ulMsInState;              /* TCP: time in the current state */
    uint32_t ulMsSinceApplicationCall; /* TCP: or FPTCP_METRICS_NO_CALL */
    uint32_t ulRxQueued;               /* TCP: bytes to read; UDP: datagrams */
    uint32_t ulTxQueued;               /* TCP: bytes queued or unacknowledged */
    uint32_t ulRetransmissions;        /* TCP: segments sent again */
} FPTCP_SocketMetrics_t;

/* With ipconfigFPTCP_METRICS 1 only (the library has no such symbol
 * otherwise). Fills *pxMetrics. pdPASS, or pdFAIL for NULL or before
 * FreeRTOS_IPInit_Multi(). Takes the stack's lock for a moment; call it
 * from a task, not from an interrupt or a hook of the stack. */
BaseType_t xFPTCP_GetStackMetrics( FPTCP_StackMetrics_t * pxMetrics );

/* With ipconfigFPTCP_METRICS 1 only. Fills up to xMaxSockets entries of
 * pxSockets (slot order) and returns the
 * number of sockets the application may use, which is more than xMaxSockets
 * when the array was too short (pass NULL, 0 to count).
 * -pdFREERTOS_ERRNO_EINVAL for NULL with xMaxSockets > 0, a negative
 * xMaxSockets, or before FreeRTOS_IPInit_Multi(). */
BaseType_t xFPTCP_GetSocketMetrics( FPTCP_SocketMetrics_t * pxSockets,
                                    BaseType_t xMaxSockets );

/* ------------------------------------------------------------ capture */

/* One frame as a pcap record: pucRecordHeader points to the 16-byte record
 * header (ts_sec, ts_usec, incl_len, orig_len; this machine's byte order,
 * time since the scheduler started), pucFrame to the uxFrameLength bytes of
 * the Ethernet frame. Called from the IP task (or a task sending under the
 * stack's lock) with the lock held: copy what is needed and return; never
 * call the FreeRTOS+TCP API from it. */
typedef void ( * FPTCP_PcapHook_t )( void * pvContext,
                                     const uint8_t * pucRecordHeader,
                                     const uint8_t * pucFrame,
                                     size_t uxFrameLength );

/* With ipconfigFPTCP_PCAP_CAPTURE 1 only (the library has no such symbol
 * otherwise): sets the hook (NULL: stop) and the context it gets. */
void vFPTCP_SetPcapHook( FPTCP_PcapHook_t pxHook,
                         void * pvContext );

/* Writes the 24-byte pcap file header (magic 0xa1b2c3d4 in this machine's
 * byte order, version 2.4, snaplen 65535, LINKTYPE_ETHERNET) into pucBuffer;
 * returns 24, or 0 when pucBuffer is NULL or uxLength < 24. */
size_t uxFPTCP_PcapFileHeader( uint8_t * pucBuffer,
                               size_t uxLength );

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* FPTCP_EXTENSIONS_H */
