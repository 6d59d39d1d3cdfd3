//! Type identity, substitution, instantiation of generic types and functions, and function
//! argument type inference.

use std::collections::HashMap;

use super::check::{Checker, MAX_DEPTH, expr_string};
use super::expr::{OpMode, Operand, start_pos};
use super::infer::{InferArg, InferError};
use super::*;
use crate::ast::{Expr, ExprKind};

/// Structural type identity (Go spec "Type identity").
pub(crate) fn identical(tt: &TypeTable, a: TypeId, b: TypeId, depth: u32) -> bool {
    if a == b {
        return true;
    }
    if depth > 64 {
        return false;
    }
    let d = depth + 1;
    let all = |x: &[TypeId], y: &[TypeId]| {
        x.len() == y.len() && x.iter().zip(y).all(|(p, q)| identical(tt, *p, *q, d))
    };
    match (tt.get(a), tt.get(b)) {
        (Type::Pointer(x), Type::Pointer(y)) | (Type::Slice(x), Type::Slice(y)) => {
            identical(tt, *x, *y, d)
        }
        (Type::Array(x, n), Type::Array(y, m)) => n == m && identical(tt, *x, *y, d),
        (Type::Map(k1, v1), Type::Map(k2, v2)) => {
            identical(tt, *k1, *k2, d) && identical(tt, *v1, *v2, d)
        }
        (Type::Chan(d1, x), Type::Chan(d2, y)) => d1 == d2 && identical(tt, *x, *y, d),
        (Type::Func(s1), Type::Func(s2)) => {
            s1.variadic == s2.variadic
                && all(&s1.params, &s2.params)
                && all(&s1.results, &s2.results)
        }
        (Type::Tuple(x), Type::Tuple(y)) => all(x, y),
        (Type::Struct(f1), Type::Struct(f2)) => {
            f1.len() == f2.len()
                && f1.iter().zip(f2).all(|(x, y)| {
                    x.name == y.name
                        && x.pkg == y.pkg
                        && x.embedded == y.embedded
                        && x.tag == y.tag
                        && identical(tt, x.typ, y.typ, d)
                })
        }
        (Type::Interface(i1), Type::Interface(i2)) => {
            i1.comparable == i2.comparable
                && i1.terms == i2.terms
                && i1.methods.len() == i2.methods.len()
                && i1.methods.iter().all(|m| {
                    i2.methods.iter().any(|n| {
                        n.name == m.name && n.pkg == m.pkg && identical(tt, n.sig, m.sig, d)
                    })
                })
        }
        (Type::Named(n1), Type::Named(n2)) => match (n1.origin, n2.origin) {
            (Some(o1), Some(o2)) => o1 == o2 && all(&n1.type_args, &n2.type_args),
            _ => false,
        },
        _ => false,
    }
}

impl<'a> Checker<'a> {
    /// Substitutes type parameters `params` by `args` in `t`.
    pub(crate) fn subst(&mut self, t: TypeId, params: &[TypeId], args: &[TypeId]) -> TypeId {
        if params.is_empty() {
            return t;
        }
        let mut memo = HashMap::new();
        self.subst_rec(t, params, args, &mut memo, 0)
    }

