//! Marking (gc's mgcmark.go): the roots (markroot), the grey-object work list (gcWork) and its
//! drain (gcDrain, scanobject). See the overview at the top of mgc.rs.

use crate::mbitmap;
use crate::mheap::{self, ARENA_START, ARENA_USED, PAGE_SIZE};
use crate::start::{self, G};
use crate::sys;
use core::arch::asm;
use core::ptr::null_mut;

unsafe extern "C" {
    /// Where the runtime's statics start in .noptrdata and .noptrbss (linker-defined).
    #[link_name = "runtime.rtnoptrdata"]
    static RT_NOPTRDATA: u8;
    #[link_name = "runtime.rtnoptrbss"]
    static RT_NOPTRBSS: u8;
}

/// The work list of grey objects (marked, not yet scanned): object base addresses in memory
/// mapped outside the heap, doubled when full.
static mut WBUF: *mut usize = null_mut();
static mut WBUF_CAP: usize = 0;
static mut WBUF_LEN: usize = 0;

/// Bytes of objects marked this cycle (gc's heapMarked) and bytes of roots scanned.
pub static mut HEAP_MARKED: u64 = 0;
pub static mut STACK_SCAN: u64 = 0;
pub static mut GLOBALS_SCAN: u64 = 0;

unsafe fn push(b: usize) {
    if WBUF_LEN == WBUF_CAP {
        let ncap = (WBUF_CAP * 2).max(1 << 16);
        let n = sys::mmap(0, ncap * 8, sys::PROT_READ | sys::PROT_WRITE, 0) as *mut usize;
        if n.is_null() {
            crate::panic::throw(b"runtime: out of memory");
        }
        if WBUF_LEN > 0 {
            core::ptr::copy_nonoverlapping(WBUF, n, WBUF_LEN);
        }
        if !WBUF.is_null() {
            sys::syscall3(sys::SYS_MUNMAP, WBUF as usize, WBUF_CAP * 8, 0);
        }
        WBUF = n;
        WBUF_CAP = ncap;
    }
    *WBUF.add(WBUF_LEN) = b;
    WBUF_LEN += 1;
}

/// gc's greyobject for a word that may be a pointer: marks the object it points into (if any)
/// and queues it for scanning when it holds pointers.
#[inline]
pub(crate) unsafe fn grey(p: usize) {
    if p < ARENA_START || p >= ARENA_USED {
        crate::mgcstack::note(p);
        return;
    }
    let Some((base, s, idx)) = mbitmap::find_object(p) else {
        return;
    };
    if mbitmap::test_and_mark(s, idx) {
        return;
    }
    HEAP_MARKED += if (*s).spanclass >> 1 == 0 {
        ((*s).npages * PAGE_SIZE) as u64
    } else {
        (*s).elemsize as u64
    };
    if !(*s).noscan() {
        push(base);
    }
}

/// gc's scanblock with a conservative mask: every aligned word of [lo, hi) may be a pointer.
///
/// # Safety
/// The range is readable.
pub unsafe fn scan_conservative(lo: usize, hi: usize) {
    let mut a = (lo + 7) & !7;
    while a + 8 <= hi {
        let w = *(a as *const usize);
        grey(w);
        a += 8;
    }
}

/// gc's gcDrain: scans grey objects until none is left.
unsafe fn drain() {
    while WBUF_LEN > 0 {
        WBUF_LEN -= 1;
        let b = *WBUF.add(WBUF_LEN);
        let Some((base, s, idx)) = mbitmap::find_object(b) else {
            continue;
        };
        mbitmap::for_each_pointer_slot(base, s, idx, |slot| grey(*(slot as *const usize)));
    }
}

/// Bytes of g0's stack cleared before each mark: more than the collector's deepest chain of
/// frames.
const G0_CLEAR: usize = 64 << 10;

/// The goroutine whose stack the mark left for the thread's own stack, and its stack
/// pointer there (see [`mark_on_g0`]).
static mut SWITCHED_G: *mut G = null_mut();
static mut SWITCHED_SP: usize = 0;

