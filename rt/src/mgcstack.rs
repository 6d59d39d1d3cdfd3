//! Goroutine stack scanning (gc's mgcstack.go and scanstack in mgcmark.go): precise for the
//! frames of rgo-compiled Go code, conservative for everything else.
//!
//! # The walk
//!
//! Every frame on a goroutine stack keeps a frame pointer (Cranelift's prologue, the Rust
//! runtime built with `force-frame-pointers`, gc's assembler for frames with locals), so the
//! scan follows the rbp chain from the goroutine's stop point to the stack's top. At each
//! link, `[fp+8]` is the return address into the caller; when the backend recorded a stack map
//! for that return address (backend/src/stackmaps.rs, `.rgo.stackmaps`), the caller is a Go
//! frame stopped at that call: its stack pointer at the call is `fp + 16`, its frame pointer
//! must be `fp + 16 + span` (checked against the saved rbp `[fp]`, so a stray word never
//! passes for a frame), and its words are scanned through the record: the live pointer
//! words, the slots live at that call, the saved callee-saved registers and the outgoing
//! argument area. Everything between two such frames — Rust runtime frames (growslice,
//! mapassign, the scheduler, the collector itself), assembly frames, a frame that a signal
//! interrupted at an arbitrary instruction together with `asyncPreempt`'s register save area,
//! the context switch's saved registers — is scanned conservatively, word by word, as is
//! every stack when `RGO_STACKSCAN=conservative` is set. A goroutine in a system call, whose
//! saved frame is not known, is scanned conservatively as a whole.
//!
//! # Stack objects
//!
//! The IR slots of a precise frame that are not live at its call (see stackmaps.rs) are gc's
//! stack objects: they are scanned only if a pointer into them is found. Every word the scan
//! meets that points into the goroutine's own stack is kept; once all frames are done, each
//! such pointer that falls into a stack object gets that object scanned (conservatively within
//! its bounds), which may find further stack pointers, until none is left — gc's stack
//! tracing. The pending deferred calls' closures count as such pointers, as gc's scanstack
//! adds the defer records' pointers.

use crate::mgcmark::grey;
use crate::start::G;
use crate::sys;
use core::ptr::null_mut;

unsafe extern "C" {
    #[link_name = "runtime.stackmaps"]
    static STACKMAPS: [u8; 0];
    #[link_name = "runtime.estackmaps"]
    static ESTACKMAPS: [u8; 0];
}

/// Whether Go frames are scanned through their stack maps (`RGO_STACKSCAN=conservative`
/// turns it off; mgc.rs's gcinit reads it).
pub static mut PRECISE: bool = true;

/// The records sorted by return PC: (pc, record address), built at the first collection.
static mut INDEX: *mut (usize, usize) = null_mut();
static mut INDEX_LEN: usize = 0;
static mut INDEX_BUILT: bool = false;

/// Bytes of a record's header (stackmaps.rs).
const HDR: usize = 28;

unsafe fn rd_u16(p: usize) -> usize {
    (p as *const u16).read_unaligned() as usize
}
unsafe fn rd_u32(p: usize) -> usize {
    (p as *const u32).read_unaligned() as usize
}

/// Byte length of the record at `r` (header, arrays, padding to 8).
unsafe fn rec_len(r: usize) -> usize {
    let (nptr, nroot, nclob, nobj) = (
        rd_u16(r + 20),
        rd_u16(r + 22),
        rd_u16(r + 24),
        rd_u16(r + 26),
    );
    (HDR + 4 * nptr + 8 * nroot + 4 * nclob + 8 * nobj + 7) & !7
}

unsafe fn build_index() {
    INDEX_BUILT = true;
    let (lo, hi) = (
        &raw const STACKMAPS as usize,
        &raw const ESTACKMAPS as usize,
    );
    let mut n = 0;
    let mut r = lo;
    while r + HDR <= hi {
        if *(r as *const usize) == 0 {
            r += 8;
            continue;
        }
        n += 1;
        r += rec_len(r);
    }
    if n == 0 {
        return;
    }
    let bytes = (n * 16 + 4095) & !4095;
    let p = sys::mmap(0, bytes, sys::PROT_READ | sys::PROT_WRITE, 0) as *mut (usize, usize);
    if p.is_null() {
        return;
    }
    let mut i = 0;
    let mut r = lo;
    while r + HDR <= hi && i < n {
        let pc = *(r as *const usize);
        if pc == 0 {
            r += 8;
            continue;
        }
        *p.add(i) = (pc, r);
        i += 1;
        r += rec_len(r);
    }
    let idx = core::slice::from_raw_parts_mut(p, i);
    idx.sort_unstable_by_key(|e| e.0);
    INDEX = p;
    INDEX_LEN = i;
}

