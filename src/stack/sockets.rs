//! The socket table: generation-checked slots, so a stale or forged handle is
//! recognised and refused instead of touching freed memory (reference §2.11:
//! upstream's handles are raw pointers and a closed one is a use-after-free).
#![forbid(unsafe_code)]

use alloc::boxed::Box;
use alloc::vec::Vec;
use core::num::NonZeroU16;

use crate::os::fallible::{try_box_with, try_push};
use crate::stack::udp::UdpPart;
use crate::tcp::{Tcb, TcpConfig};
use crate::wire::IpAddress;

/// Identifies one socket: slot index plus the slot's generation when the
/// socket was created. Generations start at 1, so no id is all zeroes:
/// non-zero in its type, so that an `Option<SocketId>` is one 32-bit
/// register (passed and returned without going through memory).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct SocketId {
    pub index: u16,
    pub generation: NonZeroU16,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Protocol {
    Tcp = 6,
    Udp = 17,
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
    /// Opt-in extensions' record of the socket (`extensions.rs`).
    pub ext: crate::stack::extensions::TcpExt,
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
            ext: crate::stack::extensions::TcpExt::new(),
        })
    }
}

/// What a socket carries, by transport: one record for every protocol, so
/// demultiplexing, netstat and the handle table treat them alike.
pub enum Transport {
    /// Boxed: the connection state is most of a socket's size, and a slot
    /// table of unboxed sockets would be moved around (and copied through
    /// task stacks) as a whole.
    Tcp(Box<TcpPart>),
    Udp(UdpPart),
}

pub struct Socket {
    pub transport: Transport,
    /// Bound local port (host order), None while unbound. Set only through
    /// [`SocketTable::set_port`] (or before [`SocketTable::insert`]), which
    /// keeps the port map in step.
    port: Option<u16>,
    pub bound_addr: IpAddress,
    /// Position in the bound-sockets list (netstat prints in this order).
    pub bind_order: u64,
    /// Block times in ticks; None = `portMAX_DELAY`.
    pub rcv_timeout: Option<u32>,
    pub snd_timeout: Option<u32>,
    /// Wake-up bits raised by the stack, collected by the IP task.
    pub pending_events: u32,
    /// `closesocket()` was called; the IP task frees the socket.
    pub closing: bool,
    pub user_id: usize,
    /// Its socket set, interest and ready bits, a pending signal
    /// (`stack::select`).
    pub select: crate::stack::select::SocketSelect,
    /// Handlers and user wake-ups (`stack::callbacks`); None until the
    /// application sets one.
    pub callbacks: Option<Box<crate::stack::callbacks::CallbackState>>,
}

impl Socket {
    /// A new, unbound socket with these block times.
    pub fn new(transport: Transport, rcv_timeout: Option<u32>, snd_timeout: Option<u32>) -> Socket {
        Socket {
            transport,
            port: None,
            bound_addr: IpAddress::UNSPECIFIED_V4,
            bind_order: 0,
            rcv_timeout,
            snd_timeout,
            pending_events: 0,
            closing: false,
            user_id: 0,
            select: crate::stack::select::SocketSelect::default(),
            callbacks: None,
        }
    }

    /// A socket bound to `port` from the start (a listener's child).
    pub fn with_port(mut self, port: u16) -> Socket {
        self.port = Some(port);
        self
    }

    pub fn protocol(&self) -> Protocol {
        match self.transport {
            Transport::Tcp(_) => Protocol::Tcp,
            Transport::Udp(_) => Protocol::Udp,
        }
    }

    pub fn port(&self) -> Option<u16> {
        self.port
    }

    pub fn tcp(&self) -> Option<&TcpPart> {
        match &self.transport {
            Transport::Tcp(t) => Some(t),
            Transport::Udp(_) => None,
        }
    }

    pub fn tcp_mut(&mut self) -> Option<&mut TcpPart> {
        match &mut self.transport {
            Transport::Tcp(t) => Some(t),
            Transport::Udp(_) => None,
        }
    }

    pub fn udp(&self) -> Option<&UdpPart> {
        match &self.transport {
            Transport::Udp(u) => Some(u),
            Transport::Tcp(_) => None,
        }
    }

    pub fn udp_mut(&mut self) -> Option<&mut UdpPart> {
        match &mut self.transport {
            Transport::Udp(u) => Some(u),
            Transport::Tcp(_) => None,
        }
    }

    /// A child of a listener: it shares the listener's port internally
    /// (reference §2.3), so it never makes a port "in use".
    pub fn is_child(&self) -> bool {
        self.tcp().is_some_and(|t| t.parent.is_some())
    }
}

/// One bound socket in the port map.
#[derive(Copy, Clone, Debug)]
struct PortEntry {
    protocol: Protocol,
    port: u16,
    id: SocketId,
}

impl PortEntry {
    fn key(&self) -> (u8, u16) {
        (self.protocol as u8, self.port)
    }
}

