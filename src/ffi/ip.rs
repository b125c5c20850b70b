//! Start-up, interfaces and end-points, and the calls drivers make
//! (reference §1.5, §6).
use core::ffi::c_void;
use core::ptr;
use core::sync::atomic::Ordering;

use alloc::vec::Vec;

use super::BaseType_t;
use crate::os::fallible::try_push;
use crate::os::netif::{self, EndPointRef};
use crate::os::sys;
use crate::ip_task;

/// The registered interfaces (upstream's global list head).
#[unsafe(no_mangle)]
pub static mut pxNetworkInterfaces: *mut sys::NetworkInterface_t = ptr::null_mut();

/// The registered end-points (upstream's global list head; applications
/// walk it, reference §13.5).
#[unsafe(no_mangle)]
pub static mut pxNetworkEndPoints: *mut sys::NetworkEndPoint_t = ptr::null_mut();

fn interfaces_head() -> *mut sys::NetworkInterface_t {
    // SAFETY: a plain read of the list head (written only before start-up).
    unsafe { *ptr::addr_of!(pxNetworkInterfaces) }
}

fn endpoints_head() -> *mut sys::NetworkEndPoint_t {
    // SAFETY: as above.
    unsafe { *ptr::addr_of!(pxNetworkEndPoints) }
}

/// `FreeRTOS_AddNetworkInterface`: call before `FreeRTOS_IPInit_Multi`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_AddNetworkInterface(pxInterface: *mut sys::NetworkInterface_t) -> *mut sys::NetworkInterface_t {
    if pxInterface.is_null() {
        return ptr::null_mut();
    }
    // SAFETY: the interface lives for the program's lifetime (upstream
    // contract); the list is only changed before start-up.
    unsafe { netif::add_interface(ptr::addr_of_mut!(pxNetworkInterfaces), pxInterface) };
    pxInterface
}

/// `FreeRTOS_AddEndPoint`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_AddEndPoint(pxInterface: *mut sys::NetworkInterface_t, pxEndPoint: *mut sys::NetworkEndPoint_t) -> *mut sys::NetworkEndPoint_t {
    if pxEndPoint.is_null() {
        return ptr::null_mut();
    }
    // SAFETY: as for FreeRTOS_AddNetworkInterface.
    unsafe { netif::add_endpoint(ptr::addr_of_mut!(pxNetworkEndPoints), pxInterface, pxEndPoint) };
    pxEndPoint
}

/// Reads 4 bytes of an address array (NULL reads as 0.0.0.0).
///
/// # Safety
/// `p` must be NULL or point to 4 readable bytes.
unsafe fn ip4(p: *const u8) -> u32 {
    if p.is_null() {
        return 0;
    }
    let mut b = [0u8; 4];
    // SAFETY: per the contract.
    unsafe { ptr::copy_nonoverlapping(p, b.as_mut_ptr(), 4) };
    u32::from_ne_bytes(b)
}

/// `FreeRTOS_FillEndPoint`: the end-point's static IPv4 settings, then adds
/// it to the interface (reference §1.5).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_FillEndPoint(
    pxNetworkInterface: *mut sys::NetworkInterface_t,
    pxEndPoint: *mut sys::NetworkEndPoint_t,
    ucIPAddress: *const u8,
    ucNetMask: *const u8,
    ucGatewayAddress: *const u8,
    ucDNSServerAddress: *const u8,
    ucMACAddress: *const u8,
) {
    if pxEndPoint.is_null() {
        return;
    }
    // SAFETY: the caller passes a writable end-point and 4/6-byte arrays
    // (or NULL); we zero the end-point as upstream does.
    unsafe {
        ptr::write_bytes(pxEndPoint, 0, 1);
        let ep = &mut *pxEndPoint;
        let ip = ip4(ucIPAddress);
        let mask = ip4(ucNetMask);
        let d = &mut ep.ipv4_defaults;
        d.ulIPAddress = ip;
        d.ulNetMask = mask;
        d.ulGatewayAddress = ip4(ucGatewayAddress);
        d.ulDNSServerAddresses[0] = ip4(ucDNSServerAddress);
        d.ulBroadcastAddress = ip | !mask;
        ep.ipv4_settings = ep.ipv4_defaults;
        if !ucMACAddress.is_null() {
            ptr::copy_nonoverlapping(ucMACAddress, ep.xMACAddress.ucBytes.as_mut_ptr(), 6);
        }
        ep.bits.set_bIsDefault(1);
        FreeRTOS_AddEndPoint(pxNetworkInterface, pxEndPoint);
    }
}

