//! Expressions: constants, variables, places, loads and stores, operators, conversions.

use frontend::ast::{BinaryOp, Expr, ExprKind, NodeId, Pos, UnaryOp};
use frontend::types::{BasicKind, ConstValue, Mode, ObjKind, SelectionKind, Type, TypeId};
use num_traits::ToPrimitive;

use super::func::FnLower;
use super::value::{Place, Value};
use crate::ir::{BinOp, Cmp, Conv, FCmp, Ty, UnOp, Var};

impl<'a, 'p> FnLower<'a, 'p> {
    pub fn type_of(&self, e: &Expr) -> TypeId {
        self.l
            .prog
            .info
            .types
            .get(&e.id)
            .map(|tv| self.l.sub(tv.typ))
            .unwrap_or_else(|| self.l.prog.invalid_type())
    }

    pub fn basic_kind(&self, t: TypeId) -> Option<BasicKind> {
        match self.l.prog.ty(self.l.prog.underlying(t)) {
            Type::Basic(k) => Some(*k),
            _ => None,
        }
    }

    /// Whether `t` is uintptr or a type defined on it.
    pub fn is_uintptr(&self, t: TypeId) -> bool {
        self.basic_kind(t) == Some(BasicKind::Uintptr)
    }

    pub fn is_signed(&self, t: TypeId) -> bool {
        self.basic_kind(t)
            .map(|k| k.is_integer() && !k.is_unsigned())
            .unwrap_or(false)
    }

    /// The types of the values of a (possibly multi-valued) expression.
    pub fn tuple_types(&self, e: &Expr) -> Vec<TypeId> {
        let t = self.type_of(e);
        match self.l.prog.ty(t) {
            Type::Tuple(ts) => ts.clone(),
            _ => {
                // Comma-ok forms: value and bool.
                vec![t, self.l.prog.basic(BasicKind::Bool)]
            }
        }
    }

    /// All values of a multi-valued expression: a call with several results, or a comma-ok
    /// form (`m[k]`, `x.(T)`, `<-ch`).
    pub fn multi_value(&mut self, e: &'p Expr) -> Vec<Value> {
        let inner = e.unparen();
        match &inner.kind {
            ExprKind::Call { .. } => self.call_expr(inner),
            ExprKind::Index { x, indices, .. } => {
                let mt = self.type_of(x);
                let m = self.expr(x);
                let m = m.scalar().unwrap_or_else(|| self.b.iconst(Ty::I64, 0));
                let kt = match self.l.prog.ty(self.l.prog.underlying(mt)) {
                    Type::Map(k, _) => *k,
                    _ => mt,
                };
                let it = self.type_of(&indices[0]);
                let k = self.expr(&indices[0]);
                let k = self.convert_implicit(k, it, kt);
                let (v, ok) = self.map_lookup(mt, m, k, kt);
                vec![v, Value::Flat(vec![ok])]
            }
            ExprKind::TypeAssert { .. } => self.type_assert(inner, true),
            ExprKind::Unary {
                op: UnaryOp::Recv, ..
            } => self.chan_recv(inner, true),
            _ => {
                self.l
                    .error(e.pos, "rgo: this comma-ok form is not supported yet");
                vec![]
            }
        }
    }

    /// A private copy of a memory-resident value (flat values are copies already).
    pub fn snapshot(&mut self, v: Value, t: TypeId) -> Value {
        match v {
            Value::Flat(_) => v,
            Value::Mem(src) => {
                let lay = self.l.lay.of(t);
                let s = self.b.slot(lay.size, lay.align);
                let dst = self.b.slot_addr(s);
                self.b.memcopy(dst, src, lay.size);
                Value::Mem(dst)
            }
        }
    }

    pub fn zero_value(&mut self, t: TypeId) -> Value {
        let lay = self.l.lay.of(t);
        if lay.flat {
            let vs = lay
                .scalars
                .iter()
                .map(|(_, ty)| match ty {
                    Ty::F32 => self.b.f32const(0.0),
                    Ty::F64 => self.b.f64const(0.0),
                    t => self.b.iconst(*t, 0),
                })
                .collect();
            Value::Flat(vs)
        } else {
            let s = self.b.slot(lay.size, lay.align);
            let a = self.b.slot_addr(s);
            self.b.memzero(a, lay.size);
            Value::Mem(a)
        }
    }

    pub fn const_one(&mut self, t: TypeId) -> Value {
        let lay = self.l.lay.of(t);
        let vs = lay
            .scalars
            .iter()
            .enumerate()
            .map(|(i, (_, ty))| match (ty, i) {
                (Ty::F32, 0) => self.b.f32const(1.0),
                (Ty::F64, 0) => self.b.f64const(1.0),
                (Ty::F32, _) => self.b.f32const(0.0),
                (Ty::F64, _) => self.b.f64const(0.0),
                (t, _) => self.b.iconst(*t, 1),
            })
            .collect();
        Value::Flat(vs)
    }

    /// Loads a value of type `t` from memory.
    pub fn load_value(&mut self, addr: Var, t: TypeId) -> Value {
        let lay = self.l.lay.of(t);
        if lay.flat {
            let vs = lay
                .scalars
                .iter()
                .map(|(off, ty)| self.b.load(*ty, addr, *off as i64))
                .collect();
            Value::Flat(vs)
        } else {
            Value::Mem(addr)
        }
    }

    pub fn store_value(&mut self, addr: Var, t: TypeId, v: Value) {
        let lay = self.l.lay.of(t);
        match v {
            Value::Flat(vs) => {
                for ((off, _), v) in lay.scalars.iter().zip(vs) {
                    self.b.store(addr, *off as i64, v);
                }
            }
            Value::Mem(src) => self.b.memcopy(addr, src, lay.size),
        }
    }

    /// The value's scalars (loading a memory-resident value piecewise).
    pub fn to_flat(&mut self, v: Value, t: TypeId) -> Vec<Var> {
        match v {
            Value::Flat(vs) => vs,
            Value::Mem(a) => {
                let lay = self.l.lay.of(t);
                lay.scalars
                    .iter()
                    .map(|(off, ty)| self.b.load(*ty, a, *off as i64))
                    .collect()
            }
        }
    }

    /// Address of a copy of (or the memory of) a value.
    pub fn value_addr(&mut self, v: Value, t: TypeId) -> Var {
        match v {
            Value::Mem(a) => a,
            Value::Flat(_) => {
                let lay = self.l.lay.of(t);
                let s = self.b.slot(lay.size, lay.align);
                let a = self.b.slot_addr(s);
                self.store_value(a, t, v);
                a
            }
        }
    }

    pub fn load_place(&mut self, p: &Place, t: TypeId) -> Value {
        match p {
            Place::Regs(vs) => {
                let lay = self.l.lay.of(t);
                if lay.flat {
                    // Copy so that later writes to the variable do not change this value.
                    let copies: Vec<Var> = vs
                        .iter()
                        .map(|v| {
                            let c = self.b.var(self.b.ty(*v));
                            self.emit_copy(c, *v);
                            c
                        })
                        .collect();
                    Value::Flat(copies)
                } else {
                    Value::Flat(vs.clone())
                }
            }
            Place::Addr(a) => self.load_value(*a, t),
            Place::MapElem {
                map_type,
                map,
                key,
                key_type,
            } => {
                let (v, _) = self.map_lookup(*map_type, *map, key.clone(), *key_type);
                v
            }
            Place::Blank => self.zero_value(t),
        }
    }

    pub fn store_place(&mut self, p: &Place, t: TypeId, v: Value) {
        match p {
            Place::Regs(vs) => {
                let src = self.to_flat(v, t);
                for (d, s) in vs.iter().zip(src) {
                    self.emit_copy(*d, s);
                }
            }
            Place::Addr(a) => self.store_value(*a, t, v),
            Place::MapElem {
                map_type,
                map,
                key,
                key_type,
            } => {
                let mt = self.map_type_desc(*map_type);
                let ka = self.value_addr(key.clone(), *key_type);
                let ep = self
                    .b
                    .ccall("runtime.mapassign", vec![mt, *map, ka], &[Ty::I64])[0];
                self.store_value(ep, t, v);
            }
            Place::Blank => {}
        }
    }

    /// Looks `key` up in map `m`: the element (zero if absent) and the comma-ok flag.
    pub fn map_lookup(&mut self, map_t: TypeId, m: Var, key: Value, key_t: TypeId) -> (Value, Var) {
        let et = match self.l.prog.ty(self.l.prog.underlying(map_t)) {
            Type::Map(_, e) => *e,
            _ => map_t,
        };
        let mt = self.map_type_desc(map_t);
        let ka = self.value_addr(key, key_t);
        let r = self
            .b
            .ccall("runtime.mapaccess2", vec![mt, m, ka], &[Ty::I64, Ty::I64]);
        let (ep, okw) = (r[0], r[1]);
        let ok = self.b.convert(Conv::Trunc, okw, Ty::I8);
        // Result lives in a temporary: the element or the zero value.
        let lay = self.l.lay.of(et);
        let s = self.b.slot(lay.size, lay.align);
        let tmp = self.b.slot_addr(s);
        let found = self.b.block();
        let missing = self.b.block();
        let join = self.b.block();
        self.b.branch(ok, found, missing);
        self.b.switch_to(found);
        self.b.memcopy(tmp, ep, lay.size);
        self.b.jump(join);
        self.b.switch_to(missing);
        self.b.memzero(tmp, lay.size);
        self.b.jump(join);
        self.b.switch_to(join);
        let v = self.load_value(tmp, et);
        (v, ok)
    }

