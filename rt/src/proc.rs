//! The primitives the Go part of package runtime (overlay/runtime/stubs.go) builds on, and
//! gc's proc.go entry points that are not scheduler internals: `runtime.Goexit`, `getg`,
//! `exit`, `write`, `throw`, `fatal`, argv/envp, raw system calls, the CPU count.

use crate::panic;
use crate::start::{self, G, getg};
use crate::sys;

/// `runtime.getg()`: the running goroutine.
#[unsafe(export_name = "runtime.getg")]
pub extern "C" fn getg_go() -> *mut G {
    getg()
}

/// `runtime.Goexit`: runs the goroutine's pending deferred calls (recover returns nil in
/// them), then ends the goroutine. When goroutine 1 calls it the program goes on until the
/// other goroutines are done; then it fails with gc's "no goroutines (main called
/// runtime.Goexit) - deadlock!".
#[unsafe(export_name = "runtime.Goexit")]
pub extern "C" fn goexit() {
    // SAFETY: runs on the calling goroutine.
    unsafe {
        crate::defers::run_goexit_defers();
        crate::sched::goexit_current();
    }
}

/// `runtime.exit(code)`.
#[unsafe(export_name = "runtime.exit")]
pub extern "C" fn exit(code: i32) -> ! {
    sys::exit(code)
}

/// `runtime.write(fd, p, n) int32` (also pulled by internal/godebug): the byte count or -errno.
///
/// # Safety
/// `p` points to `n` readable bytes.
#[unsafe(export_name = "runtime.write")]
pub unsafe extern "C" fn write(fd: usize, p: *const u8, n: i32) -> i32 {
    sys::syscall3(sys::SYS_WRITE, fd, p as usize, n as usize) as i32
}

/// `runtime.throw(s)`: `fatal error: s` with a traceback, exit 2.
///
/// # Safety
/// (ptr, len) is a Go string.
#[unsafe(export_name = "runtime.throw")]
pub unsafe extern "C" fn throw(ptr: *const u8, len: usize) -> ! {
    panic::throw(core::slice::from_raw_parts(ptr, len))
}

/// `runtime.fatal(s)`: gc's fatal (a user error such as `sync: unlock of unlocked mutex`).
///
/// # Safety
/// (ptr, len) is a Go string.
#[unsafe(export_name = "runtime.fatal")]
pub unsafe extern "C" fn fatal(ptr: *const u8, len: usize) -> ! {
    panic::fatal(core::slice::from_raw_parts(ptr, len))
}

/// argc and argv, in rax:rdx.
#[repr(C)]
pub struct Args {
    pub argc: isize,
    pub argv: *const *const u8,
}

/// `runtime.sysargs() (int32, unsafe.Pointer)`.
#[unsafe(export_name = "runtime.sysargs")]
pub extern "C" fn sysargs() -> Args {
    // SAFETY: written once at start-up.
    unsafe {
        Args {
            argc: start::ARGC,
            argv: start::ARGV,
        }
    }
}

/// `runtime.sysenvp() unsafe.Pointer`: the environment array saved at start-up.
#[unsafe(export_name = "runtime.sysenvp")]
pub extern "C" fn sysenvp() -> *const *const u8 {
    // SAFETY: written once at start-up.
    unsafe { start::ENVP }
}

/// `runtime.rawsyscall6(trap, a1..a6) (r1, r2, err uintptr)`, the three results written through
/// `out` (docs/abi.md), with gc's convention (rt/src/asm/syscall.rs).
///
/// # Safety
/// The arguments are valid for system call `trap`.
#[unsafe(export_name = "runtime.rawsyscall6")]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn rawsyscall6(
    out: *mut [usize; 3],
    trap: usize,
    a1: usize,
    a2: usize,
    a3: usize,
    a4: usize,
    a5: usize,
    a6: usize,
) {
    // SAFETY: forwarded contract; out is the caller's result area.
    unsafe { *out = crate::asm::syscall::syscall_go(trap, [a1, a2, a3, a4, a5, a6]) };
}

const SYS_GETPID: usize = 39;
const SYS_KILL: usize = 62;
const SYS_SCHED_GETAFFINITY: usize = 204;
const SIGPIPE: usize = 13;

