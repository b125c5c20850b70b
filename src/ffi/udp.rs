//! The UDP calls (reference §2.13, measured in §14.7). Each export:
//! validate, convert, call `socket::*`, map the result.
use core::ffi::c_void;

use super::errno::to_c;
use super::{handle_from_c, sockaddr_from_c, sockaddr_to_c, BaseType_t, ConstSocket_t, Socket_t};
use super::{AF_INET, SOCKADDR_LEN};
use crate::os::{mem, sys};
use crate::socket;
use crate::stack::Error;

const FREERTOS_ZERO_COPY: BaseType_t = 1;

/// `FreeRTOS_recvfrom`: the datagram's length as copied, or `-EINVAL`
/// (dead, TCP or unbound socket), `-EWOULDBLOCK` (nothing within the block
/// time). With `FREERTOS_ZERO_COPY`, `pvBuffer` is a `void **` that gets
/// the payload inside the network buffer (`uxBufferLength` is ignored);
/// NULL there, or `FREERTOS_MSG_PEEK` with it, is `-EINVAL`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_recvfrom(
    xSocket: ConstSocket_t,
    pvBuffer: *mut c_void,
    uxBufferLength: usize,
    xFlags: BaseType_t,
    pxSourceAddress: *mut sys::freertos_sockaddr,
    pxSourceAddressLength: *mut u32,
) -> i32 {
    let Some(id) = handle_from_c(xSocket) else { return to_c(Error::Invalid) as i32 };
    if xFlags & FREERTOS_ZERO_COPY != 0 {
        if pvBuffer.is_null() {
            return to_c(Error::Invalid) as i32;
        }
        return match socket::recvfrom_zero_copy(id, xFlags as i64) {
            Ok((payload, n, from)) => {
                // SAFETY: with ZERO_COPY pvBuffer is a `void **` (non-NULL,
                // checked); the out-parameters are NULL or valid.
                unsafe {
                    *pvBuffer.cast::<*mut c_void>() = payload.cast();
                    sockaddr_to_c(pxSourceAddress, from);
                    if !pxSourceAddressLength.is_null() {
                        *pxSourceAddressLength = SOCKADDR_LEN as u32;
                    }
                }
                n as i32
            }
            Err(e) => to_c(e) as i32,
        };
    }
    // A NULL buffer receives nothing (the datagram is still taken). The
    // length is clamped as for recv (os::mem::slice_from_c_mut).
    // SAFETY: the caller's buffer holds uxBufferLength writable bytes.
    let buf = unsafe { mem::slice_from_c_mut(pvBuffer.cast::<u8>(), uxBufferLength) }.unwrap_or_default();
    match socket::recvfrom(id, buf, xFlags as i64) {
        Ok((n, from)) => {
            // SAFETY: the caller passes NULL or valid out-parameters.
            unsafe {
                sockaddr_to_c(pxSourceAddress, from);
                if !pxSourceAddressLength.is_null() {
                    *pxSourceAddressLength = SOCKADDR_LEN as u32;
                }
            }
            n as i32
        }
        Err(e) => to_c(e) as i32,
    }
}

