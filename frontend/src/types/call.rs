//! Calls, conversions and composite literals.

use std::collections::HashMap;

use num_traits::ToPrimitive;

use super::check::{Checker, expr_string, is_exported, plural};
use super::constant;
use super::expr::{OpMode, Operand, start_pos};
use super::*;
use crate::ast::{Expr, ExprKind, Pos};

impl<'a> Checker<'a> {
    pub(crate) fn call_expr(&mut self, x: &mut Operand<'a>, e: &'a Expr, hint: Option<TypeId>) {
        let ExprKind::Call {
            func,
            args,
            ellipsis,
            rparen,
            ..
        } = &e.kind
        else {
            return;
        };
        let mut explicit: Vec<TypeId> = Vec::new();
        let f = match self.partial_instantiation(func) {
            Some((f, targs)) => {
                explicit = targs;
                f
            }
            None => self.raw_expr(func, None, true),
        };
        match f.mode {
            OpMode::Invalid => {
                for a in args {
                    self.raw_expr(a, None, true);
                }
            }
            OpMode::TypeExpr => {
                let t = f.typ;
                if let Some(n) = self.p.types.named(t)
                    && !n.type_params.is_empty()
                    && n.origin.is_none()
                {
                    self.error(
                        start_pos(func),
                        format!(
                            "cannot use generic type {} without instantiation",
                            expr_string(func)
                        ),
                    );
                    return;
                }
                if args.len() != 1 || ellipsis.is_some() {
                    if args.is_empty() {
                        self.error(
                            *rparen,
                            format!("missing argument in conversion to {}", self.ts(t)),
                        );
                    } else if args.len() > 1 {
                        self.error(
                            start_pos(&args[1]),
                            format!("too many arguments in conversion to {}", self.ts(t)),
                        );
                        for a in args {
                            self.expr(a);
                        }
                    } else {
                        self.error(
                            start_pos(&args[0]),
                            format!("invalid use of ... in conversion to {}", self.ts(t)),
                        );
                    }
                    return;
                }
                let mut y = self.expr_hint(&args[0], None);
                if y.mode == OpMode::Invalid {
                    return;
                }
                self.conversion(&mut y, t);
                if y.mode == OpMode::Invalid {
                    return;
                }
                *x = Operand { expr: Some(e), ..y };
            }
            OpMode::Builtin => {
                let b = f.builtin.unwrap_or(Builtin::Len);
                self.builtin(x, e, b, args, *ellipsis, hint);
            }
            _ => {
                let sig_t = match self.core_type(f.typ) {
                    Some(c) if matches!(self.p.ty(c), Type::Func(_)) => c,
                    _ => {
                        if f.mode != OpMode::Invalid {
                            self.error(
                                start_pos(e),
                                format!(
                                    "invalid operation: cannot call {}: {} is not a function",
                                    self.operand_string(&f),
                                    self.ts(f.typ)
                                ),
                            );
                        }
                        for a in args {
                            self.raw_expr(a, None, true);
                        }
                        return;
                    }
                };
                // Arguments.
                // Generic functions may be passed uninstantiated: inference (with the call's
                // own, or against a non-generic parameter type) instantiates them.
                let mut ops: Vec<Operand<'a>> = Vec::new();
                if args.len() == 1 && ellipsis.is_none() {
                    ops = self.multi_expr_generic(&args[0]);
                } else {
                    for a in args {
                        ops.push(self.expr_generic(a));
                    }
                }
                let mut sig_t = sig_t;
                if self.is_generic_func_operand(&f) {
                    match self.infer_call(&f, func, &mut ops, &explicit, ellipsis.is_some(), e) {
                        Some(t) => {
                            sig_t = t;
                            if !explicit.is_empty() {
                                self.record_type(func.id, OpMode::Value, t, None);
                            }
                        }
                        None => return,
                    }
                }
                let Some(sig) = self.p.types.signature(sig_t).cloned() else {
                    return;
                };
                self.arguments(e, func, &sig, &mut ops, args, *ellipsis, *rparen);
                x.expr = Some(e);
                match sig.results.len() {
                    0 => {
                        x.mode = OpMode::NoValue;
                        x.typ = self.p.types.tuple(vec![]);
                    }
                    1 => {
                        x.mode = OpMode::Value;
                        x.typ = sig.results[0];
                    }
                    _ => {
                        x.mode = OpMode::Value;
                        x.typ = self.p.types.tuple(sig.results.clone());
                    }
                }
            }
        }
    }

