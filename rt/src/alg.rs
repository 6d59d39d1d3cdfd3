//! Hashing and equality driven by type descriptors (gc's typehash / type equality, with its
//! semantics: ±0 equal and hashing alike, NaN unequal to itself and hashing randomly, blank
//! struct fields ignored, interfaces compared by dynamic type then value).

use crate::mem::mem_equal;
use crate::panic;
use crate::types::{self, Type};

const P0: u64 = 0xa076_1d64_78bd_642f;
const P1: u64 = 0xe703_7ed1_a0b4_28db;
const P2: u64 = 0x8ebc_6af0_9c88_c6e3;

#[inline(always)]
fn mix(a: u64, b: u64) -> u64 {
    let r = (a as u128).wrapping_mul(b as u128);
    (r as u64) ^ ((r >> 64) as u64)
}

/// wyhash-style hash of n bytes at p.
///
/// # Safety
/// p readable for n bytes.
#[inline]
pub unsafe fn memhash(p: *const u8, n: usize, seed: u64) -> u64 {
    let mut h = seed ^ mix(n as u64 ^ P0, P1);
    let mut i = 0;
    while i + 16 <= n {
        // SAFETY: i+16 <= n.
        let (a, b) = unsafe {
            (
                (p.add(i) as *const u64).read_unaligned(),
                (p.add(i + 8) as *const u64).read_unaligned(),
            )
        };
        h = mix(a ^ P1, b ^ h);
        i += 16;
    }
    if i + 8 <= n {
        // SAFETY: i+8 <= n.
        let a = unsafe { (p.add(i) as *const u64).read_unaligned() };
        h = mix(a ^ P2, h ^ P0);
        i += 8;
    }
    if i < n {
        let mut t: u64 = 0;
        for k in 0..n - i {
            // SAFETY: i+k < n.
            t |= (unsafe { *p.add(i + k) } as u64) << (8 * k);
        }
        h = mix(t ^ P0, h ^ P2);
    }
    mix(h ^ P1, P2 ^ n as u64)
}

/// Cheap random numbers (gc's cheaprand): map seeds, NaN hashes, iteration start points; from
/// the calling thread's state (rand.rs).
pub fn rand64() -> u64 {
    let st = crate::rand::state();
    *st = st.wrapping_add(P0);
    mix(*st, *st ^ P1)
}

fn float_hash(v: f64, h: u64) -> u64 {
    if v == 0.0 {
        mix(h ^ P0, P1) // +0 and -0 hash alike
    } else if v.is_nan() {
        mix(h ^ rand64(), P2) // NaN != NaN: spread them randomly
    } else {
        let b = v.to_bits();
        // SAFETY: 8 bytes on our stack.
        unsafe { memhash(&b as *const u64 as *const u8, 8, h) }
    }
}

fn unhashable(t: &Type) -> ! {
    panic_type_error(b"hash of unhashable type ", t)
}

fn panic_type_error(prefix: &[u8], t: &Type) -> ! {
    panic::runtime_error_parts(&[prefix, t.string()])
}

fn is_empty_interface(t: &Type) -> bool {
    // InterfaceType.Methods is a slice at +56; its length is at +64.
    // SAFETY: t is an interface descriptor.
    unsafe { t.word(64) == 0 }
}

/// Dynamic type of an interface value at p.
///
/// # Safety
/// p points to an interface value of type t.
unsafe fn dyn_type(t: &Type, p: *const u8) -> *const Type {
    unsafe {
        let w = *(p as *const usize);
        if w == 0 {
            return core::ptr::null();
        }
        if is_empty_interface(t) {
            w as *const Type
        } else {
            *((w + 8) as *const usize) as *const Type
        }
    }
}

