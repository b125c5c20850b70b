//! Segment arrival (RFC 9293 §3.10.7), per state.
//!
//! Order for synchronized states, as in the RFC: RST check (RFC 5961 §3.2),
//! SYN check (RFC 5961 §4), sequence acceptability, ACK (RFC 5961 §5 range,
//! congestion control, window update), URG skip, data, FIN. Anything the
//! segment calls for (ACKs, challenge ACKs, FIN+ACK, data unblocked by a
//! window update) goes out through `output()` at the end of `on_segment`.

use super::seq::Seq;
use super::tcb::Tcb;
use super::timer::{slot, Timer};
use super::{
    reset_for, SegmentSink, TcbEvents, TcpFlags, TcpRepr, TcpState, CHALLENGE_ACKS_PER_SECOND,
    DELAYED_ACK_MS,
};
use crate::time::Instant;

impl Tcb {
    /// Processes one segment already demultiplexed to this connection
    /// (4-tuple match), then sends whatever it calls for.
    ///
    /// For a Tcb in Closed or CloseWait the answer is upstream's answer for
    /// an inactive socket (reference §5 "RST for no socket"): an RST unless
    /// the segment is an RST or a pure ACK — except that a finished
    /// connection acknowledges a retransmitted FIN of its peer (its last ACK
    /// was lost), which is what TIME-WAIT exists for (§14.5 row 12). A Tcb in
    /// Listen ignores segments: the stack handles SYNs for listeners.
    pub fn on_segment(
        &mut self,
        now: Instant,
        repr: &TcpRepr,
        payload: &[u8],
        sink: &mut dyn SegmentSink,
    ) {
        self.last_now = now;
        #[cfg(test)]
        {
            self.stats.segments_received += 1;
        }
        match self.state {
            TcpState::Listen => return,
            TcpState::Closed
            | TcpState::CloseWait
            | TcpState::FinWait2
            | TcpState::Closing
            | TcpState::TimeWait => {
                self.inactive_input(repr, payload, sink);
                self.reschedule(now);
                return;
            }
            TcpState::ConnectSyn => self.syn_sent_input(now, repr, payload, sink),
            TcpState::SynFirst => self.syn_first_input(now, repr),
            TcpState::SynReceived
            | TcpState::Established
            | TcpState::FinWait1
            | TcpState::LastAck => self.synchronized_input(now, repr, payload, sink),
        }
        self.output(now, sink);
        self.reschedule(now);
    }

    fn send_reset(&self, repr: &TcpRepr, payload_len: usize, sink: &mut dyn SegmentSink) {
        if let Some(rst) = reset_for(repr, payload_len) {
            let _ = sink.send_segment(self.local, self.remote, &rst, (&[], &[]));
        }
    }

    fn inactive_input(&mut self, repr: &TcpRepr, payload: &[u8], sink: &mut dyn SegmentSink) {
        let flags = repr.flags;
        if flags.contains(TcpFlags::RST) {
            return;
        }
        // A finished connection: the peer repeats its FIN because our last
        // ACK was lost. Acknowledge it again.
        if self.state == TcpState::CloseWait
            && self.peer_fin
            && flags.contains(TcpFlags::FIN)
            && !flags.contains(TcpFlags::SYN)
            && Seq(repr.seq).add_len(repr.segment_len(payload.len())) == self.rcv_nxt
        {
            self.send_pure_ack_now(sink);
            return;
        }
        let control = flags & (TcpFlags::SYN | TcpFlags::FIN | TcpFlags::RST | TcpFlags::ACK);
        if control == TcpFlags::ACK && payload.is_empty() {
            return;
        }
        self.send_reset(repr, payload.len(), sink);
    }

