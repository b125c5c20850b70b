//! The network buffer pool: `NetworkBufferDescriptor_t`s as upstream's
//! BufferAllocation_2 hands them out (reference §6.3/§6.4): a fixed array
//! of descriptors, a counting semaphore for blocking gets, and per-packet
//! Ethernet buffers from the kernel heap with `ipBUFFER_PADDING` bytes in
//! front whose first word points back at the descriptor.
//!
//! With `FREERTOS_PLUS_TCP_BUFFER_ALLOCATION 1` (cfg
//! `fptcp_buffer_allocation_1`) the driver assigns one static buffer to each
//! descriptor at start-up (`uxNetworkInterfaceAllocateRAMToBuffers`, which
//! also writes the back-pointers); every buffer then has the size it
//! returned, nothing is allocated per packet, and the `...FromISR` calls
//! work from interrupts.
//!
//! Misuse is caught instead of corrupting memory: releasing a pointer that
//! is not one of our descriptors, or releasing one twice, is ignored and
//! counted.
use core::cell::UnsafeCell;
use core::mem::MaybeUninit;
use core::ptr;
use core::sync::atomic::{AtomicPtr, AtomicU32, Ordering};

use super::kernel::{ticks, Critical, QUEUE_SEND_TO_BACK};
use super::sys;
use crate::config;

pub type Descriptor = sys::NetworkBufferDescriptor_t;

const COUNT: usize = if config::NUM_NETWORK_BUFFER_DESCRIPTORS == 0 { 1 } else { config::NUM_NETWORK_BUFFER_DESCRIPTORS };
const PADDING: usize = config::BUFFER_PADDING;
/// Smallest Ethernet buffer handed out (an ARP packet with its header fits).
const MIN_BUFFER: usize = 64;

struct Pool {
    descriptors: [MaybeUninit<Descriptor>; COUNT],
    in_use: [bool; COUNT],
    /// Handed to the application as a UDP payload buffer
    /// (`FreeRTOS_GetUDPPayloadBuffer_Multi`, zero-copy `recvfrom`): only
    /// these may come back through `FreeRTOS_ReleaseUDPPayloadBuffer` or a
    /// zero-copy `sendto`.
    lent: [bool; COUNT],
    free: [u16; COUNT],
    free_count: usize,
    min_free: usize,
    ready: bool,
}

struct PoolCell(UnsafeCell<Pool>);
// SAFETY: the pool's bookkeeping is only touched inside kernel critical
// sections; each descriptor belongs to whoever got it from the pool.
unsafe impl Sync for PoolCell {}

static POOL: PoolCell = PoolCell(UnsafeCell::new(Pool {
    descriptors: [const { MaybeUninit::zeroed() }; COUNT],
    in_use: [false; COUNT],
    lent: [false; COUNT],
    free: [0; COUNT],
    free_count: 0,
    min_free: 0,
    ready: false,
}));
/// Scheme 1: the size of every driver-assigned buffer.
static STATIC_BUFFER_SIZE: core::sync::atomic::AtomicUsize = core::sync::atomic::AtomicUsize::new(0);
static SEMAPHORE: AtomicPtr<sys::QueueDefinition> = AtomicPtr::new(ptr::null_mut());
/// Releases of unknown pointers or of buffers already free.
pub static BAD_RELEASES: AtomicU32 = AtomicU32::new(0);

fn pool() -> *mut Pool {
    POOL.0.get()
}

/// Creates the pool (once). `xNetworkBuffersInitialise`.
pub fn init() -> bool {
    if !SEMAPHORE.load(Ordering::Acquire).is_null() {
        return true;
    }
    // SAFETY: counting semaphore creation has no preconditions.
    let sem = unsafe { sys::xQueueCreateCountingSemaphore(COUNT as _, COUNT as _) };
    if sem.is_null() {
        return false;
    }
    {
        let _cs = Critical::enter();
        // SAFETY: inside the critical section, nobody else uses the pool.
        let p = unsafe { &mut *pool() };
        for i in 0..COUNT {
            p.descriptors[i] = MaybeUninit::zeroed();
            let d = p.descriptors[i].as_mut_ptr();
            // SAFETY: `d` points at a zeroed descriptor we own; upstream
            // makes each descriptor the owner of its list item.
            unsafe {
                sys::vListInitialiseItem(&mut (*d).xBufferListItem);
                (*d).xBufferListItem.pvOwner = d.cast();
            }
            p.free[i] = i as u16;
            p.in_use[i] = false;
        }
        p.free_count = COUNT;
        p.min_free = COUNT;
        p.ready = true;
    }
    if STATIC_BUFFERS {
        assign_static_buffers();
    }
    SEMAPHORE.store(sem, Ordering::Release);
    true
}

