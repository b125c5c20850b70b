//! UDP between two stacks on one wire: datagrams kept as the frames they
//! arrived in, the queue limits, ARP waiting, and the return values of
//! `recvfrom`/`sendto` at the stack level (reference §2.13, §14.7).
use alloc::vec::Vec;

use super::testenv::{state, Net, TestEnv, IP_A, IP_B, MAC_A};
use super::udp::PAYLOAD_OFFSET;
use super::*;
use crate::socket::ops::{Progress, Query, SocketOption};
use crate::wire::{ethernet, ipv4, udp};

fn udp_socket(s: &mut Stack, env: &mut TestEnv, port: u16) -> SocketId {
    let id = s.create_socket(Protocol::Udp).unwrap();
    if port != 0 {
        s.bind(id, Some(SockAddr::v4(Ipv4Addr::UNSPECIFIED, port)), env).unwrap();
    }
    id
}

/// What `sendto` does: a frame with the payload at PAYLOAD_OFFSET, queued.
fn send(s: &mut Stack, env: &mut TestEnv, id: SocketId, to: SockAddr, payload: &[u8]) -> Result<(), Error> {
    let frame = env.new_frame(PAYLOAD_OFFSET + payload.len());
    env.frame_mut(frame).unwrap()[PAYLOAD_OFFSET..].copy_from_slice(payload);
    let r = s.sendto(id, frame, payload.len(), to, env);
    if r.is_err() {
        env.release_frame(frame);
    }
    r
}

/// What `recvfrom` does: the oldest datagram's bytes and source.
fn recv(s: &mut Stack, env: &mut TestEnv, id: SocketId) -> Option<(Vec<u8>, SockAddr)> {
    let Ok(Progress::Done(d)) = s.recvfrom(id, false) else { return None };
    let bytes = env.frame_mut(d.frame).unwrap()[d.offset..d.offset + d.len].to_vec();
    env.release_frame(d.frame);
    Some((bytes, d.from))
}

#[test]
fn udp_datagrams_round_trip_between_two_stacks() {
    let mut n = Net::new();
    let a = udp_socket(&mut n.a, &mut n.ea, 7000);
    let b = udp_socket(&mut n.b, &mut n.eb, 0);
    let to = SockAddr::v4(IP_A, 7000);
    // B has no ARP entry for A: the datagram waits for the reply, then goes.
    send(&mut n.b, &mut n.eb, b, to, b"hello").unwrap();
    let port_b = n.b.local_address(b).unwrap().port;
    assert!(port_b >= crate::socket::ops::EPHEMERAL_FIRST, "sendto bound the socket");
    n.run(10);
    let (bytes, from) = recv(&mut n.a, &mut n.ea, a).expect("the datagram arrived after ARP");
    assert_eq!(bytes, b"hello");
    assert_eq!(from, SockAddr::v4(IP_B, port_b));
    // A answers to the source; lengths 0 and 1472 (MTU - 28) both go.
    for payload in [&b""[..], &[0x5a; 1472][..], b"x"] {
        send(&mut n.a, &mut n.ea, a, from, payload).unwrap();
        n.run(1);
        let (bytes, from_a) = recv(&mut n.b, &mut n.eb, b).expect("reply");
        assert_eq!(bytes, payload);
        assert_eq!(from_a, to);
    }
    assert_eq!(n.a.recvfrom(a, false), Ok(Progress::Pending));
    assert_eq!(n.a.counters.udp_received, 1);
    assert_eq!(n.b.counters.udp_received, 3);
    assert_eq!((n.ea.held_frames(), n.eb.held_frames()), (0, 0), "every frame went back");
    assert_eq!((n.a.udp_held(), n.b.udp_held()), (0, 0));
}

