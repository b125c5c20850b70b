//! Sending and timers: SYN / SYN+ACK, data segmentation, retransmission
//! (RTO with backoff, fast retransmit, SACK holes), FIN, ACKs, zero-window
//! probes, hang protection, the idle re-arm, and `deadline()`.

use super::seq::Seq;
use super::tcb::Tcb;
use super::timer::{slot, Timer};
use super::{
    SegmentSink, TcpFlags, TcpRepr, TcpState, CONNECT_RETRY_MS, IDLE_WAKEUP_MS,
    MAX_SYNACK_RETRIES, SINK_RETRY_MAX_SHIFT, SINK_RETRY_MS, SYN_RETRY_DELAYS_MS,
};
use crate::time::{Instant, HORIZON};

/// Most segments one `output()` call sends; the rest follows on the next
/// poll (scheduled at once).
const MAX_BURST: u32 = 64;
/// Delayed-ACK allowance of the tail loss probe with one segment in flight.
pub(super) const TLP_DELAYED_ACK_MS: u64 = 25;
/// Cap on the exponent of RTO backoff (the RTO itself is capped at 60 s).
const MAX_BACKOFF: u8 = 16;

impl Tcb {
    /// Sends whatever is due (SYN, new data, retransmissions, delayed ACKs,
    /// FIN, window updates, zero-window probes) and runs the timers.
    pub fn poll(&mut self, now: Instant, sink: &mut dyn SegmentSink) {
        self.last_now = now;
        self.poll_asap = false;
        // `hang_since` is read only in some states (hang protection,
        // keep-alive, netstat's Alive), maybe long after it was set: its
        // age stops at `time::HORIZON` here (the stack polls every socket
        // at least every 10 s), so it never reads as a future time. Every
        // reader's limit is at most `HORIZON`, so each still sees it as
        // passed. (`rtt_probe`'s time needs nothing: the RTO, at most 60 s,
        // clears it; `last_now` is set here.)
        if now.since(self.hang_since) > HORIZON {
            self.hang_since = Instant(now.0.wrapping_sub(HORIZON.0));
        }
        if self.timers[slot::RETRY].due(now) {
            self.timers[slot::RETRY] = Timer::OFF;
        }
        if self.hang_deadline().due(now) {
            // Hang protection (reference §4, §5): no segment and no state
            // change for the configured time.
            self.set_state(now, TcpState::CloseWait);
            self.reschedule(now);
            return;
        }
        match self.state {
            TcpState::SynReceived if self.timers[slot::RTX].due(now) => {
                if self.hang_protection().is_none() && self.backoff >= MAX_SYNACK_RETRIES {
                    self.set_state(now, TcpState::CloseWait);
                    self.reschedule(now);
                    return;
                }
                self.backoff = (self.backoff + 1).min(MAX_BACKOFF);
                self.resend_syn = true;
                self.rtt_probe = None;
                self.restart_rto(now);
            }
            TcpState::Established | TcpState::FinWait1 | TcpState::LastAck => {
                if self.timers[slot::RTX].due(now) {
                    if self.snd_una.lt(self.snd_max) {
                        self.on_rto(now);
                    } else {
                        self.timers[slot::RTX] = Timer::OFF;
                    }
                }
                if self.timers[slot::PERSIST].due(now) {
                    self.send_window_probe(now, sink);
                }
                if self.timers[slot::TLP].due(now) {
                    self.send_tail_probe(now, sink);
                }
                if self.timers[slot::REO].due(now) {
                    self.on_reorder_timer(now);
                }
                if self.timers[slot::WND_REPEAT].due(now) {
                    self.repeat_window_update(now, sink);
                }
                if self.keep_alive_deadline().due(now) {
                    if self.keep_probes >= self.cfg.keep_alive_probes {
                        // The peer answered none of the probes: give the
                        // connection up as upstream does (eCLOSE_WAIT;
                        // recv() then reports -ENOTCONN).
                        self.set_state(now, TcpState::CloseWait);
                        self.reschedule(now);
                        return;
                    }
                    self.send_keep_alive(now, sink);
                }
            }
            _ => {}
        }
        if self.timers[slot::ACK].due(now) {
            self.ack_now = true;
            self.timers[slot::ACK] = Timer::OFF;
        }
        if self.timers[slot::PUSH].due(now) {
            self.timers[slot::PUSH] = Timer::OFF;
            self.push_due = true;
        }
        self.output(now, sink);
        self.push_due = false;
        self.reschedule(now);
    }

