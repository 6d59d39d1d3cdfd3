//! Channels: gc's `hchan` with its exact field layout (runtime/chan.go, 112 bytes), wait queues
//! of sudogs, and the entry points generated code calls: makechan, chansend1, chanrecv1/2,
//! closechan, selectnbsend/selectnbrecv, chanlen/chancap. `select` is in select.rs.
//!
//! Every channel operation holds the channel's lock (gc's `hchan.lock`, a futex mutex in that
//! word), and `select` locks all of its channels in address order (select.rs). The algorithms
//! are gc's: a sender hands its value directly to a waiting receiver (writing into the
//! receiver's stack slot), a receiver takes from a waiting sender, otherwise the ring buffer is
//! used or the goroutine parks on a sudog. A parking goroutine keeps the lock until its context
//! is saved (`gopark` with [`chanparkcommit`]); a waker completes the operation under the lock
//! and readies the other goroutine after releasing it, as gc's send/recv do.

use crate::lock_futex::Mutex;
use crate::malloc::{MAX_ALLOC, mallocgc, persistent_alloc};
use crate::mem::{memmove, memset};
use crate::panic;
use crate::sched::{self, WaitReason};
use crate::start::{G, getg};
use crate::time::{self, TimerChanOp};
use crate::types::{self, Type};
use core::ptr::null_mut;
use core::sync::atomic::Ordering;

/// gc's waitq.
#[repr(C)]
pub struct WaitQ {
    pub first: *mut Sudog,
    pub last: *mut Sudog,
}

/// gc's hchan, field for field (`lock` is a [`Mutex`] word; `timer` marks the channel of a
/// time.Timer or Ticker; `bubble` is the synctest bubble that made the channel).
#[repr(C)]
pub struct Hchan {
    pub qcount: usize,
    pub dataqsiz: usize,
    pub buf: *mut u8,
    pub elemsize: u16,
    pub closed: u32,
    pub timer: usize,
    pub elemtype: *const Type,
    pub sendx: usize,
    pub recvx: usize,
    pub recvq: WaitQ,
    pub sendq: WaitQ,
    pub bubble: usize,
    pub lock: usize,
}

pub const HCHAN_SIZE: usize = 112;
const _: () = assert!(core::mem::size_of::<Hchan>() == HCHAN_SIZE);
const _: () = assert!(core::mem::offset_of!(Hchan, closed) == 28);
const _: () = assert!(core::mem::offset_of!(Hchan, recvq) == 64);
const _: () = assert!(core::mem::offset_of!(Hchan, lock) == 104);

/// A goroutine waiting on a channel (gc's sudog, reduced to what the algorithms use).
#[repr(C)]
pub struct Sudog {
    pub g: *mut G,
    pub next: *mut Sudog,
    pub prev: *mut Sudog,
    /// Where the value is read from (send) or written to (receive); may be null for a
    /// receive whose value is discarded.
    pub elem: *mut u8,
    pub is_select: bool,
    /// Whether the operation completed by communication (false: woken by close).
    pub success: bool,
    /// Next sudog of the same select (gc's waitlink), and the case index it stands for.
    pub waitlink: *mut Sudog,
    pub case_index: usize,
    pub c: *mut Hchan,
    /// Link of closechan's list of goroutines to wake.
    pub closelink: *mut Sudog,
}

/// Descriptor of heap-allocated hchans whose buffer holds pointers: words buf(2), timer(4),
/// elemtype(5), recvq(8, 9), sendq(10, 11), bubble(12) are pointers, as in gc's hchan type.
#[repr(C)]
struct StaticType(Type);
// SAFETY: immutable descriptor.
unsafe impl Sync for StaticType {}
static HCHAN_MASK: [u8; 8] = [0b0011_0100, 0b0001_1111, 0, 0, 0, 0, 0, 0];
static HCHAN_TYPE: StaticType = StaticType(Type {
    size: HCHAN_SIZE,
    ptr_bytes: 13 * 8,
    hash: 0,
    tflag: 0,
    align: 8,
    field_align: 8,
    kind: types::KIND_STRUCT,
    equal: 0,
    gcdata: HCHAN_MASK.as_ptr(),
    str_off: 0,
    ptr_to_this: 0,
});

// ---- sudog pool ---------------------------------------------------------------------------------

