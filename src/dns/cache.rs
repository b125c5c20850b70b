//! The DNS cache (`ipconfigDNS_CACHE_ENTRIES` rows, `FreeRTOS_dnsclear`).
//!
//! As upstream: up to `ipconfigDNS_CACHE_ADDRESSES_PER_ENTRY` IPv4
//! addresses per name, handed out in turn (round robin), a row is used until its TTL has
//! passed, a new name takes a free row or else the rows in turn (oldest
//! insertion first), names longer than `ipconfigDNS_CACHE_NAME_LENGTH - 1`
//! are not cached. Ours: names compare without regard to ASCII case
//! (RFC 4343), TTL 0 is not cached, and TTLs are capped at 7 days
//! (RFC 8767 §4) so that a hostile answer cannot pin an address forever.
#![forbid(unsafe_code)]

use crate::time::{Duration, Instant};
use crate::wire::dns::{Addresses, MAX_NAME};

/// Longest TTL honoured, in seconds.
pub const MAX_TTL_S: u32 = 7 * 24 * 3600;

/// Longest name cached: upstream's row holds the name and its NUL.
pub const NAME_CAP: usize = {
    let n = crate::config::DNS_CACHE_NAME_LENGTH.saturating_sub(1);
    if n < MAX_NAME { n } else { MAX_NAME }
};

#[derive(Copy, Clone)]
struct Row {
    name: [u8; MAX_NAME],
    len: usize,
    addresses: Addresses,
    /// Which address the next lookup gives (modulo their number).
    turn: usize,
    expires: Instant,
}

impl Row {
    const EMPTY: Row = Row { name: [0; MAX_NAME], len: 0, addresses: Addresses::EMPTY, turn: 0, expires: Instant(0) };

    fn name(&self) -> &[u8] {
        self.name.get(..self.len).unwrap_or(&[])
    }
    fn is_free(&self, now: Instant) -> bool {
        self.len == 0 || self.expires.reached(now)
    }
}

/// `N` rows of (name, address, expiry).
pub struct Cache<const N: usize> {
    rows: [Row; N],
    /// The row a new name replaces when none is free.
    next: usize,
}

use crate::wire::dns::trim_root as trim;

impl<const N: usize> Cache<N> {
    pub const fn new() -> Self {
        Cache { rows: [Row::EMPTY; N], next: 0 }
    }

    /// The cached address of `name`, if its TTL has not passed; an expired
    /// row is freed. A name with several addresses gives the next in turn.
    pub fn lookup(&mut self, name: &[u8], now: Instant) -> Option<[u8; 4]> {
        self.lookup_all(name, now).map(|(a, _)| a)
    }

    /// As [`Cache::lookup`], and every address of the row
    /// (`FreeRTOS_getaddrinfo` lists them all).
    pub fn lookup_all(&mut self, name: &[u8], now: Instant) -> Option<([u8; 4], Addresses)> {
        let row = self.find(trim(name)).and_then(|i| self.rows.get_mut(i))?;
        if row.expires.reached(now) {
            row.len = 0;
            return None;
        }
        let all = row.addresses.as_slice();
        let next = all.get(row.turn.checked_rem(all.len()).unwrap_or(0)).copied()?;
        row.turn = row.turn.wrapping_add(1);
        Some((next, row.addresses))
    }

    /// Remembers `address` for `name` for `ttl_s` seconds from `now`
    /// (`ticks_per_s` converts).
    pub fn insert(&mut self, name: &[u8], address: [u8; 4], ttl_s: u32, now: Instant, ticks_per_s: Duration) {
        self.insert_all(name, &Addresses::one(address), ttl_s, now, ticks_per_s)
    }

