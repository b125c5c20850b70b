//! Retransmission timeout (RFC 6298), in ticks.
//!
//! - Before the first sample RTO is 1 s (RFC 6298 §2.1).
//! - First sample R: SRTT = R, RTTVAR = R/2; later RTTVAR = 3/4 RTTVAR +
//!   1/4 |SRTT - R|, SRTT = 7/8 SRTT + 1/8 R; RTO = SRTT + max(G, 4 RTTVAR)
//!   with G = one tick. SRTT and RTTVAR are kept multiplied by 8 for precision.
//! - Floor: max(200 ms, `srtt_min_ms`). Upstream floors its smoothed RTT at
//!   `ipconfigTCP_SRTT_MINIMUM_VALUE_MS` (50 ms) and retransmits after
//!   SRTT << count; a 50 ms RTO would fire before the ACK of a peer that
//!   delays ACKs (Linux up to 40 ms, others 200 ms), so we keep the common
//!   200 ms minimum and let a larger configured value raise it.
//! - Ceiling 60 s (RFC 6298 §2.5 allows a maximum of at least 60 s); the
//!   exponential backoff stops there.
//! - Karn's rule is the caller's: sample only segments never retransmitted.

use crate::time::{Duration, Instant, TickRate};

pub const INITIAL_RTO_MS: u64 = 1000;
pub const MIN_RTO_MS: u64 = 200;
pub const MAX_RTO_MS: u64 = 60_000;

/// Largest time the estimator handles, in ticks: 60 s below a 1 MHz tick
/// rate (far above any FreeRTOS configuration). Keeps every value and the
/// sums in `sample` within 32 bits (SRTT and RTTVAR are stored times 8 and
/// multiplied by up to 7 once more).
const MAX_TICKS: u32 = u32::MAX / 64;
// The largest RTO at the highest tick rate build.rs accepts must fit.
const _: () = assert!(MAX_RTO_MS * crate::time::MAX_TICK_RATE_HZ as u64 / 1000 <= MAX_TICKS as u64);

/// `d` in ticks, capped at [`MAX_TICKS`].
/// `now + d` for the engine's RTT-derived waits (the RTO and its backoff,
/// probe and reordering times: a few SRTTs at most, and every SRTT and RTO
/// is capped at `MAX_TICKS`), all far below `time::HORIZON`, so the clamp
/// of `Instant + Duration` (an out-of-line call) never applies: a plain
/// wrapping add gives the same instant.
pub(super) fn after_short(now: Instant, d: u32) -> Instant {
    debug_assert!(d < crate::time::HORIZON.0);
    Instant(now.0.wrapping_add(d))
}
const _: () = assert!(4 * (MAX_TICKS as u64) < crate::time::HORIZON.0 as u64);

fn ticks(d: Duration) -> u32 {
    d.0.min(MAX_TICKS)
}

#[derive(Clone, Copy, Debug)]
pub struct RttEstimator {
    srtt8: u32,
    rttvar8: u32,
    has_sample: bool,
    rto: u32,
    min_rto: u32,
    max_rto: u32,
}

impl RttEstimator {
    pub fn new(rate: TickRate, srtt_min_ms: u32) -> RttEstimator {
        // A firmware build has one value, `ipconfigTCP_SRTT_MINIMUM_VALUE_MS`
        // (nothing changes it per socket): as a constant the bounds below
        // fold to constants (see `TickRate::ms`); tests try others.
        let srtt_min_ms = if crate::config::RUNTIME_SETTINGS {
            srtt_min_ms
        } else {
            crate::config::TCP_SRTT_MINIMUM_VALUE_MS
        };
        let min_rto = ticks(rate.ms(MIN_RTO_MS.max(srtt_min_ms as u64)));
        let max_rto = ticks(rate.ms(MAX_RTO_MS)).max(min_rto);
        RttEstimator {
            srtt8: 0,
            rttvar8: 0,
            has_sample: false,
            // Not `clamp`: that asserts min <= max, which holds here but
            // would keep a panic path.
            rto: ticks(rate.ms(INITIAL_RTO_MS)).max(min_rto).min(max_rto),
            min_rto,
            max_rto,
        }
    }

    /// Feeds one round-trip measurement (ticks).
    pub fn sample(&mut self, rtt: Duration) {
        let r8 = ticks(rtt).min(self.max_rto) * 8;
        if !self.has_sample {
            self.srtt8 = r8;
            self.rttvar8 = r8 / 2;
            self.has_sample = true;
        } else {
            let delta = self.srtt8.abs_diff(r8);
            self.rttvar8 = (self.rttvar8 * 3 + delta) / 4;
            self.srtt8 = (self.srtt8 * 7 + r8) / 8;
        }
        let var = (self.rttvar8 * 4).div_ceil(8).max(1);
        let rto = self.srtt8.div_ceil(8) + var;
        self.rto = rto.max(self.min_rto).min(self.max_rto);
    }

    /// The current RTO without backoff.
    pub fn rto(&self) -> Duration {
        Duration(self.rto)
    }

    /// RTO doubled `backoff` times, capped at the maximum.
    pub fn rto_backoff(&self, backoff: u8) -> Duration {
        let shifted = if backoff >= 32 {
            u32::MAX
        } else {
            self.rto.saturating_mul(1u32 << backoff)
        };
        Duration(shifted.min(self.max_rto))
    }

    /// When a timer started at `now` with `backoff` expires. (Left to the
    /// compiler: its callers, `restart_rto` and `persist_expiry`, are out of
    /// line; forced out of line too it was 20 B larger.)
    pub fn expiry(&self, now: Instant, backoff: u8) -> Instant {
        after_short(now, self.rto_backoff(backoff).0)
    }

    /// Smoothed RTT in ticks (0 before the first sample).
    pub fn srtt(&self) -> Duration {
        Duration(self.srtt8 / 8)
    }

    pub fn has_sample(&self) -> bool {
        self.has_sample
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6298_rules() {
        let rate = TickRate::new(1000);
        let mut e = RttEstimator::new(rate, 50);
        assert_eq!(e.rto(), Duration(1000));
        e.sample(Duration(100));
        // 100 + 4 * 50 = 300
        assert_eq!(e.rto(), Duration(300));
        for _ in 0..50 {
            e.sample(Duration(1));
        }
        assert_eq!(e.rto(), Duration(200)); // floor
        assert_eq!(e.rto_backoff(3), Duration(1600));
        assert_eq!(e.rto_backoff(40), Duration(60_000));
        e.sample(Duration(u32::MAX));
        assert!(e.rto() <= Duration(60_000));
        let slow = RttEstimator::new(rate, 500);
        assert_eq!(slow.rto(), Duration(1000));
        let mut slow = slow;
        slow.sample(Duration(1));
        assert_eq!(slow.rto(), Duration(500));
    }

    #[test]
    fn the_limits_hold_at_the_highest_tick_rate() {
        let rate = TickRate::new(crate::time::MAX_TICK_RATE_HZ);
        let mut e = RttEstimator::new(rate, 0);
        assert_eq!(e.rto(), rate.ms(INITIAL_RTO_MS));
        assert_eq!(e.rto_backoff(40), rate.ms(MAX_RTO_MS));
        e.sample(rate.ms(30_000));
        assert_eq!(e.rto(), rate.ms(MAX_RTO_MS)); // 30 s + 4 x 15 s, capped
        for _ in 0..100 {
            e.sample(Duration(1));
        }
        assert_eq!(e.rto(), rate.ms(MIN_RTO_MS));
    }
}
