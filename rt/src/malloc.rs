//! The object allocator (gc's malloc.go, mcache/mcentral reduced to one thread); pages and
//! spans come from mheap.rs, and the collector (mgc.rs) frees what is unreachable.
//!
//! * Small objects (≤ 32 KiB) use gc's 68 size classes; each
//!   span holds objects of one class and is either *scan* (objects may hold pointers; the span
//!   records where: pointer bits per word for objects up to 512 bytes, the object's `*abi.Type`
//!   for bigger ones, see mbitmap.rs) or *noscan* (no per-object record), as gc's
//!   spanclass = sizeclass<<1 | noscan.
//! * Large objects get their own span of whole pages.
//! * Every object handed out is zeroed: fresh pages come zeroed from the kernel, and spans
//!   reused after sweeping carry `needzero`.
//! * After a sweep, a span's allocation bits are the mark bits of the last collection; the
//!   allocator finds free slots by scanning them from `freeindex` (gc's nextFreeIndex).

use crate::panic;
use crate::sys;
use crate::types::Type;
use core::ptr::{addr_of, addr_of_mut, null, null_mut};
use core::sync::atomic::AtomicBool;
use core::sync::atomic::Ordering::Relaxed;
pub const MAX_SMALL_SIZE: usize = 32768;
const SMALL_SIZE_DIV: usize = 8;
const SMALL_SIZE_MAX: usize = 1024;
const LARGE_SIZE_DIV: usize = 128;
pub const NUM_SIZE_CLASSES: usize = 68;
const MALLOC_HEADER_SIZE: usize = 8;
const MIN_SIZE_FOR_MALLOC_HEADER: usize = 8 * 64;
/// gc's maxAlloc on linux/amd64 (48-bit address space).
pub const MAX_ALLOC: usize = 1 << 47;

// gc's tables (internal/runtime/gc/sizeclasses.go). Class sizes must match exactly because
// cap() after append depends on roundupsize.
pub static CLASS_TO_SIZE: [u16; NUM_SIZE_CLASSES] = [
    0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320,
    352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792,
    2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728,
    10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672,
    32768,
];
static CLASS_TO_NPAGES: [u8; NUM_SIZE_CLASSES] = [
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 2, 1, 2, 1, 2, 1, 3, 2, 3, 1, 3, 2, 3, 4, 5, 6, 1, 7, 6, 5, 4, 3, 5, 7, 2, 9, 7, 5, 8,
    3, 10, 7, 4,
];
static SIZE_TO_CLASS8: [u8; SMALL_SIZE_MAX / SMALL_SIZE_DIV + 1] = [
    0, 1, 2, 3, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13, 14, 14, 15, 15,
    16, 16, 17, 17, 18, 18, 19, 19, 19, 19, 20, 20, 20, 20, 21, 21, 21, 21, 22, 22, 22, 22, 23, 23,
    23, 23, 24, 24, 24, 24, 25, 25, 25, 25, 26, 26, 26, 26, 27, 27, 27, 27, 27, 27, 27, 27, 28, 28,
    28, 28, 28, 28, 28, 28, 29, 29, 29, 29, 29, 29, 29, 29, 30, 30, 30, 30, 30, 30, 30, 30, 31, 31,
    31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32,
    32, 32, 32, 32, 32, 32,
];
static SIZE_TO_CLASS128: [u8; (MAX_SMALL_SIZE - SMALL_SIZE_MAX) / LARGE_SIZE_DIV + 1] = [
    32, 33, 34, 35, 36, 37, 37, 38, 38, 39, 39, 40, 40, 40, 41, 41, 41, 42, 43, 43, 44, 44, 44, 44,
    44, 45, 45, 45, 45, 45, 45, 46, 46, 46, 46, 47, 47, 47, 47, 47, 47, 48, 48, 48, 49, 49, 50, 51,
    51, 51, 51, 51, 51, 51, 51, 51, 51, 52, 52, 52, 52, 52, 52, 52, 52, 52, 52, 53, 53, 54, 54, 54,
    54, 55, 55, 55, 55, 55, 56, 56, 56, 56, 56, 56, 56, 56, 56, 56, 56, 57, 57, 57, 57, 57, 57, 57,
    57, 57, 57, 58, 58, 58, 58, 58, 58, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59,
    59, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 61, 61, 61, 61, 61, 62, 62,
    62, 62, 62, 62, 62, 62, 62, 62, 62, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 64, 64, 64, 64, 64,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 65, 65, 65, 65, 65, 65, 65,
    65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66,
    66, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67,
    67, 67, 67, 67, 67, 67, 67, 67, 67,
];

