//! UDP zero-copy (reference §2.13, §14.7): the application writes a
//! datagram straight into a network buffer and reads a received one where
//! it arrived.
//!
//! A buffer the application holds is *lent* (`os::netbuf` marks it):
//! `FreeRTOS_GetUDPPayloadBuffer_Multi` and a zero-copy `recvfrom` lend
//! one, `FreeRTOS_ReleaseUDPPayloadBuffer` and a successful zero-copy
//! `sendto` take it back. Only a lent buffer is accepted back, found by
//! searching the pool, so a forged, stale or twice-released payload
//! pointer is refused instead of corrupting the pool or freeing a buffer
//! the stack still uses. As upstream, a zero-copy `sendto` that fails
//! (returns 0) leaves the buffer with the application, which must send it
//! again or release it.
#![forbid(unsafe_code)]

use super::calls::{block_interruptible, on_ip_task, with, Wait, MSG_PEEK};
use crate::ip_task::{self, wake_ip_task};
use crate::os::netbuf;
use crate::socket::ops::Progress;
use crate::stack::udp::PAYLOAD_OFFSET;
use crate::stack::{event, Env, Error, Protocol, SocketId};
use crate::wire::SockAddr;

/// `FreeRTOS_GetUDPPayloadBuffer_Multi` for IPv4: a buffer with room for
/// `size` payload bytes, waiting at most `block` ticks (capped at
/// `ipconfigUDP_MAX_SEND_BLOCK_TIME_TICKS`, as upstream); None when no
/// buffer came.
pub fn get_payload_buffer(size: usize, block: u32) -> Option<*mut u8> {
    let cap = crate::config::UDP_MAX_SEND_BLOCK_TIME_TICKS;
    let block = if on_ip_task() { 0 } else { block.min(cap) };
    let total = PAYLOAD_OFFSET.checked_add(size)?;
    let d = netbuf::get(total, netbuf::block_ticks(Some(block)));
    if d.is_null() {
        return None;
    }
    let payload = netbuf::frame_start(d).map(|f| f.as_ptr().wrapping_add(PAYLOAD_OFFSET));
    if payload.is_none() || !netbuf::lend(d) {
        netbuf::release(d);
        return None;
    }
    payload
}

/// `FreeRTOS_ReleaseUDPPayloadBuffer`: false (nothing released) for a
/// pointer that is not into a buffer the application holds.
pub fn release_payload_buffer(payload: *const u8) -> bool {
    match netbuf::take_back_lent(payload, PAYLOAD_OFFSET) {
        Some(d) => {
            netbuf::release(d);
            true
        }
        None => {
            netbuf::BAD_RELEASES.fetch_add(1, core::sync::atomic::Ordering::Relaxed);
            false
        }
    }
}

/// `FreeRTOS_sendto` with `FREERTOS_ZERO_COPY`: `payload` is the pointer
/// a payload buffer call returned, holding `len` bytes. The bytes queued
/// (the stack owns the buffer then), or 0 (the application still does).
pub fn sendto_zero_copy(id: SocketId, payload: *const u8, len: usize, to: SockAddr) -> usize {
    let Ok(max) = with(|g| Ok(g.stack.cfg.get().udp.max_payload)) else { return 0 };
    if len > max || with(|g| Ok(g.stack.protocol(id))) != Ok(Some(Protocol::Udp)) {
        return 0;
    }
    // Exactly at the payload offset: the IP task writes the headers in
    // front of it.
    let Some(d) = netbuf::take_back_lent(payload, PAYLOAD_OFFSET) else { return 0 };
    let at_offset = netbuf::frame_start(d).map(|f| f.as_ptr().wrapping_add(PAYLOAD_OFFSET)) == Some(payload.cast_mut());
    let frame = ip_task::token_of(d);
    let mut env = ip_task::KernelEnv::no_output();
    // The datagram must fit in the buffer the application was given.
    let fits = env.frame_mut(frame).is_some_and(|f| f.len() >= PAYLOAD_OFFSET + len);
    let sent = if at_offset && fits {
        with(|g| {
            g.stack.sendto(id, frame, len, to, &mut ip_task::KernelEnv::no_output())?;
            Ok(g.stack.handlers(id).udp_sent)
        })
        .ok()
    } else {
        None
    };
    let Some(handler) = sent else {
        netbuf::lend(d);
        return 0;
    };
    wake_ip_task();
    super::calls::udp_sent(handler, id, len);
    len
}

/// `FreeRTOS_recvfrom` with `FREERTOS_ZERO_COPY`: the oldest datagram's
/// payload where it lies in its network buffer, now lent to the
/// application (release it with `FreeRTOS_ReleaseUDPPayloadBuffer`), its
/// length and source. `Invalid` with `FREERTOS_MSG_PEEK` (a pointer into a
/// datagram still queued could be freed under the application) and for
/// the sockets plain `recvfrom` refuses; `WouldBlock` on timeout.
pub fn recvfrom_zero_copy(id: SocketId, flags: i64) -> Result<(*mut u8, usize, SockAddr), Error> {
    if flags & MSG_PEEK != 0 {
        return Err(Error::Invalid);
    }
    let got = block_interruptible(id, event::RECEIVE, Wait::receive(flags), move |g| {
        let mut d = super::calls::NO_DATAGRAM;
        if !g.stack.recvfrom_into(id, false, &mut d)? {
            return Ok(Progress::Pending);
        }
        let desc = ip_task::descriptor_of(d.frame);
        let payload = netbuf::frame_start(desc).map(|f| f.as_ptr().wrapping_add(d.offset));
        match payload {
            Some(p) if netbuf::lend(desc) => Ok(Progress::Done((p, d.len, d.from))),
            _ => {
                // Treated like a datagram never received (and ends the
                // call, as a timeout does).
                ip_task::KernelEnv::no_output().release_frame(d.frame);
                Err(Error::WouldBlock)
            }
        }
    })?;
    got.ok_or(Error::WouldBlock)
}