/// The stack-map record of the call whose return address is `pc`.
unsafe fn lookup(pc: usize) -> Option<usize> {
    if !INDEX_BUILT {
        build_index();
    }
    if INDEX_LEN == 0 {
        return None;
    }
    let idx = core::slice::from_raw_parts(INDEX, INDEX_LEN);
    idx.binary_search_by_key(&pc, |e| e.0)
        .ok()
        .map(|i| idx[i].1)
}

/// A growable array in memory mapped outside the heap (the collector must not allocate).
struct Vecs<T: Copy> {
    p: *mut T,
    len: usize,
    cap: usize,
}

impl<T: Copy> Vecs<T> {
    const fn new() -> Self {
        Vecs {
            p: null_mut(),
            len: 0,
            cap: 0,
        }
    }
    unsafe fn push(&mut self, v: T) {
        if self.len == self.cap {
            let sz = core::mem::size_of::<T>();
            let ncap = (self.cap * 2).max(4096 / sz);
            let n = sys::mmap(0, ncap * sz, sys::PROT_READ | sys::PROT_WRITE, 0) as *mut T;
            if n.is_null() {
                crate::panic::throw(b"runtime: out of memory");
            }
            if self.len > 0 {
                core::ptr::copy_nonoverlapping(self.p, n, self.len);
            }
            if !self.p.is_null() {
                sys::syscall3(sys::SYS_MUNMAP, self.p as usize, self.cap * sz, 0);
            }
            self.p = n;
            self.cap = ncap;
        }
        *self.p.add(self.len) = v;
        self.len += 1;
    }
    unsafe fn pop(&mut self) -> Option<T> {
        if self.len == 0 {
            return None;
        }
        self.len -= 1;
        Some(*self.p.add(self.len))
    }
    unsafe fn as_mut(&mut self) -> &mut [T] {
        if self.p.is_null() {
            return &mut [];
        }
        core::slice::from_raw_parts_mut(self.p, self.len)
    }
}

/// The state of the stack scan: the stack pointer candidates found so far (words in
/// `[lo, hi)` outside the heap), the stack objects of all precise frames as (address, size,
/// scanned), and per stack the registers still pending.
struct StackScan {
    lo: usize,
    hi: usize,
    ptrs: Vecs<usize>,
    objs: Vecs<(usize, usize, bool)>,
    bytes: u64,
    /// Callee-saved registers saved by a precise frame whose owner is not known yet: a
    /// frame further up that saved the same register (its own value, see `precise`) or a
    /// runtime frame (anything, scanned as such by `flush`).
    pending: [Option<usize>; 16],
}

static mut STATE: StackScan = StackScan {
    lo: 0,
    hi: 0,
    ptrs: Vecs::new(),
    objs: Vecs::new(),
    bytes: 0,
    pending: [None; 16],
};

impl StackScan {
    #[inline]
    unsafe fn word(&mut self, p: usize) {
        grey(p);
    }

    /// The pending saved registers belong to a frame scanned conservatively.
    unsafe fn flush(&mut self) {
        for i in 0..16 {
            if let Some(v) = self.pending[i].take() {
                self.word(v);
            }
        }
    }

    unsafe fn conservative(&mut self, lo: usize, hi: usize) {
        let mut a = (lo + 7) & !7;
        if hi > a {
            self.bytes += (hi - a) as u64;
        }
        while a + 8 <= hi {
            self.word(*(a as *const usize));
            a += 8;
        }
    }

    /// Scans the Go frame whose stack pointer at the call is `sp` through record `r`.
    unsafe fn precise(&mut self, r: usize, sp: usize) {
        let out = rd_u32(r + 12);
        self.conservative(sp, sp + out);
        let (nptr, nroot) = (rd_u16(r + 20), rd_u16(r + 22));
        let mut a = r + HDR;
        for _ in 0..nptr {
            let off = rd_u32(a);
            self.bytes += 8;
            self.word(*((sp + off) as *const usize));
            a += 4;
        }
        for _ in 0..nroot {
            let (off, size) = (rd_u32(a), rd_u32(a + 4));
            self.conservative(sp + off, sp + off + size);
            a += 8;
        }
        // The function's first record holds the saved registers and the stack objects.
        let f = r - rd_u32(r + 16);
        let (fnptr, fnroot, nclob, nobj) = (
            rd_u16(f + 20),
            rd_u16(f + 22),
            rd_u16(f + 24),
            rd_u16(f + 26),
        );
        let mut a = f + HDR + 4 * fnptr + 8 * fnroot;
        // A register this frame saved and a frame below saved too held this frame's value
        // there: not a pointer into the heap (stackmaps.rs), at most a stack address that
        // the code recomputes, which must not keep a stack object alive.
        let mut saved = [0usize; 16];
        let mut nsaved = 0;
        for _ in 0..nclob {
            let e = rd_u32(a);
            let reg = (e >> 24) & 15;
            if let Some(v) = self.pending[reg].take() {
                grey(v);
            }
            saved[nsaved] = e;
            nsaved += 1;
            a += 4;
            if nsaved == saved.len() {
                break;
            }
        }
        for &e in &saved[..nsaved] {
            let v = *((sp + (e & 0xff_ffff)) as *const usize);
            self.pending[(e >> 24) & 15] = Some(v);
        }
        a = f + HDR + 4 * fnptr + 8 * fnroot + 4 * nclob;
        for _ in 0..nobj {
            let (off, size) = (rd_u32(a), rd_u32(a + 4));
            self.objs.push((sp + off, size, false));
            a += 8;
        }
    }