/// Hash of the value of type `t` at `p`.
///
/// # Safety
/// p points to a value of type t.
pub unsafe fn typehash(t: &Type, p: *const u8, h: u64) -> u64 {
    if t.tflag & types::TFLAG_REGULAR_MEMORY != 0 {
        return unsafe { memhash(p, t.size, h) };
    }
    unsafe {
        match t.kind {
            types::KIND_FLOAT32 => float_hash(*(p as *const f32) as f64, h),
            types::KIND_FLOAT64 => float_hash(*(p as *const f64), h),
            types::KIND_COMPLEX64 => {
                let c = p as *const f32;
                float_hash(*c.add(1) as f64, float_hash(*c as f64, h))
            }
            types::KIND_COMPLEX128 => {
                let c = p as *const f64;
                float_hash(*c.add(1), float_hash(*c, h))
            }
            types::KIND_STRING => {
                let (sp, sn) = *(p as *const (*const u8, usize));
                memhash(sp, sn, h)
            }
            types::KIND_INTERFACE => {
                let dt = dyn_type(t, p);
                if dt.is_null() {
                    return mix(h ^ P2, P0);
                }
                let dt = &*dt;
                if dt.equal == 0 {
                    unhashable(dt);
                }
                let data = (p as *const usize).add(1);
                let h = h ^ (dt.hash as u64);
                if dt.tflag & types::TFLAG_DIRECT_IFACE != 0 {
                    typehash(dt, data as *const u8, h)
                } else {
                    typehash(dt, *data as *const u8, h)
                }
            }
            types::KIND_ARRAY => {
                let e = t.elem();
                let mut h = h;
                for i in 0..t.array_len() {
                    h = typehash(e, p.add(i * e.size), h);
                }
                h
            }
            types::KIND_STRUCT => {
                let mut h = h;
                for f in t.fields() {
                    if f.is_blank() {
                        continue;
                    }
                    h = typehash(&*f.typ, p.add(f.offset), h);
                }
                h
            }
            types::KIND_FUNC | types::KIND_MAP | types::KIND_SLICE => unhashable(t),
            _ => memhash(p, t.size, h),
        }
    }
}

/// Equality of two values of type `t`.
///
/// # Safety
/// p and q point to values of type t.
pub unsafe fn typeequal(t: &Type, p: *const u8, q: *const u8) -> bool {
    if t.tflag & types::TFLAG_REGULAR_MEMORY != 0 {
        return unsafe { mem_equal(p, q, t.size) };
    }
    unsafe {
        match t.kind {
            types::KIND_FLOAT32 | types::KIND_COMPLEX64 => {
                let (a, b) = (p as *const f32, q as *const f32);
                let n = if t.kind == types::KIND_FLOAT32 { 1 } else { 2 };
                (0..n).all(|i| *a.add(i) == *b.add(i))
            }
            types::KIND_FLOAT64 | types::KIND_COMPLEX128 => {
                let (a, b) = (p as *const f64, q as *const f64);
                let n = if t.kind == types::KIND_FLOAT64 { 1 } else { 2 };
                (0..n).all(|i| *a.add(i) == *b.add(i))
            }
            types::KIND_STRING => {
                let (ap, an) = *(p as *const (*const u8, usize));
                let (bp, bn) = *(q as *const (*const u8, usize));
                an == bn && mem_equal(ap, bp, an)
            }
            types::KIND_INTERFACE => {
                let (ta, tb) = (dyn_type(t, p), dyn_type(t, q));
                if ta != tb {
                    return false;
                }
                if ta.is_null() {
                    return true;
                }
                let dt = &*ta;
                if dt.equal == 0 {
                    panic_type_error(b"comparing uncomparable type ", dt);
                }
                let (da, db) = ((p as *const usize).add(1), (q as *const usize).add(1));
                if dt.tflag & types::TFLAG_DIRECT_IFACE != 0 {
                    *da == *db
                } else {
                    typeequal(dt, *da as *const u8, *db as *const u8)
                }
            }
            types::KIND_ARRAY => {
                let e = t.elem();
                (0..t.array_len()).all(|i| typeequal(e, p.add(i * e.size), q.add(i * e.size)))
            }
            types::KIND_STRUCT => t
                .fields()
                .iter()
                .all(|f| f.is_blank() || typeequal(&*f.typ, p.add(f.offset), q.add(f.offset))),
            _ => mem_equal(p, q, t.size),
        }
    }
}

