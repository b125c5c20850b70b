//! Window and segment-size tests (issue #8): receiver and sender
//! silly-window avoidance (RFC 1122 §4.2.3.3, §4.2.3.4), the window the
//! receiver advertises, and the options that shape it.

use alloc::vec::Vec;

use super::seq::Seq;
use super::testkit::*;
use super::*;
use crate::time::Instant;

/// Segments carrying data but less than `mss`, other than the one that
/// ends the stream (the only small segment a bulk transfer needs).
fn tiny_segments(sent: &[(Instant, Seg)], mss: usize) -> Vec<(u32, usize)> {
    let mut end: Option<Seq> = None;
    for (_, s) in sent {
        if s.payload.is_empty() {
            continue;
        }
        let e = Seq(s.repr.seq).add_len(s.payload.len());
        if end.is_none_or(|x| e.gt(x)) {
            end = Some(e);
        }
    }
    sent.iter()
        .filter(|(_, s)| !s.payload.is_empty() && s.payload.len() < mss)
        .filter(|(_, s)| Some(Seq(s.repr.seq).add_len(s.payload.len())) != end)
        .map(|(_, s)| (s.repr.seq, s.payload.len()))
        .collect()
}

/// How the applications on both ends move data in a bulk transfer.
#[derive(Copy, Clone, Debug)]
struct Apps {
    /// Bytes per `send()` call.
    write_chunk: usize,
    /// Bytes per `recv()` call, and the ticks between two reads (0: read
    /// everything at every step).
    read_chunk: usize,
    read_every: u64,
}

fn write_some(p: &mut Pump, tcb: &mut Tcb, chunk: usize) {
    let mut buf = alloc::vec![0u8; chunk];
    while p.written < p.total {
        let n = ((p.total - p.written) as usize).min(chunk);
        for (i, b) in buf[..n].iter_mut().enumerate() {
            *b = pattern(p.tag, p.written + i as u64);
        }
        let sent = tcb.send(&buf[..n]).expect("alloc");
        p.written += sent as u64;
        if sent < n {
            break;
        }
    }
}

fn read_some(p: &mut Pump, tcb: &mut Tcb, chunk: usize) {
    let mut buf = alloc::vec![0u8; chunk];
    let n = tcb.recv(&mut buf, false);
    for (i, &b) in buf[..n].iter().enumerate() {
        assert_eq!(b, pattern(p.tag, p.read + i as u64));
    }
    p.read += n as u64;
}

/// Both directions at once; returns the simulation for inspection.
fn bulk(cfg_a: TcpConfig, cfg_b: TcpConfig, apps: Apps, bytes: u64, seed: u64) -> Sim {
    let mut sim = Sim::new(cfg_a, cfg_b, seed);
    sim.connect();
    let mut up = Pump::new(1, bytes);
    let mut down = Pump::new(2, bytes);
    let mut last_read = sim.now;
    let ok = sim.run(4_000_000, |s| {
        write_some(&mut up, &mut s.a.tcb, apps.write_chunk);
        write_some(&mut down, &mut s.b.tcb, apps.write_chunk);
        if apps.read_every == 0 {
            up.read(&mut s.b.tcb);
            down.read(&mut s.a.tcb);
        } else if u64::from(s.now.since(last_read).0) >= apps.read_every {
            last_read = s.now;
            read_some(&mut up, &mut s.b.tcb, apps.read_chunk);
            read_some(&mut down, &mut s.a.tcb, apps.read_chunk);
        }
        up.done() && down.done()
    });
    assert!(ok, "stalled: up {} down {} of {bytes}", up.read, down.read);
    sim
}

fn assert_no_tiny_segments(sim: &Sim, what: &str) {
    for (name, a) in [("A", true), ("B", false)] {
        let mss = if a { sim.a.tcb.mss() } else { sim.b.tcb.mss() } as usize;
        let tiny = tiny_segments(sim.sent_by(a), mss);
        let data = sim.sent_by(a).iter().filter(|x| !x.1.payload.is_empty()).count();
        std::println!("{what}: {name} sent {data} data segments, {} tiny", tiny.len());
        assert!(tiny.is_empty(), "{what}: {name} sent {} segments below the MSS: {:?}", tiny.len(), &tiny[..tiny.len().min(12)]);
    }
}

const BULK: u64 = 1024 * 1024;

#[test]
fn bulk_transfer_fast_reader_sends_no_tiny_segments() {
    let apps = Apps { write_chunk: 4096, read_chunk: 0, read_every: 0 };
    let sim = bulk(cfg(), cfg(), apps, BULK, 1);
    assert_no_tiny_segments(&sim, "fast reader");
}

#[test]
fn bulk_transfer_slow_odd_reader_sends_no_tiny_segments() {
    // The application reads 1000 bytes every 2 ms: the free space grows in
    // steps that are no multiple of the MSS.
    let apps = Apps { write_chunk: 1000, read_chunk: 1000, read_every: 2 };
    let sim = bulk(cfg(), cfg(), apps, BULK, 2);
    assert_no_tiny_segments(&sim, "slow odd reader");
}