/// `runtime.raisesigpipe()`: os.sigpipe, after a write to stdout/stderr failed with EPIPE.
/// The runtime's SIGPIPE handler ignores the signal (other descriptors just get EPIPE, as
/// with gc); for stdout and stderr the default action is restored and the signal raised, so
/// it ends the process as gc's dieFromSignal does.
#[unsafe(export_name = "runtime.raisesigpipe")]
pub extern "C" fn raisesigpipe() {
    if crate::sigqueue::sigpipe_taken() {
        return;
    }
    crate::signal::set_sigpipe(true);
    // SAFETY: plain system calls.
    unsafe {
        let pid = sys::syscall3(SYS_GETPID, 0, 0, 0);
        sys::syscall3(SYS_KILL, pid as usize, SIGPIPE, 0);
    }
}

/// `runtime.getncpu()`: CPUs in the process's affinity mask (gc's getproccount).
#[unsafe(export_name = "runtime.getncpu")]
pub extern "C" fn getncpu() -> i32 {
    let mut mask = [0u64; 16];
    // SAFETY: mask is 128 writable bytes.
    let r = unsafe {
        sys::syscall3(
            SYS_SCHED_GETAFFINITY,
            0,
            core::mem::size_of_val(&mask),
            mask.as_mut_ptr() as usize,
        )
    };
    if r <= 0 {
        return 1;
    }
    let words = (r as usize).div_ceil(8).min(mask.len());
    let n: u32 = mask[..words].iter().map(|w| w.count_ones()).sum();
    n.max(1) as i32
}

/// `runtime.fcntl(fd, cmd, arg int32) (ret, errno int32)`, pulled by internal/syscall/unix.
#[repr(C)]
pub struct FcntlResult {
    pub ret: i64,
    pub errno: i64,
}

#[unsafe(export_name = "runtime.fcntl")]
pub extern "C" fn fcntl(fd: i32, cmd: i32, arg: i32) -> FcntlResult {
    const SYS_FCNTL: usize = 72;
    // SAFETY: fcntl reads/writes no memory for the integer commands os uses.
    let r = unsafe { sys::syscall3(SYS_FCNTL, fd as usize, cmd as usize, arg as usize) };
    if r < 0 {
        FcntlResult {
            ret: -1,
            errno: -r as i64,
        }
    } else {
        FcntlResult {
            ret: r as i64,
            errno: 0,
        }
    }
}

/// Result of `runtime.vgetrandom`: gc's vDSO getrandom is not used by rgo; `supported = false`
/// makes internal/syscall/unix fall back to the getrandom system call.
#[repr(C)]
pub struct VgetrandomResult {
    pub ret: isize,
    pub supported: usize,
}

#[unsafe(export_name = "runtime.vgetrandom")]
pub extern "C" fn vgetrandom(
    _p: *mut u8,
    _len: usize,
    _cap: usize,
    _flags: u32,
) -> VgetrandomResult {
    VgetrandomResult {
        ret: -1,
        supported: 0,
    }
}

/// `runtime.stack(buf, n) int`: runtime.Stack for the calling goroutine: its traceback, as a
/// panic would print it, into buf (at most n bytes); returns the length.
///
/// # Safety
/// `buf` points to `n` writable bytes.
#[unsafe(export_name = "runtime.stack")]
#[inline(never)]
pub unsafe extern "C" fn stack(buf: *mut u8, n: isize) -> isize {
    // The walk starts at the caller of runtime.Stack (whose frame is the caller of this one),
    // as gc's Stack does.
    let fp = *(panic::current_fp() as *const usize);
    let c = &mut *core::ptr::addr_of_mut!(crate::print::CAPTURE);
    *c = crate::print::Capture {
        buf,
        cap: n.max(0) as usize,
        len: 0,
    };
    let g = getg();
    crate::print::bytes(b"goroutine ");
    crate::print::uint((*g).goid);
    crate::print::bytes(b" [running]:\n");
    panic::traceback(0, fp);
    crate::sched::print_created_by(g);
    let len = c.len;
    c.buf = core::ptr::null_mut();
    len as isize
}

/// `runtime.breakpoint()`: a breakpoint trap (int3), for runtime.Breakpoint.
#[unsafe(export_name = "runtime.breakpoint")]
pub extern "C" fn breakpoint() {
    // SAFETY: int3 only raises SIGTRAP.
    unsafe { core::arch::asm!("int3", options(nomem, nostack)) };
}

unsafe extern "C" {
    /// The build info blob the linker writes (reference §8.4): a 32-byte header, then the Go
    /// version and the module information, each preceded by its uvarint length.
    #[link_name = "go:buildinfo"]
    static BUILDINFO: [u8; 32];
}

