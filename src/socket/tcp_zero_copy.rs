//! TCP zero-copy with FreeRTOS semantics (the attempts are in
//! `ops_zero_copy.rs`): a zero-copy `recv` blocks like `recv`; the others
//! never wait. Every call that frees RX space or queues data wakes the IP
//! task, as `recv` and `send` do.
#![forbid(unsafe_code)]

use super::calls::{block, with, Wait};
use crate::ip_task::wake_ip_task;
use crate::stack::{event, Error, SocketId};

/// `FreeRTOS_recv(s, &p, len, FREERTOS_ZERO_COPY)`: (address, bytes) of
/// the readable bytes where they lie; Ok(None) on timeout.
pub fn recv_zero_copy(id: SocketId, flags: i64) -> Result<Option<(usize, usize)>, Error> {
    block(id, event::RECEIVE, Wait::receive(flags), move |g| g.stack.recv_zero_copy(id))
}

/// `FreeRTOS_ReleaseTCPPayloadBuffer`: true when `n` bytes at `addr` were
/// consumed.
pub fn release_rx(id: SocketId, addr: usize, n: usize) -> Result<bool, Error> {
    let done = with(|g| g.stack.release_rx(id, addr, n))?;
    if done && n > 0 {
        // Freed RX space may open the window.
        wake_ip_task();
    }
    Ok(done)
}

/// `FreeRTOS_get_tx_head`: (address, contiguous free bytes).
pub fn tx_head(id: SocketId) -> Result<(usize, usize), Error> {
    with(|g| g.stack.tx_head(id))
}

/// `FreeRTOS_get_tx_base`.
pub fn tx_base(id: SocketId) -> Result<usize, Error> {
    with(|g| g.stack.tx_base(id))
}

/// `FreeRTOS_get_rx_buf`: the RX stream's address, None before it exists.
pub fn rx_buf(id: SocketId) -> Result<Option<usize>, Error> {
    with(|g| g.stack.rx_buf(id))
}

/// `FreeRTOS_send(s, NULL, n, 0)`: bytes published.
pub fn send_committed(id: SocketId, n: usize) -> Result<usize, Error> {
    let queued = with(|g| g.stack.send_committed_count(id, n).get())?;
    if queued > 0 {
        wake_ip_task();
    }
    Ok(queued)
}
