//! String operations and conversions with gc's semantics (runtime/string.go, utf8.go).

use crate::malloc::{Slice, mallocgc, roundupsize};
use crate::mem;
use crate::start::getg;

/// A Go string returned in rax:rdx.
#[repr(C)]
pub struct GoString {
    pub ptr: *const u8,
    pub len: usize,
}

const EMPTY: GoString = GoString {
    ptr: core::ptr::null(),
    len: 0,
};

pub const RUNE_ERROR: i32 = 0xFFFD;
const MAX_RUNE: i32 = 0x10FFFF;
const SURROGATE_MIN: i32 = 0xD800;
const SURROGATE_MAX: i32 = 0xDFFF;

/// One byte strings point into this table instead of allocating (gc uses staticuint64s).
static ONE_BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = i as u8;
        i += 1;
    }
    t
};

fn on_current_stack(p: *const u8) -> bool {
    let g = getg();
    // SAFETY: g is valid after start-up.
    !g.is_null() && unsafe { (*g).stack.lo <= p as usize && (p as usize) < (*g).stack.hi }
}

/// Size of gc's `tmpBuf`: the stack buffer the compiler passes to the conversion and
/// concatenation functions when their result does not escape (null when it does); results that
/// fit are built there instead of on the heap.
const TMP_BUF_SIZE: usize = 32;

/// # Safety
/// `parts` points to `n` Go strings; `buf` is null or a [`TMP_BUF_SIZE`]-byte buffer.
#[unsafe(export_name = "runtime.concatstrings")]
pub unsafe extern "C" fn concatstrings(buf: *mut u8, parts: *const GoString, n: usize) -> GoString {
    // SAFETY: caller contract.
    let parts = unsafe { core::slice::from_raw_parts(parts, n) };
    let mut total: usize = 0;
    let mut count = 0;
    let mut last = 0;
    for (i, s) in parts.iter().enumerate() {
        if s.len == 0 {
            continue;
        }
        total = match total.checked_add(s.len) {
            Some(t) if t <= isize::MAX as usize => t,
            _ => crate::panic::throw(b"string concatenation too long"),
        };
        count += 1;
        last = i;
    }
    if count == 0 {
        return EMPTY;
    }
    // A single non-empty operand can be returned as is unless it lives on the stack (it could
    // be a temporary buffer whose lifetime ends with the frame).
    // With a buffer the result does not outlive the frame, so it may be such a temporary.
    if count == 1 && (!buf.is_null() || !on_current_stack(parts[last].ptr)) {
        return GoString {
            ptr: parts[last].ptr,
            len: parts[last].len,
        };
    }
    let p = if !buf.is_null() && total <= TMP_BUF_SIZE {
        buf
    } else {
        mallocgc(total, core::ptr::null(), false)
    };
    let mut off = 0;
    for s in parts {
        // SAFETY: p has total bytes; each part is a valid string.
        unsafe { mem::memmove(p.add(off), s.ptr, s.len) };
        off += s.len;
    }
    GoString { ptr: p, len: total }
}

/// # Safety
/// Valid Go strings.
#[unsafe(export_name = "runtime.cmpstring")]
pub unsafe extern "C" fn cmpstring(ap: *const u8, an: usize, bp: *const u8, bn: usize) -> i64 {
    let l = an.min(bn);
    // SAFETY: both strings have at least l bytes.
    let c = unsafe { mem::memcmp(ap, bp, l) };
    if c < 0 {
        -1
    } else if c > 0 {
        1
    } else {
        (an > bn) as i64 - (an < bn) as i64
    }
}

/// # Safety
/// Both ranges readable for n bytes.
#[unsafe(export_name = "runtime.memequal")]
pub unsafe extern "C" fn memequal(a: *const u8, b: *const u8, n: usize) -> u8 {
    unsafe { mem::mem_equal(a, b, n) as u8 }
}

/// # Safety
/// (p, n) is a byte slice's data; `buf` is null or a [`TMP_BUF_SIZE`]-byte buffer.
#[unsafe(export_name = "runtime.slicebytetostring")]
pub unsafe extern "C" fn slicebytetostring(buf: *mut u8, p: *const u8, n: usize) -> GoString {
    if n == 0 {
        return EMPTY;
    }
    if n == 1 {
        // SAFETY: one readable byte.
        let b = unsafe { *p };
        return GoString {
            ptr: &ONE_BYTE[b as usize],
            len: 1,
        };
    }
    let d = if !buf.is_null() && n <= TMP_BUF_SIZE {
        buf
    } else {
        mallocgc(n, core::ptr::null(), false)
    };
    // SAFETY: d has n bytes.
    unsafe { mem::memmove(d, p, n) };
    GoString { ptr: d, len: n }
}

