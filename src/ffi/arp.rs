//! Upstream's ARP API beyond the requests (`FreeRTOS_ARP.h`; issue #7):
//! validate and convert here, `ip_task::arp` runs the call under the lock.
//!
//! Where upstream asserts or dereferences bad input (NULL pointers, a
//! descriptor that is not one of the pool's in use, an unregistered
//! end-point) these return upstream's "nothing found" value and change
//! nothing (COMPAT.md, deviations "ARP API").
//!
//! `ulARPRemoveCacheEntryByMac` (upstream: `ipconfigUSE_ARP_REMOVE_ENTRY`),
//! `eARPGetCacheEntryByMac` (`ipconfigUSE_ARP_REVERSED_LOOKUP`) and
//! `FreeRTOS_PrintARPCache` (`ipconfigHAS_PRINTF` or `_DEBUG_PRINTF`) are
//! exported in every build; unused, they cost nothing in a firmware
//! (sections are collected).
use core::ptr;

use super::BaseType_t;
use crate::ip_task::arp;
use crate::os::netbuf;
use crate::os::netif::{self, addr_from_c, addr_to_c, EndPointRef};
use crate::os::sys;
use crate::stack::arp_api::Resolution;
use crate::wire::MacAddr;

fn c_result(r: Resolution) -> sys::eResolutionLookupResult_t {
    match r {
        Resolution::Miss => sys::eResolutionCacheMiss,
        Resolution::Hit => sys::eResolutionCacheHit,
        Resolution::Failed => sys::eResolutionFailed,
    }
}

/// The MAC a caller passed (None for NULL).
fn mac_in(p: *const sys::MACAddress_t) -> Option<MacAddr> {
    // SAFETY: a non-NULL pointer from the caller to a MACAddress_t.
    (!p.is_null()).then(|| MacAddr(unsafe { p.read_unaligned() }.ucBytes))
}

/// A registered end-point (None for NULL or anything else).
fn registered(ep: *const sys::NetworkEndPoint_t) -> Option<EndPointRef> {
    if ep.is_null() {
        return None;
    }
    // SAFETY: a plain read of the list head; the list holds end-points
    // registered with FreeRTOS_AddEndPoint, alive for the program's
    // lifetime, and is only walked (the pointer is compared, never read).
    let head = unsafe { *ptr::addr_of!(super::ip::pxNetworkEndPoints) };
    // SAFETY: as above.
    unsafe { netif::endpoints(head) }.find(|e| ptr::eq(e.0, ep))
}

/// `eARPGetCacheEntry`: upstream's look-up (loopback, multicast, broadcast,
/// on-link, else the gateway, whose address then replaces `*pulIPAddress`).
/// A NULL argument, or a call before `FreeRTOS_IPInit_Multi`, gives
/// `eResolutionFailed` with nothing written but `*ppxEndPoint` = NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn eARPGetCacheEntry(
    pulIPAddress: *mut u32,
    pxMACAddress: *mut sys::MACAddress_t,
    ppxEndPoint: *mut *mut sys::NetworkEndPoint_t,
) -> sys::eResolutionLookupResult_t {
    if !ppxEndPoint.is_null() {
        // SAFETY: a writable pointer from the caller.
        unsafe { ppxEndPoint.write_unaligned(ptr::null_mut()) };
    }
    if pulIPAddress.is_null() || pxMACAddress.is_null() || ppxEndPoint.is_null() {
        return sys::eResolutionFailed;
    }
    // SAFETY: a readable uint32_t from the caller.
    let ip = addr_from_c(unsafe { pulIPAddress.read_unaligned() });
    let Some((r, ep)) = arp::get_cache_entry(ip) else { return sys::eResolutionFailed };
    // SAFETY: writable pointers from the caller (checked non-NULL above).
    unsafe {
        if r.result == Resolution::Hit {
            pxMACAddress.write_unaligned(sys::MACAddress_t { ucBytes: r.mac.0 });
        }
        if let Some(a) = r.looked_up {
            pulIPAddress.write_unaligned(addr_to_c(a));
        }
        ppxEndPoint.write_unaligned(ep.map_or(ptr::null_mut(), |e| e.0));
    }
    c_result(r.result)
}

/// `eARPGetCacheEntryByMac`: the address of a live entry with that MAC
/// and (if `ppxInterface` is not NULL) the interface of the end-point
/// whose subnet holds it. NULL MAC or address pointer: a miss.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn eARPGetCacheEntryByMac(
    pxMACAddress: *const sys::MACAddress_t,
    pulIPAddress: *mut u32,
    ppxInterface: *mut *mut sys::NetworkInterface_t,
) -> sys::eResolutionLookupResult_t {
    if !ppxInterface.is_null() {
        // SAFETY: a writable pointer from the caller.
        unsafe { ppxInterface.write_unaligned(ptr::null_mut()) };
    }
    let (Some(mac), false) = (mac_in(pxMACAddress), pulIPAddress.is_null()) else { return sys::eResolutionCacheMiss };
    let Some((ip, iface)) = arp::lookup_by_mac(mac) else { return sys::eResolutionCacheMiss };
    // SAFETY: writable pointers from the caller.
    unsafe {
        pulIPAddress.write_unaligned(addr_to_c(ip));
        if !ppxInterface.is_null() {
            ppxInterface.write_unaligned(iface.map_or(ptr::null_mut(), |i| i.0));
        }
    }
    sys::eResolutionCacheHit
}

