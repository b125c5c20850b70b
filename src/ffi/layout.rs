//! `fptcp_abi_layout`: the library's view of the layout of every C struct it
//! shares with applications and drivers, so a C test can compare it with
//! the compiler's `sizeof`/`offsetof` on the same target. The Rust types are
//! bindgen's reading of our headers; this catches a bindgen run whose flags
//! differ from the C compiler's (e.g. enum size on Cortex-M4).
use core::mem::{offset_of, size_of};

use crate::os::sys;

/// The figures, in this order (the C test lists the same):
/// freertos_sockaddr: size, sin_len, sin_family, sin_port, sin_flowinfo, sin_address;
/// NetworkBufferDescriptor_t: size, xBufferListItem, xIPAddress, pucEthernetBuffer,
///   xDataLength, pxInterface, pxEndPoint, usPort, usBoundPort;
/// NetworkInterface_t: size, pcName, pvArgument, pfInitialise, pfOutput,
///   pfGetPhyLinkStatus, pfAddAllowedMAC, pfRemoveAllowedMAC, pxEndPoint, pxNext;
/// NetworkEndPoint_t: size, ipv4_settings, ipv4_defaults, xMACAddress,
///   pxNetworkInterface, pxNext;
/// IPStackEvent_t: size, eEventType, pvData;
/// IPV4Parameters_t: size, ulIPAddress, ulNetMask, ulGatewayAddress,
///   ulDNSServerAddresses, ulBroadcastAddress, ucDNSIndex.
const FIGURES: [usize; 42] = [
    size_of::<sys::freertos_sockaddr>(),
    offset_of!(sys::freertos_sockaddr, sin_len),
    offset_of!(sys::freertos_sockaddr, sin_family),
    offset_of!(sys::freertos_sockaddr, sin_port),
    offset_of!(sys::freertos_sockaddr, sin_flowinfo),
    offset_of!(sys::freertos_sockaddr, sin_address),
    size_of::<sys::NetworkBufferDescriptor_t>(),
    offset_of!(sys::NetworkBufferDescriptor_t, xBufferListItem),
    offset_of!(sys::NetworkBufferDescriptor_t, xIPAddress),
    offset_of!(sys::NetworkBufferDescriptor_t, pucEthernetBuffer),
    offset_of!(sys::NetworkBufferDescriptor_t, xDataLength),
    offset_of!(sys::NetworkBufferDescriptor_t, pxInterface),
    offset_of!(sys::NetworkBufferDescriptor_t, pxEndPoint),
    offset_of!(sys::NetworkBufferDescriptor_t, usPort),
    offset_of!(sys::NetworkBufferDescriptor_t, usBoundPort),
    size_of::<sys::NetworkInterface_t>(),
    offset_of!(sys::NetworkInterface_t, pcName),
    offset_of!(sys::NetworkInterface_t, pvArgument),
    offset_of!(sys::NetworkInterface_t, pfInitialise),
    offset_of!(sys::NetworkInterface_t, pfOutput),
    offset_of!(sys::NetworkInterface_t, pfGetPhyLinkStatus),
    offset_of!(sys::NetworkInterface_t, pfAddAllowedMAC),
    offset_of!(sys::NetworkInterface_t, pfRemoveAllowedMAC),
    offset_of!(sys::NetworkInterface_t, pxEndPoint),
    offset_of!(sys::NetworkInterface_t, pxNext),
    size_of::<sys::NetworkEndPoint_t>(),
    offset_of!(sys::NetworkEndPoint_t, ipv4_settings),
    offset_of!(sys::NetworkEndPoint_t, ipv4_defaults),
    offset_of!(sys::NetworkEndPoint_t, xMACAddress),
    offset_of!(sys::NetworkEndPoint_t, pxNetworkInterface),
    offset_of!(sys::NetworkEndPoint_t, pxNext),
    size_of::<sys::IPStackEvent_t>(),
    offset_of!(sys::IPStackEvent_t, eEventType),
    offset_of!(sys::IPStackEvent_t, pvData),
    size_of::<sys::IPV4Parameters_t>(),
    offset_of!(sys::IPV4Parameters_t, ulIPAddress),
    offset_of!(sys::IPV4Parameters_t, ulNetMask),
    offset_of!(sys::IPV4Parameters_t, ulGatewayAddress),
    offset_of!(sys::IPV4Parameters_t, ulDNSServerAddresses),
    offset_of!(sys::IPV4Parameters_t, ulBroadcastAddress),
    offset_of!(sys::IPV4Parameters_t, ucDNSIndex),
    0, // end marker
];

/// Writes up to `uxCount` figures into `pulOut`; returns how many exist.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fptcp_abi_layout(pulOut: *mut usize, uxCount: usize) -> usize {
    let n = FIGURES.len() - 1;
    if !pulOut.is_null() {
        for (i, v) in FIGURES.iter().take(n.min(uxCount)).enumerate() {
            // SAFETY: the caller's array has room for uxCount entries.
            unsafe { pulOut.add(i).write(*v) };
        }
    }
    n
}
