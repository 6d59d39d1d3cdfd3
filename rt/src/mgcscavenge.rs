//! Returning memory to the kernel (gc's mgcscavenge.go), synchronously: after each collection
//! free page runs are released with `madvise(MADV_DONTNEED)` until the heap's retained memory
//! (in-use plus free, not yet released pages) is back under 110% of the heap goal, gc's
//! scavenger goal; `runtime/debug.FreeOSMemory` releases every free page. Released runs read
//! as zero when reused, so they need no clearing (`Span::needzero` is reset).

use crate::mheap::{FREE, HEAP_FREE, HEAP_INUSE, HEAP_RELEASED, NFREE, PAGE_SIZE, Span};
use crate::sys;

const MADV_DONTNEED: usize = 4;
const SYS_MADVISE: usize = 28;

unsafe fn release(s: *mut Span) {
    if (*s).scavenged {
        return;
    }
    sys::syscall3(
        SYS_MADVISE,
        (*s).start,
        (*s).npages * PAGE_SIZE,
        MADV_DONTNEED,
    );
    (*s).scavenged = true;
    (*s).needzero = false;
    HEAP_RELEASED += (*s).npages * PAGE_SIZE;
}

/// Returns free pages to the kernel until in-use plus retained free memory is at most
/// `retain` bytes (gc's scavenger goal); `retain == 0` releases every free page
/// (debug.FreeOSMemory). Longest runs go first.
pub fn scavenge(retain: usize) {
    // SAFETY: single-threaded heap.
    unsafe {
        let retained = |_: ()| HEAP_INUSE + HEAP_FREE - HEAP_RELEASED;
        if retained(()) <= retain {
            return;
        }
        // Long runs (list 0), then the exact lists from longest to shortest.
        let order = core::iter::once(0).chain((1..NFREE).rev());
        for l in order {
            let mut s = FREE[l];
            while !s.is_null() {
                if retained(()) <= retain {
                    return;
                }
                release(s);
                s = (*s).next;
            }
        }
    }
}