// ---- gc's algorithm closures ------------------------------------------------------------------
//
// Type descriptors point their Equal field (and MapType.Hasher) at funcval closures such as
// `runtime.memequal64·f`; generated code calls them as Go funcs: parameter 0 is the closure
// context, then (p, q) for equality or (p, seed) for hashing. With at most six integer
// parameters Cranelift's `tail` convention and SysV agree on registers and callee-saved set,
// so these are plain `extern "C"` functions.

macro_rules! memequal_fixed {
    ($($name:literal $closure:literal $fname:ident $n:literal),* $(,)?) => {$(
        /// # Safety
        /// p and q point to values of the given size.
        #[unsafe(export_name = $name)]
        pub unsafe extern "C" fn $fname(_ctx: usize, p: *const u8, q: *const u8) -> u8 {
            mem_equal(p, q, $n) as u8
        }
        const _: () = {
            #[unsafe(export_name = $closure)]
            static CLOSURE: unsafe extern "C" fn(usize, *const u8, *const u8) -> u8 = $fname;
        };
    )*};
}

memequal_fixed! {
    "runtime.memequal0" "runtime.memequal0·f" memequal0 0,
    "runtime.memequal8" "runtime.memequal8·f" memequal8 1,
    "runtime.memequal16" "runtime.memequal16·f" memequal16 2,
    "runtime.memequal32" "runtime.memequal32·f" memequal32 4,
    "runtime.memequal64" "runtime.memequal64·f" memequal64 8,
    "runtime.memequal128" "runtime.memequal128·f" memequal128 16,
}

/// Equal of `type:.eqfunc.M<n>` = {memequal_varlen, n}: the size is the closure's word 1.
///
/// # Safety
/// ctx is such a closure; p and q point to n bytes.
#[unsafe(export_name = "runtime.memequal_varlen")]
pub unsafe extern "C" fn memequal_varlen(ctx: usize, p: *const u8, q: *const u8) -> u8 {
    mem_equal(p, q, *((ctx + 8) as *const usize)) as u8
}

/// Static descriptors for the kinds whose gc equality/hash functions are shared closures.
static F32_TYPE: Type = basic_type(4, types::KIND_FLOAT32);
static F64_TYPE: Type = basic_type(8, types::KIND_FLOAT64);
static C64_TYPE: Type = basic_type(8, types::KIND_COMPLEX64);
static C128_TYPE: Type = basic_type(16, types::KIND_COMPLEX128);
static STR_TYPE: Type = basic_type(16, types::KIND_STRING);
/// An interface descriptor tail is read for its method count (word at +64): these two are
/// only ever passed where an empty (eface) or non-empty (iface) interface is meant.
static EFACE_TYPE: [usize; 10] = iface_type(0);
static IFACE_TYPE: [usize; 10] = iface_type(1);

const fn basic_type(size: usize, kind: u8) -> Type {
    Type {
        size,
        ptr_bytes: 0,
        hash: 0,
        tflag: 0,
        align: 8,
        field_align: 8,
        kind,
        equal: 1,
        gcdata: core::ptr::null(),
        str_off: 0,
        ptr_to_this: 0,
    }
}

const fn iface_type(nmethods: usize) -> [usize; 10] {
    // Header words: size 16, ptrbytes 16, hash/tflag/align/kind word, equal, gcdata, str;
    // then PkgPath, Methods{ptr, len, cap}.
    let kind_word = (types::KIND_INTERFACE as usize) << 56 | 8 << 48 | 8 << 40;
    [16, 16, kind_word, 1, 0, 0, 0, 0, nmethods, nmethods]
}

