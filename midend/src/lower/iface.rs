//! Interfaces: method wrappers, dynamic calls through itabs, interface conversions, type
//! assertions, type switches and method values.

use frontend::ast::{self, Expr, ExprKind, Pos};
use frontend::types::{BasicKind, MethodSetEntry, ObjId, ObjKind, Type, TypeId};

use super::Lowering;
use super::func::{FnLower, LoopTarget};
use super::value::{Place, Value};
use crate::ir::{Callee, Cmp, Function, Terminator, Ty, Var};
use crate::typedata::is_direct_iface;

/// A `-fm` wrapper to generate: the code of a method value.
#[derive(Clone, Debug)]
pub struct FmWrapper {
    /// The method (a Func object, or an interface method object).
    pub method: ObjId,
    /// Type of the receiver stored in the closure (the method's receiver type, or the interface).
    pub recv: TypeId,
    /// Method signature without receiver.
    pub sig: TypeId,
    /// Dispatch through the itab of an interface receiver.
    pub via_iface: bool,
    /// The symbol of the method's code (direct calls).
    pub code: String,
}

impl<'a, 'p> FnLower<'a, 'p> {
    /// Generates a method wrapper: `main.(*T).M` for a value method `M` of `T`, or a promoted
    /// method of a type embedding the method's holder.
    pub fn lower_method_wrapper(
        l: &'a mut Lowering<'p>,
        name: String,
        recv: TypeId,
        m: MethodSetEntry,
    ) -> Option<Function> {
        let prog = l.prog;
        let Type::Func(sig) = prog.ty(m.sig).clone() else {
            return None;
        };
        let mut f = FnLower::new(l, name.clone(), Pos::NONE, name, false);
        f.b.func.global = false;
        f.b.func.func_id = 23;
        let mut ptypes = vec![recv];
        ptypes.extend(sig.params.iter().copied());
        let incoming = f.incoming_params(&ptypes, &sig.results);
        let mut incoming = incoming.into_iter();
        let rv = incoming.next()?;
        let args: Vec<(Value, TypeId)> = incoming.zip(sig.params.iter().copied()).collect();
        let is_ptr = matches!(prog.ty(recv), Type::Pointer(_));
        // A value method reached through a nil pointer: gc's wrappers call panicwrap.
        if is_ptr && m.index.is_empty() && !m.ptr_recv {
            let p = rv.scalar().unwrap_or_else(|| f.b.iconst(Ty::I64, 0));
            f.nil_check_with(p, "runtime.panicwrap");
        }
        let results = f.call_method_from(rv, recv, &m, args, &sig.results);
        f.emit_return(results);
        Some(f.b.finish())
    }

