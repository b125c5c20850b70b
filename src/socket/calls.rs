//! FreeRTOS socket semantics on top of the stack: handles, block times,
//! waking the IP task. Every function here is what one exported C call
//! does, minus the pointer conversions (`ffi`) and the errno mapping
//! (`ffi::errno`).
//!
//! Blocking follows upstream (reference §2.0): test once; if the call may
//! wait (block time > 0, no `FREERTOS_MSG_DONTWAIT`, not the IP task),
//! sleep on the socket's event group until the IP task signals a change or
//! the block time runs out, then test again. The bits are cleared before
//! each test, so a signal that arrives between the test and the sleep is
//! never lost.
#![forbid(unsafe_code)]

use crate::ip_task::{self, wake_ip_task};
use crate::os::{kernel, netbuf};
use crate::stack::udp::PAYLOAD_OFFSET;
use crate::stack::Env;
use crate::socket::ops::{CountOr, Progress, Query, SocketOption};
use crate::stack::{event, Error, Protocol, SocketId};
use crate::time::Instant;
use crate::wire::SockAddr;

/// `FREERTOS_MSG_DONTWAIT`, `FREERTOS_MSG_PEEK`.
pub const MSG_PEEK: i64 = 4;
pub const MSG_DONTWAIT: i64 = 16;

/// Runs `f` on the stack under the lock; `Error::Invalid` before
/// `FreeRTOS_IPInit` or from a hook inside the stack (see `with_stack`).
#[inline(always)]
pub(super) fn with<R>(f: impl FnOnce(&mut ip_task::Global) -> Result<R, Error>) -> Result<R, Error> {
    // Not `with_stack(f).unwrap_or(..)`: wrapping the result in an Option
    // first costs a copy of it in every caller.
    let Some(mut g) = ip_task::lock_stack() else { return Err(Error::Invalid) };
    // The time of this call, for the opt-in metrics, CLOSE_WAIT reaper and
    // netstat diagnostics (stack::extensions), which record the
    // application's calls.
    if g.stack.ext.tracking() {
        g.stack.ext.app_now = kernel::now();
    }
    f(&mut g)
}

pub(crate) fn on_ip_task() -> bool {
    kernel::current_task() == ip_task::TASK_HANDLE.load(core::sync::atomic::Ordering::Acquire)
}

/// How long a blocking call may wait.
#[derive(Copy, Clone)]
pub(super) enum Wait {
    /// The socket's receive block time, read under the lock the wait
    /// starts with: one lock round trip fewer than reading it first.
    Receive,
    /// This many ticks; None: forever.
    Ticks(Option<u32>),
}

impl Wait {
    /// `Receive`, or no wait at all with `FREERTOS_MSG_DONTWAIT`.
    pub(super) fn receive(flags: i64) -> Wait {
        if flags & MSG_DONTWAIT != 0 { Wait::Ticks(Some(0)) } else { Wait::Receive }
    }
}

/// Repeats `attempt` until it is done or the wait is over, sleeping on the
/// socket's event group for `bits` in between. Returns None on timeout.
pub(super) fn block<T>(
    id: SocketId,
    bits: u32,
    wait: Wait,
    attempt: impl FnMut(&mut ip_task::Global) -> Result<Progress<T>, Error>,
) -> Result<Option<T>, Error> {
    block_for(id, bits, wait, false, attempt)
}

/// `block` for the calls a signal interrupts (`FreeRTOS_SignalSocket`,
/// reference §2.8, §2.13): an attempt that must wait while the socket is
/// signalled fails with `Interrupted` (the signal is consumed).
pub(super) fn block_interruptible<T>(
    id: SocketId,
    bits: u32,
    wait: Wait,
    attempt: impl FnMut(&mut ip_task::Global) -> Result<Progress<T>, Error>,
) -> Result<Option<T>, Error> {
    block_for(id, bits, wait, true, attempt)
}

fn block_for<T>(
    id: SocketId,
    bits: u32,
    wait: Wait,
    interruptible: bool,
    mut attempt: impl FnMut(&mut ip_task::Global) -> Result<Progress<T>, Error>,
) -> Result<Option<T>, Error> {
    let mut done = None;
    // The adapter owns `attempt` (one pointer fewer to follow per call);
    // only the result slot is borrowed.
    let slot = &mut done;
    block_until(id, bits, wait, interruptible, &mut move |g| match attempt(g)? {
        Progress::Done(v) => {
            *slot = Some(v);
            Ok(Step::Done)
        }
        Progress::Pending => Ok(Step::Wait),
    })?;
    Ok(done)
}