/// `FreeRTOS_IPInit_Multi`: pdTRUE when the IP task was started.
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_IPInit_Multi() -> BaseType_t {
    let (mut ifaces, mut eps) = (Vec::new(), Vec::new());
    // SAFETY: walking lists of interfaces/end-points the application
    // registered with the calls above.
    let all_ifaces = unsafe { netif::interfaces(interfaces_head()) }.all(|i| try_push(&mut ifaces, i).is_ok());
    // SAFETY: as above.
    let all_eps = unsafe { netif::endpoints(endpoints_head()) }.all(|e| try_push(&mut eps, e).is_ok());
    // A heap too small for two short lists: pdFAIL, as for a failed task.
    (all_ifaces && all_eps && ip_task::start(ifaces, eps)) as BaseType_t
}

#[cfg(fptcp_backward_compatible)]
mod legacy {
    use super::*;

    struct Statics(core::cell::UnsafeCell<(sys::NetworkInterface_t, sys::NetworkEndPoint_t)>);
    // SAFETY: used once, by the one FreeRTOS_IPInit call that claims them
    // (`CLAIMED`), before the IP task exists.
    unsafe impl Sync for Statics {}
    /// Set by the first `FreeRTOS_IPInit`: a second call (which upstream
    /// does not survive) returns pdFAIL without writing over the interface
    /// and end-point the running stack reads.
    static CLAIMED: core::sync::atomic::AtomicBool = core::sync::atomic::AtomicBool::new(false);
    static STATICS: Statics = Statics(core::cell::UnsafeCell::new(
        // SAFETY: both are plain C structs for which all-zero is valid.
        unsafe { core::mem::zeroed() },
    ));

    /// Legacy `FreeRTOS_IPInit` (`ipconfigIPv4_BACKWARD_COMPATIBLE 1`): one
    /// static interface filled by the driver's `pxFillInterfaceDescriptor`
    /// and one end-point, then `FreeRTOS_IPInit_Multi`.
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn FreeRTOS_IPInit(
        ucIPAddress: *const u8,
        ucNetMask: *const u8,
        ucGatewayAddress: *const u8,
        ucDNSServerAddress: *const u8,
        ucMACAddress: *const u8,
    ) -> BaseType_t {
        if CLAIMED.swap(true, Ordering::AcqRel) {
            return 0;
        }
        let s = STATICS.0.get();
        // SAFETY: only the call that claimed them gets here, once, before
        // start-up.
        unsafe {
            let iface = ptr::addr_of_mut!((*s).0);
            let ep = ptr::addr_of_mut!((*s).1);
            sys::pxFillInterfaceDescriptor(0, iface);
            FreeRTOS_FillEndPoint(iface, ep, ucIPAddress, ucNetMask, ucGatewayAddress, ucDNSServerAddress, ucMACAddress);
        }
        FreeRTOS_IPInit_Multi()
    }
}

#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_FirstNetworkInterface() -> *mut sys::NetworkInterface_t {
    interfaces_head()
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_NextNetworkInterface(pxInterface: *const sys::NetworkInterface_t) -> *mut sys::NetworkInterface_t {
    if pxInterface.is_null() {
        return ptr::null_mut();
    }
    // SAFETY: a registered interface.
    unsafe { (*pxInterface).pxNext }
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_FirstEndPoint(pxInterface: *const sys::NetworkInterface_t) -> *mut sys::NetworkEndPoint_t {
    // SAFETY: walking the registered list.
    unsafe { netif::endpoints(endpoints_head()) }
        .find(|e| pxInterface.is_null() || ptr::eq(e.config().interface, pxInterface))
        .map_or(ptr::null_mut(), |e| e.0)
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_NextEndPoint(pxInterface: *const sys::NetworkInterface_t, pxEndPoint: *mut sys::NetworkEndPoint_t) -> *mut sys::NetworkEndPoint_t {
    if pxEndPoint.is_null() {
        return ptr::null_mut();
    }
    // SAFETY: a registered end-point; then walking the registered list.
    let next = unsafe { (*pxEndPoint).pxNext };
    // SAFETY: as above.
    unsafe { netif::endpoints(next) }
        .find(|e| pxInterface.is_null() || ptr::eq(e.config().interface, pxInterface))
        .map_or(ptr::null_mut(), |e| e.0)
}

#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_IsNetworkUp() -> BaseType_t {
    ip_task::is_network_up() as BaseType_t
}

#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_GetIPTaskHandle() -> sys::TaskHandle_t {
    ip_task::TASK_HANDLE.load(Ordering::Acquire).cast()
}

