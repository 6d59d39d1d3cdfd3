//! Synchronous signal handling: SIGSEGV/SIGBUS/SIGFPE/SIGILL in Go code become gc's panics or
//! fatal errors. Handlers run on the thread's alternate signal stack (set up in rt0_go) because
//! a fault may come from a stack overflow.

use crate::panic;
use crate::print::{self, bytes};
use crate::{start, sys};
use core::arch::naked_asm;

const SIGILL: i32 = 4;
const SIGBUS: i32 = 7;
const SIGFPE: i32 = 8;
const SIGSEGV: i32 = 11;
const SIGURG: i32 = crate::proc::SIGURG;
const SA_RESTART: u64 = 0x1000_0000;

pub(crate) const SA_SIGINFO: u64 = 0x4;
pub(crate) const SA_ONSTACK: u64 = 0x0800_0000;
pub(crate) const SA_RESTORER: u64 = 0x0400_0000;

/// Kernel `struct sigaction` for rt_sigaction (not glibc's); os/signal's handlers
/// (sigqueue.rs) install theirs with it too.
#[repr(C)]
pub(crate) struct KSigaction {
    pub(crate) handler: usize,
    pub(crate) flags: u64,
    pub(crate) restorer: usize,
    pub(crate) mask: u64,
}

#[repr(C)]
struct StackT {
    sp: usize,
    flags: i32,
    size: usize,
}

/// Return path of every handler: the kernel needs SA_RESTORER on x86-64.
#[unsafe(naked)]
#[unsafe(export_name = "runtime.sigreturn__sigaction")]
extern "C" fn sigreturn_tramp() {
    naked_asm!("mov eax, {}", "syscall", "ud2", const sys::SYS_RT_SIGRETURN)
}

/// Makes [stack, stack+size) the calling thread's alternate signal stack.
pub fn sigaltstack(stack: usize, size: usize) {
    let ss = StackT {
        sp: stack,
        flags: 0,
        size,
    };
    // SAFETY: valid stack_t; old value not requested.
    unsafe { sys::syscall3(sys::SYS_SIGALTSTACK, &ss as *const StackT as usize, 0, 0) };
}

/// A system call to make on this thread too (proc.rs's doAllThreadsSyscall).
extern "C" fn per_thread_syscall_handler(_sig: i32, _info: *const u8, _uctx: *const u8) {
    crate::proc::run_per_thread_syscall();
}

/// SIGPIPE: gc's handler ignores it, so that a write to a closed pipe or socket fails with
/// EPIPE; os raises it again for stdout and stderr (proc.rs's raisesigpipe).
extern "C" fn sigpipe_handler(_sig: i32, _info: *const u8, _uctx: *const u8) {}

/// Installs the SIGPIPE handler unless SIGPIPE was ignored at start-up (gc keeps it ignored
/// then), or resets it to the default action (`default`) so that raising it ends the process.
pub fn set_sigpipe(default: bool) {
    const SIGPIPE: usize = 13;
    let mut old = KSigaction {
        handler: 0,
        flags: 0,
        restorer: 0,
        mask: 0,
    };
    let act = KSigaction {
        handler: if default {
            0
        } else {
            sigpipe_handler as *const () as usize
        },
        flags: SA_SIGINFO | SA_ONSTACK | SA_RESTORER | SA_RESTART,
        restorer: sigreturn_tramp as *const () as usize,
        mask: 0,
    };
    // SAFETY: valid sigactions, sigsetsize 8.
    unsafe {
        let oldp = &mut old as *mut KSigaction as usize;
        sys::syscall6(sys::SYS_RT_SIGACTION, SIGPIPE, 0, oldp, 8, 0, 0);
        if old.handler == 1 {
            return; // SIG_IGN
        }
        let actp = &act as *const KSigaction as usize;
        sys::syscall6(sys::SYS_RT_SIGACTION, SIGPIPE, actp, 0, 8, 0, 0);
    }
}

/// Installs the alternate stack for this thread and the handlers.
///
/// # Safety
/// [stack, stack+size) must be memory dedicated to signal handling on this thread.
pub unsafe fn init(stack: usize, size: usize) {
    sigaltstack(stack, size);
    set_sigpipe(false);
    let act = KSigaction {
        handler: per_thread_syscall_handler as *const () as usize,
        flags: SA_SIGINFO | SA_ONSTACK | SA_RESTORER | SA_RESTART,
        restorer: sigreturn_tramp as *const () as usize,
        mask: 0,
    };
    // SAFETY: valid sigaction, sigsetsize 8.
    unsafe {
        let actp = &act as *const KSigaction as usize;
        let sig = crate::proc::SIG_PER_THREAD_SYSCALL as usize;
        sys::syscall6(sys::SYS_RT_SIGACTION, sig, actp, 0, 8, 0, 0);
    }
    for sig in [SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGURG] {
        let act = KSigaction {
            handler: if sig == SIGURG {
                sigurg_handler as *const () as usize
            } else {
                sighandler as *const () as usize
            },
            // The preemption signal restarts interrupted system calls where the kernel can;
            // a fault handler must not be interrupted by it.
            flags: SA_SIGINFO
                | SA_ONSTACK
                | SA_RESTORER
                | if sig == SIGURG { SA_RESTART } else { 0 },
            restorer: sigreturn_tramp as *const () as usize,
            mask: if sig == SIGURG { 0 } else { 1 << (SIGURG - 1) },
        };
        // SAFETY: valid sigaction, sigsetsize 8.
        unsafe {
            sys::syscall6(
                sys::SYS_RT_SIGACTION,
                sig as usize,
                &act as *const KSigaction as usize,
                0,
                8,
                0,
                0,
            );
        }
    }
}

