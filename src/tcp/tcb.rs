//! The connection record: fields, opening and closing requests, and the
//! application side (streams). Segment processing is in `input.rs`, sending
//! and timers in `output.rs`.

use super::ranges::RangeSet;
use super::rtt::RttEstimator;
use super::seq::Seq;
use super::stream::{stream_capacity, RxStream, Stream};
use super::timer::{slot, Timer};
use super::{
    AllocError, SegmentSink, SockAddr, TcbEvents, TcpConfig, TcpFlags, TcpRepr, TcpState,
    TimeWait, DEFAULT_PEER_MSS,
};
#[cfg(test)]
use super::TcbStats;
use crate::time::Instant;

/// Smallest MSS we accept from a peer; smaller values (even 0) would make
/// progress absurdly slow or impossible.
const MIN_PEER_MSS: u16 = 64;
/// Largest window scale shift (RFC 7323 §2.3).
const MAX_WINDOW_SHIFT: u8 = 14;

/// One TCP connection (or a socket that may become one).
pub struct Tcb {
    pub(super) cfg: TcpConfig,
    pub(super) state: TcpState,
    pub(super) local: SockAddr,
    pub(super) remote: SockAddr,

    pub(super) rx: Option<RxStream>,
    pub(super) tx: Option<Stream>,
    pub(super) alloc_failed: bool,
    pub(super) events: u8,

    // Send side (RFC 9293 §3.3.1 names).
    pub(super) iss: Seq,
    pub(super) snd_una: Seq,
    /// Next sequence number to send; pulled back to `snd_una` on RTO.
    pub(super) snd_nxt: Seq,
    /// Highest sequence number sent + 1.
    pub(super) snd_max: Seq,
    /// Sequence number of the first byte in the TX stream.
    pub(super) tx_base: Seq,
    pub(super) snd_wnd: u32,
    pub(super) max_snd_wnd: u32,
    pub(super) snd_wl1: Seq,
    pub(super) snd_wl2: Seq,
    pub(super) snd_shift: u8,
    pub(super) peer_mss: u16,
    pub(super) mss_known: bool,

    // Closing.
    pub(super) shutdown_req: bool,
    pub(super) close_after_send: bool,
    pub(super) close_req: bool,
    /// Our FIN has gone out. Its sequence number is `data_end()`: no data
    /// can be queued after it, and acknowledged data leaves the stream and
    /// advances `tx_base` by the same amount.
    pub(super) fin_sent: bool,
    pub(super) fin_acked: bool,

    // Receive side.
    pub(super) irs: Seq,
    pub(super) rcv_nxt: Seq,
    pub(super) rcv_shift: u8,
    pub(super) peer_fin: bool,
    /// Right edge of the window in the last segment we sent.
    pub(super) adv_edge: Seq,
    pub(super) ooo: RangeSet,
    /// Start of the latest out-of-order segment stored; the range holding
    /// it leads the SACK blocks (RFC 2018 §4). Once the in-order point has
    /// passed it, no range holds it any more (ranges lie beyond RCV.NXT,
    /// within the window), so it needs no clearing.
    pub(super) last_ooo: Option<Seq>,
    pub(super) ws_ok: bool,
    pub(super) sack_ok: bool,

    // ACK generation.
    pub(super) ack_now: bool,
    pub(super) unacked_segs: u8,
    pub(super) unacked_bytes: u32,
    pub(super) win_update: bool,
    pub(super) resend_syn: bool,
    /// RFC 5961 §7 limiter: challenge ACKs sent in the second that began at
    /// tick `challenge_since` (compared by plain wrapping difference: after
    /// 2^32 ticks without a challenge the window may fail to reopen for at
    /// most one second).
    pub(super) challenges: u8,
    pub(super) challenge_since: u32,