/// Whether the driver owns the Ethernet buffers (BufferAllocation_1).
const STATIC_BUFFERS: bool = cfg!(fptcp_buffer_allocation_1);

#[cfg(fptcp_buffer_allocation_1)]
fn assign_static_buffers() {
    // SAFETY: the array has ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS entries,
    // as the driver's prototype says; the driver sets pucEthernetBuffer (and
    // the back-pointer in front of it) for each and returns the usable size.
    let size = unsafe { sys::uxNetworkInterfaceAllocateRAMToBuffers((*pool()).descriptors.as_mut_ptr().cast()) };
    STATIC_BUFFER_SIZE.store(size as usize, Ordering::Release);
}

#[cfg(not(fptcp_buffer_allocation_1))]
fn assign_static_buffers() {}

fn index_of(d: *const Descriptor) -> Option<usize> {
    // SAFETY: only the address of the array is taken.
    let base = unsafe { (*pool()).descriptors.as_ptr() } as usize;
    let size = core::mem::size_of::<Descriptor>();
    let a = d as usize;
    if a < base || (a - base) % size != 0 {
        return None;
    }
    let i = (a - base) / size;
    (i < COUNT).then_some(i)
}

/// Whether pool descriptor `i` is handed out (false for an index out of range).
fn in_use(i: usize) -> bool {
    with_pool(|p| p.in_use.get(i).copied().unwrap_or(false))
}

impl Pool {
    /// Hands out a free descriptor. The caller holds a critical section
    /// (task or ISR flavour).
    fn take(&mut self) -> Option<*mut Descriptor> {
        if !self.ready || self.free_count == 0 {
            return None;
        }
        let top = self.free_count - 1;
        let i = *self.free.get(top)? as usize;
        let (Some(in_use), Some(d)) = (self.in_use.get_mut(i), self.descriptors.get_mut(i)) else { return None };
        *in_use = true;
        if let Some(lent) = self.lent.get_mut(i) {
            *lent = false;
        }
        self.free_count = top;
        self.min_free = self.min_free.min(top);
        Some(d.as_mut_ptr())
    }

    /// Takes descriptor `i` back; false if it was not in use. The caller
    /// holds a critical section.
    fn give_back(&mut self, i: usize) -> bool {
        self.mark_free(i) && self.push_free(i)
    }

    /// Ends the use of descriptor `i`; false if it was not in use, so of
    /// two tasks releasing the same descriptor only one goes on. The caller
    /// holds a critical section.
    fn mark_free(&mut self, i: usize) -> bool {
        match self.in_use.get_mut(i) {
            Some(flag) if *flag => {
                *flag = false;
                if let Some(lent) = self.lent.get_mut(i) {
                    *lent = false;
                }
                true
            }
            _ => false,
        }
    }

    /// Puts descriptor `i` (no longer in use) on the free list. The caller
    /// holds a critical section.
    fn push_free(&mut self, i: usize) -> bool {
        let Some(slot) = self.free.get_mut(self.free_count) else { return false };
        *slot = i as u16;
        self.free_count += 1;
        true
    }
}

/// Runs `f` on the pool inside a (task-level) critical section.
fn with_pool<R>(f: impl FnOnce(&mut Pool) -> R) -> R {
    let _cs = Critical::enter();
    // SAFETY: interrupts are masked for the duration, so this is the only
    // reference to the pool (the ISR calls take their own critical section).
    f(unsafe { &mut *pool() })
}

