//! The seeded loss grid (issue #8): one-way bulk transfers between two
//! engines over the simulated link, for every combination of drop rate
//! (0, 1, 2, 5, 10 %), reordering and duplication, in both directions
//! (A, the connecting side, sending to B, and back). Every transfer is
//! checked byte for byte; a table of the throughput in simulated time and
//! the bytes retransmitted is printed (`cargo test loss_grid --
//! --nocapture`), and at 2 % drop each direction must keep at least half of
//! its loss-free throughput.
//!
//! The link is what the end-to-end tests run over: upstream's default
//! streams (4 x MSS each way, so at most four segments in flight) and a
//! round trip of 2 ms; the drop applies to every segment in both directions
//! (data and ACKs), like the TAP driver's drop hook.

use alloc::vec::Vec;

use super::testkit::*;
use super::*;
use crate::time::Duration;

/// Bytes per transfer: about 2,900 segments, so that a 2 % drop loses some
/// sixty of them (and as many ACKs): one unlucky timeout does not decide
/// a cell.
const BYTES: u64 = 4 * 1024 * 1024;

#[derive(Clone, Copy, Debug)]
struct Cell {
    drop_permille: u64,
    /// Share of segments held back by up to `JITTER` ticks (they overtake
    /// or are overtaken).
    reorder_permille: u64,
    dup_permille: u64,
    /// A sends to B (true) or B to A.
    a_sends: bool,
}

#[derive(Clone, Copy, Debug)]
struct Outcome {
    /// Bytes per second of simulated time.
    rate: u64,
    ms: u64,
    retransmitted_bytes: u64,
    timeouts: u64,
    fast_retransmits: u64,
}

const JITTER: u64 = 3;

fn run_cell(cell: Cell, seed: u64) -> Outcome {
    let mut sim = Sim::new(cfg(), cfg(), seed);
    sim.delay = Duration(1);
    sim.connect();
    sim.loss_permille = cell.drop_permille;
    sim.reorder_permille = cell.reorder_permille;
    sim.jitter = if cell.reorder_permille > 0 { JITTER } else { 0 };
    sim.dup_permille = cell.dup_permille;
    let start = sim.now;
    let before = if cell.a_sends { sim.a.tcb.stats() } else { sim.b.tcb.stats() };
    let mut pump = Pump::new(9, BYTES);
    let ok = sim.run(600_000, |s| {
        let (tx, rx) = if cell.a_sends { (&mut s.a.tcb, &mut s.b.tcb) } else { (&mut s.b.tcb, &mut s.a.tcb) };
        pump.write(tx);
        pump.read(rx);
        pump.done()
    });
    assert!(ok, "{cell:?}: stalled at {}/{BYTES}", pump.read);
    assert_eq!(sim.a.tcb.state(), TcpState::Established);
    assert_eq!(sim.b.tcb.state(), TcpState::Established);
    let ms = u64::from(sim.now.since(start).0.max(1));
    let after = if cell.a_sends { sim.a.tcb.stats() } else { sim.b.tcb.stats() };
    Outcome {
        rate: BYTES * 1000 / ms,
        ms,
        retransmitted_bytes: after.retransmitted_bytes - before.retransmitted_bytes,
        timeouts: after.timeouts - before.timeouts,
        fast_retransmits: after.fast_retransmits - before.fast_retransmits,
    }
}

#[test]
fn loss_grid() {
    let mut rows: Vec<(Cell, Outcome)> = Vec::new();
    let mut seed = 500;
    for a_sends in [true, false] {
        for drop_permille in [0u64, 10, 20, 50, 100] {
            for (reorder_permille, dup_permille) in [(0u64, 0u64), (50, 0), (0, 50)] {
                if drop_permille != 0 && drop_permille != 20 && (reorder_permille, dup_permille) != (0, 0) {
                    // Reordering and duplication at 0 % and 2 % drop only:
                    // the grid stays within a few seconds of test time.
                    continue;
                }
                seed += 1;
                let cell = Cell { drop_permille, reorder_permille, dup_permille, a_sends };
                rows.push((cell, run_cell(cell, seed)));
            }
        }
    }
    std::println!("drop%  reorder%  dup%  direction  KiB/s(sim)  ms(sim)  rexmit_bytes  rto  fast_rexmit");
    for (c, o) in &rows {
        std::println!(
            "{:>5.1}  {:>8.1}  {:>4.1}  {:>9}  {:>10}  {:>7}  {:>12}  {:>3}  {:>11}",
            c.drop_permille as f64 / 10.0,
            c.reorder_permille as f64 / 10.0,
            c.dup_permille as f64 / 10.0,
            if c.a_sends { "A->B" } else { "B->A" },
            o.rate / 1024,
            o.ms,
            o.retransmitted_bytes,
            o.timeouts,
            o.fast_retransmits
        );
    }
    for a_sends in [true, false] {
        let find = |d: u64| {
            rows.iter()
                .find(|(c, _)| c.a_sends == a_sends && c.drop_permille == d && c.reorder_permille == 0 && c.dup_permille == 0)
                .map(|x| x.1)
                .unwrap()
        };
        let clean = find(0);
        let lossy = find(20);
        assert_eq!(clean.retransmitted_bytes, 0, "retransmissions without loss");
        assert!(
            lossy.rate * 2 >= clean.rate,
            "a_sends {a_sends}: {} B/s at 2 % drop is under half of {} B/s without",
            lossy.rate,
            clean.rate
        );
    }
}

