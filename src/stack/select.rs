//! `FreeRTOS_select`'s socket sets and `FreeRTOS_SignalSocket`'s signals
//! (reference §2.14; `ipconfigSUPPORT_SELECT_FUNCTION`,
//! `ipconfigSUPPORT_SIGNALS`).
//!
//! A set is a generation-checked slot here, like a socket: a stale or
//! deleted set handle is refused, never followed (upstream's sets are heap
//! pointers, freed by the IP task while sockets may still point at them).
//! Each socket remembers its set, the bits it is interested in and the bits
//! last found ready (what `FD_ISSET` returns).
//!
//! Ready bits are computed from the socket's state whenever they are asked
//! for (`select_poll`), as upstream's `vSocketSelect` does; a change that
//! may make a member ready (any socket wake-up) queues the set's bits as a
//! notice, which the IP task raises on the set's event group after releasing
//! the lock. A task in `select()` sleeps on that group and polls again.
#![forbid(unsafe_code)]

use alloc::vec::Vec;

use crate::os::fallible::try_push;
use crate::stack::sockets::{event, Socket, SocketId};
use crate::stack::{Error, Notice, Stack};
use crate::tcp::TcpState;

/// `eSelectEvent_t` (reference §1.2).
pub mod bits {
    pub const READ: u32 = 0x01;
    pub const WRITE: u32 = 0x02;
    pub const EXCEPT: u32 = 0x04;
    pub const INTR: u32 = 0x08;
    pub const ALL: u32 = 0x0f;
}

/// Identifies one socket set: slot and the slot's generation.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct SetId {
    pub index: u16,
    pub generation: u16,
}

/// A socket's part in select and signals (upstream's `pxSocketSet`,
/// `xSelectBits`, `xSocketBits`, and the socket's `eSOCKET_INTR`).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct SocketSelect {
    /// The set the socket belongs to (at most one, as upstream).
    pub set: Option<SetId>,
    /// The `eSELECT_*` bits the application asked for.
    pub interest: u32,
    /// The bits found ready when the set was last polled (`FD_ISSET`).
    pub ready: u32,
    /// `FreeRTOS_SignalSocket` on a socket outside any set: the next
    /// blocking receive (or one blocked now) returns `-EINTR`.
    pub signalled: bool,
}

struct SetSlot {
    generation: u16,
    live: bool,
    /// Signalled through one of its sockets: the next `select()` returns
    /// with `eSELECT_INTR`.
    intr: bool,
    /// Bits to raise on the set's event group (a notice not yet delivered).
    pending: u32,
}

/// The socket sets.
#[derive(Default)]
pub struct SetTable {
    slots: Vec<SetSlot>,
    /// Some slot has `pending` bits.
    any_pending: bool,
}

/// Whether sets and signals can exist: the application's options in a
/// firmware build (with one off, what serves it below is left out: a
/// socket's `select` fields are run-time data, so the compiler cannot see
/// they stay empty); host tests and fuzz targets always have both.
const SELECT: bool = crate::config::RUNTIME_SETTINGS || crate::config::SUPPORT_SELECT_FUNCTION;
const SIGNALS: bool = crate::config::RUNTIME_SETTINGS || crate::config::SUPPORT_SIGNALS;

/// Set generations run 1..=0x7fff, as socket generations do: the C handle
/// (`ffi::select`) has room for 15 bits of generation.
const MAX_GENERATION: u16 = 0x7fff;

impl SetTable {
    fn slot(&self, id: SetId) -> Option<&SetSlot> {
        self.slots.get(id.index as usize).filter(|s| s.live && s.generation == id.generation)
    }

    fn slot_mut(&mut self, id: SetId) -> Option<&mut SetSlot> {
        self.slots.get_mut(id.index as usize).filter(|s| s.live && s.generation == id.generation)
    }

    pub fn exists(&self, id: SetId) -> bool {
        self.slot(id).is_some()
    }

    /// Queues `bits` for the set's event group (even for a set just
    /// deleted: its waiters must wake to find it gone).
    fn raise(&mut self, index: u16, bits: u32) {
        if let Some(s) = self.slots.get_mut(index as usize) {
            if bits != 0 {
                s.pending |= bits;
                self.any_pending = true;
            }
        }
    }
}

impl Stack {
    /// `FreeRTOS_CreateSocketSet`: a free slot (new generation) or a new
    /// one; `NoMemory` when the heap or the handle space is exhausted.
    pub fn create_set(&mut self) -> Result<SetId, Error> {
        let t = &mut self.select;
        if let Some((i, slot)) = t.slots.iter_mut().enumerate().find(|(_, s)| !s.live) {
            slot.generation = if slot.generation >= MAX_GENERATION { 1 } else { slot.generation + 1 };
            slot.live = true;
            slot.intr = false;
            slot.pending = 0;
            return Ok(SetId { index: i as u16, generation: slot.generation });
        }
        let index = t.slots.len();
        if index >= u16::MAX as usize - 1 {
            return Err(Error::NoMemory);
        }
        try_push(&mut t.slots, SetSlot { generation: 1, live: true, intr: false, pending: 0 }).map_err(|_| Error::NoMemory)?;
        Ok(SetId { index: index as u16, generation: 1 })
    }

