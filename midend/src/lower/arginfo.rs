//! Traceback argument descriptions: gc's `FUNCDATA_ArgInfo` bytes and the spill plan that makes
//! them true for rgo's frames.
//!
//! gc's tracebacks print a frame's argument words (`main.f(0x1, {0x4b2c1e, 0x3}, ...)`). The
//! compiler describes the incoming parameters as a byte program (cmd/compile's EmitArgInfo):
//! `offset, size` pairs for scalar words, `0xfe`/`0xfd` around aggregates (strings, slices,
//! interfaces, complex numbers, structs, arrays), `0xfc` (`...`) once 10 components were
//! written or aggregates nest 5 deep, `0xfb` (`_`) for offsets at or above 0xf0, `0xff` at the
//! end. Offsets are into the frame's argument area, laid out as gc's stack ABI lays out the
//! parameters (each aligned to its type, receiver first); results are not described.
//!
//! gc finds the words in the spill slots of its register ABI. rgo passes arguments in Cranelift
//! registers, so the backend stores every parameter word into a frame slot laid out the same
//! way right after the prologue (the [`ArgSpill`] plan), and tells the runtime where that slot
//! lies relative to the frame pointer. The values printed are therefore the values at entry,
//! always live: rgo never prints gc's `?` (gc's mark for a spill slot that may be stale).
//! Parameters passed by reference (large structs and arrays) are read through their pointer,
//! which the slot also holds: after gc's `0xff` come a count and, per such parameter,
//! `{u8 offset, u8 size, u16 offset of its pointer in the slot}`; the linker appends the slot's
//! i32 offset from the frame pointer.

use frontend::types::{BasicKind, Type, TypeId};

use super::Lowering;
use super::func::ParamAbi;
use crate::ir::{ArgInfo, ArgSpill, DebugParam, Var};
use crate::layout::round_up;

const LIMIT: usize = 10;
const MAX_DEPTH: usize = 5;
const END_SEQ: u8 = 0xff;
const START_AGG: u8 = 0xfe;
const END_AGG: u8 = 0xfd;
const DOTDOTDOT: u8 = 0xfc;
const OFFSET_TOO_LARGE: u8 = 0xfb;
const SPECIAL: u64 = 0xf0;

struct Writer<'l, 'p> {
    l: &'l Lowering<'p>,
    out: Vec<u8>,
    /// Components written (gc's `n`).
    n: usize,
}

impl Writer<'_, '_> {
    fn scalar(&mut self, size: u64, off: u64) {
        if off >= SPECIAL {
            self.out.push(OFFSET_TOO_LARGE);
        } else {
            self.out.push(off as u8);
            self.out.push(size as u8);
        }
        self.n += 1;
    }

    /// gc's visitType: false once the `...` limit stopped the walk.
    fn visit(&mut self, off: u64, t: TypeId, depth: usize) -> bool {
        if self.n >= LIMIT {
            self.out.push(DOTDOTDOT);
            return false;
        }
        let prog = self.l.prog;
        let u = prog.underlying(t);
        let ty = prog.ty(u).clone();
        let words = match &ty {
            Type::Basic(BasicKind::String | BasicKind::UntypedString) | Type::Interface(_) => 2,
            Type::Slice(_) => 3,
            _ => 0,
        };
        let aggregate = words > 0
            || matches!(
                ty,
                Type::Struct(_)
                    | Type::Array(..)
                    | Type::Basic(
                        BasicKind::Complex64 | BasicKind::Complex128 | BasicKind::UntypedComplex
                    )
            );
        if !aggregate {
            self.scalar(self.l.lay.size(t), off);
            return true;
        }
        self.out.push(START_AGG);
        let depth = depth + 1;
        if depth >= MAX_DEPTH {
            self.out.push(DOTDOTDOT);
            self.out.push(END_AGG);
            self.n += 1;
            return true;
        }
        match &ty {
            _ if words > 0 => {
                for w in 0..words {
                    if !self.visit_word(off + 8 * w) {
                        break;
                    }
                }
            }
            Type::Basic(k) => {
                let half = if *k == BasicKind::Complex64 { 4 } else { 8 };
                for i in 0..2 {
                    if self.n >= LIMIT {
                        self.out.push(DOTDOTDOT);
                        break;
                    }
                    self.scalar(half, off + half * i);
                }
            }
            Type::Array(elem, len) => {
                if *len == 0 {
                    self.n += 1; // `{}` counts as a component
                } else {
                    let size = self.l.lay.size(*elem);
                    let mut o = off;
                    for _ in 0..*len {
                        if !self.visit(o, *elem, depth) {
                            break;
                        }
                        o = o.saturating_add(size);
                    }
                }
            }
            Type::Struct(fields) => {
                if fields.is_empty() {
                    self.n += 1;
                } else {
                    let offs = self.l.lay.field_offsets(u);
                    for (f, fo) in fields.iter().zip(offs) {
                        if !self.visit(off + fo, f.typ, depth) {
                            break;
                        }
                    }
                }
            }
            _ => {}
        }
        self.out.push(END_AGG);
        true
    }