/// A cleared sudog for the current goroutine (gc's acquireSudog), from the P's cache
/// (p.sudogcache: only the P's holder uses it). Sudogs live in runtime memory and are
/// recycled, never freed.
pub fn acquire_sudog() -> *mut Sudog {
    let pp = crate::proc::thisp();
    // SAFETY: the cache holds released sudogs only.
    unsafe {
        let free = pp.sudogcache.load(Ordering::Relaxed);
        let s = if free.is_null() {
            persistent_alloc(core::mem::size_of::<Sudog>(), 8) as *mut Sudog
        } else {
            pp.sudogcache.store((*free).next, Ordering::Relaxed);
            free
        };
        s.write(Sudog {
            g: getg(),
            next: null_mut(),
            prev: null_mut(),
            elem: null_mut(),
            is_select: false,
            success: false,
            waitlink: null_mut(),
            case_index: 0,
            c: null_mut(),
            closelink: null_mut(),
        });
        s
    }
}

/// gc's releaseSudog: back to the P's cache.
///
/// # Safety
/// `s` came from [`acquire_sudog`] and is on no wait queue.
pub unsafe fn release_sudog(s: *mut Sudog) {
    let pp = crate::proc::thisp();
    (*s).next = pp.sudogcache.load(Ordering::Relaxed);
    pp.sudogcache.store(s, Ordering::Relaxed);
}

// ---- wait queues --------------------------------------------------------------------------------

impl WaitQ {
    pub unsafe fn enqueue(&mut self, s: *mut Sudog) {
        (*s).next = null_mut();
        (*s).prev = self.last;
        if self.last.is_null() {
            self.first = s;
        } else {
            (*self.last).next = s;
        }
        self.last = s;
    }

    /// Whether `s` is on this queue (dequeued sudogs have null links).
    pub unsafe fn contains(&self, s: *mut Sudog) -> bool {
        self.first == s || !(*s).prev.is_null()
    }

    /// Removes `s`, which must be on this queue.
    pub unsafe fn remove(&mut self, s: *mut Sudog) {
        let (p, n) = ((*s).prev, (*s).next);
        if p.is_null() {
            self.first = n;
        } else {
            (*p).next = n;
        }
        if n.is_null() {
            self.last = p;
        } else {
            (*n).prev = p;
        }
        (*s).next = null_mut();
        (*s).prev = null_mut();
    }

    /// The first waiter that can still be woken. A sudog of a select that another case
    /// already completed is dropped from the queue (its goroutine removes the rest itself).
    pub unsafe fn dequeue(&mut self) -> *mut Sudog {
        loop {
            let s = self.first;
            if s.is_null() {
                return s;
            }
            self.remove(s);
            if (*s).is_select {
                // Several channels of one select may be completing at once, each under its
                // own lock: the first to claim the goroutine wins (gc's selectDone CAS).
                let g = (*s).g;
                if sched::select_done(g)
                    .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
                    .is_err()
                {
                    continue;
                }
            }
            return s;
        }
    }
}

// ---- helpers ------------------------------------------------------------------------------------

#[inline]
pub unsafe fn slot(c: *mut Hchan, i: usize) -> *mut u8 {
    (*c).buf.add(i * (*c).elemsize as usize)
}

#[inline]
pub unsafe fn copy_elem(c: *mut Hchan, dst: *mut u8, src: *const u8) {
    let n = (*c).elemsize as usize;
    if n != 0 && !dst.is_null() && !src.is_null() {
        memmove(dst, src, n);
    }
}

#[inline]
pub unsafe fn clear_elem(c: *mut Hchan, dst: *mut u8) {
    let n = (*c).elemsize as usize;
    if n != 0 && !dst.is_null() {
        memset(dst, 0, n);
    }
}

/// Records that sudog `s`'s operation finished (gc's `sg.success` and `gp.param = sg`) and
/// returns its goroutine, which the caller readies ([`sched::ready`]) once it has released the
/// channel's lock.
pub unsafe fn complete(s: *mut Sudog, success: bool) -> *mut G {
    (*s).success = success;
    let g = (*s).g;
    (*g).sched_ext.param = s;
    g
}

/// The lock of channel `c` (gc's `c.lock`).
///
/// # Safety
/// `c` is a live channel.
#[inline]
pub unsafe fn lock_of(c: *mut Hchan) -> &'static Mutex {
    &*(&raw mut (*c).lock as *const Mutex)
}

/// gc's chanparkcommit: the goroutine parked on `c` has its context saved; the channel may
/// now be used (and the goroutine readied) by others.
unsafe fn chanparkcommit(_gp: *mut G, c: *mut u8) -> bool {
    lock_of(c as *mut Hchan).unlock();
    true
}

// ---- entry points -------------------------------------------------------------------------------

