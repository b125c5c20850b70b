//! End-point queries and settings, and the ARP calls of the API
//! (reference §1.5; upstream `FreeRTOS_Routing.c`, `FreeRTOS_IP.c`,
//! `FreeRTOS_IPv4.c`, `FreeRTOS_ARP.c`).
//!
//! The end-points are the application's C structs, linked from
//! `pxNetworkEndPoints`; queries read them as upstream does. Setters write
//! the C struct and, once the stack runs, the stack's own copy of the
//! end-point (`Stack::endpoints`, same order as the C list) under the
//! stack's lock, so the IP task sees the new address at its next event.
//! Called from inside the stack (a hook that holds the lock) or before
//! `FreeRTOS_IPInit_Multi`, a setter writes the C struct only; the stack
//! copies it at start-up.
//!
//! IPv4 only: end-points with `bits.bIPv6` set are skipped where upstream
//! skips them.
use core::ffi::c_char;
use core::ptr;
use core::sync::atomic::Ordering;

use super::BaseType_t;
use crate::os::netif::{self, addr_from_c, EndPointRef};
use crate::os::sys;
use crate::ip_task;
use crate::addr;
use crate::text::Text;

fn endpoints_head() -> *mut sys::NetworkEndPoint_t {
    // SAFETY: a plain read of the list head (written only before start-up).
    unsafe { *ptr::addr_of!(super::ip::pxNetworkEndPoints) }
}

/// The registered end-points, in list order.
fn endpoints() -> impl Iterator<Item = EndPointRef> {
    // SAFETY: the list holds end-points registered with FreeRTOS_AddEndPoint,
    // alive for the program's lifetime.
    unsafe { netif::endpoints(endpoints_head()) }
}

fn or_null(e: Option<EndPointRef>) -> *mut sys::NetworkEndPoint_t {
    e.map_or(ptr::null_mut(), |e| e.0)
}

/// The end-point's `ipv4_settings`, copied.
fn settings(e: EndPointRef) -> sys::IPV4Parameters_t {
    // SAFETY: a registered end-point (or one the caller passed, which the
    // prototype requires to be valid).
    unsafe { (*e.0).ipv4_settings }
}

/// upstream's `ENDPOINT_IS_IPv4`: not NULL and not an IPv6 end-point.
///
/// # Safety
/// `ep` must be NULL or point to a valid end-point.
unsafe fn is_ipv4(ep: *const sys::NetworkEndPoint_t) -> bool {
    // SAFETY: per the contract.
    !ep.is_null() && unsafe { (*ep).bits.bIPv6() } == 0
}

fn on_interface(e: EndPointRef, iface: *const sys::NetworkInterface_t) -> bool {
    iface.is_null() || ptr::eq(e.config().interface, iface)
}

/// Changes an end-point: the C struct, then the running stack's copy.
///
/// # Safety
/// `ep` must point to a valid end-point that stays alive.
unsafe fn update_endpoint(ep: *mut sys::NetworkEndPoint_t, change: impl Fn(&mut sys::NetworkEndPoint_t)) {
    // SAFETY: per the contract; `ip_task` runs this under the stack's lock,
    // so the IP task does not read the struct meanwhile.
    let write = || change(unsafe { &mut *ep });
    if !ip_task::endpoints::update_endpoint(EndPointRef(ep), write) {
        // SAFETY: per the contract; the stack is not running, or this task
        // already holds its lock.
        change(unsafe { &mut *ep });
    }
}

/// `FreeRTOS_GetEndPointConfiguration`: the end-point's IPv4 settings
/// (network order) into each non-NULL pointer; nothing for NULL or an IPv6
/// end-point. Only the first DNS server is returned, as upstream.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_GetEndPointConfiguration(
    pulIPAddress: *mut u32,
    pulNetMask: *mut u32,
    pulGatewayAddress: *mut u32,
    pulDNSServerAddress: *mut u32,
    pxEndPoint: *const sys::NetworkEndPoint_t,
) {
    // SAFETY: the caller passes NULL or a valid end-point.
    if !unsafe { is_ipv4(pxEndPoint) } {
        return;
    }
    let s = settings(EndPointRef(pxEndPoint.cast_mut()));
    let values = [
        (pulIPAddress, s.ulIPAddress),
        (pulNetMask, s.ulNetMask),
        (pulGatewayAddress, s.ulGatewayAddress),
        (pulDNSServerAddress, s.ulDNSServerAddresses[0]),
    ];
    for (dst, v) in values {
        if !dst.is_null() {
            // SAFETY: a non-NULL pointer from the caller to a uint32_t.
            unsafe { dst.write_unaligned(v) };
        }
    }
}

