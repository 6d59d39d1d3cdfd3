//! The heap profile (gc's mprof.go, with the sampling of malloc.go's profilealloc/nextSample).
//!
//! # Sampling
//!
//! `runtime.MemProfileRate` (512 KiB by default) is the mean number of bytes allocated between
//! two sampled allocations. As in gc, the allocator keeps a countdown (`NEXT_SAMPLE`, gc's
//! mcache.nextSample) that every allocation decreases by its slot size; when it goes negative
//! the allocation is sampled and the countdown restarts from a draw of the exponential
//! distribution with mean MemProfileRate (`fastexprand`). Allocations then form a Poisson
//! process over the bytes allocated, so an allocation of `s` bytes is sampled with probability
//! `1 - exp(-s/rate)`, which is what pprof's scaling divides by. Rate 1 samples every
//! allocation, rate 0 none; a change of the rate restarts the countdown. Tiny blocks are sampled
//! as whole 16-byte blocks when they are started, large objects as their whole span.
//!
//! # Buckets
//!
//! A sampled allocation is charged to the bucket of its (size, call stack): the stack is the
//! Go frames above the allocator (`runtime.callers`, which leaves out the Rust runtime's own
//! frames; gc's stacks start with its `runtime.mallocgc` frame instead, which pprof's heap
//! profile drops again; Go's test/heapsampling.go, which takes a record's first frame as the
//! allocating line, fails with gc 1.27.3 for that reason and passes with rgo). Buckets live in metadata memory in a chained hash table and are never
//! freed, as in gc; their stacks are what MemProfileRecord.Stack0 and pprof's records show.
//!
//! # Frees and publication
//!
//! Each sampled object is remembered (gc's profile special on the object). The sweep, after the
//! mark and the finalizers' resurrection of unreachable objects, charges a free to the bucket of
//! every remembered object that is not marked. gc publishes its counts one or two cycles late,
//! because its sweep runs concurrently with the next cycle; rgo sweeps during the collection,
//! so a collection publishes at once the allocations made before it and the frees it found.
//! MemProfile therefore reports the heap "as of the most recently completed garbage
//! collection", as documented; before the first collection it reports everything recorded.

use crate::mbitmap;
use crate::mheap::{meta_alloc, meta_free};
use core::ptr::null_mut;

unsafe extern "C" {
    /// The Go variable runtime.MemProfileRate (overlay/runtime/extern.go).
    #[link_name = "runtime.MemProfileRate"]
    static mut MEM_PROFILE_RATE: isize;
}

/// Bytes left until the next sampled allocation (gc's mcache.nextSample).
static mut NEXT_SAMPLE: i64 = 0;
/// The rate NEXT_SAMPLE was drawn for (gc's mcache.memProfRate); 0 before the first draw, so
/// the first allocation draws one.
static mut SAMPLED_RATE: isize = 0;

/// The deepest stack a bucket records (gc's default debug.profstackdepth is 128).
const MAX_STACK: usize = 64;

#[derive(Clone, Copy, Default)]
struct Counts {
    allocs: u64,
    frees: u64,
}

/// One (size, stack) bucket, followed in memory by its `nstk` stack words.
#[repr(C)]
struct Bucket {
    /// Next bucket in the same hash chain.
    next: *mut Bucket,
    /// Next bucket in creation order (gc's mbuckets list).
    allnext: *mut Bucket,
    hash: u64,
    size: usize,
    nstk: usize,
    /// Counts as of the last completed collection (gc's memRecord.active).
    active: Counts,
    /// Allocations since the last collection (gc's future cycles).
    pending: Counts,
}

impl Bucket {
    unsafe fn stk(b: *mut Bucket) -> *mut usize {
        b.add(1) as *mut usize
    }
}

/// Hash chains of buckets (gc's buckhash), allocated at the first sample.
const BUCKHASH_SIZE: usize = 1 << 15;
static mut BUCKHASH: *mut *mut Bucket = null_mut();
/// All buckets, newest first.
static mut MBUCKETS: *mut Bucket = null_mut();

/// The sampled objects still allocated: (address, bucket) pairs (gc's profile specials).
static mut PROFILED: *mut (usize, *mut Bucket) = null_mut();
static mut PROFILED_LEN: usize = 0;
static mut PROFILED_CAP: usize = 0;

