//! UDP (RFC 768; reference §2.13, §14.7).
//!
//! **In:** a datagram for a bound port waits in its socket as the network
//! buffer it arrived in ([`FrameToken`]): nothing is copied until
//! `recvfrom`, and nothing at all with `FREERTOS_ZERO_COPY`. A socket holds
//! at most `FREERTOS_SO_UDP_MAX_RX_PACKETS` datagrams (0: no limit, as
//! upstream), and all UDP sockets together at most `max_held` buffers, so a
//! flood can never take the buffers TCP and ARP need (upstream has no such
//! stack-wide limit; an application cannot tell the difference except that
//! a flood loses datagrams instead of starving every other connection).
//!
//! **Out:** `sendto` writes the payload into a network buffer at
//! [`PAYLOAD_OFFSET`] outside the lock and queues it here; the IP task
//! fills in the headers and hands it to the driver once the next hop's MAC
//! is known. As upstream does, one datagram may wait for ARP resolution
//! (a newer one takes its place); it is dropped when the address has not
//! resolved within [`ARP_WAIT_MS`].
#![forbid(unsafe_code)]

use alloc::vec::Vec;

use crate::os::fallible::try_push;
use crate::stack::sockets::{event, Protocol, SocketId};
use crate::stack::output::SendError;
use crate::stack::{count, Env, FrameToken, Stack};
use crate::time::Instant;
use crate::wire::{ethernet, ipv4, udp, Ipv4Addr, SockAddrV4, WireError};

/// Where the UDP payload starts in an outgoing frame: Ethernet, IPv4
/// without options, UDP header.
pub const PAYLOAD_OFFSET: usize = ethernet::HEADER_LEN + ipv4::HEADER_LEN + udp::HEADER_LEN;

/// How long a datagram waits for its next hop's MAC before it is dropped
/// (upstream's ARP resolution delay for its one waiting buffer).
pub const ARP_WAIT_MS: u64 = 2_000;

/// A received datagram waiting in its socket.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Datagram {
    pub frame: FrameToken,
    /// Where the payload starts in the frame, and its length.
    pub offset: usize,
    pub len: usize,
    pub from: SockAddrV4,
}

/// A datagram on its way out: a frame whose payload the application wrote
/// at [`PAYLOAD_OFFSET`].
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    pub frame: FrameToken,
    pub from: SockAddrV4,
    pub to: SockAddrV4,
    pub payload_len: usize,
    pub checksum: bool,
}

/// The UDP part of a socket: its queue of received datagrams.
pub struct UdpPart {
    rx: Vec<Datagram>,
    /// The oldest datagram still queued is `rx[head]`.
    head: usize,
    /// `FREERTOS_SO_UDP_MAX_RX_PACKETS`; 0 = no limit.
    pub max_rx_packets: usize,
    /// `FREERTOS_SO_UDPCKSUM_OUT`: send checksums (upstream's default on).
    pub checksum_out: bool,
}

impl UdpPart {
    pub fn new(max_rx_packets: usize) -> UdpPart {
        UdpPart { rx: Vec::new(), head: 0, max_rx_packets, checksum_out: true }
    }

    /// Datagrams waiting.
    pub fn queued(&self) -> usize {
        self.rx.len().saturating_sub(self.head)
    }

    pub fn peek(&self) -> Option<Datagram> {
        self.rx.get(self.head).copied()
    }

    pub fn pop(&mut self) -> Option<Datagram> {
        let d = self.peek()?;
        self.head += 1;
        if self.head >= self.rx.len() {
            self.rx.clear();
            self.head = 0;
        }
        Some(d)
    }

    /// Queues a datagram unless the socket's limit is reached or the heap
    /// cannot hold the entry; false = not queued (the caller drops it).
    fn push(&mut self, d: Datagram) -> bool {
        if self.max_rx_packets != 0 && self.queued() >= self.max_rx_packets {
            return false;
        }
        if self.head > 0 {
            // Move the waiting ones to the front before growing.
            let mut to = 0;
            for from in self.head..self.rx.len() {
                if let Some(d) = self.rx.get(from).copied() {
                    if let Some(slot) = self.rx.get_mut(to) {
                        *slot = d;
                    }
                    to += 1;
                }
            }
            self.rx.truncate(to);
            self.head = 0;
        }
        try_push(&mut self.rx, d).is_ok()
    }

