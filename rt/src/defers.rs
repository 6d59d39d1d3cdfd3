//! defer, panic and recover.
//!
//! A Go function that contains `defer` is compiled as two functions (docs/abi.md, "defer and
//! recover"): the outer one, under the function's own name, allocates the result memory and
//! `try_call`s the body, then runs `runtime.deferreturn(fp)` and returns the results; the body
//! registers each deferred call with `runtime.deferproc(outer_fp, funcval)`. Deferred calls are
//! closures without parameters (arguments were evaluated into the closure at the `defer`).
//!
//! `gopanic` runs the pending deferred calls newest first. When one of them recovers, the panic
//! ends and execution resumes at the landing pad of the outer function that registered that call:
//! the runtime restores that frame's FP and SP from the backend's `.rgo.exctab` records and jumps
//! to the pad, which runs the frame's remaining deferred calls and returns normally.

use core::arch::naked_asm;
use core::ptr::null_mut;

use crate::malloc;
use crate::maps::{StaticType, internal_type};
use crate::start::{G, getg};
use crate::types::Type;

/// A pending deferred call (gc's `_defer`).
#[repr(C)]
pub struct Defer {
    /// The funcval to call.
    pub fv: usize,
    /// Frame pointer of the outer function that registered it.
    pub frame: usize,
    pub link: *mut Defer,
    /// Set once a panic started running it.
    pub started: bool,
    /// The panic running it, if any.
    pub panic: *mut Panic,
    /// A record made by `deferrangefunc`: it stands for the calls in `head`.
    pub rangefunc: bool,
    /// The calls deferred by range-over-func loop bodies for `frame`, newest first.
    pub head: *mut Defer,
}

/// An active panic (gc's `_panic`).
#[repr(C)]
pub struct Panic {
    pub typ: *const Type,
    pub data: *const u8,
    pub link: *mut Panic,
    pub recovered: bool,
    /// A later panic started while this one was running deferred calls.
    pub aborted: bool,
    /// This panic re-panics the value of an earlier, recovered panic.
    pub repanicked: bool,
}

// Defer and panic records are heap objects reachable from their goroutine (`G.defer`,
// `G.panic`) and from each other; these descriptors give the collector their pointer words.
// Pointer words: fv, link, panic, head.
static DEFER_MASK: [u8; 8] = [0b1010101, 0, 0, 0, 0, 0, 0, 0];
static PANIC_MASK: [u8; 8] = [0b110, 0, 0, 0, 0, 0, 0, 0];
static DEFER_TYPE: StaticType = internal_type(56, 56, &DEFER_MASK);
static PANIC_TYPE: StaticType = internal_type(32, 24, &PANIC_MASK);
const _: () = assert!(core::mem::size_of::<Defer>() == 56);
const _: () = assert!(core::mem::size_of::<Panic>() == 32);

fn g() -> *mut G {
    getg()
}

/// `defer` in a function body: pushes a deferred call for the outer frame `frame`.
///
/// # Safety
/// `fv` is a Go funcval pointer.
#[unsafe(export_name = "runtime.deferproc")]
pub unsafe extern "C" fn deferproc(frame: usize, fv: usize) {
    let g = g();
    let d = malloc::mallocgc(core::mem::size_of::<Defer>(), &DEFER_TYPE.0, true) as *mut Defer;
    // SAFETY: fresh memory of the right size; g is the running goroutine.
    unsafe {
        d.write(Defer {
            fv,
            frame,
            link: (*g).defer as *mut Defer,
            started: false,
            panic: null_mut(),
            rangefunc: false,
            head: null_mut(),
        });
        (*g).defer = d as usize;
    }
}

