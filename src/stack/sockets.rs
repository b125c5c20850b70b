//! The socket table: generation-checked slots, so a stale or forged handle is
//! recognised and refused instead of touching freed memory (reference §2.11:
//! upstream's handles are raw pointers and a closed one is a use-after-free).
#![forbid(unsafe_code)]

use alloc::boxed::Box;
use alloc::vec::Vec;

use crate::os::fallible::{try_box_with, try_push};
use crate::tcp::{Tcb, TcpConfig};
use crate::wire::Ipv4Addr;

/// Identifies one socket: slot index plus the slot's generation when the
/// socket was created. Generations start at 1, so no id is all zeroes.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct SocketId {
    pub index: u16,
    pub generation: u16,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Protocol {
    Tcp,
    Udp,
}

/// Event bits, the same values upstream uses in each socket's event group
/// (reference §1.2 "Internal socket event bits").
pub mod event {
    pub const RECEIVE: u32 = 0x01;
    pub const SEND: u32 = 0x02;
    pub const ACCEPT: u32 = 0x04;
    pub const CONNECT: u32 = 0x08;
    pub const BOUND: u32 = 0x10;
    pub const CLOSED: u32 = 0x20;
    pub const INTR: u32 = 0x40;
    pub const ALL: u32 = 0x7f;
}

/// TCP-specific parts of a socket.
pub struct TcpPart {
    pub tcb: Tcb,
    /// Listener: the backlog (`usBacklog`) and the live children counted
    /// against it (`usChildCount`, reference §3).
    pub backlog: u16,
    pub child_count: u16,
    /// Child: the listener that created it, until it is freed.
    pub parent: Option<SocketId>,
    /// Child not yet established (upstream `bPassQueued`).
    pub pass_queued: bool,
    /// Child established, waiting for `accept()` (upstream `bPassAccept`).
    pub pass_accept: bool,
    /// Order in which children became acceptable (first come, first served).
    pub accept_order: u64,
    pub reuse_listen: bool,
    /// Active open waiting for the next hop's MAC: ARP tries so far and when
    /// the next one is due (reference §2.5: 3 tries, 500 ms apart).
    pub arp_tries: u8,
    pub arp_next: Option<crate::time::Instant>,
}

impl TcpPart {
    /// The TCP part of a new socket (not listening, no parent, no ARP
    /// tries), on the heap; None when the heap is exhausted. One place builds
    /// it for `socket()` and for a listener's children.
    #[inline(never)]
    pub fn boxed(cfg: TcpConfig) -> Option<Box<TcpPart>> {
        try_box_with(|| TcpPart {
            tcb: Tcb::new(cfg),
            backlog: 0,
            child_count: 0,
            parent: None,
            pass_queued: false,
            pass_accept: false,
            accept_order: 0,
            reuse_listen: false,
            arp_tries: 0,
            arp_next: None,
        })
    }
}

pub struct Socket {
    pub protocol: Protocol,
    /// Bound local port (host order), None while unbound.
    pub port: Option<u16>,
    pub bound_addr: Ipv4Addr,
    /// Position in the bound-sockets list (netstat prints in this order).
    pub bind_order: u64,
    /// Block times in ticks; None = `portMAX_DELAY`.
    pub rcv_timeout: Option<u64>,
    pub snd_timeout: Option<u64>,
    /// Boxed: the connection state is most of a socket's size, and a slot
    /// table of unboxed sockets would be moved around (and copied through
    /// task stacks) as a whole.
    pub tcp: Option<Box<TcpPart>>,
    /// Wake-up bits raised by the stack, collected by the IP task.
    pub pending_events: u32,
    /// `closesocket()` was called; the IP task frees the socket.
    pub closing: bool,
    pub user_id: usize,
}

impl Socket {
    /// A new, unbound socket with these block times.
    pub fn new(
        protocol: Protocol,
        rcv_timeout: Option<u64>,
        snd_timeout: Option<u64>,
        tcp: Option<Box<TcpPart>>,
    ) -> Socket {
        Socket {
            protocol,
            port: None,
            bound_addr: Ipv4Addr::UNSPECIFIED,
            bind_order: 0,
            rcv_timeout,
            snd_timeout,
            tcp,
            pending_events: 0,
            closing: false,
            user_id: 0,
        }
    }
}

