//! A sequence of steps against A's live TCP connection (see `Live`): raw
//! frames, segments aimed near the connection's sequence numbers, lost or
//! delivered frames in both directions, application calls on both ends and
//! virtual time, and (with the SYN-flood defence switched on) ACKs that
//! carry the SYN cookie of A's last SYN+ACK back, exact or offset. Input:
//! one opcode byte per step, then its arguments.
//!
//! Checks after every step: no panic; the counters add up for every frame
//! received; every frame sent parses back; each connection record keeps
//! its sequence-number invariants (`Tcb::check_invariants`); every state
//! change follows RFC 9293's diagram (checked inside the engine with the
//! `fuzzing` feature). At the end, closing every socket and letting the
//! timers run empties both socket tables (no leaked socket or stream).
#![no_main]

use freertos_plus_tcp::socket::ops::Progress;
use freertos_plus_tcp::stack::testenv::{check_stack, socket_ids, tcb_of};
use freertos_plus_tcp::stack::{SocketId, Stack};
use freertos_plus_tcp::tcp::{TcpFlags, TcpRepr, TcpState};
use freertos_plus_tcp::time::Duration;
use freertos_plus_tcp::wire::{ethernet, ipv4, tcp};
use freertos_plus_tcp_fuzz::{
    check_output, close_all_and_drain, deliver, fix_checksums, receive_checked, tcp_frame, Input, Live, IP_A, IP_B,
    MAC_A, MAC_B,
};
use libfuzzer_sys::fuzz_target;

/// At most this many steps per input, and frames waiting per side: keeps
/// each run short.
const MAX_STEPS: usize = 200;
const MAX_QUEUED: usize = 64;

/// A's socket a crafted segment goes to: one with a peer, picked by `pick`.
fn target(a: &Stack, pick: u8) -> Option<SocketId> {
    let ids: Vec<SocketId> = socket_ids(a)
        .into_iter()
        .filter(|&id| tcb_of(a, id).is_some_and(|t| !matches!(t.state(), TcpState::Closed | TcpState::Listen)))
        .collect();
    if ids.is_empty() {
        None
    } else {
        Some(ids[usize::from(pick) % ids.len()])
    }
}

/// A segment from B's side built from the input: to one of A's
/// connections, with seq / ack as offsets from what A expects, or a new
/// connection attempt to port 80.
fn crafted(live: &Live, inp: &mut Input) -> Vec<u8> {
    let a = &live.net.a;
    let pick = inp.u8();
    let flags = TcpFlags(inp.u8());
    let seq_off = inp.u16() as i16 as i32;
    let ack_off = inp.u16() as i16 as i32;
    let window = inp.u16();
    let opts = inp.u8();
    let len = usize::from(inp.u16() % 3000);
    let (src_port, dst_port, seq, ack) = match target(a, pick).filter(|_| pick & 0x80 == 0) {
        Some(id) => {
            let t = tcb_of(a, id).expect("target has a record");
            let v = t.seq_view();
            let ack_base = if opts & 0x40 != 0 { v.snd_max } else { v.snd_una };
            (
                t.remote().port,
                t.local().port,
                v.rcv_nxt.wrapping_add(seq_off as u32),
                ack_base.wrapping_add(ack_off as u32),
            )
        }
        None => (40_000 + u16::from(pick & 0x7f), 80, inp.u32(), inp.u32()),
    };
    let mut repr = TcpRepr { src_port, dst_port, seq, ack, flags, window, ..TcpRepr::default() };
    if opts & 1 != 0 {
        repr.mss = Some(inp.u16());
    }
    if opts & 2 != 0 {
        repr.window_scale = Some(inp.u8());
    }
    repr.sack_permitted = opts & 4 != 0;
    if opts & 8 != 0 {
        repr.timestamp = Some((inp.u32(), inp.u32()));
    }
    let sacks = (opts >> 4) & 3;
    for i in 0..usize::from(sacks) {
        let left = ack.wrapping_add(u32::from(inp.u16()));
        repr.sack_blocks[i] = (left, left.wrapping_add(u32::from(inp.u16())));
    }
    repr.sack_count = sacks;
    let payload: Vec<u8> = (0..len).map(|i| i as u8).collect();
    tcp_frame((MAC_B, IP_B), (MAC_A, IP_A), &repr, &payload)
}

