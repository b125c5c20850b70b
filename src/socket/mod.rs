//! The socket calls: what each `FreeRTOS_*` socket function means.
//!
//! * [`ops`] is the meaning of one attempt of each call on the stack (pure,
//!   tested on the host): return values per reference §2 and §14.1, and
//!   `Progress::Pending` where the call would have to wait.
//! * `calls` (kernel builds only) gives them FreeRTOS semantics: the global
//!   stack behind the IP task's lock, block times on per-socket event
//!   groups, waking the IP task when a call gave it work.
//!
//! `ffi` calls these functions and `ip_task`'s, nothing below them.
#![forbid(unsafe_code)]

pub mod ops;
pub mod ops_zero_copy;

#[cfg(not(any(test, feature = "fuzzing")))]
mod calls;
#[cfg(not(any(test, feature = "fuzzing")))]
pub use calls::*;
#[cfg(not(any(test, feature = "fuzzing")))]
mod zero_copy;
#[cfg(not(any(test, feature = "fuzzing")))]
pub use zero_copy::*;

#[cfg(not(any(test, feature = "fuzzing")))]
pub mod dns;
#[cfg(not(any(test, feature = "fuzzing")))]
pub mod select;
#[cfg(not(any(test, feature = "fuzzing")))]
mod tcp_zero_copy;
#[cfg(not(any(test, feature = "fuzzing")))]
pub use tcp_zero_copy::*;
#[cfg(all(not(any(test, feature = "fuzzing")), fptcp_metrics))]
pub mod metrics;
