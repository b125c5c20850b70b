//! Pieces shared by the fuzz targets and the seed generator: a reader over
//! the fuzz input, a stack pair with a live connection, frame building, and
//! the checks every target applies after each step.
//!
//! The stacks, the test `Env` and the virtual clock come from the library's
//! own test kit (`stack::testenv`, built with the `fuzzing` feature).
use freertos_plus_tcp::socket::ops::Progress;
use freertos_plus_tcp::stack::testenv::{self, check_stack, drops, socket_ids, Net, TestEnv};
use freertos_plus_tcp::stack::{SocketId, Stack};
use freertos_plus_tcp::tcp::TcpRepr;
use freertos_plus_tcp::time::Instant;
use freertos_plus_tcp::wire::{arp, checksum, ethernet, icmp, ipv4, tcp, Ipv4Addr, MacAddr};

pub use freertos_plus_tcp::stack::testenv::{IP_A, IP_B, MAC_A, MAC_B};

/// Reads the fuzz input front to back; zeroes once it is used up.
pub struct Input<'a> {
    data: &'a [u8],
}

impl<'a> Input<'a> {
    pub fn new(data: &'a [u8]) -> Input<'a> {
        Input { data }
    }

    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    pub fn u8(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&b, rest)) => {
                self.data = rest;
                b
            }
            None => 0,
        }
    }

    pub fn u16(&mut self) -> u16 {
        u16::from_be_bytes([self.u8(), self.u8()])
    }

    pub fn u32(&mut self) -> u32 {
        u32::from_be_bytes([self.u8(), self.u8(), self.u8(), self.u8()])
    }

    /// Up to `n` bytes (fewer at the end of the input).
    pub fn bytes(&mut self, n: usize) -> &'a [u8] {
        let (head, rest) = self.data.split_at(n.min(self.data.len()));
        self.data = rest;
        head
    }
}

/// A (192.0.2.10, the stack under test) listens on port 80; B
/// (192.0.2.1) has connected to it, and 100 bytes went each way (A has not
/// read its 100 yet). Everything is deterministic, so the seeds' sequence
/// numbers stay valid from run to run.
pub struct Live {
    pub net: Net,
    pub listener: SocketId,
    /// B's socket.
    pub client: SocketId,
    /// A's accepted socket.
    pub child: SocketId,
}

impl Live {
    pub fn new() -> Live {
        let mut net = Net::new();
        net.allow_ack_war = true;
        let (listener, client, child) = testenv::establish(&mut net);
        assert_eq!(net.b.send(client, &[b'q'; 100]), Ok(Progress::Done(100)));
        assert_eq!(net.a.send(child, &[b'r'; 100]), Ok(Progress::Done(100)));
        net.run(50);
        let mut buf = [0u8; 100];
        assert_eq!(net.b.recv(client, Some(&mut buf), 100, false), Ok(Progress::Done(100)));
        Live { net, listener, client, child }
    }
}

impl Default for Live {
    fn default() -> Live {
        Live::new()
    }
}

/// Every frame a stack sends must parse back with checksums verified: the
/// stack never puts a malformed frame on the wire.
pub fn check_output(frames: &[Vec<u8>]) {
    for f in frames {
        let (eth, payload) = ethernet::parse(f).expect("we sent a frame with a bad Ethernet header");
        match eth.ethertype {
            ethernet::ETHERTYPE_ARP => {
                arp::parse(payload).expect("we sent a malformed ARP packet");
            }
            ethernet::ETHERTYPE_IPV4 => {
                let (ip, body) = ipv4::parse(payload).expect("we sent a malformed IPv4 header");
                match ip.protocol {
                    ipv4::PROTO_TCP => {
                        if let Err(e) = tcp::parse(body, ip.src, ip.dst, true) {
                            panic!("we sent a malformed TCP segment ({e:?}): {f:02x?}");
                        }
                    }
                    ipv4::PROTO_ICMP => {
                        icmp::parse(body).expect("we sent a malformed ICMP message");
                    }
                    p => panic!("we sent IP protocol {p}"),
                }
            }
            t => panic!("we sent ethertype {t:#06x}"),
        }
    }
}

/// Hands one frame to `s` and checks its counters: one more frame
/// received, at most one drop reason counted, one `tx_frames` per frame
/// sent and no frame that could not be filled.
pub fn receive_checked(s: &mut Stack, env: &mut TestEnv, now: Instant, frame: &[u8]) {
    let before = s.counters;
    let sent_before = env.out.len();
    s.receive_frame(now, 0, frame, env);
    let after = s.counters;
    assert_eq!(after.rx_frames, before.rx_frames.wrapping_add(1), "rx_frames counts each frame once");
    let dropped = drops(&after) - drops(&before);
    assert!(dropped <= 1, "one frame counted under {dropped} drop reasons");
    let sent = env.out.len() - sent_before;
    assert_eq!(after.tx_frames.wrapping_sub(before.tx_frames) as usize, sent, "tx_frames counts each frame sent");
    assert_eq!(after.tx_dropped_no_buffer, before.tx_dropped_no_buffer, "a frame could not be filled");
    check_stack(s);
}