/// Charged by the allocator for every object of `size` bytes it hands out at `p` (the
/// countdown of malloc.go, then gc's profilealloc).
#[inline]
pub fn sample_alloc(p: *mut u8, size: usize) {
    // SAFETY: single-threaded runtime; MemProfileRate is an ordinary Go int.
    unsafe {
        NEXT_SAMPLE -= size as i64;
        let rate = core::ptr::read_volatile(&raw const MEM_PROFILE_RATE);
        if NEXT_SAMPLE < 0 || rate != SAMPLED_RATE {
            profilealloc(p as usize, size, rate);
        }
    }
}

/// gc's profilealloc: draws the next sampling point and records this allocation.
#[cold]
#[inline(never)]
unsafe fn profilealloc(p: usize, size: usize, rate: isize) {
    let first = SAMPLED_RATE == 0;
    SAMPLED_RATE = rate;
    NEXT_SAMPLE = next_sample(rate);
    // The very first allocation only starts the countdown: gc draws it when the mcache is
    // made, before anything is allocated.
    if first && rate != 1 {
        return;
    }
    mprof_malloc(p, size);
}

/// gc's nextSample: bytes until the next sample.
fn next_sample(rate: isize) -> i64 {
    match rate {
        r if r <= 0 => i64::MAX,
        1 => 0,
        r => fastexprand(r) as i64,
    }
}

/// gc's fastexprand: a draw of the exponential distribution with the given mean, as
/// `-ln(q) * mean` for q uniform in (0, 1] with 26 random bits.
fn fastexprand(mean: isize) -> i32 {
    // Keep the result in range: -ln(2^-26) × mean is about 18 × mean.
    let mean = mean.min(0x700_0000) as f64;
    const RANDOM_BIT_COUNT: u32 = 26;
    let q = (crate::rand::cheaprand() & ((1 << RANDOM_BIT_COUNT) - 1)) + 1;
    let qlog = (log2(q) - RANDOM_BIT_COUNT as f64).min(0.0);
    const MINUS_LN2: f64 = -core::f64::consts::LN_2;
    (qlog * (MINUS_LN2 * mean)) as i32 + 1
}

/// log2 of a positive integer, to about 20 bits: the integer part from the leading bit, the
/// fraction bit by bit by repeated squaring (core has no logarithm; gc uses a table).
fn log2(q: u32) -> f64 {
    let int = 31 - q.leading_zeros();
    let mut m = q as f64 / (1u64 << int) as f64; // in [1, 2)
    let mut frac = 0.0;
    let mut bit = 0.5;
    for _ in 0..20 {
        m *= m;
        if m >= 2.0 {
            m /= 2.0;
            frac += bit;
        }
        bit /= 2.0;
    }
    int as f64 + frac
}

/// gc's mProf_Malloc: charges one allocation to the bucket of the current stack and
/// remembers the object for the sweep.
unsafe fn mprof_malloc(p: usize, size: usize) {
    let mut stk = [0usize; MAX_STACK];
    let n = crate::symtab::callers(0, stk.as_mut_ptr(), MAX_STACK as isize, MAX_STACK as isize);
    let b = stkbucket(size, &stk[..n.max(0) as usize]);
    (*b).pending.allocs += 1;
    if PROFILED_LEN == PROFILED_CAP {
        let elem = core::mem::size_of::<(usize, *mut Bucket)>();
        let ncap = (PROFILED_CAP * 2).max(256);
        let np = meta_alloc(ncap * elem) as *mut (usize, *mut Bucket);
        if PROFILED_LEN > 0 {
            core::ptr::copy_nonoverlapping(PROFILED, np, PROFILED_LEN);
        }
        meta_free(PROFILED as *mut u8, PROFILED_CAP * elem);
        PROFILED = np;
        PROFILED_CAP = ncap;
    }
    *PROFILED.add(PROFILED_LEN) = (p, b);
    PROFILED_LEN += 1;
}

/// gc's stkbucket: the bucket for (size, stk), created on first use.
unsafe fn stkbucket(size: usize, stk: &[usize]) -> *mut Bucket {
    if BUCKHASH.is_null() {
        BUCKHASH = meta_alloc(BUCKHASH_SIZE * 8) as *mut *mut Bucket;
    }
    // FNV-1a over the stack words and the size.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &w in stk.iter().chain(core::iter::once(&size)) {
        h = (h ^ w as u64).wrapping_mul(0x100_0000_01b3);
    }
    let chain = BUCKHASH.add((h as usize) % BUCKHASH_SIZE);
    let mut b = *chain;
    while !b.is_null() {
        if (*b).hash == h
            && (*b).size == size
            && core::slice::from_raw_parts(Bucket::stk(b), (*b).nstk) == stk
        {
            return b;
        }
        b = (*b).next;
    }
    let b = meta_alloc(core::mem::size_of::<Bucket>() + stk.len() * 8) as *mut Bucket;
    b.write(Bucket {
        next: *chain,
        allnext: MBUCKETS,
        hash: h,
        size,
        nstk: stk.len(),
        active: Counts::default(),
        pending: Counts::default(),
    });
    core::ptr::copy_nonoverlapping(stk.as_ptr(), Bucket::stk(b), stk.len());
    *chain = b;
    MBUCKETS = b;
    b
}

