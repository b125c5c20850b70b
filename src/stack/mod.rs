//! What the IP task runs: end-points, ARP, IPv4, ICMP, TCP demultiplexing,
//! listeners and their children, and netstat.
//!
//! The stack is pure: time comes in as `now`, and everything outside (the
//! drivers, random numbers, the application's ISN hook, printing) goes
//! through [`Env`]. The socket layer keeps the one `Stack` behind a kernel
//! mutex; the IP task and application tasks take turns on it.
//!
//! Read first: reference §2 (call semantics), §3 (backlog and children),
//! §4 (netstat), §14.5 (where we deviate from upstream).
#![forbid(unsafe_code)]

pub mod arp;
pub mod arp_api;
pub mod callbacks;
pub mod dhcp;
pub mod error;
pub mod extensions;
mod filter;
pub mod ipid;
mod input;
pub mod metrics;
pub mod netstat;
pub mod notice;
pub mod outgoing;
pub mod ping;
pub mod output;
pub mod routing;
pub mod select;
pub mod settings;
pub use settings::APP_CONFIG;
pub mod sockets;
pub mod udp;
mod synflood;
#[cfg(any(test, feature = "fuzzing"))]
pub mod testenv;

use alloc::vec::Vec;

use crate::os::fallible::try_push;
use crate::tcp::{TcpConfig, TcpState};
use crate::time::{Duration, Instant, TickRate};
use crate::wire::{Ipv4Addr, MacAddr, SockAddr};

pub use error::Error;
pub use notice::Notice;
pub use sockets::{event, Protocol, SocketId};

use arp::ArpCache;
use ipid::IpIds;
use output::Output;
use sockets::SocketTable;

/// A network buffer the stack holds on to (a received datagram waiting in
/// its socket, an outgoing one waiting for the IP task or for ARP). Opaque
/// here: the kernel environment keeps the descriptor's address in it.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct FrameToken(pub usize);

/// The world outside the stack.
pub trait Env {
    /// Sends one frame of `len` bytes on interface `iface`: `fill` writes it
    /// into the buffer and returns false if it could not. Returns whether the
    /// frame went to the driver.
    fn transmit(&mut self, iface: usize, len: usize, fill: &mut dyn FnMut(&mut [u8]) -> bool) -> bool;
    /// A random number (`xApplicationGetRandomNumber`), None on failure.
    fn random(&mut self) -> Option<u32>;
    /// The initial sequence number for a connection
    /// (`ulApplicationGetNextSequenceNumber`); 0 means "refuse".
    fn initial_sequence(&mut self, local: SockAddr, remote: SockAddr) -> u32;
    /// One line of diagnostic output (through `FreeRTOS_printf`).
    fn log(&mut self, line: &[u8]);

    /// A new frame buffer holding a copy of `frame`, for a received frame
    /// the stack must keep but whose own buffer the caller cannot give
    /// away. None: no buffer (the datagram is dropped and counted).
    fn copy_frame(&mut self, _frame: &[u8]) -> Option<FrameToken> {
        None
    }
    /// The bytes of a frame the stack holds.
    fn frame_mut(&mut self, _frame: FrameToken) -> Option<&mut [u8]> {
        None
    }
    /// Hands the first `len` bytes of a held frame to interface `iface`'s
    /// driver; the frame is gone afterwards, sent or not.
    fn send_frame(&mut self, _iface: usize, frame: FrameToken, _len: usize) -> bool {
        self.release_frame(frame);
        false
    }
    /// Gives a held frame back to the buffer pool.
    fn release_frame(&mut self, _frame: FrameToken) {}
}

/// An IPv4 end-point: an address on an interface (reference §1.5).
#[derive(Clone, Copy, Debug)]
pub struct Endpoint {
    pub ip: Ipv4Addr,
    pub netmask: Ipv4Addr,
    pub gateway: Ipv4Addr,
    pub dns: Ipv4Addr,
    pub mac: MacAddr,
    pub interface: usize,
    pub up: bool,
}

