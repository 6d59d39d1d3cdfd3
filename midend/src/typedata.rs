//! Runtime type data laid out as gc 1.27.3 lays it out (internal/abi): type descriptors
//! (`type:<LinkString>`), names (`type:.namedata.*`), pointer masks (`runtime.gcbits.<hex>`),
//! map types with their internal group types, and itabs.
//!
//! The lowering asks for descriptors by type while it works (`type_sym`); [`TypeData::emit`] then
//! writes every requested descriptor, and everything they reference, as data objects.
//!
//! Types that exist only for the runtime (map groups, closure objects) have no `TypeId` in the
//! checker's table; they are described by [`Synth`] entries.

use std::collections::{BTreeMap, HashSet};

use frontend::types::{BasicKind, MethodSetEntry, PkgId, Program, Type, TypeId};
use sha2::{Digest, Sha256};

use crate::ir::{DataObject, DataReloc, DataSection, RelocKind};
use crate::layout::{Layouts, round_up};

// abi.Kind values.
const KIND_BOOL: u8 = 1;
const KIND_ARRAY: u8 = 17;
const KIND_CHAN: u8 = 18;
const KIND_FUNC: u8 = 19;
const KIND_INTERFACE: u8 = 20;
const KIND_MAP: u8 = 21;
const KIND_POINTER: u8 = 22;
const KIND_SLICE: u8 = 23;
const KIND_STRING: u8 = 24;
const KIND_STRUCT: u8 = 25;
const KIND_UNSAFE_POINTER: u8 = 26;

// TFlag bits.
const TFLAG_UNCOMMON: u8 = 0x01;
const TFLAG_EXTRA_STAR: u8 = 0x02;
const TFLAG_NAMED: u8 = 0x04;
const TFLAG_REGULAR_MEMORY: u8 = 0x08;
const TFLAG_GC_MASK_ON_DEMAND: u8 = 0x10;
const TFLAG_DIRECT_IFACE: u8 = 0x20;

/// A runtime-only struct type (map group, map slot, closure object).
#[derive(Clone, Debug)]
pub struct Synth {
    pub sym: String,
    pub str_name: String,
    pub size: u64,
    pub align: u64,
    pub ptr_words: Vec<u64>,
    /// (field name, field type symbol, offset).
    pub fields: Vec<(String, String, u64)>,
}

/// A descriptor for a type the checker has no `TypeId` for: `*T` of a type whose pointer type
/// was never created, `[]T` for an array's Slice word, and the parts of a map's group type.
#[derive(Clone, Debug)]
struct Virt {
    sym: String,
    /// gc's LinkString (the hash input).
    link: String,
    /// The type string (Str).
    str_name: String,
    size: u64,
    align: u64,
    ptr_bytes: u64,
    /// Byte offsets of the words the GC scans.
    mask: Vec<u64>,
    kind: VirtKind,
}

#[derive(Clone, Debug)]
enum VirtKind {
    /// `*T` (no methods: every named type's `*T` is interned by the checker).
    Ptr {
        elem: String,
        exported: bool,
    },
    Slice {
        elem: String,
    },
    /// A noalg array (a map group's slots).
    Array {
        elem: String,
        slice: String,
        len: u64,
    },
    /// A noalg struct whose fields have no package: (name, type symbol, offset).
    Struct(Vec<(String, String, u64)>),
}

/// A type operand of a map group: symbol, LinkString, Str, size, align, PtrBytes, GC mask.
struct Part {
    sym: String,
    link: String,
    str_name: String,
    size: u64,
    align: u64,
    ptr_bytes: u64,
    mask: Vec<u64>,
}

/// What a MapType records about its group type.
pub struct MapGroup {
    pub sym: String,
    pub size: u64,
    /// Slot size (KeyStride = ElemStride).
    pub slot: u64,
    /// Offset of the elem inside a slot.
    pub elem_off: u64,
    pub indirect_key: bool,
    pub indirect_elem: bool,
}

enum PtrToThis {
    Strong(String),
    Weak(String),
}

#[derive(Default)]
pub struct TypeData {
    /// Requested descriptors by TypeId.
    requested: BTreeMap<String, TypeId>,
    virt: BTreeMap<String, Virt>,
    synth: BTreeMap<String, Synth>,
    itabs: BTreeMap<String, (TypeId, TypeId)>,
    /// Symbols already written.
    done: HashSet<String>,
    /// Method wrappers that emitted method tables and itabs refer to: (receiver type, method).
    pub wrappers: BTreeMap<String, (TypeId, MethodSetEntry)>,
    /// Generated equality and hash functions (`type:.eq.<sig>`, `type:.hash.<sig>`) not yet
    /// handed to the module.
    pub functions: Vec<crate::ir::Function>,
}

impl TypeData {
    /// The descriptors requested so far: (symbol, type).
    pub fn requested_types(&self) -> Vec<(String, TypeId)> {
        self.requested
            .iter()
            .map(|(s, t)| (s.clone(), *t))
            .collect()
    }

    /// The descriptor symbol of `t`, recording that it must be emitted.
    pub fn type_sym(&mut self, prog: &Program, t: TypeId) -> String {
        let sym = format!("type:{}", prog.link_string(t));
        self.requested.entry(sym.clone()).or_insert(t);
        sym
    }

    /// The descriptor symbol of `*t`: the checker's pointer type when there is one, else a
    /// descriptor made up here (such a `*t` has no methods).
    pub(crate) fn ptr_to(&mut self, prog: &Program, t: TypeId) -> String {
        if let Some(p) = find_pointer_type(prog, t) {
            return self.type_sym(prog, p);
        }
        let link = format!("*{}", prog.link_string(t));
        let sym = format!("type:{link}");
        if !self.virt.contains_key(&sym) {
            let elem = self.type_sym(prog, t);
            self.virt.insert(
                sym.clone(),
                Virt {
                    sym: sym.clone(),
                    link,
                    str_name: format!("*{}", runtime_type_string(prog, t)),
                    size: 8,
                    align: 8,
                    ptr_bytes: 8,
                    mask: vec![0],
                    kind: VirtKind::Ptr {
                        elem,
                        exported: name_exported(prog, t),
                    },
                },
            );
        }
        sym
    }

    /// The descriptor symbol of `[]elem` (an ArrayType's Slice word).
    fn slice_of(&mut self, prog: &Program, lay: &Layouts, elem: TypeId) -> String {
        if let Some(st) = find_slice_type(prog, elem) {
            return self.type_sym(prog, st);
        }
        let e = self.part(prog, lay, elem);
        self.virt_slice(&e)
    }

    fn virt_slice(&mut self, e: &Part) -> String {
        let link = format!("[]{}", e.link);
        let sym = format!("type:{link}");
        self.virt.entry(sym.clone()).or_insert_with(|| Virt {
            sym: sym.clone(),
            link,
            str_name: format!("[]{}", e.str_name),
            size: 24,
            align: 8,
            ptr_bytes: 8,
            mask: vec![0],
            kind: VirtKind::Slice {
                elem: e.sym.clone(),
            },
        });
        sym
    }

    fn part(&mut self, prog: &Program, lay: &Layouts, t: TypeId) -> Part {
        let l = lay.of(t);
        let mut mask = Vec::new();
        gc_mask(prog, lay, t, 0, &mut mask);
        Part {
            sym: self.type_sym(prog, t),
            link: prog.link_string(t),
            str_name: runtime_type_string(prog, t),
            size: l.size,
            align: l.align.max(1),
            ptr_bytes: l.ptr_bytes(),
            mask,
        }
    }

