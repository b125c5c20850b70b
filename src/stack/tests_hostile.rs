//! Frames an attacker on the link can send (issue 9, "Nothing crashes,
//! nothing leaks"): martian sources, the land attack, ARP poisoning through
//! IP frames, oversized echo requests, bogus ARP senders. Each test is named
//! after the defect it pins; each failed before its fix.
use alloc::vec;
use alloc::vec::Vec;

use super::testenv::{config, listener, stack, Net, TestEnv, IP_A, IP_B, MAC_A, MAC_B};
use super::*;
use super::filter;
use crate::wire::tcp::{self as wtcp, TcpFlags, TcpRepr};
use crate::wire::{arp, ethernet, icmp, ipv4, IpAddress};

const ATTACKER_MAC: MacAddr = MacAddr([2, 0, 0, 0, 0, 0x66]);
const SUBNET_BROADCAST: Ipv4Addr = Ipv4Addr([192, 0, 2, 255]);

/// Every source address a host may not use towards us (A is 192.0.2.10/24).
const MARTIANS: [Ipv4Addr; 9] = [
    Ipv4Addr([255, 255, 255, 255]),
    SUBNET_BROADCAST,
    Ipv4Addr([224, 0, 0, 1]),
    Ipv4Addr([239, 1, 2, 3]),
    Ipv4Addr([127, 0, 0, 1]),
    Ipv4Addr([0, 0, 0, 0]),
    Ipv4Addr([0, 1, 2, 3]),
    Ipv4Addr([240, 0, 0, 1]),
    IP_A,
];

/// An Ethernet + IPv4 frame around `payload`.
fn ipv4_frame(eth_src: MacAddr, eth_dst: MacAddr, src: Ipv4Addr, dst: Ipv4Addr, proto: u8, payload: &[u8]) -> Vec<u8> {
    let mut f = vec![0u8; ethernet::HEADER_LEN + ipv4::HEADER_LEN + payload.len()];
    ethernet::emit(&ethernet::EthernetRepr { dst: eth_dst, src: eth_src, ethertype: ethernet::ETHERTYPE_IPV4 }, &mut f)
        .unwrap();
    let ip = ipv4::Ipv4Repr {
        src,
        dst,
        protocol: proto,
        ttl: 64,
        ident: 1,
        dont_fragment: true,
        payload_len: payload.len(),
    };
    ipv4::emit(&ip, &mut f[ethernet::HEADER_LEN..]).unwrap();
    f[ethernet::HEADER_LEN + ipv4::HEADER_LEN..].copy_from_slice(payload);
    f
}

fn echo_frame(eth_src: MacAddr, eth_dst: MacAddr, src: Ipv4Addr, dst: Ipv4Addr, data_len: usize) -> Vec<u8> {
    let mut p = vec![0x5au8; icmp::HEADER_LEN + data_len];
    icmp::emit(&icmp::IcmpRepr { ty: icmp::TYPE_ECHO_REQUEST, code: 0, rest: [0, 1, 0, 1] }, &mut p).unwrap();
    ipv4_frame(eth_src, eth_dst, src, dst, ipv4::PROTO_ICMP, &p)
}

fn tcp_frame(eth_src: MacAddr, src: SockAddr, dst: SockAddr, repr: &TcpRepr) -> Vec<u8> {
    let mut seg = vec![0u8; wtcp::header_len(repr)];
    let r = TcpRepr { src_port: src.port, dst_port: dst.port, ..*repr };
    wtcp::emit(&r, src.addr.as_v4().unwrap(), dst.addr.as_v4().unwrap(), &mut seg).unwrap();
    ipv4_frame(eth_src, MAC_A, src.addr.as_v4().unwrap(), dst.addr.as_v4().unwrap(), ipv4::PROTO_TCP, &seg)
}

fn syn(seq: u32) -> TcpRepr {
    TcpRepr { seq, flags: TcpFlags::SYN, window: 5840, mss: Some(1460), ..TcpRepr::default() }
}

fn arp_frame(eth_src: MacAddr, repr: &arp::ArpRepr) -> Vec<u8> {
    let mut f = vec![0u8; ethernet::HEADER_LEN + arp::PACKET_LEN];
    let eth = ethernet::EthernetRepr { dst: MacAddr::BROADCAST, src: eth_src, ethertype: ethernet::ETHERTYPE_ARP };
    ethernet::emit(&eth, &mut f).unwrap();
    arp::emit(repr, &mut f[ethernet::HEADER_LEN..]).unwrap();
    f
}

fn arp_request(sender_mac: MacAddr, sender_ip: Ipv4Addr, target_ip: Ipv4Addr) -> Vec<u8> {
    let repr = arp::ArpRepr { op: arp::ArpOp::Request, sender_mac, sender_ip, target_mac: MacAddr::ZERO, target_ip };
    arp_frame(sender_mac, &repr)
}

