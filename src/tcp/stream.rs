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
//! The ring lives in a block of machine words. The RX stream
//! (`Stream<true>`, [`RxStream`]) puts the five words of a C
//! `StreamBuffer_t` header in front of the ring bytes, so the block *is* a
//! `StreamBuffer_t` that `FreeRTOS_get_rx_buf()` can hand to C
//! (docs/rx-buf.md); every operation that moves a position rewrites the
//! header words (native-endian usize values, what C reads). The TX stream
//! has no header (C never sees it as a struct), so it costs nothing extra.
//!
//! All operations clamp to what fits or what is stored; none panics.

use alloc::boxed::Box;

use crate::os::fallible::try_zeroed_words;
use crate::os::mem::{copy_bytes, words_as_bytes, words_as_bytes_mut};

use super::AllocError;

/// Words of a C `StreamBuffer_t` in front of its `ucArray`, in this order:
/// uxTail, uxMid, uxHead, uxFront, LENGTH (FreeRTOS_Stream_Buffer.h).
pub const HEADER_WORDS: usize = 5;
/// Each field's word (`ffi` checks them against bindgen's struct).
pub const HDR_TAIL: usize = 0;
pub const HDR_MID: usize = 1;
pub const HDR_HEAD: usize = 2;
pub const HDR_FRONT: usize = 3;
pub const HDR_LENGTH: usize = 4;
// `Ring::publish` takes the words apart in this order.
const _: () = assert!(HDR_TAIL == 0 && HDR_MID == 1 && HDR_HEAD == 2 && HDR_FRONT == 3 && HDR_LENGTH == 4);

const WORD: usize = core::mem::size_of::<usize>();

/// The RX stream: laid out as a C `StreamBuffer_t`.
pub type RxStream = Stream<true>;

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

pub struct Stream<const HEADER: bool = false> {
    ring: Ring,
}

/// The stream's storage and positions. Its code is shared by both kinds of
/// stream: each call gets the header's size (`hdr` words, 0 or
/// [`HEADER_WORDS`]) from the `Stream` type as an argument, so the byte
/// ring is compiled once (two generic copies cost about 0.4 KB of flash).
struct Ring {
    /// `hdr` header words, then the ring's bytes. Words rather than bytes
    /// so that C finds the header's `size_t`s aligned. A boxed slice rather
    /// than a `Vec`: one word less per stream.
    words: Box<[usize]>,
    tail: usize,
    head: usize,
}

/// Bytes from `from` forward to `to` in a ring of `len` bytes.
fn distance(len: usize, from: usize, to: usize) -> usize {
    if to >= from {
        to - from
    } else {
        len.saturating_sub(from) + to
    }
}

impl<const HEADER: bool> Stream<HEADER> {
    /// Words in front of the ring.
    const HDR: usize = if HEADER { HEADER_WORDS } else { 0 };

    /// Allocates a stream for `requested` bytes, reporting allocation
    /// failure instead of aborting.
    pub fn try_new(requested: usize) -> Result<Self, AllocError> {
        Ring::try_new(Self::HDR, requested).map(|ring| Stream { ring })
    }

    /// The header's positions (tail, mid, head, front, LENGTH); None
    /// without a header. What C reads through `FreeRTOS_get_rx_buf()`.
    pub fn header(&self) -> Option<[usize; HEADER_WORDS]> {
        if HEADER {
            self.ring.words.first_chunk::<HEADER_WORDS>().copied()
        } else {
            None
        }
    }

    /// LENGTH: the size of the underlying buffer.
    pub fn length(&self) -> usize {
        self.ring.length(Self::HDR)
    }

    /// Most bytes the stream holds at once.
    pub fn capacity(&self) -> usize {
        self.ring.length(Self::HDR).saturating_sub(1)
    }

    /// Bytes stored between tail and head.
    pub fn used(&self) -> usize {
        self.ring.used(Self::HDR)
    }

