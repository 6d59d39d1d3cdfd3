//! Calls, builtins, composite literals, function values and closures.

use frontend::ast::{Expr, ExprKind};
use frontend::types::{BasicKind, Builtin, Mode, ObjId, ObjKind, SelectionKind, Type, TypeId};

use super::func::{FnLower, ParamAbi};
use super::value::{Place, Value};
use crate::ir::{BinOp, CallConv, Callee, Cmp, FCmp, Inst, Ty, Var};

impl<'a, 'p> FnLower<'a, 'p> {
    /// Lowers a call expression; returns its results (empty for calls without results).
    pub fn call_expr(&mut self, e: &'p Expr) -> Vec<Value> {
        let prog = self.l.prog;
        let ExprKind::Call {
            func,
            args,
            ellipsis,
            ..
        } = &e.kind
        else {
            return vec![];
        };
        let func_u = func.unparen();
        let ftv = self.l.tv(func_u.id);
        match ftv.as_ref().map(|t| t.mode) {
            Some(Mode::TypeExpr) => {
                let to = ftv.map(|t| t.typ).unwrap_or_else(|| self.type_of(e));
                let Some(a) = args.first() else { return vec![] };
                let from = self.type_of(a);
                let v = self.expr(a);
                return vec![self.convert(v, from, to, e.id)];
            }
            Some(Mode::Builtin) => {
                let obj = match &func_u.kind {
                    ExprKind::Ident(id) => prog.info.uses.get(&id.id).copied(),
                    ExprKind::Selector { sel, .. } => prog.info.uses.get(&sel.id).copied(),
                    _ => None,
                };
                if let Some(o) = obj
                    && let ObjKind::Builtin(b) = prog.obj(o).kind
                {
                    return self.builtin(b, e, args, ellipsis.is_some());
                }
                self.l.error(e.pos, "rgo: unknown builtin");
                return vec![];
            }
            _ => {}
        }
        let fty = ftv.map(|t| t.typ).unwrap_or_else(|| self.type_of(func_u));
        let Type::Func(sig) = prog.ty(prog.underlying(fty)).clone() else {
            self.l.error(e.pos, "rgo: call of a non-function");
            return vec![];
        };
        if self.l.inst.is_none()
            && let Some(&x) = self.l.expand.get(&e.id)
        {
            return self.expand_call(e, args, &sig, x);
        }
        // Method call with a static receiver type.
        // `x.M[int](...)`: an explicitly instantiated generic method.
        let fsel = match &func_u.kind {
            ExprKind::Index { x, .. } if self.l.selection(x.unparen().id).is_some() => x.unparen(),
            _ => func_u,
        };
        if let ExprKind::Selector { x, sel } = &fsel.kind
            && let Some(s) = self.l.selection(fsel.id)
            && s.kind == SelectionKind::MethodVal
        {
            if self.is_interface(self.type_of(x)) || self.holder_is_interface(x, &s.index) {
                // The receiver is evaluated before the arguments.
                let (iv, it) = if s.index.is_empty() {
                    let xt = self.type_of(x);
                    (self.expr(x), xt)
                } else {
                    self.embedded_value(x, &s.index)
                };
                let iv = self.snapshot(iv, it);
                let vals = self.call_args(args, &sig, ellipsis.is_some());
                let obj = prog.obj(s.obj);
                let (name, pkg) = (obj.name.clone(), obj.pkg);
                let msig = self.iface_method_sig(it, s.obj);
                return self.iface_call_value(iv, it, &name, pkg, msig, vals, &sig.results);
            }
            let recv = self.method_receiver(x, &s.index, s.obj);
            let holder = self.selection_holder(s.recv, &s.index);
            let (sym, recv_t, _) = self.l.method_target_at(s.obj, holder, sel.id, e.pos);
            let mut vals = vec![(recv, recv_t)];
            let keep = std::mem::replace(
                &mut self.keep_uintptrs,
                self.l.uintptr_escapes.contains(&s.obj),
            );
            vals.extend(self.call_args(args, &sig, ellipsis.is_some()));
            self.keep_uintptrs = keep;
            let kept = if self.l.uintptr_escapes.contains(&s.obj) {
                Self::arg_words(&vals)
            } else {
                Vec::new()
            };
            let mut ptypes = vec![recv_t];
            ptypes.extend(sig.params.iter().copied());
            let ctx = self.b.iconst(Ty::I64, 0);
            let r = self.emit_go_call(Callee::Direct(sym), ctx, &ptypes, vals, &sig.results);
            self.keep_alive_after_call(&kept);
            return r;
        }
        // Direct call of an instance of a generic function.
        if let Some((o, id)) = self.generic_func_ref(func_u) {
            if let Some(v) = self.intrinsic_with_body(o, args) {
                return v;
            }
            let vals = self.call_args(args, &sig, ellipsis.is_some());
            // abi.EscapeNonString[T](v) is a gc intrinsic (its Go body panics): it only marks
            // v as escaping, which rgo's code needs nothing for.
            let obj = prog.obj(o);
            if obj.name == "EscapeNonString"
                && obj
                    .pkg
                    .is_some_and(|p| prog.package(p).path == "internal/abi")
            {
                return Vec::new();
            }
            let sym = self.l.generic_func_symbol(o, id, e.pos);
            let ctx = self.b.iconst(Ty::I64, 0);
            return self.emit_go_call(Callee::Direct(sym), ctx, &sig.params, vals, &sig.results);
        }
        // Direct call of a declared function.
        let direct = match &func_u.kind {
            ExprKind::Ident(id) => prog.info.uses.get(&id.id).copied(),
            ExprKind::Selector { sel, .. } if !prog.info.selections.contains_key(&func_u.id) => {
                prog.info.uses.get(&sel.id).copied()
            }
            _ => None,
        };
        if let Some(o) = direct.filter(|o| self.is_func_obj(*o)) {
            if let Some(v) = self.intrinsic_call(o, args) {
                return v;
            }
            // The `...uintptr` of a go:uintptrescapes callee: its backing array holds the
            // converted pointers, traced as such until the call returns (the caller's frame
            // keeps no other copy the precise stack scan would see).
            let keep =
                std::mem::replace(&mut self.keep_uintptrs, self.l.uintptr_escapes.contains(&o));
            let vals = self.call_args(args, &sig, ellipsis.is_some());
            self.keep_uintptrs = keep;
            if let Some(how) = self.provided(o) {
                return self.provided_call(o, how, &sig.params, vals, &sig.results);
            }
            let sym = self.l.func_symbol(o);
            if self.is_rust_runtime_func(o) {
                return self.emit_c_call(&sym, vals, &sig.results);
            }
            let kept = if self.l.uintptr_escapes.contains(&o) {
                Self::arg_words(&vals)
            } else {
                Vec::new()
            };
            let ctx = self.b.iconst(Ty::I64, 0);
            let r = self.emit_go_call(Callee::Direct(sym), ctx, &sig.params, vals, &sig.results);
            self.keep_alive_after_call(&kept);
            return r;
        }
        // Call through a func value: the context register is the funcval pointer. The function
        // value is evaluated before the arguments (the spec's left-to-right order).
        let fv = self.expr(func_u);
        let vals = self.call_args(args, &sig, ellipsis.is_some());
        let fv = fv.scalar().unwrap_or_else(|| self.b.iconst(Ty::I64, 0));
        let code = self.b.load(Ty::I64, fv, 0);
        self.emit_go_call(Callee::Indirect(code), fv, &sig.params, vals, &sig.results)
    }

