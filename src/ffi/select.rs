//! `FreeRTOS_select` and its socket sets (`ipconfigSUPPORT_SELECT_FUNCTION`),
//! `FreeRTOS_SignalSocket` (`ipconfigSUPPORT_SIGNALS`); reference §2.14.
//!
//! A `SocketSet_t` is a token like a `Socket_t` (slot + 1, generation << 16)
//! with bit 31 set, so a set handle is never taken for a socket, nor a
//! socket for a set; NULL, made-up, deleted and stale set handles are
//! refused (upstream dereferences them).
#[cfg(fptcp_select)]
use super::ConstSocket_t;
use super::{handle_from_c, BaseType_t, Socket_t};
use crate::os::sys;
use crate::stack::Error;

#[cfg(fptcp_select)]
use super::errno::to_c;
#[cfg(fptcp_select)]
use crate::socket::select as calls;
#[cfg(fptcp_select)]
use crate::stack::select::SetId;

/// `struct xSOCKET_SET`, opaque in the C headers; never dereferenced here.
#[cfg(fptcp_select)]
#[repr(C)]
pub struct xSOCKET_SET {
    _opaque: [u8; 0],
}

// Spelled out in the prototypes (not as aliases): the generated header is
// also compiled in configurations without select, where the C headers do
// not declare SocketSet_t.
#[cfg(fptcp_select)]
type SocketSet_t = *mut xSOCKET_SET;
#[cfg(fptcp_select)]
type ConstSocketSet_t = *const xSOCKET_SET;

/// Bit 31 of a set handle (never set in a socket handle).
#[cfg(fptcp_select)]
const SET_TAG: usize = 1 << 31;

#[cfg(fptcp_select)]
fn set_to_c(id: SetId) -> SocketSet_t {
    (SET_TAG | ((id.generation as usize) << 16) | (id.index as usize + 1)) as SocketSet_t
}

#[cfg(fptcp_select)]
fn set_from_c(s: ConstSocketSet_t) -> Option<SetId> {
    let v = s as usize;
    if v >> 31 != 1 {
        return None; // NULL, a socket handle, or wider than 32 bits
    }
    let index = (v & 0xffff).checked_sub(1)? as u16;
    let generation = ((v >> 16) & 0x7fff) as u16;
    if generation == 0 {
        return None;
    }
    Some(SetId { index, generation })
}

/// `FreeRTOS_CreateSocketSet`: NULL when the heap cannot hold it (or before
/// `FreeRTOS_IPInit`).
#[cfg(fptcp_select)]
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_CreateSocketSet() -> *mut xSOCKET_SET {
    match calls::create_set() {
        Ok(id) => set_to_c(id),
        Err(_) => core::ptr::null_mut(),
    }
}

/// `FreeRTOS_DeleteSocketSet`: its sockets leave it, a task in `select()`
/// on it returns `-EINVAL`; NULL or a stale handle is ignored.
#[cfg(fptcp_select)]
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_DeleteSocketSet(xSocketSet: *mut xSOCKET_SET) {
    if let Some(set) = set_from_c(xSocketSet) {
        calls::delete_set(set).ok();
    }
}

/// `FreeRTOS_FD_SET`: a stale socket or set is ignored (upstream asserts).
#[cfg(fptcp_select)]
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_FD_SET(xSocket: Socket_t, xSocketSet: *mut xSOCKET_SET, xBitsToSet: sys::EventBits_t) {
    if let (Some(id), Some(set)) = (handle_from_c(xSocket), set_from_c(xSocketSet)) {
        calls::fd_set(id, set, xBitsToSet as u32).ok();
    }
}

/// `FreeRTOS_FD_CLR`: a stale socket or set is ignored (upstream asserts).
#[cfg(fptcp_select)]
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_FD_CLR(xSocket: Socket_t, xSocketSet: *mut xSOCKET_SET, xBitsToClear: sys::EventBits_t) {
    if let (Some(id), Some(set)) = (handle_from_c(xSocket), set_from_c(xSocketSet)) {
        calls::fd_clr(id, set, xBitsToClear as u32).ok();
    }
}

/// `FreeRTOS_FD_ISSET`: the bits the last `select()` found ready on the
/// socket if it belongs to the set; 0 otherwise and for stale handles.
#[cfg(fptcp_select)]
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_FD_ISSET(xSocket: ConstSocket_t, xSocketSet: *const xSOCKET_SET) -> sys::EventBits_t {
    match (handle_from_c(xSocket), set_from_c(xSocketSet)) {
        (Some(id), Some(set)) => calls::fd_isset(id, set) as sys::EventBits_t,
        _ => 0,
    }
}

/// `FreeRTOS_select`: the OR of the ready bits, 0 on timeout,
/// `eSELECT_INTR` (with any ready bits) when signalled; `-EINVAL` for a
/// NULL, stale or deleted set (upstream asserts or crashes).
#[cfg(fptcp_select)]
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_select(xSocketSet: *mut xSOCKET_SET, xBlockTimeTicks: sys::TickType_t) -> BaseType_t {
    let Some(set) = set_from_c(xSocketSet) else { return to_c(Error::Invalid) as BaseType_t };
    let timeout = crate::os::kernel::block_time(xBlockTimeTicks);
    match calls::select(set, timeout) {
        Ok(bits) => bits as BaseType_t,
        Err(e) => to_c(e) as BaseType_t,
    }
}

/// `FreeRTOS_SignalSocket`: 0, or `-EINVAL` for NULL, closed or made-up
/// sockets. A socket in a set interrupts the set's `select()`; any other
/// its blocked (or next) `recv`/`recvfrom` (`-EINTR`) or `accept` (NULL).
#[cfg(fptcp_signals)]
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_SignalSocket(xSocket: Socket_t) -> BaseType_t {
    let Some(id) = handle_from_c(xSocket) else { return super::errno::to_c(Error::Invalid) as BaseType_t };
    super::errno::unit_or_errno(crate::socket::select::signal(id))
}

/// `FreeRTOS_SignalSocketFromISR`: queues the signal for the IP task
/// (pdPASS), pdFAIL when its queue is full; `-EINVAL` for NULL or
/// `FREERTOS_INVALID_SOCKET` (upstream asserts). A stale handle is found
/// out by the IP task and ignored.
#[cfg(fptcp_signals)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_SignalSocketFromISR(xSocket: Socket_t, pxHigherPriorityTaskWoken: *mut BaseType_t) -> BaseType_t {
    let Some(id) = handle_from_c(xSocket) else { return super::errno::to_c(Error::Invalid) as BaseType_t };
    let mut woken: sys::BaseType_t = 0;
    let sent = crate::ip_task::signal_from_isr(id, &mut woken);
    if woken != 0 && !pxHigherPriorityTaskWoken.is_null() {
        // SAFETY: the caller passes NULL or a valid BaseType_t.
        unsafe { *pxHigherPriorityTaskWoken = woken };
    }
    sent as BaseType_t
}