    pub fn free(&self) -> usize {
        self.ring.free(Self::HDR)
    }

    pub fn is_empty(&self) -> bool {
        self.ring.head == self.ring.tail
    }

    pub fn clear(&mut self) {
        self.ring.clear(Self::HDR)
    }

    /// Appends as much of `data` as fits; returns the bytes stored.
    pub fn write(&mut self, data: &[u8]) -> usize {
        self.ring.write(Self::HDR, data)
    }

    /// Stores `data` at `offset` bytes beyond the head without moving the
    /// head (out-of-order data). Bytes that would not fit in the free space
    /// are dropped; returns the bytes stored.
    pub fn write_at(&mut self, offset: usize, data: &[u8]) -> usize {
        self.ring.write_at(Self::HDR, offset, data)
    }

    /// Moves the head over `n` bytes already written with `write_at`;
    /// clamped to the free space. Returns the bytes added.
    pub fn advance_head(&mut self, n: usize) -> usize {
        self.ring.advance_head(Self::HDR, n)
    }

    /// Up to `len` stored bytes starting `offset` bytes after the tail, as
    /// at most two slices (the ring may wrap). Clamped to what is stored.
    pub fn peek_at(&self, offset: usize, len: usize) -> (&[u8], &[u8]) {
        self.ring.peek_at(Self::HDR, offset, len)
    }

    /// Where the buffer starts, as a number (`FreeRTOS_get_tx_base()`; the
    /// C layer turns it into a pointer).
    pub fn base_addr(&self) -> usize {
        self.ring.buf(Self::HDR).as_ptr() as usize
    }

    /// The whole block the stream lives in, as (address, bytes): the C
    /// layer refuses `send`/`recv` buffers inside it (a copy onto itself).
    pub fn block_range(&self) -> (usize, usize) {
        (self.ring.words.as_ptr() as usize, core::mem::size_of_val(&*self.ring.words))
    }

    /// Where the `StreamBuffer_t` (the header, then the ring) starts
    /// (`FreeRTOS_get_rx_buf()`); for a stream without a header, the ring.
    pub fn struct_addr(&self) -> usize {
        self.ring.words.as_ptr() as usize
    }

    /// The stored bytes from the tail up to the end of the buffer or the
    /// head, whichever comes first (zero-copy reads).
    pub fn contiguous(&self) -> &[u8] {
        self.ring.peek_at(Self::HDR, 0, usize::MAX).0
    }

    /// The free bytes from the head up to the end of the buffer or to the
    /// byte before the tail (zero-copy writes; follow with `advance_head`).
    pub fn head_space(&mut self) -> &mut [u8] {
        self.ring.head_space(Self::HDR)
    }

    /// Copies up to `out.len()` bytes from the tail; consumes them unless
    /// `peek`. Returns the bytes copied.
    pub fn read(&mut self, out: &mut [u8], peek: bool) -> usize {
        self.ring.read(Self::HDR, out, peek)
    }

    /// Drops up to `n` bytes from the tail; returns the bytes dropped.
    pub fn release(&mut self, n: usize) -> usize {
        self.ring.release(Self::HDR, n)
    }
}

impl Ring {
    fn try_new(hdr: usize, requested: usize) -> Result<Ring, AllocError> {
        let len = stream_length(requested);
        // `len` is a multiple of the word size, so the ring is exactly
        // LENGTH bytes. Not `vec![0; n]`/`resize`: they abort on a full heap.
        let words = try_zeroed_words(hdr.saturating_add(len / WORD)).ok_or(AllocError)?;
        let mut ring = Ring { words, tail: 0, head: 0 };
        if let Some(length) = ring.header_mut(hdr, HDR_LENGTH) {
            *length = len;
        }
        Ok(ring)
    }

    /// The ring's bytes (LENGTH of them).
    fn buf(&self, hdr: usize) -> &[u8] {
        words_as_bytes(self.words.get(hdr..).unwrap_or(&[]))
    }