/// Saves rbp, rbx, r12–r15 on the current stack (the layout of sched.rs's swapctx), stores
/// rsp to `*save`, calls `f(arg)` on the stack whose top is `top` with rbp and r12–r14 cleared
/// (rbx holds `save`) and returns on the original stack (gc's systemstack).
#[unsafe(naked)]
unsafe extern "C" fn call_on_stack(
    f: unsafe extern "C" fn(usize),
    arg: usize,
    save: *mut usize,
    top: usize,
) {
    core::arch::naked_asm!(
        "push rbp",
        "push rbx",
        "push r12",
        "push r13",
        "push r14",
        "push r15",
        "mov [rdx], rsp",
        "mov rbx, rdx",
        "mov rsp, rcx",
        "mov rax, rdi",
        "mov rdi, rsi",
        "and rsp, -16",
        "xor ebp, ebp",
        // The goroutine's register values are saved above; cleared here, stale copies of
        // dead pointers cannot reach the collector's conservatively scanned registers.
        "xor r12d, r12d",
        "xor r13d, r13d",
        "xor r14d, r14d",
        "call rax",
        "mov rsp, [rbx]",
        "pop r15",
        "pop r14",
        "pop r13",
        "pop r12",
        "pop rbx",
        "pop rbp",
        "ret",
    )
}

/// Runs `f(arg)` on the thread's own stack (g0) when called on a goroutine's, as gc runs its
/// collector on the system stack (systemstack(gcStart)): the goroutine's stack then ends at
/// the switch, so the conservatively scanned runtime frames above its Go frames are only the
/// few that led to the collection, not the collector's own, whose uninitialised slots may
/// hold stale copies of pointers that earlier calls left at that depth.
///
/// # Safety
/// The world is stopped; `f` does not switch goroutines.
pub unsafe fn on_g0(f: unsafe extern "C" fn(usize), arg: usize) {
    let g = start::getg();
    let m = start::getm();
    let g0 = if m.is_null() { null_mut() } else { (*m).g0 };
    let sp: usize;
    asm!("mov {}, rsp", out(reg) sp, options(nomem, nostack, preserves_flags));
    let on_g = !g.is_null() && g != g0 && sp >= (*g).stack.lo && sp < (*g).stack.hi;
    if !on_g || g0.is_null() || (*g0).stack.hi == 0 || !SWITCHED_G.is_null() {
        f(arg);
        return;
    }
    // Clear what the scheduler and earlier collections left in the part of g0's stack the
    // collector's frames will occupy, for the same reason.
    let top = (*g0).stack.hi & !15;
    let clear = G0_CLEAR.min(top - (*g0).stack.lo);
    core::ptr::write_bytes((top - clear) as *mut u8, 0, clear);
    SWITCHED_G = g;
    call_on_stack(f, arg, &raw mut SWITCHED_SP, top);
    SWITCHED_G = null_mut();
}

/// Drains the heap work list and the stack objects it reaches, until neither finds more.
unsafe fn drain_all() {
    loop {
        drain();
        if !crate::mgcstack::trace() {
            break;
        }
    }
}

/// The callee-saved registers of the collecting goroutine, spilled to its stack so the stack
/// scan sees the pointers that Go frames below keep in them (gc: the goroutine is stopped at a
/// call, so its registers are saved in its frames already).
#[inline(never)]
unsafe fn scan_current_stack(mut stack_hi: usize) {
    let mut regs = [0usize; 6];
    asm!(
        "mov [{r}], rbx", "mov [{r} + 8], rbp", "mov [{r} + 16], r12",
        "mov [{r} + 24], r13", "mov [{r} + 32], r14", "mov [{r} + 40], r15",
        r = in(reg) regs.as_mut_ptr(),
        options(nostack, preserves_flags),
    );
    let sp: usize;
    asm!("mov {}, rsp", out(reg) sp, options(nomem, nostack, preserves_flags));
    // Registers holding a pointer into the stack are left to the stack scan (the spilled
    // copies in `regs` are in the conservatively scanned part of this frame).
    for &r in regs.iter() {
        grey(r);
    }
    let g = start::getg();
    let on_g = !g.is_null() && sp >= (*g).stack.lo && sp < (*g).stack.hi;
    if sp >= stack_hi || stack_hi - sp > crate::start::MAX_STACK_SIZE + PAGE_SIZE {
        // Running on the thread's own stack (g0).
        stack_hi = (*(*start::getm()).g0).stack.hi;
        if sp >= stack_hi {
            crate::panic::throw(b"runtime: gc: cannot find the current stack");
        }
    }
    let lo = if on_g { (*g).stack.lo } else { sp };
    STACK_SCAN +=
        crate::mgcstack::scan_stack(if on_g { g } else { null_mut() }, lo, stack_hi, sp, regs[1]);
    core::hint::black_box(&regs);
}

