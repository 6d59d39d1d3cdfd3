//! Built-in functions (universe and package unsafe).

use num_rational::BigRational;
use num_traits::Zero;

use super::check::{Checker, expr_string};
use super::constant;
use super::expr::{OpMode, Operand, start_pos};
use super::lookup::LookupResult;
use super::*;
use crate::ast::{Expr, ExprKind, Pos};

fn builtin_name(b: Builtin) -> &'static str {
    use Builtin::*;
    match b {
        Append => "append",
        Cap => "cap",
        Clear => "clear",
        Close => "close",
        Complex => "complex",
        Copy => "copy",
        Delete => "delete",
        Imag => "imag",
        Len => "len",
        Make => "make",
        Max => "max",
        Min => "min",
        New => "new",
        Panic => "panic",
        Print => "print",
        Println => "println",
        Real => "real",
        Recover => "recover",
        Add => "Add",
        Alignof => "Alignof",
        Offsetof => "Offsetof",
        Sizeof => "Sizeof",
        Slice => "Slice",
        SliceData => "SliceData",
        String => "String",
        StringData => "StringData",
    }
}

/// (minimum argument count, variadic).
fn arity(b: Builtin) -> (usize, bool) {
    use Builtin::*;
    match b {
        Append => (1, true),
        Cap | Clear | Close | Imag | Len | Real | New | Panic | Alignof | Offsetof | Sizeof
        | SliceData | StringData => (1, false),
        Complex | Copy | Delete | Add | Slice | String => (2, false),
        Make => (1, true),
        Max | Min => (1, true),
        Print | Println => (0, true),
        Recover => (0, false),
    }
}

