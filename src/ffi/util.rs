//! Address text, MAC text, errno names and the small integer helpers
//! (reference §1.3, §1.4; upstream `FreeRTOS_Sockets.c`,
//! `FreeRTOS_IPv4_Sockets.c`, `FreeRTOS_IP_Utils.c`, `FreeRTOS_IPv4.c`).
//!
//! Return conventions are upstream's. Where upstream dereferences a NULL
//! argument, we return the call's failure value instead (pdFAIL, 0, NULL)
//! or do nothing.
use core::ffi::{c_char, c_void, CStr};
use core::ptr;

use super::BaseType_t;
use crate::os::sys;
use crate::addr;
use crate::text::Text;
use crate::wire::Ipv4Addr;

const PD_PASS: BaseType_t = 1;
const PD_FAIL: BaseType_t = 0;
const AF_INET: BaseType_t = super::AF_INET as BaseType_t;
const EAFNOSUPPORT: BaseType_t = super::errno::value::EAFNOSUPPORT as BaseType_t;

/// The bytes of a C string, without its NUL; None for NULL.
///
/// # Safety
/// `p` must be NULL or point to a NUL-terminated string.
unsafe fn c_text<'a>(p: *const c_char) -> Option<&'a [u8]> {
    if p.is_null() {
        return None;
    }
    // SAFETY: per the contract.
    Some(unsafe { CStr::from_ptr(p) }.to_bytes())
}

/// Copies `bytes` to `dst`.
///
/// # Safety
/// `dst` must be valid for `bytes.len()` bytes of writing.
unsafe fn put(dst: *mut u8, bytes: &[u8]) {
    // SAFETY: per the contract; a Rust buffer never overlaps the caller's.
    unsafe { ptr::copy_nonoverlapping(bytes.as_ptr(), dst, bytes.len()) };
}

/// `FreeRTOS_inet_pton4`: pdPASS and the address (network order) in the
/// 4 bytes at `pvDestination`, or pdFAIL with those bytes zeroed. What is
/// accepted: `addr::parse_ipv4`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_inet_pton4(pcSource: *const c_char, pvDestination: *mut c_void) -> BaseType_t {
    if pvDestination.is_null() {
        return PD_FAIL;
    }
    // SAFETY: the caller passes NULL or a C string.
    let parsed = unsafe { c_text(pcSource) }.and_then(addr::parse_ipv4);
    let bytes = parsed.map_or([0u8; 4], |a| a.0);
    // SAFETY: the destination holds 4 bytes (a uint32_t / struct in_addr).
    unsafe { put(pvDestination.cast(), &bytes) };
    if parsed.is_some() {
        PD_PASS
    } else {
        PD_FAIL
    }
}

/// `FreeRTOS_inet_addr`: the address in network order, 0 on failure.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_inet_addr(pcIPAddress: *const c_char) -> u32 {
    // SAFETY: the caller passes NULL or a C string.
    unsafe { c_text(pcIPAddress) }.and_then(addr::parse_ipv4).map_or(0, |a| u32::from_ne_bytes(a.0))
}

/// `FreeRTOS_inet_pton`: FREERTOS_AF_INET only in this IPv4 build;
/// `-pdFREERTOS_ERRNO_EAFNOSUPPORT` for any other family (AF_INET6 too).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_inet_pton(xAddressFamily: BaseType_t, pcSource: *const c_char, pvDestination: *mut c_void) -> BaseType_t {
    if xAddressFamily != AF_INET {
        return -EAFNOSUPPORT;
    }
    // SAFETY: same contract.
    unsafe { FreeRTOS_inet_pton4(pcSource, pvDestination) }
}

