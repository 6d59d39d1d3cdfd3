//! The primitives the Go part of package runtime (overlay/runtime/stubs.go) builds on, and
//! gc's proc.go entry points that are not scheduler internals: `runtime.Goexit`, `getg`,
//! `exit`, `write`, `throw`, `fatal`, argv/envp, raw system calls, the CPU count.

use crate::panic;
use crate::start::{self, G, call_go1r2, getg};
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
/// rgo installs no SIGPIPE handler, so the signal's default action ends the process, as gc's
/// does for stdout and stderr. (gc ignores SIGPIPE for other descriptors, which then get
/// EPIPE; under rgo the signal ends the process for every descriptor.)
#[unsafe(export_name = "runtime.raisesigpipe")]
pub extern "C" fn raisesigpipe() {
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

unsafe extern "C" {
    /// The runtime overlay's `timeSleep`, pushed as `time.Sleep` (a Go `func(int64)`).
    #[link_name = "time.Sleep"]
    fn time_sleep();
}

/// A blocking wait4/waitid (os.Process.Wait) would stop every goroutine, since one thread
/// runs them all: gc makes the call on a thread of its own while the others go on (feeding
/// the child's stdin, draining its stdout). rgo polls instead: the call is made with WNOHANG
/// and, while the child has not changed state, the goroutine sleeps (20 µs, doubling up to
/// 5 ms), so that the others run. Returns the system call's (r1, r2, errno) when it handled
/// the call, None for other system calls, non-blocking waits, or when no other goroutine or
/// timer exists.
///
/// # Safety
/// The arguments are valid for system call `num`.
pub unsafe fn cooperative_wait(num: usize, a: [usize; 6]) -> Option<[usize; 3]> {
    const SYS_WAIT4: usize = 61;
    const SYS_WAITID: usize = 247;
    const WNOHANG: usize = 1;
    const EINTR: isize = 4;
    let opt = match num {
        SYS_WAIT4 => 2,
        SYS_WAITID => 3,
        _ => return None,
    };
    let alone = crate::sched::numgoroutine() <= 1 && crate::time::timer_next() == 0;
    if a[opt] & WNOHANG != 0 || alone {
        return None;
    }
    let mut args = a;
    args[opt] |= WNOHANG;
    let mut pause: usize = 20_000;
    loop {
        if num == SYS_WAITID && args[2] != 0 {
            // si_pid (offset 16 of siginfo_t) stays 0 when no child is waitable.
            *((args[2] + 16) as *mut i32) = 0;
        }
        let r = sys::syscall6(num, args[0], args[1], args[2], args[3], args[4], args[5]);
        if r == -EINTR {
            continue;
        }
        if r < 0 {
            return Some([usize::MAX, 0, (-r) as usize]);
        }
        let done = if num == SYS_WAIT4 {
            r != 0
        } else {
            args[2] == 0 || *((args[2] + 16) as *const i32) != 0
        };
        if done {
            return Some([r as usize, 0, 0]);
        }
        call_go1r2(time_sleep as *const () as usize, 0, pause, getg());
        pause = (pause * 2).min(5_000_000);
    }
}

// ---- sysmon ---------------------------------------------------------------------------------

/// gc's forcePreemptNS: a goroutine that has run this long is asked to yield.
const FORCE_PREEMPT_NS: i64 = 10_000_000;
const SYS_TIMER_CREATE: usize = 222;
const SYS_TIMER_SETTIME: usize = 223;
const CLOCK_PROCESS_CPUTIME_ID: usize = 2;
const SIGEV_SIGNAL: i32 = 0;
/// gc's sigPreempt.
pub const SIGURG: i32 = 23;

/// The kernel's `struct sigevent` (64 bytes).
#[repr(C)]
struct Sigevent {
    value: usize,
    signo: i32,
    notify: i32,
    pad: [u64; 6],
}

#[repr(C)]
struct Itimerspec {
    interval: [i64; 2],
    value: [i64; 2],
}

/// Whether the sysmon timer runs.
static mut SYSMON_ON: bool = false;
/// GODEBUG=asyncpreemptoff=1: goroutines are preempted only at their loop back-edges, as gc
/// then preempts only at its cooperative checks.
pub static mut ASYNC_PREEMPT_OFF: bool = false;
/// The schedtick seen at the previous sysmon tick.
static mut SYSMON_SCHEDTICK: u32 = 0;

/// Starts sysmon. gc's sysmon is a thread of its own that wakes every 20 µs–10 ms and asks
/// the goroutine of a P that has kept the same time slice for 10 ms to yield (retake,
/// preemptone). With one thread, rgo's sysmon is a POSIX timer on the process's CPU clock
/// that raises SIGURG (gc's preemption signal) every 10 ms of CPU time; the signal handler
/// (signal.rs) calls [`retake`]. The CPU clock does not advance while the process is blocked,
/// so a waiting program is never woken (and its system calls are not interrupted) for nothing.
pub fn sysmon_start() {
    // SAFETY: start-up, before any signal handler runs.
    unsafe { ASYNC_PREEMPT_OFF = start::env_is(b"GODEBUG", b"asyncpreemptoff=1") };
    let ev = Sigevent {
        value: 0,
        signo: SIGURG,
        notify: SIGEV_SIGNAL,
        pad: [0; 6],
    };
    let mut id: i32 = 0;
    let period = [0, FORCE_PREEMPT_NS];
    let spec = Itimerspec {
        interval: period,
        value: period,
    };
    // SAFETY: valid sigevent, timer id and itimerspec for the system calls.
    unsafe {
        let r = sys::syscall3(
            SYS_TIMER_CREATE,
            CLOCK_PROCESS_CPUTIME_ID,
            &ev as *const Sigevent as usize,
            &mut id as *mut i32 as usize,
        );
        if r < 0 {
            return;
        }
        let spec_ptr = &spec as *const Itimerspec as usize;
        if sys::syscall6(SYS_TIMER_SETTIME, id as usize, 0, spec_ptr, 0, 0, 0) < 0 {
            return;
        }
        SYSMON_ON = true;
    }
}

/// gc's retake for the one P, on each sysmon tick (in the SIGURG handler, `gregs` being the
/// interrupted context): when no new time slice started since the previous tick, the running
/// goroutine has run for at least 10 ms: it is asked to yield (preempt.rs), at once if it
/// stands at a safe point.
///
/// # Safety
/// `gregs` is the interrupted context's general registers.
pub unsafe fn retake(gregs: *mut usize) {
    let tick = crate::sched::schedtick();
    let last = core::ptr::replace(&raw mut SYSMON_SCHEDTICK, tick);
    if tick != last {
        return;
    }
    let g = getg();
    if g.is_null() {
        return;
    }
    crate::preempt::preemptone(g);
    crate::preempt::do_sig_preempt(gregs);
}

/// Whether sysmon preempts long-running goroutines.
pub fn sysmon_on() -> bool {
    // SAFETY: written once at start-up.
    unsafe { SYSMON_ON }
}
