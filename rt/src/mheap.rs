//! The page heap (gc's mheap.go and mpagealloc; returning pages to the kernel is
//! mgcscavenge.rs).
//!
//! * One contiguous arena is reserved at start (PROT_NONE, at gc's customary 0xc000000000 hint)
//!   and committed in 4 MiB steps, so "is this a heap pointer" is a range check and the page
//!   → span table (`SPANS`) is a flat array.
//! * Pages are 8 KiB (gc's pageSize). A span is a run of pages: in use (small objects of one
//!   size class, or one large object) or free. Free runs are kept in lists by length (exact for
//!   runs shorter than 128 pages, one list for longer runs) and are coalesced with their free
//!   neighbours when a span is freed, as gc's page allocator does.
//! * Every page of an in-use span maps to its span; of a free run only the first and last pages
//!   map to the run's record (the others are null), so a stale pointer into freed memory never
//!   resolves to an object.
//! * Free runs remember whether their pages are dirty (`needzero`) or were returned to the
//!   kernel with `madvise(MADV_DONTNEED)` (`scavenged`: they read as zero again and cost no RSS).
//!   `mgcscavenge::scavenge` releases free runs after each collection until the retained heap is back
//!   under 110% of the heap goal (gc's background scavenger's goal), and
//!   `runtime/debug.FreeOSMemory` releases them all.
//!
//! Span records and their bitmaps live outside the heap in metadata memory ([`meta_alloc`]),
//! which the collector never scans; `persistent_alloc` memory (runtime-internal structures that
//! may point into the Go heap: goroutines, sudogs, defer and panic records) is scanned
//! conservatively as a root.

use crate::panic;
use crate::sys;
use crate::types::Type;
use core::ptr::null_mut;

pub const PAGE_SHIFT: usize = 13;
pub const PAGE_SIZE: usize = 1 << PAGE_SHIFT;

// ---- persistent memory (scanned as a root) and metadata memory (not scanned) ------------------

struct Pool {
    cur: usize,
    end: usize,
    /// Bytes mapped for this pool.
    mapped: usize,
}

static mut PERSIST: Pool = Pool {
    cur: 0,
    end: 0,
    mapped: 0,
};
static mut META: Pool = Pool {
    cur: 0,
    end: 0,
    mapped: 0,
};

/// Bytes mapped for span metadata (MemStats.MSpanSys).
pub fn meta_bytes() -> usize {
    // SAFETY: single-threaded read.
    unsafe { (*core::ptr::addr_of!(META)).mapped }
}

/// Bytes mapped for persistent runtime structures (MemStats.OtherSys).
pub fn persistent_bytes() -> usize {
    // SAFETY: single-threaded read.
    unsafe { (*core::ptr::addr_of!(PERSIST)).mapped }
}

/// (in-use, free, released, mapped) heap bytes.
pub fn page_stats() -> (usize, usize, usize, usize) {
    // SAFETY: single-threaded reads.
    unsafe {
        (
            HEAP_INUSE,
            HEAP_FREE,
            HEAP_RELEASED,
            ARENA_USED.saturating_sub(ARENA_START),
        )
    }
}
const PERSIST_CHUNK: usize = 256 << 10;

/// Chunks handed out by `persistent_alloc` (start, end), for the collector's root scan. The
/// table itself lives in metadata memory and grows by doubling.
static mut PERSIST_CHUNKS: *mut [usize; 2] = null_mut();
static mut PERSIST_NCHUNKS: usize = 0;
static mut PERSIST_CAP: usize = 0;

fn pool_alloc(pool: *mut Pool, size: usize, align: usize, record: bool) -> *mut u8 {
    // SAFETY: the caller holds the pool's lock (PERSIST_LOCK or META_LOCK).
    unsafe {
        let pool = &mut *pool;
        let mut p = (pool.cur + align - 1) & !(align - 1);
        if pool.cur == 0 || p + size > pool.end {
            let chunk = if size + align > PERSIST_CHUNK {
                (size + align + 4095) & !4095
            } else {
                PERSIST_CHUNK
            };
            let m = sys::mmap(0, chunk, sys::PROT_READ | sys::PROT_WRITE, 0);
            if m.is_null() {
                panic::throw(b"runtime: out of memory");
            }
            pool.cur = m as usize;
            pool.end = m as usize + chunk;
            pool.mapped += chunk;
            p = (pool.cur + align - 1) & !(align - 1);
            if record {
                record_persist_chunk(m as usize, chunk);
            }
        }
        pool.cur = p + size;
        p as *mut u8
    }
}

