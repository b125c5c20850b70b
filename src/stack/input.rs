//! Frame input: Ethernet, ARP, IPv4, ICMP echo, TCP demultiplexing and the
//! listener's handling of SYNs (backlog and children, reference §3).
//!
//! Every frame that is dropped is counted in `Counters`.
#![forbid(unsafe_code)]

use crate::stack::filter::{self, ArpSender};
use crate::stack::sockets::{event, Protocol, Socket, SocketId, TcpPart, Transport};
use crate::stack::{count, Endpoint, Env, FrameToken, Stack};
use crate::tcp::{reset_for, TcbEvents, TcpState};
use crate::time::Instant;
use crate::wire::tcp::{TcpFlags, TcpRepr};
use crate::wire::{arp, ethernet, icmp, ipv4, tcp, Ipv4Addr, MacAddr, SockAddr, WireError};

impl Stack {
    /// Processes one received Ethernet frame from interface `iface`. A
    /// datagram the stack keeps is copied into a buffer of its own
    /// (`Env::copy_frame`).
    pub fn receive_frame<E: Env + ?Sized>(&mut self, now: Instant, iface: usize, frame: &[u8], env: &mut E) {
        self.receive_frame_owned(now, iface, frame, None, env);
    }

    /// Processes one received frame that lives in the network buffer
    /// `owner` (if given). Returns true when the stack kept that buffer (a
    /// datagram now waits in its socket): the caller must not release it.
    // Out of line: 18 B smaller than inlined into the IP task (measured).
    #[inline(never)]
    pub fn receive_frame_owned<E: Env + ?Sized>(
        &mut self,
        now: Instant,
        iface: usize,
        frame: &[u8],
        owner: Option<FrameToken>,
        env: &mut E,
    ) -> bool {
        count(&mut self.counters.rx_frames);
        let (eth, payload) = match ethernet::parse(frame) {
            Ok(v) => v,
            Err(e) => {
                self.count_error(e);
                return false;
            }
        };
        match eth.ethertype {
            ethernet::ETHERTYPE_ARP => self.receive_arp(now, iface, payload, env),
            ethernet::ETHERTYPE_IPV4 => return self.receive_ipv4(now, iface, &eth, frame, payload, owner, env),
            _ => count(&mut self.counters.rx_unsupported),
        }
        false
    }

    // Inlined: each caller's error usually is a known kind, and the call
    // with its argument cost more than the match (40 B, measured).
    #[inline(always)]
    pub(crate) fn count_error(&mut self, e: WireError) {
        match e {
            WireError::Checksum => count(&mut self.counters.rx_bad_checksum),
            WireError::Unsupported => count(&mut self.counters.rx_unsupported),
            WireError::Truncated | WireError::Malformed => count(&mut self.counters.rx_malformed),
        }
    }

    fn receive_arp<E: Env + ?Sized>(&mut self, now: Instant, iface: usize, packet: &[u8], env: &mut E) {
        let repr = match arp::parse(packet) {
            Ok(r) => r,
            Err(e) => return self.count_error(e),
        };
        // Before the filter, which drops a sender using our own address.
        self.dhcp_arp_seen(iface, repr.sender_ip, repr.sender_mac);
        let Some(&ep) = self.endpoint_on(iface, None) else {
            count(&mut self.counters.rx_not_for_us);
            return;
        };
        let sender = filter::arp_sender(&self.endpoints, repr.sender_ip, repr.sender_mac);
        if sender == ArpSender::Bogus {
            count(&mut self.counters.rx_martian);
            return;
        }
        let for_us = repr.target_ip == ep.ip;
        let mut learn = sender == ArpSender::Usable;
        if learn && self.arp.unsolicited_change(repr.sender_ip, repr.sender_mac, now) {
            // Someone claims a known host's address for another MAC without
            // being asked: keep the entry, and ask the address (a solicited
            // answer may then change it, if the host really moved).
            count(&mut self.counters.arp_conflicts);
            learn = false;
            let ttl = self.cfg.get().ttl;
            let mut out =
                Self::output(&self.endpoints, &mut self.arp, &mut self.ident, &mut self.counters, env, now, ttl);
            if out.arp.should_request(repr.sender_ip, now) {
                out.send_arp_request(&ep, repr.sender_ip);
            }
        }
        if for_us && learn {
            self.arp.insert(repr.sender_ip, repr.sender_mac, now);
        } else if learn {
            self.arp.refresh(repr.sender_ip, repr.sender_mac, now);
        }
        if for_us && repr.op == arp::ArpOp::Request {
            let ttl = self.cfg.get().ttl;
            let mut out =
                Self::output(&self.endpoints, &mut self.arp, &mut self.ident, &mut self.counters, env, now, ttl);
            out.send_arp(&ep, repr.sender_mac, arp::ArpOp::Reply, repr.sender_mac, repr.sender_ip);
        }
        if for_us && learn {
            // A resolved address may unblock connections waiting for it.
            self.poll(now, env);
        }
    }

