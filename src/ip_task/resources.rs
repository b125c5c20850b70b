//! `vPrintResourceStats`: the network-buffer low-water mark, printed when
//! it went down since the last call (upstream's line).
#![forbid(unsafe_code)]

use core::sync::atomic::{AtomicUsize, Ordering};

use crate::os::netbuf;
use crate::text::Line;

/// The lowest free count printed so far (usize::MAX: none yet).
static LAST_MINIMUM: AtomicUsize = AtomicUsize::new(usize::MAX);

/// Prints "Network buffers: FREE lowest MIN" through `FreeRTOS_printf`
/// when the minimum is below the one printed last; returns whether it did.
pub fn print_resource_stats() -> bool {
    let minimum = netbuf::min_free();
    if LAST_MINIMUM.fetch_min(minimum, Ordering::AcqRel) <= minimum {
        return false;
    }
    let mut line = Line::<64>::default();
    line.write(|t| {
        t.str("Network buffers: ").dec(netbuf::free_count() as u32).str(" lowest ").dec(minimum as u32).byte(b'\n');
    });
    crate::os::print(line.as_bytes());
    true
}