#[test]
fn udp_recvfrom_and_sendto_return_values() {
    let mut n = Net::new();
    let u = udp_socket(&mut n.a, &mut n.ea, 0);
    let t = n.a.create_socket(Protocol::Tcp).unwrap();
    // §14.1 rows 43-46, §14.7.
    assert_eq!(n.a.recvfrom(u, false), Err(Error::Invalid), "unbound");
    assert_eq!(n.a.recvfrom(t, false), Err(Error::Invalid), "TCP socket");
    assert_eq!(n.a.query(u, Query::ConnStatus), Err(Error::Invalid));
    assert_eq!(n.a.recv(u, None, 10, false), Err(Error::Invalid));
    assert_eq!(n.a.listen(u, 1), Err(Error::NotSupported));
    assert_eq!(n.a.shutdown(u), Err(Error::NotSupported));
    let to = SockAddr::v4(IP_B, 9);
    assert_eq!(send(&mut n.a, &mut n.ea, t, to, b"x"), Err(Error::Invalid), "sendto on TCP");
    assert_eq!(send(&mut n.a, &mut n.ea, u, to, &[0; 1473]), Err(Error::NoSpace), "over MTU - 28");
    assert_eq!(n.a.local_address(u).unwrap().port, 0, "a refused sendto does not bind");
    assert_eq!(send(&mut n.a, &mut n.ea, u, to, &[0; 1472]), Ok(()));
    assert_ne!(n.a.local_address(u).unwrap().port, 0);
    assert_eq!(n.a.recvfrom(u, false), Ok(Progress::Pending), "bound, nothing queued");
    // A second socket cannot bind the same port; a third can bind another.
    let u2 = udp_socket(&mut n.a, &mut n.ea, 9200);
    let u3 = n.a.create_socket(Protocol::Udp).unwrap();
    assert_eq!(n.a.bind(u3, Some(SockAddr::v4(Ipv4Addr::UNSPECIFIED, 9200)), &mut n.ea), Err(Error::Invalid));
    assert!(n.a.has_udp_socket(9200) && !n.a.has_udp_socket(9201));
    n.a.close(u2).unwrap();
    n.run(1);
    assert!(!n.a.has_udp_socket(9200));
    // The queued datagram (no ARP answer: B has no socket, but A must ARP)
    // goes or is dropped; either way no frame stays held after 2 s.
    n.run(3000);
    assert_eq!(n.ea.held_frames(), 0);
}

#[test]
fn udp_queue_stops_at_max_rx_packets_and_at_the_stack_limit() {
    let mut n = Net::new();
    let a = udp_socket(&mut n.a, &mut n.ea, 7000);
    n.a.set_option(a, SocketOption::UdpMaxRxPackets(2)).unwrap();
    let b = udp_socket(&mut n.b, &mut n.eb, 7001);
    let to = SockAddr::v4(IP_A, 7000);
    for i in 0..5u8 {
        send(&mut n.b, &mut n.eb, b, to, &[i]).unwrap();
        n.run(1);
    }
    assert_eq!(n.a.counters.udp_received, 2);
    assert_eq!(n.a.counters.udp_queue_full, 3);
    assert_eq!(n.ea.held_frames(), 2, "only the queued datagrams hold buffers");
    assert_eq!(recv(&mut n.a, &mut n.ea, a).unwrap().0, [0]);
    assert_eq!(recv(&mut n.a, &mut n.ea, a).unwrap().0, [1]);
    // No per-socket limit: the stack-wide one (max_held) still holds.
    n.a.set_option(a, SocketOption::UdpMaxRxPackets(0)).unwrap();
    let max = n.a.cfg.udp.max_held;
    for i in 0..max + 4 {
        send(&mut n.b, &mut n.eb, b, to, &[i as u8]).unwrap();
        n.run(1);
    }
    assert_eq!(n.a.udp_held(), max);
    assert_eq!(n.ea.held_frames(), max);
    assert_eq!(n.a.counters.udp_queue_full, 3 + 4);
    // Closing the socket gives every held buffer back.
    n.a.close(a).unwrap();
    n.run(1);
    assert_eq!((n.a.udp_held(), n.ea.held_frames()), (0, 0));
}

