//! The remaining public helpers of issue #7: `vPrintResourceStats`
//! (`FreeRTOS_IP.h`), `xBadIPv4Loopback` (`FreeRTOS_IPv4.h`),
//! `xCheckRequiresResolution` and `pxGetSocketEndpoint`
//! (`FreeRTOS_Routing.h`).
use core::ptr;

use super::{BaseType_t, ConstSocket_t};
use crate::addr;
use crate::ip_task;
use crate::os::netif::{self, addr_from_c};
use crate::os::sys;

/// `vPrintResourceStats`: "Network buffers: FREE lowest MIN" through
/// `FreeRTOS_printf` when the lowest count of free network buffers went
/// down since the last call, as upstream. Upstream's heap line is not
/// printed: the kernel's heap statistics do not exist in every heap scheme
/// (heap_3 has none), and the library must link with all of them.
#[unsafe(no_mangle)]
pub extern "C" fn vPrintResourceStats() {
    ip_task::resources::print_resource_stats();
}

/// `xBadIPv4Loopback`: pdTRUE when exactly one of the header's source and
/// destination is a loopback address (127/8), which RFC 1122 §3.2.1.3
/// forbids on a wire. pdFALSE for NULL (upstream dereferences it).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn xBadIPv4Loopback(pxIPHeader: *const sys::IPHeader_t) -> BaseType_t {
    if pxIPHeader.is_null() {
        return 0;
    }
    // SAFETY: a non-NULL pointer from the caller to an IPv4 header (packed:
    // the fields are read unaligned).
    let (src, dst) = unsafe {
        (
            ptr::addr_of!((*pxIPHeader).ulSourceIPAddress).read_unaligned(),
            ptr::addr_of!((*pxIPHeader).ulDestinationIPAddress).read_unaligned(),
        )
    };
    (addr::is_ipv4_loopback(addr_from_c(src)) != addr::is_ipv4_loopback(addr_from_c(dst))) as BaseType_t
}

/// `xCheckRequiresResolution`: for an IPv4 frame, `xCheckRequiresARPResolution`
/// (this build has no IPv6, so no neighbour discovery).
#[unsafe(no_mangle)]
pub extern "C" fn xCheckRequiresResolution(pxNetworkBuffer: *const sys::NetworkBufferDescriptor_t) -> BaseType_t {
    super::arp::xCheckRequiresARPResolution(pxNetworkBuffer)
}

/// `pxGetSocketEndpoint`: the registered end-point whose address is the
/// socket's local address (the address it was bound to, or the one its
/// connection uses); NULL for a socket bound to 0.0.0.0 and not connected,
/// and for a bad or closed handle (upstream dereferences those).
#[unsafe(no_mangle)]
pub extern "C" fn pxGetSocketEndpoint(xSocket: ConstSocket_t) -> *mut sys::NetworkEndPoint_t {
    // Through the export (a second caller of `socket::local_address` made
    // LLVM keep it out of line in every firmware).
    let mut a = sys::freertos_sockaddr::default();
    // SAFETY: `a` is a valid, writable sockaddr; the handle is checked there.
    if unsafe { super::sockets::FreeRTOS_GetLocalAddress(xSocket, &mut a) } == 0 {
        return ptr::null_mut();
    }
    // SAFETY: the IPv4 member of the union, written by the call above
    // (and zeroed before it).
    let ip = unsafe { a.sin_address.ulIP_IPv4 };
    if ip == 0 {
        return ptr::null_mut();
    }
    // SAFETY: a plain read of the list head; the list holds end-points
    // registered with FreeRTOS_AddEndPoint, alive for the program's lifetime.
    let head = unsafe { *ptr::addr_of!(super::ip::pxNetworkEndPoints) };
    // SAFETY: as above.
    unsafe { netif::endpoints(head) }.find(|e| e.config().ip == addr_from_c(ip)).map_or(ptr::null_mut(), |e| e.0)
}
