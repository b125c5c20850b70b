//! TCP zero-copy, one attempt of each call (reference §2.8, §2.9; issue
//! #8): `FreeRTOS_recv` with `FREERTOS_ZERO_COPY` hands out the readable
//! bytes where they lie in the RX stream, `FreeRTOS_ReleaseTCPPayloadBuffer`
//! consumes them; `FreeRTOS_get_tx_head` hands out the free TX space after
//! the head, `FreeRTOS_send(s, NULL, n, 0)` publishes what was written
//! there; `FreeRTOS_get_tx_base` is where the TX buffer starts.
//!
//! Addresses are plain numbers here (this layer has no pointers); `ffi`
//! turns them into C pointers. What the application may do with them, and
//! for how long, is in COMPAT.md ("TCP zero-copy"): the memory belongs to
//! the socket's stream and stays valid until the socket is closed or
//! reconnected; the stack never frees it while the socket lives.
#![forbid(unsafe_code)]

use crate::socket::ops::{CountOr, Progress};
use crate::stack::{Error, SocketId, Stack};

impl Stack {
    /// `FreeRTOS_recv(.., FREERTOS_ZERO_COPY)`: (address, bytes) of the
    /// readable bytes up to the ring's wrap point, not consumed. Errors and
    /// `Pending` as for `recv`.
    pub fn recv_zero_copy(&mut self, id: SocketId) -> Result<Progress<(usize, usize)>, Error> {
        // The checks and the "no data" answers are recv's own: a read of
        // 0 bytes does exactly those and touches nothing.
        if self.tcp_rx_len(id)? == 0 {
            return self.recv(id, None, 0, true).map(|_| Progress::Pending);
        }
        let tcp = self.sockets.get(id).filter(|s| !s.closing).and_then(|s| s.tcp()).ok_or(Error::Invalid)?;
        let view = tcp.tcb.rx_contiguous();
        Ok(Progress::Done((view.as_ptr() as usize, view.len())))
    }

    fn tcp_rx_len(&self, id: SocketId) -> Result<usize, Error> {
        let s = self.sockets.get(id).filter(|s| !s.closing).ok_or(Error::Invalid)?;
        if s.port().is_none() {
            return Err(Error::Invalid);
        }
        Ok(s.tcp().ok_or(Error::Invalid)?.tcb.rx_len())
    }

    /// `FreeRTOS_ReleaseTCPPayloadBuffer`: consumes `n` bytes when `addr`
    /// is where a zero-copy `recv` points now and at least `n` bytes lie
    /// contiguously there (upstream asserts both); false otherwise, with
    /// nothing consumed.
    pub fn release_rx(&mut self, id: SocketId, addr: usize, n: usize) -> Result<bool, Error> {
        let s = self.sockets.get_mut(id).filter(|s| !s.closing).ok_or(Error::Invalid)?;
        let tcp = s.tcp_mut().ok_or(Error::Invalid)?;
        let view = tcp.tcb.rx_contiguous();
        if view.is_empty() || view.as_ptr() as usize != addr || view.len() < n {
            return Ok(false);
        }
        Ok(tcp.tcb.discard(n) == n)
    }

    /// `FreeRTOS_get_tx_head`: (address, bytes) of the free TX space after
    /// the head up to the ring's wrap point, creating the stream.
    pub fn tx_head(&mut self, id: SocketId) -> Result<(usize, usize), Error> {
        let s = self.sockets.get_mut(id).filter(|s| !s.closing).ok_or(Error::Invalid)?;
        let tcp = s.tcp_mut().ok_or(Error::Invalid)?;
        if tcp.tcb.alloc_failed() {
            return Err(Error::NoMemory);
        }
        let space = tcp.tcb.tx_head_space().map_err(|_| Error::NoMemory)?;
        Ok((space.as_ptr() as usize, space.len()))
    }

    /// `FreeRTOS_get_tx_base`: where the TX buffer starts, creating it.
    pub fn tx_base(&mut self, id: SocketId) -> Result<usize, Error> {
        let s = self.sockets.get_mut(id).filter(|s| !s.closing).ok_or(Error::Invalid)?;
        let tcp = s.tcp_mut().ok_or(Error::Invalid)?;
        if tcp.tcb.alloc_failed() {
            return Err(Error::NoMemory);
        }
        tcp.tcb.tx_base_addr().map_err(|_| Error::NoMemory)
    }

    /// `FreeRTOS_get_rx_buf`: where the RX stream's `StreamBuffer_t`
    /// starts; Ok(None) before the stream exists (it is created with the
    /// first received byte, as upstream's). Any TCP socket qualifies, bound
    /// or not (upstream checks only the protocol); one being closed does not.
    pub fn rx_buf(&self, id: SocketId) -> Result<Option<usize>, Error> {
        let s = self.sockets.get(id).filter(|s| !s.closing).ok_or(Error::Invalid)?;
        Ok(s.tcp().ok_or(Error::Invalid)?.tcb.rx_struct_addr())
    }

    /// `FreeRTOS_send(s, NULL, n, 0)`: publishes up to `n` bytes written at
    /// the TX head (as much as is free); the checks are `send`'s. Never
    /// waits: the bytes are already in place, or they are not.
    #[inline]
    pub fn send_committed(&mut self, id: SocketId, n: usize) -> Result<usize, Error> {
        self.send_committed_count(id, n).get()
    }

    /// `send_committed` with its result in registers (`CountOr`), the one
    /// out-of-line copy.
    #[inline(never)]
    pub(crate) fn send_committed_count(&mut self, id: SocketId, n: usize) -> CountOr {
        CountOr::of(self.send_committed_attempt(id, n))
    }

    #[inline(always)]
    fn send_committed_attempt(&mut self, id: SocketId, n: usize) -> Result<usize, Error> {
        // send() with no data runs every check and queues nothing.
        self.send(id, &[])?;
        // (A bound TCP socket: send() checked.)
        let tcp = self.bound_tcp(id).ok_or(Error::Invalid)?;
        Ok(tcp.tcb.tx_commit(n))
    }
}
