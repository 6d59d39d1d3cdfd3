//! Expressions: operands, identifiers, literals, operators, conversions of untyped values,
//! assignability, selectors, index and slice expressions, type assertions.

use num_traits::{Signed, ToPrimitive, Zero};

use super::check::{Checker, MAX_DEPTH, expr_string, is_exported};
use super::constant::{self, OpError};
use super::lookup::LookupResult;
use super::*;
use crate::ast::{self, BinaryOp, Expr, ExprKind, Pos, UnaryOp};

/// Longest constant string (gc's `cmd/internal/obj.MaxSymSize`, go.dev/issue/78346).
const MAX_CONST_STRING_LEN: u64 = 2_000_000_000;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum OpMode {
    Invalid,
    NoValue,
    Builtin,
    TypeExpr,
    Constant,
    Variable,
    MapIndex,
    Value,
    CommaOk,
}

#[derive(Clone, Debug)]
pub(crate) struct Operand<'a> {
    pub mode: OpMode,
    pub typ: TypeId,
    pub val: Option<ConstValue>,
    pub expr: Option<&'a Expr>,
    pub builtin: Option<Builtin>,
}

impl<'a> Operand<'a> {
    pub fn invalid() -> Operand<'a> {
        Operand {
            mode: OpMode::Invalid,
            typ: TypeId::new(0),
            val: None,
            expr: None,
            builtin: None,
        }
    }
    pub fn pos(&self) -> Pos {
        self.expr.map(start_pos).unwrap_or(Pos::NONE)
    }
}

/// The position of the first token of an expression (types2 reports at start positions).
pub(crate) fn start_pos(e: &Expr) -> Pos {
    let mut e = e;
    for _ in 0..1000 {
        match &e.kind {
            ExprKind::Binary { x, .. }
            | ExprKind::Selector { x, .. }
            | ExprKind::Index { x, .. }
            | ExprKind::Slice { x, .. }
            | ExprKind::TypeAssert { x, .. } => e = x,
            ExprKind::Call { func, .. } => e = func,
            ExprKind::KeyValue { key, .. } => e = key,
            ExprKind::CompositeLit { typ: Some(t), .. } => e = t,
            _ => return e.pos,
        }
    }
    e.pos
}

impl<'a> Checker<'a> {
    // ---------------------------------------------------------------- predicates

    pub fn is_untyped(&self, t: TypeId) -> bool {
        matches!(self.p.ty(t), Type::Basic(k) if k.is_untyped())
    }
    fn kind_pred(&self, t: TypeId, f: fn(BasicKind) -> bool) -> bool {
        let u = self.under(t);
        match self.p.ty(u) {
            Type::Basic(k) => f(*k),
            Type::TypeParam(_) => self.all_terms(u, |c, t| c.kind_pred(t, f)),
            _ => false,
        }
    }
    pub fn is_integer(&self, t: TypeId) -> bool {
        self.kind_pred(t, BasicKind::is_integer)
    }
    pub fn is_unsigned(&self, t: TypeId) -> bool {
        self.kind_pred(t, BasicKind::is_unsigned)
    }
    pub fn is_numeric(&self, t: TypeId) -> bool {
        self.kind_pred(t, BasicKind::is_numeric)
    }
    pub fn is_string(&self, t: TypeId) -> bool {
        self.kind_pred(t, BasicKind::is_string)
    }
    pub fn is_boolean(&self, t: TypeId) -> bool {
        self.kind_pred(t, BasicKind::is_boolean)
    }
    pub fn is_float(&self, t: TypeId) -> bool {
        self.kind_pred(t, BasicKind::is_float)
    }
    pub fn is_complex(&self, t: TypeId) -> bool {
        self.kind_pred(t, BasicKind::is_complex)
    }
    pub fn is_ordered(&self, t: TypeId) -> bool {
        self.kind_pred(t, |k| k.is_integer() || k.is_float() || k.is_string())
    }
    /// Whether `t`'s underlying type is a slice of bytes (`[]byte` or a slice of a byte-based
    /// defined type).
    pub fn is_byte_slice(&self, t: TypeId) -> bool {
        match self.p.ty(self.under(t)) {
            Type::Slice(e) => {
                matches!(self.p.ty(self.under(*e)), Type::Basic(BasicKind::Uint8))
            }
            _ => false,
        }
    }
    pub fn is_type_param(&self, t: TypeId) -> bool {
        matches!(self.p.ty(t), Type::TypeParam(_))
    }
    pub fn is_interface(&self, t: TypeId) -> bool {
        !self.is_type_param(t) && matches!(self.p.ty(self.under(t)), Type::Interface(_))
    }
    pub fn is_named(&self, t: TypeId) -> bool {
        matches!(
            self.p.ty(t),
            Type::Named(_) | Type::Basic(_) | Type::TypeParam(_)
        )
    }

    /// For a type parameter: whether `f` holds for every term of its type set (false if the type
    /// set has no specific terms).
    pub fn all_terms(&self, tp: TypeId, f: impl Fn(&Self, TypeId) -> bool) -> bool {
        let Type::TypeParam(p) = self.p.ty(tp) else {
            return f(self, tp);
        };
        match self.p.ty(self.under(p.constraint)) {
            Type::Interface(it) => match &it.terms {
                Some(ts) if !ts.is_empty() => ts.iter().all(|t| f(self, t.typ)),
                _ => false,
            },
            _ => false,
        }
    }

    /// The core type (spec): the underlying type, or for type parameters the single underlying
    /// type of all terms.
    pub fn core_type(&self, t: TypeId) -> Option<TypeId> {
        let u = self.under(t);
        let Type::TypeParam(p) = self.p.ty(u) else {
            return Some(u);
        };
        let Type::Interface(it) = self.p.ty(self.under(p.constraint)) else {
            return None;
        };
        let ts = it.terms.as_ref()?;
        let mut core: Option<TypeId> = None;
        for term in ts {
            let tu = self.under(term.typ);
            match core {
                None => core = Some(tu),
                Some(c) if c == tu => {}
                Some(_) => return None,
            }
        }
        core
    }

    pub fn has_nil(&self, t: TypeId) -> bool {
        match self.p.ty(self.under(t)) {
            Type::Pointer(_)
            | Type::Slice(_)
            | Type::Map(..)
            | Type::Chan(..)
            | Type::Func(_)
            | Type::Interface(_) => true,
            Type::Basic(BasicKind::UnsafePointer) | Type::Basic(BasicKind::UntypedNil) => true,
            Type::TypeParam(_) => self.all_terms(t, |c, x| c.has_nil(x)),
            _ => false,
        }
    }

    /// Where the scanner reported errors for a literal: (inside its text, just after it). A
    /// literal with an error inside is invalid without a message of its own, as types2 treats a
    /// `BasicLit` marked `Bad`; so is one that does not evaluate and has an error just after
    /// its text (`newline in string`, `hexadecimal literal has no digits` for `0x`).
    fn literal_lex_errors(&self, e: &Expr) -> (bool, bool) {
        let ExprKind::BasicLit { raw, .. } = &e.kind else {
            return (false, false);
        };
        let start = e.pos.offset;
        let end = start.saturating_add(raw.len() as u32);
        let Some(f) = self.files.iter().find(|f| f.file_index == e.pos.file) else {
            return (false, false);
        };
        let offs = &f.lex_error_offsets;
        let i = offs.partition_point(|&o| o < start);
        let inside = offs.get(i).is_some_and(|&o| o < end);
        let after = offs[i..]
            .iter()
            .take_while(|&&o| o <= end)
            .any(|&o| o == end);
        (inside, after)
    }

    /// The default type of an untyped constant's type (types2's `Default`): an untyped rune
    /// defaults to `rune`, which prints so; typed types are returned as they are spelled.
    pub fn default_type(&self, t: TypeId) -> TypeId {
        let k = match self.p.ty(t) {
            Type::Basic(k) => *k,
            _ => return t,
        };
        match k {
            BasicKind::UntypedBool => self.basic(BasicKind::Bool),
            BasicKind::UntypedInt => self.basic(BasicKind::Int),
            BasicKind::UntypedRune => self.p.rune_type,
            BasicKind::UntypedFloat => self.basic(BasicKind::Float64),
            BasicKind::UntypedComplex => self.basic(BasicKind::Complex128),
            BasicKind::UntypedString => self.basic(BasicKind::String),
            _ => t,
        }
    }

    // ---------------------------------------------------------------- operand strings

    /// types2's operand description: `x (variable of type int)`, `300 (untyped int constant)`.
    pub fn operand_string(&self, x: &Operand) -> String {
        let expr = match x.expr {
            Some(e) => expr_string(e),
            None => match x.mode {
                OpMode::TypeExpr => self.ts(x.typ),
                OpMode::Constant => x.val.as_ref().map(constant::format).unwrap_or_default(),
                _ => String::new(),
            },
        };
        if x.mode == OpMode::Value && x.typ == self.basic(BasicKind::UntypedNil) {
            return "nil".to_string();
        }
        let mut s = String::new();
        if !expr.is_empty() {
            s.push_str(&expr);
            s.push_str(" (");
        }
        let mut has_type = false;
        match x.mode {
            OpMode::Invalid | OpMode::NoValue | OpMode::Builtin | OpMode::TypeExpr => {}
            _ => {
                if self.is_untyped(x.typ) {
                    s.push_str(self.p.ty(x.typ).basic_name());
                    s.push(' ');
                } else {
                    has_type = true;
                }
            }
        }
        s.push_str(match x.mode {
            OpMode::Invalid => "invalid operand",
            OpMode::NoValue => "no value",
            OpMode::Builtin => "built-in",
            OpMode::TypeExpr => "type",
            OpMode::Constant => "constant",
            OpMode::Variable => "variable",
            OpMode::MapIndex => "map index expression",
            OpMode::Value => "value",
            OpMode::CommaOk => "comma, ok expression",
        });
        if x.mode == OpMode::Constant
            && let Some(v) = &x.val
        {
            let vs = constant::format(v);
            if vs != expr {
                s.push(' ');
                s.push_str(&vs);
            }
        }
        if has_type {
            if self.is_invalid(x.typ) {
                s.push_str(" with invalid type");
            } else {
                let mut desc = String::new();
                if let Type::Named(n) = self.p.ty(x.typ) {
                    if !n.type_params.is_empty() && n.origin.is_none() {
                        desc.push_str("generic ");
                    }
                    let what = self.composite_kind(x.typ);
                    if what.is_empty() {
                        desc.push_str(self.p.ty(self.under(x.typ)).basic_name());
                    } else {
                        desc.push_str(what);
                    }
                    desc.push(' ');
                }
                s.push_str(&format!(" of {desc}type {}", self.ts(x.typ)));
                if let Type::TypeParam(tp) = self.p.ty(x.typ) {
                    s.push_str(&format!(" constrained by {}", self.ts(tp.constraint)));
                }
            }
        }
        if !expr.is_empty() {
            s.push(')');
        }
        s
    }