/// A alone on the wire, listening on port 80 with backlog 3.
fn server() -> (Stack, TestEnv, SocketId) {
    let mut s = stack(IP_A, MAC_A);
    let mut env = TestEnv::new(7);
    let l = listener(&mut s, &mut env, 80, 3);
    (s, env, l)
}

fn children(s: &Stack, l: SocketId) -> u16 {
    s.sockets.get(l).unwrap().tcp().unwrap().child_count
}

#[test]
fn martian_source_echo_dropped() {
    let (mut s, mut env, _) = server();
    s.arp.insert(IP_B, MAC_B, Instant(0));
    for (i, src) in MARTIANS.iter().enumerate() {
        let f = echo_frame(MAC_B, MAC_A, *src, IP_A, 8);
        s.receive_frame(Instant(0), 0, &f, &mut env);
        assert!(env.out.is_empty(), "echo from {src:?} answered");
        assert_eq!(s.counters.rx_martian as usize, i + 1);
    }
    assert_eq!(s.counters.icmp_echo_replies, 0);
    // The same request from a proper neighbour is answered.
    let f = echo_frame(MAC_B, MAC_A, IP_B, IP_A, 8);
    s.receive_frame(Instant(0), 0, &f, &mut env);
    assert_eq!(env.out.len(), 1);
    assert_eq!(s.counters.icmp_echo_replies, 1);
}

#[test]
fn broadcast_mac_with_unicast_ip_dropped() {
    let (mut s, mut env, _) = server();
    s.arp.insert(IP_B, MAC_B, Instant(0));
    let group = MacAddr([0x01, 0x00, 0x5e, 0, 0, 1]);
    let other = MacAddr([2, 0, 0, 0, 0, 0x77]);
    for dst in [MacAddr::BROADCAST, group, other] {
        let f = echo_frame(MAC_B, dst, IP_B, IP_A, 8);
        s.receive_frame(Instant(0), 0, &f, &mut env);
        assert!(env.out.is_empty(), "echo to MAC {dst:?} answered");
    }
    assert_eq!(s.counters.rx_martian, 3);
}

#[test]
fn martian_source_syn_makes_no_child() {
    let (mut s, mut env, l) = server();
    for src in MARTIANS {
        let f = tcp_frame(MAC_B, SockAddr::v4(src, 4000), SockAddr::v4(IP_A, 80), &syn(1000));
        s.receive_frame(Instant(0), 0, &f, &mut env);
        assert!(env.out.is_empty(), "SYN from {src:?} answered");
        assert_eq!(children(&s, l), 0, "SYN from {src:?} made a child");
    }
    // Nothing is scheduled for later either (no SYN+ACK retransmissions).
    for t in 1..=40u32 {
        s.poll(Instant(t * 1000), &mut env);
    }
    assert!(env.out.is_empty());
    assert_eq!(s.counters.rx_martian as usize, MARTIANS.len());
}

#[test]
fn land_attack_syn_dropped() {
    let (mut s, mut env, l) = server();
    let us = SockAddr::v4(IP_A, 80);
    let f = tcp_frame(MAC_B, us, us, &syn(1000));
    s.receive_frame(Instant(0), 0, &f, &mut env);
    assert!(env.out.is_empty(), "the land SYN was answered");
    assert_eq!(children(&s, l), 0);
    assert_eq!(s.counters.rx_martian, 1);
}

#[test]
fn spoofed_ip_frame_does_not_poison_arp() {
    let (mut s, mut env, _) = server();
    s.arp.insert(IP_B, MAC_B, Instant(0));
    let from_b = SockAddr::v4(IP_B, 4000);
    // A segment with checksum 0 (invalid) from B's address and the
    // attacker's MAC.
    let mut f = tcp_frame(ATTACKER_MAC, from_b, SockAddr::v4(IP_A, 81), &TcpRepr { seq: 5, flags: TcpFlags::ACK, ..TcpRepr::default() });
    let csum = ethernet::HEADER_LEN + ipv4::HEADER_LEN + 16;
    f[csum] = 0;
    f[csum + 1] = 0;
    s.receive_frame(Instant(1), 0, &f, &mut env);
    assert_eq!(s.counters.rx_bad_checksum, 1);
    assert_eq!(s.arp.lookup(IP_B, Instant(2)), Some(MAC_B));
    // Valid frames that change nothing either: an echo request, a segment
    // for a closed port, even a SYN to the listener.
    let echo = echo_frame(ATTACKER_MAC, MAC_A, IP_B, IP_A, 8);
    s.receive_frame(Instant(2), 0, &echo, &mut env);
    let closed = tcp_frame(ATTACKER_MAC, from_b, SockAddr::v4(IP_A, 81), &syn(9));
    s.receive_frame(Instant(3), 0, &closed, &mut env);
    let open = tcp_frame(ATTACKER_MAC, from_b, SockAddr::v4(IP_A, 80), &syn(9));
    s.receive_frame(Instant(4), 0, &open, &mut env);
    assert_eq!(s.arp.lookup(IP_B, Instant(5)), Some(MAC_B));
    // Every answer went to B's real MAC.
    assert!(!env.out.is_empty());
    for frame in &env.out {
        let (eth, _) = ethernet::parse(frame).unwrap();
        assert_eq!(eth.dst, MAC_B);
    }
}

