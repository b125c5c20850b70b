//! Byte copies that compile to `memcpy` and cannot panic, and C buffers as
//! slices (`slice_from_c`).
//!
//! `<[u8]>::copy_from_slice` checks the lengths in an out-of-line function
//! that takes the caller's panic location, so at `opt-level = "z"` every call
//! keeps a panic path (and with it core's formatting) in the image, even
//! where the lengths are provably equal; a byte loop has no panic but copies
//! one byte at a time on Cortex-M. The stream buffers and frame building
//! copy kilobytes per segment, so they use this instead.

/// Copies the first `min(dst.len(), src.len())` bytes of `src` to the start
/// of `dst`; returns how many.
pub fn copy_bytes(dst: &mut [u8], src: &[u8]) -> usize {
    let n = dst.len().min(src.len());
    // SAFETY: both slices are valid for `n` bytes (the shorter length), and
    // they cannot overlap: `dst` is borrowed mutably, so no shared borrow of
    // the same memory (`src`) can exist at the same time.
    unsafe { core::ptr::copy_nonoverlapping(src.as_ptr(), dst.as_mut_ptr(), n) };
    n
}

// Caller buffers (C pointer + `size_t` length) as Rust slices.
//
// C lets a caller pass any `size_t`, and upstream takes the length as is:
// `FreeRTOS_send(s, buf, SIZE_MAX, 0)` copies what the stream can take and
// returns that. A Rust slice, however, may not be longer than `isize::MAX`
// bytes nor run past the end of the address space; building one from such
// a length is undefined behaviour (and a debug build stops on it). So every
// export (src/ffi) that turns a caller's buffer into a slice goes through here, and a
// length no real buffer can have is clamped to the largest one that memory
// can hold from that address. A call moves at most what a stream, a text or
// a frame holds (all far below that bound), so the clamp is invisible to
// the caller: `SIZE_MAX` behaves like any other "more than enough" length.
// COMPAT.md ("Buffer lengths") records this.

/// The longest slice that can start at `addr`: at most `isize::MAX` bytes
/// and not past the last address.
pub fn clamp_len(addr: usize, len: usize) -> usize {
    len.min(isize::MAX as usize).min(usize::MAX - addr)
}

/// The caller's readable buffer, `None` for NULL.
///
/// # Safety
/// `p` is NULL or, as C requires, valid for reads of `len` bytes (or of
/// every byte the call will use, for lengths above [`clamp_len`]'s bound)
/// that nobody writes while the slice lives.
pub unsafe fn slice_from_c<'a>(p: *const u8, len: usize) -> Option<&'a [u8]> {
    if p.is_null() {
        return None;
    }
    let len = clamp_len(p as usize, len);
    // SAFETY: non-NULL, valid per the contract, and `len` is within the
    // bounds `from_raw_parts` demands (no more than isize::MAX bytes, no
    // wrap past the end of the address space).
    Some(unsafe { core::slice::from_raw_parts(p, len) })
}

/// The caller's writable buffer, `None` for NULL.
///
/// # Safety
/// As [`slice_from_c`], for writes, and nothing else reads or writes the
/// buffer while the slice lives.
pub unsafe fn slice_from_c_mut<'a>(p: *mut u8, len: usize) -> Option<&'a mut [u8]> {
    if p.is_null() {
        return None;
    }
    let len = clamp_len(p as usize, len);
    // SAFETY: as in slice_from_c; exclusive per the contract.
    Some(unsafe { core::slice::from_raw_parts_mut(p, len) })
}

/// The bytes of `words`, in memory order (a word's bytes in the target's
/// byte order). Lets safe code keep a byte ring inside a word-aligned
/// block (the TCP RX stream that C reads as a `StreamBuffer_t`).
pub fn words_as_bytes(words: &[usize]) -> &[u8] {
    let len = core::mem::size_of_val(words);
    // SAFETY: the `len` bytes from `words`' start are that slice's own
    // memory, initialised (every usize is); u8 has alignment 1 and every
    // bit pattern is a valid u8; the shared borrow of `words` is held for
    // the result's lifetime, so nobody writes them meanwhile.
    unsafe { core::slice::from_raw_parts(words.as_ptr().cast::<u8>(), len) }
}

/// The bytes of `words`, writable: any byte values leave valid usizes.
pub fn words_as_bytes_mut(words: &mut [usize]) -> &mut [u8] {
    let len = core::mem::size_of_val(words);
    // SAFETY: as in `words_as_bytes`, and every bit pattern written through
    // the bytes is a valid usize again; the exclusive borrow of `words`
    // moves to the result, so no other access overlaps it.
    unsafe { core::slice::from_raw_parts_mut(words.as_mut_ptr().cast::<u8>(), len) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_the_shorter_length() {
        let mut dst = [0u8; 4];
        assert_eq!(copy_bytes(&mut dst, b"abcdef"), 4);
        assert_eq!(&dst, b"abcd");
        let mut dst = [9u8; 4];
        assert_eq!(copy_bytes(&mut dst, b"xy"), 2);
        assert_eq!(&dst, b"xy\x09\x09");
        assert_eq!(copy_bytes(&mut [], b"xy"), 0);
    }

    #[test]
    fn c_lengths_are_clamped_to_what_a_slice_may_span() {
        assert_eq!(clamp_len(0x1000, 100), 100);
        assert_eq!(clamp_len(0x1000, usize::MAX), isize::MAX as usize);
        assert_eq!(clamp_len(usize::MAX - 10, usize::MAX), 10);
        assert_eq!(clamp_len(usize::MAX - 10, 5), 5);
        assert_eq!(clamp_len(usize::MAX, 1), 0);
    }

    #[test]
    fn c_buffers_become_slices_of_the_given_length() {
        let mut data = *b"hello";
        // SAFETY: a live 5-byte array.
        let s = unsafe { slice_from_c(data.as_ptr(), 5) };
        assert_eq!(s, Some(&b"hello"[..]));
        // SAFETY: as above, and nothing else uses `data` meanwhile.
        let m = unsafe { slice_from_c_mut(data.as_mut_ptr(), 3) };
        assert_eq!(m.map(|m| m.len()), Some(3));
        // SAFETY: NULL is refused before anything is read.
        assert!(unsafe { slice_from_c(core::ptr::null(), usize::MAX) }.is_none());
        // SAFETY: as above.
        assert!(unsafe { slice_from_c_mut(core::ptr::null_mut(), 1) }.is_none());
    }

    #[test]
    fn words_seen_as_bytes_in_memory_order() {
        let mut words = [0usize; 3];
        let w = core::mem::size_of::<usize>();
        assert_eq!(words_as_bytes(&words).len(), 3 * w);
        {
            let bytes = words_as_bytes_mut(&mut words);
            bytes[w] = 0x12;
            bytes[w + 1] = 0x34;
        }
        assert_eq!(words[0], 0);
        assert_eq!(words[1].to_ne_bytes()[..2], [0x12, 0x34]);
        words[2] = usize::from_ne_bytes([0xab; core::mem::size_of::<usize>()]);
        assert!(words_as_bytes(&words)[2 * w..].iter().all(|&b| b == 0xab));
        assert!(words_as_bytes(&[]).is_empty());
    }
}
