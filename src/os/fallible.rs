//! Allocation that reports failure instead of aborting.
//!
//! `Box::new` and `Vec::push` end in `handle_alloc_error` (a panic, then the
//! application's assert) when the heap is exhausted. On a 256 KB board the
//! FreeRTOS heap running out is an expected condition: upstream answers it
//! with `FREERTOS_INVALID_SOCKET` or a refused connection, and so must we.
//! These helpers are the only way the stack allocates single objects and
//! grows vectors; they report when the heap says no. Keeping the
//! panicking paths out of the image also keeps core's formatting out of it.
//!
//! The stable standard library has no `Box::try_new` or
//! `Vec::push_within_capacity` yet, hence the small `unsafe` blocks here.
use alloc::alloc::{alloc, alloc_zeroed, Layout};
use alloc::boxed::Box;
use alloc::vec::Vec;

/// A new heap block holding what `make` builds, or None when the heap is
/// exhausted (then `make` is not called). The value is built after the
/// allocation succeeded, straight into the block where the compiler can:
/// a socket's state is about 600 bytes, too much to stage on a small task
/// stack and then copy.
#[inline(always)]
pub fn try_box_with<T>(make: impl FnOnce() -> T) -> Option<Box<T>> {
    let layout = Layout::new::<T>();
    if layout.size() == 0 {
        // Nothing is allocated for a zero-sized value.
        return Some(Box::new(make()));
    }
    // SAFETY: `layout` has a non-zero size, as `alloc` requires.
    let block = unsafe { alloc(layout) }.cast::<T>();
    if block.is_null() {
        return None;
    }
    // SAFETY: `block` is non-null, aligned for `T` and valid for a write of
    // `size_of::<T>()` bytes; after the write it holds a valid `T` in memory
    // the global allocator gave out with `T`'s layout, which is exactly what
    // `Box::from_raw` needs to own (and later free) it.
    unsafe {
        block.write(make());
        Some(Box::from_raw(block))
    }
}

/// A zero-filled byte buffer of exactly `len` bytes, or None when the heap
/// cannot hold it (stream buffers: kilobytes, allocated when a connection
/// first needs them).
pub fn try_zeroed_bytes(len: usize) -> Option<Box<[u8]>> {
    if len == 0 {
        return Some(Box::default());
    }
    // Fails (None) beyond isize::MAX bytes.
    let layout = Layout::array::<u8>(len).ok()?;
    // SAFETY: `layout` has a non-zero size, as `alloc_zeroed` requires.
    let block = unsafe { alloc_zeroed(layout) };
    if block.is_null() {
        return None;
    }
    // SAFETY: `block` comes from the global allocator with the layout of a
    // `[u8]` of `len` bytes, all initialised (zero), which is what a boxed
    // slice of that length owns and frees.
    Some(unsafe { Box::from_raw(core::ptr::slice_from_raw_parts_mut(block, len)) })
}

/// A zero-filled block of exactly `len` machine words, or None when the
/// heap cannot hold it. A TCP RX stream lives in one (`tcp::stream`): C
/// reads it as a `StreamBuffer_t`, whose `size_t` fields need the word
/// alignment a byte buffer would not guarantee. Freed by the box with the
/// same layout (`[usize; len]`) it was allocated with.
pub fn try_zeroed_words(len: usize) -> Option<Box<[usize]>> {
    if len == 0 {
        return Some(Box::default());
    }
    // Fails (None) beyond isize::MAX bytes.
    let layout = Layout::array::<usize>(len).ok()?;
    // SAFETY: `layout` has a non-zero size, as `alloc_zeroed` requires.
    let block = unsafe { alloc_zeroed(layout) }.cast::<usize>();
    if block.is_null() {
        return None;
    }
    // SAFETY: `block` comes from the global allocator with the layout of a
    // `[usize]` of `len` words (so it is aligned for usize), all
    // initialised (zero is a valid usize), which is what a boxed slice of
    // that length owns and frees with that same layout.
    Some(unsafe { Box::from_raw(core::ptr::slice_from_raw_parts_mut(block, len)) })
}

/// Appends `value` to `vec`, or gives it back when growing the vector fails.
/// Inlined: each caller pushes one type from one place and drops what it
/// gets back, so the copy of `value` into the `Err` goes away.
#[inline(always)]
pub fn try_push<T>(vec: &mut Vec<T>, value: T) -> Result<(), T> {
    // Growing fails only when there is no spare slot, and leaves none: the
    // one check below covers both (one test fewer in every copy).
    let _ = vec.try_reserve(1);
    let Some(slot) = vec.spare_capacity_mut().first_mut() else {
        return Err(value);
    };
    slot.write(value);
    let len = vec.len() + 1;
    // SAFETY: the element at the old length, the first spare slot, was just
    // initialised, and `try_reserve` made the capacity at least `len`.
    unsafe { vec.set_len(len) };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_and_pushes() {
        let b = try_box_with(|| [7u8; 100]).unwrap();
        assert_eq!(b[99], 7);
        let z = try_box_with(|| ()).unwrap();
        assert_eq!(*z, ());
        let mut v = Vec::new();
        for i in 0..1000u32 {
            try_push(&mut v, i).unwrap();
        }
        assert_eq!(v.len(), 1000);
        assert!(v.iter().enumerate().all(|(i, &x)| x == i as u32));
        let z = try_zeroed_bytes(5840).unwrap();
        assert_eq!(z.len(), 5840);
        assert!(z.iter().all(|&b| b == 0));
        assert!(try_zeroed_bytes(0).unwrap().is_empty());
        assert!(try_zeroed_bytes(usize::MAX).is_none());
        let w = try_zeroed_words(731).unwrap();
        assert_eq!(w.len(), 731);
        assert!(w.iter().all(|&x| x == 0));
        assert_eq!(w.as_ptr() as usize % core::mem::align_of::<usize>(), 0);
        assert!(try_zeroed_words(0).unwrap().is_empty());
        assert!(try_zeroed_words(usize::MAX).is_none());
    }
}