impl Endpoint {
    pub fn on_link(&self, dst: Ipv4Addr) -> bool {
        let m = self.netmask.to_be_u32();
        (dst.to_be_u32() & m) == (self.ip.to_be_u32() & m)
    }

    pub fn broadcast(&self) -> Ipv4Addr {
        Ipv4Addr::from_be_u32(self.ip.to_be_u32() | !self.netmask.to_be_u32())
    }
}

/// Adds one to a counter. Counters are diagnostics and wrap; a plain `+= 1`
/// would panic on overflow in builds with overflow checks.
// Out of line: copies inlined into every caller cost flash (bench/README.md).
#[inline(never)]
pub(crate) fn count(counter: &mut u32) {
    *counter = counter.wrapping_add(1);
}

/// Frames dropped and why; diagnostics for the "nothing is lost silently"
/// rule (every malformed frame is counted).
#[derive(Clone, Copy, Debug, Default)]
pub struct Counters {
    pub rx_frames: u32,
    pub rx_malformed: u32,
    pub rx_bad_checksum: u32,
    pub rx_not_for_us: u32,
    pub rx_unsupported: u32,
    pub rx_fragments: u32,
    /// Frames no host may send us (see `filter.rs`): a martian source
    /// address (0/8, 127/8, 224/4, 240/4 with 255.255.255.255, a subnet
    /// broadcast, one of our own addresses: RFC 1122 §3.2.1.3, RFC 1812
    /// §5.3.7), an IPv4 unicast sent to a group or foreign MAC, or an ARP
    /// packet from such a sender or from a group MAC.
    pub rx_martian: u32,
    pub tx_frames: u32,
    pub tx_dropped_no_buffer: u32,
    pub tcp_resets_sent: u32,
    pub tcp_backlog_refusals: u32,
    /// SYNs refused (with an RST) because the heap could not hold the child
    /// socket.
    pub tcp_child_no_memory: u32,
    /// Half-open children dropped to make room for a new SYN
    /// (`ipconfigFPTCP_SYN_FLOOD_DEFENCE`).
    pub tcp_half_open_evicted: u32,
    pub icmp_echo_replies: u32,
    /// Echo replies to our own pings (`FreeRTOS_SendPingRequest`).
    pub icmp_echo_replies_received: u32,
    /// Notices dropped because the queue for them was full.
    pub notices_dropped: u32,
    /// ARP packets that would have moved a known host to another MAC
    /// unasked (the entry was kept and the address asked).
    pub arp_conflicts: u32,
    /// Echo requests not answered because the reply would exceed
    /// `ipconfigNETWORK_MTU`.
    pub icmp_echo_too_big: u32,
    /// UDP datagrams queued in a socket.
    pub udp_received: u32,
    /// UDP datagrams for a port no socket is bound to.
    pub udp_no_socket: u32,
    /// UDP datagrams dropped: the socket's or the stack's limit was
    /// reached, or no buffer or heap for the entry.
    pub udp_queue_full: u32,
    /// Outgoing datagrams dropped after waiting for ARP (or pushed out by a
    /// newer one).
    pub udp_arp_timeouts: u32,
    /// Outgoing datagrams without a route.
    pub udp_send_failed: u32,
    /// SYNs answered with a SYN cookie instead of a child
    /// (`ipconfigFPTCP_SYN_FLOOD_DEFENCE`, `synflood.rs`).
    pub tcp_syn_cookies_sent: u32,
    /// ACKs whose SYN cookie was valid: a child was made for them.
    pub tcp_syn_cookies_accepted: u32,
}

/// UDP settings (the application's `ipconfigUDP_*` values).
#[derive(Clone, Copy, Debug)]
pub struct UdpConfig {
    /// `ipconfigUDP_MAX_RX_PACKETS`: each new socket's limit (0: none).
    pub max_rx_packets: usize,
    /// Received datagrams all UDP sockets together may hold (half the
    /// network buffers, so a flood leaves the rest to TCP and ARP).
    pub max_held: usize,
    /// Datagrams application tasks may queue for the IP task at once.
    pub tx_queue: usize,
    pub ttl: u8,
    pub pass_zero_checksum: bool,
    /// Largest payload `sendto` accepts: MTU - 28 (reference §2.13).
    pub max_payload: usize,
    /// `ipconfigUDP_MAX_SEND_BLOCK_TIME_TICKS`: `sendto`'s wait for a
    /// buffer is capped at this.
    pub max_send_block: u64,
    /// `ipconfigALLOW_SOCKET_SEND_WITHOUT_BIND`.
    pub allow_send_without_bind: bool,
}

