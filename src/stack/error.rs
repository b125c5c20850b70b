//! Errors of socket operations. `ffi::errno` alone turns them into the
//! negative `pdFREERTOS_ERRNO_*` values the C API returns.
#![forbid(unsafe_code)]

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// Invalid or stale handle, wrong protocol, bad argument, unbound.
    Invalid,
    NoProtocolOption,
    NotConnected,
    NotSupported,
    IsConnected,
    InProgress,
    /// `connect()` on a socket in a state that cannot connect (upstream
    /// returns EAGAIN, the same value as EWOULDBLOCK).
    Again,
    WouldBlock,
    NoMemory,
    NoSpace,
    BadDescriptor,
    TimedOut,
    Canceled,
    Interrupted,
    AddressInUse,
}
