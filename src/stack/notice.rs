//! What the stack must tell the outside world, queued under the lock and
//! handed to the IP task, which delivers it after releasing the lock.
//!
//! Delivering outside the lock is what lets a woken task, a hook or
//! (later) a socket callback call the API at once instead of finding the
//! lock taken. Wake-ups are coalesced per socket (`Socket::pending_events`
//! holds the bits; the queue holds each socket once), so the queue never
//! holds more entries than there are sockets.
#![forbid(unsafe_code)]

use alloc::vec::Vec;

use crate::os::fallible::try_push;
use crate::stack::sockets::SocketId;
use crate::stack::{count, Stack};

/// One thing to deliver.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Raise these `eSOCKET_*` bits on the socket's event group.
    Wake(SocketId, u32),
    /// The socket in this slot was freed: every task blocked on the slot
    /// must wake and find its handle gone.
    Freed(SocketId),
    /// Call the application's DHCP hook for end-point `endpoint` (index in
    /// `Stack::endpoints`) and hand its answer to `Stack::dhcp_answer`.
    DhcpHook { endpoint: usize, phase: crate::stack::dhcp::Phase, ip: crate::wire::Ipv4Addr },
    /// The end-point has its address (a lease or the static fallback):
    /// copy its addresses into the C struct, mark it up, call the network
    /// event hook with `eNetworkUp`.
    EndpointUp(usize),
    /// The end-point's addresses changed (e.g. 0.0.0.0 while DHCP runs):
    /// copy them into the C struct.
    EndpointAddresses(usize),
    /// An echo reply to `FreeRTOS_SendPingRequest` (for
    /// `vApplicationPingReplyHook`: `ePingReplyStatus_t`, identifier).
    PingReply { status: u8, ident: u16 },
    /// Raise these `eSELECT_*` bits on the socket set's event group (a
    /// member may have become ready, was signalled or freed, or the set was
    /// deleted): a task in `select()` wakes and polls the set.
    SelectWake(crate::stack::select::SetId, u32),
    /// The socket's handlers have work (`Stack::take_callback_work`).
    Callbacks(SocketId),
    /// A datagram for the socket's UDP receive handler; the notice owns its
    /// frame until `Stack::udp_handler_done`.
    UdpReceive { id: SocketId, datagram: crate::stack::udp::Datagram },
}

/// At most this many hook notices wait; beyond, they are dropped and
/// counted (a flood of forged replies must not grow the heap).
const MAX_HOOK_NOTICES: usize = 16;

/// Sockets with wake-up bits waiting, oldest first.
#[derive(Default)]
pub struct NoticeQueue {
    woken: Vec<SocketId>,
    /// A socket could not be queued (heap full): the next drain walks the
    /// socket table instead, so no wake-up is ever lost.
    overflow: bool,
    next: usize,
    /// Notices for application hooks, oldest first (`hooks[next_hook..]`).
    hooks: Vec<Notice>,
    next_hook: usize,
    /// Sockets with callback work (`Notice::Callbacks`), each at most once
    /// while its work is pending; `cb_overflow` as `overflow`.
    callbacks: Vec<SocketId>,
    next_cb: usize,
    cb_overflow: bool,
    /// `UdpReceive`, oldest first (`udp[next_udp..]`).
    udp: Vec<Notice>,
    next_udp: usize,
}

impl NoticeQueue {
    /// Queues a socket for `Notice::Callbacks` unless it is queued already.
    pub(crate) fn push_callbacks(&mut self, id: SocketId) {
        let waiting = self.callbacks.get(self.next_cb..).unwrap_or_default();
        if waiting.contains(&id) {
            return;
        }
        if try_push(&mut self.callbacks, id).is_err() {
            self.cb_overflow = true;
        }
    }

    /// Queues a UDP callback notice unless `limit` of them wait or the heap
    /// is full (false: not queued).
    pub(crate) fn push_udp(&mut self, n: Notice, limit: usize) -> bool {
        self.udp.len().saturating_sub(self.next_udp) < limit && try_push(&mut self.udp, n).is_ok()
    }

    fn next_callback(&mut self) -> Option<Notice> {
        if let Some(n) = self.udp.get(self.next_udp).copied() {
            self.next_udp += 1;
            return Some(n);
        }
        self.udp.clear();
        self.next_udp = 0;
        if let Some(&id) = self.callbacks.get(self.next_cb) {
            self.next_cb += 1;
            return Some(Notice::Callbacks(id));
        }
        self.callbacks.clear();
        self.next_cb = 0;
        None
    }
}

impl Stack {
    /// Raises wake-up bits on a socket; the IP task delivers them.
    pub(crate) fn wake(&mut self, id: SocketId, bits: u32) {
        let Some(s) = self.sockets.get_mut(id) else { return };
        if bits == 0 {
            return;
        }
        if s.pending_events == 0 && try_push(&mut self.notices.woken, id).is_err() {
            self.notices.overflow = true;
        }
        s.pending_events |= bits;
        self.select_socket_changed(id);
    }

    /// Queues a notice for an application hook.
    pub(crate) fn notify(&mut self, n: Notice) {
        let q = &mut self.notices;
        if q.hooks.len().saturating_sub(q.next_hook) >= MAX_HOOK_NOTICES || try_push(&mut q.hooks, n).is_err() {
            count(&mut self.counters.notices_dropped);
        }
    }

    /// The next thing to deliver, taken out of the stack; None when
    /// everything was handed out. Hook notices come first, in order.
    pub fn next_notice(&mut self) -> Option<Notice> {
        if let Some(n) = self.next_dhcp_notice() {
            return Some(n);
        }
        let q = &mut self.notices;
        if let Some(n) = q.hooks.get(q.next_hook).copied() {
            q.next_hook += 1;
            return Some(n);
        }
        q.hooks.clear();
        q.next_hook = 0;
        if !crate::stack::callbacks::HANDLERS {
            // Nothing queues callback work.
        } else if let Some(n) = q.next_callback() {
            return Some(n);
        } else if core::mem::take(&mut q.cb_overflow) {
            // A socket could not be queued: every socket with work is
            // offered (`take_callback_work` skips those without).
            for (id, s) in self.sockets.iter() {
                if s.callbacks.is_some() {
                    q.push_callbacks(id);
                }
            }
            if let Some(n) = q.next_callback() {
                return Some(n);
            }
        }
        while let Some(&id) = q.woken.get(q.next) {
            q.next += 1;
            if let Some(s) = self.sockets.get_mut(id) {
                let bits = core::mem::take(&mut s.pending_events);
                if bits != 0 {
                    return Some(Notice::Wake(id, bits));
                }
            }
        }
        q.woken.clear();
        q.next = 0;
        if q.overflow {
            for (id, s) in self.sockets.iter_mut() {
                let bits = core::mem::take(&mut s.pending_events);
                if bits != 0 {
                    return Some(Notice::Wake(id, bits));
                }
            }
            self.notices.overflow = false;
        }
        if let Some(n) = self.next_select_notice() {
            return Some(n);
        }
        self.sockets.take_one_freed().map(Notice::Freed)
    }
}