/// `FreeRTOS_SetEndPointConfiguration`: sets each value whose pointer is
/// not NULL (network order; only the first DNS server), on the end-point
/// and in the running stack. As upstream, the broadcast address
/// (`ulBroadcastAddress`) and `ipv4_defaults` are left alone.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_SetEndPointConfiguration(
    pulIPAddress: *const u32,
    pulNetMask: *const u32,
    pulGatewayAddress: *const u32,
    pulDNSServerAddress: *const u32,
    pxEndPoint: *mut sys::NetworkEndPoint_t,
) {
    // SAFETY: the caller passes NULL or a valid end-point.
    if !unsafe { is_ipv4(pxEndPoint) } {
        return;
    }
    // SAFETY: each pointer is NULL or points to a uint32_t.
    let read = |p: *const u32| (!p.is_null()).then(|| unsafe { p.read_unaligned() });
    let (ip, mask, gw, dns) = (read(pulIPAddress), read(pulNetMask), read(pulGatewayAddress), read(pulDNSServerAddress));
    // SAFETY: a valid end-point (checked above).
    unsafe {
        update_endpoint(pxEndPoint, |e| {
            let s = &mut e.ipv4_settings;
            if let Some(v) = ip {
                s.ulIPAddress = v;
            }
            if let Some(v) = mask {
                s.ulNetMask = v;
            }
            if let Some(v) = gw {
                s.ulGatewayAddress = v;
            }
            if let Some(v) = dns {
                s.ulDNSServerAddresses[0] = v;
            }
        })
    };
}

/// `FreeRTOS_FindEndPointOnIP_IPv4`: the first end-point with this address
/// (network order); 0 matches the first end-point.
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_FindEndPointOnIP_IPv4(ulIPAddress: u32) -> *mut sys::NetworkEndPoint_t {
    or_null(endpoints().find(|&e| ulIPAddress == 0 || settings(e).ulIPAddress == ulIPAddress))
}

/// `FreeRTOS_FindEndPointOnMAC`: the first end-point with this MAC, on
/// `pxInterface` (any when NULL); NULL for a NULL MAC.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_FindEndPointOnMAC(pxMACAddress: *const sys::MACAddress_t, pxInterface: *const sys::NetworkInterface_t) -> *mut sys::NetworkEndPoint_t {
    if pxMACAddress.is_null() {
        return ptr::null_mut();
    }
    // SAFETY: the caller passes a valid MAC address.
    let mac = unsafe { (*pxMACAddress).ucBytes };
    or_null(endpoints().find(|&e| on_interface(e, pxInterface) && e.config().mac.0 == mac))
}

/// `FreeRTOS_InterfaceEndPointOnNetMask`: the first end-point of
/// `pxInterface` (any when NULL) whose subnet holds the address; the
/// address 255.255.255.255 matches the first.
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_InterfaceEndPointOnNetMask(pxInterface: *const sys::NetworkInterface_t, ulIPAddress: u32) -> *mut sys::NetworkEndPoint_t {
    let target = addr_from_c(ulIPAddress);
    or_null(endpoints().find(|&e| {
        let s = settings(e);
        on_interface(e, pxInterface) && addr::on_netmask(addr_from_c(s.ulIPAddress), addr_from_c(s.ulNetMask), target)
    }))
}

/// `FreeRTOS_FindEndPointOnNetMask`: the same on every interface.
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_FindEndPointOnNetMask(ulIPAddress: u32) -> *mut sys::NetworkEndPoint_t {
    FreeRTOS_InterfaceEndPointOnNetMask(ptr::null(), ulIPAddress)
}

