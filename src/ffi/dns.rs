//! The DNS client's exports (reference §1.5, §14.8; `FreeRTOS_DNS.h`,
//! `FreeRTOS_DNS_Cache.h`). Built when the application sets
//! `ipconfigUSE_DNS 1`. The lookups are `socket::dns`; here: C strings in,
//! `struct freertos_addrinfo` out.
use core::ffi::c_char;
use core::ptr;

use super::errno::value::{EINVAL, ENOENT, ENOMEM};
use super::{BaseType_t, AF_INET, SOCKADDR_LEN};
use crate::os::sys;
use crate::socket::dns;
use crate::wire::dns::{Addresses, MAX_NAME};

/// The bytes of a host name, without its NUL; None for NULL or a string
/// longer than any DNS name (only that much is read, never a whole
/// unterminated buffer).
///
/// # Safety
/// `p` must be NULL or point to a NUL-terminated string (or to at least
/// `MAX_NAME + 1` readable bytes).
unsafe fn host_name<'a>(p: *const c_char) -> Option<&'a [u8]> {
    if p.is_null() {
        return None;
    }
    let mut len = 0usize;
    // SAFETY: per the contract, every byte up to the NUL is readable; we stop
    // at the NUL or after MAX_NAME + 1 bytes.
    while unsafe { *p.add(len) } != 0 {
        len += 1;
        if len > MAX_NAME {
            return None;
        }
    }
    // SAFETY: the `len` bytes before the NUL were just read.
    Some(unsafe { core::slice::from_raw_parts(p.cast::<u8>(), len) })
}

/// `FreeRTOS_gethostbyname`: the IPv4 address in network byte order, or 0
/// (unknown name, no answer, no DNS server, not initialised).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_gethostbyname(pcHostName: *const c_char) -> u32 {
    // SAFETY: the caller passes NULL or a C string.
    let Some(name) = (unsafe { host_name(pcHostName) }) else { return 0 };
    dns::lookup(name).map_or(0, u32::from_ne_bytes)
}

/// `FreeRTOS_dnslookup`: the cached address of `pcHostName`, or 0; never
/// sends a query.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_dnslookup(pcHostName: *const c_char) -> u32 {
    // SAFETY: the caller passes NULL or a C string.
    let Some(name) = (unsafe { host_name(pcHostName) }) else { return 0 };
    dns::cached(name).map_or(0, u32::from_ne_bytes)
}

/// `FreeRTOS_dnsclear`: empties the DNS cache.
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_dnsclear() {
    dns::clear();
}

/// `pxNew_AddrInfo`: one result on the heap (`pvPortMalloc`): family,
/// `ai_addr` pointing at its own `sockaddr` (port 0), `ai_canonname` at its
/// own copy of the name (with the cache on; cut to fit). NULL for a family
/// other than AF_INET, a NULL argument or a full heap.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn pxNew_AddrInfo(
    pcName: *const c_char,
    xFamily: BaseType_t,
    pucAddress: *const u8,
) -> *mut sys::freertos_addrinfo {
    if xFamily != AF_INET as BaseType_t || pucAddress.is_null() {
        return ptr::null_mut();
    }
    // SAFETY: the caller passes NULL or a C string.
    let Some(name) = (unsafe { host_name(pcName) }) else { return ptr::null_mut() };
    let mut a = [0u8; 4];
    // SAFETY: for AF_INET the address is 4 readable bytes.
    unsafe { ptr::copy_nonoverlapping(pucAddress, a.as_mut_ptr(), 4) };
    new_addrinfo(name, a)
}

fn new_addrinfo(name: &[u8], address: [u8; 4]) -> *mut sys::freertos_addrinfo {
    let size = core::mem::size_of::<sys::freertos_addrinfo>();
    // SAFETY: pvPortMalloc has no preconditions; the result is checked.
    let p = unsafe { sys::pvPortMalloc(size as _) }.cast::<sys::freertos_addrinfo>();
    if p.is_null() {
        return p;
    }
    // SAFETY: `p` is a fresh, suitably aligned (portBYTE_ALIGNMENT)
    // allocation of `size` bytes; all-zero is a valid freertos_addrinfo
    // (integers and NULL pointers), and every field written lies inside it.
    unsafe {
        ptr::write_bytes(p.cast::<u8>(), 0, size);
        let info = &mut *p;
        info.ai_family = AF_INET as BaseType_t;
        info.ai_addrlen = 4;
        let sa = &mut info.xPrivateStorage.sockaddr;
        sa.sin_len = SOCKADDR_LEN as u8;
        sa.sin_family = AF_INET;
        sa.sin_address.ulIP_IPv4 = u32::from_ne_bytes(address);
        info.ai_addr = sa;
        set_canonname(info, name);
    }
    p
}