    // Timers.
    /// The engine's timers, one slot each (`timer::slot` says which is
    /// which): an array, so that the earliest of them is one pass over it
    /// and a close stops them all with one store.
    pub(super) timers: [Timer; slot::COUNT],
    pub(super) rtt: RttEstimator,
    /// RTO backoff exponent, at most 16.
    pub(super) backoff: u8,
    pub(super) rtt_probe: Option<(Seq, Instant)>,
    pub(super) tlp_sent: bool,
    pub(super) persist_backoff: u8,
    /// Segments the sink refused in a row (the retry backoff's exponent).
    pub(super) refusals: u8,
    pub(super) syn_sends: u8,
    pub(super) hang_since: Instant,
    pub(super) poll_asap: bool,
    pub(super) last_now: Instant,

    // Congestion control (RFC 5681, RFC 6582, SACK-assisted).
    pub(super) cwnd: u32,
    pub(super) ssthresh: u32,
    /// Saturates; only values up to 3 matter.
    pub(super) dup_acks: u8,
    pub(super) in_recovery: bool,
    pub(super) recover: Seq,
    pub(super) high_rxt: Seq,
    pub(super) rexmit_una: bool,
    pub(super) sack_rexmit: u32,
    pub(super) sacked: RangeSet,

    /// Keep-alive probes sent since the peer was last heard from
    /// (upstream's `ucKeepRepCount`). The time of the last sign of life,
    /// upstream's `xLastAliveTime`, is `hang_since`: both are touched by the
    /// same events, and keep-alive only runs in Established, where hang
    /// protection does not.
    pub(super) keep_probes: u8,
    /// Loss detection by time (recovery.rs, with the reordering timer):
    /// whether SACKs arrived since the last retransmission at SND.UNA.
    pub(super) sacked_since_rexmit: bool,
    /// The timer already waited once for an answer to that retransmission;
    /// retransmissions sent without any answer in this recovery.
    pub(super) rexmit_waited: bool,
    pub(super) recovery_probes: u8,
    /// A window that reopened is announced again if no data follows
    /// (recovery.rs, with its timer): how often it was repeated.
    pub(super) wnd_repeats: u8,

    /// Only the tests read these counters; firmware does not carry them.
    #[cfg(test)]
    pub(super) stats: TcbStats,

    // Window options (window.rs); kept across reconnects like the config.
    /// `FREERTOS_SO_SET_FULL_SIZE`: only full-sized segments go out.
    pub(super) full_size: bool,
    /// `FREERTOS_SO_STOP_RX`: offer no new receive window.
    pub(super) rx_stopped: bool,
    /// The free RX space fell to the low-water mark and has not yet
    /// climbed back to the high-water mark (`FREERTOS_SO_SET_LOW_HIGH_WATER`).
    pub(super) low_water: bool,
    /// The application's last `send()` found the TX stream full: it waits
    /// for space and has more to write (window.rs: no PUSH for the tail).
    pub(super) tx_blocked: bool,
    /// The push timer (a sub-MSS tail held while data is in flight,
    /// window.rs) fired: the held tail may go now.
    pub(super) push_due: bool,
}

impl core::fmt::Debug for Tcb {
    /// The connection's identity and main counters; never the stream data.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Tcb")
            .field("state", &self.state)
            .field("local", &self.local)
            .field("remote", &self.remote)
            .field("snd_una", &self.snd_una)
            .field("snd_nxt", &self.snd_nxt)
            .field("rcv_nxt", &self.rcv_nxt)
            .field("rx_len", &self.rx_len())
            .field("tx_len", &self.tx_len())
            .finish()
    }
}