    /// The first end-point that is up on interface `iface` (and has
    /// address `ip`, if given).
    fn endpoint_on(&self, iface: usize, ip: Option<Ipv4Addr>) -> Option<&Endpoint> {
        self.endpoints.iter().find(|e| e.interface == iface && e.up && ip.is_none_or(|ip| ip == e.ip))
    }

    // Out of line: the IP task reaches the frame input from more than one
    // place, and an inlined copy of this path at each cost 380 B (measured).
    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn receive_ipv4<E: Env + ?Sized>(
        &mut self,
        now: Instant,
        iface: usize,
        eth: &ethernet::EthernetRepr,
        frame: &[u8],
        packet: &[u8],
        owner: Option<FrameToken>,
        env: &mut E,
    ) -> bool {
        let (ip, payload) = match ipv4::parse(packet) {
            Ok(v) => v,
            Err(WireError::Unsupported) => {
                // Fragments are dropped, as upstream does (reference §5).
                count(&mut self.counters.rx_fragments);
                return false;
            }
            Err(e) => {
                self.count_error(e);
                return false;
            }
        };
        // A DHCP server's message may be sent to the address it offers,
        // which no end-point has yet: the client looks at port 68 first.
        // (Pure: asked once for the DHCP client and for the checks below.)
        let martian = filter::martian_source(&self.endpoints, ip.src);
        if ip.protocol == ipv4::PROTO_UDP
            && self.dhcp_listening(iface)
            && !martian
            && self.dhcp_receive(now, iface, (eth.src, eth.dst), ip.src, ip.dst, payload, env)
        {
            return false;
        }
        // Broadcasts (the limited one or an end-point's subnet broadcast)
        // are for us only as UDP (DHCP and other UDP services need them).
        let ep = match self.endpoint_on(iface, Some(ip.dst)) {
            Some(ep) => Some(ep),
            None if ip.protocol == ipv4::PROTO_UDP => {
                self.endpoint_on(iface, None).filter(|e| ip.dst.is_broadcast() || ip.dst == e.broadcast())
            }
            None => None,
        };
        let Some(ep) = ep else {
            count(&mut self.counters.rx_not_for_us);
            return false;
        };
        if !filter::link_destination_ok(ep, eth.dst, ip.dst) || martian {
            count(&mut self.counters.rx_martian);
            return false;
        }
        match ip.protocol {
            ipv4::PROTO_ICMP => self.receive_icmp(now, ip.dst, ip.src, eth.src, payload, env),
            ipv4::PROTO_TCP if self.tcp_on() => self.receive_tcp(now, ip.src, ip.dst, eth.src, payload, env),
            ipv4::PROTO_UDP => return self.receive_udp(ip.src, ip.dst, frame, payload, owner, env),
            _ => count(&mut self.counters.rx_unsupported),
        }
        false
    }

