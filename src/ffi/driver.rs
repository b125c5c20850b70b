//! Helpers upstream network drivers call (reference §6; upstream
//! `FreeRTOS_IP_Utils.c`, `FreeRTOS_IP.c`): checksums, the way from a
//! frame or UDP payload pointer back to its descriptor, and the IP task's
//! queue statistics.
use core::ffi::c_void;
use core::ptr;

use super::BaseType_t;
use crate::config;
use crate::ip_task;
use crate::os::{mem, netbuf, sys};
use crate::stack::udp::PAYLOAD_OFFSET;
use crate::wire::checksum;

/// `usGenerateChecksum`: the ones-complement sum (not inverted) of
/// `usSum` and the bytes as big-endian 16-bit words, as a host-order
/// value (upstream's contract on either byte order). NULL data adds nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn usGenerateChecksum(usSum: u16, pucNextData: *const u8, uxByteCount: usize) -> u16 {
    // SAFETY: the caller's buffer holds uxByteCount readable bytes (the
    // length is clamped as for every C buffer: os::mem::slice_from_c).
    let data = unsafe { mem::slice_from_c(pucNextData, uxByteCount) }.unwrap_or_default();
    checksum::sum(data, usSum as u32) as u16
}

/// `usGenerateProtocolChecksum`: checks (`xOutgoingPacket` pdFALSE) or
/// fills in the TCP/UDP/ICMP/IGMP checksum of an IPv4 frame; returns
/// `ipCORRECT_CRC`, `ipWRONG_CRC`, `ipINVALID_LENGTH` or
/// `ipUNHANDLED_PROTOCOL` (`wire::checksum::protocol`). NULL:
/// `ipINVALID_LENGTH`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn usGenerateProtocolChecksum(pucEthernetBuffer: *mut u8, uxBufferLength: usize, xOutgoingPacket: BaseType_t) -> u16 {
    // SAFETY: the caller's frame holds uxBufferLength bytes, which it lends
    // us for the call; only the checksum field is written.
    let Some(frame) = (unsafe { mem::slice_from_c_mut(pucEthernetBuffer, uxBufferLength) }) else {
        return checksum::INVALID_LENGTH;
    };
    checksum::protocol(frame, xOutgoingPacket != 0, config::UDP_PASS_ZERO_CHECKSUM_PACKETS, config::NETWORK_MTU)
}

/// `pxPacketBuffer_to_NetworkBuffer`: the descriptor whose Ethernet buffer
/// starts at `pvBuffer`, if it is one of the pool's descriptors in use;
/// NULL otherwise (upstream trusts the word in front of the buffer).
#[unsafe(no_mangle)]
pub extern "C" fn pxPacketBuffer_to_NetworkBuffer(pvBuffer: *const c_void) -> *mut sys::NetworkBufferDescriptor_t {
    netbuf::find_by_frame(pvBuffer.cast()).unwrap_or(ptr::null_mut())
}

/// `pxUDPPayloadBuffer_to_NetworkBuffer`: the in-use descriptor whose IPv4
/// UDP payload starts at `pvBuffer` (or, for a buffer the application
/// holds, whose frame contains it); NULL otherwise.
#[unsafe(no_mangle)]
pub extern "C" fn pxUDPPayloadBuffer_to_NetworkBuffer(pvBuffer: *const c_void) -> *mut sys::NetworkBufferDescriptor_t {
    netbuf::find_by_payload(pvBuffer.cast(), PAYLOAD_OFFSET).unwrap_or(ptr::null_mut())
}

/// `uxGetMinimumIPQueueSpace`: the fewest free places the IP task's event
/// queue had after any post (starts at `ipconfigEVENT_QUEUE_LENGTH`).
#[unsafe(no_mangle)]
pub extern "C" fn uxGetMinimumIPQueueSpace() -> sys::UBaseType_t {
    ip_task::min_queue_space() as sys::UBaseType_t
}
