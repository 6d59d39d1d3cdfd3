//! Static initialisation of package-level variables, following gc's staticinit pass
//! (cmd/compile/internal/staticinit, `Schedule.StaticAssign` and `staticcopy`).
//!
//! gc does not run code for a package-level `var x = e` when `e`'s value can be written into
//! the executable at link time: the variable's symbol gets initialised contents (in `.data`,
//! or `.noptrdata` when the type holds no pointers) and the package's init function never
//! mentions it. This is observable: `var b = []byte("foo")` has cap 3 (the backing array is
//! a 3-byte static symbol) where a run-time conversion rounds the allocation up to a size
//! class (cap 8); a package whose every variable is static has no `init` function and no
//! init task; a static variable already holds its value when earlier initialisers run.
//!
//! The rules, as gc applies them to the initialiser `r` of a variable of type `T`, writing at
//! offset `off` of a symbol:
//! * a constant: its bytes (strings: a pointer to the string data and the length); zero
//!   values and `nil` write nothing;
//! * a top-level function (or a function literal, which at package level captures nothing):
//!   the address of its static funcval `f·f`;
//! * another variable of this package that was itself initialised statically, has a
//!   single-value initialiser and is not a string (the linker's `-X` may replace strings): a
//!   copy of its contents, unless an earlier dynamic initialiser may have modified package
//!   variables (a call; gc's `seenMutation`);
//! * `&v` of a package-level variable: its address; `&T{...}` of a composite literal: the
//!   address of a new static symbol (`pkg..stmp_N`) initialised by the same rules;
//! * `[]byte("constant")`: a new static `[n]byte` and a slice header {array, n, n};
//! * struct and array literals: each element at its offset; slice literals: a static `[n]E`
//!   backing array initialised element by element and a header {array, n, n};
//! * a conversion that changes no representation: its operand;
//! * a conversion to an interface of a concrete value: the type descriptor (empty interface)
//!   or itab word, then the value itself when it is pointer-shaped, else the address of a new
//!   static symbol holding it; `nil` interfaces write nothing; a non-nil interface operand is
//!   dynamic;
//! * everything else (calls, map literals, arithmetic on variables, ...) is dynamic.
//!
//! gc can also split one literal into a static part and dynamic assignments to its remaining
//! elements; rgo initialises a variable either wholly statically or wholly in `pkg.init`
//! (the values are the same; only the moment a partly-static variable gets its static parts
//! differs). gc's static evaluation of inlined calls is not done either (rgo has no inliner).
//!
//! Each variable is first checked without side effects (`dry`), then written, so a variable
//! that turns out to be dynamic leaves no static symbols or closure bodies behind (closure
//! names such as `pkg.init.func1` are numbered as gc numbers them).

use std::collections::HashMap;

use frontend::ast::{Expr, ExprKind, UnaryOp};
use frontend::types::{BasicKind, ConstValue, Mode, ObjId, ObjKind, Type, TypeId};

use super::expr::{const_to_bits, const_to_complex, const_to_f64};
use super::func::FnLower;
use crate::ir::{DataObject, DataReloc, DataSection, RelocKind};

/// The initial contents of a statically initialised symbol.
#[derive(Clone, Debug, Default)]
pub(crate) struct StaticImage {
    pub bytes: Vec<u8>,
    pub relocs: Vec<DataReloc>,
}

impl StaticImage {
    fn zeroed(size: u64) -> StaticImage {
        StaticImage {
            bytes: vec![0; size as usize],
            relocs: Vec::new(),
        }
    }

    fn put_bytes(&mut self, off: u64, b: &[u8]) -> bool {
        let off = off as usize;
        match self.bytes.get_mut(off..off + b.len()) {
            Some(dst) => {
                dst.copy_from_slice(b);
                true
            }
            None => false,
        }
    }

    fn put_addr(&mut self, off: u64, target: String, addend: i64) {
        self.relocs.push(DataReloc {
            offset: off as u32,
            kind: RelocKind::Abs64,
            target,
            addend,
        });
    }

    /// Whether the symbol can stay in a zeroed section.
    pub fn is_zero(&self) -> bool {
        self.relocs.is_empty() && self.bytes.iter().all(|&b| b == 0)
    }
}