/// Stack-wide settings derived from the application's configuration.
#[derive(Clone, Copy, Debug)]
pub struct StackConfig {
    pub tick_rate: TickRate,
    pub tcp: TcpConfig,
    pub arp_entries: usize,
    pub arp_lifetime: Duration,
    pub ttl: u8,
    pub default_rcv_timeout: Option<u32>,
    pub default_snd_timeout: Option<u32>,
    pub verify_rx_checksums: bool,
    pub udp: UdpConfig,
}

pub struct Stack {
    pub cfg: StackConfig,
    pub endpoints: Vec<Endpoint>,
    pub arp: ArpCache,
    pub sockets: SocketTable,
    pub counters: Counters,
    udp: udp::UdpState,
    /// Datagrams and echo requests from application tasks, for the IP task.
    outgoing: outgoing::OutgoingQueue,
    /// The last `FreeRTOS_SendPingRequest` sequence number. (The fuzzing
    /// build has no socket layer, so nothing there sends a ping.)
    #[cfg_attr(all(feature = "fuzzing", not(test)), allow(dead_code))]
    ping_sequence: u16,
    /// Wake-ups and frees waiting for the IP task to deliver.
    notices: notice::NoticeQueue,
    /// `ipconfigFPTCP_SYN_FLOOD_DEFENCE`: SYN cookies once a backlog is
    /// full of half-open children (`synflood.rs`).
    pub syn_flood_defence: bool,
    /// `ipconfigUSE_TCP`: with it 0 (a UDP-only build) no TCP socket can
    /// be made and TCP segments are dropped unanswered, as upstream, which
    /// has no TCP code then. Tests turn it off on a stack of their own.
    pub tcp_enabled: bool,
    refusal_log: synflood::RefusalLog,
    /// The keys of the SYN cookies (`synflood.rs`).
    cookies: synflood::CookieKeys,
    /// IPv4 Identification values, per destination (`ipid.rs`).
    ident: IpIds,
    bind_counter: u64,
    accept_counter: u64,
    /// A socket may have to be freed: set by `close()` and by whatever can
    /// kill an unaccepted child, so `reap` does not walk every slot after
    /// every segment.
    pub(crate) reap_due: bool,
    /// TIME-WAIT records of cleanly closed connections whose sockets are
    /// gone: a retransmitted FIN still gets its ACK (§14.5 row 12).
    time_waits: Vec<(crate::tcp::TimeWait, Instant)>,
    /// The DHCP clients of end-points that want one.
    pub(crate) dhcp: dhcp::DhcpState,
    /// `FreeRTOS_select`'s socket sets (`select.rs`).
    pub(crate) select: select::SetTable,
    /// Opt-in behaviour beyond upstream (`extensions.rs`).
    pub ext: extensions::Extensions,
}

/// How long a TIME-WAIT record lives: 2 × MSL with MSL = 30 s.
pub const TIME_WAIT_MS: u64 = 60_000;
/// At most this many TIME-WAIT records; the oldest makes room.
pub const TIME_WAIT_RECORDS: usize = 16;

