//! The DHCP client on the virtual clock against a scripted server: lease,
//! hook phases and answers, renewal at T1, rebinding at T2, expiry, NAK,
//! lost OFFERs and ACKs, and replies that must be ignored.
use alloc::vec;
use alloc::vec::Vec;

use super::dhcp::{Addresses, Answer, Phase, State, MAX_LEASE_S};
use super::testenv::{config, TestEnv, MAC_A, MAC_B};
use super::*;
use crate::wire::dhcp::{option, OPTIONS_OFFSET};
use crate::wire::{dhcp as wdhcp, ethernet, ipv4, udp};

const SERVER: Ipv4Addr = Ipv4Addr([192, 0, 2, 1]);
const OFFERED: Ipv4Addr = Ipv4Addr([192, 0, 2, 50]);
const STATIC: Addresses = Addresses {
    ip: Ipv4Addr([192, 0, 2, 10]),
    netmask: Ipv4Addr([255, 255, 255, 0]),
    gateway: Ipv4Addr([192, 0, 2, 254]),
    dns: Ipv4Addr([192, 0, 2, 253]),
};

/// A message the client sent.
#[derive(Debug)]
struct Sent {
    eth_dst: MacAddr,
    src: Ipv4Addr,
    dst: Ipv4Addr,
    kind: u8,
    xid: u32,
    flags: u16,
    ciaddr: Ipv4Addr,
    msg: Vec<u8>,
}

impl Sent {
    fn option(&self, code: u8) -> Option<Vec<u8>> {
        let o = &self.msg[OPTIONS_OFFSET..];
        let mut at = 0;
        while at < o.len() && o[at] != option::END {
            if o[at] == option::PAD {
                at += 1;
                continue;
            }
            let len = o[at + 1] as usize;
            if o[at] == code {
                return Some(o[at + 2..at + 2 + len].to_vec());
            }
            at += 2 + len;
        }
        None
    }
}

struct Client {
    s: Stack,
    env: TestEnv,
    now: Instant,
}

impl Client {
    fn new(hook: bool) -> Client {
        let mut s = Stack::new(config());
        s.add_endpoint(Endpoint {
            ip: STATIC.ip,
            netmask: STATIC.netmask,
            gateway: STATIC.gateway,
            dns: STATIC.dns,
            mac: MAC_A,
            interface: 0,
            up: false,
        });
        assert!(s.dhcp_enable(0, STATIC));
        s.dhcp.settings.hook = hook;
        let mut c = Client { s, env: TestEnv::new(5), now: Instant(0) };
        c.s.set_interface_up(0, true);
        c.s.dhcp_interface_up(0, c.now);
        c
    }

    fn ep(&self) -> Endpoint {
        self.s.endpoints[0]
    }

    fn state(&self) -> State {
        self.s.dhcp_state(0).unwrap()
    }

    /// Advances to `ms` (absolute), stopping at every deadline.
    fn run_to(&mut self, ms: u32) {
        let end = Instant(ms);
        loop {
            self.s.poll(self.now, &mut self.env);
            let next = self.s.next_deadline(self.now).filter(|t| self.now.is_before(*t) && t.reached(end));
            match next {
                Some(t) => self.now = t,
                None => break,
            }
        }
        self.now = end;
        self.s.poll(self.now, &mut self.env);
    }

    /// The client's messages sent since the last call.
    fn sent(&mut self) -> Vec<Sent> {
        let mut v = Vec::new();
        for f in core::mem::take(&mut self.env.out) {
            let (eth, p) = ethernet::parse(&f).unwrap();
            let (ip, d) = ipv4::parse(p).unwrap();
            assert_eq!(ip.protocol, ipv4::PROTO_UDP);
            let (u, payload) = udp::parse(d, ip.src, ip.dst, true).unwrap();
            assert!(!u.checksum_absent);
            assert_eq!((u.src_port, u.dst_port), (68, 67));
            assert_eq!(eth.src, MAC_A);
            let msg = payload.to_vec();
            assert_eq!(&msg[28..34], &MAC_A.0);
            v.push(Sent {
                eth_dst: eth.dst,
                src: ip.src,
                dst: ip.dst,
                kind: wdhcp::message_type_code(&msg).unwrap(),
                xid: u32::from_be_bytes(msg[4..8].try_into().unwrap()),
                flags: wdhcp::flags(&msg),
                ciaddr: Ipv4Addr(msg[12..16].try_into().unwrap()),
                msg,
            });
        }
        v
    }

    /// The notices the IP task would deliver, in order.
    fn notices(&mut self) -> Vec<Notice> {
        core::iter::from_fn(|| self.s.next_notice()).collect()
    }