    /// Calls a body-less function implemented in Rust with the C convention (no closure
    /// context; results in rax:rdx, or through an out-pointer passed first when they do not fit).
    pub(crate) fn emit_c_call(
        &mut self,
        sym: &str,
        vals: Vec<(Value, TypeId)>,
        results: &[TypeId],
    ) -> Vec<Value> {
        let mut flat = Vec::new();
        let mut rtys = Vec::new();
        for &r in results {
            rtys.extend(self.l.lay.of(r).scalars.iter().map(|(_, t)| *t));
        }
        let floats = rtys.iter().filter(|t| t.is_float()).count();
        let all_flat = results.iter().all(|&r| self.l.lay.of(r).flat);
        if rtys.len() - floats > 2 || floats > 2 || !all_flat {
            // More results than SysV returns in registers: the callee writes them, laid
            // out as a Go result tuple, through an out-pointer passed first
            // (docs/abi.md).
            let size = self.tuple_size(results);
            let s = self.b.slot(size, 8);
            let base = self.b.slot_addr(s);
            flat.push(base);
            for (v, t) in vals {
                flat.extend(self.to_flat(v, t));
            }
            self.b.ccall(sym, flat, &[]);
            return self.load_tuple(base, results);
        }
        for (v, t) in vals {
            flat.extend(self.to_flat(v, t));
        }
        let rs = self.b.ccall(sym, flat, &rtys);
        let mut out = Vec::new();
        let mut i = 0;
        for &r in results {
            let n = self.l.lay.of(r).scalars.len();
            out.push(Value::Flat(rs[i..i + n].to_vec()));
            i += n;
        }
        out
    }

    /// Functions declared without a body are implemented by rt (Rust) under their symbol
    /// (`pkg.name`, or the `//go:linkname` target), as gc's runtime provides the body-less
    /// functions of sync, time, os... through linkname — unless a Go function with a body
    /// defines that symbol (a linkname push, e.g. the runtime overlay's `time.now`), which is
    /// then called with the Go convention.
    pub(crate) fn is_rust_runtime_func(&self, o: ObjId) -> bool {
        let obj = self.l.prog.obj(o);
        matches!(
            obj.kind,
            ObjKind::Func {
                has_body: false,
                recv_base: None,
                ..
            }
        ) && obj.pkg.is_some()
            && !self.l.linknames.go_defined.contains(&self.l.func_symbol(o))
    }

    pub(crate) fn holder_is_interface(&self, x: &Expr, path: &[u32]) -> bool {
        let prog = self.l.prog;
        let mut t = self.type_of(x);
        for &i in path {
            if let Type::Pointer(p) = prog.ty(prog.underlying(t)) {
                t = *p;
            }
            if let Type::Struct(fs) = prog.ty(prog.underlying(t)) {
                match fs.get(i as usize) {
                    Some(f) => t = f.typ,
                    None => return false,
                }
            }
        }
        self.is_interface(t)
    }

    /// The named type (dereferenced) holding the method or field selected from a receiver of
    /// type `recv` through the embedding path `index`.
    pub(crate) fn selection_holder(&self, recv: TypeId, index: &[u32]) -> TypeId {
        let prog = self.l.prog;
        let deref = |t: TypeId| match prog.ty(t) {
            Type::Pointer(e) => *e,
            _ => t,
        };
        let mut cur = deref(recv);
        for &i in index {
            if let Type::Struct(fs) = prog.ty(prog.underlying(cur))
                && let Some(f) = fs.get(i as usize)
            {
                cur = deref(f.typ);
            }
        }
        cur
    }

    /// The receiver type of a method's signature and whether it is a pointer receiver.
    pub(crate) fn method_recv_type(&self, m: ObjId) -> (TypeId, bool) {
        let prog = self.l.prog;
        let obj = prog.obj(m);
        let ptr = matches!(obj.kind, ObjKind::Func { ptr_recv: true, .. });
        match prog.ty(obj.typ) {
            Type::Func(s) => (s.recv.unwrap_or(obj.typ), ptr),
            _ => (obj.typ, ptr),
        }
    }

    /// Computes the receiver argument for calling method `m` on `x` through the embedding path,
    /// inserting the implicit `&` or `*`.
    pub(crate) fn method_receiver(&mut self, x: &'p Expr, path: &[u32], m: ObjId) -> Value {
        let prog = self.l.prog;
        let (_, ptr_recv) = self.method_recv_type(m);
        let xt = self.type_of(x);
        let holder = self.selection_holder(xt, path);
        let (_, recv_t, _) = self.l.method_target(m, holder);
        // Start from a place for x (or its pointee).
        let (mut place, mut ct) = if self.is_pointer_type(xt) {
            let p = self.expr(x);
            let p = p.scalar().unwrap_or_else(|| self.b.iconst(Ty::I64, 0));
            if path.is_empty() && ptr_recv {
                return Value::Flat(vec![p]);
            }
            // Selecting an embedded field through p dereferences it, even when only an
            // address results: gc checks p for nil.
            self.nil_check(p);
            (Place::Addr(p), self.pointer_elem(xt))
        } else if self.is_addressable(x) {
            // With a pointer receiver only x's address is used: dereferences on the way get
            // gc's nil checks.
            let saved = std::mem::replace(&mut self.addr_only, ptr_recv);
            let place = self.place(x);
            self.addr_only = saved;
            (place, xt)
        } else {
            if path.is_empty() && !ptr_recv {
                return self.expr(x);
            }
            let v = self.expr(x);
            let v = self.snapshot(v, xt);
            let a = self.value_addr(v, xt);
            (Place::Addr(a), xt)
        };
        for &fi in path {
            if self.is_pointer_type(ct) {
                let pv = self.load_place(&place, ct);
                let p = pv.scalar().unwrap_or_else(|| self.b.iconst(Ty::I64, 0));
                self.nil_check(p);
                place = Place::Addr(p);
                ct = self.pointer_elem(ct);
            }
            let fields = match prog.ty(prog.underlying(ct)) {
                Type::Struct(fs) => fs.clone(),
                _ => break,
            };
            let Some(f) = fields.get(fi as usize) else {
                break;
            };
            let off = self
                .l
                .lay
                .field_offsets(ct)
                .get(fi as usize)
                .copied()
                .unwrap_or(0);
            place = match place {
                Place::Addr(a) => Place::Addr(self.b.add_imm(a, off as i64)),
                other => {
                    let v = self.load_place(&other, ct);
                    let a = self.value_addr(v, ct);
                    Place::Addr(self.b.add_imm(a, off as i64))
                }
            };
            ct = f.typ;
        }
        if ptr_recv {
            if self.is_pointer_type(ct) {
                return self.load_place(&place, ct);
            }
            match place {
                Place::Addr(a) => Value::Flat(vec![a]),
                other => {
                    let v = self.load_place(&other, ct);
                    Value::Flat(vec![self.value_addr(v, ct)])
                }
            }
        } else if self.is_pointer_type(ct) {
            let pv = self.load_place(&place, ct);
            let p = pv.scalar().unwrap_or_else(|| self.b.iconst(Ty::I64, 0));
            // Loading the receiver faults on a nil p, except when it has no bytes to load:
            // then the dereference still panics, through an explicit check.
            if self.l.lay.size(recv_t) == 0 {
                self.nil_check(p);
            }
            let v = self.load_value(p, recv_t);
            self.snapshot(v, recv_t)
        } else {
            let v = self.load_place(&place, recv_t);
            self.snapshot(v, recv_t)
        }
    }

