//! The global stack, the IP task and the bridge between them and the kernel.
//!
//! Threading model (ARCHITECTURE.md has the long form):
//! * One `Stack` lives behind one kernel mutex (`GLOBAL`). The IP task takes
//!   it for every event it processes; application tasks take it for the
//!   short time a call needs (copying into or out of a stream, changing a
//!   state), never while they block.
//! * Application tasks block on their socket's event group, outside the
//!   lock. The stack queues a notice when it changed what they wait for; the
//!   IP task raises the bits after releasing the lock (`deliver_notices`).
//! * Application calls that give the IP task work (send, connect, close)
//!   post one wake-up event to its queue.
//! * Drivers post received frames with `xSendEventStructToIPTask`; only the
//!   documented `...FromISR` calls may be used from interrupts.
#![forbid(unsafe_code)]

pub mod arp;
mod callbacks;
pub mod dhcp;
pub mod endpoints;
pub mod resources;

use alloc::boxed::Box;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicBool, AtomicPtr, AtomicUsize, Ordering};

use crate::config;
use crate::os::kernel::{self, EventQueue, KernelMutex};
use crate::os::netif::{EndPointRef, InterfaceRef};
use crate::os::fallible::{try_box_with, try_push};
use crate::os::{hooks, netbuf, sys, EventGroup};
use crate::stack::netstat::BufferStats;
use crate::stack::callbacks::{HANDLERS, USER_WAKE};
use crate::stack::{event, Endpoint, Env, FrameToken, Notice, SocketId, Stack};
use crate::time::{Duration, Instant};
use crate::wire::SockAddr;

pub struct Global {
    pub stack: Stack,
    /// One event group per socket slot, created with the slot, never freed.
    pub groups: Vec<EventGroup>,
    pub interfaces: Vec<InterfaceRef>,
    pub endpoints: Vec<EndPointRef>,
    /// The DNS client's cache and counters (`socket::dns`).
    pub dns: crate::dns::Dns,
    /// One event group per socket-set slot (`stack::select`), created with
    /// the slot, never freed: a task in `select()` on a set that another
    /// task deletes wakes on a live object.
    pub set_groups: Vec<EventGroup>,
    /// The IP task's buffer for TCP data on its way to a receive handler
    /// (`ip_task::callbacks`), taken out while the handler runs.
    pub callback_buffer: Option<Box<[u8]>>,
}

/// Boxed: an all-zero `None` keeps the static in .bss; an unboxed
/// `Option<Global>` is a few hundred bytes of initialised data, i.e. flash.
pub static GLOBAL: KernelMutex<Option<Box<Global>>> = KernelMutex::new(None);
pub static EVENTS: EventQueue = EventQueue::empty();
/// Set once the IP task runs (`xIPIsNetworkTaskReady`).
pub static TASK_READY: AtomicBool = AtomicBool::new(false);
pub static TASK_HANDLE: AtomicPtr<core::ffi::c_void> = AtomicPtr::new(core::ptr::null_mut());
/// A wake-up event is already queued; saves flooding the queue.
static WAKE_PENDING: AtomicBool = AtomicBool::new(false);
static NETWORK_UP: AtomicBool = AtomicBool::new(false);
/// The fewest free places the event queue had just after a post
/// (`uxGetMinimumIPQueueSpace`; upstream starts at the queue's length).
static MIN_QUEUE_SPACE: AtomicUsize = AtomicUsize::new(config::EVENT_QUEUE_LENGTH);

/// Records the queue's free space after a successful post.
fn note_queue_space() {
    if let Some(n) = EVENTS.spaces() {
        MIN_QUEUE_SPACE.fetch_min(n, Ordering::Relaxed);
    }
}

/// A network-down event that found the event queue full: 0 none,
/// [`DOWN_ALL`] more than one interface (all are re-initialised), else the
/// interface's address. The IP task handles it on its next cycle, as
/// upstream's `xNetworkDownEventPending` makes it do.
static DOWN_PENDING: AtomicUsize = AtomicUsize::new(0);
const DOWN_ALL: usize = 1;

