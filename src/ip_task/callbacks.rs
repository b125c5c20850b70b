//! Delivers socket callbacks and user wake-ups (`stack::callbacks`): what
//! a notice asks is taken out under the lock (`prepare`), the application
//! is called after the lock is released (`run`). A handler may therefore
//! use the socket API, on its own socket too: send a reply, accept, close.
//!
//! **TCP receive data.** A handler gets a pointer to the data, valid during
//! the call. The IP task moves the data out of the socket's RX stream into
//! its own buffer (`Global::callback_buffer`, `ipconfigTCP_MSS` bytes, made
//! on first use), one chunk at a time under the lock, and calls the
//! handler with the chunk without the lock. So the stream may change while
//! the handler runs (nothing else can consume those bytes: `recv()` leaves
//! data alone on a socket with a receive handler), and a handler that
//! closes its socket ends the delivery.
//!
//! **UDP receive data.** The datagram is a network buffer the notice owns:
//! the handler gets a pointer into it, no copy; afterwards it is queued for
//! `recvfrom()` or released (`Stack::udp_handler_done`).
//!
//! **Closed sockets.** Work is taken only for live sockets, and the TCP
//! data of a socket closed by its own handler is not delivered further; a
//! handle whose socket is gone is refused by every call (generation
//! check), so a handler never reaches freed memory.
#![forbid(unsafe_code)]

use alloc::boxed::Box;

use super::{with_stack, Global, KernelEnv};
use crate::os::{callbacks as app, EventGroup};
use crate::stack::callbacks::udp_dest;
use crate::stack::udp::Datagram;
use crate::stack::{Env, Notice, SocketId};

/// One delivery, taken out under the lock.
#[derive(Copy, Clone)]
pub(super) enum Work {
    /// A TCP socket's connected / receive / sent / disconnected calls
    /// (what is due is taken when they are made).
    Tcp(SocketId),
    /// One datagram for a UDP receive handler.
    UdpReceive { id: SocketId, handler: usize, datagram: Datagram },
    /// Wake-up bits plus the user semaphore and wake callback.
    Wake { group: EventGroup, bits: u32, id: SocketId, semaphore: usize, wake: usize },
}

/// Under the lock: the work a callback notice asks for (None: nothing to
/// call; a datagram whose handler went is queued or released here).
pub(super) fn prepare(g: &mut Global, n: Notice) -> Option<Work> {
    match n {
        Notice::Callbacks(id) => Some(Work::Tcp(id)),
        Notice::UdpReceive { id, datagram } => {
            let handler = g.stack.handlers(id).udp_receive;
            if handler == 0 {
                g.stack.udp_handler_done(id, datagram, false, &mut KernelEnv::no_output());
                return None;
            }
            Some(Work::UdpReceive { id, handler, datagram })
        }
        _ => None,
    }
}

/// Under the lock: wake-up bits for a socket, with its user semaphore and
/// wake callback when it has them (upstream's `vSocketWakeUpUser`).
pub(super) fn wake(g: &Global, id: SocketId, group: EventGroup, bits: u32) -> Option<Work> {
    let (semaphore, wake) = g.stack.user_wake(id)?;
    Some(Work::Wake { group, bits, id, semaphore, wake })
}

/// Without the lock: calls the application.
pub(super) fn run(w: Work) {
    match w {
        Work::Tcp(id) => {
            let Some(w) = with_stack(|g| g.stack.take_callback_work(id)).flatten() else { return };
            let handle = id.c_handle();
            for _ in 0..w.connects {
                app::connected(w.connected, handle, true);
            }
            if w.receive != 0 {
                deliver_tcp_data(id, w.receive);
            }
            if w.sent != 0 && w.sent_bytes > 0 {
                app::sent(w.sent, handle, w.sent_bytes);
            }
            if w.disconnected {
                app::connected(w.connected, handle, false);
            }
        }
        Work::UdpReceive { id, handler, datagram: d } => {
            let mut env = KernelEnv::no_output();
            // The notice owns the frame: no other reference exists.
            let consumed = match env.frame_mut(d.frame) {
                Some(frame) => {
                    let dest = udp_dest(frame, d.offset);
                    match frame.get_mut(d.offset..d.offset.saturating_add(d.len)) {
                        Some(payload) => app::udp_receive(handler, id.c_handle(), payload, d.from, dest),
                        None => false,
                    }
                }
                None => false,
            };
            if with_stack(|g| g.stack.udp_handler_done(id, d, consumed, &mut env)).is_none() {
                env.release_frame(d.frame);
            }
        }
        Work::Wake { group, bits, id, semaphore, wake } => {
            group.set(bits);
            app::wake_user(semaphore, wake, id.c_handle());
        }
    }
}

/// Hands a socket's received data to its receive handler, a chunk at a
/// time, until none is left (the IP task is the only one adding data, so
/// this ends), the socket closes or its handler changes.
fn deliver_tcp_data(id: SocketId, handler: usize) {
    let chunk = (crate::config::TCP_MSS as usize).max(536);
    let Some(mut buf) = with_stack(|g| g.callback_buffer.take()) else { return };
    if buf.as_ref().is_none_or(|b| b.len() < chunk) {
        buf = crate::os::fallible::try_zeroed_bytes(chunk);
    }
    let Some(mut b): Option<Box<[u8]>> = buf else {
        // No heap for the buffer now: the data stays; the next segment
        // (or the next event) tries again.
        return;
    };
    let mut delivered = false;
    // Bounded: at most the RX stream's size in chunks; the cap only guards
    // against a handler that keeps changing things under us.
    for _ in 0..4096 {
        let n = with_stack(|g| g.stack.take_tcp_callback_data(id, handler, &mut b)).unwrap_or(0);
        let Some(data) = b.get_mut(..n).filter(|d| !d.is_empty()) else { break };
        delivered = true;
        app::tcp_receive(handler, id.c_handle(), data);
    }
    with_stack(|g| g.callback_buffer = Some(b));
    if delivered {
        // Freed RX space may open the window: a cycle sends the update.
        super::wake_ip_task();
    }
}
