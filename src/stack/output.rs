//! Building and sending frames: Ethernet + IPv4 + (TCP | ICMP | ARP).
//!
//! `Output` borrows the parts of the stack that sending needs (end-points,
//! ARP cache, the IP identification generator, counters) separately from the
//! socket table, so a TCP connection can emit segments through it while it
//! is itself borrowed mutably.
#![forbid(unsafe_code)]

use crate::stack::arp::ArpCache;
use crate::stack::ipid::IpIds;
use crate::stack::{count, Counters, Endpoint, Env};
use crate::tcp::SegmentSink;
use crate::time::Instant;
use crate::wire::tcp::TcpRepr;
use crate::os::mem::copy_bytes;
use crate::stack::outgoing::{OutKind, Outgoing, PAYLOAD_OFFSET};
use crate::wire::{arp, ethernet, icmp, ipv4, tcp, udp, IpAddress, Ipv4Addr, MacAddr, SockAddr, SockAddrV4};

pub struct Output<'a, E: Env + ?Sized> {
    pub now: Instant,
    pub endpoints: &'a [Endpoint],
    pub arp: &'a mut ArpCache,
    pub ident: &'a mut IpIds,
    pub counters: &'a mut Counters,
    pub env: &'a mut E,
    pub ttl: u8,
}

/// The Ethernet and IPv4 (no options) headers in front of every payload.
const HEAD_LEN: usize = ethernet::HEADER_LEN + ipv4::HEADER_LEN;

/// Why a frame could not be sent.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum SendError {
    /// No end-point owns the source address, or it is down.
    NoRoute,
    /// The next hop's MAC is unknown; a request went out (or is pending).
    Resolving,
    /// The driver or buffer pool refused the frame.
    NoBuffer,
}

/// The IPv4 address a family-neutral one is on the wire, or None when it is
/// not an IPv4 address (nothing to send as IPv4). The one place where the
/// stack goes from the engine's and sockets' addresses to IPv4 frames (TCP
/// segments, the next hop of a connect, queued datagrams, source
/// selection); the IPv6 work adds its arm here, beside an IPv6 output path.
pub(crate) fn ipv4_of(addr: IpAddress) -> Option<Ipv4Addr> {
    match addr {
        IpAddress::V4(a) => Some(a),
    }
}

/// [`ipv4_of`] for a socket address.
pub(crate) fn ipv4_sockaddr(a: SockAddr) -> Option<SockAddrV4> {
    Some(SockAddrV4::new(ipv4_of(a.addr)?, a.port))
}

