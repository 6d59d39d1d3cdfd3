//! Run-time errors as Go panics.
//!
//! gc's run-time errors are panics whose values have Go types of package runtime
//! (`errorString`, `plainError`, `boundsError`), so deferred calls run and `recover` returns an
//! `error`. rgo's runtime overlay (overlay/runtime/error.go, compiled into every program) defines
//! those types and exposes their descriptors in `runtime.errorTypes`; this module builds values of
//! them and hands them to `gopanic`. The messages then come from their `Error` methods.
//!
//! Faults in Go code (nil dereferences) arrive as signals: the handler makes the faulting
//! goroutine "call" [`sigpanic_stub`] at the faulting PC, so the panic starts on the goroutine's
//! own stack, exactly as gc's sigpanic does, and can be recovered.

use core::arch::naked_asm;
use core::ptr::addr_of;

use crate::malloc;
use crate::types::Type;

unsafe extern "C" {
    /// `[...]any{errorString(""), plainError(""), boundsError{}, errorAddressString{}}` of the
    /// runtime overlay.
    #[link_name = "runtime.errorTypes"]
    static ERROR_TYPES: [usize; 10];
    /// `runtime.godebugEnv` (overlay/runtime/runtime1.go): the current value of GODEBUG.
    #[link_name = "runtime.godebugEnv"]
    static GODEBUG_ENV: crate::strings::GoString;
}

const ERROR_STRING: usize = 0;
const PLAIN_ERROR: usize = 1;
const BOUNDS_ERROR: usize = 2;
const ERROR_ADDRESS_STRING: usize = 3;
const PANIC_NIL_ERROR: usize = 4;

/// The value `panic(nil)` panics with: a `*PanicNilError` (gc since Go 1.21), or nil again
/// with GODEBUG=panicnil=1. The setting is read from the runtime's current GODEBUG, which
/// syscall.Setenv, Unsetenv and Clearenv update (gc re-parses its debug variables then); the
/// last `panicnil=` wins, as in gc's parsing.
pub fn panic_nil_value() -> Option<(*const Type, *const u8)> {
    // SAFETY: a Go string variable of the overlay; empty until runtime.init ran.
    let env = unsafe {
        let s = &*addr_of!(GODEBUG_ENV);
        if s.len == 0 {
            &[][..]
        } else {
            core::slice::from_raw_parts(s.ptr, s.len)
        }
    };
    let panicnil = env
        .split(|&c| c == b',')
        .filter_map(|kv| kv.strip_prefix(b"panicnil="))
        .next_back();
    if panicnil == Some(b"1") {
        return None;
    }
    let t = error_type(PANIC_NIL_ERROR)?;
    // new(PanicNilError): a zero-size object, whose address is the zero-size base.
    Some((t, malloc::mallocgc(0, core::ptr::null(), true)))
}

/// The descriptor of error type `i`, once the overlay's package initialisation has run.
fn error_type(i: usize) -> Option<*const Type> {
    // SAFETY: a global of the overlay package; zero until runtime.init ran.
    let t = unsafe { (*addr_of!(ERROR_TYPES))[2 * i] };
    (t != 0).then_some(t as *const Type)
}

/// Copies `parts` into one runtime-owned string.
fn concat(parts: &[&[u8]]) -> (*const u8, usize) {
    let n: usize = parts.iter().map(|p| p.len()).sum();
    let buf = malloc::persistent_alloc(n.max(1), 1);
    let mut off = 0;
    for p in parts {
        // SAFETY: buf has n bytes; the parts fit exactly.
        unsafe { core::ptr::copy_nonoverlapping(p.as_ptr(), buf.add(off), p.len()) };
        off += p.len();
    }
    (buf, n)
}

/// Panics with a string-typed error value (`errorString` or `plainError`) made of `parts`.
/// Returns if the overlay's types are not available yet (the caller then reports the error
/// without Go semantics).
fn panic_string(kind: usize, parts: &[&[u8]]) {
    let Some(t) = error_type(kind) else { return };
    let (p, n) = concat(parts);
    let hdr = malloc::persistent_alloc(16, 8) as *mut usize;
    // SAFETY: fresh 16-byte string header.
    unsafe {
        *hdr = p as usize;
        *hdr.add(1) = n;
        crate::panic::gopanic(t, hdr as *const u8)
    }
}

/// `panic(errorString(msg))`: the message is printed with the `runtime error: ` prefix.
pub fn runtime_error(parts: &[&[u8]]) {
    panic_string(ERROR_STRING, parts)
}

