//! Network buffer management for drivers (reference §6.3). The pool itself
//! is `os::netbuf`.
use crate::os::netbuf;
use crate::os::sys;

use super::BaseType_t;

#[unsafe(no_mangle)]
pub extern "C" fn pxGetNetworkBufferWithDescriptor(xRequestedSizeBytes: usize, xBlockTimeTicks: sys::TickType_t) -> *mut sys::NetworkBufferDescriptor_t {
    netbuf::get(xRequestedSizeBytes, xBlockTimeTicks)
}

/// COMPAT: a pointer that is not one of our descriptors, or one already
/// released, is ignored (and counted) instead of corrupting the pool.
#[unsafe(no_mangle)]
pub extern "C" fn vReleaseNetworkBufferAndDescriptor(pxNetworkBuffer: *mut sys::NetworkBufferDescriptor_t) {
    netbuf::release(pxNetworkBuffer);
}

#[unsafe(no_mangle)]
pub extern "C" fn pxResizeNetworkBufferWithDescriptor(pxNetworkBuffer: *mut sys::NetworkBufferDescriptor_t, xNewSizeBytes: usize) -> *mut sys::NetworkBufferDescriptor_t {
    netbuf::resize(pxNetworkBuffer, xNewSizeBytes)
}

#[unsafe(no_mangle)]
pub extern "C" fn pxDuplicateNetworkBufferWithDescriptor(pxNetworkBuffer: *const sys::NetworkBufferDescriptor_t, uxNewLength: usize) -> *mut sys::NetworkBufferDescriptor_t {
    netbuf::duplicate(pxNetworkBuffer, uxNewLength)
}

#[unsafe(no_mangle)]
pub extern "C" fn uxGetNumberOfFreeNetworkBuffers() -> sys::UBaseType_t {
    netbuf::free_count() as sys::UBaseType_t
}

#[unsafe(no_mangle)]
pub extern "C" fn uxGetMinimumFreeNetworkBuffers() -> sys::UBaseType_t {
    netbuf::min_free() as sys::UBaseType_t
}

/// `xNetworkBuffersInitialise`: pdPASS once the pool exists.
#[unsafe(no_mangle)]
pub extern "C" fn xNetworkBuffersInitialise() -> BaseType_t {
    netbuf::init() as BaseType_t
}

/// `pxNetworkBufferGetFromISR`: BufferAllocation_1 only (as upstream).
#[cfg(fptcp_buffer_allocation_1)]
#[unsafe(no_mangle)]
pub extern "C" fn pxNetworkBufferGetFromISR(xRequestedSizeBytes: usize) -> *mut sys::NetworkBufferDescriptor_t {
    netbuf::get_from_isr(xRequestedSizeBytes)
}

/// `vNetworkBufferReleaseFromISR`: BufferAllocation_1 only; returns
/// whether a higher-priority task was woken (the `v` prefix notwithstanding).
#[cfg(fptcp_buffer_allocation_1)]
#[unsafe(no_mangle)]
pub extern "C" fn vNetworkBufferReleaseFromISR(pxNetworkBuffer: *mut sys::NetworkBufferDescriptor_t) -> BaseType_t {
    netbuf::release_from_isr(pxNetworkBuffer)
}

/// `pucGetNetworkBuffer`: BufferAllocation_2 only (as upstream), for
/// zero-copy drivers that put fresh buffers into their receive ring: a
/// buffer laid out as the pool's own (`os::rawbuf`), so that releasing the
/// descriptor a driver hangs it on frees it. A NULL size pointer gives NULL.
#[cfg(not(fptcp_buffer_allocation_1))]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn pucGetNetworkBuffer(pxRequestedSizeBytes: *mut usize) -> *mut u8 {
    if pxRequestedSizeBytes.is_null() {
        return core::ptr::null_mut();
    }
    // SAFETY: the caller passes a valid, writable size_t (checked non-NULL).
    let size = unsafe { &mut *pxRequestedSizeBytes };
    crate::os::rawbuf::get(size)
}

/// `vReleaseNetworkBuffer`: BufferAllocation_2 only. COMPAT: a buffer that
/// a descriptor in use still points at, one released already or a foreign
/// pointer is not freed (counted instead; `os::rawbuf::release`).
#[cfg(not(fptcp_buffer_allocation_1))]
#[unsafe(no_mangle)]
pub extern "C" fn vReleaseNetworkBuffer(pucEthernetBuffer: *mut u8) {
    crate::os::rawbuf::release(pucEthernetBuffer);
}