    /// Calls method `m` (of the method set of `recv_t`) on receiver value `rv`, walking embedded
    /// fields, inserting `&`/`*`, or dispatching through an embedded interface.
    fn call_method_from(
        &mut self,
        rv: Value,
        recv_t: TypeId,
        m: &MethodSetEntry,
        args: Vec<(Value, TypeId)>,
        results: &[TypeId],
    ) -> Vec<Value> {
        let prog = self.l.prog;
        // The current location: either an address of a `cur_t` value, or a value.
        enum Loc {
            Addr(Var),
            Val(Value),
        }
        let mut cur_t = recv_t;
        let mut loc = Loc::Val(rv);
        for &fi in &m.index {
            if let Type::Pointer(e) = prog.ty(prog.underlying(cur_t)) {
                let e = *e;
                let p = match loc {
                    Loc::Val(v) => self.to_flat(v, cur_t)[0],
                    Loc::Addr(a) => self.b.load(Ty::I64, a, 0),
                };
                loc = Loc::Addr(p);
                cur_t = e;
            }
            let (ft, off) = match prog.ty(prog.underlying(cur_t)) {
                Type::Struct(fs) => match fs.get(fi as usize) {
                    Some(f) => (f.typ, self.l.lay.field_offsets(cur_t)[fi as usize] as i64),
                    None => return vec![],
                },
                _ => return vec![],
            };
            loc = match loc {
                Loc::Addr(a) => Loc::Addr(self.b.add_imm(a, off)),
                Loc::Val(v) => {
                    let a = self.value_addr(v, cur_t);
                    Loc::Addr(self.b.add_imm(a, off))
                }
            };
            cur_t = ft;
        }
        let holder = cur_t;
        let load = |f: &mut Self, loc: Loc, t: TypeId| -> Value {
            match loc {
                Loc::Val(v) => v,
                Loc::Addr(a) => {
                    let v = f.load_value(a, t);
                    f.snapshot(v, t)
                }
            }
        };
        if m.via_interface {
            let iv = load(self, loc, holder);
            return self.iface_call_value(iv, holder, &m.name, m.pkg, m.sig, args, results);
        }
        let holder_is_ptr = matches!(prog.ty(prog.underlying(holder)), Type::Pointer(_));
        let (recv_val, recv_param_t) = if m.ptr_recv {
            let p = if holder_is_ptr {
                let v = load(self, loc, holder);
                self.to_flat(v, holder)[0]
            } else {
                match loc {
                    Loc::Addr(a) => a,
                    Loc::Val(v) => self.value_addr(v, holder),
                }
            };
            let pt = crate::typedata::find_pointer_type(prog, holder).unwrap_or(holder);
            (Value::Flat(vec![p]), pt)
        } else if holder_is_ptr {
            let v = load(self, loc, holder);
            let p = self.to_flat(v, holder)[0];
            let et = self.pointer_elem(holder);
            let v = self.load_value(p, et);
            (self.snapshot(v, et), et)
        } else {
            (load(self, loc, holder), holder)
        };
        let mut vals = vec![(recv_val, recv_param_t)];
        vals.extend(args);
        let mut ptypes = vec![recv_param_t];
        if let Type::Func(s) = prog.ty(m.sig) {
            ptypes.extend(s.params.iter().copied());
        }
        let (sym, _, _) = self.l.method_target(m.func, holder);
        let ctx = self.b.iconst(Ty::I64, 0);
        self.emit_go_call(Callee::Direct(sym), ctx, &ptypes, vals, results)
    }

    /// `if p == nil { fname() }` for a runtime function that does not return.
    pub fn nil_check_with(&mut self, p: Var, fname: &str) {
        let zero = self.b.iconst(Ty::I64, 0);
        let isnil = self.b.icmp(Cmp::Eq, p, zero);
        let bad = self.b.block();
        let good = self.b.block();
        self.b.branch(isnil, bad, good);
        self.b.switch_to(bad);
        self.b.ccall_noreturn(fname, vec![]);
        self.b.switch_to(good);
    }

    /// Records a fact for the linker's method dead-code pass about the function being lowered
    /// (once per function and fact).
    pub fn mark(&mut self, kind: crate::ir::MarkKind) {
        let m = crate::ir::Mark {
            func: self.b.func.name.clone(),
            kind,
        };
        // A function's marks are pushed one after another: look back only over them.
        let seen = self
            .l
            .module
            .marks
            .iter()
            .rev()
            .take_while(|x| x.func == m.func)
            .any(|x| *x == m);
        if !seen {
            self.l.module.marks.push(m);
        }
    }

    /// Index of method `name` in interface `it`'s (sorted) method list.
    fn imethod_index(&self, it: TypeId, name: &str, pkg: Option<frontend::types::PkgId>) -> usize {
        match self.l.prog.ty(self.l.prog.underlying(it)) {
            Type::Interface(i) => i
                .methods
                .iter()
                .position(|m| m.name == name && (m.pkg == pkg || m.pkg.is_none() || pkg.is_none()))
                .unwrap_or(0),
            _ => 0,
        }
    }

