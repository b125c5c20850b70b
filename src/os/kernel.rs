//! Kernel objects behind safe types: a mutex that owns its data, event
//! groups, the IP task's event queue, tasks and the tick clock.
use core::cell::UnsafeCell;
use core::ffi::c_void;
use core::ptr;
use core::sync::atomic::{AtomicPtr, Ordering};

use super::sys;
use crate::time::Instant;

/// queue.h's `queueSEND_TO_BACK`, `queueQUEUE_TYPE_BASE` and
/// `queueQUEUE_TYPE_MUTEX` (macros with casts, which bindgen cannot read).
pub const QUEUE_SEND_TO_BACK: sys::BaseType_t = 0;
pub const QUEUE_TYPE_BASE: u8 = 0;
pub const QUEUE_TYPE_MUTEX: u8 = 1;

/// `portMAX_DELAY` as a tick count of the port's width.
pub fn max_delay() -> sys::TickType_t {
    // SAFETY: returns a constant.
    unsafe { sys::fptcp_shim_max_delay() }
}

/// Converts a block time (None = forever) to the kernel's tick type.
pub fn ticks(t: Option<u32>) -> sys::TickType_t {
    let max = max_delay();
    match t {
        None => max,
        // Below `portMAX_DELAY` (which would mean forever), also for a
        // port whose ticks are narrower than 32 bits.
        // (`TickType_t` is 16, 32 or 64 bits, as the port says: infallible
        // on some of them.)
        #[allow(clippy::unnecessary_fallible_conversions)]
        Some(v) => match sys::TickType_t::try_from(v) {
            Ok(t) if t < max => t,
            _ => max - 1,
        },
    }
}

/// An application's block time as the stack keeps it: None for
/// `portMAX_DELAY` (forever), else the ticks, at most `u32::MAX - 1` (the
/// stack measures waits on the 32-bit tick count, time.rs; only a port with
/// 64-bit ticks can ask for more, and gets 49 days at 1 kHz).
pub fn block_time(t: sys::TickType_t) -> Option<u32> {
    if t == max_delay() {
        None
    } else {
        Some(u32::try_from(t).unwrap_or(u32::MAX - 1).min(u32::MAX - 1))
    }
}

/// The kernel's tick count as it is: 32 bits, wrapping (time.rs says how
/// the stack orders such instants; a port with a 64-bit `TickType_t` is
/// read modulo 2^32, which wraps the same way). A port with 16-bit ticks
/// has its count widened to 32 bits from the wraps seen
/// ([`crate::time::NarrowClock`]; the IP task reads the clock at least
/// every 65,534 ticks, its longest sleep there). Task context only.
pub fn now() -> Instant {
    // SAFETY: xTaskGetTickCount has no preconditions in task context.
    let raw = unsafe { sys::xTaskGetTickCount() };
    let bits = core::mem::size_of::<sys::TickType_t>() as u32 * 8;
    if bits >= 32 {
        return Instant(raw as u32);
    }
    widen(raw as u32, bits)
}

/// The 16-bit port's clock widened (a constant size: other ports leave
/// this out).
#[inline(never)]
fn widen(raw: u32, bits: u32) -> Instant {
    struct Cell(UnsafeCell<crate::time::NarrowClock>);
    // SAFETY: only accessed inside a kernel critical section (below).
    unsafe impl Sync for Cell {}
    static CLOCK: Cell = Cell(UnsafeCell::new(crate::time::NarrowClock::new()));
    let _cs = Critical::enter();
    // SAFETY: inside the critical section nobody else touches CLOCK.
    unsafe { &mut *CLOCK.0.get() }.widen(raw, bits)
}

/// A kernel critical section for as long as the value lives (task context).
pub struct Critical(());

impl Critical {
    pub fn enter() -> Critical {
        // SAFETY: paired with the exit in Drop; may nest.
        unsafe { sys::fptcp_shim_enter_critical() };
        Critical(())
    }
}

impl Drop for Critical {
    fn drop(&mut self) {
        // SAFETY: paired with the enter in `Critical::enter`.
        unsafe { sys::fptcp_shim_exit_critical() };
    }
}