    /// Retransmission timeout (RFC 6298 §5.4-5.6, RFC 5681 §3.1): back
    /// off, collapse the congestion window and go back to SND.UNA.
    fn on_rto(&mut self, now: Instant) {
        let mss = self.eff_mss();
        let flight = self.snd_max.since(self.snd_una);
        #[cfg(test)]
        {
            self.stats.timeouts += 1;
        }
        self.ssthresh = (flight / 2).max(2 * mss);
        self.cwnd = mss;
        self.snd_nxt = self.snd_una;
        self.backoff = (self.backoff + 1).min(MAX_BACKOFF);
        self.rtt_probe = None;
        self.dup_acks = 0;
        self.in_recovery = false;
        self.recover = self.snd_max;
        self.high_rxt = self.snd_una;
        self.timers[slot::TLP] = Timer::OFF;
        self.timers[slot::REO] = Timer::OFF;
        // The first segment goes out whatever the windows say: after a
        // window shrank to zero with data in flight, it is also the probe.
        self.rexmit_una = true;
        self.sack_rexmit = 0;
        // Keep the SACK scoreboard (RFC 6675 §5.1): the go-back pass skips
        // what the receiver holds. Should it have reneged (RFC 2018 §8),
        // the next timeout finds the same SND.UNA and starts over without.
        if self.backoff > 1 {
            self.sacked.clear();
        }
        self.restart_rto(now);
    }

    /// When `poll()` must run next. None: nothing scheduled (fresh,
    /// listening or closed socket). A time at or before the last `now` seen
    /// means "as soon as possible" (after an application call queued data,
    /// freed RX space or asked for shutdown).
    pub fn deadline(&self) -> Option<Instant> {
        if self.poll_asap {
            return Some(self.last_now);
        }
        self.next_timer().min(self.timers[slot::IDLE]).when()
    }

    /// The earliest of the timers, leaving out the idle re-arm.
    #[inline(never)]
    fn next_timer(&self) -> Timer {
        let stored = self.timers.get(..slot::IDLE).unwrap_or(&[]);
        stored.iter().copied().fold(self.hang_deadline().min(self.keep_alive_deadline()), Timer::min)
    }

    /// When keep-alive acts next (reference §5): only in Established with
    /// keep-alive on; `keep_alive_ms` after the peer was last heard from,
    /// then one probe interval after each unanswered probe. The probe after
    /// the last allowed one is the give-up time.
    pub(super) fn keep_alive_deadline(&self) -> Timer {
        // `keep_alive_ms` is run-time data: without `ipconfigTCP_KEEP_ALIVE`
        // the constant lets the compiler leave the probing out of the
        // firmware (host tests and fuzz targets set it per connection).
        let built = crate::config::RUNTIME_SETTINGS || crate::config::TCP_KEEP_ALIVE;
        if !built || self.state != TcpState::Established || self.cfg.keep_alive_ms == 0 {
            return Timer::OFF;
        }
        let wait = if self.keep_probes == 0 {
            self.cfg.keep_alive_ms
        } else {
            self.cfg.keep_alive_probe_interval_ms.max(1)
        };
        Timer::at(self.after_ms(self.hang_since, wait))
    }

    /// One keep-alive probe: an ACK with SEQ = SND.UNA - 1 and no data,
    /// which a live peer answers with an ACK (RFC 9293 §3.8.4; upstream
    /// sends its next sequence number minus one, the same when idle). The
    /// probe counts even when the sink refuses it, as one lost on the wire
    /// would: the connection never waits longer than the configured bound.
    fn send_keep_alive(&mut self, now: Instant, sink: &mut dyn SegmentSink) {
        let seq = self.snd_una.sub(1);
        let _ = self.transmit(sink, seq, TcpFlags::ACK, (0, 0), false);
        self.keep_probes = self.keep_probes.saturating_add(1);
        // Upstream's xLastAliveTime moves when a probe goes out (netstat's
        // Alive restarts from 0).
        self.hang_since = now;
    }