    /// Calls method `name` on interface value `iv` of type `it` through its itab.
    #[allow(clippy::too_many_arguments)]
    pub fn iface_call_value(
        &mut self,
        iv: Value,
        it: TypeId,
        name: &str,
        pkg: Option<frontend::types::PkgId>,
        sig: TypeId,
        args: Vec<(Value, TypeId)>,
        results: &[TypeId],
    ) -> Vec<Value> {
        let prog = self.l.prog;
        self.mark(crate::ir::MarkKind::UseIfaceMethod {
            name: name.to_string(),
            sig: format!("type:{}", prog.link_string(sig)),
        });
        let f = self.to_flat(iv, it);
        let (tab, data) = (f[0], f[1]);
        let idx = self.imethod_index(it, name, pkg);
        // A nil interface has a nil itab: the load faults and becomes gc's nil-dereference panic.
        let code = self.b.load(Ty::I64, tab, 24 + 8 * idx as i64);
        let uptr = prog.basic(BasicKind::UnsafePointer);
        let mut ptypes = vec![uptr];
        if let Type::Func(s) = prog.ty(sig) {
            ptypes.extend(s.params.iter().copied());
        }
        let mut vals = vec![(Value::Flat(vec![data]), uptr)];
        vals.extend(args);
        let ctx = self.b.iconst(Ty::I64, 0);
        self.emit_go_call(Callee::Indirect(code), ctx, &ptypes, vals, results)
    }

    /// The value of the embedded field at the end of `path` from `x` (for calls of methods
    /// promoted from embedded interfaces).
    pub fn embedded_value(&mut self, x: &'p Expr, path: &[u32]) -> (Value, TypeId) {
        let prog = self.l.prog;
        let xt = self.type_of(x);
        let mut cur_t = xt;
        let xv = self.expr(x);
        let mut addr = self.value_addr(xv, xt);
        let mut first = true;
        for &fi in path {
            if let Type::Pointer(e) = prog.ty(prog.underlying(cur_t)) {
                let e = *e;
                addr = self.b.load(Ty::I64, addr, 0);
                cur_t = e;
            }
            let _ = first;
            first = false;
            let (ft, off) = match prog.ty(prog.underlying(cur_t)) {
                Type::Struct(fs) => match fs.get(fi as usize) {
                    Some(f) => (f.typ, self.l.lay.field_offsets(cur_t)[fi as usize] as i64),
                    None => break,
                },
                _ => break,
            };
            addr = self.b.add_imm(addr, off);
            cur_t = ft;
        }
        let v = self.load_value(addr, cur_t);
        (self.snapshot(v, cur_t), cur_t)
    }

    /// The signature (without receiver) of a method object.
    pub fn method_sig(&self, m: ObjId) -> TypeId {
        self.l.prog.obj(m).typ
    }

    /// The signature of interface method `m` in interface type `it` (an instance of a generic
    /// interface has its methods' signatures substituted; the method object keeps the generic
    /// one).
    pub fn iface_method_sig(&self, it: TypeId, m: ObjId) -> TypeId {
        let prog = self.l.prog;
        let name = &prog.obj(m).name;
        if let Type::Interface(i) = prog.ty(prog.underlying(it))
            && let Some(im) = i.methods.iter().find(|x| &x.name == name)
        {
            return im.sig;
        }
        self.method_sig(m)
    }

    /// Converts between interface types (the source's dynamic type implements the target).
    pub fn iface_to_iface(&mut self, v: Value, from: TypeId, to: TypeId) -> Value {
        let f = self.to_flat(v, from);
        let typ = if self.is_empty_interface(from) {
            f[0]
        } else {
            self.itab_type(f[0])
        };
        if self.is_empty_interface(to) {
            return Value::Flat(vec![typ, f[1]]);
        }
        // A nil source stays nil; otherwise look up (or build) the itab.
        let res = self.b.var(Ty::I64);
        let zero = self.b.iconst(Ty::I64, 0);
        self.emit_copy(res, zero);
        let isnil = self.b.icmp(Cmp::Eq, typ, zero);
        let conv = self.b.block();
        let done = self.b.block();
        self.b.branch(isnil, done, conv);
        self.b.switch_to(conv);
        let inter = self.type_desc(to);
        let no = self.b.iconst(Ty::I8, 0);
        let tab = self
            .b
            .ccall("runtime.getitab", vec![inter, typ, no], &[Ty::I64])[0];
        self.emit_copy(res, tab);
        self.b.jump(done);
        self.b.switch_to(done);
        Value::Flat(vec![res, f[1]])
    }