/// Size class of a small request (size ≤ MAX_SMALL_SIZE).
pub fn size_class(size: usize) -> usize {
    if size <= SMALL_SIZE_MAX - 8 {
        SIZE_TO_CLASS8[size.div_ceil(SMALL_SIZE_DIV)] as usize
    } else {
        // Sizes SMALL_SIZE_MAX-7 ..= SMALL_SIZE_MAX take entry 0 (the 1024-byte class): gc's
        // uintptr subtraction wraps and its divRoundUp wraps back to 0 there.
        SIZE_TO_CLASS128[size.saturating_sub(SMALL_SIZE_MAX).div_ceil(LARGE_SIZE_DIV)] as usize
    }
}

/// gc's roundupsize: the size mallocgc will really hand out for `size`, accounting for the
/// 8-byte malloc header gc puts in front of pointerful objects above 512 bytes (rgo keeps type
/// records on the side, but capacities must be what gc computes).
pub fn roundupsize(size: usize, noscan: bool) -> usize {
    let mut req = size;
    if req <= MAX_SMALL_SIZE - MALLOC_HEADER_SIZE {
        if !noscan && req > MIN_SIZE_FOR_MALLOC_HEADER {
            req += MALLOC_HEADER_SIZE;
        }
        return CLASS_TO_SIZE[size_class(req)] as usize - (req - size);
    }
    req = req.wrapping_add(PAGE_SIZE - 1);
    if req < size {
        return size;
    }
    req & !(PAGE_SIZE - 1)
}

use crate::mheap;
pub use crate::mheap::{PAGE_SHIFT, PAGE_SIZE, Span, persistent_alloc, span_of};

// ---- allocation statistics ---------------------------------------------------------------------

/// Whether `RGO_ALLOCSTATS=1` asked for the allocation report at exit.
static ALLOC_STATS: AtomicBool = AtomicBool::new(false);

/// Allocation counters, with gc's MemStats meanings (bytes are slot sizes: the size class, or
/// whole pages for a large object).
pub struct HeapStats {
    /// Cumulative objects allocated (Mallocs) and freed (Frees).
    pub nmalloc: u64,
    pub nfree: u64,
    /// Cumulative bytes allocated (TotalAlloc).
    pub total_alloc: u64,
    /// Bytes of allocated objects not yet freed (HeapAlloc).
    pub heap_alloc: u64,
    /// Objects placed in an existing tiny block (gc's tinyAllocs): counted by Mallocs and
    /// Frees, but not by nmalloc, which counts the blocks.
    pub tiny_allocs: u64,
    /// Objects allocated and freed per size class, and large objects (one span each) with
    /// their bytes: runtime/metrics' allocs-by-size and frees-by-size.
    pub small_allocs: [u64; NUM_SIZE_CLASSES],
    pub small_frees: [u64; NUM_SIZE_CLASSES],
    pub large_allocs: u64,
    pub large_alloc_bytes: u64,
    pub large_frees: u64,
    pub large_free_bytes: u64,
}

