//! Socket callbacks (`ipconfigUSE_CALLBACKS`, `FREERTOS_SO_*_HANDLER`) and
//! the user wake-ups (`FREERTOS_SO_SET_SEMAPHORE`,
//! `FREERTOS_SO_WAKEUP_CALLBACK`): when each one is due.
//!
//! The stack never calls the application. It records what is due on the
//! socket (`CallbackState`) and queues the socket once
//! (`Notice::Callbacks`); the IP task takes the work out under the lock
//! (`take_callback_work`) and calls the handlers after releasing it, so a
//! handler may use the socket API on its own socket, as upstream permits.
//! Handlers are opaque addresses here (0 = none); `os::callbacks` calls them.
//!
//! When upstream calls each one (FreeRTOS_TCP_IP.c `vTCPStateChange`,
//! FreeRTOS_TCP_Reception.c, FreeRTOS_Sockets.c `lTCPAddRxdata`,
//! FreeRTOS_UDP_IPv4.c):
//! * connected (`FOnConnected_t`, 1): an active open reached ESTABLISHED
//!   (the socket's own handle); a listener's child did: the **listener's**
//!   handle when the listener has a handler (and is not a REUSE socket),
//!   else the child's.
//! * disconnected (0): a connecting or connected socket went to eCLOSED or
//!   eCLOSE_WAIT (FIN, RST, timeout); always the socket's own handle.
//! * TCP receive: in-order data arrived; with a handler the data goes to it
//!   and not to `recv()` (the return value is ignored, as upstream does).
//! * TCP sent: acknowledged bytes left the TX stream (the count).
//! * UDP receive: each datagram, before it is queued; non-zero = consumed.
//! * UDP sent: the datagram went to the driver (upstream: when `sendto`
//!   queued it; see COMPAT.md).
#![forbid(unsafe_code)]

use alloc::boxed::Box;

use crate::os::fallible::try_box_with;
use crate::stack::sockets::{event, Protocol, Socket, SocketId};
use crate::stack::udp::Datagram;
use crate::stack::{count, Env, Error, Notice, Stack};
use crate::tcp::TcbEvents;
use crate::wire::SockAddr;

/// The application's handlers for one socket, as opaque addresses (0 =
/// none). Children inherit them from their listener (upstream's
/// `prvTCPSocketCopy` copies handlers, semaphore and wake callback).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Handlers {
    pub connected: usize,
    pub tcp_receive: usize,
    pub tcp_sent: usize,
    pub udp_receive: usize,
    pub udp_sent: usize,
    /// `FREERTOS_SO_WAKEUP_CALLBACK`: `void (*)(Socket_t)`.
    pub wake: usize,
    /// `FREERTOS_SO_SET_SEMAPHORE`: a `SemaphoreHandle_t`.
    pub semaphore: usize,
}

/// One `setsockopt` of a handler (the C layer decodes the pointer).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum HandlerOption {
    TcpConnected(usize),
    TcpReceive(usize),
    TcpSent(usize),
    UdpReceive(usize),
    UdpSent(usize),
    Wake(usize),
    Semaphore(usize),
}

/// Bits of `CallbackState::due`.
const DUE_CONNECTED: u8 = 0x01;
const DUE_RECEIVE: u8 = 0x02;
const DUE_SENT: u8 = 0x04;
const DUE_DISCONNECTED: u8 = 0x08;

/// A socket's handlers and what is due for them. Boxed in the socket and
/// made by the first `setsockopt` that sets one, so sockets without
/// handlers carry one pointer, not this.
#[derive(Clone, Debug, Default)]
pub struct CallbackState {
    pub handlers: Handlers,
    due: u8,
    /// Connected calls due with this handle: its own connection, or
    /// children of this listener that got connected.
    connects: u16,
    /// Acknowledged bytes not yet reported.
    sent: usize,
    /// `Tcb::tx_acked_mark` when the bytes up to now were counted.
    sent_mark: u32,
}