    /// The group type of `map[k]v` (reflectdata.MapGroupType, interleaved slots):
    /// `map.group[K]V` = `struct { ctrl uint64; slots [8]struct { key K'; elem V' } }`, where
    /// K' and V' are `*K` / `*V` for keys and elems over 128 bytes. The group, its slot array
    /// and the slot struct are noalg; the array's Slice `[]struct { key K'; elem V' }` is an
    /// ordinary type.
    pub fn map_group(&mut self, prog: &Program, lay: &Layouts, k: TypeId, v: TypeId) -> MapGroup {
        let indirect_key = lay.size(k) > 128;
        let indirect_elem = lay.size(v) > 128;
        let operand = |td: &mut TypeData, t: TypeId, indirect: bool| {
            if indirect {
                Part {
                    sym: td.ptr_to(prog, t),
                    link: format!("*{}", prog.link_string(t)),
                    str_name: format!("*{}", runtime_type_string(prog, t)),
                    size: 8,
                    align: 8,
                    ptr_bytes: 8,
                    mask: vec![0],
                }
            } else {
                td.part(prog, lay, t)
            }
        };
        let kp = operand(self, k, indirect_key);
        let vp = operand(self, v, indirect_elem);
        // The slot struct, laid out as types.CalcStructSize does: a trailing zero-size field
        // gets a byte of padding.
        let elem_off = round_up(kp.size, vp.align);
        let mut raw = elem_off + vp.size;
        if raw > 0 && vp.size == 0 {
            raw += 1;
        }
        let slot_align = kp.align.max(vp.align);
        let slot_size = round_up(raw, slot_align);
        let mut slot_mask = kp.mask.clone();
        slot_mask.extend(vp.mask.iter().map(|w| w + elem_off));
        let slot_ptr = if vp.ptr_bytes > 0 {
            elem_off + vp.ptr_bytes
        } else {
            kp.ptr_bytes
        };
        let slot_link = format!("struct {{ key {}; elem {} }}", kp.link, vp.link);
        let slot = Part {
            sym: format!("type:noalg.{slot_link}"),
            str_name: format!("struct {{ key {}; elem {} }}", kp.str_name, vp.str_name),
            link: slot_link,
            size: slot_size,
            align: slot_align,
            ptr_bytes: slot_ptr,
            mask: slot_mask,
        };
        self.virt.entry(slot.sym.clone()).or_insert_with(|| Virt {
            sym: slot.sym.clone(),
            link: slot.link.clone(),
            str_name: slot.str_name.clone(),
            size: slot.size,
            align: slot.align,
            ptr_bytes: slot.ptr_bytes,
            mask: slot.mask.clone(),
            kind: VirtKind::Struct(vec![
                ("key".into(), kp.sym.clone(), 0),
                ("elem".into(), vp.sym.clone(), elem_off),
            ]),
        });
        // [8]slot and its Slice.
        let slice = self.virt_slice(&slot);
        let arr_link = format!("[8]{}", slot.link);
        let arr_sym = format!("type:noalg.{arr_link}");
        let arr_ptr = if slot.ptr_bytes > 0 {
            7 * slot.size + slot.ptr_bytes
        } else {
            0
        };
        let arr_mask: Vec<u64> = (0..8u64)
            .flat_map(|i| slot.mask.iter().map(move |w| i * slot_size + w))
            .collect();
        self.virt.entry(arr_sym.clone()).or_insert_with(|| Virt {
            sym: arr_sym.clone(),
            link: arr_link.clone(),
            str_name: format!("[8]{}", slot.str_name),
            size: 8 * slot_size,
            align: slot_align,
            ptr_bytes: arr_ptr,
            mask: arr_mask.clone(),
            kind: VirtKind::Array {
                elem: slot.sym.clone(),
                slice,
                len: 8,
            },
        });
        // The group.
        let mut raw = 8 + 8 * slot_size;
        if slot_size == 0 {
            raw += 1;
        }
        let size = round_up(raw, 8);
        let link = format!("map.group[{}]{}", prog.link_string(k), prog.link_string(v));
        let sym = format!("type:noalg.{link}");
        let ctrl = self.type_sym(prog, prog.basic(BasicKind::Uint64));
        self.virt.entry(sym.clone()).or_insert_with(|| Virt {
            sym: sym.clone(),
            str_name: format!(
                "map.group[{}]{}",
                runtime_type_string(prog, k),
                runtime_type_string(prog, v)
            ),
            link,
            size,
            align: 8,
            ptr_bytes: if arr_ptr > 0 { 8 + arr_ptr } else { 0 },
            mask: arr_mask.iter().map(|w| w + 8).collect(),
            kind: VirtKind::Struct(vec![("ctrl".into(), ctrl, 0), ("slots".into(), arr_sym, 8)]),
        });
        MapGroup {
            sym,
            size,
            slot: slot_size,
            elem_off,
            indirect_key,
            indirect_elem,
        }
    }

    pub fn itab_sym(&mut self, prog: &Program, concrete: TypeId, iface: TypeId) -> String {
        let sym = format!(
            "go:itab.{},{}",
            prog.link_string(concrete),
            prog.link_string(iface)
        );
        self.itabs.entry(sym.clone()).or_insert((concrete, iface));
        self.type_sym(prog, concrete);
        self.type_sym(prog, iface);
        sym
    }

    /// A descriptor for a runtime-only struct of `size` bytes whose pointer words are
    /// `ptr_words`, with type string `name`.
    pub fn synthetic(&mut self, name: &str, size: u64, ptr_words: &[u64]) -> String {
        let sym = format!("type:noalg.{name}");
        self.synth.entry(sym.clone()).or_insert_with(|| Synth {
            sym: sym.clone(),
            str_name: name.to_string(),
            size,
            align: 8,
            ptr_words: ptr_words.to_vec(),
            fields: Vec::new(),
        });
        sym
    }

    /// A descriptor for a closure object `struct { F uintptr; X0 *T0; ... }` whose captured words
    /// are all pointers.
    pub fn synthetic_struct(
        &mut self,
        _lay: &Layouts,
        size: u64,
        ptr_words: &[u64],
        n: usize,
    ) -> String {
        let mut name = String::from("struct { F uintptr");
        for i in 0..n {
            name.push_str(&format!("; X{i} unsafe.Pointer"));
        }
        name.push_str(" }");
        let sym = format!("type:noalg.{name}");
        self.synth.entry(sym.clone()).or_insert_with(|| Synth {
            sym: sym.clone(),
            str_name: name,
            size,
            align: 8,
            ptr_words: ptr_words.to_vec(),
            fields: Vec::new(),
        });
        sym
    }