#[test]
fn unvalidated_or_unrelated_frames_create_no_arp_entry() {
    let (mut s, mut env, _) = server();
    let from_b = SockAddr::v4(IP_B, 4000);
    let mut bad = tcp_frame(MAC_B, from_b, SockAddr::v4(IP_A, 80), &syn(1));
    let csum = ethernet::HEADER_LEN + ipv4::HEADER_LEN + 16;
    bad[csum] ^= 0xff;
    s.receive_frame(Instant(0), 0, &bad, &mut env);
    let echo = echo_frame(MAC_B, MAC_A, IP_B, IP_A, 8);
    s.receive_frame(Instant(0), 0, &echo, &mut env);
    let closed = tcp_frame(MAC_B, from_b, SockAddr::v4(IP_A, 81), &syn(9));
    s.receive_frame(Instant(0), 0, &closed, &mut env);
    assert_eq!(s.arp.lookup(IP_B, Instant(0)), None);
}

/// Reference §14.5 row 8 stays true: a SYN from a host we hold no ARP
/// entry for is answered at once, to the MAC it came from.
#[test]
fn syn_before_arp_resolves_is_answered() {
    let (mut s, mut env, l) = server();
    let f = tcp_frame(MAC_B, SockAddr::v4(IP_B, 4000), SockAddr::v4(IP_A, 80), &syn(1000));
    s.receive_frame(Instant(0), 0, &f, &mut env);
    assert_eq!(children(&s, l), 1);
    assert_eq!(env.out.len(), 1);
    let (eth, ip) = ethernet::parse(&env.out[0]).unwrap();
    assert_eq!(eth.dst, MAC_B);
    let (iph, seg) = ipv4::parse(ip).unwrap();
    let (r, _) = wtcp::parse(seg, iph.src, iph.dst, true).unwrap();
    assert_eq!(r.flags, TcpFlags::SYN | TcpFlags::ACK);
    assert_eq!(s.arp.lookup(IP_B, Instant(0)), Some(MAC_B));
}

#[test]
fn oversize_echo_reply_dropped() {
    let (mut s, mut env, _) = server();
    s.arp.insert(IP_B, MAC_B, Instant(0));
    let fits = crate::config::NETWORK_MTU - ipv4::HEADER_LEN - icmp::HEADER_LEN;
    for extra in 1..=4 {
        let f = echo_frame(MAC_B, MAC_A, IP_B, IP_A, fits + extra);
        s.receive_frame(Instant(0), 0, &f, &mut env);
        assert!(env.out.is_empty(), "{} data bytes answered", fits + extra);
    }
    assert_eq!(s.counters.icmp_echo_too_big, 4);
    let f = echo_frame(MAC_B, MAC_A, IP_B, IP_A, fits);
    s.receive_frame(Instant(0), 0, &f, &mut env);
    assert_eq!(env.out.len(), 1);
    assert_eq!(env.out[0].len(), ethernet::HEADER_LEN + crate::config::NETWORK_MTU);
}

#[test]
fn arp_request_from_bogus_sender_ignored() {
    let (mut s, mut env, _) = server();
    let cases = [
        (MacAddr::BROADCAST, IP_B),
        (MacAddr([0x01, 0x00, 0x5e, 0, 0, 9]), IP_B),
        (MacAddr::ZERO, IP_B),
        (MAC_A, IP_B),
        (MAC_B, Ipv4Addr::BROADCAST),
        (MAC_B, SUBNET_BROADCAST),
        (MAC_B, Ipv4Addr([224, 0, 0, 5])),
        (MAC_B, Ipv4Addr([127, 0, 0, 1])),
        (MAC_B, IP_A),
    ];
    for (i, (mac, ip)) in cases.iter().enumerate() {
        s.receive_frame(Instant(0), 0, &arp_request(*mac, *ip, IP_A), &mut env);
        assert!(env.out.is_empty(), "ARP request from {mac:?} / {ip:?} answered");
        assert!(s.arp.is_empty(), "ARP request from {mac:?} / {ip:?} learned");
        assert_eq!(s.counters.rx_martian as usize, i + 1);
    }
    // A proper request is answered and learned.
    s.receive_frame(Instant(0), 0, &arp_request(MAC_B, IP_B, IP_A), &mut env);
    assert_eq!(env.out.len(), 1);
    assert_eq!(s.arp.lookup(IP_B, Instant(0)), Some(MAC_B));
}

