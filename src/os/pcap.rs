//! `ipconfigFPTCP_PCAP_CAPTURE`: every frame received or sent, with a
//! timestamp, to the application's hook as a pcap record (16-byte record
//! header, then the frame), so it can write a file Wireshark opens or
//! stream one out of a board (include/fptcp_extensions.h).
//!
//! The hook and its context live in two atomics, written only under the
//! stack's lock (`ffi::extensions`); captures happen under the same lock
//! (the IP task's receive and every transmission), so a capture never sees
//! one without the other. The hook is called with the lock held: it must
//! copy what it wants and return, never call the FreeRTOS+TCP API (such a
//! call would fail, as every call from inside the stack does).
#![allow(dead_code)]

use core::ffi::c_void;
use core::sync::atomic::{AtomicUsize, Ordering};

use crate::config;

/// `FPTCP_PcapHook_t`.
pub type Hook = unsafe extern "C" fn(*mut c_void, *const u8, *const u8, usize);

static HOOK: AtomicUsize = AtomicUsize::new(0);
static CONTEXT: AtomicUsize = AtomicUsize::new(0);

/// Sets (or with None, removes) the hook. Callers hold the stack's lock,
/// or the IP task does not run yet.
pub fn set_hook(hook: Option<Hook>, context: *mut c_void) {
    HOOK.store(0, Ordering::Release);
    CONTEXT.store(context as usize, Ordering::Release);
    HOOK.store(hook.map_or(0, |h| h as usize), Ordering::Release);
}

/// The 24-byte pcap file header (microsecond timestamps, Ethernet), in
/// this machine's byte order as pcap readers expect.
pub fn file_header() -> [u8; 24] {
    let mut h = [0u8; 24];
    let fields: [(usize, &[u8]); 6] = [
        (0, &0xa1b2_c3d4u32.to_ne_bytes()),
        (4, &2u16.to_ne_bytes()),
        (6, &4u16.to_ne_bytes()),
        (16, &65_535u32.to_ne_bytes()),
        (20, &1u32.to_ne_bytes()),
        (8, &0u32.to_ne_bytes()),
    ];
    for (at, bytes) in fields {
        for (i, b) in bytes.iter().enumerate() {
            if let Some(slot) = h.get_mut(at + i) {
                *slot = *b;
            }
        }
    }
    h
}

/// Hands one frame to the hook, if there is one (captures are off in a
/// build without `ipconfigFPTCP_PCAP_CAPTURE`).
pub fn capture(frame: &[u8]) {
    if !config::FPTCP_PCAP_CAPTURE {
        return;
    }
    let hook = HOOK.load(Ordering::Acquire);
    if hook == 0 {
        return;
    }
    let context = CONTEXT.load(Ordering::Acquire) as *mut c_void;
    // The 32-bit tick count: 49 days at 1 kHz before the timestamps wrap.
    let ticks = crate::os::kernel::now().ticks();
    let hz = config::TICK_RATE.ms(1000).ticks().max(1);
    let usec = (ticks % hz).saturating_mul(1_000_000 / hz);
    let len = frame.len().min(u32::MAX as usize) as u32;
    let mut record = [0u8; 16];
    for (i, v) in [ticks / hz, usec, len, len].into_iter().enumerate() {
        for (j, b) in v.to_ne_bytes().into_iter().enumerate() {
            if let Some(slot) = record.get_mut(i * 4 + j) {
                *slot = b;
            }
        }
    }
    // SAFETY: `hook` was stored from a `Hook` by `set_hook` (never another
    // value but 0, checked above); the application's function gets two
    // pointers valid for the call (16 and `frame.len()` bytes) and its own
    // context.
    unsafe {
        let f: Hook = core::mem::transmute::<usize, Hook>(hook);
        f(context, record.as_ptr(), frame.as_ptr(), frame.len());
    }
}