    /// ConnectSyn (SYN-SENT), RFC 9293 §3.10.7.3.
    fn syn_sent_input(
        &mut self,
        now: Instant,
        repr: &TcpRepr,
        payload: &[u8],
        sink: &mut dyn SegmentSink,
    ) {
        let flags = repr.flags;
        let has_ack = flags.contains(TcpFlags::ACK);
        let ack = Seq(repr.ack);
        if has_ack && (self.syn_sends == 0 || ack.le(self.iss) || ack.gt(self.snd_max)) {
            if !flags.contains(TcpFlags::RST) {
                self.send_reset(repr, payload.len(), sink);
            }
            return;
        }
        if flags.contains(TcpFlags::RST) {
            // RFC 5961 §3.2 / upstream: only an RST acknowledging our SYN.
            if has_ack && ack == self.iss.add(1) {
                self.set_state(now, TcpState::Closed);
            }
            return;
        }
        if !flags.contains(TcpFlags::SYN) {
            return;
        }
        let seq = Seq(repr.seq);
        self.take_peer_syn(repr, ack);
        self.hang_since = now;
        if has_ack {
            // Our SYN is acknowledged: established.
            self.snd_una = ack;
            if self.snd_nxt.lt(ack) {
                self.snd_nxt = ack;
            }
            if let Some((probe, sent)) = self.rtt_probe.take() {
                if ack.ge(probe) && self.syn_sends == 1 {
                    self.rtt.sample(now.since(sent));
                }
            }
            self.backoff = 0;
            self.timers[slot::RTX] = Timer::OFF;
            self.set_state(now, TcpState::Established);
            self.ack_now = true;
            if !payload.is_empty() {
                self.process_data(now, seq.add(1), payload, repr);
            }
            if flags.contains(TcpFlags::FIN) {
                self.process_fin(now, seq.add(1).add_len(payload.len()));
            }
        } else {
            // Simultaneous open: answer with SYN+ACK (same ISS).
            self.set_state(now, TcpState::SynReceived);
            self.resend_syn = true;
            self.rtt_probe = None;
            self.restart_rto(now);
        }
    }

    /// SynFirst: the SYN+ACK has not gone out yet. Only an exact RST
    /// matters; a repeated SYN will be answered by the pending SYN+ACK.
    fn syn_first_input(&mut self, now: Instant, repr: &TcpRepr) {
        if repr.flags.contains(TcpFlags::RST) && Seq(repr.seq) == self.rcv_nxt {
            self.set_state(now, TcpState::Closed);
        }
    }

    /// Asks for a challenge ACK (RFC 5961 §3.2, §4, §5), at most
    /// `CHALLENGE_ACKS_PER_SECOND` per connection and second (§7): one
    /// spoofed segment must not buy one segment from us each. The budget is
    /// per connection, not stack-wide: a shared counter is the side channel
    /// that let an off-path attacker find connections (CVE-2016-5696).
    fn challenge_ack(&mut self, now: Instant) {
        let tick = now.0;
        let second = self.cfg.tick_rate.ms(1000).0;
        if tick.wrapping_sub(self.challenge_since) >= second {
            self.challenge_since = tick;
            self.challenges = 0;
        }
        if self.challenges < CHALLENGE_ACKS_PER_SECOND {
            self.challenges += 1;
            self.ack_now = true;
        }
    }

    /// RFC 9293 §3.10.7.4 segment acceptability.
    fn acceptable(&self, seq: Seq, seg_len: u32, wnd: u32) -> bool {
        let start = self.rcv_nxt;
        let end = self.rcv_nxt.add(wnd);
        match (seg_len, wnd) {
            (0, 0) => seq == start,
            (0, _) => seq.in_range(start, end),
            (_, 0) => false,
            (len, _) => seq.in_range(start, end) || seq.add(len - 1).in_range(start, end),
        }
    }

