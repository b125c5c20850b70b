//! The `uxStreamBuffer*` helpers of `FreeRTOS_Stream_Buffer.h` over a
//! `StreamBuffer_t` the caller allocated (`LENGTH` bytes of `ucArray`
//! follow the struct's header). Drivers and applications written for
//! upstream call them; the library's own TCP streams are Rust (`tcp/`).
//!
//! Each export reads the struct's fields, asks `crate::stream_buffer` where
//! bytes go, copies through raw pointers and writes the new positions back.
//! A NULL struct, `LENGTH` 0 or a position outside the array reads as an
//! empty stream: sizes are 0 and nothing is copied or moved (upstream
//! would divide the array wrongly or copy outside it; COMPAT.md).
use core::ptr::{self, addr_of, addr_of_mut};

use super::BaseType_t;
use crate::os::kernel::Critical;
use crate::os::sys;
use crate::stream_buffer::{self as sb, Indices, Runs};

/// The positions and length of `p`; None for NULL.
///
/// # Safety
/// `p` must be NULL or point to a readable `StreamBuffer_t`.
unsafe fn load(p: *const sys::xSTREAM_BUFFER) -> Option<Indices> {
    if p.is_null() {
        return None;
    }
    // SAFETY: per the contract; the positions are `volatile` in C (another
    // task may move them), so each is read once, as it is now.
    unsafe {
        Some(Indices {
            tail: ptr::read_volatile(addr_of!((*p).uxTail)),
            mid: ptr::read_volatile(addr_of!((*p).uxMid)),
            head: ptr::read_volatile(addr_of!((*p).uxHead)),
            front: ptr::read_volatile(addr_of!((*p).uxFront)),
            length: ptr::read_volatile(addr_of!((*p).LENGTH)),
        })
    }
}

/// The start of `ucArray` (which runs on for `LENGTH` bytes past the
/// declared 8).
///
/// # Safety
/// `p` must point to a `StreamBuffer_t`.
unsafe fn array(p: *mut sys::xSTREAM_BUFFER) -> *mut u8 {
    // SAFETY: only the field's address is taken.
    unsafe { addr_of_mut!((*p).ucArray).cast::<u8>() }
}

/// `uxStreamBufferSpace`: free bytes from `uxLower` to `uxUpper`, one kept free.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn uxStreamBufferSpace(pxBuffer: *const sys::xSTREAM_BUFFER, uxLower: usize, uxUpper: usize) -> usize {
    // SAFETY: the caller passes NULL or a valid stream buffer.
    unsafe { load(pxBuffer) }.map_or(0, |ix| sb::space(ix.length, uxLower, uxUpper))
}

/// `uxStreamBufferDistance`: bytes from `uxLower` forward to `uxUpper`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn uxStreamBufferDistance(pxBuffer: *const sys::xSTREAM_BUFFER, uxLower: usize, uxUpper: usize) -> usize {
    // SAFETY: the caller passes NULL or a valid stream buffer.
    unsafe { load(pxBuffer) }.map_or(0, |ix| sb::distance(ix.length, uxLower, uxUpper))
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn uxStreamBufferGetSpace(pxBuffer: *const sys::xSTREAM_BUFFER) -> usize {
    // SAFETY: the caller passes NULL or a valid stream buffer.
    unsafe { load(pxBuffer) }.map_or(0, |ix| ix.free_space())
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn uxStreamBufferFrontSpace(pxBuffer: *const sys::xSTREAM_BUFFER) -> usize {
    // SAFETY: the caller passes NULL or a valid stream buffer.
    unsafe { load(pxBuffer) }.map_or(0, |ix| ix.front_space())
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn uxStreamBufferGetSize(pxBuffer: *const sys::xSTREAM_BUFFER) -> usize {
    // SAFETY: the caller passes NULL or a valid stream buffer.
    unsafe { load(pxBuffer) }.map_or(0, |ix| ix.size())
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn uxStreamBufferMidSpace(pxBuffer: *const sys::xSTREAM_BUFFER) -> usize {
    // SAFETY: the caller passes NULL or a valid stream buffer.
    unsafe { load(pxBuffer) }.map_or(0, |ix| ix.mid_space())
}

/// `vStreamBufferClear`: every position back to 0 (LENGTH kept).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vStreamBufferClear(pxBuffer: *mut sys::xSTREAM_BUFFER) {
    if pxBuffer.is_null() {
        return;
    }
    // SAFETY: non-NULL, so a valid stream buffer per the caller's contract.
    unsafe {
        ptr::write_volatile(addr_of_mut!((*pxBuffer).uxHead), 0);
        ptr::write_volatile(addr_of_mut!((*pxBuffer).uxTail), 0);
        ptr::write_volatile(addr_of_mut!((*pxBuffer).uxFront), 0);
        ptr::write_volatile(addr_of_mut!((*pxBuffer).uxMid), 0);
    }
}

/// `vStreamBufferMoveMid`: `uxMid` forward by `uxCount`, never past `uxHead`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vStreamBufferMoveMid(pxBuffer: *mut sys::xSTREAM_BUFFER, uxCount: usize) {
    // SAFETY: the caller passes NULL or a valid stream buffer.
    let Some(mid) = (unsafe { load(pxBuffer) }).and_then(|ix| ix.move_mid(uxCount)) else { return };
    // SAFETY: load returned Some, so the pointer is not NULL.
    unsafe { ptr::write_volatile(addr_of_mut!((*pxBuffer).uxMid), mid) };
}

/// `xStreamBufferLessThenEqual`: pdTRUE when `uxLeft` is at or before
/// `uxRight`, counting from `uxTail`; pdFALSE for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn xStreamBufferLessThenEqual(pxBuffer: *const sys::xSTREAM_BUFFER, uxLeft: usize, uxRight: usize) -> BaseType_t {
    // SAFETY: the caller passes NULL or a valid stream buffer.
    unsafe { load(pxBuffer) }.is_some_and(|ix| sb::less_or_equal(ix.tail, uxLeft, uxRight)) as BaseType_t
}

