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
#![forbid(unsafe_code)]

use super::calls::{close, on_ip_task, recvfrom, sendto, set_option, socket};
use crate::dns::resolver::{self, Outcome, Transport, MAX_RESPONSE};
use crate::dns::{parse_dotted_quad, Counters};
use crate::ip_task;
use crate::os::{fallible, hooks, kernel};
use crate::socket::ops::SocketOption;
use crate::stack::{Protocol, SocketId};
use crate::wire::dns::valid_name;
use crate::wire::{Ipv4Addr, SockAddrV4};

/// The DNS port.
pub const DNS_PORT: u16 = 53;

fn with<R>(f: impl FnOnce(&mut ip_task::Global) -> R) -> Option<R> {
    let mut guard = ip_task::GLOBAL.lock()?;
    guard.as_mut().map(|g| f(g))
}

/// The server asked: the first end-point that is up with a DNS address
/// (`ulDNSServerAddresses[0]`), else the first with one at all.
fn server(g: &ip_task::Global) -> Option<Ipv4Addr> {
    let eps = &g.stack.endpoints;
    let usable = |up: bool| eps.iter().find(|e| (e.up || !up) && e.dns != Ipv4Addr::UNSPECIFIED).map(|e| e.dns);
    usable(true).or_else(|| usable(false))
}

/// A UDP socket talking to one server.
struct SocketTransport {
    id: SocketId,
    server: SockAddrV4,
}

impl Transport for SocketTransport {
    fn send(&mut self, query: &[u8]) -> bool {
        sendto(self.id, query, self.server, 0) == query.len()
    }
    fn recv(&mut self, buf: &mut [u8], ticks: u64) -> Option<(usize, SockAddrV4)> {
        set_option(self.id, SocketOption::ReceiveTimeout(Some(ticks))).ok()?;
        recvfrom(self.id, buf, 0).ok()
    }
    fn now(&mut self) -> u64 {
        kernel::now().ticks()
    }
}

/// Whether `name` may be looked up at all: with the cache on, upstream
/// refuses names that do not fit a cache row.
fn acceptable(name: &[u8]) -> bool {
    !crate::config::USE_DNS_CACHE || name.len() < crate::config::DNS_CACHE_NAME_LENGTH
}

/// The IPv4 address of `name` in wire order, or None: a dotted quad
/// directly, a fresh cache row without a packet, else a lookup.
pub fn lookup(name: &[u8]) -> Option<[u8; 4]> {
    if !acceptable(name) {
        return None;
    }
    if let Some(a) = parse_dotted_quad(name) {
        return Some(a);
    }
    if !valid_name(name) {
        return None;
    }
    let now = kernel::now();
    let (cached, server) = with(|g| {
        let hit = if crate::config::USE_DNS_CACHE { g.dns.cache.lookup(name, now) } else { None };
        (hit, server(g))
    })?;
    if cached.is_some() {
        return cached;
    }
    // A hook running on the IP task cannot wait for the answer the IP task
    // itself would have to receive.
    if on_ip_task() {
        return None;
    }
    let server = SockAddrV4 { addr: server?, port: DNS_PORT };
    let id = hooks::random()? as u16;
    let mut buf = fallible::try_zeroed_bytes(MAX_RESPONSE)?;
    let sock = socket(Protocol::Udp).ok()?;
    let send_block = crate::config::DNS_SEND_BLOCK_TIME_TICKS as u64;
    let mut counters = Counters::default();
    let outcome = if set_option(sock, SocketOption::SendTimeout(Some(send_block))).is_ok() {
        let mut t = SocketTransport { id: sock, server };
        let attempts = crate::config::DNS_REQUEST_ATTEMPTS;
        let timeout = crate::config::DNS_RECEIVE_BLOCK_TIME_TICKS as u64;
        resolver::resolve(&mut t, server, name, id, attempts, timeout, &mut buf, &mut counters)
    } else {
        Outcome::NoAnswer
    };
    let _ = close(sock);
    let per_second = crate::config::TICK_RATE.ms(1000);
    with(|g| {
        g.dns.counters.add(&counters);
        if let (Outcome::Found(a, ttl), true) = (outcome, crate::config::USE_DNS_CACHE) {
            g.dns.cache.insert(name, a, ttl, kernel::now(), per_second);
        }
    });
    match outcome {
        Outcome::Found(a, _) => Some(a),
        Outcome::NoSuchName | Outcome::NoAnswer => None,
    }
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
