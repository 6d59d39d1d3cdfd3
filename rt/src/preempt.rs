//! Goroutine preemption (gc's preempt.go).
//!
//! A goroutine that runs without blocking must not keep the thread forever: gc's sysmon asks a
//! goroutine that has run for more than 10 ms to yield (forcePreemptNS), and the goroutine
//! yields at the next point where that is safe. rgo does the same in two ways:
//!
//! * **Cooperatively.** Asking is writing [`STACK_PREEMPT`] into `g.stackguard0`, as gc
//!   poisons the stack guard. Every loop back-edge of generated code (outside package runtime)
//!   compares `stackguard0` at r15+16 with that value and, when equal, makes a cold call to
//!   `runtime.gopreempt_m`, which puts the goroutine on the global run queue and runs the
//!   scheduler (sched.rs). At a back-edge the Go code has no half-done runtime operation, and
//!   the call is an ordinary call, so the code generator has saved every live value. gc checks
//!   in function prologues instead (its stack-bound check); rgo's functions have no stack-bound
//!   check, and a loop without calls is exactly the case the prologue check misses, so the
//!   back-edges are where the check is cheapest to add: one compare with memory and a branch.
//!
//! * **Asynchronously.** sysmon's signal (proc.rs, sent to the M alone with tgkill)
//!   interrupts the thread. When the
//!   interrupted instruction is a safe point ([`is_async_safe_point`]), the handler makes the
//!   goroutine call [`async_preempt`] as if the interrupted instruction had called it: it pushes
//!   the interrupted pc on the goroutine's stack and resumes at `runtime.asyncPreempt`, which
//!   saves every general register, the flags and xmm0–15 on the goroutine's stack, yields like
//!   the cooperative path, and restores them all when the goroutine runs again. This is gc's
//!   SIGURG preemption. Because every register sits on the goroutine's own stack while it is
//!   off the thread, the collector's conservative scan of that stack (from the context switch's
//!   saved rsp to the stack top) sees every pointer the interrupted code held in a register.
//!
//!   A safe point is an instruction of Go code compiled by rgo's code generator for a package
//!   other than runtime: gc likewise never preempts the runtime, nor assembly (whose stack use
//!   it does not describe). Rust runtime code never is one: the runtime's state is not
//!   reentrant, and the runtime never switches goroutines except where it parks or yields
//!   itself. Go code that the runtime runs on the goroutine's behalf (timer functions from the
//!   scheduler) is fenced off with `m.locks`. When the signal lands elsewhere (most often in a
//!   runtime call), the request stays in stackguard0 for the next back-edge, and the next
//!   sysmon tick tries again.
//!
//!   The generated code keeps nothing below its stack pointer (Cranelift uses no red zone), so
//!   pushing the return address at the interrupted rsp destroys nothing.

use crate::start::{G, G_RUNNING, STACK_PREEMPT, getg};
use crate::symtab;
use core::arch::naked_asm;

/// Stack the preemption path needs below the interrupted rsp: asyncPreempt's 400-byte save
/// area plus the scheduler's frames (gc's asyncPreemptStack plays the same role).
const ASYNC_PREEMPT_STACK: usize = 32 << 10;

// ucontext_t: uc_mcontext.gregs starts at byte 40; register indices from <sys/ucontext.h>.
const REG_RSP: usize = 15;
const REG_RIP: usize = 16;

/// Asks goroutine `g` to yield at its next preemption check (gc's preemptone).
///
/// # Safety
/// `g` is a valid goroutine.
pub unsafe fn preemptone(g: *mut G) {
    (*g).stackguard0 = STACK_PREEMPT;
}

/// Whether `g` has been asked to yield and may be (gc's wantAsyncPreempt and canPreemptM).
unsafe fn want_async_preempt(g: *mut G) -> bool {
    let m = crate::start::getm();
    (*g).stackguard0 == STACK_PREEMPT && (*g).status == G_RUNNING && (*m).locks == 0 && g != (*m).g0
}

