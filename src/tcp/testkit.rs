//! Test kit: two Tcbs back to back over a simulated link with a virtual
//! clock, seeded loss, delay jitter (reordering) and a packet trace. Every
//! segment goes through `wire::tcp::emit` and `wire::tcp::parse`, so the
//! engine and the wire format are exercised together.

use alloc::vec;
use alloc::vec::Vec;

use super::{SegmentSink, SockAddr, Tcb, TcbEvents, TcpConfig, TcpRepr, TcpState};
use crate::time::{Duration, Instant, TickRate};
use crate::wire::{tcp as wtcp, Ipv4Addr, TestRng};

pub const RATE: TickRate = TickRate::new(1000);
pub const ADDR_A: SockAddr = SockAddr::v4(Ipv4Addr::new(10, 0, 0, 1), 40000);
pub const ADDR_B: SockAddr = SockAddr::v4(Ipv4Addr::new(10, 0, 0, 2), 80);

#[derive(Clone, Debug)]
pub struct Seg {
    pub from: SockAddr,
    pub to: SockAddr,
    pub repr: TcpRepr,
    pub payload: Vec<u8>,
}

/// A sink that records segments (after a wire round trip) and can refuse.
#[derive(Default)]
pub struct Capture {
    pub segs: Vec<Seg>,
    pub refuse: bool,
}

impl SegmentSink for Capture {
    fn send_segment(
        &mut self,
        local: SockAddr,
        remote: SockAddr,
        repr: &TcpRepr,
        payload: (&[u8], &[u8]),
    ) -> bool {
        if self.refuse {
            return false;
        }
        let h = wtcp::header_len(repr);
        let mut buf = vec![0u8; h + payload.0.len() + payload.1.len()];
        buf[h..h + payload.0.len()].copy_from_slice(payload.0);
        buf[h + payload.0.len()..].copy_from_slice(payload.1);
        wtcp::emit(repr, local.addr.as_v4().unwrap(), remote.addr.as_v4().unwrap(), &mut buf).expect("emit");
        let (back, data) = wtcp::parse(&buf, local.addr.as_v4().unwrap(), remote.addr.as_v4().unwrap(), true).expect("parse");
        self.segs.push(Seg { from: local, to: remote, repr: back, payload: data.to_vec() });
        true
    }
}

impl Capture {
    pub fn take(&mut self) -> Vec<Seg> {
        core::mem::take(&mut self.segs)
    }
}

pub fn cfg() -> TcpConfig {
    TcpConfig::new(RATE)
}

pub fn big_cfg(bytes: usize) -> TcpConfig {
    let mut c = TcpConfig::new(RATE);
    c.rx_stream_size = bytes;
    c.tx_stream_size = bytes.div_ceil(1460) * 1460;
    c
}

/// One side of the simulation.
pub struct Side {
    pub tcb: Tcb,
    pub addr: SockAddr,
    pub states: Vec<(Instant, TcpState)>,
    pub events: TcbEvents,
    pub sent: Vec<(Instant, Seg)>,
    /// Refuse to send (as if there were no network buffer).
    pub refuse: bool,
}

impl Side {
    fn new(cfg: TcpConfig, addr: SockAddr) -> Side {
        let tcb = Tcb::new(cfg);
        Side {
            states: vec![(Instant::ZERO, tcb.state())],
            tcb,
            addr,
            events: TcbEvents::empty(),
            sent: Vec::new(),
            refuse: false,
        }
    }

    fn note(&mut self, now: Instant) {
        let s = self.tcb.state();
        if self.states.last().map(|x| x.1) != Some(s) {
            self.states.push((now, s));
        }
        let e = self.tcb.take_events();
        self.events = self.events | e;
    }

    pub fn state_names(&self) -> Vec<TcpState> {
        self.states.iter().map(|x| x.1).collect()
    }

    pub fn take_events(&mut self) -> TcbEvents {
        core::mem::take(&mut self.events)
    }
}

pub struct Sim {
    pub now: Instant,
    pub a: Side,
    pub b: Side,
    /// (deliver at, to B?, segment)
    in_flight: Vec<(Instant, bool, Seg)>,
    pub rng: TestRng,
    /// Loss per mille, each direction.
    pub loss_permille: u64,
    pub delay: Duration,
    /// Extra random delay up to this many ticks, for a fraction
    /// `reorder_permille` of the segments (they arrive out of order).
    pub jitter: u64,
    pub reorder_permille: u64,
    /// Drop everything sent by A / by B.
    pub cut_a: bool,
    pub cut_b: bool,
    pub iss_a: u32,
    pub iss_b: u32,
    pub delivered: u64,
    pub dropped: u64,
    pub steps: u64,
    /// Segments delivered twice, per mille (each direction).
    pub dup_permille: u64,
    /// Sequence numbers of segments from A to lose: each entry loses the
    /// next segment from A that starts there, once.
    pub lose_from_a: Vec<u32>,
}