unsafe fn record_persist_chunk(start: usize, len: usize) {
    if PERSIST_NCHUNKS == PERSIST_CAP {
        let ncap = (PERSIST_CAP * 2).max(64);
        let n = meta_alloc(ncap * 16) as *mut [usize; 2];
        if PERSIST_NCHUNKS > 0 {
            core::ptr::copy_nonoverlapping(PERSIST_CHUNKS, n, PERSIST_NCHUNKS);
        }
        PERSIST_CHUNKS = n;
        PERSIST_CAP = ncap;
    }
    *PERSIST_CHUNKS.add(PERSIST_NCHUNKS) = [start, start + len];
    PERSIST_NCHUNKS += 1;
}

/// Zeroed, never-freed memory for runtime structures (goroutines, sudogs, defer records, itab
/// tables). The collector scans it conservatively: anything here may point into the heap.
pub fn persistent_alloc(size: usize, align: usize) -> *mut u8 {
    PERSIST_LOCK.lock();
    let p = pool_alloc(&raw mut PERSIST, size, align, true);
    PERSIST_LOCK.unlock();
    p
}

/// gc's globalAlloc.mutex for persistent memory, and the lock of the metadata pool and its free
/// lists. Taken in that order (a new persistent chunk is recorded in metadata memory); the
/// collector's readers run with the world stopped.
static PERSIST_LOCK: crate::lock_futex::Mutex = crate::lock_futex::Mutex::new();
static META_LOCK: crate::lock_futex::Mutex = crate::lock_futex::Mutex::new();

/// The used parts of persistent memory, for the root scan.
pub fn for_each_persistent_chunk(mut f: impl FnMut(usize, usize)) {
    // SAFETY: single-threaded; the table only grows.
    unsafe {
        for i in 0..PERSIST_NCHUNKS {
            let [lo, mut hi] = *PERSIST_CHUNKS.add(i);
            let cur = (*core::ptr::addr_of!(PERSIST)).cur;
            if cur >= lo && cur <= hi {
                hi = cur;
            }
            f(lo, hi);
        }
    }
}

/// Free lists of metadata blocks by power-of-two size (16 B .. 2^31 B).
static mut META_FREE: [usize; 32] = [0; 32];

fn meta_class(size: usize) -> usize {
    size.max(16).next_power_of_two().trailing_zeros() as usize
}

/// Zeroed metadata memory that the collector does not scan (span records, bitmaps, type
/// arrays). Blocks are power-of-two sized and can be given back with [`meta_free`].
pub fn meta_alloc(size: usize) -> *mut u8 {
    let c = meta_class(size);
    META_LOCK.lock();
    // SAFETY: under META_LOCK; free blocks hold their successor in their first word.
    let p = unsafe {
        let head = META_FREE[c];
        if head != 0 {
            META_FREE[c] = *(head as *const usize);
            head as *mut u8
        } else {
            null_mut()
        }
    };
    let p = if p.is_null() {
        pool_alloc(&raw mut META, 1 << c, 16.min(1 << c), false)
    } else {
        // SAFETY: a free block of class c, ours now.
        unsafe { crate::mem::memset(p, 0, 1 << c) };
        p
    };
    META_LOCK.unlock();
    p
}

/// Returns a block from [`meta_alloc`] of the same `size`.
pub fn meta_free(p: *mut u8, size: usize) {
    if p.is_null() {
        return;
    }
    let c = meta_class(size);
    META_LOCK.lock();
    // SAFETY: p is a block of class c that nothing references any more; under META_LOCK.
    unsafe {
        *(p as *mut usize) = META_FREE[c];
        META_FREE[c] = p as usize;
    }
    META_LOCK.unlock();
}

