//! `defer`: the function value and arguments are evaluated at the statement, packed into a
//! closure, and registered with `runtime.deferproc` for the outer frame (see func.rs for how a
//! function with defers is split, and docs/abi.md "defer and recover").
//!
//! A deferred call without arguments of a func value or declared function is registered as that
//! funcval itself; anything else gets a thunk `outer.deferwrapN` (gc's name) whose closure holds
//! the evaluated callee and arguments.

use frontend::ast::{Expr, ExprKind};
use frontend::types::{Builtin, Mode, ObjKind, PkgId, SelectionKind, Type, TypeId};

use super::func::FnLower;
use super::value::Value;
use super::{Lowering, PendingBody};
use crate::ir::{Callee, Function, Inst, Terminator, Ty, Var};

/// What a thunk calls.
#[derive(Clone, Debug)]
pub enum BoundCallee {
    /// A function or method by symbol; all fields are arguments.
    Direct(String),
    /// A body-less function implemented in Rust (C convention); all fields are arguments.
    CFunc(String),
    /// Field 0 is a funcval.
    Value,
    /// Field 0 is an interface value whose method `name` is called.
    Iface {
        name: String,
        pkg: Option<PkgId>,
        sig: TypeId,
        iface: TypeId,
    },
    /// The print/println builtins over all fields.
    Print { newline: bool },
    /// `panic(field 0)` (an `any`).
    Panic,
    /// `close(field 0)`.
    Close,
    /// `delete(field 0, field 1)` (the key already converted to the map's key type).
    Delete,
    /// `copy(field 0, field 1)`.
    Copy,
    /// `recover()` called by the thunk itself. A thunk is a wrapper, so the runtime counts no
    /// frame for it: `defer recover()` run by a panic recovers nothing (no function between the
    /// panic and recover), while one run at the normal return of a deferred function recovers
    /// as if that function had called recover.
    Recover,
}

/// A thunk to generate: its callee and the types and offsets of the closure's fields.
#[derive(Clone, Debug)]
pub struct ThunkSpec {
    pub callee: BoundCallee,
    pub fields: Vec<(TypeId, u64)>,
    pub results: Vec<TypeId>,
    /// Source line of the `defer`/`go` statement, for the thunk's line table.
    pub line: u32,
}

/// Which statement a thunk serves (gc names them `outer.deferwrapN` / `outer.gowrapN`, numbered
/// with one counter per function).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum WrapKind {
    Defer,
    Go,
}

impl<'a, 'p> FnLower<'a, 'p> {
    /// `defer call`.
    pub fn defer_stmt(&mut self, call: &'p Expr) {
        let Some(fv) = self.bind_call(call, WrapKind::Defer) else {
            return;
        };
        if self.rf_defer(fv) {
            // In a range-over-func body: deferred for the enclosing function.
            return;
        }
        // The body's caller is always its outer half, so the saved frame pointer in this frame
        // is the outer frame's.
        let fp = self.b.var(Ty::I64);
        self.b.emit(Inst::FramePointer { dst: fp });
        let outer = self.b.load(Ty::I64, fp, 0);
        self.b.ccall("runtime.deferproc", vec![outer, fv], &[]);
    }

