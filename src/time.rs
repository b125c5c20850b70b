//! Monotonic time in kernel ticks: a 32-bit count that wraps.
//!
//! [`Instant`] is the kernel's `TickType_t` tick count as it is (32 bits on
//! Cortex-M4; a wider port's count is truncated, a 16-bit port's widened
//! by [`NarrowClock`]), so it wraps: after 49.7
//! days at 1 kHz, 71.6 minutes at the 1 MHz [`MAX_TICK_RATE_HZ`]. Instants
//! are therefore ordered by their wrapping difference, never by value: `a`
//! is before `b` when `b - a` (wrapping) read as an `i32` is positive
//! ([`Instant::is_before`], [`Instant::reached`]). `Instant` has no `Ord` on
//! purpose, so that no code compares two instants as plain numbers.
//!
//! That order is right only for instants less than 2^31 ticks apart
//! (24.8 days at 1 kHz, 35.8 minutes at 1 MHz). The stack keeps to it in
//! two ways:
//! - every deadline lies within [`HORIZON`] = 2^30 ticks of now (12.4 days
//!   at 1 kHz, 17.9 minutes at 1 MHz): `Instant + Duration` clamps the
//!   span to it. The other half of the range is the margin in which a
//!   deadline that has passed still reads as passed until it is looked at
//!   (the IP task looks at least every 10 s). Longer waits are either
//!   stepped (the DHCP client's T1, T2 and lease end: it wakes at the
//!   clamp, sees that the real time is not there yet and waits on) or
//!   clamped (DNS TTLs and the configurable times: close-wait reaper,
//!   keep-alive, hang protection), each said where it is done;
//! - no stored past instant is read more than 2^31 ticks after it: the IP
//!   task's cycle, at least every 10 s (`Stack::poll`, then the DNS cache's
//!   `expire`), expires what would age that long (ARP entries, TIME-WAIT
//!   records, DNS rows) or stops its age at `HORIZON` (a connection's
//!   `hang_since`, the extensions' stamps); where an item is handled
//!   otherwise, its comment says how. Blocking calls measure their own
//!   block time from their start with the plain wrapping difference
//!   ([`Instant::elapsed_from`]).
//!
//! A timer that is off is an explicit state (`Option`), never an instant
//! "later than everything": no such instant exists.
//!
//! Everything below the socket layer takes `now` as an argument and never
//! reads a clock, so unit tests drive it with a virtual clock (which may
//! start anywhere, e.g. just below the wrap).
#![forbid(unsafe_code)]

/// A point in time: the kernel's tick count (wraps; see the module doc).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Default, Hash)]
pub struct Instant(pub u32);

/// A span of time in ticks.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Duration(pub u32);

/// The longest wait, 2^30 ticks: no deadline lies further from now, and
/// no stored age grows beyond it (module doc). Half of the 2^31 - 1 ticks
/// the wrapping order is right for: the rest is the margin for looking at
/// a deadline late.
pub const HORIZON: Duration = Duration(1 << 30);

impl Instant {
    pub const ZERO: Instant = Instant(0);

    pub fn ticks(self) -> u32 {
        self.0
    }

    /// `self` comes strictly before `other` (wrapping order).
    pub fn is_before(self, other: Instant) -> bool {
        (other.0.wrapping_sub(self.0) as i32) > 0
    }

    /// A deadline `self` is reached at `now` (now is at or after it).
    pub fn reached(self, now: Instant) -> bool {
        !now.is_before(self)
    }

    /// The earlier of the two (wrapping order).
    pub fn earliest(self, other: Instant) -> Instant {
        if other.is_before(self) {
            other
        } else {
            self
        }
    }

    /// Time from `earlier` to `self`, zero if `earlier` is later. Inlined:
    /// 64 B smaller than out of line (it was out of line for the 64-bit
    /// count).
    #[inline]
    pub fn since(self, earlier: Instant) -> Duration {
        let d = self.0.wrapping_sub(earlier.0);
        Duration(if (d as i32) < 0 { 0 } else { d })
    }

    /// Time from `self` until `later`, zero if `later` has passed.
    pub fn until(self, later: Instant) -> Duration {
        later.since(self)
    }

    /// Ticks from `start`, which the caller knows is in the past (a
    /// blocking call's start): the plain wrapping difference, right for up
    /// to 2^32 - 1 ticks, the longest block time a 32-bit `TickType_t`
    /// can ask for.
    pub fn elapsed_from(self, start: Instant) -> Duration {
        Duration(self.0.wrapping_sub(start.0))
    }
}