/// `make(chan T, size)`. `t` is the `*abi.ChanType` (its Elem is at offset 48).
///
/// # Safety
/// `t` is a chan type descriptor.
#[unsafe(export_name = "runtime.makechan")]
#[inline(never)]
pub unsafe extern "C" fn makechan(t: *const Type, size: i64) -> *mut Hchan {
    let elem = *((t as *const u8).add(48) as *const *const Type);
    let esize = (*elem).size;
    if esize >= 1 << 16 {
        panic::throw(b"makechan: invalid channel element type");
    }
    let mem = (esize as u128) * (size as u64 as u128);
    if size < 0 || mem > (MAX_ALLOC - HCHAN_SIZE) as u128 {
        panic::plain_panic(b"makechan: size out of range");
    }
    let mem = mem as usize;
    // gc's three allocation shapes: pointer-free channels keep the buffer right after the
    // header in one noscan object; others get a scanned header and a typed buffer.
    let c = if mem == 0 {
        let c = mallocgc(HCHAN_SIZE, null_mut(), true) as *mut Hchan;
        (*c).buf = c as *mut u8;
        c
    } else if !(*elem).has_pointers() {
        let c = mallocgc(HCHAN_SIZE + mem, null_mut(), true) as *mut Hchan;
        (*c).buf = (c as *mut u8).add(HCHAN_SIZE);
        c
    } else {
        let c = mallocgc(HCHAN_SIZE, &HCHAN_TYPE.0, true) as *mut Hchan;
        (*c).buf = mallocgc(mem, elem, true);
        c
    };
    (*c).elemsize = esize as u16;
    (*c).elemtype = elem;
    (*c).dataqsiz = size as usize;
    // A channel made in a synctest bubble belongs to it: blocking on it is durable.
    (*c).bubble = sched::getg_bubble() as usize;
    c
}

/// gc's check that a bubbled channel is used only by its bubble's goroutines.
unsafe fn check_bubble(c: *mut Hchan, msg: &[u8]) {
    if (*c).bubble != 0 && (*c).bubble != sched::getg_bubble() as usize {
        panic::fatal(msg);
    }
}

/// The wait reason for blocking on `c`: durable on a bubbled channel.
unsafe fn chan_wait_reason(c: *mut Hchan, plain: WaitReason, durable: WaitReason) -> WaitReason {
    if (*c).bubble != 0 { durable } else { plain }
}

/// gc's chansend: returns whether the value was sent (false only when `!block` and the
/// channel is not ready).
pub unsafe fn chansend(c: *mut Hchan, ep: *const u8, block: bool) -> bool {
    if c.is_null() {
        if !block {
            return false;
        }
        sched::park(WaitReason::ChanSendNilChan);
        panic::throw(b"unreachable");
    }
    check_bubble(c, b"send on synctest channel from outside bubble");
    let lock = lock_of(c);
    lock.lock();
    if (*c).closed != 0 {
        lock.unlock();
        panic::plain_panic(b"send on closed channel");
    }
    let sg = (*c).recvq.dequeue();
    if !sg.is_null() {
        copy_elem(c, (*sg).elem, ep);
        let g = complete(sg, true);
        lock.unlock();
        sched::ready(g);
        return true;
    }
    if (*c).qcount < (*c).dataqsiz {
        send_to_buf(c, ep);
        lock.unlock();
        return true;
    }
    if !block {
        lock.unlock();
        return false;
    }
    let me = acquire_sudog();
    (*me).elem = ep as *mut u8;
    (*me).c = c;
    (*c).sendq.enqueue(me);
    sched::gopark(
        Some(chanparkcommit),
        c as *mut u8,
        chan_wait_reason(c, WaitReason::ChanSend, WaitReason::SynctestChanSend),
    );
    let ok = (*me).success;
    release_sudog(me);
    if !ok {
        // Woken by close.
        panic::plain_panic(b"send on closed channel");
    }
    true
}

/// Appends to the buffer (which must have room).
pub unsafe fn send_to_buf(c: *mut Hchan, ep: *const u8) {
    copy_elem(c, slot(c, (*c).sendx), ep);
    (*c).sendx += 1;
    if (*c).sendx == (*c).dataqsiz {
        (*c).sendx = 0;
    }
    (*c).qcount += 1;
}