pub static mut STATS: HeapStats = HeapStats {
    nmalloc: 0,
    nfree: 0,
    total_alloc: 0,
    heap_alloc: 0,
    tiny_allocs: 0,
    small_allocs: [0; NUM_SIZE_CLASSES],
    small_frees: [0; NUM_SIZE_CLASSES],
    large_allocs: 0,
    large_alloc_bytes: 0,
    large_frees: 0,
    large_free_bytes: 0,
};

/// Called once at start-up, before any allocation.
pub fn init_alloc_stats(enabled: bool) {
    ALLOC_STATS.store(enabled, Relaxed);
}

/// With `RGO_ALLOCSTATS=1`: prints `rgo: allocs=N bytes=M` on stderr, in one write.
pub fn report_alloc_stats() {
    if !ALLOC_STATS.load(Relaxed) {
        return;
    }
    // SAFETY: single-threaded read of the counters.
    // Objects placed in a tiny block count, as in gc's Mallocs.
    let (count, bytes) = unsafe { (STATS.nmalloc + STATS.tiny_allocs, STATS.total_alloc) };
    // 12 + 20 + 7 + 20 + 1 bytes at most.
    let mut line = [0u8; 64];
    let mut n = 0;
    let fields: [(&[u8], u64); 2] = [(b"rgo: allocs=", count), (b" bytes=", bytes)];
    for (label, mut v) in fields {
        line[n..n + label.len()].copy_from_slice(label);
        n += label.len();
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        let len = digits.len() - i;
        line[n..n + len].copy_from_slice(&digits[i..]);
        n += len;
    }
    line[n] = b'\n';
    sys::write_all(2, &line[..=n]);
}

/// Span currently being allocated from, per spanclass (gc's mcache.alloc).
pub static mut CURRENT: [*mut Span; NUM_SIZE_CLASSES * 2] = [null_mut(); NUM_SIZE_CLASSES * 2];
/// Swept spans with free slots, per spanclass (gc's mcentral partial lists).
pub static mut PARTIAL: [*mut Span; NUM_SIZE_CLASSES * 2] = [null_mut(); NUM_SIZE_CLASSES * 2];

/// Taken by reference as the address of every zero-sized allocation.
#[unsafe(export_name = "runtime.zerobase")]
pub static mut ZEROBASE: usize = 0;

/// gc's nextFreeIndex: the first unallocated object at or after `s.freeindex`, or `nelems`.
#[inline]
unsafe fn next_free_index(s: *mut Span) -> usize {
    let nelems = (*s).nelems;
    let mut i = (*s).freeindex;
    while i < nelems {
        let w = !*(*s).allocbits.add(i / 64) >> (i % 64);
        if w != 0 {
            let j = i + w.trailing_zeros() as usize;
            return j.min(nelems);
        }
        i = (i / 64 + 1) * 64;
    }
    nelems
}

/// A span of class `sc` with a free slot: a swept partial span, else a new one (gc's
/// mcache.refill).
#[cold]
unsafe fn refill(sc: usize) -> *mut Span {
    let cur = &raw mut CURRENT as *mut *mut Span;
    let partial = &raw mut PARTIAL as *mut *mut Span;
    let s = *partial.add(sc);
    if !s.is_null() {
        *partial.add(sc) = (*s).next;
        (*s).next = null_mut();
        (*s).in_partial = false;
        *cur.add(sc) = s;
        return s;
    }
    let class = sc >> 1;
    let s = mheap::alloc_span(
        CLASS_TO_NPAGES[class] as usize,
        sc as u8,
        CLASS_TO_SIZE[class] as usize,
    );
    if s.is_null() {
        panic::throw(b"runtime: out of memory");
    }
    *cur.add(sc) = s;
    s
}