/// `FreeRTOS_sendto`: the bytes queued, `-EINVAL` for a destination whose
/// family is not AF_INET (or NULL), 0 on every other failure. With
/// `FREERTOS_ZERO_COPY`, `pvBuffer` is a payload buffer from
/// `FreeRTOS_GetUDPPayloadBuffer_Multi` (or a zero-copy `recvfrom`): the
/// stack owns it once this returns the length; on 0 the caller still does.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_sendto(
    xSocket: Socket_t,
    pvBuffer: *const c_void,
    uxTotalDataLength: usize,
    xFlags: BaseType_t,
    pxDestinationAddress: *const sys::freertos_sockaddr,
    xDestinationAddressLength: u32,
) -> i32 {
    let _ = xDestinationAddressLength;
    // SAFETY: the caller passes NULL or a valid address.
    let Some((family, to)) = (unsafe { sockaddr_from_c(pxDestinationAddress) }) else {
        return to_c(Error::Invalid) as i32;
    };
    if family != AF_INET && !crate::config::IPV4_BACKWARD_COMPATIBLE {
        return to_c(Error::Invalid) as i32;
    }
    let Some(id) = handle_from_c(xSocket) else { return 0 };
    if xFlags & FREERTOS_ZERO_COPY != 0 {
        return socket::sendto_zero_copy(id, pvBuffer.cast(), uxTotalDataLength, to) as i32;
    }
    if pvBuffer.is_null() && uxTotalDataLength > 0 {
        return 0;
    }
    // Longer than any datagram: refused before the buffer is looked at.
    if uxTotalDataLength > u16::MAX as usize {
        return 0;
    }
    // SAFETY: the caller's buffer holds uxTotalDataLength readable bytes
    // (at most 65535 here).
    let data = unsafe { mem::slice_from_c(pvBuffer.cast::<u8>(), uxTotalDataLength) }.unwrap_or_default();
    socket::sendto(id, data, to, xFlags as i64) as i32
}

/// `xPortHasUDPSocket`: whether a UDP socket is bound to the port (network
/// byte order), for drivers that filter frames themselves.
#[unsafe(no_mangle)]
pub extern "C" fn xPortHasUDPSocket(usPortNr: u16) -> BaseType_t {
    socket::has_udp_socket(u16::from_be(usPortNr)) as BaseType_t
}

const IP_TYPE_IPV4: u8 = 0x40;

/// `FreeRTOS_GetUDPPayloadBuffer_Multi`: a network buffer with room for
/// `uxRequestedSizeBytes` of UDP payload, as a pointer to where the payload
/// goes; NULL when none came within the block time (capped at
/// `ipconfigUDP_MAX_SEND_BLOCK_TIME_TICKS`) or for `ipTYPE_IPv6` (this
/// build has no IPv6; upstream asserts).
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_GetUDPPayloadBuffer_Multi(uxRequestedSizeBytes: usize, uxBlockTimeTicks: sys::TickType_t, ucIPType: u8) -> *mut c_void {
    if ucIPType != IP_TYPE_IPV4 {
        return core::ptr::null_mut();
    }
    socket::get_payload_buffer(uxRequestedSizeBytes, crate::os::kernel::block_time(uxBlockTimeTicks).unwrap_or(u32::MAX)).map_or(core::ptr::null_mut(), |p| p.cast())
}

/// `FreeRTOS_GetUDPPayloadBuffer` (ipconfigIPv4_BACKWARD_COMPATIBLE): IPv4.
#[cfg(fptcp_backward_compatible)]
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_GetUDPPayloadBuffer(uxRequestedSizeBytes: usize, uxBlockTimeTicks: sys::TickType_t) -> *mut c_void {
    FreeRTOS_GetUDPPayloadBuffer_Multi(uxRequestedSizeBytes, uxBlockTimeTicks, IP_TYPE_IPV4)
}

/// `FreeRTOS_ReleaseUDPPayloadBuffer`: gives back a payload buffer the
/// application holds. COMPAT: any other pointer (NULL, forged, already
/// released or sent) is ignored and counted; upstream asserts or corrupts
/// its pool.
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_ReleaseUDPPayloadBuffer(pvBuffer: *const c_void) {
    socket::release_payload_buffer(pvBuffer.cast());
}

/// `FreeRTOS_SendPingRequest` (`ipconfigSUPPORT_OUTGOING_PINGS`): the
/// request's sequence number, or pdFAIL. The reply reaches
/// `vApplicationPingReplyHook` from the IP task.
#[cfg(fptcp_outgoing_pings)]
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_SendPingRequest(ulIPAddress: u32, uxNumberOfBytesToSend: usize, uxBlockTimeTicks: sys::TickType_t) -> BaseType_t {
    let to = crate::os::netif::addr_from_c(ulIPAddress);
    let block = crate::os::kernel::block_time(uxBlockTimeTicks);
    match socket::send_ping_request(to, uxNumberOfBytesToSend, block) {
        Some(seq) => seq as BaseType_t,
        None => 0,
    }
}