#[unsafe(no_mangle)]
pub extern "C" fn xIsCallingFromIPTask() -> BaseType_t {
    let h = ip_task::TASK_HANDLE.load(Ordering::Acquire);
    (!h.is_null() && crate::os::kernel::current_task() == h) as BaseType_t
}

/// `xSendEventStructToIPTask`: pdPASS if queued; pdFAIL when the IP task is
/// not running or the queue stayed full for `uxTimeout` ticks.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn xSendEventStructToIPTask(pxEvent: *const sys::IPStackEvent_t, uxTimeout: sys::TickType_t) -> BaseType_t {
    if pxEvent.is_null() {
        return 0;
    }
    // SAFETY: the caller passes a valid event.
    let ev = unsafe { *pxEvent };
    // The IP task never waits on its own queue.
    let t = if xIsCallingFromIPTask() != 0 { Some(0) } else { crate::os::kernel::block_time(uxTimeout) };
    ip_task::post(&ev, t) as BaseType_t
}

/// `xSendEventToIPTask`: an event without data.
#[unsafe(no_mangle)]
pub extern "C" fn xSendEventToIPTask(eEvent: sys::eIPEvent_t) -> BaseType_t {
    let ev = sys::IPStackEvent_t { eEventType: eEvent, pvData: ptr::null_mut() };
    ip_task::post(&ev, Some(0)) as BaseType_t
}

/// `FreeRTOS_NetworkDown`: the IP task re-initialises the interface (on
/// its next cycle when the event queue is full, as upstream).
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_NetworkDown(pxNetworkInterface: *mut sys::NetworkInterface_t) {
    ip_task::network_down_event(pxNetworkInterface, false);
}

#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_NetworkDownFromISR(pxNetworkInterface: *mut sys::NetworkInterface_t) -> BaseType_t {
    ip_task::network_down_event(pxNetworkInterface, true) as BaseType_t
}

/// `xIsNetworkDownEventPending`: pdTRUE while a network-down event that
/// found the IP task's queue full waits for the IP task.
#[unsafe(no_mangle)]
pub extern "C" fn xIsNetworkDownEventPending() -> BaseType_t {
    ip_task::network_down_pending() as BaseType_t
}

/// Whether a frame with this Ethernet header is for us: our MAC, broadcast
/// or multicast, and a frame type we handle (reference §6.3).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn eConsiderFrameForProcessing(pucEthernetBuffer: *const u8) -> sys::eFrameProcessingResult_t {
    let release = sys::eReleaseBuffer as sys::eFrameProcessingResult_t;
    if pucEthernetBuffer.is_null() {
        return release;
    }
    let mut hdr = [0u8; 14];
    // SAFETY: a driver passes a received frame, at least an Ethernet header.
    unsafe { ptr::copy_nonoverlapping(pucEthernetBuffer, hdr.as_mut_ptr(), 14) };
    let dst = [hdr[0], hdr[1], hdr[2], hdr[3], hdr[4], hdr[5]];
    let ethertype = u16::from_be_bytes([hdr[12], hdr[13]]);
    let group = dst[0] & 1 == 1;
    // SAFETY: walking the registered end-points.
    let ours = group || unsafe { netif::endpoints(endpoints_head()) }.any(|e| e.config().mac.0 == dst);
    let known = ethertype == 0x0800 || ethertype == 0x0806;
    if ours && known {
        sys::eProcessBuffer as sys::eFrameProcessingResult_t
    } else {
        release
    }
}

/// The end-point a received frame is for: by destination MAC, else the
/// interface's first end-point.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_MatchingEndpoint(pxNetworkInterface: *const sys::NetworkInterface_t, pucEthernetBuffer: *const u8) -> *mut sys::NetworkEndPoint_t {
    let mut dst = [0u8; 6];
    if !pucEthernetBuffer.is_null() {
        // SAFETY: a received frame has at least 6 bytes.
        unsafe { ptr::copy_nonoverlapping(pucEthernetBuffer, dst.as_mut_ptr(), 6) };
    }
    let on_iface = |e: &EndPointRef| pxNetworkInterface.is_null() || ptr::eq(e.config().interface, pxNetworkInterface);
    // SAFETY: walking the registered end-points.
    let mut all = unsafe { netif::endpoints(endpoints_head()) };
    let by_mac = all.find(|e| on_iface(e) && e.config().mac.0 == dst);
    // SAFETY: as above.
    by_mac.or_else(|| unsafe { netif::endpoints(endpoints_head()) }.find(on_iface)).map_or(ptr::null_mut(), |e| e.0)
}

#[allow(dead_code)]
fn _unused(_: *mut c_void) {}