/// Where an attempt leaves a blocking call.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Step {
    Done,
    /// Nothing yet: wait for the bits (or the end of the wait).
    Wait,
    /// Progress, not done: the IP task is woken (after the lock) and the
    /// next attempt follows at once, before any wait (`send`'s next part).
    Again,
}

/// `block` without the result type (one copy for every caller): `attempt`
/// says whether it is done, must wait, or goes again at once. `Invalid` at
/// once for a socket that is not live (as every attempt would give).
fn block_until(
    id: SocketId,
    bits: u32,
    wait: Wait,
    interruptible: bool,
    attempt: &mut dyn FnMut(&mut ip_task::Global) -> Result<Step, Error>,
) -> Result<(), Error> {
    let start: Instant = kernel::now();
    // Set under the first lock (each on its own: a pair inside the
    // closure's `Result` went through memory).
    let mut found = None;
    let mut timeout = None;
    with(|g| {
        // A live socket first: `group_for` makes the event groups up to
        // the handle's slot, and a made-up handle may name any slot.
        let rcv = g.stack.block_time(id, false)?;
        timeout = match wait {
            Wait::Receive => rcv,
            Wait::Ticks(t) => t,
        };
        found = ip_task::group_for(g, id);
        Ok(())
    })?;
    let group = found.ok_or(Error::NoMemory)?;
    loop {
        group.clear(bits);
        let step = with(|g| {
            let step = attempt(g)?;
            if step == Step::Wait && interruptible && g.stack.take_signal(id) {
                return Err(Error::Interrupted);
            }
            Ok(step)
        })?;
        match step {
            Step::Done => return Ok(()),
            Step::Again => {
                wake_ip_task();
                continue;
            }
            Step::Wait => {}
        }
        let waited = ip_task::elapsed_since(start).ticks();
        let left = match timeout {
            None => None,
            Some(t) if waited >= t => return Ok(()),
            Some(t) => Some(t - waited),
        };
        if on_ip_task() {
            return Ok(());
        }
        group.wait(bits | event::CLOSED | event::INTR, left);
    }
}

/// `FreeRTOS_socket`.
pub fn socket(protocol: Protocol) -> Result<SocketId, Error> {
    if !ip_task::TASK_READY.load(core::sync::atomic::Ordering::Acquire) {
        return Err(Error::Invalid);
    }
    with(|g| {
        let id = g.stack.create_socket(protocol)?;
        if ip_task::group_for(g, id).is_none() {
            g.stack.close(id).ok();
            return Err(Error::NoMemory);
        }
        Ok(id)
    })
}

pub fn exists(id: SocketId) -> bool {
    with(|g| Ok(g.stack.socket_exists(id))).unwrap_or(false)
}

pub fn protocol(id: SocketId) -> Result<Protocol, Error> {
    with(|g| g.stack.protocol(id).ok_or(Error::Invalid))
}

pub fn bind(id: SocketId, addr: Option<SockAddr>) -> Result<(), Error> {
    with(|g| {
        g.stack.bind(id, addr, &mut ip_task::KernelEnv::no_output())
    })
}

pub fn listen(id: SocketId, backlog: i64) -> Result<(), Error> {
    with(|g| g.stack.listen(id, backlog))
}

/// `FreeRTOS_connect` (reference §2.5, deviations §14.5 rows 1 and 2).
pub fn connect(id: SocketId, remote: SockAddr) -> Result<(), Error> {
    let timeout = with(|g| {
        let now = kernel::now();
        g.stack.connect(now, id, remote, &mut ip_task::KernelEnv::no_output())?;
        g.stack.block_time(id, false)
    })?;
    wake_ip_task();
    if timeout == Some(0) {
        return Err(Error::WouldBlock);
    }
    let r = block(id, event::CONNECT | event::CLOSED, Wait::Ticks(timeout), move |g| Ok(g.stack.connect_progress(id)))?;
    match r {
        Some(result) => result,
        None => Err(Error::TimedOut),
    }
}