impl<'a> Checker<'a> {
    /// Whether the size of `t` depends on a type parameter (types2's hasVarSize).
    fn has_var_size(&self, t: TypeId, depth: u32) -> bool {
        if depth > 64 {
            return false;
        }
        match self.p.ty(t) {
            Type::TypeParam(_) => true,
            Type::Named(n) => n
                .underlying
                .is_some_and(|u| self.has_var_size(u, depth + 1)),
            Type::Array(e, _) => self.has_var_size(*e, depth + 1),
            Type::Struct(fs) => fs.iter().any(|f| self.has_var_size(f.typ, depth + 1)),
            _ => false,
        }
    }
    pub(crate) fn builtin(
        &mut self,
        x: &mut Operand<'a>,
        call: &'a Expr,
        b: Builtin,
        args: &'a [Expr],
        ellipsis: Option<Pos>,
        hint: Option<TypeId>,
    ) {
        let _ = hint;
        let name = builtin_name(b);
        if ellipsis.is_some() && b != Builtin::Append {
            self.error(
                ellipsis.unwrap_or(call.pos),
                format!("invalid operation: invalid use of ... with built-in {name}"),
            );
            for a in args {
                self.raw_expr(a, None, true);
            }
            return;
        }
        let (min, variadic) = arity(b);
        let nargs = args.len();
        // Evaluate ordinary arguments up front (make/new/Offsetof take types or selectors).
        let special = matches!(b, Builtin::Make | Builtin::New | Builtin::Offsetof);
        let mut ops: Vec<Operand<'a>> = Vec::new();
        if !special {
            if nargs == 1 && matches!(args[0].kind, ExprKind::Call { .. }) {
                ops = self.multi_expr(&args[0]);
            } else {
                for a in args {
                    ops.push(self.expr(a));
                }
            }
            if ops.iter().any(|o| o.mode == OpMode::Invalid) {
                return;
            }
        }
        let n = if special { nargs } else { ops.len() };
        let msg = if n < min {
            Some("not enough")
        } else if !variadic && n > min {
            Some("too many")
        } else {
            None
        };
        if let Some(m) = msg {
            // types2 reports at argErrPos(call), which is the call itself (its start).
            self.error(
                start_pos(call),
                format!(
                    "invalid operation: {m} arguments for {} (expected {min}, found {n})",
                    expr_string(call)
                ),
            );
            return;
        }
        x.expr = Some(call);
        let int_t = self.basic(BasicKind::Int);
        use Builtin::*;
        match b {
            Len | Cap => {
                let a = &ops[0];
                let mut mode = OpMode::Invalid;
                let mut val = None;
                let t = if self.is_type_param(a.typ) {
                    a.typ
                } else {
                    self.under(a.typ)
                };
                let t = match self.p.ty(t) {
                    Type::Pointer(e) => {
                        let e = *e;
                        if matches!(self.p.ty(self.under(e)), Type::Array(..)) {
                            self.under(e)
                        } else {
                            t
                        }
                    }
                    _ => t,
                };
                match self.p.ty(t).clone() {
                    Type::Basic(k) if k.is_string() && b == Len => {
                        mode = OpMode::Value;
                        if a.mode == OpMode::Constant
                            && let Some(ConstValue::String(s)) = &a.val
                        {
                            mode = OpMode::Constant;
                            val = Some(constant::int(s.len() as i64));
                        }
                    }
                    Type::Array(_, n) => {
                        mode = OpMode::Value;
                        // Constant unless the operand contains calls or receives.
                        if !contains_call_or_recv(&self.p.info, a.expr) {
                            mode = OpMode::Constant;
                            val = Some(constant::int(n as i64));
                        }
                    }
                    Type::Slice(_) | Type::Chan(..) => mode = OpMode::Value,
                    Type::Map(..) if b == Len => mode = OpMode::Value,
                    Type::TypeParam(_)
                        if self.all_terms(t, |c, x| {
                            let u = c.under(x);
                            match c.p.ty(u) {
                                Type::Basic(k) => k.is_string() && b == Len,
                                Type::Array(..) | Type::Slice(_) | Type::Chan(..) => true,
                                Type::Map(..) => b == Len,
                                Type::Pointer(e) => matches!(c.p.ty(c.under(*e)), Type::Array(..)),
                                _ => false,
                            }
                        }) =>
                    {
                        mode = OpMode::Value;
                    }
                    _ => {}
                }
                if mode == OpMode::Invalid {
                    if !self.is_invalid(a.typ) {
                        self.error(
                            a.pos(),
                            format!(
                                "invalid argument: {} for built-in {name}",
                                self.operand_string(a)
                            ),
                        );
                    }
                    return;
                }
                if self.is_untyped(a.typ) {
                    let mut a2 = a.clone();
                    let st = self.basic(BasicKind::String);
                    self.convert_untyped(&mut a2, st);
                }
                x.mode = mode;
                x.typ = int_t;
                x.val = val;
            }
            Append => {
                let s = ops[0].clone();
                let st = s.typ;
                let core = self.core_type(st);
                let elem = match core.map(|c| self.p.ty(c).clone()) {
                    Some(Type::Slice(e)) => e,
                    _ => {
                        if s.typ == self.basic(BasicKind::UntypedNil) {
                            self.error(
                                s.pos(),
                                "first argument to append must be a typed slice; found untyped nil",
                            );
                        } else {
                            self.error(
                                s.pos(),
                                format!(
                                    "invalid argument: {} is not a slice",
                                    self.operand_string(&s)
                                ),
                            );
                        }
                        return;
                    }
                };
                if ellipsis.is_some() {
                    if ops.len() != 2 {
                        // types2 checks `append(s...)` against `func(S, ...E) S`.
                        let what = if ops.len() < 2 {
                            "not enough"
                        } else {
                            "too many"
                        };
                        self.error(
                            start_pos(call),
                            format!("{what} arguments in call to append"),
                        );
                        return;
                    }
                    let mut y = ops[1].clone();
                    // append([]byte, string...) is allowed, also with a type parameter whose
                    // type set holds only strings and byte slices.
                    let bytestring = self.is_string(y.typ)
                        || self.all_terms(y.typ, |c, t| c.is_string(t) || c.is_byte_slice(t));
                    if self.p.types.basic_kind(elem) == Some(BasicKind::Uint8) && bytestring {
                        if self.is_untyped(y.typ) {
                            let strt = self.basic(BasicKind::String);
                            self.convert_untyped(&mut y, strt);
                        }
                    } else {
                        // The variadic parameter has type []E, not S: any slice type with
                        // the element type E is assignable (types2's `func(S, ...E) S`).
                        let ctx = "argument to append".to_string();
                        let variadic = self.p.types.slice(elem);
                        self.assignment(&mut y, variadic, &ctx);
                    }
                } else {
                    for y in ops.iter_mut().skip(1) {
                        self.assignment(y, elem, "argument to append");
                    }
                }
                x.mode = OpMode::Value;
                x.typ = st;
            }
            Copy => {
                let (d, s) = (ops[0].clone(), ops[1].clone());
                let de = match self.core_type(d.typ).map(|c| self.p.ty(c).clone()) {
                    Some(Type::Slice(e)) => Some(e),
                    _ => None,
                };
                let se = match self.core_type(s.typ).map(|c| self.p.ty(c).clone()) {
                    Some(Type::Slice(e)) => Some(e),
                    Some(Type::Basic(k)) if k.is_string() => Some(self.p.byte_type),
                    _ => None,
                };
                match (de, se) {
                    (Some(a), Some(b2)) if self.p.identical(a, b2) => {}
                    (Some(a), Some(b2)) => {
                        self.error(
                            d.pos(),
                            format!(
                                "invalid copy: arguments {} and {} have different element types {} and {}",
                                self.operand_string(&d),
                                self.operand_string(&s),
                                self.ts(a),
                                self.ts(b2)
                            ),
                        );
                        return;
                    }
                    (None, _) => {
                        self.error(
                            d.pos(),
                            format!(
                                "invalid copy: argument must be a slice; have {}",
                                self.operand_string(&d)
                            ),
                        );
                        return;
                    }
                    (_, None) => {
                        self.error(
                            s.pos(),
                            format!(
                                "invalid copy: argument must be a slice; have {}",
                                self.operand_string(&s)
                            ),
                        );
                        return;
                    }
                }
                if self.is_untyped(s.typ) {
                    let mut s2 = s.clone();
                    let strt = self.basic(BasicKind::String);
                    self.convert_untyped(&mut s2, strt);
                }
                x.mode = OpMode::Value;
                x.typ = int_t;
            }
            Delete => {
                let m = ops[0].clone();
                // A type parameter: every type of its type set must be a map, all with the same
                // key type (Go 1.25 dropped the core type requirement).
                let mut map_key = self.core_type(m.typ).and_then(|c| match self.p.ty(c) {
                    Type::Map(k, _) => Some(*k),
                    _ => None,
                });
                if map_key.is_none()
                    && let Type::TypeParam(p) = self.p.ty(m.typ)
                    && let Type::Interface(it) = self.p.ty(self.under(p.constraint))
                    && let Some(ts) = &it.terms
                {
                    let keys: Vec<Option<TypeId>> = ts
                        .iter()
                        .map(|t| match self.p.ty(self.under(t.typ)) {
                            Type::Map(k, _) => Some(*k),
                            _ => None,
                        })
                        .collect();
                    if let Some(Some(k0)) = keys.first()
                        && keys.iter().all(|k| *k == Some(*k0))
                    {
                        map_key = Some(*k0);
                    }
                }
                let Some(kt) = map_key else {
                    self.error(
                        m.pos(),
                        format!("invalid argument: {} is not a map", self.operand_string(&m)),
                    );
                    return;
                };
                let mut k = ops[1].clone();
                self.assignment(&mut k, kt, "argument to delete");
                x.mode = OpMode::NoValue;
                x.typ = self.p.types.tuple(vec![]);
            }
            Clear => {
                let a = &ops[0];
                match self.core_type(a.typ).map(|c| self.p.ty(c).clone()) {
                    Some(Type::Map(..)) | Some(Type::Slice(_)) => {}
                    _ => {
                        self.error(a.pos(), format!("invalid argument: cannot clear {}: argument must be (or constrained by) map or slice", self.operand_string(a)));
                        return;
                    }
                }
                x.mode = OpMode::NoValue;
                x.typ = self.p.types.tuple(vec![]);
            }
            Close => {
                let a = &ops[0];
                // A type parameter: every type of its type set must be a channel that can be
                // closed (Go 1.25 dropped the core type requirement).
                let closable = |c: &Self, t: TypeId| matches!(c.p.ty(c.under(t)), Type::Chan(d, _) if *d != crate::ast::ChanDir::Recv);
                let core = if matches!(self.p.ty(a.typ), Type::TypeParam(_))
                    && self.all_terms(a.typ, closable)
                {
                    Some(Type::Chan(crate::ast::ChanDir::Both, a.typ))
                } else {
                    self.core_type(a.typ).map(|c| self.p.ty(c).clone())
                };
                match core {
                    Some(Type::Chan(dir, _)) => {
                        if dir == crate::ast::ChanDir::Recv {
                            self.error(
                                a.pos(),
                                format!(
                                    "invalid operation: cannot close receive-only channel {}",
                                    self.operand_string(a)
                                ),
                            );
                            return;
                        }
                    }
                    _ => {
                        self.error(
                            a.pos(),
                            format!(
                                "invalid operation: cannot close non-channel {}",
                                self.operand_string(a)
                            ),
                        );
                        return;
                    }
                }
                x.mode = OpMode::NoValue;
                x.typ = self.p.types.tuple(vec![]);
            }
            Complex => {
                let mut re = ops[0].clone();
                let mut im = ops[1].clone();
                self.match_types(&mut re, &mut im);
                if re.mode == OpMode::Invalid || im.mode == OpMode::Invalid {
                    return;
                }
                // Untyped constants that are both untyped: become untyped float first.
                if self.is_untyped(re.typ)
                    && self.is_untyped(im.typ)
                    && re.mode == OpMode::Constant
                    && im.mode == OpMode::Constant
                {
                    let (Some(a), Some(b2)) = (
                        re.val.as_ref().and_then(constant::to_rat),
                        im.val.as_ref().and_then(constant::to_rat),
                    ) else {
                        self.error(
                            re.pos(),
                            format!(
                                "invalid argument: arguments have type {}, expected floating-point",
                                self.ts(re.typ)
                            ),
                        );
                        return;
                    };
                    x.mode = OpMode::Constant;
                    x.typ = self.basic(BasicKind::UntypedComplex);
                    x.val = Some(ConstValue::Complex(a, b2));
                    return;
                }
                if self.is_untyped(re.typ) {
                    let f = self.basic(BasicKind::Float64);
                    self.convert_untyped(&mut re, f);
                    self.convert_untyped(&mut im, f);
                }
                if !self.p.identical(re.typ, im.typ) {
                    self.error(
                        re.pos(),
                        format!(
                            "invalid operation: {} (mismatched types {} and {})",
                            expr_string(call),
                            self.ts(re.typ),
                            self.ts(im.typ)
                        ),
                    );
                    return;
                }
                let rt = match self.p.types.basic_kind(re.typ) {
                    Some(BasicKind::Float32) => BasicKind::Complex64,
                    Some(BasicKind::Float64) => BasicKind::Complex128,
                    _ => {
                        self.error(
                            re.pos(),
                            format!(
                                "invalid argument: arguments have type {}, expected floating-point",
                                self.ts(re.typ)
                            ),
                        );
                        return;
                    }
                };
                if re.mode == OpMode::Constant && im.mode == OpMode::Constant {
                    let a = re
                        .val
                        .as_ref()
                        .and_then(constant::to_rat)
                        .unwrap_or_else(BigRational::zero);
                    let b2 = im
                        .val
                        .as_ref()
                        .and_then(constant::to_rat)
                        .unwrap_or_else(BigRational::zero);
                    x.mode = OpMode::Constant;
                    x.val = Some(ConstValue::Complex(a, b2));
                } else {
                    x.mode = OpMode::Value;
                }
                x.typ = self.basic(rt);
            }
            Real | Imag => {
                let mut a = ops[0].clone();
                if self.is_untyped(a.typ) && a.mode == OpMode::Constant {
                    let Some((re, im)) = a.val.as_ref().and_then(constant::to_complex) else {
                        self.error(
                            a.pos(),
                            format!(
                                "invalid argument: argument has type {}, expected complex type",
                                self.ts(a.typ)
                            ),
                        );
                        return;
                    };
                    x.mode = OpMode::Constant;
                    x.typ = self.basic(BasicKind::UntypedFloat);
                    x.val = Some(ConstValue::Float(if b == Real { re } else { im }));
                    return;
                }
                if self.is_untyped(a.typ) {
                    let c = self.basic(BasicKind::Complex128);
                    self.convert_untyped(&mut a, c);
                }
                let rt = match self.p.types.basic_kind(a.typ) {
                    Some(BasicKind::Complex64) => BasicKind::Float32,
                    Some(BasicKind::Complex128) => BasicKind::Float64,
                    _ => {
                        self.error(
                            a.pos(),
                            format!(
                                "invalid argument: argument has type {}, expected complex type",
                                self.ts(a.typ)
                            ),
                        );
                        return;
                    }
                };
                if a.mode == OpMode::Constant
                    && let Some((re, im)) = a.val.as_ref().and_then(constant::to_complex)
                {
                    x.mode = OpMode::Constant;
                    x.val = Some(ConstValue::Float(if b == Real { re } else { im }));
                } else {
                    x.mode = OpMode::Value;
                }
                x.typ = self.basic(rt);
            }
            Make => {
                let t = self.typ(&args[0]);
                if self.is_invalid(t) {
                    for a in &args[1..] {
                        self.expr(a);
                    }
                    return;
                }
                let min_args = match self.core_type(t).map(|c| self.p.ty(c).clone()) {
                    Some(Type::Slice(_)) => 2,
                    Some(Type::Map(..)) | Some(Type::Chan(..)) => 1,
                    _ => {
                        self.error(start_pos(&args[0]), format!("invalid argument: cannot make {}; type must be slice, map, or channel", expr_string(&args[0])));
                        for a in &args[1..] {
                            self.expr(a);
                        }
                        return;
                    }
                };
                if nargs < min_args || nargs > min_args + 1 {
                    self.error(
                        start_pos(call),
                        format!(
                            "invalid operation: {} expects {} or {} arguments; found {nargs}",
                            expr_string(call),
                            min_args,
                            min_args + 1
                        ),
                    );
                    return;
                }
                // Sizes are checked as indices (types2 calls `index` for each).
                let mut sizes = Vec::new();
                for a in &args[1..] {
                    if let Some(n) = self.index(a, None) {
                        sizes.push(n);
                    }
                }
                if sizes.len() == 2 && sizes[0] > sizes[1] {
                    self.error(
                        start_pos(&args[1]),
                        "invalid argument: length and capacity swapped",
                    );
                }
                x.mode = OpMode::Value;
                x.typ = t;
            }
            New => {
                // new(T); Go 1.26 also allows new(expr).
                let y = self.expr_or_type(&args[0], true);
                let t = match y.mode {
                    OpMode::Invalid => return,
                    OpMode::TypeExpr => y.typ,
                    _ => {
                        let mut y = y;
                        if self.is_untyped(y.typ) {
                            let d = self.default_type(y.typ);
                            self.convert_untyped(&mut y, d);
                        }
                        y.typ
                    }
                };
                x.mode = OpMode::Value;
                x.typ = self.p.types.pointer(t);
            }
            Panic => {
                let mut a = ops[0].clone();
                let any = self.p.any_type;
                self.assignment(&mut a, any, "argument to panic");
                x.mode = OpMode::NoValue;
                x.typ = self.p.types.tuple(vec![]);
            }
            Print | Println => {
                for a in ops.iter_mut() {
                    if self.is_untyped(a.typ) {
                        if a.typ == self.basic(BasicKind::UntypedNil) {
                            self.error(a.pos(), "use of untyped nil in argument to built-in print");
                            return;
                        }
                        let d = self.default_type(a.typ);
                        self.assignment(a, d, &format!("argument to built-in {name}"));
                    }
                }
                x.mode = OpMode::NoValue;
                x.typ = self.p.types.tuple(vec![]);
            }
            Recover => {
                x.mode = OpMode::Value;
                x.typ = self.p.any_type;
            }
            Max | Min => {
                let mut acc = ops[0].clone();
                for (i, a) in ops.clone().into_iter().enumerate() {
                    if !self.is_ordered(a.typ) {
                        self.error(
                            a.pos(),
                            format!(
                                "invalid argument: {} cannot be ordered",
                                self.operand_string(&a)
                            ),
                        );
                        return;
                    }
                    if i == 0 {
                        continue;
                    }
                    let mut a = a;
                    self.match_types(&mut acc, &mut a);
                    if acc.mode == OpMode::Invalid || a.mode == OpMode::Invalid {
                        return;
                    }
                    if !self.p.identical(acc.typ, a.typ) {
                        self.error(
                            a.pos(),
                            format!(
                                "invalid argument: mismatched types {} (previous argument) and {} (type of {})",
                                self.ts(acc.typ),
                                self.ts(a.typ),
                                a.expr.map(expr_string).unwrap_or_default()
                            ),
                        );
                        return;
                    }
                    if acc.mode == OpMode::Constant && a.mode == OpMode::Constant {
                        let op = if b == Max {
                            crate::ast::BinaryOp::Gtr
                        } else {
                            crate::ast::BinaryOp::Lss
                        };
                        let take = constant::compare(
                            op,
                            a.val.as_ref().unwrap_or(&constant::int(0)),
                            acc.val.as_ref().unwrap_or(&constant::int(0)),
                        )
                        .unwrap_or(false);
                        if take {
                            acc.val = a.val.clone();
                        }
                    } else {
                        acc.mode = OpMode::Value;
                        acc.val = None;
                    }
                }
                // Untyped operands that end up non-constant take the final type.
                if acc.mode != OpMode::Constant {
                    for a in ops.iter_mut() {
                        if self.is_untyped(a.typ) {
                            self.convert_untyped(a, acc.typ);
                        }
                    }
                }
                x.mode = acc.mode;
                x.typ = acc.typ;
                x.val = acc.val;
                if x.mode != OpMode::Constant {
                    x.mode = OpMode::Value;
                }
            }
            Sizeof | Alignof => {
                let mut a = ops[0].clone();
                if self.is_untyped(a.typ) {
                    let d = self.default_type(a.typ);
                    self.convert_untyped(&mut a, d);
                }
                if self.has_var_size(a.typ, 0) {
                    // The size depends on a type parameter: known per instance only (types2).
                    x.mode = OpMode::Value;
                    x.typ = self.basic(BasicKind::Uintptr);
                    x.val = None;
                    return;
                }
                let (sz, al) = layout::size_align(&self.p.types, a.typ, 0);
                if sz > i64::MAX as u64 {
                    let s = self.operand_string(&a);
                    self.error(a.pos(), format!("{s} is too large"));
                    return;
                }
                x.mode = OpMode::Constant;
                x.typ = self.basic(BasicKind::Uintptr);
                x.val = Some(constant::int(if b == Sizeof { sz } else { al } as i64));
            }
            Offsetof => {
                let arg = args[0].unparen();
                let ExprKind::Selector { x: base, sel } = &arg.kind else {
                    self.error(
                        start_pos(&args[0]),
                        format!(
                            "invalid argument: {} is not a selector expression",
                            expr_string(&args[0])
                        ),
                    );
                    return;
                };
                let y = self.expr(base);
                if y.mode == OpMode::Invalid {
                    return;
                }
                // As types2: a pointer-to-struct base is dereferenced first, so only pointers
                // met on the embedding path count as indirections.
                let base_t = match self.p.ty(self.p.underlying(y.typ)) {
                    Type::Pointer(e)
                        if matches!(self.p.ty(self.p.underlying(*e)), Type::Struct(_)) =>
                    {
                        *e
                    }
                    _ => y.typ,
                };
                let r = self.lookup_field_or_method(base_t, false, Some(self.pkg), &sel.name);
                let LookupResult::Field {
                    obj,
                    index,
                    indirect,
                    typ,
                } = r
                else {
                    self.error(
                        start_pos(arg),
                        format!(
                            "invalid argument: {} has no single field {}",
                            expr_string(base),
                            sel.name
                        ),
                    );
                    return;
                };
                if indirect {
                    self.error(
                        start_pos(arg),
                        format!(
                            "invalid argument: field {} is embedded via a pointer in {}",
                            sel.name,
                            self.ts(base_t)
                        ),
                    );
                    return;
                }
                self.p.info.uses.insert(sel.id, obj);
                self.p.info.selections.insert(
                    arg.id,
                    Selection {
                        kind: SelectionKind::FieldVal,
                        recv: y.typ,
                        obj,
                        index: index.clone(),
                        indirect,
                    },
                );
                self.record_type(arg.id, OpMode::Variable, typ, None);
                // Sum offsets along the embedding path.
                let mut off = 0u64;
                let mut cur = base_t;
                for &i in &index {
                    let offs = layout::field_offsets(&self.p.types, cur);
                    off = off.saturating_add(offs.get(i as usize).copied().unwrap_or(0));
                    if let Type::Struct(fields) = self.p.ty(self.under(cur))
                        && let Some(f) = fields.get(i as usize)
                    {
                        cur = f.typ;
                    }
                }
                if off > i64::MAX as u64 {
                    let s = self.operand_string(&y);
                    self.error(start_pos(arg), format!("{s} is too large"));
                    return;
                }
                x.mode = OpMode::Constant;
                x.typ = self.basic(BasicKind::Uintptr);
                x.val = Some(constant::int(off as i64));
            }
            Add => {
                let mut p = ops[0].clone();
                let up = self.basic(BasicKind::UnsafePointer);
                self.assignment(&mut p, up, "argument to unsafe.Add");
                let mut n = ops[1].clone();
                if self.is_untyped(n.typ) {
                    self.convert_untyped(&mut n, int_t);
                }
                if n.mode != OpMode::Invalid && !self.is_integer(n.typ) {
                    self.error(
                        n.pos(),
                        format!(
                            "cannot use {} as int value in argument to unsafe.Add",
                            self.operand_string(&n)
                        ),
                    );
                }
                x.mode = OpMode::Value;
                x.typ = up;
            }
            Slice => {
                let p = ops[0].clone();
                let Type::Pointer(e) = self.p.ty(self.under(p.typ)).clone() else {
                    self.error(
                        p.pos(),
                        format!(
                            "invalid argument: {} is not a pointer",
                            self.operand_string(&p)
                        ),
                    );
                    return;
                };
                let mut n = ops[1].clone();
                if self.is_untyped(n.typ) {
                    self.convert_untyped(&mut n, int_t);
                }
                x.mode = OpMode::Value;
                x.typ = self.p.types.slice(e);
            }
            SliceData => {
                let s = ops[0].clone();
                let Type::Slice(e) = self.p.ty(self.under(s.typ)).clone() else {
                    self.error(
                        s.pos(),
                        format!(
                            "invalid argument: {} is not a slice",
                            self.operand_string(&s)
                        ),
                    );
                    return;
                };
                x.mode = OpMode::Value;
                x.typ = self.p.types.pointer(e);
            }
            String => {
                let p = ops[0].clone();
                let u8t = self.p.byte_type;
                let bp = self.p.types.pointer(u8t);
                let mut p2 = p;
                self.assignment(&mut p2, bp, "argument to unsafe.String");
                let mut n = ops[1].clone();
                if self.is_untyped(n.typ) {
                    self.convert_untyped(&mut n, int_t);
                }
                x.mode = OpMode::Value;
                x.typ = self.basic(BasicKind::String);
            }
            StringData => {
                let mut s = ops[0].clone();
                let st = self.basic(BasicKind::String);
                self.assignment(&mut s, st, "argument to unsafe.StringData");
                let u8t = self.p.byte_type;
                x.mode = OpMode::Value;
                x.typ = self.p.types.pointer(u8t);
            }
        }
    }
}

