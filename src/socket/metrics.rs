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

/// `xFPTCP_GetSocketMetrics`: gives every socket's figures to `each` in
/// turn, with its position, and returns how many sockets there are. The
/// caller keeps those that fit its array: the FFI writes them one by one
/// instead of making a slice of the length C claims.
pub fn socket_metrics(mut each: impl FnMut(usize, SocketMetrics)) -> Result<usize, Error> {
    with(|g| {
        let now = kernel::now();
        let mut n = 0usize;
        g.stack.socket_metrics(now, |m| {
            each(n, m);
            n += 1;
        });
        Ok(n)
    })
}