/// What the IP task calls for one socket, taken out under the lock, in
/// this order: `connects` × connected(1), receive (data read in chunks
/// under the lock, `Stack::take_tcp_callback_data`), sent(n),
/// disconnected(0).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct CallbackWork {
    pub connected: usize,
    pub connects: u16,
    pub disconnected: bool,
    /// The receive handler, when data waits for it.
    pub receive: usize,
    pub sent: usize,
    pub sent_bytes: usize,
}

/// The address a received datagram was sent to (`pxDest`), read back from
/// its frame: the IPv4 destination (Ethernet 14 + 16) and the UDP
/// destination port (2 bytes into the UDP header, which ends where the
/// payload starts). Not kept with the datagram: notices stay small.
pub fn udp_dest(frame: &[u8], payload_offset: usize) -> SockAddr {
    let mut addr = [0u8; 4];
    if let Some(a) = frame.get(30..34) {
        crate::os::mem::copy_bytes(&mut addr, a);
    }
    let at = payload_offset.saturating_sub(6);
    let port = match frame.get(at..at + 2) {
        Some(&[hi, lo]) => u16::from_be_bytes([hi, lo]),
        _ => 0,
    };
    SockAddr::v4(crate::wire::Ipv4Addr(addr), port)
}

/// Whether the application's configuration has socket handlers
/// (`ipconfigUSE_CALLBACKS`); without them the hooks below compile to
/// nothing on the paths every segment takes.
pub const HANDLERS: bool = crate::config::USE_CALLBACKS;
/// Whether a socket can have a user semaphore or wake callback.
pub const USER_WAKE: bool = crate::config::SOCKET_HAS_USER_SEMAPHORE || crate::config::SOCKET_HAS_USER_WAKE_CALLBACK;


impl Socket {
    fn handlers(&self) -> Handlers {
        self.callbacks.as_deref().map(|c| c.handlers).unwrap_or_default()
    }
}

impl Stack {
    /// The handlers of a live socket (none for a closing or gone one: a
    /// closed socket's handlers are cleared at once, as upstream does).
    pub fn handlers(&self, id: SocketId) -> Handlers {
        if !HANDLERS && !USER_WAKE {
            return Handlers::default();
        }
        self.sockets.get(id).filter(|s| !s.closing).map(Socket::handlers).unwrap_or_default()
    }

    /// `FREERTOS_SO_*_HANDLER`, `FREERTOS_SO_SET_SEMAPHORE`,
    /// `FREERTOS_SO_WAKEUP_CALLBACK`. A TCP handler on a UDP socket or the
    /// reverse is `Invalid` (upstream's `prvSetOptionCallback`).
    pub(crate) fn set_handler(&mut self, id: SocketId, opt: HandlerOption) -> Result<(), Error> {
        let sock = self.sockets.get_mut(id).filter(|s| !s.closing).ok_or(Error::Invalid)?;
        let wanted = match opt {
            HandlerOption::TcpConnected(_) | HandlerOption::TcpReceive(_) | HandlerOption::TcpSent(_) => {
                Some(Protocol::Tcp)
            }
            HandlerOption::UdpReceive(_) | HandlerOption::UdpSent(_) => Some(Protocol::Udp),
            HandlerOption::Wake(_) | HandlerOption::Semaphore(_) => None,
        };
        if wanted.is_some_and(|p| p != sock.protocol()) {
            return Err(Error::Invalid);
        }
        let mark = sock.tcp().map_or(0, |t| t.tcb.tx_acked_mark());
        if sock.callbacks.is_none() {
            let fresh = try_box_with(|| CallbackState { sent_mark: mark, ..CallbackState::default() });
            sock.callbacks = Some(fresh.ok_or(Error::NoMemory)?);
        }
        let Some(c) = sock.callbacks.as_deref_mut() else { return Err(Error::NoMemory) };
        let h = &mut c.handlers;
        match opt {
            HandlerOption::TcpConnected(f) => h.connected = f,
            HandlerOption::TcpReceive(f) => h.tcp_receive = f,
            HandlerOption::TcpSent(f) => {
                if h.tcp_sent == 0 {
                    // Count from now: bytes acknowledged before the handler
                    // was there are not reported.
                    c.sent_mark = mark;
                }
                h.tcp_sent = f;
            }
            HandlerOption::UdpReceive(f) => h.udp_receive = f,
            HandlerOption::UdpSent(f) => h.udp_sent = f,
            HandlerOption::Wake(f) => h.wake = f,
            HandlerOption::Semaphore(s) => h.semaphore = s,
        }
        Ok(())
    }