/// RFC 5227 probe (sender 0.0.0.0) for our address: answered, so the prober
/// sees the address is taken, but nothing is learned.
#[test]
fn arp_probe_answered_not_learned() {
    let (mut s, mut env, _) = server();
    s.receive_frame(Instant(0), 0, &arp_request(MAC_B, Ipv4Addr::UNSPECIFIED, IP_A), &mut env);
    assert!(s.arp.is_empty());
    assert_eq!(env.out.len(), 1);
    let (eth, p) = ethernet::parse(&env.out[0]).unwrap();
    assert_eq!(eth.dst, MAC_B);
    let r = arp::parse(p).unwrap();
    assert_eq!((r.op, r.sender_ip, r.sender_mac), (arp::ArpOp::Reply, IP_A, MAC_A));
    assert_eq!((r.target_ip, r.target_mac), (Ipv4Addr::UNSPECIFIED, MAC_B));
}

#[test]
fn hostile_frames_leave_two_stacks_working() {
    // The checks above must not get in the way of ordinary traffic.
    let mut n = Net::new();
    let (_, c, _) = super::testenv::establish(&mut n);
    assert_eq!(n.b.send(c, b"still fine"), Ok(crate::socket::ops::Progress::Done(10)));
    n.run(100);
    assert_eq!(n.a.counters.rx_martian, 0);
    assert_eq!(n.b.counters.rx_martian, 0);
}

/// The IP ID of a frame the stack sent.
fn ident_of(frame: &[u8]) -> u16 {
    let (_, ip) = ethernet::parse(frame).unwrap();
    ipv4::parse(ip).unwrap().0.ident
}

/// Sends one echo reply from `s` to `dst` (an on-link host it knows) and
/// returns the IP ID it carried.
fn send_to(s: &mut Stack, env: &mut TestEnv, dst: Ipv4Addr) -> u16 {
    let reply = icmp::IcmpRepr { ty: icmp::TYPE_ECHO_REPLY, code: 0, rest: [0; 4] };
    let mut out = Stack::output(&s.endpoints, &mut s.arp, &mut s.ident, &mut s.counters, env, Instant(0), 64);
    assert!(out.send_icmp(IP_A, dst, &reply, b"x"));
    ident_of(&env.out.pop().unwrap())
}

fn host(n: u8) -> Ipv4Addr {
    Ipv4Addr([192, 0, 2, n])
}

/// RFC 7739: one global IP ID counter told an idle scanner how many frames
/// the stack sent to anyone. IDs to one destination must not move when the
/// stack talks to others.
#[test]
fn ip_id_is_not_one_global_sequence() {
    let mut s = Stack::new(StackConfig { arp_entries: 64, ..config() });
    let mut ep = stack(IP_A, MAC_A).endpoints[0];
    ep.up = true;
    s.add_endpoint(ep);
    let mut env = TestEnv::new(17);
    for n in 100..=132 {
        s.arp.insert(host(n), MAC_B, Instant(0));
    }
    let mut independent = 0;
    for other in 101..=132 {
        let first = send_to(&mut s, &mut env, host(100));
        for _ in 0..3 {
            send_to(&mut s, &mut env, host(other));
        }
        let second = send_to(&mut s, &mut env, host(100));
        if second == first.wrapping_add(1) {
            independent += 1;
        }
    }
    assert!(independent >= 24, "only {independent} of 32 destinations left 192.0.2.100's IDs alone");
    // Another stack (another random key) numbers the same destination
    // differently.
    let mut t = stack(IP_A, MAC_A);
    let mut env_t = TestEnv::new(4242);
    t.arp.insert(host(100), MAC_B, Instant(0));
    let mut u = stack(IP_A, MAC_A);
    let mut env_u = TestEnv::new(99);
    u.arp.insert(host(100), MAC_B, Instant(0));
    assert_ne!(send_to(&mut t, &mut env_t, host(100)), send_to(&mut u, &mut env_u, host(100)));
}

#[test]
fn ip_ids_to_one_destination_do_not_repeat_soon() {
    let mut s = stack(IP_A, MAC_A);
    let mut env = TestEnv::new(5);
    s.arp.insert(IP_B, MAC_B, Instant(0));
    s.arp.insert(host(77), MAC_B, Instant(0));
    let mut ids = Vec::new();
    for i in 0..4000 {
        ids.push(send_to(&mut s, &mut env, IP_B));
        if i % 3 == 0 {
            send_to(&mut s, &mut env, host(77));
        }
    }
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 4000, "an IP ID repeated within 4,000 datagrams to one destination");
}

/// Spoofed SYNs from on-link addresses nobody answers for; A's SYN+ACKs go
/// to the attacker's MAC and B ignores them.
fn syn_flood(n: &mut Net, count: u32) {
    for i in 0..count {
        let src = SockAddr::v4(host(100 + (i % 100) as u8), 1024 + (i % 50_000) as u16);
        let f = tcp_frame(ATTACKER_MAC, src, SockAddr::v4(IP_A, 80), &syn(i.wrapping_mul(7919)));
        n.a.receive_frame(n.now, 0, &f, &mut n.ea);
    }
    n.ea.out.clear();
}

