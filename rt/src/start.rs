//! Process start-up (reference §9) with gc's symbol names, the g/m structures, and the
//! Rust → Go call trampoline.
//!
//! `_rt0_amd64_linux` → `_rt0_amd64` → `runtime.rt0_go` → `runtime.main` → init tasks →
//! `main.main` → exit_group(0) (after the `RGO_ALLOCSTATS=1` report, if enabled).

use crate::{signal, symtab, sys};
use core::arch::naked_asm;
use core::ptr::addr_of_mut;

/// gc's `stack`: [lo, hi).
#[repr(C)]
pub struct Stack {
    pub lo: usize,
    pub hi: usize,
}

/// Saved context of a goroutine that is not running (used by the scheduler later): the stack
/// pointer after `swapctx` pushed rbp, rbx, r12–r15 (notes §7).
#[repr(C)]
pub struct Gobuf {
    pub sp: usize,
    pub pc: usize,
}

/// A goroutine. Stack bounds come first, as in gc, so that generated code (and debuggers) can
/// find them at fixed offsets 0 and 8 from r15. Fields after `sched` are private to the runtime.
#[repr(C)]
pub struct G {
    pub stack: Stack,
    /// gc's stackguard0: [`STACK_PREEMPT`] when the goroutine is asked to yield (the loop
    /// back-edges of generated code compare it with that value, see preempt.rs), otherwise
    /// `stack.lo`.
    pub stackguard0: usize,
    pub stackguard1: usize,
    /// Innermost active panic (later: defer/recover).
    pub panic: usize,
    /// Innermost pending defer record (later).
    pub defer: usize,
    pub m: *mut M,
    pub sched: Gobuf,
    pub goid: u64,
    pub status: u32,
    /// Scheduler state (run-queue links, wait reason, creator; see sched.rs).
    pub sched_ext: crate::sched::SchedInfo,
}

/// An OS thread (gc's m). m0 is the process's first thread; the others are started by
/// proc.rs (`newm`) with os_linux.rs's `newosproc`. Each thread's FS base points just past
/// the first two fields of its M ([`TLS_BASE`]), so `fs:[-16]` is the M and `fs:[-8]` the
/// goroutine it runs ([`getm`], [`getg`]): gc's assembly finds g at `-8(FS)` (its `(TLS)`,
/// the stack-check prologue's `MOVQ (TLS), R14`). The two first fields are fixed.
#[repr(C)]
pub struct M {
    /// This M (read as `fs:[-16]`).
    pub this: *mut M,
    /// The goroutine whose stack the thread runs on (read as `fs:[-8]`): a user goroutine, or
    /// `g0` while the thread runs the scheduler on its own stack.
    pub curg: *mut G,
    /// The scheduling goroutine: its stack is the thread's own (the kernel's for m0, mmap'd
    /// for the others).
    pub g0: *mut G,
    pub id: i64,
    /// Alternate signal stack of this thread: [lo, hi).
    pub gsignal: Stack,
    /// gc's m.locks: while non-zero the running goroutine is not preempted (the runtime is
    /// running Go code on its behalf, such as timer functions inside the scheduler).
    pub locks: i32,
    /// The thread id (gc's m.procid), for tgkill.
    pub procid: i32,
    /// Where an idle M sleeps until it is given the P (gc's m.park).
    pub park: crate::lock_futex::Note,
    /// Next idle M (gc's m.schedlink) and next M ever created (gc's m.alllink).
    pub schedlink: *mut M,
    pub alllink: *mut M,
    /// Set by sysmon before it sends this M the preemption signal, so the handler tells its
    /// own requests from a SIGURG that os/signal may want.
    pub preempt_sent: core::sync::atomic::AtomicU32,
    /// gc's m.waitunlockf and m.waitlock: what `gopark` asks the scheduler to release once
    /// the parking goroutine's context is saved (sched.rs's park_m).
    pub waitunlockf: Option<crate::sched::UnlockFn>,
    pub waitlock: *mut u8,
    /// The goroutine a coroutine switch hands the thread to (sched.rs's goswitch).
    pub switchto: *mut G,
    /// gc's m.cheaprand: this thread's random state (rand.rs), so that threads never share
    /// one.
    pub cheaprand: u64,
    /// gc's m.printlock: nesting of printlock on this thread (print.rs).
    pub printlock: i32,
    /// gc's m.p: the P this M holds, null while it has none (sysmon, an idle M, an M in a
    /// blocking system call).
    pub(crate) p: *const crate::proc::P,
}