impl Tcb {
    pub fn new(cfg: TcpConfig) -> Tcb {
        Tcb {
            cfg,
            state: TcpState::Closed,
            local: SockAddr::default(),
            remote: SockAddr::default(),
            rx: None,
            tx: None,
            alloc_failed: false,
            events: 0,
            iss: Seq(0),
            snd_una: Seq(0),
            snd_nxt: Seq(0),
            snd_max: Seq(0),
            tx_base: Seq(1),
            snd_wnd: 0,
            max_snd_wnd: 0,
            snd_wl1: Seq(0),
            snd_wl2: Seq(0),
            snd_shift: 0,
            peer_mss: DEFAULT_PEER_MSS,
            mss_known: false,
            shutdown_req: false,
            close_after_send: false,
            close_req: false,
            fin_sent: false,
            fin_acked: false,
            irs: Seq(0),
            rcv_nxt: Seq(0),
            rcv_shift: 0,
            peer_fin: false,
            adv_edge: Seq(0),
            ooo: RangeSet::EMPTY,
            last_ooo: None,
            ws_ok: false,
            sack_ok: false,
            ack_now: false,
            unacked_segs: 0,
            unacked_bytes: 0,
            win_update: false,
            resend_syn: false,
            challenges: 0,
            challenge_since: 0,
            timers: Timer::ALL_OFF,
            rtt: RttEstimator::new(cfg.tick_rate, cfg.srtt_min_ms),
            backoff: 0,
            rtt_probe: None,
            tlp_sent: false,
            persist_backoff: 0,
            refusals: 0,
            syn_sends: 0,
            hang_since: Instant::ZERO,
            poll_asap: false,
            last_now: Instant::ZERO,
            cwnd: 0,
            ssthresh: u32::MAX / 2,
            dup_acks: 0,
            in_recovery: false,
            recover: Seq(0),
            high_rxt: Seq(0),
            rexmit_una: false,
            sack_rexmit: 0,
            sacked: RangeSet::EMPTY,
            keep_probes: 0,
            sacked_since_rexmit: false,
            rexmit_waited: false,
            recovery_probes: 0,
            wnd_repeats: 0,
            #[cfg(test)]
            stats: TcbStats::default(),
            full_size: false,
            rx_stopped: false,
            low_water: false,
            tx_blocked: false,
            push_due: false,
        }
    }

    /// Forgets the connection (sequence numbers, timers, flags) and drops
    /// both streams; keeps the configuration, the local address, pending
    /// events and the allocation-failure flag.
    fn reset_connection(&mut self) {
        let mut fresh = Tcb::new(self.cfg);
        fresh.local = self.local;
        fresh.events = self.events;
        fresh.alloc_failed = self.alloc_failed;
        fresh.last_now = self.last_now;
        fresh.close_after_send = self.close_after_send;
        fresh.full_size = self.full_size;
        fresh.rx_stopped = self.rx_stopped;
        #[cfg(test)]
        {
            fresh.stats = self.stats;
        }
        *self = fresh;
    }

    pub fn config(&self) -> &TcpConfig {
        &self.cfg
    }

    /// Err(()) once the RX stream exists (upstream: -EINVAL).
    #[allow(clippy::result_unit_err)]
    pub fn set_rx_stream_size(&mut self, bytes: usize) -> Result<(), ()> {
        if self.rx.is_some() {
            return Err(());
        }
        self.cfg.rx_stream_size = bytes;
        Ok(())
    }

    /// Err(()) once the TX stream exists (upstream: -EINVAL). The caller
    /// rounds up to a multiple of the MSS as upstream does.
    #[allow(clippy::result_unit_err)]
    pub fn set_tx_stream_size(&mut self, bytes: usize) -> Result<(), ()> {
        if self.tx.is_some() {
            return Err(());
        }
        self.cfg.tx_stream_size = bytes;
        Ok(())
    }

    /// `FREERTOS_SO_WIN_PROPERTIES`' window sizes in MSS units; from now
    /// on they cap the windows (window.rs).
    pub fn set_windows(&mut self, rx_segs: u32, tx_segs: u32) {
        self.cfg.rx_win_segments = rx_segs;
        self.cfg.tx_win_segments = tx_segs;
        self.cfg.win_props_set = true;
        self.check_window_update();
    }

    pub fn state(&self) -> TcpState {
        self.state
    }

    pub fn local(&self) -> SockAddr {
        self.local
    }

    pub fn remote(&self) -> SockAddr {
        self.remote
    }

    pub fn set_local(&mut self, local: SockAddr) {
        self.local = local;
    }