/// `panic(plainError(msg))`.
pub fn plain_error(parts: &[&[u8]]) {
    panic_string(PLAIN_ERROR, parts)
}

/// `panic(boundsError{x, y, signed, code})` (code in gc's abi.BoundsErrorCode order).
pub fn bounds_error(x: i64, y: i64, signed: bool, code: u8) {
    let Some(t) = error_type(BOUNDS_ERROR) else {
        return;
    };
    let v = malloc::persistent_alloc(24, 8);
    // SAFETY: fresh 24-byte value laid out as struct { x int64; y int; signed bool; code uint8 }.
    unsafe {
        *(v as *mut i64) = x;
        *(v.add(8) as *mut i64) = y;
        *v.add(16) = signed as u8;
        *v.add(17) = code;
        crate::panic::gopanic(t, v)
    }
}

/// gc's panicmemAddr: `panic(errorAddressString{msg, addr})`, the fault of a goroutine that
/// asked for panics on faults (runtime/debug.SetPanicOnFault).
fn panic_mem_addr(msg: &[u8], addr: usize) {
    let Some(t) = error_type(ERROR_ADDRESS_STRING) else {
        return;
    };
    let (p, n) = concat(&[msg]);
    let v = malloc::persistent_alloc(24, 8) as *mut usize;
    // SAFETY: fresh 24-byte value laid out as struct { msg string; addr uintptr }.
    unsafe {
        *v = p as usize;
        *v.add(1) = n;
        *v.add(2) = addr;
        crate::panic::gopanic(t, v as *const u8)
    }
}

/// The signal behind the current panic, printed after the panic value as gc's
/// `[signal SIGSEGV: segmentation violation code=… addr=… pc=…]` line: (signal, code, addr, pc).
pub static mut PENDING_SIGNAL: Option<(i32, i32, usize, usize)> = None;

/// Message of the panic a faulting signal turns into.
static mut SIGPANIC_MSG: &[u8] = b"";

/// The faulting address when the panic is an errorAddressString (SetPanicOnFault), else None.
static mut SIGPANIC_ADDR: Option<usize> = None;

/// Prepares the faulting goroutine (whose registers are in `gregs`) to call the panic with
/// message `msg` as if the faulting instruction had called it.
///
/// # Safety
/// `gregs` is the signal context's general registers; the fault happened in Go code.
pub unsafe fn inject_sigpanic(
    gregs: *mut usize,
    rsp: usize,
    rip: usize,
    msg: &'static [u8],
    fault_addr: Option<usize>,
    info: (i32, i32, usize, usize),
) {
    // SAFETY: single-threaded runtime; read by sigpanic right after the handler returns.
    unsafe {
        PENDING_SIGNAL = Some(info);
        SIGPANIC_MSG = msg;
        SIGPANIC_ADDR = fault_addr;
        let sp = rsp - 8;
        *(sp as *mut usize) = rip;
        *gregs.add(15) = sp;
        *gregs.add(16) = sigpanic_stub as *const () as usize;
    }
}

/// Entered (with the faulting PC as return address) when the signal handler returns: builds a
/// frame, aligns the stack and panics.
#[unsafe(naked)]
#[unsafe(export_name = "runtime.sigpanic")]
unsafe extern "C" fn sigpanic_stub() -> ! {
    naked_asm!(
        "push rbp",
        "mov rbp, rsp",
        "and rsp, -16",
        "call {}",
        "ud2",
        sym sigpanic,
    )
}

extern "C" fn sigpanic() -> ! {
    // SAFETY: set by inject_sigpanic just before.
    let (msg, fault_addr) = unsafe { (SIGPANIC_MSG, SIGPANIC_ADDR) };
    let text = msg.strip_prefix(b"runtime error: ");
    if let (Some(addr), Some(t)) = (fault_addr, text) {
        panic_mem_addr(t, addr);
    }
    match text {
        Some(t) => runtime_error(&[t]),
        None => plain_error(&[msg]),
    }
    crate::panic::throw(msg)
}

/// `unsafe.Slice`/`unsafe.String` argument errors (gc's panicunsafeslicelen and friends): a
/// run-time error with the given message.
///
/// # Safety
/// (p, n) is a string.
#[unsafe(export_name = "runtime.panicunsafe")]
pub unsafe extern "C" fn panicunsafe(p: *const u8, n: usize) -> ! {
    // SAFETY: caller contract.
    let msg = unsafe { core::slice::from_raw_parts(p, n) };
    crate::panic::runtime_error(msg)
}