/// Called by a function about to run a range-over-func loop whose body defers calls: pushes a
/// record for the outer frame `frame` in the function's place on the defer list and returns it
/// as the token that the loop body passes to [`deferprocat`] (gc's `deferrangefunc`, where the
/// token is the record's atomic list head).
///
/// # Safety
/// Called by compiled code with the outer frame pointer of its function.
#[unsafe(export_name = "runtime.deferrangefunc")]
pub unsafe extern "C" fn deferrangefunc(frame: usize) -> usize {
    let g = g();
    let d = malloc::persistent_alloc(core::mem::size_of::<Defer>(), 8) as *mut Defer;
    // SAFETY: fresh memory of the right size; g is the running goroutine.
    unsafe {
        d.write(Defer {
            fv: 0,
            frame,
            link: (*g).defer as *mut Defer,
            started: false,
            panic: null_mut(),
            rangefunc: true,
            head: null_mut(),
        });
        (*g).defer = d as usize;
    }
    d as usize
}

/// `defer` in a range-over-func loop body: adds the call to the calls of the function that
/// obtained `token` from [`deferrangefunc`].
///
/// # Safety
/// `fv` is a Go funcval pointer, `token` a record made by deferrangefunc.
#[unsafe(export_name = "runtime.deferprocat")]
pub unsafe extern "C" fn deferprocat(fv: usize, token: usize) {
    let head = token as *mut Defer;
    let d = malloc::persistent_alloc(core::mem::size_of::<Defer>(), 8) as *mut Defer;
    // SAFETY: fresh memory; the token is a live record.
    unsafe {
        if !(*head).rangefunc {
            crate::panic::throw(b"defer after range func returned");
        }
        d.write(Defer {
            fv,
            frame: (*head).frame,
            link: (*head).head,
            started: false,
            panic: null_mut(),
            rangefunc: false,
            head: null_mut(),
        });
        (*head).head = d;
    }
}

/// Replaces the range-over-func record on top of the defer list by the calls it holds (gc's
/// `deferconvert`).
///
/// # Safety
/// `d` is the top record of g's defer list and a `deferrangefunc` record.
unsafe fn deferconvert(g: *mut G, d: *mut Defer) {
    // SAFETY: the records are runtime-made.
    unsafe {
        (*d).rangefunc = false;
        let first = (*d).head;
        (*d).head = null_mut();
        if first.is_null() {
            (*g).defer = (*d).link as usize;
            return;
        }
        let mut last = first;
        while !(*last).link.is_null() {
            last = (*last).link;
        }
        (*last).link = (*d).link;
        (*g).defer = first as usize;
    }
}

/// `runtime.deferreturn(fp)`, called by the entry half of a function with `defer` with its own
/// frame pointer: runs (newest first) and removes the deferred calls that frame registered.
///
/// The entry calls it with a `try_call` in the Go (Cranelift `tail`) convention, whose landing
/// pad calls it again: a deferred call may panic and a later one recover, and the frame then
/// resumes at that pad (all registers clobbered, as for any Go callee) to run the rest. This
/// trampoline takes the Go convention's arguments (closure context in rdi, `fp` in rsi), keeps
/// the frame-pointer chain that [`resume`] walks (its saved FP is the entry's, its return address
/// the try_call's) and calls [`run_frame_defers`].
#[unsafe(naked)]
#[unsafe(export_name = "runtime.deferreturn")]
pub unsafe extern "C" fn deferreturn() {
    naked_asm!(
        "push rbp",
        "mov rbp, rsp",
        "mov rdi, rsi",
        "call {run}",
        ".globl rgo_deferreturn_ret",
        "rgo_deferreturn_ret:",
        "pop rbp",
        "ret",
        run = sym run_frame_defers,
    )
}

/// Runs (newest first) and removes the deferred calls registered by the frame `frame`.
///
/// # Safety
/// Called through [`deferreturn`] by compiled code with its own frame pointer.
unsafe extern "C" fn run_frame_defers(frame: usize) {
    let g = g();
    loop {
        // SAFETY: g's defer list holds records made by deferproc.
        let d = unsafe { (*g).defer as *mut Defer };
        if d.is_null() || unsafe { (*d).frame } != frame {
            return;
        }
        // SAFETY: as above.
        if unsafe { (*d).rangefunc } {
            unsafe { deferconvert(g, d) };
            continue;
        }
        // SAFETY: as above; the record is unlinked before the call so that a panic in the call
        // does not run it again.
        unsafe {
            (*g).defer = (*d).link as usize;
            call_deferred((*d).fv, false);
        }
    }
}