// ---- arena ------------------------------------------------------------------------------------

const ARENA_HINT: usize = 0xc0_0000_0000;
pub const ARENA_SIZE: usize = 64 << 30;
const COMMIT_STEP: usize = 4 << 20;

pub static mut ARENA_START: usize = 0;
/// Bump pointer: pages below it have been handed out at least once.
pub static mut ARENA_USED: usize = 0;
static mut ARENA_COMMITTED: usize = 0;
/// page index → span (flat table over the arena, lazily touched).
static mut SPANS: *mut *mut Span = null_mut();

fn arena_init() {
    // SAFETY: single-threaded; called once before the first allocation.
    unsafe {
        let mut a = sys::mmap(ARENA_HINT, ARENA_SIZE, sys::PROT_NONE, sys::MAP_NORESERVE);
        if a.is_null() {
            panic::throw(b"runtime: cannot reserve arena virtual address space");
        }
        if (a as usize) & (PAGE_SIZE - 1) != 0 {
            a = ((a as usize + PAGE_SIZE - 1) & !(PAGE_SIZE - 1)) as *mut u8;
        }
        ARENA_START = a as usize;
        ARENA_USED = ARENA_START;
        ARENA_COMMITTED = ARENA_START;
        let table = sys::mmap(
            0,
            (ARENA_SIZE / PAGE_SIZE) * 8,
            sys::PROT_READ | sys::PROT_WRITE,
            sys::MAP_NORESERVE,
        );
        if table.is_null() {
            panic::throw(b"runtime: cannot allocate span table");
        }
        SPANS = table as *mut *mut Span;
    }
}

/// Fresh pages from the top of the arena (gc's mheap.grow).
unsafe fn grow(npages: usize) -> Option<usize> {
    if ARENA_START == 0 {
        arena_init();
    }
    let size = npages.checked_mul(PAGE_SIZE)?;
    let base = ARENA_USED;
    if size > ARENA_START + ARENA_SIZE - base {
        return None;
    }
    let end = base + size;
    if end > ARENA_COMMITTED {
        let new_commit =
            ((end + COMMIT_STEP - 1) & !(COMMIT_STEP - 1)).min(ARENA_START + ARENA_SIZE);
        let r = sys::mmap(
            ARENA_COMMITTED,
            new_commit - ARENA_COMMITTED,
            sys::PROT_READ | sys::PROT_WRITE,
            sys::MAP_FIXED | sys::MAP_NORESERVE,
        );
        if r.is_null() {
            return None;
        }
        ARENA_COMMITTED = new_commit;
    }
    ARENA_USED = end;
    Some(base)
}

// ---- spans ------------------------------------------------------------------------------------

pub const SPAN_FREE: u8 = 0;
pub const SPAN_INUSE: u8 = 1;

/// A run of pages: in use (objects of one size class, or one large object) or free.
#[repr(C)]
pub struct Span {
    pub start: usize,
    pub npages: usize,
    pub state: u8,
    /// sizeclass << 1 | noscan; class 0 = large object.
    pub spanclass: u8,
    /// Objects handed out from this span must be zeroed first (the memory was used before).
    pub needzero: bool,
    /// Free runs: every page was returned to the kernel.
    pub scavenged: bool,
    /// On a span class's partial list.
    pub in_partial: bool,
    pub elemsize: usize,
    pub nelems: usize,
    /// Allocation resumes searching `allocbits` from this object index (gc's freeindex).
    pub freeindex: usize,
    /// Objects allocated in this span (gc's allocCount).
    pub alloc_count: usize,
    /// One bit per object: allocated (after a sweep: survived the last mark).
    pub allocbits: *mut u64,
    /// One bit per object: reached by the current mark (gc's gcmarkBits).
    pub markbits: *mut u64,
    /// Scan spans of objects above 512 bytes and large objects: one `*abi.Type` per object (the
    /// type it was allocated with, gc's malloc header); null otherwise.
    pub types: *mut *const Type,
    /// Scan spans of objects up to 512 bytes: one bit per word of the span, set for the words
    /// that hold pointers (gc's heapBitsInSpan); one spare word at the end so that an object's
    /// bits can always be read and written as two words. Null otherwise.
    pub heapbits: *mut u64,
    /// Links in a free-run list or a span class's partial list.
    pub next: *mut Span,
    pub prev: *mut Span,
    /// Next in-use span (gc's allspans, as a list).
    pub allnext: *mut Span,
}