    /// The dynamic type of a non-empty interface from its itab word (nil for a nil itab).
    pub fn itab_type(&mut self, tab: Var) -> Var {
        let res = self.b.var(Ty::I64);
        let zero = self.b.iconst(Ty::I64, 0);
        self.emit_copy(res, zero);
        let isnil = self.b.icmp(Cmp::Eq, tab, zero);
        let load = self.b.block();
        let done = self.b.block();
        self.b.branch(isnil, done, load);
        self.b.switch_to(load);
        let t = self.b.load(Ty::I64, tab, 8);
        self.emit_copy(res, t);
        self.b.jump(done);
        self.b.switch_to(done);
        res
    }

    /// Storage for a value of type `t` that is assigned in several branches.
    fn temp_place(&mut self, t: TypeId) -> Place {
        let lay = self.l.lay.of(t);
        if lay.flat {
            Place::Regs(lay.scalars.iter().map(|(_, ty)| self.b.var(*ty)).collect())
        } else {
            let s = self.b.slot(lay.size, lay.align);
            Place::Addr(self.b.slot_addr(s))
        }
    }

    /// The value of dynamic type `t` held in an interface data word.
    fn unbox(&mut self, data: Var, t: TypeId) -> Value {
        if is_direct_iface(&self.l.lay, t) {
            Value::Flat(vec![data])
        } else {
            let v = self.load_value(data, t);
            self.snapshot(v, t)
        }
    }

    /// `x.(T)`; with `comma_ok` also the success flag.
    pub fn type_assert(&mut self, e: &'p Expr, comma_ok: bool) -> Vec<Value> {
        let ExprKind::TypeAssert {
            x, typ: Some(te), ..
        } = &e.kind
        else {
            return vec![];
        };
        let xt = self.type_of(x);
        let tt = self.type_of(te);
        let xv = self.expr(x);
        let f = self.to_flat(xv, xt);
        let (w0, data) = (f[0], f[1]);
        let empty_src = self.is_empty_interface(xt);
        if !self.is_interface(tt) {
            let want = self.type_desc(tt);
            let ok = if empty_src {
                self.b.icmp(Cmp::Eq, w0, want)
            } else {
                let tab = self.itab(tt, xt);
                self.b.icmp(Cmp::Eq, w0, tab)
            };
            let res = self.temp_place(tt);
            let yes = self.b.block();
            let no = self.b.block();
            let done = self.b.block();
            self.b.branch(ok, yes, no);
            self.b.switch_to(yes);
            let v = self.unbox(data, tt);
            self.store_place(&res, tt, v);
            self.b.jump(done);
            self.b.switch_to(no);
            if comma_ok {
                let z = self.zero_value(tt);
                self.store_place(&res, tt, z);
                self.b.jump(done);
            } else {
                let iface = self.type_desc(xt);
                let name = if empty_src {
                    "runtime.panicdottypeE"
                } else {
                    "runtime.panicdottypeI"
                };
                self.b.ccall_noreturn(name, vec![w0, want, iface]);
            }
            self.b.switch_to(done);
            let v = self.load_place(&res, tt);
            return if comma_ok {
                vec![v, Value::Flat(vec![ok])]
            } else {
                vec![v]
            };
        }
        // Assertion to an interface type.
        let typ = if empty_src { w0 } else { self.itab_type(w0) };
        let zero = self.b.iconst(Ty::I64, 0);
        if self.is_empty_interface(tt) {
            let ok = self.b.icmp(Cmp::Ne, typ, zero);
            if !comma_ok {
                let good = self.b.block();
                let bad = self.b.block();
                self.b.branch(ok, good, bad);
                self.b.switch_to(bad);
                let want = self.type_desc(tt);
                self.b.ccall_noreturn("runtime.panicnildottype", vec![want]);
                self.b.switch_to(good);
                return vec![Value::Flat(vec![typ, data])];
            }
            let d = self.b.select(ok, data, zero);
            return vec![Value::Flat(vec![typ, d]), Value::Flat(vec![ok])];
        }
        let inter = self.type_desc(tt);
        if comma_ok {
            let tab = self
                .b
                .ccall("runtime.assertE2I2", vec![inter, typ], &[Ty::I64])[0];
            let ok = self.b.icmp(Cmp::Ne, tab, zero);
            let d = self.b.select(ok, data, zero);
            vec![Value::Flat(vec![tab, d]), Value::Flat(vec![ok])]
        } else {
            let tab = self
                .b
                .ccall("runtime.assertE2I", vec![inter, typ], &[Ty::I64])[0];
            vec![Value::Flat(vec![tab, data])]
        }
    }

