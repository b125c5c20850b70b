//! The DHCP client of stack A through a sequence of steps: server messages
//! built from the input (the client's current transaction id and MAC, the
//! magic cookie and the message type patched in or not, so mutations reach
//! every option), raw UDP payloads to port 68, time passing, the
//! interface going down and up, and the application's DHCP hook answering
//! each phase with an answer from the input; the link-local fallback on or
//! off.
//!
//! Checks after every step: no panic; every frame the client sends is a
//! well-formed DHCP message from port 68 to 67 with our MAC; an end-point
//! the client calls bound holds a usable host address and is up; the
//! stack's invariants; the run ends with no network buffer held.
#![no_main]

use freertos_plus_tcp::stack::dhcp::{Addresses, Answer, State};
use freertos_plus_tcp::stack::testenv::{check_stack, config, udp_frame, TestEnv};
use freertos_plus_tcp::stack::{Endpoint, Notice, Stack};
use freertos_plus_tcp::time::{Duration, Instant};
use freertos_plus_tcp::wire::dhcp::{self as wdhcp, option, OPTIONS_OFFSET};
use freertos_plus_tcp::wire::{arp, ethernet, ipv4, udp, Ipv4Addr, MacAddr, SockAddr};
use freertos_plus_tcp_fuzz::{Input, MAC_A};
use libfuzzer_sys::fuzz_target;

const SERVER: Ipv4Addr = Ipv4Addr([192, 0, 2, 1]);
const STATIC: Addresses = Addresses {
    ip: Ipv4Addr([192, 0, 2, 10]),
    netmask: Ipv4Addr([255, 255, 255, 0]),
    gateway: Ipv4Addr([192, 0, 2, 254]),
    dns: Ipv4Addr([192, 0, 2, 253]),
};
const MAX_STEPS: usize = 64;

struct Client {
    s: Stack,
    env: TestEnv,
    now: Instant,
    /// The transaction id of the client's last message.
    xid: u32,
}

impl Client {
    /// Checks and forgets what the client sent; remembers its last xid.
    fn take_sent(&mut self) {
        for f in core::mem::take(&mut self.env.out) {
            let (eth, p) = ethernet::parse(&f).expect("unreadable Ethernet frame");
            assert_eq!(eth.src, MAC_A);
            if eth.ethertype == ethernet::ETHERTYPE_ARP {
                // The link-local fallback's announcement (or an ARP answer).
                arp::parse(p).expect("unreadable ARP packet");
                continue;
            }
            let (ip, d) = ipv4::parse(p).expect("unreadable IPv4 packet");
            if ip.protocol != ipv4::PROTO_UDP {
                continue; // an ARP probe or ICMP answer is not the client's
            }
            let (u, msg) = udp::parse(d, ip.src, ip.dst, true).expect("bad UDP checksum");
            assert_eq!((u.src_port, u.dst_port), (wdhcp::CLIENT_PORT, wdhcp::SERVER_PORT));
            assert!(msg.len() >= OPTIONS_OFFSET, "short DHCP message");
            assert_eq!(&msg[28..34], &MAC_A.0);
            assert!(wdhcp::message_type_code(msg).is_some(), "no message type");
            self.xid = u32::from_be_bytes([msg[4], msg[5], msg[6], msg[7]]);
        }
    }

    /// Hands the hook's phases an answer from the input, as the IP task
    /// would after releasing the lock.
    fn answer_hooks(&mut self, input: &mut Input) {
        for _ in 0..8 {
            let Some(n) = self.s.next_notice() else { return };
            if let Notice::DhcpHook { endpoint, phase, .. } = n {
                let answer = match input.u8() % 3 {
                    0 => Answer::Continue,
                    1 => Answer::UseDefaults,
                    _ => Answer::StopNoChanges,
                };
                self.s.dhcp_answer(endpoint, phase, answer, self.now, &mut self.env);
            }
        }
    }