    /// netstat `Alive`: ticks since the peer was last heard from (or the
    /// last state change or keep-alive probe), at most 999999; 0 when
    /// keep-alive is off, as upstream prints it then.
    pub fn netstat_alive(&self, now: Instant) -> u32 {
        if self.cfg.keep_alive_ms == 0 {
            return 0;
        }
        now.since(self.hang_since).0.min(999_999)
    }

    /// netstat `tmout`: ticks until the socket is next serviced, 0 when
    /// nothing is scheduled (fresh, listening, closed). With nothing else to
    /// do, Established and later states (CloseWait forever) are re-armed
    /// every 20000 ms, so the value counts down from 20000 and restarts
    /// (reference §4). Capped at 65535 like upstream's 16-bit `usTimeout`.
    pub fn netstat_timeout(&self, now: Instant) -> u64 {
        match self.deadline() {
            Some(d) => u64::from(d.since(now).0.min(u16::MAX as u32)),
            None => 0,
        }
    }

    /// `cfg.hang_protection`; in a firmware build the application's
    /// `ipconfigTCP_HANG_PROTECTION(_TIME)` as a constant (the IP task
    /// builds every socket's setting from the same two constants and
    /// nothing changes it), so the checks fold. Tests and fuzz targets set
    /// it per connection.
    fn hang_protection(&self) -> Option<crate::time::Duration> {
        if crate::config::RUNTIME_SETTINGS {
            self.cfg.hang_protection
        } else if crate::config::TCP_HANG_PROTECTION {
            Some(crate::config::TICK_RATE.ms(crate::config::TCP_HANG_PROTECTION_TIME_S as u64 * 1000))
        } else {
            None
        }
    }

    pub(super) fn hang_deadline(&self) -> Timer {
        let applies = match self.state {
            TcpState::ConnectSyn => self.syn_sends > 0,
            TcpState::SynFirst
            | TcpState::SynReceived
            | TcpState::FinWait1
            | TcpState::FinWait2
            | TcpState::Closing
            | TcpState::LastAck
            | TcpState::TimeWait => true,
            _ => false,
        };
        match self.hang_protection() {
            Some(d) if applies => Timer::at(self.hang_since + d),
            _ => Timer::OFF,
        }
    }

    /// Recomputes the persist timer and the idle re-arm after any activity.
    pub(super) fn reschedule(&mut self, now: Instant) {
        let sending_state = matches!(
            self.state,
            TcpState::Established | TcpState::FinWait1 | TcpState::LastAck
        );
        // Nothing in flight and data waiting for the window: a zero
        // window, or one too small to be worth a segment (then the persist
        // timer is RFC 1122's override timer: send what fits).
        let window_blocked = sending_state
            && self.snd_una == self.snd_max
            && self.snd_nxt == self.snd_max
            && self.data_end().gt(self.snd_nxt)
            && (self.snd_wnd == 0 || self.held_by_small_window());
        if window_blocked {
            if self.timers[slot::PERSIST].is_off() {
                self.timers[slot::PERSIST] = Timer::at(self.persist_expiry(now));
            }
        } else {
            self.timers[slot::PERSIST] = Timer::OFF;
            self.persist_backoff = 0;
        }

        self.schedule_tail_probe(now, sending_state);

        // Work left over is due at once, unless the sink refused recently:
        // then the retry time is when to come back (no busy polling).
        let pending = self.ack_now
            || self.win_update
            || self.resend_syn
            || self.rexmit_una
            || self.sack_rexmit > 0;
        let immediate = self.poll_asap || (pending && self.timers[slot::RETRY].is_off());
        self.poll_asap = immediate;
        let other = self.next_timer();
        let idle_state = self.state >= TcpState::Established;
        if idle_state && other.is_off() && !immediate {
            // Upstream re-arms an idle socket with tcpMAXIMUM_TCP_WAKEUP_TIME_MS
            // whenever its timer has run out (reference §4).
            if self.timers[slot::IDLE].is_off() || self.timers[slot::IDLE].due(now) {
                self.timers[slot::IDLE] = Timer::at(self.after_ms(now, IDLE_WAKEUP_MS as u32));
            }
        } else {
            self.timers[slot::IDLE] = Timer::OFF;
        }
    }