/// `FreeRTOS_accept`: Ok(None) on timeout.
pub fn accept(id: SocketId) -> Result<Option<(SocketId, SockAddr)>, Error> {
    // The first attempt inside `block` also validates: a socket that is not
    // listening fails at once, without waiting.
    // COMPAT: a signal ends the wait as a timeout does (NULL); upstream's
    // accept() does not wake for one.
    // The peer's address goes straight to `remote`: the attempt's result
    // is the child alone (one register, where the pair was stored field by
    // field).
    let mut remote = SockAddr::default();
    let at = &mut remote;
    let attempt = move |g: &mut ip_task::Global| {
        Ok(match g.stack.accept(id)? {
            Progress::Done((child, from)) => {
                *at = from;
                Progress::Done(child)
            }
            Progress::Pending => Progress::Pending,
        })
    };
    let got = match block_interruptible(id, event::ACCEPT, Wait::Receive, attempt) {
        Err(Error::Interrupted) => None,
        r => r?,
    };
    if got.is_some() {
        wake_ip_task();
    }
    Ok(got.map(|child| (child, remote)))
}

/// `FreeRTOS_recv` into `buf` (None: discard `max` bytes). Ok(0) = timeout.
pub fn recv(id: SocketId, mut buf: Option<&mut [u8]>, max: usize, flags: i64) -> Result<usize, Error> {
    let peek = flags & MSG_PEEK != 0;
    let wait = Wait::receive(flags);
    let got = block_interruptible(id, event::RECEIVE, wait, move |g| g.stack.recv_count(id, buf.as_deref_mut(), max, peek).progress())?;
    if let Some(n) = got {
        if n > 0 && !peek {
            // Freed RX space may open the window: let the IP task decide.
            wake_ip_task();
        }
    }
    Ok(got.unwrap_or(0))
}

/// `FreeRTOS_send`: bytes queued (may be partial, or 0 after FIN).
pub fn send(id: SocketId, data: &[u8], flags: i64) -> Result<usize, Error> {
    let timeout = with(|g| g.stack.block_time(id, true))?;
    let timeout = if flags & MSG_DONTWAIT != 0 || on_ip_task() { Some(0) } else { timeout };
    // (sent, own, done, last): what the attempts have queued; whether the
    // data is inside the socket's own TX stream (`Stack::send_from`: one
    // attempt that never waits, its result is the call's); whether the
    // call is done; what the last attempt queued. In one place, which the
    // attempt reaches through one pointer.
    let mut st = (0usize, false, false, 0usize);
    let stp = &mut st;
    // One wait for the whole call: a part queued (`Step::Again`: the IP
    // task is woken to send it, after the lock) tries the rest at once;
    // nothing queued waits for room.
    let r = block_until(id, event::SEND, Wait::Ticks(timeout), false, &mut move |g| {
        let (sent, own, done, last) = stp;
        let rest = data.get(*sent..).unwrap_or_default();
        Ok(match g.stack.send_from(id, rest, own)? {
            Progress::Done(n) => {
                *sent += n;
                *last = n;
                *done = n == 0 || *sent >= data.len() || *own;
                if *done { Step::Done } else { Step::Again }
            }
            Progress::Pending => Step::Wait,
        })
    });
    let (sent, own, done, last) = st;
    if done && last > 0 {
        wake_ip_task();
    }
    match r {
        Ok(()) if done || sent > 0 => Ok(sent),
        // Timed out with room for nothing.
        Ok(()) => Err(with(|g| Ok(g.stack.send_timeout_error(id))).unwrap_or(Error::Invalid)),
        Err(e) => {
            // The failure may have changed the connection (a TX stream
            // the heap could not hold moves it to eCLOSE_WAIT): let the
            // IP task deliver that to tasks blocked on the socket now.
            // (Publishing never allocates.)
            if !own {
                wake_ip_task();
            }
            if sent > 0 {
                return Ok(sent);
            }
            Err(e)
        }
    }
}

/// `FreeRTOS_recvfrom` into `buf`: the datagram's length as copied (a
/// shorter buffer gets the start of it; the rest is discarded, as
/// upstream does) and its source. `WouldBlock` when nothing arrived within
/// the block time (reference §2.13).
#[inline(always)]
pub fn recvfrom(id: SocketId, buf: &mut [u8], flags: i64) -> Result<(usize, SockAddr), Error> {
    let mut from = SockAddr::default();
    let n = recvfrom_into(id, buf, flags, &mut from).get()?;
    Ok((n, from))
}

