//! The DNS resolver (`dns::resolver`) over real UDP sockets of two stacks on
//! one wire: stack B plays the DNS server on port 53; the query from A waits
//! for ARP, goes out, and the answers (good, hostile, from another port)
//! travel as real frames. The kernel's blocking calls are replaced by a
//! loop that advances the virtual clock one millisecond at a time.
use alloc::vec::Vec;

use super::testenv::{Net, IP_A, IP_B};
use super::udp::PAYLOAD_OFFSET;
use super::*;
use crate::dns::resolver::{resolve, Outcome, Transport, MAX_RESPONSE};
use crate::dns::Counters;
use crate::socket::ops::Progress;

const SERVER: SockAddr = SockAddr::v4(IP_B, 53);

/// Answers a query (the bytes B received) with the datagrams B sends back:
/// (source port on B, payload).
type Server = dyn FnMut(&[u8]) -> Vec<(u16, Vec<u8>)>;

struct Wire<'a> {
    n: Net,
    client: SocketId,
    server53: SocketId,
    server5353: SocketId,
    answer: &'a mut Server,
    queries: usize,
}

fn send(s: &mut Stack, env: &mut super::testenv::TestEnv, id: SocketId, to: SockAddr, payload: &[u8]) {
    let frame = env.new_frame(PAYLOAD_OFFSET + payload.len());
    env.frame_mut(frame).unwrap()[PAYLOAD_OFFSET..].copy_from_slice(payload);
    s.sendto(id, frame, payload.len(), to, env).unwrap();
}

fn take(s: &mut Stack, env: &mut super::testenv::TestEnv, id: SocketId) -> Option<(Vec<u8>, SockAddr)> {
    let Ok(Progress::Done(d)) = s.recvfrom(id, false) else { return None };
    let bytes = env.frame_mut(d.frame).unwrap()[d.offset..d.offset + d.len].to_vec();
    env.release_frame(d.frame);
    Some((bytes, d.from))
}

impl Transport for Wire<'_> {
    fn send(&mut self, query: &[u8]) -> bool {
        send(&mut self.n.a, &mut self.n.ea, self.client, SERVER, query);
        true
    }
    fn recv(&mut self, buf: &mut [u8], ticks: u32) -> Option<(usize, SockAddr)> {
        for _ in 0..=ticks {
            if let Some((q, from)) = take(&mut self.n.b, &mut self.n.eb, self.server53) {
                self.queries += 1;
                for (port, reply) in (self.answer)(&q) {
                    let id = if port == 53 { self.server53 } else { self.server5353 };
                    send(&mut self.n.b, &mut self.n.eb, id, from, &reply);
                }
            }
            if let Some((bytes, from)) = take(&mut self.n.a, &mut self.n.ea, self.client) {
                let n = bytes.len().min(buf.len());
                buf[..n].copy_from_slice(&bytes[..n]);
                return Some((n, from));
            }
            self.n.run(1);
        }
        None
    }
    fn now(&mut self) -> u32 {
        self.n.now.ticks()
    }
}

fn wire(answer: &mut Server) -> Wire<'_> {
    let mut n = Net::new();
    let client = n.a.create_socket(Protocol::Udp).unwrap();
    let mut bound = |port| {
        let id = n.b.create_socket(Protocol::Udp).unwrap();
        n.b.bind(id, Some(SockAddr::v4(Ipv4Addr::UNSPECIFIED, port)), &mut n.eb).unwrap();
        id
    };
    let server53 = bound(53);
    let server5353 = bound(5353);
    Wire { n, client, server53, server5353, answer, queries: 0 }
}

/// The right answer to query `q`: its header and question, one A record.
fn answer_to(q: &[u8], addr: [u8; 4]) -> Vec<u8> {
    let mut m = q.to_vec();
    m[2] = 0x81;
    m[3] = 0x80;
    m[7] = 1;
    m.extend_from_slice(&[0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4]);
    m.extend_from_slice(&addr);
    m
}

fn lookup(w: &mut Wire<'_>, c: &mut Counters) -> Outcome {
    let mut buf = [0u8; MAX_RESPONSE];
    resolve(w, SERVER.as_v4().unwrap(), b"example.test", 0x7777, 3, 1000, &mut buf, c)
}

#[test]
fn first_query_waits_for_arp_and_is_answered() {
    let mut server = |q: &[u8]| vec![(53, answer_to(q, [192, 0, 2, 77]))];
    let mut w = wire(&mut server);
    let mut c = Counters::default();
    assert_eq!(lookup(&mut w, &mut c), Outcome::Found(crate::wire::dns::Addresses::one([192, 0, 2, 77]), 60));
    assert_eq!(w.queries, 1, "not lost to ARP");
    let took = w.n.now.ticks().wrapping_sub(crate::time::test_clock_offset());
    assert!(took < 100, "answered in {took} ticks");
    // The query went from A's address, from the port sendto chose.
    let port = w.n.a.local_address(w.client).unwrap().port;
    assert!(port >= crate::socket::ops::EPHEMERAL_FIRST);
    assert_eq!(w.n.a.endpoints[0].ip, IP_A);
}

#[test]
fn hostile_answers_over_the_wire_are_ignored_then_the_right_one_taken() {
    let mut server = |q: &[u8]| {
        let good = answer_to(q, [192, 0, 2, 77]);
        let mut wrong_id = answer_to(q, [6, 6, 6, 6]);
        wrong_id[0] ^= 0xff;
        let mut lying = answer_to(q, [6, 6, 6, 6]);
        lying[7] = 9;
        let mut looped = q.to_vec();
        looped[2] = 0x81;
        looped[3] = 0x80;
        looped[7] = 1;
        let at = looped.len() as u8;
        looped.extend_from_slice(&[0xc0, at, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 6, 6, 6, 6]);
        vec![
            (5353, answer_to(q, [6, 6, 6, 6])),
            (53, wrong_id),
            (53, lying),
            (53, looped),
            (53, good[..good.len() - 3].to_vec()),
            (53, good),
        ]
    };
    let mut w = wire(&mut server);
    let mut c = Counters::default();
    assert_eq!(lookup(&mut w, &mut c), Outcome::Found(crate::wire::dns::Addresses::one([192, 0, 2, 77]), 60));
    assert_eq!((c.wrong_source, c.wrong_id, c.malformed), (1, 1, 3));
    assert_eq!(w.queries, 1);
}

#[test]
fn only_hostile_answers_give_nothing_after_all_attempts_and_no_frame_is_kept() {
    let mut server = |q: &[u8]| {
        let mut wrong_id = answer_to(q, [6, 6, 6, 6]);
        wrong_id[1] ^= 1;
        vec![(5353, answer_to(q, [6, 6, 6, 6])), (53, wrong_id)]
    };
    let mut w = wire(&mut server);
    let mut c = Counters::default();
    assert_eq!(lookup(&mut w, &mut c), Outcome::NoAnswer);
    assert_eq!(w.queries, 3);
    assert_eq!((c.wrong_source, c.wrong_id, c.queries_sent), (3, 3, 3));
    assert!(w.n.now.ticks() >= 3000);
    w.n.run(10);
    assert_eq!(w.n.ea.held_frames(), 0, "every received frame went back");
}