    /// Arms the tail loss probe (RFC 8985 §7.2): PTO = 2 SRTT, at least
    /// 10 ms, plus an allowance for a delayed ACK when a single segment is in
    /// flight; only when it would fire before the RTO, with no probe
    /// outstanding, outside recovery and without backoff. The allowance is
    /// `TLP_DELAYED_ACK_MS` (25 ms), not RFC 8985's worst case of 200 ms:
    /// with small streams a lost window update leaves exactly one segment
    /// unacknowledged and the window closed, and 200 ms would put the probe
    /// after the RTO. Ours delay ACKs 20 ms; against a peer that delays
    /// longer (Linux: 40 ms and up) the probe is one spurious segment.
    fn schedule_tail_probe(&mut self, now: Instant, sending_state: bool) {
        let eligible = sending_state
            && self.snd_una.lt(self.snd_max)
            && !self.in_recovery
            && self.backoff == 0
            && !self.tlp_sent
            && self.timers[slot::RTX].is_armed();
        if !eligible {
            self.timers[slot::TLP] = Timer::OFF;
            return;
        }
        if self.timers[slot::TLP].is_armed() {
            return;
        }
        let rate = self.cfg.tick_rate;
        let mut pto = (self.rtt.srtt().0 * 2).max(rate.ms(10).0);
        if self.snd_max.since(self.snd_una) <= self.eff_mss() {
            pto = pto.saturating_add(rate.ms(TLP_DELAYED_ACK_MS).0);
        }
        let at = super::rtt::after_short(now, pto);
        // (The RTO timer is armed: `eligible` says so.)
        if Timer::at(at).is_before(self.timers[slot::RTX]) {
            self.timers[slot::TLP] = Timer::at(at);
        }
    }

    /// The probe itself: a new segment if the window allows, else the last
    /// segment sent again. The RTO restarts from here.
    fn send_tail_probe(&mut self, now: Instant, sink: &mut dyn SegmentSink) {
        self.timers[slot::TLP] = Timer::OFF;
        self.tlp_sent = true;
        #[cfg(test)]
        {
            self.stats.tail_probes += 1;
        }
        let mss = self.eff_mss();
        let data_end = self.data_end();
        let window_room = self.snd_una.add(self.snd_wnd).since(self.snd_nxt);
        let avail = data_end.since(self.snd_nxt);
        let new_len = avail.min(mss).min(window_room);
        let flight = self.snd_max.since(self.snd_una);
        // New data only when it is worth a segment of its own (window.rs):
        // a probe must not be the way a stream remainder leaks out.
        let sent = if self.snd_nxt == self.snd_max
            && self.snd_nxt.lt(data_end)
            && window_room > 0
            && self.worth_sending(new_len, avail, flight, false)
        {
            let len = new_len;
            let seq = self.snd_nxt;
            self.send_data(now, sink, seq, len, false)
        } else {
            // The last segment again, never beyond SND.MAX: that would be
            // new data sent past the peer's window.
            let flight = self.snd_max.since(self.snd_una);
            let start = self.snd_max.sub(flight.min(mss));
            self.retransmit_at(now, sink, start, flight.min(mss)).is_some()
        };
        if sent {
            self.restart_rto(now);
        }
    }

    /// Sends what the state calls for now.
    pub(super) fn output(&mut self, now: Instant, sink: &mut dyn SegmentSink) {
        match self.state {
            TcpState::Closed | TcpState::Listen => {
                self.ack_now = false;
            }
            TcpState::CloseWait | TcpState::FinWait2 | TcpState::Closing | TcpState::TimeWait => {
                // The last ACK of a close that just completed.
                if self.ack_now {
                    self.send_pure_ack_now(sink);
                    self.ack_now = false;
                }
            }
            TcpState::ConnectSyn => self.output_syn(now, sink),
            TcpState::SynFirst => {
                if self.send_syn_ack(now, sink) {
                    self.set_state(now, TcpState::SynReceived);
                    self.restart_rto(now);
                }
            }
            TcpState::SynReceived => {
                if self.resend_syn {
                    self.resend_syn = false;
                    // A repeated SYN+ACK: no RTT sample from it (Karn).
                    self.rtt_probe = None;
                    if !self.send_syn_ack(now, sink) {
                        self.resend_syn = true;
                    }
                } else if self.ack_now {
                    // Challenge ACK, or the ACK that completes a
                    // simultaneous open (RFC 9293 §3.5 figure 7).
                    if !self.send_pure_ack_now(sink) {
                        self.sink_refused(now);
                    }
                }
                self.ack_now = false;
            }
            TcpState::Established | TcpState::FinWait1 | TcpState::LastAck => {
                self.output_data(now, sink)
            }
        }
    }

