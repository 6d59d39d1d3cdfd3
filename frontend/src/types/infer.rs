//! Function argument type inference (spec "Type inference"), after types2's `infer`/`unify`:
//! inexact unification of parameter and argument types, constraint type inference through core
//! types and constraint methods, default types for untyped constant arguments, then
//! simplification of the inferred types.

use super::check::Checker;
use super::*;

/// Unification modes (types2's `unifyMode` bits).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct UnifyMode {
    /// Types must be identical (no named/underlying matching, channel directions matter).
    pub exact: bool,
    /// Top level of an assignment: element types must then match exactly.
    pub assign: bool,
}

pub(crate) const INEXACT: UnifyMode = UnifyMode {
    exact: false,
    assign: false,
};
pub(crate) const ASSIGN: UnifyMode = UnifyMode {
    exact: false,
    assign: true,
};
pub(crate) const EXACT: UnifyMode = UnifyMode {
    exact: true,
    assign: false,
};

/// Bound type parameters and what is known about them. Joined type parameters (two inference
/// variables unified with each other before either is known) share one slot.
pub(crate) struct Unifier {
    pub tparams: Vec<TypeId>,
    /// Type parameter index → slot index.
    handle: Vec<usize>,
    slots: Vec<Option<TypeId>>,
}

/// Bounds unification recursion (types2's `unificationDepthLimit`).
const UNIFY_DEPTH_LIMIT: u32 = 50;

impl Unifier {
    pub fn new(tparams: Vec<TypeId>, explicit: &[TypeId]) -> Unifier {
        let n = tparams.len();
        let mut slots = vec![None; n];
        for (i, t) in explicit.iter().enumerate().take(n) {
            slots[i] = Some(*t);
        }
        Unifier {
            tparams,
            handle: (0..n).collect(),
            slots,
        }
    }

    fn index(&self, t: TypeId) -> Option<usize> {
        self.tparams.iter().position(|&p| p == t)
    }

    pub fn at(&self, i: usize) -> Option<TypeId> {
        self.slots[self.handle[i]]
    }

    pub fn set(&mut self, i: usize, t: TypeId) {
        let h = self.handle[i];
        self.slots[h] = Some(t);
    }

    /// Makes type parameters `i` and `j` share their slot; false if both are already known
    /// (then their types must unify instead).
    fn join(&mut self, i: usize, j: usize) -> bool {
        let (hi, hj) = (self.handle[i], self.handle[j]);
        if hi == hj {
            return true;
        }
        match (self.slots[hi], self.slots[hj]) {
            (Some(_), Some(_)) => return false,
            (None, Some(t)) => self.slots[hi] = Some(t),
            _ => {}
        }
        for h in self.handle.iter_mut() {
            if *h == hj {
                *h = hi;
            }
        }
        true
    }

    pub fn unknowns(&self) -> usize {
        (0..self.tparams.len())
            .filter(|&i| self.at(i).is_none())
            .count()
    }

    pub fn inferred(&self) -> Vec<Option<TypeId>> {
        (0..self.tparams.len()).map(|i| self.at(i)).collect()
    }
}

/// An argument as inference sees it.
#[derive(Clone, Copy)]
pub(crate) struct InferArg {
    pub typ: TypeId,
    /// Untyped constant (or untyped value); `nil` is never used for inference.
    pub untyped: bool,
    pub is_nil: bool,
}

impl<'a> Checker<'a> {
    /// Whether `t` mentions one of `tparams`.
    pub(crate) fn mentions_any(&self, t: TypeId, tparams: &[TypeId]) -> bool {
        fn rec(c: &Checker, t: TypeId, tps: &[TypeId], seen: &mut Vec<TypeId>) -> bool {
            if tps.contains(&t) {
                return true;
            }
            if seen.contains(&t) || seen.len() > 200 {
                return false;
            }
            seen.push(t);
            let r = match c.p.ty(t) {
                Type::Pointer(e) | Type::Slice(e) | Type::Array(e, _) | Type::Chan(_, e) => {
                    rec(c, *e, tps, seen)
                }
                Type::Map(k, v) => rec(c, *k, tps, seen) || rec(c, *v, tps, seen),
                Type::Func(s) => s
                    .params
                    .iter()
                    .chain(&s.results)
                    .any(|x| rec(c, *x, tps, seen)),
                Type::Tuple(v) => v.iter().any(|x| rec(c, *x, tps, seen)),
                Type::Named(n) => n.type_args.iter().any(|x| rec(c, *x, tps, seen)),
                Type::Struct(fs) => fs.iter().any(|f| rec(c, f.typ, tps, seen)),
                Type::Interface(it) => {
                    it.methods.iter().any(|m| rec(c, m.sig, tps, seen))
                        || it
                            .terms
                            .as_ref()
                            .is_some_and(|ts| ts.iter().any(|x| rec(c, x.typ, tps, seen)))
                }
                _ => false,
            };
            seen.pop();
            r
        }
        !tparams.is_empty() && rec(self, t, tparams, &mut Vec::new())
    }

