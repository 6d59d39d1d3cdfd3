//! The print/println builtins (reference §11), byte-for-byte as gc 1.27.3 prints them. All output
//! goes to stderr. core::fmt is used only to obtain the shortest round-trip digits of floats.

use crate::sys;

const STDERR: usize = 2;

pub fn bytes(b: &[u8]) {
    // SAFETY: single-threaded runtime; CAPTURE is set only while runtime.Stack formats.
    unsafe {
        let c = &mut *core::ptr::addr_of_mut!(CAPTURE);
        if !c.buf.is_null() {
            let n = b.len().min(c.cap - c.len);
            core::ptr::copy_nonoverlapping(b.as_ptr(), c.buf.add(c.len), n);
            c.len += n;
            return;
        }
    }
    sys::write_all(STDERR, b);
}

/// A buffer that receives the printed bytes instead of standard error (runtime.Stack).
pub struct Capture {
    pub buf: *mut u8,
    pub cap: usize,
    pub len: usize,
}

pub static mut CAPTURE: Capture = Capture {
    buf: core::ptr::null_mut(),
    cap: 0,
    len: 0,
};

pub fn uint(mut v: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    bytes(&buf[i..]);
}

pub fn int(v: i64) {
    if v < 0 {
        bytes(b"-");
    }
    uint(v.unsigned_abs());
}

pub fn hex(mut v: u64) {
    let mut buf = [0u8; 18];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b"0123456789abcdef"[(v & 15) as usize];
        v >>= 4;
        if v == 0 {
            break;
        }
    }
    i -= 2;
    buf[i] = b'0';
    buf[i + 1] = b'x';
    bytes(&buf[i..]);
}

/// Fixed-capacity sink for core::fmt (floats need at most ~30 bytes in `{:e}` form).
struct Buf {
    data: [u8; 48],
    len: usize,
}

impl core::fmt::Write for Buf {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        let b = s.as_bytes();
        if self.len + b.len() > self.data.len() {
            return Err(core::fmt::Error);
        }
        self.data[self.len..self.len + b.len()].copy_from_slice(b);
        self.len += b.len();
        Ok(())
    }
}

/// Formats `v` like strconv.FormatFloat(v, 'g', -1, bits) into `out`, returning the length.
/// `sci` is the shortest round-trip `{:e}` rendering of the value (f32 or f64 as appropriate).
fn format_g(neg: bool, sci: &[u8], out: &mut [u8; 48]) -> usize {
    // Split "d.ddde±x" into digits and exponent.
    let mut digits = [0u8; 24];
    let mut nd = 0;
    let mut i = 0;
    while i < sci.len() && sci[i] != b'e' {
        if sci[i].is_ascii_digit() && nd < digits.len() {
            digits[nd] = sci[i];
            nd += 1;
        }
        i += 1;
    }
    let mut exp: i32 = 0;
    let mut eneg = false;
    i += 1;
    if i < sci.len() && sci[i] == b'-' {
        eneg = true;
        i += 1;
    }
    while i < sci.len() {
        exp = exp * 10 + (sci[i] - b'0') as i32;
        i += 1;
    }
    if eneg {
        exp = -exp;
    }
    // Zero is rendered "0e0"; strconv treats it as no digits, which gives the same output.
    let mut n = 0;
    let mut put = |c: u8, n: &mut usize| {
        if *n < out.len() {
            out[*n] = c;
            *n += 1;
        }
    };
    if neg {
        put(b'-', &mut n);
    }
    // Shortest 'g' uses %e when exp < -4 || exp >= eprec, and eprec is 6 for shortest.
    if !(-4..6).contains(&exp) {
        put(digits[0], &mut n);
        if nd > 1 {
            put(b'.', &mut n);
            for &d in &digits[1..nd] {
                put(d, &mut n);
            }
        }
        put(b'e', &mut n);
        put(if exp < 0 { b'-' } else { b'+' }, &mut n);
        let e = exp.unsigned_abs();
        if e >= 100 {
            put(b'0' + (e / 100) as u8, &mut n);
        }
        put(b'0' + (e / 10 % 10) as u8, &mut n);
        put(b'0' + (e % 10) as u8, &mut n);
    } else {
        let dp = exp + 1; // digits before the decimal point
        if dp <= 0 {
            put(b'0', &mut n);
        } else {
            let dp = dp as usize;
            for &d in &digits[..nd.min(dp)] {
                put(d, &mut n);
            }
            for _ in nd.min(dp)..dp {
                put(b'0', &mut n);
            }
        }
        let prec = nd as i32 - dp;
        if prec > 0 {
            put(b'.', &mut n);
            for k in 0..prec {
                let idx = dp + k;
                put(
                    if idx >= 0 && (idx as usize) < nd {
                        digits[idx as usize]
                    } else {
                        b'0'
                    },
                    &mut n,
                );
            }
        }
    }
    n
}

fn special(v: f64, out: &mut [u8; 48]) -> Option<usize> {
    let s: &[u8] = if v.is_nan() {
        b"NaN"
    } else if v == f64::INFINITY {
        b"+Inf"
    } else if v == f64::NEG_INFINITY {
        b"-Inf"
    } else {
        return None;
    };
    out[..s.len()].copy_from_slice(s);
    Some(s.len())
}