    // ------------------------------------------------------------------------------------------

    /// Evaluates an expression to a single value.
    pub fn expr(&mut self, e: &'p Expr) -> Value {
        // Operands are values, whatever the enclosing place is used for.
        let saved = std::mem::replace(&mut self.addr_only, false);
        let v = self.expr_value(e);
        self.addr_only = saved;
        v
    }

    fn expr_value(&mut self, e: &'p Expr) -> Value {
        let prog = self.l.prog;
        let tv = prog.info.types.get(&e.id);
        if let Some(tv) = tv
            && let (Mode::Constant, Some(v)) = (tv.mode, &tv.value)
        {
            let v = v.clone();
            return self.const_value(self.l.sub(tv.typ), &v);
        }
        // An instance of a generic function as a value: its static funcval.
        if let Some((o, id)) = self.generic_func_ref(e) {
            let sym = self.l.generic_func_symbol(o, id, e.pos);
            let fv = self.l.funcval_sym(&sym);
            return Value::Flat(vec![self.b.sym_addr(&fv, 0)]);
        }
        match &e.kind {
            ExprKind::Paren(x) => self.expr(x),
            ExprKind::Ident(id) => {
                let Some(&o) = prog.info.uses.get(&id.id) else {
                    self.l
                        .error(e.pos, format!("rgo: unresolved identifier {}", id.name));
                    return Value::Flat(vec![]);
                };
                self.object_value(o, e)
            }
            ExprKind::BasicLit { .. } => {
                self.l.error(e.pos, "rgo: literal without a constant value");
                Value::Flat(vec![])
            }
            ExprKind::CompositeLit { .. } => self.composite(e),
            ExprKind::FuncLit { .. } => self.func_lit(e),
            // `x.M[int]`: a method value of a method with its own type parameters.
            ExprKind::Index { x, .. }
                if self
                    .l
                    .selection(x.unparen().id)
                    .is_some_and(|s| s.kind == SelectionKind::MethodVal) =>
            {
                self.method_value(x.unparen())
            }
            ExprKind::Selector { x, sel } => {
                if let Some(s) = self.l.selection(e.id).as_ref() {
                    match s.kind {
                        SelectionKind::FieldVal => {
                            if self.is_addressable(x) || self.is_pointer(self.type_of(x)) {
                                let p = self.place(e);
                                let t = self.type_of(e);
                                return self.load_place(&p, t);
                            }
                            return self.field_of_value(e);
                        }
                        SelectionKind::MethodVal => return self.method_value(e),
                        SelectionKind::MethodExpr => return self.method_expr(e),
                    }
                }
                // Package-qualified identifier.
                match prog.info.uses.get(&sel.id) {
                    Some(&o) => self.object_value(o, e),
                    None => {
                        self.l.error(e.pos, "rgo: unsupported selector");
                        Value::Flat(vec![])
                    }
                }
            }
            ExprKind::Index { x, .. } => {
                let xt = self.type_of(x);
                match prog.ty(prog.underlying(xt)) {
                    Type::Map(..) => {
                        let vs = self.multi_value(e);
                        vs.into_iter().next().unwrap_or(Value::Flat(vec![]))
                    }
                    Type::Basic(_) => self.string_index(e),
                    _ => {
                        let t = self.type_of(e);
                        if self.is_addressable(x)
                            || !matches!(prog.ty(prog.underlying(xt)), Type::Array(..))
                        {
                            let p = self.place(e);
                            self.load_place(&p, t)
                        } else {
                            // Indexing an array value (e.g. a call result): materialise it.
                            let av = self.expr(x);
                            let a = self.value_addr(av, xt);
                            let p = self.index_addr(e, a, xt);
                            self.load_value(p, t)
                        }
                    }
                }
            }
            ExprKind::Slice { .. } => self.slice_expr(e),
            ExprKind::Call { .. } => {
                let mut vs = self.call_expr(e);
                if vs.is_empty() {
                    Value::Flat(vec![])
                } else {
                    vs.swap_remove(0)
                }
            }
            ExprKind::Star(x) => {
                let p = self.expr(x);
                let p = p.scalar().unwrap_or_else(|| self.b.iconst(Ty::I64, 0));
                let t = self.type_of(e);
                self.nil_check_large(p, t);
                self.load_value(p, t)
            }
            ExprKind::Unary { op, x } => self.unary(*op, x, e),
            ExprKind::Binary { op, op_pos, x, y } => self.binary(*op, *op_pos, x, y, e),
            ExprKind::TypeAssert { .. } => self
                .type_assert(e, false)
                .into_iter()
                .next()
                .unwrap_or(Value::Flat(vec![])),
            _ => {
                self.l.error(e.pos, "rgo: unsupported expression");
                Value::Flat(vec![])
            }
        }
    }

    fn is_pointer(&self, t: TypeId) -> bool {
        matches!(self.l.prog.ty(self.l.prog.underlying(t)), Type::Pointer(_))
    }

    /// A reference to a generic function (`F`, `pkg.F`, `F[int]`, inferred or explicit): the
    /// function and the node its instantiation is recorded at.
    pub fn generic_func_ref(&self, e: &Expr) -> Option<(frontend::types::ObjId, NodeId)> {
        let prog = self.l.prog;
        let (o, id) = match &e.unparen().kind {
            ExprKind::Ident(id) => (*prog.info.uses.get(&id.id)?, id.id),
            ExprKind::Selector { sel, .. } if self.l.selection(e.unparen().id).is_none() => {
                (*prog.info.uses.get(&sel.id)?, sel.id)
            }
            ExprKind::Index { x, .. } => return self.generic_func_ref(x),
            _ => return None,
        };
        (matches!(
            prog.obj(o).kind,
            ObjKind::Func {
                recv_base: None,
                ..
            }
        ) && self.l.is_generic_func(o))
        .then_some((o, id))
    }

    pub fn is_addressable(&self, e: &Expr) -> bool {
        matches!(
            self.l.prog.info.types.get(&e.id).map(|tv| tv.mode),
            Some(Mode::Variable)
        )
    }

    fn object_value(&mut self, o: frontend::types::ObjId, e: &Expr) -> Value {
        let prog = self.l.prog;
        let obj = prog.obj(o);
        match &obj.kind {
            ObjKind::Var { .. } => {
                let p = self.var_place(o);
                self.load_place(&p, self.l.obj_type(o))
            }
            ObjKind::Func { .. } => {
                // A body-less function called with the C convention (Rust, or assembly
                // behind its wrapper) gets a Go-convention entry for its func value;
                // abi.FuncPCABI0 of it still gives the function itself (intrinsic.rs).
                let sym = self.l.func_symbol(o);
                let fv = if self.is_rust_runtime_func(o) && self.provided(o).is_none() {
                    self.l.c_funcval_sym(&sym, o)
                } else {
                    self.l.funcval_sym(&sym)
                };
                Value::Flat(vec![self.b.sym_addr(&fv, 0)])
            }
            ObjKind::Nil => self.zero_value(self.type_of(e)),
            ObjKind::Const { value } => {
                let v = value.clone();
                self.const_value(self.type_of(e), &v)
            }
            _ => {
                self.l
                    .error(e.pos, format!("rgo: {} is not a value", obj.name));
                Value::Flat(vec![])
            }
        }
    }

    /// Materialises a constant of type `t`.
    pub fn const_value(&mut self, t: TypeId, v: &ConstValue) -> Value {
        let prog = self.l.prog;
        let u = prog.underlying(t);
        let kind = match prog.ty(u) {
            Type::Basic(k) => *k,
            Type::Interface(_) => {
                // An untyped constant converted to an interface: box its default type.
                let dt = match v {
                    ConstValue::Bool(_) => prog.basic(BasicKind::Bool),
                    ConstValue::String(_) => prog.basic(BasicKind::String),
                    ConstValue::Int(_) => prog.basic(BasicKind::Int),
                    ConstValue::Float(_) => prog.basic(BasicKind::Float64),
                    ConstValue::Complex(..) => prog.basic(BasicKind::Complex128),
                };
                let inner = self.const_value(dt, v);
                return self.convert_implicit(inner, dt, t);
            }
            _ => return self.zero_value(t),
        };
        use BasicKind::*;
        match kind {
            Bool | UntypedBool => {
                let b = matches!(v, ConstValue::Bool(true));
                Value::Flat(vec![self.b.iconst(Ty::I8, b as i64)])
            }
            String | UntypedString => {
                let s = match v {
                    ConstValue::String(s) => s.bytes().into_owned(),
                    _ => Vec::new(),
                };
                self.string_const(&s)
            }
            Float32 => {
                let f = const_to_f64(v) as f32;
                Value::Flat(vec![self.b.f32const(f)])
            }
            Float64 | UntypedFloat => {
                let f = const_to_f64(v);
                Value::Flat(vec![self.b.f64const(f)])
            }
            Complex64 => {
                let (re, im) = const_to_complex(v);
                Value::Flat(vec![self.b.f32const(re as f32), self.b.f32const(im as f32)])
            }
            Complex128 | UntypedComplex => {
                let (re, im) = const_to_complex(v);
                Value::Flat(vec![self.b.f64const(re), self.b.f64const(im)])
            }
            UntypedNil | UnsafePointer => Value::Flat(vec![self.b.iconst(Ty::I64, 0)]),
            Invalid => Value::Flat(vec![]),
            _ => {
                let lay = self.l.lay.of(t);
                let ty = lay.scalars.first().map(|s| s.1).unwrap_or(Ty::I64);
                let bits = const_to_bits(v);
                Value::Flat(vec![self.b.iconst(ty, bits)])
            }
        }
    }

