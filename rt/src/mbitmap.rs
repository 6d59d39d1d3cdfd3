//! Object lookup and per-object bits (gc's mbitmap.go): which object a pointer points into,
//! its allocation and mark bits, and where its pointers are.
//!
//! As in gc, two representations:
//!
//! * Objects of at most 512 bytes in scan spans: one bit per word of the span (`Span::heapbits`,
//!   gc's heapBitsInSpan), written when the object is allocated from its type's GCData mask
//!   repeated over the object (an object bigger than its type is an array of it, as
//!   `makeslice`/`growslice` make). This costs 1/64 of the span, where a type pointer per object
//!   would cost half of a 16-byte object.
//! * Bigger objects in scan spans and large objects: the `*abi.Type` they were allocated with,
//!   kept on the side (`Span::types`) where gc keeps a malloc header in the object; the object's
//!   pointers are read from the type's mask when it is scanned.

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

/// The pointer bits of a `size`-byte object (at most 64 words) of type `typ`, or an array of
/// it: bit i set when word i may hold a pointer.
///
/// # Safety
/// `typ` is a valid descriptor with pointers; `size <= 512`.
#[inline]
pub unsafe fn small_object_mask(typ: *const Type, size: usize) -> u64 {
    let t = &*typ;
    let words = size / 8;
    let all = if words >= 64 { !0 } else { (1u64 << words) - 1 };
    if t.size == 0 || t.size > size || t.gcdata.is_null() || t.tflag & TFLAG_GC_MASK_ON_DEMAND != 0
    {
        return all;
    }
    let ptr_words = t.ptr_bytes / 8;
    if t.size == size && ptr_words <= 8 {
        // The common case (newobject of a small struct): one mask byte, no repetition.
        return *t.gcdata as u64 & ((1u64 << ptr_words) - 1);
    }
    let mut m = 0u64;
    for i in 0..ptr_words.div_ceil(8) {
        m |= (*t.gcdata.add(i) as u64) << (8 * i);
    }
    if ptr_words < 64 {
        m &= (1u64 << ptr_words) - 1;
    }
    let twords = t.size / 8;
    if twords >= words {
        return m;
    }
    let mut acc = 0u64;
    let mut w = 0;
    while w + twords <= words {
        acc |= m << w;
        w += twords;
    }
    acc
}

/// Bit offset (in words from the span start) and width of object `idx`'s heap bits.
#[inline]
unsafe fn heap_bits_range(s: *mut Span, idx: usize) -> (usize, usize) {
    let words = (*s).elemsize / 8;
    (idx * words, words)
}

/// Records the pointer bits of object `idx` of a heap-bits span (gc's heapSetTypeNoHeader).
///
/// # Safety
/// `s` has heap bits; `idx < s.nelems`.
#[inline]
pub unsafe fn write_heap_bits(s: *mut Span, idx: usize, mask: u64) {
    let (b, n) = heap_bits_range(s, idx);
    let p = (*s).heapbits.add(b / 64);
    let sh = b % 64;
    if sh + n <= 64 {
        // Within one word (always so when the object size is a power of two).
        let field = (u64::MAX >> (64 - n)) << sh;
        *p = *p & !field | mask << sh;
        return;
    }
    let cur = *p as u128 | (*p.add(1) as u128) << 64;
    let field = ((1u128 << n) - 1) << sh;
    let new = cur & !field | (mask as u128) << sh;
    *p = new as u64;
    *p.add(1) = (new >> 64) as u64;
}

/// The pointer bits of object `idx` of a heap-bits span.
///
/// # Safety
/// `s` has heap bits; `idx < s.nelems`.
#[inline]
unsafe fn read_heap_bits(s: *mut Span, idx: usize) -> u64 {
    let (b, n) = heap_bits_range(s, idx);
    let p = (*s).heapbits.add(b / 64);
    let sh = b % 64;
    if sh + n <= 64 {
        return (*p >> sh) & (u64::MAX >> (64 - n));
    }
    let cur = *p as u128 | (*p.add(1) as u128) << 64;
    let v = (cur >> (b % 64)) as u64;
    if n >= 64 { v } else { v & ((1u64 << n) - 1) }
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
    if !(*s).heapbits.is_null() {
        let mut bits = read_heap_bits(s, idx);
        while bits != 0 {
            f(base + bits.trailing_zeros() as usize * 8);
            bits &= bits - 1;
        }
        return;
    }
    let size = (*s).elemsize;
    let typ: *const Type = if (*s).types.is_null() {
        core::ptr::null()
    } else {
        *(*s).types.add(idx)
    };
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

/// `runtime.heapPointerBits(p, out, n)`, for reflect.gcbits (gc's pointerMask): the number of
/// words of the heap object `p` points into, or -1 when `p` is not in an allocated heap object
/// and 0 when the object's span holds no pointers. With `out` non-null, also writes, for each
/// of the first `min(n, words)` words, 1 if the collector treats it as a pointer slot, else 0.
///
/// # Safety
/// `out` is null or points to `n` writable bytes.
#[unsafe(export_name = "runtime.heapPointerBits")]
pub unsafe extern "C" fn heap_pointer_bits(p: usize, out: *mut u8, n: usize) -> isize {
    let Some((base, s, idx)) = find_object(p) else {
        return -1;
    };
    // SAFETY: find_object returned an allocated object of the in-use span s.
    unsafe {
        if (*s).noscan() {
            return 0;
        }
        let words = (*s).elemsize / 8;
        if !out.is_null() {
            let n = n.min(words);
            core::ptr::write_bytes(out, 0, n);
            for_each_pointer_slot(base, s, idx, |a| {
                let w = (a - base) / 8;
                if w < n {
                    *out.add(w) = 1;
                }
            });
        }
        words as isize
    }
}
