//! Run-time errors, the `panic` builtin and tracebacks (reference §11). There is no defer or
//! recover yet, so every panic is fatal: print gc's text, the goroutine's frames, exit 2.

use crate::iface;
use crate::print::{self, bytes};
use crate::start::getg;
use crate::symtab;
use crate::sys;
use crate::types::{self, Type};
use core::arch::asm;

/// Guards against a panic while printing a panic (e.g. a fault in the traceback itself).
static mut PANICKING: u32 = 0;

fn enter_panic() {
    // SAFETY: single thread; a nested entry means the runtime itself is broken.
    unsafe {
        PANICKING += 1;
        if PANICKING > 1 {
            bytes(b"panic during panic\n");
            sys::exit(2);
        }
    }
}

/// Frame pointer of the caller of this function (a frame of the runtime).
#[inline(always)]
pub fn current_fp() -> usize {
    let fp: usize;
    // SAFETY: reads rbp; the runtime is built with frame pointers forced on.
    unsafe { asm!("mov {}, rbp", out(reg) fp, options(nomem, nostack, preserves_flags)) };
    fp
}

/// gc's showframe for the default GOTRACEBACK: Go functions (the name has a '.') except
/// unexported runtime ones (`runtime.Goexit` stays visible). Symbols of the Rust runtime that a
/// linker may list in the pclntab (`_ZN…`, `memmove`) are hidden as runtime frames too.
fn show_frame(name: &[u8]) -> bool {
    if !name.contains(&b'.') || name.first() == Some(&b'_') {
        return false;
    }
    match name.strip_prefix(b"runtime.") {
        Some(rest) => rest.first().is_some_and(|c| c.is_ascii_uppercase()),
        None => true,
    }
}

/// showframe plus gc's rule that compiler-generated wrappers (funcID wrapper: `-fm`, method
/// wrappers, `gowrapN` thunks) are elided.
/// `panicked` says whether the frame's callee is where the panic started (the walk's innermost
/// frame: the caller of gopanic, a runtime error function or a faulting instruction) or a
/// gopanic frame: gc keeps a wrapper frame whose callee is gopanic/sigpanic/panicwrap
/// (elideWrapperCalling), e.g. `main.main.gowrap1()` for `go panic(x)`.
fn show_func(f: &symtab::FuncInfo, panicked: bool) -> bool {
    // A gopanic frame below a deferred call that panicked again is shown (as `panic`), as gc
    // does for every gopanic frame except the innermost, which the walk never visits.
    if f.name() == b"runtime.gopanic" {
        return true;
    }
    if f.func_id() == symtab::FUNC_ID_WRAPPER {
        return panicked;
    }
    show_frame(f.name())
}

/// Calls `visit(f, frame, shown)` for each frame with gc's showframe decision.
fn walk_shown(pc: usize, fp: usize, mut visit: impl FnMut(&symtab::FuncInfo, &Frame, bool)) {
    let mut panicked = true;
    walk_frames(pc, fp, |f, frame| {
        let shown = show_func(f, panicked);
        panicked = f.name() == b"runtime.gopanic";
        visit(f, frame, shown);
    });
}