    pub fn string_const(&mut self, s: &[u8]) -> Value {
        if s.is_empty() {
            let z = self.b.iconst(Ty::I64, 0);
            let n = self.b.iconst(Ty::I64, 0);
            return Value::Flat(vec![z, n]);
        }
        let sym = self.l.string_sym(s);
        let p = self.b.sym_addr(&sym, 0);
        let n = self.b.iconst(Ty::I64, s.len() as i64);
        Value::Flat(vec![p, n])
    }

    // ------------------------------------------------------------------------------------------
    // Places.

    pub fn place(&mut self, e: &'p Expr) -> Place {
        let prog = self.l.prog;
        match &e.kind {
            ExprKind::Paren(x) => self.place(x),
            ExprKind::Ident(id) => {
                if id.name == "_" {
                    return Place::Blank;
                }
                match prog.info.uses.get(&id.id).or(prog.info.defs.get(&id.id)) {
                    Some(&o) => self.var_place(o),
                    None => Place::Blank,
                }
            }
            ExprKind::Selector { x, sel } => {
                let Some(s) = self.l.selection(e.id) else {
                    // Package-qualified variable.
                    return match prog.info.uses.get(&sel.id) {
                        Some(&o) => self.var_place(o),
                        None => Place::Blank,
                    };
                };
                let xt = self.type_of(x);
                // A zero-size field is never loaded, so no fault catches a nil pointer on the
                // way to it: check each pointer explicitly.
                let zero_size_field = self.l.lay.size(self.type_of(e)) == 0;
                let (mut place, mut ct) = if self.is_pointer(xt) {
                    let p = self.expr(x);
                    let p = p.scalar().unwrap_or_else(|| self.b.iconst(Ty::I64, 0));
                    let elem = self.pointer_elem(xt);
                    // `&p.f`: gc checks p itself; so it does when the field may lie beyond the
                    // unmapped first page.
                    if self.addr_only || zero_size_field || self.l.lay.size(elem) >= 4096 {
                        self.nil_check(p);
                    }
                    (Place::Addr(p), elem)
                } else if self.is_addressable(x) {
                    (self.place(x), xt)
                } else {
                    let v = self.expr(x);
                    let v = self.snapshot(v, xt);
                    let a = self.value_addr(v, xt);
                    (Place::Addr(a), xt)
                };
                for (step, &fi) in s.index.iter().enumerate() {
                    if step > 0 && self.is_pointer(ct) {
                        let pv = self.load_place(&place, ct);
                        let p = pv.scalar().unwrap_or_else(|| self.b.iconst(Ty::I64, 0));
                        // As for the base pointer: an access (or an address) that may lie
                        // beyond the unmapped first page needs an explicit check.
                        let pointee = self.pointer_elem(ct);
                        if zero_size_field || self.addr_only || self.l.lay.size(pointee) >= 4096 {
                            self.nil_check(p);
                        }
                        place = Place::Addr(p);
                        ct = self.pointer_elem(ct);
                    }
                    let (np, nt) = self.field_place(place, ct, fi as usize);
                    place = np;
                    ct = nt;
                }
                place
            }
            ExprKind::Index { x, .. } => {
                let xt = self.type_of(x);
                let u = prog.underlying(xt);
                match prog.ty(u) {
                    Type::Map(k, _) => {
                        let kt = *k;
                        let ExprKind::Index { indices, .. } = &e.kind else {
                            return Place::Blank;
                        };
                        let m = self.expr(x);
                        let m = m.scalar().unwrap_or_else(|| self.b.iconst(Ty::I64, 0));
                        let it = self.type_of(&indices[0]);
                        let kv = self.expr(&indices[0]);
                        let kv = self.convert_implicit(kv, it, kt);
                        let kv = self.snapshot(kv, kt);
                        Place::MapElem {
                            map_type: xt,
                            map: m,
                            key: kv,
                            key_type: kt,
                        }
                    }
                    Type::Array(..) => {
                        let base = self.place(x);
                        match base {
                            Place::Addr(a) => Place::Addr(self.index_addr(e, a, xt)),
                            Place::Regs(vs) => {
                                // Only arrays of length <= 1 live in registers.
                                let _ = self.index_addr_check_only(e, xt);
                                Place::Regs(vs)
                            }
                            other => other,
                        }
                    }
                    Type::Pointer(_) => {
                        let p = self.expr(x);
                        let p = p.scalar().unwrap_or_else(|| self.b.iconst(Ty::I64, 0));
                        let at = self.pointer_elem(xt);
                        if self.addr_only || self.l.lay.size(at) >= 4096 {
                            self.nil_check(p);
                        }
                        Place::Addr(self.index_addr(e, p, at))
                    }
                    Type::Slice(_) => {
                        let s = self.expr(x);
                        let f = s.flat().to_vec();
                        Place::Addr(self.slice_index_addr(e, f[0], f[1], xt))
                    }
                    _ => Place::Blank,
                }
            }
            ExprKind::Star(x) => {
                let p = self.expr(x);
                let p = p.scalar().unwrap_or_else(|| self.b.iconst(Ty::I64, 0));
                if self.addr_only {
                    self.nil_check(p);
                } else {
                    let t = self.type_of(e);
                    self.nil_check_large(p, t);
                }
                Place::Addr(p)
            }
            _ => {
                // Not addressable: evaluate into a temporary.
                let t = self.type_of(e);
                let v = self.expr(e);
                let v = self.snapshot(v, t);
                Place::Addr(self.value_addr(v, t))
            }
        }
    }

    pub fn pointer_elem(&self, t: TypeId) -> TypeId {
        match self.l.prog.ty(self.l.prog.underlying(t)) {
            Type::Pointer(e) => *e,
            _ => t,
        }
    }

    /// The place of field `i` of a struct at `place`.
    fn field_place(&mut self, place: Place, st: TypeId, i: usize) -> (Place, TypeId) {
        let prog = self.l.prog;
        let ft = match prog.ty(prog.underlying(st)) {
            Type::Struct(fs) => fs.get(i).map(|f| f.typ).unwrap_or(st),
            _ => st,
        };
        let off = self.l.lay.field_offsets(st).get(i).copied().unwrap_or(0);
        match place {
            Place::Addr(a) => (Place::Addr(self.b.add_imm(a, off as i64)), ft),
            Place::Regs(vs) => {
                let (lo, hi) = self.scalar_range(st, off, self.l.lay.size(ft));
                (Place::Regs(vs[lo..hi].to_vec()), ft)
            }
            other => (other, ft),
        }
    }

    /// Indices of the scalars of `t` that lie in `[off, off+size)`.
    fn scalar_range(&self, t: TypeId, off: u64, size: u64) -> (usize, usize) {
        let lay = self.l.lay.of(t);
        let lo = lay
            .scalars
            .iter()
            .position(|(o, _)| *o >= off)
            .unwrap_or(lay.scalars.len());
        let hi = lay
            .scalars
            .iter()
            .position(|(o, _)| *o >= off + size)
            .unwrap_or(lay.scalars.len());
        (lo, hi.max(lo))
    }

    /// `x.f` where `x` is a non-addressable struct value.
    fn field_of_value(&mut self, e: &'p Expr) -> Value {
        let p = self.place(e);
        let t = self.type_of(e);
        self.load_place(&p, t)
    }

    /// Converts an index value to i64 and checks it against `len` (panicking like gc).
    fn bounds_check(&mut self, idx_e: &'p Expr, len: Var) -> Var {
        let it = self.type_of(idx_e);
        let signed = self.is_signed(it);
        let iv = self.expr(idx_e);
        let iv = iv.scalar().unwrap_or_else(|| self.b.iconst(Ty::I64, 0));
        let i64v = self.b.int_resize(iv, Ty::I64, signed);
        let is_const = self
            .l
            .prog
            .info
            .types
            .get(&idx_e.id)
            .is_some_and(|tv| tv.value.is_some());
        let _ = is_const;
        let ok = self.b.icmp(Cmp::ULt, i64v, len);
        let good = self.b.block();
        let bad = self.b.block();
        self.b.branch(ok, good, bad);
        self.b.switch_to(bad);
        let f = if signed {
            "runtime.goPanicIndex"
        } else {
            "runtime.goPanicIndexU"
        };
        self.b.ccall_noreturn(f, vec![i64v, len]);
        self.b.switch_to(good);
        i64v
    }