/// Calls a parameterless Go funcval through [`defer_call`] (for a panic) or
/// [`return_defer_call`] (at a function's normal return, or for Goexit), whose return addresses
/// `recover` recognises.
///
/// # Safety
/// `fv` is a Go funcval.
unsafe fn call_deferred(fv: usize, for_panic: bool) {
    if fv == 0 {
        // `defer f()` with a nil f panics when the call is due, as in gc.
        crate::panic::runtime_error(b"invalid memory address or nil pointer dereference");
    }
    // SAFETY: word 0 of a funcval is its code.
    let code = unsafe { *(fv as *const usize) };
    // SAFETY: a Go func() entry, called with the context register set to the funcval.
    unsafe {
        if for_panic {
            defer_call(code, fv, g())
        } else {
            return_defer_call(code, fv, g())
        }
    }
}

/// The trampoline through which every deferred call runs: like `runtime.callGo0` (r15 = g,
/// context in rdi), but a function of its own so that `recover` can tell a deferred function
/// (its caller's return address lies in here) from any other caller.
#[unsafe(naked)]
#[unsafe(export_name = "runtime.deferCall")]
pub unsafe extern "C" fn defer_call(code: usize, ctx: usize, g: *mut G) {
    naked_asm!(
        "push rbp",
        "mov rbp, rsp",
        "push r15",
        "push rbx",
        "mov r15, rdx",
        "mov rax, rdi",
        "mov rdi, rsi",
        "call rax",
        ".globl rgo_defer_call_ret",
        "rgo_defer_call_ret:",
        "pop rbx",
        "pop r15",
        "pop rbp",
        "ret",
    )
}

/// [`defer_call`]'s twin for deferred calls that no panic runs: a separate function so that
/// `recover` can tell the two apart.
#[unsafe(naked)]
#[unsafe(export_name = "runtime.deferReturnCall")]
pub unsafe extern "C" fn return_defer_call(code: usize, ctx: usize, g: *mut G) {
    naked_asm!(
        "push rbp",
        "mov rbp, rsp",
        "push r15",
        "push rbx",
        "mov r15, rdx",
        "mov rax, rdi",
        "mov rdi, rsi",
        "call rax",
        ".globl rgo_return_defer_call_ret",
        "rgo_return_defer_call_ret:",
        "pop rbx",
        "pop r15",
        "pop rbp",
        "ret",
    )
}

// The return addresses of the calls in the three trampolines (labels in their code): a frame
// whose PC is one of them is that trampoline's.
unsafe extern "C" {
    static rgo_defer_call_ret: [u8; 0];
    static rgo_return_defer_call_ret: [u8; 0];
    static rgo_deferreturn_ret: [u8; 0];
}

/// Runs the pending deferred calls for a panic with value (typ, data). Returns only if no
/// deferred call recovered; a recovery resumes the recovering frame and never returns here.
///
/// # Safety
/// Called from gopanic on the panicking goroutine.
pub unsafe fn run_deferred(typ: *const Type, data: *const u8) {
    let g = g();
    let p = malloc::mallocgc(core::mem::size_of::<Panic>(), &PANIC_TYPE.0, true) as *mut Panic;
    // SAFETY: fresh memory; g's lists hold runtime-made records.
    unsafe {
        let prev = (*g).panic as *mut Panic;
        let repanicked =
            !prev.is_null() && (*prev).recovered && (*prev).typ == typ && (*prev).data == data;
        p.write(Panic {
            typ,
            data,
            link: prev,
            recovered: false,
            aborted: false,
            repanicked,
        });
        (*g).panic = p as usize;
        loop {
            let d = (*g).defer as *mut Defer;
            if d.is_null() {
                return;
            }
            if (*d).rangefunc {
                deferconvert(g, d);
                continue;
            }
            if (*d).started {
                // The deferred call this record stands for was running when the new panic
                // started: the earlier panic is aborted and the record is dropped.
                if !(*d).panic.is_null() {
                    (*(*d).panic).aborted = true;
                }
                (*g).defer = (*d).link as usize;
                continue;
            }
            (*d).started = true;
            (*d).panic = p;
            call_deferred((*d).fv, true);
            // The call returned: unlink its record (it is still on top of the list).
            (*g).defer = (*d).link as usize;
            if (*p).recovered {
                // The panic is over; earlier panics it aborted are over too.
                let mut q = (*p).link;
                while !q.is_null() && (*q).aborted {
                    q = (*q).link;
                }
                (*g).panic = q as usize;
                crate::rterror::PENDING_SIGNAL = None;
                resume((*d).frame);
            }
        }
    }
}

