//! One DNS lookup (`dns::resolver::resolve`) against datagrams from the
//! input, as a hostile host on the path (or a hostile server) would send
//! them. Input: the lookup's name length and attempt count, then datagrams:
//! a control byte (bit 0: from the server's address and port, else from
//! another; bit 1: overwrite the first two bytes with the query's id so
//! mutations reach the parser behind the id check; bits 2-3: how many
//! ticks pass before it arrives), a length byte, the bytes.
//!
//! Checks: no panic; every datagram is accounted for exactly once (an
//! answer, a definitive no, or one of the counted rejections); an address
//! is returned only for a datagram the parser itself reads as an answer to
//! our question; the lookup never runs past `attempts * timeout` ticks.
#![no_main]

use freertos_plus_tcp::dns::resolver::{resolve, Outcome, Transport, MAX_RESPONSE};
use freertos_plus_tcp::dns::Counters;
use freertos_plus_tcp::wire::dns::{parse_response, MAX_ADDRESSES};
use freertos_plus_tcp::wire::{Ipv4Addr, SockAddr, SockAddrV4};
use freertos_plus_tcp_fuzz::Input;
use libfuzzer_sys::fuzz_target;

const SERVER: SockAddrV4 = SockAddrV4 { addr: Ipv4Addr([192, 0, 2, 53]), port: 53 };
const OTHER: SockAddrV4 = SockAddrV4 { addr: Ipv4Addr([192, 0, 2, 66]), port: 53 };
const ID: u16 = 0x4d2e;
const TIMEOUT: u32 = 500;
const NAMES: [&[u8]; 4] = [b"example.com", b"a.b.c.d.example.org.", b"x", b"freertos.local"];

struct Replay<'a> {
    input: Input<'a>,
    now: u64,
    sent: u32,
    delivered: u32,
    /// The last datagram delivered, as the resolver saw it.
    last: Vec<u8>,
}

impl Transport for Replay<'_> {
    fn send(&mut self, query: &[u8]) -> bool {
        assert!(query.len() >= 12 && query[0..2] == ID.to_be_bytes());
        self.sent += 1;
        true
    }

    fn recv(&mut self, buf: &mut [u8], ticks: u32) -> Option<(usize, SockAddr)> {
        let ticks = u64::from(ticks);
        if self.input.is_empty() {
            self.now += ticks;
            return None;
        }
        let control = self.input.u8();
        let delay = u64::from((control >> 2) & 3) * 200;
        let len = usize::from(self.input.u8()).min(buf.len());
        let bytes = self.input.bytes(len);
        if delay >= ticks {
            // Arrives too late for this attempt: the attempt times out
            // and the datagram is lost.
            self.now += ticks;
            return None;
        }
        self.now += delay;
        buf[..bytes.len()].copy_from_slice(bytes);
        if control & 2 != 0 && bytes.len() >= 2 {
            buf[..2].copy_from_slice(&ID.to_be_bytes());
        }
        self.delivered += 1;
        self.last.clear();
        self.last.extend_from_slice(&buf[..bytes.len()]);
        let from = if control & 1 != 0 { SERVER } else { OTHER };
        Some((bytes.len(), from.into()))
    }

    fn now(&mut self) -> u32 {
        // The kernel's 32-bit tick count wraps (time.rs).
        self.now as u32
    }
}

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let name = NAMES[usize::from(input.u8() & 3)];
    let attempts = u32::from(input.u8() & 3) + 1;
    let mut t = Replay { input, now: 0, sent: 0, delivered: 0, last: Vec::new() };
    let mut buf = [0u8; MAX_RESPONSE];
    let mut c = Counters::default();
    let outcome = resolve(&mut t, SERVER, name, ID, attempts, TIMEOUT, &mut buf, &mut c);

    assert!(t.sent <= attempts);
    assert!(t.now <= u64::from(attempts) * u64::from(TIMEOUT), "the lookup overran its time");
    let accounted = c.answers + c.wrong_source + c.wrong_id + c.malformed + c.not_ours + c.server_errors
        + u32::from(matches!(outcome, Outcome::NoSuchName));
    assert_eq!(accounted, t.delivered, "a datagram was not accounted for: {c:?}");
    if let Outcome::Found(all, ttl) = outcome {
        // The answer is the last datagram: the parser must read the same,
        // the first address first, at most MAX_ADDRESSES of them.
        assert_eq!(c.answers, 1);
        let a = parse_response(&t.last, ID, name).expect("an answer the parser refuses");
        assert_eq!(a.address, Some((all.first().expect("no address"), ttl)));
        assert_eq!(a.all, all);
        assert!(all.as_slice().len() <= MAX_ADDRESSES);
    }
});