// ucontext_t: uc_mcontext.gregs starts at byte 40; register indices from <sys/ucontext.h>.
const GREGS: usize = 40;
const REG_RBP: usize = 10;
const REG_RSP: usize = 15;
const REG_RIP: usize = 16;

/// SIGURG: sysmon's preemption request to this thread, or a SIGURG sent by someone else,
/// which gc treats as a preemption request too and passes on to os/signal (proc.rs).
extern "C" fn sigurg_handler(_sig: i32, _info: *const u8, uctx: *const u8) {
    // SAFETY: the kernel passes a valid ucontext pointer with SA_SIGINFO; the context's
    // registers are ours to change before the handler returns.
    unsafe { crate::proc::sigurg(uctx.add(GREGS) as *mut usize) }
}

fn signame(sig: i32) -> &'static [u8] {
    match sig {
        SIGSEGV => b"SIGSEGV: segmentation violation",
        SIGBUS => b"SIGBUS: bus error",
        SIGFPE => b"SIGFPE: floating-point exception",
        SIGILL => b"SIGILL: illegal instruction",
        _ => b"signal",
    }
}

/// gc's `[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x…]` line.
pub fn print_signal_line(sig: i32, code: i32, addr: usize, pc: usize) {
    bytes(b"[signal ");
    bytes(signame(sig));
    bytes(b" code=");
    print::hex(code as u32 as u64);
    bytes(b" addr=");
    print::hex(addr as u64);
    bytes(b" pc=");
    print::hex(pc as u64);
    bytes(b"]\n");
}

#[unsafe(export_name = "runtime.sigtramp")]
extern "C" fn sighandler(sig: i32, info: *const u8, uctx: *const u8) {
    // SAFETY: the kernel passes valid siginfo and ucontext pointers with SA_SIGINFO.
    let (code, addr, pc, fp, sp) = unsafe {
        let code = *(info.add(8) as *const i32);
        let addr = *(info.add(16) as *const usize);
        let gregs = uctx.add(GREGS) as *const usize;
        (
            code,
            addr,
            *gregs.add(REG_RIP),
            *gregs.add(REG_RBP),
            *gregs.add(REG_RSP),
        )
    };
    let g = start::getg();
    // SAFETY: g is live after start-up.
    let stack_lo = if g.is_null() {
        0
    } else {
        unsafe { (*g).stack.lo }
    };
    let sig_line = || {
        bytes(b"[signal ");
        bytes(signame(sig));
        bytes(b" code=");
        print::hex(code as u32 as u64);
        bytes(b" addr=");
        print::hex(addr as u64);
        bytes(b" pc=");
        print::hex(pc as u64);
        bytes(b"]\n");
    };
    // gc's sigpanic: small addresses are nil dereferences; SIGBUS only for BUS_ADRERR (2).
    const NIL_DEREF: &[u8] = b"runtime error: invalid memory address or nil pointer dereference";
    let kind = match sig {
        SIGSEGV if stack_lo != 0 && addr < stack_lo && addr >= stack_lo - start::STACK_GUARD => {
            panic::SigCrash::StackOverflow { sp }
        }
        SIGSEGV if addr < 0x1000 => panic::SigCrash::Panic(NIL_DEREF),
        SIGBUS if code == 2 && addr < 0x1000 => panic::SigCrash::Panic(NIL_DEREF),
        SIGFPE if code == 1 => panic::SigCrash::Panic(b"runtime error: integer divide by zero"),
        SIGFPE if code == 2 => panic::SigCrash::Panic(b"runtime error: integer overflow"),
        SIGSEGV | SIGBUS => panic::SigCrash::Fault,
        _ => panic::SigCrash::Unexpected,
    };
    // runtime/debug.SetPanicOnFault: any other fault of this goroutine panics too, with the
    // faulting address (gc's panicmemAddr).
    // SAFETY: g is live after start-up.
    let on_fault = !g.is_null() && unsafe { (*g).sched_ext.paniconfault };
    let (kind, fault_addr) = match kind {
        panic::SigCrash::Fault if on_fault => (panic::SigCrash::Panic(NIL_DEREF), Some(addr)),
        k => (k, None),
    };
    // A fault in Go code becomes a Go panic on the faulting goroutine (recoverable), as gc's
    // sigpanic: the handler returns into runtime.sigpanic.
    if let panic::SigCrash::Panic(msg) = kind {
        let is_go = |pc: usize| {
            crate::symtab::find_func(pc).is_some_and(|f| {
                let n = f.name();
                n.contains(&b'.') && !n.starts_with(b"runtime.") && !n.starts_with(b"_")
            })
        };
        // SAFETY: the kernel's ucontext for this signal.
        let gregs = unsafe { uctx.add(GREGS) as *mut usize };
        if is_go(pc) {
            // SAFETY: the fault is in Go code: make it call sigpanic.
            unsafe {
                crate::rterror::inject_sigpanic(
                    gregs,
                    sp,
                    pc,
                    msg,
                    fault_addr,
                    (sig, code, addr, pc),
                )
            };
            return;
        }
        // A call through a nil func value jumps to 0: the caller's return address is on top
        // of the stack, so the panic starts as if that call had reached sigpanic.
        // SAFETY: sp is the faulting stack pointer; the word at it is readable stack.
        let ret = if pc < 0x1000 {
            unsafe { *(sp as *const usize) }
        } else {
            0
        };
        if ret != 0 && is_go(ret) {
            // SAFETY: as above; the return address stays where the call put it.
            unsafe {
                crate::rterror::inject_sigpanic(
                    gregs,
                    sp + 8,
                    ret,
                    msg,
                    fault_addr,
                    (sig, code, addr, pc),
                )
            };
            return;
        }
    }
    panic::signal_crash(&sig_line, kind, addr, pc, fp)
}