/// Marks everything reachable from the roots (gc's gcMarkRootPrepare + markroot + gcDrain):
/// data and bss of the executable, persistent runtime memory, the signal stack, every
/// goroutine's stack, and the registers of the running goroutine.
///
/// # Safety
/// The world is stopped (the caller is the only running goroutine).
pub unsafe fn gc_mark() {
    HEAP_MARKED = 0;
    STACK_SCAN = 0;
    GLOBALS_SCAN = 0;
    WBUF_LEN = 0;

    // Every word found from here on that points into a goroutine stack may reach a stack
    // object (mgcstack.rs).
    let (mut slo, mut shi) = (usize::MAX, 0);
    let mut widen = |g: *mut G| {
        if !g.is_null() && (*g).stack.hi != 0 {
            slo = slo.min((*g).stack.lo);
            shi = shi.max((*g).stack.hi);
        }
    };
    crate::sched::for_each_g(&mut widen);
    widen(start::getg());
    widen((*start::getm()).g0);
    crate::mgcstack::begin(slo, shi);

    // Globals (see mgc.rs for why conservatively): Go's pointerful .data and .bss, and the
    // runtime's own statics, which the linker places last in .noptrdata and .noptrbss; the Go
    // data before them is pointer-free by construction (gc's noptr sections).
    let md = crate::symtab::first_module();
    let ranges = [
        (md[208 / 8], md[216 / 8]),
        (md[224 / 8], md[232 / 8]),
        (&raw const RT_NOPTRDATA as usize, md[200 / 8]),
        (&raw const RT_NOPTRBSS as usize, md[248 / 8]),
    ];
    for (lo, hi) in ranges {
        if lo < hi {
            GLOBALS_SCAN += (hi - lo) as u64;
            scan_conservative(lo, hi);
        }
    }
    // Loaded plugins (rt/src/plugin.rs): their pointerful .data and .bss.
    for md in crate::symtab::modules().skip(1) {
        for (lo, hi) in [(md[208 / 8], md[216 / 8]), (md[224 / 8], md[232 / 8])] {
            if lo < hi {
                GLOBALS_SCAN += (hi - lo) as u64;
                scan_conservative(lo, hi);
            }
        }
    }
    drain();

    // Runtime-internal memory: goroutine records, sudogs, defer and panic records, itabs.
    mheap::for_each_persistent_chunk(|lo, hi| scan_conservative(lo, hi));
    drain();

    // The signal stack, only while this thread runs on it (a collection from inside a signal
    // handler). Once a handler has returned (a fault turned into a panic resumes in sigpanic on
    // the goroutine's stack), what it left there is dead: the faulting context's registers
    // would keep objects the goroutine no longer uses alive (test/fixedbugs/issue32477.go).
    let m = start::getm();
    let (slo, shi) = ((*m).gsignal.lo, (*m).gsignal.hi);
    let here: usize;
    asm!("mov {}, rsp", out(reg) here, options(nomem, nostack, preserves_flags));
    if slo != 0 && here >= slo && here < shi {
        scan_conservative(here, shi);
    }

    // Goroutine stacks.
    let cur = start::getg();
    let switched = SWITCHED_G;
    let mut cur_hi = 0;
    crate::sched::for_each_g(|g: *mut G| {
        if g == switched {
            // Stopped in mark_on_g0's switch, with the context switch's register layout.
            let (lo, hi) = ((*g).stack.lo, (*g).stack.hi);
            let sp = SWITCHED_SP;
            if sp >= lo && sp + 48 <= hi {
                let fp = *((sp + 40) as *const usize);
                STACK_SCAN += crate::mgcstack::scan_stack(g, lo, hi, sp, fp);
            }
            return;
        }
        if g == cur {
            cur_hi = (*g).stack.hi;
            return;
        }
        if (*g).status == crate::sched::G_DEAD {
            return;
        }
        let (lo, hi) = ((*g).stack.lo, (*g).stack.hi);
        let sp = (*g).sched.sp.clamp(lo, hi);
        if sp != 0 && hi != 0 {
            // The context switch (sched.rs swapctx, proc.rs mcall) pushed rbp, rbx, r12–r15:
            // rbp sits 40 bytes above the saved stack pointer. A goroutine in a system call
            // saved its stack pointer elsewhere: no frame pointer is known.
            let fp = if (*g).status != crate::sched::G_SYSCALL && sp + 48 <= hi {
                *((sp + 40) as *const usize)
            } else {
                0
            };
            STACK_SCAN += crate::mgcstack::scan_stack(g, lo, hi, sp, fp);
        }
    });
    if cur_hi == 0 && !cur.is_null() {
        cur_hi = (*cur).stack.hi;
    }
    scan_current_stack(cur_hi);
    drain_all();

    // Weak pointers to what is unreachable now become nil (before finalizers resurrect).
    crate::mheap::clear_unreachable_weak();

    // Finalizers: their functions and what finalizable objects point to are roots; objects
    // found unreachable are queued and kept for one more cycle.
    crate::mfinal::mark_finalizer_roots(&mut |p| grey(p));
    drain_all();
    HEAP_MARKED += crate::mfinal::queue_unreachable();
}
