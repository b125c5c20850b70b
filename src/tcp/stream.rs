//! The byte ring behind each socket's RX and TX stream.
//!
//! Sizing follows upstream's stream buffers because it is visible through
//! `FreeRTOS_tx_space()` (reference §2.12, §14.5 row 4): a stream requested
//! with S bytes has `LENGTH = (S + W) rounded down to a multiple of W`, where
//! W is the target's `size_of::<usize>()`, and one byte always stays free, so
//! at most `LENGTH - 1` bytes are stored. With S = 5840 that is 5847 on a
//! 64-bit host and 5843 on Cortex-M4.
//!
//! Layout: `tail` is the oldest stored byte, `head` the next byte to append.
//! Besides plain append/consume, the ring can write at an offset beyond
//! `head` without moving it (out-of-order TCP data waiting for a hole to be
//! filled) and later move `head` over such data.
//!
//! All operations clamp to what fits or what is stored; none panics.

use alloc::boxed::Box;

use crate::os::fallible::try_zeroed_bytes;
use crate::os::mem::copy_bytes;

use super::AllocError;

/// The buffer length upstream allocates for a stream of `requested` bytes.
pub fn stream_length(requested: usize) -> usize {
    let w = core::mem::size_of::<usize>();
    let padded = requested.saturating_add(w);
    padded - padded % w
}

/// Bytes a stream of `requested` bytes can hold (`LENGTH - 1`).
pub fn stream_capacity(requested: usize) -> usize {
    stream_length(requested).saturating_sub(1)
}

pub struct Stream {
    /// A boxed slice rather than a `Vec`: one word less per stream.
    buf: Box<[u8]>,
    tail: usize,
    head: usize,
}

impl Stream {
    /// Allocates a stream for `requested` bytes, reporting allocation
    /// failure instead of aborting.
    pub fn try_new(requested: usize) -> Result<Stream, AllocError> {
        let len = stream_length(requested);
        // Not `vec![0; len]`/`resize`: they abort on a full heap.
        let buf = try_zeroed_bytes(len).ok_or(AllocError)?;
        Ok(Stream { buf, tail: 0, head: 0 })
    }

    /// LENGTH: the size of the underlying buffer.
    pub fn length(&self) -> usize {
        self.buf.len()
    }

    /// Most bytes the stream holds at once.
    pub fn capacity(&self) -> usize {
        self.buf.len().saturating_sub(1)
    }

    /// Bytes stored between tail and head.
    pub fn used(&self) -> usize {
        let len = self.buf.len();
        if len == 0 {
            0
        } else if self.head >= self.tail {
            self.head - self.tail
        } else {
            len - self.tail + self.head
        }
    }

    pub fn free(&self) -> usize {
        self.capacity().saturating_sub(self.used())
    }

    pub fn is_empty(&self) -> bool {
        self.head == self.tail
    }

    pub fn clear(&mut self) {
        self.head = 0;
        self.tail = 0;
    }

    fn wrap(&self, pos: usize) -> usize {
        let len = self.buf.len();
        if len == 0 {
            0
        } else {
            pos % len
        }
    }

    /// Copies `data` into the ring starting at absolute position `pos`
    /// (wrapping); the caller has checked that it fits.
    fn copy_in(&mut self, pos: usize, data: &[u8]) {
        let len = self.buf.len();
        if len == 0 {
            return;
        }
        if let Some((before, from_pos)) = self.buf.split_at_mut_checked(pos % len) {
            let n = copy_bytes(from_pos, data);
            copy_bytes(before, data.get(n..).unwrap_or(&[]));
        }
    }

    /// Appends as much of `data` as fits; returns the bytes stored.
    pub fn write(&mut self, data: &[u8]) -> usize {
        let n = data.len().min(self.free());
        let src = data.get(..n).unwrap_or(&[]);
        self.copy_in(self.head, src);
        self.head = self.wrap(self.head + n);
        n
    }

    /// Stores `data` at `offset` bytes beyond the head without moving the
    /// head (out-of-order data). Bytes that would not fit in the free space
    /// are dropped; returns the bytes stored.
    pub fn write_at(&mut self, offset: usize, data: &[u8]) -> usize {
        let free = self.free();
        if offset >= free {
            return 0;
        }
        let n = data.len().min(free - offset);
        let src = data.get(..n).unwrap_or(&[]);
        self.copy_in(self.head + offset, src);
        n
    }

    /// Moves the head over `n` bytes already written with `write_at`;
    /// clamped to the free space. Returns the bytes added.
    pub fn advance_head(&mut self, n: usize) -> usize {
        let n = n.min(self.free());
        self.head = self.wrap(self.head + n);
        n
    }

    /// Up to `len` stored bytes starting `offset` bytes after the tail, as
    /// at most two slices (the ring may wrap). Clamped to what is stored.
    pub fn peek_at(&self, offset: usize, len: usize) -> (&[u8], &[u8]) {
        let used = self.used();
        if offset >= used {
            return (&[], &[]);
        }
        let n = len.min(used - offset);
        let start = self.wrap(self.tail + offset);
        let first = n.min(self.buf.len() - start);
        let a = self.buf.get(start..start + first).unwrap_or(&[]);
        let b = self.buf.get(..n - first).unwrap_or(&[]);
        (a, b)
    }

    /// Where the buffer starts, as a number (`FreeRTOS_get_tx_base()`; the
    /// C layer turns it into a pointer).
    pub fn base_addr(&self) -> usize {
        self.buf.as_ptr() as usize
    }