/// `FreeRTOS_FindGateWay`: the first end-point with a gateway. In this
/// IPv4-only build the type is not looked at, as upstream's IPv4 build.
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_FindGateWay(xIPType: BaseType_t) -> *mut sys::NetworkEndPoint_t {
    let _ = xIPType;
    or_null(endpoints().find(|&e| settings(e).ulGatewayAddress != 0))
}

/// `FreeRTOS_IsEndPointUp`: the end-point's up bit; with NULL, whether all
/// end-points are up.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_IsEndPointUp(pxEndPoint: *const sys::NetworkEndPoint_t) -> BaseType_t {
    if pxEndPoint.is_null() {
        return FreeRTOS_AllEndPointsUp(ptr::null());
    }
    // SAFETY: the caller passes a valid end-point.
    unsafe { (*pxEndPoint).bits.bEndPointUp() as BaseType_t }
}

/// `FreeRTOS_AllEndPointsUp`: pdTRUE when every end-point of the interface
/// (of all interfaces with NULL) is up; pdTRUE when there are none.
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_AllEndPointsUp(pxInterface: *const sys::NetworkInterface_t) -> BaseType_t {
    // SAFETY: registered end-points.
    endpoints().filter(|&e| on_interface(e, pxInterface)).all(|e| unsafe { (*e.0).bits.bEndPointUp() } != 0) as BaseType_t
}

/// `xIPIsNetworkTaskReady`: pdTRUE once the IP task runs.
#[unsafe(no_mangle)]
pub extern "C" fn xIPIsNetworkTaskReady() -> BaseType_t {
    ip_task::TASK_READY.load(Ordering::Acquire) as BaseType_t
}

/// `xIsIPv4Broadcast`: pdTRUE for 255.255.255.255 or the broadcast address
/// (`ulBroadcastAddress`) of an end-point; then `*ppxEndPoint` (if not
/// NULL) is that end-point, or for 255.255.255.255 the first end-point
/// (NULL when there is none). Untouched when the result is pdFALSE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn xIsIPv4Broadcast(ulIPAddress: u32, ppxEndPoint: *mut *mut sys::NetworkEndPoint_t) -> BaseType_t {
    let limited = ulIPAddress == u32::MAX;
    let found = endpoints().find(|&e| limited || settings(e).ulBroadcastAddress == ulIPAddress);
    let broadcast = limited || found.is_some();
    if broadcast && !ppxEndPoint.is_null() {
        // SAFETY: the caller passes NULL or a writable pointer.
        unsafe { *ppxEndPoint = or_null(found) };
    }
    broadcast as BaseType_t
}

/// `pcEndpointName`: the end-point's IPv4 address as text in `pcBuffer`
/// ("NULL" for a NULL or IPv6 end-point, truncated like `snprintf`);
/// when `uxSize` is below 16 an address is not written at all, as
/// upstream's `FreeRTOS_inet_ntop`. Returns `pcBuffer`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn pcEndpointName(pxEndPoint: *const sys::NetworkEndPoint_t, pcBuffer: *mut c_char, uxSize: usize) -> *const c_char {
    if pcBuffer.is_null() {
        return pcBuffer;
    }
    // SAFETY: the caller passes NULL or a valid end-point.
    if unsafe { is_ipv4(pxEndPoint) } {
        if uxSize >= addr::IPV4_TEXT_LEN {
            let ip = settings(EndPointRef(pxEndPoint.cast_mut())).ulIPAddress;
            // SAFETY: the buffer holds uxSize >= 16 bytes.
            unsafe { super::util::FreeRTOS_inet_ntoa(ip, pcBuffer) };
        }
    } else {
        // SAFETY: the caller's buffer holds uxSize bytes (clamped, os::mem).
        if let Some(buf) = unsafe { crate::os::mem::slice_from_c_mut(pcBuffer.cast::<u8>(), uxSize) } {
            Text::c_string(buf).str("NULL").terminate();
        }
    }
    pcBuffer
}

fn first_endpoint() -> Option<EndPointRef> {
    endpoints().next()
}