    pub fn composite_kind(&self, t: TypeId) -> &'static str {
        match self.p.ty(self.under(t)) {
            Type::Basic(_) => "",
            Type::Array(..) => "array",
            Type::Slice(_) => "slice",
            Type::Struct(_) => "struct",
            Type::Pointer(_) => "pointer",
            Type::Func(_) => "func",
            Type::Interface(_) => "interface",
            Type::Map(..) => "map",
            Type::Chan(..) => "chan",
            Type::Tuple(_) => "tuple",
            _ => "",
        }
    }

    // ---------------------------------------------------------------- entry points

    /// A single-valued expression (not a type, not a no-value call).
    pub fn expr(&mut self, e: &'a Expr) -> Operand<'a> {
        self.expr_hint(e, None)
    }

    pub fn expr_hint(&mut self, e: &'a Expr, hint: Option<TypeId>) -> Operand<'a> {
        let mut x = self.raw_expr(e, hint, false);
        self.single_value(&mut x);
        self.exclude(&mut x, true);
        x
    }

    /// An expression that may also be a type.
    pub fn expr_or_type(&mut self, e: &'a Expr, _want_type: bool) -> Operand<'a> {
        let mut x = self.raw_expr(e, None, true);
        self.single_value(&mut x);
        if x.mode == OpMode::NoValue {
            self.error(
                x.pos(),
                format!("{} used as value or type", self.operand_string(&x)),
            );
            x.mode = OpMode::Invalid;
        }
        x
    }

    /// [`Checker::expr`], but an uninstantiated generic function is allowed (a call argument
    /// whose type arguments inference supplies).
    pub fn expr_generic(&mut self, e: &'a Expr) -> Operand<'a> {
        let mut x = self.raw_expr(e, None, true);
        self.single_value(&mut x);
        self.exclude(&mut x, true);
        if x.mode == OpMode::TypeExpr {
            self.non_generic(&mut x);
        }
        x
    }

    /// [`Checker::multi_expr`] allowing an uninstantiated generic function.
    pub fn multi_expr_generic(&mut self, e: &'a Expr) -> Vec<Operand<'a>> {
        let x = self.raw_expr(e, None, true);
        if x.mode == OpMode::Value && self.is_generic_func_operand(&x) {
            return vec![x];
        }
        if x.mode == OpMode::TypeExpr {
            // Types are excluded below; generic types need their own message first.
            let mut y = x.clone();
            self.non_generic(&mut y);
            if y.mode == OpMode::Invalid {
                return vec![y];
            }
        }
        self.spread_results(x)
    }

    /// An expression that may have several values (a call).
    pub fn multi_expr(&mut self, e: &'a Expr) -> Vec<Operand<'a>> {
        let x = self.raw_expr(e, None, false);
        self.spread_results(x)
    }

    /// The values of `x`: one operand per result when it is a call returning a tuple, else `x`
    /// itself (after rejecting types and no-value expressions).
    fn spread_results(&mut self, mut x: Operand<'a>) -> Vec<Operand<'a>> {
        self.exclude(&mut x, true);
        if x.mode == OpMode::Invalid {
            return vec![x];
        }
        if let Type::Tuple(ts) = self.p.ty(x.typ).clone() {
            return ts
                .iter()
                .map(|t| Operand {
                    mode: OpMode::Value,
                    typ: *t,
                    val: None,
                    expr: x.expr,
                    builtin: None,
                })
                .collect();
        }
        vec![x]
    }

    fn single_value(&mut self, x: &mut Operand<'a>) {
        if x.mode == OpMode::Value
            && let Type::Tuple(ts) = self.p.ty(x.typ)
        {
            let n = ts.len();
            let _ = n;
            self.error(
                x.pos(),
                format!(
                    "multiple-value {} in single-value context",
                    self.operand_string(x)
                ),
            );
            x.mode = OpMode::Invalid;
        }
    }

    fn exclude(&mut self, x: &mut Operand<'a>, types_and_novalue: bool) {
        if !types_and_novalue {
            return;
        }
        match x.mode {
            OpMode::NoValue => {
                let s = x.expr.map(expr_string).unwrap_or_default();
                self.error(x.pos(), format!("{s} (no value) used as value"));
                x.mode = OpMode::Invalid;
            }
            OpMode::Builtin => {
                let s = x.expr.map(expr_string).unwrap_or_default();
                self.error(x.pos(), format!("{s} (built-in) must be called"));
                x.mode = OpMode::Invalid;
            }
            OpMode::TypeExpr => {
                let s = x.expr.map(expr_string).unwrap_or_default();
                self.error(x.pos(), format!("{s} (type) is not an expression"));
                x.mode = OpMode::Invalid;
            }
            _ => {}
        }
    }

    /// Evaluates an expression and records it.
    pub fn raw_expr(
        &mut self,
        e: &'a Expr,
        hint: Option<TypeId>,
        allow_generic: bool,
    ) -> Operand<'a> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.depth -= 1;
            self.error(e.pos, "expression too deeply nested");
            return Operand::invalid();
        }
        let mut x = Operand {
            mode: OpMode::Invalid,
            typ: self.invalid(),
            val: None,
            expr: Some(e),
            builtin: None,
        };
        self.expr_internal(&mut x, e, hint);
        self.depth -= 1;
        x.expr = Some(e);
        if !allow_generic {
            self.non_generic(&mut x);
        }
        self.record_operand(&x);
        x
    }

    fn non_generic(&mut self, x: &mut Operand<'a>) {
        if x.mode == OpMode::Invalid || x.mode == OpMode::NoValue {
            return;
        }
        let generic = match self.p.ty(x.typ) {
            Type::Named(n) if x.mode == OpMode::TypeExpr => {
                !n.type_params.is_empty() && n.origin.is_none()
            }
            _ => false,
        } || (x.mode == OpMode::TypeExpr
            && x.expr
                .is_some_and(|e| self.generic_alias_params(e).is_some()));
        let generic_func = x.mode == OpMode::Value && self.is_generic_func_operand(x);
        if generic || generic_func {
            let what = if generic { "type" } else { "function" };
            let s = x.expr.map(expr_string).unwrap_or_default();
            self.error(
                x.pos(),
                format!("cannot use generic {what} {s} without instantiation"),
            );
            x.mode = OpMode::Invalid;
        }
    }

    pub fn record_operand(&mut self, x: &Operand<'a>) {
        let Some(e) = x.expr else { return };
        if x.mode == OpMode::Invalid {
            return;
        }
        let val = if x.mode == OpMode::Constant {
            x.val.clone()
        } else {
            None
        };
        self.record_type(e.id, x.mode, x.typ, val);
        if self.is_untyped(x.typ) {
            self.untyped.insert(e.id, e);
        }
    }

    fn expr_internal(&mut self, x: &mut Operand<'a>, e: &'a Expr, hint: Option<TypeId>) {
        match &e.kind {
            ExprKind::Bad => {}
            ExprKind::Ident(id) => self.ident(x, id),
            ExprKind::BasicLit { .. } if self.literal_lex_errors(e).0 => {}
            ExprKind::BasicLit { kind, raw } => match constant::eval_literal(*kind, raw) {
                Some(v) => {
                    x.mode = OpMode::Constant;
                    x.typ = self.basic(match kind {
                        ast::LitKind::Int => BasicKind::UntypedInt,
                        ast::LitKind::Float => BasicKind::UntypedFloat,
                        ast::LitKind::Imag => BasicKind::UntypedComplex,
                        ast::LitKind::Char => BasicKind::UntypedRune,
                        ast::LitKind::String => BasicKind::UntypedString,
                    });
                    x.val = Some(v);
                    // Integer literals beyond the untyped precision overflow (go.dev/issue/54280).
                    if let Some(ConstValue::Int(i)) = &x.val
                        && i.bits() > 512
                    {
                        self.error(e.pos, "constant overflow");
                        x.mode = OpMode::Invalid;
                    }
                }
                None if self.literal_lex_errors(e).1 => {}
                None => self.error(e.pos, format!("malformed constant: {raw}")),
            },
            ExprKind::FuncLit { sig, body } => self.func_lit(x, e, sig, body),
            ExprKind::CompositeLit {
                typ, elts, rbrace, ..
            } => self.composite_lit(x, e, typ.as_deref(), elts, *rbrace, hint),
            ExprKind::Paren(inner) => {
                let y = self.raw_expr(inner, hint, true);
                *x = y;
            }
            ExprKind::Selector { x: base, sel } => self.selector(x, e, base, sel),
            ExprKind::Index {
                x: base, indices, ..
            } => self.index_expr(x, e, base, indices),
            ExprKind::Slice {
                x: base,
                lo,
                hi,
                max,
                three,
                ..
            } => self.slice_expr(
                x,
                e,
                base,
                lo.as_deref(),
                hi.as_deref(),
                max.as_deref(),
                *three,
            ),
            ExprKind::TypeAssert { x: base, typ, .. } => {
                let Some(typ) = typ else {
                    self.error(
                        e.pos,
                        "invalid syntax tree: use of .(type) outside type switch",
                    );
                    return;
                };
                let y = self.expr(base);
                if y.mode == OpMode::Invalid {
                    self.typ(typ);
                    return;
                }
                if self.is_type_param(y.typ) {
                    self.error(
                        y.pos(),
                        format!(
                            "invalid operation: cannot use type assertion on type parameter value {}",
                            self.operand_string(&y)
                        ),
                    );
                    self.typ(typ);
                    return;
                }
                if !self.is_interface(y.typ) {
                    self.error(
                        y.pos(),
                        format!(
                            "invalid operation: {} is not an interface",
                            self.operand_string(&y)
                        ),
                    );
                    self.typ(typ);
                    return;
                }
                let t = self.typ(typ);
                if self.is_invalid(t) {
                    return;
                }
                self.type_assertion(e, &y, t, false);
                x.mode = OpMode::CommaOk;
                x.typ = t;
            }
            ExprKind::Call { .. } => self.call_expr(x, e, hint),
            ExprKind::Star(inner) => {
                let y = self.expr_or_type(inner, false);
                match y.mode {
                    OpMode::Invalid => {}
                    OpMode::TypeExpr => {
                        x.mode = OpMode::TypeExpr;
                        x.typ = self.p.types.pointer(y.typ);
                    }
                    _ => {
                        if y.typ == self.basic(BasicKind::UntypedNil) {
                            self.error(y.pos(), "invalid operation: cannot indirect nil");
                            return;
                        }
                        match self.core_type(y.typ).map(|c| self.p.ty(c).clone()) {
                            Some(Type::Pointer(elem)) => {
                                x.mode = OpMode::Variable;
                                x.typ = elem;
                            }
                            _ => {
                                self.error(
                                    y.pos(),
                                    format!(
                                        "invalid operation: cannot indirect {}",
                                        self.operand_string(&y)
                                    ),
                                );
                            }
                        }
                    }
                }
            }
            ExprKind::Unary { op, x: inner } => self.unary(x, e, *op, inner, hint),
            ExprKind::Binary {
                op,
                x: l,
                y: r,
                op_pos,
            } => self.binary(x, e, *op, l, r, *op_pos, hint),
            ExprKind::KeyValue { .. } => {
                self.error(e.pos, "invalid syntax tree: no key:value expected");
            }
            ExprKind::Ellipsis(_) => {
                self.error(e.pos, "invalid use of ...");
            }
            ExprKind::ArrayType { .. }
            | ExprKind::StructType { .. }
            | ExprKind::FuncType(_)
            | ExprKind::InterfaceType { .. }
            | ExprKind::MapType { .. }
            | ExprKind::ChanType { .. } => {
                let t = self.typ(e);
                if !self.is_invalid(t) {
                    x.mode = OpMode::TypeExpr;
                    x.typ = t;
                }
            }
        }
    }

    // ---------------------------------------------------------------- identifiers

    fn ident(&mut self, x: &mut Operand<'a>, id: &'a ast::Ident) {
        if id.name == "_" {
            self.error(id.pos, "cannot use _ as value");
            return;
        }
        let Some(o) = self.lookup(self.env.scope, &id.name) else {
            self.error(id.pos, format!("undefined: {}", id.name));
            return;
        };
        self.p.info.uses.insert(id.id, o);
        self.use_object(x, o, id.pos);
    }

    /// Turns a resolved object into an operand (records dependencies and captures).
    pub fn use_object(&mut self, x: &mut Operand<'a>, o: ObjId, pos: Pos) {
        let pkg_level = self.is_pkg_level(o);
        if pkg_level && self.p.obj(o).pkg == Some(self.pkg) {
            self.obj_decl(o);
            if let Some(d) = self.env.decl {
                let deps = self.deps.entry(d).or_default();
                if !deps.contains(&o) {
                    deps.push(o);
                }
            }
        }
        if self.local_aliases_in_progress.contains(&o) {
            self.local_aliases_in_progress.remove(&o);
            self.cycle_error(&[o]);
        }
        let obj = self.p.obj(o).clone();
        match &obj.kind {
            ObjKind::PkgName { .. } => {
                self.used_pkgnames.insert(o);
                self.error(pos, format!("use of package {} without selector", obj.name));
            }
            ObjKind::Const { value } => {
                if self.is_invalid(obj.typ) {
                    return;
                }
                x.mode = OpMode::Constant;
                x.typ = obj.typ;
                if obj.parent == Some(self.p.universe) && obj.name == "iota" {
                    match self.env.iota {
                        Some(i) => x.val = Some(constant::int(i as i64)),
                        None => {
                            self.error(pos, "cannot use iota outside constant declaration");
                            x.mode = OpMode::Invalid;
                        }
                    }
                } else {
                    x.val = Some(value.clone());
                }
            }
            ObjKind::TypeName { .. } => {
                x.mode = OpMode::TypeExpr;
                x.typ = obj.typ;
                if self.is_invalid(obj.typ) && !matches!(self.p.ty(obj.typ), Type::Basic(_)) {
                    x.mode = OpMode::Invalid;
                }
            }
            ObjKind::Var {
                is_field,
                is_global,
                ..
            } => {
                if !is_global && !is_field {
                    self.used.insert(o);
                    self.note_capture(o);
                }
                x.mode = OpMode::Variable;
                x.typ = obj.typ;
                if self.is_invalid(obj.typ) {
                    x.mode = OpMode::Invalid;
                }
            }
            ObjKind::Func { .. } => {
                x.mode = OpMode::Value;
                x.typ = obj.typ;
                if self.is_invalid(obj.typ) {
                    x.mode = OpMode::Invalid;
                }
            }
            ObjKind::Builtin(b) => {
                x.mode = OpMode::Builtin;
                x.builtin = Some(*b);
                x.typ = self.invalid();
            }
            ObjKind::Nil => {
                x.mode = OpMode::Value;
                x.typ = self.basic(BasicKind::UntypedNil);
            }
            ObjKind::Label => {}
        }
    }

    pub fn is_pkg_level(&self, o: ObjId) -> bool {
        let obj = self.p.obj(o);
        match obj.parent {
            Some(s) => self.p.scope(s).kind == ScopeKind::Package,
            None => {
                matches!(
                    obj.kind,
                    ObjKind::Func {
                        recv_base: None,
                        ..
                    }
                ) && obj.decl_ident.is_some()
            }
        }
    }

    /// Records that the current function literal(s) capture local variable `o`.
    fn note_capture(&mut self, o: ObjId) {
        let Some(&d) = self.var_depth.get(&o) else {
            return;
        };
        let cur = self.fstack.len();
        if d >= cur {
            return;
        }
        // Function contexts at index i have depth i + 1; those deeper than `d` capture `o`.
        for i in d..cur {
            if let Some(lit) = self.fstack[i].lit {
                let caps = self.p.info.captures.entry(lit).or_default();
                if !caps.contains(&o) {
                    caps.push(o);
                }
            }
        }
    }

    // ---------------------------------------------------------------- untyped conversion

    /// Converts an untyped operand to `target` (implicit conversion in assignments and binary
    /// operations). Reports errors; on error `x` becomes invalid.
    pub fn convert_untyped(&mut self, x: &mut Operand<'a>, target: TypeId) {
        if x.mode == OpMode::Invalid || !self.is_untyped(x.typ) || self.is_invalid(target) {
            return;
        }
        match self.implicit_type(x, target) {
            Ok(Some(t)) => {
                if let Some(v) = x.val.clone()
                    && x.mode == OpMode::Constant
                    && let Some(k) = self.p.types.basic_kind(t)
                    && let Some(nv) = constant::to_kind_repr(&v, k)
                {
                    x.val = Some(nv);
                }
                if t != x.typ {
                    x.typ = t;
                    if let Some(e) = x.expr {
                        let fin = !self.is_untyped(t);
                        self.update_expr_type(e, t, fin);
                    }
                }
            }
            Ok(None) => {}
            Err(msg) => {
                if let Some(m) = msg {
                    self.error(x.pos(), m);
                } else {
                    self.invalid_conversion(x, target);
                }
                x.mode = OpMode::Invalid;
            }
        }
    }

    fn invalid_conversion(&mut self, x: &Operand<'a>, target: TypeId) {
        let msg = if self.is_numeric(x.typ) && self.is_numeric(target) && x.mode == OpMode::Constant
        {
            // Representability failures are reported by `representable`.
            format!(
                "cannot use {} as {} value",
                self.operand_string(x),
                self.ts(target)
            )
        } else {
            format!(
                "cannot convert {} to type {}",
                self.operand_string(x),
                self.ts(target)
            )
        };
        self.error(x.pos(), msg);
    }

    /// The type an untyped operand becomes in the context of `target` (types2's
    /// implicitTypeAndValue). `Ok(None)`: leave unchanged. `Err(Some(msg))`: specific error.
    fn implicit_type(
        &mut self,
        x: &Operand<'a>,
        target: TypeId,
    ) -> Result<Option<TypeId>, Option<String>> {
        if self.is_untyped(target) {
            // Both untyped: the "larger" kind wins (numeric only).
            let xk = self.p.types.basic_kind(x.typ).unwrap_or(BasicKind::Invalid);
            let tk = self
                .p
                .types
                .basic_kind(target)
                .unwrap_or(BasicKind::Invalid);
            if xk.is_numeric() && tk.is_numeric() {
                if constant::untyped_rank(tk) > constant::untyped_rank(xk) {
                    return Ok(Some(target));
                }
                return Ok(None);
            }
            if xk != tk {
                return Err(None);
            }
            return Ok(None);
        }
        let u = self.under(target);
        match self.p.ty(u).clone() {
            Type::Basic(k) => {
                if x.mode == OpMode::Constant {
                    let v = x.val.clone().unwrap_or(constant::int(0));
                    match constant::representable(&v, k) {
                        Ok(_) => {}
                        Err(_) => {
                            return Err(Some(self.representable_msg(x, &v, target)));
                        }
                    }
                    return Ok(Some(target));
                }
                // Non-constant untyped values (comparison results, shifts).
                let xk = self.p.types.basic_kind(x.typ).unwrap_or(BasicKind::Invalid);
                let ok = match xk {
                    BasicKind::UntypedBool => k.is_boolean(),
                    BasicKind::UntypedInt | BasicKind::UntypedRune => k.is_numeric(),
                    BasicKind::UntypedFloat => k.is_float() || k.is_complex(),
                    BasicKind::UntypedComplex => k.is_complex(),
                    BasicKind::UntypedString => k.is_string(),
                    BasicKind::UntypedNil => k == BasicKind::UnsafePointer,
                    _ => false,
                };
                if !ok {
                    return Err(None);
                }
                Ok(Some(target))
            }
            Type::TypeParam(_) => {
                // Must be convertible to every term.
                let terms = self.type_param_terms(u);
                match terms {
                    None => {
                        if x.typ == self.basic(BasicKind::UntypedNil) {
                            return Err(None);
                        }
                        Err(None)
                    }
                    Some(ts) => {
                        for t in ts {
                            let mut y = x.clone();
                            y.expr = None;
                            if self.implicit_type(&y, t).is_err() {
                                return Err(None);
                            }
                        }
                        Ok(Some(target))
                    }
                }
            }
            Type::Interface(it) => {
                if x.typ == self.basic(BasicKind::UntypedNil) {
                    return Ok(Some(target));
                }
                if !it.methods.is_empty() || it.terms.is_some() {
                    // Non-empty interface: the default type must implement it (checked by the
                    // assignment); values keep their default type.
                    return Ok(Some(self.default_type(x.typ)));
                }
                Ok(Some(self.default_type(x.typ)))
            }
            Type::Pointer(_) | Type::Func(_) | Type::Slice(_) | Type::Map(..) | Type::Chan(..) => {
                if x.typ == self.basic(BasicKind::UntypedNil) {
                    return Ok(Some(target));
                }
                Err(None)
            }
            _ => Err(None),
        }
    }

    fn type_param_terms(&self, tp: TypeId) -> Option<Vec<TypeId>> {
        let Type::TypeParam(p) = self.p.ty(tp) else {
            return None;
        };
        match self.p.ty(self.under(p.constraint)) {
            Type::Interface(it) => it
                .terms
                .as_ref()
                .map(|ts| ts.iter().map(|t| t.typ).collect()),
            _ => None,
        }
    }

    fn representable_msg(&self, x: &Operand<'a>, v: &ConstValue, target: TypeId) -> String {
        let xnum = self.is_numeric(x.typ);
        let tnum = self.is_numeric(target);
        if xnum && tnum {
            let ti = self.is_integer(target);
            // types2's representation: TruncatedFloat for a non-integer constant and an integer
            // type, NumericOverflow otherwise (whatever the reason).
            if !self.is_integer(x.typ) && ti {
                return format!(
                    "{} truncated to {}",
                    self.operand_string(x),
                    self.ts(target)
                );
            }
            return format!("{} overflows {}", self.operand_string(x), self.ts(target));
        }
        let _ = v;
        format!(
            "cannot convert {} to type {}",
            self.operand_string(x),
            self.ts(target)
        )
    }

    /// Updates the recorded type of an untyped expression and its untyped operands.
    pub fn update_expr_type(&mut self, e: &'a Expr, t: TypeId, fin: bool) {
        if !self.untyped.contains_key(&e.id) {
            return;
        }
        match &e.kind {
            ExprKind::Paren(inner) => self.update_expr_type(inner, t, fin),
            ExprKind::Unary { x, .. } => {
                if let Some(tv) = self.p.info.types.get(&e.id)
                    && tv.value.is_none()
                {
                    self.update_expr_type(x, t, fin);
                } else {
                    self.update_expr_type(x, t, fin);
                }
            }
            ExprKind::Binary { op, x, y, .. } => {
                if op.is_comparison() {
                    // Operands were typed independently of the (boolean) result.
                } else if op.is_shift() {
                    // The untyped constant lhs of a non-constant shift takes the context's type
                    // and must be representable in it (types2's updateExprType, which checks a
                    // parenthesized lhs at each level, innermost first).
                    let nonconst = self
                        .p
                        .info
                        .types
                        .get(&e.id)
                        .is_some_and(|tv| tv.value.is_none());
                    if fin && nonconst && self.is_integer(t) {
                        let mut chain = vec![&**x];
                        while let ExprKind::Paren(inner) = &chain[chain.len() - 1].kind {
                            chain.push(inner);
                        }
                        let mut failed = false;
                        for &n in chain.iter().rev() {
                            let Some(tv) = self.p.info.types.get(&n.id) else {
                                continue;
                            };
                            let (lt, lv) = (tv.typ, tv.value.clone());
                            if let Some(v) = lv
                                && self.is_untyped(lt)
                                && let Some(k) = self.p.types.basic_kind(t)
                                && constant::representable(&v, k).is_err()
                            {
                                let op = Operand {
                                    mode: OpMode::Constant,
                                    typ: lt,
                                    val: Some(v.clone()),
                                    expr: Some(n),
                                    builtin: None,
                                };
                                let msg = self.representable_msg(&op, &v, t);
                                self.error(start_pos(n), msg);
                                self.untyped.remove(&n.id);
                                failed = true;
                            }
                        }
                        if failed {
                            return;
                        }
                    }
                    self.update_expr_type(x, t, fin);
                } else {
                    self.update_expr_type(x, t, fin);
                    self.update_expr_type(y, t, fin);
                }
            }
            _ => {}
        }
        if !fin && self.is_untyped(t) {
            if let Some(tv) = self.p.info.types.get_mut(&e.id) {
                tv.typ = t;
            }
            return;
        }
        self.untyped.remove(&e.id);
        // A non-constant shift with an untyped constant lhs: the lhs must become an integer.
        if let ExprKind::Binary { op, .. } = &e.kind
            && op.is_shift()
            && self
                .p
                .info
                .types
                .get(&e.id)
                .is_some_and(|tv| tv.value.is_none())
            && !self.is_integer(t)
            && !self.is_invalid(t)
        {
            self.error(
                start_pos(e),
                format!(
                    "invalid operation: shifted operand {} (type {}) must be integer",
                    match &e.kind {
                        ExprKind::Binary { x, .. } => expr_string(x),
                        _ => String::new(),
                    },
                    self.ts(t)
                ),
            );
            return;
        }
        let target = if self.is_interface(t) || self.is_type_param(t) {
            if let Some(tv) = self.p.info.types.get(&e.id) {
                if tv.typ == self.basic(BasicKind::UntypedNil) || self.is_type_param(t) {
                    t
                } else {
                    self.default_type(tv.typ)
                }
            } else {
                t
            }
        } else {
            t
        };
        let kind = self.p.types.basic_kind(target);
        if let Some(tv) = self.p.info.types.get_mut(&e.id) {
            tv.typ = target;
            if let (Some(v), Some(k)) = (&tv.value, kind)
                && let Some(nv) = constant::to_kind_repr(v, k)
            {
                tv.value = Some(nv);
            }
        }
    }

    // ---------------------------------------------------------------- assignability

    /// Checks that `x` can be assigned to a variable of type `t` in `context` (e.g.
    /// "assignment", "argument"). Converts untyped operands. Reports errors.
    pub fn assignment(&mut self, x: &mut Operand<'a>, t: TypeId, context: &str) {
        if x.mode == OpMode::Invalid || self.is_invalid(t) {
            x.mode = OpMode::Invalid;
            return;
        }
        match x.mode {
            OpMode::Constant
            | OpMode::Variable
            | OpMode::MapIndex
            | OpMode::Value
            | OpMode::CommaOk => {}
            _ => {
                self.error(
                    x.pos(),
                    format!(
                        "cannot assign {} to {} in {context}",
                        self.operand_string(x),
                        self.ts(t)
                    ),
                );
                x.mode = OpMode::Invalid;
                return;
            }
        }
        if self.is_untyped(x.typ) {
            let mut target = t;
            if self.is_interface(t) && !self.is_type_param(t) || t == self.invalid() {
                if x.typ == self.basic(BasicKind::UntypedNil) {
                    target = t;
                } else {
                    target = self.default_type(x.typ);
                }
            }
            if x.typ == self.basic(BasicKind::UntypedNil) && !self.has_nil(t) {
                self.error(
                    x.pos(),
                    format!("cannot use nil as {} value in {context}", self.ts(t)),
                );
                x.mode = OpMode::Invalid;
                return;
            }
            // Constant representability errors use the assignment wording.
            if x.mode == OpMode::Constant
                && let Some(k) = self.p.types.basic_kind(target)
                && !matches!(self.p.ty(self.under(target)), Type::TypeParam(_))
            {
                let v = x.val.clone().unwrap_or(constant::int(0));
                if constant::representable(&v, k).is_err() {
                    let xnum = self.is_numeric(x.typ);
                    let tnum = k.is_numeric();
                    let msg = if xnum && tnum {
                        // types2: a non-integer constant for an integer type is "truncated",
                        // anything else out of range "overflows".
                        let why = if !self.is_integer(x.typ) && k.is_integer() {
                            "truncated"
                        } else {
                            "overflows"
                        };
                        format!(
                            "cannot use {} as {} value in {context} ({why})",
                            self.operand_string(x),
                            self.ts(target)
                        )
                    } else {
                        format!(
                            "cannot use {} as {} value in {context}",
                            self.operand_string(x),
                            self.ts(target)
                        )
                    };
                    self.error(x.pos(), msg);
                    x.mode = OpMode::Invalid;
                    return;
                }
            }
            if self.implicit_type(x, target).is_err() {
                self.error(
                    x.pos(),
                    format!(
                        "cannot use {} as {} value in {context}",
                        self.operand_string(x),
                        self.ts(t)
                    ),
                );
                x.mode = OpMode::Invalid;
                return;
            }
            self.convert_untyped(x, target);
            if x.mode == OpMode::Invalid {
                return;
            }
        }
        match self.assignable_to(x, t) {
            Ok(()) => {}
            Err(cause) => {
                let mut msg = format!(
                    "cannot use {} as {} value in {context}",
                    self.operand_string(x),
                    self.ts(t)
                );
                if !cause.is_empty() {
                    msg.push_str(": ");
                    msg.push_str(&cause);
                }
                self.error(x.pos(), msg);
                x.mode = OpMode::Invalid;
            }
        }
    }

    /// Spec assignability of a (typed) operand to `t`; `Err(cause)` otherwise.
    pub fn assignable_to(&mut self, x: &Operand<'a>, t: TypeId) -> Result<(), String> {
        let v = x.typ;
        if self.is_invalid(v) || self.is_invalid(t) {
            return Ok(());
        }
        if self.p.identical(v, t) {
            return Ok(());
        }
        if self.is_untyped(v) {
            let ok = match self.p.ty(self.under(t)) {
                Type::Basic(_) | Type::TypeParam(_) => {
                    let mut y = x.clone();
                    y.expr = None;
                    self.implicit_type(&y, t).is_ok()
                }
                Type::Interface(_) => true,
                _ => v == self.basic(BasicKind::UntypedNil) && self.has_nil(t),
            };
            return if ok { Ok(()) } else { Err(String::new()) };
        }
        let vu = self.under(v);
        let tu = self.under(t);
        let v_tp = self.is_type_param(v);
        let t_tp = self.is_type_param(t);
        if self.p.identical(vu, tu) && (!self.is_named(v) || !self.is_named(t)) && !v_tp && !t_tp {
            return Ok(());
        }
        // types2 also takes a pointer to an interface here, for implements' cause.
        if matches!(self.p.ty(tu), Type::Interface(_)) && !t_tp
            || self.interface_ptr_error(tu).is_some()
        {
            return match self.implements(v, t) {
                Ok(()) => Ok(()),
                Err(cause) => Err(cause),
            };
        }
        if let Type::Interface(_) = self.p.ty(vu)
            && !v_tp
            && !self.is_interface(t)
        {
            if self.implements(t, v).is_ok() {
                return Err("need type assertion".to_string());
            }
            return Err(String::new());
        }
        if let (Type::Chan(ast::ChanDir::Both, ve), Type::Chan(_, te)) =
            (self.p.ty(vu).clone(), self.p.ty(tu).clone())
            && self.p.identical(ve, te)
            && (!self.is_named(v) || !self.is_named(t))
        {
            return Ok(());
        }
        // A value of unnamed type is assignable to a type parameter if it is assignable to every
        // type of the parameter's type set (`return &c` for `P *T`; `return func() {...}` for
        // `F func()`); a type parameter's value is assignable to an unnamed type if every type of
        // its type set is.
        if t_tp && !self.is_named(v) && self.type_set_nonempty(t) {
            let mut y = x.clone();
            y.expr = None;
            for term in self.type_set_terms(t) {
                let u = self.under(term);
                if self.assignable_to(&y, u).is_err() {
                    return Err(format!(
                        "cannot assign {} to {} (in {})",
                        self.ts(v),
                        self.ts(u),
                        self.ts(t)
                    ));
                }
            }
            return Ok(());
        }
        if v_tp && !self.is_named(t) && self.type_set_nonempty(v) {
            let mut y = x.clone();
            y.expr = None;
            for term in self.type_set_terms(v) {
                y.typ = term;
                if self.assignable_to(&y, t).is_err() {
                    return Err(format!(
                        "cannot assign {} (in {}) to {}",
                        self.ts(term),
                        self.ts(v),
                        self.ts(t)
                    ));
                }
            }
            return Ok(());
        }
        Err(String::new())
    }

    /// Whether a type parameter's constraint restricts it to specific terms.
    fn type_set_nonempty(&self, tp: TypeId) -> bool {
        !self.type_set_terms(tp).is_empty()
    }

    /// The term types of a type parameter's type set (empty if unrestricted).
    pub fn type_set_terms(&self, tp: TypeId) -> Vec<TypeId> {
        let Type::TypeParam(p) = self.p.ty(tp) else {
            return Vec::new();
        };
        match self.p.ty(self.under(p.constraint)) {
            Type::Interface(it) => it
                .terms
                .as_ref()
                .map(|ts| ts.iter().map(|t| t.typ).collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    // ---------------------------------------------------------------- unary and binary

    fn unary(
        &mut self,
        x: &mut Operand<'a>,
        e: &'a Expr,
        op: UnaryOp,
        inner: &'a Expr,
        hint: Option<TypeId>,
    ) {
        if op == UnaryOp::Addr {
            // &T{} and &x.
            let un = inner.unparen();
            let y = if let ExprKind::CompositeLit { .. } = un.kind {
                let h = hint.and_then(|h| match self.p.ty(self.under(h)) {
                    Type::Pointer(b) => Some(*b),
                    _ => None,
                });
                self.expr_hint(inner, h)
            } else {
                self.expr(inner)
            };
            if y.mode == OpMode::Invalid {
                return;
            }
            let is_lit = matches!(un.kind, ExprKind::CompositeLit { .. });
            if y.mode != OpMode::Variable && !is_lit {
                self.error(
                    start_pos(e),
                    format!(
                        "invalid operation: cannot take address of {}",
                        self.operand_string(&y)
                    ),
                );
                return;
            }
            self.mark_addr_taken(inner);
            x.mode = OpMode::Value;
            x.typ = self.p.types.pointer(y.typ);
            return;
        }
        if op == UnaryOp::Recv {
            let y = self.expr(inner);
            if y.mode == OpMode::Invalid {
                return;
            }
            match self.core_type(y.typ).map(|c| self.p.ty(c).clone()) {
                Some(Type::Chan(dir, elem)) => {
                    if dir == ast::ChanDir::Send {
                        self.error(
                            start_pos(e),
                            format!(
                                "invalid operation: cannot receive from send-only channel {}",
                                self.operand_string(&y)
                            ),
                        );
                        return;
                    }
                    x.mode = OpMode::CommaOk;
                    x.typ = elem;
                }
                _ => {
                    self.error(
                        start_pos(e),
                        format!(
                            "invalid operation: cannot receive from non-channel {}",
                            self.operand_string(&y)
                        ),
                    );
                }
            }
            return;
        }
        if op == UnaryOp::Tilde {
            self.error(
                e.pos,
                "cannot use ~ outside of interface or type constraint",
            );
            self.expr(inner);
            return;
        }
        let y = self.expr(inner);
        if y.mode == OpMode::Invalid {
            return;
        }
        let ok = match op {
            UnaryOp::Pos | UnaryOp::Neg => self.is_numeric(y.typ),
            UnaryOp::Xor => self.is_integer(y.typ),
            UnaryOp::Not => self.is_boolean(y.typ),
            _ => false,
        };
        if !ok {
            self.error(
                y.pos(),
                format!(
                    "invalid operation: operator {} not defined on {}",
                    op.as_str(),
                    self.operand_string(&y)
                ),
            );
            return;
        }
        *x = Operand { expr: Some(e), ..y };
        if x.mode == OpMode::Constant {
            let bits = if self.is_unsigned(x.typ) {
                Some(8 * self.p.size_of(x.typ) as u32)
            } else {
                None
            };
            let v = x.val.clone().unwrap_or(constant::int(0));
            match constant::unary(op, &v, bits) {
                Some(r) => {
                    x.val = Some(r);
                    self.check_typed_overflow(x, op.as_str());
                }
                None => x.mode = OpMode::Invalid,
            }
            return;
        }
        x.mode = OpMode::Value;
    }

    /// After constant arithmetic on a typed constant: the result must be representable.
    fn check_typed_overflow(&mut self, x: &mut Operand<'a>, _op: &str) {
        if x.mode != OpMode::Constant || self.is_untyped(x.typ) {
            // Untyped constants: gc limits precision (512 bits mantissa); we bound by size.
            if let Some(ConstValue::Int(i)) = &x.val
                && i.bits() > 512
            {
                self.error(x.pos(), "constant overflow");
                x.mode = OpMode::Invalid;
            }
            return;
        }
        let Some(k) = self.p.types.basic_kind(x.typ) else {
            return;
        };
        let v = x.val.clone().unwrap_or(constant::int(0));
        match constant::representable(&v, k) {
            Ok(nv) => x.val = Some(nv),
            Err(_) => {
                let vs = constant::format(&v);
                let es = x.expr.map(expr_string).unwrap_or_default();
                self.error(
                    x.pos(),
                    format!(
                        "{es} (constant {vs} of type {}) overflows {}",
                        self.ts(x.typ),
                        self.ts(x.typ)
                    ),
                );
                x.mode = OpMode::Invalid;
            }
        }
    }

    /// Marks the root variable of `&x`, `&x.f`, `&x[i]` as address-taken (for capture rules).
    fn mark_addr_taken(&mut self, e: &'a Expr) {
        let _ = e;
    }

    #[allow(clippy::too_many_arguments)]
    fn binary(
        &mut self,
        x: &mut Operand<'a>,
        e: &'a Expr,
        op: BinaryOp,
        l: &'a Expr,
        r: &'a Expr,
        op_pos: Pos,
        hint: Option<TypeId>,
    ) {
        let _ = (op_pos, hint);
        let mut a = self.expr(l);
        let mut b = self.expr(r);
        if a.mode == OpMode::Invalid || b.mode == OpMode::Invalid {
            return;
        }
        if op.is_shift() {
            self.shift(x, e, op, a, b);
            return;
        }
        self.match_types(&mut a, &mut b);
        if a.mode == OpMode::Invalid || b.mode == OpMode::Invalid {
            return;
        }
        if op.is_comparison() {
            self.comparison(x, e, op, a, b, false);
            return;
        }
        if !self.p.identical(a.typ, b.typ) {
            if !self.is_invalid(a.typ) && !self.is_invalid(b.typ) {
                self.error(
                    start_pos(e),
                    format!(
                        "invalid operation: {} (mismatched types {} and {})",
                        expr_string(e),
                        self.ts(a.typ),
                        self.ts(b.typ)
                    ),
                );
            }
            return;
        }
        let ok = match op {
            BinaryOp::Add => self.is_numeric(a.typ) || self.is_string(a.typ),
            BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Quo => self.is_numeric(a.typ),
            BinaryOp::Rem | BinaryOp::And | BinaryOp::Or | BinaryOp::Xor | BinaryOp::AndNot => {
                self.is_integer(a.typ)
            }
            BinaryOp::LAnd | BinaryOp::LOr => self.is_boolean(a.typ),
            _ => false,
        };
        if !ok {
            let what = {
                let k = self.composite_kind(a.typ);
                if k.is_empty() {
                    self.ts(a.typ)
                } else {
                    k.to_string()
                }
            };
            let _ = what;
            self.error(
                a.pos(),
                format!(
                    "invalid operation: operator {} not defined on {}",
                    op.as_str(),
                    self.operand_string(&a)
                ),
            );
            return;
        }
        // Division by zero (constant divisor).
        if matches!(op, BinaryOp::Quo | BinaryOp::Rem)
            && b.mode == OpMode::Constant
            && (a.mode == OpMode::Constant || self.is_integer(a.typ))
            && b.val.as_ref().is_some_and(is_zero)
        {
            self.error(b.pos(), "invalid operation: division by zero");
            return;
        }
        if a.mode == OpMode::Constant && b.mode == OpMode::Constant {
            // Constant strings must not grow without bound (gc's cmd/internal/obj.MaxSymSize).
            if let (Some(ConstValue::String(sa)), Some(ConstValue::String(sb))) = (&a.val, &b.val) {
                let len = sa.len() as u64 + sb.len() as u64;
                if len > MAX_CONST_STRING_LEN {
                    self.error(
                        op_pos,
                        format!(
                            "constant string too long ({len} bytes > {MAX_CONST_STRING_LEN} bytes)"
                        ),
                    );
                    return;
                }
            }
            let int_div = self.is_integer(a.typ);
            let av = a.val.clone().unwrap_or(constant::int(0));
            let bv = b.val.clone().unwrap_or(constant::int(0));
            match constant::binary(op, &av, &bv, int_div) {
                Ok(mut v) => {
                    if let Some(k) = self.p.types.basic_kind(a.typ)
                        && let Some(nv) = constant::to_kind_repr(&v, k)
                    {
                        v = nv;
                    }
                    *x = Operand {
                        mode: OpMode::Constant,
                        typ: a.typ,
                        val: Some(v),
                        expr: Some(e),
                        builtin: None,
                    };
                    self.check_typed_overflow(x, op.as_str());
                }
                Err(OpError::DivByZero) => {
                    self.error(b.pos(), "invalid operation: division by zero");
                }
                Err(OpError::Invalid) => {}
            }
            return;
        }
        *x = Operand {
            mode: OpMode::Value,
            typ: a.typ,
            val: None,
            expr: Some(e),
            builtin: None,
        };
    }

    /// Converts untyped operands of a binary operation towards each other's type.
    pub fn match_types(&mut self, a: &mut Operand<'a>, b: &mut Operand<'a>) {
        let au = self.is_untyped(a.typ);
        let bu = self.is_untyped(b.typ);
        if au && !bu {
            if self.may_convert(a, b) {
                self.convert_untyped(a, b.typ);
            }
        } else if bu && !au {
            if self.may_convert(b, a) {
                self.convert_untyped(b, a.typ);
            }
        } else if au && bu {
            let ak = self.p.types.basic_kind(a.typ).unwrap_or(BasicKind::Invalid);
            let bk = self.p.types.basic_kind(b.typ).unwrap_or(BasicKind::Invalid);
            if ak.is_numeric() && bk.is_numeric() {
                if constant::untyped_rank(ak) < constant::untyped_rank(bk) {
                    self.convert_untyped(a, b.typ);
                } else if constant::untyped_rank(bk) < constant::untyped_rank(ak) {
                    self.convert_untyped(b, a.typ);
                }
            }
        }
    }

    /// Whether an untyped operand should be converted to the other operand's type (otherwise the
    /// mismatch is reported by the operator check).
    fn may_convert(&self, untyped: &Operand<'a>, other: &Operand<'a>) -> bool {
        let t = other.typ;
        if untyped.typ == self.basic(BasicKind::UntypedNil) {
            return self.has_nil(t);
        }
        let k = self
            .p
            .types
            .basic_kind(untyped.typ)
            .unwrap_or(BasicKind::Invalid);
        if self.is_interface(t) || self.is_type_param(t) {
            return true;
        }
        match self.p.ty(self.under(t)) {
            Type::Basic(tk) => {
                if k.is_numeric() {
                    tk.is_numeric()
                } else if k.is_string() {
                    tk.is_string()
                } else if k.is_boolean() {
                    tk.is_boolean()
                } else {
                    false
                }
            }
            _ => false,
        }
    }

    pub fn comparison(
        &mut self,
        x: &mut Operand<'a>,
        e: &'a Expr,
        op: BinaryOp,
        a: Operand<'a>,
        b: Operand<'a>,
        switch_case: bool,
    ) {
        let nil = self.basic(BasicKind::UntypedNil);
        let ok = self.assignable_to(&a, b.typ).is_ok() || self.assignable_to(&b, a.typ).is_ok();
        let mut err: Option<(Pos, String)> = None;
        if !ok {
            err = Some((
                b.pos(),
                format!("mismatched types {} and {}", self.ts(a.typ), self.ts(b.typ)),
            ));
        } else if matches!(op, BinaryOp::Eql | BinaryOp::Neq) {
            // nil may already have been converted to the other operand's type.
            let a_nil = a.typ == nil || self.is_nil_expr(a.expr);
            let b_nil = b.typ == nil || self.is_nil_expr(b.expr);
            if a.typ == nil && b.typ == nil {
                // `nil == nil`: untyped nil has no nil of its own to compare with (types2's
                // hasNil is false for it), reported on the second operand.
                err = Some((
                    b.pos(),
                    format!("operator {} not defined on untyped nil", op.as_str()),
                ));
            } else if a_nil || b_nil {
                let t = if a_nil { b.typ } else { a.typ };
                if !self.has_nil(t) {
                    err = Some((
                        b.pos(),
                        format!("operator {} not defined on nil", op.as_str()),
                    ));
                }
            } else if !self.p.is_comparable(a.typ) {
                err = Some((a.pos(), self.incomparable_cause(a.typ)));
            } else if !self.p.is_comparable(b.typ) {
                err = Some((b.pos(), self.incomparable_cause(b.typ)));
            }
        } else if !self.is_ordered(a.typ) {
            err = Some((a.pos(), self.not_ordered(op, a.typ)));
        } else if !self.is_ordered(b.typ) {
            err = Some((b.pos(), self.not_ordered(op, b.typ)));
        }
        if let Some((pos, cause)) = err {
            if switch_case {
                let xs = a.expr.map(expr_string).unwrap_or_default();
                let ys = b.expr.map(expr_string).unwrap_or_default();
                self.error(
                    a.pos(),
                    format!("invalid case {xs} in switch on {ys} ({cause})"),
                );
            } else {
                let (xs, ys) = match &e.kind {
                    ExprKind::Binary { x, y, .. } => (expr_string(x), expr_string(y)),
                    _ => (String::new(), String::new()),
                };
                self.error(
                    pos,
                    format!("invalid operation: {xs} {} {ys} ({cause})", op.as_str()),
                );
            }
            return;
        }
        let ub = self.basic(BasicKind::UntypedBool);
        if a.mode == OpMode::Constant && b.mode == OpMode::Constant {
            let r = constant::compare(
                op,
                a.val.as_ref().unwrap_or(&constant::int(0)),
                b.val.as_ref().unwrap_or(&constant::int(0)),
            );
            *x = Operand {
                mode: OpMode::Constant,
                typ: ub,
                val: Some(ConstValue::Bool(r.unwrap_or(false))),
                expr: Some(e),
                builtin: None,
            };
        } else {
            // Untyped operands of a non-constant comparison get their default types.
            let mut a = a;
            let mut b = b;
            if self.is_untyped(a.typ) && a.typ != nil {
                let d = self.default_type(a.typ);
                self.convert_untyped(&mut a, d);
            }
            if self.is_untyped(b.typ) && b.typ != nil {
                let d = self.default_type(b.typ);
                self.convert_untyped(&mut b, d);
            }
            *x = Operand {
                mode: OpMode::Value,
                typ: ub,
                val: None,
                expr: Some(e),
                builtin: None,
            };
        }
    }

    /// Whether an operand's expression is the predeclared `nil` (possibly parenthesised).
    fn is_nil_expr(&self, e: Option<&Expr>) -> bool {
        let Some(e) = e else { return false };
        match &e.unparen().kind {
            ExprKind::Ident(id) => self
                .p
                .info
                .uses
                .get(&id.id)
                .is_some_and(|o| matches!(self.p.obj(*o).kind, ObjKind::Nil)),
            _ => false,
        }
    }

    fn not_ordered(&self, op: BinaryOp, t: TypeId) -> String {
        let k = self.composite_kind(t);
        let what = if k.is_empty() {
            self.ts(t)
        } else {
            k.to_string()
        };
        if self.is_type_param(t) {
            return format!(
                "type parameter {} cannot use operator {}",
                self.ts(t),
                op.as_str()
            );
        }
        format!("operator {} not defined on {what}", op.as_str())
    }

    pub fn incomparable_cause(&self, t: TypeId) -> String {
        match self.p.ty(self.under(t)) {
            Type::Slice(_) | Type::Func(_) | Type::Map(..) => {
                format!("{} can only be compared to nil", self.composite_kind(t))
            }
            Type::TypeParam(_) => "incomparable types in type set".to_string(),
            _ => {
                // Find the offending component.
                let mut cur = t;
                for _ in 0..100 {
                    match self.p.ty(self.under(cur)).clone() {
                        Type::Struct(fields) => {
                            match fields.iter().find(|f| !self.p.is_comparable(f.typ)) {
                                Some(f) => {
                                    if matches!(
                                        self.p.ty(self.under(f.typ)),
                                        Type::Struct(_) | Type::Array(..)
                                    ) {
                                        cur = f.typ;
                                        continue;
                                    }
                                    return format!(
                                        "struct containing {} cannot be compared",
                                        self.ts(f.typ)
                                    );
                                }
                                None => break,
                            }
                        }
                        Type::Array(e, _) => {
                            if matches!(self.p.ty(self.under(e)), Type::Struct(_) | Type::Array(..))
                            {
                                cur = e;
                                continue;
                            }
                            return format!("{} cannot be compared", self.ts(t));
                        }
                        _ => break,
                    }
                }
                format!("{} cannot be compared", self.ts(t))
            }
        }
    }

    fn shift(
        &mut self,
        x: &mut Operand<'a>,
        e: &'a Expr,
        op: BinaryOp,
        mut a: Operand<'a>,
        mut b: Operand<'a>,
    ) {
        // The shifted operand.
        let a_untyped_const = a.mode == OpMode::Constant && self.is_untyped(a.typ);
        if a_untyped_const {
            let v = a.val.clone().unwrap_or(constant::int(0));
            if constant::to_int(&v).is_some() {
                // Representable as an integer: ok.
            } else {
                self.error(
                    a.pos(),
                    format!(
                        "invalid operation: shifted operand {} must be integer",
                        self.operand_string(&a)
                    ),
                );
                return;
            }
        } else if !self.is_integer(a.typ) {
            self.error(
                a.pos(),
                format!(
                    "invalid operation: shifted operand {} must be integer",
                    self.operand_string(&a)
                ),
            );
            return;
        }
        // The shift count.
        if b.mode == OpMode::Constant {
            let v = b.val.clone().unwrap_or(constant::int(0));
            let Some(i) = constant::to_int(&v) else {
                self.error(
                    b.pos(),
                    format!(
                        "invalid operation: invalid shift count {}",
                        self.operand_string(&b)
                    ),
                );
                return;
            };
            if i.is_negative() {
                self.error(
                    b.pos(),
                    format!(
                        "invalid operation: negative shift count {}",
                        self.operand_string(&b)
                    ),
                );
                return;
            }
            if self.is_untyped(b.typ) {
                let u = self.basic(BasicKind::Uint);
                self.convert_untyped(&mut b, u);
                if b.mode == OpMode::Invalid {
                    return;
                }
            }
        } else if self.is_untyped(b.typ) {
            let u = self.basic(BasicKind::Uint);
            self.convert_untyped(&mut b, u);
            if b.mode == OpMode::Invalid {
                return;
            }
        } else if !self.is_integer(b.typ) {
            self.error(
                b.pos(),
                format!(
                    "invalid operation: shift count {} must be integer",
                    self.operand_string(&b)
                ),
            );
            return;
        }
        if a.mode == OpMode::Constant && b.mode == OpMode::Constant {
            let av =
                constant::to_int(a.val.as_ref().unwrap_or(&constant::int(0))).unwrap_or_default();
            let s = constant::to_int(b.val.as_ref().unwrap_or(&constant::int(0)))
                .and_then(|s| s.to_u64())
                .unwrap_or(u64::MAX);
            let Some(r) = constant::shift(op, &av, s) else {
                self.error(
                    b.pos(),
                    format!("invalid shift count {}", self.operand_string(&b)),
                );
                return;
            };
            let mut typ = a.typ;
            if a_untyped_const && typ != self.basic(BasicKind::UntypedRune) {
                typ = self.basic(BasicKind::UntypedInt);
            }
            if a_untyped_const && typ == self.basic(BasicKind::UntypedRune) {
                typ = self.basic(BasicKind::UntypedRune);
            }
            // An untyped float lhs with integer value becomes untyped int.
            *x = Operand {
                mode: OpMode::Constant,
                typ,
                val: Some(ConstValue::Int(r)),
                expr: Some(e),
                builtin: None,
            };
            self.check_typed_overflow(x, op.as_str());
            return;
        }
        if a_untyped_const {
            // Non-constant shift of an untyped constant: the lhs takes its type from the
            // context (delayed; see update_expr_type). Keep it untyped int for now.
            let ui = self.basic(BasicKind::UntypedInt);
            if a.typ != ui && a.typ != self.basic(BasicKind::UntypedRune) {
                a.typ = ui;
            }
            *x = Operand {
                mode: OpMode::Value,
                typ: a.typ,
                val: None,
                expr: Some(e),
                builtin: None,
            };
            return;
        }
        *x = Operand {
            mode: OpMode::Value,
            typ: a.typ,
            val: None,
            expr: Some(e),
            builtin: None,
        };
    }

    // ---------------------------------------------------------------- selectors

    fn selector(&mut self, x: &mut Operand<'a>, e: &'a Expr, base: &'a Expr, sel: &'a ast::Ident) {
        // Package-qualified identifier?
        if let ExprKind::Ident(id) = &base.kind
            && let Some(o) = self.lookup(self.env.scope, &id.name)
            && let ObjKind::PkgName { imported } = self.p.obj(o).kind
        {
            self.p.info.uses.insert(id.id, o);
            self.used_pkgnames.insert(o);
            let pscope = self.p.package(imported).scope;
            let pname = self.p.package(imported).name.clone();
            let found = self.p.scope_lookup(pscope, &sel.name);
            match found {
                Some(m) if is_exported(&sel.name) || imported.0 == 1 => {
                    self.p.info.uses.insert(sel.id, m);
                    self.use_object(x, m, sel.pos);
                }
                Some(_) => {
                    self.error(
                        sel.pos,
                        format!("name {} not exported by package {pname}", sel.name),
                    );
                }
                None => {
                    self.error(sel.pos, format!("undefined: {pname}.{}", sel.name));
                }
            }
            return;
        }
        let y = self.expr_or_type(base, false);
        if y.mode == OpMode::Invalid {
            return;
        }
        if y.mode == OpMode::Builtin {
            self.error(
                y.pos(),
                format!("{} (built-in) must be called", expr_string(base)),
            );
            return;
        }
        if sel.name == "_" {
            self.error(sel.pos, "cannot use _ as value");
            return;
        }
        let is_type = y.mode == OpMode::TypeExpr;
        let res = self.lookup_field_or_method(
            y.typ,
            y.mode == OpMode::Variable,
            Some(self.pkg),
            &sel.name,
        );
        match res {
            LookupResult::Field {
                obj,
                index,
                indirect,
                typ,
            } => {
                if is_type {
                    self.error(
                        sel.pos,
                        format!(
                            "{}.{} undefined (type {} has no method {})",
                            expr_string(base),
                            sel.name,
                            self.ts(y.typ),
                            sel.name
                        ),
                    );
                    return;
                }
                self.p.info.uses.insert(sel.id, obj);
                self.p.info.selections.insert(
                    e.id,
                    Selection {
                        kind: SelectionKind::FieldVal,
                        recv: y.typ,
                        obj,
                        index,
                        indirect,
                    },
                );
                x.mode = if y.mode == OpMode::Variable || indirect {
                    OpMode::Variable
                } else {
                    OpMode::Value
                };
                x.typ = typ;
            }
            LookupResult::Method {
                obj,
                index,
                indirect,
                sig,
                ptr_recv,
            } => {
                self.p.info.uses.insert(sel.id, obj);
                // A method value, call or expression depends on the method, whose body may
                // refer to package-level variables (types2's addDeclDep in `selector`): needed to
                // find initialisation cycles through methods.
                if let Some(d) = self.env.decl
                    && self.p.obj(obj).pkg == Some(self.pkg)
                {
                    let deps = self.deps.entry(d).or_default();
                    if !deps.contains(&obj) {
                        deps.push(obj);
                    }
                }
                if is_type {
                    // Method expression: the receiver becomes the first parameter.
                    let Some(s) = self.p.types.signature(sig).cloned() else {
                        return;
                    };
                    // A pointer-receiver method is in T's method set only when reached through
                    // an embedded pointer.
                    if ptr_recv
                        && !indirect
                        && !matches!(self.p.ty(y.typ), Type::Pointer(_))
                        && !self.is_interface(y.typ)
                    {
                        self.error(
                            start_pos(e),
                            format!(
                                "invalid method expression {}.{} (needs pointer receiver (*{}).{})",
                                expr_string(base),
                                sel.name,
                                expr_string(base),
                                sel.name
                            ),
                        );
                        return;
                    }
                    let mut params = vec![y.typ];
                    params.extend(s.params.iter().copied());
                    let ft = self.p.types.func(params, s.results.clone(), s.variadic);
                    self.p.info.selections.insert(
                        e.id,
                        Selection {
                            kind: SelectionKind::MethodExpr,
                            recv: y.typ,
                            obj,
                            index,
                            indirect,
                        },
                    );
                    x.mode = OpMode::Value;
                    x.typ = ft;
                    return;
                }
                if ptr_recv
                    && !indirect
                    && y.mode != OpMode::Variable
                    && !matches!(self.p.ty(self.under(y.typ)), Type::Pointer(_))
                {
                    self.error(
                        start_pos(e),
                        format!(
                            "cannot call pointer method {} on {}",
                            sel.name,
                            self.ts(y.typ)
                        ),
                    );
                    return;
                }
                if ptr_recv && y.mode == OpMode::Variable {
                    self.mark_addr_taken(base);
                }
                self.p.info.selections.insert(
                    e.id,
                    Selection {
                        kind: SelectionKind::MethodVal,
                        recv: y.typ,
                        obj,
                        index,
                        indirect,
                    },
                );
                let s = self.p.types.signature(sig).cloned();
                if let Some(s) = s {
                    x.typ = self
                        .p
                        .types
                        .func(s.params.clone(), s.results.clone(), s.variadic);
                }
                x.mode = OpMode::Value;
            }
            LookupResult::Ambiguous => {
                self.error(
                    sel.pos,
                    format!("ambiguous selector {}.{}", expr_string(base), sel.name),
                );
            }
            LookupResult::NotFound {
                ptr_to_iface,
                wrong_case,
            } => {
                if self.is_invalid(y.typ) {
                    return;
                }
                let what = if is_type { "method" } else { "field or method" };
                let mut why = format!("type {} has no {what} {}", self.ts(y.typ), sel.name);
                if ptr_to_iface {
                    why = self.interface_ptr_error(y.typ).unwrap_or(why);
                } else if let Some(w) = wrong_case {
                    why = format!(
                        "type {} has no {what} {}, but does have {what} {w}",
                        self.ts(y.typ),
                        sel.name
                    );
                }
                self.error(
                    sel.pos,
                    format!("{}.{} undefined ({why})", expr_string(base), sel.name),
                );
            }
        }
    }

    // ---------------------------------------------------------------- index and slice

    fn index_expr(
        &mut self,
        x: &mut Operand<'a>,
        e: &'a Expr,
        base: &'a Expr,
        indices: &'a [Expr],
    ) {
        let y = self.raw_expr(base, None, true);
        if y.mode == OpMode::Invalid {
            for i in indices {
                self.raw_expr(i, None, true);
            }
            return;
        }
        if y.mode == OpMode::TypeExpr {
            let t = self.instantiated_type(e, base, indices);
            if !self.is_invalid(t) {
                x.mode = OpMode::TypeExpr;
                x.typ = t;
            }
            return;
        }
        if y.mode == OpMode::Value && self.is_generic_func_operand(&y) {
            self.func_instantiation(x, e, &y, indices);
            return;
        }
        let mut y = y;
        self.single_value(&mut y);
        self.exclude(&mut y, true);
        if y.mode == OpMode::Invalid {
            return;
        }
        if indices.len() != 1 {
            self.error(
                indices.get(1).map(|i| i.pos).unwrap_or(e.pos),
                "unexpected comma; expecting ]",
            );
            return;
        }
        let idx = &indices[0];
        if self.core_type(y.typ).is_none()
            && let Some((elem, addressable, array_term)) = self.type_set_index(y.typ)
        {
            // An array term indexes a variable only when the operand is one (types2).
            let addressable = addressable && (!array_term || y.mode == OpMode::Variable);
            // A type parameter whose type set mixes indexable types with the same element type
            // (`string | []byte`): the result is a byte value, or a variable if no term is a
            // string.
            x.mode = if addressable {
                OpMode::Variable
            } else {
                OpMode::Value
            };
            x.typ = elem;
            self.index(idx, None);
            return;
        }
        let Some(core) = self.core_type(y.typ) else {
            self.error(
                y.pos(),
                format!(
                    "invalid operation: cannot index {}",
                    self.operand_string(&y)
                ),
            );
            self.expr(idx);
            return;
        };
        let ct = self.p.ty(core).clone();
        let mut length: Option<u64> = None;
        match ct {
            Type::Basic(k) if k.is_string() => {
                if y.mode == OpMode::Constant
                    && let Some(ConstValue::String(s)) = &y.val
                {
                    length = Some(s.len() as u64);
                }
                x.mode = OpMode::Value;
                // types2: a string's element is `byte` (universeByte), and is printed so.
                x.typ = self.p.byte_type;
                if let Some(i) = self.index(idx, length)
                    && y.mode == OpMode::Constant
                    && let Some(ConstValue::String(s)) = &y.val
                    && let Some(b) = s.get(i as usize)
                {
                    x.mode = OpMode::Constant;
                    x.val = Some(constant::int(b as i64));
                }
                return;
            }
            Type::Array(elem, n) => {
                x.mode = if y.mode == OpMode::Variable {
                    OpMode::Variable
                } else {
                    OpMode::Value
                };
                x.typ = elem;
                length = Some(n);
            }
            Type::Pointer(p) => match self.p.ty(self.under(p)).clone() {
                Type::Array(elem, n) => {
                    x.mode = OpMode::Variable;
                    x.typ = elem;
                    length = Some(n);
                }
                _ => {
                    self.error(
                        y.pos(),
                        format!(
                            "invalid operation: cannot index {}",
                            self.operand_string(&y)
                        ),
                    );
                    self.expr(idx);
                    return;
                }
            },
            Type::Slice(elem) => {
                x.mode = OpMode::Variable;
                x.typ = elem;
            }
            Type::Map(k, v) => {
                let mut key = self.expr_hint(idx, Some(k));
                self.assignment(&mut key, k, "map index");
                x.mode = OpMode::MapIndex;
                x.typ = v;
                return;
            }
            _ => {
                self.error(
                    y.pos(),
                    format!(
                        "invalid operation: cannot index {}",
                        self.operand_string(&y)
                    ),
                );
                self.expr(idx);
                return;
            }
        }
        self.index(idx, length);
    }

    /// Indexing a type parameter without core type: every term of its type set must be indexable
    /// (string, array, pointer to array, slice) with the same element type. Returns the element
    /// type, whether the result can be addressable (no string terms) and whether a term is an
    /// array (then it is addressable only when the operand is).
    fn type_set_index(&self, t: TypeId) -> Option<(TypeId, bool, bool)> {
        let Type::TypeParam(p) = self.p.ty(t) else {
            return None;
        };
        let Type::Interface(it) = self.p.ty(self.under(p.constraint)) else {
            return None;
        };
        let terms = it.terms.as_ref()?;
        let mut elem: Option<TypeId> = None;
        let mut addressable = true;
        let mut array_term = false;
        for term in terms {
            let (e, addr) = match self.p.ty(self.under(term.typ)) {
                Type::Basic(k) if k.is_string() => (self.p.byte_type, false),
                Type::Array(e, _) => {
                    array_term = true;
                    (*e, true)
                }
                Type::Slice(e) => (*e, true),
                Type::Pointer(b) => match self.p.ty(self.under(*b)) {
                    Type::Array(e, _) => (*e, true),
                    _ => return None,
                },
                _ => return None,
            };
            match elem {
                None => elem = Some(e),
                Some(x) if self.p.identical(x, e) => {}
                Some(_) => return None,
            }
            addressable &= addr;
        }
        elem.map(|e| (e, addressable, array_term))
    }

    /// Checks an index; returns its constant value if known. `length` bounds constant indices.
    pub fn index(&mut self, idx: &'a Expr, length: Option<u64>) -> Option<u64> {
        let mut i = self.expr(idx);
        if i.mode == OpMode::Invalid {
            return None;
        }
        // As types2's isValidIndex: an untyped index is converted to int first, so `1.5` is
        // "truncated to int" and `"a"` "cannot convert"; typed non-integers are reported below.
        if self.is_untyped(i.typ) {
            let it = self.basic(BasicKind::Int);
            self.convert_untyped(&mut i, it);
            if i.mode == OpMode::Invalid {
                return None;
            }
        }
        if !self.is_integer(i.typ) {
            self.error(
                i.pos(),
                format!(
                    "invalid argument: index {} must be integer",
                    self.operand_string(&i)
                ),
            );
            return None;
        }
        if i.mode == OpMode::Constant {
            let v = constant::to_int(i.val.as_ref()?)?;
            if v.is_negative() {
                self.error(
                    i.pos(),
                    format!(
                        "invalid argument: index {} must not be negative",
                        self.operand_string(&i)
                    ),
                );
                return None;
            }
            if v > num_bigint::BigInt::from(i64::MAX) {
                self.error(
                    i.pos(),
                    format!(
                        "invalid argument: index {} overflows int",
                        self.operand_string(&i)
                    ),
                );
                return None;
            }
            let n = v.to_u64()?;
            if let Some(len) = length
                && n >= len
            {
                self.error(
                    i.pos(),
                    format!(
                        "invalid argument: index {} out of bounds [0:{len}]",
                        expr_string(idx)
                    ),
                );
                return None;
            }
            return Some(n);
        }
        None
    }

    #[allow(clippy::too_many_arguments)]
    fn slice_expr(
        &mut self,
        x: &mut Operand<'a>,
        e: &'a Expr,
        base: &'a Expr,
        lo: Option<&'a Expr>,
        hi: Option<&'a Expr>,
        max: Option<&'a Expr>,
        three: bool,
    ) {
        let y = self.expr(base);
        if y.mode == OpMode::Invalid {
            for i in [lo, hi, max].into_iter().flatten() {
                self.expr(i);
            }
            return;
        }
        let mut length: Option<u64> = None;
        let core = match self.core_type(y.typ) {
            Some(c) => c,
            // `string | []byte` type sets slice like strings (types2's coreString); the result
            // keeps the operand's type.
            None if self.all_terms(y.typ, |c, t| {
                let u = c.under(t);
                c.is_string(u) || c.is_byte_slice(u)
            }) =>
            {
                self.basic(BasicKind::String)
            }
            None => {
                self.error(y.pos(), format!("cannot slice {}", self.operand_string(&y)));
                return;
            }
        };
        match self.p.ty(core).clone() {
            Type::Basic(k) if k.is_string() => {
                if three {
                    self.error(start_pos(e), "invalid operation: 3-index slice of string");
                    return;
                }
                if let Some(ConstValue::String(s)) = &y.val {
                    length = Some(s.len() as u64);
                }
                x.mode = OpMode::Value;
                x.typ = if k == BasicKind::UntypedString {
                    self.basic(BasicKind::String)
                } else {
                    y.typ
                };
            }
            Type::Array(elem, n) => {
                if y.mode != OpMode::Variable {
                    self.error(
                        y.pos(),
                        format!(
                            "invalid operation: {} (slice of unaddressable value)",
                            expr_string(e)
                        ),
                    );
                    return;
                }
                self.mark_addr_taken(base);
                length = Some(n);
                x.mode = OpMode::Value;
                x.typ = self.p.types.slice(elem);
            }
            Type::Pointer(p) => match self.p.ty(self.under(p)).clone() {
                Type::Array(elem, n) => {
                    length = Some(n);
                    x.mode = OpMode::Value;
                    x.typ = self.p.types.slice(elem);
                }
                _ => {
                    self.error(y.pos(), format!("cannot slice {}", self.operand_string(&y)));
                    return;
                }
            },
            Type::Slice(_) => {
                x.mode = OpMode::Value;
                x.typ = y.typ;
            }
            _ => {
                self.error(y.pos(), format!("cannot slice {}", self.operand_string(&y)));
                return;
            }
        }
        let cap = length.map(|l| l + 1);
        let mut vals = Vec::new();
        for i in [lo, hi, max].into_iter().flatten() {
            vals.push((self.index(i, cap), i));
        }
        // Constant indices must be non-decreasing.
        for w in 0..vals.len() {
            for v in w + 1..vals.len() {
                if let (Some(a), Some(b)) = (vals[w].0, vals[v].0)
                    && a > b
                {
                    self.error(vals[v].1.pos, format!("invalid slice indices: {b} < {a}"));
                    return;
                }
            }
        }
    }

    // ---------------------------------------------------------------- type assertions

    /// Checks `x.(T)`; reports impossible assertions.
    pub fn type_assertion(&mut self, e: &'a Expr, x: &Operand<'a>, t: TypeId, type_switch: bool) {
        // As types2: no static check when T is an interface, which includes a type parameter
        // (its underlying type is its constraint).
        if self.is_interface(t) || self.is_type_param(t) {
            return;
        }
        if let Err(cause) = self.assertable_to(x.typ, t) {
            if type_switch {
                self.error(
                    start_pos(e),
                    format!(
                        "impossible type switch case: {}\n\t{} cannot have dynamic type {} {cause}",
                        expr_string(e),
                        self.operand_string(x),
                        self.ts(t)
                    ),
                );
            } else {
                self.error(
                    start_pos(e),
                    format!(
                        "impossible type assertion: {}\n\t{} does not implement {} {cause}",
                        expr_string(e),
                        self.ts(t),
                        self.ts(x.typ)
                    ),
                );
            }
        }
    }

    // ---------------------------------------------------------------- function literals

    fn func_lit(
        &mut self,
        x: &mut Operand<'a>,
        e: &'a Expr,
        sig: &'a ast::FuncType,
        body: &'a ast::Block,
    ) {
        let saved_scope = self.env.scope;
        let scope = self.open_scope(ScopeKind::Func);
        // Parameters belong to the literal's own function depth.
        self.fstack.push(FuncCtxPlaceholder::ctx(Some(e.id)));
        let t = self.signature(sig, None);
        let results = self.last_result_objs.clone();
        for v in self
            .last_param_objs
            .clone()
            .into_iter()
            .chain(results.clone())
        {
            self.var_depth.insert(v, self.fstack.len());
        }
        let depth = self.fstack.len();
        if let Some(f) = self.fstack.last_mut() {
            f.sig = t;
            f.results = results.clone();
            f.has_named_results = sig.results.iter().any(|r| !r.names.is_empty());
        }
        let _ = depth;
        self.p.info.captures.entry(e.id).or_default();
        self.func_body(scope, body, t);
        self.fstack.pop();
        self.env.scope = saved_scope;
        x.mode = OpMode::Value;
        x.typ = t;
    }
}

/// Helper to build a fresh function context.
pub(crate) struct FuncCtxPlaceholder;
impl FuncCtxPlaceholder {
    pub fn ctx(lit: Option<NodeId>) -> super::check::FuncCtx {
        super::check::FuncCtx {
            lit,
            sig: TypeId::new(0),
            results: vec![],
            has_named_results: false,
        }
    }
}

fn is_zero(v: &ConstValue) -> bool {
    match v {
        ConstValue::Int(i) => i.is_zero(),
        ConstValue::Float(f) => f.is_zero(),
        ConstValue::Complex(a, b) => a.is_zero() && b.is_zero(),
        _ => false,
    }
}

impl Type {
    /// The name of a basic type ("" for others).
    pub fn basic_name(&self) -> &'static str {
        match self {
            Type::Basic(k) => k.name(),
            _ => "",
        }
    }
}