    /// A server message (`kind`) to `dst` (IP and MAC) with `options`.
    fn deliver(&mut self, kind: u8, xid: u32, yiaddr: Ipv4Addr, dst: (Ipv4Addr, MacAddr), options: &[(u8, &[u8])]) {
        let mut m = vec![0u8; OPTIONS_OFFSET];
        m[0] = 2;
        m[1] = 1;
        m[2] = 6;
        m[4..8].copy_from_slice(&xid.to_be_bytes());
        m[16..20].copy_from_slice(&yiaddr.0);
        m[28..34].copy_from_slice(&MAC_A.0);
        m[236..240].copy_from_slice(&wdhcp::COOKIE.to_be_bytes());
        m.extend_from_slice(&[option::MESSAGE_TYPE, 1, kind]);
        for (code, body) in options {
            m.push(*code);
            m.push(body.len() as u8);
            m.extend_from_slice(body);
        }
        m.push(option::END);
        self.deliver_raw(&m, dst);
    }

    fn deliver_raw(&mut self, m: &[u8], dst: (Ipv4Addr, MacAddr)) {
        let from = SockAddr::v4(SERVER, wdhcp::SERVER_PORT);
        let to = SockAddr::v4(dst.0, wdhcp::CLIENT_PORT);
        let f = super::testenv::udp_frame(from, to, dst.1, m);
        self.s.receive_frame(self.now, 0, &f, &mut self.env);
    }

    fn offer(&mut self, xid: u32) {
        self.deliver(2, xid, OFFERED, (OFFERED, MAC_A), &lease_options(120, None));
    }

    fn ack(&mut self, xid: u32, dst: Ipv4Addr, options: &[(u8, &[u8])]) {
        self.deliver(5, xid, OFFERED, (dst, MAC_A), options);
    }
}

const MASK: [u8; 4] = [255, 255, 255, 0];
const ROUTER: [u8; 4] = [192, 0, 2, 1];
const DNS: [u8; 4] = [192, 0, 2, 9];
static SERVER_ID: [u8; 4] = [192, 0, 2, 1];

/// Server id, mask, router, DNS, lease `secs` and optionally T1/T2.
fn lease_options(secs: u32, t1_t2: Option<(u32, u32)>) -> Vec<(u8, &'static [u8])> {
    let lease: &'static [u8] = alloc::boxed::Box::leak(alloc::boxed::Box::new(secs.to_be_bytes()));
    let mut v: Vec<(u8, &'static [u8])> = vec![
        (option::SERVER_ID, &SERVER_ID),
        (option::SUBNET_MASK, &MASK),
        (option::ROUTER, &ROUTER),
        (option::DNS, &DNS),
        (option::LEASE_TIME, lease),
    ];
    if let Some((t1, t2)) = t1_t2 {
        v.push((option::RENEWAL_T1, alloc::boxed::Box::leak(alloc::boxed::Box::new(t1.to_be_bytes()))));
        v.push((option::REBINDING_T2, alloc::boxed::Box::leak(alloc::boxed::Box::new(t2.to_be_bytes()))));
    }
    v
}

/// Runs a client without hook to a lease of `secs` (T1/T2 given or not);
/// returns it at the moment of the ACK.
fn leased(secs: u32, t1_t2: Option<(u32, u32)>) -> Client {
    let mut c = Client::new(false);
    c.run_to(250);
    let d = c.sent().pop().unwrap();
    c.offer(d.xid);
    let r = c.sent().pop().unwrap();
    c.ack(r.xid, OFFERED, &lease_options(secs, t1_t2));
    assert_eq!(c.state(), State::Bound);
    c.notices();
    c
}