/// `FreeRTOS_GetIPAddress`: the first end-point's address, or its default
/// address while the current one is 0; 0 without end-points.
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_GetIPAddress() -> u32 {
    first_endpoint().map_or(0, |e| {
        let now = settings(e).ulIPAddress;
        // SAFETY: a registered end-point.
        if now != 0 { now } else { unsafe { (*e.0).ipv4_defaults.ulIPAddress } }
    })
}

/// `FreeRTOS_GetNetmask` (first end-point; 0 without end-points).
// COMPAT: upstream V4 defines this only with ipconfigIPv4_BACKWARD_COMPATIBLE 1.
#[cfg(fptcp_backward_compatible)]
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_GetNetmask() -> u32 {
    first_endpoint().map_or(0, |e| settings(e).ulNetMask)
}

/// `FreeRTOS_GetGatewayAddress` (first end-point).
// COMPAT: upstream V4 defines this only with ipconfigIPv4_BACKWARD_COMPATIBLE 1.
#[cfg(fptcp_backward_compatible)]
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_GetGatewayAddress() -> u32 {
    first_endpoint().map_or(0, |e| settings(e).ulGatewayAddress)
}

/// `FreeRTOS_GetDNSServerAddress` (first end-point, first server).
// COMPAT: upstream V4 defines this only with ipconfigIPv4_BACKWARD_COMPATIBLE 1.
#[cfg(fptcp_backward_compatible)]
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_GetDNSServerAddress() -> u32 {
    first_endpoint().map_or(0, |e| settings(e).ulDNSServerAddresses[0])
}

/// Changes the first end-point (nothing without end-points).
#[cfg(fptcp_backward_compatible)]
fn update_first(change: impl Fn(&mut sys::NetworkEndPoint_t)) {
    if let Some(e) = first_endpoint() {
        // SAFETY: a registered end-point.
        unsafe { update_endpoint(e.0, change) };
    }
}

/// `FreeRTOS_SetIPAddress` (first end-point, and the running stack).
// COMPAT: upstream V4 defines this only with ipconfigIPv4_BACKWARD_COMPATIBLE 1.
#[cfg(fptcp_backward_compatible)]
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_SetIPAddress(ulIPAddress: u32) {
    update_first(|e| e.ipv4_settings.ulIPAddress = ulIPAddress);
}

/// `FreeRTOS_SetNetmask` (first end-point, and the running stack).
// COMPAT: upstream V4 defines this only with ipconfigIPv4_BACKWARD_COMPATIBLE 1.
#[cfg(fptcp_backward_compatible)]
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_SetNetmask(ulNetmask: u32) {
    update_first(|e| e.ipv4_settings.ulNetMask = ulNetmask);
}

/// `FreeRTOS_SetGatewayAddress` (first end-point, and the running stack).
// COMPAT: upstream V4 defines this only with ipconfigIPv4_BACKWARD_COMPATIBLE 1.
#[cfg(fptcp_backward_compatible)]
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_SetGatewayAddress(ulGatewayAddress: u32) {
    update_first(|e| e.ipv4_settings.ulGatewayAddress = ulGatewayAddress);
}

/// `FreeRTOS_GetMACAddress`: the first end-point's MAC (6 bytes inside the
/// end-point), NULL without end-points.
// COMPAT: upstream V4 defines this only with ipconfigIPv4_BACKWARD_COMPATIBLE 1.
#[cfg(fptcp_backward_compatible)]
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_GetMACAddress() -> *const u8 {
    // SAFETY: a registered end-point; only the field's address is taken.
    first_endpoint().map_or(ptr::null(), |e| unsafe { ptr::addr_of!((*e.0).xMACAddress.ucBytes) }.cast())
}