    fn is_map_or_slice(&self, t: TypeId) -> bool {
        matches!(
            self.l.prog.ty(self.l.prog.underlying(t)),
            Type::Map(..) | Type::Slice(_)
        )
    }

    fn is_pointer_type(&self, t: TypeId) -> bool {
        matches!(self.l.prog.ty(self.l.prog.underlying(t)), Type::Pointer(_))
    }

    /// Evaluates call arguments, converting to parameter types and packing variadic arguments.
    /// The words of a call's arguments (the address of those passed in memory).
    fn arg_words(vals: &[(Value, TypeId)]) -> Vec<Var> {
        vals.iter()
            .flat_map(|(v, _)| match v {
                Value::Flat(vs) => vs.clone(),
                Value::Mem(a) => vec![*a],
            })
            .collect()
    }

    /// gc keeps the arguments of a `//go:uintptrescapes` call (pointers converted to uintptr,
    /// or the variadic array holding them) live until the call returns; a store after the call
    /// makes them live across it for the collector's precise scan of this frame.
    fn keep_alive_after_call(&mut self, words: &[Var]) {
        if words.is_empty() {
            return;
        }
        let s = self.b.slot(8, 8);
        let a = self.b.slot_addr(s);
        for &w in words {
            if self.b.ty(w) == Ty::I64 {
                self.b.store(a, 0, w);
            }
        }
    }

    pub(crate) fn call_args(
        &mut self,
        args: &'p [Expr],
        sig: &frontend::types::Signature,
        spread: bool,
    ) -> Vec<(Value, TypeId)> {
        let mut raw: Vec<(Value, TypeId)> = Vec::new();
        // f(g()) with a multi-value g: g's results are f's arguments (also when f is
        // variadic with a single parameter, as fmt.Println(g())).
        if args.len() == 1
            && let Type::Tuple(ts) = self.l.prog.ty(self.type_of(&args[0])).clone()
        {
            let vs = self.multi_value(&args[0]);
            raw = vs.into_iter().zip(ts).collect();
        }
        if raw.is_empty() {
            for a in args {
                let t = self.type_of(a);
                let v = self.expr(a);
                let v = self.snapshot(v, t);
                raw.push((v, t));
            }
        }
        let np = sig.params.len();
        let mut out = Vec::new();
        if sig.variadic && !spread {
            let fixed = np - 1;
            for (i, (v, t)) in raw.iter().take(fixed).enumerate() {
                out.push((
                    self.convert_implicit(v.clone(), *t, sig.params[i]),
                    sig.params[i],
                ));
            }
            let st = sig.params[fixed];
            let et = match self.l.prog.ty(self.l.prog.underlying(st)) {
                Type::Slice(e) => *e,
                _ => st,
            };
            let extra: Vec<(Value, TypeId)> = raw.into_iter().skip(fixed).collect();
            let slice = if extra.is_empty() {
                self.zero_value(st)
            } else {
                let n = extra.len() as i64;
                let esz = self.l.lay.size(et) as i64;
                // A `...uintptr` of a go:uintptrescapes callee: its backing array is allocated
                // as unsafe.Pointers (same size) for the collector to trace the converted
                // pointers until the call returns (or the go/defer call runs).
                let etyp = if self.keep_uintptrs && self.is_uintptr(et) {
                    let up = self.l.prog.basic(BasicKind::UnsafePointer);
                    self.type_desc(up)
                } else {
                    self.type_desc(et)
                };
                let nv = self.b.iconst(Ty::I64, n);
                let p = self
                    .b
                    .ccall("runtime.makeslice", vec![etyp, nv, nv], &[Ty::I64])[0];
                for (i, (v, t)) in extra.into_iter().enumerate() {
                    let v = self.convert_implicit(v, t, et);
                    let a = self.b.add_imm(p, i as i64 * esz);
                    self.store_value(a, et, v);
                }
                let n2 = self.b.iconst(Ty::I64, n);
                Value::Flat(vec![p, nv, n2])
            };
            out.push((slice, st));
        } else {
            for (i, (v, t)) in raw.into_iter().enumerate() {
                let pt = sig.params.get(i).copied().unwrap_or(t);
                out.push((self.convert_implicit(v, t, pt), pt));
            }
        }
        out
    }

    /// Emits a Go-convention call and collects its results.
    pub fn emit_go_call(
        &mut self,
        callee: Callee,
        ctx: Var,
        params: &[TypeId],
        args: Vec<(Value, TypeId)>,
        results: &[TypeId],
    ) -> Vec<Value> {
        let abi = self.sig_abi(params, results);
        let mut argv = vec![ctx];
        let sret_slot = if abi.sret {
            let tuple_size = self.tuple_size(results);
            let s = self.b.slot(tuple_size, 8);
            let a = self.b.slot_addr(s);
            argv.push(a);
            Some(a)
        } else {
            None
        };
        for ((v, t), pa) in args.into_iter().zip(&abi.params) {
            match pa {
                ParamAbi::Flat(_) => argv.extend(self.to_flat(v, t)),
                ParamAbi::Ref => {
                    let v = self.snapshot(v, t);
                    argv.push(self.value_addr(v, t));
                }
            }
        }
        let result_vars: Vec<Var> = abi
            .results
            .iter()
            .flatten()
            .map(|t| self.b.var(*t))
            .collect();
        self.b.emit(Inst::Call {
            callee,
            conv: CallConv::Go,
            args: argv,
            results: result_vars.clone(),
        });
        if let Some(base) = sret_slot {
            self.load_tuple(base, results)
        } else {
            let mut out = Vec::new();
            let mut i = 0;
            for tys in &abi.results {
                out.push(Value::Flat(result_vars[i..i + tys.len()].to_vec()));
                i += tys.len();
            }
            out
        }
    }

    /// The values of a result tuple laid out in memory at `base` (Go struct layout of the
    /// types in order), each copied out.
    pub(crate) fn load_tuple(&mut self, base: Var, types: &[TypeId]) -> Vec<Value> {
        let mut out = Vec::with_capacity(types.len());
        let mut off = 0u64;
        for &t in types {
            let lay = self.l.lay.of(t);
            off = crate::layout::round_up(off, lay.align);
            let a = self.b.add_imm(base, off as i64);
            let v = self.load_value(a, t);
            out.push(self.snapshot(v, t));
            off += lay.size;
        }
        out
    }

    pub(crate) fn tuple_size(&self, ts: &[TypeId]) -> u64 {
        let mut off = 0u64;
        for &t in ts {
            let l = self.l.lay.of(t);
            off = crate::layout::round_up(off, l.align) + l.size;
        }
        crate::layout::round_up(off, 8)
    }

    // ------------------------------------------------------------------------------------------
    // Builtins.

