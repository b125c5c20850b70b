//! The global allocator on the kernel heap (`pvPortMalloc`/`vPortFree`), as
//! upstream allocates sockets and stream buffers there.
//!
//! `pvPortMalloc` aligns to `portBYTE_ALIGNMENT`; larger alignments are met
//! by over-allocating and storing the original pointer just before the
//! aligned block.
use core::alloc::{GlobalAlloc, Layout};
use core::sync::atomic::{AtomicUsize, Ordering};

use super::sys;

pub struct KernelHeap;

/// Bytes the library's allocations hold now (sockets, streams, tables; the
/// network buffers of BufferAllocation_2 are counted by the pool), for the
/// metrics (`xFPTCP_GetStackMetrics`); counted only with
/// `ipconfigFPTCP_METRICS`.
static IN_USE: AtomicUsize = AtomicUsize::new(0);
const COUNT: bool = crate::config::FPTCP_METRICS;

/// Bytes of kernel heap the library holds now (as requested; the kernel's
/// own block headers are not counted).
pub fn in_use() -> usize {
    IN_USE.load(Ordering::Relaxed)
}

const BASE_ALIGN: usize = crate::config::BYTE_ALIGNMENT;
const PTR: usize = core::mem::size_of::<usize>();

// SAFETY: every pointer handed out comes from pvPortMalloc and is given back
// to vPortFree exactly once (by `dealloc`); alignment is honoured as
// explained in the module comment.
unsafe impl GlobalAlloc for KernelHeap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= BASE_ALIGN {
            // SAFETY: plain kernel allocation; NULL is returned on failure.
            let p: *mut u8 = unsafe { sys::pvPortMalloc(layout.size() as _) }.cast();
            if COUNT && !p.is_null() {
                IN_USE.fetch_add(layout.size(), Ordering::Relaxed);
            }
            return p;
        }
        let total = layout.size() + layout.align() + PTR;
        // SAFETY: as above.
        let raw = unsafe { sys::pvPortMalloc(total as _) }.cast::<u8>();
        if raw.is_null() {
            return raw;
        }
        let start = raw as usize + PTR;
        let aligned = (start + layout.align() - 1) & !(layout.align() - 1);
        // SAFETY: `aligned - PTR >= raw` and `aligned + size <= raw + total`,
        // so both the stored pointer and the block lie inside the allocation.
        unsafe { ((aligned - PTR) as *mut usize).write_unaligned(raw as usize) };
        if COUNT {
            IN_USE.fetch_add(layout.size(), Ordering::Relaxed);
        }
        aligned as *mut u8
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if COUNT {
            IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        if layout.align() <= BASE_ALIGN {
            // SAFETY: `ptr` came from pvPortMalloc in `alloc`.
            unsafe { sys::vPortFree(ptr.cast()) };
            return;
        }
        // SAFETY: `alloc` stored the original pointer right before `ptr`.
        let raw = unsafe { ((ptr as usize - PTR) as *const usize).read_unaligned() };
        // SAFETY: `raw` is the pointer pvPortMalloc returned.
        unsafe { sys::vPortFree(raw as *mut _) };
    }
}

#[global_allocator]
static HEAP: KernelHeap = KernelHeap;