    fn receive_icmp<E: Env + ?Sized>(
        &mut self,
        now: Instant,
        dst: Ipv4Addr,
        src: Ipv4Addr,
        src_mac: MacAddr,
        packet: &[u8],
        env: &mut E,
    ) {
        let (repr, data) = match icmp::parse(packet) {
            Ok(v) => v,
            Err(e) => {
                if e == WireError::Checksum && packet.first() == Some(&icmp::TYPE_ECHO_REPLY) {
                    self.receive_echo_reply(packet, false);
                }
                return self.count_error(e);
            }
        };
        if repr.ty == icmp::TYPE_ECHO_REPLY && repr.code == 0 {
            return self.receive_echo_reply(packet, true);
        }
        if repr.ty != icmp::TYPE_ECHO_REQUEST || repr.code != 0 {
            return;
        }
        if !filter::echo_reply_fits(data.len()) {
            count(&mut self.counters.icmp_echo_too_big);
            return;
        }
        // The reply goes to the MAC the cache knows for the sender; without
        // an entry, back to the MAC the request came from (the sender, or
        // the router that brought it), as upstream does: no ARP round trip,
        // so a ping is answered even right after the cache was emptied, and
        // nothing is learned (a spoofed frame cannot redirect replies to a
        // known host). Never to a group address.
        if !src_mac.is_unicast() {
            count(&mut self.counters.rx_martian);
            return;
        }
        let to_mac = *self.arp.lookup_ref(src, now).unwrap_or(&src_mac);
        let reply = icmp::IcmpRepr { ty: icmp::TYPE_ECHO_REPLY, code: 0, rest: repr.rest };
        let ttl = self.cfg.get().ttl;
        let mut out = Self::output(&self.endpoints, &mut self.arp, &mut self.ident, &mut self.counters, env, now, ttl);
        if out.send_icmp_via(dst, src, Some(&to_mac), &reply, data) {
            count(&mut self.counters.icmp_echo_replies);
        }
    }

    fn receive_tcp<E: Env + ?Sized>(
        &mut self,
        now: Instant,
        src: Ipv4Addr,
        dst: Ipv4Addr,
        src_mac: MacAddr,
        packet: &[u8],
        env: &mut E,
    ) {
        let verify = self.cfg.get().verify_rx_checksums;
        let mut repr = TcpRepr::default();
        let payload = match tcp::parse_into(packet, src, dst, verify, &mut repr) {
            Ok(v) => v,
            Err(e) => return self.count_error(e),
        };
        // The IPv4 input path: from here on the connection's addresses are
        // family-neutral.
        let remote = SockAddr::v4(src, repr.src_port);
        let local = SockAddr::v4(dst, repr.dst_port);
        let (connection, listener) = self.find_tcp(local, remote);
        let refuse = if let Some(id) = connection {
            self.learn_sender(now, src, src_mac);
            self.segment_poll(now, id, Some((&repr, payload)), env);
            false
        } else if let Some(tw) = self.time_wait_for(local, remote) {
            // RFC 9293 §3.10.7.4: a FIN retransmitted into TIME-WAIT is
            // acknowledged again; anything else gets the usual answer.
            // (Matched by reference: the segment is not moved out of
            // the `Option`.)
            match &tw.reply(&repr, payload.len()) {
                Some(ack) => {
                    self.send_bare(now, local, remote, ack, env);
                    false
                }
                None => true,
            }
        } else if let Some(listener) = listener {
            if repr.flags.contains(TcpFlags::SYN) && !repr.flags.intersects(TcpFlags::ACK | TcpFlags::RST) {
                self.learn_sender(now, src, src_mac);
            }
            self.segment_to_listener(now, listener, local, remote, (&repr, payload), env)
        } else {
            true
        };
        if refuse {
            self.send_reset(now, local, remote, &repr, payload.len(), env);
        }
        self.reap(now, env);
    }

    /// The socket whose connection matches the 4-tuple exactly, else the
    /// port's listener (each the first in the port's order): one pass over
    /// the sockets bound to the port serves both.
    fn find_tcp(&self, local: SockAddr, remote: SockAddr) -> (Option<SocketId>, Option<SocketId>) {
        let mut listener = None;
        for id in self.sockets.bound_to(Protocol::Tcp, local.port) {
            let Some(s) = self.sockets.get(id) else { continue };
            let Some(tcp) = s.tcp() else { continue };
            if s.closing {
                continue;
            }
            let st = tcp.tcb.state();
            if st == TcpState::Listen {
                listener = listener.or(Some(id));
                continue;
            }
            if st == TcpState::Closed {
                continue;
            }
            let l = tcp.tcb.local();
            if tcp.tcb.remote() == remote && (l.addr == local.addr || l.addr.is_unspecified()) {
                return (Some(id), None);
            }
        }
        (None, listener)
    }