/// `FreeRTOS_NetworkDown` / `...FromISR` (`from_isr`: returns whether a
/// task was woken): posts the event without waiting; when the queue is
/// full, remembers it instead of losing it (before the IP task runs there
/// is nothing to remember: it initialises every interface when it starts).
pub fn network_down_event(iface: *mut sys::NetworkInterface_t, from_isr: bool) -> bool {
    let ev = sys::IPStackEvent_t { eEventType: sys::eNetworkDownEvent as _, pvData: iface.cast() };
    let mut woken: sys::BaseType_t = 0;
    let sent = if from_isr { EVENTS.send_from_isr(&ev, &mut woken) } else { post(&ev, Some(0)) };
    if !sent && TASK_READY.load(Ordering::Acquire) {
        let p = if iface.is_null() { DOWN_ALL } else { iface as usize };
        if let Err(old) = DOWN_PENDING.compare_exchange(0, p, Ordering::AcqRel, Ordering::Acquire) {
            if old != p {
                DOWN_PENDING.store(DOWN_ALL, Ordering::Release);
            }
        }
    }
    woken != 0
}

/// `xIsNetworkDownEventPending`.
pub fn network_down_pending() -> bool {
    DOWN_PENDING.load(Ordering::Acquire) != 0
}

/// `uxGetMinimumIPQueueSpace`.
pub fn min_queue_space() -> usize {
    MIN_QUEUE_SPACE.load(Ordering::Relaxed)
}

/// The stack's environment on the kernel: drivers, hooks and printing.
/// A frame is sent on the interface the stack names, tagged with the first
/// of `endpoints` on that interface. Application tasks use it too, under the
/// same lock (so driver calls never overlap): with no interfaces it sends
/// nothing, with one end-point it sends from that end-point.
pub(crate) struct KernelEnv<'a> {
    pub interfaces: &'a [InterfaceRef],
    pub endpoints: &'a [EndPointRef],
}

impl KernelEnv<'static> {
    /// For calls that must not transmit (bind needs only random numbers).
    pub fn no_output() -> KernelEnv<'static> {
        KernelEnv { interfaces: &[], endpoints: &[] }
    }
}

impl Env for KernelEnv<'_> {
    fn transmit(&mut self, iface: usize, len: usize, fill: &mut dyn FnMut(&mut [u8]) -> bool) -> bool {
        let Some(i) = self.interfaces.get(iface) else { return false };
        let ep = self
            .endpoints
            .iter()
            .find(|e| e.config().interface == i.0)
            .map_or(core::ptr::null_mut(), |e| e.0);
        i.output(ep, len, fill)
    }

    fn random(&mut self) -> Option<u32> {
        hooks::random()
    }

    fn initial_sequence(&mut self, local: SockAddr, remote: SockAddr) -> u32 {
        hooks::initial_sequence(local, remote)
    }

    fn log(&mut self, line: &[u8]) {
        crate::os::print(line);
    }

    fn copy_frame(&mut self, frame: &[u8]) -> Option<FrameToken> {
        let d = netbuf::copy_new(frame);
        (!d.is_null()).then_some(token_of(d))
    }

    fn frame_mut(&mut self, frame: FrameToken) -> Option<&mut [u8]> {
        netbuf::held_frame_mut(descriptor_of(frame), self)
    }

    fn send_frame(&mut self, iface: usize, frame: FrameToken, len: usize) -> bool {
        let d = descriptor_of(frame);
        let Some(i) = self.interfaces.get(iface) else {
            netbuf::release(d);
            return false;
        };
        let ep = self.endpoints.iter().find(|e| e.config().interface == i.0).map_or(core::ptr::null_mut(), |e| e.0);
        i.send_held(ep, d, len)
    }

    fn release_frame(&mut self, frame: FrameToken) {
        netbuf::release(descriptor_of(frame));
    }
}

/// A network buffer as the stack's opaque token: the descriptor's address.
pub fn token_of(d: *mut netbuf::Descriptor) -> FrameToken {
    FrameToken(d as usize)
}

/// The descriptor behind a token (checked by netbuf before any use).
pub fn descriptor_of(t: FrameToken) -> *mut netbuf::Descriptor {
    t.0 as *mut netbuf::Descriptor
}