    /// (Re)starts the retransmission timer with the current backoff.
    #[inline(never)]
    pub(super) fn restart_rto(&mut self, now: Instant) {
        self.timers[slot::RTX] = Timer::at(self.rtt.expiry(now, self.backoff));
    }

    fn sink_refused(&mut self, now: Instant) {
        let wait = (SINK_RETRY_MS as u32) << self.refusals.min(SINK_RETRY_MAX_SHIFT);
        self.timers[slot::RETRY] = Timer::at(self.after_ms(now, wait));
        self.refusals = self.refusals.saturating_add(1);
    }

    /// The way out is back (interface up): a send the sink refused is
    /// tried at the next poll, and the backoff starts over.
    pub fn retry_output_now(&mut self) {
        self.refusals = 0;
        if self.timers[slot::RETRY].is_armed() {
            self.timers[slot::RETRY] = Timer::OFF;
            self.poll_asap = true;
        }
    }

    /// The window field for a segment we send now.
    pub(super) fn window_field(&self, syn: bool) -> (u16, u32) {
        let wnd = self.rcv_wnd();
        if syn {
            // RFC 7323 §2.2: never scaled in a SYN.
            let w = wnd.min(0xffff);
            (w as u16, w)
        } else {
            let field = (wnd >> self.rcv_shift).min(0xffff);
            (field as u16, field << self.rcv_shift)
        }
    }

    /// Builds and sends one segment; on success records that an ACK (with
    /// the current window) went out. `data` = (offset in the TX stream,
    /// length).
    fn transmit(
        &mut self,
        sink: &mut dyn SegmentSink,
        seq: Seq,
        flags: TcpFlags,
        data: (usize, usize),
        with_sack: bool,
    ) -> bool {
        let syn = flags.contains(TcpFlags::SYN);
        let (window, window_bytes) = self.window_field(syn);
        let ack = if flags.contains(TcpFlags::ACK) { self.rcv_nxt.0 } else { 0 };
        let mut repr = TcpRepr::control(self.local.port, self.remote.port, seq.0, ack, flags);
        repr.window = window;
        if syn {
            repr.mss = Some(self.cfg.mss);
            let passive = flags.contains(TcpFlags::ACK);
            if !passive || self.ws_ok {
                repr.window_scale = Some(self.my_window_shift());
            }
            if !passive || self.sack_ok {
                repr.sack_permitted = true;
            }
        }
        if with_sack && self.sack_ok && !self.ooo.is_empty() {
            // RFC 2018 §4: the block with the latest segment first.
            let latest = self.last_ooo.and_then(|seq| self.ooo.containing(seq));
            let mut n = 0usize;
            if let Some((s, e)) = latest {
                repr.sack_blocks[0] = (s.0, e.0);
                n = 1;
            }
            for &(s, e) in self.ooo.as_slice() {
                if n >= repr.sack_blocks.len() {
                    break;
                }
                if Some((s, e)) != latest {
                    repr.sack_blocks[n] = (s.0, e.0);
                    n += 1;
                }
            }
            repr.sack_count = n as u8;
        }
        let ok = {
            let payload = match (&self.tx, data.1) {
                (Some(tx), len) if len > 0 => tx.peek_at(data.0, len),
                _ => (&[][..], &[][..]),
            };
            sink.send_segment(self.local, self.remote, &repr, payload)
        };
        if ok {
            self.refusals = 0;
            #[cfg(test)]
            {
                self.stats.segments_sent += 1;
            }
        }
        if ok && flags.contains(TcpFlags::ACK) {
            self.ack_now = false;
            self.timers[slot::ACK] = Timer::OFF;
            self.unacked_segs = 0;
            self.unacked_bytes = 0;
            self.win_update = false;
            let edge = self.rcv_nxt.add(window_bytes);
            // What the peer could still send before this segment.
            let before = self.adv_edge.since(self.rcv_nxt).min(window_bytes);
            if edge.gt(self.adv_edge) {
                self.adv_edge = edge;
            }
            if !syn {
                self.after_window_sent(before, window_bytes);
            }
        }
        ok
    }