    /// A listener's new child takes over its handlers (None when the heap
    /// cannot hold them: the child then has none).
    pub(crate) fn inherited_callbacks(&self, listener: SocketId) -> Option<Box<CallbackState>> {
        if !HANDLERS && !USER_WAKE {
            return None;
        }
        let h = self.sockets.get(listener)?.callbacks.as_deref()?.handlers;
        try_box_with(|| CallbackState { handlers: h, ..CallbackState::default() })
    }

    /// Records the callbacks a connection's events make due; returns the
    /// wake-up bits that must not be raised (data that goes to a receive
    /// handler does not wake `recv()`, as upstream does not set
    /// eSOCKET_RECEIVE then). `accept_parent`: the listener told about
    /// this child's connection.
    pub(crate) fn callback_tcb_events(&mut self, id: SocketId, ev: TcbEvents, accept_parent: Option<SocketId>) -> u32 {
        if !HANDLERS {
            return 0;
        }
        if ev.contains(TcbEvents::CONNECTED) {
            self.connected_due(id, accept_parent);
        }
        let Some(sock) = self.sockets.get_mut(id) else { return 0 };
        if sock.closing {
            return 0;
        }
        let mark = sock.tcp().map_or(0, |t| t.tcb.tx_acked_mark());
        let Some(c) = sock.callbacks.as_deref_mut() else { return 0 };
        let h = c.handlers;
        let mut due = 0;
        let mut suppress = 0;
        if ev.contains(TcbEvents::CONNECTED) {
            c.sent_mark = mark;
        }
        if ev.contains(TcbEvents::RECEIVE) && h.tcp_receive != 0 {
            due |= DUE_RECEIVE;
            suppress |= event::RECEIVE;
        }
        if ev.contains(TcbEvents::SEND) && h.tcp_sent != 0 {
            let n = mark.wrapping_sub(c.sent_mark) as usize;
            c.sent_mark = mark;
            if n > 0 {
                c.sent = c.sent.saturating_add(n);
                due |= DUE_SENT;
            }
        }
        if ev.contains(TcbEvents::CLOSED) && h.connected != 0 {
            due |= DUE_DISCONNECTED;
        }
        if due != 0 {
            if let Some(c) = self.sockets.get_mut(id).and_then(|s| s.callbacks.as_deref_mut()) {
                c.due |= due;
            }
            self.queue_callbacks(id);
        }
        suppress
    }

    /// A connection was established: a child's is reported on its listener
    /// when the listener has a connected handler (and is not a REUSE
    /// socket: upstream's `xConnected = xParent`), else on the socket
    /// itself if it has one.
    fn connected_due(&mut self, id: SocketId, accept_parent: Option<SocketId>) {
        let has_handler = |s: &Socket| !s.closing && s.handlers().connected != 0;
        let parent = accept_parent.filter(|p| *p != id).filter(|p| {
            self.sockets.get(*p).is_some_and(|s| has_handler(s) && !s.tcp().is_some_and(|t| t.reuse_listen))
        });
        let own = self.sockets.get(id).is_some_and(has_handler).then_some(id);
        let Some(target) = parent.or(own) else { return };
        if let Some(c) = self.sockets.get_mut(target).and_then(|s| s.callbacks.as_deref_mut()) {
            c.connects = c.connects.saturating_add(1);
            c.due |= DUE_CONNECTED;
        }
        self.queue_callbacks(target);
    }

