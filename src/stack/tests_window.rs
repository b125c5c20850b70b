//! Window and zero-copy behaviour through the socket operations of two
//! whole stacks (issue #8): a bulk transfer both ways has no short
//! segments but the last; TCP zero-copy receive and transmit.
use alloc::vec;
use alloc::vec::Vec;

use super::testenv::*;
use super::*;
use crate::socket::ops::{Progress, Query};
use crate::wire::{ethernet, ipv4, tcp};

/// TCP payload length and source port of a frame, if it is TCP.
fn tcp_payload(frame: &[u8]) -> Option<(u16, u32, usize)> {
    let (_, ip) = ethernet::parse(frame).ok()?;
    let (iph, seg) = ipv4::parse(ip).ok()?;
    if iph.protocol != ipv4::PROTO_TCP {
        return None;
    }
    let (repr, payload) = tcp::parse(seg, iph.src, iph.dst, false).ok()?;
    Some((repr.src_port, repr.seq, payload.len()))
}

/// `Net::settle`, recording (source port, seq, payload length) of every
/// data segment on the wire.
fn settle_recording(n: &mut Net, seen: &mut Vec<(u16, u32, usize)>) {
    for _ in 0..10_000 {
        n.a.poll(n.now, &mut n.ea);
        n.b.poll(n.now, &mut n.eb);
        let fa = core::mem::take(&mut n.ea.out);
        let fb = core::mem::take(&mut n.eb.out);
        if fa.is_empty() && fb.is_empty() {
            return;
        }
        for f in &fa {
            if let Some(x) = tcp_payload(f).filter(|x| x.2 > 0) {
                seen.push(x);
            }
        }
        for f in &fb {
            if let Some(x) = tcp_payload(f).filter(|x| x.2 > 0) {
                seen.push(x);
            }
        }
        for f in fa {
            n.b.receive_frame(n.now, 0, &f, &mut n.eb);
        }
        for f in fb {
            n.a.receive_frame(n.now, 0, &f, &mut n.ea);
        }
    }
    panic!("the wire never went quiet");
}

fn byte(tag: u8, i: usize) -> u8 {
    (i as u8).wrapping_mul(31) ^ tag ^ ((i >> 8) as u8)
}

#[test]
fn bulk_transfer_between_two_stacks_has_no_short_segments_but_the_last() {
    let mut n = Net::new();
    let (_, c, child) = establish(&mut n);
    const TOTAL: usize = 512 * 1024;
    // (socket on A or B, bytes written, bytes read by the other end)
    let mut written = [0usize; 2];
    let mut read = [0usize; 2];
    let mut seen = Vec::new();
    let mut buf = vec![0u8; 3000];
    for _ in 0..200_000 {
        for (k, tag) in [(0usize, 1u8), (1, 2)] {
            // k = 0: A's child sends to B's client; k = 1 the other way.
            // The writers keep their TX streams full (a bulk sender that
            // waits in send()): short segments may only end the data.
            let from = if k == 0 { child } else { c };
            let stack = if k == 0 { &mut n.a } else { &mut n.b };
            loop {
                let w = written[k];
                let len = (TOTAL - w).min(3000);
                if len == 0 {
                    break;
                }
                for (i, b) in buf[..len].iter_mut().enumerate() {
                    *b = byte(tag, w + i);
                }
                match stack.send(from, &buf[..len]) {
                    Ok(Progress::Done(m)) => {
                        written[k] += m;
                        if m < len {
                            break;
                        }
                    }
                    _ => break,
                }
            }
        }
        settle_recording(&mut n, &mut seen);
        // Both readers take 1000 bytes at a time, every tick.
        for (k, tag) in [(0usize, 1u8), (1, 2)] {
            let (to, stack) = if k == 0 { (c, &mut n.b) } else { (child, &mut n.a) };
            if let Ok(Progress::Done(m)) = stack.recv(to, Some(&mut buf[..1000]), 1000, false) {
                for (i, &b) in buf[..m].iter().enumerate() {
                    assert_eq!(b, byte(tag, read[k] + i));
                }
                read[k] += m;
            }
        }
        if read == [TOTAL, TOTAL] {
            break;
        }
        let next = [n.a.next_deadline(n.now), n.b.next_deadline(n.now)]
            .into_iter()
            .flatten()
            .filter(|t| n.now.is_before(*t))
            .reduce(Instant::earliest);
        n.now = next.map_or(n.now + crate::time::Duration(1), |t| t.earliest(n.now + crate::time::Duration(1)));
    }
    assert_eq!(read, [TOTAL, TOTAL], "transfer incomplete");
    for port in [80u16, seen.iter().map(|x| x.0).find(|&p| p != 80).unwrap_or(0)] {
        let mine: Vec<&(u16, u32, usize)> = seen.iter().filter(|x| x.0 == port).collect();
        let end = mine.iter().map(|x| x.1.wrapping_add(x.2 as u32)).max_by_key(|e| e.wrapping_sub(mine[0].1));
        let short: Vec<usize> =
            mine.iter().filter(|x| x.2 < 1460 && Some(x.1.wrapping_add(x.2 as u32)) != end).map(|x| x.2).collect();
        std::println!("port {port}: {} data segments, {} short", mine.len(), short.len());
        assert!(short.is_empty(), "port {port} sent short segments: {:?}", &short[..short.len().min(10)]);
    }
}