/// Data guarded by a kernel mutex (priority inheritance), created on first
/// `init()`. A task that already holds it gets `None` instead of deadlocking
/// (and instead of a second `&mut` to the same data).
pub struct KernelMutex<T> {
    handle: AtomicPtr<sys::QueueDefinition>,
    owner: AtomicPtr<c_void>,
    data: UnsafeCell<T>,
}

// SAFETY: access to `data` is serialised by the kernel mutex.
unsafe impl<T: Send> Sync for KernelMutex<T> {}

impl<T> KernelMutex<T> {
    pub const fn new(value: T) -> Self {
        KernelMutex { handle: AtomicPtr::new(ptr::null_mut()), owner: AtomicPtr::new(ptr::null_mut()), data: UnsafeCell::new(value) }
    }

    /// Creates the kernel mutex (once). Returns false if that failed.
    pub fn init(&self) -> bool {
        if !self.handle.load(Ordering::Acquire).is_null() {
            return true;
        }
        // SAFETY: creating a mutex has no preconditions; NULL on failure.
        let h = unsafe { sys::xQueueCreateMutex(QUEUE_TYPE_MUTEX) };
        if h.is_null() {
            return false;
        }
        self.handle.store(h, Ordering::Release);
        true
    }

    pub fn is_ready(&self) -> bool {
        !self.handle.load(Ordering::Acquire).is_null()
    }

    /// Waits for the mutex. None if it does not exist yet or this task
    /// already holds it.
    pub fn lock(&self) -> Option<MutexGuard<'_, T>> {
        let h = self.handle.load(Ordering::Acquire);
        if h.is_null() {
            return None;
        }
        let me = current_task();
        if !me.is_null() && self.owner.load(Ordering::Acquire) == me {
            return None;
        }
        // SAFETY: `h` is a valid mutex handle, never deleted.
        let ok = unsafe { sys::xQueueSemaphoreTake(h, max_delay()) };
        if ok == 0 {
            return None;
        }
        self.owner.store(me, Ordering::Release);
        Some(MutexGuard { m: self })
    }
}

pub struct MutexGuard<'a, T> {
    m: &'a KernelMutex<T>,
}

impl<T> core::ops::Deref for MutexGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the guard proves we hold the mutex.
        unsafe { &*self.m.data.get() }
    }
}

impl<T> core::ops::DerefMut for MutexGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the guard proves we hold the mutex, exclusively.
        unsafe { &mut *self.m.data.get() }
    }
}

impl<T> Drop for MutexGuard<'_, T> {
    fn drop(&mut self) {
        self.m.unlock();
    }
}

impl<T> KernelMutex<T> {
    /// Gives the mutex back. Only for its holder, when the guard that
    /// proves the lock goes (`MutexGuard`, `StaticGuard`).
    fn unlock(&self) {
        self.owner.store(ptr::null_mut(), Ordering::Release);
        let h = self.handle.load(Ordering::Acquire);
        // SAFETY: the caller holds the mutex; giving it back (xSemaphoreGive).
        unsafe { sys::xQueueGenericSend(h, ptr::null(), 0, QUEUE_SEND_TO_BACK) };
    }
}

/// A mutex in a `static` that holds `Some` box once it is in use: names
/// it for [`StaticGuard`].
pub trait StaticSome: Sized + 'static {
    type Value;
    fn mutex() -> &'static KernelMutex<Option<alloc::boxed::Box<Self::Value>>>;
}

/// The lock of a [`StaticSome`] mutex as one pointer, the boxed value's
/// (the mutex is known from the type): what code that locks in many places
/// keeps in a register and unlocks with one call without arguments, where
/// a [`SomeGuard`] is two words kept on the stack for its drop.
pub struct StaticGuard<M: StaticSome> {
    value: ptr::NonNull<M::Value>,
    _mutex: core::marker::PhantomData<M>,
}

