//! The metrics calls of include/fptcp_extensions.h (`stack::metrics`):
//! read under the stack's lock, with the buffer pool's and the heap's
//! figures added.
#![forbid(unsafe_code)]

use crate::os::{alloc_kernel, kernel, netbuf};
use super::calls::with;
use crate::stack::metrics::{SocketMetrics, StackMetrics};
use crate::stack::Error;

/// `xFPTCP_GetStackMetrics`.
pub fn stack_metrics() -> Result<StackMetrics, Error> {
    let mut m = with(|g| Ok(g.stack.stack_metrics()))?;
    m.ulBuffersTotal = netbuf::total() as u32;
    m.ulBuffersFree = netbuf::free_count() as u32;
    m.ulBuffersMinimumFree = netbuf::min_free() as u32;
    m.ulHeapUsed = alloc_kernel::in_use().min(u32::MAX as usize) as u32;
    Ok(m)
}

/// `xFPTCP_GetSocketMetrics`: fills `out` with the first sockets' figures
/// and returns how many sockets there are (which may be more).
pub fn socket_metrics(out: &mut [SocketMetrics]) -> Result<usize, Error> {
    with(|g| {
        let now = kernel::now();
        let mut n = 0usize;
        g.stack.socket_metrics(now, |m| {
            if let Some(slot) = out.get_mut(n) {
                *slot = m;
            }
            n += 1;
        });
        Ok(n)
    })
}