/// Whether an expression contains a function call or channel receive (then `len` of an array is
/// not constant).
pub(crate) fn contains_call_or_recv(info: &Info, e: Option<&Expr>) -> bool {
    let Some(e) = e else { return false };
    let walk = |e: &Expr, d: u32| walk_call_or_recv(info, e, d);
    walk(e, 0)
}

/// The walk behind [`contains_call_or_recv`]: the operand is already checked, so `info` tells
/// conversions (`(*T)(nil)`, whose function is a type) and constant-valued calls (`len` of a
/// constant) apart from real calls, as types2's `hasCallOrRecv` does.
fn walk_call_or_recv(info: &Info, e: &Expr, depth: u32) -> bool {
    let walk = |e: &Expr, d: u32| walk_call_or_recv(info, e, d);
    {
        if depth > 200 {
            return false;
        }
        let d = depth + 1;
        match &e.kind {
            ExprKind::Call { func, args, .. } => {
                if info
                    .types
                    .get(&e.id)
                    .is_some_and(|tv| tv.mode == Mode::Constant)
                {
                    return false;
                }
                let conversion = info
                    .types
                    .get(&func.id)
                    .is_some_and(|tv| tv.mode == Mode::TypeExpr);
                !conversion || args.iter().any(|a| walk(a, d))
            }
            ExprKind::Unary {
                op: crate::ast::UnaryOp::Recv,
                ..
            } => true,
            ExprKind::Unary { x, .. } | ExprKind::Paren(x) | ExprKind::Star(x) => walk(x, d),
            ExprKind::Selector { x, .. } => walk(x, d),
            ExprKind::Index { x, indices, .. } => walk(x, d) || indices.iter().any(|i| walk(i, d)),
            ExprKind::Binary { x, y, .. } => walk(x, d) || walk(y, d),
            ExprKind::Slice { x, lo, hi, max, .. } => {
                walk(x, d)
                    || [lo, hi, max]
                        .iter()
                        .any(|o| o.as_ref().is_some_and(|i| walk(i, d)))
            }
            ExprKind::CompositeLit { elts, .. } => elts.iter().any(|i| walk(i, d)),
            ExprKind::KeyValue { key, value, .. } => walk(key, d) || walk(value, d),
            ExprKind::TypeAssert { x, .. } => walk(x, d),
            _ => false,
        }
    }
}
