//! The one place where internal errors become `-pdFREERTOS_ERRNO_*`.
use crate::stack::Error;

/// Kernel errno values (projdefs.h, reference §1.3). Bytes, so that the
/// match in `to_c` becomes a table of bytes.
pub mod value {
    pub const EINTR: u8 = 4;
    pub const EBADF: u8 = 9;
    pub const EAGAIN: u8 = 11;
    pub const EWOULDBLOCK: u8 = 11;
    pub const ENOMEM: u8 = 12;
    pub const EINVAL: u8 = 22;
    pub const ENOSPC: u8 = 28;
    pub const EOPNOTSUPP: u8 = 95;
    pub const ENOPROTOOPT: u8 = 109;
    pub const EADDRINUSE: u8 = 112;
    pub const ETIMEDOUT: u8 = 116;
    pub const EINPROGRESS: u8 = 119;
    pub const EISCONN: u8 = 127;
    pub const ENOTCONN: u8 = 128;
    pub const ECANCELED: u8 = 140;
}

/// The negative errno for an error.
pub fn to_c(e: Error) -> i64 {
    use value::*;
    let positive = match e {
        Error::Invalid => EINVAL,
        Error::NoProtocolOption => ENOPROTOOPT,
        Error::NotConnected => ENOTCONN,
        Error::NotSupported => EOPNOTSUPP,
        Error::IsConnected => EISCONN,
        Error::InProgress => EINPROGRESS,
        Error::Again => EAGAIN,
        Error::WouldBlock => EWOULDBLOCK,
        Error::NoMemory => ENOMEM,
        Error::NoSpace => ENOSPC,
        Error::BadDescriptor => EBADF,
        Error::TimedOut => ETIMEDOUT,
        Error::Canceled => ECANCELED,
        Error::Interrupted => EINTR,
        Error::AddressInUse => EADDRINUSE,
    };
    -i64::from(positive)
}

/// A count or an errno, as `BaseType_t`.
pub fn count_or_errno(r: Result<i64, Error>) -> super::BaseType_t {
    match r {
        Ok(v) => v as super::BaseType_t,
        Err(e) => to_c(e) as super::BaseType_t,
    }
}

pub fn unit_or_errno(r: Result<(), Error>) -> super::BaseType_t {
    count_or_errno(r.map(|_| 0))
}
