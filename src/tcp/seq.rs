//! Sequence numbers: 32-bit values compared modulo 2^32 (RFC 9293 §3.4).
//!
//! `a.lt(b)` means "a comes before b" when the two are less than 2^31 apart,
//! which TCP guarantees for every pair the engine compares (windows are far
//! below 2^31). All arithmetic wraps.

use core::fmt;

#[derive(Copy, Clone, PartialEq, Eq, Debug, Default, Hash)]
pub struct Seq(pub u32);

impl Seq {
    #[inline]
    pub const fn add(self, n: u32) -> Seq {
        Seq(self.0.wrapping_add(n))
    }

    /// Adds a length; lengths handled by TCP are far below 2^32, larger
    /// values are truncated (never a panic).
    #[inline]
    pub const fn add_len(self, n: usize) -> Seq {
        Seq(self.0.wrapping_add(n as u32))
    }

    #[inline]
    pub const fn sub(self, n: u32) -> Seq {
        Seq(self.0.wrapping_sub(n))
    }

    /// `self - other` as a signed distance.
    #[inline]
    pub const fn diff(self, other: Seq) -> i32 {
        self.0.wrapping_sub(other.0) as i32
    }

    /// `self - base` when `self` is at or after `base`, else 0.
    #[inline]
    pub const fn since(self, base: Seq) -> u32 {
        let d = self.diff(base);
        if d > 0 {
            d as u32
        } else {
            0
        }
    }

    #[inline]
    pub const fn lt(self, other: Seq) -> bool {
        self.diff(other) < 0
    }

    #[inline]
    pub const fn le(self, other: Seq) -> bool {
        self.diff(other) <= 0
    }

    #[inline]
    pub const fn gt(self, other: Seq) -> bool {
        self.diff(other) > 0
    }

    #[inline]
    pub const fn ge(self, other: Seq) -> bool {
        self.diff(other) >= 0
    }

    #[inline]
    pub const fn max(self, other: Seq) -> Seq {
        if self.ge(other) {
            self
        } else {
            other
        }
    }

    #[inline]
    pub const fn min(self, other: Seq) -> Seq {
        if self.le(other) {
            self
        } else {
            other
        }
    }

    /// `start <= self < end`.
    #[inline]
    pub const fn in_range(self, start: Seq, end: Seq) -> bool {
        self.ge(start) && self.lt(end)
    }
}

impl fmt::Display for Seq {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_comparisons() {
        let a = Seq(u32::MAX - 10);
        let b = a.add(20);
        assert_eq!(b, Seq(9));
        assert!(a.lt(b));
        assert!(b.gt(a));
        assert!(a.le(a) && a.ge(a));
        assert_eq!(b.diff(a), 20);
        assert_eq!(a.diff(b), -20);
        assert_eq!(b.since(a), 20);
        assert_eq!(a.since(b), 0);
        assert_eq!(a.max(b), b);
        assert_eq!(a.min(b), a);
        assert!(Seq(0).in_range(a, b));
        assert!(!b.in_range(a, b));
        assert_eq!(b.sub(20), a);
        assert_eq!(Seq(5).add_len(usize::MAX), Seq(4));
    }
}
