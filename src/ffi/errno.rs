//! The one place where internal errors become `-pdFREERTOS_ERRNO_*`, and
//! the one table of errno values and names. The values are the kernel's
//! own (`projdefs.h`, through bindgen), never typed again here.
use crate::os::sys;
use crate::stack::Error;

/// The `pdFREERTOS_ERRNO_*` values the library returns, as bytes (all are
/// below 256), so that the match in `to_c` becomes a table of bytes.
pub mod value {
    use super::sys;

    pub const EINTR: u8 = sys::pdFREERTOS_ERRNO_EINTR as u8;
    pub const EBADF: u8 = sys::pdFREERTOS_ERRNO_EBADF as u8;
    pub const EAGAIN: u8 = sys::pdFREERTOS_ERRNO_EAGAIN as u8;
    pub const EWOULDBLOCK: u8 = sys::pdFREERTOS_ERRNO_EWOULDBLOCK as u8;
    pub const ENOENT: u8 = sys::pdFREERTOS_ERRNO_ENOENT as u8;
    pub const ENOMEM: u8 = sys::pdFREERTOS_ERRNO_ENOMEM as u8;
    pub const EINVAL: u8 = sys::pdFREERTOS_ERRNO_EINVAL as u8;
    pub const ENOSPC: u8 = sys::pdFREERTOS_ERRNO_ENOSPC as u8;
    pub const EOPNOTSUPP: u8 = sys::pdFREERTOS_ERRNO_EOPNOTSUPP as u8;
    pub const EAFNOSUPPORT: u8 = sys::pdFREERTOS_ERRNO_EAFNOSUPPORT as u8;
    pub const ENOPROTOOPT: u8 = sys::pdFREERTOS_ERRNO_ENOPROTOOPT as u8;
    pub const EADDRINUSE: u8 = sys::pdFREERTOS_ERRNO_EADDRINUSE as u8;
    pub const ETIMEDOUT: u8 = sys::pdFREERTOS_ERRNO_ETIMEDOUT as u8;
    pub const EINPROGRESS: u8 = sys::pdFREERTOS_ERRNO_EINPROGRESS as u8;
    pub const EADDRNOTAVAIL: u8 = sys::pdFREERTOS_ERRNO_EADDRNOTAVAIL as u8;
    pub const EISCONN: u8 = sys::pdFREERTOS_ERRNO_EISCONN as u8;
    pub const ENOTCONN: u8 = sys::pdFREERTOS_ERRNO_ENOTCONN as u8;
    pub const ECANCELED: u8 = sys::pdFREERTOS_ERRNO_ECANCELED as u8;
}

// Every value must fit the byte it is stored in.
const _: () = assert!(sys::pdFREERTOS_ERRNO_ECANCELED < 256 && sys::pdFREERTOS_ERRNO_ENOTCONN < 256);

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

/// The name `FreeRTOS_strerror_r` gives an errno value (positive): the
/// codes the library produces (reference §1.3) and EADDRNOTAVAIL, as
/// upstream names them; None for the others, which print as "Errno 0x..".
/// EAGAIN has EWOULDBLOCK's value and name.
pub fn name(errno: i64) -> Option<&'static str> {
    use value::*;
    const NAMES: [(u8, &str); 15] = [
        (EINTR, "EINTR"),
        (EBADF, "EBADF"),
        (EWOULDBLOCK, "EWOULDBLOCK"),
        (ENOMEM, "ENOMEM"),
        (EINVAL, "EINVAL"),
        (ENOSPC, "ENOSPC"),
        (EOPNOTSUPP, "EOPNOTSUPP"),
        (ENOPROTOOPT, "ENOPROTOOPT"),
        (EADDRINUSE, "EADDRINUSE"),
        (ETIMEDOUT, "ETIMEDOUT"),
        (EINPROGRESS, "EINPROGRESS"),
        (EADDRNOTAVAIL, "EADDRNOTAVAIL"),
        (EISCONN, "EISCONN"),
        (ENOTCONN, "ENOTCONN"),
        (ECANCELED, "ECANCELED"),
    ];
    NAMES.iter().find(|(v, _)| i64::from(*v) == errno).map(|(_, n)| *n)
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