/// What the static initialisation of a package has decided so far.
#[derive(Default)]
pub(crate) struct StaticState {
    /// Variables initialised statically, with their contents (for gc's static copies).
    pub done: HashMap<ObjId, StaticImage>,
    /// An earlier dynamic initialiser may have modified package variables (gc's
    /// `seenMutation`), so later ones may not copy a static variable's initial contents.
    pub seen_mutation: bool,
}

impl<'a, 'p> FnLower<'a, 'p> {
    /// Initialises package variable `o` (type `t`) from `e` statically if gc would; returns
    /// whether it did (else the caller lowers the assignment into `pkg.init`).
    pub(crate) fn try_static_init(
        &mut self,
        o: ObjId,
        t: TypeId,
        e: &'p Expr,
        st: &mut StaticState,
    ) -> bool {
        let Some(sym) = self.l.globals.get(&o).cloned() else {
            return false;
        };
        let Some(idx) = self.l.module.data.iter().position(|d| d.name == sym) else {
            // Zero-size variables (runtime.zerobase) and linknamed pulls are not ours to fill.
            return false;
        };
        let size = self.l.lay.of(t).size;
        let mut probe = StaticImage::zeroed(size);
        if !self.static_put(e, t, &mut probe, 0, st, true) {
            return false;
        }
        let mut img = StaticImage::zeroed(size);
        if !self.static_put(e, t, &mut img, 0, st, false) {
            return false;
        }
        if !img.is_zero() {
            let d = &mut self.l.module.data[idx];
            d.section = if d.section == DataSection::Bss {
                DataSection::Data
            } else {
                DataSection::NoptrData
            };
            d.bytes = img.bytes.clone();
            d.relocs = img.relocs.clone();
        }
        st.done.insert(o, img);
        true
    }

    /// Whether `e` converted to `t` is a static value (nothing is emitted).
    pub(crate) fn static_probe(&mut self, e: &'p Expr, t: TypeId, st: &StaticState) -> bool {
        let mut probe = StaticImage::zeroed(self.l.lay.of(t).size);
        self.static_put(e, t, &mut probe, 0, st, true)
    }

    /// Records what a dynamic initialiser `e` may do to later static copies.
    pub(crate) fn note_dynamic_init(&self, e: &Expr, st: &mut StaticState) {
        if !st.seen_mutation && self.may_modify_package_vars(e) {
            st.seen_mutation = true;
        }
    }

    /// gc's `mayModifyPkgVar` for an initialiser expression: any call (conversions and the
    /// builtins that only read excepted; `append`, `copy` and `clear` write). Function
    /// literals' bodies do not run here.
    fn may_modify_package_vars(&self, e: &Expr) -> bool {
        let any = |xs: &[Expr]| xs.iter().any(|x| self.may_modify_package_vars(x));
        match &e.kind {
            ExprKind::Call { func, args, .. } => {
                let f = func.unparen();
                let writes = match self.l.tv(f.id).map(|t| t.mode) {
                    Some(Mode::TypeExpr) => false,
                    Some(Mode::Builtin) => matches!(
                        &f.kind,
                        ExprKind::Ident(id) if matches!(id.name.as_str(), "append" | "copy" | "clear")
                    ),
                    _ => true,
                };
                writes || self.may_modify_package_vars(func) || any(args)
            }
            ExprKind::Paren(x) | ExprKind::Star(x) | ExprKind::Unary { x, .. } => {
                self.may_modify_package_vars(x)
            }
            ExprKind::Selector { x, .. } | ExprKind::TypeAssert { x, .. } => {
                self.may_modify_package_vars(x)
            }
            ExprKind::Binary { x, y, .. } => {
                self.may_modify_package_vars(x) || self.may_modify_package_vars(y)
            }
            ExprKind::KeyValue { key, value, .. } => {
                self.may_modify_package_vars(key) || self.may_modify_package_vars(value)
            }
            ExprKind::CompositeLit { elts, .. } => any(elts),
            ExprKind::Index { x, indices, .. } => self.may_modify_package_vars(x) || any(indices),
            ExprKind::Slice { x, lo, hi, max, .. } => {
                self.may_modify_package_vars(x)
                    || [lo, hi, max]
                        .into_iter()
                        .flatten()
                        .any(|y| self.may_modify_package_vars(y))
            }
            _ => false,
        }
    }