    /// `switch [init;] [v :=] x.(type) { ... }`.
    pub fn type_switch(
        &mut self,
        init: Option<&'p ast::Stmt>,
        bind: Option<&'p ast::Ident>,
        x: &'p Expr,
        clauses: &'p [ast::CaseClause],
    ) {
        let prog = self.l.prog;
        let label = self.pending_label.take();
        if let Some(i) = init {
            self.stmt(i);
        }
        let xt = self.type_of(x);
        let xv = self.expr(x);
        let f = self.to_flat(xv, xt);
        let (w0, data) = (f[0], f[1]);
        let empty_src = self.is_empty_interface(xt);
        let typ = if empty_src { w0 } else { self.itab_type(w0) };
        let zero = self.b.iconst(Ty::I64, 0);
        let done = self.b.block();
        let bodies: Vec<_> = clauses.iter().map(|_| self.b.block()).collect();
        let mut default = None;
        for (i, c) in clauses.iter().enumerate() {
            if c.is_default {
                default = Some(bodies[i]);
                continue;
            }
            for ce in &c.exprs {
                let ct = self.type_of(ce);
                let hit = if self.is_nil_case(ce) {
                    self.b.icmp(Cmp::Eq, typ, zero)
                } else if self.is_interface(ct) {
                    if self.is_empty_interface(ct) {
                        self.b.icmp(Cmp::Ne, typ, zero)
                    } else {
                        let inter = self.type_desc(ct);
                        let tab = self
                            .b
                            .ccall("runtime.assertE2I2", vec![inter, typ], &[Ty::I64])[0];
                        self.b.icmp(Cmp::Ne, tab, zero)
                    }
                } else {
                    let want = self.type_desc(ct);
                    self.b.icmp(Cmp::Eq, typ, want)
                };
                let next = self.b.block();
                self.b.branch(hit, bodies[i], next);
                self.b.switch_to(next);
            }
        }
        self.b.jump(default.unwrap_or(done));
        self.targets.push(LoopTarget {
            label,
            brk: done,
            cont: None,
        });
        for (i, c) in clauses.iter().enumerate() {
            self.b.switch_to(bodies[i]);
            self.b.reset_line();
            if bind.is_some()
                && let Some(&o) = prog.info.implicits.get(&c.implicit_id)
            {
                let ot = self.l.obj_type(o);
                let single = c.exprs.len() == 1 && !self.is_nil_case(&c.exprs[0]);
                let v = if single && !self.is_interface(ot) {
                    self.unbox(data, ot)
                } else if single {
                    let src = Value::Flat(vec![w0, data]);
                    self.iface_to_iface(src, xt, ot)
                } else {
                    Value::Flat(vec![w0, data])
                };
                self.declare_local(o, ot, Some(v));
            }
            self.block(&c.body);
            self.b.jump(done);
        }
        self.targets.pop();
        self.b.switch_to(done);
        self.b.reset_line();
    }

    fn is_nil_case(&self, e: &Expr) -> bool {
        let prog = self.l.prog;
        match &e.unparen().kind {
            ExprKind::Ident(id) => prog
                .info
                .uses
                .get(&id.id)
                .is_some_and(|o| matches!(prog.obj(*o).kind, ObjKind::Nil)),
            _ => false,
        }
    }