struct Slot {
    /// The generation of the slot's socket, or of the last one it had
    /// (`MAX_GENERATION` in a slot never used: its first socket gets 1).
    generation: NonZeroU16,
    /// A socket was freed here since the last [`SocketTable::take_one_freed`]:
    /// tasks still blocked on the slot must be woken to notice.
    freed: bool,
    socket: Option<Socket>,
}

/// The sockets, by generation-checked slot, and the port map that finds
/// the sockets bound to a (protocol, port) without walking every slot.
#[derive(Default)]
pub struct SocketTable {
    slots: Vec<Slot>,
    live: usize,
    /// Bound sockets sorted by (protocol, port); a listener and its children
    /// share one port. Its capacity never falls below the number of live
    /// sockets (reserved in `insert`), so binding never needs the heap.
    ports: Vec<PortEntry>,
    /// Some slot has `freed` set.
    freed_any: bool,
}

impl SocketTable {
    pub fn new() -> SocketTable {
        SocketTable { slots: Vec::new(), live: 0, ports: Vec::new(), freed_any: false }
    }

    /// Stores a socket (with its port, if it has one); reuses a free slot
    /// before growing. `None` when the table is full (65535 sockets) or
    /// memory ran out.
    pub fn insert(&mut self, socket: Socket) -> Option<SocketId> {
        // Room in the port map for every live socket, this one included.
        let wanted = (self.live + 1).saturating_sub(self.ports.len());
        self.ports.try_reserve(wanted).ok()?;
        let port = socket.port;
        let protocol = socket.protocol();
        let index = match self.slots.iter().position(|s| s.socket.is_none()) {
            Some(index) => index,
            None => {
                let index = self.slots.len();
                if index >= u16::MAX as usize {
                    return None;
                }
                // The last generation: the first socket here gets 1 below.
                try_push(&mut self.slots, Slot { generation: LAST_GENERATION, freed: false, socket: None }).ok()?;
                index
            }
        };
        // One place moves the socket in (it is large), for both kinds of slot.
        let slot = self.slots.get_mut(index)?;
        slot.generation = next_generation(slot.generation);
        slot.socket = Some(socket);
        let generation = slot.generation;
        self.live += 1;
        let id = SocketId { index: index as u16, generation };
        if let Some(port) = port {
            self.map_port(PortEntry { protocol, port, id });
        }
        Some(id)
    }

    /// Binds a live socket to `port` (it must not have one yet).
    pub fn set_port(&mut self, id: SocketId, port: u16) {
        self.bind_with(id, port, |_| {});
    }

    /// `set_port`, after `f` has set the rest of what binding sets on the
    /// socket: one look-up for both.
    pub fn bind_with(&mut self, id: SocketId, port: u16, f: impl FnOnce(&mut Socket)) {
        let Some(s) = self.get_mut(id) else { return };
        if s.port.is_some() {
            return;
        }
        f(s);
        s.port = Some(port);
        let protocol = s.protocol();
        self.map_port(PortEntry { protocol, port, id });
    }

    /// Adds an entry, keeping the map sorted: appended, then moved down to
    /// its place (no shifting `insert`, whose bounds check could panic).
    fn map_port(&mut self, entry: PortEntry) {
        // Capacity was reserved by `insert`: this push never allocates.
        if try_push(&mut self.ports, entry).is_err() {
            return;
        }
        let mut i = self.ports.len() - 1;
        while i > 0 {
            let (Some(a), Some(b)) = (self.ports.get(i - 1), self.ports.get(i)) else { break };
            if a.key() <= b.key() {
                break;
            }
            swap_with_next(&mut self.ports, i - 1);
            i -= 1;
        }
    }

    fn unmap_port(&mut self, id: SocketId) {
        let Some(mut i) = self.ports.iter().position(|e| e.id == id) else { return };
        while i + 1 < self.ports.len() {
            swap_with_next(&mut self.ports, i);
            i += 1;
        }
        self.ports.pop();
    }

