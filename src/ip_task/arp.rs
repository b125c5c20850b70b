//! The ARP calls of upstream's API beyond the requests (`ffi::arp`
//! converts the C arguments; `stack::arp_api` does the work). Each takes
//! the stack's lock for the moment it needs; before `FreeRTOS_IPInit_Multi`
//! (or from inside the stack, lock held) they find nothing and change
//! nothing.
#![forbid(unsafe_code)]

use core::sync::atomic::Ordering;

use crate::config;
use crate::os::kernel;
use crate::os::netif::{EndPointRef, InterfaceRef};
use crate::os::sys;
use crate::stack::arp_api::{CacheLookup, Resolution};
use crate::wire::{Ipv4Addr, MacAddr};

use super::{with_stack, KernelEnv, EVENTS, TASK_HANDLE};

/// `eARPGetCacheEntry`: the look-up and the C end-point it names.
pub fn get_cache_entry(ip: Ipv4Addr) -> Option<(CacheLookup, Option<EndPointRef>)> {
    with_stack(|g| {
        let r = g.stack.arp_get_cache_entry(ip, kernel::now());
        let ep = r.endpoint.and_then(|i| g.endpoints.get(i).copied());
        (r, ep)
    })
}

/// `eARPGetCacheEntryByMac`: the address and the C interface.
pub fn lookup_by_mac(mac: MacAddr) -> Option<(Ipv4Addr, Option<InterfaceRef>)> {
    with_stack(|g| {
        let (ip, iface) = g.stack.arp_lookup_by_mac(mac, kernel::now())?;
        Some((ip, iface.and_then(|i| g.interfaces.get(i).copied())))
    })
    .flatten()
}

/// `ulARPRemoveCacheEntryByMac`.
pub fn remove_by_mac(mac: MacAddr) -> Option<Ipv4Addr> {
    with_stack(|g| g.stack.arp_remove_by_mac(mac)).flatten()
}

/// `vARPRefreshCacheEntry`.
pub fn refresh_entry(mac: Option<MacAddr>, ip: Ipv4Addr) {
    with_stack(|g| g.stack.arp_refresh_entry(mac, ip, kernel::now()));
}

/// `vARPRefreshCacheEntryAge`.
pub fn refresh_age(mac: MacAddr, ip: Ipv4Addr) {
    with_stack(|g| g.stack.arp_refresh_age(mac, ip, kernel::now()));
}

/// `vARPAgeCache`: from the calling task, under the lock (as
/// `FreeRTOS_OutputARPRequest`).
pub fn age() {
    with_stack(|g| {
        let mut env = KernelEnv { interfaces: &g.interfaces, endpoints: &g.endpoints };
        g.stack.arp_age(kernel::now(), &mut env)
    });
}

/// `vARPSendGratuitous`: asks the IP task (upstream posts an
/// `eARPTimerEvent`), which sends the announcements at its next event
/// (`os::deferred`: the sending code is linked only with this call).
/// Should the queue be full, they wait for the IP task's next event.
pub fn request_gratuitous() {
    crate::os::deferred::set(send_gratuitous_now);
    let ev = sys::IPStackEvent_t { eEventType: sys::eARPTimerEvent as _, pvData: core::ptr::null_mut() };
    super::post(&ev, Some(0));
}

/// The IP task's half of `request_gratuitous`.
fn send_gratuitous_now() {
    with_stack(|g| {
        let mut env = KernelEnv { interfaces: &g.interfaces, endpoints: &g.endpoints };
        g.stack.send_gratuitous_arps(kernel::now(), &mut env)
    });
}

/// `FreeRTOS_PrintARPCache` (through `FreeRTOS_printf`, under the lock as
/// netstat).
pub fn print_cache() {
    with_stack(|g| g.stack.print_arp_cache(kernel::now(), crate::os::print));
}

/// `xCheckRequiresARPResolution` for a received frame on a registered
/// end-point (false for anything but an IPv4 packet).
pub fn check_requires_arp(ep: EndPointRef, frame: &[u8]) -> bool {
    let Some(src) = crate::stack::arp_api::ipv4_source(frame) else { return false };
    with_stack(|g| {
        let i = g.endpoints.iter().position(|e| e.0 == ep.0)?;
        let mut env = KernelEnv { interfaces: &g.interfaces, endpoints: &g.endpoints };
        Some(g.stack.check_requires_arp(i, src, kernel::now(), &mut env))
    })
    .flatten()
    .unwrap_or(false)
}

/// Whether the calling task is the IP task.
pub fn on_ip_task() -> bool {
    let me = kernel::current_task();
    !me.is_null() && me == TASK_HANDLE.load(Ordering::Acquire)
}

/// `xARPWaitResolution`: true once the MAC of `ip` (or of its gateway) is
/// known. Upstream's pacing: a request every 250 ms, at most
/// `ipconfigMAX_ARP_RETRANSMISSIONS`, and at least one 250 ms wait even
/// with a block time of 0; the cache is looked at every 10 ms in between,
/// so the call returns soon after the answer. A request already out for
/// the address (a frame of the stack waits for it) is waited for too.
/// Never blocks the IP task (false at once: it would have to answer).
pub fn wait_resolution(ip: Ipv4Addr, ticks: u32) -> bool {
    if on_ip_task() || !EVENTS.is_ready() {
        return false;
    }
    let still_open = |r: &CacheLookup| r.result == Resolution::Miss || (r.result == Resolution::Failed && r.looked_up.is_some());
    let Some((mut r, _)) = get_cache_entry(ip) else { return false };
    if !still_open(&r) {
        return r.result == Resolution::Hit;
    }
    let step = config::TICK_RATE.ms(250);
    let poll = config::TICK_RATE.ms(10).ticks().max(1);
    let start = kernel::now();
    let budget = ticks.max(step.ticks());
    let mut sent = 0u32;
    let mut next_send = start;
    loop {
        let now = kernel::now();
        let waited = now.elapsed_from(start).ticks();
        if next_send.reached(now) {
            if sent >= config::MAX_ARP_RETRANSMISSIONS.max(1) {
                return false;
            }
            if let Some(target) = r.looked_up {
                super::endpoints::output_arp_request(target);
            }
            sent += 1;
            next_send = now + step;
        }
        if waited >= budget {
            return false;
        }
        kernel::delay(poll.min(budget - waited).min(now.until(next_send).ticks()).max(1));
        let Some((again, _)) = get_cache_entry(ip) else { return false };
        r = again;
        if !still_open(&r) {
            return r.result == Resolution::Hit;
        }
    }
}

/// `vARPGenerateRequestPacket`: an ARP request from the end-point for
/// `target` into `frame`; its length, or None when it does not fit.
pub fn generate_request(ep: EndPointRef, target: Ipv4Addr, frame: &mut [u8]) -> Option<usize> {
    let c = ep.config();
    crate::stack::arp_api::arp_request_frame(c.mac, c.ip, target, frame)
}