/// Runs `f` on the pool with interrupts masked in a way that is valid in
/// tasks and interrupt handlers alike. On the board (no OS under the
/// kernel: Cortex-M) that is the kernel's from-ISR mask, which only raises
/// BASEPRI; the task-level critical section would assert inside a handler.
/// On the POSIX port there are no interrupts and the from-ISR mask does
/// nothing, so the task-level critical section is the one that excludes
/// other tasks.
fn with_pool_any_context<R>(f: impl FnOnce(&mut Pool) -> R) -> R {
    #[cfg(target_os = "none")]
    {
        // SAFETY: masks interrupts up to the kernel's syscall priority;
        // paired with the exit below.
        let saved = unsafe { sys::fptcp_shim_enter_critical_from_isr() };
        // SAFETY: interrupts that use the kernel are masked, so this is the
        // only reference to the pool until the exit.
        let r = f(unsafe { &mut *pool() });
        // SAFETY: pairs with the enter above.
        unsafe { sys::fptcp_shim_exit_critical_from_isr(saved) };
        r
    }
    #[cfg(not(target_os = "none"))]
    with_pool(f)
}

fn take_descriptor() -> Option<*mut Descriptor> {
    with_pool(Pool::take)
}

/// The heap block for an Ethernet buffer of `size` bytes: the padding with
/// the back-pointer in front, the size raised to the minimum and rounded up
/// to a word. None for sizes no heap has (above half the address space, as
/// upstream's BufferAllocation_2 refuses them): unchecked, `SIZE_MAX`
/// wrapped to a block of a few bytes that the caller then wrote past.
fn block_bytes(size: usize) -> Option<usize> {
    size.max(MIN_BUFFER).checked_next_multiple_of(4)?.checked_add(PADDING).filter(|&t| t <= usize::MAX >> 1)
}

/// Frees the heap block of the Ethernet buffer `buf` (as `attach_buffer`
/// or `resize` made it). The back-pointer in front is cleared first: a
/// later `vReleaseNetworkBuffer` of the same pointer then finds neither a
/// descriptor nor the raw-buffer tag there and refuses it, instead of
/// freeing the block a second time.
///
/// # Safety
/// `buf` is the Ethernet buffer of a block from this module, not freed yet.
pub(super) unsafe fn free_block(buf: *mut u8) {
    // SAFETY: per the contract, PADDING bytes of the same block lie in
    // front of `buf`.
    unsafe {
        let block = buf.sub(PADDING);
        (block as *mut usize).write_unaligned(0);
        sys::vPortFree(block.cast());
    }
}

/// Allocates `size` bytes of Ethernet buffer (plus padding and the
/// back-pointer) for `d`.
fn attach_buffer(d: *mut Descriptor, size: usize) -> bool {
    let Some(total) = block_bytes(size) else { return false };
    // SAFETY: plain kernel allocation.
    let mem = unsafe { sys::pvPortMalloc(total as _) }.cast::<u8>();
    if mem.is_null() {
        return false;
    }
    // SAFETY: `mem` has PADDING >= size_of pointer bytes in front of the
    // frame; upstream drivers find the descriptor through this word.
    unsafe {
        (mem as *mut *mut Descriptor).write_unaligned(d);
        (*d).pucEthernetBuffer = mem.add(PADDING);
    }
    true
}

fn detach_buffer(d: *mut Descriptor) {
    if STATIC_BUFFERS {
        return;
    }
    // SAFETY: `d` is one of our descriptors, held by the caller; its buffer
    // is a block of this module's layout (ours, or a driver's from
    // `pucGetNetworkBuffer`, which has the same).
    unsafe {
        let buf = (*d).pucEthernetBuffer;
        if !buf.is_null() {
            free_block(buf);
            (*d).pucEthernetBuffer = ptr::null_mut();
        }
    }
}

