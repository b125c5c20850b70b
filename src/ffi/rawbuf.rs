//! The rest of `NetworkBufferManagement.h` (issue #7): BufferAllocation_2's
//! raw buffers (`os::rawbuf`) and the descriptor checks.
use crate::os::netbuf;
use crate::os::sys;

use super::BaseType_t;

/// `pucGetNetworkBuffer` (BufferAllocation_2, as upstream): an Ethernet
/// buffer of at least `*pxRequestedSizeBytes` bytes from the heap, with
/// `ipBUFFER_PADDING` bytes in front; the size actually given is written
/// back. NULL for a NULL size pointer (upstream dereferences it) or a full
/// heap (upstream also asserts).
#[cfg(not(fptcp_buffer_allocation_1))]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn pucGetNetworkBuffer(pxRequestedSizeBytes: *mut usize) -> *mut u8 {
    if pxRequestedSizeBytes.is_null() {
        return core::ptr::null_mut();
    }
    // SAFETY: a non-NULL pointer from the caller to a size_t.
    let mut size = unsafe { pxRequestedSizeBytes.read_unaligned() };
    let buf = crate::os::rawbuf::get(&mut size);
    if !buf.is_null() {
        // SAFETY: as above.
        unsafe { pxRequestedSizeBytes.write_unaligned(size) };
    }
    buf
}

/// `vReleaseNetworkBuffer` (BufferAllocation_2): frees a buffer from
/// `pucGetNetworkBuffer`. NULL does nothing; the buffer of a descriptor in
/// use, a buffer released already or a pointer that did not come from
/// `pucGetNetworkBuffer` is ignored and counted (upstream frees it).
#[cfg(not(fptcp_buffer_allocation_1))]
#[unsafe(no_mangle)]
pub extern "C" fn vReleaseNetworkBuffer(pucEthernetBuffer: *mut u8) {
    crate::os::rawbuf::release(pucEthernetBuffer);
}

/// `bIsValidNetworkDescriptor`: pdTRUE for one of the pool's descriptors
/// (handed out or free), pdFALSE for any other pointer. Upstream has it in
/// BufferAllocation_1 with `ipconfigTCP_IP_SANITY`; exported here in every
/// build.
#[unsafe(no_mangle)]
pub extern "C" fn bIsValidNetworkDescriptor(pxDesc: *const sys::NetworkBufferDescriptor_t) -> sys::UBaseType_t {
    netbuf::descriptor_state(pxDesc).is_some() as sys::UBaseType_t
}

/// `prvIsFreeBuffer`: pdTRUE for one of the pool's descriptors that is
/// free; pdFALSE for one handed out or any other pointer.
#[unsafe(no_mangle)]
pub extern "C" fn prvIsFreeBuffer(pxDescr: *const sys::NetworkBufferDescriptor_t) -> BaseType_t {
    (netbuf::descriptor_state(pxDescr) == Some(false)) as BaseType_t
}
