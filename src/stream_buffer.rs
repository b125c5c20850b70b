//! Index arithmetic of the C `StreamBuffer_t` (`FreeRTOS_Stream_Buffer.h`),
//! the circular byte stream upstream drivers and applications allocate
//! themselves and hand to the `uxStreamBuffer*` helpers.
//!
//! The struct holds four positions into `ucArray` (`tail`: next byte to
//! read, `mid`: next byte to send for the first time, `head`: next byte to
//! write, `front`: how far out-of-order data reaches) and `LENGTH`, the
//! array's size. One byte always stays free, so a full stream holds
//! `LENGTH - 1` bytes and `head == tail` means empty.
//!
//! This module decides *where* bytes go and what the positions become;
//! `ffi::stream_buffer` reads the fields, copies through raw pointers and
//! writes the results back. Every position handed out for a copy is below
//! `length`, and every run ends inside the array, whatever the C struct
//! held: a struct whose positions are out of range, or whose `LENGTH` is 0,
//! is treated as unusable (nothing moves, sizes read 0) instead of steering
//! a copy outside the array as upstream would.
#![forbid(unsafe_code)]

/// The four positions and the array length, as read from the C struct.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Indices {
    pub tail: usize,
    pub mid: usize,
    pub head: usize,
    pub front: usize,
    pub length: usize,
}

/// A contiguous part of the array: `len` bytes from `start`.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Run {
    pub start: usize,
    pub len: usize,
}

/// Where a copy of `count` bytes starting at a position lands: up to the
/// array's end, then (when it wraps) from index 0.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Runs {
    pub first: Run,
    pub second: Run,
}

impl Runs {
    /// `count` bytes from `start` in an array of `length` bytes. The caller
    /// guarantees `start < length` and `count < length`.
    fn new(length: usize, start: usize, count: usize) -> Runs {
        let first = count.min(length.saturating_sub(start));
        Runs { first: Run { start, len: first }, second: Run { start: 0, len: count - first } }
    }

    pub fn total(&self) -> usize {
        self.first.len + self.second.len
    }
}

/// What `uxStreamBufferAdd` does: copy into `runs` (unless there is no
/// data), then store `head` and `front`.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct AddPlan {
    pub runs: Runs,
    pub head: usize,
    pub front: usize,
    /// Where `front` moves unless it already lies beyond (seen from
    /// `tail`): `head` after the write, or the offset's position.
    pub end: usize,
}

/// What `uxStreamBufferGet` does: copy out of `runs` (unless there is no
/// destination), then store `tail`.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct GetPlan {
    pub runs: Runs,
    pub tail: usize,
}

/// `position + step` around an array of `length` bytes (both below
/// `length`, so one subtraction suffices).
fn advance(length: usize, position: usize, step: usize) -> usize {
    let p = position.wrapping_add(step);
    if p >= length {
        p.wrapping_sub(length)
    } else {
        p
    }
}

/// Free bytes from `lower` forward to `upper`, keeping the one byte that
/// always stays free (`uxStreamBufferSpace`). For positions in range the
/// result is below `length`; out-of-range positions give upstream's
/// wrapping result, which no copy here ever uses.
pub fn space(length: usize, lower: usize, upper: usize) -> usize {
    if length == 0 {
        return 0;
    }
    let n = length.wrapping_add(upper).wrapping_sub(lower).wrapping_sub(1);
    if n >= length {
        n.wrapping_sub(length)
    } else {
        n
    }
}

/// Bytes from `lower` forward to `upper` (`uxStreamBufferDistance`).
pub fn distance(length: usize, lower: usize, upper: usize) -> usize {
    if length == 0 {
        return 0;
    }
    let n = length.wrapping_add(upper).wrapping_sub(lower);
    if n >= length {
        n.wrapping_sub(length)
    } else {
        n
    }
}

/// Whether `left` comes at or before `right`, counting from `tail`
/// (`xStreamBufferLessThenEqual`).
pub fn less_or_equal(tail: usize, left: usize, right: usize) -> bool {
    left.wrapping_sub(tail) <= right.wrapping_sub(tail)
}