/// gc's printArgs: the argument words the function's ArgInfo funcdata describes, read from the
/// frame's argument spill slot (the blob's trailer after 0xff gives its offset from the frame
/// pointer; midend lower/arginfo.rs). Offsets, `{`/`}`, `...` and `_` as gc; no `?`: rgo's
/// spill slots always hold the values at entry.
fn print_args(f: &symtab::FuncInfo, fp: usize) {
    const END_SEQ: u8 = 0xff;
    const START_AGG: u8 = 0xfe;
    const END_AGG: u8 = 0xfd;
    const DOTDOTDOT: u8 = 0xfc;
    const OFFSET_TOO_LARGE: u8 = 0xfb;
    /// gc's abi.TraceArgsMaxLen.
    const MAX_LEN: usize = (5 * 3 + 2) * 10 + 1;
    let p = f.funcdata(symtab::FUNCDATA_ARG_INFO);
    if p.is_null() || fp == 0 {
        return;
    }
    // SAFETY: the linker wrote an ArgInfo blob of at most MAX_LEN bytes ending in 0xff, then the
    // i32 trailer.
    let at = |i: usize| unsafe { *p.add(i) };
    let Some(end) = (0..MAX_LEN).find(|&i| at(i) == END_SEQ) else {
        return;
    };
    // rgo's extension after the end marker: by-reference parameters, then the slot's offset
    // from the frame pointer (midend lower/arginfo.rs).
    let nind = at(end + 1) as usize;
    let ind = end + 2;
    // SAFETY: the trailer follows the table.
    let fp_off = unsafe { (p.add(ind + 4 * nind) as *const i32).read_unaligned() };
    let argp = fp.wrapping_add(fp_off as isize as usize);
    // The address of argument byte `o`: in the slot, or in the memory a by-reference
    // parameter's pointer (kept in the slot) names.
    let addr = |o: usize| -> usize {
        for k in 0..nind {
            let (lo, size) = (at(ind + 4 * k) as usize, at(ind + 4 * k + 1) as usize);
            if o >= lo && o < lo + size {
                let slot = at(ind + 4 * k + 2) as usize | (at(ind + 4 * k + 3) as usize) << 8;
                // SAFETY: the slot holds the parameter's pointer at `slot`.
                let base = unsafe { *((argp + slot) as *const usize) };
                return base + (o - lo);
            }
        }
        argp + o
    };
    let mut start = true;
    let comma = |start: bool| {
        if !start {
            bytes(b", ");
        }
    };
    let mut i = 0;
    while i < end {
        let o = at(i);
        i += 1;
        match o {
            START_AGG => {
                comma(start);
                bytes(b"{");
                start = true;
                continue;
            }
            END_AGG => bytes(b"}"),
            DOTDOTDOT => {
                comma(start);
                bytes(b"...");
            }
            OFFSET_TOO_LARGE => {
                comma(start);
                bytes(b"_");
            }
            _ => {
                comma(start);
                let sz = at(i);
                i += 1;
                // SAFETY: the spill slot covers every described offset plus 8 bytes; a
                // by-reference parameter's memory covers its described words.
                let mut x = unsafe { (addr(o as usize) as *const u64).read_unaligned() };
                if sz < 8 {
                    let shift = 64 - u32::from(sz) * 8;
                    x = x << shift >> shift;
                }
                print::hex(x);
            }
        }
        start = false;
    }
}

/// `panic_rec`: for a gopanic frame, the panic it runs, whose value gc prints as gopanic's
/// argument (`panic({0x4a2b40?, 0x4e1d28?})`, the words of the eface, `?` as gc marks words of
/// a frame it cannot vouch for).
fn print_frame(f: &symtab::FuncInfo, frame: &Frame, panic_rec: *const crate::defers::Panic) {
    let (pc, lookup_pc) = (frame.pc, frame.lookup_pc);
    let (file, line) = f.file_line(lookup_pc);
    // The body of a function with defers is compiled separately from its (wrapper, hidden)
    // entry point; it is shown under the function's own name.
    let name = f.name();
    let name = if name == b"runtime.gopanic" {
        b"panic"
    } else {
        name.strip_suffix(b".deferbody").unwrap_or(name)
    };
    print_func_name(name);
    bytes(b"(");
    if panic_rec.is_null() {
        print_args(f, frame.fp);
    } else {
        // SAFETY: a record of the goroutine's panic list.
        let p = unsafe { &*panic_rec };
        bytes(b"{");
        print::hex(p.typ as u64);
        bytes(b"?, ");
        print::hex(p.data as u64);
        bytes(b"?}");
    }
    bytes(b")\n\t");
    bytes(file);
    bytes(b":");
    print::int(line as i64);
    bytes(b" +");
    print::hex((pc - f.entry) as u64);
    bytes(b"\n");
}