    fn index_expr_of(e: &'p Expr) -> Option<&'p Expr> {
        match &e.kind {
            ExprKind::Index { indices, .. } => indices.first(),
            _ => None,
        }
    }

    /// Address of element `e`'s index in the array of type `at` at `base`.
    fn index_addr(&mut self, e: &'p Expr, base: Var, at: TypeId) -> Var {
        let (elem, n) = match self.l.prog.ty(self.l.prog.underlying(at)) {
            Type::Array(el, n) => (*el, *n),
            _ => return base,
        };
        let Some(ie) = Self::index_expr_of(e) else {
            return base;
        };
        let len = self.b.iconst(Ty::I64, n as i64);
        let i = self.bounds_check(ie, len);
        let esz = self.l.lay.size(elem) as i64;
        let off = self.b.mul_imm(i, esz);
        self.b.bin(BinOp::Add, base, off)
    }

    fn index_addr_check_only(&mut self, e: &'p Expr, at: TypeId) -> Var {
        let n = match self.l.prog.ty(self.l.prog.underlying(at)) {
            Type::Array(_, n) => *n,
            _ => 0,
        };
        let len = self.b.iconst(Ty::I64, n as i64);
        match Self::index_expr_of(e) {
            Some(ie) => self.bounds_check(ie, len),
            None => len,
        }
    }

    fn slice_index_addr(&mut self, e: &'p Expr, ptr: Var, len: Var, st: TypeId) -> Var {
        let elem = match self.l.prog.ty(self.l.prog.underlying(st)) {
            Type::Slice(el) => *el,
            _ => st,
        };
        let Some(ie) = Self::index_expr_of(e) else {
            return ptr;
        };
        let i = self.bounds_check(ie, len);
        let esz = self.l.lay.size(elem) as i64;
        let off = self.b.mul_imm(i, esz);
        self.b.bin(BinOp::Add, ptr, off)
    }

    fn string_index(&mut self, e: &'p Expr) -> Value {
        let ExprKind::Index { x, .. } = &e.kind else {
            return Value::Flat(vec![]);
        };
        let s = self.expr(x);
        let f = s.flat().to_vec();
        let Some(ie) = Self::index_expr_of(e) else {
            return Value::Flat(vec![]);
        };
        let i = self.bounds_check(ie, f[1]);
        let a = self.b.bin(BinOp::Add, f[0], i);
        Value::Flat(vec![self.b.load(Ty::I8, a, 0)])
    }

    /// Explicit nil check for dereferences of types large enough that a fault at the accessed
    /// offset might not land in the unmapped first page.
    pub fn nil_check_large(&mut self, p: Var, t: TypeId) {
        // Large types may be accessed beyond the unmapped first page; values kept in memory may
        // be copied by the runtime's memmove, where a fault is not a Go panic; zero-size values
        // are never loaded at all.
        let lay = self.l.lay.of(t);
        if lay.size == 0 || lay.size >= 4096 || !lay.flat {
            self.nil_check(p);
        }
    }

    /// gc's nil check: a load from `p` that faults when p is nil, so the panic carries gc's
    /// `[signal SIGSEGV …]` line (the backend keeps trapping loads even when unused).
    pub fn nil_check(&mut self, p: Var) {
        self.b.load(Ty::I8, p, 0);
    }

    // ------------------------------------------------------------------------------------------
    // Slicing.

    fn slice_expr(&mut self, e: &'p Expr) -> Value {
        let ExprKind::Slice { x, lo, hi, max, .. } = &e.kind else {
            return Value::Flat(vec![]);
        };
        let prog = self.l.prog;
        let xt = self.type_of(x);
        let u = prog.underlying(xt);
        let (base, len, cap, elem_size, is_string) = match prog.ty(u) {
            Type::Basic(_) => {
                let s = self.expr(x);
                let f = s.flat().to_vec();
                (f[0], f[1], f[1], 1i64, true)
            }
            Type::Slice(el) => {
                let sz = self.l.lay.size(*el) as i64;
                let s = self.expr(x);
                let f = s.flat().to_vec();
                (f[0], f[1], f[2], sz, false)
            }
            Type::Array(el, n) => {
                let sz = self.l.lay.size(*el) as i64;
                let p = self.place(x);
                let a = match p {
                    Place::Addr(a) => a,
                    other => {
                        let v = self.load_place(&other, xt);
                        self.value_addr(v, xt)
                    }
                };
                let n = self.b.iconst(Ty::I64, *n as i64);
                (a, n, n, sz, false)
            }
            Type::Pointer(p) => {
                let (el, n) = match prog.ty(prog.underlying(*p)) {
                    Type::Array(el, n) => (*el, *n),
                    _ => (*p, 0),
                };
                let sz = self.l.lay.size(el) as i64;
                let pv = self.expr(x);
                let a = pv.scalar().unwrap_or_else(|| self.b.iconst(Ty::I64, 0));
                // Slicing a nil array pointer panics even when no element is touched (gc
                // nil-checks the pointer right after evaluating it, before the indices).
                self.nil_check(a);
                let n = self.b.iconst(Ty::I64, n as i64);
                (a, n, n, sz, false)
            }
            _ => {
                self.l.error(e.pos, "rgo: unsupported slice expression");
                return Value::Flat(vec![]);
            }
        };
        let idx = |f: &mut Self, b: &'p Option<Box<Expr>>| -> Option<(Var, bool)> {
            b.as_ref().map(|b| {
                let t = f.type_of(b);
                let signed = f.is_signed(t);
                let v = f.expr(b);
                let v = v.scalar().unwrap_or_else(|| f.b.iconst(Ty::I64, 0));
                (f.b.int_resize(v, Ty::I64, signed), signed)
            })
        };
        let lo_v = idx(self, lo);
        let hi_v = idx(self, hi);
        let max_v = idx(self, max);
        let zero = self.b.iconst(Ty::I64, 0);
        let bound = if is_string { len } else { cap };
        // gc reports bounds of strings and arrays as "with length", of slices "with capacity".
        let len_form = is_string || matches!(prog.ty(u), Type::Array(..) | Type::Pointer(_));
        // Checks run from the last index to the first, as gc's do, so the first failing bound in
        // that order is the one reported.
        let (k, kmax) = if let Some((m, ms)) = max_v {
            self.slice_check(m, bound, ms, "Slice3Alen", "Slice3Acap", len_form);
            (m, ms)
        } else {
            (bound, false)
        };
        let hiv = match hi_v {
            Some((h, hs)) => {
                if max_v.is_some() {
                    self.slice_check_pair(h, k, hs, "Slice3B");
                } else {
                    self.slice_check(h, bound, hs, "SliceAlen", "SliceAcap", len_form);
                }
                h
            }
            None => {
                if max_v.is_some() {
                    k
                } else {
                    len
                }
            }
        };
        let _ = kmax;
        let lov = match lo_v {
            Some((l, ls)) => {
                let name = if max_v.is_some() { "Slice3C" } else { "SliceB" };
                self.slice_check_pair(l, hiv, ls, name);
                l
            }
            None => zero,
        };
        let newlen = self.b.bin(BinOp::Sub, hiv, lov);
        let capv = if max_v.is_some() { k } else { cap };
        let newcap = self.b.bin(BinOp::Sub, capv, lov);
        // Advance the pointer only when the result is non-empty, so that it never points past
        // the end of the underlying array (gc masks the offset the same way).
        let off = self.b.mul_imm(lov, elem_size);
        let test = if is_string { newlen } else { newcap };
        let nz = self.b.icmp(Cmp::Ne, test, zero);
        let off = self.b.select(nz, off, zero);
        let ptr = self.b.bin(BinOp::Add, base, off);
        if is_string {
            Value::Flat(vec![ptr, newlen])
        } else {
            Value::Flat(vec![ptr, newlen, newcap])
        }
    }

    /// `v <= bound` or panic with the Alen/Acap form.
    fn slice_check(
        &mut self,
        v: Var,
        bound: Var,
        signed: bool,
        alen: &str,
        acap: &str,
        is_string: bool,
    ) {
        let ok = self.b.icmp(Cmp::ULe, v, bound);
        let good = self.b.block();
        let bad = self.b.block();
        self.b.branch(ok, good, bad);
        self.b.switch_to(bad);
        let base = if is_string { alen } else { acap };
        let name = format!("runtime.goPanic{base}{}", if signed { "" } else { "U" });
        self.b.ccall_noreturn(&name, vec![v, bound]);
        self.b.switch_to(good);
    }

    /// `a <= b` or panic with the given pair form (`SliceB`, `Slice3B`, `Slice3C`).
    fn slice_check_pair(&mut self, a: Var, b: Var, signed: bool, form: &str) {
        let ok = self.b.icmp(Cmp::ULe, a, b);
        let good = self.b.block();
        let bad = self.b.block();
        self.b.branch(ok, good, bad);
        self.b.switch_to(bad);
        let name = format!("runtime.goPanic{form}{}", if signed { "" } else { "U" });
        self.b.ccall_noreturn(&name, vec![a, b]);
        self.b.switch_to(good);
    }