    /// The stored bytes from the tail up to the end of the buffer or the
    /// head, whichever comes first (zero-copy reads).
    pub fn contiguous(&self) -> &[u8] {
        self.peek_at(0, usize::MAX).0
    }

    /// The free bytes from the head up to the end of the buffer or to the
    /// byte before the tail (zero-copy writes; follow with `advance_head`).
    pub fn head_space(&mut self) -> &mut [u8] {
        let free = self.free();
        let len = self.buf.len();
        let head = self.head;
        let n = free.min(len.saturating_sub(head));
        self.buf.get_mut(head..head + n).unwrap_or(&mut [])
    }

    /// Copies up to `out.len()` bytes from the tail; consumes them unless
    /// `peek`. Returns the bytes copied.
    pub fn read(&mut self, out: &mut [u8], peek: bool) -> usize {
        let (a, b) = self.peek_at(0, out.len());
        let na = copy_bytes(out, a);
        let nb = copy_bytes(out.get_mut(na..).unwrap_or(&mut []), b);
        if !peek {
            self.release(na + nb);
        }
        na + nb
    }

    /// Drops up to `n` bytes from the tail; returns the bytes dropped.
    pub fn release(&mut self, n: usize) -> usize {
        let n = n.min(self.used());
        self.tail = self.wrap(self.tail + n);
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::TestRng;
    use alloc::collections::VecDeque;
    use alloc::vec;

    #[test]
    fn upstream_sizes() {
        let w = core::mem::size_of::<usize>();
        assert_eq!(stream_length(5840), if w == 8 { 5848 } else { 5844 });
        // reference §14.5 row 4: 5847 - 3 = 5844 on x86_64, 5843 - 3 = 5840 on CM4.
        let mut s = Stream::try_new(5840).unwrap();
        s.write(b"abc");
        assert_eq!(s.free(), if w == 8 { 5844 } else { 5840 });
        assert_eq!(stream_length(0), w);
        assert_eq!(stream_length(usize::MAX) % w, 0);
        assert_eq!(stream_length(7), 8);
    }

    #[test]
    fn fill_and_wrap() {
        let mut s = Stream::try_new(8).unwrap();
        let cap = s.capacity();
        let data: alloc::vec::Vec<u8> = (0..100u8).collect();
        assert_eq!(s.write(&data), cap);
        assert_eq!(s.free(), 0);
        assert_eq!(s.write(b"x"), 0);
        let mut out = [0u8; 5];
        assert_eq!(s.read(&mut out, true), 5);
        assert_eq!(s.used(), cap);
        assert_eq!(s.read(&mut out, false), 5);
        assert_eq!(out, [0, 1, 2, 3, 4]);
        assert_eq!(s.write(&data[cap..cap + 5]), 5);
        let (a, b) = s.peek_at(0, 100);
        assert_eq!(a.len() + b.len(), cap);
        let mut all = a.to_vec();
        all.extend_from_slice(b);
        assert_eq!(all, data[5..cap + 5].to_vec());
        assert!(!b.is_empty());
    }

    #[test]
    fn out_of_order_writes() {
        let mut s = Stream::try_new(16).unwrap();
        let cap = s.capacity();
        assert_eq!(s.write_at(4, b"efgh"), 4);
        assert_eq!(s.used(), 0);
        assert_eq!(s.write(b"abcd"), 4);
        assert_eq!(s.advance_head(4), 4);
        let mut out = [0u8; 8];
        assert_eq!(s.read(&mut out, false), 8);
        assert_eq!(&out, b"abcdefgh");
        assert_eq!(s.write_at(cap, b"z"), 0);
        assert_eq!(s.write_at(cap - 1, b"yz"), 1);
        assert_eq!(s.advance_head(1000), cap);
    }

    #[test]
    fn zero_copy_views() {
        let mut s = Stream::try_new(16).unwrap();
        let n = {
            let space = s.head_space();
            let n = space.len().min(3);
            space[..n].copy_from_slice(&b"xyz"[..n]);
            n
        };
        s.advance_head(n);
        assert_eq!(s.contiguous(), b"xyz");
    }

    #[test]
    fn random_against_model() {
        let mut rng = TestRng(42);
        let mut s = Stream::try_new(100).unwrap();
        let mut model: VecDeque<u8> = VecDeque::new();
        let mut counter = 0u8;
        for _ in 0..20_000 {
            match rng.below(4) {
                0 | 1 => {
                    let n = rng.below(60) as usize;
                    let data: alloc::vec::Vec<u8> = (0..n)
                        .map(|_| {
                            counter = counter.wrapping_add(1);
                            counter
                        })
                        .collect();
                    let stored = s.write(&data);
                    model.extend(&data[..stored]);
                    counter = counter.wrapping_sub((n - stored) as u8);
                }
                2 => {
                    let mut out = vec![0u8; rng.below(70) as usize];
                    let n = s.read(&mut out, false);
                    for b in &out[..n] {
                        assert_eq!(Some(*b), model.pop_front());
                    }
                }
                _ => {
                    let off = rng.below(120) as usize;
                    let len = rng.below(40) as usize;
                    let (a, b) = s.peek_at(off, len);
                    let got: alloc::vec::Vec<u8> = a.iter().chain(b).copied().collect();
                    let want: alloc::vec::Vec<u8> = model.iter().skip(off).take(len).copied().collect();
                    assert_eq!(got, want);
                }
            }
            assert_eq!(s.used(), model.len());
            assert!(s.used() <= s.capacity());
        }
    }
}