/// Receives from a channel with a waiting sender `sg` (gc's recv): unbuffered, the value
/// comes from the sender; buffered (then full), from the head of the queue, and the sender's
/// value goes to the tail. The caller completes `sg` and readies its goroutine.
pub unsafe fn recv_from_sender(c: *mut Hchan, sg: *mut Sudog, ep: *mut u8) {
    if (*c).dataqsiz == 0 {
        copy_elem(c, ep, (*sg).elem);
    } else {
        let q = slot(c, (*c).recvx);
        copy_elem(c, ep, q);
        copy_elem(c, q, (*sg).elem);
        (*c).recvx += 1;
        if (*c).recvx == (*c).dataqsiz {
            (*c).recvx = 0;
        }
        (*c).sendx = (*c).recvx;
    }
}

/// Takes the head of the buffer (which must be non-empty).
pub unsafe fn recv_from_buf(c: *mut Hchan, ep: *mut u8) {
    let q = slot(c, (*c).recvx);
    copy_elem(c, ep, q);
    clear_elem(c, q);
    (*c).recvx += 1;
    if (*c).recvx == (*c).dataqsiz {
        (*c).recvx = 0;
    }
    (*c).qcount -= 1;
}

/// gc's chanrecv: (selected, received). `ep` may be null to discard the value.
pub unsafe fn chanrecv(c: *mut Hchan, ep: *mut u8, block: bool) -> (bool, bool) {
    if c.is_null() {
        if !block {
            return (false, false);
        }
        sched::park(WaitReason::ChanReceiveNilChan);
        panic::throw(b"unreachable");
    }
    check_bubble(c, b"receive on synctest channel from outside bubble");
    // The channel of a time.Timer or Ticker: its timer is in the heap only while someone
    // waits for it (overlay/runtime/time.go).
    let timer = (*c).timer;
    if timer == 0 {
        return chanrecv_locked(c, ep, block);
    }
    time::timer_chan(TimerChanOp::MaybeRun, timer);
    if !block {
        return chanrecv_locked(c, ep, block);
    }
    time::timer_chan(TimerChanOp::Block, timer);
    let r = chanrecv_locked(c, ep, block);
    time::timer_chan(TimerChanOp::Unblock, timer);
    r
}

/// chanrecv on a non-nil channel, from taking its lock on.
unsafe fn chanrecv_locked(c: *mut Hchan, ep: *mut u8, block: bool) -> (bool, bool) {
    let lock = lock_of(c);
    lock.lock();
    if (*c).closed != 0 && (*c).qcount == 0 {
        lock.unlock();
        clear_elem(c, ep);
        return (true, false);
    }
    let sg = (*c).sendq.dequeue();
    if !sg.is_null() {
        recv_from_sender(c, sg, ep);
        let g = complete(sg, true);
        lock.unlock();
        sched::ready(g);
        return (true, true);
    }
    if (*c).qcount > 0 {
        recv_from_buf(c, ep);
        lock.unlock();
        return (true, true);
    }
    if !block {
        lock.unlock();
        return (false, false);
    }
    let me = acquire_sudog();
    (*me).elem = ep;
    (*me).c = c;
    (*c).recvq.enqueue(me);
    sched::gopark(
        Some(chanparkcommit),
        c as *mut u8,
        chan_wait_reason(c, WaitReason::ChanReceive, WaitReason::SynctestChanReceive),
    );
    let ok = (*me).success;
    release_sudog(me);
    (true, ok)
}

/// `c <- *elem`.
///
/// # Safety
/// `c` is null or a channel; `elem` points to a value of its element type.
#[unsafe(export_name = "runtime.chansend1")]
#[inline(never)]
pub unsafe extern "C" fn chansend1(c: *mut Hchan, elem: *const u8) {
    chansend(c, elem, true);
}

/// `*elem = <-c`.
///
/// # Safety
/// `c` is null or a channel; `elem` is null or points to space for an element.
#[unsafe(export_name = "runtime.chanrecv1")]
#[inline(never)]
pub unsafe extern "C" fn chanrecv1(c: *mut Hchan, elem: *mut u8) {
    chanrecv(c, elem, true);
}

/// `*elem, ok = <-c`.
///
/// # Safety
/// As [`chanrecv1`].
#[unsafe(export_name = "runtime.chanrecv2")]
#[inline(never)]
pub unsafe extern "C" fn chanrecv2(c: *mut Hchan, elem: *mut u8) -> u8 {
    chanrecv(c, elem, true).1 as u8
}

