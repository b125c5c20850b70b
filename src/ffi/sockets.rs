//! The Berkeley-style socket API (reference §1.4, §2). Each export:
//! validate, convert, call `socket::*`, map the result.
use core::ffi::c_void;

use super::errno::{count_or_errno, to_c, unit_or_errno};
use super::{handle_from_c, handle_to_c, sockaddr_from_c, sockaddr_to_c, BaseType_t, ConstSocket_t, Socket_t};
use super::{AF_INET, INVALID_SOCKET, SOCKADDR_LEN};
use crate::os::{mem, sys};
use crate::socket;
use crate::socket::ops::{Query, SocketOption};
use crate::stack::callbacks::HandlerOption;
use crate::stack::{Error, Protocol, SocketId};
use crate::tcp::TcpState;

const SOCK_STREAM: BaseType_t = 1;
const SOCK_DGRAM: BaseType_t = 2;
const IPPROTO_TCP: BaseType_t = 6;
const IPPROTO_UDP: BaseType_t = 17;
const FREERTOS_ZERO_COPY: BaseType_t = 1;

fn invalid_socket() -> Socket_t {
    INVALID_SOCKET as Socket_t
}

/// `FreeRTOS_socket`. COMPAT (§14.5 row 6): a bad domain or a type that
/// does not match the protocol returns `FREERTOS_INVALID_SOCKET` without
/// failing `configASSERT`.
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_socket(xDomain: BaseType_t, xType: BaseType_t, xProtocol: BaseType_t) -> Socket_t {
    if xDomain != AF_INET as BaseType_t {
        return invalid_socket();
    }
    let protocol = match (xType, xProtocol) {
        (SOCK_STREAM, 0 | IPPROTO_TCP) => Protocol::Tcp,
        (SOCK_DGRAM, 0 | IPPROTO_UDP) => Protocol::Udp,
        _ => return invalid_socket(),
    };
    match socket::socket(protocol) {
        Ok(id) => handle_to_c(id),
        Err(_) => invalid_socket(),
    }
}

/// `xSocketValid`: rejects NULL and `FREERTOS_INVALID_SOCKET` (and, beyond
/// upstream, any handle that is not a live socket).
#[unsafe(no_mangle)]
pub extern "C" fn xSocketValid(xSocket: ConstSocket_t) -> BaseType_t {
    handle_from_c(xSocket).is_some_and(socket::exists) as BaseType_t
}

/// `FreeRTOS_bind`: 0, or -EINVAL for every failure (reference §2.3).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_bind(
    xSocket: Socket_t,
    pxAddress: *const sys::freertos_sockaddr,
    xAddressLength: u32,
) -> BaseType_t {
    let _ = xAddressLength;
    let Some(id) = handle_from_c(xSocket) else { return to_c(Error::Invalid) as BaseType_t };
    // SAFETY: the caller passes NULL or a valid address.
    let addr = unsafe { sockaddr_from_c(pxAddress) }.map(|(_, a)| a);
    unit_or_errno(socket::bind(id, addr))
}

#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_listen(xSocket: Socket_t, xBacklog: BaseType_t) -> BaseType_t {
    let Some(id) = handle_from_c(xSocket) else { return to_c(Error::NotSupported) as BaseType_t };
    unit_or_errno(socket::listen(id, xBacklog as i64))
}

/// `FreeRTOS_connect` (reference §2.5).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_connect(
    xClientSocket: Socket_t,
    pxAddress: *const sys::freertos_sockaddr,
    xAddressLength: u32,
) -> BaseType_t {
    let _ = xAddressLength;
    // SAFETY: the caller passes NULL or a valid address.
    let Some((family, remote)) = (unsafe { sockaddr_from_c(pxAddress) }) else {
        return to_c(Error::Invalid) as BaseType_t;
    };
    let Some(id) = handle_from_c(xClientSocket) else { return to_c(Error::BadDescriptor) as BaseType_t };
    if family != AF_INET && !crate::config::IPV4_BACKWARD_COMPATIBLE {
        return to_c(Error::Invalid) as BaseType_t;
    }
    unit_or_errno(socket::connect(id, remote))
}