    fn synchronized_input(
        &mut self,
        now: Instant,
        repr: &TcpRepr,
        payload: &[u8],
        sink: &mut dyn SegmentSink,
    ) {
        let flags = repr.flags;
        let seq = Seq(repr.seq);
        let seg_len = repr.segment_len(payload.len()).min(u32::MAX as usize) as u32;
        let wnd = self.rcv_wnd();

        // 1. RST (RFC 5961 §3.2): exact match resets, in-window draws a
        //    challenge ACK, anything else is dropped.
        if flags.contains(TcpFlags::RST) {
            if seq == self.rcv_nxt {
                self.set_state(now, TcpState::Closed);
            } else if seq.gt(self.rcv_nxt) && seq.lt(self.rcv_nxt.add(wnd.max(1))) {
                self.challenge_ack(now);
            }
            return;
        }

        // 2. SYN (RFC 5961 §4): challenge ACK; a repeated SYN in
        //    SynReceived gets our SYN+ACK again.
        if flags.contains(TcpFlags::SYN) {
            if self.state == TcpState::SynReceived
                && seq == self.irs
                && !flags.contains(TcpFlags::ACK)
            {
                self.resend_syn = true;
                self.hang_since = now;
            } else {
                self.challenge_ack(now);
            }
            return;
        }

        // Upstream's prvTCPTouchSocket: any segment past the RST and SYN
        // checks counts as a sign of life for hang protection and
        // keep-alive.
        self.hang_since = now;
        self.keep_probes = 0;

        // 3. Sequence acceptability.
        if !self.acceptable(seq, seg_len, wnd) {
            self.ack_now = true;
            // RFC 9293 §3.10.7.4: with a zero window, still take valid ACKs.
            if wnd == 0 && seq == self.rcv_nxt && flags.contains(TcpFlags::ACK) {
                self.ack_input(now, repr, payload.len(), sink);
            }
            return;
        }

        // 4. ACK.
        if !flags.contains(TcpFlags::ACK) {
            return;
        }
        if !self.ack_input(now, repr, payload.len(), sink) {
            return;
        }

        // Data from the peer: a reopened window got through.
        if !payload.is_empty() || flags.contains(TcpFlags::FIN) {
            self.timers[slot::WND_REPEAT] = Timer::OFF;
        }

        // 5/6. URG and data.
        let accepts_data = matches!(self.state, TcpState::Established | TcpState::FinWait1)
            && !self.peer_fin;
        if !payload.is_empty() {
            if accepts_data {
                self.process_data(now, seq, payload, repr);
            } else {
                self.ack_now = true;
            }
        }

        // 7. FIN.
        if flags.contains(TcpFlags::FIN) {
            let fin_at = seq.add_len(payload.len());
            if self.peer_fin {
                self.ack_now = true;
            } else if accepts_data {
                self.process_fin(now, fin_at);
            }
        }
    }

    /// The ACK field. Returns false when the segment must be dropped.
    fn ack_input(
        &mut self,
        now: Instant,
        repr: &TcpRepr,
        payload_len: usize,
        sink: &mut dyn SegmentSink,
    ) -> bool {
        let ack = Seq(repr.ack);
        if self.state == TcpState::SynReceived {
            if ack.gt(self.snd_una) && ack.le(self.snd_max) {
                self.set_state(now, TcpState::Established);
                // RFC 9293: SND.WND/WL1/WL2 from this segment.
                self.snd_wl1 = Seq(repr.seq).sub(1);
            } else {
                self.send_reset(repr, payload_len, sink);
                return false;
            }
        }
        // RFC 5961 §5: SND.UNA - MAX.SND.WND <= SEG.ACK <= SND.NXT (the
        // highest sent, here).
        if ack.gt(self.snd_max) {
            self.challenge_ack(now);
            return false;
        }
        let oldest = self.snd_una.sub(self.max_snd_wnd.max(self.eff_mss()));
        if ack.lt(oldest) {
            self.challenge_ack(now);
            return false;
        }
        self.process_ack(now, repr, payload_len);
        match self.state {
            TcpState::LastAck if self.fin_acked => {
                self.set_state(now, TcpState::CloseWait);
            }
            TcpState::FinWait1 if self.fin_acked && self.peer_fin => {
                self.set_state(now, TcpState::CloseWait);
            }
            _ => {}
        }
        true
    }