/// `runtime.Goexit`'s part: runs every pending deferred call of the goroutine, newest first.
/// No panic is active for them, so `recover` returns nil.
///
/// # Safety
/// Called on the exiting goroutine.
pub unsafe fn run_goexit_defers() {
    let g = g();
    loop {
        let d = (*g).defer as *mut Defer;
        if d.is_null() {
            return;
        }
        if (*d).started {
            (*g).defer = (*d).link as usize;
            continue;
        }
        (*d).started = true;
        call_deferred((*d).fv, false);
        (*g).defer = (*d).link as usize;
    }
}

/// The panics of the current goroutine, oldest first, for printing (gc's printpanics).
///
/// # Safety
/// Called while panicking.
pub unsafe fn panic_chain(out: &mut [*mut Panic; 16]) -> usize {
    let g = g();
    let mut n = 0;
    // SAFETY: the list holds records made by run_deferred.
    let mut p = unsafe { (*g).panic as *mut Panic };
    while !p.is_null() && n < out.len() {
        out[n] = p;
        n += 1;
        // SAFETY: as above.
        p = unsafe { (*p).link };
    }
    out[..n].reverse();
    n
}

/// `recover()`: `fp` is the frame pointer of the function that called recover. Returns the
/// panic value (as an eface, nil when there is nothing to recover) and marks the panic
/// recovered, but only when recover is called directly by a deferred function that the panic
/// is running, as the spec requires.
///
/// gc's criterion (runtime/panic.go gorecover) is applied to the frame-pointer chain: between
/// the panic's deferred-call trampoline ([`defer_call`]) and recover there must be exactly one
/// frame that is not a compiler-generated wrapper. So `defer f()` through a `deferwrap` thunk
/// recovers in `f`; `defer recover()` (the thunk calls recover itself) recovers nothing; a
/// function called by the deferred function does not recover. Deferred calls that a function
/// runs at its normal return (through `runtime.deferreturn` and [`return_defer_call`]) stand
/// for calls made by that function (gc open-codes them there): the runtime frames between the
/// two trampolines are skipped and the returning function's frame is counted once.
///
/// # Safety
/// `fp` is a frame pointer of the current goroutine's stack.
#[unsafe(export_name = "runtime.gorecover")]
pub unsafe extern "C" fn gorecover(fp: usize) -> Eface {
    let g = g();
    // SAFETY: g's panic list holds records made by run_deferred.
    let p = unsafe { (*g).panic as *mut Panic };
    let none = Eface { typ: 0, data: 0 };
    if p.is_null() || unsafe { (*p).recovered || (*p).aborted } {
        return none;
    }
    // The caller's PC: this function's return address, when its saved frame pointer is `fp`
    // (it always is: compiled code calls it directly).
    let own = crate::panic::current_fp();
    // SAFETY: the runtime keeps frame pointers: [own] is the caller's FP, [own+8] its PC.
    let (saved, mut pc) = unsafe { (*(own as *const usize), *((own + 8) as *const usize)) };
    if saved != fp {
        return none;
    }
    let panic_call = core::ptr::addr_of!(rgo_defer_call_ret) as usize;
    let return_call = core::ptr::addr_of!(rgo_return_defer_call_ret) as usize;
    let deferreturn_ret = core::ptr::addr_of!(rgo_deferreturn_ret) as usize;
    let mut frame = fp;
    let mut counted = 0;
    let mut in_runtime = false;
    for _ in 0..64 {
        if frame == 0 {
            return none;
        }
        if pc == panic_call {
            if in_runtime || counted != 1 {
                return none;
            }
            // SAFETY: p is live.
            unsafe {
                (*p).recovered = true;
                return Eface {
                    typ: (*p).typ as usize,
                    data: (*p).data as usize,
                };
            }
        }
        if pc == return_call {
            in_runtime = true;
        } else if pc == deferreturn_ret {
            if !in_runtime {
                return none;
            }
            in_runtime = false;
            counted += 1;
        } else if !in_runtime && counts_for_recover(pc) {
            counted += 1;
        }
        if counted > 1 {
            return none;
        }
        // SAFETY: as above: [frame] is the caller's frame pointer, [frame+8] its PC.
        unsafe {
            pc = *((frame + 8) as *const usize);
            frame = *(frame as *const usize);
        }
    }
    none
}