impl Indices {
    /// Whether the positions can be trusted for copies: a non-empty array
    /// and every position inside it.
    pub fn valid(&self) -> bool {
        let l = self.length;
        l > 0 && self.tail < l && self.mid < l && self.head < l && self.front < l
    }

    /// Bytes that may still be written at `head` (`uxStreamBufferGetSpace`).
    pub fn free_space(&self) -> usize {
        if !self.valid() {
            return 0;
        }
        space(self.length, self.head, self.tail)
    }

    /// Room between `front` and `tail` (`uxStreamBufferFrontSpace`).
    pub fn front_space(&self) -> usize {
        if !self.valid() {
            return 0;
        }
        space(self.length, self.front, self.tail)
    }

    /// Bytes stored, `tail` to `head` (`uxStreamBufferGetSize`).
    pub fn size(&self) -> usize {
        if !self.valid() {
            return 0;
        }
        distance(self.length, self.tail, self.head)
    }

    /// Bytes not yet sent, `mid` to `head` (`uxStreamBufferMidSpace`).
    pub fn mid_space(&self) -> usize {
        if !self.valid() {
            return 0;
        }
        distance(self.length, self.mid, self.head)
    }

    /// `mid` moved on by `count`, but never past `head`
    /// (`vStreamBufferMoveMid`); None when the positions are unusable.
    pub fn move_mid(&self, count: usize) -> Option<usize> {
        if !self.valid() {
            return None;
        }
        Some(advance(self.length, self.mid, count.min(self.mid_space())))
    }

    /// The first readable byte and how many follow it before the array
    /// wraps (`uxStreamBufferGetPtr`); None when the positions are unusable.
    pub fn readable_run(&self) -> Option<Run> {
        if !self.valid() {
            return None;
        }
        Some(Run { start: self.tail, len: self.size().min(self.length - self.tail) })
    }

    /// `uxStreamBufferAdd`: writes at most `count` bytes at `offset` bytes
    /// past `head`, within the free space. With `offset` 0 `head` moves on
    /// over what was written; with an offset (out-of-order data) `head`
    /// stays and only `front` may move, to the offset's position, as
    /// upstream does. `front` never moves backwards (seen from `tail`).
    /// None when nothing is written (no room, or unusable positions).
    pub fn add(&self, offset: usize, count: usize) -> Option<AddPlan> {
        let room = self.free_space().saturating_sub(offset);
        let n = room.min(count);
        if n == 0 {
            return None;
        }
        // n > 0 means offset < free_space < length.
        let at = advance(self.length, self.head, offset);
        let (head, end) = if offset == 0 {
            let h = advance(self.length, at, n);
            (h, h)
        } else {
            (self.head, at)
        };
        let front = if less_or_equal(self.tail, self.front, end) { end } else { self.front };
        Some(AddPlan { runs: Runs::new(self.length, at, n), head, front, end })
    }

