//! The application's configuration, as the library sees it.
//!
//! `build.rs` evaluates the application's `FreeRTOSConfig.h` and
//! `FreeRTOSIPConfig.h` (after upstream's defaults) with clang and writes the
//! values used here into `OUT_DIR/config.rs`; options the library does not
//! support yet fail the build there, naming the option.
#![forbid(unsafe_code)]
#![allow(dead_code)]

mod generated {
    include!(concat!(env!("OUT_DIR"), "/config.rs"));
}
pub use generated::*;

use crate::time::TickRate;

/// Whether the stack's settings may differ from the application's options
/// at run time: host tests and fuzz targets build stacks with settings and
/// options of their own. In a firmware build they never do, so code that
/// tests an option here lets the compiler fold it and leave out what an
/// option that is off does not need (bench/README.md).
pub const RUNTIME_SETTINGS: bool = cfg!(any(test, feature = "fuzzing"));

/// The kernel tick rate.
pub const TICK_RATE: TickRate = TickRate::new(TICK_RATE_HZ);

/// Upstream's default socket block times, in ticks; `None` = `portMAX_DELAY`.
pub const DEFAULT_RECEIVE_BLOCK: Option<u32> =
    if RCV_BLOCK_IS_MAX { None } else { Some(RCV_BLOCK_TICKS_LO) };
pub const DEFAULT_SEND_BLOCK: Option<u32> =
    if SND_BLOCK_IS_MAX { None } else { Some(SND_BLOCK_TICKS_LO) };

/// The TX stream size as upstream computes it: the configured length rounded
/// up to a whole number of MSS (reference §2.2).
pub const fn tx_stream_size(bytes: usize, mss: usize) -> usize {
    if mss == 0 {
        return bytes;
    }
    bytes.div_ceil(mss) * mss
}

/// Upstream's default window: max(1, (stream size / 2) / MSS) segments.
pub const fn default_window_segments(stream: usize, mss: usize) -> u32 {
    let w = match (stream / 2).checked_div(mss) {
        Some(w) => w,
        None => 1,
    };
    if w == 0 { 1 } else { w as u32 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_and_window_rules() {
        assert_eq!(tx_stream_size(5840, 1460), 5840);
        assert_eq!(tx_stream_size(4096, 1460), 4380);
        assert_eq!(default_window_segments(5840, 1460), 2);
        assert_eq!(default_window_segments(1000, 1460), 1);
    }
}