    /// Evaluates the callee and arguments of a deferred or `go` call now, as the spec requires,
    /// and returns a funcval (a `func()`) that performs the call later.
    pub fn bind_call(&mut self, call: &'p Expr, kind: WrapKind) -> Option<Var> {
        let prog = self.l.prog;
        let call = call.unparen();
        let ExprKind::Call {
            func,
            args,
            ellipsis,
            ..
        } = &call.kind
        else {
            self.l
                .error(call.pos, "rgo: defer requires a function call");
            return None;
        };
        let fu = func.unparen();
        let ftv = self.l.tv(fu.id);
        let mut fields: Vec<(Value, TypeId)> = Vec::new();
        let mut keep_uintptrs = false;
        let results: Vec<TypeId>;
        let callee = match ftv.as_ref().map(|t| t.mode) {
            Some(Mode::Builtin) => {
                let obj = match &fu.kind {
                    ExprKind::Ident(id) => prog.info.uses.get(&id.id).copied(),
                    _ => None,
                };
                let b = obj.and_then(|o| match prog.obj(o).kind {
                    ObjKind::Builtin(b) => Some(b),
                    _ => None,
                });
                results = vec![];
                match b {
                    Some(Builtin::Print) | Some(Builtin::Println) => {
                        for a in args {
                            let t = self.type_of(a);
                            let v = self.expr(a);
                            fields.push((self.snapshot(v, t), t));
                        }
                        BoundCallee::Print {
                            newline: b == Some(Builtin::Println),
                        }
                    }
                    Some(Builtin::Panic) => {
                        let t = self.type_of(&args[0]);
                        let v = self.expr(&args[0]);
                        let any = prog.any_type();
                        let v = self.convert_implicit(v, t, any);
                        fields.push((v, any));
                        BoundCallee::Panic
                    }
                    Some(Builtin::Close) if args.len() == 1 => {
                        let t = self.type_of(&args[0]);
                        let v = self.expr(&args[0]);
                        fields.push((v, t));
                        BoundCallee::Close
                    }
                    Some(Builtin::Recover) => BoundCallee::Recover,
                    Some(Builtin::Delete) | Some(Builtin::Copy) if args.len() == 2 => {
                        // Both operands are evaluated at the defer statement.
                        let is_delete = b == Some(Builtin::Delete);
                        let t0 = self.type_of(&args[0]);
                        let v0 = self.expr(&args[0]);
                        let v0 = self.snapshot(v0, t0);
                        let t1 = self.type_of(&args[1]);
                        let v1 = self.expr(&args[1]);
                        let (v1, t1) = match prog.ty(prog.underlying(t0)) {
                            Type::Map(k, _) if is_delete => {
                                let k = *k;
                                (self.convert_implicit(v1, t1, k), k)
                            }
                            _ => (v1, t1),
                        };
                        let v1 = self.snapshot(v1, t1);
                        fields.push((v0, t0));
                        fields.push((v1, t1));
                        if is_delete {
                            BoundCallee::Delete
                        } else {
                            BoundCallee::Copy
                        }
                    }
                    _ => {
                        self.l
                            .error(call.pos, "rgo: deferring this builtin is not supported yet");
                        return None;
                    }
                }
            }
            _ => {
                let fty = ftv.map(|t| t.typ).unwrap_or_else(|| self.type_of(fu));
                let Type::Func(sig) = prog.ty(prog.underlying(fty)).clone() else {
                    self.l
                        .error(call.pos, "rgo: deferred call of a non-function");
                    return None;
                };
                results = sig.results.clone();
                let sel = self.l.selection(fu.id);
                match (&fu.kind, sel) {
                    (ExprKind::Selector { x, sel: sel_ident }, Some(s))
                        if s.kind == SelectionKind::MethodVal =>
                    {
                        if self.is_interface(self.type_of(x))
                            || self.holder_is_interface(x, &s.index)
                        {
                            let (iv, it) = if s.index.is_empty() {
                                let xt = self.type_of(x);
                                let v = self.expr(x);
                                (self.snapshot(v, xt), xt)
                            } else {
                                self.embedded_value(x, &s.index)
                            };
                            // A nil interface panics at the statement (the method lookup is part
                            // of evaluating the function value), with gc's signal line: a load
                            // through the nil itab faults.
                            let tab = self.to_flat(iv.clone(), it)[0];
                            self.b.load(Ty::I64, tab, 0);
                            fields.push((iv, it));
                            fields.extend(self.call_args(args, &sig, ellipsis.is_some()));
                            let o = prog.obj(s.obj);
                            BoundCallee::Iface {
                                name: o.name.clone(),
                                pkg: o.pkg,
                                sig: self.iface_method_sig(it, s.obj),
                                iface: it,
                            }
                        } else {
                            let recv = self.method_receiver(x, &s.index, s.obj);
                            let holder = self.selection_holder(s.recv, &s.index);
                            let (sym, rt, _) =
                                self.l
                                    .method_target_at(s.obj, holder, sel_ident.id, call.pos);
                            fields.push((recv, rt));
                            keep_uintptrs = self.l.uintptr_escapes.contains(&s.obj);
                            self.keep_uintptrs = keep_uintptrs;
                            fields.extend(self.call_args(args, &sig, ellipsis.is_some()));
                            self.keep_uintptrs = false;
                            BoundCallee::Direct(sym)
                        }
                    }
                    _ if self.generic_func_ref(fu).is_some() => {
                        let (o, id) = self.generic_func_ref(fu)?;
                        let sym = self.l.generic_func_symbol(o, id, call.pos);
                        if sig.params.is_empty() && sig.results.is_empty() {
                            let fv = self.l.funcval_sym(&sym);
                            return Some(self.b.sym_addr(&fv, 0));
                        }
                        fields.extend(self.call_args(args, &sig, ellipsis.is_some()));
                        BoundCallee::Direct(sym)
                    }
                    _ => {
                        let direct = match &fu.kind {
                            ExprKind::Ident(id) => prog.info.uses.get(&id.id).copied(),
                            ExprKind::Selector { sel, .. } => prog.info.uses.get(&sel.id).copied(),
                            _ => None,
                        }
                        .filter(|o| self.is_func_obj(*o));
                        // A `func()` needs no thunk: its funcval is the deferred call.
                        let plain = sig.params.is_empty() && sig.results.is_empty();
                        match direct {
                            Some(o) if self.is_rust_runtime_func(o) => {
                                let sym = self.l.func_symbol(o);
                                fields.extend(self.call_args(args, &sig, ellipsis.is_some()));
                                BoundCallee::CFunc(sym)
                            }
                            Some(o) => {
                                let sym = self.l.func_symbol(o);
                                if plain {
                                    let fv = self.l.funcval_sym(&sym);
                                    return Some(self.b.sym_addr(&fv, 0));
                                }
                                keep_uintptrs = self.l.uintptr_escapes.contains(&o);
                                self.keep_uintptrs = keep_uintptrs;
                                fields.extend(self.call_args(args, &sig, ellipsis.is_some()));
                                self.keep_uintptrs = false;
                                BoundCallee::Direct(sym)
                            }
                            None => {
                                let fv = self.expr(fu);
                                let fv = fv.scalar().unwrap_or_else(|| self.b.iconst(Ty::I64, 0));
                                if plain {
                                    return Some(fv);
                                }
                                fields.push((Value::Flat(vec![fv]), fty));
                                fields.extend(self.call_args(args, &sig, ellipsis.is_some()));
                                BoundCallee::Value
                            }
                        }
                    }
                }
            }
        };
        // The closure: {F thunk, fields...}.
        let mut off = 8u64;
        let mut layout = Vec::new();
        let mut ptr_words = Vec::new();
        for (_, t) in &fields {
            let lay = self.l.lay.of(*t);
            off = crate::layout::round_up(off, lay.align);
            layout.push((*t, off));
            ptr_words.extend(lay.ptr_words.iter().map(|w| off + w));
            if keep_uintptrs && self.is_uintptr(*t) {
                ptr_words.push(off);
            }
            off += lay.size;
        }
        let size = crate::layout::round_up(off, 8);
        self.defer_count += 1;
        let word = match kind {
            WrapKind::Defer => "deferwrap",
            WrapKind::Go => "gowrap",
        };
        let name = format!("{}.{word}{}", self.closure_base, self.defer_count);
        let tsym = self
            .l
            .types
            .synthetic(&format!("{name}·closure"), size, &ptr_words);
        let typ = self.b.sym_addr(&tsym, 0);
        let obj = self.b.ccall("runtime.newobject", vec![typ], &[Ty::I64])[0];
        let code = self.b.sym_addr(&name, 0);
        self.b.store(obj, 0, code);
        for ((v, t), (_, o)) in fields.into_iter().zip(&layout) {
            let a = self.b.add_imm(obj, *o as i64);
            self.store_value(a, t, v);
        }
        self.l.pending.push(PendingBody::Thunk {
            name,
            spec: ThunkSpec {
                callee,
                fields: layout,
                results,
                line: self.line_of(call.pos),
            },
            inst: self.l.inst,
        });
        Some(obj)
    }