    /// `x.M` as a value: a closure `{M-fm, receiver}`.
    pub fn method_value_closure(&mut self, e: &'p Expr) -> Value {
        let prog = self.l.prog;
        let ExprKind::Selector { x, sel } = &e.kind else {
            return Value::Flat(vec![]);
        };
        let Some(s) = self.l.selection(e.id) else {
            return Value::Flat(vec![]);
        };
        let xt = self.type_of(x);
        let via_iface = self.is_interface(xt) || self.holder_is_interface(x, &s.index);
        let holder = self.selection_holder(s.recv, &s.index);
        let (code, code_recv, code_sig) = if via_iface {
            (String::new(), xt, xt)
        } else {
            self.l.method_target_at(s.obj, holder, sel.id, e.pos)
        };
        let (recv_v, recv_t) = if via_iface {
            let (iv, it) = if s.index.is_empty() {
                (self.expr(x), xt)
            } else {
                self.embedded_value(x, &s.index)
            };
            // gc checks the interface when the method value is made, not when it is called.
            let iv = self.snapshot(iv, it);
            let tab = self.to_flat(iv.clone(), it)[0];
            self.nil_check_with(tab, "runtime.panicmem");
            (iv, it)
        } else {
            let v = self.method_receiver(x, &s.index, s.obj);
            (v, code_recv)
        };
        let sig = if via_iface {
            self.iface_method_sig(recv_t, s.obj)
        } else {
            code_sig
        };
        let base = if via_iface {
            let iname = match prog.ty(recv_t) {
                Type::Named(n) => {
                    let o = prog.obj(n.obj);
                    let p = o
                        .pkg
                        .map(|p| super::symbol_prefix(&prog.package(p).path))
                        .unwrap_or_default();
                    format!("{p}.{}", o.name)
                }
                _ => prog.link_string(recv_t),
            };
            format!("{iname}.{}", prog.obj(s.obj).name)
        } else {
            code.clone()
        };
        let fm = format!("{base}-fm");
        self.l.fm_wrappers.entry(fm.clone()).or_insert(FmWrapper {
            method: s.obj,
            recv: recv_t,
            sig,
            via_iface,
            code,
        });
        // The closure object: {F, receiver} with the receiver at offset 8.
        let rl = self.l.lay.of(recv_t);
        let roff = crate::layout::round_up(8, rl.align);
        let size = crate::layout::round_up(roff + rl.size, 8);
        let ptr_words: Vec<u64> = rl.ptr_words.iter().map(|w| roff + w).collect();
        let typ_sym = self.l.types.synthetic(
            &format!("struct {{ F uintptr; R {} }}", prog.link_string(recv_t)),
            size,
            &ptr_words,
        );
        let typ = self.b.sym_addr(&typ_sym, 0);
        let obj = self.b.ccall("runtime.newobject", vec![typ], &[Ty::I64])[0];
        let code = self.b.sym_addr(&fm, 0);
        self.b.store(obj, 0, code);
        let ra = self.b.add_imm(obj, roff as i64);
        self.store_value(ra, recv_t, recv_v);
        Value::Flat(vec![obj])
    }

    /// Generates a `-fm` wrapper: loads the receiver from the closure and calls the method.
    pub fn lower_fm_wrapper(
        l: &'a mut Lowering<'p>,
        name: String,
        w: FmWrapper,
    ) -> Option<Function> {
        let prog = l.prog;
        let Type::Func(sig) = prog.ty(w.sig).clone() else {
            return None;
        };
        let mut f = FnLower::new(l, name.clone(), Pos::NONE, name, true);
        f.b.func.global = false;
        f.b.func.func_id = 23;
        let args: Vec<(Value, TypeId)> = f
            .incoming_params(&sig.params, &sig.results)
            .into_iter()
            .zip(sig.params.iter().copied())
            .collect();
        let rl = f.l.lay.of(w.recv);
        let roff = crate::layout::round_up(8, rl.align) as i64;
        let ra = f.b.add_imm(f.ctx, roff);
        let rv = f.load_value(ra, w.recv);
        let rv = f.snapshot(rv, w.recv);
        let results = if w.via_iface {
            let obj = prog.obj(w.method);
            let (name, pkg) = (obj.name.clone(), obj.pkg);
            f.iface_call_value(rv, w.recv, &name, pkg, w.sig, args, &sig.results)
        } else {
            let mut ptypes = vec![w.recv];
            ptypes.extend(sig.params.iter().copied());
            let mut vals = vec![(rv, w.recv)];
            vals.extend(args);
            let sym = w.code.clone();
            let ctx = f.b.iconst(Ty::I64, 0);
            f.emit_go_call(Callee::Direct(sym), ctx, &ptypes, vals, &sig.results)
        };
        f.emit_return(results);
        let _ = Terminator::Unreachable;
        Some(f.b.finish())
    }
}
