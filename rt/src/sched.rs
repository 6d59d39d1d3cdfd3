//! The goroutine scheduler: the M holding the one P (proc.rs) runs every goroutine, switching
//! when the running goroutine blocks (channel operations, select), exits, is preempted, or
//! enters a blocking system call (then another M may take the P).
//!
//! Run order follows gc with one P (`GOMAXPROCS=1`): a goroutine made runnable by `go` or by a
//! channel operation goes into `runnext`, pushing the previous `runnext` to the tail of the
//! FIFO run queue; the scheduler takes `runnext` first, and every 61st time slice looks at the
//! global queue first, so that preempted goroutines cannot starve. Programs whose output
//! depends on scheduling therefore print what gc prints with one P. A goroutine that runs too
//! long without blocking is preempted (preempt.rs, gc's sysmon in proc.rs): it goes to the
//! global run queue, as gc's gopreempt_m does.
//!
//! A goroutine leaves the thread as gc's do: `mcall` (proc.rs) saves its callee-saved
//! registers (rbp, rbx, r12–r15, including r15 = g of the Go frames below) on its own stack,
//! records that stack pointer and moves to the M's g0 stack, where the scheduler chooses the
//! next goroutine and [`execute`] restores that one's registers (Cranelift notes §7).
//! Everything reaches the scheduler through a SysV call from Go code, so caller-saved
//! registers are dead at every switch. Since the scheduler never runs on the stack of the
//! goroutine it parks, whatever `gopark` must release (a channel's lock) is released only
//! after the goroutine's context is saved: another thread that then readies it may resume it
//! at once (gc's park_m and its unlockf).
//!
//! When nothing is runnable and no timer, I/O wait or system call is pending, every goroutine
//! is blocked for good: that is gc's `all goroutines are asleep - deadlock!`.
//!
//! The queues below are touched only by the P's holder, except the global run queue, which an
//! M returning from a system call appends to (under `SCHED_LOCK`).

use crate::malloc::persistent_alloc;
use crate::panic;
use crate::print::{self, bytes};
use crate::proc::SCHED_LOCK;
use crate::start::{self, G, getg, getm};
use crate::symtab;
use crate::sys;
use core::arch::naked_asm;
use core::ptr::{addr_of_mut, null_mut};
use core::sync::atomic::{AtomicU32, AtomicU64, Ordering};

// gc's g status values (runtime2.go).
pub const G_IDLE: u32 = 0;
pub const G_RUNNABLE: u32 = 1;
pub const G_RUNNING: u32 = 2;
pub const G_SYSCALL: u32 = 3;
pub const G_WAITING: u32 = 4;
pub const G_DEAD: u32 = 6;

/// Why a goroutine waits; printed in its traceback header (`goroutine 6 [chan send]:`).
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum WaitReason {
    None = 0,
    ChanReceiveNilChan,
    ChanSendNilChan,
    SelectNoCases,
    Select,
    ChanReceive,
    ChanSend,
    // Reasons the Go part of the runtime passes to `runtime.gopark` (overlay/runtime/stubs.go).
    Sleep = 7,
    SyncMutexLock,
    SyncRWMutexRLock,
    SyncRWMutexLock,
    SyncWaitGroupWait,
    SyncCondWait,
    Semacquire,
    Coroutine,
    IoWait,
    Syscall,
    FinalizerWait,
    // synctest bubbles (overlay/runtime/synctest.go); numbered as in stubs.go.
    SynctestRun = 18,
    SynctestWait,
    SynctestChanReceive,
    SynctestChanSend,
    SynctestSelect,
    SynctestWaitGroupWait,
}

impl WaitReason {
    /// gc's waitReasonStrings.
    fn text(self) -> &'static [u8] {
        match self {
            WaitReason::None => b"",
            WaitReason::ChanReceiveNilChan => b"chan receive (nil chan)",
            WaitReason::ChanSendNilChan => b"chan send (nil chan)",
            WaitReason::SelectNoCases => b"select (no cases)",
            WaitReason::Select => b"select",
            WaitReason::ChanReceive => b"chan receive",
            WaitReason::ChanSend => b"chan send",
            WaitReason::Sleep => b"sleep",
            WaitReason::SyncMutexLock => b"sync.Mutex.Lock",
            WaitReason::SyncRWMutexRLock => b"sync.RWMutex.RLock",
            WaitReason::SyncRWMutexLock => b"sync.RWMutex.Lock",
            WaitReason::SyncWaitGroupWait => b"sync.WaitGroup.Wait",
            WaitReason::SyncCondWait => b"sync.Cond.Wait",
            WaitReason::Semacquire => b"semacquire",
            WaitReason::Coroutine => b"coroutine",
            WaitReason::IoWait => b"IO wait",
            WaitReason::Syscall => b"syscall",
            WaitReason::FinalizerWait => b"finalizer wait",
            WaitReason::SynctestRun => b"synctest.Run",
            WaitReason::SynctestWait => b"synctest.Wait",
            WaitReason::SynctestChanReceive => b"chan receive (durable)",
            WaitReason::SynctestChanSend => b"chan send (durable)",
            WaitReason::SynctestSelect => b"select (durable)",
            WaitReason::SynctestWaitGroupWait => b"sync.WaitGroup.Wait (durable)",
        }
    }

    /// gc's isIdleInSynctest: a goroutine of a synctest bubble waiting for this reason is
    /// durably blocked (only another goroutine of its bubble can wake it).
    fn idle_in_synctest(self) -> bool {
        matches!(
            self,
            WaitReason::ChanReceiveNilChan
                | WaitReason::ChanSendNilChan
                | WaitReason::SelectNoCases
                | WaitReason::Sleep
                | WaitReason::SyncCondWait
                | WaitReason::Coroutine
                | WaitReason::SynctestRun
                | WaitReason::SynctestWait
                | WaitReason::SynctestChanReceive
                | WaitReason::SynctestChanSend
                | WaitReason::SynctestSelect
                | WaitReason::SynctestWaitGroupWait
        )
    }

    /// The reason numbered `n` by the Go part of the runtime.
    pub fn from_u8(n: u8) -> WaitReason {
        match n {
            7 => WaitReason::Sleep,
            8 => WaitReason::SyncMutexLock,
            9 => WaitReason::SyncRWMutexRLock,
            10 => WaitReason::SyncRWMutexLock,
            11 => WaitReason::SyncWaitGroupWait,
            12 => WaitReason::SyncCondWait,
            13 => WaitReason::Semacquire,
            14 => WaitReason::Coroutine,
            15 => WaitReason::IoWait,
            16 => WaitReason::Syscall,
            18 => WaitReason::SynctestRun,
            19 => WaitReason::SynctestWait,
            20 => WaitReason::SynctestChanReceive,
            21 => WaitReason::SynctestChanSend,
            22 => WaitReason::SynctestSelect,
            23 => WaitReason::SynctestWaitGroupWait,
            _ => WaitReason::None,
        }
    }
}

