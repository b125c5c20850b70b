//! Upstream's ARP API beyond the requests (`FreeRTOS_ARP.h`, issue #7):
//! cache look-ups with upstream's gateway rules (`eARPGetCacheEntry`), by
//! MAC, removal, refreshes, ageing, gratuitous ARP and the printed cache.
//! `ip_task::arp` runs these under the lock; `ffi::arp` converts the C
//! arguments. Pure: time comes in as `now`, frames go out through `Env`.
#![forbid(unsafe_code)]

use crate::addr::on_netmask;
use crate::stack::{Env, Stack};
use crate::text::Line;
use crate::time::{Duration, Instant};
use crate::wire::{arp, ethernet, Ipv4Addr, MacAddr};

/// `eResolutionLookupResult_t` (values as upstream's enum).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// `eResolutionCacheMiss` (0): no entry; a request may be sent.
    Miss = 0,
    /// `eResolutionCacheHit` (1): the MAC is known.
    Hit = 1,
    /// `eResolutionFailed` (2): no address to ask (off-link without a
    /// gateway), or a request for it is still unanswered.
    Failed = 2,
}

/// What `eARPGetCacheEntry` reports.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct CacheLookup {
    pub result: Resolution,
    /// The MAC, valid with `Hit`.
    pub mac: MacAddr,
    /// The address looked up in the cache: the target, or the gateway for
    /// an off-link target (upstream writes it back to `*pulIPAddress`);
    /// `None` when the caller's address stays as it was.
    pub looked_up: Option<Ipv4Addr>,
    /// The end-point (index in `Stack::endpoints`) that reaches it.
    pub endpoint: Option<usize>,
}

/// Upstream's ARP timer period: one "age" unit of `ipconfigMAX_ARP_AGE`.
pub const ARP_AGE_UNIT_MS: u64 = 10_000;
/// Upstream asks again for entries with at most 3 age units left.
const REFRESH_UNITS: u64 = 3;

/// The multicast MAC of an IPv4 group address (RFC 1112 §6.4:
/// 01:00:5e and the low 23 bits).
pub fn multicast_mac(ip: Ipv4Addr) -> MacAddr {
    let o = ip.octets();
    MacAddr([0x01, 0x00, 0x5e, o[1] & 0x7f, o[2], o[3]])
}

/// An ARP request (broadcast) from `mac`/`ip` for `target` written into
/// `frame` (`vARPGenerateRequestPacket`); its length (42), or None when
/// `frame` is shorter.
pub fn arp_request_frame(mac: MacAddr, ip: Ipv4Addr, target: Ipv4Addr, frame: &mut [u8]) -> Option<usize> {
    let eth = ethernet::EthernetRepr { dst: MacAddr::BROADCAST, src: mac, ethertype: ethernet::ETHERTYPE_ARP };
    let repr = arp::ArpRepr { op: arp::ArpOp::Request, sender_mac: mac, sender_ip: ip, target_mac: MacAddr::ZERO, target_ip: target };
    // Nothing is written into a frame too short for the whole request.
    let frame = frame.get_mut(..ethernet::HEADER_LEN + arp::PACKET_LEN)?;
    let (head, rest) = frame.split_at_mut_checked(ethernet::HEADER_LEN)?;
    ethernet::emit(&eth, head).ok()?;
    arp::emit(&repr, rest).ok()?;
    Some(ethernet::HEADER_LEN + arp::PACKET_LEN)
}

/// The source address of an Ethernet frame holding an IPv4 packet (no
/// VLAN tag, version 4, a whole 20-byte header). Read in place rather than
/// with `wire::ipv4::parse`: a second caller of the parsers makes LLVM keep
/// them out of line in every firmware (+270 B in `bench/footprint`).
pub fn ipv4_source(frame: &[u8]) -> Option<Ipv4Addr> {
    let ethertype = frame.get(12..14)?;
    let version = frame.get(ethernet::HEADER_LEN)? >> 4;
    if ethertype != ethernet::ETHERTYPE_IPV4.to_be_bytes() || version != 4 || frame.len() < ethernet::HEADER_LEN + 20 {
        return None;
    }
    let src = frame.get(26..30)?;
    let mut octets = [0u8; 4];
    for (d, s) in octets.iter_mut().zip(src) {
        *d = *s;
    }
    Some(Ipv4Addr(octets))
}