    fn subst_rec(
        &mut self,
        t: TypeId,
        params: &[TypeId],
        args: &[TypeId],
        memo: &mut HashMap<TypeId, TypeId>,
        depth: u32,
    ) -> TypeId {
        if depth > 100 {
            return t;
        }
        if let Some(&r) = memo.get(&t) {
            return r;
        }
        // `params` are type parameters, and for the instantiation pass also the named types
        // declared inside a generic function (each instance has its own).
        if let Some(i) = params.iter().position(|&p| p == t)
            && let Some(&a) = args.get(i)
        {
            return a;
        }
        let d = depth + 1;
        let r = match self.p.ty(t).clone() {
            Type::TypeParam(_) => match params.iter().position(|&p| p == t) {
                Some(i) => args.get(i).copied().unwrap_or(t),
                None => t,
            },
            Type::Basic(_) => t,
            Type::Pointer(e) => {
                let e2 = self.subst_rec(e, params, args, memo, d);
                if e2 == e { t } else { self.p.types.pointer(e2) }
            }
            Type::Slice(e) => {
                let e2 = self.subst_rec(e, params, args, memo, d);
                if e2 == e { t } else { self.p.types.slice(e2) }
            }
            Type::Array(e, n) => {
                let e2 = self.subst_rec(e, params, args, memo, d);
                if e2 == e {
                    t
                } else {
                    self.p.types.array(e2, n)
                }
            }
            Type::Map(k, v) => {
                let k2 = self.subst_rec(k, params, args, memo, d);
                let v2 = self.subst_rec(v, params, args, memo, d);
                if k2 == k && v2 == v {
                    t
                } else {
                    self.p.types.map(k2, v2)
                }
            }
            Type::Chan(dir, e) => {
                let e2 = self.subst_rec(e, params, args, memo, d);
                if e2 == e {
                    t
                } else {
                    self.p.types.chan(dir, e2)
                }
            }
            Type::Tuple(v) => {
                let v2: Vec<TypeId> = v
                    .iter()
                    .map(|x| self.subst_rec(*x, params, args, memo, d))
                    .collect();
                self.p.types.tuple(v2)
            }
            Type::Func(s) => {
                let ps: Vec<TypeId> = s
                    .params
                    .iter()
                    .map(|x| self.subst_rec(*x, params, args, memo, d))
                    .collect();
                let rs: Vec<TypeId> = s
                    .results
                    .iter()
                    .map(|x| self.subst_rec(*x, params, args, memo, d))
                    .collect();
                if s.recv.is_none() && ps == s.params && rs == s.results {
                    t
                } else {
                    self.p.types.func(ps, rs, s.variadic)
                }
            }
            Type::Struct(fields) => {
                let mut changed = false;
                let mut nf = fields.clone();
                for f in nf.iter_mut() {
                    let x = self.subst_rec(f.typ, params, args, memo, d);
                    if x != f.typ {
                        changed = true;
                        f.typ = x;
                    }
                }
                if !changed {
                    t
                } else {
                    let embeds = nf.iter().any(|f| f.embedded);
                    let st = self.p.types.intern(Type::Struct(nf));
                    if embeds {
                        // As for struct literals (check.rs): `*S` for S's itabs.
                        self.p.types.pointer(st);
                    }
                    if !self.p.field_objs.contains_key(&st)
                        && let Some(objs) = self.p.field_objs.get(&t).cloned()
                    {
                        self.p.field_objs.insert(st, objs);
                    }
                    st
                }
            }
            Type::Interface(it) => {
                let mut it2 = it.clone();
                let mut changed = false;
                for m in it2.methods.iter_mut() {
                    let x = self.subst_rec(m.sig, params, args, memo, d);
                    changed |= x != m.sig;
                    m.sig = x;
                }
                if let Some(ts) = it2.terms.as_mut() {
                    for term in ts.iter_mut() {
                        let x = self.subst_rec(term.typ, params, args, memo, d);
                        changed |= x != term.typ;
                        term.typ = x;
                    }
                }
                for e in it2.embeddeds.iter_mut() {
                    let x = self.subst_rec(*e, params, args, memo, d);
                    changed |= x != *e;
                    *e = x;
                }
                if !changed {
                    t
                } else {
                    let nt = self.p.types.intern(Type::Interface(it2.clone()));
                    for m in &it2.methods {
                        if let Some(&o) = self.p.iface_method_objs.get(&(t, m.name.clone())) {
                            self.p
                                .iface_method_objs
                                .entry((nt, m.name.clone()))
                                .or_insert(o);
                        }
                    }
                    nt
                }
            }
            Type::Named(n) => {
                if let Some(origin) = n.origin {
                    let a2: Vec<TypeId> = n
                        .type_args
                        .iter()
                        .map(|x| self.subst_rec(*x, params, args, memo, d))
                        .collect();
                    if a2 == n.type_args {
                        t
                    } else {
                        self.instantiate(origin, a2)
                    }
                } else if !n.type_params.is_empty() && n.type_params.as_slice() == params {
                    // The generic type itself used inside its own methods: T[P...] → T[args].
                    self.instantiate(t, args.to_vec())
                } else {
                    t
                }
            }
        };
        memo.insert(t, r);
        r
    }

