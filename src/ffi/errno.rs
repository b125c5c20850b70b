//! The one place where internal errors become `-pdFREERTOS_ERRNO_*`.
use crate::stack::Error;

/// Kernel errno values (projdefs.h, reference §1.3).
pub mod value {
    pub const EINTR: i64 = 4;
    pub const EBADF: i64 = 9;
    pub const EAGAIN: i64 = 11;
    pub const EWOULDBLOCK: i64 = 11;
    pub const ENOMEM: i64 = 12;
    pub const EINVAL: i64 = 22;
    pub const ENOSPC: i64 = 28;
    pub const EOPNOTSUPP: i64 = 95;
    pub const ENOPROTOOPT: i64 = 109;
    pub const EADDRINUSE: i64 = 112;
    pub const ETIMEDOUT: i64 = 116;
    pub const EINPROGRESS: i64 = 119;
    pub const EISCONN: i64 = 127;
    pub const ENOTCONN: i64 = 128;
    pub const ECANCELED: i64 = 140;
}

/// The negative errno for an error.
pub fn to_c(e: Error) -> i64 {
    use value::*;
    -match e {
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
    }
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