/// `pxGetNetworkBufferWithDescriptor`: a descriptor with a buffer of
/// `size` bytes (none for 0), waiting up to `block` ticks for a descriptor.
pub fn get(size: usize, block: sys::TickType_t) -> *mut Descriptor {
    let sem = SEMAPHORE.load(Ordering::Acquire);
    if sem.is_null() {
        return ptr::null_mut();
    }
    // SAFETY: valid semaphore handle, task context.
    if unsafe { sys::xQueueSemaphoreTake(sem, block) } == 0 {
        return ptr::null_mut();
    }
    if STATIC_BUFFERS && size > STATIC_BUFFER_SIZE.load(Ordering::Acquire) {
        give(sem);
        return ptr::null_mut();
    }
    let Some(d) = take_descriptor() else {
        give(sem);
        return ptr::null_mut();
    };
    reset(d);
    if !STATIC_BUFFERS && size > 0 && !attach_buffer(d, size) {
        // Back to the pool and the semaphore, as any release does (no
        // buffer is attached: nothing to free).
        release(d);
        return ptr::null_mut();
    }
    // SAFETY: we own `d` now.
    unsafe { (*d).xDataLength = size as _ };
    d
}

fn give(sem: *mut sys::QueueDefinition) {
    // SAFETY: valid semaphore (xSemaphoreGive).
    unsafe { sys::xQueueGenericSend(sem, ptr::null(), 0, QUEUE_SEND_TO_BACK) };
}

fn reset(d: *mut Descriptor) {
    // SAFETY: we own `d`; fields are plain data.
    unsafe {
        if !STATIC_BUFFERS {
            (*d).pucEthernetBuffer = ptr::null_mut();
        }
        (*d).xDataLength = 0;
        (*d).pxInterface = ptr::null_mut();
        (*d).pxEndPoint = ptr::null_mut();
        (*d).usPort = 0;
        (*d).usBoundPort = 0;
        (*d).xIPAddress = Default::default();
    }
}

/// `vReleaseNetworkBufferAndDescriptor`.
pub fn release(d: *mut Descriptor) {
    // One place counts every refusal.
    if !d.is_null() && !release_ours(d) {
        BAD_RELEASES.fetch_add(1, Ordering::Relaxed);
    }
}

/// `release` of a non-NULL pointer; false (counted by the caller) for one
/// that is not our descriptor in use.
fn release_ours(d: *mut Descriptor) -> bool {
    let Some(i) = index_of(d) else { return false };
    // Claim the descriptor first, under the critical section: of two
    // releases of the same descriptor (a double release, or two tasks) only
    // one frees its buffer. It goes on the free list only after its buffer
    // is gone, so nobody can take it in between.
    if !with_pool(|p| p.mark_free(i)) {
        return false;
    }
    detach_buffer(d);
    if !with_pool(|p| p.push_free(i)) {
        return false;
    }
    give(SEMAPHORE.load(Ordering::Acquire));
    true
}

/// `pxResizeNetworkBufferWithDescriptor`: a new buffer of `size` bytes with
/// the old contents copied; the descriptor stays the same. NULL on failure
/// (and then the descriptor is released, as upstream does).
pub fn resize(d: *mut Descriptor, size: usize) -> *mut Descriptor {
    // Only a descriptor someone holds: a free one would get a block that
    // leaks when it is next taken (or free its next owner's buffer).
    if descriptor_state(d) != Some(true) {
        BAD_RELEASES.fetch_add(1, Ordering::Relaxed);
        return ptr::null_mut();
    }
    if STATIC_BUFFERS {
        if size > STATIC_BUFFER_SIZE.load(Ordering::Acquire) {
            release(d);
            return ptr::null_mut();
        }
        // SAFETY: `d` is ours and held by the caller; its buffer has room.
        unsafe { (*d).xDataLength = size as _ };
        return d;
    }
    // SAFETY: `d` is ours and held by the caller.
    let (old, old_len) = unsafe { ((*d).pucEthernetBuffer, (*d).xDataLength as usize) };
    let Some(total) = block_bytes(size) else {
        release(d);
        return ptr::null_mut();
    };
    // SAFETY: plain kernel allocation.
    let mem = unsafe { sys::pvPortMalloc(total as _) }.cast::<u8>();
    if mem.is_null() {
        release(d);
        return ptr::null_mut();
    }
    // SAFETY: the new block has room for the padding and `size` bytes; the
    // old buffer holds `old_len` valid bytes.
    unsafe {
        (mem as *mut *mut Descriptor).write_unaligned(d);
        let new = mem.add(PADDING);
        if !old.is_null() {
            ptr::copy_nonoverlapping(old, new, old_len.min(size));
            free_block(old);
        }
        (*d).pucEthernetBuffer = new;
        (*d).xDataLength = size as _;
    }
    d
}