    /// Writes the value of `e` converted to type `t` at `off` of `img`; false when the value
    /// needs code. With `dry`, only decides (no symbols or closures are created).
    fn static_put(
        &mut self,
        e: &'p Expr,
        t: TypeId,
        img: &mut StaticImage,
        off: u64,
        st: &StaticState,
        dry: bool,
    ) -> bool {
        let prog = self.l.prog;
        let e = e.unparen();
        let Some(tv) = self.l.tv(e.id) else {
            return false;
        };
        let et = tv.typ;
        if self.is_interface(t) {
            return self.static_iface(e, et, t, img, off, st, dry);
        }
        if let (Mode::Constant, Some(v)) = (tv.mode, &tv.value) {
            return self.static_const(v, t, img, off, dry);
        }
        match &e.kind {
            ExprKind::Ident(id) => {
                let Some(&o) = prog.info.uses.get(&id.id) else {
                    return false;
                };
                self.static_object(o, t, img, off, st, dry)
            }
            ExprKind::Selector { sel, .. } if self.l.selection(e.id).is_none() => {
                // A package-qualified name.
                let Some(&o) = prog.info.uses.get(&sel.id) else {
                    return false;
                };
                self.static_object(o, t, img, off, st, dry)
            }
            ExprKind::Unary {
                op: UnaryOp::Addr,
                x,
                ..
            } => self.static_addr(x.unparen(), img, off, st, dry),
            ExprKind::CompositeLit { .. } => self.static_composite(e, t, img, off, st, dry),
            ExprKind::FuncLit { .. } => {
                if prog.info.captures.get(&e.id).is_some_and(|c| !c.is_empty()) {
                    return false;
                }
                if !dry {
                    let name = self.new_closure(e, Vec::new());
                    let fv = self.l.funcval_sym(&name);
                    img.put_addr(off, fv, 0);
                }
                true
            }
            ExprKind::Call { func, args, .. } => {
                let f = func.unparen();
                if self.l.tv(f.id).map(|t| t.mode) != Some(Mode::TypeExpr) || args.len() != 1 {
                    return false;
                }
                self.static_conversion(&args[0], et, img, off, st, dry)
            }
            _ => false,
        }
    }

    /// A named value: nil, a function's funcval, or a copy of a static variable.
    fn static_object(
        &mut self,
        o: ObjId,
        t: TypeId,
        img: &mut StaticImage,
        off: u64,
        st: &StaticState,
        dry: bool,
    ) -> bool {
        let prog = self.l.prog;
        match &prog.obj(o).kind {
            ObjKind::Nil => true,
            ObjKind::Func { .. } => {
                if !dry {
                    let sym = self.l.func_symbol(o);
                    let fv = self.l.funcval_sym(&sym);
                    img.put_addr(off, fv, 0);
                }
                true
            }
            ObjKind::Var { .. } => {
                let Some(src) = st.done.get(&o) else {
                    return false;
                };
                let is_string = matches!(
                    prog.ty(prog.underlying(self.l.obj_type(o))),
                    Type::Basic(BasicKind::String)
                );
                if st.seen_mutation || is_string || src.bytes.len() as u64 != self.l.lay.size(t) {
                    return false;
                }
                let src = src.clone();
                if !img.put_bytes(off, &src.bytes) {
                    return false;
                }
                for r in src.relocs {
                    img.relocs.push(DataReloc {
                        offset: r.offset + off as u32,
                        ..r
                    });
                }
                true
            }
            _ => false,
        }
    }

