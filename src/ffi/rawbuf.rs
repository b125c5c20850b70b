//! The rest of `NetworkBufferManagement.h` (issue #7): the descriptor
//! checks. (The raw buffer calls are in `ffi::buffers`, on `os::rawbuf`.)
use crate::os::netbuf;
use crate::os::sys;

use super::BaseType_t;

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