    fn buf_mut(&mut self, hdr: usize) -> &mut [u8] {
        words_as_bytes_mut(self.words.get_mut(hdr..).unwrap_or(&mut []))
    }

    /// One header word; None without a header.
    fn header_mut(&mut self, hdr: usize, word: usize) -> Option<&mut usize> {
        if hdr == HEADER_WORDS {
            self.words.get_mut(word)
        } else {
            None
        }
    }

    /// Copies the ring's positions into the header (after every change):
    /// uxTail and uxHead as they are, uxFront moved up to the head if it
    /// lies behind it (seen from the tail), as upstream's stream does.
    /// uxMid stays 0 (upstream moves it only in TX streams).
    fn publish(&mut self, hdr: usize) {
        if hdr != HEADER_WORDS {
            return;
        }
        let (len, tail, head) = (self.length(hdr), self.tail, self.head);
        // One bounds check for the three words (the order is HDR_*'s).
        if let Some([t, _mid, h, front, _length]) = self.words.first_chunk_mut::<HEADER_WORDS>() {
            if distance(len, tail, *front) < distance(len, tail, head) {
                *front = head;
            }
            *t = tail;
            *h = head;
        }
    }

    fn length(&self, hdr: usize) -> usize {
        self.words.len().saturating_sub(hdr) * WORD
    }

    fn used(&self, hdr: usize) -> usize {
        let len = self.length(hdr);
        if len == 0 {
            0
        } else if self.head >= self.tail {
            self.head - self.tail
        } else {
            len - self.tail + self.head
        }
    }

    fn free(&self, hdr: usize) -> usize {
        self.length(hdr).saturating_sub(1).saturating_sub(self.used(hdr))
    }

    fn clear(&mut self, hdr: usize) {
        self.head = 0;
        self.tail = 0;
        if let Some(front) = self.header_mut(hdr, HDR_FRONT) {
            *front = 0;
        }
        self.publish(hdr);
    }

    // Out of line: five inlined copies of the division cost 20 B more
    // (measured).
    #[inline(never)]
    fn wrap(&self, hdr: usize, pos: usize) -> usize {
        let len = self.length(hdr);
        if len == 0 {
            0
        } else {
            pos % len
        }
    }

    /// Copies `data` into the ring starting at absolute position `pos`
    /// (wrapping); the caller has checked that it fits.
    fn copy_in(&mut self, hdr: usize, pos: usize, data: &[u8]) {
        let len = self.length(hdr);
        if len == 0 {
            return;
        }
        if let Some((before, from_pos)) = self.buf_mut(hdr).split_at_mut_checked(pos % len) {
            let n = copy_bytes(from_pos, data);
            copy_bytes(before, data.get(n..).unwrap_or(&[]));
        }
    }

    fn write(&mut self, hdr: usize, data: &[u8]) -> usize {
        let n = data.len().min(self.free(hdr));
        let src = data.get(..n).unwrap_or(&[]);
        self.copy_in(hdr, self.head, src);
        self.head = self.wrap(hdr, self.head + n);
        self.publish(hdr);
        n
    }

    fn write_at(&mut self, hdr: usize, offset: usize, data: &[u8]) -> usize {
        let free = self.free(hdr);
        if offset >= free {
            return 0;
        }
        let n = data.len().min(free - offset);
        let src = data.get(..n).unwrap_or(&[]);
        self.copy_in(hdr, self.head + offset, src);
        if n > 0 {
            // Upstream marks where the furthest out-of-order block *starts*
            // (head + offset), not where it ends; C code that reads uxFront
            // sees the same value here.
            let (len, tail, start) = (self.length(hdr), self.tail, self.wrap(hdr, self.head + offset));
            if let Some(front) = self.header_mut(hdr, HDR_FRONT) {
                if distance(len, tail, *front) < distance(len, tail, start) {
                    *front = start;
                }
            }
        }
        n
    }