    /// `uxStreamBufferGet`: reads at most `max` bytes starting `offset`
    /// bytes past `tail`, within what is stored. `tail` moves on over what
    /// was read only when not peeking and `offset` is 0 (as upstream).
    /// None when nothing is read.
    pub fn get(&self, offset: usize, max: usize, peek: bool) -> Option<GetPlan> {
        let avail = self.size().saturating_sub(offset);
        let n = avail.min(max);
        if n == 0 {
            return None;
        }
        let at = advance(self.length, self.tail, offset);
        let tail = if !peek && offset == 0 { advance(self.length, at, n) } else { self.tail };
        Some(GetPlan { runs: Runs::new(self.length, at, n), tail })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;

    fn empty(length: usize) -> Indices {
        Indices { length, ..Default::default() }
    }

    /// Applies an add plan to a Rust array standing in for `ucArray`.
    fn do_add(ix: &mut Indices, array: &mut [u8], offset: usize, data: &[u8]) -> usize {
        let Some(p) = ix.add(offset, data.len()) else { return 0 };
        let (a, b) = data.split_at(p.runs.first.len);
        array[p.runs.first.start..p.runs.first.start + a.len()].copy_from_slice(a);
        array[p.runs.second.start..p.runs.second.start + p.runs.second.len].copy_from_slice(&b[..p.runs.second.len]);
        ix.head = p.head;
        ix.front = p.front;
        p.runs.total()
    }

    fn do_get(ix: &mut Indices, array: &[u8], offset: usize, max: usize, peek: bool) -> Vec<u8> {
        let Some(p) = ix.get(offset, max, peek) else { return Vec::new() };
        let mut out = array[p.runs.first.start..p.runs.first.start + p.runs.first.len].to_vec();
        out.extend_from_slice(&array[p.runs.second.start..p.runs.second.start + p.runs.second.len]);
        ix.tail = p.tail;
        out
    }

    #[test]
    fn one_byte_stays_free() {
        let mut ix = empty(8);
        let mut a = [0u8; 8];
        assert_eq!(ix.free_space(), 7);
        assert_eq!(do_add(&mut ix, &mut a, 0, &[1; 10]), 7);
        assert_eq!(ix.size(), 7);
        assert_eq!(ix.free_space(), 0);
        assert_eq!(do_add(&mut ix, &mut a, 0, &[1]), 0);
    }

    #[test]
    fn space_and_distance_match_upstream_formulas() {
        // L + upper - lower (- 1), minus L when that reaches L.
        assert_eq!(space(10, 3, 3), 9);
        assert_eq!(space(10, 3, 4), 0);
        assert_eq!(space(10, 4, 3), 8);
        assert_eq!(distance(10, 3, 3), 0);
        assert_eq!(distance(10, 8, 2), 4);
        assert_eq!(distance(10, 2, 8), 6);
        assert_eq!(space(0, 1, 2), 0);
        assert_eq!(distance(0, 1, 2), 0);
        // Out-of-range arguments wrap instead of panicking.
        let _ = space(5, usize::MAX, 0);
        let _ = distance(5, 0, usize::MAX);
    }

    #[test]
    fn less_or_equal_counts_from_tail() {
        assert!(less_or_equal(5, 6, 9));
        assert!(!less_or_equal(5, 9, 6));
        // Wrapped: 1 comes after 9 when reading from 5.
        assert!(less_or_equal(5, 9, 1));
        assert!(!less_or_equal(5, 1, 9));
        assert!(less_or_equal(5, 5, 5));
    }

    #[test]
    fn wrapping_copy_is_split_in_two_runs() {
        let mut ix = Indices { tail: 6, mid: 6, head: 6, front: 6, length: 8 };
        let mut a = [0u8; 8];
        assert_eq!(do_add(&mut ix, &mut a, 0, &[1, 2, 3, 4, 5]), 5);
        assert_eq!(ix.head, 3);
        assert_eq!(a, [3, 4, 5, 0, 0, 0, 1, 2]);
        assert_eq!(ix.readable_run(), Some(Run { start: 6, len: 2 }));
        assert_eq!(do_get(&mut ix, &a, 0, 10, false), vec![1, 2, 3, 4, 5]);
        assert_eq!(ix.tail, 3);
        assert_eq!(ix.size(), 0);
    }

    #[test]
    fn peek_and_offset_reads_leave_tail() {
        let mut ix = empty(16);
        let mut a = [0u8; 16];
        do_add(&mut ix, &mut a, 0, b"abcdef");
        assert_eq!(do_get(&mut ix, &a, 0, 3, true), b"abc");
        assert_eq!(ix.tail, 0);
        assert_eq!(do_get(&mut ix, &a, 2, 3, false), b"cde");
        assert_eq!(ix.tail, 0);
        assert_eq!(do_get(&mut ix, &a, 6, 3, false), b"");
        assert_eq!(do_get(&mut ix, &a, 0, 100, false), b"abcdef");
    }

    #[test]
    fn out_of_order_add_then_head_moves_over_it() {
        // As TCP reception does: data beyond a gap is stored at an offset,
        // then the gap is filled and head moved over both.
        let mut ix = empty(16);
        let mut a = [0u8; 16];
        assert_eq!(do_add(&mut ix, &mut a, 3, b"xyz"), 3);
        assert_eq!(ix.head, 0);
        assert_eq!(ix.front, 3, "front moves to where the out-of-order data starts (upstream)");
        assert_eq!(ix.size(), 0);
        assert_eq!(do_add(&mut ix, &mut a, 0, b"abc"), 3);
        assert_eq!(ix.front, 3);
        // Move head over the stored bytes without copying (pucData NULL).
        let p = ix.add(0, 3).unwrap();
        ix.head = p.head;
        ix.front = p.front;
        assert_eq!(ix.front, 6);
        assert_eq!(do_get(&mut ix, &a, 0, 16, false), b"abcxyz");
        // An offset past the free space writes nothing.
        assert_eq!(ix.add(ix.free_space(), 1), None);
    }

    #[test]
    fn mid_never_passes_head() {
        let mut ix = empty(10);
        let mut a = [0u8; 10];
        do_add(&mut ix, &mut a, 0, &[7; 6]);
        assert_eq!(ix.mid_space(), 6);
        ix.mid = ix.move_mid(4).unwrap();
        assert_eq!(ix.mid, 4);
        ix.mid = ix.move_mid(100).unwrap();
        assert_eq!(ix.mid, 6);
        assert_eq!(ix.mid_space(), 0);
    }

    #[test]
    fn unusable_positions_move_nothing() {
        for bad in [
            Indices { length: 0, ..Default::default() },
            Indices { tail: 8, length: 8, ..Default::default() },
            Indices { head: 99, length: 8, ..Default::default() },
            Indices { mid: usize::MAX, length: 8, ..Default::default() },
            Indices { front: 8, length: 8, ..Default::default() },
        ] {
            assert!(!bad.valid());
            assert_eq!(bad.add(0, 3), None);
            assert_eq!(bad.get(0, 3, false), None);
            assert_eq!(bad.move_mid(1), None);
            assert_eq!(bad.readable_run(), None);
            assert_eq!((bad.size(), bad.free_space(), bad.front_space(), bad.mid_space()), (0, 0, 0, 0));
        }
    }

    /// Random adds, gets, peeks and clears against a VecDeque: no byte is
    /// lost, duplicated or reordered, and never more than LENGTH - 1 bytes
    /// are stored.
    #[test]
    fn random_operations_match_a_queue() {
        let mut rng = crate::wire::TestRng(0x5eed_0f5b_u64);
        for length in [1usize, 2, 3, 7, 16, 61] {
            let mut ix = empty(length);
            let mut a = vec![0u8; length];
            let mut model: VecDeque<u8> = VecDeque::new();
            let mut next = 0u8;
            for _ in 0..4000 {
                let op = rng.next_u64() % 10;
                let n = (rng.next_u64() as usize) % (length + 3);
                match op {
                    0..=3 => {
                        let data: Vec<u8> = (0..n).map(|_| { next = next.wrapping_add(1); next }).collect();
                        let stored = do_add(&mut ix, &mut a, 0, &data);
                        assert_eq!(stored, n.min(length - 1 - model.len()));
                        model.extend(&data[..stored]);
                        // Bytes not stored are not "sent": rewind the counter.
                        next = next.wrapping_sub((n - stored) as u8);
                    }
                    4..=6 => {
                        let got = do_get(&mut ix, &a, 0, n, false);
                        let want: Vec<u8> = model.drain(..n.min(model.len())).collect();
                        assert_eq!(got, want);
                    }
                    7 | 8 => {
                        let off = (rng.next_u64() as usize) % (length + 1);
                        let got = do_get(&mut ix, &a, off, n, true);
                        let want: Vec<u8> = model.iter().skip(off).take(n).copied().collect();
                        assert_eq!(got, want);
                    }
                    _ => {
                        if rng.next_u64() % 8 == 0 {
                            ix = Indices { length, ..Default::default() };
                            model.clear();
                        }
                    }
                }
                assert!(ix.valid());
                assert_eq!(ix.size(), model.len());
                assert!(ix.size() < length);
                assert_eq!(ix.size() + ix.free_space(), length - 1);
                let run = ix.readable_run().unwrap();
                assert!(run.start + run.len <= length);
            }
        }
    }
}