/// gc's stackPreempt (`uintptrMask & -1314`): the stackguard0 value that asks the running
/// goroutine to yield at its next preemption check.
pub const STACK_PREEMPT: usize = -1314i64 as usize;

pub const G_RUNNING: u32 = 2;

pub static mut G0: G = G {
    stack: Stack { lo: 0, hi: 0 },
    stackguard0: 0,
    stackguard1: 0,
    panic: 0,
    defer: 0,
    m: core::ptr::null_mut(),
    sched: Gobuf { sp: 0, pc: 0 },
    goid: 0,
    status: G_RUNNING,
    sched_ext: crate::sched::SchedInfo::NEW,
};

/// Goroutine 1 (runtime.main). It runs on the main thread's stack until the scheduler exists.
pub static mut G1: G = G {
    stack: Stack { lo: 0, hi: 0 },
    stackguard0: 0,
    stackguard1: 0,
    panic: 0,
    defer: 0,
    m: core::ptr::null_mut(),
    sched: Gobuf { sp: 0, pc: 0 },
    goid: 1,
    status: G_RUNNING,
    sched_ext: crate::sched::SchedInfo::NEW,
};

pub static mut M0: M = M {
    this: core::ptr::null_mut(),
    curg: core::ptr::null_mut(),
    g0: core::ptr::null_mut(),
    id: 0,
    gsignal: Stack { lo: 0, hi: 0 },
    locks: 0,
    procid: 0,
    park: crate::lock_futex::Note::new(),
    schedlink: core::ptr::null_mut(),
    alllink: core::ptr::null_mut(),
    preempt_sent: core::sync::atomic::AtomicU32::new(0),
    waitunlockf: None,
    waitlock: core::ptr::null_mut(),
    switchto: core::ptr::null_mut(),
    cheaprand: 0,
    printlock: 0,
    p: core::ptr::null(),
};

/// argc/argv as given by the kernel, for os.Args later.
pub static mut ARGC: isize = 0;
pub static mut ARGV: *const *const u8 = core::ptr::null();
/// The environment (`NAME=value` C strings, null-terminated array) following argv.
pub static mut ENVP: *const *const u8 = core::ptr::null();

/// Whether the environment saved at start-up holds exactly `name=value`. (Compares as it
/// goes rather than measuring the strings, which LLVM would turn into calls to a `strlen`
/// that does not exist here.)
pub fn env_is(name: &[u8], value: &[u8]) -> bool {
    // SAFETY: ENVP is null or the kernel's envp: a null-terminated array of NUL-terminated
    // strings, never modified; each string is read only up to its NUL.
    unsafe {
        let mut p = ENVP;
        if p.is_null() {
            return false;
        }
        while !(*p).is_null() {
            let s = *p;
            // Stops at the first difference, so never reads past the entry's NUL.
            let same = (name.iter().chain(b"=").chain(value).chain(b"\0"))
                .enumerate()
                .all(|(i, &b)| *s.add(i) == b);
            if same {
                return true;
            }
            p = p.add(1);
        }
        false
    }
}

/// Offset of a thread's FS base in its M: past `this` and `curg`, so that g is at `fs:[-8]`
/// as in gc.
pub const TLS_BASE: usize = 16;

/// The goroutine running on this thread (`fs:[-8]`, the M's curg; gc keeps g there too).
#[inline(always)]
pub fn getg() -> *mut G {
    let g: *mut G;
    // SAFETY: every thread's FS base points at its M from its first instruction of Rust
    // code on (rt0_go_rust for m0, the clone for the others).
    unsafe {
        core::arch::asm!("mov {}, qword ptr fs:[-8]", out(reg) g,
            options(nostack, readonly, preserves_flags));
    }
    g
}