    /// The instance `origin[args]` (created once per distinct argument list).
    pub(crate) fn instantiate(&mut self, origin: TypeId, args: Vec<TypeId>) -> TypeId {
        let Some(on) = self.p.types.named(origin).cloned() else {
            return origin;
        };
        if on.type_params == args {
            return origin;
        }
        if let Some(&t) = self.p.instance_cache.get(&(origin, args.clone())) {
            return t;
        }
        // Instances are completed eagerly, so a generic type whose definition instantiates
        // itself with growing arguments (`type T[P any] struct{ f *T[*P] }`) would expand
        // forever; bound the nesting like other recursion.
        if self.depth > MAX_DEPTH {
            let obj = self.p.obj(on.obj);
            let (pos, msg) = (
                obj.pos,
                format!(
                    "invalid recursive type {}: instantiation nests too deeply",
                    obj.name
                ),
            );
            if !self.errors.iter().any(|d| d.pos == pos && d.message == msg) {
                self.error(pos, msg);
            }
            return self.invalid();
        }
        let inst = self.p.types.push(Type::Named(NamedType {
            obj: on.obj,
            underlying: None,
            methods: on.methods.clone(),
            type_params: vec![],
            origin: Some(origin),
            type_args: args.clone(),
        }));
        self.p.instance_cache.insert((origin, args.clone()), inst);
        self.p.types.pointer(inst);
        self.pending_instances.push(inst);
        self.depth += 1;
        self.complete_instances();
        self.depth -= 1;
        inst
    }

    /// Computes the underlying types of instances whose generic type is now complete.
    pub(crate) fn complete_instances(&mut self) {
        let mut i = 0;
        while i < self.pending_instances.len() {
            let inst = self.pending_instances[i];
            let Some(n) = self.p.types.named(inst).cloned() else {
                self.pending_instances.swap_remove(i);
                continue;
            };
            let Some(origin) = n.origin else {
                self.pending_instances.swap_remove(i);
                continue;
            };
            let Some(on) = self.p.types.named(origin).cloned() else {
                self.pending_instances.swap_remove(i);
                continue;
            };
            match on.underlying {
                Some(u) => {
                    self.pending_instances.swap_remove(i);
                    let su = self.subst(u, &on.type_params, &n.type_args);
                    let su = self.under(su);
                    if let Type::Named(nn) = &mut self.p.types.types[inst.0 as usize] {
                        nn.underlying = Some(su);
                        nn.methods = on.methods.clone();
                    }
                }
                None => i += 1,
            }
        }
    }

    /// The type arguments of `base[indices]` for a generic type with `want` type parameters;
    /// `None` (after reporting a count mismatch) when one is invalid or the count is wrong.
    fn type_args_for(
        &mut self,
        e: &'a Expr,
        base: &'a Expr,
        indices: &'a [Expr],
        want: usize,
    ) -> Option<Vec<TypeId>> {
        let mut args = Vec::new();
        for i in indices {
            let t = self.typ(i);
            if self.is_invalid(t) {
                return None;
            }
            args.push(t);
        }
        if args.len() != want {
            let q = if args.len() < want {
                "not enough"
            } else {
                "too many"
            };
            self.error(
                start_pos(e),
                format!(
                    "{q} type arguments for type {}: have {}, want {want}",
                    expr_string(base),
                    args.len(),
                ),
            );
            return None;
        }
        Some(args)
    }

    /// `G[A, B]` in type position.
    pub(crate) fn instantiated_type(
        &mut self,
        e: &'a Expr,
        base: &'a Expr,
        indices: &'a [Expr],
    ) -> TypeId {
        let g = self.raw_expr(base, None, true);
        if g.mode == OpMode::Invalid {
            return self.invalid();
        }
        if let Some(tps) = self.generic_alias_params(base) {
            let Some(args) = self.type_args_for(e, base, indices, tps.len()) else {
                return self.invalid();
            };
            self.verify_type_args(&tps, &args, indices);
            return self.subst(g.typ, &tps, &args);
        }
        if g.mode != OpMode::TypeExpr {
            self.error(
                start_pos(base),
                format!("{} is not a type", expr_string(base)),
            );
            return self.invalid();
        }
        let Some(n) = self.p.types.named(g.typ).cloned() else {
            self.error(
                start_pos(base),
                format!("{} is not a generic type", expr_string(base)),
            );
            return self.invalid();
        };
        if n.type_params.is_empty() || n.origin.is_some() {
            self.error(
                start_pos(base),
                format!("{} is not a generic type", expr_string(base)),
            );
            return self.invalid();
        }
        let Some(args) = self.type_args_for(e, base, indices, n.type_params.len()) else {
            return self.invalid();
        };
        let inst = self.instantiate(g.typ, args.clone());
        self.verify_type_args(&n.type_params, &args, indices);
        if let ExprKind::Ident(id) = &base.unparen().kind {
            self.p.info.instances.insert(
                id.id,
                Instance {
                    type_args: args,
                    typ: inst,
                },
            );
        } else if let ExprKind::Selector { sel, .. } = &base.unparen().kind {
            self.p.info.instances.insert(
                sel.id,
                Instance {
                    type_args: args,
                    typ: inst,
                },
            );
        }
        inst
    }