    /// Writes every requested descriptor, itab and name not written yet (and everything they
    /// reference). Can be called again after more requests; returns the new data objects.
    pub fn emit_pending(&mut self, prog: &Program, lay: &Layouts) -> Vec<DataObject> {
        let mut out = Emitter {
            prog,
            lay,
            objects: Vec::new(),
            names: BTreeMap::new(),
            gcbits: BTreeMap::new(),
            weak: Vec::new(),
        };
        loop {
            let mut progress = false;
            let pending: Vec<(String, TypeId)> = self
                .requested
                .iter()
                .filter(|(s, _)| !self.done.contains(*s))
                .map(|(s, t)| (s.clone(), *t))
                .collect();
            for (sym, t) in pending {
                self.done.insert(sym.clone());
                out.descriptor(self, &sym, t);
                progress = true;
            }
            let itabs: Vec<(String, (TypeId, TypeId))> = self
                .itabs
                .iter()
                .filter(|(s, _)| !self.done.contains(*s))
                .map(|(k, v)| (k.clone(), *v))
                .collect();
            for (sym, (c, i)) in itabs {
                self.done.insert(sym.clone());
                out.itab(self, &sym, c, i);
                progress = true;
            }
            let synth: Vec<Synth> = self
                .synth
                .values()
                .filter(|s| !self.done.contains(&s.sym))
                .cloned()
                .collect();
            for s in synth {
                self.done.insert(s.sym.clone());
                out.synth_descriptor(&s);
                progress = true;
            }
            let virt: Vec<Virt> = self
                .virt
                .values()
                .filter(|v| !self.done.contains(&v.sym))
                .cloned()
                .collect();
            for v in virt {
                self.done.insert(v.sym.clone());
                out.virt_descriptor(self, &v);
                progress = true;
            }
            if !progress {
                break;
            }
        }
        let Emitter {
            mut objects,
            names,
            gcbits,
            weak,
            ..
        } = out;
        // Weak PtrToThis references: resolved when `*T` is in the binary anyway. (A `*T`
        // first requested by a later call is missed; the lowering asks for nearly everything
        // before the first call.)
        for (i, target) in weak {
            if self.done.contains(&target) {
                objects[i].relocs.push(DataReloc {
                    offset: 44,
                    kind: RelocKind::Off32,
                    target,
                    addend: 0,
                });
            }
        }
        for (name, o) in names.into_iter().chain(gcbits) {
            if self.done.insert(name) {
                objects.push(o);
            }
        }
        objects
    }

    /// The closure symbol for an Equal or Hasher word, emitting the closure object and the
    /// generated functions it needs the first time.
    fn alg_closure(
        &mut self,
        a: &crate::alg::AlgRef,
        eq: bool,
        out: &mut Vec<DataObject>,
    ) -> String {
        let sym = a.closure_symbol().to_string();
        if let Some(obj) = a.closure_object()
            && self.done.insert(obj.name.clone())
        {
            out.push(obj);
        }
        if let crate::alg::AlgRef::Generated { sig, .. } = a {
            let fs = if eq {
                crate::alg::generate_eq_functions(sig)
            } else {
                crate::alg::generate_hash_functions(sig)
            };
            for f in fs {
                if self.done.insert(f.name.clone()) {
                    self.functions.push(f);
                }
            }
        }
        sym
    }

    /// The symbol of the code for method `m` of the method set of `recv`, registering a wrapper
    /// when the method is not a declared function with exactly this receiver.
    pub fn method_symbol(&mut self, prog: &Program, recv: TypeId, m: &MethodSetEntry) -> String {
        let (sym, wrapper) = method_symbol_name(prog, recv, m);
        if wrapper {
            self.wrappers
                .entry(sym.clone())
                .or_insert_with(|| (recv, m.clone()));
        }
        sym
    }
}

/// gc's name for the code of method `m` called on a receiver of type `recv`, and whether that
/// code is a wrapper rgo must generate (value methods through pointers, promoted methods).
pub fn method_symbol_name(prog: &Program, recv: TypeId, m: &MethodSetEntry) -> (String, bool) {
    let (base, is_ptr) = match prog.ty(recv) {
        Type::Pointer(e) => (*e, true),
        _ => (recv, false),
    };
    let direct = m.index.is_empty() && !m.via_interface && m.ptr_recv == is_ptr;
    if direct {
        let obj = prog.obj(m.func);
        let prefix = obj
            .pkg
            .map(|p| crate::lower::symbol_prefix(&prog.package(p).path))
            .unwrap_or_default();
        let tname = named_symbol_part(prog, base);
        let sym = if is_ptr {
            format!("{prefix}.(*{tname}).{}", m.name)
        } else {
            format!("{prefix}.{tname}.{}", m.name)
        };
        return (sym, false);
    }
    let (prefix, tname) = match prog.ty(base) {
        Type::Named(n) => {
            let obj = prog.obj(n.obj);
            let prefix = obj
                .pkg
                .map(|p| crate::lower::symbol_prefix(&prog.package(p).path))
                .unwrap_or_default();
            (prefix, named_symbol_part(prog, base))
        }
        _ => (String::new(), prog.link_string(base)),
    };
    let sym = match (is_ptr, prefix.is_empty()) {
        (true, false) => format!("{prefix}.(*{tname}).{}", m.name),
        (false, false) => format!("{prefix}.{tname}.{}", m.name),
        (true, true) => format!("(*{tname}).{}", m.name),
        (false, true) => format!("{tname}.{}", m.name),
    };
    (sym, true)
}

/// The type-name part of a method symbol (`T`, or `T[int]` for instances).
pub(crate) fn named_symbol_part(prog: &Program, t: TypeId) -> String {
    match prog.ty(t) {
        Type::Named(n) => {
            let mut s = prog.obj(n.obj).name.clone();
            if !n.type_args.is_empty() {
                s.push('[');
                let args: Vec<String> = n.type_args.iter().map(|a| prog.link_string(*a)).collect();
                s.push_str(&args.join(","));
                s.push(']');
            }
            s
        }
        _ => prog.link_string(t),
    }
}

/// gc's method order (types.CompareSyms): exported names first, then by name, then by package
/// path.
pub fn sort_methods(prog: &Program, ms: &mut [MethodSetEntry]) {
    ms.sort_by(|a, b| {
        let ea = a.name.chars().next().is_some_and(|c| c.is_uppercase());
        let eb = b.name.chars().next().is_some_and(|c| c.is_uppercase());
        eb.cmp(&ea).then_with(|| a.name.cmp(&b.name)).then_with(|| {
            let pa = a.pkg.map(|p| prog.package(p).path.clone());
            let pb = b.pkg.map(|p| prog.package(p).path.clone());
            pa.cmp(&pb)
        })
    });
}

/// Whether values of `t` are stored directly in an interface's data word.
pub fn is_direct_iface(lay: &Layouts, t: TypeId) -> bool {
    let l = lay.of(t);
    l.size == 8 && l.ptr_bytes() == 8
}

struct Emitter<'a, 'p> {
    prog: &'p Program,
    lay: &'a Layouts<'p>,
    objects: Vec<DataObject>,
    names: BTreeMap<String, DataObject>,
    gcbits: BTreeMap<String, DataObject>,
    /// Descriptors (index in `objects`) whose weak PtrToThis points at the given `*T` symbol.
    weak: Vec<(usize, String)>,
}

/// gc's type hash: the first 4 bytes of SHA-256(LinkString) with byte 0 inverted, little-endian.
pub fn type_hash(link_string: &str) -> u32 {
    let mut h: [u8; 32] = Sha256::digest(link_string.as_bytes()).into();
    h[0] ^= 0xff;
    u32::from_le_bytes([h[0], h[1], h[2], h[3]])
}

/// abi.Name bytes: flags, uvarint length, bytes.
pub fn encode_name(name: &str, exported: bool) -> Vec<u8> {
    let mut out = vec![if exported { 1 } else { 0 }];
    push_uvarint(&mut out, name.len());
    out.extend_from_slice(name.as_bytes());
    out
}

fn push_uvarint(out: &mut Vec<u8>, mut n: usize) {
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            break;
        }
        out.push(b | 0x80);
    }
}