    fn builtin(&mut self, b: Builtin, e: &'p Expr, args: &'p [Expr], spread: bool) -> Vec<Value> {
        let prog = self.l.prog;
        let rt = self.type_of(e);
        match b {
            // Not constant only in generic code (the operand's size depends on a type
            // parameter): the instance's concrete layout. The operand is not evaluated.
            Builtin::Sizeof | Builtin::Alignof if !args.is_empty() => {
                let l = self.l.lay.of(self.type_of(&args[0]));
                let n = if b == Builtin::Sizeof {
                    l.size
                } else {
                    l.align
                };
                vec![Value::Flat(vec![self.b.iconst(Ty::I64, n as i64)])]
            }
            Builtin::Len | Builtin::Cap => {
                let x = &args[0];
                let xt = self.type_of(x);
                let v = self.expr(x);
                let r = match prog.ty(prog.underlying(xt)) {
                    Type::Basic(_) => v.flat()[1],
                    Type::Slice(_) => {
                        let f = self.to_flat(v, xt);
                        if b == Builtin::Len { f[1] } else { f[2] }
                    }
                    Type::Map(..) => {
                        let m = v.scalar().unwrap_or_else(|| self.b.iconst(Ty::I64, 0));
                        self.nil_or_load(m)
                    }
                    Type::Array(_, n) => self.b.iconst(Ty::I64, *n as i64),
                    Type::Pointer(p) => match prog.ty(prog.underlying(*p)) {
                        Type::Array(_, n) => self.b.iconst(Ty::I64, *n as i64),
                        _ => self.b.iconst(Ty::I64, 0),
                    },
                    Type::Chan(..) => {
                        let r = self.chan_len_cap(e, v, b == Builtin::Cap);
                        return vec![r];
                    }
                    _ => self.b.iconst(Ty::I64, 0),
                };
                vec![Value::Flat(vec![r])]
            }
            Builtin::Append => vec![self.append(e, args, spread)],
            Builtin::Copy => {
                let mut vals = self.builtin_arg_values(args).into_iter();
                let (Some((d, dt)), Some((s, st))) = (vals.next(), vals.next()) else {
                    self.l.error(e.pos, "rgo: malformed copy call");
                    return vec![self.zero_value(rt)];
                };
                let n = self.copy_values(d, dt, s, st);
                vec![Value::Flat(vec![n])]
            }
            Builtin::Make => {
                let t = rt;
                match prog.ty(prog.underlying(t)) {
                    Type::Slice(el) => {
                        let el = *el;
                        let len = self.int_arg(&args[1]);
                        let cap = if args.len() > 2 {
                            self.int_arg(&args[2])
                        } else {
                            len
                        };
                        let etyp = self.type_desc(el);
                        let p = self
                            .b
                            .ccall("runtime.makeslice", vec![etyp, len, cap], &[Ty::I64])[0];
                        vec![Value::Flat(vec![p, len, cap])]
                    }
                    Type::Map(..) => {
                        let hint = if args.len() > 1 {
                            self.int_arg(&args[1])
                        } else {
                            self.b.iconst(Ty::I64, 0)
                        };
                        let mt = self.map_type_desc(t);
                        let m = self.b.ccall("runtime.makemap", vec![mt, hint], &[Ty::I64])[0];
                        vec![Value::Flat(vec![m])]
                    }
                    _ => vec![self.make_chan(e, t, args.get(1))],
                }
            }
            Builtin::New => {
                let et = self.pointer_elem(rt);
                let p = self.alloc(e.id, et);
                vec![Value::Flat(vec![p])]
            }
            Builtin::Delete => {
                let mut vals = self.builtin_arg_values(args).into_iter();
                let (Some((m, mt_t)), Some((k, at))) = (vals.next(), vals.next()) else {
                    self.l.error(e.pos, "rgo: malformed delete call");
                    return vec![];
                };
                let kt = match prog.ty(prog.underlying(mt_t)) {
                    Type::Map(k, _) => *k,
                    _ => mt_t,
                };
                let m = m.scalar().unwrap_or_else(|| self.b.iconst(Ty::I64, 0));
                let k = self.convert_implicit(k, at, kt);
                let ka = self.value_addr(k, kt);
                let mt = self.map_type_desc(mt_t);
                self.b.ccall("runtime.mapdelete", vec![mt, m, ka], &[]);
                vec![]
            }
            Builtin::Clear => {
                let t = self.type_of(&args[0]);
                let v = self.expr(&args[0]);
                match prog.ty(prog.underlying(t)) {
                    Type::Map(..) => {
                        let m = v.scalar().unwrap_or_else(|| self.b.iconst(Ty::I64, 0));
                        let mt = self.map_type_desc(t);
                        self.b.ccall("runtime.mapclear", vec![mt, m], &[]);
                    }
                    Type::Slice(el) => {
                        let esz = self.l.lay.size(*el) as i64;
                        let f = self.to_flat(v, t);
                        let bytes = self.b.mul_imm(f[1], esz);
                        let zero = self.b.iconst(Ty::I32, 0);
                        self.b.ccall("memset", vec![f[0], zero, bytes], &[Ty::I64]);
                    }
                    _ => {}
                }
                vec![]
            }
            Builtin::Panic => {
                let at = self.type_of(&args[0]);
                let v = self.expr(&args[0]);
                let any = prog.any_type();
                let ev = self.convert_implicit(v, at, any);
                let f = self.to_flat(ev, any);
                self.b.ccall_noreturn("runtime.gopanic", vec![f[0], f[1]]);
                vec![]
            }
            Builtin::Print | Builtin::Println => {
                let ln = b == Builtin::Println;
                let mut vals = Vec::new();
                let tuple = match args {
                    [one] => match prog.ty(self.type_of(one)) {
                        Type::Tuple(ts) => Some(ts.clone()),
                        _ => None,
                    },
                    _ => None,
                };
                if let Some(ts) = tuple {
                    // println(f()) with a multi-valued f prints every result.
                    let vs = self.multi_value(&args[0]);
                    vals.extend(vs.into_iter().zip(ts));
                } else {
                    for a in args {
                        let t = self.type_of(a);
                        let v = self.expr(a);
                        vals.push((self.snapshot(v, t), t));
                    }
                }
                self.b.ccall("runtime.printlock", vec![], &[]);
                for (i, (v, t)) in vals.into_iter().enumerate() {
                    if ln && i > 0 {
                        self.b.ccall("runtime.printsp", vec![], &[]);
                    }
                    self.print_one(v, t, e.pos);
                }
                if ln {
                    self.b.ccall("runtime.printnl", vec![], &[]);
                }
                self.b.ccall("runtime.printunlock", vec![], &[]);
                vec![]
            }
            Builtin::Min | Builtin::Max => {
                let mut acc: Option<Value> = None;
                for (v, at) in self.builtin_arg_values(args) {
                    let v = self.convert_implicit(v, at, rt);
                    acc = Some(match acc {
                        None => v,
                        Some(prev) => self.min_max(b == Builtin::Min, rt, prev, v),
                    });
                }
                vec![acc.unwrap_or_else(|| self.zero_value(rt))]
            }
            Builtin::Complex => {
                let (r, i) = match self.tuple_args(args) {
                    // `complex(f())`.
                    Some(mut vs) if vs.len() == 2 => {
                        let i = vs.pop().map(|(v, _)| v);
                        let r = vs.pop().map(|(v, _)| v);
                        (r, i)
                    }
                    _ if args.len() == 2 => (Some(self.expr(&args[0])), Some(self.expr(&args[1]))),
                    _ => (None, None),
                };
                let (Some(r), Some(i)) = (r, i) else {
                    self.l.error(e.pos, "rgo: malformed complex call");
                    return vec![self.zero_value(rt)];
                };
                let mut vs = r.flat().to_vec();
                vs.extend(i.flat().iter().copied());
                vec![Value::Flat(vs)]
            }
            Builtin::Real | Builtin::Imag => {
                let v = self.expr(&args[0]);
                let f = v.flat().to_vec();
                let idx = if b == Builtin::Real { 0 } else { 1 };
                vec![Value::Flat(vec![f[idx]])]
            }
            Builtin::Close => {
                self.chan_close(e, &args[0]);
                vec![]
            }
            Builtin::Recover => {
                // The runtime checks that this function is the deferred call itself.
                let fp = self.b.var(Ty::I64);
                self.b.emit(Inst::FramePointer { dst: fp });
                let r = self
                    .b
                    .ccall("runtime.gorecover", vec![fp], &[Ty::I64, Ty::I64]);
                vec![Value::Flat(r)]
            }
            Builtin::Add => {
                // unsafe.Add(ptr, len): pointer arithmetic, len of any integer type.
                let p = self.expr(&args[0]);
                let p = p.scalar().unwrap_or_else(|| self.b.iconst(Ty::I64, 0));
                let n = self.int_arg(&args[1]);
                vec![Value::Flat(vec![self.b.bin(BinOp::Add, p, n)])]
            }
            Builtin::SliceData | Builtin::StringData => {
                let t = self.type_of(&args[0]);
                let v = self.expr(&args[0]);
                let f = self.to_flat(v, t);
                vec![Value::Flat(vec![f[0]])]
            }
            Builtin::Slice | Builtin::String => {
                // unsafe.Slice(ptr, len) / unsafe.String(ptr, len), with gc's run-time checks.
                let p = self.expr(&args[0]);
                let p = p.scalar().unwrap_or_else(|| self.b.iconst(Ty::I64, 0));
                let n = self.int_arg(&args[1]);
                let esize = if b == Builtin::Slice {
                    let pt = self.type_of(&args[0]);
                    self.l.lay.size(self.pointer_elem(pt))
                } else {
                    1
                };
                let zero = self.b.iconst(Ty::I64, 0);
                let neg = self.b.icmp(Cmp::SLt, n, zero);
                let isnil = self.b.icmp(Cmp::Eq, p, zero);
                // len*esize must not run past the end of the address space (gc's walk of
                // unsafe.Slice/String): len > -ptr/esize, checked unsigned; a nil ptr fails
                // it for any non-zero len. Zero-size elements only fail for a nil ptr.
                let over = if esize == 0 {
                    let nonzero = self.b.icmp(Cmp::Ne, n, zero);
                    self.b.bin(BinOp::And, isnil, nonzero)
                } else {
                    let room = self.b.bin(BinOp::Sub, zero, p);
                    let es = self.b.iconst(Ty::I64, esize as i64);
                    let limit = self.b.bin(BinOp::UDiv, room, es);
                    self.b.icmp(Cmp::UGt, n, limit)
                };
                let nil_len = self.b.bin(BinOp::And, over, isnil);
                let what = if b == Builtin::Slice {
                    "unsafe.Slice"
                } else {
                    "unsafe.String"
                };
                for (bad, msg) in [
                    (neg, format!("{what}: len out of range")),
                    (nil_len, format!("{what}: ptr is nil and len is not zero")),
                    (over, format!("{what}: len out of range")),
                ] {
                    let fail = self.b.block();
                    let ok = self.b.block();
                    self.b.branch(bad, fail, ok);
                    self.b.switch_to(fail);
                    let s = self.string_const(msg.as_bytes());
                    let f = s.flat().to_vec();
                    self.b
                        .ccall_noreturn("runtime.panicunsafe", vec![f[0], f[1]]);
                    self.b.switch_to(ok);
                }
                if b == Builtin::Slice {
                    vec![Value::Flat(vec![p, n, n])]
                } else {
                    vec![Value::Flat(vec![p, n])]
                }
            }
            _ => {
                self.l
                    .error(e.pos, "rgo: this builtin is not supported yet");
                vec![]
            }
        }
    }

