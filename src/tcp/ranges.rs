//! A small fixed-capacity set of disjoint sequence ranges `[start, end)`,
//! kept sorted. Used for out-of-order data held in the RX ring and for the
//! SACK scoreboard of the sender. No allocation; when full, new ranges that
//! do not touch an existing one are refused.

use super::seq::Seq;

pub const MAX_RANGES: usize = 8;

#[derive(Clone, Copy, Debug)]
pub struct RangeSet {
    ranges: [(Seq, Seq); MAX_RANGES],
    len: usize,
}

impl Default for RangeSet {
    fn default() -> Self {
        RangeSet { ranges: [(Seq(0), Seq(0)); MAX_RANGES], len: 0 }
    }
}

impl RangeSet {
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn clear(&mut self) {
        self.len = 0;
    }

    pub fn as_slice(&self) -> &[(Seq, Seq)] {
        self.ranges.get(..self.len).unwrap_or(&[])
    }

    pub fn first(&self) -> Option<(Seq, Seq)> {
        self.as_slice().first().copied()
    }

    pub fn last(&self) -> Option<(Seq, Seq)> {
        self.as_slice().last().copied()
    }

    fn remove_at(&mut self, i: usize) {
        if i >= self.len {
            return;
        }
        let mut j = i;
        while j + 1 < self.len {
            self.ranges[j] = self.ranges[j + 1];
            j += 1;
        }
        self.len -= 1;
    }

    /// Adds `[start, end)`, merging with overlapping or adjacent ranges.
    /// Returns false (and changes nothing) if it would need a new slot and
    /// the set is full. Empty or inverted ranges are ignored (true).
    pub fn insert(&mut self, start: Seq, end: Seq) -> bool {
        if !start.lt(end) {
            return true;
        }
        let (mut s, mut e) = (start, end);
        // First range whose end reaches `s` (candidates for merging).
        let mut i = 0;
        while i < self.len && self.ranges[i].1.lt(s) {
            i += 1;
        }
        // Merge every range that starts at or before `e`.
        let mut j = i;
        while j < self.len && self.ranges[j].0.le(e) {
            s = s.min(self.ranges[j].0);
            e = e.max(self.ranges[j].1);
            j += 1;
        }
        if j > i {
            self.ranges[i] = (s, e);
            let removed = j - i - 1;
            for _ in 0..removed {
                self.remove_at(i + 1);
            }
            return true;
        }
        if self.len == MAX_RANGES {
            return false;
        }
        let mut k = self.len;
        while k > i {
            self.ranges[k] = self.ranges[k - 1];
            k -= 1;
        }
        self.ranges[i] = (s, e);
        self.len += 1;
        true
    }

    /// Forgets everything before `seq` (trimming a range that straddles it).
    pub fn remove_below(&mut self, seq: Seq) {
        while let Some((s, e)) = self.first() {
            if e.le(seq) {
                self.remove_at(0);
            } else {
                if s.lt(seq) {
                    self.ranges[0].0 = seq;
                }
                break;
            }
        }
    }

    /// If the first range starts at or before `seq`, removes it and returns
    /// its end (the in-order point moves there).
    pub fn pop_reached(&mut self, seq: Seq) -> Option<Seq> {
        let (s, e) = self.first()?;
        if s.le(seq) {
            self.remove_at(0);
            Some(e)
        } else {
            None
        }
    }

    /// The range containing `seq`, if any.
    pub fn containing(&self, seq: Seq) -> Option<(Seq, Seq)> {
        self.as_slice().iter().copied().find(|&(s, e)| seq.in_range(s, e))
    }

    /// The first range starting after `seq`.
    pub fn next_after(&self, seq: Seq) -> Option<(Seq, Seq)> {
        self.as_slice().iter().copied().find(|&(s, _)| s.gt(seq))
    }

    /// Total bytes covered.
    pub fn total(&self) -> u32 {
        self.as_slice()
            .iter()
            .fold(0u32, |acc, &(s, e)| acc.saturating_add(e.since(s)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(set: &RangeSet) -> alloc::vec::Vec<(u32, u32)> {
        set.as_slice().iter().map(|&(s, e)| (s.0, e.0)).collect()
    }

    #[test]
    fn insert_merge() {
        let mut s = RangeSet::default();
        assert!(s.insert(Seq(10), Seq(20)));
        assert!(s.insert(Seq(30), Seq(40)));
        assert!(s.insert(Seq(0), Seq(5)));
        assert_eq!(r(&s), [(0, 5), (10, 20), (30, 40)]);
        assert!(s.insert(Seq(20), Seq(30)));
        assert_eq!(r(&s), [(0, 5), (10, 40)]);
        assert!(s.insert(Seq(3), Seq(12)));
        assert_eq!(r(&s), [(0, 40)]);
        assert!(s.insert(Seq(50), Seq(50)));
        assert_eq!(s.len(), 1);
        s.remove_below(Seq(7));
        assert_eq!(r(&s), [(7, 40)]);
        assert_eq!(s.pop_reached(Seq(6)), None);
        assert_eq!(s.pop_reached(Seq(7)), Some(Seq(40)));
        assert!(s.is_empty());
    }

    #[test]
    fn capacity_and_wrap() {
        let mut s = RangeSet::default();
        let base = Seq(u32::MAX - 50);
        for i in 0..MAX_RANGES as u32 {
            assert!(s.insert(base.add(i * 20), base.add(i * 20 + 10)));
        }
        assert!(!s.insert(base.add(500), base.add(510)));
        // Merging still works when full.
        assert!(s.insert(base.add(5), base.add(25)));
        assert_eq!(s.len(), MAX_RANGES - 1);
        assert_eq!(s.first(), Some((base, base.add(30))));
        assert_eq!(s.total(), 30 + 10 * (MAX_RANGES as u32 - 2));
        assert_eq!(s.containing(base.add(41)), Some((base.add(40), base.add(50))));
        assert_eq!(s.next_after(base.add(41)), Some((base.add(60), base.add(70))));
        s.remove_below(base.add(1000));
        assert!(s.is_empty());
    }
}