/// The scheduler's per-goroutine state, embedded in [`G`] after gc-compatible fields.
#[repr(C)]
pub struct SchedInfo {
    pub wait_reason: WaitReason,
    /// Set by the first channel operation that completes one of this goroutine's select
    /// cases; later operations skip its other sudogs (gc's `g.selectDone`).
    pub select_done: bool,
    /// Next goroutine in the run queue or the free list.
    pub schedlink: *mut G,
    /// Next goroutine in allocation order (gc's allgs), for deadlock tracebacks.
    pub alllink: *mut G,
    /// PC of the `go` statement that created the goroutine (0 for goroutine 1).
    pub gopc: usize,
    pub parent_goid: u64,
    /// The sudog whose operation woke this goroutine (gc's `g.param`).
    pub param: *mut crate::chan::Sudog,
    /// The funcval run by a goroutine that has not started yet.
    pub entry: usize,
    /// gc's `g.fipsIndicator` (crypto/internal/fips140's service indicator).
    pub fips_indicator: u8,
    /// gc's `g.fipsOnlyBypass` (crypto/fips140.WithoutEnforcement), inherited by new goroutines.
    pub fips_only_bypass: bool,
    /// A runtime goroutine (the finalizer goroutine): hidden from tracebacks and
    /// NumGoroutine, as gc's isSystemGoroutine.
    pub system: bool,
    /// gc's `g.paniconfault` (runtime/debug.SetPanicOnFault): a fault at any address panics
    /// instead of crashing the program.
    pub paniconfault: bool,
    /// The synctest bubble the goroutine belongs to (gc's `g.bubble`), or null.
    pub bubble: *mut Bubble,
    /// Set by `runtime.entersyscall`: the next raw system call may block (proc.rs).
    pub syscall_next: bool,
    /// The return address and frame pointer of the call of `runtime.entersyscall` (gc's
    /// syscallpc and syscallbp), for tracebacks; the stack pointer the collector scans from
    /// is in `sched.sp`.
    pub syscall_pc: usize,
    pub syscall_bp: usize,
}

/// `g.select_done` as the atomic it is: the channels of one select may complete its cases
/// on several threads at once (chan.rs's dequeue claims it by compare-and-swap).
///
/// # Safety
/// `g` is a valid G.
pub unsafe fn select_done(g: *mut G) -> &'static core::sync::atomic::AtomicBool {
    core::sync::atomic::AtomicBool::from_ptr(&raw mut (*g).sched_ext.select_done)
}

impl SchedInfo {
    pub const NEW: SchedInfo = SchedInfo {
        wait_reason: WaitReason::None,
        select_done: false,
        schedlink: null_mut(),
        alllink: null_mut(),
        gopc: 0,
        parent_goid: 0,
        param: null_mut(),
        entry: 0,
        fips_indicator: 0,
        fips_only_bypass: false,
        system: false,
        paniconfault: false,
        bubble: null_mut(),
        syscall_next: false,
        syscall_pc: 0,
        syscall_bp: 0,
    };
}

/// The counters of a synctest bubble, shared with overlay/runtime/synctest.go, whose
/// `synctestBubble` starts with these fields in this order.
///
/// A bubble is durably blocked when none of its goroutines can run until another of its
/// goroutines acts: every live goroutine waits for a reason that only the bubble can end (a
/// channel made in the bubble, a sleep on the bubble's fake clock, sync.Cond, ...). The
/// scheduler keeps `running` (members not durably blocked) and `total` (live members) as
/// goroutines start, park, wake and exit, as gc's changegstatus does; `active` counts wake-ups
/// already decided (and bubble.Acquire holds), during which the bubble is not idle. When
/// `running` and `active` both reach zero the bubble is idle: the goroutine in synctest.Wait is
/// woken, or, when a fake timer is due or nobody waits, the goroutine in synctest.Run, which
/// advances the fake clock to the next timer (or reports the deadlock).
#[repr(C)]
pub struct Bubble {
    total: isize,
    running: isize,
    active: isize,
    root: *mut G,
    waiter: *mut G,
    main: *mut G,
    now: i64,
    /// Due time of the bubble's earliest timer, 0 when it has none.
    next_when: i64,
    id: u64,
    waiting: bool,
    done: bool,
}

/// gc's synctestBubble.changegstatus: goroutine `g` went from running (or not) to running (or
/// not), and was born (+1) or died (-1); wakes the bubble's Wait or Run caller when the
/// bubble became idle.
unsafe fn bubble_change(g: *mut G, was_running: bool, is_running: bool, total_delta: isize) {
    let b = (*g).sched_ext.bubble;
    if b.is_null() {
        return;
    }
    if total_delta < 0 && g == (*b).main {
        (*b).done = true;
    }
    if was_running == is_running && total_delta == 0 {
        return;
    }
    (*b).total += total_delta;
    if was_running != is_running {
        (*b).running += if is_running { 1 } else { -1 };
    }
    if (*b).total < 0 {
        panic::fatal(b"total < 0");
    }
    if (*b).running < 0 {
        panic::fatal(b"running < 0");
    }
    let wake = bubble_maybe_wake(b);
    if !wake.is_null() {
        ready(wake);
    }
}

/// gc's maybeWakeLocked: the goroutine to wake when the bubble is idle, counted in `active`
/// until it has run.
unsafe fn bubble_maybe_wake(b: *mut Bubble) -> *mut G {
    if (*b).running > 0 || (*b).active > 0 {
        return null_mut();
    }
    (*b).active += 1;
    if (*b).next_when > 0 && (*b).next_when <= (*b).now {
        return (*b).root;
    }
    if !(*b).waiter.is_null() {
        return (*b).waiter;
    }
    (*b).root
}