    fn advance_head(&mut self, hdr: usize, n: usize) -> usize {
        let n = n.min(self.free(hdr));
        self.head = self.wrap(hdr, self.head + n);
        self.publish(hdr);
        n
    }

    fn peek_at(&self, hdr: usize, offset: usize, len: usize) -> (&[u8], &[u8]) {
        let used = self.used(hdr);
        if offset >= used {
            return (&[], &[]);
        }
        let n = len.min(used - offset);
        let start = self.wrap(hdr, self.tail + offset);
        let buf = self.buf(hdr);
        let first = n.min(buf.len() - start);
        let a = buf.get(start..start + first).unwrap_or(&[]);
        let b = buf.get(..n - first).unwrap_or(&[]);
        (a, b)
    }

    fn head_space(&mut self, hdr: usize) -> &mut [u8] {
        let free = self.free(hdr);
        let len = self.length(hdr);
        let head = self.head;
        let n = free.min(len.saturating_sub(head));
        self.buf_mut(hdr).get_mut(head..head + n).unwrap_or(&mut [])
    }

    fn read(&mut self, hdr: usize, out: &mut [u8], peek: bool) -> usize {
        let (a, b) = self.peek_at(hdr, 0, out.len());
        let na = copy_bytes(out, a);
        let nb = copy_bytes(out.get_mut(na..).unwrap_or(&mut []), b);
        if !peek {
            self.release(hdr, na + nb);
        }
        na + nb
    }

    fn release(&mut self, hdr: usize, n: usize) -> usize {
        let n = n.min(self.used(hdr));
        self.tail = self.wrap(hdr, self.tail + n);
        self.publish(hdr);
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
        let mut s: Stream = Stream::try_new(5840).unwrap();
        s.write(b"abc");
        assert_eq!(s.free(), if w == 8 { 5844 } else { 5840 });
        assert_eq!(stream_length(0), w);
        assert_eq!(stream_length(usize::MAX) % w, 0);
        assert_eq!(stream_length(7), 8);
    }

    #[test]
    fn fill_and_wrap() {
        fill_and_wrap_on::<false>();
        fill_and_wrap_on::<true>();
    }

    fn fill_and_wrap_on<const H: bool>() {
        let mut s = Stream::<H>::try_new(8).unwrap();
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
        out_of_order_writes_on::<false>();
        out_of_order_writes_on::<true>();
    }

    fn out_of_order_writes_on<const H: bool>() {
        let mut s = Stream::<H>::try_new(16).unwrap();
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
        zero_copy_views_on::<false>();
        zero_copy_views_on::<true>();
    }

    fn zero_copy_views_on<const H: bool>() {
        let mut s = Stream::<H>::try_new(16).unwrap();
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
        random_against_model_on::<false>();
        random_against_model_on::<true>();
    }