    /// Hands every waiting datagram's frame to `release` (socket closed).
    pub fn drain(&mut self, mut release: impl FnMut(FrameToken)) {
        while let Some(d) = self.pop() {
            release(d.frame);
        }
    }
}

/// UDP state of the whole stack: datagrams queued by application tasks,
/// the one waiting for ARP, and how many received ones sockets hold.
#[derive(Default)]
pub struct UdpState {
    tx: Vec<Outgoing>,
    /// The datagram waiting for ARP, since when, and when to ask again.
    arp_waiting: Option<(Outgoing, Instant, Instant)>,
    held: usize,
}

impl Stack {
    /// A datagram for us (`dst` is ours or a broadcast). `frame` is the
    /// whole Ethernet frame, `packet` the UDP part of it; `owner` the
    /// network buffer it lives in, if the caller can give it away. Returns
    /// whether the stack kept the buffer.
    pub(crate) fn receive_udp<E: Env + ?Sized>(
        &mut self,
        src: Ipv4Addr,
        dst: Ipv4Addr,
        frame: &[u8],
        packet: &[u8],
        owner: Option<FrameToken>,
        env: &mut E,
    ) -> bool {
        let verify = self.cfg.verify_rx_checksums;
        let (repr, payload) = match udp::parse(packet, src, dst, verify) {
            Ok(v) => v,
            Err(e) => {
                self.count_error(e);
                return false;
            }
        };
        if repr.checksum_absent && verify && !self.cfg.udp.pass_zero_checksum {
            // Upstream drops UDP without a checksum unless
            // ipconfigUDP_PASS_ZERO_CHECKSUM_PACKETS.
            self.count_error(WireError::Checksum);
            return false;
        }
        let Some(id) = self.udp_socket_for(dst, repr.dst_port) else {
            count(&mut self.counters.udp_no_socket);
            return false;
        };
        if self.udp.held >= self.cfg.udp.max_held {
            count(&mut self.counters.udp_queue_full);
            return false;
        }
        // Where the payload sits in the frame (both are views of one buffer).
        let offset = (payload.as_ptr() as usize).wrapping_sub(frame.as_ptr() as usize);
        let (token, kept_caller_frame) = match owner {
            Some(t) => (t, true),
            None => match env.copy_frame(frame) {
                Some(t) => (t, false),
                None => {
                    count(&mut self.counters.udp_queue_full);
                    return false;
                }
            },
        };
        let d = Datagram { frame: token, offset, len: payload.len(), from: SockAddrV4 { addr: src, port: repr.src_port } };
        let queued = self
            .sockets
            .get_mut(id)
            .and_then(|s| s.udp_mut())
            .is_some_and(|u| u.push(d));
        if !queued {
            count(&mut self.counters.udp_queue_full);
            if !kept_caller_frame {
                env.release_frame(token);
            }
            return false;
        }
        self.udp.held += 1;
        count(&mut self.counters.udp_received);
        self.wake(id, event::RECEIVE);
        kept_caller_frame
    }

    /// The live UDP socket bound to `port` that takes datagrams for `dst`:
    /// bound to that address or to any.
    fn udp_socket_for(&self, dst: Ipv4Addr, port: u16) -> Option<SocketId> {
        let mut any = None;
        for id in self.sockets.bound_to(Protocol::Udp, port) {
            let Some(s) = self.sockets.get(id).filter(|s| !s.closing) else { continue };
            if s.bound_addr == dst {
                return Some(id);
            }
            if s.bound_addr.is_unspecified() && any.is_none() {
                any = Some(id);
            }
        }
        any
    }

    /// Takes the oldest datagram out of a UDP socket (or, with `peek`, a
    /// copy of it that stays queued). The caller now owns its frame.
    pub(crate) fn udp_take(&mut self, id: SocketId, peek: bool) -> Option<Datagram> {
        let u = self.sockets.get_mut(id)?.udp_mut()?;
        if peek {
            return u.peek();
        }
        let d = u.pop()?;
        self.udp.held = self.udp.held.saturating_sub(1);
        Some(d)
    }