    /// Closed or CloseWait -> Listen, clearing streams and connection data.
    /// Other states are left alone.
    pub fn listen(&mut self) {
        if matches!(self.state, TcpState::Closed | TcpState::CloseWait) {
            self.reset_connection();
            self.state = TcpState::Listen;
        }
    }

    /// Active open: -> ConnectSyn. The SYN goes out on the next `poll()`
    /// whose sink accepts it; repeats 3 s and 6 s later; 11 s after the third
    /// SYN without an answer -> CloseWait (reference §2.5). An RST that
    /// acknowledges our SYN -> Closed. Streams of an earlier connection are
    /// dropped.
    pub fn connect(&mut self, now: Instant, local: SockAddr, remote: SockAddr, iss: u32) {
        self.open(now, local, remote, iss);
        self.set_state(now, TcpState::ConnectSyn);
        self.timers[slot::RTX] = Timer::at(now);
    }

    /// Passive open on a fresh child: SynFirst; the next `poll()` sends
    /// SYN+ACK -> SynReceived; the peer's ACK -> Established.
    pub fn accept_syn(
        &mut self,
        now: Instant,
        local: SockAddr,
        remote: SockAddr,
        syn: &TcpRepr,
        iss: u32,
    ) {
        self.open(now, local, remote, iss);
        self.take_peer_syn(syn, self.iss);
        self.set_state(now, TcpState::SynFirst);
    }

    /// The SYN+ACK a listener sends for `syn` without making a child (a
    /// SYN cookie, `stack::synflood`): sequence number `iss`, our MSS, the
    /// window a fresh child would offer, SACK-permitted when `sack`, and no
    /// window scaling (the cookie cannot remember a shift, so neither side
    /// scales: RFC 7323 §2.2).
    pub fn cookie_syn_ack(&self, syn: &TcpRepr, iss: u32, sack: bool) -> TcpRepr {
        TcpRepr {
            src_port: syn.dst_port,
            dst_port: syn.src_port,
            seq: iss,
            ack: syn.seq.wrapping_add(1),
            flags: TcpFlags::SYN | TcpFlags::ACK,
            window: self.window_field(true).0,
            mss: Some(self.cfg.mss),
            sack_permitted: sack,
            ..TcpRepr::default()
        }
    }

    /// Passive open on a fresh child for the peer's `ack` of a SYN+ACK that
    /// [`Tcb::cookie_syn_ack`] sent: the SYN is rebuilt from what the cookie
    /// kept (`peer_mss`, `sack`) and from `ack` (its sequence number less
    /// one), and the child is in SynReceived with the SYN+ACK already
    /// sent, so that `ack` itself (given next to `on_segment`) establishes
    /// it.
    #[allow(clippy::too_many_arguments)]
    pub fn accept_cookie(
        &mut self,
        now: Instant,
        local: SockAddr,
        remote: SockAddr,
        ack: &TcpRepr,
        iss: u32,
        peer_mss: u16,
        sack: bool,
    ) {
        let syn = TcpRepr {
            src_port: ack.src_port,
            dst_port: ack.dst_port,
            seq: ack.seq.wrapping_sub(1),
            flags: TcpFlags::SYN,
            window: ack.window,
            mss: Some(peer_mss),
            sack_permitted: sack,
            ..TcpRepr::default()
        };
        self.accept_syn(now, local, remote, &syn, iss);
        self.snd_nxt = self.iss.add(1);
        self.snd_max = self.iss.add(1);
        self.set_state(now, TcpState::SynReceived);
    }

    /// What both opens start with: a fresh connection between `local` and
    /// `remote` with our ISS, to be served at once.
    fn open(&mut self, now: Instant, local: SockAddr, remote: SockAddr, iss: u32) {
        self.reset_connection();
        self.last_now = now;
        self.local = local;
        self.remote = remote;
        let iss = Seq(iss);
        self.iss = iss;
        self.snd_una = iss;
        self.snd_nxt = iss;
        self.snd_max = iss;
        self.tx_base = iss.add(1);
        self.recover = iss;
        self.high_rxt = iss;
        self.cwnd = self.initial_cwnd();
        self.poll_asap = true;
    }