impl Sim {
    pub fn new(cfg_a: TcpConfig, cfg_b: TcpConfig, seed: u64) -> Sim {
        Sim {
            now: Instant(1000u32.wrapping_add(crate::time::test_clock_offset())),
            a: Side::new(cfg_a, ADDR_A),
            b: Side::new(cfg_b, ADDR_B),
            in_flight: Vec::new(),
            rng: TestRng(seed | 1),
            loss_permille: 0,
            delay: Duration(5),
            jitter: 0,
            reorder_permille: 0,
            cut_a: false,
            cut_b: false,
            // ISNs near the wrap point, to exercise sequence arithmetic.
            iss_a: 0xffff_f000,
            iss_b: 0x7fff_ff00,
            delivered: 0,
            dropped: 0,
            steps: 0,
            dup_permille: 0,
            lose_from_a: Vec::new(),
        }
    }

    /// B listens; A connects.
    pub fn start(&mut self) {
        self.b.tcb.set_local(ADDR_B);
        self.b.tcb.listen();
        self.b.note(self.now);
        let now = self.now;
        self.a.tcb.connect(now, ADDR_A, ADDR_B, self.iss_a);
        self.a.note(now);
    }

    fn side(&mut self, to_b: bool) -> &mut Side {
        if to_b {
            &mut self.b
        } else {
            &mut self.a
        }
    }

    fn queue(&mut self, from_a: bool, segs: Vec<Seg>) {
        for seg in segs {
            let side = if from_a { &mut self.a } else { &mut self.b };
            side.sent.push((self.now, seg.clone()));
            if from_a && !seg.payload.is_empty() {
                if let Some(i) = self.lose_from_a.iter().position(|&q| q == seg.repr.seq) {
                    self.lose_from_a.remove(i);
                    self.dropped += 1;
                    continue;
                }
            }
            let cut = if from_a { self.cut_a } else { self.cut_b };
            if cut || (self.loss_permille > 0 && self.rng.below(1000) < self.loss_permille) {
                self.dropped += 1;
                continue;
            }
            let extra = if self.jitter > 0 && self.rng.below(1000) < self.reorder_permille {
                1 + self.rng.below(self.jitter)
            } else {
                0
            };
            let at = self.now + Duration(self.delay.0 + extra as u32);
            if self.dup_permille > 0 && self.rng.below(1000) < self.dup_permille {
                // The copy arrives a little later, as a duplicating link
                // (or a retransmitting one below us) would deliver it.
                let later = at + Duration(1 + self.rng.below(u64::from(self.delay.0.max(1))) as u32);
                self.in_flight.push((later, from_a, seg.clone()));
            }
            self.in_flight.push((at, from_a, seg));
        }
    }

    fn deliver(&mut self, to_b: bool, seg: Seg) {
        self.delivered += 1;
        let now = self.now;
        let iss_b = self.iss_b;
        let mut out = Capture::default();
        let side = self.side(to_b);
        out.refuse = side.refuse;
        if side.tcb.state() == TcpState::Listen {
            // What the stack does for a listener: a SYN creates the child
            // (here the listening Tcb itself takes the connection).
            if seg.repr.flags == super::TcpFlags::SYN {
                let local = side.addr;
                side.tcb.accept_syn(now, local, seg.from, &seg.repr, iss_b);
            }
        } else {
            side.tcb.on_segment(now, &seg.repr, &seg.payload, &mut out);
        }
        side.note(now);
        let segs = out.take();
        self.queue(!to_b, segs);
    }

    fn poll_side(&mut self, is_b: bool) -> bool {
        let now = self.now;
        let side = self.side(is_b);
        match side.tcb.deadline() {
            Some(d) if d.reached(now) => {}
            _ => return false,
        }
        let mut out = Capture { refuse: side.refuse, ..Capture::default() };
        side.tcb.poll(now, &mut out);
        side.note(now);
        let segs = out.take();
        self.queue(!is_b, segs);
        true
    }