impl Stack {
    /// `FreeRTOS_FindEndPointOnNetMask` on the stack's end-points: the
    /// first whose subnet holds `ip`.
    fn endpoint_on_netmask(&self, ip: Ipv4Addr) -> Option<usize> {
        self.endpoints.iter().position(|e| on_netmask(e.ip, e.netmask, ip))
    }

    /// `eARPGetCacheEntry` (upstream's order): loopback (an end-point with
    /// that address), multicast (the group MAC, first end-point), broadcast
    /// (255.255.255.255 or an end-point's subnet broadcast), an on-link
    /// address, else the first end-point's gateway; an off-link address
    /// without a gateway fails. A request still unanswered fails too.
    pub fn arp_get_cache_entry(&self, ip: Ipv4Addr, now: Instant) -> CacheLookup {
        let none = CacheLookup { result: Resolution::Failed, mac: MacAddr::ZERO, looked_up: None, endpoint: None };
        if ip.is_loopback() {
            return match self.endpoints.iter().position(|e| e.ip == ip) {
                Some(i) => CacheLookup {
                    result: Resolution::Hit,
                    mac: self.endpoints.get(i).map_or(MacAddr::ZERO, |e| e.mac),
                    endpoint: Some(i),
                    ..none
                },
                None => none,
            };
        }
        if ip.is_multicast() {
            let first = (!self.endpoints.is_empty()).then_some(0);
            let result = if first.is_some() { Resolution::Hit } else { Resolution::Failed };
            return CacheLookup { result, mac: multicast_mac(ip), endpoint: first, ..none };
        }
        let subnet_broadcast = self.endpoints.iter().position(|e| e.broadcast() == ip);
        if ip.is_broadcast() || subnet_broadcast.is_some() {
            let endpoint = if ip.is_broadcast() { (!self.endpoints.is_empty()).then_some(0) } else { subnet_broadcast };
            return CacheLookup { result: Resolution::Hit, mac: MacAddr::BROADCAST, endpoint, ..none };
        }
        let (address, endpoint) = match self.endpoint_on_netmask(ip) {
            Some(i) => (ip, i),
            None => match self.endpoints.iter().position(|e| !e.gateway.is_unspecified()) {
                Some(i) => (self.endpoints.get(i).map_or(Ipv4Addr::UNSPECIFIED, |e| e.gateway), i),
                // Off-link and no router: upstream reports the gateway's
                // end-point as NULL and leaves the address alone.
                None => return none,
            },
        };
        let looked_up = Some(address);
        if let Some(&mac) = self.arp.lookup_ref(address, now) {
            return CacheLookup { result: Resolution::Hit, mac, looked_up, endpoint: Some(endpoint) };
        }
        let result = if self.arp.is_pending(address) { Resolution::Failed } else { Resolution::Miss };
        CacheLookup { result, mac: MacAddr::ZERO, looked_up, endpoint: Some(endpoint) }
    }

    /// `eARPGetCacheEntryByMac`: the address of a live entry with this MAC
    /// and the interface (index) of the end-point whose subnet holds it.
    pub fn arp_lookup_by_mac(&self, mac: MacAddr, now: Instant) -> Option<(Ipv4Addr, Option<usize>)> {
        let ip = self.arp.lookup_by_mac(mac, now)?;
        let iface = self.endpoint_on_netmask(ip).and_then(|i| self.endpoints.get(i)).map(|e| e.interface);
        Some((ip, iface))
    }

    /// `ulARPRemoveCacheEntryByMac`.
    pub fn arp_remove_by_mac(&mut self, mac: MacAddr) -> Option<Ipv4Addr> {
        self.arp.remove_by_mac(mac)
    }