/// The M of this thread (`fs:[-16]`).
#[inline(always)]
pub fn getm() -> *mut M {
    let m: *mut M;
    // SAFETY: as in getg.
    unsafe {
        core::arch::asm!("mov {}, qword ptr fs:[-16]", out(reg) m,
            options(nostack, readonly, preserves_flags));
    }
    m
}

/// ELF entry point.
#[unsafe(naked)]
#[unsafe(export_name = "_rt0_amd64_linux")]
pub extern "C" fn rt0_amd64_linux() -> ! {
    naked_asm!("jmp {}", sym rt0_amd64)
}

/// Loads argc and argv from the initial stack like gc's _rt0_amd64.
#[unsafe(naked)]
#[unsafe(export_name = "_rt0_amd64")]
pub extern "C" fn rt0_amd64() -> ! {
    naked_asm!(
        "mov rdi, [rsp]",
        "lea rsi, [rsp + 8]",
        "jmp {}",
        sym rt0_go,
    )
}

/// runtime.rt0_go: aligns the stack, terminates the frame-pointer chain (rbp = 0, so tracebacks
/// stop here), sets up g0/m0/goroutine 1 in Rust, then switches to goroutine 1's stack and runs
/// runtime.main there.
#[unsafe(naked)]
#[unsafe(export_name = "runtime.rt0_go")]
pub extern "C" fn rt0_go() -> ! {
    naked_asm!(
        "mov rdx, rsp",
        "and rsp, -16",
        "xor ebp, ebp",
        "call {setup}",
        "mov rsp, rax",
        "xor ebp, ebp",
        "call {main}",
        "ud2",
        setup = sym rt0_go_rust,
        main = sym runtime_main,
    )
}

/// g0 runs on the thread stack the kernel gave us; only its top is known (RLIMIT_STACK bounds
/// it, 8 MiB by default).
const G0_STACK_SIZE: usize = 8 << 20;
/// gc's maximum goroutine stack (`runtime: goroutine stack exceeds 1000000000-byte limit`).
/// Goroutine 1's stack is reserved at that size up front and committed lazily by the kernel,
/// which stands in for gc's stack growth by copying.
pub const MAX_STACK_SIZE: usize = 1_000_000_000;
/// PROT_NONE area below each goroutine stack: an overflow faults there.
pub const STACK_GUARD: usize = 64 << 10;
const SIGSTACK_SIZE: usize = 64 << 10;

/// Goroutine stacks (all but goroutine 1's) are carved from chunks of address space holding
/// [`STACK_CHUNK_SLOTS`] slots, each a [`STACK_GUARD`] guard followed by a stack of
/// [`MAX_STACK_SIZE`] bytes (rounded to pages), so each guard lies right above the top of the
/// stack below it.
///
/// Why: gc lets every goroutine's stack grow to 1 GB by copying it to a larger one, which
/// needs exact pointer maps of every frame; rgo scans stacks conservatively and cannot move
/// them, so a stack is a fixed reservation as large as gc's limit, committed by the kernel
/// page by page as it is touched (MAP_NORESERVE). A chunk is one mapping (one kernel VMA),
/// and the guards are `MADV_GUARD_INSTALL` regions (Linux 6.13+), which fault like PROT_NONE
/// pages without splitting the mapping, so the number of goroutines is bounded by address
/// space (128 TiB: about 120,000 stacks), not by `vm.max_map_count` (65,530 mappings). On
/// older kernels the guard is made with mprotect (two VMAs per stack, as before).
///
/// A parked goroutine costs its touched stack pages plus the page tables of its stack's top:
/// stacks 1 GB apart share no page-table page, so one PTE page and one PMD page (8 KB) each.
/// A guard's markers live in page-table entries too; placed above the top of the stack below,
/// they share that stack's page-table pages instead of costing two more (rt/README.md has the
/// measurements).
const STACK_CHUNK_SLOTS: usize = 64;
const STACK_BYTES: usize = (MAX_STACK_SIZE + 4095) & !4095;
const STACK_SLOT: usize = STACK_GUARD + STACK_BYTES;
const MADV_GUARD_INSTALL: usize = 102;
const SYS_MADVISE: usize = 28;