/// Issue 9 defect 8: spoofed SYNs fill the backlog with half-open children
/// for 30 s and refuse every real client. With
/// `ipconfigFPTCP_SYN_FLOOD_DEFENCE` the oldest half-open child makes room;
/// established connections are never touched.
fn flood_then_connect(defence: bool) -> (Net, SocketId, SocketId, SocketId) {
    let mut n = Net::new();
    n.a.syn_flood_defence = defence;
    let (l, c1, child1) = super::testenv::establish(&mut n);
    syn_flood(&mut n, 2_000);
    assert_eq!(children(&n.a, l), 3, "the flood filled the backlog");
    let c2 = n.b.create_socket(Protocol::Tcp).unwrap();
    n.b.connect(n.now, c2, SockAddr::v4(IP_A, 80), &mut n.eb).unwrap();
    n.run(100);
    // The established connection still works either way.
    assert_eq!(n.b.send(c1, b"ping"), Ok(crate::socket::ops::Progress::Done(4)));
    n.run(100);
    let mut buf = [0u8; 8];
    assert_eq!(n.a.recv(child1, Some(&mut buf), 8, false), Ok(crate::socket::ops::Progress::Done(4)));
    (n, l, c2, child1)
}

#[test]
fn syn_flood_defence_lets_a_real_client_in() {
    let (mut n, l, c2, _) = flood_then_connect(true);
    assert_eq!(n.b.connect_progress(c2), crate::socket::ops::Progress::Done(Ok(())));
    let Ok(crate::socket::ops::Progress::Done((child, remote))) = n.a.accept(l) else { panic!("no child for the client") };
    assert_eq!(remote.addr, IpAddress::V4(IP_B));
    // The backlog (3) held the established child and two spoofed half-open
    // ones; every later spoofed SYN got a cookie and made nothing, and the
    // client's cookie ACK took the oldest half-open child's place.
    assert_eq!(n.a.counters.tcp_syn_cookies_sent, 2_000 - 2 + 1);
    assert_eq!(n.a.counters.tcp_syn_cookies_accepted, 1);
    assert_eq!(n.a.counters.tcp_half_open_evicted, 1);
    // The connection works both ways, with the MSS the cookie kept.
    assert_eq!(n.b.send(c2, b"hello"), Ok(crate::socket::ops::Progress::Done(5)));
    assert_eq!(n.a.send(child, b"world!"), Ok(crate::socket::ops::Progress::Done(6)));
    n.run(100);
    let mut buf = [0u8; 8];
    assert_eq!(n.a.recv(child, Some(&mut buf), 8, false), Ok(crate::socket::ops::Progress::Done(5)));
    assert_eq!(&buf[..5], b"hello");
    assert_eq!(n.b.recv(c2, Some(&mut buf), 8, false), Ok(crate::socket::ops::Progress::Done(6)));
    assert_eq!(&buf[..6], b"world!");
    assert_eq!(n.a.query(child, crate::socket::ops::Query::Mss), Ok(1460));
}

/// A flood fast enough that a real client's ACK arrives after more spoofed
/// SYNs than the backlog holds: evicting on each SYN (the defence before
/// SYN cookies) dropped the client's own child first, so its ACK met an
/// RST. The cookie makes the child when the ACK comes.
#[test]
fn syn_cookie_survives_spoofed_syns_between_syn_and_ack() {
    let mut n = Net::new();
    n.a.syn_flood_defence = true;
    let l = listener(&mut n.a, &mut n.ea, 80, 3);
    syn_flood(&mut n, 10);
    n.a.arp.insert(IP_B, MAC_B, n.now);
    n.b.arp.insert(IP_A, MAC_A, n.now);
    let c = n.b.create_socket(Protocol::Tcp).unwrap();
    n.b.connect(n.now, c, SockAddr::v4(IP_A, 80), &mut n.eb).unwrap();
    // B's SYN to A, A's SYN+ACK (a cookie) back to B, B's ACK ...
    n.b.poll(n.now, &mut n.eb);
    for f in core::mem::take(&mut n.eb.out) {
        n.a.receive_frame(n.now, 0, &f, &mut n.ea);
    }
    n.a.poll(n.now, &mut n.ea);
    for f in core::mem::take(&mut n.ea.out) {
        n.b.receive_frame(n.now, 0, &f, &mut n.eb);
    }
    n.b.poll(n.now, &mut n.eb);
    let acks = core::mem::take(&mut n.eb.out);
    assert!(!acks.is_empty(), "B did not answer the SYN+ACK");
    // ... reaches A after 50 more spoofed SYNs.
    syn_flood(&mut n, 50);
    for f in acks {
        n.a.receive_frame(n.now, 0, &f, &mut n.ea);
    }
    n.run(100);
    assert_eq!(n.b.connect_progress(c), crate::socket::ops::Progress::Done(Ok(())));
    let Ok(crate::socket::ops::Progress::Done((_, remote))) = n.a.accept(l) else { panic!("no child for the client") };
    assert_eq!(remote.addr, IpAddress::V4(IP_B));
    assert_eq!(children(&n.a, l), 3, "the client's child and two half-open ones");
}

