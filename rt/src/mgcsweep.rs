//! Sweeping (gc's mgcsweep.go): after a mark, every in-use span is swept at once while the world
//! is still stopped. Unmarked objects become free slots (the mark bits become the allocation
//! bits, gc's gcmarkBits → allocBits swap); a span with no live object goes back to the page
//! heap; a span with some free slots goes on its size class's partial list for the allocator.

use crate::malloc::{CURRENT, PARTIAL, STATS};
use crate::mheap::{self, ALLSPANS, PAGE_SIZE, Span};
use core::ptr::null_mut;

/// Sweeps every span (gc's sweepone over all spans, with sweepLocked.sweep per span).
///
/// # Safety
/// The world is stopped and the mark is complete.
pub unsafe fn sweep_all() {
    let cur = &raw mut CURRENT as *mut *mut Span;
    let partial = &raw mut PARTIAL as *mut *mut Span;
    for i in 0..crate::malloc::NUM_SIZE_CLASSES * 2 {
        *cur.add(i) = null_mut();
        *partial.add(i) = null_mut();
    }
    // The tiny block may be freed below (gc's mcache.releaseAll drops it too).
    crate::malloc::TINY = 0;
    crate::malloc::TINY_OFFSET = 0;
    // Profiled objects that died are counted as freed before their slots are reused.
    crate::mprof::sweep_profiled();
    let mut s = ALLSPANS;
    let mut kept: *mut Span = null_mut();
    while !s.is_null() {
        let next = (*s).allnext;
        if sweep_span(s) {
            (*s).allnext = kept;
            kept = s;
        } else {
            mheap::free_span(s);
        }
        s = next;
    }
    ALLSPANS = kept;
}

/// Sweeps one span; returns false when nothing in it survived (the caller frees it).
unsafe fn sweep_span(s: *mut Span) -> bool {
    let words = (*s).bitmap_words();
    let mut live = 0;
    for i in 0..words {
        live += (*(*s).markbits.add(i)).count_ones() as usize;
    }
    let freed = (*s).alloc_count - live.min((*s).alloc_count);
    let slot = if (*s).spanclass >> 1 == 0 {
        (*s).npages * PAGE_SIZE
    } else {
        (*s).elemsize
    };
    STATS.nfree += freed as u64;
    let class = (*s).spanclass as usize >> 1;
    if class == 0 {
        STATS.large_frees += freed as u64;
        STATS.large_free_bytes += (freed * slot) as u64;
    } else {
        STATS.small_frees[class] += freed as u64;
    }
    STATS.heap_alloc -= (freed * slot) as u64;
    if live == 0 {
        return false;
    }
    core::mem::swap(&mut (*s).allocbits, &mut (*s).markbits);
    core::ptr::write_bytes((*s).markbits, 0, words);
    (*s).alloc_count = live;
    (*s).freeindex = 0;
    if freed > 0 {
        (*s).needzero = true;
    }
    if live < (*s).nelems {
        let sc = (*s).spanclass as usize;
        let partial = &raw mut PARTIAL as *mut *mut Span;
        (*s).next = *partial.add(sc);
        (*s).in_partial = true;
        *partial.add(sc) = s;
    }
    true
}