#[test]
fn a_lost_window_update_costs_a_probe_not_an_rto() {
    // B's application stops reading: the window closes with everything
    // acknowledged. Then it reads, and the window update is lost.
    let mut sim = Sim::new(cfg(), cfg(), 77);
    sim.delay = Duration(1);
    sim.connect();
    let mut up = Pump::new(5, 200_000);
    let ok = sim.run(10_000, |s| {
        up.write(&mut s.a.tcb);
        s.a.tcb.snd_wnd == 0 && s.a.tcb.snd_una == s.a.tcb.snd_max
    });
    assert!(ok);
    sim.idle(5);
    sim.cut_b = true;
    up.read(&mut sim.b.tcb);
    sim.idle(1);
    sim.cut_b = false;
    let t0 = sim.now;
    let before = up.read;
    // The next zero-window probe draws the open window within a few round
    // trips of 2 ms (it came after 200 ms, the RTO, before).
    let ok = sim.run(1_000, |s| {
        up.write(&mut s.a.tcb);
        up.read(&mut s.b.tcb);
        up.read > before
    });
    assert!(ok);
    let took = sim.now.since(t0).0;
    assert!(took < 40, "data resumed {took} ms after the lost window update");
    assert_eq!(sim.a.tcb.stats().timeouts, 0);
}

#[test]
fn a_reopened_window_is_announced_again_until_data_comes() {
    // A receives until its window closes (its application does not read).
    let mut sim = Sim::new(cfg(), cfg(), 78);
    sim.delay = Duration(1);
    sim.connect();
    let mut down = Pump::new(6, 200_000);
    let ok = sim.run(10_000, |s| {
        down.write(&mut s.b.tcb);
        s.b.tcb.snd_wnd == 0 && s.b.tcb.snd_una == s.b.tcb.snd_max
    });
    assert!(ok);
    sim.idle(5);
    // Nothing from B gets through any more (neither data nor probes); A's
    // application reads, and A announces the open window.
    sim.cut_b = true;
    let t0 = sim.now;
    down.read(&mut sim.a.tcb);
    sim.idle(500);
    let updates: Vec<(u32, u16)> = sim
        .a
        .sent
        .iter()
        .filter(|(t, s)| t0.reached(*t) && s.payload.is_empty())
        .map(|(t, s)| (t.since(t0).0, s.repr.window))
        .collect();
    // The update itself, then three repeats 10, 20 and 40 ms apart.
    let times: Vec<u32> = updates.iter().map(|u| u.0).collect();
    assert_eq!(times, [0, 10, 30, 70], "{updates:?}");
    assert!(updates.iter().all(|u| u.1 as usize >= 1460));
    // With B back the transfer goes on.
    sim.cut_b = false;
    let ok = sim.run(1_000, |s| {
        down.write(&mut s.b.tcb);
        down.read(&mut s.a.tcb);
        down.read >= 100_000
    });
    assert!(ok);
}

#[test]
fn a_lost_fast_retransmission_goes_again_before_the_rto() {
    // A fills B's four-segment window; the first segment and its fast
    // retransmission are both lost. Nothing later is in flight to be
    // SACKed, so only time can tell.
    let mut sim = Sim::new(cfg(), cfg(), 79);
    sim.delay = Duration(1);
    sim.connect();
    sim.idle(50);
    let first = sim.a.tcb.snd_nxt.0;
    sim.lose_from_a = alloc::vec![first, first];
    let t0 = sim.now;
    let mut up = Pump::new(8, 5840);
    let ok = sim.run(2_000, |s| {
        up.write(&mut s.a.tcb);
        up.read(&mut s.b.tcb);
        up.done() && s.a.tcb.tx_len() == 0
    });
    assert!(ok);
    assert!(sim.lose_from_a.is_empty(), "both losses happened");
    let took = sim.now.since(t0).0;
    // About 5 ms to the fast retransmit, then a tail loss probe's time
    // (2 SRTT, at least 10 ms, + 25 ms): far from the 200 ms RTO.
    assert!(took < 80, "{took} ms");
    assert_eq!(sim.a.tcb.stats().timeouts, 0);
    assert_eq!(sim.a.tcb.stats().fast_retransmits, 1);
}
