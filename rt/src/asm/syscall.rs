//! The raw system calls of internal/runtime/syscall/linux (asm_linux_amd64.s) and syscall
//! (asm_linux_amd64.s), with gc's result conventions: a kernel return in [-4094, -1] is an
//! error (gc's test is rax > -4095 unsigned), reported as r1 = -1 and errno = -ret; otherwise
//! r1 = rax, r2 = rdx and errno = 0.

use super::Ret2;
use core::arch::asm;

/// The kernel's rax and rdx after system call `n`.
///
/// # Safety
/// The arguments are valid for system call `n`.
#[inline(always)]
unsafe fn raw(n: usize, a: [usize; 6]) -> (usize, usize) {
    let (r1, r2): (usize, usize);
    // SAFETY: the kernel clobbers only rcx and r11 and writes rax; rdx is an input that the
    // kernel leaves as it was (the second result register of gc's convention).
    asm!("syscall",
        inlateout("rax") n => r1,
        in("rdi") a[0], in("rsi") a[1], inlateout("rdx") a[2] => r2,
        in("r10") a[3], in("r8") a[4], in("r9") a[5],
        lateout("rcx") _, lateout("r11") _,
        options(nostack));
    (r1, r2)
}

/// `func Syscall6(num, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2, errno uintptr)`, written
/// through `out` as the Go tuple `[3]uintptr`.
///
/// # Safety
/// `out` is writable; the arguments are valid for the system call (the Go caller's duty).
#[unsafe(export_name = "internal/runtime/syscall/linux.Syscall6")]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn syscall6(
    out: *mut [usize; 3],
    num: usize,
    a1: usize,
    a2: usize,
    a3: usize,
    a4: usize,
    a5: usize,
    a6: usize,
) {
    let g = crate::start::getg();
    if (*g).sched_ext.syscall_next {
        // syscall.Syscall/Syscall6: the call may block; the P may go to another M meanwhile.
        (*g).sched_ext.syscall_next = false;
        *out = blocking_syscall(num, [a1, a2, a3, a4, a5, a6]);
        return;
    }
    *out = syscall_go(num, [a1, a2, a3, a4, a5, a6]);
}

/// A system call made between gc's entersyscall and exitsyscall (rt/src/proc.rs). While it
/// blocks, the collector may run on another M and scans this goroutine's stack from the
/// stack pointer entersyscall records: the callee-saved registers (which the Go frames above
/// may use for pointers) and the arguments (a buffer the kernel writes may be referenced
/// only by them) are stored in this frame first, above that stack pointer.
#[inline(never)]
unsafe fn blocking_syscall(num: usize, a: [usize; 6]) -> [usize; 3] {
    let mut save = [0usize; 12];
    save[6..].copy_from_slice(&a);
    let sp: usize;
    asm!(
        "mov [{r}], rbx", "mov [{r} + 8], rbp", "mov [{r} + 16], r12",
        "mov [{r} + 24], r13", "mov [{r} + 32], r14", "mov [{r} + 40], r15",
        "mov {sp}, rsp",
        r = in(reg) save.as_mut_ptr(),
        sp = out(reg) sp,
        options(nostack, preserves_flags),
    );
    let entered = crate::proc::entersyscall(sp);
    let args = core::hint::black_box(&save);
    let r = syscall_go(
        num,
        [args[6], args[7], args[8], args[9], args[10], args[11]],
    );
    if entered {
        crate::proc::exitsyscall();
    }
    core::hint::black_box(&save);
    r
}

/// System call `n` with gc's result convention (module doc): `[r1, r2, errno]`. Shared by the
/// Go-facing raw system calls (Syscall6 here, the overlay's `runtime.rawsyscall6`).
///
/// # Safety
/// The arguments are valid for system call `n`.
pub unsafe fn syscall_go(n: usize, a: [usize; 6]) -> [usize; 3] {
    // SAFETY: forwarded contract.
    let (r1, r2) = unsafe { raw(n, a) };
    if r1 > (-4095isize) as usize {
        [usize::MAX, 0, r1.wrapping_neg()]
    } else {
        [r1, r2, 0]
    }
}

/// `func rawSyscallNoError(trap, a1, a2, a3 uintptr) (r1, r2 uintptr)`: for system calls that
/// cannot fail; rax and rdx as the kernel left them.
///
/// # Safety
/// As [`syscall6`].
#[unsafe(export_name = "syscall.rawSyscallNoError")]
pub unsafe extern "C" fn raw_syscall_no_error(
    trap: usize,
    a1: usize,
    a2: usize,
    a3: usize,
) -> Ret2 {
    let (r1, r2) = raw(trap, [a1, a2, a3, 0, 0, 0]);
    Ret2 {
        r0: r1 as u64,
        r1: r2 as u64,
    }
}

/// `func gettimeofday(tv *Timeval) (err Errno)`. gc calls the vDSO's gettimeofday when it
/// found one and the system call otherwise; rgo makes the system call (same result, slower).
///
/// # Safety
/// `tv` points to a writable Timeval (or is nil, and the kernel reports EFAULT).
#[unsafe(export_name = "syscall.gettimeofday")]
pub unsafe extern "C" fn gettimeofday(tv: *mut u8) -> usize {
    const SYS_GETTIMEOFDAY: usize = 96;
    let (r, _) = raw(SYS_GETTIMEOFDAY, [tv as usize, 0, 0, 0, 0, 0]);
    if r > (-4095isize) as usize {
        r.wrapping_neg()
    } else {
        0
    }
}

// `func rawVforkSyscall(trap, a1, a2, a3 uintptr) (r1 uintptr, err Errno)`: clone/clone3 with
// CLONE_VFORK|CLONE_VM for os/exec. The child runs on the parent's stack until it calls
// execve or exits, so nothing may be kept on the stack across the system call: like gc's
// assembly, the return address is popped into r12 before SYSCALL and pushed back after it in
// both processes. r12 is callee-saved in the C convention, so the caller's r12 is parked in
// xmm15 (caller-saved) meanwhile. Arguments: rdi=trap, rsi=a1, rdx=a2, rcx=a3 (SysV); results
// in rax (r1, -1 on error) and rdx (errno).
core::arch::global_asm!(
    ".pushsection .text.syscall_rawVforkSyscall,\"ax\",@progbits",
    ".globl \"syscall.rawVforkSyscall\"",
    ".type \"syscall.rawVforkSyscall\",@function",
    "\"syscall.rawVforkSyscall\":",
    "mov rax, rdi",
    "mov rdi, rsi",
    "mov rsi, rdx",
    "mov rdx, rcx",
    "xor r10d, r10d",
    "xor r8d, r8d",
    "xor r9d, r9d",
    "movq xmm15, r12",
    "pop r12",
    "syscall",
    "push r12",
    "movq r12, xmm15",
    "cmp rax, -4095",
    "ja 2f",
    "xor edx, edx",
    "ret",
    "2:",
    "neg rax",
    "mov rdx, rax",
    "mov rax, -1",
    "ret",
    ".size \"syscall.rawVforkSyscall\", . - \"syscall.rawVforkSyscall\"",
    ".popsection",
);