/// `FreeRTOS_accept`: a child, NULL on timeout, `FREERTOS_INVALID_SOCKET`
/// for a socket that is not listening (reference §2.7).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_accept(
    xServerSocket: Socket_t,
    pxAddress: *mut sys::freertos_sockaddr,
    pxAddressLength: *mut u32,
) -> Socket_t {
    let Some(id) = handle_from_c(xServerSocket) else { return invalid_socket() };
    match socket::accept(id) {
        Ok(Some((child, remote))) => {
            // SAFETY: the caller passes NULL or valid out-parameters.
            unsafe {
                sockaddr_to_c(pxAddress, remote);
                if !pxAddressLength.is_null() {
                    *pxAddressLength = SOCKADDR_LEN as u32;
                }
            }
            handle_to_c(child)
        }
        Ok(None) => core::ptr::null_mut(),
        Err(_) => invalid_socket(),
    }
}

/// `FreeRTOS_recv`: bytes, 0 on timeout, or an errno (reference §2.8).
/// With `FREERTOS_ZERO_COPY`, `pvBuffer` is a `uint8_t **` that gets a
/// pointer into the RX stream; the return value is the contiguous byte
/// count there (nothing consumed: `FreeRTOS_ReleaseTCPPayloadBuffer`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_recv(
    xSocket: Socket_t,
    pvBuffer: *mut c_void,
    uxBufferLength: usize,
    xFlags: BaseType_t,
) -> BaseType_t {
    let Some(id) = handle_from_c(xSocket) else { return to_c(Error::Invalid) as BaseType_t };
    if xFlags & FREERTOS_ZERO_COPY != 0 {
        return super::tcp_zero_copy::recv_zero_copy(id, pvBuffer, xFlags);
    }
    // SAFETY: the caller's buffer is NULL or holds uxBufferLength writable
    // bytes (a length above what memory can hold is clamped, os::mem); a
    // buffer whose part recv() may write lies inside the RX stream is
    // refused under the lock before anything is copied (`Stack::recv`).
    let buf = unsafe { mem::slice_from_c_mut(pvBuffer.cast::<u8>(), uxBufferLength) };
    count_or_errno(socket::recv(id, buf, uxBufferLength, xFlags as i64).map(|n| n as i64))
}

/// `FreeRTOS_send`: bytes queued, 0 after FIN or for length 0, or an errno
/// (reference §2.9). `pvBuffer == NULL` publishes bytes the application
/// wrote at `FreeRTOS_get_tx_head()` (zero-copy TX).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_send(
    xSocket: Socket_t,
    pvBuffer: *const c_void,
    uxDataLength: usize,
    xFlags: BaseType_t,
) -> BaseType_t {
    let Some(id) = handle_from_c(xSocket) else { return to_c(Error::Invalid) as BaseType_t };
    // SAFETY: the caller's buffer is NULL or holds uxDataLength readable
    // bytes (a length above what memory can hold is clamped, os::mem). Data
    // inside the TX stream itself is never copied: the socket layer checks
    // under the lock first (`Stack::send_from`: the bytes written at
    // `FreeRTOS_get_tx_head()` are published as with NULL, anything else
    // there is refused).
    let Some(data) = (unsafe { mem::slice_from_c(pvBuffer.cast::<u8>(), uxDataLength) }) else {
        return if uxDataLength == 0 {
            0
        } else {
            count_or_errno(socket::send_committed(id, uxDataLength).map(|n| n as i64))
        };
    };
    count_or_errno(socket::send(id, data, xFlags as i64).map(|n| n as i64))
}