#[test]
fn lease_obtained_with_hook_phases_and_upstream_timing() {
    let mut c = Client::new(true);
    // The end-point has no address and is down until the lease.
    assert_eq!(c.ep().ip, Ipv4Addr::UNSPECIFIED);
    assert!(!c.ep().up);
    assert_eq!(c.notices(), vec![Notice::EndpointAddresses(0)]);
    assert_eq!(c.s.next_deadline(c.now), Some(Instant(250)));
    c.run_to(249);
    assert!(c.sent().is_empty() && c.notices().is_empty());
    c.run_to(250);
    // The hook is asked first (with the static address), nothing is sent.
    assert!(c.sent().is_empty());
    assert_eq!(c.notices(), vec![Notice::DhcpHook { endpoint: 0, phase: Phase::PreDiscover, ip: STATIC.ip }]);
    assert_eq!(c.state(), State::AskingDiscover);
    c.s.dhcp_answer(0, Phase::PreDiscover, Answer::Continue, c.now, &mut c.env);
    let d = c.sent();
    assert_eq!(d.len(), 1);
    let d = &d[0];
    assert_eq!((d.kind, d.src, d.dst, d.eth_dst), (1, Ipv4Addr::UNSPECIFIED, Ipv4Addr::BROADCAST, MacAddr::BROADCAST));
    assert_eq!(d.flags, 0, "the first DISCOVER has the broadcast flag clear, as upstream");
    assert_eq!(d.option(option::PARAMETER_LIST), Some(vec![1, 3, 6]));
    assert_eq!(d.option(option::CLIENT_ID), Some(vec![1, 2, 0, 0, 0, 0, 0x10]));
    assert_eq!(d.msg.len(), 300);
    // OFFER unicast to the address we do not have yet.
    c.offer(d.xid);
    assert!(c.sent().is_empty(), "the hook is asked before the REQUEST");
    assert_eq!(c.notices(), vec![Notice::DhcpHook { endpoint: 0, phase: Phase::PreRequest, ip: OFFERED }]);
    c.s.dhcp_answer(0, Phase::PreRequest, Answer::Continue, c.now, &mut c.env);
    let r = c.sent().pop().unwrap();
    assert_eq!((r.kind, r.xid, r.src, r.dst), (3, d.xid, Ipv4Addr::UNSPECIFIED, Ipv4Addr::BROADCAST));
    assert_eq!(r.option(option::REQUESTED_IP), Some(OFFERED.0.to_vec()));
    assert_eq!(r.option(option::SERVER_ID), Some(SERVER.0.to_vec()));
    assert_eq!(r.ciaddr, Ipv4Addr::UNSPECIFIED);
    c.ack(r.xid, OFFERED, &lease_options(120, None));
    let e = c.ep();
    assert_eq!((e.ip, e.netmask, e.gateway, e.dns, e.up), (OFFERED, Ipv4Addr(MASK), Ipv4Addr(ROUTER), Ipv4Addr(DNS), true));
    assert_eq!(c.notices(), vec![Notice::EndpointAddresses(0), Notice::EndpointUp(0)]);
    assert_eq!(c.state(), State::Bound);
    // Renewal at half the 120 s lease.
    assert_eq!(c.s.next_deadline(c.now), Some(c.now + Duration(60_000)));
    let ctr = c.s.dhcp_counters();
    assert_eq!((ctr.discovers, ctr.requests, ctr.acks), (1, 1, 1));
}

#[test]
fn without_a_server_discovers_double_then_the_static_configuration_for_good() {
    let mut c = Client::new(false);
    c.notices();
    let mut times = Vec::new();
    let mut xids = Vec::new();
    let mut flags = Vec::new();
    let mut t = 0;
    while t < 40_000 {
        t += 250;
        c.run_to(t);
        for s in c.sent() {
            assert_eq!(s.kind, 1);
            times.push(c.now.0);
            xids.push(s.xid);
            flags.push(s.flags);
        }
        assert_eq!(c.ep().ip, if c.state() == State::Static { STATIC.ip } else { Ipv4Addr::UNSPECIFIED });
    }
    // +0, +5 s, +15 s after the first (reference §14.8), a new xid each,
    // the broadcast flag off/on/off; the next period (40 s) passes the
    // 30 s cap: the static configuration, with eNetworkUp.
    assert_eq!(times, vec![250, 5_250, 15_250]);
    assert!(xids[0] != xids[1] && xids[1] != xids[2]);
    assert_eq!(flags, vec![0, 0x8000, 0]);
    assert_eq!(c.state(), State::Static);
    let e = c.ep();
    assert_eq!((e.ip, e.netmask, e.gateway, e.dns, e.up), (STATIC.ip, STATIC.netmask, STATIC.gateway, STATIC.dns, true));
    assert_eq!(c.notices(), vec![Notice::EndpointAddresses(0), Notice::EndpointUp(0)]);
    assert_eq!(c.s.dhcp_counters().fallbacks, 1);
    // Never again (until the interface goes down and up).
    c.run_to(600_000);
    assert!(c.sent().is_empty());
    assert_eq!(c.s.next_deadline(c.now), None);
    // A new cycle after the network went down and up.
    c.s.set_interface_up(0, false);
    c.s.dhcp_interface_down(0);
    c.s.set_interface_up(0, true);
    c.s.dhcp_interface_up(0, c.now);
    assert_eq!(c.ep().ip, Ipv4Addr::UNSPECIFIED);
    c.run_to(c.now.0 + 250);
    assert_eq!(c.sent().len(), 1);
}

#[test]
fn fallback_happens_at_35_25_s() {
    let mut c = Client::new(false);
    c.run_to(35_249);
    assert_eq!(c.state(), State::Selecting);
    c.run_to(35_250);
    assert_eq!(c.state(), State::Static);
}