#[test]
fn zero_copy_receive_points_at_the_data_and_release_consumes() {
    let mut n = Net::new();
    let (_, c, child) = establish(&mut n);
    assert_eq!(n.b.send(c, b"hello world"), Ok(Progress::Done(11)));
    n.run(50);
    let Ok(Progress::Done((at, len))) = n.a.recv_zero_copy(child) else { panic!("nothing to read") };
    assert_eq!(len, 11);
    let view = tcb_of(&n.a, child).unwrap().rx_contiguous();
    assert_eq!((view.as_ptr() as usize, view), (at, &b"hello world"[..]));
    // Not consumed by looking.
    assert_eq!(n.a.query(child, Query::RxSize), Ok(11));
    // Another address, or more than lies there: refused, nothing consumed.
    assert_eq!(n.a.release_rx(child, at + 1, 1), Ok(false));
    assert_eq!(n.a.release_rx(child, at, 12), Ok(false));
    assert_eq!(n.a.release_rx(child, at, 6), Ok(true));
    assert_eq!(n.a.query(child, Query::RxSize), Ok(5));
    assert_eq!(n.a.release_rx(child, at, 5), Ok(false));
    assert_eq!(n.a.recv_zero_copy(child), Ok(Progress::Done((at + 6, 5))));
    assert_eq!(n.a.release_rx(child, at + 6, 5), Ok(true));
    assert_eq!(n.a.recv_zero_copy(child), Ok(Progress::Pending));
    // A closed connection with nothing left: recv's answer.
    n.b.close(c).unwrap();
    n.run(200);
    assert_eq!(n.a.recv_zero_copy(child), Err(Error::NotConnected));
}

#[test]
fn zero_copy_transmit_publishes_what_lies_at_the_head() {
    let mut n = Net::new();
    let (_, c, child) = establish(&mut n);
    let base = n.a.tx_base(child).unwrap();
    let (head, room) = n.a.tx_head(child).unwrap();
    assert_eq!(head, base);
    assert_eq!(room as i64, n.a.query(child, Query::TxSpace).unwrap());
    // (The test cannot write through the address: the stream is zeroed.)
    assert_eq!(n.a.send_committed(child, 100), Ok(100));
    assert_eq!(n.a.tx_head(child).unwrap().0, base + 100);
    n.run(50);
    let mut buf = [9u8; 200];
    assert_eq!(n.b.recv(c, Some(&mut buf), 200, false), Ok(Progress::Done(100)));
    assert!(buf[..100].iter().all(|&b| b == 0));
    // More than is free: what is free.
    let free = n.a.query(child, Query::TxSpace).unwrap() as usize;
    assert_eq!(n.a.send_committed(child, 1_000_000), Ok(free));
    // After our FIN nothing more is taken.
    n.a.shutdown(child).unwrap();
    n.run(500);
    let _ = n.b.recv(c, Some(&mut [0u8; 8192]), 8192, false);
    n.run(500);
    let r = n.a.send_committed(child, 10);
    assert!(matches!(r, Ok(0) | Err(Error::NotConnected)), "{r:?}");
}

/// `FreeRTOS_get_rx_buf`: nothing before the first byte arrives (the RX
/// stream is created then, as upstream's), afterwards the struct whose
/// ring the zero-copy view points into, at the same address for the
/// socket's life; a UDP socket, a listener and a closed socket get nothing.
#[test]
fn rx_buf_is_the_rx_stream_once_data_arrived() {
    let mut n = Net::new();
    let (l, c, child) = establish(&mut n);
    assert_eq!(n.a.rx_buf(child), Ok(None));
    assert_eq!(n.a.rx_buf(l), Ok(None));
    assert_eq!(n.b.send(c, b"hello world"), Ok(Progress::Done(11)));
    n.run(50);
    let Ok(Some(at)) = n.a.rx_buf(child) else { panic!("no RX stream") };
    let view = tcb_of(&n.a, child).unwrap().rx_contiguous();
    assert_eq!(view.as_ptr() as usize, at + crate::tcp::stream::HEADER_WORDS * core::mem::size_of::<usize>());
    assert_eq!(at % core::mem::align_of::<usize>(), 0);
    let mut buf = [0u8; 11];
    assert_eq!(n.a.recv(child, Some(&mut buf), 11, false), Ok(Progress::Done(11)));
    assert_eq!(n.a.rx_buf(child), Ok(Some(at)), "the stream stays where it is");
    let u = n.a.create_socket(Protocol::Udp).unwrap();
    assert_eq!(n.a.rx_buf(u), Err(Error::Invalid));
    n.a.close(child).unwrap();
    assert_eq!(n.a.rx_buf(child), Err(Error::Invalid));
}