/// An ACK whose cookie does not check out (forged, or older than two time
/// slots) gets an RST and makes no child; the backlog stays as it was.
#[test]
fn syn_cookie_forged_or_stale_ack_is_refused() {
    let mut n = Net::new();
    n.a.syn_flood_defence = true;
    let l = listener(&mut n.a, &mut n.ea, 80, 3);
    syn_flood(&mut n, 10);
    assert_eq!(children(&n.a, l), 3);
    let src = SockAddr::v4(host(20), 4000);
    let ack = |seq: u32, ack: u32| TcpRepr { seq, ack, flags: TcpFlags::ACK, window: 5840, ..TcpRepr::default() };
    // A real cookie for `src` (its SYN+ACK is the last frame A sent) ...
    n.a.arp.insert(host(20), ATTACKER_MAC, n.now);
    n.ea.out.clear();
    n.a.receive_frame(n.now, 0, &tcp_frame(ATTACKER_MAC, src, SockAddr::v4(IP_A, 80), &syn(1000)), &mut n.ea);
    let sa = n.ea.out.last().expect("a SYN+ACK for the cookie").clone();
    let (sa_repr, _) = wtcp::parse(&sa[ethernet::HEADER_LEN + ipv4::HEADER_LEN..], IP_A, host(20), true).unwrap();
    assert_eq!(sa_repr.flags, TcpFlags::SYN | TcpFlags::ACK);
    assert_eq!(sa_repr.window_scale, None, "a cookie cannot remember a window shift");
    let good = sa_repr.seq.wrapping_add(1);
    // ... but with one bit changed, it is refused with an RST.
    for forged in [good ^ 1, good ^ 0x0100_0000, good ^ 0x8000_0000] {
        n.ea.out.clear();
        n.a.receive_frame(n.now, 0, &tcp_frame(ATTACKER_MAC, src, SockAddr::v4(IP_A, 80), &ack(1001, forged)), &mut n.ea);
        let (r, _) = wtcp::parse(&n.ea.out[0][ethernet::HEADER_LEN + ipv4::HEADER_LEN..], IP_A, host(20), true).unwrap();
        assert!(r.flags.contains(TcpFlags::RST), "a forged cookie {forged:#x} was not refused");
    }
    // From another address or port, the real cookie is no cookie.
    n.a.receive_frame(n.now, 0, &tcp_frame(ATTACKER_MAC, SockAddr::v4(host(20), 4001), SockAddr::v4(IP_A, 80), &ack(1001, good)), &mut n.ea);
    assert_eq!(n.a.counters.tcp_syn_cookies_accepted, 0);
    // Two slots (128 s) later it has expired.
    n.now = n.now + Duration(128_001);
    n.a.receive_frame(n.now, 0, &tcp_frame(ATTACKER_MAC, src, SockAddr::v4(IP_A, 80), &ack(1001, good)), &mut n.ea);
    assert_eq!(n.a.counters.tcp_syn_cookies_accepted, 0);
    assert_eq!(n.a.counters.tcp_half_open_evicted, 0);
}

/// A backlog full of established children (the application does not call
/// accept()) has nothing the defence may drop: SYNs are refused with an
/// RST as upstream, no cookie is made.
#[test]
fn syn_cookie_not_used_when_the_backlog_holds_established_children() {
    let mut n = Net::new();
    n.a.syn_flood_defence = true;
    let l = listener(&mut n.a, &mut n.ea, 80, 2);
    for _ in 0..2 {
        let c = n.b.create_socket(Protocol::Tcp).unwrap();
        n.b.connect(n.now, c, SockAddr::v4(IP_A, 80), &mut n.eb).unwrap();
        n.run(50);
    }
    assert_eq!(children(&n.a, l), 2);
    let c = n.b.create_socket(Protocol::Tcp).unwrap();
    n.b.connect(n.now, c, SockAddr::v4(IP_A, 80), &mut n.eb).unwrap();
    n.run(50);
    assert_eq!(n.b.connect_progress(c), crate::socket::ops::Progress::Done(Err(Error::NotConnected)));
    assert_eq!(n.a.counters.tcp_syn_cookies_sent, 0);
    assert_eq!(n.a.counters.tcp_backlog_refusals, 1);
}

#[test]
fn syn_flood_without_defence_refuses_as_upstream() {
    let (n, _, c2, _) = flood_then_connect(false);
    assert_eq!(n.b.connect_progress(c2), crate::socket::ops::Progress::Done(Err(Error::NotConnected)));
    assert_eq!(n.a.counters.tcp_half_open_evicted, 0);
}