/// Prints a function's symbol name as gc's tracebacks show it (funcNameForPrint): the type
/// arguments of an instance of generic code are elided, `main.Max[int]` → `main.Max[...]`,
/// `main.(*Box[int]).Get` → `main.(*Box[...]).Get`.
pub fn print_func_name(name: &[u8]) {
    let (a, b, c) = func_name_pieces(name);
    bytes(a);
    bytes(b);
    bytes(c);
}

/// gc's funcNamePiecesForPrint: everything from the first `[` to the last `]` becomes `[...]`.
pub fn func_name_pieces(name: &[u8]) -> (&[u8], &'static [u8], &[u8]) {
    let Some(i) = name.iter().position(|&c| c == b'[') else {
        return (name, b"", b"");
    };
    match name.iter().rposition(|&c| c == b']') {
        Some(j) if j > i => (&name[..i], b"[...]", &name[j + 1..]),
        _ => (name, b"", b""),
    }
}

/// One frame of a walk: the PC in it (a return address or the faulting PC), the PC whose line
/// the frame shows (a call's return address minus one: the call), and the frame pointer the
/// function set up (0 if unknown).
pub(crate) struct Frame {
    pub pc: usize,
    pub lookup_pc: usize,
    pub fp: usize,
}

/// Calls `visit(func, frame)` for every frame of the current goroutine found in the pclntab,
/// innermost first. `pc` (if nonzero) is a faulting PC whose frame pointer is `fp`; otherwise
/// the walk starts at the return address stored above `fp`.
pub(crate) fn walk_frames(
    pc: usize,
    mut fp: usize,
    mut visit: impl FnMut(&symtab::FuncInfo, &Frame),
) {
    let g = getg();
    // SAFETY: g is goroutine 1 (or null before start-up completed).
    let (lo, hi) = if g.is_null() {
        (0, usize::MAX)
    } else {
        unsafe { ((*g).stack.lo, (*g).stack.hi) }
    };
    let mut callee_sigpanic = false;
    if pc != 0
        && let Some(f) = symtab::find_func(pc)
    {
        callee_sigpanic = f.name() == b"runtime.sigpanic";
        visit(
            &f,
            &Frame {
                pc,
                lookup_pc: pc,
                fp,
            },
        );
    }
    while fp != 0 && fp >= lo && fp < hi && fp.is_multiple_of(8) {
        // SAFETY: fp lies inside the goroutine stack; every frame stores [saved rbp, return pc].
        let (next, ret) = unsafe { (*(fp as *const usize), *((fp + 8) as *const usize)) };
        if ret == 0 {
            break;
        }
        if let Some(f) = symtab::find_func(ret) {
            // The return address follows the call; the call's line is the one at pc - 1. Above
            // runtime.sigpanic the "return address" is the faulting instruction itself (the
            // signal handler made the fault call sigpanic), whose own line is the one wanted,
            // as gc's traceback does for a sigpanic callee. The caller's own frame pointer is
            // the one saved in this frame.
            let lookup_pc = if callee_sigpanic { ret } else { ret - 1 };
            callee_sigpanic = f.name() == b"runtime.sigpanic";
            let fp = if next > fp { next } else { 0 };
            visit(
                &f,
                &Frame {
                    pc: ret,
                    lookup_pc,
                    fp,
                },
            );
        }
        if next <= fp {
            break; // frames must move toward the stack top; anything else is corruption
        }
        fp = next;
    }
}

/// gc's traceback limits: at most 50 innermost and 50 outermost frames are printed.
const INNER_FRAMES: usize = 50;
const OUTER_FRAMES: usize = 50;