/// Reads a uvarint at `*p`, advancing it.
unsafe fn read_uvarint(p: &mut *const u8) -> usize {
    let mut v = 0usize;
    let mut shift = 0;
    loop {
        let b = **p;
        *p = p.add(1);
        v |= ((b & 0x7f) as usize) << shift;
        if b & 0x80 == 0 || shift > 56 {
            return v;
        }
        shift += 7;
    }
}

/// `runtime.modinfo() string`: the module information of the build info, sentinels included
/// (gc's `runtime.modinfo` variable, which its linker fills with the same bytes).
#[unsafe(export_name = "runtime.modinfo")]
pub extern "C" fn modinfo() -> crate::strings::GoString {
    // SAFETY: the linker always writes go:buildinfo; both strings lie inside it.
    unsafe {
        let mut p = (&raw const BUILDINFO).cast::<u8>().add(32);
        let vlen = read_uvarint(&mut p);
        p = p.add(vlen);
        let mlen = read_uvarint(&mut p);
        crate::strings::GoString { ptr: p, len: mlen }
    }
}

// ---- Ms, the P, system calls and sysmon (gc's proc.go) --------------------------------------
//
// rgo runs gc's scheduler with GOMAXPROCS=1: one P, the right to run Go code, and as many Ms
// (OS threads) as system calls need. Whoever holds the P owns the whole Go-side runtime
// state (run queues, heap, timers, channels), exactly as the single thread did before, so
// none of that code needs locks. What other threads may do:
//
// * **A goroutine in a blocking system call.** `syscall.Syscall` brackets the call with
//   `runtime.entersyscall`/`exitsyscall` (asm/syscall.rs makes the call between them, with
//   every callee-saved register spilled to the goroutine's stack). entersyscall records the
//   stack pointer in `g.sched.sp` (the collector scans the stack from there, as it does a
//   parked goroutine's) and sets the P's status to SYSCALL; the M keeps the P. If the call
//   returns before anyone noticed, exitsyscall's compare-and-swap SYSCALL → RUNNING takes
//   the P back: two atomic operations in all.
//
// * **sysmon**, a thread without a P (gc's sysmon). It wakes every 20 µs to 10 ms; when it
//   sees the P in the same system call on two consecutive wakes, it takes the P
//   (SYSCALL → IDLE, gc's retake) and hands it to an idle M, or a new one (handoffp,
//   startm, newm): that M runs the other goroutines. The M whose call then returns finds its
//   P gone: it saves its goroutine's context, switches to its own stack (mcall), puts the
//   goroutine on the global run queue, wakes the P's holder if it waits for work, and parks
//   (stopm) on its note until sysmon hands it the P again. A goroutine thus never runs Go
//   code without the P, and a collection (which runs on the P's holder) never runs while
//   a goroutine leaves a system call: the leaving M waits for the P.
//   sysmon also preempts: when the P has run the same time slice for 10 ms, it asks the
//   goroutine to yield (preempt.rs) and sends SIGURG to its M alone (tgkill, gc's preemptM).
//
// * **Waiting for work.** When the P's holder finds nothing to run (sched.rs's
//   find_runnable) and something may still come (a timer, I/O, a goroutine in a system
//   call), it waits holding the P: on a futex note until the next timer, or in epoll. An M
//   returning from a system call wakes it (the note, or an eventfd in the epoll set, gc's
//   netpollBreak). It waits on its g0 stack (goroutines park through mcall, sched.rs).
//   sysmon sleeps until the wait ends
//   (gc's sysmonwait), so a program blocked in a long wait is not woken for nothing.
//
// Deadlock ("all goroutines are asleep") is declared only when nothing is runnable, no timer
// or I/O is pending and no goroutine is in a system call (gc's checkdead counts the Ms in
// system calls as running).

use crate::lock_futex::{Mutex, Note};
use crate::start::{M, Stack, getm};
use core::arch::naked_asm;
use core::sync::atomic::{AtomicBool, AtomicI32, AtomicI64, AtomicPtr, AtomicU32, Ordering};

const P_IDLE: u32 = 0;
const P_RUNNING: u32 = 1;
const P_SYSCALL: u32 = 2;