    pub(crate) fn types_summary(&self, ts: &[TypeId], variadic: bool) -> String {
        let mut parts = Vec::new();
        for (i, &t) in ts.iter().enumerate() {
            let mut s = if self.is_invalid(t) {
                "unknown type".to_string()
            } else if self.is_untyped(t) {
                if self.is_numeric(t) {
                    "number".to_string()
                } else {
                    self.p.ty(t).basic_name().replace("untyped ", "")
                }
            } else {
                self.ts(t)
            };
            if variadic
                && i + 1 == ts.len()
                && let Type::Slice(el) = self.p.ty(t)
            {
                s = format!("...{}", self.ts(*el));
            }
            parts.push(s);
        }
        format!("({})", parts.join(", "))
    }

    #[allow(clippy::too_many_arguments)]
    fn arguments(
        &mut self,
        call: &'a Expr,
        func: &'a Expr,
        sig: &Signature,
        ops: &mut [Operand<'a>],
        args: &'a [Expr],
        ellipsis: Option<Pos>,
        rparen: Pos,
    ) {
        let _ = rparen;
        if ops.iter().any(|o| o.mode == OpMode::Invalid) {
            return;
        }
        let nargs = ops.len();
        let npars = sig.params.len();
        let mut params: Vec<TypeId> = sig.params.clone();
        if sig.variadic {
            if ellipsis.is_some() {
                if nargs == 1 && args.len() == 1 && npars > 1 {
                    // f(g()...) is not allowed with multi-value g.
                }
            } else if nargs >= npars - 1 {
                // Expand the variadic parameter.
                let last = params.pop().unwrap_or(self.invalid());
                let elem = match self.p.ty(self.under(last)) {
                    Type::Slice(e) => *e,
                    _ => self.invalid(),
                };
                while params.len() < nargs {
                    params.push(elem);
                }
            }
        } else if let Some(p) = ellipsis {
            self.error(
                p,
                format!(
                    "cannot use ... in call to non-variadic {}",
                    expr_string(func)
                ),
            );
            let _ = p;
            return;
        }
        if nargs != params.len() {
            let (at, q) = if nargs > params.len() {
                (ops[params.len()].pos(), "too many")
            } else if nargs > 0 {
                (ops[nargs - 1].pos(), "not enough")
            } else {
                (start_pos(call), "not enough")
            };
            // A single multi-value argument (`f(g())`) is reported at its start.
            let at = if nargs != params.len() && args.len() == 1 && nargs > 1 {
                start_pos(&args[0])
            } else {
                at
            };
            let have: Vec<TypeId> = ops.iter().map(|o| o.typ).collect();
            let msg = format!(
                "{q} arguments in call to {}\n\thave {}\n\twant {}",
                expr_string(func),
                self.types_summary(&have, false),
                self.types_summary(&sig.params, sig.variadic)
            );
            self.error(at, msg);
            return;
        }
        let ctx = format!("argument to {}", expr_string(func));
        let lparen = match &call.kind {
            ExprKind::Call { lparen, .. } => *lparen,
            _ => start_pos(call),
        };
        for (i, o) in ops.iter_mut().enumerate() {
            if self.is_generic_func_operand(o) && !self.infer_generic_value(o, params[i], lparen) {
                let s = o.expr.map(expr_string).unwrap_or_default();
                self.error(
                    o.pos(),
                    format!("cannot use generic function {s} without instantiation"),
                );
                continue;
            }
            self.assignment(o, params[i], &ctx);
        }
    }

    /// `f[A](args)` naming fewer type arguments than the generic function `f` has: returns `f`
    /// and the given type arguments (the call infers the rest). `None` for anything else, with
    /// nothing evaluated.
    fn partial_instantiation(&mut self, func: &'a Expr) -> Option<(Operand<'a>, Vec<TypeId>)> {
        let ExprKind::Index {
            x: base, indices, ..
        } = &func.kind
        else {
            return None;
        };
        // Only a plain or qualified name can denote a generic function; resolve it without
        // recording anything first.
        let o = match &base.unparen().kind {
            ExprKind::Ident(id) => self.lookup(self.env.scope, &id.name)?,
            ExprKind::Selector { x, sel } => {
                let ExprKind::Ident(pk) = &x.kind else {
                    return None;
                };
                let po = self.lookup(self.env.scope, &pk.name)?;
                let ObjKind::PkgName { imported } = self.p.obj(po).kind else {
                    return None;
                };
                let sc = self.p.package(imported).scope;
                self.p.scope_lookup(sc, &sel.name)?
            }
            _ => return None,
        };
        let n = self.p.func_type_params.get(&o).map_or(0, |v| v.len());
        if n == 0 || indices.len() >= n {
            return None;
        }
        let f = self.raw_expr(base, None, true);
        if !self.is_generic_func_operand(&f) {
            return Some((Operand::invalid(), Vec::new()));
        }
        let mut targs = Vec::new();
        for i in indices {
            let t = self.typ(i);
            if self.is_invalid(t) {
                return Some((Operand::invalid(), Vec::new()));
            }
            targs.push(t);
        }
        Some((f, targs))
    }

    // ---------------------------------------------------------------- conversions

    /// `T(x)`.
    pub(crate) fn conversion(&mut self, x: &mut Operand<'a>, t: TypeId) {
        let const_arg = x.mode == OpMode::Constant;
        let tu = self.under(t);
        let mut ok = false;
        let mut result_const = false;
        if const_arg && self.is_const_type(t) {
            let v = x.val.clone().unwrap_or(constant::int(0));
            let tk = self.p.types.basic_kind(t).unwrap_or(BasicKind::Invalid);
            if self.is_integer(x.typ) && tk.is_string() {
                // string(rune) of a constant.
                let c = constant::to_int(&v)
                    .and_then(|i| i.to_u32())
                    .and_then(char::from_u32)
                    .unwrap_or('\u{FFFD}');
                x.val = Some(ConstValue::String(c.to_string().into_bytes().into()));
                ok = true;
                result_const = true;
            } else {
                match constant::representable(&v, tk) {
                    Ok(nv) => {
                        let same_class = (self.is_numeric(x.typ) && tk.is_numeric())
                            || (self.is_string(x.typ) && tk.is_string())
                            || (self.is_boolean(x.typ) && tk.is_boolean());
                        if same_class {
                            // float → int must be exact (representable already checks).
                            x.val = Some(nv);
                            ok = true;
                            result_const = true;
                        }
                    }
                    Err(_) => {
                        if self.is_integer(x.typ) && tk.is_integer() {
                            self.error(
                                x.pos(),
                                format!(
                                    "cannot convert {} to type {}: constant {} overflows {}",
                                    self.operand_string(x),
                                    self.ts(t),
                                    constant::format(&v),
                                    self.ts(t)
                                ),
                            );
                            // types2 (go.dev/issue/63563) words it "constant X overflows T".
                            self.errors.pop();
                            self.error(
                                x.pos(),
                                format!(
                                    "constant {} overflows {}",
                                    constant::format(&v),
                                    self.ts(t)
                                ),
                            );
                            x.mode = OpMode::Invalid;
                            return;
                        }
                        // types2's representableConst has already replaced an integral
                        // value by its integer when the target is an integer type.
                        if tk.is_integer()
                            && let Some(i) = constant::to_int(&v)
                        {
                            x.val = Some(ConstValue::Int(i));
                        }
                    }
                }
            }
        } else {
            ok = self.convertible_to(x, t);
        }
        if !ok {
            self.error(
                x.pos(),
                format!(
                    "cannot convert {} to type {}",
                    self.operand_string(x),
                    self.ts(t)
                ),
            );
            x.mode = OpMode::Invalid;
            return;
        }
        if self.is_untyped(x.typ) {
            let mut fin = t;
            if self.is_interface(t)
                || (const_arg && !self.is_const_type(t))
                || (x.typ == self.basic(BasicKind::UntypedNil) && !self.has_nil(t))
            {
                fin = self.default_type(x.typ);
            }
            if let Some(e) = x.expr {
                self.update_expr_type(e, fin, true);
            }
        }
        let _ = tu;
        x.mode = if result_const {
            OpMode::Constant
        } else {
            OpMode::Value
        };
        if !result_const {
            x.val = None;
        }
        x.typ = t;
    }

    fn convertible_to(&mut self, x: &Operand<'a>, t: TypeId) -> bool {
        if self.assignable_to(x, t).is_ok() {
            return true;
        }
        let v = if self.is_untyped(x.typ) {
            self.default_type(x.typ)
        } else {
            x.typ
        };
        if x.typ == self.basic(BasicKind::UntypedNil) {
            return self.has_nil(t);
        }
        let vu = self.under(v);
        let tu = self.under(t);
        if !self.is_type_param(v) && !self.is_type_param(t) && self.identical_ignore_tags(vu, tu) {
            return true;
        }
        if let (Type::Pointer(a), Type::Pointer(b)) = (self.p.ty(v).clone(), self.p.ty(t).clone())
            && self.identical_ignore_tags(self.under(a), self.under(b))
        {
            return true;
        }
        let num = |c: &Self, t: TypeId| c.is_integer(t) || c.is_float(t);
        if num(self, v) && num(self, t) {
            return true;
        }
        if self.is_complex(v) && self.is_complex(t) {
            return true;
        }
        if (self.is_integer(v) || self.is_bytes_or_runes(vu)) && self.is_string(t) {
            return true;
        }
        if self.is_string(v) && self.is_bytes_or_runes(tu) {
            return true;
        }
        let up = self.basic(BasicKind::UnsafePointer);
        let is_ptr_or_uintptr = |c: &Self, t: TypeId| {
            matches!(c.p.ty(c.under(t)), Type::Pointer(_))
                || c.p.types.basic_kind(t) == Some(BasicKind::Uintptr)
        };
        if (is_ptr_or_uintptr(self, v) && tu == up) || (vu == up && is_ptr_or_uintptr(self, t)) {
            return true;
        }
        // Slice to array or array pointer.
        if let Type::Slice(se) = self.p.ty(vu).clone() {
            match self.p.ty(tu).clone() {
                Type::Array(ae, _) if self.p.identical(se, ae) => return true,
                Type::Pointer(p) => {
                    if let Type::Array(ae, _) = self.p.ty(self.under(p)).clone()
                        && self.p.identical(se, ae)
                    {
                        return true;
                    }
                }
                _ => {}
            }
        }
        // Type parameters: convertible for every term.
        if self.is_type_param(v) || self.is_type_param(t) {
            let vts = self.terms_or_self(v);
            let tts = self.terms_or_self(t);
            let (Some(vts), Some(tts)) = (vts, tts) else {
                return false;
            };
            for a in &vts {
                for b in &tts {
                    let y = Operand {
                        typ: *a,
                        mode: OpMode::Value,
                        val: None,
                        expr: None,
                        builtin: None,
                    };
                    if !self.convertible_to(&y, *b) {
                        return false;
                    }
                }
            }
            return true;
        }
        false
    }

    fn terms_or_self(&self, t: TypeId) -> Option<Vec<TypeId>> {
        if let Type::TypeParam(tp) = self.p.ty(t) {
            return match self.p.ty(self.under(tp.constraint)) {
                Type::Interface(it) => it
                    .terms
                    .as_ref()
                    .filter(|ts| !ts.is_empty())
                    .map(|ts| ts.iter().map(|x| x.typ).collect()),
                _ => None,
            };
        }
        Some(vec![t])
    }

    fn is_bytes_or_runes(&self, t: TypeId) -> bool {
        if let Type::Slice(e) = self.p.ty(t) {
            return matches!(
                self.p.types.basic_kind(*e),
                Some(BasicKind::Uint8) | Some(BasicKind::Int32)
            );
        }
        false
    }

    fn identical_ignore_tags(&self, a: TypeId, b: TypeId) -> bool {
        if self.p.identical(a, b) {
            return true;
        }
        match (self.p.ty(a), self.p.ty(b)) {
            (Type::Struct(fa), Type::Struct(fb)) => {
                fa.len() == fb.len()
                    && fa.iter().zip(fb).all(|(x, y)| {
                        x.name == y.name
                            && x.embedded == y.embedded
                            && x.pkg == y.pkg
                            && self.p.identical(x.typ, y.typ)
                    })
            }
            _ => false,
        }
    }

    // ---------------------------------------------------------------- composite literals

    pub(crate) fn composite_lit(
        &mut self,
        x: &mut Operand<'a>,
        e: &'a Expr,
        typ: Option<&'a Expr>,
        elts: &'a [Expr],
        rbrace: Pos,
        hint: Option<TypeId>,
    ) {
        let _ = rbrace;
        let (typ, mut base) = match typ {
            Some(te) => {
                // [...]T{...}
                if let ExprKind::ArrayType {
                    len: Some(len),
                    elem,
                } = &te.kind
                    && matches!(len.kind, ExprKind::Ellipsis(None))
                {
                    let et = self.typ(elem);
                    let n = self.indexed_elts(elts, et, None);
                    let at = self.p.types.array(et, n);
                    self.record_type(te.id, OpMode::TypeExpr, at, None);
                    x.mode = OpMode::Value;
                    x.typ = at;
                    return;
                }
                let t = self.typ(te);
                (t, t)
            }
            None => match hint {
                Some(h) => {
                    let mut b = h;
                    if let Some(c) = self.core_type(h)
                        && let Type::Pointer(pb) = self.p.ty(c)
                    {
                        b = *pb;
                    }
                    (h, b)
                }
                None => {
                    self.error(e.pos, "invalid composite literal type: missing type");
                    for el in elts {
                        self.raw_expr(el, None, true);
                    }
                    return;
                }
            },
        };
        if self.is_invalid(typ) {
            for el in elts {
                if let ExprKind::KeyValue { value, .. } = &el.kind {
                    self.raw_expr(value, None, true);
                } else {
                    self.raw_expr(el, None, true);
                }
            }
            return;
        }
        if let Some(c) = self.core_type(base) {
            base = c;
        }
        match self.p.ty(base).clone() {
            Type::Struct(fields) => {
                if elts.is_empty() {
                } else if matches!(elts[0].kind, ExprKind::KeyValue { .. }) {
                    // Field index paths given so far (promoted fields have longer paths), to
                    // report duplicates and overlaps as types2's trie does.
                    let mut seen: Vec<(Vec<u32>, String)> = Vec::new();
                    for el in elts {
                        let ExprKind::KeyValue { key, value, .. } = &el.kind else {
                            self.error(
                                start_pos(el),
                                "mixture of field:value and value elements in struct literal",
                            );
                            self.expr(el);
                            continue;
                        };
                        let ExprKind::Ident(kid) = &key.kind else {
                            self.error(
                                start_pos(key),
                                format!(
                                    "invalid field name {} in struct literal",
                                    expr_string(key)
                                ),
                            );
                            self.expr(value);
                            continue;
                        };
                        // A blank field can never be named (types2's fieldIndex skips `_`).
                        let idx = fields.iter().position(|f| {
                            f.name != "_"
                                && f.name == kid.name
                                && (f.pkg.is_none() || f.pkg == Some(self.pkg))
                        });
                        let (path, ft) = match idx {
                            Some(i) => {
                                if let Some(objs) = self.p.field_objs.get(&base)
                                    && let Some(&fo) = objs.get(i)
                                {
                                    self.p.info.uses.insert(kid.id, fo);
                                }
                                (vec![i as u32], fields[i].typ)
                            }
                            None => match if kid.name == "_" {
                                LookupResult::NotFound {
                                    ptr_to_iface: false,
                                    wrong_case: None,
                                }
                            } else {
                                self.lookup_field_or_method(base, false, Some(self.pkg), &kid.name)
                            } {
                                // Go 1.27: a promoted field may be named (not through a pointer).
                                LookupResult::Field {
                                    obj,
                                    index,
                                    indirect,
                                    typ: ft,
                                } if index.len() > 1 => {
                                    if indirect {
                                        self.error(
                                            kid.pos,
                                            format!(
                                                "invalid implicit pointer indirection to reach {}",
                                                kid.name
                                            ),
                                        );
                                        self.expr(value);
                                        continue;
                                    }
                                    self.p.info.uses.insert(kid.id, obj);
                                    self.p
                                        .info
                                        .promoted_lit_fields
                                        .insert(kid.id, index.clone());
                                    (index, ft)
                                }
                                _ => {
                                    let other_pkg = kid.name != "_"
                                        && fields.iter().any(|f| f.name == kid.name);
                                    if other_pkg {
                                        self.error(kid.pos, format!("cannot refer to unexported field {} in struct literal of type {}", kid.name, self.ts(typ)));
                                    } else {
                                        self.error(
                                            kid.pos,
                                            format!(
                                                "unknown field {} in struct literal of type {}",
                                                kid.name,
                                                self.ts(typ)
                                            ),
                                        );
                                    }
                                    self.expr(value);
                                    continue;
                                }
                            },
                        };
                        let mut v = self.expr_hint(value, Some(ft));
                        if let Some((other, oname)) = seen
                            .iter()
                            .find(|(p, _)| p.starts_with(&path) || path.starts_with(p))
                        {
                            let msg = if *other == path {
                                format!("duplicate field name {} in struct literal", kid.name)
                            } else if other.len() < path.len() {
                                format!(
                                    "cannot specify promoted field {} and enclosing embedded field {}",
                                    kid.name, oname
                                )
                            } else {
                                format!(
                                    "cannot specify embedded field {} and enclosed promoted field {}",
                                    kid.name, oname
                                )
                            };
                            self.error(kid.pos, msg);
                            continue;
                        }
                        seen.push((path, kid.name.clone()));
                        self.assignment(&mut v, ft, "struct literal");
                    }
                } else {
                    for (i, el) in elts.iter().enumerate() {
                        if let ExprKind::KeyValue { value, .. } = &el.kind {
                            self.error(
                                start_pos(el),
                                "mixture of field:value and value elements in struct literal",
                            );
                            self.expr(value);
                            continue;
                        }
                        let Some(f) = fields.get(i) else {
                            self.error(
                                start_pos(el),
                                format!(
                                    "too many values in struct literal of type {}",
                                    self.ts(typ)
                                ),
                            );
                            self.expr(el);
                            break;
                        };
                        let mut v = self.expr_hint(el, Some(f.typ));
                        if f.pkg.is_some() && f.pkg != Some(self.pkg) {
                            self.error(start_pos(el), format!("implicit assignment to unexported field {} in struct literal of type {}", f.name, self.ts(typ)));
                            continue;
                        }
                        self.assignment(&mut v, f.typ, "struct literal");
                    }
                    if elts.len() < fields.len() && !elts.is_empty() {
                        self.error(
                            rbrace,
                            format!("too few values in struct literal of type {}", self.ts(typ)),
                        );
                    }
                }
            }
            Type::Array(et, n) => {
                self.indexed_elts(elts, et, Some(n));
            }
            Type::Slice(et) => {
                let n = self.indexed_elts(elts, et, None);
                // The literal's backing store is a `[n]T` (gc allocates it as one): intern the
                // type so that the midend can allocate it and describe it.
                self.p.types.array(et, n);
            }
            Type::Map(kt, vt) => {
                let mut seen: HashMap<String, ()> = HashMap::new();
                for el in elts {
                    let ExprKind::KeyValue { key, value, .. } = &el.kind else {
                        self.error(start_pos(el), "missing key in map literal");
                        self.expr(el);
                        continue;
                    };
                    let mut k = self.expr_hint(key, Some(kt));
                    self.assignment(&mut k, kt, "map literal");
                    if k.mode == OpMode::Constant
                        && let Some(v) = &k.val
                    {
                        // String keys by their bytes: `"\x80"` and `"\x81"` differ.
                        let ks = match v {
                            ConstValue::String(s) => {
                                format!("{}:s{}", self.ts(k.typ), s.bytes().escape_ascii())
                            }
                            _ => format!("{}:{:?}", self.ts(k.typ), v),
                        };
                        if seen.insert(ks, ()).is_some() {
                            self.error(
                                start_pos(key),
                                format!("duplicate key {} in map literal", expr_string(key)),
                            );
                        }
                    }
                    let mut v = self.expr_hint(value, Some(vt));
                    self.assignment(&mut v, vt, "map literal");
                }
            }
            _ => {
                if !self.is_invalid(base) {
                    self.error(
                        e.pos,
                        format!("invalid composite literal type {}", self.ts(typ)),
                    );
                }
                for el in elts {
                    self.raw_expr(el, None, true);
                }
                return;
            }
        }
        x.mode = OpMode::Value;
        x.typ = typ;
    }

    /// Elements of array/slice literals; returns the length (max index + 1).
    fn indexed_elts(&mut self, elts: &'a [Expr], et: TypeId, length: Option<u64>) -> u64 {
        let mut idx: u64 = 0;
        let mut max: u64 = 0;
        let mut seen = std::collections::HashSet::new();
        for el in elts {
            let mut valid_index = true;
            let value = if let ExprKind::KeyValue { key, value, .. } = &el.kind {
                // As types2's indexedElts: the key is checked like any index (so its errors
                // read "invalid argument: index ..."), and a valid but non-constant key is
                // reported here.
                let before = self.errors.len();
                let ok = match self.index(key, length) {
                    Some(i) => {
                        idx = i;
                        true
                    }
                    None => {
                        if self.errors.len() == before {
                            self.error(
                                start_pos(el),
                                format!("index {} must be integer constant", expr_string(key)),
                            );
                        }
                        false
                    }
                };
                valid_index = ok;
                &**value
            } else {
                el
            };
            if valid_index {
                if let Some(n) = length
                    && idx >= n
                    && !matches!(el.kind, ExprKind::KeyValue { .. })
                {
                    self.error(
                        start_pos(value),
                        format!("index {idx} is out of bounds (>= {n})"),
                    );
                    valid_index = false;
                } else if !seen.insert(idx) {
                    self.error(
                        start_pos(el),
                        format!("duplicate index {idx} in array or slice literal"),
                    );
                    valid_index = false;
                }
            }
            let _ = valid_index;
            let mut v = self.expr_hint(value, Some(et));
            self.assignment(&mut v, et, "array or slice literal");
            idx += 1;
            max = max.max(idx);
        }
        max
    }
}

#[allow(dead_code)]
fn unused(_: &str) -> bool {
    is_exported("") || plural(0).is_empty()
}