#[test]
fn lost_acks_are_retried_with_the_same_xid_then_discovery_restarts() {
    let mut c = Client::new(false);
    c.run_to(250);
    let d = c.sent().pop().unwrap();
    c.offer(d.xid);
    let r = c.sent().pop().unwrap();
    assert_eq!(r.kind, 3);
    let t0 = c.now.0;
    let mut seen = Vec::new();
    let mut t = t0;
    while t < t0 + 36_000 {
        t += 250;
        c.run_to(t);
        for s in c.sent() {
            seen.push((c.now.0 - t0, s.kind, s.xid == r.xid));
        }
    }
    assert_eq!(seen, vec![(5_000, 3, true), (15_000, 3, true), (35_000, 1, false)]);
    assert_eq!(c.state(), State::Selecting);
}

#[test]
fn lost_offer_is_retried_and_a_late_offer_for_the_old_xid_ignored() {
    let mut c = Client::new(false);
    c.run_to(250);
    let first = c.sent().pop().unwrap();
    c.run_to(5_250);
    let second = c.sent().pop().unwrap();
    assert_eq!(second.kind, 1);
    c.offer(first.xid);
    assert!(c.sent().is_empty());
    assert_eq!(c.s.dhcp_counters().wrong_transaction, 1);
    c.offer(second.xid);
    assert_eq!(c.sent().pop().unwrap().kind, 3);
}

#[test]
fn renews_at_t1_by_unicast_rebinds_at_t2_by_broadcast_and_loses_the_lease_at_expiry() {
    let mut c = leased(120, Some((50, 100)));
    let t0 = c.now.0;
    c.run_to(t0 + 49_999);
    assert!(c.sent().is_empty());
    c.run_to(t0 + 50_000);
    let r = c.sent();
    assert_eq!(r.len(), 1);
    let r = &r[0];
    // RFC 2131 §4.4.5: to the server, from our address, ciaddr set, no
    // requested-IP or server-id option.
    assert_eq!((r.kind, r.src, r.dst, r.ciaddr, r.eth_dst), (3, OFFERED, SERVER, OFFERED, MAC_B));
    assert_eq!(r.option(option::REQUESTED_IP), None);
    assert_eq!(r.option(option::SERVER_ID), None);
    assert_eq!(c.state(), State::Renewing);
    // Unanswered: retried (same xid), until T2 ...
    let mut renewals = vec![r.xid];
    let mut t = t0 + 50_000;
    while t < t0 + 99_750 {
        t += 250;
        c.run_to(t);
        for s in c.sent() {
            assert_eq!((s.dst, s.xid), (SERVER, r.xid));
            renewals.push(s.xid);
        }
    }
    assert!(renewals.len() >= 3, "{renewals:?}");
    c.run_to(t0 + 100_000);
    let b = c.sent();
    assert_eq!(b.len(), 1);
    assert_eq!((b[0].dst, b[0].eth_dst, b[0].ciaddr, b[0].src), (Ipv4Addr::BROADCAST, MacAddr::BROADCAST, OFFERED, OFFERED));
    assert_eq!(c.state(), State::Rebinding);
    // ... and at the lease's end the address is gone (no eNetworkUp, no
    // eNetworkDown: as upstream), and discovery starts again.
    c.run_to(t0 + 119_999);
    assert_eq!(c.ep().ip, OFFERED);
    c.sent();
    c.notices();
    c.run_to(t0 + 120_000);
    assert_eq!(c.ep().ip, Ipv4Addr::UNSPECIFIED);
    assert!(!c.ep().up);
    assert_eq!(c.notices(), vec![Notice::EndpointAddresses(0)]);
    let d = c.sent();
    assert_eq!(d.last().unwrap().kind, 1);
    assert_eq!(c.state(), State::Selecting);
}

/// Advances `ticks` (any number), in steps the wrapping clock can order.
fn advance(c: &mut Client, ticks: u64) {
    let mut left = ticks;
    while left > 0 {
        let step = left.min(1 << 29);
        left -= step;
        c.run_to(c.now.0.wrapping_add(step as u32));
    }
}