/// `runtime.synctestDecActive(b)`: gc's decActive (the Wait or Run caller is done with a
/// wake-up, or bubble.Release).
///
/// # Safety
/// `b` is a live bubble.
#[unsafe(export_name = "runtime.synctestDecActive")]
pub unsafe extern "C" fn synctest_dec_active(b: *mut Bubble) {
    (*b).active -= 1;
    if (*b).active < 0 {
        panic::throw(b"active < 0");
    }
    let wake = bubble_maybe_wake(b);
    if !wake.is_null() {
        ready(wake);
    }
}

/// `runtime.getgBubble()`: the running goroutine's bubble.
#[unsafe(export_name = "runtime.getgBubble")]
pub extern "C" fn getg_bubble() -> *mut Bubble {
    // SAFETY: the running goroutine.
    unsafe { (*getg()).sched_ext.bubble }
}

/// `runtime.setgBubble(b)`: moves the running goroutine into bubble `b` (or out of its
/// bubble, with null) without counting it (synctest.Run's caller and bubble.Run, as gc).
#[unsafe(export_name = "runtime.setgBubble")]
pub extern "C" fn setg_bubble(b: *mut Bubble) {
    // SAFETY: the running goroutine.
    unsafe { (*getg()).sched_ext.bubble = b }
}

/// gc's goroutineheader additions for a bubbled goroutine: ` (durable)` when it is durably
/// blocked and its reason does not say so, and `, synctest bubble N`.
///
/// # Safety
/// `g` is a valid G.
unsafe fn print_bubble_status(g: *const G) {
    let b = (*g).sched_ext.bubble;
    if b.is_null() {
        return;
    }
    let reason = (*g).sched_ext.wait_reason;
    if (*g).status == G_WAITING
        && reason.idle_in_synctest()
        && !reason.text().ends_with(b"(durable)")
    {
        bytes(b" (durable)");
    }
    bytes(b", synctest bubble ");
    print::uint((*b).id);
}

/// gc's schedt, the part not in the P (proc.rs): the global run queue, allgs, free Gs, goid
/// generation.
struct Sched {
    /// gc's global run queue: `runtime.Gosched`, preemption and local-queue overflow put
    /// goroutines there; it is read when the local queue is empty and every 61st slice.
    globq_head: *mut G,
    globq_tail: *mut G,
    allg_head: *mut G,
    allg_tail: *mut G,
}

/// gc's sched.goidgen. gc numbers goroutines 2–5 for its system goroutines (forcegc, bgsweep,
/// bgscavenge, finalizers); with one P the first user goroutine is 6, so rgo starts there.
static NEXT_GOID: AtomicU64 = AtomicU64::new(6);
/// gc's allglock: appending to the allg list (readers walk it without the lock: a G is linked
/// in only once its fields are set, and never unlinked).
static ALLGLOCK: crate::lock_futex::Mutex = crate::lock_futex::Mutex::new();

static mut SCHED: Sched = Sched {
    globq_head: null_mut(),
    globq_tail: null_mut(),
    allg_head: null_mut(),
    allg_tail: null_mut(),
};

fn sched() -> &'static mut Sched {
    // SAFETY: only the P's holder uses it (the global queue's part under SCHED_LOCK); no
    // reference outlives a scheduler call.
    unsafe { &mut *addr_of_mut!(SCHED) }
}

/// Registers goroutine 1 (called once at start-up, before any other goroutine exists).
///
/// # Safety
/// `g1` is goroutine 1's G.
pub unsafe fn init_main(g1: *mut G) {
    (*g1).status = G_RUNNING;
    allg_add(g1);
}

unsafe fn allg_add(g: *mut G) {
    ALLGLOCK.lock();
    let s = sched();
    (*g).sched_ext.alllink = null_mut();
    if s.allg_tail.is_null() {
        s.allg_head = g;
    } else {
        (*s.allg_tail).sched_ext.alllink = g;
    }
    s.allg_tail = g;
    ALLGLOCK.unlock();
}

/// gc's local run queue holds 256 goroutines (p.runq).
pub const LOCAL_RUNQ_CAP: u32 = 256;

/// gc's runqput(pp, gp, next=true): `g` becomes runnext; the previous runnext goes to the tail
/// of the local queue, or, when that is full, to the global queue with the older half of the
/// local queue (gc's runqputslow). The overflow matters for a goroutine that keeps starting
/// others: once it is preempted to the global queue, the goroutines it started before run
/// first, so they do not pile up.
///
/// The local queue is gc's ring: only the P's owner writes the tail (a release store that
/// publishes the slot), and whoever takes from the head (the owner, and once there are several
/// Ps a thief) claims slots by compare-and-swap on the head, so the slots it read are its own.
unsafe fn runqput(g: *mut G) {
    let pp = crate::proc::thisp();
    let old = pp.runnext.swap(g, Ordering::AcqRel);
    if old.is_null() {
        return;
    }
    let g = old;
    loop {
        let h = pp.runqhead.load(Ordering::Acquire);
        let t = pp.runqtail.load(Ordering::Relaxed);
        if t.wrapping_sub(h) < LOCAL_RUNQ_CAP {
            pp.runq[(t % LOCAL_RUNQ_CAP) as usize].store(g, Ordering::Relaxed);
            pp.runqtail.store(t.wrapping_add(1), Ordering::Release);
            return;
        }
        if runqputslow(pp, g, h, t) {
            return;
        }
        // A thief took some: there is room now.
    }
}

/// gc's runqputslow: moves the older half of the full local queue and `g` to the global
/// queue in one batch. False if the head moved meanwhile (the caller retries).
unsafe fn runqputslow(pp: &crate::proc::P, g: *mut G, h: u32, t: u32) -> bool {
    let n = t.wrapping_sub(h) / 2;
    if n != LOCAL_RUNQ_CAP / 2 {
        panic::throw(b"runqputslow: queue is not full");
    }
    let mut batch = [null_mut::<G>(); LOCAL_RUNQ_CAP as usize / 2 + 1];
    for (i, slot) in batch.iter_mut().take(n as usize).enumerate() {
        *slot =
            pp.runq[(h.wrapping_add(i as u32) % LOCAL_RUNQ_CAP) as usize].load(Ordering::Relaxed);
    }
    if pp
        .runqhead
        .compare_exchange(h, h.wrapping_add(n), Ordering::AcqRel, Ordering::Relaxed)
        .is_err()
    {
        return false;
    }
    batch[n as usize] = g;
    SCHED_LOCK.lock();
    for &b in &batch[..=n as usize] {
        globrunqput_locked(b);
    }
    SCHED_LOCK.unlock();
    true
}