    /// Remembers the addresses of one answer for `name` (the row's turn
    /// starts again at the first).
    pub fn insert_all(&mut self, name: &[u8], addresses: &Addresses, ttl_s: u32, now: Instant, ticks_per_s: Duration) {
        let name = trim(name);
        if name.is_empty() || name.len() > NAME_CAP || addresses.first().is_none() {
            return;
        }
        let existing = self.find(name);
        if ttl_s == 0 {
            if let Some(row) = existing.and_then(|i| self.rows.get_mut(i)) {
                row.len = 0;
            }
            return;
        }
        let index = match existing.or_else(|| self.rows.iter().position(|r| r.is_free(now))) {
            Some(i) => i,
            None => {
                let i = self.next;
                self.next = if i + 1 >= N { 0 } else { i + 1 };
                i
            }
        };
        let Some(row) = self.rows.get_mut(index) else { return };
        let ttl = ttl_s.min(MAX_TTL_S);
        row.len = crate::os::mem::copy_bytes(&mut row.name, name);
        row.addresses = *addresses;
        row.turn = 0;
        // Clamped to time::HORIZON by the addition (7 days fit below
        // 1.5 kHz; at 1 MHz a row lives 17.9 minutes at most).
        row.expires = now + Duration(ticks_per_s.ticks().saturating_mul(ttl));
    }

    /// Frees the rows whose TTL has passed. The IP task calls this at
    /// least every 10 s, so no row's expiry is read more than 2^31 ticks
    /// after it (where it would look like a future time again: time.rs).
    pub fn expire(&mut self, now: Instant) {
        for r in self.rows.iter_mut() {
            if r.expires.reached(now) {
                r.len = 0;
            }
        }
    }

    /// The row holding `name` (already without its trailing dot). Out of
    /// line: `lookup` and `insert` share one copy of the comparison.
    #[inline(never)]
    fn find(&self, name: &[u8]) -> Option<usize> {
        self.rows.iter().position(|r| r.len > 0 && r.name().eq_ignore_ascii_case(name))
    }

    /// `FreeRTOS_dnsclear`.
    pub fn clear(&mut self) {
        for r in self.rows.iter_mut() {
            r.len = 0;
        }
        self.next = 0;
    }
}

impl<const N: usize> Default for Cache<N> {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Duration = Duration(1000); // 1 kHz ticks

    #[test]
    fn hit_until_ttl_passes() {
        let mut c = Cache::<2>::new();
        c.insert(b"example.test", [192, 0, 2, 77], 60, Instant(5), S);
        assert_eq!(c.lookup(b"EXAMPLE.test.", Instant(5)), Some([192, 0, 2, 77]));
        assert_eq!(c.lookup(b"example.test", Instant(60_004)), Some([192, 0, 2, 77]));
        assert_eq!(c.lookup(b"example.test", Instant(60_005)), None);
        // The expired row was freed: still gone.
        assert_eq!(c.lookup(b"example.test", Instant(10)), None);
        assert_eq!(c.lookup(b"other.test", Instant(10)), None);
    }

    /// A row made just before the clock wraps expires at its TTL after it.
    #[test]
    fn expiry_across_the_clock_wrap() {
        let mut c = Cache::<2>::new();
        let made = Instant(u32::MAX - 20_000);
        c.insert(b"wrap.test", [192, 0, 2, 78], 60, made, S);
        let end = made + Duration(60_000);
        assert_eq!(end, Instant(39_999));
        c.expire(Instant(5));
        assert_eq!(c.lookup(b"wrap.test", Instant(5)), Some([192, 0, 2, 78]));
        assert_eq!(c.lookup(b"wrap.test", Instant(39_998)), Some([192, 0, 2, 78]));
        c.expire(Instant(39_998));
        assert_eq!(c.lookup(b"wrap.test", Instant(39_998)), Some([192, 0, 2, 78]));
        assert_eq!(c.lookup(b"wrap.test", end), None);
    }

    /// A row that expired more than 2^31 ticks ago would read as expiring
    /// in the future again; `expire` (the IP task calls it at least every
    /// 10 s) frees it long before.
    #[test]
    fn an_expired_row_is_not_revived_by_the_wrap() {
        let mut c = Cache::<2>::new();
        c.insert(b"old.test", [192, 0, 2, 79], 60, Instant(0), S);
        let mut now = Instant(0);
        for _ in 0..9 {
            now = now + Duration(1 << 28);
            c.expire(now);
        }
        assert!(now.0 > 60_000 + (1 << 31) && now.is_before(Instant(60_000)), "the raw expiry reads as future");
        assert_eq!(c.lookup(b"old.test", now), None);
    }