/// mallocgc: `size` zeroed bytes; `typ` (may be null for pointer-free memory) is recorded for
/// pointerful objects so the collector can scan them (the object is an array of `typ` when
/// `size` is larger than `typ.size`). May run a collection first (mgc.rs).
// `typ` is always a compiler-emitted descriptor or one of the runtime's own statics.
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub fn mallocgc(size: usize, typ: *const Type, _needzero: bool) -> *mut u8 {
    if size == 0 {
        return addr_of_mut!(ZEROBASE) as *mut u8;
    }
    crate::mgcpacer::maybe_gc(size);
    // SAFETY: typ is null or a valid descriptor.
    let noscan = typ.is_null() || unsafe { !(*typ).has_pointers() };
    if size > MAX_SMALL_SIZE {
        return large_alloc(size, typ, noscan);
    }
    if noscan && size < MAX_TINY_SIZE {
        return tiny_alloc(size);
    }
    small_alloc(size, typ, noscan)
}

/// gc's maxTinySize: pointer-free requests below it share 16-byte blocks.
pub const MAX_TINY_SIZE: usize = 16;
/// The tiny block being filled (gc's mcache.tiny / tinyoffset); cleared by every sweep, which
/// may have freed it.
pub static mut TINY: usize = 0;
pub static mut TINY_OFFSET: usize = 0;

/// gc's mallocgcTiny: pointer-free objects smaller than 16 bytes are packed into 16-byte
/// blocks, each aligned to its size's alignment; the block is freed once none of them is
/// reachable. Strings of a few bytes and escaping small scalars cost a quarter of a slot or
/// less; finalizers may be set on an object inside a block (mfinal.rs), which then keeps the
/// whole block alive. As in gc, the heap profile samples blocks, not the objects in them.
#[inline]
fn tiny_alloc(size: usize) -> *mut u8 {
    // SAFETY: single-threaded access to the tiny block.
    unsafe {
        let mut off = TINY_OFFSET;
        if size & 7 == 0 {
            off = (off + 7) & !7;
        } else if size & 3 == 0 {
            off = (off + 3) & !3;
        } else if size & 1 == 0 {
            off = (off + 1) & !1;
        }
        if off + size <= MAX_TINY_SIZE && TINY != 0 {
            TINY_OFFSET = off + size;
            STATS.tiny_allocs += 1;
            return (TINY + off) as *mut u8;
        }
        let x = small_alloc(MAX_TINY_SIZE, null(), true);
        // Keep whichever block has more room left, as gc does.
        if size < TINY_OFFSET || TINY == 0 {
            TINY = x as usize;
            TINY_OFFSET = size;
        }
        x
    }
}

/// One object of a small size class (gc's nextFreeFast / mcache.nextFree path).
#[inline]
fn small_alloc(size: usize, typ: *const Type, noscan: bool) -> *mut u8 {
    let class = size_class(size);
    let sc = class << 1 | noscan as usize;
    // SAFETY: single-threaded access to the per-class spans.
    unsafe {
        let cur = &raw mut CURRENT as *mut *mut Span;
        let mut s = *cur.add(sc);
        let mut idx = if s.is_null() {
            usize::MAX
        } else {
            next_free_index(s)
        };
        if s.is_null() || idx >= (*s).nelems {
            if !s.is_null() {
                (*s).freeindex = (*s).nelems;
            }
            s = refill(sc);
            idx = next_free_index(s);
        }
        (*s).freeindex = idx + 1;
        (*s).alloc_count += 1;
        *(*s).allocbits.add(idx / 64) |= 1 << (idx % 64);
        if !(*s).heapbits.is_null() {
            crate::mbitmap::write_heap_bits(s, idx, crate::mbitmap::small_object_mask(typ, size));
        } else if !(*s).types.is_null() {
            *(*s).types.add(idx) = typ;
        }
        let elemsize = (*s).elemsize;
        let p = ((*s).start + idx * elemsize) as *mut u8;
        if (*s).needzero {
            if elemsize <= 64 {
                // Small slots: a few stores, cheaper than a call to memset. Volatile so that
                // LLVM does not turn the loop back into that call.
                let w = p as *mut u64;
                for i in 0..elemsize / 8 {
                    w.add(i).write_volatile(0);
                }
            } else {
                crate::mem::memset(p, 0, elemsize);
            }
        }
        STATS.nmalloc += 1;
        STATS.small_allocs[class] += 1;
        STATS.total_alloc += elemsize as u64;
        STATS.heap_alloc += elemsize as u64;
        // Sampled as the whole slot, as gc does (a tiny block as its 16 bytes).
        crate::mprof::sample_alloc(p, elemsize);
        p
    }
}