impl Span {
    pub fn noscan(&self) -> bool {
        self.spanclass & 1 != 0
    }
    pub fn bitmap_words(&self) -> usize {
        self.nelems.div_ceil(64)
    }
}

/// gc's heapBitsInSpan: small pointerful objects (at most 512 bytes) describe their pointers
/// with one bit per word instead of a type pointer, which would cost 50% of a 16-byte object.
pub const MAX_HEAP_BITS_OBJECT: usize = 512;

fn heap_bits_in_span(spanclass: u8, elemsize: usize) -> bool {
    spanclass >> 1 != 0 && elemsize <= MAX_HEAP_BITS_OBJECT
}

/// Bytes of a span's heap bitmap: a bit per word plus the spare word.
fn heap_bits_bytes(npages: usize) -> usize {
    (npages * PAGE_SIZE / 8).div_ceil(64) * 8 + 8
}

/// Span records not in use (gc's spanalloc free list).
static mut SPAN_POOL: *mut Span = null_mut();

fn new_span_record() -> *mut Span {
    // SAFETY: single-threaded; pooled records are unlinked from everything.
    unsafe {
        let s = SPAN_POOL;
        if !s.is_null() {
            SPAN_POOL = (*s).next;
            s.write_bytes(0, 1);
            return s;
        }
    }
    meta_alloc(core::mem::size_of::<Span>()) as *mut Span
}

unsafe fn free_span_record(s: *mut Span) {
    (*s).next = SPAN_POOL;
    SPAN_POOL = s;
}

/// Free runs by length: FREE[n] holds runs of exactly n pages (1 ≤ n < 128), FREE[0] longer ones.
pub const NFREE: usize = 128;
pub static mut FREE: [*mut Span; NFREE] = [null_mut(); NFREE];
/// Head of the in-use span list.
pub static mut ALLSPANS: *mut Span = null_mut();

/// Page statistics (bytes).
pub static mut HEAP_INUSE: usize = 0;
pub static mut HEAP_FREE: usize = 0;
pub static mut HEAP_RELEASED: usize = 0;

fn free_list(npages: usize) -> usize {
    if npages < NFREE { npages } else { 0 }
}

unsafe fn free_insert(s: *mut Span) {
    let l = free_list((*s).npages);
    (*s).prev = null_mut();
    (*s).next = FREE[l];
    if !FREE[l].is_null() {
        (*FREE[l]).prev = s;
    }
    FREE[l] = s;
    HEAP_FREE += (*s).npages * PAGE_SIZE;
    if (*s).scavenged {
        HEAP_RELEASED += (*s).npages * PAGE_SIZE;
    }
}

unsafe fn free_remove(s: *mut Span) {
    let l = free_list((*s).npages);
    if (*s).prev.is_null() {
        FREE[l] = (*s).next;
    } else {
        (*(*s).prev).next = (*s).next;
    }
    if !(*s).next.is_null() {
        (*(*s).next).prev = (*s).prev;
    }
    (*s).next = null_mut();
    (*s).prev = null_mut();
    HEAP_FREE -= (*s).npages * PAGE_SIZE;
    if (*s).scavenged {
        HEAP_RELEASED -= (*s).npages * PAGE_SIZE;
    }
}

unsafe fn page_index(addr: usize) -> usize {
    (addr - ARENA_START) >> PAGE_SHIFT
}

/// Records a free run in the page table: its first and last pages only.
unsafe fn set_free_bounds(s: *mut Span) {
    let first = page_index((*s).start);
    *SPANS.add(first) = s;
    *SPANS.add(first + (*s).npages - 1) = s;
}