    #[test]
    fn update_ttl_zero_and_clear() {
        let mut c = Cache::<2>::new();
        c.insert(b"a.test", [1, 1, 1, 1], 10, Instant(0), S);
        c.insert(b"a.test", [2, 2, 2, 2], 10, Instant(0), S);
        c.insert(b"b.test", [3, 3, 3, 3], 10, Instant(0), S);
        assert_eq!(c.lookup(b"a.test", Instant(1)), Some([2, 2, 2, 2]));
        assert_eq!(c.lookup(b"b.test", Instant(1)), Some([3, 3, 3, 3]));
        c.insert(b"a.test", [4, 4, 4, 4], 0, Instant(1), S);
        assert_eq!(c.lookup(b"a.test", Instant(1)), None);
        c.clear();
        assert_eq!(c.lookup(b"b.test", Instant(1)), None);
    }

    #[test]
    fn full_cache_replaces_in_turn_and_ttl_is_capped() {
        let mut c = Cache::<2>::new();
        c.insert(b"a", [1, 0, 0, 0], u32::MAX, Instant(0), S);
        c.insert(b"b", [2, 0, 0, 0], 100, Instant(0), S);
        c.insert(b"c", [3, 0, 0, 0], 100, Instant(0), S);
        assert_eq!(c.lookup(b"a", Instant(1)), None, "the first row went first");
        c.insert(b"d", [4, 0, 0, 0], 100, Instant(0), S);
        assert_eq!(c.lookup(b"b", Instant(1)), None);
        assert_eq!(c.lookup(b"c", Instant(1)), Some([3, 0, 0, 0]));
        assert_eq!(c.lookup(b"d", Instant(1)), Some([4, 0, 0, 0]));
        let mut c = Cache::<1>::new();
        c.insert(b"a", [1, 0, 0, 0], u32::MAX, Instant(0), S);
        let cap = MAX_TTL_S * 1000;
        assert!(c.lookup(b"a", Instant(cap - 1)).is_some());
        assert!(c.lookup(b"a", Instant(cap)).is_none());
    }

    /// Several addresses: lookups give them in turn (upstream's round
    /// robin), `lookup_all` lists them in the answer's order, and a new
    /// answer starts the turn again at its first.
    /// Measured side by side (docs/side-by-side.md, D1-D4; answer .34 .33
    /// .32 .31, 3 per entry): upstream's `gethostbyname` never reads the
    /// cache (5 calls, 5 queries, .34 each) and a repeated answer overwrites
    /// a full row's first slot (`getaddrinfo` from the cache .32 .33 .32);
    /// ours .34 .34 .33 .32 .34 with one query and .34 .33 .32. Both are
    /// upstream bugs we do not copy (COMPAT.md).
    #[test]
    fn several_addresses_are_given_in_turn() {
        let mut c = Cache::<2>::new();
        let mut all = Addresses::one([192, 0, 2, 31]);
        assert!(all.push([192, 0, 2, 32]));
        c.insert_all(b"multi.test", &all, 60, Instant(0), S);
        let turns: Vec<_> = (0..5).map(|_| c.lookup(b"multi.test", Instant(1)).unwrap()[3]).collect();
        assert_eq!(turns, [31, 32, 31, 32, 31]);
        let (next, listed) = c.lookup_all(b"multi.test", Instant(1)).unwrap();
        assert_eq!(next, [192, 0, 2, 32]);
        assert_eq!(listed.as_slice(), all.as_slice());
        c.insert_all(b"multi.test", &all, 60, Instant(2), S);
        assert_eq!(c.lookup(b"multi.test", Instant(2)), Some([192, 0, 2, 31]));
        // An empty list is not cached.
        c.insert_all(b"none.test", &Addresses::EMPTY, 60, Instant(2), S);
        assert_eq!(c.lookup(b"none.test", Instant(2)), None);
    }

    #[test]
    fn long_names_are_not_cached() {
        let mut c = Cache::<1>::new();
        let long = [b'x'; NAME_CAP + 1];
        c.insert(&long, [1, 2, 3, 4], 60, Instant(0), S);
        assert_eq!(c.lookup(&long, Instant(0)), None);
        c.insert(&long[..NAME_CAP], [1, 2, 3, 4], 60, Instant(0), S);
        assert_eq!(c.lookup(&long[..NAME_CAP], Instant(0)), Some([1, 2, 3, 4]));
    }
}
