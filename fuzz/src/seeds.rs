//! Writes the seed corpora (fuzz/corpus/<target>/<name>): real frames taken
//! from the stacks of `Live`, and step sequences for the sequence targets.
//! Run from fuzz/: `cargo run --bin seeds` (stable is enough); the output
//! is deterministic, so rerunning it only rewrites the same files.
use std::fs;
use std::path::Path;

use freertos_plus_tcp::stack::testenv::tcb_of;
use freertos_plus_tcp::stack::Protocol;
use freertos_plus_tcp::tcp::{TcpFlags, TcpRepr};
use freertos_plus_tcp::wire::{arp, checksum, ethernet, icmp, ipv4, MacAddr, SockAddr};
use freertos_plus_tcp_fuzz::{tcp_frame, Live, IP_A, IP_B, MAC_A, MAC_B};

fn write(target: &str, name: &str, bytes: &[u8]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(target);
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join(name), bytes).unwrap();
    println!("{target}/{name}: {} bytes", bytes.len());
}

/// A `frame` seed: flags byte 1 (fix checksums after mutation), the frame.
fn frame_seed(name: &str, frame: &[u8]) {
    let mut v = vec![1u8];
    v.extend_from_slice(frame);
    write("frame", name, &v);
}

/// The single frame B sends after `act` on a fresh `Live`.
fn from_b(act: impl FnOnce(&mut Live)) -> Vec<u8> {
    let mut live = Live::new();
    act(&mut live);
    let n = &mut live.net;
    n.b.poll(n.now, &mut n.eb);
    assert!(!n.eb.out.is_empty(), "B sent nothing");
    n.eb.out.remove(0)
}

fn arp_request() -> Vec<u8> {
    let mut f = vec![0u8; ethernet::HEADER_LEN + arp::PACKET_LEN];
    let eth = ethernet::EthernetRepr { dst: MacAddr([0xff; 6]), src: MAC_B, ethertype: ethernet::ETHERTYPE_ARP };
    ethernet::emit(&eth, &mut f).unwrap();
    let req = arp::ArpRepr {
        op: arp::ArpOp::Request,
        sender_mac: MAC_B,
        sender_ip: IP_B,
        target_mac: MacAddr([0; 6]),
        target_ip: IP_A,
    };
    arp::emit(&req, &mut f[ethernet::HEADER_LEN..]).unwrap();
    f
}

fn echo_request(data_len: usize) -> Vec<u8> {
    let icmp_len = icmp::HEADER_LEN + data_len;
    let mut f = vec![0u8; ethernet::HEADER_LEN + ipv4::HEADER_LEN + icmp_len];
    let eth = ethernet::EthernetRepr { dst: MAC_A, src: MAC_B, ethertype: ethernet::ETHERTYPE_IPV4 };
    ethernet::emit(&eth, &mut f).unwrap();
    let ip = ipv4::Ipv4Repr {
        src: IP_B,
        dst: IP_A,
        protocol: ipv4::PROTO_ICMP,
        ttl: 64,
        ident: 7,
        dont_fragment: false,
        payload_len: icmp_len,
    };
    ipv4::emit(&ip, &mut f[ethernet::HEADER_LEN..]).unwrap();
    let body = &mut f[ethernet::HEADER_LEN + ipv4::HEADER_LEN..];
    for (i, b) in body[icmp::HEADER_LEN..].iter_mut().enumerate() {
        *b = i as u8;
    }
    let echo = icmp::IcmpRepr { ty: icmp::TYPE_ECHO_REQUEST, code: 0, rest: [0x12, 0x34, 0, 1] };
    icmp::emit(&echo, body).unwrap();
    assert_eq!(checksum::fold(checksum::sum(body, 0)), 0);
    f
}

fn frames() {
    frame_seed(
        "syn_to_port_80",
        &from_b(|l| {
            let n = &mut l.net;
            let c = n.b.create_socket(Protocol::Tcp).unwrap();
            n.b.connect(n.now, c, SockAddr::v4(IP_A, 80), &mut n.eb).unwrap();
        }),
    );
    frame_seed(
        "syn_to_closed_port_81",
        &from_b(|l| {
            let n = &mut l.net;
            let c = n.b.create_socket(Protocol::Tcp).unwrap();
            n.b.connect(n.now, c, SockAddr::v4(IP_A, 81), &mut n.eb).unwrap();
        }),
    );
    frame_seed(
        "data_10_on_live_connection",
        &from_b(|l| {
            let c = l.client;
            l.net.b.send(c, b"0123456789").unwrap();
        }),
    );
    frame_seed(
        "fin_on_live_connection",
        &from_b(|l| {
            let c = l.client;
            l.net.b.shutdown(c).unwrap();
        }),
    );
    let live = Live::new();
    let t = tcb_of(&live.net.b, live.client).unwrap();
    let v = t.seq_view();
    let rst = TcpRepr {
        src_port: t.local().port,
        dst_port: 80,
        seq: v.snd_max,
        ack: v.rcv_nxt,
        flags: TcpFlags::RST | TcpFlags::ACK,
        ..TcpRepr::default()
    };
    frame_seed("rst_on_live_connection", &tcp_frame((MAC_B, IP_B), (MAC_A, IP_A), &rst, &[]));
    let sack = TcpRepr {
        src_port: t.local().port,
        dst_port: 80,
        seq: v.snd_max,
        ack: v.rcv_nxt,
        flags: TcpFlags::ACK,
        window: 4000,
        sack_blocks: [(v.rcv_nxt.wrapping_add(100), v.rcv_nxt.wrapping_add(200)), (0, 0), (0, 0), (0, 0)],
        sack_count: 1,
        timestamp: Some((1, 2)),
        ..TcpRepr::default()
    };
    frame_seed("ack_with_sack_and_timestamp", &tcp_frame((MAC_B, IP_B), (MAC_A, IP_A), &sack, &[]));
    frame_seed("arp_request_for_us", &arp_request());
    frame_seed("echo_request_64", &echo_request(64));
    // The same echo request with its checksums left as they are (flags 0).
    let mut raw = vec![0u8];
    raw.extend_from_slice(&echo_request(64));
    write("frame", "echo_request_64_checksums_kept", &raw);
}

