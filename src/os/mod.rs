//! The kernel, the network buffer pool and the application's hooks.
//!
//! This module and `ffi` are the only places with `unsafe`. Everything here
//! offers a safe interface to the layers above: a kernel mutex that owns its
//! data, event groups, the IP task's event queue, the tick clock, the buffer
//! pool, and calls into the application's hooks.
#![deny(unsafe_op_in_unsafe_fn)]
#![allow(non_upper_case_globals, non_camel_case_types, non_snake_case, dead_code)]
// Kernel and C types differ in width between the host (64-bit BaseType_t,
// TickType_t) and the board (32-bit): a cast that is a no-op on one target
// is needed on the other.
#![allow(clippy::unnecessary_cast)]
// Functions here take pointers that C hands us and check them before use
// (e.g. a buffer descriptor must be one of the pool's own): they are safe
// to call with any value, so they are not `unsafe fn`.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

// Only `fallible` and `mem` are part of host builds (unit tests, the
// `fuzzing` feature); the rest needs the kernel.
pub mod fallible;
pub mod mem;

#[cfg(not(any(test, feature = "fuzzing")))]
pub mod alloc_kernel;
#[cfg(not(any(test, feature = "fuzzing")))]
pub mod callbacks;
#[cfg(not(any(test, feature = "fuzzing")))]
pub mod deferred;
#[cfg(not(any(test, feature = "fuzzing")))]
pub mod hooks;
#[cfg(not(any(test, feature = "fuzzing")))]
pub mod kernel;
#[cfg(not(any(test, feature = "fuzzing")))]
pub mod netbuf;
#[cfg(not(any(test, feature = "fuzzing")))]
pub mod netif;
#[cfg(not(any(test, feature = "fuzzing")))]
pub mod pcap;
#[cfg(not(any(test, feature = "fuzzing")))]
pub mod rawbuf;

/// bindgen's view of the kernel API and of our drop-in headers.
#[cfg(not(any(test, feature = "fuzzing")))]
#[allow(clippy::all, unsafe_op_in_unsafe_fn, improper_ctypes, unnecessary_transmutes)]
pub mod sys {
    include!(concat!(env!("OUT_DIR"), "/sys.rs"));
}

#[cfg(not(any(test, feature = "fuzzing")))]
pub use kernel::{now, EventGroup, KernelMutex};

/// Prints one line (ending in '\n') through the application's
/// `FreeRTOS_printf`; nothing when `ipconfigHAS_PRINTF` is 0.
#[cfg(not(any(test, feature = "fuzzing")))]
pub fn print(line: &[u8]) {
    if !crate::config::HAS_PRINTF {
        // The shim would drop every piece; the callers' text goes too.
        return;
    }
    // FreeRTOS_printf takes a C string: copy into a NUL-terminated buffer,
    // in pieces if the line is long.
    const PIECE: usize = 119;
    let mut buf = [0u8; PIECE + 1];
    for chunk in line.chunks(PIECE) {
        for (dst, &b) in buf.iter_mut().zip(chunk.iter().chain(&[0])) {
            *dst = b;
        }
        // SAFETY: `buf` holds a NUL-terminated byte string that outlives the
        // call; the shim only passes it to the application's printf as "%s".
        unsafe { sys::fptcp_shim_print(buf.as_ptr().cast()) };
    }
}

/// Reports a fatal error through the application's `configASSERT`.
#[cfg(not(any(test, feature = "fuzzing")))]
pub fn assert_failed(file: &str, line: u32) -> ! {
    // The last byte stays 0: a longer path is cut there.
    let mut buf = [0u8; 96];
    for (dst, &b) in buf.iter_mut().take(95).zip(file.as_bytes()) {
        *dst = b;
    }
    // SAFETY: NUL-terminated buffer valid for the call; the shim does not
    // return (it asserts, then halts with interrupts disabled).
    unsafe { sys::fptcp_shim_assert_failed(buf.as_ptr().cast(), line) };
    #[allow(clippy::empty_loop)]
    loop {}
}
