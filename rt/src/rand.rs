//! Random numbers (gc's rand.go): `runtime.rand` (math/rand, math/rand/v2, os, unique,
//! internal/sync...) and `runtime.cheaprand`. gc uses a per-M ChaCha8 generator seeded at
//! start-up; rgo uses wyrand seeded from getrandom, which is as unpredictable to programs (the
//! sequences differ from gc's, as they do between gc runs).

use crate::sys;

/// The calling thread's generator state (gc's m.cheaprand), seeded from the kernel on first
/// use: each M has its own, so no two threads advance one state.
pub fn state() -> &'static mut u64 {
    // SAFETY: the M's own field; only its thread uses it (a signal handler does not).
    let st = unsafe { &mut (*crate::start::getm()).cheaprand };
    if *st == 0 {
        *st = sys::random_u64() | 1;
    }
    st
}

/// wyrand's step.
pub fn next() -> u64 {
    let st = state();
    *st = st.wrapping_add(0xa076_1d64_78bd_642f);
    let t = (*st as u128).wrapping_mul((*st ^ 0xe703_7ed1_a0b4_28db) as u128);
    (t >> 64) as u64 ^ t as u64
}

/// `runtime.rand`: a random 64-bit number.
#[unsafe(export_name = "runtime.rand")]
pub extern "C" fn rand() -> u64 {
    next()
}

/// `runtime.cheaprand`: a random 32-bit number.
#[unsafe(export_name = "runtime.cheaprand")]
pub extern "C" fn cheaprand() -> u32 {
    next() as u32
}
