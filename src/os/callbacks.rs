//! Calls into the application's socket handlers, user semaphores and wake
//! callbacks (`ipconfigUSE_CALLBACKS`, `FREERTOS_SO_SET_SEMAPHORE`,
//! `FREERTOS_SO_WAKEUP_CALLBACK`). The stack keeps them as addresses (0 =
//! none); the IP task calls these (and `sendto()` its UDP sent handler, in
//! the calling task, as upstream), never with the global lock held.
use super::sys;
use crate::wire::{IpAddress, SockAddr};

/// `Socket_t` as the handlers receive it (our handle token).
type Handle = *mut core::ffi::c_void;
type OnConnected = unsafe extern "C" fn(Handle, sys::BaseType_t);
type OnTcpReceive = unsafe extern "C" fn(Handle, *mut core::ffi::c_void, usize) -> sys::BaseType_t;
type OnSent = unsafe extern "C" fn(Handle, usize);
type OnUdpReceive = unsafe extern "C" fn(
    Handle,
    *mut core::ffi::c_void,
    usize,
    *const sys::freertos_sockaddr,
    *const sys::freertos_sockaddr,
) -> sys::BaseType_t;
type OnWake = unsafe extern "C" fn(Handle);

/// `FOnConnected_t`.
pub fn connected(f: usize, handle: usize, up: bool) {
    if f == 0 {
        return;
    }
    // SAFETY: `f` is the non-NULL FOnConnected_t the application passed to
    // FreeRTOS_setsockopt (F_TCP_UDP_Handler_t.pxOnTCPConnected); function
    // and data pointers have the same size on every supported target.
    unsafe {
        let f: OnConnected = core::mem::transmute::<usize, OnConnected>(f);
        f(handle as Handle, up as sys::BaseType_t)
    };
}

/// `FOnTCPReceive_t` (its return value is not used, as upstream).
pub fn tcp_receive(f: usize, handle: usize, data: &mut [u8]) {
    if f == 0 {
        return;
    }
    // SAFETY: `f` is the application's FOnTCPReceive_t (see `connected`);
    // `data` is valid for its length during the call.
    unsafe {
        let f: OnTcpReceive = core::mem::transmute::<usize, OnTcpReceive>(f);
        f(handle as Handle, data.as_mut_ptr().cast(), data.len())
    };
}

/// `FOnTCPSent_t` and `FOnUDPSent_t` (same shape).
pub fn sent(f: usize, handle: usize, len: usize) {
    if f == 0 {
        return;
    }
    // SAFETY: `f` is the application's FOnTCPSent_t / FOnUDPSent_t.
    unsafe {
        let f: OnSent = core::mem::transmute::<usize, OnSent>(f);
        f(handle as Handle, len)
    };
}

fn sockaddr(a: SockAddr) -> sys::freertos_sockaddr {
    // SAFETY: freertos_sockaddr is plain C data (integers and a union of
    // integers); all zeroes is a valid value.
    let mut s: sys::freertos_sockaddr = unsafe { core::mem::zeroed() };
    s.sin_len = core::mem::size_of::<sys::freertos_sockaddr>() as u8;
    s.sin_port = a.port.to_be();
    // The handlers' copy (with sin_len, unlike `ffi::sockaddr_to_c`, which
    // the API calls use); the IPv6 work adds its arm here too.
    match a.addr {
        IpAddress::V4(ip) => {
            s.sin_family = 2; // FREERTOS_AF_INET
            s.sin_address.ulIP_IPv4 = u32::from_ne_bytes(ip.0);
        }
    }
    s
}

/// `FOnUDPReceive_t`: true when the handler consumed the datagram
/// (returned non-zero, as upstream tests it).
pub fn udp_receive(f: usize, handle: usize, payload: &mut [u8], from: SockAddr, dest: SockAddr) -> bool {
    if f == 0 {
        return false;
    }
    let (from, dest) = (sockaddr(from), sockaddr(dest));
    // SAFETY: `f` is the application's FOnUDPReceive_t; the payload and
    // both addresses are valid for the duration of the call.
    unsafe {
        let f: OnUdpReceive = core::mem::transmute::<usize, OnUdpReceive>(f);
        f(handle as Handle, payload.as_mut_ptr().cast(), payload.len(), &from, &dest) != 0
    }
}

/// `xSemaphoreGive` on the user semaphore, then the wake callback
/// (upstream's `vSocketWakeUpUser`).
pub fn wake_user(semaphore: usize, wake: usize, handle: usize) {
    if semaphore != 0 {
        // SAFETY: `semaphore` is the SemaphoreHandle_t the application
        // passed with FREERTOS_SO_SET_SEMAPHORE; giving is xSemaphoreGive.
        unsafe {
            sys::xQueueGenericSend(semaphore as sys::QueueHandle_t, core::ptr::null(), 0, super::kernel::QUEUE_SEND_TO_BACK)
        };
    }
    if wake != 0 {
        // SAFETY: `wake` is the application's SocketWakeupCallback_t (the
        // value of FREERTOS_SO_WAKEUP_CALLBACK).
        unsafe {
            let f: OnWake = core::mem::transmute::<usize, OnWake>(wake);
            f(handle as Handle)
        };
    }
}