impl core::ops::Add<Duration> for Instant {
    type Output = Instant;
    /// `self + d`, with `d` clamped to [`HORIZON`] so that the result
    /// still compares as later than `self`.
    // Out of line: it has many callers (inlined: within 10 B, noise).
    #[inline(never)]
    fn add(self, d: Duration) -> Instant {
        Instant(self.0.wrapping_add(d.0.min(HORIZON.0)))
    }
}

impl Duration {
    pub const ZERO: Duration = Duration(0);

    pub fn ticks(self) -> u32 {
        self.0
    }
}

/// The tick count of a port whose `TickType_t` is narrower than 32 bits
/// (16-bit ticks wrap after 65.5 s at 1 kHz), widened to the stack's 32
/// bits: each reading is placed after the one before, so it must be read
/// at least once per wrap of the narrow count.
#[derive(Debug, Default)]
pub struct NarrowClock {
    /// The last widened reading.
    last: u32,
}

impl NarrowClock {
    pub const fn new() -> NarrowClock {
        NarrowClock { last: 0 }
    }

    /// The narrow count `raw` (`bits` < 32 bits wide) as a 32-bit instant.
    pub fn widen(&mut self, raw: u32, bits: u32) -> Instant {
        let mask = (1u32 << bits.min(31)) - 1;
        let low = raw & mask;
        let mut wide = (self.last & !mask) | low;
        if low < self.last & mask {
            // The narrow count wrapped since the last reading.
            wide = wide.wrapping_add(mask + 1);
        }
        self.last = wide;
        Instant(wide)
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
    /// beyond `u32::MAX` ms (49 days) count as that, and a result beyond
    /// `u32::MAX` ticks as that (`Instant + Duration` then clamps to
    /// [`HORIZON`]).
    ///
    /// Computed as whole seconds times the rate plus the rest, so that only
    /// 32-bit divisions are needed: a 64-bit division pulls about 900 bytes
    /// of runtime code into a Cortex-M image.
    // In a firmware build the rate is a constant (below), so with a
    // constant `ms` an inlined call folds to a constant number of ticks
    // (`#[inline]` rather than `always`: 4 B smaller, bench/README.md).
    #[inline]
    pub const fn ms(self, ms: u64) -> Duration {
        let hz = self.rate();
        let ms = if ms > u32::MAX as u64 { u32::MAX } else { ms as u32 };
        if hz % 1000 == 0 {
            // Whole ticks per millisecond (1 kHz, the usual rate: none at
            // all): the same value as below without its division, which a
            // firmware build's constant rate then leaves out.
            return Duration(ms.saturating_mul(hz / 1000));
        }
        let t = (ms / 1000).saturating_mul(hz).saturating_add((ms % 1000) * hz / 1000);
        Duration(if t == 0 && ms > 0 { 1 } else { t })
    }

    /// As [`TickRate::ms`] without the limit to 32 bits of ticks: for the
    /// DHCP lease, which may last longer than one timer reaches (its
    /// client counts it down in steps).
    pub const fn ms_wide(self, ms: u64) -> u64 {
        let hz = self.rate() as u64;
        let ms = if ms > u32::MAX as u64 { u32::MAX } else { ms as u32 };
        if hz % 1000 == 0 {
            return ms as u64 * (hz / 1000); // as in `ms`
        }
        let t = (ms / 1000) as u64 * hz + ((ms % 1000) as u64 * hz / 1000);
        if t == 0 && ms > 0 {
            1
        } else {
            t
        }
    }

    const fn rate(self) -> u32 {
        // Every rate of a firmware build is the application's
        // `configTICK_RATE_HZ` (config::TICK_RATE is the only one made
        // outside tests); host tests and fuzz targets try others.
        if crate::config::RUNTIME_SETTINGS {
            self.hz
        } else {
            crate::config::TICK_RATE.hz
        }
    }
}

/// Where the unit tests' virtual clocks start, relative to their usual
/// start: `FPTCP_TEST_CLOCK_OFFSET` (e.g. 4294960000, a few seconds before
/// the wrap) runs the TCP and stack tests across the wrap point.
#[cfg(any(test, feature = "fuzzing"))]
pub fn test_clock_offset() -> u32 {
    std::env::var("FPTCP_TEST_CLOCK_OFFSET").ok().and_then(|v| v.parse().ok()).unwrap_or(0)
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
                let want = (ms * hz as u64 / 1000).clamp(1, u32::MAX as u64) as u32;
                assert_eq!(r.ms(ms), Duration(want), "{ms} ms at {hz} Hz");
            }
        }
        assert_eq!(TickRate::new(u32::MAX).ms(1000), Duration(MAX_TICK_RATE_HZ));
        assert_eq!(TickRate::new(1000).ms(u64::MAX), TickRate::new(1000).ms(u32::MAX as u64));
    }

    #[test]
    fn a_16_bit_count_is_widened_across_its_wraps_and_the_32_bit_one() {
        let mut c = NarrowClock::new();
        assert_eq!(c.widen(5, 16), Instant(5));
        assert_eq!(c.widen(65_535, 16), Instant(65_535));
        // The narrow count wrapped: the widened one goes on.
        assert_eq!(c.widen(3, 16), Instant(65_539));
        assert_eq!(c.widen(3, 16), Instant(65_539), "the same tick again");
        assert_eq!(c.widen(40_000, 16), Instant(105_536));
        // Readings 65,534 ticks apart (the IP task's longest sleep there),
        // from just below the 32-bit wrap.
        let mut c = NarrowClock { last: 0xfffe_8000 };
        let mut expect = 0xfffe_8000u32;
        let mut wrapped = false;
        for _ in 0..8 {
            let next = expect.wrapping_add(65_534);
            wrapped |= next < expect;
            expect = next;
            assert_eq!(c.widen(expect & 0xffff, 16), Instant(expect));
        }
        assert!(wrapped, "the widened count wrapped at 2^32 too");
        // A wider port's bits pass through unchanged below 2^31.
        let mut w = NarrowClock::new();
        assert_eq!(w.widen(0x7fff_fff0, 31), Instant(0x7fff_fff0));
        assert_eq!(w.widen(0x10, 31), Instant(0x8000_0010));
    }

    #[test]
    fn since_and_until_saturate() {
        assert_eq!(Instant(5).since(Instant(9)), Duration(0));
        assert_eq!(Instant(9).until(Instant(5)), Duration(0));
        assert_eq!(Instant(5) + Duration(3), Instant(8));
    }

    /// The order holds across the wrap point: what matters is the
    /// wrapping difference, not the values.
    #[test]
    fn order_across_the_wrap() {
        let before = Instant(u32::MAX - 2);
        let after = before + Duration(5);
        assert_eq!(after, Instant(2));
        assert!(before.is_before(after));
        assert!(!after.is_before(before));
        assert!(!after.is_before(after));
        assert!(after.reached(after));
        assert!(after.reached(Instant(3)));
        assert!(!after.reached(Instant(u32::MAX)));
        assert_eq!(after.since(before), Duration(5));
        assert_eq!(before.until(after), Duration(5));
        assert_eq!(before.since(after), Duration(0), "saturates across the wrap too");
        assert_eq!(after.earliest(before), before);
        assert_eq!(before.earliest(after), before);
        // A blocking call's elapsed time is the plain difference.
        assert_eq!(Instant(1).elapsed_from(Instant(u32::MAX)), Duration(2));
        assert_eq!(Instant(0).elapsed_from(Instant(1)), Duration(u32::MAX));
    }

    /// A deadline never lies beyond the horizon, so it always compares as
    /// later than the instant it was set from, whatever the wait.
    #[test]
    fn deadlines_clamp_to_the_horizon() {
        for start in [0, 1, i32::MAX as u32, u32::MAX - 1, u32::MAX] {
            let now = Instant(start);
            for d in [1, HORIZON.0 - 1, HORIZON.0, HORIZON.0 + 1, u32::MAX] {
                let at = now + Duration(d);
                assert!(now.is_before(at), "{start} + {d}");
                assert_eq!(now.until(at), Duration(d.min(HORIZON.0)));
                assert!(!at.reached(now));
            }
        }
        // Half-way round is the edge: beyond it, an instant reads as past.
        let now = Instant(7);
        assert!(now.is_before(Instant(7u32.wrapping_add(i32::MAX as u32))));
        assert!(Instant(7u32.wrapping_add(i32::MAX as u32 + 2)).is_before(now));
        // A deadline at the horizon, looked at a whole horizon late, still
        // reads as passed.
        let at = now + Duration(u32::MAX);
        assert!(at.reached(at + HORIZON + Duration(0)));
        assert!(at.reached(Instant(at.0.wrapping_add(HORIZON.0 * 2 - 1))));
    }
}