fn tcp_sequences() {
    let t = "tcp_sequence";
    // B sends 500 bytes; frames delivered both ways; settle.
    write(t, "peer_sends_500_then_settle", &[8, 0, 0x01, 0xf4, 6, 0, 0, 4, 2, 9]);
    // A segment aimed at the child: ACK|PSH, seq and ack as expected,
    // window 65535, no options, 100 bytes; then settle.
    write(t, "crafted_data_100", &[1, 0, 0x18, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 100, 9]);
    // The peer's FIN at the expected place, then 1 s passes.
    write(t, "crafted_fin_then_1s", &[1, 0, 0x11, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 6, 0x03, 0xe8, 9]);
    // A new SYN to port 80 with MSS 536, window scale 7, SACK permitted.
    write(
        t,
        "new_syn_with_options",
        &[1, 0x85, 0x02, 0, 0, 0, 0, 0xff, 0xff, 0x07, 0, 0, 0, 0, 0x10, 0, 0, 0, 0, 0, 0x02, 0x18, 7, 9],
    );
    // B sends, the frame is lost, 1 s later the retransmission arrives.
    write(t, "lost_segment_retransmitted", &[8, 0, 0x00, 0x64, 6, 0, 0, 5, 6, 0x03, 0xe8, 4, 9]);
    // A reads, then closes its connection; settle.
    write(t, "a_reads_then_closes", &[7, 1, 1, 0x00, 0xff, 7, 1, 4, 0, 0, 9]);
    // Both ends shut down.
    write(t, "both_shut_down", &[7, 1, 3, 0, 0, 9, 8, 3, 0, 0, 9, 6, 0xff, 0xff, 9]);
    // The SYN-flood defence on (step 0x81), six SYNs from new ports
    // (MSS 1460, SACK permitted) fill the backlog of 3 and get cookies,
    // then B ACKs the last cookie exactly with 32 bytes of data; settle.
    let mut cookie = vec![0x81, 0, 0, 0, 0, 0];
    for port in 0x81u8..=0x86 {
        cookie.extend_from_slice(&[1, port, 0x02, 0, 0, 0, 0, 0x16, 0xd0, 0x05, 0, 0, 0, 0, 0, port, 0, 0, 0, 0, 0x05, 0xb4]);
    }
    cookie.extend_from_slice(&[0x81, 0, 0, 0, 0x20, 1, 9]);
    write(t, "syn_cookie_handshake", &cookie);
}

fn socket_calls() {
    let t = "socket_api";
    // socket, bind 0.0.0.0:80, listen(4), the peer connects to 80, settle,
    // accept, recv, close both, run 1 s.
    write(
        t,
        "server_accepts_peer",
        &[
            0, 1, 1, 0, 1, 2, 0, 2, 0, 0, 4, 15, 0, 11, 4, 0, 16, 0, 0, 0, 0, 0x10, 11, 6, 1, 0, 100, 8, 8, 1, 8, 0,
            13, 0x03, 0xe8,
        ],
    );
    // socket, connect to the peer's echo port 7, settle, send 100, settle,
    // recv up to 100 into 128 bytes, close, run 1 s.
    write(
        t,
        "client_connects_to_peer_7",
        &[0, 1, 3, 0, 0, 1, 11, 5, 0, 0, 100, 11, 6, 0, 0, 100, 8, 8, 0, 13, 0x03, 0xe8],
    );
    // socket, close, then calls on the closed id (selector 6) and on a
    // made-up id (selector 7: index 3, generation 9).
    write(t, "stale_and_made_up_ids", &[0, 1, 8, 0, 5, 6, 0, 5, 10, 6, 0, 2, 7, 0, 3, 0, 9, 0, 1, 8, 7, 0, 3, 0, 9]);
    // Options and queries on a fresh TCP socket and a UDP one.
    write(
        t,
        "options_and_queries",
        &[
            0, 1, 0, 0, 9, 0, 0, 1, 0x10, 0x00, 9, 0, 4, 0x0b, 0x68, 2, 0x0b, 0x68, 2, 9, 0, 7, 0, 100, 0, 50, 9, 1, 5,
            1, 10, 0, 4, 10, 1, 6, 17,
        ],
    );
}