/// `FreeRTOS_shutdown`: `xHow` is ignored, as upstream does (§2.10),
/// unless `ipconfigFPTCP_SHUTDOWN_HONOURS_HOW` is 1 (COMPAT.md).
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_shutdown(xSocket: Socket_t, xHow: BaseType_t) -> BaseType_t {
    let Some(id) = handle_from_c(xSocket) else { return to_c(Error::NotSupported) as BaseType_t };
    unit_or_errno(socket::shutdown(id, xHow as i64))
}

/// `FreeRTOS_closesocket`: 0 for NULL/`FREERTOS_INVALID_SOCKET`, 1 when the
/// close is under way. COMPAT: a stale or made-up handle also returns 0
/// (upstream: use-after-free).
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_closesocket(xSocket: Socket_t) -> BaseType_t {
    let Some(id) = handle_from_c(xSocket) else { return 0 };
    match socket::close(id) {
        Ok(()) => 1,
        Err(_) => 0,
    }
}

fn query(s: ConstSocket_t, q: Query) -> BaseType_t {
    // COMPAT: upstream dereferences a bad handle here; we return -EINVAL.
    let Some(id) = handle_from_c(s) else { return to_c(Error::Invalid) as BaseType_t };
    count_or_errno(socket::query(id, q))
}

#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_issocketconnected(xSocket: ConstSocket_t) -> BaseType_t {
    query(xSocket, Query::IsConnected)
}

#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_rx_size(xSocket: ConstSocket_t) -> BaseType_t {
    query(xSocket, Query::RxSize)
}

#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_tx_size(xSocket: ConstSocket_t) -> BaseType_t {
    query(xSocket, Query::TxSize)
}

#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_tx_space(xSocket: ConstSocket_t) -> BaseType_t {
    query(xSocket, Query::TxSpace)
}

#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_connstatus(xSocket: ConstSocket_t) -> BaseType_t {
    query(xSocket, Query::ConnStatus)
}

#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_maywrite(xSocket: ConstSocket_t) -> BaseType_t {
    query(xSocket, Query::MayWrite)
}

#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_mss(xSocket: ConstSocket_t) -> BaseType_t {
    query(xSocket, Query::Mss)
}

/// Fills the peer's address; returns 24 (`sizeof(struct freertos_sockaddr)`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_GetRemoteAddress(
    xSocket: ConstSocket_t,
    pxAddress: *mut sys::freertos_sockaddr,
) -> BaseType_t {
    let Some(id) = handle_from_c(xSocket) else { return to_c(Error::Invalid) as BaseType_t };
    if pxAddress.is_null() {
        // COMPAT: upstream writes through the NULL pointer.
        return to_c(Error::Invalid) as BaseType_t;
    }
    match socket::remote_address(id) {
        Ok(a) => {
            // SAFETY: the caller passes NULL or a valid address.
            unsafe { sockaddr_to_c(pxAddress, a) };
            SOCKADDR_LEN as BaseType_t
        }
        Err(e) => to_c(e) as BaseType_t,
    }
}

/// Fills family, local address and port; returns 24.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_GetLocalAddress(
    xSocket: ConstSocket_t,
    pxAddress: *mut sys::freertos_sockaddr,
) -> usize {
    let Some(id) = handle_from_c(xSocket) else { return 0 };
    if pxAddress.is_null() {
        // COMPAT: upstream writes through the NULL pointer; the return type
        // is size_t, so 0 (as for a bad handle) is the error.
        return 0;
    }
    match socket::local_address(id) {
        Ok(a) => {
            // SAFETY: the caller passes NULL or a valid address.
            unsafe { sockaddr_to_c(pxAddress, a) };
            SOCKADDR_LEN
        }
        Err(_) => 0,
    }
}

#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_GetIPType(xSocket: ConstSocket_t) -> BaseType_t {
    match handle_from_c(xSocket).map(socket::protocol) {
        Some(Ok(_)) => 0x40, // ipTYPE_IPv4
        _ => to_c(Error::Invalid) as BaseType_t,
    }
}

