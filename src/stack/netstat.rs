//! `FreeRTOS_netstat()` output, in upstream's exact format (reference §4):
//!
//! ```text
//! Prot Port IP-Remote       : Port  R/T Status       Alive  tmout Child
//! TCP %5d %-32s:%5d %d/%d %-13.13s %6u %6u%s
//! UDP Port %5u
//! FreeRTOS_netstat: %d sockets %u < %u < %u buffers free
//! ```
//!
//! COMPAT: upstream formats the remote address with the `%xip` extension of
//! FreeRTOS's own printf, which prints a dotted quad there (and hex followed
//! by "ip" under a plain libc printf, §14.2). We always print the dotted
//! quad, left-aligned in the same 32 columns.
#![forbid(unsafe_code)]

use alloc::vec::Vec;
use core::fmt::Write;

use crate::stack::sockets::Protocol;
use crate::stack::Stack;
use crate::tcp::TcpState;
use crate::time::Instant;

pub const HEADER: &str = "Prot Port IP-Remote       : Port  R/T Status       Alive  tmout Child\n";

/// Network buffer figures for the trailer.
#[derive(Copy, Clone, Debug, Default)]
pub struct BufferStats {
    pub minimum_free: usize,
    pub free: usize,
    pub total: usize,
}

impl Stack {
    /// Produces the netstat lines, each ending in '\n', through `print`.
    pub fn netstat(&self, now: Instant, buffers: BufferStats, mut print: impl FnMut(&str)) {
        print(HEADER);
        // Bound sockets only, in the order they were bound (upstream walks
        // its bound-socket lists).
        let mut bound: Vec<_> = self.sockets.iter().filter(|(_, s)| s.port.is_some() && !s.closing).collect();
        bound.sort_by_key(|(_, s)| s.bind_order);
        let mut count = 0usize;
        for (_, s) in bound.iter().filter(|(_, s)| s.protocol == Protocol::Tcp) {
            let Some(tcp) = s.tcp.as_ref() else { continue };
            count += 1;
            let tcb = &tcp.tcb;
            let state = tcb.state();
            let remote = tcb.remote();
            let mut ip = super::input::heapless_line::<16>();
            let _ = write!(ip, "{}", remote.addr);
            let child = if state == TcpState::Listen {
                let mut c = super::input::heapless_line::<16>();
                let _ = write!(c, " {}/{}", tcp.child_count, tcp.backlog);
                Some(c)
            } else {
                None
            };
            let mut line = super::input::heapless_line::<112>();
            let _ = write!(
                line,
                "TCP {:5} {:<32}:{:5} {}/{} {:<13.13} {:6} {:6}{}\n",
                s.port.unwrap_or(0),
                ip.as_str(),
                remote.port,
                tcb.has_rx_stream() as u8,
                tcb.has_tx_stream() as u8,
                state.name(),
                0u32, // Alive: keep-alive is off (ipconfigTCP_KEEP_ALIVE 0)
                tcb.netstat_timeout(now).min(u16::MAX as u64),
                child.as_ref().map_or("", |c| c.as_str()),
            );
            print(line.as_str());
        }
        for (_, s) in bound.iter().filter(|(_, s)| s.protocol == Protocol::Udp) {
            count += 1;
            let mut line = super::input::heapless_line::<112>();
            let _ = write!(line, "UDP Port {:5}\n", s.port.unwrap_or(0));
            print(line.as_str());
        }
        let mut line = super::input::heapless_line::<112>();
        let _ = write!(
            line,
            "FreeRTOS_netstat: {} sockets {} < {} < {} buffers free\n",
            count, buffers.minimum_free, buffers.free, buffers.total
        );
        print(line.as_str());
    }
}