/// Called by the sweep before any slot is reused: publishes the allocations made before this
/// collection and charges a free for every sampled object the mark left unmarked (gc's
/// mProf_NextCycle/mProf_Flush and the free of a profile special).
///
/// # Safety
/// The world is stopped, the mark (finalizer resurrection included) is complete and no span
/// has been swept yet.
pub unsafe fn sweep_profiled() {
    let mut b = MBUCKETS;
    while !b.is_null() {
        (*b).active.allocs += (*b).pending.allocs;
        (*b).pending = Counts::default();
        b = (*b).allnext;
    }
    let mut i = 0;
    while i < PROFILED_LEN {
        let (p, b) = *PROFILED.add(i);
        let live = match mbitmap::find_object(p) {
            Some((_, s, idx)) => mbitmap::is_marked(s, idx),
            None => false,
        };
        if live {
            i += 1;
        } else {
            (*b).active.frees += 1;
            PROFILED_LEN -= 1;
            *PROFILED.add(i) = *PROFILED.add(PROFILED_LEN);
        }
    }
}

/// A bucket as the Go side reads it (overlay/runtime/mprof.go's memRecord).
#[repr(C)]
pub struct MemRecord {
    allocs: i64,
    frees: i64,
    size: i64,
    stk: *const usize,
    nstk: isize,
    /// Where the next call of mprofNext continues (the next older bucket).
    next: usize,
}

/// `runtime.mprofHead()`: the newest bucket, where a reading of the profile starts; buckets
/// created while the reader allocates come before it and are left out. With nothing
/// published yet (no collection has run), everything recorded is published first, as gc does
/// so that a program with the collector off still gets a profile.
#[unsafe(export_name = "runtime.mprofHead")]
pub extern "C" fn mprof_head() -> usize {
    // SAFETY: single-threaded; buckets are never freed.
    unsafe {
        let mut clear = true;
        let mut b = MBUCKETS;
        while !b.is_null() {
            if (*b).active.allocs != 0 || (*b).active.frees != 0 {
                clear = false;
            }
            b = (*b).allnext;
        }
        if clear {
            let mut b = MBUCKETS;
            while !b.is_null() {
                (*b).active.allocs += (*b).pending.allocs;
                (*b).pending = Counts::default();
                b = (*b).allnext;
            }
        }
        MBUCKETS as usize
    }
}

/// `runtime.mprofCount(head, inuseZero)`: the number of records MemProfile reports from `head`
/// on (gc's first loop of memProfileInternal).
///
/// # Safety
/// `head` is 0 or a bucket mprofHead returned.
#[unsafe(export_name = "runtime.mprofCount")]
pub unsafe extern "C" fn mprof_count(head: usize, inuse_zero: u8) -> isize {
    let mut n = 0;
    let mut b = head as *mut Bucket;
    while !b.is_null() {
        if reported(b, inuse_zero != 0) {
            n += 1;
        }
        b = (*b).allnext;
    }
    n
}

unsafe fn reported(b: *mut Bucket, inuse_zero: bool) -> bool {
    inuse_zero || (*b).active.allocs != (*b).active.frees
}

/// `runtime.mprofNext(b, inuseZero, r)`: stores in `*r` the first bucket at or after `b` that
/// MemProfile reports and returns it, or returns 0 when there is none.
///
/// # Safety
/// `b` is 0, a bucket mprofHead returned or a `next` this function stored; `r` points to a
/// writable record.
#[unsafe(export_name = "runtime.mprofNext")]
pub unsafe extern "C" fn mprof_next(b: usize, inuse_zero: u8, r: *mut MemRecord) -> usize {
    let mut b = b as *mut Bucket;
    while !b.is_null() && !reported(b, inuse_zero != 0) {
        b = (*b).allnext;
    }
    if b.is_null() {
        return 0;
    }
    r.write(MemRecord {
        allocs: (*b).active.allocs as i64,
        frees: (*b).active.frees as i64,
        size: (*b).size as i64,
        stk: Bucket::stk(b),
        nstk: (*b).nstk as isize,
        next: (*b).allnext as usize,
    });
    b as usize
}
