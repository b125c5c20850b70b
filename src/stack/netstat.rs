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

use crate::stack::sockets::{Protocol, Socket, TcpPart};
use crate::stack::Stack;
use crate::tcp::TcpState;
use crate::text::Line;
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
    pub fn netstat(&self, now: Instant, buffers: BufferStats, mut print: impl FnMut(&[u8])) {
        print(HEADER.as_bytes());
        // Bound sockets only, in the order they were bound (upstream walks
        // its bound-socket lists): TCP first, then UDP.
        let mut count = 0u32;
        for protocol in [Protocol::Tcp, Protocol::Udp] {
            let mut printed = 0u64;
            while let Some(s) = self.next_bound(protocol, printed) {
                printed = s.bind_order;
                match (protocol, s.tcp()) {
                    (Protocol::Tcp, Some(tcp)) => print_tcp(s, tcp, now, &mut print),
                    (Protocol::Tcp, None) => continue,
                    (Protocol::Udp, _) => {
                        let mut line = Line::<32>::default();
                        line.write(|t| {
                            t.str("UDP Port ").dec_right(s.port().unwrap_or(0) as u32, 5).byte(b'\n');
                        });
                        print(line.as_bytes());
                    }
                }
                count += 1;
            }
        }
        let mut line = Line::<112>::default();
        line.write(|t| {
            t.str("FreeRTOS_netstat: ").dec(count).str(" sockets ");
            t.dec(buffers.minimum_free as u32).str(" < ").dec(buffers.free as u32).str(" < ");
            t.dec(buffers.total as u32).str(" buffers free\n");
        });
        print(line.as_bytes());
        self.netstat_diagnostics(now, &mut print);
    }

    /// The bound, live socket of `protocol` bound next after `bind_order`
    /// (bind orders are unique and start at 1). Netstat walks the table
    /// once per line instead of sorting a copy: no heap, and there are few
    /// sockets.
    fn next_bound(&self, protocol: Protocol, bind_order: u64) -> Option<&Socket> {
        self.sockets
            .iter()
            .map(|(_, s)| s)
            .filter(|s| s.port().is_some() && !s.closing && s.protocol() == protocol && s.bind_order > bind_order)
            .min_by_key(|s| s.bind_order)
    }
}

/// One TCP line: "TCP %5d %-32s:%5d %d/%d %-13.13s %6u %6u%s".
fn print_tcp(s: &Socket, tcp: &TcpPart, now: Instant, print: &mut impl FnMut(&[u8])) {
    let tcb = &tcp.tcb;
    let state = tcb.state();
    let remote = tcb.remote();
    let mut ip = Line::<16>::default();
    ip.write(|t| {
        t.ip(remote.addr);
    });
    let mut line = Line::<112>::default();
    line.write(|t| {
        t.str("TCP ").dec_right(s.port().unwrap_or(0) as u32, 5).byte(b' ');
        t.bytes(ip.as_bytes()).spaces(32usize.saturating_sub(ip.as_bytes().len()));
        t.byte(b':').dec_right(remote.port as u32, 5).byte(b' ');
        t.dec(tcb.has_rx_stream() as u32).byte(b'/').dec(tcb.has_tx_stream() as u32).byte(b' ');
        t.str_left(state.name(), 13, 13).byte(b' ');
        // Alive: 0 unless ipconfigTCP_KEEP_ALIVE is on.
        t.dec_right(tcb.netstat_alive(now), 6).byte(b' ');
        t.dec_right(tcb.netstat_timeout(now).min(u16::MAX as u64) as u32, 6);
        if state == TcpState::Listen {
            t.byte(b' ').dec(tcp.child_count as u32).byte(b'/').dec(tcp.backlog as u32);
        }
        t.byte(b'\n');
    });
    print(line.as_bytes());
}
