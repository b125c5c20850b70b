//! `FreeRTOS_select` and its socket sets, `FreeRTOS_SignalSocket`: the
//! kernel half of `stack::select` (reference §2.14).
//!
//! A task in `select()` clears the set's event-group bits, polls the set
//! under the lock, and sleeps on the group until the IP task raises bits
//! (a member may have become ready, was signalled or freed, the set was
//! deleted); then it polls again. The bits only wake; the answer is
//! always the poll's, so a stale bit can cost a look, never a wrong result.
#![forbid(unsafe_code)]

use super::calls::{on_ip_task, with};
use crate::ip_task::{self, wake_ip_task};
use crate::os::kernel;
use crate::stack::select::{bits, SetId};
use crate::stack::{Error, SocketId};

/// `FreeRTOS_CreateSocketSet`: a new set with its event group.
pub fn create_set() -> Result<SetId, Error> {
    with(|g| {
        let set = g.stack.create_set()?;
        if ip_task::set_group_for(g, set.index).is_none() {
            g.stack.delete_set(set).ok();
            return Err(Error::NoMemory);
        }
        Ok(set)
    })
}

/// `FreeRTOS_DeleteSocketSet`: at once, under the lock (upstream defers it
/// to the IP task); its members leave it and a task in `select()` on it
/// returns `-EINVAL`.
pub fn delete_set(set: SetId) -> Result<(), Error> {
    with(|g| g.stack.delete_set(set))?;
    wake_ip_task();
    Ok(())
}

pub fn fd_set(id: SocketId, set: SetId, want: u32) -> Result<(), Error> {
    with(|g| g.stack.fd_set(id, set, want))?;
    // A task already in select() on the set learns of a member that is
    // ready now through the IP task's notices.
    wake_ip_task();
    Ok(())
}

pub fn fd_clr(id: SocketId, set: SetId, clear: u32) -> Result<(), Error> {
    with(|g| g.stack.fd_clr(id, set, clear))
}

pub fn fd_isset(id: SocketId, set: SetId) -> u32 {
    with(|g| Ok(g.stack.fd_isset(id, set))).unwrap_or(0)
}

/// `FreeRTOS_select`: the OR of the members' ready bits (with
/// `eSELECT_INTR` when the set was signalled), 0 when `timeout` ticks
/// passed first (None = `portMAX_DELAY`); `Invalid` for a stale set, also
/// one deleted while the task waited.
pub fn select(set: SetId, timeout: Option<u32>) -> Result<u32, Error> {
    let start = kernel::now();
    let group = with(|g| {
        if !g.stack.set_exists(set) {
            return Err(Error::Invalid);
        }
        g.set_groups.get(set.index as usize).copied().ok_or(Error::Invalid)
    })?;
    loop {
        group.clear(bits::ALL);
        let ready = with(|g| g.stack.select_poll(set))?;
        if ready != 0 {
            return Ok(ready);
        }
        let waited = ip_task::elapsed_since(start).ticks();
        let left = match timeout {
            None => None,
            Some(t) if waited >= t => return Ok(0),
            Some(t) => Some(t - waited),
        };
        if on_ip_task() {
            return Ok(0);
        }
        group.wait(bits::ALL, left);
    }
}

/// `FreeRTOS_SignalSocket`: marked under the lock; the IP task raises the
/// bits (`stack::select`'s notices).
pub fn signal(id: SocketId) -> Result<(), Error> {
    with(|g| g.stack.signal(id))?;
    wake_ip_task();
    Ok(())
}
