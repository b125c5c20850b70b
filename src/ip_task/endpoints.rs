//! The end-point and ARP calls application tasks make on the running stack
//! (`ffi::routing` converts their C arguments and calls these). Each takes
//! the stack's lock for the moment it needs; before `FreeRTOS_IPInit_Multi`
//! or from a hook that already holds the lock they do nothing (or tell the
//! caller so).
#![forbid(unsafe_code)]

use crate::os::kernel;
use crate::os::netif::EndPointRef;
use crate::stack::routing::EndpointAddresses;
use crate::wire::Ipv4Addr;

use super::{with_stack, Global, KernelEnv};

/// Runs `change` (which writes the application's `NetworkEndPoint_t`)
/// under the lock, so the IP task never reads a half-written struct, then
/// copies the end-point's addresses into the stack. False when the stack
/// is not running or this task holds the lock: the caller then writes the
/// struct itself, and the stack copies it at start-up.
pub fn update_endpoint(ep: EndPointRef, change: impl FnOnce()) -> bool {
    with_stack(|g| {
        change();
        if let Some(i) = g.endpoints.iter().position(|e| e.0 == ep.0) {
            let c = ep.config();
            let a = EndpointAddresses { ip: c.ip, netmask: c.netmask, gateway: c.gateway, dns: c.dns, mac: c.mac };
            g.stack.update_endpoint(i, a);
        }
    })
    .is_some()
}

/// Sends an ARP request for `target` from the stack's end-point `index`
/// (lock held by the caller).
fn arp_request_from(g: &mut Global, index: usize, target: Ipv4Addr) {
    let Some(endpoint) = g.endpoints.get(index) else { return };
    let mut env = KernelEnv { interfaces: &g.interfaces, endpoints: core::slice::from_ref(endpoint) };
    g.stack.send_arp_request(index, target, kernel::now(), &mut env);
}

/// `FreeRTOS_OutputARPRequest`: from the end-point whose subnet holds
/// `target`, if it has an address.
pub fn output_arp_request(target: Ipv4Addr) {
    with_stack(|g| {
        if let Some(i) = g.stack.arp_request_endpoint(target) {
            arp_request_from(g, i, target);
        }
    });
}

/// `FreeRTOS_OutputARPRequest_Multi`: from a registered end-point.
pub fn output_arp_request_from(ep: EndPointRef, target: Ipv4Addr) {
    with_stack(|g| {
        if let Some(i) = g.endpoints.iter().position(|e| e.0 == ep.0) {
            arp_request_from(g, i, target);
        }
    });
}

/// `FreeRTOS_ClearARP`: `None` (NULL) or a registered end-point clears the
/// cache; an unregistered one clears nothing.
pub fn clear_arp(ep: Option<EndPointRef>) {
    with_stack(|g| {
        if ep.is_none_or(|ep| g.endpoints.iter().any(|e| e.0 == ep.0)) {
            g.stack.clear_arp();
        }
    });
}

/// `xIsIPInARPCache`.
pub fn arp_has(ip: Ipv4Addr) -> bool {
    with_stack(|g| g.stack.arp_has(ip, kernel::now())).unwrap_or(false)
}