/// `FreeRTOS_inet_ntoa`: writes "a.b.c.d" (at most 16 bytes with the NUL)
/// and returns `pcBuffer`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_inet_ntoa(ulIPAddress: u32, pcBuffer: *mut c_char) -> *const c_char {
    if pcBuffer.is_null() {
        return ptr::null();
    }
    let mut text = [0u8; addr::IPV4_TEXT_LEN];
    let len = addr::format_ipv4(Ipv4Addr(ulIPAddress.to_ne_bytes()), &mut text);
    // SAFETY: the caller's buffer holds 16 bytes (the documented minimum);
    // we write the text and its NUL only.
    unsafe { put(pcBuffer.cast(), text.get(..=len).unwrap_or(b"\0")) };
    pcBuffer
}

/// `FreeRTOS_inet_ntop4`: NULL when `uxSize` < 16 (nothing written).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_inet_ntop4(pvSource: *const c_void, pcDestination: *mut c_char, uxSize: u32) -> *const c_char {
    if (uxSize as usize) < addr::IPV4_TEXT_LEN || pvSource.is_null() || pcDestination.is_null() {
        return ptr::null();
    }
    let mut a = [0u8; 4];
    // SAFETY: the source holds an IPv4 address (4 bytes, any alignment).
    unsafe { ptr::copy_nonoverlapping(pvSource.cast::<u8>(), a.as_mut_ptr(), 4) };
    // SAFETY: the destination holds uxSize >= 16 bytes.
    unsafe { FreeRTOS_inet_ntoa(u32::from_ne_bytes(a), pcDestination) }
}

/// `FreeRTOS_inet_ntop`: FREERTOS_AF_INET only; NULL for other families.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_inet_ntop(xAddressFamily: BaseType_t, pvSource: *const c_void, pcDestination: *mut c_char, uxSize: u32) -> *const c_char {
    if xAddressFamily != AF_INET {
        return ptr::null();
    }
    // SAFETY: same contract.
    unsafe { FreeRTOS_inet_ntop4(pvSource, pcDestination, uxSize) }
}

/// `FreeRTOS_EUI48_pton`: pdTRUE and 6 bytes at `pucTarget`, or pdFALSE
/// (then the target is left as it was). Rules: `addr::parse_eui48`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_EUI48_pton(pcSource: *const c_char, pucTarget: *mut u8) -> BaseType_t {
    if pucTarget.is_null() {
        return PD_FAIL;
    }
    // SAFETY: the caller passes NULL or a C string.
    match unsafe { c_text(pcSource) }.and_then(addr::parse_eui48) {
        Some(mac) => {
            // SAFETY: the target holds 6 bytes.
            unsafe { put(pucTarget, &mac) };
            PD_PASS
        }
        None => PD_FAIL,
    }
}

/// `FreeRTOS_EUI48_ntop`: 17 characters and a NUL (18 bytes) at `pcTarget`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_EUI48_ntop(pucSource: *const u8, pcTarget: *mut c_char, cTen: c_char, cSeparator: c_char) {
    if pucSource.is_null() || pcTarget.is_null() {
        return;
    }
    let mut mac = [0u8; 6];
    // SAFETY: the source holds 6 bytes.
    unsafe { ptr::copy_nonoverlapping(pucSource, mac.as_mut_ptr(), 6) };
    // c_char is i8 on the host, u8 on Cortex-M4.
    #[allow(clippy::unnecessary_cast)]
    let (ten, separator) = (cTen as u8, cSeparator as u8);
    let text = addr::format_eui48(&mac, ten, separator);
    // SAFETY: the target holds 18 bytes (upstream's documented size).
    unsafe { put(pcTarget.cast(), &text) };
}

