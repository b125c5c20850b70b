//! The application's network interfaces and end-points (C structs it owns,
//! reference §6.1) and the calls into drivers.
//!
//! Interfaces and end-points are registered before `FreeRTOS_IPInit_Multi`
//! (from `main`, before the scheduler runs), as upstream requires; the
//! lists are the exported globals `pxNetworkInterfaces`/`pxNetworkEndPoints`
//! that applications walk themselves.
use core::ptr;

use super::netbuf;
use super::sys;
use crate::wire::{Ipv4Addr, MacAddr};

pub type Interface = sys::NetworkInterface_t;
pub type EndPoint = sys::NetworkEndPoint_t;

/// A registered interface, as the runtime keeps it.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct InterfaceRef(pub *mut Interface);
// SAFETY: the application gives the interface struct to the stack for the
// program's lifetime; drivers are called from one task at a time (the
// stack's lock is held around output).
unsafe impl Send for InterfaceRef {}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct EndPointRef(pub *mut EndPoint);
// SAFETY: as for InterfaceRef.
unsafe impl Send for EndPointRef {}

/// What the stack needs to know of an end-point.
#[derive(Copy, Clone, Debug)]
pub struct EndPointConfig {
    pub ip: Ipv4Addr,
    pub netmask: Ipv4Addr,
    pub gateway: Ipv4Addr,
    pub dns: Ipv4Addr,
    pub mac: MacAddr,
    pub interface: *mut Interface,
}

/// Network-order `uint32_t` (as stored in the C structs) to an address.
pub fn addr_from_c(v: u32) -> Ipv4Addr {
    Ipv4Addr(v.to_ne_bytes())
}

pub fn addr_to_c(a: Ipv4Addr) -> u32 {
    u32::from_ne_bytes(a.0)
}

/// The C structs that form the application's singly linked lists.
trait Linked {
    fn next_field(&mut self) -> &mut *mut Self;
}

impl Linked for Interface {
    fn next_field(&mut self) -> &mut *mut Self {
        &mut self.pxNext
    }
}

impl Linked for EndPoint {
    fn next_field(&mut self) -> &mut *mut Self {
        &mut self.pxNext
    }
}

/// The longest list walked: a corrupt (cyclic) list ends the walk there.
const MAX_LIST: usize = 64;

/// Walks a list from `first`.
///
/// # Safety
/// Every element must be a registered, live struct of the list.
unsafe fn walk<T: Linked>(first: *mut T) -> impl Iterator<Item = *mut T> {
    let mut cur = first;
    let mut seen = 0usize;
    core::iter::from_fn(move || {
        if cur.is_null() || seen >= MAX_LIST {
            return None;
        }
        seen += 1;
        let this = cur;
        // SAFETY: per the function's contract.
        cur = unsafe { *(*cur).next_field() };
        Some(this)
    })
}

/// Appends `item` to the list at `*head` unless it is already there;
/// returns whether it was appended.
///
/// # Safety
/// `head` must be the list head and `item` a live struct that stays alive.
unsafe fn append<T: Linked>(head: *mut *mut T, item: *mut T) -> bool {
    // SAFETY: per the contract.
    unsafe {
        let mut link = head;
        let mut seen = 0;
        while !(*link).is_null() && seen < MAX_LIST {
            if *link == item {
                return false;
            }
            link = (**link).next_field();
            seen += 1;
        }
        *(*item).next_field() = ptr::null_mut();
        *link = item;
    }
    true
}

/// Walks the interface list.
///
/// # Safety
/// The list must be made of interfaces registered through
/// `FreeRTOS_AddNetworkInterface`, alive for the program's lifetime.
pub unsafe fn interfaces(first: *mut Interface) -> impl Iterator<Item = InterfaceRef> {
    // SAFETY: per the function's contract.
    unsafe { walk(first) }.map(InterfaceRef)
}

/// Walks the end-point list (same contract as `interfaces`).
///
/// # Safety
/// See `interfaces`.
pub unsafe fn endpoints(first: *mut EndPoint) -> impl Iterator<Item = EndPointRef> {
    // SAFETY: per the function's contract.
    unsafe { walk(first) }.map(EndPointRef)
}

impl EndPointRef {
    /// The end-point's current IPv4 settings.
    pub fn config(self) -> EndPointConfig {
        // SAFETY: a registered end-point lives for the program's lifetime.
        let ep = unsafe { &*self.0 };
        EndPointConfig {
            ip: addr_from_c(ep.ipv4_settings.ulIPAddress),
            netmask: addr_from_c(ep.ipv4_settings.ulNetMask),
            gateway: addr_from_c(ep.ipv4_settings.ulGatewayAddress),
            dns: addr_from_c(ep.ipv4_settings.ulDNSServerAddresses[0]),
            mac: MacAddr(ep.xMACAddress.ucBytes),
            interface: ep.pxNetworkInterface,
        }
    }

    pub fn set_up(self, up: bool) {
        // SAFETY: as above; the IP task alone writes this bit after start.
        unsafe { (*self.0).bits.set_bEndPointUp(up as u32) };
    }