/// Takes a free run of at least `npages` pages (best fit), splitting off the rest.
unsafe fn alloc_from_free(npages: usize) -> *mut Span {
    let mut found: *mut Span = null_mut();
    if npages < NFREE {
        let lists = &*core::ptr::addr_of!(FREE);
        if let Some(&s) = lists[npages..].iter().find(|s| !s.is_null()) {
            found = s;
        }
    }
    if found.is_null() {
        let mut s = FREE[0];
        while !s.is_null() {
            if (*s).npages >= npages && (found.is_null() || (*s).npages < (*found).npages) {
                found = s;
            }
            s = (*s).next;
        }
    }
    if found.is_null() {
        return null_mut();
    }
    free_remove(found);
    if (*found).npages > npages {
        let rest = new_span_record();
        (*rest).start = (*found).start + npages * PAGE_SIZE;
        (*rest).npages = (*found).npages - npages;
        (*rest).state = SPAN_FREE;
        (*rest).needzero = (*found).needzero;
        (*rest).scavenged = (*found).scavenged;
        set_free_bounds(rest);
        free_insert(rest);
        (*found).npages = npages;
    }
    found
}

/// A new in-use span of `npages` pages for objects of `elemsize` bytes (gc's mheap.alloc):
/// reuses free pages when it can, else grows the arena. Null when memory is exhausted.
pub fn alloc_span(npages: usize, spanclass: u8, elemsize: usize) -> *mut Span {
    // SAFETY: single-threaded heap; all records come from metadata memory.
    unsafe {
        if ARENA_START == 0 {
            arena_init();
        }
        let mut s = alloc_from_free(npages);
        if s.is_null() {
            let Some(base) = grow(npages) else {
                return null_mut();
            };
            s = new_span_record();
            (*s).start = base;
            (*s).npages = npages;
        }
        let nelems = if spanclass >> 1 == 0 {
            1
        } else {
            npages * PAGE_SIZE / elemsize
        };
        (*s).state = SPAN_INUSE;
        (*s).spanclass = spanclass;
        (*s).scavenged = false;
        (*s).in_partial = false;
        (*s).elemsize = elemsize;
        (*s).nelems = nelems;
        (*s).freeindex = 0;
        (*s).alloc_count = 0;
        let words = nelems.div_ceil(64);
        (*s).allocbits = meta_alloc(words * 8) as *mut u64;
        (*s).markbits = meta_alloc(words * 8) as *mut u64;
        (*s).types = null_mut();
        (*s).heapbits = null_mut();
        if spanclass & 1 == 0 {
            if heap_bits_in_span(spanclass, elemsize) {
                (*s).heapbits = meta_alloc(heap_bits_bytes(npages)) as *mut u64;
            } else {
                (*s).types = meta_alloc(nelems * 8) as *mut *const Type;
            }
        }
        (*s).next = null_mut();
        (*s).prev = null_mut();
        (*s).allnext = ALLSPANS;
        ALLSPANS = s;
        let first = page_index((*s).start);
        for i in 0..npages {
            *SPANS.add(first + i) = s;
        }
        HEAP_INUSE += npages * PAGE_SIZE;
        s
    }
}

/// Returns an in-use span's pages to the free runs, merging with free neighbours (gc's
/// mheap.freeSpan). The caller has already unlinked `s` from ALLSPANS.
///
/// # Safety
/// `s` is an in-use span no live object lives in.
pub unsafe fn free_span(s: *mut Span) {
    let words = (*s).bitmap_words();
    meta_free((*s).allocbits as *mut u8, words * 8);
    meta_free((*s).markbits as *mut u8, words * 8);
    if !(*s).types.is_null() {
        meta_free((*s).types as *mut u8, (*s).nelems * 8);
    }
    if !(*s).heapbits.is_null() {
        meta_free((*s).heapbits as *mut u8, heap_bits_bytes((*s).npages));
    }
    (*s).heapbits = null_mut();
    (*s).allocbits = null_mut();
    (*s).markbits = null_mut();
    (*s).types = null_mut();
    HEAP_INUSE -= (*s).npages * PAGE_SIZE;
    let first = page_index((*s).start);
    for i in 0..(*s).npages {
        *SPANS.add(first + i) = null_mut();
    }
    (*s).state = SPAN_FREE;
    (*s).needzero = true;
    (*s).scavenged = false;
    // Merge with the free run before.
    if first > 0 {
        let before = *SPANS.add(first - 1);
        if !before.is_null() && (*before).state == SPAN_FREE {
            free_remove(before);
            *SPANS.add(page_index((*before).start) + (*before).npages - 1) = null_mut();
            (*before).npages += (*s).npages;
            (*before).needzero = true;
            (*before).scavenged = false;
            free_span_record(s);
            return finish_free(before);
        }
    }
    finish_free(s)
}