    /// A pure ACK with the current window.
    pub(super) fn send_pure_ack_now(&mut self, sink: &mut dyn SegmentSink) -> bool {
        self.transmit(sink, self.snd_max, TcpFlags::ACK, (0, 0), true)
    }

    fn send_syn_ack(&mut self, now: Instant, sink: &mut dyn SegmentSink) -> bool {
        let ok = self.transmit(sink, self.iss, TcpFlags::SYN | TcpFlags::ACK, (0, 0), false);
        if ok {
            let first = self.snd_max == self.iss;
            self.snd_nxt = self.iss.add(1);
            self.snd_max = self.iss.add(1);
            if first {
                self.rtt_probe = Some((self.iss.add(1), now));
            }
        } else {
            self.sink_refused(now);
        }
        ok
    }

    /// Active open: SYNs at about 0, 3 and 9 s, then give up at about 20 s
    /// into CloseWait (reference §2.5).
    fn output_syn(&mut self, now: Instant, sink: &mut dyn SegmentSink) {
        // In ConnectSyn the retransmission timer times the SYNs.
        if !self.timers[slot::RTX].due(now) {
            return;
        }
        let sent = self.syn_sends as usize;
        if sent >= SYN_RETRY_DELAYS_MS.len() {
            self.set_state(now, TcpState::CloseWait);
            return;
        }
        if self.transmit(sink, self.iss, TcpFlags::SYN, (0, 0), false) {
            if sent == 0 {
                // Hang protection counts from the first SYN on the wire.
                self.hang_since = now;
                self.rtt_probe = Some((self.iss.add(1), now));
            } else {
                self.rtt_probe = None;
            }
            self.syn_sends += 1;
            self.snd_nxt = self.iss.add(1);
            self.snd_max = self.iss.add(1);
            let delay = SYN_RETRY_DELAYS_MS.get(sent).copied().unwrap_or(0);
            self.timers[slot::RTX] = Timer::at(self.after_ms(now, delay));
        } else {
            let retry = if sent == 0 { CONNECT_RETRY_MS } else { SINK_RETRY_MS } as u32;
            self.timers[slot::RTX] = Timer::at(self.after_ms(now, retry));
        }
    }

    /// Whether a FIN should be sent once all data before it has gone out.
    fn fin_wanted(&self) -> bool {
        if self.fin_sent || self.state != TcpState::Established {
            return false;
        }
        let all_acked = self.tx_used() == 0;
        // Shutdown and passive close wait until all TX data is acknowledged
        // (reference §2.10, §5 "FIN handling"); close-after-send lets the
        // FIN ride on the last data segment.
        self.close_req || (all_acked && (self.shutdown_req || self.peer_fin))
    }

    /// Sends data (and/or FIN) at `seq`, `len` bytes; bookkeeping for
    /// sequence space, RTT sampling, the retransmission timer and states.
    fn send_data(
        &mut self,
        now: Instant,
        sink: &mut dyn SegmentSink,
        seq: Seq,
        len: u32,
        fin: bool,
    ) -> bool {
        let data_end = self.data_end();
        let mut flags = TcpFlags::ACK;
        if len > 0 && seq.add(len) == data_end {
            flags |= TcpFlags::PSH;
        }
        if fin {
            flags |= TcpFlags::FIN;
        }
        let offset = seq.since(self.tx_base) as usize;
        let with_sack = len == 0;
        if !self.transmit(sink, seq, flags, (offset, len as usize), with_sack) {
            self.sink_refused(now);
            return false;
        }
        let end = seq.add(len).add(fin as u32);
        #[cfg(test)]
        if seq.lt(self.snd_max) {
            self.stats.retransmitted_segments += 1;
            self.stats.retransmitted_bytes += u64::from(len);
        }
        if fin && !self.fin_sent {
            self.fin_sent = true;
            let next = if self.peer_fin { TcpState::LastAck } else { TcpState::FinWait1 };
            self.set_state(now, next);
        }
        if end.gt(self.snd_max) {
            if self.rtt_probe.is_none() && seq.ge(self.snd_max) {
                self.rtt_probe = Some((end, now));
            }
            self.snd_max = end;
        } else if self.rtt_probe.is_some() {
            // Karn: a retransmission spoils the running measurement.
            self.rtt_probe = None;
        }
        if end.gt(self.snd_nxt) {
            self.snd_nxt = end;
        }
        if self.timers[slot::RTX].is_off() {
            self.restart_rto(now);
        }
        true
    }

