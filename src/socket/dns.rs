//! The blocking DNS lookup (`FreeRTOS_gethostbyname`, `FreeRTOS_getaddrinfo`,
//! `FreeRTOS_dnsclear`; reference §1.5, §14.8, docs/dns.md).
//!
//! It runs in the calling task and uses a UDP socket like an application
//! would: a fresh socket (a random local port), the query sent to port 53
//! of the end-point's DNS server with `ipconfigDNS_SEND_BLOCK_TIME_TICKS`,
//! each answer awaited for `ipconfigDNS_RECEIVE_BLOCK_TIME_TICKS`, up to
//! `ipconfigDNS_REQUEST_ATTEMPTS` queries (`dns::resolver`). The cache and
//! the counters live with the stack, under its lock; the lock is never held
//! while waiting. The query waits in the stack until ARP has resolved the
//! server (`udp_poll`), so the first lookup is not lost to ARP as upstream's
//! is (reference §14.8).
//!
//! The asynchronous calls queue their lookups here ([`enqueue`]); the DNS
//! task (`ffi::dns`, which calls the application's callbacks) takes them
//! with [`next_job`], runs them with [`run_job`] and ends them with
//! [`finish_job`], which says whether the lookup was cancelled meanwhile.
#![forbid(unsafe_code)]

use super::calls::{close, on_ip_task, recvfrom, sendto, set_option, socket};
use crate::dns::resolver::{self, Outcome, Transport, MAX_RESPONSE};
use crate::dns::Counters;
use crate::ip_task;
use crate::os::{fallible, hooks, kernel};
use crate::socket::ops::SocketOption;
use crate::stack::{Protocol, SocketId};
use crate::wire::dns::{valid_name, Addresses};
use crate::os::kernel::EventQueue;
use crate::os::sys;
use crate::time::{Duration, Instant};
use crate::wire::{Ipv4Addr, SockAddr, SockAddrV4};
use alloc::boxed::Box;
use core::ffi::c_void;

/// The DNS port.
pub const DNS_PORT: u16 = 53;

/// The stack under its lock (`ip_task::with_stack`: the lock and the
/// started-stack check in one out-of-line call).
fn with<R>(f: impl FnOnce(&mut ip_task::Global) -> R) -> Option<R> {
    ip_task::with_stack(f)
}

/// The server asked: the first end-point that is up with a DNS address
/// (`ulDNSServerAddresses[0]`), else the first with one at all.
fn server(g: &ip_task::Global) -> Option<Ipv4Addr> {
    let eps = &g.stack.endpoints;
    let usable = |up: bool| eps.iter().find(|e| (e.up || !up) && e.dns != Ipv4Addr::UNSPECIFIED).map(|e| e.dns);
    usable(true).or_else(|| usable(false))
}

/// A UDP socket talking to one server; with a deadline (an asynchronous
/// lookup's timeout), nothing is sent or awaited after it.
struct SocketTransport {
    id: SocketId,
    server: SockAddrV4,
    deadline: Option<Instant>,
}

impl SocketTransport {
    fn left(&self) -> Option<u32> {
        self.deadline.map(|d| kernel::now().until(d).ticks())
    }
}

impl Transport for SocketTransport {
    fn send(&mut self, query: &[u8]) -> bool {
        self.left() != Some(0) && sendto(self.id, query, self.server.into(), 0) == query.len()
    }
    fn recv(&mut self, buf: &mut [u8], ticks: u32) -> Option<(usize, SockAddr)> {
        let ticks = self.left().map_or(ticks, |l| l.min(ticks));
        if ticks == 0 {
            return None;
        }
        set_option(self.id, SocketOption::ReceiveTimeout(Some(ticks))).ok()?;
        recvfrom(self.id, buf, 0).ok()
    }
    fn now(&mut self) -> u32 {
        kernel::now().ticks()
    }
}

/// Whether `name` may be looked up at all: with the cache on, upstream
/// refuses names that do not fit a cache row.
fn acceptable(name: &[u8]) -> bool {
    !crate::config::USE_DNS_CACHE || name.len() < crate::config::DNS_CACHE_NAME_LENGTH
}

/// What a lookup can say without a query.
pub enum Quick {
    /// A dotted quad or a fresh cache row: the address to give (a name
    /// with several gives them in turn) and all of them.
    Known([u8; 4], Addresses),
    /// A name that cannot be asked for (too long, invalid) or no stack.
    Refused,
    /// A query is needed.
    Ask,
}

/// The answer without a query, if there is one.
pub fn quick(name: &[u8]) -> Quick {
    if !acceptable(name) {
        return Quick::Refused;
    }
    // A name FreeRTOS_inet_addr() takes for an address is that address
    // (upstream with ipconfigINCLUDE_FULL_INET_ADDR: docs/dns.md).
    if let Some(crate::wire::Ipv4Addr(a)) = crate::addr::parse_ipv4(name) {
        return Quick::Known(a, Addresses::one(a));
    }
    if !valid_name(name) {
        return Quick::Refused;
    }
    let now = kernel::now();
    let cached = with(|g| if crate::config::USE_DNS_CACHE { g.dns.cache.lookup_all(name, now) } else { None });
    match cached {
        None => Quick::Refused,
        Some(Some((a, all))) => Quick::Known(a, all),
        Some(None) => Quick::Ask,
    }
}

/// The IPv4 address of `name` in wire order, or None: a dotted quad
/// directly, a fresh cache row without a packet, else a lookup.
pub fn lookup(name: &[u8]) -> Option<[u8; 4]> {
    lookup_all(name).map(|(a, _)| a)
}