/// gc's rawbyteslice: capacity is the rounded-up allocation size.
fn raw_byte_slice(n: usize) -> Slice {
    let cap = roundupsize(n, true);
    let p = mallocgc(cap, core::ptr::null(), true);
    Slice {
        ptr: p,
        len: n as i64,
        cap: cap as i64,
    }
}

/// # Safety
/// `out` writable; (p, n) a string; `buf` is null or a [`TMP_BUF_SIZE`]-byte buffer.
#[unsafe(export_name = "runtime.stringtoslicebyte")]
pub unsafe extern "C" fn stringtoslicebyte(out: *mut Slice, buf: *mut u8, p: *const u8, n: usize) {
    let s = if !buf.is_null() && n <= TMP_BUF_SIZE {
        // gc hands out the whole zeroed buffer as the capacity.
        // SAFETY: buf has TMP_BUF_SIZE bytes.
        unsafe { mem::memset(buf, 0, TMP_BUF_SIZE) };
        Slice {
            ptr: buf,
            len: n as i64,
            cap: TMP_BUF_SIZE as i64,
        }
    } else {
        raw_byte_slice(n)
    };
    // SAFETY: s has n bytes.
    unsafe {
        mem::memmove(s.ptr, p, n);
        out.write(s);
    }
}

/// Decodes the rune starting at `s[k]` (gc's decoderune, also correct for ASCII): invalid
/// encodings yield (RuneError, k+1).
pub fn decode(s: &[u8], k: usize) -> (i32, usize) {
    let n = s.len();
    let b0 = s[k] as i32;
    if b0 < 0x80 {
        return (b0, k + 1);
    }
    let cont = |i: usize| -> Option<i32> {
        if i < n && s[i] & 0xC0 == 0x80 {
            Some((s[i] & 0x3F) as i32)
        } else {
            None
        }
    };
    let bad = (RUNE_ERROR, k + 1);
    if (0xC2..0xE0).contains(&b0) {
        return match cont(k + 1) {
            Some(c1) => ((b0 & 0x1F) << 6 | c1, k + 2),
            None => bad,
        };
    }
    if (0xE0..0xF0).contains(&b0) {
        return match (cont(k + 1), cont(k + 2)) {
            (Some(c1), Some(c2)) => {
                let r = (b0 & 0x0F) << 12 | c1 << 6 | c2;
                if r < 0x800 || (SURROGATE_MIN..=SURROGATE_MAX).contains(&r) {
                    bad
                } else {
                    (r, k + 3)
                }
            }
            _ => bad,
        };
    }
    if (0xF0..0xF5).contains(&b0) {
        return match (cont(k + 1), cont(k + 2), cont(k + 3)) {
            (Some(c1), Some(c2), Some(c3)) => {
                let r = (b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3;
                if !(0x10000..=MAX_RUNE).contains(&r) {
                    bad
                } else {
                    (r, k + 4)
                }
            }
            _ => bad,
        };
    }
    bad
}

/// Bytes needed to encode r (invalid runes encode as U+FFFD, 3 bytes).
fn rune_len(r: i32) -> usize {
    if (0..0x80).contains(&r) {
        1
    } else if (0..0x800).contains(&r) {
        2
    } else if (0..0x10000).contains(&r) || !(0..=MAX_RUNE).contains(&r) {
        3
    } else {
        4
    }
}

/// encoderune: writes r (or U+FFFD when invalid) and returns the byte count.
pub fn encode(mut r: i32, out: &mut [u8]) -> usize {
    if !(0..=MAX_RUNE).contains(&r) || (SURROGATE_MIN..=SURROGATE_MAX).contains(&r) {
        r = RUNE_ERROR;
    }
    let r = r as u32;
    match rune_len(r as i32) {
        1 => {
            out[0] = r as u8;
            1
        }
        2 => {
            out[0] = 0xC0 | (r >> 6) as u8;
            out[1] = 0x80 | (r & 0x3F) as u8;
            2
        }
        3 => {
            out[0] = 0xE0 | (r >> 12) as u8;
            out[1] = 0x80 | ((r >> 6) & 0x3F) as u8;
            out[2] = 0x80 | (r & 0x3F) as u8;
            3
        }
        _ => {
            out[0] = 0xF0 | (r >> 18) as u8;
            out[1] = 0x80 | ((r >> 12) & 0x3F) as u8;
            out[2] = 0x80 | ((r >> 6) & 0x3F) as u8;
            out[3] = 0x80 | (r & 0x3F) as u8;
            4
        }
    }
}

/// # Safety
/// (p, n) is a string.
unsafe fn bytes_of<'a>(p: *const u8, n: usize) -> &'a [u8] {
    if n == 0 {
        &[]
    } else {
        unsafe { core::slice::from_raw_parts(p, n) }
    }
}

/// # Safety
/// `out` writable; (p, n) a string; `buf` is null or a buffer of [`TMP_BUF_SIZE`] runes.
#[unsafe(export_name = "runtime.stringtoslicerune")]
pub unsafe extern "C" fn stringtoslicerune(out: *mut Slice, buf: *mut i32, p: *const u8, n: usize) {
    // SAFETY: caller contract.
    let s = unsafe { bytes_of(p, n) };
    let count = countrunes_slice(s);
    let (d, mem) = if !buf.is_null() && count <= TMP_BUF_SIZE {
        // SAFETY: buf has TMP_BUF_SIZE runes.
        unsafe { mem::memset(buf as *mut u8, 0, TMP_BUF_SIZE * 4) };
        (buf, TMP_BUF_SIZE * 4)
    } else {
        let mem = roundupsize(count * 4, true);
        (mallocgc(mem, core::ptr::null(), true) as *mut i32, mem)
    };
    let mut k = 0;
    let mut i = 0;
    while k < s.len() {
        let (r, next) = decode(s, k);
        // SAFETY: i < count.
        unsafe { *d.add(i) = r };
        i += 1;
        k = next;
    }
    // SAFETY: out writable.
    unsafe {
        out.write(Slice {
            ptr: d as *mut u8,
            len: count as i64,
            cap: (mem / 4) as i64,
        })
    };
}

/// # Safety
/// `p` holds `n` runes; `buf` is null or a [`TMP_BUF_SIZE`]-byte buffer.
#[unsafe(export_name = "runtime.slicerunetostring")]
pub unsafe extern "C" fn slicerunetostring(buf: *mut u8, p: *const i32, n: usize) -> GoString {
    // SAFETY: caller contract.
    let runes = if n == 0 {
        &[][..]
    } else {
        unsafe { core::slice::from_raw_parts(p, n) }
    };
    let total: usize = runes
        .iter()
        .map(|&r| {
            rune_len(if (SURROGATE_MIN..=SURROGATE_MAX).contains(&r) {
                RUNE_ERROR
            } else {
                r
            })
        })
        .sum();
    if total == 0 {
        return EMPTY;
    }
    let d = if !buf.is_null() && total <= TMP_BUF_SIZE {
        buf
    } else {
        mallocgc(total, core::ptr::null(), false)
    };
    // SAFETY: d has total bytes.
    let out = unsafe { core::slice::from_raw_parts_mut(d, total) };
    let mut off = 0;
    for &r in runes {
        off += encode(r, &mut out[off..]);
    }
    GoString { ptr: d, len: total }
}

/// string(rune): invalid code points become "\uFFFD". `buf` is null or a 4-byte buffer for
/// a result that does not escape.
///
/// # Safety
/// `buf` is null or writable for 4 bytes.
#[unsafe(export_name = "runtime.intstring")]
pub unsafe extern "C" fn intstring(buf: *mut u8, v: i64) -> GoString {
    let r = if v < 0 || v > MAX_RUNE as i64 {
        RUNE_ERROR
    } else {
        v as i32
    };
    if (0..0x80).contains(&r) {
        return GoString {
            ptr: &ONE_BYTE[r as usize],
            len: 1,
        };
    }
    let d = if buf.is_null() {
        mallocgc(4, core::ptr::null(), false)
    } else {
        buf
    };
    // SAFETY: d has 4 bytes.
    let n = encode(r, unsafe { core::slice::from_raw_parts_mut(d, 4) });
    GoString { ptr: d, len: n }
}

/// Result of decoderune in rax:rdx.
#[repr(C)]
pub struct RuneAndPos {
    pub rune: i64,
    pub pos: i64,
}

/// `for i, r := range s` step for a non-ASCII byte at s[k].
///
/// # Safety
/// (p, n) is a string and k < n.
#[unsafe(export_name = "runtime.decoderune")]
pub unsafe extern "C" fn decoderune(p: *const u8, n: usize, k: usize) -> RuneAndPos {
    // SAFETY: caller contract.
    let s = unsafe { bytes_of(p, n) };
    if k >= s.len() {
        return RuneAndPos {
            rune: RUNE_ERROR as i64,
            pos: k as i64 + 1,
        };
    }
    let (r, next) = decode(s, k);
    RuneAndPos {
        rune: r as i64,
        pos: next as i64,
    }
}

fn countrunes_slice(s: &[u8]) -> usize {
    let mut k = 0;
    let mut n = 0;
    while k < s.len() {
        k = decode(s, k).1;
        n += 1;
    }
    n
}

/// # Safety
/// (p, n) is a string.
#[unsafe(export_name = "runtime.countrunes")]
pub unsafe extern "C" fn countrunes(p: *const u8, n: usize) -> i64 {
    countrunes_slice(unsafe { bytes_of(p, n) }) as i64
}
