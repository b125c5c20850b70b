//! Routing in one place: the end-points (by index, in the order the
//! application registered them), which one sends towards a destination and
//! from which address, their up/down state, the application's changes to
//! their addresses, and the ARP requests and cache calls of the API.
//!
//! The IP task mirrors the C `NetworkEndPoint_t` structs into
//! `Stack::endpoints` at start-up and after each setter; nothing outside
//! this module and `input`/`output` reads those fields.
#![forbid(unsafe_code)]

use crate::os::fallible::try_push;
use crate::addr::on_netmask;
use crate::stack::{Endpoint, Env, Stack};
use crate::time::Instant;
use crate::wire::{IpAddress, Ipv4Addr, MacAddr};

/// The addresses of an end-point that the application may change
/// (`FreeRTOS_SetEndPointConfiguration`, `FreeRTOS_SetIPAddress`, ...).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct EndpointAddresses {
    pub ip: Ipv4Addr,
    pub netmask: Ipv4Addr,
    pub gateway: Ipv4Addr,
    pub dns: Ipv4Addr,
    pub mac: MacAddr,
}

impl Stack {
    /// Adds an end-point; returns its index, or None when the heap could not
    /// hold it.
    pub fn add_endpoint(&mut self, ep: Endpoint) -> Option<usize> {
        try_push(&mut self.endpoints, ep).ok()?;
        Some(self.endpoints.len() - 1)
    }

    /// Copies the application's new addresses into end-point `index`.
    pub fn update_endpoint(&mut self, index: usize, a: EndpointAddresses) {
        if let Some(e) = self.endpoints.get_mut(index) {
            e.ip = a.ip;
            e.netmask = a.netmask;
            e.gateway = a.gateway;
            e.dns = a.dns;
            e.mac = a.mac;
        }
    }

    /// Interface `iface` came up or went down: its end-points, the ARP
    /// cache or the refused output, and its DHCP clients (a new cycle, or
    /// idle). Returns whether every end-point is up now. One call for the
    /// IP task's link-up and link-down paths.
    pub fn link_changed(&mut self, iface: usize, up: bool, now: crate::time::Instant) -> bool {
        self.set_interface_up(iface, up);
        if up {
            self.dhcp_interface_up(iface, now);
        } else {
            self.dhcp_interface_down(iface);
        }
        self.all_up()
    }

    pub fn set_interface_up(&mut self, iface: usize, up: bool) {
        for e in self.endpoints.iter_mut().filter(|e| e.interface == iface) {
            e.up = up;
        }
        if !up {
            self.arp.clear();
        } else {
            // Connections whose segments the down interface refused send
            // at the next poll instead of at the end of their backoff.
            for (_, s) in self.sockets.iter_mut() {
                if let Some(t) = s.tcp_mut() {
                    t.tcb.retry_output_now();
                }
            }
        }
    }

    pub fn is_up(&self) -> bool {
        self.endpoints.iter().any(|e| e.up)
    }

    /// `FreeRTOS_IsNetworkUp()`: every end-point is up (upstream's meaning).
    pub fn all_up(&self) -> bool {
        !self.endpoints.is_empty() && self.endpoints.iter().all(|e| e.up)
    }

    pub fn is_our_address(&self, ip: Ipv4Addr) -> bool {
        self.endpoints.iter().any(|e| e.up && e.ip == ip)
    }

    /// `source_for` for a family-neutral destination: the unspecified
    /// address of its family when no end-point can send to it.
    pub(crate) fn source_for_addr(&self, dst: IpAddress) -> IpAddress {
        match crate::stack::output::ipv4_of(dst) {
            Some(v4) => IpAddress::V4(self.source_for(v4)),
            None => IpAddress::UNSPECIFIED_V4,
        }
    }

    /// Whether an end-point has address `addr`.
    pub(crate) fn is_endpoint_address(&self, addr: IpAddress) -> bool {
        crate::stack::output::ipv4_of(addr).is_some_and(|a| self.endpoints.iter().any(|e| e.ip == a))
    }

    /// The address we send from towards `dst`: an end-point on its subnet,
    /// else one with a gateway, else the first that is up.
    pub(crate) fn source_for(&self, dst: Ipv4Addr) -> Ipv4Addr {
        let up = || self.endpoints.iter().filter(|e| e.up);
        up().find(|e| e.on_link(dst))
            .or_else(|| up().find(|e| !e.gateway.is_unspecified()))
            .or_else(|| up().next())
            .map_or(Ipv4Addr::UNSPECIFIED, |e| e.ip)
    }

    /// The end-point `FreeRTOS_OutputARPRequest` sends from: the first whose
    /// subnet holds `target`, provided it has an address (upstream refuses an
    /// end-point whose address is 0.0.0.0).
    pub fn arp_request_endpoint(&self, target: Ipv4Addr) -> Option<usize> {
        let (i, ep) = self.endpoints.iter().enumerate().find(|(_, e)| on_netmask(e.ip, e.netmask, target))?;
        (!ep.ip.is_unspecified()).then_some(i)
    }