    /// The type parameters of the generic alias `e` names, if it names one.
    pub(crate) fn generic_alias_params(&self, e: &Expr) -> Option<Vec<TypeId>> {
        let id = match &e.unparen().kind {
            ExprKind::Ident(id) => id.id,
            ExprKind::Selector { sel, .. } => sel.id,
            _ => return None,
        };
        let o = self.p.info.uses.get(&id)?;
        self.p.alias_type_params.get(o).cloned()
    }

    pub(crate) fn verify_type_args(
        &mut self,
        tparams: &[TypeId],
        args: &[TypeId],
        at: &'a [Expr],
    ) -> bool {
        if self.in_constraints > 0 || !self.verifying_now {
            // As types2 (`check.later`): verified once the declarations are complete. Inside
            // a type parameter list the constraints of later type parameters are not set yet
            // (`[W wrap[T], T Word]`), and a method signature may instantiate a type with its
            // own receiver type before the method is known (`func (X) M() T[X]` where T's
            // constraint requires M).
            self.pending_verify
                .push((tparams.to_vec(), args.to_vec(), at));
            return true;
        }
        for (i, &tp) in tparams.iter().enumerate() {
            let Type::TypeParam(p) = self.p.ty(tp).clone() else {
                continue;
            };
            let Some(&a) = args.get(i) else { continue };
            let c = self.subst(p.constraint, tparams, args);
            if let Err(cause) = self.implements_verb(a, c, "satisfy") {
                let pos = at.get(i).map(start_pos).unwrap_or(crate::ast::Pos::NONE);
                self.error(pos, cause);
                return false;
            }
        }
        true
    }

    fn generic_func_obj(&self, x: &Operand<'a>) -> Option<ObjId> {
        let e = x.expr?.unparen();
        let id = match &e.kind {
            ExprKind::Ident(id) => id.id,
            ExprKind::Selector { sel, .. } => sel.id,
            _ => return None,
        };
        let o = *self.p.info.uses.get(&id)?;
        if self
            .p
            .func_type_params
            .get(&o)
            .is_some_and(|v| !v.is_empty())
            && !self.p.info.instances.contains_key(&id)
        {
            Some(o)
        } else {
            None
        }
    }

    pub(crate) fn is_generic_func_operand(&self, x: &Operand<'a>) -> bool {
        x.mode == OpMode::Value && self.generic_func_obj(x).is_some()
    }

    /// `f[A, B]` with explicit type arguments.
    pub(crate) fn func_instantiation(
        &mut self,
        x: &mut Operand<'a>,
        e: &'a Expr,
        f: &Operand<'a>,
        indices: &'a [Expr],
    ) {
        let Some(o) = self.generic_func_obj(f) else {
            return;
        };
        let tparams = self.p.func_type_params.get(&o).cloned().unwrap_or_default();
        let mut args = Vec::new();
        for i in indices {
            let t = self.typ(i);
            if self.is_invalid(t) {
                return;
            }
            args.push(t);
        }
        if args.len() > tparams.len() {
            self.error(
                start_pos(&indices[tparams.len()]),
                format!(
                    "got {} type arguments but {} has {} type parameters",
                    args.len(),
                    expr_string(f.expr.unwrap_or(e)),
                    tparams.len()
                ),
            );
            return;
        }
        if args.len() < tparams.len() {
            // The missing type arguments may follow from the given ones through the
            // constraints' core types (`Equal[S]` of `Equal[S ~[]E, E comparable]`).
            if let Ok(all) = self.infer(&tparams, &args, &[], &[]) {
                self.verify_type_args(&tparams, &all, indices);
                let sig = self.subst(f.typ, &tparams, &all);
                self.record_instance(f, all, sig);
                x.mode = OpMode::Value;
                x.typ = sig;
                return;
            }
            self.error(
                start_pos(e),
                format!(
                    "not enough type arguments for {}: have {}, want {}",
                    expr_string(f.expr.unwrap_or(e)),
                    args.len(),
                    tparams.len()
                ),
            );
            return;
        }
        // types2 verifies an instantiation lazily and keeps the instantiated signature even when
        // a type argument does not satisfy its constraint, so uses of the result are checked.
        self.verify_type_args(&tparams, &args, indices);
        let sig = self.subst(f.typ, &tparams, &args);
        self.record_instance(f, args, sig);
        x.mode = OpMode::Value;
        x.typ = sig;
    }