struct StackArena {
    /// Next free slot's base and the end of the current chunk.
    next: usize,
    end: usize,
}

static mut STACK_ARENA: StackArena = StackArena { next: 0, end: 0 };

/// A new goroutine stack of gc's maximum size with a guard below it (gc's stackalloc, for a
/// stack that never needs to grow). None when address space is exhausted.
pub fn stackalloc() -> Option<Stack> {
    STACK_LOCK.lock();
    let st = stackalloc_locked();
    STACK_LOCK.unlock();
    st
}

/// gc's stackLarge.lock: the chunk being carved into stacks.
static STACK_LOCK: crate::lock_futex::Mutex = crate::lock_futex::Mutex::new();

fn stackalloc_locked() -> Option<Stack> {
    // SAFETY: under STACK_LOCK.
    let a = unsafe { &mut *addr_of_mut!(STACK_ARENA) };
    if a.next == a.end {
        let len = STACK_SLOT * STACK_CHUNK_SLOTS;
        let prot = sys::PROT_READ | sys::PROT_WRITE;
        let base = sys::mmap(0, len, prot, sys::MAP_NORESERVE);
        if base.is_null() {
            return None;
        }
        a.next = base as usize;
        a.end = base as usize + len;
    }
    let guard = a.next;
    a.next += STACK_SLOT;
    let lo = guard + STACK_GUARD;
    // SAFETY: [guard, lo) lies inside the slot just taken from our own mapping.
    unsafe {
        if sys::syscall3(SYS_MADVISE, guard, STACK_GUARD, MADV_GUARD_INSTALL) != 0
            && sys::syscall3(sys::SYS_MPROTECT, guard, STACK_GUARD, sys::PROT_NONE) != 0
        {
            return None;
        }
    }
    Some(Stack {
        lo,
        hi: lo + STACK_BYTES,
    })
}

/// Reserves a goroutine stack with a guard area below it; returns the usable [lo, hi).
pub fn alloc_stack(size: usize) -> Option<Stack> {
    let size = (size + 4095) & !4095;
    let base = sys::mmap(0, size + STACK_GUARD, sys::PROT_NONE, sys::MAP_NORESERVE);
    if base.is_null() {
        return None;
    }
    let lo = base as usize + STACK_GUARD;
    let prot = sys::PROT_READ | sys::PROT_WRITE;
    if sys::mmap(lo, size, prot, sys::MAP_FIXED | sys::MAP_NORESERVE).is_null() {
        return None;
    }
    Some(Stack { lo, hi: lo + size })
}