/// `FreeRTOS_IPInit_Multi`: builds the stack from the registered
/// interfaces and end-points and starts the IP task.
pub fn start(interfaces: Vec<InterfaceRef>, endpoints: Vec<EndPointRef>) -> bool {
    let count = interfaces.len();
    if count == 0 || count > Pending::BITS as usize || !TASK_HANDLE.load(Ordering::Acquire).is_null() {
        return false;
    }
    if !GLOBAL.init() || !EVENTS.create(config::EVENT_QUEUE_LENGTH) || !netbuf::init() {
        return false;
    }
    let Some(mut global) =
        try_box_with(|| Global {
            stack: Stack::new(crate::stack::APP_CONFIG),
            groups: Vec::new(),
            interfaces,
            endpoints,
            dns: crate::dns::Dns::new(),
            set_groups: Vec::new(),
            callback_buffer: None,
        })
    else {
        return false; // no heap for the stack itself
    };
    let Global { stack, interfaces, endpoints, .. } = &mut *global;
    for ep in endpoints.iter() {
        let c = ep.config();
        let iface = interfaces.iter().position(|i| i.0 == c.interface).unwrap_or(0);
        let added = stack.add_endpoint(Endpoint {
            ip: c.ip,
            netmask: c.netmask,
            gateway: c.gateway,
            dns: c.dns,
            mac: c.mac,
            interface: iface,
            up: false,
        });
        if added.is_none() {
            return false; // the heap cannot hold the end-point table
        }
    }
    if !dhcp::enable_clients(stack, endpoints) {
        return false;
    }
    {
        let Some(mut g) = GLOBAL.lock() else { return false };
        *g = Some(global);
    }
    let Some(handle) = kernel::spawn(
        ip_task,
        b"IP-task\0",
        config::IP_TASK_STACK_SIZE_WORDS,
        config::IP_TASK_PRIORITY,
    ) else {
        return false;
    };
    TASK_HANDLE.store(handle, Ordering::Release);
    true
}

pub fn is_network_up() -> bool {
    NETWORK_UP.load(Ordering::Acquire)
}

/// Asks the IP task to run a cycle (send what application calls queued).
pub fn wake_ip_task() {
    if WAKE_PENDING.swap(true, Ordering::AcqRel) {
        return;
    }
    let ev = sys::IPStackEvent_t { eEventType: sys::eStackTxEvent as _, pvData: core::ptr::null_mut() };
    if EVENTS.send(&ev, Some(0)) {
        note_queue_space();
    } else {
        WAKE_PENDING.store(false, Ordering::Release);
    }
}

/// Posts an event to the IP task (`xSendEventStructToIPTask`).
pub fn post(ev: &sys::IPStackEvent_t, timeout: Option<u32>) -> bool {
    if !TASK_READY.load(Ordering::Acquire) {
        return false;
    }
    let sent = EVENTS.send(ev, timeout);
    if sent {
        note_queue_space();
    }
    sent
}

/// A notice on its way out: taken under the lock, delivered after it.
#[derive(Copy, Clone)]
enum Delivery {
    Bits(EventGroup, u32),
    /// `eNetworkUp` for this end-point (its C struct was already written).
    Up(EndPointRef),
    /// The DHCP hook for the end-point at this index.
    DhcpHook(usize, EndPointRef, crate::stack::dhcp::Phase, crate::wire::Ipv4Addr),
    /// `vApplicationPingReplyHook` (status, identifier).
    PingReply(u8, u16),
    /// Socket handlers and user wake-ups (`callbacks.rs`).
    Callback(callbacks::Work),
}

/// Delivers what the stack queued (wake-ups, freed slots, DHCP's hook and
/// network-up events) one at a time, each after releasing the lock: a
/// woken task of higher priority can then take the lock at once instead of
/// waiting for the IP task, nothing is called with the lock held, and what
/// application code run by a notice does (close a socket, send) is seen by
/// every later notice, taken after it returns.
fn deliver_notices() {
    loop {
        let delivery = {
            let Some(mut guard) = lock_stack() else { return };
            let g = &mut *guard;
            let Some(notice) = g.stack.next_notice() else { return };
            match notice {
                Notice::Wake(id, bits) => socket_delivery(g, id, bits, USER_WAKE),
                Notice::Freed(id) => socket_delivery(g, id, event::ALL, false),
                Notice::PingReply { status, ident } => Some(Delivery::PingReply(status, ident)),
                Notice::EndpointAddresses(i) | Notice::EndpointUp(i) => {
                    dhcp::write_back(g, i);
                    // A lost lease takes the end-point down (no event).
                    NETWORK_UP.store(g.stack.all_up(), Ordering::Release);
                    let up = matches!(notice, Notice::EndpointUp(_));
                    g.endpoints.get(i).filter(|_| up).map(|e| Delivery::Up(*e))
                }
                Notice::DhcpHook { endpoint, phase, ip } => {
                    g.endpoints.get(endpoint).map(|e| Delivery::DhcpHook(endpoint, *e, phase, ip))
                }
                // Only made with `ipconfigSUPPORT_SELECT_FUNCTION` (`stack::select`).
                Notice::SelectWake(set, bits) if config::RUNTIME_SETTINGS || config::SUPPORT_SELECT_FUNCTION => {
                    g.set_groups.get(set.index as usize).map(|eg| Delivery::Bits(*eg, bits))
                }
                Notice::SelectWake(..) => None,
                n @ (Notice::Callbacks(_) | Notice::UdpReceive { .. }) => {
                    if HANDLERS { callbacks::prepare(g, n).map(Delivery::Callback) } else { None }
                }
            }
        };
        // A hook or handler may queue more (the fallback's network-up, a
        // reply, a close): the loop delivers it now, not at the next event.
        match delivery {
            None => {}
            Some(Delivery::Bits(group, bits)) => group.set(bits),
            Some(Delivery::Up(ep)) => hooks::network_event(true, ep.0),
            Some(Delivery::DhcpHook(index, ep, phase, ip)) => dhcp::ask_hook(index, ep, phase, ip),
            Some(Delivery::PingReply(status, ident)) => hooks::ping_reply(status, ident),
            Some(Delivery::Callback(w)) if HANDLERS || USER_WAKE => callbacks::run(w),
            Some(Delivery::Callback(_)) => {}
        }
    }
}

