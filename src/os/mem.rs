//! Byte copies that compile to `memcpy` and cannot panic.
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
}