    fn run_for(&mut self, ms: u64) {
        // The clock wraps (time.rs): one run reaches `time::HORIZON` at most.
        let end = self.now + Duration(ms.min(u64::from(u32::MAX)) as u32);
        for _ in 0..64 {
            self.s.poll(self.now, &mut self.env);
            match self.s.next_deadline(self.now).filter(|t| self.now.is_before(*t) && t.reached(end)) {
                Some(t) => self.now = t,
                None => break,
            }
        }
        self.now = end;
        self.s.poll(self.now, &mut self.env);
    }

    fn deliver(&mut self, payload: &[u8], dst: (Ipv4Addr, MacAddr)) {
        let from = SockAddr::v4(SERVER, wdhcp::SERVER_PORT);
        let to = SockAddr::v4(dst.0, wdhcp::CLIENT_PORT);
        let f = udp_frame(from, to, dst.1, payload);
        self.s.receive_frame(self.now, 0, &f, &mut self.env);
    }

    fn check(&self) {
        let ep = self.s.endpoints[0];
        if matches!(self.s.dhcp_state(0), Some(State::Bound | State::Renewing | State::Rebinding)) {
            assert!(wdhcp::is_host_address(ep.ip), "bound to {:?}", ep.ip);
        }
        check_stack(&self.s);
    }
}

/// A server message from the input: BOOTP header fields, then options.
fn server_message(input: &mut Input, xid: u32) -> (Vec<u8>, (Ipv4Addr, MacAddr)) {
    let control = input.u8();
    let mut m = vec![0u8; OPTIONS_OFFSET];
    m[0] = 2;
    m[1] = 1;
    m[2] = 6;
    let given_xid = input.u32();
    let xid = if control & 1 != 0 { xid } else { given_xid };
    m[4..8].copy_from_slice(&xid.to_be_bytes());
    let yiaddr = Ipv4Addr(input.u32().to_be_bytes());
    m[16..20].copy_from_slice(&yiaddr.0);
    if control & 2 != 0 {
        m[28..34].copy_from_slice(&MAC_A.0);
    }
    if control & 4 == 0 {
        m[236..240].copy_from_slice(&wdhcp::COOKIE.to_be_bytes());
    }
    if control & 8 != 0 {
        // OFFER, ACK or NAK first, as servers put it.
        let kind = [2u8, 5, 6][usize::from(input.u8() % 3)];
        m.extend_from_slice(&[option::MESSAGE_TYPE, 1, kind]);
    }
    let len = usize::from(input.u8());
    m.extend_from_slice(input.bytes(len));
    let dst = if control & 16 != 0 { (Ipv4Addr([255; 4]), MacAddr([0xff; 6])) } else { (yiaddr, MAC_A) };
    (m, dst)
}

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
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
    let flags = input.u8();
    s.dhcp_settings_mut().hook = flags & 1 != 0;
    s.dhcp_settings_mut().link_local = flags & 2 != 0;
    let mut c = Client { s, env: TestEnv::new(5), now: Instant(0), xid: 0 };
    c.s.set_interface_up(0, true);
    c.s.dhcp_interface_up(0, c.now);
    c.run_for(300);
    c.answer_hooks(&mut input);
    c.take_sent();

    for _ in 0..MAX_STEPS {
        if input.is_empty() {
            break;
        }
        match input.u8() % 4 {
            0 => {
                let (m, dst) = server_message(&mut input, c.xid);
                c.deliver(&m, dst);
            }
            1 => {
                let ms = u64::from(input.u16()) * 20;
                c.run_for(ms);
            }
            2 => {
                let up = input.u8() & 1 != 0;
                c.s.set_interface_up(0, up);
                if up {
                    c.s.dhcp_interface_up(0, c.now);
                } else {
                    c.s.dhcp_interface_down(0);
                }
            }
            _ => {
                let len = usize::from(input.u16() % 600);
                let raw = input.bytes(len).to_vec();
                c.deliver(&raw, (Ipv4Addr([255; 4]), MacAddr([0xff; 6])));
            }
        }
        c.s.poll(c.now, &mut c.env);
        c.answer_hooks(&mut input);
        c.take_sent();
        c.check();
    }
    c.run_for(1_000);
    c.answer_hooks(&mut input);
    c.take_sent();
    c.check();
    assert_eq!(c.env.held_frames(), 0, "a network buffer was not released");
});
