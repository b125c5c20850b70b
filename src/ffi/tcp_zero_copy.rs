//! TCP zero-copy exports (reference §2.8, §2.9, §1.4 TCP list; issue #8):
//! `FreeRTOS_recv(.., FREERTOS_ZERO_COPY)` (called from `sockets.rs`),
//! `FreeRTOS_ReleaseTCPPayloadBuffer`, `FreeRTOS_get_tx_head`,
//! `FreeRTOS_get_tx_base`, `FreeRTOS_get_rx_buf`. The pointers handed out
//! point into the socket's stream buffers; COMPAT.md ("TCP zero-copy") says
//! how long they stay valid.
use core::ffi::c_void;

use super::errno::to_c;
use super::{handle_from_c, BaseType_t, ConstSocket_t, Socket_t};
use crate::os::sys;
use crate::socket;
use crate::stack::Error;

/// The zero-copy branch of `FreeRTOS_recv`: `pvBuffer` is a `uint8_t **`.
pub(super) fn recv_zero_copy(id: crate::stack::SocketId, pvBuffer: *mut c_void, xFlags: BaseType_t) -> BaseType_t {
    if pvBuffer.is_null() {
        return to_c(Error::Invalid) as BaseType_t;
    }
    match socket::recv_zero_copy(id, xFlags as i64) {
        Ok(Some((addr, n))) => {
            // SAFETY: with FREERTOS_ZERO_COPY, pvBuffer is a non-NULL
            // `uint8_t **` (checked above), writable per the API contract.
            unsafe { *pvBuffer.cast::<*mut u8>() = addr as *mut u8 };
            n as BaseType_t
        }
        Ok(None) => 0,
        Err(e) => to_c(e) as BaseType_t,
    }
}

/// `FreeRTOS_ReleaseTCPPayloadBuffer`: pdPASS when `xByteCount` bytes at
/// `pvBuffer` (what a zero-copy `recv` returned) were consumed; pdFAIL for
/// any other pointer or a count beyond what lies there (upstream asserts
/// instead), with nothing consumed.
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_ReleaseTCPPayloadBuffer(
    xSocket: Socket_t,
    pvBuffer: *const c_void,
    xByteCount: BaseType_t,
) -> BaseType_t {
    let Some(id) = handle_from_c(xSocket) else { return 0 };
    if pvBuffer.is_null() || xByteCount < 0 {
        return 0;
    }
    match socket::release_rx(id, pvBuffer as usize, xByteCount as usize) {
        Ok(true) => 1,
        _ => 0,
    }
}

/// `FreeRTOS_get_tx_head`: the TX stream's head (created if needed) and,
/// in `*pxLength`, the free bytes from there to the buffer's end; NULL
/// and 0 for a socket that is not TCP or a stream the heap cannot hold.
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_get_tx_head(xSocket: Socket_t, pxLength: *mut BaseType_t) -> *mut u8 {
    let got = handle_from_c(xSocket).map(socket::tx_head);
    let (ptr, len) = match got {
        Some(Ok((addr, len))) => (addr as *mut u8, len),
        _ => (core::ptr::null_mut(), 0),
    };
    if !pxLength.is_null() {
        // SAFETY: the caller passes a valid BaseType_t out-parameter
        // (upstream writes it unconditionally; NULL is skipped here).
        unsafe { *pxLength = len.min(BaseType_t::MAX as usize) as BaseType_t };
    }
    ptr
}

/// `FreeRTOS_get_tx_base`: where the TX stream's buffer starts (created
/// if needed); NULL for a socket that is not TCP or no heap.
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_get_tx_base(xSocket: Socket_t) -> *mut u8 {
    match handle_from_c(xSocket).map(socket::tx_base) {
        Some(Ok(addr)) => addr as *mut u8,
        _ => core::ptr::null_mut(),
    }
}

// The RX stream's header words (tcp::stream) are the C struct's fields, in
// its order, and the ring bytes start where `ucArray` does.
const _: () = {
    use crate::tcp::stream as st;
    use core::mem::{offset_of, size_of};
    const W: usize = size_of::<usize>();
    assert!(size_of::<sys::xSTREAM_BUFFER>() == (st::HEADER_WORDS + 1) * W);
    assert!(offset_of!(sys::xSTREAM_BUFFER, uxTail) == st::HDR_TAIL * W);
    assert!(offset_of!(sys::xSTREAM_BUFFER, uxMid) == st::HDR_MID * W);
    assert!(offset_of!(sys::xSTREAM_BUFFER, uxHead) == st::HDR_HEAD * W);
    assert!(offset_of!(sys::xSTREAM_BUFFER, uxFront) == st::HDR_FRONT * W);
    assert!(offset_of!(sys::xSTREAM_BUFFER, LENGTH) == st::HDR_LENGTH * W);
    assert!(offset_of!(sys::xSTREAM_BUFFER, ucArray) == st::HEADER_WORDS * W);
};

/// `FreeRTOS_get_rx_buf`: the socket's RX stream as a `StreamBuffer_t`
/// (header words kept equal to the stream's positions by the IP task;
/// docs/rx-buf.md). NULL for NULL, a stale or invalid handle, a UDP socket
/// and a TCP socket that has not received a byte yet. The handle is
/// checked against the socket table, so nothing is read through it.
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_get_rx_buf(xSocket: ConstSocket_t) -> *const sys::xSTREAM_BUFFER {
    match handle_from_c(xSocket).map(socket::rx_buf) {
        Some(Ok(Some(addr))) => addr as *const sys::xSTREAM_BUFFER,
        _ => core::ptr::null(),
    }
}
