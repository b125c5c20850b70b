//! Packets application tasks hand to the IP task in network buffers of
//! their own: UDP datagrams (`sendto`) and ICMP echo requests
//! (`FreeRTOS_SendPingRequest`). The task writes the payload at
//! [`PAYLOAD_OFFSET`] outside the lock and queues the buffer here; the IP
//! task writes the headers in front of it and hands it to the driver once
//! the next hop's MAC is known. As upstream does, one packet may wait for
//! ARP resolution (a newer one takes its place); the request is repeated
//! every 500 ms and the packet dropped when the address has not resolved
//! within [`ARP_WAIT_MS`].
#![forbid(unsafe_code)]

use alloc::vec::Vec;

use crate::os::fallible::try_push;
use crate::stack::output::SendError;
use crate::stack::{count, Env, FrameToken, Stack};
use crate::time::Instant;
use crate::wire::{ethernet, ipv4, udp, SockAddrV4};

/// Where the payload starts in an outgoing frame: Ethernet, IPv4 without
/// options, then an 8-byte UDP or ICMP echo header.
pub const PAYLOAD_OFFSET: usize = ethernet::HEADER_LEN + ipv4::HEADER_LEN + udp::HEADER_LEN;

/// How long a packet waits for its next hop's MAC before it is dropped
/// (upstream's ARP resolution delay for its one waiting buffer).
pub const ARP_WAIT_MS: u64 = 2_000;

/// What the packet is.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum OutKind {
    /// A UDP datagram, with or without a checksum
    /// (`FREERTOS_SO_UDPCKSUM_OUT`).
    Udp { checksum: bool },
    /// An ICMP echo request (identifier and sequence number).
    EchoRequest { ident: u16, seq: u16 },
}

/// A packet on its way out: a frame whose payload the application wrote
/// at [`PAYLOAD_OFFSET`]. `from.port` is unused for echo requests.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    pub frame: FrameToken,
    pub from: SockAddrV4,
    pub to: SockAddrV4,
    pub payload_len: usize,
    pub kind: OutKind,
}

/// The queue and the one packet waiting for ARP (with since when, and when
/// to ask again).
#[derive(Default)]
pub struct OutgoingQueue {
    tx: Vec<Outgoing>,
    arp_waiting: Option<(Outgoing, Instant, Instant)>,
}

impl Stack {
    /// Queues a packet for the IP task. False (the caller keeps the frame)
    /// when the queue is full: `sendto` then returns 0, as upstream does
    /// when the IP task's queue is full.
    pub(crate) fn queue_outgoing(&mut self, out: Outgoing) -> bool {
        if self.outgoing.tx.len() >= self.cfg.get().udp.tx_queue {
            return false;
        }
        try_push(&mut self.outgoing.tx, out).is_ok()
    }

    /// Sends what is queued and whatever waited for ARP and can go now
    /// (IP task, from `poll`).
    // Out of line: 20 B smaller than inlined into `Stack::poll` (measured).
    #[inline(never)]
    pub(crate) fn poll_outgoing<E: Env + ?Sized>(&mut self, now: Instant, env: &mut E) {
        // The next ARP retry for a packet that (still) waits, from now.
        let retry_at = now + self.cfg.tick_rate.ms(500);
        // (The waiting packet and the queue are read in place and written
        // back only where they change: no moves of whole entries.)
        if let Some((out, since, next_try)) = &self.outgoing.arp_waiting {
            let (out, since, next_try) = (*out, *since, *next_try);
            // Tried on every cycle (a reply may just have come); the ARP
            // cache sends a new request at most every 500 ms.
            if self.try_send_outgoing(now, &out, env) {
                self.outgoing.arp_waiting = None;
            } else if now.since(since) >= self.cfg.tick_rate.ms(ARP_WAIT_MS) {
                self.outgoing.arp_waiting = None;
                count(&mut self.counters.udp_arp_timeouts);
                env.release_frame(out.frame);
            } else if next_try.reached(now) {
                if let Some(waiting) = &mut self.outgoing.arp_waiting {
                    waiting.2 = retry_at;
                }
            }
        }
        // Taken out while it is sent (nothing queues meanwhile: the IP task
        // holds the stack), and put back empty with its capacity.
        let mut tx = core::mem::take(&mut self.outgoing.tx);
        for out in &tx {
            if !self.try_send_outgoing(now, out, env) {
                // It waits for ARP; a packet waiting already makes room.
                if let Some((older, _, _)) = &self.outgoing.arp_waiting {
                    count(&mut self.counters.udp_arp_timeouts);
                    env.release_frame(older.frame);
                }
                self.outgoing.arp_waiting = Some((*out, now, retry_at));
            }
        }
        tx.clear();
        self.outgoing.tx = tx;
    }

    /// Fills in the headers and hands the packet to the driver; false when
    /// the next hop is not resolved yet (a request went out). A packet that
    /// cannot be sent at all (no route) is dropped, counted, and reported
    /// as sent.
    fn try_send_outgoing<E: Env + ?Sized>(&mut self, now: Instant, out: &Outgoing, env: &mut E) -> bool {
        let ttl = match out.kind {
            OutKind::Udp { .. } => self.cfg.get().udp.ttl,
            OutKind::EchoRequest { .. } => self.cfg.get().ttl,
        };
        let mut o = Self::output(&self.endpoints, &mut self.arp, &mut self.ident, &mut self.counters, env, now, ttl);
        match o.send_queued_frame(out) {
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

    /// When the queue needs the IP task next: at once for queued packets;
    /// for the one waiting for ARP, at the next ARP retry (every 500 ms, so
    /// a lost request or reply is retried) or when it gives up.
    pub(crate) fn outgoing_deadline(&self, now: Instant) -> Option<Instant> {
        if !self.outgoing.tx.is_empty() {
            return Some(now);
        }
        let (_, since, next_try) = self.outgoing.arp_waiting?;
        let give_up = since + self.cfg.tick_rate.ms(ARP_WAIT_MS);
        let first = give_up.earliest(next_try);
        Some(if first.is_before(now) { now } else { first })
    }
}