    /// Whether the allocation at `site` goes to the heap: escape analysis found it escaping
    /// (in a function's body half, also when it did not analyse the site).
    pub(crate) fn site_on_heap(&self, site: frontend::ast::NodeId) -> bool {
        self.heap_everything
            || self.l.site_escapes(site)
            || (self.split_body && !self.l.site_stays(site))
    }

    /// Zeroed memory for a value of type `t` allocated at `site`: the heap when escape analysis
    /// says it escapes ("escapes to heap"), else a slot of this frame ("does not escape").
    pub(crate) fn alloc(&mut self, site: frontend::ast::NodeId, t: TypeId) -> Var {
        if self.site_on_heap(site) {
            let typ = self.type_desc(t);
            self.b.ccall("runtime.newobject", vec![typ], &[Ty::I64])[0]
        } else {
            let lay = self.l.lay.of(t);
            let s = self.b.slot(lay.size, lay.align);
            let a = self.b.slot_addr(s);
            self.b.memzero(a, lay.size);
            a
        }
    }

    fn nil_or_load(&mut self, m: Var) -> Var {
        let zero = self.b.iconst(Ty::I64, 0);
        let res = self.b.var(Ty::I64);
        self.emit_copy(res, zero);
        let isnil = self.b.icmp(Cmp::Eq, m, zero);
        let load = self.b.block();
        let done = self.b.block();
        self.b.branch(isnil, done, load);
        self.b.switch_to(load);
        let n = self.b.load(Ty::I64, m, 0);
        self.emit_copy(res, n);
        self.b.jump(done);
        self.b.switch_to(done);
        res
    }

    /// An integer argument of make/append converted to int (i64).
    fn int_arg(&mut self, a: &'p Expr) -> Var {
        let t = self.type_of(a);
        let signed = self.is_signed(t);
        let v = self.expr(a);
        let s = v.scalar().unwrap_or_else(|| self.b.iconst(Ty::I64, 0));
        if signed || self.b.ty(s) == Ty::I64 {
            self.b.int_resize(s, Ty::I64, true)
        } else {
            self.b.int_resize(s, Ty::I64, false)
        }
    }