/// Moves every frame `from` has sent into `to` (checked), or drops them.
pub fn deliver(from: &mut TestEnv, to: &mut Stack, to_env: &mut TestEnv, now: Instant, drop: bool) {
    let frames = core::mem::take(&mut from.out);
    check_output(&frames);
    if !drop {
        for f in &frames {
            receive_checked(to, to_env, now, f);
        }
    }
}

/// Recomputes the IPv4 header checksum and the TCP / ICMP checksum of a
/// frame, so that mutated frames get past the checksum checks and reach
/// the code behind them. Frames too short or not IPv4 stay as they are.
pub fn fix_checksums(frame: &mut [u8]) {
    let Some(ip) = frame.get_mut(ethernet::HEADER_LEN..) else {
        return;
    };
    if ip.len() < ipv4::HEADER_LEN || ip[0] >> 4 != 4 {
        return;
    }
    let ihl = usize::from(ip[0] & 0x0f) * 4;
    if ihl < ipv4::HEADER_LEN || ihl > ip.len() {
        return;
    }
    ip[10] = 0;
    ip[11] = 0;
    let sum = checksum::fold(checksum::sum(&ip[..ihl], 0));
    ip[10..12].copy_from_slice(&sum.to_be_bytes());
    let total = usize::from(u16::from_be_bytes([ip[2], ip[3]])).min(ip.len());
    if total <= ihl {
        return;
    }
    let src = Ipv4Addr([ip[12], ip[13], ip[14], ip[15]]);
    let dst = Ipv4Addr([ip[16], ip[17], ip[18], ip[19]]);
    let protocol = ip[9];
    let body = &mut ip[ihl..total];
    let len = body.len();
    match protocol {
        ipv4::PROTO_TCP if len >= tcp::MIN_HEADER_LEN => {
            body[16] = 0;
            body[17] = 0;
            let init = checksum::pseudo_header_v4(src, dst, ipv4::PROTO_TCP, len as u16);
            let sum = checksum::fold(checksum::sum(body, init));
            body[16..18].copy_from_slice(&sum.to_be_bytes());
        }
        ipv4::PROTO_ICMP if len >= icmp::HEADER_LEN => {
            body[2] = 0;
            body[3] = 0;
            let sum = checksum::fold(checksum::sum(body, 0));
            body[2..4].copy_from_slice(&sum.to_be_bytes());
        }
        _ => {}
    }
}

/// An Ethernet + IPv4 + TCP frame with correct checksums.
pub fn tcp_frame(src: (MacAddr, Ipv4Addr), dst: (MacAddr, Ipv4Addr), repr: &TcpRepr, payload: &[u8]) -> Vec<u8> {
    let hlen = tcp::header_len(repr);
    let seg_len = hlen + payload.len();
    let mut f = vec![0u8; ethernet::HEADER_LEN + ipv4::HEADER_LEN + seg_len];
    let eth = ethernet::EthernetRepr { dst: dst.0, src: src.0, ethertype: ethernet::ETHERTYPE_IPV4 };
    ethernet::emit(&eth, &mut f).unwrap();
    let ip = ipv4::Ipv4Repr {
        src: src.1,
        dst: dst.1,
        protocol: ipv4::PROTO_TCP,
        ttl: 64,
        ident: 1,
        dont_fragment: true,
        payload_len: seg_len,
    };
    ipv4::emit(&ip, &mut f[ethernet::HEADER_LEN..]).unwrap();
    let seg = &mut f[ethernet::HEADER_LEN + ipv4::HEADER_LEN..];
    seg[hlen..].copy_from_slice(payload);
    tcp::emit(repr, src.1, dst.1, seg).unwrap();
    f
}

/// Closes every socket of both stacks and lets the timers run past every
/// TIME-WAIT record: both socket tables must end empty (no socket, and so
/// no stream buffer, outlives its close) and no record may stay.
pub fn close_all_and_drain(net: &mut Net) {
    for id in socket_ids(&net.a) {
        let _ = net.a.close(id);
    }
    for id in socket_ids(&net.b) {
        let _ = net.b.close(id);
    }
    net.run(1);
    assert_eq!(net.a.sockets.len(), 0, "sockets left on A after closing all");
    assert_eq!(net.b.sockets.len(), 0, "sockets left on B after closing all");
    net.run(freertos_plus_tcp::stack::TIME_WAIT_MS + 1_000);
    assert_eq!(net.a.time_wait_count(), 0, "TIME-WAIT records outlived 2 MSL on A");
    assert_eq!(net.b.time_wait_count(), 0, "TIME-WAIT records outlived 2 MSL on B");
}