/// A DNS response to `id` for "example.com" (type A, class IN): `answers`
/// are (type, rdata) records whose names point at the question.
fn dns_response(rcode: u8, answers: &[(u16, &[u8])]) -> Vec<u8> {
    let mut m = vec![0x4d, 0x2e, 0x81, 0x80 | rcode, 0, 1, 0, answers.len() as u8, 0, 0, 0, 0];
    m.extend_from_slice(b"\x07example\x03com\x00\x00\x01\x00\x01");
    for (kind, rdata) in answers {
        m.extend_from_slice(&[0xc0, 12]);
        m.extend_from_slice(&kind.to_be_bytes());
        m.extend_from_slice(&[0, 1, 0, 0, 0x0e, 0x10]);
        m.extend_from_slice(&(rdata.len() as u16).to_be_bytes());
        m.extend_from_slice(rdata);
    }
    m
}

/// A `dns_answer` seed: name 0 ("example.com"), `attempts`, then each
/// datagram from the server with the query's id patched in.
fn dns_seed(name: &str, attempts: u8, datagrams: &[Vec<u8>]) {
    let mut v = vec![0u8, attempts];
    for d in datagrams {
        v.extend_from_slice(&[0b011, d.len() as u8]);
        v.extend_from_slice(d);
    }
    write("dns_answer", name, &v);
}

fn dns_seeds() {
    dns_seed("a-record", 0, &[dns_response(0, &[(1, &[192, 0, 2, 80])])]);
    // A CNAME whose target is "www" + a pointer to the question's name,
    // then an A record for the target.
    let cname: &[u8] = &[3, b'w', b'w', b'w', 0xc0, 12];
    let mut chain = dns_response(0, &[(5, cname)]);
    chain[7] = 2;
    chain.extend_from_slice(&[0xc0, 41, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 81]);
    dns_seed("cname-chain", 0, &[chain]);
    dns_seed("nxdomain", 0, &[dns_response(3, &[])]);
    let four: [(u16, &[u8]); 4] =
        [(1, &[192, 0, 2, 31]), (1, &[192, 0, 2, 32]), (1, &[192, 0, 2, 33]), (1, &[192, 0, 2, 34])];
    dns_seed("four-a-records", 0, &[dns_response(0, &four)]);
    dns_seed("servfail-then-answer", 1, &[dns_response(2, &[]), dns_response(0, &[(1, &[192, 0, 2, 82])])]);
    // NAME:WRECK: an answer whose name is a pointer to itself.
    let mut looped = dns_response(0, &[(1, &[192, 0, 2, 83])]);
    looped[29] = 0xc0;
    looped[30] = 29;
    dns_seed("pointer-loop", 0, &[looped]);
}

/// DHCP options of a lease: server id, mask, router, DNS, lease time.
fn lease_options() -> Vec<u8> {
    let mut o = vec![54, 4, 192, 0, 2, 1, 1, 4, 255, 255, 255, 0, 3, 4, 192, 0, 2, 1, 6, 4, 192, 0, 2, 9];
    o.extend_from_slice(&[51, 4, 0, 0, 0, 120, 255]);
    o
}

/// A `dhcp_client` step delivering a server message: xid and MAC patched
/// in, cookie kept, message type from `kind_index` (0 OFFER, 1 ACK, 2
/// NAK), to the offered address.
fn dhcp_message_step(v: &mut Vec<u8>, kind_index: u8, options: &[u8]) {
    v.extend_from_slice(&[0, 0b1011, 0, 0, 0, 0, 192, 0, 2, 50, kind_index, options.len() as u8]);
    v.extend_from_slice(options);
}

fn dhcp_seeds() {
    let lease = lease_options();
    // No hook; OFFER, 1 s, ACK, then 70 s (past T1: the client renews).
    let mut v = vec![0u8];
    dhcp_message_step(&mut v, 0, &lease);
    v.extend_from_slice(&[1, 0, 50]);
    dhcp_message_step(&mut v, 1, &lease);
    v.extend_from_slice(&[1, 0x0d, 0xac]);
    write("dhcp_client", "offer-ack-renew", &v);
    // With the hook (answers from the input); OFFER, then a NAK.
    let mut v = vec![1u8, 0];
    dhcp_message_step(&mut v, 0, &lease);
    v.push(0);
    dhcp_message_step(&mut v, 2, &[255]);
    v.extend_from_slice(&[1, 0, 200]);
    write("dhcp_client", "hook-offer-nak", &v);
    // An option whose length runs past the end of the message.
    let mut v = vec![0u8];
    dhcp_message_step(&mut v, 0, &[54, 4, 192, 0, 2, 1, 1, 200, 255, 255]);
    write("dhcp_client", "option-overflow", &v);
}

fn main() {
    frames();
    tcp_sequences();
    socket_calls();
    dns_seeds();
    dhcp_seeds();
}