/// `FreeRTOS_strerror_r`: the name of a `pdFREERTOS_ERRNO_*` code (sign
/// ignored), else "Errno 0x%lx" of the value as given; truncated like
/// `snprintf`, and, as upstream does, the buffer's last byte is set to NUL
/// whenever `uxLength` > 0. Returns `pcBuffer`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_strerror_r(xErrnum: BaseType_t, pcBuffer: *mut c_char, uxLength: usize) -> *const c_char {
    if pcBuffer.is_null() || uxLength == 0 {
        return pcBuffer;
    }
    // SAFETY: the caller's buffer holds uxLength bytes (clamped, os::mem).
    let Some(buf) = (unsafe { crate::os::mem::slice_from_c_mut(pcBuffer.cast::<u8>(), uxLength) }) else {
        return pcBuffer;
    };
    let positive = xErrnum.wrapping_abs();
    // BaseType_t is `long`: i64 on the host, i32 on Cortex-M4.
    #[allow(clippy::useless_conversion)]
    let positive = i64::from(positive);
    let mut text = Text::c_string(buf);
    match super::errno::name(positive) {
        Some(name) => text.str(name),
        None => text.str("Errno 0x").hex(xErrnum as sys::UBaseType_t as u64),
    };
    text.terminate();
    if let Some(last) = buf.last_mut() {
        *last = 0;
    }
    pcBuffer
}

#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_max_int32(a: i32, b: i32) -> i32 {
    a.max(b)
}

#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_max_uint32(a: u32, b: u32) -> u32 {
    a.max(b)
}

#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_max_size_t(a: usize, b: usize) -> usize {
    a.max(b)
}

#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_min_int32(a: i32, b: i32) -> i32 {
    a.min(b)
}

#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_min_uint32(a: u32, b: u32) -> u32 {
    a.min(b)
}

#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_min_size_t(a: usize, b: usize) -> usize {
    a.min(b)
}

/// `FreeRTOS_add_int32`: saturates at INT32_MAX / INT32_MIN.
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_add_int32(a: i32, b: i32) -> i32 {
    a.saturating_add(b)
}

/// `FreeRTOS_multiply_int32`: saturates at INT32_MAX / INT32_MIN.
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_multiply_int32(a: i32, b: i32) -> i32 {
    a.saturating_mul(b)
}

/// `FreeRTOS_round_up`: C's wrapping arithmetic; `d == 0` returns `a`
/// (upstream fails `configASSERT` first; we do not).
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_round_up(a: u32, d: u32) -> u32 {
    addr::round_up(a, d)
}

/// `FreeRTOS_round_down`: `d == 0` returns 0 (no `configASSERT`).
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_round_down(a: u32, d: u32) -> u32 {
    addr::round_down(a, d)
}

/// `ulChar2u32`: big-endian load of 4 bytes (0 for NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ulChar2u32(pucPtr: *const u8) -> u32 {
    if pucPtr.is_null() {
        return 0;
    }
    let mut b = [0u8; 4];
    // SAFETY: the caller passes 4 readable bytes, any alignment.
    unsafe { ptr::copy_nonoverlapping(pucPtr, b.as_mut_ptr(), 4) };
    u32::from_be_bytes(b)
}

/// `usChar2u16`: big-endian load of 2 bytes (0 for NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn usChar2u16(pucPtr: *const u8) -> u16 {
    if pucPtr.is_null() {
        return 0;
    }
    let mut b = [0u8; 2];
    // SAFETY: the caller passes 2 readable bytes, any alignment.
    unsafe { ptr::copy_nonoverlapping(pucPtr, b.as_mut_ptr(), 2) };
    u16::from_be_bytes(b)
}

/// `xIsIPv4Multicast` (address in network order): 224.0.0.0/4.
#[unsafe(no_mangle)]
pub extern "C" fn xIsIPv4Multicast(ulIPAddress: u32) -> BaseType_t {
    addr::is_ipv4_multicast(Ipv4Addr(ulIPAddress.to_ne_bytes())) as BaseType_t
}

/// `xIsIPv4Loopback` (address in network order): 127.0.0.0/8.
#[unsafe(no_mangle)]
pub extern "C" fn xIsIPv4Loopback(ulAddress: u32) -> BaseType_t {
    addr::is_ipv4_loopback(Ipv4Addr(ulAddress.to_ne_bytes())) as BaseType_t
}