    /// ACK bookkeeping: release acknowledged data, RTT, congestion control,
    /// duplicate ACKs and fast retransmit, SACK scoreboard, window update.
    fn process_ack(&mut self, now: Instant, repr: &TcpRepr, payload_len: usize) {
        let ack = Seq(repr.ack);
        let seq = Seq(repr.seq);
        let wnd = (repr.window as u32) << self.snd_shift;
        let mss = self.eff_mss();

        let sacked_before = self.sacked.total();
        if self.sack_ok {
            for &(left, right) in repr.sacks() {
                let (l, r) = (Seq(left), Seq(right));
                if l.lt(r) && l.ge(self.snd_una) && r.le(self.snd_max) {
                    let _ = self.sacked.insert(l, r);
                }
            }
        }
        let newly_sacked = self.sacked.total() > sacked_before;
        let advanced = ack.gt(self.snd_una);

        if ack.gt(self.snd_una) {
            let acked_total = ack.since(self.snd_una);
            let data_end = self.data_end();
            let data_acked = ack.min(data_end).since(self.tx_base) as usize;
            if data_acked > 0 {
                if let Some(tx) = &mut self.tx {
                    let released = tx.release(data_acked);
                    self.tx_base = self.tx_base.add_len(released);
                }
                self.events |= TcbEvents::SEND.0;
            }
            if self.fin_sent && ack.gt(data_end) {
                self.fin_acked = true;
            }
            self.snd_una = ack;
            if self.snd_nxt.lt(ack) {
                self.snd_nxt = ack;
            }
            if self.high_rxt.lt(ack) {
                self.high_rxt = ack;
            }
            if let Some((probe, sent)) = self.rtt_probe {
                if ack.ge(probe) {
                    self.rtt.sample(now.since(sent));
                    self.rtt_probe = None;
                }
            }
            self.backoff = 0;
            self.persist_backoff = 0;
            // Progress: a new tail probe may be scheduled from here.
            self.timers[slot::TLP] = Timer::OFF;
            self.tlp_sent = false;
            self.sacked.remove_below(ack);

            if self.in_recovery {
                if ack.ge(self.recover) {
                    // Full acknowledgment (RFC 6582 §3.2 step 3, first
                    // option): continue from ssthresh.
                    self.in_recovery = false;
                    self.cwnd = self.ssthresh.max(mss);
                    self.dup_acks = 0;
                    self.sack_rexmit = 0;
                } else {
                    // Partial acknowledgment: retransmit the next hole and
                    // deflate the window by what was acknowledged.
                    self.cwnd = self.cwnd.saturating_sub(acked_total).saturating_add(mss);
                    if self.snd_una.ge(self.high_rxt) || !self.sack_ok {
                        self.rexmit_una = true;
                    } else if self.next_hole().1 > 0 {
                        self.sack_rexmit = self.sack_rexmit.saturating_add(1);
                    }
                }
            } else {
                self.dup_acks = 0;
                if self.cwnd < self.ssthresh {
                    // Slow start, byte counting with L = 2 SMSS (RFC 3465).
                    self.cwnd = self.cwnd.saturating_add(acked_total.min(2 * mss));
                } else {
                    // Congestion avoidance: about one MSS per RTT.
                    // 32 bits suffice: the MSS is a u16, so MSS^2 < 2^32.
                    let inc = (mss * mss / self.cwnd.max(1)).max(1);
                    self.cwnd = self.cwnd.saturating_add(inc);
                }
            }
            // Never more than the TX stream can have in flight: growth
            // beyond that would only be undone by the first loss.
            let cap = (self.tx.as_ref().map_or(0, |t| t.capacity()) as u32)
                .saturating_add(2 * mss)
                .max(self.initial_cwnd());
            self.cwnd = self.cwnd.min(cap);
            if self.snd_una == self.snd_max {
                self.timers[slot::RTX] = Timer::OFF;
            } else {
                self.restart_rto(now); // backoff is 0 again (above)
            }
        } else if ack == self.snd_una
            && payload_len == 0
            && !repr.flags.intersects(TcpFlags::SYN | TcpFlags::FIN)
            && self.snd_una.lt(self.snd_max)
            && (wnd == self.snd_wnd || newly_sacked)
        {
            // Duplicate ACK: RFC 5681 §2 (same window), or RFC 6675 §2 (it
            // SACKs new data; receivers such as Linux grow their window
            // while they queue out-of-order data, which would otherwise hide
            // every duplicate).
            self.dup_acks = self.dup_acks.saturating_add(1);
            if self.in_recovery {
                if self.sack_ok && self.next_hole().1 > 0 {
                    self.sack_rexmit = self.sack_rexmit.saturating_add(1);
                } else {
                    self.cwnd = self.cwnd.saturating_add(mss);
                }
            } else if self.loss_detected() && self.may_enter_recovery() {
                // Fast retransmit, enter fast recovery (RFC 5681 §3.2,
                // RFC 6582).
                self.enter_recovery();
            }
        }
        // Losses too few later segments reveal: a timer (recovery.rs).
        self.after_ack_for_reorder(now, advanced, newly_sacked);

        // Window update (RFC 9293 §3.10.7.4, SND.WL1/WL2 rule).
        if self.snd_wl1.lt(seq) || (self.snd_wl1 == seq && self.snd_wl2.le(ack)) {
            self.snd_wnd = wnd;
            self.snd_wl1 = seq;
            self.snd_wl2 = ack;
            self.max_snd_wnd = self.max_snd_wnd.max(wnd);
        }
    }