/// Whether the frame at `pc` counts as a function between a panic and recover: not a wrapper,
/// and a function of the program, not runtime machinery (rgo's runtime frames on such paths, as
/// `runtime.reflectcall` and its adapters, stand for gc's wrapper-marked assembly).
fn counts_for_recover(pc: usize) -> bool {
    let Some(f) = crate::symtab::find_func(pc.wrapping_sub(1)) else {
        return false;
    };
    if f.func_id() == crate::symtab::FUNC_ID_WRAPPER {
        return false;
    }
    let name = f.name();
    name.contains(&b'.') && !name.starts_with(b"_") && !name.starts_with(b"runtime.")
}

/// An empty interface in rax:rdx.
#[repr(C)]
pub struct Eface {
    pub typ: usize,
    pub data: usize,
}

unsafe extern "C" {
    #[link_name = "runtime.exctab"]
    static EXCTAB: [usize; 0];
    #[link_name = "runtime.eexctab"]
    static EEXCTAB: [usize; 0];
}

/// Resumes the outer function whose frame pointer is `frame` at the landing pad of the try_call
/// in progress in that frame (of the body, or of `runtime.deferreturn` when a deferred call run
/// at the frame's normal return panicked and a later one recovered).
///
/// # Safety
/// `frame` belongs to a live frame of the current goroutine below the current one.
unsafe fn resume(frame: usize) -> ! {
    // Find the frame whose saved FP is `frame`: its return address points into `frame`'s
    // function, just after the try_call.
    let mut fp = crate::panic::current_fp();
    let mut ret = 0usize;
    for _ in 0..100_000 {
        if fp == 0 {
            break;
        }
        // SAFETY: frame-pointer chain of the current stack (see gorecover).
        let (next, ra) = unsafe { (*(fp as *const usize), *((fp + 8) as *const usize)) };
        if next == frame {
            ret = ra;
            break;
        }
        fp = next;
    }
    // The linker-made table of 3-word records.
    let (mut e, end) = (
        core::ptr::addr_of!(EXCTAB) as *const usize,
        core::ptr::addr_of!(EEXCTAB) as *const usize,
    );
    while e < end {
        // SAFETY: within the table.
        let (pc, pad, frame_off) = unsafe { (*e, *e.add(1), *e.add(2)) };
        if pc == ret {
            // SAFETY: restores the frame the landing pad expects and jumps there.
            unsafe { resume_at(frame - frame_off, frame, pad, g()) }
        }
        // SAFETY: within the table.
        e = unsafe { e.add(3) };
    }
    crate::panic::throw(b"recover: no landing pad for the recovering frame")
}

/// Switches to stack pointer `sp` and frame pointer `fp`, sets r15 = g and jumps to `pc`.
#[unsafe(naked)]
unsafe extern "C" fn resume_at(sp: usize, fp: usize, pc: usize, g: *mut G) -> ! {
    naked_asm!("mov rsp, rdi", "mov rbp, rsi", "mov r15, rcx", "jmp rdx")
}
