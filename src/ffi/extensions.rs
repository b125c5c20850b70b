//! The exports of include/fptcp_extensions.h: what this library offers
//! beyond upstream (COMPAT.md "Functions of this library").

#[cfg(fptcp_metrics)]
use super::errno::to_c;
#[cfg(fptcp_metrics)]
use super::BaseType_t;
#[cfg(fptcp_metrics)]
use crate::socket::metrics;
#[cfg(fptcp_metrics)]
use crate::stack::metrics::{SocketMetrics, StackMetrics};
#[cfg(fptcp_metrics)]
use crate::stack::Error;

/// `xFPTCP_GetStackMetrics`: fills `*pxMetrics` with the stack's counters,
/// buffer and heap figures; pdPASS, or pdFAIL for NULL or before
/// `FreeRTOS_IPInit_Multi()`. Only with `ipconfigFPTCP_METRICS` 1.
#[cfg(fptcp_metrics)]
#[unsafe(no_mangle)]
pub extern "C" fn xFPTCP_GetStackMetrics(pxMetrics: *mut StackMetrics) -> BaseType_t {
    if pxMetrics.is_null() {
        return 0;
    }
    match metrics::stack_metrics() {
        Ok(m) => {
            // SAFETY: the caller passes a writable FPTCP_StackMetrics_t (same
            // layout, asserted in stack::metrics and by the C tests);
            // unaligned in case it sits inside a packed record.
            unsafe { pxMetrics.write_unaligned(m) };
            1
        }
        Err(_) => 0,
    }
}

/// `xFPTCP_GetSocketMetrics`: the figures of up to `xMaxSockets` sockets
/// into `pxSockets`; returns how many sockets there are (more than
/// `xMaxSockets` when the array was too short), or `-pdFREERTOS_ERRNO_EINVAL`
/// for a NULL array with `xMaxSockets` > 0, a negative `xMaxSockets`, or
/// before `FreeRTOS_IPInit_Multi()`. Only with `ipconfigFPTCP_METRICS` 1.
#[cfg(fptcp_metrics)]
#[unsafe(no_mangle)]
pub extern "C" fn xFPTCP_GetSocketMetrics(pxSockets: *mut SocketMetrics, xMaxSockets: BaseType_t) -> BaseType_t {
    let invalid = to_c(Error::Invalid) as BaseType_t;
    if xMaxSockets < 0 || (pxSockets.is_null() && xMaxSockets > 0) {
        return invalid;
    }
    let room = if pxSockets.is_null() { 0 } else { xMaxSockets as usize };
    // Element by element, only as many as there are sockets: no slice of
    // the claimed length (xMaxSockets may be absurd, e.g. LONG_MAX).
    let write = |i: usize, m: SocketMetrics| {
        if i < room {
            // SAFETY: the caller passes an array of xMaxSockets
            // FPTCP_SocketMetrics_t (a typed C array: aligned, same layout
            // as asserted in stack::metrics); i is below that count.
            unsafe { pxSockets.add(i).write(m) };
        }
    };
    match metrics::socket_metrics(write) {
        Ok(n) => n.min(BaseType_t::MAX as usize) as BaseType_t,
        Err(_) => invalid,
    }
}

/// `vFPTCP_SetPcapHook` (only with `ipconfigFPTCP_PCAP_CAPTURE` 1): every
/// frame received or sent goes to `pxHook` as a pcap record (16-byte
/// header, then the frame); NULL stops the capture. The hook runs with the
/// stack's lock held and must not call the FreeRTOS+TCP API.
#[cfg(fptcp_pcap)]
#[unsafe(no_mangle)]
pub extern "C" fn vFPTCP_SetPcapHook(
    pxHook: Option<unsafe extern "C" fn(*mut core::ffi::c_void, *const u8, *const u8, usize)>,
    pvContext: *mut core::ffi::c_void,
) {
    // Under the stack's lock when there is a stack, so that no capture runs
    // while the pair changes (os::pcap).
    let set = || crate::os::pcap::set_hook(pxHook, pvContext);
    if crate::ip_task::with_stack(|_| set()).is_none() {
        set();
    }
}

/// `uxFPTCP_PcapFileHeader`: writes the 24-byte pcap file header
/// (microsecond timestamps, Ethernet) into `pucBuffer`; returns 24, or 0
/// when the buffer is NULL or shorter.
#[unsafe(no_mangle)]
pub extern "C" fn uxFPTCP_PcapFileHeader(pucBuffer: *mut u8, uxLength: usize) -> usize {
    let header = crate::os::pcap::file_header();
    if pucBuffer.is_null() || uxLength < header.len() {
        return 0;
    }
    // SAFETY: the caller's buffer holds uxLength >= 24 writable bytes.
    let dst = unsafe { core::slice::from_raw_parts_mut(pucBuffer, header.len()) };
    crate::os::mem::copy_bytes(dst, &header);
    header.len()
}