/// gc's runqget without runnext: the head of the local queue, or null.
unsafe fn runqget_local(pp: &crate::proc::P) -> *mut G {
    loop {
        let h = pp.runqhead.load(Ordering::Acquire);
        let t = pp.runqtail.load(Ordering::Relaxed);
        if t == h {
            return null_mut();
        }
        let g = pp.runq[(h % LOCAL_RUNQ_CAP) as usize].load(Ordering::Relaxed);
        if pp
            .runqhead
            .compare_exchange(h, h.wrapping_add(1), Ordering::AcqRel, Ordering::Relaxed)
            .is_ok()
        {
            return g;
        }
    }
}

/// Goroutines in the global run queue. The queue is shared with Ms returning from system
/// calls (proc.rs), so it is changed under `SCHED_LOCK`; this count lets the P's holder see
/// that it is empty without taking the lock.
static GLOBQ_SIZE: AtomicU32 = AtomicU32::new(0);

/// Whether the global run queue is empty.
pub fn globq_empty() -> bool {
    GLOBQ_SIZE.load(Ordering::SeqCst) == 0
}

/// Appends `g` to the global run queue.
unsafe fn globrunqput(g: *mut G) {
    SCHED_LOCK.lock();
    globrunqput_locked(g);
    SCHED_LOCK.unlock();
}

/// Appends `g`, a goroutine back from a system call whose M lost the P, to the global run
/// queue (gc's exitsyscall0).
///
/// # Safety
/// `g`'s context is saved and it is runnable.
pub unsafe fn globrunqput_from_syscall(g: *mut G) {
    globrunqput(g);
}

unsafe fn globrunqput_locked(g: *mut G) {
    let s = sched();
    GLOBQ_SIZE.fetch_add(1, Ordering::SeqCst);
    (*g).sched_ext.schedlink = null_mut();
    if s.globq_tail.is_null() {
        s.globq_head = g;
    } else {
        (*s.globq_tail).sched_ext.schedlink = g;
    }
    s.globq_tail = g;
}

/// The next goroutine to run: gc's findRunnable order with one P (every 61st slice the
/// global queue first, then runnext, the local queue, the global queue).
unsafe fn runqget() -> *mut G {
    let pp = crate::proc::thisp();
    let tick = pp.schedtick.load(Ordering::Relaxed);
    if tick.is_multiple_of(61) && !globq_empty() {
        pp.schedtick.store(tick.wrapping_add(1), Ordering::Relaxed);
        return globrunqget();
    }
    // runnext inherits the time slice: schedtick does not advance (gc's inheritTime).
    let next = pp.runnext.load(Ordering::Acquire);
    if !next.is_null()
        && pp
            .runnext
            .compare_exchange(next, null_mut(), Ordering::AcqRel, Ordering::Relaxed)
            .is_ok()
    {
        return next;
    }
    let mut g = runqget_local(pp);
    if g.is_null() {
        g = globrunqget();
    }
    if !g.is_null() {
        pp.schedtick.store(tick.wrapping_add(1), Ordering::Relaxed);
    }
    g
}

unsafe fn globrunqget() -> *mut G {
    if globq_empty() {
        return null_mut();
    }
    let s = sched();
    SCHED_LOCK.lock();
    let g = s.globq_head;
    if !g.is_null() {
        s.globq_head = (*g).sched_ext.schedlink;
        if s.globq_head.is_null() {
            s.globq_tail = null_mut();
        }
        (*g).sched_ext.schedlink = null_mut();
        GLOBQ_SIZE.fetch_sub(1, Ordering::SeqCst);
    }
    SCHED_LOCK.unlock();
    g
}

/// gc's gopreempt_m: the running goroutine was asked to yield (preempt.rs); it goes to the
/// global run queue and the scheduler runs. Called by the loop back-edges of generated code
/// when `g.stackguard0` holds `STACK_PREEMPT`, and by `runtime.asyncPreempt`.
#[unsafe(export_name = "runtime.gopreempt_m")]
pub extern "C" fn gopreempt_m() {
    let g = getg();
    // SAFETY: g is the running goroutine.
    unsafe {
        (*g).stackguard0 = (*g).stack.lo;
        // The runtime is running Go code for this goroutine (timer functions), or on the
        // scheduler's own stack: not now.
        let m = getm();
        if (*m).locks != 0 || (*g).status != G_RUNNING || g == (*m).g0 {
            return;
        }
    }
    gosched();
}

/// `runtime.Gosched`: lets the other runnable goroutines run first (gc puts the caller on
/// the global run queue, which is read after the local one).
#[unsafe(export_name = "runtime.Gosched")]
pub extern "C" fn gosched() {
    let m = getm();
    // SAFETY: the running goroutine of this M; on g0 (a timer function) there is nothing to
    // yield.
    unsafe {
        if getg() == (*m).g0 {
            return;
        }
        crate::proc::mcall(gosched_m);
    }
}

/// gc's gosched_m, on g0: the goroutine's context is saved, so it can be queued where any M
/// may take it.
unsafe extern "C" fn gosched_m(gp: *mut G) -> ! {
    (*gp).status = G_RUNNABLE;
    globrunqput(gp);
    crate::proc::schedule()
}

/// Makes a waiting goroutine runnable (gc's goready).
///
/// # Safety
/// `g` is a goroutine parked by [`park`].
pub unsafe fn ready(g: *mut G) {
    let was_running = !(*g).sched_ext.wait_reason.idle_in_synctest();
    (*g).status = G_RUNNABLE;
    (*g).sched_ext.wait_reason = WaitReason::None;
    runqput(g);
    bubble_change(g, was_running, true, 0);
}

/// Releases what a parking goroutine held (a channel's lock, a select's locks) once its
/// context is saved; false keeps the goroutine running (gc's gopark unlockf).
pub type UnlockFn = unsafe fn(*mut G, *mut u8) -> bool;

