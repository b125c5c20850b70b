//! Which received frames the stack takes at all, and what it may learn from
//! them (issue 9): the checks an attacker on the link would otherwise use.
//!
//! * A source address no host may use ("martian": RFC 1122 §3.2.1.3,
//!   RFC 1812 §5.3.7) is never answered: 0.0.0.0/8, 127.0.0.0/8,
//!   224.0.0.0/4 (multicast), 240.0.0.0/4 (with 255.255.255.255), a
//!   subnet broadcast of one of our end-points, or one of our own
//!   addresses (which also stops the land attack, source = destination).
//!   Answering them reflects traffic to broadcast or to ourselves and lets
//!   a spoofed SYN hold a backlog slot.
//! * An IPv4 datagram for our (unicast) address must come to our MAC; one
//!   sent to the broadcast, a multicast or another host's MAC is dropped
//!   (upstream drops these too).
//! * ARP from a group or zero MAC, from one of our own MACs, or from a
//!   martian sender address is ignored; a probe (sender 0.0.0.0, RFC 5227)
//!   is answered but teaches nothing.
//! * MACs are learned from IP frames only after the transport checksum
//!   passed, only for segments the stack wants (a SYN to a listener, a
//!   segment of a connection), and only to fill a missing entry: an IP frame
//!   never replaces a known MAC (only ARP for our address does), and never
//!   teaches the gateway's MAC.
//!
//! Frames dropped here are counted in `Counters::rx_martian`.
#![forbid(unsafe_code)]

use crate::stack::{Endpoint, Stack};
use crate::time::Instant;
use crate::wire::{icmp, ipv4, Ipv4Addr, MacAddr};

/// Whether `src` is an address no host may send from (see the module text).
pub(crate) fn martian_source(endpoints: &[Endpoint], src: Ipv4Addr) -> bool {
    let [first, ..] = src.octets();
    if first == 0 || first == 127 || first >= 224 {
        return true;
    }
    endpoints.iter().any(|e| e.ip == src || subnet_broadcast(e) == Some(src))
}

/// The directed broadcast of an end-point's subnet; /31 and /32 subnets have
/// none (RFC 3021: both addresses of a /31 are hosts).
fn subnet_broadcast(e: &Endpoint) -> Option<Ipv4Addr> {
    if !e.netmask.to_be_u32() < 3 {
        None
    } else {
        Some(e.broadcast())
    }
}

/// Whether an IPv4 datagram addressed to end-point `ep` (or, for UDP, to a
/// broadcast address) came in a frame addressed to its MAC, or in a
/// broadcast frame when the IP destination is a broadcast too. A unicast
/// IP destination in a broadcast or group frame is refused.
pub(crate) fn link_destination_ok(ep: &Endpoint, dst: MacAddr, ip_dst: Ipv4Addr) -> bool {
    dst == ep.mac || (dst.is_broadcast() && (ip_dst.is_broadcast() || ip_dst == ep.broadcast()))
}

/// What an ARP packet's sender fields allow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ArpSender {
    /// An ordinary neighbour: answer, and learn or refresh its MAC.
    Usable,
    /// An RFC 5227 probe (sender address 0.0.0.0): answer a probe for our
    /// address (that is how the prober learns it is taken), learn nothing.
    Probe,
    /// A sender no host can be: ignore the packet.
    Bogus,
}

pub(crate) fn arp_sender(endpoints: &[Endpoint], ip: Ipv4Addr, mac: MacAddr) -> ArpSender {
    let own_mac = endpoints.iter().any(|e| e.mac == mac);
    if mac.is_multicast() || mac == MacAddr::ZERO || own_mac {
        ArpSender::Bogus
    } else if ip.is_unspecified() {
        ArpSender::Probe
    } else if martian_source(endpoints, ip) {
        ArpSender::Bogus
    } else {
        ArpSender::Usable
    }
}

/// Whether the reply to an echo request carrying `data_len` bytes fits in
/// one IP packet of `ipconfigNETWORK_MTU` (we never fragment).
pub(crate) fn echo_reply_fits(data_len: usize) -> bool {
    ipv4::HEADER_LEN + icmp::HEADER_LEN + data_len <= crate::config::NETWORK_MTU
}

impl Stack {
    /// Reference §14.5 row 8: a SYN (or a connection's segment) from an
    /// on-link host whose MAC we do not know yet is answered at once, to the
    /// MAC it came from. The caller has validated the segment's checksum and
    /// found a listener or connection for it; an entry that exists is only
    /// refreshed when the MAC matches, never replaced.
    pub(crate) fn learn_sender(&mut self, now: Instant, src: Ipv4Addr, mac: MacAddr) {
        let on_link = self.endpoints.iter().any(|e| e.up && e.on_link(src) && e.gateway != src);
        if on_link && mac.is_unicast() {
            self.arp.fill_missing(src, mac, now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ep(ip: [u8; 4], mask: [u8; 4]) -> Endpoint {
        Endpoint {
            ip: Ipv4Addr(ip),
            netmask: Ipv4Addr(mask),
            gateway: Ipv4Addr::UNSPECIFIED,
            dns: Ipv4Addr::UNSPECIFIED,
            mac: MacAddr([2, 0, 0, 0, 0, 1]),
            interface: 0,
            up: true,
        }
    }

    #[test]
    fn martian_list() {
        let eps = [ep([10, 1, 2, 3], [255, 255, 255, 0])];
        for bad in [[0, 0, 0, 0], [0, 9, 9, 9], [127, 0, 0, 1], [224, 0, 0, 1], [239, 255, 255, 250], [240, 0, 0, 0], [255, 255, 255, 255], [10, 1, 2, 255], [10, 1, 2, 3]] {
            assert!(martian_source(&eps, Ipv4Addr(bad)), "{bad:?}");
        }
        for good in [[10, 1, 2, 1], [10, 1, 3, 255], [192, 0, 2, 1], [223, 255, 255, 254], [1, 0, 0, 0]] {
            assert!(!martian_source(&eps, Ipv4Addr(good)), "{good:?}");
        }
    }

    #[test]
    fn point_to_point_subnets_have_no_broadcast() {
        let eps = [ep([10, 0, 0, 0], [255, 255, 255, 254])];
        assert!(!martian_source(&eps, Ipv4Addr([10, 0, 0, 1])), "the /31 peer is a host");
        let eps = [ep([10, 0, 0, 4], [255, 255, 255, 252])];
        assert!(martian_source(&eps, Ipv4Addr([10, 0, 0, 7])));
    }

    #[test]
    fn echo_reply_limit_is_the_mtu() {
        let max = crate::config::NETWORK_MTU - 28;
        assert!(echo_reply_fits(max));
        assert!(!echo_reply_fits(max + 1));
    }
}
