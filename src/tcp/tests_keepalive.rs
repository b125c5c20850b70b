//! Keep-alive (`ipconfigTCP_KEEP_ALIVE`) on the simulated link with the
//! virtual clock: when probes go out, what they look like, when a silent
//! peer is given up, and what netstat's Alive and tmout show meanwhile.

use alloc::vec::Vec;

use super::testkit::*;
use super::*;
use crate::time::Instant;

use TcpState::*;

const INTERVAL_MS: u32 = 5_000;

fn keep_alive_cfg() -> TcpConfig {
    let mut c = cfg();
    c.keep_alive_ms = INTERVAL_MS;
    c
}

/// A (keep-alive on) connected to B (off), both idle after the handshake.
fn pair(seed: u64) -> Sim {
    let mut sim = Sim::new(keep_alive_cfg(), cfg(), seed);
    sim.connect();
    sim.idle(100);
    sim.a.take_events();
    sim
}

/// Times and segments of A's keep-alive probes (SEQ = SND.UNA - 1, no data).
fn probes_of(sim: &Sim, since: Instant) -> Vec<(Instant, Seg)> {
    let una = sim.a.tcb.snd_una;
    sim.a
        .sent
        .iter()
        .filter(|(t, s)| since.reached(*t) && s.payload.is_empty() && s.repr.seq == una.sub(1).0)
        .cloned()
        .collect()
}

#[test]
fn a_vanished_peer_is_given_up_after_four_unanswered_probes() {
    let mut sim = pair(90);
    let heard = sim.a.tcb.hang_since;
    // The peer vanishes: nothing reaches it and nothing comes back.
    sim.cut_a = true;
    sim.cut_b = true;
    let ok = sim.run(120_000, |s| s.a.tcb.state() == CloseWait);
    assert!(ok, "still {:?}", sim.a.tcb.state());
    let probes = probes_of(&sim, heard);
    let times: Vec<u32> = probes.iter().map(|(t, _)| t.since(heard).0).collect();
    // First probe one interval after the last sign of life, then every 3 s.
    assert_eq!(times, [5_000, 8_000, 11_000, 14_000]);
    for (_, p) in &probes {
        assert_eq!(p.repr.flags, TcpFlags::ACK);
        assert_eq!(p.repr.ack, sim.a.tcb.rcv_nxt.0);
    }
    // Given up 3 s after the fourth probe: interval + 4 x 3 s.
    let died = sim.a.states.last().unwrap();
    assert_eq!(died.1, CloseWait);
    assert_eq!(died.0.since(heard).0, INTERVAL_MS + 4 * KEEP_ALIVE_PROBE_INTERVAL_MS);
    assert!(sim.a.take_events().contains(TcbEvents::CLOSED));
    // Nothing else was sent meanwhile.
    assert_eq!(sim.a.sent.iter().filter(|(t, _)| heard.is_before(*t)).count(), 4);
}

#[test]
fn probes_go_by_the_configured_count_and_interval() {
    let mut c = keep_alive_cfg();
    c.keep_alive_probes = 2;
    c.keep_alive_probe_interval_ms = 1_000;
    let mut sim = Sim::new(c, cfg(), 91);
    sim.connect();
    sim.idle(100);
    let heard = sim.a.tcb.hang_since;
    sim.cut_a = true;
    let ok = sim.run(60_000, |s| s.a.tcb.state() == CloseWait);
    assert!(ok);
    let times: Vec<u32> = probes_of(&sim, heard).iter().map(|(t, _)| t.since(heard).0).collect();
    assert_eq!(times, [5_000, 6_000]);
    assert_eq!(sim.a.states.last().unwrap().0.since(heard).0, 7_000);
}

#[test]
fn an_answering_peer_keeps_the_connection() {
    let mut sim = pair(92);
    let t0 = sim.now;
    sim.idle(60_000);
    assert_eq!(sim.a.tcb.state(), Established);
    assert_eq!(sim.b.tcb.state(), Established);
    // Every probe is answered at once (B sees an old sequence number), so
    // each one comes an interval (plus a round trip) after the previous.
    let probes = probes_of(&sim, t0);
    assert!((10..=12).contains(&probes.len()), "{} probes", probes.len());
    for w in probes.windows(2) {
        let gap = w[1].0.since(w[0].0).0;
        assert_eq!(gap, INTERVAL_MS + 2 * sim.delay.0, "probe gap");
    }
    let answers = sim.b.sent.iter().filter(|(t, _)| t0.reached(*t)).count();
    assert_eq!(answers, probes.len());
    assert_eq!(sim.a.tcb.keep_probes, 0);
}