    /// Retransmits one segment starting at `seq` (fast retransmit, partial
    /// ACK, SACK hole), at most `limit` bytes.
    fn retransmit_at(
        &mut self,
        now: Instant,
        sink: &mut dyn SegmentSink,
        seq: Seq,
        limit: u32,
    ) -> Option<Seq> {
        let data_end = self.data_end();
        let mss = self.eff_mss();
        let (len, fin) = if seq.lt(data_end) {
            let mut len = data_end.since(seq).min(mss).min(limit);
            if let Some(s) = self.sacked.next_after(seq) {
                len = len.min(s.since(seq));
            }
            if len == 0 {
                return None;
            }
            (len, self.fin_sent && seq.add(len) == data_end)
        } else if self.fin_sent && seq == data_end {
            (0, true)
        } else {
            return None;
        };
        // One send for both: the end is after the data, or after the FIN
        // when it goes alone.
        self.send_data(now, sink, seq, len, fin).then(|| seq.add(len.max(1)))
    }

    fn output_data(&mut self, now: Instant, sink: &mut dyn SegmentSink) {
        if self.timers[slot::RETRY].is_armed() {
            // The sink refused recently; wait for the retry time.
            return;
        }
        let mss = self.eff_mss();
        let mut budget = MAX_BURST;

        // Fast retransmit / NewReno partial ACK: the segment at SND.UNA.
        if self.rexmit_una {
            self.rexmit_una = false;
            if self.snd_una.lt(self.snd_max) {
                // Within the peer's window; a closed window still gets one
                // byte (the retransmission doubles as a window probe).
                let limit = self.snd_wnd.max(1);
                match self.retransmit_at(now, sink, self.snd_una, limit) {
                    Some(end) => {
                        if end.gt(self.high_rxt) {
                            self.high_rxt = end;
                        }
                        self.after_una_retransmit(now);
                        budget -= 1;
                    }
                    None => {
                        if self.timers[slot::RETRY].is_armed() {
                            self.rexmit_una = true;
                            return;
                        }
                    }
                }
            }
        }
        // SACK recovery: one hole per duplicate ACK.
        while self.sack_rexmit > 0 && budget > 0 {
            self.sack_rexmit -= 1;
            let (start, len) = self.next_hole();
            if len == 0 {
                self.sack_rexmit = 0;
                break;
            }
            match self.retransmit_at(now, sink, start, len) {
                Some(end) => {
                    self.high_rxt = end;
                    if start == self.snd_una {
                        self.after_una_retransmit(now);
                    }
                    budget -= 1;
                }
                None => {
                    if self.timers[slot::RETRY].is_armed() {
                        self.sack_rexmit += 1;
                        return;
                    }
                    break;
                }
            }
        }

        // New data, or going back over unacknowledged data after an RTO.
        loop {
            if budget == 0 {
                self.poll_asap = true;
                break;
            }
            let data_end = self.data_end();
            if self.snd_nxt.lt(self.snd_max) {
                // Skip what the peer already SACKed.
                for _ in 0..super::ranges::MAX_RANGES {
                    match self.sacked.containing(self.snd_nxt) {
                        Some((_, e)) => self.snd_nxt = e.min(self.snd_max),
                        None => break,
                    }
                }
            }
            if self.snd_nxt.lt(data_end) {
                let avail = data_end.since(self.snd_nxt);
                // Limited transmit (RFC 3042): one extra segment for each of
                // the first two duplicate ACKs.
                let extra = if !self.in_recovery && self.dup_acks <= 2 {
                    u32::from(self.dup_acks) * mss
                } else {
                    0
                };
                let wnd = self
                    .snd_wnd
                    .min(self.cwnd.saturating_add(extra))
                    .min(self.tx_window_cap());
                let usable = self.snd_una.add(wnd).since(self.snd_nxt);
                let mut len = avail.min(mss).min(usable);
                let retransmitting = self.snd_nxt.lt(self.snd_max);
                if retransmitting {
                    if let Some(s) = self.sacked.next_after(self.snd_nxt) {
                        len = len.min(s.since(self.snd_nxt));
                    }
                }
                if len == 0 {
                    break;
                }
                let fin = len == avail && (self.fin_sent || self.fin_wanted());
                // Sender SWS avoidance (window.rs); going back over data
                // already sent repeats the segments as they were.
                let in_flight = self.snd_nxt.since(self.snd_una);
                if !retransmitting && !self.worth_sending(len, avail, in_flight, fin) {
                    self.hold_tail(now, len, avail, in_flight);
                    break;
                }
                let seq = self.snd_nxt;
                if !self.send_data(now, sink, seq, len, fin) {
                    return;
                }
                budget -= 1;
                continue;
            }
            // FIN alone (no data left before it), first time or again.
            let fin_again = self.fin_sent && self.snd_nxt == data_end;
            if self.snd_nxt == data_end
                && (fin_again || self.fin_wanted())
                && !self.send_data(now, sink, data_end, 0, true)
            {
                return;
            }
            break;
        }

        if (self.ack_now || self.win_update) && !self.send_pure_ack_now(sink) {
            self.sink_refused(now);
        }
    }

