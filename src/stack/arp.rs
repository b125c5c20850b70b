//! The ARP cache (RFC 826) and the bookkeeping of outstanding requests.
//!
//! Fixed capacity (`ipconfigARP_CACHE_ENTRIES`); the oldest entry makes room.
//! Requests for one address are sent at most every 500 ms (upstream's ARP
//! retry period, reference §5 "Connect").
#![forbid(unsafe_code)]

use alloc::vec::Vec;

use crate::os::fallible::try_push;
use crate::stack::retain_copies;
use crate::time::{Duration, Instant};
use crate::wire::{Ipv4Addr, MacAddr};

#[derive(Clone, Copy, Debug)]
struct Entry {
    ip: Ipv4Addr,
    mac: MacAddr,
    expires: Instant,
}

#[derive(Clone, Copy, Debug)]
struct Pending {
    ip: Ipv4Addr,
    last_request: Instant,
}

pub struct ArpCache {
    entries: Vec<Entry>,
    pending: Vec<Pending>,
    capacity: usize,
    lifetime: Duration,
    retry: Duration,
}

/// How often a request for one address may go out (reference §5).
pub const RETRY_MS: u64 = 500;

/// `ipconfigMAX_ARP_AGE`: upstream ages entries every 10 s, that many times.
pub const fn configured_lifetime() -> Duration {
    crate::config::TICK_RATE.ms(crate::config::MAX_ARP_AGE as u64 * 10_000)
}

// Host tests and fuzz targets make caches of their own sizes and times; a
// firmware build has one cache, made from the application's constants
// (`stack::settings::APP_CONFIG`, `Stack::new`), which the compiler then folds.
use crate::config::RUNTIME_SETTINGS;

impl ArpCache {
    fn capacity(&self) -> usize {
        if RUNTIME_SETTINGS {
            self.capacity
        } else {
            crate::config::ARP_CACHE_ENTRIES.max(1)
        }
    }

    /// How long an entry lives (also `stack::arp_api`).
    pub fn lifetime(&self) -> Duration {
        if RUNTIME_SETTINGS {
            self.lifetime
        } else {
            configured_lifetime()
        }
    }

    fn retry(&self) -> Duration {
        if RUNTIME_SETTINGS {
            self.retry
        } else {
            crate::config::TICK_RATE.ms(RETRY_MS)
        }
    }

    pub fn new(capacity: usize, lifetime: Duration, retry: Duration) -> ArpCache {
        let capacity = capacity.max(1);
        ArpCache { entries: Vec::new(), pending: Vec::new(), capacity, lifetime, retry }
    }

    pub fn lookup(&self, ip: Ipv4Addr, now: Instant) -> Option<MacAddr> {
        self.lookup_ref(ip, now).copied()
    }

    /// [`lookup`](Self::lookup) as a reference, which the stack itself uses:
    /// returned in a register, not as an `Option<MacAddr>` through memory
    /// (60 B smaller over its callers).
    pub fn lookup_ref(&self, ip: Ipv4Addr, now: Instant) -> Option<&MacAddr> {
        self.entries.iter().find(|e| e.ip == ip && now.is_before(e.expires)).map(|e| &e.mac)
    }

    /// Stores or refreshes `ip -> mac`.
    pub fn insert(&mut self, ip: Ipv4Addr, mac: MacAddr, now: Instant) {
        if ip.is_unspecified() || ip.is_broadcast() || mac.is_broadcast() || mac.is_multicast() {
            return;
        }
        // At most one request per address is recorded (`should_request`).
        if let Some(i) = self.pending.iter().position(|p| p.ip == ip) {
            self.pending.remove(i);
        }
        let expires = now + self.lifetime();
        if let Some(e) = self.entries.iter_mut().find(|e| e.ip == ip) {
            e.mac = mac;
            e.expires = expires;
            return;
        }
        if self.entries.len() >= self.capacity() {
            // Make room: the entry closest to expiry goes, and the last one
            // takes its place.
            let mut oldest = 0;
            for (i, e) in self.entries.iter().enumerate() {
                if self.entries.get(oldest).is_some_and(|o| e.expires.is_before(o.expires)) {
                    oldest = i;
                }
            }
            let last = self.entries.pop();
            if let (Some(slot), Some(last)) = (self.entries.get_mut(oldest), last) {
                *slot = last;
            }
        }
        // Without heap for the entry the address stays unresolved, and the
        // next frame to it asks again.
        let _ = try_push(&mut self.entries, Entry { ip, mac, expires });
    }

    /// Learns `ip -> mac` from something other than ARP: only fills a
    /// missing entry (where a free or expired slot is left: it never pushes
    /// a live entry out) or refreshes one with the same MAC; a known MAC is
    /// never replaced this way (issue 9: IP frames poisoned the cache, and
    /// spoofed SYNs could flush it).
    pub fn fill_missing(&mut self, ip: Ipv4Addr, mac: MacAddr, now: Instant) {
        // One entry per address (`insert` updates it in place).
        let entry = self.entries.iter().find(|e| e.ip == ip);
        let ok = match entry {
            // Known: refreshed when the MAC is the same.
            Some(e) => e.mac == mac,
            // Missing: filled where there is room (looked for only then).
            None => self.entries.len() < self.capacity() || self.entries.iter().any(|e| e.expires.reached(now)),
        };
        if ok {
            self.insert(ip, mac, now);
        }
    }