/// `recvfrom`'s one out-of-line copy: the source goes to `from`, the
/// length or error comes back in registers (`CountOr`; a tuple with the
/// address inside `Result` and `Option` layers went through memory, field
/// by field).
#[inline(never)]
fn recvfrom_into(id: SocketId, buf: &mut [u8], flags: i64, from: &mut SockAddr) -> CountOr {
    let peek = flags & MSG_PEEK != 0;
    // The copy happens under the lock: a peeked datagram stays queued, and
    // another task may take (and free) it the moment the lock is released.
    let got = block_interruptible(id, event::RECEIVE, Wait::receive(flags), move |g| {
        let mut d = NO_DATAGRAM;
        if !g.stack.recvfrom_into(id, peek, &mut d)? {
            return Ok(Progress::Pending);
        }
        let mut env = ip_task::KernelEnv::no_output();
        let n = d.len.min(buf.len());
        let copied = env
            .frame_mut(d.frame)
            .and_then(|f| f.get(d.offset..d.offset + n))
            .map(|src| crate::os::mem::copy_bytes(buf.get_mut(..n).unwrap_or_default(), src));
        if !peek {
            env.release_frame(d.frame);
        }
        // A frame that could not be read is treated like one never
        // received (and ends the call, as a timeout does).
        copied.ok_or(Error::WouldBlock)?;
        *from = d.from;
        Ok(Progress::Done(n))
    });
    CountOr::of(got.and_then(|n| n.ok_or(Error::WouldBlock)))
}

/// What `Stack::recvfrom_into` overwrites.
pub(super) const NO_DATAGRAM: crate::stack::udp::Datagram =
    crate::stack::udp::Datagram { frame: crate::stack::FrameToken(0), offset: 0, len: 0, from: SockAddr::UNSPECIFIED_V4 };

/// `FreeRTOS_sendto` (reference §2.13): the bytes queued, or 0 on every
/// failure (a TCP or dead socket, too long, no network buffer within the
/// block time, the IP task's queue full).
pub fn sendto(id: SocketId, data: &[u8], to: SockAddr, flags: i64) -> usize {
    // One look under the lock: the block time, the size limit, the kind.
    let Ok((snd, max, protocol)) = with(|g| {
        let snd = g.stack.block_time(id, true)?;
        Ok((snd, g.stack.cfg.get().udp.max_payload, g.stack.protocol(id)))
    }) else {
        return 0;
    };
    if data.len() > max || protocol != Some(Protocol::Udp) {
        return 0;
    }
    // Upstream caps the wait for a buffer at ipconfigUDP_MAX_SEND_BLOCK_TIME_TICKS.
    let cap = crate::config::UDP_MAX_SEND_BLOCK_TIME_TICKS;
    let block_time = if flags & MSG_DONTWAIT != 0 || on_ip_task() { 0 } else { snd.map_or(cap, |t| t.min(cap)) };
    let queued = queue_payload(data.len(), Some(block_time), |dst| {
        crate::os::mem::copy_bytes(dst, data);
    }, |g, frame| {
        g.stack.sendto(id, frame, data.len(), to, &mut ip_task::KernelEnv::no_output()).ok()?;
        Some(g.stack.handlers(id).udp_sent)
    });
    match queued {
        Some(handler) => {
            udp_sent(handler, id, data.len());
            data.len()
        }
        None => 0,
    }
}

/// The socket's UDP sent handler, if it has one: called as upstream does,
/// in the task that called `sendto()`, once the datagram is queued for the
/// IP task, before `sendto()` returns (without the lock).
pub(crate) fn udp_sent(handler: usize, id: SocketId, len: usize) {
    if handler != 0 {
        crate::os::callbacks::sent(handler, id.c_handle(), len);
    }
}