    /// Enough evidence that the segment at SND.UNA is lost: the duplicate
    /// ACK threshold, or as many segments SACKed above it (RFC 6675
    /// `IsLost`). With fewer than four segments in flight and nothing new to
    /// send, the threshold drops to one less than the segments in flight
    /// (early retransmit, RFC 5827), so a short flight does not have to wait
    /// for the RTO.
    fn loss_detected(&self) -> bool {
        let mss = self.eff_mss().max(1);
        let flight = self.snd_max.since(self.snd_una);
        let segments = flight.div_ceil(mss);
        let nothing_new = self.data_end().le(self.snd_max);
        let threshold = if nothing_new && segments < 4 {
            segments.saturating_sub(1).max(1)
        } else {
            3
        };
        u32::from(self.dup_acks) >= threshold
            || (self.sack_ok && self.sacked.total() >= threshold.saturating_mul(mss))
    }

    /// RFC 6582 §3.2: no new fast recovery for losses from before the
    /// last recovery point (those duplicates may stem from our own go-back
    /// retransmissions after an RTO). With SACK, data SACKed at or beyond
    /// that point proves a fresh loss, so recovery may start anyway.
    pub(super) fn may_enter_recovery(&self) -> bool {
        self.snd_una.ge(self.recover)
            || (self.sack_ok && self.sacked.last_end().is_some_and(|e| e.gt(self.recover)))
    }

    /// The first hole worth retransmitting during SACK recovery: not SACKed,
    /// at or after `high_rxt`, and below the highest SACKed byte (data above
    /// it arrived, so the hole was probably lost). As (start, length);
    /// length 0: no hole (a pair comes back in registers, an `Option` of
    /// it through memory).
    pub(super) fn next_hole(&self) -> (Seq, u32) {
        let Some(highest) = self.sacked.last_end() else { return (Seq(0), 0) };
        let mut start = self.high_rxt.max(self.snd_una);
        for _ in 0..super::ranges::MAX_RANGES {
            match self.sacked.containing(start) {
                Some((_, e)) => start = e,
                None => break,
            }
        }
        if !start.lt(highest) {
            return (start, 0);
        }
        let end = self.sacked.next_after(start).unwrap_or(highest);
        (start, end.since(start).min(self.eff_mss()))
    }

