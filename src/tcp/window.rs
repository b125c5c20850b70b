//! The receive window we offer and the decision whether new data is worth a
//! segment now: silly-window-syndrome avoidance on both sides (RFC 1122
//! §4.2.3.3 and §4.2.3.4, RFC 9293 §3.8.6.2), and the socket options that
//! shape both (`FREERTOS_SO_WIN_PROPERTIES`, `FREERTOS_SO_SET_FULL_SIZE`,
//! `FREERTOS_SO_STOP_RX`, `FREERTOS_SO_SET_LOW_HIGH_WATER`).
//!
//! **Receive window.** By default the window follows the free RX stream
//! space (upstream offers at most `rx_win_segments` MSS, 2 by default, even
//! with a larger stream: a documented deviation that costs no memory and
//! lets a stream of N segments keep N in flight). It is offered in whole
//! segments: a stream holds `4 MSS + 7` bytes (upstream's rounding, see
//! `stream`), and a window ending 7 bytes past the last full segment makes
//! a Linux sender fill it with a 7-byte segment after every four full ones.
//! The right edge moves only in steps of at least min(MSS, RX capacity / 2)
//! (RFC 1122 §4.2.3.3) and never back (RFC 1122 §4.2.2.16): while STOP_RX or
//! the low-water mark hold the window, the peer may still send what it was
//! offered before (it fits: the offer never exceeded the free space), then
//! sees a zero window. Upstream instead advertises 0 at once, shrinking the
//! window.
//!
//! **Sending.** A segment smaller than the MSS goes out only when it carries
//! the last queued bytes and the application is not waiting for TX space,
//! and either nothing is unacknowledged (Nagle) or the push timer ran out
//! (`PUSH_DELAY_MS` without a new `send()`: the FreeRTOS API has no PUSH,
//! this stands for it, and keeps a request/response exchange from waiting
//! for a delayed ACK); when it is at least half the largest window the
//! peer offered; or when it carries our FIN. Otherwise it waits; when
//! nothing is in flight, the persist timer is the override timer of
//! RFC 1122 §4.2.3.4 (output.rs).

use super::tcb::Tcb;
use super::timer::{slot, Timer};
use super::TcpState;
use crate::time::Instant;

/// How long a sub-MSS tail waits, with data in flight, for the application
/// to write more before it goes anyway: long enough for a task that writes
/// in a loop to come back (the IP task usually runs between two of its
/// `send()` calls), short against any round trip worth the name.
pub const PUSH_DELAY_MS: u64 = 2;

impl Tcb {
    /// What the right edge may move to now, in bytes after RCV.NXT, before
    /// the step rule: the free RX space in whole segments, capped by the
    /// application's window size, nothing while reception is stopped.
    fn window_target(&self) -> usize {
        if self.rx_stopped || self.low_water {
            return 0;
        }
        let mss = self.eff_mss().max(1) as usize;
        let mut free = self.rx_free();
        if self.cfg.win_props_set {
            // Upstream: a window of 0 segments still offers one.
            let segs = self.cfg.rx_win_segments.max(1) as usize;
            free = free.min(segs.saturating_mul(mss));
        }
        if free >= mss {
            free - free % mss
        } else if free >= self.rx_capacity() / 2 {
            // A stream smaller than two segments: half of it will do.
            free
        } else {
            0
        }
    }

    /// Bytes beyond RCV.NXT that the last segment we sent allowed.
    pub(super) fn promised_window(&self) -> u32 {
        if self.adv_edge.gt(self.rcv_nxt) {
            self.adv_edge.since(self.rcv_nxt)
        } else {
            0
        }
    }

    /// The receive window to advertise now (RFC 1122 §4.2.3.3): the right
    /// edge moves on only by at least min(MSS, RX capacity / 2) and never
    /// moves back.
    pub(super) fn rcv_wnd(&self) -> u32 {
        let promised = self.promised_window();
        let target = self.window_target().min(u32::MAX as usize / 2) as u32;
        let step = (self.eff_mss() as usize).min(self.rx_capacity() / 2).max(1) as u32;
        if target >= promised.saturating_add(step) {
            target
        } else {
            promised
        }
    }