impl Stack {
    // Out of line: inlined into `FreeRTOS_IPInit_Multi`, the stack's state
    // was built on the task stack and then stored field by field into its
    // heap block; a call that writes it directly is 144 bytes smaller.
    #[inline(never)]
    pub fn new(cfg: StackConfig) -> Stack {
        let retry = cfg.tick_rate.ms(arp::RETRY_MS);
        Stack {
            cfg,
            endpoints: Vec::new(),
            arp: ArpCache::new(cfg.arp_entries, cfg.arp_lifetime, retry),
            sockets: SocketTable::new(),
            counters: Counters::default(),
            udp: udp::UdpState::default(),
            outgoing: outgoing::OutgoingQueue::default(),
            ping_sequence: 0,
            notices: notice::NoticeQueue::default(),
            syn_flood_defence: crate::config::FPTCP_SYN_FLOOD_DEFENCE,
            tcp_enabled: crate::config::USE_TCP,
            refusal_log: synflood::RefusalLog::default(),
            cookies: synflood::CookieKeys::default(),
            ident: IpIds::new(),
            bind_counter: 0,
            accept_counter: 0,
            reap_due: false,
            time_waits: Vec::new(),
            dhcp: dhcp::DhcpState::default(),
            select: select::SetTable::default(),
            ext: extensions::Extensions::new(extensions::ExtConfig::from_config(cfg.tick_rate)),
        }
    }

    fn output<'a, E: Env + ?Sized>(
        endpoints: &'a [Endpoint],
        arp: &'a mut ArpCache,
        ident: &'a mut IpIds,
        counters: &'a mut Counters,
        env: &'a mut E,
        now: Instant,
        ttl: u8,
    ) -> Output<'a, E> {
        Output { now, endpoints, arp, ident, counters, env, ttl }
    }

    /// Runs timers and sends whatever is due. The IP task calls this after
    /// every event and when the deadline passes.
    /// Whether TCP is built in and on. The constant first: a UDP-only
    /// image then drops the TCP paths behind it.
    pub(crate) fn tcp_on(&self) -> bool {
        crate::config::USE_TCP && self.tcp_enabled
    }

    pub fn poll<E: Env + ?Sized>(&mut self, now: Instant, env: &mut E) {
        self.arp.expire(now);
        retain_copies(&mut self.time_waits, |(_, until)| !until.reached(now));
        self.poll_outgoing(now, env);
        self.dhcp_poll(now, env);
        self.extensions_poll(now);
        for index in 0..self.sockets.slot_count() {
            if let Some(id) = self.sockets.id_at(index) {
                self.poll_socket(now, id, env);
            }
        }
        self.reap(now, env);
    }

    fn poll_socket<E: Env + ?Sized>(&mut self, now: Instant, id: SocketId, env: &mut E) {
        let ttl = self.cfg.get().ttl;
        let retry = self.cfg.tick_rate.ms(500);
        let Some(sock) = self.sockets.get_mut(id) else { return };
        if sock.closing {
            return;
        }
        let Some(tcp) = sock.tcp_mut() else { return };
        let mut out = Self::output(&self.endpoints, &mut self.arp, &mut self.ident, &mut self.counters, env, now, ttl);
        // An active open waits for the next hop's MAC before its SYN: 3 ARP
        // requests, 500 ms apart, then give up (reference §2.5, row 111).
        if tcp.tcb.state() == TcpState::ConnectSyn && !tcp.tcb.syn_sent() {
            let remote = tcp.tcb.remote();
            let local = tcp.tcb.local();
            let (Some(local_ip), Some(remote_ip)) = (output::ipv4_of(local.addr), output::ipv4_of(remote.addr)) else { return };
            // No end-point up (the link went down): no request can go out;
            // the connection waits for the link as it always did, but its
            // deadline moves on (it stayed in the past, and the IP task spun).
            let route = out.endpoint_for(local_ip).map(|ep| (ep, Output::<E>::next_hop(ep, remote_ip)));
            if route.is_none_or(|(_, hop)| out.arp.lookup_ref(hop, now).is_none()) {
                let due = tcp.arp_next.is_none_or(|t| t.reached(now));
                if due {
                    if let Some((ep, hop)) = route {
                        if tcp.arp_tries >= 3 {
                            tcp.tcb.fail(now);
                            tcp.arp_next = None;
                        } else {
                            tcp.arp_tries += 1;
                            tcp.arp_next = Some(now + retry);
                            out.send_arp_request(ep, hop);
                        }
                    } else {
                        tcp.arp_next = Some(now + retry);
                    }
                }
                let ev = tcp.tcb.take_events();
                self.deliver_tcb_events(id, ev);
                return;
            }
        }
        self.segment_poll(now, id, None, env);
    }

    /// When the IP task must run next, at the latest.
    pub fn next_deadline(&self, now: Instant) -> Option<Instant> {
        let mut best: Option<Instant> = self.outgoing_deadline(now);
        earliest(&mut best, self.dhcp_deadline().map(|t| if t.is_before(now) { now } else { t }));
        earliest(&mut best, self.extensions_deadline(now));
        for (_, s) in self.sockets.iter() {
            if s.closing {
                earliest(&mut best, Some(now));
            }
            let Some(tcp) = s.tcp() else { continue };
            let connecting = tcp.tcb.state() == TcpState::ConnectSyn;
            // While an active open waits for ARP (no SYN sent yet) the stack
            // runs that phase itself (`arp_next`); the engine's "send the SYN
            // now" deadline would only make the IP task spin.
            if !connecting || tcp.tcb.syn_sent() {
                earliest(&mut best, tcp.tcb.deadline());
            }
            if connecting {
                earliest(&mut best, tcp.arp_next);
            }
        }
        best
    }

    /// Keeps a TIME-WAIT record for a connection whose socket is freed.
    /// Without heap for the record the connection is forgotten: a
    /// retransmitted FIN then gets an RST, which is what upstream always does.
    pub(crate) fn remember_time_wait(&mut self, now: Instant, tw: crate::tcp::TimeWait) {
        let record = (tw, now + self.cfg.tick_rate.ms(TIME_WAIT_MS));
        if self.time_waits.len() < TIME_WAIT_RECORDS {
            let _ = try_push(&mut self.time_waits, record);
        } else {
            // The oldest record (the one that ends first) makes room.
            if let Some(slot) = self.time_waits.iter_mut().min_by_key(|r| now.until(r.1)) {
                *slot = record;
            }
        }
    }

    /// The TIME-WAIT record for this 4-tuple, if any.
    pub(crate) fn time_wait_for(&self, local: SockAddr, remote: SockAddr) -> Option<crate::tcp::TimeWait> {
        for (tw, _) in &self.time_waits {
            if tw.local.port == local.port && tw.remote == remote {
                return Some(*tw);
            }
        }
        None
    }

    pub fn time_wait_count(&self) -> usize {
        self.time_waits.len()
    }

    pub fn next_bind_order(&mut self) -> u64 {
        self.bind_counter += 1;
        self.bind_counter
    }

    pub fn next_accept_order(&mut self) -> u64 {
        self.accept_counter += 1;
        self.accept_counter
    }

    pub fn default_tcp_config(&self) -> TcpConfig {
        self.cfg.tcp
    }
}