#[test]
fn udp_for_a_closed_port_or_without_buffers_is_dropped_and_counted() {
    let mut n = Net::new();
    let b = udp_socket(&mut n.b, &mut n.eb, 7001);
    send(&mut n.b, &mut n.eb, b, SockAddr::v4(IP_A, 5555), b"lost").unwrap();
    n.run(1);
    assert_eq!(n.a.counters.udp_no_socket, 1);
    assert_eq!(n.ea.held_frames(), 0);
    let a = udp_socket(&mut n.a, &mut n.ea, 5555);
    n.ea.frame_budget = 0;
    send(&mut n.b, &mut n.eb, b, SockAddr::v4(IP_A, 5555), b"no buffer").unwrap();
    n.run(1);
    assert_eq!(n.a.counters.udp_queue_full, 1);
    assert_eq!(n.a.recvfrom(a, false), Ok(Progress::Pending));
}

#[test]
fn udp_broadcast_reaches_a_socket_bound_to_any_address() {
    let mut n = Net::new();
    let a = udp_socket(&mut n.a, &mut n.ea, 67);
    let b = udp_socket(&mut n.b, &mut n.eb, 68);
    for dst in [Ipv4Addr::BROADCAST, Ipv4Addr([192, 0, 2, 255])] {
        send(&mut n.b, &mut n.eb, b, SockAddr::v4(dst, 67), b"discover").unwrap();
        n.b.poll(n.now, &mut n.eb);
        let frame = n.eb.out.pop().expect("a broadcast needs no ARP");
        assert_eq!(&frame[..6], &[0xff; 6]);
        n.a.receive_frame(n.now, 0, &frame, &mut n.ea);
        assert_eq!(recv(&mut n.a, &mut n.ea, a).unwrap().0, b"discover");
    }
    // A broadcast TCP segment is still not for us.
    let before = n.a.counters.rx_not_for_us;
    let mut frame = Vec::new();
    frame.extend_from_slice(&[0xff; 6]);
    frame.extend_from_slice(&[2, 0, 0, 0, 0, 1, 0x08, 0x00]);
    let mut ip = [0u8; 40];
    ipv4::emit(
        &ipv4::Ipv4Repr { src: IP_B, dst: Ipv4Addr::BROADCAST, protocol: ipv4::PROTO_TCP, ttl: 64, ident: 1, dont_fragment: true, payload_len: 20 },
        &mut ip,
    )
    .unwrap();
    frame.extend_from_slice(&ip);
    n.a.receive_frame(n.now, 0, &frame, &mut n.ea);
    assert_eq!(n.a.counters.rx_not_for_us, before + 1);
}

#[test]
fn udp_checksum_out_off_sends_zero_and_bad_checksums_are_dropped() {
    let mut n = Net::new();
    n.b.arp.insert(IP_A, MAC_A, n.now);
    let a = udp_socket(&mut n.a, &mut n.ea, 7000);
    let b = udp_socket(&mut n.b, &mut n.eb, 7001);
    let to = SockAddr::v4(IP_A, 7000);
    n.b.set_option(b, SocketOption::UdpChecksumOut(false)).unwrap();
    send(&mut n.b, &mut n.eb, b, to, b"plain").unwrap();
    n.b.poll(n.now, &mut n.eb);
    let frame = n.eb.out.pop().unwrap();
    let udp_at = ethernet::HEADER_LEN + ipv4::HEADER_LEN;
    assert_eq!(&frame[udp_at + 6..udp_at + 8], &[0, 0], "no checksum");
    // Upstream drops UDP without a checksum (ipconfigUDP_PASS_ZERO_CHECKSUM_PACKETS 0).
    n.a.receive_frame(n.now, 0, &frame, &mut n.ea);
    assert_eq!(n.a.recvfrom(a, false), Ok(Progress::Pending));
    assert_eq!(n.a.counters.rx_bad_checksum, 1);
    n.b.set_option(b, SocketOption::UdpChecksumOut(true)).unwrap();
    send(&mut n.b, &mut n.eb, b, to, b"summed").unwrap();
    n.b.poll(n.now, &mut n.eb);
    let mut frame = n.eb.out.pop().unwrap();
    assert!(udp::parse(&frame[udp_at..], IP_B, IP_A, true).is_ok());
    frame[udp_at + 8] ^= 1;
    n.a.receive_frame(n.now, 0, &frame, &mut n.ea);
    assert_eq!(n.a.counters.rx_bad_checksum, 2);
    frame[udp_at + 8] ^= 1;
    n.a.receive_frame(n.now, 0, &frame, &mut n.ea);
    assert_eq!(recv(&mut n.a, &mut n.ea, a).unwrap().0, b"summed");
}