    /// After the application freed RX space or changed a window option: a
    /// window update is due when the window offered would grow by at least
    /// min(2 MSS, capacity / 2), or when the window the peer knows is below
    /// one segment and may now grow (RFC 9293 §3.8.6.2.2).
    pub(super) fn check_window_update(&mut self) {
        self.leave_low_water();
        if !matches!(
            self.state,
            TcpState::Established | TcpState::FinWait1 | TcpState::FinWait2
        ) || self.peer_fin
        {
            return;
        }
        let known = self.promised_window() as usize;
        let offered = self.rcv_wnd() as usize;
        let mss = self.eff_mss() as usize;
        let half = (self.rx_capacity() / 2).max(1);
        let grew = offered.saturating_sub(known);
        if grew >= (2 * mss).min(half) || (known < mss.min(half) && grew > 0) {
            self.win_update = true;
            self.poll_asap = true;
        }
    }

    /// Data was stored: the low-water mark may have been reached.
    pub(super) fn note_rx_stored(&mut self) {
        let (low, high) = (self.cfg.low_water as usize, self.cfg.high_water as usize);
        if high > 0 && !self.low_water && self.rx_free() <= low {
            self.low_water = true;
        }
    }

    /// The application read: the high-water mark may have been reached.
    fn leave_low_water(&mut self) {
        if self.low_water && self.rx_free() >= self.cfg.high_water as usize {
            self.low_water = false;
        }
    }

    /// `FREERTOS_SO_STOP_RX`: while on, no new receive window is offered.
    pub fn set_rx_stopped(&mut self, on: bool) {
        self.rx_stopped = on;
        self.check_window_update();
    }

    /// `FREERTOS_SO_SET_FULL_SIZE`: while on, data goes out in full-sized
    /// segments only (a FIN still takes the rest along).
    pub fn set_full_size(&mut self, on: bool) {
        self.full_size = on;
        self.poll_asap = true;
    }

    /// `FREERTOS_SO_SET_LOW_HIGH_WATER`, in bytes of free RX space; the
    /// caller has checked `low < high`.
    pub fn set_low_high_water(&mut self, low: u32, high: u32) {
        self.cfg.low_water = low;
        self.cfg.high_water = high;
        self.low_water = false;
        self.note_rx_stored();
    }

    /// The most the application allows in flight (`FREERTOS_SO_WIN_PROPERTIES`).
    pub(super) fn tx_window_cap(&self) -> u32 {
        if self.cfg.win_props_set {
            let segs = self.cfg.tx_win_segments.max(1);
            segs.saturating_mul(self.eff_mss())
        } else {
            u32::MAX
        }
    }

    /// Sender silly-window avoidance (RFC 1122 §4.2.3.4): whether `len`
    /// new bytes (of `avail` queued, `in_flight` unacknowledged) are worth
    /// a segment now.
    pub(super) fn worth_sending(&self, len: u32, avail: u32, in_flight: u32, fin: bool) -> bool {
        let mss = self.eff_mss();
        if len >= mss || (fin && len == avail) {
            return true;
        }
        if self.full_size {
            return false;
        }
        // The last queued bytes: while the application waits for TX space
        // more data follows as soon as ACKs free some, and the tail will be
        // part of a full segment. Otherwise they go when nothing is in
        // flight (Nagle), or once the push timer says the application has
        // stopped writing for now (the API has no PUSH).
        if len == avail && !self.tx_blocked && (in_flight == 0 || self.push_due) {
            return true;
        }
        self.max_snd_wnd > 0 && len.saturating_mul(2) >= self.max_snd_wnd
    }

    /// A sub-MSS tail was held back with data in flight: unless the writer
    /// waits for space (then ACKs bring more data), the push timer sends
    /// it after `PUSH_DELAY_MS` should the application write nothing more.
    pub(super) fn hold_tail(&mut self, now: Instant, len: u32, avail: u32, in_flight: u32) {
        if len == avail && in_flight > 0 && !self.tx_blocked && !self.full_size && self.timers[slot::PUSH].is_off() {
            self.timers[slot::PUSH] = Timer::at(self.after_ms(now, PUSH_DELAY_MS as u32));
        }
    }

    /// Nothing is in flight and data is queued, but what may go is not
    /// worth a segment: the window lets only part of the next segment go,
    /// or the application is still writing (the override timer ends the
    /// wait should it not). A tail held by `FREERTOS_SO_SET_FULL_SIZE`
    /// waits for more data without limit, as upstream.
    pub(super) fn held_by_small_window(&self) -> bool {
        if self.snd_una != self.snd_max || self.snd_nxt != self.snd_max {
            return false;
        }
        let mss = self.eff_mss();
        let avail = self.data_end().since(self.snd_nxt);
        let wnd = self.snd_wnd.min(self.cwnd).min(self.tx_window_cap());
        let len = avail.min(mss).min(wnd);
        len > 0 && !self.worth_sending(len, avail, 0, false) && (len < avail.min(mss) || !self.full_size)
    }
}