/// Blocks the current goroutine until [`ready`] is called on it (gc's gopark). Returns on the
/// same goroutine once it runs again.
pub fn park(reason: WaitReason) {
    // SAFETY: nothing to release.
    unsafe { gopark(None, null_mut(), reason) }
}

/// gc's gopark: blocks the running goroutine. Its context is saved first (`mcall` to g0), and
/// only then is `unlockf(g, lock)` called, so a goroutine that readies it after taking the
/// lock (a channel's) never finds it still running on its stack. Returns once it runs again.
///
/// # Safety
/// `unlockf` accepts `lock`; called on a goroutine, not g0.
pub unsafe fn gopark(unlockf: Option<UnlockFn>, lock: *mut u8, reason: WaitReason) {
    let m = getm();
    let cur = getg();
    if cur == (*m).g0 {
        panic::throw(b"gopark on g0");
    }
    (*cur).sched_ext.wait_reason = reason;
    (*m).waitunlockf = unlockf;
    (*m).waitlock = lock;
    crate::proc::mcall(park_m);
}

/// gc's park_m, on g0: the goroutine's context is saved; marks it waiting, releases what it
/// held and runs the next goroutine.
unsafe extern "C" fn park_m(gp: *mut G) -> ! {
    let m = getm();
    let reason = (*gp).sched_ext.wait_reason;
    (*gp).status = G_WAITING;
    bubble_change(gp, true, !reason.idle_in_synctest(), 0);
    if let Some(unlockf) = (*m).waitunlockf.take() {
        let lock = core::mem::replace(&mut (*m).waitlock, null_mut());
        if !unlockf(gp, lock) {
            (*gp).sched_ext.wait_reason = WaitReason::None;
            bubble_change(gp, !reason.idle_in_synctest(), true, 0);
            execute(gp);
        }
    }
    crate::proc::schedule()
}

/// gc's execute, on g0 of the M holding the P: runs `to`, leaving the g0 stack (which the
/// next mcall restarts from its top).
///
/// # Safety
/// `to` is runnable with its context saved.
pub unsafe fn execute(to: *mut G) -> ! {
    (*to).status = G_RUNNING;
    (*to).stackguard0 = (*to).stack.lo;
    let m = getm();
    (*to).m = m;
    (*m).curg = to;
    let mut unused = 0;
    swapctx(&mut unused, (*to).sched.sp);
    panic::throw(b"execute returned")
}

/// Saves rbp, rbx, r12–r15 on the current stack, stores rsp to `*save`, switches to stack
/// `to` and restores the registers saved there, returning into that context.
#[unsafe(naked)]
unsafe extern "C" fn swapctx(save: *mut usize, to: usize) {
    naked_asm!(
        "push rbp",
        "push rbx",
        "push r12",
        "push r13",
        "push r14",
        "push r15",
        "mov [rdi], rsp",
        "mov rsp, rsi",
        "pop r15",
        "pop r14",
        "pop r13",
        "pop r12",
        "pop rbx",
        "pop rbp",
        "ret",
    )
}

/// Where a new goroutine starts (the return address of its first frame, like gc's goexit):
/// [`swapctx`] "returns" here with r12 = the funcval and r15 = g. The funcval is called with
/// the Go convention (context in rdi); when it returns the goroutine ends in [`goexit1`].
/// rbp is 0 so that tracebacks stop at this frame.
#[unsafe(naked)]
#[unsafe(export_name = "runtime.goexit")]
unsafe extern "C" fn goexit() {
    naked_asm!(
        "xor ebp, ebp",
        "mov rdi, r12",
        "call [r12]",
        "call {exit}",
        "ud2",
        exit = sym goexit1,
    )
}

/// The goroutine's function returned: free it and run the next one.
pub(crate) extern "C" fn goexit1() -> ! {
    let cur = getg();
    // SAFETY: cur is the running goroutine; goexit0 switches to g0 before the G goes to the
    // free list, where a `go` (on another M, or in a timer function) may take it.
    unsafe {
        gdead(cur);
        crate::proc::mcall(goexit0);
    }
    // A dead goroutine is never switched back to.
    panic::throw(b"dead goroutine resumed")
}

/// gc's goexit0, on g0: the dead goroutine's G and stack go to the free list.
unsafe extern "C" fn goexit0(gp: *mut G) -> ! {
    gfput(gp);
    crate::proc::schedule()
}

/// Marks the running goroutine dead.
unsafe fn gdead(cur: *mut G) {
    bubble_change(cur, true, false, -1);
    (*cur).sched_ext.bubble = null_mut();
    (*cur).status = G_DEAD;
    (*cur).sched_ext.entry = 0;
    (*cur).sched_ext.param = null_mut();
    (*cur).defer = 0;
    (*cur).panic = 0;
    if cur == addr_of_mut!(start::G1) {
        MAIN_GOEXITED = true;
    }
}

/// Puts a dead goroutine's G and stack on the P's free list for the next `go` (gc's gfput).
unsafe fn gfput(cur: *mut G) {
    // gc's p.gFree: the P's own list (its holder alone uses it).
    let pp = crate::proc::thisp();
    (*cur).sched_ext.schedlink = pp.gfree.load(Ordering::Relaxed);
    pp.gfree.store(cur, Ordering::Relaxed);
}

/// Ends the running goroutine (after `runtime.Goexit` ran its deferred calls).
///
/// # Safety
/// Called on the goroutine that ends.
pub unsafe fn goexit_current() -> ! {
    goexit1()
}

/// Set when goroutine 1 ended through `runtime.Goexit`.
static mut MAIN_GOEXITED: bool = false;