/// types.IsExported: the name starts with an upper-case letter.
fn is_exported(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Whether gc gives `t` a name (t.Sym() != nil): defined types, the predeclared basic types and
/// `error`, but not `any`.
fn is_named(prog: &Program, t: TypeId) -> bool {
    (matches!(prog.ty(t), Type::Named(_) | Type::Basic(_)) || t == prog.error_type)
        && t != prog.any_type()
}

/// Whether `t` is a named type with an exported name (the Str "exported" bit).
fn name_exported(prog: &Program, t: TypeId) -> bool {
    match prog.ty(t) {
        Type::Named(n) => is_exported(&prog.obj(n.obj).name),
        _ => false,
    }
}

/// reflectdata.typePkg: the package of a named type, or of the named element of an unnamed
/// pointer, slice, array or chan type; `None` for the universe's types. `unsafe.Pointer` is
/// declared in package unsafe, so its package is `unsafe` (reflect's PkgPath says so).
fn type_pkg(prog: &Program, t: TypeId) -> Option<PkgId> {
    let owner = match prog.ty(t) {
        Type::Pointer(e) | Type::Slice(e) | Type::Array(e, _) | Type::Chan(_, e) => *e,
        _ => t,
    };
    match prog.ty(owner) {
        Type::Named(n) => prog.obj(n.obj).pkg,
        Type::Basic(BasicKind::UnsafePointer) => prog.pkg_by_path.get("unsafe").copied(),
        _ => None,
    }
}

/// gc's pointer mask of `t` placed at `off` (typebits.Set): byte offsets of the words the GC
/// scans. Unlike the layout's pointer words, an interface's first word is left out (it points
/// at an itab or a type descriptor, never into the heap).
fn gc_mask(prog: &Program, lay: &Layouts, t: TypeId, off: u64, out: &mut Vec<u64>) {
    if !lay.of(t).has_pointers() {
        return;
    }
    let u = prog.underlying(t);
    match prog.ty(u) {
        Type::Interface(_) => out.push(off + 8),
        Type::Array(e, n) => {
            let es = lay.size(*e);
            if es == 0 {
                return;
            }
            for i in 0..*n {
                gc_mask(prog, lay, *e, off + i * es, out);
            }
        }
        Type::Struct(fields) => {
            let offs = lay.field_offsets(u);
            for (f, fo) in fields.iter().zip(offs) {
                gc_mask(prog, lay, f.typ, off + fo, out);
            }
        }
        _ => out.push(off),
    }
}

fn kind_of(prog: &Program, t: TypeId) -> u8 {
    let u = prog.underlying(t);
    match prog.ty(u) {
        Type::Basic(k) => {
            use BasicKind::*;
            match k {
                Bool | UntypedBool => KIND_BOOL,
                Int | UntypedInt => 2,
                Int8 => 3,
                Int16 => 4,
                Int32 | UntypedRune => 5,
                Int64 => 6,
                Uint => 7,
                Uint8 => 8,
                Uint16 => 9,
                Uint32 => 10,
                Uint64 => 11,
                Uintptr => 12,
                Float32 => 13,
                Float64 | UntypedFloat => 14,
                Complex64 => 15,
                Complex128 | UntypedComplex => 16,
                String | UntypedString => KIND_STRING,
                UnsafePointer | UntypedNil => KIND_UNSAFE_POINTER,
                Invalid => 0,
            }
        }
        Type::Array(..) => KIND_ARRAY,
        Type::Chan(..) => KIND_CHAN,
        Type::Func(_) => KIND_FUNC,
        Type::Interface(_) => KIND_INTERFACE,
        Type::Map(..) => KIND_MAP,
        Type::Pointer(_) => KIND_POINTER,
        Type::Slice(_) => KIND_SLICE,
        Type::Struct(_) => KIND_STRUCT,
        _ => 0,
    }
}

impl Emitter<'_, '_> {
    fn name_sym(&mut self, text: &str, exported: bool) -> String {
        self.name_data(text, "", exported, false, None)
    }

    /// An abi.Name: flags, uvarint length, name, [uvarint length, tag], [pkgPath NameOff].
    fn name_data(
        &mut self,
        name: &str,
        tag: &str,
        exported: bool,
        embedded: bool,
        pkg: Option<&str>,
    ) -> String {
        let mut sym = format!(
            "type:.namedata.{name}{}{tag}",
            if exported { "." } else { "-" }
        );
        if let Some(p) = pkg {
            // gc numbers these (`type:.namedata.<prefix>.<n>`); the name only has to be unique.
            sym.push_str(&format!(".pkgpath.{p}"));
        }
        if embedded {
            sym.push_str(".embedded");
        }
        if self.names.contains_key(&sym) {
            return sym;
        }
        let mut bytes = encode_name(name, exported);
        if !tag.is_empty() {
            bytes[0] |= 0x02;
            push_uvarint(&mut bytes, tag.len());
            bytes.extend_from_slice(tag.as_bytes());
        }
        if embedded {
            bytes[0] |= 0x08;
        }
        let mut relocs = Vec::new();
        if let Some(p) = pkg {
            bytes[0] |= 0x04;
            relocs.push(DataReloc {
                offset: bytes.len() as u32,
                kind: RelocKind::Off32,
                target: self.name_sym(p, false),
                addend: 0,
            });
            bytes.extend_from_slice(&[0; 4]);
        }
        let size = bytes.len() as u64;
        self.names.insert(
            sym.clone(),
            DataObject {
                name: sym.clone(),
                section: DataSection::GoType,
                align: 1,
                bytes,
                size,
                relocs,
                global: false,
            },
        );
        sym
    }

    /// The name of a method or interface method: an unexported name from a package other than
    /// `owner` (the type's package) carries its package path.
    fn method_name(&mut self, name: &str, pkg: Option<PkgId>, owner: Option<PkgId>) -> String {
        let exported = is_exported(name);
        let path = match pkg {
            Some(p) if !exported && pkg != owner => Some(self.prog.package(p).path.clone()),
            _ => None,
        };
        self.name_data(name, "", exported, false, path.as_deref())
    }

    /// `runtime.gcbits.<hex>`: bit i set for each scanned word i (`mask` holds byte offsets),
    /// covering PtrBytes/8 words, padded to a multiple of 8 bytes.
    fn gcbits_sym(&mut self, ptr_bytes: u64, words: &[u64]) -> String {
        let nwords = ptr_bytes / 8;
        let mut mask = vec![0u8; nwords.div_ceil(8) as usize];
        for w in words.iter().filter(|w| **w < ptr_bytes) {
            let i = (w / 8) as usize;
            mask[i / 8] |= 1 << (i % 8);
        }
        let padded = round_up(mask.len() as u64, 8) as usize;
        mask.resize(padded, 0);
        let hex: String = mask.iter().map(|b| format!("{b:02x}")).collect();
        let sym = format!("runtime.gcbits.{hex}");
        if !self.gcbits.contains_key(&sym) {
            let size = mask.len() as u64;
            self.gcbits.insert(
                sym.clone(),
                DataObject {
                    name: sym.clone(),
                    section: DataSection::Rodata,
                    align: 8,
                    bytes: mask,
                    size,
                    relocs: Vec::new(),
                    global: false,
                },
            );
        }
        sym
    }

    /// Writes the 48-byte abi.Type header into `bytes`/`relocs`.
    #[allow(clippy::too_many_arguments)]
    fn header(
        &mut self,
        bytes: &mut [u8],
        relocs: &mut Vec<DataReloc>,
        size: u64,
        ptr_bytes: u64,
        mask: &[u64],
        hash: u32,
        mut tflag: u8,
        align: u64,
        kind: u8,
        str_name: &str,
        exported: bool,
        gcmask_slot: Option<String>,
    ) {
        if !str_name.starts_with('*') {
            tflag |= TFLAG_EXTRA_STAR;
        }
        if size == 8 && ptr_bytes == 8 {
            tflag |= TFLAG_DIRECT_IFACE;
        }
        bytes[0..8].copy_from_slice(&size.to_le_bytes());
        bytes[8..16].copy_from_slice(&ptr_bytes.to_le_bytes());
        bytes[16..20].copy_from_slice(&hash.to_le_bytes());
        bytes[21] = align as u8;
        bytes[22] = align as u8;
        bytes[23] = kind;
        // gc builds the mask at run time when it would exceed MaxPtrmaskBytes (16) bytes,
        // i.e. when PtrBytes covers more than 128 words (reflectdata.dgcsym).
        if ptr_bytes / 8 > 128 {
            tflag |= TFLAG_GC_MASK_ON_DEMAND;
            if let Some(slot) = gcmask_slot {
                relocs.push(DataReloc {
                    offset: 32,
                    kind: RelocKind::Abs64,
                    target: slot.clone(),
                    addend: 0,
                });
                self.objects.push(DataObject {
                    name: slot,
                    section: DataSection::NoptrBss,
                    align: 8,
                    bytes: Vec::new(),
                    size: 8,
                    relocs: Vec::new(),
                    global: false,
                });
            }
        } else {
            let g = self.gcbits_sym(ptr_bytes, mask);
            relocs.push(DataReloc {
                offset: 32,
                kind: RelocKind::Abs64,
                target: g,
                addend: 0,
            });
        }
        bytes[20] = tflag;
        // Str: the name of "*T" (readers drop the star when ExtraStar is set), so T and *T share
        // one name.
        let text = if tflag & TFLAG_EXTRA_STAR != 0 {
            format!("*{str_name}")
        } else {
            str_name.to_string()
        };
        let n = self.name_sym(&text, exported);
        relocs.push(DataReloc {
            offset: 40,
            kind: RelocKind::Off32,
            target: n,
            addend: 0,
        });
    }

    fn descriptor(&mut self, td: &mut TypeData, sym: &str, t: TypeId) {
        let prog = self.prog;
        let lay = self.lay.of(t);
        let u = prog.underlying(t);
        let kind = kind_of(prog, t);
        let link = prog.link_string(t);
        let str_name = runtime_type_string(prog, t);
        let named = is_named(prog, t);
        let mut tflag = 0u8;
        if named {
            tflag |= TFLAG_NAMED | TFLAG_UNCOMMON;
        }
        // The method table (concrete types only; an interface's methods are its imethods).
        let mut methods: Vec<MethodSetEntry> = if matches!(prog.ty(u), Type::Interface(_)) {
            Vec::new()
        } else {
            prog.method_set(t)
        };
        // Methods with their own type parameters (Go 1.27) belong to no method table: they
        // satisfy no interface and are instantiated at their call sites, as in gc.
        methods.retain(|m| !prog.func_type_params.contains_key(&m.func));
        sort_methods(prog, &mut methods);
        if !methods.is_empty() {
            tflag |= TFLAG_UNCOMMON;
        }
        if crate::alg::is_regular_memory(prog, self.lay, t) {
            tflag |= TFLAG_REGULAR_MEMORY;
        }
        // Equal: a closure chosen by the type's equality signature (nil if incomparable).
        let mut alg_objs = Vec::new();
        let equal =
            crate::alg::eq_alg(prog, self.lay, t).map(|a| td.alg_closure(&a, true, &mut alg_objs));
        self.objects.extend(alg_objs);
        let exported = match prog.ty(t) {
            Type::Pointer(e) => name_exported(prog, *e),
            _ => name_exported(prog, t),
        };
        // PtrToThis (reflectdata.dcommontype): a strong reference to `*T` for named types and
        // for types whose `*T` has methods, so `*T` is always emitted; otherwise weak, filled in
        // only if `*T` is emitted anyway (see `emit_pending`).
        // For pointer-shaped types gc only refers to `*T` when the compiler has created it
        // (t.IsPtrElem()); the checker interns `*T` for every named type up front, so rgo
        // cannot tell, and uses a weak reference (right whenever `*T` is not used).
        let ptr_kind = matches!(prog.ty(u), Type::Pointer(_));
        let ptr_methods =
            find_pointer_type(prog, t).filter(|p| !ptr_kind && !prog.method_set(*p).is_empty());
        let ptr_to_this = if !ptr_kind && (named || ptr_methods.is_some()) {
            PtrToThis::Strong(td.ptr_to(prog, t))
        } else {
            PtrToThis::Weak(format!("type:*{link}"))
        };
        // Kind-specific fixed part.
        let (fixed, mut extra): (usize, Vec<(usize, String)>) = match prog.ty(u) {
            Type::Pointer(e) | Type::Slice(e) => (56, vec![(48, td.type_sym(prog, *e))]),
            Type::Array(e, _) => {
                // ArrayType.Slice always points at `[]Elem`.
                let st = td.slice_of(prog, self.lay, *e);
                (72, vec![(48, td.type_sym(prog, *e)), (56, st)])
            }
            Type::Chan(_, e) => (64, vec![(48, td.type_sym(prog, *e))]),
            Type::Func(_) => (56, vec![]),
            Type::Interface(_) => (80, vec![]),
            Type::Struct(_) => (80, vec![]),
            Type::Map(k, v) => (
                136,
                vec![(48, td.type_sym(prog, *k)), (56, td.type_sym(prog, *v))],
            ),
            _ => (48, vec![]),
        };
        let uncommon_at = fixed;
        let after_uncommon = if tflag & TFLAG_UNCOMMON != 0 {
            fixed + 16
        } else {
            fixed
        };
        // Variable part.
        let mut var_words: Vec<(usize, Option<String>, u64)> = Vec::new(); // (offset, reloc, value)
        // 4-byte offsets (nameOff/typeOff/textOff) to write: (offset, target symbol).
        let mut off32s: Vec<(usize, String)> = Vec::new();
        let mut total = after_uncommon;
        let mut bytes_extra: Vec<(usize, Vec<u8>)> = Vec::new();
        match prog.ty(u) {
            Type::Func(s) => {
                let mut off = after_uncommon;
                for &p in s.params.iter().chain(&s.results) {
                    var_words.push((off, Some(td.type_sym(prog, p)), 0));
                    off += 8;
                }
                total = off;
                let mut hdr = Vec::new();
                hdr.extend_from_slice(&(s.params.len() as u16).to_le_bytes());
                let mut out = s.results.len() as u16;
                if s.variadic {
                    out |= 0x8000;
                }
                hdr.extend_from_slice(&out.to_le_bytes());
                bytes_extra.push((48, hdr));
            }
            Type::Struct(fields) => {
                let offs = self.lay.field_offsets(t);
                let mut off = after_uncommon;
                let start = off;
                // StructType.PkgPath: the package of the first unexported field (blank
                // fields count); field names never carry a package.
                let mut pkgpath: Option<String> = None;
                for (f, fo) in fields.iter().zip(&offs) {
                    let exported = is_exported(&f.name);
                    if !exported
                        && pkgpath.is_none()
                        && let Some(p) = f.pkg
                    {
                        pkgpath = Some(prog.package(p).path.clone());
                    }
                    let tag = f.tag.as_deref().unwrap_or("");
                    let nsym = self.name_data(&f.name, tag, exported, f.embedded, None);
                    var_words.push((off, Some(nsym), 0));
                    var_words.push((off + 8, Some(td.type_sym(prog, f.typ)), 0));
                    var_words.push((off + 16, None, *fo));
                    off += 24;
                }
                total = off;
                // Fields slice {ptr, len, cap} → points at the array (even when empty).
                extra.push((56, format!("{sym}+{start}")));
                bytes_extra.push((64, (fields.len() as u64).to_le_bytes().to_vec()));
                bytes_extra.push((72, (fields.len() as u64).to_le_bytes().to_vec()));
                if let Some(p) = pkgpath {
                    let n = self.name_sym(&p, false);
                    extra.push((48, n));
                }
            }
            Type::Interface(it) => {
                let imethods = it.methods.clone();
                extra.push((56, format!("{sym}+{after_uncommon}")));
                bytes_extra.push((64, (imethods.len() as u64).to_le_bytes().to_vec()));
                bytes_extra.push((72, (imethods.len() as u64).to_le_bytes().to_vec()));
                // InterfaceType.PkgPath: the package of a named interface (not `error`).
                let tpkg = match prog.ty(t) {
                    Type::Named(n) => prog.obj(n.obj).pkg,
                    _ => None,
                };
                let mut off = after_uncommon;
                for m in &imethods {
                    let n = self.method_name(&m.name, m.pkg, tpkg);
                    off32s.push((off, n));
                    off32s.push((off + 4, td.type_sym(prog, m.sig)));
                    off += 8;
                }
                total = off;
                if let Some(p) = tpkg {
                    let path = prog.package(p).path.clone();
                    let nsym = self.name_sym(&path, false);
                    extra.push((48, nsym));
                }
            }
            Type::Map(k, v) => {
                let (k, v) = (*k, *v);
                let g = td.map_group(prog, self.lay, k, v);
                let mut flags = 0u32;
                if needs_key_update(prog, k) {
                    flags |= 1;
                }
                if hash_might_panic(prog, k) {
                    flags |= 2;
                }
                if g.indirect_key {
                    flags |= 4;
                }
                if g.indirect_elem {
                    flags |= 8;
                }
                extra.push((64, g.sym));
                let mut alg_objs = Vec::new();
                if let Some(h) = crate::alg::hash_alg(prog, self.lay, k) {
                    extra.push((72, td.alg_closure(&h, false, &mut alg_objs)));
                }
                self.objects.extend(alg_objs);
                for (off, val) in [
                    (80usize, g.size),
                    (88, 8),
                    (96, g.slot),
                    (104, 8 + g.elem_off),
                    (112, g.slot),
                    (120, g.elem_off),
                ] {
                    bytes_extra.push((off, val.to_le_bytes().to_vec()));
                }
                bytes_extra.push((128, flags.to_le_bytes().to_vec()));
            }
            _ => {}
        }
        // UncommonType.PkgPath and the package that unexported method names are relative to
        // (reflectdata.typePkg).
        let tpkg = type_pkg(prog, t);
        let methods_at = round_up(total as u64, 4) as usize;
        if !methods.is_empty() {
            let mut off = methods_at;
            for m in &methods {
                let n = self.method_name(&m.name, m.pkg, tpkg);
                off32s.push((off, n));
                off32s.push((off + 4, td.type_sym(prog, m.sig)));
                // Tfn: the method for a receiver of exactly this type; Ifn: the code an itab
                // uses, whose receiver is the interface data word (a pointer unless the value
                // is stored directly).
                let tfn = td.method_symbol(prog, t, m);
                let ifn = if matches!(prog.ty(t), Type::Pointer(_)) || is_direct_iface(self.lay, t)
                {
                    tfn.clone()
                } else {
                    let pt = find_pointer_type(prog, t);
                    match pt {
                        Some(pt) => {
                            let pms = prog.method_set(pt);
                            match pms.iter().find(|e| e.name == m.name && e.pkg == m.pkg) {
                                Some(pe) => td.method_symbol(prog, pt, pe),
                                None => tfn.clone(),
                            }
                        }
                        None => tfn.clone(),
                    }
                };
                off32s.push((off + 8, ifn));
                off32s.push((off + 12, tfn));
                off += 16;
            }
            total = off;
        }
        let size = round_up(total as u64, 8) as usize;
        let mut bytes = vec![0u8; size];
        let mut relocs = Vec::new();
        let slot = format!("type:.gcmask.{link}");
        let mut mask = Vec::new();
        gc_mask(prog, self.lay, t, 0, &mut mask);
        self.header(
            &mut bytes,
            &mut relocs,
            lay.size,
            lay.ptr_bytes(),
            &mask,
            type_hash(&link),
            tflag,
            lay.align,
            kind,
            &str_name,
            exported,
            Some(slot),
        );
        if let Some(eq) = equal {
            relocs.push(DataReloc {
                offset: 24,
                kind: RelocKind::Abs64,
                target: eq,
                addend: 0,
            });
        }
        match ptr_to_this {
            PtrToThis::Strong(p) => relocs.push(DataReloc {
                offset: 44,
                kind: RelocKind::Off32,
                target: p,
                addend: 0,
            }),
            PtrToThis::Weak(p) => self.weak.push((self.objects.len(), p)),
        }
        if let Type::Array(_, n) = prog.ty(u) {
            bytes[64..72].copy_from_slice(&n.to_le_bytes());
        }
        if let Type::Chan(dir, _) = prog.ty(u) {
            let d: u64 = match dir {
                frontend::ast::ChanDir::Recv => 1,
                frontend::ast::ChanDir::Send => 2,
                frontend::ast::ChanDir::Both => 3,
            };
            bytes[56..64].copy_from_slice(&d.to_le_bytes());
        }
        for (off, b) in bytes_extra {
            bytes[off..off + b.len()].copy_from_slice(&b);
        }
        for (off, target) in extra {
            let (target, addend) = split_addend(&target);
            relocs.push(DataReloc {
                offset: off as u32,
                kind: RelocKind::Abs64,
                target,
                addend,
            });
        }
        for (off, target, value) in var_words {
            match target {
                Some(t) => relocs.push(DataReloc {
                    offset: off as u32,
                    kind: RelocKind::Abs64,
                    target: t,
                    addend: 0,
                }),
                None => bytes[off..off + 8].copy_from_slice(&value.to_le_bytes()),
            }
        }
        for (off, target) in off32s {
            relocs.push(DataReloc {
                offset: off as u32,
                kind: RelocKind::Off32,
                target,
                addend: 0,
            });
        }
        if tflag & TFLAG_UNCOMMON != 0 {
            // UncommonType: PkgPath, Mcount, Xcount, Moff.
            let moff = if methods.is_empty() {
                (size - uncommon_at) as u32
            } else {
                (methods_at - uncommon_at) as u32
            };
            let xcount = methods.iter().filter(|m| is_exported(&m.name)).count() as u16;
            bytes[uncommon_at + 4..uncommon_at + 6]
                .copy_from_slice(&(methods.len() as u16).to_le_bytes());
            bytes[uncommon_at + 6..uncommon_at + 8].copy_from_slice(&xcount.to_le_bytes());
            bytes[uncommon_at + 8..uncommon_at + 12].copy_from_slice(&moff.to_le_bytes());
            if let Some(p) = tpkg {
                let path = prog.package(p).path.clone();
                let nsym = self.name_sym(&path, false);
                relocs.push(DataReloc {
                    offset: uncommon_at as u32,
                    kind: RelocKind::Off32,
                    target: nsym,
                    addend: 0,
                });
            }
        }
        self.objects.push(DataObject {
            name: sym.to_string(),
            section: DataSection::GoType,
            align: 8,
            bytes,
            size: size as u64,
            relocs,
            global: false,
        });
    }

    /// A descriptor for a type without a `TypeId` (see [`Virt`]).
    fn virt_descriptor(&mut self, td: &mut TypeData, v: &Virt) {
        let (kind, fixed) = match &v.kind {
            VirtKind::Ptr { .. } => (KIND_POINTER, 56),
            VirtKind::Slice { .. } => (KIND_SLICE, 56),
            VirtKind::Array { .. } => (KIND_ARRAY, 72),
            VirtKind::Struct(_) => (KIND_STRUCT, 80),
        };
        let nfields = match &v.kind {
            VirtKind::Struct(f) => f.len(),
            _ => 0,
        };
        let size = fixed + 24 * nfields;
        let mut bytes = vec![0u8; size];
        let mut relocs = Vec::new();
        let mut tflag = 0;
        let mut exported = false;
        if let VirtKind::Ptr { exported: e, .. } = &v.kind {
            // Pointers compare as 8 bytes of memory; noalg types and slices have no Equal.
            tflag |= TFLAG_REGULAR_MEMORY;
            exported = *e;
            let mut alg_objs = Vec::new();
            let eq = td.alg_closure(&crate::alg::eq_alg_for_sig("M8"), true, &mut alg_objs);
            self.objects.extend(alg_objs);
            relocs.push(DataReloc {
                offset: 24,
                kind: RelocKind::Abs64,
                target: eq,
                addend: 0,
            });
        }
        self.header(
            &mut bytes,
            &mut relocs,
            v.size,
            v.ptr_bytes,
            &v.mask,
            type_hash(&v.link),
            tflag,
            v.align,
            kind,
            &v.str_name,
            exported,
            Some(format!("type:.gcmask.{}", v.link)),
        );
        let mut abs = |offset: usize, target: String, addend: i64| {
            relocs.push(DataReloc {
                offset: offset as u32,
                kind: RelocKind::Abs64,
                target,
                addend,
            })
        };
        match &v.kind {
            VirtKind::Ptr { elem, .. } | VirtKind::Slice { elem } => abs(48, elem.clone(), 0),
            VirtKind::Array { elem, slice, len } => {
                abs(48, elem.clone(), 0);
                abs(56, slice.clone(), 0);
                bytes[64..72].copy_from_slice(&len.to_le_bytes());
            }
            VirtKind::Struct(fields) => {
                // Fields of runtime-made structs have no package: PkgPath is the empty path.
                let empty = self.name_sym("", false);
                let mut field_relocs = Vec::new();
                for (i, (name, typ, off)) in fields.iter().enumerate() {
                    let at = fixed + 24 * i;
                    let n = self.name_data(name, "", is_exported(name), false, None);
                    field_relocs.push((at, n));
                    field_relocs.push((at + 8, typ.clone()));
                    bytes[at + 16..at + 24].copy_from_slice(&off.to_le_bytes());
                }
                let mut abs = |offset: usize, target: String, addend: i64| {
                    relocs.push(DataReloc {
                        offset: offset as u32,
                        kind: RelocKind::Abs64,
                        target,
                        addend,
                    })
                };
                abs(48, empty, 0);
                abs(56, v.sym.clone(), fixed as i64);
                for (at, target) in field_relocs {
                    abs(at, target, 0);
                }
                bytes[64..72].copy_from_slice(&(nfields as u64).to_le_bytes());
                bytes[72..80].copy_from_slice(&(nfields as u64).to_le_bytes());
            }
        }
        self.weak
            .push((self.objects.len(), format!("type:*{}", v.link)));
        self.objects.push(DataObject {
            name: v.sym.clone(),
            section: DataSection::GoType,
            align: 8,
            bytes,
            size: size as u64,
            relocs,
            global: false,
        });
    }

    fn synth_descriptor(&mut self, s: &Synth) {
        let mut bytes = vec![0u8; 80];
        let mut relocs = Vec::new();
        self.header(
            &mut bytes,
            &mut relocs,
            s.size,
            s.ptr_words.last().map(|w| w + 8).unwrap_or(0),
            &s.ptr_words,
            type_hash(s.sym.trim_start_matches("type:")),
            0,
            s.align,
            KIND_STRUCT,
            &s.str_name,
            false,
            Some(format!(
                "type:.gcmask.{}",
                s.sym.trim_start_matches("type:")
            )),
        );
        relocs.push(DataReloc {
            offset: 56,
            kind: RelocKind::Abs64,
            target: s.sym.clone(),
            addend: 80,
        });
        self.objects.push(DataObject {
            name: s.sym.clone(),
            section: DataSection::GoType,
            align: 8,
            bytes,
            size: 80,
            relocs,
            global: false,
        });
    }

    fn itab(&mut self, td: &mut TypeData, sym: &str, concrete: TypeId, iface: TypeId) {
        let prog = self.prog;
        let imethods = match prog.ty(prog.underlying(iface)) {
            Type::Interface(i) => i.methods.clone(),
            _ => Vec::new(),
        };
        let n = imethods.len();
        let size = 24 + 8 * n.max(1);
        let mut bytes = vec![0u8; size];
        let link = prog.link_string(concrete);
        bytes[16..20].copy_from_slice(&type_hash(&link).to_le_bytes());
        // Fun[i]: the Ifn code of the concrete type's method for interface method i.
        let ms = prog.method_set(concrete);
        let via_ptr =
            !matches!(prog.ty(concrete), Type::Pointer(_)) && !is_direct_iface(self.lay, concrete);
        let ptr_t = if via_ptr {
            find_pointer_type(prog, concrete)
        } else {
            None
        };
        let pms = ptr_t.map(|p| (p, prog.method_set(p)));
        let mut fun_relocs = Vec::new();
        for (i, im) in imethods.iter().enumerate() {
            let target = match &pms {
                Some((pt, pms)) => pms
                    .iter()
                    .find(|e| e.name == im.name && e.pkg == im.pkg)
                    .map(|e| td.method_symbol(prog, *pt, e)),
                None => ms
                    .iter()
                    .find(|e| e.name == im.name && e.pkg == im.pkg)
                    .map(|e| td.method_symbol(prog, concrete, e)),
            };
            if let Some(target) = target {
                fun_relocs.push(DataReloc {
                    offset: 24 + 8 * i as u32,
                    kind: RelocKind::Abs64,
                    target,
                    addend: 0,
                });
            }
        }
        let mut relocs = vec![
            DataReloc {
                offset: 0,
                kind: RelocKind::Abs64,
                target: format!("type:{}", prog.link_string(iface)),
                addend: 0,
            },
            DataReloc {
                offset: 8,
                kind: RelocKind::Abs64,
                target: format!("type:{link}"),
                addend: 0,
            },
        ];
        relocs.extend(fun_relocs);
        self.objects.push(DataObject {
            name: sym.to_string(),
            section: DataSection::GoItab,
            align: 8,
            bytes,
            size: size as u64,
            relocs,
            global: false,
        });
    }
}

/// The type string gc stores in descriptors (cmd/compile's `types.Type.String()`): packages
/// qualified by name, `struct { a int; b string }`, `interface { M() }`, `interface {}`.
pub fn runtime_type_string(prog: &Program, t: TypeId) -> String {
    let mut s = String::new();
    write_rtype(prog, &mut s, t, 0);
    s
}

fn write_rtype(prog: &Program, s: &mut String, t: TypeId, depth: u32) {
    // gc prints the whole type, however deep: the string names the descriptor's symbol, so a
    // truncated string would merge distinct types (`[][]...[]T` of depths 253 and 252). Named
    // types end the recursion and the checker bounds literal nesting (check::MAX_DEPTH), so this
    // guard only keeps an unforeseen cycle from overflowing the stack.
    if depth > 8192 {
        s.push_str("...");
        return;
    }
    let d = depth + 1;
    match prog.ty(t) {
        Type::Basic(k) => s.push_str(match k {
            BasicKind::UntypedBool => "bool",
            BasicKind::UntypedInt => "int",
            BasicKind::UntypedRune => "int32",
            BasicKind::UntypedFloat => "float64",
            BasicKind::UntypedComplex => "complex128",
            BasicKind::UntypedString => "string",
            BasicKind::UntypedNil => "nil",
            k => k.name(),
        }),
        Type::Named(n) => {
            let obj = prog.obj(n.obj);
            if let Some(p) = obj.pkg {
                let pkg = prog.package(p);
                if !pkg.name.is_empty() {
                    s.push_str(&pkg.name);
                    s.push('.');
                }
            }
            s.push_str(&obj.name);
            if !n.type_args.is_empty() {
                s.push('[');
                for (i, a) in n.type_args.iter().enumerate() {
                    if i > 0 {
                        s.push(',');
                    }
                    s.push_str(&prog.link_string(*a));
                }
                s.push(']');
            }
        }
        Type::Pointer(e) => {
            s.push('*');
            write_rtype(prog, s, *e, d);
        }
        Type::Slice(e) => {
            s.push_str("[]");
            write_rtype(prog, s, *e, d);
        }
        Type::Array(e, n) => {
            s.push_str(&format!("[{n}]"));
            write_rtype(prog, s, *e, d);
        }
        Type::Map(k, v) => {
            s.push_str("map[");
            write_rtype(prog, s, *k, d);
            s.push(']');
            write_rtype(prog, s, *v, d);
        }
        Type::Chan(dir, e) => {
            match dir {
                frontend::ast::ChanDir::Both => s.push_str("chan "),
                frontend::ast::ChanDir::Send => s.push_str("chan<- "),
                frontend::ast::ChanDir::Recv => s.push_str("<-chan "),
            }
            let paren = *dir == frontend::ast::ChanDir::Both
                && matches!(prog.ty(*e), Type::Chan(frontend::ast::ChanDir::Recv, _));
            if paren {
                s.push('(');
            }
            write_rtype(prog, s, *e, d);
            if paren {
                s.push(')');
            }
        }
        Type::Struct(fields) => {
            if fields.is_empty() {
                s.push_str("struct {}");
                return;
            }
            s.push_str("struct { ");
            for (i, f) in fields.iter().enumerate() {
                if i > 0 {
                    s.push_str("; ");
                }
                if !f.embedded {
                    s.push_str(&f.name);
                    s.push(' ');
                }
                write_rtype(prog, s, f.typ, d);
                if let Some(tag) = &f.tag {
                    s.push(' ');
                    s.push_str(&crate::lower::go_quote(tag.as_bytes()));
                }
            }
            s.push_str(" }");
        }
        Type::Func(sig) => {
            s.push_str("func");
            write_rsig(prog, s, sig, d);
        }
        Type::Interface(it) => {
            if it.methods.is_empty() {
                s.push_str("interface {}");
                return;
            }
            s.push_str("interface { ");
            for (i, m) in it.methods.iter().enumerate() {
                if i > 0 {
                    s.push_str("; ");
                }
                // Unexported method names are qualified by package name (gc formats them in
                // fmtTypeIDName mode even inside type strings).
                if let Some(p) = m.pkg.filter(|_| !is_exported(&m.name)) {
                    let pkg = prog.package(p);
                    if !pkg.name.is_empty() {
                        s.push_str(&pkg.name);
                        s.push('.');
                    }
                }
                s.push_str(&m.name);
                if let Type::Func(sig) = prog.ty(m.sig) {
                    write_rsig(prog, s, sig, d);
                }
            }
            s.push_str(" }");
        }
        Type::Tuple(ts) => {
            s.push('(');
            for (i, e) in ts.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                write_rtype(prog, s, *e, d);
            }
            s.push(')');
        }
        Type::TypeParam(p) => s.push_str(&prog.obj(p.obj).name),
    }
}