struct Slot {
    generation: u16,
    /// A socket was freed here since the last [`SocketTable::take_freed`]:
    /// tasks still blocked on the slot must be woken to notice.
    freed: bool,
    socket: Option<Socket>,
}

#[derive(Default)]
pub struct SocketTable {
    slots: Vec<Slot>,
    live: usize,
}

impl SocketTable {
    pub fn new() -> SocketTable {
        SocketTable { slots: Vec::new(), live: 0 }
    }

    /// Stores a socket; reuses a free slot before growing. `None` when the
    /// table is full (65535 sockets) or memory ran out.
    pub fn insert(&mut self, socket: Socket) -> Option<SocketId> {
        let free = self.slots.iter_mut().enumerate().find(|(_, s)| s.socket.is_none());
        let (index, generation) = match free {
            Some((index, slot)) => {
                slot.generation = next_generation(slot.generation);
                slot.socket = Some(socket);
                (index, slot.generation)
            }
            None => {
                let index = self.slots.len();
                if index >= u16::MAX as usize {
                    return None;
                }
                try_push(&mut self.slots, Slot { generation: 1, freed: false, socket: Some(socket) }).ok()?;
                (index, 1)
            }
        };
        self.live += 1;
        Some(SocketId { index: index as u16, generation })
    }

    pub fn get(&self, id: SocketId) -> Option<&Socket> {
        let slot = self.slots.get(id.index as usize)?;
        if slot.generation != id.generation {
            return None;
        }
        slot.socket.as_ref()
    }

    pub fn get_mut(&mut self, id: SocketId) -> Option<&mut Socket> {
        let slot = self.slots.get_mut(id.index as usize)?;
        if slot.generation != id.generation {
            return None;
        }
        slot.socket.as_mut()
    }

    pub fn remove(&mut self, id: SocketId) -> Option<Socket> {
        let slot = self.slots.get_mut(id.index as usize)?;
        if slot.generation != id.generation {
            return None;
        }
        let s = slot.socket.take();
        if s.is_some() {
            self.live -= 1;
            slot.freed = true;
        }
        s
    }

    /// The id of the live socket in slot `index`, if any. Walking the slots
    /// by index lets a caller free sockets on the way.
    pub fn id_at(&self, index: usize) -> Option<SocketId> {
        let slot = self.slots.get(index)?;
        slot.socket.as_ref()?;
        Some(SocketId { index: index as u16, generation: slot.generation })
    }

    /// Hands out (and forgets) the slots where a socket was freed since the
    /// last call, with the generation each slot has now.
    pub fn take_freed(&mut self, mut deliver: impl FnMut(SocketId)) {
        for (i, slot) in self.slots.iter_mut().enumerate() {
            if core::mem::take(&mut slot.freed) {
                deliver(SocketId { index: i as u16, generation: slot.generation });
            }
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (SocketId, &Socket)> {
        self.slots.iter().enumerate().filter_map(|(i, s)| {
            s.socket.as_ref().map(|sock| (SocketId { index: i as u16, generation: s.generation }, sock))
        })
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = (SocketId, &mut Socket)> {
        self.slots.iter_mut().enumerate().filter_map(|(i, s)| {
            let generation = s.generation;
            s.socket.as_mut().map(move |sock| (SocketId { index: i as u16, generation }, sock))
        })
    }

    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    pub fn slot_count(&self) -> usize {
        self.slots.len()
    }
}

/// Generations run 1..=0x7fff, so an encoded C handle never has its top
/// bit set and can never equal `FREERTOS_INVALID_SOCKET` (`~0U`).
pub const MAX_GENERATION: u16 = 0x7fff;

fn next_generation(g: u16) -> u16 {
    if g >= MAX_GENERATION {
        1
    } else {
        g + 1
    }
}
