//! Loss detection by time (after RFC 8985, RACK, much simplified), for the
//! losses the duplicate-ACK threshold cannot see.
//!
//! With upstream's default streams at most four segments are in flight, so
//! a lost segment is often followed by fewer than three others: no third
//! duplicate ACK, no three SACKed segments (RFC 6675 `IsLost`), and before
//! this the connection waited for the 200 ms RTO, a hundred round trips on
//! a LAN. Two rules with one timer (`timer::slot::REO`):
//!
//! - **A hole**: outside recovery, once an ACK shows SACKed data above
//!   SND.UNA, the segment at SND.UNA was overtaken by later ones. If it is
//!   still missing a reordering window later (a quarter of the smoothed
//!   RTT, at least 2 ms), it is lost: fast retransmit and recovery begin as
//!   on the third duplicate ACK.
//! - **A lost retransmission**: in recovery, the segment retransmitted at
//!   SND.UNA should be acknowledged a round trip later. If by then SND.UNA
//!   has not moved although SACKs kept arriving (the path delivers), the
//!   retransmission is lost too and goes out again, instead of waiting for
//!   the RTO. When nothing at all comes back (a full four-segment window
//!   leaves no later data to be SACKed), it goes out again after a tail
//!   loss probe's time, at most twice per recovery; after that the RTO
//!   with its backoff decides.
//!
//!
//! The receiving side has its own blind spot: a window update. Once our
//! window closed (or shrank below a segment) the peer sends nothing until
//! an ACK opens it again; if that ACK is lost, the peer learns of the open
//! window only from its zero-window probe or its RTO, 200 ms or more with
//! Linux, so a 2 % drop on a link cost 88 % of the receive throughput
//! (tests/e2e/transfer16.sh). So an ACK that reopens the window is sent
//! again after `WINDOW_REPEAT_MS` (10, 20, 40 ms) until data arrives, at
//! most `WINDOW_REPEATS` times: a few pure ACKs at worst when the peer has
//! nothing more to send.
//!
//! Fixed state only (two timers, counters), no per-segment records.

use super::rtt::after_short;
use super::tcb::Tcb;
use super::timer::{slot, Timer};
use super::{SegmentSink, TcpState};
use crate::time::{Duration, Instant};

/// Floor of the reordering window: two ticks of upstream's usual 1 kHz
/// clock, so that a one-tick jitter is not taken for a loss.
const MIN_REORDER_MS: u64 = 2;
/// A reopened window is announced again this long after the ACK that
/// opened it, doubling, ...
const WINDOW_REPEAT_MS: u64 = 10;
/// ... at most this many times.
const WINDOW_REPEATS: u8 = 3;
/// Retransmissions at SND.UNA without any answer, per recovery episode,
/// before the RTO takes over.
const MAX_RECOVERY_PROBES: u8 = 2;

impl Tcb {
    /// The reordering window: SRTT / 4, at least `MIN_REORDER_MS`.
    fn reorder_window(&self) -> Duration {
        let floor = self.cfg.tick_rate.ms(MIN_REORDER_MS).0.max(1);
        Duration((self.rtt.srtt().0 / 4).max(floor))
    }

    /// Fast retransmit and fast recovery (RFC 5681 §3.2, RFC 6582, with
    /// RFC 6675's scoreboard doing the hole selection): halve, remember the
    /// recovery point, retransmit the segment at SND.UNA.
    pub(super) fn enter_recovery(&mut self) {
        let mss = self.eff_mss();
        let flight = self.snd_max.since(self.snd_una);
        self.ssthresh = (flight / 2).max(2 * mss);
        self.cwnd = self.ssthresh.saturating_add(3 * mss);
        self.recover = self.snd_max;
        self.in_recovery = true;
        self.timers[slot::TLP] = Timer::OFF;
        self.timers[slot::REO] = Timer::OFF;
        #[cfg(test)]
        {
            self.stats.fast_retransmits += 1;
        }
        self.high_rxt = self.snd_una;
        self.rexmit_una = true;
        self.rtt_probe = None;
        self.recovery_probes = 0;
    }