#[cold]
fn large_alloc(size: usize, typ: *const Type, noscan: bool) -> *mut u8 {
    if size > MAX_ALLOC {
        panic::throw(b"runtime: out of memory");
    }
    let npages = size.div_ceil(PAGE_SIZE);
    let mut s = mheap::alloc_span(npages, noscan as u8, size);
    if s.is_null() {
        // Collect and retry once before giving up, as gc's allocator does.
        crate::mgc::gc_forced();
        s = mheap::alloc_span(npages, noscan as u8, size);
        if s.is_null() {
            panic::throw(b"runtime: out of memory");
        }
    }
    // SAFETY: fresh span with one object.
    unsafe {
        *(*s).allocbits = 1;
        (*s).freeindex = 1;
        (*s).alloc_count = 1;
        if !(*s).types.is_null() {
            *(*s).types = typ;
        }
        if (*s).needzero {
            crate::mem::memset((*s).start as *mut u8, 0, size);
        }
        let bytes = (npages * PAGE_SIZE) as u64;
        STATS.nmalloc += 1;
        STATS.large_allocs += 1;
        STATS.large_alloc_bytes += bytes;
        STATS.total_alloc += bytes;
        STATS.heap_alloc += bytes;
        let p = (*s).start as *mut u8;
        // gc samples a large object as its whole span (its elemsize).
        crate::mprof::sample_alloc(p, npages * PAGE_SIZE);
        p
    }
}
/// Exported for generated code that needs raw allocation (e.g. closures of known type).
#[unsafe(export_name = "runtime.mallocgc")]
pub extern "C" fn mallocgc_export(size: usize, typ: *const Type, needzero: u8) -> *mut u8 {
    mallocgc(size, typ, needzero != 0)
}

/// # Safety
/// `typ` is a valid descriptor.
#[unsafe(export_name = "runtime.newobject")]
pub unsafe extern "C" fn newobject(typ: *const Type) -> *mut u8 {
    // SAFETY: caller contract.
    mallocgc(unsafe { (*typ).size }, typ, true)
}

/// # Safety
/// `et` is a valid descriptor.
#[unsafe(export_name = "runtime.makeslice")]
pub unsafe extern "C" fn makeslice(et: *const Type, len: i64, cap: i64) -> *mut u8 {
    // SAFETY: caller contract.
    let esize = unsafe { (*et).size };
    let bad = |n: i64| n < 0 || (esize as u128) * (n as u128) > MAX_ALLOC as u128;
    if bad(cap) || len > cap || len < 0 {
        if bad(len) {
            panic::panicmakeslicelen();
        }
        panic::panicmakeslicecap();
    }
    mallocgc(esize * cap as usize, et, true)
}

/// gc's nextslicecap: double below 256 elements, then grow by ~1.25x with a smooth transition.
pub fn nextslicecap(new_len: i64, old_cap: i64) -> i64 {
    let mut newcap = old_cap;
    let doublecap = newcap.wrapping_add(newcap);
    if new_len > doublecap {
        return new_len;
    }
    const THRESHOLD: i64 = 256;
    if old_cap < THRESHOLD {
        return doublecap;
    }
    loop {
        newcap = newcap.wrapping_add((newcap.wrapping_add(3 * THRESHOLD)) >> 2);
        if newcap as u64 >= new_len as u64 {
            break;
        }
    }
    if newcap <= 0 { new_len } else { newcap }
}

/// Go slice header.
#[repr(C)]
pub struct Slice {
    pub ptr: *mut u8,
    pub len: i64,
    pub cap: i64,
}