    /// The sockets bound to `port` for `protocol` (live or closing), in
    /// the order they were mapped within equal keys.
    pub fn bound_to(&self, protocol: Protocol, port: u16) -> impl Iterator<Item = SocketId> + '_ {
        let key = (protocol as u8, port);
        // Both ends found here, so that each caller's loop only walks a
        // slice (no key test inlined into every caller).
        // The map is sorted, so the first entry with the key starts its run
        // (a walk: a handful of bound sockets, less code than a binary
        // search).
        let first = self.ports.iter().position(|e| e.key() == key).unwrap_or(self.ports.len());
        let rest = self.ports.get(first..).unwrap_or_default();
        let n = rest.iter().take_while(|e| e.key() == key).count();
        rest.get(..n).unwrap_or_default().iter().map(|e| e.id)
    }

    // Out of line: copies inlined into every caller cost flash (bench/README.md).
    #[inline(never)]
    pub fn get(&self, id: SocketId) -> Option<&Socket> {
        let slot = self.slots.get(id.index as usize)?;
        if slot.generation != id.generation {
            return None;
        }
        slot.socket.as_ref()
    }

    // Out of line: copies inlined into every caller cost flash (bench/README.md).
    #[inline(never)]
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
            self.freed_any = true;
            self.unmap_port(id);
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

    /// One slot where a socket was freed since it was last handed out, with
    /// the generation the slot has now (and forgets it). Walks the slots
    /// only when something was freed.
    pub fn take_one_freed(&mut self) -> Option<SocketId> {
        if !self.freed_any {
            return None;
        }
        for (i, slot) in self.slots.iter_mut().enumerate() {
            if core::mem::take(&mut slot.freed) {
                return Some(SocketId { index: i as u16, generation: slot.generation });
            }
        }
        self.freed_any = false;
        None
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

/// Swaps elements `i` and `i + 1` if both exist (`slice::swap` without its
/// bounds-check panic).
fn swap_with_next<T>(list: &mut [T], i: usize) {
    if let Some([a, b]) = list.get_mut(i..).and_then(|rest| rest.get_mut(..2)) {
        core::mem::swap(a, b);
    }
}

impl SocketId {
    /// The `Socket_t` value the C API shows for this socket (ffi's
    /// `handle_to_c`; handlers get it as their first argument).
    pub fn c_handle(self) -> usize {
        ((self.generation.get() as usize) << 16) | (self.index as usize + 1)
    }
}

/// Generations run 1..=0x7fff, so an encoded C handle never has its top
/// bit set and can never equal `FREERTOS_INVALID_SOCKET` (`~0U`).
pub const MAX_GENERATION: u16 = 0x7fff;
const LAST_GENERATION: NonZeroU16 = match NonZeroU16::new(MAX_GENERATION) {
    Some(g) => g,
    None => NonZeroU16::MIN,
};

fn next_generation(g: NonZeroU16) -> NonZeroU16 {
    if g.get() >= MAX_GENERATION {
        NonZeroU16::MIN
    } else {
        g.saturating_add(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn udp() -> Socket {
        Socket::new(Transport::Udp(UdpPart::new(0)), None, None)
    }

    fn tcp() -> Socket {
        let cfg = crate::stack::testenv::config().tcp;
        Socket::new(Transport::Tcp(TcpPart::boxed(cfg).unwrap()), None, None)
    }

    #[test]
    fn port_map_finds_sockets_by_protocol_and_port() {
        let mut t = SocketTable::new();
        let a = t.insert(tcp()).unwrap();
        let b = t.insert(udp()).unwrap();
        let c = t.insert(tcp().with_port(80)).unwrap();
        assert_eq!(t.bound_to(Protocol::Tcp, 80).collect::<Vec<_>>(), vec![c]);
        t.set_port(a, 80);
        t.set_port(b, 80);
        // Binding twice keeps the first port.
        t.set_port(b, 81);
        assert_eq!(t.get(b).unwrap().port(), Some(80));
        let mut tcp80: Vec<_> = t.bound_to(Protocol::Tcp, 80).collect();
        tcp80.sort_by_key(|id| id.index);
        assert_eq!(tcp80, vec![a, c]);
        assert_eq!(t.bound_to(Protocol::Udp, 80).collect::<Vec<_>>(), vec![b]);
        assert_eq!(t.bound_to(Protocol::Udp, 81).count(), 0);
        t.remove(c).unwrap();
        assert_eq!(t.bound_to(Protocol::Tcp, 80).collect::<Vec<_>>(), vec![a]);
        // A stale id unmaps nothing.
        assert!(t.remove(c).is_none());
        assert_eq!(t.bound_to(Protocol::Tcp, 80).count(), 1);
    }

    #[test]
    fn port_map_stays_sorted_under_random_binds_and_removals() {
        let mut t = SocketTable::new();
        let mut seed = 0x1234_5678u32;
        let mut live = Vec::new();
        for _ in 0..2000 {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            if seed % 3 == 0 && !live.is_empty() {
                let id = live.swap_remove((seed as usize / 3) % live.len());
                t.remove(id).unwrap();
            } else {
                let s = if seed % 2 == 0 { tcp() } else { udp() };
                let id = t.insert(s).unwrap();
                t.set_port(id, (seed >> 20) as u16 % 8);
                live.push(id);
            }
            assert!(t.ports.windows(2).all(|w| w[0].key() <= w[1].key()));
            assert_eq!(t.ports.len(), live.len());
            assert!(t.ports.capacity() >= t.len());
        }
        for proto in [Protocol::Tcp, Protocol::Udp] {
            for port in 0..8 {
                let want = live
                    .iter()
                    .filter(|id| t.get(**id).is_some_and(|s| s.protocol() == proto && s.port() == Some(port)))
                    .count();
                assert_eq!(t.bound_to(proto, port).count(), want);
            }
        }
    }
}