    /// The peer's SYN (or SYN+ACK, acknowledging `ack`): its sequence
    /// number, options and window.
    pub(super) fn take_peer_syn(&mut self, syn: &TcpRepr, ack: Seq) {
        let seq = Seq(syn.seq);
        self.irs = seq;
        self.rcv_nxt = seq.add(1);
        self.adv_edge = self.rcv_nxt;
        self.apply_syn_options(syn);
        // RFC 7323 §2.2: the window of a SYN is never scaled.
        self.snd_wnd = syn.window as u32;
        self.max_snd_wnd = self.snd_wnd;
        self.snd_wl1 = seq;
        self.snd_wl2 = ack;
    }

    /// RFC 6928 initial window: min(10 MSS, max(2 MSS, 14600)).
    pub(super) fn initial_cwnd(&self) -> u32 {
        let mss = self.eff_mss();
        (10 * mss).min((2 * mss).max(14_600))
    }

    /// Records what the peer's SYN (or SYN+ACK) negotiated.
    pub(super) fn apply_syn_options(&mut self, syn: &TcpRepr) {
        self.peer_mss = syn.mss.unwrap_or(DEFAULT_PEER_MSS).max(MIN_PEER_MSS);
        self.mss_known = true;
        // We offer window scaling and SACK in every SYN, and in a SYN+ACK
        // only when the peer's SYN did; either way the peer's option decides.
        match syn.window_scale {
            Some(shift) => {
                self.ws_ok = true;
                self.snd_shift = shift.min(MAX_WINDOW_SHIFT);
                self.rcv_shift = self.my_window_shift();
            }
            None => {
                self.ws_ok = false;
                self.snd_shift = 0;
                self.rcv_shift = 0;
            }
        }
        self.sack_ok = syn.sack_permitted;
        self.cwnd = self.initial_cwnd();
    }

    /// The shift we offer: the smallest that lets the RX capacity be
    /// advertised in 16 bits.
    pub(super) fn my_window_shift(&self) -> u8 {
        let cap = self.rx_capacity();
        let mut shift = 0u8;
        while shift < MAX_WINDOW_SHIFT && (cap >> shift) > 0xffff {
            shift += 1;
        }
        shift
    }

    /// Force CloseWait (the stack gave up, e.g. no ARP answer during
    /// connect), with a CLOSED event.
    pub fn fail(&mut self, now: Instant) {
        self.last_now = now;
        if matches!(self.state, TcpState::Closed | TcpState::Listen | TcpState::CloseWait) {
            return;
        }
        self.set_state(now, TcpState::CloseWait);
        self.reschedule(now);
    }

    /// closesocket(): a synchronized connection that has not finished gets
    /// one RST (RFC 9293 ABORT; reference §14.5 row 10). Then Closed, with
    /// streams and connection data gone.
    pub fn abort(&mut self, now: Instant, sink: &mut dyn SegmentSink) {
        self.last_now = now;
        self.send_abort_reset(sink);
        let local = self.local;
        let remote = self.remote;
        self.reset_connection();
        self.local = local;
        self.remote = remote;
        self.state = TcpState::Closed;
    }

    /// The RST of `abort()` alone, for a connection that is dropped right
    /// after (the stack freeing its socket): resetting the state first
    /// would be work for nothing.
    pub fn send_abort_reset(&self, sink: &mut dyn SegmentSink) {
        if self.state.is_synchronized() {
            let (seq, ack) = (self.snd_max.0, self.rcv_nxt.0);
            let repr = TcpRepr::control(self.local.port, self.remote.port, seq, ack, TcpFlags::RST | TcpFlags::ACK);
            // Best effort: nothing to retry once the socket is gone.
            let _ = sink.send_segment(self.local, self.remote, &repr, (&[], &[]));
        }
    }