/// Prints the current goroutine's frames like gc's default traceback: runtime frames hidden
/// (unless nothing else would be printed), long stacks cut to the first and last 50 frames.
pub fn traceback(pc: usize, fp: usize) {
    let mut show_runtime = false;
    let mut total = 0;
    walk_shown(pc, fp, |_, _, shown| total += shown as usize);
    if total == 0 {
        show_runtime = true;
        walk_frames(pc, fp, |_, _| total += 1);
    }
    // The gopanic frames on the stack, innermost first, belong to the newest panics of the
    // goroutine's list except possibly the newest one, whose own gopanic frame is the walk's
    // start and is not visited: align the frames with the list from its oldest end.
    let mut panics = [core::ptr::null_mut(); 16];
    // SAFETY: reads the current goroutine's panic list.
    let npanics = unsafe { crate::defers::panic_chain(&mut panics) };
    let mut ngopanic = 0;
    walk_frames(pc, fp, |f, _| {
        ngopanic += (f.name() == b"runtime.gopanic") as usize
    });
    let mut gopanic_seen = 0;
    let mut index = 0;
    walk_shown(pc, fp, |f, frame, shown| {
        // The panic this gopanic frame runs (oldest-first index into `panics`).
        let mut panic_rec: *mut crate::defers::Panic = core::ptr::null_mut();
        if f.name() == b"runtime.gopanic" {
            if ngopanic <= npanics {
                panic_rec = panics[ngopanic - 1 - gopanic_seen];
            }
            gopanic_seen += 1;
        }
        if !show_runtime && !shown {
            return;
        }
        let outer_start = total.saturating_sub(OUTER_FRAMES).max(INNER_FRAMES);
        if index == INNER_FRAMES && total > INNER_FRAMES + OUTER_FRAMES {
            bytes(b"...");
            print::uint((total - INNER_FRAMES - OUTER_FRAMES) as u64);
            bytes(b" frames elided...\n");
        }
        if index < INNER_FRAMES || index >= outer_start {
            print_frame(f, frame, panic_rec);
        }
        index += 1;
    });
}

/// `goroutine N [running]:`. Fatal errors (gc's throw) raise the traceback level, which adds
/// the g and m addresses: `goroutine 1 gp=0x… m=0 mp=0x… [running]:`.
fn goroutine_header(fatal: bool) {
    bytes(b"\ngoroutine ");
    let g = getg();
    // SAFETY: g and its m are valid after start-up.
    unsafe {
        print::uint(if g.is_null() { 1 } else { (*g).goid });
        if fatal && !g.is_null() {
            bytes(b" gp=");
            print::hex(g as u64);
            bytes(b" m=");
            let m = (*g).m;
            if m.is_null() {
                bytes(b"nil");
            } else {
                print::int((*m).id);
                bytes(b" mp=");
                print::hex(m as u64);
            }
        }
    }
    bytes(b" [running]:\n");
}

/// Prints the header, traceback from the caller's frame, and exits 2.
fn finish(fp: usize, fatal: bool) -> ! {
    goroutine_header(fatal);
    traceback(0, fp);
    // SAFETY: the current goroutine is valid.
    unsafe { crate::sched::print_created_by(getg()) };
    others(fatal);
    sys::exit(2)
}

/// gc's gotraceback `all`: the other goroutines are listed after a runtime throw (`runtime`,
/// true) and, for any crash, with GOTRACEBACK=all, system or crash (2 = system).
fn others(runtime_throw: bool) {
    let env = |v: &[u8]| crate::start::env_is(b"GOTRACEBACK", v);
    let level2 = runtime_throw || env(b"system") || env(b"crash") || env(b"2");
    if level2 || env(b"all") || env(b"1") {
        crate::sched::traceback_others(level2);
    }
}

/// `panic: runtime error: <msg>` raised by a runtime function called from Go code.
#[inline(never)]
pub fn runtime_error(msg: &[u8]) -> ! {
    runtime_error_parts(&[msg])
}

/// `panic: runtime error: ` followed by the concatenation of `parts` (a runtime errorString).
#[inline(never)]
pub fn runtime_error_parts(parts: &[&[u8]]) -> ! {
    // A Go panic with an errorString value (recoverable); this returns only before the
    // runtime overlay's types are initialised.
    crate::rterror::runtime_error(parts);
    let fp = current_fp();
    enter_panic();
    bytes(b"panic: runtime error: ");
    parts.iter().for_each(|p| bytes(p));
    bytes(b"\n");
    finish(fp, false)
}

/// A panic whose value is a plain (non-runtime.Error) message, e.g. `assignment to entry in nil map`.
#[inline(never)]
pub fn plain_panic(msg: &[u8]) -> ! {
    plain_panic_parts(&[msg])
}

