//! BufferAllocation_2's raw Ethernet buffers (`pucGetNetworkBuffer`,
//! `vReleaseNetworkBuffer`): heap blocks laid out as the pool's own
//! buffers (`ipBUFFER_PADDING` bytes in front of the frame, the first word
//! of them for the back-pointer), so a driver may hang one on a descriptor
//! (`pucEthernetBuffer`) and `vReleaseNetworkBufferAndDescriptor` frees it,
//! as upstream.
//!
//! Until a driver writes a back-pointer there, the word in front holds a
//! tag derived from the block's address: `release` frees only blocks with
//! the tag or with a back-pointer to one of the pool's descriptors that no
//! longer holds the buffer, and ignores (and counts, `netbuf::BAD_RELEASES`)
//! anything else: the Ethernet buffer of a descriptor in use, a block
//! released already (its tag is cleared), a pointer into the middle of one.
//! Like upstream it reads the word in front of the pointer it is given.
#![cfg(not(fptcp_buffer_allocation_1))]

use core::sync::atomic::Ordering;

use super::netbuf;
use super::sys;
use crate::config;

const PADDING: usize = config::BUFFER_PADDING;
/// upstream's `baMINIMAL_BUFFER_SIZE`: a TCP packet with 12 bytes of
/// options (66), or an ARP packet (42) without TCP.
const MINIMUM: usize = if config::USE_TCP { 66 } else { 42 };
const TAG: usize = 0x5241_5742;

fn tag(block: *const u8) -> usize {
    TAG ^ block as usize
}

/// `pucGetNetworkBuffer`: a buffer of at least `*size` bytes (raised to
/// the minimum, rounded up to `sizeof(size_t)`, written back), or null
/// when the heap is full or the size absurd.
pub fn get(size: &mut usize) -> *mut u8 {
    let align = core::mem::size_of::<usize>();
    let Some(bytes) = (*size).max(MINIMUM).checked_next_multiple_of(align) else { return core::ptr::null_mut() };
    let Some(total) = bytes.checked_add(PADDING).filter(|&t| t <= usize::MAX >> 1) else { return core::ptr::null_mut() };
    // SAFETY: plain kernel allocation.
    let block = unsafe { sys::pvPortMalloc(total as _) }.cast::<u8>();
    if block.is_null() {
        return block;
    }
    *size = bytes;
    // SAFETY: the block has PADDING (>= one word) bytes in front of the
    // frame; the tag goes in the back-pointer's place.
    unsafe {
        (block as *mut usize).write_unaligned(tag(block));
        block.add(PADDING)
    }
}

/// `vReleaseNetworkBuffer`; false when the pointer was refused.
pub fn release(buf: *mut u8) -> bool {
    if buf.is_null() {
        return true;
    }
    let refuse = || {
        netbuf::BAD_RELEASES.fetch_add(1, Ordering::Relaxed);
        false
    };
    if (buf as usize) < PADDING || netbuf::find_by_frame(buf).is_some() {
        return refuse();
    }
    // SAFETY: the address is at least PADDING; the caller passes a buffer
    // from `pucGetNetworkBuffer` (the word in front is then ours; upstream
    // reads it too).
    let block = unsafe { buf.sub(PADDING) };
    // SAFETY: as above.
    let word = unsafe { (block as *const usize).read_unaligned() };
    let ours = word == tag(block) || netbuf::descriptor_state(word as *const netbuf::Descriptor).is_some();
    if !ours {
        return refuse();
    }
    // SAFETY: a block from `get` (or one the pool's layout allocated), not
    // freed yet (its tag or back-pointer is still there); `free_block`
    // clears that word, so a second release is refused.
    unsafe { netbuf::free_block(buf) };
    true
}