#[test]
fn udp_datagram_waiting_for_arp_is_dropped_after_two_seconds() {
    let mut n = Net::new();
    let b = udp_socket(&mut n.b, &mut n.eb, 7001);
    // Nobody has this address: the ARP request is never answered.
    let nobody = SockAddr::v4(Ipv4Addr([192, 0, 2, 77]), 9);
    send(&mut n.b, &mut n.eb, b, nobody, b"first").unwrap();
    send(&mut n.b, &mut n.eb, b, nobody, b"second").unwrap();
    n.b.poll(n.now, &mut n.eb);
    // One waits; the older one made room for it.
    assert_eq!(n.eb.held_frames(), 1);
    assert_eq!(n.b.counters.udp_arp_timeouts, 1);
    assert!(n.b.next_deadline(n.now).is_some());
    n.run(1_999);
    assert_eq!(n.eb.held_frames(), 1);
    n.run(2);
    assert_eq!(n.eb.held_frames(), 0, "released after 2 s");
    assert_eq!(n.b.counters.udp_arp_timeouts, 2);
}

#[test]
fn udp_datagram_waiting_for_arp_survives_a_lost_arp_request() {
    let mut n = Net::new();
    let a = udp_socket(&mut n.a, &mut n.ea, 7000);
    let b = udp_socket(&mut n.b, &mut n.eb, 7001);
    send(&mut n.b, &mut n.eb, b, SockAddr::v4(IP_A, 7000), b"late").unwrap();
    n.b.poll(n.now, &mut n.eb);
    let lost = core::mem::take(&mut n.eb.out);
    assert_eq!(lost.len(), 1, "the first ARP request (lost on the wire)");
    // The IP task must wake for the retry, not only when the datagram
    // gives up 2 s later.
    let retry_at = n.now + n.b.cfg.tick_rate.ms(500);
    assert!(n.b.next_deadline(n.now).is_some_and(|t| t.reached(retry_at)), "{:?}", n.b.next_deadline(n.now));
    // The stack asks again within 500 ms and sends once A answers.
    n.run(600);
    assert_eq!(recv(&mut n.a, &mut n.ea, a).expect("sent after the second request").0, b"late");
    assert_eq!(n.b.counters.udp_arp_timeouts, 0);
}

/// What `FreeRTOS_SendPingRequest` does: a frame of `fill` bytes, queued.
fn ping(s: &mut Stack, env: &mut TestEnv, to: Ipv4Addr, data: &[u8]) -> u16 {
    let frame = env.new_frame(PAYLOAD_OFFSET + data.len());
    env.frame_mut(frame).unwrap()[PAYLOAD_OFFSET..].copy_from_slice(data);
    s.queue_ping(frame, to, data.len()).expect("queued")
}

fn ping_replies(s: &mut Stack) -> Vec<(u8, u16)> {
    core::iter::from_fn(|| s.next_notice())
        .filter_map(|n| match n {
            Notice::PingReply { status, ident } => Some((status, ident)),
            _ => None,
        })
        .collect()
}

#[test]
fn ping_request_gets_a_reply_reported_with_its_sequence_number() {
    use super::ping::{status, ECHO_FILL_BYTE};
    let mut n = Net::new();
    let first = ping(&mut n.b, &mut n.eb, IP_A, &[ECHO_FILL_BYTE; 32]);
    let second = ping(&mut n.b, &mut n.eb, IP_A, &[ECHO_FILL_BYTE; 8]);
    assert_eq!(second, first.wrapping_add(1));
    // The first waited for ARP and was pushed out by the second (one packet
    // waits, as upstream); the second is answered.
    n.run(10);
    assert_eq!(ping_replies(&mut n.b), [(status::SUCCESS, second)]);
    assert_eq!(n.a.counters.icmp_echo_replies, 1);
    // Data that does not come back as sent (here: not upstream's fill byte).
    let third = ping(&mut n.b, &mut n.eb, IP_A, b"not x");
    n.run(10);
    assert_eq!(ping_replies(&mut n.b), [(status::INVALID_DATA, third)]);
    // A reply with a bad checksum is reported as such.
    let fourth = ping(&mut n.b, &mut n.eb, IP_A, &[ECHO_FILL_BYTE; 4]);
    n.b.poll(n.now, &mut n.eb);
    let req = n.eb.out.pop().expect("request");
    n.a.receive_frame(n.now, 0, &req, &mut n.ea);
    let mut reply = n.ea.out.pop().expect("reply");
    let last = reply.len() - 1;
    reply[last] ^= 0xff;
    n.b.receive_frame(n.now, 0, &reply, &mut n.eb);
    assert_eq!(ping_replies(&mut n.b), [(status::INVALID_CHECKSUM, fourth)]);
    assert_eq!((n.ea.held_frames(), n.eb.held_frames()), (0, 0));
}