/// One result per address, chained in the order given (upstream's order:
/// the answer's, or the cache row's); NULL when the first does not fit the
/// heap. A later one that does not fit ends the list there.
fn new_addrinfo_list(name: &[u8], all: &Addresses) -> *mut sys::freertos_addrinfo {
    let mut head: *mut sys::freertos_addrinfo = ptr::null_mut();
    let mut last: *mut sys::freertos_addrinfo = ptr::null_mut();
    for &a in all.as_slice() {
        let info = new_addrinfo(name, a);
        if info.is_null() {
            break;
        }
        if last.is_null() {
            head = info;
        } else {
            // SAFETY: `last` is the previous node, allocated above and
            // not yet handed out.
            unsafe { (*last).ai_next = info };
        }
        last = info;
    }
    head
}

#[cfg(fptcp_dns_cache)]
fn set_canonname(info: &mut sys::freertos_addrinfo, name: &[u8]) {
    let store = &mut info.xPrivateStorage.ucName;
    // Keep the last byte for the NUL (the row is zeroed).
    let room = store.len().saturating_sub(1);
    for (dst, &b) in store.iter_mut().take(room).zip(name) {
        *dst = b as c_char;
    }
    info.ai_canonname = store.as_mut_ptr();
}

#[cfg(not(fptcp_dns_cache))]
fn set_canonname(_info: &mut sys::freertos_addrinfo, _name: &[u8]) {}

/// `FreeRTOS_getaddrinfo`: 0 and the IPv4 results (one per address, up to
/// `ipconfigDNS_CACHE_ADDRESSES_PER_ENTRY`) in `*ppxResult`;
/// `-pdFREERTOS_ERRNO_ENOENT` when the name has no address (or no answer
/// came), `-ENOMEM` when the result does not fit the heap, `-EINVAL` for a
/// NULL `ppxResult`. `pcService` and `pxHints` are ignored, as upstream
/// does with IPv6 off.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_getaddrinfo(
    pcName: *const c_char,
    _pcService: *const c_char,
    _pxHints: *const sys::freertos_addrinfo,
    ppxResult: *mut *mut sys::freertos_addrinfo,
) -> BaseType_t {
    if ppxResult.is_null() {
        return -(EINVAL as BaseType_t);
    }
    // SAFETY: ppxResult is a valid out-parameter (checked for NULL).
    unsafe { *ppxResult = ptr::null_mut() };
    // SAFETY: the caller passes NULL or a C string.
    let Some(name) = (unsafe { host_name(pcName) }) else { return -(ENOENT as BaseType_t) };
    let Some((_, all)) = dns::lookup_all(name) else { return -(ENOENT as BaseType_t) };
    let info = new_addrinfo_list(name, &all);
    if info.is_null() {
        return -(ENOMEM as BaseType_t);
    }
    // SAFETY: as above.
    unsafe { *ppxResult = info };
    0
}

/// `FreeRTOS_freeaddrinfo`: frees a result list (NULL does nothing).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_freeaddrinfo(pxInfo: *mut sys::freertos_addrinfo) {
    let mut p = pxInfo;
    // Bounded: a list longer than this is not one we built (ours have at
    // most 16 entries); stop rather than follow a corrupted chain for ever.
    for _ in 0..64 {
        if p.is_null() {
            return;
        }
        // SAFETY: the caller passes a list from FreeRTOS_getaddrinfo or
        // pxNew_AddrInfo (heap blocks from pvPortMalloc), each freed once.
        unsafe {
            let next = (*p).ai_next;
            sys::vPortFree(p.cast());
            p = next;
        }
    }
}

/// `FreeRTOS_SetDNSIPPreference`: `pdPASS` for `xPreferenceIPv4` (the
/// only kind of lookup there is with IPv6 off), `pdFAIL` for anything else,
/// as upstream.
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_SetDNSIPPreference(eIPPreference: sys::IPPreference_t) -> BaseType_t {
    (eIPPreference == sys::xPreferenceIPv4) as BaseType_t
}

/// `FOnDNSEvent`: (name, search ID, result or NULL).
#[cfg(fptcp_dns_callbacks)]
pub type DnsCallback = unsafe extern "C" fn(*const c_char, *mut core::ffi::c_void, *mut sys::freertos_addrinfo);

/// A timeout of the asynchronous calls, in milliseconds as upstream's
/// `xDNSSetCallBack` reads it, to ticks.
#[cfg(fptcp_dns_callbacks)]
fn timeout_ticks(ms: sys::TickType_t) -> u64 {
    u64::from(crate::config::TICK_RATE.ms(ms as u64).ticks())
}