    /// Moves to `new`, touching the hang-protection clock and raising
    /// CONNECTED / CLOSED as upstream's `vTCPStateChange` does.
    // Out of line: copies inlined into every caller cost flash (bench/README.md).
    #[inline(never)]
    pub(super) fn set_state(&mut self, now: Instant, new: TcpState) {
        let old = self.state;
        if old == new {
            return;
        }
        // Tests and fuzz targets: only changes along RFC 9293's diagram.
        #[cfg(any(test, feature = "fuzzing"))]
        assert!(
            super::invariants::transition_allowed(old, new),
            "state change {} -> {} is not on the diagram",
            old.name(),
            new.name()
        );
        self.state = new;
        self.hang_since = now;
        self.keep_probes = 0;
        if new != TcpState::SynReceived {
            // An owed SYN+ACK resend (its send was refused) means nothing
            // outside SynReceived; left set it would keep the IP task busy.
            self.resend_syn = false;
        }
        if new == TcpState::Established {
            self.events |= TcbEvents::CONNECTED.0;
        }
        if matches!(new, TcpState::Closed | TcpState::CloseWait) {
            let was_live = !matches!(
                old,
                TcpState::Closed | TcpState::Listen | TcpState::CloseWait
            );
            if was_live {
                self.events |= TcbEvents::CLOSED.0;
            }
            self.timers = Timer::ALL_OFF;
            self.rexmit_una = false;
            self.sack_rexmit = 0;
            self.win_update = false;
        }
    }

    /// Where acknowledged data has reached, as a sequence number: the
    /// difference between two readings is the data bytes that left the TX
    /// stream in between (the count `FOnTCPSent_t` reports).
    pub fn tx_acked_mark(&self) -> u32 {
        self.tx_base.0
    }

    /// Events since the last call; cleared on read.
    pub fn take_events(&mut self) -> TcbEvents {
        let e = TcbEvents(self.events);
        self.events = 0;
        e
    }

    // ----- sizes and windows -----

    /// Effective MSS for sending: min(ours, the peer's) once the peer's SYN
    /// has been seen, our configured value before.
    pub fn mss(&self) -> u16 {
        self.eff_mss() as u16
    }

    /// As a u32, the width every caller computes in (a u16 result is
    /// widened again after each call).
    #[inline(never)]
    pub(super) fn eff_mss(&self) -> u32 {
        let ours = self.cfg.mss.max(MIN_PEER_MSS);
        u32::from(if self.mss_known { ours.min(self.peer_mss) } else { ours })
    }

    /// `ms` milliseconds after `now`. (Left to the compiler: with the tick
    /// rate a constant in firmware the conversion folds, and the addition,
    /// `Instant + Duration`, is out of line; forced out of line this was
    /// 20 B larger.)
    pub(super) fn after_ms(&self, now: Instant, ms: u32) -> Instant {
        now + self.cfg.tick_rate.ms(u64::from(ms))
    }

    pub(super) fn rx_capacity(&self) -> usize {
        match &self.rx {
            Some(s) => s.capacity(),
            None => stream_capacity(self.cfg.rx_stream_size),
        }
    }

    /// Free RX space in bytes: the receive window.
    pub(super) fn rx_free(&self) -> usize {
        match &self.rx {
            Some(s) => s.free(),
            None => stream_capacity(self.cfg.rx_stream_size),
        }
    }


    pub(super) fn tx_used(&self) -> usize {
        self.tx.as_ref().map_or(0, |s| s.used())
    }

    /// Sequence number just after the last queued byte.
    pub(super) fn data_end(&self) -> Seq {
        self.tx_base.add_len(self.tx_used())
    }

    // ----- application side -----