/// `FreeRTOS_SendPingRequest`: an echo request of `size` data bytes
/// (filled with upstream's 'x') to `to`, queued for the IP task; its
/// sequence number, or None (pdFAIL). As upstream: refused unless at least
/// 4 network buffers are free and 1 <= size < MTU - 28; the wait for a
/// buffer is `block` ticks.
pub fn send_ping_request(to: crate::wire::Ipv4Addr, size: usize, block: Option<u32>) -> Option<u16> {
    let mtu = crate::config::NETWORK_MTU;
    if netbuf::free_count() < 4 || size == 0 || size >= mtu.saturating_sub(28) {
        return None;
    }
    queue_payload(size, block, |data| data.fill(crate::stack::ping::ECHO_FILL_BYTE), |g, frame| {
        g.stack.queue_ping(frame, to, size)
    })
}

/// What `sendto` and pings share: a network buffer (waiting up to `block`
/// ticks), `fill` writes the `len` payload bytes at `PAYLOAD_OFFSET`
/// outside the lock, then `queue` hands the frame to the stack under the
/// lock and the IP task is woken. Whatever fails along the way, the buffer
/// goes back to the pool and the result is None.
fn queue_payload<R>(
    len: usize,
    block: Option<u32>,
    fill: impl FnOnce(&mut [u8]),
    queue: impl FnOnce(&mut ip_task::Global, crate::stack::FrameToken) -> Option<R>,
) -> Option<R> {
    let d = netbuf::get(PAYLOAD_OFFSET + len, netbuf::block_ticks(block));
    if d.is_null() {
        return None;
    }
    let frame = ip_task::token_of(d);
    let mut env = ip_task::KernelEnv::no_output();
    let Some(payload) = env.frame_mut(frame).and_then(|f| f.get_mut(PAYLOAD_OFFSET..PAYLOAD_OFFSET + len)) else {
        env.release_frame(frame);
        return None;
    };
    fill(payload);
    match with(|g| Ok(queue(g, frame))) {
        Ok(Some(r)) => {
            wake_ip_task();
            Some(r)
        }
        _ => {
            env.release_frame(frame);
            None
        }
    }
}

/// `xPortHasUDPSocket`.
pub fn has_udp_socket(port: u16) -> bool {
    with(|g| Ok(g.stack.has_udp_socket(port))).unwrap_or(false)
}

/// `FreeRTOS_shutdown`: `how` matters only with
/// `ipconfigFPTCP_SHUTDOWN_HONOURS_HOW` (stack::extensions).
pub fn shutdown(id: SocketId, how: i64) -> Result<(), Error> {
    with(|g| g.stack.shutdown_how(id, how))?;
    wake_ip_task();
    Ok(())
}

pub fn close(id: SocketId) -> Result<(), Error> {
    with(|g| g.stack.close(id))?;
    wake_ip_task();
    Ok(())
}

pub fn query(id: SocketId, q: Query) -> Result<i64, Error> {
    with(|g| g.stack.query(id, q))
}

pub fn remote_address(id: SocketId) -> Result<SockAddr, Error> {
    with(|g| g.stack.remote_address(id))
}

pub fn local_address(id: SocketId) -> Result<SockAddr, Error> {
    with(|g| g.stack.local_address(id))
}

pub fn set_option(id: SocketId, opt: SocketOption) -> Result<(), Error> {
    with(|g| g.stack.set_option(id, opt))?;
    // A window option may call for a window update, SET_FULL_SIZE off for
    // the held tail: the IP task decides.
    if matches!(
        opt,
        SocketOption::FullSize(_)
            | SocketOption::StopRx(_)
            | SocketOption::LowHighWater { .. }
            | SocketOption::WinProperties { .. }
    ) {
        wake_ip_task();
    }
    Ok(())
}

pub fn set_user_id(id: SocketId, value: usize) -> Result<(), Error> {
    with(|g| {
        let s = g.stack.sockets.get_mut(id).filter(|s| !s.closing).ok_or(Error::Invalid)?;
        s.user_id = value;
        Ok(())
    })
}

pub fn user_id(id: SocketId) -> Result<usize, Error> {
    with(|g| g.stack.sockets.get(id).filter(|s| !s.closing).map(|s| s.user_id).ok_or(Error::Invalid))
}

/// `FreeRTOS_netstat`: asks the IP task to print.
pub fn netstat() {
    let ev = crate::os::sys::IPStackEvent_t {
        eEventType: crate::os::sys::eTCPNetStat as _,
        pvData: core::ptr::null_mut(),
    };
    ip_task::post(&ev, Some(crate::config::TICK_RATE.ms(1000).ticks()));
}
