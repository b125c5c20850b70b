//! Monotonic time in kernel ticks.
//!
//! The kernel's `TickType_t` is 32 bits on Cortex-M4 and wraps after 49 days
//! at 1 kHz; the core of the stack works with a 64-bit tick count that never
//! wraps (the `os` layer extends the kernel's counter). Everything below the
//! socket layer takes `now` as an argument and never reads a clock, so unit
//! tests drive it with a virtual clock.
#![forbid(unsafe_code)]

/// A point in time: ticks since the stack started.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Instant(pub u64);

/// A span of time in ticks.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Duration(pub u64);

impl Instant {
    pub const ZERO: Instant = Instant(0);

    /// Later than any tick the clock reaches (a 64-bit tick count does not
    /// wrap: 584 million years at 1 kHz): what a timer that is off holds,
    /// instead of an `Option` around an instant (the TCP engine's timers,
    /// the DHCP client's).
    pub const NEVER: Instant = Instant(u64::MAX);

    pub fn ticks(self) -> u64 {
        self.0
    }

    /// Time from `earlier` to `self`, zero if `earlier` is later. Out of
    /// line: seven inlined copies of the 64-bit saturating subtraction cost
    /// 56 B more (bench/README.md).
    #[inline(never)]
    pub fn since(self, earlier: Instant) -> Duration {
        Duration(self.0.saturating_sub(earlier.0))
    }

    /// Time from `self` until `later`, zero if `later` has passed.
    pub fn until(self, later: Instant) -> Duration {
        Duration(later.0.saturating_sub(self.0))
    }
}

impl core::ops::Add<Duration> for Instant {
    type Output = Instant;
    // Out of line: sixteen inlined copies of the 64-bit saturating addition
    // cost 264 B more (bench/README.md; it was the other way round before
    // `TickRate::ms` was inlined).
    #[inline(never)]
    fn add(self, d: Duration) -> Instant {
        Instant(self.0.saturating_add(d.0))
    }
}

impl Duration {
    pub const ZERO: Duration = Duration(0);

    pub fn ticks(self) -> u64 {
        self.0
    }
}

/// Converts milliseconds to ticks for one tick rate, rounding the way
/// upstream's `pdMS_TO_TICKS` does (down), but never to zero for a non-zero
/// time (upstream's `ipMS_TO_MIN_TICKS`).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct TickRate {
    hz: u32,
}

/// Highest tick rate: keeps `(ms % 1000) * hz` within 32 bits in
/// [`TickRate::ms`] and 60 s (the largest RTO) within the RTT estimator's
/// 32-bit range. FreeRTOS ports run at 1 kHz or so; build.rs refuses a
/// `configTICK_RATE_HZ` above this.
pub const MAX_TICK_RATE_HZ: u32 = 1_000_000;

impl TickRate {
    /// `hz` ticks per second, kept within 1..=[`MAX_TICK_RATE_HZ`].
    pub const fn new(hz: u32) -> TickRate {
        let hz = if hz == 0 { 1 } else if hz > MAX_TICK_RATE_HZ { MAX_TICK_RATE_HZ } else { hz };
        TickRate { hz }
    }

    /// `ms` milliseconds in ticks, at least one tick when `ms > 0`; times
    /// beyond `u32::MAX` ms (49 days) count as that.
    ///
    /// Computed as whole seconds times the rate plus the rest, so that only
    /// 32-bit divisions are needed: a 64-bit division pulls about 900 bytes
    /// of runtime code into a Cortex-M image.
    // In a firmware build the rate is a constant (below), so with a
    // constant `ms` an inlined call folds to a constant number of ticks
    // (`#[inline]` rather than `always`: 4 B smaller, bench/README.md).
    #[inline]
    pub const fn ms(self, ms: u64) -> Duration {
        // Every rate of a firmware build is the application's
        // `configTICK_RATE_HZ` (config::TICK_RATE is the only one made
        // outside tests); host tests and fuzz targets try others.
        let hz = if crate::config::RUNTIME_SETTINGS { self.hz } else { crate::config::TICK_RATE.hz };
        let ms = if ms > u32::MAX as u64 { u32::MAX } else { ms as u32 };
        let t = (ms / 1000) as u64 * hz as u64 + ((ms % 1000) * hz / 1000) as u64;
        Duration(if t == 0 && ms > 0 { 1 } else { t })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ms_round_to_at_least_one_tick() {
        let r = TickRate::new(1000);
        assert_eq!(r.ms(20_000), Duration(20_000));
        let slow = TickRate::new(100);
        assert_eq!(slow.ms(5), Duration(1));
        assert_eq!(slow.ms(0), Duration(0));
        assert_eq!(slow.ms(25), Duration(2));
        // The split into seconds and the rest rounds as one division would.
        for hz in [1, 7, 100, 1000, 1024, 32_768, 1_000_000, MAX_TICK_RATE_HZ] {
            let r = TickRate::new(hz);
            for ms in [1u64, 999, 1000, 1001, 59_999, 60_000, 123_456_789, u32::MAX as u64] {
                let want = (ms * hz as u64 / 1000).max(1);
                assert_eq!(r.ms(ms), Duration(want), "{ms} ms at {hz} Hz");
            }
        }
        assert_eq!(TickRate::new(u32::MAX).ms(1000), Duration(MAX_TICK_RATE_HZ as u64));
        assert_eq!(TickRate::new(1000).ms(u64::MAX), TickRate::new(1000).ms(u32::MAX as u64));
    }

    #[test]
    fn since_and_until_saturate() {
        assert_eq!(Instant(5).since(Instant(9)), Duration(0));
        assert_eq!(Instant(9).until(Instant(5)), Duration(0));
        assert_eq!(Instant(5) + Duration(3), Instant(8));
    }
}