/// An ACK from B for the last SYN+ACK A sent to B (a cookie when the
/// backlog was full), with its acknowledgement number moved by an offset
/// from the input (0: the exact cookie) and up to 1,500 bytes of data.
fn cookie_ack(live: &Live, inp: &mut Input) -> Option<Vec<u8>> {
    let off = inp.u16() as i16 as i32;
    let len = usize::from(inp.u16() % 1500);
    let flags = if inp.u8() & 1 != 0 { TcpFlags::ACK | TcpFlags::PSH } else { TcpFlags::ACK };
    let syn_ack = live.net.ea.out.iter().rev().find_map(|f| {
        let (eth, ip) = ethernet::parse(f).ok()?;
        if eth.ethertype != ethernet::ETHERTYPE_IPV4 {
            return None;
        }
        let (iph, seg) = ipv4::parse(ip).ok()?;
        if iph.protocol != ipv4::PROTO_TCP || iph.dst != IP_B {
            return None;
        }
        let (r, _) = tcp::parse(seg, iph.src, iph.dst, false).ok()?;
        (r.flags == TcpFlags::SYN | TcpFlags::ACK).then_some(r)
    })?;
    let repr = TcpRepr {
        src_port: syn_ack.dst_port,
        dst_port: syn_ack.src_port,
        seq: syn_ack.ack,
        ack: syn_ack.seq.wrapping_add(1).wrapping_add(off as u32),
        flags,
        window: 5840,
        ..TcpRepr::default()
    };
    let payload: Vec<u8> = (0..len).map(|i| i as u8).collect();
    Some(tcp_frame((MAC_B, IP_B), (MAC_A, IP_A), &repr, &payload))
}

/// One application call on `id`: send, read, peek, shutdown or close.
fn app_call(s: &mut Stack, id: SocketId, inp: &mut Input) {
    let op = inp.u8();
    let n = usize::from(inp.u16() % 8192);
    match op % 5 {
        0 => {
            let data = vec![op; n];
            let _ = s.send(id, &data);
        }
        1 | 2 => {
            let mut buf = vec![0u8; n];
            let got = s.recv(id, Some(&mut buf), n, op % 5 == 2);
            if let Ok(Progress::Done(k)) = got {
                assert!(k <= n, "recv returned {k} bytes into a {n}-byte buffer");
            }
        }
        3 => {
            let _ = s.shutdown(id);
        }
        _ => {
            let _ = s.close(id);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let mut live = Live::new();
    let mut inp = Input::new(data);
    let mut steps = 0;
    while !inp.is_empty() && steps < MAX_STEPS {
        steps += 1;
        let op = inp.u8();
        let n = &mut live.net;
        match op % 10 {
            0 => {
                let len = usize::from(inp.u16() % 1600);
                let mut frame = inp.bytes(len).to_vec();
                if op & 0x80 != 0 {
                    fix_checksums(&mut frame);
                }
                receive_checked(&mut n.a, &mut n.ea, n.now, &frame);
            }
            1 => {
                let frame = crafted(&live, &mut inp);
                let n = &mut live.net;
                receive_checked(&mut n.a, &mut n.ea, n.now, &frame);
            }
            2 | 3 => deliver(&mut n.ea, &mut n.b, &mut n.eb, n.now, op % 10 == 3),
            4 | 5 => deliver(&mut n.eb, &mut n.a, &mut n.ea, n.now, op % 10 == 5),
            6 => {
                n.now = n.now + Duration(u32::from(inp.u16()));
                n.a.poll(n.now, &mut n.ea);
                n.b.poll(n.now, &mut n.eb);
            }
            7 => {
                let ids = socket_ids(&n.a);
                if let Some(&id) = ids.get(usize::from(inp.u8()) % ids.len().max(1)) {
                    app_call(&mut n.a, id, &mut inp);
                }
            }
            8 => {
                let id = live.client;
                let n = &mut live.net;
                app_call(&mut n.b, id, &mut inp);
            }
            _ if op & 0x80 != 0 => {
                // ipconfigFPTCP_SYN_FLOOD_DEFENCE from here on: SYNs for
                // the full backlog get cookies, and this ACKs one.
                n.a.syn_flood_defence = true;
                if let Some(frame) = cookie_ack(&live, &mut inp) {
                    let n = &mut live.net;
                    receive_checked(&mut n.a, &mut n.ea, n.now, &frame);
                }
            }
            _ => n.settle(),
        }
        let n = &mut live.net;
        // Bounded queues: the oldest frames are lost, as on a full link.
        for env in [&mut n.ea, &mut n.eb] {
            if env.out.len() > MAX_QUEUED {
                let extra = env.out.len() - MAX_QUEUED;
                check_output(&env.out[..extra]);
                env.out.drain(..extra);
            }
        }
        check_stack(&n.a);
        check_stack(&n.b);
    }
    let n = &mut live.net;
    check_output(&n.ea.out);
    check_output(&n.eb.out);
    close_all_and_drain(n);
});