    /// The static configuration (`ipv4_defaults`): ip, mask, gateway, DNS.
    pub fn defaults(self) -> [Ipv4Addr; 4] {
        // SAFETY: a registered end-point lives for the program's lifetime.
        let d = unsafe { &(*self.0).ipv4_defaults };
        [d.ulIPAddress, d.ulNetMask, d.ulGatewayAddress, d.ulDNSServerAddresses[0]].map(addr_from_c)
    }

    /// Whether the application set `bits.bWantDHCP` (the bit exists only
    /// with `ipconfigUSE_DHCP`).
    pub fn wants_dhcp(self) -> bool {
        #[cfg(fptcp_dhcp)]
        {
            // SAFETY: as above.
            unsafe { (*self.0).bits.bWantDHCP() != 0 }
        }
        #[cfg(not(fptcp_dhcp))]
        false
    }

    /// Writes the addresses DHCP gave (or the fallback) into
    /// `ipv4_settings`, which the application reads
    /// (`FreeRTOS_GetEndPointConfiguration`). The broadcast address
    /// follows the address and mask.
    pub fn set_ipv4(self, ip: Ipv4Addr, netmask: Ipv4Addr, gateway: Ipv4Addr, dns: Ipv4Addr) {
        // SAFETY: as above; called with the stack's lock held, which the
        // API's own readers and writers of these fields also take.
        let s = unsafe { &mut (*self.0).ipv4_settings };
        s.ulIPAddress = addr_to_c(ip);
        s.ulNetMask = addr_to_c(netmask);
        s.ulGatewayAddress = addr_to_c(gateway);
        s.ulDNSServerAddresses[0] = addr_to_c(dns);
        s.ulBroadcastAddress = addr_to_c(Ipv4Addr::from_be_u32(ip.to_be_u32() | !netmask.to_be_u32()));
    }
}

impl InterfaceRef {
    /// Calls the driver's `pfInitialise`; true on pdPASS.
    pub fn initialise(self) -> bool {
        // SAFETY: registered interface; the driver's function pointer is
        // called with its own interface, as upstream does.
        unsafe {
            match (*self.0).pfInitialise {
                Some(f) => f(self.0) != 0,
                None => false,
            }
        }
    }

    pub fn set_up(self, up: bool) {
        // SAFETY: as above.
        unsafe { (*self.0).bits.set_bInterfaceUp(up as u32) };
    }

    /// Builds a frame of `len` bytes with `fill` in a fresh network buffer
    /// and hands it to the driver's `pfOutput` (which then owns it).
    pub fn output(self, endpoint: *mut EndPoint, len: usize, fill: &mut dyn FnMut(&mut [u8]) -> bool) -> bool {
        // SAFETY: registered interface.
        if unsafe { (*self.0).pfOutput }.is_none() {
            return false;
        }
        let d = netbuf::get(len, 0);
        let filled = netbuf::held_frame_mut(d, &mut ()).and_then(|buf| buf.get_mut(..len)).is_some_and(|buf| {
            buf.fill(0);
            fill(buf)
        });
        if !filled {
            netbuf::release(d);
            return false;
        }
        self.send_held(endpoint, d, len)
    }
}

impl InterfaceRef {
    /// Hands a frame the stack holds (a descriptor from the pool, filled)
    /// to the driver with release-after-send; without an output function
    /// the frame is released. Returns whether the driver got it.
    pub fn send_held(self, endpoint: *mut EndPoint, d: *mut netbuf::Descriptor, len: usize) -> bool {
        // SAFETY: registered interface.
        let Some(out) = (unsafe { (*self.0).pfOutput }) else {
            netbuf::release(d);
            return false;
        };
        if netbuf::held_frame_mut(d, &mut ()).is_none_or(|b| b.len() < len) {
            netbuf::release(d);
            return false;
        }
        // ipconfigFPTCP_PCAP_CAPTURE: the frame as it goes to the driver.
        if crate::config::FPTCP_PCAP_CAPTURE {
            netbuf::with_frame(d, |frame, _| super::pcap::capture(frame.get(..len).unwrap_or(frame)));
        }
        // SAFETY: `d` is an in-use pool descriptor the stack held and gives
        // up here; after pfOutput with xReleaseAfterSend the driver owns
        // (and releases) it.
        unsafe {
            (*d).xDataLength = len as _;
            (*d).pxInterface = self.0;
            (*d).pxEndPoint = endpoint;
            out(self.0, d, 1);
        }
        true
    }
}

/// Appends `iface` to the list starting at `*head` (if not already there).
///
/// # Safety
/// `head` must be the list head; `iface` a valid interface that stays alive.
pub unsafe fn add_interface(head: *mut *mut Interface, iface: *mut Interface) {
    // SAFETY: per the contract.
    unsafe { append(head, iface) };
}

/// Appends `ep` to the global end-point list and to its interface.
///
/// # Safety
/// As for `add_interface`.
pub unsafe fn add_endpoint(head: *mut *mut EndPoint, iface: *mut Interface, ep: *mut EndPoint) {
    // SAFETY: per the contract.
    unsafe {
        if !append(head, ep) {
            return;
        }
        (*ep).pxNetworkInterface = iface;
        if !iface.is_null() && (*iface).pxEndPoint.is_null() {
            (*iface).pxEndPoint = ep;
        }
    }
}