/// Initialises the runtime on the thread stack; returns the stack pointer runtime.main runs on.
extern "C" fn rt0_go_rust(argc: isize, argv: *const *const u8, sp: usize) -> usize {
    // SAFETY: single-threaded start-up; nothing else touches these statics yet.
    unsafe {
        let m0 = addr_of_mut!(M0);
        (*m0).this = m0;
        (*m0).curg = addr_of_mut!(G0);
        crate::os_linux::settls(m0);
        ARGC = argc;
        ARGV = argv;
        ENVP = argv.add(argc.max(0) as usize + 1);
        crate::malloc::init_alloc_stats(env_is(b"RGO_ALLOCSTATS", b"1"));
        crate::mgc::gcinit();
        let hi = (sp + 4095) & !4095;
        let g0 = addr_of_mut!(G0);
        let g1 = addr_of_mut!(G1);
        // g0's stack is the thread stack below argc (argv and the environment lie above it
        // and stay in use): the scheduler restarts on it from this top (proc.rs's mcall).
        (*g0).stack = Stack {
            lo: hi - G0_STACK_SIZE,
            hi: (sp - 64) & !15,
        };
        (*g0).m = m0;
        // If the reservation fails goroutine 1 stays on the thread stack (8 MiB deep only).
        let fallback = Stack {
            lo: hi - G0_STACK_SIZE,
            hi: sp & !15,
        };
        (*g1).stack = alloc_stack(MAX_STACK_SIZE).unwrap_or(fallback);
        (*g1).stackguard0 = (*g1).stack.lo;
        (*g1).m = m0;
        crate::sched::init_main(g1);
        (*m0).g0 = g0;
        (*m0).curg = g1;
        let ss = sys::mmap(0, SIGSTACK_SIZE, sys::PROT_READ | sys::PROT_WRITE, 0);
        if !ss.is_null() {
            (*m0).gsignal = Stack {
                lo: ss as usize,
                hi: ss as usize + SIGSTACK_SIZE,
            };
            signal::init(ss as usize, SIGSTACK_SIZE);
        }
        (*m0).procid = crate::os_linux::gettid();
        crate::proc::schedinit();
        // 16-byte aligned, so the `call` into runtime.main respects the SysV alignment.
        (*g1).stack.hi & !15
    }
}

/// initTask header; `nfns` code addresses follow.
#[repr(C)]
struct InitTask {
    state: u32,
    nfns: u32,
}

unsafe extern "C" {
    #[link_name = "main.main"]
    fn main_main();
}

/// The value of environment variable `name` (without its NUL), if set.
fn getenv(name: &[u8]) -> Option<&'static [u8]> {
    // SAFETY: as in env_is: ENVP is the kernel's null-terminated array of NUL-terminated
    // strings, never modified; each string is read only up to its NUL.
    unsafe {
        let mut p = ENVP;
        if p.is_null() {
            return None;
        }
        while !(*p).is_null() {
            let s = *p;
            let prefix = name
                .iter()
                .chain(b"=")
                .enumerate()
                .all(|(i, &b)| *s.add(i) == b);
            if prefix {
                let v = s.add(name.len() + 1);
                let mut n = 0;
                // Volatile: a plain loop becomes a call of strlen, which rt does not have.
                while core::ptr::read_volatile(v.add(n)) != 0 {
                    n += 1;
                }
                return Some(core::slice::from_raw_parts(v, n));
            }
            p = p.add(1);
        }
        None
    }
}

// The address of internal/cpu.Initialize, or 0 when the program does not contain package
// internal/cpu: a weak reference, which the linker resolves to 0 when nothing defines it.
core::arch::global_asm!(
    ".weak \"internal/cpu.Initialize\"",
    ".pushsection .rodata.rgo_cpu_initialize,\"a\",@progbits",
    ".p2align 3",
    ".globl rgo_cpu_initialize",
    "rgo_cpu_initialize:",
    ".quad \"internal/cpu.Initialize\"",
    ".popsection",
);

unsafe extern "C" {
    static rgo_cpu_initialize: usize;
}

/// gc's cpuinit (schedinit): sets internal/cpu's feature flags, with GODEBUG's `cpu.*`
/// options, before any package initialisation reads them (math's useFMA chooses
/// exp_amd64.s's FMA path). Without package internal/cpu in the program there is nothing to
/// set.
fn cpuinit() {
    // SAFETY: a word of read-only data; volatile because the weak address may be 0.
    let code = unsafe { core::ptr::read_volatile(&raw const rgo_cpu_initialize) };
    if code == 0 {
        return;
    }
    let env = getenv(b"GODEBUG").unwrap_or(&[]);
    // SAFETY: internal/cpu.Initialize is a Go func(env string); the string's bytes live in
    // the environment block for the whole run.
    unsafe { call_go2(code, 0, env.as_ptr() as usize, env.len(), getg()) };
}