impl<'a, E: Env + ?Sized> Output<'a, E> {
    /// The end-point that sends from `src` (or the first one that is up).
    pub fn endpoint_for(&self, src: Ipv4Addr) -> Option<&'a Endpoint> {
        let eps = self.endpoints;
        eps.iter().find(|e| e.up && e.ip == src).or_else(|| eps.iter().find(|e| e.up))
    }

    /// The next hop towards `dst` from `ep`: `dst` on the local subnet,
    /// otherwise the gateway.
    pub fn next_hop(ep: &Endpoint, dst: Ipv4Addr) -> Ipv4Addr {
        if ep.on_link(dst) || ep.gateway.is_unspecified() {
            dst
        } else {
            ep.gateway
        }
    }

    /// The MAC to send to `dst` from `ep`, written into `mac` (copied
    /// from where it is found: no `MacAddr` passed back through memory);
    /// sends an ARP request when unknown.
    pub fn resolve(&mut self, ep: &Endpoint, dst: Ipv4Addr, mac: &mut [u8; 6]) -> Result<(), SendError> {
        if dst.is_broadcast() || dst == ep.broadcast() {
            *mac = MacAddr::BROADCAST.0;
            return Ok(());
        }
        let hop = Self::next_hop(ep, dst);
        if let Some(known) = self.arp.lookup_ref(hop, self.now) {
            *mac = known.0;
            return Ok(());
        }
        if self.arp.should_request(hop, self.now) {
            self.send_arp_request(ep, hop);
        }
        Err(SendError::Resolving)
    }

    pub fn send_arp_request(&mut self, ep: &Endpoint, target: Ipv4Addr) {
        self.send_arp(ep, MacAddr::BROADCAST, arp::ArpOp::Request, MacAddr::ZERO, target);
    }

    /// Sends an ARP packet from end-point `ep` (its MAC and address are the
    /// sender's) to `dst_mac`. The packet's fields are put together here,
    /// not by each caller.
    pub fn send_arp(&mut self, ep: &Endpoint, dst_mac: MacAddr, op: arp::ArpOp, target_mac: MacAddr, target_ip: Ipv4Addr) {
        let repr = &arp::ArpRepr { op, sender_mac: ep.mac, sender_ip: ep.ip, target_mac, target_ip };
        const LEN: usize = ethernet::HEADER_LEN + arp::PACKET_LEN;
        // Built in an array of the frame's size (where every write fits) and
        // copied into the driver's buffer as one block.
        let mut frame = [0u8; LEN];
        crate::wire::write_bytes(&mut frame, 0, &dst_mac.0);
        crate::wire::write_bytes(&mut frame, 6, &ep.mac.0);
        crate::wire::write_u16(&mut frame, 12, ethernet::ETHERTYPE_ARP);
        let built = frame.get_mut(ethernet::HEADER_LEN..).is_some_and(|b| arp::emit(repr, b).is_ok());
        let ok = self.env.transmit(ep.interface, LEN, &mut |buf: &mut [u8]| {
            let Some(b) = buf.first_chunk_mut::<LEN>().filter(|_| built) else { return false };
            *b = frame;
            true
        });
        self.count_tx(ok);
    }

    /// Sends an IPv4 packet from end-point `ep` whose payload
    /// `fill_payload` writes; the payload checksum (if any) is the filler's
    /// job.
    #[allow(clippy::too_many_arguments)]
    fn send_ipv4(
        &mut self,
        ep: &Endpoint,
        dst: Ipv4Addr,
        to_mac: Option<&MacAddr>,
        protocol: u8,
        ttl: u8,
        payload_len: usize,
        fill_payload: &mut dyn FnMut(&mut [u8]) -> bool,
    ) -> Result<(), SendError> {
        let mut head = [0u8; HEAD_LEN];
        let head_ok = self.headers(&mut head, ep, dst, to_mac, protocol, ttl, payload_len)?;
        let len = HEAD_LEN + payload_len;
        let ok = self.env.transmit(ep.interface, len, &mut |buf: &mut [u8]| {
            let Some((h, payload)) = buf.split_at_mut_checked(HEAD_LEN).filter(|_| head_ok) else { return false };
            copy_bytes(h, &head);
            payload.get_mut(..payload_len).is_some_and(&mut *fill_payload)
        });
        self.count_tx(ok);
        if ok {
            Ok(())
        } else {
            Err(SendError::NoBuffer)
        }
    }

    /// The Ethernet and IPv4 headers of a packet from `ep` to `dst`, sent
    /// to `to_mac` if given, else to the next hop, which must be resolved
    /// (else an ARP request goes out). Written as bytes into the caller's
    /// `head`, to be put in front of the payload (one array, rather than two
    /// header structures returned and copied field by field into each
    /// sending closure); Ok(false) when they cannot be written (a payload
    /// too long for IPv4), which fails the send as a failed fill would.
    #[allow(clippy::too_many_arguments)]
    fn headers(
        &mut self,
        head: &mut [u8; HEAD_LEN],
        ep: &Endpoint,
        dst: Ipv4Addr,
        to_mac: Option<&MacAddr>,
        protocol: u8,
        ttl: u8,
        payload_len: usize,
    ) -> Result<bool, SendError> {
        let mut dst_mac = [0u8; 6];
        match to_mac {
            Some(mac) => dst_mac = mac.0,
            None => self.resolve(ep, dst, &mut dst_mac)?,
        }
        let ident = self.next_ident(dst);
        let ip = ipv4::Ipv4Repr {
            src: ep.ip,
            dst,
            protocol,
            ttl,
            ident,
            dont_fragment: true,
            payload_len,
        };
        Ok(frame_head(head, MacAddr(dst_mac), ep.mac, &ip))
    }

    /// The end-point a datagram from `src` (unspecified: not bound to an
    /// address) to `dst` leaves by.
    fn endpoint_towards(&self, src: Ipv4Addr, dst: Ipv4Addr) -> Option<&'a Endpoint> {
        if !src.is_unspecified() {
            return self.endpoint_for(src);
        }
        let up = || self.endpoints.iter().filter(|e| e.up);
        up().find(|e| e.on_link(dst) || dst.is_broadcast())
            .or_else(|| up().find(|e| !e.gateway.is_unspecified()))
            .or_else(|| up().next())
    }

    /// Sends a queued packet (UDP datagram or echo request) whose payload
    /// waits in its own network buffer at `outgoing::PAYLOAD_OFFSET`: writes
    /// the headers in front of it and hands the buffer to the driver.
    /// `NoRoute` and `Resolving` leave the frame with the caller; otherwise
    /// it is gone (sent, or released).
    pub fn send_queued_frame(&mut self, out: &Outgoing) -> Result<(), SendError> {
        let ep = self.endpoint_towards(out.from.addr, out.to.addr).ok_or(SendError::NoRoute)?;
        let inner_len = udp::HEADER_LEN + out.payload_len;
        let protocol = match out.kind {
            OutKind::Udp { .. } => ipv4::PROTO_UDP,
            OutKind::EchoRequest { .. } => ipv4::PROTO_ICMP,
        };
        let mut head = [0u8; HEAD_LEN];
        let head_ok = self.headers(&mut head, ep, out.to.addr, None, protocol, self.ttl, inner_len)?;
        let len = PAYLOAD_OFFSET + out.payload_len;
        let written = self.env.frame_mut(out.frame).and_then(|buf| {
            let buf = buf.get_mut(..len)?;
            let (h, inner) = buf.split_at_mut_checked(HEAD_LEN)?;
            head_ok.then_some(())?;
            copy_bytes(h, &head);
            match out.kind {
                OutKind::Udp { checksum } => {
                    let repr = udp::UdpRepr { src_port: out.from.port, dst_port: out.to.port, checksum_absent: false };
                    udp::emit(&repr, ep.ip, out.to.addr, inner, checksum).ok()
                }
                OutKind::EchoRequest { ident, seq } => {
                    let [i0, i1] = ident.to_be_bytes();
                    let [s0, s1] = seq.to_be_bytes();
                    let repr = icmp::IcmpRepr { ty: icmp::TYPE_ECHO_REQUEST, code: 0, rest: [i0, i1, s0, s1] };
                    icmp::emit(&repr, inner).ok()
                }
            }
        });
        let ok = written.is_some() && self.env.send_frame(ep.interface, out.frame, len);
        if !ok && written.is_none() {
            self.env.release_frame(out.frame);
        }
        self.count_tx(ok);
        if ok {
            Ok(())
        } else {
            Err(SendError::NoBuffer)
        }
    }

    /// Sends a UDP datagram built in place by `fill_payload` from
    /// end-point `ep` with source address `from.0` (0.0.0.0 while DHCP has
    /// given none) to a MAC the caller chose (the DHCP client's broadcasts
    /// cannot go through `resolve`, which needs an address).
    pub fn send_udp_raw(
        &mut self,
        ep: &Endpoint,
        from: (Ipv4Addr, u16),
        to: (Ipv4Addr, u16),
        dst_mac: MacAddr,
        payload_len: usize,
        fill_payload: &mut dyn FnMut(&mut [u8]) -> bool,
    ) -> bool {
        let ident = self.next_ident(to.0);
        let udp_len = udp::HEADER_LEN + payload_len;
        let ip = ipv4::Ipv4Repr {
            src: from.0,
            dst: to.0,
            protocol: ipv4::PROTO_UDP,
            ttl: self.ttl,
            ident,
            dont_fragment: false,
            payload_len: udp_len,
        };
        let mut head = [0u8; HEAD_LEN];
        let head_ok = frame_head(&mut head, dst_mac, ep.mac, &ip);
        let repr = udp::UdpRepr { src_port: from.1, dst_port: to.1, checksum_absent: false };
        let ok = self.env.transmit(ep.interface, PAYLOAD_OFFSET + payload_len, &mut |buf: &mut [u8]| {
            let Some((h, datagram)) = buf.split_at_mut_checked(HEAD_LEN) else { return false };
            let filled = datagram.get_mut(udp::HEADER_LEN..).is_some_and(&mut *fill_payload);
            if !(filled && head_ok) {
                return false;
            }
            copy_bytes(h, &head);
            udp::emit(&repr, from.0, to.0, datagram, true).is_ok()
        });
        self.count_tx(ok);
        ok
    }

    pub fn send_tcp(
        &mut self,
        local: SockAddr,
        remote: SockAddr,
        repr: &TcpRepr,
        payload: (&[u8], &[u8]),
    ) -> Result<(), SendError> {
        let hlen = tcp::header_len(repr);
        let total = hlen + payload.0.len() + payload.1.len();
        let ttl = self.ttl;
        // The checksum covers the source the IP header will carry: the
        // end-point's address, which differs from the connection's after
        // the end-point was given a new one (FreeRTOS_SetIPAddress).
        let (Some(local_ip), Some(remote_ip)) = (ipv4_of(local.addr), ipv4_of(remote.addr)) else {
            return Err(SendError::NoRoute);
        };
        let ep = self.endpoint_for(local_ip).ok_or(SendError::NoRoute)?;
        let src = ep.ip;
        self.send_ipv4(ep, remote_ip, None, ipv4::PROTO_TCP, ttl, total, &mut |seg: &mut [u8]| {
            // The payload follows the header, in its two pieces.
            let written = seg
                .get_mut(hlen..)
                .and_then(|data| copy_in(data, payload.0))
                .and_then(|rest| copy_in(rest, payload.1));
            written.is_some() && tcp::emit(repr, src, remote_ip, seg).is_ok()
        })
    }

    pub fn send_icmp(&mut self, src: Ipv4Addr, dst: Ipv4Addr, repr: &icmp::IcmpRepr, data: &[u8]) -> bool {
        self.send_icmp_via(src, dst, None, repr, data)
    }

    /// `send_icmp` to a given MAC (an echo reply goes back to the frame's
    /// sender, as upstream swaps the addresses: no ARP lookup, so a ping is
    /// answered even right after the ARP cache was emptied).
    pub fn send_icmp_via(&mut self, src: Ipv4Addr, dst: Ipv4Addr, to_mac: Option<&MacAddr>, repr: &icmp::IcmpRepr, data: &[u8]) -> bool {
        let len = icmp::HEADER_LEN + data.len();
        let Some(ep) = self.endpoint_for(src) else { return false };
        self.send_ipv4(ep, dst, to_mac, ipv4::PROTO_ICMP, 64, len, &mut |p: &mut [u8]| {
            let written = p.get_mut(icmp::HEADER_LEN..).and_then(|d| copy_in(d, data));
            written.is_some() && icmp::emit(repr, p).is_ok()
        })
        .is_ok()
    }

    /// The IPv4 identification for a packet to `dst`. Out of line: one copy
    /// of `IpIds::next` for the two header builders.
    #[inline(never)]
    fn next_ident(&mut self, dst: Ipv4Addr) -> u16 {
        let env = &mut *self.env;
        self.ident.next(dst, || env.random())
    }

    fn count_tx(&mut self, ok: bool) {
        if ok {
            count(&mut self.counters.tx_frames);
        } else {
            count(&mut self.counters.tx_dropped_no_buffer);
        }
    }
}

