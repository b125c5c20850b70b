//! A `no_std` TCP/IP stack behind the FreeRTOS+TCP V4.4.1 C ABI.
//!
//! Layers point one way (see ARCHITECTURE.md):
//!
//! ```text
//! ffi -> socket -> stack (IP task state) -> tcp (engine) -> wire (formats)
//!          os (kernel, buffers, hooks) sits behind narrow interfaces
//! ```
//!
//! * [`wire`] parses and emits frames and never panics on any input.
//! * [`tcp`] is a pure per-connection engine: it gets `now` and a segment,
//!   timer or user request, and emits segments through a sink.
//! * [`stack`] is what the IP task runs: end-points, ARP, IPv4, ICMP, TCP
//!   demultiplexing, listeners, children and backlog, netstat. Pure: time and
//!   the outside world come in through arguments and the [`stack::Env`] trait.
//! * [`socket`] gives FreeRTOS semantics: the global stack behind one kernel
//!   mutex, handles, blocking with timeouts on per-socket event groups, and
//!   the IP task's loop.
//! * [`os`] wraps the kernel, the network buffer pool and the application's
//!   hooks (all `unsafe` FFI below the socket layer lives there).
//! * [`ffi`] holds every exported C symbol.
// Host builds (unit tests and the `fuzzing` feature for fuzz/) use std and
// leave out the kernel FFI.
#![cfg_attr(not(any(test, feature = "fuzzing")), no_std)]
#![deny(unsafe_code)]

extern crate alloc;

pub mod addr;
pub mod config;
pub mod stack;
pub mod tcp;
pub mod text;
pub mod time;
pub mod wire;
pub mod stream_buffer;

pub mod socket;

#[cfg(not(any(test, feature = "fuzzing")))]
pub mod ip_task;

#[allow(unsafe_code)]
pub mod os;

#[cfg(not(any(test, feature = "fuzzing")))]
#[allow(unsafe_code)]
pub mod ffi;