#[unsafe(no_mangle)]
pub extern "C" fn xSocketSetSocketID(xSocket: Socket_t, pvSocketID: *mut c_void) -> BaseType_t {
    let Some(id) = handle_from_c(xSocket) else { return to_c(Error::Invalid) as BaseType_t };
    unit_or_errno(socket::set_user_id(id, pvSocketID as usize))
}

#[unsafe(no_mangle)]
pub extern "C" fn pvSocketGetSocketID(xSocket: ConstSocket_t) -> *mut c_void {
    handle_from_c(xSocket).and_then(|id| socket::user_id(id).ok()).unwrap_or(0) as *mut c_void
}

/// `FreeRTOS_setsockopt` (reference §2.4; `lLevel` and the option length
/// are ignored, as upstream does).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn FreeRTOS_setsockopt(
    xSocket: Socket_t,
    lLevel: i32,
    lOptionName: i32,
    pvOptionValue: *const c_void,
    uxOptionLength: usize,
) -> BaseType_t {
    let _ = (lLevel, uxOptionLength);
    let Some(id) = handle_from_c(xSocket) else { return to_c(Error::Invalid) as BaseType_t };
    let Ok(protocol) = socket::protocol(id) else { return to_c(Error::Invalid) as BaseType_t };
    // SAFETY: the caller passes a pointer to the option's documented type.
    let opt = unsafe { decode_option(lOptionName, pvOptionValue, protocol) };
    match opt {
        Ok(o) => unit_or_errno(socket::set_option(id, o)),
        Err(e) => to_c(e) as BaseType_t,
    }
}

/// `F_TCP_UDP_Handler_t`: five function pointers, read as addresses (the
/// C type exists only with `ipconfigUSE_CALLBACKS`; c-tests/abi pins its
/// layout).
#[repr(C)]
struct HandlerSet {
    connected: usize,
    tcp_receive: usize,
    tcp_sent: usize,
    udp_receive: usize,
    udp_sent: usize,
}