/// "Check: Socket 80 already has 3 / 3 children" was printed once per
/// refused SYN: a flood became a flood of log lines.
#[test]
fn backlog_refusal_log_is_rate_limited() {
    let mut n = Net::new();
    let _l = listener(&mut n.a, &mut n.ea, 80, 3);
    syn_flood(&mut n, 500);
    let lines = |n: &Net| n.ea.log.iter().filter(|l| l.starts_with("Check: ")).count();
    assert_eq!(lines(&n), 1);
    assert_eq!(n.ea.log[0], "Check: Socket 80 already has 3 / 3 children\n");
    assert_eq!(n.a.counters.tcp_backlog_refusals, 497);
    n.now = n.now + Duration(1000);
    let f = tcp_frame(ATTACKER_MAC, SockAddr::v4(host(250), 9999), SockAddr::v4(IP_A, 80), &syn(5));
    n.a.receive_frame(n.now, 0, &f, &mut n.ea);
    assert_eq!(lines(&n), 3, "{:?}", n.ea.log);
    assert_eq!(n.ea.log[1], "Check: 496 more refused SYNs not logged\n");
    assert_eq!(n.ea.log[2], "Check: Socket 80 already has 3 / 3 children\n");
    // After more than 2^31 ticks of quiet the last line's time must not
    // read as a future one (the 32-bit clock, time.rs): logged at once.
    n.now = n.now + Duration(1 << 30) + Duration(1 << 30) + Duration(5);
    n.a.receive_frame(n.now, 0, &f, &mut n.ea);
    assert_eq!(lines(&n), 4, "{:?}", n.ea.log);
}

/// MACs learned from spoofed SYNs must not push real neighbours (the
/// gateway, a peer) out of a full ARP cache: only ARP may evict.
#[test]
fn syn_flood_does_not_push_out_arp_entries() {
    let mut n = Net::new();
    n.a.syn_flood_defence = true;
    let _l = listener(&mut n.a, &mut n.ea, 80, 3);
    let capacity = config().arp_entries;
    for i in 0..capacity as u8 {
        n.a.arp.insert(host(1 + i), MAC_B, n.now);
    }
    syn_flood(&mut n, 300);
    for i in 0..capacity as u8 {
        assert_eq!(n.a.arp.lookup(host(1 + i), n.now), Some(MAC_B), "{:?} was pushed out", host(1 + i));
    }
}

/// Property: whatever source addresses an attacker writes into SYNs, echo
/// requests and ARP requests, no IPv4 frame the stack sends goes to a group
/// MAC or to a martian address (it must never reflect traffic to broadcast
/// or to itself), and no ARP reply goes to a group MAC.
#[test]
fn no_reply_ever_goes_to_a_group_or_martian_address() {
    let (mut s, mut env, _) = server();
    s.syn_flood_defence = true;
    let mut rng = TestEnv::new(31337);
    let mut next = move || rng.random().unwrap();
    let mut sent = 0;
    for round in 0..6_000u32 {
        let r = next();
        // Half the sources from special ranges, half anywhere.
        let src = match r % 8 {
            0 => Ipv4Addr::BROADCAST,
            1 => SUBNET_BROADCAST,
            2 => Ipv4Addr::from_be_u32(0xe000_0000 | (next() & 0x0fff_ffff)),
            3 => Ipv4Addr::from_be_u32(0x7f00_0000 | (next() & 0x00ff_ffff)),
            4 => Ipv4Addr([192, 0, 2, next() as u8]),
            _ => Ipv4Addr::from_be_u32(next()),
        };
        let mac = MacAddr([next() as u8, 0, 0, 0, 1, next() as u8]);
        let now = Instant(round);
        let f = match round % 3 {
            0 => tcp_frame(mac, SockAddr::v4(src, 1024 + (next() % 60000) as u16), SockAddr::v4(IP_A, 80), &syn(next())),
            1 => echo_frame(mac, MAC_A, src, IP_A, 8),
            _ => arp_request(mac, src, IP_A),
        };
        s.receive_frame(now, 0, &f, &mut env);
        s.poll(now, &mut env);
        for frame in env.out.drain(..) {
            sent += 1;
            let (eth, payload) = ethernet::parse(&frame).unwrap();
            if eth.ethertype == ethernet::ETHERTYPE_ARP {
                let a = arp::parse(payload).unwrap();
                if a.op == arp::ArpOp::Reply {
                    assert!(eth.dst.is_unicast(), "ARP reply to {:?}", eth.dst);
                }
                continue;
            }
            let (ip, _) = ipv4::parse(payload).unwrap();
            assert!(eth.dst.is_unicast(), "IPv4 to {:?} ({:?})", eth.dst, ip.dst);
            assert!(!filter::martian_source(&s.endpoints, ip.dst), "IPv4 to {:?}", ip.dst);
        }
    }
    assert!(sent > 1000, "only {sent} frames went out: the test sends too little");
}