    fn record_instance(&mut self, f: &Operand<'a>, args: Vec<TypeId>, sig: TypeId) {
        let Some(e) = f.expr else { return };
        let id = match &e.unparen().kind {
            ExprKind::Ident(id) => id.id,
            ExprKind::Selector { sel, .. } => sel.id,
            _ => return,
        };
        self.p.info.instances.insert(
            id,
            Instance {
                type_args: args,
                typ: sig,
            },
        );
        // The generic function operand now has the instantiated type.
        if let Some(tv) = self.p.info.types.get_mut(&e.id) {
            tv.typ = sig;
        }
    }

    /// Infers the type arguments of a call of a generic function (`explicit` are given ones,
    /// `f[A](...)`); returns the instantiated signature. Arguments that are generic functions
    /// themselves (`slices.SortFunc(s, cmp.Compare)`) are inferred together with the call and
    /// instantiated in `ops`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn infer_call(
        &mut self,
        f: &Operand<'a>,
        func: &'a Expr,
        ops: &mut [Operand<'a>],
        explicit: &[TypeId],
        ellipsis: bool,
        call: &'a Expr,
    ) -> Option<TypeId> {
        let o = self.generic_func_obj(f)?;
        // types2's arguments: an invalid argument (already reported) ends the call's checking,
        // with no inference and so no follow-on error.
        if ops.iter().any(|a| a.mode == OpMode::Invalid) {
            return None;
        }
        let tparams = self.p.func_type_params.get(&o).cloned().unwrap_or_default();
        // In a recursive call the arguments may mention the callee's own type parameters (as the
        // caller's): infer with fresh copies so the two are told apart.
        let recursive = ops.iter().any(|a| self.mentions_any(a.typ, &tparams));
        let (itparams, ityp) = if recursive {
            let fresh = self.fresh_type_params(&tparams);
            let t = self.subst(f.typ, &tparams, &fresh);
            (fresh, t)
        } else {
            (tparams.clone(), f.typ)
        };
        let sig = self.p.types.signature(ityp).cloned()?;
        let params = self.expand_params(&sig, ops.len(), ellipsis);
        let (all_tparams, generic_args) = self.generic_arg_tparams(&itparams, ops, &params);
        let iargs: Vec<InferArg> = ops
            .iter()
            .map(|a| InferArg {
                typ: a.typ,
                untyped: self.is_untyped(a.typ),
                is_nil: a.typ == self.basic(BasicKind::UntypedNil),
            })
            .collect();
        let targs = match self.infer(&all_tparams, explicit, &params, &iargs) {
            Ok(t) => t,
            Err(err) => {
                self.report_infer_error(err, &all_tparams, ops, func, call);
                return None;
            }
        };
        // types2 (instantiateSignature) reports a type argument that does not satisfy its
        // constraint at its expression when it was given explicitly, else at the call's `(`,
        // and goes on with the instantiated signature.
        let xlist: &[Expr] = match &func.kind {
            ExprKind::Index { indices, .. } if !explicit.is_empty() => indices,
            _ => &[],
        };
        let lparen = match &call.kind {
            ExprKind::Call { lparen, .. } => *lparen,
            _ => start_pos(call),
        };
        for (i, &tp) in tparams.iter().enumerate() {
            let Type::TypeParam(p) = self.p.ty(tp).clone() else {
                continue;
            };
            let c = self.subst(p.constraint, &tparams, &targs[..tparams.len()]);
            if let Err(cause) = self.implements_verb(targs[i], c, "satisfy") {
                self.error(xlist.get(i).map_or(lparen, start_pos), cause);
                break;
            }
        }
        let inst = self.subst(f.typ, &tparams, &targs[..tparams.len()]);
        self.record_instance(f, targs[..tparams.len()].to_vec(), inst);
        self.instantiate_generic_args(ops, &generic_args, &all_tparams, &targs, lparen);
        Some(inst)
    }