/// `pxDuplicateNetworkBufferWithDescriptor`.
pub fn duplicate(d: *const Descriptor, size: usize) -> *mut Descriptor {
    // A free descriptor's buffer is gone (or someone else's by now).
    if descriptor_state(d) != Some(true) {
        return ptr::null_mut();
    }
    let n = get(size, 0);
    if n.is_null() {
        return n;
    }
    // SAFETY: both descriptors are held; copy min(old, new) bytes.
    unsafe {
        let len = ((*d).xDataLength as usize).min(size);
        if !(*d).pucEthernetBuffer.is_null() && !(*n).pucEthernetBuffer.is_null() {
            ptr::copy_nonoverlapping((*d).pucEthernetBuffer, (*n).pucEthernetBuffer, len);
        }
        (*n).xIPAddress = (*d).xIPAddress;
        (*n).usPort = (*d).usPort;
        (*n).usBoundPort = (*d).usBoundPort;
        (*n).pxInterface = (*d).pxInterface;
        (*n).pxEndPoint = (*d).pxEndPoint;
    }
    n
}

pub fn free_count() -> usize {
    let _cs = Critical::enter();
    // SAFETY: inside the critical section.
    unsafe { (*pool()).free_count }
}

pub fn min_free() -> usize {
    let _cs = Critical::enter();
    // SAFETY: inside the critical section.
    unsafe { (*pool()).min_free }
}

pub fn total() -> usize {
    COUNT
}

/// The frame in a descriptor as a byte slice (driver-owned memory).
///
/// # Safety
/// `d` must be a descriptor the caller holds, whose buffer has at least
/// `xDataLength` valid bytes, and nobody may write it while the slice lives.
pub unsafe fn frame<'a>(d: *const Descriptor) -> Option<&'a [u8]> {
    // SAFETY: per the function's contract.
    unsafe {
        let buf = (*d).pucEthernetBuffer;
        if buf.is_null() {
            return None;
        }
        Some(core::slice::from_raw_parts(buf, (*d).xDataLength as usize))
    }
}

/// The buffer of a descriptor the stack holds (a datagram waiting in a
/// socket or for the IP task), borrowed for as long as its holder is:
/// `holder` is the object through which the stack reaches the frame (the
/// kernel environment), so two views of one frame cannot coexist. None for
/// a pointer that is not one of our descriptors in use, or has no buffer.
pub fn held_frame_mut<H: ?Sized>(d: *mut Descriptor, holder: &mut H) -> Option<&mut [u8]> {
    let _ = holder;
    let (buf, len) = frame_of(d)?;
    let buf = buf.as_ptr();
    // SAFETY: `frame_of` checked that `d` is one of the pool's descriptors
    // in use with `len` bytes at `buf`; the stack holds it (drivers gave it
    // up when they posted it, or `sendto` filled and queued it), and the
    // stack reaches it only through the exclusively borrowed holder, so no
    // other reference to the buffer exists while the slice lives.
    Some(unsafe { core::slice::from_raw_parts_mut(buf, len) })
}

/// The buffer of a descriptor in use and its length (xDataLength, clamped
/// to a frame); None for a pointer that is not one of our descriptors in
/// use, or one without a buffer.
/// (A `NonNull`: the pair comes back in two registers, where an
/// `Option` of a raw pointer and a length goes through memory.)
fn frame_of(d: *const Descriptor) -> Option<(ptr::NonNull<u8>, usize)> {
    if !in_use(index_of(d)?) {
        return None;
    }
    // SAFETY: `d` is one of the pool's descriptors (index_of checked the
    // address), so its fields may be read.
    let (buf, len) = unsafe { ((*d).pucEthernetBuffer, (*d).xDataLength as usize) };
    Some((ptr::NonNull::new(buf)?, len.min(MAX_FRAME)))
}

/// A new descriptor holding a copy of `bytes`; null when none is free.
pub fn copy_new(bytes: &[u8]) -> *mut Descriptor {
    let d = get(bytes.len(), 0);
    if d.is_null() {
        return d;
    }
    let mut holder = ();
    match held_frame_mut(d, &mut holder).and_then(|buf| buf.get_mut(..bytes.len())) {
        Some(dst) => {
            crate::os::mem::copy_bytes(dst, bytes);
        }
        None => {
            release(d);
            return ptr::null_mut();
        }
    }
    d
}