    /// A segment for a listening port (reference §3). Returns true when
    /// the answer is an RST (the caller sends it).
    fn segment_to_listener<E: Env + ?Sized>(
        &mut self,
        now: Instant,
        listener: SocketId,
        local: SockAddr,
        remote: SockAddr,
        (repr, payload): (&TcpRepr, &[u8]),
        env: &mut E,
    ) -> bool {
        let flags = repr.flags;
        if !flags.contains(TcpFlags::SYN) || flags.intersects(TcpFlags::ACK | TcpFlags::RST) {
            // An ACK may complete a handshake whose SYN got a SYN cookie.
            if flags.contains(TcpFlags::ACK) && !flags.intersects(TcpFlags::SYN | TcpFlags::RST) {
                if let Some(cookie) = self.check_syn_cookie(now, local, remote, repr) {
                    return self.child_from_cookie(now, listener, local, remote, (repr, payload), cookie, env);
                }
            }
            // Only a SYN opens a connection; anything else gets an RST
            // (except an RST: `send_reset` never answers one).
            return true;
        }
        let Some(lsock) = self.sockets.get(listener) else { return false };
        let Some(ltcp) = lsock.tcp() else { return false };
        let (backlog, children, reuse) = (ltcp.backlog, ltcp.child_count, ltcp.reuse_listen);
        let iss = env.initial_sequence(local, remote);
        if iss == 0 {
            // The application refuses this connection (reference §1.5).
            return false;
        }
        // A REUSE listener takes the connection itself; otherwise a child
        // does.
        let target = if reuse {
            listener
        } else {
            if children >= backlog && self.send_syn_cookie(now, listener, local, remote, repr, env) {
                return false;
            }
            if children >= backlog && !self.evict_half_open(now, listener, env) {
                count(&mut self.counters.tcp_backlog_refusals);
                self.log_backlog_full(now, local.port, children, backlog, env);
                return true;
            }
            match self.new_child(listener, local.port) {
                Some(id) => id,
                None => {
                    // Upstream (prvHandleListen_IPV4): when FreeRTOS_socket()
                    // cannot make the child, it logs "new socket failed"
                    // (debug only) and sends an RST.
                    count(&mut self.counters.tcp_child_no_memory);
                    return true;
                }
            }
        };
        let Some(tcp) = self.sockets.get_mut(target).and_then(Socket::tcp_mut) else { return false };
        tcp.tcb.accept_syn(now, local, remote, repr, iss);
        tcp.pass_queued = true;
        self.segment_poll(now, target, None, env);
        false
    }

    /// The child for an ACK that carried a valid SYN cookie (`synflood.rs`):
    /// made in the place of the oldest half-open child when the backlog is
    /// full, then given the ACK (and any data with it), which establishes
    /// it. Returns true when the answer is an RST (no room, no memory).
    #[allow(clippy::too_many_arguments)]
    fn child_from_cookie<E: Env + ?Sized>(
        &mut self,
        now: Instant,
        listener: SocketId,
        local: SockAddr,
        remote: SockAddr,
        (repr, payload): (&TcpRepr, &[u8]),
        (iss, peer_mss, sack): (u32, u16, bool),
        env: &mut E,
    ) -> bool {
        let Some(ltcp) = self.sockets.get(listener).and_then(Socket::tcp) else { return false };
        if ltcp.child_count >= ltcp.backlog && !self.evict_half_open(now, listener, env) {
            count(&mut self.counters.tcp_backlog_refusals);
            return true;
        }
        let Some(child) = self.new_child(listener, local.port) else {
            count(&mut self.counters.tcp_child_no_memory);
            return true;
        };
        count(&mut self.counters.tcp_syn_cookies_accepted);
        let Some(tcp) = self.sockets.get_mut(child).and_then(Socket::tcp_mut) else { return false };
        tcp.tcb.accept_cookie(now, local, remote, repr, iss, peer_mss, sack);
        tcp.pass_queued = true;
        self.segment_poll(now, child, Some((repr, payload)), env);
        false
    }