#[test]
fn echo_request_is_answered_at_once_after_the_arp_cache_was_emptied() {
    use crate::wire::{icmp, ipv4};
    let mut n = Net::new();
    n.run(1);
    // Link down and up: upstream's network-down empties the ARP cache.
    n.a.set_interface_up(0, false);
    n.a.set_interface_up(0, true);
    assert!(n.a.arp.lookup(IP_B, n.now).is_none());
    let echo = icmp::IcmpRepr { ty: icmp::TYPE_ECHO_REQUEST, code: 0, rest: [0, 7, 0, 1] };
    n.b.arp.insert(IP_A, MAC_A, n.now);
    let mut out = super::output::Output {
        now: n.now,
        endpoints: &n.b.endpoints,
        arp: &mut n.b.arp,
        ident: &mut super::ipid::IpIds::new(),
        counters: &mut n.b.counters,
        env: &mut n.eb,
        ttl: 64,
    };
    assert!(out.send_icmp(IP_B, IP_A, &echo, b"ping"));
    let req = n.eb.out.pop().unwrap();
    n.a.receive_frame(n.now, 0, &req, &mut n.ea);
    // The reply, not an ARP request, and to B's MAC.
    let reply = n.ea.out.pop().expect("an answer at once");
    let (eth, ip) = ethernet::parse(&reply).unwrap();
    assert_eq!(eth.ethertype, ethernet::ETHERTYPE_IPV4);
    assert_eq!(eth.dst, super::testenv::MAC_B);
    let (iph, payload) = ipv4::parse(ip).unwrap();
    assert_eq!(iph.dst, IP_B);
    assert_eq!(icmp::parse(payload).unwrap().0.ty, icmp::TYPE_ECHO_REPLY);
    // Nothing was learned from it.
    assert!(n.a.arp.lookup(IP_B, n.now).is_none());
}

/// `ipconfigUSE_TCP 0` (a UDP-only build): `FreeRTOS_socket(STREAM)` fails,
/// a SYN gets no answer at all (upstream has no TCP code to send an RST)
/// and is counted, and UDP works as before.
#[test]
fn udp_only_build_refuses_tcp_sockets_and_ignores_segments() {
    let mut n = Net::new();
    n.a.tcp_enabled = false;
    assert_eq!(n.a.create_socket(Protocol::Tcp), Err(Error::NotSupported));
    let a = udp_socket(&mut n.a, &mut n.ea, 7000);

    let c = n.b.create_socket(Protocol::Tcp).unwrap();
    n.b.connect(n.now, c, SockAddr::v4(IP_A, 80), &mut n.eb).unwrap();
    let unsupported = n.a.counters.rx_unsupported;
    n.run(50);
    assert!(n.a.counters.rx_unsupported > unsupported, "the SYN was not counted");
    assert_eq!(n.a.counters.tcp_resets_sent, 0, "a UDP-only stack answered a SYN with an RST");
    assert_eq!(state(&n.b, c), crate::tcp::TcpState::ConnectSyn as i64, "the SYN was answered");

    let b = udp_socket(&mut n.b, &mut n.eb, 0);
    send(&mut n.b, &mut n.eb, b, SockAddr::v4(IP_A, 7000), b"udp").unwrap();
    n.run(10);
    assert_eq!(recv(&mut n.a, &mut n.ea, a).map(|(bytes, _)| bytes), Some(b"udp".to_vec()));
}
