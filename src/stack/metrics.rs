//! Metrics a firmware can read from C to publish its network health
//! (`xFPTCP_GetStackMetrics`, `xFPTCP_GetSocketMetrics` in
//! include/fptcp_extensions.h): the stack's frame counters and drops by
//! reason, and per socket its state, time in state, queues and
//! retransmissions. Not in upstream; always available (reading them changes
//! nothing).
//!
//! The two structs are the `#[repr(C)]` twins of `FPTCP_StackMetrics_t` and
//! `FPTCP_SocketMetrics_t`: fixed-width fields only, so the layout is the
//! same on every target. The sizes and offsets are asserted here at compile
//! time and in C by `c-tests/abi/abi_layout.c` (both targets) and
//! `c-tests/unit/test_ext.c`.
#![forbid(unsafe_code)]

use core::mem::{offset_of, size_of};

use crate::stack::sockets::Transport;
use crate::stack::Stack;
use crate::time::{Instant, TickRate};

/// `FPTCP_StackMetrics_t`.
#[allow(non_snake_case)]
#[repr(C)]
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct StackMetrics {
    pub ulFramesIn: u32,
    pub ulFramesOut: u32,
    /// Received frames dropped, by reason.
    pub ulDroppedMalformed: u32,
    pub ulDroppedChecksum: u32,
    pub ulDroppedNotForUs: u32,
    pub ulDroppedUnsupported: u32,
    pub ulDroppedFragments: u32,
    pub ulDroppedMartian: u32,
    pub ulDroppedUdpNoSocket: u32,
    pub ulDroppedUdpQueueFull: u32,
    /// Frames not sent for want of a network buffer.
    pub ulTxNoBuffer: u32,
    pub ulTcpResetsSent: u32,
    pub ulTcpBacklogRefusals: u32,
    pub ulTcpChildNoMemory: u32,
    pub ulArpConflicts: u32,
    /// Sockets closed by `ipconfigFPTCP_CLOSE_WAIT_TIMEOUT_MS`.
    pub ulCloseWaitReaped: u32,
    pub ulTcpSockets: u32,
    pub ulUdpSockets: u32,
    /// Network buffers: in the pool, free now, fewest ever free.
    pub ulBuffersTotal: u32,
    pub ulBuffersFree: u32,
    pub ulBuffersMinimumFree: u32,
    /// Bytes of kernel heap the library's allocations hold (sockets,
    /// streams, tables; not the network buffers).
    pub ulHeapUsed: u32,
}

/// `FPTCP_SocketMetrics_t`.
#[allow(non_snake_case)]
#[repr(C)]
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct SocketMetrics {
    /// The remote IPv4 address in network byte order (0 when none), as
    /// `struct freertos_sockaddr` holds it.
    pub ulRemoteAddress: u32,
    /// Host byte order; 0 while unbound.
    pub usLocalPort: u16,
    pub usRemotePort: u16,
    /// `FREERTOS_IPPROTO_TCP` (6) or `FREERTOS_IPPROTO_UDP` (17).
    pub ucProtocol: u8,
    /// TCP: the `eIPTCPState_t` value `FreeRTOS_connstatus()` returns; UDP: 0.
    pub ucState: u8,
    /// Listener: children counted against the backlog, and the backlog.
    pub usChildCount: u16,
    pub usBacklog: u16,
    pub usReserved: u16,
    /// TCP: milliseconds in the current state (as the IP task saw it).
    pub ulMsInState: u32,
    /// TCP: milliseconds since the application's last call on the socket;
    /// `FPTCP_METRICS_NO_CALL` (0xffffffff) when it never made one.
    pub ulMsSinceApplicationCall: u32,
    /// TCP: bytes waiting to be read, and bytes in the TX stream (queued or
    /// unacknowledged). UDP: datagrams waiting, 0.
    pub ulRxQueued: u32,
    pub ulTxQueued: u32,
    /// TCP: segments sent again (sequence space sent before).
    pub ulRetransmissions: u32,
}

/// `FPTCP_METRICS_NO_CALL`.
pub const NO_CALL: u32 = u32::MAX;

