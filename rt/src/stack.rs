//! The stack-bound check's slow path (gc's stack.go `newstack`, reached through asm_amd64.s's
//! `morestack`).
//!
//! gc's assembler gives every assembly function without NOSPLIT a prologue that compares SP
//! (less the part of its frame beyond 128 bytes) with `g.stackguard0` and calls
//! `runtime.morestack_noctxt` when SP is at or below it (asm/src/lib.rs emits the same
//! bytes). rgo's goroutine stacks do not move: they are mmap'd at their final size with a
//! guard page below. So `stackguard0` is `stack.lo`, and the check fails for one of two
//! reasons, as in gc:
//! - the goroutine was asked to yield (`stackguard0` holds [`STACK_PREEMPT`]): it yields as at
//!   a loop back-edge (`gopreempt_m`, which also puts `stack.lo` back);
//! - the stack is exhausted: gc would grow it up to its 1 GB limit; rgo's stack cannot grow,
//!   so it reports what gc reports past that limit, `fatal error: stack overflow`.
//!
//! Either way the function starts over: morestack returns to the `JMP` back to the check.
//! The stub keeps every integer register it may write (the check runs before the assembly
//! function has done anything, but its caller's values must survive) and aligns the stack
//! for the Rust code.

use crate::panic::{SigCrash, signal_crash};
use crate::start::{G, M, STACK_PREEMPT, Stack};
use core::arch::naked_asm;

/// gc's `runtime.morestack_noctxt`, called from the stack check at the top of an assembly
/// function, with SP as it was at that function's entry less the return address.
///
/// A preemption request is served on the goroutine's stack, as at a loop back-edge (the
/// goroutine's context is saved there while it is off the thread). An exhausted stack has no
/// room for the report: that runs on the M's g0 stack, idle while a goroutine runs (gc's
/// morestack switches to g0 for newstack as well).
#[unsafe(naked)]
#[unsafe(export_name = "runtime.morestack_noctxt")]
pub unsafe extern "C" fn morestack_noctxt() {
    naked_asm!(
        "push rbp",
        "mov rbp, rsp",
        "push rax",
        "push rcx",
        "push rdx",
        "push rsi",
        "push rdi",
        "push r8",
        "push r9",
        "push r10",
        "push r11",
        "mov rax, qword ptr fs:[-8]",
        "mov rcx, {preempt}",
        "cmp [rax + {guard}], rcx",
        "jne 2f",
        "and rsp, -16",
        "call {gopreempt_m}",
        "lea rsp, [rbp - 72]",
        "pop r11",
        "pop r10",
        "pop r9",
        "pop r8",
        "pop rdi",
        "pop rsi",
        "pop rdx",
        "pop rcx",
        "pop rax",
        "pop rbp",
        "ret",
        "2:",
        // stack_overflow(pc in the checked function, its SP, its caller's frame pointer)
        "mov rdi, [rbp + 8]",
        "lea rsi, [rbp + 16]",
        "mov rdx, [rbp]",
        "mov rcx, qword ptr fs:[-16]",
        "mov rcx, [rcx + {g0}]",
        "mov rsp, [rcx + {stack_hi}]",
        "and rsp, -16",
        "call {stack_overflow}",
        "ud2",
        preempt = const STACK_PREEMPT,
        guard = const core::mem::offset_of!(G, stackguard0),
        g0 = const core::mem::offset_of!(M, g0),
        stack_hi = const core::mem::offset_of!(Stack, hi),
        gopreempt_m = sym crate::sched::gopreempt_m,
        stack_overflow = sym stack_overflow,
    )
}

/// What gc reports when a goroutine's stack would pass its limit: rgo's stacks do not grow,
/// so their size is the limit.
extern "C" fn stack_overflow(pc: usize, sp: usize, fp: usize) -> ! {
    signal_crash(&|| {}, SigCrash::StackOverflow { sp }, 0, pc, fp)
}
