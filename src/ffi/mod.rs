//! Every symbol the library exports to C, and nothing else.
//!
//! Rules for all exports (see also COMPAT.md):
//! * **Handles.** A `Socket_t` is an opaque token (slot index + generation),
//!   never a pointer to memory. NULL, `FREERTOS_INVALID_SOCKET`, a closed
//!   socket's old handle or any made-up value is recognised and refused with
//!   the call's documented error (upstream dereferences them: crash or
//!   use-after-free). Where upstream would crash, we return
//!   `-pdFREERTOS_ERRNO_EINVAL` (COMPAT.md lists each case).
//! * **Pointers from the caller** are checked for NULL; a non-NULL pointer
//!   must be valid for the length the prototype implies, as in C.
//! * **Shape of an export:** validate, convert to Rust types, call one
//!   function of `socket`, map the result (`errno`). No logic here.
//! * **ISRs** may call only the `...FromISR` functions.
#![allow(non_snake_case, non_upper_case_globals, non_camel_case_types, clippy::missing_safety_doc)]
// Kernel and C types differ in width between the host (64-bit BaseType_t,
// TickType_t) and the board (32-bit): a cast that is a no-op on one target
// is needed on the other.
#![allow(clippy::unnecessary_cast)]
// Functions here take pointers that C hands us and check them before use
// (e.g. a buffer descriptor must be one of the pool's own): they are safe
// to call with any value, so they are not `unsafe fn`.
#![allow(clippy::not_unsafe_ptr_arg_deref)]
#![deny(unsafe_op_in_unsafe_fn)]

pub mod arp;
pub mod buffers;
pub mod dhcp;
pub mod driver;
#[cfg(fptcp_dns)]
pub mod dns;
pub mod errno;
pub mod extensions;
pub mod ip;
pub mod layout;
pub mod misc;
pub mod panic;
pub mod rawbuf;
pub mod routing;
#[cfg(any(fptcp_select, fptcp_signals))]
pub mod select;
pub mod stream_buffer;
pub mod sockets;
pub mod tcp_zero_copy;
pub mod udp;
pub mod util;

use crate::os::sys;
use crate::stack::SocketId;
use crate::wire::{IpAddress, Ipv4Addr, SockAddr};

pub type BaseType_t = sys::BaseType_t;
pub type Socket_t = *mut sys::xSOCKET;
pub type ConstSocket_t = *const sys::xSOCKET;

/// `FREERTOS_INVALID_SOCKET` = `(Socket_t)~0U`: all ones in 32 bits, also
/// on a 64-bit host (reference §13.2).
pub const INVALID_SOCKET: usize = !0u32 as usize;

pub fn handle_to_c(id: SocketId) -> Socket_t {
    id.c_handle() as Socket_t
}

#[inline(always)]
pub fn handle_from_c(s: ConstSocket_t) -> Option<SocketId> {
    // The checks out of line, the result in one register (0: refused):
    // an `Option<SocketId>` would come back through memory at every call.
    let v = handle_bits(s);
    core::num::NonZeroU16::new((v >> 16) as u16).map(|generation| SocketId { index: (v as u16).wrapping_sub(1), generation })
}

/// The handle's value when it can name a slot (index + 1 in the low 16
/// bits, not 0), else 0. A zero generation (the top 16 bits) is refused by
/// `handle_from_c`'s `NonZeroU16`.
#[inline(never)]
fn handle_bits(s: ConstSocket_t) -> u32 {
    let v = s as usize;
    if v == 0 || v == INVALID_SOCKET || v >> 31 != 0 || v & 0xffff == 0 {
        return 0;
    }
    v as u32
}

pub const AF_INET: u8 = 2;
pub const AF_INET6: u8 = 10;
pub const SOCKADDR_LEN: usize = core::mem::size_of::<sys::freertos_sockaddr>();

/// Reads the family, port and address of a `struct freertos_sockaddr`: the
/// one place the C type becomes a [`SockAddr`]. The address is read as IPv4
/// whatever `sin_family` says; callers judge the family (each call has
/// upstream's own answer to a wrong one). The IPv6 work reads `sin_address`'s
/// IPv6 member here when the family is `AF_INET6`.
///
/// # Safety
/// `p` must be NULL or point to a readable `struct freertos_sockaddr`.
pub unsafe fn sockaddr_from_c(p: *const sys::freertos_sockaddr) -> Option<(u8, SockAddr)> {
    if p.is_null() {
        return None;
    }
    // SAFETY: per the contract; the IPv4 member of the address union is a
    // plain uint32_t, valid for any bit pattern.
    let (family, port, ip) = unsafe { ((*p).sin_family, (*p).sin_port, (*p).sin_address.ulIP_IPv4) };
    Some((family, SockAddr::v4(Ipv4Addr(ip.to_ne_bytes()), u16::from_be(port))))
}

/// Writes family, port and address (network order); `sin_len` untouched,
/// as upstream's `accept()` leaves it (reference §2.7). The one place a
/// [`SockAddr`] becomes the C type for the API calls (the socket handlers'
/// copies are made in `os::callbacks`); the IPv6 work adds its arm
/// (`AF_INET6`, the IPv6 member) here.
///
/// # Safety
/// `p` must be NULL or point to a writable `struct freertos_sockaddr`.
// Out of line: copies inlined into every caller cost flash (bench/README.md).
#[inline(never)]
pub unsafe fn sockaddr_to_c(p: *mut sys::freertos_sockaddr, a: SockAddr) {
    if p.is_null() {
        return;
    }
    // SAFETY: per the contract.
    unsafe {
        (*p).sin_port = a.port.to_be();
        (*p).sin_flowinfo = 0;
        (*p).sin_address = core::mem::zeroed();
        match a.addr {
            IpAddress::V4(ip) => {
                (*p).sin_family = AF_INET;
                (*p).sin_address.ulIP_IPv4 = u32::from_ne_bytes(ip.0);
            }
        }
    }
}