    /// `&x`: a package-level variable's address, or a composite literal moved to a new static
    /// symbol.
    fn static_addr(
        &mut self,
        x: &'p Expr,
        img: &mut StaticImage,
        off: u64,
        st: &StaticState,
        dry: bool,
    ) -> bool {
        let prog = self.l.prog;
        match &x.kind {
            ExprKind::Ident(id) => {
                let Some(&o) = prog.info.uses.get(&id.id) else {
                    return false;
                };
                if !matches!(
                    prog.obj(o).kind,
                    ObjKind::Var {
                        is_global: true,
                        ..
                    }
                ) {
                    return false;
                }
                let sym = self
                    .l
                    .globals
                    .get(&o)
                    .cloned()
                    .or_else(|| self.l.foreign_global_symbol(o));
                match sym {
                    Some(s) => {
                        if !dry {
                            img.put_addr(off, s, 0);
                        }
                        true
                    }
                    None => false,
                }
            }
            ExprKind::CompositeLit { .. } => {
                let lt = self.type_of(x);
                self.static_temp(x, lt, img, off, st, dry)
            }
            _ => false,
        }
    }

    /// A new static symbol `pkg..stmp_N` of type `t` holding `e`; its address goes at `off`.
    fn static_temp(
        &mut self,
        e: &'p Expr,
        t: TypeId,
        img: &mut StaticImage,
        off: u64,
        st: &StaticState,
        dry: bool,
    ) -> bool {
        let lay = self.l.lay.of(t);
        let name = if dry {
            String::new()
        } else {
            self.l.static_temp_name()
        };
        let mut tmp = StaticImage::zeroed(lay.size);
        if !self.static_put(e, t, &mut tmp, 0, st, dry) {
            return false;
        }
        if !dry {
            self.emit_static_temp(&name, lay.size, lay.align, lay.has_pointers(), tmp);
            img.put_addr(off, name, 0);
        }
        true
    }

    fn emit_static_temp(
        &mut self,
        name: &str,
        size: u64,
        align: u64,
        pointers: bool,
        img: StaticImage,
    ) {
        let zero = img.is_zero();
        let section = match (pointers, zero) {
            (true, false) => DataSection::Data,
            (false, false) => DataSection::NoptrData,
            (true, true) => DataSection::Bss,
            (false, true) => DataSection::NoptrBss,
        };
        self.l.module.data.push(DataObject {
            name: name.to_string(),
            section,
            align: align.max(1) as u32,
            bytes: if zero { Vec::new() } else { img.bytes },
            size,
            relocs: img.relocs,
            global: false,
        });
    }

    /// A conversion `T(x)` of type `to` that gc leaves to the linker: `[]byte` of a non-empty
    /// constant string, or one that changes no representation.
    fn static_conversion(
        &mut self,
        x: &'p Expr,
        to: TypeId,
        img: &mut StaticImage,
        off: u64,
        st: &StaticState,
        dry: bool,
    ) -> bool {
        let prog = self.l.prog;
        let Some(xtv) = self.l.tv(x.unparen().id) else {
            return false;
        };
        let from = xtv.typ;
        let tu = prog.underlying(to);
        let fu = prog.underlying(from);
        if let (Type::Slice(el), Type::Basic(_)) = (prog.ty(tu), prog.ty(fu))
            && matches!(prog.ty(prog.underlying(*el)), Type::Basic(BasicKind::Uint8))
        {
            let Some(ConstValue::String(s)) = xtv.value.as_ref() else {
                return false;
            };
            let data = s.bytes().into_owned();
            if data.is_empty() {
                return false;
            }
            if !dry {
                let n = data.len() as u64;
                let name = self.l.static_temp_name();
                self.emit_static_temp(
                    &name,
                    n,
                    1,
                    false,
                    StaticImage {
                        bytes: data,
                        relocs: Vec::new(),
                    },
                );
                img.put_addr(off, name, 0);
                img.put_bytes(off + 8, &n.to_le_bytes());
                img.put_bytes(off + 16, &n.to_le_bytes());
            }
            return true;
        }
        // Pointer to pointer and pointer to/from unsafe.Pointer conversions are gc's OCONVNOP.
        let pointer_like = |t: TypeId| {
            matches!(
                prog.ty(t),
                Type::Pointer(_) | Type::Basic(BasicKind::UnsafePointer)
            )
        };
        let both_pointers = pointer_like(tu) && pointer_like(fu);
        if (prog.identical(tu, fu) || both_pointers) && !self.is_interface(to) {
            return self.static_put(x, from, img, off, st, dry);
        }
        false
    }