    /// Copies into the TX stream (created on first use; allocation failure
    /// -> Err and `alloc_failed()`); returns the bytes queued, which may be
    /// fewer than offered when the stream is full. Returns Ok(0) once our
    /// FIN has gone out (upstream checks `bFinSent`); data queued after
    /// `shutdown()` but before the FIN simply delays the FIN.
    ///
    /// With close-after-send on, a call that queues all of `data` requests
    /// the FIN, which then rides on the last data segment (upstream sets
    /// `bCloseRequested` with the last chunk).
    pub fn send(&mut self, data: &[u8]) -> Result<usize, AllocError> {
        if data.is_empty() || self.fin_sent {
            return Ok(0);
        }
        // There is no clock here; the time only seeds hang protection,
        // which does not apply to the eCLOSE_WAIT a failure leads to.
        self.create_stream(self.hang_since, false)?;
        let Some(tx) = self.tx.as_mut() else { return Err(AllocError) };
        let n = tx.write(data);
        self.tx_blocked = n < data.len();
        if self.close_after_send && n == data.len() {
            self.close_req = true;
        }
        if n > 0 || self.close_req {
            self.poll_asap = true;
        }
        Ok(n)
    }

    /// Copies in-order received data into `buf`; consumes it unless `peek`.
    pub fn recv(&mut self, buf: &mut [u8], peek: bool) -> usize {
        let n = match &mut self.rx {
            Some(s) => s.read(buf, peek),
            None => 0,
        };
        if n > 0 && !peek {
            self.check_window_update();
        }
        n
    }

    /// Drops up to `n` readable bytes; returns the bytes dropped.
    pub fn discard(&mut self, n: usize) -> usize {
        let n = match &mut self.rx {
            Some(s) => s.release(n),
            None => 0,
        };
        if n > 0 {
            self.check_window_update();
        }
        n
    }

    /// The readable bytes up to the ring's wrap point (zero-copy receive:
    /// `FREERTOS_ZERO_COPY`); release them with `discard()`.
    pub fn rx_contiguous(&self) -> &[u8] {
        self.rx.as_ref().map_or(&[], |s| s.contiguous())
    }

    /// Free TX space up to the ring's wrap point, creating the stream if
    /// needed (`FreeRTOS_get_tx_head()`); publish with `tx_commit()`.
    pub fn tx_head_space(&mut self) -> Result<&mut [u8], AllocError> {
        self.create_stream(self.hang_since, false)?;
        self.tx.as_mut().map(Stream::head_space).ok_or(AllocError)
    }

    /// Where the TX stream's buffer starts, creating the stream if needed
    /// (`FreeRTOS_get_tx_base()`).
    pub fn tx_base_addr(&mut self) -> Result<usize, AllocError> {
        self.create_stream(self.hang_since, false)?;
        self.tx.as_ref().map(Stream::base_addr).ok_or(AllocError)
    }

    /// Creates the RX or TX stream on first use. A stream the heap cannot
    /// hold gives the connection up, as upstream's `bMallocError` does: the
    /// mark (send/recv then report ENOMEM) and eCLOSE_WAIT.
    pub(super) fn create_stream(&mut self, now: Instant, rx: bool) -> Result<(), AllocError> {
        // The RX stream carries the C `StreamBuffer_t` header
        // (`FreeRTOS_get_rx_buf()`), the TX stream does not: two types.
        let made = if rx {
            fill(&mut self.rx, self.cfg.rx_stream_size)
        } else {
            fill(&mut self.tx, self.cfg.tx_stream_size)
        };
        if let Err(e) = made {
            self.alloc_failed = true;
            self.set_state(now, TcpState::CloseWait);
            return Err(e);
        }
        Ok(())
    }

    /// Where the RX stream's `StreamBuffer_t` starts (its header, then the
    /// ring), or None before the first byte arrived
    /// (`FreeRTOS_get_rx_buf()`; upstream creates the stream then too).
    pub fn rx_struct_addr(&self) -> Option<usize> {
        self.rx.as_ref().map(RxStream::struct_addr)
    }

    /// The memory blocks of the RX and TX streams as (address, bytes);
    /// (0, 0) for a stream not created yet.
    pub fn stream_blocks(&self) -> [(usize, usize); 2] {
        [
            self.rx.as_ref().map_or((0, 0), RxStream::block_range),
            self.tx.as_ref().map_or((0, 0), Stream::block_range),
        ]
    }