/// gc's p, the one there is: its status, its M, the count of system calls made on it
/// (sysmon compares it between wakes), and its run queue (sched.rs: gc's lock-free ring,
/// whose head other Ps will advance when they steal).
pub(crate) struct P {
    status: AtomicU32,
    m: AtomicPtr<M>,
    syscalltick: AtomicU32,
    /// gc's p.schedtick: time slices started (sysmon reads it).
    pub schedtick: AtomicU32,
    /// gc's p.runqhead/runqtail/runq: the owner appends at the tail, and takes from the head
    /// by compare-and-swap, as a stealer would.
    pub runqhead: AtomicU32,
    pub runqtail: AtomicU32,
    pub runq: [AtomicPtr<G>; crate::sched::LOCAL_RUNQ_CAP as usize],
    /// gc's p.runnext: the goroutine to run next, inheriting the current time slice.
    pub runnext: AtomicPtr<G>,
    /// gc's p.gFree: dead goroutines (G and stack) for the next `go` on this P.
    pub gfree: AtomicPtr<G>,
    /// gc's p.sudogcache (chan.rs).
    pub sudogcache: AtomicPtr<crate::chan::Sudog>,
}

pub(crate) static P0: P = P {
    status: AtomicU32::new(P_RUNNING),
    m: AtomicPtr::new(core::ptr::null_mut()),
    syscalltick: AtomicU32::new(0),
    schedtick: AtomicU32::new(0),
    runqhead: AtomicU32::new(0),
    runqtail: AtomicU32::new(0),
    runq: [const { AtomicPtr::new(core::ptr::null_mut()) }; crate::sched::LOCAL_RUNQ_CAP as usize],
    runnext: AtomicPtr::new(core::ptr::null_mut()),
    gfree: AtomicPtr::new(core::ptr::null_mut()),
    sudogcache: AtomicPtr::new(core::ptr::null_mut()),
};

/// The P of the calling M (gc's getg().m.p).
pub(crate) fn thisp() -> &'static P {
    // SAFETY: the calling thread's own M; a P is never freed.
    unsafe {
        let p = (*getm()).p;
        if p.is_null() {
            crate::panic::throw(b"runtime: M has no P");
        }
        &*p
    }
}

/// gc's sched.lock: the global run queue (sched.rs) and the M lists.
pub static SCHED_LOCK: Mutex = Mutex::new();
/// Idle Ms (gc's sched.midle) and every M (gc's allm), under SCHED_LOCK.
static mut MIDLE: *mut M = core::ptr::null_mut();
static mut ALLM: *mut M = core::ptr::null_mut();
static MNEXT: AtomicI64 = AtomicI64::new(1);
/// Goroutines between entersyscall and the end of exitsyscall (gc counts such Ms in
/// checkdead).
pub static NSYSCALL: AtomicI32 = AtomicI32::new(0);
/// How the P's holder waits for work: 0 it does not, 1 on IDLE_NOTE, 2 in epoll.
static IDLE_WAITING: AtomicU32 = AtomicU32::new(0);
static IDLE_NOTE: Note = Note::new();
/// sysmon sleeps on SYSMON_NOTE while the P's holder waits for work (gc's sysmonwait).
static SYSMON_WAIT: AtomicBool = AtomicBool::new(false);
static SYSMON_NOTE: Note = Note::new();

/// Whether async preemption signals are sent (GODEBUG=asyncpreemptoff=1 turns them off, as
/// gc then preempts only at its cooperative checks).
pub static mut ASYNC_PREEMPT_OFF: bool = false;
/// gc's forcePreemptNS: a goroutine that has run this long is asked to yield.
const FORCE_PREEMPT_NS: i64 = 10_000_000;
/// gc's sigPreempt.
pub const SIGURG: i32 = 23;
/// g0 stacks of the Ms after m0 (reserved; touched pages only are committed). Timer
/// functions and the network poller's Go code run on them.
const G0_STACK: usize = 1 << 20;
const SIGSTACK: usize = 64 << 10;

/// gc's schedinit part for Ms: m0 holds the P, and sysmon starts.
///
/// # Safety
/// Called once by rt0_go on m0 after its signal stack is set up.
pub unsafe fn schedinit() {
    ASYNC_PREEMPT_OFF = start::env_is(b"GODEBUG", b"asyncpreemptoff=1");
    let m0 = getm();
    ALLM = m0;
    P0.m.store(m0, Ordering::Relaxed);
    (*m0).p = &P0;
    match allocm() {
        Some(m) => {
            if !crate::os_linux::newosproc(m, &(*(*m).g0).stack, sysmon_main) {
                sys::write_all(2, b"runtime: failed to create new OS thread\n");
            }
        }
        None => sys::write_all(2, b"runtime: cannot allocate memory for a new thread\n"),
    }
}

