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
//! [`PAYLOAD_OFFSET`] outside the lock and queues it (`stack::outgoing`);
//! the IP task fills in the headers and hands it to the driver once the
//! next hop's MAC is known.
#![forbid(unsafe_code)]

use alloc::vec::Vec;

use crate::os::fallible::try_push;
use crate::stack::sockets::{event, Protocol, SocketId};
use crate::stack::{count, Env, FrameToken, Stack};
use crate::wire::{udp, IpAddress, Ipv4Addr, SockAddr, WireError};

pub use crate::stack::outgoing::PAYLOAD_OFFSET;

/// A received datagram waiting in its socket.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Datagram {
    pub frame: FrameToken,
    /// Where the payload starts in the frame, and its length.
    pub offset: usize,
    pub len: usize,
    pub from: SockAddr,
}

/// The UDP part of a socket: its queue of received datagrams.
pub struct UdpPart {
    rx: Vec<Datagram>,
    /// The oldest datagram still queued is `rx[head]`. u32 (and the limit
    /// below): a socket slot stays within 128 bytes (`socket_slots_stay_small`).
    head: u32,
    /// `FREERTOS_SO_UDP_MAX_RX_PACKETS`; 0 = no limit.
    max_rx_packets: u32,
    /// `FREERTOS_SO_UDPCKSUM_OUT`: send checksums (upstream's default on).
    pub checksum_out: bool,
}

fn limit(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl UdpPart {
    pub fn new(max_rx_packets: usize) -> UdpPart {
        UdpPart { rx: Vec::new(), head: 0, max_rx_packets: limit(max_rx_packets), checksum_out: true }
    }

    /// `FREERTOS_SO_UDP_MAX_RX_PACKETS` (more than u32::MAX is no limit in
    /// practice and is kept as u32::MAX).
    pub fn set_max_rx_packets(&mut self, n: usize) {
        self.max_rx_packets = limit(n);
    }

    pub fn max_rx_packets(&self) -> usize {
        self.max_rx_packets as usize
    }

    fn head(&self) -> usize {
        self.head as usize
    }

    /// Datagrams waiting.
    pub fn queued(&self) -> usize {
        self.rx.len().saturating_sub(self.head())
    }

    pub fn peek(&self) -> Option<Datagram> {
        self.rx.get(self.head()).copied()
    }

    pub fn pop(&mut self) -> Option<Datagram> {
        let d = self.peek()?;
        self.head += 1;
        if self.head() >= self.rx.len() {
            self.rx.clear();
            self.head = 0;
        }
        Some(d)
    }

    /// Queues a datagram unless the socket's limit is reached or the heap
    /// cannot hold the entry; false = not queued (the caller drops it).
    pub(super) fn push(&mut self, d: Datagram) -> bool {
        if self.max_rx_packets != 0 && self.queued() >= self.max_rx_packets() {
            return false;
        }
        if self.head > 0 {
            // Move the waiting ones to the front before growing (one
            // memmove; the bound makes the range provably in the vector).
            let len = self.rx.len();
            let from = self.head().min(len);
            self.rx.copy_within(from.., 0);
            self.rx.truncate(len - from);
            self.head = 0;
        }
        // The queue never outgrows u32 (the stack-wide cap is half the
        // buffer pool); refuse rather than wrap `head` if it ever would.
        u32::try_from(self.rx.len()).is_ok_and(|n| n < u32::MAX) && try_push(&mut self.rx, d).is_ok()
    }

    /// Hands every waiting datagram's frame to `release` (socket closed).
    pub fn drain(&mut self, mut release: impl FnMut(FrameToken)) {
        while let Some(d) = self.pop() {
            release(d.frame);
        }
    }
}

/// UDP state of the whole stack: how many received datagrams sockets
/// hold.
#[derive(Default)]
pub struct UdpState {
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
        let verify = self.cfg.get().verify_rx_checksums;
        let (repr, payload) = match udp::parse(packet, src, dst, verify) {
            Ok(v) => v,
            Err(e) => {
                self.count_error(e);
                return false;
            }
        };
        if repr.checksum_absent && verify && !self.cfg.get().udp.pass_zero_checksum {
            // Upstream drops UDP without a checksum unless
            // ipconfigUDP_PASS_ZERO_CHECKSUM_PACKETS.
            self.count_error(WireError::Checksum);
            return false;
        }
        let Some(id) = self.udp_socket_for(IpAddress::V4(dst), repr.dst_port) else {
            count(&mut self.counters.udp_no_socket);
            return false;
        };
        if self.udp.held >= self.cfg.get().udp.max_held {
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
        let d = Datagram { frame: token, offset, len: payload.len(), from: SockAddr::v4(src, repr.src_port) };
        if crate::stack::callbacks::HANDLERS && self.handlers(id).udp_receive != 0 {
            // The receive handler sees it first (the IP task calls it
            // outside the lock), then it is queued or dropped.
            if self.queue_udp_delivery(id, d) {
                self.udp.held += 1;
                return kept_caller_frame;
            }
            count(&mut self.counters.udp_queue_full);
            if !kept_caller_frame {
                env.release_frame(token);
            }
            return false;
        }
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
    fn udp_socket_for(&self, dst: IpAddress, port: u16) -> Option<SocketId> {
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

    /// Releases one frame counted in `held` (a datagram that will not be
    /// queued after all).
    pub(crate) fn udp_release_held<E: Env + ?Sized>(&mut self, frame: FrameToken, env: &mut E) {
        self.udp.held = self.udp.held.saturating_sub(1);
        env.release_frame(frame);
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