    /// Publishes `n` bytes written into `tx_head_space()`; returns the bytes
    /// accepted.
    pub fn tx_commit(&mut self, n: usize) -> usize {
        if self.fin_sent {
            return 0;
        }
        let n = self.tx.as_mut().map_or(0, |s| s.advance_head(n));
        self.tx_blocked = false;
        if n > 0 {
            self.poll_asap = true;
        }
        n
    }

    pub fn rx_len(&self) -> usize {
        self.rx.as_ref().map_or(0, |s| s.used())
    }

    /// Bytes in the TX stream: queued plus sent but unacknowledged.
    pub fn tx_len(&self) -> usize {
        self.tx_used()
    }

    /// Free TX space; before the stream exists, the configured stream size
    /// (upstream returns `uxTxStreamSize` then, reference §2.12).
    pub fn tx_space(&self) -> usize {
        match &self.tx {
            Some(s) => s.free(),
            None => self.cfg.tx_stream_size,
        }
    }

    pub fn has_rx_stream(&self) -> bool {
        self.rx.is_some()
    }

    pub fn has_tx_stream(&self) -> bool {
        self.tx.is_some()
    }

    pub fn alloc_failed(&self) -> bool {
        self.alloc_failed
    }

    /// FIN once all queued TX data is acknowledged -> FinWait1
    /// (upstream's `bUserShutdown`). The socket layer checks the state.
    pub fn shutdown(&mut self) {
        self.shutdown_req = true;
        // Nothing more will be written: the tail goes now (window.rs).
        self.tx_blocked = false;
        self.poll_asap = true;
    }

    pub fn set_close_after_send(&mut self, on: bool) {
        self.close_after_send = on;
    }

    /// Our SYN (active open) or SYN+ACK (passive open) has gone out at
    /// least once. While false in ConnectSyn the stack is still resolving
    /// the next hop (upstream's ARP phase).
    pub fn syn_sent(&self) -> bool {
        self.snd_max != self.iss
    }

    /// Our FIN has gone out (send() returns 0 from then on).
    pub fn fin_sent(&self) -> bool {
        self.fin_sent
    }

    /// The peer's FIN has been received (end of stream once `rx_len()` is 0).
    pub fn peer_closed(&self) -> bool {
        self.peer_fin
    }

    /// The TIME-WAIT record of a connection that closed cleanly (both FINs
    /// exchanged and acknowledged), for the stack to keep after the socket
    /// is freed; None otherwise. (Out of line: inlined into the stack's
    /// `free_socket` it cost 68 B more, measured.)
    #[inline(never)]
    pub fn time_wait(&self) -> Option<TimeWait> {
        if self.state == TcpState::CloseWait && self.peer_fin && self.fin_acked {
            Some(TimeWait {
                local: self.local,
                remote: self.remote,
                snd_nxt: self.snd_max.0,
                rcv_nxt: self.rcv_nxt.0,
            })
        } else {
            None
        }
    }

    /// Counters since the Tcb was created (kept across reconnects).
    #[cfg(test)]
    pub fn stats(&self) -> TcbStats {
        self.stats
    }

    /// Smoothed round-trip time in ticks (0 before the first sample).
    pub fn srtt(&self) -> crate::time::Duration {
        self.rtt.srtt()
    }
}

/// Allocates the stream in `slot` for `requested` bytes unless it exists.
fn fill<const H: bool>(slot: &mut Option<Stream<H>>, requested: usize) -> Result<(), AllocError> {
    if slot.is_none() {
        *slot = Some(Stream::try_new(requested)?);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::Tcb;

    /// The Tcb is most of a TCP socket's heap block; keep it from growing
    /// unnoticed. On Cortex-M4 it was 448 bytes before keep-alive (its three
    /// settings, the probe count) and the loss timers (recovery.rs) added
    /// about 36, and the window options and the push timer about 16 (issue
    /// #8); a 64-bit host has wider stream and size fields, and test builds
    /// add 56 bytes of counters.
    #[test]
    fn tcb_size_bound() {
        let size = core::mem::size_of::<Tcb>();
        if cfg!(target_pointer_width = "64") {
            assert!(size <= 608, "size_of::<Tcb>() = {size}");
        }
    }
}

