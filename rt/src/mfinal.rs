//! Finalizers (gc's mfinal.go): runtime.SetFinalizer records a finalizer for an object; a
//! collection that finds the object unreachable queues the call, keeps the object (and what it
//! references) alive for one more cycle, and the finalizer goroutine runs the queued calls.
//!
//! As documented for gc: the object handed to the finalizer may be resurrected by it (stored
//! somewhere reachable); the finalizer is removed once queued, so it runs at most once unless
//! SetFinalizer is called again. Objects reachable from an object with a finalizer are marked
//! from it (so in a chain A → B both with finalizers, A's runs first and B's only in a later
//! cycle), and an object that references itself is never finalized — gc's rules.
//!
//! runtime.AddCleanup registers a `func()` (the cleanup applied to its argument) to run once the
//! object is unreachable; the object is not kept, and several cleanups may be attached to one
//! object. Cleanups run on the same goroutine as finalizers.
//!
//! The registry lives in metadata memory, which the collector does not scan, so it does not
//! keep objects alive; the mark treats each finalizer's function and the objects the finalized
//! object points to as roots (gc's markrootSpans). Queued calls live in persistent memory,
//! which is scanned, until the finalizer goroutine has run them.

use crate::mbitmap;
use crate::mheap::{self, meta_alloc, meta_free, persistent_alloc};
use crate::panic;
use crate::sched::{self, WaitReason};
use crate::start::{self, G};
use crate::types::{self, InterfaceType, Type};
use core::arch::naked_asm;
use core::ptr::null_mut;

#[derive(Clone, Copy)]
#[repr(C)]
struct Fin {
    obj: usize,
    fv: usize,
    fint: *const Type,
    ot: *const Type,
    /// The finalizer's FuncType; null for a cleanup (AddCleanup), whose `fv` is a `func()`.
    ft: *const Type,
    /// Cleanup id (runtime.Cleanup.id), 0 for finalizers.
    id: u64,
}

static mut FINS: *mut Fin = null_mut();
static mut NFINS: usize = 0;
static mut CAPFINS: usize = 0;

/// A queued finalizer call (in persistent memory, so its pointers keep the object alive).
#[repr(C)]
struct FinCall {
    fin: Fin,
    next: *mut FinCall,
}

static mut FINQ_HEAD: *mut FinCall = null_mut();
static mut FINQ_TAIL: *mut FinCall = null_mut();
static mut FINC_FREE: *mut FinCall = null_mut();
/// The finalizer goroutine (gc's fing), created by the first SetFinalizer.
pub static mut FING: *mut G = null_mut();
static mut FING_WAITING: bool = false;

unsafe fn add_fin(f: Fin) {
    if NFINS == CAPFINS {
        let ncap = (CAPFINS * 2).max(64);
        let n = meta_alloc(ncap * core::mem::size_of::<Fin>()) as *mut Fin;
        if NFINS > 0 {
            core::ptr::copy_nonoverlapping(FINS, n, NFINS);
        }
        meta_free(FINS as *mut u8, CAPFINS * core::mem::size_of::<Fin>());
        FINS = n;
        CAPFINS = ncap;
    }
    *FINS.add(NFINS) = f;
    if !f.ft.is_null() {
        index_insert(f.obj, NFINS);
    }
    NFINS += 1;
}

unsafe fn find_fin(obj: usize) -> Option<usize> {
    let slot = index_slot(obj)?;
    Some((*INDEX.add(slot)).1)
}

unsafe fn remove_fin(i: usize) {
    let f = *FINS.add(i);
    if !f.ft.is_null() {
        index_remove(f.obj);
    }
    NFINS -= 1;
    if i != NFINS {
        let moved = *FINS.add(NFINS);
        *FINS.add(i) = moved;
        if !moved.ft.is_null()
            && let Some(slot) = index_slot(moved.obj)
        {
            (*INDEX.add(slot)).1 = i;
        }
    }
}

// The finalizers' index: object address → position in FINS, an open-addressing table with
// linear probing (gc finds a finalizer through the span's specials list; a linear search of
// the registry made SetFinalizer quadratic: 350,000 finalizers in finprofiled.go took minutes).
// Cleanups are not indexed: several may share an object and they are only found by the sweep.
// Key 0 marks an empty slot; the table is at most half full.
static mut INDEX: *mut (usize, usize) = null_mut();
static mut INDEX_CAP: usize = 0;
static mut INDEX_LEN: usize = 0;