    /// `vARPRefreshCacheEntry`: stores `ip -> mac` (replacing what was
    /// known, as upstream), or with no MAC records that `ip` is being
    /// resolved; only for addresses on an end-point's subnet (upstream with
    /// `ipconfigARP_STORES_REMOTE_ADDRESSES` 0, the default).
    pub fn arp_refresh_entry(&mut self, mac: Option<MacAddr>, ip: Ipv4Addr, now: Instant) {
        if self.endpoint_on_netmask(ip).is_none() {
            return;
        }
        match mac {
            Some(mac) => self.arp.insert(ip, mac, now),
            None => self.arp.reserve(ip, now),
        }
    }

    /// `vARPRefreshCacheEntryAge`.
    pub fn arp_refresh_age(&mut self, mac: MacAddr, ip: Ipv4Addr, now: Instant) {
        self.arp.refresh_age(ip, mac, now);
    }

    /// `vARPAgeCache`: the cache's periodic work, now: addresses still
    /// being resolved are asked again, and so are entries with at most 30 s
    /// to live (upstream's last 3 age units), each within the usual 500 ms
    /// rate limit. Expired entries are already ignored by every look-up;
    /// the IP task drops them at its next cycle (`Stack::poll`; a second
    /// caller of `ArpCache::expire` made it an out-of-line copy in every
    /// firmware). Returns the requests sent.
    pub fn arp_age<E: Env + ?Sized>(&mut self, now: Instant, env: &mut E) -> usize {
        let soon = self.cfg.tick_rate.ms(REFRESH_UNITS * ARP_AGE_UNIT_MS);
        let mut ask = [Ipv4Addr::UNSPECIFIED; 16];
        let mut n = 0;
        let candidates = self
            .arp
            .pending_addresses()
            .chain(self.arp.live_entries(now).filter(|(_, _, left)| left.0 <= soon.0).map(|(ip, _, _)| ip));
        for (slot, ip) in ask.iter_mut().zip(candidates) {
            *slot = ip;
            n += 1;
        }
        let mut sent = 0;
        for &ip in ask.iter().take(n) {
            let Some(i) = self.arp_request_endpoint(ip) else { continue };
            if self.arp.should_request(ip, now) && self.send_arp_request(i, ip, now, env) {
                sent += 1;
            }
        }
        sent
    }

    /// `vARPSendGratuitous` (the IP task's half): an ARP request for its
    /// own address from every end-point that is up and has one. Returns
    /// the requests sent.
    pub fn send_gratuitous_arps<E: Env + ?Sized>(&mut self, now: Instant, env: &mut E) -> usize {
        let mut sent = 0;
        for i in 0..self.endpoints.len() {
            let Some(ep) = self.endpoints.get(i).copied() else { break };
            if ep.up && !ep.ip.is_unspecified() && self.send_arp_request(i, ep.ip, now, env) {
                sent += 1;
            }
        }
        sent
    }

    /// `FreeRTOS_PrintARPCache`: one line per live entry in upstream's
    /// layout ("ARP %2d: %3u - %16s : %02x:%02x:%02x : %02x:%02x:%02x",
    /// the age in upstream's 10 s units counting down, the address always
    /// a dotted quad), then "Arp has N entries".
    pub fn print_arp_cache(&self, now: Instant, mut print: impl FnMut(&[u8])) {
        let unit = self.cfg.tick_rate.ms(ARP_AGE_UNIT_MS).0.max(1);
        let mut count = 0u32;
        for (i, (ip, mac, left)) in self.arp.live_entries(now).enumerate() {
            let age = left.0.div_ceil(unit).min(255);
            let mut line = Line::<64>::default();
            line.write(|t| {
                // Widths by hand: `dec_right` gaining a caller here made
                // it (and netstat's) an out-of-line copy in every firmware.
                t.str("ARP ").spaces(usize::from(i < 10)).dec(i as u32).str(": ");
                t.spaces(usize::from(age < 100) + usize::from(age < 10)).dec(age).str(" - ");
                let mut quad = Line::<16>::default();
                quad.write(|q| {
                    q.ipv4(ip.octets());
                });
                t.spaces(16usize.saturating_sub(quad.as_bytes().len())).bytes(quad.as_bytes()).str(" :");
                for (k, b) in mac.0.iter().enumerate() {
                    t.str(if k == 3 { " : " } else if k == 0 { " " } else { ":" });
                    if *b < 16 {
                        t.byte(b'0');
                    }
                    t.hex(*b as u64);
                }
                t.byte(b'\n');
            });
            print(line.as_bytes());
            count += 1;
        }
        let mut line = Line::<32>::default();
        line.write(|t| {
            t.str("Arp has ").dec(count).str(" entries\n");
        });
        print(line.as_bytes());
    }