/// A panic whose value prints as the concatenation of `parts` with no `runtime error: ` prefix:
/// gc's plainError and TypeAssertionError values.
#[inline(never)]
pub fn plain_panic_parts(parts: &[&[u8]]) -> ! {
    crate::rterror::plain_error(parts);
    let fp = current_fp();
    enter_panic();
    bytes(b"panic: ");
    parts.iter().for_each(|p| bytes(p));
    bytes(b"\n");
    finish(fp, false)
}

/// `fatal error: <msg>` (gc's throw): unrecoverable runtime failure.
#[inline(never)]
pub fn throw(msg: &[u8]) -> ! {
    throw_parts(&[msg])
}

/// gc's `fatal`: an unrecoverable error caused by the program (`fatal error: <msg>`, plain
/// goroutine header).
#[inline(never)]
pub fn fatal(msg: &[u8]) -> ! {
    let fp = current_fp();
    enter_panic();
    bytes(b"fatal error: ");
    bytes(msg);
    bytes(b"\n");
    finish(fp, false)
}

/// throw with a message made of several pieces.
#[inline(never)]
pub fn throw_parts(parts: &[&[u8]]) -> ! {
    let fp = current_fp();
    enter_panic();
    bytes(b"fatal error: ");
    parts.iter().for_each(|p| bytes(p));
    bytes(b"\n");
    finish(fp, true)
}

/// How a synchronous signal is reported (decided by the handler like gc's sigpanic).
pub enum SigCrash {
    /// A Go panic with this value text (`runtime error: …`).
    Panic(&'static [u8]),
    /// A fault at a non-nil address: `unexpected fault address` + `fatal error: fault`.
    Fault,
    /// A signal gc does not turn into a panic.
    Unexpected,
    /// A fault in the guard area below the goroutine stack (sp at the fault).
    StackOverflow { sp: usize },
}

/// Signal-originated crash. `sig_line` prints gc's `[signal …]` line.
pub fn signal_crash(sig_line: &dyn Fn(), kind: SigCrash, fault: usize, pc: usize, fp: usize) -> ! {
    enter_panic();
    let fatal = !matches!(kind, SigCrash::Panic(_));
    match kind {
        SigCrash::Panic(t) => {
            bytes(b"panic: ");
            bytes(t);
            bytes(b"\n");
        }
        SigCrash::Fault => {
            bytes(b"unexpected fault address ");
            print::hex(fault as u64);
            bytes(b"\nfatal error: fault\n");
        }
        SigCrash::Unexpected => bytes(b"fatal error: unexpected signal during runtime execution\n"),
        SigCrash::StackOverflow { sp } => {
            let g = getg();
            // SAFETY: g is live after start-up (the handler checked the fault against its stack).
            let (lo, hi) = unsafe { ((*g).stack.lo, (*g).stack.hi) };
            bytes(b"runtime: goroutine stack exceeds 1000000000-byte limit\nruntime: sp=");
            print::hex(sp as u64);
            bytes(b" stack=[");
            print::hex(lo as u64);
            bytes(b", ");
            print::hex(hi as u64);
            bytes(b"]\nfatal error: stack overflow\n\nruntime stack:\n");
            goroutine_header(true);
            traceback(pc, fp);
            // SAFETY: the current goroutine is valid.
            unsafe { crate::sched::print_created_by(getg()) };
            others(true);
            sys::exit(2)
        }
    }
    sig_line();
    goroutine_header(fatal);
    traceback(pc, fp);
    // SAFETY: the current goroutine is valid.
    unsafe { crate::sched::print_created_by(getg()) };
    others(fatal);
    sys::exit(2)
}

// ---- bounds errors (runtime/error.go boundsError) ---------------------------------------------

#[derive(Clone, Copy)]
enum Bounds {
    Index,
    SliceAlen,
    SliceAcap,
    SliceB,
    Slice3Alen,
    Slice3Acap,
    Slice3B,
    Slice3C,
    Convert,
}

/// Message pieces: text, %x or %y, text, … ; `X`/`Y` stand for the operands.
fn bounds_fmt(code: Bounds, negative: bool) -> &'static [&'static [u8]] {
    const X: &[u8] = b"%x";
    const Y: &[u8] = b"%y";
    use Bounds::*;
    if negative {
        return match code {
            Index => &[b"index out of range [", X, b"]"],
            SliceAlen | SliceAcap => &[b"slice bounds out of range [:", X, b"]"],
            SliceB => &[b"slice bounds out of range [", X, b":]"],
            Slice3Alen | Slice3Acap => &[b"slice bounds out of range [::", X, b"]"],
            Slice3B => &[b"slice bounds out of range [:", X, b":]"],
            Slice3C => &[b"slice bounds out of range [", X, b"::]"],
            Convert => &[
                b"cannot convert slice with length ",
                Y,
                b" to array or pointer to array with length ",
                X,
            ],
        };
    }
    match code {
        Index => &[b"index out of range [", X, b"] with length ", Y],
        SliceAlen => &[b"slice bounds out of range [:", X, b"] with length ", Y],
        SliceAcap => &[b"slice bounds out of range [:", X, b"] with capacity ", Y],
        SliceB => &[b"slice bounds out of range [", X, b":", Y, b"]"],
        Slice3Alen => &[b"slice bounds out of range [::", X, b"] with length ", Y],
        Slice3Acap => &[b"slice bounds out of range [::", X, b"] with capacity ", Y],
        Slice3B => &[b"slice bounds out of range [:", X, b":", Y, b"]"],
        Slice3C => &[b"slice bounds out of range [", X, b":", Y, b":]"],
        Convert => &[
            b"cannot convert slice with length ",
            Y,
            b" to array or pointer to array with length ",
            X,
        ],
    }
}