fn write_rsig(prog: &Program, s: &mut String, sig: &frontend::types::Signature, d: u32) {
    s.push('(');
    for (i, p) in sig.params.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        if sig.variadic && i + 1 == sig.params.len() {
            s.push_str("...");
            match prog.ty(*p) {
                Type::Slice(e) => write_rtype(prog, s, *e, d),
                _ => write_rtype(prog, s, *p, d),
            }
        } else {
            write_rtype(prog, s, *p, d);
        }
    }
    s.push(')');
    match sig.results.len() {
        0 => {}
        1 => {
            s.push(' ');
            write_rtype(prog, s, sig.results[0], d);
        }
        _ => {
            s.push_str(" (");
            for (i, r) in sig.results.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                write_rtype(prog, s, *r, d);
            }
            s.push(')');
        }
    }
}

fn split_addend(target: &str) -> (String, i64) {
    if let Some((name, off)) = target.rsplit_once('+')
        && let Ok(a) = off.parse::<i64>()
    {
        return (name.to_string(), a);
    }
    (target.to_string(), 0)
}

/// The `*T` type of `t`, if the program has one (the checker creates `*T` for every named type
/// with pointer-receiver methods and for every `&x`/`new(T)`).
pub fn find_pointer_type(prog: &Program, t: TypeId) -> Option<TypeId> {
    prog.types
        .interned
        .get(&frontend::types::TypeKey::Pointer(t))
        .copied()
}