    /// `xCheckRequiresARPResolution` for a received IPv4 packet from `src`
    /// on end-point `endpoint`: on its subnet and not in the cache, an ARP
    /// request goes out and the answer is true.
    pub fn check_requires_arp<E: Env + ?Sized>(&mut self, endpoint: usize, src: Ipv4Addr, now: Instant, env: &mut E) -> bool {
        let Some(ep) = self.endpoints.get(endpoint).copied() else { return false };
        let m = ep.netmask.to_be_u32();
        if src.to_be_u32() & m != ep.ip.to_be_u32() & m || self.arp.lookup_ref(src, now).is_some() {
            return false;
        }
        if !ep.ip.is_unspecified() {
            self.send_arp_request(endpoint, src, now, env);
        }
        true
    }

    /// The time an entry lives (`ipconfigMAX_ARP_AGE` × 10 s).
    pub fn arp_lifetime(&self) -> Duration {
        self.arp.lifetime()
    }
}

#[cfg(test)]
mod tests {
    use alloc::string::String;
    use alloc::vec::Vec;

    use super::*;
    use crate::stack::testenv::{config, TestEnv};
    use crate::stack::Endpoint;

    const MAC_PEER: MacAddr = MacAddr([2, 0, 0, 0, 0, 0x33]);

    fn stack(gateway: bool) -> Stack {
        let mut s = Stack::new(config());
        s.add_endpoint(Endpoint {
            ip: Ipv4Addr([192, 0, 2, 10]),
            netmask: Ipv4Addr([255, 255, 255, 0]),
            gateway: if gateway { Ipv4Addr([192, 0, 2, 1]) } else { Ipv4Addr::UNSPECIFIED },
            dns: Ipv4Addr::UNSPECIFIED,
            mac: MacAddr([2, 0, 0, 0, 0, 0x10]),
            interface: 0,
            up: true,
        });
        s
    }

    /// The ARP frames `env` got: (sender ip, target ip).
    fn arps(env: &TestEnv) -> Vec<(Ipv4Addr, Ipv4Addr)> {
        env.out
            .iter()
            .filter_map(|f| ethernet::parse(f).ok())
            .filter(|(h, _)| h.ethertype == ethernet::ETHERTYPE_ARP)
            .filter_map(|(_, p)| arp::parse(p).ok())
            .map(|a| (a.sender_ip, a.target_ip))
            .collect()
    }