impl<M: StaticSome> StaticGuard<M> {
    /// [`KernelMutex::lock_some`] on `M`'s mutex.
    #[inline(never)]
    pub fn lock() -> Option<StaticGuard<M>> {
        let guard = M::mutex().lock_some()?;
        let value = guard.value;
        // The lock stays held: this guard's drop gives it back.
        core::mem::forget(guard);
        Some(StaticGuard { value, _mutex: core::marker::PhantomData })
    }

    #[inline(never)]
    fn unlock() {
        M::mutex().unlock();
    }
}

impl<M: StaticSome> Drop for StaticGuard<M> {
    fn drop(&mut self) {
        Self::unlock();
    }
}

impl<M: StaticSome> core::ops::Deref for StaticGuard<M> {
    type Target = M::Value;
    fn deref(&self) -> &M::Value {
        // SAFETY: as `SomeGuard::deref`: `value` points into the box the
        // mutex held when it was locked, and the lock is held (this guard's
        // drop releases it) without anyone else reaching the mutex's data.
        unsafe { self.value.as_ref() }
    }
}

impl<M: StaticSome> core::ops::DerefMut for StaticGuard<M> {
    fn deref_mut(&mut self) -> &mut M::Value {
        // SAFETY: as in `deref`; `&mut self` makes this the only reference.
        unsafe { self.value.as_mut() }
    }
}

/// The lock of a mutex that holds `Some` box, with the boxed value: what
/// [`KernelMutex::lock_some`] gives.
pub struct SomeGuard<'a, U> {
    _guard: MutexGuard<'a, Option<alloc::boxed::Box<U>>>,
    value: ptr::NonNull<U>,
}

impl<T> KernelMutex<Option<alloc::boxed::Box<T>>> {
    /// [`KernelMutex::lock`], and then None as well when the mutex holds
    /// None. One call out of line instead of both checks in every caller
    /// (the stack's lock is taken in some fifty places).
    #[inline(never)]
    pub fn lock_some(&self) -> Option<SomeGuard<'_, T>> {
        let mut guard = self.lock()?;
        let value = ptr::NonNull::from(&mut **guard.as_mut()?);
        Some(SomeGuard { _guard: guard, value })
    }
}

impl<U> core::ops::Deref for SomeGuard<'_, U> {
    type Target = U;
    fn deref(&self) -> &U {
        // SAFETY: `value` points into the box the mutex held when it was
        // locked; while the guard lives no one else can reach the mutex's
        // data (and this guard does not expose the Option), so the box is
        // neither dropped nor replaced.
        unsafe { self.value.as_ref() }
    }
}

impl<U> core::ops::DerefMut for SomeGuard<'_, U> {
    fn deref_mut(&mut self) -> &mut U {
        // SAFETY: as in `deref`; `&mut self` makes this the only reference.
        unsafe { self.value.as_mut() }
    }
}

pub fn current_task() -> *mut c_void {
    // SAFETY: no preconditions.
    unsafe { sys::xTaskGetCurrentTaskHandle() }.cast()
}

/// A kernel event group, never deleted (the socket layer keeps one per
/// socket slot, so a task still waiting on a socket that another task
/// closed wakes up on a live object).
#[derive(Copy, Clone, Debug)]
pub struct EventGroup(*mut sys::EventGroupDef_t);

// SAFETY: event group calls are thread-safe in the kernel.
unsafe impl Send for EventGroup {}

impl EventGroup {
    pub fn new() -> Option<EventGroup> {
        // SAFETY: no preconditions; NULL on failure.
        let h = unsafe { sys::xEventGroupCreate() };
        (!h.is_null()).then_some(EventGroup(h))
    }

    pub fn set(&self, bits: u32) {
        // SAFETY: valid handle, task context.
        unsafe { sys::xEventGroupSetBits(self.0, bits as _) };
    }

    pub fn clear(&self, bits: u32) {
        // SAFETY: valid handle, task context.
        unsafe { sys::xEventGroupClearBits(self.0, bits as _) };
    }