    // ------------------------------------------------------------------------------------------
    // Operators.

    fn unary(&mut self, op: UnaryOp, x: &'p Expr, e: &'p Expr) -> Value {
        let t = self.type_of(e);
        match op {
            UnaryOp::Addr => {
                let inner = x.unparen();
                if let ExprKind::CompositeLit { .. } = &inner.kind {
                    let lt = self.type_of(inner);
                    let v = self.expr(inner);
                    let p = self.alloc(e.id, lt);
                    self.store_value(p, lt, v);
                    return Value::Flat(vec![p]);
                }
                let saved = std::mem::replace(&mut self.addr_only, true);
                let place = self.place(x);
                self.addr_only = saved;
                match place {
                    Place::Addr(a) => Value::Flat(vec![a]),
                    _ => {
                        self.l.error(e.pos, "rgo: cannot take this address yet");
                        Value::Flat(vec![self.b.iconst(Ty::I64, 0)])
                    }
                }
            }
            UnaryOp::Pos => self.expr(x),
            UnaryOp::Neg => {
                let v = self.expr(x);
                let vs = v.flat().to_vec();
                let float = self
                    .basic_kind(t)
                    .is_some_and(|k| k.is_float() || k.is_complex());
                let op = if float { UnOp::FNeg } else { UnOp::Neg };
                Value::Flat(vs.into_iter().map(|v| self.b.un(op, v)).collect())
            }
            UnaryOp::Xor => {
                let v = self.expr(x);
                let s = v.scalar().unwrap_or_else(|| self.b.iconst(Ty::I64, 0));
                Value::Flat(vec![self.b.un(UnOp::Not, s)])
            }
            UnaryOp::Not => {
                let v = self.expr(x);
                let s = v.scalar().unwrap_or_else(|| self.b.iconst(Ty::I8, 0));
                let one = self.b.iconst(Ty::I8, 1);
                Value::Flat(vec![self.b.bin(BinOp::Xor, s, one)])
            }
            UnaryOp::Recv => self
                .chan_recv(e, false)
                .into_iter()
                .next()
                .unwrap_or_else(|| self.zero_value(t)),
            UnaryOp::Tilde => self.zero_value(t),
        }
    }

    fn binary(
        &mut self,
        op: BinaryOp,
        op_pos: Pos,
        x: &'p Expr,
        y: &'p Expr,
        e: &'p Expr,
    ) -> Value {
        match op {
            BinaryOp::LAnd | BinaryOp::LOr => {
                let res = self.b.var(Ty::I8);
                let a = self.cond(x);
                self.emit_copy(res, a);
                let rhs = self.b.block();
                let done = self.b.block();
                if op == BinaryOp::LAnd {
                    self.b.branch(a, rhs, done);
                } else {
                    self.b.branch(a, done, rhs);
                }
                self.b.switch_to(rhs);
                let bv = self.cond(y);
                self.emit_copy(res, bv);
                self.b.jump(done);
                self.b.switch_to(done);
                Value::Flat(vec![res])
            }
            _ if op.is_comparison() => {
                let xt = self.type_of(x);
                let yt = self.type_of(y);
                let xv = self.compared_string(x);
                let yv = self.compared_string(y);
                // Compare in a common type: mixed interface/concrete operands convert the concrete
                // one; nil compares against the other operand's type.
                let (t, xv, yv) = if self.is_nil_type(yt) {
                    let z = self.zero_value(xt);
                    (xt, xv, z)
                } else if self.is_nil_type(xt) {
                    let z = self.zero_value(yt);
                    (yt, z, yv)
                } else if self.is_interface(xt) && !self.is_interface(yt) {
                    let yv = self.convert_implicit(yv, yt, xt);
                    (xt, xv, yv)
                } else if self.is_interface(yt) && !self.is_interface(xt) {
                    let xv = self.convert_implicit(xv, xt, yt);
                    (yt, xv, yv)
                } else if self.is_interface(xt) && self.is_interface(yt) && xt != yt {
                    // Interfaces of different types (`any == I`): compare dynamic types and
                    // values, as empty interfaces (an itab's first word is not a type).
                    let any = self.l.prog.any_type();
                    let xv = self.convert_implicit(xv, xt, any);
                    let yv = self.convert_implicit(yv, yt, any);
                    (any, xv, yv)
                } else {
                    (xt, xv, yv)
                };
                let r = match op {
                    BinaryOp::Eql => self.equal(t, xv, yv, op_pos),
                    BinaryOp::Neq => {
                        let eq = self.equal(t, xv, yv, op_pos);
                        let one = self.b.iconst(Ty::I8, 1);
                        self.b.bin(BinOp::Xor, eq, one)
                    }
                    _ => self.ordered(op, t, xv, yv),
                };
                Value::Flat(vec![r])
            }
            _ if op.is_shift() => {
                let t = self.type_of(e);
                let xv = self.expr(x);
                let yt = self.type_of(y);
                let yv = self.expr(y);
                self.shift(op, t, xv, yv, yt, op_pos)
            }
            _ => {
                let t = self.type_of(e);
                let xv = self.expr(x);
                let yv = self.expr(y);
                if op == BinaryOp::Add && self.is_string_type(t) {
                    let buf = self.tmp_buf(e.id, 32);
                    return self.concat(buf, vec![xv, yv]);
                }
                self.arith(op, t, xv, yv, op_pos)
            }
        }
    }

    /// An operand of a comparison. A comparison keeps no string, so `string(b)` of a byte
    /// slice there is the slice's bytes themselves, not a copy (gc's OBYTES2STRTMP).
    fn compared_string(&mut self, e: &'p Expr) -> Value {
        let prog = self.l.prog;
        if let ExprKind::Call { func, args, .. } = &e.unparen().kind
            && args.len() == 1
            && self
                .l
                .tv(func.unparen().id)
                .is_some_and(|t| t.mode == Mode::TypeExpr)
            && self.is_string_type(self.type_of(e))
        {
            let at = self.type_of(&args[0]);
            if let Type::Slice(el) = prog.ty(prog.underlying(at))
                && self.basic_kind(*el) == Some(BasicKind::Uint8)
            {
                let v = self.expr(&args[0]);
                let f = self.to_flat(v, at);
                return Value::Flat(vec![f[0], f[1]]);
            }
        }
        self.expr(e)
    }

    fn is_string_type(&self, t: TypeId) -> bool {
        self.basic_kind(t).is_some_and(|k| k.is_string())
    }

    /// gc's temporary buffer for a string conversion or concatenation at allocation site
    /// `site`: the address of a fresh `size`-byte stack slot when escape analysis found that
    /// the result does not outlive the frame (the runtime builds results that fit there), else
    /// null.
    pub fn tmp_buf(&mut self, site: NodeId, size: u64) -> Var {
        if self.heap_everything || !self.l.site_stays(site) {
            return self.b.iconst(Ty::I64, 0);
        }
        let s = self.b.slot(size, 8);
        self.b.slot_addr(s)
    }

    fn is_nil_type(&self, t: TypeId) -> bool {
        matches!(self.basic_kind(t), Some(BasicKind::UntypedNil))
    }

    /// A boolean condition as an i8 register.
    pub fn cond(&mut self, e: &'p Expr) -> Var {
        let v = self.expr(e);
        v.scalar().unwrap_or_else(|| self.b.iconst(Ty::I8, 0))
    }

    /// Arithmetic `a op b` on values of type `t` with Go's semantics.
    pub fn arith(&mut self, op: BinaryOp, t: TypeId, a: Value, b: Value, pos: Pos) -> Value {
        let _ = pos;
        let k = self.basic_kind(t).unwrap_or(BasicKind::Int);
        let av = self.to_flat(a, t);
        let bv = self.to_flat(b, t);
        if k.is_string() {
            // `s += t` (a concatenation site of its own in escape analysis only when it is
            // an expression): always on the heap.
            let buf = self.b.iconst(Ty::I64, 0);
            return self.concat(buf, vec![Value::Flat(av), Value::Flat(bv)]);
        }
        if k.is_complex() {
            return self.complex_arith(op, k, &av, &bv);
        }
        let (a, b) = (av[0], bv[0]);
        if k.is_float() {
            let op = match op {
                BinaryOp::Add => BinOp::FAdd,
                BinaryOp::Sub => BinOp::FSub,
                BinaryOp::Mul => BinOp::FMul,
                _ => BinOp::FDiv,
            };
            return Value::Flat(vec![self.b.bin(op, a, b)]);
        }
        let signed = !k.is_unsigned();
        let r = match op {
            BinaryOp::Add => self.b.bin(BinOp::Add, a, b),
            BinaryOp::Sub => self.b.bin(BinOp::Sub, a, b),
            BinaryOp::Mul => self.b.bin(BinOp::Mul, a, b),
            BinaryOp::And => self.b.bin(BinOp::And, a, b),
            BinaryOp::Or => self.b.bin(BinOp::Or, a, b),
            BinaryOp::Xor => self.b.bin(BinOp::Xor, a, b),
            BinaryOp::AndNot => {
                let nb = self.b.un(UnOp::Not, b);
                self.b.bin(BinOp::And, a, nb)
            }
            BinaryOp::Quo | BinaryOp::Rem => self.divide(op == BinaryOp::Quo, signed, a, b),
            _ => a,
        };
        Value::Flat(vec![r])
    }