    /// Copies of type parameters (same objects, constraints rewritten to the copies).
    fn fresh_type_params(&mut self, tparams: &[TypeId]) -> Vec<TypeId> {
        let fresh: Vec<TypeId> = tparams
            .iter()
            .map(|&t| {
                let ty = self.p.ty(t).clone();
                self.p.types.push(ty)
            })
            .collect();
        for &f in &fresh {
            if let Type::TypeParam(p) = self.p.ty(f).clone() {
                let c = self.subst(p.constraint, tparams, &fresh);
                if let Type::TypeParam(q) = &mut self.p.types.types[f.0 as usize] {
                    q.constraint = c;
                }
            }
        }
        fresh
    }

    /// Parameter types matched with `nargs` arguments: the variadic parameter's element type is
    /// repeated unless the call spreads a slice (`f(s...)`).
    pub(crate) fn expand_params(
        &mut self,
        sig: &Signature,
        nargs: usize,
        ellipsis: bool,
    ) -> Vec<TypeId> {
        let mut params = sig.params.clone();
        if sig.variadic
            && !ellipsis
            && nargs + 1 >= params.len()
            && let Some(last) = params.pop()
        {
            let elem = match self.p.ty(self.under(last)) {
                Type::Slice(e) => *e,
                _ => last,
            };
            while params.len() < nargs {
                params.push(elem);
            }
        }
        params
    }