/// A lease longer than the 32-bit clock's order reaches (2^31 ticks, 24.8
/// days at 1 kHz), renewed once: the client wakes every `time::HORIZON`,
/// sees T1 is still ahead and waits on, and renews exactly at T1; the
/// second lease's T2 and end lie beyond the clock's wrap, and rebinding and
/// the loss of the address come exactly at them.
#[test]
fn a_lease_longer_than_the_clock_reaches_is_waited_for_in_steps() {
    let secs: u32 = 45 * 24 * 3600;
    let lease = u64::from(secs) * 1000; // ticks at 1 kHz: 3.9e9
    let (t1, t2) = (lease / 2, lease * 7 / 8);
    assert!(lease > 1 << 31 && t1 > u64::from(crate::time::HORIZON.0));
    let mut c = leased(secs, None);
    let t0 = c.now;
    // The first wake-up is a step, not T1.
    assert_eq!(c.s.next_deadline(c.now), Some(t0 + crate::time::HORIZON));
    advance(&mut c, t1 - 1);
    assert!(c.sent().is_empty());
    assert_eq!(c.state(), State::Bound);
    advance(&mut c, 1);
    let r = c.sent();
    assert_eq!((r.len(), r[0].kind, r[0].dst), (1, 3, SERVER));
    assert_eq!(c.state(), State::Renewing);
    assert_eq!(c.now.since(t0).0 as u64, t1);
    // The renewal's ACK: a new lease from here, ending after the wrap.
    c.ack(r[0].xid, OFFERED, &lease_options(secs, None));
    assert_eq!(c.state(), State::Bound);
    let t0 = c.now;
    assert!(u64::from(t0.0) + lease > 1 << 32, "the second lease ends after the wrap");
    advance(&mut c, t1);
    assert_eq!(c.state(), State::Renewing);
    // Nobody answers: renewals until T2, then rebinding, exactly at T2.
    advance(&mut c, t2 - t1 - 1);
    assert_eq!(c.state(), State::Renewing);
    assert!(c.sent().iter().all(|s| s.dst == SERVER));
    advance(&mut c, 1);
    assert_eq!(c.state(), State::Rebinding);
    let b = c.sent();
    assert_eq!((b.len(), b[0].dst), (1, Ipv4Addr::BROADCAST));
    assert!(c.now.0 < t0.0, "rebinding after the wrap");
    advance(&mut c, lease - t2 - 1);
    assert_eq!(c.ep().ip, OFFERED);
    c.notices();
    advance(&mut c, 1);
    assert_eq!(c.ep().ip, Ipv4Addr::UNSPECIFIED);
    assert_eq!(c.notices(), vec![Notice::EndpointAddresses(0)]);
    assert_eq!(c.state(), State::Selecting);
}

/// A lease longer than the client counts (100 days; it counts 49.7):
/// taken as a 49.7-day lease, so the client still renews at its half and
/// rebinds at 7/8 instead of dropping the address at 49.7 days unrenewed
/// (T1 and T2 of the whole lease would both lie beyond what it counts).
#[test]
fn a_lease_longer_than_the_client_counts_is_still_renewed() {
    let secs: u32 = 100 * 24 * 3600;
    // In ticks at 1 kHz; T1 and T2 in whole seconds, as the client derives them.
    let counted = u64::from(MAX_LEASE_S) * 1000;
    let (t1, t2) = (u64::from(MAX_LEASE_S / 2) * 1000, ((u64::from(MAX_LEASE_S) * 7) >> 3) * 1000);
    let mut c = leased(secs, None);
    let t0 = c.now;
    advance(&mut c, t1 - 1);
    assert!(c.sent().is_empty());
    assert_eq!(c.state(), State::Bound);
    advance(&mut c, 1);
    let r = c.sent();
    assert_eq!((r.len(), r[0].kind, r[0].dst), (1, 3, SERVER), "the renewal at half the counted lease");
    assert_eq!(c.now.since(t0).0 as u64, t1);
    // Nobody answers: rebinding at 7/8, the address kept until the end.
    advance(&mut c, t2 - t1 - 1);
    assert_eq!(c.state(), State::Renewing);
    advance(&mut c, 1);
    assert_eq!(c.state(), State::Rebinding);
    advance(&mut c, counted - t2 - 1);
    assert_eq!(c.ep().ip, OFFERED);
}

#[test]
fn a_renewal_ack_extends_the_lease_and_raises_network_up_again() {
    let mut c = leased(120, None);
    let t0 = c.now.0;
    c.run_to(t0 + 60_000);
    let r = c.sent().pop().unwrap();
    assert_eq!(c.state(), State::Renewing);
    c.ack(r.xid, OFFERED, &lease_options(120, None));
    assert_eq!(c.state(), State::Bound);
    assert_eq!(c.notices(), vec![Notice::EndpointAddresses(0), Notice::EndpointUp(0)]);
    assert_eq!(c.s.next_deadline(c.now), Some(Instant(t0 + 120_000)));
    // Well past the first lease's end: still ours.
    c.run_to(t0 + 119_000);
    assert_eq!(c.ep().ip, OFFERED);
}