    /// Generates a thunk: loads the closure's fields and performs the bound call.
    pub fn lower_thunk(l: &'a mut Lowering<'p>, name: String, spec: ThunkSpec) -> Option<Function> {
        let prog = l.prog;
        let mut f = FnLower::new(l, name.clone(), frontend::ast::Pos::NONE, name, true);
        f.b.func.global = false;
        f.b.func.func_id = 23;
        f.incoming_params(&[], &[]);
        f.b.line(spec.line);
        let mut vals: Vec<(Value, TypeId)> = Vec::new();
        for (t, off) in &spec.fields {
            let a = f.b.add_imm(f.ctx, *off as i64);
            let v = f.load_value(a, *t);
            vals.push((f.snapshot(v, *t), *t));
        }
        match spec.callee {
            BoundCallee::Direct(sym) => {
                let ptypes: Vec<TypeId> = vals.iter().map(|v| v.1).collect();
                let ctx = f.b.iconst(Ty::I64, 0);
                f.emit_go_call(Callee::Direct(sym), ctx, &ptypes, vals, &spec.results);
            }
            BoundCallee::CFunc(sym) => {
                f.emit_c_call(&sym, vals, &spec.results);
            }
            BoundCallee::Value => {
                let mut it = vals.into_iter();
                let (fv, ft) = it.next()?;
                let fv = f.to_flat(fv, ft)[0];
                let code = f.b.load(Ty::I64, fv, 0);
                let rest: Vec<(Value, TypeId)> = it.collect();
                let ptypes: Vec<TypeId> = rest.iter().map(|v| v.1).collect();
                f.emit_go_call(Callee::Indirect(code), fv, &ptypes, rest, &spec.results);
            }
            BoundCallee::Iface {
                name,
                pkg,
                sig,
                iface,
            } => {
                let mut it = vals.into_iter();
                let (iv, _) = it.next()?;
                let rest: Vec<(Value, TypeId)> = it.collect();
                f.iface_call_value(iv, iface, &name, pkg, sig, rest, &spec.results);
            }
            BoundCallee::Print { newline } => {
                f.b.ccall("runtime.printlock", vec![], &[]);
                for (i, (v, t)) in vals.into_iter().enumerate() {
                    if newline && i > 0 {
                        f.b.ccall("runtime.printsp", vec![], &[]);
                    }
                    f.print_value(v, t);
                }
                if newline {
                    f.b.ccall("runtime.printnl", vec![], &[]);
                }
                f.b.ccall("runtime.printunlock", vec![], &[]);
            }
            BoundCallee::Panic => {
                let any = prog.any_type();
                let (v, _) = vals.into_iter().next()?;
                let w = f.to_flat(v, any);
                f.b.ccall_noreturn("runtime.gopanic", vec![w[0], w[1]]);
            }
            BoundCallee::Close => {
                if let Some((v, t)) = vals.into_iter().next() {
                    let c = f.to_flat(v, t)[0];
                    f.b.ccall("runtime.closechan", vec![c], &[]);
                }
            }
            BoundCallee::Delete => {
                let mut it = vals.into_iter();
                let ((m, mt), (k, kt)) = (it.next()?, it.next()?);
                let m = f.to_flat(m, mt)[0];
                let ka = f.value_addr(k, kt);
                let desc = f.map_type_desc(mt);
                f.b.ccall("runtime.mapdelete", vec![desc, m, ka], &[]);
            }
            BoundCallee::Copy => {
                let mut it = vals.into_iter();
                let ((d, dt), (s, st)) = (it.next()?, it.next()?);
                f.copy_values(d, dt, s, st);
            }
            BoundCallee::Recover => {
                let fp = f.b.var(Ty::I64);
                f.b.emit(Inst::FramePointer { dst: fp });
                f.b.ccall("runtime.gorecover", vec![fp], &[Ty::I64, Ty::I64]);
            }
        }
        f.b.terminate(Terminator::Return(vec![]));
        Some(f.b.finish())
    }
}