pub fn block_ticks(t: Option<u32>) -> sys::TickType_t {
    ticks(t)
}

/// Runs `f` on the frame of a descriptor a driver handed to the IP task,
/// with the interface it came from. Refuses (returns None) a pointer that
/// is not one of our descriptors in use, or one without a buffer.
pub fn with_frame<R>(d: *mut Descriptor, f: impl FnOnce(&[u8], *mut sys::NetworkInterface_t) -> R) -> Option<R> {
    let (buf, len) = frame_of(d)?;
    let buf = buf.as_ptr();
    // SAFETY: `frame_of` checked that the descriptor is ours and in use, with
    // `len` bytes at `buf` (xDataLength clamped to a frame); the driver gave
    // up ownership when it posted it.
    unsafe { Some(f(core::slice::from_raw_parts(buf, len), (*d).pxInterface)) }
}

/// Largest frame the stack reads from a buffer (MTU + Ethernet header +
/// room for a VLAN tag); a driver reporting more is clamped.
const MAX_FRAME: usize = config::NETWORK_MTU + 22;

/// The next descriptor of a received chain (`ipconfigUSE_LINKED_RX_MESSAGES`).
pub fn next_in_chain(d: *mut Descriptor) -> *mut Descriptor {
    if index_of(d).is_none() {
        return ptr::null_mut();
    }
    next_field(d)
}

#[cfg(fptcp_linked_rx)]
fn next_field(d: *mut Descriptor) -> *mut Descriptor {
    // SAFETY: `d` is one of our descriptors (checked by the caller).
    unsafe { (*d).pxNextBuffer }
}

#[cfg(not(fptcp_linked_rx))]
fn next_field(_d: *mut Descriptor) -> *mut Descriptor {
    ptr::null_mut()
}

/// `pxNetworkBufferGetFromISR` (BufferAllocation_1 only): never blocks.
#[cfg(fptcp_buffer_allocation_1)]
pub fn get_from_isr(size: usize) -> *mut Descriptor {
    let sem = SEMAPHORE.load(Ordering::Acquire);
    if sem.is_null() || size > STATIC_BUFFER_SIZE.load(Ordering::Acquire) {
        return ptr::null_mut();
    }
    let mut woken: sys::BaseType_t = 0;
    // SAFETY: valid semaphore; ISR-safe take (xSemaphoreTakeFromISR).
    if unsafe { sys::xQueueReceiveFromISR(sem, ptr::null_mut(), &mut woken) } == 0 {
        return ptr::null_mut();
    }
    // The mask that is valid in an ISR on the board and still excludes
    // other tasks on the POSIX port (where the from-ISR mask is a no-op).
    let d = with_pool_any_context(Pool::take).unwrap_or(ptr::null_mut());
    if !d.is_null() {
        // SAFETY: we own `d`; plain fields.
        unsafe {
            (*d).xDataLength = size as _;
            (*d).pxInterface = ptr::null_mut();
            (*d).pxEndPoint = ptr::null_mut();
        }
    }
    d
}

/// `vNetworkBufferReleaseFromISR` (BufferAllocation_1 only); returns
/// whether a higher-priority task was woken.
#[cfg(fptcp_buffer_allocation_1)]
pub fn release_from_isr(d: *mut Descriptor) -> sys::BaseType_t {
    let Some(i) = index_of(d) else {
        BAD_RELEASES.fetch_add(1, Ordering::Relaxed);
        return 0;
    };
    // As in `get_from_isr`.
    let ok = with_pool_any_context(|p| p.give_back(i));
    if !ok {
        BAD_RELEASES.fetch_add(1, Ordering::Relaxed);
        return 0;
    }
    let mut woken: sys::BaseType_t = 0;
    // SAFETY: valid semaphore; ISR-safe give.
    unsafe { sys::xQueueGiveFromISR(SEMAPHORE.load(Ordering::Acquire), &mut woken) };
    woken
}