    fn min_max(&mut self, min: bool, t: TypeId, a: Value, b: Value) -> Value {
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
            let take_b = self.b.icmp(if min { Cmp::SGt } else { Cmp::SLt }, c, zero);
            let p = self.b.select(take_b, b[0], a[0]);
            let n = self.b.select(take_b, b[1], a[1]);
            return Value::Flat(vec![p, n]);
        }
        if k.is_float() {
            let op = if min { BinOp::FMin } else { BinOp::FMax };
            return Value::Flat(vec![self.b.bin(op, a[0], b[0])]);
        }
        let cmp = match (min, k.is_unsigned()) {
            (true, false) => Cmp::SLt,
            (true, true) => Cmp::ULt,
            (false, false) => Cmp::SGt,
            (false, true) => Cmp::UGt,
        };
        let keep_a = self.b.icmp(cmp, a[0], b[0]);
        Value::Flat(vec![self.b.select(keep_a, a[0], b[0])])
    }

    /// Prints one value as the print builtins do.
    pub(crate) fn print_value(&mut self, v: Value, t: TypeId) {
        self.print_one(v, t, frontend::ast::Pos::NONE)
    }

    fn print_one(&mut self, v: Value, t: TypeId, pos: frontend::ast::Pos) {
        let prog = self.l.prog;
        let f = self.to_flat(v, t);
        match prog.ty(prog.underlying(t)) {
            Type::Basic(k) => {
                use BasicKind::*;
                match k {
                    Bool | UntypedBool => {
                        self.b.ccall("runtime.printbool", vec![f[0]], &[]);
                    }
                    Int | Int8 | Int16 | Int32 | Int64 | UntypedInt | UntypedRune => {
                        let x = self.b.int_resize(f[0], Ty::I64, true);
                        self.b.ccall("runtime.printint", vec![x], &[]);
                    }
                    Uint | Uint8 | Uint16 | Uint32 | Uint64 | Uintptr => {
                        let x = self.b.int_resize(f[0], Ty::I64, false);
                        self.b.ccall("runtime.printuint", vec![x], &[]);
                    }
                    Float32 => {
                        self.b.ccall("runtime.printfloat32", vec![f[0]], &[]);
                    }
                    Float64 | UntypedFloat => {
                        self.b.ccall("runtime.printfloat64", vec![f[0]], &[]);
                    }
                    Complex64 => {
                        self.b
                            .ccall("runtime.printcomplex64", vec![f[0], f[1]], &[]);
                    }
                    Complex128 | UntypedComplex => {
                        self.b
                            .ccall("runtime.printcomplex128", vec![f[0], f[1]], &[]);
                    }
                    String | UntypedString => {
                        self.b.ccall("runtime.printstring", vec![f[0], f[1]], &[]);
                    }
                    UnsafePointer | UntypedNil => {
                        self.b.ccall("runtime.printpointer", vec![f[0]], &[]);
                    }
                    Invalid => {}
                }
            }
            Type::Pointer(_) | Type::Map(..) | Type::Chan(..) | Type::Func(_) => {
                self.b.ccall("runtime.printpointer", vec![f[0]], &[]);
            }
            Type::Slice(_) => {
                self.b
                    .ccall("runtime.printslice", vec![f[0], f[1], f[2]], &[]);
            }
            Type::Interface(i) => {
                let name = if i.methods.is_empty() {
                    "runtime.printeface"
                } else {
                    "runtime.printiface"
                };
                self.b.ccall(name, vec![f[0], f[1]], &[]);
            }
            _ => {
                self.l.error(pos, "rgo: illegal types for operand: print");
            }
        }
    }

    /// `copy(d, s)` on evaluated operands (s a slice or a string): the number of elements
    /// copied.
    pub(crate) fn copy_values(&mut self, d: Value, dt: TypeId, s: Value, st: TypeId) -> Var {
        let prog = self.l.prog;
        let d = self.to_flat(d, dt);
        let s = self.to_flat(s, st);
        let et = match prog.ty(prog.underlying(dt)) {
            Type::Slice(e) => *e,
            _ => dt,
        };
        let esz = self.l.lay.size(et) as i64;
        let lt = self.b.icmp(Cmp::SLt, d[1], s[1]);
        let n = self.b.select(lt, d[1], s[1]);
        let bytes = self.b.mul_imm(n, esz);
        self.b.ccall("memmove", vec![d[0], s[0], bytes], &[Ty::I64]);
        n
    }

    /// A builtin's arguments evaluated in order, with their types; a single multi-value call
    /// stands for its results.
    fn builtin_arg_values(&mut self, args: &'p [Expr]) -> Vec<(Value, TypeId)> {
        if let Some(vs) = self.tuple_args(args) {
            return vs;
        }
        let mut out = Vec::with_capacity(args.len());
        for a in args {
            let t = self.type_of(a);
            let v = self.expr(a);
            out.push((v, t));
        }
        out
    }

    /// A builtin's arguments given as one multi-value call (`append(f())`, `complex(f())`):
    /// the call's results with their types, evaluated.
    fn tuple_args(&mut self, args: &'p [Expr]) -> Option<Vec<(Value, TypeId)>> {
        let [a] = args else { return None };
        let Type::Tuple(ts) = self.l.prog.ty(self.type_of(a)).clone() else {
            return None;
        };
        let vs = self.multi_value(a);
        Some(vs.into_iter().zip(ts).collect())
    }

    /// `n` when `e` is `make([]T, n)` (no capacity argument).
    fn make_len_only(&self, e: &'p Expr) -> Option<&'p Expr> {
        let prog = self.l.prog;
        let ExprKind::Call {
            func,
            args,
            ellipsis: None,
            ..
        } = &e.unparen().kind
        else {
            return None;
        };
        let ExprKind::Ident(id) = &func.unparen().kind else {
            return None;
        };
        let o = prog.info.uses.get(&id.id).copied()?;
        if !matches!(prog.obj(o).kind, ObjKind::Builtin(Builtin::Make)) || args.len() != 2 {
            return None;
        }
        let t = self.type_of(e);
        matches!(prog.ty(prog.underlying(t)), Type::Slice(_)).then_some(&args[1])
    }

    fn append(&mut self, e: &'p Expr, args: &'p [Expr], spread: bool) -> Value {
        let prog = self.l.prog;
        let st = self.type_of(e);
        let et = match prog.ty(prog.underlying(st)) {
            Type::Slice(el) => *el,
            _ => st,
        };
        let esz = self.l.lay.size(et) as i64;
        // `append(f())`: f's results are the slice and the elements.
        let mut spread_call = self.tuple_args(args);
        let (s, s0t) = match spread_call.as_mut() {
            Some(vs) if !vs.is_empty() => vs.remove(0),
            _ => {
                let t = self.type_of(&args[0]);
                (self.expr(&args[0]), t)
            }
        };
        let s = self.convert_implicit(s, s0t, st);
        let s = self.to_flat(s, st);
        let (mut ptr, len, cap) = (s[0], s[1], s[2]);
        // The values to append: either a spread slice/string or individual arguments.
        enum Src {
            Spread(Var, Var),
            Elems(Vec<(Value, TypeId)>),
            /// `append(s, make([]T, n)...)`: n zero elements, with no slice made for them
            /// (gc's extendslice).
            Zeros(Var),
        }
        let src = if spread && let Some(n) = self.make_len_only(&args[1]) {
            let n = self.int_arg(n);
            let zero = self.b.iconst(Ty::I64, 0);
            let neg = self.b.icmp(Cmp::SLt, n, zero);
            let bad = self.b.block();
            let ok = self.b.block();
            self.b.branch(neg, bad, ok);
            self.b.switch_to(bad);
            self.b.ccall_noreturn("runtime.panicmakeslicelen", vec![]);
            self.b.switch_to(ok);
            Src::Zeros(n)
        } else if spread {
            let at = self.type_of(&args[1]);
            let v = self.expr(&args[1]);
            let f = self.to_flat(v, at);
            Src::Spread(f[0], f[1])
        } else {
            let mut vs = Vec::new();
            if let Some(rest) = spread_call {
                for (v, at) in rest {
                    let v = self.convert_implicit(v, at, et);
                    vs.push((self.snapshot(v, et), et));
                }
            } else {
                for a in &args[1..] {
                    let at = self.type_of(a);
                    let v = self.expr(a);
                    let v = self.convert_implicit(v, at, et);
                    vs.push((self.snapshot(v, et), et));
                }
            }
            Src::Elems(vs)
        };
        let num = match &src {
            Src::Spread(_, n) | Src::Zeros(n) => *n,
            Src::Elems(vs) => self.b.iconst(Ty::I64, vs.len() as i64),
        };
        if let Src::Elems(vs) = &src
            && vs.is_empty()
        {
            return Value::Flat(vec![ptr, len, cap]);
        }
        let newlen = self.b.bin(BinOp::Add, len, num);
        let newcap = self.b.var(Ty::I64);
        self.emit_copy(newcap, cap);
        let res_ptr = self.b.var(Ty::I64);
        self.emit_copy(res_ptr, ptr);
        let grow = self.b.icmp(Cmp::UGt, newlen, cap);
        let growb = self.b.block();
        let done = self.b.block();
        self.b.branch(grow, growb, done);
        self.b.switch_to(growb);
        // gc 1.26+: an append whose result does not escape uses a stack store of K = 32/size
        // elements the first time this site appends to an empty slice (ssagen's "standard
        // strategy"), so the capacity after that first append is K.
        let k = if esz > 0 { 32 / esz } else { 0 };
        let stack_store = k >= 1
            && !spread
            && !self.site_on_heap(e.id)
            && matches!(args[0].unparen().kind, ExprKind::Ident(_));
        if stack_store {
            let used = self.b.entry_iconst(Ty::I8, 0);
            let store_slot = self.b.slot(32, self.l.lay.align(et).max(1));
            let kv = self.b.iconst(Ty::I64, k);
            let fits = self.b.icmp(Cmp::SLe, newlen, kv);
            let zero = self.b.iconst(Ty::I64, 0);
            let empty = self.b.icmp(Cmp::Eq, len, zero);
            let zero8 = self.b.iconst(Ty::I8, 0);
            let not_used = self.b.icmp(Cmp::Eq, used, zero8);
            let c1 = self.b.bin(BinOp::And, fits, empty);
            let cond = self.b.bin(BinOp::And, c1, not_used);
            let use_store = self.b.block();
            let heap = self.b.block();
            self.b.branch(cond, use_store, heap);
            self.b.switch_to(use_store);
            let store = self.b.slot_addr(store_slot);
            self.b.memzero(store, (k * esz) as u64);
            let one = self.b.iconst(Ty::I8, 1);
            self.emit_copy(used, one);
            self.emit_copy(res_ptr, store);
            self.emit_copy(newcap, kv);
            self.b.jump(done);
            self.b.switch_to(heap);
        }
        let slot = self.b.slot(24, 8);
        let out = self.b.slot_addr(slot);
        let etyp = self.type_desc(et);
        self.b.ccall(
            "runtime.growslice",
            vec![out, ptr, newlen, cap, num, etyp],
            &[],
        );
        let np = self.b.load(Ty::I64, out, 0);
        let nc = self.b.load(Ty::I64, out, 16);
        self.emit_copy(res_ptr, np);
        self.emit_copy(newcap, nc);
        self.b.jump(done);
        self.b.switch_to(done);
        ptr = res_ptr;
        let off = self.b.mul_imm(len, esz);
        let dst = self.b.bin(BinOp::Add, ptr, off);
        match src {
            Src::Spread(p, n) => {
                let bytes = self.b.mul_imm(n, esz);
                self.b.ccall("memmove", vec![dst, p, bytes], &[Ty::I64]);
            }
            Src::Zeros(n) => {
                // The grown store past the old length need not be zero (s[:cap(s)] may hold
                // old elements).
                let bytes = self.b.mul_imm(n, esz);
                let zero = self.b.iconst(Ty::I32, 0);
                self.b.ccall("memset", vec![dst, zero, bytes], &[Ty::I64]);
            }
            Src::Elems(vs) => {
                for (i, (v, t)) in vs.into_iter().enumerate() {
                    let a = self.b.add_imm(dst, i as i64 * esz);
                    self.store_value(a, t, v);
                }
            }
        }
        Value::Flat(vec![ptr, newlen, newcap])
    }

    // ------------------------------------------------------------------------------------------
    // Composite literals.

    pub fn composite(&mut self, e: &'p Expr) -> Value {
        let t = self.type_of(e);
        self.composite_of(e, t)
    }

    /// A composite literal's value, built as type `t`.
    fn composite_of(&mut self, e: &'p Expr, t: TypeId) -> Value {
        let prog = self.l.prog;
        let ExprKind::CompositeLit { elts, .. } = &e.kind else {
            return Value::Flat(vec![]);
        };
        let u = prog.underlying(t);
        match prog.ty(u).clone() {
            Type::Struct(fields) => {
                let lay = self.l.lay.of(t);
                let s = self.b.slot(lay.size, lay.align);
                let a = self.b.slot_addr(s);
                self.b.memzero(a, lay.size);
                let offs = self.l.lay.field_offsets(t);
                for (i, el) in elts.iter().enumerate() {
                    let (fi, ve) = match &el.kind {
                        ExprKind::KeyValue { key, value, .. } => {
                            let ExprKind::Ident(id) = &key.kind else {
                                continue;
                            };
                            if let Some(path) = prog.info.promoted_lit_fields.get(&id.id) {
                                // Go 1.27: a promoted field named in the literal (`T{x: 1}`
                                // where x lives in an embedded struct); the type checker
                                // recorded the path, which never goes through a pointer.
                                self.store_promoted_field(a, t, path, value);
                                continue;
                            }
                            (fields.iter().position(|f| f.name == id.name), &**value)
                        }
                        _ => (Some(i), el),
                    };
                    let Some(fi) = fi else { continue };
                    let ft = fields[fi].typ;
                    let v = self.elem_value(ve, ft);
                    if fields[fi].name == "_" {
                        // A blank field stays zero: its value is only evaluated (gc, #31546).
                        continue;
                    }
                    let fa = self.b.add_imm(a, offs[fi] as i64);
                    self.store_value(fa, ft, v);
                }
                let v = self.load_value(a, t);
                self.snapshot(v, t)
            }
            Type::Array(et, n) => {
                let lay = self.l.lay.of(t);
                let s = self.b.slot(lay.size, lay.align);
                let a = self.b.slot_addr(s);
                self.b.memzero(a, lay.size);
                let esz = self.l.lay.size(et) as i64;
                self.fill_indexed(elts, a, et, esz);
                let _ = n;
                let v = self.load_value(a, t);
                self.snapshot(v, t)
            }
            Type::Slice(et) => {
                let esz = self.l.lay.size(et) as i64;
                let n = self.literal_len(elts);
                let nv = self.b.iconst(Ty::I64, n as i64);
                // As gc (walk.slicelit): the backing store is a `[n]T`, in this frame when
                // the literal does not escape, else from newobject([n]T).
                // A zero-size store is runtime.zerobase, with no descriptor (walk turns the
                // new of a zero-size type into &zerobase).
                let p = match crate::typedata::find_array_type(prog, et, n) {
                    Some(at) if self.l.lay.size(at) == 0 => self.b.sym_addr("runtime.zerobase", 0),
                    Some(at) => self.alloc(e.id, at),
                    None => {
                        let etyp = self.type_desc(et);
                        self.b
                            .ccall("runtime.makeslice", vec![etyp, nv, nv], &[Ty::I64])[0]
                    }
                };
                self.fill_indexed(elts, p, et, esz);
                let n2 = self.b.iconst(Ty::I64, n as i64);
                Value::Flat(vec![p, nv, n2])
            }
            Type::Map(kt, vt) => {
                let mt = self.map_type_desc(t);
                let hint = self.b.iconst(Ty::I64, elts.len() as i64);
                let m = self.b.ccall("runtime.makemap", vec![mt, hint], &[Ty::I64])[0];
                for el in elts {
                    if let ExprKind::KeyValue { key, value, .. } = &el.kind {
                        let k = self.elem_value(key, kt);
                        let k = self.snapshot(k, kt);
                        let v = self.elem_value(value, vt);
                        let v = self.snapshot(v, vt);
                        let mt2 = self.map_type_desc(t);
                        let ka = self.value_addr(k, kt);
                        let ep = self
                            .b
                            .ccall("runtime.mapassign", vec![mt2, m, ka], &[Ty::I64])[0];
                        self.store_value(ep, vt, v);
                    }
                }
                Value::Flat(vec![m])
            }
            Type::Pointer(inner) => {
                // An elided `&T` inside an outer literal: go/types records `*T` on the inner
                // literal; build the T value and move it to the heap.
                let lay = self.l.lay.of(inner);
                let s = self.b.slot(lay.size, lay.align);
                let a = self.b.slot_addr(s);
                self.b.memzero(a, lay.size);
                let v = self.composite_of(e, inner);
                let typ = self.type_desc(inner);
                let p = self.b.ccall("runtime.newobject", vec![typ], &[Ty::I64])[0];
                self.store_value(p, inner, v);
                Value::Flat(vec![p])
            }
            _ => {
                self.l.error(e.pos, "rgo: unsupported composite literal");
                self.zero_value(t)
            }
        }
    }

    /// Stores a literal element into the promoted field reached from the struct at `base`
    /// (of type `t`) through the embedded-field indices of `path`.
    fn store_promoted_field(&mut self, base: Var, t: TypeId, path: &[u32], value: &'p Expr) {
        let prog = self.l.prog;
        let mut off = 0i64;
        let mut cur = t;
        for &ix in path {
            let Type::Struct(fs) = prog.ty(prog.underlying(cur)).clone() else {
                return;
            };
            let Some(f) = fs.get(ix as usize) else { return };
            off += self.l.lay.field_offsets(cur)[ix as usize] as i64;
            cur = f.typ;
        }
        let v = self.elem_value(value, cur);
        let fa = self.b.add_imm(base, off);
        self.store_value(fa, cur, v);
    }

    /// The value of a literal element of type `t` (handling `&T` elision).
    fn elem_value(&mut self, ve: &'p Expr, t: TypeId) -> Value {
        let vt = self.type_of(ve);
        if matches!(ve.kind, ExprKind::CompositeLit { typ: None, .. })
            && self.is_pointer_type(t)
            && !self.is_pointer_type(vt)
            && !self.is_map_or_slice(vt)
        {
            let v = self.expr(ve);
            let typ = self.type_desc(vt);
            let p = self.b.ccall("runtime.newobject", vec![typ], &[Ty::I64])[0];
            self.store_value(p, vt, v);
            return Value::Flat(vec![p]);
        }
        let v = self.expr(ve);
        self.convert_implicit(v, vt, t)
    }

    pub(super) fn literal_len(&self, elts: &[Expr]) -> u64 {
        let mut idx = 0u64;
        let mut max = 0u64;
        for el in elts {
            if let ExprKind::KeyValue { key, .. } = &el.kind
                && let Some(v) = self
                    .l
                    .prog
                    .info
                    .types
                    .get(&key.id)
                    .and_then(|tv| tv.value.as_ref())
                && let frontend::types::ConstValue::Int(i) = v
            {
                idx = num_traits::ToPrimitive::to_u64(i).unwrap_or(0);
            }
            idx += 1;
            max = max.max(idx);
        }
        max
    }

    fn fill_indexed(&mut self, elts: &'p [Expr], base: Var, et: TypeId, esz: i64) {
        let mut idx = 0i64;
        for el in elts {
            let ve = match &el.kind {
                ExprKind::KeyValue { key, value, .. } => {
                    if let Some(frontend::types::ConstValue::Int(i)) = self
                        .l
                        .prog
                        .info
                        .types
                        .get(&key.id)
                        .and_then(|tv| tv.value.as_ref())
                    {
                        idx = num_traits::ToPrimitive::to_i64(i).unwrap_or(0);
                    }
                    &**value
                }
                _ => el,
            };
            let v = self.elem_value(ve, et);
            let a = self.b.add_imm(base, idx * esz);
            self.store_value(a, et, v);
            idx += 1;
        }
    }

    // ------------------------------------------------------------------------------------------
    // Function values.

    pub fn func_lit(&mut self, e: &'p Expr) -> Value {
        let captures = self
            .l
            .prog
            .info
            .captures
            .get(&e.id)
            .cloned()
            .unwrap_or_default();
        let name = self.new_closure(e, captures.clone());
        if captures.is_empty() {
            // gc turns a closure that captures nothing into a global function: its value is
            // the static funcval `name·f`, never an allocation ("closure converted to global").
            let fv = self.l.funcval_sym(&name);
            return Value::Flat(vec![self.b.sym_addr(&fv, 0)]);
        }
        let (fields, size, ptr_words) = self.l.closure_layout(e.id, &captures);
        let obj = if self.site_on_heap(e.id) {
            let mut tname = String::from("struct { F uintptr");
            for ((o, (_, bv)), i) in captures.iter().zip(&fields).zip(0..) {
                let t = self.l.prog.link_string(self.l.obj_type(*o));
                let star = if *bv { "" } else { "*" };
                tname.push_str(&format!("; X{i} {star}{t}"));
            }
            tname.push_str(" }");
            let typ_sym = self.l.types.synthetic(&tname, size, &ptr_words);
            let typ = self.b.sym_addr(&typ_sym, 0);
            self.b.ccall("runtime.newobject", vec![typ], &[Ty::I64])[0]
        } else {
            // "func literal does not escape": the closure object lives in this frame.
            let s = self.b.slot(size, 8);
            let a = self.b.slot_addr(s);
            self.b.memzero(a, size);
            a
        };
        let code = self.b.sym_addr(&name, 0);
        self.b.store(obj, 0, code);
        for (o, (off, by_value)) in captures.iter().zip(fields) {
            let t = self.l.obj_type(*o);
            let a = self.b.add_imm(obj, off as i64);
            if by_value {
                let p = self.var_place(*o);
                let v = self.load_place(&p, t);
                self.store_value(a, t, v);
                continue;
            }
            let addr = match self.var_place(*o) {
                Place::Addr(a) => a,
                _ => {
                    self.l.error(
                        e.pos,
                        "rgo: internal error: captured variable not in memory",
                    );
                    self.b.iconst(Ty::I64, 0)
                }
            };
            self.b.store(a, 0, addr);
        }
        Value::Flat(vec![obj])
    }

    pub fn method_value(&mut self, e: &'p Expr) -> Value {
        self.method_value_closure(e)
    }

    pub fn method_expr(&mut self, e: &'p Expr) -> Value {
        let prog = self.l.prog;
        let Some(s) = self.l.selection(e.id) else {
            return self.zero_value(self.type_of(e));
        };
        // `T.M`, `(*T).M` or `I.M`: the function whose first parameter is the receiver. When
        // that is not a declared method (value method through a pointer, promoted method,
        // interface method) it is the same wrapper that method tables use.
        let entry = prog
            .method_set(s.recv)
            .into_iter()
            .find(|m| m.func == s.obj || m.name == prog.obj(s.obj).name);
        let Some(entry) = entry else {
            self.l
                .error(e.pos, "rgo: method expression without a method");
            return self.zero_value(self.type_of(e));
        };
        let sym = self.l.types.method_symbol(prog, s.recv, &entry);
        let fv = self.l.funcval_sym(&sym);
        Value::Flat(vec![self.b.sym_addr(&fv, 0)])
    }

    // ------------------------------------------------------------------------------------------
    // Runtime type data.

    /// Address of the type descriptor of `t`.
    pub fn type_desc(&mut self, t: TypeId) -> Var {
        let sym = self.l.types.type_sym(self.l.prog, t);
        self.b.sym_addr(&sym, 0)
    }

    pub fn map_type_desc(&mut self, t: TypeId) -> Var {
        self.type_desc(t)
    }

    pub fn itab(&mut self, from: TypeId, to: TypeId) -> Var {
        let sym = self.l.types.itab_sym(self.l.prog, from, to);
        self.b.sym_addr(&sym, 0)
    }

    #[allow(dead_code)]
    fn float_is_nan(&mut self, v: Var) -> Var {
        self.b.fcmp(FCmp::Ne, v, v)
    }
}