// The layout C sees (include/fptcp_extensions.h); c-tests assert the same.
const _: () = {
    assert!(size_of::<StackMetrics>() == 22 * 4);
    assert!(offset_of!(StackMetrics, ulFramesIn) == 0);
    assert!(offset_of!(StackMetrics, ulDroppedMalformed) == 8);
    assert!(offset_of!(StackMetrics, ulTxNoBuffer) == 40);
    assert!(offset_of!(StackMetrics, ulCloseWaitReaped) == 60);
    assert!(offset_of!(StackMetrics, ulBuffersTotal) == 72);
    assert!(offset_of!(StackMetrics, ulHeapUsed) == 84);
    assert!(size_of::<SocketMetrics>() == 36);
    assert!(offset_of!(SocketMetrics, ulRemoteAddress) == 0);
    assert!(offset_of!(SocketMetrics, usLocalPort) == 4);
    assert!(offset_of!(SocketMetrics, usRemotePort) == 6);
    assert!(offset_of!(SocketMetrics, ucProtocol) == 8);
    assert!(offset_of!(SocketMetrics, ucState) == 9);
    assert!(offset_of!(SocketMetrics, usChildCount) == 10);
    assert!(offset_of!(SocketMetrics, usBacklog) == 12);
    assert!(offset_of!(SocketMetrics, usReserved) == 14);
    assert!(offset_of!(SocketMetrics, ulMsInState) == 16);
    assert!(offset_of!(SocketMetrics, ulMsSinceApplicationCall) == 20);
    assert!(offset_of!(SocketMetrics, ulRxQueued) == 24);
    assert!(offset_of!(SocketMetrics, ulTxQueued) == 28);
    assert!(offset_of!(SocketMetrics, ulRetransmissions) == 32);
};

/// Ticks as milliseconds, with 32-bit divisions only (see `TickRate::ms`).
fn millis(ticks: u32, rate: TickRate) -> u32 {
    let hz = rate.ms(1000).ticks().max(1);
    (ticks / hz).saturating_mul(1000).saturating_add((ticks % hz).saturating_mul(1000) / hz)
}

impl Stack {
    /// The stack's part of `FPTCP_StackMetrics_t` (the caller adds the
    /// buffer pool's and the heap's figures).
    pub fn stack_metrics(&self) -> StackMetrics {
        let c = &self.counters;
        let mut m = StackMetrics {
            ulFramesIn: c.rx_frames,
            ulFramesOut: c.tx_frames,
            ulDroppedMalformed: c.rx_malformed,
            ulDroppedChecksum: c.rx_bad_checksum,
            ulDroppedNotForUs: c.rx_not_for_us,
            ulDroppedUnsupported: c.rx_unsupported,
            ulDroppedFragments: c.rx_fragments,
            ulDroppedMartian: c.rx_martian,
            ulDroppedUdpNoSocket: c.udp_no_socket,
            ulDroppedUdpQueueFull: c.udp_queue_full,
            ulTxNoBuffer: c.tx_dropped_no_buffer,
            ulTcpResetsSent: c.tcp_resets_sent,
            ulTcpBacklogRefusals: c.tcp_backlog_refusals,
            ulTcpChildNoMemory: c.tcp_child_no_memory,
            ulArpConflicts: c.arp_conflicts,
            ulCloseWaitReaped: self.ext.close_wait_reaped,
            ..StackMetrics::default()
        };
        for (_, s) in self.sockets.iter().filter(|(_, s)| !s.closing) {
            match s.transport {
                Transport::Tcp(_) => m.ulTcpSockets += 1,
                Transport::Udp(_) => m.ulUdpSockets += 1,
            }
        }
        m
    }

    /// Calls `each` with the metrics of every socket the application may
    /// still use (not closing), in slot order.
    pub fn socket_metrics(&self, now: Instant, mut each: impl FnMut(SocketMetrics)) {
        let rate = self.cfg.tick_rate;
        for (_, s) in self.sockets.iter().filter(|(_, s)| !s.closing) {
            let mut m = SocketMetrics { usLocalPort: s.port().unwrap_or(0), ..SocketMetrics::default() };
            match &s.transport {
                Transport::Tcp(t) => {
                    let remote = t.tcb.remote();
                    // The C struct has an IPv4 field: another family shows as 0.0.0.0.
                    m.ulRemoteAddress = remote.addr.as_v4().map_or(0, |a| u32::from_ne_bytes(a.0));
                    m.usRemotePort = remote.port;
                    m.ucProtocol = 6;
                    m.ucState = t.tcb.state() as u8;
                    m.usChildCount = t.child_count;
                    m.usBacklog = t.backlog;
                    m.ulMsInState = millis(t.ext.track.state_age(now), rate);
                    m.ulMsSinceApplicationCall = t.ext.track.call_age(now).map_or(NO_CALL, |a| millis(a, rate).min(NO_CALL - 1));
                    m.ulRxQueued = t.tcb.rx_len().min(u32::MAX as usize) as u32;
                    m.ulTxQueued = t.tcb.tx_len().min(u32::MAX as usize) as u32;
                    m.ulRetransmissions = t.ext.track.retransmissions();
                }
                Transport::Udp(u) => {
                    m.ucProtocol = 17;
                    m.ulRxQueued = u.queued().min(u32::MAX as usize) as u32;
                }
            }
            each(m);
        }
    }
}