/// `ulARPRemoveCacheEntryByMac`: the removed entry's address, 0 when none
/// (also for NULL, where upstream asserts).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ulARPRemoveCacheEntryByMac(pxMACAddress: *const sys::MACAddress_t) -> u32 {
    mac_in(pxMACAddress).and_then(arp::remove_by_mac).map_or(0, addr_to_c)
}

/// `vARPRefreshCacheEntry`: stores the pair (NULL MAC: marks the address
/// as being resolved) when the address is on an end-point's subnet. Our
/// entries do not record an end-point, so `pxEndPoint` is not used.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vARPRefreshCacheEntry(
    pxMACAddress: *const sys::MACAddress_t,
    ulIPAddress: u32,
    pxEndPoint: *mut sys::NetworkEndPoint_t,
) {
    let _ = pxEndPoint;
    arp::refresh_entry(mac_in(pxMACAddress), addr_from_c(ulIPAddress));
}

/// `vARPRefreshCacheEntryAge`: a live entry with this address and MAC
/// lives its full time again; nothing for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vARPRefreshCacheEntryAge(pxMACAddress: *const sys::MACAddress_t, ulIPAddress: u32) {
    if let Some(mac) = mac_in(pxMACAddress) {
        arp::refresh_age(mac, addr_from_c(ulIPAddress));
    }
}

/// `vARPAgeCache`: the cache's periodic work done now, from the calling
/// task (the IP task does it on its own anyway).
#[unsafe(no_mangle)]
pub extern "C" fn vARPAgeCache() {
    arp::age();
}

/// `vARPSendGratuitous`: asks the IP task to announce every end-point
/// that is up and has an address (an ARP request for its own address).
#[unsafe(no_mangle)]
pub extern "C" fn vARPSendGratuitous() {
    arp::request_gratuitous();
}

/// `xARPWaitResolution`: 0 once the MAC of the address (or of its
/// gateway) is known, else `-pdFREERTOS_ERRNO_EADDRNOTAVAIL` (also from
/// the IP task, where upstream asserts, and before start-up).
#[unsafe(no_mangle)]
pub extern "C" fn xARPWaitResolution(ulIPAddress: u32, uxTicksToWait: sys::TickType_t) -> BaseType_t {
    let ticks = crate::os::kernel::block_time(uxTicksToWait).unwrap_or(u32::MAX);
    if arp::wait_resolution(addr_from_c(ulIPAddress), ticks) {
        0
    } else {
        -(super::errno::value::EADDRNOTAVAIL as BaseType_t)
    }
}

/// `FreeRTOS_PrintARPCache`: the live entries through `FreeRTOS_printf`.
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_PrintARPCache() {
    arp::print_cache();
}

/// `xCheckRequiresARPResolution`: for a received IPv4 packet whose source
/// is on its end-point's subnet but not in the cache, sends an ARP request
/// and returns pdTRUE. pdFALSE for anything else, including a descriptor
/// that is not one of the pool's in use or has no registered end-point
/// (upstream dereferences them).
#[unsafe(no_mangle)]
pub extern "C" fn xCheckRequiresARPResolution(pxNetworkBuffer: *const sys::NetworkBufferDescriptor_t) -> BaseType_t {
    let d = pxNetworkBuffer.cast_mut();
    if netbuf::frame_start(d).is_none() {
        return 0;
    }
    // SAFETY: one of the pool's descriptors in use (checked above): its
    // fields may be read.
    let Some(ep) = registered(unsafe { (*d).pxEndPoint }) else { return 0 };
    netbuf::with_frame(d, |frame, _| arp::check_requires_arp(ep, frame)).unwrap_or(false) as BaseType_t
}

/// `vARPGenerateRequestPacket`: writes an ARP request for
/// `xIPAddress.ulIP_IPv4` from `pxEndPoint` into the buffer and sets
/// `xDataLength` to 42. Nothing happens for a descriptor that is not one
/// of the pool's in use, without a registered end-point, or with
/// `xDataLength` below 42 (upstream asserts on all three).
#[unsafe(no_mangle)]
pub extern "C" fn vARPGenerateRequestPacket(pxNetworkBuffer: *mut sys::NetworkBufferDescriptor_t) {
    let d = pxNetworkBuffer;
    if netbuf::frame_start(d).is_none() {
        return;
    }
    // SAFETY: one of the pool's descriptors in use (checked above): its
    // fields may be read.
    let (ep, target) = unsafe { ((*d).pxEndPoint, (*d).xIPAddress.ulIP_IPv4) };
    let Some(ep) = registered(ep) else { return };
    let mut holder = ();
    let Some(frame) = netbuf::held_frame_mut(d, &mut holder) else { return };
    if let Some(n) = arp::generate_request(ep, addr_from_c(target), frame) {
        // SAFETY: as above; the caller holds the descriptor.
        unsafe { (*d).xDataLength = n as _ };
    }
}