/// gc's findRunnable with one P: runs the timers that are due, then takes the next goroutine
/// from the run queues; with nothing to run but timers, I/O or system calls pending, waits
/// (holding the P, proc.rs's idle_wait) until one of them may have made a goroutine
/// runnable. Null means nothing can ever run again (gc's checkdead).
///
/// # Safety
/// Called by the P's holder.
pub unsafe fn find_runnable() -> *mut G {
    // gc's schedtick: every 61st pick also polls the network without waiting, so that ready
    // I/O is noticed while other goroutines keep the thread busy.
    static mut SCHEDTICK: u32 = 0;
    SCHEDTICK = SCHEDTICK.wrapping_add(1);
    if SCHEDTICK.is_multiple_of(61) && crate::netpoll::has_waiters() {
        crate::netpoll::poll(0);
    }
    loop {
        crate::time::check_timers();
        crate::sigqueue::wake_receiver();
        let g = runqget();
        if !g.is_null() {
            return g;
        }
        let next = crate::time::timer_next();
        // A goroutine waiting for signals: wake up at least every 10 ms to look for them (a
        // signal also interrupts the waits below).
        let signals = crate::sigqueue::has_receiver();
        let now = crate::time::nanotime();
        let mut delay = if next == 0 { -1 } else { (next - now).max(0) };
        if signals && !(0..=10_000_000).contains(&delay) {
            delay = 10_000_000;
        }
        let netpoll = crate::netpoll::has_waiters();
        // A goroutine in a system call comes back through the global queue: the count is
        // read before the queue, as exitsyscall0 queues before it counts down.
        if delay < 0 && !netpoll && crate::proc::NSYSCALL.load(Ordering::SeqCst) == 0 {
            if globq_empty() {
                return null_mut();
            }
            continue;
        }
        crate::proc::idle_wait(netpoll, delay);
    }
}

/// `runtime.goswitch(gp, reason, exit)`: blocks the running goroutine (or, with `exit`, ends
/// it) and runs `gp` at once without touching the run queues (coroutine switches).
///
/// # Safety
/// `gp` is a goroutine blocked in gopark, goswitch or created by newprocParked.
#[unsafe(export_name = "runtime.goswitch")]
pub unsafe extern "C" fn goswitch(gp: *mut G, reason: u8, exit: u8) {
    let cur = getg();
    let gp_was_running = !(*gp).sched_ext.wait_reason.idle_in_synctest();
    (*gp).sched_ext.wait_reason = WaitReason::None;
    bubble_change(gp, gp_was_running, true, 0);
    (*getm()).switchto = gp;
    if exit != 0 {
        gdead(cur);
        crate::proc::mcall(goswitch_exit_m);
    } else {
        let reason = WaitReason::from_u8(reason);
        (*cur).sched_ext.wait_reason = reason;
        crate::proc::mcall(goswitch_m);
    }
}

/// The coroutine switch on g0, the leaving goroutine's context saved: it waits, `switchto`
/// runs.
unsafe extern "C" fn goswitch_m(cur: *mut G) -> ! {
    let reason = (*cur).sched_ext.wait_reason;
    (*cur).status = G_WAITING;
    bubble_change(cur, true, !reason.idle_in_synctest(), 0);
    let gp = core::mem::replace(&mut (*getm()).switchto, null_mut());
    execute(gp)
}

/// The coroutine switch that ends the leaving goroutine (gc's coroexit): its G is freed.
unsafe extern "C" fn goswitch_exit_m(cur: *mut G) -> ! {
    gfput(cur);
    let gp = core::mem::replace(&mut (*getm()).switchto, null_mut());
    execute(gp)
}

/// `runtime.gopark(reason)`: blocks the running goroutine until `runtime.goready`.
#[unsafe(export_name = "runtime.gopark")]
pub extern "C" fn gopark_go(reason: u8) {
    park(WaitReason::from_u8(reason));
}

/// `runtime.goready(gp)`: makes a goroutine blocked in `runtime.gopark` runnable.
///
/// # Safety
/// `gp` is a goroutine blocked in gopark.
#[unsafe(export_name = "runtime.goready")]
pub unsafe extern "C" fn goready_go(gp: *mut G) {
    ready(gp);
}

/// Calls `f` with every goroutine ever created (gc's forEachG), in creation order.
///
/// # Safety
/// `f` must not create goroutines.
pub unsafe fn for_each_g(mut f: impl FnMut(*mut G)) {
    let mut g = sched().allg_head;
    while !g.is_null() {
        let next = (*g).sched_ext.alllink;
        f(g);
        g = next;
    }
}

/// Goroutines created so far, goroutine 1 included (gc's sched.goroutinesCreated counts the
/// same `go` statements; rgo numbers user goroutines from 6, as gc does).
pub fn goroutines_created() -> u64 {
    NEXT_GOID.load(Ordering::Relaxed) - 5
}

/// Goroutines that have not exited, by status: (runnable, running, waiting).
pub fn goroutine_states() -> (u64, u64, u64) {
    let (mut runnable, mut running, mut waiting) = (0, 0, 0);
    // SAFETY: the allg list holds valid Gs.
    unsafe {
        let mut g = sched().allg_head;
        while !g.is_null() {
            if !(*g).sched_ext.system {
                match (*g).status {
                    G_RUNNABLE => runnable += 1,
                    G_RUNNING => running += 1,
                    G_WAITING => waiting += 1,
                    _ => {}
                }
            }
            g = (*g).sched_ext.alllink;
        }
    }
    (runnable, running, waiting)
}

/// `runtime.numgoroutine()`: goroutines that have not exited (gc's gcount).
#[unsafe(export_name = "runtime.numgoroutine")]
pub extern "C" fn numgoroutine() -> isize {
    let mut n = 0;
    // SAFETY: the allg list holds valid Gs.
    unsafe {
        let mut g = sched().allg_head;
        while !g.is_null() {
            if (*g).status != G_DEAD && (*g).status != G_IDLE && !(*g).sched_ext.system {
                n += 1;
            }
            g = (*g).sched_ext.alllink;
        }
    }
    n
}

/// `runtime.newprocParked(fn, reason)`: a goroutine that runs the funcval `fv` once it is
/// switched to or readied; until then it waits with `reason` (gc's newproc1 with parked set,
/// for coroutines).
///
/// # Safety
/// `fv` is a funcval of a Go `func()`.
#[unsafe(export_name = "runtime.newprocParked")]
#[inline(never)]
pub unsafe extern "C" fn newproc_parked(fv: *const usize, reason: u8) -> *mut G {
    let fp = panic::current_fp();
    let callerpc = *((fp + 8) as *const usize);
    if fv.is_null() {
        fatal_running(fp, b"go of nil func value");
    }
    let g = newproc1(fv, callerpc);
    let reason = WaitReason::from_u8(reason);
    (*g).status = G_WAITING;
    (*g).sched_ext.wait_reason = reason;
    bubble_change(g, false, !reason.idle_in_synctest(), 1);
    g
}