/// `uxStreamBufferGetPtr`: `*ppucData` = the first readable byte; returns
/// how many can be read there without wrapping. An unusable stream gives
/// 0 and the start of its array (NULL for a NULL stream).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn uxStreamBufferGetPtr(pxBuffer: *mut sys::xSTREAM_BUFFER, ppucData: *mut *mut u8) -> usize {
    if ppucData.is_null() {
        return 0;
    }
    // SAFETY: the caller passes NULL or a valid stream buffer.
    let run = unsafe { load(pxBuffer) }.and_then(|ix| ix.readable_run());
    // SAFETY: ppucData is writable (non-NULL, per the prototype); the run
    // starts inside the array, whose LENGTH bytes the caller allocated.
    unsafe {
        *ppucData = match run {
            Some(r) => array(pxBuffer).add(r.start),
            None if pxBuffer.is_null() => ptr::null_mut(),
            None => array(pxBuffer),
        };
    }
    run.map_or(0, |r| r.len)
}

/// Copies between `outside` and the stream's array along `runs`
/// (`into_array`: towards the array).
///
/// # Safety
/// `p` is a valid stream buffer whose array holds its LENGTH bytes, the
/// runs lie inside it, and `outside` is valid for `runs.total()` bytes.
unsafe fn copy(p: *mut sys::xSTREAM_BUFFER, runs: Runs, outside: *mut u8, into_array: bool) {
    // SAFETY: per the contract. `ptr::copy`, not `copy_nonoverlapping`:
    // nothing stops a caller from passing memory inside the array itself
    // (e.g. `uxStreamBufferGet(p, 0, p->ucArray, n, ..)`), where upstream's
    // memcpy would be undefined; a move is defined for any overlap.
    unsafe {
        let a = array(p);
        for (run, at) in [(runs.first, 0), (runs.second, runs.first.len)] {
            if run.len == 0 {
                continue;
            }
            let inside = a.add(run.start);
            let other = outside.add(at);
            if into_array {
                ptr::copy(other, inside, run.len);
            } else {
                ptr::copy(inside, other, run.len);
            }
        }
    }
}

/// `uxStreamBufferAdd`: stores up to `uxByteCount` bytes at `uxOffset`
/// past `uxHead` (pucData NULL: only the positions move); returns how many.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn uxStreamBufferAdd(pxBuffer: *mut sys::xSTREAM_BUFFER, uxOffset: usize, pucData: *const u8, uxByteCount: usize) -> usize {
    // SAFETY: the caller passes NULL or a valid stream buffer.
    let Some(plan) = (unsafe { load(pxBuffer) }).and_then(|ix| ix.add(uxOffset, uxByteCount)) else { return 0 };
    if !pucData.is_null() {
        // SAFETY: the runs lie in the array (stream_buffer checks the
        // positions against LENGTH); pucData holds uxByteCount >= total bytes.
        unsafe { copy(pxBuffer, plan.runs, pucData.cast_mut(), true) };
    }
    // A reader on another task sees head and front change together, as
    // upstream's critical section guarantees.
    let _cs = Critical::enter();
    // SAFETY: non-NULL (load succeeded).
    unsafe {
        if uxOffset == 0 {
            ptr::write_volatile(addr_of_mut!((*pxBuffer).uxHead), plan.head);
        }
        // Re-read front: another writer may have moved it since `load`.
        let front = ptr::read_volatile(addr_of!((*pxBuffer).uxFront));
        let tail = ptr::read_volatile(addr_of!((*pxBuffer).uxTail));
        if sb::less_or_equal(tail, front, plan.end) {
            ptr::write_volatile(addr_of_mut!((*pxBuffer).uxFront), plan.end);
        }
    }
    plan.runs.total()
}

/// `uxStreamBufferGet`: copies up to `uxMaxCount` bytes from `uxOffset`
/// past `uxTail` (pucData NULL: discard); consumes them unless `xPeek` or
/// an offset; returns how many.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn uxStreamBufferGet(pxBuffer: *mut sys::xSTREAM_BUFFER, uxOffset: usize, pucData: *mut u8, uxMaxCount: usize, xPeek: BaseType_t) -> usize {
    let peek = xPeek != 0;
    // SAFETY: the caller passes NULL or a valid stream buffer.
    let Some(plan) = (unsafe { load(pxBuffer) }).and_then(|ix| ix.get(uxOffset, uxMaxCount, peek)) else { return 0 };
    if !pucData.is_null() {
        // SAFETY: the runs lie in the array; pucData has room for
        // uxMaxCount >= total bytes.
        unsafe { copy(pxBuffer, plan.runs, pucData, false) };
    }
    if !peek && uxOffset == 0 {
        // SAFETY: non-NULL (load succeeded).
        unsafe { ptr::write_volatile(addr_of_mut!((*pxBuffer).uxTail), plan.tail) };
    }
    plan.runs.total()
}