/// A new M with its g0 stack and signal stack (gc's allocm), made with mmap only: sysmon,
/// which has no P, creates Ms too.
unsafe fn allocm() -> Option<*mut M> {
    let rec = sys::mmap(0, 4096, sys::PROT_READ | sys::PROT_WRITE, 0);
    if rec.is_null() {
        return None;
    }
    let m = rec as *mut M;
    let g0 = rec.add(1024) as *mut G;
    const _: () = assert!(core::mem::size_of::<M>() <= 1024);
    const _: () = assert!(core::mem::size_of::<G>() <= 3072);
    let stack = start::alloc_stack(G0_STACK)?;
    let ss = sys::mmap(0, SIGSTACK, sys::PROT_READ | sys::PROT_WRITE, 0);
    if ss.is_null() {
        return None;
    }
    // The mapping is zeroed: every other field starts as 0/null.
    (*g0).stack = Stack {
        lo: stack.lo,
        hi: stack.hi,
    };
    (*g0).stackguard0 = stack.lo;
    (*g0).status = start::G_RUNNING;
    (*g0).m = m;
    (*m).this = m;
    (*m).g0 = g0;
    (*m).curg = g0;
    (*m).id = MNEXT.fetch_add(1, Ordering::Relaxed);
    (*m).gsignal = Stack {
        lo: ss as usize,
        hi: ss as usize + SIGSTACK,
    };
    SCHED_LOCK.lock();
    (*m).alllink = ALLM;
    ALLM = m;
    SCHED_LOCK.unlock();
    Some(m)
}

/// gc's mstart for the Ms that run goroutines: they start with the P handed to them.
extern "C" fn mstart(m: *mut M) -> ! {
    // SAFETY: first code on the new thread of m.
    unsafe {
        crate::os_linux::minit(m);
        acquirep(m);
        schedule()
    }
}

/// Makes `m` (the calling thread's M) the holder of the P.
unsafe fn acquirep(m: *mut M) {
    (*m).p = &P0;
    P0.m.store(m, Ordering::SeqCst);
    P0.status.store(P_RUNNING, Ordering::SeqCst);
}

/// gc's schedule, on g0 of an M that holds the P: runs the next goroutine. Never returns:
/// the g0 stack is abandoned and restarted from its top by the next mcall.
pub(crate) unsafe fn schedule() -> ! {
    let g = crate::sched::find_runnable();
    if g.is_null() {
        crate::sched::deadlock();
    }
    crate::sched::execute(g)
}

/// gc's mcall: saves the running goroutine's context on its stack (as sched.rs's swapctx
/// does, so any M can resume it with a context switch), switches to this M's g0 stack and
/// calls `f(g)` there; `f` never returns.
#[unsafe(naked)]
pub(crate) unsafe extern "C" fn mcall(f: unsafe extern "C" fn(*mut G) -> !) {
    naked_asm!(
        "push rbp",
        "push rbx",
        "push r12",
        "push r13",
        "push r14",
        "push r15",
        "mov rax, qword ptr fs:[-8]",
        "mov [rax + {sched_sp}], rsp",
        "mov rcx, qword ptr fs:[-16]",
        "mov rdx, [rcx + {g0}]",
        "mov [rcx + {curg}], rdx",
        "mov rsp, [rdx + {stack_hi}]",
        "and rsp, -16",
        "xor ebp, ebp",
        "mov r11, rdi",
        "mov rdi, rax",
        "call r11",
        "ud2",
        sched_sp = const core::mem::offset_of!(G, sched) + core::mem::offset_of!(start::Gobuf, sp),
        g0 = const core::mem::offset_of!(M, g0),
        curg = const core::mem::offset_of!(M, curg),
        stack_hi = const core::mem::offset_of!(start::Stack, hi),
    )
}

/// `runtime.entersyscall` (syscall.Syscall and Syscall6 call it before the raw call): marks
/// the goroutine so that the raw call that follows (asm/syscall.rs) is made as a blocking
/// system call, with [`entersyscall`] and [`exitsyscall`] around it.
#[unsafe(export_name = "runtime.entersyscall")]
#[inline(never)]
pub extern "C" fn entersyscall_go() {
    let fp = crate::panic::current_fp();
    // SAFETY: the running goroutine; fp is this frame's [saved rbp, return address].
    unsafe {
        let g = getg();
        (*g).sched_ext.syscall_next = true;
        (*g).sched_ext.syscall_bp = *(fp as *const usize);
        (*g).sched_ext.syscall_pc = *((fp + 8) as *const usize);
    }
}