/// The in-use descriptor whose Ethernet buffer starts at `frame`
/// (`pxPacketBuffer_to_NetworkBuffer`). The pool is searched instead of
/// reading the back-pointer in front of `frame`, so a forged pointer finds
/// nothing. Callable from an interrupt: zero-copy drivers look up a sent
/// buffer in their TX-done handler (`with_pool_any_context`).
pub fn find_by_frame(frame: *const u8) -> Option<*mut Descriptor> {
    if frame.is_null() {
        return None;
    }
    with_pool_any_context(|p| {
        (0..COUNT).find_map(|i| {
            let d = p.descriptors.get_mut(i)?.as_mut_ptr();
            // SAFETY: a pool descriptor; its buffer pointer is plain data
            // read inside the critical section.
            let buf = unsafe { (*d).pucEthernetBuffer };
            (*p.in_use.get(i)? && buf.cast_const() == frame).then_some(d)
        })
    })
}

/// The in-use descriptor a UDP payload pointer belongs to
/// (`pxUDPPayloadBuffer_to_NetworkBuffer`): one whose buffer has `payload`
/// at `offset`, or one lent to the application whose frame contains it
/// (a received datagram's payload may start elsewhere).
pub fn find_by_payload(payload: *const u8, offset: usize) -> Option<*mut Descriptor> {
    if payload.is_null() {
        return None;
    }
    with_pool(|p| (0..COUNT).find(|&i| p.holds_payload(i, payload, offset)).and_then(|i| Some(p.descriptors.get_mut(i)?.as_mut_ptr())))
}

impl Pool {
    /// Whether descriptor `i` is in use and `payload` lies at `offset` in
    /// its buffer, or (lent descriptors) anywhere in its frame. The caller
    /// holds a critical section.
    fn holds_payload(&self, i: usize, payload: *const u8, offset: usize) -> bool {
        let (Some(true), Some(d)) = (self.in_use.get(i).copied(), self.descriptors.get(i)) else { return false };
        let d = d.as_ptr();
        // SAFETY: a pool descriptor; plain fields read inside the critical
        // section.
        let (buf, len) = unsafe { ((*d).pucEthernetBuffer as usize, (*d).xDataLength as usize) };
        if buf == 0 {
            return false;
        }
        let at = payload as usize;
        if buf.checked_add(offset) == Some(at) {
            return true;
        }
        self.lent.get(i).copied().unwrap_or(false) && at >= buf && at - buf <= len.min(MAX_FRAME)
    }
}

/// Marks an in-use descriptor as the application's UDP payload buffer;
/// false (nothing marked) for anything else.
pub fn lend(d: *mut Descriptor) -> bool {
    let Some(i) = index_of(d) else { return false };
    with_pool(|p| match (p.in_use.get(i).copied(), p.lent.get_mut(i)) {
        (Some(true), Some(lent)) => {
            *lent = true;
            true
        }
        _ => false,
    })
}

/// Takes back the lent descriptor that `payload` points into (at
/// `offset`, or anywhere in its frame); None when `payload` belongs to no
/// buffer the application holds, so a forged, stale or twice-released
/// pointer never reaches the pool. Atomic: of two tasks handing back the
/// same buffer only one gets it.
pub fn take_back_lent(payload: *const u8, offset: usize) -> Option<*mut Descriptor> {
    if payload.is_null() {
        return None;
    }
    with_pool(|p| {
        let i = (0..COUNT).find(|&i| p.lent.get(i).copied().unwrap_or(false) && p.holds_payload(i, payload, offset))?;
        *p.lent.get_mut(i)? = false;
        Some(p.descriptors.get_mut(i)?.as_mut_ptr())
    })
}

/// The start of an in-use descriptor's Ethernet buffer.
/// (A `NonNull`: the `Option` is one register.)
pub fn frame_start(d: *mut Descriptor) -> Option<ptr::NonNull<u8>> {
    // `frame_of`'s checks (one copy of them): ours, in use, with a buffer.
    frame_of(d).map(|(buf, _)| buf)
}

/// `bIsValidNetworkDescriptor`/`prvIsFreeBuffer`: for one of the pool's
/// descriptors whether it is handed out; None for any other pointer.
pub fn descriptor_state(d: *const Descriptor) -> Option<bool> {
    index_of(d).map(in_use)
}