    /// Makes a listener's child for a connection to `port`, counted against
    /// the listener's backlog; None when the heap cannot hold it. The child
    /// inherits the listener's settings (upstream's prvTCPSocketCopy).
    fn new_child(&mut self, listener: SocketId, port: u16) -> Option<SocketId> {
        let order = self.next_bind_order();
        let lsock = self.sockets.get(listener)?;
        let mut part = TcpPart::boxed(*lsock.tcp()?.tcb.config())?;
        part.parent = Some(listener);
        let mut child = Socket::new(Transport::Tcp(part), lsock.rcv_timeout, lsock.snd_timeout).with_port(port);
        child.bound_addr = lsock.bound_addr;
        child.bind_order = order;
        child.select = Self::select_inherit(lsock);
        child.callbacks = self.inherited_callbacks(listener);
        let id = self.sockets.insert(child)?;
        if let Some(l) = self.sockets.get_mut(listener).and_then(Socket::tcp_mut) {
            l.child_count = l.child_count.saturating_add(1);
        }
        Some(id)
    }

    /// Runs a connection: hands it `segment` if there is one, then polls
    /// it, and delivers the events that raised.
    pub(crate) fn segment_poll<E: Env + ?Sized>(
        &mut self,
        now: Instant,
        id: SocketId,
        segment: Option<(&TcpRepr, &[u8])>,
        env: &mut E,
    ) {
        let ttl = self.cfg.get().ttl;
        let counting = self.ext.tracking();
        let Some(tcp) = self.sockets.get_mut(id).and_then(Socket::tcp_mut) else { return };
        let mut out = Self::output(&self.endpoints, &mut self.arp, &mut self.ident, &mut self.counters, env, now, ttl);
        // Counted on the way out, for the metrics (stack::extensions); not
        // even wrapped when nothing is recorded.
        let mut counter;
        let out: &mut dyn crate::tcp::SegmentSink = if counting {
            counter = crate::stack::extensions::RetransmitCounter { inner: &mut out, ext: &mut tcp.ext };
            &mut counter
        } else {
            &mut out
        };
        if let Some((repr, payload)) = segment {
            tcp.tcb.on_segment(now, repr, payload, out);
        }
        tcp.tcb.poll(now, out);
        let ev = tcp.tcb.take_events();
        if tcp.parent.is_some() && matches!(tcp.tcb.state(), TcpState::Closed | TcpState::CloseWait) {
            // A child that died may have to go before accept() sees it.
            self.reap_due = true;
        }
        self.deliver_tcb_events(id, ev);
    }

    /// Answers a segment that has no connection with an RST (RFC 9293
    /// §3.10.7.1); never answers an RST.
    pub(crate) fn send_reset<E: Env + ?Sized>(
        &mut self,
        now: Instant,
        local: SockAddr,
        remote: SockAddr,
        repr: &TcpRepr,
        payload_len: usize,
        env: &mut E,
    ) {
        let Some(rst) = &reset_for(repr, payload_len) else { return };
        if self.send_bare(now, local, remote, rst, env) {
            count(&mut self.counters.tcp_resets_sent);
        }
    }

    /// Sends a segment without data that belongs to no socket; returns
    /// whether it went to the driver.
    pub(crate) fn send_bare<E: Env + ?Sized>(
        &mut self,
        now: Instant,
        local: SockAddr,
        remote: SockAddr,
        seg: &TcpRepr,
        env: &mut E,
    ) -> bool {
        let ttl = self.cfg.get().ttl;
        let mut out = Self::output(&self.endpoints, &mut self.arp, &mut self.ident, &mut self.counters, env, now, ttl);
        out.send_tcp(local, remote, seg, (&[], &[])).is_ok()
    }