#[test]
fn a_peer_that_answers_late_resets_the_count() {
    let mut sim = pair(93);
    let heard = sim.a.tcb.hang_since;
    sim.cut_b = true;
    // Two probes go unanswered...
    sim.run(20_000, |s| s.a.tcb.keep_probes == 2);
    assert_eq!(sim.now.since(heard).0, 8_000);
    // ...then the peer is back and answers the third.
    sim.cut_b = false;
    sim.idle(30_000);
    assert_eq!(sim.a.tcb.state(), Established);
    assert!(sim.a.tcb.keep_probes <= 1);
}

#[test]
fn a_silent_peer_with_data_in_flight_is_given_up_too() {
    // Upstream has no retry limit in Established: only keep-alive ends a
    // connection whose peer vanished while data was outstanding.
    let mut sim = pair(94);
    sim.cut_a = true;
    sim.cut_b = true;
    let heard = sim.a.tcb.hang_since;
    assert_eq!(sim.a.tcb.send(&[7u8; 3000]), Ok(3000));
    let ok = sim.run(120_000, |s| s.a.tcb.state() == CloseWait);
    assert!(ok);
    let took = sim.now.since(heard).0;
    assert_eq!(took, INTERVAL_MS + 4 * KEEP_ALIVE_PROBE_INTERVAL_MS);
    // Without keep-alive the same connection retransmits on and stays.
    let mut sim = Sim::new(cfg(), cfg(), 95);
    sim.connect();
    sim.cut_a = true;
    sim.cut_b = true;
    assert_eq!(sim.a.tcb.send(&[7u8; 3000]), Ok(3000));
    sim.idle(120_000);
    assert_eq!(sim.a.tcb.state(), Established);
}

#[test]
fn keep_alive_only_in_established() {
    // Hang protection, not keep-alive, governs FinWait1: the FIN is
    // retransmitted and the connection dies after 30 s, not 17.
    let mut sim = pair(96);
    sim.cut_a = true;
    sim.cut_b = true;
    let t0 = sim.now;
    sim.a.tcb.shutdown();
    let ok = sim.run(100_000, |s| s.a.tcb.state() == CloseWait);
    assert!(ok);
    assert_eq!(sim.now.since(t0).0, 30_000);
    assert!(probes_of(&sim, t0).is_empty());
}

#[test]
fn off_by_default_and_alive_shows_zero() {
    let mut sim = Sim::new(cfg(), cfg(), 97);
    sim.connect();
    sim.cut_b = true;
    let t0 = sim.now;
    sim.idle(100_000);
    assert_eq!(sim.a.tcb.state(), Established);
    assert!(sim.a.sent.iter().all(|(t, _)| t.is_before(t0)));
    assert_eq!(sim.a.tcb.netstat_alive(sim.now), 0);
}

#[test]
fn netstat_alive_and_tmout_follow_the_probes() {
    let mut sim = pair(98);
    let heard = sim.a.tcb.hang_since;
    // Alive counts ticks since the peer was last heard from...
    assert_eq!(sim.a.tcb.netstat_alive(sim.now), sim.now.since(heard).0);
    // ...and tmout counts down to the first probe.
    assert_eq!(
        sim.a.tcb.netstat_timeout(sim.now),
        (INTERVAL_MS as u64) - u64::from(sim.now.since(heard).0)
    );
    sim.cut_b = true;
    sim.run(20_000, |s| s.a.tcb.keep_probes == 1);
    // A probe just went out: Alive restarts, the next event is 3 s away.
    assert_eq!(sim.a.tcb.netstat_alive(sim.now), 0);
    assert_eq!(sim.a.tcb.netstat_timeout(sim.now), 3_000);
    sim.idle(1_000);
    assert_eq!(sim.a.tcb.netstat_alive(sim.now), 1_000);
    assert_eq!(sim.a.tcb.netstat_timeout(sim.now), 2_000);
    // Capped like upstream's.
    let mut fresh = Tcb::new(keep_alive_cfg());
    fresh.listen();
    assert_eq!(fresh.netstat_alive(Instant(5_000_000)), 999_999);
}