    fn random_against_model_on<const H: bool>() {
        let mut rng = TestRng(42);
        let mut s = Stream::<H>::try_new(100).unwrap();
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
            assert_header_matches(&s);
        }
    }

    /// With a header: its words are the ring's positions, uxMid 0, LENGTH
    /// the ring's size, uxFront at or beyond the head seen from the tail,
    /// and the ring's bytes follow the header (what C indexes as ucArray).
    fn assert_header_matches<const H: bool>(s: &Stream<H>) {
        let Some([tail, mid, head, front, length]) = s.header() else {
            assert!(!H);
            assert_eq!(s.ring.words.len() * WORD, s.length());
            return;
        };
        assert!(H);
        assert_eq!((tail, mid, head, length), (s.ring.tail, 0, s.ring.head, s.length()));
        assert!(front < length);
        assert!(distance(length, tail, front) >= distance(length, tail, head));
        assert_eq!(s.ring.words.len(), HEADER_WORDS + length / WORD);
        assert_eq!(s.base_addr(), s.struct_addr() + HEADER_WORDS * WORD);
        let block = words_as_bytes(&s.ring.words);
        let (a, b) = s.peek_at(0, usize::MAX);
        for (i, byte) in a.iter().chain(b).enumerate() {
            assert_eq!(block[HEADER_WORDS * WORD + (tail + i) % length], *byte);
        }
    }

    #[test]
    fn rx_header_follows_write_consume_out_of_order_wrap_and_clear() {
        let mut s = RxStream::try_new(16).unwrap();
        let len = stream_length(16);
        assert_eq!(s.struct_addr() % core::mem::align_of::<usize>(), 0);
        assert_eq!(s.header(), Some([0, 0, 0, 0, len]));
        assert_eq!(s.write(b"abcd"), 4);
        assert_eq!(s.header(), Some([0, 0, 4, 4, len]));
        let mut out = [0u8; 2];
        assert_eq!(s.read(&mut out, true), 2);
        assert_eq!(s.header(), Some([0, 0, 4, 4, len]), "a peek moves nothing");
        assert_eq!(s.read(&mut out, false), 2);
        assert_eq!(s.header(), Some([2, 0, 4, 4, len]));
        assert_header_matches(&s);
        // Out of order, 3 bytes beyond the head: uxFront marks where that
        // block starts (upstream's rule), the head stays.
        assert_eq!(s.write_at(3, b"xy"), 2);
        assert_eq!(s.header(), Some([2, 0, 4, 7, len]));
        // A nearer block leaves uxFront alone.
        assert_eq!(s.write_at(1, b"q"), 1);
        assert_eq!(s.header(), Some([2, 0, 4, 7, len]));
        // The gap fills: in-order bytes, then the head moves over the rest.
        assert_eq!(s.write(b"e"), 1);
        assert_eq!(s.header(), Some([2, 0, 5, 7, len]));
        assert_eq!(s.advance_head(1), 1);
        assert_eq!(s.write(b"Z"), 1);
        assert_eq!(s.header(), Some([2, 0, 7, 7, len]));
        assert_eq!(s.advance_head(2), 2);
        assert_eq!(s.header(), Some([2, 0, 9, 9, len]), "front follows the head past it");
        assert_header_matches(&s);
        let mut all = [0u8; 7];
        assert_eq!(s.read(&mut all, true), 7);
        assert_eq!(&all, b"cdeqZxy");
        // Around the end of the ring: consume all, then write across it.
        assert_eq!(s.release(7), 7);
        assert_eq!(s.header(), Some([9, 0, 9, 9, len]));
        let fill: alloc::vec::Vec<u8> = (0..len as u8).collect();
        let cap = s.capacity();
        assert_eq!(s.write(&fill), cap);
        assert_eq!(s.header(), Some([9, 0, (9 + cap) % len, (9 + cap) % len, len]));
        assert!(s.ring.head < s.ring.tail, "the data wraps");
        assert_header_matches(&s);
        assert_eq!(s.release(cap - 1), cap - 1);
        assert_eq!(s.header().map(|h| h[0]), Some((9 + cap - 1) % len));
        assert_header_matches(&s);
        // Out-of-order data across the end of the ring.
        assert_eq!(s.write_at(len - 4, b"w"), 1);
        let front = s.header().map(|h| h[3]);
        assert_eq!(front, Some((s.ring.head + len - 4) % len));
        assert_header_matches(&s);
        s.clear();
        assert_eq!(s.header(), Some([0, 0, 0, 0, len]));
        assert_header_matches(&s);
    }

    #[test]
    fn tx_stream_has_no_header() {
        let s: Stream = Stream::try_new(16).unwrap();
        assert_eq!(s.header(), None);
        assert_eq!(s.ring.words.len() * WORD, stream_length(16));
        assert_eq!(s.base_addr(), s.struct_addr());
        let rx = RxStream::try_new(16).unwrap();
        assert_eq!(rx.length(), s.length());
        assert_eq!(rx.capacity(), s.capacity());
    }
}