    /// When the next zero-window probe is due: like the tail loss probe,
    /// 2 SRTT (at least 10 ms) doubled per probe, but never later than the
    /// RTO with the same backoff. RFC 1122 §4.2.2.17 suggests the RTO for the
    /// first probe; with upstream's four-segment streams the window closes
    /// after nearly every burst, and a lost window update would then cost
    /// 200 ms (a hundred round trips on a LAN) where this costs about 10 ms
    /// and a few extra probes when the window really stays shut.
    #[inline(never)]
    fn persist_expiry(&self, now: Instant) -> Instant {
        let rate = self.cfg.tick_rate;
        let first = (self.rtt.srtt().0 * 2).max(rate.ms(10).0);
        let shifted = first.saturating_mul(1u32 << self.persist_backoff.min(MAX_BACKOFF));
        let wait = shifted.min(self.rtt.rto_backoff(self.persist_backoff).0);
        super::rtt::after_short(now, wait)
    }

    /// Zero-window probe: an ACK with SEQ = SND.UNA - 1, which the receiver
    /// must answer with an ACK carrying its current window (the way Linux
    /// probes). Backs off like the RTO, without limit.
    fn send_window_probe(&mut self, now: Instant, sink: &mut dyn SegmentSink) {
        if self.snd_wnd > 0 && self.snd_nxt == self.snd_max {
            // The window is open but was too small to be worth a segment
            // (window.rs): the override timer ran out, send what fits.
            let mss = self.eff_mss();
            let avail = self.data_end().since(self.snd_nxt);
            let len = avail.min(mss).min(self.snd_wnd).min(self.tx_window_cap());
            if len > 0 {
                self.timers[slot::PERSIST] = Timer::OFF;
                let fin = len == avail && (self.fin_sent || self.fin_wanted());
                let seq = self.snd_nxt;
                let _ = self.send_data(now, sink, seq, len, fin);
                return;
            }
        }
        let seq = self.snd_una.sub(1);
        if self.transmit(sink, seq, TcpFlags::ACK, (0, 0), false) {
            self.persist_backoff = (self.persist_backoff + 1).min(MAX_BACKOFF);
            self.timers[slot::PERSIST] = Timer::at(self.persist_expiry(now));
        } else {
            self.timers[slot::PERSIST] = Timer::at(self.after_ms(now, SINK_RETRY_MS as u32));
        }
    }
}