    /// Releases the datagrams of a socket being freed.
    pub(crate) fn udp_drop_queue<E: Env + ?Sized>(&mut self, u: &mut UdpPart, env: &mut E) {
        let held = &mut self.udp.held;
        u.drain(|t| {
            *held = held.saturating_sub(1);
            env.release_frame(t);
        });
    }

    /// Queues a datagram for the IP task. False (the caller keeps the
    /// frame) when the queue is full: `sendto` then returns 0, as upstream
    /// does when the IP task's queue is full.
    pub(crate) fn udp_queue(&mut self, out: Outgoing) -> bool {
        if self.udp.tx.len() >= self.cfg.udp.tx_queue {
            return false;
        }
        try_push(&mut self.udp.tx, out).is_ok()
    }

    /// Sends what is queued and whatever waited for ARP and can go now
    /// (IP task, from `poll`).
    pub(crate) fn udp_poll<E: Env + ?Sized>(&mut self, now: Instant, env: &mut E) {
        let retry = self.cfg.tick_rate.ms(500);
        if let Some((out, since, next_try)) = self.udp.arp_waiting.take() {
            // Tried on every cycle (a reply may just have come); the ARP
            // cache sends a new request at most every 500 ms.
            if !self.udp_try_send(now, out, env) {
                if now.since(since) >= self.cfg.tick_rate.ms(ARP_WAIT_MS) {
                    count(&mut self.counters.udp_arp_timeouts);
                    env.release_frame(out.frame);
                } else {
                    let next_try = if now >= next_try { now + retry } else { next_try };
                    self.udp.arp_waiting = Some((out, since, next_try));
                }
            }
        }
        let mut i = 0;
        while let Some(out) = self.udp.tx.get(i).copied() {
            i += 1;
            if !self.udp_try_send(now, out, env) {
                // It waits for ARP; a datagram waiting already makes room.
                if let Some((older, _, _)) = self.udp.arp_waiting.replace((out, now, now + retry)) {
                    count(&mut self.counters.udp_arp_timeouts);
                    env.release_frame(older.frame);
                }
            }
        }
        self.udp.tx.clear();
    }

    /// Fills in the headers and hands the datagram to the driver; false
    /// when the next hop is not resolved yet (a request went out). A
    /// datagram that cannot be sent at all (no route, a bad length) is
    /// dropped, counted, and reported as sent.
    fn udp_try_send<E: Env + ?Sized>(&mut self, now: Instant, out: Outgoing, env: &mut E) -> bool {
        let ttl = self.cfg.udp.ttl;
        let mut o = Self::output(&self.endpoints, &mut self.arp, &mut self.ident, &mut self.counters, env, now, ttl);
        match o.send_udp_frame(&out) {
            Ok(()) => true,
            Err(SendError::Resolving) => false,
            Err(SendError::NoRoute) => {
                // Never handed over: the frame is still ours.
                count(&mut self.counters.udp_send_failed);
                env.release_frame(out.frame);
                true
            }
            // The driver (or the failed fill) consumed the frame.
            Err(SendError::NoBuffer) => true,
        }
    }

    /// When UDP needs the IP task next: at once for queued datagrams;
    /// for the one waiting for ARP, at the next ARP retry (every 500 ms, so
    /// a lost request or reply is retried) or when it gives up.
    pub(crate) fn udp_deadline(&self, now: Instant) -> Option<Instant> {
        if !self.udp.tx.is_empty() {
            return Some(now);
        }
        let (_, since, next_try) = self.udp.arp_waiting?;
        let give_up = since + self.cfg.tick_rate.ms(ARP_WAIT_MS);
        Some(give_up.min(next_try).max(now))
    }

    /// Received datagrams held by sockets.
    pub fn udp_held(&self) -> usize {
        self.udp.held
    }

    /// Whether a UDP socket is bound to `port` (`xPortHasUDPSocket`).
    pub fn has_udp_socket(&self, port: u16) -> bool {
        self.sockets.bound_to(Protocol::Udp, port).any(|id| self.sockets.get(id).is_some_and(|s| !s.closing))
    }
}