macro_rules! typed_alg {
    ($($eqname:literal $eqclosure:literal $eqf:ident $hname:literal $hclosure:literal $hf:ident $ty:expr),* $(,)?) => {$(
        /// # Safety
        /// p and q point to values of the closure's type.
        #[unsafe(export_name = $eqname)]
        pub unsafe extern "C" fn $eqf(_ctx: usize, p: *const u8, q: *const u8) -> u8 {
            typeequal(&*($ty as *const _ as *const Type), p, q) as u8
        }
        /// # Safety
        /// p points to a value of the closure's type.
        #[unsafe(export_name = $hname)]
        pub unsafe extern "C" fn $hf(_ctx: usize, p: *const u8, seed: u64) -> u64 {
            typehash(&*($ty as *const _ as *const Type), p, seed)
        }
        const _: () = {
            #[unsafe(export_name = $eqclosure)]
            static EQ: unsafe extern "C" fn(usize, *const u8, *const u8) -> u8 = $eqf;
            #[unsafe(export_name = $hclosure)]
            static HASH: unsafe extern "C" fn(usize, *const u8, u64) -> u64 = $hf;
        };
    )*};
}

typed_alg! {
    "runtime.f32equal" "runtime.f32equal·f" f32equal "runtime.f32hash" "runtime.f32hash·f" f32hash &F32_TYPE,
    "runtime.f64equal" "runtime.f64equal·f" f64equal "runtime.f64hash" "runtime.f64hash·f" f64hash &F64_TYPE,
    "runtime.c64equal" "runtime.c64equal·f" c64equal "runtime.c64hash" "runtime.c64hash·f" c64hash &C64_TYPE,
    "runtime.c128equal" "runtime.c128equal·f" c128equal "runtime.c128hash" "runtime.c128hash·f" c128hash &C128_TYPE,
    "runtime.strequal" "runtime.strequal·f" strequal "runtime.strhash" "runtime.strhash·f" strhash &STR_TYPE,
    "runtime.nilinterequal" "runtime.nilinterequal·f" nilinterequal "runtime.nilinterhash" "runtime.nilinterhash·f" nilinterhash &EFACE_TYPE,
    "runtime.interequal" "runtime.interequal·f" interequal "runtime.interhash" "runtime.interhash·f" interhash &IFACE_TYPE,
}

macro_rules! memhash_fixed {
    ($($name:literal $closure:literal $fname:ident $n:literal),* $(,)?) => {$(
        /// # Safety
        /// p points to a value of the given size.
        #[unsafe(export_name = $name)]
        pub unsafe extern "C" fn $fname(_ctx: usize, p: *const u8, seed: u64) -> u64 {
            memhash(p, $n, seed)
        }
        const _: () = {
            #[unsafe(export_name = $closure)]
            static CLOSURE: unsafe extern "C" fn(usize, *const u8, u64) -> u64 = $fname;
        };
    )*};
}

memhash_fixed! {
    "runtime.memhash0" "runtime.memhash0·f" memhash0 0,
    "runtime.memhash8" "runtime.memhash8·f" memhash8 1,
    "runtime.memhash16" "runtime.memhash16·f" memhash16 2,
    "runtime.memhash32" "runtime.memhash32·f" memhash32 4,
    "runtime.memhash64" "runtime.memhash64·f" memhash64 8,
    "runtime.memhash128" "runtime.memhash128·f" memhash128 16,
}

/// Hasher of `type:.hashfunc.M<n>` = {memhash_varlen, n}.
///
/// # Safety
/// ctx is such a closure; p points to n bytes.
#[unsafe(export_name = "runtime.memhash_varlen")]
pub unsafe extern "C" fn memhash_varlen(ctx: usize, p: *const u8, seed: u64) -> u64 {
    memhash(p, *((ctx + 8) as *const usize), seed)
}

/// `runtime.memhash(p, h, n)` in gc's argument order, for compiler-generated hash functions
/// (`type:.hash.<sig>`) hashing a memory run that is not 4 or 8 bytes long.
///
/// # Safety
/// `p` points to `n` readable bytes.
#[unsafe(export_name = "runtime.memhash")]
pub unsafe extern "C" fn memhash_c(p: *const u8, h: u64, n: usize) -> u64 {
    // SAFETY: forwarded contract.
    unsafe { memhash(p, n, h) }
}