/// runtime.main: runs the package init tasks in the linker's order, then main.main, then exits 0.
#[unsafe(export_name = "runtime.main")]
pub extern "C" fn runtime_main() -> ! {
    cpuinit();
    let md = symtab::first_module();
    let tasks = md[symtab::MD_INITTASKS] as *const *mut InitTask;
    let ntasks = md[symtab::MD_INITTASKS_LEN];
    for i in 0..ntasks {
        // SAFETY: inittasks is a []*initTask built by the linker.
        unsafe {
            let t = *tasks.add(i);
            if t.is_null() || (*t).state != 0 {
                continue; // done (or being run: an init cycle is impossible after linking)
            }
            (*t).state = 1;
            let fns = (t as *mut u8).add(8) as *const usize;
            for k in 0..(*t).nfns as usize {
                let slot = fns.add(k);
                call_go0(*slot, slot as usize, getg());
            }
            (*t).state = 2;
        }
    }
    // main.main is called with the Go convention too (context = 0).
    // SAFETY: main.main is a Go func() provided by the compiled program.
    unsafe { call_go0(main_main as *const () as usize, 0, getg()) };
    crate::malloc::report_alloc_stats();
    sys::exit(0)
}

/// Calls a Go `func()` at `code` with closure context `ctx` (Cranelift `tail` convention: the
/// context is parameter 0, in rdi) and r15 = `g`. The caller's r15 is preserved because Rust
/// treats it as an ordinary callee-saved register. rbx is pushed only to keep rsp 16-aligned.
///
/// # Safety
/// `code` must be the entry of a Go function taking no parameters besides the context.
#[unsafe(naked)]
#[unsafe(export_name = "runtime.callGo0")]
pub unsafe extern "C" fn call_go0(code: usize, ctx: usize, g: *mut G) {
    naked_asm!(
        "push rbp",
        "mov rbp, rsp",
        "push r15",
        "push rbx",
        "mov r15, rdx",
        "mov rax, rdi",
        "mov rdi, rsi",
        "call rax",
        "pop rbx",
        "pop r15",
        "pop rbp",
        "ret",
    )
}

/// Calls a Go function of two integer-class parameters (besides the context) and no results,
/// with r15 = `g` (as [`call_go0`]).
///
/// # Safety
/// `code` must be the entry of a Go function with that signature.
#[unsafe(naked)]
pub unsafe extern "C" fn call_go2(code: usize, ctx: usize, a: usize, b: usize, g: *mut G) {
    naked_asm!(
        "push rbp",
        "mov rbp, rsp",
        "push r15",
        "push rbx",
        "mov r15, r8",
        "mov rax, rdi",
        "mov rdi, rsi",
        "mov rsi, rdx",
        "mov rdx, rcx",
        "call rax",
        "pop rbx",
        "pop r15",
        "pop rbp",
        "ret",
    )
}

/// Two integer result registers of a Go call (Cranelift `tail`: rax, rcx), handed back to Rust
/// in rax:rdx.
#[repr(C)]
pub struct GoResult2 {
    pub r0: usize,
    pub r1: usize,
}

/// Calls a Go function of one pointer-sized parameter and two word results (a method through
/// its `Ifn` with the receiver word, returning a string {ptr, len}): context `ctx` in rdi, `arg`
/// in rsi, r15 = `g`. The results come back in rax and rcx and are moved to rax:rdx. rbp, r15
/// and rbx are saved (rbx also pads rsp to 16 at the call); the callee preserves rbx, rbp,
/// r12–r15 itself.
///
/// # Safety
/// `code` must be the entry of a Go function with that signature.
#[unsafe(naked)]
#[unsafe(export_name = "runtime.callGo1r2")]
pub unsafe extern "C" fn call_go1r2(code: usize, ctx: usize, arg: usize, g: *mut G) -> GoResult2 {
    naked_asm!(
        "push rbp",
        "mov rbp, rsp",
        "push r15",
        "push rbx",
        "mov r15, rcx",
        "mov rax, rdi",
        "mov rdi, rsi",
        "mov rsi, rdx",
        "call rax",
        "mov rdx, rcx",
        "pop rbx",
        "pop r15",
        "pop rbp",
        "ret",
    )
}