#[inline(never)]
fn bounds_panic(code: Bounds, x: i64, signed: bool, y: i64, fp: usize) -> ! {
    crate::rterror::bounds_error(x, y, signed, code as u8);
    enter_panic();
    bytes(b"panic: runtime error: ");
    for piece in bounds_fmt(code, signed && x < 0) {
        match *piece {
            b"%x" => {
                if signed {
                    print::int(x)
                } else {
                    print::uint(x as u64)
                }
            }
            b"%y" => print::int(y),
            text => bytes(text),
        }
    }
    bytes(b"\n");
    finish(fp, false)
}

macro_rules! bounds_fns {
    ($($signed:literal $unsigned:literal $code:ident),* $(,)?) => {$(
        #[unsafe(export_name = $signed)]
        #[inline(never)]
        pub extern "C" fn $code(x: i64, y: i64) -> ! {
            bounds_panic(Bounds::$code, x, true, y, current_fp())
        }
        const _: () = {
            #[unsafe(export_name = $unsigned)]
            #[inline(never)]
            extern "C" fn unsigned(x: u64, y: i64) -> ! {
                bounds_panic(Bounds::$code, x as i64, false, y, current_fp())
            }
        };
    )*};
}

#[allow(non_snake_case)]
mod bounds_exports {
    use super::*;
    bounds_fns! {
        "runtime.goPanicIndex" "runtime.goPanicIndexU" Index,
        "runtime.goPanicSliceAlen" "runtime.goPanicSliceAlenU" SliceAlen,
        "runtime.goPanicSliceAcap" "runtime.goPanicSliceAcapU" SliceAcap,
        "runtime.goPanicSliceB" "runtime.goPanicSliceBU" SliceB,
        "runtime.goPanicSlice3Alen" "runtime.goPanicSlice3AlenU" Slice3Alen,
        "runtime.goPanicSlice3Acap" "runtime.goPanicSlice3AcapU" Slice3Acap,
        "runtime.goPanicSlice3B" "runtime.goPanicSlice3BU" Slice3B,
        "runtime.goPanicSlice3C" "runtime.goPanicSlice3CU" Slice3C,
    }
}

