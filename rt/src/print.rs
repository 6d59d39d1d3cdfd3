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

/// Splits core::fmt's shortest `{:e}` rendering "d.ddde±x" into its digits and decimal exponent.
fn split_sci(sci: &[u8], digits: &mut [u8; 24]) -> (usize, i32) {
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
    (nd, if eneg { -exp } else { exp })
}

/// Whether `mant * 2**exp2` (mant > 0) equals exactly `odd/2 * 10**k`, i.e. lies exactly halfway
/// between two neighbouring candidates with the last digit at 10**k.
fn is_half(mant: u64, exp2: i32, odd: u128, k: i32) -> bool {
    let tz = mant.trailing_zeros() as i32;
    let (m, e) = ((mant >> tz) as u128, exp2 + tz); // m odd
    let pow5 = |n: i32| -> Option<u128> {
        let mut p: u128 = 1;
        for _ in 0..n {
            p = p.checked_mul(5)?;
        }
        Some(p)
    };
    if k >= 0 {
        // 2*m*2**e == odd * 5**k * 2**k
        e + 1 == k && pow5(k).and_then(|p| p.checked_mul(odd)) == Some(m)
    } else {
        // 2*m*2**e * 10**j == odd, j = -k
        let j = -k;
        e + 1 + j == 0 && pow5(j).and_then(|p| p.checked_mul(m)) == Some(odd)
    }
}

/// core::fmt's shortest digits round an exact tie between two shortest candidates up; strconv
/// (whose shortest formatting rounds the exactly scaled value half to even) takes the even one.
/// Rewrites `digits`/`exp` to strconv's choice for the value `mant * 2**exp2`; `roundtrips(d, k)`
/// tells whether d*10**k reads back as the value (below a power of two the rounding interval is
/// narrower on the lower side, so the even neighbour need not be a candidate).
fn tie_to_even(
    mant: u64,
    exp2: i32,
    roundtrips: impl Fn(u64, i32) -> bool,
    digits: &mut [u8; 24],
    nd: &mut usize,
    exp: &mut i32,
) {
    if mant == 0 || *nd == 0 || *nd > 19 {
        return;
    }
    let mut d: u64 = 0;
    for &c in &digits[..*nd] {
        d = d * 10 + (c - b'0') as u64;
    }
    if d.is_multiple_of(2) {
        return;
    }
    let k = *exp - (*nd as i32 - 1);
    let new = if is_half(mant, exp2, 2 * d as u128 - 1, k) {
        d - 1
    } else if is_half(mant, exp2, 2 * d as u128 + 1, k) {
        d + 1
    } else {
        return;
    };
    if !roundtrips(new, k) {
        return;
    }
    // Render `new` (same scale as d) back into digits, dropping trailing zeros.
    let mut tmp = [0u8; 24];
    let mut n = 0;
    let mut x = new;
    while x > 0 {
        tmp[n] = b'0' + (x % 10) as u8;
        x /= 10;
        n += 1;
    }
    if n == 0 {
        return;
    }
    *exp += n as i32 - *nd as i32;
    let mut len = n;
    while len > 1 && tmp[n - len] == b'0' {
        len -= 1;
    }
    for i in 0..len {
        digits[i] = tmp[n - 1 - i];
    }
    *nd = len;
}

/// Formats a value like strconv.FormatFloat(v, 'g', -1, bits) into `out`, returning the length.
/// `sci` is the shortest round-trip `{:e}` rendering of the value (f32 or f64 as appropriate),
/// whose exact value is `mant * 2**exp2`.
fn format_g(
    neg: bool,
    sci: &[u8],
    mant: u64,
    exp2: i32,
    roundtrips: impl Fn(u64, i32) -> bool,
    out: &mut [u8; 48],
) -> usize {
    let mut digits = [0u8; 24];
    let (mut nd, mut exp) = split_sci(sci, &mut digits);
    tie_to_even(mant, exp2, roundtrips, &mut digits, &mut nd, &mut exp);
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
    let bits = v.to_bits();
    let (be, bm) = (((bits >> 52) & 0x7ff) as i32, bits & ((1 << 52) - 1));
    let (mant, exp2) = if be == 0 {
        (bm, -1074)
    } else {
        (bm | 1 << 52, be - 1075)
    };
    let rt = |d: u64, k: i32| reads_as(d, k).and_then(|s| s.parse::<f64>().ok()) == Some(v.abs());
    format_g(v.is_sign_negative(), &b.data[..b.len], mant, exp2, rt, out)
}

/// The decimal d*10**k in Rust's float syntax, for parsing it back.
fn reads_as(d: u64, k: i32) -> Option<Buf> {
    let mut b = Buf {
        data: [0; 48],
        len: 0,
    };
    core::fmt::write(&mut b, format_args!("{d}e{k}")).ok()?;
    Some(b)
}

impl Buf {
    fn parse<T: core::str::FromStr>(&self) -> Result<T, ()> {
        let s = core::str::from_utf8(&self.data[..self.len]).map_err(|_| ())?;
        s.parse::<T>().map_err(|_| ())
    }
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
    let bits = v.to_bits();
    let (be, bm) = (
        ((bits >> 23) & 0xff) as i32,
        (bits & ((1 << 23) - 1)) as u64,
    );
    let (mant, exp2) = if be == 0 {
        (bm, -149)
    } else {
        (bm | 1 << 23, be - 150)
    };
    let rt = |d: u64, k: i32| reads_as(d, k).and_then(|s| s.parse::<f32>().ok()) == Some(v.abs());
    format_g(v.is_sign_negative(), &b.data[..b.len], mant, exp2, rt, out)
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

/// gc's debuglock: one `print`/`println` statement's output is not interleaved with another
/// thread's.
static DEBUGLOCK: crate::lock_futex::Mutex = crate::lock_futex::Mutex::new();

/// gc's printlock, around each `print`/`println` statement (after its arguments are
/// evaluated): re-entrant per M (`m.printlock`), and the goroutine is not preempted while it
/// holds it (`m.locks`).
#[unsafe(export_name = "runtime.printlock")]
pub extern "C" fn printlock() {
    let m = crate::start::getm();
    // SAFETY: the calling thread's own M.
    unsafe {
        (*m).locks += 1;
        (*m).printlock += 1;
        if (*m).printlock == 1 {
            DEBUGLOCK.lock();
        }
    }
}

/// gc's printunlock.
#[unsafe(export_name = "runtime.printunlock")]
pub extern "C" fn printunlock() {
    let m = crate::start::getm();
    // SAFETY: as above; printlock was called on this M.
    unsafe {
        (*m).printlock -= 1;
        if (*m).printlock == 0 {
            DEBUGLOCK.unlock();
        }
        (*m).locks -= 1;
    }
}

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
