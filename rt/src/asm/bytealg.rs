//! internal/bytealg's assembly (compare_amd64.s, count_amd64.s, index_amd64.s,
//! indexbyte_amd64.s). The searches scan 16 bytes at a time with SSE2 (part of x86-64's
//! baseline, so GOAMD64=v1); gc's assembly additionally uses AVX2 and POPCNT when present.
//! Results are the same: these are exact searches and comparisons.
//!
//! Slices arrive flattened as (ptr, len, cap), strings as (ptr, len).

use core::arch::x86_64::{
    __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8,
};

/// The bytes of a Go slice or string (empty when `n` is 0, whatever `p` is).
unsafe fn bytes<'a>(p: *const u8, n: usize) -> &'a [u8] {
    if n == 0 {
        &[]
    } else {
        core::slice::from_raw_parts(p, n)
    }
}

/// Bit i set when `s[at + i] == c`, for the 16 bytes at `at` (the caller ensures they exist).
#[inline(always)]
fn eq_mask16(s: &[u8], at: usize, c: __m128i) -> u32 {
    debug_assert!(at + 16 <= s.len());
    // SAFETY: s[at..at + 16] is in bounds; SSE2 is always available on x86-64.
    unsafe {
        let v = _mm_loadu_si128(s.as_ptr().add(at) as *const __m128i);
        _mm_movemask_epi8(_mm_cmpeq_epi8(v, c)) as u32
    }
}

/// Index of the first `c` in `s`, or -1.
pub fn index_byte(s: &[u8], c: u8) -> isize {
    let n = s.len();
    let mut i = 0;
    if n >= 16 {
        // SAFETY: SSE2 is baseline.
        let cv = unsafe { _mm_set1_epi8(c as i8) };
        while i + 16 <= n {
            let m = eq_mask16(s, i, cv);
            if m != 0 {
                return (i + m.trailing_zeros() as usize) as isize;
            }
            i += 16;
        }
        // The last (overlapping) 16 bytes.
        if i < n {
            let at = n - 16;
            let m = eq_mask16(s, at, cv) >> (i - at);
            if m != 0 {
                return (i + m.trailing_zeros() as usize) as isize;
            }
        }
        return -1;
    }
    while i < n {
        if s[i] == c {
            return i as isize;
        }
        i += 1;
    }
    -1
}

/// Number of bytes of `s` equal to `c`.
pub fn count(s: &[u8], c: u8) -> isize {
    let n = s.len();
    let mut i = 0;
    let mut total = 0usize;
    if n >= 16 {
        // SAFETY: SSE2 is baseline.
        let cv = unsafe { _mm_set1_epi8(c as i8) };
        while i + 16 <= n {
            total += eq_mask16(s, i, cv).count_ones() as usize;
            i += 16;
        }
    }
    while i < n {
        total += (s[i] == c) as usize;
        i += 1;
    }
    total as isize
}

/// Index of the first occurrence of `sep` in `s`, or -1 (`sep` non-empty; bytealg's callers
/// guarantee 2 <= len(sep) <= MaxLen, but any length works).
pub fn index(s: &[u8], sep: &[u8]) -> isize {
    let m = sep.len();
    if m == 0 {
        return 0;
    }
    if m > s.len() {
        return -1;
    }
    let first = sep[0];
    let last = s.len() - m;
    let mut i = 0;
    while i <= last {
        // Candidate positions: where the first byte matches.
        let off = index_byte(&s[i..=last], first);
        if off < 0 {
            return -1;
        }
        i += off as usize;
        if s[i..i + m] == *sep {
            return i as isize;
        }
        i += 1;
    }
    -1
}

/// Three-way comparison of two byte sequences: -1, 0 or +1.
pub fn compare(a: &[u8], b: &[u8]) -> isize {
    let n = a.len().min(b.len());
    // SAFETY: both ranges have n readable bytes.
    let c = unsafe { crate::mem::memcmp(a.as_ptr(), b.as_ptr(), n) };
    if c < 0 {
        -1
    } else if c > 0 {
        1
    } else if a.len() < b.len() {
        -1
    } else if a.len() > b.len() {
        1
    } else {
        0
    }
}

/// `func Compare(a, b []byte) int`.
///
/// # Safety
/// (ap, an) and (bp, bn) are Go slices.
#[unsafe(export_name = "internal/bytealg.Compare")]
pub unsafe extern "C" fn bytealg_compare(
    ap: *const u8,
    an: usize,
    _ac: usize,
    bp: *const u8,
    bn: usize,
    _bc: usize,
) -> isize {
    compare(bytes(ap, an), bytes(bp, bn))
}

/// `func Count(b []byte, c byte) int`.
///
/// # Safety
/// (p, n) is a Go slice.
#[unsafe(export_name = "internal/bytealg.Count")]
pub unsafe extern "C" fn bytealg_count(p: *const u8, n: usize, _cap: usize, c: u8) -> isize {
    count(bytes(p, n), c)
}

/// `func CountString(s string, c byte) int`.
///
/// # Safety
/// (p, n) is a Go string.
#[unsafe(export_name = "internal/bytealg.CountString")]
pub unsafe extern "C" fn bytealg_count_string(p: *const u8, n: usize, c: u8) -> isize {
    count(bytes(p, n), c)
}

/// `func Index(a, b []byte) int`.
///
/// # Safety
/// (ap, an) and (bp, bn) are Go slices.
#[unsafe(export_name = "internal/bytealg.Index")]
pub unsafe extern "C" fn bytealg_index(
    ap: *const u8,
    an: usize,
    _ac: usize,
    bp: *const u8,
    bn: usize,
    _bc: usize,
) -> isize {
    index(bytes(ap, an), bytes(bp, bn))
}

/// `func IndexString(a, b string) int`.
///
/// # Safety
/// (ap, an) and (bp, bn) are Go strings.
#[unsafe(export_name = "internal/bytealg.IndexString")]
pub unsafe extern "C" fn bytealg_index_string(
    ap: *const u8,
    an: usize,
    bp: *const u8,
    bn: usize,
) -> isize {
    index(bytes(ap, an), bytes(bp, bn))
}

/// `func IndexByte(b []byte, c byte) int`.
///
/// # Safety
/// (p, n) is a Go slice.
#[unsafe(export_name = "internal/bytealg.IndexByte")]
pub unsafe extern "C" fn bytealg_index_byte(p: *const u8, n: usize, _cap: usize, c: u8) -> isize {
    index_byte(bytes(p, n), c)
}

/// `func IndexByteString(s string, c byte) int`.
///
/// # Safety
/// (p, n) is a Go string.
#[unsafe(export_name = "internal/bytealg.IndexByteString")]
pub unsafe extern "C" fn bytealg_index_byte_string(p: *const u8, n: usize, c: u8) -> isize {
    index_byte(bytes(p, n), c)
}