    /// A constant of type `t` (not an interface).
    fn static_const(
        &mut self,
        v: &ConstValue,
        t: TypeId,
        img: &mut StaticImage,
        off: u64,
        dry: bool,
    ) -> bool {
        let prog = self.l.prog;
        let Type::Basic(k) = prog.ty(prog.underlying(t)) else {
            return false;
        };
        use BasicKind::*;
        let size = self.l.lay.size(t);
        match k {
            String | UntypedString => {
                let s = match v {
                    ConstValue::String(s) => s.bytes().into_owned(),
                    _ => return false,
                };
                if !s.is_empty() && !dry {
                    let sym = self.l.string_sym(&s);
                    img.put_addr(off, sym, 0);
                    img.put_bytes(off + 8, &(s.len() as u64).to_le_bytes());
                }
                true
            }
            Float32 => img.put_bytes(off, &(const_to_f64(v) as f32).to_le_bytes()),
            Float64 | UntypedFloat => img.put_bytes(off, &const_to_f64(v).to_le_bytes()),
            Complex64 => {
                let (re, im) = const_to_complex(v);
                img.put_bytes(off, &(re as f32).to_le_bytes())
                    && img.put_bytes(off + 4, &(im as f32).to_le_bytes())
            }
            Complex128 | UntypedComplex => {
                let (re, im) = const_to_complex(v);
                img.put_bytes(off, &re.to_le_bytes()) && img.put_bytes(off + 8, &im.to_le_bytes())
            }
            Invalid => false,
            _ => {
                let bits = const_to_bits(v).to_le_bytes();
                img.put_bytes(off, &bits[..size.min(8) as usize])
            }
        }
    }

    /// The conversion of `e` (of type `et`) to interface type `t`.
    #[allow(clippy::too_many_arguments)]
    fn static_iface(
        &mut self,
        e: &'p Expr,
        et: TypeId,
        t: TypeId,
        img: &mut StaticImage,
        off: u64,
        st: &StaticState,
        dry: bool,
    ) -> bool {
        let prog = self.l.prog;
        // An explicit conversion to an interface: look through to its operand, as gc looks
        // through chains of OCONVIFACE.
        if let ExprKind::Call { func, args, .. } = &e.kind
            && self.l.tv(func.unparen().id).map(|t| t.mode) == Some(Mode::TypeExpr)
            && args.len() == 1
            && self.is_interface(et)
        {
            return self.static_iface(
                args[0].unparen(),
                self.type_of(args[0].unparen()),
                t,
                img,
                off,
                st,
                dry,
            );
        }
        let tv = self.l.tv(e.id);
        let is_nil = matches!(
            prog.ty(prog.underlying(et)),
            Type::Basic(BasicKind::UntypedNil)
        );
        if is_nil {
            return true;
        }
        if self.is_interface(et) {
            // A non-nil interface value has no concrete type known here.
            return false;
        }
        // Untyped constants take their default type.
        let vt = match prog.ty(prog.underlying(et)) {
            Type::Basic(k) if k.is_untyped() => {
                let v = tv.as_ref().and_then(|tv| tv.value.as_ref());
                prog.basic(match v {
                    Some(ConstValue::Bool(_)) => BasicKind::Bool,
                    Some(ConstValue::String(_)) => BasicKind::String,
                    Some(ConstValue::Int(_)) if *k == BasicKind::UntypedRune => BasicKind::Int32,
                    Some(ConstValue::Int(_)) => BasicKind::Int,
                    Some(ConstValue::Float(_)) => BasicKind::Float64,
                    Some(ConstValue::Complex(..)) => BasicKind::Complex128,
                    None => return false,
                })
            }
            _ => et,
        };
        if !dry {
            let word = if self.is_empty_interface(t) {
                self.l.types.type_sym(prog, vt)
            } else {
                self.l.types.itab_sym(prog, vt, t)
            };
            img.put_addr(off, word, 0);
        }
        let lay = self.l.lay.of(vt);
        if crate::typedata::is_direct_iface(&self.l.lay, vt) {
            return self.static_put(e, vt, img, off + 8, st, dry);
        }
        if lay.size == 0 {
            if !dry {
                img.put_addr(off + 8, "runtime.zerobase".to_string(), 0);
            }
            return true;
        }
        self.static_temp(e, vt, img, off + 8, st, dry)
    }