    /// Walks the frames from (`sp`, `fp`) up to the stack's top (see the module
    /// documentation), then traces the stack objects.
    unsafe fn scan(&mut self, sp: usize, mut fp: usize, hi: usize) {
        let mut cur = sp;
        // The frame pointer of the last precise frame (whether the next one is its caller).
        let mut last = usize::MAX;
        if PRECISE {
            while fp >= cur && fp & 7 == 0 && fp + 16 <= hi {
                let next = *(fp as *const usize);
                let ra = *((fp + 8) as *const usize);
                if let Some(r) = lookup(ra) {
                    let csp = fp + 16;
                    let cfp = csp + rd_u32(r + 8);
                    if next == cfp && cfp + 16 <= hi {
                        if fp != last {
                            self.flush();
                        }
                        self.conservative(cur, csp);
                        self.precise(r, csp);
                        cur = cfp;
                        last = cfp;
                    }
                }
                if next <= fp {
                    break;
                }
                fp = next;
            }
        }
        self.flush();
        self.conservative(cur, hi);
    }
}

/// Starts a cycle's stack scan: pointers into `[lo, hi)` (the span of all goroutine stacks)
/// that are not heap pointers are kept as stack pointer candidates from now on.
///
/// # Safety
/// The world is stopped.
pub unsafe fn begin(lo: usize, hi: usize) {
    let s = &mut *core::ptr::addr_of_mut!(STATE);
    s.lo = lo;
    s.hi = hi;
    s.ptrs.len = 0;
    s.objs.len = 0;
    SORTED = false;
}

static mut SORTED: bool = false;

/// gc's stack object tracing, after every stack was walked: scans each stack object that a
/// candidate pointer points into, which may find more candidates (and heap pointers, greyed
/// for the caller's drain). A heap object pointing into a stack (which escape analysis
/// should have prevented) is honoured too: the mark's drain feeds its words here. Returns
/// whether any object was scanned.
///
/// # Safety
/// The world is stopped; all stacks have been scanned since [`begin`].
pub unsafe fn trace() -> bool {
    let s = &mut *core::ptr::addr_of_mut!(STATE);
    if !SORTED {
        SORTED = true;
        let objs = s.objs.as_mut();
        objs.sort_unstable_by_key(|o| o.0);
        // Only pointers into an object matter from now on.
        match (objs.first(), objs.last()) {
            (Some(a), Some(b)) => {
                s.lo = a.0;
                s.hi = b.0 + b.1;
            }
            _ => {
                s.lo = 0;
                s.hi = 0;
            }
        }
    }
    let mut any = false;
    while let Some(p) = s.ptrs.pop() {
        let objs = s.objs.as_mut();
        let i = objs.partition_point(|o| o.0 <= p);
        if i == 0 {
            continue;
        }
        let (base, size, scanned) = objs[i - 1];
        if scanned || p >= base + size {
            continue;
        }
        objs[i - 1].2 = true;
        any = true;
        s.conservative(base, base + size);
    }
    any
}

/// Called by the mark for every word that is not a heap pointer: keeps it if it may point
/// into a stack object.
#[inline]
pub unsafe fn note(p: usize) {
    let s = &mut *core::ptr::addr_of_mut!(STATE);
    if p >= s.lo && p < s.hi {
        s.ptrs.push(p);
    }
}

/// Scans the stack `[lo, hi)` of a goroutine stopped with stack pointer `sp` and frame pointer
/// `fp` (0 when unknown: the whole stack from `sp` is scanned conservatively). `g`'s pending
/// deferred calls may point into the stack. Returns the bytes scanned.
///
/// # Safety
/// The world is stopped and `[sp, hi)` is the live part of that goroutine's stack.
pub unsafe fn scan_stack(g: *mut G, lo: usize, hi: usize, sp: usize, fp: usize) -> u64 {
    let s = &mut *core::ptr::addr_of_mut!(STATE);
    let _ = lo;
    s.bytes = 0;
    s.pending = [None; 16];
    if !g.is_null() {
        let mut d = (*g).defer as *const crate::defers::Defer;
        while !d.is_null() {
            s.word((*d).fv);
            let mut h = (*d).head as *const crate::defers::Defer;
            while !h.is_null() {
                s.word((*h).fv);
                h = (*h).link;
            }
            d = (*d).link;
        }
    }
    s.scan(sp, fp, hi);
    s.bytes
}