    /// Sends one ARP request for `target` from end-point `endpoint`
    /// (`FreeRTOS_OutputARPRequest`). No cache entry is made: the reply,
    /// being addressed to us, is stored when it arrives. Returns whether the
    /// frame went to the driver.
    pub fn send_arp_request<E: Env + ?Sized>(&mut self, endpoint: usize, target: Ipv4Addr, now: Instant, env: &mut E) -> bool {
        let Some(ep) = self.endpoints.get(endpoint).copied() else { return false };
        let sent_before = self.counters.tx_frames;
        let ttl = self.cfg.get().ttl;
        let mut out = Self::output(&self.endpoints, &mut self.arp, &mut self.ident, &mut self.counters, env, now, ttl);
        out.send_arp_request(&ep, target);
        self.counters.tx_frames != sent_before
    }

    /// `FreeRTOS_ClearARP`.
    pub fn clear_arp(&mut self) {
        self.arp.clear();
    }

    /// `xIsIPInARPCache`: a live entry (not one still being resolved).
    pub fn arp_has(&self, ip: Ipv4Addr, now: Instant) -> bool {
        self.arp.lookup_ref(ip, now).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stack::testenv::TestEnv;
    use crate::wire::{arp, ethernet};

    fn stack() -> Stack {
        let mut s = Stack::new(crate::stack::testenv::config());
        let ep = |ip: [u8; 4], mac: u8, iface: usize| Endpoint {
            ip: Ipv4Addr(ip),
            netmask: Ipv4Addr([255, 255, 255, 0]),
            gateway: Ipv4Addr::UNSPECIFIED,
            dns: Ipv4Addr::UNSPECIFIED,
            mac: MacAddr([2, 0, 0, 0, 0, mac]),
            interface: iface,
            up: true,
        };
        s.add_endpoint(ep([0, 0, 0, 0], 1, 0));
        s.add_endpoint(ep([192, 0, 2, 10], 2, 0));
        s.add_endpoint(ep([198, 51, 100, 7], 3, 1));
        s
    }

    #[test]
    fn arp_request_goes_out_from_the_endpoint_on_the_subnet() {
        let mut s = stack();
        // 0.0.0.0/24 holds 0.0.0.9 but has no address: refused, as upstream.
        assert_eq!(s.arp_request_endpoint(Ipv4Addr([0, 0, 0, 9])), None);
        assert_eq!(s.arp_request_endpoint(Ipv4Addr([203, 0, 113, 1])), None);
        let target = Ipv4Addr([198, 51, 100, 1]);
        let i = s.arp_request_endpoint(target).unwrap();
        assert_eq!(i, 2);
        let mut env = TestEnv::new(4);
        assert!(s.send_arp_request(i, target, Instant(5), &mut env));
        assert_eq!(env.out.len(), 1);
        let frame = &env.out[0];
        let eth = ethernet::parse(frame).unwrap();
        assert_eq!(eth.0.dst, MacAddr::BROADCAST);
        assert_eq!(eth.0.ethertype, ethernet::ETHERTYPE_ARP);
        let req = arp::parse(eth.1).unwrap();
        assert_eq!(req.op, arp::ArpOp::Request);
        assert_eq!(req.sender_ip, Ipv4Addr([198, 51, 100, 7]));
        assert_eq!(req.sender_mac, MacAddr([2, 0, 0, 0, 0, 3]));
        assert_eq!(req.target_ip, target);
        assert_eq!(s.counters.tx_frames, 1);
        assert!(!s.send_arp_request(9, target, Instant(5), &mut env));
    }

    #[test]
    fn endpoint_updates_change_routing_and_source_choice() {
        let mut s = stack();
        let far = Ipv4Addr([203, 0, 113, 1]);
        // No end-point has a gateway: the first one that is up sends.
        assert_eq!(s.source_for(far), Ipv4Addr([0, 0, 0, 0]));
        let mut a = EndpointAddresses {
            ip: Ipv4Addr([198, 51, 100, 7]),
            netmask: Ipv4Addr([255, 255, 255, 0]),
            gateway: Ipv4Addr([198, 51, 100, 1]),
            dns: Ipv4Addr::UNSPECIFIED,
            mac: MacAddr([2, 0, 0, 0, 0, 3]),
        };
        s.update_endpoint(2, a);
        assert_eq!(s.source_for(far), Ipv4Addr([198, 51, 100, 7]));
        assert_eq!(s.source_for(Ipv4Addr([192, 0, 2, 77])), Ipv4Addr([192, 0, 2, 10]));
        a.ip = Ipv4Addr([198, 51, 100, 8]);
        s.update_endpoint(2, a);
        assert!(s.is_our_address(Ipv4Addr([198, 51, 100, 8])));
        assert!(!s.is_our_address(Ipv4Addr([198, 51, 100, 7])));
        // An index beyond the table changes nothing.
        s.update_endpoint(7, a);
        assert_eq!(s.endpoints.len(), 3);
        s.set_interface_up(1, false);
        assert!(!s.all_up() && s.is_up());
        assert_eq!(s.source_for(far), Ipv4Addr([0, 0, 0, 0]));
    }
}