    /// Integer division with Go's semantics: a zero divisor panics, `MIN / -1` wraps to `MIN`
    /// and `MIN % -1` is 0 (the hardware would fault on both).
    fn divide(&mut self, quo: bool, signed: bool, a: Var, b: Var) -> Var {
        let ty = self.b.ty(a);
        let zero = self.b.iconst(ty, 0);
        let isz = self.b.icmp(Cmp::Eq, b, zero);
        let bad = self.b.block();
        let good = self.b.block();
        self.b.branch(isz, bad, good);
        self.b.switch_to(bad);
        self.b.ccall_noreturn("runtime.panicdivide", vec![]);
        self.b.switch_to(good);
        if !signed {
            let op = if quo { BinOp::UDiv } else { BinOp::URem };
            return self.b.bin(op, a, b);
        }
        let res = self.b.var(ty);
        let m1 = self.b.iconst(ty, -1);
        let is_m1 = self.b.icmp(Cmp::Eq, b, m1);
        let neg = self.b.block();
        let div = self.b.block();
        let done = self.b.block();
        self.b.branch(is_m1, neg, div);
        self.b.switch_to(neg);
        let r = if quo { self.b.un(UnOp::Neg, a) } else { zero };
        self.emit_copy(res, r);
        self.b.jump(done);
        self.b.switch_to(div);
        let op = if quo { BinOp::SDiv } else { BinOp::SRem };
        let r = self.b.bin(op, a, b);
        self.emit_copy(res, r);
        self.b.jump(done);
        self.b.switch_to(done);
        res
    }

    fn complex_arith(&mut self, op: BinaryOp, k: BasicKind, a: &[Var], b: &[Var]) -> Value {
        let (ar, ai, br, bi) = (a[0], a[1], b[0], b[1]);
        match op {
            BinaryOp::Add => Value::Flat(vec![
                self.b.bin(BinOp::FAdd, ar, br),
                self.b.bin(BinOp::FAdd, ai, bi),
            ]),
            BinaryOp::Sub => Value::Flat(vec![
                self.b.bin(BinOp::FSub, ar, br),
                self.b.bin(BinOp::FSub, ai, bi),
            ]),
            BinaryOp::Mul => {
                // gc multiplies complex64 values in float64 and rounds the two results once
                // (less cancellation error), so the products differ from float32 arithmetic.
                let wide = k == BasicKind::Complex64;
                let up = |f: &mut Self, v: Var| {
                    if wide {
                        f.b.convert(Conv::FExt, v, Ty::F64)
                    } else {
                        v
                    }
                };
                let (ar, ai, br, bi) = (up(self, ar), up(self, ai), up(self, br), up(self, bi));
                let rr = self.b.bin(BinOp::FMul, ar, br);
                let ii = self.b.bin(BinOp::FMul, ai, bi);
                let ri = self.b.bin(BinOp::FMul, ar, bi);
                let ir = self.b.bin(BinOp::FMul, ai, br);
                let re = self.b.bin(BinOp::FSub, rr, ii);
                let im = self.b.bin(BinOp::FAdd, ri, ir);
                if wide {
                    Value::Flat(vec![
                        self.b.convert(Conv::FTrunc, re, Ty::F32),
                        self.b.convert(Conv::FTrunc, im, Ty::F32),
                    ])
                } else {
                    Value::Flat(vec![re, im])
                }
            }
            _ => {
                // gc calls runtime.complex128div (with its inf/nan handling); so do we.
                let wide = k == BasicKind::Complex64;
                let up = |f: &mut Self, v: Var| {
                    if wide {
                        f.b.convert(Conv::FExt, v, Ty::F64)
                    } else {
                        v
                    }
                };
                let args = vec![up(self, ar), up(self, ai), up(self, br), up(self, bi)];
                let r = self
                    .b
                    .ccall("runtime.complex128div", args, &[Ty::F64, Ty::F64]);
                if wide {
                    let re = self.b.convert(Conv::FTrunc, r[0], Ty::F32);
                    let im = self.b.convert(Conv::FTrunc, r[1], Ty::F32);
                    Value::Flat(vec![re, im])
                } else {
                    Value::Flat(r)
                }
            }
        }
    }

    /// `a << s` / `a >> s` with Go's semantics for counts >= the width and negative counts.
    pub fn shift(
        &mut self,
        op: BinaryOp,
        t: TypeId,
        a: Value,
        s: Value,
        st: TypeId,
        pos: Pos,
    ) -> Value {
        let _ = pos;
        let k = self.basic_kind(t).unwrap_or(BasicKind::Int);
        let a = self.to_flat(a, t)[0];
        let s = self.to_flat(s, st)[0];
        let sty = self.b.ty(s);
        if self.is_signed(st) {
            let zero = self.b.iconst(sty, 0);
            let neg = self.b.icmp(Cmp::SLt, s, zero);
            let bad = self.b.block();
            let good = self.b.block();
            self.b.branch(neg, bad, good);
            self.b.switch_to(bad);
            self.b.ccall_noreturn("runtime.panicshift", vec![]);
            self.b.switch_to(good);
        }
        let aty = self.b.ty(a);
        let width = (aty.bytes() * 8) as i64;
        // Compare the count in 64 bits so that narrow count types can't wrap.
        let s64 = self.b.int_resize(s, Ty::I64, false);
        let w = self.b.iconst(Ty::I64, width);
        let big = self.b.icmp(Cmp::UGe, s64, w);
        let r = if op == BinaryOp::Shl || k.is_unsigned() {
            let sh = self.b.bin(
                if op == BinaryOp::Shl {
                    BinOp::Shl
                } else {
                    BinOp::UShr
                },
                a,
                s64,
            );
            let zero = self.b.iconst(aty, 0);
            self.b.select(big, zero, sh)
        } else {
            let wm1 = self.b.iconst(Ty::I64, width - 1);
            let amt = self.b.select(big, wm1, s64);
            self.b.bin(BinOp::SShr, a, amt)
        };
        Value::Flat(vec![r])
    }

    /// `a == b` for values of type `t`, as an i8.
    pub fn equal(&mut self, t: TypeId, a: Value, b: Value, pos: Pos) -> Var {
        let prog = self.l.prog;
        let u = prog.underlying(t);
        match prog.ty(u) {
            Type::Basic(k) if k.is_string() => {
                let a = self.to_flat(a, t);
                let b = self.to_flat(b, t);
                self.string_equal(a[0], a[1], b[0], b[1])
            }
            Type::Basic(k) if k.is_float() || k.is_complex() => {
                let a = self.to_flat(a, t);
                let b = self.to_flat(b, t);
                let mut acc = self.b.iconst(Ty::I8, 1);
                for (x, y) in a.into_iter().zip(b) {
                    let e = self.b.fcmp(FCmp::Eq, x, y);
                    acc = self.b.bin(BinOp::And, acc, e);
                }
                acc
            }
            Type::Basic(_)
            | Type::Pointer(_)
            | Type::Chan(..)
            | Type::Map(..)
            | Type::Func(_)
            | Type::Slice(_) => {
                // Maps, funcs and slices only compare against nil.
                let a = self.to_flat(a, t);
                let b = self.to_flat(b, t);
                self.b.icmp(Cmp::Eq, a[0], b[0])
            }
            Type::Struct(fields) => {
                let fields = fields.clone();
                let offs = self.l.lay.field_offsets(t);
                let aa = self.value_addr(a, t);
                let ba = self.value_addr(b, t);
                let mut acc = self.b.iconst(Ty::I8, 1);
                for (f, off) in fields.iter().zip(offs) {
                    if f.name == "_" {
                        continue;
                    }
                    let fa = self.b.add_imm(aa, off as i64);
                    let fb = self.b.add_imm(ba, off as i64);
                    let va = self.load_value(fa, f.typ);
                    let vb = self.load_value(fb, f.typ);
                    let e = self.equal(f.typ, va, vb, pos);
                    acc = self.b.bin(BinOp::And, acc, e);
                }
                acc
            }
            Type::Array(el, n) => {
                let (el, n) = (*el, *n);
                let esz = self.l.lay.size(el) as i64;
                let aa = self.value_addr(a, t);
                let ba = self.value_addr(b, t);
                if n > 64 {
                    return self.array_equal_loop(el, n, esz, aa, ba, pos);
                }
                let mut acc = self.b.iconst(Ty::I8, 1);
                for i in 0..n {
                    let fa = self.b.add_imm(aa, i as i64 * esz);
                    let fb = self.b.add_imm(ba, i as i64 * esz);
                    let va = self.load_value(fa, el);
                    let vb = self.load_value(fb, el);
                    let e = self.equal(el, va, vb, pos);
                    acc = self.b.bin(BinOp::And, acc, e);
                }
                acc
            }
            Type::Interface(_) => {
                // Equal type words, then (for non-nil) the runtime compares the data by the
                // dynamic type, panicking on uncomparable types, as gc does.
                let a = self.to_flat(a, t);
                let b = self.to_flat(b, t);
                let res = self.b.var(Ty::I8);
                let same = self.b.icmp(Cmp::Eq, a[0], b[0]);
                self.emit_copy(res, same);
                let zero = self.b.iconst(Ty::I64, 0);
                let nonnil = self.b.icmp(Cmp::Ne, a[0], zero);
                let both = self.b.bin(BinOp::And, same, nonnil);
                let cmp = self.b.block();
                let done = self.b.block();
                self.b.branch(both, cmp, done);
                self.b.switch_to(cmp);
                let f = if self.is_empty_interface(t) {
                    "runtime.efaceeq"
                } else {
                    "runtime.ifaceeq"
                };
                let r = self.b.ccall(f, vec![a[0], a[1], b[1]], &[Ty::I8]);
                self.emit_copy(res, r[0]);
                self.b.jump(done);
                self.b.switch_to(done);
                res
            }
            _ => self.b.iconst(Ty::I8, 0),
        }
    }