    /// After an ACK: arms (or clears) the hole rule's timer. `advanced`:
    /// the ACK moved SND.UNA, so a remaining hole is a new one and its
    /// window starts now.
    pub(super) fn after_ack_for_reorder(&mut self, now: Instant, advanced: bool, newly_sacked: bool) {
        if self.in_recovery {
            if newly_sacked {
                self.sacked_since_rexmit = true;
            }
            return;
        }
        let hole = self.sack_ok
            && self.snd_una.lt(self.snd_max)
            && self.sacked.first().is_some_and(|(s, _)| s.gt(self.snd_una));
        if !hole {
            self.timers[slot::REO] = Timer::OFF;
        } else if advanced || self.timers[slot::REO].is_off() {
            self.timers[slot::REO] = Timer::at(after_short(now, self.reorder_window().0));
        }
    }

    /// The segment at SND.UNA was just retransmitted during recovery: it
    /// should be acknowledged within a round trip and a reordering window.
    pub(super) fn after_una_retransmit(&mut self, now: Instant) {
        if self.in_recovery {
            self.sacked_since_rexmit = false;
            self.rexmit_waited = false;
            let wait = self.rtt.srtt().0.saturating_add(2 * self.reorder_window().0);
            self.timers[slot::REO] = Timer::at(after_short(now, wait));
        }
    }

    /// The timer fired (called from `poll()` in the sending states).
    pub(super) fn on_reorder_timer(&mut self, now: Instant) {
        self.timers[slot::REO] = Timer::OFF;
        if !matches!(self.state, TcpState::Established | TcpState::FinWait1 | TcpState::LastAck)
            || !self.snd_una.lt(self.snd_max)
        {
            return;
        }
        if self.in_recovery {
            if self.sacked_since_rexmit {
                // A lost retransmission (RFC 8985 §6.2 detects these the
                // same way: later data arrived, this did not).
                self.rexmit_una = true;
            } else if !self.rexmit_waited {
                // Nothing came back at all: with a full small window there
                // is no later data to tell. Wait as long as a tail loss
                // probe would...
                self.rexmit_waited = true;
                let rate = self.cfg.tick_rate;
                let pto = (self.rtt.srtt().0 * 2)
                    .max(rate.ms(10).0)
                    .saturating_add(rate.ms(super::output::TLP_DELAYED_ACK_MS).0);
                self.timers[slot::REO] = Timer::at(after_short(now, pto));
            } else if self.recovery_probes < MAX_RECOVERY_PROBES {
                // ... then send it again, as that probe would (at most
                // twice per recovery; beyond that the RTO with its backoff
                // decides).
                self.recovery_probes += 1;
                self.rexmit_una = true;
            }
        } else if self.sacked.first().is_some_and(|(s, _)| s.gt(self.snd_una)) && self.may_enter_recovery() {
            self.enter_recovery();
        }
    }

    /// An ACK just went out (`transmit`): `before` is what the peer could
    /// still send before it, `now_open` the window it announced. Arms the
    /// repeat when it reopened a window that had less than a segment left.
    pub(super) fn after_window_sent(&mut self, before: u32, now_open: u32) {
        let mss = self.eff_mss();
        let reopened = before < mss && now_open >= mss;
        // Before any data arrived the window cannot have closed: the first
        // ACK after the SYNs only looks like a reopening.
        let had_data = self.rcv_nxt != self.irs.add(1);
        if reopened
            && had_data
            && !self.peer_fin
            && matches!(self.state, TcpState::Established | TcpState::FinWait1)
        {
            self.wnd_repeats = 0;
            self.timers[slot::WND_REPEAT] = Timer::at(self.after_ms(self.last_now, WINDOW_REPEAT_MS as u32));
        }
    }

    /// No data since the window reopened: the ACK again (the peer may have
    /// lost it), with the window as it is now.
    pub(super) fn repeat_window_update(&mut self, now: Instant, sink: &mut dyn SegmentSink) {
        self.timers[slot::WND_REPEAT] = Timer::OFF;
        if self.peer_fin || (self.rcv_wnd() as usize) < self.eff_mss() as usize {
            return;
        }
        let repeats = self.wnd_repeats.saturating_add(1);
        // (transmit() may re-arm through after_window_sent only when the
        // window reopens again; the count is kept here.)
        let _ = self.send_pure_ack_now(sink);
        self.wnd_repeats = repeats;
        if repeats < WINDOW_REPEATS {
            self.timers[slot::WND_REPEAT] = Timer::at(self.after_ms(now, (WINDOW_REPEAT_MS as u32) << repeats));
        }
    }
}
