//! One engine timer: the instant it fires, or off.
//!
//! An `Instant` with `u64::MAX` for "off" rather than an `Option<Instant>`:
//! half the size (the Tcb has seven of them), and "earliest of" and "due"
//! become plain comparisons. No clock reaches `u64::MAX` ticks (584 million
//! years at 1 kHz), so an armed timer never looks off and "off" is never due.

use crate::time::Instant;

#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Timer(Instant);

impl Timer {
    pub(super) const OFF: Timer = Timer(Instant(u64::MAX));

    /// Fires at `t`.
    pub(super) const fn at(t: Instant) -> Timer {
        Timer(t)
    }

    pub(super) fn is_off(self) -> bool {
        self == Timer::OFF
    }

    pub(super) fn is_armed(self) -> bool {
        !self.is_off()
    }

    /// Armed and at or before `now`.
    pub(super) fn due(self, now: Instant) -> bool {
        self.0 <= now
    }

    /// When it fires; None when off.
    pub(super) fn when(self) -> Option<Instant> {
        self.is_armed().then_some(self.0)
    }
}