    /// Segment text: skip urgent bytes, trim to what is new and fits, store
    /// in order or out of order, and decide when to ACK.
    pub(super) fn process_data(&mut self, now: Instant, start: Seq, payload: &[u8], repr: &TcpRepr) {
        let mut seq = start;
        let mut data = payload;
        // Reference §5: with URG, the first `urgent` bytes are discarded.
        let urg_end = if repr.flags.contains(TcpFlags::URG) {
            seq.add_len((repr.urgent as usize).min(data.len()))
        } else {
            seq
        };
        if seq.lt(self.rcv_nxt) {
            let cut = (self.rcv_nxt.since(seq) as usize).min(data.len());
            data = data.get(cut..).unwrap_or(&[]);
            seq = seq.add_len(cut);
        }
        if data.is_empty() {
            // Entirely old: a retransmission whose ACK was lost.
            self.ack_now = true;
            return;
        }
        if urg_end.gt(seq) {
            if seq != self.rcv_nxt {
                // Out-of-order urgent data: drop it, the peer resends.
                self.ack_now = true;
                return;
            }
            let skip = (urg_end.since(seq) as usize).min(data.len());
            data = data.get(skip..).unwrap_or(&[]);
            seq = seq.add_len(skip);
            self.rcv_nxt = seq;
            // Buffered out-of-order data sits at offsets relative to the
            // old in-order point; forget it (it will be retransmitted).
            self.ooo.clear();
            self.last_ooo = None;
            if data.is_empty() {
                self.count_for_delayed_ack(now, skip);
                return;
            }
        }
        let free = self.rx_free();
        let offset = seq.since(self.rcv_nxt) as usize;
        if offset >= free {
            self.ack_now = true;
            return;
        }
        let fit = data.len().min(free - offset);
        let data = data.get(..fit).unwrap_or(&[]);

        if self.create_stream(now, true).is_err() {
            return;
        }
        let Some(rx) = self.rx.as_mut() else { return };
        if offset == 0 {
            let n = rx.write(data);
            let mut next = self.rcv_nxt.add_len(n);
            let filled_gap = !self.ooo.is_empty();
            while let Some(end) = self.ooo.pop_reached(next) {
                if end.gt(next) {
                    let moved = rx.advance_head(end.since(next) as usize);
                    next = next.add_len(moved);
                }
            }
            self.rcv_nxt = next;
            self.note_rx_stored();
            self.events |= TcbEvents::RECEIVE.0;
            if filled_gap {
                // RFC 5681 §4.2: ACK at once when a segment fills a gap.
                self.ack_now = true;
            } else {
                self.count_for_delayed_ack(now, n);
            }
        } else {
            let n = rx.write_at(offset, data);
            if n > 0 {
                let end = seq.add_len(n);
                if self.ooo.insert(seq, end) {
                    self.last_ooo = Some(seq);
                }
            }
            // Out of order: duplicate ACK at once (RFC 5681 §4.2).
            self.ack_now = true;
        }
    }

    /// Delayed ACK: at once for every second segment or 2 MSS of data,
    /// otherwise within `DELAYED_ACK_MS`.
    fn count_for_delayed_ack(&mut self, now: Instant, bytes: usize) {
        self.unacked_segs = self.unacked_segs.saturating_add(1);
        self.unacked_bytes = self
            .unacked_bytes
            .saturating_add(bytes.min(u32::MAX as usize) as u32);
        if self.unacked_segs >= 2 || self.unacked_bytes >= 2 * self.eff_mss() {
            self.ack_now = true;
        } else if self.timers[slot::ACK].is_off() {
            self.timers[slot::ACK] = Timer::at(self.after_ms(now, DELAYED_ACK_MS as u32));
        }
    }

    /// The peer's FIN at `fin_at`: accepted only when everything before it
    /// has arrived.
    pub(super) fn process_fin(&mut self, now: Instant, fin_at: Seq) {
        if self.peer_fin || fin_at != self.rcv_nxt {
            self.ack_now = true;
            return;
        }
        self.rcv_nxt = self.rcv_nxt.add(1);
        self.peer_fin = true;
        self.ack_now = true;
        self.events |= TcbEvents::RECEIVE.0;
        // In Established our FIN+ACK follows as soon as all our data is
        // acknowledged (output() checks), moving to LastAck.
        if self.state == TcpState::FinWait1 {
            if self.fin_acked {
                // Active close complete: the ACK goes out in output().
                self.set_state(now, TcpState::CloseWait);
            } else {
                // Simultaneous close (upstream uses eLAST_ACK).
                self.set_state(now, TcpState::LastAck);
            }
        }
    }
}