    /// Turns a connection's events into socket wake-ups, and does the
    /// listener bookkeeping when a child is established.
    pub(crate) fn deliver_tcb_events(&mut self, id: SocketId, ev: TcbEvents) {
        if ev.is_empty() {
            return;
        }
        let mut bits = 0;
        if ev.contains(TcbEvents::RECEIVE) {
            bits |= event::RECEIVE;
        }
        if ev.contains(TcbEvents::SEND) {
            bits |= event::SEND;
        }
        if ev.contains(TcbEvents::CLOSED) {
            bits |= event::CLOSED | event::RECEIVE | event::SEND | event::CONNECT;
        }
        let mut accept_parent = None;
        if ev.contains(TcbEvents::CONNECTED) {
            bits |= event::CONNECT | event::SEND;
            let order = self.next_accept_order();
            if let Some(tcp) = self.sockets.get_mut(id).and_then(Socket::tcp_mut) {
                if tcp.pass_queued {
                    tcp.pass_queued = false;
                    tcp.pass_accept = true;
                    tcp.accept_order = order;
                    accept_parent = Some(tcp.parent.unwrap_or(id));
                }
            }
        }
        bits &= !self.callback_tcb_events(id, ev, accept_parent);
        self.wake(id, bits);
        if let Some(p) = accept_parent {
            self.wake(p, event::ACCEPT | event::RECEIVE);
        }
    }

    /// Frees what must go: sockets the application closed, and children that
    /// died before `accept()` took them (reference §3 "Children that die
    /// before accept()").
    /// Runs only when something may have to go (`reap_due`): a close, a
    /// child that died, a listener that went.
    pub(crate) fn reap<E: Env + ?Sized>(&mut self, now: Instant, env: &mut E) {
        if !core::mem::take(&mut self.reap_due) {
            return;
        }
        for index in 0..self.sockets.slot_count() {
            let Some(id) = self.sockets.id_at(index) else { continue };
            let Some(s) = self.sockets.get(id) else { continue };
            // A closing socket goes without the rest being looked at.
            let goes = s.closing
                || s.tcp().is_some_and(|t| {
                    let st = t.tcb.state();
                    let dead = st == TcpState::Closed || st == TcpState::CloseWait;
                    let queued = (t.pass_queued || t.pass_accept) && t.parent.is_some() && !t.reuse_listen;
                    // COMPAT (§14.5 row 13): an established child whose peer sent
                    // data and then FIN stays for accept(); one reset or empty goes.
                    let keep_for_accept = t.pass_accept && st == TcpState::CloseWait && t.tcb.rx_len() > 0;
                    dead && queued && !keep_for_accept
                });
            if goes {
                self.free_socket(now, id, env);
            }
        }
    }

    /// Releases a socket: aborts a live connection (an RST where it is
    /// still synchronized, §14.5 row 10), closes a listener's unaccepted
    /// children, and gives the parent's backlog slot back.
    pub(crate) fn free_socket<E: Env + ?Sized>(&mut self, now: Instant, id: SocketId, env: &mut E) {
        let ttl = self.cfg.get().ttl;
        let Some(mut sock) = self.sockets.remove(id) else { return };
        self.select_socket_freed(&sock);
        if let Some(u) = sock.udp_mut() {
            self.udp_drop_queue(u, env);
        }
        if let Some(tw) = sock.tcp().and_then(|t| t.tcb.time_wait()) {
            self.remember_time_wait(now, tw);
        }
        if let Some(tcp) = sock.tcp_mut() {
            let mut out =
                Self::output(&self.endpoints, &mut self.arp, &mut self.ident, &mut self.counters, env, now, ttl);
            // Only the RST: the connection goes with the socket.
            tcp.tcb.send_abort_reset(&mut out);
            if let Some(parent) = tcp.parent {
                if let Some(p) = self.sockets.get_mut(parent).and_then(Socket::tcp_mut) {
                    p.child_count = p.child_count.saturating_sub(1);
                }
            }
            // (Not the connection's state: this ran after a full abort, which
            // left every connection Closed, so only the listener fields
            // ever decided.)
            if tcp.backlog > 0 || tcp.child_count > 0 {
                // Closing a listener also closes its children that were never
                // accepted; accepted ones belong to the application.
                for (_, s) in self.sockets.iter_mut() {
                    let mut unaccepted = false;
                    if let Some(t) = s.tcp_mut().filter(|t| t.parent == Some(id)) {
                        unaccepted = t.pass_queued || t.pass_accept;
                        t.parent = None;
                    }
                    if unaccepted {
                        s.closing = true;
                        self.reap_due = true;
                    }
                }
            }
        }
        // Anyone still blocked on this socket's event group must re-check:
        // the table remembers the freed slot for `take_one_freed`.
    }
}