#[test]
fn bulk_transfer_large_streams_sends_no_tiny_segments() {
    let apps = Apps { write_chunk: 3000, read_chunk: 7000, read_every: 3 };
    let sim = bulk(big_cfg(65536), big_cfg(65536), apps, BULK, 3);
    assert_no_tiny_segments(&sim, "64 KiB streams");
}

/// The largest window field B sent after the handshake.
fn windows_sent(sim: &Sim, a: bool, from: usize) -> Vec<u16> {
    sim.sent_by(a)[from..].iter().map(|x| x.1.repr.window).collect()
}

#[test]
fn window_follows_free_space_by_default_and_win_properties_caps_it() {
    // Default: a 16-segment stream offers 16 segments.
    let sim = {
        let mut sim = Sim::new(big_cfg(16 * 1460), big_cfg(16 * 1460), 5);
        sim.connect();
        sim
    };
    let synack = &sim.sent_by(false)[0].1;
    assert_eq!(synack.repr.window as usize, 16 * 1460);
    // With FREERTOS_SO_WIN_PROPERTIES' 3 segments: never more than 3.
    let mut sim = Sim::new(big_cfg(16 * 1460), big_cfg(16 * 1460), 6);
    sim.b.tcb.set_windows(3, 3);
    sim.a.tcb.set_windows(3, 2);
    sim.connect();
    let mut up = Pump::new(1, 200_000);
    let before_b = sim.b.sent.len();
    let before_a = sim.a.sent.len();
    let mut max_flight = 0u32;
    let ok = sim.run(100_000, |s| {
        up.write(&mut s.a.tcb);
        max_flight = max_flight.max(s.a.tcb.snd_max.since(s.a.tcb.snd_una));
        up.read(&mut s.b.tcb);
        up.done()
    });
    assert!(ok);
    let w = windows_sent(&sim, false, before_b);
    assert!(w.iter().all(|&x| x as usize <= 3 * 1460), "{w:?}");
    assert!(w.contains(&(3 * 1460)));
    // A's own cap: at most 2 segments in flight.
    assert!(max_flight <= 2 * 1460, "{max_flight}");
    assert!(sim.a.sent[before_a..].iter().any(|x| x.1.payload.len() == 1460));
}

#[test]
fn stop_rx_freezes_the_window_and_resuming_reopens_it() {
    let mut sim = Sim::new(cfg(), cfg(), 7);
    sim.connect();
    sim.b.tcb.set_rx_stopped(true);
    let mut up = Pump::new(1, 30_000);
    // B reads everything it gets, but offers nothing new: after what was
    // offered before (4 segments), the flow stops.
    sim.run(3_000, |s| {
        up.write(&mut s.a.tcb);
        up.read(&mut s.b.tcb);
        false
    });
    assert_eq!(up.read, 4 * 1460);
    let last = sim.b.sent.last().unwrap();
    assert_eq!(last.1.repr.window, 0);
    // Resume: a window update goes out and the rest arrives.
    sim.b.tcb.set_rx_stopped(false);
    let ok = sim.run(60_000, |s| {
        up.write(&mut s.a.tcb);
        up.read(&mut s.b.tcb);
        up.done()
    });
    assert!(ok);
}

#[test]
fn low_water_closes_the_window_until_high_water() {
    let mut sim = Sim::new(big_cfg(8 * 1460), big_cfg(8 * 1460), 8);
    sim.connect();
    // Close at 2 segments free or less, reopen at 6 free.
    sim.b.tcb.set_low_high_water(2 * 1460, 6 * 1460);
    let mut up = Pump::new(1, 100_000);
    sim.run(2_000, |s| {
        up.write(&mut s.a.tcb);
        false
    });
    // Nothing read: the 8 segments offered before arrive (the right edge
    // never moves back), and no new window follows them.
    assert_eq!(sim.b.tcb.rx_len(), 8 * 1460);
    assert_eq!(sim.b.sent.last().unwrap().1.repr.window, 0);
    // Reading 3 segments leaves 3 segments + 7 bytes free, below the
    // high-water mark: still shut.
    let mut buf = alloc::vec![0u8; 3 * 1460];
    let before = sim.b.sent.len();
    assert_eq!(sim.b.tcb.recv(&mut buf, false), buf.len());
    sim.idle(500);
    assert!(sim.b.sent[before..].iter().all(|x| x.1.repr.window == 0));
    assert_eq!(sim.b.tcb.rx_len(), 5 * 1460);
    // 3 more (6 segments + 7 bytes free): the window reopens.
    assert_eq!(sim.b.tcb.recv(&mut buf, false), buf.len());
    sim.idle(100);
    assert!(sim.b.sent[before..].iter().any(|x| x.1.repr.window as usize == 6 * 1460));
    assert!(sim.b.tcb.rx_len() > 2 * 1460);
}