/// `runtime.exitsyscall`: the raw call has been made (and the P taken back, if it was).
#[unsafe(export_name = "runtime.exitsyscall")]
pub extern "C" fn exitsyscall_go() {
    // SAFETY: the running goroutine.
    unsafe { (*getg()).sched_ext.syscall_next = false }
}

/// gc's entersyscall: the running goroutine is about to block in the kernel with its
/// registers saved at or above `sp` (its traceback starts where `runtime.entersyscall`
/// was called). The P may be taken by sysmon from now on. Returns false when the call must keep the P (the
/// runtime runs Go code on the M's own behalf).
///
/// # Safety
/// Called by the goroutine itself, right before the system call.
pub unsafe fn entersyscall(sp: usize) -> bool {
    let m = getm();
    let g = (*m).curg;
    if g == (*m).g0 || (*m).locks != 0 {
        return false;
    }
    (*g).sched.sp = sp;
    (*g).status = crate::sched::G_SYSCALL;
    NSYSCALL.fetch_add(1, Ordering::SeqCst);
    P0.syscalltick.fetch_add(1, Ordering::Relaxed);
    // The M keeps no P during the call (gc's m.oldp): sysmon may give it to another M.
    (*m).p = core::ptr::null();
    P0.status.store(P_SYSCALL, Ordering::SeqCst);
    true
}

/// gc's exitsyscall: back from the kernel. Takes the P back if nobody took it; otherwise
/// queues the goroutine for the P's holder and parks this M ([`exitsyscall0`]); the
/// goroutine goes on once an M holding the P switches to it.
///
/// # Safety
/// Called by the goroutine that called [`entersyscall`] (which returned true).
pub unsafe fn exitsyscall() {
    let g = getg();
    if P0
        .status
        .compare_exchange(P_SYSCALL, P_RUNNING, Ordering::SeqCst, Ordering::SeqCst)
        .is_ok()
    {
        // Usually the P this M left; it may also be the P another M took over and left for a
        // system call of its own (gc's exitsyscallfast takes it too): that M's goroutine
        // comes back through exitsyscall0.
        let m = getm();
        (*m).p = &P0;
        P0.m.store(m, Ordering::SeqCst);
        (*g).status = start::G_RUNNING;
        NSYSCALL.fetch_sub(1, Ordering::SeqCst);
        return;
    }
    mcall(exitsyscall0);
}

/// gc's exitsyscall0, on g0: the goroutine's context is saved; it goes to the global run
/// queue, the P's holder is woken if it waits for work, and this M parks until it is given
/// the P.
unsafe extern "C" fn exitsyscall0(g: *mut G) -> ! {
    (*g).status = crate::sched::G_RUNNABLE;
    crate::sched::globrunqput_from_syscall(g);
    NSYSCALL.fetch_sub(1, Ordering::SeqCst);
    wake_p_holder();
    stopm();
    schedule()
}

/// Wakes the P's holder if it waits for work (the note or epoll, [`idle_wait`]).
pub fn wake_p_holder() {
    match IDLE_WAITING.load(Ordering::SeqCst) {
        1 => IDLE_NOTE.wakeup(),
        2 => crate::netpoll::netpoll_break(),
        _ => {}
    }
}

/// gc's stopm: parks this M on its note until [`startm`] gives it the P.
unsafe fn stopm() {
    let m = getm();
    SCHED_LOCK.lock();
    (*m).schedlink = MIDLE;
    MIDLE = m;
    SCHED_LOCK.unlock();
    (*m).park.sleep();
    (*m).park.clear();
    acquirep(m);
}

/// Held while an M is created and while a system call is made on every thread, so that no
/// thread starts in between (gc's allocmLock).
static ALLOCM_LOCK: Mutex = Mutex::new();

/// gc's startm/handoffp: the P (taken from a system call, now idle) goes to an idle M, or to
/// a new one.
unsafe fn startm() {
    SCHED_LOCK.lock();
    let m = MIDLE;
    if !m.is_null() {
        MIDLE = (*m).schedlink;
        (*m).schedlink = core::ptr::null_mut();
    }
    SCHED_LOCK.unlock();
    if !m.is_null() {
        (*m).park.wakeup();
        return;
    }
    ALLOCM_LOCK.lock();
    let started = match allocm() {
        Some(m) => crate::os_linux::newosproc(m, &(*(*m).g0).stack, mstart),
        None => false,
    };
    ALLOCM_LOCK.unlock();
    if !started {
        sys::write_all(2, b"runtime: failed to create new OS thread\n");
        sys::exit(2);
    }
}