    /// `a == b` for long arrays (`n` elements of type `el`, `esz` bytes apart, at addresses
    /// `aa` and `ba`): a loop over the elements that stops at the first difference, as gc's
    /// generated comparison loops do.
    fn array_equal_loop(
        &mut self,
        el: TypeId,
        n: u64,
        esz: i64,
        aa: Var,
        ba: Var,
        pos: Pos,
    ) -> Var {
        let res = self.b.var(Ty::I8);
        let one = self.b.iconst(Ty::I8, 1);
        self.emit_copy(res, one);
        let i = self.b.var(Ty::I64);
        let zero = self.b.iconst(Ty::I64, 0);
        self.emit_copy(i, zero);
        let head = self.b.block();
        let body = self.b.block();
        let next = self.b.block();
        let differ = self.b.block();
        let done = self.b.block();
        self.b.jump(head);
        self.b.switch_to(head);
        let limit = self.b.iconst(Ty::I64, n as i64);
        let more = self.b.icmp(Cmp::SLt, i, limit);
        self.b.branch(more, body, done);
        self.b.switch_to(body);
        let size = self.b.iconst(Ty::I64, esz);
        let off = self.b.bin(BinOp::Mul, i, size);
        let fa = self.b.bin(BinOp::Add, aa, off);
        let fb = self.b.bin(BinOp::Add, ba, off);
        let va = self.load_value(fa, el);
        let vb = self.load_value(fb, el);
        let e = self.equal(el, va, vb, pos);
        self.b.branch(e, next, differ);
        self.b.switch_to(next);
        let i1 = self.b.add_imm(i, 1);
        self.emit_copy(i, i1);
        self.b.jump(head);
        self.b.switch_to(differ);
        let z8 = self.b.iconst(Ty::I8, 0);
        self.emit_copy(res, z8);
        self.b.jump(done);
        self.b.switch_to(done);
        res
    }

    pub fn is_empty_interface(&self, t: TypeId) -> bool {
        matches!(self.l.prog.ty(self.l.prog.underlying(t)), Type::Interface(i) if i.methods.is_empty())
    }

    fn string_equal(&mut self, ap: Var, an: Var, bp: Var, bn: Var) -> Var {
        let res = self.b.var(Ty::I8);
        let lens = self.b.icmp(Cmp::Eq, an, bn);
        self.emit_copy(res, lens);
        let cmp = self.b.block();
        let done = self.b.block();
        self.b.branch(lens, cmp, done);
        self.b.switch_to(cmp);
        let r = self
            .b
            .ccall("runtime.memequal", vec![ap, bp, an], &[Ty::I8]);
        self.emit_copy(res, r[0]);
        self.b.jump(done);
        self.b.switch_to(done);
        res
    }

    fn ordered(&mut self, op: BinaryOp, t: TypeId, a: Value, b: Value) -> Var {
        let k = self.basic_kind(t).unwrap_or(BasicKind::Int);
        let a = self.to_flat(a, t);
        let b = self.to_flat(b, t);
        if k.is_string() {
            let c = self.b.ccall(
                "runtime.cmpstring",
                vec![a[0], a[1], b[0], b[1]],
                &[Ty::I64],
            )[0];
            let zero = self.b.iconst(Ty::I64, 0);
            let cmp = match op {
                BinaryOp::Lss => Cmp::SLt,
                BinaryOp::Leq => Cmp::SLe,
                BinaryOp::Gtr => Cmp::SGt,
                _ => Cmp::SGe,
            };
            return self.b.icmp(cmp, c, zero);
        }
        if k.is_float() {
            let cmp = match op {
                BinaryOp::Lss => FCmp::Lt,
                BinaryOp::Leq => FCmp::Le,
                BinaryOp::Gtr => FCmp::Gt,
                _ => FCmp::Ge,
            };
            return self.b.fcmp(cmp, a[0], b[0]);
        }
        let signed = !k.is_unsigned();
        let cmp = match (op, signed) {
            (BinaryOp::Lss, true) => Cmp::SLt,
            (BinaryOp::Leq, true) => Cmp::SLe,
            (BinaryOp::Gtr, true) => Cmp::SGt,
            (_, true) => Cmp::SGe,
            (BinaryOp::Lss, false) => Cmp::ULt,
            (BinaryOp::Leq, false) => Cmp::ULe,
            (BinaryOp::Gtr, false) => Cmp::UGt,
            (_, false) => Cmp::UGe,
        };
        self.b.icmp(cmp, a[0], b[0])
    }

    /// String concatenation through `runtime.concatstrings` (`buf`: see [`Self::tmp_buf`]).
    pub fn concat(&mut self, buf: Var, parts: Vec<Value>) -> Value {
        let n = parts.len();
        let s = self.b.slot(16 * n as u64, 8);
        let a = self.b.slot_addr(s);
        for (i, p) in parts.into_iter().enumerate() {
            let f = p.flat().to_vec();
            self.b.store(a, 16 * i as i64, f[0]);
            self.b.store(a, 16 * i as i64 + 8, f[1]);
        }
        let cnt = self.b.iconst(Ty::I64, n as i64);
        let r = self.b.ccall(
            "runtime.concatstrings",
            vec![buf, a, cnt],
            &[Ty::I64, Ty::I64],
        );
        Value::Flat(r)
    }

    // ------------------------------------------------------------------------------------------
    // Conversions.

    /// Implicit conversion for assignability (only concrete → interface changes the
    /// representation).
    pub fn convert_implicit(&mut self, v: Value, from: TypeId, to: TypeId) -> Value {
        if from == to {
            return v;
        }
        if self.is_interface(to) && !self.is_interface(from) && !self.is_nil_type(from) {
            return self.make_interface(v, from, to);
        }
        if self.is_nil_type(from) {
            return self.zero_value(to);
        }
        if self.is_interface(to)
            && self.is_interface(from)
            && !self.is_empty_interface(to)
            && !self.l.prog.identical(from, to)
        {
            return self.iface_to_iface(v, from, to);
        }
        if self.is_interface(to)
            && self.is_interface(from)
            && !self.is_empty_interface(from)
            && self.is_empty_interface(to)
        {
            // iface → eface: replace the itab by its type (itab.Type at +8).
            let f = self.to_flat(v, from);
            let zero = self.b.iconst(Ty::I64, 0);
            let isnil = self.b.icmp(Cmp::Eq, f[0], zero);
            let res = self.b.var(Ty::I64);
            self.emit_copy(res, zero);
            let load = self.b.block();
            let done = self.b.block();
            self.b.branch(isnil, done, load);
            self.b.switch_to(load);
            let t = self.b.load(Ty::I64, f[0], 8);
            self.emit_copy(res, t);
            self.b.jump(done);
            self.b.switch_to(done);
            return Value::Flat(vec![res, f[1]]);
        }
        v
    }

    /// Boxes a concrete value into an interface of type `to`.
    pub fn make_interface(&mut self, v: Value, from: TypeId, to: TypeId) -> Value {
        let tsym = format!("type:{}", self.l.prog.link_string(from));
        self.mark(crate::ir::MarkKind::UseIface(tsym));
        let tword = if self.is_empty_interface(to) {
            self.type_desc(from)
        } else {
            self.itab(from, to)
        };
        let lay = self.l.lay.of(from);
        // Pointer-shaped values are stored directly in the data word.
        let direct = lay.size == 8 && lay.ptr_bytes() == 8;
        let data = if direct {
            self.to_flat(v, from)[0]
        } else if lay.size == 0 {
            self.b.sym_addr("runtime.zerobase", 0)
        } else {
            let typ = self.type_desc(from);
            let p = self.b.ccall("runtime.newobject", vec![typ], &[Ty::I64])[0];
            self.store_value(p, from, v);
            p
        };
        Value::Flat(vec![tword, data])
    }