#[test]
fn nak_restarts_discovery() {
    // While requesting.
    let mut c = Client::new(false);
    c.run_to(250);
    let d = c.sent().pop().unwrap();
    c.offer(d.xid);
    let r = c.sent().pop().unwrap();
    c.deliver(6, r.xid, Ipv4Addr::UNSPECIFIED, (Ipv4Addr::BROADCAST, MacAddr::BROADCAST), &[(option::SERVER_ID, &SERVER_ID)]);
    let again = c.sent().pop().unwrap();
    assert_eq!(again.kind, 1);
    assert_ne!(again.xid, r.xid);
    assert_eq!(c.s.dhcp_counters().naks, 1);
    // While renewing: the address goes.
    let mut c = leased(120, None);
    let t0 = c.now.0;
    c.run_to(t0 + 60_000);
    let r = c.sent().pop().unwrap();
    c.deliver(6, r.xid, Ipv4Addr::UNSPECIFIED, (OFFERED, MAC_A), &[]);
    assert_eq!(c.ep().ip, Ipv4Addr::UNSPECIFIED);
    assert_eq!(c.state(), State::Selecting);
    assert_eq!(c.sent().pop().unwrap().kind, 1);
}

#[test]
fn hook_answers_use_the_static_configuration() {
    for (phase, answer) in [
        (Phase::PreDiscover, Answer::UseDefaults),
        (Phase::PreDiscover, Answer::StopNoChanges),
        (Phase::PreRequest, Answer::UseDefaults),
        (Phase::PreRequest, Answer::StopNoChanges),
    ] {
        let mut c = Client::new(true);
        c.run_to(250);
        c.notices();
        if phase == Phase::PreRequest {
            c.s.dhcp_answer(0, Phase::PreDiscover, Answer::Continue, c.now, &mut c.env);
            let d = c.sent().pop().unwrap();
            c.offer(d.xid);
            c.notices();
        }
        c.s.dhcp_answer(0, phase, answer, c.now, &mut c.env);
        assert!(c.sent().is_empty(), "{phase:?} {answer:?}: nothing more is sent");
        let e = c.ep();
        // The static DNS server too, not the OFFER's (reference §14.8).
        assert_eq!((e.ip, e.dns, e.up), (STATIC.ip, STATIC.dns, true), "{phase:?} {answer:?}");
        assert_eq!(c.notices(), vec![Notice::EndpointAddresses(0), Notice::EndpointUp(0)]);
        assert_eq!(c.state(), State::Static);
        c.run_to(200_000);
        assert!(c.sent().is_empty());
        // A stale answer changes nothing.
        c.s.dhcp_answer(0, Phase::PreDiscover, Answer::Continue, c.now, &mut c.env);
        assert!(c.sent().is_empty());
    }
}

#[test]
fn bad_replies_are_ignored_and_counted() {
    let mut c = Client::new(false);
    c.run_to(250);
    let d = c.sent().pop().unwrap();
    let to = (OFFERED, MAC_A);
    c.deliver(2, d.xid ^ 1, OFFERED, to, &[]);
    c.deliver(2, d.xid, Ipv4Addr::UNSPECIFIED, to, &[]);
    c.deliver(2, d.xid, Ipv4Addr::BROADCAST, (Ipv4Addr::BROADCAST, MacAddr::BROADCAST), &[]);
    c.deliver(2, d.xid, Ipv4Addr([224, 0, 0, 9]), (Ipv4Addr::BROADCAST, MacAddr::BROADCAST), &[]);
    c.deliver(5, d.xid, OFFERED, to, &[]); // an ACK while selecting
    // Unicast to an address that is neither offered nor ours.
    c.deliver(2, d.xid, OFFERED, (Ipv4Addr([192, 0, 2, 77]), MAC_A), &[]);
    // An option running past the end; no end option.
    let mut m = vec![0u8; OPTIONS_OFFSET];
    m[0] = 2;
    m[1] = 1;
    m[2] = 6;
    m[4..8].copy_from_slice(&d.xid.to_be_bytes());
    m[28..34].copy_from_slice(&MAC_A.0);
    m[236..240].copy_from_slice(&wdhcp::COOKIE.to_be_bytes());
    let mut past_end = m.clone();
    past_end.extend_from_slice(&[53, 1, 2, 6, 40, 1, 2]);
    c.deliver_raw(&past_end, to);
    let mut no_end = m.clone();
    no_end.extend_from_slice(&[53, 1, 2]);
    c.deliver_raw(&no_end, to);
    c.deliver_raw(&m[..100], to);
    // Someone else's reply (another MAC).
    let mut other = m.clone();
    other[33] ^= 0xff;
    other.extend_from_slice(&[53, 1, 2, 255]);
    c.deliver_raw(&other, to);
    assert!(c.sent().is_empty());
    assert_eq!(c.state(), State::Selecting);
    assert_eq!(c.ep().ip, Ipv4Addr::UNSPECIFIED);
    let k = c.s.dhcp_counters();
    assert_eq!(
        (k.wrong_transaction, k.bad_address, k.unexpected, k.bad_options, k.bad_format, k.wrong_hardware_address),
        (1, 3, 2, 2, 1, 1)
    );
    // The real one still works.
    c.offer(d.xid);
    assert_eq!(c.sent().pop().unwrap().kind, 3);
}