/// A socket's wake-up (`user`: the application's user wake-up may take
/// it): its event group's bits, or the callback. One out-of-line copy for
/// wake-ups and freed slots.
#[inline(never)]
fn socket_delivery(g: &mut Global, id: SocketId, bits: u32, user: bool) -> Option<Delivery> {
    let eg = g.groups.get(id.index as usize).copied()?;
    let work = if USER_WAKE && user { callbacks::wake(g, id, eg, bits) } else { None };
    Some(work.map_or(Delivery::Bits(eg, bits), Delivery::Callback))
}

/// Interfaces waiting for `pfInitialise` to pass: bit `i` for interface
/// `i` (`start` refuses more than 32 interfaces).
type Pending = u32;

/// The interface (or end-point) at index `i`, read under the lock: driver
/// calls and hooks then run without it, as they may call the API.
/// Inlined into its two callers (12 B smaller, measured twice).
#[inline(always)]
fn interface_at(i: usize) -> Option<InterfaceRef> {
    lock_stack()?.interfaces.get(i).copied()
}

fn endpoint_at(i: usize) -> Option<EndPointRef> {
    lock_stack()?.endpoints.get(i).copied()
}

/// Brings interfaces up: `pfInitialise` until it passes, then the
/// network-up hook for every end-point (outside the lock).
fn bring_up(pending: &mut Pending, retry_at: &mut Option<Instant>) {
    let now = kernel::now();
    if retry_at.is_some_and(|t| now.is_before(t)) {
        return;
    }
    for i in 0..Pending::BITS as usize {
        if *pending & (1 << i) == 0 {
            continue;
        }
        let Some(iface) = interface_at(i) else {
            *pending &= !(1 << i);
            continue;
        };
        if !iface.initialise() {
            continue;
        }
        *pending &= !(1 << i);
        iface.set_up(true);
        if let Some(mut g) = lock_stack() {
            NETWORK_UP.store(g.stack.link_changed(i, true, now), Ordering::Release);
        }
        announce(iface, true);
    }
    // Upstream retries a failed initialisation every 3 s.
    *retry_at = if *pending == 0 { None } else { Some(now + config::TICK_RATE.ms(3000)) };
}

/// Marks the end-points of `iface` up or down and calls the network event
/// hook for each (without the lock: hooks may call the API).
fn announce(iface: InterfaceRef, up: bool) {
    for (i, ep) in (0..).map_while(|i| endpoint_at(i).map(|e| (i, e))).filter(|(_, e)| e.config().interface == iface.0) {
        // A DHCP end-point is up when its lease (or the fallback) arrives:
        // its client announces it then (`Notice::EndpointUp`).
        if up && with_stack(|g| g.stack.dhcp_manages(i)).unwrap_or(false) {
            continue;
        }
        ep.set_up(up);
        hooks::network_event(up, ep.0);
    }
}

/// The IP task.
extern "C" fn ip_task(_arg: *mut core::ffi::c_void) {
    ip_task_main()
}

