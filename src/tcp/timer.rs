//! One engine timer: the instant it fires, or off.
//!
//! Off is its own state (`None`), not an instant "later than everything":
//! instants wrap (time.rs), so no such instant exists. "Earliest of" and
//! "due" use the wrapping order; an armed timer always lies within
//! `time::HORIZON` of the `now` it was set from, and the engine runs its
//! due timers at least every `IDLE_WAKEUP_MS`, so a due timer is seen
//! long before it could read as future again.

use crate::time::Instant;

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(super) struct Timer(Option<Instant>);

impl Timer {
    pub(super) const OFF: Timer = Timer(None);
    /// Every slot off (a constant: stored in place, not built on the stack
    /// and copied).
    pub(super) const ALL_OFF: [Timer; slot::COUNT] = [Timer::OFF; slot::COUNT];

    /// Fires at `t`.
    pub(super) const fn at(t: Instant) -> Timer {
        Timer(Some(t))
    }

    pub(super) fn is_off(self) -> bool {
        self.0.is_none()
    }

    pub(super) fn is_armed(self) -> bool {
        !self.is_off()
    }

    /// Armed and at or before `now`.
    pub(super) fn due(self, now: Instant) -> bool {
        self.0.is_some_and(|t| t.reached(now))
    }

    /// When it fires; None when off.
    pub(super) fn when(self) -> Option<Instant> {
        self.0
    }

    /// Armed and firing before `other` (which may be off).
    pub(super) fn is_before(self, other: Timer) -> bool {
        match (self.0, other.0) {
            (Some(a), Some(b)) => a.is_before(b),
            (Some(_), None) => true,
            _ => false,
        }
    }

    /// The earlier of two timers; off counts as later than any armed one.
    pub(super) fn min(self, other: Timer) -> Timer {
        if other.is_before(self) {
            other
        } else {
            self
        }
    }
}

/// Which slot of `Tcb::timers` is which timer. The idle re-arm comes last:
/// `next_timer` takes the ones before it.
pub(super) mod slot {
    /// Delayed ACK.
    pub const ACK: usize = 0;
    /// The retransmission timer; in ConnectSyn it schedules the SYNs (first
    /// one, repeats, giving up: `SYN_RETRY_DELAYS_MS`).
    pub const RTX: usize = 1;
    /// Zero-window probe / override timer (window.rs).
    pub const PERSIST: usize = 2;
    /// Tail loss probe (RFC 8985 §7): when it fires, one segment goes out
    /// so that a lost tail (or a lost last ACK) shows up as SACK or ACK
    /// information instead of waiting for the RTO.
    pub const TLP: usize = 3;
    /// Retry after the sink refused a segment.
    pub const RETRY: usize = 4;
    /// Loss detection by time: the reordering timer (recovery.rs).
    pub const REO: usize = 5;
    /// A reopened window announced again if no data follows (recovery.rs).
    pub const WND_REPEAT: usize = 6;
    /// A sub-MSS tail held while data is in flight, waiting for the
    /// application to write more (window.rs); when this fires, it goes.
    pub const PUSH: usize = 7;
    /// Upstream's idle re-arm (tcpMAXIMUM_TCP_WAKEUP_TIME_MS).
    pub const IDLE: usize = 8;
    pub const COUNT: usize = 9;
}