/// A parked runtime goroutine (the finalizer goroutine) that runs `fv` once readied.
///
/// # Safety
/// `fv` is a funcval whose code takes the context only.
pub unsafe fn newproc_system(fv: *const usize) -> *mut G {
    let g = newproc1(fv, 0);
    // Runtime goroutines belong to no bubble.
    (*g).sched_ext.bubble = null_mut();
    (*g).status = G_WAITING;
    (*g).sched_ext.wait_reason = WaitReason::FinalizerWait;
    (*g).sched_ext.system = true;
    g
}

/// `go` statement: starts a goroutine running the funcval `fv` (a `func()`; the compiler wraps
/// calls with arguments in a `pkg.f.gowrapN` closure, as gc does).
///
/// # Safety
/// `fv` is a funcval of a Go `func()` or null.
#[unsafe(export_name = "runtime.newproc")]
#[inline(never)]
pub unsafe extern "C" fn newproc(fv: *const usize) {
    let fp = panic::current_fp();
    // Return address into the Go function holding the `go` statement (`created by` line).
    let callerpc = *((fp + 8) as *const usize);
    if fv.is_null() {
        fatal_running(fp, b"go of nil func value");
    }
    let g = newproc1(fv, callerpc);
    (*g).status = G_RUNNABLE;
    runqput(g);
    bubble_change(g, false, true, 1);
}

/// A new goroutine (reusing a dead one's G and stack) whose first switch runs `fv`.
unsafe fn newproc1(fv: *const usize, callerpc: usize) -> *mut G {
    let pp = crate::proc::thisp();
    let free = pp.gfree.load(Ordering::Relaxed);
    let g = if !free.is_null() {
        let g = free;
        pp.gfree.store((*g).sched_ext.schedlink, Ordering::Relaxed);
        (*g).sched_ext.schedlink = null_mut();
        g
    } else {
        let g = persistent_alloc(core::mem::size_of::<G>(), 64) as *mut G;
        // persistent_alloc memory is zeroed: every other field starts as 0/null.
        // gc's 1 GB limit, reserved up front and committed page by page (start.rs).
        match start::stackalloc() {
            Some(st) => {
                (*g).stack = st;
                (*g).stackguard0 = (*g).stack.lo;
            }
            None => panic::throw(b"runtime: cannot allocate goroutine stack"),
        }
        allg_add(g);
        g
    };
    let cur = getg();
    (*g).m = (*cur).m;
    (*g).goid = NEXT_GOID.fetch_add(1, Ordering::Relaxed);
    (*g).sched_ext.gopc = callerpc;
    (*g).sched_ext.parent_goid = (*cur).goid;
    (*g).sched_ext.entry = fv as usize;
    select_done(g).store(false, Ordering::Relaxed);
    (*g).sched_ext.wait_reason = WaitReason::None;
    (*g).sched_ext.fips_indicator = 0;
    (*g).sched_ext.fips_only_bypass = (*cur).sched_ext.fips_only_bypass;
    (*g).sched_ext.system = false;
    (*g).sched_ext.paniconfault = false;
    // A goroutine started in a bubble is in that bubble (the caller counts it).
    (*g).sched_ext.bubble = (*cur).sched_ext.bubble;
    (*g).defer = 0;
    (*g).panic = 0;
    // Initial context for swapctx: r15 = g, r14, r13, r12 = fv, rbx, rbp = 0, return address
    // = goexit. The return-address slot sits at 8 mod 16 so that goexit's `call` is made with
    // a 16-byte aligned rsp.
    let top = (*g).stack.hi & !15;
    let sp = (top - 24 - 48) as *mut usize;
    *sp = g as usize;
    *sp.add(1) = 0;
    *sp.add(2) = 0;
    *sp.add(3) = fv as usize;
    *sp.add(4) = 0;
    *sp.add(5) = 0;
    *sp.add(6) = goexit as *const () as usize;
    (*g).sched.sp = sp as usize;
    g
}

/// runtime.setPanicOnFault (overlay/runtime/debug.go): sets the current goroutine's
/// paniconfault and returns the old value.
#[unsafe(export_name = "runtime.gSetPanicOnFault")]
pub extern "C" fn g_set_panic_on_fault(new: bool) -> bool {
    let g = getg();
    // SAFETY: the running goroutine.
    unsafe { core::mem::replace(&mut (*g).sched_ext.paniconfault, new) }
}

/// gc's `fatal` (a user error, unlike `throw`): the message, the current goroutine's frames
/// from frame pointer `fp` under a plain `[running]` header, exit 2.
fn fatal_running(fp: usize, msg: &[u8]) -> ! {
    let g = getg();
    bytes(b"fatal error: ");
    bytes(msg);
    bytes(b"\n\ngoroutine ");
    // SAFETY: g is the running goroutine.
    unsafe {
        print::uint((*g).goid);
        bytes(b" [running]:\n");
        panic::traceback(0, fp);
        print_created_by(g);
    }
    sys::exit(2)
}

/// `select {}`: blocks forever.
#[unsafe(export_name = "runtime.block")]
pub extern "C" fn block() {
    park(WaitReason::SelectNoCases);
    panic::throw(b"select {} resumed");
}

/// Nothing can run: every goroutine waits for something only another goroutine could do.
/// Prints gc's fatal error with each live goroutine's stack (in creation order) and exits 2.
pub(crate) fn deadlock() -> ! {
    let fp = panic::current_fp();
    let cur = getg();
    // SAFETY: single-threaded runtime.
    if numgoroutine() == 0 && unsafe { MAIN_GOEXITED } {
        bytes(b"fatal error: no goroutines (main called runtime.Goexit) - deadlock!\n");
        sys::exit(2);
    }
    bytes(b"fatal error: all goroutines are asleep - deadlock!\n");
    // SAFETY: every G in the list is valid; blocked goroutines' stacks hold their saved
    // contexts.
    unsafe {
        let mut g = sched().allg_head;
        while !g.is_null() {
            if (*g).status != G_DEAD && (*g).status != G_IDLE && !(*g).sched_ext.system {
                bytes(b"\ngoroutine ");
                print::uint((*g).goid);
                bytes(b" [");
                bytes((*g).sched_ext.wait_reason.text());
                print_bubble_status(g);
                bytes(b"]:\n");
                // The current goroutine is walked from this frame; others from the rbp that
                // swapctx saved (6th word of the saved context).
                let gfp = if g == cur { fp } else { saved_fp(g) };
                traceback_other(g, gfp);
                print_created_by(g);
            }
            g = (*g).sched_ext.alllink;
        }
    }
    sys::exit(2)
}