/// `FreeRTOS_gethostbyname_a`: with a callback, the address of a dotted
/// quad or a cached name is returned and also given to the callback before
/// this returns (the result is freed after the callback); otherwise the
/// lookup is queued, 0 is returned, and the callback is called later from
/// the DNS task, without the stack's lock, with the result (valid during
/// the callback only) or NULL when `uxTimeout` ms passed without one.
/// Without a callback: `FreeRTOS_gethostbyname`.
#[cfg(fptcp_dns_callbacks)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_gethostbyname_a(
    pcHostName: *const c_char,
    pCallback: Option<unsafe extern "C" fn(*const c_char, *mut core::ffi::c_void, *mut sys::freertos_addrinfo)>,
    pvSearchID: *mut core::ffi::c_void,
    uxTimeout: sys::TickType_t,
) -> u32 {
    // SAFETY: the caller passes NULL or a C string.
    let Some(name) = (unsafe { host_name(pcHostName) }) else { return 0 };
    let Some(callback) = pCallback else { return dns::lookup(name).map_or(0, u32::from_ne_bytes) };
    match dns::quick(name) {
        dns::Quick::Known(a, all) => {
            let info = new_addrinfo_list(name, &all);
            // SAFETY: the application's callback, with its own name string
            // and search ID; `info` is ours, freed once it returns.
            unsafe {
                callback(pcHostName, pvSearchID, info);
                FreeRTOS_freeaddrinfo(info);
            }
            u32::from_ne_bytes(a)
        }
        dns::Quick::Refused | dns::Quick::Ask => {
            let _ = dns::enqueue(name, callback as usize, pvSearchID as usize, timeout_ticks(uxTimeout), dns_task);
            0
        }
    }
}

/// `FreeRTOS_getaddrinfo_a`: as `FreeRTOS_getaddrinfo` for a dotted quad
/// or a cached name (the result in `*ppxResult`, the application's to
/// free, and also given to the callback); otherwise the lookup is queued
/// and, as upstream, `-pdFREERTOS_ERRNO_ENOENT` is returned at once, the
/// callback following as for `FreeRTOS_gethostbyname_a`.
#[cfg(fptcp_dns_callbacks)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_getaddrinfo_a(
    pcName: *const c_char,
    pcService: *const c_char,
    pxHints: *const sys::freertos_addrinfo,
    ppxResult: *mut *mut sys::freertos_addrinfo,
    pCallback: Option<unsafe extern "C" fn(*const c_char, *mut core::ffi::c_void, *mut sys::freertos_addrinfo)>,
    pvSearchID: *mut core::ffi::c_void,
    uxTimeout: sys::TickType_t,
) -> BaseType_t {
    let Some(callback) = pCallback else {
        // SAFETY: the same contract as FreeRTOS_getaddrinfo.
        return unsafe { FreeRTOS_getaddrinfo(pcName, pcService, pxHints, ppxResult) };
    };
    if ppxResult.is_null() {
        return -(EINVAL as BaseType_t);
    }
    // SAFETY: ppxResult is a valid out-parameter (checked for NULL).
    unsafe { *ppxResult = ptr::null_mut() };
    // SAFETY: the caller passes NULL or a C string.
    let Some(name) = (unsafe { host_name(pcName) }) else { return -(ENOENT as BaseType_t) };
    match dns::quick(name) {
        dns::Quick::Known(_, all) => {
            let info = new_addrinfo_list(name, &all);
            if info.is_null() {
                return -(ENOMEM as BaseType_t);
            }
            // SAFETY: as above; the result belongs to the application.
            unsafe {
                *ppxResult = info;
                callback(pcName, pvSearchID, info);
            }
            0
        }
        dns::Quick::Refused | dns::Quick::Ask => {
            let _ = dns::enqueue(name, callback as usize, pvSearchID as usize, timeout_ticks(uxTimeout), dns_task);
            -(ENOENT as BaseType_t)
        }
    }
}

/// `FreeRTOS_gethostbyname_cancel`: the queued lookups with this search ID
/// are forgotten; their callbacks are not called.
#[cfg(fptcp_dns_callbacks)]
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_gethostbyname_cancel(pvSearchID: *mut core::ffi::c_void) {
    dns::cancel(pvSearchID as usize);
}

/// The DNS task: serves the queued lookups one at a time and calls their
/// callbacks (without the stack's lock). Created by the first queued
/// lookup, with the IP task's stack size and priority (upstream calls the
/// callbacks from the IP task).
#[cfg(fptcp_dns_callbacks)]
extern "C" fn dns_task(_arg: *mut core::ffi::c_void) {
    loop {
        let job = dns::next_job();
        let result = dns::run_job(&job);
        let Some((callback, search_id, name)) = dns::finish_job(job.ticket) else { continue };
        let info = result.map_or(ptr::null_mut(), |all| new_addrinfo_list(&job.name, &all));
        // SAFETY: `callback` is the non-NULL FOnDNSEvent the application
        // gave FreeRTOS_gethostbyname_a / _getaddrinfo_a, stored as a number
        // and turned back into the same function pointer type.
        let f = unsafe { core::mem::transmute::<usize, DnsCallback>(callback) };
        // SAFETY: the name is our NUL-terminated copy, alive until after the
        // call; `info` is ours (or NULL) and freed once the callback returns.
        unsafe {
            f(name.as_ptr().cast(), search_id as *mut core::ffi::c_void, info);
            FreeRTOS_freeaddrinfo(info);
        }
    }
}