/// goPanicSliceConvert(x = array length, y = slice length), as gc's boundsConvert.
#[unsafe(export_name = "runtime.goPanicSliceConvert")]
#[inline(never)]
pub extern "C" fn go_panic_slice_convert(x: i64, y: i64) -> ! {
    bounds_panic(Bounds::Convert, x, true, y, current_fp())
}

#[unsafe(export_name = "runtime.panicdivide")]
#[inline(never)]
pub extern "C" fn panicdivide() -> ! {
    runtime_error(b"integer divide by zero")
}

#[unsafe(export_name = "runtime.panicshift")]
#[inline(never)]
pub extern "C" fn panicshift() -> ! {
    runtime_error(b"negative shift amount")
}

#[unsafe(export_name = "runtime.panicmem")]
#[inline(never)]
pub extern "C" fn panicmem() -> ! {
    runtime_error(b"invalid memory address or nil pointer dereference")
}

/// A range-over-func iterator misbehaved (gc's `panicrangestate`, with abi.RF_State values:
/// 0 done, 2 panic, 3 exhausted, 4 missing panic).
#[unsafe(export_name = "runtime.panicrangestate")]
#[inline(never)]
pub extern "C" fn panicrangestate(state: i64) -> ! {
    match state {
        0 => runtime_error(
            b"range function continued iteration after function for loop body returned false",
        ),
        2 => runtime_error(b"range function continued iteration after loop body panic"),
        3 => runtime_error(b"range function continued iteration after whole loop exit"),
        4 => runtime_error(
            b"range function recovered a loop body panic and did not resume panicking",
        ),
        _ => throw(b"unexpected state passed to panicrangestate"),
    }
}

#[unsafe(export_name = "runtime.panicmakeslicelen")]
#[inline(never)]
pub extern "C" fn panicmakeslicelen() -> ! {
    runtime_error(b"makeslice: len out of range")
}

#[unsafe(export_name = "runtime.panicmakeslicecap")]
#[inline(never)]
pub extern "C" fn panicmakeslicecap() -> ! {
    runtime_error(b"makeslice: cap out of range")
}

// ---- panic(v) ---------------------------------------------------------------------------------

/// printpanicval for an eface {typ, data}: builtin basic types print like print(); named basic
/// types as `T(v)`; everything else as `(T) 0xADDR`.
///
/// # Safety
/// (typ, data) must be a valid eface.
pub unsafe fn print_panic_value(typ: *const Type, data: *const u8) {
    if typ.is_null() {
        bytes(b"nil");
        return;
    }
    // SAFETY: typ is a compiler-emitted descriptor.
    let t = unsafe { &*typ };
    let name = t.string();
    let builtin = !name.is_empty() && name == types::basic_kind_name(t.kind);
    // SAFETY: data points to a value of type t for non-direct-iface kinds (all basic kinds).
    unsafe {
        let is_basic = !types::basic_kind_name(t.kind).is_empty();
        if !is_basic {
            bytes(b"(");
            bytes(name);
            bytes(b") ");
            print::hex(data as u64);
            return;
        }
        if t.kind == types::KIND_STRING {
            let s = data as *const (*const u8, usize);
            let (p, n) = *s;
            if builtin {
                print::indented(print::raw(p, n));
            } else {
                bytes(name);
                bytes(b"(\"");
                print::indented(print::raw(p, n));
                bytes(b"\")");
            }
            return;
        }
        let complex = t.kind == types::KIND_COMPLEX64 || t.kind == types::KIND_COMPLEX128;
        if !builtin {
            bytes(name);
            if !complex {
                bytes(b"(");
            }
        }
        match t.kind {
            types::KIND_BOOL => bytes(if *data != 0 { b"true" } else { b"false" }),
            types::KIND_INT | types::KIND_INT64 => print::int(*(data as *const i64)),
            types::KIND_INT8 => print::int(*(data as *const i8) as i64),
            types::KIND_INT16 => print::int(*(data as *const i16) as i64),
            types::KIND_INT32 => print::int(*(data as *const i32) as i64),
            types::KIND_UINT | types::KIND_UINT64 | types::KIND_UINTPTR => {
                print::uint(*(data as *const u64))
            }
            types::KIND_UINT8 => print::uint(*data as u64),
            types::KIND_UINT16 => print::uint(*(data as *const u16) as u64),
            types::KIND_UINT32 => print::uint(*(data as *const u32) as u64),
            types::KIND_FLOAT32 => print::float32(*(data as *const f32)),
            types::KIND_FLOAT64 => print::float64(*(data as *const f64)),
            types::KIND_COMPLEX64 => {
                let c = data as *const f32;
                print::complex64(*c, *c.add(1))
            }
            _ => {
                let c = data as *const f64;
                print::complex128(*c, *c.add(1))
            }
        }
        if !builtin && !complex {
            bytes(b")");
        }
    }
}