/// growslice: called when appending `num` elements made the length `new_len` exceed `old_cap`.
/// Returns {ptr, new_len, newcap} with gc's capacity choice; the old elements are copied and the
/// rest is zeroed (the caller stores the appended elements).
///
/// # Safety
/// `old_ptr` holds `new_len - num` elements of `et`; `out` is writable.
#[unsafe(export_name = "runtime.growslice")]
pub unsafe extern "C" fn growslice(
    out: *mut Slice,
    old_ptr: *const u8,
    new_len: i64,
    old_cap: i64,
    num: i64,
    et: *const Type,
) {
    let old_len = new_len - num;
    if new_len < 0 {
        panic::runtime_error(b"growslice: len out of range");
    }
    // SAFETY: caller contract.
    let et_ref = unsafe { &*et };
    let esize = et_ref.size;
    if esize == 0 {
        // SAFETY: out is writable.
        unsafe {
            out.write(Slice {
                ptr: addr_of!(ZEROBASE) as *mut u8,
                len: new_len,
                cap: new_len,
            })
        };
        return;
    }
    let noscan = !et_ref.has_pointers();
    let newcap = nextslicecap(new_len, old_cap) as usize;
    let (overflow, capmem) = match (esize as u128).checked_mul(newcap as u128) {
        Some(m) if m <= MAX_ALLOC as u128 => (false, roundupsize(m as usize, noscan)),
        _ => (true, 0),
    };
    let newcap = capmem / esize;
    let capmem = newcap * esize;
    if overflow || capmem > MAX_ALLOC {
        panic::runtime_error(b"growslice: len out of range");
    }
    let p = mallocgc(capmem, if noscan { null() } else { et }, true);
    // SAFETY: p has capmem >= new_len*esize bytes; old_ptr has old_len elements.
    unsafe {
        crate::mem::memmove(p, old_ptr, old_len as usize * esize);
        out.write(Slice {
            ptr: p,
            len: new_len,
            cap: newcap as i64,
        });
    }
}

/// growsliceBuf (gc 1.25+): like growslice, but while the result fits in the caller's stack
/// buffer `buf` of `buf_len` elements it stays there, with the capacity bumped to the next
/// size class (gc's choice, so that a later move to the heap wastes nothing).
///
/// # Safety
/// As growslice; `buf` is writable for `buf_len` elements.
#[unsafe(export_name = "runtime.growsliceBuf")]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn growslice_buf(
    out: *mut Slice,
    old_ptr: *const u8,
    new_len: i64,
    old_cap: i64,
    num: i64,
    et: *const Type,
    buf: *mut u8,
    buf_len: i64,
) {
    if new_len > buf_len {
        return unsafe { growslice(out, old_ptr, new_len, old_cap, num, et) };
    }
    // SAFETY: caller contract.
    unsafe {
        let esize = (*et).size;
        let old_len = (new_len - num) as usize;
        if !core::ptr::eq(old_ptr, buf) && old_len != 0 {
            crate::mem::memmove(buf, old_ptr, old_len * esize);
        }
        let noscan = !(*et).has_pointers();
        let new_cap = roundupsize(new_len as usize * esize, noscan)
            .checked_div(esize)
            .unwrap_or(new_len as usize);
        if (new_len as usize) < new_cap {
            let tail = buf.add(new_len as usize * esize);
            crate::mem::memset(tail, 0, (new_cap - new_len as usize) * esize);
        }
        out.write(Slice {
            ptr: buf,
            len: new_len,
            cap: new_cap as i64,
        });
    }
}

/// `runtime.roundupsize(size, noscan) uintptr`, for the runtime overlay's
/// internal/bytealg.MakeNoZero (whose capacity is the whole size class, as in gc).
#[unsafe(export_name = "runtime.roundupsize")]
pub extern "C" fn roundupsize_go(size: usize, noscan: u8) -> usize {
    roundupsize(size, noscan != 0)
}