    /// Takes out what is due for a socket's handlers (None: nothing, or the
    /// socket is closing or gone, whose handlers are never called).
    pub fn take_callback_work(&mut self, id: SocketId) -> Option<CallbackWork> {
        let sock = self.sockets.get_mut(id)?;
        let closing = sock.closing;
        let has_data = sock.tcp().is_some_and(|t| t.tcb.rx_len() > 0);
        let c = sock.callbacks.as_deref_mut()?;
        let due = core::mem::take(&mut c.due);
        let connects = core::mem::take(&mut c.connects);
        let sent_bytes = core::mem::take(&mut c.sent);
        if closing || due == 0 {
            return None;
        }
        let h = c.handlers;
        let w = CallbackWork {
            connected: h.connected,
            connects: if due & DUE_CONNECTED != 0 { connects } else { 0 },
            disconnected: due & DUE_DISCONNECTED != 0,
            receive: if due & DUE_RECEIVE != 0 && has_data { h.tcp_receive } else { 0 },
            sent: if due & DUE_SENT != 0 { h.tcp_sent } else { 0 },
            sent_bytes,
        };
        let nothing = (w.connected == 0 || (w.connects == 0 && !w.disconnected)) && w.receive == 0 && (w.sent == 0 || sent_bytes == 0);
        (!nothing).then_some(w)
    }

    /// Moves the next chunk of a socket's received data (at most
    /// `buf.len()` bytes) into `buf` for its receive handler and returns
    /// its length; 0 when nothing is left, the socket is closing or gone,
    /// or its receive handler is no longer `handler`. The bytes leave the
    /// stream (upstream consumes what it hands to the handler), which may
    /// open the receive window.
    pub fn take_tcp_callback_data(&mut self, id: SocketId, handler: usize, buf: &mut [u8]) -> usize {
        let Some(sock) = self.sockets.get_mut(id).filter(|s| !s.closing) else { return 0 };
        if handler == 0 || sock.handlers().tcp_receive != handler {
            return 0;
        }
        sock.tcp_mut().map_or(0, |t| t.tcb.recv(buf, false))
    }

    /// Whether `recv()` must leave the data alone: it goes to the socket's
    /// receive handler.
    pub(crate) fn data_goes_to_handler(&self, id: SocketId) -> bool {
        HANDLERS && self.sockets.get(id).is_some_and(|s| s.handlers().tcp_receive != 0)
    }

    /// Queues the socket once for `Notice::Callbacks`.
    fn queue_callbacks(&mut self, id: SocketId) {
        self.notices.push_callbacks(id);
    }

    /// A datagram for a socket with a UDP receive handler: it waits for the
    /// IP task (counted in the UDP buffer limit) instead of the socket's
    /// queue. False when it cannot be queued (the caller drops it).
    pub(crate) fn queue_udp_delivery(&mut self, id: SocketId, datagram: Datagram) -> bool {
        self.notices.push_udp(Notice::UdpReceive { id, datagram }, usize::MAX)
    }

    /// After the UDP receive handler ran (or could not: `consumed` false
    /// and the socket has no handler any more): a consumed datagram is
    /// released, another is queued for `recvfrom()` as if it had just
    /// arrived; one for a socket that is gone is released.
    pub fn udp_handler_done<E: Env + ?Sized>(&mut self, id: SocketId, d: Datagram, consumed: bool, env: &mut E) {
        let queued = !consumed
            && self
                .sockets
                .get_mut(id)
                .filter(|s| !s.closing)
                .and_then(|s| s.udp_mut())
                .is_some_and(|u| u.push(d));
        if queued {
            count(&mut self.counters.udp_received);
            self.wake(id, event::RECEIVE);
        } else {
            if !consumed {
                count(&mut self.counters.udp_queue_full);
            }
            self.udp_release_held(d.frame, env);
        }
    }

    /// What a socket's wake-up also does: give its semaphore, call its wake
    /// callback (semaphore, callback; 0 = none). None for a closing socket.
    pub fn user_wake(&self, id: SocketId) -> Option<(usize, usize)> {
        if !USER_WAKE {
            return None;
        }
        let h = self.sockets.get(id).filter(|s| !s.closing)?.callbacks.as_deref()?.handlers;
        (h.semaphore != 0 || h.wake != 0).then_some((h.semaphore, h.wake))
    }
}