/// `FreeRTOS_UpdateMACAddress`: the first end-point's MAC, used by the stack
/// for the frames it sends from then on. As upstream, the driver is not
/// told (its hardware filter may need the new address too).
// COMPAT: upstream V4 defines this only with ipconfigIPv4_BACKWARD_COMPATIBLE 1.
#[cfg(fptcp_backward_compatible)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_UpdateMACAddress(ucMACAddress: *const u8) {
    if ucMACAddress.is_null() {
        return;
    }
    let mut mac = [0u8; 6];
    // SAFETY: the caller passes 6 readable bytes.
    unsafe { ptr::copy_nonoverlapping(ucMACAddress, mac.as_mut_ptr(), 6) };
    update_first(|e| e.xMACAddress.ucBytes = mac);
}

#[cfg(fptcp_backward_compatible)]
mod legacy {
    use super::*;

    /// `FreeRTOS_GetAddressConfiguration` (`ipconfigIPv4_BACKWARD_COMPATIBLE`):
    /// `FreeRTOS_GetEndPointConfiguration` of the first end-point.
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn FreeRTOS_GetAddressConfiguration(
        pulIPAddress: *mut u32,
        pulNetMask: *mut u32,
        pulGatewayAddress: *mut u32,
        pulDNSServerAddress: *mut u32,
    ) {
        if let Some(e) = first_endpoint() {
            // SAFETY: same contract; a registered end-point.
            unsafe { FreeRTOS_GetEndPointConfiguration(pulIPAddress, pulNetMask, pulGatewayAddress, pulDNSServerAddress, e.0) };
        }
    }

    /// `FreeRTOS_SetAddressConfiguration` (`ipconfigIPv4_BACKWARD_COMPATIBLE`):
    /// `FreeRTOS_SetEndPointConfiguration` of the first end-point.
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn FreeRTOS_SetAddressConfiguration(
        pulIPAddress: *const u32,
        pulNetMask: *const u32,
        pulGatewayAddress: *const u32,
        pulDNSServerAddress: *const u32,
    ) {
        if let Some(e) = first_endpoint() {
            // SAFETY: same contract; a registered end-point.
            unsafe { FreeRTOS_SetEndPointConfiguration(pulIPAddress, pulNetMask, pulGatewayAddress, pulDNSServerAddress, e.0) };
        }
    }
}

// ------------------------------------------------------------------ ARP

/// `FreeRTOS_OutputARPRequest`: one ARP request for the address (network
/// order) from the end-point whose subnet holds it (nothing if there is
/// none or its address is 0). Sent at once from the calling task, under
/// the stack's lock; upstream hands the frame to the IP task instead.
/// Nothing happens before `FreeRTOS_IPInit_Multi`.
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_OutputARPRequest(ulIPAddress: u32) {
    ip_task::endpoints::output_arp_request(addr_from_c(ulIPAddress));
}

/// `FreeRTOS_OutputARPRequest_Multi`: the same from a given end-point
/// (nothing for NULL, an IPv6 or unregistered end-point, or one whose
/// address is 0).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_OutputARPRequest_Multi(pxEndPoint: *mut sys::NetworkEndPoint_t, ulIPAddress: u32) {
    // SAFETY: the caller passes NULL or a valid end-point.
    if !unsafe { is_ipv4(pxEndPoint) } || settings(EndPointRef(pxEndPoint)).ulIPAddress == 0 {
        return;
    }
    ip_task::endpoints::output_arp_request_from(EndPointRef(pxEndPoint), addr_from_c(ulIPAddress));
}

/// `FreeRTOS_ClearARP`: empties the ARP cache. Our cache does not record
/// which end-point learnt an entry, so a registered end-point clears all of
/// it, as NULL does (the entries are learnt again as needed); an
/// unregistered end-point clears nothing.
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_ClearARP(pxEndPoint: *const sys::NetworkEndPoint_t) {
    let ep = (!pxEndPoint.is_null()).then_some(EndPointRef(pxEndPoint.cast_mut()));
    ip_task::endpoints::clear_arp(ep);
}

/// `xIsIPInARPCache`: pdTRUE when the cache holds a live entry for the
/// address (network order); pdFALSE for one still being resolved, and
/// before start-up.
#[unsafe(no_mangle)]
pub extern "C" fn xIsIPInARPCache(ulAddressToLookup: u32) -> BaseType_t {
    ip_task::endpoints::arp_has(addr_from_c(ulAddressToLookup)) as BaseType_t
}