#[test]
fn port_68_goes_to_sockets_when_no_client_listens() {
    let mut c = leased(120, None);
    // Bound: a server message for us is the client's (counted as
    // unexpected), but with DHCP stopped the normal UDP path sees it.
    c.deliver(2, 1, OFFERED, (OFFERED, MAC_A), &[]);
    assert_eq!(c.s.dhcp_counters().wrong_transaction, 1);
    c.s.dhcp_stop(0);
    let before = c.s.counters.udp_no_socket;
    c.deliver(2, 1, OFFERED, (OFFERED, MAC_A), &[]);
    assert_eq!(c.s.counters.udp_no_socket, before + 1);
    assert_eq!(c.s.next_deadline(c.now), None);
}

#[test]
fn lease_times_short_infinite_and_inconsistent() {
    // A 10 s lease counts as 60 s: renewal at 30 s, not 5 s.
    let c = leased(10, None);
    assert_eq!(c.s.next_deadline(c.now), Some(c.now + Duration(30_000)));
    // An infinite lease is never renewed.
    let mut c = leased(u32::MAX, None);
    assert_eq!(c.s.next_deadline(c.now), None);
    c.run_to(c.now.0 + 10_000_000);
    assert!(c.sent().is_empty());
    assert_eq!(c.ep().ip, OFFERED);
    // T1 after T2, T2 after the lease: the RFC's defaults (1/2, 7/8).
    let mut c = leased(800, Some((700, 900)));
    let t0 = c.now.0;
    assert_eq!(c.s.next_deadline(c.now), Some(Instant(t0 + 400_000)));
    c.run_to(t0 + 400_000);
    assert_eq!(c.state(), State::Renewing);
    c.run_to(t0 + 700_000);
    assert_eq!(c.state(), State::Rebinding);
}

#[test]
fn restart_starts_a_new_cycle_and_only_this_endpoint_has_a_client() {
    let mut c = leased(120, None);
    assert!(!c.s.dhcp_restart(1, c.now), "no end-point 1");
    assert!(c.s.dhcp_restart(0, c.now));
    assert_eq!(c.ep().ip, Ipv4Addr::UNSPECIFIED);
    assert_eq!(c.state(), State::InitialWait);
    assert_eq!(c.notices(), vec![Notice::EndpointAddresses(0)]);
    let t = c.now.0 + 250;
    c.run_to(t);
    assert_eq!(c.sent().pop().unwrap().kind, 1);
    // With the interface down a restart waits for it to come up.
    c.s.set_interface_up(0, false);
    c.s.dhcp_interface_down(0);
    assert!(c.s.dhcp_restart(0, c.now));
    assert_eq!(c.state(), State::Idle);
    c.run_to(t + 60_000);
    assert!(c.sent().is_empty());
}

#[test]
fn a_static_endpoint_on_the_same_interface_is_left_alone() {
    let mac1 = MacAddr([2, 0, 0, 0, 0, 0x21]);
    let mut s = Stack::new(config());
    let ep = |ip, mac| Endpoint {
        ip,
        netmask: STATIC.netmask,
        gateway: Ipv4Addr::UNSPECIFIED,
        dns: Ipv4Addr::UNSPECIFIED,
        mac,
        interface: 0,
        up: false,
    };
    s.add_endpoint(ep(Ipv4Addr([192, 0, 2, 20]), MAC_A));
    s.add_endpoint(ep(STATIC.ip, mac1));
    assert!(s.dhcp_enable(1, STATIC));
    assert!(!s.dhcp_manages(0) && s.dhcp_manages(1));
    let mut env = TestEnv::new(3);
    s.set_interface_up(0, true);
    s.dhcp_interface_up(0, Instant(0));
    assert!(s.endpoints[0].up && s.endpoints[0].ip == Ipv4Addr([192, 0, 2, 20]));
    assert!(!s.endpoints[1].up && s.endpoints[1].ip.is_unspecified());
    s.poll(Instant(250), &mut env);
    let f = env.out.pop().unwrap();
    let (eth, _) = ethernet::parse(&f).unwrap();
    assert_eq!(eth.src, mac1, "the DISCOVER comes from the DHCP end-point's MAC");
    // A reply naming the static end-point's MAC is not for the client.
    let mut m = vec![0u8; OPTIONS_OFFSET];
    m[0] = 2;
    m[1] = 1;
    m[2] = 6;
    m[16..20].copy_from_slice(&OFFERED.0);
    m[28..34].copy_from_slice(&MAC_A.0);
    m[236..240].copy_from_slice(&wdhcp::COOKIE.to_be_bytes());
    m.extend_from_slice(&[option::MESSAGE_TYPE, 1, 2, option::END]);
    let mut c = Client { s, env, now: Instant(250) };
    c.deliver_raw(&m, (Ipv4Addr::BROADCAST, MacAddr::BROADCAST));
    assert_eq!(c.s.dhcp_counters().wrong_hardware_address, 1);
    assert!(c.env.out.is_empty());
    assert_eq!(c.s.dhcp_state(1), Some(State::Selecting));
}