    /// One pointer-sized word of a string, slice or interface header.
    fn visit_word(&mut self, off: u64) -> bool {
        if self.n >= LIMIT {
            self.out.push(DOTDOTDOT);
            return false;
        }
        self.scalar(8, off);
        true
    }
}

/// The traceback description of a function whose Go parameters (receiver first) have types
/// `ptypes`, are passed as `abi` says and arrive in the IR parameters `incoming` (one list per
/// Go parameter). `None` for a function without parameters (gc emits no ArgInfo then).
pub(crate) fn arg_info(
    l: &Lowering,
    ptypes: &[TypeId],
    abi: &[ParamAbi],
    incoming: &[Vec<Var>],
) -> Option<ArgInfo> {
    if ptypes.is_empty() {
        return None;
    }
    let mut w = Writer {
        l,
        out: Vec::new(),
        n: 0,
    };
    let mut spill = Vec::new();
    let mut indirect = Vec::new();
    let mut params = Vec::new();
    let mut off = 0u64;
    let mut walking = true;
    for (pi, ((&t, pa), vars)) in ptypes.iter().zip(abi).zip(incoming).enumerate() {
        let lay = l.lay.of(t);
        off = round_up(off, lay.align.max(1));
        if walking {
            walking = w.visit(off, t, 0);
        }
        // Only words the description can name are worth storing.
        if off < SPECIAL {
            let mut ty = Vec::new();
            debug_type(l, t, &mut ty, &mut Vec::new());
            match pa {
                ParamAbi::Flat(_) => {
                    if off + lay.size <= SPECIAL + 8 {
                        params.push(DebugParam {
                            index: pi as u32,
                            name: String::new(),
                            off: off as u32,
                            indirect: false,
                            ty,
                        });
                    }
                    for ((so, _), v) in lay.scalars.iter().zip(vars) {
                        if off + so < SPECIAL + 8 {
                            spill.push(ArgSpill::Word {
                                var: *v,
                                off: (off + so) as u32,
                            });
                        }
                    }
                }
                ParamAbi::Ref => {
                    // The parameter lives in memory its pointer names (a private copy the body
                    // uses in place, as gc's stack-assigned arguments): the traceback reads it
                    // there, so it shows the current contents as gc's does.
                    if let Some(v) = vars.first() {
                        let size = lay.size.min(SPECIAL - off);
                        indirect.push((off as u8, size as u8, *v, params.len()));
                        params.push(DebugParam {
                            index: pi as u32,
                            name: String::new(),
                            off: 0,
                            indirect: true,
                            ty,
                        });
                    }
                }
            }
        }
        off = off.saturating_add(lay.size);
    }
    w.out.push(END_SEQ);
    let words_end = spill
        .iter()
        .map(|s| match *s {
            ArgSpill::Word { off, .. } => u64::from(off) + 8,
        })
        .max()
        .unwrap_or(0);
    // Room for an 8-byte read at the last described offset, then the pointers of by-reference
    // parameters.
    let mut size = round_up(words_end, 8);
    // rgo's extension after gc's end marker: u8 count, then per by-reference parameter
    // {u8 offset, u8 size, u16 slot offset of its pointer}.
    w.out.push(indirect.len() as u8);
    for (o, sz, v, pi) in indirect {
        params[pi].off = size as u32;
        w.out.push(o);
        w.out.push(sz);
        w.out.extend_from_slice(&(size as u16).to_le_bytes());
        spill.push(ArgSpill::Word {
            var: v,
            off: size as u32,
        });
        size += 8;
    }
    Some(ArgInfo {
        bytes: w.out,
        spill,
        size: size as u32,
        params,
    })
}

/// Type description kinds of [`debug_type`] (decoded by the linker's dwarf.rs).
const DT_BASE: u8 = 0;
const DT_POINTER: u8 = 1;
const DT_STRUCT: u8 = 2;
const DT_ARRAY: u8 = 3;
/// A pointer-shaped value whose pointee is not described (maps, channels, funcs).
const DT_OPAQUE: u8 = 4;
/// A type already described earlier in the same description: by name only.
const DT_REF: u8 = 5;
/// Distinct types one parameter's description may spell out.
const MAX_DEBUG_TYPES: usize = 32;

/// gc's DWARF base-type encodings.
const ATE_BOOLEAN: u8 = 0x02;
const ATE_COMPLEX: u8 = 0x03;
const ATE_FLOAT: u8 = 0x04;
const ATE_SIGNED: u8 = 0x05;
const ATE_UNSIGNED: u8 = 0x08;

fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// Appends the description of `t` that the linker turns into DWARF type entries, shaped as
/// gc's linker describes Go types (cmd/link/internal/ld/dwarf.go): base types by kind; a string
/// is a struct `string {str *uint8; len int}`; a slice `[]T {array *T; len int; cap int}`; an
/// interface `runtime.eface`/`runtime.iface`-shaped struct of two pointers; names are gc's link
/// strings (`main.Point`, `[]int`, `*main.Point`).
///
/// Encoding: `u8 kind, str name, u64 size`, then per kind: base `u8 encoding`; pointer the
/// pointee; struct `u32 n, n × {str name, u64 offset, type}`; array `u64 count, elem`;
/// opaque and ref nothing more. `str` is `u32 len, bytes`.
/// `active` lists the types described so far in this description.
pub(crate) fn debug_type(l: &Lowering, t: TypeId, out: &mut Vec<u8>, active: &mut Vec<TypeId>) {
    let prog = l.prog;
    let name = prog.link_string(t);
    let size = l.lay.size(t);
    let head = |out: &mut Vec<u8>, kind: u8, name: &str| {
        out.push(kind);
        put_str(out, name);
        out.extend_from_slice(&size.to_le_bytes());
    };
    // Each type is described once per parameter (later uses, including recursive ones, name
    // it), and at most MAX_DEBUG_TYPES of them, so that descriptions stay small.
    if active.contains(&t) || active.len() >= MAX_DEBUG_TYPES {
        head(out, DT_REF, &name);
        return;
    }
    let u = prog.underlying(t);
    let int_t = prog.basic(BasicKind::Int);
    let u8_t = prog.basic(BasicKind::Uint8);
    active.push(t);
    match prog.ty(u).clone() {
        Type::Basic(k) => {
            use BasicKind::*;
            let enc = match k {
                Bool | UntypedBool => Some(ATE_BOOLEAN),
                Int8 | Int16 | Int32 | Int | Int64 | UntypedInt | UntypedRune => Some(ATE_SIGNED),
                Uint8 | Uint16 | Uint32 | Uint | Uint64 | Uintptr => Some(ATE_UNSIGNED),
                Float32 | Float64 | UntypedFloat => Some(ATE_FLOAT),
                Complex64 | Complex128 | UntypedComplex => Some(ATE_COMPLEX),
                _ => None,
            };
            match (k, enc) {
                (String | UntypedString, _) => {
                    head(out, DT_STRUCT, &name);
                    out.extend_from_slice(&2u32.to_le_bytes());
                    put_str(out, "str");
                    out.extend_from_slice(&0u64.to_le_bytes());
                    pointer_to(l, u8_t, out, active);
                    put_str(out, "len");
                    out.extend_from_slice(&8u64.to_le_bytes());
                    debug_type(l, int_t, out, active);
                }
                (_, Some(e)) => {
                    head(out, DT_BASE, &name);
                    out.push(e);
                }
                _ => head(out, DT_OPAQUE, &name),
            }
        }
        Type::Pointer(elem) => {
            head(out, DT_POINTER, &name);
            debug_type(l, elem, out, active);
        }
        Type::Slice(elem) => {
            head(out, DT_STRUCT, &name);
            out.extend_from_slice(&3u32.to_le_bytes());
            put_str(out, "array");
            out.extend_from_slice(&0u64.to_le_bytes());
            pointer_to(l, elem, out, active);
            for (n, o) in [("len", 8u64), ("cap", 16)] {
                put_str(out, n);
                out.extend_from_slice(&o.to_le_bytes());
                debug_type(l, int_t, out, active);
            }
        }
        Type::Interface(i) => {
            // gc describes interfaces as runtime.eface {_type, data} and runtime.iface
            // {tab, data}.
            let first = if i.methods.is_empty() { "_type" } else { "tab" };
            head(out, DT_STRUCT, &name);
            out.extend_from_slice(&2u32.to_le_bytes());
            for (n, o) in [(first, 0u64), ("data", 8)] {
                put_str(out, n);
                out.extend_from_slice(&o.to_le_bytes());
                out.push(DT_OPAQUE);
                put_str(out, "unsafe.Pointer");
                out.extend_from_slice(&8u64.to_le_bytes());
            }
        }
        Type::Struct(fields) => {
            head(out, DT_STRUCT, &name);
            out.extend_from_slice(&(fields.len() as u32).to_le_bytes());
            let offs = l.lay.field_offsets(u);
            for (f, o) in fields.iter().zip(offs) {
                put_str(out, &f.name);
                out.extend_from_slice(&o.to_le_bytes());
                debug_type(l, f.typ, out, active);
            }
        }
        Type::Array(elem, n) => {
            head(out, DT_ARRAY, &name);
            out.extend_from_slice(&n.to_le_bytes());
            debug_type(l, elem, out, active);
        }
        _ => head(out, DT_OPAQUE, &name),
    }
}

/// A `*elem` description for the data pointers of strings and slices.
fn pointer_to(l: &Lowering, elem: TypeId, out: &mut Vec<u8>, active: &mut Vec<TypeId>) {
    out.push(DT_POINTER);
    put_str(out, &format!("*{}", l.prog.link_string(elem)));
    out.extend_from_slice(&8u64.to_le_bytes());
    debug_type(l, elem, out, active);
}