unsafe fn finish_free(s: *mut Span) {
    // Merge with the free run after.
    let after_page = page_index((*s).start) + (*s).npages;
    if (*s).start + (*s).npages * PAGE_SIZE < ARENA_USED {
        let after = *SPANS.add(after_page);
        if !after.is_null() && (*after).state == SPAN_FREE {
            free_remove(after);
            *SPANS.add(after_page) = null_mut();
            (*s).npages += (*after).npages;
            (*s).needzero |= (*after).needzero;
            (*s).scavenged &= (*after).scavenged;
            free_span_record(after);
        }
    }
    // Clear the old bounds' interior entries left by a merge (first/last pages are rewritten).
    set_free_bounds(s);
    free_insert(s);
}

/// The span containing `addr`, or null when `addr` is not in an in-use span.
#[inline]
pub fn span_of(addr: usize) -> *mut Span {
    // SAFETY: reads of the page table inside the used part of the arena.
    unsafe {
        if addr < ARENA_START || addr >= ARENA_USED {
            return null_mut();
        }
        let s = *SPANS.add((addr - ARENA_START) >> PAGE_SHIFT);
        if s.is_null() || (*s).state != SPAN_INUSE {
            return null_mut();
        }
        s
    }
}

/// The weak handles (gc's specialWeakHandle): cells whose first word is the address of the
/// object a weak.Pointer refers to, held as an integer so that the collector does not trace it
/// (overlay/runtime/mheap.go allocates them in scan spans with that word typed `uintptr`).
/// Kept in unscanned metadata memory: the overlay's handle table keeps the cells alive.
static mut WEAK_CELLS: *mut usize = null_mut();
static mut WEAK_LEN: usize = 0;
static mut WEAK_CAP: usize = 0;

/// `runtime.weakRegister(cell)`: a new weak handle, which the collector clears when its object
/// becomes unreachable.
///
/// # Safety
/// `cell` is a live handle whose first word is an object address.
#[unsafe(export_name = "runtime.weakRegister")]
pub unsafe extern "C" fn weak_register(cell: usize) {
    if WEAK_LEN == WEAK_CAP {
        let cap = if WEAK_CAP == 0 { 64 } else { WEAK_CAP * 2 };
        let p = meta_alloc(cap * 8) as *mut usize;
        if WEAK_LEN > 0 {
            core::ptr::copy_nonoverlapping(WEAK_CELLS, p, WEAK_LEN);
            meta_free(WEAK_CELLS as *mut u8, WEAK_CAP * 8);
        }
        WEAK_CELLS = p;
        WEAK_CAP = cap;
    }
    *WEAK_CELLS.add(WEAK_LEN) = cell;
    WEAK_LEN += 1;
}

/// After the mark from the roots, before finalizers resurrect anything: every weak handle
/// whose heap object was not marked becomes nil (gc: weak pointers turn nil as soon as the
/// object is unreachable, even when a finalizer then keeps it for one more cycle), and is
/// forgotten.
///
/// # Safety
/// The world is stopped and the mark is complete.
pub unsafe fn clear_unreachable_weak() {
    let mut i = 0;
    while i < WEAK_LEN {
        let cell = *WEAK_CELLS.add(i) as *mut usize;
        let p = *cell;
        let dead = p == 0
            || crate::mbitmap::find_object(p)
                .is_some_and(|(_, s, idx)| !crate::mbitmap::is_marked(s, idx));
        if dead {
            *cell = 0;
            WEAK_LEN -= 1;
            *WEAK_CELLS.add(i) = *WEAK_CELLS.add(WEAK_LEN);
        } else {
            i += 1;
        }
    }
}
