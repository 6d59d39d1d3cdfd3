//! Rounding as gc compiles a call of math.Floor, Ceil, Trunc or RoundToEven: ROUNDSD when the
//! CPU has SSE4.1 (checked at run time under GOAMD64=v1), the function otherwise. ROUNDSD
//! quiets a signalling NaN where the functions (floor_amd64.s, GOROOT's Go) return it
//! unchanged, so the two paths differ only there; calls through a func value run the function
//! (math.archFloor and friends: floor_amd64.s itself, assembled by rgo's asm crate), also as
//! in gc.

use core::arch::x86_64::{__m128d, _mm_cvtsd_f64, _mm_round_sd, _mm_set_sd};
use core::sync::atomic::{AtomicU8, Ordering};

/// 0: not checked yet, 1: no SSE4.1, 2: SSE4.1.
static SSE41: AtomicU8 = AtomicU8::new(0);

fn has_sse41() -> bool {
    match SSE41.load(Ordering::Relaxed) {
        0 => {
            // CPUID leaf 1, ECX bit 19.
            let r = core::arch::x86_64::__cpuid(1);
            let yes = r.ecx & (1 << 19) != 0;
            SSE41.store(if yes { 2 } else { 1 }, Ordering::Relaxed);
            yes
        }
        v => v == 2,
    }
}

/// ROUNDSD with rounding-mode immediate `MODE` (1 floor, 2 ceil, 3 trunc), as gc emits it.
#[target_feature(enable = "sse4.1")]
unsafe fn roundsd<const MODE: i32>(x: f64) -> f64 {
    let v: __m128d = _mm_set_sd(x);
    _mm_cvtsd_f64(_mm_round_sd::<MODE>(v, v))
}

/// Rounding toward zero without SSE4.1 (floor_amd64.s's results): values of magnitude 2^52 or more (and NaN, ±Inf) are
/// integers already; below, the conversion through i64 is exact. The sign is kept (-0.5 → -0).
fn trunc_soft(x: f64) -> f64 {
    if x.is_nan() || x.abs() >= 4503599627370496.0 {
        return x;
    }
    f64::from_bits((x as i64 as f64).to_bits() | (x.to_bits() & (1 << 63)))
}

fn floor_soft(x: f64) -> f64 {
    let t = trunc_soft(x);
    if t > x { t - 1.0 } else { t }
}

fn ceil_soft(x: f64) -> f64 {
    // trunc keeps the sign of a negative operand rounding up to zero (ceil(-0.5) = -0).
    let t = trunc_soft(x);
    if t < x { t + 1.0 } else { t }
}

/// Round half to even, keeping the sign (RoundToEven(-0.5) = -0).
fn round_even_soft(x: f64) -> f64 {
    let t = trunc_soft(x);
    if t.is_nan() || t.abs() >= 4503599627370496.0 {
        return t;
    }
    let frac = (x - t).abs();
    let odd = (t as i64) & 1 != 0;
    if frac > 0.5 || (frac == 0.5 && odd) {
        if x < 0.0 { t - 1.0 } else { t + 1.0 }
    } else {
        t
    }
}

// Cranelift's floor/ceil/trunc/nearest instructions become calls of these C-named functions
// when the target lacks SSE4.1, which GOAMD64=v1 does not assume (backend/src/emit.rs).

/// `math.Floor(x)` at a call site.
#[unsafe(no_mangle)]
pub extern "C" fn floor(x: f64) -> f64 {
    if has_sse41() {
        // SAFETY: the CPU has SSE4.1.
        unsafe { roundsd::<1>(x) }
    } else {
        floor_soft(x)
    }
}

/// `math.Ceil(x)` at a call site.
#[unsafe(no_mangle)]
pub extern "C" fn ceil(x: f64) -> f64 {
    if has_sse41() {
        // SAFETY: the CPU has SSE4.1.
        unsafe { roundsd::<2>(x) }
    } else {
        ceil_soft(x)
    }
}

/// `math.Trunc(x)` at a call site.
#[unsafe(no_mangle)]
pub extern "C" fn trunc(x: f64) -> f64 {
    if has_sse41() {
        // SAFETY: the CPU has SSE4.1.
        unsafe { roundsd::<3>(x) }
    } else {
        trunc_soft(x)
    }
}

/// `math.RoundToEven(x)` at a call site.
#[unsafe(no_mangle)]
pub extern "C" fn nearbyint(x: f64) -> f64 {
    if has_sse41() {
        // SAFETY: the CPU has SSE4.1.
        unsafe { roundsd::<0>(x) }
    } else {
        round_even_soft(x)
    }
}
