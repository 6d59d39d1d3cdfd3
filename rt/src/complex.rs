//! Complex division (gc's runtime.complex128div): Smith's algorithm, then C99 Annex G's
//! recovery of infinities and zeros when both parts came out NaN.

/// A complex128 returned in xmm0:xmm1 (a SysV struct of two doubles).
#[repr(C)]
pub struct Complex128 {
    pub re: f64,
    pub im: f64,
}

const SIGN: u64 = 1 << 63;

fn abs(x: f64) -> f64 {
    f64::from_bits(x.to_bits() & !SIGN)
}

fn copysign(x: f64, y: f64) -> f64 {
    f64::from_bits((x.to_bits() & !SIGN) | (y.to_bits() & SIGN))
}

fn is_nan(x: f64) -> bool {
    x.is_nan()
}

fn is_finite(x: f64) -> bool {
    x.is_finite()
}

fn is_inf(x: f64) -> bool {
    !is_nan(x) && !is_finite(x)
}

/// A signed 1 for an infinity, a signed 0 otherwise.
fn inf2one(x: f64) -> f64 {
    copysign(if is_inf(x) { 1.0 } else { 0.0 }, x)
}

/// (nr + ni·i) / (dr + di·i).
#[unsafe(export_name = "runtime.complex128div")]
pub extern "C" fn complex128div(nr: f64, ni: f64, dr: f64, di: f64) -> Complex128 {
    let (mut e, mut f);
    if abs(dr) >= abs(di) {
        let ratio = di / dr;
        let denom = dr + ratio * di;
        e = (nr + ni * ratio) / denom;
        f = (ni - nr * ratio) / denom;
    } else {
        let ratio = dr / di;
        let denom = di + ratio * dr;
        e = (nr * ratio + ni) / denom;
        f = (ni * ratio - nr) / denom;
    }
    if is_nan(e) && is_nan(f) {
        let (mut a, mut b, mut c, mut d) = (nr, ni, dr, di);
        let inf = f64::INFINITY;
        if c == 0.0 && d == 0.0 && (!is_nan(a) || !is_nan(b)) {
            e = copysign(inf, c) * a;
            f = copysign(inf, c) * b;
        } else if (is_inf(a) || is_inf(b)) && is_finite(c) && is_finite(d) {
            a = inf2one(a);
            b = inf2one(b);
            e = inf * (a * c + b * d);
            f = inf * (b * c - a * d);
        } else if (is_inf(c) || is_inf(d)) && is_finite(a) && is_finite(b) {
            c = inf2one(c);
            d = inf2one(d);
            e = 0.0 * (a * c + b * d);
            f = 0.0 * (b * c - a * d);
        }
    }
    Complex128 { re: e, im: f }
}
