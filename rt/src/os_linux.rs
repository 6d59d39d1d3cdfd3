//! Threads on Linux without libc (gc's os_linux.go and sys_linux_amd64.s): `clone` for a new
//! M, its thread-local M pointer in the FS base, its signal stack and signal mask, and the
//! thread-directed preemption signal.

use crate::start::{M, Stack, TLS_BASE};
use crate::sys;
use core::arch::naked_asm;

const SYS_ARCH_PRCTL: usize = 158;
const ARCH_SET_FS: usize = 0x1002;
const SYS_GETTID: usize = 186;
const SYS_GETPID: usize = 39;
const SYS_TGKILL: usize = 234;
const SYS_RT_SIGPROCMASK: usize = 14;
const SYS_CLONE: usize = 56;
const SIG_SETMASK: usize = 2;

const CLONE_VM: usize = 0x100;
const CLONE_FS: usize = 0x200;
const CLONE_FILES: usize = 0x400;
const CLONE_SIGHAND: usize = 0x800;
const CLONE_THREAD: usize = 0x10000;
const CLONE_SYSVSEM: usize = 0x40000;
const CLONE_SETTLS: usize = 0x80000;

/// gc's cloneFlags, plus CLONE_SETTLS: the new thread starts with its FS base on its M.
const CLONE_FLAGS: usize =
    CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_SYSVSEM | CLONE_THREAD | CLONE_SETTLS;

/// gc's settls: the thread's FS base becomes `m` + [`TLS_BASE`], so `fs:[-16]` reads
/// `m.this` and `fs:[-8]` `m.curg` (start.rs's getm/getg; gc's `(TLS)`).
pub fn settls(m: *mut M) {
    // SAFETY: sets only this thread's FS base; nothing in the runtime used FS before.
    let base = m as usize + TLS_BASE;
    let r = unsafe { sys::syscall3(SYS_ARCH_PRCTL, ARCH_SET_FS, base, 0) };
    if r != 0 {
        sys::write_all(2, b"runtime: arch_prctl(ARCH_SET_FS) failed\n");
        sys::exit(2);
    }
}

/// The calling thread's id.
pub fn gettid() -> i32 {
    // SAFETY: no arguments.
    unsafe { sys::syscall3(SYS_GETTID, 0, 0, 0) as i32 }
}

/// Sends `sig` to thread `tid` of this process (gc's signalM).
pub fn signal_m(tid: i32, sig: i32) {
    // SAFETY: plain integers.
    unsafe {
        let pid = sys::syscall3(SYS_GETPID, 0, 0, 0);
        sys::syscall3(SYS_TGKILL, pid as usize, tid as usize, sig as usize);
    }
}

/// Sets the calling thread's blocked-signal mask, returning the previous one.
fn sigprocmask(mask: u64) -> u64 {
    let mut old: u64 = 0;
    // SAFETY: both sets are 8 readable/writable bytes.
    unsafe {
        sys::syscall6(
            SYS_RT_SIGPROCMASK,
            SIG_SETMASK,
            &mask as *const u64 as usize,
            &mut old as *mut u64 as usize,
            8,
            0,
            0,
        )
    };
    old
}

/// Starts an OS thread for `m` (gc's newosproc): it runs `entry(m)` on the stack [lo, hi)
/// with its FS base on `m` (+ [`TLS_BASE`]). Signals are blocked across the clone, as gc does, so that no
/// handler runs on the new thread before `minit` gave it its signal stack; `minit` unblocks
/// them. Returns false when the kernel refused.
///
/// # Safety
/// `m` is a fully initialised M that lives forever; `stack` is memory of its own.
pub unsafe fn newosproc(m: *mut M, stack: &Stack, entry: extern "C" fn(*mut M) -> !) -> bool {
    let old = sigprocmask(!0);
    // The child pops its M and entry from the top of its new stack.
    let sp = (stack.hi & !15) - 16;
    *(sp as *mut usize) = m as usize;
    *((sp + 8) as *mut usize) = entry as usize;
    let r = clone(CLONE_FLAGS, sp, m as usize + TLS_BASE);
    if r > 0 {
        // The thread id, at once: a system call on every thread may signal it before it runs.
        (*m).procid = r as i32;
    }
    sigprocmask(old);
    r >= 0
}

/// clone(flags, stack, 0, 0, tls). In the child (rax 0), rsp is the new stack holding the M
/// and the entry: calls entry(m) with rbp 0 (tracebacks end there); it never returns.
#[unsafe(naked)]
unsafe extern "C" fn clone(flags: usize, stack: usize, tls: usize) -> isize {
    naked_asm!(
        "mov r8, rdx",
        "xor edx, edx",
        "xor r10d, r10d",
        "mov eax, {nr}",
        "syscall",
        "test rax, rax",
        "jz 2f",
        "ret",
        "2:",
        "xor ebp, ebp",
        "mov rdi, [rsp]",
        "mov rax, [rsp + 8]",
        "call rax",
        "ud2",
        nr = const SYS_CLONE,
    )
}

/// gc's minit, on the new thread: its alternate signal stack (the handlers run on it, since
/// a fault may come from a stack overflow), its id, and the signal mask opened again.
///
/// # Safety
/// Runs first on the thread of `m`.
pub unsafe fn minit(m: *mut M) {
    (*m).procid = gettid();
    crate::signal::sigaltstack((*m).gsignal.lo, (*m).gsignal.hi - (*m).gsignal.lo);
    sigprocmask(0);
}