/// The P's holder found nothing to run: waits, holding the P, until `delay` ns passed
/// (negative: no limit), I/O is ready (`netpoll`: in epoll) or an M returning from a system
/// call queued its goroutine.
///
/// # Safety
/// Called by the P's holder.
pub unsafe fn idle_wait(netpoll: bool, delay: i64) {
    IDLE_NOTE.clear();
    IDLE_WAITING.store(if netpoll { 2 } else { 1 }, Ordering::SeqCst);
    if crate::sched::globq_empty() {
        if netpoll {
            crate::netpoll::poll(delay);
        } else {
            IDLE_NOTE.tsleep(delay);
        }
    }
    IDLE_WAITING.store(0, Ordering::SeqCst);
    if SYSMON_WAIT.load(Ordering::SeqCst) {
        SYSMON_WAIT.store(false, Ordering::SeqCst);
        SYSMON_NOTE.wakeup();
    }
}

/// What sysmon saw of the P at its previous wakes (gc's sysmontick).
struct SysmonTick {
    schedtick: u32,
    schedwhen: i64,
    syscalltick: u32,
}

/// gc's sysmon: a thread without a P that takes the P from long system calls and preempts
/// goroutines that run too long. It sleeps 20 µs while it finds work, doubling its sleep
/// after 50 idle wakes up to 10 ms, and sleeps until woken while the P's holder waits.
extern "C" fn sysmon_main(m: *mut M) -> ! {
    // SAFETY: first code on the new thread of m.
    unsafe { crate::os_linux::minit(m) };
    let mut tick = SysmonTick {
        schedtick: u32::MAX,
        schedwhen: 0,
        syscalltick: 0,
    };
    let mut idle = 0u32;
    let mut delay: i64 = 0;
    loop {
        if idle == 0 {
            delay = 20_000;
        } else if idle > 50 {
            delay *= 2;
        }
        delay = delay.min(10_000_000);
        crate::time::sleep_until(crate::time::nanotime() + delay);
        if IDLE_WAITING.load(Ordering::SeqCst) != 0 {
            SYSMON_WAIT.store(true, Ordering::SeqCst);
            if IDLE_WAITING.load(Ordering::SeqCst) != 0 {
                SYSMON_NOTE.sleep();
            }
            SYSMON_WAIT.store(false, Ordering::SeqCst);
            SYSMON_NOTE.clear();
            // The time slice is measured from now, not from before the wait.
            tick.schedtick = u32::MAX;
            idle = 0;
            continue;
        }
        // SAFETY: retake reads the P's M and its goroutine, which stay allocated.
        if unsafe { retake(&mut tick, crate::time::nanotime()) } {
            idle = 0;
        } else {
            idle += 1;
        }
    }
}

/// gc's retake for the one P: hands it off when it has been in the same system call since
/// the previous wake, and preempts its goroutine when it has run the same time slice for
/// 10 ms. Returns whether it did either.
unsafe fn retake(tick: &mut SysmonTick, now: i64) -> bool {
    match P0.status.load(Ordering::SeqCst) {
        P_SYSCALL => {
            let t = P0.syscalltick.load(Ordering::Relaxed);
            if tick.syscalltick != t {
                tick.syscalltick = t;
                return false;
            }
            if P0
                .status
                .compare_exchange(P_SYSCALL, P_IDLE, Ordering::SeqCst, Ordering::SeqCst)
                .is_ok()
            {
                startm();
                return true;
            }
            false
        }
        P_RUNNING => {
            let t = P0.schedtick.load(Ordering::Relaxed);
            if tick.schedtick != t {
                tick.schedtick = t;
                tick.schedwhen = now;
                return false;
            }
            if tick.schedwhen + FORCE_PREEMPT_NS > now {
                return false;
            }
            let m = P0.m.load(Ordering::SeqCst);
            if m.is_null() {
                return false;
            }
            preempt_m(m);
            true
        }
        _ => false,
    }
}

/// gc's preemptone: asks the goroutine running on `m` to yield, and sends `m` the preemption
/// signal so it yields at once if it stands at a safe point (preempt.rs).
unsafe fn preempt_m(m: *mut M) {
    let g = core::ptr::read_volatile(&raw const (*m).curg);
    if g.is_null() || g == (*m).g0 || (*g).status != start::G_RUNNING {
        return;
    }
    crate::preempt::preemptone(g);
    if ASYNC_PREEMPT_OFF {
        return;
    }
    (*m).preempt_sent.store(1, Ordering::SeqCst);
    crate::os_linux::signal_m((*m).procid, SIGURG);
}

