//! One job an application call leaves for the IP task's next event
//! (`vARPSendGratuitous`): a function pointer in an atomic, so the IP task
//! links only the load and the call, and the job's code is in a firmware
//! only when the call that sets it is.
use core::sync::atomic::{AtomicPtr, Ordering};

static JOB: AtomicPtr<()> = AtomicPtr::new(core::ptr::null_mut());

/// Leaves `job` for the IP task (replacing one not run yet).
pub fn set(job: fn()) {
    JOB.store(job as *mut (), Ordering::Release);
}

/// Runs the job, if any (the IP task, for every event). Out of line: the
/// IP task's loop stays as small as it was.
#[inline(never)]
pub fn run() {
    if let Some(job) = take() {
        job();
    }
}

/// Takes the job, if any.
fn take() -> Option<fn()> {
    let p = JOB.swap(core::ptr::null_mut(), Ordering::AcqRel);
    if p.is_null() {
        return None;
    }
    // SAFETY: the only non-null values stored are `fn()` pointers (`set`),
    // and function pointers and data pointers have the same size on every
    // target this library builds for.
    Some(unsafe { core::mem::transmute::<*mut (), fn()>(p) })
}