pub fn fmt_f64(v: f64, out: &mut [u8; 48]) -> usize {
    if let Some(n) = special(v, out) {
        return n;
    }
    let mut b = Buf {
        data: [0; 48],
        len: 0,
    };
    let _ = core::fmt::write(&mut b, format_args!("{:e}", v.abs()));
    format_g(v.is_sign_negative(), &b.data[..b.len], out)
}

pub fn fmt_f32(v: f32, out: &mut [u8; 48]) -> usize {
    if let Some(n) = special(v as f64, out) {
        return n;
    }
    let mut b = Buf {
        data: [0; 48],
        len: 0,
    };
    let _ = core::fmt::write(&mut b, format_args!("{:e}", v.abs()));
    format_g(v.is_sign_negative(), &b.data[..b.len], out)
}

pub fn float64(v: f64) {
    let mut out = [0u8; 48];
    let n = fmt_f64(v, &mut out);
    bytes(&out[..n]);
}

pub fn float32(v: f32) {
    let mut out = [0u8; 48];
    let n = fmt_f32(v, &mut out);
    bytes(&out[..n]);
}

/// strconv.AppendComplex: the imaginary part always carries a sign.
fn complex_parts(re: &[u8], im: &[u8]) {
    bytes(b"(");
    bytes(re);
    if im[0] != b'+' && im[0] != b'-' {
        bytes(b"+");
    }
    bytes(im);
    bytes(b"i)");
}

pub fn complex128(re: f64, im: f64) {
    let (mut a, mut b) = ([0u8; 48], [0u8; 48]);
    let na = fmt_f64(re, &mut a);
    let nb = fmt_f64(im, &mut b);
    complex_parts(&a[..na], &b[..nb]);
}

pub fn complex64(re: f32, im: f32) {
    let (mut a, mut b) = ([0u8; 48], [0u8; 48]);
    let na = fmt_f32(re, &mut a);
    let nb = fmt_f32(im, &mut b);
    complex_parts(&a[..na], &b[..nb]);
}

/// printindented: every newline is followed by a tab (panic values).
pub fn indented(s: &[u8]) {
    let mut start = 0;
    for (i, &c) in s.iter().enumerate() {
        if c == b'\n' {
            bytes(&s[start..=i]);
            bytes(b"\t");
            start = i + 1;
        }
    }
    bytes(&s[start..]);
}

/// # Safety
/// `p` must be valid for `n` bytes (or n == 0).
pub unsafe fn raw(p: *const u8, n: usize) -> &'static [u8] {
    if n == 0 || p.is_null() {
        &[]
    } else {
        unsafe { core::slice::from_raw_parts(p, n) }
    }
}

// ---- exported builtins ---------------------------------------------------------------------

/// Statement-level lock; a no-op while there is a single thread.
#[unsafe(export_name = "runtime.printlock")]
pub extern "C" fn printlock() {}

#[unsafe(export_name = "runtime.printunlock")]
pub extern "C" fn printunlock() {}

#[unsafe(export_name = "runtime.printsp")]
pub extern "C" fn printsp() {
    bytes(b" ");
}

#[unsafe(export_name = "runtime.printnl")]
pub extern "C" fn printnl() {
    bytes(b"\n");
}

#[unsafe(export_name = "runtime.printbool")]
pub extern "C" fn printbool(v: u8) {
    bytes(if v != 0 { b"true" } else { b"false" });
}

#[unsafe(export_name = "runtime.printint")]
pub extern "C" fn printint(v: i64) {
    int(v);
}

#[unsafe(export_name = "runtime.printuint")]
pub extern "C" fn printuint(v: u64) {
    uint(v);
}

#[unsafe(export_name = "runtime.printhex")]
pub extern "C" fn printhex(v: u64) {
    hex(v);
}

#[unsafe(export_name = "runtime.printfloat64")]
pub extern "C" fn printfloat64(v: f64) {
    float64(v);
}

#[unsafe(export_name = "runtime.printfloat32")]
pub extern "C" fn printfloat32(v: f32) {
    float32(v);
}

#[unsafe(export_name = "runtime.printcomplex128")]
pub extern "C" fn printcomplex128(re: f64, im: f64) {
    complex128(re, im);
}

#[unsafe(export_name = "runtime.printcomplex64")]
pub extern "C" fn printcomplex64(re: f32, im: f32) {
    complex64(re, im);
}

/// # Safety
/// (p, n) is a Go string.
#[unsafe(export_name = "runtime.printstring")]
pub unsafe extern "C" fn printstring(p: *const u8, n: usize) {
    bytes(unsafe { raw(p, n) });
}

#[unsafe(export_name = "runtime.printpointer")]
pub extern "C" fn printpointer(p: usize) {
    hex(p as u64);
}

#[unsafe(export_name = "runtime.printslice")]
pub extern "C" fn printslice(p: usize, len: i64, cap: i64) {
    bytes(b"[");
    int(len);
    bytes(b"/");
    int(cap);
    bytes(b"]");
    hex(p as u64);
}

#[unsafe(export_name = "runtime.printeface")]
pub extern "C" fn printeface(typ: usize, data: usize) {
    bytes(b"(");
    hex(typ as u64);
    bytes(b",");
    hex(data as u64);
    bytes(b")");
}

#[unsafe(export_name = "runtime.printiface")]
pub extern "C" fn printiface(itab: usize, data: usize) {
    printeface(itab, data);
}