    /// A composite literal of type `t` (struct, array, slice, or an elided `&T{...}`).
    fn static_composite(
        &mut self,
        e: &'p Expr,
        t: TypeId,
        img: &mut StaticImage,
        off: u64,
        st: &StaticState,
        dry: bool,
    ) -> bool {
        let prog = self.l.prog;
        let ExprKind::CompositeLit { elts, .. } = &e.kind else {
            return false;
        };
        match prog.ty(prog.underlying(t)).clone() {
            Type::Struct(fields) => {
                let offs = self.l.lay.field_offsets(t);
                for (i, el) in elts.iter().enumerate() {
                    let (fi, ve) = match &el.kind {
                        ExprKind::KeyValue { key, value, .. } => {
                            let name = match &key.kind {
                                ExprKind::Ident(id) => id.name.as_str(),
                                _ => return false,
                            };
                            (fields.iter().position(|f| f.name == name), &**value)
                        }
                        _ => (Some(i), el),
                    };
                    let Some(fi) = fi else { return false };
                    if fields[fi].name == "_" {
                        // gc's initplan skips blank fields; their values are constants or
                        // side-effect-free here only if static.
                        let mut scratch = StaticImage::zeroed(self.l.lay.size(fields[fi].typ));
                        if !self.static_put(ve, fields[fi].typ, &mut scratch, 0, st, true) {
                            return false;
                        }
                        continue;
                    }
                    if !self.static_elem(ve, fields[fi].typ, img, off + offs[fi], st, dry) {
                        return false;
                    }
                }
                true
            }
            Type::Array(et, _) => self.static_indexed(elts, et, img, off, st, dry),
            Type::Slice(et) => {
                let n = self.literal_len(elts);
                let Some(at) = crate::typedata::find_array_type(prog, et, n) else {
                    return false;
                };
                let lay = self.l.lay.of(at);
                let name = if dry || lay.size == 0 {
                    "runtime.zerobase".to_string()
                } else {
                    self.l.static_temp_name()
                };
                let mut arr = StaticImage::zeroed(lay.size);
                if !self.static_indexed(elts, et, &mut arr, 0, st, dry) {
                    return false;
                }
                if !dry {
                    if lay.size != 0 {
                        self.emit_static_temp(&name, lay.size, lay.align, lay.has_pointers(), arr);
                    }
                    img.put_addr(off, name, 0);
                    img.put_bytes(off + 8, &n.to_le_bytes());
                    img.put_bytes(off + 16, &n.to_le_bytes());
                }
                true
            }
            Type::Pointer(inner) => self.static_temp(e, inner, img, off, st, dry),
            _ => false,
        }
    }

    /// A literal element of type `t`, where `{...}` may stand for `&T{...}`.
    fn static_elem(
        &mut self,
        ve: &'p Expr,
        t: TypeId,
        img: &mut StaticImage,
        off: u64,
        st: &StaticState,
        dry: bool,
    ) -> bool {
        let prog = self.l.prog;
        if let ExprKind::CompositeLit { typ: None, .. } = &ve.kind
            && let Type::Pointer(inner) = prog.ty(prog.underlying(t))
            && !matches!(prog.ty(prog.underlying(self.type_of(ve))), Type::Pointer(_))
        {
            let inner = *inner;
            return self.static_temp(ve, inner, img, off, st, dry);
        }
        self.static_put(ve, t, img, off, st, dry)
    }

    fn static_indexed(
        &mut self,
        elts: &'p [Expr],
        et: TypeId,
        img: &mut StaticImage,
        off: u64,
        st: &StaticState,
        dry: bool,
    ) -> bool {
        let esz = self.l.lay.size(et);
        let mut idx = 0u64;
        for el in elts {
            let ve = match &el.kind {
                ExprKind::KeyValue { key, value, .. } => {
                    match self.l.tv(key.id).and_then(|tv| tv.value) {
                        Some(ConstValue::Int(i)) => {
                            idx = num_traits::ToPrimitive::to_u64(&i).unwrap_or(0);
                        }
                        _ => return false,
                    }
                    &**value
                }
                _ => el,
            };
            if !self.static_elem(ve, et, img, off + idx * esz, st, dry) {
                return false;
            }
            idx += 1;
        }
        true
    }
}
