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
        RangeSet::EMPTY
    }
}

impl RangeSet {
    /// A constant rather than a call: `Tcb::new` then stores zeros in
    /// place instead of copying two sets built on the stack.
    pub const EMPTY: RangeSet = RangeSet { ranges: [(Seq(0), Seq(0)); MAX_RANGES], len: 0 };

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
        // `len` never exceeds the capacity; the `min` lets the compiler see
        // that (one compare instead of a bounds check and an empty slice).
        self.ranges.get(..self.len.min(MAX_RANGES)).unwrap_or(&[])
    }

    pub fn first(&self) -> Option<(Seq, Seq)> {
        self.as_slice().first().copied()
    }

    /// Where the last range ends (all callers want only that: in
    /// registers, where a range would come back through memory).
    pub fn last_end(&self) -> Option<Seq> {
        self.as_slice().last().map(|&(_, e)| e)
    }

    /// Appends `range` after the last one; dropped if the set is full
    /// (callers check the room first).
    fn push(&mut self, range: (Seq, Seq)) {
        if let Some(slot) = self.ranges.get_mut(self.len) {
            *slot = range;
            self.len += 1;
        }
    }

    /// Keeps the first `keep` ranges, then adds `middle` (if any) and the
    /// ranges from index `resume` on; the ones in between are dropped.
    fn splice(&mut self, keep: usize, middle: Option<(Seq, Seq)>, resume: usize) {
        let old = *self;
        self.len = keep.min(old.len);
        if let Some(range) = middle {
            self.push(range);
        }
        for &range in old.as_slice().get(resume..).unwrap_or(&[]) {
            self.push(range);
        }
    }

    /// Adds `[start, end)`, merging with overlapping or adjacent ranges.
    /// Returns false (and changes nothing) if it would need a new slot and
    /// the set is full. Empty or inverted ranges are ignored (true).
    pub fn insert(&mut self, start: Seq, end: Seq) -> bool {
        if !start.lt(end) {
            return true;
        }
        let live = self.as_slice();
        // Ranges ending before `start` stay as they are.
        let first_reaching = live.iter().position(|&(_, e)| !e.lt(start)).unwrap_or(live.len());
        // Merge every following range that starts at or before the new end.
        let (mut s, mut e) = (start, end);
        let mut merged = 0;
        for &(rs, re) in live.get(first_reaching..).unwrap_or(&[]) {
            if !rs.le(e) {
                break;
            }
            s = s.min(rs);
            e = e.max(re);
            merged += 1;
        }
        if merged == 0 && self.len >= MAX_RANGES {
            return false;
        }
        self.splice(first_reaching, Some((s, e)), first_reaching + merged);
        true
    }

    /// Forgets everything before `seq` (trimming a range that straddles it).
    pub fn remove_below(&mut self, seq: Seq) {
        let passed = self.as_slice().iter().take_while(|&&(_, e)| e.le(seq)).count();
        self.splice(0, None, passed);
        if let Some(first) = self.ranges.get_mut(..self.len).and_then(<[_]>::first_mut) {
            if first.0.lt(seq) {
                first.0 = seq;
            }
        }
    }

    /// If the first range starts at or before `seq`, removes it and returns
    /// its end (the in-order point moves there).
    pub fn pop_reached(&mut self, seq: Seq) -> Option<Seq> {
        let (s, e) = self.first()?;
        if s.le(seq) {
            self.splice(0, None, 1);
            Some(e)
        } else {
            None
        }
    }

    /// The range containing `seq`, if any.
    pub fn containing(&self, seq: Seq) -> Option<(Seq, Seq)> {
        self.as_slice().iter().copied().find(|&(s, e)| seq.in_range(s, e))
    }

    /// Where the first range starting after `seq` starts (every caller
    /// wants only that: a start alone comes back in registers, a range
    /// through memory).
    pub fn next_after(&self, seq: Seq) -> Option<Seq> {
        self.as_slice().iter().map(|&(s, _)| s).find(|s| s.gt(seq))
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
    fn insert_in_the_middle_keeps_order() {
        let mut s = RangeSet::default();
        for i in 0..6u32 {
            assert!(s.insert(Seq(i * 100), Seq(i * 100 + 10)));
        }
        // New range between two others.
        assert!(s.insert(Seq(150), Seq(160)));
        // One range swallowing three (adjacent at both ends).
        assert!(s.insert(Seq(110), Seq(300)));
        assert_eq!(r(&s), [(0, 10), (100, 310), (400, 410), (500, 510)]);
        assert_eq!(s.pop_reached(Seq(5)), Some(Seq(10)));
        s.remove_below(Seq(405));
        assert_eq!(r(&s), [(405, 410), (500, 510)]);
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
        assert_eq!(s.next_after(base.add(41)), Some(base.add(60)));
        s.remove_below(base.add(1000));
        assert!(s.is_empty());
    }
}