    /// The core term of a type parameter's constraint: the single term, or the common
    /// underlying type of all terms (tilde if any term has one). The flag says "single term".
    fn core_term(&self, tp: TypeId) -> Option<(Term, bool)> {
        let Type::TypeParam(p) = self.p.ty(tp) else {
            return None;
        };
        let Type::Interface(it) = self.p.ty(self.under(p.constraint)) else {
            return None;
        };
        let terms = it.terms.as_ref()?;
        if terms.len() == 1 {
            return Some((terms[0].clone(), true));
        }
        let core = self.core_type(tp)?;
        let tilde = terms.iter().any(|t| t.tilde);
        Some((Term { tilde, typ: core }, false))
    }

    fn as_interface(&self, t: TypeId) -> Option<InterfaceType> {
        if self.is_type_param(t) {
            return None;
        }
        match self.p.ty(self.under(t)) {
            Type::Interface(it) => Some(it.clone()),
            _ => None,
        }
    }

    fn is_type_lit(&self, t: TypeId) -> bool {
        !matches!(self.p.ty(t), Type::Named(_) | Type::TypeParam(_))
    }

    fn is_defined(&self, t: TypeId) -> bool {
        matches!(self.p.ty(t), Type::Named(_))
    }

    /// Unifies `x` and `y` (types2's `nify`): records inferred types for the unifier's type
    /// parameters and reports whether the types can match.
    pub(crate) fn unify(
        &mut self,
        u: &mut Unifier,
        x: TypeId,
        y: TypeId,
        mode: UnifyMode,
        depth: u32,
    ) -> bool {
        if x == y {
            return true;
        }
        if depth > UNIFY_DEPTH_LIMIT {
            return false;
        }
        let d = depth + 1;
        let (mut x, mut y) = (x, y);
        // Keep a defined type in y and a bound type parameter in x.
        if self.is_defined(x) || u.index(y).is_some() {
            std::mem::swap(&mut x, &mut y);
        }
        // Inexact: a defined type matches a type literal with the same structure.
        if !mode.exact
            && self.is_defined(y)
            && self.is_type_lit(x)
            && self.as_interface(x).is_none()
        {
            y = self.under(y);
            if x == y {
                return true;
            }
        }
        match (u.index(x), u.index(y)) {
            (Some(px), Some(py)) => {
                if u.join(px, py) {
                    return true;
                }
                let (Some(a), Some(b)) = (u.at(px), u.at(py)) else {
                    return true;
                };
                return self.unify(u, a, b, mode, d);
            }
            (Some(px), None) => {
                let Some(xt) = u.at(px) else {
                    u.set(px, y);
                    return true;
                };
                if !self.unify(u, xt, y, mode, d) {
                    return false;
                }
                let xi = self.as_interface(xt);
                let yi = self.as_interface(y);
                let xn = self.is_defined(xt);
                let yn = self.is_defined(y);
                match (&xi, &yi) {
                    (Some(a), Some(b)) => {
                        if xn && yn {
                            return self.p.identical(xt, y);
                        }
                        if a.methods.len() != b.methods.len() {
                            return false;
                        }
                    }
                    (Some(_), None) | (None, Some(_)) => return false,
                    (None, None) => {}
                }
                if !mode.exact && !xn {
                    if yn {
                        u.set(px, y);
                    } else if let Type::Chan(dir, _) = self.p.ty(self.under(y))
                        && *dir != ast::ChanDir::Both
                    {
                        u.set(px, y);
                    }
                }
                return true;
            }
            _ => {}
        }
        // Interface inference: method subsets must unify.
        if !mode.exact {
            let xi = self.as_interface(x);
            let yi = self.as_interface(y);
            if let (Some(a), Some(b)) = (&xi, &yi) {
                if a.comparable != b.comparable || a.terms != b.terms {
                    return false;
                }
                let (small, big) = if a.methods.len() <= b.methods.len() {
                    (a, b)
                } else {
                    (b, a)
                };
                for m in &small.methods {
                    let Some(n) = big
                        .methods
                        .iter()
                        .find(|n| n.name == m.name && n.pkg == m.pkg)
                    else {
                        return false;
                    };
                    if !self.unify(u, m.sig, n.sig, EXACT, d) {
                        return false;
                    }
                }
                return true;
            }
            let (iface, other) = match (xi, yi) {
                (Some(i), None) => (Some(i), y),
                (None, Some(i)) => (Some(i), x),
                _ => (None, x),
            };
            if let Some(it) = iface {
                for m in &it.methods {
                    let sig = match self.lookup_field_or_method(other, false, m.pkg, &m.name) {
                        LookupResult::Method { sig, obj, .. } => {
                            // A generic method never satisfies an interface method.
                            if self
                                .p
                                .func_type_params
                                .get(&obj)
                                .is_some_and(|v| !v.is_empty())
                            {
                                return false;
                            }
                            sig
                        }
                        _ => return false,
                    };
                    let sig = self.without_recv(sig);
                    if !self.unify(u, m.sig, sig, EXACT, d) {
                        return false;
                    }
                }
                return true;
            }
        }
        // An unbound type parameter goes to x.
        if self.is_type_param(y) {
            std::mem::swap(&mut x, &mut y);
        }
        // Element types must match exactly below the top level of an assignment.
        let emode = UnifyMode {
            exact: mode.exact || mode.assign,
            assign: false,
        };
        let xt = self.p.ty(x).clone();
        let yt = self.p.ty(y).clone();
        match (xt, yt) {
            (Type::Basic(a), Type::Basic(b)) => a == b,
            (Type::Array(a, n), Type::Array(b, m)) => n == m && self.unify(u, a, b, emode, d),
            (Type::Slice(a), Type::Slice(b)) | (Type::Pointer(a), Type::Pointer(b)) => {
                self.unify(u, a, b, emode, d)
            }
            (Type::Struct(f1), Type::Struct(f2)) => {
                f1.len() == f2.len()
                    && f1.iter().zip(&f2).all(|(a, b)| {
                        a.embedded == b.embedded
                            && a.tag == b.tag
                            && a.name == b.name
                            && a.pkg == b.pkg
                            && self.unify(u, a.typ, b.typ, emode, d)
                    })
            }
            (Type::Tuple(a), Type::Tuple(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .zip(&b)
                        .all(|(p, q)| self.unify(u, *p, *q, mode, d))
            }
            (Type::Func(s1), Type::Func(s2)) => {
                s1.variadic == s2.variadic
                    && s1.params.len() == s2.params.len()
                    && s1.results.len() == s2.results.len()
                    && s1
                        .params
                        .iter()
                        .zip(&s2.params)
                        .all(|(p, q)| self.unify(u, *p, *q, emode, d))
                    && s1
                        .results
                        .iter()
                        .zip(&s2.results)
                        .all(|(p, q)| self.unify(u, *p, *q, emode, d))
            }
            (Type::Interface(a), Type::Interface(b)) => {
                a.comparable == b.comparable
                    && a.terms == b.terms
                    && a.methods.len() == b.methods.len()
                    && a.methods.iter().zip(&b.methods).all(|(m, n)| {
                        m.name == n.name && m.pkg == n.pkg && self.unify(u, m.sig, n.sig, EXACT, d)
                    })
            }
            (Type::Map(k1, v1), Type::Map(k2, v2)) => {
                self.unify(u, k1, k2, emode, d) && self.unify(u, v1, v2, emode, d)
            }
            (Type::Chan(d1, a), Type::Chan(d2, b)) => {
                (!mode.exact || d1 == d2) && self.unify(u, a, b, emode, d)
            }
            (Type::Named(n1), Type::Named(n2)) => {
                if n1.type_args.len() != n2.type_args.len() {
                    return false;
                }
                for (a, b) in n1.type_args.iter().zip(&n2.type_args) {
                    if !self.unify(u, *a, *b, mode, d) {
                        return false;
                    }
                }
                match (n1.origin, n2.origin) {
                    (Some(a), Some(b)) => a == b,
                    _ => false,
                }
            }
            (Type::TypeParam(_), _) => {
                // An unbound type parameter (of the enclosing function): its core type stands for
                // every type of its type set.
                match self.core_type(x) {
                    Some(cx) if cx != x => self.unify(u, cx, y, ASSIGN, d),
                    _ => false,
                }
            }
            _ => false,
        }
    }

    /// A method signature without its receiver (the type of the method as a function value).
    pub(crate) fn without_recv(&mut self, sig: TypeId) -> TypeId {
        match self.p.ty(sig).clone() {
            Type::Func(s) if s.recv.is_some() => self.p.types.func(s.params, s.results, s.variadic),
            _ => sig,
        }
    }

    /// Infers the type arguments for `tparams` (the first `explicit.len()` given) from parameter
    /// types and arguments. Returns the complete list, or an error message (positioned by the
    /// caller unless it names an argument index).
    pub(crate) fn infer(
        &mut self,
        tparams: &[TypeId],
        explicit: &[TypeId],
        params: &[TypeId],
        args: &[InferArg],
    ) -> Result<Vec<TypeId>, InferError> {
        let mut u = Unifier::new(tparams.to_vec(), explicit);
        if u.unknowns() == 0 {
            return Ok(u.inferred().into_iter().flatten().collect());
        }
        // The explicit type arguments replace their type parameters in the parameter types
        // first (types2's infer): a parameter typed by one of them is then an ordinary
        // parameter, to which the argument need only be assignable.
        let k = explicit.len().min(tparams.len());
        let substituted: Vec<TypeId>;
        let params = if k > 0 {
            substituted = params
                .iter()
                .map(|&p| self.subst(p, &tparams[..k], &explicit[..k]))
                .collect();
            &substituted[..]
        } else {
            params
        };
        // 1. Typed arguments against their parameters.
        let mut untyped: Vec<usize> = Vec::new();
        for (i, a) in args.iter().enumerate() {
            let Some(&par) = params.get(i) else { break };
            if self.is_invalid(a.typ) {
                continue;
            }
            if self.mentions_any(par, tparams) || self.mentions_any(a.typ, tparams) {
                if !a.untyped {
                    if !self.unify(&mut u, par, a.typ, ASSIGN, 0) {
                        let inferred = self.subst_partial(&u, par);
                        return Err(InferError::Arg {
                            index: i,
                            param: par,
                            inferred: (inferred != par).then_some(inferred),
                            none_known: u.unknowns() == tparams.len(),
                        });
                    }
                } else if tparams.contains(&par) && !a.is_nil {
                    untyped.push(i);
                }
            }
        }
        // 2. Constraint type inference.
        loop {
            let before = u.unknowns();
            for (i, &tp) in tparams.iter().enumerate() {
                let tx = u.at(i);
                if let Some((core, single)) = self.core_term(tp) {
                    match tx {
                        Some(tx) if !self.unify(&mut u, tx, core.typ, INEXACT, 0) => {
                            return Err(InferError::Constraint {
                                tparam: tp,
                                typ: tx,
                            });
                        }
                        Some(_) => {}
                        None if single && !core.tilde => u.set(i, core.typ),
                        None => {}
                    }
                }
                if let Some(tx) = u.at(i)
                    && !self.mentions_any(tx, tparams)
                {
                    self.unify_constraint_methods(&mut u, tp, tx);
                }
            }
            if u.unknowns() == before {
                break;
            }
        }
        // 3. Untyped arguments: the default type of the "largest" constant kind.
        let mut max_untyped: Vec<(usize, TypeId)> = Vec::new();
        for &ai in &untyped {
            let Some(ti) = tparams.iter().position(|&p| p == params[ai]) else {
                continue;
            };
            if u.at(ti).is_some() {
                continue;
            }
            let t = args[ai].typ;
            match max_untyped.iter_mut().find(|(i, _)| *i == ti) {
                Some((_, m)) => match self.max_untyped(*m, t) {
                    Some(n) => *m = n,
                    None => {
                        return Err(InferError::Mismatch {
                            a: *m,
                            b: t,
                            tparam: tparams[ti],
                            index: ai,
                        });
                    }
                },
                None => max_untyped.push((ti, t)),
            }
        }
        for (ti, t) in max_untyped {
            let d = self.default_type(t);
            u.set(ti, d);
        }
        // 4. Simplify: substitute inferred types into each other until nothing changes.
        let mut inferred = u.inferred();
        for (i, t) in inferred.iter_mut().enumerate() {
            // A type parameter inferred as a type mentioning itself is a cycle: unknown.
            if let Some(x) = *t
                && x != tparams[i]
                && self.mentions_any(x, &tparams[i..=i])
            {
                *t = None;
            }
        }
        for _ in 0..=tparams.len() {
            let args: Vec<TypeId> = tparams
                .iter()
                .zip(&inferred)
                .map(|(p, t)| t.unwrap_or(*p))
                .collect();
            let mut changed = false;
            for t in inferred.iter_mut().flatten() {
                let n = self.subst(*t, tparams, &args);
                if n != *t {
                    *t = n;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let mut out = Vec::with_capacity(tparams.len());
        for (i, t) in inferred.into_iter().enumerate() {
            match t {
                Some(t) if !self.mentions_any(t, tparams) => out.push(t),
                _ => return Err(InferError::CannotInfer { tparam: tparams[i] }),
            }
        }
        Ok(out)
    }

    /// Unifies the methods a type parameter's constraint requires with those of its inferred
    /// type argument (this infers type parameters used only in method signatures).
    fn unify_constraint_methods(&mut self, u: &mut Unifier, tp: TypeId, tx: TypeId) {
        let Type::TypeParam(p) = self.p.ty(tp) else {
            return;
        };
        let Type::Interface(it) = self.p.ty(self.under(p.constraint)).clone() else {
            return;
        };
        for m in &it.methods {
            let sig = match self.lookup_field_or_method(tx, false, m.pkg, &m.name) {
                LookupResult::Method { sig, .. } => sig,
                _ => continue,
            };
            let sig = self.without_recv(sig);
            // Failures are reported when the type arguments are verified.
            self.unify(u, m.sig, sig, EXACT, 0);
        }
    }

    /// `t` with what is known so far substituted (for messages).
    fn subst_partial(&mut self, u: &Unifier, t: TypeId) -> TypeId {
        let tps = u.tparams.clone();
        let args: Vec<TypeId> = tps
            .iter()
            .enumerate()
            .map(|(i, p)| u.at(i).unwrap_or(*p))
            .collect();
        self.subst(t, &tps, &args)
    }

    /// The larger of two untyped constant kinds (int < rune < float < complex); `None` if they
    /// do not mix (e.g. string and int).
    fn max_untyped(&self, a: TypeId, b: TypeId) -> Option<TypeId> {
        let rank = |t: TypeId| match self.p.ty(t) {
            Type::Basic(BasicKind::UntypedInt) => Some(1),
            Type::Basic(BasicKind::UntypedRune) => Some(2),
            Type::Basic(BasicKind::UntypedFloat) => Some(3),
            Type::Basic(BasicKind::UntypedComplex) => Some(4),
            _ => None,
        };
        if a == b {
            return Some(a);
        }
        match (rank(a), rank(b)) {
            (Some(x), Some(y)) => Some(if x >= y { a } else { b }),
            _ => None,
        }
    }
}

/// Why inference failed; the caller words it with positions.
pub(crate) enum InferError {
    /// Argument `index` does not match its parameter type.
    Arg {
        index: usize,
        param: TypeId,
        inferred: Option<TypeId>,
        /// Nothing was inferred yet.
        none_known: bool,
    },
    /// An inferred type does not match the constraint's core type.
    Constraint {
        tparam: TypeId,
        typ: TypeId,
    },
    /// Untyped constant arguments of different kinds for one type parameter (the second one is
    /// argument `index`).
    Mismatch {
        a: TypeId,
        b: TypeId,
        tparam: TypeId,
        index: usize,
    },
    CannotInfer {
        tparam: TypeId,
    },
}