#[test]
fn full_size_holds_a_partial_segment_until_it_is_full_or_fin() {
    let mut sim = Sim::new(cfg(), cfg(), 9);
    sim.connect();
    sim.a.tcb.set_full_size(true);
    let before = sim.a.sent.len();
    sim.a.tcb.send(&[1u8; 1000]).unwrap();
    sim.idle(2_000);
    assert!(sim.a.sent[before..].iter().all(|x| x.1.payload.is_empty()), "a partial segment went out");
    sim.a.tcb.send(&[2u8; 1000]).unwrap();
    sim.idle(100);
    let sizes: Vec<usize> = sim.a.sent[before..].iter().map(|x| x.1.payload.len()).filter(|&n| n > 0).collect();
    assert_eq!(sizes, [1460]);
    // Switching it off lets the rest go.
    sim.a.tcb.set_full_size(false);
    sim.idle(100);
    let sizes: Vec<usize> = sim.a.sent[before..].iter().map(|x| x.1.payload.len()).filter(|&n| n > 0).collect();
    assert_eq!(sizes, [1460, 540]);
}

#[test]
fn a_tail_held_for_a_blocked_writer_goes_out_after_the_override_timer() {
    let mut sim = Sim::new(cfg(), cfg(), 10);
    sim.connect();
    // The writer fills the stream and then gives up (send timeout): the 7
    // bytes beyond the last full segment must not wait for ever.
    let mut buf = alloc::vec![3u8; 8000];
    let n = sim.a.tcb.send(&buf).unwrap();
    assert!(n < buf.len());
    let mut got = 0usize;
    let t0 = sim.now;
    let ok = sim.run(5_000, |s| {
        got += s.b.tcb.recv(&mut buf, false);
        got == n
    });
    assert!(ok, "got {got} of {n}");
    std::println!("tail after {} ms", sim.now.since(t0).0);
    let small: Vec<usize> = sim.a.sent.iter().map(|x| x.1.payload.len()).filter(|&l| l > 0 && l < 1460).collect();
    assert_eq!(small, [n - 4 * 1460]);
}

#[test]
fn a_short_reply_is_not_held_for_an_ack() {
    // Request/response: 2000 bytes in one send(). The full segment goes at
    // once; the 540-byte tail waits only for the push timer, not for the
    // peer's (possibly delayed) ACK 10 ms later.
    let mut sim = Sim::new(cfg(), cfg(), 11);
    sim.connect();
    sim.idle(100);
    let before = sim.a.sent.len();
    let t0 = sim.now;
    sim.a.tcb.send(&[5u8; 2000]).unwrap();
    sim.idle(50);
    let data: Vec<(u32, usize)> = sim.a.sent[before..]
        .iter()
        .filter(|x| !x.1.payload.is_empty())
        .map(|x| (x.0.since(t0).0, x.1.payload.len()))
        .collect();
    assert_eq!(data.len(), 2, "{data:?}");
    assert_eq!(data[0], (0, 1460));
    assert_eq!(data[1].1, 540);
    assert!(u64::from(data[1].0) <= window::PUSH_DELAY_MS, "tail after {} ms", data[1].0);
}

#[test]
fn a_tail_loss_probe_does_not_send_a_stream_remainder() {
    // B's window is larger than A's TX stream, so the window does not
    // stop the probe from taking new data.
    let mut sim = Sim::new(cfg(), big_cfg(65536), 12);
    sim.connect();
    sim.idle(100);
    // The writer fills the stream (4 MSS + 7 bytes) and waits for space;
    // the ACKs of the 4 segments are lost, so the tail loss probe fires.
    sim.cut_b = true;
    let before = sim.a.sent.len();
    let n = sim.a.tcb.send(&[6u8; 8000]).unwrap();
    assert_eq!(n, 4 * 1460 + 7);
    sim.idle(150);
    let small: Vec<usize> =
        sim.a.sent[before..].iter().map(|x| x.1.payload.len()).filter(|&l| l > 0 && l < 1460).collect();
    assert!(sim.a.sent.len() > before + 4, "no probe was sent");
    assert!(small.is_empty(), "{small:?}");
}

#[test]
fn shutdown_after_a_blocked_write_sends_the_tail_at_once() {
    let mut sim = Sim::new(cfg(), cfg(), 13);
    sim.connect();
    let mut buf = alloc::vec![4u8; 8000];
    let n = sim.a.tcb.send(&buf).unwrap();
    assert!(n < buf.len(), "the stream took everything");
    let mut got = 0usize;
    // B reads the four full segments; A's writer gives up and shuts down.
    assert!(sim.run(1_000, |s| {
        got += s.b.tcb.recv(&mut buf, false);
        got == 4 * 1460
    }));
    let t0 = sim.now;
    sim.a.tcb.shutdown();
    let ok = sim.run(5_000, |s| {
        got += s.b.tcb.recv(&mut buf, false);
        s.b.tcb.peer_closed() && got == n
    });
    assert!(ok);
    // One round trip (10 ms), not the override timer (RTO, 200 ms+).
    assert!(sim.now.since(t0).0 < 50, "{} ms", sim.now.since(t0).0);
}