    pub fn set_exists(&self, set: SetId) -> bool {
        self.select.exists(set)
    }

    /// `FreeRTOS_DeleteSocketSet`: the set's members leave it (so nothing
    /// refers to it any more), and a task blocked in `select()` on it is
    /// woken to find it gone.
    pub fn delete_set(&mut self, set: SetId) -> Result<(), Error> {
        let slot = self.select.slot_mut(set).ok_or(Error::Invalid)?;
        slot.live = false;
        slot.intr = false;
        for (_, s) in self.sockets.iter_mut() {
            if s.select.set == Some(set) {
                s.select = SocketSelect { signalled: s.select.signalled, ..SocketSelect::default() };
            }
        }
        self.select.raise(set.index, bits::ALL);
        Ok(())
    }

    /// `FreeRTOS_FD_SET`: adds interest bits (`eSELECT_ALL` only) and, when
    /// any are left, makes `set` the socket's set. The socket's ready bits
    /// are evaluated at once (upstream asks the IP task to do it), and a
    /// task in `select()` on the set is woken if it is ready.
    pub fn fd_set(&mut self, id: SocketId, set: SetId, want: u32) -> Result<(), Error> {
        if !self.select.exists(set) {
            return Err(Error::Invalid);
        }
        let s = self.sockets.get_mut(id).filter(|s| !s.closing).ok_or(Error::Invalid)?;
        let sel = &mut s.select;
        sel.interest |= want & bits::ALL;
        if sel.interest == 0 {
            return Ok(());
        }
        sel.set = Some(set);
        let ready = self.select_ready(id);
        if let Some(s) = self.sockets.get_mut(id) {
            s.select.ready = ready;
        }
        self.select.raise(set.index, ready);
        Ok(())
    }

    /// `FreeRTOS_FD_CLR`: clears interest bits; with none left the socket
    /// leaves its set.
    pub fn fd_clr(&mut self, id: SocketId, set: SetId, clear: u32) -> Result<(), Error> {
        if !self.select.exists(set) {
            return Err(Error::Invalid);
        }
        let s = self.sockets.get_mut(id).filter(|s| !s.closing).ok_or(Error::Invalid)?;
        let sel = &mut s.select;
        sel.interest &= !(clear & bits::ALL);
        sel.set = if sel.interest != 0 { Some(set) } else { None };
        if sel.set.is_none() {
            sel.ready = 0;
        }
        Ok(())
    }

    /// `FreeRTOS_FD_ISSET`: the socket's ready bits from the last poll if
    /// it belongs to `set`, else 0.
    pub fn fd_isset(&self, id: SocketId, set: SetId) -> u32 {
        match self.sockets.get(id).filter(|s| !s.closing) {
            Some(s) if s.select.set == Some(set) && self.select.exists(set) => s.select.ready & bits::ALL,
            _ => 0,
        }
    }

    /// One look at a set for `select()`: every member's ready bits are
    /// evaluated and stored (for `FD_ISSET`); returns their OR, with
    /// `eSELECT_INTR` added (and the signal consumed) when the set was
    /// signalled. `Invalid` for a stale or deleted set.
    pub fn select_poll(&mut self, set: SetId) -> Result<u32, Error> {
        if !self.select.exists(set) {
            return Err(Error::Invalid);
        }
        let mut all = 0;
        for index in 0..self.sockets.slot_count() {
            let Some(id) = self.sockets.id_at(index) else { continue };
            if self.sockets.get(id).is_none_or(|s| s.select.set != Some(set)) {
                continue;
            }
            let ready = self.select_ready(id);
            if let Some(s) = self.sockets.get_mut(id) {
                s.select.ready = ready;
            }
            all |= ready;
        }
        if let Some(slot) = self.select.slot_mut(set) {
            if core::mem::take(&mut slot.intr) {
                all |= bits::INTR;
            }
        }
        Ok(all)
    }