/// gc's tracebackothers: after a crash's own traceback, every other live goroutine in creation
/// order, as `goroutine N [status]:`, its frames and its `created by` line. `level2` (runtime
/// throws, GOTRACEBACK=system/crash) adds gc's `gp=… m=nil` to the headers and shows the
/// runtime's own goroutines (the finalizer goroutine).
pub fn traceback_others(level2: bool) {
    let cur = getg();
    // SAFETY: every G in the list is valid; goroutines that are not running hold the context
    // swapctx saved on their stacks. The program is about to exit.
    unsafe {
        let mut g = sched().allg_head;
        while !g.is_null() {
            let st = (*g).status;
            if g != cur && st != G_DEAD && st != G_IDLE && (level2 || !(*g).sched_ext.system) {
                bytes(b"\ngoroutine ");
                print::uint((*g).goid);
                if level2 {
                    bytes(b" gp=");
                    print::hex(g as u64);
                    bytes(b" m=nil");
                }
                bytes(b" [");
                bytes(match st {
                    G_RUNNABLE => b"runnable",
                    G_RUNNING => b"running",
                    G_SYSCALL => b"syscall",
                    _ if (*g).sched_ext.wait_reason == WaitReason::None => b"waiting",
                    _ => (*g).sched_ext.wait_reason.text(),
                });
                print_bubble_status(g);
                bytes(b"]:\n");
                let fp = saved_fp(g);
                let entry = (*g).sched_ext.entry;
                if fp == 0 && entry != 0 {
                    // Not started yet: gc shows the function it will run.
                    let m = getm();
                    {
                        let saved = (*m).curg;
                        (*m).curg = g;
                        panic::traceback(*(entry as *const usize), 0);
                        (*m).curg = saved;
                    }
                } else {
                    traceback_other(g, fp);
                }
                print_created_by(g);
            }
            g = (*g).sched_ext.alllink;
        }
    }
}

/// The frame pointer a goroutine that is not running left: the rbp that swapctx saved (6th
/// word of its saved context), or where it entered its system call.
unsafe fn saved_fp(g: *mut G) -> usize {
    if (*g).status == G_SYSCALL {
        return (*g).sched_ext.syscall_bp;
    }
    *(((*g).sched.sp + 40) as *const usize)
}

/// Prints the frames of goroutine `g` starting from frame pointer `fp` (the walk uses the
/// current goroutine's stack bounds, so `g` is made current while printing; the program is
/// about to exit).
unsafe fn traceback_other(g: *mut G, fp: usize) {
    let m = getm();
    let saved = (*m).curg;
    (*m).curg = g;
    // A goroutine in a system call starts at the function that entered it (syscall.Syscall),
    // at the call of entersyscall, as gc's syscallpc/syscallsp.
    let pc = if (*g).status == G_SYSCALL {
        (*g).sched_ext.syscall_pc.saturating_sub(1)
    } else {
        0
    };
    panic::traceback(pc, fp);
    (*m).curg = saved;
}

/// gc's `created by pkg.f in goroutine N` lines for goroutines started by a `go` statement.
///
/// # Safety
/// `g` is a valid goroutine.
pub unsafe fn print_created_by(g: *const G) {
    let pc = (*g).sched_ext.gopc;
    if pc == 0 {
        return;
    }
    let Some(f) = symtab::find_func(pc) else {
        return;
    };
    bytes(b"created by ");
    crate::panic::print_func_name(f.name());
    bytes(b" in goroutine ");
    print::uint((*g).sched_ext.parent_goid);
    bytes(b"\n\t");
    let (file, line) = f.file_line(if pc > f.entry { pc - 1 } else { pc });
    bytes(file);
    bytes(b":");
    print::int(line as i64);
    if pc > f.entry {
        bytes(b" +");
        print::hex((pc - f.entry) as u64);
    }
    bytes(b"\n");
}

// ---- randomness for select ----------------------------------------------------------------------

/// A uniformly distributed number in [0, n) (gc's cheaprandn), from the calling thread's
/// wyrand generator (rand.rs).
pub fn cheaprandn(n: u32) -> u32 {
    let r = crate::rand::next() as u32;
    ((r as u64 * n as u64) >> 32) as u32
}

// ---- per-goroutine FIPS 140 state (gc's runtime1.go and fipsbypass.go) ------------------------

/// crypto/internal/fips140.getIndicator.
#[unsafe(export_name = "crypto/internal/fips140.getIndicator")]
pub extern "C" fn fips_get_indicator() -> u8 {
    // SAFETY: the running goroutine's g.
    unsafe { (*getg()).sched_ext.fips_indicator }
}

/// crypto/internal/fips140.setIndicator.
#[unsafe(export_name = "crypto/internal/fips140.setIndicator")]
pub extern "C" fn fips_set_indicator(indicator: u8) {
    // SAFETY: as above.
    unsafe { (*getg()).sched_ext.fips_indicator = indicator }
}

/// crypto/fips140.setBypass.
#[unsafe(export_name = "crypto/fips140.setBypass")]
pub extern "C" fn fips140_set_bypass() {
    // SAFETY: as above.
    unsafe { (*getg()).sched_ext.fips_only_bypass = true }
}

/// crypto/fips140.unsetBypass.
#[unsafe(export_name = "crypto/fips140.unsetBypass")]
pub extern "C" fn fips140_unset_bypass() {
    // SAFETY: as above.
    unsafe { (*getg()).sched_ext.fips_only_bypass = false }
}

/// crypto/fips140.isBypassed.
#[unsafe(export_name = "crypto/fips140.isBypassed")]
pub extern "C" fn fips140_is_bypassed() -> bool {
    // SAFETY: as above.
    unsafe { (*getg()).sched_ext.fips_only_bypass }
}