    /// Explicit conversion `T(x)` (`site`: the conversion expression, an allocation site of
    /// escape analysis when the conversion allocates).
    pub fn convert(&mut self, v: Value, from: TypeId, to: TypeId, site: NodeId) -> Value {
        let prog = self.l.prog;
        if self.is_interface(to) {
            return self.convert_implicit(v, from, to);
        }
        let fu = prog.underlying(from);
        let tu = prog.underlying(to);
        match (prog.ty(fu), prog.ty(tu)) {
            (Type::Basic(fk), Type::Basic(tk)) => {
                let (fk, tk) = (*fk, *tk);
                if tk.is_string() && fk.is_integer() {
                    let x = self.to_flat(v, from)[0];
                    let x = self.b.int_resize(x, Ty::I64, !fk.is_unsigned());
                    // Values outside the rune range become U+FFFD; the runtime checks.
                    let buf = self.tmp_buf(site, 4);
                    let r = self
                        .b
                        .ccall("runtime.intstring", vec![buf, x], &[Ty::I64, Ty::I64]);
                    return Value::Flat(r);
                }
                if fk.is_string() || tk.is_string() {
                    return v;
                }
                self.numeric_convert(v, from, fk, tk)
            }
            (Type::Slice(el), Type::Basic(tk)) if tk.is_string() => {
                let f = self.to_flat(v, from);
                let is_runes =
                    matches!(prog.ty(prog.underlying(*el)), Type::Basic(BasicKind::Int32));
                let name = if is_runes {
                    "runtime.slicerunetostring"
                } else {
                    "runtime.slicebytetostring"
                };
                let buf = self.tmp_buf(site, 32);
                Value::Flat(
                    self.b
                        .ccall(name, vec![buf, f[0], f[1]], &[Ty::I64, Ty::I64]),
                )
            }
            (Type::Basic(fk), Type::Slice(el)) if fk.is_string() => {
                let f = self.to_flat(v, from);
                let is_runes =
                    matches!(prog.ty(prog.underlying(*el)), Type::Basic(BasicKind::Int32));
                let name = if is_runes {
                    "runtime.stringtoslicerune"
                } else {
                    "runtime.stringtoslicebyte"
                };
                // gc's buffers: 32 bytes, or 32 runes.
                let buf = self.tmp_buf(site, if is_runes { 128 } else { 32 });
                let s = self.b.slot(24, 8);
                let out = self.b.slot_addr(s);
                self.b.ccall(name, vec![out, buf, f[0], f[1]], &[]);
                self.load_value(out, to)
            }
            (Type::Slice(_), Type::Array(..)) | (Type::Slice(_), Type::Pointer(_)) => {
                let n = match prog.ty(tu) {
                    Type::Array(_, n) => *n,
                    Type::Pointer(p) => match prog.ty(prog.underlying(*p)) {
                        Type::Array(_, n) => *n,
                        _ => 0,
                    },
                    _ => 0,
                };
                let f = self.to_flat(v, from);
                let want = self.b.iconst(Ty::I64, n as i64);
                let ok = self.b.icmp(Cmp::UGe, f[1], want);
                let good = self.b.block();
                let bad = self.b.block();
                self.b.branch(ok, good, bad);
                self.b.switch_to(bad);
                self.b
                    .ccall_noreturn("runtime.goPanicSliceConvert", vec![want, f[1]]);
                self.b.switch_to(good);
                if matches!(prog.ty(tu), Type::Pointer(_)) {
                    Value::Flat(vec![f[0]])
                } else {
                    let a = self.load_value(f[0], to);
                    self.snapshot(a, to)
                }
            }
            _ => v,
        }
    }

    fn numeric_convert(&mut self, v: Value, from: TypeId, fk: BasicKind, tk: BasicKind) -> Value {
        let to_lay_ty = |k: BasicKind| -> Ty {
            use BasicKind::*;
            match k {
                Bool | Int8 | Uint8 => Ty::I8,
                Int16 | Uint16 => Ty::I16,
                Int32 | Uint32 | UntypedRune => Ty::I32,
                Float32 => Ty::F32,
                Float64 | UntypedFloat => Ty::F64,
                Complex64 => Ty::F32,
                Complex128 | UntypedComplex => Ty::F64,
                _ => Ty::I64,
            }
        };
        let vs = self.to_flat(v, from);
        if fk.is_complex() && tk.is_complex() {
            let to = to_lay_ty(tk);
            let conv = |f: &mut Self, x: Var| {
                let ft = f.b.ty(x);
                if ft == to {
                    x
                } else if to == Ty::F64 {
                    f.b.convert(Conv::FExt, x, to)
                } else {
                    f.b.convert(Conv::FTrunc, x, to)
                }
            };
            return Value::Flat(vec![conv(self, vs[0]), conv(self, vs[1])]);
        }
        let x = vs[0];
        let to = to_lay_ty(tk);
        let r = if fk.is_integer() && tk.is_integer() {
            self.b.int_resize(x, to, !fk.is_unsigned())
        } else if fk.is_integer() && tk.is_float() {
            let conv = if fk.is_unsigned() {
                Conv::UToF
            } else {
                Conv::SToF
            };
            self.b.convert(conv, x, to)
        } else if fk.is_float() && tk.is_integer() {
            // Out-of-range conversions are implementation-defined in Go; gc on amd64 uses
            // CVTTSx2SL for results of at most 16 bits (and 32-bit signed), CVTTSx2SQ otherwise,
            // and a two-step sequence for 64-bit unsigned results. Reproduce its answers.
            use BasicKind::*;
            match tk {
                Int8 | Int16 | Int32 | Uint8 | Uint16 => {
                    let w = self.cvtt(x, Ty::I32);
                    self.b.int_resize(w, to, true)
                }
                Uint64 | Uint | Uintptr => self.float_to_u64(x),
                _ => {
                    let w = self.cvtt(x, Ty::I64);
                    self.b.int_resize(w, to, true)
                }
            }
        } else if fk.is_float() && tk.is_float() {
            let ft = self.b.ty(x);
            if ft == to {
                x
            } else if to == Ty::F64 {
                self.b.convert(Conv::FExt, x, to)
            } else {
                self.b.convert(Conv::FTrunc, x, to)
            }
        } else {
            x
        };
        Value::Flat(vec![r])
    }
}

impl FnLower<'_, '_> {
    /// x86's truncating conversion: NaN and out-of-range values give the minimum integer.
    fn cvtt(&mut self, x: Var, to: Ty) -> Var {
        let bits = to.bytes() * 8;
        let (lo, hi) = if self.b.ty(x) == Ty::F32 {
            (
                self.b.f32const(-(2f32.powi(bits as i32 - 1))),
                self.b.f32const(2f32.powi(bits as i32 - 1)),
            )
        } else {
            (
                self.b.f64const(-(2f64.powi(bits as i32 - 1))),
                self.b.f64const(2f64.powi(bits as i32 - 1)),
            )
        };
        let ge = self.b.fcmp(FCmp::Ge, x, lo);
        let lt = self.b.fcmp(FCmp::Lt, x, hi);
        let ok = self.b.bin(BinOp::And, ge, lt);
        let r = self.b.convert(Conv::FToS, x, to);
        let min = self.b.iconst(
            to,
            if bits == 32 {
                i32::MIN as i64
            } else {
                i64::MIN
            },
        );
        self.b.select(ok, r, min)
    }

    /// gc's float → uint64: `x < 2^63 ? int64(x) : int64(x - 2^63) | 1<<63`.
    fn float_to_u64(&mut self, x: Var) -> Var {
        let two63 = if self.b.ty(x) == Ty::F32 {
            self.b.f32const(2f32.powi(63))
        } else {
            self.b.f64const(2f64.powi(63))
        };
        let small = self.b.fcmp(FCmp::Lt, x, two63);
        let a = self.cvtt(x, Ty::I64);
        let y = self.b.bin(BinOp::FSub, x, two63);
        let c = self.cvtt(y, Ty::I64);
        let top = self.b.iconst(Ty::I64, i64::MIN);
        let c = self.b.bin(BinOp::Or, c, top);
        self.b.select(small, a, c)
    }
}

pub(super) fn const_to_f64(v: &ConstValue) -> f64 {
    match v {
        ConstValue::Int(i) => i.to_f64().unwrap_or(0.0),
        ConstValue::Float(r) => rat_to_f64(r),
        ConstValue::Complex(r, _) => rat_to_f64(r),
        _ => 0.0,
    }
}

fn rat_to_f64(r: &num_rational::BigRational) -> f64 {
    r.to_f64().unwrap_or_else(|| {
        if r.numer().sign() == num_bigint::Sign::Minus {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        }
    })
}

pub(super) fn const_to_complex(v: &ConstValue) -> (f64, f64) {
    match v {
        ConstValue::Complex(re, im) => (rat_to_f64(re), rat_to_f64(im)),
        other => (const_to_f64(other), 0.0),
    }
}

/// The two's-complement bits of an integer constant (wrapping at 64 bits; the checker has
/// already verified representability).
pub(super) fn const_to_bits(v: &ConstValue) -> i64 {
    match v {
        ConstValue::Int(i) => {
            let (sign, digits) = i.to_u64_digits();
            let low = digits.first().copied().unwrap_or(0);
            if sign == num_bigint::Sign::Minus {
                (low as i64).wrapping_neg()
            } else {
                low as i64
            }
        }
        ConstValue::Bool(b) => *b as i64,
        ConstValue::Float(r) => r.to_integer().to_i64().unwrap_or(0),
        _ => 0,
    }
}