/// The gratuitous ARP requests the client sent since the last call: the
/// address each announces.
fn announcements(c: &mut Client) -> Vec<Ipv4Addr> {
    let mut v = Vec::new();
    for f in core::mem::take(&mut c.env.out) {
        let (eth, p) = ethernet::parse(&f).unwrap();
        if eth.ethertype != ethernet::ETHERTYPE_ARP {
            continue;
        }
        let a = crate::wire::arp::parse(p).unwrap();
        assert_eq!(eth.dst, MacAddr::BROADCAST);
        assert_eq!(a.op, crate::wire::arp::ArpOp::Request);
        assert_eq!((a.sender_mac, a.sender_ip), (MAC_A, a.target_ip), "not a gratuitous request");
        v.push(a.target_ip);
    }
    v
}

fn is_link_local(a: Ipv4Addr) -> bool {
    a.0[0] == 169 && a.0[1] == 254 && (1..=254).contains(&a.0[2])
}

/// `ipconfigDHCP_FALL_BACK_AUTO_IP`: no server answers, so at the moment
/// the static fallback would come (35.25 s) the client announces a random
/// 169.254.x.y with a gratuitous ARP, mask 255.255.0.0 and no gateway,
/// and takes it 3 to 4 s later when nobody claimed it.
#[test]
fn link_local_fallback_announces_then_takes_an_unclaimed_address() {
    let mut c = Client::new(false);
    c.s.dhcp_settings_mut().link_local = true;
    c.run_to(35_250);
    assert_eq!(c.state(), State::LinkLocal);
    let ip = c.ep().ip;
    assert!(is_link_local(ip), "{ip:?}");
    assert_eq!(c.ep().netmask, Ipv4Addr([255, 255, 0, 0]));
    assert_eq!(c.ep().gateway, Ipv4Addr::UNSPECIFIED);
    assert!(!c.ep().up, "up before the address was checked");
    assert_eq!(announcements(&mut c), vec![ip]);
    let _ = c.notices();
    c.run_to(35_250 + 2_999);
    assert_eq!(c.state(), State::LinkLocal);
    c.run_to(35_250 + 4_024);
    assert_eq!(c.state(), State::Static);
    assert!(c.ep().up);
    assert_eq!(c.ep().ip, ip);
    assert!(c.notices().contains(&Notice::EndpointUp(0)));
    assert_eq!(c.s.dhcp_counters().fallbacks, 0, "the static configuration was taken");
}

/// Another host answering for the address being tried (an ARP packet with
/// that sender address and another MAC) makes the client try another.
#[test]
fn link_local_fallback_tries_another_address_when_one_is_claimed() {
    let mut c = Client::new(false);
    c.s.dhcp_settings_mut().link_local = true;
    c.run_to(35_250);
    let first = c.ep().ip;
    assert_eq!(announcements(&mut c), vec![first]);
    // The owner of `first` answers the announcement.
    let mut f = vec![0u8; ethernet::HEADER_LEN + crate::wire::arp::PACKET_LEN];
    let eth = ethernet::EthernetRepr { dst: MAC_A, src: MAC_B, ethertype: ethernet::ETHERTYPE_ARP };
    ethernet::emit(&eth, &mut f).unwrap();
    let reply = crate::wire::arp::ArpRepr {
        op: crate::wire::arp::ArpOp::Reply,
        sender_mac: MAC_B,
        sender_ip: first,
        target_mac: MAC_A,
        target_ip: first,
    };
    crate::wire::arp::emit(&reply, &mut f[ethernet::HEADER_LEN..]).unwrap();
    c.s.receive_frame(c.now, 0, &f, &mut c.env);
    c.run_to(35_250 + 4_024);
    assert_eq!(c.s.dhcp_counters().link_local_clashes, 1);
    assert_eq!(c.s.dhcp_counters().link_local_tries, 2);
    assert_eq!(c.state(), State::LinkLocal, "took a claimed address");
    let second = c.ep().ip;
    assert!(is_link_local(second));
    assert_ne!(second, first);
    assert_eq!(announcements(&mut c), vec![second]);
    c.run_to(35_250 + 8_100);
    assert_eq!(c.state(), State::Static);
    assert_eq!(c.ep().ip, second);
}