    #[test]
    fn get_cache_entry_follows_upstreams_rules() {
        let mut s = stack(true);
        let now = Instant(100);
        let peer = Ipv4Addr([192, 0, 2, 1]);
        let far = Ipv4Addr([203, 0, 113, 5]);
        // On-link, unknown: miss; the address stays the target.
        let r = s.arp_get_cache_entry(Ipv4Addr([192, 0, 2, 77]), now);
        assert_eq!((r.result, r.looked_up, r.endpoint), (Resolution::Miss, Some(Ipv4Addr([192, 0, 2, 77])), Some(0)));
        // Off-link goes to the gateway, which is unknown, then known.
        let r = s.arp_get_cache_entry(far, now);
        assert_eq!((r.result, r.looked_up), (Resolution::Miss, Some(peer)));
        s.arp.insert(peer, MAC_PEER, now);
        let r = s.arp_get_cache_entry(far, now);
        assert_eq!((r.result, r.mac, r.looked_up, r.endpoint), (Resolution::Hit, MAC_PEER, Some(peer), Some(0)));
        // A request out and unanswered: failed.
        let asked = Ipv4Addr([192, 0, 2, 78]);
        assert!(s.arp.should_request(asked, now));
        assert_eq!(s.arp_get_cache_entry(asked, now).result, Resolution::Failed);
        // Broadcasts and groups need no cache.
        let r = s.arp_get_cache_entry(Ipv4Addr::BROADCAST, now);
        assert_eq!((r.result, r.mac, r.endpoint, r.looked_up), (Resolution::Hit, MacAddr::BROADCAST, Some(0), None));
        assert_eq!(s.arp_get_cache_entry(Ipv4Addr([192, 0, 2, 255]), now).mac, MacAddr::BROADCAST);
        let r = s.arp_get_cache_entry(Ipv4Addr([239, 129, 2, 3]), now);
        assert_eq!((r.result, r.mac), (Resolution::Hit, MacAddr([1, 0, 0x5e, 1, 2, 3])));
        // Loopback: only an end-point's own address.
        assert_eq!(s.arp_get_cache_entry(Ipv4Addr([127, 0, 0, 1]), now).result, Resolution::Failed);
        // Off-link without a gateway: failed, nothing looked up.
        let s = stack(false);
        let r = s.arp_get_cache_entry(far, now);
        assert_eq!((r.result, r.looked_up, r.endpoint), (Resolution::Failed, None, None));
    }

    #[test]
    fn by_mac_remove_refresh_and_reserve() {
        let mut s = stack(false);
        let ip = Ipv4Addr([192, 0, 2, 1]);
        let now = Instant(0);
        assert_eq!(s.arp_lookup_by_mac(MAC_PEER, now), None);
        s.arp_refresh_entry(Some(MAC_PEER), ip, now);
        // Remote addresses are not stored (ARP_STORES_REMOTE_ADDRESSES 0).
        s.arp_refresh_entry(Some(MacAddr([2, 0, 0, 0, 0, 0x44])), Ipv4Addr([203, 0, 113, 5]), now);
        assert_eq!(s.arp.len(), 1);
        assert_eq!(s.arp_lookup_by_mac(MAC_PEER, now), Some((ip, Some(0))));
        let life = s.arp_lifetime();
        // The age refresh needs the same MAC.
        s.arp_refresh_age(MacAddr([2, 0, 0, 0, 0, 0x44]), ip, Instant(life.0 - 1));
        assert!(!s.arp_has(ip, Instant(life.0)));
        s.arp_refresh_age(MAC_PEER, ip, Instant(life.0 - 1));
        assert!(s.arp_has(ip, Instant(life.0)));
        assert_eq!(s.arp_remove_by_mac(MAC_PEER), Some(ip));
        assert_eq!(s.arp_remove_by_mac(MAC_PEER), None);
        assert!(!s.arp_has(ip, Instant(life.0)));
        // Without a MAC: being resolved, reported as failed; the first
        // request still goes out at once.
        s.arp_refresh_entry(None, ip, Instant(10_000));
        assert_eq!(s.arp_get_cache_entry(ip, Instant(10_000)).result, Resolution::Failed);
        assert!(s.arp.should_request(ip, Instant(10_000)));
    }

    #[test]
    fn gratuitous_and_ageing_send_requests() {
        let mut s = stack(false);
        let mut env = TestEnv::new(8);
        assert_eq!(s.send_gratuitous_arps(Instant(0), &mut env), 1);
        let own = Ipv4Addr([192, 0, 2, 10]);
        assert_eq!(arps(&env), [(own, own)]);
        s.set_interface_up(0, false);
        assert_eq!(s.send_gratuitous_arps(Instant(0), &mut env), 0, "down end-points stay quiet");
        s.set_interface_up(0, true);
        env.out.clear();
        let ip = Ipv4Addr([192, 0, 2, 1]);
        s.arp.insert(ip, MAC_PEER, Instant(0));
        // Far from expiry and nothing pending: nothing to ask.
        assert_eq!(s.arp_age(Instant(1), &mut env), 0);
        let life = s.arp_lifetime().0;
        let near = Instant(life - s.cfg.tick_rate.ms(20_000).0);
        assert_eq!(s.arp_age(near, &mut env), 1);
        assert_eq!(arps(&env), [(own, ip)]);
        // Rate limited, then gone at expiry.
        assert_eq!(s.arp_age(Instant(near.0 + 1), &mut env), 0);
        s.arp_age(Instant(life), &mut env);
        assert!(!s.arp_has(ip, Instant(life)));
    }