    /// The `eSELECT_*` bits a socket is ready for, among those it asked
    /// for (upstream's `vSocketSelectTCP` and the UDP rule of
    /// `vSocketSelect`). A closing socket, or a child the application has
    /// not accepted yet (it has no handle for it), is ready for nothing.
    pub(crate) fn select_ready(&self, id: SocketId) -> u32 {
        let Some(s) = self.sockets.get(id).filter(|s| !s.closing) else { return 0 };
        // Upstream's select looks only at bound sockets (it walks the bound
        // lists), so a socket without a port is ready for nothing, even a
        // fresh eCLOSED TCP socket (measured side by side: 0, and
        // WRITE | EXCEPT once bound; docs/side-by-side.md).
        if s.port().is_none() {
            return 0;
        }
        let want = s.select.interest;
        let Some(t) = s.tcp() else {
            // UDP: READ with a datagram queued; WRITE and EXCEPT are not
            // used for UDP (upstream).
            let queued = s.udp().map_or(0, |u| u.queued());
            return if want & bits::READ != 0 && queued > 0 { bits::READ } else { 0 };
        };
        let pending = t.pass_queued || t.pass_accept;
        if pending && t.parent.is_some() && !t.reuse_listen {
            return 0;
        }
        let st = t.tcb.state();
        let mut ready = 0;
        if want & bits::READ != 0 {
            let read = if st == TcpState::Listen {
                self.has_acceptable_child(id)
            } else if t.reuse_listen && t.pass_accept {
                // A REUSE listener that got connected: accept() returns it.
                true
            } else {
                !pending && t.tcb.rx_len() > 0
            };
            if read {
                ready |= bits::READ;
            }
        }
        if want & bits::EXCEPT != 0 && matches!(st, TcpState::Closed | TcpState::CloseWait) {
            ready |= bits::EXCEPT;
        }
        // Upstream's rule, kept because the API shows it: any socket the
        // application holds with room in its TX stream, and a socket without
        // a stream yet (fresh, listening, still connecting, refused) counts
        // as having room (`FreeRTOS_tx_space` gives the stream's size).
        if want & bits::WRITE != 0 && !pending && t.tcb.tx_space() > 0 {
            ready |= bits::WRITE;
        }
        ready
    }

    fn has_acceptable_child(&self, listener: SocketId) -> bool {
        self.sockets.iter().any(|(_, c)| {
            !c.closing && c.tcp().is_some_and(|t| t.parent == Some(listener) && t.pass_accept)
        })
    }

    /// Something happened to a socket (a wake-up, a datagram, a state
    /// change): if it is in a set and now ready, queue the set's bits.
    pub(crate) fn select_socket_changed(&mut self, id: SocketId) {
        if !SELECT {
            return;
        }
        let Some(set) = self.sockets.get(id).and_then(|s| s.select.set) else { return };
        let ready = self.select_ready(id);
        self.select.raise(set.index, ready);
    }

    /// A socket left the table: a task in `select()` on its set wakes and
    /// polls the remaining members.
    pub(crate) fn select_socket_freed(&mut self, sock: &Socket) {
        if !SELECT {
            return;
        }
        if let Some(set) = sock.select.set {
            self.select.raise(set.index, bits::EXCEPT);
        }
    }

    /// A child inherits its listener's set, with READ and EXCEPT added
    /// (upstream's `prvTCPSocketCopy`).
    pub(crate) fn select_inherit(listener: &Socket) -> SocketSelect {
        if !SELECT {
            return SocketSelect::default();
        }
        match listener.select.set {
            Some(set) => SocketSelect {
                set: Some(set),
                interest: listener.select.interest | bits::READ | bits::EXCEPT,
                ready: 0,
                signalled: false,
            },
            None => SocketSelect::default(),
        }
    }

    /// `FreeRTOS_SignalSocket`: a socket in a set interrupts the set's
    /// `select()` (eSELECT_INTR), as upstream; any other socket interrupts
    /// the task blocked on it (or its next blocking receive) with `-EINTR`.
    pub fn signal(&mut self, id: SocketId) -> Result<(), Error> {
        if !SIGNALS {
            return Err(Error::Invalid);
        }
        let s = self.sockets.get_mut(id).filter(|s| !s.closing).ok_or(Error::Invalid)?;
        match s.select.set {
            Some(set) if self.select.exists(set) => {
                if let Some(slot) = self.select.slot_mut(set) {
                    slot.intr = true;
                }
                self.select.raise(set.index, bits::INTR);
            }
            _ => {
                s.select.signalled = true;
                self.wake(id, event::INTR);
            }
        }
        Ok(())
    }

    /// Consumes a pending signal of the socket: true if there was one.
    pub fn take_signal(&mut self, id: SocketId) -> bool {
        SIGNALS && self.sockets.get_mut(id).is_some_and(|s| core::mem::take(&mut s.select.signalled))
    }

    /// The next set whose event group must get bits, as a notice.
    pub(crate) fn next_select_notice(&mut self) -> Option<Notice> {
        if !SELECT {
            return None;
        }
        let t = &mut self.select;
        if !t.any_pending {
            return None;
        }
        for (i, slot) in t.slots.iter_mut().enumerate() {
            let b = core::mem::take(&mut slot.pending);
            if b != 0 {
                return Some(Notice::SelectWake(SetId { index: i as u16, generation: slot.generation }, b));
            }
        }
        t.any_pending = false;
        None
    }
}