fn ip_task_main() -> ! {
    TASK_HANDLE.store(kernel::current_task(), Ordering::Release);
    TASK_READY.store(true, Ordering::Release);
    let count = lock_stack().map_or(0, |g| g.interfaces.len());
    let mut pending: Pending = if count >= Pending::BITS as usize { Pending::MAX } else { (1 << count) - 1 };
    let mut retry_at = None;
    bring_up(&mut pending, &mut retry_at);
    let max_sleep = config::TICK_RATE.ms(10_000);
    loop {
        let now = kernel::now();
        let mut sleep = max_sleep;
        if let Some(t) = lock_stack().and_then(|g| g.stack.next_deadline(now)) {
            sleep = sleep.min(now.until(t));
        }
        if let Some(t) = retry_at {
            sleep = sleep.min(now.until(t));
        }
        let ev = EVENTS.receive(Some(sleep.ticks()));
        if let Some(ev) = ev {
            handle_event(&ev, &mut pending);
        }
        match DOWN_PENDING.swap(0, Ordering::AcqRel) {
            0 => {}
            DOWN_ALL => network_down(core::ptr::null_mut(), &mut pending),
            p => network_down(p as *mut sys::NetworkInterface_t, &mut pending),
        }
        if pending != 0 {
            bring_up(&mut pending, &mut retry_at);
        }
        run_cycle();
    }
}

// The event enum is `int` on the host and a short enum (one byte) on the
// board: the casts are needed on one target and no-ops on the other.
#[allow(clippy::unnecessary_cast)]
fn handle_event(ev: &sys::IPStackEvent_t, pending: &mut Pending) {
    let kind = ev.eEventType as i32;
    // A job an application call left (vARPSendGratuitous: an
    // eARPTimerEvent, or any later event should the queue have been full).
    crate::os::deferred::run();
    if kind == sys::eNetworkRxEvent as i32 {
        receive(ev.pvData.cast());
    } else if kind == sys::eStackTxEvent as i32 {
        WAKE_PENDING.store(false, Ordering::Release);
    } else if kind == sys::eTCPNetStat as i32 {
        netstat();
    } else if kind == sys::eNetworkDownEvent as i32 {
        network_down(ev.pvData.cast(), pending);
    } else if kind == sys::eSocketSignalEvent as i32 {
        signal_posted(ev.pvData as usize);
    }
    // Other events (timers, accept, close) just make the IP task run a
    // cycle, which checks everything.
}

fn network_down(iface: *mut sys::NetworkInterface_t, pending: &mut Pending) {
    // Mark the interfaces down under the lock; tell the application after
    // releasing it (hooks may call the API).
    let mut down: Pending = 0;
    {
        let Some(mut g) = lock_stack() else { return };
        let g = &mut *g;
        let now = kernel::now();
        for (i, itf) in g.interfaces.iter().enumerate().take(Pending::BITS as usize) {
            if iface.is_null() || itf.0 == iface {
                g.stack.link_changed(i, false, now);
                itf.set_up(false);
                down |= 1 << i;
            }
        }
        NETWORK_UP.store(g.stack.all_up(), Ordering::Release);
    }
    *pending |= down;
    // Upstream calls the network event hook with eNetworkDown for each
    // end-point of the interface, then re-initialises it.
    for i in (0..Pending::BITS as usize).filter(|i| down & (1 << i) != 0) {
        let Some(itf) = interface_at(i) else { continue };
        announce(itf, false);
    }
}

/// One received frame (or a chain, with `ipconfigUSE_LINKED_RX_MESSAGES`).
fn receive(first: *mut netbuf::Descriptor) {
    let Some(mut guard) = lock_stack() else {
        netbuf::release(first);
        return;
    };
    let g = &mut *guard;
    let now = kernel::now();
    let mut env = KernelEnv { interfaces: &g.interfaces, endpoints: &g.endpoints };
    let mut next = first;
    let mut guard_count = 0;
    while !next.is_null() && guard_count < 1024 {
        guard_count += 1;
        let d = next;
        next = netbuf::next_in_chain(d);
        let interfaces = &g.interfaces;
        let stack = &mut g.stack;
        let kept = netbuf::with_frame(d, |frame, iface| {
            // ipconfigFPTCP_PCAP_CAPTURE: the frame as the driver gave it.
            crate::os::pcap::capture(frame);
            let idx = interfaces.iter().position(|i| i.0 == iface).unwrap_or(0);
            stack.receive_frame_owned(now, idx, frame, Some(token_of(d)), &mut env)
        });
        if kept != Some(true) {
            netbuf::release(d);
        }
    }
}

