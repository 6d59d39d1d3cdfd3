//! The pacer (gc's mgcpacer.go): when the next collection starts. See "Pacing" in mgc.rs.

use crate::malloc::STATS;
use crate::mgc::{GC, gc, gc_start};
use crate::mheap;

/// gc's heapMinimum at GOGC=100: the smallest heap goal.
pub const HEAP_MINIMUM: u64 = 4 << 20;

/// gc's parseByteCount: a number with an optional B, KiB, MiB, GiB or TiB suffix.
pub fn parse_byte_count(s: &[u8]) -> Option<i64> {
    let units: [(&[u8], u64); 5] = [
        (b"TiB", 1 << 40),
        (b"GiB", 1 << 30),
        (b"MiB", 1 << 20),
        (b"KiB", 1 << 10),
        (b"B", 1),
    ];
    for (u, m) in units {
        if let Some(n) = s.strip_suffix(u) {
            let v = crate::mgc::parse_u64(n)?.checked_mul(m)?;
            return i64::try_from(v).ok();
        }
    }
    i64::try_from(crate::mgc::parse_u64(s)?).ok()
}

/// gc's gcControllerState.heapGoal for the current GOGC and memory limit.
pub fn compute_goal() {
    let g = gc();
    let mut goal = if g.gcpercent < 0 {
        u64::MAX
    } else {
        let pct = g.gcpercent as u64;
        let min = HEAP_MINIMUM.saturating_mul(pct) / 100;
        g.heap_marked
            .saturating_add(g.heap_marked.saturating_mul(pct) / 100)
            .max(min)
    };
    if g.memory_limit != i64::MAX {
        // The limit covers all the runtime's memory; leave room for what is not heap.
        let other = (mheap::meta_bytes() + mheap::persistent_bytes()) as u64;
        let limit = (g.memory_limit as u64).saturating_sub(other);
        // Never below the live heap plus a little, or every allocation would collect.
        goal = goal.min(limit.max(g.heap_marked + (g.heap_marked >> 5) + (1 << 20)));
    }
    g.next_gc = goal;
}

/// Called by mallocgc before each allocation of `size` bytes: collects when the heap would pass
/// its goal, or every RGO_GCSTRESS-th allocation.
#[inline(always)]
pub fn maybe_gc(size: usize) {
    // SAFETY: single-threaded reads of the controller state.
    unsafe {
        let g = &raw mut GC;
        if (*g).stress != 0 {
            (*g).stress_count += 1;
            if (*g).stress_count >= (*g).stress {
                (*g).stress_count = 0;
                gc_start(false);
                return;
            }
        }
        if STATS.heap_alloc + size as u64 > (*g).next_gc {
            gc_start(false);
        }
    }
}

/// runtime/debug.setGCPercent: sets GOGC, returns the previous value.
#[unsafe(export_name = "runtime/debug.setGCPercent")]
pub extern "C" fn set_gc_percent(pct: i32) -> i32 {
    let g = gc();
    let old = g.gcpercent;
    g.gcpercent = if pct < 0 { -1 } else { pct };
    compute_goal();
    // gc collects right away when the new goal is already exceeded.
    if unsafe { STATS.heap_alloc } > g.next_gc {
        gc_start(false);
    }
    old
}

/// runtime/debug.setMemoryLimit: sets the limit (a negative value only reads it).
#[unsafe(export_name = "runtime/debug.setMemoryLimit")]
pub extern "C" fn set_memory_limit(limit: i64) -> i64 {
    let g = gc();
    let old = g.memory_limit;
    if limit >= 0 {
        g.memory_limit = limit;
        compute_goal();
    }
    old
}
