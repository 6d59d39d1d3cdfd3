//! gc's sizes and alignments on linux/amd64 (cmd/compile/internal/types/size.go rules), shared by
//! the checker (`unsafe.Sizeof` and friends) and the midend.
//!
//! Rules: words are 8 bytes; complex types align like their halves; a struct is laid out in order
//! with each field at its alignment, and when the last field has size zero (and the struct is not
//! itself zero-sized) one byte of padding is added so that `&s.last` never points past the object;
//! the struct's size is rounded up to its alignment. Type parameters have no layout (reported as 8).

use super::model::*;

const PTR: u64 = 8;

fn round(x: u64, a: u64) -> u64 {
    // Sizes saturate at u64::MAX ("too large") instead of overflowing.
    if a <= 1 {
        x
    } else {
        x.div_ceil(a).saturating_mul(a)
    }
}

pub fn size_of(tt: &TypeTable, t: TypeId) -> u64 {
    size_align(tt, t, 0).0
}

pub fn align_of(tt: &TypeTable, t: TypeId) -> u64 {
    size_align(tt, t, 0).1
}

/// Offsets of the fields of a struct (after `underlying`); empty for non-structs.
pub fn field_offsets(tt: &TypeTable, t: TypeId) -> Vec<u64> {
    match tt.get(tt.underlying(t)) {
        Type::Struct(fields) => struct_layout(tt, fields, 0).2,
        _ => Vec::new(),
    }
}

fn struct_layout(tt: &TypeTable, fields: &[StructField], depth: u32) -> (u64, u64, Vec<u64>) {
    let mut off = 0u64;
    let mut align = 1u64;
    let mut offs = Vec::with_capacity(fields.len());
    let mut last_zero = false;
    for f in fields {
        let (s, a) = size_align(tt, f.typ, depth + 1);
        off = round(off, a);
        offs.push(off);
        off = off.saturating_add(s);
        align = align.max(a);
        last_zero = s == 0;
    }
    if last_zero && off > 0 {
        off = off.saturating_add(1);
    }
    (round(off, align), align, offs)
}

/// (size, align). Depth-limited so that malformed (cyclic) types cannot recurse forever.
pub fn size_align(tt: &TypeTable, t: TypeId, depth: u32) -> (u64, u64) {
    if depth > 200 {
        return (0, 1);
    }
    use BasicKind::*;
    match tt.get(tt.underlying(t)) {
        Type::Basic(k) => match k {
            Bool | Int8 | Uint8 => (1, 1),
            Int16 | Uint16 => (2, 2),
            Int32 | Uint32 | Float32 | UntypedRune => (4, 4),
            Int | Int64 | Uint | Uint64 | Uintptr | Float64 | UnsafePointer | UntypedInt
            | UntypedFloat => (8, 8),
            Complex64 => (8, 4),
            Complex128 | UntypedComplex => (16, 8),
            String | UntypedString => (16, 8),
            UntypedBool => (1, 1),
            UntypedNil => (8, 8),
            Invalid => (0, 1),
        },
        Type::Pointer(_) | Type::Map(..) | Type::Chan(..) | Type::Func(_) => (PTR, PTR),
        Type::Slice(_) => (3 * PTR, PTR),
        Type::Interface(_) => (2 * PTR, PTR),
        Type::Array(e, n) => {
            let (s, a) = size_align(tt, *e, depth + 1);
            (s.saturating_mul(*n), a)
        }
        Type::Struct(fields) => {
            let (s, a, _) = struct_layout(tt, fields, depth);
            (s, a)
        }
        Type::Tuple(v) => {
            let mut off = 0;
            let mut al = 1;
            for e in v {
                let (s, a) = size_align(tt, *e, depth + 1);
                off = round(off, a).saturating_add(s);
                al = al.max(a);
            }
            (round(off, al), al)
        }
        Type::Named(_) => (0, 1),
        Type::TypeParam(_) => (PTR, PTR),
    }
}