/// As [`lookup`], and every address the answer (or the cache row) has, for
/// `FreeRTOS_getaddrinfo`'s list.
pub fn lookup_all(name: &[u8]) -> Option<([u8; 4], Addresses)> {
    match quick(name) {
        Quick::Known(a, all) => Some((a, all)),
        Quick::Refused => None,
        Quick::Ask => ask(name, None).and_then(|all| Some((all.first()?, all))),
    }
}

/// Asks the end-point's DNS server (blocking; see the module's comment),
/// giving up at `deadline` if one is given.
fn ask(name: &[u8], deadline: Option<Instant>) -> Option<Addresses> {
    // A hook running on the IP task cannot wait for the answer the IP task
    // itself would have to receive.
    if on_ip_task() {
        return None;
    }
    let server = SockAddrV4 { addr: with(|g| server(g))??, port: DNS_PORT };
    let id = hooks::random()? as u16;
    let mut buf = fallible::try_zeroed_bytes(MAX_RESPONSE)?;
    let sock = socket(Protocol::Udp).ok()?;
    let send_block = crate::config::DNS_SEND_BLOCK_TIME_TICKS;
    let mut counters = Counters::default();
    let outcome = if set_option(sock, SocketOption::SendTimeout(Some(send_block))).is_ok() {
        let mut t = SocketTransport { id: sock, server, deadline };
        let attempts = crate::config::DNS_REQUEST_ATTEMPTS;
        let timeout = crate::config::DNS_RECEIVE_BLOCK_TIME_TICKS;
        resolver::resolve(&mut t, server, name, id, attempts, timeout, &mut buf, &mut counters)
    } else {
        Outcome::NoAnswer
    };
    let _ = close(sock);
    let per_second = crate::config::TICK_RATE.ms(1000);
    with(|g| {
        g.dns.counters.add(&counters);
        if let (Outcome::Found(all, ttl), true) = (outcome, crate::config::USE_DNS_CACHE) {
            g.dns.cache.insert_all(name, &all, ttl, kernel::now(), per_second);
        }
    });
    match outcome {
        Outcome::Found(all, _) => Some(all),
        Outcome::NoSuchName | Outcome::NoAnswer => None,
    }
}

/// Wakes the worker of asynchronous lookups (one event: a full queue means
/// a wake-up is already pending).
static WORKER_WAKE: EventQueue = EventQueue::empty();

/// Queues an asynchronous lookup of `name` (`FreeRTOS_gethostbyname_a`)
/// that gives up after `timeout` ticks; the first one starts the worker
/// task running `worker` (which calls [`next_job`] / [`finish_job`]).
/// False when it could not be queued (no heap, no task): upstream then
/// neither looks up nor calls back.
pub fn enqueue(name: &[u8], callback: usize, search_id: usize, timeout: u64, worker: extern "C" fn(*mut c_void)) -> bool {
    // Clamped to time::HORIZON by the addition (24.8 days at 1 kHz).
    let deadline = kernel::now() + Duration(timeout.min(u64::from(u32::MAX)) as u32);
    let queued = with(|g| {
        let ticket = g.dns.enqueue(name, callback, search_id, deadline)?;
        let start = !g.dns.worker_started;
        g.dns.worker_started = true;
        Some((ticket, start))
    })
    .flatten();
    let Some((ticket, start)) = queued else { return false };
    if start {
        let ok = WORKER_WAKE.create(1)
            && kernel::spawn(worker, b"DNS\0", crate::config::IP_TASK_STACK_SIZE_WORDS, crate::config::IP_TASK_PRIORITY)
                .is_some();
        if !ok {
            with(|g| {
                g.dns.worker_started = false;
                g.dns.finish(ticket)
            });
            return false;
        }
    }
    let wake = sys::IPStackEvent_t { eEventType: sys::eNoEvent as _, pvData: core::ptr::null_mut() };
    WORKER_WAKE.send(&wake, Some(0));
    true
}

/// An asynchronous lookup taken by the worker.
pub struct Job {
    pub ticket: u32,
    pub name: Box<[u8]>,
    pub deadline: Instant,
}

/// The worker's next lookup, oldest first; sleeps while there is none.
pub fn next_job() -> Job {
    loop {
        if let Some(Some((ticket, name, deadline))) = with(|g| g.dns.take_next()) {
            return Job { ticket, name, deadline };
        }
        let _ = WORKER_WAKE.receive(None);
    }
}

/// Runs a job: the addresses, or None (also when its time ran out first).
pub fn run_job(job: &Job) -> Option<Addresses> {
    match quick(&job.name) {
        Quick::Known(_, all) => Some(all),
        Quick::Refused => None,
        Quick::Ask => ask(&job.name, Some(job.deadline)),
    }
}

/// Ends a job: the application's (callback, search ID, NUL-terminated
/// name), or None when the lookup was cancelled meanwhile.
pub fn finish_job(ticket: u32) -> Option<(usize, usize, Box<[u8]>)> {
    with(|g| g.dns.finish(ticket)).flatten().map(|p| (p.callback, p.search_id, p.name))
}

/// `FreeRTOS_gethostbyname_cancel`.
pub fn cancel(search_id: usize) {
    with(|g| g.dns.cancel(search_id));
}

/// `FreeRTOS_dnslookup`: the cache only.
pub fn cached(name: &[u8]) -> Option<[u8; 4]> {
    let now = kernel::now();
    with(|g| g.dns.cache.lookup(name, now)).flatten()
}

/// `FreeRTOS_dnsclear`.
pub fn clear() {
    with(|g| g.dns.cache.clear());
}

/// The resolver's counters (for tests and diagnostics).
pub fn counters() -> Counters {
    with(|g| g.dns.counters).unwrap_or_default()
}