    /// Runs until `step` returns true or the virtual time passes `limit`
    /// ticks from now. `step` runs after every simulation step: it performs
    /// the application's actions and reports whether the goal is reached.
    pub fn run<F>(&mut self, limit: u64, mut step: F) -> bool
    where
        F: FnMut(&mut Sim) -> bool,
    {
        assert!(limit <= u64::from(crate::time::HORIZON.0), "one run reaches time::HORIZON at most");
        let end = self.now + Duration(limit as u32);
        loop {
            self.steps += 1;
            assert!(self.steps < 50_000_000, "simulation runaway");
            // Deliver everything due, earliest first.
            loop {
                let mut best: Option<usize> = None;
                for (i, (at, _, _)) in self.in_flight.iter().enumerate() {
                    if at.reached(self.now) && best.is_none_or(|b| at.is_before(self.in_flight[b].0)) {
                        best = Some(i);
                    }
                }
                let Some(i) = best else { break };
                let (_, from_a, seg) = self.in_flight.remove(i);
                self.deliver(from_a, seg);
            }
            let mut spins = 0;
            while self.poll_side(false) | self.poll_side(true) {
                spins += 1;
                assert!(spins < 10_000, "poll loop does not settle");
            }
            let reached = step(self);
            // The engine's own invariants hold after every step.
            for (name, side) in [("A", &self.a), ("B", &self.b)] {
                if let Err(what) = side.tcb.check_invariants() {
                    panic!("{name} at {:?}: {what}: {:?}", self.now, side.tcb);
                }
            }
            let now = self.now;
            self.a.note(now);
            self.b.note(now);
            if reached {
                return true;
            }
            // Application calls may have made something due at once.
            let due_now = [self.a.tcb.deadline(), self.b.tcb.deadline()]
                .iter()
                .any(|d| d.is_some_and(|d| d.reached(self.now)));
            if due_now {
                continue;
            }
            let mut next: Option<Instant> = None;
            for d in [self.a.tcb.deadline(), self.b.tcb.deadline()]
                .into_iter()
                .chain(self.in_flight.iter().map(|x| Some(x.0)))
                .flatten()
            {
                next = Some(next.map_or(d, |n: Instant| n.earliest(d)));
            }
            match next {
                Some(t) if t.reached(end) => self.now = if t.is_before(self.now) { self.now } else { t },
                _ => {
                    self.now = end;
                    return step(self);
                }
            }
        }
    }

    /// Runs for `ticks` of virtual time with no application activity.
    pub fn idle(&mut self, ticks: u64) {
        let end = self.now + Duration(ticks as u32);
        self.run(ticks, |s| end.reached(s.now));
    }

    /// Handshake; panics if it does not complete within 10 s.
    pub fn connect(&mut self) {
        self.start();
        let ok = self.run(10_000, |s| {
            s.a.tcb.state() == TcpState::Established && s.b.tcb.state() == TcpState::Established
        });
        assert!(ok, "handshake failed: a {:?} b {:?}", self.a.tcb.state(), self.b.tcb.state());
    }

    /// Segments sent by A (true) or B (false) so far.
    pub fn sent_by(&self, a: bool) -> &[(Instant, Seg)] {
        if a {
            &self.a.sent
        } else {
            &self.b.sent
        }
    }

    /// Prints the last `n` segments each side sent and the state history.
    pub fn print_trace(&self, n: usize) {
        for (name, side) in [("A", &self.a), ("B", &self.b)] {
            for (t, seg) in side.sent.iter().rev().take(n).rev() {
                std::println!(
                    "{name} {:>8} {:<3} seq {} ack {} len {} win {}",
                    t.0,
                    seg.repr.flags,
                    seg.repr.seq,
                    seg.repr.ack,
                    seg.payload.len(),
                    seg.repr.window
                );
            }
            std::println!("{name} states {:?}", side.states);
        }
    }

    /// Hand a segment directly to one side (tests that craft segments).
    pub fn inject(&mut self, to_b: bool, repr: TcpRepr, payload: &[u8]) {
        let (from, to) = if to_b { (ADDR_A, ADDR_B) } else { (ADDR_B, ADDR_A) };
        self.deliver(to_b, Seg { from, to, repr, payload: payload.to_vec() });
    }

}

/// Deterministic test data: byte i of stream `tag`.
pub fn pattern(tag: u8, i: u64) -> u8 {
    let x = i.wrapping_mul(0x9e37_79b9_7f4a_7c15).wrapping_add(tag as u64);
    (x >> 29) as u8 ^ (i as u8)
}

/// Pumps `total` bytes from `tx` into a Tcb and checks what comes out of the
/// other end byte for byte.
#[derive(Clone, Copy, Default)]
pub struct Pump {
    pub tag: u8,
    pub total: u64,
    pub written: u64,
    pub read: u64,
}

impl Pump {
    pub fn new(tag: u8, total: u64) -> Pump {
        Pump { tag, total, written: 0, read: 0 }
    }

    pub fn write(&mut self, tcb: &mut Tcb) {
        let mut chunk = [0u8; 4096];
        while self.written < self.total {
            let n = ((self.total - self.written) as usize).min(chunk.len());
            for (i, b) in chunk[..n].iter_mut().enumerate() {
                *b = pattern(self.tag, self.written + i as u64);
            }
            let sent = tcb.send(&chunk[..n]).expect("alloc");
            self.written += sent as u64;
            if sent < n {
                break;
            }
        }
    }

    pub fn read(&mut self, tcb: &mut Tcb) {
        let mut buf = [0u8; 3000];
        loop {
            let n = tcb.recv(&mut buf, false);
            if n == 0 {
                break;
            }
            for (i, &b) in buf[..n].iter().enumerate() {
                let at = self.read + i as u64;
                assert_eq!(b, pattern(self.tag, at), "byte {at} of stream {}", self.tag);
            }
            self.read += n as u64;
        }
        assert!(self.read <= self.total);
    }

    pub fn done(&self) -> bool {
        self.read == self.total
    }
}