/// `close(c)`: wakes every waiting receiver (with the zero value, ok = false) and every
/// waiting sender (which then panics), in gc's order.
///
/// # Safety
/// `c` is null or a channel.
#[unsafe(export_name = "runtime.closechan")]
#[inline(never)]
pub unsafe extern "C" fn closechan(c: *mut Hchan) {
    if c.is_null() {
        panic::plain_panic(b"close of nil channel");
    }
    check_bubble(c, b"close of synctest channel from outside bubble");
    let lock = lock_of(c);
    lock.lock();
    if (*c).closed != 0 {
        lock.unlock();
        panic::plain_panic(b"close of closed channel");
    }
    (*c).closed = 1;
    // gc gathers the waiters in a gList (a stack: readers first, then writers) and readies
    // them in pop order; each goready takes runnext. Reproduce that order.
    let mut list: *mut Sudog = null_mut();
    loop {
        let sg = (*c).recvq.dequeue();
        if sg.is_null() {
            break;
        }
        clear_elem(c, (*sg).elem);
        (*sg).closelink = list;
        list = sg;
    }
    loop {
        let sg = (*c).sendq.dequeue();
        if sg.is_null() {
            break;
        }
        (*sg).closelink = list;
        list = sg;
    }
    lock.unlock();
    // Dequeued, the sudogs are no channel's any more, and their goroutines stay parked until
    // readied here: the list is walked without the lock.
    while !list.is_null() {
        let next = (*list).closelink;
        (*list).closelink = null_mut();
        sched::ready(complete(list, false));
        list = next;
    }
}

/// `select { case c <- *elem: …; default: … }`: whether the value was sent.
///
/// # Safety
/// As [`chansend1`].
#[unsafe(export_name = "runtime.selectnbsend")]
#[inline(never)]
pub unsafe extern "C" fn selectnbsend(c: *mut Hchan, elem: *const u8) -> u8 {
    chansend(c, elem, false) as u8
}

/// Two result words (rax:rdx).
#[repr(C)]
pub struct Pair {
    pub a: usize,
    pub b: usize,
}

/// `select { case *elem[, ok] = <-c: …; default: … }`: (selected, received).
///
/// # Safety
/// As [`chanrecv1`].
#[unsafe(export_name = "runtime.selectnbrecv")]
#[inline(never)]
pub unsafe extern "C" fn selectnbrecv(elem: *mut u8, c: *mut Hchan) -> Pair {
    let (sel, ok) = chanrecv(c, elem, false);
    Pair {
        a: sel as usize,
        b: ok as usize,
    }
}

/// `len(c)` (the compiler usually inlines it as a nil check and a load of qcount).
///
/// # Safety
/// `c` is null or a channel.
#[unsafe(export_name = "runtime.chanlen")]
pub unsafe extern "C" fn chanlen(c: *const Hchan) -> i64 {
    // A timer's channel is synchronous (Go 1.23 semantics, gc's default): the value its
    // one-slot buffer may hold is not visible, len and cap report 0 as in gc's chanlen.
    if c.is_null() || (*c).timer != 0 {
        0
    } else {
        (*c).qcount as i64
    }
}

/// `cap(c)`.
///
/// # Safety
/// `c` is null or a channel.
#[unsafe(export_name = "runtime.chancap")]
pub unsafe extern "C" fn chancap(c: *const Hchan) -> i64 {
    if c.is_null() || (*c).timer != 0 {
        0
    } else {
        (*c).dataqsiz as i64
    }
}

/// `runtime.setchantimer(c, t)`: records that `c` is the channel of timer `t` (gc's newTimer
/// sets `c.timer`), which keeps the timer alive with its channel and makes len/cap report 0.
///
/// # Safety
/// `c` is a channel; `t` a timer.
#[unsafe(export_name = "runtime.setchantimer")]
pub unsafe extern "C" fn setchantimer(c: *mut Hchan, t: usize) {
    unsafe { (*c).timer = t };
}

/// `runtime.timerchandrain(c) bool`: discards the values buffered in a timer channel (Stop and
/// Reset of a time.Timer/Ticker, Go 1.23 semantics); reports whether there were any.
///
/// # Safety
/// `c` is null or a channel.
#[unsafe(export_name = "runtime.timerchandrain")]
pub unsafe extern "C" fn timerchandrain(c: *mut Hchan) -> u8 {
    if c.is_null() {
        return 0;
    }
    let lock = lock_of(c);
    lock.lock();
    if (*c).qcount == 0 {
        lock.unlock();
        return 0;
    }
    let elemsize = (*c).elemsize as usize;
    for _ in 0..(*c).qcount {
        let slot = (*c).buf.add((*c).recvx * elemsize);
        core::ptr::write_bytes(slot, 0, elemsize);
        (*c).recvx += 1;
        if (*c).recvx == (*c).dataqsiz {
            (*c).recvx = 0;
        }
    }
    (*c).qcount = 0;
    lock.unlock();
    1
}