    /// Waits until any of `bits` is set or `timeout` ticks pass; clears the
    /// bits it returns. Returns the bits that were set.
    pub fn wait(&self, bits: u32, timeout: Option<u32>) -> u32 {
        // SAFETY: valid handle, task context (never the IP task's loop).
        let got = unsafe { sys::xEventGroupWaitBits(self.0, bits as _, 1, 0, ticks(timeout)) };
        got as u32 & bits
    }
}

/// The IP task's event queue of `IPStackEvent_t`.
pub struct EventQueue(AtomicPtr<sys::QueueDefinition>);

impl EventQueue {
    pub const fn empty() -> EventQueue {
        EventQueue(AtomicPtr::new(ptr::null_mut()))
    }

    pub fn create(&self, length: usize) -> bool {
        if !self.0.load(Ordering::Acquire).is_null() {
            return true;
        }
        let size = core::mem::size_of::<sys::IPStackEvent_t>();
        // SAFETY: no preconditions; NULL on failure.
        let q = unsafe { sys::xQueueGenericCreate(length.max(1) as _, size as _, QUEUE_TYPE_BASE) };
        if q.is_null() {
            return false;
        }
        self.0.store(q, Ordering::Release);
        true
    }

    pub fn is_ready(&self) -> bool {
        !self.0.load(Ordering::Acquire).is_null()
    }

    /// Posts an event, waiting up to `timeout` ticks for room.
    pub fn send(&self, ev: &sys::IPStackEvent_t, timeout: Option<u32>) -> bool {
        let q = self.0.load(Ordering::Acquire);
        if q.is_null() {
            return false;
        }
        // SAFETY: valid queue of IPStackEvent_t; the item is copied.
        unsafe { sys::xQueueGenericSend(q, (ev as *const sys::IPStackEvent_t).cast(), ticks(timeout), QUEUE_SEND_TO_BACK) != 0 }
    }

    /// Free places in the queue now (`uxQueueSpacesAvailable`); task
    /// context only.
    pub fn spaces(&self) -> Option<usize> {
        let q = self.0.load(Ordering::Acquire);
        if q.is_null() {
            return None;
        }
        // SAFETY: valid queue handle.
        Some(unsafe { sys::uxQueueSpacesAvailable(q) } as usize)
    }

    /// Posts from an interrupt; reports whether a task was woken.
    pub fn send_from_isr(&self, ev: &sys::IPStackEvent_t, woken: &mut sys::BaseType_t) -> bool {
        let q = self.0.load(Ordering::Acquire);
        if q.is_null() {
            return false;
        }
        // SAFETY: valid queue; ISR-safe kernel call.
        unsafe { sys::xQueueGenericSendFromISR(q, (ev as *const sys::IPStackEvent_t).cast(), woken, QUEUE_SEND_TO_BACK) != 0 }
    }

    /// Waits up to `timeout` ticks for the next event.
    pub fn receive(&self, timeout: Option<u32>) -> Option<sys::IPStackEvent_t> {
        let q = self.0.load(Ordering::Acquire);
        if q.is_null() {
            return None;
        }
        let mut ev = sys::IPStackEvent_t::default();
        // SAFETY: valid queue; `ev` has room for one item.
        let ok = unsafe { sys::xQueueReceive(q, (&mut ev as *mut sys::IPStackEvent_t).cast(), ticks(timeout)) };
        (ok != 0).then_some(ev)
    }
}

/// Starts a task running `entry` (an `extern "C"` function).
pub fn spawn(entry: extern "C" fn(*mut c_void), name: &'static [u8], stack_words: u32, priority: u32) -> Option<*mut c_void> {
    let mut handle: sys::TaskHandle_t = ptr::null_mut();
    // SAFETY: `name` is NUL-terminated and static; the entry never returns.
    let ok = unsafe {
        sys::xTaskCreate(Some(entry), name.as_ptr().cast(), stack_words as _, ptr::null_mut(), priority as _, &mut handle)
    };
    (ok == 1).then_some(handle.cast())
}

pub fn delay(ticks_: u32) {
    // SAFETY: task context.
    unsafe { sys::vTaskDelay(ticks(Some(ticks_))) };
}