    #[test]
    fn printed_cache_matches_upstreams_layout() {
        let mut s = stack(false);
        s.arp.insert(Ipv4Addr([192, 0, 2, 1]), MacAddr([0x02, 0xab, 0x0c, 0, 1, 0xff]), Instant(0));
        let mut out = String::new();
        s.print_arp_cache(Instant(0), |l| out.push_str(core::str::from_utf8(l).unwrap()));
        let age = (s.arp_lifetime().0 / s.cfg.tick_rate.ms(ARP_AGE_UNIT_MS).0).min(255);
        let expect = alloc::format!("ARP  0: {age:3} -        192.0.2.1 : 02:ab:0c : 00:01:ff\nArp has 1 entries\n");
        assert_eq!(out, expect);
    }

    #[test]
    fn request_frame_is_a_broadcast_arp_request() {
        let mut frame = [0u8; 60];
        let me = MacAddr([2, 0, 0, 0, 0, 0x10]);
        let n = arp_request_frame(me, Ipv4Addr([192, 0, 2, 10]), Ipv4Addr([192, 0, 2, 1]), &mut frame).unwrap();
        assert_eq!(n, 42);
        let (h, p) = ethernet::parse(&frame[..n]).unwrap();
        assert_eq!((h.dst, h.src, h.ethertype), (MacAddr::BROADCAST, me, ethernet::ETHERTYPE_ARP));
        let a = arp::parse(p).unwrap();
        assert_eq!((a.op, a.sender_mac, a.sender_ip, a.target_ip), (arp::ArpOp::Request, me, Ipv4Addr([192, 0, 2, 10]), Ipv4Addr([192, 0, 2, 1])));
        let mut short = [0x55u8; 41];
        assert_eq!(arp_request_frame(me, Ipv4Addr::UNSPECIFIED, Ipv4Addr::UNSPECIFIED, &mut short), None);
        assert_eq!(short, [0x55u8; 41], "nothing written into a short frame");
    }

    #[test]
    fn ipv4_source_reads_ipv4_frames_only() {
        let mut f = [0u8; 34];
        f[12] = 0x08;
        f[14] = 0x45;
        f[26..30].copy_from_slice(&[192, 0, 2, 1]);
        assert_eq!(ipv4_source(&f), Some(Ipv4Addr([192, 0, 2, 1])));
        assert_eq!(ipv4_source(&f[..33]), None);
        f[14] = 0x65;
        assert_eq!(ipv4_source(&f), None);
        f[14] = 0x45;
        f[13] = 0x06;
        assert_eq!(ipv4_source(&f), None);
    }

    #[test]
    fn check_requires_arp_asks_on_link_strangers_only() {
        let mut s = stack(false);
        let mut env = TestEnv::new(8);
        let now = Instant(0);
        assert!(!s.check_requires_arp(0, Ipv4Addr([203, 0, 113, 5]), now, &mut env));
        assert!(s.check_requires_arp(0, Ipv4Addr([192, 0, 2, 1]), now, &mut env));
        assert_eq!(arps(&env).len(), 1);
        s.arp.insert(Ipv4Addr([192, 0, 2, 1]), MAC_PEER, now);
        assert!(!s.check_requires_arp(0, Ipv4Addr([192, 0, 2, 1]), now, &mut env));
        assert!(!s.check_requires_arp(5, Ipv4Addr([192, 0, 2, 1]), now, &mut env));
    }
}