/// The `panic` builtin. As gc's preprintpanics, a value whose type has `Error() string` (else
/// `String() string`) in its method set prints as the method's result, like a string value.
///
/// # Safety
/// (typ, data) is the eface passed to panic.
#[unsafe(export_name = "runtime.gopanic")]
#[inline(never)]
pub unsafe extern "C" fn gopanic(typ: *const Type, data: *const u8) -> ! {
    let (typ, data) = if typ.is_null() {
        crate::rterror::panic_nil_value().unwrap_or((typ, data))
    } else {
        (typ, data)
    };
    // Deferred calls run first; one of them may recover, and then this never returns.
    // SAFETY: forwarded contract.
    unsafe { crate::defers::run_deferred(typ, data) };
    let fp = current_fp();
    // gc's printpanics: the chain of panics oldest first, each on its own line, later ones
    // indented by a tab; a recovered panic is marked, and a panic that re-panics a recovered
    // value replaces it.
    let mut chain = [core::ptr::null_mut(); 16];
    // SAFETY: called while panicking on this goroutine.
    let n = unsafe { crate::defers::panic_chain(&mut chain) };
    let mut texts: [Option<&'static [u8]>; 16] = [None; 16];
    for (i, p) in chain[..n].iter().enumerate() {
        // The method runs before the panic is marked as being printed: a panic inside it is
        // reported as its own panic rather than as a runtime failure.
        // SAFETY: records made by run_deferred hold Go eface words.
        texts[i] = unsafe { iface::panic_value_text((**p).typ, (**p).data) };
    }
    enter_panic();
    let mut first = true;
    for i in 0..n {
        // SAFETY: as above.
        let p = unsafe { &*chain[i] };
        // SAFETY: as above.
        if i + 1 < n && unsafe { (*chain[i + 1]).repanicked } {
            continue;
        }
        if !first {
            bytes(b"\t");
        }
        first = false;
        // SAFETY: forwarded contract.
        unsafe { print_panic_line(p.typ, p.data, texts[i]) };
        if p.repanicked {
            bytes(b" [recovered, repanicked]");
        } else if p.recovered {
            bytes(b" [recovered]");
        }
        bytes(b"\n");
    }
    if n == 0 {
        // SAFETY: forwarded contract.
        unsafe { print_panic_line(typ, data, iface::panic_value_text(typ, data)) };
        bytes(b"\n");
    }
    // SAFETY: single-threaded runtime state set by the signal handler.
    if let Some((sig, code, addr, pc)) = unsafe { crate::rterror::PENDING_SIGNAL } {
        crate::signal::print_signal_line(sig, code, addr, pc);
    }
    finish(fp, false)
}

/// `panic: <value>` without the newline.
///
/// # Safety
/// (typ, data) is an eface.
unsafe fn print_panic_line(typ: *const Type, data: *const u8, text: Option<&'static [u8]>) {
    if typ.is_null() {
        bytes(b"panic: runtime error: panic called with nil argument");
        return;
    }
    bytes(b"panic: ");
    match text {
        Some(s) => print::indented(s),
        // SAFETY: forwarded contract.
        None => unsafe { print_panic_value(typ, data) },
    }
}

/// Used by the Rust panic handler: an internal bug, reported like gc's throw.
pub fn internal_bug() -> ! {
    throw(b"rgo runtime internal error")
}