    /// An ARP packet from `ip` that would move a live entry to another MAC
    /// when no request of ours is out for it: an unsolicited change, the
    /// shape of ARP spoofing. The caller keeps the entry and asks the
    /// address itself (the real owner answers).
    pub fn unsolicited_change(&self, ip: Ipv4Addr, mac: MacAddr, now: Instant) -> bool {
        self.lookup_ref(ip, now).is_some_and(|known| *known != mac) && !self.pending.iter().any(|p| p.ip == ip)
    }

    /// Refreshes an entry that already exists (a frame from a known host).
    pub fn refresh(&mut self, ip: Ipv4Addr, mac: MacAddr, now: Instant) {
        if self.entries.iter().any(|e| e.ip == ip) || self.pending.iter().any(|p| p.ip == ip) {
            self.insert(ip, mac, now);
        }
    }

    /// Whether a request for `ip` should go out now; records it if so.
    pub fn should_request(&mut self, ip: Ipv4Addr, now: Instant) -> bool {
        let retry = self.retry();
        if let Some(p) = self.pending.iter_mut().find(|p| p.ip == ip) {
            if now.since(p.last_request) >= retry {
                p.last_request = now;
                return true;
            }
            return false;
        }
        let request = Pending { ip, last_request: now };
        if self.pending.len() >= self.capacity() {
            // The oldest request makes room.
            if let Some(slot) = self.pending.iter_mut().min_by_key(|p| core::cmp::Reverse(now.since(p.last_request))) {
                *slot = request;
            }
        } else {
            // Without heap to remember it the request still goes out; only
            // its rate limit is lost.
            let _ = try_push(&mut self.pending, request);
        }
        true
    }

    /// Drops expired entries and requests too old to rate-limit. `poll`
    /// calls this at least every 10 s, so no entry's expiry or request's
    /// time is read more than 2^31 ticks after it (time.rs): an entry
    /// lives at most `time::HORIZON`, a request 8 retry periods.
    pub fn expire(&mut self, now: Instant) {
        retain_copies(&mut self.entries, |e| now.is_before(e.expires));
        let retry = self.retry();
        retain_copies(&mut self.pending, |p| now.since(p.last_request) < Duration(retry.0.saturating_mul(8)));
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.pending.clear();
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The calls of upstream's ARP API that look into or change single entries
/// (`stack::arp_api` uses them for `eARPGetCacheEntry` and friends).
impl ArpCache {
    /// A request for `ip` is out and unanswered (upstream's entry with
    /// `ucValid` false: its lookups report `eResolutionFailed`).
    pub fn is_pending(&self, ip: Ipv4Addr) -> bool {
        self.pending.iter().any(|p| p.ip == ip)
    }

    /// The address of the first live entry with this MAC
    /// (`eARPGetCacheEntryByMac`).
    pub fn lookup_by_mac(&self, mac: MacAddr, now: Instant) -> Option<Ipv4Addr> {
        self.entries.iter().find(|e| e.mac == mac && now.is_before(e.expires)).map(|e| e.ip)
    }

    /// Removes the first entry with this MAC and returns its address
    /// (`ulARPRemoveCacheEntryByMac`).
    pub fn remove_by_mac(&mut self, mac: MacAddr) -> Option<Ipv4Addr> {
        let i = self.entries.iter().position(|e| e.mac == mac)?;
        let ip = self.entries.get(i).map(|e| e.ip)?;
        let mut gone = false;
        retain_copies(&mut self.entries, |e| {
            let drop = !gone && e.ip == ip;
            gone |= drop;
            !drop
        });
        Some(ip)
    }

    /// Gives a live entry with this address and MAC its full lifetime again
    /// (`vARPRefreshCacheEntryAge`); nothing when either differs.
    pub fn refresh_age(&mut self, ip: Ipv4Addr, mac: MacAddr, now: Instant) {
        let lifetime = self.lifetime();
        if let Some(e) = self.entries.iter_mut().find(|e| e.ip == ip && e.mac == mac && now.is_before(e.expires)) {
            e.expires = now + lifetime;
        }
    }

    /// Records that `ip` is being resolved (`vARPRefreshCacheEntry` without
    /// a MAC) unless it is known or already asked; the next frame to it (or
    /// `vARPAgeCache`) may ask at once.
    pub fn reserve(&mut self, ip: Ipv4Addr, now: Instant) {
        if self.lookup_ref(ip, now).is_some() || self.is_pending(ip) || ip.is_unspecified() || ip.is_broadcast() {
            return;
        }
        // Recorded as asked one retry period ago, so the first real
        // request may go out at once.
        let _ = self.should_request(ip, Instant(now.0.wrapping_sub(self.retry().0)));
    }

    /// The addresses still being resolved (`vARPAgeCache` asks them again).
    pub fn pending_addresses(&self) -> impl Iterator<Item = Ipv4Addr> + '_ {
        self.pending.iter().map(|p| p.ip)
    }

    /// The live entries: address, MAC and the time left
    /// (`FreeRTOS_PrintARPCache`, `vARPAgeCache`).
    pub fn live_entries(&self, now: Instant) -> impl Iterator<Item = (Ipv4Addr, MacAddr, Duration)> + '_ {
        self.entries.iter().filter(move |e| now.is_before(e.expires)).map(move |e| (e.ip, e.mac, e.expires.since(now)))
    }

}