/// Whether `pc` is code where the goroutine may be stopped and resumed later with all its
/// registers restored (gc's isAsyncSafePoint): Go code from rgo's code generator, outside the
/// runtime package and internal/runtime/*, with room on the stack for the preemption frames.
fn is_async_safe_point(g: *mut G, pc: usize, sp: usize) -> bool {
    // SAFETY: g is the running goroutine.
    let (lo, hi) = unsafe { ((*g).stack.lo, (*g).stack.hi) };
    if sp <= lo || sp > hi || sp - lo < ASYNC_PREEMPT_STACK {
        return false;
    }
    let Some(f) = symtab::find_func(pc) else {
        return false;
    };
    let name = f.name();
    if name.starts_with(b"runtime.") || name.starts_with(b"internal/runtime/") {
        return false;
    }
    // The file tells who made the code: `.go` files for the code generator; assembly (`.s`)
    // and the Rust runtime (its archive member) otherwise. The overlay's Go files are package
    // runtime even when a linkname gives their functions another package's name
    // (`sync.runtime_Semacquire`).
    let (file, _) = f.file_line(pc);
    file.ends_with(b".go")
        && !contains(file, b"/overlay/runtime/")
        && !contains(file, b"/src/runtime/")
        && !contains(file, b"/src/internal/runtime/")
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// gc's doSigPreempt: called by the sysmon signal's handler with the interrupted context; when
/// the running goroutine was asked to yield and stands at a safe point, makes it resume in
/// [`async_preempt`] instead.
///
/// # Safety
/// `gregs` is the interrupted context's general registers (ucontext's gregs).
pub unsafe fn do_sig_preempt(gregs: *mut usize) {
    let g = getg();
    if g.is_null() || crate::proc::ASYNC_PREEMPT_OFF || !want_async_preempt(g) {
        return;
    }
    let pc = *gregs.add(REG_RIP);
    let sp = *gregs.add(REG_RSP);
    if !is_async_safe_point(g, pc, sp) {
        return;
    }
    // As if the interrupted instruction had called asyncPreempt.
    let sp = sp - 8;
    *(sp as *mut usize) = pc;
    *gregs.add(REG_RSP) = sp;
    *gregs.add(REG_RIP) = async_preempt as *const () as usize;
}

/// gc's asyncPreempt: entered from the signal handler at an arbitrary instruction of Go code,
/// with the interrupted pc pushed as the return address. Saves the flags, every general
/// register and xmm0–15 (the interrupted code may hold live values in any of them), aligns
/// the stack, yields in [`async_preempt2`], then restores everything and returns to the
/// interrupted instruction. The frame is a normal rbp frame, so tracebacks and the collector
/// walk through it.
#[unsafe(naked)]
#[unsafe(export_name = "runtime.asyncPreempt")]
unsafe extern "C" fn async_preempt() {
    naked_asm!(
        "push rbp",
        "mov rbp, rsp",
        "pushfq",
        "push rax",
        "push rbx",
        "push rcx",
        "push rdx",
        "push rsi",
        "push rdi",
        "push r8",
        "push r9",
        "push r10",
        "push r11",
        "push r12",
        "push r13",
        "push r14",
        "push r15",
        "sub rsp, 256",
        "movdqu [rsp], xmm0",
        "movdqu [rsp + 16], xmm1",
        "movdqu [rsp + 32], xmm2",
        "movdqu [rsp + 48], xmm3",
        "movdqu [rsp + 64], xmm4",
        "movdqu [rsp + 80], xmm5",
        "movdqu [rsp + 96], xmm6",
        "movdqu [rsp + 112], xmm7",
        "movdqu [rsp + 128], xmm8",
        "movdqu [rsp + 144], xmm9",
        "movdqu [rsp + 160], xmm10",
        "movdqu [rsp + 176], xmm11",
        "movdqu [rsp + 192], xmm12",
        "movdqu [rsp + 208], xmm13",
        "movdqu [rsp + 224], xmm14",
        "movdqu [rsp + 240], xmm15",
        "mov rbx, rsp",
        "and rsp, -16",
        "cld",
        "call {preempt2}",
        "mov rsp, rbx",
        "movdqu xmm0, [rsp]",
        "movdqu xmm1, [rsp + 16]",
        "movdqu xmm2, [rsp + 32]",
        "movdqu xmm3, [rsp + 48]",
        "movdqu xmm4, [rsp + 64]",
        "movdqu xmm5, [rsp + 80]",
        "movdqu xmm6, [rsp + 96]",
        "movdqu xmm7, [rsp + 112]",
        "movdqu xmm8, [rsp + 128]",
        "movdqu xmm9, [rsp + 144]",
        "movdqu xmm10, [rsp + 160]",
        "movdqu xmm11, [rsp + 176]",
        "movdqu xmm12, [rsp + 192]",
        "movdqu xmm13, [rsp + 208]",
        "movdqu xmm14, [rsp + 224]",
        "movdqu xmm15, [rsp + 240]",
        "add rsp, 256",
        "pop r15",
        "pop r14",
        "pop r13",
        "pop r12",
        "pop r11",
        "pop r10",
        "pop r9",
        "pop r8",
        "pop rdi",
        "pop rsi",
        "pop rdx",
        "pop rcx",
        "pop rbx",
        "pop rax",
        "popfq",
        "pop rbp",
        "ret",
        preempt2 = sym async_preempt2,
    )
}

/// gc's asyncPreempt2: the goroutine yields (sched.rs's gopreempt_m).
extern "C" fn async_preempt2() {
    crate::sched::gopreempt_m();
}