impl<'a, E: Env + ?Sized> SegmentSink for Output<'a, E> {
    fn send_segment(&mut self, local: SockAddr, remote: SockAddr, repr: &TcpRepr, payload: (&[u8], &[u8])) -> bool {
        self.send_tcp(local, remote, repr, payload).is_ok()
    }
}

/// Writes the Ethernet header (IPv4 type) and the IPv4 header `ip` into
/// `head`; false when the IPv4 header cannot be written (a payload too
/// long).
fn frame_head(head: &mut [u8; HEAD_LEN], dst_mac: MacAddr, src_mac: MacAddr, ip: &ipv4::Ipv4Repr) -> bool {
    // The Ethernet header written in place: the array's size makes every
    // write fit (no `EthernetRepr` built for `ethernet::emit` to check).
    crate::wire::write_bytes(head, 0, &dst_mac.0);
    crate::wire::write_bytes(head, 6, &src_mac.0);
    crate::wire::write_u16(head, 12, ethernet::ETHERTYPE_IPV4);
    head.get_mut(ethernet::HEADER_LEN..).is_some_and(|i| ipv4::emit(ip, i).is_ok())
}

/// Copies `src` to the start of `dst`; returns the rest of `dst`, or None
/// when `src` does not fit.
fn copy_in<'b>(dst: &'b mut [u8], src: &[u8]) -> Option<&'b mut [u8]> {
    let (head, rest) = dst.split_at_mut_checked(src.len())?;
    crate::os::mem::copy_bytes(head, src);
    Some(rest)
}