/// Reads one option value of the type upstream documents for it.
///
/// # Safety
/// `p` must be NULL or point to a value of the option's type.
unsafe fn decode_option(name: i32, p: *const c_void, protocol: Protocol) -> Result<SocketOption, Error> {
    use crate::config::{SOCKET_HAS_USER_SEMAPHORE, UDP_MAX_RX_PACKETS, USE_CALLBACKS};
    // Which options take only TCP or only UDP sockets, and which read a
    // value: one test of each kind here instead of one in every arm. The
    // socket's kind is checked first (upstream checks it before it reads
    // a handler); both failures are -EINVAL. An option this build does not
    // have is none of them (ENOPROTOOPT below, whatever the socket).
    const CALLBACKS: u32 = if USE_CALLBACKS { 0x7c0 } else { 0 }; // 6..=10
    const TCP_ONLY: u32 =
        (1 << 4) | (1 << 5) | (1 << 11) | (1 << 12) | (1 << 13) | (1 << 14) | (1 << 15) | (1 << 18) | (CALLBACKS & 0x1c0);
    const UDP_ONLY: u32 = (if UDP_MAX_RX_PACKETS != 0 { 1 << 16 } else { 0 }) | (CALLBACKS & 0x600);
    const NEEDS_VALUE: u32 = TCP_ONLY | UDP_ONLY | 0b11 | if SOCKET_HAS_USER_SEMAPHORE { 1 << 3 } else { 0 };
    let bit = if (0..32).contains(&name) { 1u32 << name } else { 0 };
    let wrong_kind = match protocol {
        Protocol::Tcp => bit & UDP_ONLY != 0,
        Protocol::Udp => bit & TCP_ONLY != 0,
    };
    // COMPAT: upstream dereferences NULL here; we return -EINVAL.
    if wrong_kind || (bit & NEEDS_VALUE != 0 && p.is_null()) {
        return Err(Error::Invalid);
    }
    let block = crate::os::kernel::block_time;
    // SAFETY (all reads below): per the function's contract; every option
    // read here is in NEEDS_VALUE, so `p` is not NULL.
    unsafe {
        match name {
            0 => Ok(SocketOption::ReceiveTimeout(block(*p.cast::<sys::TickType_t>()))),
            1 => Ok(SocketOption::SendTimeout(block(*p.cast::<sys::TickType_t>()))),
            2 => Ok(SocketOption::UdpChecksumOut(!p.is_null())),
            4 => Ok(SocketOption::SendBuffer(*p.cast::<u32>())),
            5 => Ok(SocketOption::ReceiveBuffer(*p.cast::<u32>())),
            11 => Ok(SocketOption::ReuseListen(*p.cast::<BaseType_t>() != 0)),
            12 => Ok(SocketOption::CloseAfterSend(*p.cast::<BaseType_t>() != 0)),
            13 => {
                let w = &*p.cast::<sys::WinProperties_t>();
                Ok(SocketOption::WinProperties {
                    tx_buf: w.lTxBufSize,
                    tx_win: w.lTxWinSize,
                    rx_buf: w.lRxBufSize,
                    rx_win: w.lRxWinSize,
                })
            }
            16 if UDP_MAX_RX_PACKETS != 0 => Ok(SocketOption::UdpMaxRxPackets(*p.cast::<sys::UBaseType_t>() as usize)),
            3 if SOCKET_HAS_USER_SEMAPHORE => {
                let sem = *p.cast::<*mut c_void>();
                Ok(SocketOption::Handler(HandlerOption::Semaphore(sem as usize)))
            }
            6..=10 if USE_CALLBACKS => {
                let h = &*p.cast::<HandlerSet>();
                Ok(SocketOption::Handler(match name {
                    6 => HandlerOption::TcpConnected(h.connected),
                    7 => HandlerOption::TcpReceive(h.tcp_receive),
                    8 => HandlerOption::TcpSent(h.tcp_sent),
                    9 => HandlerOption::UdpReceive(h.udp_receive),
                    _ => HandlerOption::UdpSent(h.udp_sent),
                }))
            }
            // The function pointer is the value (NULL clears it).
            17 if crate::config::SOCKET_HAS_USER_WAKE_CALLBACK => {
                Ok(SocketOption::Handler(HandlerOption::Wake(p as usize)))
            }
            18 => {
                let w = &*p.cast::<sys::LowHighWater_t>();
                Ok(SocketOption::LowHighWater { little: w.uxLittleSpace, enough: w.uxEnoughSpace })
            }
            14 => Ok(SocketOption::FullSize(*p.cast::<BaseType_t>() != 0)),
            15 => Ok(SocketOption::StopRx(*p.cast::<BaseType_t>() != 0)),
            // The rest depend on features this build does not have.
            _ => Err(Error::NoProtocolOption),
        }
    }
}

/// `FreeRTOS_netstat`: the IP task prints through `FreeRTOS_printf`.
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_netstat() {
    socket::netstat();
}

/// The state's identifier including the leading `e` (reference §1.2).
#[unsafe(no_mangle)]
pub extern "C" fn FreeRTOS_GetTCPStateName(ulState: sys::UBaseType_t) -> *const core::ffi::c_char {
    const NAMES: [&[u8]; 13] = [
        b"eCLOSED\0",
        b"eTCP_LISTEN\0",
        b"eCONNECT_SYN\0",
        b"eSYN_FIRST\0",
        b"eSYN_RECEIVED\0",
        b"eESTABLISHED\0",
        b"eFIN_WAIT_1\0",
        b"eFIN_WAIT_2\0",
        b"eCLOSE_WAIT\0",
        b"eCLOSING\0",
        b"eLAST_ACK\0",
        b"eTIME_WAIT\0",
        b"eUNKNOWN\0",
    ];
    let i = (ulState as usize).min(NAMES.len() - 1);
    let _ = TcpState::Closed;
    NAMES[i].as_ptr().cast()
}

#[allow(dead_code)]
fn _assert_handle_roundtrip(id: SocketId) -> bool {
    handle_from_c(handle_to_c(id)) == Some(id)
}