/// Lowers `best` to `t` when `t` is earlier (or `best` is None). Out of
/// line: 54 B smaller than four inlined copies (bench/README.md).
#[inline(never)]
fn earliest(best: &mut Option<Instant>, t: Option<Instant>) {
    if let Some(t) = t {
        if best.is_none_or(|b| t.is_before(b)) {
            *best = Some(t);
        }
    }
}

/// Keeps the elements of `list` for which `keep` holds, in their order.
/// `Vec::retain` without its panic-safety machinery, which the `Copy`
/// elements here do not need (a smaller loop per call site).
pub(crate) fn retain_copies<T: Copy>(list: &mut Vec<T>, mut keep: impl FnMut(&T) -> bool) {
    let mut kept = 0;
    for i in 0..list.len() {
        // Copied out only when kept (the element is read in place for the
        // test): 50 B smaller over the three callers than copying first.
        let Some(&item) = list.get(i).filter(|t| keep(t)) else { continue };
        if let Some(slot) = list.get_mut(kept) {
            *slot = item;
        }
        kept += 1;
    }
    list.truncate(kept);
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_udp;
#[cfg(test)]
mod tests_dhcp;
#[cfg(test)]
mod tests_hostile;
#[cfg(test)]
mod tests_dns;
#[cfg(test)]
mod tests_select;
#[cfg(test)]
mod tests_callbacks;
#[cfg(test)]
mod tests_window;
#[cfg(test)]
mod tests_ext;