    /// For arguments that are uninstantiated generic functions passed to function-typed
    /// parameters: the combined type parameter list (callee's first) and, per such argument,
    /// (argument index, range of its type parameters in the list).
    fn generic_arg_tparams(
        &mut self,
        tparams: &[TypeId],
        ops: &[Operand<'a>],
        params: &[TypeId],
    ) -> (Vec<TypeId>, Vec<(usize, std::ops::Range<usize>)>) {
        let mut all = tparams.to_vec();
        let mut generic_args = Vec::new();
        for (i, a) in ops.iter().enumerate() {
            let Some(&par) = params.get(i) else { break };
            if !self.is_generic_func_operand(a)
                || !matches!(self.p.ty(self.under(par)), Type::Func(_))
            {
                continue;
            }
            let Some(ao) = self.generic_func_obj(a) else {
                continue;
            };
            let atps = self
                .p
                .func_type_params
                .get(&ao)
                .cloned()
                .unwrap_or_default();
            // The same generic function passed twice would share its type parameters; give up
            // on the second (it gets the usual "without instantiation" error).
            if atps.iter().any(|t| all.contains(t)) {
                continue;
            }
            let start = all.len();
            all.extend(atps);
            generic_args.push((i, start..all.len()));
        }
        (all, generic_args)
    }

    /// Instantiates generic function arguments with their inferred type arguments. As in types2,
    /// a type argument that does not satisfy its constraint is reported at the call's `(`
    /// (`lparen`) and the argument is instantiated all the same.
    fn instantiate_generic_args(
        &mut self,
        ops: &mut [Operand<'a>],
        generic_args: &[(usize, std::ops::Range<usize>)],
        all_tparams: &[TypeId],
        targs: &[TypeId],
        lparen: crate::ast::Pos,
    ) {
        for (i, r) in generic_args {
            let Some(a) = ops.get(*i).cloned() else {
                continue;
            };
            let atps = &all_tparams[r.clone()];
            let aargs = &targs[r.clone()];
            for (j, &tp) in atps.iter().enumerate() {
                let Type::TypeParam(p) = self.p.ty(tp).clone() else {
                    continue;
                };
                let c = self.subst(p.constraint, atps, aargs);
                if let Err(cause) = self.implements_verb(aargs[j], c, "satisfy") {
                    self.error(lparen, cause);
                    break;
                }
            }
            let inst = self.subst(a.typ, atps, aargs);
            self.record_instance(&a, aargs.to_vec(), inst);
            ops[*i].typ = inst;
        }
    }

    /// Reverse inference: an uninstantiated generic function used where a function of type
    /// `target` is expected (an argument of a non-generic parameter, an assignment). Returns
    /// false (nothing recorded) if its type arguments cannot be inferred. A type argument that
    /// does not satisfy its constraint is reported at `verify_at` (types2: the call's `(` for an
    /// argument) and the function is instantiated all the same, as types2 does.
    pub(crate) fn infer_generic_value(
        &mut self,
        x: &mut Operand<'a>,
        target: TypeId,
        verify_at: crate::ast::Pos,
    ) -> bool {
        let Some(o) = self.generic_func_obj(x) else {
            return false;
        };
        if !matches!(self.p.ty(self.under(target)), Type::Func(_)) {
            return false;
        }
        let tparams = self.p.func_type_params.get(&o).cloned().unwrap_or_default();
        let arg = InferArg {
            typ: target,
            untyped: false,
            is_nil: false,
        };
        let Ok(targs) = self.infer(&tparams, &[], &[x.typ], &[arg]) else {
            return false;
        };
        for (j, &tp) in tparams.iter().enumerate() {
            let Type::TypeParam(p) = self.p.ty(tp).clone() else {
                continue;
            };
            let c = self.subst(p.constraint, &tparams, &targs);
            if let Err(cause) = self.implements_verb(targs[j], c, "satisfy") {
                self.error(verify_at, cause);
                break;
            }
        }
        let inst = self.subst(x.typ, &tparams, &targs);
        self.record_instance(x, targs, inst);
        x.typ = inst;
        true
    }

    /// Reports a failed inference for a call as types2 does: `in call to f, <reason>` at the
    /// argument concerned or at the call's `(`.
    fn report_infer_error(
        &mut self,
        err: InferError,
        tparams: &[TypeId],
        ops: &[Operand<'a>],
        func: &'a Expr,
        call: &'a Expr,
    ) {
        let call_pos = match &call.kind {
            ExprKind::Call { lparen, .. } => *lparen,
            _ => start_pos(call),
        };
        let (pos, reason) = match err {
            InferError::Arg {
                index,
                param,
                inferred,
                none_known,
            } => {
                let Some(a) = ops.get(index) else { return };
                let what = a.expr.map(expr_string).unwrap_or_default();
                let msg = match inferred {
                    Some(inf) => format!(
                        "type {} of {what} does not match inferred type {} for {}",
                        self.ts(a.typ),
                        self.ts(inf),
                        self.ts(param)
                    ),
                    None if none_known => format!(
                        "type {} of {what} does not match {} (cannot infer {})",
                        self.ts(a.typ),
                        self.ts(param),
                        self.type_params_string(tparams)
                    ),
                    None => format!(
                        "type {} of {what} does not match {}",
                        self.ts(a.typ),
                        self.ts(param)
                    ),
                };
                (a.pos(), msg)
            }
            InferError::Constraint { tparam, typ } => {
                let c = match self.p.ty(tparam) {
                    Type::TypeParam(p) => p.constraint,
                    _ => tparam,
                };
                let msg = format!(
                    "{} (type {}) does not satisfy {}",
                    self.ts(tparam),
                    self.ts(typ),
                    self.ts(c)
                );
                (call_pos, msg)
            }
            InferError::Mismatch {
                a,
                b,
                tparam,
                index,
            } => {
                let pos = ops.get(index).map_or(call_pos, |o| o.pos());
                let msg = format!(
                    "mismatched types {} and {} (cannot infer {})",
                    self.ts(a),
                    self.ts(b),
                    self.ts(tparam)
                );
                (pos, msg)
            }
            InferError::CannotInfer { tparam } => {
                let msg = match self.p.ty(tparam) {
                    Type::TypeParam(p) => {
                        let o = self.p.obj(p.obj);
                        format!(
                            "cannot infer {} (declared at {})",
                            o.name,
                            self.p.fset.format(o.pos)
                        )
                    }
                    _ => format!("cannot infer {}", self.ts(tparam)),
                };
                (call_pos, msg)
            }
        };
        self.error(pos, format!("in call to {}, {reason}", expr_string(func)));
    }

    /// `A`, `A and B`, `A, B, and C` (types2's typeParamsString).
    fn type_params_string(&self, tparams: &[TypeId]) -> String {
        let names: Vec<String> = tparams.iter().map(|t| self.ts(*t)).collect();
        match names.len() {
            0 => String::new(),
            1 => names[0].clone(),
            2 => format!("{} and {}", names[0], names[1]),
            n => format!("{}, and {}", names[..n - 1].join(", "), names[n - 1]),
        }
    }
}