fn index_hash(obj: usize) -> usize {
    // Objects are 8-byte aligned; Fibonacci hashing spreads neighbouring addresses.
    (obj >> 3).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

unsafe fn index_slot(obj: usize) -> Option<usize> {
    if INDEX_LEN == 0 {
        return None;
    }
    let mask = INDEX_CAP - 1;
    let mut i = index_hash(obj) & mask;
    loop {
        let k = (*INDEX.add(i)).0;
        if k == obj {
            return Some(i);
        }
        if k == 0 {
            return None;
        }
        i = (i + 1) & mask;
    }
}

unsafe fn index_insert(obj: usize, at: usize) {
    if (INDEX_LEN + 1) * 2 > INDEX_CAP {
        let old = INDEX;
        let old_cap = INDEX_CAP;
        INDEX_CAP = (old_cap * 2).max(64);
        INDEX =
            meta_alloc(INDEX_CAP * core::mem::size_of::<(usize, usize)>()) as *mut (usize, usize);
        INDEX_LEN = 0;
        for j in 0..old_cap {
            let e = *old.add(j);
            if e.0 != 0 {
                index_insert(e.0, e.1);
            }
        }
        meta_free(
            old as *mut u8,
            old_cap * core::mem::size_of::<(usize, usize)>(),
        );
    }
    let mask = INDEX_CAP - 1;
    let mut i = index_hash(obj) & mask;
    while (*INDEX.add(i)).0 != 0 {
        i = (i + 1) & mask;
    }
    *INDEX.add(i) = (obj, at);
    INDEX_LEN += 1;
}

/// Removes `obj`, shifting later entries of its probe run back so no lookup stops early.
unsafe fn index_remove(obj: usize) {
    let Some(mut hole) = index_slot(obj) else {
        return;
    };
    let mask = INDEX_CAP - 1;
    let mut j = hole;
    loop {
        j = (j + 1) & mask;
        let e = *INDEX.add(j);
        if e.0 == 0 {
            break;
        }
        let home = index_hash(e.0) & mask;
        // The entry may fill the hole unless its home lies cyclically in (hole, j].
        let stays = if hole <= j {
            hole < home && home <= j
        } else {
            hole < home || home <= j
        };
        if !stays {
            *INDEX.add(hole) = e;
            hole = j;
        }
    }
    *INDEX.add(hole) = (0, 0);
    INDEX_LEN -= 1;
}

/// Mark roots for finalizers: each function, and everything each object points to (but not
/// the object itself).
///
/// # Safety
/// Called by the mark with the world stopped.
pub unsafe fn mark_finalizer_roots(grey: &mut dyn FnMut(usize)) {
    for i in 0..NFINS {
        let f = *FINS.add(i);
        grey(f.fv);
        if f.ft.is_null() {
            continue;
        }
        if let Some((base, s, idx)) = mbitmap::find_object(f.obj)
            && !(*s).noscan()
        {
            mbitmap::for_each_pointer_slot(base, s, idx, |slot| grey(*(slot as *const usize)));
        }
    }
}

/// After the mark: queues the finalizers of unreachable objects and marks those objects so
/// they survive this cycle (gc's sweep of finalizer specials). Returns the bytes marked.
///
/// # Safety
/// Called by the mark with the world stopped, after draining.
pub unsafe fn queue_unreachable() -> u64 {
    let mut marked = 0;
    // Finalizers first: their objects are kept, so cleanups on them wait for a later cycle.
    for cleanups in [false, true] {
        let queued_before = FINQ_TAIL;
        let mut i = 0;
        while i < NFINS {
            let f = *FINS.add(i);
            if f.ft.is_null() != cleanups {
                i += 1;
                continue;
            }
            let Some((_, s, idx)) = mbitmap::find_object(f.obj) else {
                remove_fin(i);
                continue;
            };
            if mbitmap::is_marked(s, idx) {
                i += 1;
                continue;
            }
            remove_fin(i);
            let mut f = f;
            if cleanups {
                // The object is freed; the cleanup gets its argument through its closure.
                f.obj = 0;
            }
            enqueue(f);
        }
        if cleanups {
            break;
        }
        // Resurrect the finalized objects only now: several objects of one tiny block may
        // have finalizers, and all of them are queued in the cycle that finds the block
        // unreachable, as gc's sweep of the block's specials does.
        let mut c = if queued_before.is_null() {
            FINQ_HEAD
        } else {
            (*queued_before).next
        };
        while !c.is_null() {
            if let Some((_, s, idx)) = mbitmap::find_object((*c).fin.obj)
                && !mbitmap::test_and_mark(s, idx)
            {
                marked += if (*s).spanclass >> 1 == 0 {
                    ((*s).npages * mheap::PAGE_SIZE) as u64
                } else {
                    (*s).elemsize as u64
                };
            }
            c = (*c).next;
        }
    }
    marked
}

/// Finalizer and cleanup calls queued and run so far (runtime/metrics' /gc/finalizers/* and
/// /gc/cleanups/*).
pub static mut FINALIZERS_QUEUED: u64 = 0;
pub static mut FINALIZERS_EXECUTED: u64 = 0;
pub static mut CLEANUPS_QUEUED: u64 = 0;
pub static mut CLEANUPS_EXECUTED: u64 = 0;

unsafe fn enqueue(f: Fin) {
    if f.ft.is_null() {
        CLEANUPS_QUEUED += 1;
    } else {
        FINALIZERS_QUEUED += 1;
    }
    {
        let c = if FINC_FREE.is_null() {
            persistent_alloc(core::mem::size_of::<FinCall>(), 8) as *mut FinCall
        } else {
            let c = FINC_FREE;
            FINC_FREE = (*c).next;
            c
        };
        (*c).fin = f;
        (*c).next = null_mut();
        if FINQ_TAIL.is_null() {
            FINQ_HEAD = c;
        } else {
            (*FINQ_TAIL).next = c;
        }
        FINQ_TAIL = c;
    }
}

/// After a collection: wakes the finalizer goroutine when calls are queued (gc's wakefing).
pub fn wakefing() {
    // SAFETY: single-threaded; FING is parked when FING_WAITING.
    unsafe {
        if !FINQ_HEAD.is_null() && FING_WAITING && !FING.is_null() {
            FING_WAITING = false;
            sched::ready(FING);
        }
    }
}

/// runtime.finqIdle: whether no finalizer or cleanup call is queued or running (the finalizer
/// goroutine, if any, is parked waiting for work).
#[unsafe(export_name = "runtime.finqIdle")]
pub extern "C" fn finq_idle() -> bool {
    // SAFETY: single-threaded queue state.
    unsafe { FINQ_HEAD.is_null() && (FING.is_null() || FING_WAITING) }
}

/// Calls a Go function with up to three argument words: context in rdi, arguments in rsi,
/// rdx, rcx (the Go convention, docs/abi.md), r15 = g.
#[unsafe(naked)]
unsafe extern "C" fn call_go3(code: usize, ctx: usize, a0: usize, a1: usize, a2: usize, g: *mut G) {
    naked_asm!(
        "push rbp",
        "mov rbp, rsp",
        "push r15",
        "push rbx",
        "mov r15, r9",
        "mov rax, rdi",
        "mov rdi, rsi",
        "mov rsi, rdx",
        "mov rdx, rcx",
        "mov rcx, r8",
        "call rax",
        "pop rbx",
        "pop r15",
        "pop rbp",
        "ret",
    )
}

/// (integer, float) registers a value of type `t` takes when flattened (docs/abi.md).
unsafe fn flat_regs(t: *const Type) -> (usize, usize) {
    let t = &*t;
    match t.kind {
        types::KIND_FLOAT32 | types::KIND_FLOAT64 => (0, 1),
        types::KIND_COMPLEX64 | types::KIND_COMPLEX128 => (0, 2),
        types::KIND_STRING | types::KIND_INTERFACE => (2, 0),
        types::KIND_SLICE => (3, 0),
        types::KIND_ARRAY => {
            let elem = t.word(48) as *const Type;
            let len = t.word(64);
            let (i, f) = flat_regs(elem);
            (i.saturating_mul(len), f.saturating_mul(len))
        }
        types::KIND_STRUCT => {
            let fields = t.word(56) as *const [usize; 3];
            let n = t.word(64);
            let (mut i, mut f) = (0usize, 0usize);
            for k in 0..n {
                let (a, b) = flat_regs((*fields.add(k))[1] as *const Type);
                i = i.saturating_add(a);
                f = f.saturating_add(b);
            }
            (i, f)
        }
        _ => (1, 0),
    }
}

/// The finalizer goroutine's body (gc's runfinq): runs queued calls, parks when none is left.
extern "C" fn runfinq(_ctx: usize) {
    loop {
        // SAFETY: single-threaded queue; descriptors were validated by SetFinalizer.
        unsafe {
            while !FINQ_HEAD.is_null() {
                let c = FINQ_HEAD;
                FINQ_HEAD = (*c).next;
                if FINQ_HEAD.is_null() {
                    FINQ_TAIL = null_mut();
                }
                let f = (*c).fin;
                (*c).fin = Fin {
                    obj: 0,
                    fv: 0,
                    fint: core::ptr::null(),
                    ot: core::ptr::null(),
                    ft: core::ptr::null(),
                    id: 0,
                };
                (*c).next = FINC_FREE;
                FINC_FREE = c;
                call_finalizer(f);
            }
            FING_WAITING = true;
        }
        sched::park(WaitReason::FinalizerWait);
    }
}

unsafe fn call_finalizer(f: Fin) {
    let ft = f.ft;
    if ft.is_null() {
        CLEANUPS_EXECUTED += 1;
    } else {
        FINALIZERS_EXECUTED += 1;
    }
    if ft.is_null() {
        // A cleanup: a func() closure.
        call_go3(*(f.fv as *const usize), f.fv, 0, 0, 0, start::getg());
        return;
    }
    let (a0, a1) = if (*f.fint).kind == types::KIND_INTERFACE {
        let it = f.fint as *const InterfaceType;
        if (*it).mlen == 0 {
            (f.ot as usize, f.obj)
        } else {
            (crate::iface::assert_e2i(it, f.ot) as usize, f.obj)
        }
    } else {
        (f.obj, 0)
    };
    // Results that do not fit in registers are returned through a pointer passed first.
    let (mut ri, mut rf) = (0usize, 0usize);
    let mut rsize = 0usize;
    {
        for t in out_params(ft) {
            let (a, b) = flat_regs(t);
            ri = ri.saturating_add(a);
            rf = rf.saturating_add(b);
            rsize = rsize.saturating_add((*t).size + 8);
        }
    }
    let code = *(f.fv as *const usize);
    let g = start::getg();
    if ri > 8 || rf > 8 {
        let buf = crate::malloc::mallocgc(rsize, core::ptr::null(), true);
        call_go3(code, f.fv, buf as usize, a0, a1, g);
    } else {
        call_go3(code, f.fv, a0, a1, 0, g);
    }
}

/// The result types of a FuncType (gc's FuncType.OutSlice).
unsafe fn out_params(ft: *const Type) -> impl Iterator<Item = *const Type> {
    let (params, nin, nout) = func_params(ft);
    (nin..nin + nout).map(move |i| *params.add(i))
}

/// (params array, in count, out count) of a FuncType.
unsafe fn func_params(ft: *const Type) -> (*const *const Type, usize, usize) {
    let base = ft as *const u8;
    let in_count = *(base.add(48) as *const u16) as usize;
    let out_count = (*(base.add(50) as *const u16) & 0x7fff) as usize;
    let mut off = 56;
    if (*ft).tflag & types::TFLAG_UNCOMMON != 0 {
        off += 16;
    }
    (base.add(off) as *const *const Type, in_count, out_count)
}

fn throw_types(prefix: &[u8], a: *const Type, mid: &[u8], b: *const Type, suffix: &[u8]) -> ! {
    // SAFETY: descriptors from interface values.
    let (sa, sb) = unsafe { ((*a).string(), b.as_ref().map_or(&b""[..], |t| t.string())) };
    panic::throw_parts(&[prefix, sa, mid, sb, suffix])
}

/// `runtime.setfinalizer(obj any, finalizer any)` (overlay/runtime/extern.go's SetFinalizer):
/// gc's SetFinalizer checks and registration.
///
/// # Safety
/// The words are two interface values.
#[unsafe(export_name = "runtime.setfinalizer")]
pub unsafe extern "C" fn set_finalizer(et: *const Type, p: usize, ft: *const Type, fv: usize) {
    if et.is_null() {
        panic::throw(b"runtime.SetFinalizer: first argument is nil");
    }
    if (*et).kind != types::KIND_POINTER {
        throw_types(
            b"runtime.SetFinalizer: first argument is ",
            et,
            b", not pointer",
            core::ptr::null(),
            b"",
        );
    }
    let elem = (*et).word(48) as *const Type;
    let Some((base, _, _)) = mbitmap::find_object(p) else {
        // Globals, zero-size objects and nil: never collected, nothing to do (gc's
        // isGoPointerWithoutSpan), or not a heap pointer at all.
        if p == 0 {
            panic::throw(b"runtime.SetFinalizer: pointer not in allocated block");
        }
        return;
    };
    if base != p && (elem.is_null() || (*elem).has_pointers() || (*elem).size >= 16) {
        panic::throw(b"runtime.SetFinalizer: pointer not at beginning of allocated block");
    }
    if ft.is_null() {
        if let Some(i) = find_fin(p) {
            remove_fin(i);
        }
        return;
    }
    if (*ft).kind != types::KIND_FUNC {
        throw_types(
            b"runtime.SetFinalizer: second argument is ",
            ft,
            b", not a function",
            core::ptr::null(),
            b"",
        );
    }
    let variadic = *((ft as *const u8).add(50) as *const u16) & 0x8000 != 0;
    let (params, nin, _) = func_params(ft);
    if variadic {
        throw_types(
            b"runtime.SetFinalizer: cannot pass ",
            et,
            b" to finalizer ",
            ft,
            b" because dotdotdot",
        );
    }
    if nin != 1 {
        throw_types(
            b"runtime.SetFinalizer: cannot pass ",
            et,
            b" to finalizer ",
            ft,
            b"",
        );
    }
    let fint = *params;
    let ok = if core::ptr::eq(fint, et) {
        true
    } else if (*fint).kind == types::KIND_POINTER {
        ((*fint).uncommon().is_none() || (*et).uncommon().is_none())
            && core::ptr::eq((*fint).word(48) as *const Type, elem)
    } else if (*fint).kind == types::KIND_INTERFACE {
        let it = fint as *const InterfaceType;
        (*it).mlen == 0 || !crate::iface::assert_e2i2(it, et).is_null()
    } else {
        false
    };
    if !ok {
        throw_types(
            b"runtime.SetFinalizer: cannot pass ",
            et,
            b" to finalizer ",
            ft,
            b"",
        );
    }
    if find_fin(p).is_some() {
        panic::throw(b"runtime.SetFinalizer: finalizer already set");
    }
    add_fin(Fin {
        obj: p,
        fv,
        fint,
        ot: et,
        ft,
        id: 0,
    });
    createfing();
}

/// Starts the finalizer goroutine on first use (gc's createfing).
unsafe fn createfing() {
    if !FING.is_null() {
        return;
    }
    FING = sched::newproc_system(&RUNFINQ_FV as *const FuncVal as *const usize);
    FING_WAITING = true;
}

#[repr(C)]
struct FuncVal(extern "C" fn(usize));
static RUNFINQ_FV: FuncVal = FuncVal(runfinq);

static mut CLEANUP_ID: u64 = 0;

/// `runtime.addcleanup(ptr, fn)` (overlay/runtime/extern.go's AddCleanup, which wraps the
/// cleanup and its argument in the `func()` closure `fv`): registers the call for when the
/// object `ptr` points into becomes unreachable; returns its id, 0 when `ptr` is not a heap
/// object (never collected: no cleanup).
///
/// # Safety
/// `fv` is a funcval of a Go `func()`.
#[unsafe(export_name = "runtime.addcleanup")]
pub unsafe extern "C" fn add_cleanup(ptr: usize, fv: usize) -> u64 {
    let Some((base, _, _)) = mbitmap::find_object(ptr) else {
        return 0;
    };
    CLEANUP_ID += 1;
    add_fin(Fin {
        obj: base,
        fv,
        fint: core::ptr::null(),
        ot: core::ptr::null(),
        ft: core::ptr::null(),
        id: CLEANUP_ID,
    });
    createfing();
    CLEANUP_ID
}

/// `runtime.stopcleanup(id)`: Cleanup.Stop.
#[unsafe(export_name = "runtime.stopcleanup")]
pub extern "C" fn stop_cleanup(id: u64) {
    if id == 0 {
        return;
    }
    // SAFETY: single-threaded registry.
    unsafe {
        if let Some(i) = (0..NFINS).find(|&i| (*FINS.add(i)).id == id) {
            remove_fin(i);
        }
    }
}
