//! Object lookup and per-object bits (gc's mbitmap.go): which object a pointer points into,
//! its allocation and mark bits, and where its pointers are.
//!
//! rgo records each object's `*abi.Type` on the side (`Span::types`) instead of gc's heap bits
//! and malloc headers; the pointer map of an object is its type's GCData mask repeated over the
//! object (an object bigger than its type is an array of it, as `makeslice`/`growslice` make).

use crate::mheap::{self, Span};
use crate::types::Type;

/// gc's TFlagGCMaskOnDemand: GCData points to a slot for a lazily built mask.
const TFLAG_GC_MASK_ON_DEMAND: u8 = 0x10;

/// The object `p` points into: (base, span, index), or None when `p` is not inside an
/// allocated heap object (gc's findObject). Interior pointers resolve to their object.
#[inline]
pub fn find_object(p: usize) -> Option<(usize, *mut Span, usize)> {
    let s = mheap::span_of(p);
    if s.is_null() {
        return None;
    }
    // SAFETY: s is an in-use span whose bitmaps cover nelems objects.
    unsafe {
        let off = p - (*s).start;
        let idx = if (*s).spanclass >> 1 == 0 {
            if off >= (*s).elemsize {
                return None;
            }
            0
        } else {
            off / (*s).elemsize
        };
        if idx >= (*s).nelems || !is_allocated(s, idx) {
            return None;
        }
        Some(((*s).start + idx * (*s).elemsize, s, idx))
    }
}

/// # Safety
/// `idx < s.nelems`.
#[inline]
pub unsafe fn is_allocated(s: *mut Span, idx: usize) -> bool {
    *(*s).allocbits.add(idx / 64) & (1 << (idx % 64)) != 0
}

/// Sets the mark bit; returns whether it was already set.
///
/// # Safety
/// `idx < s.nelems`.
#[inline]
pub unsafe fn test_and_mark(s: *mut Span, idx: usize) -> bool {
    let w = (*s).markbits.add(idx / 64);
    let bit = 1u64 << (idx % 64);
    let old = *w & bit != 0;
    *w |= bit;
    old
}

/// # Safety
/// `idx < s.nelems`.
#[inline]
pub unsafe fn is_marked(s: *mut Span, idx: usize) -> bool {
    *(*s).markbits.add(idx / 64) & (1 << (idx % 64)) != 0
}

/// Calls `f` with the address of every word of the object at `base` (span `s`, index `idx`)
/// that may hold a pointer: precisely through the recorded type's GCData, conservatively
/// (every word up to PtrBytes of each element) for types whose mask is built on demand, and
/// every word when no type was recorded.
///
/// # Safety
/// The object is allocated in a scan span.
pub unsafe fn for_each_pointer_slot(
    base: usize,
    s: *mut Span,
    idx: usize,
    mut f: impl FnMut(usize),
) {
    let size = (*s).elemsize;
    let typ: *const Type = *(*s).types.add(idx);
    if typ.is_null() || (*typ).size == 0 {
        let mut a = base;
        while a + 8 <= base + size {
            f(a);
            a += 8;
        }
        return;
    }
    let t = &*typ;
    let tsize = t.size;
    let ptr_words = t.ptr_bytes / 8;
    let n = size / tsize;
    if t.tflag & TFLAG_GC_MASK_ON_DEMAND != 0 || t.gcdata.is_null() {
        for e in 0..n {
            let eb = base + e * tsize;
            for w in 0..ptr_words {
                f(eb + w * 8);
            }
        }
        return;
    }
    let mask = t.gcdata;
    for e in 0..n {
        let eb = base + e * tsize;
        let mut w = 0;
        while w < ptr_words {
            let byte = *mask.add(w / 8);
            if byte == 0 {
                w += 8;
                continue;
            }
            let end = (w + 8).min(ptr_words);
            for i in w..end {
                if byte & (1 << (i - w)) != 0 {
                    f(eb + i * 8);
                }
            }
            w += 8;
        }
    }
}