fn udp_frame(eth_dst: MacAddr, src: SockAddr, dst: SockAddr, payload: &[u8]) -> Vec<u8> {
    use crate::wire::udp;
    let mut d = vec![0u8; udp::HEADER_LEN + payload.len()];
    d[udp::HEADER_LEN..].copy_from_slice(payload);
    let r = udp::UdpRepr { src_port: src.port, dst_port: dst.port, checksum_absent: false };
    udp::emit(&r, src.addr.as_v4().unwrap(), dst.addr.as_v4().unwrap(), &mut d, true).unwrap();
    ipv4_frame(MAC_B, eth_dst, src.addr.as_v4().unwrap(), dst.addr.as_v4().unwrap(), ipv4::PROTO_UDP, &d)
}

/// The martian rules hold for UDP too: nothing from a martian source is
/// queued, and a unicast datagram in a broadcast frame is dropped.
#[test]
fn martian_udp_dropped() {
    let (mut s, mut env, _) = server();
    let u = s.create_socket(Protocol::Udp).unwrap();
    s.bind(u, Some(SockAddr::v4(Ipv4Addr::UNSPECIFIED, 7000)), &mut env).unwrap();
    let to = SockAddr::v4(IP_A, 7000);
    for src in MARTIANS {
        s.receive_frame(Instant(0), 0, &udp_frame(MAC_A, SockAddr::v4(src, 9), to, b"x"), &mut env);
    }
    let bcast = SockAddr::v4(Ipv4Addr::BROADCAST, 7000);
    s.receive_frame(Instant(0), 0, &udp_frame(MacAddr::BROADCAST, SockAddr::v4(IP_B, 9), to, b"x"), &mut env);
    assert_eq!(s.counters.rx_martian as usize, MARTIANS.len() + 1);
    assert_eq!(s.counters.udp_received, 0);
    // The same datagrams from a neighbour, properly framed, are queued.
    s.receive_frame(Instant(0), 0, &udp_frame(MAC_A, SockAddr::v4(IP_B, 9), to, b"x"), &mut env);
    s.receive_frame(Instant(0), 0, &udp_frame(MacAddr::BROADCAST, SockAddr::v4(IP_B, 9), bcast, b"x"), &mut env);
    assert_eq!(s.counters.udp_received, 2);
}

#[test]
fn unsolicited_arp_reply_does_not_move_a_known_host() {
    let (mut s, mut env, _) = server();
    s.arp.insert(IP_B, MAC_B, Instant(0));
    // The attacker claims B's address, unasked, in a reply to us.
    let spoof = arp::ArpRepr { op: arp::ArpOp::Reply, sender_mac: ATTACKER_MAC, sender_ip: IP_B, target_mac: MAC_A, target_ip: IP_A };
    let mut f = vec![0u8; ethernet::HEADER_LEN + arp::PACKET_LEN];
    ethernet::emit(&ethernet::EthernetRepr { dst: MAC_A, src: ATTACKER_MAC, ethertype: ethernet::ETHERTYPE_ARP }, &mut f).unwrap();
    arp::emit(&spoof, &mut f[ethernet::HEADER_LEN..]).unwrap();
    s.receive_frame(Instant(1), 0, &f, &mut env);
    assert_eq!(s.arp.lookup(IP_B, Instant(2)), Some(MAC_B), "the spoofed reply moved B");
    assert_eq!(s.counters.arp_conflicts, 1);
    // The stack asked B's address; B's own answer (solicited) keeps it.
    let req = env.out.pop().expect("an ARP request for B");
    let (eth, body) = ethernet::parse(&req).unwrap();
    assert_eq!(eth.ethertype, ethernet::ETHERTYPE_ARP);
    let asked = arp::parse(body).unwrap();
    assert_eq!((asked.op, asked.target_ip), (arp::ArpOp::Request, IP_B));
    let answer = arp::ArpRepr { op: arp::ArpOp::Reply, sender_mac: MAC_B, sender_ip: IP_B, target_mac: MAC_A, target_ip: IP_A };
    ethernet::emit(&ethernet::EthernetRepr { dst: MAC_A, src: MAC_B, ethertype: ethernet::ETHERTYPE_ARP }, &mut f).unwrap();
    arp::emit(&answer, &mut f[ethernet::HEADER_LEN..]).unwrap();
    s.receive_frame(Instant(3), 0, &f, &mut env);
    assert_eq!(s.arp.lookup(IP_B, Instant(4)), Some(MAC_B));
    // B's answer ended the request: the attacker's late "answer" is
    // unasked again and changes nothing.
    s.receive_frame(Instant(5), 0, &{
        let mut g = f.clone();
        let moved = arp::ArpRepr { sender_mac: ATTACKER_MAC, ..answer };
        ethernet::emit(&ethernet::EthernetRepr { dst: MAC_A, src: ATTACKER_MAC, ethertype: ethernet::ETHERTYPE_ARP }, &mut g).unwrap();
        arp::emit(&moved, &mut g[ethernet::HEADER_LEN..]).unwrap();
        g
    }, &mut env);
    assert_eq!(s.arp.lookup(IP_B, Instant(6)), Some(MAC_B));
    assert_eq!(s.counters.arp_conflicts, 2);
}
