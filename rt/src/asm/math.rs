//! math's floor_amd64.s (archFloor, archCeil, archTrunc). gc compiles math.Floor, Ceil and
//! Trunc to ROUNDSD when the CPU has SSE4.1 (checked at run time under GOAMD64=v1) and calls
//! this assembly otherwise. rgo does the same check here: ROUNDSD when available, so results
//! are gc's bit for bit (ROUNDSD quiets a signalling NaN, GOROOT's Go fallback returns it
//! unchanged); otherwise an exact software rounding with Go's semantics.

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

/// Rounding toward zero without SSE4.1: values of magnitude 2^52 or more (and NaN, ±Inf) are
/// integers already; below, the conversion through i64 is exact. The sign is kept (-0.5 → -0).
fn trunc_soft(x: f64) -> f64 {
    if !(x.abs() < 4503599627370496.0) {
        return x;
    }
    f64::from_bits((x as i64 as f64).to_bits() | (x.to_bits() & (1 << 63)))
}

fn floor_soft(x: f64) -> f64 {
    let t = trunc_soft(x);
    if t > x { t - 1.0 } else { t }
}

fn ceil_soft(x: f64) -> f64 {
    let t = trunc_soft(x);
    if t < x {
        // Keeps the sign of a negative operand rounding up to zero (ceil(-0.5) = -0).
        let r = t + 1.0;
        if r == 0.0 { -0.0 } else { r }
    } else {
        t
    }
}

/// `func archFloor(x float64) float64`.
#[unsafe(export_name = "math.archFloor")]
pub extern "C" fn arch_floor(x: f64) -> f64 {
    if has_sse41() {
        // SAFETY: the CPU has SSE4.1.
        unsafe { roundsd::<1>(x) }
    } else {
        floor_soft(x)
    }
}

/// `func archCeil(x float64) float64`.
#[unsafe(export_name = "math.archCeil")]
pub extern "C" fn arch_ceil(x: f64) -> f64 {
    if has_sse41() {
        // SAFETY: the CPU has SSE4.1.
        unsafe { roundsd::<2>(x) }
    } else {
        ceil_soft(x)
    }
}

/// `func archTrunc(x float64) float64`.
#[unsafe(export_name = "math.archTrunc")]
pub extern "C" fn arch_trunc(x: f64) -> f64 {
    if has_sse41() {
        // SAFETY: the CPU has SSE4.1.
        unsafe { roundsd::<3>(x) }
    } else {
        trunc_soft(x)
    }
}