/// Timers and output after each event, then the wake-ups (without the
/// lock).
fn run_cycle() {
    {
        let Some(mut guard) = lock_stack() else { return };
        let g = &mut *guard;
        let now = kernel::now();
        let mut env = KernelEnv { interfaces: &g.interfaces, endpoints: &g.endpoints };
        g.stack.poll(now, &mut env);
        // Stale rows are freed in time (time.rs: no expiry read 2^31 ticks late).
        if config::USE_DNS_CACHE {
            g.dns.cache.expire(now);
        }
    }
    deliver_notices();
}

fn netstat() {
    // Nothing to print without `ipconfigHAS_PRINTF`: checked before the lock.
    if !config::HAS_PRINTF {
        return;
    }
    let Some(g) = lock_stack() else { return };
    let stats = BufferStats { minimum_free: netbuf::min_free(), free: netbuf::free_count(), total: netbuf::total() };
    g.stack.netstat(kernel::now(), stats, crate::os::print);
}

/// The IP task's state behind its lock, for [`kernel::StaticGuard`]: the
/// stack is locked in some forty places, each then keeping only a pointer
/// and unlocking with one call without arguments.
pub struct Locked;

impl kernel::StaticSome for Locked {
    type Value = Global;
    fn mutex() -> &'static kernel::KernelMutex<Option<alloc::boxed::Box<Global>>> {
        &GLOBAL
    }
}

/// The stack under its lock; None before `FreeRTOS_IPInit`, or when called
/// re-entrantly (from a hook inside the stack).
#[inline(always)]
pub fn lock_stack() -> Option<kernel::StaticGuard<Locked>> {
    kernel::StaticGuard::<Locked>::lock()
}

/// Runs `f` on the stack under the lock; None before `FreeRTOS_IPInit`,
/// or when called re-entrantly (from a hook inside the stack). Inlined:
/// a copy per caller type costs more than the lock-and-check it holds.
#[inline(always)]
pub fn with_stack<R>(f: impl FnOnce(&mut Global) -> R) -> Option<R> {
    let mut g = lock_stack()?;
    Some(f(&mut g))
}

/// The event group of a socket's slot, creating it with the slot.
pub fn group_for(g: &mut Global, id: SocketId) -> Option<EventGroup> {
    let i = id.index as usize;
    while g.groups.len() <= i {
        // Room first: event groups are never deleted, so one must not be
        // created that the table then cannot hold.
        g.groups.try_reserve(1).ok()?;
        let eg = EventGroup::new()?;
        try_push(&mut g.groups, eg).ok()?;
    }
    g.groups.get(i).copied()
}

/// The event group of a socket set's slot, creating it with the slot.
pub fn set_group_for(g: &mut Global, index: u16) -> Option<EventGroup> {
    let i = index as usize;
    while g.set_groups.len() <= i {
        g.set_groups.try_reserve(1).ok()?;
        let eg = EventGroup::new()?;
        try_push(&mut g.set_groups, eg).ok()?;
    }
    g.set_groups.get(i).copied()
}

/// `FreeRTOS_SignalSocketFromISR`: an ISR cannot take the lock, so the
/// socket id travels to the IP task in an `eSocketSignalEvent`
/// (`(generation << 16) | index`), which signals it there (upstream posts
/// the socket the same way). Returns whether the event was queued.
pub fn signal_from_isr(id: SocketId, woken: &mut sys::BaseType_t) -> bool {
    let word = ((id.generation.get() as usize) << 16) | id.index as usize;
    let ev = sys::IPStackEvent_t { eEventType: sys::eSocketSignalEvent as _, pvData: word as *mut core::ffi::c_void };
    EVENTS.send_from_isr(&ev, woken)
}

/// The IP task's half of `signal_from_isr`: the socket may have gone in
/// the meantime (its generation then no longer matches).
fn signal_posted(word: usize) {
    // Without `ipconfigSUPPORT_SIGNALS` the stack refuses every signal
    // (`Stack::signal`): nothing to lock the stack for.
    if !(config::RUNTIME_SETTINGS || config::SUPPORT_SIGNALS) {
        return;
    }
    let Some(generation) = core::num::NonZeroU16::new(((word >> 16) & 0xffff) as u16) else { return };
    let id = SocketId { index: (word & 0xffff) as u16, generation };
    with_stack(|g| g.stack.signal(id).ok());
}

/// Ticks since `start`, a blocking call's start (time.rs: `elapsed_from`).
pub fn elapsed_since(start: Instant) -> Duration {
    kernel::now().elapsed_from(start)
}