#[cfg(test)]
mod tests {
    use super::*;

    const A: Ipv4Addr = Ipv4Addr([192, 0, 2, 1]);
    const M: MacAddr = MacAddr([2, 0, 0, 0, 0, 1]);

    #[test]
    fn insert_lookup_expire() {
        let mut c = ArpCache::new(2, Duration(100), Duration(10));
        assert_eq!(c.lookup(A, Instant(0)), None);
        c.insert(A, M, Instant(0));
        assert_eq!(c.lookup(A, Instant(99)), Some(M));
        assert_eq!(c.lookup(A, Instant(100)), None);
        c.expire(Instant(100));
        assert_eq!(c.len(), 0);
    }

    #[test]
    fn capacity_evicts_oldest() {
        let mut c = ArpCache::new(2, Duration(100), Duration(10));
        c.insert(Ipv4Addr([10, 0, 0, 1]), M, Instant(0));
        c.insert(Ipv4Addr([10, 0, 0, 2]), M, Instant(5));
        c.insert(Ipv4Addr([10, 0, 0, 3]), M, Instant(6));
        assert_eq!(c.len(), 2);
        assert_eq!(c.lookup(Ipv4Addr([10, 0, 0, 1]), Instant(7)), None);
    }

    #[test]
    fn requests_are_rate_limited() {
        let mut c = ArpCache::new(4, Duration(100), Duration(500));
        assert!(c.should_request(A, Instant(0)));
        assert!(!c.should_request(A, Instant(499)));
        assert!(c.should_request(A, Instant(500)));
        c.insert(A, M, Instant(600));
        assert!(c.should_request(A, Instant(601)));
    }

    #[test]
    fn oldest_pending_request_makes_room() {
        let mut c = ArpCache::new(2, Duration(100), Duration(500));
        let ip = |n: u8| Ipv4Addr([10, 0, 0, n]);
        assert!(c.should_request(ip(1), Instant(0)));
        assert!(c.should_request(ip(2), Instant(1)));
        // Full: 10.0.0.1, the oldest, is forgotten and may be asked again.
        assert!(c.should_request(ip(3), Instant(2)));
        assert!(c.should_request(ip(1), Instant(3)));
        // That pushed out 10.0.0.2; 10.0.0.3 is still rate limited.
        assert!(!c.should_request(ip(3), Instant(4)));
        assert!(c.should_request(ip(2), Instant(5)));
    }

    #[test]
    fn fill_missing_never_replaces_a_known_mac() {
        let mut c = ArpCache::new(4, Duration(100), Duration(500));
        let other = MacAddr([2, 0, 0, 0, 0, 9]);
        c.fill_missing(A, M, Instant(0));
        assert_eq!(c.lookup(A, Instant(1)), Some(M));
        c.fill_missing(A, other, Instant(50));
        assert_eq!(c.lookup(A, Instant(99)), Some(M));
        assert_eq!(c.lookup(A, Instant(100)), None, "a different MAC does not refresh either");
        c.fill_missing(A, M, Instant(50));
        // A full cache of live entries keeps them.
        c.fill_missing(Ipv4Addr([10, 0, 0, 1]), M, Instant(50));
        c.fill_missing(Ipv4Addr([10, 0, 0, 2]), M, Instant(50));
        c.fill_missing(Ipv4Addr([10, 0, 0, 3]), M, Instant(50));
        c.fill_missing(Ipv4Addr([10, 0, 0, 4]), M, Instant(50));
        assert_eq!(c.len(), 4);
        assert_eq!(c.lookup(Ipv4Addr([10, 0, 0, 4]), Instant(51)), None);
        assert_eq!(c.lookup(A, Instant(51)), Some(M));
        c.insert(A, other, Instant(60));
        assert_eq!(c.lookup(A, Instant(61)), Some(other), "ARP itself still updates");
    }

    #[test]
    fn refuses_broadcast_and_unspecified() {
        let mut c = ArpCache::new(4, Duration(100), Duration(500));
        c.insert(Ipv4Addr::UNSPECIFIED, M, Instant(0));
        c.insert(A, MacAddr::BROADCAST, Instant(0));
        assert_eq!(c.len(), 0);
    }
}
