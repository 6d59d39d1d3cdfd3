//! Type identity, substitution, instantiation of generic types and functions, and function
//! argument type inference.

use std::collections::HashMap;

use super::check::{Checker, expr_string};
use super::expr::{OpMode, Operand, start_pos};
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
                    let st = self.p.types.intern(Type::Struct(nf));
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
        self.complete_instances();
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
        let mut args = Vec::new();
        for i in indices {
            let t = self.typ(i);
            if self.is_invalid(t) {
                return self.invalid();
            }
            args.push(t);
        }
        if args.len() != n.type_params.len() {
            let q = if args.len() < n.type_params.len() {
                "not enough"
            } else {
                "too many"
            };
            self.error(
                start_pos(e),
                format!(
                    "{q} type arguments for type {}: have {}, want {}",
                    expr_string(base),
                    args.len(),
                    n.type_params.len()
                ),
            );
            return self.invalid();
        }
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

    fn verify_type_args(&mut self, tparams: &[TypeId], args: &[TypeId], at: &'a [Expr]) -> bool {
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
        if !self.verify_type_args(&tparams, &args, indices) {
            return;
        }
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

    /// Infers the type arguments of a call of a generic function; returns the instantiated
    /// signature.
    pub(crate) fn infer_call(
        &mut self,
        f: &Operand<'a>,
        func: &'a Expr,
        ops: &[Operand<'a>],
        args: &'a [Expr],
        call: &'a Expr,
    ) -> Option<TypeId> {
        let _ = args;
        let o = self.generic_func_obj(f)?;
        let tparams = self.p.func_type_params.get(&o).cloned().unwrap_or_default();
        let sig = self.p.types.signature(f.typ).cloned()?;
        let mut params = sig.params.clone();
        if sig.variadic
            && ops.len() >= params.len().saturating_sub(1)
            && let Some(last) = params.pop()
        {
            let elem = match self.p.ty(last) {
                Type::Slice(e) => *e,
                _ => last,
            };
            while params.len() < ops.len() {
                params.push(elem);
            }
        }
        let mut bound: HashMap<TypeId, TypeId> = HashMap::new();
        // Typed arguments first, then untyped constants with their default types.
        for (i, a) in ops.iter().enumerate() {
            let Some(&p) = params.get(i) else { break };
            if a.mode == OpMode::Invalid || self.is_untyped(a.typ) {
                continue;
            }
            if !self.unify(p, a.typ, &tparams, &mut bound, 0) {
                self.error(
                    a.pos(),
                    format!(
                        "type {} of {} does not match {}",
                        self.ts(a.typ),
                        a.expr.map(expr_string).unwrap_or_default(),
                        self.ts(p)
                    ),
                );
                return None;
            }
        }
        for (i, a) in ops.iter().enumerate() {
            let Some(&p) = params.get(i) else { break };
            if self.is_untyped(a.typ)
                && tparams.contains(&p)
                && !bound.contains_key(&p)
                && a.typ != self.basic(BasicKind::UntypedNil)
            {
                let d = self.default_type(a.typ);
                bound.insert(p, d);
            }
        }
        // Constraint type inference through core types.
        for _ in 0..tparams.len() + 1 {
            let mut progress = false;
            for &tp in &tparams {
                let Type::TypeParam(p) = self.p.ty(tp).clone() else {
                    continue;
                };
                let Type::Interface(it) = self.p.ty(self.under(p.constraint)).clone() else {
                    continue;
                };
                let Some(terms) = it.terms else { continue };
                if terms.len() != 1 {
                    continue;
                }
                let core = terms[0].typ;
                match bound.get(&tp).copied() {
                    Some(b) => {
                        let before = bound.len();
                        let bu = if terms[0].tilde { self.under(b) } else { b };
                        self.unify(core, bu, &tparams, &mut bound, 0);
                        progress |= bound.len() > before;
                    }
                    None => {
                        // If the core type's parameters are all known, T = core.
                        let all_known = tparams
                            .iter()
                            .all(|x| !self.mentions(core, *x) || bound.contains_key(x));
                        if all_known && !terms[0].tilde {
                            let args: Vec<TypeId> = tparams
                                .iter()
                                .map(|x| bound.get(x).copied().unwrap_or(*x))
                                .collect();
                            let t = self.subst(core, &tparams, &args);
                            bound.insert(tp, t);
                            progress = true;
                        }
                    }
                }
            }
            if !progress {
                break;
            }
        }
        let mut targs = Vec::new();
        for &tp in &tparams {
            match bound.get(&tp) {
                Some(&t) => targs.push(t),
                None => {
                    let name = self
                        .p
                        .obj(match self.p.ty(tp) {
                            Type::TypeParam(p) => p.obj,
                            _ => return None,
                        })
                        .name
                        .clone();
                    self.error(
                        start_pos(call),
                        format!("in call to {}, cannot infer {name}", expr_string(func)),
                    );
                    return None;
                }
            }
        }
        // Substitute inside bound types too (e.g. E inside S's binding).
        let targs: Vec<TypeId> = targs
            .iter()
            .map(|t| self.subst(*t, &tparams, &targs.clone()))
            .collect();
        for (i, &tp) in tparams.iter().enumerate() {
            let Type::TypeParam(p) = self.p.ty(tp).clone() else {
                continue;
            };
            let c = self.subst(p.constraint, &tparams, &targs);
            if let Err(cause) = self.implements_verb(targs[i], c, "satisfy") {
                let _ = func;
                self.error(start_pos(call), cause);
                return None;
            }
        }
        let inst = self.subst(f.typ, &tparams, &targs);
        self.record_instance(f, targs, inst);
        Some(inst)
    }

    fn mentions(&self, t: TypeId, tp: TypeId) -> bool {
        fn rec(c: &Checker, t: TypeId, tp: TypeId, d: u32) -> bool {
            if t == tp {
                return true;
            }
            if d > 50 {
                return false;
            }
            match c.p.ty(t) {
                Type::Pointer(e) | Type::Slice(e) | Type::Array(e, _) | Type::Chan(_, e) => {
                    rec(c, *e, tp, d + 1)
                }
                Type::Map(k, v) => rec(c, *k, tp, d + 1) || rec(c, *v, tp, d + 1),
                Type::Func(s) => s
                    .params
                    .iter()
                    .chain(&s.results)
                    .any(|x| rec(c, *x, tp, d + 1)),
                Type::Named(n) => n.type_args.iter().any(|x| rec(c, *x, tp, d + 1)),
                Type::Struct(fs) => fs.iter().any(|f| rec(c, f.typ, tp, d + 1)),
                _ => false,
            }
        }
        rec(self, t, tp, 0)
    }

    /// Unifies parameter type `p` (mentioning type parameters) with argument type `a`.
    fn unify(
        &mut self,
        p: TypeId,
        a: TypeId,
        tparams: &[TypeId],
        bound: &mut HashMap<TypeId, TypeId>,
        depth: u32,
    ) -> bool {
        if depth > 64 {
            return true;
        }
        if tparams.contains(&p) {
            match bound.get(&p) {
                Some(&b) => {
                    if self.p.identical(b, a) {
                        return true;
                    }
                    // Inexact: a named type and its underlying literal type unify.
                    if self.p.identical(self.under(b), self.under(a)) {
                        if !self.is_named(b) {
                            bound.insert(p, a);
                        }
                        return true;
                    }
                    return false;
                }
                None => {
                    bound.insert(p, a);
                    return true;
                }
            }
        }
        if p == a {
            return true;
        }
        let d = depth + 1;
        let pt = self.p.ty(p).clone();
        let mut at = self.p.ty(a).clone();
        if !matches!(pt, Type::Named(_)) && matches!(at, Type::Named(_)) {
            at = self.p.ty(self.under(a)).clone();
        }
        match (pt, at) {
            (Type::Pointer(x), Type::Pointer(y)) | (Type::Slice(x), Type::Slice(y)) => {
                self.unify(x, y, tparams, bound, d)
            }
            (Type::Array(x, n), Type::Array(y, m)) => n == m && self.unify(x, y, tparams, bound, d),
            (Type::Chan(_, x), Type::Chan(_, y)) => self.unify(x, y, tparams, bound, d),
            (Type::Map(k1, v1), Type::Map(k2, v2)) => {
                self.unify(k1, k2, tparams, bound, d) && self.unify(v1, v2, tparams, bound, d)
            }
            (Type::Func(s1), Type::Func(s2)) => {
                s1.params.len() == s2.params.len()
                    && s1.results.len() == s2.results.len()
                    && s1
                        .params
                        .iter()
                        .zip(&s2.params)
                        .all(|(x, y)| self.unify(*x, *y, tparams, bound, d))
                    && s1
                        .results
                        .iter()
                        .zip(&s2.results)
                        .all(|(x, y)| self.unify(*x, *y, tparams, bound, d))
            }
            (Type::Struct(f1), Type::Struct(f2)) => {
                f1.len() == f2.len()
                    && f1.iter().zip(&f2).all(|(x, y)| {
                        x.name == y.name && self.unify(x.typ, y.typ, tparams, bound, d)
                    })
            }
            (Type::Named(n1), Type::Named(n2)) => {
                if n1.origin.is_some() && n1.origin == n2.origin {
                    n1.type_args
                        .iter()
                        .zip(&n2.type_args)
                        .all(|(x, y)| self.unify(*x, *y, tparams, bound, d))
                } else {
                    self.p.identical(p, a)
                }
            }
            (Type::Interface(_), _) => true,
            _ => self.p.identical(p, a),
        }
    }
}