/// The checker's `[n]elem`, if it interned one (it does for every slice literal's backing
/// store).
pub fn find_array_type(prog: &Program, elem: TypeId, n: u64) -> Option<TypeId> {
    prog.types
        .interned
        .get(&frontend::types::TypeKey::Array(elem, n))
        .copied()
}

fn find_slice_type(prog: &Program, elem: TypeId) -> Option<TypeId> {
    prog.types
        .interned
        .get(&frontend::types::TypeKey::Slice(elem))
        .copied()
}

/// Map keys whose stored form may differ from an equal key (floats: +0/-0, NaN; strings:
/// different backing arrays) need the key overwritten on assignment.
fn needs_key_update(prog: &Program, t: TypeId) -> bool {
    match prog.ty(prog.underlying(t)) {
        Type::Basic(k) => k.is_float() || k.is_complex() || k.is_string(),
        Type::Interface(_) => true,
        Type::Array(e, _) => needs_key_update(prog, *e),
        Type::Struct(fs) => fs.iter().any(|f| needs_key_update(prog, f.typ)),
        _ => false,
    }
}

fn hash_might_panic(prog: &Program, t: TypeId) -> bool {
    match prog.ty(prog.underlying(t)) {
        Type::Interface(_) => true,
        Type::Array(e, _) => hash_might_panic(prog, *e),
        Type::Struct(fs) => fs.iter().any(|f| hash_might_panic(prog, f.typ)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_match_gc() {
        // Values verified against gc 1.27.3 binaries (shared/reference/go1.27-abi.md §1.4).
        assert_eq!(type_hash("int"), 0x348ca892);
        assert_eq!(type_hash("string"), 0xf88732b8);
        assert_eq!(type_hash("main.T"), 0x9eab503f);
        assert_eq!(type_hash("[3]int"), 0x2d40fb15);
        assert_eq!(
            type_hash("struct { main.a int8; main.b int64 }"),
            0xc113241c
        );
    }

    #[test]
    fn names_encode() {
        assert_eq!(encode_name("*main.T", true), b"\x01\x07*main.T".to_vec());
        let long = "x".repeat(148);
        assert_eq!(&encode_name(&long, false)[..3], &[0, 0x94, 0x01]);
    }
}