/// The SIGURG handler's part (signal.rs): a preemption request from sysmon, or a SIGURG from
/// elsewhere (which gc also treats as one, and passes on to os/signal).
///
/// # Safety
/// `gregs` is the interrupted context's general registers.
pub unsafe fn sigurg(gregs: *mut usize) {
    let m = getm();
    let mine = (*m).preempt_sent.swap(0, Ordering::SeqCst) != 0;
    crate::preempt::do_sig_preempt(gregs);
    if !mine {
        crate::sigqueue::sigsend(SIGURG as u32);
    }
}

// ---- system calls on every thread (gc's os_linux.go, syscall.AllThreadsSyscall) -------------

/// gc's sigPerThreadSyscall (glibc's SIGSETXID): asks a thread to make the pending call.
pub const SIG_PER_THREAD_SYSCALL: i32 = 33;
/// The call every thread makes: trap, six arguments, and the result the first thread got.
static PT_CALL: [core::sync::atomic::AtomicUsize; 9] =
    [const { core::sync::atomic::AtomicUsize::new(0) }; 9];
/// Threads that have not made the call yet, and whether one got another result.
static PT_PENDING: AtomicU32 = AtomicU32::new(0);
static PT_MISMATCH: AtomicBool = AtomicBool::new(false);

/// `runtime.doAllThreadsSyscall(trap, a1..a6) (r1, r2, err)` (syscall.AllThreadsSyscall6,
/// used for setuid and friends, whose effect is per thread on Linux): the call is made on
/// this thread; if it succeeds, every other M makes it too, in the handler of
/// SIG_PER_THREAD_SYSCALL (gc's doAllThreadsSyscall and runPerThreadSyscall). No M is created
/// meanwhile; one created later inherits the new state from its creator.
///
/// # Safety
/// The arguments are valid for system call `trap` on every thread.
#[unsafe(export_name = "runtime.doAllThreadsSyscall")]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn do_all_threads_syscall(
    out: *mut [usize; 3],
    trap: usize,
    a1: usize,
    a2: usize,
    a3: usize,
    a4: usize,
    a5: usize,
    a6: usize,
) {
    ALLOCM_LOCK.lock();
    let r = crate::asm::syscall::syscall_go(trap, [a1, a2, a3, a4, a5, a6]);
    *out = r;
    if r[2] != 0 {
        ALLOCM_LOCK.unlock();
        return;
    }
    for (slot, v) in PT_CALL
        .iter()
        .zip([trap, a1, a2, a3, a4, a5, a6, r[0], r[1]])
    {
        slot.store(v, Ordering::SeqCst);
    }
    PT_MISMATCH.store(false, Ordering::SeqCst);
    let me = getm();
    SCHED_LOCK.lock();
    let mut m = ALLM;
    while !m.is_null() {
        if m != me && (*m).procid != 0 {
            PT_PENDING.fetch_add(1, Ordering::SeqCst);
            crate::os_linux::signal_m((*m).procid, SIG_PER_THREAD_SYSCALL);
        }
        m = (*m).alllink;
    }
    SCHED_LOCK.unlock();
    const SYS_SCHED_YIELD: usize = 24;
    while PT_PENDING.load(Ordering::SeqCst) != 0 {
        sys::syscall3(SYS_SCHED_YIELD, 0, 0, 0);
    }
    ALLOCM_LOCK.unlock();
    if PT_MISMATCH.load(Ordering::SeqCst) {
        crate::panic::throw(
            b"AllThreadsSyscall6 results differ between threads; runtime corrupted",
        );
    }
}

/// The SIG_PER_THREAD_SYSCALL handler's part (signal.rs, gc's runPerThreadSyscall).
pub fn run_per_thread_syscall() {
    if PT_PENDING.load(Ordering::SeqCst) == 0 {
        return;
    }
    let v: [usize; 9] = core::array::from_fn(|i| PT_CALL[i].load(Ordering::SeqCst));
    // SAFETY: the arguments were valid on the requesting thread, and the calls made this way
    // (setuid and the like) take integers.
    let r = unsafe { crate::asm::syscall::syscall_go(v[0], [v[1], v[2], v[3], v[4], v[5], v[6]]) };
    if r[2] != 0 || r[0] != v[7] {
        PT_MISMATCH.store(true, Ordering::SeqCst);
    }
    PT_PENDING.fetch_sub(1, Ordering::SeqCst);
}
